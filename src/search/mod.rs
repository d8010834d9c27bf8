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
//! A word that matches nothing where it sorts, its first letters misspelt, is looked up by
//! its ending in the site's words spelt backwards (`search/e/N.json`).

pub mod text;

use crate::article::Article;
use crate::catalog::Catalog;
use crate::link::LinkedSite;
use rayon::prelude::*;
use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::sync::Mutex;
use text::{Counter, Vocabulary};

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
/// next, then headings, then the description, then the body. (The names and aliases of the
/// records an article mentions are lent to it as synonyms: see [`weigh`].)
#[derive(Clone, Copy)]
enum Field {
    Title,
    Names,
    Headings,
    Description,
    Body,
}

const FIELDS: usize = 5;
const WEIGHT: [f32; FIELDS] = [8.0, 5.0, 3.0, 2.0, 1.0];
const LENGTH_NORM: [f32; FIELDS] = [0.3, 0.3, 0.5, 0.75, 0.75];
const K1: f32 = 1.2;
/// What a page's strength in a synonym group (a record's names, or a `[search] synonyms`
/// group) is worth to every word of the group there, as a share of the saturated score a
/// word of that strength would have. Half: the most a lent word can score is what a word
/// used once or twice in a page of average length scores, so that pages using a reader's
/// own words rank above those using others ("methylcobalamin" above "B12", which is on
/// every page of a B12 site).
const SYNONYM_SHARE: f32 = 0.5;
/// The strength in a record's names of an article that refers to the record without using
/// any of them (its `symptoms` or `supplements` in front matter, or a link to one of its
/// product pages): a single mention in the body of a page of average length.
const REFERENCE_ONLY: f32 = 1.0;
/// A page's score for a term is idf × saturated frequency, stored apart as integers (the
/// idf once per term, the frequency per posting), so that a word found on every page
/// still ranks its pages: a product rounded to an integer would make them all equal.
const IDF_SCALE: f32 = 100.0;
const TF_SCALE: f32 = 100.0;

/// A field's distinct terms (ids, in id order) with their counts, and its length in terms.
type Counts = (Vec<(u32, u32)>, u32);

struct Term {
    term: Box<str>,
    idf: u32,
    /// Pages with the term, also those past `MAX_POSTINGS`.
    df: usize,
    /// Page and scaled saturated frequency: the `HEAD` best first, best first, then the
    /// others by page.
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
/// A file of the words by their endings (see [`by_endings`]) is closed at this many bytes.
const ENDINGS_BYTES: usize = 16 * 1024;
/// Pages per excerpt file, and the bytes of text kept for each page's excerpt.
const TEXT_CHUNK: usize = 10;
const TEXT_CHARS: usize = 700;

/// What the index shows of a page, in its shards and excerpt files: the title and URL as
/// JSON strings, and the excerpt text with whether it was cut short. `link` is the URL
/// itself, which an article's cached `Shown` is checked against.
struct Shown {
    title: String,
    url: String,
    /// A record's excerpt, as a JSON string, and whether it was cut short (see
    /// [`push_excerpt`]); `None` for an article, whose excerpt is written straight from the
    /// article into its excerpt file.
    text: Option<(Vec<u8>, bool)>,
    link: String,
}

/// One page as the index sees it before counting, borrowing from the catalog where it can:
/// the body texts alone are megabytes.
struct Source<'a> {
    kind: Kind,
    shown: Arc<Shown>,
    texts: Texts<'a>,
}

