//! What a build writes: the URLs of the contract, cross-links, backlinks, FAQ and other
//! JSON-LD, feeds, drafts, redirects and determinism. Each test builds its own tiny site.

use crate::support::*;

const ARTICLE_URL: &str = "/articles/nerves/tingling-hands/";

/// The text of every cross-link (`<a class="xref …">`) to `href` in `html`, in order.
fn xrefs(html: &str, href: &str) -> Vec<String> {
    let wanted = format!("href=\"{href}\"");
    html.match_indices("<a ")
        .filter_map(|(at, _)| {
            let rest = &html[at..];
            let tag_end = rest.find('>')?;
            let tag = &rest[..tag_end];
            if !tag.contains("class=\"xref") || !tag.contains(&wanted) {
                return None;
            }
            let text = &rest[tag_end + 1..];
            Some(text[..text.find("</a>")?].to_string())
        })
        .collect()
}

/// The questions and answers of `html`'s FAQPage JSON-LD, in order.
#[track_caller]
fn faq_pairs(html: &str) -> Vec<(String, String)> {
    let text = |v: &serde_json::Value| v.as_str().unwrap_or_default().to_string();
    json_ld_of(html, "FAQPage")["mainEntity"]
        .as_array()
        .expect("mainEntity is a list")
        .iter()
        .map(|q| (text(&q["name"]), text(&q["acceptedAnswer"]["text"])))
        .collect()
}

/// Every cross-link in `html`, whatever its target.
fn all_xrefs(html: &str) -> usize {
    html.matches("class=\"xref").count()
}

/// Whether `html` has a link (of any class) to `href`.
fn links_to(html: &str, href: &str) -> bool {
    html.contains(&format!("href=\"{href}\""))
}

/// The part of `html` from the first occurrence of `marker` to the end of that `<section>`.
#[track_caller]
fn section_after<'a>(html: &'a str, marker: &str) -> &'a str {
    let start = html
        .find(marker)
        .unwrap_or_else(|| panic!("no {marker:?} in page"));
    let rest = &html[start..];
    &rest[..rest.find("</section>").unwrap_or(rest.len())]
}

/// A site with the paresthesia symptom and the vitamin B12 supplement.
fn site_with_records() -> Site {
    let site = Site::new();
    site.file("content/symptoms/paresthesia.yaml", SYMPTOM_PARESTHESIA)
        .file("content/supplements/b12.yaml", SUPPLEMENT_B12);
    site
}

#[test]
fn every_url_kind_of_the_contract_is_written() {
    let site = site_with_records();
    // Files a host reads at the top (GitHub Pages' CNAME, Netlify's _redirects and
    // _headers) are copied as they are, underscore and all.
    site.file("content/static/files/guide.txt", "a static guide\n")
        .file("content/static/CNAME", "kb.example.org\n")
        .file("content/static/_redirects", "/old-guide /files/guide.txt 301\n")
        .file("content/static/_headers", "/search/*\n  Cache-Control: max-age=600\n")
        .article(
            "nerves/tingling-hands.md",
            "title: Tingling hands\ndate: 2025-01-02\nkeywords: [nerve damage]\ntags: [Nerve Health]\naliases: [\"/old/tingling/\"]",
            "Pins and needles may come with low vitamin B12.\n",
        );
    site.build().assert_ok();

    for page in [
        "index.html",
        "articles/index.html",
        "articles/nerves/index.html",
        "articles/nerves/tingling-hands/index.html",
        "symptoms/index.html",
        "symptoms/paresthesia/index.html",
        "supplements/index.html",
        "supplements/b12/index.html",
        "keywords/index.html",
        "keywords/nerve-damage/index.html",
        "tags/index.html",
        "tags/nerve-health/index.html",
        "search/index.html",
        "404.html",
        "sitemap.xml",
        "atom.xml",
        "robots.txt",
        "style.css",
        "old/tingling/index.html",
    ] {
        assert!(site.exists(page), "{page} was not written");
    }
    assert_eq!(site.read("files/guide.txt"), "a static guide\n");
    assert_eq!(site.read("CNAME"), "kb.example.org\n");
    assert_eq!(site.read("_redirects"), "/old-guide /files/guide.txt 301\n");
    assert_eq!(
        site.read("_headers"),
        "/search/*\n  Cache-Control: max-age=600\n"
    );
    assert!(
        site.read("robots.txt")
            .contains("Sitemap: https://example.org/sitemap.xml"),
        "robots.txt should point at the sitemap"
    );
}

/// A site built for a reserved example address (the `https://example.org` that `init`
/// writes) is told so under the summary, since its canonical URLs, sitemap and feed would
/// lead nowhere once deployed; a real address, given in site.toml or by `--base-url`, is
/// not, and `--quiet` and `check` say nothing of it.
#[test]
fn a_build_for_an_example_address_says_to_set_the_real_one() {
    let site = Site::new();
    site.article("a.md", "title: Alone", "One article.\n");
    let built = site.build();
    built.assert_ok();
    let lines: Vec<&str> = built.stderr.lines().collect();
    assert_eq!(lines.len(), 2, "{}", built.stderr);
    assert!(lines[0].starts_with("Built "), "{}", built.stderr);
    assert!(
        lines[1].starts_with("note: canonical URLs, the sitemap and the feed point at https://example.org, an example address; set `base_url` in site.toml, or build with `--base-url URL`"),
        "{}",
        built.stderr
    );
    let preview = site.build_with(&["--base-url", "https://preview.example.net/kb/"]);
    assert!(
        preview
            .stderr
            .contains("point at https://preview.example.net/kb,"),
        "{}",
        preview.stderr
    );
    assert_eq!(site.build_with(&["--quiet"]).stderr, "");
    let root = site.root().to_string_lossy().into_owned();
    assert!(!site
        .run(&["check", "--root", &root])
        .stderr
        .contains("note:"));
    site.file(
        "site.toml",
        "title = \"Test Health\"\nbase_url = \"https://kb.clinic-health.net\"\n",
    );
    let real = site.build();
    assert_eq!(real.stderr.lines().count(), 1, "{}", real.stderr);
}

/// Every build and check ends with a one-line summary of what it did, counted in words
/// that agree with the numbers; `--quiet` silences it.
#[test]
fn build_and_check_end_with_a_summary_that_quiet_silences() {
    let site = Site::new();
    site.article("a.md", "title: Alone", "One article.\n");
    let built = site.build_with(&["--base-url", "https://kb.clinic-health.net/"]);
    built.assert_ok();
    let files = crate::support::tree(&site.path("public")).len();
    let lines: Vec<&str> = built.stderr.lines().collect();
    assert_eq!(lines.len(), 1, "{}", built.stderr);
    let summary = format!("Built {files} files (1 article, 0 symptoms, 0 supplements) into ");
    assert!(lines[0].starts_with(&summary), "{:?}", lines[0]);
    assert!(
        lines[0].ends_with('s'),
        "ends with the time taken: {:?}",
        lines[0]
    );
    assert_eq!(site.build_with(&["--quiet"]).stderr, "");
    let root = site.root().to_string_lossy().into_owned();
    let checked = site.run(&["check", "--root", &root]);
    assert!(
        checked
            .stderr
            .starts_with("Checked 1 article, 0 symptoms and 0 supplements in "),
        "{}",
        checked.stderr
    );
    assert!(checked.stderr.trim_end().ends_with(": no errors"));
    assert_eq!(site.run(&["check", "--root", &root, "-q"]).stderr, "");
}

/// An e-mail address: `<name@host>` is a `mailto:` link, which the build accepts, and a
/// term inside an address written as text is not a mention.
#[test]
fn e_mail_addresses_link_by_mailto_and_are_not_cross_linked() {
    let site = site_with_records();
    site.article(
        "contact.md",
        "title: Contact",
        "Write to <editor@health.example> or paresthesia.clinic@nhs.example about paresthesia.\n",
    );
    site.build().assert_ok();
    let html = site.read("articles/contact/index.html");
    assert!(
        html.contains("<a href=\"mailto:editor@health.example\">editor@health.example</a>"),
        "{html}"
    );
    assert_eq!(
        xrefs(&html, "/symptoms/paresthesia/"),
        ["paresthesia"],
        "{html}"
    );
    assert!(
        html.contains(" paresthesia.clinic@nhs.example about "),
        "{html}"
    );
}

#[test]
fn list_pages_link_to_their_articles() {
    let site = site_with_records();
    site.article(
        "nerves/tingling-hands.md",
        "title: Tingling hands\nkeywords: [nerve damage]\ntags: [Nerve Health]",
        "Plain text.\n",
    );
    site.build().assert_ok();

    for page in [
        "index.html",
        "articles/nerves/index.html",
        "keywords/nerve-damage/index.html",
        "tags/nerve-health/index.html",
    ] {
        assert!(
            links_to(&site.read(page), ARTICLE_URL),
            "{page} does not link to the article"
        );
    }
    assert!(links_to(
        &site.read("articles/index.html"),
        "/articles/nerves/"
    ));
    assert!(links_to(
        &site.read("keywords/index.html"),
        "/keywords/nerve-damage/"
    ));
    assert!(links_to(
        &site.read("tags/index.html"),
        "/tags/nerve-health/"
    ));
    assert!(links_to(
        &site.read("symptoms/index.html"),
        "/symptoms/paresthesia/"
    ));
    assert!(links_to(
        &site.read("supplements/index.html"),
        "/supplements/b12/"
    ));
}

#[test]
fn symptom_alias_is_linked_once_however_often_it_is_mentioned() {
    let site = site_with_records();
    site.article(
        "nerves/tingling-hands.md",
        "title: Tingling hands",
        "Pins and needles start in the feet. Later, pins and needles spread.\n\n\
         PINS AND NEEDLES at night, and some tingling too.\n",
    );
    site.build().assert_ok();

    let html = site.read("articles/nerves/tingling-hands/index.html");
    assert_eq!(
        xrefs(article_body(&html), "/symptoms/paresthesia/"),
        ["Pins and needles"],
        "only the first mention of the symptom (under any of its names) is linked"
    );
}

#[test]
fn terms_in_headings_links_and_code_are_not_linked() {
    let site = site_with_records();
    site.article(
        "nerves/tingling-hands.md",
        "title: Tingling hands",
        "## When tingling starts\n\n\
         See [tingling explained](https://elsewhere.example/) and `tingling`.\n\n\
         ```text\ntingling\n```\n\n\
         Tingling, finally, in plain text.\n",
    );
    site.build().assert_ok();

    let html = site.read("articles/nerves/tingling-hands/index.html");
    let body = article_body(&html);
    assert_eq!(
        xrefs(body, "/symptoms/paresthesia/"),
        ["Tingling"],
        "only the plain mention after the heading, link and code is linked:\n{body}"
    );
    assert_eq!(all_xrefs(body), 1, "{body}");
    assert!(body.contains("<a href=\"https://elsewhere.example/\">tingling explained</a>"));
    assert!(body.contains("<code>tingling</code>"));
}

#[test]
fn term_inside_a_raw_html_link_is_not_linked() {
    let site = site_with_records();
    site.article(
        "nerves/tingling-hands.md",
        "title: Tingling hands",
        "See <a href=\"https://elsewhere.example/\">tingling</a>. Then pins and needles.\n",
    );
    site.build().assert_ok();

    let html = site.read("articles/nerves/tingling-hands/index.html");
    let body = article_body(&html);
    assert!(
        body.contains("<a href=\"https://elsewhere.example/\">tingling</a>"),
        "a cross-link was nested inside the author's own <a>:\n{body}"
    );
    assert_eq!(xrefs(body, "/symptoms/paresthesia/"), ["pins and needles"]);
}

#[test]
fn term_inside_raw_html_code_is_not_linked() {
    let site = site_with_records();
    site.article(
        "nerves/tingling-hands.md",
        "title: Tingling hands",
        "Type <code>tingling</code> in the box. Then pins and needles.\n",
    );
    site.build().assert_ok();

    let html = site.read("articles/nerves/tingling-hands/index.html");
    let body = article_body(&html);
    assert!(
        body.contains("<code>tingling</code>"),
        "a cross-link was put inside the author's <code>:\n{body}"
    );
    assert_eq!(xrefs(body, "/symptoms/paresthesia/"), ["pins and needles"]);
}

#[test]
fn terms_match_whole_words_only() {
    let site = site_with_records();
    site.article(
        "nerves/tingling-hands.md",
        "title: Tingling hands",
        "Tinglingness and retingling are not words. Tingling is.\n",
    );
    site.build().assert_ok();

    let html = site.read("articles/nerves/tingling-hands/index.html");
    assert_eq!(
        xrefs(article_body(&html), "/symptoms/paresthesia/"),
        ["Tingling"]
    );
}

#[test]
fn longest_term_wins() {
    let site = site_with_records();
    site.article(
        "nerves/tingling-hands.md",
        "title: Tingling hands\nkeywords: [vitamin B12 deficiency]",
        "A vitamin B12 deficiency can cause it. Vitamin B12 helps.\n",
    );
    site.build().assert_ok();

    let html = site.read("articles/nerves/tingling-hands/index.html");
    let body = article_body(&html);
    assert_eq!(
        xrefs(body, "/keywords/vitamin-b12-deficiency/"),
        ["vitamin B12 deficiency"]
    );
    assert_eq!(xrefs(body, "/supplements/b12/"), ["Vitamin B12"]);
    assert!(body.contains("class=\"xref xref-keyword\""));
    assert!(body.contains("class=\"xref xref-supplement\""));
}

#[test]
fn record_name_beats_an_equal_keyword() {
    let site = site_with_records();
    site.article(
        "nerves/tingling-hands.md",
        "title: Tingling hands\nkeywords: [tingling]",
        "Tingling in the hands.\n",
    );
    site.build().assert_ok();

    let html = site.read("articles/nerves/tingling-hands/index.html");
    let body = article_body(&html);
    assert_eq!(xrefs(body, "/symptoms/paresthesia/"), ["Tingling"]);
    assert!(xrefs(body, "/keywords/tingling/").is_empty(), "{body}");
}

#[test]
fn symptom_page_lists_the_articles_that_mention_it() {
    let site = site_with_records();
    site.article(
        "nerves/tingling-hands.md",
        "title: Tingling hands",
        "Pins and needles in the hands.\n",
    )
    .article("diet/eggs.md", "title: Eggs", "Eggs are food.\n");
    site.build().assert_ok();

    let html = site.read("symptoms/paresthesia/index.html");
    assert!(links_to(&html, ARTICLE_URL), "backlink missing:\n{html}");
    assert!(
        !links_to(&html, "/articles/diet/eggs/"),
        "an article that does not mention the symptom is listed"
    );
}

#[test]
fn symptom_page_lists_articles_naming_it_in_front_matter_only() {
    let site = site_with_records();
    site.article(
        "nerves/numb-feet.md",
        "title: Numb feet\nsymptoms: [paresthesia]",
        "Nothing in the text names it.\n",
    );
    site.build().assert_ok();

    let html = site.read("symptoms/paresthesia/index.html");
    assert!(
        links_to(&html, "/articles/nerves/numb-feet/"),
        "backlink from front matter missing:\n{html}"
    );
    let page = site.read("articles/nerves/numb-feet/index.html");
    assert!(
        links_to(
            section_after(&page, "Symptoms in this article"),
            "/symptoms/paresthesia/"
        ),
        "the article lists its symptom"
    );
}

#[test]
fn supplement_page_lists_articles_mentioning_one_of_its_aliases() {
    let site = site_with_records();
    site.article("diet/eggs.md", "title: Eggs", "Eggs hold some cobalamin.\n");
    site.build().assert_ok();

    let html = site.read("supplements/b12/index.html");
    assert!(links_to(&html, "/articles/diet/eggs/"), "{html}");
    let article = site.read("articles/diet/eggs/index.html");
    assert!(links_to(
        section_after(&article, "Supplements in this article"),
        "/supplements/b12/"
    ));
}

/// A keyword or tag with no letter or digit has no URL to live at: the build says so,
/// naming the file, and goes on without it.
#[test]
fn keyword_or_tag_without_a_word_is_left_out_with_a_warning() {
    let site = Site::new();
    site.article(
        "nerves/a.md",
        "title: A\nkeywords: ['???', nerve damage]\ntags: ['—']",
        "Text.\n",
    );
    site.build().assert_ok_saying(&[
        "warning: keyword `???` has no letter or digit to make its page's URL of, and is left out\n  --> content/articles/nerves/a.md:3:",
        "warning: tag `—` has no letter or digit to make its page's URL of, and is left out\n  --> content/articles/nerves/a.md:4:",
    ]);
    assert!(site.exists("keywords/nerve-damage/index.html"));
    let html = site.read("articles/nerves/a/index.html");
    assert!(
        !html.contains("???") && !html.contains("/keywords//"),
        "{html}"
    );
}

/// A review or a change dated after today, or a change before publication, is reported
/// with its line; the page is still built.
#[test]
fn dates_that_cannot_be_right_are_warned_about() {
    let site = Site::new();
    site.article(
        "nerves/a.md",
        "title: A\ndate: 2025-03-01\nupdated: 2024-03-01\nreviewed_by: Dr R\nreviewed_on: 2999-01-01",
        "Text.\n",
    )
    .article(
        "nerves/b.md",
        "title: B\ndate: 2025-03-01\nupdated: 2025-04-01\nreviewed_on: 2025-04-02",
        "Text.\n",
    );
    let run = site.build();
    run.assert_ok_saying(&[
        "warning: `updated` (2024-03-01) is before `date` (2025-03-01)\n  --> content/articles/nerves/a.md:4:",
        "warning: `reviewed_on` is 2999-01-01, after today (",
        "--> content/articles/nerves/a.md:6:",
    ]);
    assert!(!run.stderr.contains("nerves/b.md"), "{}", run.stderr);
    assert!(site.exists("articles/nerves/a/index.html"));
}

