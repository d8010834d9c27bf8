//! Cross-linking: finds every term (symptom and supplement names and aliases, keywords) in a
//! page's text in one pass over its words, each looked up once whatever the number of terms
//! (see `Matcher`), so ten thousand terms cost about what ten do, and turns the first
//! mention of each page into a link.
//!
//! Matching is case-insensitive and on whole words; where terms overlap the longest wins
//! ("vitamin B12 deficiency" before "vitamin B12"). Text inside headings, links, images,
//! code and raw HTML is never linked (the Markdown stage marks the text that may be: see
//! [`Prepared`]), and neither is a page's own term.

use crate::catalog::Target;
use crate::markdown::{Prepared, Settled};
use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use rustc_hash::{FxHashMap, FxHashSet};
use std::ops::Range;

pub struct Linker {
    matcher: Matcher,
    targets: Vec<Target>,
    /// Per term, a keyword it is also the name of (see `Catalog::shadowed_keywords`):
    /// mentioned wherever the term is, though the link goes to `targets`.
    also: Vec<Option<Target>>,
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
    counts: FxHashMap<Target, usize>,
    /// The targets in `mentions`, to look up: a page that mentions hundreds of terms made
    /// a search of the list per mention the largest cost of linking it.
    seen: FxHashSet<Target>,
    pub mentions: Mentions,
}

