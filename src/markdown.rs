//! Markdown bodies: parsed once with pulldown-cmark, shaped the way a health article needs,
//! and rendered to HTML. Headings get stable ids and anchor links (and feed the table of
//! contents); a "Q&A"/"FAQ" section becomes an FAQ block whose questions and answers are also
//! kept as plain text for JSON-LD; a trailing "Important Keywords" paragraph becomes
//! keywords. Every link keeps its byte offset in the file, so later stages can point authors
//! at the exact line of a broken link.
//!
//! The HTML is [`Prepared`]: it marks what only the link stage can settle, which needs the
//! whole site (where a link to another article goes, which words become cross-links), so
//! that stage fills those in without parsing the Markdown again.
//!
//! The shaping steps that are more than a few lines have files of their own: `faq` (the
//! FAQ section in each shape authors write it), `alerts` (titled and Obsidian alerts),
//! `pasted` (bodies pasted from plain-text posts), `prepared` (the HTML and its holes),
//! `footnotes`, `references` (a closing list of sources) and `bare_urls` (web addresses
//! in text made links).

mod alerts;
mod bare_urls;
mod faq;
mod footnotes;
mod pasted;
mod prepared;
mod references;

pub use prepared::{Prepared, Settled};
pub use references::BodyReference;

pub use footnotes::{FootnoteFault, FootnoteProblem};

use crate::plain_post::{self, Listed};
use crate::slug::slugify;
use crate::translations::Words;
use alerts::{alert_open, titled_alerts};
use faq::shape_faq_section;
use pasted::{bulleted_paragraphs_as_lists, post_events};
use prepared::{prepare, raw_html_depth_change, LinkableText};
use pulldown_cmark::{CowStr, Event, HeadingLevel, LinkType, Options, Parser, Tag, TagEnd};
use rustc_hash::{FxHashMap, FxHashSet};
use std::ops::Range;

/// An event with its byte range in the source file (not just in the body). Its text borrows
/// from the Markdown it was parsed from where it can: owning a copy of every text event was
/// a third of parsing.
type Spanned<'a> = (Event<'a>, Range<usize>);

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TocEntry {
    pub level: u8,
    pub id: String,
    pub title: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FaqEntry {
    pub question: String,
    pub answer: String,
    /// The id of the question's heading, for links to it.
    pub id: String,
}

/// A link or image destination written by the author, with its byte offset in the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkRef {
    pub dest: String,
    pub offset: usize,
    pub is_image: bool,
    /// An image with nothing between its brackets, which screen readers can only name by
    /// its file name.
    pub no_alt: bool,
}

/// A parsed body: its HTML, and what it tells about itself.
#[derive(Debug, Clone, Default)]
pub struct Body {
    pub prepared: Prepared,
    pub outline: Outline,
}

/// A closing labelled list ("Important Keywords", "Tags: …"), read as the article's
/// keywords or tags.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClosingList {
    pub items: Vec<String>,
    /// Where the list is written: a byte offset in the file.
    pub offset: usize,
}

/// Everything a body tells about itself besides its HTML.
#[derive(Debug, Clone, Default)]
pub struct Outline {
    pub toc: Vec<TocEntry>,
    pub faq: Vec<FaqEntry>,
    /// From a closing "Important Keywords" paragraph, if there was one (it is removed).
    pub trailing_keywords: Option<ClosingList>,
    /// From a closing "Tags: …" paragraph, if there was one (it is removed).
    pub trailing_tags: Option<ClosingList>,
    /// From a closing "References" section, if there was one (it is removed).
    pub references: Vec<BodyReference>,
    pub links: Vec<LinkRef>,
    /// Every heading id on the page, for `#fragment` link checks.
    pub anchors: Vec<String>,
    /// The body as plain text (for reading time and search).
    pub plain_text: String,
    /// The text of the body's first paragraphs, headings left out: what a page without a
    /// `description` is described by.
    pub lead: String,
    /// How many words `plain_text` has (for reading time).
    pub words: usize,
    /// References to notes never defined, and notes never referenced.
    pub footnote_problems: Vec<FootnoteProblem>,
    /// Headings that go more than one level deeper than the heading before them.
    pub heading_skips: Vec<HeadingSkip>,
}

/// A heading more than one level below the one before it (`####` straight after `##`):
/// screen-reader users, who move through a page by its headings, miss a level.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HeadingSkip {
    /// Where the heading is written: a byte offset in the file.
    pub offset: usize,
    /// The level of the heading before it as written (its number of `#`), or `None` when
    /// it is the first and the text's highest headings are `level` − 1 or less.
    pub after: Option<u8>,
    /// Its own level as written.
    pub level: u8,
}

impl std::ops::Deref for Body {
    type Target = Outline;

    fn deref(&self) -> &Outline {
        &self.outline
    }
}

/// The Markdown Materia reads: CommonMark with GitHub's tables, footnotes, strikethrough,
/// task lists and alerts (`> [!WARNING]`), heading ids, and definition lists (`Term` over
/// `: definition`, as Hugo and mdBook read them: a glossary of a health site is one).
pub fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_GFM
        | Options::ENABLE_DEFINITION_LIST
}

/// The bytes that can start a white-space character: ASCII white space, and the lead bytes
/// of the others `char::is_whitespace` accepts (U+0085, U+00A0, U+1680, U+2000 to U+205F,
/// U+3000).
static MAY_BE_SPACE: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 256 {
        table[b] = matches!(b as u8, b'\t'..=b'\r' | b' ' | 0xc2 | 0xe1 | 0xe2 | 0xe3);
        b += 1;
    }
    table
};

/// The length of the white-space character at byte `i` of `text`, or 0 when there is none
/// (also inside a character).
#[inline(always)]
pub(crate) fn space_at(text: &str, i: usize) -> usize {
    let b = text.as_bytes()[i];
    if !MAY_BE_SPACE[b as usize] {
        return 0;
    }
    if b.is_ascii() {
        return 1;
    }
    match text.get(i..).and_then(|rest| rest.chars().next()) {
        Some(c) if c.is_whitespace() => c.len_utf8(),
        _ => 0,
    }
}

/// A plain-text excerpt of about `max` characters, cut at a word.
pub fn excerpt(text: &str, max: usize) -> String {
    // The text with single spaces, but only as far as the cut: article bodies are long,
    // and every card takes an excerpt of one.
    let mut flat = String::new();
    let mut chars = 0;
    for word in spaced_words(text) {
        if chars > max {
            break;
        }
        if !flat.is_empty() {
            flat.push(' ');
            chars += 1;
        }
        flat.push_str(word);
        chars += word.chars().count();
    }
    if chars <= max {
        return flat;
    }
    let cut: String = flat.chars().take(max).collect();
    let at = cut.rfind(' ').unwrap_or(cut.len());
    format!("{}…", cut[..at].trim_end_matches([',', ';', ':', '.', ' ']))
}