#[test]
fn keyword_page_lists_articles_that_mention_the_keyword() {
    let site = Site::new();
    site.article(
        "nerves/a.md",
        "title: A\nkeywords: [nerve damage]",
        "Text.\n",
    )
    .article("nerves/b.md", "title: B", "Nerve damage is slow to heal.\n")
    .article("diet/eggs.md", "title: Eggs", "Eggs are food.\n");
    site.build().assert_ok();

    let b = site.read("articles/nerves/b/index.html");
    assert_eq!(
        xrefs(article_body(&b), "/keywords/nerve-damage/"),
        ["Nerve damage"]
    );
    let html = site.read("keywords/nerve-damage/index.html");
    assert!(
        links_to(&html, "/articles/nerves/a/"),
        "front matter keyword"
    );
    assert!(
        links_to(&html, "/articles/nerves/b/"),
        "mention in the body"
    );
    assert!(!links_to(&html, "/articles/diet/eggs/"));
}

/// A keyword that is also a symptom's alias: mentions link to the symptom, and the keyword
/// page still lists every article that mentions it.
#[test]
fn keyword_page_lists_mentions_of_a_term_a_record_also_names() {
    let site = site_with_records();
    site.article("nerves/a.md", "title: A\nkeywords: [tingling]", "Text.\n")
        .article("nerves/b.md", "title: B", "Tingling in the feet.\n")
        .article("nerves/c.md", "title: C", "Pins and needles.\n");
    site.build().assert_ok();

    let b = site.read("articles/nerves/b/index.html");
    assert_eq!(
        xrefs(article_body(&b), "/symptoms/paresthesia/"),
        ["Tingling"]
    );
    let html = site.read("keywords/tingling/index.html");
    assert!(
        links_to(&html, "/articles/nerves/a/"),
        "front matter keyword"
    );
    assert!(
        links_to(&html, "/articles/nerves/b/"),
        "the term in the body"
    );
    assert!(
        !links_to(&html, "/articles/nerves/c/"),
        "another name of the symptom is not the keyword"
    );
}

#[test]
fn symptom_page_json_ld_is_a_medical_sign_or_symptom_with_aliases() {
    let site = site_with_records();
    site.article(
        "nerves/tingling-hands.md",
        "title: Tingling hands",
        "Tingling.\n",
    );
    site.build().assert_ok();

    let ld = json_ld_of(
        &site.read("symptoms/paresthesia/index.html"),
        "MedicalSignOrSymptom",
    );
    assert_eq!(ld["name"], "Paresthesia");
    assert_eq!(
        ld["alternateName"],
        serde_json::json!(["pins and needles", "tingling"])
    );
    assert_eq!(ld["url"], "https://example.org/symptoms/paresthesia/");
}

#[test]
fn supplement_page_json_ld_is_a_dietary_supplement() {
    let site = site_with_records();
    site.build().assert_ok();

    let ld = json_ld_of(
        &site.read("supplements/b12/index.html"),
        "DietarySupplement",
    );
    assert_eq!(ld["name"], "Vitamin B12");
    assert_eq!(ld["alternateName"], serde_json::json!(["cobalamin"]));
    assert_eq!(ld["url"], "https://example.org/supplements/b12/");
}

#[test]
fn record_description_is_cross_linked_except_to_its_own_page() {
    let site = Site::new();
    site.file(
        "content/symptoms/paresthesia.yaml",
        "name: Paresthesia\naliases: [tingling]\n\
         description: Often felt with low cobalamin. Tingling is the main sign.\n",
    )
    .file("content/supplements/b12.yaml", SUPPLEMENT_B12);
    site.build().assert_ok();

    let html = site.read("symptoms/paresthesia/index.html");
    assert_eq!(xrefs(&html, "/supplements/b12/"), ["cobalamin"]);
    assert!(
        xrefs(&html, "/symptoms/paresthesia/").is_empty(),
        "a record page links its own term:\n{html}"
    );
}

/// Bare web addresses in text are links, as GitHub and Hugo make them (a health post's
/// sources are often written so), ending where the sentence goes on; a bare address of a
/// product page is a reference to its supplement. Code and existing links stay as they are.
#[test]
fn bare_web_addresses_are_links_and_count_as_references() {
    let site = site_with_records();
    site.article(
        "diet/sources.md",
        "title: Sources",
        "Buy at https://shop.example/collections/b12. Read www.nhs.uk/b12, or \
         (https://en.wikipedia.org/wiki/Cobalamin_(vitamin)).\n\n\
         Not `https://in.code/` nor [a link to https://x.example/](https://x.example/).\n",
    );
    site.build().assert_ok();
    let html = site.read("articles/diet/sources/index.html");
    let body = article_body(&html);
    // The texts of the body's links to `href`.
    let anchors = |href: &str| -> Vec<&str> {
        let open = format!("<a href=\"{href}\">");
        body.match_indices(&open)
            .filter_map(|(at, _)| {
                let text = &body[at + open.len()..];
                Some(&text[..text.find("</a>")?])
            })
            .collect()
    };
    for (href, text) in [
        (
            "https://shop.example/collections/b12",
            "https://shop.example/collections/b12",
        ),
        ("https://www.nhs.uk/b12", "www.nhs.uk/b12"),
        (
            "https://en.wikipedia.org/wiki/Cobalamin_(vitamin)",
            "https://en.wikipedia.org/wiki/Cobalamin_(vitamin)",
        ),
    ] {
        assert_eq!(anchors(href), [text], "{href} in:\n{body}");
    }
    assert!(body.contains("<code>https://in.code/</code>"), "{body}");
    assert_eq!(
        anchors("https://x.example/"),
        ["a link to https://x.example/"]
    );
    assert!(links_to(
        &site.read("supplements/b12/index.html"),
        "/articles/diet/sources/"
    ));
}

/// A closing "References" section of citations is the article's references when front
/// matter has none: numbered under the article and cited in its JSON-LD, as front matter's
/// are. With front matter references the section stays as written. A citation's script
/// link is an error at its line.
#[test]
fn a_closing_references_section_is_the_articles_references() {
    let site = Site::new();
    let section = "## References\n\n\
                   1. NHS. Vitamin B12 deficiency. https://www.nhs.uk/b12/\n\
                   2. [NIH: Vitamin B12](https://ods.od.nih.gov/b12/)\n";
    site.article("a.md", "title: Cited", &format!("Text.\n\n{section}"))
        .article(
            "b.md",
            "title: Both\nreferences:\n  - title: Front\n    url: https://front.example/",
            &format!("Text.\n\n{section}"),
        );
    site.build().assert_ok();
    let html = site.read("articles/a/index.html");
    let citations: Vec<(String, String)> = json_ld_of(&html, "MedicalWebPage")["citation"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            let text = |k: &str| c[k].as_str().unwrap().to_string();
            (text("name"), text("url"))
        })
        .collect();
    assert_eq!(
        citations,
        [
            (
                "NHS. Vitamin B12 deficiency.".to_string(),
                "https://www.nhs.uk/b12/".to_string()
            ),
            (
                "NIH: Vitamin B12".to_string(),
                "https://ods.od.nih.gov/b12/".to_string()
            ),
        ]
    );
    let listed = section_after(&html, "id=\"article-references\"");
    assert!(
        listed.contains(">NHS. Vitamin B12 deficiency.</a>"),
        "{listed}"
    );
    assert!(
        !article_body(&html).contains("id=\"references\""),
        "the section is not in the body too"
    );
    let both = site.read("articles/b/index.html");
    assert!(
        article_body(&both).contains("id=\"references\""),
        "left as written"
    );
    let cited = json_ld_of(&both, "MedicalWebPage")["citation"].clone();
    assert_eq!(cited.as_array().unwrap().len(), 1, "{cited}");

    site.article(
        "c.md",
        "title: Script",
        "Text.\n\n## Sources\n\n- [Click](javascript:alert(1))\n",
    );
    let failed = site.build();
    failed.assert_failed();
    assert!(failed.stderr.contains("c.md:8:3"), "{}", failed.stderr);
}

#[test]
fn link_to_a_supplement_product_url_counts_as_a_reference() {
    let site = site_with_records();
    site.article(
        "diet/shopping.md",
        "title: Shopping",
        "Buy [a bottle](https://shop.example/collections/b12) if your doctor agrees.\n",
    )
    .article("diet/eggs.md", "title: Eggs", "Eggs are food.\n");
    site.build().assert_ok();

    let supplement = site.read("supplements/b12/index.html");
    assert!(
        links_to(&supplement, "/articles/diet/shopping/"),
        "the supplement page does not list the article:\n{supplement}"
    );
    assert!(!links_to(&supplement, "/articles/diet/eggs/"));

    let html = site.read("articles/diet/shopping/index.html");
    let page = json_ld_of(&html, "MedicalWebPage");
    let about = page["about"].as_array().expect("about is a list");
    assert!(
        about
            .iter()
            .any(|a| a["@type"] == "DietarySupplement" && a["name"] == "Vitamin B12"),
        "about: {about:?}"
    );
    assert!(html.contains("product pages"), "no disclosure note");
    assert!(
        !site
            .read("articles/diet/eggs/index.html")
            .contains("product pages"),
        "the disclosure shows on an article without product links"
    );
}

#[test]
fn numbered_faq_becomes_faq_page_json_ld() {
    let site = Site::new();
    site.article(
        "nerves/faq.md",
        "title: Questions",
        "Intro text.\n\n\
         ## Frequently asked questions\n\n\
         Q1: What is paresthesia?\nA1: A feeling of pins and needles.\n\n\
         Q2: Is it serious?\nA2: Sometimes; ask a doctor.\n",
    );
    site.build().assert_ok();

    let html = site.read("articles/nerves/faq/index.html");
    assert!(html.contains("<section class=\"faq\">"));
    let faq = json_ld_of(&html, "FAQPage");
    let questions = faq["mainEntity"].as_array().expect("mainEntity is a list");
    assert_eq!(questions.len(), 2, "{faq}");
    assert_eq!(questions[0]["@type"], "Question");
    assert_eq!(questions[0]["name"], "What is paresthesia?");
    assert_eq!(
        questions[0]["acceptedAnswer"]["text"],
        "A feeling of pins and needles."
    );
    assert_eq!(questions[1]["name"], "Is it serious?");
    assert_eq!(
        questions[1]["acceptedAnswer"]["text"],
        "Sometimes; ask a doctor."
    );
}

#[test]
fn heading_faq_becomes_faq_page_json_ld() {
    let site = site_with_records();
    site.article(
        "nerves/faq.md",
        "title: Questions",
        "## Causes\n\n### Low B12\n\nNot a question.\n\n\
         ## FAQ\n\n\
         ### What is it?\n\nA feeling of tingling.\n\n\
         ### Why?\n\nBecause.\n\nMore because.\n\n\
         ## See also\n\nOther pages.\n",
    );
    site.build().assert_ok();

    let html = site.read("articles/nerves/faq/index.html");
    assert!(html.contains("<section class=\"faq\">"));
    let faq = json_ld_of(&html, "FAQPage");
    let questions = faq["mainEntity"].as_array().expect("mainEntity is a list");
    assert_eq!(questions.len(), 2, "{faq}");
    assert_eq!(questions[0]["name"], "What is it?");
    assert_eq!(
        questions[0]["acceptedAnswer"]["text"], "A feeling of tingling.",
        "the answer text is plain text, without the cross-link markup"
    );
    assert_eq!(questions[1]["name"], "Why?");
    let second = questions[1]["acceptedAnswer"]["text"]
        .as_str()
        .expect("answer text");
    assert!(
        second.starts_with("Because.") && second.contains("More because."),
        "{second:?}"
    );
    assert!(!second.contains("Other pages"), "{second:?}");
}

/// Posts often set the Q&A markers in bold, around the marker alone or the whole question;
/// either way the FAQ is read, with the questions as text, not bold inside their headings.
#[test]
fn faq_markers_in_bold_are_read() {
    let site = Site::new();
    site.article(
        "nerves/faq.md",
        "title: Questions",
        "Intro text.\n\n## Q&A\n\n\
         **Q1:** What are the first signs?\nA1: Tingling in the feet.\n\n\
         **Q2: Can it be *fully* reversed?**\n**A2:** Yes, if caught early.\n\n\
         **Q3: Who is at risk** of it?\nA3: Older adults.\n",
    );
    site.build().assert_ok();
    let html = site.read("articles/nerves/faq/index.html");
    let pairs = faq_pairs(&html);
    let names: Vec<&str> = pairs.iter().map(|(q, _)| q.as_str()).collect();
    assert_eq!(
        names,
        [
            "What are the first signs?",
            "Can it be fully reversed?",
            "Who is at risk of it?"
        ]
    );
    assert_eq!(pairs[1].1, "Yes, if caught early.");
    let questions: Vec<&str> = html
        .match_indices("class=\"faq-q\">")
        .map(|(at, m)| {
            let rest = &html[at + m.len()..];
            &rest[..rest.find(" <a class=\"anchor\"").expect("anchor")]
        })
        .collect();
    assert_eq!(
        questions,
        [
            "What are the first signs?",
            "Can it be <em>fully</em> reversed?",
            "<strong>Who is at risk</strong> of it?"
        ]
    );
}

/// Other ways blogs write an FAQ: each question a bold paragraph, or `Q.`/`A.` markers. The
/// text before the first question introduces the FAQ and stays on the page (it was
/// dropped).
#[test]
fn faq_with_bold_paragraph_questions_or_dotted_markers_is_read() {
    let site = Site::new();
    site.article(
        "nerves/bold.md",
        "title: Bold",
        "Intro.\n\n## Frequently asked questions\n\nReaders often ask these.\n\n\
         **What is B12?**\n\nA vitamin.\n\n**Who needs more?**\n\nOlder adults.\n\nAnd vegans.\n\n\
         ## Other\n\nText.\n",
    )
    .article(
        "nerves/dotted.md",
        "title: Dotted",
        "Intro.\n\n## FAQ\n\nQ. What is B12?\nA. A vitamin.\n\nQ. Who needs more?\nA. Older adults.\n",
    )
    .article(
        "nerves/headed.md",
        "title: Headed",
        "Intro.\n\n## FAQ\n\nReaders often ask these.\n\n### What is B12?\n\nA vitamin.\n",
    )
    .article(
        "nerves/tight.md",
        "title: Tight",
        "Intro.\n\n## FAQ\n\n**What is B12?**\nA *vitamin*.\n\n**Is it safe?** Yes, at usual doses.\n\n\
         More on that.\n\n**Anything else?**\n\nNo.\n",
    );
    site.build().assert_ok();
    let faq_of = |page: &str| {
        let html = site.read(&format!("articles/nerves/{page}/index.html"));
        let pairs = faq_pairs(&html);
        (html, pairs)
    };
    let (html, pairs) = faq_of("bold");
    assert_eq!(pairs[0], ("What is B12?".into(), "A vitamin.".into()));
    assert_eq!(pairs[1].0, "Who needs more?");
    assert!(pairs[1].1.contains("Older adults.") && pairs[1].1.contains("And vegans."));
    assert_eq!(pairs.len(), 2);
    assert!(
        section_after(&html, "<section class=\"faq\"").contains("<p>Readers often ask these.</p>")
    );
    let (_, pairs) = faq_of("dotted");
    assert_eq!(
        pairs,
        [
            ("What is B12?".into(), "A vitamin.".into()),
            ("Who needs more?".into(), "Older adults.".into())
        ]
    );
    // The answer on the question's next line, or on its line, as in a paragraph of its own.
    let (html, pairs) = faq_of("tight");
    assert_eq!(
        pairs,
        [
            ("What is B12?".into(), "A vitamin.".into()),
            (
                "Is it safe?".into(),
                "Yes, at usual doses.\nMore on that.".into()
            ),
            ("Anything else?".into(), "No.".into())
        ]
    );
    assert!(html.contains("<p>A <em>vitamin</em>.</p>"), "{html}");
    let (html, pairs) = faq_of("headed");
    assert_eq!(pairs, [("What is B12?".into(), "A vitamin.".into())]);
    assert!(
        section_after(&html, "<section class=\"faq\"").contains("<p>Readers often ask these.</p>")
    );
}

/// An FAQ whose questions are plain lines ending with "?", each followed by its answer, as
/// posts often write them, in Markdown and pasted as a post: it had no FAQ block and no
/// `FAQPage`. A section where a "question" has no answer is left as written.
#[test]
fn faq_with_plain_question_lines_is_read() {
    let site = Site::new();
    site.article(
        "nerves/plain.md",
        "title: Plain",
        "Intro.\n\n## FAQ\n\nWhat is B12?\n\nA vitamin.\n\nWho needs more?\n\nOlder adults.\n\nAnd vegans.\n",
    )
    .article(
        "nerves/pasted.md",
        "title: Pasted",
        "Introduction\nB12 is a vitamin that keeps nerves working. Low levels cause tingling.\n\
         Frequently Asked Questions\nWhat is B12?\nA vitamin.\nWho needs more?\nOlder adults.\n",
    )
    .article(
        "nerves/unanswered.md",
        "title: Unanswered",
        "Intro.\n\n## FAQ\n\nWhat is B12?\n\nA vitamin.\n\nAny more questions?\n",
    );
    site.build().assert_ok();
    let read = |page: &str| site.read(&format!("articles/nerves/{page}/index.html"));
    let html = read("plain");
    let pairs = faq_pairs(&html);
    assert_eq!(pairs.len(), 2, "{pairs:?}");
    assert_eq!(pairs[0], ("What is B12?".into(), "A vitamin.".into()));
    assert!(pairs[1].1.contains("Older adults.") && pairs[1].1.contains("And vegans."));
    assert_eq!(
        json_ld_of(&html, "FAQPage")["mainEntity"]
            .as_array()
            .map(Vec::len),
        Some(2)
    );
    assert_eq!(
        faq_pairs(&read("pasted")),
        [
            ("What is B12?".into(), "A vitamin.".into()),
            ("Who needs more?".into(), "Older adults.".into())
        ]
    );
    let html = read("unanswered");
    assert!(!html.contains("FAQPage") && !html.contains("class=\"faq\""));
    assert!(article_body(&html).contains("<p>Any more questions?</p>"));
}

