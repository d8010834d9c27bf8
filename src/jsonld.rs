//! schema.org JSON-LD for every page: MedicalWebPage for articles, FAQPage for their Q&A,
//! MedicalSignOrSymptom and DietarySupplement for records, and a BreadcrumbList. Serialised
//! by serde_json, then escaped so that no content string can close the `<script>` element.
//!
//! What every article page has (its MedicalWebPage, FAQPage and BreadcrumbList) is typed
//! and written straight to text: built as `serde_json::Value`s first, their maps and the
//! freeing of them were about 8 % of a 10,000-article build. Fields are declared in the
//! byte order of their names, the order a `Value`'s map writes them in, so both kinds of
//! object read alike. The other pages' few objects are still `Value`s.

use serde::Serialize;

/// One JSON-LD object, serialised but not yet escaped for a `<script>` element.
pub struct Ld(String);

impl Ld {
    pub fn of(value: &impl Serialize) -> Ld {
        Ld(serde_json::to_string(value).unwrap_or_default())
    }
}

/// One `<script type="application/ld+json">` element per object.
pub fn scripts(objects: &[Ld]) -> String {
    let mut out = String::with_capacity(objects.iter().map(|o| o.0.len() + 64).sum());
    for Ld(json) in objects {
        out.push_str("<script type=\"application/ld+json\">");
        escape_for_script(&mut out, json);
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

const CONTEXT: &str = "https://schema.org";

/// A Person (with the URL of their page on the site, where they have one) or an
/// Organization.
#[derive(Serialize)]
pub struct Agent<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    name: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<String>,
}

pub fn person(name: &str, url: Option<String>) -> Agent<'_> {
    Agent {
        kind: "Person",
        name,
        url,
    }
}

pub fn organization(name: &str, url: String) -> Agent<'_> {
    Agent {
        kind: "Organization",
        name,
        url: Some(url),
    }
}

/// A record an article is about: a MedicalSignOrSymptom or a DietarySupplement.
#[derive(Serialize)]
pub struct Thing<'a> {
    #[serde(rename = "@type")]
    pub kind: &'static str,
    pub name: &'a str,
    pub url: String,
}

/// A reference of an article. Empty fields are left out.
#[derive(Serialize)]
pub struct CreativeWork<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    #[serde(skip_serializing_if = "str::is_empty")]
    name: &'a str,
    #[serde(skip_serializing_if = "no_address")]
    url: Option<std::borrow::Cow<'a, str>>,
}

fn no_address(s: &Option<std::borrow::Cow<'_, str>>) -> bool {
    s.as_deref().is_none_or(str::is_empty)
}

pub fn creative_work<'a>(
    name: &'a str,
    url: Option<impl Into<std::borrow::Cow<'a, str>>>,
) -> CreativeWork<'a> {
    CreativeWork {
        kind: "CreativeWork",
        name,
        url: url.map(Into::into),
    }
}

/// An article's MedicalWebPage. Empty strings, lists and absent dates are left out, so
/// validators see only what we know.
#[derive(Serialize)]
pub struct MedicalWebPage<'a> {
    #[serde(rename = "@context")]
    context: &'static str,
    #[serde(rename = "@type")]
    kind: &'static str,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub about: Vec<Thing<'a>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub author: Vec<Agent<'a>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub citation: Vec<CreativeWork<'a>>,
    #[serde(rename = "dateModified", skip_serializing_if = "Option::is_none")]
    pub date_modified: Option<String>,
    #[serde(rename = "datePublished", skip_serializing_if = "Option::is_none")]
    pub date_published: Option<String>,
    #[serde(skip_serializing_if = "str::is_empty")]
    pub description: &'a str,
    #[serde(skip_serializing_if = "str::is_empty")]
    pub headline: &'a str,
    /// The page's first picture, absolute.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub image: Option<String>,
    #[serde(rename = "inLanguage", skip_serializing_if = "str::is_empty")]
    pub in_language: &'a str,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub keywords: String,
    #[serde(rename = "lastReviewed", skip_serializing_if = "Option::is_none")]
    pub last_reviewed: Option<String>,
    #[serde(skip_serializing_if = "str::is_empty")]
    pub name: &'a str,
    pub publisher: Agent<'a>,
    #[serde(rename = "reviewedBy", skip_serializing_if = "Option::is_none")]
    pub reviewed_by: Option<Agent<'a>>,
    #[serde(skip_serializing_if = "str::is_empty")]
    pub url: &'a str,
}

