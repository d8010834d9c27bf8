//! Words as cross-linking and the search index both see them: the words too common to
//! count, and splitting ASCII text into words (runs of letters and digits) 64 bytes at a
//! time, for the two passes that read every word of a site.

/// Words too common to help a query or to link to a page: left out of the search index
/// and of queries, so that "pins and needles" matches on its two meaningful words, and out
/// of the cross-linking dictionary. With them the words a question wraps around what it
/// asks ("what is", "how can I", "how much", "should you"): counted, they made a page that
/// happened to say "what" (or "much") rank above the page a question was about. Short, so
/// that words readers do search for ("no", "not", "after", "who") still count. The search
/// manifest carries this list to the browser.
pub const STOP_WORDS: &[&str] = &[
    "a", "about", "am", "an", "and", "are", "as", "at", "be", "but", "by", "can", "could", "did",
    "do", "does", "for", "from", "has", "have", "how", "i", "if", "in", "into", "is", "it", "its",
    "many", "me", "much", "my", "of", "on", "or", "s", "should", "so", "t", "than", "that", "the",
    "their", "them", "then", "there", "these", "they", "this", "to", "was", "were", "what", "when",
    "where", "which", "why", "will", "with", "would", "you", "your",
];

/// The length in bytes of the longest of [`STOP_WORDS`].
pub const LONGEST_STOP_WORD: usize = 6;

/// Whether `word` is one of [`STOP_WORDS`]: cross-linking's test, in English whatever the
/// site's language (search asks the site's [`Language`]).
pub fn is_stop_word(word: &str) -> bool {
    Language::English.is_stop_word(word)
}

/// The languages whose words search stems: Snowball's algorithm for each, in the index and,
/// the same rules, in `search.js` (the build serves the script with the site's stemmer).
/// A site in any other language has its words matched as they are spelt (folded), with
/// no stop words: English rules would cut its words at English endings.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Language {
    #[default]
    English,
    French,
    German,
    Italian,
    Portuguese,
    Spanish,
    Unstemmed,
}

impl Language {
    /// The language of a `language` tag of `site.toml`, by its primary subtag (`fr-CA` is
    /// French).
    pub fn of(tag: &str) -> Language {
        let primary = tag.split(['-', '_']).next().unwrap_or_default();
        match primary.to_ascii_lowercase().as_str() {
            "en" => Language::English,
            "fr" => Language::French,
            "de" => Language::German,
            "es" => Language::Spanish,
            "it" => Language::Italian,
            "pt" => Language::Portuguese,
            _ => Language::Unstemmed,
        }
    }

    /// Words too common to help a query, folded and sorted: [`STOP_WORDS`] in English.
    pub fn stop_words(self) -> &'static [&'static str] {
        match self {
            Language::English => STOP_WORDS,
            Language::French => FRENCH_STOP_WORDS,
            Language::German => GERMAN_STOP_WORDS,
            Language::Italian => ITALIAN_STOP_WORDS,
            Language::Portuguese => PORTUGUESE_STOP_WORDS,
            Language::Spanish => SPANISH_STOP_WORDS,
            Language::Unstemmed => &[],
        }
    }

    pub fn is_stop_word(self, word: &str) -> bool {
        self.stop_words().binary_search(&word).is_ok()
    }
}

/// [`STOP_WORDS`] for French, folded as queries are (`à` is `a`, `où` is `ou`): articles,
/// prepositions, pronouns, the words a question wraps around what it asks ("qu'est-ce
/// que", "comment peut-on") and the elided letters of "l'anémie" and "qu'il". Words readers
/// do search for ("pas", "sans", "avant") still count.
const FRENCH_STOP_WORDS: &[&str] = &[
    "a", "au", "aux", "avec", "c", "ce", "ces", "cet", "cette", "comment", "d", "dans", "de",
    "des", "du", "elle", "elles", "en", "est", "et", "il", "ils", "j", "je", "l", "la", "le",
    "les", "leur", "leurs", "lui", "m", "ma", "mes", "mon", "n", "nous", "on", "ou", "par", "peut",
    "peuvent", "pour", "pourquoi", "qu", "quand", "que", "quel", "quelle", "quelles", "quels",
    "qui", "quoi", "s", "sa", "se", "ses", "son", "sont", "sur", "t", "ta", "te", "tes", "ton",
    "tu", "un", "une", "vos", "votre", "vous", "y",
];

/// [`STOP_WORDS`] for German, folded as queries are (`für` is `fur`).
const GERMAN_STOP_WORDS: &[&str] = &[
    "am", "an", "auf", "aus", "bei", "bin", "bist", "da", "das", "dass", "dem", "den", "der",
    "des", "die", "du", "ein", "eine", "einem", "einen", "einer", "eines", "er", "es", "fur",
    "hat", "ich", "ihr", "im", "in", "ist", "kann", "man", "mein", "meine", "mit", "oder", "sie",
    "sind", "so", "soll", "sollte", "uber", "um", "und", "vom", "von", "vor", "warum", "was",
    "wer", "wie", "wird", "wo", "zu", "zum", "zur",
];

