//! Valid HTML, CSS and SVG, checked as validators check them: the Nu Html Checker (`vnu`,
//! the engine of the W3C's validator) over every page of the bundled knowledge base and of
//! a site using every Markdown feature and content shape the contract has, with warnings
//! counted as errors.
//!
//! The checker is not vendored: `.ci/run` installs a Java runtime (Debian's
//! `default-jre-headless`) and `npm install --prefix target/vnu --ignore-scripts vnu-jar`;
//! `MATERIA_VNU` may name another `vnu.jar` and `JAVA` another `java`. Without them the tests
//! skip with a note, except under `CI=true`, where they fail.

use crate::browser::{missing, tool};
use crate::support::*;
use std::path::{Path, PathBuf};
use std::process::Command;

/// `java` and `vnu.jar`, or `None` (after a note) to skip outside CI.
fn checker() -> Option<(PathBuf, PathBuf)> {
    let help = "install a Java runtime (apt-get install default-jre-headless) and \
                `npm install --prefix target/vnu --ignore-scripts vnu-jar`, or set JAVA and MATERIA_VNU";
    let java = std::env::var_os("JAVA")
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
        .or_else(|| {
            std::env::var_os("PATH").and_then(|paths| {
                std::env::split_paths(&paths)
                    .map(|d| d.join("java"))
                    .find(|p| p.is_file())
            })
        });
    let Some(java) = java else {
        return missing("a Java runtime", "no `java` on PATH", help);
    };
    match tool(
        "MATERIA_VNU",
        concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/target/vnu/node_modules/vnu-jar/build/dist/vnu.jar"
        ),
    ) {
        Ok(vnu) => Some((java, vnu)),
        Err(why) => missing("the Nu Html Checker", &why, help),
    }
}

/// Runs the checker on every HTML page, style sheet and SVG picture under `dir`; its
/// messages, or nothing.
fn problems(java: &Path, vnu: &Path, dir: &Path) -> String {
    let out = Command::new(java)
        .arg("-jar")
        .arg(vnu)
        .args([
            "--Werror",
            // An info, not a warning, which --Werror counts too: pulldown-cmark writes
            // void elements XHTML-style (`<br />`, `<img … />`, task-list checkboxes),
            // which HTML allows and browsers read the same.
            "--filterpattern",
            ".*Trailing slash on void elements.*",
            "--skip-non-html",
            "--also-check-css",
            "--also-check-svg",
            "--format",
            "text",
        ])
        .arg(dir)
        .output()
        .expect("run java");
    let said =
        String::from_utf8_lossy(&out.stderr).into_owned() + &String::from_utf8_lossy(&out.stdout);
    if out.status.success() {
        String::new()
    } else if said.trim().is_empty() {
        format!("vnu exited with {}", out.status)
    } else {
        said
    }
}

#[test]
fn every_page_of_the_bundled_site_is_valid_html() {
    let Some((java, vnu)) = checker() else {
        return;
    };
    let out = tempfile::tempdir().unwrap();
    let public = out.path().join("public");
    let status = Command::new(env!("CARGO_BIN_EXE_materia"))
        .args([
            "build",
            "--quiet",
            "--root",
            env!("CARGO_MANIFEST_DIR"),
            "--out",
        ])
        .arg(&public)
        .status()
        .unwrap();
    assert!(status.success(), "the bundled site does not build");
    let found = problems(&java, &vnu, &public);
    assert!(found.is_empty(), "{found}");
}

