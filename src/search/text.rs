//! Text processing shared by the index and, word for word, by the theme's `search.js`:
//! folding, tokenising, stop words and stemming. The browser stems and folds queries with
//! the same rules, so any change here must be mirrored there (the browser test checks both
//! agree on a list of words).

use crate::words::ascii_words;
pub use crate::words::Language;
use aho_corasick::{AhoCorasick, MatchKind};
use rust_stemmers::{Algorithm, Stemmer};
use rustc_hash::FxHashMap;
use std::borrow::Cow;
use std::sync::Mutex;
use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

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
/// (`\p{Alphabetic}` and `\p{N}` in JavaScript), stop words included. Words longer than
/// `MAX_TOKEN` characters are left out.
pub fn words(text: &str) -> impl Iterator<Item = &str> {
    let mut found = Vec::new();
    if text.is_ascii() {
        ascii_words(text.as_bytes(), |start, end| found.push(&text[start..end]));
    } else {
        found.extend(
            text.split(|c: char| !c.is_alphanumeric())
                .filter(|w| !w.is_empty()),
        );
    }
    found
        .into_iter()
        .filter(|w| w.len() <= MAX_TOKEN || w.chars().count() <= MAX_TOKEN)
}

/// The Snowball stemmer of the site's language. In English, after [`SPELLINGS`]. Words with
/// a digit (`b12`, `omega3`) are kept whole, but for their spelling. Irregular plurals that health pages use
/// (`IRREGULAR`) stem as their singular, and a word ending in "sis" as if it ended in "se"
/// ("diagnosis" as "diagnose", which meets "diagnoses", "diagnosed" and "diagnosing";
/// "analysis" meets "analyse" and "analyze"). German words are Snowball's alone, read on
/// folded words; French, Italian, Portuguese and Spanish ones Snowball's read on folded
/// words (see `french`, `italian`, `portuguese` and `spanish`); a language with no stemmer
/// keeps its words whole.
pub struct Stem {
    language: Language,
    /// `None` for a language with no stemmer.
    snowball: Option<Stemmer>,
}

/// Plurals Snowball leaves apart from their singular (a search for "foot pain" would not
/// find a page about numb feet, one for "bacterium" a page about bacteria), with that
/// singular, and the one abbreviation readers type for a health word as often as the word:
/// "vit" ("vit d", "vit b12") for vitamin. Sorted. The manifest carries them to `search.js`
/// with their stems. Verbs that look like a plural ("lives", "leaves") are left out.
const IRREGULAR: [(&str, &str); 22] = [
    ("alveoli", "alveolus"),
    ("bacteria", "bacterium"),
    ("bronchi", "bronchus"),
    ("calves", "calf"),
    ("children", "child"),
    ("criteria", "criterion"),
    ("emboli", "embolus"),
    ("feet", "foot"),
    ("fungi", "fungus"),
    ("ganglia", "ganglion"),
    ("glomeruli", "glomerulus"),
    ("lice", "louse"),
    ("men", "man"),
    ("mitochondria", "mitochondrion"),
    ("nuclei", "nucleus"),
    ("phenomena", "phenomenon"),
    ("stimuli", "stimulus"),
    ("teeth", "tooth"),
    ("thrombi", "thrombus"),
    ("villi", "villus"),
    ("vit", "vitamin"),
    ("women", "woman"),
];

