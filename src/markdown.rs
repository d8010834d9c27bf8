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

mod bare_urls;
mod footnotes;
mod references;

pub use references::BodyReference;

pub use footnotes::{FootnoteFault, FootnoteProblem};

use crate::plain_post::{self, Listed};
use crate::slug::slugify;
use pulldown_cmark::{
    BlockQuoteKind, CowStr, Event, HeadingLevel, LinkType, Options, Parser, Tag, TagEnd,
};
use rustc_hash::FxHashSet;
use std::borrow::Cow;
use std::cell::RefCell;
use std::fmt::Write as _;
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
pub fn parse(text: &str, base: usize, shape_faq: bool, notes: &str) -> Body {
    parse_with(text, base, shape_faq, notes, shape_faq)
}

/// An article's body: [`parse`] with its shapes, and with a closing "References" section
/// taken as its references only when `take_references` (front matter has none; otherwise
/// the section stays as written).
pub fn parse_article(text: &str, base: usize, take_references: bool) -> Body {
    parse_with(text, base, true, "", take_references)
}

fn parse_with(
    text: &str,
    base: usize,
    shape_faq: bool,
    notes: &str,
    take_references: bool,
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
    } = shaped(text, base, shape_faq, notes, take_references);
    let links = events
        .iter()
        .enumerate()
        .filter_map(|(k, (e, r))| match e {
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
        prepared: prepare(events, text.len()),
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
    let faq = if shape_faq {
        shape_faq_section(&mut events)
    } else {
        Vec::new()
    };
    // After the closing lists and references are taken out: their headings are not shown.
    let heading_skips = heading_skips(&events, top);
    let (toc, mut anchors) = assign_heading_ids(&mut events);
    // Without `[^` in the source there is no note and no reference to one, and the search
    // for unresolved references walked every event of every page (1 % of a large build).
    let footnote_problems = if text.contains("[^") {
        footnotes::gather(&mut events, notes_defined, notes, &mut anchors)
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
            .map(|(e, r)| (e, r.start + base..r.end + base)),
    );
}

/// The events of a body that reads as a plain-text post ([`plain_post::as_post`]): each
/// line its own paragraph, section titles `h2` headings (so they get ids, anchors and a
/// place in the table of contents, and the FAQ and keywords are found as in Markdown), and
/// runs of Markdown lines (lists, quotes, tables) parsed together. Each line is parsed in
/// place, so offsets, and the file positions of problems, are the file's own.
fn post_events<'a>(
    text: &'a str,
    lines: &[plain_post::Line<'a>],
    base: usize,
    events: &mut Vec<Spanned<'a>>,
) {
    use plain_post::Line;
    let at = |s: &str| plain_post::offset_in(text, s);
    let mut i = 0;
    while i < lines.len() {
        match lines[i] {
            Line::Blank => {}
            Line::Heading(h) | Line::Faq(h) | Line::Label(h) => {
                let (level, h) = plain_post::section_title(h);
                let level = if level == 3 {
                    HeadingLevel::H3
                } else {
                    HeadingLevel::H2
                };
                let start = at(h) + base;
                let span = start..start + h.len();
                events.push((
                    Event::Start(Tag::Heading {
                        level,
                        id: None,
                        classes: Vec::new(),
                        attrs: Vec::new(),
                    }),
                    span.clone(),
                ));
                push_inline(h, start, events);
                events.push((Event::End(TagEnd::Heading(level)), span));
            }
            Line::Bullet(_) => {
                let first = i;
                while let Some(Line::Bullet(_)) = lines.get(i + 1) {
                    i += 1;
                }
                let span = |item: &str| {
                    let start = at(item) + base;
                    start..start + item.len()
                };
                let items = lines[first..=i].iter().filter_map(|l| match l {
                    Line::Bullet(item) => Some(*item),
                    _ => None,
                });
                let whole = span(items.clone().next().unwrap_or_default());
                events.push((Event::Start(Tag::List(None)), whole.clone()));
                for item in items {
                    events.push((Event::Start(Tag::Item), span(item)));
                    push_inline(item, at(item) + base, events);
                    events.push((Event::End(TagEnd::Item), span(item)));
                }
                events.push((Event::End(TagEnd::List(false)), whole));
            }
            Line::Markdown(first) => {
                let mut last = first;
                while let Some(Line::Markdown(next)) = lines.get(i + 1) {
                    last = next;
                    i += 1;
                }
                let (start, end) = (at(first), at(last) + last.len());
                push_parsed(text.get(start..end).unwrap_or(first), start + base, events);
            }
            Line::Text(t) | Line::Question(t, _) | Line::Answer(t, _) => {
                push_parsed(t, at(t) + base, events);
            }
        }
        i += 1;
    }
}

/// Markdown reads lines bulleted with "•" (as text copied from a word processor or a web
/// page has them) as the lines of one paragraph. A paragraph whose every line opens with
/// such a bullet is a list, one item a line, and a run of such paragraphs (bullets with
/// blank lines between them) one list. Dashes are left alone here: "— Author" under a
/// quote is no list.
fn bulleted_paragraphs_as_lists<'a>(events: &mut Vec<Spanned<'a>>) {
    let opens_bulleted = |i: usize| {
        matches!(events.get(i), Some((Event::Start(Tag::Paragraph), _)))
            && matches!(events.get(i + 1), Some((Event::Text(t), _)) if markdown_bullet(t).is_some())
    };
    // Most bodies have no such paragraph: nothing is copied for them.
    if !(0..events.len()).any(opens_bulleted) {
        return;
    }
    let mut out: Vec<Spanned<'a>> = Vec::with_capacity(events.len() + 16);
    let mut list: Option<Range<usize>> = None;
    let mut i = 0;
    while i < events.len() {
        let end = opens_bulleted(i)
            .then(|| {
                (i + 1..events.len())
                    .find(|&j| matches!(events[j].0, Event::End(TagEnd::Paragraph)))
            })
            .flatten();
        let lines = end.and_then(|end| bulleted_lines(&events[i + 1..end]));
        let (Some(end), Some(lines)) = (end, lines) else {
            if let Some(span) = list.take() {
                out.push((Event::End(TagEnd::List(false)), span));
            }
            out.push(events[i].clone());
            i += 1;
            continue;
        };
        let span = events[i].1.clone();
        if list.is_none() {
            out.push((Event::Start(Tag::List(None)), span.clone()));
            list = Some(span.clone());
        }
        for line in lines {
            let (first, rest) = line.split_first().unwrap_or((&events[i], &[]));
            let item_span = first.1.start..line.last().map_or(first.1.end, |(_, r)| r.end);
            out.push((Event::Start(Tag::Item), item_span.clone()));
            if let (Event::Text(t), r) = first {
                let cut = markdown_bullet(t).map_or(0, |item| t.len() - item.len());
                let item: CowStr<'a> = match t {
                    CowStr::Borrowed(b) => CowStr::Borrowed(&b[cut..]),
                    other => CowStr::from(other[cut..].to_string()),
                };
                if !item.is_empty() {
                    out.push((Event::Text(item), r.start + cut..r.end));
                }
            }
            out.extend(rest.iter().cloned());
            out.push((Event::End(TagEnd::Item), item_span));
        }
        i = end + 1;
    }
    if let Some(span) = list {
        out.push((Event::End(TagEnd::List(false)), span));
    }
    *events = out;
}

