//! Rendering again only what an edit to articles changes, for `serve`: each edited
//! article's own page, and the pages that list it where its card changed.

use super::cards::{card_data, card_text};
use super::{
    keep, list_jobs, Cards, Job, List, Output, RenderCache, Rendered, Renderer, FEED_ENTRIES,
};
use crate::date::Date;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::link::LinkedSite;
use rayon::prelude::*;
use std::sync::Arc;

/// What other pages show of an article that changed: see [`listing_change`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Listing {
    /// Nothing: only its own page changes (and the feed, which carries its body, when it
    /// is among the newest).
    Same,
    /// Its card (description or excerpt, reading time), in every list that shows it and in
    /// the feed.
    Card,
    /// More: its title, dates or authors, which order lists, date the sitemap and name it in
    /// other pages' JSON-LD.
    Changed,
}

/// How what every page but its own shows of `new` differs from `old`, an earlier version of
/// the same article. (Its URL and section are the catalog's to compare.)
pub fn listing_change(old: &crate::article::Article, new: &crate::article::Article) -> Listing {
    let (a, b) = (&old.front, &new.front);
    if a.title != b.title || a.date != b.date || a.updated != b.updated || a.authors != b.authors {
        Listing::Changed
    } else if card_text(old) == card_text(new) {
        Listing::Same
    } else {
        Listing::Card
    }
}

/// Renders again only what edited articles change, for a rebuild in which nothing else
/// did: each article's own page, the feed if the article is in it, and, where its card
/// changed ([`Listing::Card`]), every page that lists it. Every other page is as the last
/// full render made it.
/// `edits` are (article, whether its card changed). `None` when there is no such render to
/// build on, or on errors (in `diags`).
pub fn render_articles(
    site: &LinkedSite,
    today: Date,
    edits: &[(usize, bool)],
    lists: &crate::backlinks::Changed,
    diags: &Diagnostics,
    cache: &mut RenderCache,
) -> Option<Vec<(String, Arc<[u8]>)>> {
    let (cards, card_hashes) = cache.cards.take()?;
    let c = &site.catalog;
    if cards.len() != c.articles.len() {
        return None;
    }
    let mut r = Renderer::new(site, today, diags, cache, Cards::None)?;
    r.cards = cards;
    r.card_hashes = card_hashes;
    r.previous = std::mem::take(&mut cache.pages);
    let mut jobs = Vec::new();
    let mut feed = false;
    for &(i, card) in edits {
        jobs.push(Job::Article(i));
        // The feed carries its articles' bodies, not only their cards.
        feed |= site
            .backlinks
            .newest_first
            .iter()
            .take(FEED_ENTRIES)
            .any(|&a| a == i);
        if card {
            r.cards[i] = card_data(c, i, card_text(&c.articles[i]));
            r.card_hashes[i] = r.card_hash(i);
            jobs.extend(listing_jobs(site, i));
        }
    }
    // Pages whose lists of articles changed, with the indexes that count them.
    jobs.extend(lists.symptoms.iter().map(|&s| Job::Symptom(s)));
    jobs.extend(lists.supplements.iter().map(|&s| Job::Supplement(s)));
    for &k in &lists.keywords {
        jobs.extend(list_jobs(site, List::Keyword, k));
    }
    jobs.extend(lists.related.iter().map(|&a| Job::Article(a)));
    for (changed, index) in [
        (&lists.symptoms, Job::SymptomIndex),
        (&lists.supplements, Job::SupplementIndex),
        (&lists.keywords, Job::KeywordIndex),
    ] {
        if !changed.is_empty() {
            jobs.push(index);
        }
    }
    jobs.sort();
    jobs.dedup();
    // Pages whose key is unchanged come back from the cache.
    let rendered: Vec<Result<Rendered, Diagnostic>> =
        jobs.par_iter().map(|job| r.render_job(job)).collect();
    let mut previous = std::mem::take(&mut r.previous);
    let mut pages = keep(rendered, &mut previous, diags);
    if let Some(pages) = &mut pages {
        let mut output = Output::default();
        if feed {
            r.atom(&mut output);
        }
        // The sitemap dates each list's page by its newest article.
        if !lists.is_empty() {
            r.sitemap(&mut output);
        }
        pages.extend(output.pages);
    }
    cache.pages = previous;
    // After a failure the site goes back to the cards of before; a full render follows.
    if pages.is_some() {
        cache.cards = Some((
            std::mem::take(&mut r.cards),
            std::mem::take(&mut r.card_hashes),
        ));
    }
    pages
}

/// Every page that may show article `i`'s card: the home page, the section pages, and the
/// symptom, supplement, keyword and tag pages and the articles that list it.
fn listing_jobs(site: &LinkedSite, i: usize) -> Vec<Job> {
    let b = &site.backlinks;
    let listed = |lists: &[Vec<usize>]| -> Vec<usize> {
        lists
            .iter()
            .enumerate()
            .filter(|(_, list)| list.contains(&i))
            .map(|(n, _)| n)
            .collect()
    };
    let mut jobs = vec![Job::Home];
    for s in 0..site.catalog.sections.len() {
        jobs.extend(list_jobs(site, List::Section, s));
    }
    jobs.extend(listed(&b.symptom_articles).into_iter().map(Job::Symptom));
    jobs.extend(
        listed(&b.supplement_articles)
            .into_iter()
            .map(Job::Supplement),
    );
    for k in listed(&b.keyword_articles) {
        jobs.extend(list_jobs(site, List::Keyword, k));
    }
    for t in listed(&b.tag_articles) {
        jobs.extend(list_jobs(site, List::Tag, t));
    }
    for p in listed(&b.author_articles) {
        jobs.extend(list_jobs(site, List::Author, p));
    }
    jobs.extend(listed(&b.related).into_iter().map(Job::Article));
    jobs
}
