//! Backlinks and related articles: which articles reference or mention each symptom,
//! supplement, keyword and tag, and, for each article, the articles that share the most with
//! it.

use crate::catalog::Catalog;
use crate::link::LinkedArticle;
use rayon::prelude::*;
use std::collections::hash_map::DefaultHasher;
use std::hash::{Hash, Hasher};
use std::sync::Arc;

/// How many related articles an article lists.
const RELATED: usize = 5;

#[derive(Debug, Default, Clone)]
pub struct Backlinks {
    /// Each list is in reading order (newest first, then by title).
    pub symptom_articles: Vec<Vec<usize>>,
    pub supplement_articles: Vec<Vec<usize>>,
    pub keyword_articles: Vec<Vec<usize>>,
    pub tag_articles: Vec<Vec<usize>>,
    /// The articles each person wrote or reviewed.
    pub author_articles: Vec<Vec<usize>>,
    /// Best first.
    pub related: Vec<Vec<usize>>,
    /// Every article, newest first, then by title.
    pub newest_first: Vec<usize>,
}

/// Related articles from the last build, with the hash of everything they were ranked
/// from. Ranking them looks at every pair of articles that share a symptom or tag, the
/// bulk of a rebuild's link stage; an edit to an article's prose changes none of it.
#[derive(Default)]
pub struct RelatedCache {
    last: Option<(u64, Vec<Vec<usize>>)>,
}

/// `cache` is `None` for one-shot builds, which would only pay for the key and the copy.
pub fn compute(
    catalog: &Catalog,
    articles: &[Arc<LinkedArticle>],
    cache: Option<&mut RelatedCache>,
) -> Backlinks {
    let n = articles.len();
    let mut newest_first: Vec<usize> = (0..n).collect();
    newest_first.sort_by(|&a, &b| {
        let (fa, fb) = (&catalog.articles[a].front, &catalog.articles[b].front);
        fb.date
            .cmp(&fa.date)
            .then_with(|| fa.title.cmp(&fb.title))
            .then_with(|| catalog.articles[a].url.cmp(&catalog.articles[b].url))
    });
    let mut rank = vec![0; n];
    for (r, &a) in newest_first.iter().enumerate() {
        rank[a] = r;
    }
    let mut symptom_articles = vec![Vec::new(); catalog.symptoms.len()];
    let mut supplement_articles = vec![Vec::new(); catalog.supplements.len()];
    let mut keyword_articles = vec![Vec::new(); catalog.keywords.len()];
    let mut tag_articles = vec![Vec::new(); catalog.tags.len()];
    let mut author_articles = vec![Vec::new(); catalog.authors.len()];
    for &a in &newest_first {
        let linked = &articles[a];
        for &s in &linked.symptoms {
            symptom_articles[s].push(a);
        }
        for &s in &linked.supplements {
            supplement_articles[s].push(a);
        }
        for &k in catalog.article_keywords[a]
            .iter()
            .chain(&linked.keywords_mentioned)
        {
            if keyword_articles[k].last() != Some(&a) && !keyword_articles[k].contains(&a) {
                keyword_articles[k].push(a);
            }
        }
        for &t in &catalog.article_tags[a] {
            tag_articles[t].push(a);
        }
        for &p in &catalog.article_authors[a] {
            author_articles[p].push(a);
        }
    }
    let rank_all = || {
        related_articles(
            catalog,
            articles,
            &symptom_articles,
            &supplement_articles,
            &rank,
        )
    };
    let related = match cache {
        None => rank_all(),
        Some(cache) => {
            let key = {
                let mut h = DefaultHasher::new();
                (catalog.keywords.len(), catalog.tags.len(), &rank).hash(&mut h);
                for (a, linked) in articles.iter().enumerate() {
                    (&catalog.article_keywords[a], &catalog.article_tags[a]).hash(&mut h);
                    (&linked.symptoms, &linked.supplements).hash(&mut h);
                }
                h.finish()
            };
            let related = match cache.last.take() {
                Some((k, related)) if k == key => related,
                _ => rank_all(),
            };
            cache.last = Some((key, related.clone()));
            related
        }
    };
    Backlinks {
        symptom_articles,
        supplement_articles,
        keyword_articles,
        tag_articles,
        author_articles,
        related,
        newest_first,
    }
}

