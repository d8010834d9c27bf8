//! Bad input: one fixture per kind of mistake. Every one must exit 1, point at the file (and
//! line and column where there is one), say how to fix it, and leave the previous `public/`
//! byte for byte as it was.

use crate::support::*;

/// A small site that builds: one article, one symptom, one supplement.
fn good_site() -> Site {
    let site = Site::new();
    site.file("content/symptoms/paresthesia.yaml", SYMPTOM_PARESTHESIA)
        .file("content/supplements/magnesium.yaml", "name: Magnesium\n")
        .article(
            "guide.md",
            "title: Guide\ndate: 2024-05-01\nsymptoms: [paresthesia]",
            "Some tingling.\n",
        );
    site.build().assert_ok();
    site
}

/// Builds the broken site, checks the failure, and returns stderr.
#[track_caller]
fn assert_rejected(site: &Site, expected: &[&str]) -> String {
    let before = site.tree("public");
    assert!(!before.is_empty(), "the good build wrote nothing");
    let run = site.build();
    run.assert_failed().assert_said(expected);
    assert!(
        site.tree("public") == before,
        "a failed build changed public/"
    );
    let leftovers: Vec<_> = std::fs::read_dir(site.root())
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("staging"))
        .collect();
    assert!(leftovers.is_empty(), "staging left behind: {leftovers:?}");
    run.stderr
}

#[test]
fn malformed_yaml_front_matter() {
    let site = good_site();
    site.article("bad.md", "title: Bad\ntags: [unclosed", "Text");
    // The parser notices the unclosed list at the closing fence.
    assert_rejected(
        &site,
        &[
            "error: invalid front matter",
            "--> content/articles/bad.md:4:1",
        ],
    );
}

#[test]
fn malformed_toml_front_matter() {
    let site = good_site();
    site.file(
        "content/articles/bad.md",
        "+++\ntitle = \"Bad\"\ndate = \n+++\nText",
    );
    assert_rejected(
        &site,
        &["invalid front matter", "--> content/articles/bad.md:3:"],
    );
}

#[test]
fn unclosed_front_matter() {
    let site = good_site();
    site.file("content/articles/bad.md", "---\ntitle: Bad\n\nText");
    assert_rejected(
        &site,
        &["never closed", "bad.md:1:1", "help: end the front matter"],
    );
}

#[test]
fn missing_front_matter() {
    let site = good_site();
    site.file("content/articles/bad.md", "# Just Markdown\n");
    assert_rejected(&site, &["article has no front matter", "bad.md:1:1"]);
}

#[test]
fn missing_required_title() {
    let site = good_site();
    site.article("bad.md", "description: no title", "Text");
    assert_rejected(
        &site,
        &[
            "missing field `title`",
            "bad.md:",
            "help: add the required field `title: …`",
        ],
    );
}

#[test]
fn unknown_front_matter_field_suggests_the_right_one() {
    let site = good_site();
    site.article("bad.md", "title: Bad\nreviwed_by: Dr A", "Text");
    assert_rejected(
        &site,
        &[
            "unknown field `reviwed_by`",
            "bad.md:3:",
            "did you mean `reviewed_by`?",
        ],
    );
}

/// Every problem of a front matter, a record and `site.toml` is reported in one build,
/// each at its own line, not only the first the parser stops at: an author migrating a
/// site fixes them all in one pass.
#[test]
fn every_problem_of_a_front_matter_record_or_site_toml_is_reported_at_once() {
    let site = good_site();
    site.article(
        "bad.md",
        "title: Bad\nreviwed_by: Dr A\ndate: 2024-13-01\nimage: x.png\nreferences:\n  - title: A\n    link: https://a.org\ndraft: maybe",
        "Text",
    );
    let stderr = assert_rejected(
        &site,
        &[
            "unknown field `reviwed_by`",
            "bad.md:3:1",
            "did you mean `reviewed_by`?",
            "no month 13",
            "bad.md:4:7",
            "unknown field `image`",
            "bad.md:5:1",
            "unknown field `link`",
            "the fields allowed here are: title, url",
            "bad.md:6:1",
            "draft: invalid type: string \"maybe\", expected a boolean",
            "bad.md:9:8",
            "write `true` or `false`",
            "build failed with 5 errors",
        ],
    );
    assert_eq!(
        stderr.matches("reviwed_by").count(),
        1,
        "reported twice: {stderr}"
    );
    site.file("content/articles/bad.md", "---\ntitle: Ok\n---\nText\n");
    site.file(
        "content/symptoms/numbness.json",
        "{\n  \"nmae\": \"Numbness\",\n  \"alias\": [\"numb\"],\n  \"sources\": 3\n}\n",
    );
    assert_rejected(
        &site,
        &[
            "unknown field `nmae`",
            "numbness.json:2:",
            "unknown field `alias`",
            "numbness.json:3:3",
            "sources: invalid type: integer `3`, expected a sequence",
            "numbness.json:4:14",
            "missing field `name`",
            "build failed with 4 errors",
        ],
    );
    site.file("content/symptoms/numbness.json", "{\"name\": \"Numbness\"}");
    let good = crate::support::SITE_TOML;
    let line = good.lines().count() + 1;
    site.file(
        "site.toml",
        &format!(
            "{good}theem = \"x\"\npaginate_by = \"10\"\n[linking]\nexclude = []\n\
             max_links_per_term = -1\nmax_link = 2\n"
        ),
    );
    // Each problem inside a table too, at its own line: a table showed its first alone,
    // at its header.
    assert_rejected(
        &site,
        &[
            &format!("site.toml:{line}:1"),
            "did you mean `theme`?",
            &format!("site.toml:{}:15", line + 1),
            "paginate_by: invalid type: string \"10\", expected a whole number",
            "linking.max_links_per_term: invalid value: integer `-1`",
            &format!("site.toml:{}:22", line + 4),
            &format!("site.toml:{}:1", line + 5),
            "unknown field `max_link`",
            "build failed with 4 errors",
        ],
    );
}

/// A count that is no count (`paginate_by = -1`, `"10"`) says what it should be, at its
/// place, in words authors use (not Rust's `usize`).
#[test]
fn a_negative_or_quoted_count_in_site_toml_is_explained() {
    let site = good_site();
    let good = crate::support::SITE_TOML;
    let line = good.lines().count() + 1;
    for value in ["-1", "\"10\"", "2.5"] {
        site.file("site.toml", &format!("{good}paginate_by = {value}\n"));
        let stderr = assert_rejected(
            &site,
            &[
                "a whole number, 0 or more",
                &format!("site.toml:{line}:15"),
                "like `50`",
            ],
        );
        assert!(!stderr.contains("usize"), "{stderr}");
    }
}