impl<'a> MedicalWebPage<'a> {
    /// A page with these, and the rest to fill in.
    pub fn new(name: &'a str, url: &'a str, publisher: Agent<'a>) -> MedicalWebPage<'a> {
        MedicalWebPage {
            context: CONTEXT,
            kind: "MedicalWebPage",
            about: Vec::new(),
            author: Vec::new(),
            citation: Vec::new(),
            date_modified: None,
            date_published: None,
            description: "",
            headline: name,
            image: None,
            in_language: "",
            keywords: String::new(),
            last_reviewed: None,
            name,
            publisher,
            reviewed_by: None,
            url,
        }
    }
}

#[derive(Serialize)]
struct ListItem<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    item: &'a str,
    name: &'a str,
    position: usize,
}

#[derive(Serialize)]
struct BreadcrumbList<'a> {
    #[serde(rename = "@context")]
    context: &'static str,
    #[serde(rename = "@type")]
    kind: &'static str,
    #[serde(rename = "itemListElement")]
    items: Vec<ListItem<'a>>,
}

/// `(name, absolute url)` pairs, home first.
pub fn breadcrumb_list(items: &[(String, String)]) -> Ld {
    Ld::of(&BreadcrumbList {
        context: CONTEXT,
        kind: "BreadcrumbList",
        items: items
            .iter()
            .enumerate()
            .map(|(i, (name, url))| ListItem {
                kind: "ListItem",
                item: url,
                name,
                position: i + 1,
            })
            .collect(),
    })
}

#[derive(Serialize)]
struct Answer<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    text: &'a str,
}

#[derive(Serialize)]
struct Question<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    #[serde(rename = "acceptedAnswer")]
    accepted_answer: Answer<'a>,
    name: &'a str,
}

#[derive(Serialize)]
struct FaqPage<'a> {
    #[serde(rename = "@context")]
    context: &'static str,
    #[serde(rename = "@type")]
    kind: &'static str,
    #[serde(rename = "mainEntity")]
    main_entity: Vec<Question<'a>>,
    url: &'a str,
}

/// `(question, answer)` pairs.
pub fn faq_page<'a>(url: &str, entries: impl Iterator<Item = (&'a str, &'a str)>) -> Ld {
    Ld::of(&FaqPage {
        context: CONTEXT,
        kind: "FAQPage",
        main_entity: entries
            .map(|(name, text)| Question {
                kind: "Question",
                accepted_answer: Answer {
                    kind: "Answer",
                    text,
                },
                name,
            })
            .collect(),
        url,
    })
}

#[derive(Serialize)]
struct WebPage<'a> {
    #[serde(rename = "@context")]
    context: &'static str,
    #[serde(rename = "@type")]
    kind: &'static str,
    name: &'a str,
    url: &'a str,
}

/// A page that is only named: a WebPage, or a CollectionPage (`kind`) for the listings.
/// The page of a person with a record: a ProfilePage about them.
pub fn profile_page(
    url: &str,
    name: &str,
    job_title: &str,
    description: &str,
    same_as: &[String],
) -> Ld {
    Ld::of(&prune(serde_json::json!({
        "@context": CONTEXT,
        "@type": "ProfilePage",
        "url": url,
        "mainEntity": prune(serde_json::json!({
            "@type": "Person",
            "name": name,
            "url": url,
            "jobTitle": job_title,
            "description": description,
            "sameAs": same_as,
        })),
    })))
}

pub fn web_page(kind: &'static str, name: &str, url: &str) -> Ld {
    Ld::of(&WebPage {
        context: CONTEXT,
        kind,
        name,
        url,
    })
}