/// `str::split_whitespace`, but reading bytes by table and decoding only the few that may
/// start a non-ASCII space: cards and the search index cut an excerpt from every page, and
/// decoding each character cost more than the rest of that.
pub fn spaced_words(text: &str) -> impl Iterator<Item = &str> {
    let len = text.len();
    let mut at = 0;
    std::iter::from_fn(move || {
        loop {
            if at >= len {
                return None;
            }
            match space_at(text, at) {
                0 => break,
                n => at += n,
            }
        }
        let start = at;
        // Byte by byte: a byte inside a character is never a space.
        while at < len && space_at(text, at) == 0 {
            at += 1;
        }
        Some(&text[start..at])
    })
}

/// `spaced_words(text).count()`, faster: eight bytes at a time, a word starting at each
/// byte that is not ASCII white space and follows one that is. A text with a non-ASCII
/// space (rare: a no-break space, say) is counted the slow way.
fn word_count(text: &str) -> usize {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const TOPS: u64 = 0x8080_8080_8080_8080;
    let bytes = text.as_bytes();
    let mut count = 0;
    // Whether the byte before the current eight was white space (the text's start counts).
    let mut after_space = 1u64;
    for (n, chunk) in bytes.chunks(8).enumerate() {
        let x = match <[u8; 8]>::try_from(chunk) {
            Ok(full) => u64::from_le_bytes(full),
            // The last bytes, padded with spaces, which start no word.
            Err(_) => {
                let mut buf = [b' '; 8];
                buf[..chunk.len()].copy_from_slice(chunk);
                u64::from_le_bytes(buf)
            }
        };
        if x & TOPS != 0
            && chunk.iter().enumerate().any(|(i, &b)| {
                b > 0x7f && MAY_BE_SPACE[b as usize] && space_at(text, n * 8 + i) > 0
            })
        {
            return spaced_words(text).count();
        }
        // Each byte's top bit: set for 9 to 13 and for 32. Bytes over 0x7f are cleared first
        // so that no sum carries into the next byte, and are never white space.
        let low = x & !TOPS;
        let controls = (low + (0x80 - 9) * ONES) & !(low + (0x80 - 14) * ONES);
        let blank = low ^ (0x20 * ONES);
        let blanks = !((blank + !TOPS) | blank);
        let tops = (controls | blanks) & !x & TOPS;
        let spaces = ((tops >> 7).wrapping_mul(0x0102_0408_1020_4080)) >> 56;
        let starts = !spaces & ((spaces << 1) | after_space) & 0xff;
        count += starts.count_ones() as usize;
        after_space = (spaces >> 7) & 1;
    }
    count
}

/// Parses `text`, which starts at byte `base` of its file. `notes` starts the ids of its
/// footnotes, which must differ between the Markdown texts of one page: `""` for an
/// article's body (`fn:1`, as Hugo writes them), the field's name and a dash for a record's.
pub fn parse(text: &str, base: usize, shape_faq: bool, notes: &str, labels: &Labels) -> Body {
    parse_with(text, base, shape_faq, notes, shape_faq, labels)
}

/// An article's body: [`parse`] with its shapes, and with a closing "References" section
/// taken as its references only when `take_references` (front matter has none; otherwise
/// the section stays as written).
pub fn parse_article(text: &str, base: usize, take_references: bool, labels: &Labels) -> Body {
    parse_with(text, base, true, "", take_references, labels)
}

/// What Markdown's own markup says to readers, in the site's language: alert titles, the
/// footnotes' and tables' labels, heading anchors' names (see [`Words`]). Kept as the HTML
/// that holds them, escaped once.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Labels {
    /// The opening of an alert of each kind, in `alert_open`'s order, title included.
    alerts: [String; 5],
    /// The opening of a table's scrolling region.
    table_open: String,
    /// The end of a heading's anchor link, after its `href`.
    anchor_close: String,
    /// The opening of a text's footnotes.
    footnotes_open: String,
    /// "Back to reference {n}" and "… ({nth})", escaped for an attribute.
    back: String,
    back_again: String,
}

impl Labels {
    pub fn new(words: &Words) -> Labels {
        let esc = |key: &str| crate::autolink::escape_attr(words.get(key));
        let alert = |kind: &str| {
            format!(
                "<div class=\"alert alert-{kind}\" role=\"note\">\n<p class=\"alert-title\">{}</p>\n",
                esc(&["alert_", kind].concat())
            )
        };
        Labels {
            alerts: ["note", "tip", "important", "warning", "caution"].map(alert),
            table_open: format!(
                "<div class=\"table-wrap\" role=\"region\" tabindex=\"0\" aria-label=\"{}\">\n",
                esc("table")
            ),
            anchor_close: format!("\" aria-label=\"{}\">#</a>", esc("link_to_section")),
            footnotes_open: format!(
                "{FOOTNOTES_START} aria-label=\"{}\">\n<ol>\n",
                esc("footnotes")
            ),
            back: esc("footnote_back"),
            back_again: esc("footnote_back_again"),
        }
    }
}

impl Default for Labels {
    fn default() -> Labels {
        Labels::new(&Words::default())
    }
}

fn parse_with(
    text: &str,
    base: usize,
    shape_faq: bool,
    notes: &str,
    take_references: bool,
    labels: &Labels,
) -> Body {
    let Shaped {
        events,
        trailing_keywords,
        trailing_tags,
        references,
        faq,
        toc,
        anchors,
        footnote_problems,
        heading_skips,
    } = shaped(text, base, shape_faq, notes, take_references, labels);
    let links = events
        .iter()
        .enumerate()
        .filter_map(|(k, (e, r))| match e {
            // `<name@example.org>`: written out as a `mailto:` link, and checked as one.
            Event::Start(Tag::Link {
                link_type: LinkType::Email,
                dest_url,
                ..
            }) => Some(LinkRef {
                dest: ["mailto:", dest_url].concat(),
                offset: r.start,
                is_image: false,
                no_alt: false,
            }),
            Event::Start(Tag::Link { dest_url, .. }) => Some(LinkRef {
                dest: dest_url.to_string(),
                offset: r.start,
                is_image: false,
                no_alt: false,
            }),
            Event::Start(Tag::Image { dest_url, .. }) => Some(LinkRef {
                dest: dest_url.to_string(),
                offset: r.start,
                is_image: true,
                no_alt: !image_has_text(&events[k + 1..]),
            }),
            _ => None,
        })
        .collect();
    let plain_text = plain_text(events.iter().map(|(e, _)| e));
    let lead = lead_text(events.iter().map(|(e, _)| e));
    let words = word_count(&plain_text);
    Body {
        prepared: prepare(events, text.len(), labels),
        outline: Outline {
            toc,
            faq,
            trailing_keywords,
            trailing_tags,
            references,
            links,
            anchors,
            plain_text,
            lead,
            words,
            footnote_problems,
            heading_skips,
        },
    }
}

