//! `materia serve` end to end, and `materia new`.

use crate::support::*;

fn served_site() -> Site {
    let site = Site::new();
    site.file("content/symptoms/paresthesia.yaml", SYMPTOM_PARESTHESIA)
        .article(
            "guide.md",
            "title: Guide\ndate: 2024-05-01",
            "The first text mentions tingling.\n",
        );
    site
}

#[test]
fn edit_reload_break_overlay_fix_recover() {
    let site = served_site();
    let server = site.serve();
    let page = server.get("/articles/guide/");
    assert_eq!(page.status, 200);
    assert!(page.body.contains("The first text"));
    assert!(
        page.body.contains("/__materia/events"),
        "no reload client in served page"
    );

    let events = server.events();
    let hello = expect_event(&events, "hello");
    assert!(hello.contains("\"errors\":[]"), "{hello}");

    site.article(
        "guide.md",
        "title: Guide\ndate: 2024-05-01",
        "The second text mentions tingling.\n",
    );
    expect_event(&events, "reload");
    let page = server.get("/articles/guide/");
    assert!(page.body.contains("The second text"), "{}", page.body);
    assert!(
        page.body.contains("xref-symptom"),
        "cross-links lost after rebuild"
    );

    site.article("guide.md", "titel: Guide", "Broken.\n");
    let errors = expect_event(&events, "errors");
    assert!(errors.contains("unknown field `titel`"), "{errors}");
    assert!(errors.contains("content/articles/guide.md:2:1"), "{errors}");
    let page = server.get("/articles/guide/");
    assert_eq!(page.status, 200, "the last good site stays served");
    assert!(page.body.contains("The second text"));
    assert!(
        page.body.contains("id=\"materia-overlay\""),
        "no overlay:\n{}",
        page.body
    );
    assert!(page.body.contains("unknown field `titel`"));

    site.article(
        "guide.md",
        "title: Guide\ndate: 2024-05-01",
        "The third text.\n",
    );
    expect_event(&events, "reload");
    let page = server.get("/articles/guide/");
    assert!(page.body.contains("The third text"));
    assert!(!page.body.contains("id=\"materia-overlay\""));
}

/// `serve` shows an edit before it rebuilds the search index; a request for the index in
/// between waits for it, so it never gets an index older than the pages, or none.
#[test]
fn the_search_index_follows_each_edit() {
    let site = served_site();
    let server = site.serve();
    let events = server.events();
    expect_event(&events, "hello");
    for word in ["zebrafish", "quokka", "axolotl"] {
        site.article(
            "guide.md",
            "title: Guide\ndate: 2024-05-01",
            &format!("The text mentions tingling and {word}.\n"),
        );
        expect_event(&events, "reload");
        let excerpts = server.get("/search/x/0.json");
        assert_eq!(excerpts.status, 200);
        assert!(excerpts.body.contains(word), "{}", excerpts.body);
        let page = server.get("/search/");
        assert_eq!(page.status, 200);
        assert!(page.body.contains("id=\"search-index\""));
    }
}

#[test]
fn a_stylesheet_change_swaps_styles_without_reload() {
    let site = served_site();
    site.file("content/static/extra.css", "body { color: red }");
    let server = site.serve();
    let events = server.events();
    expect_event(&events, "hello");
    site.file("content/static/extra.css", "body { color: blue }");
    expect_event(&events, "css");
    assert!(server.get("/extra.css").body.contains("blue"));
}

#[test]
fn a_site_that_fails_at_start_serves_errors_then_the_site() {
    let site = Site::new();
    site.article("a.md", "title: A\nsymptoms: [nope]", "Hello there.\n");
    let server = site.serve();
    let page = server.get("/");
    assert_eq!(page.status, 500);
    assert!(
        page.body.contains("unknown symptom `nope`"),
        "{}",
        page.body
    );
    let events = server.events();
    expect_event(&events, "hello");
    site.article("a.md", "title: A", "Hello there.\n");
    expect_event(&events, "reload");
    let page = server.get("/articles/a/");
    assert_eq!(page.status, 200);
    assert!(page.body.contains("Hello there."));
}

