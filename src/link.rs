//! The link stage: resolves and checks every link an author wrote, then cross-links each
//! page's text (see [`crate::autolink`]) and works out the backlinks. Its result, a
//! [`LinkedSite`], holds everything the renderer needs; nothing after this stage looks
//! anything up by name.

use crate::article::Article;
use crate::autolink::{Linker, PageRules, PageState};
use crate::backlinks::{self, Backlinks};
use crate::catalog::{normalise_url, Catalog, Target};
use crate::diagnostics::{did_you_mean, Diagnostic, Diagnostics, Location};
use crate::front_matter;
use crate::markdown::{LinkRef, Prepared, Settled};
use rayon::prelude::*;
use std::collections::hash_map::DefaultHasher;
use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::path::PathBuf;
use std::sync::Arc;

/// An article after linking.
#[derive(Debug, Clone)]
pub struct LinkedArticle {
    /// The body, cross-linked, as HTML.
    pub html: String,
    /// Explicit references first (front matter order), then mentions in reading order.
    pub symptoms: Vec<usize>,
    /// Explicit, then referenced through a product link, then mentioned.
    pub supplements: Vec<usize>,
    pub keywords_mentioned: Vec<usize>,
    /// The address each reference whose address is a path of this site links to (by its
    /// place in the article's `references`), completed as a body's links are (`other.md`
    /// → its URL, `base_path` before a site path).
    pub reference_urls: Vec<(usize, String)>,
    pub has_product_links: bool,
    /// The body's first picture, for link previews (`og:image`): a site path with
    /// `base_path`, or an external http(s) address.
    pub image: Option<String>,
    /// Its width and height, where it is a file of the site.
    pub image_size: Option<(u32, u32)>,
    /// A hash of everything this was made from (the article's source and the linking
    /// context): equal keys, equal linked articles.
    pub key: u64,
    /// Its links that only the rendered site can settle: kept with the article, so that a
    /// rebuild which reuses it from [`LinkCache`] still has the rendered pages settle them.
    pub unverified: Vec<UnverifiedLink>,
}

/// A record's Markdown fields after linking, as HTML.
#[derive(Debug, Clone, Default)]
pub struct LinkedRecord {
    pub description: String,
    /// `seek_care` of a symptom, `interactions` of a supplement.
    pub extra: String,
    /// The address each source that is a page of this site links to, by its place in the
    /// record's `sources` (see [`LinkedArticle::reference_urls`]).
    pub source_urls: Vec<(usize, String)>,
}

/// Linked articles from earlier builds. An entry is reused while both the article's text
/// and everything linking depends on (terms, pages, product links, settings) are the same;
/// the problems its links had are reported again.
#[derive(Default)]
pub struct LinkCache {
    /// Off for one-shot builds, which would only pay for copies they never reuse.
    pub enabled: bool,
    /// Shared with the site built from them: copying every article's HTML twice on each
    /// rebuild was a good part of a rebuild's time.
    articles: HashMap<PathBuf, (u64, Arc<LinkedArticle>, Vec<Diagnostic>)>,
    related: backlinks::RelatedCache,
    /// The cross-linking term matcher and the environment hash it was built for, kept while
    /// the terms stay the same.
    linker: Option<(u64, Arc<Linker>)>,
    /// The environment hash of the catalog with this id, in strict mode or not: hashing
    /// every path of the site took most of relinking one article.
    environment: Option<(u64, bool, u64)>,
}

impl LinkCache {
    pub fn new(enabled: bool) -> Self {
        LinkCache {
            enabled,
            ..Default::default()
        }
    }
}

/// A hash of everything besides an article's own text that its linking depends on.
fn environment_hash(catalog: &Catalog, strict: bool) -> u64 {
    let mut h = DefaultHasher::new();
    strict.hash(&mut h);
    catalog.config.base_path.hash(&mut h);
    catalog.config.linking.max_links_per_term.hash(&mut h);
    // The body's own labels (alert titles, table and footnote labels) are in its language.
    catalog.config.words.hash(&mut h);
    catalog.terms.hash(&mut h);
    catalog.shadowed_keywords.hash(&mut h);
    let mut paths: Vec<&String> = catalog.paths.iter().collect();
    paths.sort();
    paths.hash(&mut h);
    let mut products: Vec<(&String, &usize)> = catalog.product_links.iter().collect();
    products.sort();
    products.hash(&mut h);
    for s in &catalog.symptoms {
        s.id.hash(&mut h);
    }
    for s in &catalog.supplements {
        s.id.hash(&mut h);
    }
    let mut files: Vec<(&String, &str)> = catalog
        .article_files
        .iter()
        .map(|(rel, &i)| (rel, catalog.articles[i].url.as_str()))
        .collect();
    files.sort();
    files.hash(&mut h);
    // Pictures' sizes go into the pages that show them.
    let mut sizes: Vec<(&String, &(u32, u32))> = catalog.picture_sizes.iter().collect();
    sizes.sort();
    sizes.hash(&mut h);
    if strict {
        for a in &catalog.articles {
            a.url.hash(&mut h);
            a.body.anchors.hash(&mut h);
        }
    }
    h.finish()
}

