//! The render stage: every page of the linked site through the theme's Tera templates, plus
//! JSON-LD, feeds and redirects, into an in-memory [`Output`]. Nothing is written here: `build`
//! writes the output once, `serve` serves it from memory.

use crate::catalog::Catalog;
use crate::date::Date;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::feeds::{self, FeedEntry, SitemapEntry};
use crate::jsonld;
use crate::link::LinkedSite;
use crate::markdown;
use crate::pages::Menu;
use crate::slug::slugify;
use crate::theme::Asset;
use crate::views::*;
use rayon::prelude::*;
use serde::Serialize;
use serde_json::{json, Value};
use std::collections::hash_map::DefaultHasher;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::hash::{Hash, Hasher};
use std::path::PathBuf;
use std::sync::Arc;
use tera::Tera;

/// The finished site, in memory.
#[derive(Debug, Default, Clone)]
pub struct Output {
    /// Generated files by output path (`symptoms/fatigue/index.html`). Shared with the
    /// render cache, so a rebuild that reuses a page does not copy it.
    pub pages: BTreeMap<String, Arc<[u8]>>,
    /// Generated files already handed to a [`Sink`] as they were rendered, by output path;
    /// their bytes are not kept. Empty unless the build was given a sink.
    pub streamed: BTreeSet<String>,
    /// Files copied as they are (content/static and theme assets).
    pub assets: Vec<Asset>,
}

/// How many articles a record's JSON-LD names as its `subjectOf`: the newest, enough for
/// search engines without making every record page heavier as the site grows.
const JSONLD_SUBJECTS: usize = 20;

/// How many of the newest articles the home page gets.
const HOME_ARTICLES: usize = 30;

/// In long article lists (backlinks, keywords, tags), entries past this many show title and
/// date only, so a page listing thousands of articles stays light.
const FULL_CARDS: usize = 30;

/// How many articles the Atom feed carries.
const FEED_ENTRIES: usize = 50;

/// Takes each page as soon as it is rendered (`materia build` writes it into its staging
/// folder), so that a one-shot build of a large site does not hold every page at once.
pub type Sink<'a> = dyn Fn(&str, &[u8]) -> Result<(), Diagnostic> + Sync + 'a;

/// A rendered page: its output path, its HTML, and the key it is cached under.
type Rendered = (String, Arc<[u8]>, u64);

/// Pages of earlier builds, by output path, with the hash of what they were rendered from,
/// so a rebuild re-renders only pages whose variables changed.
#[derive(Default)]
pub struct RenderCache {
    /// Off for one-shot builds: hashing every page's variables only pays when reused.
    pub enabled: bool,
    pages: HashMap<String, (u64, Arc<[u8]>)>,
    /// The parsed templates and the hash of their sources: parsing them again on every
    /// rebuild cost more than rendering the pages an edit touches.
    tera: Option<(u64, Tera)>,
    /// Every article's card and its hash, as the last full render made them, for
    /// [`render_articles`].
    cards: Option<(Vec<CardData>, Vec<u64>)>,
    /// Each article's card text (description or excerpt) and reading time, by file and
    /// source hash: counting the words of every article on every rebuild added up.
    card_texts: HashMap<PathBuf, (u64, CardText)>,
}

impl RenderCache {
    pub fn new(enabled: bool) -> Self {
        RenderCache {
            enabled,
            ..Default::default()
        }
    }
}

/// The variables of each page kind besides those every page gets. Typed rather than built
/// with `json!`, which turned every card of a listing into a map of its own before the page
/// was even hashed.
#[derive(Serialize)]
struct SectionPage<'a> {
    section: SectionView<'a>,
    paginator: Paginator,
}

/// An article, symptom or supplement page: its view, under the name the template knows it
/// by, and the site's medical disclaimer.
struct Disclaimed<'a, V> {
    name: &'static str,
    view: V,
    disclaimer_html: &'a str,
}

impl<V: Serialize> Serialize for Disclaimed<'_, V> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut map = serializer.serialize_map(Some(2))?;
        map.serialize_entry(self.name, &self.view)?;
        map.serialize_entry("disclaimer_html", self.disclaimer_html)?;
        map.end()
    }
}

#[derive(Serialize)]
struct TermPage<'a> {
    kind: &'a str,
    term: Named,
    /// On a person's page: how many of the articles they wrote and how many they reviewed.
    #[serde(skip_serializing_if = "Option::is_none")]
    roles: Option<Roles>,
    /// On the page of a person with a record: who they are (else null).
    person: Option<PersonView<'a>>,
    /// This page's articles.
    articles: Vec<ArticleCard<'a>>,
    paginator: Paginator,
    index_url: String,
}

#[derive(Serialize)]
struct Roles {
    wrote: usize,
    reviewed: usize,
}

#[derive(Serialize)]
struct HomePage<'a, S: Serialize, Y: Serialize, P: Serialize> {
    intro_html: &'a str,
    articles: Vec<ArticleCard<'a>>,
    sections: S,
    symptoms: Y,
    supplements: P,
}

/// Fields every template gets.
#[derive(Serialize)]
struct Page<'a, T: Serialize> {
    site: SiteView<'a>,
    base_path: &'a str,
    page_title: String,
    canonical: String,
    meta_description: String,
    og_type: &'static str,
    jsonld: String,
    breadcrumbs: Vec<Titled>,
    nav: Vec<NavItem<'a>>,
    /// Standalone pages whose `menu` is `footer`.
    footer_nav: Vec<NavItem<'a>>,
    #[serde(flatten)]
    own: T,
}

/// The parts of a page that differ from page to page, before the common fields are added.
struct PageMeta {
    /// Site path without `base_path`, e.g. `/symptoms/fatigue/`.
    path: String,
    title: String,
    description: String,
    og_type: &'static str,
    jsonld: Vec<jsonld::Ld>,
    breadcrumbs: Vec<Titled>,
}

struct Renderer<'a> {
    site: &'a LinkedSite,
    search_index: String,
    c: &'a Catalog,
    tera: Tera,
    today: Date,
    /// Per article, what every listing of it shows: computed once, because an article
    /// appears in many lists (backlinks, related, sections, keywords).
    cards: Vec<CardData>,
    /// The catalog's sections as cards show them, by [`CardData::section`].
    sections: Vec<Titled>,
    /// [`Renderer::card_hash`] of every article, for the keys of the pages that list it.
    card_hashes: Vec<u64>,
    templates_hash: u64,
    /// Hash of the site settings every page shows.
    site_hash: u64,
    /// Standalone pages in the header's navigation and in the footer, in order.
    main_menu: Vec<usize>,
    footer_menu: Vec<usize>,
    caching: bool,
    previous: HashMap<String, (u64, Arc<[u8]>)>,
}

struct CardData {
    /// The card's title, URL, description and date (ISO, then as shown) end to end, in one
    /// allocation: a listing reads the cards of articles from all over the heap, and as
    /// seven strings (and the article's title) a card was as many cache misses.
    text: Box<str>,
    /// Where each of those ends in `text`.
    ends: [u32; 5],
    /// The article's section, by its place in the catalog's sections.
    section: Option<usize>,
    dated: bool,
    reading_minutes: usize,
}

impl CardData {
    fn part(&self, k: usize) -> &str {
        let start = k.checked_sub(1).map_or(0, |j| self.ends[j] as usize);
        self.text.get(start..self.ends[k] as usize).unwrap_or("")
    }

    fn title(&self) -> &str {
        self.part(0)
    }

    fn url(&self) -> &str {
        self.part(1)
    }

    fn description(&self) -> &str {
        self.part(2)
    }

    fn date(&self) -> Option<DateRef<'_>> {
        self.dated.then(|| DateRef {
            iso: self.part(3),
            display: self.part(4),
        })
    }
}

/// What a card shows that comes from the article's text alone.
#[derive(Clone, PartialEq)]
struct CardText {
    description: String,
    reading_minutes: usize,
}

fn card_text(a: &crate::article::Article) -> CardText {
    let words = a.body.words;
    CardText {
        description: match &a.front.description {
            Some(d) if !d.trim().is_empty() => d.trim().to_string(),
            _ => excerpt(a.body.describing_text(), 200),
        },
        reading_minutes: words.div_ceil(220).max(1),
    }
}

fn card_data(c: &Catalog, i: usize, text: CardText) -> CardData {
    let a = &c.articles[i];
    let date = a.front.date.map(DateView::from);
    let (iso, display) = date
        .as_ref()
        .map_or(("", ""), |d| (d.iso.as_str(), d.display.as_str()));
    let url = [&*c.config.base_path, &a.url];
    let parts: [&[&str]; 5] = [
        &[&a.front.title],
        &url,
        &[&text.description],
        &[iso],
        &[display],
    ];
    let mut joined =
        String::with_capacity(parts.iter().flat_map(|p| p.iter()).map(|p| p.len()).sum());
    let mut ends = [0u32; 5];
    for (end, part) in ends.iter_mut().zip(parts) {
        for piece in part {
            joined.push_str(piece);
        }
        *end = u32::try_from(joined.len()).unwrap_or(u32::MAX);
    }
    CardData {
        text: joined.into_boxed_str(),
        ends,
        section: (!a.section.is_empty())
            .then(|| c.sections.iter().position(|s| s.path == a.section))
            .flatten(),
        dated: date.is_some(),
        reading_minutes: text.reading_minutes,
    }
}

