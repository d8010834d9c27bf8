//! Content strings are escaped everywhere: a hostile title, description or alias must come out
//! as text in HTML, inside JSON-LD (without closing its `<script>`), and in the feeds.

use crate::support::*;

const SCRIPT: &str = "<script>alert(1)</script>";
const IMG: &str = "\"><img src=x onerror=alert(1)>";

fn hostile_site() -> Site {
    let site = Site::new();
    site.file(
        "content/symptoms/tingling.yaml",
        &format!(
            "name: 'Tingling {SCRIPT}'\naliases: ['{}', '{}']\nsummary: '{}'\n",
            SCRIPT,
            IMG.replace('\'', "''"),
            IMG.replace('\'', "''")
        ),
    )
    .file(
        "content/supplements/zinc.yaml",
        &format!("name: 'Zinc {}'\nsummary: '{SCRIPT}'\n", IMG.replace('\'', "''")),
    )
    .article(
        "evil.md",
        &format!(
            "title: 'Evil {SCRIPT}'\ndescription: '{}'\ndate: 2024-01-01\nauthors: ['{SCRIPT}']\nreviewed_by: '{}'\nkeywords: ['{SCRIPT}', 'kw {}']\ntags: ['{}']\nsymptoms: [tingling]\nsupplements: [zinc]\nreferences:\n  - title: '{SCRIPT}'\n    url: 'https://example.org/?a=1&b=\"2\"'",
            IMG.replace('\'', "''"),
            IMG.replace('\'', "''"),
            IMG.replace('\'', "''"),
            IMG.replace('\'', "''")
        ),
        "## FAQ\n\nQ1: Is <b>this</b> safe?\n\nA1: Yes.\n",
    );
    site.build().assert_ok();
    site
}

#[test]
fn hostile_strings_never_appear_unescaped() {
    let site = hostile_site();
    let files = site.tree("public");
    assert!(files.len() > 10);
    for (path, bytes) in &files {
        let text = String::from_utf8_lossy(bytes);
        assert!(
            !text.contains("<script>alert"),
            "{path} holds a raw <script>:\n{text}"
        );
        assert!(
            !text.contains("<img src=x"),
            "{path} holds a raw <img>:\n{text}"
        );
        assert!(
            !text.contains("\"><img"),
            "{path} breaks out of an attribute"
        );
    }
}

#[test]
fn json_ld_keeps_hostile_strings_as_data() {
    let site = hostile_site();
    let html = site.read("articles/evil/index.html");
    // Every JSON-LD block must still parse, and hold the exact original strings.
    let page = json_ld_of(&html, "MedicalWebPage");
    assert_eq!(page["name"], format!("Evil {SCRIPT}"));
    assert_eq!(page["description"], IMG);
    assert_eq!(page["author"][0]["name"], SCRIPT);
    let symptom = site.read("symptoms/tingling/index.html");
    let ld = json_ld_of(&symptom, "MedicalSignOrSymptom");
    assert_eq!(ld["alternateName"][1], IMG);
    // The only closing script tags are those of the JSON-LD blocks themselves.
    let opened = html.matches("<script").count();
    assert_eq!(html.matches("</script>").count(), opened);
}

#[test]
fn html_shows_hostile_strings_as_text() {
    let site = hostile_site();
    let html = site.read("articles/evil/index.html");
    assert!(
        html.contains("Evil &lt;script&gt;alert(1)&lt;&#x2F;script&gt;")
            || html.contains("Evil &lt;script&gt;alert(1)&lt;/script&gt;"),
        "{html}"
    );
    let symptom = site.read("symptoms/tingling/index.html");
    assert!(
        symptom.contains("&quot;&gt;&lt;img src=x onerror=alert(1)&gt;"),
        "{symptom}"
    );
}

#[test]
fn feeds_escape_hostile_strings() {
    let site = hostile_site();
    for feed in ["atom.xml", "sitemap.xml"] {
        let xml = site.read(feed);
        roxmltree::Document::parse(&xml)
            .unwrap_or_else(|e| panic!("{feed} is not XML: {e}\n{xml}"));
    }
    let atom = site.read("atom.xml");
    let doc = roxmltree::Document::parse(&atom).unwrap();
    let title = doc
        .descendants()
        .find(|n| n.has_tag_name("entry"))
        .and_then(|e| e.children().find(|c| c.has_tag_name("title")))
        .and_then(|t| t.text())
        .unwrap();
    assert_eq!(title, format!("Evil {SCRIPT}"));
}

/// An author's `{#id}` on a heading is written into two attributes, the heading's `id` and
/// its anchor link's `href`: a quote in it must not end either and start an attribute of
/// its own.
#[test]
fn a_heading_id_stays_inside_its_attributes() {
    let site = Site::new();
    site.article(
        "nerves/ids.md",
        "title: Ids",
        "## Causes {#x\"onmouseover=alert(1)}\n\nText.\n",
    );
    site.build().assert_ok();
    let html = site.read("articles/nerves/ids/index.html");
    assert!(
        !html.contains("\"onmouseover"),
        "an attribute broke out:\n{html}"
    );
    assert!(
        html.contains("<h2 id=\"x&quot;onmouseover=alert(1)\">")
            && html.contains("href=\"#x&quot;onmouseover=alert(1)\""),
        "the id and the anchor should name the same fragment:\n{html}"
    );
}
