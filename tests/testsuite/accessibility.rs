//! Accessibility, checked the way auditors check it: axe-core (WCAG 2.0 and 2.1, levels A
//! and AA, and axe's best practices) in headless Chromium, on one page of every kind of the
//! bundled knowledge base, the search page with results on screen among them, in the light
//! and in the dark colour scheme (the theme has both, and contrast is checked in each).
//!
//! axe-core is not vendored: `.ci/run` installs it with
//! `npm install --prefix target/axe axe-core@4`, and `MATERIA_AXE` may name another
//! `axe.min.js`. Without it (or without the browser) the tests skip with a note, except under
//! `CI=true`, where they fail.

use crate::browser::{missing, tool, Browser, StaticServer};
use serde_json::{json, Value};
use std::path::{Path, PathBuf};

/// The rule sets auditors run: WCAG 2.0 and 2.1 A and AA, and axe's best practices.
const RULES: &str = "['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']";

/// The source of axe-core, or `None` (after a note) to skip outside CI.
fn axe_source() -> Option<String> {
    let read = tool(
        "MATERIA_AXE",
        concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/target/axe/node_modules/axe-core/axe.min.js"
        ),
    )
    .and_then(|path| {
        std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))
    });
    match read {
        Ok(source) => Some(source),
        Err(why) => missing(
            "axe-core",
            &why,
            "install it with `npm install --prefix target/axe axe-core@4` \
             or set MATERIA_AXE to an axe.min.js",
        ),
    }
}

/// Runs axe on the page the browser shows; one line per violation and element.
fn violations(browser: &Browser, axe: &str) -> Vec<String> {
    browser
        .execute(
            &format!(
                "window.__axe = null;
                 if (!window.axe) {{
                   const s = document.createElement('script');
                   s.textContent = arguments[0];
                   document.head.appendChild(s);
                 }}
                 axe.run(document, {{ runOnly: {RULES} }}).then(r => {{
                   window.__axe = r.violations.flatMap(v => v.nodes.map(n =>
                     v.id + ' (' + v.impact + '): ' + v.help + ' at ' + n.target.join(' ')));
                 }}, e => {{ window.__axe = ['axe failed: ' + e]; }});
                 return true;"
            ),
            vec![json!(axe)],
        )
        .unwrap();
    match browser.wait_until("window.__axe").unwrap() {
        Value::Array(lines) => lines
            .into_iter()
            .map(|l| l.as_str().unwrap_or_default().to_string())
            .collect(),
        other => panic!("axe gave {other}"),
    }
}

/// The first sub-folder (by name) of `dir` that holds a page.
fn first_page_in(dir: &Path) -> Option<PathBuf> {
    let mut pages: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.join("index.html").is_file())
        .collect();
    pages.sort();
    pages.into_iter().next()
}

/// The folders of `dir` and below holding a page, in order.
fn walk_pages(dir: &Path) -> Vec<PathBuf> {
    let mut pages = Vec::new();
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_dir())
        .collect();
    entries.sort();
    for entry in entries {
        if entry.join("index.html").is_file() {
            pages.push(entry.clone());
        }
        pages.extend(walk_pages(&entry));
    }
    pages
}

/// One page of each kind the build writes: home, 404, the indexes, a section, an article,
/// a symptom, a supplement, a keyword and a tag.
fn one_page_of_each_kind(public: &Path) -> Vec<String> {
    let url = |dir: &Path| format!("/{}/", dir.strip_prefix(public).unwrap().to_string_lossy());
    let mut pages = vec!["/".to_string(), "/404.html".to_string()];
    for kind in [
        "articles",
        "symptoms",
        "supplements",
        "keywords",
        "tags",
        "authors",
    ] {
        pages.push(format!("/{kind}/"));
        let first =
            first_page_in(&public.join(kind)).unwrap_or_else(|| panic!("no page under /{kind}/"));
        pages.push(url(&first));
        if kind == "articles" {
            // `first` is a section: its first article.
            pages.extend(first_page_in(&first).map(|a| url(&a)));
        }
    }
    pages
}

/// The colour schemes pages are checked in: a name, the browser's switches, whether dark.
const SCHEMES: [(&str, &[&str], bool); 2] = [
    ("light", &[], false),
    ("dark", &["--blink-settings=preferredColorScheme=0"], true),
];

/// The page in the browser sees the scheme it is meant to be checked in.
fn assert_scheme(browser: &Browser, scheme: &str, dark: bool) {
    let prefers_dark = browser
        .execute(
            "return matchMedia('(prefers-color-scheme: dark)').matches;",
            vec![],
        )
        .unwrap();
    assert_eq!(prefers_dark, json!(dark), "{scheme} scheme not in effect");
}

