//! `materia import`: turns plain-text health posts (section titles on lines of their own,
//! a "Q&A Section" of `Q1:`/`A1:` lines, closing "Important Keywords" and "Tags" lines)
//! into Markdown articles with front matter. Inline Markdown links are kept; links to a
//! supplement record's product or collection pages fill the article's `supplements`.

use crate::catalog::normalise_url;
use crate::date::Date;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::load::read_text;
use crate::plain_post::{self, Line, Listed};
use crate::records;
use crate::slug::slugify;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// A converted post.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Converted {
    pub title: String,
    pub description: String,
    pub keywords: Vec<String>,
    /// From a closing "Tags: …" list; empty without one (and then not written).
    pub tags: Vec<String>,
    pub supplements: Vec<String>,
    /// From a "Slug:" or "URL:" line of the post's header; else made from the title.
    pub slug: Option<String>,
    pub authors: Vec<String>,
    /// From a "Date:" line of the post's header; else the day of the import.
    pub date: Option<Date>,
    /// A "Date:" line's value that is no date [`Date::parse_written`] reads.
    pub unread_date: Option<String>,
    pub body: String,
}

/// What the labelled lines a post may open with say ("Title: …", "Meta Description: …",
/// "Slug: …", "Focus Keyword: …"): the fields a writer's brief or an SEO tool puts above
/// the text, which are the article's front matter, not its first paragraphs.
#[derive(Debug, Default)]
struct Header {
    title: Option<String>,
    meta_title: Option<String>,
    description: Option<String>,
    slug: Option<String>,
    keywords: Vec<String>,
    tags: Vec<String>,
    authors: Vec<String>,
    date: Option<Date>,
    unread_date: Option<String>,
}

#[derive(Clone, Copy)]
enum Field {
    Title,
    MetaTitle,
    Description,
    Slug,
    Keywords,
    Tags,
    Authors,
    Date,
}

/// The field a header line's label names, compared without case.
fn header_field(label: &str) -> Option<Field> {
    let label = label.to_lowercase();
    let field = match label.as_str() {
        "title" | "headline" | "h1" | "post title" | "article title" | "blog title" => Field::Title,
        "meta title" | "seo title" | "title tag" => Field::MetaTitle,
        "meta description" | "description" | "seo description" | "excerpt" => Field::Description,
        "slug" | "url slug" | "url" | "permalink" => Field::Slug,
        "keywords" | "keyword" | "focus keyword" | "focus keywords" | "focus keyphrase"
        | "primary keyword" | "secondary keywords" | "target keyword" | "target keywords"
        | "seo keywords" | "meta keywords" => Field::Keywords,
        "tags" | "category" | "categories" => Field::Tags,
        "author" | "authors" | "written by" | "by" => Field::Authors,
        "date" | "published" | "publish date" | "date published" | "publication date" => {
            Field::Date
        }
        _ => return None,
    };
    Some(field)
}

/// A line `Label: value` of a header (the label may be bold: `**Title:** …`), as its field
/// and value.
fn header_line(line: &str) -> Option<(Field, &str)> {
    let (label, value) = line.trim().split_once(':')?;
    let field = header_field(label.trim_matches(emphasis_or_space))?;
    let value = value.trim_matches(emphasis_or_space);
    (!value.is_empty()).then_some((field, value))
}

/// Markdown's emphasis markers (a bold label) and the spaces beside them.
fn emphasis_or_space(c: char) -> bool {
    c == ' ' || plain_post::EMPHASIS.contains(&c)
}

/// The items with a letter or digit: "—" or "???" names no keyword, tag or person.
fn worded(items: impl IntoIterator<Item = String>) -> impl Iterator<Item = String> {
    items
        .into_iter()
        .filter(|i| i.chars().any(char::is_alphanumeric))
}