/// Every Markdown feature (alerts and definition lists too), both FAQ shapes, a pasted plain-text post, references, images,
/// aliases, a disclaimer with a link, records with every field (a person's too), content
/// strings that need
/// escaping, and lists split into pages: what authors write, the pages must stay valid with.
#[test]
fn pages_with_every_content_shape_are_valid_html() {
    let Some((java, vnu)) = checker() else {
        return;
    };
    let site = Site::new();
    site.file(
        "site.toml",
        "title = \"Checks & <Balances>\"\nbase_url = \"https://example.org\"\n\
         description = \"A site \\\"quoted\\\" & escaped\"\n\
         disclaimer = \"Not advice: see [the symptoms](/symptoms/).\"\n\
         paginate_by = 1\n",
    )
    .file("content/_index.md", "Welcome to the **library**. Start with [tingling](/symptoms/paresthesia/).\n")
    .file("content/static/img/nerve.png", "not decoded by anyone")
    .file(
        "content/symptoms/paresthesia.yaml",
        "name: Paresthesia <tingling>\naliases: [pins and needles, \"pins & needles\"]\n\
         body_system: nervous\nsummary: Tingling \"skin\" & more.\n\
         description: |\n  A *prickling* feeling.\n\n  | where | how often |\n  |---|---|\n  | hands | often |\n\
         seek_care: |\n  - sudden weakness\n  - loss of bladder control\n\
         related_supplements: [b12]\n\
         sources:\n  - title: NHS & co\n    url: https://www.nhs.uk/conditions/pins-and-needles/\n  - title: A book without a link\n",
    )
    .file(
        "content/authors/dr-cee.yaml",
        "name: Dr Cee <MD>\ncredentials: MD & PhD\njob_title: Neurologist \"on call\"\n\
         bio: |\n  Reviews *every* article. See [tingling](/symptoms/paresthesia/).\n\
         links: [https://register.example/cee, https://uni.example/people/cee/]\n",
    )
    .file(
        "content/symptoms/numbness.toml",
        "name = \"Numbness\"\nsummary = \"Less feeling.\"\nrelated_symptoms = [\"paresthesia\"]\n",
    )
    .file(
        "content/supplements/b12.json",
        r#"{"name": "Vitamin B12", "aliases": ["cobalamin"], "summary": "A vitamin.",
            "description": "Made by bacteria.", "forms": ["cyanocobalamin", "methylcobalamin"],
            "typical_dose": "2.4 µg a day", "upper_limit": "none set", "interactions": "metformin",
            "related_symptoms": ["paresthesia", "numbness"],
            "links": ["https://shop.example/collections/b12"],
            "sources": [{"title": "ODS", "url": "https://ods.od.nih.gov/"}]}"#,
    )
    .article(
        "nerves/features.md",
        "title: \"Every feature: <b>bold</b> & \\\"quotes\\\"\"\ndescription: \"Tables, notes & more\"\n\
         date: 2025-01-02\nupdated: 2025-02-03\nauthors: [Ann Author, Bo Writer]\n\
         reviewed_by: Dr Cee\nreviewed_on: 2025-02-01\nkeywords: [nerve health, \"B12 & you\"]\n\
         tags: [Guides]\nsymptoms: [paresthesia]\nsupplements: [b12]\n\
         aliases: [/old/features/]\nreferences:\n  - title: A study\n    url: https://doi.org/10.1000/1\n  - title: A book",
        "Pins and needles come first[^1]. Buy [B12 here](https://shop.example/collections/b12).\n\n\
         ## A table {#the-table}\n\n| a | b |\n|:--|--:|\n| 1 | 2 |\n\n\
         ## Lists and code\n\n- [x] done\n- [ ] to do\n\n1. one\n2. two\n\n~~struck~~ and `code`.\n\n\
         ```rust\nfn main() {}\n```\n\n> A quote.\n\n> [!WARNING]\n> Get help *at once*.\n\n\
         Tingling\n: A prickling feeling.\n\n![A nerve](/img/nerve.png \"Nerve\")\n\n\
         ## Same title\n\nOne.\n\n## Same title\n\nTwo.\n\n\
         ## FAQ\n\n### Is it common?\n\nYes.\n\n### Is it serious?\n\nSometimes.\n\n\
         [^1]: A footnote with a [link](https://example.com/).\n",
    )
    .article(
        "nerves/pasted.md",
        "title: A pasted post\ndate: 2025-03-04",
        "Introduction\nNumbness and tingling often come with low B12, and they can be treated.\n\
         1. What to Watch For\nTingling that spreads, and balance that gets worse.\n\
         Q&A Section\nQ1: Can it be reversed?\nA1: Often, if treated early.\n\
         Important Keywords\nnumbness, tingling, B12\n",
    );
    site.build().assert_ok();
    assert!(site.exists("articles/nerves/page/2/index.html"));
    let found = problems(&java, &vnu, &site.path("public"));
    assert!(found.is_empty(), "{found}");
}
