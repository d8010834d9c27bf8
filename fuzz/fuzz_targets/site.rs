//! Builds a small site whose two articles, one symptom record and `site.toml` are the fuzzer's
//! input (split at lines `%%`), and prints every diagnostic as `materia` would: "it never
//! panics on any input", and no page, feed or sitemap it writes holds a character HTML or
//! XML forbids. A record and a supplement stay fixed so that cross-linking, backlinks
//! and the index always have something to work on.
#![no_main]

use libfuzzer_sys::fuzz_target;
use materia::build::{build, BuildOptions, Silent};
use materia::diagnostics::Diagnostics;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

const SITE: &str = "title = \"Fuzz\"\nbase_url = \"https://example.org/kb/\"\n";

fn root() -> &'static Path {
    static ROOT: OnceLock<PathBuf> = OnceLock::new();
    ROOT.get_or_init(|| {
        let root = std::env::temp_dir().join(format!("materia-fuzz-{}", std::process::id()));
        let fixed = [
            (
                "content/symptoms/paresthesia.yaml",
                "name: Paresthesia\naliases: [pins and needles, tingling]\nrelated_supplements: [vitamin-b12]\n",
            ),
            (
                "content/supplements/vitamin-b12.yaml",
                "name: Vitamin B12\naliases: [cobalamin, B12]\nlinks: [https://shop.example/b12]\n",
            ),
        ];
        for (path, text) in fixed {
            let path = root.join(path);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, text).unwrap();
        }
        std::fs::create_dir_all(root.join("content/articles/s")).unwrap();
        root
    })
}

fuzz_target!(|data: &[u8]| {
    let root = root();
    let mut parts = split(data, b"\n%%\n");
    let files = [
        "content/articles/s/a.md",
        "content/articles/b.md",
        "content/symptoms/numbness.yaml",
        "site.toml",
    ];
    for path in files {
        let text = match (parts.next(), path) {
            (Some(part), _) => part,
            (None, "site.toml") => SITE.as_bytes(),
            (None, _) => b"",
        };
        std::fs::write(root.join(path), text).unwrap();
    }
    let options = BuildOptions {
        strict: data.len() % 2 == 1,
        ..BuildOptions::default()
    };
    let diags = Diagnostics::new();
    let built = build(root, &options, &diags, &Silent);
    for d in diags.sorted() {
        let _ = d.render(root);
    }
    // No page, feed or sitemap holds a character HTML or XML forbids, however it was
    // written in (typed, escaped in front matter, a Markdown character reference).
    for (path, bytes) in built.iter().flat_map(|b| &b.output.pages) {
        if path.ends_with(".html") || path.ends_with(".xml") {
            let text = String::from_utf8_lossy(bytes);
            if let Some(c) = text.chars().find(|&c| forbidden(c)) {
                panic!("{path} holds U+{:04X}", u32::from(c));
            }
        }
    }
});

/// As `materia::load::forbidden`: C0 controls but tab, line feed and carriage return, DEL,
/// the C1 controls and the noncharacters U+FDD0-U+FDEF, U+FFFE and U+FFFF.
fn forbidden(c: char) -> bool {
    matches!(c, '\0'..='\u{8}' | '\u{b}' | '\u{c}' | '\u{e}'..='\u{1f}' | '\u{7f}'..='\u{9f}' | '\u{fdd0}'..='\u{fdef}' | '\u{fffe}' | '\u{ffff}')
}

fn split<'a>(data: &'a [u8], at: &'a [u8]) -> impl Iterator<Item = &'a [u8]> {
    let mut rest = Some(data);
    std::iter::from_fn(move || {
        let r = rest?;
        match r.windows(at.len()).position(|w| w == at) {
            Some(i) => {
                rest = Some(&r[i + at.len()..]);
                Some(&r[..i])
            }
            None => {
                rest = None;
                Some(r)
            }
        }
    })
}
