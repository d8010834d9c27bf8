//! Symptom and supplement records: their invented names and aliases, and their YAML files.

use std::collections::HashSet;

use super::prose::Prose;
use super::words::*;
use super::{block, capitalize, quoted, quoted_list, Rng};

/// A symptom or supplement: what articles can name, reference and link to.
pub(super) struct Record {
    pub(super) id: String,
    pub(super) name: String,
    pub(super) aliases: Vec<String>,
}

/// Every record and keyword of the corpus, fixed before any file is written.
pub(super) struct Catalog {
    pub(super) symptoms: Vec<Record>,
    pub(super) supplements: Vec<Record>,
    pub(super) keywords: Vec<String>,
}

impl Catalog {
    pub(super) fn new(rng: &mut Rng, symptoms: usize, supplements: usize) -> Catalog {
        let mut words = Words::new();
        let symptoms = (0..symptoms)
            .map(|i| {
                let name =
                    capitalize(&words.fresh(rng, &[CLINICAL_HEADS, CLINICAL_MIDS, CLINICAL_TAILS]));
                let mut aliases =
                    vec![words.fresh(rng, &[CLINICAL_HEADS, CLINICAL_MIDS, CLINICAL_TAILS])];
                for _ in 0..rng.between(1, 2) {
                    aliases.push(format!("{} {}", words.lay(rng), rng.pick(LAY_NOUNS)));
                }
                Record {
                    id: format!("s{:04}-{}", i + 1, name.to_lowercase()),
                    name,
                    aliases,
                }
            })
            .collect();
        let supplements = (0..supplements)
            .map(|i| {
                let name =
                    capitalize(&words.fresh(rng, &[CHEM_HEADS, VOWELS, CHEM_MIDS, CHEM_TAILS]));
                let mut aliases = vec![words.fresh(
                    rng,
                    &[CHEM_PREFIXES, CHEM_HEADS, VOWELS, CHEM_MIDS, CHEM_TAILS],
                )];
                for _ in 0..rng.between(1, 2) {
                    aliases.push(format!(
                        "{} {}",
                        capitalize(&words.lay(rng)),
                        rng.pick(SUPPLEMENT_NOUNS)
                    ));
                }
                Record {
                    id: format!("p{:04}-{}", i + 1, name.to_lowercase()),
                    name,
                    aliases,
                }
            })
            .collect();
        let mut keywords: Vec<String> = KEYWORD_HEADS
            .iter()
            .flat_map(|head| {
                KEYWORD_TAILS
                    .iter()
                    .map(move |tail| format!("{head} {tail}"))
            })
            .collect();
        rng.shuffle(&mut keywords);
        Catalog {
            symptoms,
            supplements,
            keywords,
        }
    }

    /// A name or alias of a random record, as an author might write it.
    pub(super) fn any_term(&self, rng: &mut Rng) -> String {
        let records = if rng.chance(60) {
            &self.symptoms
        } else {
            &self.supplements
        };
        let record = rng.pick(records);
        term_form(rng, record)
    }
}

/// The name (sometimes lower-cased) or one of the aliases of `record`.
pub(super) fn term_form(rng: &mut Rng, record: &Record) -> String {
    match rng.below(10) {
        0..=3 => record.name.clone(),
        4..=5 => record.name.to_lowercase(),
        _ => rng.pick(&record.aliases).clone(),
    }
}

/// Hands out invented words, each at most once, never one of the vocabulary's words.
struct Words {
    taken: HashSet<String>,
}

impl Words {
    fn new() -> Words {
        let vocabulary = [
            FUNCTION_WORDS,
            CONTENT_WORDS,
            KEYWORD_HEADS,
            KEYWORD_TAILS,
            TAGS,
        ];
        let taken = vocabulary
            .iter()
            .flat_map(|list| list.iter().map(|w| w.to_string()))
            .collect();
        Words { taken }
    }

    /// One syllable from each of `parts`, plus extra middle syllables if the plain
    /// combinations run out.
    fn fresh(&mut self, rng: &mut Rng, parts: &[&[&str]]) -> String {
        let mut attempt = 0usize;
        loop {
            let mut word: String = parts.iter().map(|part| *rng.pick(part)).collect();
            for _ in 0..attempt / 64 {
                word.insert_str(word.len() / 2, rng.pick_str(VOWELS));
            }
            if self.taken.insert(word.clone()) {
                return word;
            }
            attempt += 1;
        }
    }