/// Closing keywords written as "Keywords: a, b" or as a list under a "Keywords" heading are
/// the article's keywords when its front matter has none; a closing paragraph that merely
/// starts with the word, and a glossary of definitions under such a heading, are not.
#[test]
fn closing_keywords_as_a_labelled_line_or_a_list_are_read() {
    let site = Site::new();
    site.article("nerves/line.md", "title: Line", "Text.\n\nKeywords: nerve health, B12 tests\n")
        .article(
            "nerves/list.md",
            "title: List",
            "Text.\n\n## Keywords\n\n- nerve health\n- folate levels\n",
        )
        .article(
            "nerves/prose.md",
            "title: Prose",
            "Text.\n\nKeywords are how readers find pages, and matter.\n",
        )
        .article(
            "nerves/glossary.md",
            "title: Glossary",
            "Text.\n\n## Keywords\n\n- B12: a vitamin the body needs to make red blood cells and myelin\n",
        );
    site.build().assert_ok();
    let keywords = |page: &str| {
        let html = site.read(&format!("articles/nerves/{page}/index.html"));
        html.match_indices("href=\"/keywords/")
            .map(|(at, m)| {
                let rest = &html[at + m.len()..];
                rest[..rest.find('"').expect("link ends")].to_string()
            })
            // Not the main menu's link to the keyword index.
            .filter_map(|slug| {
                slug.strip_suffix('/')
                    .filter(|s| !s.is_empty())
                    .map(String::from)
            })
            .collect::<std::collections::BTreeSet<_>>()
    };
    assert_eq!(
        keywords("line"),
        ["b12-tests", "nerve-health"].map(String::from).into()
    );
    assert_eq!(
        keywords("list"),
        ["folate-levels", "nerve-health"].map(String::from).into()
    );
    assert!(keywords("prose").is_empty());
    assert!(keywords("glossary").is_empty());
    assert!(site
        .read("articles/nerves/glossary/index.html")
        .contains("a vitamin the body needs"));
}

#[test]
fn qa_heading_faq_ends_before_the_important_keywords_paragraph() {
    let site = Site::new();
    site.article(
        "nerves/faq.md",
        "title: Questions",
        "Intro text.\n\n## Q&A\n\n\
         Q1: What are the first signs?\nA1: Tingling in the feet.\n\n\
         Q2: Can it be reversed?\nA2: Yes, if caught early.\n\n\
         Important Keywords\nNerve damage, early signs.\n",
    );
    site.build().assert_ok();

    assert_two_questions_and_keywords(&site);
}

/// The FAQ and keywords of the test above and the one below.
fn assert_two_questions_and_keywords(site: &Site) {
    let faq = json_ld_of(&site.read("articles/nerves/faq/index.html"), "FAQPage");
    let questions = faq["mainEntity"].as_array().expect("mainEntity is a list");
    assert_eq!(questions.len(), 2, "{faq}");
    assert_eq!(questions[1]["name"], "Can it be reversed?");
    assert_eq!(
        questions[1]["acceptedAnswer"]["text"],
        "Yes, if caught early."
    );
    assert!(site.exists("keywords/nerve-damage/index.html"));
    assert!(site.exists("keywords/early-signs/index.html"));
}

/// Markdown whose FAQ title and keywords label are paragraphs of their own, as when a post
/// is pasted into Markdown: still the FAQ (its title made a heading) and the keywords.
#[test]
fn faq_titled_by_a_paragraph_and_keywords_labelled_by_one_are_read() {
    let site = Site::new();
    site.article(
        "nerves/faq.md",
        "title: Questions",
        "## Causes\n\nLow B12 is one cause,\nwrapped over two lines.\n\n\
         Q&A Section\n\n\
         Q1: What are the first signs?\n\nA1: Tingling in the feet.\n\n\
         Q2: Can it be reversed?\n\nA2: Yes, if caught early.\n\n\
         ### See also\n\nOther pages.\n\n\
         Important Keywords\n\nNerve damage, early signs.\n",
    );
    site.build().assert_ok();

    assert_two_questions_and_keywords(&site);
    let html = site.read("articles/nerves/faq/index.html");
    assert!(
        html.contains("<h2 id=\"q-a-section\">Q&amp;A Section <a class=\"anchor\""),
        "{html}"
    );
    assert!(
        html.contains("href=\"#q-a-section\""),
        "not in the contents"
    );
    assert!(!article_body(&html).contains("Important Keywords"));
    // The section ends at the next heading, whatever its level.
    assert!(html.contains("<h3 id=\"see-also\">See also"), "{html}");
    // Not a post: the wrapped paragraph stays one paragraph.
    assert!(html.contains("<p>Low B12 is one cause,\nwrapped over two lines.</p>"));
}

#[test]
fn article_without_faq_has_no_faq_page_json_ld() {
    let site = Site::new();
    site.article("nerves/plain.md", "title: Plain", "## Causes\n\nText.\n");
    site.build().assert_ok();

    let html = site.read("articles/nerves/plain/index.html");
    assert!(json_ld(&html).iter().all(|v| v["@type"] != "FAQPage"));
    assert!(!html.contains("<section class=\"faq\">"));
}

#[test]
fn sitemap_is_well_formed_with_absolute_urls() {
    let site = site_with_records();
    site.article(
        "nerves/tingling-hands.md",
        "title: Tingling hands\ndate: 2025-01-02\nupdated: 2025-02-03\nkeywords: [nerve damage]",
        "Tingling.\n",
    );
    site.build().assert_ok();

    let xml = site.read("sitemap.xml");
    let doc = roxmltree::Document::parse(&xml).expect("sitemap.xml is well-formed XML");
    assert_eq!(doc.root_element().tag_name().name(), "urlset");
    let locs: Vec<&str> = doc
        .descendants()
        .filter(|n| n.has_tag_name("loc"))
        .map(|n| n.text().unwrap_or_default().trim())
        .collect();
    assert!(!locs.is_empty());
    for loc in &locs {
        assert!(
            loc.starts_with("https://example.org/"),
            "relative <loc>: {loc}"
        );
    }
    for url in [
        "https://example.org/",
        "https://example.org/articles/nerves/tingling-hands/",
        "https://example.org/symptoms/paresthesia/",
        "https://example.org/supplements/b12/",
        "https://example.org/keywords/nerve-damage/",
    ] {
        assert!(locs.contains(&url), "{url} not in sitemap: {locs:?}");
    }
    assert_eq!(
        sitemap_lastmod(&doc, "https://example.org/articles/nerves/tingling-hands/"),
        Some("2025-02-03")
    );
}

/// The `lastmod` of the sitemap's entry for `url`; the entry must be there.
fn sitemap_lastmod<'d>(doc: &'d roxmltree::Document, url: &str) -> Option<&'d str> {
    doc.descendants()
        .find(|n| {
            n.has_tag_name("url")
                && n.children()
                    .any(|c| c.has_tag_name("loc") && c.text() == Some(url))
        })
        .unwrap_or_else(|| panic!("{url} not in the sitemap"))
        .children()
        .find(|c| c.has_tag_name("lastmod"))
        .and_then(|c| c.text())
}

/// Every page of the sitemap is dated by the newest article it shows or counts: a section
/// by those of its sub-sections too, an index (`/symptoms/`, `/keywords/`…) by those of
/// its entries, the search page by every article.
#[test]
fn sitemap_dates_sections_and_indexes_by_their_newest_article() {
    let site = site_with_records();
    site.article(
        "nerves/hands/newest.md",
        "title: Newest\ndate: 2025-03-01\ntags: [Hands]",
        "Text.\n",
    )
    .article(
        "nerves/older.md",
        "title: Older\ndate: 2025-01-01\nupdated: 2025-02-01\nkeywords: [nerve damage]\nauthors: [Ann Author]",
        "Pins and needles and vitamin B12.\n",
    )
    .article("other/undated.md", "title: Undated", "Text.\n");
    site.build().assert_ok();
    let xml = site.read("sitemap.xml");
    let doc = roxmltree::Document::parse(&xml).expect("sitemap.xml is well-formed XML");
    for (path, date) in [
        ("articles/", Some("2025-03-01")),
        ("articles/nerves/", Some("2025-03-01")),
        ("articles/nerves/hands/", Some("2025-03-01")),
        ("articles/other/", None),
        ("symptoms/", Some("2025-02-01")),
        ("supplements/", Some("2025-02-01")),
        ("keywords/", Some("2025-02-01")),
        ("tags/", Some("2025-03-01")),
        ("authors/", Some("2025-02-01")),
        ("search/", Some("2025-03-01")),
    ] {
        assert_eq!(
            sitemap_lastmod(&doc, &format!("https://example.org/{path}")),
            date,
            "/{path}"
        );
    }
}

#[test]
fn atom_feed_is_well_formed_with_absolute_urls() {
    let site = Site::new();
    site.article(
        "nerves/tingling-hands.md",
        "title: Tingling hands\ndate: 2025-01-02\ndescription: Why hands tingle.",
        "Tingling.\n",
    );
    site.build().assert_ok();

    let xml = site.read("atom.xml");
    let doc = roxmltree::Document::parse(&xml).expect("atom.xml is well-formed XML");
    assert_eq!(doc.root_element().tag_name().name(), "feed");
    let hrefs: Vec<&str> = doc
        .descendants()
        .filter(|n| n.has_tag_name("link"))
        .map(|n| n.attribute("href").expect("link href"))
        .collect();
    assert!(!hrefs.is_empty());
    for href in &hrefs {
        assert!(
            href.starts_with("https://example.org/"),
            "relative link: {href}"
        );
    }
    for id in doc.descendants().filter(|n| n.has_tag_name("id")) {
        let id = id.text().unwrap_or_default();
        assert!(id.starts_with("https://example.org/"), "relative id: {id}");
    }
    let entry = doc
        .descendants()
        .find(|n| n.has_tag_name("entry"))
        .expect("an <entry>");
    let title = entry
        .children()
        .find(|c| c.has_tag_name("title"))
        .and_then(|c| c.text());
    assert_eq!(title, Some("Tingling hands"));
    assert!(hrefs.contains(&"https://example.org/articles/nerves/tingling-hands/"));
}

/// Each feed entry carries the article itself, as Zola's feed and most blogs' do, with its
/// cross-links and section links absolute (a reader shows it away from the site), also
/// under a `base_url` with a path, and the site's disclaimer after it; the XML stays
/// well-formed.
#[test]
fn atom_entries_carry_the_article_with_absolute_links() {
    for (base, prefix) in [
        ("https://example.org", ""),
        ("https://example.org/kb/", "/kb"),
    ] {
        let site = site_with_records();
        site.file(
            "site.toml",
            &format!(
                "title = \"T\"\nbase_url = \"{base}\"\n\
                 disclaimer = \"Not medical advice: see [a doctor](/symptoms/paresthesia/).\"\n"
            ),
        )
        .article(
            "nerves/tingling-hands.md",
            "title: Tingling hands\ndate: 2025-01-02",
            "Pins and needles may come with low vitamin B12 & more.\n\n\
             ## When it passes\n\nSee [above](#when-it-passes).\n",
        );
        site.build().assert_ok();
        let xml = site.read("atom.xml");
        let doc = roxmltree::Document::parse(&xml).expect("atom.xml is well-formed XML");
        let content = doc
            .descendants()
            .find(|n| n.has_tag_name("content"))
            .expect("a <content> element");
        assert_eq!(content.attribute("type"), Some("html"));
        let page = format!("https://example.org{prefix}/articles/nerves/tingling-hands/");
        assert_eq!(
            content.attribute(("http://www.w3.org/XML/1998/namespace", "base")),
            Some(page.as_str())
        );
        let html = content.text().unwrap_or_default();
        for link in [
            format!("href=\"https://example.org{prefix}/symptoms/paresthesia/\""),
            format!("href=\"https://example.org{prefix}/supplements/b12/\""),
            format!("href=\"{page}#when-it-passes\""),
        ] {
            assert!(html.contains(&link), "{link} in {html}");
        }
        assert!(html.contains("</a> &amp; more"), "{html}");
        // The site's disclaimer goes with the article, its link absolute too.
        assert!(
            html.contains(&format!(
                "Not medical advice: see <a href=\"https://example.org{prefix}/symptoms/paresthesia/\">"
            )),
            "{html}"
        );
        assert!(
            !html.contains("href=\"/") && !html.contains("href=\"#"),
            "{html}"
        );
    }
}

/// A site with a published article and a draft that would otherwise show everywhere.
fn site_with_draft() -> Site {
    let site = site_with_records();
    site.article(
        "nerves/tingling-hands.md",
        "title: Tingling hands\ndate: 2025-01-02",
        "Tingling.\n",
    )
    .article(
        "nerves/draft-notes.md",
        "title: Draft notes\ndate: 2025-01-03\ndraft: true\nsymptoms: [paresthesia]\n\
         keywords: [secret term]\ntags: [Hidden]\naliases: [\"/old/draft/\"]",
        "Pins and needles, unpublished.\n",
    );
    site
}

#[test]
fn draft_is_left_out_without_drafts_flag() {
    let site = site_with_draft();
    site.build().assert_ok();

    let url = "/articles/nerves/draft-notes/";
    assert!(!site.exists("articles/nerves/draft-notes/index.html"));
    assert!(!site.exists("keywords/secret-term/index.html"));
    assert!(!site.exists("tags/hidden/index.html"));
    assert!(!site.exists("old/draft/index.html"));
    for page in [
        "index.html",
        "articles/index.html",
        "articles/nerves/index.html",
        "articles/nerves/tingling-hands/index.html",
        "symptoms/paresthesia/index.html",
        "sitemap.xml",
        "atom.xml",
    ] {
        assert!(!site.read(page).contains(url), "the draft shows in {page}");
    }
    assert!(site.exists("articles/nerves/tingling-hands/index.html"));
}

#[test]
fn draft_is_included_with_drafts_flag() {
    let site = site_with_draft();
    site.build_with(&["--drafts"]).assert_ok();

    let url = "/articles/nerves/draft-notes/";
    assert!(site.exists("articles/nerves/draft-notes/index.html"));
    assert!(site.exists("keywords/secret-term/index.html"));
    assert!(links_to(&site.read("symptoms/paresthesia/index.html"), url));
    assert!(links_to(&site.read("articles/nerves/index.html"), url));
    assert!(site
        .read("sitemap.xml")
        .contains(&format!("https://example.org{url}")));
}

#[test]
fn alias_writes_a_redirect_to_the_article() {
    let site = Site::new();
    site.article(
        "nerves/tingling-hands.md",
        "title: Tingling hands\naliases: [\"/old/page/\", \"/older/tingling/\"]",
        "Text.\n",
    );
    site.build().assert_ok();

    let target = "https://example.org/articles/nerves/tingling-hands/";
    for page in ["old/page/index.html", "older/tingling/index.html"] {
        let html = site.read(page);
        assert!(
            html.contains(&format!("<link rel=\"canonical\" href=\"{target}\">")),
            "{page}:\n{html}"
        );
        let refresh = html
            .split("<meta http-equiv=\"refresh\"")
            .nth(1)
            .unwrap_or_else(|| panic!("no meta refresh in {page}"));
        let refresh = &refresh[..refresh.find('>').expect("closed meta")];
        assert!(refresh.contains(target), "{page}: {refresh}");
    }
}

/// Standalone pages move too: `aliases` in a page's front matter, as in an article's.
#[test]
fn a_page_alias_writes_a_redirect_to_the_page() {
    let site = Site::new();
    site.file(
        "content/pages/policies/editorial.md",
        "---\ntitle: Editorial policy\naliases: [/editorial-policy/, /about/review.html]\n---\nHow we write.\n",
    );
    site.build().assert_ok();
    let target = "https://example.org/policies/editorial/";
    for page in ["editorial-policy/index.html", "about/review.html"] {
        let html = site.read(page);
        assert!(
            html.contains(&format!("<link rel=\"canonical\" href=\"{target}\">")),
            "{page}:\n{html}"
        );
    }
    assert!(!site.read("sitemap.xml").contains("editorial-policy"));
}

#[test]
fn output_is_identical_across_builds() {
    let site = site_with_records();
    site.file("content/static/a.txt", "static\n")
        .article(
            "nerves/tingling-hands.md",
            "title: Tingling hands\ndate: 2025-01-02\nkeywords: [nerve damage, foot pain]\n\
             tags: [Nerve Health, Diet]\naliases: [\"/old/page/\"]",
            "Pins and needles, vitamin B12, [shop](https://shop.example/collections/b12).\n\n\
             ## FAQ\n\nQ1: Why?\nA1: Because.\n",
        )
        .article(
            "diet/eggs.md",
            "title: Eggs\nsymptoms: [paresthesia]\nkeywords: [foot pain]",
            "Cobalamin in eggs.\n",
        );
    // Ties everywhere: same date, tags, keywords and symptom, so any unordered map shows.
    for name in ["fish", "milk", "cheese", "yogurt", "clams"] {
        site.article(
            &format!("diet/{name}.md"),
            &format!(
                "title: {name}\ndate: 2025-01-02\ntags: [Diet]\nkeywords: [foot pain, nerve damage]\nsupplements: [b12]"
            ),
            "Tingling and cobalamin.\n",
        );
    }
    let first = tempfile::tempdir().expect("temp dir");
    let second = tempfile::tempdir().expect("temp dir");
    let first_out = first.path().join("out");
    let second_out = second.path().join("out");
    site.build_with(&["--out", &first_out.to_string_lossy()])
        .assert_ok();
    site.build_with(&["--out", &second_out.to_string_lossy()])
        .assert_ok();

    let a = tree(&first_out);
    let b = tree(&second_out);
    assert!(a.contains_key("articles/nerves/tingling-hands/index.html"));
    assert_eq!(
        a.keys().collect::<Vec<_>>(),
        b.keys().collect::<Vec<_>>(),
        "the two builds wrote different files"
    );
    for (path, bytes) in &a {
        assert!(b[path] == *bytes, "{path} differs between builds");
    }
}

