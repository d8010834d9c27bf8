//! The build never panics, whatever the input: random mixtures of Markdown, front matter,
//! FAQ markers, links, odd Unicode and broken records go through the whole pipeline
//! in-process. Errors are fine; a panic fails the test.

use materia::build::{build, BuildOptions, Silent};
use materia::diagnostics::Diagnostics;

/// Fragments before `RISKY` keep a page valid in most combinations; the rest make
/// broken links and stray brackets.
const FRAGMENTS: &[&str] = &[
    "title: T\n",
    "title = \"T\"\n",
    "symptoms: [x]\n",
    "keywords: [a, B12]\n",
    "## FAQ\n",
    "## Q&A\n",
    "Q1: why?\n",
    "A1: because\n",
    "A: \n",
    "Q:",
    "### q?\n",
    "Important Keywords\n",
    "a, b, , c.\n",
    "[link](/symptoms/x/)",
    "[e](https://shop.example/b12)",
    "`code`",
    "```\nfenced\n```\n",
    "| a | b |\n|---|---|\n| 1 | 2 |\n",
    "[^1]\n\n[^1]: note\n",
    "- [ ] task\n",
    "~~del~~",
    "İstanbul ǅ ß ﬁ",
    "pins and needles",
    "Tingling",
    "vitamin b12",
    "\r\n",
    "\n\n",
    "# H {#id}\n",
    "<script>x</script>",
    "& < > \"",
    "😀",
    "{{ tera }}",
    "{% raw %}",
    ":",
    "- ",
    "  ",
    "\t",
    "#",
    "*",
    "_",
    "\u{feff}",
    "---\n",
    "+++\n",
    // RISKY
    "[l](../a.md#f)",
    "![i](/i.png)",
    "date: 2024-02-30\n",
    "slug: ''\n",
    "\u{0}",
    "[",
    "]",
    "(",
    ")",
];

const RISKY: usize = 43;

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn text(&mut self, parts: usize, risky: bool) -> String {
        let pool = if risky { FRAGMENTS.len() } else { RISKY };
        (0..parts)
            .map(|_| FRAGMENTS[(self.next() % pool as u64) as usize])
            .collect()
    }
}

#[test]
fn random_sites_never_panic() {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let mut rendered = 0;
    for round in 0..200 {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        let write = |rel: &str, text: &str| {
            let p = root.join(rel);
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(p, text).unwrap();
        };
        write(
            "site.toml",
            "title = \"R\"\nbase_url = \"https://r.example/sub\"\n[linking]\nmax_links_per_term = 2\n",
        );
        write(
            "content/symptoms/x.yaml",
            "name: Tingling\naliases: [pins and needles, İstanbul]\ndescription: 'see [a](/supplements/b12/) vitamin b12'\n",
        );
        write(
            "content/supplements/b12.yaml",
            "name: Vitamin B12\nlinks: [https://shop.example/b12]\n",
        );
        for i in 0..6 {
            let body = rng.text(40, round % 2 == 1);
            let article = if round % 3 == 0 {
                body
            } else {
                format!("---\ntitle: 'A{i}'\nsymptoms: [x]\n---\n{body}")
            };
            write(&format!("content/articles/s{}/a{i}.md", i % 2), &article);
        }
        if round % 5 == 4 {
            write("content/symptoms/broken.yaml", &rng.text(5, true));
        }
        let diags = Diagnostics::new();
        let options = BuildOptions {
            drafts: round % 2 == 0,
            strict: round % 4 == 0,
            ..Default::default()
        };
        // Reaching the next line for every round is the point; errors are expected.
        if build(root, &options, &diags, &Silent).is_some() {
            rendered += 1;
        } else if std::env::var("ROBUST_DEBUG").is_ok() {
            for d in diags.sorted() {
                eprintln!("{}", d.render(root));
            }
        }
        for d in diags.sorted() {
            assert!(!d.message.is_empty());
        }
    }
    // Some rounds must get through every stage, or render would go untested here.
    assert!(rendered > 20, "only {rendered} random sites built");
}

/// No file of the built site holds a control character (but tab and line ends) or the
/// noncharacters U+FFFE and U+FFFF. Written apart from `load::forbidden`, as a second
/// opinion. (JSON files may write them as escapes, which is harmless.)
fn assert_no_control_characters(site: &crate::support::Site) {
    let forbidden = |c: char| {
        c.is_control() && !matches!(c, '\t' | '\n' | '\r') || matches!(c, '\u{fffe}' | '\u{ffff}')
    };
    for (path, bytes) in site.tree("public") {
        let text = String::from_utf8_lossy(&bytes);
        assert!(
            !text.contains(forbidden),
            "{path} holds a control character"
        );
    }
}

/// Control characters pasted into an article or a record (Word's line break is a vertical
/// tab; PDFs carry form feeds) are written as spaces, with a warning at each file's first
/// one: no page, feed or sitemap may hold them, and one in the feed made feed readers refuse
/// all of it.
#[test]
fn control_characters_are_spaces_and_a_warning() {
    let site = crate::support::Site::new();
    site.bytes(
        "content/articles/a/pasted.md",
        "---\ntitle: \"Pasted\u{b}title\"\ndescription: Tired\u{c}all the time.\n---\n\nNumb\u{b}hands and\u{1} feet\u{85}again.\n"
            .as_bytes(),
    )
    .file(
        "content/symptoms/fatigue.yaml",
        "name: Fatigue\nsummary: Tired\u{7f} all the time.\n",
    );
    let run = site.build();
    run.assert_ok().assert_said(&[
        "warning: invisible control character U+000B in the text, written as a space, and 4 more like it in this file\n  --> content/articles/a/pasted.md:2:15\n",
        "warning: invisible control character U+007F in the text, written as a space\n  --> content/symptoms/fatigue.yaml:2:15\n",
        "= help: delete it",
    ]);
    assert_no_control_characters(&site);
    let page = site.read("articles/a/pasted/index.html");
    assert!(page.contains("Pasted title"), "{page}");
    assert!(page.contains("Numb hands and  feet  again."), "{page}");
    let feed = site.read("atom.xml");
    assert!(feed.contains("Tired all the time."), "{feed}");
}

