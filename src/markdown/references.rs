//! A closing "References" section (its heading, then a list of citations, or a line or a
//! paragraph for each) read as the article's references, as front matter's `references`
//! are: numbered under the article, and each a `citation` of its JSON-LD, which search
//! engines read as a health page's sources. Authors and pasted posts write their sources so
//! far more often than in front matter.

use super::{block_text, heading_level, Spanned};
use crate::front_matter::Reference;
use pulldown_cmark::{Event, LinkType, Tag, TagEnd};
use std::ops::Range;

/// A citation from the body, as front matter writes one, and where it is written (a byte
/// offset in the file).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BodyReference {
    pub reference: Reference,
    pub offset: usize,
}

/// Takes the body's last section from `events` (and its blocks from `blocks`, the
/// top-level blocks of `events`) when its heading names references and all it holds is
/// citations, one at least with a link; otherwise takes nothing.
pub(super) fn take(
    events: &mut Vec<Spanned>,
    blocks: &mut Vec<Range<usize>>,
) -> Vec<BodyReference> {
    let Some(h) = blocks
        .iter()
        .rposition(|b| heading_level(&events[b.clone()]).is_some())
    else {
        return Vec::new();
    };
    if !is_references_title(&block_text(&events[blocks[h].clone()])) {
        return Vec::new();
    }
    let mut found = Vec::new();
    for b in &blocks[h + 1..] {
        let block = &events[b.clone()];
        let citations = match block.first().map(|(e, _)| e) {
            Some(Event::Start(Tag::List(_))) => items(block),
            Some(Event::Start(Tag::Paragraph)) => lines(&block[1..block.len() - 1]),
            _ => None,
        };
        match citations {
            Some(c) => found.extend(c),
            None => return Vec::new(),
        }
    }
    // A list under "Sources" with no address in it is more likely foods than citations.
    if !found.iter().any(|r| r.reference.url.is_some()) {
        return Vec::new();
    }
    events.truncate(blocks[h].start);
    blocks.truncate(h);
    found
}

fn is_references_title(text: &str) -> bool {
    let title = text.trim().trim_end_matches(':').trim().to_lowercase();
    matches!(
        title.as_str(),
        "references"
            | "sources"
            | "citations"
            | "bibliography"
            | "works cited"
            | "reference list"
            | "scientific references"
            | "sources and references"
            | "references and sources"
            | "references and further reading"
    )
}

/// A list's items, each a citation; `None` when an item holds more than a line of text (a
/// nested list, a table, a quote).
fn items(list: &[Spanned]) -> Option<Vec<BodyReference>> {
    let mut found = Vec::new();
    let mut depth = 0;
    let mut start = 0;
    for (i, (e, _)) in list.iter().enumerate().skip(1).take(list.len() - 2) {
        match e {
            Event::Start(Tag::Item) if depth == 0 => {
                start = i + 1;
                depth = 1;
            }
            Event::End(TagEnd::Item) if depth == 1 => {
                let inline = without_paragraph(&list[start..i])?;
                found.push(citation(inline)?);
                depth = 0;
            }
            Event::Start(_) => depth += 1,
            Event::End(_) => depth -= 1,
            _ => {}
        }
    }
    Some(found)
}

/// An item's inline events: a loose list's items hold one paragraph each.
fn without_paragraph<'e, 'a>(item: &'e [Spanned<'a>]) -> Option<&'e [Spanned<'a>]> {
    let inline = match (item.first(), item.last()) {
        (Some((Event::Start(Tag::Paragraph), _)), Some((Event::End(TagEnd::Paragraph), _))) => {
            &item[1..item.len() - 1]
        }
        _ => item,
    };
    let block = |e: &Event| {
        matches!(
            e,
            Event::Start(
                Tag::Paragraph
                    | Tag::List(_)
                    | Tag::BlockQuote(_)
                    | Tag::CodeBlock(_)
                    | Tag::Table(_)
                    | Tag::Heading { .. }
                    | Tag::HtmlBlock
            )
        )
    };
    (!inline.iter().any(|(e, _)| block(e))).then_some(inline)
}

/// A paragraph's lines, each a citation: a line of at most one link (a line of prose with
/// several is no citation, and leaves the section as written).
fn lines(inline: &[Spanned]) -> Option<Vec<BodyReference>> {
    inline
        .split(|(e, _)| matches!(e, Event::SoftBreak | Event::HardBreak))
        .filter(|line| !line.is_empty())
        .map(|line| {
            let links = line
                .iter()
                .filter(|(e, _)| matches!(e, Event::Start(Tag::Link { .. })))
                .count();
            (links <= 1).then(|| citation(line)).flatten()
        })
        .collect()
}

