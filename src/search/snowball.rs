//! What the stemmers written here for folded words (`french`, `portuguese`, `spanish`)
//! share: Snowball's regions and its tests of a word's ending, on the word as characters.

/// Where R1 starts in `w[from..]` (R2, from R1's start): after its first vowel followed by
/// a non-vowel, each language having its own vowels.
pub(super) fn region(w: &[char], from: usize, vowel: fn(Option<&char>) -> bool) -> usize {
    (from..w.len())
        .find(|&i| vowel(w.get(i)) && i + 1 < w.len() && !vowel(w.get(i + 1)))
        .map_or(w.len(), |i| i + 2)
}

/// Snowball's RV, R1 and R2 of a word, as Spanish and Portuguese mark them.
pub(super) struct Regions {
    pub rv: usize,
    pub r1: usize,
    pub r2: usize,
}

/// `w`'s regions, with the language's vowels. RV starts after the next vowel when the
/// second letter is not one, after the next non-vowel when the first two are vowels, and
/// after the third letter otherwise; at the end where there is no such place.
pub(super) fn rv_regions(w: &[char], vowel: fn(Option<&char>) -> bool) -> Regions {
    let n = w.len();
    // The first vowel (or non-vowel) from `from` on, and the position after it.
    let past = |from: usize, v: bool| (from..n).find(|&i| vowel(w.get(i)) == v).map(|i| i + 1);
    let rv = match (vowel(w.first()), vowel(w.get(1))) {
        _ if n < 2 => None,
        (_, false) => past(2, true),
        (true, true) => past(2, false),
        (false, true) => (n > 2).then_some(3),
    }
    .unwrap_or(n);
    let r1 = region(w, 0, vowel);
    Regions {
        rv,
        r1,
        r2: region(w, r1, vowel),
    }
}

pub(super) fn ends(w: &[char], suffix: &str) -> bool {
    w.len() >= suffix.len()
        && w.iter()
            .rev()
            .zip(suffix.chars().rev())
            .all(|(a, b)| *a == b)
}

/// If `w` ends with `suffix`, its start.
pub(super) fn ending(w: &[char], suffix: &str) -> Option<usize> {
    ends(w, suffix).then(|| w.len() - suffix.len())
}

/// The longest of `suffixes` that ends `w` and starts at `from` or later, with its start
/// (Snowball's `among`, in a region that `setlimit` sets to start at `from`).
pub(super) fn longest<'s>(
    w: &[char],
    from: usize,
    suffixes: impl IntoIterator<Item = &'s str>,
) -> Option<(usize, &'s str)> {
    suffixes
        .into_iter()
        .filter(|s| ends(w, s) && w.len() - s.len() >= from)
        .max_by_key(|s| s.len())
        .map(|s| (w.len() - s.len(), s))
}

/// [`longest`] of the suffixes of `groups`, with its start and its group, numbered from 1
/// as the groups of a Snowball `among` are.
pub(super) fn longest_of_groups(
    w: &[char],
    from: usize,
    groups: &[&[&'static str]],
) -> Option<(usize, usize)> {
    let (b, suffix) = longest(w, from, groups.iter().flat_map(|g| g.iter().copied()))?;
    let group = groups.iter().position(|g| g.contains(&suffix))?;
    Some((b, group + 1))
}

/// Checks the stemmers' unit tests share.
#[cfg(test)]
pub(super) mod checks {
    /// Each word of each family (words split by spaces, as written), folded, stems to the
    /// family's stem.
    #[track_caller]
    pub fn assert_families(stem: fn(&str) -> String, families: &[(&str, &str)]) {
        for (words, want) in families {
            for word in words.split(' ') {
                let folded = crate::search::text::fold(word);
                assert_eq!(stem(&folded), *want, "{word}");
            }
        }
    }

    /// Each word stems as rust-stemmers' `algorithm` stems it.
    #[track_caller]
    pub fn assert_as_snowball(
        stem: fn(&str) -> String,
        algorithm: rust_stemmers::Algorithm,
        words: &[&str],
    ) {
        let snowball = rust_stemmers::Stemmer::create(algorithm);
        for word in words {
            assert_eq!(stem(word), snowball.stem(word), "{word}");
        }
    }
}
