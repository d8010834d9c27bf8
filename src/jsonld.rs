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
        out.push_str(&escape_for_script(&json));
        out.push_str("</script>\n");
    }
    out
}

/// `<`, `>` and `&` become JSON `\u` escapes: still the same JSON, but `</script>` and
/// `<!--` can no longer appear in the HTML.
pub fn escape_for_script(json: &str) -> String {
    // Byte by byte, copying the runs in between: every page has JSON-LD, articles a lot.
    // U+2028 and U+2029 are E2 80 A8 and E2 80 A9 in UTF-8.
    let bytes = json.as_bytes();
    let mut out = String::with_capacity(json.len());
    let (mut from, mut i) = (0, 0);
    while i < bytes.len() {
        let (escape, len) = match (bytes[i], bytes.get(i + 1..i + 3)) {
            (b'<', _) => ("\\u003c", 1),
            (b'>', _) => ("\\u003e", 1),
            (b'&', _) => ("\\u0026", 1),
            (0xE2, Some([0x80, 0xA8])) => ("\\u2028", 3),
            (0xE2, Some([0x80, 0xA9])) => ("\\u2029", 3),
            _ => {
                i += 1;
                continue;
            }
        };
        out.push_str(&json[from..i]);
        out.push_str(escape);
        i += len;
        from = i;
    }
    out.push_str(&json[from..]);
    out
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

    #[test]
    fn markup_and_line_separators_are_escaped_in_json() {
        assert_eq!(escape_for_script("{}"), "{}");
        assert_eq!(
            escape_for_script("\"</script><!-- a & b\u{2028}c\u{2029}é\u{2027}\""),
            "\"\\u003c/script\\u003e\\u003c!-- a \\u0026 b\\u2028c\\u2029é\u{2027}\""
        );
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