/// Drops `null`s and empty strings/lists so validators see only what we know.
pub fn prune(mut value: serde_json::Value) -> serde_json::Value {
    use serde_json::Value;
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
    use serde_json::{json, Value};

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

    /// The typed objects write what the `json!` maps they replaced wrote, key order and
    /// left-out fields included, for every mix of empty and filled fields.
    #[test]
    fn typed_objects_write_what_pruned_maps_wrote() {
        let person_map = |name: &str| json!({"@type": "Person", "name": name});
        let org_map =
            |name: &str, url: &str| json!({"@type": "Organization", "name": name, "url": url});
        for mask in 0u32..(1 << 9) {
            let on = |bit: u32| mask & (1 << bit) != 0;
            let text = |bit: u32, s: &'static str| if on(bit) { s } else { "" };
            let date = |bit: u32, d: &str| on(bit).then(|| d.to_string());
            let (name, url, description, language) = (
                text(0, "B12 & <you>"),
                text(1, "https://x/a/"),
                text(2, "d\"q\""),
                text(3, "en"),
            );
            let refs: Vec<(&str, Option<&str>)> = if on(4) {
                vec![
                    ("Study", Some("https://doi/1")),
                    ("", None),
                    ("Book", Some("")),
                ]
            } else {
                Vec::new()
            };
            let authors: Vec<&str> = if on(5) { vec!["Ann", ""] } else { Vec::new() };
            let reviewer = on(6).then_some("Dr. Lee");
            let (published, modified) = (date(7, "2024-01-02"), date(8, "2024-03-04"));
            let keywords = if on(2) {
                "a, b".to_string()
            } else {
                String::new()
            };

            let mut page =
                MedicalWebPage::new(name, url, organization("Site", "https://x/".into()));
            page.about = if on(3) {
                vec![Thing {
                    kind: "DietarySupplement",
                    name: "Mg",
                    url: "https://x/s/".into(),
                }]
            } else {
                Vec::new()
            };
            page.author = authors.iter().map(|a| person(a, None)).collect();
            page.citation = refs.iter().map(|&(n, u)| creative_work(n, u)).collect();
            page.date_modified = modified.clone();
            page.date_published = published.clone();
            page.description = description;
            page.in_language = language;
            let image = on(1).then(|| "https://x/i.png".to_string());
            page.image = image.clone();
            page.keywords = keywords.clone();
            page.last_reviewed = published.clone();
            page.reviewed_by = reviewer.map(|r| person(r, None));

            let about: Vec<Value> = page
                .about
                .iter()
                .map(|t| json!({"@type": t.kind, "name": t.name, "url": t.url}))
                .collect();
            let map = prune(json!({
                "@context": "https://schema.org",
                "@type": "MedicalWebPage",
                "name": name,
                "headline": name,
                "description": description,
                "url": url,
                "inLanguage": language,
                "image": image,
                "author": authors.iter().map(|a| person_map(a)).collect::<Vec<_>>(),
                "publisher": org_map("Site", "https://x/"),
                "reviewedBy": reviewer.map(person_map),
                "lastReviewed": published,
                "datePublished": published,
                "dateModified": modified,
                "about": about,
                "citation": refs.iter().map(|(n, u)| prune(json!({"@type": "CreativeWork", "name": n, "url": u}))).collect::<Vec<_>>(),
                "keywords": keywords,
            }));
            assert_eq!(Ld::of(&page).0, Ld::of(&map).0, "mask {mask:b}");
        }
        let faq = [
            ("Q <1>?".to_string(), "A & 1".to_string()),
            (String::new(), String::new()),
        ];
        let faq_map = json!({"@context": "https://schema.org", "@type": "FAQPage", "url": "u",
            "mainEntity": faq.iter().map(|(q, a)| json!({"@type": "Question", "name": q,
                "acceptedAnswer": {"@type": "Answer", "text": a}})).collect::<Vec<_>>()});
        let typed = faq_page("u", faq.iter().map(|(q, a)| (q.as_str(), a.as_str())));
        assert_eq!(typed.0, Ld::of(&faq_map).0);
        let trail = [
            ("Home".to_string(), "https://x/".to_string()),
            ("A".into(), "https://x/a/".into()),
        ];
        let trail_map = json!({"@context": "https://schema.org", "@type": "BreadcrumbList",
            "itemListElement": trail.iter().enumerate().map(|(i, (n, u))|
                json!({"@type": "ListItem", "position": i + 1, "name": n, "item": u})).collect::<Vec<_>>()});
        assert_eq!(breadcrumb_list(&trail).0, Ld::of(&trail_map).0);
        let listing = json!({"@context": "https://schema.org", "@type": "CollectionPage",
            "name": "Tags & <more>", "url": "https://x/tags/"});
        assert_eq!(
            web_page("CollectionPage", "Tags & <more>", "https://x/tags/").0,
            Ld::of(&listing).0
        );
    }

    #[test]
    fn script_cannot_be_closed_by_content() {
        let v = json!({"name": "</script><script>alert(1)</script>"});
        let html = scripts(&[Ld::of(&v)]);
        assert_eq!(html.matches("</script>").count(), 1, "{html}");
        let inner = html
            .trim_start_matches("<script type=\"application/ld+json\">")
            .trim_end()
            .trim_end_matches("</script>");
        let back: Value = serde_json::from_str(inner).unwrap_or(Value::Null);
        assert_eq!(back["name"], "</script><script>alert(1)</script>");
    }
}