impl PageState {
    pub fn new(rules: &PageRules) -> PageState {
        let mut counts: FxHashMap<Target, usize> = FxHashMap::default();
        for t in &rules.already_linked {
            *counts.entry(*t).or_default() += 1;
        }
        PageState {
            counts,
            seen: FxHashSet::default(),
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
    /// `terms` are normalised (lower-case, single spaces); `keywords_also` are the
    /// keywords some of them also name.
    pub fn new(
        terms: &[(String, Target)],
        keywords_also: &std::collections::BTreeMap<String, usize>,
    ) -> Linker {
        // A name with an apostrophe ("Crohn's disease") is written with either the straight
        // or the typographic one (’), as editors and word processors give it: both are
        // looked for.
        let written: std::collections::HashSet<&str> =
            terms.iter().map(|(t, _)| t.as_str()).collect();
        let mut added = std::collections::HashSet::new();
        let variants: Vec<(String, Target)> = terms
            .iter()
            .filter(|(t, _)| t.contains(['\'', '’']))
            .flat_map(|(t, target)| {
                [t.replace('’', "'"), t.replace('\'', "’")]
                    .into_iter()
                    .map(move |v| (v, *target))
            })
            .filter(|(v, _)| !written.contains(v.as_str()) && added.insert(v.clone()))
            .collect();
        let all = || terms.iter().chain(&variants);
        Linker {
            matcher: Matcher::new(all().map(|(t, _)| t.as_str())),
            targets: all().map(|(_, t)| *t).collect(),
            also: all()
                .map(|(t, _)| {
                    keywords_also
                        .get(t)
                        .or_else(|| keywords_also.get(&t.replace('’', "'")))
                        .or_else(|| keywords_also.get(&t.replace('\'', "’")))
                        .map(|&k| Target::Keyword(k))
                })
                .collect(),
        }
    }

    /// Writes the HTML of `body`, a part of a page, with its link destinations replaced by
    /// `dests` (see [`Prepared::fill`]) and the mentions of terms linked. `state` carries
    /// the page's counts from part to part (a record's description and its "when to seek
    /// care"), so that "first mention on the page" holds across all of them.
    pub fn link(
        &self,
        body: &Prepared,
        dests: &[Settled],
        rules: &PageRules,
        state: &mut PageState,
    ) -> String {
        // Links add about an eighth to an article, often more (half the articles of the
        // build benchmark outgrew an eighth, and were copied to grow).
        let mut out = String::with_capacity(body.html.len() + body.html.len() / 4 + 256);
        body.fill(&mut out, dests, |text, out| {
            self.link_text(text, rules, state, out)
        });
        out
    }

    /// Writes `text` with the mentions that are due linked; false, writing nothing, if
    /// none is.
    fn link_text(
        &self,
        text: &str,
        rules: &PageRules,
        state: &mut PageState,
        out: &mut String,
    ) -> bool {
        let PageState {
            counts,
            seen,
            mentions,
        } = state;
        let mut linked = Vec::new();
        for (range, pattern) in self.matcher.find(text) {
            let target = self.targets[pattern];
            for t in std::iter::once(target).chain(self.also[pattern]) {
                if seen.insert(t) {
                    mentions.targets.push(t);
                }
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
pub fn push_escaped(out: &mut String, s: &str) {
    let Ok(()) = escape_pieces(s, |piece| {
        out.push_str(piece);
        Ok::<(), std::convert::Infallible>(())
    });
}

/// The one HTML escaper: hands `piece` the runs of `s` and, between them, the entities for
/// `& " < > '`, in order. `push_escaped` collects them; the templates' escaper writes them
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

/// Finds terms in text: whole words, case-insensitive, the longest where matches overlap.
///
/// A whole-word match begins at a word of the text (a run of letters and digits), and that
/// word is the term's own first word. So the terms are filed by first word (and again by
/// the character and word after it, see [`Candidates`]) and the text is read a word at a
/// time: a filter and a lookup or two a word, however many terms there are, and only the
/// terms that go on as the text does are compared. This replaced an Aho-Corasick automaton
/// over all the terms, which found every match, word or not, and whose transitions for a
/// few thousand terms did not stay in the cache: scanning with it was the largest single
/// cost of a large build, and building it a twentieth of a small one.
struct Matcher {
    /// A bit for each first word, at [`WordKey::filter_bit`]: most words of a text start
    /// no term, and this turns them away for less than a hash map lookup costs.
    filter: Box<[u64; FILTER_WORDS]>,
    /// The terms of each first word.
    by_first_word: FxHashMap<WordKey, Candidates>,
    terms: Vec<Box<str>>,
    /// The longest first word: longer words are not looked up.
    longest_first_word: usize,
    /// Terms that start with neither a letter nor a digit ("(x)"), which no word lookup
    /// finds: an automaton over them alone, and their indices.
    odd: Option<(AhoCorasick, Vec<u32>)>,
}

/// The terms that start with a given word. A common first word starts dozens of terms
/// ("blood pressure", "blood sugar"...), and a site with thousands of terms may have hundreds
/// for one word: those are filed again by what follows, so that a word of the text is
/// compared with the few terms that go on as the text does, however many there are.
#[derive(Default)]
struct Candidates {
    /// Terms that go on with a character and a second word, by that character and the
    /// second word's key; longest first.
    by_second: FxHashMap<(char, WordKey), Vec<u32>>,
    /// The others (the first word alone, or punctuation not followed by a word: "b12."),
    /// longest first.
    others: Vec<u32>,
}

impl Matcher {
    /// `terms` are lower case.
    fn new<'t>(terms: impl Iterator<Item = &'t str>) -> Matcher {
        let terms: Vec<Box<str>> = terms.map(Box::from).collect();
        let mut by_first_word: FxHashMap<WordKey, Candidates> = FxHashMap::default();
        let mut filter = Box::new([0u64; FILTER_WORDS]);
        let mut odd = Vec::new();
        let mut longest_first_word = 0;
        let mut by_length: Vec<u32> = (0..terms.len() as u32).collect();
        by_length.sort_by_key(|&i| std::cmp::Reverse(terms[i as usize].len()));
        for i in by_length {
            let term = &terms[i as usize];
            let first = first_word(term).len();
            if first == 0 {
                odd.push(i);
                continue;
            }
            longest_first_word = longest_first_word.max(first);
            let padded = format!("{term}{PADDING}");
            let key = WordKey::new(padded.as_bytes(), 0, first);
            filter[key.filter_bit() / 64] |= 1 << (key.filter_bit() % 64);
            let candidates = by_first_word.entry(key).or_default();
            match second_word(padded.as_bytes(), &padded, first) {
                Some(second) => candidates.by_second.entry(second).or_default().push(i),
                None => candidates.others.push(i),
            }
        }
        odd.sort_unstable();
        let odd = (!odd.is_empty())
            .then(|| {
                AhoCorasickBuilder::new()
                    .match_kind(MatchKind::Standard)
                    .build(odd.iter().map(|&i| terms[i as usize].as_bytes()))
                    .ok()
                    .map(|automaton| (automaton, odd))
            })
            .flatten();
        Matcher {
            filter,
            by_first_word,
            terms,
            longest_first_word,
            odd,
        }
    }

    /// Whole-word, case-insensitive, longest-first, non-overlapping matches in `text`, as
    /// byte ranges of `text` and term indices. Line breaks in `text` count as spaces.
    fn find(&self, text: &str) -> Vec<(Range<usize>, usize)> {
        // ASCII text is lower-cased byte for byte and keeps its offsets; other text is
        // case-folded with an offset map.
        if text.is_ascii() {
            let mut lowered = String::with_capacity(text.len() + PADDING.len());
            lowered.push_str(text);
            lowered.make_ascii_lowercase();
            if lowered.contains('\n') {
                lowered = lowered.replace('\n', " ");
            }
            lowered.push_str(PADDING);
            return self.choose(&lowered, |i| i);
        }
        let (mut lowered, map) = fold_case(text);
        lowered.push_str(PADDING);
        self.choose(&lowered, |i| map[i])
            .into_iter()
            .filter(|(r, _)| text.is_char_boundary(r.start) && text.is_char_boundary(r.end))
            .collect()
    }

    /// Adds the terms that start with the word `haystack[start..end]` (whose key is `key`)
    /// and match there to `found`, longest first.
    #[inline(never)]
    fn at_first_word(
        &self,
        haystack: &str,
        key: WordKey,
        start: usize,
        end: usize,
        found: &mut Vec<(usize, usize, usize)>,
    ) {
        let Some(terms) = self.by_first_word.get(&key) else {
            return;
        };
        let before = found.len();
        let second = second_word(haystack.as_bytes(), haystack, end)
            .and_then(|second| terms.by_second.get(&second));
        for &i in second.into_iter().flatten().chain(&terms.others) {
            let term = &self.terms[i as usize];
            let term_end = start + term.len();
            if haystack[start..].starts_with(&**term) && ends_word(haystack, term_end) {
                found.push((start, term_end, i as usize));
            }
        }
        // Longest first (the two lists are each in that order).
        found[before..].sort_by_key(|m| std::cmp::Reverse(m.1));
    }

    /// Whole-word matches in `haystack`, which is lower case and ends with [`PADDING`], the
    /// longest first where they overlap, mapped back to the original text's offsets by
    /// `offset`.
    fn choose(
        &self,
        haystack: &str,
        offset: impl Fn(usize) -> usize,
    ) -> Vec<(Range<usize>, usize)> {
        let bytes = haystack.as_bytes();
        // By start, and at each start longest first: the order words give them in.
        let mut candidates: Vec<(usize, usize, usize)> = Vec::new();
        // Small, so that it is inlined into the word loop: the filter turns most words
        // away, and a call per word cost more than the test.
        let mut at_word = |start: usize, end: usize| {
            if end - start > self.longest_first_word {
                return;
            }
            let key = WordKey::new(bytes, start, end);
            let bit = key.filter_bit();
            if self.filter[bit / 64] & (1 << (bit % 64)) != 0 {
                self.at_first_word(haystack, key, start, end, &mut candidates);
            }
        };
        if haystack.is_ascii() {
            crate::words::ascii_words(&bytes[..bytes.len() - PADDING.len()], &mut at_word);
        } else {
            let mut start = None;
            for (i, c) in haystack.char_indices() {
                match (c.is_alphanumeric(), start) {
                    (true, None) => start = Some(i),
                    (false, Some(s)) => {
                        at_word(s, i);
                        start = None;
                    }
                    _ => {}
                }
            }
            if let Some(s) = start {
                at_word(s, haystack.len());
            }
        }
        if let Some((automaton, ids)) = &self.odd {
            candidates.extend(
                automaton
                    .find_overlapping_iter(haystack)
                    .filter(|m| is_word_boundary(haystack, m.start(), m.end()))
                    .map(|m| (m.start(), m.end(), ids[m.pattern().as_usize()] as usize)),
            );
            candidates.sort_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)));
        }
        let mut chosen = Vec::new();
        let mut end_of_last = 0;
        for (start, end, term) in candidates {
            // `b12` in `vitamin_b12_mcg` is part of a name, not a mention.
            let glued = (start > 0 && bytes[start - 1] == b'_') || bytes.get(end) == Some(&b'_');
            if start < end_of_last || start == end || glued || in_email_address(bytes, start, end) {
                continue;
            }
            end_of_last = end;
            chosen.push((offset(start)..offset(end), term));
        }
        chosen
    }
}

/// Whether `text[start..end]` is part of an e-mail address written as text
/// (`fatigue.clinic@nhs.net`, `help@anemia.example`): a name, not a mention.
fn in_email_address(text: &[u8], start: usize, end: usize) -> bool {
    let part = |b: &u8| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'-' | b'+' | b'%');
    let before = text[..start].iter().rev().find(|b| !part(b));
    let after = text[end..].iter().find(|b| !part(b));
    before == Some(&b'@') || after == Some(&b'@')
}

const FILTER_WORDS: usize = 1024;

/// The spaces [`Matcher::find`] pads text with, so that 16 bytes can be read from the
/// start of any word and 8 from its end.
const PADDING: &str = "                ";

/// A word by its first 16 bytes and its length: two words of over 16 bytes may share a key,
/// and the terms found by one are compared in full.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
struct WordKey {
    head: u64,
    tail: u64,
    len: usize,
}

impl WordKey {
    /// The key of `text[start..end]`, which is followed by at least 16 bytes.
    #[inline(always)]
    fn new(text: &[u8], start: usize, end: usize) -> WordKey {
        let len = end - start;
        WordKey {
            head: load8(text, start) & low_bytes(len.min(8)),
            tail: if len > 8 {
                load8(text, start + 8) & low_bytes((len - 8).min(8))
            } else {
                0
            },
            len,
        }
    }

