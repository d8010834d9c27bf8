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

#[cfg(test)]
mod tests {
    use super::slugify;

    #[test]
    fn slugs_are_lowercase_ascii_with_dashes() {
        assert_eq!(slugify("Vitamin B12 Deficiency"), "vitamin-b12-deficiency");
        assert_eq!(slugify("Café  crème!"), "cafe-creme");
        assert_eq!(slugify("  --Omega-3 (DHA/EPA)-- "), "omega-3-dha-epa");
        assert_eq!(slugify("Ærøskøbing"), "aeroskobing");
        assert_eq!(slugify("!!!"), "");
    }
}
