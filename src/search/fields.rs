//! What the index covers: the fields of each article, symptom and supplement page, and
//! the synonym groups (a record's names, the site's `[search] synonyms`) as terms.

use super::excerpt_files::push_excerpt;
use super::text::Counter;
use super::{
    json, Field, Kind, RecordTerms, Remembered, Shown, Source, SynonymGroup, Texts, FIELDS,
};
use crate::article::Article;
use crate::catalog::Catalog;
use rayon::prelude::*;
use std::borrow::Cow;
use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;

/// The characters of a title the index shows, at most: each shard names the pages heading
/// its terms, title and all, so a title holding a pasted post's whole text (200,000
/// characters) filled 20,000 shards, 4.7 GB. Cut at a word, as a card's description is; the
/// page and the index's terms keep the whole title.
const SHOWN_TITLE_CHARS: usize = 200;

/// `title` as the index shows it, as a JSON string.
fn shown_title(title: &str) -> String {
    // Bytes first: no title shorter in bytes is longer in characters.
    if title.len() <= SHOWN_TITLE_CHARS {
        return json(title);
    }
    json(&crate::markdown::excerpt(title, SHOWN_TITLE_CHARS))
}

/// An article's field texts.
pub(super) fn article_fields(a: &Article) -> [Cow<'_, str>; FIELDS] {
    let mut fields: [Cow<str>; FIELDS] = Default::default();
    fields[Field::Title as usize] = Cow::Borrowed(&a.front.title);
    fields[Field::Names as usize] = Cow::Owned(a.keywords.join(" \n "));
    let mut headings: Vec<&str> = a.body.toc.iter().map(|t| t.title.as_str()).collect();
    headings.extend(a.body.faq.iter().map(|q| q.question.as_str()));
    fields[Field::Headings as usize] = Cow::Owned(headings.join(" \n "));
    fields[Field::Description as usize] =
        Cow::Borrowed(a.front.description.as_deref().unwrap_or_default());
    fields[Field::Body as usize] = Cow::Borrowed(&a.body.plain_text);
    fields
}

/// `previous` is what articles showed in the last build (serve): reused while an article's
/// source and URL are the same.
pub(super) fn sources<'a>(
    c: &'a Catalog,
    previous: &HashMap<PathBuf, Remembered>,
) -> Vec<Source<'a>> {
    let mut docs: Vec<Source> = c
        .articles
        .par_iter()
        .map(|a| {
            let link = [&*c.config.base_path, &a.url].concat();
            let shown = match previous.get(&a.path) {
                Some((hash, shown, _)) if *hash == a.source_hash && shown.link == link => {
                    shown.clone()
                }
                _ => Arc::new(Shown {
                    title: shown_title(&a.front.title),
                    url: json(&link),
                    text: None,
                    link,
                }),
            };
            Source {
                kind: Kind::Article,
                shown,
                texts: Texts::Article(a),
            }
        })
        .collect();
    // The titles the theme gives a record's sections, where the page has them: "vitamin d
    // upper limit" and "numbness when to seek care" ask for those sections by name.
    let words = &c.config.words;
    let labels = |shown: &[(&str, bool)]| -> String {
        let labels = shown.iter().filter(|(_, has)| *has);
        let labels: Vec<&str> = labels.map(|&(key, _)| words.get(key)).collect();
        labels.join(" \n ")
    };
    let symptoms = c.symptoms.par_iter().enumerate().map(|(i, s)| {
        let body = format!(
            "{}\n{}",
            s.description.body.plain_text, s.seek_care.body.plain_text
        );
        record(
            Kind::Symptom,
            &s.name,
            &s.aliases,
            &s.summary,
            labels(&[("seek_care", !s.seek_care.body.plain_text.is_empty())]),
            body,
            &c.symptom_urls[i],
        )
    });
    docs.par_extend(symptoms);
    let supplements = c.supplements.par_iter().enumerate().map(|(i, s)| {
        // Every text the supplement's page shows, so that a dose or a limit is found too.
        let body = format!(
            "{}\n{}\n{}\n{}\n{}",
            s.description.body.plain_text,
            s.forms.join(", "),
            s.typical_dose,
            s.upper_limit,
            s.interactions.body.plain_text
        );
        record(
            Kind::Supplement,
            &s.name,
            &s.aliases,
            &s.summary,
            labels(&[
                ("forms", !s.forms.is_empty()),
                ("typical_dose", !s.typical_dose.is_empty()),
                ("upper_limit", !s.upper_limit.is_empty()),
                ("interactions", !s.interactions.body.plain_text.is_empty()),
            ]),
            body,
            &c.supplement_urls[i],
        )
    });
    docs.par_extend(supplements);
    docs
}

/// Every record's name and aliases as terms, symptoms then supplements: counted once here
/// rather than in each article that mentions the record.
pub(super) fn record_names(c: &Catalog, counter: &mut Counter) -> Vec<RecordTerms> {
    let symptoms = c.symptoms.iter().map(|s| (&s.name, &s.aliases));
    let supplements = c.supplements.iter().map(|s| (&s.name, &s.aliases));
    symptoms
        .chain(supplements)
        .map(|(name, aliases)| {
            let mut whole = Vec::new();
            let members: Vec<Vec<u32>> = std::iter::once(name)
                .chain(aliases)
                .map(|n| {
                    let (terms, _) = counter.counts(n);
                    // A name of one word is whole, hyphens and all: "Omega-3" counts as
                    // omega, 3 and omega3, and the page it names must lead for each, as
                    // the page named Magnesium does for "magnesium".
                    if terms.len() == 1 || !n.trim().contains(char::is_whitespace) {
                        whole.extend(terms.iter().map(|&(term, _)| term));
                    }
                    terms
                        .into_iter()
                        .map(|(term, _)| term)
                        .collect::<Vec<u32>>()
                })
                .filter(|terms| !terms.is_empty())
                .collect();
            RecordTerms {
                names: SynonymGroup::new(members),
                whole,
            }
        })
        .collect()
}

/// The site's synonym groups as terms. A word or phrase of stop words alone has no terms
/// and matches nothing; a group left with fewer than two members has nothing to add.
pub(super) fn synonym_groups(groups: &[Vec<String>], counter: &mut Counter) -> Vec<SynonymGroup> {
    groups
        .iter()
        .filter_map(|group| {
            let members: Vec<Vec<u32>> = group
                .iter()
                .map(|words| {
                    let (terms, _) = counter.counts(words);
                    terms.into_iter().map(|(term, _)| term).collect::<Vec<_>>()
                })
                .filter(|terms| !terms.is_empty())
                .collect();
            (members.len() > 1).then(|| SynonymGroup::new(members))
        })
        .collect()
}

fn record<'a>(
    kind: Kind,
    name: &'a str,
    aliases: &[String],
    summary: &'a str,
    headings: String,
    body: String,
    url: &str,
) -> Source<'a> {
    let mut fields: [Cow<str>; FIELDS] = Default::default();
    fields[Field::Title as usize] = Cow::Borrowed(name);
    fields[Field::Names as usize] = Cow::Owned(aliases.join(" \n "));
    fields[Field::Headings as usize] = Cow::Owned(headings);
    fields[Field::Description as usize] = Cow::Borrowed(summary);
    let mut excerpt = Vec::new();
    let cut = push_excerpt(&mut excerpt, summary, &body);
    fields[Field::Body as usize] = Cow::Owned(body);
    Source {
        kind,
        shown: Arc::new(Shown {
            title: shown_title(name),
            url: json(url),
            text: Some((excerpt, cut)),
            link: url.to_string(),
        }),
        texts: Texts::Record(fields),
    }
}