/// The lines of a paragraph's events (split at its line breaks), if every one opens with a
/// [`markdown_bullet`].
fn bulleted_lines<'e, 'a>(inner: &'e [Spanned<'a>]) -> Option<Vec<&'e [Spanned<'a>]>> {
    let lines: Vec<&[Spanned]> = inner
        .split(|(e, _)| matches!(e, Event::SoftBreak | Event::HardBreak))
        .collect();
    lines
        .iter()
        .all(|line| matches!(line.first(), Some((Event::Text(t), _)) if markdown_bullet(t).is_some()))
        .then_some(lines)
}

/// The text after a "•" (or "◦", "▪", "●", "‣") and a space that open `text`: not after a
/// dash, in Markdown.
fn markdown_bullet(text: &str) -> Option<&str> {
    plain_post::after_bullet(text, false)
}

/// The inline events of `text`, a line that starts at byte `start` of the file: parsed as a
/// paragraph, without the paragraph.
fn push_inline<'a>(text: &'a str, start: usize, events: &mut Vec<Spanned<'a>>) {
    events.extend(
        Parser::new_ext(text, options())
            .into_offset_iter()
            .filter(|(e, _)| {
                !matches!(
                    e,
                    Event::Start(Tag::Paragraph) | Event::End(TagEnd::Paragraph)
                )
            })
            .map(|(e, r)| (e, r.start + start..r.end + start)),
    );
}

/// A body's HTML, with the stretches the link stage may rewrite marked: link and image
/// destinations, which it resolves (a link to `other.md` becomes the article's URL), and
/// text that may be cross-linked (outside headings, links, images, code and raw HTML that
/// holds them). Each stretch holds what an unlinked page shows, so [`Prepared::fill`] only
/// writes those it changes.
#[derive(Debug, Clone, Default)]
pub struct Prepared {
    pub html: String,
    /// In order, not overlapping.
    holes: Vec<Hole>,
}

#[derive(Debug, Clone)]
struct Hole {
    /// Byte range in `html`.
    range: Range<usize>,
    fill: Fill,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Fill {
    /// The destination of the `k`th link or image (as in [`Outline::links`]), escaped for an
    /// attribute.
    Dest(u32),
    /// Nothing, or the `width` and `height` of the `k`th link, a picture: an empty stretch
    /// after its `src`.
    Size(u32),
    /// Text, escaped: `&`, `<` and `>` as entities, soft line breaks as `\n`.
    Text,
}

/// What the link stage settles of a link or picture of a text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Settled {
    /// Where it goes, where that differs from what was written (`other.md` → its URL).
    pub dest: Option<String>,
    /// A picture's width and height, where its file tells them.
    pub size: Option<(u32, u32)>,
}

impl Prepared {
    /// Writes the HTML to `out`, with each link `k` as `settled[k]` says (its destination
    /// replaced, a picture's size added), and each piece of linkable text, unescaped, handed
    /// to `text`, which writes it as HTML and returns true, or returns false to keep it as
    /// it is.
    pub fn fill(
        &self,
        out: &mut String,
        settled: &[Settled],
        mut text: impl FnMut(&str, &mut String) -> bool,
    ) {
        let mut at = 0;
        for hole in &self.holes {
            let range = hole.range.clone();
            out.push_str(&self.html[at..range.start]);
            let written = &self.html[range.clone()];
            let done = match hole.fill {
                Fill::Dest(k) => match settled.get(k as usize).and_then(|s| s.dest.as_ref()) {
                    Some(dest) => {
                        // Writing to a `String` cannot fail.
                        let _ = pulldown_cmark_escape::escape_href(&mut *out, dest);
                        true
                    }
                    None => false,
                },
                Fill::Size(k) => match settled.get(k as usize).and_then(|s| s.size) {
                    Some((width, height)) => {
                        let _ = write!(out, " width=\"{width}\" height=\"{height}\"");
                        true
                    }
                    None => false,
                },
                Fill::Text => text(&unescape_body_text(written), out),
            };
            if !done {
                out.push_str(written);
            }
            at = range.end;
        }
        out.push_str(&self.html[at..]);
    }
}

/// The text pulldown-cmark's `escape_html_body_text` escaped to `written`.
fn unescape_body_text(written: &str) -> Cow<'_, str> {
    if !written.contains('&') {
        return Cow::Borrowed(written);
    }
    // Every `&` of escaped text starts one of the three entities the escaper writes.
    Cow::Owned(
        written
            .replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&amp;", "&"),
    )
}

