//! Footnotes as readers know them from Hugo, GitHub and Wikipedia: numbered in the order
//! they are first referenced, gathered in one list at the end of the body, each with a link
//! back to every place that refers to it.
//!
//! pulldown-cmark's writer leaves each definition where it was written (authors put one
//! right after its paragraph, so it showed mid-article), numbers them in the order they
//! are *defined*, and gives each the bare label as its id (`id="1"`), which a heading or a
//! second Markdown text on the same page (a record's description and its "when to seek
//! care") can also have. Here the reference and definition events are replaced by the
//! markup the writer cannot make, before the events reach it.

use super::{Labels, Spanned};
use pulldown_cmark::{CowStr, Event, Tag, TagEnd};
use std::collections::HashMap;

/// Something wrong with a body's footnotes: which note, and where, as a byte offset of the
/// file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FootnoteProblem {
    pub fault: FootnoteFault,
    pub label: String,
    pub offset: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FootnoteFault {
    /// `[^label]` with no `[^label]:` definition: shown as written.
    Undefined,
    /// A definition nothing refers to: left out of the page.
    Unused,
}

/// A definition's events, without its start and end, and where it starts.
struct Definition<'a> {
    events: Vec<Spanned<'a>>,
    offset: usize,
    /// Its number once referenced, and how many references it has.
    number: Option<(usize, usize)>,
}

/// The footnote definitions of a body, taken out of its events by [`take_definitions`] so
/// that the shaping of the body (its FAQ, its closing keywords) sees the text alone: notes
/// are usually written last, after the FAQ or the keywords.
pub(super) struct Definitions<'a> {
    by_label: HashMap<String, Definition<'a>>,
    /// Labels in the order they are written.
    order: Vec<String>,
}

/// Takes the footnote definitions out of `events`. The first definition of a label counts,
/// as in GitHub's Markdown.
pub(super) fn take_definitions<'a>(events: &mut Vec<Spanned<'a>>) -> Definitions<'a> {
    let mut definitions = Definitions {
        by_label: HashMap::new(),
        order: Vec::new(),
    };
    if !events
        .iter()
        .any(|(e, _)| matches!(e, Event::Start(Tag::FootnoteDefinition(_))))
    {
        return definitions;
    }
    let mut body = Vec::with_capacity(events.len());
    let mut open: Option<(String, Definition)> = None;
    for (event, span) in events.drain(..) {
        match (&event, &mut open) {
            (Event::Start(Tag::FootnoteDefinition(label)), _) => {
                let definition = Definition {
                    events: Vec::new(),
                    offset: span.start,
                    number: None,
                };
                open = Some((label.to_string(), definition));
            }
            (Event::End(TagEnd::FootnoteDefinition), Some(_)) => {
                if let Some((label, definition)) = open.take() {
                    if !definitions.by_label.contains_key(&label) {
                        definitions.order.push(label.clone());
                        definitions.by_label.insert(label, definition);
                    }
                }
            }
            (_, Some((_, definition))) => definition.events.push((event, span)),
            (_, None) => body.push((event, span)),
        }
    }
    *events = body;
    definitions
}

