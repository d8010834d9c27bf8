//! The FAQ section of a body ("FAQ", "Q&A", "Frequently asked questions"…) in any of the
//! shapes authors write it: `###` question headings, `Q1:`/`A1:` markers, bold questions or
//! one-line questions ending in "?". It becomes an FAQ block, and its questions and answers
//! are kept as plain text for the FAQPage JSON-LD.

use super::{
    block_text, heading_level, is_paragraph, short_paragraph_text, top_level_blocks, FaqEntry,
    Spanned,
};
use crate::plain_post;
use pulldown_cmark::{CowStr, Event, HeadingLevel, Tag, TagEnd};
use std::ops::Range;

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

/// A question and the answer written in its own paragraph, if any.
type Asked<'a> = (Vec<Spanned<'a>>, Vec<Spanned<'a>>);

/// A paragraph that opens with a bold (or italic) question, "**What is B12?**": how many
/// blogs write an FAQ's questions. The answer may follow in the same paragraph, on the
/// question's line or the next (`**Is it safe?**` then `Yes.` on the line below, which
/// Markdown joins into one paragraph). Returns the question's events, without the
/// emphasis, and that answer as a paragraph of its own (empty when there is none).
fn bold_question<'a>(block: &[Spanned<'a>]) -> Option<Asked<'a>> {
    let inner = block.get(1..block.len().checked_sub(1)?)?;
    if !is_paragraph(block) || inner.len() < 3 || !opens_emphasis(&inner[0].0) {
        return None;
    }
    // Where the opening emphasis closes.
    let mut depth = 0usize;
    let close = inner.iter().position(|(e, _)| {
        if opens_emphasis(e) {
            depth += 1;
        } else if closes_emphasis(e) {
            depth = depth.saturating_sub(1);
        }
        depth == 0
    })?;
    let question = &inner[1..close];
    if !block_text(question).trim_end().ends_with('?') {
        return None;
    }
    let mut rest = inner[close + 1..]
        .iter()
        .skip_while(|(e, _)| matches!(e, Event::SoftBreak | Event::HardBreak))
        .cloned()
        .collect::<Vec<_>>();
    if let Some((Event::Text(t), _)) = rest.first_mut() {
        let trimmed = t.trim_start();
        if trimmed.len() < t.len() {
            *t = CowStr::from(trimmed.to_string());
        }
    }
    let answer = match rest.first() {
        None => Vec::new(),
        Some((Event::Text(t), _)) if rest.len() == 1 && t.is_empty() => Vec::new(),
        Some(_) => {
            let (open, end) = (block[0].clone(), block[block.len() - 1].clone());
            std::iter::once(open).chain(rest).chain([end]).collect()
        }
    };
    Some((question.to_vec(), answer))
}

/// A paragraph that is a question and nothing else: one line, not long, ending with "?"
/// ("How much zinc do I need?"). Its events, without the paragraph.
fn plain_question<'a>(block: &[Spanned<'a>]) -> Option<Asked<'a>> {
    let inner = block.get(1..block.len().checked_sub(1)?)?;
    let one_line = !inner
        .iter()
        .any(|(e, _)| matches!(e, Event::SoftBreak | Event::HardBreak));
    if !is_paragraph(block) || !one_line {
        return None;
    }
    let text = block_text(inner);
    let text = text.trim_end();
    (text.ends_with('?') && text.chars().count() <= 200).then(|| (inner.to_vec(), Vec::new()))
}

/// An FAQ of question paragraphs (found by `question`), each answered by the rest of its
/// paragraph and the blocks after it.
fn faq_from_question_paragraphs<'a>(
    events: &[Spanned<'a>],
    blocks: &[Range<usize>],
    question: fn(&[Spanned<'a>]) -> Option<Asked<'a>>,
) -> Vec<FaqItem<'a>> {
    let mut items: Vec<FaqItem> = Vec::new();
    for b in blocks {
        let block = &events[b.clone()];
        match question(block) {
            Some((question, answer)) => items.push(FaqItem { question, answer }),
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
pub(super) fn shape_faq_section(events: &mut Vec<Spanned>) -> Vec<FaqEntry> {
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
            id: String::new(),
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