/// Renders `events` to HTML with pulldown-cmark, noting where each hole lies: the writer
/// pulls events one at a time and has written all of one when it asks for the next, so the
/// length of its output at each request tells where the previous event's HTML ended.
fn prepare(events: Vec<Spanned<'_>>, size: usize) -> Prepared {
    let html = RefCell::new(String::with_capacity(size + size / 2));
    let mut holes = Vec::new();
    let tracker = Tracker {
        events: Decorated::new(events.into_iter()),
        html: &html,
        holes: &mut holes,
        linkable: LinkableText::default(),
        run_from: None,
        dest: None,
        links: 0,
        image_depth: 0,
        images: 0,
    };
    // Writing to a `String` cannot fail.
    let _ = pulldown_cmark::html::write_html_fmt(Shared(&html), tracker);
    Prepared {
        html: html.into_inner(),
        holes,
    }
}

/// How pulldown-cmark's writer begins an image.
const IMAGE_PREFIX: &str = "<img src=\"";

/// Attributes for pictures below the first: fetched and decoded as the reader nears them.
const LAZY: &str = " loading=\"lazy\" decoding=\"async\"";

/// The output the HTML writer and the [`Tracker`] share.
struct Shared<'h>(&'h RefCell<String>);

impl std::fmt::Write for Shared<'_> {
    fn write_str(&mut self, s: &str) -> std::fmt::Result {
        self.0.borrow_mut().push_str(s);
        Ok(())
    }
}

/// The events handed to the HTML writer, noting the holes of its output.
struct Tracker<'a, 'h, I: Iterator<Item = Spanned<'a>>> {
    events: I,
    html: &'h RefCell<String>,
    holes: &'h mut Vec<Hole>,
    linkable: LinkableText,
    /// Where the linkable text being written began.
    run_from: Option<usize>,
    /// A link or image start just handed over: where its HTML begins, what it begins with
    /// before the destination, and which link it is.
    dest: Option<(usize, &'static str, u32)>,
    /// Links and images so far.
    links: u32,
    /// Images so far.
    images: u32,
    /// Inside an image, whose content the writer turns into `alt` text and whose links it
    /// leaves out: how deep.
    image_depth: usize,
}

impl<'a, I: Iterator<Item = Spanned<'a>>> Iterator for Tracker<'a, '_, I> {
    type Item = Event<'a>;

    fn next(&mut self) -> Option<Event<'a>> {
        if let Some((from, prefix, k)) = self.dest.take() {
            let mut html = self.html.borrow_mut();
            // pulldown-cmark writes the destination between `prefix` and a quote, which its
            // escaping of the destination never leaves in.
            if html[from..].starts_with(prefix) {
                let mut start = from + prefix.len();
                // Pictures after the first (which may be the first thing a reader sees) load
                // as they are scrolled to. Every hole so far lies before this one.
                if prefix == IMAGE_PREFIX && self.images > 1 {
                    html.insert_str(from + "<img".len(), LAZY);
                    start += LAZY.len();
                }
                if let Some(n) = html[start..].find('"') {
                    self.holes.push(Hole {
                        range: start..start + n,
                        fill: Fill::Dest(k),
                    });
                    if prefix == IMAGE_PREFIX {
                        let after = start + n + 1;
                        self.holes.push(Hole {
                            range: after..after,
                            fill: Fill::Size(k),
                        });
                    }
                }
            }
        }
        let len = self.html.borrow().len();
        let event = self.events.next().map(|(e, _)| e);
        // Nothing inside an image is admitted: images block linking.
        let in_run = event.as_ref().is_some_and(|e| self.linkable.admits(e));
        match (in_run, self.run_from) {
            (true, None) => self.run_from = Some(len),
            (false, Some(from)) => {
                self.run_from = None;
                if from < len {
                    self.holes.push(Hole {
                        range: from..len,
                        fill: Fill::Text,
                    });
                }
            }
            _ => {}
        }
        let event = event?;
        if self.image_depth > 0 {
            match &event {
                Event::Start(_) => self.image_depth += 1,
                Event::End(_) => self.image_depth -= 1,
                _ => {}
            }
            if let Event::Start(Tag::Link { .. } | Tag::Image { .. }) = &event {
                self.links += 1;
            }
            return Some(event);
        }
        let prefix = match &event {
            Event::Start(Tag::Link {
                link_type: LinkType::Email,
                ..
            }) => Some("<a href=\"mailto:"),
            Event::Start(Tag::Link { .. }) => Some("<a href=\""),
            Event::Start(Tag::Image { .. }) => {
                self.image_depth = 1;
                self.images += 1;
                Some(IMAGE_PREFIX)
            }
            _ => None,
        };
        if let Some(prefix) = prefix {
            self.dest = Some((len, prefix, self.links));
            self.links += 1;
        }
        Some(event)
    }
}

/// Follows which text may be cross-linked: none inside headings, links, images, code, or
/// raw HTML elements that hold links, code or headings.
#[derive(Default)]
struct LinkableText {
    blocked: usize,
}

impl LinkableText {
    /// Whether `event` is text that may be linked; takes note of what other events open and
    /// close.
    fn admits(&mut self, event: &Event) -> bool {
        match event {
            Event::Text(_) | Event::SoftBreak => return self.blocked == 0,
            Event::Start(tag) if blocks_linking(tag) => self.blocked += 1,
            Event::End(tag) if ends_block(tag) => self.blocked = self.blocked.saturating_sub(1),
            Event::InlineHtml(html) | Event::Html(html) => {
                let depth = self.blocked as isize + raw_html_depth_change(html);
                self.blocked = depth.max(0) as usize;
            }
            _ => {}
        }
        false
    }
}

fn blocks_linking(tag: &Tag) -> bool {
    matches!(
        tag,
        Tag::Heading { .. }
            | Tag::Link { .. }
            | Tag::Image { .. }
            | Tag::CodeBlock(_)
            | Tag::HtmlBlock
            | Tag::MetadataBlock(_)
    )
}

fn ends_block(tag: &TagEnd) -> bool {
    matches!(
        tag,
        TagEnd::Heading(_)
            | TagEnd::Link
            | TagEnd::Image
            | TagEnd::CodeBlock
            | TagEnd::HtmlBlock
            | TagEnd::MetadataBlock(_)
    )
}