/// Whether the image whose content `events` begins with has any text (its `alt`).
fn image_has_text(events: &[Spanned<'_>]) -> bool {
    let mut depth = 1;
    for (e, _) in events {
        match e {
            Event::Start(_) => depth += 1,
            Event::End(_) => depth -= 1,
            Event::Text(t) | Event::Code(t) if !t.trim().is_empty() => return true,
            _ => {}
        }
        if depth == 0 {
            break;
        }
    }
    false
}

impl Outline {
    /// What a page without a written description is described by: its lead, or where it
    /// has none (a body of headings and tables), all its text.
    pub fn describing_text(&self) -> &str {
        if self.lead.is_empty() {
            &self.plain_text
        } else {
            &self.lead
        }
    }
}

/// Parsed and shaped events, and what shaping took from them.
struct Shaped<'a> {
    events: Vec<Spanned<'a>>,
    trailing_keywords: Option<ClosingList>,
    trailing_tags: Option<ClosingList>,
    references: Vec<BodyReference>,
    faq: Vec<FaqEntry>,
    toc: Vec<TocEntry>,
    anchors: Vec<String>,
    footnote_problems: Vec<FootnoteProblem>,
    heading_skips: Vec<HeadingSkip>,
}

fn shaped<'a>(
    text: &'a str,
    base: usize,
    shape_faq: bool,
    notes: &str,
    take_references: bool,
    labels: &Labels,
) -> Shaped<'a> {
    // Sized for the densest Markdown measured (an event per 27 bytes; articles average one
    // per 46): grown from empty by doubling, each article's events were copied about as
    // many times over as the parser took to make them.
    let mut events: Vec<Spanned> = Vec::with_capacity(text.len() / 24 + 16);
    match shape_faq.then(|| plain_post::as_post(text)).flatten() {
        Some(lines) => post_events(text, &lines, base, &mut events),
        None => {
            push_parsed(text, base, &mut events);
            bulleted_paragraphs_as_lists(&mut events);
            if text.contains("[!") {
                titled_alerts(&mut events);
            }
        }
    }
    let top = level_headings(&mut events);
    bare_urls::link(&mut events);
    let notes_defined = footnotes::take_definitions(&mut events);
    let (mut trailing_keywords, mut trailing_tags) = (None, None);
    let mut references = Vec::new();
    if shape_faq {
        // A post may close with both lists, in either order, and with its sources before or
        // after them: each is taken from the end in turn. A second list of one kind stays
        // in the text: which of the two is the article's is not for the build to guess.
        let mut blocks = top_level_blocks(&events);
        loop {
            while let Some((listed, list)) =
                take_closing_list(&mut events, &mut blocks, |l| match l {
                    Listed::Keywords => trailing_keywords.is_none(),
                    Listed::Tags => trailing_tags.is_none(),
                })
            {
                match listed {
                    Listed::Keywords => trailing_keywords = Some(list),
                    Listed::Tags => trailing_tags = Some(list),
                }
            }
            if !references.is_empty() || !take_references {
                break;
            }
            references = references::take(&mut events, &mut blocks);
            if references.is_empty() {
                break;
            }
        }
    }
    let mut faq = if shape_faq {
        shape_faq_section(&mut events)
    } else {
        Vec::new()
    };
    // After the closing lists and references are taken out: their headings are not shown.
    let heading_skips = heading_skips(&events, top);
    let (toc, questions, mut anchors) = assign_heading_ids(&mut events);
    // Each entry's question is one of the FAQ's headings, in order.
    if questions.len() == faq.len() {
        for (entry, id) in faq.iter_mut().zip(questions) {
            entry.id = id;
        }
    }
    // Without `[^` in the source there is no note and no reference to one, and the search
    // for unresolved references walked every event of every page (1 % of a large build).
    let footnote_problems = if text.contains("[^") {
        footnotes::gather(&mut events, notes_defined, notes, &mut anchors, labels)
    } else {
        Vec::new()
    };
    Shaped {
        events,
        trailing_keywords,
        trailing_tags,
        references,
        faq,
        toc,
        anchors,
        footnote_problems,
        heading_skips,
    }
}

/// Moves a text's headings, keeping how they nest, until the highest is an `h2`: its page
/// is headed by its title, the one `h1`, so a body written with `#` sections (as many are,
/// pasted from elsewhere) would have given the page several, and one that starts at `###`
/// a gap below it. Returns the highest level as written (2 for a text without headings).
fn level_headings(events: &mut [Spanned]) -> u8 {
    let levels = || {
        events.iter().filter_map(|(e, _)| match e {
            Event::Start(Tag::Heading { level, .. }) => Some(*level as usize),
            _ => None,
        })
    };
    let Some(top) = levels().min() else {
        return 2;
    };
    if top != 2 {
        let moved = |level: HeadingLevel| {
            HeadingLevel::try_from((level as usize + 2).saturating_sub(top).clamp(2, 6))
                .unwrap_or(level)
        };
        for (e, _) in events.iter_mut() {
            match e {
                Event::Start(Tag::Heading { level, .. }) | Event::End(TagEnd::Heading(level)) => {
                    *level = moved(*level);
                }
                _ => {}
            }
        }
    }
    top as u8
}

/// The headings that go more than one level deeper than the one before them (the first,
/// than the page's `h1`), in the levels written: [`level_headings`] moved them from `top`.
fn heading_skips(events: &[Spanned], top: u8) -> Vec<HeadingSkip> {
    let mut skips = Vec::new();
    let mut before = 1;
    for (e, r) in events.iter() {
        if let Event::Start(Tag::Heading { level, .. }) = e {
            let level = *level as u8;
            if level > before + 1 {
                skips.push(HeadingSkip {
                    offset: r.start,
                    after: (before > 1).then(|| before + top - 2),
                    level: level + top - 2,
                });
            }
            before = level;
        }
    }
    skips
}

/// `text`'s events, their offsets moved by `base`.
fn push_parsed<'a>(text: &'a str, base: usize, events: &mut Vec<Spanned<'a>>) {
    events.extend(
        Parser::new_ext(text, options())
            .into_offset_iter()
            .map(placed(text, base)),
    );
}