    /// A short pronounceable invented word ("bazel", "trovik").
    fn lay(&mut self, rng: &mut Rng) -> String {
        self.fresh(
            rng,
            &[
                LAY_CONSONANTS,
                VOWELS,
                LAY_CONSONANTS,
                VOWELS,
                LAY_CONSONANTS,
            ],
        )
    }
}

fn sources_yaml(rng: &mut Rng, id: &str) -> String {
    let mut out = String::from("sources:\n");
    for n in 1..=rng.between(1, 3) {
        let mut prose = Prose::plain(rng);
        let title = capitalize(&prose.phrase(4, 8));
        let year = 2000 + prose.rng.below(25);
        push_line!(out, "  - title: {}", quoted(&format!("{title} ({year})")));
        push_line!(out, "    url: \"https://journal.example/{id}/{n}\"");
    }
    out
}

pub(super) fn symptom_yaml(
    rng: &mut Rng,
    catalog: &Catalog,
    index: usize,
    record: &Record,
) -> String {
    let mut mentions: Vec<String> = (0..rng.between(2, 4))
        .map(|_| catalog.any_term(rng))
        .collect();
    mentions.push(record.name.clone());
    let mut prose = Prose::new(rng, mentions, 40);
    let summary = prose.plain_sentence();
    let description = format!("{}\n\n{}", prose.paragraph(3, 5), prose.paragraph(2, 4));
    let seek_care = prose.list(3, 4);
    let system = rng.pick_str(BODY_SYSTEMS);
    let related_symptoms = ids(rng, &catalog.symptoms, 0, 2, Some(index));
    let related_supplements = ids(rng, &catalog.supplements, 1, 3, None);
    let mut out = String::new();
    push_line!(out, "name: {}", quoted(&record.name));
    push_line!(out, "aliases: {}", quoted_list(&record.aliases));
    push_line!(out, "body_system: {}", quoted(system));
    push_line!(out, "summary: {}", quoted(&summary));
    out.push_str(&format!("description: {}", block(&description)));
    out.push_str(&format!("seek_care: {}", block(&seek_care)));
    push_line!(out, "related_symptoms: {}", quoted_list(&related_symptoms));
    push_line!(
        out,
        "related_supplements: {}",
        quoted_list(&related_supplements)
    );
    out.push_str(&sources_yaml(rng, &record.id));
    out
}

pub(super) fn supplement_yaml(
    rng: &mut Rng,
    catalog: &Catalog,
    index: usize,
    record: &Record,
) -> String {
    let mut mentions: Vec<String> = (0..rng.between(2, 4))
        .map(|_| catalog.any_term(rng))
        .collect();
    mentions.push(record.name.clone());
    let mut prose = Prose::new(rng, mentions, 40);
    let summary = prose.plain_sentence();
    let description = format!("{}\n\n{}", prose.paragraph(3, 5), prose.paragraph(2, 4));
    let forms: Vec<String> = rng
        .distinct_between(FORMS.len(), 1, 3)
        .into_iter()
        .map(|i| FORMS[i].to_string())
        .collect();
    let low = 25 * rng.between(1, 20);
    let high = low * rng.between(2, 4);
    let related_symptoms = ids(rng, &catalog.symptoms, 1, 3, None);
    let mut out = String::new();
    push_line!(out, "name: {}", quoted(&record.name));
    push_line!(out, "aliases: {}", quoted_list(&record.aliases));
    push_line!(out, "summary: {}", quoted(&summary));
    out.push_str(&format!("description: {}", block(&description)));
    push_line!(out, "forms: {}", quoted_list(&forms));
    push_line!(out, "typical_dose: \"{low}-{high} mg per day\"");
    if rng.chance(50) {
        push_line!(out, "upper_limit: \"{} mg per day\"", high * 4);
    }
    push_line!(out, "related_symptoms: {}", quoted_list(&related_symptoms));
    push_line!(
        out,
        "links: [\"{}\"]",
        product_url(&catalog.supplements[index])
    );
    out.push_str(&sources_yaml(rng, &record.id));
    out
}

pub(super) fn product_url(record: &Record) -> String {
    format!("https://shop.example/collections/{}", record.id)
}

/// Between `lo` and `hi` distinct ids of `records`, never the one at `skip`.
fn ids(
    rng: &mut Rng,
    records: &[Record],
    lo: usize,
    hi: usize,
    skip: Option<usize>,
) -> Vec<String> {
    let wanted = rng.between(lo, hi);
    rng.distinct(records.len(), wanted + 1)
        .into_iter()
        .filter(|&i| Some(i) != skip)
        .take(wanted)
        .map(|i| records[i].id.clone())
        .collect()
}