/// Renders every page. `search` runs beside the rendering: it is the search stage's second
/// half (its counting ran beside linking), which needs the same linked site, and gives the
/// manifest that the search page inlines (so a query there needs one request fewer, and that
/// page is rendered last) with whatever else it made, returned with the output.
/// Running the two side by side keeps both cores busy through each one's sequential parts.
pub fn render_cached<T: Send>(
    site: &LinkedSite,
    today: Date,
    diags: &Diagnostics,
    progress: &dyn crate::build::Progress,
    cache: &mut RenderCache,
    sink: Option<&Sink>,
    search: impl FnOnce() -> (String, T) + Send,
) -> Option<(Output, T)> {
    let (output, searched) = render_all(site, today, diags, progress, cache, sink, Some(search))?;
    searched.map(|s| (output, s))
}

/// Every page but the search page, whose manifest is not known yet: `serve` shows an edit
/// first and builds the search index after (see [`render_search_page`]).
pub fn render_without_search(
    site: &LinkedSite,
    today: Date,
    diags: &Diagnostics,
    progress: &dyn crate::build::Progress,
    cache: &mut RenderCache,
) -> Option<Output> {
    let none: Option<fn() -> (String, ())> = None;
    render_all(site, today, diags, progress, cache, None, none).map(|(output, _)| output)
}

/// The search page alone, with its manifest: the bytes [`render_cached`] gives it.
pub fn render_search_page(
    site: &LinkedSite,
    today: Date,
    manifest: String,
    diags: &Diagnostics,
    cache: &mut RenderCache,
) -> Option<(String, Arc<[u8]>)> {
    let mut r = Renderer::new(site, today, diags, cache, Cards::None)?;
    r.search_index = manifest;
    keep(vec![r.render_job(&Job::Search)], &mut cache.pages, diags)?.pop()
}

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

/// The rendered pages, each remembered in `cache` under its key for the next build; `None`
/// if any failed (their errors go to `diags`).
fn keep(
    rendered: Vec<Result<Rendered, Diagnostic>>,
    cache: &mut HashMap<String, (u64, Arc<[u8]>)>,
    diags: &Diagnostics,
) -> Option<Vec<(String, Arc<[u8]>)>> {
    let mut pages = Vec::with_capacity(rendered.len());
    // A template problem fails every page the template renders: reported once, at the
    // template line, with a count of the other pages, not once per page.
    let mut failures: Vec<(Diagnostic, usize)> = Vec::new();
    for result in rendered {
        match result {
            Ok((path, html, key)) => {
                if key != 0 {
                    cache.insert(path.clone(), (key, html.clone()));
                }
                pages.push((path, html));
            }
            Err(d) => match failures.iter_mut().find(|(seen, _)| {
                d.location.is_some() && seen.location == d.location && seen.excerpt == d.excerpt
            }) {
                Some((_, others)) => *others += 1,
                None => failures.push((d, 0)),
            },
        }
    }
    if failures.is_empty() {
        return Some(pages);
    }
    for (d, others) in failures {
        diags.push(match others {
            0 => d,
            1 => d.note("one other page fails the same way"),
            n => d.note(format!("{n} other pages fail the same way")),
        });
    }
    None
}

/// Which article cards a renderer works out up front.
#[derive(PartialEq)]
enum Cards {
    /// None: it renders pages that list no articles.
    None,
    /// Every article's, for a full render.
    All,
}

impl<'a> Renderer<'a> {
    fn new(
        site: &'a LinkedSite,
        today: Date,
        diags: &Diagnostics,
        cache: &mut RenderCache,
        cards: Cards,
    ) -> Option<Renderer<'a>> {
        let cards = cards == Cards::All;
        if cards {
            // Whatever happens to this render, the cards of the last one are out of date.
            cache.cards = None;
        }
        let templates_hash = {
            let mut h = DefaultHasher::new();
            for t in &site.catalog.theme.templates {
                t.name.hash(&mut h);
                t.text.hash(&mut h);
            }
            h.finish()
        };
        let tera = match &cache.tera {
            Some((hash, tera)) if *hash == templates_hash => tera.clone(),
            _ => {
                let tera = load_templates(site.catalog.theme.templates.as_slice(), diags)?;
                if cache.enabled {
                    cache.tera = Some((templates_hash, tera.clone()));
                }
                tera
            }
        };
        let c = &site.catalog;
        let mut r = Renderer {
            site,
            search_index: String::new(),
            c,
            tera,
            today,
            templates_hash,
            site_hash: {
                let cfg = &c.config;
                let mut h = DefaultHasher::new();
                (
                    &cfg.title,
                    &cfg.base_url,
                    &cfg.base_path,
                    &cfg.language,
                    &cfg.description,
                )
                    .hash(&mut h);
                // The disclaimer as shown: its links' targets are other pages' URLs.
                (&site.disclaimer, cfg.review_interval_days).hash(&mut h);
                // JSON values have no `Hash`; their text stands in for them.
                serde_json::to_string(&cfg.extra)
                    .unwrap_or_default()
                    .hash(&mut h);
                for page in &c.pages {
                    (
                        &page.url,
                        &page.front.title,
                        page.front.menu,
                        page.front.weight,
                    )
                        .hash(&mut h);
                }
                h.finish()
            },
            main_menu: menu(c, Menu::Main),
            footer_menu: menu(c, Menu::Footer),
            caching: cache.enabled,
            previous: if cards {
                std::mem::take(&mut cache.pages)
            } else {
                HashMap::new()
            },
            cards: if cards {
                cards_of(c, cache)
            } else {
                Vec::new()
            },
            sections: c
                .sections
                .iter()
                .map(|s| Titled {
                    title: s.title.clone(),
                    url: s.url.clone(),
                })
                .collect(),
            card_hashes: Vec::new(),
        };
        if r.caching && cards {
            r.card_hashes = (0..c.articles.len())
                .into_par_iter()
                .map(|i| r.card_hash(i))
                .collect();
        }
        Some(r)
    }
}

/// What every listing shows of each article, from the cache where the article is unchanged.
fn cards_of(c: &Catalog, cache: &mut RenderCache) -> Vec<CardData> {
    let texts: Vec<CardText> = c
        .articles
        .par_iter()
        .map(|a| match cache.card_texts.get(&a.path) {
            Some((hash, text)) if *hash == a.source_hash => text.clone(),
            _ => card_text(a),
        })
        .collect();
    if cache.enabled {
        cache.card_texts = c
            .articles
            .iter()
            .zip(&texts)
            .map(|(a, t)| (a.path.clone(), (a.source_hash, t.clone())))
            .collect();
    }
    texts
        .into_par_iter()
        .enumerate()
        .map(|(i, text)| card_data(c, i, text))
        .collect()
}