/// An event of `text` and its range, as the parse keeps them: cleaned of characters no page
/// may hold ([`without_forbidden`]), its range moved by `base`.
pub(super) fn placed<'a>(
    text: &'a str,
    base: usize,
) -> impl Fn((Event<'a>, Range<usize>)) -> Spanned<'a> {
    move |(e, r)| {
        let first = text.as_bytes().get(r.start).copied().unwrap_or(0);
        (without_forbidden(e, first), r.start + base..r.end + base)
    }
}

/// `event` with each character no page may hold ([`crate::load::forbidden`]) written as a
/// space. The load stage made every such character typed into the file a space, so in the
/// text only a character reference can make one (`&#11;`, `&#x85;`): pulldown-cmark writes
/// what it decodes as it is, and the page, its description and its feed entry would hold
/// it. `first` is the event's first byte in the source; a reference's text starts with `&`,
/// so other text is not looked at. A link's or picture's title may hold references too, and
/// raw HTML holds them undecoded ([`without_forbidden_references`]).
fn without_forbidden(event: Event<'_>, first: u8) -> Event<'_> {
    let clean = |s: &str| crate::load::forbidden_as_spaces(s).map(CowStr::from);
    let raw = |h: &str| without_forbidden_references(h).map(CowStr::from);
    match event {
        Event::Text(t) if first == b'&' => Event::Text(clean(&t).unwrap_or(t)),
        Event::Html(h) if h.contains("&#") => Event::Html(raw(&h).unwrap_or(h)),
        Event::InlineHtml(h) if h.contains("&#") => Event::InlineHtml(raw(&h).unwrap_or(h)),
        mut event => {
            if let Event::Start(Tag::Link { title, .. } | Tag::Image { title, .. }) = &mut event {
                if let Some(clean) = clean(title) {
                    *title = clean;
                }
            }
            event
        }
    }
}

/// Raw HTML with each numeric character reference HTML forbids written as a space, or `None`
/// when it has none. pulldown-cmark passes raw HTML through as it is, so `<p>&#11;</p>` or
/// `title="a&#x85;b"` would reach the page, where the browser decodes the reference into a
/// character no page may hold ([`crate::load::forbidden`]) and a validator refuses it, as it
/// refuses a reference to U+0000, to a carriage return, to a surrogate or past U+10FFFF.
fn without_forbidden_references(html: &str) -> Option<String> {
    let mut out: Option<String> = None;
    let mut done = 0;
    for (at, _) in html.match_indices("&#") {
        if at < done {
            continue;
        }
        let rest = &html.as_bytes()[at + 2..];
        let hex = matches!(rest.first(), Some(b'x' | b'X'));
        let from = at + 2 + usize::from(hex);
        let digits = html.as_bytes()[from..]
            .iter()
            .take_while(|b| {
                if hex {
                    b.is_ascii_hexdigit()
                } else {
                    b.is_ascii_digit()
                }
            })
            .count();
        if digits == 0 {
            continue;
        }
        // Too many digits for a u32 is past U+10FFFF too.
        let value = u32::from_str_radix(&html[from..from + digits], if hex { 16 } else { 10 })
            .unwrap_or(u32::MAX);
        let refused =
            matches!(value, 0 | 0x0d) || char::from_u32(value).is_none_or(crate::load::forbidden);
        if !refused {
            continue;
        }
        let end = from + digits + usize::from(html[from + digits..].starts_with(';'));
        let out = out.get_or_insert_with(|| String::with_capacity(html.len()));
        out.push_str(&html[done..at]);
        out.push(' ');
        done = end;
    }
    out.map(|mut out| {
        out.push_str(&html[done..]);
        out
    })
}

/// Raw HTML elements whose text readers never see: their code is not the page's text.
const HIDDEN: &[&str] = &["script", "style", "template"];

/// How the list of a body's footnotes opens: the end of its lead.
const FOOTNOTES_START: &str = "<section class=\"footnotes\"";

/// Text content of events, with blocks separated by newlines; not the text of raw
/// `<script>`, `<style>` and `<template>` elements.
fn plain_text<'a, 'b: 'a>(events: impl Iterator<Item = &'a Event<'b>> + Clone) -> String {
    // Sized first (an upper bound: every block end counted): grown by doubling and then
    // copied to trim it, an article's text was copied three times over.
    let size = events
        .clone()
        .map(|e| match e {
            Event::Text(t) | Event::Code(t) => t.len(),
            Event::SoftBreak | Event::HardBreak | Event::End(_) => 1,
            _ => 0,
        })
        .sum();
    let mut out = String::with_capacity(size);
    let mut hidden = 0isize;
    for e in events {
        match e {
            Event::Html(h) | Event::InlineHtml(h) => {
                hidden = (hidden + raw_html_depth_change(h, HIDDEN)).max(0);
            }
            Event::Text(_) | Event::Code(_) if hidden > 0 => {}
            Event::Text(t) | Event::Code(t) => out.push_str(t),
            Event::SoftBreak | Event::HardBreak => out.push(' '),
            Event::End(
                TagEnd::Paragraph
                | TagEnd::Heading(_)
                | TagEnd::Item
                | TagEnd::TableCell
                | TagEnd::CodeBlock
                | TagEnd::DefinitionListTitle
                | TagEnd::DefinitionListDefinition,
            ) if !out.ends_with('\n') => out.push('\n'),
            _ => {}
        }
    }
    out.truncate(out.trim_end().len());
    let lead = out.len() - out.trim_start().len();
    out.drain(..lead);
    out
}

/// The text of the first paragraphs and list items of `events`, as far as [`LEAD`] bytes:
/// no headings (a body opening with "Introduction" or "Overview" was described as
/// "Introduction Vitamin B12 is…"), code blocks, tables or footnotes (a short body was
/// described by its citations).
fn lead_text<'a, 'b: 'a>(events: impl Iterator<Item = &'a Event<'b>>) -> String {
    let mut out = String::new();
    // Headings, code blocks and tables open: their text is not the lead.
    let mut skipped = 0usize;
    let mut hidden = 0isize;
    for e in events {
        match e {
            // The notes, gathered at the end of the body (footnotes::gather).
            Event::Html(h) if h.starts_with(FOOTNOTES_START) => break,
            Event::Html(h) | Event::InlineHtml(h) => {
                hidden = (hidden + raw_html_depth_change(h, HIDDEN)).max(0);
            }
            Event::Text(_) | Event::Code(_) if hidden > 0 => {}
            Event::Start(Tag::Heading { .. } | Tag::CodeBlock(_) | Tag::Table(_)) => skipped += 1,
            Event::End(TagEnd::Heading(_) | TagEnd::CodeBlock | TagEnd::Table) => {
                skipped = skipped.saturating_sub(1);
            }
            Event::Text(t) | Event::Code(t) if skipped == 0 => out.push_str(t),
            Event::SoftBreak | Event::HardBreak if skipped == 0 => out.push(' '),
            Event::End(
                TagEnd::Paragraph
                | TagEnd::Item
                | TagEnd::DefinitionListTitle
                | TagEnd::DefinitionListDefinition,
            ) if skipped == 0 => {
                if out.len() >= LEAD {
                    break;
                }
                out.push(' ');
            }
            _ => {}
        }
    }
    out.truncate(out.trim_end().len());
    out
}

/// Enough text for a description of 200 characters and its cut.
const LEAD: usize = 400;

/// Index ranges of top-level blocks (a block is a balanced Start…End run, or a lone event
/// such as a rule or raw HTML).
fn top_level_blocks(events: &[Spanned]) -> Vec<Range<usize>> {
    let mut blocks = Vec::new();
    let mut depth = 0usize;
    let mut start = 0;
    for (i, (e, _)) in events.iter().enumerate() {
        match e {
            Event::Start(_) => {
                if depth == 0 {
                    start = i;
                }
                depth += 1;
            }
            Event::End(_) => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    blocks.push(start..i + 1);
                }
            }
            _ if depth == 0 => blocks.push(i..i + 1),
            _ => {}
        }
    }
    blocks
}

fn heading_level(block: &[Spanned]) -> Option<HeadingLevel> {
    match block.first() {
        Some((Event::Start(Tag::Heading { level, .. }), _)) => Some(*level),
        _ => None,
    }
}

