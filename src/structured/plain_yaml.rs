//! A fast path for the YAML front matter and records are nearly always written in: one
//! `key: value` a line, values quoted or plain strings, `true` and `false`, dates, lists of
//! strings in brackets or as `- item` lines, lists of flat maps (a record's `sources`) and
//! literal blocks (`description: |`). libyaml (under serde_yaml_ng) spent about 270
//! instructions on each byte of it, where this reads a byte in a few: front matter was 7 %
//! of a 10,000-article build, and records, read by libyaml until blocks and lists of maps
//! were read here, 3.7 % of a 1,000-article one.
//!
//! It reads only what it is sure of: anything else (comments, numbers, nulls, folded
//! blocks, nested maps, anchors, escapes other than `\"` and `\\`, tabs, a key written
//! twice...) returns `None`, and the full parser reads the text and reports its errors.
//! A randomised test checks that whatever this reads, serde_yaml_ng reads the same.

use serde_yaml_ng::{Mapping, Value};
use std::iter::Peekable;

/// `text` as a YAML mapping, if it is written in the subset this reads.
pub fn parse(text: &str) -> Option<Value> {
    let mut map = Mapping::new();
    let mut lines = text.split('\n').peekable();
    while let Some(line) = lines.next() {
        if has_odd(line) {
            return None;
        }
        if line.trim_matches(' ').is_empty() {
            continue;
        }
        let (key, rest) = line.split_once(':')?;
        if !is_key(key) {
            return None;
        }
        let value = if rest.trim_matches(' ').is_empty() {
            // A list of `- item` lines, all indented alike; a key with no value is null,
            // which this leaves to the full parser.
            let mut items = Vec::new();
            let mut indent = None;
            while let Some(next) = lines.peek() {
                let item = next.trim_start_matches(' ');
                let Some(item) = item.strip_prefix("- ") else {
                    break;
                };
                if has_odd(item) {
                    return None;
                }
                let this = indent_of(next);
                if *indent.get_or_insert(this) != this {
                    return None;
                }
                lines.next();
                items.push(list_item(item, this, &mut lines)?);
            }
            if items.is_empty() {
                return None;
            }
            Value::Sequence(items)
        } else {
            match rest.strip_prefix(' ')?.trim_matches(' ') {
                "|" => literal_block(&mut lines, true)?,
                "|-" => literal_block(&mut lines, false)?,
                value => inline_value(value)?,
            }
        };
        if map.insert(Value::String(key.to_string()), value).is_some() {
            return None;
        }
    }
    (!map.is_empty()).then_some(Value::Mapping(map))
}

/// Whether `line` holds a comment or a character libyaml reads otherwise than this does:
/// it also breaks lines at U+0085, U+2028 and U+2029, and turns down characters YAML calls
/// unprintable. Line by line, so that text the fast path turns down early (a record's
/// `description: |`) is not all read first.
fn has_odd(line: &str) -> bool {
    let odd_byte = |b: &u8| (*b < 0x20 && *b != b'\n') || *b == 0x7f || *b == b'#';
    line.as_bytes().iter().any(odd_byte) || (!line.is_ascii() && line.contains(read_otherwise))
}

/// Whether YAML turns `c` down or reads it as something else than itself in a document:
/// control characters, the line breaks U+2028 and U+2029, a byte-order mark, and the
/// noncharacters U+FFFE and U+FFFF. A writer of YAML escapes them (`\u2028`).
pub(crate) fn read_otherwise(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{2028}' | '\u{2029}' | '\u{feff}' | '\u{fffe}' | '\u{ffff}'
        )
}

fn indent_of(line: &str) -> usize {
    line.len() - line.trim_start_matches(' ').len()
}

/// A value on its key's line: a bracketed list or a scalar.
fn inline_value(value: &str) -> Option<Value> {
    match value.strip_prefix('[') {
        Some(inner) => Some(Value::Sequence(flow_sequence(inner.strip_suffix(']')?)?)),
        None => scalar(value, false),
    }
}

