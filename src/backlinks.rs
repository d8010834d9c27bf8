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

#[derive(Debug, Default)]
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
    let mut keyword_explicit = vec![Vec::new(); catalog.keywords.len()];
    let mut tag_lists = vec![Vec::new(); catalog.tags.len()];
    for a in 0..n {
        for &k in &catalog.article_keywords[a] {
            keyword_explicit[k].push(a);
        }
        for &t in &catalog.article_tags[a] {
            tag_lists[t].push(a);
        }
    }
    (0..n)
        .into_par_iter()
        .map_init(
            || (vec![0u32; n], Vec::<usize>::new()),
            |(scores, touched), a| {
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
                for &k in &catalog.article_keywords[a] {
                    add(&keyword_explicit[k], 3);
                }
                for &s in &articles[a].symptoms {
                    add(&symptom_articles[s], 2);
                }
                for &s in &articles[a].supplements {
                    add(&supplement_articles[s], 2);
                }
                for &t in &catalog.article_tags[a] {
                    add(&tag_lists[t], 1);
                }
                let mut best: Vec<(u32, usize)> = touched.iter().map(|&b| (scores[b], b)).collect();
                let keep = RELATED.min(best.len());
                if keep > 0 {
                    best.select_nth_unstable_by(keep - 1, |x, y| {
                        y.0.cmp(&x.0).then(rank[x.1].cmp(&rank[y.1]))
                    });
                    best.truncate(keep);
                    best.sort_by(|x, y| y.0.cmp(&x.0).then(rank[x.1].cmp(&rank[y.1])));
                }
                for &b in touched.iter() {
                    scores[b] = 0;
                }
                touched.clear();
                best.into_iter().map(|(_, b)| b).collect()
            },
        )
        .collect()
}