#[derive(Debug)]
pub struct LinkedSite {
    pub catalog: Catalog,
    /// The home page text, as HTML.
    pub home: String,
    /// The site's disclaimer, as HTML.
    pub disclaimer: String,
    pub articles: Vec<Arc<LinkedArticle>>,
    pub symptoms: Vec<LinkedRecord>,
    pub supplements: Vec<LinkedRecord>,
    /// Each person record's bio, as HTML.
    pub people: Vec<String>,
    /// Each standalone page's body, as HTML.
    pub pages: Vec<String>,
    pub backlinks: Backlinks,
    /// Links that only the rendered pages can settle, of the texts other than articles
    /// (each article keeps its own: see [`LinkedSite::unverified_links`]).
    pub unverified: Vec<UnverifiedLink>,
}

impl LinkedSite {
    /// Every link of the site that only the rendered pages can settle, in the order of the
    /// files and lines they are written at.
    pub fn unverified_links(&self) -> Vec<&UnverifiedLink> {
        let mut all: Vec<&UnverifiedLink> = self
            .unverified
            .iter()
            .chain(self.articles.iter().flat_map(|a| &a.unverified))
            .collect();
        all.sort();
        all
    }
}

/// A link that leads to a page of the site as far as linking can tell, but that only the
/// rendered site can settle: one to a part (`#id`) of a page other than an article's,
/// whose ids the theme's templates make, and one to a later page of a keyword's list,
/// whose length mentions decide, known once every article is linked. The build looks for
/// each page among those it rendered, and `materia check` for each id in its page.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct UnverifiedLink {
    /// Where it is written.
    pub location: Location,
    /// As written.
    pub raw: String,
    /// The page's path (with `base_path`), then `#` and the id if it has one.
    pub target: String,
}

/// `strict` adds the checks of `materia check`: `#fragment`s must name a heading.
pub fn link(catalog: Catalog, strict: bool, diags: &Diagnostics) -> LinkedSite {
    link_beside(catalog, strict, diags, &mut LinkCache::default(), |_| ()).0
}

/// What linking one article needs from the site, made once per build (and the term
/// matcher once per set of terms).
struct ArticleLinker<'a> {
    catalog: &'a Catalog,
    linker: Arc<Linker>,
    url_targets: HashMap<String, Target>,
    checker: LinkChecker<'a>,
    env: u64,
    articles_dir: PathBuf,
}