/// The slug a "Slug:" or "URL:" line gives: a URL's last part
/// ("https://shop.example/blog/b12-nerves/" is `b12-nerves`, as is "b12-nerves.html"); none
/// for an address that is only a site's (`https://shop.example/`), whose host names no post.
fn slug_of_address(value: &str) -> Option<String> {
    let value = value.trim();
    let value = value.split(['?', '#']).next().unwrap_or(value);
    let path = if crate::front_matter::has_scheme(value) {
        // `scheme://host/path`, or `scheme:path` for the rare address without a host.
        match value.split_once("//") {
            Some((_, rest)) => rest.split_once('/').map_or("", |(_, path)| path),
            None => value.split_once(':').map_or("", |(_, path)| path),
        }
    } else if let Some(host) = crate::front_matter::schemeless_host(value) {
        &value[host.len()..]
    } else {
        value
    };
    let last = path.split('/').rfind(|part| !part.trim().is_empty())?;
    let last = [".html", ".htm", ".php", ".aspx", ".asp"]
        .iter()
        .find_map(|ext| {
            let cut = last.len().checked_sub(ext.len())?;
            (last.is_char_boundary(cut) && last[cut..].eq_ignore_ascii_case(ext))
                .then(|| &last[..cut])
        })
        .unwrap_or(last);
    Some(slugify(last)).filter(|slug| !slug.is_empty())
}

/// The header a post opens with, and the text after it and the blank lines that follow it.
/// The header is the run of labelled lines from the first line on (blank lines between
/// them are allowed); a post without one is all text. Of a field that takes one value, the
/// first line counts.
fn take_header(text: &str) -> (Header, &str) {
    let mut header = Header::default();
    let mut rest = text;
    let mut consumed = 0;
    for line in text.split_inclusive('\n') {
        if line.trim().is_empty() {
            consumed += line.len();
            rest = &text[consumed..];
            continue;
        }
        let Some((field, value)) = header_line(line) else {
            break;
        };
        consumed += line.len();
        rest = &text[consumed..];
        let keep = |slot: &mut Option<String>| {
            slot.get_or_insert_with(|| value.to_string());
        };
        match field {
            Field::Title => keep(&mut header.title),
            Field::MetaTitle => keep(&mut header.meta_title),
            Field::Description => keep(&mut header.description),
            Field::Slug => {
                if let Some(slug) = slug_of_address(value) {
                    header.slug.get_or_insert(slug);
                }
            }
            Field::Keywords => header
                .keywords
                .extend(worded(plain_post::split_keywords(value))),
            Field::Tags => header
                .tags
                .extend(worded(plain_post::split_keywords(value))),
            Field::Authors => header.authors.extend(worded(
                value
                    .split([';', '&'])
                    .flat_map(|a| a.split(" and "))
                    .map(|a| a.trim().to_string()),
            )),
            Field::Date => {
                if header.date.is_none() && header.unread_date.is_none() {
                    header.date = Date::parse_written(value);
                    if header.date.is_none() {
                        header.unread_date = Some(value.to_string());
                    }
                }
            }
        }
    }
    (header, rest)
}

