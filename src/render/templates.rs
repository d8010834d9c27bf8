//! The theme's Tera templates: loading them, and turning Tera's reports of their problems
//! into diagnostics at the template's line.

use super::Renderer;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::translations::Words;
use std::borrow::Cow;
use tera::Tera;

/// Tera's escaper: the five characters HTML needs, as everywhere else in the page (Tera's
/// own also turns `/` into `&#x2F;`, which makes every URL unreadable), written straight
/// into the page.
fn escape_html(input: &str, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    crate::autolink::escape_pieces(input, |piece| out.write_all(piece.as_bytes()))
}

/// The theme's templates, compiled, with `{{ i18n.key }}` written in as the site's text
/// (see [`inline_words`]).
pub(super) fn load_templates(
    templates: &[crate::theme::TemplateSource],
    words: &Words,
    diags: &Diagnostics,
) -> Option<Tera> {
    let fresh = || {
        let mut tera = Tera::default();
        tera.autoescape_on(vec![".html", ".htm", ".xml"]);
        tera.set_escape_fn(escape_html);
        // Tera checks that every function a template calls exists as it compiles it; the
        // site's own words replace these before each render.
        add_words(&mut tera, &Words::default());
        tera
    };
    let mut tera = fresh();
    let inlined: Vec<(&str, Cow<str>)> = templates
        .iter()
        .map(|t| (t.name.as_str(), inline_words(&t.name, &t.text, words)))
        .collect();
    if tera
        .add_raw_templates(inlined.iter().map(|(n, t)| (*n, &**t)))
        .is_ok()
    {
        return Some(tera);
    }
    // The errors as the author's files have them: columns past an inlined text would be off.
    let mut tera = fresh();
    let raw: Vec<(&str, &str)> = templates
        .iter()
        .map(|t| (t.name.as_str(), t.text.as_str()))
        .collect();
    match tera.add_raw_templates(raw) {
        Ok(()) => Some(tera),
        Err(e) => {
            for problem in template_problems(&e) {
                diags.push(
                    problem
                        .diagnostic(templates, "theme template error: ")
                        .hint(
                            "fix the template's Tera 2 syntax (https://keats.github.io/tera/docs/)",
                        ),
                );
            }
            None
        }
    }
}

/// `{{ i18n.key }}`, written just so, replaced in a template's source by the text itself,
/// escaped as Tera would: the text is the same for every page of a build, and a lookup per
/// page made each one cost about 3 % of the build of 10,000 articles (a page has a dozen or
/// more). Anything else (`{{ i18n.key | upper }}`, a text with braces, a template Tera does
/// not escape) is left to Tera. Done on the source, it does not know Tera's scopes: a
/// variable a theme names `i18n` is not seen (docs/themes.md reserves the name).
fn inline_words<'t>(name: &str, text: &'t str, words: &Words) -> Cow<'t, str> {
    const OPEN: &str = "{{ i18n.";
    if !text.contains(OPEN)
        || ![".html", ".htm", ".xml"]
            .iter()
            .any(|ext| name.ends_with(ext))
    {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find(OPEN) {
        out.push_str(&rest[..at]);
        let after = &rest[at + OPEN.len()..];
        let key_len = after
            .bytes()
            .take_while(|b| b.is_ascii_alphanumeric() || *b == b'_')
            .count();
        let key = &after[..key_len];
        let text = words.get(key);
        match after[key_len..].strip_prefix(" }}") {
            Some(tail) if words.has(key) && !text.contains(['{', '}']) => {
                crate::autolink::push_escaped(&mut out, text);
                rest = tail;
            }
            _ => {
                out.push_str(OPEN);
                rest = after;
            }
        }
    }
    out.push_str(rest);
    Cow::Owned(out)
}

