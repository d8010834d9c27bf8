//! Splits an article into front matter (YAML between `---` lines or TOML between `+++`
//! lines) and its Markdown body, and reads the front matter's fields.

use crate::date::Date;
use crate::diagnostics::{Diagnostic, Location};
use crate::structured::{self, Format, Origin};
use serde::Deserialize;
use std::path::Path;

pub const FIELDS: &[&str] = &[
    "title",
    "description",
    "date",
    "updated",
    "authors",
    "reviewed_by",
    "reviewed_on",
    "keywords",
    "symptoms",
    "supplements",
    "tags",
    "references",
    "slug",
    "draft",
    "aliases",
    "extra",
];

/// A citation: `{title, url}`.
#[derive(Debug, Clone, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Reference {
    pub title: String,
    #[serde(default)]
    pub url: Option<String>,
}

impl Reference {
    /// The address, where it is a path of this site (`/symptoms/fatigue/`, `other.md`),
    /// which the link stage checks and completes as it does a body's links.
    pub fn site_path(&self) -> Option<&str> {
        let url = self.url.as_deref()?;
        (!url.trim().is_empty() && !has_scheme(url) && schemeless_host(url).is_none())
            .then_some(url)
    }

    /// An error when the URL would run code if a reader followed it (see
    /// [`script_scheme`]), at the location `locate` finds (only then: finding it reads the
    /// file): citations become links on the page.
    pub fn check(&self, locate: impl FnOnce(&str) -> Location) -> Option<Diagnostic> {
        let url = self.url.as_deref()?;
        if let Some(scheme) = script_scheme(url, false) {
            return Some(
                Diagnostic::error(format!(
                    "citation `{}` links to `{url}`, a `{scheme}:` URL, which can run code in the reader's browser",
                    self.title
                ))
                .at_location(locate(url))
                .hint("give the web address of the work cited (`https://…`)"),
            );
        }
        let host = schemeless_host(url)?;
        Some(
            Diagnostic::error(format!(
                "citation `{}` links to `{url}`, which has no `https://`: browsers would take `{host}` for a page of this site",
                self.title
            ))
            .at_location(locate(url))
            .hint(format!("write `https://{}`", url.trim())),
        )
    }
}

/// Whether `url` names its scheme (`https:`, `mailto:`, `doi:`) or is protocol-relative
/// (`//host/…`): an address of another site, not a path of this one.
pub fn has_scheme(url: &str) -> bool {
    let url = url.trim();
    if url.starts_with("//") {
        return true;
    }
    let end = url.find(['/', '?', '#']).unwrap_or(url.len());
    url[..end].split_once(':').is_some_and(|(scheme, _)| {
        scheme.starts_with(|c: char| c.is_ascii_alphabetic())
            && scheme
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
    })
}

/// The host a web address written without its scheme starts with (`www.nhs.uk/conditions`,
/// `pubmed.ncbi.nlm.nih.gov/123/`), which a page would link to as a relative path; `None`
/// for an address with a scheme, a path of the site (`/x/`, `../x/`, `#x`) or a file beside
/// the page (`leaflet.pdf`).
pub fn schemeless_host(url: &str) -> Option<&str> {
    let url = url.trim();
    let end = url.find(['/', '?', '#']).unwrap_or(url.len());
    let host = &url[..end];
    if host.is_empty() || host.contains(':') || host.starts_with('.') || host.contains(' ') {
        return None;
    }
    let (name, last) = host.rsplit_once('.')?;
    let files = [
        "pdf", "html", "htm", "md", "txt", "csv", "png", "jpg", "jpeg", "gif", "svg", "webp",
        "avif", "doc", "docx", "xls", "xlsx", "ppt", "pptx", "zip", "json", "xml",
    ];
    let is_file = files.contains(&last.to_ascii_lowercase().as_str());
    let looks_like_host = !name.is_empty()
        && last.len() >= 2
        && last.chars().all(|c| c.is_ascii_alphabetic())
        && (host.to_ascii_lowercase().starts_with("www.")
            || url[end..].starts_with('/')
            || !is_file);
    looks_like_host.then_some(host)
}