#[test]
fn max_links_per_term_links_that_many_mentions() {
    let site = site_with_records();
    site.file(
        "site.toml",
        &format!("{SITE_TOML}\n[linking]\nmax_links_per_term = 2\n"),
    )
    .article(
        "nerves/tingling-hands.md",
        "title: Tingling hands",
        "Tingling, tingling and more tingling.\n",
    );
    site.build().assert_ok();

    let html = site.read("articles/nerves/tingling-hands/index.html");
    assert_eq!(
        xrefs(article_body(&html), "/symptoms/paresthesia/"),
        ["Tingling", "tingling"]
    );
}

/// A record alias or keyword as common as "the" would link every page's first "the": it
/// is left out of cross-linking with a warning, and the record's other names still link.
#[test]
fn a_term_too_common_to_link_is_left_out_with_a_warning() {
    let site = Site::new();
    site.file(
        "content/symptoms/paresthesia.yaml",
        "name: Paresthesia\naliases: [The, pins and needles]\n",
    )
    .article(
        "nerves/a.md",
        "title: A\nkeywords: [with, nerve damage]",
        "The hands go numb with pins and needles.\n",
    )
    .article(
        "nerves/b.md",
        "title: B",
        "Text.\n\nImportant Keywords\nnerve damage, The\n",
    );
    site.build().assert_ok_saying(&[
        "warning: the name \"The\" of symptom `paresthesia` is too common a word to link",
        "--> content/symptoms/paresthesia.yaml:2:",
        "warning: keyword `with` is too common a word to link to a page: it is left out of cross-linking\n  --> content/articles/nerves/a.md:3:",
        // From the body's closing list: its line.
        "warning: keyword `The` is too common a word to link to a page: it is left out of cross-linking\n  --> content/articles/nerves/b.md:6:1",
    ]);
    let body = article_body(&site.read("articles/nerves/a/index.html")).to_string();
    assert_eq!(
        xrefs(&body, "/symptoms/paresthesia/"),
        ["pins and needles"],
        "{body}"
    );
    assert!(xrefs(&body, "/keywords/with/").is_empty(), "{body}");
}

#[test]
fn excluded_term_is_not_linked() {
    let site = site_with_records();
    site.file(
        "site.toml",
        &format!("{SITE_TOML}\n[linking]\nexclude = [\"tingling\"]\n"),
    )
    .article(
        "nerves/tingling-hands.md",
        "title: Tingling hands",
        "Tingling in the feet, and pins and needles too.\n",
    );
    site.build().assert_ok();

    let html = site.read("articles/nerves/tingling-hands/index.html");
    assert_eq!(
        xrefs(article_body(&html), "/symptoms/paresthesia/"),
        ["pins and needles"],
        "the excluded term is left alone, the symptom's other names still link"
    );
}

#[test]
fn important_keywords_paragraph_creates_keyword_pages() {
    let site = Site::new();
    site.article(
        "nerves/tingling-hands.md",
        "title: Tingling hands",
        "Some text.\n\nImportant Keywords\nNerve Damage, Numbness, Foot Pain\n",
    );
    site.build().assert_ok();

    for slug in ["nerve-damage", "numbness", "foot-pain"] {
        let page = format!("keywords/{slug}/index.html");
        assert!(site.exists(&page), "{page} was not written");
        assert!(
            links_to(&site.read(&page), ARTICLE_URL),
            "{page} does not list the article"
        );
    }
    let html = site.read("articles/nerves/tingling-hands/index.html");
    assert!(links_to(&html, "/keywords/numbness/"));
}

#[test]
fn important_keywords_paragraph_is_not_read_when_front_matter_has_keywords() {
    let site = Site::new();
    site.article(
        "nerves/tingling-hands.md",
        "title: Tingling hands\nkeywords: [foot care]",
        "Some text.\n\nImportant Keywords\nNerve Damage, Numbness\n",
    );
    site.build().assert_ok();

    assert!(site.exists("keywords/foot-care/index.html"));
    assert!(!site.exists("keywords/nerve-damage/index.html"));
    assert!(!site.exists("keywords/numbness/index.html"));
}

#[test]
fn relative_markdown_link_is_rewritten_to_the_article_url() {
    let site = Site::new();
    site.article(
        "nerves/a.md",
        "title: A",
        "See [b](./b.md), [its part](b.md#part) and [diet](../diet/c.md).\n",
    )
    .article(
        "nerves/b.md",
        "title: B\nslug: bee",
        "## Part {#part}\n\nText.\n",
    )
    .article("diet/c.md", "title: C", "Text.\n");
    site.build().assert_ok();

    let body = site.read("articles/nerves/a/index.html");
    let body = article_body(&body);
    assert!(
        body.contains("<a href=\"/articles/nerves/bee/\">b</a>"),
        "{body}"
    );
    assert!(
        body.contains("<a href=\"/articles/nerves/bee/#part\">its part</a>"),
        "{body}"
    );
    assert!(
        body.contains("<a href=\"/articles/diet/c/\">diet</a>"),
        "{body}"
    );
    assert!(!body.contains(".md\""), "{body}");
}

#[test]
fn headings_get_ids_and_a_table_of_contents() {
    let site = Site::new();
    site.article(
        "nerves/long.md",
        "title: Long",
        "## Causes\n\nText.\n\n## What to do\n\nText.\n\n### Diet {#food}\n\nText.\n\n## Causes\n\nAgain.\n",
    );
    site.build().assert_ok();

    let html = site.read("articles/nerves/long/index.html");
    let body = article_body(&html);
    for id in ["causes", "what-to-do", "food", "causes-1"] {
        assert!(
            body.contains(&format!(" id=\"{id}\"")),
            "no heading id {id}:\n{body}"
        );
        // Each heading ends with its own anchor link.
        let heading = section_after(body, &format!(" id=\"{id}\""));
        let heading = &heading[..heading.find("</h").expect("heading closes")];
        assert!(
            heading.contains(&format!(
                "<a class=\"anchor\" href=\"#{id}\" aria-label=\"Link to this section\">#</a>"
            )),
            "no anchor link in heading {id}:\n{heading}"
        );
    }
    let toc = section_after(&html, "class=\"toc\"");
    let toc = &toc[..toc.find("</nav>").expect("toc closes")];
    for id in ["causes", "what-to-do", "food", "causes-1"] {
        assert!(
            toc.contains(&format!("href=\"#{id}\"")),
            "{id} not in toc:\n{toc}"
        );
    }
}

#[test]
fn articles_sharing_a_symptom_list_each_other_as_related() {
    let site = site_with_records();
    site.article(
        "nerves/a.md",
        "title: A\nsymptoms: [paresthesia]",
        "Text.\n",
    )
    .article("nerves/b.md", "title: B", "Pins and needles.\n")
    .article("diet/eggs.md", "title: Eggs", "Eggs are food.\n");
    site.build().assert_ok();

    let a = site.read("articles/nerves/a/index.html");
    let related = section_after(&a, "Related articles");
    assert!(links_to(related, "/articles/nerves/b/"), "{related}");
    assert!(!links_to(related, "/articles/diet/eggs/"), "{related}");

    let b = site.read("articles/nerves/b/index.html");
    assert!(links_to(
        section_after(&b, "Related articles"),
        "/articles/nerves/a/"
    ));
}

#[test]
fn tables_footnotes_strikethrough_and_task_lists_render() {
    let site = Site::new();
    site.article(
        "nerves/gfm.md",
        "title: GFM",
        "| dose | form |\n|---|---|\n| 1 mg | tablet |\n\n\
         A claim[^1]. ~~Old advice~~.\n\n\
         - [ ] ask a doctor\n- [x] eat well\n\n\
         [^1]: A footnote.\n",
    );
    site.build().assert_ok();

    let html = site.read("articles/nerves/gfm/index.html");
    let body = article_body(&html);
    assert!(body.contains("<table>"), "{body}");
    // Wide tables scroll in a region keyboard users can reach, not the page.
    let wrapped = section_after(
        body,
        "<div class=\"table-wrap\" role=\"region\" tabindex=\"0\"",
    );
    let wrapped = &wrapped[..wrapped.find("</div>").expect("wrapper closes")];
    assert!(
        wrapped.contains("<table>") && wrapped.ends_with("</table>\n"),
        "table not wrapped:\n{body}"
    );
    assert!(body.contains("<td>tablet</td>"), "{body}");
    assert!(body.contains("<section class=\"footnotes\""), "{body}");
    assert!(body.contains("<del>Old advice</del>"), "{body}");
    assert!(body.contains("type=\"checkbox\""), "{body}");
}

/// GitHub's alerts (`> [!WARNING]`) are boxes titled with their kind that screen readers
/// announce as notes, not quotes opening with "[!WARNING]"; a plain quote stays a quote.
/// Definition lists (`Term` over `: definition`, a glossary) are `<dl>`s, their text read
/// as prose: cross-linked, and in the page's description.
#[test]
fn alerts_and_definition_lists_render() {
    let site = Site::new();
    site.file("content/symptoms/paresthesia.yaml", SYMPTOM_PARESTHESIA)
        .article(
            "nerves/alerts.md",
            "title: Alerts",
            "Paresthesia\n: A tingling feeling.\n\nB12\n: A vitamin.\n\n\
             > [!WARNING]\n> Get help at once if **pins and needles** come with weakness.\n\n\
             > [!caution]\n> Do not stop a prescribed medicine.\n\n\
             > [!TIP] Before a *blood* test\n> Ask whether to pause **biotin**.\n\n\
             > [!IMPORTANT]  `B12` first, then [the guide](https://example.org/b12)\n\n\
             > [!danger]\n> Never double a missed dose.\n\n\
             > [!info]- Folded: A & B\n\n\
             > [!unknown] stays a quote\n\n\
             > [!note] see [the\n> guide](https://example.org/) stays a quote\n\n\
             > A plain quote.\n",
        );
    site.build().assert_ok();

    let html = site.read("articles/nerves/alerts/index.html");
    let body = article_body(&html);
    assert!(
        body.contains(
            "<div class=\"alert alert-warning\" role=\"note\">\n<p class=\"alert-title\">Warning</p>\n<p>Get help at once if"
        ),
        "{body}"
    );
    assert!(
        body.contains(
            "<div class=\"alert alert-caution\" role=\"note\">\n<p class=\"alert-title\">Caution</p>\n<p>Do not stop a prescribed medicine.</p>\n</div>"
        ),
        "{body}"
    );
    assert!(
        !body.contains("[!WARNING]") && !body.contains("[!caution]"),
        "{body}"
    );
    assert!(
        body.contains("<blockquote>\n<p>A plain quote.</p>\n</blockquote>"),
        "{body}"
    );
    // GitHub's marker with a title after it, and Obsidian's kinds, as Obsidian and Hugo
    // read them: the line is the title (or the kind is), the kind the nearest of GitHub's.
    assert!(
        body.contains(
            "<div class=\"alert alert-tip\" role=\"note\">\n<p class=\"alert-title\">Before a <em>blood</em> test</p>\n<p>Ask whether to pause <strong>biotin</strong>.</p>\n</div>"
        ),
        "{body}"
    );
    // A title keeps its markup, also where it opens with it.
    assert!(
        body.contains(
            "<div class=\"alert alert-important\" role=\"note\">\n<p class=\"alert-title\"><code>B12</code> first, then <a href=\"https://example.org/b12\">the guide</a></p>\n</div>"
        ),
        "{body}"
    );
    assert!(
        body.contains(
            "<div class=\"alert alert-caution\" role=\"note\">\n<p class=\"alert-title\">Danger</p>\n<p>Never double a missed dose.</p>\n</div>"
        ),
        "{body}"
    );
    assert!(
        body.contains(
            "<div class=\"alert alert-note\" role=\"note\">\n<p class=\"alert-title\">Folded: A &amp; B</p>\n</div>"
        ),
        "{body}"
    );
    assert!(
        body.contains("<blockquote>\n<p>[!unknown] stays a quote</p>"),
        "{body}"
    );
    assert!(
        body.contains(
            "<blockquote>\n<p>[!note] see <a href=\"https://example.org/\">the\nguide</a> stays"
        ),
        "{body}"
    );
    assert_eq!(body.matches("class=\"alert ").count(), 6, "{body}");

    // The term, first written in the glossary, is linked there, once.
    assert!(
        body.contains(
            "<dl>\n<dt><a class=\"xref xref-symptom\" href=\"/symptoms/paresthesia/\">Paresthesia</a></dt>\n<dd>A tingling feeling.</dd>\n<dt>B12</dt>"
        ),
        "{body}"
    );
    assert_eq!(
        body.matches("href=\"/symptoms/paresthesia/\"").count(),
        1,
        "{body}"
    );
    assert!(
        html.contains(
            "<meta name=\"description\" content=\"Paresthesia A tingling feeling. B12 A vitamin."
        ),
        "{html}"
    );
}

/// A picture or document kept beside the articles (as editors' previews and other
/// generators' page bundles have it) is published at the same place under /articles/, and
/// a relative path to it is read from the Markdown file's folder, as the editor reads it.
#[test]
fn files_beside_articles_are_published() {
    let site = Site::new();
    site.file("content/articles/nerves/img/nerve.png", "a picture")
        .file("content/articles/leaflet.pdf", "a leaflet")
        .article(
            "nerves/a.md",
            "title: A",
            "![A nerve](img/nerve.png)\n\nThe [leaflet](../leaflet.pdf).\n",
        );
    site.build().assert_ok();
    assert_eq!(site.read("articles/nerves/img/nerve.png"), "a picture");
    assert_eq!(site.read("articles/leaflet.pdf"), "a leaflet");
    let body = site.read("articles/nerves/a/index.html");
    assert!(
        body.contains("<img src=\"/articles/nerves/img/nerve.png\" alt=\"A nerve\""),
        "{body}"
    );
    assert!(links_to(&body, "/articles/leaflet.pdf"), "{body}");

    // A path that is neither, from the page nor from the file, is still an error.
    site.article("nerves/b.md", "title: B", "![Gone](img/gone.png)\n");
    site.build()
        .assert_failed()
        .assert_said(&["error: image `img/gone.png` is not a file of the site"]);
}

/// Footnotes read as in Hugo or on GitHub: numbered in the order they are first referred
/// to (not written), gathered in one list at the end of the body, each linking back to
/// every reference. A note written after the FAQ (where authors put them, last) is not
/// part of the FAQ's last answer, on the page or in its JSON-LD.
#[test]
fn footnotes_are_numbered_as_referred_to_and_gathered_at_the_end() {
    let site = Site::new();
    site.article(
        "nerves/notes.md",
        "title: Notes",
        "B12 is stored in the liver.[^store] Folate can mask it.[^mask] As said, stores.[^store]\n\n\
         [^mask]: Folic acid corrects the anaemia only.\n\n\
         ## More\n\nText.\n\n\
         ## FAQ\n\n### Is it common?\n\nYes, in older adults.\n\n\
         [^store]: A few milligrams.\n",
    );
    site.build().assert_ok();
    let html = site.read("articles/nerves/notes/index.html");
    let body = article_body(&html);
    let refs: Vec<&str> = body
        .match_indices("<sup class=\"footnote-ref\">")
        .map(|(at, _)| {
            let rest = &body[at..];
            &rest[..rest.find("</sup>").expect("sup closes")]
        })
        .collect();
    assert_eq!(
        refs,
        [
            "<sup class=\"footnote-ref\"><a href=\"#fn:1\" id=\"fnref:1\">1</a>",
            "<sup class=\"footnote-ref\"><a href=\"#fn:2\" id=\"fnref:2\">2</a>",
            "<sup class=\"footnote-ref\"><a href=\"#fn:1\" id=\"fnref:1-2\">1</a>",
        ],
        "{body}"
    );
    let notes = section_after(body, "<section class=\"footnotes\"");
    assert!(
        body.find("class=\"faq\"").expect("an FAQ")
            < body.find("class=\"footnotes\"").expect("notes"),
        "the notes are not at the end:\n{body}"
    );
    let first = notes.find("<li id=\"fn:1\">").expect("note 1");
    let second = notes.find("<li id=\"fn:2\">").expect("note 2");
    assert!(first < second, "{notes}");
    assert!(
        notes[first..second].contains("A few milligrams."),
        "{notes}"
    );
    assert!(
        notes[second..].contains("Folic acid corrects the anaemia only."),
        "{notes}"
    );
    // Note 1 links back to both of its references.
    assert!(
        notes[first..second].contains("href=\"#fnref:1\""),
        "{notes}"
    );
    assert!(
        notes[first..second]
            .contains("href=\"#fnref:1-2\" aria-label=\"Back to reference 1 (2)\">↩<sup>2</sup>"),
        "{notes}"
    );
    let faq = json_ld_of(&html, "FAQPage");
    assert_eq!(
        faq["mainEntity"][0]["acceptedAnswer"]["text"],
        "Yes, in older adults."
    );
    let answer = section_after(body, "class=\"faq-a\"");
    assert!(!answer.contains("milligrams"), "{answer}");
}

/// A reference to a note nobody wrote, and a note nothing refers to, are typos an author
/// wants to hear of, with the line; the page still builds.
#[test]
fn footnote_typos_are_warned_about_with_their_lines() {
    let site = Site::new();
    site.article(
        "nerves/a.md",
        "title: A",
        "Stores last years.[^1] See also [^2x].\n\n[^1]: Milligrams.\n\n[^2]: Never referred to.\n",
    );
    site.build().assert_ok_saying(&[
        "warning: footnote `[^2x]` is not defined: it is shown as written\n  --> content/articles/nerves/a.md:4:33",
        "warning: footnote `[^2]` is never referred to: it is left out of the page\n  --> content/articles/nerves/a.md:8:1",
    ]);
    let body = site.read("articles/nerves/a/index.html");
    assert!(body.contains("See also [^2x]."), "{body}");
    assert!(!body.contains("Never referred to"), "{body}");
}