fn render_all<T: Send>(
    site: &LinkedSite,
    today: Date,
    diags: &Diagnostics,
    progress: &dyn crate::build::Progress,
    cache: &mut RenderCache,
    sink: Option<&Sink>,
    search: Option<impl FnOnce() -> (String, T) + Send>,
) -> Option<(Output, Option<T>)> {
    let mut r = Renderer::new(site, today, diags, cache, Cards::All)?;
    let c = &site.catalog;
    let mut jobs: Vec<Job> = vec![
        Job::Home,
        Job::SymptomIndex,
        Job::SupplementIndex,
        Job::KeywordIndex,
        Job::TagIndex,
        Job::AuthorIndex,
        Job::NotFound,
    ];
    jobs.extend((0..c.pages.len()).map(Job::Page));
    jobs.extend((0..c.articles.len()).map(Job::Article));
    for (listing, n) in [
        (List::Section, c.sections.len()),
        (List::Keyword, c.keywords.len()),
        (List::Tag, c.tags.len()),
        (List::Author, c.authors.len()),
    ] {
        for i in 0..n {
            jobs.extend(list_jobs(site, listing, i));
        }
    }
    jobs.extend((0..c.symptoms.len()).map(Job::Symptom));
    jobs.extend((0..c.supplements.len()).map(Job::Supplement));
    // An alias written twice by one page is one redirect; the catalog refused one claimed
    // by two.
    let mut redirects: Vec<(String, &str)> = c
        .articles
        .iter()
        .map(|a| (&a.front.aliases, a.url.as_str()))
        .chain(c.pages.iter().map(|p| (&p.front.aliases, p.url.as_str())))
        .flat_map(|(aliases, url)| {
            aliases
                .iter()
                .map(move |alias| (crate::catalog::alias_page("", alias), url))
        })
        .collect();
    redirects.sort_unstable();
    redirects.dedup();
    jobs.extend(
        redirects
            .into_iter()
            .map(|(path, url)| Job::Redirect(path, url.to_string())),
    );
    progress.stage("rendering", jobs.len() + usize::from(search.is_some()));
    let render_jobs = || -> Vec<Result<Rendered, Diagnostic>> {
        jobs.par_iter()
            .map(|job| {
                let page = r.render_job(job).and_then(|(path, html, key)| match sink {
                    // Handed on and dropped here; `keep` sees an empty page.
                    Some(sink) => sink(&path, &html).map(|()| (path, Arc::default(), key)),
                    None => Ok((path, html, key)),
                });
                progress.step();
                page
            })
            .collect()
    };
    let (mut rendered, searched) = match search {
        Some(search) => {
            let ((manifest, searched), rendered) = rayon::join(search, render_jobs);
            (rendered, Some((manifest, searched)))
        }
        None => {
            let mut rendered = render_jobs();
            // Rendered for its errors only: a broken search template fails this build, as
            // it fails a full one.
            if let Err(d) = r.render_job(&Job::Search) {
                rendered.push(Err(d));
            }
            (rendered, None)
        }
    };
    let searched = searched.map(|(manifest, searched)| {
        r.search_index = manifest;
        rendered.push(r.render_job(&Job::Search));
        progress.step();
        searched
    });
    let mut output = Output::default();
    // Streamed pages are not kept, so they must not be cached as empty either.
    let mut unkept = HashMap::new();
    let kept = if sink.is_some() {
        &mut unkept
    } else {
        &mut cache.pages
    };
    let mut pages = keep(rendered, kept, diags)?;
    if sink.is_some() {
        // The jobs' pages come first, all streamed; the search page after them was not.
        let rest = pages.split_off(jobs.len());
        output.streamed = pages.into_iter().map(|(path, _)| path).collect();
        pages = rest;
    }
    output.pages.extend(pages);
    r.machine_files(&mut output);
    if cache.enabled {
        cache.cards = Some((
            std::mem::take(&mut r.cards),
            std::mem::take(&mut r.card_hashes),
        ));
    }
    for asset in &c.assets {
        if output.pages.contains_key(&asset.url_path) || output.streamed.contains(&asset.url_path) {
            diags.push(
                Diagnostic::error(format!(
                    "static file `{}` would overwrite a generated page",
                    asset.url_path
                ))
                .hint("rename or remove the static file; Materia writes that path itself"),
            );
        } else {
            output.assets.push(asset.clone());
        }
    }
    Some((output, searched))
}

#[derive(Clone, PartialEq, Eq, PartialOrd, Ord)]
enum Job {
    Home,
    Article(usize),
    /// A list of articles (which, and its index), and which of its pages (from 1).
    List(List, usize, usize),
    /// `page/1/` of a list split into pages, which sends readers to the list's own URL.
    FirstPage(List, usize),
    Symptom(usize),
    Supplement(usize),
    SymptomIndex,
    SupplementIndex,
    KeywordIndex,
    TagIndex,
    AuthorIndex,
    Search,
    NotFound,
    /// An alias's page (its path without `base_path`) and the URL it sends readers to.
    Redirect(String, String),
    /// A standalone page of `content/pages/`.
    Page(usize),
}

/// The standalone pages in `menu`, by weight, then title.
fn menu(c: &Catalog, menu: Menu) -> Vec<usize> {
    let mut pages: Vec<usize> = (0..c.pages.len())
        .filter(|&k| c.pages[k].front.menu == Some(menu))
        .collect();
    pages.sort_by(|&a, &b| {
        let (a, b) = (&c.pages[a].front, &c.pages[b].front);
        a.weight.cmp(&b.weight).then_with(|| a.title.cmp(&b.title))
    });
    pages
}

/// The schema.org type of a standalone page at `url`: an about or contact page says so, as
/// search engines read the publisher's trust pages by it.
fn page_kind(url: &str) -> &'static str {
    let last = url.trim_end_matches('/').rsplit('/').next().unwrap_or("");
    if last.starts_with("about") {
        "AboutPage"
    } else if last.starts_with("contact") {
        "ContactPage"
    } else {
        "WebPage"
    }
}

/// What `page.html` gets as `page`.
#[derive(Serialize)]
struct StandalonePage<'a> {
    title: &'a str,
    url: String,
    content_html: &'a str,
    updated: Option<DateView>,
    extra: &'a crate::structured::Extra,
}

/// The lists of articles that are split into pages.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum List {
    Section,
    Keyword,
    Tag,
    Author,
}

/// The articles of a list, in the catalog's order (a section's are sorted when shown).
fn list_articles(site: &LinkedSite, listing: List, i: usize) -> &[usize] {
    match listing {
        List::Section => &site.catalog.sections[i].articles,
        List::Keyword => &site.backlinks.keyword_articles[i],
        List::Tag => &site.backlinks.tag_articles[i],
        List::Author => &site.backlinks.author_articles[i],
    }
}

/// A list's URL, with `base_path`.
fn list_url(site: &LinkedSite, listing: List, i: usize) -> &str {
    let c = &site.catalog;
    match listing {
        List::Section => &c.sections[i].url,
        List::Keyword => &c.keywords[i].url,
        List::Tag => &c.tags[i].url,
        List::Author => &c.authors[i].url,
    }
}

/// An address elsewhere with its host, as pages name it (`example.org/path` →
/// `example.org`).
fn link_with_host(url: &str) -> ProductLink<'_> {
    ProductLink {
        url,
        host: crate::catalog::normalise_url(url)
            .map(|n| n.split('/').next().unwrap_or("").to_string())
            .unwrap_or_default(),
    }
}

/// The pages of a list: each of its pages, and the `page/1/` redirect when there are more.
fn list_jobs(site: &LinkedSite, listing: List, i: usize) -> impl Iterator<Item = Job> {
    let pages = page_count(
        list_articles(site, listing, i).len(),
        site.catalog.config.paginate_by,
    );
    (1..=pages)
        .map(move |p| Job::List(listing, i, p))
        .chain((pages > 1).then_some(Job::FirstPage(listing, i)))
}

/// Tera's escaper: the five characters HTML needs, as everywhere else in the page (Tera's
/// own also turns `/` into `&#x2F;`, which makes every URL unreadable), written straight
/// into the page.
fn escape_html(input: &str, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    crate::autolink::escape_pieces(input, |piece| out.write_all(piece.as_bytes()))
}

fn load_templates(templates: &[crate::theme::TemplateSource], diags: &Diagnostics) -> Option<Tera> {
    let mut tera = Tera::default();
    tera.autoescape_on(vec![".html", ".htm", ".xml"]);
    tera.set_escape_fn(escape_html);
    let raw: Vec<(&str, &str)> = templates
        .iter()
        .map(|t| (t.name.as_str(), t.text.as_str()))
        .collect();
    match tera.add_raw_templates(raw) {
        Ok(()) => Some(tera),
        Err(e) => {
            for problem in template_problems(&e) {
                diags.push(
                    problem
                        .diagnostic(templates, "theme template error: ")
                        .hint(
                            "fix the template's Tera 2 syntax (https://keats.github.io/tera/docs/)",
                        ),
                );
            }
            None
        }
    }
}

/// One problem as Tera reports it: the message, the template and position it names, and
/// the source lines under that (Tera prints its errors rustc-style too).
#[derive(Debug, PartialEq)]
struct TemplateProblem {
    message: String,
    at: Option<(String, usize, usize)>,
    excerpt: Option<String>,
}

impl TemplateProblem {
    /// A diagnostic at the theme file's line and column. The built-in theme's templates
    /// have no file, so those are named in the message instead.
    fn diagnostic(self, templates: &[crate::theme::TemplateSource], prefix: &str) -> Diagnostic {
        let mut message = format!("{prefix}{}", self.message);
        let mut file = None;
        if let Some((name, line, col)) = &self.at {
            match templates.iter().find(|t| &t.name == name).map(|t| &t.path) {
                Some(Some(path)) => file = Some((path, *line, *col)),
                Some(None) => message.push_str(&format!(
                    " (in the built-in `{name}`, line {line}, column {col})"
                )),
                None => {}
            }
        }
        let d = Diagnostic::error(message).maybe_excerpt(self.excerpt);
        match file {
            Some((path, line, col)) => d.at(path, line, col),
            None => d,
        }
    }
}