/// [`STOP_WORDS`] for Italian, folded as queries are (`perché` is `perche`, `è` is `e`):
/// articles and their joins with prepositions ("della", "nelle"), pronouns, the elided
/// letters of "l'anemia" and "dell'organismo", and the words a question wraps around what it
/// asks ("che cos'è", "come si può", "perché"). Words readers do search for ("non", "senza",
/// "prima") still count.
const ITALIAN_STOP_WORDS: &[&str] = &[
    "a", "agli", "ai", "al", "all", "alla", "alle", "allo", "c", "che", "chi", "ci", "come", "con",
    "cos", "cosa", "d", "da", "dai", "dal", "dall", "dalla", "dalle", "degli", "dei", "del",
    "dell", "della", "delle", "dello", "di", "dove", "e", "ed", "gli", "i", "il", "in", "io", "l",
    "la", "le", "lei", "li", "lo", "loro", "lui", "ma", "mi", "negli", "nei", "nel", "nell",
    "nella", "nelle", "nello", "noi", "o", "per", "perche", "puo", "qual", "quale", "quali",
    "quando", "quanto", "quell", "si", "sono", "su", "sua", "sue", "sui", "sul", "sull", "sulla",
    "sulle", "suo", "suoi", "ti", "tu", "un", "una", "uno", "voi",
];

/// [`STOP_WORDS`] for Portuguese, folded as queries are (`não` is `nao`, `é` is `e`,
/// `você` is `voce`): articles and their joins with prepositions ("do", "nas", "pelo"),
/// pronouns, and the words a question wraps around what it asks ("o que é", "como se pode",
/// "por que"). Words readers do search for ("nao", "sem", "antes") still count.
const PORTUGUESE_STOP_WORDS: &[&str] = &[
    "a", "ao", "aos", "as", "com", "como", "da", "das", "de", "do", "dos", "e", "ela", "elas",
    "ele", "eles", "em", "essa", "esse", "esta", "estao", "este", "eu", "isso", "isto", "lhe",
    "lhes", "mas", "me", "meu", "minha", "na", "nas", "no", "nos", "num", "numa", "o", "onde",
    "os", "ou", "para", "pela", "pelas", "pelo", "pelos", "pode", "podem", "por", "porque", "pra",
    "quais", "qual", "quando", "que", "quem", "sao", "se", "ser", "seu", "seus", "sua", "suas",
    "te", "tem", "um", "uma", "umas", "uns", "voce", "voces",
];

/// [`STOP_WORDS`] for Spanish, folded as queries are (`qué` is `que`, `está` is `esta`):
/// articles, prepositions, pronouns and the words a question wraps around what it asks
/// ("¿qué es", "¿cómo se puede"). Words readers do search for ("sin", "no", "antes") still
/// count.
const SPANISH_STOP_WORDS: &[&str] = &[
    "a", "al", "como", "con", "cual", "cuales", "cuando", "de", "del", "donde", "el", "ella",
    "ellas", "ellos", "en", "es", "esa", "esas", "ese", "eso", "esos", "esta", "estas", "este",
    "esto", "estos", "la", "las", "le", "les", "lo", "los", "me", "mi", "mis", "nos", "o", "para",
    "por", "porque", "puede", "pueden", "que", "quien", "se", "su", "sus", "te", "tu", "tus", "un",
    "una", "unas", "uno", "unos", "y", "yo",
];

/// Lower-cases and collapses white space, so terms compare the way readers read them.
pub fn normalise_term(term: &str) -> String {
    term.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// ASCII letters and digits, by byte.
static WORD_BYTE: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 256 {
        table[b] = (b as u8).is_ascii_alphanumeric();
        b += 1;
    }
    table
};

/// The letters and digits of a 64-byte block of ASCII as a bit mask, eight bytes at a time:
/// each byte's range checks are additions whose carries land in the byte's top bit, and a
/// multiply gathers the eight top bits (a table lookup per byte was most of the splitting).
#[inline(always)]
fn word_mask(block: &[u8; 64]) -> u64 {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const TOPS: u64 = 0x8080_8080_8080_8080;
    let mut mask = 0u64;
    for (i, chunk) in block.chunks_exact(8).enumerate() {
        let mut bytes = [0u8; 8];
        bytes.copy_from_slice(chunk);
        // ASCII only: every byte is below 0x80, so no addition carries into the next byte.
        let x = u64::from_le_bytes(bytes);
        let lower = x | (0x20 * ONES);
        let letter = (lower + (0x80 - u64::from(b'a')) * ONES)
            & !(lower + (0x80 - u64::from(b'z') - 1) * ONES);
        let digit =
            (x + (0x80 - u64::from(b'0')) * ONES) & !(x + (0x80 - u64::from(b'9') - 1) * ONES);
        let tops = (letter | digit) & TOPS;
        let bits = ((tops >> 7).wrapping_mul(0x0102_0408_1020_4080)) >> 56;
        mask |= bits << (8 * i);
    }
    mask
}

