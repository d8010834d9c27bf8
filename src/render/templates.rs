//! The theme's Tera templates: loading them, and turning Tera's reports of their problems
//! into diagnostics at the template's line.

use super::Renderer;
use crate::diagnostics::{Diagnostic, Diagnostics};
use tera::Tera;

/// Tera's escaper: the five characters HTML needs, as everywhere else in the page (Tera's
/// own also turns `/` into `&#x2F;`, which makes every URL unreadable), written straight
/// into the page.
fn escape_html(input: &str, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    crate::autolink::escape_pieces(input, |piece| out.write_all(piece.as_bytes()))
}

pub(super) fn load_templates(
    templates: &[crate::theme::TemplateSource],
    diags: &Diagnostics,
) -> Option<Tera> {
    let mut tera = Tera::default();
    tera.autoescape_on(vec![".html", ".htm", ".xml"]);
    tera.set_escape_fn(escape_html);
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
    use super::{template_problems, TemplateProblem};

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