/// Where each of `aliases` (old URLs of a page, each made a redirect) is written, as `at`
/// finds it; the problems of those that cannot be one go to `problems`, and then the page
/// is read on without aliases (a bad alias makes no redirect page).
pub fn check_aliases(
    aliases: &mut Vec<String>,
    at: impl Fn(&str) -> Location,
    problems: &mut Vec<Diagnostic>,
) -> Vec<Location> {
    let locations: Vec<Location> = aliases.iter().map(|a| at(a)).collect();
    let before = problems.len();
    problems.extend(
        aliases
            .iter()
            .zip(&locations)
            .filter_map(|(alias, at)| check_alias(alias, at)),
    );
    if problems.len() > before {
        aliases.clear();
        return Vec::new();
    }
    locations
}

/// An error when `alias` cannot be an old URL of the site: it must be a path from the site
/// root, and it becomes a folder of the output.
fn check_alias(alias: &str, at: &Location) -> Option<Diagnostic> {
    if !alias.starts_with('/') || alias.contains("..") || alias.contains("://") {
        return Some(
            Diagnostic::error(format!("alias `{alias}` is not a site path"))
                .at_location(at.clone())
                .hint("write old URLs as paths from the site root, like `/old/page/`"),
        );
    }
    // A quote, `<`, `?` or `#` in a folder of the output is a folder no URL reaches, or
    // markup in a file name.
    let c = alias.chars().find(|&c| !in_url_path(c))?;
    Some(
        Diagnostic::error(format!(
            "alias `{alias}` has {c:?}, which cannot stand in a URL path"
        ))
        .at_location(at.clone())
        .hint("write the old URL's path as the browser's address bar shows it, without a query (`?`) or fragment (`#`)"),
    )
}

/// Whether `c` may stand in the path of a URL as written (RFC 3986's path characters, and
/// letters of any script, which browsers show unencoded).
fn in_url_path(c: char) -> bool {
    c.is_ascii_alphanumeric()
        || "-._~!$&'()*+,;=:@/%".contains(c)
        || (!c.is_ascii() && !c.is_whitespace() && !c.is_control())
}

/// The scheme of a destination a browser would run as code or open as a document of its
/// own (`javascript:`, `vbscript:`, `file:`, and `data:` but for an image's picture), read
/// as browsers read it: tabs and line breaks anywhere and spaces around are ignored, and
/// case does not count.
pub fn script_scheme(dest: &str, is_image: bool) -> Option<&'static str> {
    let url: String = dest
        .trim_matches(|c: char| c <= ' ')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .take(16)
        .collect::<String>()
        .to_ascii_lowercase();
    let scheme = ["javascript", "vbscript", "file", "data"]
        .into_iter()
        .find(|s| {
            url.strip_prefix(s)
                .is_some_and(|rest| rest.starts_with(':'))
        })?;
    (!(scheme == "data" && is_image && url.starts_with("data:image/"))).then_some(scheme)
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FrontMatter {
    pub title: String,
    #[serde(default)]
    pub description: Option<String>,
    #[serde(default)]
    pub date: Option<Date>,
    /// `lastmod` is Hugo's name for it.
    #[serde(default, alias = "lastmod")]
    pub updated: Option<Date>,
    #[serde(
        default,
        alias = "author",
        deserialize_with = "structured::one_or_more"
    )]
    pub authors: Vec<String>,
    #[serde(default)]
    pub reviewed_by: Option<String>,
    #[serde(default)]
    pub reviewed_on: Option<Date>,
    #[serde(default, deserialize_with = "structured::comma_list")]
    pub keywords: Vec<String>,
    #[serde(default, deserialize_with = "structured::comma_list")]
    pub symptoms: Vec<String>,
    #[serde(default, deserialize_with = "structured::comma_list")]
    pub supplements: Vec<String>,
    #[serde(default, deserialize_with = "structured::comma_list")]
    pub tags: Vec<String>,
    #[serde(default)]
    pub references: Vec<Reference>,
    #[serde(default)]
    pub slug: Option<String>,
    #[serde(default)]
    pub draft: bool,
    #[serde(default, deserialize_with = "structured::one_or_more")]
    pub aliases: Vec<String>,
    #[serde(default)]
    pub extra: structured::Extra,
}

/// An article's text cut in two.
#[derive(Debug, Clone, Copy)]
pub struct Split<'a> {
    pub format: Format,
    pub front: &'a str,
    /// Lines before the front matter's first line (the opening fence).
    pub front_line_offset: usize,
    pub body: &'a str,
    /// Byte offset of the body in the file.
    pub body_offset: usize,
}

