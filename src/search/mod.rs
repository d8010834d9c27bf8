//! The search stage: from the linked site in memory to the static index under `/search/`,
//! which the theme's `search.js` queries in the browser.
//!
//! The index is shaped for slow phones on slow networks. A query reads a small manifest
//! (`search/index.json`: the first term of every shard; the search page carries it inline)
//! and then only the shards that hold its words (`search/s/N.json`). Each shard carries,
//! for each of its terms, the best postings with their precomputed BM25F scores, and the
//! title, kind and URL of the pages that head those postings, so on the search page the
//! first results are on screen after the script and one shard per word.
//! The rest of a long posting list (`search/t/N.json`, needed to rank multi-word queries
//! fully) and the page texts for excerpts (`search/x/N.json`, a few pages per file) load
//! after that. Shards are packed to a byte budget, not one per letter or per term, so a big
//! site has hundreds of index files, not tens of thousands.

pub mod text;

use crate::link::LinkedSite;
use rayon::prelude::*;
use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;
use std::sync::Arc;
use text::Stem;

/// What a page is; the browser shows it beside the title.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Kind {
    Article = 0,
    Symptom = 1,
    Supplement = 2,
}

const KIND_NAMES: [&str; 3] = ["article", "symptom", "supplement"];

/// The fields of a page, with their BM25F weights and length normalisation. A match in the
/// title counts most; names and keywords (aliases of a record, keywords of an article)
/// next, then headings, then the description, then the body. `Synonyms` holds the names
/// and aliases of every record an article mentions, so that a lay term ("pins and
/// needles") also finds articles that only use the clinical one ("paresthesia").
#[derive(Clone, Copy)]
enum Field {
    Title,
    Names,
    Headings,
    Description,
    Synonyms,
    Body,
}

const FIELDS: usize = 6;
const WEIGHT: [f32; FIELDS] = [8.0, 5.0, 3.0, 2.0, 1.5, 1.0];
/// (The synonyms field counts once per term whatever its length: its entry is unused.)
const LENGTH_NORM: [f32; FIELDS] = [0.3, 0.3, 0.5, 0.75, 0.0, 0.75];
const K1: f32 = 1.2;
/// A page's score for a term is idf × saturated frequency, stored apart as integers (the
/// idf once per term, the frequency per posting), so that a word found on every page
/// still ranks its pages: a product rounded to an integer would make them all equal.
const IDF_SCALE: f32 = 100.0;
const TF_SCALE: f32 = 100.0;

/// A field's distinct terms with their counts, and its length in terms.
type Counts = (Vec<(Arc<str>, u32)>, u32);

struct Term {
    term: Arc<str>,
    idf: u32,
    /// Pages with the term, also those past `MAX_POSTINGS`.
    df: usize,
    /// Page and scaled saturated frequency, best first.
    postings: Vec<(u32, u32)>,
}

/// Postings of a term kept in its shard, best first; the rest go to a tail file.
const HEAD: usize = 24;
/// Of those, the pages whose title, kind and URL the shard carries: enough for the first
/// screen of a one-word query. Other titles come with the excerpts.
const TITLED: usize = 5;
/// Postings kept per term at most. A word on more pages than this no longer tells pages
/// apart; its best pages are kept, and its page count stays exact for the result count.
const MAX_POSTINGS: usize = 2000;
/// A shard, or a tail file, is closed once it holds this many bytes.
const SHARD_BYTES: usize = 16 * 1024;
const TAIL_BYTES: usize = 48 * 1024;
/// Pages per excerpt file, and the bytes of text kept for each page's excerpt.
const TEXT_CHUNK: usize = 10;
const TEXT_CHARS: usize = 700;

/// One page as the index sees it.
struct Doc {
    kind: Kind,
    title: String,
    url: String,
    /// Description and body text, for excerpts and phrase checks in the browser, and
    /// whether it was cut short.
    text: (String, bool),
    fields: [String; FIELDS],
}

/// The search index: its files by output path (`search/index.json`, …), and the manifest
/// alone, which the search page carries inline.
pub struct SearchIndex {
    pub manifest: String,
    pub files: Vec<(String, Vec<u8>)>,
}