/// Converts one post. `product_links` maps normalised product URLs to supplement ids.
pub fn convert(
    text: &str,
    title: Option<&str>,
    product_links: &HashMap<String, String>,
) -> Converted {
    // Pasted text's control characters (Word's line break is a vertical tab) are spaces
    // here, as the build would make them, so the article is written clean and its build
    // does not warn of them ever after.
    let cleaned = crate::load::without_controls(text).map(|(clean, ..)| clean);
    let (header, text) = take_header(cleaned.as_deref().unwrap_or(text));
    let mut body = String::new();
    // The closing lists' items: keywords, then tags.
    let mut lists: [Vec<String>; 2] = Default::default();
    let mut first_paragraph: Option<String> = None;
    // The closing list being read, after its label.
    let mut in_list: Option<Listed> = None;
    let mut lines = plain_post::read(text);
    // A short first line without a full stop is the post's title, unless it is a section
    // title of its own ("Introduction", "1. Causes").
    let first_line_title = match (lines.first(), text.lines().next().map(plain_post::classify)) {
        // Under a header's title, only that title written again.
        (Some(Line::Text(t) | Line::Heading(t)), Some(Line::Text(_)))
            if t.len() < 120
                && !t.ends_with('.')
                && header
                    .title
                    .as_deref()
                    .is_none_or(|h| h.eq_ignore_ascii_case(t.trim())) =>
        {
            let title = t.to_string();
            lines.remove(0);
            Some(title)
        }
        _ => None,
    };
    let closing = closing_lists_start(&lines);
    let asked = plain_questions(&lines);
    for (i, line) in lines.into_iter().enumerate() {
        if i >= closing {
            let list = |listed: Listed| match listed {
                Listed::Keywords => 0,
                Listed::Tags => 1,
            };
            match line {
                Line::Label(t) => in_list = plain_post::list_after_label(t).map(|(l, _)| l),
                // "Keywords: a, b", the label and the list on one line.
                Line::Text(t) | Line::Heading(t) => match plain_post::list_after_label(t) {
                    Some((listed, rest)) if !rest.trim().is_empty() => {
                        lists[list(listed)].extend(plain_post::split_keywords(rest));
                        in_list = None;
                    }
                    _ => {
                        if let Some(listed) = in_list {
                            lists[list(listed)].extend(plain_post::split_keywords(t));
                        }
                    }
                },
                // One per item of a bulleted list.
                Line::Markdown(_) | Line::Bullet(_) => {
                    let item = match line {
                        Line::Bullet(item) => Some(item),
                        Line::Markdown(t) => markdown_item(t),
                        _ => None,
                    };
                    if let Some((listed, item)) = in_list.zip(item) {
                        lists[list(listed)].extend(plain_post::split_keywords(item));
                    }
                }
                _ => {}
            }
            continue;
        }
        // "# of capsules varies." or "2024. New rules came in.": a sentence, not a heading
        // or a list starting at 2024.
        let sentence = match line {
            Line::Markdown(t) => sentence_as_block(t),
            _ => None,
        };
        if (sentence.is_some()
            || !matches!(line, Line::Markdown(_) | Line::Bullet(_) | Line::Blank))
            && body.ends_with('\n')
            && !body.ends_with("\n\n")
        {
            // A paragraph after a list needs a blank line, or it continues the last item.
            body.push('\n');
        }
        match line {
            // A label before the closing lists is a section title.
            Line::Heading(h) | Line::Label(h) => {
                let (level, h) = plain_post::section_title(h);
                body.push_str(&format!("{} {h}\n\n", "#".repeat(level.into())));
            }
            // "Q&A Section" and "FAQ" say what the section is, not what readers call it;
            // a name ("Questions fréquentes") is kept in its own words and language.
            Line::Faq(t) => {
                let t = t.trim().trim_end_matches(':').trim_end();
                let lower = t.to_lowercase();
                let abbreviated = ["q&a", "q & a", "q and a", "faq"]
                    .iter()
                    .any(|a| lower.starts_with(a));
                let title = if abbreviated {
                    "Frequently asked questions".to_string()
                } else {
                    literal(t)
                };
                body.push_str(&format!("## {title}\n\n"));
            }
            Line::Question(_, q) => body.push_str(&format!("Q: {}\n\n", literal(q))),
            Line::Answer(_, a) => body.push_str(&format!("A: {}\n\n", literal(a))),
            // A question of the FAQ written as a plain line: a question heading, as the
            // build reads it either way.
            Line::Text(t) if asked[i] => body.push_str(&format!("### {}\n\n", literal(t))),
            Line::Text(t) => {
                if first_paragraph.is_none() {
                    first_paragraph = Some(t.to_string());
                }
                body.push_str(&literal(t));
                body.push_str("\n\n");
            }
            Line::Markdown(_) if sentence.is_some() => {
                body.push_str(&sentence.unwrap_or_default());
                body.push_str("\n\n");
            }
            // A run of Markdown lines (a list, a table) stays together.
            Line::Markdown(t) => {
                body.push_str(t);
                body.push('\n');
            }
            Line::Bullet(item) => {
                body.push_str("- ");
                body.push_str(item);
                body.push('\n');
            }
            Line::Blank => {}
        }
    }
    let [mut keywords, mut tags] = lists;
    for (list, from_header) in [(&mut keywords, header.keywords), (&mut tags, header.tags)] {
        let mut merged = from_header;
        for item in list.drain(..) {
            if !merged.iter().any(|m| m.eq_ignore_ascii_case(&item)) {
                merged.push(item);
            }
        }
        *list = merged;
    }
    let mut supplements: Vec<String> = Vec::new();
    for url in markdown_link_urls(text) {
        if let Some(id) = normalise_url(&url).and_then(|u| product_links.get(&u)) {
            if !supplements.contains(id) {
                supplements.push(id.clone());
            }
        }
    }
    let title = title
        .map(str::to_string)
        .or(header.title)
        .or(first_line_title)
        .or(header.meta_title)
        .unwrap_or_else(|| derive_title(&keywords));
    let description = header
        .description
        .or_else(|| first_paragraph.map(|p| sentence_excerpt(&strip_links(&p), 160)))
        .unwrap_or_default();
    Converted {
        title,
        description,
        keywords,
        tags,
        supplements,
        slug: header.slug,
        authors: header.authors,
        date: header.date,
        unread_date: header.unread_date,
        body: body.trim_end().to_string() + "\n",
    }
}