#[test]
fn every_kind_of_page_of_the_bundled_site_passes_axe() {
    let Some(axe) = axe_source() else {
        return;
    };
    let out = tempfile::tempdir().unwrap();
    let public = out.path().join("public");
    let root = env!("CARGO_MANIFEST_DIR");
    let status = std::process::Command::new(env!("CARGO_BIN_EXE_materia"))
        .args(["build", "--quiet", "--root", root, "--out"])
        .arg(&public)
        .status()
        .unwrap();
    assert!(status.success(), "the bundled site does not build");
    let server = StaticServer::start(&public);
    let mut found = Vec::new();
    let mut pages = one_page_of_each_kind(&public);
    // The articles showing an alert and a definition list, whose colours are the theme's
    // own: checked in both schemes like the rest.
    for shown in ["class=\"alert alert-warning\"", "<dl>"] {
        let page = walk_pages(&public)
            .into_iter()
            .find(|p| {
                std::fs::read_to_string(p.join("index.html")).is_ok_and(|h| h.contains(shown))
            })
            .unwrap_or_else(|| panic!("no page of the bundled site shows {shown}"));
        let url = format!(
            "/{}/",
            page.strip_prefix(&public).unwrap().to_string_lossy()
        );
        if !pages.contains(&url) {
            pages.push(url);
        }
    }
    // A standalone page of `content/pages/`.
    assert!(
        public.join("about/index.html").is_file(),
        "the bundled site has no /about/"
    );
    pages.push("/about/".into());
    pages.push("/search/?q=tingling".into());
    for (scheme, switches, dark) in SCHEMES {
        let Some(browser) = Browser::start_with(switches) else {
            return;
        };
        for page in &pages {
            browser.goto(&server.url(page)).unwrap();
            assert_scheme(&browser, scheme, dark);
            if page.starts_with("/search/") {
                browser
                    .wait_until(
                        "document.getElementById('search-results').getAttribute('aria-busy') === 'false' \
                         && document.querySelectorAll('#search-results a').length > 0",
                    )
                    .unwrap();
            }
            found.extend(
                violations(&browser, &axe)
                    .into_iter()
                    .map(|v| format!("{scheme} {page}: {v}")),
            );
        }
    }
    assert!(
        pages.len() >= 17,
        "only {} pages checked: {pages:?}",
        pages.len()
    );
    assert!(found.is_empty(), "axe violations:\n{}", found.join("\n"));
}

/// The check above passes only if axe really runs: on a page with an image without a text
/// alternative and a field without a label it must say so.
#[test]
fn axe_reports_what_it_should() {
    let Some(axe) = axe_source() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("index.html"),
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Bad</title></head>\
         <body><main><h1>Bad</h1><img src=\"x.png\"><input type=\"text\"></main></body></html>",
    )
    .unwrap();
    let Some(browser) = Browser::start() else {
        return;
    };
    let server = StaticServer::start(dir.path());
    browser.goto(&server.url("/")).unwrap();
    let found = violations(&browser, &axe);
    for rule in ["image-alt", "label"] {
        assert!(
            found.iter().any(|v| v.starts_with(&format!("{rule} "))),
            "axe did not report {rule}: {found:?}"
        );
    }
}

/// The links between the pages of a long list, in both colour schemes (the current page is
/// marked with colours of its own).
#[test]
fn a_page_of_a_long_list_passes_axe() {
    let Some(axe) = axe_source() else {
        return;
    };
    let site = crate::support::Site::paged(1, 7);
    site.build().assert_ok();
    let server = StaticServer::start(&site.path("public"));
    let mut found = Vec::new();
    for (scheme, switches, dark) in SCHEMES {
        let Some(browser) = Browser::start_with(switches) else {
            return;
        };
        for page in ["/articles/nerves/page/4/", "/tags/nerves/page/2/"] {
            browser.goto(&server.url(page)).unwrap();
            assert_scheme(&browser, scheme, dark);
            let links = browser
                .execute(
                    "return document.querySelectorAll('.pagination a').length;",
                    vec![],
                )
                .unwrap();
            assert!(links.as_u64() >= Some(5), "{page}: {links}");
            found.extend(
                violations(&browser, &axe)
                    .into_iter()
                    .map(|v| format!("{scheme} {page}: {v}")),
            );
        }
    }
    assert!(found.is_empty(), "axe violations:\n{}", found.join("\n"));
}
