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
//!
//! This file counts each page's words (beside the link stage) and inverts them into
//! postings. `fields` says what of each page is indexed, `bm25f` weighs it, `index_files`
//! packs the terms into the files above and `excerpt_files` writes the texts excerpts are
//! cut from; `text` is the tokenising, folding and stemming the browser repeats.

mod bm25f;
mod excerpt_files;
mod fields;
mod french;
mod index_files;
mod italian;
mod portuguese;
mod snowball;
mod spanish;
pub mod text;

use crate::article::Article;
use crate::catalog::Catalog;
use crate::link::LinkedSite;
use bm25f::{weigh, Weights};
use excerpt_files::excerpts;
use fields::{article_fields, record_names, sources, synonym_groups};
use index_files::shards;
use rayon::prelude::*;
use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::sync::Mutex;
use text::{Counter, Language, Vocabulary};

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
/// word of that strength would have. Half: the most one group lends a word is what a word
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
    /// What the groups the term is in call it otherwise, and the pages their names name, as
    /// a JSON list (see [`synonyms_of_terms`]).
    synonyms: Option<String>,
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
/// A file of the words by their endings (see `index_files::by_endings`) is closed at this
/// many bytes.
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
    /// [`push_excerpt`](excerpt_files::push_excerpt)); `None` for an article, whose excerpt
    /// is written straight from the article into its excerpt file.
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
    let language = Language::of(&catalog.config.language);
    if cache.vocabulary.language() != language {
        // Every word stems another way: nothing counted before is of use.
        *cache = SearchCache {
            enabled: cache.enabled,
            vocabulary: Vocabulary::new(language),
            articles: HashMap::new(),
        };
    }
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
    // Pages are articles, then the records in `record_terms`' order.
    let records_from = pages.len().saturating_sub(record_terms.len());
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
                // A record's page speaks of its record under every name it has: its words
                // are lent each other as an article's are, or an article using an alias
                // (and so lent the record's other names on top) outranks the page the
                // alias names ("bulim twitch").
                None => i.checked_sub(records_from).into_iter().collect(),
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
    let weighted: Vec<Vec<(u32, u32)>> = counted
        .par_iter()
        .zip(&docs)
        .enumerate()
        .map_init(
            || Weights::new(names.len()),
            |scratch, (i, (own, d))| {
                let mentioned = d.records.iter().map(|&r| &record_terms[r].names);
                let whole = i
                    .checked_sub(records_from)
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
    let synonyms = synonyms_of_terms(
        groups.iter().map(|g| (g, None)).chain(
            record_terms
                .iter()
                .enumerate()
                .map(|(r, t)| (&t.names, u32::try_from(records_from + r).ok())),
        ),
        &names,
    );
    let mut terms: Vec<Term> = postings
        .into_par_iter()
        .zip(names.into_par_iter())
        .zip(synonyms.into_par_iter())
        // Words of an earlier build that no page has now.
        .filter(|((scored, _), _)| !scored.is_empty())
        .map(|((mut scored, term), synonyms)| {
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
                synonyms,
            }
        })
        .collect();
    terms.sort_unstable_by(|a, b| a.term.cmp(&b.term));
    if stopped() {
        return None;
    }
    // Excerpts need nothing of the terms: they are written beside the shards, whose packing
    // is one thread's work.
    let ((manifest, mut files), texts) = rayon::join(
        || shards(&terms, &docs, &c.config.words, cache.vocabulary.language()),
        || excerpts(&docs, &c.articles),
    );
    files.extend(texts);
    Some(SearchIndex { manifest, files })
}

