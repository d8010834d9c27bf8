//! The Italian stemmer of search: Snowball's Italian algorithm (as rust-stemmers 1.2.0 has
//! it) read on folded words, the same rules as `src/search/stemmers/italian.js` in the
//! browser.
//!
//! Search folds words before stemming them, so that "attivita", typed without its accent,
//! is "attività". Snowball's Italian endings with an accent, "-ità" and the future's "-erà",
//! "-irà", "-erò" and "-irò", then never match: on Snowball's Italian test vocabulary, only
//! 94.8 % of the word pairs it gives one stem keep one stem when Snowball reads them folded
//! (nine in ten of the pairs lost are a future and another form of its verb). Here "-ità"
//! and the third person of the future are read folded, and 96.4 % of the pairs keep one
//! stem:
//! - "-ita" is read as Snowball reads "-ità", in R2, with an "ic", "abil" or "iv" before it
//!   in R2 ("elasticita" meets "elastico", "negativita" "negativo"). Out of R2 it is, as
//!   Snowball's verb endings have it, a past participle ("finita" meets "finire", and
//!   "qualita" stays apart from "qualitativo"): read as a noun's "-ità" there, it would
//!   join 6 pairs and part 582 participles from their verbs;
//! - the future's "-erà" and "-irà" are read as "-era" and "-ira" only in R2, and not after
//!   an "i": "migliorera" meets "migliorare" and "dimagrira" "dimagrire", but "camera",
//!   "lettera", "severa" and "respira" keep their ending (read in RV, 1,080 more pairs would
//!   keep one stem and 146 more merge: "lettera" would meet "letto", "maschera" "maschio"),
//!   as do "infermiera", "bandiera" and the other nouns in "-iera" (after an "i" too, 7
//!   more pairs would keep one stem and 48 more merge: "infermiera" would meet "inferma").
//!   The "-erare" verbs whose "era" is in R2 lose it ("considera" stems apart from
//!   "considerare"), and futures whose ending is not in R2 keep it ("parlera");
//! - the future's "-erò" and "-irò" are left out: folded, they end masculine nouns whose
//!   plural keeps its "er" ("ricovero" would part from "ricoveri", "recupero" from
//!   "recuperato", "emisfero" from "emisferi"). Read as "-era" is (and "-ero" not after the
//!   "s" and "b" of "presero" and "sarebbero"), they would keep 347 more pairs, mostly a
//!   first person future with its verb, and merge 8 fewer; health pages seldom speak in the
//!   first person future, and search for those nouns.
//!
//! With these, this stemmer gives one stem to fewer pairs of words that Snowball's stems keep
//! apart (even folded) than Snowball on folded words does: 970 against 987. Most of the pairs
//! still parted are words folding makes one ("abbandonò" is "abbandono", which Snowball
//! stems as "abbandonano"), or futures out of R2 ("parlera").
//!
//! Snowball's prelude writes "á", "é", "í", "ó" and "ú" as "à", "è", "ì", "ò" and "ù", which
//! folded words never hold; it also writes the "u" after a "q", and a "u" or an "i" between
//! vowels, as a consonant, which is kept (without it, 68 more pairs part, "aiutante" from
//! "aiutare", and 41 more merge). Snowball's verb ending "Yamo" never matches (nothing
//! writes a "Y") and is left out. Words with none of these endings stem as Snowball stems
//! them.

use super::snowball::{ending, ends, longest, longest_of_groups, rv_regions, Regions};

/// Snowball's vowels, folded. The prelude writes the "u" and "i" that are not vowels as "U"
/// and "I".
fn vowel(c: Option<&char>) -> bool {
    matches!(c, Some('a' | 'e' | 'i' | 'o' | 'u'))
}

/// `word`'s stem. `word` is folded (lower case, no accents), as search's words are.
pub fn stem(word: &str) -> String {
    let mut w: Vec<char> = word.chars().collect();
    prelude(&mut w);
    let r = rv_regions(&w, vowel);
    pronoun(&mut w, &r);
    if !standard(&mut w, &r) {
        verb(&mut w, &r);
    }
    // Snowball's `vowel_suffix`: a last "a", "e", "i" or "o" in RV, and then an "i" in RV;
    // the "h" of a last "ch" or "gh" whose "c" or "g" is in RV.
    if let Some((b, _)) = longest(&w, r.rv, ["a", "e", "i", "o"]) {
        w.truncate(b);
        if let Some(b) = ending(&w, "i").filter(|&b| b >= r.rv) {
            w.truncate(b);
        }
    }
    if (ends(&w, "ch") || ends(&w, "gh")) && w.len() >= r.rv + 2 {
        w.pop();
    }
    // Snowball's `postlude`.
    w.into_iter()
        .map(|c| match c {
            'I' => 'i',
            'U' => 'u',
            c => c,
        })
        .collect()
}

