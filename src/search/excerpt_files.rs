//! The excerpt files (`x/`): each page's text, a few pages a file, from which the browser
//! cuts the excerpt around the words it matched, written straight into JSON.

use super::{Doc, TEXT_CHARS, TEXT_CHUNK};
use crate::article::Article;
use rayon::prelude::*;
use std::sync::Arc;

/// The excerpt files: `[[title, kind, url, text, cut, sections], …]`, `TEXT_CHUNK` pages
/// each, by page; `cut` is 1 when the text stops short of the page's end; `sections`, an
/// article's only, is `[heading, id, heading, id, …]` ([`push_sections`]), its sections
/// and FAQ questions, so that a result can lead to the one the query names.
pub(super) fn excerpts(docs: &[Doc], articles: &[Arc<Article>]) -> Vec<(String, Vec<u8>)> {
    docs.par_chunks(TEXT_CHUNK)
        .enumerate()
        .map(|(i, chunk)| {
            // Each file written once, in place: rows made with `format!` and joined copied
            // every excerpt three times over.
            let size = chunk
                .iter()
                .map(|d| d.shown.title.len() + d.shown.url.len() + TEXT_CHARS + 32)
                .sum();
            let mut text = Vec::with_capacity(size);
            text.push(b'[');
            for (n, d) in chunk.iter().enumerate() {
                if n > 0 {
                    text.extend_from_slice(b",\n");
                }
                text.push(b'[');
                text.extend_from_slice(d.shown.title.as_bytes());
                text.push(b',');
                text.push(b'0' + d.kind as u8);
                text.push(b',');
                text.extend_from_slice(d.shown.url.as_bytes());
                text.push(b',');
                // Articles come first, in catalog order (only they have no text).
                let article = match &d.shown.text {
                    Some(_) => None,
                    None => articles.get(i * TEXT_CHUNK + n),
                };
                let cut = match (&d.shown.text, article) {
                    (Some((excerpt, cut)), _) => {
                        text.extend_from_slice(excerpt);
                        *cut
                    }
                    (None, Some(a)) => {
                        let description = a.front.description.as_deref().unwrap_or_default();
                        push_excerpt(&mut text, description, &a.body.plain_text)
                    }
                    (None, None) => push_excerpt(&mut text, "", ""),
                };
                text.push(b',');
                text.push(b'0' + u8::from(cut));
                if let Some(a) = article {
                    push_sections(&mut text, a);
                }
                text.push(b']');
            }
            text.push(b']');
            (format!("search/x/{i}.json"), text)
        })
        .collect()
}

/// The headings a result may lead to, at most: a pasted page of hundreds would fill its
/// excerpt file with them.
const MOST_SECTIONS: usize = 40;
/// The longest heading a result leads to, in bytes: past it, a "heading" is a paragraph.
const LONGEST_SECTION: usize = 160;

/// `,[heading, id, …]`: the article's sections and FAQ questions, in the page's order of
/// kinds (sections, then questions); an id is 0 where [`is_plain_id`] holds.
fn push_sections(text: &mut Vec<u8>, a: &Article) {
    let sections = a.body.toc.iter().map(|t| (&t.title, &t.id));
    let questions = a.body.faq.iter().map(|q| (&q.question, &q.id));
    let shown = sections
        .chain(questions)
        .filter(|(title, id)| !id.is_empty() && title.len() <= LONGEST_SECTION)
        .take(MOST_SECTIONS);
    text.extend_from_slice(b",[");
    for (n, (title, id)) in shown.enumerate() {
        if n > 0 {
            text.push(b',');
        }
        text.push(b'"');
        push_json_inside(text, title.as_bytes());
        // Most ids are the title as search.js makes one from it: written as 0, an id takes
        // no bytes (they were half the sections' share of the excerpt files).
        if is_plain_id(title, id) {
            text.extend_from_slice(b"\",0");
        } else {
            text.extend_from_slice(b"\",\"");
            push_json_inside(text, id.as_bytes());
            text.push(b'"');
        }
    }
    text.push(b']');
}