/// Raw HTML elements whose text must not be linked: links (a link inside a link is invalid
/// HTML), code, and headings. Returns how many such elements `html` opens minus closes.
fn raw_html_depth_change(html: &str) -> isize {
    const BLOCKING: &[&str] = &[
        "a", "code", "pre", "kbd", "samp", "script", "style", "textarea", "h1", "h2", "h3", "h4",
        "h5", "h6", "button", "title",
    ];
    let mut change = 0;
    let mut rest = html;
    while let Some(i) = rest.find('<') {
        rest = &rest[i + 1..];
        let closing = rest.starts_with('/');
        let after = rest.trim_start_matches('/');
        let name_len = after
            .bytes()
            .position(|b| !b.is_ascii_alphanumeric())
            .unwrap_or(after.len());
        // Compared in place: headings' anchors and the FAQ's wrappers are raw HTML too, so
        // a name copied and lower-cased per tag was a few allocations per article.
        let name = &after[..name_len];
        if !BLOCKING.iter().any(|b| b.eq_ignore_ascii_case(name)) {
            continue;
        }
        let tag_end = rest.find('>').unwrap_or(rest.len());
        let self_closing = rest[..tag_end].ends_with('/');
        if closing {
            change -= 1;
        } else if !self_closing {
            change += 1;
        }
    }
    change
}

/// Text content of events, with blocks separated by newlines.
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
    for e in events {
        match e {
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
/// "Introduction Vitamin B12 is…"), code blocks or tables.
fn lead_text<'a, 'b: 'a>(events: impl Iterator<Item = &'a Event<'b>>) -> String {
    let mut out = String::new();
    // Headings, code blocks and tables open: their text is not the lead.
    let mut skipped = 0usize;
    for e in events {
        match e {
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

/// Whether a block is a paragraph that opens with a question marker ("Q1: …").
fn opens_with_question(block: &[Spanned]) -> bool {
    // Past the emphasis a marker may be set in ("**Q1:** …").
    let first_text = block.iter().skip(1).find(|(e, _)| !opens_emphasis(e));
    is_paragraph(block)
        && matches!(first_text, Some((Event::Text(t), _))
            if plain_post::faq_marker(t).is_some_and(|(kind, _)| kind == 'q'))
}

/// Whether a line of paragraph `block` opens with a question marker (`Q1:`), past any
/// emphasis it is set in.
fn has_question_line(block: &[Spanned]) -> bool {
    let mut line_start = true;
    is_paragraph(block)
        && block.iter().skip(1).any(|(e, _)| match e {
            Event::SoftBreak | Event::HardBreak => {
                line_start = true;
                false
            }
            Event::Start(Tag::Strong | Tag::Emphasis) => false,
            Event::Text(t) if line_start => {
                line_start = false;
                plain_post::faq_marker(t).is_some_and(|(kind, _)| kind == 'q')
            }
            _ => {
                line_start = false;
                false
            }
        })
}

/// A paragraph that is one bold (or italic) question, "**What is B12?**": how many blogs
/// write an FAQ's questions. Returns the question's events, without the emphasis.
fn bold_question<'a>(block: &[Spanned<'a>]) -> Option<Vec<Spanned<'a>>> {
    let inner = block.get(1..block.len().checked_sub(1)?)?;
    let wrapped = is_paragraph(block)
        && inner.len() >= 3
        && opens_emphasis(&inner[0].0)
        && closes_emphasis(&inner[inner.len() - 1].0)
        && balanced_emphasis(&inner[1..inner.len() - 1]);
    if !wrapped {
        return None;
    }
    let question = &inner[1..inner.len() - 1];
    block_text(question)
        .trim_end()
        .ends_with('?')
        .then(|| question.to_vec())
}

/// A paragraph that is a question and nothing else: one line, not long, ending with "?"
/// ("How much zinc do I need?"). Its events, without the paragraph.
fn plain_question<'a>(block: &[Spanned<'a>]) -> Option<Vec<Spanned<'a>>> {
    let inner = block.get(1..block.len().checked_sub(1)?)?;
    let one_line = !inner
        .iter()
        .any(|(e, _)| matches!(e, Event::SoftBreak | Event::HardBreak));
    if !is_paragraph(block) || !one_line {
        return None;
    }
    let text = block_text(inner);
    let text = text.trim_end();
    (text.ends_with('?') && text.chars().count() <= 200).then(|| inner.to_vec())
}

/// An FAQ of question paragraphs (found by `question`), each answered by the blocks after
/// it.
fn faq_from_question_paragraphs<'a>(
    events: &[Spanned<'a>],
    blocks: &[Range<usize>],
    question: fn(&[Spanned<'a>]) -> Option<Vec<Spanned<'a>>>,
) -> Vec<FaqItem<'a>> {
    let mut items: Vec<FaqItem> = Vec::new();
    for b in blocks {
        let block = &events[b.clone()];
        match question(block) {
            Some(question) => items.push(FaqItem {
                question,
                answer: Vec::new(),
            }),
            None => {
                if let Some(item) = items.last_mut() {
                    item.answer.extend(block.iter().cloned());
                }
            }
        }
    }
    items
}

/// An FAQ of [`bold_question`] paragraphs, each answered by the blocks after it.
fn faq_from_bold_questions<'a>(
    events: &[Spanned<'a>],
    blocks: &[Range<usize>],
) -> Vec<FaqItem<'a>> {
    let mut items = faq_from_question_paragraphs(events, blocks, bold_question);
    items.retain(|i| !i.answer.is_empty());
    items
}

