//! The pipeline, end to end: load → parse → catalog → link → render, then write. The build
//! stops between stages when a stage found errors, so later stages never run on broken
//! input, and nothing is written unless every stage succeeded.

use crate::date::Date;
use crate::diagnostics::Diagnostics;
use crate::render::Output;
use crate::{catalog, link, load, parse, render, search};
use std::path::Path;

#[derive(Debug, Clone, Default)]
pub struct BuildOptions {
    /// Include articles marked `draft: true`.
    pub drafts: bool,
    /// The extra checks of `materia check` (link fragments).
    pub strict: bool,
    /// Leave the search index out. Not a command-line option: the search benchmark builds
    /// with and without it to measure what the index adds to a build. The search page then
    /// carries an empty manifest.
    pub skip_search_index: bool,
}

/// What a successful build made, with counts for the summary line.
#[derive(Debug)]
pub struct Built {
    pub output: Output,
    /// The path part of `base_url`, under which the site lives.
    pub base_path: String,
    pub articles: usize,
    pub symptoms: usize,
    pub supplements: usize,
}

/// Today, for review-due notices: `SOURCE_DATE_EPOCH` when set (reproducible builds), else
/// the system clock.
pub fn today() -> Date {
    let secs = std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.trim().parse::<i64>().ok())
        .unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map(|d| d.as_secs() as i64)
                .unwrap_or(0)
        });
    Date::from_days_since_epoch(secs.div_euclid(86_400))
}

/// Hears about a build's progress, for a progress bar. Every method has a silent default.
pub trait Progress: Sync {
    /// A stage starts; `total` is how many steps it will report (0: unknown).
    fn stage(&self, _name: &str, _total: usize) {}
    /// One step of the current stage is done.
    fn step(&self) {}
}

/// No progress display (tests, `--quiet`, the library).
pub struct Silent;

impl Progress for Silent {}

/// Prints how long each stage took when `MATERIA_TIMINGS` is set (for performance work).
struct Timings {
    start: std::time::Instant,
    on: bool,
}

impl Timings {
    fn new() -> Self {
        Timings {
            start: std::time::Instant::now(),
            on: std::env::var_os("MATERIA_TIMINGS").is_some(),
        }
    }

    fn mark(&self, stage: &str) {
        if self.on {
            eprintln!(
                "{stage:>8}: {:>8.1} ms",
                self.start.elapsed().as_secs_f64() * 1000.0
            );
        }
    }
}

/// Builds the site at `root` in memory, telling `progress` how it goes. Returns `None`
/// when there were errors; they are in `diags`.
pub fn build(
    root: &Path,
    options: &BuildOptions,
    diags: &Diagnostics,
    progress: &dyn Progress,
) -> Option<Built> {
    Builder::once(root, options.clone()).build(diags, progress)
}

/// A build that remembers its work: each rebuild re-parses only changed files, re-links
/// only articles whose text or linking context changed, recounts the search terms only of
/// changed articles, and re-renders only pages whose variables changed. Every stage still
/// runs, and every cache is keyed on everything its result depends on, so a rebuild gives
/// exactly the bytes of a fresh build.
pub struct Builder {
    root: std::path::PathBuf,
    options: BuildOptions,
    parse_cache: parse::ParseCache,
    link_cache: link::LinkCache,
    render_cache: render::RenderCache,
    search_cache: search::SearchCache,
}

impl Builder {
    pub fn new(root: &Path, options: BuildOptions) -> Builder {
        Builder {
            root: root.to_path_buf(),
            options,
            parse_cache: parse::ParseCache::default(),
            link_cache: link::LinkCache::new(true),
            render_cache: render::RenderCache::new(true),
            search_cache: search::SearchCache::new(true),
        }
    }

    /// A builder for one build: it keeps nothing for a next one, so it skips the keys and
    /// copies that only rebuilds use (hashing every page's variables, above all).
    pub fn once(root: &Path, options: BuildOptions) -> Builder {
        Builder {
            root: root.to_path_buf(),
            options,
            parse_cache: parse::ParseCache::default(),
            link_cache: link::LinkCache::new(false),
            render_cache: render::RenderCache::new(false),
            search_cache: search::SearchCache::new(false),
        }
    }

    pub fn build(&mut self, diags: &Diagnostics, progress: &dyn Progress) -> Option<Built> {
        let timings = Timings::new();
        progress.stage("loading", 0);
        let sources = load::load(&self.root, diags)?;
        timings.mark("load");
        if diags.has_errors() {
            return None;
        }
        progress.stage("parsing", 0);
        let parsed =
            parse::parse_cached(sources, self.options.drafts, diags, &mut self.parse_cache);
        timings.mark("parse");
        if diags.has_errors() {
            return None;
        }
        progress.stage("cataloguing", 0);
        let catalog = catalog::catalog(parsed, diags);
        timings.mark("catalog");
        progress.stage("linking", 0);
        let linked = link::link_cached(catalog, self.options.strict, diags, &mut self.link_cache);
        timings.mark("link");
        if diags.has_errors() {
            return None;
        }
        let search_cache = &mut self.search_cache;
        let skip_search = self.options.skip_search_index;
        let (mut output, index_files) = render::render_cached(
            &linked,
            today(),
            diags,
            progress,
            &mut self.render_cache,
            || {
                if skip_search {
                    return (String::new(), Vec::new());
                }
                let index = search::index_cached(&linked, search_cache);
                timings.mark("search");
                (index.manifest, index.files)
            },
        )?;
        timings.mark("render");
        output.pages.extend(
            index_files
                .into_iter()
                .map(|(path, bytes)| (path, bytes.into())),
        );
        if diags.has_errors() {
            return None;
        }
        Some(Built {
            base_path: linked.catalog.config.base_path.clone(),
            articles: linked.catalog.articles.len(),
            symptoms: linked.catalog.symptoms.len(),
            supplements: linked.catalog.supplements.len(),
            output,
        })
    }
}
