//! A deterministic synthetic site for the build benchmark.
//!
//! `generate` writes a complete Materia site — `site.toml`, symptom and supplement records,
//! and articles spread over ten sections — shaped like a real knowledge base: long Markdown
//! bodies that mention many record names, aliases and keywords, tables, lists, code spans,
//! product links and a FAQ block. Every choice comes from a hand-rolled SplitMix64 seeded with
//! a constant, so the same arguments always give the same bytes and timings compare like with
//! like across runs and machines.
//!
//! Record names and aliases are invented words ("Neurovalitis", "Zorivanine") that never occur
//! in the filler vocabulary, so a term is only found where the generator placed it; each is
//! unique across the whole corpus, so no term is a whole-word part of another.

use std::fs;
use std::io;
use std::path::Path;

const SEED: u64 = 0x4d41_5445_5249_4121;

/// Appends one formatted line to a `String`.
macro_rules! push_line {
    ($out:expr, $($arg:tt)*) => {{
        $out.push_str(&format!($($arg)*));
        $out.push('\n');
    }};
}

mod article;
mod prose;
mod records;
mod words;

use records::{supplement_yaml, symptom_yaml, Catalog};

/// Writes a site with `articles` articles, `symptoms` symptom records and `supplements`
/// supplement records under `root` (which is created if missing).
pub fn generate(
    root: &Path,
    articles: usize,
    symptoms: usize,
    supplements: usize,
) -> io::Result<()> {
    if symptoms == 0 || supplements == 0 {
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            "the corpus needs at least one symptom and one supplement",
        ));
    }
    let mut rng = Rng(SEED);
    let catalog = Catalog::new(&mut rng, symptoms, supplements);
    fs::create_dir_all(root.join("content/symptoms"))?;
    fs::create_dir_all(root.join("content/supplements"))?;
    fs::write(root.join("site.toml"), SITE_TOML)?;
    fs::write(root.join("content/_index.md"), INDEX_MD)?;
    for (i, record) in catalog.symptoms.iter().enumerate() {
        let text = symptom_yaml(&mut rng, &catalog, i, record);
        fs::write(
            root.join(format!("content/symptoms/{}.yaml", record.id)),
            text,
        )?;
    }
    for (i, record) in catalog.supplements.iter().enumerate() {
        let text = supplement_yaml(&mut rng, &catalog, i, record);
        fs::write(
            root.join(format!("content/supplements/{}.yaml", record.id)),
            text,
        )?;
    }
    for index in 0..articles {
        let article = article::article(&mut rng, &catalog, index);
        let dir = root.join("content/articles").join(article.section);
        fs::create_dir_all(&dir)?;
        fs::write(dir.join(format!("{}.md", article.slug)), article.text)?;
    }
    Ok(())
}

const SITE_TOML: &str = r#"title = "Materia benchmark corpus"
base_url = "https://bench.example"
description = "A synthetic health knowledge base generated for the build benchmark."
disclaimer = "This content is synthetic benchmark text and is **not medical advice**."
"#;

const INDEX_MD: &str = "Welcome to the *benchmark* knowledge base. Every article, symptom and \
supplement here is generated text; it exists only to measure how fast the site builds.\n";

/// SplitMix64: tiny, fast, and good enough to make text look varied.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// A number in `0..n`; `n` must be positive.
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    /// A number in `lo..=hi`.
    fn between(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below(hi - lo + 1)
    }

    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    fn pick_str(&mut self, words: &[&'static str]) -> &'static str {
        words[self.below(words.len())]
    }

    /// `k` distinct indices below `n` (fewer if `n < k`), in random order.
    fn distinct(&mut self, n: usize, k: usize) -> Vec<usize> {
        let mut out = Vec::with_capacity(k);
        while out.len() < k.min(n) {
            let i = self.below(n);
            if !out.contains(&i) {
                out.push(i);
            }
        }
        out
    }

    /// Between `lo` and `hi` distinct indices below `n`.
    fn distinct_between(&mut self, n: usize, lo: usize, hi: usize) -> Vec<usize> {
        let k = self.between(lo, hi);
        self.distinct(n, k)
    }

    fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            items.swap(i, self.below(i + 1));
        }
    }
}

fn capitalize(word: &str) -> String {
    let mut chars = word.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

fn slugify(text: &str, max: usize) -> String {
    let mut slug = String::new();
    for c in text.chars() {
        if c.is_ascii_alphanumeric() {
            slug.push(c.to_ascii_lowercase());
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
    }
    while slug.len() > max {
        match slug.rfind('-') {
            Some(cut) => slug.truncate(cut),
            None => slug.truncate(max),
        }
    }
    slug.trim_end_matches('-').to_string()
}

/// A YAML double-quoted scalar.
fn quoted(text: &str) -> String {
    format!("\"{}\"", text.replace('\\', "\\\\").replace('"', "\\\""))
}

fn quoted_list(items: &[String]) -> String {
    let items: Vec<String> = items.iter().map(|s| quoted(s)).collect();
    format!("[{}]", items.join(", "))
}

/// A YAML literal block scalar holding `text`, indented for a top-level key.
fn block(text: &str) -> String {
    let mut out = String::from("|\n");
    for line in text.trim_end().lines() {
        if !line.is_empty() {
            out.push_str("  ");
            out.push_str(line);
        }
        out.push('\n');
    }
    out
}