/// An FAQ of [`plain_question`] paragraphs, each answered by the blocks after it. Only
/// where every question has an answer: a plain paragraph may end with "?" without asking
/// one of the FAQ's questions, and then the section is left as it was written.
fn faq_from_plain_questions<'a>(
    events: &[Spanned<'a>],
    blocks: &[Range<usize>],
) -> Vec<FaqItem<'a>> {
    let items = faq_from_question_paragraphs(events, blocks, plain_question);
    if items.iter().any(|i| i.answer.is_empty()) {
        return Vec::new();
    }
    items
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
    // after each line).
    let before = blocks.get(blocks.len().checked_sub(2)?)?.clone();
    let label = &events[before.clone()];
    let label_text = match heading_level(label) {
        Some(_) => Some(block_text(label)),
        None => short_paragraph_text(label),
    }?;
    let (listed, rest) = plain_post::list_after_label(&label_text)?;
    if !rest.trim().is_empty() || !wanted(listed) {
        return None;
    }
    let items = plain_post::split_keywords(&text);
    // A list of definitions under a "Keywords" heading (a glossary) is no keyword list.
    let terms = !is_list || items.iter().all(|k| k.chars().count() <= 60);
    if items.is_empty() || !terms {
        return None;
    }
    events.truncate(before.start);
    blocks.truncate(blocks.len() - 2);
    Some((listed, ClosingList { items, offset }))
}

fn is_faq_title(text: &str) -> bool {
    plain_post::is_faq_title(
        text.trim()
            .trim_end_matches(':')
            .trim_end()
            .to_lowercase()
            .as_str(),
    )
}

struct FaqItem<'a> {
    question: Vec<Spanned<'a>>,
    answer: Vec<Spanned<'a>>,
}

/// Finds the FAQ section and rewrites it into an FAQ block. Returns its entries.
fn shape_faq_section(events: &mut Vec<Spanned>) -> Vec<FaqEntry> {
    let blocks = top_level_blocks(events);
    // The section's title: a heading, or a paragraph that is only the title and comes
    // right before a question (a post pasted with a blank line after each line, where
    // "Q&A Section" stands alone). `titled` is false for the paragraph, whose section ends
    // at the next heading of any level, and which becomes a heading of level 2.
    let Some((start_idx, level, titled)) = blocks.iter().enumerate().find_map(|(i, b)| {
        let block = &events[b.clone()];
        match heading_level(block) {
            Some(level) => is_faq_title(&block_text(block)).then_some((i, level, true)),
            None => (short_paragraph_text(block).is_some_and(|t| is_faq_title(&t))
                && blocks
                    .get(i + 1)
                    .is_some_and(|next| opens_with_question(&events[next.clone()])))
            .then_some((i, HeadingLevel::H2, false)),
        }
    }) else {
        return Vec::new();
    };
    let end_idx = blocks
        .iter()
        .enumerate()
        .skip(start_idx + 1)
        .find(|(_, b)| heading_level(&events[(*b).clone()]).is_some_and(|l| l <= level || !titled))
        .map_or(blocks.len(), |(i, _)| i);
    let section_blocks = &blocks[start_idx + 1..end_idx];
    // Questions as sub-headings, as `Q1:` markers, as bold paragraphs, or as paragraphs of
    // one line that end with "?"; what comes before the first question introduces the FAQ
    // and stays.
    type IsQuestion = fn(&[Spanned]) -> bool;
    type Shape = for<'e> fn(&[Spanned<'e>], &[Range<usize>]) -> Vec<FaqItem<'e>>;
    let shapes: [(IsQuestion, Shape); 4] = [
        (|b| heading_level(b).is_some(), faq_from_headings),
        (has_question_line, faq_from_markers),
        (|b| bold_question(b).is_some(), faq_from_bold_questions),
        (|b| plain_question(b).is_some(), faq_from_plain_questions),
    ];
    let Some((from, items)) = shapes.iter().find_map(|(is_question, shape)| {
        let from = section_blocks
            .iter()
            .position(|b| is_question(&events[b.clone()]))?;
        Some((from, shape(events, &section_blocks[from..])))
    }) else {
        return Vec::new();
    };
    if items.is_empty() {
        return Vec::new();
    }
    let intro = &section_blocks[..from];
    let q_level = match level {
        HeadingLevel::H1 => HeadingLevel::H2,
        HeadingLevel::H2 => HeadingLevel::H3,
        HeadingLevel::H3 => HeadingLevel::H4,
        HeadingLevel::H4 => HeadingLevel::H5,
        _ => HeadingLevel::H6,
    };
    let span = events[blocks[start_idx].start].1.clone();
    let html = |s: &str| (Event::Html(CowStr::from(s.to_string())), span.clone());
    let mut shaped: Vec<Spanned> = vec![html("<section class=\"faq\">\n")];
    let title = &events[blocks[start_idx].clone()];
    if titled {
        shaped.extend(title.iter().cloned());
    } else {
        let heading = Tag::Heading {
            level,
            id: None,
            classes: Vec::new(),
            attrs: Vec::new(),
        };
        shaped.push((Event::Start(heading), span.clone()));
        shaped.extend(title[1..title.len() - 1].iter().cloned());
        shaped.push((Event::End(TagEnd::Heading(level)), span.clone()));
    }
    for b in intro {
        shaped.extend(events[b.clone()].iter().cloned());
    }
    let mut entries = Vec::new();
    for item in items {
        entries.push(FaqEntry {
            question: block_text(&item.question),
            answer: block_text(&item.answer),
        });
        shaped.push(html("<div class=\"faq-item\">\n"));
        shaped.push((
            Event::Start(Tag::Heading {
                level: q_level,
                id: None,
                classes: vec![CowStr::from("faq-q")],
                attrs: Vec::new(),
            }),
            span.clone(),
        ));
        shaped.extend(item.question);
        shaped.push((Event::End(TagEnd::Heading(q_level)), span.clone()));
        shaped.push(html("<div class=\"faq-a\">\n"));
        shaped.extend(item.answer);
        shaped.push(html("</div>\n</div>\n"));
    }
    shaped.push(html("</section>\n"));
    let range = blocks[start_idx].start..blocks.get(end_idx).map_or(events.len(), |b| b.start);
    events.splice(range, shaped);
    entries
}