/// For each term (by id), what its synonym groups call it otherwise, or `None` when it is in
/// none: a JSON list with an entry per name of a group that holds the term, `[the name's
/// other terms, the page the name names or -1, another name, another name, …]`, each name
/// as its terms joined by spaces (in no order: a name's terms are a set). A record's names
/// name its page (`page`); a site group's name no page. `search.js` marks the other names
/// in the excerpt of a page that lacks the reader's words, where the query holds the whole
/// name: "prickling" (or "pins and needles") marks "tingling", but "injections" does not
/// mark "vitamin B12" for the alias "B12 injections" unless the query also says "B12". A
/// query that is a record's whole name, its hyphens kept or not ("omega-3 fats", "omega 3
/// fats"), puts the record's page first, as a query of a page's whole title does.
fn synonyms_of_terms<'g>(
    groups: impl Iterator<Item = (&'g SynonymGroup, Option<u32>)>,
    names: &[Box<str>],
) -> Vec<Option<String>> {
    type Entries = BTreeMap<(String, i64), BTreeSet<String>>;
    let mut of_term: HashMap<u32, Entries> = HashMap::new();
    for (group, page) in groups {
        let page = page.map_or(-1, i64::from);
        // Each name's terms, as the script splits a page's text and a query: "omega-3" is
        // counted as omega, 3 and omega3 (for readers who type it joined), and the text has
        // the two, and so does a query of "omega 3"; a query of "omega-3" has omega3 alone.
        let spelt: Vec<Vec<(u32, &str, bool)>> = group
            .members
            .iter()
            .map(|m| {
                let words: Vec<(u32, &str)> = m
                    .iter()
                    .filter_map(|&t| names.get(t as usize).map(|n| (t, n.as_ref())))
                    .collect();
                let joined = |w: &str| {
                    words.iter().any(|(_, a)| {
                        w.strip_prefix(a).is_some_and(|rest| {
                            !rest.is_empty() && words.iter().any(|(_, r)| *r == rest)
                        })
                    })
                };
                words.iter().map(|&(t, w)| (t, w, joined(w))).collect()
            })
            .collect();
        // Whether `part` is one of the words the joined word `joined` was made of.
        let part_of = |joined: &str, part: &str| joined.starts_with(part) || joined.ends_with(part);
        let text_of = |name: &[(u32, &str, bool)]| -> String {
            let parts: Vec<&str> = name.iter().filter(|p| !p.2).map(|p| p.1).collect();
            parts.join(" ")
        };
        for (i, name) in spelt.iter().enumerate() {
            let others: Vec<String> = spelt
                .iter()
                .enumerate()
                .filter(|&(j, other)| {
                    j != i && !other.iter().any(|o| name.iter().any(|n| n.0 == o.0))
                })
                .map(|(_, other)| text_of(other))
                .collect();
            if others.is_empty() {
                continue;
            }
            // `term`'s entry for this name: its companions, the page it names, the others.
            let mut add = |term: u32, companions: &[&str], page: i64| {
                of_term
                    .entry(term)
                    .or_default()
                    .entry((companions.join(" "), page))
                    .or_default()
                    .extend(others.iter().cloned());
            };
            for &(term, word, is_joined) in name {
                let companions: Vec<&str> = match is_joined {
                    true => Vec::new(),
                    false => name
                        .iter()
                        .filter(|p| p.0 != term && !p.2)
                        .map(|p| p.1)
                        .collect(),
                };
                // A joined word stands for its name without companions, for marking; it
                // is the whole name only where the name is that word ("Omega-3"), not
                // where it has more ("omega-3 fats": a query of "omega-3" does not name it).
                let whole = !is_joined || name.iter().all(|p| p.2 || part_of(word, p.1));
                add(term, &companions, if whole { page } else { -1 });
            }
            // A query that keeps the name's hyphens ("omega-3 fats": omega3 and fat) holds
            // it whole too: each of its words, joined ones for their parts, with the rest.
            if name.iter().any(|p| p.2) {
                let as_typed: Vec<(u32, &str)> = name
                    .iter()
                    .filter(|p| p.2 || !name.iter().any(|j| j.2 && part_of(j.1, p.1)))
                    .map(|p| (p.0, p.1))
                    .collect();
                for &(term, _) in as_typed.iter().filter(|_| as_typed.len() > 1) {
                    let companions: Vec<&str> = as_typed
                        .iter()
                        .filter(|p| p.0 != term)
                        .map(|p| p.1)
                        .collect();
                    add(term, &companions, page);
                }
            }
        }
    }
    let mut out = vec![None; names.len()];
    for (term, entries) in of_term {
        if let Some(slot) = out.get_mut(term as usize) {
            let list: Vec<Vec<serde_json::Value>> = entries
                .iter()
                .map(|((companions, page), others)| {
                    [companions.as_str().into(), (*page).into()]
                        .into_iter()
                        .chain(others.iter().map(|o| o.as_str().into()))
                        .collect()
                })
                .collect();
            *slot = Some(json(&list));
        }
    }
    out
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
}
