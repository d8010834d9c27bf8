//! Standalone pages (`content/pages/**/*.md`): what a health publisher needs beside its
//! articles and records — about the site, its editorial and medical-review policy, contact,
//! privacy. Each is a Markdown file with a little front matter, published at its path
//! (`content/pages/about.md` at `/about/`, `content/pages/policies/index.md` at
//! `/policies/`), not listed among the articles, and linked from the header or footer when
//! its `menu` says so.

use crate::date::Date;
use crate::diagnostics::{Diagnostic, LineIndex, Location};
use crate::front_matter;
use crate::load::SourceFile;
use crate::markdown::{self, Body};
use crate::slug::slugify;
use crate::structured;
use serde::Deserialize;
use std::path::PathBuf;

/// The front matter fields of a page.
pub const FIELDS: &[&str] = &[
    "title",
    "description",
    "updated",
    "draft",
    "menu",
    "weight",
    "aliases",
    "extra",
];

/// Where a page is linked from on every page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Menu {
    /// The header's navigation, after the site's own entries.
    Main,
    /// The footer.
    Footer,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PageFront {
    pub title: String,
    #[serde(default)]
    pub description: Option<String>,
    #[serde(default, alias = "lastmod")]
    pub updated: Option<Date>,
    #[serde(default)]
    pub draft: bool,
    #[serde(default)]
    pub menu: Option<Menu>,
    /// Order in its menu, lowest first (then by title).
    #[serde(default)]
    pub weight: i64,
    /// Old URLs that redirect here.
    #[serde(default)]
    pub aliases: Vec<String>,
    #[serde(default)]
    pub extra: structured::Extra,
}

#[derive(Debug, Clone)]
pub struct SitePage {
    pub path: PathBuf,
    /// Site path without `base_path`: `/about/`.
    pub url: String,
    pub front: PageFront,
    pub body: Body,
    /// Where each of the body's links is written.
    pub link_locations: Vec<Location>,
    /// Where each of `front.aliases` is written.
    pub alias_locations: Vec<Location>,
}

/// The site's own folders, which no standalone page may take.
const RESERVED: [&str; 7] = [
    "articles",
    "symptoms",
    "supplements",
    "keywords",
    "tags",
    "authors",
    "search",
];

/// The first folder of `url` (`/search/help/`), where it is one the site writes itself.
pub fn reserved_folder(url: &str) -> Option<&str> {
    let first = url.trim_matches('/').split('/').next()?;
    RESERVED.contains(&first).then_some(first)
}

/// The URL of the page in `rel` (its path under `content/pages/`): each folder and the
/// file's stem slugified, an `index.md` or `_index.md` standing for its folder.
pub fn url_of(rel: &str) -> String {
    let stemmed = rel.strip_suffix(".md").unwrap_or(rel);
    let mut parts: Vec<String> = stemmed.split('/').map(slugify).collect();
    // `_index` slugifies to `index`.
    if parts.last().is_some_and(|p| p == "index") {
        parts.pop();
    }
    parts.retain(|p| !p.is_empty());
    if parts.is_empty() {
        return "/".into();
    }
    format!("/{}/", parts.join("/"))
}

/// A standalone page, with the problems of the fields it was read without (a wrong
/// `updated`, a misspelt key, a bad alias), so that its links are checked in the same run as
/// an article's are; or, when it cannot be read on (no title, a wrong file), every problem.
pub fn parse(
    file: &SourceFile,
    labels: &crate::markdown::Labels,
) -> Result<(SitePage, Vec<Diagnostic>), Vec<Diagnostic>> {
    let split = front_matter::split(&file.text, &file.path).map_err(|d| vec![d])?;
    let (mut front, mut errors): (PageFront, _) =
        match front_matter::parse_as(&split, &file.path, FIELDS) {
            Ok(front) => (front, Vec::new()),
            Err((errors, Some(front))) => (*front, errors),
            Err((errors, None)) => return Err(errors),
        };
    let at = |key: &str, value: &str| front_matter::locate(&split, &file.path, key, value);
    let alias_locations =
        front_matter::check_aliases(&mut front.aliases, |a| at("aliases", a), &mut errors);
    let mut fatal = Vec::new();
    if front.title.trim().is_empty() {
        fatal.push(
            Diagnostic::error("`title` is empty")
                .at_location(at("title", ""))
                .hint("every page needs a title"),
        );
    }
    let url = url_of(&file.rel);
    if url == "/" {
        fatal.push(
            Diagnostic::error(format!(
                "`content/pages/{}` would be the home page",
                file.rel
            ))
            .in_file(&file.path)
            .hint("write the home page's text in `content/_index.md`"),
        );
    }
    if !fatal.is_empty() {
        errors.extend(fatal);
        return Err(errors);
    }
    let body = markdown::parse(split.body, split.body_offset, false, "", labels);
    let index = LineIndex::new(&file.text);
    let link_locations = index.locations(&file.path, body.links.iter().map(|l| l.offset));
    let page = SitePage {
        path: file.path.clone(),
        url,
        front,
        body,
        link_locations,
        alias_locations,
    };
    Ok((page, errors))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_page_is_published_at_its_path() {
        assert_eq!(url_of("about.md"), "/about/");
        assert_eq!(
            url_of("Policies/Editorial Policy.md"),
            "/policies/editorial-policy/"
        );
        assert_eq!(url_of("policies/index.md"), "/policies/");
        assert_eq!(url_of("policies/_index.md"), "/policies/");
        assert_eq!(url_of("index.md"), "/");
    }
}