fn faq_from_headings<'a>(events: &[Spanned<'a>], blocks: &[Range<usize>]) -> Vec<FaqItem<'a>> {
    let mut items: Vec<FaqItem> = Vec::new();
    for b in blocks {
        let block = &events[b.clone()];
        if heading_level(block).is_some() {
            items.push(FaqItem {
                question: block[1..block.len() - 1].to_vec(),
                answer: Vec::new(),
            });
        } else if let Some(item) = items.last_mut() {
            item.answer.extend(block.iter().cloned());
        }
    }
    items.retain(|i| !i.answer.is_empty());
    items
}

/// Whether `e` opens bold or italics, in which posts set FAQ markers and questions.
fn opens_emphasis(e: &Event) -> bool {
    matches!(e, Event::Start(Tag::Strong | Tag::Emphasis))
}

/// Whether `e` closes bold or italics.
fn closes_emphasis(e: &Event) -> bool {
    matches!(e, Event::End(TagEnd::Strong | TagEnd::Emphasis))
}

/// Whether every emphasis `events` open they close, and none closes one opened before them.
fn balanced_emphasis(events: &[Spanned]) -> bool {
    let mut depth = 0usize;
    for (event, _) in events {
        match event {
            Event::Start(Tag::Strong | Tag::Emphasis) => depth += 1,
            Event::End(TagEnd::Strong | TagEnd::Emphasis) => match depth.checked_sub(1) {
                Some(d) => depth = d,
                None => return false,
            },
            _ => {}
        }
    }
    depth == 0
}

/// Q1:/A1: pairs, whether each sits in its own paragraph or several share one paragraph
/// line by line (as in plain-text posts pasted into Markdown).
fn faq_from_markers<'a>(events: &[Spanned<'a>], blocks: &[Range<usize>]) -> Vec<FaqItem<'a>> {
    let mut items: Vec<FaqItem> = Vec::new();
    let mut in_answer = false;
    for b in blocks {
        let block = &events[b.clone()];
        if !is_paragraph(block) {
            if in_answer {
                if let Some(item) = items.last_mut() {
                    item.answer.extend(block.iter().cloned());
                }
            }
            continue;
        }
        let (open, close) = (block[0].clone(), block[block.len() - 1].clone());
        let mut lines: Vec<Vec<Spanned>> = vec![Vec::new()];
        for ev in &block[1..block.len() - 1] {
            if matches!(ev.0, Event::SoftBreak | Event::HardBreak) {
                lines.push(Vec::new());
            } else if let Some(line) = lines.last_mut() {
                line.push(ev.clone());
            }
        }
        let mut answer_open = false;
        for mut line in lines {
            // A marker in bold or italics ("**Q1:** What…?", "**Q1: What…?**") is inside
            // the emphasis.
            let opened = line.iter().take_while(|(e, _)| opens_emphasis(e)).count();
            let marker = match line.get(opened) {
                Some((Event::Text(t), _)) => plain_post::faq_marker(t),
                _ => None,
            };
            if let Some((kind, cut)) = marker {
                if let Some((Event::Text(t), r)) = line.get(opened).cloned() {
                    let rest = t.get(cut..).unwrap_or("");
                    let closes = line
                        .get(opened + 1..=2 * opened)
                        .is_some_and(|ends| ends.iter().all(|(e, _)| closes_emphasis(e)));
                    if rest.trim().is_empty() && closes {
                        // The emphasis held the marker alone: it goes with it.
                        line.drain(..=2 * opened);
                        if let Some((Event::Text(next), _)) = line.first_mut() {
                            *next = CowStr::from(next.trim_start().to_string());
                        }
                    } else {
                        line[opened] = (Event::Text(CowStr::from(rest.to_string())), r);
                        let wraps = line.len() > 2 * opened
                            && line[line.len() - opened..]
                                .iter()
                                .all(|(e, _)| closes_emphasis(e))
                            && balanced_emphasis(&line[opened..line.len() - opened]);
                        if wraps {
                            // "**Q1: What…?**": the question is a heading, bold already.
                            line.truncate(line.len() - opened);
                            line.drain(..opened);
                        }
                    }
                }
                if kind == 'q' {
                    if answer_open {
                        if let Some(item) = items.last_mut() {
                            item.answer.push(close.clone());
                        }
                        answer_open = false;
                    }
                    items.push(FaqItem {
                        question: line,
                        answer: Vec::new(),
                    });
                    in_answer = false;
                    continue;
                }
                let Some(item) = items.last_mut() else {
                    continue;
                };
                if answer_open {
                    item.answer.push(close.clone());
                }
                item.answer.push(open.clone());
                item.answer.extend(line);
                answer_open = true;
                in_answer = true;
                continue;
            }
            // A line without a marker continues whatever came before it.
            let Some(item) = items.last_mut() else {
                continue;
            };
            if answer_open {
                item.answer.push((Event::SoftBreak, open.1.clone()));
                item.answer.extend(line);
            } else if in_answer {
                item.answer.push(open.clone());
                item.answer.extend(line);
                answer_open = true;
            } else {
                item.question
                    .push((Event::Text(CowStr::from(" ")), open.1.clone()));
                item.question.extend(line);
            }
        }
        if answer_open {
            if let Some(item) = items.last_mut() {
                item.answer.push(close.clone());
            }
        }
    }
    items.retain(|i| !i.answer.is_empty());
    items
}

/// The events as the HTML writer takes them: each heading with its anchor link before its
/// end, and each table inside a focusable, labelled region that scrolls instead of
/// stretching the page (the WAI pattern for scrollable regions, so keyboard users can
/// scroll them too). Added on the way to the writer: inserted into the list, they made a
/// copy of every event of every article (2 % of a build).
struct Decorated<'a, I: Iterator<Item = Spanned<'a>>> {
    events: I,
    /// An event held back for the next call, behind the one added before it.
    held: Option<Spanned<'a>>,
    /// The id of the heading being written.
    heading: Option<CowStr<'a>>,
}

