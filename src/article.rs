//! Articles: front matter read and checked, body parsed, URL decided. An article knows
//! nothing yet of other pages; the catalog resolves the ids and links it names.

use crate::diagnostics::{Diagnostic, LineIndex, Location};
use crate::front_matter::{self, FrontMatter, Reference};
use crate::load::SourceFile;
use crate::markdown::{self, ClosingList, FootnoteFault, Labels, Outline, Prepared};
use crate::records::IdRef;
use crate::slug::slugify;
use crate::words;
use std::path::{Path, PathBuf};

#[derive(Debug, Clone)]
pub struct Article {
    pub path: PathBuf,
    /// Section folders, as slugs (`["deficiencies"]`); empty for top-level articles.
    pub section: Vec<String>,
    pub slug: String,
    /// Site path without `base_path`: `/articles/deficiencies/b12/`.
    pub url: String,
    pub front: FrontMatter,
    /// Front matter keywords, or else the trailing "Important Keywords" list.
    pub keywords: Vec<String>,
    /// Front matter tags, or else a closing "Tags: …" list.
    pub tags: Vec<String>,
    /// Its authors, then its medical reviewer if not one of them: the people credited on
    /// the page, each with a page listing their articles.
    pub credited: Vec<String>,
    /// Front matter references, or else a closing "References" section's citations.
    pub references: Vec<Reference>,
    pub symptoms: Vec<IdRef>,
    pub supplements: Vec<IdRef>,
    pub body: Outline,
    /// The body's HTML, for the link stage to complete.
    pub prepared: Prepared,
    /// Where each of `body.links` is written.
    pub link_locations: Vec<Location>,
    /// Where each of `front.aliases` is written.
    pub alias_locations: Vec<Location>,
    /// Where each of `keywords` and of `tags` is written (line and column in `path`): the
    /// catalog points there when two spellings would share one page.
    pub keyword_places: Vec<(usize, usize)>,
    pub tag_places: Vec<(usize, usize)>,
    /// The references whose address is a path of this site (by their place in
    /// `references`), and where that address is written: the link stage checks them.
    pub reference_locations: Vec<(usize, Location)>,
    /// Where `reviewed_on` is written (the file's first line without one), for
    /// `materia check`'s review warnings.
    pub review_location: Location,
    /// Hash of the file's text: what caches of later stages key on.
    pub source_hash: u64,
    /// What is odd but does not stop the article (dates out of order), reported by every
    /// build that uses it.
    pub warnings: Vec<Diagnostic>,
    /// The problems of a file read in spite of them, its wrong fields left out (a misspelt
    /// key, a bad date): they fail the build, but the article is catalogued and linked, so
    /// that the same run finds its other problems (an unknown id, a broken link). Empty in
    /// every build that succeeds.
    pub errors: Vec<Diagnostic>,
}

/// A fast, stable hash of a text (the same in every run of the program), for noticing
/// that a file changed. rustc-hash reads 16 bytes a step where SipHash read one, and every
/// file of the site is hashed as it is read (1 % of a build with SipHash).
pub fn text_hash(text: &str) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = rustc_hash::FxHasher::default();
    text.hash(&mut h);
    h.finish()
}