/// An item of a `- item` list whose dash is `indent` spaces in, given what follows the dash
/// and its space: a scalar, or a flat map whose first `key: value` is on the dash's line and
/// whose others are on the lines after it, under the first.
fn list_item<'a>(
    item: &str,
    indent: usize,
    lines: &mut Peekable<impl Iterator<Item = &'a str>>,
) -> Option<Value> {
    let first = match item.split_once(':') {
        Some((key, value)) if is_key(key) && (value.is_empty() || value.starts_with(' ')) => {
            (key, value)
        }
        _ => return scalar(item.trim_matches(' '), false),
    };
    let mut map = Mapping::new();
    let mut entry = Some(first);
    while let Some((key, value)) = entry {
        // `key:` alone opens a nested block: left to the full parser.
        let value = inline_value(value.strip_prefix(' ')?.trim_matches(' '))?;
        if map.insert(Value::String(key.to_string()), value).is_some() {
            return None;
        }
        entry = None;
        if let Some(next) = lines.peek() {
            if indent_of(next) == indent + 2 && next.len() > indent + 2 {
                if has_odd(next) {
                    return None;
                }
                let (key, value) = next[indent + 2..].split_once(':')?;
                if !is_key(key) {
                    return None;
                }
                entry = Some((key, value));
                lines.next();
            }
        }
    }
    Some(Value::Mapping(map))
}

/// The text of a literal block (`key: |`, or `key: |-` without `clip`) of a top-level key:
/// the lines after the key, each less the first one's indentation, joined by line
/// breaks, with blank lines inside kept; then, with `clip`, one line break. Leading blank
/// lines, blank lines holding more spaces than the indentation, a line indented less than
/// the first and a block that ends the text without a line break are left to the full
/// parser.
fn literal_block<'a>(
    lines: &mut Peekable<impl Iterator<Item = &'a str>>,
    clip: bool,
) -> Option<Value> {
    let mut text = String::new();
    let mut indent = 0;
    // Blank lines since the last line of text.
    let mut blank = 0;
    while let Some(&line) = lines.peek() {
        let spaces = indent_of(line);
        if spaces == line.len() {
            if text.is_empty() || spaces > indent {
                return None;
            }
            blank += 1;
            lines.next();
            continue;
        }
        if spaces == 0 {
            break;
        }
        if text.is_empty() {
            indent = spaces;
        } else if spaces < indent {
            return None;
        } else {
            for _ in 0..=blank {
                text.push('\n');
            }
        }
        if has_odd(line) {
            return None;
        }
        text.push_str(&line[indent..]);
        blank = 0;
        lines.next();
    }
    // Ended by the text's end right after a line of text: no line break after it.
    if text.is_empty() || (blank == 0 && lines.peek().is_none()) {
        return None;
    }
    if clip {
        text.push('\n');
    }
    Some(Value::String(text))
}

fn is_key(key: &str) -> bool {
    let mut chars = key.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
        && !SPECIAL.contains(&key.to_ascii_lowercase().as_str())
}

/// Words YAML (1.1 or 1.2) may read as null, a boolean or a number.
const SPECIAL: &[&str] = &[
    "null", "true", "false", "yes", "no", "on", "off", "y", "n", "nan", "inf", "infinity",
];

/// The items of a bracketed list, given what is between the brackets.
fn flow_sequence(inner: &str) -> Option<Vec<Value>> {
    let mut items = Vec::new();
    let mut rest = inner.trim_start_matches(' ');
    while !rest.is_empty() {
        let end = match rest.as_bytes()[0] {
            b'"' => closing_quote(rest, b'"')? + 1,
            b'\'' => closing_quote(rest, b'\'')? + 1,
            _ => rest.find(',').unwrap_or(rest.len()),
        };
        items.push(scalar(rest[..end].trim_end_matches(' '), true)?);
        rest = rest[end..].trim_start_matches(' ');
        if let Some(after) = rest.strip_prefix(',') {
            rest = after.trim_start_matches(' ');
            // `[a, ]` and `[a,,b]` are left to the full parser.
            if rest.is_empty() || rest.starts_with(',') {
                return None;
            }
        } else if !rest.is_empty() {
            return None;
        }
    }
    Some(items)
}

/// The index of the quote that closes the quoted string `s` starts with.
fn closing_quote(s: &str, quote: u8) -> Option<usize> {
    let bytes = s.as_bytes();
    let mut i = 1;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' if quote == b'"' => i += 2,
            b if b == quote => {
                if quote == b'\'' && bytes.get(i + 1) == Some(&b'\'') {
                    i += 2;
                } else {
                    return Some(i);
                }
            }
            _ => i += 1,
        }
    }
    None
}

/// A quoted or plain scalar that is a string (or `true` or `false`); `in_flow` inside
/// brackets, where a plain scalar may hold fewer characters.
fn scalar(s: &str, in_flow: bool) -> Option<Value> {
    if let Some(inner) = s.strip_prefix('"') {
        let inner = inner.strip_suffix('"')?;
        let mut out = String::with_capacity(inner.len());
        let mut chars = inner.chars();
        while let Some(c) = chars.next() {
            match c {
                '\\' => match chars.next()? {
                    e @ ('"' | '\\') => out.push(e),
                    _ => return None,
                },
                '"' => return None,
                c => out.push(c),
            }
        }
        return Some(Value::String(out));
    }
    if let Some(inner) = s.strip_prefix('\'') {
        let inner = inner.strip_suffix('\'')?;
        if inner.replace("''", "").contains('\'') {
            return None;
        }
        return Some(Value::String(inner.replace("''", "'")));
    }
    plain(s, in_flow)
}