impl<'a, I: Iterator<Item = Spanned<'a>>> Decorated<'a, I> {
    fn new(events: I) -> Self {
        Decorated {
            events,
            held: None,
            heading: None,
        }
    }
}

impl<'a, I: Iterator<Item = Spanned<'a>>> Iterator for Decorated<'a, I> {
    type Item = Spanned<'a>;

    fn next(&mut self) -> Option<Spanned<'a>> {
        const OPEN: &str =
            "<div class=\"table-wrap\" role=\"region\" tabindex=\"0\" aria-label=\"Table\">\n";
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
                    anchor.push_str("\" aria-label=\"Link to this section\">#</a>");
                    (Event::InlineHtml(CowStr::from(anchor)), event)
                }
                None => return Some((event, span)),
            },
            Event::Start(Tag::Table(_)) => (Event::Html(CowStr::Borrowed(OPEN)), event),
            // GitHub's alerts, as GitHub shows them: a box with its kind as its title. A
            // `role="note"` names it for screen readers, which a styled blockquote is not.
            Event::Start(Tag::BlockQuote(Some(kind))) => {
                return Some((Event::Html(CowStr::Borrowed(alert_open(*kind))), span));
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

/// Quotes opening with an alert marker that GitHub's syntax leaves as text: one with a
/// title after it (`> [!WARNING] Stop if you feel faint`, as Obsidian and Hugo write
/// them), or one of Obsidian's further kinds (`[!danger]`, `[!info]`…), shown as the
/// GitHub kind nearest to it and titled with its own name. Their marker line becomes the
/// alert's title; a `+` or `-` after the marker (Obsidian's folding) is dropped.
fn titled_alerts(events: &mut Vec<Spanned>) {
    let mut i = 0;
    while i + 2 < events.len() {
        if !matches!(events[i].0, Event::Start(Tag::BlockQuote(None)))
            || !matches!(events[i + 1].0, Event::Start(Tag::Paragraph))
        {
            i += 1;
            continue;
        }
        // The first line's events: up to its line break, or the whole paragraph.
        let first = i + 2;
        let mut end = first;
        while end < events.len()
            && !matches!(
                events[end].0,
                Event::SoftBreak | Event::HardBreak | Event::End(TagEnd::Paragraph)
            )
        {
            end += 1;
        }
        // A line ending inside a link or emphasis that goes on below is left as written:
        // taking it out would leave its end behind.
        let mut open_tags = 0isize;
        let balanced = events[first..end].iter().all(|(e, _)| {
            match e {
                Event::Start(_) => open_tags += 1,
                Event::End(_) => open_tags -= 1,
                _ => {}
            }
            open_tags >= 0
        }) && open_tags == 0;
        if end >= events.len() {
            break;
        }
        let line = plain_text(events[first..end].iter().map(|(e, _)| e));
        let marker = balanced.then(|| alert_marker(&line)).flatten();
        let Some((class, title, title_at)) = marker else {
            i += 1;
            continue;
        };
        let mut open = String::with_capacity(96);
        open.push_str("<div class=\"alert alert-");
        open.push_str(class);
        open.push_str("\" role=\"note\">\n<p class=\"alert-title\">");
        let span = events[i].1.clone();
        let paragraph_ends = matches!(events[end].0, Event::End(TagEnd::Paragraph));
        let mut replacement = vec![(Event::Html(CowStr::from(open)), span.clone())];
        // A written title keeps its markup (emphasis, code, links), its text cross-linked
        // as the paragraph's would be; a kind's name is text.
        match title_at.and_then(|at| after_text(&events[first..end], at)) {
            Some((k, cut)) => {
                let mut written = events[first + k..end].to_vec();
                if let Some((Event::Text(text), range)) = written.first_mut() {
                    let rest = text[cut..].trim_start().to_string();
                    range.start = (range.start + text.len() - rest.len()).min(range.end);
                    *text = CowStr::from(rest);
                }
                replacement.extend(written);
            }
            None => {
                let mut named = String::with_capacity(title.len() + 8);
                let _ = pulldown_cmark_escape::escape_html_body_text(&mut named, &title);
                replacement.push((Event::Html(CowStr::from(named)), span.clone()));
            }
        }
        replacement.push((Event::Html(CowStr::Borrowed("</p>\n")), span.clone()));
        // The marker line goes, and its paragraph with it when the line was all of it.
        if !paragraph_ends {
            replacement.push((Event::Start(Tag::Paragraph), span));
        }
        events.splice(i..=end, replacement);
        // Its quote's end, past quotes inside it.
        let mut depth = 0usize;
        for (e, _) in events[i + 1..].iter_mut() {
            match e {
                Event::Start(Tag::BlockQuote(_)) => depth += 1,
                Event::End(TagEnd::BlockQuote(_)) if depth > 0 => depth -= 1,
                Event::End(TagEnd::BlockQuote(_)) => {
                    *e = Event::Html(CowStr::Borrowed("</div>\n"));
                    break;
                }
                _ => {}
            }
        }
        i += 1;
    }
}

/// Where the text of `events` reaches byte `at` (of their text run together): the index of
/// the event starting there or of the text event holding it, and the offset in that event,
/// where the events before it are all text. `None` when `at` is past them or markup comes
/// before it.
fn after_text(events: &[Spanned], at: usize) -> Option<(usize, usize)> {
    let mut seen = 0;
    for (k, (event, _)) in events.iter().enumerate() {
        if at == seen {
            return Some((k, 0));
        }
        let Event::Text(text) = event else {
            return None;
        };
        if at < seen + text.len() {
            let cut = at - seen;
            return text.is_char_boundary(cut).then_some((k, cut));
        }
        seen += text.len();
    }
    None
}

/// The alert class and title of a quote's first line when it is an alert marker that
/// pulldown-cmark does not take as one (see [`titled_alerts`]), and where in the line a
/// written title starts (`None` for a kind's own name).
fn alert_marker(line: &str) -> Option<(&'static str, Cow<'_, str>, Option<usize>)> {
    let rest = line.strip_prefix("[!")?;
    let close = rest.find(']')?;
    let kind = &rest[..close];
    let after = &rest[close + 1..];
    let after = after.strip_prefix(['+', '-']).unwrap_or(after);
    if !after.is_empty() && !after.starts_with([' ', '\t']) {
        return None;
    }
    let title = after.trim();
    let class = match kind.to_ascii_lowercase().as_str() {
        // GitHub's own, untitled, pulldown-cmark has taken already.
        "note" | "tip" | "important" | "warning" | "caution" if title.is_empty() => return None,
        "note" | "info" | "todo" | "abstract" | "summary" | "tldr" | "question" | "help"
        | "faq" | "example" | "quote" | "cite" => "note",
        "tip" | "hint" | "success" | "check" | "done" => "tip",
        "important" => "important",
        "warning" | "attention" => "warning",
        "caution" | "danger" | "error" | "failure" | "fail" | "missing" | "bug" => "caution",
        _ => return None,
    };
    if title.is_empty() {
        // Obsidian titles an untitled alert with its kind, capitalised.
        let mut chars = kind.chars();
        let named = chars
            .next()
            .map(|c| c.to_ascii_uppercase().to_string() + &chars.as_str().to_ascii_lowercase());
        return Some((class, Cow::Owned(named.unwrap_or_default()), None));
    }
    let at = line.len() - after.trim_start().len();
    Some((class, Cow::Borrowed(title), Some(at)))
}

/// The start of an alert of `kind` (`> [!NOTE]`), its title included.
fn alert_open(kind: BlockQuoteKind) -> &'static str {
    match kind {
        BlockQuoteKind::Note => {
            "<div class=\"alert alert-note\" role=\"note\">\n<p class=\"alert-title\">Note</p>\n"
        }
        BlockQuoteKind::Tip => {
            "<div class=\"alert alert-tip\" role=\"note\">\n<p class=\"alert-title\">Tip</p>\n"
        }
        BlockQuoteKind::Important => {
            "<div class=\"alert alert-important\" role=\"note\">\n<p class=\"alert-title\">Important</p>\n"
        }
        BlockQuoteKind::Warning => {
            "<div class=\"alert alert-warning\" role=\"note\">\n<p class=\"alert-title\">Warning</p>\n"
        }
        BlockQuoteKind::Caution => {
            "<div class=\"alert alert-caution\" role=\"note\">\n<p class=\"alert-title\">Caution</p>\n"
        }
    }
}