pub fn index(site: &LinkedSite) -> SearchIndex {
    let docs = documents(site);
    let stem = Stem::default();
    let counted: Vec<[Counts; FIELDS]> = docs
        .par_iter()
        .map(|d| {
            let mut fields: [Counts; FIELDS] = Default::default();
            for (f, text) in d.fields.iter().enumerate() {
                fields[f] = stem.counts(text);
            }
            fields
        })
        .collect();
    let mut average = [0f32; FIELDS];
    for fields in &counted {
        for (f, (_, len)) in fields.iter().enumerate() {
            average[f] += *len as f32;
        }
    }
    let n = docs.len().max(1) as f32;
    for a in &mut average {
        *a = (*a / n).max(1.0);
    }
    let weighted: Vec<Vec<(Arc<str>, f32, bool)>> = counted
        .into_par_iter()
        .map(|fields| weigh(fields, &average))
        .collect();
    let mut postings: HashMap<Arc<str>, Vec<(u32, f32, bool)>> = HashMap::new();
    for (doc, terms) in weighted.into_iter().enumerate() {
        for (term, tf, named) in terms {
            postings
                .entry(term)
                .or_default()
                .push((doc as u32, tf, named));
        }
    }
    let mut terms: Vec<Term> = postings
        .into_par_iter()
        .map(|(term, list)| {
            let df = list.len();
            let idf = (1.0 + (n - df as f32 + 0.5) / (df as f32 + 0.5)).ln();
            let mut scored: Vec<(u32, u32)> = list
                .into_iter()
                .map(|(doc, tf, named)| {
                    let boost = if named { 2.0 } else { 1.0 };
                    let saturated = boost * tf * (K1 + 1.0) / (tf + K1);
                    (doc, ((saturated * TF_SCALE).round() as u32).max(1))
                })
                .collect();
            scored.sort_unstable_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
            scored.truncate(MAX_POSTINGS);
            Term {
                idf: ((idf * IDF_SCALE).round() as u32).max(1),
                df,
                term,
                postings: scored,
            }
        })
        .collect();
    terms.sort_unstable_by(|a, b| a.term.cmp(&b.term));
    let (manifest, mut files) = shards(&terms, &docs);
    files.extend(excerpts(&docs));
    SearchIndex { manifest, files }
}

/// BM25F's pseudo-frequency of each term of a page: the sum over fields of weight ×
/// frequency, each field normalised by its length against the site's average.
///
/// A page whose title is the term alone (the page *named* Magnesium) scores double after
/// saturation: otherwise a long article mentioning the name often enough could outrank it.
fn weigh(fields: [Counts; FIELDS], average: &[f32; FIELDS]) -> Vec<(Arc<str>, f32, bool)> {
    let mut tf: HashMap<Arc<str>, f32> = HashMap::new();
    let named = match fields[Field::Title as usize].0.as_slice() {
        [(term, _)] => Some(term.clone()),
        _ => None,
    };
    let mut synonyms = Vec::new();
    for (f, (terms, len)) in fields.into_iter().enumerate() {
        if f == Field::Synonyms as usize {
            synonyms = terms;
            continue;
        }
        let norm = 1.0 - LENGTH_NORM[f] + LENGTH_NORM[f] * len as f32 / average[f];
        let each = WEIGHT[f] / norm;
        for (term, count) in terms {
            *tf.entry(term).or_default() += each * count as f32;
        }
    }
    // A synonym lets a page be found by a name it does not use, once and lightly; it must
    // not lift a page above others for a word the page already has.
    for (term, _) in synonyms {
        tf.entry(term).or_insert(WEIGHT[Field::Synonyms as usize]);
    }
    tf.into_iter()
        .map(|(term, f)| {
            let is_name = named.as_ref() == Some(&term);
            (term, f, is_name)
        })
        .collect()
}