/// `labels`: what the body's own markup says, in the site's language.
pub fn parse(file: &SourceFile, labels: &Labels) -> Result<Article, Vec<Diagnostic>> {
    let split = front_matter::split(&file.text, &file.path).map_err(|d| vec![d])?;
    let (mut front, mut problems) = match front_matter::parse(&split, &file.path) {
        Ok(front) => (front, Vec::new()),
        Err((problems, Some(rest))) => (*rest, problems),
        Err((problems, None)) => return Err(problems),
    };
    let at = |key: &str, value: &str| front_matter::locate(&split, &file.path, key, value);
    if front.title.trim().is_empty() {
        problems.push(
            Diagnostic::error("`title` is empty")
                .at_location(at("title", ""))
                .hint("every article needs a title"),
        );
    }
    let rel = Path::new(&file.rel);
    let slug = slug_of(&front, rel, |s| at("slug", s), &mut problems);
    if slug.is_empty() {
        problems.push(
            Diagnostic::error(format!("`{}` gives an empty URL slug", file.rel))
                .in_file(&file.path)
                .hint("rename the file with letters or digits, or set `slug:` in the front matter"),
        );
    }
    let section = section_of(rel);
    let alias_locations =
        front_matter::check_aliases(&mut front.aliases, |a| at("aliases", a), &mut problems);
    for r in &front.references {
        problems.extend(r.check(|url| at("references", url)));
    }
    let mut warnings = date_warnings(&front, crate::date::today(), |key| at(key, ""));
    let (text, offset) = without_repeated_title(split.body, split.body_offset, &front.title);
    let mut body = markdown::parse_article(text, offset, front.references.is_empty(), labels);
    let index = LineIndex::new(&file.text);
    let at_offset = |offset: usize| {
        let (line, col) = index.position(offset);
        Location {
            file: file.path.clone(),
            line,
            col,
        }
    };
    let link_locations = index.locations(&file.path, body.links.iter().map(|l| l.offset));
    warnings.extend(body_warnings(&body.outline, &at_offset));
    // A closing list stands in for its front matter field only where that is empty.
    let closing = |list: &Option<ClosingList>, front: &[String]| {
        list.as_ref().filter(|_| front.is_empty()).cloned()
    };
    let trailing_keywords = closing(&body.trailing_keywords, &front.keywords);
    let trailing_tags = closing(&body.trailing_tags, &front.tags);
    let keywords = match &trailing_keywords {
        Some(t) => t.items.clone(),
        None => front.keywords.clone(),
    };
    let tags = match &trailing_tags {
        Some(t) => t.items.clone(),
        None => front.tags.clone(),
    };
    warnings.extend(term_warnings(&keywords, &tags, |key, name| {
        let trailing = match key {
            "keywords" => &trailing_keywords,
            _ => &trailing_tags,
        };
        match trailing {
            // From the body's closing list: where the list is.
            Some(t) => at_offset(t.offset),
            None => at(key, name),
        }
    }));
    // A closing "References" section stands in for front matter's `references` only where
    // those are empty (`parse_article` takes it only then), as the closing lists do for
    // keywords and tags.
    let mut reference_locations = Vec::new();
    let references = if front.references.is_empty() {
        let taken = std::mem::take(&mut body.outline.references);
        for (i, r) in taken.iter().enumerate() {
            problems.extend(r.reference.check(|_| at_offset(r.offset)));
            if r.reference.site_path().is_some() {
                reference_locations.push((i, at_offset(r.offset)));
            }
        }
        taken.into_iter().map(|r| r.reference).collect()
    } else {
        for (i, r) in front.references.iter().enumerate() {
            if let Some(path) = r.site_path() {
                reference_locations.push((i, at("references", path)));
            }
        }
        front.references.clone()
    };
    let ids = |key: &str, list: &[String]| -> Vec<IdRef> {
        if list.is_empty() {
            return Vec::new();
        }
        let key = front_matter::KeyLines::new(split.front, split.front_line_offset, key);
        IdRef::located(list.iter().cloned(), &key, &file.path)
    };
    // A closing list's items are pointed at where the list starts.
    let places = |list: &Option<ClosingList>, key: &str, items: &[String]| match list {
        _ if items.is_empty() => Vec::new(),
        Some(t) => vec![index.position(t.offset); items.len()],
        None => front_matter::KeyLines::new(split.front, split.front_line_offset, key)
            .locate_all(items.iter().map(String::as_str)),
    };
    let keyword_places = places(&trailing_keywords, "keywords", &keywords);
    let tag_places = places(&trailing_tags, "tags", &tags);
    let symptoms = ids("symptoms", &front.symptoms);
    let supplements = ids("supplements", &front.supplements);
    // Without a slug there is no URL to read on with.
    if slug.is_empty() {
        return Err(problems);
    }
    let url = url_of(&section, &slug);
    let credited = credited(&front);
    Ok(Article {
        path: file.path.clone(),
        section,
        slug,
        url,
        front,
        keywords,
        tags,
        credited,
        references,
        symptoms,
        supplements,
        body: body.outline,
        prepared: body.prepared,
        link_locations,
        alias_locations,
        keyword_places,
        tag_places,
        reference_locations,
        review_location: Location {
            file: file.path.clone(),
            line: front_matter::key_line(&split, "reviewed_on").unwrap_or(1),
            col: 1,
        },
        source_hash: file.hash,
        warnings,
        errors: problems,
    })
}

/// The article's slug: front matter's `slug` (an error at `at` unless it is one already),
/// else from the file's name.
fn slug_of(
    front: &FrontMatter,
    rel: &Path,
    at: impl Fn(&str) -> Location,
    problems: &mut Vec<Diagnostic>,
) -> String {
    let stem = rel
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    match &front.slug {
        Some(s) => {
            let clean = slugify(s);
            if clean != *s {
                problems.push(
                    Diagnostic::error(format!("slug `{s}` is not a valid URL slug"))
                        .at_location(at(s))
                        .hint(if clean.is_empty() {
                            "use lower-case ASCII letters, digits and `-`".to_string()
                        } else {
                            format!("write it as `{clean}`")
                        }),
                );
            }
            clean
        }
        None => slugify(&stem),
    }
}