/// A picture with nothing between its brackets is announced by its file name alone: the
/// author hears of it, with the line; a described one, or one described by code, is fine.
#[test]
fn a_picture_without_text_is_warned_about_with_its_line() {
    let site = Site::new();
    site.file("content/static/img/nerve.png", "png").article(
        "nerves/a.md",
        "title: A",
        "Text.\n\n![](/img/nerve.png)\n\n![A nerve cell](/img/nerve.png) ![`x`](/img/nerve.png)\n\n[![ ](/img/nerve.png)](/img/nerve.png)\n",
    );
    let built = site.build();
    built.assert_ok_saying(&[
        "warning: picture `/img/nerve.png` has no text: readers who cannot see it hear only its file name\n  --> content/articles/nerves/a.md:6:1",
        "--> content/articles/nerves/a.md:10:2",
    ]);
    assert_eq!(
        built.stderr.matches("has no text").count(),
        2,
        "{}",
        built.stderr
    );
    assert!(site
        .read("articles/nerves/a/index.html")
        .contains("alt=\"A nerve cell\""));
}

/// A record page shows two Markdown texts (description, when to seek care); notes of each
/// get ids of their own, where both would have had `fn:1`.
#[test]
fn footnotes_of_two_texts_on_one_page_have_distinct_ids() {
    let site = Site::new();
    site.file(
        "content/symptoms/numbness.yaml",
        "name: Numbness\n\
         description: |\n  Loss of feeling.[^1]\n\n  [^1]: Often in the feet first.\n\
         seek_care: |\n  Sudden numbness needs care.[^1]\n\n  [^1]: It can be a stroke.\n",
    );
    site.build().assert_ok();
    let html = site.read("symptoms/numbness/index.html");
    let ids: Vec<&str> = html
        .match_indices(" id=\"")
        .map(|(at, m)| {
            let rest = &html[at + m.len()..];
            &rest[..rest.find('"').expect("id closes")]
        })
        .collect();
    let mut unique = ids.clone();
    unique.sort_unstable();
    unique.dedup();
    assert_eq!(ids.len(), unique.len(), "repeated ids: {ids:?}");
    assert!(
        ids.contains(&"description-fn:1") && ids.contains(&"seek_care-fn:1"),
        "{ids:?}"
    );
    assert!(html.contains("href=\"#seek_care-fn:1\""), "{html}");
}

#[test]
fn article_json_ld_has_authorship_review_dates_and_citations() {
    let site = site_with_records();
    site.article(
        "nerves/tingling-hands.md",
        "title: Tingling hands\ndescription: Why hands tingle.\ndate: 2025-01-02\n\
         updated: 2025-02-03\nauthors: [Ann Author]\nreviewed_by: Dr Rev\n\
         reviewed_on: 2025-03-04\nsymptoms: [paresthesia]\n\
         references:\n  - title: A study\n    url: https://pubmed.example/1\n",
        "Text.\n",
    );
    site.build().assert_ok();

    let html = site.read("articles/nerves/tingling-hands/index.html");
    let page = json_ld_of(&html, "MedicalWebPage");
    assert_eq!(page["headline"], "Tingling hands");
    assert_eq!(
        page["url"],
        "https://example.org/articles/nerves/tingling-hands/"
    );
    assert_eq!(page["author"][0]["name"], "Ann Author");
    assert_eq!(page["reviewedBy"]["name"], "Dr Rev");
    assert_eq!(page["lastReviewed"], "2025-03-04");
    assert_eq!(page["datePublished"], "2025-01-02");
    assert_eq!(page["dateModified"], "2025-02-03");
    assert_eq!(page["citation"][0]["name"], "A study");
    assert_eq!(page["citation"][0]["url"], "https://pubmed.example/1");
    let about = page["about"].as_array().expect("about is a list");
    assert!(about
        .iter()
        .any(|a| a["@type"] == "MedicalSignOrSymptom" && a["name"] == "Paresthesia"));

    let references = section_after(&html, "class=\"references\"");
    assert!(links_to(references, "https://pubmed.example/1"));
}

#[test]
fn nested_sections_and_slugs_are_lower_case_ascii() {
    let site = Site::new();
    site.article(
        "Nerve Health/Deep Dive/Ménière Disease.md",
        "title: Ménière\nkeywords: [Café Crème]\ntags: [Über Tag]",
        "Text.\n",
    );
    site.build().assert_ok();

    for page in [
        "articles/nerve-health/index.html",
        "articles/nerve-health/deep-dive/index.html",
        "articles/nerve-health/deep-dive/meniere-disease/index.html",
        "keywords/cafe-creme/index.html",
        "tags/uber-tag/index.html",
    ] {
        assert!(site.exists(page), "{page} was not written");
    }
    assert!(links_to(
        &site.read("articles/nerve-health/index.html"),
        "/articles/nerve-health/deep-dive/"
    ));
}

#[test]
fn records_in_toml_and_json_get_pages() {
    let site = Site::new();
    site.file(
        "content/symptoms/numbness.toml",
        "name = \"Numbness\"\naliases = [\"loss of feeling\"]\nrelated_supplements = [\"b12\"]\n",
    )
    .file(
        "content/supplements/b12.json",
        "{\"name\": \"Vitamin B12\", \"related_symptoms\": [\"numbness\"]}",
    );
    site.build().assert_ok();

    let symptom = site.read("symptoms/numbness/index.html");
    assert_eq!(
        json_ld_of(&symptom, "MedicalSignOrSymptom")["name"],
        "Numbness"
    );
    assert!(
        links_to(&symptom, "/supplements/b12/"),
        "related supplement"
    );
    let supplement = site.read("supplements/b12/index.html");
    assert!(
        links_to(&supplement, "/symptoms/numbness/"),
        "related symptom"
    );
}

#[test]
fn home_page_shows_the_index_text() {
    let site = Site::new();
    site.file("content/_index.md", "Welcome to the **home** text.\n");
    site.build().assert_ok();

    assert!(site.read("index.html").contains("<strong>home</strong>"));
}

#[test]
fn disclaimer_shows_on_articles_and_record_pages() {
    let site = site_with_records();
    site.file(
        "site.toml",
        &format!(
            "{SITE_TOML}disclaimer = \"Not **medical** advice: see [our policy](about/policy.md).\"\n"
        ),
    )
    .article("nerves/a.md", "title: A", "Text.\n")
    .article("about/policy.md", "title: Policy", "How we write.\n");
    site.build().assert_ok();

    for page in [
        "articles/nerves/a/index.html",
        "symptoms/paresthesia/index.html",
        "supplements/b12/index.html",
    ] {
        let html = site.read(page);
        let disclaimer = section_after(&html, "class=\"callout disclaimer\"");
        assert!(
            disclaimer.contains("Not <strong>medical</strong> advice"),
            "{page}: {disclaimer}"
        );
        // Its links are completed as an article's are.
        assert!(
            disclaimer.contains("<a href=\"/articles/about/policy/\">our policy</a>"),
            "{page}: {disclaimer}"
        );
    }
}

#[test]
fn review_is_flagged_as_due_after_the_review_interval() {
    let site = Site::new();
    site.file(
        "site.toml",
        &format!("{SITE_TOML}review_interval_days = 365\n"),
    )
    .article(
        "nerves/old.md",
        "title: Old\nreviewed_by: Dr Rev\nreviewed_on: 2024-06-01",
        "Text.\n",
    )
    .article(
        "nerves/fresh.md",
        "title: Fresh\nreviewed_by: Dr Rev\nreviewed_on: 2025-12-01",
        "Text.\n",
    );
    site.build().assert_ok();

    // The helper sets SOURCE_DATE_EPOCH to 2026-01-01.
    assert!(site
        .read("articles/nerves/old/index.html")
        .contains("due for renewal"));
    let fresh = site.read("articles/nerves/fresh/index.html");
    assert!(fresh.contains(
        "Medically reviewed by <a href=\"/authors/dr-rev/\"><strong>Dr Rev</strong></a>"
    ));
    assert!(!fresh.contains("due for renewal"));
}

/// A review's date given without its reviewer is shown, as the JSON-LD's `lastReviewed`
/// gives it, and `check` asks for the reviewer.
#[test]
fn a_review_date_without_a_reviewer_is_shown_and_warned_of() {
    let site = Site::new();
    site.article(
        "nerves/dated.md",
        "title: Dated\ndate: 2024-05-05\nreviewed_on: 2024-04-01",
        "Text.\n",
    );
    site.build().assert_ok();
    let html = site.read("articles/nerves/dated/index.html");
    assert!(
        html.contains("Last reviewed on <time datetime=\"2024-04-01\">"),
        "{html}"
    );
    assert!(html.contains("\"lastReviewed\":\"2024-04-01\""), "{html}");
    site.run(&["check", "--root", &site.root().to_string_lossy()])
        .assert_ok_saying(&[
            "warning: `Dated` gives the date of its medical review but not who reviewed it",
            "--> content/articles/nerves/dated.md:4:",
        ]);
}

/// Every page but the 404 page, which is marked `noindex` instead, has a canonical URL.
#[test]
fn every_page_has_canonical_description_open_graph_and_search_box() {
    let site = site_with_records();
    site.file(
        "site.toml",
        &format!("{SITE_TOML}description = \"A health site.\"\n"),
    )
    .article(
        "nerves/tingling-hands.md",
        "title: Tingling hands\nkeywords: [nerve damage]\ntags: [Nerve Health]\naliases: [\"/old/page/\"]",
        "Tingling.\n",
    );
    site.build().assert_ok();

    let mut checked = 0;
    for (path, bytes) in site.tree("public") {
        if !path.ends_with(".html") {
            continue;
        }
        let html = String::from_utf8(bytes).expect("utf-8 page");
        if html.contains("http-equiv=\"refresh\"") {
            continue; // alias redirects only carry the target's canonical
        }
        let path = path.replace('\\', "/");
        let url = match path.strip_suffix("index.html") {
            Some(dir) => format!("https://example.org/{dir}"),
            None => format!("https://example.org/{path}"),
        };
        if path == "404.html" {
            // Served at any missing address: none of its own, and not for search engines.
            assert!(html.contains("<meta name=\"robots\" content=\"noindex\">"));
            assert!(
                !html.contains("rel=\"canonical\""),
                "404.html has a canonical"
            );
        } else {
            assert!(
                html.contains(&format!("<link rel=\"canonical\" href=\"{url}\">")),
                "{path}: no canonical {url}"
            );
        }
        assert!(
            html.contains(&format!("<meta property=\"og:url\" content=\"{url}\">")),
            "{path}: no og:url"
        );
        assert!(
            html.contains("<meta property=\"og:title\""),
            "{path}: no og:title"
        );
        assert!(
            html.contains("<meta name=\"description\" content=\""),
            "{path}: no meta description"
        );
        assert!(
            html.contains("<input type=\"search\" name=\"q\""),
            "{path}: no search box"
        );
        checked += 1;
    }
    assert!(checked > 0);
}

/// Every root-relative `href="/…"` and `src="/…"` in `html`, without fragment or query.
fn local_refs(html: &str) -> Vec<String> {
    let mut refs = Vec::new();
    for attr in ["href=\"/", "src=\"/"] {
        for (at, _) in html.match_indices(attr) {
            let value = &html[at + attr.len() - 1..];
            let value = &value[..value.find('"').unwrap_or(value.len())];
            let path = value.split(['#', '?']).next().unwrap_or_default();
            refs.push(path.to_string());
        }
    }
    refs
}

#[test]
fn every_internal_link_script_and_stylesheet_resolves() {
    let site = site_with_records();
    site.file("content/static/files/guide.txt", "guide\n")
        .article(
            "nerves/tingling-hands.md",
            "title: Tingling hands\ndate: 2025-01-02\nkeywords: [nerve damage]\n\
             tags: [Nerve Health]\naliases: [\"/old/page/\"]",
            "Pins and needles, cobalamin, nerve damage. [Guide](/files/guide.txt).\n",
        );
    site.build().assert_ok();

    let mut missing = Vec::new();
    for (page, bytes) in site.tree("public") {
        if !page.ends_with(".html") {
            continue;
        }
        for path in local_refs(&String::from_utf8_lossy(&bytes)) {
            let file = if path.ends_with('/') {
                format!("{}index.html", &path[1..])
            } else {
                path[1..].to_string()
            };
            if !site.exists(&file) {
                missing.push(format!("{page} -> {path}"));
            }
        }
    }
    missing.sort();
    missing.dedup();
    assert!(
        missing.is_empty(),
        "dangling references:\n{}",
        missing.join("\n")
    );
}

#[test]
fn base_url_with_a_path_prefixes_every_internal_link() {
    let site = site_with_records();
    site.file(
        "site.toml",
        "title = \"Test Health\"\nbase_url = \"https://example.org/health/\"\n",
    )
    .article(
        "nerves/a.md",
        "title: A\naliases: [\"/old/a/\"]\nkeywords: [nerve damage]",
        "Pins and needles. See [b](b.md).\n",
    )
    .article("nerves/b.md", "title: B", "Text.\n");
    site.build().assert_ok();

    let a = site.read("articles/nerves/a/index.html");
    assert!(a.contains(
        "<link rel=\"canonical\" href=\"https://example.org/health/articles/nerves/a/\">"
    ));
    assert_eq!(
        xrefs(article_body(&a), "/health/symptoms/paresthesia/"),
        ["Pins and needles"]
    );
    assert!(article_body(&a).contains("<a href=\"/health/articles/nerves/b/\">b</a>"));
    assert!(site
        .read("old/a/index.html")
        .contains("url=https://example.org/health/articles/nerves/a/"));
    assert!(site
        .read("sitemap.xml")
        .contains("<loc>https://example.org/health/articles/nerves/a/</loc>"));
    for (page, bytes) in site.tree("public") {
        if !page.ends_with(".html") {
            continue;
        }
        for path in local_refs(&String::from_utf8_lossy(&bytes)) {
            assert!(
                path.starts_with("/health/"),
                "{page}: {path} misses the base path"
            );
        }
    }
}

/// A long index (more than 12 entries) is grouped A to Z: the bar links the letters that
/// have entries, and names that start with anything else (a digit, an accented letter) go
/// under "Other".
#[test]
fn a_long_index_is_grouped_a_to_z() {
    let site = Site::new();
    let names = [
        "Ache",
        "Acne",
        "Bloating",
        "Cramps",
        "Dizziness",
        "Fatigue",
        "Gout",
        "Hiccups",
        "Itching",
        "Nausea",
        "Palpitations",
        "Rash",
        "Tremor",
        "Édème",
        "5-minute chills",
    ];
    for name in names {
        let id = materia::slug::slugify(name);
        site.file(
            &format!("content/symptoms/{id}.yaml"),
            &format!("name: {name}\nsummary: About {name}.\n"),
        );
    }
    site.build().assert_ok();
    let html = site.read("symptoms/index.html");
    let bar = section_after(&html, "<nav class=\"az\"");
    assert!(bar.contains("<a href=\"#az-a\">A</a>"), "{bar}");
    assert!(
        bar.contains("<span aria-disabled=\"true\">E</span>"),
        "{bar}"
    );
    assert!(
        bar.contains("<a href=\"#az-other\" aria-label=\"Other\">#</a>"),
        "{bar}"
    );
    let group = |id: &str| -> &str {
        let start = html
            .find(&format!(
                "<section class=\"az-group\" aria-labelledby=\"az-{id}\">"
            ))
            .unwrap_or_else(|| panic!("no group {id}"));
        let rest = &html[start..];
        &rest[..rest.find("</section>").unwrap()]
    };
    assert!(group("a").contains(">Ache</a>") && group("a").contains(">Acne</a>"));
    assert!(group("other").contains("<h2 id=\"az-other\">Other</h2>"));
    assert!(group("other").contains(">Édème</a>"));
    assert!(group("other").contains(">5-minute chills</a>"));
    assert!(!html.contains("az-e\""), "no E group without E names");
    // Every name appears once.
    for name in names {
        assert_eq!(html.matches(&format!(">{name}</a>")).count(), 1, "{name}");
    }
}

/// Themes get the 30 newest articles on the home page (see docs/themes.md), newest first.
#[test]
fn the_home_page_gets_the_thirty_newest_articles() {
    let site = Site::new();
    for day in 1..=28 {
        for month in [1, 2] {
            site.article(
                &format!("a-{month}-{day}.md"),
                &format!("title: Article {month}-{day}\ndate: 2024-0{month}-{day:02}"),
                "Text.\n",
            );
        }
    }
    site.file(
        "themes/default/templates/index.html",
        "{{ articles | length }} {{ articles[0].title }} {{ articles[-1].title }}",
    );
    site.build().assert_ok();
    assert_eq!(site.read("index.html"), "30 Article 2-28 Article 1-27");
}

/// A theme's `card.html` is every listing's card: related articles, the home page, sections,
/// keywords, tags, authors, and the symptom and supplement pages.
#[test]
fn a_themes_card_template_is_the_card_of_every_listing() {
    let site = site_with_records();
    let front = "date: 2024-01-01\nauthors: [Ann Author]\nkeywords: [nerve health]\ntags: [Nerves]\nsymptoms: [paresthesia]\nsupplements: [b12]";
    site.article("nerves/a.md", &format!("title: A\n{front}"), "Text.\n")
        .article("nerves/b.md", &format!("title: B\n{front}"), "Text.\n")
        .file(
            "themes/default/templates/card.html",
            "<li class=\"card mine\" data-minutes=\"{{ a.reading_minutes }}\">{{ a.title }}{% if a.section %} in {{ a.section.title }}{% endif %}</li>\n",
        );
    site.build().assert_ok();
    let card = "<li class=\"card mine\" data-minutes=\"1\">B in Nerves</li>";
    for page in [
        "articles/nerves/a/index.html",
        "articles/nerves/index.html",
        "index.html",
        "keywords/nerve-health/index.html",
        "tags/nerves/index.html",
        "authors/ann-author/index.html",
        "symptoms/paresthesia/index.html",
        "supplements/b12/index.html",
    ] {
        let html = site.read(page);
        assert!(
            html.contains(card),
            "{page} has not the theme's card:\n{html}"
        );
        assert!(!html.contains("card-title"), "{page} has the built-in card");
    }
}

