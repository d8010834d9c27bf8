//! `site.toml`: the site's title, address, theme and cross-linking rules. Unknown keys are
//! errors (with a "did you mean"), so a typo never silently changes nothing.

use crate::diagnostics::Diagnostic;
use crate::structured::{self, Format, Origin};
use serde::Deserialize;
use std::path::Path;

const FIELDS: &[&str] = &[
    "title",
    "base_url",
    "language",
    "description",
    "theme",
    "disclaimer",
    "review_interval_days",
    "linking",
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
    #[serde(default)]
    linking: Linking,
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

impl Default for Linking {
    fn default() -> Self {
        Linking {
            max_links_per_term: 1,
            exclude: Vec::new(),
        }
    }
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
    pub linking: Linking,
}

impl SiteConfig {
    pub fn parse(text: &str, file: &Path) -> Result<SiteConfig, Diagnostic> {
        let origin = Origin {
            file,
            line_offset: 0,
        };
        let raw: RawConfig =
            structured::parse(text, Format::Toml, origin, "invalid site.toml", FIELDS)?;
        let base_url = raw.base_url.trim().trim_end_matches('/').to_string();
        let Some(after_scheme) = base_url
            .strip_prefix("https://")
            .or_else(|| base_url.strip_prefix("http://"))
        else {
            return Err(Diagnostic::error(format!(
                "`base_url` must be an absolute http(s) address, not `{}`",
                raw.base_url
            ))
            .at(file, line_of_key(text, "base_url"), 1)
            .hint("write it like `base_url = \"https://example.org\"`"));
        };
        let base_path = match after_scheme.find('/') {
            Some(i) => after_scheme[i..].to_string(),
            None => String::new(),
        };
        Ok(SiteConfig {
            title: raw.title,
            base_path,
            base_url,
            language: raw.language.unwrap_or_else(|| "en".into()),
            description: raw.description.unwrap_or_default(),
            theme: raw.theme.unwrap_or_else(|| "default".into()),
            disclaimer: raw.disclaimer.unwrap_or_default(),
            review_interval_days: raw.review_interval_days,
            linking: raw.linking,
        })
    }

    /// The absolute address of a site path such as `/symptoms/fatigue/` (given without
    /// `base_path`).
    pub fn absolute(&self, path: &str) -> String {
        // Not `format!`: called for every link of every page's JSON-LD and feeds.
        [self.base_url.as_str(), path].concat()
    }
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
    fn unknown_key_is_an_error_with_hint() {
        let err = SiteConfig::parse(
            "title = \"t\"\nbase_url = \"https://x.org\"\ntheem = \"x\"\n",
            Path::new("site.toml"),
        )
        .err();
        assert_eq!(
            err.and_then(|d| d.hint),
            Some("did you mean `theme`?".into())
        );
    }
}