    /// The key's bit in [`Matcher::filter`].
    #[inline(always)]
    fn filter_bit(self) -> usize {
        let h = (self.head ^ self.len as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15)
            ^ self.tail.wrapping_mul(0xc2b2_ae3d_27d4_eb4f);
        (h >> (64 - 16)) as usize
    }
}

/// The 8 bytes of `text` from `at` as a number, the first in the lowest byte (0 where the
/// text ends first).
#[inline(always)]
fn load8(text: &[u8], at: usize) -> u64 {
    let mut bytes = [0u8; 8];
    if let Some(eight) = text.get(at..at + 8) {
        bytes.copy_from_slice(eight);
    }
    u64::from_le_bytes(bytes)
}

/// A mask of the lowest `n` bytes of a number, `n` at most 8.
#[inline(always)]
fn low_bytes(n: usize) -> u64 {
    if n >= 8 {
        u64::MAX
    } else {
        (1u64 << (8 * n)) - 1
    }
}

/// The character at byte `at` of `text` (whose bytes are `bytes`, followed by
/// [`PADDING`]) and the key of the word right after it, if a word follows it.
#[inline(always)]
fn second_word(bytes: &[u8], text: &str, at: usize) -> Option<(char, WordKey)> {
    let sep = text.get(at..)?.chars().next()?;
    let start = at + sep.len_utf8();
    let rest = text.get(start..)?;
    let len = if bytes.get(start).is_some_and(u8::is_ascii_alphanumeric) {
        rest.bytes()
            .position(|b| !b.is_ascii_alphanumeric())
            .filter(|&n| rest.as_bytes()[n] < 0x80)
            .unwrap_or_else(|| first_word(rest).len())
    } else {
        first_word(rest).len()
    };
    (len > 0).then(|| (sep, WordKey::new(bytes, start, start + len)))
}

/// The letters and digits `term` starts with.
fn first_word(term: &str) -> &str {
    let end = term
        .char_indices()
        .find(|(_, c)| !c.is_alphanumeric())
        .map_or(term.len(), |(i, _)| i);
    &term[..end]
}

/// Whether no letter or digit follows byte `end` of `text`.
fn ends_word(text: &str, end: usize) -> bool {
    text[end..]
        .chars()
        .next()
        .is_none_or(|c| !c.is_alphanumeric())
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
    before.is_none_or(|c| !c.is_alphanumeric()) && ends_word(text, end)
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
        link_naming(md, own, &Default::default())
    }