/// A typo inside a table of `site.toml` is matched against that table's fields, not the
/// file's top-level ones (which the hint listed, for `[linking]` and `[search]`); a synonym
/// group of one word is an error at that word.
#[test]
fn unknown_field_in_a_site_toml_table_suggests_that_tables_field() {
    let site = good_site();
    let good = crate::support::SITE_TOML;
    site.file(
        "site.toml",
        &format!("{good}\n[search]\nsynonym = [[\"a\", \"b\"]]\n"),
    );
    assert_rejected(
        &site,
        &["unknown field `synonym`", "did you mean `synonyms`?"],
    );
    site.file("site.toml", &format!("{good}\n[linking]\nzzz = 1\n"));
    assert_rejected(
        &site,
        &["the fields allowed here are: max_links_per_term, exclude"],
    );
    site.file(
        "site.toml",
        &format!("{good}\n[search]\nsynonyms = [[\"dose\", \"dosage\"], [\"elderly\"]]\n"),
    );
    let lines = good.lines().count();
    assert_rejected(
        &site,
        &[
            "a synonym group needs two words or phrases or more",
            &format!("site.toml:{}:34", lines + 3),
        ],
    );
}

#[test]
fn malformed_yaml_record() {
    let site = good_site();
    site.file(
        "content/symptoms/numbness.yaml",
        "name: Numbness\naliases: [numb\n",
    );
    assert_rejected(
        &site,
        &[
            "invalid symptom record",
            "--> content/symptoms/numbness.yaml:",
        ],
    );
}

#[test]
fn malformed_toml_record() {
    let site = good_site();
    site.file(
        "content/symptoms/numbness.toml",
        "name = \"Numbness\"\naliases = [\"numb\"\n",
    );
    assert_rejected(
        &site,
        &[
            "invalid symptom record",
            "--> content/symptoms/numbness.toml:",
        ],
    );
}

#[test]
fn malformed_json_record() {
    let site = good_site();
    site.file(
        "content/supplements/zinc.json",
        "{\n  \"name\": \"Zinc\",\n  \"aliases\": [\"zn\",]\n}\n",
    );
    assert_rejected(
        &site,
        &[
            "invalid supplement record",
            "--> content/supplements/zinc.json:3:",
        ],
    );
}

/// A key set twice is pointed at where it is set the second time, in every format, with
/// the line of the first: YAML's parser points at the start of the front matter, and
/// TOML's does not name the key.
#[test]
fn a_key_set_twice_is_pointed_at_both_times() {
    let site = good_site();
    site.article(
        "twice.md",
        "title: Twice\ndate: 2024-01-01\ntags: [x]\ndate: 2024-02-01",
        "Text.\n",
    )
    .file(
        "content/symptoms/y.toml",
        "name = \"Y\"\nsummary = \"s\"\nname = \"Z\"\n",
    )
    .file("content/symptoms/z.yaml", "name: Y\nsummary: s\nname: Z\n")
    .file(
        "content/supplements/x.json",
        "{\n  \"name\": \"X\",\n  \"summary\": \"s\",\n  \"name\": \"Y\"\n}\n",
    );
    let stderr = assert_rejected(&site, &["`date` is set twice", "4 errors"]);
    for (at, first) in [
        ("twice.md:5:1", 3),
        ("y.toml:3:1", 1),
        ("z.yaml:3:1", 1),
        ("x.json:4:3", 2),
    ] {
        let shown = format!("{at}\n   = help: keep one of the two: it is also set on line {first}");
        assert!(stderr.contains(&shown), "{shown}: {stderr}");
    }
}

/// A value of the wrong type is named by its key whatever the format (TOML's and JSON's
/// parsers leave it out), and a JSON record written on one line is pointed at the value and
/// reported once.
#[test]
fn a_wrong_value_is_named_by_its_key_in_every_format() {
    let site = good_site();
    site.file(
        "content/articles/toml.md",
        "+++\ntitle = \"Toml\"\ndate = 5\n+++\nText.\n",
    )
    .file(
        "content/symptoms/x.json",
        "{\"name\": \"X\", \"aliases\": 5}",
    );
    let stderr = assert_rejected(&site, &["2 errors"]);
    for (message, at) in [
        ("date: invalid type: integer `5`", "toml.md:3:8"),
        ("aliases: invalid type: integer `5`", "x.json:1:26"),
    ] {
        let line = stderr
            .lines()
            .position(|l| l.contains(message))
            .unwrap_or_else(|| panic!("{message}: {stderr}"));
        assert!(
            stderr
                .lines()
                .nth(line + 1)
                .is_some_and(|l| l.ends_with(at)),
            "{message} at {at}: {stderr}"
        );
    }
}

#[test]
fn record_missing_name() {
    let site = good_site();
    site.file("content/supplements/zinc.yaml", "aliases: [zn]\n");
    assert_rejected(&site, &["missing field `name`", "zinc.yaml"]);
}

#[test]
fn unknown_record_field() {
    let site = good_site();
    site.file(
        "content/symptoms/numbness.yaml",
        "name: Numbness\nalias: [numb]\n",
    );
    assert_rejected(
        &site,
        &[
            "unknown field `alias`",
            "numbness.yaml:2:1",
            "did you mean `aliases`?",
        ],
    );
}

#[test]
fn unknown_symptom_id_points_at_it() {
    let site = good_site();
    site.article("bad.md", "title: Bad\nsymptoms:\n  - paresthesai", "Text");
    assert_rejected(
        &site,
        &[
            "error: unknown symptom `paresthesai`",
            "--> content/articles/bad.md:4:5",
            "did you mean `paresthesia`?",
        ],
    );
}

#[test]
fn unknown_supplement_id_points_at_it() {
    let site = good_site();
    site.article("bad.md", "title: Bad\nsupplements: [magnesuim]", "Text");
    assert_rejected(
        &site,
        &[
            "unknown supplement `magnesuim`",
            "bad.md:3:15",
            "did you mean `magnesium`?",
        ],
    );
}

#[test]
fn unknown_id_in_a_record() {
    let site = good_site();
    site.file(
        "content/symptoms/numbness.yaml",
        "name: Numbness\nrelated_supplements: [magnesum]\n",
    );
    assert_rejected(
        &site,
        &[
            "unknown supplement `magnesum`",
            "numbness.yaml:2:",
            "did you mean `magnesium`?",
        ],
    );
}

/// A JSON record written on one line: the unknown id is pointed at in the line, not at its
/// start, and not at the same word in another field.
#[test]
fn unknown_id_in_a_record_of_one_line() {
    let site = good_site();
    site.file(
        "content/symptoms/cramps.json",
        r#"{"name":"Cramps","aliases":["magnesum cramps"],"related_supplements":["magnesum"]}"#,
    );
    assert_rejected(
        &site,
        &[
            "unknown supplement `magnesum`",
            "--> content/symptoms/cramps.json:1:72",
            "did you mean `magnesium`?",
        ],
    );
}

#[test]
fn duplicate_slugs() {
    let site = good_site();
    site.article("a.md", "title: A\nslug: same", "Text")
        .article("b.md", "title: B\nslug: same", "Text");
    assert_rejected(
        &site,
        &[
            "two articles have the URL `/articles/same/`",
            "--> content/articles/b.md:1:1",
            "= note: `content/articles/a.md` has it too",
            "help:",
        ],
    );
}