/// Snowball's `prelude`, folded: the "u" of "qu" and a "u" or an "i" between vowels
/// upper-case, from left to right.
fn prelude(w: &mut [char]) {
    for i in 1..w.len() {
        if w[i - 1] == 'q' && w[i] == 'u' {
            w[i] = 'U';
        }
    }
    for i in 2..w.len() {
        if vowel(w.get(i - 2)) && vowel(w.get(i)) {
            match w[i - 1] {
                'u' => w[i - 1] = 'U',
                'i' => w[i - 1] = 'I',
                _ => {}
            }
        }
    }
}

/// Snowball's `attached_pronoun`: "-gli", "-mela"… after a gerund ("-ando", "-endo"), which
/// keeps, or an infinitive ("-ar", "-er", "-ir"), which gets its "e" back, in RV.
fn pronoun(w: &mut Vec<char>, r: &Regions) {
    const PRONOUNS: &[&str] = &[
        "ci", "gli", "la", "le", "li", "lo", "mi", "ne", "si", "ti", "vi", "sene", "gliela",
        "gliele", "glieli", "glielo", "gliene", "mela", "mele", "meli", "melo", "mene", "tela",
        "tele", "teli", "telo", "tene", "cela", "cele", "celi", "celo", "cene", "vela", "vele",
        "veli", "velo", "vene",
    ];
    let Some((b, _)) = longest(w, 0, PRONOUNS.iter().copied()) else {
        return;
    };
    if let Some((_, verb)) = longest(&w[..b], r.rv, ["ando", "endo", "ar", "er", "ir"]) {
        w.truncate(b);
        if verb.len() == 2 {
            w.push('e');
        }
    }
}

/// Snowball's `standard_suffix`, folded, by the group of each ending.
const STANDARD: [&[&str]; 9] = [
    &[
        "anza", "anze", "ico", "ici", "ica", "ice", "iche", "ichi", "ismo", "ismi", "abile",
        "abili", "ibile", "ibili", "ista", "iste", "isti", "oso", "osi", "osa", "ose", "mente",
        "atrice", "atrici", "ante", "anti",
    ],
    &["azione", "azioni", "atore", "atori"],
    &["logia", "logie"],
    &["uzione", "uzioni", "usione", "usioni"],
    &["enza", "enze"],
    &["amento", "amenti", "imento", "imenti"],
    &["amente"],
    &["ita"],
    &["ivo", "ivi", "iva", "ive"],
];

fn standard(w: &mut Vec<char>, r: &Regions) -> bool {
    let Some((b, group)) = longest_of_groups(w, 0, &STANDARD) else {
        return false;
    };
    if b < match group {
        6 => r.rv,
        7 => r.r1,
        _ => r.r2,
    } {
        return false;
    }
    w.truncate(b);
    // What the ending becomes.
    w.extend(
        match group {
            3 => "log",
            4 => "u",
            5 => "ente",
            _ => "",
        }
        .chars(),
    );
    // The longest of `before` that ends the word goes if it is in R2.
    let pop = |w: &mut Vec<char>, before: &[&'static str]| {
        let (b, s) = longest(w, 0, before.iter().copied()).filter(|&(b, _)| b >= r.r2)?;
        w.truncate(b);
        Some(s)
    };
    match group {
        2 => {
            pop(w, &["ic"]);
        }
        // "-ivamente": "at" too.
        7 if pop(w, &["ic", "abil", "os", "iv"]) == Some("iv") => {
            pop(w, &["at"]);
        }
        8 => {
            pop(w, &["ic", "abil", "iv"]);
        }
        // "-ativo", and then "-icativo".
        9 if pop(w, &["at"]).is_some() => {
            pop(w, &["ic"]);
        }
        _ => {}
    }
    true
}

