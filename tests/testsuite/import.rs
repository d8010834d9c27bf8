//! Plain-text posts shaped like the seed article: converted into articles by `materia
//! import`, or read as such when pasted as they are into an article's body.

use crate::support::*;

/// A post in the seed's shape, written for this test.
const POST: &str = "Introduction
Iron carries oxygen in the blood, and low iron leaves many people tired. Read about [magnesium for energy](https://shop.example/collections/magnesium) too.
Iron deficiency is common in young women.
1. Signs of Low Iron
Tiredness and tingling in the feet can both appear.
2. Testing and Treatment
A blood test confirms it; see [our magnesium picks](https://www.shop.example/collections/magnesium/).
Conclusion
Eat iron-rich food and get tested.
Q&A Section
Q1: What are the first signs of low iron?
A1: Tiredness and pale skin.
Q2: Can it be treated?
A2: Yes, with iron and by treating the cause.
Important Keywords
Iron deficiency, anaemia symptoms, iron supplements.
";

fn site_with_records() -> Site {
    let site = Site::new();
    site.file("content/symptoms/paresthesia.yaml", SYMPTOM_PARESTHESIA)
        .file(
            "content/supplements/magnesium.yaml",
            "name: Magnesium\nlinks: [\"https://shop.example/collections/magnesium\"]\n",
        )
        .file("post.txt", POST);
    site
}

#[test]
fn import_converts_sections_faq_keywords_and_product_links() {
    let site = site_with_records();
    let root = site.root().to_string_lossy().into_owned();
    let post = site.path("post.txt").to_string_lossy().into_owned();
    site.run(&["import", &post, "--section", "minerals", "--root", &root])
        .assert_ok();
    let path = site.path("content/articles/minerals/iron-deficiency-anaemia-symptoms.md");
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(
        text.contains("title: \"Iron deficiency: anaemia symptoms\""),
        "{text}"
    );
    assert!(text.contains("description: \"Iron carries oxygen in the blood, and low iron leaves many people tired."), "{text}");
    assert!(
        text.contains(
            "keywords: [\"Iron deficiency\", \"anaemia symptoms\", \"iron supplements\"]"
        ),
        "{text}"
    );
    assert!(text.contains("supplements: [\"magnesium\"]"), "{text}");
    for heading in [
        "## Introduction",
        "## Signs of Low Iron",
        "## Testing and Treatment",
        "## Conclusion",
        "## Frequently asked questions",
    ] {
        assert!(text.contains(heading), "no {heading}:\n{text}");
    }
    assert!(
        text.contains("[magnesium for energy](https://shop.example/collections/magnesium)"),
        "links kept"
    );
    assert!(!text.contains("Important Keywords"));

    site.build().assert_ok();
    let html = site.read("articles/minerals/iron-deficiency-anaemia-symptoms/index.html");
    assert_eq!(
        json_ld_of(&html, "FAQPage")["mainEntity"]
            .as_array()
            .map(Vec::len),
        Some(2)
    );
    assert!(html.contains("href=\"/symptoms/paresthesia/\""));
    assert!(site
        .read("supplements/magnesium/index.html")
        .contains("/articles/minerals/iron-deficiency-anaemia-symptoms/"));
}

/// The same post as many blogs write it: questions and answers marked in bold, and the
/// keywords as a bulleted list under "Keywords:". Imported, and pasted as it is, it gives
/// the same FAQ and keywords.
#[test]
fn a_post_with_bold_questions_and_listed_keywords_is_read() {
    let styled = POST
        .replace(
            "Q1: What are the first signs of low iron?",
            "**Q1: What are the first signs of low iron?**",
        )
        .replace("A1: ", "**A1:** ")
        .replace(
            "Important Keywords\nIron deficiency, anaemia symptoms, iron supplements.\n",
            "Keywords:\n- Iron deficiency\n- anaemia symptoms\n- iron supplements\n",
        );
    let (site, text) = both_ways(&styled);
    assert!(
        text.contains("Q: What are the first signs of low iron?\n"),
        "{text}"
    );
    for page in BOTH {
        let html = site.read(page);
        let faq = json_ld_of(&html, "FAQPage");
        assert_eq!(
            faq["mainEntity"][0]["name"], "What are the first signs of low iron?",
            "{page}"
        );
        assert_eq!(
            faq["mainEntity"][0]["acceptedAnswer"]["text"], "Tiredness and pale skin.",
            "{page}"
        );
        for keyword in ["iron-deficiency", "anaemia-symptoms", "iron-supplements"] {
            assert!(
                html.contains(&format!("href=\"/keywords/{keyword}/\"")),
                "{page}: {keyword}"
            );
        }
    }
}

#[test]
fn import_takes_a_title_and_refuses_to_overwrite() {
    let site = site_with_records();
    let root = site.root().to_string_lossy().into_owned();
    let post = site.path("post.txt").to_string_lossy().into_owned();
    site.run(&["import", &post, "--title", "Low Iron", "--root", &root])
        .assert_ok();
    assert!(site.path("content/articles/low-iron.md").exists());
    let again = site.run(&["import", &post, "--title", "Low Iron", "--root", &root]);
    again.assert_failed();
    assert!(again.stderr.contains("already exists"), "{}", again.stderr);
}

/// With `../shared/seed` beside the repository, the real seed article imports and builds
/// with the bundled records.
#[test]
fn seed_article_imports_and_links() {
    let repo = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let seed_dir = repo.join("../shared/seed");
    let Some(seed) = std::fs::read_dir(&seed_dir)
        .ok()
        .and_then(|mut d| d.next())
        .and_then(Result::ok)
    else {
        eprintln!("no ../shared/seed: skipped");
        return;
    };
    let site = Site::new();
    for kind in ["symptoms", "supplements"] {
        for entry in std::fs::read_dir(repo.join("content").join(kind)).unwrap() {
            let entry = entry.unwrap();
            let text = std::fs::read_to_string(entry.path()).unwrap();
            site.file(
                &format!("content/{kind}/{}", entry.file_name().to_string_lossy()),
                &text,
            );
        }
    }
    let root = site.root().to_string_lossy().into_owned();
    let seed_path = seed.path().to_string_lossy().into_owned();
    site.run(&[
        "import",
        &seed_path,
        "--section",
        "seed",
        "--title",
        "Seed article",
        "--root",
        &root,
    ])
    .assert_ok();
    site.build().assert_ok();
    let html = site.read("articles/seed/seed-article/index.html");
    let body = article_body(&html);
    for symptom in [
        "/symptoms/peripheral-neuropathy/",
        "/symptoms/numbness/",
        "/symptoms/subacute-combined-degeneration/",
    ] {
        assert!(
            body.contains(&format!("class=\"xref xref-symptom\" href=\"{symptom}\"")),
            "{symptom} not linked"
        );
    }
    for supplement in [
        "magnesium",
        "vitamin-d",
        "vitamin-k",
        "omega-3",
        "vitamin-c",
    ] {
        let page = site.read(&format!("supplements/{supplement}/index.html"));
        assert!(
            page.contains("/articles/seed/seed-article/"),
            "{supplement} does not list the seed"
        );
    }
    let faq = json_ld_of(&html, "FAQPage");
    assert_eq!(faq["mainEntity"].as_array().map(Vec::len), Some(5));
}

/// The same post pasted as it is under front matter: read line by line, not as one
/// CommonMark paragraph of the whole body (no headings, no FAQ, no keywords).
#[test]
fn a_post_pasted_into_an_article_reads_as_sections_faq_and_keywords() {
    assert_read_as_a_post(POST);
}

/// The same with a blank line after each line, as a post pasted into a Markdown editor
/// often comes: read as Markdown, its titles were paragraphs and "1. Signs of Low Iron" a
/// list, with no FAQ and no keywords.
#[test]
fn a_post_pasted_with_blank_lines_reads_as_sections_faq_and_keywords() {
    assert_read_as_a_post(&POST.replace('\n', "\n\n"));
}

fn assert_read_as_a_post(post: &str) {
    let site = site_with_records();
    site.article("minerals/iron.md", "title: Low iron", post);
    site.build().assert_ok();
    let html = site.read("articles/minerals/iron/index.html");
    let body = article_body(&html);
    for (id, title) in [
        ("introduction", "Introduction"),
        ("signs-of-low-iron", "Signs of Low Iron"),
        ("testing-and-treatment", "Testing and Treatment"),
        ("conclusion", "Conclusion"),
    ] {
        assert!(
            body.contains(&format!("<h2 id=\"{id}\">{title} <a class=\"anchor\"")),
            "no heading {title}:\n{body}"
        );
        assert!(
            html.contains(&format!("href=\"#{id}\"")),
            "{title} not in the contents"
        );
    }
    // One paragraph a line.
    assert!(
        body.contains(
            "/keywords/iron-deficiency/\">Iron deficiency</a> is common in young women.</p>"
        ),
        "{body}"
    );
    let faq = json_ld_of(&html, "FAQPage");
    let questions = faq["mainEntity"].as_array().cloned().unwrap_or_default();
    assert_eq!(questions.len(), 2, "{faq}");
    assert_eq!(questions[1]["name"], "Can it be treated?");
    assert_eq!(
        questions[1]["acceptedAnswer"]["text"],
        "Yes, with iron and by treating the cause."
    );
    // The keywords line gives the keywords, and is not shown as text.
    assert!(site.exists("keywords/iron-supplements/index.html"));
    assert!(!body.contains("Important Keywords"), "{body}");
    // Cross-links and product links as in any article.
    assert!(
        body.contains("class=\"xref xref-symptom\" href=\"/symptoms/paresthesia/\">tingling</a>"),
        "{body}"
    );
    assert!(site
        .read("supplements/magnesium/index.html")
        .contains("/articles/minerals/iron/"));
}

/// Each line of a pasted post is parsed where it stands, so a problem is reported at its
/// own line and column.
#[test]
fn a_problem_in_a_pasted_post_is_reported_at_its_line() {
    let site = site_with_records();
    let post = POST.replace(
        "Eat iron-rich food and get tested.",
        "Eat well and read [the guide](missing-guide.md).",
    );
    site.article("minerals/iron.md", "title: Low iron", &post);
    let run = site.build();
    run.assert_failed();
    // Front matter: three lines; "Eat well…" is the post's ninth line.
    assert!(
        run.stderr
            .contains("content/articles/minerals/iron.md:12:19"),
        "{}",
        run.stderr
    );
}

/// With `../shared/seed` beside the repository, the seed article pasted as it is under a
/// title builds with its sections, FAQ and keywords.
#[test]
fn seed_article_pasted_as_it_is_builds_with_sections_faq_and_keywords() {
    let repo = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let Some(seed) = std::fs::read_dir(repo.join("../shared/seed"))
        .ok()
        .and_then(|mut d| d.next())
        .and_then(Result::ok)
    else {
        eprintln!("no ../shared/seed: skipped");
        return;
    };
    let text = std::fs::read_to_string(seed.path()).unwrap();
    let site = Site::new();
    site.article("seed.md", "title: Seed article", &text);
    site.build().assert_ok();
    let html = site.read("articles/seed/index.html");
    let faq = json_ld_of(&html, "FAQPage");
    assert_eq!(faq["mainEntity"].as_array().map(Vec::len), Some(5), "{faq}");
    let body = article_body(&html);
    assert!(body.matches("<h2 id=").count() >= 8, "{body}");
    assert!(body.matches("<p>").count() >= 40, "{body}");
    assert!(site.exists("keywords/subacute-combined-degeneration/index.html"));
    assert!(!body.contains("Important Keywords"));
}

/// A post saved as a `.txt` file among the articles is not built, and the warning says how
/// to make it an article; a stray file among the records gets the general hint. (A picture
/// among the articles is published: see `output::files_beside_articles_are_published`.)
#[test]
fn a_text_file_among_the_articles_is_pointed_to_import() {
    let site = site_with_records();
    site.file("content/articles/post.txt", POST)
        .file("content/symptoms/photo.png", "not really a picture");
    let run = site.build();
    run.assert_ok_saying(&[
        "warning: `post.txt` is not a content file and is ignored",
        "--> content/articles/post.txt",
        "`materia import FILE` converts a plain-text post into one",
        "--> content/symptoms/photo.png",
        "put other files in content/static/",
    ]);
    assert!(!site.exists("articles/post.txt"));
}

/// A post saved as an article without front matter is an error (an article needs a title),
/// whose hint offers `materia import`; a Markdown file without front matter gets the plain
/// hint.
#[test]
fn a_post_without_front_matter_is_pointed_to_import() {
    let site = site_with_records();
    site.file("content/articles/post.md", POST);
    let run = site.build();
    run.assert_failed().assert_said(&[
        "error: article has no front matter\n  --> content/articles/post.md:1:1",
        "or, for a plain-text post, run `materia import FILE`",
    ]);
    let site = site_with_records();
    site.file("content/articles/note.md", "# A note\n\nSome text.\n");
    let run = site.build();
    run.assert_failed()
        .assert_said(&["error: article has no front matter"]);
    assert!(!run.stderr.contains("materia import"), "{}", run.stderr);
}

/// "Keywords: a, b" on the post's last line, label and list together, goes to the front
/// matter as the two-line form does (it stayed in the body, with `keywords: []`); the same
/// words in a line further up are prose and stay.
#[test]
fn a_closing_labelled_keywords_line_goes_to_the_front_matter() {
    let post = POST.replace(
        "Important Keywords\nIron deficiency, anaemia symptoms, iron supplements.\n",
        "Keywords: Iron deficiency; anaemia symptoms, iron supplements.\n",
    );
    let post = post.replacen("\n", "\nKeywords: not these, they are in the middle.\n", 3);
    let site = site_with_records();
    site.file("post.txt", &post);
    let text = imported(&site, "post.txt");
    assert!(!text.contains("Keywords: Iron"), "{text}");
    assert!(text.contains("Keywords: not these"), "{text}");
    site.build().assert_ok();
}

/// `materia import FILE --title Imported` in `site`, and the Markdown file it wrote, which
/// must have the post's three keywords in its front matter.
fn imported(site: &Site, file: &str) -> String {
    let root = site.root().to_string_lossy().into_owned();
    let path = site.path(file).to_string_lossy().into_owned();
    site.run(&["import", &path, "--title", "Imported", "--root", &root])
        .assert_ok();
    let text = std::fs::read_to_string(site.path("content/articles/imported.md")).unwrap();
    assert!(
        text.contains(
            "keywords: [\"Iron deficiency\", \"anaemia symptoms\", \"iron supplements\"]"
        ),
        "{text}"
    );
    text
}

/// The pages of a post imported (`imported.md`) and pasted as it is (`minerals/pasted.md`).
const BOTH: [&str; 2] = [
    "articles/imported/index.html",
    "articles/minerals/pasted/index.html",
];

/// A site with records where `post` is imported and pasted as it is, built; and the
/// imported Markdown.
fn both_ways(post: &str) -> (Site, String) {
    let site = site_with_records();
    site.file("post.txt", post)
        .article("minerals/pasted.md", "title: Pasted", post);
    let text = imported(&site, "post.txt");
    site.build().assert_ok();
    (site, text)
}

/// A numbered section title that asks a question ("2. How is it tested?") or ends with a
/// colon is a section title, imported and pasted: it was left as a one-item list starting
/// at its number, with no heading and no entry in the table of contents.
#[test]
fn a_numbered_question_titles_its_section() {
    let post = POST
        .replace("2. Testing and Treatment", "2. How Is It Tested?")
        .replace("1. Signs of Low Iron", "1. Signs of Low Iron:");
    let (site, text) = both_ways(&post);
    assert!(text.contains("\n## How Is It Tested?\n"), "{text}");
    assert!(text.contains("\n## Signs of Low Iron\n"), "{text}");
    for page in BOTH {
        let html = site.read(page);
        assert!(
            html.contains("<h2 id=\"how-is-it-tested\">How Is It Tested?"),
            "{page}"
        );
        assert!(
            html.contains("href=\"#how-is-it-tested\""),
            "{page}: in the contents"
        );
        assert!(
            html.contains("<h2 id=\"signs-of-low-iron\">Signs of Low Iron <a"),
            "{page}"
        );
        assert!(!article_body(&html).contains("<ol"), "{page}: no list");
    }
}

/// The FAQ titled with both its names ("Frequently Asked Questions (FAQ)") had no FAQ at
/// all, neither the block nor its JSON-LD; one titled "FAQ:" kept its colon as a heading.
#[test]
fn faq_titles_with_both_names_or_a_colon_are_read() {
    let site = site_with_records();
    for (file, title) in [
        ("both.md", "Frequently Asked Questions (FAQ)"),
        ("colon.md", "FAQ:"),
    ] {
        let post = POST.replace("Q&A Section", title);
        site.article(&format!("minerals/{file}"), "title: Pasted", &post);
    }
    site.build().assert_ok();
    for (page, heading) in [
        ("both", "Frequently Asked Questions (FAQ)"),
        ("colon", "FAQ"),
    ] {
        let html = site.read(&format!("articles/minerals/{page}/index.html"));
        let faq = json_ld_of(&html, "FAQPage");
        assert_eq!(
            faq["mainEntity"].as_array().map(Vec::len),
            Some(2),
            "{page}"
        );
        assert!(
            html.contains(&format!("{heading} <a class=\"anchor\"")),
            "{page}"
        );
    }
}

/// A post closing with "Tags: …" under its keywords (or "SEO Keywords: …", as plugins
/// print them) gets those tags and keywords, imported and pasted: both lines were left as
/// text at the foot of the article, and the tags had no page.
#[test]
fn closing_tags_and_labelled_keywords_lines_are_read() {
    let site = site_with_records();
    let tagged = format!("{POST}Tags: Minerals, Energy\n");
    let seo = POST.replace(
        "Important Keywords\nIron deficiency, anaemia symptoms, iron supplements.\n",
        "Tags: Minerals\nSEO Keywords: Iron deficiency, anaemia symptoms, iron supplements\n",
    );
    site.file("post.txt", &tagged)
        .article("minerals/tagged.md", "title: Tagged", &tagged)
        .article("minerals/seo.md", "title: Seo", &seo);
    let text = imported(&site, "post.txt");
    assert!(
        text.contains("\ntags: [\"Minerals\", \"Energy\"]\n"),
        "{text}"
    );
    assert!(!text.contains("Tags:"), "{text}");
    site.build().assert_ok();
    for page in ["imported", "minerals/tagged", "minerals/seo"] {
        let html = site.read(&format!("articles/{page}/index.html"));
        let body = article_body(&html);
        assert!(
            !body.contains("Tags:") && !body.contains("Keywords"),
            "{page}: {body}"
        );
        assert!(html.contains("href=\"/tags/minerals/\""), "{page}");
        assert!(
            html.contains("href=\"/keywords/iron-supplements/\""),
            "{page}"
        );
    }
    assert!(site
        .read("tags/energy/index.html")
        .contains("/articles/minerals/tagged/"));
    assert!(site
        .read("tags/minerals/index.html")
        .contains("/articles/minerals/seo/"));
    // Front matter tags win over the closing line (which, as metadata, is not shown either:
    // as with a closing keywords list).
    site.article("minerals/own.md", "title: Own\ntags: [Iron]", &tagged);
    site.build().assert_ok();
    let html = site.read("articles/minerals/own/index.html");
    assert!(html.contains("href=\"/tags/iron/\""));
    assert!(!site
        .read("tags/minerals/index.html")
        .contains("/minerals/own/"));
}

/// Text copied from a word processor or a web page: items bulleted with "•", a "1.1" part
/// of a numbered section, a title line in bold. Imported and pasted, the bullets are a list
/// (they were paragraphs opening with "•"), the part a level-3 heading under its section
/// (it was level 2), and the bold title a plain heading (it kept `<strong>` inside).
#[test]
fn word_processor_bullets_subsections_and_bold_titles_are_read() {
    let post = POST
        .replace(
            "Iron deficiency is common in young women.\n",
            "Iron deficiency is common in young women.\nKey points:\n• Tiredness comes first.\n▪ A blood test confirms it.\n",
        )
        .replace(
            "2. Testing and Treatment\n",
            "1.1 Who Is Tested\nDoctors test people with symptoms.\n**Testing and Treatment**\n",
        );
    let (site, text) = both_ways(&post);
    assert!(
        text.contains("Key points:\n\n- Tiredness comes first.\n- A blood test confirms it.\n"),
        "{text}"
    );
    assert!(text.contains("\n### 1.1 Who Is Tested\n"), "{text}");
    assert!(text.contains("\n## Testing and Treatment\n"), "{text}");
    for page in BOTH {
        let html = site.read(page);
        let body = article_body(&html);
        assert!(
            body.contains(
                "<ul>\n<li>Tiredness comes first.</li>\n<li>A blood test confirms it.</li>\n</ul>"
            ),
            "{page}: {body}"
        );
        assert!(
            body.contains("<h3 id=\"1-1-who-is-tested\">1.1 Who Is Tested <a"),
            "{page}: {body}"
        );
        assert!(
            body.contains("<h2 id=\"testing-and-treatment\">Testing and Treatment <a"),
            "{page}: {body}"
        );
        assert!(
            !body.contains('•') && !body.contains("<strong>Testing"),
            "{page}: {body}"
        );
    }
}

/// An FAQ of plain question lines, each followed by its answer, is imported with each
/// question as a `###` heading, and builds as the same FAQ as the post pasted as it is.
#[test]
fn plain_question_lines_of_an_faq_are_imported_as_question_headings() {
    let post = POST
        .replace("Q1: ", "")
        .replace("A1: ", "")
        .replace("Q2: ", "")
        .replace("A2: ", "");
    let (site, text) = both_ways(&post);
    assert!(
        text.contains("\n### What are the first signs of low iron?\n\nTiredness and pale skin.\n"),
        "{text}"
    );
    for page in BOTH {
        let faq = json_ld_of(&site.read(page), "FAQPage");
        let questions = faq["mainEntity"].as_array().cloned().unwrap_or_default();
        assert_eq!(questions.len(), 2, "{page}: {faq}");
        assert_eq!(questions[1]["name"], "Can it be treated?", "{page}");
    }
}

/// Keywords under their label one a line, or as a list wrapped over lines, imported and
/// pasted: they were left in the body under an "Important Keywords" heading, a paragraph a
/// line, and the article had none.
#[test]
fn keywords_one_a_line_or_wrapped_are_the_articles_keywords() {
    for (listed, keywords) in [
        (
            "Iron deficiency\nanaemia symptoms\niron supplements\n",
            ["iron-deficiency", "anaemia-symptoms", "iron-supplements"],
        ),
        (
            "Iron deficiency, anaemia symptoms,\niron supplements.\n",
            ["iron-deficiency", "anaemia-symptoms", "iron-supplements"],
        ),
    ] {
        let post = POST.replace(
            "Iron deficiency, anaemia symptoms, iron supplements.\n",
            listed,
        );
        let (site, text) = both_ways(&post);
        assert!(
            text.contains(
                "keywords: [\"Iron deficiency\", \"anaemia symptoms\", \"iron supplements\""
            ),
            "{text}"
        );
        assert!(!text.contains("Important Keywords"), "{text}");
        for page in BOTH {
            let html = site.read(page);
            assert!(
                !article_body(&html).contains("Important Keywords"),
                "{page}"
            );
            assert!(!article_body(&html).contains("anaemia symptoms"), "{page}");
            for keyword in keywords {
                assert!(
                    html.contains(&format!("href=\"/keywords/{keyword}/\"")),
                    "{page}: {keyword}"
                );
            }
        }
    }
}

/// Lines under a keywords label that read as prose are no list: the label stays a title.
#[test]
fn prose_under_a_keywords_title_is_not_taken_for_keywords() {
    let post = POST.replace(
        "Important Keywords\nIron deficiency, anaemia symptoms, iron supplements.\n",
        "Important Keywords\nWhy do these words matter so much to readers?\nThey are what people type!\n",
    );
    let site = site_with_records();
    site.file("post.txt", &post)
        .article("minerals/pasted.md", "title: Pasted", &post);
    let root = site.root().to_string_lossy().into_owned();
    let path = site.path("post.txt").to_string_lossy().into_owned();
    site.run(&["import", &path, "--title", "Imported", "--root", &root])
        .assert_ok();
    let text = std::fs::read_to_string(site.path("content/articles/imported.md")).unwrap();
    assert!(text.contains("keywords: []"), "{text}");
    assert!(text.contains("They are what people type!"), "{text}");
    site.build().assert_ok();
    for page in BOTH {
        let html = site.read(page);
        assert!(
            article_body(&html).contains("They are what people type!"),
            "{page}"
        );
    }
}

/// FAQ markers ending with a full stop, a bracket or a dash ("Q1.", "A2)", "Q3 –"), and
/// numbered questions each before its answer, imported and pasted: the markers stayed in
/// the questions and answers (and in the FAQPage JSON-LD), and numbered questions were a
/// list, with no FAQ.
#[test]
fn faq_markers_of_every_shape_and_numbered_questions_are_read() {
    let answers = [
        "Tiredness and pale skin.",
        "Yes, with iron and by treating the cause.",
    ];
    for (q1, a1, q2, a2) in [
        ("Q1. ", "A1. ", "Q2) ", "A2) "),
        ("Q1 – ", "A1 – ", "Q. ", "A. "),
        ("1. ", "", "2. ", ""),
        // French and Spanish: "R" for réponse or respuesta, "P" for pregunta.
        ("Q1 : ", "R1 : ", "Q2 : ", "R2 : "),
        ("P1: ", "R1: ", "P2: ", "R2: "),
    ] {
        let post = POST
            .replace("Q1: ", q1)
            .replace("A1: ", a1)
            .replace("Q2: ", q2)
            .replace("A2: ", a2);
        let (site, text) = both_ways(&post);
        assert!(!text.contains("A1"), "{q1}: {text}");
        for page in BOTH {
            let faq = json_ld_of(&site.read(page), "FAQPage");
            let questions = faq["mainEntity"].as_array().unwrap();
            assert_eq!(questions.len(), 2, "{q1} {page}: {faq}");
            assert_eq!(questions[1]["name"], "Can it be treated?", "{q1} {page}");
            for (question, answer) in questions.iter().zip(answers) {
                assert_eq!(question["acceptedAnswer"]["text"], answer, "{q1} {page}");
            }
        }
    }
}

/// "P. Smith" and "R) " open no question or answer: another language's marker letter
/// counts only numbered or with a colon.
#[test]
fn a_lone_letter_and_a_dot_is_no_marker_of_another_language() {
    let post = POST.replace(
        "A1: ",
        "A1: P. Smith says so. R) is a label.\nP. Smith again.\nR) a list.\n",
    );
    let (site, _) = both_ways(&post);
    for page in BOTH {
        let faq = json_ld_of(&site.read(page), "FAQPage");
        let questions = faq["mainEntity"].as_array().unwrap();
        assert_eq!(questions.len(), 2, "{page}: {faq}");
        let answer = questions[0]["acceptedAnswer"]["text"].as_str().unwrap();
        assert!(
            answer.contains("P. Smith again.") && answer.contains("R) a list."),
            "{page}: {answer}"
        );
    }
}

/// Plain text is imported to show as written: a tag pasted from a label is text, not
/// HTML that runs; "2*3" keeps its asterisks; "# of capsules …" and "2024. …" are
/// sentences, not a heading and a list starting at 2024. Links still link.
#[test]
fn plain_text_is_imported_as_written() {
    let post = POST.replace(
        "Iron deficiency is common in young women.\n",
        "Iron deficiency is common in young women.\nTake 2*3 tablets a day for 4*5 days.\n\
         # of tablets per bottle varies from 30 to 120.\n\
         2024. That year the labels changed.\n\
         The label said <script>alert(1)</script> and <b>new</b>.\n",
    );
    let site = site_with_records();
    site.file("post.txt", &post);
    let text = imported(&site, "post.txt");
    site.build().assert_ok();
    let html = site.read("articles/imported/index.html");
    let body = article_body(&html);
    for shown in [
        "<p>Take 2*3 tablets a day for 4*5 days.</p>",
        "<p># of tablets per bottle varies from 30 to 120.</p>",
        "<p>2024. That year the labels changed.</p>",
        "<p>The label said &lt;script&gt;alert(1)&lt;/script&gt; and &lt;b&gt;new&lt;/b&gt;.</p>",
    ] {
        assert!(body.contains(shown), "{shown} in {body}\n{text}");
    }
    assert!(!html.contains("<script>alert"), "{html}");
    assert!(!body.contains("<em>") && !body.contains("<ol"), "{body}");
    assert!(
        body.contains("href=\"https://shop.example/collections/magnesium\""),
        "{body}"
    );
}

/// A blank file is refused, named, and nothing is written for it: it was imported as an
/// "Untitled article" that the next build published as a blank page.
#[test]
fn a_blank_file_is_refused() {
    let site = site_with_records();
    site.file("blank.txt", " \n\n\t\n");
    let root = site.root().to_string_lossy().into_owned();
    let blank = site.path("blank.txt").to_string_lossy().into_owned();
    let post = site.path("post.txt").to_string_lossy().into_owned();
    let run = site.run(&["import", &blank, &post, "--root", &root]);
    run.assert_failed();
    assert!(
        run.stderr.contains("error: the file has no text to import")
            && run.stderr.contains("blank.txt"),
        "{}",
        run.stderr
    );
    let written: Vec<String> = std::fs::read_dir(site.path("content/articles"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.ends_with(".md"))
        .collect();
    assert_eq!(written.len(), 1, "the post alone is imported: {written:?}");
}

/// The labelled lines a writer's brief or an SEO tool puts above a post ("Title:",
/// "**Meta Description:**", "URL:", "Author:", "Date:", "Focus Keyword:", "Category:") are
/// its front matter and its file's name, not its title and first paragraphs: the title was
/// "Title: …", the description "Meta Description: …", and "Slug: …" a section heading.
/// A header's date as posts write it is read; one that could be read two ways is not
/// guessed at: the import says so, and dates the article the day of the import.
#[test]
fn a_headers_date_is_read_as_written_or_reported() {
    let site = site_with_records();
    site.file(
        "march.txt",
        &format!("Title: March\nDate: March 5th, 2024\n\n{POST}"),
    )
    .file(
        "unclear.txt",
        &format!("Title: Unclear\nDate: 05/03/2024\n\n{POST}"),
    );
    let root = site.root().to_string_lossy().into_owned();
    for (file, said) in [
        ("march.txt", None),
        (
            "unclear.txt",
            Some("warning: `Date: 05/03/2024` is not a date Materia reads: the article is dated the day of the import"),
        ),
    ] {
        let path = site.path(file).to_string_lossy().into_owned();
        let run = site.run(&["import", &path, "--root", &root]);
        run.assert_ok();
        if let Some(said) = said {
            run.assert_said(&[said, "write its `date:` in the article's front matter as YYYY-MM-DD"]);
        }
    }
    let text = std::fs::read_to_string(site.path("content/articles/march.md")).unwrap();
    assert!(text.contains("date: 2024-03-05\n"), "{text}");
    let text = std::fs::read_to_string(site.path("content/articles/unclear.md")).unwrap();
    assert!(
        !text.contains("2024-03-05") && !text.contains("2024-05-03"),
        "{text}"
    );
}

#[test]
fn a_posts_labelled_header_fills_its_front_matter() {
    let site = site_with_records();
    site.file(
        "post.txt",
        &format!(
            "Title: Iron and Tiredness\n**Meta Description:** Why low iron tires you, and what helps.\n\
             URL: https://shop.example/blog/iron-tiredness/\n\nAuthor: Dr. Ana Ruiz, MD & Sam Lee\n\
             Date: 2024-03-05\n**Focus Keyword:** iron and fatigue\nCategory: Minerals\n\n{POST}"
        ),
    );
    let root = site.root().to_string_lossy().into_owned();
    let path = site.path("post.txt").to_string_lossy().into_owned();
    site.run(&["import", &path, "--root", &root]).assert_ok();
    let text = std::fs::read_to_string(site.path("content/articles/iron-tiredness.md")).unwrap();
    for field in [
        "title: \"Iron and Tiredness\"\n",
        "description: \"Why low iron tires you, and what helps.\"\n",
        "date: 2024-03-05\n",
        "authors: [\"Dr. Ana Ruiz, MD\", \"Sam Lee\"]\n",
        "keywords: [\"iron and fatigue\", \"Iron deficiency\", \"anaemia symptoms\", \"iron supplements\"]\n",
        "tags: [\"Minerals\"]\n",
    ] {
        assert!(text.contains(field), "{field} in {text}");
    }
    let body = text.split("\n---\n").nth(1).unwrap_or_default();
    for label in [
        "Title",
        "Meta Description",
        "URL",
        "Author",
        "Date:",
        "Focus",
        "Category",
    ] {
        assert!(!body.contains(label), "{label} in {body}");
    }
    assert!(body.starts_with("\n## Introduction\n"), "{body}");
    site.build().assert_ok();
    let html = site.read("articles/iron-tiredness/index.html");
    assert!(
        html.contains("<h1 id=\"article-title\">Iron and Tiredness</h1>"),
        "{html}"
    );
    assert!(site.exists("authors/dr-ana-ruiz-md/index.html"));
    assert!(site.exists("authors/sam-lee/index.html"));
}