impl<'a> ArticleLinker<'a> {
    fn new(catalog: &'a Catalog, strict: bool, cache: &mut LinkCache) -> ArticleLinker<'a> {
        let env = match cache.environment {
            Some((id, s, env)) if id == catalog.id && s == strict => env,
            _ => {
                let env = environment_hash(catalog, strict);
                cache.environment = Some((catalog.id, strict, env));
                env
            }
        };
        let linker = match &cache.linker {
            Some((e, linker)) if *e == env => Arc::clone(linker),
            _ => {
                let linker = Arc::new(Linker::new(&catalog.terms, &catalog.shadowed_keywords));
                if cache.enabled {
                    cache.linker = Some((env, Arc::clone(&linker)));
                }
                linker
            }
        };
        ArticleLinker {
            catalog,
            linker,
            url_targets: catalog
                .terms
                .iter()
                .map(|(_, t)| (catalog.target_url(*t).to_string(), *t))
                .collect(),
            checker: LinkChecker {
                catalog,
                anchors: std::sync::OnceLock::new(),
                strict,
                unverified: std::sync::Mutex::new(Vec::new()),
            },
            env,
            articles_dir: catalog.root.join("content").join("articles"),
        }
    }

    /// The key of a linked article: equal keys, equal results.
    fn key(&self, article: &Article) -> u64 {
        let mut h = DefaultHasher::new();
        self.env.hash(&mut h);
        article.source_hash.hash(&mut h);
        h.finish()
    }

    fn url(&self, t: Target) -> String {
        self.catalog.target_url(t).to_string()
    }

    /// Links article `i` of the catalog, or `article` in its place, whose unlinked HTML is
    /// `prepared` (its own, or what a one-off build took out of it: see [`link_beside`]).
    fn link(
        &self,
        i: usize,
        article: &Article,
        prepared: &Prepared,
    ) -> (LinkedArticle, Vec<Diagnostic>) {
        let catalog = self.catalog;
        let local = Diagnostics::new();
        let page_url = format!("{}{}", catalog.config.base_path, article.url);
        let rel = article
            .path
            .strip_prefix(&self.articles_dir)
            .map(|r| r.to_string_lossy().replace('\\', "/"))
            .unwrap_or_default();
        let rel_dir = rel.rsplit_once('/').map_or("", |(d, _)| d);
        let mut resolved = self.checker.resolve_links(
            &article.body.links,
            &page_url,
            Some(rel_dir),
            &local,
            |k| article.link_locations.get(k).cloned(),
        );
        // A reference to a page of this site is checked as a body's link is.
        let (reference_urls, unverified) = self.checker.cited(
            &article.references,
            &article.reference_locations,
            &page_url,
            Some(rel_dir),
            &local,
        );
        resolved.unverified.extend(unverified);
        let already_linked = resolved
            .internal
            .iter()
            .filter_map(|u| self.url_targets.get(u).copied())
            .collect();
        let url = |t: Target| self.url(t);
        let rules = PageRules {
            own: None,
            max_links: catalog.config.linking.max_links_per_term,
            url: &url,
            already_linked,
        };
        let mut state = PageState::new(&rules);
        let html = self
            .linker
            .link(prepared, &resolved.dests, &rules, &mut state);
        let mentions = state.mentions;
        let mut symptoms = catalog.article_symptoms[i].clone();
        let mut supplements = catalog.article_supplements[i].clone();
        let mut keywords_mentioned = Vec::new();
        for s in &resolved.products {
            if !supplements.contains(s) {
                supplements.push(*s);
            }
        }
        for t in mentions.targets.iter().chain(
            resolved
                .internal
                .iter()
                .filter_map(|u| self.url_targets.get(u)),
        ) {
            match *t {
                Target::Symptom(s) if !symptoms.contains(&s) => symptoms.push(s),
                Target::Supplement(s) if !supplements.contains(&s) => supplements.push(s),
                Target::Keyword(k) if !keywords_mentioned.contains(&k) => {
                    keywords_mentioned.push(k)
                }
                _ => {}
            }
        }
        let linked = LinkedArticle {
            html,
            symptoms,
            supplements,
            keywords_mentioned,
            reference_urls,
            has_product_links: !resolved.products.is_empty(),
            image: resolved.image,
            image_size: resolved.image_size,
            key: self.key(article),
            unverified: resolved.unverified,
        };
        (linked, local.sorted())
    }
}

/// Links `article`, an edited version of article `i` of `site`, for a rebuild that changes
/// nothing else. `None` unless linking reported no problem and left no link for the
/// rendered site to settle (see [`UnverifiedLink`]), and the article's title, date
/// and heading ids, which other pages' linking and lists depend on, are as before. What it
/// mentions may change: see [`update_backlinks`].
pub fn relink_alone(
    site: &LinkedSite,
    i: usize,
    article: &Article,
    strict: bool,
    cache: &mut LinkCache,
) -> Option<Arc<LinkedArticle>> {
    let before = &site.catalog.articles[i];
    // The backlinks lists order articles by date and title.
    if before.front.date != article.front.date || before.front.title != article.front.title {
        return None;
    }
    let linker = ArticleLinker::new(&site.catalog, strict, cache);
    let (linked, problems) = linker.link(i, article, &article.prepared);
    // A link only the rendered site settles is left to the full build, which looks for it
    // in every page it renders.
    if !problems.is_empty()
        || !linked.unverified.is_empty()
        || before.body.anchors != article.body.anchors
    {
        return None;
    }
    let linked = Arc::new(linked);
    if cache.enabled {
        cache.articles.insert(
            article.path.clone(),
            (linked.key, Arc::clone(&linked), Vec::new()),
        );
    }
    Some(linked)
}

/// Brings the backlinks up to date once article `i` of `site` was relinked alone (see
/// [`relink_alone`]); `old` is what it was linked as before. Returns what changed.
pub fn update_backlinks(
    site: &mut LinkedSite,
    i: usize,
    old: &LinkedArticle,
) -> backlinks::Changed {
    backlinks::update(&mut site.backlinks, &site.catalog, &site.articles, i, old)
}

/// [`link`] with `cache` (reused between the builds of `serve`), running `beside` on the
/// catalog meanwhile, on the same cores.
pub fn link_beside<R: Send>(
    catalog: Catalog,
    strict: bool,
    diags: &Diagnostics,
    cache: &mut LinkCache,
    beside: impl FnOnce(&Catalog) -> R + Send,
) -> (LinkedSite, R) {
    let mut catalog = catalog;
    // Nothing reads an article's unlinked HTML once it is linked, and a one-off build keeps
    // no other copy of the article: taken out here, each is freed as soon as its article is
    // linked, on the thread that goes on to link the next, which reuses the memory. Held to
    // the end of the stage, the site's unlinked HTML was a third of the build's peak
    // memory, each page of it a page fault.
    let taken: Vec<Option<Prepared>> = catalog
        .articles
        .iter_mut()
        .map(|a| match Arc::get_mut(a) {
            Some(a) if !cache.enabled => Some(std::mem::take(&mut a.prepared)),
            _ => None,
        })
        .collect();
    let (linked, other) = rayon::join(
        || link_parts(&catalog, taken, strict, diags, cache),
        || beside(&catalog),
    );
    let Linked {
        home,
        disclaimer,
        articles,
        symptoms,
        supplements,
        people,
        pages,
        backlinks,
        unverified,
    } = linked;
    let site = LinkedSite {
        unverified,
        catalog,
        home,
        disclaimer,
        articles,
        symptoms,
        supplements,
        people,
        pages,
        backlinks,
    };
    (site, other)
}

/// A [`LinkedSite`] but its catalog.
struct Linked {
    home: String,
    disclaimer: String,
    articles: Vec<Arc<LinkedArticle>>,
    symptoms: Vec<LinkedRecord>,
    supplements: Vec<LinkedRecord>,
    people: Vec<String>,
    pages: Vec<String>,
    backlinks: Backlinks,
    unverified: Vec<UnverifiedLink>,
}

fn link_parts(
    catalog: &Catalog,
    taken: Vec<Option<Prepared>>,
    strict: bool,
    diags: &Diagnostics,
    cache: &mut LinkCache,
) -> Linked {
    let previous = std::mem::take(&mut cache.articles);
    let article_linker = ArticleLinker::new(catalog, strict, cache);
    let linked: Vec<(PathBuf, u64, Arc<LinkedArticle>, Vec<Diagnostic>)> = catalog
        .articles
        .par_iter()
        .zip(taken)
        .enumerate()
        .map(|(i, (article, taken))| {
            let key = article_linker.key(article);
            if let Some((k, cached, problems)) = previous.get(&article.path) {
                if *k == key {
                    return (article.path.clone(), key, cached.clone(), problems.clone());
                }
            }
            let prepared = taken.as_ref().unwrap_or(&article.prepared);
            let (linked, problems) = article_linker.link(i, article, prepared);
            (article.path.clone(), key, Arc::new(linked), problems)
        })
        .collect();
    let checker = &article_linker.checker;
    let url_targets = &article_linker.url_targets;
    let linker = &article_linker.linker;
    let url = |t: Target| article_linker.url(t);
    let max_links = catalog.config.linking.max_links_per_term;
    let mut articles = Vec::with_capacity(linked.len());
    for (path, key, article, problems) in linked {
        diags.extend(problems.iter().cloned());
        if cache.enabled {
            cache
                .articles
                .insert(path, (key, article.clone(), problems));
        }
        articles.push(article);
    }

    // A record page shows its description and its extra text (seek care, interactions)
    // together, so both are linked as one page.
    let link_record =
        |own: Target,
         page_url: &str,
         texts: [&crate::records::RecordText; 2],
         sources: (&[front_matter::Reference], &[(usize, Location)])| {
            let (source_urls, unverified) =
                checker.cited(sources.0, sources.1, page_url, None, diags);
            checker.keep_unverified(unverified);
            let mut internal = Vec::new();
            let dests = texts.map(|text| {
                let resolved =
                    checker.resolve_links(&text.body.links, page_url, None, diags, |_| {
                        Some(text.location.clone())
                    });
                internal.extend(resolved.internal);
                checker.keep_unverified(resolved.unverified);
                resolved.dests
            });
            let rules = PageRules {
                own: Some(own),
                max_links,
                url: &url,
                already_linked: internal
                    .iter()
                    .filter_map(|u| url_targets.get(u).copied())
                    .collect(),
            };
            let mut state = PageState::new(&rules);
            let [description, extra] =
                [0, 1].map(|i| linker.link(&texts[i].body.prepared, &dests[i], &rules, &mut state));
            LinkedRecord {
                description,
                extra,
                source_urls,
            }
        };
    let symptoms = catalog
        .symptoms
        .par_iter()
        .enumerate()
        .map(|(i, s)| {
            link_record(
                Target::Symptom(i),
                &catalog.symptom_urls[i],
                [&s.description, &s.seek_care],
                (&s.sources, &s.source_locations),
            )
        })
        .collect();
    let supplements = catalog
        .supplements
        .par_iter()
        .enumerate()
        .map(|(i, s)| {
            link_record(
                Target::Supplement(i),
                &catalog.supplement_urls[i],
                [&s.description, &s.interactions],
                (&s.sources, &s.source_locations),
            )
        })
        .collect();
    // Site-wide texts (the home page's, and the disclaimer shown on every article): their
    // links are checked and completed as an article's are, read from the home page.
    let home_url = format!("{}/", catalog.config.base_path);
    let home = checker.unlinked(&catalog.home, &home_url, Some(""), diags, |_| {
        Some(Location {
            file: catalog.root.join("content").join("_index.md"),
            line: 1,
            col: 1,
        })
    });
    // Its errors point at site.toml's `disclaimer` line, looked up only when there is one.
    let disclaimer = checker.unlinked(&catalog.disclaimer, &home_url, Some(""), diags, |_| {
        let toml = catalog.root.join("site.toml");
        let line = std::fs::read_to_string(&toml)
            .ok()
            .and_then(|t| {
                t.lines()
                    .position(|l| l.trim_start().starts_with("disclaimer"))
            })
            .map_or(1, |i| i + 1);
        Some(Location {
            file: toml,
            line,
            col: 1,
        })
    });
    // A person's bio: its links checked and completed, as the home page's.
    let people = catalog
        .people
        .iter()
        .map(|p| {
            checker.unlinked(&p.bio.body, &home_url, None, diags, |_| {
                Some(p.bio.location.clone())
            })
        })
        .collect();
    // A standalone page's links checked and completed; its text is not cross-linked: an
    // "About us" page is not a page about vitamin B12.
    let pages = catalog
        .pages
        .iter()
        .map(|p| {
            let page_url = [&*catalog.config.base_path, &p.url].concat();
            checker.unlinked(&p.body, &page_url, None, diags, |k| {
                p.link_locations.get(k).cloned()
            })
        })
        .collect();
    let related_cache = cache.enabled.then_some(&mut cache.related);
    let backlinks = backlinks::compute(catalog, &articles, related_cache);
    let unverified = article_linker
        .checker
        .unverified
        .into_inner()
        .unwrap_or_default();
    Linked {
        unverified,
        pages,
        home,
        disclaimer,
        articles,
        symptoms,
        supplements,
        people,
        backlinks,
    }
}

struct LinkChecker<'a> {
    catalog: &'a Catalog,
    /// Every article's heading ids by page URL, made on the first link with a fragment.
    anchors: std::sync::OnceLock<HashMap<String, &'a Vec<String>>>,
    strict: bool,
    /// The links to look for in the rendered pages, of the texts other than articles.
    unverified: std::sync::Mutex<Vec<UnverifiedLink>>,
}