/// Related articles: the five that share the most, best first; among equals, the newest.
#[test]
fn related_articles_are_the_five_that_share_most_newest_first_among_equals() {
    let site = site_with_records();
    site.article(
        "a.md",
        "title: A\ndate: 2024-01-01\nkeywords: [nerve health]\nsymptoms: [paresthesia]",
        "Text.\n",
    );
    // Shares a keyword and the symptom: the best, though the oldest.
    site.article(
        "best.md",
        "title: Best\ndate: 2020-01-01\nkeywords: [nerve health]\nsymptoms: [paresthesia]",
        "Text.\n",
    );
    // Share the symptom alone: equals, taken newest first.
    for day in 1..=7 {
        site.article(
            &format!("d{day}.md"),
            &format!("title: D{day}\ndate: 2023-03-0{day}\nsymptoms: [paresthesia]"),
            "Text.\n",
        );
    }
    site.build().assert_ok();
    let a = site.read("articles/a/index.html");
    let related = section_after(&a, "Related articles");
    let order: Vec<usize> = [
        "/articles/best/",
        "/articles/d7/",
        "/articles/d6/",
        "/articles/d5/",
        "/articles/d4/",
    ]
    .iter()
    .map(|href| {
        related
            .find(&format!("href=\"{href}\""))
            .unwrap_or_else(|| panic!("{href} not related:\n{related}"))
    })
    .collect();
    assert!(order.windows(2).all(|w| w[0] < w[1]), "{related}");
    for older in ["/articles/d3/", "/articles/d2/", "/articles/d1/"] {
        assert!(!links_to(related, older), "{older} listed:\n{related}");
    }
}

/// `materia build` hands pages to its staging folder as they render instead of keeping them
/// (`Builder::build_into`). Together with what it keeps, that must be every page of a build
/// that keeps everything, byte for byte: the bundled knowledge base, which has every kind of
/// page.
#[test]
fn a_streamed_build_hands_on_every_page_a_kept_build_holds() {
    use materia::build::{build, BuildOptions, Builder, Silent};
    use materia::diagnostics::Diagnostics;
    use std::collections::{BTreeMap, BTreeSet};
    use std::sync::Mutex;

    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let diags = Diagnostics::new();
    let kept = build(root, &BuildOptions::default(), &diags, &Silent).expect("the site builds");
    assert!(kept.output.streamed.is_empty());
    let handed = Mutex::new(BTreeMap::new());
    let streamed = Builder::once(root, BuildOptions::default())
        .build_into(
            &|path, bytes| {
                handed
                    .lock()
                    .unwrap()
                    .insert(path.to_string(), bytes.to_vec());
                Ok(())
            },
            &diags,
            &Silent,
        )
        .expect("the site builds streamed");
    let mut pages = handed.into_inner().unwrap();
    assert!(pages.len() > 50, "only {} pages streamed", pages.len());
    assert_eq!(
        pages.keys().cloned().collect::<BTreeSet<_>>(),
        streamed.output.streamed,
        "the output names exactly the pages it handed on"
    );
    for (path, bytes) in &streamed.output.pages {
        assert!(
            pages.insert(path.clone(), bytes.to_vec()).is_none(),
            "{path} both handed on and kept"
        );
    }
    let expected: BTreeMap<String, Vec<u8>> = kept
        .output
        .pages
        .iter()
        .map(|(path, bytes)| (path.clone(), bytes.to_vec()))
        .collect();
    assert_eq!(
        pages.keys().collect::<Vec<_>>(),
        expected.keys().collect::<Vec<_>>()
    );
    assert!(
        pages == expected,
        "a streamed page differs from the kept one"
    );
    assert_eq!(streamed.output.assets.len(), kept.output.assets.len());
    assert!(diags.is_empty(), "{:?}", diags.sorted());
}

/// A page the write stage cannot take (a full disk, a file where a folder should be) fails
/// the build with that error, like any other write error.
#[test]
fn a_page_that_cannot_be_written_fails_the_build() {
    use materia::build::{BuildOptions, Builder, Silent};
    use materia::diagnostics::{Diagnostic, Diagnostics};

    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let diags = Diagnostics::new();
    let built = Builder::once(root, BuildOptions::default()).build_into(
        &|path, _| {
            if path == "404.html" {
                Err(Diagnostic::error("cannot write `404.html`: no space left"))
            } else {
                Ok(())
            }
        },
        &diags,
        &Silent,
    );
    assert!(built.is_none(), "the build went on");
    assert!(diags
        .sorted()
        .iter()
        .any(|d| d.message.contains("no space left")));
}

/// Reading time is the body's words at 220 a minute, rounded up, on the article and on its
/// card. Any white space parts words, a no-break space too.
#[test]
fn reading_time_counts_the_words_of_the_body() {
    let site = Site::new();
    let words = |n: usize| vec!["word"; n].join(" ");
    site.article("a/exactly-two.md", "title: Exactly two", &words(440));
    // 439 words and two joined by a no-break space: 441, one past two minutes.
    site.article(
        "a/just-over.md",
        "title: Just over",
        &format!("{}\n\nalpha\u{a0}beta\n", words(439)),
    );
    site.build().assert_ok();
    for (page, minutes) in [
        ("articles/a/exactly-two/index.html", "2 min read"),
        ("articles/a/just-over/index.html", "3 min read"),
    ] {
        let html = site.read(page);
        assert!(html.contains(minutes), "{page}: no `{minutes}`");
    }
    let section = site.read("articles/a/index.html");
    assert!(section.contains("2 min read") && section.contains("3 min read"));
}

/// The output folder as a deploy branch's work tree (`git worktree add public gh-pages`, as
/// for GitHub Pages): its `.git` and other dot-entries survive each build, which replaces
/// the folder whole, while pages the site no longer has go. A dot-entry the site makes
/// itself (from `content/static/`) is the new one.
#[test]
fn dot_entries_of_the_output_folder_survive_a_build() {
    let site = site_with_records();
    site.article("a.md", "title: A", "Text.\n")
        .file("content/static/.well-known/security.txt", "Contact: new\n");
    // A work tree made before the first build holds only its `.git`: not refused.
    site.file("public/.git", "gitdir: ../.git/worktrees/public\n");
    site.build().assert_ok();
    site.file("public/.nojekyll", "")
        .file("public/.well-known/security.txt", "Contact: old\n")
        .file("public/stale/index.html", "gone soon");
    site.build().assert_ok();
    assert_eq!(
        site.read(".git"),
        "gitdir: ../.git/worktrees/public\n",
        "the .git was not kept"
    );
    assert!(site.exists(".nojekyll"));
    assert_eq!(site.read(".well-known/security.txt"), "Contact: new\n");
    assert!(
        !site.exists("stale/index.html"),
        "a page of no source was kept"
    );
    assert!(site.exists("articles/a/index.html"));
}

/// Hidden files of `content/static/` are published, as hosts and browsers look for some of
/// them (`/.well-known/security.txt`, an `.htaccess`); version control and editor files are
/// not.
#[test]
fn hidden_static_files_are_published_but_not_editor_or_git_files() {
    let site = site_with_records();
    site.article("a.md", "title: A", "Text.\n")
        .file(
            "content/static/.well-known/security.txt",
            "Contact: mailto:a@b.org\n",
        )
        .file("content/static/.htaccess", "ErrorDocument 404 /404.html\n")
        .file("content/static/.DS_Store", "junk")
        .file("content/static/.notes.txt.swp", "junk")
        .file("content/static/.git/HEAD", "ref: refs/heads/main\n")
        .file("content/static/docs/guide.txt~", "backup");
    site.build().assert_ok();
    assert_eq!(
        site.read(".well-known/security.txt"),
        "Contact: mailto:a@b.org\n"
    );
    assert!(site.exists(".htaccess"));
    for junk in [
        ".DS_Store",
        ".notes.txt.swp",
        ".git/HEAD",
        "docs/guide.txt~",
    ] {
        assert!(!site.exists(junk), "{junk} was published");
    }
}

/// A body that opens by repeating the title (`# Title`, as Markdown exported from elsewhere
/// often does, or a pasted post's first line) does not show it twice: the page has one
/// `h1`. Another opening heading stays, one level down (see
/// `body_headings_step_down_from_the_title_and_skipped_levels_are_warned_of`).
#[test]
fn a_title_repeated_at_the_top_of_the_body_is_shown_once() {
    let site = Site::new();
    site.article(
        "a.md",
        "title: Tingling Hands",
        "# Tingling hands\n\nText [to nowhere](missing.md).\n",
    )
    .article("b.md", "title: B", "# Another heading\n\nText.\n")
    .article(
        "c.md",
        "title: Low iron",
        "Low Iron\nIntroduction\nIron carries oxygen, and low iron leaves people tired.\nMore text here.\n",
    );
    // The line left out still counts: the broken link is reported at its own line.
    let run = site.build();
    run.assert_failed()
        .assert_said(&["content/articles/a.md:6:6"]);
    site.article(
        "a.md",
        "title: Tingling Hands",
        "# Tingling hands\n\nText.\n",
    );
    site.build().assert_ok();
    let a = site.read("articles/a/index.html");
    assert_eq!(a.matches("<h1").count(), 1, "{a}");
    assert!(!article_body(&a).contains("Tingling hands"), "{a}");
    let b = site.read("articles/b/index.html");
    assert!(
        article_body(&b).contains("<h2 id=\"another-heading\">"),
        "{b}"
    );
    assert_eq!(b.matches("<h1").count(), 1, "{b}");
    let c = article_body(&site.read("articles/c/index.html")).to_string();
    assert!(!c.contains("<p>Low Iron</p>"), "{c}");
    assert!(c.contains("<h2 id=\"introduction\">"), "{c}");
}

/// An article without a `description` is described by its opening text, not by its
/// headings (a body opening with "## Overview" was described as "Overview Tingling is…"):
/// in the meta and OpenGraph descriptions, the JSON-LD and the cards that list it. A symptom
/// without a summary likewise. Its footnotes, gathered after the text, are not its text.
#[test]
fn a_page_without_a_description_is_described_by_its_opening_text() {
    let site = Site::new();
    site.article(
        "a.md",
        "title: Tingling\nkeywords: [nerves]",
        "## Overview\n\nTingling is common and *often* harmless.\n\n```\ncode\n```\n\n## Causes\n\nLow B12.[^1]\n\n\
         [^1]: Smith J. Nerves, 2020.\n",
    )
    .file(
        "content/symptoms/numbness.yaml",
        "name: Numbness\ndescription: |\n  ## What it is\n\n  Less feeling in the skin.\n",
    );
    site.build().assert_ok();
    let page = site.read("articles/a/index.html");
    let wanted = "Tingling is common and often harmless. Low B12.";
    for tag in [
        format!("<meta name=\"description\" content=\"{wanted}\">"),
        format!("<meta property=\"og:description\" content=\"{wanted}\">"),
    ] {
        assert!(page.contains(&tag), "no {tag}:\n{page}");
    }
    assert_eq!(json_ld_of(&page, "MedicalWebPage")["description"], wanted);
    assert!(
        site.read("keywords/nerves/index.html").contains(wanted),
        "the card does not show the opening text"
    );
    assert!(site
        .read("symptoms/numbness/index.html")
        .contains("<meta name=\"description\" content=\"Less feeling in the skin.\">"));
}

/// Raw HTML is the author's to use (an embedded video, a widget), but the code of a
/// `<script>`, `<style>` or `<template>` in the text is not the page's text: not in its
/// description, its card, its reading time or the search index, where it showed as "Tingling
/// is common var tracking = 1…".
#[test]
fn script_and_style_code_in_the_text_is_not_the_pages_text() {
    let site = Site::new();
    site.article(
        "a.md",
        "title: Tingling\nkeywords: [nerves]",
        "Tingling is common<script>var tracking = 1;</script> and <style>.x { margin: 0 }</style>often <template><b>hidden</b></template>harmless.\n\n<script>\nvar blockCode = 2;\n</script>\n\nLow B12.\n",
    );
    site.build().assert_ok();
    let page = site.read("articles/a/index.html");
    let wanted = "Tingling is common and often harmless. Low B12.";
    assert!(
        page.contains(&format!("<meta name=\"description\" content=\"{wanted}\">")),
        "{page}"
    );
    assert!(site.read("keywords/nerves/index.html").contains(wanted));
    // Raw HTML is kept in the page as written.
    assert!(
        page.contains("<script>var tracking = 1;</script>"),
        "{page}"
    );
    let index = site.tree("public/search");
    let files: Vec<_> = index.iter().filter(|(f, _)| f.ends_with(".json")).collect();
    assert!(!files.is_empty(), "{:?}", index.keys());
    for (file, bytes) in files {
        let text = String::from_utf8_lossy(bytes);
        for code in ["tracking", "margin", "hidden", "blockCode"] {
            assert!(!text.contains(code), "`{code}` is in search/{file}: {text}");
        }
    }
}

/// A long list of articles is split into pages: the first at the list's own URL, the rest
/// at `page/N/`, each linking to the others, titled and canonical on its own, with a
/// redirect at `page/1/`; a check accepts links to them.
#[test]
fn long_lists_are_split_into_pages() {
    let site = Site::paged(2, 5);
    site.article(
        "about.md",
        "title: About",
        "See [older nerve articles](/articles/nerves/page/3/) and [tagged](/tags/nerves/page/2/).\n",
    )
    .article("nerves/deep/d.md", "title: Deep", "In a sub-section.\n");
    site.build().assert_ok();
    // A section's sub-sections lead its first page only.
    assert!(site
        .read("articles/nerves/index.html")
        .contains("<a href=\"/articles/nerves/deep/\">"));
    assert!(!site
        .read("articles/nerves/page/2/index.html")
        .contains("section-topics"));
    let titles = |page: &str| -> Vec<String> {
        let html = site.read(page);
        html.match_indices("class=\"card-title\"><a href=\"")
            .map(|(i, m)| {
                let rest = &html[i + m.len()..];
                let title = &rest[rest.find('>').unwrap() + 1..];
                title[..title.find('<').unwrap()].to_string()
            })
            .collect()
    };
    // Newest first, two a page, the last page shorter.
    assert_eq!(
        titles("articles/nerves/index.html"),
        ["Article 5", "Article 4"]
    );
    assert_eq!(
        titles("articles/nerves/page/2/index.html"),
        ["Article 3", "Article 2"]
    );
    assert_eq!(titles("articles/nerves/page/3/index.html"), ["Article 1"]);
    assert!(!site.exists("articles/nerves/page/4/index.html"));
    assert_eq!(titles("tags/nerves/page/3/index.html"), ["Article 1"]);
    // Every page of the tag says how many articles the whole list holds.
    assert!(site
        .read("tags/nerves/page/2/index.html")
        .contains("5 articles tagged"));

    let second = site.read("articles/nerves/page/2/index.html");
    assert!(
        second.contains("<title>Nerves (page 2 of 3) · "),
        "{second}"
    );
    assert!(second
        .contains("<link rel=\"canonical\" href=\"https://example.org/articles/nerves/page/2/\">"));
    assert!(second.contains("<a href=\"/articles/nerves/\" rel=\"prev\">"));
    assert!(second.contains("<a href=\"/articles/nerves/page/3/\" rel=\"next\">"));
    assert!(second.contains(
        "<a href=\"/articles/nerves/page/2/\" aria-label=\"Page 2\" aria-current=\"page\">"
    ));
    let first = site.read("articles/nerves/index.html");
    assert!(
        first.contains("<title>Nerves · "),
        "the first page keeps the list's title"
    );
    assert!(!first.contains("rel=\"prev\""));
    assert!(site
        .read("articles/nerves/page/1/index.html")
        .contains("url=https://example.org/articles/nerves/"));
    // A list that fits on one page has no page links and no page/1/.
    assert!(!site
        .read("articles/index.html")
        .contains("class=\"pagination\""));
    assert!(!site.exists("articles/page/1/index.html"));
    // The sitemap lists each list once, at its first page.
    let sitemap = site.read("sitemap.xml");
    assert!(sitemap.contains("<loc>https://example.org/articles/nerves/</loc>"));
    assert!(!sitemap.contains("/page/"));

    // Without a page size, one page holds them all, and there is no page 3 to link to.
    site.file(
        "site.toml",
        &format!("{}paginate_by = 0\n", crate::support::SITE_TOML),
    );
    let refused = site.build();
    refused.assert_failed();
    assert!(refused
        .stderr
        .contains("link to `/articles/nerves/page/3/`, a page that does not exist"));
    site.article("about.md", "title: About", "No links.\n");
    site.build().assert_ok();
    assert_eq!(titles("articles/nerves/index.html").len(), 5);
    assert!(!site.exists("articles/nerves/page/2/index.html"));
}

/// `--base-url` builds the site for another address (a preview deploy) without editing
/// site.toml: canonical URLs, the sitemap, the feed and every site link take it.
#[test]
fn base_url_option_builds_for_another_address() {
    let site = site_with_records();
    site.article(
        "nerves/tingling.md",
        "title: Tingling\ndate: 2025-01-02",
        "Pins and needles, see [the list](/symptoms/).\n",
    );
    site.build_with(&["--base-url", "https://preview.example.net/kb/"])
        .assert_ok();
    let page = site.read("articles/nerves/tingling/index.html");
    assert!(page.contains(
        "<link rel=\"canonical\" href=\"https://preview.example.net/kb/articles/nerves/tingling/\">"
    ));
    assert!(
        page.contains("href=\"/kb/symptoms/paresthesia/\""),
        "cross-links"
    );
    assert!(page.contains("href=\"/kb/symptoms/\""), "authors' links");
    assert!(page.contains("href=\"/kb/style.css\""));
    assert!(site
        .read("sitemap.xml")
        .contains("<loc>https://preview.example.net/kb/articles/nerves/tingling/</loc>"));
    assert!(site
        .read("atom.xml")
        .contains("https://preview.example.net/kb/articles/nerves/tingling/"));
    assert!(!site.read("sitemap.xml").contains("example.org"));
    // Without it, site.toml's address as before.
    site.build().assert_ok();
    assert!(site
        .read("sitemap.xml")
        .contains("<loc>https://example.org/articles/nerves/tingling/</loc>"));
    // An address that is none is refused before anything is built.
    let refused = site.build_with(&["--base-url", "preview.example.net"]);
    assert_eq!(refused.code, 2, "{}", refused.stderr);
    assert!(
        refused.stderr.contains("absolute http(s) address"),
        "{}",
        refused.stderr
    );
    assert!(site.read("sitemap.xml").contains("https://example.org/"));
}