#[test]
fn alias_outside_the_site() {
    let site = good_site();
    site.article("a.md", "title: A\naliases: [\"old/page/\"]", "Text");
    assert_rejected(
        &site,
        &[
            "error: alias `old/page/` is not a site path",
            "--> content/articles/a.md:3:",
            "paths from the site root",
        ],
    );
}

#[test]
fn alias_with_characters_no_url_path_has() {
    let site = good_site();
    site.article(
        "a.md",
        "title: A\naliases: ['/old/\"><b>x</b>/', \"/fine/caf\u{e9}/\"]",
        "Text",
    );
    let stderr = assert_rejected(
        &site,
        &[
            "has '\"', which cannot stand in a URL path",
            "--> content/articles/a.md:3:",
            "without a query",
        ],
    );
    assert!(!stderr.contains("caf\u{e9}"), "{stderr}");
}

/// An old URL redirects to one page: two pages (articles or standalone pages) claiming it,
/// or one claiming a page the site writes (a later page of a list too), are errors at the
/// alias's line; one page writing it twice is one redirect. A page past a list's last is
/// no page of the site: an alias may have it.
#[test]
fn an_alias_claimed_twice_or_taken_by_a_page_is_an_error() {
    let site = good_site();
    // Three articles at the top of `articles/`, one to a page: pages 1 to 3.
    site.file("site.toml", &format!("{SITE_TOML}paginate_by = 1\n"))
        .article("a.md", "title: A\naliases: [/old/, /old/]", "Text")
        .article("b.md", "title: B\naliases: [\"/old\"]", "Text")
        .file(
            "content/pages/about.md",
            "---\ntitle: About\naliases:\n  - /history/\n  - /articles/a/\n  - /articles/page/3/\n  - /articles/page/4/\n---\nText.\n",
        );
    let stderr = assert_rejected(
        &site,
        &[
            "error: alias `/old` is claimed by two pages",
            "--> content/articles/b.md:3:12",
            "content/articles/a.md:3:11 claims it first",
            "error: alias `/articles/a/` is already a page of the site",
            "--> content/pages/about.md:5:5",
            // A later page of a list, which an alias would have overwritten.
            "error: alias `/articles/page/3/` is already a page of the site",
            "--> content/pages/about.md:6:5",
        ],
    );
    assert!(!stderr.contains("`/history/`"), "{stderr}");
    assert!(!stderr.contains("`/articles/page/4/`"), "{stderr}");
    assert_eq!(stderr.matches("error: alias").count(), 3, "{stderr}");
}

/// The output folder is replaced whole, so one that is (or holds) the site, lies inside its
/// sources, is a file or holds other files is refused before anything is written.
#[test]
fn an_output_folder_whose_replacement_would_destroy_files_is_refused() {
    let site = good_site();
    site.file("notes/todo.txt", "keep me");
    let root = site.root().to_string_lossy().into_owned();
    let before = site.tree(".");
    for (out, said) in [
        (
            "content",
            "the output folder `content` is inside the site's content/",
        ),
        ("content/articles/out", "is inside the site's content/"),
        ("themes/x", "is inside the site's themes/"),
        (
            root.as_str(),
            "holds the site itself: replacing it would delete the site",
        ),
        ("..", "holds the site itself"),
        (
            "site.toml",
            "the output `site.toml` is a file, not a folder",
        ),
        ("notes", "holds files but no built site (no index.html)"),
    ] {
        let run = site.build_with(&["--out", out]);
        run.assert_failed().assert_said(&[said, "help:"]);
        assert!(site.tree(".") == before, "--out {out} changed the site");
    }
    // A new folder, and the last build's, are fine.
    site.build_with(&["--out", "site-out"]).assert_ok();
    site.build_with(&["--out", "site-out"]).assert_ok();
    assert!(site.path("site-out/index.html").is_file());
}

#[test]
fn names_that_transliterate_to_the_same_slug() {
    let site = good_site();
    site.article("Café Crème.md", "title: Café crème", "Text")
        .article("cafe-creme.md", "title: Cafe creme", "Text");
    assert_rejected(
        &site,
        &["two articles have the URL `/articles/cafe-creme/`"],
    );
}

#[test]
fn duplicate_record_ids() {
    let site = good_site();
    site.file("content/symptoms/paresthesia.toml", "name = \"Tingling\"\n");
    assert_rejected(&site, &["two symptom records have the id `paresthesia`"]);
}

#[test]
fn malformed_date() {
    let site = good_site();
    site.article("bad.md", "title: Bad\ndate: 2024-13-45", "Text");
    assert_rejected(
        &site,
        &[
            "has no month 13",
            "bad.md:3:",
            "help: write dates as YYYY-MM-DD",
        ],
    );
}

#[test]
fn impossible_day() {
    let site = good_site();
    site.article("bad.md", "title: Bad\nreviewed_on: 2023-02-29", "Text");
    assert_rejected(&site, &["February 2023 has 28 days", "bad.md:3:"]);
}

#[test]
fn non_utf8_file() {
    let site = good_site();
    site.bytes(
        "content/articles/bad.md",
        b"---\ntitle: Bad\n---\nCaf\xe9 au lait\n",
    );
    assert_rejected(
        &site,
        &[
            "not valid UTF-8",
            "bad.md:4:4",
            "help: save the file as UTF-8",
        ],
    );
}

#[test]
fn link_to_a_missing_page() {
    let site = good_site();
    site.article(
        "bad.md",
        "title: Bad",
        "Intro.\n\nSee [the page](/symptoms/paresthesa/).\n",
    );
    assert_rejected(
        &site,
        &[
            "link to `/symptoms/paresthesa/`, a page that does not exist",
            "bad.md:6:5",
            "did you mean `/symptoms/paresthesia/`?",
        ],
    );
}

/// A section's, tag's or person's list has the pages its articles fill and no more: a link
/// to one past the last is a link to a missing page.
#[test]
fn link_to_a_list_page_past_the_last() {
    // Five articles in `nerves`, tagged Nerves, two a page: three pages.
    let site = Site::paged(2, 5);
    site.article("about.md", "title: About\nauthors: [Ann Author]", "Text.\n");
    site.build().assert_ok();
    site.article(
        "about.md",
        "title: About\nauthors: [Ann Author]",
        "[a](/articles/nerves/page/3/), [b](/tags/nerves/page/3/), \
         [c](/articles/nerves/page/4/), [d](/tags/nerves/page/4/), [e](/authors/ann-author/page/2/).\n",
    );
    let stderr = assert_rejected(
        &site,
        &[
            "link to `/articles/nerves/page/4/`, a page that does not exist",
            "link to `/tags/nerves/page/4/`, a page that does not exist",
            "link to `/authors/ann-author/page/2/`, a page that does not exist",
            "build failed with 3 errors",
        ],
    );
    assert!(!stderr.contains("page/3/`"), "{stderr}");
}