impl<'a> LinkChecker<'a> {
    fn anchors(&self) -> &HashMap<String, &'a Vec<String>> {
        let catalog: &'a Catalog = self.catalog;
        self.anchors.get_or_init(|| {
            catalog
                .articles
                .iter()
                .map(|a| {
                    (
                        format!("{}{}", catalog.config.base_path, a.url),
                        &a.body.anchors,
                    )
                })
                .collect()
        })
    }
}

#[derive(Default)]
struct Resolved {
    /// Site paths linked to (with `base_path`).
    internal: Vec<String>,
    /// Supplements whose product or collection page is linked.
    products: Vec<usize>,
    /// What each link's destination becomes, where it changes, and each picture's size.
    dests: Vec<Settled>,
    /// The first picture's address (see [`LinkedArticle::image`]), and its size.
    image: Option<String>,
    image_size: Option<(u32, u32)>,
    /// The links only the rendered site can settle.
    unverified: Vec<UnverifiedLink>,
}

impl LinkChecker<'_> {
    /// The address each reference at `places` (a path of this site) links to, by its
    /// place in `refs`, checked and completed as a body's link is; and those only the
    /// rendered site can settle.
    fn cited(
        &self,
        refs: &[front_matter::Reference],
        places: &[(usize, Location)],
        page_url: &str,
        rel_dir: Option<&str>,
        diags: &Diagnostics,
    ) -> (Vec<(usize, String)>, Vec<UnverifiedLink>) {
        let (places, cited): (Vec<(usize, &Location)>, Vec<LinkRef>) = places
            .iter()
            .filter_map(|(i, at)| {
                let dest = refs.get(*i)?.url.clone()?;
                let link = LinkRef {
                    dest,
                    offset: 0,
                    is_image: false,
                    no_alt: false,
                };
                Some(((*i, at), link))
            })
            .unzip();
        if cited.is_empty() {
            return (Vec::new(), Vec::new());
        }
        let checked = self.resolve_links(&cited, page_url, rel_dir, diags, |k| {
            places.get(k).map(|(_, at)| (*at).clone())
        });
        let urls = checked
            .dests
            .into_iter()
            .zip(&places)
            .filter_map(|(settled, (i, _))| Some((*i, settled.dest?)))
            .collect();
        (urls, checked.unverified)
    }

    /// Keeps the unverified links of a text other than an article's for the site's list.
    fn keep_unverified(&self, links: Vec<UnverifiedLink>) {
        if links.is_empty() {
            return;
        }
        if let Ok(mut list) = self.unverified.lock() {
            list.extend(links);
        }
    }

    /// Where a link is written, or `site.toml` for a text that has no file of its own.
    fn location(&self, at: Option<Location>) -> Location {
        at.unwrap_or_else(|| Location {
            file: self.catalog.root.join("site.toml"),
            line: 1,
            col: 1,
        })
    }

    /// Whether the link to `url` (a page of the site, as [`Self::resolve`] found it) is one
    /// only the rendered site can settle (see [`UnverifiedLink`]): a later page of a
    /// keyword's list, and with `strict` a part of a page other than an article.
    fn unsettled(&self, url: &str) -> bool {
        let (path, fragment) = url.split_once('#').unwrap_or((url, ""));
        if !self.catalog.paths.contains(path) {
            return true;
        }
        let file = path
            .rsplit('/')
            .next()
            .is_some_and(|last| last.contains('.'));
        self.strict && !fragment.is_empty() && !file && !self.anchors().contains_key(path)
    }

    /// A text that is not cross-linked (the home page's, the disclaimer, a bio, a
    /// standalone page) as HTML, its links checked and completed.
    fn unlinked(
        &self,
        body: &crate::markdown::Body,
        page_url: &str,
        rel_dir: Option<&str>,
        diags: &Diagnostics,
        location_of: impl Fn(usize) -> Option<Location>,
    ) -> String {
        let resolved = self.resolve_links(&body.links, page_url, rel_dir, diags, location_of);
        self.keep_unverified(resolved.unverified);
        let mut html = String::new();
        body.prepared.fill(&mut html, &resolved.dests, |_, _| false);
        html
    }

    /// Rewrites link destinations to final URLs and reports those that lead nowhere.
    /// `rel_dir` is the article's folder under content/articles, for `other.md` links.
    fn resolve_links(
        &self,
        links: &[LinkRef],
        page_url: &str,
        rel_dir: Option<&str>,
        diags: &Diagnostics,
        location_of: impl Fn(usize) -> Option<Location>,
    ) -> Resolved {
        let mut resolved = Resolved {
            dests: vec![Settled::default(); links.len()],
            ..Resolved::default()
        };
        for (index, link) in links.iter().enumerate() {
            let raw = &link.dest;
            let checked = match front_matter::script_scheme(raw, link.is_image) {
                Some(scheme) => Err(Diagnostic::error(format!(
                    "link `{raw}` is a `{scheme}:` URL, which can run code in the reader's browser"
                ))
                .hint("link to a page (`https://…`, `/path/` or `other.md`): content cannot carry scripts")),
                None => self.resolve(raw, page_url, rel_dir, link.is_image),
            };
            match checked {
                Ok(Dest::External) => {
                    if link.is_image && resolved.image.is_none() {
                        resolved.image = web_address(raw);
                    }
                    if let Some(&s) =
                        normalise_url(raw).and_then(|u| self.catalog.product_links.get(&u))
                    {
                        if !resolved.products.contains(&s) {
                            resolved.products.push(s);
                        }
                    }
                }
                Ok(Dest::Internal(url)) => {
                    let path = url.split('#').next().unwrap_or("").to_string();
                    if link.is_image {
                        let size = self.picture_size(&path);
                        if resolved.image.is_none() {
                            // A file name's spaces as a link preview's address writes them.
                            resolved.image = Some(path.replace(' ', "%20"));
                            resolved.image_size = size;
                        }
                        resolved.dests[index].size = size;
                    }
                    if !link.is_image && self.unsettled(&url) {
                        resolved.unverified.push(UnverifiedLink {
                            location: self.location(location_of(index)),
                            raw: raw.clone(),
                            target: url.clone(),
                        });
                    }
                    resolved.dests[index].dest = Some(url);
                    resolved.internal.push(path);
                }
                Err(problem) => {
                    diags.push(problem.at_location(self.location(location_of(index))));
                }
            }
        }
        resolved
    }

    fn resolve(
        &self,
        raw: &str,
        page_url: &str,
        rel_dir: Option<&str>,
        is_image: bool,
    ) -> Result<Dest, Diagnostic> {
        let trimmed = raw.trim();
        if trimmed.is_empty() {
            return Err(Diagnostic::error("link has an empty destination")
                .hint("write the page's URL between the parentheses"));
        }
        if is_external(trimmed) {
            return Ok(Dest::External);
        }
        let (path_part, fragment) = match trimmed.split_once('#') {
            Some((p, f)) => (p, Some(f)),
            None => (trimmed, None),
        };
        let path_part = path_part.split('?').next().unwrap_or("");
        let base = &self.catalog.config.base_path;
        let path = if path_part.is_empty() {
            page_url.to_string()
        } else if path_part.ends_with(".md") {
            let joined = match (path_part.strip_prefix('/'), rel_dir) {
                (Some(abs), _) => abs.strip_prefix("articles/").unwrap_or(abs).to_string(),
                (None, Some(dir)) => normalise_path(&format!("{dir}/{path_part}")),
                (None, None) => path_part.to_string(),
            };
            let joined = joined.trim_start_matches('/').to_string();
            match self.catalog.article_files.get(&joined) {
                Some(&i) => format!("{base}{}", self.catalog.articles[i].url),
                // An article that failed to parse: its problems are reported, not this link.
                None if self.catalog.unparsed.files.articles.contains(&joined) => {
                    return Ok(Dest::External)
                }
                None => {
                    if self
                        .catalog
                        .unparsed
                        .drafts
                        .iter()
                        .any(|(f, _)| *f == joined)
                    {
                        return Err(draft_link(raw));
                    }
                    return Err(Diagnostic::error(format!(
                        "link to `{raw}`, which is not an article"
                    ))
                    .hint(
                        did_you_mean(
                            &joined,
                            self.catalog.article_files.keys().map(String::as_str),
                        )
                        .map_or_else(
                            || "name an article's file relative to this one (`../section/slug.md`), or its URL (`/articles/section/slug/`)".to_string(),
                            |b| format!("did you mean `{b}`? (paths are relative to this file)"),
                        ),
                    ));
                }
            }
        } else if let Some(abs) = path_part.strip_prefix('/') {
            if !base.is_empty() && path_part.starts_with(&format!("{base}/")) {
                path_part.to_string()
            } else {
                format!("{base}/{abs}")
            }
        } else {
            let dir = page_url.rsplit_once('/').map_or("", |(d, _)| d);
            format!(
                "/{}",
                normalise_path(&format!("{dir}/{path_part}")).trim_start_matches('/')
            ) + if path_part.ends_with('/') { "/" } else { "" }
        };
        let path = path.replace("//", "/");
        // A relative path that is no page or file as the browser reads it (from the page's
        // URL) may be one as the author's editor reads it (from the Markdown file's folder):
        // a picture beside the article, published at the same place under /articles/.
        let beside = || {
            let dir = rel_dir.filter(|_| !path_part.is_empty() && !path_part.starts_with('/'))?;
            let file = normalise_path(&format!("{dir}/{path_part}"));
            self.lookup(&format!("{base}/articles/{}", file.trim_start_matches('/')))
        };
        let missing = || {
            if is_image {
                // A picture is a file: pages are no help.
                let files = self.catalog.paths.iter().filter(|p| !p.ends_with('/'));
                let hint = match did_you_mean(&path, files.map(String::as_str)) {
                    Some(b) => format!("did you mean `{b}`?"),
                    None => format!(
                        "put the picture beside the article (paths are relative to its file), or under content/static/: `content/static{}` is served as `{}`",
                        path.strip_prefix(base.as_str()).unwrap_or(&path),
                        path
                    ),
                };
                return Diagnostic::error(format!("image `{raw}` is not a file of the site"))
                    .hint(hint);
            }
            if let Some(host) = front_matter::schemeless_host(raw) {
                return Diagnostic::error(format!(
                    "link to `{raw}`, which has no `https://`: browsers would take `{host}` for a page of this site"
                ))
                .hint(format!("write `https://{}`", raw.trim()));
            }
            let drafts = &self.catalog.unparsed.drafts;
            if drafts.iter().any(|(_, url)| format!("{base}{url}") == path) {
                return draft_link(raw);
            }
            let shown: Vec<&str> = self.catalog.paths.iter().map(String::as_str).collect();
            Diagnostic::error(format!("link to `{raw}`, a page that does not exist"))
                .hint(did_you_mean(&path, shown).map_or_else(
                    || format!("link to a page the site makes (`{base}/symptoms/<id>/`, `{base}/articles/<section>/<slug>/`…) or a file under content/static/, or write the full address of another site"),
                    |b| format!("did you mean `{b}`?"),
                ))
        };
        let Some(found) = self.lookup(&path).or_else(beside) else {
            // A page of a file that failed to parse: its problems are reported, not this.
            if self.catalog.unparsed_may_make(&path) {
                return Ok(Dest::External);
            }
            return Err(missing());
        };
        if let (true, Some(frag)) = (self.strict, fragment) {
            if let Some(anchors) = self.anchors().get(&found) {
                if !frag.is_empty() && !anchors.iter().any(|a| a == frag) {
                    return Err(Diagnostic::error(format!(
                        "link to `{raw}`: the page has no heading `#{frag}`"
                    ))
                    .hint(
                        did_you_mean(frag, anchors.iter().map(String::as_str)).map_or_else(
                            || shown_ids(anchors),
                            |b| format!("did you mean `#{b}`?"),
                        ),
                    ));
                }
            }
        }
        Ok(Dest::Internal(match fragment {
            Some(f) => format!("{found}#{f}"),
            None => found,
        }))
    }

    /// The size of the picture at the site path `path` (with `base_path`), if it is one of
    /// the site's files whose size is known.
    fn picture_size(&self, path: &str) -> Option<(u32, u32)> {
        let c = self.catalog;
        let file = path
            .strip_prefix(c.config.base_path.as_str())?
            .trim_start_matches('/');
        c.picture_sizes.get(file).copied().or_else(|| {
            let decoded = percent_encoding::percent_decode_str(file)
                .decode_utf8()
                .ok()?;
            c.picture_sizes.get(decoded.as_ref()).copied()
        })
    }

    fn lookup(&self, path: &str) -> Option<String> {
        let paths = &self.catalog.paths;
        let find = |path: &str| {
            let stripped = path.strip_suffix("index.html").unwrap_or(path);
            [
                stripped.to_string(),
                format!("{}/", stripped.trim_end_matches('/')),
            ]
            .into_iter()
            .find(|p| paths.contains(p) || self.catalog.is_list_page(p))
        };
        // `my%20photo.jpg` is how Markdown writes a space in a link: the file's name has
        // the space.
        find(path).or_else(|| {
            let decoded = percent_encoding::percent_decode_str(path)
                .decode_utf8()
                .ok()?;
            (decoded != path).then(|| find(&decoded)).flatten()
        })
    }
}

