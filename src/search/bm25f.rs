//! Scoring: each page's terms weighed by BM25F over its fields, with the names of the
//! records it mentions (and the site's synonym groups) lent to it as synonyms.

use super::{
    Counts, Field, SynonymGroup, FIELDS, K1, LENGTH_NORM, REFERENCE_ONLY, SYNONYM_SHARE, TF_SCALE,
    WEIGHT,
};

/// A thread's scratch for [`weigh`]: a page's pseudo-frequency for every term of the site
/// (0 for terms it does not have), what its synonym groups lend each term, and the terms
/// it has, in the order they came.
pub(super) struct Weights {
    tf: Vec<f32>,
    lent: Vec<f32>,
    terms: Vec<u32>,
    /// The strength of each member of the group being lent, `None` where the page lacks one.
    strengths: Vec<Option<f32>>,
}

impl Weights {
    pub(super) fn new(terms: usize) -> Weights {
        Weights {
            tf: vec![0.0; terms],
            lent: vec![0.0; terms],
            terms: Vec::new(),
            strengths: Vec::new(),
        }
    }
}

/// BM25F's pseudo-frequency of each term of a page: the sum over fields of weight ×
/// frequency, each field normalised by its length against the average of pages of its
/// kind; then saturated, and scaled to an integer. The page's terms come out in no
/// particular order ([`invert`](super::invert) needs none).
///
/// Synonyms are lent before saturation. A page's strength in a group (the site's `[search]
/// synonyms` groups, and the names of each record the page mentions) is that of its best
/// member, a member being as strong as its weakest word. Each word of the group is lent
/// what the page's *other* members say: the pseudo-frequency that, alone, would score
/// [`SYNONYM_SHARE`] of what the best of them scores. It adds to the word's own uses, which
/// count once. So "pins and needles" finds an article that only says "tingling", and ranks
/// it by how much it says so; an article using the words themselves ranks above one using
/// another name as often; and of two articles saying "tingling" as much, the one that also
/// uses the reader's word ("prickling", even once in a long page) ranks first, where the
/// larger of the two alone had let a page that never uses the word rank above it.
/// A word that several groups lend is lent the sum, as a word's uses in several fields add
/// up: "B12 shots", an alias of Vitamin B12, lends "shot" to every page of a B12 site
/// alike, and a site group of "injection" and "shot" then ranks among them the pages that
/// speak of injections (taking the larger of the two tied them all).
///
/// A page whose title is the term alone (the page *named* Magnesium) scores double after
/// saturation: otherwise a long article mentioning the name often enough could outrank it.
/// So does a record's page for each term of its names of one word (`whole_names`: "B12"
/// for Vitamin B12; omega, 3 and omega3 for Omega-3), where a word on every page saturates
/// the same everywhere.
pub(super) fn weigh<'t>(
    fields: &[Counts; FIELDS],
    mentioned: impl Iterator<Item = &'t SynonymGroup>,
    groups: &'t [SynonymGroup],
    whole_names: &[u32],
    average: &[f32; FIELDS],
    scratch: &mut Weights,
) -> Vec<(u32, u32)> {
    let named = match fields[Field::Title as usize].0.as_slice() {
        [(term, _)] => Some(*term),
        _ => None,
    };
    let Weights {
        tf,
        lent: extra,
        terms: seen,
        strengths,
    } = scratch;
    // Each term's sum is added up in field order, so the floats, and the scores, do not
    // depend on the order of a field's terms.
    for (f, (terms, len)) in fields.iter().enumerate() {
        let norm = 1.0 - LENGTH_NORM[f] + LENGTH_NORM[f] * *len as f32 / average[f];
        let each = WEIGHT[f] / norm;
        for &(term, count) in terms {
            // Ids come from the vocabulary, which only grows: every id has its slot.
            let Some(sum) = tf.get_mut(term as usize) else {
                continue;
            };
            if *sum == 0.0 {
                seen.push(term);
            }
            *sum += each * count as f32;
        }
    }
    // Strengths are read from `tf`, words are lent into `extra`: one group never brings in
    // another. A site group counts only where the page has a member (the words of a phrase
    // anywhere on the page: what a query of them would match); a record's names wherever
    // the page mentions the record, since that is settled by the link stage.
    let member_strength = |words: &[u32]| {
        words.iter().try_fold(f32::MAX, |least, &term| {
            let sum = tf.get(term as usize).copied().unwrap_or(0.0);
            (sum > 0.0).then_some(least.min(sum))
        })
    };
    let mut lend_group = |group: &SynonymGroup, referenced: bool| {
        strengths.clear();
        strengths.extend(group.members.iter().map(|m| member_strength(m)));
        if strengths.iter().all(Option::is_none) {
            if !referenced {
                return;
            }
            let sum = lend(REFERENCE_ONLY);
            for &term in &group.all {
                lend_to(term, sum, tf, extra, seen);
            }
            return;
        }
        for &term in &group.all {
            // What the page's other names say, on top of what it says with this word:
            // its own uses are counted once, in `tf`.
            let others = group
                .members
                .iter()
                .zip(strengths.iter())
                .filter(|(words, _)| !words.contains(&term))
                .filter_map(|(_, s)| *s)
                .reduce(f32::max);
            if let Some(strength) = others {
                lend_to(term, lend(strength), tf, extra, seen);
            }
        }
    };
    for group in groups {
        lend_group(group, false);
    }
    for group in mentioned {
        lend_group(group, true);
    }
    seen.drain(..)
        .map(|term| {
            let used = std::mem::take(&mut tf[term as usize]);
            let sum = used + std::mem::take(&mut extra[term as usize]);
            let boost = if named == Some(term) || whole_names.contains(&term) {
                2.0
            } else {
                1.0
            };
            (
                term,
                ((boost * saturate(sum) * TF_SCALE).round() as u32).max(1),
            )
        })
        .collect()
}

/// Adds `sum` to what `term` is lent on the page, and notes the term if it is new there.
fn lend_to(term: u32, sum: f32, tf: &[f32], extra: &mut [f32], seen: &mut Vec<u32>) {
    if let (Some(slot), Some(more)) = (tf.get(term as usize), extra.get_mut(term as usize)) {
        if *slot == 0.0 && *more == 0.0 {
            seen.push(term);
        }
        *more += sum;
    }
}

/// BM25's saturation of a term's pseudo-frequency: from 0 towards `K1 + 1`.
fn saturate(sum: f32) -> f32 {
    sum * (K1 + 1.0) / (sum + K1)
}

/// The pseudo-frequency lent to the words of a synonym group on a page as strong as
/// `strength` in the group: the one whose saturated score is [`SYNONYM_SHARE`] of its own.
fn lend(strength: f32) -> f32 {
    let score = SYNONYM_SHARE * saturate(strength);
    score * K1 / (K1 + 1.0 - score)
}