/// Splits a Tera error into its problems. Tera 2 reports every problem of a template set at
/// once, as rustc-style blocks (`error: …`, ` --> name:line:col`, the source line and a
/// caret, then any `note:` blocks) separated by blank lines.
fn template_problems(e: &tera::Error) -> Vec<TemplateProblem> {
    let text = error_chain(e);
    let mut problems: Vec<TemplateProblem> = Vec::new();
    for block in text.split("\n\n") {
        if block.starts_with("note:") {
            if let Some(last) = problems.last_mut() {
                let excerpt = last.excerpt.get_or_insert_with(String::new);
                excerpt.push('\n');
                excerpt.push_str(block);
                continue;
            }
        }
        let mut lines = block.lines();
        let first = lines.next().unwrap_or_default();
        let message = first.strip_prefix("error: ").unwrap_or(first).to_string();
        let rest: Vec<&str> = lines.collect();
        let at = rest.first().and_then(|l| {
            let (name, position) = l
                .trim_start()
                .strip_prefix("--> ")?
                .rsplit_once(':')
                .and_then(|(head, col)| {
                    let (name, line) = head.rsplit_once(':')?;
                    Some((name, (line.parse().ok()?, col.parse().ok()?)))
                })?;
            Some((name.to_string(), position.0, position.1))
        });
        let excerpt = match at {
            Some(_) if rest.len() > 1 => Some(rest[1..].join("\n")),
            _ if rest.is_empty() => None,
            _ => Some(rest.join("\n")),
        };
        problems.push(TemplateProblem {
            message,
            at,
            excerpt,
        });
    }
    problems
}

/// An error and its sources, one line each.
fn error_chain(e: &dyn std::error::Error) -> String {
    let mut parts = vec![e.to_string()];
    let mut source = e.source();
    while let Some(s) = source {
        parts.push(s.to_string());
        source = s.source();
    }
    parts.join("\n")
}

/// Feeds what is written to it into a hasher: a page's variables are hashed as their JSON
/// text, written straight into the hash. Building them as a `serde_json::Value` first, as
/// before, allocated a map per card of every listing page on every rebuild.
struct HashWriter<'h>(&'h mut DefaultHasher);

impl std::io::Write for HashWriter<'_> {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.write(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Output file for a site path: `/a/b/` → `a/b/index.html`, `/x.html` → `x.html`.
pub fn file_for(path: &str) -> String {
    let trimmed = path.trim_start_matches('/');
    if trimmed.is_empty() {
        "index.html".into()
    } else if trimmed.ends_with('/') {
        [trimmed, "index.html"].concat()
    } else {
        trimmed.to_string()
    }
}

/// A plain-text excerpt of about `max` characters, cut at a word.
pub fn excerpt(text: &str, max: usize) -> String {
    // The text with single spaces, but only as far as the cut: article bodies are long,
    // and every card takes an excerpt of one.
    let mut flat = String::new();
    let mut chars = 0;
    for word in markdown::spaced_words(text) {
        if chars > max {
            break;
        }
        if !flat.is_empty() {
            flat.push(' ');
            chars += 1;
        }
        flat.push_str(word);
        chars += word.chars().count();
    }
    if chars <= max {
        return flat;
    }
    let cut: String = flat.chars().take(max).collect();
    let at = cut.rfind(' ').unwrap_or(cut.len());
    format!("{}…", cut[..at].trim_end_matches([',', ';', ':', '.', ' ']))
}