/// A control character written as an escape in a quoted string (YAML's `\v` and `\N`,
/// `\u0007` in YAML, TOML and JSON, `\f`) or as a character reference in Markdown
/// (`&#11;`) exists only once the text is parsed, so the load stage cannot see it: it is a
/// space too, in every field, list, key, settings text and body.
#[test]
fn escaped_control_characters_are_spaces() {
    let site = crate::support::Site::new();
    site.file(
        "site.toml",
        "title = \"Escaped\\u0001health\"\nbase_url = \"https://example.org/\"\n\n[translations]\nsearch_label = \"Find\\u0007it\"\n",
    )
    .file(
        "content/articles/a/escaped.md",
        "---\ntitle: \"Tired\\vall\\Nthe\\u0085time\"\ndescription: \"Form\\ffeed\"\nkeywords: [\"pins\\x01needles\"]\n---\n\nBody&#11;text&#x85;here.\n",
    )
    .file(
        "content/symptoms/fatigue.toml",
        "name = \"Fati\\u000Bgue\"\nsummary = \"Worn\\u007Fout.\"\n",
    )
    .file(
        "content/supplements/b12.json",
        "{\"name\": \"Cobal\\u0007amin\", \"summary\": \"A \\ufffe vitamin.\", \"aliases\": [\"B\\f12\"]}",
    );
    site.build().assert_ok();
    assert_no_control_characters(&site);
    let page = site.read("articles/a/escaped/index.html");
    assert!(page.contains("Tired all the time"), "{page}");
    assert!(page.contains("Body text here."), "{page}");
    assert!(page.contains("Escaped health"), "{page}");
    let search = site.read("search/index.html");
    assert!(search.contains("Find it"), "{search}");
    assert!(page.contains("/keywords/pins-needles/"), "{page}");
    let symptom = site.read("symptoms/fatigue/index.html");
    assert!(symptom.contains("Fati gue"), "{symptom}");
    assert!(symptom.contains("Worn out."), "{symptom}");
    let supplement = site.read("supplements/b12/index.html");
    assert!(supplement.contains("Cobal amin"), "{supplement}");
    assert!(supplement.contains("B 12"), "{supplement}");
    let feed = site.read("atom.xml");
    assert!(feed.contains("Form feed"), "{feed}");
}

/// Raw HTML is passed through as written, so a numeric reference in it (`<p>&#11;</p>`) is
/// decoded only by the browser, into a character no page may hold: each such reference is
/// a space, in an article's HTML and in a record's description, on the page and in the feed.
/// References a page may hold stay as written.
#[test]
fn forbidden_references_in_raw_html_are_spaces() {
    let site = crate::support::Site::new();
    site.article(
        "a/raw.md",
        "title: Raw\ndate: 2024-05-01",
        "<p class=\"note\">Raw&#11;block&#x85;here &#233;</p>\n\nInline <span title=\"a&#13;b&#0;c\">span&#0;end</span> text.\n",
    )
    .file(
        "content/symptoms/fatigue.yaml",
        "name: Fatigue\ndescription: \"<b>Bold&#12;text</b> and &#65;.\"\n",
    );
    site.build().assert_ok();
    let forbidden = ["&#11;", "&#x85;", "&#13;", "&#0;", "&#12;"];
    for (page, kept) in [
        ("articles/a/raw/index.html", "Raw block here &#233;"),
        ("symptoms/fatigue/index.html", "<b>Bold text</b> and"),
        ("atom.xml", "Raw block here &amp;#233;"),
    ] {
        let text = site.read(page);
        for r in forbidden {
            assert!(
                !text.contains(r) && !text.contains(&r.replace('&', "&amp;")),
                "{page} holds {r}"
            );
        }
        assert!(text.contains(kept), "{page}: {text}");
    }
    let article = site.read("articles/a/raw/index.html");
    // In Markdown text, outside the tags, pulldown-cmark decodes `&#0;` as CommonMark says.
    assert!(
        article.contains("<span title=\"a b c\">span\u{fffd}end</span>"),
        "{article}"
    );
}

/// Front matter nested far deeper than any needs is refused at the bracket too deep, before
/// the YAML parser, whose time grows with the square of the depth, reads it (40,000 levels
/// took seconds).
#[test]
fn deeply_nested_front_matter_is_refused_where_it_goes_too_deep() {
    let site = crate::support::Site::new();
    let levels = 40_000;
    site.article(
        "deep.md",
        &format!(
            "title: Deep\nextra: {}1{}",
            "{k: ".repeat(levels),
            "}".repeat(levels)
        ),
        "Text.\n",
    );
    let run = site.build();
    run.assert_failed().assert_said(&[
        "error: invalid front matter: invalid YAML: the value is nested more than 64 levels deep",
        // Line 3, past `extra: ` and 64 times `{k: `.
        "--> content/articles/deep.md:3:264",
    ]);
}