/// Snowball's `verb_suffix`, folded, but for "-erò" and "-irò", and with "-era" and "-ira"
/// (its "-erà" and "-irà") read only in R2 and not after an "i".
const VERB: &[&str] = &[
    "ammo", "ando", "ano", "are", "arono", "asse", "assero", "assi", "assimo", "ata", "ate", "ati",
    "ato", "ava", "avamo", "avano", "avate", "avi", "avo", "emmo", "enda", "ende", "endi", "endo",
    "era", "erai", "eranno", "ere", "erebbe", "erebbero", "erei", "eremmo", "eremo", "ereste",
    "eresti", "erete", "erono", "essero", "ete", "eva", "evamo", "evano", "evate", "evi", "evo",
    "iamo", "immo", "ira", "irai", "iranno", "ire", "irebbe", "irebbero", "irei", "iremmo",
    "iremo", "ireste", "iresti", "irete", "irono", "isca", "iscano", "isce", "isci", "isco",
    "iscono", "issero", "ita", "ite", "iti", "ito", "iva", "ivamo", "ivano", "ivate", "ivi", "ivo",
    "ono", "uta", "ute", "uti", "uto", "ar", "ir",
];

/// Snowball's `verb_suffix`: a verb ending in RV goes.
fn verb(w: &mut Vec<char>, r: &Regions) {
    let Some((b, s)) = longest(w, r.rv, VERB.iter().copied()) else {
        return;
    };
    if (s == "era" || s == "ira") && (b < r.r2 || ends(&w[..b], "i")) {
        return;
    }
    w.truncate(b);
}

#[cfg(test)]
mod tests {
    use super::super::snowball::checks::{assert_as_snowball, assert_families};
    use super::stem;

    /// Words Snowball gives one stem, accented, keep one stem folded.
    #[test]
    fn the_forms_of_one_word_share_a_stem() {
        assert_families(
            stem,
            &[
                ("attività attivo attive attivi", "attiv"),
                ("capacità capace capaci", "capac"),
                ("elasticità elastico elastici elastica", "elast"),
                ("negatività negativo negativa negativi", "negat"),
                ("stabilità stabile stabili", "stabil"),
                ("vitamina vitamine", "vitamin"),
                ("formicolio formicolii", "formicol"),
                ("stanchezza stanchezze", "stanchezz"),
                ("stanco stanchi stanca stanche", "stanc"),
                ("città", "citt"),
                ("sarà sara", "sar"),
                ("migliorerà migliorare migliorato migliora", "miglior"),
                ("peggiorerà peggiorare peggiorano", "peggior"),
                ("dimagrirà dimagrire dimagrito", "dimagr"),
                ("finita finito finire finì", "fin"),
                ("respira respiro respiri respirare", "respir"),
                ("zucchero zuccheri", "zuccher"),
                ("ricovero ricoveri ricoverato", "ricover"),
                ("infermiera infermieri", "infermier"),
                ("perché perche", "perc"),
            ],
        );
    }

    /// Where no ending had an accent to lose, the stem is Snowball's.
    #[test]
    fn words_without_accented_endings_stem_as_snowball_stems_them() {
        assert_as_snowball(
            stem,
            rust_stemmers::Algorithm::Italian,
            &[
                "formicolio",
                "formicolii",
                "stanchezza",
                "alimentazione",
                "nutrizionale",
                "naturalmente",
                "attivamente",
                "carenze",
                "dolorosi",
                "sanguigni",
                "acquosa",
                "aiuola",
                "guaio",
                "mangiarlo",
                "dandogli",
                "vederla",
                "finiscono",
                "respiro",
                "parlero",
                "numero",
                "camera",
                "lettera",
                "bandiera",
                "infermiera",
                "biologia",
                "soluzione",
                "ai",
                "qu",
                "a",
                "",
            ],
        );
    }

    #[test]
    fn words_that_only_end_alike_keep_apart() {
        // Read anywhere in RV, "-era" and "-ero" would make these one stem.
        for (a, b) in [
            ("lettera", "letto"),
            ("maschera", "maschio"),
            ("severa", "severe"),
            ("infermiera", "inferma"),
            ("zucchero", "zucca"),
            ("numero", "numi"),
        ] {
            assert_ne!(stem(a), stem(b), "{a} and {b}");
        }
        // What reading "-era" in R2 costs: the "-erare" verbs whose "era" is in R2.
        assert_eq!(stem("considera"), "consid");
        assert_eq!(stem("considerare"), "consider");
    }

    #[test]
    fn any_word_stems_without_panicking() {
        for word in [
            "", "a", "e", "i", "u", "ß", "straße", "ø", "øe", "b12", "12", "𠀀", "𠀀ita", "qu",
            "quu", "aia", "ita", "era", "iamo",
        ] {
            stem(word);
        }
        assert_eq!(stem(""), "");
        assert_eq!(stem("ø"), "ø");
        assert_eq!(stem("ß"), "ß");
        assert_eq!(stem("12"), "12");
        // Letters folding keeps are not vowels: RV starts after the "a".
        assert_eq!(stem("øabile"), "øabil");
    }
}
