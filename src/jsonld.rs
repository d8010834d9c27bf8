//! schema.org JSON-LD for every page: MedicalWebPage for articles, FAQPage for their Q&A,
//! MedicalSignOrSymptom and DietarySupplement for records, and a BreadcrumbList. Built with
//! serde_json, then escaped so that no content string can close the `<script>` element.

use serde_json::{json, Value};

/// One `<script type="application/ld+json">` element per value.
pub fn scripts(values: &[Value]) -> String {
    let mut out = String::new();
    for v in values {
        // Straight into a buffer: `to_string` goes through `fmt`, a byte at a time.
        let json = serde_json::to_string(v).unwrap_or_default();
        out.push_str("<script type=\"application/ld+json\">");
        escape_for_script(&mut out, &json);
        out.push_str("</script>\n");
    }
    out
}

/// Appends `json` to `out` with `<`, `>` and `&` as JSON `\u` escapes: still the same JSON,
/// but `</script>` and `<!--` can no longer appear in the HTML. So do U+2028 and U+2029,
/// which older JavaScript parsers take for line ends.
pub fn escape_for_script(out: &mut String, json: &str) {
    // Every page has JSON-LD, articles about 20 KB of it: the special bytes are found with
    // memchr's vectorised searches instead of a test per byte. U+2028 and U+2029 are
    // E2 80 A8 and E2 80 A9 in UTF-8; E2 80 also starts dashes and curly quotes, so each
    // hit's third byte decides. Both searches run lazily, in step.
    let bytes = json.as_bytes();
    let mut separators = memchr::memmem::find_iter(bytes, b"\xE2\x80")
        .filter(|&i| matches!(bytes.get(i + 2), Some(0xA8 | 0xA9)))
        .peekable();
    let mut from = 0;
    let mut escape = |out: &mut String, at: usize| {
        let (entity, len) = match bytes[at] {
            b'<' => ("\\u003c", 1),
            b'>' => ("\\u003e", 1),
            b'&' => ("\\u0026", 1),
            _ if bytes.get(at + 2) == Some(&0xA8) => ("\\u2028", 3),
            _ => ("\\u2029", 3),
        };
        out.push_str(&json[from..at]);
        out.push_str(entity);
        from = at + len;
    };
    for at in memchr::memchr3_iter(b'<', b'>', b'&', bytes) {
        while let Some(s) = separators.next_if(|&s| s < at) {
            escape(out, s);
        }
        escape(out, at);
    }
    for s in separators {
        escape(out, s);
    }
    out.push_str(&json[from..]);
}

pub fn person(name: &str) -> Value {
    json!({"@type": "Person", "name": name})
}

pub fn organization(name: &str, url: &str) -> Value {
    json!({"@type": "Organization", "name": name, "url": url})
}

/// `(name, absolute url)` pairs, home first.
pub fn breadcrumb_list(items: &[(String, String)]) -> Value {
    let elements: Vec<Value> = items
        .iter()
        .enumerate()
        .map(|(i, (name, url))| {
            json!({"@type": "ListItem", "position": i + 1, "name": name, "item": url})
        })
        .collect();
    json!({"@context": "https://schema.org", "@type": "BreadcrumbList", "itemListElement": elements})
}

pub fn faq_page(url: &str, entries: &[(String, String)]) -> Value {
    let questions: Vec<Value> = entries
        .iter()
        .map(|(q, a)| {
            json!({
                "@type": "Question",
                "name": q,
                "acceptedAnswer": {"@type": "Answer", "text": a}
            })
        })
        .collect();
    json!({"@context": "https://schema.org", "@type": "FAQPage", "url": url, "mainEntity": questions})
}

/// Drops `null`s and empty strings/lists so validators see only what we know.
pub fn prune(mut value: Value) -> Value {
    if let Value::Object(map) = &mut value {
        map.retain(|_, v| match v {
            Value::Null => false,
            Value::String(s) => !s.is_empty(),
            Value::Array(a) => !a.is_empty(),
            _ => true,
        });
    }
    value
}

#[cfg(test)]
mod tests {
    use super::*;

    fn escaped(json: &str) -> String {
        let mut out = String::new();
        escape_for_script(&mut out, json);
        out
    }

    #[test]
    fn markup_and_line_separators_are_escaped_in_json() {
        assert_eq!(escaped("{}"), "{}");
        assert_eq!(
            escaped("\"</script><!-- a & b\u{2028}c\u{2029}é\u{2027}\""),
            "\"\\u003c/script\\u003e\\u003c!-- a \\u0026 b\\u2028c\\u2029é\u{2027}\""
        );
        // Separators between, before and after markup, beside other E2 80 characters.
        assert_eq!(
            escaped("\u{2029}—<\u{2028}\u{2028}’&“\u{2029}"),
            "\\u2029—\\u003c\\u2028\\u2028’\\u0026“\\u2029"
        );
    }

    /// The vectorised escaper against a byte-by-byte one, on random mixes of the special
    /// characters, their look-alikes and plain text.
    #[test]
    fn script_escaping_matches_a_byte_by_byte_reference() {
        let reference = |s: &str| -> String {
            s.chars()
                .map(|c| match c {
                    '<' => "\\u003c".to_string(),
                    '>' => "\\u003e".to_string(),
                    '&' => "\\u0026".to_string(),
                    '\u{2028}' => "\\u2028".to_string(),
                    '\u{2029}' => "\\u2029".to_string(),
                    c => c.to_string(),
                })
                .collect()
        };
        let pieces = [
            "<", ">", "&", "\u{2028}", "\u{2029}", "—", "’", "é", "ab", " ", "\u{2027}",
        ];
        let mut seed = 0x9E37_79B9_7F4A_7C15_u64;
        for _ in 0..2000 {
            let mut text = String::new();
            for _ in 0..(seed % 40) {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                text.push_str(pieces[(seed % pieces.len() as u64) as usize]);
            }
            assert_eq!(escaped(&text), reference(&text), "{text:?}");
        }
    }

    #[test]
    fn script_cannot_be_closed_by_content() {
        let v = json!({"name": "</script><script>alert(1)</script>"});
        let html = scripts(&[v]);
        assert_eq!(html.matches("</script>").count(), 1, "{html}");
        let inner = html
            .trim_start_matches("<script type=\"application/ld+json\">")
            .trim_end()
            .trim_end_matches("</script>");
        let back: Value = serde_json::from_str(inner).unwrap_or(Value::Null);
        assert_eq!(back["name"], "</script><script>alert(1)</script>");
    }
}