/// Numbers the references of `events` and writes the notes they refer to at its end. Ids
/// are `{prefix}fn:N` for the notes and `{prefix}fnref:N` (then `-2`, `-3`… for further
/// references to the same note) for the references: a colon no heading slug has, and
/// `prefix` tells apart the Markdown texts of one page. Every id made is added to
/// `anchors`.
pub(super) fn gather<'a>(
    events: &mut Vec<Spanned<'a>>,
    definitions: Definitions<'a>,
    prefix: &str,
    anchors: &mut Vec<String>,
    labels: &Labels,
) -> Vec<FootnoteProblem> {
    let Definitions {
        by_label: mut definitions,
        order,
    } = definitions;
    if definitions.is_empty() {
        return undefined(events);
    }
    let body = std::mem::take(events);
    let mut notes = Notes {
        prefix,
        labels,
        definitions: &mut definitions,
        numbered: Vec::new(),
        problems: Vec::new(),
        anchors,
    };
    let mut out = notes.references(body);
    // A note may refer to another; those are numbered after the ones the text refers to.
    // All references are numbered before any note is written, so that each note links
    // back to every one of them.
    let mut k = 0;
    while let Some(label) = notes.numbered.get(k).cloned() {
        k += 1;
        let inner = notes
            .definitions
            .get_mut(&label)
            .map(|d| std::mem::take(&mut d.events))
            .unwrap_or_default();
        let inner = notes.references(inner);
        if let Some(d) = notes.definitions.get_mut(&label) {
            d.events = inner;
        }
    }
    if let Some(first) = notes
        .numbered
        .first()
        .and_then(|l| notes.definitions.get(l))
    {
        let at = first.offset;
        out.push(html(labels.footnotes_open.clone().into(), at));
        for label in std::mem::take(&mut notes.numbered) {
            let note = notes
                .definitions
                .get_mut(&label)
                .map(|d| (d.offset, std::mem::take(&mut d.events), d.number));
            if let Some((offset, inner, Some((number, refs)))) = note {
                notes.item(&mut out, number, refs, offset, inner);
            }
        }
        out.push(html("</ol>\n</section>\n".into(), at));
    }
    for label in order {
        if let Some(d) = notes.definitions.get(&label).filter(|d| d.number.is_none()) {
            notes.problems.push(FootnoteProblem {
                fault: FootnoteFault::Unused,
                label: label.clone(),
                offset: d.offset,
            });
        }
    }
    *events = out;
    let mut problems = notes.problems;
    problems.extend(undefined(events));
    problems
}

/// References to labels nothing defines, which pulldown-cmark leaves as the text
/// `[^label]`: almost always a typo in the label, so the author is told.
fn undefined(events: &[Spanned<'_>]) -> Vec<FootnoteProblem> {
    let mut problems = Vec::new();
    let mut i = 0;
    while i < events.len() {
        // pulldown-cmark splits text at brackets: a run of text events reads as one.
        let run = events[i..]
            .iter()
            .take_while(|(e, _)| matches!(e, Event::Text(_)))
            .count();
        if run == 0 {
            i += 1;
            continue;
        }
        let caret = |(e, _): &Spanned| matches!(e, Event::Text(t) if t.contains('^'));
        if !events[i..i + run].iter().any(caret) {
            i += run;
            continue;
        }
        let mut text = String::new();
        let mut starts = Vec::with_capacity(run);
        for (event, span) in &events[i..i + run] {
            if let Event::Text(t) = event {
                starts.push((text.len(), span.start));
                text.push_str(t);
            }
        }
        let mut from = 0;
        while let Some(at) = text[from..].find("[^").map(|k| from + k) {
            let rest = &text[at + 2..];
            from = at + 2;
            let Some(end) = rest.find(']') else { break };
            let label = &rest[..end];
            if label.is_empty() || label.contains(char::is_whitespace) || label.contains('[') {
                continue;
            }
            // The file offset of the text event the reference starts in, plus how far in.
            let offset = starts
                .iter()
                .rev()
                .find(|(k, _)| *k <= at)
                .map_or(0, |(k, start)| start + (at - k));
            problems.push(FootnoteProblem {
                fault: FootnoteFault::Undefined,
                label: label.to_string(),
                offset,
            });
        }
        i += run;
    }
    problems
}

struct Notes<'d, 'a, 'p> {
    prefix: &'p str,
    labels: &'p Labels,
    definitions: &'d mut HashMap<String, Definition<'a>>,
    /// Labels in the order of their numbers.
    numbered: Vec<String>,
    problems: Vec<FootnoteProblem>,
    anchors: &'d mut Vec<String>,
}