fn is_paragraph(block: &[Spanned]) -> bool {
    matches!(block.first(), Some((Event::Start(Tag::Paragraph), _)))
}

fn block_text(block: &[Spanned]) -> String {
    plain_text(block.iter().map(|(e, _)| e))
}

/// The text of a short paragraph of plain text, such as a line "Q&A Section" (a few text
/// events: pulldown-cmark splits text at `&`), without making the text of every paragraph.
fn short_paragraph_text(block: &[Spanned]) -> Option<String> {
    if !is_paragraph(block) || block.len() > 8 {
        return None;
    }
    let mut text = String::new();
    for (e, _) in &block[1..block.len() - 1] {
        match e {
            Event::Text(t) if text.len() + t.len() <= 60 => text.push_str(t),
            _ => return None,
        }
    }
    Some(text)
}

/// Takes the list closing `events` ("Important Keywords" or "Tags", as a heading or a
/// paragraph over the list, or as one paragraph that starts with the label), of the
/// top-level `blocks` given, if it is of a kind `wanted`: removes it, and its label, from
/// both.
fn take_closing_list(
    events: &mut Vec<Spanned>,
    blocks: &mut Vec<Range<usize>>,
    wanted: impl Fn(Listed) -> bool,
) -> Option<(Listed, ClosingList)> {
    let last = blocks.last()?.clone();
    // The list is a paragraph, or a bulleted list under its label.
    let is_list = matches!(events[last.start].0, Event::Start(Tag::List(_)));
    if !is_paragraph(&events[last.clone()]) && !is_list {
        return None;
    }
    let text = block_text(&events[last.clone()]);
    let offset = events[last.start].1.start;
    if let Some((listed, rest)) = plain_post::list_after_label(&text).filter(|_| !is_list) {
        let items = plain_post::split_keywords(rest);
        if !items.is_empty() && wanted(listed) {
            events.truncate(last.start);
            blocks.pop();
            return Some((listed, ClosingList { items, offset }));
        }
    }
    // The label as a heading, or as a paragraph of its own (a post pasted with a blank line
    // after each line), before the list or before several paragraphs that each hold a
    // keyword or a line of a list wrapped over lines.
    let mut label_at = blocks.len().checked_sub(2)?;
    let listed = loop {
        let label = &events[blocks[label_at].clone()];
        let label_text = match heading_level(label) {
            Some(_) => Some(block_text(label)),
            None => short_paragraph_text(label),
        };
        if let Some((listed, rest)) = label_text.as_deref().and_then(plain_post::list_after_label) {
            if !rest.trim().is_empty() || !wanted(listed) {
                return None;
            }
            break listed;
        }
        let line = is_paragraph(label).then(|| block_text(label));
        let listing = line.is_some_and(|l| plain_post::listing_line(&l));
        if is_list || !listing || !plain_post::listing_line(&text) || blocks.len() - label_at > 50 {
            return None;
        }
        label_at = label_at.checked_sub(1)?;
    };
    let items: Vec<String> = blocks[label_at + 1..]
        .iter()
        .flat_map(|b| plain_post::split_keywords(&block_text(&events[b.clone()])))
        .collect();
    // A list of definitions under a "Keywords" heading (a glossary) is no keyword list.
    let terms = !is_list || items.iter().all(|k| k.chars().count() <= 60);
    if items.is_empty() || !terms {
        return None;
    }
    let offset = events[blocks[label_at + 1].start].1.start;
    events.truncate(blocks[label_at].start);
    blocks.truncate(label_at);
    Some((listed, ClosingList { items, offset }))
}

/// The events as the HTML writer takes them: each heading with its anchor link before its
/// end, and each table inside a focusable, labelled region that scrolls instead of
/// stretching the page (the WAI pattern for scrollable regions, so keyboard users can
/// scroll them too). Added on the way to the writer: inserted into the list, they made a
/// copy of every event of every article (2 % of a build).
struct Decorated<'a, 'l, I: Iterator<Item = Spanned<'a>>> {
    events: I,
    labels: &'l Labels,
    /// An event held back for the next call, behind the one added before it.
    held: Option<Spanned<'a>>,
    /// The id of the heading being written.
    heading: Option<CowStr<'a>>,
}

impl<'a, 'l, I: Iterator<Item = Spanned<'a>>> Decorated<'a, 'l, I> {
    fn new(events: I, labels: &'l Labels) -> Self {
        Decorated {
            events,
            labels,
            held: None,
            heading: None,
        }
    }
}

impl<'a, I: Iterator<Item = Spanned<'a>>> Iterator for Decorated<'a, '_, I> {
    type Item = Spanned<'a>;

    fn next(&mut self) -> Option<Spanned<'a>> {
        if let Some(held) = self.held.take() {
            return Some(held);
        }
        let (event, span) = self.events.next()?;
        let (first, held) = match &event {
            Event::Start(Tag::Heading { id, .. }) => {
                self.heading = id.clone();
                return Some((event, span));
            }
            Event::End(TagEnd::Heading(_)) => match self.heading.take() {
                Some(id) => {
                    let mut anchor = String::with_capacity(id.len() + 64);
                    anchor.push_str(" <a class=\"anchor\" href=\"#");
                    // Escaped as the writer escapes the heading's `id`: an author's `{#id}`
                    // may hold a quote.
                    let _ = pulldown_cmark_escape::escape_html(&mut anchor, &id);
                    anchor.push_str(&self.labels.anchor_close);
                    (Event::InlineHtml(CowStr::from(anchor)), event)
                }
                None => return Some((event, span)),
            },
            Event::Start(Tag::Table(_)) => (
                Event::Html(CowStr::from(self.labels.table_open.clone())),
                event,
            ),
            // GitHub's alerts, as GitHub shows them: a box with its kind as its title. A
            // `role="note"` names it for screen readers, which a styled blockquote is not.
            Event::Start(Tag::BlockQuote(Some(kind))) => {
                let open = alert_open(*kind, self.labels).to_string();
                return Some((Event::Html(CowStr::from(open)), span));
            }
            Event::End(TagEnd::BlockQuote(Some(_))) => {
                return Some((Event::Html(CowStr::Borrowed("</div>\n")), span));
            }
            Event::End(TagEnd::Table) => (event, Event::Html(CowStr::Borrowed("</div>\n"))),
            _ => return Some((event, span)),
        };
        self.held = Some((held, span.clone()));
        Some((first, span))
    }
}

/// The ids the built-in theme gives the parts of its pages (`#content`, which "Skip to
/// content" leads to; `#article-title`, which names the article for screen readers), sorted:
/// a heading of a text on the page ("## Content") is numbered past them, as past another
/// heading, so that no id is on the page twice. A theme of one's own had best use these, or
/// give its own ids a prefix that titles seldom make (`mytheme-…`).
const THEME_IDS: [&str; 29] = [
    "article-references",
    "article-related",
    "article-supplements",
    "article-symptoms",
    "article-title",
    "article-topics",
    "content",
    "home-latest",
    "home-supplements",
    "home-symptoms",
    "home-topics",
    "notfound-q",
    "page-title",
    "record-articles",
    "record-facts",
    "record-interactions",
    "record-links",
    "record-sources",
    "record-supplements",
    "record-symptoms",
    "record-title",
    "search-form",
    "search-index",
    "search-input",
    "search-results",
    "section-articles",
    "section-topics",
    "seek-care-title",
    "site-search-q",
];