/// The URL the article `rel` (in content/articles/), which failed to read or to parse,
/// would most likely have had: its `slug` line's value where it has one (or a misspelt
/// `slug`'s), else its file name's.
pub fn likely_url(rel: &str, file: Option<&SourceFile>) -> String {
    let rel = Path::new(rel);
    let slug = meant_slug(file)
        .unwrap_or_else(|| slugify(&rel.file_stem().unwrap_or_default().to_string_lossy()));
    url_of(&section_of(rel), &slug)
}

/// The URL an article read without a wrong field meant to have, where it is not the one
/// it has: its `slug` was misspelt (`slgu: b12`), so links to the URL it names are not
/// reported missing beside the misspelling.
pub fn meant_url(article: &Article, file: &SourceFile) -> Option<String> {
    let slug = meant_slug(Some(file))?;
    let url = url_of(&section_of(Path::new(&file.rel)), &slug);
    (url != article.url).then_some(url)
}

fn meant_slug(file: Option<&SourceFile>) -> Option<String> {
    let split = front_matter::split(&file?.text, &file?.path).ok()?;
    Some(slugify(front_matter::meant_value(&split, "slug")?)).filter(|s| !s.is_empty())
}

/// `/articles/<section>/<slug>/`.
fn url_of(section: &[String], slug: &str) -> String {
    let mut url = String::from("/articles/");
    for s in section {
        url.push_str(s);
        url.push('/');
    }
    url.push_str(slug);
    url.push('/');
    url
}

/// An article's section: the folders it is in below `content/articles/`, as slugs.
fn section_of(rel: &Path) -> Vec<String> {
    rel.parent()
        .map(|p| {
            p.components()
                .map(|c| slugify(&c.as_os_str().to_string_lossy()))
                .filter(|s| !s.is_empty())
                .collect()
        })
        .unwrap_or_default()
}

/// What is odd in a body but does not stop it, each at its place (`at_offset` turns a byte
/// offset of the file into one): pictures without text, headings that skip a level,
/// footnotes undefined or unused.
fn body_warnings(outline: &Outline, at_offset: &impl Fn(usize) -> Location) -> Vec<Diagnostic> {
    let mut warnings = Vec::new();
    warnings.extend(outline.links.iter().filter(|l| l.no_alt).map(|l| {
        Diagnostic::warning(format!(
            "picture `{}` has no text: readers who cannot see it hear only its file name",
            l.dest
        ))
        .hint("say what it shows between the brackets: `![what it shows](…)`; a purely decorative picture can be HTML with an empty alt, `<img src=\"…\" alt=\"\">`")
        .at_location(at_offset(l.offset))
    }));
    warnings.extend(outline.heading_skips.iter().map(|skip| {
        let hashes = |n: u8| "#".repeat(usize::from(n));
        let own = hashes(skip.level);
        let (message, hint) = match skip.after {
            Some(after) => (
                format!(
                    "heading `{own}` comes straight after a `{}` heading",
                    hashes(after)
                ),
                format!(
                    "make it `{}`, or put a `{}` heading between them",
                    hashes(after + 1),
                    hashes(after + 1)
                ),
            ),
            None => {
                let top = hashes(skip.level - 1);
                (
                    format!("heading `{own}` comes before any `{top}` heading"),
                    format!("make it `{top}`, or put a `{top}` heading before it"),
                )
            }
        };
        Diagnostic::warning(format!(
            "{message}: readers who move through the page by its headings miss a level"
        ))
        .hint(hint)
        .at_location(at_offset(skip.offset))
    }));
    warnings.extend(outline.footnote_problems.iter().map(|problem| {
        let label = &problem.label;
        let (message, hint) = match problem.fault {
            FootnoteFault::Undefined => (
                format!("footnote `[^{label}]` is not defined: it is shown as written"),
                format!("add a line `[^{label}]: …` with the note, or correct the label to one that is defined"),
            ),
            FootnoteFault::Unused => (
                format!("footnote `[^{label}]` is never referred to: it is left out of the page"),
                format!("refer to it with `[^{label}]` where it applies, or remove the note"),
            ),
        };
        Diagnostic::warning(message)
            .hint(hint)
            .at_location(at_offset(problem.offset))
    }));
    warnings
}

fn credited(front: &FrontMatter) -> Vec<String> {
    let mut people: Vec<String> = Vec::new();
    for name in front.authors.iter().chain(&front.reviewed_by) {
        let name = name.trim();
        if !name.is_empty() && !people.iter().any(|p| p == name) {
            people.push(name.to_string());
        }
    }
    people
}