impl Renderer<'_> {
    fn base(&self) -> &str {
        &self.c.config.base_path
    }

    fn abs(&self, path: &str) -> String {
        self.c.config.absolute(path)
    }

    /// The absolute address of a record's page: `kind` is `symptoms` or `supplements`.
    fn abs_record(&self, kind: &str, id: &str) -> String {
        [&*self.c.config.base_url, "/", kind, "/", id, "/"].concat()
    }

    fn home_crumb(&self) -> Titled {
        Titled {
            title: "Home".into(),
            url: [self.base(), "/"].concat(),
        }
    }

    fn finish<T: Serialize>(
        &self,
        template: &str,
        meta: PageMeta,
        own: T,
    ) -> Result<Rendered, Diagnostic> {
        self.finish_keyed(template, meta, own, None)
    }

    /// [`Self::finish`] for a page whose cache key is already known from what it depends on.
    fn finish_keyed<T: Serialize>(
        &self,
        template: &str,
        meta: PageMeta,
        own: T,
        known_key: Option<u64>,
    ) -> Result<Rendered, Diagnostic> {
        let canonical = self.abs(&meta.path);
        let mut jsonld = meta.jsonld;
        if !meta.breadcrumbs.is_empty() {
            let mut trail: Vec<(String, String)> = meta
                .breadcrumbs
                .iter()
                .map(|b| {
                    (
                        b.title.clone(),
                        self.c.config.base_url.clone()
                            + b.url.strip_prefix(self.base()).unwrap_or(&b.url),
                    )
                })
                .collect();
            trail.push((meta.title.clone(), canonical.clone()));
            jsonld.push(jsonld::breadcrumb_list(&trail));
        }
        let nav_items = [
            ("Articles", "/articles/"),
            ("Symptoms", "/symptoms/"),
            ("Supplements", "/supplements/"),
            ("Keywords", "/keywords/"),
        ];
        let page_item = |&k: &usize| {
            let page = &self.c.pages[k];
            NavItem {
                title: &page.front.title,
                url: [self.base(), &page.url].concat(),
                current: meta.path.starts_with(&page.url),
            }
        };
        let nav = nav_items
            .iter()
            .map(|&(title, p)| NavItem {
                title,
                url: [self.base(), p].concat(),
                current: meta.path.starts_with(p),
            })
            .chain(self.main_menu.iter().map(page_item))
            .collect();
        let footer_nav = self.footer_menu.iter().map(page_item).collect();
        let page = Page {
            site: self.site_view(),
            base_path: self.base(),
            page_title: meta.title,
            canonical,
            meta_description: excerpt(&meta.description, 160),
            og_type: meta.og_type,
            jsonld: jsonld::scripts(&jsonld),
            breadcrumbs: meta.breadcrumbs,
            nav,
            footer_nav,
            own,
        };
        let path = file_for(&meta.path);
        let prepare_error = |e: &dyn std::error::Error| {
            Diagnostic::error(format!("cannot prepare `{template}`: {}", error_chain(e)))
        };
        let (context, key) = if let Some(key) = known_key {
            (
                tera::Context::from_serialize(&page).map_err(|e| prepare_error(&e))?,
                key,
            )
        } else if self.caching {
            // Same template set, same template, same variables: same page as last time.
            let key = {
                let mut h = DefaultHasher::new();
                self.templates_hash.hash(&mut h);
                template.hash(&mut h);
                keying(|| serde_json::to_writer(HashWriter(&mut h), &page))
                    .map_err(|e| prepare_error(&e))?;
                h.finish()
            };
            if let Some((k, html)) = self.previous.get(&path) {
                if *k == key {
                    return Ok((path, Arc::clone(html), key));
                }
            }
            (
                tera::Context::from_serialize(&page).map_err(|e| prepare_error(&e))?,
                key,
            )
        } else {
            (
                tera::Context::from_serialize(&page).map_err(|e| prepare_error(&e))?,
                0,
            )
        };
        let mut html = Vec::with_capacity(48 * 1024);
        self.tera
            .render_to(template, &context, &mut html)
            .map_err(|e| self.render_error(template, &meta.path, &e))?;
        Ok((path, Arc::from(html), key))
    }

    fn render_job(&self, job: &Job) -> Result<Rendered, Diagnostic> {
        match job {
            Job::Home => self.home(),
            Job::Article(i) => self.article(*i),
            Job::List(List::Section, i, page) => self.section(*i, *page),
            Job::List(listing, i, page) => self.term(*listing, *i, *page),
            Job::FirstPage(listing, i) => {
                let url = list_url(self.site, *listing, *i);
                let url = url.strip_prefix(self.base()).unwrap_or(url);
                self.redirect_page(&[url, "page/1/"].concat(), self.abs(url))
            }
            Job::Symptom(i) => self.symptom(*i),
            Job::Supplement(i) => self.supplement(*i),
            Job::SymptomIndex => self.list("symptoms"),
            Job::SupplementIndex => self.list("supplements"),
            Job::KeywordIndex => self.list("keywords"),
            Job::TagIndex => self.list("tags"),
            Job::AuthorIndex => self.list("authors"),
            Job::Search => self.simple(
                "search.html",
                "/search/",
                "Search",
                json!({
                    "keywords_url": format!("{}/keywords/", self.base()),
                    "search_index": self.search_index,
                }),
            ),
            Job::NotFound => self.simple("404.html", "/404.html", "Page not found", json!({})),
            Job::Page(i) => self.standalone(*i),
            Job::Redirect(path, url) => self.redirect_page(path, self.abs(url)),
        }
    }

    fn simple(
        &self,
        template: &str,
        path: &str,
        title: &str,
        own: Value,
    ) -> Result<Rendered, Diagnostic> {
        let meta = PageMeta {
            path: path.into(),
            title: title.into(),
            description: self.c.config.description.clone(),
            og_type: "website",
            jsonld: vec![jsonld::web_page("WebPage", title, &self.abs(path))],
            breadcrumbs: vec![],
        };
        self.finish(template, meta, own)
    }

    /// The site settings every template gets as `site`.
    fn site_view(&self) -> SiteView<'_> {
        let cfg = &self.c.config;
        SiteView {
            title: &cfg.title,
            description: &cfg.description,
            language: &cfg.language,
            base_url: &cfg.base_url,
            extra: &cfg.extra,
        }
    }

    /// A standalone page of `content/pages/`.
    fn standalone(&self, i: usize) -> Result<Rendered, Diagnostic> {
        let p = &self.c.pages[i];
        let fm = &p.front;
        let canonical = self.abs(&p.url);
        let meta = PageMeta {
            path: p.url.clone(),
            title: fm.title.clone(),
            description: fm
                .description
                .clone()
                .unwrap_or_else(|| p.body.describing_text().to_string()),
            og_type: "website",
            jsonld: vec![jsonld::web_page(page_kind(&p.url), &fm.title, &canonical)],
            breadcrumbs: vec![self.home_crumb()],
        };
        let page = StandalonePage {
            title: &fm.title,
            url: [self.base(), &p.url].concat(),
            content_html: &self.site.pages[i],
            updated: fm.updated.map(DateView::from),
            extra: &fm.extra,
        };
        self.finish("page.html", meta, json!({ "page": page }))
    }

    /// A page at `path` (without `base_path`) that sends readers to `target`.
    fn redirect_page(&self, path: &str, target: String) -> Result<Rendered, Diagnostic> {
        let site = self.site_view();
        let context = tera::Context::from_serialize(
            &json!({"target": target, "base_path": self.base(), "site": site}),
        )
        .map_err(|e| Diagnostic::error(e.to_string()))?;
        let html = self
            .tera
            .render("redirect.html", &context)
            .map_err(|e| self.render_error("redirect.html", path, &e))?;
        Ok((file_for(path), Arc::from(html.into_bytes()), 0))
    }

    /// The first problem of a page's failed render, at the template line it names. Tera
    /// stops at the first problem of a render, so there is only one to report.
    fn render_error(&self, template: &str, page: &str, e: &tera::Error) -> Diagnostic {
        let prefix = format!("template `{template}` failed on {page}: ");
        let d = match template_problems(e).into_iter().next() {
            Some(problem) => problem.diagnostic(&self.c.theme.templates, &prefix),
            None => Diagnostic::error(format!("{prefix}{e}")),
        };
        d.hint("check the variable names against docs/themes.md")
    }

    fn reading_minutes(&self, i: usize) -> usize {
        self.cards[i].reading_minutes
    }

    fn description(&self, i: usize) -> String {
        self.cards[i].description().to_string()
    }

    fn section_of(&self, i: usize) -> Option<&Titled> {
        self.cards[i].section.and_then(|k| self.sections.get(k))
    }

    fn card(&self, i: usize) -> ArticleCard<'_> {
        let data = &self.cards[i];
        ArticleCard {
            title: data.title(),
            url: data.url(),
            description: data.description(),
            section: self.section_of(i),
            date: data.date(),
            reading_minutes: data.reading_minutes,
            key: self.card_hashes.get(i).copied().unwrap_or_default(),
        }
    }

    /// Cards for a long list: the first [`FULL_CARDS`] in full, the rest compact.
    fn list_cards(&self, articles: &[usize]) -> Vec<ArticleCard<'_>> {
        articles
            .iter()
            .enumerate()
            .map(|(n, &a)| {
                let mut card = self.card(a);
                if n >= FULL_CARDS {
                    card.description = "";
                    card.section = None;
                    // A compact card shows less than the full one: a key of its own, so an
                    // edit to an article's description leaves pages where it is compact as
                    // they were.
                    if self.caching {
                        let mut h = DefaultHasher::new();
                        let date = self.c.articles[a].front.date;
                        ("compact", card.title, card.url, date, card.reading_minutes).hash(&mut h);
                        card.key = h.finish();
                    }
                }
                card
            })
            .collect()
    }

    fn symptom_card(&self, i: usize) -> RecordCard<'_> {
        let s = &self.c.symptoms[i];
        RecordCard {
            id: &s.id,
            name: &s.name,
            url: &self.c.symptom_urls[i],
            summary: &s.summary,
        }
    }

    fn supplement_card(&self, i: usize) -> RecordCard<'_> {
        let s = &self.c.supplements[i];
        RecordCard {
            id: &s.id,
            name: &s.name,
            url: &self.c.supplement_urls[i],
            summary: &s.summary,
        }
    }

    fn sources<'b>(&self, refs: &'b [crate::front_matter::Reference]) -> Vec<SourceView<'b>> {
        refs.iter()
            .map(|r| SourceView {
                title: &r.title,
                url: r.url.as_deref(),
            })
            .collect()
    }

    fn section_crumbs(&self, path: &[String]) -> Vec<Titled> {
        let mut crumbs = vec![self.home_crumb()];
        for depth in 0..path.len() {
            if let Some(s) = self.c.sections.iter().find(|s| s.path == path[..depth]) {
                crumbs.push(Titled {
                    title: s.title.clone(),
                    url: s.url.clone(),
                });
            }
        }
        crumbs
    }

    /// Everything an article page shows, as a hash: the article's own file, its linked body
    /// and lists, and the names, URLs and summaries of every page it lists. Cheaper than
    /// building the page's variables, which is what makes rebuilds of large sites fast.
    fn article_key(&self, i: usize) -> u64 {
        let c = self.c;
        let a = &c.articles[i];
        let linked = &self.site.articles[i];
        let mut h = DefaultHasher::new();
        (self.templates_hash, self.site_hash, self.today).hash(&mut h);
        (&a.path, a.source_hash, &a.url, &a.section).hash(&mut h);
        // Everything the article was linked from: its body and lists follow from it.
        linked.key.hash(&mut h);
        for &s in &linked.symptoms {
            let r = &c.symptoms[s];
            (&r.id, &r.name, &r.summary, &c.symptom_urls[s]).hash(&mut h);
        }
        0u8.hash(&mut h);
        for &s in &linked.supplements {
            let r = &c.supplements[s];
            (&r.id, &r.name, &r.summary, &c.supplement_urls[s]).hash(&mut h);
        }
        0u8.hash(&mut h);
        for &k in &c.article_keywords[i] {
            (&c.keywords[k].name, &c.keywords[k].url).hash(&mut h);
        }
        0u8.hash(&mut h);
        for &t in &c.article_tags[i] {
            (&c.tags[t].name, &c.tags[t].url).hash(&mut h);
        }
        0u8.hash(&mut h);
        // The byline links each person by the way the article writes them, which a record
        // elsewhere may claim.
        for name in a.front.authors.iter().chain(&a.front.reviewed_by) {
            self.person_url(name).hash(&mut h);
        }
        0u8.hash(&mut h);
        for &r in &self.site.backlinks.related[i] {
            self.card_hashes[r].hash(&mut h);
        }
        for crumb in self.section_crumbs(&a.section) {
            (crumb.title, crumb.url).hash(&mut h);
        }
        h.finish()
    }

    fn card_hash(&self, i: usize) -> u64 {
        let a = &self.c.articles[i];
        let d = &self.cards[i];
        let mut h = DefaultHasher::new();
        (
            &a.front.title,
            a.front.date,
            d.url(),
            d.description(),
            d.reading_minutes,
        )
            .hash(&mut h);
        self.section_of(i).map(|s| (&s.title, &s.url)).hash(&mut h);
        h.finish()
    }

    fn article(&self, i: usize) -> Result<Rendered, Diagnostic> {
        let c = self.c;
        let a = &c.articles[i];
        let key = self.caching.then(|| self.article_key(i));
        if let (Some(key), Some((previous, html))) = (key, self.previous.get(&file_for(&a.url))) {
            if key == *previous {
                return Ok((file_for(&a.url), Arc::clone(html), key));
            }
        }
        let linked = &self.site.articles[i];
        let fm = &a.front;
        let path = a.url.clone();
        let canonical = self.abs(&path);
        let mut crumbs = self.section_crumbs(&a.section);
        if let Some(s) = self.section_of(i) {
            crumbs.push(s.clone());
        }
        let review_due = fm
            .reviewed_on
            .and_then(|on| c.config.review_due(on))
            .is_some_and(|due| due < self.today);
        let description = self.description(i);
        let site_url = self.abs("/");
        let mut page = jsonld::MedicalWebPage::new(
            &fm.title,
            &canonical,
            jsonld::organization(&c.config.title, site_url.clone()),
        );
        page.about = linked
            .symptoms
            .iter()
            .map(|&s| jsonld::Thing {
                kind: "MedicalSignOrSymptom",
                name: &c.symptoms[s].name,
                url: self.abs_record("symptoms", &c.symptoms[s].id),
            })
            .chain(linked.supplements.iter().map(|&s| jsonld::Thing {
                kind: "DietarySupplement",
                name: &c.supplements[s].name,
                url: self.abs_record("supplements", &c.supplements[s].id),
            }))
            .collect();
        page.author = if fm.authors.is_empty() {
            vec![jsonld::organization(&c.config.title, site_url)]
        } else {
            fm.authors
                .iter()
                .map(|n| jsonld::person(n, self.person_url(n).map(|u| [self.origin(), u].concat())))
                .collect()
        };
        page.citation = a
            .references
            .iter()
            .map(|r| jsonld::creative_work(&r.title, r.url.as_deref()))
            .collect();
        page.date_modified = fm.updated.or(fm.date).map(|d| d.iso());
        page.date_published = fm.date.map(|d| d.iso());
        page.description = &description;
        page.in_language = &c.config.language;
        page.keywords = c.article_keywords[i]
            .iter()
            .map(|&k| c.keywords[k].name.as_str())
            .collect::<Vec<_>>()
            .join(", ");
        page.last_reviewed = fm.reviewed_on.map(|d| d.iso());
        page.reviewed_by = fm
            .reviewed_by
            .as_deref()
            .map(|n| jsonld::person(n, self.person_url(n).map(|u| [self.origin(), u].concat())));
        // Site paths carry `base_path` already; external pictures are absolute.
        let image = linked.image.as_ref().map(|p| match p.starts_with('/') {
            true => [self.origin(), p].concat(),
            false => p.clone(),
        });
        page.image = image.clone();
        let mut ld = vec![jsonld::Ld::of(&page)];
        if !a.body.faq.is_empty() {
            let entries = a
                .body
                .faq
                .iter()
                .map(|f| (f.question.as_str(), f.answer.as_str()));
            ld.push(jsonld::faq_page(&canonical, entries));
        }
        let view = ArticleView {
            title: &fm.title,
            url: [self.base(), &a.url].concat(),
            description: description.clone(),
            section: self.section_of(i).cloned(),
            date: fm.date.map(DateView::from),
            updated: fm.updated.map(DateView::from),
            reviewed_on: fm.reviewed_on.map(DateView::from),
            review_due,
            authors: &fm.authors,
            author_links: fm
                .authors
                .iter()
                .map(|n| Named {
                    name: n.clone(),
                    url: self.person_url(n).unwrap_or_default().to_string(),
                })
                .collect(),
            reviewer_url: fm.reviewed_by.as_deref().and_then(|n| self.person_url(n)),
            reviewed_by: fm.reviewed_by.as_deref(),
            reading_minutes: self.reading_minutes(i),
            content_html: &linked.html,
            image,
            image_width: linked.image_size.map(|s| s.0),
            image_height: linked.image_size.map(|s| s.1),
            toc: a
                .body
                .toc
                .iter()
                .map(|t| TocView {
                    level: t.level,
                    id: &t.id,
                    title: &t.title,
                })
                .collect(),
            references: self.sources(&a.references),
            keywords: c.article_keywords[i]
                .iter()
                .map(|&k| Named {
                    name: c.keywords[k].name.clone(),
                    url: c.keywords[k].url.clone(),
                })
                .collect(),
            tags: c.article_tags[i]
                .iter()
                .map(|&t| Named {
                    name: c.tags[t].name.clone(),
                    url: c.tags[t].url.clone(),
                })
                .collect(),
            symptoms: linked
                .symptoms
                .iter()
                .map(|&s| self.symptom_card(s))
                .collect(),
            supplements: linked
                .supplements
                .iter()
                .map(|&s| self.supplement_card(s))
                .collect(),
            related: self.site.backlinks.related[i]
                .iter()
                .map(|&r| self.card(r))
                .collect(),
            has_product_links: linked.has_product_links,
            extra: &fm.extra,
        };
        let meta = PageMeta {
            path,
            title: fm.title.clone(),
            description,
            og_type: "article",
            jsonld: ld,
            breadcrumbs: crumbs,
        };
        self.finish_keyed(
            "article.html",
            meta,
            Disclaimed {
                name: "article",
                view,
                disclaimer_html: &self.site.disclaimer,
            },
            key,
        )
    }

    fn section(&self, i: usize, page: usize) -> Result<Rendered, Diagnostic> {
        let s = &self.c.sections[i];
        let mut articles = s.articles.clone();
        self.sort_newest_first(&mut articles);
        let (paginator, meta) = self.list_page(
            &s.url,
            page,
            &articles,
            &s.title,
            format!("{} articles on {}.", s.title, self.c.config.title),
            self.section_crumbs(&s.path),
        );
        let view = SectionView {
            title: &s.title,
            url: &s.url,
            articles: self.list_cards(paginator.slice(&articles)),
            // Sub-sections lead the section: on its first page only.
            subsections: if page == 1 {
                s.children
                    .iter()
                    .map(|&ch| self.section_summary(ch))
                    .collect()
            } else {
                Vec::new()
            },
        };
        self.finish(
            "section.html",
            meta,
            SectionPage {
                section: view,
                paginator,
            },
        )
    }

    /// Page `page` of the list of `articles` at `url`: what to offer of its other pages,
    /// and its title, description, JSON-LD and breadcrumbs (after the first page, the
    /// trail passes through the first).
    fn list_page(
        &self,
        url: &str,
        page: usize,
        articles: &[usize],
        title: &str,
        description: String,
        mut breadcrumbs: Vec<Titled>,
    ) -> (Paginator, PageMeta) {
        let paginator = Paginator::new(url, page, articles.len(), self.c.config.paginate_by);
        let first = url.strip_prefix(self.base()).unwrap_or(url);
        let path = page_url(first, page);
        let (title, description) = if page == 1 {
            (title.to_string(), description)
        } else {
            breadcrumbs.push(Titled {
                title: title.to_string(),
                url: url.to_string(),
            });
            let total = paginator.total;
            (
                format!("{title} (page {page} of {total})"),
                format!("{description} Page {page} of {total}."),
            )
        };
        let meta = PageMeta {
            jsonld: vec![jsonld::web_page("CollectionPage", &title, &self.abs(&path))],
            path,
            title,
            description,
            og_type: "website",
            breadcrumbs,
        };
        (paginator, meta)
    }

    fn section_count(&self, i: usize) -> usize {
        let s = &self.c.sections[i];
        s.articles.len()
            + s.children
                .iter()
                .map(|&c| self.section_count(c))
                .sum::<usize>()
    }

    fn section_summary(&self, i: usize) -> SectionSummary {
        let s = &self.c.sections[i];
        SectionSummary {
            title: s.title.clone(),
            url: s.url.clone(),
            count: self.section_count(i),
        }
    }

    fn sort_newest_first(&self, articles: &mut [usize]) {
        let rank = &self.site.backlinks.newest_first;
        let mut pos = vec![0; rank.len()];
        for (r, &a) in rank.iter().enumerate() {
            pos[a] = r;
        }
        articles.sort_by_key(|&a| pos[a]);
    }

    fn symptom(&self, i: usize) -> Result<Rendered, Diagnostic> {
        let c = self.c;
        let s = &c.symptoms[i];
        let linked = &self.site.symptoms[i];
        let path = format!("/symptoms/{}/", s.id);
        let view = SymptomView {
            id: &s.id,
            name: &s.name,
            url: &c.symptom_urls[i],
            aliases: &s.aliases,
            body_system: s.body_system.as_deref(),
            summary: &s.summary,
            description_html: linked.description.clone(),
            seek_care_html: linked.extra.clone(),
            related_symptoms: s
                .related_symptoms
                .iter()
                .filter_map(|r| c.symptom_ids.get(&r.id))
                .map(|&j| self.symptom_card(j))
                .collect(),
            related_supplements: s
                .related_supplements
                .iter()
                .filter_map(|r| c.supplement_ids.get(&r.id))
                .map(|&j| self.supplement_card(j))
                .collect(),
            articles: self.list_cards(&self.site.backlinks.symptom_articles[i]),
            sources: self.sources(&s.sources),
            extra: &s.extra,
        };
        let description = if s.summary.is_empty() {
            s.description.body.describing_text().to_string()
        } else {
            s.summary.clone()
        };
        let ld = jsonld::prune(json!({
            "@context": "https://schema.org",
            "@type": "MedicalSignOrSymptom",
            "name": s.name,
            "alternateName": s.aliases,
            "description": description,
            "url": self.abs(&path),
            "subjectOf": self.site.backlinks.symptom_articles[i].iter().take(JSONLD_SUBJECTS).map(|&a| json!({"@type": "MedicalWebPage", "name": c.articles[a].front.title, "url": self.abs(&c.articles[a].url)})).collect::<Vec<_>>(),
        }));
        let meta = PageMeta {
            path,
            title: s.name.clone(),
            description,
            og_type: "article",
            jsonld: vec![jsonld::Ld::of(&ld)],
            breadcrumbs: vec![
                self.home_crumb(),
                Titled {
                    title: "Symptoms".into(),
                    url: format!("{}/symptoms/", self.base()),
                },
            ],
        };
        self.finish(
            "symptom.html",
            meta,
            Disclaimed {
                name: "symptom",
                view,
                disclaimer_html: &self.site.disclaimer,
            },
        )
    }

    fn supplement(&self, i: usize) -> Result<Rendered, Diagnostic> {
        let c = self.c;
        let s = &c.supplements[i];
        let linked = &self.site.supplements[i];
        let path = format!("/supplements/{}/", s.id);
        let view = SupplementView {
            id: &s.id,
            name: &s.name,
            url: &c.supplement_urls[i],
            aliases: &s.aliases,
            summary: &s.summary,
            description_html: linked.description.clone(),
            forms: &s.forms,
            typical_dose: &s.typical_dose,
            upper_limit: &s.upper_limit,
            interactions_html: linked.extra.clone(),
            related_symptoms: s
                .related_symptoms
                .iter()
                .filter_map(|r| c.symptom_ids.get(&r.id))
                .map(|&j| self.symptom_card(j))
                .collect(),
            links: s.links.iter().map(|u| link_with_host(u)).collect(),
            articles: self.list_cards(&self.site.backlinks.supplement_articles[i]),
            sources: self.sources(&s.sources),
            extra: &s.extra,
        };
        let description = if s.summary.is_empty() {
            s.description.body.describing_text().to_string()
        } else {
            s.summary.clone()
        };
        let ld = jsonld::prune(json!({
            "@context": "https://schema.org",
            "@type": "DietarySupplement",
            "name": s.name,
            "alternateName": s.aliases,
            "description": description,
            "url": self.abs(&path),
            "recommendedIntake": if s.typical_dose.is_empty() { Value::Null } else { json!({"@type": "RecommendedDoseSchedule", "description": s.typical_dose}) },
            "maximumIntake": if s.upper_limit.is_empty() { Value::Null } else { json!({"@type": "MaximumDoseSchedule", "description": s.upper_limit}) },
            "subjectOf": self.site.backlinks.supplement_articles[i].iter().take(JSONLD_SUBJECTS).map(|&a| json!({"@type": "MedicalWebPage", "name": c.articles[a].front.title, "url": self.abs(&c.articles[a].url)})).collect::<Vec<_>>(),
        }));
        let meta = PageMeta {
            path,
            title: s.name.clone(),
            description,
            og_type: "article",
            jsonld: vec![jsonld::Ld::of(&ld)],
            breadcrumbs: vec![
                self.home_crumb(),
                Titled {
                    title: "Supplements".into(),
                    url: format!("{}/supplements/", self.base()),
                },
            ],
        };
        self.finish(
            "supplement.html",
            meta,
            Disclaimed {
                name: "supplement",
                view,
                disclaimer_html: &self.site.disclaimer,
            },
        )
    }

    /// The page of a person an article credits, by name (with `base_path`).
    fn person_url(&self, name: &str) -> Option<&str> {
        let i = *self.c.author_slugs.get(&slugify(name))?;
        Some(&self.c.authors[i].url)
    }

    /// A keyword's, tag's or person's page (a section's is [`Self::section`]).
    fn term(&self, listing: List, i: usize, page: usize) -> Result<Rendered, Diagnostic> {
        let c = self.c;
        let b = &self.site.backlinks;
        let (term, articles, kind, index, label) = match listing {
            List::Keyword => (
                &c.keywords[i],
                &b.keyword_articles[i],
                "keyword",
                "/keywords/",
                "Keywords",
            ),
            List::Author => (
                &c.authors[i],
                &b.author_articles[i],
                "author",
                "/authors/",
                "Authors",
            ),
            List::Tag | List::Section => (&c.tags[i], &b.tag_articles[i], "tag", "/tags/", "Tags"),
        };
        let description = match listing {
            List::Author => format!(
                "Articles written or medically reviewed by {} on {}.",
                term.name, c.config.title
            ),
            _ => format!("Articles about {} on {}.", term.name, c.config.title),
        };
        let record = match listing {
            List::Author => c.author_records[i].map(|p| (&c.people[p], &self.site.people[p])),
            _ => None,
        };
        let (paginator, mut meta) = self.list_page(
            &term.url,
            page,
            articles,
            &term.name,
            description,
            vec![
                self.home_crumb(),
                Titled {
                    title: label.into(),
                    url: format!("{}{index}", self.base()),
                },
            ],
        );
        if let Some((p, _)) = record {
            let description = p.bio.body.describing_text();
            meta.jsonld.push(jsonld::profile_page(
                &self.abs(term.url.strip_prefix(self.base()).unwrap_or(&term.url)),
                &p.name,
                &p.job_title,
                &excerpt(description, 300),
                &p.links,
            ));
        }
        let cards = self.list_cards(paginator.slice(articles));
        self.finish(
            "term.html",
            meta,
            TermPage {
                kind,
                term: Named {
                    name: term.name.clone(),
                    url: term.url.clone(),
                },
                // An author who also reviews an article counts as its reviewer only.
                roles: (listing == List::Author).then(|| {
                    let reviewed = articles
                        .iter()
                        .filter(|&&a| c.article_reviewer[a] == Some(i))
                        .count();
                    Roles {
                        wrote: articles.len() - reviewed,
                        reviewed,
                    }
                }),
                person: record.map(|(p, bio_html)| PersonView {
                    name: &p.name,
                    credentials: &p.credentials,
                    job_title: &p.job_title,
                    bio_html,
                    links: p.links.iter().map(|u| link_with_host(u)).collect(),
                    extra: &p.extra,
                }),
                articles: cards,
                paginator,
                index_url: format!("{}{index}", self.base()),
            },
        )
    }

    fn list(&self, kind: &str) -> Result<Rendered, Diagnostic> {
        let c = self.c;
        let b = &self.site.backlinks;
        let (title, intro, mut items): (&str, String, Vec<ListItem>) = match kind {
            "symptoms" => (
                "Symptoms",
                "Symptoms explained: what they feel like, what can cause them, and when to seek care.".into(),
                c.symptoms.iter().enumerate().map(|(i, s)| ListItem { name: &s.name, url: &c.symptom_urls[i], summary: &s.summary, count: b.symptom_articles[i].len() }).collect(),
            ),
            "supplements" => (
                "Supplements",
                "Vitamins, minerals and other supplements: forms, typical doses, upper limits and interactions.".into(),
                c.supplements.iter().enumerate().map(|(i, s)| ListItem { name: &s.name, url: &c.supplement_urls[i], summary: &s.summary, count: b.supplement_articles[i].len() }).collect(),
            ),
            "keywords" => (
                "Keywords",
                "Every keyword used on this site, with the articles about it.".into(),
                c.keywords.iter().enumerate().map(|(i, k)| ListItem { name: &k.name, url: &k.url, summary: "", count: b.keyword_articles[i].len() }).collect(),
            ),
            "authors" => (
                "Authors and reviewers",
                "The people who write and medically review the articles on this site.".into(),
                c.authors.iter().enumerate().map(|(i, t)| ListItem { name: &t.name, url: &t.url, summary: "", count: b.author_articles[i].len() }).collect(),
            ),
            _ => (
                "Tags",
                "Articles grouped by tag.".into(),
                c.tags.iter().enumerate().map(|(i, t)| ListItem { name: &t.name, url: &t.url, summary: "", count: b.tag_articles[i].len() }).collect(),
            ),
        };
        items.sort_by(|x, y| {
            x.name
                .to_lowercase()
                .cmp(&y.name.to_lowercase())
                .then(x.url.cmp(y.url))
        });
        let path = format!("/{kind}/");
        let meta = PageMeta {
            path: path.clone(),
            title: title.into(),
            description: intro.clone(),
            og_type: "website",
            jsonld: vec![jsonld::web_page("CollectionPage", title, &self.abs(&path))],
            breadcrumbs: vec![self.home_crumb()],
        };
        self.finish(
            "list.html",
            meta,
            {
                let (letters, groups) = letter_groups(&items);
                json!({"kind": kind, "title": title, "intro": intro, "items": items, "letters": letters, "groups": groups})
            },
        )
    }

    fn home(&self) -> Result<Rendered, Diagnostic> {
        let c = self.c;
        // The newest only: with every article here, any edit to any card changed the home
        // page, and its variables grew with the site.
        let cards: Vec<ArticleCard> = self
            .site
            .backlinks
            .newest_first
            .iter()
            .take(HOME_ARTICLES)
            .map(|&a| self.card(a))
            .collect();
        let sections: Vec<SectionSummary> = c
            .sections
            .first()
            .map(|root| {
                root.children
                    .iter()
                    .map(|&ch| self.section_summary(ch))
                    .collect()
            })
            .unwrap_or_default();
        let symptoms: Vec<RecordCard> = (0..c.symptoms.len())
            .map(|i| self.symptom_card(i))
            .collect();
        let supplements: Vec<RecordCard> = (0..c.supplements.len())
            .map(|i| self.supplement_card(i))
            .collect();
        let site_url = self.abs("/");
        let ld = json!({
            "@context": "https://schema.org",
            "@type": "WebSite",
            "name": c.config.title,
            "url": site_url,
            "inLanguage": c.config.language,
            "potentialAction": {
                "@type": "SearchAction",
                "target": format!("{}?q={{search_term_string}}", self.abs("/search/")),
                "query-input": "required name=search_term_string"
            }
        });
        let meta = PageMeta {
            path: "/".into(),
            title: c.config.title.clone(),
            description: c.config.description.clone(),
            og_type: "website",
            jsonld: vec![jsonld::Ld::of(&jsonld::prune(ld))],
            breadcrumbs: vec![],
        };
        self.finish(
            "index.html",
            meta,
            HomePage {
                intro_html: &self.site.home,
                articles: cards,
                sections,
                symptoms,
                supplements,
            },
        )
    }

    /// sitemap.xml, atom.xml and robots.txt.
    fn machine_files(&self, output: &mut Output) {
        self.sitemap(output);
        self.atom(output);
        output.pages.insert(
            "robots.txt".into(),
            feeds::robots(&self.abs("/sitemap.xml")).into_bytes().into(),
        );
    }

    fn sitemap(&self, output: &mut Output) {
        let c = self.c;
        let b = &self.site.backlinks;
        let newest = |list: &[usize]| {
            list.iter()
                .filter_map(|&a| c.articles[a].front.updated.or(c.articles[a].front.date))
                .max()
        };
        let all: Vec<usize> = (0..c.articles.len()).collect();
        let mut entries = vec![SitemapEntry {
            url: self.abs("/"),
            lastmod: newest(&all),
        }];
        for s in &c.sections {
            let path = s.url.strip_prefix(self.base()).unwrap_or(&s.url);
            entries.push(SitemapEntry {
                url: self.abs(path),
                lastmod: None,
            });
        }
        for (i, a) in c.articles.iter().enumerate() {
            entries.push(SitemapEntry {
                url: self.abs(&a.url),
                lastmod: newest(&[i]),
            });
        }
        for (i, s) in c.symptoms.iter().enumerate() {
            entries.push(SitemapEntry {
                url: self.abs_record("symptoms", &s.id),
                lastmod: newest(&b.symptom_articles[i]),
            });
        }
        for (i, s) in c.supplements.iter().enumerate() {
            entries.push(SitemapEntry {
                url: self.abs_record("supplements", &s.id),
                lastmod: newest(&b.supplement_articles[i]),
            });
        }
        for (i, k) in c.keywords.iter().enumerate() {
            entries.push(SitemapEntry {
                url: self.abs(k.url.strip_prefix(self.base()).unwrap_or(&k.url)),
                lastmod: newest(&b.keyword_articles[i]),
            });
        }
        for (i, t) in c.tags.iter().enumerate() {
            entries.push(SitemapEntry {
                url: self.abs(t.url.strip_prefix(self.base()).unwrap_or(&t.url)),
                lastmod: newest(&b.tag_articles[i]),
            });
        }
        for (i, t) in c.authors.iter().enumerate() {
            entries.push(SitemapEntry {
                url: self.abs(t.url.strip_prefix(self.base()).unwrap_or(&t.url)),
                lastmod: newest(&b.author_articles[i]),
            });
        }
        for p in &c.pages {
            entries.push(SitemapEntry {
                url: self.abs(&p.url),
                lastmod: p.front.updated,
            });
        }
        for p in [
            "/symptoms/",
            "/supplements/",
            "/keywords/",
            "/tags/",
            "/authors/",
            "/search/",
        ] {
            entries.push(SitemapEntry {
                url: self.abs(p),
                lastmod: None,
            });
        }
        entries.sort_by(|x, y| x.url.cmp(&y.url));
        output.pages.insert(
            "sitemap.xml".into(),
            feeds::sitemap(&entries).into_bytes().into(),
        );
    }

    /// Scheme and host of `base_url`: what a site path that carries `base_path` is
    /// absolute against.
    fn origin(&self) -> &str {
        let config = &self.c.config;
        config
            .base_url
            .strip_suffix(config.base_path.as_str())
            .unwrap_or(&config.base_url)
    }

    /// Article `i`'s body for the feed, then the site's disclaimer, their links absolute.
    /// Links in the body carry the site's `base_path` already, so they take the address's
    /// origin alone.
    fn feed_html(&self, i: usize) -> String {
        let origin = self.origin();
        let page = self.abs(&self.c.articles[i].url);
        let Some(article) = self.site.articles.get(i) else {
            return String::new();
        };
        let mut html = feeds::absolute_links(&article.html, origin, &page);
        // Read in a feed reader, the article is away from the pages that say it is not
        // medical advice: the site's disclaimer goes with it.
        if !self.site.disclaimer.is_empty() {
            html.push_str("<hr>\n");
            html.push_str(&feeds::absolute_links(&self.site.disclaimer, origin, &page));
        }
        html
    }

    /// The Atom feed: the newest articles, with their card's description and their body.
    fn atom(&self, output: &mut Output) {
        let c = self.c;
        let feed_entries: Vec<FeedEntry> = self
            .site
            .backlinks
            .newest_first
            .iter()
            .take(FEED_ENTRIES)
            .map(|&i| {
                let a = &c.articles[i];
                FeedEntry {
                    title: a.front.title.clone(),
                    url: self.abs(&a.url),
                    summary: self.description(i),
                    content: self.feed_html(i),
                    published: a.front.date,
                    updated: a.front.updated,
                    authors: a.front.authors.clone(),
                }
            })
            .collect();
        let site_url = self.abs("/");
        let feed_url = self.abs("/atom.xml");
        let feed = feeds::Feed {
            title: &c.config.title,
            subtitle: &c.config.description,
            site_url: &site_url,
            feed_url: &feed_url,
            language: &c.config.language,
            entries: &feed_entries,
        };
        output
            .pages
            .insert("atom.xml".into(), feeds::atom(&feed).into_bytes().into());
    }
}