/// Gives every heading an id (the author's `{#id}` or a slug of its text, made unique), in
/// place, and collects the h2/h3 table of contents. Its anchor link is added on the way to
/// the HTML writer ([`Decorated`]).
fn assign_heading_ids(events: &mut [Spanned]) -> (Vec<TocEntry>, Vec<String>) {
    // A few ids a page, hashed by the millions over a site: no need for a keyed hash.
    let mut used: FxHashSet<String> = FxHashSet::default();
    let mut toc = Vec::new();
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
        let mut unique = base.clone();
        let mut n = 1;
        while !used.insert(unique.clone()) {
            unique = format!("{base}-{n}");
            n += 1;
        }
        if let Event::Start(Tag::Heading { id, .. }) = &mut events[i].0 {
            *id = Some(CowStr::from(unique.clone()));
        }
        let level_num = level as u8;
        if (level_num == 2 || level_num == 3) && !is_question {
            toc.push(TocEntry {
                level: level_num,
                id: unique.clone(),
                title,
            });
        }
        anchors.push(unique);
        i = end;
    }
    (toc, anchors)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every table scrolls inside its own focusable region, and nothing else is wrapped.
    #[test]
    fn each_table_is_wrapped_in_a_scrolling_region() {
        let md = "A\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\nB\n\n| c |\n|---|\n| 3 |\n\nC\n";
        let html = parse(md, 0, false, "").prepared.html;
        let open = "<div class=\"table-wrap\" role=\"region\" tabindex=\"0\" aria-label=\"Table\">\n<table>";
        assert_eq!(html.matches(open).count(), 2, "{html}");
        assert_eq!(html.matches("</table>\n</div>\n").count(), 2, "{html}");
        assert!(html.starts_with("<p>A</p>\n<div"), "{html}");
        assert!(html.ends_with("</div>\n<p>C</p>\n"), "{html}");
    }

    /// Raw HTML that opens an element in which nothing may be linked (a link, code, a
    /// heading…) blocks linking until it closes, whatever the case of its name.
    #[test]
    fn raw_html_opens_and_closes_blocking_elements() {
        assert_eq!(raw_html_depth_change("<a href=\"x\">"), 1);
        assert_eq!(raw_html_depth_change("<A HREF=\"x\">"), 1);
        assert_eq!(raw_html_depth_change("</Code>"), -1);
        assert_eq!(raw_html_depth_change("<H2 id=x>t</h2><kbd>"), 1);
        assert_eq!(raw_html_depth_change("<a/>"), 0, "self-closing");
        assert_eq!(
            raw_html_depth_change("<abbr><span></span><br>"),
            0,
            "not blocking"
        );
        assert_eq!(raw_html_depth_change("<div class=\"faq\"><section>"), 0);
        assert_eq!(raw_html_depth_change("a < b"), 0);
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

    fn html(md: &str) -> (String, Body) {
        let body = parse(md, 0, true, "");
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
                    answer: "Because.".into()
                },
                FaqEntry {
                    question: "How?".into(),
                    answer: "Like this.".into()
                }
            ]
        );
        assert!(body.toc.iter().all(|t| t.title != "Why?"));
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
        for md in crate::testing::random_texts(&pieces, 30, 1500) {
            let body = parse(&md, 0, true, "");
            let events: Vec<Event> =
                Decorated::new(shaped(&md, 0, true, "", true).events.into_iter())
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
        let body = parse("See [x](/a/) and ![i](/p.png)", 100, true, "");
        assert_eq!(body.links.len(), 2);
        assert_eq!(body.links[0].offset, 104);
        assert!(body.links[1].is_image);
    }
}
