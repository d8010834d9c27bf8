//! Cross-linking: finds every term (symptom and supplement names and aliases, keywords) in a
//! page's text with one Aho-Corasick automaton, so ten thousand terms cost about what ten
//! do, and turns the first mention of each page into a link.
//!
//! Matching is case-insensitive and on whole words; where terms overlap the longest wins
//! ("vitamin B12 deficiency" before "vitamin B12"). Text inside headings, links, images,
//! code and raw HTML is never linked (the Markdown stage marks the text that may be: see
//! [`Prepared`]), and neither is a page's own term.

use crate::catalog::Target;
use crate::markdown::Prepared;
use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, MatchKind};
use std::collections::HashMap;
use std::ops::Range;

pub struct Linker {
    automaton: Option<AhoCorasick>,
    targets: Vec<Target>,
}

/// How one page is linked.
pub struct PageRules<'a> {
    /// The page's own record, never linked to itself.
    pub own: Option<Target>,
    pub max_links: usize,
    pub url: &'a dyn Fn(Target) -> String,
    /// Targets the author already linked by hand; they count as linked.
    pub already_linked: Vec<Target>,
}

/// Link counts and mentions of a page so far.
pub struct PageState {
    counts: HashMap<Target, usize>,
    pub mentions: Mentions,
}

impl PageState {
    pub fn new(rules: &PageRules) -> PageState {
        let mut counts: HashMap<Target, usize> = HashMap::new();
        for t in &rules.already_linked {
            *counts.entry(*t).or_default() += 1;
        }
        PageState {
            counts,
            mentions: Mentions::default(),
        }
    }
}

/// What a page mentions, in order of first mention.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Mentions {
    pub targets: Vec<Target>,
}

impl Linker {
    /// `terms` are normalised (lower-case, single spaces).
    pub fn new(terms: &[(String, Target)]) -> Linker {
        let patterns: Vec<&str> = terms.iter().map(|(t, _)| t.as_str()).collect();
        let automaton = if patterns.is_empty() {
            None
        } else {
            AhoCorasickBuilder::new()
                .match_kind(MatchKind::Standard)
                // Patterns are lower case; this lets ASCII text be searched as it is.
                .ascii_case_insensitive(true)
                // A DFA: more memory than the default NFA (about a megabyte for a
                // thousand terms), and a tenth off the link stage of a large site.
                .kind(Some(AhoCorasickKind::DFA))
                .build(&patterns)
                .ok()
        };
        Linker {
            automaton,
            targets: terms.iter().map(|(_, t)| *t).collect(),
        }
    }

    /// Writes the HTML of `body`, a part of a page, with its link destinations replaced by
    /// `dests` (see [`Prepared::fill`]) and the mentions of terms linked. `state` carries
    /// the page's counts from part to part (a record's description and its "when to seek
    /// care"), so that "first mention on the page" holds across all of them.
    pub fn link(
        &self,
        body: &Prepared,
        dests: &[Option<String>],
        rules: &PageRules,
        state: &mut PageState,
    ) -> String {
        let mut out = String::with_capacity(body.html.len() + body.html.len() / 8);
        body.fill(&mut out, dests, |text, out| match &self.automaton {
            Some(automaton) => self.link_text(automaton, text, rules, state, out),
            None => false,
        });
        out
    }

    /// Writes `text` with the mentions that are due linked; false, writing nothing, if
    /// none is.
    fn link_text(
        &self,
        automaton: &AhoCorasick,
        text: &str,
        rules: &PageRules,
        state: &mut PageState,
        out: &mut String,
    ) -> bool {
        let PageState { counts, mentions } = state;
        let mut linked = Vec::new();
        for (range, pattern) in find_terms(automaton, text) {
            let target = self.targets[pattern];
            if !mentions.targets.contains(&target) {
                mentions.targets.push(target);
            }
            let count = counts.entry(target).or_default();
            if Some(target) == rules.own || *count >= rules.max_links {
                continue;
            }
            *count += 1;
            linked.push((range, target));
        }
        if linked.is_empty() {
            return false;
        }
        let mut cursor = 0;
        for (range, target) in linked {
            push_text(out, &text[cursor..range.start]);
            out.push_str("<a class=\"xref xref-");
            out.push_str(kind_class(target));
            out.push_str("\" href=\"");
            push_escaped(out, &(rules.url)(target));
            out.push_str("\">");
            // A term written across two lines is shown on one.
            push_text(out, &text[range.clone()].replace('\n', " "));
            out.push_str("</a>");
            cursor = range.end;
        }
        push_text(out, &text[cursor..]);
        true
    }
}

fn kind_class(target: Target) -> &'static str {
    match target {
        Target::Symptom(_) => "symptom",
        Target::Supplement(_) => "supplement",
        Target::Keyword(_) => "keyword",
    }
}

/// Writes text as pulldown-cmark writes it, so that a linked page differs from an unlinked
/// one by its links only.
fn push_text(out: &mut String, text: &str) {
    // Writing to a `String` cannot fail.
    let _ = pulldown_cmark_escape::escape_html_body_text(out, text);
}

