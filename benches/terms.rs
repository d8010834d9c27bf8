//! The cross-linking benchmark: what finding and linking terms costs as the number of terms
//! grows. The contract wants one pass over the text, "so 10,000 terms cost about what 10
//! do"; this links the same text (150 articles of about 7 KB of prose, each sentence
//! mentioning two of ten terms) with 10, 1,000 and 10,000 terms and prints the median time
//! of each and its ratio to the time with 10. The text mentions the same ten terms in every
//! case, so the pages and their links are the same: only the dictionary grows.
//!
//! The terms are made like a real site's: records' one-word names, two-word lay aliases,
//! and keywords whose first words are common words of the text ("blood ...", "memory ..."),
//! hundreds of them to a word at 10,000 terms, which is the hard case for a matcher that
//! files terms by first word: every such word of the text has to be looked up.
//!
//! `cargo bench --bench terms`; `MATERIA_BENCH_RUNS` sets the runs (default 15).

use materia::autolink::{Linker, PageRules, PageState};
use materia::catalog::Target;
use materia::markdown;
use std::time::Instant;

const VOCABULARY: &[&str] = &[
    "blood",
    "pressure",
    "sugar",
    "levels",
    "nerve",
    "damage",
    "vitamin",
    "deficiency",
    "memory",
    "fatigue",
    "balance",
    "muscle",
    "weakness",
    "tingling",
    "numbness",
    "hands",
    "feet",
    "doctor",
    "test",
    "diet",
    "absorption",
    "stomach",
    "acid",
    "older",
    "adults",
    "the",
    "and",
    "of",
    "in",
    "with",
    "may",
    "can",
    "often",
    "early",
    "signs",
    "treatment",
    "daily",
    "dose",
    "food",
    "sources",
    "supplement",
    "research",
    "study",
    "patients",
];

fn main() {
    let runs: usize = std::env::var("MATERIA_BENCH_RUNS")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(15);
    let all_terms = terms(10_000);
    let pages: Vec<_> = (0..150)
        .map(|page| {
            markdown::parse(
                &prose(&all_terms[..10], 7 * 1024, page),
                0,
                true,
                "",
                &materia::markdown::Labels::default(),
            )
        })
        .collect();
    let bytes: usize = pages.iter().map(|p| p.prepared.html.len()).sum();
    println!(
        "materia cross-linking benchmark: {} pages, {:.1} MiB of HTML, {} runs each",
        pages.len(),
        bytes as f64 / (1 << 20) as f64,
        runs
    );
    println!(
        "{:>8} | {:>10} | {:>8} | {:>6}",
        "terms", "median ms", "links", "ratio"
    );
    let sizes = [10, 1_000, 10_000];
    let linkers: Vec<Linker> = sizes
        .iter()
        .map(|&n| {
            let mut terms = all_terms[..n].to_vec();
            // Sorted, as the catalog gives them.
            terms.sort_by(|a, b| a.0.cmp(&b.0));
            Linker::new(&terms, &Default::default())
        })
        .collect();
    let url = |t: Target| format!("/t/{t:?}/");
    let rules = PageRules {
        own: None,
        max_links: usize::MAX,
        url: &url,
        already_linked: Vec::new(),
    };
    // Each run links the pages with every dictionary in turn, so that a machine's drift
    // (clock, neighbours) falls on all three alike.
    let mut times = vec![Vec::new(); sizes.len()];
    let mut links = vec![0; sizes.len()];
    for _ in 0..runs {
        for (k, linker) in linkers.iter().enumerate() {
            let start = Instant::now();
            let html: Vec<String> = pages
                .iter()
                .map(|page| {
                    let mut state = PageState::new(&rules);
                    linker.link(&page.prepared, &[], &rules, &mut state)
                })
                .collect();
            times[k].push(start.elapsed().as_secs_f64() * 1000.0);
            links[k] = html.iter().map(|h| h.matches("class=\"xref").count()).sum();
        }
    }
    let medians: Vec<f64> = times
        .iter_mut()
        .map(|t| {
            t.sort_by(f64::total_cmp);
            t[t.len() / 2]
        })
        .collect();
    for (k, n) in sizes.iter().enumerate() {
        let ratio = medians[k] / medians[0];
        println!(
            "{n:>8} | {:>10.2} | {:>8} | {ratio:>5.2}x",
            medians[k], links[k]
        );
    }
}

/// `n` distinct terms, in the order made: every tenth a one-word name, every tenth a
/// two-word lay alias, the rest keywords whose first word is a word of the text and whose
/// second is made up.
fn terms(n: usize) -> Vec<(String, Target)> {
    let mut terms: Vec<(String, Target)> = Vec::with_capacity(n);
    let mut seen = std::collections::HashSet::new();
    let mut i = 0usize;
    while terms.len() < n {
        let term = match i % 10 {
            0 => format!("neuro{}pathy", syllables(i)),
            1 => format!("{} twitch", syllables(i)),
            _ => format!("{} {}", VOCABULARY[i % VOCABULARY.len()], syllables(i)),
        };
        let target = match i % 3 {
            0 => Target::Symptom(i),
            1 => Target::Supplement(i),
            _ => Target::Keyword(i),
        };
        if seen.insert(term.clone()) {
            terms.push((term, target));
        }
        i += 1;
    }
    terms
}

/// A made-up but stable syllable string for `i`.
fn syllables(i: usize) -> String {
    const S: &[&str] = &["ka", "lo", "mi", "ne", "ru", "ta", "vo", "zi"];
    let mut out = String::new();
    let mut x = i + 1;
    while x > 0 {
        out.push_str(S[x % S.len()]);
        x /= S.len();
    }
    out
}

/// About `size` bytes of paragraphs of words of the text, with two of `terms` mentioned in
/// every sentence; `page` picks which.
fn prose(terms: &[(String, Target)], size: usize, page: u64) -> String {
    let mut text = String::with_capacity(size + 1024);
    let mut seed = 0x2545_F491_4F6C_DD1D_u64 ^ (page + 1).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    let mut next = || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed as usize
    };
    while text.len() < size {
        for sentence in 0..5 {
            for w in 0..12 {
                if w == 5 || w == 9 {
                    text.push_str(&terms[next() % terms.len()].0);
                } else {
                    text.push_str(VOCABULARY[next() % VOCABULARY.len()]);
                }
                text.push(if w == 11 { '.' } else { ' ' });
            }
            text.push(if sentence == 4 { '\n' } else { ' ' });
        }
        text.push('\n');
    }
    text
}