/// An external picture's address as a link preview can fetch it: http(s), with a scheme.
fn web_address(raw: &str) -> Option<String> {
    let raw = raw.trim();
    if raw.starts_with("//") {
        return Some(["https:", raw].concat());
    }
    let lower = raw.get(..8)?.to_ascii_lowercase();
    (lower.starts_with("https://") || lower.starts_with("http://")).then(|| raw.to_string())
}

enum Dest {
    External,
    Internal(String),
}

fn is_external(dest: &str) -> bool {
    if dest.starts_with("//") {
        return true;
    }
    match dest.find(':') {
        Some(i) => {
            let scheme = &dest[..i];
            !scheme.is_empty()
                && scheme
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
                && !dest[..i].contains('/')
        }
        None => false,
    }
}

/// Resolves `.` and `..` segments; never climbs above the root.
fn normalise_path(path: &str) -> String {
    let mut parts: Vec<&str> = Vec::new();
    for seg in path.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            s => parts.push(s),
        }
    }
    parts.join("/")
}

/// A hint naming a page's heading ids: the first few, and how many more.
fn shown_ids(ids: &[String]) -> String {
    const SHOWN: usize = 5;
    if ids.is_empty() {
        return "the page has no headings: link to the page itself, without `#…`".to_string();
    }
    let mut text = ids
        .iter()
        .take(SHOWN)
        .map(|id| format!("`#{id}`"))
        .collect::<Vec<_>>()
        .join(", ");
    if ids.len() > SHOWN {
        text.push_str(&format!(" and {} more", ids.len() - SHOWN));
    }
    format!("link to one of its headings: {text}")
}

/// A link to a draft: the page is there while the author previews (`--drafts`), and
/// missing from the published site, which is what the build is for.
fn draft_link(raw: &str) -> Diagnostic {
    Diagnostic::error(format!(
        "link to `{raw}`, a draft: the published site has no such page"
    ))
    .hint("publish it (remove `draft: true`) or remove the link; `--drafts` builds a preview with drafts")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn external_links_are_recognised() {
        assert!(is_external("https://x.org"));
        assert!(is_external("mailto:a@b.c"));
        assert!(is_external("//cdn.x"));
        assert!(!is_external("/symptoms/fatigue/"));
        assert!(!is_external("../a.md"));
    }

    #[test]
    fn paths_normalise() {
        assert_eq!(normalise_path("a/b/../c/./d.md"), "a/c/d.md");
        assert_eq!(normalise_path("../../x"), "x");
    }
}