/// `serve` reports what `build` would of a link to a later page of a keyword's list: when
/// an edit adds such a link to a page that does not exist, and when another article's edit
/// shortens the list under an article left as it was, whose linking a rebuild reuses.
#[test]
fn serve_reports_links_to_list_pages_that_are_gone() {
    let site = Site::new();
    let tagged = "title: B\nkeywords: [nerve health]";
    site.file(
        "site.toml",
        "title = \"Test Health\"\nbase_url = \"https://example.org/\"\npaginate_by = 1\n",
    )
    .article(
        "a.md",
        "title: A",
        "See [page two](/keywords/nerve-health/page/2/).\n",
    )
    .article("b.md", tagged, "Text.\n")
    .article("c.md", "title: C\nkeywords: [nerve health]", "Text.\n");
    let server = site.serve();
    let events = server.events();
    let hello = expect_event(&events, "hello");
    assert!(hello.contains("\"errors\":[]"), "{hello}");

    site.article("c.md", "title: C", "Text.\n");
    let errors = expect_event(&events, "errors");
    assert!(
        errors.contains("link to `/keywords/nerve-health/page/2/`, a page that does not exist"),
        "{errors}"
    );
    assert!(errors.contains("content/articles/a.md:4:5"), "{errors}");

    site.article("c.md", "title: C\nkeywords: [nerve health]", "Text.\n");
    expect_event(&events, "reload");
    assert_eq!(server.get("/keywords/nerve-health/page/2/").status, 200);

    site.article(
        "b.md",
        tagged,
        "Text and [page three](/keywords/nerve-health/page/3/).\n",
    );
    let errors = expect_event(&events, "errors");
    assert!(
        errors.contains("link to `/keywords/nerve-health/page/3/`, a page that does not exist"),
        "{errors}"
    );
    assert!(errors.contains("content/articles/b.md:5:10"), "{errors}");
}

/// A change of `language` in `site.toml` while serving changes every word, those of the
/// articles' own markup too (a table's label), though no article changed.
#[test]
fn a_change_of_language_changes_every_word_while_serving() {
    let site = served_site();
    site.article(
        "guide.md",
        "title: Guide\ndate: 2024-05-01",
        "Tingling.\n\n| a | b |\n|---|---|\n| 1 | 2 |\n",
    );
    let server = site.serve();
    let events = server.events();
    expect_event(&events, "hello");
    let page = server.get("/articles/guide/");
    assert!(page.body.contains("aria-label=\"Table\""), "{}", page.body);
    // Search counted the words as English: its index and its script's stemmer.
    assert!(server.get("/search/index.json").body.contains("\"sis\":1"));
    let english = server.get("/search.js").body;
    site.file("site.toml", &format!("{SITE_TOML}language = \"fr\"\n"));
    expect_event(&events, "reload");
    let page = server.get("/articles/guide/");
    for words in [
        "Publié le <time datetime=\"2024-05-01\">1 mai 2024</time>",
        "aria-label=\"Tableau\"",
    ] {
        assert!(page.body.contains(words), "{words} in {}", page.body);
    }
    // ... and now as French, counted again from the start.
    let manifest = server.get("/search/index.json").body;
    assert!(manifest.contains("\"sis\":0"), "{manifest}");
    assert!(manifest.contains("\"les\""), "{manifest}");
    let french = server.get("/search.js").body;
    assert_ne!(french, english);
    assert!(french.contains("(par|col|tap)"), "{french}");
}

#[test]
fn serve_never_writes_public_and_build_has_no_reload_script() {
    let site = served_site();
    {
        let server = site.serve();
        assert_eq!(server.get("/").status, 200);
    }
    assert!(!site.path("public").exists(), "serve wrote public/");
    site.build().assert_ok();
    for (path, bytes) in site.tree("public") {
        assert!(
            !String::from_utf8_lossy(&bytes).contains("__materia"),
            "{path} has the reload script"
        );
    }
}