/// British spellings of health words and the American ones they are indexed and searched
/// as, so that "anemia" finds a page on anaemia and "fiber" one on fibre, on every site,
/// with no aliases written for them. A query word and a page's word are both rewritten,
/// before stemming: each stretch that reads as a left-hand side, left to right, becomes its
/// right-hand side. Each is a part of words (`haem` in haemoglobin and haemorrhage) that
/// reads as a British spelling wherever it stands; parts that other words share (`organis`
/// of organism, `specialis` of specialist) are left out, and a word rewritten by mistake
/// would only be rewritten the same way in queries. None starts another, so the order
/// they are tried in does not matter. The manifest carries them to `search.js`, which
/// rewrites the same way (a regular expression of the left-hand sides).
pub const SPELLINGS: [(&str, &str); 79] = [
    ("aemi", "emi"),
    ("aetiol", "etiol"),
    ("ageing", "aging"),
    ("aluminium", "aluminum"),
    ("amoeb", "ameb"),
    ("anaes", "anes"),
    ("analogue", "analog"),
    ("analyse", "analyze"),
    ("analysing", "analyzing"),
    ("apologis", "apologiz"),
    ("authoris", "authoriz"),
    ("behaviour", "behavior"),
    ("caesar", "cesar"),
    ("calibre", "caliber"),
    ("cancell", "cancel"),
    ("catalogue", "catalog"),
    ("categoris", "categoriz"),
    ("catheteris", "catheteriz"),
    ("centre", "center"),
    ("coeli", "celi"),
    ("colour", "color"),
    ("counsell", "counsel"),
    ("defence", "defense"),
    ("dialogue", "dialog"),
    ("dialyse", "dialyze"),
    ("faec", "fec"),
    ("favour", "favor"),
    ("fibre", "fiber"),
    ("finalis", "finaliz"),
    ("flavour", "flavor"),
    ("foet", "fet"),
    ("grey", "gray"),
    ("gynaec", "gynec"),
    ("haem", "hem"),
    ("homoeo", "homeo"),
    ("honour", "honor"),
    ("hospitalis", "hospitaliz"),
    ("humour", "humor"),
    ("immunis", "immuniz"),
    ("isation", "ization"),
    ("labell", "label"),
    ("labour", "labor"),
    ("licence", "license"),
    ("litre", "liter"),
    ("maximis", "maximiz"),
    ("memoris", "memoriz"),
    ("metabolis", "metaboliz"),
    ("metre", "meter"),
    ("minimis", "minimiz"),
    ("mobilis", "mobiliz"),
    ("modell", "model"),
    ("mould", "mold"),
    ("neighbour", "neighbor"),
    ("neutralis", "neutraliz"),
    ("normalis", "normaliz"),
    ("odour", "odor"),
    ("oedem", "edem"),
    ("oesoph", "esoph"),
    ("oestr", "estr"),
    ("offence", "offense"),
    ("paed", "ped"),
    ("paralyse", "paralyze"),
    ("paralysing", "paralyzing"),
    ("pasteuris", "pasteuriz"),
    ("pnoe", "pne"),
    ("practis", "practic"),
    ("prioritis", "prioritiz"),
    ("programme", "program"),
    ("randomis", "randomiz"),
    ("recognis", "recogniz"),
    ("rrhoe", "rrhe"),
    ("sceptic", "skeptic"),
    ("sensitis", "sensitiz"),
    ("sulph", "sulf"),
    ("travell", "travel"),
    ("tumour", "tumor"),
    ("vapour", "vapor"),
    ("vigour", "vigor"),
    ("yoghurt", "yogurt"),
];

/// Endings a misspelt word is also compared with each indexed word plus, in `search.js`'s
/// typo fallback ("numbess" is one letter from numb + "ness", two from any word), carried
/// in the manifest with the other lists of the site's language: the endings its stemmer
/// takes off most.
pub fn suffixes(language: Language) -> &'static [&'static str] {
    match language {
        Language::English => &[
            "", "e", "s", "es", "ed", "ing", "ly", "y", "ness", "ment", "ion", "ency", "ence",
            "al", "ity", "ic",
        ],
        Language::French => &[
            "", "e", "s", "es", "er", "ee", "ees", "ement", "ion", "ie", "ique", "ite", "euse",
            "if", "ive", "ant",
        ],
        Language::German => &[
            "", "e", "en", "er", "ern", "s", "es", "ung", "heit", "keit", "lich", "ig", "isch",
        ],
        Language::Italian => &[
            "", "a", "e", "i", "o", "ia", "io", "are", "ere", "ire", "ato", "ata", "azione",
            "mente", "ita", "ico", "ica",
        ],
        Language::Portuguese => &[
            "", "a", "o", "as", "os", "es", "ia", "ar", "er", "ir", "ado", "ada", "acao", "amento",
            "mente", "idade", "ico", "ica",
        ],
        Language::Spanish => &[
            "", "a", "o", "as", "os", "es", "ia", "ar", "er", "ir", "ado", "ada", "acion", "mente",
            "idad", "ico", "ica",
        ],
        Language::Unstemmed => &[""],
    }
}

/// `word` with its British spellings rewritten (see [`SPELLINGS`]).
pub fn american(word: &str) -> Cow<'_, str> {
    static FROM: std::sync::LazyLock<Option<AhoCorasick>> = std::sync::LazyLock::new(|| {
        AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostFirst)
            .build(SPELLINGS.iter().map(|(from, _)| from))
            .ok()
    });
    const TO: [&str; SPELLINGS.len()] = {
        let mut to = [""; SPELLINGS.len()];
        let mut i = 0;
        while i < to.len() {
            to[i] = SPELLINGS[i].1;
            i += 1;
        }
        to
    };
    match FROM.as_ref() {
        Some(from) if from.is_match(word) => Cow::Owned(from.replace_all(word, &TO)),
        _ => Cow::Borrowed(word),
    }
}

impl Default for Stem {
    fn default() -> Stem {
        Stem::new(Language::English)
    }
}