/// Whether `id` is the one `search.js` makes of `title`, an ASCII heading: lower case,
/// each run of other characters than letters and digits a hyphen, none at either end.
/// Compared byte by byte: the index stage asks it of every heading of a site.
fn is_plain_id(title: &str, id: &str) -> bool {
    if !title.is_ascii() {
        return false;
    }
    let words = title
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty());
    let made = words.enumerate().flat_map(|(n, w)| {
        let hyphen = (n > 0).then_some(b'-');
        hyphen
            .into_iter()
            .chain(w.bytes().map(|b| b.to_ascii_lowercase()))
    });
    made.eq(id.bytes())
}

/// What `serde_json` writes for each byte below 0x20 and for `"` and `\\`, and what
/// [`json`](super::json) writes for `<`, `>` and `&`; 0 for a byte written as it is.
static JSON_ESCAPE: [u8; 256] = {
    let mut table = [0u8; 256];
    let mut b = 0;
    while b < 0x20 {
        table[b] = b'u';
        b += 1;
    }
    table[0x08] = b'b';
    table[b'\t' as usize] = b't';
    table[b'\n' as usize] = b'n';
    table[0x0c] = b'f';
    table[b'\r' as usize] = b'r';
    table[b'"' as usize] = b'"';
    table[b'\\' as usize] = b'\\';
    table[b'<' as usize] = b'u';
    table[b'>' as usize] = b'u';
    table[b'&' as usize] = b'u';
    table
};

/// Appends `word` as the inside of a JSON string, as [`json`](super::json) would write it.
fn push_json_inside(out: &mut Vec<u8>, word: &[u8]) {
    if !word.iter().any(|&b| JSON_ESCAPE[b as usize] != 0) {
        out.extend_from_slice(word);
        return;
    }
    const HEX: &[u8; 16] = b"0123456789abcdef";
    for &b in word {
        match JSON_ESCAPE[b as usize] {
            0 => out.push(b),
            b'u' => out.extend_from_slice(&[
                b'\\',
                b'u',
                b'0',
                b'0',
                HEX[usize::from(b >> 4)],
                HEX[usize::from(b & 0xf)],
            ]),
            e => out.extend_from_slice(&[b'\\', e]),
        }
    }
}

/// Appends, as a JSON string, the excerpt of a page: the words of `description`, then of
/// `body`, one space apart, up to the word that would make it `TEXT_CHARS` bytes or more.
/// Returns whether it was cut there. Written straight from the text, where making the
/// excerpt and then its JSON went over each excerpt three times.
pub(super) fn push_excerpt(out: &mut Vec<u8>, description: &str, body: &str) -> bool {
    out.push(b'"');
    // Bytes of the excerpt itself, not of its JSON.
    let mut len = 0;
    for part in [description, body] {
        let cut = match spaced_prefix(part, len) {
            Some((end, cut)) => {
                if end > 0 {
                    if len > 0 {
                        out.push(b' ');
                        len += 1;
                    }
                    push_json_spaced(out, &part.as_bytes()[..end]);
                    len += end;
                }
                cut
            }
            None => push_words(out, part, &mut len),
        };
        if cut {
            out.push(b'"');
            return true;
        }
    }
    out.push(b'"');
    false
}

/// [`push_excerpt`] for one part, a word at a time: for text whose white space is not
/// single spaces and newlines. Returns whether the excerpt was cut.
fn push_words(out: &mut Vec<u8>, part: &str, len: &mut usize) -> bool {
    for word in crate::markdown::spaced_words(part) {
        if *len + word.len() >= TEXT_CHARS {
            return true;
        }
        if *len > 0 {
            out.push(b' ');
            *len += 1;
        }
        push_json_inside(out, word.as_bytes());
        *len += word.len();
    }
    false
}