/// `materia new symptom` and `new supplement` write records with every field that build at
/// once, without a warning, and whose names are cross-linked; a record of the same id in
/// any format is never overwritten.
#[test]
fn new_records_are_skeletons_that_build_and_link() {
    let site = Site::new();
    let root = site.root().to_string_lossy().into_owned();
    site.file("content/supplements/zinc.toml", "name = \"Zinc\"\n")
        .article("a.md", "title: A", "Restless legs and \"iron\" at night.\n");
    let new = |what: &str, name: &str| site.run(&["new", what, name, "--root", &root]);
    new("symptom", "Restless legs").assert_ok();
    new("supplement", "Iron \"ferrous\" sulfate").assert_ok();
    let symptom =
        std::fs::read_to_string(site.path("content/symptoms/restless-legs.yaml")).unwrap();
    assert!(
        symptom.starts_with("name: \"Restless legs\"\n"),
        "{symptom}"
    );
    for field in [
        "aliases:",
        "summary:",
        "description:",
        "seek_care:",
        "sources:",
    ] {
        assert!(
            symptom.contains(&format!("\n{field}")),
            "{field}: {symptom}"
        );
    }
    let supplement =
        std::fs::read_to_string(site.path("content/supplements/iron-ferrous-sulfate.yaml"))
            .unwrap();
    for field in [
        "forms:",
        "typical_dose:",
        "upper_limit:",
        "interactions:",
        "links:",
    ] {
        assert!(
            supplement.contains(&format!("\n{field}")),
            "{field}: {supplement}"
        );
    }
    let built = site.build();
    built.assert_ok();
    assert!(!built.stderr.contains("warning"), "{}", built.stderr);
    assert!(site
        .read("supplements/iron-ferrous-sulfate/index.html")
        .contains("<h1 id=\"record-title\">Iron &quot;ferrous&quot; sulfate</h1>"));
    assert!(site
        .read("articles/a/index.html")
        .contains("href=\"/symptoms/restless-legs/\">Restless legs</a>"));

    let again = new("supplement", "zinc");
    again.assert_failed();
    assert!(
        again
            .stderr
            .contains("a supplement record with the id `zinc` already exists")
            && again.stderr.contains("content/supplements/zinc.toml"),
        "{}",
        again.stderr
    );
    assert!(!site.path("content/supplements/zinc.yaml").exists());
    let empty = new("symptom", "!!");
    empty.assert_failed();
    assert!(empty.stderr.contains("empty record id"), "{}", empty.stderr);
}

/// `materia init` starts a site that builds, without a warning, in the language, at the
/// address and under the title given (shown as written, not as Markdown or HTML), into
/// which `materia new article` writes; it never writes over a site, and keeps a
/// repository's own files.
#[test]
fn init_starts_a_site_that_builds_and_never_writes_over_one() {
    let parent = Site::bare();
    parent
        .file("clinic/README.md", "Our repository.\n")
        .file("clinic/.gitignore", "/notes\n")
        .file("clinic/.git/HEAD", "ref: refs/heads/main\n");
    parent
        .run(&[
            "init",
            "clinic",
            "--title",
            "<Nerve> & *Clinic*",
            "--language",
            "fr",
            "--base-url",
            "https://kb.example.org/",
        ])
        .assert_ok_saying(&["Started a site in clinic", "materia new article"]);
    let site = |rel: &str| parent.path("clinic").join(rel);
    assert_eq!(
        std::fs::read_to_string(site("README.md")).unwrap(),
        "Our repository.\n"
    );
    assert_eq!(
        std::fs::read_to_string(site(".gitignore")).unwrap(),
        "/notes\n"
    );
    for folder in ["articles", "symptoms", "supplements", "static"] {
        assert!(site(&format!("content/{folder}")).is_dir(), "{folder}");
    }
    let root = site("").to_string_lossy().into_owned();
    parent
        .run(&["new", "article", "Premier article", "--root", &root])
        .assert_ok();
    let built = parent.run(&["build", "--root", &root, "--drafts"]);
    built.assert_ok();
    assert!(!built.stderr.contains("warning"), "{}", built.stderr);
    let home = std::fs::read_to_string(site("public/index.html")).unwrap();
    assert!(home.contains("<html lang=\"fr\""), "{home}");
    assert!(
        home.contains("<link rel=\"canonical\" href=\"https://kb.example.org/\">"),
        "{home}"
    );
    assert!(
        home.contains("Bienvenue sur <strong>&lt;Nerve&gt; &amp; *Clinic*</strong>"),
        "{home}"
    );
    let article =
        std::fs::read_to_string(site("public/articles/premier-article/index.html")).unwrap();
    assert!(
        article.contains(
            "Ce site donne des informations générales sur la santé, pas des conseils médicaux"
        ),
        "{article}"
    );
    // `new article` writes its skeleton in the site's language, its FAQ one the parse
    // stage reads as such.
    assert!(
        article.contains("<p>Écrivez l'introduction ici.</p>"),
        "{article}"
    );
    assert!(
        article.contains("\"@type\":\"FAQPage\"")
            && article.contains("Une question que se posent les lecteurs ?"),
        "{article}"
    );

    let toml = std::fs::read_to_string(site("site.toml")).unwrap();
    let again = parent.run(&["init", "clinic", "--title", "Other"]);
    again.assert_failed();
    again.assert_said(&["clinic/site.toml` already exists"]);
    assert_eq!(std::fs::read_to_string(site("site.toml")).unwrap(), toml);

    // Content without a site.toml is not started over either.
    parent.file("loose/content/articles/a.md", "---\ntitle: A\n---\nText.\n");
    parent
        .run(&["init", "loose"])
        .assert_failed()
        .assert_said(&["loose/content` already exists"]);
    assert!(!parent.path("loose/site.toml").exists());

    // The title defaults to the folder's name; a new folder gets a .gitignore for the output.
    parent.run(&["init", "my-health_notes"]).assert_ok();
    let started = std::fs::read_to_string(parent.path("my-health_notes/site.toml")).unwrap();
    assert!(
        started.contains("\ntitle = \"My health notes\"\n")
            && started.contains("\nbase_url = \"https://example.org\"\n")
            && started.contains("\nlanguage = \"en\"\n")
            && started.contains("\ndisclaimer = \"This site offers general health information"),
        "{started}"
    );
    assert!(
        std::fs::read_to_string(parent.path("my-health_notes/content/_index.md"))
            .unwrap()
            .starts_with("Welcome to **My health notes**.")
    );
    assert_eq!(
        std::fs::read_to_string(parent.path("my-health_notes/.gitignore")).unwrap(),
        "/public\n/.public.*\n"
    );
    // The next steps can be pasted into a shell, a folder's space and all.
    parent
        .run(&["init", "my clinic"])
        .assert_ok_saying(&["materia serve --root 'my clinic'\n"]);
    parent
        .run(&["init", "x", "--language", "english"])
        .assert_said(&["give a language tag"]);
    assert!(!parent.path("x").exists());
    // An address that is not absolute is refused before anything is written: every
    // canonical URL, the sitemap and the feed would be built from it.
    for url in ["kb.clinic.org", "ftp://kb.clinic.org/", "/health/"] {
        let run = parent.run(&["init", "y", "--base-url", url]);
        assert_ne!(run.code, 0, "{url}");
        run.assert_said(&["give an absolute http(s) address"]);
        assert!(!parent.path("y").exists(), "{url}");
    }
}