impl<'a> Notes<'_, 'a, '_> {
    /// `events` with each reference made a numbered link to its note.
    fn references(&mut self, events: Vec<Spanned<'a>>) -> Vec<Spanned<'a>> {
        let mut out = Vec::with_capacity(events.len());
        for (event, span) in events {
            let Event::FootnoteReference(label) = &event else {
                out.push((event, span));
                continue;
            };
            let Some(definition) = self.definitions.get_mut(label.as_ref()) else {
                // pulldown-cmark makes references only of defined labels.
                out.push((event, span));
                continue;
            };
            let (number, nth) = match &mut definition.number {
                Some((number, refs)) => {
                    *refs += 1;
                    (*number, *refs)
                }
                None => {
                    self.numbered.push(label.to_string());
                    let number = self.numbered.len();
                    definition.number = Some((number, 1));
                    (number, 1)
                }
            };
            let p = self.prefix;
            let id = reference_id(p, number, nth);
            let markup = format!(
                "<sup class=\"footnote-ref\"><a href=\"#{p}fn:{number}\" id=\"{id}\">{number}</a></sup>"
            );
            self.anchors.push(id);
            out.push((Event::InlineHtml(markup.into()), span));
        }
        out
    }

    /// Writes note `number` as a list item, with a link back to each of its `refs`
    /// references: inside its last paragraph, where it reads as the end of the note.
    fn item(
        &mut self,
        out: &mut Vec<Spanned<'a>>,
        number: usize,
        refs: usize,
        offset: usize,
        mut inner: Vec<Spanned<'a>>,
    ) {
        let p = self.prefix;
        let id = format!("{p}fn:{number}");
        out.push(html(format!("<li id=\"{id}\">\n").into(), offset));
        self.anchors.push(id);
        let mut back = String::new();
        let shown = number.to_string();
        for nth in 1..=refs {
            // Further back links are told apart as GitHub does: ↩², ↩³.
            let (label, mark) = if nth == 1 {
                (self.labels.back.replace("{n}", &shown), String::new())
            } else {
                (
                    self.labels
                        .back_again
                        .replace("{n}", &shown)
                        .replace("{nth}", &nth.to_string()),
                    format!("<sup>{nth}</sup>"),
                )
            };
            back.push_str(&format!(
                " <a class=\"footnote-back\" href=\"#{}\" aria-label=\"{label}\">↩{mark}</a>",
                reference_id(p, number, nth)
            ));
        }
        let back: CowStr = back.into();
        match inner.last() {
            Some((Event::End(TagEnd::Paragraph), span)) => {
                let at = inner.len() - 1;
                let span = span.clone();
                inner.insert(at, (Event::InlineHtml(back), span));
                out.extend(inner);
            }
            _ => {
                out.extend(inner);
                out.push(html(
                    format!("<p>{}</p>\n", back.trim_start()).into(),
                    offset,
                ));
            }
        }
        out.push(html("</li>\n".into(), offset));
    }
}

fn reference_id(prefix: &str, number: usize, nth: usize) -> String {
    if nth == 1 {
        format!("{prefix}fnref:{number}")
    } else {
        format!("{prefix}fnref:{number}-{nth}")
    }
}

fn html(markup: CowStr<'_>, offset: usize) -> Spanned<'_> {
    (Event::Html(markup), offset..offset)
}

#[cfg(test)]
mod tests {
    use crate::markdown::parse;

    #[test]
    fn a_note_referred_to_only_by_a_note_comes_after_the_text_s_notes() {
        let body = parse(
            "A[^a] and B[^b].\n\n[^c]: C.\n\n[^b]: B, see[^c].\n\n[^a]: A.\n",
            0,
            false,
            "",
            &crate::markdown::Labels::default(),
        );
        let html = &body.prepared.html;
        let order: Vec<usize> = [
            "<li id=\"fn:1\">\n<p>A.",
            "<li id=\"fn:2\">\n<p>B, see",
            "<li id=\"fn:3\">\n<p>C.",
        ]
        .iter()
        .map(|item| {
            html.find(item)
                .unwrap_or_else(|| panic!("no {item:?} in {html}"))
        })
        .collect();
        assert!(order.windows(2).all(|w| w[0] < w[1]), "{html}");
        assert!(
            body.footnote_problems.is_empty(),
            "{:?}",
            body.footnote_problems
        );
        assert!(
            body.anchors.iter().any(|a| a == "fn:3"),
            "{:?}",
            body.anchors
        );
    }

    #[test]
    fn text_without_notes_is_left_as_it_is() {
        let body = parse(
            "Two^3 and [^x] in `[^y]`.\n",
            0,
            false,
            "",
            &crate::markdown::Labels::default(),
        );
        assert!(
            body.prepared.html.contains("[^x]"),
            "{}",
            body.prepared.html
        );
        assert_eq!(
            body.footnote_problems.len(),
            1,
            "{:?}",
            body.footnote_problems
        );
    }
}