/// Links that would run code when a reader follows them, however they are spelled: the
/// build stops at each, while a picture's `data:` image and a `mailto:` link pass.
#[test]
fn link_that_runs_script() {
    let site = good_site();
    site.article(
        "bad.md",
        "title: Bad",
        "Intro.\n\nSee [one](javascript:alert(1)), [two]( JavaScript:alert(3) ), \
         [three](java&#9;script:alert(2)), [four](data:text/html,x) and \
         [five](vbscript:x), [six](FILE:///etc/passwd).\n\n![ok](data:image/png;base64,AAAA) [mail](mailto:a@b.example)\n",
    );
    let stderr = assert_rejected(
        &site,
        &[
            "link `javascript:alert(1)` is a `javascript:` URL, which can run code",
            "bad.md:6:5",
            "link `java\tscript:alert(2)` is a `javascript:` URL",
            "is a `data:` URL",
            "is a `vbscript:` URL",
            "is a `file:` URL",
            "content cannot carry scripts",
        ],
    );
    assert_eq!(stderr.matches("can run code").count(), 6, "{stderr}");
    assert_eq!(
        stderr.matches("error:").count(),
        7,
        "six links and the summary: {stderr}"
    );
}

/// A citation becomes a link too: a script URL in an article's references or a record's
/// sources stops the build, pointing at the URL.
#[test]
fn source_that_runs_script() {
    let site = good_site();
    site.article(
        "bad.md",
        "title: Bad\nreferences:\n  - title: Fine\n    url: https://example.org/1\n  - title: Evil\n    url: 'JavaScript:alert(1)'",
        "Text.\n",
    )
    .file(
        "content/supplements/zinc.yaml",
        "name: Zinc\nsources:\n  - title: Bad\n    url: \"data:text/html,<script>alert(2)</script>\"\n",
    );
    assert_rejected(
        &site,
        &[
            "error: citation `Evil` links to `JavaScript:alert(1)`, a `javascript:` URL",
            "--> content/articles/bad.md:7:11",
            "error: citation `Bad` links to `data:text/html,<script>alert(2)</script>`, a `data:` URL",
            "--> content/supplements/zinc.yaml:4:11",
            "give the web address of the work cited",
        ],
    );
}

/// A web address written without `https://` would be a link to a page of the site: in a
/// body link, a citation, a record's source or a supplement's product link, the build
/// stops, pointing at it, and says what to write; every one is reported in one run.
#[test]
fn web_address_without_its_scheme() {
    let site = good_site();
    site.article(
        "bad.md",
        "title: Bad\nreferences:\n  - title: NHS\n    url: www.nhs.uk/conditions/",
        "Intro.\n\nSee [PubMed](pubmed.ncbi.nlm.nih.gov/12345/).\n",
    )
    .file(
        "content/supplements/zinc.yaml",
        "name: Zinc\nlinks:\n  - https://shop.example/zinc\n  - shop.example/zinc-tablets\nsources:\n  - title: ODS\n    url: ods.od.nih.gov\n",
    );
    let stderr = assert_rejected(
        &site,
        &[
            "error: citation `NHS` links to `www.nhs.uk/conditions/`, which has no `https://`: browsers would take `www.nhs.uk` for a page of this site",
            "--> content/articles/bad.md:5:10",
            "help: write `https://www.nhs.uk/conditions/`",
            "error: link to `pubmed.ncbi.nlm.nih.gov/12345/`, which has no `https://`",
            "bad.md:9:5",
            "help: write `https://pubmed.ncbi.nlm.nih.gov/12345/`",
            "error: link `shop.example/zinc-tablets` is not an absolute http(s) URL",
            "--> content/supplements/zinc.yaml:4:5",
            "help: write `https://shop.example/zinc-tablets`",
            "error: citation `ODS` links to `ods.od.nih.gov`",
            "--> content/supplements/zinc.yaml:7:10",
            "build failed with 4 errors",
        ],
    );
    assert!(!stderr.contains("did you mean"), "{stderr}");
}

/// A citation of a page of this site is checked as a body's link is: one that leads
/// nowhere stops the build, pointing at its address; under a site path, the ones that lead
/// somewhere link there with the path, and are not marked as another site's.
#[test]
fn a_reference_to_a_page_of_the_site_is_checked_and_completed() {
    let site = good_site();
    site.file(
        "site.toml",
        "title = \"Test Health\"\nbase_url = \"https://example.org/kb/\"\n",
    )
    .article("b.md", "title: B", "Text.\n")
    .article(
        "a.md",
        "title: A\nreferences:\n  - title: Ours\n    url: /articles/b/\n  - title: File\n    url: b.md\n  - title: Gone\n    url: /articles/c/",
        "Text.\n",
    );
    assert_rejected(
        &site,
        &[
            "error: link to `/articles/c/`, a page that does not exist",
            "--> content/articles/a.md:9:10",
            "build failed with 1 error",
        ],
    );
    site.article(
        "a.md",
        "title: A\nreferences:\n  - title: Ours\n    url: /articles/b/\n  - title: File\n    url: b.md\n  - title: Theirs\n    url: https://example.net/x",
        "Text.\n",
    );
    site.build().assert_ok();
    let html = site.read("articles/a/index.html");
    for cited in [
        "<a href=\"/kb/articles/b/\">Ours</a>",
        "<a href=\"/kb/articles/b/\">File</a>",
        "<a class=\"external\" rel=\"noopener\" href=\"https://example.net/x\">Theirs</a>",
    ] {
        assert!(html.contains(cited), "{cited} in {html}");
    }
    assert!(
        html.contains("\"name\":\"File\",\"url\":\"https://example.org/kb/articles/b/\""),
        "{html}"
    );
}

/// A record's source that is a page of this site is checked and completed as an
/// article's reference is: one to no page stops the build at its line, the rest link with
/// `base_path` and are not marked as other sites' pages.
#[test]
fn a_records_source_on_this_site_is_checked_and_completed() {
    let site = good_site();
    site.file(
        "site.toml",
        "title = \"Test Health\"\nbase_url = \"https://example.org/kb/\"\n",
    )
    .file(
        "content/symptoms/numbness.yaml",
        "name: Numbness\nsources:\n  - title: Our guide\n    url: /articles/guide/\n  - title: Gone\n    url: /articles/gone/\n",
    )
    .file(
        "content/supplements/zinc.toml",
        "name = \"Zinc\"\n\n[[sources]]\ntitle = \"Tingling\"\nurl = \"/symptoms/paresthesia/\"\n\n[[sources]]\ntitle = \"Missing\"\nurl = \"/supplements/iron/\"\n",
    );
    assert_rejected(
        &site,
        &[
            "error: link to `/articles/gone/`, a page that does not exist",
            "--> content/symptoms/numbness.yaml:6:10",
            "error: link to `/supplements/iron/`, a page that does not exist",
            "--> content/supplements/zinc.toml:9:8",
            "build failed with 2 errors",
        ],
    );
    site.file(
        "content/symptoms/numbness.yaml",
        "name: Numbness\nsources:\n  - title: Our guide\n    url: /articles/guide/\n  - title: NHS\n    url: https://www.nhs.uk/\n",
    )
    .file(
        "content/supplements/zinc.toml",
        "name = \"Zinc\"\n\n[[sources]]\ntitle = \"Tingling\"\nurl = \"/symptoms/paresthesia/\"\n",
    );
    site.build().assert_ok();
    let html = site.read("symptoms/numbness/index.html");
    for cited in [
        "<a href=\"/kb/articles/guide/\">Our guide</a>",
        "<a class=\"external\" rel=\"noopener\" href=\"https://www.nhs.uk/\">NHS</a>",
    ] {
        assert!(html.contains(cited), "{cited} in {html}");
    }
    let html = site.read("supplements/zinc/index.html");
    assert!(
        html.contains("<a href=\"/kb/symptoms/paresthesia/\">Tingling</a>"),
        "{html}"
    );
}