/// Gives every heading an id (the author's `{#id}` or a slug of its text, made unique), in
/// place, and collects the h2/h3 table of contents, the ids of the FAQ's questions and
/// every id. Its anchor link is added on the way to the HTML writer ([`Decorated`]).
fn assign_heading_ids(events: &mut [Spanned]) -> (Vec<TocEntry>, Vec<String>, Vec<String>) {
    // A few ids a page, hashed by the millions over a site: no need for a keyed hash.
    let mut used: FxHashSet<String> = FxHashSet::default();
    let mut next: FxHashMap<String, usize> = FxHashMap::default();
    let mut toc = Vec::new();
    let mut questions = Vec::new();
    let mut anchors = Vec::new();
    let mut i = 0;
    while i < events.len() {
        let Event::Start(Tag::Heading {
            level, id, classes, ..
        }) = &events[i].0
        else {
            i += 1;
            continue;
        };
        let level = *level;
        let explicit = id.as_ref().map(|s| s.to_string());
        let is_question = classes.iter().any(|c| c.as_ref() == "faq-q");
        // A heading left open (never, from pulldown-cmark) runs to the end.
        let end = events[i + 1..]
            .iter()
            .position(|(e, _)| matches!(e, Event::End(TagEnd::Heading(_))))
            .map_or(events.len(), |n| i + 1 + n);
        let title = plain_text(events[i + 1..end].iter().map(|(e, _)| e));
        let base = explicit.unwrap_or_else(|| {
            let s = slugify(&title);
            if s.is_empty() {
                "section".to_string()
            } else {
                s
            }
        });
        // Numbered from where the last heading of the same id stopped: counting from 1 for
        // each one, a page of 20,000 headings of one title took 13 s.
        let free = |id: &str, used: &mut FxHashSet<String>| {
            THEME_IDS.binary_search(&id).is_err() && used.insert(id.to_string())
        };
        let unique = if free(&base, &mut used) {
            base
        } else {
            let n = next.entry(base.clone()).or_insert(1);
            loop {
                let candidate = format!("{base}-{n}");
                *n += 1;
                if free(&candidate, &mut used) {
                    break candidate;
                }
            }
        };
        if let Event::Start(Tag::Heading { id, .. }) = &mut events[i].0 {
            *id = Some(CowStr::from(unique.clone()));
        }
        let level_num = level as u8;
        if is_question {
            questions.push(unique.clone());
        } else if level_num == 2 || level_num == 3 {
            toc.push(TocEntry {
                level: level_num,
                id: unique.clone(),
                title,
            });
        }
        anchors.push(unique);
        i = end;
    }
    (toc, questions, anchors)
}

#[cfg(test)]
mod tests {
    /// Raw HTML keeps every reference a page may hold and loses, each for a space, those to
    /// characters it may not, however they are written.
    #[test]
    fn raw_html_loses_forbidden_references() {
        let clean = |h: &str| super::without_forbidden_references(h);
        assert_eq!(clean("<p>&#65;&#x41;&amp;&#xe9;&#10;&#9;</p>"), None);
        assert_eq!(clean("<p>&#</p>&#x;&#;"), None);
        assert_eq!(
            clean("<p title=\"a&#11;b\">&#X0B;c&#13;d&#0&#xD800;&#1114112;&#99999999999;&#xfffe;&#133;</p>"),
            Some(format!("<p title=\"a b\"> c d{}</p>", " ".repeat(6))),
        );
        assert_eq!(clean("&#x7f;"), Some(" ".to_string()));
    }

    use super::prepared::{IMAGE_PREFIX, LAZY};
    use super::*;

    /// What `excerpt` is: the whole text with single spaces, cut.
    fn reference(text: &str, max: usize) -> String {
        let flat: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
        if flat.chars().count() <= max {
            return flat;
        }
        let cut: String = flat.chars().take(max).collect();
        let at = cut.rfind(' ').unwrap_or(cut.len());
        format!("{}…", cut[..at].trim_end_matches([',', ';', ':', '.', ' ']))
    }

    #[test]
    fn excerpts_cut_at_a_word_with_single_spaces() {
        let texts = [
            "",
            "   ",
            "One.",
            "Short text,\n\n  with  breaks.",
            "Ünïcödé wörds, and more wörds; again: and again. Then the end of it all.",
            "averyveryverylongwordwithoutanyspacesatallthatgoesonandon",
            "Ends exactly here",
        ];
        for text in texts {
            for max in [0, 1, 5, 10, 17, 18, 30, 200] {
                assert_eq!(excerpt(text, max), reference(text, max), "{text:?} {max}");
            }
        }
        assert_eq!(excerpt("Alpha beta, gamma delta", 12), "Alpha beta…");
    }

    /// Every table scrolls inside its own focusable region, and nothing else is wrapped.
    #[test]
    fn each_table_is_wrapped_in_a_scrolling_region() {
        let md = "A\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\nB\n\n| c |\n|---|\n| 3 |\n\nC\n";
        let html = parse(md, 0, false, "", &Labels::default()).prepared.html;
        let open = "<div class=\"table-wrap\" role=\"region\" tabindex=\"0\" aria-label=\"Table\">\n<table>";
        assert_eq!(html.matches(open).count(), 2, "{html}");
        assert_eq!(html.matches("</table>\n</div>\n").count(), 2, "{html}");
        assert!(html.starts_with("<p>A</p>\n<div"), "{html}");
        assert!(html.ends_with("</div>\n<p>C</p>\n"), "{html}");
    }

    #[test]
    fn spaced_words_split_and_count_as_split_whitespace_does() {
        let pieces = [
            "a",
            "bc",
            " ",
            "  ",
            "\t",
            "\n",
            "\r\n",
            "\u{b}",
            "\u{c}",
            "\u{85}",
            "\u{a0}",
            "\u{2003}",
            "\u{3000}",
            "é",
            "naïve",
            "日本",
            "—",
            "🙂",
            "x\u{301}",
            "eleven bytes",
        ];
        // Up to 40 pieces, so that words and spaces straddle `word_count`'s 8-byte steps.
        for text in crate::testing::random_texts(&pieces, 40, 1000) {
            let got: Vec<&str> = spaced_words(&text).collect();
            let want: Vec<&str> = text.split_whitespace().collect();
            assert_eq!(got, want, "{text:?}");
            assert_eq!(word_count(&text), want.len(), "{text:?}");
        }
    }