/// What ranks related articles: each article's lists, and the inverted lists of what they
/// share, with articles as their ranks in `newest_first` order: scores kept by rank put
/// ties in the right order (newer first) by position alone.
struct Ranking<'a> {
    catalog: &'a Catalog,
    articles: &'a [Arc<LinkedArticle>],
    symptom_lists: Vec<Vec<u32>>,
    supplement_lists: Vec<Vec<u32>>,
    keyword_lists: Vec<Vec<u32>>,
    tag_lists: Vec<Vec<u32>>,
    rank: &'a [usize],
    /// Article by rank.
    article_at: Vec<usize>,
}

/// Scores of one article's candidates, by rank, and the ranks touched so far; one per
/// thread, all zeros and empty between articles.
struct Scratch {
    scores: Vec<u32>,
    touched: Vec<u32>,
}

impl Scratch {
    fn new(n: usize) -> Scratch {
        Scratch {
            scores: vec![0; n],
            touched: Vec::new(),
        }
    }
}

impl<'a> Ranking<'a> {
    fn new(
        catalog: &'a Catalog,
        articles: &'a [Arc<LinkedArticle>],
        symptom_articles: &[Vec<usize>],
        supplement_articles: &[Vec<usize>],
        rank: &'a [usize],
    ) -> Ranking<'a> {
        let by_rank =
            |list: &Vec<usize>| -> Vec<u32> { list.iter().map(|&a| rank[a] as u32).collect() };
        let mut article_at = vec![0; articles.len()];
        for (a, &r) in rank.iter().enumerate() {
            article_at[r] = a;
        }
        let mut keyword_lists = vec![Vec::new(); catalog.keywords.len()];
        let mut tag_lists = vec![Vec::new(); catalog.tags.len()];
        for &a in &article_at {
            for &k in &catalog.article_keywords[a] {
                keyword_lists[k].push(rank[a] as u32);
            }
            for &t in &catalog.article_tags[a] {
                tag_lists[t].push(rank[a] as u32);
            }
        }
        Ranking {
            catalog,
            articles,
            symptom_lists: symptom_articles.iter().map(by_rank).collect(),
            supplement_lists: supplement_articles.iter().map(by_rank).collect(),
            keyword_lists,
            tag_lists,
            rank,
            article_at,
        }
    }

    /// The lists article `a` is on, with the weight of what each shares: a shared keyword
    /// weighs most (the author chose it), then shared symptoms and supplements, then tags.
    fn lists(&self, a: usize) -> impl Iterator<Item = (&[u32], u32)> {
        let c = self.catalog;
        let linked = &self.articles[a];
        let keywords = c.article_keywords[a]
            .iter()
            .map(|&k| (&self.keyword_lists[k], 3));
        let symptoms = linked.symptoms.iter().map(|&s| (&self.symptom_lists[s], 2));
        let supplements = linked
            .supplements
            .iter()
            .map(|&s| (&self.supplement_lists[s], 2));
        let tags = c.article_tags[a].iter().map(|&t| (&self.tag_lists[t], 1));
        keywords
            .chain(symptoms)
            .chain(supplements)
            .chain(tags)
            .map(|(list, weight)| (list.as_slice(), weight))
    }

    /// The articles related to `a`, best first: higher score, then newer.
    fn related(&self, a: usize, scratch: &mut Scratch) -> Vec<usize> {
        let pairs: usize = self.lists(a).map(|(list, _)| list.len()).sum();
        // Most articles of a site share something with most others (a common symptom, a
        // tag): then adding without looking and reading every score back in rank order is
        // cheapest. Where they share little, only the scores touched are read back.
        let dense = pairs >= scratch.scores.len() / 4;
        best_ranks(self.lists(a), self.rank[a], scratch, dense)
            .into_iter()
            .map(|r| self.article_at[r as usize])
            .collect()
    }
}