    /// [`link`], where `keywords_also` are keywords named by terms of [`terms`].
    fn link_naming(
        md: &str,
        own: Option<Target>,
        keywords_also: &std::collections::BTreeMap<String, usize>,
    ) -> (String, Mentions) {
        let linker = Linker::new(&terms(), keywords_also);
        let body = markdown::parse(md, 0, true, "", &crate::markdown::Labels::default());
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

    /// The word matcher finds what an Aho-Corasick automaton over every term found before
    /// it, keeping whole-word matches and the longest where they overlap: on random text
    /// of terms in other cases, parts of words, punctuation, line breaks and other
    /// scripts, with terms that start or end with punctuation or share first words.
    #[test]
    fn word_matcher_finds_what_an_automaton_over_all_terms_found(
    ) -> Result<(), aho_corasick::BuildError> {
        let terms = [
            "vitamin b12",
            "vitamin b12 deficiency",
            "vitamin d",
            "vitamin c",
            "vitamin",
            "vitamin b6",
            "vitamin d3",
            "b12",
            "b12 deficiency",
            "pins and needles",
            "needles",
            "omega-3",
            "omega",
            "3 fatty acids",
            "(odd)",
            "-x",
            "café",
            "naïve",
            "日本",
            "x\u{301}",
            "dha/epa",
            "st. john's wort",
            "john",
            "ab",
            "σς",
            "b12.",
        ];
        let automaton = AhoCorasickBuilder::new()
            .match_kind(MatchKind::Standard)
            .ascii_case_insensitive(true)
            .build(terms)?;
        let reference = |text: &str| -> Vec<(Range<usize>, usize)> {
            let choose = |haystack: &str, offset: &dyn Fn(usize) -> usize| {
                let mut candidates: Vec<(usize, usize, usize)> = automaton
                    .find_overlapping_iter(haystack)
                    .filter(|m| is_word_boundary(haystack, m.start(), m.end()))
                    .map(|m| (m.start(), m.end(), m.pattern().as_usize()))
                    .collect();
                candidates.sort_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)));
                let mut chosen = Vec::new();
                let mut end_of_last = 0;
                for (start, end, pattern) in candidates {
                    if start >= end_of_last {
                        end_of_last = end;
                        chosen.push((offset(start)..offset(end), pattern));
                    }
                }
                chosen
            };
            if text.is_ascii() {
                return choose(&text.replace('\n', " "), &|i| i);
            }
            let (lowered, map) = fold_case(text);
            choose(&lowered, &|i| map[i])
                .into_iter()
                .filter(|(r, _)| text.is_char_boundary(r.start) && text.is_char_boundary(r.end))
                .collect()
        };
        let matcher = Matcher::new(terms.iter().copied());
        let mut pieces: Vec<&str> = terms.to_vec();
        pieces.extend([
            " ",
            " ",
            "\n",
            ",",
            ".",
            "-",
            "(",
            ")",
            "'",
            "VITAMIN",
            "Vitamin",
            "B12",
            "12",
            "b",
            "x",
            "abc",
            "John",
            "Café",
            "CAFÉ",
            "É",
            "日本語",
            "Σ",
            "ǅ",
            "\u{301}",
            "İ",
            "deficiency",
            "Needles",
            "and",
            "3",
        ]);
        let mut found = 0;
        for text in crate::testing::random_texts(&pieces, 12, 20_000) {
            let want = reference(&text);
            found += want.len();
            assert_eq!(matcher.find(&text), want, "{text:?}");
        }
        assert!(found > 10_000, "{found}");
        Ok(())
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
    fn a_term_glued_to_a_name_by_underscores_is_not_a_mention() {
        let (html, m) = link(
            "Set numbness_score, tingling_ and _numbness; then numbness.",
            None,
        );
        assert_eq!(html.matches("class=\"xref").count(), 1, "{html}");
        assert!(
            html.contains("numbness_score, tingling_ and _numbness"),
            "{html}"
        );
        assert_eq!(m.targets, vec![Target::Symptom(1)]);
    }

    #[test]
    fn a_name_with_an_apostrophe_matches_either_apostrophe() {
        let terms = [
            ("crohn's disease".to_string(), Target::Symptom(0)),
            ("st john’s wort".to_string(), Target::Supplement(0)),
        ];
        let linker = Linker::new(&terms, &Default::default());
        let text = "Crohn’s disease, then St John's wort, and Crohn's disease.";
        let found: Vec<&str> = linker
            .matcher
            .find(text)
            .into_iter()
            .map(|(range, _)| &text[range])
            .collect();
        assert_eq!(
            found,
            ["Crohn’s disease", "St John's wort", "Crohn's disease"]
        );
    }

    #[test]
    fn a_term_in_an_e_mail_address_is_not_a_mention() {
        let (html, m) = link(
            "Write to numbness.clinic@nhs.example or tingling@clinic.example, or to \
             help@numbness.example, about tingling.",
            None,
        );
        assert_eq!(html.matches("class=\"xref").count(), 1, "{html}");
        assert!(
            html.contains("numbness.clinic@nhs.example or tingling@clinic.example"),
            "{html}"
        );
        assert!(html.contains("help@numbness.example, about <a"), "{html}");
        assert_eq!(m.targets, vec![Target::Symptom(0)]);
    }

    #[test]
    fn a_keyword_named_like_a_record_is_mentioned_with_it() {
        let also = [("numbness".to_string(), 7)].into_iter().collect();
        let (html, m) = link_naming("Numbness, then tingling and numbness.", None, &also);
        assert!(
            html.contains("href=\"/Symptom(1)/\">Numbness</a>"),
            "{html}"
        );
        assert!(!html.contains("Keyword"), "{html}");
        assert_eq!(
            m.targets,
            vec![Target::Symptom(1), Target::Keyword(7), Target::Symptom(0)]
        );
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