#[test]
fn new_article_writes_a_skeleton_that_builds() {
    let site = Site::new();
    let root = site.root().to_string_lossy().into_owned();
    site.run(&[
        "new",
        "article",
        "Zinc and Immunity",
        "--section",
        "nutrition",
        "--root",
        &root,
    ])
    .assert_ok();
    let path = site.path("content/articles/nutrition/zinc-and-immunity.md");
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(
        text.starts_with("---\ntitle: \"Zinc and Immunity\"\n"),
        "{text}"
    );
    site.build_with(&["--drafts"]).assert_ok();
    assert!(site.exists("articles/nutrition/zinc-and-immunity/index.html"));

    std::fs::write(&path, "mine").unwrap();
    let again = site.run(&[
        "new",
        "article",
        "Zinc and Immunity",
        "--section",
        "nutrition",
        "--root",
        &root,
    ]);
    again.assert_failed();
    assert!(again.stderr.contains("already exists"), "{}", again.stderr);
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "mine");

    // In each language with texts built in, the skeleton's FAQ is one the parse stage
    // reads as such: its heading is that language's.
    for (language, faq) in [
        ("en", "Frequently asked questions"),
        ("fr-CA", "Questions fréquentes"),
        ("de", "Häufig gestellte Fragen"),
        ("es", "Preguntas frecuentes"),
        ("it", "Domande frequenti"),
        ("pt-BR", "Perguntas frequentes"),
    ] {
        let site = crate::search::site_in(language);
        let root = site.root().to_string_lossy().into_owned();
        site.run(&["new", "article", "Zinc", "--root", &root])
            .assert_ok();
        let text = std::fs::read_to_string(site.path("content/articles/zinc.md")).unwrap();
        assert!(text.contains(&format!("\n## {faq}\n")), "{text}");
        site.build_with(&["--drafts"]).assert_ok();
        let page = site.read("articles/zinc/index.html");
        assert_eq!(
            page.matches("\"@type\":\"Question\"").count(),
            1,
            "{language}"
        );
    }
}

