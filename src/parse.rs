//! The parse stage: turns every loaded file into a typed article or record, in parallel,
//! collecting every file's problems instead of stopping at the first.

use crate::article::{self, Article};
use crate::config::SiteConfig;
use crate::diagnostics::Diagnostic;
use crate::diagnostics::Diagnostics;
use crate::load::{SourceFile, Sources, Unread};
use crate::markdown::{self, Body, Labels};
use crate::pages::{self, SitePage};
use crate::records::{self, Person, Supplement, Symptom};
use crate::theme::{Asset, ThemeSources};
use rayon::prelude::*;
use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;

#[derive(Debug, Clone)]
pub struct Parsed {
    pub root: PathBuf,
    pub config: SiteConfig,
    pub home: Body,
    /// The site's medical disclaimer (`site.toml`), shown on every article.
    pub disclaimer: Body,
    pub articles: Vec<Arc<Article>>,
    pub symptoms: Vec<Symptom>,
    pub supplements: Vec<Supplement>,
    pub people: Vec<Person>,
    /// Standalone pages, drafts left out unless asked for. Few, and parsed on every build.
    pub pages: Vec<SitePage>,
    pub assets: Vec<Asset>,
    pub picture_sizes: HashMap<String, (u32, u32)>,
    pub theme: ThemeSources,
    pub unparsed: Unparsed,
}

/// The files that failed to read or parse, each as its path in its collection's folder
/// (`section/slug.md`, `fatigue.yaml`). A build with problems runs on through the catalog
/// and link stages for the other files' problems (an unknown id, a broken link), so one run
/// reports them all; what these files would have made is then not reported missing.
#[derive(Debug, Clone, Default)]
pub struct Unparsed {
    pub files: Unread,
    /// The URL each of `files.articles` would most likely have had
    /// ([`article::likely_url`]).
    pub article_urls: Vec<String>,
    /// Drafts this build leaves out, by file (as `files.articles`) and URL: a link to one
    /// is broken on the published site, and its error says why.
    pub drafts: Vec<(String, String)>,
    /// Whether an article was read without a field that was wrong ([`Article::errors`]):
    /// its keywords or tags may be what was left out.
    pub partial_articles: bool,
}

impl Unparsed {
    pub fn is_empty(&self) -> bool {
        let f = &self.files;
        !self.partial_articles
            && f.articles.is_empty()
            && f.symptoms.is_empty()
            && f.supplements.is_empty()
            && f.people.is_empty()
            && f.pages.is_empty()
    }
}

/// Parsed files from earlier builds, by path and text hash, so that a rebuild parses only
/// what changed. Errors are kept too, to be reported again while the file stays broken.
#[derive(Default)]
pub struct ParseCache {
    /// Off for a one-off build, which keeps nothing: the link stage can then drop each
    /// article's HTML once it is linked.
    enabled: bool,
    articles: HashMap<PathBuf, (u64, ArticleResult)>,
    symptoms: HashMap<PathBuf, (u64, records::Read<Symptom>)>,
    supplements: HashMap<PathBuf, (u64, records::Read<Supplement>)>,
    people: HashMap<PathBuf, (u64, records::Read<Person>)>,
    /// The labels every text above was parsed with.
    labels: Labels,
}

impl ParseCache {
    pub fn new(enabled: bool) -> ParseCache {
        ParseCache {
            enabled,
            ..ParseCache::default()
        }
    }
}

/// Parses each record file, or takes it from `cache` when its text is the same as then;
/// `cache` then holds these files alone.
fn parse_records<T: Clone + Send + Sync>(
    files: &[SourceFile],
    parse: fn(&SourceFile, &Labels) -> records::Read<T>,
    labels: &Labels,
    cache: &mut HashMap<PathBuf, (u64, records::Read<T>)>,
    diags: &Diagnostics,
    unparsed: &mut Vec<String>,
) -> Vec<T> {
    let previous = std::mem::take(cache);
    let results: Vec<(PathBuf, u64, records::Read<T>)> = files
        .par_iter()
        .map(|f| {
            let result = match previous.get(&f.path) {
                Some((hash, cached)) if *hash == f.hash => cached.clone(),
                _ => parse(f, labels),
            };
            (f.path.clone(), f.hash, result)
        })
        .collect();
    let mut records = Vec::with_capacity(results.len());
    for ((path, hash, result), file) in results.into_iter().zip(files) {
        match &result {
            Ok((record, errors)) => {
                diags.extend(errors.iter().cloned());
                records.push(record.clone());
            }
            Err(d) => {
                diags.extend(d.iter().cloned());
                unparsed.push(file.rel.clone());
            }
        }
        cache.insert(path, (hash, result));
    }
    records
}

