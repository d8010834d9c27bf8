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
        related,
        newest_first,
    }
}

/// What ranks related articles: each article's lists, and the inverted lists of what they
/// share.
struct Ranking<'a> {
    catalog: &'a Catalog,
    articles: &'a [Arc<LinkedArticle>],
    symptom_articles: &'a [Vec<usize>],
    supplement_articles: &'a [Vec<usize>],
    keyword_explicit: Vec<Vec<usize>>,
    tag_lists: Vec<Vec<usize>>,
    rank: &'a [usize],
}

impl<'a> Ranking<'a> {
    fn new(
        catalog: &'a Catalog,
        articles: &'a [Arc<LinkedArticle>],
        symptom_articles: &'a [Vec<usize>],
        supplement_articles: &'a [Vec<usize>],
        rank: &'a [usize],
    ) -> Ranking<'a> {
        let mut keyword_explicit = vec![Vec::new(); catalog.keywords.len()];
        let mut tag_lists = vec![Vec::new(); catalog.tags.len()];
        for a in 0..articles.len() {
            for &k in &catalog.article_keywords[a] {
                keyword_explicit[k].push(a);
            }
            for &t in &catalog.article_tags[a] {
                tag_lists[t].push(a);
            }
        }
        Ranking {
            catalog,
            articles,
            symptom_articles,
            supplement_articles,
            keyword_explicit,
            tag_lists,
            rank,
        }
    }

    /// The articles related to `a`, best first. `scores` is all zeros, one per article, and
    /// is left so; `touched` is empty and is left so.
    fn related(&self, a: usize, scores: &mut [u32], touched: &mut Vec<usize>) -> Vec<usize> {
        let mut add = |list: &Vec<usize>, weight: u32| {
            for &b in list {
                if b != a {
                    if scores[b] == 0 {
                        touched.push(b);
                    }
                    scores[b] += weight;
                }
            }
        };
        let c = self.catalog;
        for &k in &c.article_keywords[a] {
            add(&self.keyword_explicit[k], 3);
        }
        for &s in &self.articles[a].symptoms {
            add(&self.symptom_articles[s], 2);
        }
        for &s in &self.articles[a].supplements {
            add(&self.supplement_articles[s], 2);
        }
        for &t in &c.article_tags[a] {
            add(&self.tag_lists[t], 1);
        }
        let rank = self.rank;
        // The best few, best first: higher score, then newer. Kept by insertion while the
        // candidates are scanned, since an article touches thousands of others and keeps five.
        let mut best: Vec<(u32, usize)> = Vec::with_capacity(RELATED + 1);
        let before = |x: &(u32, usize), y: &(u32, usize)| (y.0, rank[x.1]) < (x.0, rank[y.1]);
        for &b in touched.iter() {
            let candidate = (scores[b], b);
            scores[b] = 0;
            if best.len() == RELATED && !best.last().is_some_and(|worst| before(&candidate, worst))
            {
                continue;
            }
            let at = best.partition_point(|x| before(x, &candidate));
            best.insert(at, candidate);
            best.truncate(RELATED);
        }
        touched.clear();
        best.into_iter().map(|(_, b)| b).collect()
    }
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
        .map_init(
            || (vec![0u32; n], Vec::<usize>::new()),
            |(scores, touched), a| ranking.related(a, scores, touched),
        )
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
            || (vec![0u32; n], Vec::<usize>::new()),
            |(scores, touched), &a| (a, ranking.related(a, scores, touched)),
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