/// A body that opens by repeating the article's title, as a `# Title` heading or as the
/// first line of a pasted post, would show it twice under the page's own heading (and give
/// the page two `h1`s): that line is left out. Returns the body from the next line, and its
/// offset in the file, so positions stay the file's.
fn without_repeated_title<'a>(body: &'a str, offset: usize, title: &str) -> (&'a str, usize) {
    let start = body.len() - body.trim_start().len();
    let rest = &body[start..];
    let end = rest.find('\n').map_or(rest.len(), |i| i + 1);
    let line = rest[..end].trim();
    let heading = line
        .strip_prefix("# ")
        .map(|h| h.trim().trim_end_matches('#').trim());
    let same = |t: &str| words::normalise_term(t) == words::normalise_term(title);
    let after = &rest[end..];
    let repeated = match heading {
        Some(h) => same(h),
        None => {
            same(line)
                && (after.lines().next().is_none_or(|l| l.trim().is_empty())
                    || crate::plain_post::as_post(body).is_some())
        }
    };
    if repeated && !title.trim().is_empty() {
        (after, offset + start + end)
    } else {
        (body, offset)
    }
}

/// Keywords and tags that cannot do their job, pointed at where they are written: one with
/// no letter or digit has no slug, so no page (the catalog leaves it out), and a keyword as
/// common as "the" would link every page's first "the" (cross-linking leaves it out).
fn term_warnings(
    keywords: &[String],
    tags: &[String],
    locate: impl Fn(&str, &str) -> Location,
) -> Vec<Diagnostic> {
    let mut warnings = Vec::new();
    for (kind, key, names) in [("keyword", "keywords", keywords), ("tag", "tags", tags)] {
        for name in names.iter().filter(|n| !n.trim().is_empty()) {
            // Cheap tests first: every article names several, and slugs are not cheap.
            let warning = if !name.bytes().any(|b| b.is_ascii_alphanumeric())
                && slugify(name).is_empty()
            {
                Diagnostic::warning(format!(
                    "{kind} `{name}` has no letter or digit to make its page's URL of, and is left out"
                ))
                .hint(format!("give the {kind} a word, or remove it"))
            } else if kind == "keyword"
                && name.trim().len() <= words::LONGEST_STOP_WORD
                && words::is_stop_word(&words::normalise_term(name))
            {
                Diagnostic::warning(format!(
                    "keyword `{name}` is too common a word to link to a page: it is left out of cross-linking"
                ))
                .hint("remove it, or write the phrase readers use")
            } else {
                continue;
            };
            warnings.push(warning.at_location(locate(key, name)));
        }
    }
    warnings
}

/// Dates a health page must not get wrong: a medical review, or a change, dated after
/// today, has not happened (a typo in the year, usually); an article changed before it was
/// published has its dates swapped. `locate` finds a key's line.
fn date_warnings(
    front: &FrontMatter,
    today: crate::date::Date,
    locate: impl Fn(&str) -> Location,
) -> Vec<Diagnostic> {
    let mut warnings = Vec::new();
    for (key, date) in [
        ("reviewed_on", front.reviewed_on),
        ("updated", front.updated),
    ] {
        if let Some(date) = date.filter(|d| *d > today) {
            warnings.push(
                Diagnostic::warning(format!(
                    "`{key}` is {}, after today ({})",
                    date.iso(),
                    today.iso()
                ))
                .at_location(locate(key))
                .hint("pages show this date as past: check the year"),
            );
        }
    }
    if let (Some(date), Some(updated)) = (front.date, front.updated) {
        if updated < date {
            warnings.push(
                Diagnostic::warning(format!(
                    "`updated` ({}) is before `date` ({})",
                    updated.iso(),
                    date.iso()
                ))
                .at_location(locate("updated"))
                .hint("`date` is when the article was published, `updated` when it last changed"),
            );
        }
    }
    warnings
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An edit anywhere in a file changes its hash: one byte changed at every position,
    /// a byte added or removed at the end.
    #[test]
    fn every_small_edit_changes_the_hash() {
        let text: String = (0..300u32)
            .map(|i| char::from(b'a' + (i * 7 % 26) as u8))
            .collect();
        let mut seen = std::collections::HashSet::new();
        assert!(seen.insert(text_hash(&text)));
        for at in 0..text.len() {
            let mut edited = text.clone().into_bytes();
            edited[at] = if edited[at] == b'z' { b'y' } else { b'z' };
            let edited = String::from_utf8(edited).unwrap_or_default();
            assert!(seen.insert(text_hash(&edited)), "byte {at}");
        }
        assert!(seen.insert(text_hash(&text[..299])));
        assert!(seen.insert(text_hash(&format!("{text} "))));
        assert_eq!(text_hash(&text), text_hash(&text.clone()), "stable");
    }
}