/// The [`RELATED`] ranks with the highest total weight over `lists`, but `own`; best first,
/// then by rank. `dense` only chooses how: every score is read back, or only those touched.
fn best_ranks<'l>(
    lists: impl Iterator<Item = (&'l [u32], u32)>,
    own: usize,
    scratch: &mut Scratch,
    dense: bool,
) -> Vec<u32> {
    let Scratch { scores, touched } = scratch;
    for (list, weight) in lists {
        if dense {
            for &r in list {
                scores[r as usize] += weight;
            }
        } else {
            for &r in list {
                let score = &mut scores[r as usize];
                if *score == 0 {
                    touched.push(r);
                }
                *score += weight;
            }
        }
    }
    scores[own] = 0;
    // The best few, kept while scanning in rank order: a later candidate goes before one
    // already kept only with a higher score, so equal scores stay in rank order.
    let mut best: Vec<(u32, u32)> = Vec::with_capacity(RELATED + 1);
    let mut floor = 0;
    let consider = |r: u32, score: u32, best: &mut Vec<(u32, u32)>, floor: &mut u32| {
        if score > *floor {
            let at = best.partition_point(|&(s, _)| s >= score);
            best.insert(at, (score, r));
            best.truncate(RELATED);
            if best.len() == RELATED {
                *floor = best[RELATED - 1].0;
            }
        }
    };
    if dense {
        for (block, chunk) in scores.chunks_mut(64).enumerate() {
            // Most blocks hold nothing above the floor: one pass the compiler vectorises.
            if chunk.iter().fold(0, |m, &s| m.max(s)) > floor {
                for (i, &score) in chunk.iter().enumerate() {
                    consider((block * 64 + i) as u32, score, &mut best, &mut floor);
                }
            }
            chunk.fill(0);
        }
    } else {
        touched.sort_unstable();
        for &r in touched.iter() {
            let score = std::mem::take(&mut scores[r as usize]);
            consider(r, score, &mut best, &mut floor);
        }
        touched.clear();
    }
    best.into_iter().map(|(_, r)| r).collect()
}

/// Scores every pair of articles that share something, through inverted lists, so the cost
/// grows with what is shared rather than with the square of the article count. A shared
/// keyword weighs most (the author chose it), then shared symptoms and supplements, then tags.
fn related_articles(
    catalog: &Catalog,
    articles: &[Arc<LinkedArticle>],
    symptom_articles: &[Vec<usize>],
    supplement_articles: &[Vec<usize>],
    rank: &[usize],
) -> Vec<Vec<usize>> {
    let n = articles.len();
    let ranking = Ranking::new(
        catalog,
        articles,
        symptom_articles,
        supplement_articles,
        rank,
    );
    (0..n)
        .into_par_iter()
        .map_init(|| Scratch::new(n), |scratch, a| ranking.related(a, scratch))
        .collect()
}

/// The lists of [`Backlinks`] that an update changed, for re-rendering their pages.
#[derive(Debug, Default)]
pub struct Changed {
    pub symptoms: Vec<usize>,
    pub supplements: Vec<usize>,
    pub keywords: Vec<usize>,
    /// Articles whose related articles changed.
    pub related: Vec<usize>,
}

impl Changed {
    /// Adds what another update changed.
    pub fn extend(&mut self, other: Changed) {
        for (all, more) in [
            (&mut self.symptoms, other.symptoms),
            (&mut self.supplements, other.supplements),
            (&mut self.keywords, other.keywords),
            (&mut self.related, other.related),
        ] {
            for x in more {
                if !all.contains(&x) {
                    all.push(x);
                }
            }
        }
    }

    pub fn is_empty(&self) -> bool {
        self.symptoms.is_empty()
            && self.supplements.is_empty()
            && self.keywords.is_empty()
            && self.related.is_empty()
    }
}