/// Which lines are questions of an FAQ section written as plain lines ending with "?",
/// each followed by its answer: all of a section's such lines, or (where one has no answer
/// after it, and may not be a question) none, as the build reads them.
fn plain_questions(lines: &[Line]) -> Vec<bool> {
    let mut asked = vec![false; lines.len()];
    let is_question = |t: &str| t.ends_with('?') && t.chars().count() <= 200;
    let mut i = 0;
    while i < lines.len() {
        if !matches!(lines[i], Line::Faq(_)) {
            i += 1;
            continue;
        }
        // The section runs to the next title.
        let end = (i + 1..lines.len())
            .find(|&j| matches!(lines[j], Line::Heading(_) | Line::Faq(_) | Line::Label(_)))
            .unwrap_or(lines.len());
        let section: Vec<usize> = (i + 1..end).filter(|&j| lines[j] != Line::Blank).collect();
        let questions: Vec<usize> = section
            .iter()
            .copied()
            .filter(|&j| matches!(lines[j], Line::Text(t) if is_question(t)))
            .collect();
        // Questions with `Q1:` markers make the FAQ; a line ending with "?" is then prose.
        let marked = section
            .iter()
            .any(|&j| matches!(lines[j], Line::Question(..)));
        let answered = !marked
            && questions.iter().all(|q| {
                let next = section.iter().find(|&&j| j > *q);
                next.is_some_and(|&j| !questions.contains(&j))
            });
        if answered {
            for q in questions {
                asked[q] = true;
            }
        }
        i = end;
    }
    asked
}

/// The text of a Markdown bulleted list item ("- item").
fn markdown_item(t: &str) -> Option<&str> {
    t.trim_start()
        .strip_prefix(['-', '*', '+'])
        .filter(|item| item.starts_with(' '))
}

/// Where the lists closing a post start: lines that are a label and its list ("Keywords:
/// a, b", "Tags: c"), and labels on lines of their own with the list after them (a line, or
/// a bulleted list); `lines.len()` when the post has none.
fn closing_lists_start(lines: &[Line]) -> usize {
    let labelled =
        |t: &str| plain_post::list_after_label(t).is_some_and(|(_, rest)| !rest.trim().is_empty());
    let mut start = lines.len();
    // Lines passed since the last list taken: the list of a label above them, if one is.
    // Several lines of text are a list only if each may be one of its lines (a keyword a
    // line, or a list wrapped over lines).
    let (mut items, mut texts, mut listing) = (0, 0, true);
    for (i, line) in lines.iter().enumerate().rev() {
        match line {
            Line::Blank => continue,
            Line::Label(_) if items > 0 => start = i,
            Line::Text(t) if items == 0 && labelled(t) => {
                start = i;
                continue;
            }
            Line::Text(t) | Line::Heading(t)
                if items == texts && (texts == 0 || listing && plain_post::listing_line(t)) =>
            {
                listing &= plain_post::listing_line(t);
                texts += 1;
                items += 1;
                continue;
            }
            Line::Markdown(_) | Line::Bullet(_) if texts == 0 => {
                items += 1;
                continue;
            }
            _ => break,
        }
        (items, texts, listing) = (0, 0, true);
    }
    start
}

/// A line of plain text as Markdown that shows it as written, links kept: an HTML tag
/// ("<script>", "<b>" pasted from a label or a web page) is shown, not run, and a
/// multiplication ("2*3 capsules") keeps its asterisk rather than opening emphasis.
fn literal(t: &str) -> String {
    let mut out = String::with_capacity(t.len() + 8);
    let mut before = None;
    let mut chars = t.chars().peekable();
    while let Some(c) = chars.next() {
        let next = chars.peek().copied();
        let tag = c == '<' && next.is_some_and(|n| n.is_ascii_alphabetic() || "/!?".contains(n));
        let times = c == '*'
            && before.is_some_and(|b: char| b.is_ascii_digit())
            && next.is_some_and(|n| n.is_ascii_digit());
        if tag || times {
            out.push('\\');
        }
        out.push(c);
        before = Some(c);
    }
    out
}

