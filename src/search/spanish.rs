//! The Spanish stemmer of search: Snowball's Spanish algorithm (as rust-stemmers 1.2.0 has
//! it) read on folded words, the same rules as `src/search/stemmers/spanish.js` in the
//! browser.
//!
//! Search folds words before stemming them, so that "nutricion", typed without its accent,
//! is "nutrición". Snowball's Spanish endings with an accent ("-ación", "-logía", "-ía",
//! "-áis"…) then never match: on Snowball's Spanish test vocabulary, only 84.5 % of the
//! word pairs it gives one stem keep one stem when Snowball reads them folded. Here the
//! endings are read folded ("-acion", "-logia", "-ia"), and 91.4 % of the pairs keep one
//! stem, but for endings whose folded form ends common words of another kind, where the
//! masculine and feminine, or the singular and plural, of one word would part:
//! - "-ió" is read as "-io" and "-ios" both, so that "calcio" and "calcios" (and
//!   "sanitario" and "sanitaria", by "-ia") keep one stem;
//! - the conditional's "-aría", "-ería" and "-iría" are left out ("sanitaria" would lose
//!   more than "sanitario"), as are "-ís" ("dosis" would meet "dos") and the future's
//!   "-erá", "-irá", "-ará", "-eré", "-iré", "-aré" and their plurals ("cadera" would meet
//!   "cada", and lose more than "caderas").
//!
//! Words with no accented ending stem as Snowball stems them.

use super::snowball::{ending, ends, longest, longest_of_groups, rv_regions, Regions};

/// Snowball's vowels, folded.
fn vowel(c: Option<&char>) -> bool {
    matches!(c, Some('a' | 'e' | 'i' | 'o' | 'u'))
}

/// `word`'s stem. `word` is folded (lower case, no accents), as search's words are.
pub fn stem(word: &str) -> String {
    let mut w: Vec<char> = word.chars().collect();
    let r = rv_regions(&w, vowel);
    pronoun(&mut w, &r);
    if !standard(&mut w, &r) && !y_verb(&mut w, &r) {
        verb(&mut w, &r);
    }
    residual(&mut w, &r);
    w.into_iter().collect()
}

/// Snowball's `attached_pronoun`: "-me", "-selo"… after a gerund or an infinitive in RV.
fn pronoun(w: &mut Vec<char>, r: &Regions) {
    const PRONOUNS: &[&str] = &[
        "me", "se", "sela", "selo", "selas", "selos", "la", "le", "lo", "las", "les", "los", "nos",
    ];
    let Some((b, _)) = longest(w, 0, PRONOUNS.iter().copied()) else {
        return;
    };
    let before = &w[..b];
    let Some((g, verb)) = longest(before, 0, ["ando", "iendo", "yendo", "ar", "er", "ir"]) else {
        return;
    };
    if g < r.rv || (verb == "yendo" && !ends(&before[..g], "u")) {
        return;
    }
    w.truncate(b);
}

/// Snowball's `standard_suffix`, by the group of each ending.
const STANDARD: [&[&str]; 9] = [
    &[
        "anza", "anzas", "ico", "ica", "icos", "icas", "ismo", "ismos", "able", "ables", "ible",
        "ibles", "ista", "istas", "oso", "osa", "osos", "osas", "amiento", "amientos", "imiento",
        "imientos",
    ],
    &[
        "adora", "ador", "acion", "adoras", "adores", "aciones", "ante", "antes", "ancia", "ancias",
    ],
    &["logia", "logias"],
    &["ucion", "uciones"],
    &["encia", "encias"],
    &["amente"],
    &["mente"],
    &["idad", "idades"],
    &["iva", "ivo", "ivas", "ivos"],
];

fn standard(w: &mut Vec<char>, r: &Regions) -> bool {
    let Some((b, group)) = longest_of_groups(w, 0, &STANDARD) else {
        return false;
    };
    if b < if group == 6 { r.r1 } else { r.r2 } {
        return false;
    }
    w.truncate(b);
    // What may go after the ending, each in R2.
    let after: &[&str] = match group {
        3 => &["log"],
        4 => &["u"],
        5 => &["ente"],
        _ => &[],
    };
    w.extend(after.iter().flat_map(|s| s.chars()));
    let in_r2 = |w: &[char], s: &str| ending(w, s).filter(|&b| b >= r.r2);
    match group {
        2 => {
            if let Some(b) = in_r2(w, "ic") {
                w.truncate(b);
            }
        }
        6 => {
            let found = ["iv", "os", "ic", "ad"]
                .into_iter()
                .find_map(|s| ending(w, s).map(|b| (b, s)));
            if let Some((b, s)) = found.filter(|&(b, _)| b >= r.r2) {
                w.truncate(b);
                if s == "iv" {
                    if let Some(b) = in_r2(w, "at") {
                        w.truncate(b);
                    }
                }
            }
        }
        7 => {
            if let Some(b) = ["ante", "able", "ible"]
                .into_iter()
                .find_map(|s| in_r2(w, s))
            {
                w.truncate(b);
            }
        }
        8 => {
            if let Some(b) = ["abil", "ic", "iv"].into_iter().find_map(|s| in_r2(w, s)) {
                w.truncate(b);
            }
        }
        9 => {
            if let Some(b) = in_r2(w, "at") {
                w.truncate(b);
            }
        }
        _ => {}
    }
    true
}