pub fn escape_attr(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    push_escaped(&mut out, s);
    out
}

/// Appends `s` to `out`, escaped for an attribute.
fn push_escaped(out: &mut String, s: &str) {
    let Ok(()) = escape_pieces(s, |piece| {
        out.push_str(piece);
        Ok::<(), std::convert::Infallible>(())
    });
}

/// The one HTML escaper: hands `piece` the runs of `s` and, between them, the entities for
/// `& " < > '`, in order. [`push_escaped`] collects them; the templates' escaper writes them
/// straight into the page.
pub fn escape_pieces<E>(s: &str, mut piece: impl FnMut(&str) -> Result<(), E>) -> Result<(), E> {
    // Every value a template prints comes through here, hundreds per page, most of them
    // short and holding none of the five. Eight bytes are tested at once; only a block with
    // one of them is looked at byte by byte. (memchr's searches cost more than they save
    // on strings this short.)
    let bytes = s.as_bytes();
    let mut from = 0;
    let mut at = 0;
    while at < bytes.len() {
        let end = bytes.len().min(at + 8);
        if end - at == 8 {
            let mut block = [0u8; 8];
            block.copy_from_slice(&bytes[at..end]);
            if !has_special(u64::from_le_bytes(block)) {
                at = end;
                continue;
            }
        }
        for i in at..end {
            let entity = match bytes[i] {
                b'&' => "&amp;",
                b'"' => "&quot;",
                b'<' => "&lt;",
                b'>' => "&gt;",
                b'\'' => "&#39;",
                _ => continue,
            };
            // The five are ASCII: `i` and `i + 1` are character boundaries.
            piece(&s[from..i])?;
            piece(entity)?;
            from = i + 1;
        }
        at = end;
    }
    piece(&s[from..])
}

/// Whether any byte of `block` is one of `& " < > '`: a byte equal to `b` is a zero byte of
/// `block ^ b` in every lane, and a zero byte sets its top bit in `(v - 0x01..) & !v`
/// (a borrow can set bits only above a real zero byte, so the test as a whole is exact).
#[inline(always)]
fn has_special(block: u64) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGHS: u64 = 0x8080_8080_8080_8080;
    let zero_in = |v: u64| v.wrapping_sub(ONES) & !v & HIGHS;
    (zero_in(block ^ (ONES * u64::from(b'&')))
        | zero_in(block ^ (ONES * u64::from(b'"')))
        | zero_in(block ^ (ONES * u64::from(b'<')))
        | zero_in(block ^ (ONES * u64::from(b'>')))
        | zero_in(block ^ (ONES * u64::from(b'\''))))
        != 0
}

/// Whole-word, case-insensitive, longest-first, non-overlapping matches in `text`, as byte
/// ranges of `text` and pattern indices.
pub fn find_terms(automaton: &AhoCorasick, text: &str) -> Vec<(Range<usize>, usize)> {
    // Most text is ASCII: the automaton already ignores ASCII case, so only line breaks need
    // replacing and offsets stay the same. Other text is case-folded with an offset map.
    if text.is_ascii() {
        let flat: std::borrow::Cow<str> = if text.contains('\n') {
            std::borrow::Cow::Owned(text.replace('\n', " "))
        } else {
            std::borrow::Cow::Borrowed(text)
        };
        return choose(automaton, &flat, |i| i)
            .into_iter()
            .filter(|(r, _)| r.start < r.end)
            .collect();
    }
    let (lowered, map) = fold_case(text);
    choose(automaton, &lowered, |i| map[i])
        .into_iter()
        .filter(|(r, _)| {
            r.start < r.end && text.is_char_boundary(r.start) && text.is_char_boundary(r.end)
        })
        .collect()
}

/// Whole-word matches in `haystack`, longest first where they overlap, mapped back to the
/// original text's offsets by `offset`.
fn choose(
    automaton: &AhoCorasick,
    haystack: &str,
    offset: impl Fn(usize) -> usize,
) -> Vec<(Range<usize>, usize)> {
    let mut candidates: Vec<(usize, usize, usize)> = automaton
        .find_overlapping_iter(haystack)
        .filter(|m| is_word_boundary(haystack, m.start(), m.end()))
        .map(|m| (m.start(), m.end(), m.pattern().as_usize()))
        .collect();
    candidates.sort_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)));
    let mut chosen = Vec::new();
    let mut end_of_last = 0;
    for (start, end, pattern) in candidates {
        if start < end_of_last {
            continue;
        }
        end_of_last = end;
        chosen.push((offset(start)..offset(end), pattern));
    }
    chosen
}

/// Lower-cases `text` (with line breaks as spaces) and maps each byte of the result back to
/// a byte offset of `text`; the map has one extra entry for the end.
fn fold_case(text: &str) -> (String, Vec<usize>) {
    let mut lowered = String::with_capacity(text.len());
    let mut map = Vec::with_capacity(text.len() + 1);
    for (offset, c) in text.char_indices() {
        if c == '\n' {
            lowered.push(' ');
            map.push(offset);
            continue;
        }
        for lc in c.to_lowercase() {
            for _ in 0..lc.len_utf8() {
                map.push(offset);
            }
            lowered.push(lc);
        }
    }
    map.push(text.len());
    (lowered, map)
}

