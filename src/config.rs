//! `site.toml`: the site's title, address, theme and cross-linking rules. Unknown keys are
//! errors (with a "did you mean"), so a typo never silently changes nothing.

use crate::date::Date;
use crate::diagnostics::{Diagnostic, LineIndex};
use crate::structured::{self, Extra, Format, Origin};
use crate::translations::Words;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::Path;

const FIELDS: &[&str] = &[
    "title",
    "base_url",
    "language",
    "description",
    "theme",
    "disclaimer",
    "review_interval_days",
    "paginate_by",
    "linking",
    "search",
    "translations",
    "extra",
];

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    title: String,
    base_url: String,
    #[serde(default)]
    language: Option<String>,
    #[serde(default)]
    description: Option<String>,
    #[serde(default)]
    theme: Option<String>,
    #[serde(default)]
    disclaimer: Option<String>,
    #[serde(default)]
    review_interval_days: Option<u32>,
    #[serde(default = "fifty")]
    paginate_by: usize,
    #[serde(default)]
    linking: Linking,
    #[serde(default)]
    search: Search,
    /// Keys with where they are written, for errors that point at the key.
    #[serde(default)]
    translations: BTreeMap<toml::Spanned<String>, String>,
    #[serde(default)]
    extra: Extra,
}

/// The `[linking]` table.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Linking {
    /// How many mentions of one page are linked on a page (the first N).
    #[serde(default = "one")]
    pub max_links_per_term: usize,
    /// Terms that are never linked (compared case-insensitively).
    #[serde(default)]
    pub exclude: Vec<String>,
}

fn one() -> usize {
    1
}

/// The default page size of listings: a section of a few dozen articles stays one page,
/// one of thousands is not one page of megabytes.
fn fifty() -> usize {
    50
}

impl Default for Linking {
    fn default() -> Self {
        Linking {
            max_links_per_term: 1,
            exclude: Vec::new(),
        }
    }
}

/// The `[search]` table.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Search {
    /// Groups of words or phrases that readers use for one another (`["elderly", "older
    /// adults"]`): a query for any of them also finds the pages that use another. Record
    /// aliases already work this way for symptoms and supplements; these are for the rest
    /// of a site's vocabulary.
    #[serde(default)]
    pub synonyms: Vec<Vec<String>>,
}

#[derive(Debug, Clone)]
pub struct SiteConfig {
    pub title: String,
    /// Scheme and host, plus an optional path; never ends with `/`.
    pub base_url: String,
    /// The path part of `base_url` (`/docs` or empty), prefixed to every site URL so the
    /// output works when deployed below a domain's root.
    pub base_path: String,
    pub language: String,
    pub description: String,
    pub theme: String,
    pub disclaimer: String,
    pub review_interval_days: Option<u32>,
    /// How many articles a section, keyword or tag page lists before the rest go to
    /// `page/2/` and on; 0 lists them all on one page.
    pub paginate_by: usize,
    pub linking: Linking,
    pub search: Search,
    /// The words of the theme and of Materia's own page text in `language`, with
    /// `[translations]` over them.
    pub words: Words,
    /// The `[extra]` table, for the theme's templates (`site.extra`).
    pub extra: Extra,
}