/// Finds the front matter fences. Errors say how to write them.
pub fn split<'a>(text: &'a str, file: &Path) -> Result<Split<'a>, Diagnostic> {
    let first_line_end = text.find('\n').map_or(text.len(), |i| i + 1);
    let first = text[..first_line_end].trim_end();
    let (fence, format) = match first {
        "---" => ("---", Format::Yaml),
        "+++" => ("+++", Format::Toml),
        _ => {
            let hint = if crate::plain_post::as_post(text).is_some() {
                // A plain-text post dropped among the articles as it is.
                "start the file with `---`, a line `title: \"…\"`, and `---`; or, for a plain-text post, run `materia import FILE`, which writes them (title, description, keywords) from the post"
            } else {
                "start the file with `---`, a line `title: \"…\"`, and `---`"
            };
            return Err(Diagnostic::error("article has no front matter")
                .at(file, 1, 1)
                .hint(hint));
        }
    };
    let mut offset = first_line_end;
    while offset < text.len() {
        let line_end = text[offset..]
            .find('\n')
            .map_or(text.len(), |i| offset + i + 1);
        let line = text[offset..line_end].trim_end();
        if line == fence || (format == Format::Yaml && line == "...") {
            return Ok(Split {
                format,
                front: &text[first_line_end..offset],
                front_line_offset: 1,
                body: &text[line_end..],
                body_offset: line_end,
            });
        }
        offset = line_end;
    }
    Err(Diagnostic::error(format!(
        "front matter is never closed: no second `{fence}` line"
    ))
    .at(file, 1, 1)
    .hint(format!(
        "end the front matter with a line holding only `{fence}`"
    )))
}

/// An article's front matter; on failure, beside the problems, what the fields that are
/// right make, when they make one (see [`structured::parse_recovering`]).
pub fn parse(
    split: &Split,
    file: &Path,
) -> Result<FrontMatter, structured::Recovered<FrontMatter>> {
    parse_recovering(split, file, FIELDS)
}

/// Front matter read as `T`, whose fields are `fields` (for the "did you mean" hint); where
/// some are wrong, their problems and, if the rest make a `T`, that `T`.
pub fn parse_as<T: serde::de::DeserializeOwned>(
    split: &Split,
    file: &Path,
    fields: &[&str],
) -> Result<T, structured::Recovered<T>> {
    parse_recovering(split, file, fields)
}

fn parse_recovering<T: serde::de::DeserializeOwned>(
    split: &Split,
    file: &Path,
    fields: &[&str],
) -> Result<T, structured::Recovered<T>> {
    if split.front.trim().is_empty() {
        let empty = Diagnostic::error("front matter is empty")
            .at(file, 1, 1)
            .hint("add at least `title: \"…\"`");
        return Err((vec![empty], None));
    }
    let origin = Origin {
        file,
        line_offset: split.front_line_offset,
    };
    structured::parse_recovering(
        split.front,
        split.format,
        origin,
        "invalid front matter",
        fields,
    )
}

/// Where `value` is written in the list or value of `key`, in `file`, so that a bad id can
/// be pointed at precisely. Falls back to the key's line, then to line 1.
pub fn locate(split: &Split, file: &Path, key: &str, value: &str) -> Location {
    let (line, col) = locate_in(split.front, split.front_line_offset, key, value);
    Location {
        file: file.to_path_buf(),
        line,
        col,
    }
}

/// [`locate`] for any YAML, TOML or JSON text starting after `line_offset` lines.
pub fn locate_in(text: &str, line_offset: usize, key: &str, value: &str) -> (usize, usize) {
    KeyLines::new(text, line_offset, key).locate(value)
}

/// The 1-based line of the front matter's first line that sets `key`, if one does: where to
/// point at a field's value as a whole, found without collecting the lines (every article
/// asks it).
pub fn key_line(split: &Split, key: &str) -> Option<usize> {
    let i = split.front.lines().position(|line| sets_key(line, key))?;
    Some(i + 1 + split.front_line_offset)
}

/// The value of the first line that sets `key`, as written, without quotes: for a front
/// matter too broken to read.
pub fn raw_value<'a>(split: &Split<'a>, key: &str) -> Option<&'a str> {
    let line = split.front.lines().find(|line| sets_key(line, key))?;
    let (_, value) = line.split_once([':', '='])?;
    Some(value.trim().trim_matches(['"', '\'']))
}