/// Snowball's `y_verb_suffix`: a verb ending in "y" after a "u", in RV.
fn y_verb(w: &mut Vec<char>, r: &Regions) -> bool {
    const ENDINGS: &[&str] = &[
        "ya", "ye", "yan", "yen", "yeron", "yendo", "yo", "yas", "yes", "yais", "yamos",
    ];
    match longest(w, r.rv, ENDINGS.iter().copied()) {
        Some((b, _)) if b > 0 && w[b - 1] == 'u' => {
            w.truncate(b);
            true
        }
        _ => false,
    }
}

/// Snowball's `verb_suffix`, folded: the endings after which a "gu" loses its "u", then
/// the others.
const VERB: [&[&str]; 2] = [
    &["en", "es", "eis", "emos"],
    &[
        "io", "ios", "aba", "ada", "ida", "ara", "iera", "ia", "ad", "ed", "id", "ase", "iese",
        "aste", "iste", "an", "aban", "aran", "ieran", "ian", "asen", "iesen", "aron", "ieron",
        "ado", "ido", "ando", "iendo", "ar", "er", "ir", "as", "abas", "adas", "idas", "aras",
        "ieras", "ias", "ases", "ieses", "abais", "arais", "ierais", "iais", "aseis", "ieseis",
        "asteis", "isteis", "ais", "areis", "ereis", "ireis", "ados", "idos", "amos", "abamos",
        "aramos", "ieramos", "iamos", "aremos", "eremos", "iremos", "asemos", "iesemos", "imos",
    ],
];

fn verb(w: &mut Vec<char>, r: &Regions) -> bool {
    let Some((b, group)) = longest_of_groups(w, r.rv, &VERB) else {
        return false;
    };
    w.truncate(b);
    if group == 1 && ends(w, "gu") {
        w.pop();
    }
    true
}

/// Snowball's `residual_suffix`, folded.
fn residual(w: &mut Vec<char>, r: &Regions) {
    let Some((b, suffix)) = longest(w, 0, ["os", "a", "o", "e"]) else {
        return;
    };
    if b < r.rv {
        return;
    }
    w.truncate(b);
    // The "u" of "gu" goes if it is in RV.
    if suffix == "e" && ends(w, "gu") && w.len() > r.rv {
        w.pop();
    }
}

#[cfg(test)]
mod tests {
    use super::super::snowball::checks::assert_as_snowball;
    use super::stem;

    #[test]
    fn the_forms_of_one_word_share_a_stem() {
        for family in [
            &["nutricion", "nutriciones"][..],
            &["sanitario", "sanitaria", "sanitarios", "sanitarias"],
            &["deficiencia", "deficiencias", "deficiente"],
            &["neurologia", "neurologias"],
            &["hormigueo", "hormigueos"],
            &["calcio", "calcios"],
            &["energia", "energias"],
            &["cansado", "cansada", "cansados", "cansadas"],
            &["tomandolo", "tomando"],
        ] {
            let stems: Vec<String> = family.iter().map(|w| stem(w)).collect();
            assert!(
                stems.iter().all(|s| *s == stems[0]),
                "{family:?} → {stems:?}"
            );
        }
    }

    /// Where no ending had an accent to lose, the stem is Snowball's.
    #[test]
    fn words_without_accented_endings_stem_as_snowball_stems_them() {
        assert_as_snowball(
            stem,
            rust_stemmers::Algorithm::Spanish,
            &[
                "cantaban",
                "comiendo",
                "tomandolo",
                "siguen",
                "averiguemos",
                "construyendo",
                "hormigueos",
                "debilidad",
                "cansadas",
                "nerviosismo",
                "lentamente",
                "claramente",
                "efectivamente",
                "cognitivas",
                "adaptaciones",
                "vitaminas",
                "estudiantes",
                "oye",
                "a",
                "ab",
                "ojos",
                "deficiencias",
                "neurologos",
                "agua",
                "alguien",
            ],
        );
    }

    #[test]
    fn words_that_only_end_alike_keep_apart() {
        for (a, b) in [("dosis", "dos"), ("cadera", "cada"), ("calcio", "calle")] {
            assert_ne!(stem(a), stem(b), "{a} and {b}");
        }
    }
}