/// Gives templates the site's words: `i18n.key` for a text as it is, and
/// `tr(key="…", n=…, name=…, total=…)` for one that counts (`n` picks the singular or plural
/// form) or has placeholders. Called for each render, since `[translations]` can change in
/// `serve` while the templates stay as they were.
pub(super) fn add_words(tera: &mut Tera, words: &Words) {
    tera.global_context().insert("i18n", words);
    let words = std::sync::Arc::new(words.clone());
    tera.register_function(
        "tr",
        move |kwargs: tera::Kwargs, _: &tera::State| -> tera::TeraResult<String> {
            let key = kwargs.must_get::<&str>("key")?;
            let shown = |name: &str| -> tera::TeraResult<Option<String>> {
                Ok(kwargs.get::<&tera::Value>(name)?.map(|v| match v.as_str() {
                    Some(s) => s.to_string(),
                    None => v.to_string(),
                }))
            };
            let mut fill: Vec<(&str, String)> = Vec::new();
            for name in ["name", "total", "q"] {
                if let Some(value) = shown(name)? {
                    fill.push((name, value));
                }
            }
            let fill: Vec<(&str, &str)> = fill.iter().map(|(k, v)| (*k, v.as_str())).collect();
            Ok(match kwargs.get::<i64>("n")? {
                Some(n) => words.count(key, n, &fill),
                None => words.fill(key, &fill),
            })
        },
    );
}

/// One problem as Tera reports it: the message, the template and position it names, and
/// the source lines under that (Tera prints its errors rustc-style too).
#[derive(Debug, PartialEq)]
struct TemplateProblem {
    message: String,
    at: Option<(String, usize, usize)>,
    excerpt: Option<String>,
}

impl TemplateProblem {
    /// A diagnostic at the theme file's line and column. The built-in theme's templates
    /// have no file, so those are named in the message instead.
    fn diagnostic(self, templates: &[crate::theme::TemplateSource], prefix: &str) -> Diagnostic {
        let mut message = format!("{prefix}{}", self.message);
        let mut file = None;
        if let Some((name, line, col)) = &self.at {
            match templates.iter().find(|t| &t.name == name).map(|t| &t.path) {
                Some(Some(path)) => file = Some((path, *line, *col)),
                Some(None) => message.push_str(&format!(
                    " (in the built-in `{name}`, line {line}, column {col})"
                )),
                None => {}
            }
        }
        let d = Diagnostic::error(message).maybe_excerpt(self.excerpt);
        match file {
            Some((path, line, col)) => d.at(path, line, col),
            None => d,
        }
    }
}

/// Splits a Tera error into its problems. Tera 2 reports every problem of a template set at
/// once, as rustc-style blocks (`error: …`, ` --> name:line:col`, the source line and a
/// caret, then any `note:` blocks) separated by blank lines.
fn template_problems(e: &tera::Error) -> Vec<TemplateProblem> {
    let text = error_chain(e);
    let mut problems: Vec<TemplateProblem> = Vec::new();
    for block in text.split("\n\n") {
        if block.starts_with("note:") {
            if let Some(last) = problems.last_mut() {
                let excerpt = last.excerpt.get_or_insert_with(String::new);
                excerpt.push('\n');
                excerpt.push_str(block);
                continue;
            }
        }
        let mut lines = block.lines();
        let first = lines.next().unwrap_or_default();
        let message = first.strip_prefix("error: ").unwrap_or(first).to_string();
        let rest: Vec<&str> = lines.collect();
        let at = rest.first().and_then(|l| {
            let (name, position) = l
                .trim_start()
                .strip_prefix("--> ")?
                .rsplit_once(':')
                .and_then(|(head, col)| {
                    let (name, line) = head.rsplit_once(':')?;
                    Some((name, (line.parse().ok()?, col.parse().ok()?)))
                })?;
            Some((name.to_string(), position.0, position.1))
        });
        let excerpt = match at {
            Some(_) if rest.len() > 1 => Some(rest[1..].join("\n")),
            _ if rest.is_empty() => None,
            _ => Some(rest.join("\n")),
        };
        problems.push(TemplateProblem {
            message,
            at,
            excerpt,
        });
    }
    problems
}

/// An error and its sources, one line each.
pub(super) fn error_chain(e: &dyn std::error::Error) -> String {
    let mut parts = vec![e.to_string()];
    let mut source = e.source();
    while let Some(s) = source {
        parts.push(s.to_string());
        source = s.source();
    }
    parts.join("\n")
}