/// A picture that is not among the site's files: the message says it is an image, and
/// the hint offers a file (not a page) or where to put the picture.
#[test]
fn image_that_is_not_a_file() {
    let site = good_site();
    site.file("content/static/img/nerve.png", "png").article(
        "bad.md",
        "title: Bad",
        "Intro.\n\n![a](/img/nerv.png) ![b](/photos/spine-cross-section.jpg)\n",
    );
    assert_rejected(
        &site,
        &[
            "error: image `/img/nerv.png` is not a file of the site",
            "bad.md:6:1",
            "did you mean `/img/nerve.png`?",
            "error: image `/photos/spine-cross-section.jpg` is not a file of the site",
            "`content/static/photos/spine-cross-section.jpg` is served as `/photos/spine-cross-section.jpg`",
        ],
    );
}

/// The disclaimer from site.toml is shown on every article: its links are checked as an
/// article's are, and its errors point at its line of site.toml.
#[test]
fn disclaimer_links_are_checked() {
    let site = good_site();
    site.file(
        "site.toml",
        &format!(
            "{SITE_TOML}disclaimer = \"Not advice. [Click](javascript:alert(1)), [help](/nowhere/).\"\n"
        ),
    );
    let line = SITE_TOML.lines().count() + 1;
    assert_rejected(
        &site,
        &[
            "error: link `javascript:alert(1)` is a `javascript:` URL",
            "error: link to `/nowhere/`, a page that does not exist",
            &format!("--> site.toml:{line}:1"),
        ],
    );
}

#[test]
fn link_to_a_missing_article_file() {
    let site = good_site();
    site.article("bad.md", "title: Bad", "See [guide](gide.md).\n");
    assert_rejected(
        &site,
        &[
            "link to `gide.md`, which is not an article",
            "bad.md:4:5",
            "did you mean `guide.md`?",
        ],
    );
}

/// A broken link with nothing close to suggest still says how to write one that works.
#[test]
fn a_broken_link_with_no_near_match_says_how_to_link() {
    let site = good_site();
    site.article(
        "bad.md",
        "title: Bad",
        "See [x](zzzzzzzz.md) and [y](/qqqqqqqqqq/).\n",
    );
    assert_rejected(
        &site,
        &[
            "link to `zzzzzzzz.md`, which is not an article",
            "help: name an article's file relative to this one (`../section/slug.md`), or its URL",
            "link to `/qqqqqqqqqq/`, a page that does not exist",
            "help: link to a page the site makes (`/symptoms/<id>/`",
        ],
    );
    site.article(
        "bad.md",
        "title: Bad",
        "See [a](/articles/bad/#zzzzzzzz).\n\n## Causes\n",
    );
    let root = site.root().to_string_lossy().into_owned();
    let run = site.run(&["check", "--root", &root]);
    run.assert_failed();
    assert!(
        run.stderr
            .contains("help: link to one of its headings: `#causes`"),
        "{}",
        run.stderr
    );
}

#[test]
fn unknown_site_toml_key() {
    let site = good_site();
    site.file("site.toml", &format!("{SITE_TOML}tittle = \"x\"\n"));
    assert_rejected(
        &site,
        &[
            "unknown field `tittle`",
            "site.toml:3:1",
            "did you mean `title`?",
        ],
    );
}

#[test]
fn term_claimed_by_two_records() {
    let site = good_site();
    site.file(
        "content/symptoms/numbness.yaml",
        "name: Numbness\naliases: [Tingling]\n",
    );
    assert_rejected(
        &site,
        &[
            "belongs to both symptom `numbness` and symptom `paresthesia`",
            "paresthesia.yaml:2:",
        ],
    );
}

#[cfg(unix)]
#[test]
fn symlink_loop() {
    let site = good_site();
    std::os::unix::fs::symlink(
        site.path("content/articles"),
        site.path("content/articles/loop"),
    )
    .unwrap();
    assert_rejected(&site, &["symbolic link loop", "content/articles/loop"]);
}

#[test]
fn no_site_toml() {
    let site = Site::bare();
    let run = site.build();
    run.assert_failed();
    assert!(run.stderr.contains("no site.toml"), "{}", run.stderr);
}

#[test]
fn check_reports_the_same_errors_and_writes_nothing() {
    let site = Site::new();
    site.article("bad.md", "title: Bad\nsymptoms: [nope]", "[x](/nowhere/)");
    let root = site.root().to_string_lossy().into_owned();
    let run = site.run(&["check", "--root", &root]);
    run.assert_failed();
    assert!(
        run.stderr.contains("unknown symptom `nope`"),
        "{}",
        run.stderr
    );
    assert!(!site.path("public").exists());
}