fn documents(site: &LinkedSite) -> Vec<Doc> {
    let c = &site.catalog;
    let base = &c.config.base_path;
    let mut docs: Vec<Doc> = c
        .articles
        .par_iter()
        .zip(site.articles.par_iter())
        .map(|(a, linked)| {
            let mut fields: [String; FIELDS] = Default::default();
            fields[Field::Title as usize] = a.front.title.clone();
            fields[Field::Names as usize] = a.keywords.join(" \n ");
            let mut headings: Vec<&str> = a.body.toc.iter().map(|t| t.title.as_str()).collect();
            headings.extend(a.body.faq.iter().map(|q| q.question.as_str()));
            fields[Field::Headings as usize] = headings.join(" \n ");
            let description = a.front.description.clone().unwrap_or_default();
            fields[Field::Description as usize] = description.clone();
            let mut synonyms = String::new();
            for &s in &linked.symptoms {
                names(&mut synonyms, &c.symptoms[s].name, &c.symptoms[s].aliases);
            }
            for &s in &linked.supplements {
                names(
                    &mut synonyms,
                    &c.supplements[s].name,
                    &c.supplements[s].aliases,
                );
            }
            fields[Field::Synonyms as usize] = synonyms;
            fields[Field::Body as usize] = a.body.plain_text.clone();
            Doc {
                kind: Kind::Article,
                title: a.front.title.clone(),
                url: format!("{base}{}", a.url),
                text: excerpt_text(&description, &a.body.plain_text),
                fields,
            }
        })
        .collect();
    for (i, s) in c.symptoms.iter().enumerate() {
        let body = format!(
            "{}\n{}",
            s.description.body.plain_text, s.seek_care.body.plain_text
        );
        docs.push(record(
            Kind::Symptom,
            &s.name,
            &s.aliases,
            &s.summary,
            body,
            &c.symptom_urls[i],
        ));
    }
    for (i, s) in c.supplements.iter().enumerate() {
        let body = format!(
            "{}\n{}\n{}",
            s.description.body.plain_text,
            s.forms.join(", "),
            s.interactions.body.plain_text
        );
        docs.push(record(
            Kind::Supplement,
            &s.name,
            &s.aliases,
            &s.summary,
            body,
            &c.supplement_urls[i],
        ));
    }
    docs
}

fn names(out: &mut String, name: &str, aliases: &[String]) {
    for n in std::iter::once(name).chain(aliases.iter().map(String::as_str)) {
        out.push_str(n);
        out.push_str(" \n ");
    }
}

fn record(
    kind: Kind,
    name: &str,
    aliases: &[String],
    summary: &str,
    body: String,
    url: &str,
) -> Doc {
    let mut fields: [String; FIELDS] = Default::default();
    fields[Field::Title as usize] = name.to_string();
    fields[Field::Names as usize] = aliases.join(" \n ");
    fields[Field::Description as usize] = summary.to_string();
    let text = excerpt_text(summary, &body);
    fields[Field::Body as usize] = body;
    Doc {
        kind,
        title: name.to_string(),
        url: url.to_string(),
        text,
        fields,
    }
}

/// The description, then the body, cut at a word boundary near `TEXT_CHARS`.
fn excerpt_text(description: &str, body: &str) -> (String, bool) {
    let mut text = String::with_capacity(TEXT_CHARS + 16);
    for part in [description, body] {
        for word in part.split_whitespace() {
            if text.len() + word.len() >= TEXT_CHARS {
                return (text, true);
            }
            if !text.is_empty() {
                text.push(' ');
            }
            text.push_str(word);
        }
    }
    (text, false)
}

/// Packs the sorted terms into shards of about `SHARD_BYTES` and their tails into files of
/// about `TAIL_BYTES`, and writes the manifest.
fn shards(terms: &[Term], docs: &[Doc]) -> (String, Vec<(String, Vec<u8>)>) {
    let mut files = Vec::new();
    let mut firsts: Vec<&str> = Vec::new();
    let mut shard = Shard::default();
    let mut tails = String::new();
    let mut tail_files = 0;
    for term in terms {
        if shard.bytes() >= SHARD_BYTES {
            files.push(shard.finish(firsts.len() - 1));
            shard = Shard::default();
        }
        if tails.len() >= TAIL_BYTES {
            files.push(tail_file(tail_files, &tails));
            tails.clear();
            tail_files += 1;
        }
        if shard.is_empty() {
            firsts.push(&term.term);
        }
        shard.add(term, docs, tail_files, &mut tails);
    }
    if !shard.is_empty() {
        files.push(shard.finish(firsts.len() - 1));
    }
    if !tails.is_empty() {
        files.push(tail_file(tail_files, &tails));
    }
    let mut manifest = String::from("{\"v\":1,\"docs\":");
    let _ = write!(
        manifest,
        "{},\"chunk\":{},\"kinds\":{},\"stop\":{},\"shards\":{}}}",
        docs.len(),
        TEXT_CHUNK,
        json(&KIND_NAMES),
        json(&text::STOP_WORDS),
        json(&firsts)
    );
    files.push((
        "search/index.json".to_string(),
        manifest.clone().into_bytes(),
    ));
    (manifest, files)
}

