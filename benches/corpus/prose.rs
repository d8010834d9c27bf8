//! Word salad: sentences, paragraphs, lists and tables from the filler vocabulary, with term
//! mentions dropped in where the caller queued them.

use super::words::{CONTENT_WORDS, FUNCTION_WORDS};
use super::{capitalize, Rng};

/// Word salad from the filler vocabulary, with queued term mentions dropped into sentences.
pub(super) struct Prose<'r> {
    pub(super) rng: &'r mut Rng,
    pub(super) mentions: Vec<String>,
    /// Chance, in percent, that a sentence carries the next queued mention.
    mention_percent: u64,
    pub(super) words: usize,
}

impl<'r> Prose<'r> {
    pub(super) fn new(rng: &'r mut Rng, mentions: Vec<String>, mention_percent: u64) -> Prose<'r> {
        Prose {
            rng,
            mentions,
            mention_percent,
            words: 0,
        }
    }

    pub(super) fn plain(rng: &'r mut Rng) -> Prose<'r> {
        Prose::new(rng, Vec::new(), 0)
    }

    pub(super) fn word(&mut self) -> &'static str {
        if self.rng.chance(35) {
            self.rng.pick_str(FUNCTION_WORDS)
        } else {
            self.rng.pick_str(CONTENT_WORDS)
        }
    }

    /// `lo..=hi` filler words, lower case, no punctuation.
    pub(super) fn phrase(&mut self, lo: usize, hi: usize) -> String {
        let n = self.rng.between(lo, hi);
        let words: Vec<&str> = (0..n).map(|_| self.word()).collect();
        self.words += n;
        words.join(" ")
    }

    pub(super) fn sentence_words(&mut self, with_mention: bool) -> Vec<String> {
        let n = self.rng.between(7, 18);
        let mut words: Vec<String> = (0..n).map(|_| self.word().to_string()).collect();
        if self.rng.chance(25) {
            words[n / 2].push(',');
        }
        if with_mention && !self.mentions.is_empty() && self.rng.chance(self.mention_percent) {
            let at = self.rng.below(words.len());
            if let Some(term) = self.mentions.pop() {
                words.insert(at, term);
            }
        }
        // Inline markup, never on the first word so that capitalising the sentence still works.
        let at = 1 + self.rng.below(words.len() - 1);
        match self.rng.below(100) {
            0..=5 => words.push("as in `dose_mg = 250`".to_string()),
            6..=8 => words[at] = format!("~~{}~~", words[at]),
            9..=14 => words[at] = format!("*{}*", words[at]),
            15..=17 => words[at] = format!("**{}**", words[at]),
            _ => {}
        }
        words
    }

    pub(super) fn finish(&mut self, words: Vec<String>) -> String {
        self.words += words.len();
        let text = words.join(" ");
        let end = if self.rng.chance(8) { "?" } else { "." };
        format!("{}{end}", capitalize(&text))
    }

    pub(super) fn sentence(&mut self) -> String {
        let words = self.sentence_words(true);
        self.finish(words)
    }

    /// A sentence with no mentions and no inline Markdown (summaries, descriptions).
    pub(super) fn plain_sentence(&mut self) -> String {
        let n = self.rng.between(12, 22);
        let words: Vec<String> = (0..n).map(|_| self.word().to_string()).collect();
        self.words += n;
        format!("{}.", capitalize(&words.join(" ")))
    }

    pub(super) fn paragraph(&mut self, lo: usize, hi: usize) -> String {
        let sentences: Vec<String> = (0..self.rng.between(lo, hi))
            .map(|_| self.sentence())
            .collect();
        sentences.join(" ")
    }

    pub(super) fn list(&mut self, lo: usize, hi: usize) -> String {
        let ordered = self.rng.chance(30);
        let tasks = !ordered && self.rng.chance(20);
        let mut out = String::new();
        for n in 1..=self.rng.between(lo, hi) {
            let item = capitalize(&self.phrase(4, 9));
            let mut mention = String::new();
            if self.rng.chance(50) {
                if let Some(term) = self.mentions.pop() {
                    mention = format!(" ({term})");
                }
            }
            let marker = match (ordered, tasks) {
                (true, _) => format!("{n}."),
                (false, true) if n % 2 == 0 => "- [x]".to_string(),
                (false, true) => "- [ ]".to_string(),
                _ => "-".to_string(),
            };
            push_line!(out, "{marker} {item}{mention}");
        }
        out
    }

    pub(super) fn table(&mut self) -> String {
        let mut out = String::from("| Measure | Typical range | Notes |\n| --- | ---: | --- |\n");
        for _ in 0..self.rng.between(3, 5) {
            let measure = capitalize(&self.phrase(1, 3));
            let low = self.rng.between(1, 50);
            let high = low + self.rng.between(5, 100);
            let mut notes = self.phrase(3, 7);
            if let Some(term) = self.mentions.pop() {
                notes = format!("{notes} {term}");
            }
            push_line!(out, "| {measure} | {low}-{high} units | {notes} |");
        }
        out
    }
}