impl Stem {
    pub fn new(language: Language) -> Stem {
        let algorithm = match language {
            Language::English => Some(Algorithm::English),
            // Snowball's French rules, read on folded words: see `french`.
            Language::French => None,
            Language::German => Some(Algorithm::German),
            // Snowball's Italian rules, read on folded words: see `italian`.
            Language::Italian => None,
            // Snowball's Portuguese rules, read on folded words: see `portuguese`.
            Language::Portuguese => None,
            // Snowball's Spanish rules, read on folded words: see `spanish`.
            Language::Spanish => None,
            Language::Unstemmed => None,
        };
        Stem {
            language,
            snowball: algorithm.map(Stemmer::create),
        }
    }

    pub fn language(&self) -> Language {
        self.language
    }

    pub fn stem<'a>(&self, word: &'a str) -> Cow<'a, str> {
        if self.language != Language::English {
            return self.stem_spelt(word);
        }
        match word.strip_suffix("sis") {
            Some(root) => Cow::Owned(self.stem_as_is(&[root, "se"].concat()).into_owned()),
            None => self.stem_as_is(word),
        }
    }

    /// Each of `IRREGULAR`'s words (plurals, "vit") with the stem of the word it stands for,
    /// for `search.js`: none but in English.
    pub fn irregular_stems(&self) -> std::collections::BTreeMap<&'static str, String> {
        match &self.snowball {
            Some(snowball) if self.language == Language::English => IRREGULAR
                .iter()
                .map(|(plural, singular)| (*plural, snowball.stem(singular).into_owned()))
                .collect(),
            _ => std::collections::BTreeMap::new(),
        }
    }

    /// [`Self::stem`] but for the ending "sis".
    fn stem_as_is<'a>(&self, word: &'a str) -> Cow<'a, str> {
        match american(word) {
            Cow::Borrowed(word) => self.stem_spelt(word),
            Cow::Owned(word) => Cow::Owned(self.stem_spelt(&word).into_owned()),
        }
    }

    /// A word (in English, its spelling rewritten) stemmed.
    fn stem_spelt<'a>(&self, word: &'a str) -> Cow<'a, str> {
        if word.chars().any(|c| c.is_numeric()) {
            return Cow::Borrowed(word);
        }
        match (self.language, &self.snowball) {
            (Language::French, _) => Cow::Owned(super::french::stem(word)),
            (Language::Italian, _) => Cow::Owned(super::italian::stem(word)),
            (Language::Portuguese, _) => Cow::Owned(super::portuguese::stem(word)),
            (Language::Spanish, _) => Cow::Owned(super::spanish::stem(word)),
            (Language::English, Some(snowball)) => {
                match IRREGULAR.binary_search_by(|(plural, _)| plural.cmp(&word)) {
                    Ok(i) => snowball.stem(IRREGULAR[i].1),
                    Err(_) => snowball.stem(word),
                }
            }
            (_, Some(snowball)) => snowball.stem(word),
            (_, None) => Cow::Borrowed(word),
        }
    }
}

/// Whether the word ending at byte `after` of `text` and the word starting at `start`, one
/// byte later, are a word ending in a letter, a hyphen and a number ("B-12", "omega-3",
/// "COVID-19"): the index counts them also as one word ("b12"), which is what `search.js`
/// makes of them in a query, so "b12" finds a page that writes "B-12" and "B-12" one
/// that writes "B12". ASCII letters and digits only, as in `search.js`.
#[inline(always)]
fn joins(text: &[u8], after: usize, start: usize) -> bool {
    text[after] == b'-' && text[after - 1].is_ascii_alphabetic() && text[start].is_ascii_digit()
}

/// The terms (stems) an index has met, numbered as they are first seen; `materia serve`
/// keeps one across builds. Shared by the threads that count pages; each thread reaches it
/// only through a [`Counter`], whose own cache answers all but the first sighting of a
/// word, so the lock is rarely taken.
#[derive(Default)]
pub struct Vocabulary {
    inner: Mutex<VocabularyInner>,
    stem: Stem,
}

#[derive(Default)]
struct VocabularyInner {
    /// Folded word → term id, for every word met.
    words: FxHashMap<Box<str>, u32>,
    /// Term → id.
    ids: FxHashMap<Box<str>, u32>,
    terms: Vec<Box<str>>,
}

impl Vocabulary {
    pub fn new(language: Language) -> Vocabulary {
        Vocabulary {
            inner: Mutex::default(),
            stem: Stem::new(language),
        }
    }

    pub fn language(&self) -> Language {
        self.stem.language()
    }

    /// The term id of a folded word (`STOP` for a stop word). Each distinct word is stemmed
    /// once per build, whichever thread meets it first.
    fn word_id(&self, word: &str) -> u32 {
        // A poisoned lock only means another counting thread panicked; the maps are still
        // whole (each insert is one call), so go on with them.
        let mut inner = self.inner.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(&id) = inner.words.get(word) {
            return id;
        }
        let id = if self.stem.language().is_stop_word(word) {
            STOP
        } else {
            let term = self.stem.stem(word);
            match inner.ids.get(term.as_ref()) {
                Some(&id) => id,
                None => {
                    let id = inner.terms.len() as u32;
                    inner.terms.push(term.as_ref().into());
                    inner.ids.insert(term.as_ref().into(), id);
                    id
                }
            }
        };
        inner.words.insert(word.into(), id);
        id
    }