/// An article's first picture is its link preview: `og:image` and JSON-LD `image`, absolute
/// (under the site's path), with a large Twitter card; an article without one has neither.
/// Pictures after the first load lazily.
#[test]
fn an_articles_first_picture_is_its_link_preview() {
    let site = Site::new();
    site.file("content/static/img/nerve.png", "png")
        .article(
            "nerves/local.md",
            "title: Local",
            "Text.\n\n![A nerve](/img/nerve.png) and ![Another](https://cdn.example/b.png), then\n\
             ![Third](/img/nerve.png \"T\") and [the plain one](plain.md).\n",
        )
        .article(
            "nerves/remote.md",
            "title: Remote",
            "Text.\n\n![A chart](https://cdn.example/chart.png \"Chart\")\n",
        )
        .article("nerves/plain.md", "title: Plain", "No pictures.\n");
    site.build_with(&["--base-url", "https://example.org/health"])
        .assert_ok();
    let local = site.read("articles/nerves/local/index.html");
    let absolute = "https://example.org/health/img/nerve.png";
    assert!(
        local.contains(&format!(
            "<meta property=\"og:image\" content=\"{absolute}\">"
        )),
        "{local}"
    );
    assert!(local.contains("<meta name=\"twitter:card\" content=\"summary_large_image\">"));
    let ld = crate::support::json_ld_of(&local, "MedicalWebPage");
    assert_eq!(ld["image"], absolute);
    // The first picture loads at once; later ones as the reader scrolls to them.
    assert!(
        local.contains("<img src=\"/health/img/nerve.png\" alt=\"A nerve\""),
        "{local}"
    );
    assert!(local.contains(
        "<img loading=\"lazy\" decoding=\"async\" src=\"https://cdn.example/b.png\" alt=\"Another\""
    ));
    // What follows a lazy picture still finds its place: its destination, a link's.
    assert!(local.contains(
        "<img loading=\"lazy\" decoding=\"async\" src=\"/health/img/nerve.png\" alt=\"Third\" title=\"T\""
    ));
    assert!(local.contains("<a href=\"/health/articles/nerves/plain/\">the plain one</a>"));
    let remote = site.read("articles/nerves/remote/index.html");
    assert!(
        remote.contains("<meta property=\"og:image\" content=\"https://cdn.example/chart.png\">")
    );
    let plain = site.read("articles/nerves/plain/index.html");
    assert!(!plain.contains("og:image"));
    assert!(plain.contains("<meta name=\"twitter:card\" content=\"summary\">"));
    assert_eq!(plain.matches("twitter:card").count(), 1);
    assert!(crate::support::json_ld_of(&plain, "MedicalWebPage")
        .get("image")
        .is_none());
}

/// A list field written as one string is taken as a list: terms and ids split at commas
/// (`tags: nerves, b12`), authors and paths whole (`author: Jane Doe, MD`); Hugo's `author`
/// and `lastmod` are read as `authors` and `updated`; `tags: ~` is no tags. Records too.
#[test]
fn list_fields_may_be_one_string_and_hugos_names_are_read() {
    let site = Site::new();
    site.file(
        "content/symptoms/fatigue.yaml",
        "name: Fatigue\naliases: tiredness, exhaustion\nrelated_supplements: zinc\n",
    )
    .file(
        "content/supplements/zinc.json",
        "{\"name\": \"Zinc\", \"forms\": \"tablet, lozenge\", \"links\": \"https://shop.example/zinc\"}",
    )
    .article(
        "a/one.md",
        "title: One\nauthor: Jane Doe, MD\ndate: 2024-01-01\nlastmod: 2024-02-01\ntags: nerves, b12\nkeywords: ~\nsymptoms: fatigue\nsupplements: zinc\naliases: /old/one/",
        "Body text about [a shop](https://shop.example/zinc).\n",
    )
    .article(
        "a/two.md",
        "title = \"Two\"\nauthors = \"Ann Lee\"\nkeywords = \"tiredness, sleep\"",
        "Being exhausted.\n",
    );
    // The second article's front matter is TOML.
    let two = std::fs::read_to_string(site.path("content/articles/a/two.md"))
        .unwrap()
        .replace("---", "+++");
    site.file("content/articles/a/two.md", &two);
    site.build().assert_ok();
    let one = site.read("articles/a/one/index.html");
    assert!(
        one.contains("By <a href=\"/authors/jane-doe-md/\">Jane Doe, MD</a></span>"),
        "{one}"
    );
    assert!(one.contains("Updated <time datetime=\"2024-02-01\">"));
    assert!(links_to(&one, "/tags/nerves/") && links_to(&one, "/tags/b12/"));
    assert!(links_to(&one, "/symptoms/fatigue/") && links_to(&one, "/supplements/zinc/"));
    assert!(site.read("old/one/index.html").contains("/articles/a/one/"));
    let two = site.read("articles/a/two/index.html");
    assert!(two.contains(">Ann Lee</a></span>"), "{two}");
    assert!(links_to(&two, "/keywords/tiredness/") && links_to(&two, "/keywords/sleep/"));
    let fatigue = site.read("symptoms/fatigue/index.html");
    assert!(fatigue.contains("exhaustion") && links_to(&fatigue, "/supplements/zinc/"));
    // "exhausted" is no alias; "exhaustion" is, and links the record.
    let zinc = site.read("supplements/zinc/index.html");
    assert!(zinc.contains("lozenge") && zinc.contains("https://shop.example/zinc"));
    // Both names of one field are one field written twice.
    site.article("a/one.md", "title: One\nauthor: A\nauthors: [B]", "Text\n");
    site.build()
        .assert_failed()
        .assert_said(&["duplicate field `authors`", "one.md:"]);
}

/// `extra` tables (an article's, a record's, `site.toml`'s) reach the templates as
/// `article.extra`, `symptom.extra`, `supplement.extra` and `site.extra`, values as
/// written (TOML's dates as their text), and are an empty table where unset.
#[test]
fn extra_fields_reach_the_templates() {
    let site = Site::new();
    site.file(
        "site.toml",
        &format!("{SITE_TOML}[extra]\nhandle = \"@kb\"\nlaunched = 2024-01-02\n"),
    )
    .file(
        "content/symptoms/fatigue.yaml",
        "name: Fatigue\nextra:\n  icd10: R53\n",
    )
    .article(
        "a/one.md",
        "title: One\nextra:\n  specialty: Neurology\n  stages: [early, late]",
        "Text.\n",
    )
    .article("a/two.md", "title: Two", "Text.\n")
    .file(
        "themes/default/templates/article.html",
        "{% extends \"base.html\" %}{% block content %}<p id=x>{{ article.extra.specialty | default(value=\"\") }}|{{ article.extra.stages | default(value=[]) | length }}|{{ site.extra.handle }}|{{ site.extra.launched }}|{% if article.extra.none %}set{% else %}unset{% endif %}</p>{% endblock content %}",
    )
    .file(
        "themes/default/templates/symptom.html",
        "{% extends \"base.html\" %}{% block content %}<p id=x>{{ symptom.extra.icd10 }}</p>{% endblock content %}",
    );
    site.build().assert_ok();
    assert!(site
        .read("articles/a/one/index.html")
        .contains("<p id=x>Neurology|2|@kb|2024-01-02|unset</p>"));
    assert!(site
        .read("articles/a/two/index.html")
        .contains("<p id=x>|0|@kb|2024-01-02|unset</p>"));
    assert!(site
        .read("symptoms/fatigue/index.html")
        .contains("<p id=x>R53</p>"));
    site.article("a/two.md", "title: Two\nextra: 3", "Text.\n");
    site.build()
        .assert_failed()
        .assert_said(&["expected a table of `name: value` fields", "two.md:3:8"]);
}

/// The page's title is its one `h1`: a body written with `#` sections, or starting at
/// `###`, has its headings moved as a whole until the highest is an `h2`, nesting kept
/// (and the contents list them); a heading that still skips a level is warned of at its
/// line, in the levels the author wrote.
#[test]
fn body_headings_step_down_from_the_title_and_skipped_levels_are_warned_of() {
    let site = Site::new();
    site.article(
        "a.md",
        "title: A",
        "Intro.\n\n# Causes\n\nText.\n\n## Diet\n\nText.\n\n# Signs\n\nText.\n\n# Tests\n\nText.\n",
    )
    .article(
        "b.md",
        "title: B",
        "### One\n\nText.\n\n### Two\n\nText.\n\n#### Two a\n\nText.\n",
    )
    .article(
        "c.md",
        "title: C",
        "## One\n\nText.\n\n#### Deep\n\nText.\n\n### Early\n\n## Two\n",
    );
    let run = site.build();
    run.assert_ok_saying(&[
        "warning: heading `####` comes straight after a `##` heading",
        "content/articles/c.md:8:1",
        "make it `###`, or put a `###` heading between them",
    ]);
    assert_eq!(
        run.stderr.matches("warning: heading").count(),
        1,
        "{}",
        run.stderr
    );
    let a = site.read("articles/a/index.html");
    assert_eq!(a.matches("<h1").count(), 1, "{a}");
    let body = article_body(&a);
    for h in [
        "<h2 id=\"causes\">",
        "<h3 id=\"diet\">",
        "<h2 id=\"signs\">",
        "<h2 id=\"tests\">",
    ] {
        assert!(body.contains(h), "{h}: {body}");
    }
    assert!(
        a.contains("<a href=\"#causes\">Causes</a>"),
        "no contents: {a}"
    );
    let b = article_body(&site.read("articles/b/index.html")).to_string();
    assert!(
        b.contains("<h2 id=\"one\">") && b.contains("<h3 id=\"two-a\">"),
        "{b}"
    );
    // A record's text steps down from its page's title too.
    site.file(
        "content/symptoms/numbness.yaml",
        "name: Numbness\ndescription: |\n  # Causes\n\n  Text.\n",
    );
    site.build().assert_ok();
    let numbness = site.read("symptoms/numbness/index.html");
    assert_eq!(numbness.matches("<h1").count(), 1, "{numbness}");
    assert!(numbness.contains("<h2 id=\"causes\">"), "{numbness}");
    // A skip before the text's highest level: the first heading is below it.
    site.article(
        "d.md",
        "title: D",
        "### Early\n\nText.\n\n## Main\n\nText.\n",
    );
    site.build().assert_ok_saying(&[
        "warning: heading `###` comes before any `##` heading",
        "content/articles/d.md:4:1",
    ]);
}

/// Pictures that are files of the site get their `width` and `height` from the file (PNG,
/// GIF, JPEG turned by its EXIF orientation), so the text does not jump as they load; a
/// picture elsewhere, or a file that is no readable picture, gets none. Also in records and
/// on the home page, and for names written with `%20` for a space.
#[test]
fn pictures_of_the_site_are_given_their_size() {
    fn png(w: u32, h: u32) -> Vec<u8> {
        // The header is all a size reader needs: signature and IHDR.
        let mut b = b"\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR".to_vec();
        b.extend_from_slice(&w.to_be_bytes());
        b.extend_from_slice(&h.to_be_bytes());
        b.extend_from_slice(&[8, 2, 0, 0, 0, 0, 0, 0, 0]);
        b
    }
    /// A JPEG whose EXIF orientation is 6 (stored 80 wide, 60 high; shown turned).
    fn turned_jpeg() -> Vec<u8> {
        let mut tiff = b"II\x2a\0\x08\0\0\0\x01\0".to_vec();
        tiff.extend_from_slice(&[0x12, 0x01, 3, 0, 1, 0, 0, 0, 6, 0, 0, 0]);
        let mut b = vec![0xFF, 0xD8, 0xFF, 0xE1];
        b.extend_from_slice(&u16::try_from(tiff.len() + 8).unwrap().to_be_bytes());
        b.extend_from_slice(b"Exif\0\0");
        b.extend_from_slice(&tiff);
        // SOF0: precision, height 60, width 80, one component.
        b.extend_from_slice(&[0xFF, 0xC0, 0, 11, 8, 0, 60, 0, 80, 1, 1, 0x11, 0]);
        b.extend_from_slice(&[0xFF, 0xDA, 0, 2]);
        b
    }
    let site = Site::new();
    site.bytes("content/static/img/wide.png", &png(640, 320))
        .bytes("content/articles/nerves/my photo.png", &png(300, 400))
        .bytes("content/static/img/portrait.jpg", &turned_jpeg())
        .file("content/static/img/fake.png", "not a picture")
        .file(
            "content/_index.md",
            "Welcome. ![Banner](/img/wide.png)\n",
        )
        .file(
            "content/symptoms/numbness.yaml",
            "name: Numbness\ndescription: \"![Map of nerves](/img/wide.png)\"\n",
        )
        .article(
            "nerves/a.md",
            "title: A",
            "![Wide](/img/wide.png)\n\n![Mine](my%20photo.png)\n\n![Turned](/img/portrait.jpg)\n\n![Fake](/img/fake.png)\n\n![Far](https://cdn.example/x.png)\n",
        );
    site.build().assert_ok();
    // The picture with a space in its name, first on its page, is its link preview.
    site.article("nerves/b.md", "title: B", "![Mine](my%20photo.png)\n");
    site.build().assert_ok();
    assert!(site.read("articles/nerves/b/index.html").contains(
        "<meta property=\"og:image\" content=\"https://example.org/articles/nerves/my%20photo.png\">"
    ));
    let page = site.read("articles/nerves/a/index.html");
    // The first picture is the link preview, with its size for the sites that show it.
    assert!(page.contains("<meta property=\"og:image:width\" content=\"640\">\n<meta property=\"og:image:height\" content=\"320\">"), "{page}");
    let a = article_body(&page).to_string();
    for img in [
        "<img src=\"/img/wide.png\" width=\"640\" height=\"320\" alt=\"Wide\"",
        "src=\"/articles/nerves/my%20photo.png\" width=\"300\" height=\"400\" alt=\"Mine\"",
        "src=\"/img/portrait.jpg\" width=\"60\" height=\"80\" alt=\"Turned\"",
        "src=\"/img/fake.png\" alt=\"Fake\"",
        "src=\"https://cdn.example/x.png\" alt=\"Far\"",
    ] {
        assert!(a.contains(img), "{img}: {a}");
    }
    assert!(site
        .read("index.html")
        .contains("src=\"/img/wide.png\" width=\"640\" height=\"320\" alt=\"Banner\""));
    assert!(site
        .read("symptoms/numbness/index.html")
        .contains("src=\"/img/wide.png\" width=\"640\" height=\"320\" alt=\"Map of nerves\""));
}

/// Everyone an article credits, its authors and its medical reviewer, has a page at
/// `/authors/<slug>/` listing the articles they wrote or reviewed (newest first, split into
/// pages like any list, saying how many of each), linked from the byline and the review
/// note and named with its URL in the JSON-LD; `/authors/` lists them all, and the sitemap
/// has them. Names are merged by slug, as keywords are.
#[test]
fn authors_and_reviewers_have_pages_of_their_articles() {
    let site = Site::paged(2, 0);
    site.article(
        "a.md",
        "title: A\ndate: 2024-01-01\nauthors: [Jane Doe, Sam Roe]\nreviewed_by: Dr Ann Lee",
        "Text.\n",
    )
    .article(
        "b.md",
        "title: B\ndate: 2024-02-01\nauthors: [jane doe]\nreviewed_by: Dr Ann Lee",
        "Text.\n",
    )
    .article(
        "c.md",
        "title: C\ndate: 2024-03-01\nauthors: [Dr Ann Lee]\nreviewed_by: Jane Doe",
        "Text.\n",
    )
    .article("d.md", "title: D\ndate: 2024-04-01", "Text.\n");
    site.build().assert_ok();
    let a = site.read("articles/a/index.html");
    assert!(a.contains(
        "By <a href=\"/authors/jane-doe/\">Jane Doe</a> and <a href=\"/authors/sam-roe/\">Sam Roe</a>"
    ), "{a}");
    assert!(a.contains("Medically reviewed by <a href=\"/authors/dr-ann-lee/\">"));
    let ld = json_ld_of(&a, "MedicalWebPage");
    assert_eq!(
        ld["author"][0]["url"],
        "https://example.org/authors/jane-doe/"
    );
    assert_eq!(
        ld["reviewedBy"]["url"],
        "https://example.org/authors/dr-ann-lee/"
    );
    // Jane wrote A and B (as "jane doe" too) and reviewed C: three articles, two a page.
    let jane = site.read("authors/jane-doe/index.html");
    assert!(jane.contains("<h1>Jane Doe</h1>"), "{jane}");
    assert!(jane.contains("Jane Doe wrote 2 articles and medically reviewed 1 on this site."));
    assert!(jane.contains("href=\"/articles/c/\"") && jane.contains("href=\"/articles/b/\""));
    assert!(
        !jane.contains("href=\"/articles/a/\""),
        "newest first, two a page"
    );
    assert!(site
        .read("authors/jane-doe/page/2/index.html")
        .contains("href=\"/articles/a/\""));
    let ann = site.read("authors/dr-ann-lee/index.html");
    assert!(ann.contains("Dr Ann Lee wrote 1 article and medically reviewed 2 on this site."));
    assert!(site
        .read("authors/sam-roe/index.html")
        .contains("Sam Roe wrote 1 article on this site."));
    assert!(a.contains("<li><a href=\"/authors/\">Authors and reviewers</a></li>"));
    let index = site.read("authors/index.html");
    for page in [
        "/authors/jane-doe/",
        "/authors/sam-roe/",
        "/authors/dr-ann-lee/",
    ] {
        assert!(
            index.contains(&format!("href=\"{page}\"")),
            "{page}: {index}"
        );
    }
    // No byline, no link to anyone's page (the footer links the index).
    assert_eq!(
        site.read("articles/d/index.html")
            .matches("/authors/")
            .count(),
        1
    );
    let sitemap = site.read("sitemap.xml");
    assert!(sitemap.contains("<loc>https://example.org/authors/jane-doe/</loc>"));
    assert!(sitemap.contains("<loc>https://example.org/authors/</loc>"));
    // A link to a person's page is a link to a page of the site.
    site.article(
        "e.md",
        "title: E",
        "See [Jane](/authors/jane-doe/) and [no one](/authors/nobody/).\n",
    );
    site.build()
        .assert_failed()
        .assert_said(&["link to `/authors/nobody/`, a page that does not exist"]);
}