/// Brings `b` up to date after article `i`'s mentions and references changed from `old`'s
/// to `articles[i]`'s, with nothing else changed (dates, titles, keywords and tags of
/// every article are as `b` was computed from): the lists it joins or leaves, and the
/// related articles of every article that shares with it something that changed. Gives
/// exactly what [`compute`] gives.
pub fn update(
    b: &mut Backlinks,
    catalog: &Catalog,
    articles: &[Arc<LinkedArticle>],
    i: usize,
    old: &LinkedArticle,
) -> Changed {
    let new = &articles[i];
    let mut rank = vec![0; articles.len()];
    for (r, &a) in b.newest_first.iter().enumerate() {
        rank[a] = r;
    }
    let mut changed = Changed::default();
    // Each list is in `newest_first` order; `i` goes in or out at its rank.
    let move_in_or_out =
        |lists: &mut [Vec<usize>], was: &[usize], is: &[usize], out: &mut Vec<usize>| {
            for &x in was.iter().chain(is) {
                let (before, after) = (was.contains(&x), is.contains(&x));
                if before == after || out.contains(&x) {
                    continue;
                }
                let list = &mut lists[x];
                match list.binary_search_by_key(&rank[i], |&a| rank[a]) {
                    Ok(at) if !after => {
                        list.remove(at);
                    }
                    Err(at) if after => list.insert(at, i),
                    _ => {}
                }
                out.push(x);
            }
        };
    move_in_or_out(
        &mut b.symptom_articles,
        &old.symptoms,
        &new.symptoms,
        &mut changed.symptoms,
    );
    move_in_or_out(
        &mut b.supplement_articles,
        &old.supplements,
        &new.supplements,
        &mut changed.supplements,
    );
    let keywords = |mentioned: &[usize]| -> Vec<usize> {
        let mut all = catalog.article_keywords[i].clone();
        all.extend(
            mentioned
                .iter()
                .filter(|k| !catalog.article_keywords[i].contains(k)),
        );
        all
    };
    move_in_or_out(
        &mut b.keyword_articles,
        &keywords(&old.keywords_mentioned),
        &keywords(&new.keywords_mentioned),
        &mut changed.keywords,
    );
    if changed.symptoms.is_empty() && changed.supplements.is_empty() {
        return changed;
    }
    // Only pairs with `i` score differently, and only through what changed.
    let mut affected: Vec<usize> = vec![i];
    for &s in &changed.symptoms {
        affected.extend(&b.symptom_articles[s]);
    }
    for &s in &changed.supplements {
        affected.extend(&b.supplement_articles[s]);
    }
    // Those that left a list: `i` was there before.
    affected.sort_unstable();
    affected.dedup();
    let ranking = Ranking::new(
        catalog,
        articles,
        &b.symptom_articles,
        &b.supplement_articles,
        &rank,
    );
    let n = articles.len();
    let fresh: Vec<(usize, Vec<usize>)> = affected
        .par_iter()
        .map_init(
            || Scratch::new(n),
            |scratch, &a| (a, ranking.related(a, scratch)),
        )
        .collect();
    for (a, related) in fresh {
        if b.related[a] != related {
            b.related[a] = related;
            changed.related.push(a);
        }
    }
    changed
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Both ways of reading scores back give the best five of a plain count: higher total
    /// weight first, then lower rank; never `own`; scratch left clean for the next article.
    #[test]
    fn best_ranks_match_a_plain_count_both_ways() {
        let n = 300usize;
        let mut rng = crate::testing::Rng::new(0x2545_f491);
        let mut next = |m: usize| rng.below(m as u64) as usize;
        let mut scratch = Scratch::new(n);
        for case in 0..200 {
            let own = next(n);
            let lists: Vec<(Vec<u32>, u32)> = (0..1 + next(6))
                .map(|_| {
                    let mut list: Vec<u32> = (0..next(if case % 2 == 0 { 8 } else { 200 }))
                        .map(|_| next(n) as u32)
                        .collect();
                    list.sort_unstable();
                    list.dedup();
                    (list, 1 + next(3) as u32)
                })
                .collect();
            let mut total = vec![0u32; n];
            for (list, weight) in &lists {
                for &r in list {
                    total[r as usize] += weight;
                }
            }
            total[own] = 0;
            let mut expected: Vec<u32> = (0..n as u32).filter(|&r| total[r as usize] > 0).collect();
            expected.sort_by_key(|&r| (std::cmp::Reverse(total[r as usize]), r));
            expected.truncate(RELATED);
            for dense in [false, true] {
                let iter = lists.iter().map(|(l, w)| (l.as_slice(), *w));
                assert_eq!(
                    best_ranks(iter, own, &mut scratch, dense),
                    expected,
                    "case {case}, dense {dense}"
                );
                assert!(scratch.scores.iter().all(|&s| s == 0) && scratch.touched.is_empty());
            }
        }
    }
}
