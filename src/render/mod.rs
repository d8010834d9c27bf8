//! The render stage: every page of the linked site through the theme's Tera templates, plus
//! JSON-LD, feeds and redirects, into an in-memory [`Output`]. Nothing is written here: `build`
//! writes the output once, `serve` serves it from memory.
//!
//! This file runs the render ([`render_cached`]: one job per page, on rayon's pool) and
//! gives every page its common variables (`Renderer::finish`). Each kind of page is
//! made in a file of its own: `articles`, `records` (symptoms and supplements) and `lists`
//! (the home page, sections, keywords, tags, people and the A–Z indexes); `cards` is what
//! lists show of an article, worked out once per build; `site_files` the sitemap, feed and
//! robots.txt; `templates` loads the theme and reports its problems at their lines; and
//! `incremental` renders again only what an edit to articles changes, for `serve`.

mod articles;
mod cards;
mod incremental;
mod lists;
mod records;
mod site_files;
mod templates;

use crate::catalog::{page_count, Catalog};
use crate::date::Date;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::jsonld;
use crate::link::LinkedSite;
use crate::markdown::excerpt;
use crate::pages::Menu;
use crate::theme::Asset;
use crate::views::*;
use cards::{cards_of, CardData, CardText};
pub use incremental::{listing_change, render_articles, Listing};
use rayon::prelude::*;
use serde::Serialize;
use serde_json::{json, Value};
use std::collections::hash_map::DefaultHasher;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::hash::{Hash, Hasher};
use std::path::PathBuf;
use std::sync::Arc;
use templates::{add_words, load_templates, prepare_error};
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
type Rendered = (String, Html, u64);

/// A page's HTML as rendering hands it on: made now, or kept from an earlier build.
enum Html {
    /// As the template wrote it. Turned into an `Arc` only if it is kept: a page streamed
    /// to the staging folder is written and dropped, and copying its 25 KB into a shared
    /// buffer first cost 2 % of a 10,000-article build's time (A-B-B-A rounds).
    Fresh(Vec<u8>),
    Kept(Arc<[u8]>),
}

impl Html {
    fn bytes(&self) -> &[u8] {
        match self {
            Html::Fresh(v) => v,
            Html::Kept(a) => a,
        }
    }

    fn shared(self) -> Arc<[u8]> {
        match self {
            Html::Fresh(v) => Arc::from(v),
            Html::Kept(a) => a,
        }
    }
}

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
    /// The site's own entries of the header's navigation: title (in the site's language)
    /// and path.
    nav_items: [(&'a str, &'static str); 4],
    /// Standalone pages in the header's navigation and in the footer, in order.
    main_menu: Vec<usize>,
    footer_menu: Vec<usize>,
    caching: bool,
    previous: HashMap<String, (u64, Arc<[u8]>)>,
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
                let html = html.shared();
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
        let words = &site.catalog.config.words;
        // The compiled templates hold the site's words (see `inline_words`).
        let tera_key = {
            let mut h = DefaultHasher::new();
            (templates_hash, words).hash(&mut h);
            h.finish()
        };
        let tera = match &cache.tera {
            Some((hash, tera)) if *hash == tera_key => tera.clone(),
            _ => {
                let tera = load_templates(site.catalog.theme.templates.as_slice(), words, diags)?;
                if cache.enabled {
                    cache.tera = Some((tera_key, tera.clone()));
                }
                tera
            }
        };
        let mut tera = tera;
        add_words(&mut tera, words);
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
                cfg.words.hash(&mut h);
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
            nav_items: {
                let words = &c.config.words;
                [
                    (words.get("articles"), "/articles/"),
                    (words.get("symptoms"), "/symptoms/"),
                    (words.get("supplements"), "/supplements/"),
                    (words.get("keywords"), "/keywords/"),
                ]
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
                    Some(sink) => {
                        sink(&path, html.bytes()).map(|()| (path, Html::Fresh(Vec::new()), key))
                    }
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

impl Renderer<'_> {
    /// A page's references (an article's) or sources (a record's), each address of this
    /// site as the link stage completed it (`urls`, by place in `refs`).
    pub(super) fn cited<'b>(
        &self,
        refs: &'b [crate::front_matter::Reference],
        urls: &'b [(usize, String)],
    ) -> Vec<crate::views::SourceView<'b>> {
        let mut views: Vec<crate::views::SourceView> = refs
            .iter()
            .map(|r| crate::views::SourceView {
                title: &r.title,
                url: r.url.as_deref(),
                external: r
                    .url
                    .as_deref()
                    .is_some_and(crate::front_matter::has_scheme),
            })
            .collect();
        for (i, url) in urls {
            if let Some(view) = views.get_mut(*i) {
                view.url = Some(url);
                view.external = false;
            }
        }
        views
    }

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
            title: self.c.config.words.get("home").into(),
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
        let page_item = |&k: &usize| {
            let page = &self.c.pages[k];
            NavItem {
                title: &page.front.title,
                url: [self.base(), &page.url].concat(),
                current: meta.path.starts_with(&page.url),
            }
        };
        let nav = self
            .nav_items
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
        let key = match known_key {
            Some(key) => key,
            None if self.caching => {
                // Same template set, same template, same variables: same page as last time.
                let mut h = DefaultHasher::new();
                self.templates_hash.hash(&mut h);
                template.hash(&mut h);
                keying(|| serde_json::to_writer(HashWriter(&mut h), &page))
                    .map_err(|e| prepare_error(template, &e))?;
                let key = h.finish();
                if let Some((k, html)) = self.previous.get(&path) {
                    if *k == key {
                        return Ok((path, Html::Kept(Arc::clone(html)), key));
                    }
                }
                key
            }
            None => 0,
        };
        let html = self.render_template(template, &page, &meta.path, 48 * 1024)?;
        Ok((path, Html::Fresh(html), key))
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
                self.c.config.words.get("search"),
                json!({
                    "keywords_url": format!("{}/keywords/", self.base()),
                    "search_index": self.search_index,
                }),
            ),
            Job::NotFound => self.simple(
                "404.html",
                "/404.html",
                self.c.config.words.get("page_not_found"),
                json!({}),
            ),
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
            updated: fm.updated.map(|d| DateView::new(d, &self.c.config.words)),
            extra: &fm.extra,
        };
        self.finish("page.html", meta, json!({ "page": page }))
    }

    /// A page at `path` (without `base_path`) that sends readers to `target`.
    fn redirect_page(&self, path: &str, target: String) -> Result<Rendered, Diagnostic> {
        let vars = json!({"target": target, "base_path": self.base(), "site": self.site_view()});
        let html = self.render_template("redirect.html", &vars, path, 1024)?;
        Ok((file_for(path), Html::Fresh(html), 0))
    }
}
