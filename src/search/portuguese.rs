//! The Portuguese stemmer of search: Snowball's Portuguese algorithm (as rust-stemmers 1.2.0
//! has it) read on folded words, the same rules as `src/search/stemmers/portuguese.js` in
//! the browser.
//!
//! Search folds words before stemming them, so that "nutricao", typed without its accents,
//! is "nutrição". Snowball's Portuguese endings with an accent or a tilde ("-ação",
//! "-ências", "-ável", "-íamos"…) then never match: on Snowball's Portuguese test vocabulary,
//! only 92.0 % of the word pairs it gives one stem keep one stem when Snowball reads them
//! folded. Here the endings are read folded ("-acao", "-encias", "-avel", "-iamos"), and
//! 97.0 % of the pairs keep one stem, but for verb endings whose folded form ends common
//! words of another kind:
//! - the conditional's "-aria", "-arias", "-eria" and "-erias" are left out: folded, they
//!   end the nouns and adjectives in "-ária" and "-éria", and "malaria" would meet "mal",
//!   "primaria" "prima" and "materia" "matar" (so "falaria" keeps its "-ar", and
//!   "urinaria" stays apart from "urina", as Snowball keeps it);
//! - the pluperfect's "-áramos", "-éramos" and "-íramos" are left out, as they would cut the
//!   present of verbs in "-arar", "-erar" and "-irar" ("preparamos", "consideramos",
//!   "respiramos") short of their other forms.
//!
//! With these left out, this stemmer gives one stem to fewer pairs of words that Snowball's
//! stems keep apart (even folded) than Snowball on folded words does: 928 against 1,149.
//! Most of those are words Snowball stems apart only by their accents, most of them rightly
//! merged ("incluida" meets "incluir", "contem" "conter"), some not: the verb "evidencia"
//! stems as the noun "evidência", and "portugues" loses its "es" as a plural would.
//!
//! Snowball's prelude, which writes "ã" and "õ" as "a~" and "o~", has nothing to do on a
//! folded word, and the regions are the folded word's (so "mão" and "mãe", which Snowball
//! gives one stem, stay "mao" and "mae"). Words with none of these endings stem as Snowball
//! stems them.

use super::snowball::{ending, ends, longest, longest_of_groups, rv_regions, Regions};

/// Snowball's vowels, folded.
fn vowel(c: Option<&char>) -> bool {
    matches!(c, Some('a' | 'e' | 'i' | 'o' | 'u'))
}

/// `word`'s stem. `word` is folded (lower case, no accents), as search's words are.
pub fn stem(word: &str) -> String {
    let mut w: Vec<char> = word.chars().collect();
    let r = rv_regions(&w, vowel);
    if standard(&mut w, &r) || verb(&mut w, &r) {
        // The "i" of a last "ci", in RV, goes too.
        pop_after(&mut w, &r, &["ci"]);
    } else if let Some((b, _)) = longest(&w, r.rv, ["a", "i", "o", "os"]) {
        // Snowball's `residual_suffix`.
        w.truncate(b);
    }
    // Snowball's `residual_form`: a last "e" in RV, and then the "u" of "gu" or the "i" of
    // "ci".
    if let Some(b) = ending(&w, "e").filter(|&b| b >= r.rv) {
        w.truncate(b);
        pop_after(&mut w, &r, &["gu", "ci"]);
    }
    w.into_iter().collect()
}

/// `w`'s last letter goes if `w` ends with one of `pairs` and the letter is in RV.
fn pop_after(w: &mut Vec<char>, r: &Regions, pairs: &[&str]) {
    if pairs.iter().any(|p| ends(w, p)) && w.len() > r.rv {
        w.pop();
    }
}

/// Snowball's `standard_suffix`, folded, by the group of each ending.
const STANDARD: [&[&str]; 9] = [
    &[
        "ica", "ancia", "adora", "osa", "ista", "eza", "ante", "avel", "ivel", "ico", "ismo",
        "oso", "amento", "imento", "acao", "ador", "icas", "adoras", "osas", "istas", "ezas",
        "adores", "antes", "acoes", "icos", "ismos", "osos", "amentos", "imentos",
    ],
    &["logia", "logias"],
    &["ucao", "ucoes"],
    &["encia", "encias"],
    &["amente"],
    &["mente"],
    &["idade", "idades"],
    &["iva", "ivo", "ivas", "ivos"],
    &["ira", "iras"],
];