/// Where [`push_words`] would stop in `part` with `len` bytes of excerpt before it, found
/// without splitting words, when the bytes that decide it hold no white space but single
/// spaces and newlines between words (a page's plain text, one block a line, nearly
/// always): the end of the words taken, and whether the excerpt is cut after them. `None`
/// when they hold other white space. Splitting every excerpt into words was most of the
/// cost of the excerpt files.
fn spaced_prefix(part: &str, len: usize) -> Option<(usize, bool)> {
    let bytes = part.as_bytes();
    if bytes.is_empty() {
        return Some((0, false));
    }
    // A word after the first is taken while it ends before `limit` in `part`: its end in
    // the excerpt, less the space before it, stays under `TEXT_CHARS`.
    let limit = (TEXT_CHARS + 1).saturating_sub(len + usize::from(len > 0));
    let region = &bytes[..bytes.len().min(limit)];
    if !single_spaced(part, region.len()) {
        return None;
    }
    let first_end = memchr::memchr2(b' ', b'\n', region).unwrap_or(region.len());
    if len + first_end >= TEXT_CHARS {
        return Some((0, true));
    }
    if bytes.len() < limit {
        return Some((bytes.len(), false));
    }
    // The first word ends at a separator inside the region, so there is a last one.
    let last = memchr::memrchr2(b' ', b'\n', region).unwrap_or(first_end);
    Some((last, true))
}

/// Whether the first `n` bytes of `text` separate their words by one space or newline
/// each, with no other white space and none at the start (nor at the end, when they are
/// the whole text). Written as a fold over every byte, which the compiler vectorises.
fn single_spaced(text: &str, n: usize) -> bool {
    let bytes = &text.as_bytes()[..n];
    let sep = |b: u8| b == b' ' || b == b'\n';
    if n == 0 || sep(bytes[0]) || (n == text.len() && sep(bytes[n - 1])) {
        return n == 0;
    }
    // Control characters other than the newline (tab, carriage return…), and the lead
    // bytes of every non-ASCII space (U+0085, U+00A0, U+1680, U+2000–U+205F, U+3000).
    let (odd, maybe_space) = bytes.iter().fold((false, false), |(odd, maybe), &b| {
        (
            odd | ((b < 0x20) & (b != b'\n')),
            maybe | (b == 0xc2) | (b.wrapping_sub(0xe1) < 3),
        )
    });
    let doubled = bytes
        .iter()
        .zip(&bytes[1..])
        .fold(false, |d, (&a, &b)| d | (sep(a) & sep(b)));
    if odd || doubled {
        return false;
    }
    // Most such bytes start a dash or a quotation mark: looked at only when present.
    // (ASCII white space is one byte; the separators were checked above.)
    !maybe_space || !(0..n).any(|i| crate::markdown::space_at(text, i) > 1)
}

