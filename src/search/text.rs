//! Text processing shared by the index and, word for word, by the theme's `search.js`:
//! folding, tokenising, stop words and stemming. The browser stems and folds queries with
//! the same rules, so any change here must be mirrored there (the browser test checks both
//! agree on a list of words).

use rust_stemmers::{Algorithm, Stemmer};
use std::borrow::Cow;
use std::cell::RefCell;
use std::collections::HashMap;
use std::sync::Arc;
use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

/// Words too common to help a query: left out of the index and of queries, so that
/// "pins and needles" matches on its two meaningful words. Short, so that words readers
/// do search for ("no", "not", "after") still count. The manifest carries this list to
/// the browser.
pub const STOP_WORDS: &[&str] = &[
    "a", "an", "and", "are", "as", "at", "be", "but", "by", "for", "from", "has", "have", "in",
    "into", "is", "it", "its", "of", "on", "or", "s", "so", "t", "than", "that", "the", "their",
    "them", "then", "there", "these", "they", "this", "to", "was", "were", "which", "with",
];

/// Tokens longer than this are identifiers, hashes or URLs, not words anyone types.
const MAX_TOKEN: usize = 40;

/// Case folding and accent folding: lower-case, compatibility decomposition (`ﬁ` → `fi`),
/// combining marks dropped (`café` → `cafe`). JavaScript: `toLowerCase().normalize('NFKD')`
/// then removing `\p{M}`.
pub fn fold(text: &str) -> String {
    // Most health prose is ASCII, and decomposing it would change nothing.
    if text.is_ascii() {
        return text.to_ascii_lowercase();
    }
    text.to_lowercase()
        .nfkd()
        .filter(|c| !is_combining_mark(*c))
        .collect()
}

/// The folded words of a text, in order: maximal runs of alphabetic or numeric characters
/// (`\p{Alphabetic}` and `\p{N}` in JavaScript), stop words included.
pub fn words(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty() && w.chars().count() <= MAX_TOKEN)
}

pub fn is_stop_word(word: &str) -> bool {
    STOP_WORDS.binary_search(&word).is_ok()
}

/// The English Snowball stemmer. Words with a digit (`b12`, `omega3`) are kept whole.
pub struct Stem(Stemmer);

impl Default for Stem {
    fn default() -> Stem {
        Stem(Stemmer::create(Algorithm::English))
    }
}

impl Stem {
    pub fn stem<'a>(&self, word: &'a str) -> Cow<'a, str> {
        if word.chars().any(|c| c.is_numeric()) {
            Cow::Borrowed(word)
        } else {
            self.0.stem(word)
        }
    }

    /// Each distinct term of a text with its count, and the number of terms. Stems come
    /// from a per-thread cache: a site repeats the same few thousand words millions of
    /// times, and stemming each occurrence anew was most of the index's build time.
    pub fn counts(&self, text: &str) -> (Vec<(Arc<str>, u32)>, u32) {
        let folded = fold(text);
        let mut by_word: HashMap<&str, u32> = HashMap::new();
        let mut total = 0;
        for w in words(&folded).filter(|w| !is_stop_word(w)) {
            *by_word.entry(w).or_default() += 1;
            total += 1;
        }
        let mut out: Vec<(Arc<str>, u32)> = STEMS.with(|cache| {
            let mut cache = cache.borrow_mut();
            by_word
                .into_iter()
                .map(|(word, n)| {
                    let stem = match cache.get(word) {
                        Some(s) => s.clone(),
                        None => {
                            let s: Arc<str> = Arc::from(self.stem(word).as_ref());
                            cache.insert(word.into(), s.clone());
                            s
                        }
                    };
                    (stem, n)
                })
                .collect()
        });
        // Words with one stem ("tingle", "tingling") become one term.
        out.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        out.dedup_by(|next, kept| {
            if next.0 == kept.0 {
                kept.1 += next.1;
                true
            } else {
                false
            }
        });
        (out, total)
    }
}

thread_local! {
    static STEMS: RefCell<HashMap<Box<str>, Arc<str>>> = RefCell::new(HashMap::new());
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stop_words_are_sorted_for_binary_search() {
        let mut sorted = STOP_WORDS.to_vec();
        sorted.sort_unstable();
        sorted.dedup();
        assert_eq!(sorted, STOP_WORDS);
    }

    #[test]
    fn folding_removes_case_and_accents() {
        assert_eq!(fold("Café Crème"), "cafe creme");
        assert_eq!(fold("NAÏVE ﬁbre"), "naive fibre");
        assert_eq!(fold("Ångström"), "angstrom");
        // Letters that are not accented Latin letters stay as they are.
        assert_eq!(fold("Straße"), "straße");
    }

    #[test]
    fn words_split_on_everything_but_letters_and_digits() {
        let folded = fold("Vitamin B12 (cobalamin) — \"pins-and-needles\"; omega-3's");
        let w: Vec<&str> = words(&folded).collect();
        assert_eq!(
            w,
            [
                "vitamin",
                "b12",
                "cobalamin",
                "pins",
                "and",
                "needles",
                "omega",
                "3",
                "s"
            ]
        );
        let long = "x".repeat(41);
        assert_eq!(words(&long).count(), 0);
    }

    #[test]
    fn stemming_conflates_inflections_and_keeps_numbers() {
        let s = Stem::default();
        assert_eq!(s.stem("tingling"), s.stem("tingle"));
        assert_eq!(s.stem("supplements"), s.stem("supplement"));
        assert_eq!(s.stem("deficiencies"), s.stem("deficiency"));
        assert_eq!(s.stem("b12"), "b12");
        assert_eq!(s.stem("omega3s"), "omega3s");
    }

    #[test]
    fn counts_merge_words_with_one_stem() {
        let s = Stem::default();
        let (counts, total) = s.counts("Tingling and tingle, TINGLING; the numbness");
        let counts: Vec<(&str, u32)> = counts.iter().map(|(t, n)| (t.as_ref(), *n)).collect();
        assert_eq!(counts, [("numb", 1), ("tingl", 3)]);
        assert_eq!(total, 4);
    }

    #[test]
    fn terms_drop_stop_words() {
        let s = Stem::default();
        let terms = |text: &str| -> Vec<String> {
            s.counts(text)
                .0
                .iter()
                .map(|(t, _)| t.to_string())
                .collect()
        };
        assert_eq!(terms("Pins and Needles"), ["needl", "pin"]);
        assert_eq!(terms("the café of the numbness"), ["cafe", "numb"]);
    }
}