#[test]
fn check_also_checks_heading_anchors() {
    let site = Site::new();
    site.article("a.md", "title: A", "## Causes\n\nText.\n")
        .article("b.md", "title: B", "See [causes](/articles/a/#cuases).\n");
    site.build().assert_ok();
    let root = site.root().to_string_lossy().into_owned();
    let run = site.run(&["check", "--root", &root]);
    run.assert_failed();
    assert!(
        run.stderr.contains("has no heading `#cuases`"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("did you mean `#causes`?"),
        "{}",
        run.stderr
    );
}

/// The rendered pages settle what linking cannot: a later page of a keyword's list
/// (mentions make it as long as it is), in a build too, and in `materia check` the `#id` of
/// a part of a page other than an article's (the theme's templates make those ids).
#[test]
fn the_rendered_site_settles_keyword_list_pages_and_ids() {
    let site = Site::new();
    let front = "title: A\nkeywords: [nerve health]";
    let good = "See [the record](/symptoms/paresthesia/#record-title) and [its list](/keywords/nerve-health/).\n";
    site.file("content/symptoms/paresthesia.yaml", SYMPTOM_PARESTHESIA)
        .article("a.md", front, good);
    site.build().assert_ok();
    site.article(
        "a.md",
        front,
        &format!("{good}\nThen [a typo](/symptoms/paresthesia/#record-titel) and [page two](/keywords/nerve-health/page/2/).\n"),
    );
    let stderr = assert_rejected(
        &site,
        &[
            "error: link to `/keywords/nerve-health/page/2/`, a page that does not exist",
            "--> content/articles/a.md:7:56",
            "build failed with 1 error",
        ],
    );
    assert!(!stderr.contains("record-titel"), "{stderr}");
    let root = site.root().to_string_lossy().into_owned();
    let run = site.run(&["check", "--root", &root]);
    run.assert_failed().assert_said(&[
        "error: link to `/symptoms/paresthesia/#record-titel`: the page has no part with the id `#record-titel`",
        "--> content/articles/a.md:7:6",
        "did you mean `#record-title`?",
        "error: link to `/keywords/nerve-health/page/2/`, a page that does not exist",
        "--> content/articles/a.md:7:56",
        "check failed with 2 errors",
    ]);
}

/// `materia check` reports a link to a missing `#id` of a record's page in the same run as
/// a broken link that linking finds, not in a second run once that one is mended.
#[test]
fn check_reports_ids_of_rendered_pages_beside_other_link_errors() {
    let site = Site::new();
    site.file("content/symptoms/paresthesia.yaml", SYMPTOM_PARESTHESIA)
        .article(
            "a.md",
            "title: A",
            "See [the record](/symptoms/paresthesia/#record-titel).\n\nAnd [gone](/symptoms/numbnes/).\n",
        );
    let root = site.root().to_string_lossy().into_owned();
    site.run(&["check", "--root", &root])
        .assert_failed()
        .assert_said(&[
            "error: link to `/symptoms/paresthesia/#record-titel`: the page has no part with the id `#record-titel`",
            "error: link to `/symptoms/numbnes/`, a page that does not exist",
            "check failed with 2 errors",
        ]);
}

/// Under a site path, the rendered pages are found by their paths below it: a link to a
/// later page of a keyword's list that the list fills passes the build and the check.
#[test]
fn a_keyword_lists_later_page_is_found_under_a_base_path() {
    let site = Site::new();
    site.file(
        "site.toml",
        "title = \"Test Health\"\nbase_url = \"https://example.org/kb/\"\npaginate_by = 1\n",
    )
    .article("a.md", "title: A\nkeywords: [nerve health]", "Text.\n")
    .article("b.md", "title: B\nkeywords: [nerve health]", "Text.\n")
    .article(
        "c.md",
        "title: C",
        "See [page two](/keywords/nerve-health/page/2/) and [its start](/keywords/nerve-health/page/2/#content).\n",
    );
    site.build().assert_ok();
    assert!(site.exists("keywords/nerve-health/page/2/index.html"));
    let root = site.root().to_string_lossy().into_owned();
    site.run(&["check", "--root", &root]).assert_ok();
}

/// Three broken files, three errors, one run; the snapshot keeps the messages good.
#[test]
fn every_error_is_reported_in_one_run() {
    let site = good_site();
    site.article("one.md", "title: One\ntitel: typo", "Text")
        .article("two.md", "title: Two\ndate: 2024-02-30", "Text")
        .file("content/symptoms/numbness.yaml", "name: [Numbness\n");
    let stderr = assert_rejected(&site, &["one.md", "two.md", "numbness.yaml", "3 errors"]);
    insta::assert_snapshot!(stderr);
}

/// A file that fails to parse does not hide the problems of the others that only linking
/// finds: one run reports a front matter typo in one article and an unknown id and a broken
/// link in another.
#[test]
fn a_file_that_fails_to_parse_does_not_hide_the_others_link_problems() {
    let site = good_site();
    site.article(
        "one.md",
        "title: One
keywrods: [b12]",
        "Text.\n",
    )
    .article(
        "two.md",
        "title: Two
symptoms: [numbnes]",
        "See [the tests](/articles/no-such-page/).\n",
    );
    let stderr = assert_rejected(
        &site,
        &[
            "unknown field `keywrods`",
            "unknown symptom `numbnes`",
            "link to `/articles/no-such-page/`, a page that does not exist",
            "3 errors",
        ],
    );
    assert!(
        stderr.contains("--> content/articles/two.md:5:5"),
        "{stderr}"
    );
}

/// A file that cannot be read as text hides no other problem either, and links to it are
/// not reported as broken: it is what is wrong.
#[test]
fn a_file_that_is_not_text_does_not_hide_the_others_problems() {
    let site = good_site();
    site.bytes(
        "content/articles/latin.md",
        b"---\ntitle: Caf\xe9\n---\nText.\n",
    )
    .article(
        "linker.md",
        "title: Linker\nsymptoms: [numbnes]",
        "[By file](latin.md), [by URL](/articles/latin/).\n",
    );
    let stderr = assert_rejected(
        &site,
        &["not valid UTF-8", "unknown symptom `numbnes`", "2 errors"],
    );
    assert!(!stderr.contains("link to"), "{stderr}");
}

/// An article read in spite of a wrong field (left out) is still checked for the rest: its
/// misspelt key, bad date, unknown id and broken link come out of one run, each at its place.
/// A draft left out of the build still has its errors reported, and a keyword page the
/// wrong field may have made is not reported missing.
#[test]
fn an_article_with_a_wrong_field_is_checked_for_the_rest_in_the_same_run() {
    let site = good_site();
    site.article(
        "one.md",
        "title: One\nkeywrods: [b12]\ndate: 2024-02-30\nsymptoms: [numbnes]",
        "See [the tests](/articles/no-such-page/).\n",
    )
    .article(
        "draft.md",
        "title: Draft\ndraft: true\ntagz: [x]",
        "Text.\n",
    )
    // The keyword page `keywrods` meant to make is not reported missing.
    .article("three.md", "title: Three", "[B12](/keywords/b12/).\n");
    let stderr = assert_rejected(
        &site,
        &[
            "unknown field `keywrods`",
            "2024-02-30",
            "unknown symptom `numbnes`",
            "link to `/articles/no-such-page/`, a page that does not exist",
            "unknown field `tagz`",
            "5 errors",
        ],
    );
    for at in [
        "one.md:3:1",
        "one.md:4:7",
        "one.md:5:12",
        "one.md:7:5",
        "draft.md:4:1",
    ] {
        assert!(stderr.contains(at), "{at}: {stderr}");
    }
}

/// A record with a wrong field is read on without it, as an article is: its unknown related
/// ids are reported in the same run, and the articles that name it find it.
#[test]
fn a_record_with_a_wrong_field_is_checked_for_the_rest_in_the_same_run() {
    let site = good_site();
    site.file(
        "content/symptoms/numbness.yaml",
        "name: Numbness\nalises: [numb]\nrelated_supplements: [magnesuim]\n",
    )
    .file(
        "content/supplements/zinc.toml",
        "name = \"Zinc\"\ntypical_dose = [1]\nrelated_symptoms = [\"numbnes\"]\n",
    )
    // A problem that stops a record read on keeps the wrong field's problem beside it.
    .file(
        "content/supplements/iron.yaml",
        "name: Iron\nforns: [tablet]\nsources:\n  - title: X\n    url: \"javascript:alert(1)\"\n",
    )
    .article(
        "numb.md",
        "title: Numb\nsymptoms: [numbness]",
        "[Zinc](/supplements/zinc/).\n",
    );
    let stderr = assert_rejected(
        &site,
        &[
            "unknown field `alises`",
            "unknown supplement `magnesuim`",
            "zinc.toml:2:16",
            "unknown symptom `numbnes`",
            "unknown field `forns`",
            "a `javascript:` URL",
            "6 errors",
        ],
    );
    assert!(stderr.contains("numbness.yaml:3:23"), "{stderr}");
    assert!(!stderr.contains("numb.md"), "{stderr}");
}

/// Past a file that fails to parse, nothing it would have made is reported missing: not its
/// page (at the URL its `slug` line gives, or by file), its section's page, the keyword, tag
/// and author pages it may have made, a record's id or page, or a standalone page. Only the
/// three files' own problems are reported.
#[test]
fn what_a_file_that_fails_to_parse_would_have_made_is_not_reported_missing() {
    let site = good_site();
    site.article(
        "nerves/broken.md",
        "title: [Broken\nslug: renamed",
        "Text.\n",
    )
    .file("content/symptoms/numbness.yaml", "name: [Numbness\n")
    .file(
        "content/pages/about.md",
        "---\ntitle: About\ntitel: x\n---\nText.\n",
    )
    .article(
        "linker.md",
        "title: Linker
symptoms: [numbness]",
        "[a](/articles/nerves/), [b](nerves/broken.md), [c](/articles/nerves/renamed/#part), \
             [d](/keywords/nerve-damage/), [e](/tags/nerves/), [f](/symptoms/numbness/), \
             [g](/about/).\n",
    );
    let stderr = assert_rejected(
        &site,
        &["broken.md", "numbness.yaml", "about.md", "3 errors"],
    );
    assert!(!stderr.contains("linker.md"), "{stderr}");
    // The file's own URL, not every page of its section, is taken.
    site.article(
        "linker.md",
        "title: Linker",
        "[a](/articles/nerves/broken/) and [b](/articles/nerves/renamed/).\n",
    );
    assert_rejected(
        &site,
        &[
            "link to `/articles/nerves/broken/`, a page that does not exist",
            "4 errors",
        ],
    );
}

/// An article whose `slug` is misspelt is read on at its file's URL, and the misspelling is
/// reported; a link to the URL the misspelt line names is not reported missing beside it,
/// nor is one to the file's URL, while a link to a third is.
#[test]
fn a_link_to_the_url_a_misspelt_slug_names_is_not_reported_missing() {
    let site = good_site();
    site.article(
        "nerves/guide.md",
        "title: Guide\nslgu: vitamin-b12",
        "Text.\n",
    )
    .article(
        "linker.md",
        "title: Linker",
        "[a](/articles/nerves/vitamin-b12/), [b](/articles/nerves/guide/) and \
             [c](/articles/nerves/nope/).\n",
    );
    let stderr = assert_rejected(
        &site,
        &[
            "unknown field `slgu`",
            "did you mean `slug`?",
            "link to `/articles/nerves/nope/`, a page that does not exist",
            "2 errors",
        ],
    );
    assert!(!stderr.contains("vitamin-b12/`"), "{stderr}");
}

/// A standalone page with a wrong field is read on without it, as an article is: its broken
/// link and its bad alias are reported in the same run, and a link to it is no error.
#[test]
fn a_page_with_a_wrong_field_is_checked_for_the_rest_in_the_same_run() {
    let site = good_site();
    site.file(
        "content/pages/about.md",
        "---\ntitle: About\nupdated: last week\naliases: [old-about]\n---\n\
         See [the team](/team/).\n",
    )
    .article("linker.md", "title: Linker", "Read [about us](/about/).\n");
    let stderr = assert_rejected(
        &site,
        &[
            "updated: ",
            "alias `old-about` is not a site path",
            "link to `/team/`, a page that does not exist",
            "3 errors",
        ],
    );
    assert!(!stderr.contains("linker.md"), "{stderr}");
}

/// A template that fails on some pages fails the build while other pages are already in the
/// staging folder: it must still leave `public/` as it was and the staging folder gone.
#[test]
fn a_template_that_fails_while_pages_are_written() {
    let site = good_site();
    site.file(
        "themes/default/templates/symptom.html",
        "{{ symptom.no_such_field | upper }}",
    );
    let stderr = assert_rejected(&site, &["template `symptom.html` failed"]);
    // At the template's line and column, with the line itself.
    assert!(
        stderr.contains("--> themes/default/templates/symptom.html:1:4")
            && stderr.contains("{{ symptom.no_such_field | upper }}"),
        "{stderr}"
    );
}

/// A card that fails to render fails the build at `card.html`'s line, naming the article
/// by its path under the site's, as every page is named.
#[test]
fn a_card_template_that_fails_names_its_line_and_the_article() {
    let site = good_site();
    site.file(
        "site.toml",
        "title = \"Test Health\"\nbase_url = \"https://example.org/kb/\"\n",
    )
    .file(
        "themes/default/templates/card.html",
        "<li>\n{{ a.no_such_field | upper }}</li>",
    );
    let stderr = assert_rejected(
        &site,
        &[
            "template `card.html` failed on /articles/guide/",
            "--> themes/default/templates/card.html:2:4",
        ],
    );
    assert_eq!(stderr.matches("error: template").count(), 1, "{stderr}");
}

/// Every page of a broken template fails the same way: one error for all of them.
#[test]
fn a_template_problem_on_many_pages_is_reported_once() {
    let site = good_site();
    site.article("second.md", "title: Second", "Tingling again.\n")
        .article("third.md", "title: Third", "More tingling.\n");
    site.build().assert_ok();
    site.file(
        "themes/default/templates/article.html",
        "<h1>{{ article.title }}</h1>\n<p>{{ article.no_such_field }}</p>",
    );
    let stderr = assert_rejected(
        &site,
        &[
            "--> themes/default/templates/article.html:2:15",
            "2 other pages fail the same way",
        ],
    );
    assert_eq!(stderr.matches("error: template").count(), 1, "{stderr}");
}

/// Tera reports every problem of the theme at once; each names its own file and line.
#[test]
fn template_syntax_errors_name_each_file_line_and_column() {
    let site = good_site();
    site.file(
        "themes/default/templates/term.html",
        "<h1>{{ term.name }}</h1>\n{% for a in articles | slice(end=2) %}{% endfor %}",
    )
    .file(
        "themes/default/templates/list.html",
        "{% if items %}\n\n{{ items | no_such_filter }}{% endif %}",
    );
    let stderr = assert_rejected(
        &site,
        &[
            "--> themes/default/templates/term.html:2:24",
            "Unknown filter `slice`",
            "--> themes/default/templates/list.html:3:12",
            "Unknown filter `no_such_filter`",
        ],
    );
    assert!(stderr.contains("build failed with 2 errors"), "{stderr}");
}

/// Found only once every page is rendered (and written to the staging folder).
#[test]
fn a_static_file_where_a_page_goes() {
    let site = good_site();
    site.file(
        "content/static/symptoms/paresthesia/index.html",
        "<p>mine</p>",
    );
    assert_rejected(&site, &["would overwrite a generated page"]);
}

/// `materia check` lists, as warnings, the health pages whose trust information is missing
/// or stale: with a review interval, articles never reviewed or overdue; symptoms without
/// "when to seek care"; records without sources. `build` says nothing of them.
#[test]
fn check_warns_of_missing_and_overdue_reviews_and_of_records_without_sources() {
    // The suite's "today" is 2026-01-01 (`SOURCE_DATE_EPOCH`).
    let site = Site::new();
    site.file(
        "site.toml",
        &format!("{SITE_TOML}review_interval_days = 100\n"),
    )
    .article(
        "overdue.md",
        "title: Overdue\nreviewed_by: Dr A\nreviewed_on: 2025-06-01",
        "Text.",
    )
    .article(
        "current.md",
        "title: Current\nreviewed_by: Dr A\nreviewed_on: 2025-12-01",
        "Text.",
    )
    .article("never.md", "title: Never", "Text.")
    .article("undated.md", "title: Undated\nreviewed_by: Dr A", "Text.")
    .file("content/symptoms/cramps.yaml", "name: Cramps\n")
    .file(
        "content/supplements/zinc.yaml",
        "name: Zinc\nsources:\n  - title: Zinc fact sheet\n    url: https://example.org/zinc\n",
    );
    let root = site.root().to_string_lossy().into_owned();
    let run = site.run(&["check", "--root", &root]);
    run.assert_ok();
    for expected in [
        "warning: the medical review of `Overdue` is overdue: reviewed on 2025-06-01, due again on 2025-09-09",
        "content/articles/overdue.md:4:1",
        "warning: `Never` has no medical review",
        "content/articles/never.md:1:1",
        "warning: `Undated` names its medical reviewer but not the review's date",
        "warning: symptom `Cramps` has no `seek_care`",
        "warning: symptom `Cramps` has no `sources`",
        "no errors, 5 warnings",
    ] {
        assert!(run.stderr.contains(expected), "{expected}:\n{}", run.stderr);
    }
    assert!(!run.stderr.contains("`Current`"), "{}", run.stderr);
    assert!(!run.stderr.contains("`Zinc`"), "{}", run.stderr);
    let built = site.build();
    built.assert_ok();
    assert!(!built.stderr.contains("warning"), "{}", built.stderr);
}

/// A standalone page cannot take a URL the site writes itself, nor one another page has,
/// and its links are checked as an article's are, at their line.
#[test]
fn a_page_at_the_sites_own_url_or_a_taken_one_or_with_a_broken_link_is_an_error() {
    let site = Site::new();
    site.file(
        "content/pages/search/help.md",
        "---\ntitle: Search help\n---\nText.\n",
    )
    .file("content/pages/about.md", "---\ntitle: About\n---\nText.\n")
    .file(
        "content/pages/about/index.md",
        "---\ntitle: About too\n---\nText.\n",
    )
    .file(
        "content/pages/team.md",
        "---\ntitle: Team\n---\nIntro.\n\nSee [gone](/nowhere/).\n",
    );
    let run = site.build();
    run.assert_failed();
    let err = &run.stderr;
    assert!(
        err.contains("page `/search/help/` would be published under `/search/`"),
        "{err}"
    );
    assert!(
        err.contains("two pages are published at `/about/`"),
        "{err}"
    );
    assert!(err.contains("content/pages/team.md:6:5"), "{err}");

    // A menu that is neither, at its line.
    let site = Site::new();
    site.file(
        "content/pages/contact.md",
        "---\ntitle: Contact\nmenu: sidebar\n---\nText.\n",
    );
    let run = site.build();
    run.assert_failed();
    assert!(
        run.stderr
            .contains("unknown variant `sidebar`, expected `main` or `footer`")
            && run.stderr.contains("content/pages/contact.md:3:7"),
        "{}",
        run.stderr
    );
}

/// The contract: slug collisions are an error. Two keywords (or tags) that make one URL but
/// are different names (`A+` and `A-`) stop the build at the later one, naming the first;
/// one name written two ways (`Omega-3`, `omega 3`; `Vitamin D`, `vitamin d`) is one page.
#[test]
fn keywords_or_tags_that_would_share_a_page_are_an_error() {
    let site = good_site();
    site.article(
        "blood.md",
        "title: Blood\ndate: 2024-05-02\nkeywords:\n  - Omega-3\n  - blood type A+\ntags: [C++]",
        "Text.\n",
    )
    .article(
        "types.md",
        "title: Types\ndate: 2024-05-03\nkeywords: [omega 3, Blood Type A-, Vitamin D]\ntags: [c]",
        "Text.\n",
    )
    .article(
        "closing.md",
        "title: Closing\ndate: 2024-05-04",
        "Text.\n\nImportant Keywords: vitamin d, blood type a+\n",
    );
    assert_rejected(
        &site,
        &[
            "error: keywords `Blood Type A-` and `blood type A+` would share one page, /keywords/blood-type-a/",
            "--> content/articles/types.md:4:21",
            "note: `blood type A+` is written at content/articles/blood.md:6:5",
            "error: tags `c` and `C++` would share one page, /tags/c/",
            "--> content/articles/types.md:5:8",
            "build failed with 2 errors",
        ],
    );
    site.article(
        "types.md",
        "title: Types\ndate: 2024-05-03\nkeywords: [omega 3, Blood Type A negative, Vitamin D]\ntags: [C++]",
        "Text.\n",
    );
    site.build().assert_ok();
    let omega = site.read("keywords/omega-3/index.html");
    for page in ["/articles/blood/", "/articles/types/"] {
        assert!(omega.contains(page), "{page} on the omega-3 page: {omega}");
    }
    let d = site.read("keywords/vitamin-d/index.html");
    for page in ["/articles/types/", "/articles/closing/"] {
        assert!(d.contains(page), "{page} on the vitamin D page: {d}");
    }
}

/// A link to a draft, by URL or by file, is broken on the published site: the error says the
/// page is a draft rather than that it does not exist, and `--drafts` builds.
#[test]
fn a_link_to_a_draft_says_it_is_a_draft() {
    let site = good_site();
    site.article(
        "plans/next.md",
        "title: Next\ndate: 2024-05-02\ndraft: true",
        "Soon.\n",
    )
    .article(
        "linker.md",
        "title: Linker\ndate: 2024-05-03",
        "See [next](/articles/plans/next/) and [the file](plans/next.md).\n",
    );
    let stderr = assert_rejected(
        &site,
        &[
            "error: link to `/articles/plans/next/`, a draft: the published site has no such page",
            "error: link to `plans/next.md`, a draft: the published site has no such page",
            "--> content/articles/linker.md:5:",
            "help: publish it (remove `draft: true`) or remove the link",
            "build failed with 2 errors",
        ],
    );
    assert!(!stderr.contains("does not exist"), "{stderr}");
    site.run(&["build", "--drafts"]).assert_ok();
}