/// A block of up to 64 ASCII bytes as two bit masks: its letters and digits, and its other
/// bytes (bits past the block's end are in neither).
#[inline(always)]
fn block_masks(block: &[u8]) -> (u64, u64) {
    match <&[u8; 64]>::try_from(block) {
        Ok(full) => {
            let mask = word_mask(full);
            (mask, !mask)
        }
        Err(_) => {
            let mut mask = 0u64;
            for (i, &b) in block.iter().enumerate() {
                mask |= u64::from(WORD_BYTE[b as usize]) << i;
            }
            (mask, !mask & ((1u64 << block.len()) - 1))
        }
    }
}

/// Calls `f(start, end)` for each maximal run of ASCII letters and digits in `bytes`, which
/// is ASCII. A callback rather than an iterator, so that the hottest loops (the index's
/// counting, cross-linking) are one loop with no iterator state between words.
pub fn ascii_words(bytes: &[u8], mut f: impl FnMut(usize, usize)) {
    // A word that goes on past the end of the block before.
    let mut open: Option<usize> = None;
    for (n, block) in bytes.chunks(64).enumerate() {
        let base = n * 64;
        let (mask, gaps) = block_masks(block);
        let mut starts = mask;
        if let Some(start) = open {
            if gaps == 0 {
                continue;
            }
            let end = gaps.trailing_zeros();
            f(start, base + end as usize);
            open = None;
            starts = starts >> end << end;
        }
        while starts != 0 {
            let start = starts.trailing_zeros();
            let after = gaps >> start << start;
            if after == 0 {
                open = Some(base + start as usize);
                break;
            }
            let end = after.trailing_zeros();
            f(base + start as usize, base + end as usize);
            starts = starts >> end << end;
        }
    }
    if let Some(start) = open {
        f(start, bytes.len());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_language_is_known_by_its_primary_subtag() {
        assert_eq!(Language::of("fr-CA"), Language::French);
        assert_eq!(Language::of("DE"), Language::German);
        assert_eq!(Language::of("en_GB"), Language::English);
        assert_eq!(Language::of("it-CH"), Language::Italian);
        assert_eq!(Language::of("pt-BR"), Language::Portuguese);
        assert_eq!(Language::of("nl"), Language::Unstemmed);
        assert!(Language::Portuguese.is_stop_word("voce"));
        assert!(Language::Portuguese.is_stop_word("pelos"));
        assert!(!Language::Portuguese.is_stop_word("nao"));
        assert!(Language::Italian.is_stop_word("perche"));
        assert!(Language::Italian.is_stop_word("dell"));
        assert!(!Language::Italian.is_stop_word("non"));
        assert_eq!(Language::of("es-MX"), Language::Spanish);
        assert!(Language::French.is_stop_word("qu"));
        assert!(Language::Spanish.is_stop_word("que"));
        assert!(!Language::English.is_stop_word("qu"));
        assert!(!Language::Unstemmed.is_stop_word("the"));
    }

    #[test]
    fn stop_words_are_sorted_for_binary_search() {
        let mut sorted = STOP_WORDS.to_vec();
        sorted.sort_unstable();
        sorted.dedup();
        assert_eq!(sorted, STOP_WORDS);
        for language in [
            Language::French,
            Language::German,
            Language::Italian,
            Language::Portuguese,
            Language::Spanish,
        ] {
            let words = language.stop_words();
            assert!(words.windows(2).all(|w| w[0] < w[1]), "{language:?}");
            // Folded, as the words they are compared with.
            assert!(words
                .iter()
                .all(|w| w.bytes().all(|b| b.is_ascii_lowercase())));
        }
        assert_eq!(
            STOP_WORDS.iter().map(|w| w.len()).max(),
            Some(LONGEST_STOP_WORD)
        );
    }

    /// The block-wise splitter against the plain definition, on words that cross 64-byte
    /// blocks, end the text, or sit between runs of separators.
    #[test]
    fn ascii_words_match_a_plain_split_at_every_block_edge() {
        let plain = |text: &str| -> Vec<String> {
            text.split(|c: char| !c.is_ascii_alphanumeric())
                .filter(|w| !w.is_empty())
                .map(str::to_string)
                .collect()
        };
        let pieces = [
            "a",
            "b12",
            "  ",
            "-",
            "x".repeat(63).leak(),
            "y".repeat(41).leak(),
            "z".repeat(40).leak(),
            "..",
            "word",
            "\n",
        ];
        for text in crate::testing::random_texts(&pieces, 40, 300) {
            let mut got = Vec::new();
            ascii_words(text.as_bytes(), |start, end| got.push(&text[start..end]));
            assert_eq!(got, plain(&text), "{text:?}");
        }
    }
}