    /// The terms by id so far.
    pub fn terms(&self) -> Vec<Box<str>> {
        let inner = self.inner.lock().unwrap_or_else(|e| e.into_inner());
        inner.terms.clone()
    }
}

/// A map from words to ids, built for the index's hottest loop: one lookup per word of the
/// site. A word of up to 16 bytes is its own key, two integers with the unused bytes zero
/// (words never contain a zero byte), found with one multiply and a compare in an
/// open-addressed table; longer words go to a general map.
#[derive(Default)]
struct WordIds {
    /// `(low, high, id)`; a slot with `low == 0` is free. The length is a power of two, at
    /// least twice the entries.
    slots: Vec<(u64, u64, u32)>,
    short: usize,
    long: FxHashMap<Box<str>, u32>,
}

/// `KEEP[n]`: the low `n` bytes of a key set; `LOWER[n]`: bit 5 of each of them.
static KEEP: [u128; 17] = {
    let mut table = [0u128; 17];
    let mut n = 1;
    while n <= 16 {
        table[n] = u128::MAX >> (8 * (16 - n));
        n += 1;
    }
    table
};
static LOWER: [u128; 17] = {
    let mut table = [0u128; 17];
    let mut n = 1;
    while n <= 16 {
        table[n] = KEEP[n] & u128::from_le_bytes([0x20; 16]);
        n += 1;
    }
    table
};

impl WordIds {
    /// The key of the word `text[start..end]`, of 1 to 16 bytes. Read as one 16-byte load
    /// from the text where the text goes on that far: building it byte by byte, or through
    /// a buffer, cost more than the rest of the lookup. With `lower`, the word is ASCII
    /// letters and digits and the key is that of its lower-case form (setting bit 5
    /// lower-cases a letter and leaves a digit as it is), so ASCII text needs no folded
    /// copy.
    #[inline(always)]
    fn key(text: &[u8], start: usize, end: usize, lower: bool) -> (u64, u64) {
        let len = (end - start).min(16);
        let raw = match text.get(start..start + 16) {
            Some(block) => {
                let mut buf = [0u8; 16];
                buf.copy_from_slice(block);
                u128::from_le_bytes(buf) & KEEP[len]
            }
            None => WordIds::tail_key(&text[start..end]),
        };
        let raw = if lower { raw | LOWER[len] } else { raw };
        (raw as u64, (raw >> 64) as u64)
    }

    /// A key read byte by byte, for a word in the last 16 bytes of its text: once per text.
    #[cold]
    #[inline(never)]
    fn tail_key(word: &[u8]) -> u128 {
        word.iter()
            .rev()
            .fold(0u128, |key, &b| (key << 8) | u128::from(b))
    }

    #[inline(always)]
    fn slot(&self, (low, high): (u64, u64)) -> usize {
        let hash = (low ^ high.rotate_left(23)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        (hash >> 32) as usize & (self.slots.len() - 1)
    }

    /// The id of the word with this key, if it has one.
    #[inline(always)]
    fn get(&self, key: (u64, u64)) -> Option<u32> {
        if self.slots.is_empty() {
            return None;
        }
        let mut i = self.slot(key);
        loop {
            let (low, high, id) = self.slots[i];
            if low == 0 {
                return None;
            }
            if (low, high) == key {
                return Some(id);
            }
            i = (i + 1) & (self.slots.len() - 1);
        }
    }

    fn insert(&mut self, key: (u64, u64), id: u32) {
        if (self.short + 1) * 2 > self.slots.len() {
            let size = (self.slots.len() * 2).max(1024);
            let old = std::mem::replace(&mut self.slots, vec![(0, 0, 0); size]);
            for (low, high, id) in old.into_iter().filter(|s| s.0 != 0) {
                self.put((low, high), id);
            }
        }
        self.short += 1;
        self.put(key, id);
    }

    fn put(&mut self, key: (u64, u64), id: u32) {
        let mut i = self.slot(key);
        while self.slots[i].0 != 0 && (self.slots[i].0, self.slots[i].1) != key {
            i = (i + 1) & (self.slots.len() - 1);
        }
        self.slots[i] = (key.0, key.1, id);
    }
}

/// Counts the terms of texts for one thread: folds, splits, drops stop words, and maps each
/// word to its stem's id through a cache of the words it has seen. A site repeats the same
/// few thousand words millions of times, so after the first pages nearly every word is one
/// hash lookup.
pub struct Counter<'v> {
    vocabulary: &'v Vocabulary,
    /// Folded word → term id; stop words map to `STOP`.
    words: WordIds,
    /// Count of each term id in the text being counted, at `id + 1` (zero between texts);
    /// slot 0 counts stop words. Cheaper than sorting every word.
    tally: Vec<u32>,
    /// The ids first seen in the text, in `seen[..fresh]`; longer than any text's word
    /// count, so recording a word is a store and an add, never a test.
    seen: Vec<u32>,
    fresh: usize,
}