/// A line the reader took for Markdown block syntax that is a sentence only starting like
/// it, as Markdown that shows it as written: a heading marker before prose ("# of capsules
/// per bottle varies."), or a number of three digits or more before a full stop ("2024.
/// That year…", not a list starting at 2024).
fn sentence_as_block(t: &str) -> Option<String> {
    let hashes = t.len() - t.trim_start_matches('#').len();
    let digits = t.len() - t.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    let prose = |rest: &str| rest.starts_with(' ') && rest.trim_end().ends_with(['.', '!', '?']);
    if hashes > 0 && prose(&t[hashes..]) {
        Some(format!("\\{}", literal(t)))
    } else if digits >= 3 && t[digits..].starts_with('.') && prose(&t[digits + 1..]) {
        Some(format!("{}\\{}", &t[..digits], literal(&t[digits..])))
    } else {
        None
    }
}

/// "Vitamin B12 deficiency, neurological symptoms, …" → "Vitamin B12 deficiency: neurological symptoms".
fn derive_title(keywords: &[String]) -> String {
    let cap = |s: &str| {
        let mut c = s.chars();
        c.next()
            .map(|f| f.to_uppercase().collect::<String>() + c.as_str())
            .unwrap_or_default()
    };
    match keywords {
        [] => "Untitled article".into(),
        [one] => cap(one),
        [first, second, ..] => format!("{}: {}", cap(first), second),
    }
}

fn markdown_link_urls(text: &str) -> Vec<String> {
    let mut urls = Vec::new();
    let mut rest = text;
    while let Some(i) = rest.find("](") {
        rest = &rest[i + 2..];
        if let Some(end) = plain_post::link_address_end(rest) {
            urls.push(rest[..end].trim().to_string());
            rest = &rest[end..];
        }
    }
    urls
}

/// `[text](url)` → `text`.
fn strip_links(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(open) = rest.find('[') {
        let Some(mid) = rest[open..].find("](") else {
            break;
        };
        let Some(close) = plain_post::link_address_end(&rest[open + mid + 2..]) else {
            break;
        };
        out.push_str(&rest[..open]);
        out.push_str(&rest[open + 1..open + mid]);
        rest = &rest[open + mid + 2 + close + 1..];
    }
    out.push_str(rest);
    out
}

/// The first sentences of `text` that fit in `max` characters (at least the first one, cut).
fn sentence_excerpt(text: &str, max: usize) -> String {
    let mut out = String::new();
    for sentence in text.split_inclusive(". ") {
        if !out.is_empty() && out.chars().count() + sentence.chars().count() > max {
            break;
        }
        out.push_str(sentence);
    }
    crate::markdown::excerpt(out.trim(), max + 40)
}