impl SiteConfig {
    /// A warning for a site in a language Materia has no texts of (`nl`) whose
    /// `[translations]` leaves some of them out: its pages would show those in English.
    /// `text` is site.toml's, which `file` is.
    pub fn untranslated_warning(&self, text: &str, file: &Path) -> Option<Diagnostic> {
        let missing = self.words.untranslated();
        if missing.is_empty() {
            return None;
        }
        let mut named: Vec<String> = missing.iter().take(3).map(|k| format!("`{k}`")).collect();
        if missing.len() > 3 {
            named.push("…".into());
        }
        Some(
            Diagnostic::warning(format!(
                "language `{}` has no built-in texts: {} of the texts pages show will be in English ({})",
                self.language,
                missing.len(),
                named.join(", ")
            ))
            .at(file, line_of_key(text, "language"), 1)
            .hint(format!(
                "give them in `[translations]` (docs/themes.md lists the keys), or set `language` to one with texts built in: {}",
                crate::translations::built_in_languages()
                    .map(|code| format!("`{code}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            )),
        )
    }

    /// When an article reviewed on `reviewed_on` is due for review again: `None` when the
    /// site sets no `review_interval_days`. Pages show "review due" after that day, and
    /// `materia check` warns of them.
    pub fn review_due(&self, reviewed_on: Date) -> Option<Date> {
        let days = self.review_interval_days?;
        Some(Date::from_days_since_epoch(
            reviewed_on.days_since_epoch() + i64::from(days),
        ))
    }

    pub fn parse(text: &str, file: &Path) -> Result<SiteConfig, Vec<Diagnostic>> {
        let origin = Origin {
            file,
            line_offset: 0,
        };
        let raw: RawConfig =
            structured::parse(text, Format::Toml, origin, "invalid site.toml", FIELDS)?;
        let Some((base_url, base_path)) = split_base_url(&raw.base_url) else {
            return Err(vec![Diagnostic::error(format!(
                "`base_url` must be an absolute http(s) address, not `{}`",
                raw.base_url
            ))
            .at(file, line_of_key(text, "base_url"), 1)
            .hint("write it like `base_url = \"https://example.org\"`")]);
        };
        if let Some(group) = raw
            .search
            .synonyms
            .iter()
            .find(|g| g.iter().filter(|w| !w.trim().is_empty()).count() < 2)
        {
            let (line, col) = group
                .iter()
                .find(|w| !w.trim().is_empty())
                .and_then(|w| position_after(text, "synonyms", &format!("\"{w}\"")))
                .unwrap_or_else(|| (line_of_key(text, "synonyms"), 1));
            return Err(vec![Diagnostic::error(format!(
                "a synonym group needs two words or phrases or more, not {group:?}"
            ))
            .at(file, line, col)
            .hint("list the words readers use for one another in one group, like `[\"elderly\", \"older adults\"]`")]);
        }
        let language = raw.language.unwrap_or_else(|| "en".into());
        let index = LineIndex::new(text);
        let overrides = raw
            .translations
            .iter()
            .map(|(key, text)| (key.get_ref(), text));
        let words = Words::new(&language, overrides).map_err(|bad| {
            bad.into_iter()
                .map(|b| {
                    let (line, col) = raw
                        .translations
                        .keys()
                        .find(|k| *k.get_ref() == b.key)
                        .map(|k| index.position(k.span().start))
                        .unwrap_or_else(|| (line_of_key(text, "[translations]"), 1));
                    Diagnostic::error(format!("in [translations]: {}", b.message))
                        .at(file, line, col)
                        .hint(b.hint)
                })
                .collect::<Vec<_>>()
        })?;
        Ok(SiteConfig {
            title: raw.title,
            base_path,
            base_url,
            language,
            description: raw.description.unwrap_or_default(),
            theme: raw.theme.unwrap_or_else(|| "default".into()),
            disclaimer: raw.disclaimer.unwrap_or_default(),
            review_interval_days: raw.review_interval_days,
            paginate_by: raw.paginate_by,
            linking: raw.linking,
            search: raw.search,
            words,
            extra: raw.extra,
        })
    }

    /// Builds the site for another address than `site.toml`'s (`materia build --base-url`,
    /// for a preview deploy). `url` is as [`split_base_url`] takes it.
    pub fn set_base_url(&mut self, url: &str) -> Result<(), String> {
        let (base_url, base_path) = split_base_url(url)
            .ok_or_else(|| format!("`{url}` is not an absolute http(s) address"))?;
        self.base_url = base_url;
        self.base_path = base_path;
        Ok(())
    }

    /// The absolute address of a site path such as `/symptoms/fatigue/` (given without
    /// `base_path`).
    pub fn absolute(&self, path: &str) -> String {
        // Not `format!`: called for every link of every page's JSON-LD and feeds.
        [self.base_url.as_str(), path].concat()
    }
}

/// An absolute http(s) address as `base_url` and `base_path`: without its trailing `/`, and
/// the path after the host (`/kb`, or empty at a domain's root).
pub fn split_base_url(raw: &str) -> Option<(String, String)> {
    let base_url = raw.trim().trim_end_matches('/').to_string();
    let after_scheme = base_url
        .strip_prefix("https://")
        .or_else(|| base_url.strip_prefix("http://"))
        .filter(|host| !host.is_empty() && !host.starts_with('/'))?;
    let base_path = after_scheme
        .find('/')
        .map_or_else(String::new, |i| after_scheme[i..].to_string());
    Some((base_url, base_path))
}

/// Whether `base_url` is an address reserved for examples and tests (RFC 2606 and 6761:
/// `example.org`, `example.com`, `example.net` and the names under them; `.example`,
/// `.test`, `.invalid`, `localhost`), which no reader can visit: a site built for one has
/// canonical URLs, a sitemap and feeds that lead nowhere once deployed. `init` writes
/// `https://example.org` until the author knows the real address.
pub fn is_placeholder(base_url: &str) -> bool {
    let rest = base_url
        .strip_prefix("https://")
        .or_else(|| base_url.strip_prefix("http://"))
        .unwrap_or(base_url);
    let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
    let host = authority.rsplit('@').next().unwrap_or_default();
    // A port follows the last colon, except in a bracketed IPv6 address (never reserved).
    let host = host.split(':').next().unwrap_or_default();
    let host = host.trim_end_matches('.').to_ascii_lowercase();
    let under = |name: &str| host == name || host.ends_with(&format!(".{name}"));
    [
        "example.org",
        "example.com",
        "example.net",
        "example",
        "test",
        "invalid",
        "localhost",
    ]
    .iter()
    .any(|name| under(name))
}

/// Where `needle` first is from the line of `key` on, as a 1-based line and column (in
/// characters): the same words may stand earlier in the file, in its description.
fn position_after(text: &str, key: &str, needle: &str) -> Option<(usize, usize)> {
    let from = line_of_key(text, key) - 1;
    text.lines().enumerate().skip(from).find_map(|(i, l)| {
        l.find(needle)
            .map(|at| (i + 1, l[..at].chars().count() + 1))
    })
}

fn line_of_key(text: &str, key: &str) -> usize {
    text.lines()
        .position(|l| l.trim_start().starts_with(key))
        .map_or(1, |i| i + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reserved_example_addresses_are_placeholders() {
        for url in [
            "https://example.org",
            "http://EXAMPLE.com/kb",
            "https://docs.example.net",
            "https://preview.example.org:8443/kb",
            "https://site.example",
            "https://kb.test/",
            "https://x.invalid",
            "http://localhost:1111",
            "https://example.org.",
        ] {
            assert!(is_placeholder(url), "{url}");
        }
        for url in [
            "https://health.org",
            "https://myexample.org",
            "https://example.org.uk",
            "https://example.organic",
            "https://testing.dev",
            "https://kb.clinic.net/example.org",
            "http://127.0.0.1:8000",
        ] {
            assert!(!is_placeholder(url), "{url}");
        }
    }

    #[test]
    fn base_path_comes_from_base_url() {
        let c = SiteConfig::parse(
            "title = \"t\"\nbase_url = \"https://x.org/kb/\"\n",
            Path::new("site.toml"),
        );
        let c = c.ok();
        assert_eq!(c.as_ref().map(|c| c.base_path.as_str()), Some("/kb"));
        assert_eq!(
            c.map(|c| c.absolute("/a/")),
            Some("https://x.org/kb/a/".into())
        );
    }

    #[test]
    fn an_address_needs_a_scheme_and_a_host() {
        let split = |u: &str| split_base_url(u);
        assert_eq!(
            split("http://x.org"),
            Some(("http://x.org".into(), String::new()))
        );
        assert_eq!(
            split(" https://x.org/a/b/ "),
            Some(("https://x.org/a/b".into(), "/a/b".into()))
        );
        for bad in ["x.org", "https://", "https:///kb", "ftp://x.org", ""] {
            assert_eq!(split(bad), None, "{bad}");
        }
    }

    #[test]
    fn a_synonym_group_of_one_word_is_an_error_on_its_line() {
        let text = "title = \"t\"\nbase_url = \"https://x.org\"\n[search]\nsynonyms = [\n  \
                    [\"dosage\", \"dose\"],\n  [\"elderly\", \" \"],\n]\n";
        // The word earlier in the file is not where the group is.
        let text = &text.replace("title = \"t\"", "title = 'On \"elderly\" care'");
        let err = SiteConfig::parse(text, Path::new("site.toml")).err();
        let err = err
            .and_then(|all| all.into_iter().next())
            .map(|d| (d.message, d.location.map(|l| (l.line, l.col))));
        assert_eq!(
            err,
            Some((
                "a synonym group needs two words or phrases or more, not [\"elderly\", \" \"]"
                    .into(),
                Some((6, 4))
            ))
        );
        let ok = text.replace("\" \"", "\"older adults\"");
        let groups = SiteConfig::parse(&ok, Path::new("site.toml")).map(|c| c.search.synonyms);
        assert_eq!(groups.ok().map(|g| g.len()), Some(2));
    }

    #[test]
    fn unknown_key_is_an_error_with_hint() {
        let err = SiteConfig::parse(
            "title = \"t\"\nbase_url = \"https://x.org\"\ntheem = \"x\"\n",
            Path::new("site.toml"),
        )
        .err();
        assert_eq!(
            err.and_then(|d| d.into_iter().next()?.hint),
            Some("did you mean `theme`?".into())
        );
    }
}