fn is_word_boundary(text: &str, start: usize, end: usize) -> bool {
    let before = text[..start].chars().next_back();
    let after = text[end..].chars().next();
    before.is_none_or(|c| !c.is_alphanumeric()) && after.is_none_or(|c| !c.is_alphanumeric())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::markdown;

    fn terms() -> Vec<(String, Target)> {
        vec![
            ("vitamin b12".into(), Target::Supplement(0)),
            ("vitamin b12 deficiency".into(), Target::Keyword(0)),
            ("pins and needles".into(), Target::Symptom(0)),
            ("tingling".into(), Target::Symptom(0)),
            ("numbness".into(), Target::Symptom(1)),
        ]
    }

    fn link(md: &str, own: Option<Target>) -> (String, Mentions) {
        let linker = Linker::new(&terms());
        let body = markdown::parse(md, 0, true);
        let url = |t: Target| format!("/{t:?}/");
        let rules = PageRules {
            own,
            max_links: 1,
            url: &url,
            already_linked: Vec::new(),
        };
        let mut state = PageState::new(&rules);
        let html = linker.link(&body.prepared, &[], &rules, &mut state);
        (html, state.mentions)
    }

    /// The escaper agrees with a plain character-by-character one on random text of the
    /// five special characters, plain words and multi-byte characters, so that special
    /// characters fall at every place in and across its 8-byte blocks.
    #[test]
    fn escaping_matches_a_plain_reference() {
        let reference = |s: &str| -> String {
            s.chars()
                .map(|c| match c {
                    '&' => "&amp;".to_string(),
                    '"' => "&quot;".to_string(),
                    '<' => "&lt;".to_string(),
                    '>' => "&gt;".to_string(),
                    '\'' => "&#39;".to_string(),
                    c => c.to_string(),
                })
                .collect()
        };
        let pieces = [
            "&",
            "\"",
            "<",
            ">",
            "'",
            "a",
            " ",
            "é",
            "—",
            "z1",
            "plain",
            "longer words",
        ];
        for text in crate::testing::random_texts(&pieces, 60, 1000) {
            let mut escaped = String::new();
            push_escaped(&mut escaped, &text);
            assert_eq!(escaped, reference(&text), "{text:?}");
        }
    }

    #[test]
    fn longest_term_wins_and_first_mention_only() {
        let (html, m) = link(
            "Vitamin B12 deficiency and vitamin B12. Vitamin B12 again.",
            None,
        );
        assert!(
            html.contains(
                "<a class=\"xref xref-keyword\" href=\"/Keyword(0)/\">Vitamin B12 deficiency</a>"
            ),
            "{html}"
        );
        assert_eq!(html.matches("xref-supplement").count(), 1, "{html}");
        assert_eq!(m.targets, vec![Target::Keyword(0), Target::Supplement(0)]);
    }

    #[test]
    fn whole_words_only_and_case_insensitive() {
        let (html, m) = link("Tinglings are not TINGLING.", None);
        assert!(html.contains(">TINGLING</a>"), "{html}");
        assert_eq!(m.targets.len(), 1);
    }

    #[test]
    fn terms_span_soft_breaks() {
        let (html, _) = link("Feels like pins and\nneedles.", None);
        assert!(html.contains(">pins and needles</a>"), "{html}");
    }

    #[test]
    fn never_in_headings_links_or_code() {
        let md = "## Numbness\n\n[numbness](/x/) `numbness`\n\n```\nnumbness\n```\n";
        let (html, m) = link(md, None);
        assert!(!html.contains("xref"), "{html}");
        assert!(m.targets.is_empty());
    }

    #[test]
    fn own_term_is_not_linked_but_others_are() {
        let (html, _) = link("Numbness and tingling.", Some(Target::Symptom(1)));
        assert!(!html.contains("Symptom(1)"), "{html}");
        assert!(html.contains("Symptom(0)"), "{html}");
    }

    #[test]
    fn one_page_linked_once_across_its_aliases() {
        let (html, _) = link("Tingling, or pins and needles.", None);
        assert_eq!(html.matches("class=\"xref").count(), 1, "{html}");
    }

    #[test]
    fn never_inside_raw_html_links_or_code() {
        let (html, _) = link(
            "See <a href=\"https://x.example/\">numbness</a> and <code>tingling</code>; numbness.",
            None,
        );
        assert!(!html.contains("\">numbness</a></a>"), "{html}");
        assert!(html.contains("<code>tingling</code>"), "{html}");
        assert_eq!(html.matches("class=\"xref").count(), 1, "{html}");
    }

    #[test]
    fn accented_text_keeps_offsets() {
        let (html, _) = link("Ça fait — numbness é.", None);
        assert!(html.contains("Ça fait — <a"), "{html}");
        assert!(html.contains(">numbness</a> é."), "{html}");
    }
}