/// `s` as a YAML double-quoted string. Characters YAML does not allow in a document (control
/// characters, which pasted posts carry: a vertical tab, a stray NUL) and the line breaks a
/// one-line value cannot hold are written as `\u` escapes, so the front matter always reads
/// back as the text it was made from.
fn yaml_string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\t' => out.push(c),
            c if crate::structured::yaml_reads_otherwise(c) => {
                out.push_str(&format!("\\u{:04X}", u32::from(c)));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn yaml_list(items: &[String]) -> String {
    format!(
        "[{}]",
        items
            .iter()
            .map(|i| yaml_string(i))
            .collect::<Vec<_>>()
            .join(", ")
    )
}

/// The article file text for a converted post.
pub fn to_markdown(c: &Converted, today: Date) -> String {
    let tags = if c.tags.is_empty() {
        String::new()
    } else {
        format!("tags: {}\n", yaml_list(&c.tags))
    };
    let authors = if c.authors.is_empty() {
        String::new()
    } else {
        format!("authors: {}\n", yaml_list(&c.authors))
    };
    format!(
        "---\ntitle: {}\ndescription: {}\ndate: {}\n{authors}keywords: {}\n{tags}supplements: {}\n---\n\n{}",
        yaml_string(&c.title),
        yaml_string(&c.description),
        c.date.unwrap_or(today).iso(),
        yaml_list(&c.keywords),
        yaml_list(&c.supplements),
        c.body
    )
}

/// Supplement product links of the site at `root`, normalised, to ids.
pub fn product_links(root: &Path, diags: &Diagnostics) -> HashMap<String, String> {
    let mut map = HashMap::new();
    let dir = root.join("content").join("supplements");
    for path in crate::theme::walk_files(&dir, diags) {
        let Ok(text) = read_text(&path) else { continue };
        let rel = path
            .strip_prefix(&dir)
            .map(|r| r.to_string_lossy().replace('\\', "/"))
            .unwrap_or_default();
        let file = crate::load::SourceFile::new(path.clone(), rel, text);
        // Only its links are read: its text's labels do not matter.
        if let Ok((s, _)) = records::parse_supplement(&file, &crate::markdown::Labels::default()) {
            for link in &s.links {
                if let Some(n) = normalise_url(link) {
                    map.insert(n, s.id.clone());
                }
            }
        }
    }
    map
}

/// Imports `files` into `root`'s articles (under `section`); returns the written paths.
pub fn import(
    root: &Path,
    files: &[PathBuf],
    section: Option<&str>,
    title: Option<&str>,
    today: Date,
    diags: &Diagnostics,
) -> Vec<PathBuf> {
    let links = product_links(root, diags);
    let mut dir = root.join("content").join("articles");
    for part in section.unwrap_or("").split('/').filter(|p| !p.is_empty()) {
        dir.push(slugify(part));
    }
    let mut written = Vec::new();
    for file in files {
        let text = match read_text(file) {
            Ok(t) => t,
            Err(d) => {
                diags.push(d);
                continue;
            }
        };
        // A blank file (a failed export, a wrong name) would be a blank published page.
        if text.trim().is_empty() {
            diags.push(
                Diagnostic::error("the file has no text to import")
                    .in_file(file)
                    .hint("check that it is the post you meant, saved with its text"),
            );
            continue;
        }
        let converted = convert(&text, title, &links);
        if let Some(value) = &converted.unread_date {
            diags.push(
                Diagnostic::warning(format!(
                    "`Date: {value}` is not a date Materia reads: the article is dated the day of the import"
                ))
                .in_file(file)
                .hint("write its `date:` in the article's front matter as YYYY-MM-DD"),
            );
        }
        // `--title` names the file too, as it does where the post has no slug of its own.
        let slug = match (&converted.slug, title) {
            (Some(slug), None) => slug.clone(),
            _ => slugify(&converted.title),
        };
        let path = dir.join(format!(
            "{}.md",
            if slug.is_empty() { "imported" } else { &slug }
        ));
        if path.exists() {
            diags.push(
                Diagnostic::error(format!("`{}` already exists", path.display()))
                    .in_file(file)
                    .hint("pass --title to give the article another name, or remove the old file"),
            );
            continue;
        }
        let result = std::fs::create_dir_all(&dir).and_then(|()| {
            use std::io::Write as _;
            std::fs::OpenOptions::new()
                .write(true)
                .create_new(true)
                .open(&path)
                .and_then(|mut f| f.write_all(to_markdown(&converted, today).as_bytes()))
        });
        match result {
            Ok(()) => written.push(path),
            Err(e) => diags.push(
                Diagnostic::error(format!("cannot write `{}`: {e}", path.display())).in_file(file),
            ),
        }
    }
    written
}

#[cfg(test)]
mod tests {
    use super::*;

    const POST: &str = "Introduction\nZinc matters for [immunity](https://shop.example/zinc/).\nMore text.\n1. Why Zinc Matters\nIt helps. Really.\nConclusion\nEat well.\nQ&A Section\nQ1: Is zinc safe?\nA1: In normal doses.\nQ2: Who needs it?\nA2: Most people.\nImportant Keywords\nZinc deficiency, immune health, zinc supplements.\n";

    /// A "URL:" line's slug is its address's last part; a site's own address gives none.
    #[test]
    fn a_header_address_gives_the_slug_of_its_last_part() {
        for (value, slug) in [
            ("https://shop.example/blog/b12-nerves/", Some("b12-nerves")),
            (
                "www.shop.example/blog/B12-Nerves.html?ref=x",
                Some("b12-nerves"),
            ),
            ("/blog/iron-tiredness", Some("iron-tiredness")),
            ("iron-tiredness", Some("iron-tiredness")),
            ("https://shop.example/", None),
            ("https://shop.example", None),
            ("www.shop.example", None),
            ("https://shop.example/#top", None),
        ] {
            assert_eq!(slug_of_address(value).as_deref(), slug, "{value}");
        }
    }

    /// A link's address counts for nothing in a title's length, and may hold brackets.
    #[test]
    fn a_link_in_a_title_or_with_brackets_in_its_address_is_kept_whole() {
        let post = "Introduction\nThis post is about [vitamin B12 (cobalamin)](https://en.wikipedia.org/wiki/Vitamin_B12_(disambiguation)) first.\n\
                    1. Why [Magnesium](https://shop.example/collections/magnesium-benefits-energy-muscle-bone-support) Matters for Nerves\n\
                    Magnesium helps muscles relax.\nConclusion\nEat well.\n";
        let c = convert(post, Some("Nerves"), &HashMap::new());
        assert_eq!(
            c.description,
            "This post is about vitamin B12 (cobalamin) first."
        );
        assert!(
            c.body.contains("\n## Why [Magnesium](https://shop.example/collections/magnesium-benefits-energy-muscle-bone-support) Matters for Nerves\n"),
            "{}",
            c.body
        );
        assert_eq!(
            markdown_link_urls(post)[0],
            "https://en.wikipedia.org/wiki/Vitamin_B12_(disambiguation)"
        );
    }

    /// A sentence that starts like a heading or a numbered item, after a list, is a
    /// paragraph of its own, not the list's last item continued.
    #[test]
    fn a_sentence_after_a_list_is_its_own_paragraph() {
        let post = "Introduction\nSome text here, and more of it.\n- one\n- two\n\
                    2024. That year the labels changed.\nConclusion\nEat well.\n";
        let c = convert(post, Some("Labels"), &HashMap::new());
        assert!(
            c.body
                .contains("- two\n\n2024\\. That year the labels changed.\n"),
            "{}",
            c.body
        );
    }

    /// A FAQ's title in another language is kept as written (it came out in English); "Q&A
    /// Section" or "FAQ", which say what the section is, get the name readers know.
    #[test]
    fn an_faq_keeps_its_title_unless_it_is_an_abbreviation() {
        for (title, heading) in [
            ("Questions fréquentes :", "## Questions fréquentes\n"),
            ("Preguntas frecuentes", "## Preguntas frecuentes\n"),
            ("Domande frequenti", "## Domande frequenti\n"),
            ("FAQ:", "## Frequently asked questions\n"),
            ("Q&A Section", "## Frequently asked questions\n"),
        ] {
            let post = POST.replace("Q&A Section", title).replace("A1:", "R1 :");
            let c = convert(&post, None, &HashMap::new());
            assert!(c.body.contains(heading), "{title}: {}", c.body);
            assert!(
                c.body.contains("A: In normal doses."),
                "{title}: {}",
                c.body
            );
        }
    }

    /// Italian and Portuguese posts: their FAQ of "D1:"/"R1:" lines under "Domande e
    /// risposte", or of "P1:"/"R1:" and "Pergunta 2:"/"Resposta 2:" lines under "Perguntas
    /// frequentes", written as `Q:`/`A:`, and their closing keywords, the label left out.
    #[test]
    fn italian_and_portuguese_posts_give_their_faq_and_keywords() {
        for (post, faq, second, keywords, label) in [
            (
                "Introduzione\nLa carenza di B12 causa formicolio.\nDomande e risposte\n\
                 D1: Passa da solo?\nR1: Con la terapia, in settimane.\nD2: Bastano gli \
                 integratori?\nR2: Spesso sì.\nParole chiave importanti\nvitamina B12, \
                 formicolio\n",
                "## Domande e risposte\n\nQ: Passa da solo?\n\nA: Con la terapia, in settimane.\n",
                "Q: Bastano gli integratori?",
                ["vitamina B12", "formicolio"],
                "Parole",
            ),
            (
                "Introdução\nA falta de B12 causa formigamento.\nPerguntas frequentes\n\
                 P1: Passa sozinho?\nR1: Com o tratamento, em semanas.\nPergunta 2: Os \
                 suplementos bastam?\nResposta 2: Muitas vezes, sim.\nPalavras-chave \
                 importantes\nvitamina B12, formigamento\n",
                "## Perguntas frequentes\n\nQ: Passa sozinho?\n\nA: Com o tratamento, em semanas.\n",
                "Q: Os suplementos bastam?",
                ["vitamina B12", "formigamento"],
                "Palavras",
            ),
        ] {
            let c = convert(post, Some("B12"), &HashMap::new());
            assert!(c.body.contains(faq), "{}", c.body);
            assert!(c.body.contains(second), "{}", c.body);
            assert_eq!(c.keywords, keywords);
            assert!(!c.body.contains(label), "{}", c.body);
        }
    }

    #[test]
    fn converts_sections_faq_and_keywords() {
        let links = HashMap::from([("shop.example/zinc".to_string(), "zinc".to_string())]);
        let c = convert(POST, None, &links);
        assert_eq!(c.title, "Zinc deficiency: immune health");
        assert_eq!(
            c.keywords,
            vec!["Zinc deficiency", "immune health", "zinc supplements"]
        );
        assert_eq!(c.supplements, vec!["zinc"]);
        assert_eq!(c.description, "Zinc matters for immunity.");
        assert!(
            c.body.starts_with(
                "## Introduction\n\nZinc matters for [immunity](https://shop.example/zinc/)."
            ),
            "{}",
            c.body
        );
        assert!(c.body.contains("## Why Zinc Matters\n\n"));
        assert!(c.body.contains(
            "## Frequently asked questions\n\nQ: Is zinc safe?\n\nA: In normal doses.\n\n"
        ));
        assert!(!c.body.contains("Important Keywords"));
        assert!(!c.body.contains("Zinc deficiency,"));
    }

    #[test]
    fn unnumbered_titles_are_headings_and_a_numbered_first_line_is_no_title() {
        let c = convert(
            "1. Why Zinc Matters\nIt helps the body heal.\nSigns of Low Zinc\nSlow healing is one.\n",
            None,
            &HashMap::new(),
        );
        assert_eq!(c.title, "Untitled article");
        assert!(c.body.starts_with("## Why Zinc Matters\n\n"), "{}", c.body);
        assert!(c.body.contains("## Signs of Low Zinc\n\n"), "{}", c.body);
    }

    #[test]
    fn a_list_stays_together_and_the_next_paragraph_is_its_own() {
        let c = convert(
            "Zinc Guide\nIt helps the body heal.\n- with food\n- not with iron\nSee a doctor first.\n",
            None,
            &HashMap::new(),
        );
        assert!(
            c.body
                .contains("- with food\n- not with iron\n\nSee a doctor first.\n"),
            "{}",
            c.body
        );
    }

    #[test]
    fn title_from_option_or_first_line() {
        let c = convert(POST, Some("Zinc"), &HashMap::new());
        assert_eq!(c.title, "Zinc");
        let c = convert("Zinc and You\nIntroduction\nText.\n", None, &HashMap::new());
        assert_eq!(c.title, "Zinc and You");
    }

    /// Found by `fuzz/` (the `import` target): a post whose first paragraph held a vertical
    /// tab was written into a description YAML refused, so the imported article did not build.
    /// Control characters are spaces now, and what YAML cannot hold as it is is escaped.
    #[test]
    fn front_matter_holds_any_character_of_the_post() {
        let odd = "Zinc \u{b}and \u{0}\u{1b}you \u{2028}\"quoted\" back\\slash\ttab \u{85}end";
        let c = convert(
            &format!("{odd}\n{odd}.\nMore text.\n"),
            None,
            &HashMap::new(),
        );
        assert_eq!(
            c.title,
            "Zinc  and   you \u{2028}\"quoted\" back\\slash\ttab   end"
        );
        assert!(!c.body.contains(crate::load::forbidden), "{}", c.body);
        let Ok(today) = Date::parse("2026-12-06") else {
            panic!("a date")
        };
        let file = crate::load::SourceFile::new(
            "content/articles/post.md".into(),
            "post.md".into(),
            to_markdown(&c, today),
        );
        assert!(file.warning.is_none(), "{:?}", file.warning);
        match crate::article::parse(&file, &crate::markdown::Labels::default()) {
            Ok(article) => {
                assert!(article.errors.is_empty(), "{:?}", article.errors);
                assert_eq!(article.front.title, c.title);
                assert_eq!(
                    article.front.description.as_deref(),
                    Some(c.description.as_str())
                );
            }
            Err(errors) => panic!("{errors:?}\n{}", file.text),
        }
        // What YAML cannot hold unescaped reads back as it was.
        assert_eq!(
            yaml_string("a\u{2028}b\u{1}\"\\"),
            "\"a\\u2028b\\u0001\\\"\\\\\""
        );
    }
}