fn standard(w: &mut Vec<char>, r: &Regions) -> bool {
    let Some((b, group)) = longest_of_groups(w, 0, &STANDARD) else {
        return false;
    };
    if b < match group {
        5 => r.r1,
        9 => r.rv,
        _ => r.r2,
    } {
        return false;
    }
    if group == 9 {
        // "-ira" and "-iras" after an "e" lose their "a" and "as".
        if !ends(&w[..b], "e") {
            return false;
        }
        w.truncate(b + 2);
        return true;
    }
    w.truncate(b);
    // What the ending becomes, and what may go before it, in R2.
    let (with, before): (&str, &[&str]) = match group {
        2 => ("log", &[]),
        3 => ("u", &[]),
        4 => ("ente", &[]),
        5 => ("", &["ic", "ad", "os", "iv"]),
        6 => ("", &["ante", "avel", "ivel"]),
        7 => ("", &["ic", "abil", "iv"]),
        8 => ("", &["at"]),
        _ => ("", &[]),
    };
    w.extend(with.chars());
    let found = before.iter().find_map(|s| ending(w, s).map(|b| (b, *s)));
    if let Some((b, s)) = found.filter(|&(b, _)| b >= r.r2) {
        w.truncate(b);
        // "-ativamente": "at" too.
        if group == 5 && s == "iv" {
            if let Some(b) = ending(w, "at").filter(|&b| b >= r.r2) {
                w.truncate(b);
            }
        }
    }
    true
}

/// Snowball's `verb_suffix`, folded, but for "-aria", "-arias", "-eria", "-erias",
/// "-aramos", "-eramos" and "-iramos".
const VERB: &[&str] = &[
    "ada", "ida", "ia", "iria", "ara", "era", "ira", "ava", "asse", "esse", "isse", "aste", "este",
    "iste", "ei", "arei", "erei", "irei", "am", "iam", "ariam", "eriam", "iriam", "aram", "eram",
    "iram", "avam", "em", "arem", "erem", "irem", "assem", "essem", "issem", "ado", "ido", "ando",
    "endo", "indo", "arao", "erao", "irao", "ar", "er", "ir", "as", "adas", "idas", "ias", "irias",
    "aras", "eras", "iras", "avas", "es", "ardes", "erdes", "irdes", "ares", "eres", "ires",
    "asses", "esses", "isses", "astes", "estes", "istes", "is", "ais", "eis", "areis", "ereis",
    "ireis", "asseis", "esseis", "isseis", "aveis", "ieis", "arieis", "erieis", "irieis", "ados",
    "idos", "amos", "avamos", "iamos", "ariamos", "eriamos", "iriamos", "emos", "aremos", "eremos",
    "iremos", "assemos", "essemos", "issemos", "imos", "armos", "ermos", "irmos", "eu", "iu", "ou",
];

/// Snowball's `verb_suffix`: a verb ending in RV goes.
fn verb(w: &mut Vec<char>, r: &Regions) -> bool {
    let Some((b, _)) = longest(w, r.rv, VERB.iter().copied()) else {
        return false;
    };
    w.truncate(b);
    true
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
                (
                    "deficiência deficiências deficiente deficientes",
                    "deficient",
                ),
                ("insuficiência insuficiências insuficiente", "insuficient"),
                ("dormente dormentes", "dorment"),
                ("frequente frequentes frequentemente", "frequent"),
                ("alimentação alimentações alimentar alimento", "aliment"),
                ("inflamação inflamações inflamado inflamada", "inflam"),
                ("formigamento formigamentos formigar", "formig"),
                ("cansado cansada cansados cansadas cansar", "cans"),
                ("vitamina vitaminas", "vitamin"),
                ("suplemento suplementos", "suplement"),
                ("anemia anemias", "anem"),
                ("sentíamos sentia sentir sentimos", "sent"),
                ("estávamos estava", "estav"),
                ("saudáveis saúde", "saud"),
                ("mamária mamárias", "mamar"),
            ],
        );
    }

    /// Where no ending had an accent to lose, nor is one of the endings left out, the stem
    /// is Snowball's.
    #[test]
    fn words_without_accented_endings_stem_as_snowball_stems_them() {
        assert_as_snowball(
            stem,
            rust_stemmers::Algorithm::Portuguese,
            &[
                "cansadas",
                "formigamento",
                "suplementos",
                "naturalmente",
                "relativamente",
                "cadeira",
                "cadeiras",
                "fadiga",
                "fadigue",
                "anuncie",
                "denunciar",
                "sentiria",
                "tomando",
                "falaram",
                "nervosismo",
                "cognitivas",
                "possibilidade",
                "oi",
                "ai",
                "a",
                "ab",
                "",
            ],
        );
    }

    #[test]
    fn words_that_only_end_alike_keep_apart() {
        for (a, b) in [
            ("malaria", "mal"),
            ("primaria", "prima"),
            ("materia", "matar"),
            ("urinaria", "urina"),
        ] {
            assert_ne!(stem(a), stem(b), "{a} and {b}");
        }
        assert_eq!(stem("bacteria"), stem("bacterias"));
        assert_eq!(stem("preparamos"), stem("preparar"));
        assert_eq!(stem("consideramos"), stem("considerar"));
    }

    #[test]
    fn any_word_stems_without_panicking() {
        for word in [
            "", "a", "e", "ß", "straße", "ø", "øe", "çe", "aço", "b12", "12", "~",
        ] {
            stem(word);
        }
        assert_eq!(stem(""), "");
        assert_eq!(stem("ø"), "ø");
        // Letters folding keeps are not vowels: the "e" after "ß" is in RV.
        assert_eq!(stem("straße"), "straß");
    }
}