/// A plain scalar that YAML reads as a string, or as `true` or `false`.
fn plain(s: &str, in_flow: bool) -> Option<Value> {
    let first = s.chars().next()?;
    if first.is_ascii_digit() {
        // Numbers are left to the full parser; dates are strings to it.
        let b = s.as_bytes();
        let date = b.len() == 10
            && b.iter().enumerate().all(|(i, &c)| {
                if i == 4 || i == 7 {
                    c == b'-'
                } else {
                    c.is_ascii_digit()
                }
            });
        return date.then(|| Value::String(s.to_string()));
    }
    if !first.is_alphabetic() {
        return None;
    }
    let forbidden = |c: char| {
        c.is_control()
            || matches!(
                c,
                '"' | '[' | ']' | '{' | '}' | '|' | '>' | '*' | '!' | '%' | '@' | '`'
            )
            || (in_flow && matches!(c, ',' | ':'))
    };
    if s.contains(forbidden) || s.contains(": ") || s.ends_with(':') {
        return None;
    }
    match s {
        "true" => return Some(Value::Bool(true)),
        "false" => return Some(Value::Bool(false)),
        _ => {}
    }
    if SPECIAL.contains(&s.to_ascii_lowercase().as_str()) {
        return None;
    }
    Some(Value::String(s.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Whatever the fast path reads, serde_yaml_ng reads the same: random documents made of
    /// keys and values of every kind it takes and many it must turn down.
    #[test]
    fn reads_what_the_full_parser_reads() {
        let keys = [
            "title: ", "date: ", "tags: ", "draft: ", "x-y: ", "_k: ", "title:", "true: ", "Null: ",
        ];
        let values = [
            "\"A \\\"quoted\\\" title\"",
            "'it''s'",
            "'bad ' quote'",
            "Plain text, with commas",
            "St. John's wort",
            "https://example.org/a?b=c",
            "Q&A",
            "2025-07-02",
            "2025-7-2",
            "2025",
            "1.5",
            "0x1F",
            "true",
            "false",
            "True",
            "yes",
            "No",
            "null",
            "~",
            "NaN",
            ".inf",
            "-dash",
            "Note: colon",
            "ends:",
            "[a, \"b, c\", 'd']",
            "['it''s', \"say \\\"hi\\\"\"]",
            "[]",
            "[a, ]",
            "[[a]]",
            "[a: b]",
            "[\"x\"] trailing",
            "|",
            "|-",
            "|+",
            "|2",
            "| # note",
            ">",
            "\"\\n escape\"",
            "\"unclosed",
            "*alias",
            "&anchor x",
            "!tag x",
            "{a: b}",
            "Émilie Dubois",
            "日本",
            "line\u{2028}separator",
            "\"control \u{1}\"",
            "a # comment",
            "",
            "  spaced  ",
        ];
        let extras = [
            "\n",
            "\n\n",
            "\n  - item\n  - 'two'\n",
            "\n- item\n- \"two\"\n",
            "\n  - item\n    - deeper\n",
            "\n  - a: b\n",
            "\n  - a: b\n    c: 'd'\n  - a: \"e\"\n",
            "\n- title: x\n  url: https://example.org/1\n",
            "\n  - a: b\n      c: d\n",
            "\n  - a: b\n    a: c\n",
            "\n  - a:\n      b: c\n",
            "\n  - Note: colon\n  - plain\n",
            "\n  - a: [x, y]\n",
            "  Line one, *stars* and `code`.\n  Line two.\n",
            "  Para one.\n\n  Para two.\n\n",
            "    deeper\n  less\n",
            "  first\n    more: indented\n",
            "  1. item\n  2. item\n   \n",
            "  text  \n \n  after\n",
            "  last",
            "\n  continued\n",
            "\n---\n",
            "\r\n",
            "\t\n",
        ];
        let mut pieces: Vec<String> = Vec::new();
        for k in keys {
            for v in values {
                pieces.push(format!("{k}{v}\n"));
            }
        }
        pieces.extend(extras.iter().map(|e| e.to_string()));
        let pieces: Vec<&str> = pieces.iter().map(String::as_str).collect();
        let mut read = 0;
        for text in crate::testing::random_texts(&pieces, 6, 60_000) {
            if let Some(fast) = parse(&text) {
                read += 1;
                let full: Result<Value, _> = serde_yaml_ng::from_str(&text);
                assert_eq!(full.ok(), Some(fast), "{text:?}");
            }
        }
        assert!(read > 1_500, "{read}");
    }

    /// Literal blocks and lists of maps, as records have them, built at random from lines
    /// that YAML reads in more than one way (indentation, blank lines, trailing spaces,
    /// keys and values of every kind): whatever the fast path reads, serde_yaml_ng reads
    /// the same, and many of each are read.
    #[test]
    fn reads_blocks_and_lists_of_maps_as_the_full_parser_does() {
        let block_lines = [
            "  Plain prose, with *Markdown* and `code`.",
            "  Plain prose, with *Markdown* and `code`.",
            "  1. A numbered line",
            "",
            "  Note: a colon, [brackets] and {braces}: all text here.",
            "    more indented",
            " one space",
            "  ",
            "     ",
            "",
            "  trailing  ",
            "  - a list item: not a map inside a block",
            "  \"quoted\" and 'single'",
            "  # not a comment in YAML, turned down here",
            "not indented: ends the block",
        ];
        let values = [
            "plain",
            "plain words",
            "\"A study (2020)\"",
            "https://journal.example/2",
            "\"quoted: yes\"",
            "'single'",
            "https://example.org/a",
            "2025-01-02",
            "12",
            "true",
            "null",
            "a: b",
            "[x, y]",
            "",
            "|",
        ];
        let keys = ["title", "url", "a-b", "title", "url", "no", "x y"];
        let mut rng = crate::testing::Rng::new(11);
        let mut pick = |n: usize| rng.below(n as u64) as usize;
        let (mut blocks, mut maps) = (0, 0);
        for _ in 0..20_000 {
            let mut text = String::new();
            for n in 0..1 + pick(4) {
                match pick(3) {
                    0 => {
                        text.push_str(&format!(
                            "k{n}: {}\n",
                            ["|", "|-", "|", "|-", "|+", ">"][pick(6)]
                        ));
                        for _ in 0..1 + pick(5) {
                            text.push_str(block_lines[pick(block_lines.len())]);
                            text.push('\n');
                        }
                    }
                    1 => {
                        text.push_str(&format!("k{n}:\n"));
                        let dash = ["", "  "][pick(2)];
                        for _ in 0..1 + pick(3) {
                            for m in 0..1 + pick(3) {
                                let lead = if m == 0 {
                                    format!("{dash}- ")
                                } else {
                                    format!("{dash}{}", ["  ", "   ", " "][pick(3)])
                                };
                                let key = keys[pick(keys.len())];
                                let value = values[pick(values.len())];
                                text.push_str(&format!("{lead}{key}: {value}\n"));
                            }
                        }
                    }
                    _ => text.push_str(&format!("k{n}: {}\n", values[pick(values.len())])),
                }
            }
            if pick(8) == 0 {
                text.pop();
            }
            if let Some(fast) = parse(&text) {
                blocks += usize::from(text.contains(": |"));
                maps += usize::from(text.contains("- "));
                let full: Result<Value, _> = serde_yaml_ng::from_str(&text);
                assert_eq!(full.ok(), Some(fast), "{text:?}");
            }
        }
        // Enough of each read for the comparison to mean something.
        assert!(blocks > 200 && maps > 200, "{blocks} blocks, {maps} lists");
    }

    /// Every form the fast path is for is read by it (and read as serde_yaml_ng reads it).
    #[test]
    fn reads_typical_front_matter() {
        let text = concat!(
            "title: \"A \\\"practical\\\" guide\"\n",
            "description: 'It''s plain, isn''t it'\n",
            "reviewed_by: Dr. Rafael Ortiz, MD\n",
            "slug: https://example.org/a?b=c&d\n",
            "date: 2025-07-02\n",
            "authors: [\"Ada\", 'Kwame''s', Lin]\n",
            "keywords: []\n",
            "draft: false\n",
            "\n",
            "tags:\n",
            "  - seniors\n",
            "  - 'immunity'\n",
            "aliases:\n",
            "- \"/old/\"\n",
            "interactions: |\n",
            "  A paragraph of **Markdown**, `code` and all.\n",
            "\n",
            "  1. A list\n",
            "     with more indentation\n",
            "seek_care: |-\n",
            "  Kept without its last line break.\n",
            "\n",
            "sources:\n",
            "  - title: \"A study (2020)\"\n",
            "    url: https://journal.example/1\n",
            "  - title: A review\n",
        );
        let value = parse(text);
        assert!(value.is_some(), "{text}");
        assert_eq!(value, serde_yaml_ng::from_str(text).ok());
    }
}