/// A page's variables that Tera could not take (a value it cannot represent).
pub(super) fn prepare_error(template: &str, e: &dyn std::error::Error) -> Diagnostic {
    Diagnostic::error(format!("cannot prepare `{template}`: {}", error_chain(e)))
}

impl Renderer<'_> {
    /// `template` rendered with `vars` for the page at `page`, into a buffer of `capacity`.
    pub(super) fn render_template<T: serde::Serialize + ?Sized>(
        &self,
        template: &str,
        vars: &T,
        page: &str,
        capacity: usize,
    ) -> Result<Vec<u8>, Diagnostic> {
        let context =
            tera::Context::from_serialize(vars).map_err(|e| prepare_error(template, &e))?;
        let mut html = Vec::with_capacity(capacity);
        self.tera
            .render_to(template, &context, &mut html)
            .map_err(|e| self.render_error(template, page, &e))?;
        Ok(html)
    }

    /// The first problem of a page's failed render, at the template line it names. Tera
    /// stops at the first problem of a render, so there is only one to report.
    pub(super) fn render_error(&self, template: &str, page: &str, e: &tera::Error) -> Diagnostic {
        let prefix = format!("template `{template}` failed on {page}: ");
        let d = match template_problems(e).into_iter().next() {
            Some(problem) => problem.diagnostic(&self.c.theme.templates, &prefix),
            None => Diagnostic::error(format!("{prefix}{e}")),
        };
        d.hint("check the variable names against docs/themes.md")
    }
}

#[cfg(test)]
mod tests {
    use super::{inline_words, template_problems, TemplateProblem, Words};

    #[test]
    fn plain_lookups_of_the_words_are_written_in_escaped() {
        let words = Words::new(
            "en",
            &std::collections::BTreeMap::from([("home".to_string(), "Start & <go>".to_string())]),
        )
        .unwrap_or_default();
        let inline = |name: &str, text: &str| inline_words(name, text, &words).into_owned();
        assert_eq!(
            inline("a.html", "<a>{{ i18n.home }}</a>{{ i18n.search }}"),
            "<a>Start &amp; &lt;go&gt;</a>Search"
        );
        // What Tera must do itself: a filter, an unknown key, a text with placeholders,
        // whitespace control, a template Tera does not escape.
        for text in [
            "{{ i18n.home | upper }}",
            "{{ i18n.nope }}",
            "{{ i18n.min_read }}",
            "{{- i18n.home }}",
            "{{ i18n.home -}}",
        ] {
            assert_eq!(inline("a.html", text), text);
        }
        assert_eq!(inline("a.txt", "{{ i18n.home }}"), "{{ i18n.home }}");
    }

    /// Tera's report of two problems, the first with a note, becomes two problems; the note
    /// stays with its own.
    #[test]
    fn template_problems_split_tera_reports_and_keep_notes() {
        let report = "error: Field `x` is not defined\n  --> base.html:12:4\n   |\n12 | {{ x }}\n   |    ^\n\n\
                      note: called from article.html:1:12\n  |\n1 | {% include \"base.html\" %}\n  |            ^\n\n\
                      error: Unknown filter `f`\n --> term.html:3:9\n  |\n3 | {{ y | f }}\n  |        ^";
        let problems = template_problems(&tera::Error::message(report));
        assert_eq!(problems.len(), 2, "{problems:?}");
        assert_eq!(problems[0].message, "Field `x` is not defined");
        assert_eq!(problems[0].at, Some(("base.html".into(), 12, 4)));
        let first = problems[0].excerpt.as_deref().unwrap_or_default();
        assert!(first.starts_with("   |\n12 | {{ x }}"), "{first}");
        assert!(
            first.contains("note: called from article.html:1:12"),
            "{first}"
        );
        assert_eq!(problems[1].at, Some(("term.html".into(), 3, 9)));
        // A message with no position is kept whole.
        assert_eq!(
            template_problems(&tera::Error::message("Template 'x.html' not found")),
            [TemplateProblem {
                message: "Template 'x.html' not found".into(),
                at: None,
                excerpt: None
            }]
        );
    }
}
