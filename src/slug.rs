//! URL slugs: lower-case ASCII words joined by `-`, with accents and other scripts
//! transliterated (`Café Crème` → `cafe-creme`), as the contract's URLs require.

/// Turns any text into a slug. Returns an empty string when nothing sluggable is left
/// (for example a title made only of punctuation); callers treat that as an error.
pub fn slugify(text: &str) -> String {
    let ascii = deunicode::deunicode(text);
    let mut slug = String::with_capacity(ascii.len());
    let mut pending_dash = false;
    for c in ascii.chars() {
        if c.is_ascii_alphanumeric() {
            if pending_dash && !slug.is_empty() {
                slug.push('-');
            }
            pending_dash = false;
            slug.push(c.to_ascii_lowercase());
        } else {
            pending_dash = true;
        }
    }
    slug
}

/// What is left of a name once the differences that do not change its meaning are
/// dropped: case, accents, apostrophes, and the punctuation and spacing between words
/// (`Omega-3`, `omega 3`, `Omega 3 (DHA/EPA)`…). Two names with one slug but different
/// keys are different things that would share a page (`A+` and `A-`, `C++` and `C`): a
/// collision, where one with the same key is the same name written two ways. A hyphen
/// counts as spacing only between two letters or digits, since `A-` is not `A`.
pub fn spelling_key(text: &str) -> String {
    let ascii = deunicode::deunicode(text);
    let chars: Vec<char> = ascii.chars().collect();
    let mut key = String::with_capacity(ascii.len());
    let mut pending_space = false;
    for (i, &c) in chars.iter().enumerate() {
        let joins = |c: char| {
            c == '-'
                && i > 0
                && chars[i - 1].is_ascii_alphanumeric()
                && chars.get(i + 1).is_some_and(|n| n.is_ascii_alphanumeric())
        };
        if c == '\'' || c == '`' {
            continue;
        }
        if c.is_whitespace() || joins(c) || "_.,;:/()[]{}\"!?".contains(c) {
            pending_space = true;
            continue;
        }
        if pending_space && !key.is_empty() {
            key.push(' ');
        }
        pending_space = false;
        key.push(c.to_ascii_lowercase());
    }
    key
}

#[cfg(test)]
mod tests {
    use super::{slugify, spelling_key};

    #[test]
    fn names_written_two_ways_share_a_key_and_different_names_do_not() {
        for (a, b) in [
            ("Vitamin D", "vitamin d"),
            ("Omega-3", "omega 3"),
            ("Omega-3 (DHA/EPA)", "omega 3 DHA EPA"),
            ("Crohn's disease", "Crohn’s disease"),
            ("café", "Cafe"),
            ("  fatigue. ", "fatigue"),
        ] {
            assert_eq!(spelling_key(a), spelling_key(b), "{a} / {b}");
            assert_eq!(slugify(a), slugify(b), "{a} / {b}");
        }
        for (a, b) in [
            ("A+", "A-"),
            ("C++", "C"),
            ("A-", "A"),
            ("C#", "C"),
            ("B12 & folate", "B12 folate"),
        ] {
            assert_ne!(spelling_key(a), spelling_key(b), "{a} / {b}");
            assert_eq!(slugify(a), slugify(b), "{a} / {b}");
        }
    }

    #[test]
    fn slugs_are_lowercase_ascii_with_dashes() {
        assert_eq!(slugify("Vitamin B12 Deficiency"), "vitamin-b12-deficiency");
        assert_eq!(slugify("Café  crème!"), "cafe-creme");
        assert_eq!(slugify("  --Omega-3 (DHA/EPA)-- "), "omega-3-dha-epa");
        assert_eq!(slugify("Ærøskøbing"), "aeroskobing");
        assert_eq!(slugify("!!!"), "");
    }
}