/// Where a page's field texts come from. An article's are made only when its terms are
/// counted (see [`article_fields`]), and all of them come from its source file.
enum Texts<'a> {
    Article(&'a Article),
    Record([Cow<'a, str>; FIELDS]),
}

/// One page once counted and linked.
struct Doc {
    kind: Kind,
    shown: Arc<Shown>,
    /// The records an article mentions: symptoms by index, then supplements after all the
    /// symptoms.
    records: Vec<usize>,
}

/// What the index needs of the pages that linking does not change: each page's kind, what
/// it shows and its counted fields (articles, then symptoms, then supplements), and every
/// record's names as terms. Made from the catalog alone, so a build makes it beside the
/// link stage (see `build`).
pub struct Counted {
    /// [`Catalog::id`] of the catalog counted.
    catalog: u64,
    pages: Vec<(Kind, Arc<Shown>, Arc<[Counts; FIELDS]>)>,
    record_terms: Vec<RecordTerms>,
    groups: Vec<SynonymGroup>,
}

/// A group of `[search] synonyms` from `site.toml`, or a record's name and aliases, as terms:
/// a page with every term of one member is lent the terms of all of them (see [`weigh`]).
struct SynonymGroup {
    /// Each word or phrase as its terms (stop words left out).
    members: Vec<Vec<u32>>,
    /// Every term of the group, sorted.
    all: Vec<u32>,
}

impl SynonymGroup {
    fn new(members: Vec<Vec<u32>>) -> SynonymGroup {
        let mut all: Vec<u32> = members.iter().flatten().copied().collect();
        all.sort_unstable();
        all.dedup();
        SynonymGroup { members, all }
    }
}

/// A record's names as terms, for the articles that mention it and for its own page.
struct RecordTerms {
    /// Its name and aliases.
    names: SynonymGroup,
    /// The names and aliases of one term each ("B12", "tiredness"): the page is what a
    /// reader typing the word alone is after, as a page with that one-word title is.
    whole: Vec<u32>,
}

/// The search index: its files by output path (`search/index.json`, …), and the manifest
/// alone, which the search page carries inline.
pub struct SearchIndex {
    pub manifest: String,
    pub files: Vec<(String, Vec<u8>)>,
}

/// What the index keeps between the builds of `materia serve`: the vocabulary, so term ids
/// stay the same, and each article's counted fields, keyed by its file and the hash of its
/// source. An edit recounts one article, not the site. Whatever is reused, the index is the
/// same bytes as a fresh build's: ids never reach the output, and terms no page uses any
/// more are left out.
#[derive(Default)]
pub struct SearchCache {
    /// Off for one-shot builds.
    enabled: bool,
    vocabulary: Vocabulary,
    articles: HashMap<PathBuf, Remembered>,
}

/// An article's entry in [`SearchCache`], by file: its source hash, then what it shows and
/// its counted fields.
type Remembered = (u64, Arc<Shown>, Arc<[Counts; FIELDS]>);

impl SearchCache {
    pub fn new(enabled: bool) -> SearchCache {
        SearchCache {
            enabled,
            ..SearchCache::default()
        }
    }
}

/// The whole stage, which gives up, returning `None`, soon after `stop` is set: `serve`
/// builds the index after showing an edit, and drops it when the next edit comes in. The
/// cache stays sound: it only ever holds finished counts.
pub fn index_until(
    site: &LinkedSite,
    cache: &mut SearchCache,
    stop: &AtomicBool,
) -> Option<SearchIndex> {
    let counted = count_until(&site.catalog, cache, stop)?;
    index_counted(site, counted, cache, stop)
}

/// The index from what [`count`] counted of this site's catalog with this cache (counted
/// again if it was another catalog).
pub fn index_from(site: &LinkedSite, counted: Counted, cache: &mut SearchCache) -> SearchIndex {
    let counted = if counted.catalog == site.catalog.id {
        counted
    } else {
        count(&site.catalog, cache)
    };
    let never = AtomicBool::new(false);
    index_counted(site, counted, cache, &never).unwrap_or(SearchIndex {
        manifest: String::new(),
        files: Vec::new(),
    })
}

/// The first half of the stage, [`Counted`], for a build that runs it beside linking.
pub fn count(catalog: &Catalog, cache: &mut SearchCache) -> Counted {
    let never = AtomicBool::new(false);
    count_until(catalog, cache, &never).unwrap_or(Counted {
        catalog: catalog.id,
        pages: Vec::new(),
        record_terms: Vec::new(),
        groups: Vec::new(),
    })
}

fn count_until(catalog: &Catalog, cache: &mut SearchCache, stop: &AtomicBool) -> Option<Counted> {
    let stopped = || stop.load(Ordering::Relaxed);
    let previous = std::mem::take(&mut cache.articles);
    let sources = sources(catalog, &previous);
    if stopped() {
        drop(sources);
        cache.articles = previous;
        return None;
    }
    let vocabulary = &cache.vocabulary;
    // One counter per thread, kept for the whole stage: a counter learns each word once,
    // and a counter per rayon job would look the site's vocabulary up again for every job.
    let counters: Vec<Mutex<Counter>> = (0..rayon::current_num_threads() + 1)
        .map(|_| Mutex::new(Counter::new(vocabulary)))
        .collect();
    let mut counter = Counter::new(vocabulary);
    let record_terms = record_names(catalog, &mut counter);
    let groups = synonym_groups(&catalog.config.search.synonyms, &mut counter);
    drop(counter);
    let counted: Option<Vec<Arc<[Counts; FIELDS]>>> = sources
        .par_iter()
        .map(|d| {
            // Counting a whole site (the first index `serve` makes) takes a while.
            if stopped() {
                return None;
            }
            let reused = match d.texts {
                Texts::Article(a) => previous
                    .get(&a.path)
                    .filter(|(hash, ..)| *hash == a.source_hash)
                    .map(|(.., fields)| fields.clone()),
                Texts::Record(_) => None,
            };
            let own = reused.unwrap_or_else(|| {
                let slot = rayon::current_thread_index().map_or(0, |i| i + 1);
                // A poisoned counter is still whole (a panic elsewhere poisoned it); go on.
                let mut counter = counters[slot.min(counters.len() - 1)]
                    .lock()
                    .unwrap_or_else(|e| e.into_inner());
                let made;
                let texts = match &d.texts {
                    Texts::Record(texts) => texts,
                    Texts::Article(a) => {
                        made = article_fields(a);
                        &made
                    }
                };
                let mut fields: [Counts; FIELDS] = Default::default();
                for (f, text) in texts.iter().enumerate() {
                    fields[f] = counter.counts(text);
                }
                Arc::new(fields)
            });
            Some(own)
        })
        .collect();
    drop(counters);
    let Some(counted) = counted else {
        drop(sources);
        cache.articles = previous;
        return None;
    };
    if cache.enabled {
        cache.articles = sources
            .iter()
            .zip(&counted)
            .filter_map(|(d, own)| match d.texts {
                Texts::Article(a) => Some((
                    a.path.clone(),
                    (a.source_hash, d.shown.clone(), own.clone()),
                )),
                Texts::Record(_) => None,
            })
            .collect();
    }
    let pages = sources
        .into_iter()
        .zip(counted)
        .map(|(d, own)| (d.kind, d.shown, own))
        .collect();
    Some(Counted {
        catalog: catalog.id,
        pages,
        record_terms,
        groups,
    })
}

/// The second half of the stage: weighs, inverts and packs what [`count`] counted, with
/// the records each article mentions from the linked site. `counted` must be of this site's
/// catalog, counted with this cache.
fn index_counted(
    site: &LinkedSite,
    counted: Counted,
    cache: &SearchCache,
    stop: &AtomicBool,
) -> Option<SearchIndex> {
    let stopped = || stop.load(Ordering::Relaxed);
    let c = &site.catalog;
    let Counted {
        pages,
        record_terms,
        groups,
        ..
    } = counted;
    let (docs, counted): (Vec<Doc>, Vec<Arc<[Counts; FIELDS]>>) = pages
        .into_iter()
        .enumerate()
        .map(|(i, (kind, shown, own))| {
            let records = match site.articles.get(i).filter(|_| kind == Kind::Article) {
                Some(linked) => linked
                    .symptoms
                    .iter()
                    .copied()
                    .chain(linked.supplements.iter().map(|s| c.symptoms.len() + s))
                    .collect(),
                None => Vec::new(),
            };
            (
                Doc {
                    kind,
                    shown,
                    records,
                },
                own,
            )
        })
        .unzip();
    let vocabulary = &cache.vocabulary;
    if stopped() {
        return None;
    }
    let names = vocabulary.terms();
    // Each page's lengths are measured against pages of its kind: a symptom's page is
    // short beside an article, and against the site's average every thorough article
    // would be a long one, its words worth a fifth of a record's.
    let mut average = [[0f32; FIELDS]; KIND_NAMES.len()];
    let mut pages_of_kind = [0usize; KIND_NAMES.len()];
    for (own, d) in counted.iter().zip(&docs) {
        pages_of_kind[d.kind as usize] += 1;
        for (f, (_, len)) in own.iter().enumerate() {
            average[d.kind as usize][f] += *len as f32;
        }
    }
    for (kind, pages) in average.iter_mut().zip(pages_of_kind) {
        for a in kind {
            *a = (*a / pages.max(1) as f32).max(1.0);
        }
    }
    let n = docs.len().max(1) as f32;
    // Pages are articles, then the records in `record_terms`' order.
    let first_record = docs.len().saturating_sub(record_terms.len());
    let weighted: Vec<Vec<(u32, u32)>> = counted
        .par_iter()
        .zip(&docs)
        .enumerate()
        .map_init(
            || Weights::new(names.len()),
            |scratch, (i, (own, d))| {
                let mentioned = d.records.iter().map(|&r| &record_terms[r].names);
                let whole = i
                    .checked_sub(first_record)
                    .and_then(|r| record_terms.get(r))
                    .map_or(&[][..], |r| r.whole.as_slice());
                weigh(
                    own,
                    mentioned,
                    &groups,
                    whole,
                    &average[d.kind as usize],
                    scratch,
                )
            },
        )
        .collect();
    drop(counted);
    if stopped() {
        return None;
    }
    let postings = invert(&weighted, names.len());
    drop(weighted);
    if stopped() {
        return None;
    }
    let mut terms: Vec<Term> = postings
        .into_par_iter()
        .zip(names.into_par_iter())
        // Words of an earlier build that no page has now.
        .filter(|(scored, _)| !scored.is_empty())
        .map(|(mut scored, term)| {
            let df = scored.len();
            let idf = (1.0 + (n - df as f32 + 0.5) / (df as f32 + 0.5)).ln();
            // Pages come in page order, which the tail keeps (see `Written`).
            keep_best(&mut scored, MAX_POSTINGS);
            let mut postings = scored.clone();
            if postings.len() > HEAD {
                postings.select_nth_unstable_by(HEAD - 1, best_first);
                postings.truncate(HEAD);
            }
            postings.sort_unstable_by(best_first);
            if let Some(&last) = postings.last().filter(|_| scored.len() > postings.len()) {
                scored.retain(|p| best_first(p, &last).is_gt());
                postings.extend(scored);
            }
            Term {
                idf: ((idf * IDF_SCALE).round() as u32).max(1),
                df,
                term,
                postings,
            }
        })
        .collect();
    terms.sort_unstable_by(|a, b| a.term.cmp(&b.term));
    if stopped() {
        return None;
    }
    // Excerpts need nothing of the terms: they are written beside the shards, whose packing
    // is one thread's work.
    let ((manifest, mut files), texts) =
        rayon::join(|| shards(&terms, &docs), || excerpts(&docs, &c.articles));
    files.extend(texts);
    Some(SearchIndex { manifest, files })
}

/// Orders a term's postings: higher score first, then lower page.
fn best_first(a: &(u32, u32), b: &(u32, u32)) -> std::cmp::Ordering {
    b.1.cmp(&a.1).then(a.0.cmp(&b.0))
}

/// Keeps the `n` best of `postings` (in page order), in the order they were. Scores are
/// small integers (at most 2 × (K1 + 1) × TF_SCALE), so the `n`-th best is found by
/// counting the postings of each score: copying and partially sorting every long posting
/// list cost more than the rest of the stage after counting.
fn keep_best(postings: &mut Vec<(u32, u32)>, n: usize) {
    if postings.len() <= n || n == 0 {
        postings.truncate(n);
        return;
    }
    let top = postings.iter().map(|p| p.1).max().unwrap_or(0);
    let mut per_score = vec![0usize; top as usize + 1];
    for p in postings.iter() {
        per_score[p.1 as usize] += 1;
    }
    // The lowest score kept, and how many postings score above it. Ends: all the postings,
    // more than `n`, score at least 0.
    let (mut last, mut above) = (top, 0);
    while above + per_score[last as usize] < n {
        above += per_score[last as usize];
        last -= 1;
    }
    // Ties at the lowest score kept go to the lower pages, as in `best_first`: the first
    // ones, since the postings are in page order.
    let mut ties = n - above;
    postings.retain(|p| {
        if p.1 == last && ties > 0 {
            ties -= 1;
            return true;
        }
        p.1 > last
    });
}

/// Turns the pages' term lists into each term's list of pages, in page order. Lists are
/// sized first: growing millions of postings by doubling cost more than the counting.
fn invert(pages: &[Vec<(u32, u32)>], terms: usize) -> Vec<Vec<(u32, u32)>> {
    let mut df = vec![0usize; terms];
    for list in pages {
        for &(term, _) in list {
            df[term as usize] += 1;
        }
    }
    let mut lists: Vec<Vec<(u32, u32)>> = df.into_iter().map(Vec::with_capacity).collect();
    for (doc, list) in pages.iter().enumerate() {
        for &(term, tf) in list {
            lists[term as usize].push((doc as u32, tf));
        }
    }
    lists
}

/// A thread's scratch for [`weigh`]: a page's pseudo-frequency for every term of the site
/// (0 for terms it does not have), and the terms it has, in the order they came.
struct Weights {
    tf: Vec<f32>,
    terms: Vec<u32>,
}

impl Weights {
    fn new(terms: usize) -> Weights {
        Weights {
            tf: vec![0.0; terms],
            terms: Vec::new(),
        }
    }
}

/// BM25F's pseudo-frequency of each term of a page: the sum over fields of weight ×
/// frequency, each field normalised by its length against the average of pages of its
/// kind; then saturated, and scaled to an integer. The page's terms come out in no
/// particular order ([`invert`] needs none).
///
/// Synonyms are lent after that. A page's strength in a group (the site's `[search]
/// synonyms` groups, and the names of each record the page mentions) is that of its best
/// member, a member being as strong as its weakest word; every word of the group then scores
/// at least [`SYNONYM_SHARE`] of what a word of that strength scores. So "pins and needles"
/// finds an article that only says "tingling", and ranks it by how much it says so; an
/// article using the words themselves ranks above one using another name as often.
///
/// A page whose title is the term alone (the page *named* Magnesium) scores double after
/// saturation: otherwise a long article mentioning the name often enough could outrank it.
/// So does a record's page for each of its one-term aliases (`whole_names`: "B12" for
/// Vitamin B12), where a word on every page saturates the same everywhere.
fn weigh<'t>(
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
    let Weights { tf, terms: seen } = scratch;
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
    // Every strength is read before any word is lent, so that one group never brings in
    // another. A site group counts only where the page has a member (the words of a phrase
    // anywhere on the page: what a query of them would match); a record's names wherever
    // the page mentions the record, since that is settled by the link stage.
    let strength = |group: &SynonymGroup| {
        let member = |words: &Vec<u32>| {
            words.iter().try_fold(f32::MAX, |least, &term| {
                let sum = tf.get(term as usize).copied().unwrap_or(0.0);
                (sum > 0.0).then_some(least.min(sum))
            })
        };
        group.members.iter().filter_map(member).reduce(f32::max)
    };
    let lent: Vec<(&[u32], f32)> = groups
        .iter()
        .filter_map(|g| Some((g.all.as_slice(), lend(strength(g)?))))
        .chain(mentioned.map(|g| {
            (
                g.all.as_slice(),
                lend(strength(g).unwrap_or(REFERENCE_ONLY)),
            )
        }))
        .collect();
    for (terms, sum) in lent {
        for &term in terms {
            if let Some(slot) = tf.get_mut(term as usize) {
                if *slot == 0.0 {
                    seen.push(term);
                }
                *slot = slot.max(sum);
            }
        }
    }
    seen.drain(..)
        .map(|term| {
            let sum = std::mem::take(&mut tf[term as usize]);
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

/// An article's field texts.
fn article_fields(a: &Article) -> [Cow<'_, str>; FIELDS] {
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
fn sources<'a>(c: &'a Catalog, previous: &HashMap<PathBuf, Remembered>) -> Vec<Source<'a>> {
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
                    title: json(&a.front.title),
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
            body,
            &c.supplement_urls[i],
        )
    });
    docs.par_extend(supplements);
    docs
}