const STOP: u32 = u32::MAX;

impl<'v> Counter<'v> {
    pub fn new(vocabulary: &'v Vocabulary) -> Counter<'v> {
        Counter {
            vocabulary,
            words: WordIds::default(),
            tally: Vec::new(),
            seen: Vec::new(),
            fresh: 0,
        }
    }

    /// Each distinct term of a text, by id and in first-seen order, with its count, and the
    /// number of terms. Words with one stem ("tingle", "tingling") are one term.
    pub fn counts(&mut self, text: &str) -> (Vec<(u32, u32)>, u32) {
        if text.is_ascii() {
            let bytes = text.as_bytes();
            self.make_room(bytes);
            // The closure is inlined into the word loop, and everything rare is kept out of
            // it (new words, long words, a growing tally): a call per word cost a fifth of
            // the counting.
            let (mut before, mut after) = (0, 0);
            ascii_words(
                bytes,
                #[inline(always)]
                |start, end| {
                    if after > 0 && start == after + 1 && joins(bytes, after, start) {
                        self.joined(&text[before..after], &text[start..end]);
                    }
                    (before, after) = (start, end);
                    let id = if end - start <= 16 {
                        self.word_id(bytes, start, end, true)
                    } else {
                        match self.long_ascii_word_id(&text[start..end]) {
                            Some(id) => id,
                            None => return,
                        }
                    };
                    self.tally(id);
                },
            );
        } else {
            let folded = fold(text);
            // Split on its folded form, which may be longer than the text.
            self.make_room(folded.as_bytes());
            let bytes = folded.as_bytes();
            let (mut before, mut after) = (0, 0);
            for w in words(&folded) {
                // `w` is a slice of `folded`.
                let start = w.as_ptr() as usize - folded.as_ptr() as usize;
                if after > 0 && start == after + 1 && joins(bytes, after, start) {
                    self.joined(&folded[before..after], w);
                }
                (before, after) = (start, start + w.len());
                let id = if w.len() > 16 {
                    self.long_word_id(w)
                } else {
                    self.word_id(bytes, start, start + w.len(), false)
                };
                self.tally(id);
            }
        }
        // In first-seen order: sorting every field of every page cost more than all the
        // weighing that reads them (see `weigh`, which needs no order).
        let fresh = std::mem::take(&mut self.fresh);
        let mut total = 0;
        let mut out = Vec::with_capacity(fresh);
        for &id in &self.seen[..fresh] {
            // Each id is in `seen` once; the stop words' slot is emptied with the rest.
            let n = std::mem::take(&mut self.tally[id.wrapping_add(1) as usize]);
            if id != STOP {
                out.push((id, n));
                total += n;
            }
        }
        (out, total)
    }

    /// Makes `seen` long enough for every word of the text about to be split: a text of n
    /// bytes has at most n / 2 + 1 words, and fewer joined words (see [`joins`]) than that.
    fn make_room(&mut self, text: &[u8]) {
        let room = text.len() + 3;
        if self.seen.len() < room {
            self.seen.resize(room, 0);
        }
    }

    /// The id of the word `text[start..end]`, of 1 to 16 bytes; `lower` as for
    /// [`WordIds::key`].
    #[inline(always)]
    fn word_id(&mut self, text: &[u8], start: usize, end: usize, lower: bool) -> u32 {
        let key = WordIds::key(text, start, end, lower);
        match self.words.get(key) {
            Some(id) => id,
            None => self.new_word_id(text, start, end, lower, key),
        }
    }

    #[cold]
    #[inline(never)]
    fn new_word_id(
        &mut self,
        text: &[u8],
        start: usize,
        end: usize,
        lower: bool,
        key: (u64, u64),
    ) -> u32 {
        // A new word: rare after the first pages. The text is ASCII or folded UTF-8, and
        // words end at characters, so this is whole characters.
        let word = String::from_utf8_lossy(&text[start..end]);
        let id = if lower {
            self.vocabulary.word_id(&word.to_ascii_lowercase())
        } else {
            self.vocabulary.word_id(&word)
        };
        self.words.insert(key, id);
        id
    }

    /// Counts the word that `letters`, a hyphen and `number` make ("B-12" is b12), beside
    /// the two, unless it is too long to be one.
    #[cold]
    #[inline(never)]
    fn joined(&mut self, letters: &str, number: &str) {
        if letters.chars().count() + number.chars().count() > MAX_TOKEN {
            return;
        }
        let id = self.long_word_id(&[letters, number].concat().to_ascii_lowercase());
        self.tally(id);
    }

    /// The id of an ASCII word of over 16 bytes, or `None` past `MAX_TOKEN` (not a word).
    #[cold]
    #[inline(never)]
    fn long_ascii_word_id(&mut self, word: &str) -> Option<u32> {
        (word.len() <= MAX_TOKEN).then(|| self.long_word_id(&word.to_ascii_lowercase()))
    }

    /// The id of a word of over 16 bytes.
    fn long_word_id(&mut self, word: &str) -> u32 {
        if let Some(&id) = self.words.long.get(word) {
            return id;
        }
        let id = self.vocabulary.word_id(word);
        self.words.long.insert(word.into(), id);
        id
    }

    /// Counts one occurrence of term `id` (or of a stop word). Without a branch on what the
    /// word is: whether a word is a stop word, or new in this text, is a coin toss the
    /// processor mispredicted for about every other word.
    #[inline(always)]
    fn tally(&mut self, id: u32) {
        let slot = id.wrapping_add(1) as usize;
        if slot >= self.tally.len() {
            self.grow_tally(slot);
        }
        let n = self.tally[slot];
        self.seen[self.fresh] = id;
        self.fresh += usize::from(n == 0);
        self.tally[slot] = n + 1;
    }

    #[cold]
    #[inline(never)]
    fn grow_tally(&mut self, i: usize) {
        self.tally.resize(i + 1, 0);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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

    /// ASCII text is counted without a folded copy: its keys are lower-cased instead. The
    /// terms must be those of the folded text, for short words and long ones, wherever a
    /// word sits in the text (the last 16 bytes are read another way).
    #[test]
    fn ascii_text_counts_as_its_folded_form() {
        let vocabulary = Vocabulary::default();
        let mut counter = Counter::new(&vocabulary);
        let text = "Magnesium MAGNESIUM magnesium B12 b12 Hypercholesterolaemia \
                    HYPERCHOLESTEROLAEMIA The Magnesium";
        let upper = counter.counts(text);
        let lower = counter.counts(&fold(text));
        assert_eq!(upper, lower);
        // Non-ASCII text takes the folding path and must meet the same ids.
        let accented = counter.counts("café MAGNESIUM Hypercholesterolaemia");
        let plain = counter.counts("cafe magnesium hypercholesterolaemia");
        assert_eq!(accented, plain);
        let terms = vocabulary.terms();
        let named: Vec<(&str, u32)> = upper
            .0
            .iter()
            .map(|&(t, n)| (&*terms[t as usize], n))
            .collect();
        assert_eq!(
            named,
            [("magnesium", 4), ("b12", 2), ("hypercholesterolemia", 2)],
            "stop word `the` left out, case ignored, spelt as American"
        );
        assert_eq!(upper.1, 8);
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

    /// Snowball's English stemmer alone.
    fn english() -> Stemmer {
        Stemmer::create(Algorithm::English)
    }

    #[test]
    fn irregular_plurals_stem_as_their_singular() {
        let s = Stem::default();
        assert!(
            IRREGULAR.windows(2).all(|w| w[0].0 < w[1].0),
            "keep IRREGULAR sorted"
        );
        for (plural, singular) in IRREGULAR {
            assert_eq!(s.stem(plural), s.stem(singular), "{plural}");
            assert_ne!(
                english().stem(plural),
                english().stem(singular),
                "{plural}: Snowball has it"
            );
        }
        assert_eq!(s.stem("feet"), "foot");
        assert_eq!(s.stem("vit"), s.stem("vitamins"));
        assert_eq!(s.stem("vital"), "vital");
        assert_eq!(s.stem("footed"), "foot");
        assert_eq!(s.irregular_stems()["lice"], "lous");
        // "-sis" stems as "-se": a diagnosis meets what is diagnosed, an analysis what is
        // analysed or analyzed, and the plural "-ses".
        for (a, b) in [
            ("diagnosis", "diagnosed"),
            ("diagnosis", "diagnoses"),
            ("analysis", "analyzed"),
            ("analysis", "analyses"),
            ("paralysis", "paralysed"),
            ("psychosis", "psychoses"),
            ("thrombosis", "thromboses"),
        ] {
            assert_eq!(s.stem(a), s.stem(b), "{a} / {b}");
        }
        // A word that only begins like one stays itself.
        assert_eq!(s.stem("menopause"), english().stem("menopause"));
    }

    /// British and American spellings are one term, and the rewriting is the same whatever
    /// order the spellings are tried in: none starts another, and each changes its words.
    #[test]
    fn british_spellings_are_searched_as_american() {
        let s = Stem::default();
        for (british, american) in [
            ("anaemia", "anemia"),
            ("Leukaemia", "leukemia"),
            ("haemoglobin", "hemoglobin"),
            ("oedema", "edema"),
            ("lymphoedema", "lymphedema"),
            ("oesophagus", "esophagus"),
            ("diarrhoea", "diarrhea"),
            ("dyspnoea", "dyspnea"),
            ("paediatrician", "pediatrician"),
            ("orthopaedic", "orthopedic"),
            ("anaesthetic", "anesthetic"),
            ("fibres", "fibers"),
            ("millilitres", "milliliters"),
            ("tumours", "tumors"),
            ("behaviour", "behavior"),
            ("immunisation", "immunization"),
            ("immunised", "immunized"),
            ("randomised", "randomized"),
            ("hospitalisation", "hospitalization"),
            ("organisation", "organization"),
            ("coeliac", "celiac"),
            ("foetal", "fetal"),
            ("oestrogen", "estrogen"),
            ("sulphate", "sulfate"),
            ("yoghurt", "yogurt"),
            ("ageing", "aging"),
            ("counselling", "counseling"),
        ] {
            assert_eq!(
                s.stem(&fold(british)),
                s.stem(american),
                "{british} / {american}"
            );
        }
        // Words that only look like one keep their stem.
        for word in [
            "organism",
            "specialist",
            "realistic",
            "does",
            "shoe",
            "hour",
            "analyst",
        ] {
            assert_eq!(s.stem(word), english().stem(word), "{word}");
        }
        for (i, (from, to)) in SPELLINGS.iter().enumerate() {
            assert_ne!(from, to);
            assert!(from.bytes().all(|b| b.is_ascii_lowercase()), "{from}");
            for (j, (other, _)) in SPELLINGS.iter().enumerate() {
                assert!(i == j || !other.starts_with(from), "{from} starts {other}");
            }
        }
        assert!(
            SPELLINGS.windows(2).all(|w| w[0].0 < w[1].0),
            "keep SPELLINGS sorted"
        );
    }

    /// A letter or word, a hyphen and a number count as that word and number and also as one
    /// word, in ASCII text and in text that is not; other hyphens join nothing.
    #[test]
    fn a_letter_hyphen_number_also_counts_as_one_word() {
        for text in [
            "Vitamin B-12, b12 and omega-3",
            "Vitamin B-12, b12 and omega-3 café",
        ] {
            let (counts, total) = named_counts(text);
            let b12 = counts.iter().find(|(t, _)| t == "b12");
            assert_eq!(b12.map(|c| c.1), Some(2), "{text}: {counts:?}");
            for word in ["b", "12", "omega", "3", "omega3", "vitamin"] {
                assert!(counts.iter().any(|(t, _)| t == word), "{word} in {text}");
            }
            assert_eq!(total, 8 + u32::from(text.ends_with("café")), "{text}");
        }
        for text in ["12-b well-being x -3", "b - 12 b--12 ω-1"] {
            let (counts, _) = named_counts(text);
            assert!(
                counts
                    .iter()
                    .all(|(t, _)| t.len() < 3 || t == "well" || t == "be"),
                "{text}: {counts:?}"
            );
        }
        // The densest joining text fits the counter's room.
        let dense = "a-1a-1a-1a-1a-1a-1a-1".repeat(50);
        assert!(named_counts(&dense).1 > 0);
    }

    /// The counted terms of `text` by name, sorted, from a fresh vocabulary.
    fn named_counts(text: &str) -> (Vec<(String, u32)>, u32) {
        let vocabulary = Vocabulary::default();
        let (counts, total) = Counter::new(&vocabulary).counts(text);
        let terms = vocabulary.terms();
        let mut named: Vec<(String, u32)> = counts
            .into_iter()
            .map(|(id, n)| (terms[id as usize].to_string(), n))
            .collect();
        named.sort();
        (named, total)
    }

    #[test]
    fn counts_merge_words_with_one_stem() {
        let (counts, total) = named_counts("Tingling and tingle, TINGLING; the numbness");
        assert_eq!(counts, [("numb".into(), 1), ("tingl".into(), 3)]);
        assert_eq!(total, 4);
    }

    #[test]
    fn counter_reuses_ids_across_texts_and_threads() {
        let vocabulary = Vocabulary::default();
        let mut one = Counter::new(&vocabulary);
        let mut two = Counter::new(&vocabulary);
        let (a, _) = one.counts("tingling numbness");
        let (mut b, _) = two.counts("numb tingles");
        let (c, _) = one.counts("Tingling");
        // Terms come in first-seen order.
        b.reverse();
        assert_eq!(a, b);
        assert_eq!(c, [a[0]]);
        assert_eq!(vocabulary.terms().len(), 2);
    }

    /// Word ids are keyed three ways (16-byte load, byte by byte at the text's end, a map
    /// for words over 16 bytes); a word must get one id whichever way it is read.
    #[test]
    fn one_word_gets_one_id_wherever_it_stands() {
        let sixteen = "abcdefghijklmnop";
        let seventeen = "abcdefghijklmnopq";
        let vocabulary = Vocabulary::default();
        let mut counter = Counter::new(&vocabulary);
        let text = format!("{sixteen} {seventeen} numb x {sixteen} {seventeen} numb");
        let (counts, total) = counter.counts(&text);
        assert_eq!(total, 7);
        assert_eq!(counts.len(), 4, "{counts:?}");
        assert!(counts.iter().filter(|c| c.1 == 2).count() == 3);
        // The same words again, each at the very end of a text.
        for word in [sixteen, seventeen, "numb", "x"] {
            let (again, _) = counter.counts(word);
            assert_eq!(again.len(), 1);
            assert!(counts.iter().any(|c| c.0 == again[0].0), "{word}");
        }
        assert_eq!(vocabulary.terms().len(), 4);
    }

    /// The densest text there is, one-letter words with one space between, and stop words
    /// among them: every word is recorded, and nothing of one text leaks into the next.
    #[test]
    fn densest_text_counts_every_word() {
        let text: Vec<&str> = (0..5001).map(|i| ["b", "c", "1", "a"][i % 4]).collect();
        let (counts, total) = named_counts(&text.join(" "));
        assert_eq!(
            counts,
            [("1".into(), 1250), ("b".into(), 1251), ("c".into(), 1250)]
        );
        assert_eq!(total, 3751);
        let vocabulary = Vocabulary::default();
        let mut counter = Counter::new(&vocabulary);
        counter.counts("a the b of b");
        let (again, total) = counter.counts("the b and a c");
        assert_eq!(total, 2);
        assert_eq!(again.iter().map(|c| c.1).collect::<Vec<_>>(), [1, 1]);
    }

    /// Folding can make a text longer: U+FDFA, three bytes, is four words of 33 bytes once
    /// decomposed. Its words are all counted, each as often as it is written.
    #[test]
    fn folding_that_lengthens_a_text_still_counts_every_word() {
        let text = "\u{fdfa} ".repeat(20);
        let (counts, total) = named_counts(&text);
        assert_eq!(total, 80);
        assert_eq!(counts.len(), 4);
        assert!(counts.iter().all(|c| c.1 == 20), "{counts:?}");
    }

    /// Each ending of the typo fallback's list is one the language's stemmer takes off:
    /// a word of each, from Snowball's vocabulary for the language, stems to the word less
    /// that ending. (French "-eur" and "-al", German "-n" and Spanish "-s" were listed and
    /// never are: a misspelt word was compared with stems plus endings no word has.)
    #[test]
    fn the_typo_endings_are_ones_the_stemmer_takes_off() {
        let examples: [(Language, &str); 6] = [
            (
                Language::English,
                "acid abide acids abuses abused abusing boldly gently baseness amendment \
                 emotion emergency evidence arrival ability exotic",
            ),
            (
                Language::French,
                "abri abuse actes allees agiter agitee agitees amusement emotion agonie \
                 ironique utilite genereuse decisif positive amusant",
            ),
            (
                Language::German,
                "acht achte achten andrer bessern adams achtes anbetung dunkelheit ewigkeit \
                 beweglich demutig elastisch",
            ),
            (
                Language::Italian,
                "abel acuta acute abiti abito agonia adagio aiutare correre diluire agitato \
                 agitata agitazione facilmente avidita ironico atomica",
            ),
            (
                Language::Spanish,
                "abel acida abono agudas abusos amores agonia acabar atraer asumir acabado \
                 aislada animacion facilmente actividad atipico anemica",
            ),
            (
                Language::Portuguese,
                "abel acaba abuso agudas alunos amores afasia acabar abater aderir acabado \
                 adotada agitacao isolamento felizmente atividade anemico arabica",
            ),
        ];
        for (language, words) in examples {
            let stem = Stem::new(language);
            let words: Vec<&str> = words.split_whitespace().collect();
            let endings = suffixes(language);
            assert_eq!(words.len(), endings.len(), "{language:?}");
            for (word, ending) in words.iter().zip(endings) {
                assert_eq!(
                    format!("{}{ending}", stem.stem(word)),
                    *word,
                    "{language:?} -{ending}"
                );
            }
        }
    }

    #[test]
    fn terms_drop_stop_words() {
        let terms = |text: &str| -> Vec<String> {
            named_counts(text).0.into_iter().map(|(t, _)| t).collect()
        };
        assert_eq!(terms("Pins and Needles"), ["needl", "pin"]);
        assert_eq!(terms("the café of the numbness"), ["cafe", "numb"]);
    }
}