#[cfg(test)]
mod tests {
    use super::{excerpt, template_problems, TemplateProblem};

    /// Tera's report of two problems, the first with a note, becomes two problems; the note
    /// stays with its own.
    #[test]
    fn template_problems_split_tera_reports_and_keep_notes() {
        let report = "error: Field `x` is not defined\n  --> base.html:12:4\n   |\n12 | {{ x }}\n   |    ^\n\n\
                      note: called from article.html:1:12\n  |\n1 | {% include \"base.html\" %}\n  |            ^\n\n\
                      error: Unknown filter `f`\n --> term.html:3:9\n  |\n3 | {{ y | f }}\n  |        ^";
        let problems = template_problems(&tera::Error::message(report));
        assert_eq!(problems.len(), 2, "{problems:?}");
        assert_eq!(problems[0].message, "Field `x` is not defined");
        assert_eq!(problems[0].at, Some(("base.html".into(), 12, 4)));
        let first = problems[0].excerpt.as_deref().unwrap_or_default();
        assert!(first.starts_with("   |\n12 | {{ x }}"), "{first}");
        assert!(
            first.contains("note: called from article.html:1:12"),
            "{first}"
        );
        assert_eq!(problems[1].at, Some(("term.html".into(), 3, 9)));
        // A message with no position is kept whole.
        assert_eq!(
            template_problems(&tera::Error::message("Template 'x.html' not found")),
            [TemplateProblem {
                message: "Template 'x.html' not found".into(),
                at: None,
                excerpt: None
            }]
        );
    }

    /// What `excerpt` is: the whole text with single spaces, cut.
    fn reference(text: &str, max: usize) -> String {
        let flat: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
        if flat.chars().count() <= max {
            return flat;
        }
        let cut: String = flat.chars().take(max).collect();
        let at = cut.rfind(' ').unwrap_or(cut.len());
        format!("{}…", cut[..at].trim_end_matches([',', ';', ':', '.', ' ']))
    }

    #[test]
    fn excerpts_cut_at_a_word_with_single_spaces() {
        let texts = [
            "",
            "   ",
            "One.",
            "Short text,\n\n  with  breaks.",
            "Ünïcödé wörds, and more wörds; again: and again. Then the end of it all.",
            "averyveryverylongwordwithoutanyspacesatallthatgoesonandon",
            "Ends exactly here",
        ];
        for text in texts {
            for max in [0, 1, 5, 10, 17, 18, 30, 200] {
                assert_eq!(excerpt(text, max), reference(text, max), "{text:?} {max}");
            }
        }
        assert_eq!(excerpt("Alpha beta, gamma delta", 12), "Alpha beta…");
    }
}