/// Appends `text`, words one space or newline apart, as the inside of a JSON string with
/// each newline a space.
fn push_json_spaced(out: &mut Vec<u8>, text: &[u8]) {
    let plain = !text.iter().fold(false, |e, &b| {
        e | ((b < 0x20) & (b != b'\n')) | matches!(b, b'"' | b'\\' | b'<' | b'>' | b'&')
    });
    if plain {
        let start = out.len();
        out.extend_from_slice(text);
        for b in &mut out[start..] {
            if *b == b'\n' {
                *b = b' ';
            }
        }
        return;
    }
    for line in text.split(|&b| b == b'\n').enumerate() {
        if line.0 > 0 {
            out.push(b' ');
        }
        push_json_inside(out, line.1);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::json;

    /// The ids search.js makes of headings, as its `part()` makes them.
    #[test]
    fn plain_ids_are_the_heading_lower_cased_with_hyphens() {
        assert!(is_plain_id(
            "Nitrous oxide (\"laughing gas\")",
            "nitrous-oxide-laughing-gas"
        ));
        assert!(is_plain_id("  B12, and you? ", "b12-and-you"));
        assert!(!is_plain_id("Crohn's disease", "crohns-disease"));
        assert!(!is_plain_id("Dosing", "dosing-2"));
        assert!(!is_plain_id("Dosing", "dosin"));
        assert!(!is_plain_id("Café", "cafe"));
    }

    /// A page's excerpt, written straight into its file after what the buffer held, is the
    /// JSON of the excerpt as plainly defined (`excerpt_text`), markup escaped, with the
    /// same cut, on texts of every kind of character that JSON escapes, white space of
    /// every kind, and lengths around the cut.
    #[test]
    fn push_excerpt_writes_the_json_of_excerpt_text() {
        let long = "w".repeat(TEXT_CHARS - 3);
        let pieces = [
            "word",
            " ",
            "  ",
            "\n",
            "\t",
            "\u{a0}",
            "\u{3000}",
            "\"",
            "\\",
            "<b>",
            "&",
            "\u{1}",
            "\u{8}",
            "\u{c}",
            "\u{1f}",
            "\u{7f}",
            "é",
            "x".repeat(90).leak(),
            long.as_str(),
        ];
        let texts = crate::testing::random_texts(&pieces, 60, 400);
        for pair in texts.chunks(2) {
            let (description, body) = (pair[0].as_str(), pair.get(1).map_or("", |b| b.as_str()));
            for (d, b) in [(description, body), ("", body), (description, "")] {
                let (excerpt, cut) = excerpt_text(d, b);
                let mut got = b"[1,".to_vec();
                assert_eq!(push_excerpt(&mut got, d, b), cut, "{d:?} {b:?}");
                assert_eq!(
                    String::from_utf8_lossy(&got),
                    format!("[1,{}", json(&excerpt)),
                    "appended, as json() writes it"
                );
                assert!(!got.iter().any(|b| matches!(b, b'<' | b'>' | b'&')));
            }
        }
    }

    /// The same on texts as pages have them, words one space or newline apart (the case
    /// `spaced_prefix` settles without splitting words), around every length at which the
    /// cut falls, and with a space of another kind somewhere (the case it leaves to
    /// `push_words`).
    #[test]
    fn single_spaced_text_is_cut_where_word_by_word_cuts_it() {
        let mut pieces = vec![
            "word ",
            "a ",
            "text\n",
            "é ",
            "— ",
            "“quoted” ",
            "\"q\" ",
            "<b> ",
            "& ",
            "x\u{1}y ",
        ];
        let long = "w".repeat(TEXT_CHARS - 1) + " ";
        let nearly = "n".repeat(TEXT_CHARS - 40) + "\n";
        pieces.extend([long.as_str(), nearly.as_str()]);
        let (mut settled, mut settled_non_ascii) = (0, 0);
        for with_other_space in [false, true] {
            for text in crate::testing::random_texts(&pieces, 160, 300) {
                let mut text = text.trim_end().to_string();
                if with_other_space && text.len() > 20 {
                    let at = text.floor_char_boundary(text.len() / 3);
                    text.insert(at, '\u{a0}');
                }
                let quarter = text.floor_char_boundary(text.len() / 4);
                for (d, b) in [(&text[..quarter], text.as_str()), ("", text.as_str())] {
                    let d = d.trim_end();
                    let fast = spaced_prefix(b, 0).is_some_and(|(end, _)| end > 0);
                    settled += usize::from(fast);
                    // Dashes and quotation marks are not spaces: such text is settled too.
                    settled_non_ascii += usize::from(
                        fast && b.as_bytes()[..b.len().min(TEXT_CHARS)].contains(&0xe2),
                    );
                    let (excerpt, cut) = excerpt_text(d, b);
                    let mut got = Vec::new();
                    assert_eq!(push_excerpt(&mut got, d, b), cut, "{d:?} {b:?}");
                    assert_eq!(String::from_utf8_lossy(&got), json(&excerpt), "{d:?} {b:?}");
                }
            }
        }
        assert!(settled > 200, "the fast path was taken {settled} times");
        assert!(
            settled_non_ascii > 100,
            "the fast path was taken {settled_non_ascii} times on non-ASCII text"
        );
    }

    /// The excerpt as plainly defined: the words of the description, then of the body, one
    /// space apart, up to the word that would make it `TEXT_CHARS` bytes or more; and
    /// whether it stopped there.
    fn excerpt_text(description: &str, body: &str) -> (String, bool) {
        let mut text = String::new();
        for word in description
            .split_whitespace()
            .chain(body.split_whitespace())
        {
            if text.len() + word.len() >= TEXT_CHARS {
                return (text, true);
            }
            if !text.is_empty() {
                text.push(' ');
            }
            text.push_str(word);
        }
        (text, false)
    }
}