/// A record in `content/authors/` says who a person is: their page (at the record's id)
/// shows their name, credentials, job title, bio and pages elsewhere, and a ProfilePage in
/// its JSON-LD; articles crediting them by their name or an alias link there. Someone with
/// a record and no article yet has a page too. Two records claiming one name is an error.
#[test]
fn a_person_record_says_who_they_are_on_their_page() {
    let site = Site::new();
    site.file(
        "content/authors/ann-lee.yaml",
        "name: Dr Ann Lee\naliases: [A. Lee]\ncredentials: MD, MRCP\njob_title: Consultant neurologist\nbio: Leads the [nerve clinic](/articles/a/).\nlinks: https://register.example/ann\n",
    )
    .file("content/authors/bo-kim.toml", "name = \"Bo Kim\"\n")
    .article("a.md", "title: A\nauthors: [A. Lee]\nreviewed_by: Dr Ann Lee", "Text.\n");
    site.build().assert_ok();
    let a = site.read("articles/a/index.html");
    assert!(
        a.contains("By <a href=\"/authors/ann-lee/\">A. Lee</a>"),
        "{a}"
    );
    assert!(a.contains("Medically reviewed by <a href=\"/authors/ann-lee/\">"));
    let ann = site.read("authors/ann-lee/index.html");
    for shown in [
        "<p class=\"eyebrow\">Consultant neurologist</p>",
        "<h1>Dr Ann Lee<span class=\"credentials\">, MD, MRCP</span></h1>",
        "Leads the <a href=\"/articles/a/\">nerve clinic</a>.",
        "<a class=\"external\" href=\"https://register.example/ann\" rel=\"me noopener\">register.example</a>",
        "href=\"/articles/a/\"",
    ] {
        assert!(ann.contains(shown), "{shown}: {ann}");
    }
    let profile = json_ld_of(&ann, "ProfilePage");
    assert_eq!(profile["mainEntity"]["jobTitle"], "Consultant neurologist");
    assert_eq!(
        profile["mainEntity"]["sameAs"][0],
        "https://register.example/ann"
    );
    assert_eq!(
        profile["mainEntity"]["url"],
        "https://example.org/authors/ann-lee/"
    );
    assert!(site
        .read("authors/bo-kim/index.html")
        .contains("<h1>Bo Kim</h1>"));
    assert!(site
        .read("authors/index.html")
        .contains("href=\"/authors/bo-kim/\""));
    // A bio's link is checked as any link is.
    site.file(
        "content/authors/bo-kim.toml",
        "name = \"Bo Kim\"\nbio = \"[x](/nowhere/)\"\n",
    );
    site.build()
        .assert_failed()
        .assert_said(&["link to `/nowhere/`", "content/authors/bo-kim.toml"]);
    site.file(
        "content/authors/bo-kim.toml",
        "name = \"Bo Kim\"\naliases = [\"A. Lee\"]\n",
    );
    site.build().assert_failed().assert_said(&[
        "`a-lee` names two people: `ann-lee` and `bo-kim`",
        "content/authors/bo-kim.toml",
    ]);
}

/// `content/pages/` holds what a publisher needs beside articles (about, editorial policy,
/// contact): each published at its path, linked from the header or footer as its `menu`
/// says, in the sitemap, its links checked, its text not cross-linked, and never listed
/// among the articles.
#[test]
fn standalone_pages_are_published_at_their_paths_and_in_their_menus() {
    let site = Site::new();
    site.file("content/symptoms/paresthesia.yaml", SYMPTOM_PARESTHESIA)
        .article("nerves/a.md", "title: A", "See [our policy](/policies/review/).\n")
        .file(
            "content/pages/about-us.md",
            "---\ntitle: About <us>\nupdated: 2026-01-02\nmenu: footer\nweight: 2\n---\n\
             We write about paresthesia. Read the [review policy](/policies/review/).\n",
        )
        .file(
            "content/pages/policies/review.md",
            "---\ntitle: Review policy\nmenu: main\n---\nEvery article is reviewed.\n",
        )
        .file(
            "content/pages/Contact.md",
            "---\ntitle: Contact\nmenu: footer\nweight: 1\ndescription: Write to us.\n---\nBy post.\n",
        )
        .file(
            "content/pages/policies/index.md",
            "---\ntitle: Policies\n---\nOur policies.\n",
        )
        .file(
            "content/pages/draft.md",
            "---\ntitle: Not yet\ndraft: true\n---\nSoon.\n",
        )
        .file("content/pages/policies/complaints.pdf", "a form");
    site.build().assert_ok();
    // A file beside the pages is published beside them.
    assert_eq!(site.read("policies/complaints.pdf"), "a form");

    let about = site.read("about-us/index.html");
    assert!(
        about.contains("<h1 id=\"page-title\">About &lt;us&gt;</h1>"),
        "{about}"
    );
    assert!(about.contains("datetime=\"2026-01-02\""), "{about}");
    assert!(
        !about.contains("href=\"/symptoms/paresthesia/\""),
        "{about}"
    );
    assert!(links_to(&about, "/policies/review/"), "{about}");
    assert_eq!(
        json_ld_of(&about, "AboutPage")["url"],
        "https://example.org/about-us/"
    );
    assert_eq!(
        json_ld_of(&site.read("contact/index.html"), "ContactPage")["name"],
        "Contact"
    );
    assert!(site
        .read("contact/index.html")
        .contains("<meta name=\"description\" content=\"Write to us.\">"));
    assert!(site.read("policies/index.html").contains("Our policies."));
    assert!(!site.exists("draft/index.html"));

    // The header has the `main` page after the site's own entries; the footer (which
    // repeats the header's) the `footer` pages, by weight; every page shows them.
    let home = site.read("index.html");
    let header = &home[home.find("class=\"site-nav\"").expect("nav")..];
    let header = &header[..header.find("</nav>").expect("nav ends")];
    assert!(
        header.find("/keywords/").expect("keywords")
            < header.find("/policies/review/").expect("page"),
        "{header}"
    );
    let footer = &home[home.find("class=\"footer-nav\"").expect("footer")..];
    let contact = footer
        .find("href=\"/contact/\"")
        .expect("contact in the footer");
    let about_link = footer
        .find("href=\"/about-us/\"")
        .expect("about in the footer");
    assert!(contact < about_link, "weight orders the footer: {footer}");
    let review = site.read("policies/review/index.html");
    assert!(
        review.contains("<a href=\"/policies/review/\" aria-current=\"page\">"),
        "{review}"
    );

    let sitemap = site.read("sitemap.xml");
    assert!(
        sitemap.contains(
            "<loc>https://example.org/about-us/</loc>\n    <lastmod>2026-01-02</lastmod>"
        ),
        "{sitemap}"
    );
    assert!(
        sitemap.contains("<loc>https://example.org/policies/review/</loc>"),
        "{sitemap}"
    );
    assert!(!sitemap.contains("draft"), "{sitemap}");
    let articles = site.read("articles/index.html");
    let main = &articles
        [articles.find("<main").expect("main")..articles.find("</main>").expect("main ends")];
    assert!(
        !main.contains("About &lt;us&gt;") && !main.contains("/about-us/"),
        "{main}"
    );
}

/// `language = "fr"`: the built-in theme's words, the titles and breadcrumbs Materia writes,
/// dates and the search page are in French; `[translations]` overrides any of them. An
/// English site's pages are the same as before (the rest of the suite).
#[test]
fn a_french_site_is_in_french_and_translations_override_the_words() {
    let site = Site::new();
    site.file(
        "site.toml",
        "title = \"Santé\"\nbase_url = \"https://example.org\"\nlanguage = \"fr\"\n\
         paginate_by = 1\n\n[translations]\nrelated_articles = \"À lire aussi\"\n",
    )
    .file(
        "content/symptoms/fatigue.yaml",
        "name: Fatigue\naliases: [épuisement]\nseek_care: Consultez.\n",
    );
    for (slug, day) in [("un", "05"), ("deux", "06")] {
        site.article(
            &format!("nerfs/{slug}.md"),
            &format!(
                "title: Article {slug}\ndate: 2024-03-{day}\nreviewed_by: Dr Martin\n\
                 reviewed_on: 2024-03-{day}\ntags: [vitamines]\nsymptoms: [fatigue]"
            ),
            "La fatigue est fréquente[^1].\n\n## Les causes\n\n> [!WARNING]\n> Consultez.\n\n\
             | a | b |\n|---|---|\n| 1 | 2 |\n\n[^1]: Une note.\n",
        );
    }
    site.build().assert_ok();
    let article = site.read("articles/nerfs/un/index.html");
    for words in [
        "<span>Publié le <time datetime=\"2024-03-05\">5 mars 2024</time></span>",
        "Relu sur le plan médical par <a href=\"/authors/dr-martin/\"><strong>Dr Martin</strong></a> le <time datetime=\"2024-03-05\">5 mars 2024</time>.",
        ">1 min de lecture<",
        ">Symptômes abordés dans cet article<",
        ">À lire aussi</h2>",
        ">Aller au contenu<",
        "aria-label=\"Fil d’Ariane\"",
        "<a href=\"/\">Accueil</a>",
        ">Symptômes</a>",
        "placeholder=\"Rechercher sur ce site (touche /)\"",
        // What the Markdown's own markup says.
        "<p class=\"alert-title\">Avertissement</p>",
        "aria-label=\"Tableau\"",
        "aria-label=\"Lien vers cette section\">#</a>",
        "<section class=\"footnotes\" aria-label=\"Notes\">",
        "aria-label=\"Retour à l’appel de note 1\"",
    ] {
        assert!(article.contains(words), "{words} in {article}");
    }
    assert!(!article.contains("Related articles"), "{article}");
    let tag = site.read("tags/vitamines/page/2/index.html");
    for words in [
        "<title>vitamines (page 2 sur 2) · Santé</title>",
        "2 articles avec l’étiquette « vitamines ».",
        ">Page 2 sur 2<",
        "aria-label=\"Page 1\"",
        ">← Plus récents<",
        ">Toutes les étiquettes<",
        "Page 2 sur 2.\">",
    ] {
        assert!(tag.contains(words), "{words} in {tag}");
    }
    let symptom = site.read("symptoms/fatigue/index.html");
    for words in [
        ">Aussi appelé :<",
        ">Quand consulter<",
        ">Articles qui mentionnent Fatigue<",
    ] {
        assert!(symptom.contains(words), "{words} in {symptom}");
    }
    assert!(site
        .read("symptoms/index.html")
        .contains("<span class=\"count\">2 articles</span>"));
    assert!(site
        .read("search/index.html")
        .contains("<h1>Rechercher</h1>"));
    assert!(site.read("404.html").contains("<h1>Page introuvable</h1>"));
    let manifest = site.read("search/index.json");
    assert!(
        manifest.contains("\"kinds\":[\"article\",\"symptôme\",\"complément\"]")
            && manifest.contains("\"Aucun résultat pour « {q} »\""),
        "{manifest}"
    );
}

/// `language = "es"`: the built-in theme's words, dates and counts are in Spanish.
#[test]
fn a_spanish_site_is_in_spanish() {
    let site = Site::new();
    site.file(
        "site.toml",
        "title = \"Salud\"\nbase_url = \"https://example.org\"\nlanguage = \"es\"\n",
    )
    .file(
        "content/symptoms/fatiga.yaml",
        "name: Fatiga\naliases: [agotamiento]\nseek_care: Consulte.\n",
    )
    .article(
        "nervios/uno.md",
        "title: Artículo uno\ndate: 2024-03-05\nreviewed_by: Dra. García\n\
         reviewed_on: 2024-03-05\ntags: [vitaminas]\nsymptoms: [fatiga]",
        "La fatiga es frecuente.\n\n## Las causas\n\nUna carencia de hierro.\n",
    );
    site.build().assert_ok();
    let article = site.read("articles/nervios/uno/index.html");
    for words in [
        "<span>Publicado el <time datetime=\"2024-03-05\">5 de marzo de 2024</time></span>",
        "Revisión médica de <a href=\"/authors/dra-garcia/\"><strong>Dra. García</strong></a> el <time datetime=\"2024-03-05\">5 de marzo de 2024</time>.",
        ">Síntomas tratados en este artículo<",
        ">Ir al contenido<",
        "placeholder=\"Buscar en este sitio (tecla /)\"",
    ] {
        assert!(article.contains(words), "{words} in {article}");
    }
    let tag = site.read("tags/vitaminas/index.html");
    assert!(
        tag.contains("1 artículo con la etiqueta «vitaminas»."),
        "{tag}"
    );
    let symptom = site.read("symptoms/fatiga/index.html");
    for words in [">También llamado:<", ">Cuándo consultar a un médico<"] {
        assert!(symptom.contains(words), "{words} in {symptom}");
    }
}

/// `language = "pt-BR"`: the built-in theme's words, dates and counts are in Portuguese,
/// zero counted as singular.
#[test]
fn a_portuguese_site_is_in_portuguese() {
    let site = Site::new();
    site.file(
        "site.toml",
        "title = \"Saúde\"\nbase_url = \"https://example.org\"\nlanguage = \"pt-BR\"\n",
    )
    .file(
        "content/symptoms/cansaco.yaml",
        "name: Cansaço\naliases: [fadiga]\nseek_care: Procure um médico.\n",
    )
    .article(
        "nervos/um.md",
        "title: Artigo um\ndate: 2024-03-05\nreviewed_by: Dra. Souza\n\
         reviewed_on: 2024-03-05\ntags: [vitaminas]\nsymptoms: [cansaco]",
        "A fadiga é comum.\n\n## As causas\n\nUma falta de ferro.\n",
    );
    site.build().assert_ok();
    let article = site.read("articles/nervos/um/index.html");
    for words in [
        "<html lang=\"pt-BR\"",
        "<span>Publicado em <time datetime=\"2024-03-05\">5 de março de 2024</time></span>",
        "Revisão médica de <a href=\"/authors/dra-souza/\"><strong>Dra. Souza</strong></a> em <time datetime=\"2024-03-05\">5 de março de 2024</time>.",
        ">Sintomas tratados neste artigo<",
        ">Ir para o conteúdo<",
        "placeholder=\"Pesquisar no site (tecla /)\"",
    ] {
        assert!(article.contains(words), "{words} in {article}");
    }
    let tag = site.read("tags/vitaminas/index.html");
    assert!(
        tag.contains("1 artigo com a etiqueta “vitaminas”."),
        "{tag}"
    );
    let symptom = site.read("symptoms/cansaco/index.html");
    for words in [">Também chamado de:<", ">Quando procurar um médico<"] {
        assert!(symptom.contains(words), "{words} in {symptom}");
    }
    assert!(site
        .read("404.html")
        .contains("<h1>Página não encontrada</h1>"));
}

/// A site in a language Materia has no texts of is warned, at its `language` line, of the
/// texts its pages will show in English, until `[translations]` gives them all; a built-in
/// language is not.
#[test]
fn a_language_without_texts_is_warned_of_the_english_ones_left() {
    let site = Site::new();
    site.file(
        "site.toml",
        &format!("{SITE_TOML}language = \"nl\"\n[translations]\nhome = \"Startpagina\"\n"),
    )
    .article("a.md", "title: A", "Text.\n");
    let line = SITE_TOML.lines().count() + 1;
    let run = site.build();
    run.assert_ok_saying(&[
        "warning: language `nl` has no built-in texts: ",
        "of the texts pages show will be in English (`a_to_z`, ",
        "set `language` to one with texts built in: `en`, `fr`, `de`, `es`, `it`, `pt`",
        &format!("--> site.toml:{line}:1"),
    ]);
    // Every text given: no warning.
    let all: String = materia::translations::Words::default()
        .keys()
        .map(|key| format!("{key} = \"x\"\n"))
        .collect();
    let months = "months = \"1|2|3|4|5|6|7|8|9|10|11|12\"\n";
    let all = all
        .lines()
        .filter(|l| !l.starts_with("months "))
        .map(|l| format!("{l}\n"))
        .collect::<String>()
        + months;
    site.file(
        "site.toml",
        &format!("{SITE_TOML}language = \"nl\"\n[translations]\n{all}"),
    );
    let run = site.build();
    run.assert_ok();
    assert!(!run.stderr.contains("built-in texts"), "{}", run.stderr);
    site.file("site.toml", &format!("{SITE_TOML}language = \"fr-CA\"\n"));
    let run = site.build();
    run.assert_ok();
    assert!(!run.stderr.contains("built-in texts"), "{}", run.stderr);
}

/// An unknown `[translations]` key is an error at its line, with the nearest key; so is a
/// month list that is not twelve names, even where an earlier text holds the word "months".
#[test]
fn a_misspelt_translation_key_is_an_error_at_its_line() {
    let site = Site::new();
    site.file(
        "site.toml",
        &format!(
            "{SITE_TOML}\n[translations]\nhome = \"Start, by months\"\nreleated_articles = \"See also\"\n\
             months = \"Jan|Feb\"\n"
        ),
    )
    .article("a.md", "title: A", "Text.\n");
    let run = site.build();
    run.assert_failed();
    let line = SITE_TOML.lines().count() + 4;
    for words in [
        "in [translations]: `releated_articles` is not a text of the theme".to_string(),
        format!("--> site.toml:{line}:1"),
        "did you mean `related_articles`?".to_string(),
        "`months` needs the twelve month names split by `|`, not 2".to_string(),
        // At the key, not at the first "months" after `[translations]`.
        format!("--> site.toml:{}:1", line + 1),
    ] {
        assert!(run.stderr.contains(&words), "{words} in {}", run.stderr);
    }
}
