//! `materia import` on any text: the conversion never panics, and the article it writes
//! parses without an error (an imported post must build).
#![no_main]

use libfuzzer_sys::fuzz_target;
use materia::load::SourceFile;
use materia::markdown::Labels;
use std::collections::HashMap;
use std::path::PathBuf;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let mut links = HashMap::new();
    links.insert("shop.example/b12".to_string(), "vitamin-b12".to_string());
    let converted = materia::import::convert(text, None, &links);
    let Ok(today) = materia::date::Date::parse("2026-12-06") else {
        return;
    };
    let markdown = materia::import::to_markdown(&converted, today);
    let file = SourceFile::new(
        PathBuf::from("content/articles/post.md"),
        "post.md".into(),
        markdown,
    );
    let errors = match materia::article::parse(&file, &Labels::default()) {
        Ok(article) => article.errors,
        Err(errors) => errors,
    };
    if !errors.is_empty() {
        let shown: Vec<String> = errors
            .iter()
            .map(|d| d.render(std::path::Path::new(".")))
            .collect();
        panic!(
            "an imported post does not parse:\n{}\n{}",
            shown.join("\n"),
            file.text
        );
    }
});