/// One citation: its text and its first link. A link written as its own address (a bare
/// one, or `<https://…>`) is the citation's URL and not part of its title.
fn citation(inline: &[Spanned]) -> Option<BodyReference> {
    let offset = inline.first()?.1.start;
    let mut url = None;
    let mut title = String::new();
    let mut in_link: Option<bool> = None;
    for (e, _) in inline {
        match e {
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                ..
            }) => {
                let own_address = matches!(link_type, LinkType::Autolink);
                if url.is_none() {
                    url = Some(dest_url.to_string());
                }
                in_link = Some(own_address);
            }
            Event::End(TagEnd::Link) => in_link = None,
            Event::Start(Tag::Image { .. }) => return None,
            _ if in_link == Some(true) => {}
            Event::Text(t) | Event::Code(t) => title.push_str(t),
            Event::SoftBreak | Event::HardBreak => title.push(' '),
            _ => {}
        }
    }
    let title = title
        .trim()
        .trim_end_matches([':', '-', '–', '—', '|', ' '])
        .trim();
    let title = match (title.is_empty(), &url) {
        (false, _) => title.to_string(),
        (true, Some(url)) => url.clone(),
        (true, None) => return None,
    };
    Some(BodyReference {
        reference: Reference { title, url },
        offset,
    })
}

#[cfg(test)]
mod tests {
    use super::super::parse;

    fn taken(md: &str) -> (Vec<(String, Option<String>)>, String) {
        let body = parse(md, 0, true, "", &crate::markdown::Labels::default());
        let refs = body
            .references
            .iter()
            .map(|r| (r.reference.title.clone(), r.reference.url.clone()))
            .collect();
        (refs, body.prepared.html.clone())
    }

    #[test]
    fn a_closing_references_list_is_taken_with_titles_and_addresses() {
        let (refs, html) = taken(
            "Text.\n\n## References\n\n\
             1. NHS. Vitamin B12 deficiency. https://www.nhs.uk/b12/\n\
             2. [NIH: Vitamin B12](https://ods.od.nih.gov/b12/)\n\
             3. Langan RC. [B12 deficiency](https://aafp.org/x). Am Fam Physician. 2017.\n\
             4. A book without a link.\n",
        );
        assert_eq!(
            refs,
            [
                (
                    "NHS. Vitamin B12 deficiency.".into(),
                    Some("https://www.nhs.uk/b12/".into())
                ),
                (
                    "NIH: Vitamin B12".into(),
                    Some("https://ods.od.nih.gov/b12/".into())
                ),
                (
                    "Langan RC. B12 deficiency. Am Fam Physician. 2017.".into(),
                    Some("https://aafp.org/x".into())
                ),
                ("A book without a link.".into(), None),
            ]
        );
        assert!(
            !html.contains("References") && !html.contains("nhs.uk"),
            "{html}"
        );
    }

    #[test]
    fn lines_of_a_pasted_sources_section_are_citations() {
        let (refs, _) =
            taken("Text.\n\nSources:\n\nhttps://a.example/one\nB. https://b.example/\n");
        assert!(refs.is_empty(), "a paragraph is no heading: {refs:?}");
        let (refs, _) =
            taken("Text.\n\n## Sources:\n\nhttps://a.example/one\nB. https://b.example/\n");
        assert_eq!(
            refs,
            [
                (
                    "https://a.example/one".into(),
                    Some("https://a.example/one".into())
                ),
                ("B.".into(), Some("https://b.example/".into())),
            ]
        );
    }

    #[test]
    fn other_closing_sections_stay_as_written() {
        for md in [
            "## References\n\nSee the sources below.\n\n```\ncode\n```\n",
            "## References\n\n- One\n  - nested\n",
            "## Further reading\n\n- https://a.example/\n",
            "## References\n\n- https://a.example/\n\n## Afterword\n\nText.\n",
            "## References\n\n- https://a.example/\n\nRead www.a.example or https://b.example/.\n",
            "## Sources\n\n- Meat and fish\n- Eggs and dairy\n",
        ] {
            let (refs, html) = taken(md);
            assert!(refs.is_empty(), "{md}: {refs:?}");
            assert!(html.contains("<h2"), "{md}: {html}");
        }
    }
}