/// An article, or the problems that stop it from being one.
pub type ArticleResult = Result<Arc<Article>, Vec<Diagnostic>>;

/// Parses one article file again, remembering it for the next [`parse_cached`].
pub fn reparse_article(file: &SourceFile, cache: &mut ParseCache) -> ArticleResult {
    let result = article::parse(file, &cache.labels).map(Arc::new);
    cache
        .articles
        .insert(file.path.clone(), (file.hash, result.clone()));
    result
}

/// Parses everything; drafts are dropped here unless `drafts` is set, so no later stage
/// can leak them.
pub fn parse(sources: Sources, drafts: bool, diags: &Diagnostics) -> Parsed {
    parse_cached(sources, drafts, diags, &mut ParseCache::default())
}

pub fn parse_cached(
    sources: Sources,
    drafts: bool,
    diags: &Diagnostics,
    cache: &mut ParseCache,
) -> Parsed {
    // What the Markdown's own markup says is in every parsed text: a change of language
    // (or of `[translations]`) makes every one out of date.
    let labels = Labels::new(&sources.config.words);
    if labels != cache.labels {
        *cache = ParseCache {
            enabled: cache.enabled,
            labels,
            ..ParseCache::default()
        };
    }
    let previous = std::mem::take(&mut cache.articles);
    let results: Vec<(PathBuf, u64, ArticleResult)> = sources
        .articles
        .par_iter()
        .map(|f| {
            let hash = f.hash;
            let result = match previous.get(&f.path) {
                Some((h, cached)) if *h == hash => cached.clone(),
                _ => article::parse(f, &cache.labels).map(Arc::new),
            };
            (f.path.clone(), hash, result)
        })
        .collect();
    let mut articles = Vec::with_capacity(results.len());
    let unread = &sources.unread.articles;
    let article_urls = unread
        .iter()
        .map(|r| article::likely_url(r, None))
        .collect();
    let mut unparsed = Unparsed {
        article_urls,
        files: sources.unread,
        drafts: Vec::new(),
        partial_articles: false,
    };
    for ((path, hash, result), file) in results.into_iter().zip(&sources.articles) {
        match &result {
            Ok(a) if drafts || !a.front.draft => {
                diags.extend(a.warnings.iter().cloned());
                diags.extend(a.errors.iter().cloned());
                if !a.errors.is_empty() {
                    unparsed.partial_articles = true;
                    unparsed.article_urls.extend(article::meant_url(a, file));
                }
                articles.push(Arc::clone(a));
            }
            // A draft left out still has its errors.
            Ok(a) => {
                diags.extend(a.errors.iter().cloned());
                unparsed.drafts.push((file.rel.clone(), a.url.clone()));
            }
            Err(problems) => {
                diags.extend(problems.iter().cloned());
                unparsed.files.articles.push(file.rel.clone());
                let url = article::likely_url(&file.rel, Some(file));
                unparsed.article_urls.push(url);
            }
        }
        if cache.enabled {
            cache.articles.insert(path, (hash, result));
        }
    }
    let symptoms = parse_records(
        &sources.symptoms,
        records::parse_symptom,
        &cache.labels,
        &mut cache.symptoms,
        diags,
        &mut unparsed.files.symptoms,
    );
    let supplements = parse_records(
        &sources.supplements,
        records::parse_supplement,
        &cache.labels,
        &mut cache.supplements,
        diags,
        &mut unparsed.files.supplements,
    );
    let people = parse_records(
        &sources.people,
        records::parse_person,
        &cache.labels,
        &mut cache.people,
        diags,
        &mut unparsed.files.people,
    );
    let pages = sources
        .pages
        .iter()
        .filter_map(|f| match pages::parse(f, &cache.labels) {
            Ok((page, errors)) => {
                diags.extend(errors);
                (drafts || !page.front.draft).then_some(page)
            }
            Err(problems) => {
                diags.extend(problems);
                unparsed.files.pages.push(f.rel.clone());
                None
            }
        })
        .collect();
    let home = sources
        .home
        .as_ref()
        .map(|h| markdown::parse(&h.text, 0, false, "home-", &cache.labels))
        .unwrap_or_default();
    let disclaimer = Some(sources.config.disclaimer.as_str())
        .filter(|d| !d.trim().is_empty())
        .map(|d| markdown::parse(d, 0, false, "disclaimer-", &cache.labels))
        .unwrap_or_default();
    Parsed {
        root: sources.root,
        config: sources.config,
        home,
        disclaimer,
        articles,
        symptoms,
        supplements,
        people,
        pages,
        assets: sources.assets,
        picture_sizes: sources.picture_sizes,
        theme: sources.theme,
        unparsed,
    }
}