/// The value of `key`'s line, or where none sets it, of a line whose key is no field but
/// reads as a misspelling of `key` (`slgu: b12`, which the build reports with "did you mean
/// `slug`?"): what the author meant `key` to be.
pub fn meant_value<'a>(split: &Split<'a>, key: &str) -> Option<&'a str> {
    raw_value(split, key).or_else(|| {
        split.front.lines().find_map(|line| {
            let (name, value) = line.split_once([':', '='])?;
            let name = name.trim().trim_matches('"');
            let top_level = !line.starts_with(char::is_whitespace);
            let misspelt = top_level
                && !FIELDS.contains(&name)
                && crate::diagnostics::did_you_mean(name, FIELDS.iter().copied()) == Some(key);
            misspelt.then(|| value.trim().trim_matches(['"', '\'']))
        })
    })
}

/// Whether `line` sets `key` (`key:`, `key =`, `"key":`, or TOML's table headers
/// `[key]` and `[[key]]`, which a list of sources or references is written as).
fn sets_key(line: &str, key: &str) -> bool {
    let line = line.trim_start();
    if let Some(table) = line.strip_prefix('[') {
        let table = table.strip_prefix('[').unwrap_or(table).trim_start();
        return table
            .trim_start_matches('"')
            .strip_prefix(key)
            .map(|rest| rest.trim_start_matches('"').trim_start())
            .is_some_and(|rest| rest.starts_with(']'));
    }
    line.trim_start_matches('"')
        .strip_prefix(key)
        .map(|rest| rest.trim_start_matches('"'))
        .is_some_and(|rest| rest.trim_start().starts_with([':', '=']))
}

/// The lines of a text and where `key` is written in it, found once for all the values
/// of a list: an article's ids were each located by reading its front matter again from
/// the top, about 1 % of a build.
pub struct KeyLines<'a> {
    lines: Vec<&'a str>,
    line_offset: usize,
    /// The first line that sets the key, and the byte of it its value starts from (0 for a
    /// line that starts with the key; past the key in a JSON record written on one line).
    first: Option<(usize, usize)>,
    /// The last line that sets the key.
    last: Option<usize>,
}

impl<'a> KeyLines<'a> {
    pub fn new(text: &'a str, line_offset: usize, key: &str) -> KeyLines<'a> {
        let lines: Vec<&str> = text.lines().collect();
        let mut first = lines
            .iter()
            .position(|line| sets_key(line, key))
            .map(|i| (i, 0));
        let mut last = lines.iter().rposition(|line| sets_key(line, key));
        if first.is_none() {
            // Minified JSON: the key stands inside a line.
            first = lines
                .iter()
                .enumerate()
                .find_map(|(i, line)| Some((i, json_value_byte(line, key)?)));
            last = lines
                .iter()
                .rposition(|line| json_value_byte(line, key).is_some());
        }
        KeyLines {
            first,
            last,
            lines,
            line_offset,
        }
    }

    /// The 1-based line and column of `value`: the first place it stands as a word from
    /// where the key is first written on; else the key's last line, else line 1.
    pub fn locate(&self, value: &str) -> (usize, usize) {
        let (Some(_), Some(last)) = (self.first, self.last) else {
            return (1, 1);
        };
        match self.first_place(value) {
            Some((i, start)) => (
                i + 1 + self.line_offset,
                self.lines[i][..start].chars().count() + 1,
            ),
            None => (last + 1 + self.line_offset, 1),
        }
    }

    /// The line index and byte where `value` first stands as a word from where the key is
    /// first written on.
    fn first_place(&self, value: &str) -> Option<(usize, usize)> {
        let (first, from) = self.first?;
        self.lines
            .iter()
            .enumerate()
            .skip(first)
            .find_map(|(i, text)| {
                let from = if i == first { from } else { 0 };
                Some((i, find_word_byte(text, value, from)?))
            })
    }

    /// [`KeyLines::locate`] of each of a list's values, in order. Each is looked for from
    /// the end of the one before, so a list written on one line is read once, not once per
    /// value from the key on (a record of 20,000 aliases took 0.6 s); a value not found
    /// from there is looked for as `locate` does. A repeated value is thus found at its own
    /// place, not at its first.
    pub fn locate_all<'v>(&self, values: impl IntoIterator<Item = &'v str>) -> Vec<(usize, usize)> {
        // Where the last value ended: its line, byte and 0-based column.
        let mut after: Option<(usize, usize, usize)> = None;
        values
            .into_iter()
            .map(|value| {
                let found = after.and_then(|(line, byte, col)| {
                    self.lines
                        .iter()
                        .enumerate()
                        .skip(line)
                        .find_map(|(i, text)| {
                            let (from, from_col) = if i == line { (byte, col) } else { (0, 0) };
                            let start = find_word_byte(text, value, from)?;
                            Some((i, start, from_col + text.get(from..start)?.chars().count()))
                        })
                });
                let first_place = || {
                    let (i, start) = self.first_place(value)?;
                    Some((i, start, self.lines[i][..start].chars().count()))
                };
                // Not written under the key: where `locate` points; the next value is looked
                // for from where the last one found ended.
                let Some((line, start, col)) = found.or_else(first_place) else {
                    return self.locate(value);
                };
                after = Some((line, start + value.len(), col + value.chars().count()));
                (line + 1 + self.line_offset, col + 1)
            })
            .collect()
    }
}