fn tail_file(index: usize, tails: &str) -> (String, Vec<u8>) {
    (
        format!("search/t/{index}.json"),
        format!("{{{tails}}}").into_bytes(),
    )
}

/// A shard being filled: `{"t":{term:[idf, pages, tail file, page, tf, page, tf, …]},
/// "d":[[page, title, kind, url], …]}`. `pages` counts every page with the term; when the
/// shard lists fewer, the others are in tail file `t/<tail file>.json`, under the term, as
/// `[page delta, tf, …]` sorted by page.
#[derive(Default)]
struct Shard {
    terms: String,
    /// The pages heading some term's postings, as their JSON rows.
    titled: BTreeMap<u32, String>,
    doc_bytes: usize,
}

impl Shard {
    fn is_empty(&self) -> bool {
        self.terms.is_empty()
    }

    fn bytes(&self) -> usize {
        self.terms.len() + self.doc_bytes
    }

    fn add(&mut self, term: &Term, docs: &[Doc], tail_file: usize, tails: &mut String) {
        let postings = &term.postings;
        let (head, tail) = postings.split_at(postings.len().min(HEAD));
        if !self.terms.is_empty() {
            self.terms.push(',');
        }
        let name = json(term.term.as_ref());
        let file = if tail.is_empty() { 0 } else { tail_file };
        let _ = write!(self.terms, "{name}:[{},{},{file}", term.idf, term.df);
        for (doc, tf) in head {
            let _ = write!(self.terms, ",{doc},{tf}");
        }
        self.terms.push(']');
        for (doc, _) in head.iter().take(TITLED) {
            self.titled.entry(*doc).or_insert_with(|| {
                let d = &docs[*doc as usize];
                let row = format!(
                    "[{doc},{},{},{}]",
                    json(&d.title),
                    d.kind as u8,
                    json(&d.url)
                );
                self.doc_bytes += row.len() + 1;
                row
            });
        }
        if !tail.is_empty() {
            let mut by_doc = tail.to_vec();
            by_doc.sort_unstable();
            if !tails.is_empty() {
                tails.push(',');
            }
            let _ = write!(tails, "{name}:[");
            let mut last = 0;
            for (i, (doc, tf)) in by_doc.iter().enumerate() {
                let sep = if i == 0 { "" } else { "," };
                let _ = write!(tails, "{sep}{},{tf}", doc - last);
                last = *doc;
            }
            tails.push(']');
        }
    }

    fn finish(self, index: usize) -> (String, Vec<u8>) {
        let rows: Vec<String> = self.titled.into_values().collect();
        let out = format!("{{\"t\":{{{}}},\"d\":[{}]}}", self.terms, rows.join(","));
        (format!("search/s/{index}.json"), out.into_bytes())
    }
}

/// The excerpt files: `[[title, kind, url, text, cut], …]`, `TEXT_CHUNK` pages each, by page;
/// `cut` is 1 when the text stops short of the page's end.
fn excerpts(docs: &[Doc]) -> Vec<(String, Vec<u8>)> {
    docs.par_chunks(TEXT_CHUNK)
        .enumerate()
        .map(|(i, chunk)| {
            let rows: Vec<String> = chunk
                .iter()
                .map(|d| {
                    format!(
                        "[{},{},{},{},{}]",
                        json(&d.title),
                        d.kind as u8,
                        json(&d.url),
                        json(&d.text.0),
                        u8::from(d.text.1)
                    )
                })
                .collect();
            (
                format!("search/x/{i}.json"),
                format!("[{}]", rows.join(",\n")).into_bytes(),
            )
        })
        .collect()
}

/// JSON with `<`, `>` and `&` written as escapes: the strings mean the same to a parser, and
/// no index file, even if a host serves it as HTML or a theme inlines it, holds markup.
fn json<T: serde::Serialize + ?Sized>(value: &T) -> String {
    let text = serde_json::to_string(value).unwrap_or_default();
    if !text.contains(['<', '>', '&']) {
        return text;
    }
    text.replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
}