/// Every record's name and aliases as terms, symptoms then supplements: counted once here
/// rather than in each article that mentions the record.
fn record_names(c: &Catalog, counter: &mut Counter) -> Vec<RecordTerms> {
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
                    if let [(term, _)] = terms.as_slice() {
                        whole.push(*term);
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
fn synonym_groups(groups: &[Vec<String>], counter: &mut Counter) -> Vec<SynonymGroup> {
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
    body: String,
    url: &str,
) -> Source<'a> {
    let mut fields: [Cow<str>; FIELDS] = Default::default();
    fields[Field::Title as usize] = Cow::Borrowed(name);
    fields[Field::Names as usize] = Cow::Owned(aliases.join(" \n "));
    fields[Field::Description as usize] = Cow::Borrowed(summary);
    let mut excerpt = Vec::new();
    let cut = push_excerpt(&mut excerpt, summary, &body);
    fields[Field::Body as usize] = Cow::Owned(body);
    Source {
        kind,
        shown: Arc::new(Shown {
            title: json(name),
            url: json(url),
            text: Some((excerpt, cut)),
            link: url.to_string(),
        }),
        texts: Texts::Record(fields),
    }
}

/// Packs the sorted terms into shards of about `SHARD_BYTES` and their tails into files of
/// about `TAIL_BYTES`, and writes the manifest.
///
/// A shard: `{"t":{term:[idf, pages, tail file, page, tf, page, tf, …]}, "d":[[page, title,
/// kind, url], …]}`. `pages` counts every page with the term; when the shard lists fewer,
/// the others are in tail file `t/<tail file>.json`, under the term, as `[page delta, tf, …]`
/// sorted by page. `d` has the pages heading some term's postings.
fn shards(terms: &[Term], docs: &[Doc]) -> (String, Vec<(String, Vec<u8>)>) {
    // Writing the numbers is most of the work, and each term's text stands alone: written in
    // parallel. Then where each term goes is worked out from byte counts alone, in order,
    // and the files are put together in parallel.
    let (written, rows): (Vec<Written>, Vec<String>) = rayon::join(
        || terms.par_iter().map(Written::new).collect(),
        || {
            docs.par_iter()
                .enumerate()
                .map(|(i, d)| {
                    let shown = &d.shown;
                    let mut row = String::with_capacity(shown.title.len() + shown.url.len() + 16);
                    row.push('[');
                    row.push_str(itoa::Buffer::new().format(i));
                    row.push(',');
                    row.push_str(&shown.title);
                    row.push(',');
                    row.push_str(itoa::Buffer::new().format(d.kind as u8));
                    row.push(',');
                    row.push_str(&shown.url);
                    row.push(']');
                    row
                })
                .collect()
        },
    );
    let titled = |term: &Term| -> Vec<u32> {
        term.postings
            .iter()
            .take(HEAD.min(TITLED))
            .map(|p| p.0)
            .collect()
    };
    // For each term: its shard, and its tail file (0 when it has no tail).
    let mut places: Vec<(usize, usize)> = Vec::with_capacity(terms.len());
    let (mut shard, mut shard_bytes, mut in_shard) = (0, 0, 0);
    let mut shown: std::collections::HashSet<u32> = Default::default();
    let (mut tail, mut tail_bytes) = (0, 0);
    for (term, w) in terms.iter().zip(&written) {
        if shard_bytes >= SHARD_BYTES {
            (shard, shard_bytes, in_shard) = (shard + 1, 0, 0);
            shown.clear();
        }
        if tail_bytes >= TAIL_BYTES {
            (tail, tail_bytes) = (tail + 1, 0);
        }
        let file = if w.tail.is_empty() { 0 } else { tail };
        shard_bytes += usize::from(in_shard > 0)
            + w.head.0.len()
            + itoa::Buffer::new().format(file).len()
            + w.head.1.len();
        in_shard += 1;
        for doc in titled(term) {
            if shown.insert(doc) {
                shard_bytes += rows[doc as usize].len() + 1;
            }
        }
        if !w.tail.is_empty() {
            tail_bytes += usize::from(tail_bytes > 0) + w.tail.len();
        }
        places.push((shard, file));
    }
    let shard_count = places.last().map_or(0, |p| p.0 + 1);
    let mut starts = vec![0; shard_count + 1];
    for (i, p) in places.iter().enumerate().rev() {
        starts[p.0] = i;
    }
    starts[shard_count] = terms.len();
    let firsts: Vec<&str> = starts[..shard_count]
        .iter()
        .map(|&i| terms[i].term.as_ref())
        .collect();
    let mut files: Vec<(String, Vec<u8>)> = (0..shard_count)
        .into_par_iter()
        .map(|n| {
            let mut text = String::from("{\"t\":{");
            let mut heads: BTreeMap<u32, &str> = BTreeMap::new();
            for i in starts[n]..starts[n + 1] {
                if i > starts[n] {
                    text.push(',');
                }
                text.push_str(&written[i].head.0);
                text.push_str(itoa::Buffer::new().format(places[i].1));
                text.push_str(&written[i].head.1);
                for doc in titled(&terms[i]) {
                    heads.entry(doc).or_insert(&rows[doc as usize]);
                }
            }
            text.push_str("},\"d\":[");
            text.push_str(&heads.into_values().collect::<Vec<_>>().join(","));
            text.push_str("]}");
            (format!("search/s/{n}.json"), text.into_bytes())
        })
        .collect();
    let mut tails: Vec<(usize, Vec<&str>)> = Vec::new();
    for (w, &(_, file)) in written.iter().zip(&places) {
        if w.tail.is_empty() {
            continue;
        }
        match tails.last_mut() {
            Some((n, parts)) if *n == file => parts.push(&w.tail),
            _ => tails.push((file, vec![&w.tail])),
        }
    }
    files.par_extend(tails.into_par_iter().map(|(n, parts)| {
        let mut text = Vec::with_capacity(parts.iter().map(|p| p.len() + 1).sum::<usize>() + 2);
        text.push(b'{');
        for (i, part) in parts.iter().enumerate() {
            if i > 0 {
                text.push(b',');
            }
            text.extend_from_slice(part.as_bytes());
        }
        text.push(b'}');
        (format!("search/t/{n}.json"), text)
    }));
    let (ends, ending_files) = by_endings(terms);
    files.extend(ending_files);
    let mut manifest = String::from("{\"v\":1,\"docs\":");
    let _ = write!(
        manifest,
        "{},\"chunk\":{},\"kinds\":{},\"stop\":{},\"shards\":{},\"ends\":{}}}",
        docs.len(),
        TEXT_CHUNK,
        json(&KIND_NAMES),
        json(&text::STOP_WORDS),
        json(&firsts),
        json(&ends)
    );
    files.push((
        "search/index.json".to_string(),
        manifest.clone().into_bytes(),
    ));
    (manifest, files)
}

/// The words of the index, spelt backwards, sorted and packed into files
/// (`search/e/N.json`: a list of the words as they are), with the first backward word of
/// each file for the manifest.
///
/// A misspelt word is looked for in the shard where it would sort, which holds the words it
/// may be a typo of only when its first letters are right. Readers get the first letters of
/// a long word wrong as often as the rest ("pnuemonia", "nueropathy"); the word's ending
/// then finds the words it may be meant for, and their shards. Words of fewer than four
/// letters (never corrected) and words with digits are left out.
fn by_endings(terms: &[Term]) -> (Vec<String>, Vec<(String, Vec<u8>)>) {
    let mut backwards: Vec<(String, &str)> = terms
        .iter()
        .map(|t| t.term.as_ref())
        .filter(|t| t.chars().nth(3).is_some() && !t.chars().any(char::is_numeric))
        .map(|t| (t.chars().rev().collect(), t))
        .collect();
    backwards.sort_unstable();
    let (mut firsts, mut files) = (Vec::new(), Vec::new());
    let mut text = String::new();
    for (back, term) in &backwards {
        if text.is_empty() {
            firsts.push(back.clone());
            text.push('[');
        } else {
            text.push(',');
        }
        text.push_str(&json(term));
        if text.len() >= ENDINGS_BYTES {
            text.push(']');
            files.push((
                format!("search/e/{}.json", files.len()),
                std::mem::take(&mut text).into_bytes(),
            ));
        }
    }
    if !text.is_empty() {
        text.push(']');
        files.push((format!("search/e/{}.json", files.len()), text.into_bytes()));
    }
    (firsts, files)
}

/// A term's entry in its shard, around its tail file number (known only when packing), and
/// its entry in a tail file (empty when every posting fits in the shard).
struct Written {
    head: (String, String),
    tail: String,
}

impl Written {
    fn new(term: &Term) -> Written {
        let postings = &term.postings;
        let (head, tail) = postings.split_at(postings.len().min(HEAD));
        let name = json(term.term.as_ref());
        let mut numbers = itoa::Buffer::new();
        let mut before = String::with_capacity(name.len() + 24);
        before.push_str(&name);
        before.push_str(":[");
        for n in [term.idf as usize, term.df] {
            before.push_str(numbers.format(n));
            before.push(',');
        }
        let mut after = String::with_capacity(head.len() * 10 + 1);
        for &(doc, tf) in head {
            for n in [doc, tf] {
                after.push(',');
                after.push_str(numbers.format(n));
            }
        }
        after.push(']');
        let mut written = String::new();
        if !tail.is_empty() {
            written.reserve(tail.len() * 8 + name.len() + 3);
            written.push_str(&name);
            written.push_str(":[");
            let mut last = 0;
            for (i, &(doc, tf)) in tail.iter().enumerate() {
                if i > 0 {
                    written.push(',');
                }
                written.push_str(numbers.format(doc - last));
                written.push(',');
                written.push_str(numbers.format(tf));
                last = doc;
            }
            written.push(']');
        }
        Written {
            head: (before, after),
            tail: written,
        }
    }
}

/// The excerpt files: `[[title, kind, url, text, cut], …]`, `TEXT_CHUNK` pages each, by page;
/// `cut` is 1 when the text stops short of the page's end.
fn excerpts(docs: &[Doc], articles: &[Arc<Article>]) -> Vec<(String, Vec<u8>)> {
    docs.par_chunks(TEXT_CHUNK)
        .enumerate()
        .map(|(i, chunk)| {
            // Each file written once, in place: rows made with `format!` and joined copied
            // every excerpt three times over.
            let size = chunk
                .iter()
                .map(|d| d.shown.title.len() + d.shown.url.len() + TEXT_CHARS + 32)
                .sum();
            let mut text = Vec::with_capacity(size);
            text.push(b'[');
            for (n, d) in chunk.iter().enumerate() {
                if n > 0 {
                    text.extend_from_slice(b",\n");
                }
                text.push(b'[');
                text.extend_from_slice(d.shown.title.as_bytes());
                text.push(b',');
                text.push(b'0' + d.kind as u8);
                text.push(b',');
                text.extend_from_slice(d.shown.url.as_bytes());
                text.push(b',');
                let cut = match &d.shown.text {
                    Some((excerpt, cut)) => {
                        text.extend_from_slice(excerpt);
                        *cut
                    }
                    // Articles come first, in catalog order (only they have no text).
                    None => match articles.get(i * TEXT_CHUNK + n) {
                        Some(a) => {
                            let description = a.front.description.as_deref().unwrap_or_default();
                            push_excerpt(&mut text, description, &a.body.plain_text)
                        }
                        None => push_excerpt(&mut text, "", ""),
                    },
                };
                text.push(b',');
                text.push(b'0' + u8::from(cut));
                text.push(b']');
            }
            text.push(b']');
            (format!("search/x/{i}.json"), text)
        })
        .collect()
}

/// What `serde_json` writes for each byte below 0x20 and for `"` and `\\`, and what [`json`]
/// writes for `<`, `>` and `&`; 0 for a byte written as it is.
static JSON_ESCAPE: [u8; 256] = {
    let mut table = [0u8; 256];
    let mut b = 0;
    while b < 0x20 {
        table[b] = b'u';
        b += 1;
    }
    table[0x08] = b'b';
    table[b'\t' as usize] = b't';
    table[b'\n' as usize] = b'n';
    table[0x0c] = b'f';
    table[b'\r' as usize] = b'r';
    table[b'"' as usize] = b'"';
    table[b'\\' as usize] = b'\\';
    table[b'<' as usize] = b'u';
    table[b'>' as usize] = b'u';
    table[b'&' as usize] = b'u';
    table
};

/// Appends `word` as the inside of a JSON string, as [`json`] would write it.
fn push_json_inside(out: &mut Vec<u8>, word: &[u8]) {
    if !word.iter().any(|&b| JSON_ESCAPE[b as usize] != 0) {
        out.extend_from_slice(word);
        return;
    }
    const HEX: &[u8; 16] = b"0123456789abcdef";
    for &b in word {
        match JSON_ESCAPE[b as usize] {
            0 => out.push(b),
            b'u' => out.extend_from_slice(&[
                b'\\',
                b'u',
                b'0',
                b'0',
                HEX[usize::from(b >> 4)],
                HEX[usize::from(b & 0xf)],
            ]),
            e => out.extend_from_slice(&[b'\\', e]),
        }
    }
}

/// Appends, as a JSON string, the excerpt of a page: the words of `description`, then of
/// `body`, one space apart, up to the word that would make it `TEXT_CHARS` bytes or more.
/// Returns whether it was cut there. Written straight from the text, where making the
/// excerpt and then its JSON went over each excerpt three times.
fn push_excerpt(out: &mut Vec<u8>, description: &str, body: &str) -> bool {
    out.push(b'"');
    // Bytes of the excerpt itself, not of its JSON.
    let mut len = 0;
    for part in [description, body] {
        let cut = match spaced_prefix(part, len) {
            Some((end, cut)) => {
                if end > 0 {
                    if len > 0 {
                        out.push(b' ');
                        len += 1;
                    }
                    push_json_spaced(out, &part.as_bytes()[..end]);
                    len += end;
                }
                cut
            }
            None => push_words(out, part, &mut len),
        };
        if cut {
            out.push(b'"');
            return true;
        }
    }
    out.push(b'"');
    false
}

/// [`push_excerpt`] for one part, a word at a time: for text whose white space is not
/// single spaces and newlines. Returns whether the excerpt was cut.
fn push_words(out: &mut Vec<u8>, part: &str, len: &mut usize) -> bool {
    for word in crate::markdown::spaced_words(part) {
        if *len + word.len() >= TEXT_CHARS {
            return true;
        }
        if *len > 0 {
            out.push(b' ');
            *len += 1;
        }
        push_json_inside(out, word.as_bytes());
        *len += word.len();
    }
    false
}

/// Where [`push_words`] would stop in `part` with `len` bytes of excerpt before it, found
/// without splitting words, when the bytes that decide it hold no white space but single
/// spaces and newlines between words (a page's plain text, one block a line, nearly
/// always): the end of the words taken, and whether the excerpt is cut after them. `None`
/// when they hold other white space. Splitting every excerpt into words was most of the
/// cost of the excerpt files.
fn spaced_prefix(part: &str, len: usize) -> Option<(usize, bool)> {
    let bytes = part.as_bytes();
    if bytes.is_empty() {
        return Some((0, false));
    }
    // A word after the first is taken while it ends before `limit` in `part`: its end in
    // the excerpt, less the space before it, stays under `TEXT_CHARS`.
    let limit = (TEXT_CHARS + 1).saturating_sub(len + usize::from(len > 0));
    let region = &bytes[..bytes.len().min(limit)];
    if !single_spaced(part, region.len()) {
        return None;
    }
    let first_end = memchr::memchr2(b' ', b'\n', region).unwrap_or(region.len());
    if len + first_end >= TEXT_CHARS {
        return Some((0, true));
    }
    if bytes.len() < limit {
        return Some((bytes.len(), false));
    }
    // The first word ends at a separator inside the region, so there is a last one.
    let last = memchr::memrchr2(b' ', b'\n', region).unwrap_or(first_end);
    Some((last, true))
}

/// Whether the first `n` bytes of `text` separate their words by one space or newline
/// each, with no other white space and none at the start (nor at the end, when they are
/// the whole text). Written as a fold over every byte, which the compiler vectorises.
fn single_spaced(text: &str, n: usize) -> bool {
    let bytes = &text.as_bytes()[..n];
    let sep = |b: u8| b == b' ' || b == b'\n';
    if n == 0 || sep(bytes[0]) || (n == text.len() && sep(bytes[n - 1])) {
        return n == 0;
    }
    // Control characters other than the newline (tab, carriage return…), and the lead
    // bytes of every non-ASCII space (U+0085, U+00A0, U+1680, U+2000–U+205F, U+3000).
    let (odd, maybe_space) = bytes.iter().fold((false, false), |(odd, maybe), &b| {
        (
            odd | ((b < 0x20) & (b != b'\n')),
            maybe | (b == 0xc2) | (b.wrapping_sub(0xe1) < 3),
        )
    });
    let doubled = bytes
        .iter()
        .zip(&bytes[1..])
        .fold(false, |d, (&a, &b)| d | (sep(a) & sep(b)));
    if odd || doubled {
        return false;
    }
    // Most such bytes start a dash or a quotation mark: looked at only when present.
    // (ASCII white space is one byte; the separators were checked above.)
    !maybe_space || !(0..n).any(|i| crate::markdown::space_at(text, i) > 1)
}

/// Appends `text`, words one space or newline apart, as the inside of a JSON string with
/// each newline a space.
fn push_json_spaced(out: &mut Vec<u8>, text: &[u8]) {
    let plain = !text.iter().fold(false, |e, &b| {
        e | ((b < 0x20) & (b != b'\n')) | matches!(b, b'"' | b'\\' | b'<' | b'>' | b'&')
    });
    if plain {
        let start = out.len();
        out.extend_from_slice(text);
        for b in &mut out[start..] {
            if *b == b'\n' {
                *b = b' ';
            }
        }
        return;
    }
    for line in text.split(|&b| b == b'\n').enumerate() {
        if line.0 > 0 {
            out.push(b' ');
        }
        push_json_inside(out, line.1);
    }
}

/// JSON with `<`, `>` and `&` written as escapes: the strings mean the same to a parser, and
/// no index file, even if a host serves it as HTML or a theme inlines it, holds markup.
fn json<T: serde::Serialize + ?Sized>(value: &T) -> String {
    let text = serde_json::to_string(value).unwrap_or_default();
    // Bytes, not chars: this runs on every title and excerpt of the site.
    if !text.bytes().any(|b| matches!(b, b'<' | b'>' | b'&')) {
        return text;
    }
    text.replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `keep_best` keeps what sorting by `best_first` and taking the first `n` keeps, in
    /// page order, on random lists (with many ties: scores from a small range).
    #[test]
    fn keep_best_keeps_what_a_sort_keeps() {
        let mut rng = crate::testing::Rng::new(0x2545_f491_4f6c_dd1d);
        let mut next = |m: u64| rng.below(m);
        for round in 0..2000 {
            let len = next(60) as usize;
            let range = 1 + next(if round % 2 == 0 { 5 } else { 500 });
            let postings: Vec<(u32, u32)> = (0..len as u32)
                .map(|page| (page * 3, 1 + next(range) as u32))
                .collect();
            let n = next(70) as usize;
            let mut sorted = postings.clone();
            sorted.sort_by(best_first);
            sorted.truncate(n);
            sorted.sort();
            let mut kept = postings.clone();
            keep_best(&mut kept, n);
            assert_eq!(kept, sorted, "{postings:?}, n = {n}");
        }
    }

    /// A page's excerpt, written straight into its file after what the buffer held, is the
    /// JSON of the excerpt as plainly defined (`excerpt_text`), markup escaped, with the
    /// same cut, on texts of every kind of character that JSON escapes, white space of
    /// every kind, and lengths around the cut.
    #[test]
    fn push_excerpt_writes_the_json_of_excerpt_text() {
        let long = "w".repeat(TEXT_CHARS - 3);
        let pieces = [
            "word",
            " ",
            "  ",
            "\n",
            "\t",
            "\u{a0}",
            "\u{3000}",
            "\"",
            "\\",
            "<b>",
            "&",
            "\u{1}",
            "\u{8}",
            "\u{c}",
            "\u{1f}",
            "\u{7f}",
            "é",
            "x".repeat(90).leak(),
            long.as_str(),
        ];
        let texts = crate::testing::random_texts(&pieces, 60, 400);
        for pair in texts.chunks(2) {
            let (description, body) = (pair[0].as_str(), pair.get(1).map_or("", |b| b.as_str()));
            for (d, b) in [(description, body), ("", body), (description, "")] {
                let (excerpt, cut) = excerpt_text(d, b);
                let mut got = b"[1,".to_vec();
                assert_eq!(push_excerpt(&mut got, d, b), cut, "{d:?} {b:?}");
                assert_eq!(
                    String::from_utf8_lossy(&got),
                    format!("[1,{}", json(&excerpt)),
                    "appended, as json() writes it"
                );
                assert!(!got.iter().any(|b| matches!(b, b'<' | b'>' | b'&')));
            }
        }
    }

    /// The same on texts as pages have them, words one space or newline apart (the case
    /// `spaced_prefix` settles without splitting words), around every length at which the
    /// cut falls, and with a space of another kind somewhere (the case it leaves to
    /// `push_words`).
    #[test]
    fn single_spaced_text_is_cut_where_word_by_word_cuts_it() {
        let mut pieces = vec![
            "word ",
            "a ",
            "text\n",
            "é ",
            "— ",
            "“quoted” ",
            "\"q\" ",
            "<b> ",
            "& ",
            "x\u{1}y ",
        ];
        let long = "w".repeat(TEXT_CHARS - 1) + " ";
        let nearly = "n".repeat(TEXT_CHARS - 40) + "\n";
        pieces.extend([long.as_str(), nearly.as_str()]);
        let (mut settled, mut settled_non_ascii) = (0, 0);
        for with_other_space in [false, true] {
            for text in crate::testing::random_texts(&pieces, 160, 300) {
                let mut text = text.trim_end().to_string();
                if with_other_space && text.len() > 20 {
                    let at = text.floor_char_boundary(text.len() / 3);
                    text.insert(at, '\u{a0}');
                }
                let quarter = text.floor_char_boundary(text.len() / 4);
                for (d, b) in [(&text[..quarter], text.as_str()), ("", text.as_str())] {
                    let d = d.trim_end();
                    let fast = spaced_prefix(b, 0).is_some_and(|(end, _)| end > 0);
                    settled += usize::from(fast);
                    // Dashes and quotation marks are not spaces: such text is settled too.
                    settled_non_ascii += usize::from(
                        fast && b.as_bytes()[..b.len().min(TEXT_CHARS)].contains(&0xe2),
                    );
                    let (excerpt, cut) = excerpt_text(d, b);
                    let mut got = Vec::new();
                    assert_eq!(push_excerpt(&mut got, d, b), cut, "{d:?} {b:?}");
                    assert_eq!(String::from_utf8_lossy(&got), json(&excerpt), "{d:?} {b:?}");
                }
            }
        }
        assert!(settled > 200, "the fast path was taken {settled} times");
        assert!(
            settled_non_ascii > 100,
            "the fast path was taken {settled_non_ascii} times on non-ASCII text"
        );
    }

    /// The excerpt as plainly defined: the words of the description, then of the body, one
    /// space apart, up to the word that would make it `TEXT_CHARS` bytes or more; and
    /// whether it stopped there.
    fn excerpt_text(description: &str, body: &str) -> (String, bool) {
        let mut text = String::new();
        for word in description
            .split_whitespace()
            .chain(body.split_whitespace())
        {
            if text.len() + word.len() >= TEXT_CHARS {
                return (text, true);
            }
            if !text.is_empty() {
                text.push(' ');
            }
            text.push_str(word);
        }
        (text, false)
    }
}