    /// A character reference to a character no page may hold is a space, in the text, in a
    /// link's title and in what is made of the text (a description); one to any other
    /// character is that character.
    #[test]
    fn references_to_forbidden_characters_are_spaces() {
        let md = "Vertical&#11;tab, del&#127;, next line&#x85;, non&#xFFFE;char, \
                  [link](/a \"ti&#12;tle\") ![pic](/p.png \"p&#1;ic\"), caf&eacute; &#x2014; &amp;&#10;.\n";
        let (html, _) = html(md);
        assert!(!html.contains(crate::load::forbidden), "{html:?}");
        assert!(
            html.contains("Vertical tab, del , next line , non char,"),
            "{html}"
        );
        assert!(html.contains("title=\"ti tle\""), "{html}");
        assert!(html.contains("title=\"p ic\""), "{html}");
        assert!(html.contains("café — &amp;\n."), "{html}");
    }

    fn html(md: &str) -> (String, Body) {
        let body = parse(md, 0, true, "", &Labels::default());
        (body.prepared.html.clone(), body)
    }

    /// A pasted post's lines are read one by one, but a run of list lines is one list, and
    /// what follows it is a paragraph of its own, not part of the last item.
    #[test]
    fn a_pasted_post_keeps_its_lists_whole() {
        let (out, body) = html(
            "Introduction\nZinc helps the body heal, and most people get enough from food.\n- with food\n- not with iron\nSee a doctor first.\n",
        );
        assert_eq!(out.matches("<ul>").count(), 1, "{out}");
        assert_eq!(out.matches("<li>").count(), 2, "{out}");
        assert!(out.contains("<p>See a doctor first.</p>"), "{out}");
        assert_eq!(body.toc.len(), 1);
    }

    #[test]
    fn headings_get_unique_ids_and_toc() {
        let (out, body) = html("## Signs\n\ntext\n\n## Signs\n\n### Deep {#custom}\n");
        assert!(out.contains("<h2 id=\"signs\">"), "{out}");
        assert!(out.contains("<h2 id=\"signs-1\">"), "{out}");
        assert!(out.contains("<h3 id=\"custom\">"), "{out}");
        assert_eq!(body.toc.len(), 3);
        assert_eq!(body.anchors, vec!["signs", "signs-1", "custom"]);
    }

    /// A repeated title is numbered on from its last number, past ids written explicitly
    /// and titles that read as a numbered id; the same ids as counting from 1 each time.
    #[test]
    fn repeated_headings_are_numbered_past_every_id_taken() {
        let md = "## Signs\n\n## Signs-2\n\n## Signs\n\n## Other {#signs-3}\n\n## Signs\n\n\
                  ## Signs\n\n## Signs 1\n\n## Signs-1\n";
        let (_, body) = html(md);
        assert_eq!(
            body.anchors,
            [
                "signs",
                "signs-2",
                "signs-1",
                "signs-3",
                "signs-4",
                "signs-5",
                "signs-1-1",
                "signs-1-2"
            ]
        );
    }

    /// The theme's ids are taken: a heading named like one is numbered past it.
    #[test]
    fn a_heading_is_numbered_past_the_ids_of_the_theme() {
        let mut sorted = THEME_IDS;
        sorted.sort_unstable();
        assert_eq!(sorted, THEME_IDS, "THEME_IDS is searched by halves");
        // Every id the built-in templates write as it stands is among them.
        let mut written = std::collections::BTreeSet::new();
        for (name, text) in crate::theme::DEFAULT_TEMPLATES {
            for part in text.split("id=\"").skip(1) {
                let id = &part[..part.find('"').unwrap_or(0)];
                if !id.contains('{') {
                    assert!(THEME_IDS.contains(&id), "`{id}` of {name}");
                    written.insert(id);
                }
            }
        }
        assert_eq!(written.len(), THEME_IDS.len(), "{written:?}");
        let (_, body) = html("## Content\n\n## Article Title\n\n## Contents\n");
        assert_eq!(body.anchors, ["content-1", "article-title-1", "contents"]);
    }

    #[test]
    fn qa_pairs_in_one_paragraph_become_faq() {
        let md = "Intro.\n\n## Q&A Section\nQ1: Is it bad?\nA1: Often, yes.\nQ2: Can it be fixed?\nA2: Usually.\nMore detail.\n";
        let (out, body) = html(md);
        assert_eq!(body.faq.len(), 2);
        assert_eq!(body.faq[0].question, "Is it bad?");
        assert_eq!(body.faq[1].answer, "Usually. More detail.");
        assert!(out.contains("<section class=\"faq\">"), "{out}");
        assert!(out.contains("class=\"faq-q\""), "{out}");
        assert!(!out.contains("Q1:"), "{out}");
    }

    #[test]
    fn qa_pairs_in_separate_paragraphs() {
        let md = "## FAQ\n\nQ1: One?\n\nA1: Yes.\n\nQ2: Two?\n\nA2: No.\n\n## After\n\nTail.";
        let (out, body) = html(md);
        assert_eq!(body.faq.len(), 2);
        assert_eq!(body.faq[1].answer, "No.");
        assert!(out.contains("Tail."));
        assert!(out.find("</section>") < out.find("After"), "{out}");
    }

    #[test]
    fn heading_shaped_faq() {
        let md =
            "## Frequently asked questions\n\n### Why?\n\nBecause.\n\n### How?\n\nLike this.\n";
        let (_, body) = html(md);
        assert_eq!(
            body.faq,
            vec![
                FaqEntry {
                    question: "Why?".into(),
                    answer: "Because.".into(),
                    id: "why".into()
                },
                FaqEntry {
                    question: "How?".into(),
                    answer: "Like this.".into(),
                    id: "how".into()
                }
            ]
        );
        assert!(body.toc.iter().all(|t| t.title != "Why?"));
        // The same in French, German, Spanish, Italian and Portuguese.
        for title in [
            "Questions fréquentes",
            "Häufig gestellte Fragen",
            "Preguntas frecuentes",
            "Domande frequenti",
            "Perguntas frequentes",
            "Dúvidas frequentes",
        ] {
            let (_, body) = html(&md.replace("Frequently asked questions", title));
            assert_eq!(body.faq.len(), 2, "{title}");
        }
    }

    #[test]
    fn trailing_keywords_paragraph_is_read_and_removed() {
        let (out, body) =
            html("Text.\n\nImportant Keywords\nVitamin B12, fatigue, nerve damage.\n");
        assert_eq!(
            body.trailing_keywords,
            Some(ClosingList {
                items: vec![
                    "Vitamin B12".into(),
                    "fatigue".into(),
                    "nerve damage".into()
                ],
                offset: 7,
            })
        );
        assert!(!out.contains("Important"));
        let (_, body) = html("Text.\n\n## Important Keywords\n\na, b\n");
        assert_eq!(
            body.trailing_keywords,
            Some(ClosingList {
                items: vec!["a".into(), "b".into()],
                offset: 30,
            })
        );
    }