/// The byte after `"key":` where `line` holds it (a JSON object written on one line).
fn json_value_byte(line: &str, key: &str) -> Option<usize> {
    let quoted = format!("\"{key}\"");
    line.match_indices(&quoted).find_map(|(at, _)| {
        let rest = &line[at + quoted.len()..];
        let after = rest.trim_start();
        after.starts_with(':').then(|| line.len() - after.len() + 1)
    })
}

/// The byte at which `value` first stands as a whole word in `line` from byte `from` on.
fn find_word_byte(line: &str, value: &str, from: usize) -> Option<usize> {
    if value.is_empty() || !line.is_char_boundary(from) {
        return None;
    }
    let mut from = from;
    while let Some(pos) = line[from..].find(value) {
        let start = from + pos;
        let end = start + value.len();
        let before_ok = line[..start]
            .chars()
            .last()
            .is_none_or(|c| !c.is_alphanumeric() && c != '-' && c != '_');
        let after_ok = line[end..]
            .chars()
            .next()
            .is_none_or(|c| !c.is_alphanumeric() && c != '-' && c != '_');
        if before_ok && after_ok {
            return Some(start);
        }
        from = start + line[start..].chars().next().map_or(1, char::len_utf8);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_address_of_another_site_names_its_scheme() {
        for url in [
            "https://x.org/",
            "mailto:a@b.example",
            "doi:10.1/x",
            "//cdn.example/x",
        ] {
            assert!(has_scheme(url), "{url}");
        }
        for url in ["/articles/x/", "x.md", "../a:b/", "#notes", "2:30/", ""] {
            assert!(!has_scheme(url), "{url}");
        }
    }

    #[test]
    fn a_web_address_without_its_scheme_is_told_from_a_path() {
        for (url, host) in [
            ("www.nhs.uk/conditions/", Some("www.nhs.uk")),
            (
                "pubmed.ncbi.nlm.nih.gov/12345/",
                Some("pubmed.ncbi.nlm.nih.gov"),
            ),
            ("example.org", Some("example.org")),
            (" WWW.Example.org ", Some("WWW.Example.org")),
            ("www.leaflets.pdf", Some("www.leaflets.pdf")),
            ("https://www.nhs.uk/", None),
            ("doi:10.1000/182", None),
            ("/articles/x/", None),
            ("../x/", None),
            ("#notes", None),
            ("leaflet.pdf", None),
            ("files/leaflet.pdf", None),
            ("guide.html#dose", None),
            ("v1.2", None),
            ("a paper.org", None),
        ] {
            assert_eq!(schemeless_host(url), host, "{url}");
        }
    }

    #[test]
    fn splits_yaml_and_toml() {
        let p = Path::new("a.md");
        let s = split("---\ntitle: A\n---\nBody", p).ok();
        assert_eq!(
            s.map(|s| (s.front, s.body, s.body_offset)),
            Some(("title: A\n", "Body", 17))
        );
        let s = split("+++\ntitle = \"A\"\n+++\n", p).ok();
        assert_eq!(s.map(|s| s.format), Some(Format::Toml));
        assert!(split("# no front matter", p).is_err());
        assert!(split("---\ntitle: A\n", p).is_err());
    }

    #[test]
    fn locates_list_values() {
        let p = Path::new("a.md");
        let text = "---\ntitle: A\nsymptoms:\n  - fatigue\n  - numbnes\n---\n";
        let s = split(text, p).ok();
        let at = s.map(|s| locate(&s, p, "symptoms", "numbnes"));
        assert_eq!(at.map(|l| (l.line, l.col)), Some((5, 5)));
    }

    /// A list's values are placed as one by one where each is written once, in order or not,
    /// on one line or many, with characters of several bytes before them; a repeated value
    /// at its own place; one not written where `locate` puts it, moving nothing.
    #[test]
    fn locates_all_values_of_a_list_in_one_pass() {
        let texts = [
            "name: Zed\naliases: [née, pins and needles, b12, é-1, x]\nsummary: pins\n",
            "aliases:\n  - née\n  - pins and needles\n  - b12\n  - é-1\n  - x\n",
            "aliases = [\"née\", \"pins and needles\",\n  \"b12\", \"é-1\", \"x\"]\n",
        ];
        for text in texts {
            let lines = KeyLines::new(text, 2, "aliases");
            for values in [
                vec!["née", "pins and needles", "b12", "é-1", "x"],
                vec!["x", "b12", "née", "missing", "é-1", "pins and needles"],
            ] {
                let one_by_one: Vec<_> = values.iter().map(|v| lines.locate(v)).collect();
                assert_eq!(
                    lines.locate_all(values.iter().copied()),
                    one_by_one,
                    "{text}"
                );
            }
        }
        let lines = KeyLines::new("aliases: [pins, pins needles, pins]\n", 0, "aliases");
        assert_eq!(
            lines.locate_all(["pins", "pins needles", "pins"]),
            [(1, 11), (1, 17), (1, 31)]
        );
        let none = KeyLines::new("name: x\n", 0, "aliases");
        assert_eq!(none.locate_all(["a", "b"]), [(1, 1), (1, 1)]);
    }

    /// A value is found as a word from the key's first line on (on that line too, in any
    /// format); one that is not falls back to the key's last line, then to line 1.
    #[test]
    fn locates_values_from_the_key_on() {
        let yaml = "fatigue: x\nsymptoms: [numb, fatigue]\nsupplements:\n  - zinc\nsymptoms: []\n";
        let lines = KeyLines::new(yaml, 1, "symptoms");
        assert_eq!(
            lines.locate("fatigue"),
            (3, 18),
            "not the line before the key"
        );
        assert_eq!(lines.locate("numb"), (3, 12));
        assert_eq!(lines.locate("zinc"), (5, 5), "any line after the key");
        assert_eq!(lines.locate("fat"), (6, 1), "whole words only");
        assert_eq!(KeyLines::new(yaml, 0, "tags").locate("numb"), (1, 1));
        let toml = "\"supplements\" = [\"zinc\"]\n";
        assert_eq!(locate_in(toml, 0, "supplements", "zinc"), (1, 19));
    }

    /// JSON written on one line: a value is looked for from its key on, not from the
    /// line's start, where another field may hold the same word.
    #[test]
    fn locates_values_in_json_on_one_line() {
        let json = r#"{"name":"Zinc","aliases":["zinc gluconate"],"related_symptoms": ["fatigue","zinc"]}"#;
        assert_eq!(locate_in(json, 0, "related_symptoms", "zinc"), (1, 77));
        assert_eq!(locate_in(json, 0, "aliases", "zinc"), (1, 28));
        let lines = KeyLines::new(json, 0, "related_symptoms");
        assert_eq!(lines.locate_all(["fatigue", "zinc"]), [(1, 67), (1, 77)]);
        assert_eq!(locate_in(json, 0, "sources", "zinc"), (1, 1));
    }

    /// TOML writes a list of tables under headers: a value is found from the first one on.
    #[test]
    fn locates_values_under_toml_table_headers() {
        let toml = "name = \"/x/\"\n\n[[sources]]\ntitle = \"A\"\nurl = \"/x/\"\n";
        assert_eq!(locate_in(toml, 0, "sources", "/x/"), (5, 8));
        assert_eq!(
            locate_in("[ \"extra\" ]\nnote = \"/x/\"\n", 0, "extra", "/x/"),
            (2, 9)
        );
        assert_eq!(
            locate_in("[sources.more]\nu = \"/x/\"\n", 0, "sources", "/x/"),
            (1, 1)
        );
    }
}
