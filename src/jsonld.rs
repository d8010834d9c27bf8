//! schema.org JSON-LD for every page: MedicalWebPage for articles, FAQPage for their Q&A,
//! MedicalSignOrSymptom and DietarySupplement for records, and a BreadcrumbList. Built with
//! serde_json, then escaped so that no content string can close the `<script>` element.

use serde_json::{json, Value};

/// One `<script type="application/ld+json">` element per value.
pub fn scripts(values: &[Value]) -> String {
    values
        .iter()
        .map(|v| {
            format!(
                "<script type=\"application/ld+json\">{}</script>\n",
                escape_for_script(&v.to_string())
            )
        })
        .collect()
}

/// `<`, `>` and `&` become JSON `\u` escapes: still the same JSON, but `</script>` and
/// `<!--` can no longer appear in the HTML.
pub fn escape_for_script(json: &str) -> String {
    if !json.contains(['<', '>', '&', '\u{2028}', '\u{2029}']) {
        return json.to_string();
    }
    let mut out = String::with_capacity(json.len());
    for c in json.chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            _ => out.push(c),
        }
    }
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
