//! Bodies pasted from plain-text posts (one paragraph a line, as the seed article is),
//! turned into the events Markdown would have given: paragraphs, `h2` section titles, lists.

use super::{options, push_parsed, Spanned};
use crate::plain_post;
use pulldown_cmark::{CowStr, Event, HeadingLevel, Parser, Tag, TagEnd};
use std::ops::Range;

/// The events of a body that reads as a plain-text post ([`plain_post::as_post`]): each
/// line its own paragraph, section titles `h2` headings (so they get ids, anchors and a
/// place in the table of contents, and the FAQ and keywords are found as in Markdown), and
/// runs of Markdown lines (lists, quotes, tables) parsed together. Each line is parsed in
/// place, so offsets, and the file positions of problems, are the file's own.
pub(super) fn post_events<'a>(
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
pub(super) fn bulleted_paragraphs_as_lists<'a>(events: &mut Vec<Spanned<'a>>) {
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
            .map(super::placed(text, start)),
    );
}