/// `materia new page` writes a draft standalone page that builds at `/<slug>/`, in the menu
/// asked for; a page at that URL in any of its shapes, or a URL the site writes itself, is
/// refused and nothing is written.
#[test]
fn new_page_writes_a_skeleton_that_builds_in_its_menu() {
    let site = Site::new();
    let root = site.root().to_string_lossy().into_owned();
    let new = |title: &str, extra: &[&str]| {
        let mut args = vec!["new", "page", title, "--root", &root];
        args.extend_from_slice(extra);
        site.run(&args)
    };
    new("Editorial \"policy\"", &["--menu", "footer"]).assert_ok();
    let path = site.path("content/pages/editorial-policy.md");
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(
        text.starts_with("---\ntitle: \"Editorial \\\"policy\\\"\"\n")
            && text.contains("\nmenu: footer\n"),
        "{text}"
    );
    let built = site.build_with(&["--drafts"]);
    built.assert_ok();
    assert!(!built.stderr.contains("warning"), "{}", built.stderr);
    let page = site.read("editorial-policy/index.html");
    assert!(page.contains("Editorial &quot;policy&quot;</h1>"), "{page}");
    let footer = &page[page.find("class=\"footer-nav\"").expect("a footer menu")..];
    assert!(footer.contains("href=\"/editorial-policy/\""), "{footer}");
    // A draft until the author says otherwise.
    site.build().assert_ok();
    assert!(!site.exists("editorial-policy/index.html"));

    std::fs::create_dir_all(site.path("content/pages/contact")).unwrap();
    std::fs::write(site.path("content/pages/contact/index.md"), "mine").unwrap();
    for (title, said) in [
        ("Contact", "a page at `/contact/` already exists"),
        (
            "Editorial policy",
            "a page at `/editorial-policy/` already exists",
        ),
        (
            "Search",
            "a page at `/search/` would take a URL the site writes itself",
        ),
        ("!!", "the title `!!` gives an empty file name"),
    ] {
        let run = new(title, &[]);
        run.assert_failed();
        assert!(run.stderr.contains(said), "{title}: {}", run.stderr);
    }
    assert!(!site.path("content/pages/contact.md").exists());
    assert!(!site.path("content/pages/search.md").exists());
    assert_eq!(std::fs::read_to_string(&path).unwrap(), text);
}

/// Content linked into `content/` from elsewhere (a shared folder of articles, one file or a
/// whole folder) is rebuilt on each edit of the linked file, as the site's own files are:
/// the watch of `content/` saw nothing of a linked file's target. Also links made while it
/// serves, which counted only from the next start.
#[cfg(unix)]
#[test]
fn edits_to_linked_files_and_folders_are_seen() {
    use std::os::unix::fs::symlink;
    let site = served_site();
    let shared = site.root().join("shared");
    std::fs::create_dir_all(shared.join("folder")).unwrap();
    let write = |rel: &str, text: &str| {
        std::fs::write(
            shared.join(rel),
            format!("---\ntitle: {rel}\ndate: 2024-05-02\n---\n{text}\n"),
        )
        .unwrap()
    };
    write("one.md", "First linked text.");
    write("folder/two.md", "First folder text.");
    let articles = site.root().join("content/articles");
    symlink(shared.join("one.md"), articles.join("one.md")).unwrap();
    symlink(shared.join("folder"), articles.join("folder")).unwrap();
    let server = site.serve();
    let events = server.events();
    expect_event(&events, "hello");
    assert!(server
        .get("/articles/one/")
        .body
        .contains("First linked text."));
    write("one.md", "Second linked text.");
    expect_event(&events, "reload");
    let page = server.get("/articles/one/");
    assert!(page.body.contains("Second linked text."), "{}", page.body);
    write("folder/two.md", "Second folder text.");
    expect_event(&events, "reload");
    let page = server.get("/articles/folder/two/");
    assert!(page.body.contains("Second folder text."), "{}", page.body);
    // Links made while it runs: the new pages, then edits of what they lead to.
    write("three.md", "First later text.");
    std::fs::create_dir_all(shared.join("later")).unwrap();
    write("later/four.md", "First later folder text.");
    symlink(shared.join("three.md"), articles.join("three.md")).unwrap();
    symlink(shared.join("later"), articles.join("later")).unwrap();
    expect_event(&events, "reload");
    let appeared = |url: &str, text: &str| {
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
        loop {
            let page = server.get(url);
            if page.body.contains(text) {
                return;
            }
            assert!(std::time::Instant::now() < deadline, "{url}: {}", page.body);
            std::thread::sleep(std::time::Duration::from_millis(50));
        }
    };
    appeared("/articles/three/", "First later text.");
    appeared("/articles/later/four/", "First later folder text.");
    write("three.md", "Second later text.");
    expect_event(&events, "reload");
    appeared("/articles/three/", "Second later text.");
    write("later/four.md", "Second later folder text.");
    expect_event(&events, "reload");
    appeared("/articles/later/four/", "Second later folder text.");
}