    #[test]
    fn a_plain_question_is_one_short_line_ending_with_a_question_mark() {
        let faq = |text: &str| html(text).1.faq.len();
        assert_eq!(faq("## FAQ\n\nIs it safe?\n\nYes.\n"), 1);
        // Wrapped over two lines: a paragraph that ends with a question, not a question.
        assert_eq!(faq("## FAQ\n\nSome say it is safe;\nis it?\n\nYes.\n"), 0);
        let long = format!("## FAQ\n\n{}?\n\nYes.\n", "word ".repeat(45));
        assert_eq!(faq(&long), 0);
        // Outside an FAQ section, questions are prose.
        assert_eq!(faq("## Safety\n\nIs it safe?\n\nYes.\n"), 0);
    }

    #[test]
    fn paragraphs_of_bulleted_lines_are_lists() {
        let out = |text: &str| html(text).0;
        assert_eq!(
            out("Intro.\n\n• one\n• **two** too\n\n• three\n\nAfter.\n"),
            "<p>Intro.</p>\n<ul>\n<li>one</li>\n<li><strong>two</strong> too</li>\n<li>three</li>\n</ul>\n<p>After.</p>\n"
        );
        assert_eq!(
            out("> A quote.\n\n• one\n"),
            "<blockquote>\n<p>A quote.</p>\n</blockquote>\n<ul>\n<li>one</li>\n</ul>\n"
        );
        // Not every line bulleted, a bullet without a space, a dash: paragraphs as written.
        for text in ["• one\nplain line\n", "•one\n", "— An author\n"] {
            assert!(out(text).starts_with("<p>"), "{text}");
        }
    }

    #[test]
    fn closing_keywords_and_tags_are_read_in_either_order_once_each() {
        let keywords = |body: &Outline| body.trailing_keywords.clone().map(|l| l.items);
        let tags = |body: &Outline| body.trailing_tags.clone().map(|l| l.items);
        let ab = || Some(vec!["a".to_string(), "b".to_string()]);
        let c = || Some(vec!["c".to_string()]);
        for text in [
            "Text.\n\nImportant Keywords\na, b\n\nTags: c\n",
            "Text.\n\nTags: c\n\nKeywords: a, b\n",
            "Text.\n\n## Tags\n\n- c\n\n## Keywords\n\na; b\n",
        ] {
            let (out, body) = html(text);
            assert_eq!((keywords(&body), tags(&body)), (ab(), c()), "{text}");
            assert_eq!(out.trim(), "<p>Text.</p>", "{text}");
        }
        // A second list of a kind is not the article's: it stays, and so does what is above.
        let (out, body) = html("Text.\n\nTags: x\n\nKeywords: y\n\nTags: c\n");
        assert_eq!(
            (keywords(&body), tags(&body)),
            (Some(vec!["y".into()]), c())
        );
        assert!(out.contains("<p>Tags: x</p>"), "{out}");
    }

    /// The holes of [`Prepared`] are found by watching pulldown-cmark's writer: check them
    /// against plain renders of changed events, on random Markdown holding links, images,
    /// links inside images, e-mail and URL autolinks, escaped characters, code, headings,
    /// raw HTML, tables and footnotes.
    #[test]
    fn prepared_holes_are_where_a_plain_render_puts_them() {
        let pieces = [
            "[a](b.md)",
            "![i](p.png)",
            "<x@y.org>",
            "<http://e.com/a?b&c>",
            "[t](/u/ \"T\")",
            "![a [l](m.md) b](i.png)",
            "`code`",
            "## H & h\n",
            "\n\n",
            "\n",
            "a & b < c > d",
            "vitamin b12",
            "*em* ",
            "\n\n| a | b |\n|---|---|\n| [c](d) | e |\n\n",
            "[^1]",
            "\n\n[^1]: note [f](g)\n\n",
            "<a href=\"x\">raw</a>",
            "<code>c</code>",
            "é",
            "'\"",
            "  \n",
            "- item\n",
        ];
        // A plain render, with the pictures after the first made lazy as `prepare` does.
        let render = |events: Vec<Event>| {
            let mut html = String::new();
            pulldown_cmark::html::push_html(&mut html, events.into_iter());
            let lazy = ["<img", LAZY, " src=\""].concat();
            let mut out = String::new();
            for (k, part) in html.split(IMAGE_PREFIX).enumerate() {
                match k {
                    0 => {}
                    1 => out.push_str(IMAGE_PREFIX),
                    _ => out.push_str(&lazy),
                }
                out.push_str(part);
            }
            out
        };
        let labels = Labels::default();
        for md in crate::testing::random_texts(&pieces, 30, 1500) {
            let body = parse(&md, 0, true, "", &labels);
            let events: Vec<Event> = Decorated::new(
                shaped(&md, 0, true, "", true, &labels).events.into_iter(),
                &labels,
            )
            .map(|(e, _)| e)
            .collect();
            assert_eq!(body.prepared.html, render(events.clone()), "{md:?}");

            // Every destination replaced.
            let dests: Vec<Settled> = (0..body.links.len())
                .map(|k| Settled {
                    dest: Some(format!("/r{k}/")),
                    size: None,
                })
                .collect();
            let mut k = 0;
            let moved = events.iter().cloned().map(|mut e| {
                if let Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. }) =
                    &mut e
                {
                    *dest_url = CowStr::from(format!("/r{k}/"));
                    k += 1;
                }
                e
            });
            let want = render(moved.collect());
            let mut got = String::new();
            body.prepared.fill(&mut got, &dests, |_, _| false);
            assert_eq!(got, want, "{md:?}");

            // Every piece of linkable text bracketed, as it was before escaping.
            let mut linkable = LinkableText::default();
            let mut bracketed = Vec::new();
            let mut in_run = false;
            for e in events {
                let admitted = linkable.admits(&e);
                if admitted != in_run {
                    bracketed.push(Event::InlineHtml(if admitted { "[" } else { "]" }.into()));
                    in_run = admitted;
                }
                bracketed.push(e);
            }
            if in_run {
                bracketed.push(Event::InlineHtml("]".into()));
            }
            let mut got = String::new();
            body.prepared.fill(&mut got, &[], |text, out| {
                out.push('[');
                let _ = pulldown_cmark_escape::escape_html_body_text(&mut *out, text);
                out.push(']');
                true
            });
            assert_eq!(got, render(bracketed), "{md:?}");
        }
    }

    #[test]
    fn links_keep_file_offsets() {
        let body = parse(
            "See [x](/a/) and ![i](/p.png)",
            100,
            true,
            "",
            &Labels::default(),
        );
        assert_eq!(body.links.len(), 2);
        assert_eq!(body.links[0].offset, 104);
        assert!(body.links[1].is_image);
    }

    /// A short body's description is its text, not the citations of its footnotes, which
    /// are gathered after it.
    #[test]
    fn a_lead_stops_at_the_footnotes() {
        let body = parse_article(
            "B12 helps nerves.[^1]\n\n## More\n\nText here.\n\n[^1]: Smith J. A citation, 2020.\n",
            0,
            true,
            &Labels::default(),
        );
        assert_eq!(body.outline.lead, "B12 helps nerves. Text here.");
        assert!(body.outline.plain_text.contains("Smith J."));
    }
}
