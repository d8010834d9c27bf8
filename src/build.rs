//! The pipeline, end to end: load → parse → catalog → link → render, then write. The build
//! stops between stages when a stage found errors, so later stages never run on broken
//! input, and nothing is written unless every stage succeeded. The one exception: past
//! files that fail to read or parse, the parse, catalog and link stages still run on the
//! others, for their problems alone (see [`crate::parse::Unparsed`]). The search stage runs
//! in two halves beside the others: counting terms (which needs only the catalog) beside
//! linking, and weighing and packing the index (which needs what articles mention) beside
//! rendering.

use crate::article::Article;
use crate::date::Date;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::link::LinkedSite;
use crate::render::Output;
use crate::{backlinks, catalog, link, load, parse, render, review, search};
use rayon::prelude::*;
use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;
use std::sync::Arc;

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
    /// The address to build for instead of `site.toml`'s `base_url` (`--base-url`).
    pub base_url: Option<String>,
}

/// What a successful build made, with counts for the summary line.
#[derive(Debug)]
pub struct Built {
    pub output: Output,
    /// The path part of `base_url`, under which the site lives.
    pub base_path: String,
    /// The address the site was built for: `site.toml`'s `base_url`, or `--base-url`.
    pub base_url: String,
    pub articles: usize,
    pub symptoms: usize,
    pub supplements: usize,
}

pub use crate::date::today;

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

/// A search index file by output path, with its bytes unless it was handed to the sink.
type IndexFile = (String, Option<Vec<u8>>);

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
            // The process's CPU time beside the wall time shows how well a stage keeps the
            // cores busy (Linux only; in clock ticks, usually 10 ms).
            let cpu = cpu_seconds().map_or(String::new(), |(own, _)| {
                format!("  cpu {:>7.0} ms", own * 1000.0)
            });
            // Memory in use, since every page of it first touched costs a page fault.
            let rss = resident_mib().map_or(String::new(), |m| format!("  rss {m:>5.0} MiB"));
            eprintln!(
                "{stage:>8}: {:>8.1} ms{cpu}{rss}",
                self.start.elapsed().as_secs_f64() * 1000.0
            );
        }
    }
}

/// This process's resident memory in MiB (Linux only).
fn resident_mib() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmRSS:"))?;
    let kib: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib / 1024.0)
}

/// User and system time, in seconds, of this process and of its children that were waited
/// for, so far: `utime + stime` and `cutime + cstime` of `/proc/self/stat` (Linux only; in
/// clock ticks, usually 10 ms). `MATERIA_TIMINGS` and the search benchmark read it.
pub fn cpu_seconds() -> Option<(f64, f64)> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // Fields after the command name, which is in parentheses and may hold spaces.
    let rest = &stat[stat.rfind(')')? + 2..];
    let ticks: Vec<f64> = rest
        .split(' ')
        .skip(11)
        .take(4)
        .map(|field| field.parse().ok())
        .collect::<Option<_>>()?;
    // Linux reports clock ticks of 1/100 s (USER_HZ) on every common platform.
    match ticks[..] {
        [user, system, children_user, children_system] => Some((
            (user + system) / 100.0,
            (children_user + children_system) / 100.0,
        )),
        _ => None,
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
    /// What the last successful [`Builder::build_pages`] made.
    last: Option<Last>,
    /// The files changed since the last build, when a watcher said which
    /// ([`Builder::changed`]); `None`: unknown, so anything may have.
    changed: Option<Vec<PathBuf>>,
    /// How many builds took the quick way ([`Builder::quick_builds`]).
    quick: usize,
    /// The files the last full load read (when caching), for the next to reuse.
    sources: Option<load::Sources>,
    /// Files that quick builds read since: the next full load reads them again.
    reread: Vec<PathBuf>,
    /// A one-shot builder's site, kept past its build for [`Builder::exit_without_freeing`].
    spent: Option<LinkedSite>,
}

/// A site as the last successful [`Builder::build_pages`] left it, for the next build to
/// start from and for its search index.
struct Last {
    site: LinkedSite,
    today: Date,
    /// Its pages, without the search page and index.
    output: Output,
    /// Whether its search index is still to be made.
    search_pending: bool,
    /// Whether the files on disk are still those it was built from, but for the changes
    /// [`Builder::changed`] was told of: false after a failed build.
    current: bool,
    /// Whether that build reported no problem at all, so that a build that changes one
    /// page's problems cannot leave another page's out.
    clean: bool,
}

impl Builder {
    pub fn new(root: &Path, options: BuildOptions) -> Builder {
        Builder {
            root: root.to_path_buf(),
            options,
            parse_cache: parse::ParseCache::new(true),
            link_cache: link::LinkCache::new(true),
            render_cache: render::RenderCache::new(true),
            search_cache: search::SearchCache::new(true),
            last: None,
            changed: None,
            quick: 0,
            sources: None,
            reread: Vec::new(),
            spent: None,
        }
    }

    /// A builder for one build: it keeps nothing for a next one, so it skips the keys and
    /// copies that only rebuilds use (hashing every page's variables, above all).
    pub fn once(root: &Path, options: BuildOptions) -> Builder {
        Builder {
            root: root.to_path_buf(),
            options,
            parse_cache: parse::ParseCache::new(false),
            link_cache: link::LinkCache::new(false),
            render_cache: render::RenderCache::new(false),
            search_cache: search::SearchCache::new(false),
            last: None,
            changed: None,
            quick: 0,
            sources: None,
            reread: Vec::new(),
            spent: None,
        }
    }

    pub fn build(&mut self, diags: &Diagnostics, progress: &dyn Progress) -> Option<Built> {
        self.build_with(None, diags, progress)
    }

    /// [`Builder::build`], handing each page to `sink` as soon as it is rendered instead of
    /// keeping it: the returned output names those pages in `streamed` and holds only the
    /// rest (search index, feeds, sitemap). `materia build` streams into its staging folder,
    /// which keeps a large build's memory to what it is working on.
    pub fn build_into(
        &mut self,
        sink: &render::Sink,
        diags: &Diagnostics,
        progress: &dyn Progress,
    ) -> Option<Built> {
        self.build_with(Some(sink), diags, progress)
    }

    fn build_with(
        &mut self,
        sink: Option<&render::Sink>,
        diags: &Diagnostics,
        progress: &dyn Progress,
    ) -> Option<Built> {
        let timings = Timings::new();
        let skip_search = self.options.skip_search_index;
        let (linked, counted) = self.link_stages(None, !skip_search, diags, progress, &timings)?;
        let search_cache = &mut self.search_cache;
        let (mut output, index_files) = render::render_cached(
            &linked,
            today(),
            diags,
            progress,
            &mut self.render_cache,
            sink,
            || {
                let Some(counted) = counted else {
                    return (String::new(), Vec::new());
                };
                let index = search::index_from(&linked, counted, search_cache);
                timings.mark("search");
                // Streamed too, while the pages still render: written after them, the index
                // files were a tail of the build on one thread. A streamed file comes back
                // without its bytes.
                let files: Vec<Result<IndexFile, Diagnostic>> = match sink {
                    Some(sink) => index
                        .files
                        .into_par_iter()
                        .map(|(path, bytes)| sink(&path, &bytes).map(|()| (path, None)))
                        .collect(),
                    None => index
                        .files
                        .into_iter()
                        .map(|(path, bytes)| Ok((path, Some(bytes))))
                        .collect(),
                };
                (index.manifest, files)
            },
        )?;
        timings.mark("render");
        for file in index_files {
            match file {
                Ok((path, None)) => {
                    output.streamed.insert(path);
                }
                Ok((path, Some(bytes))) => {
                    output.pages.insert(path, bytes.into());
                }
                Err(d) => diags.push(d),
            }
        }
        crate::verify::rendered_links(&linked, &output, diags);
        if diags.has_errors() {
            return None;
        }
        self.last = None;
        let done = built(&linked, output);
        if !self.link_cache.enabled {
            self.spent = Some(linked);
        }
        Some(done)
    }

    /// Ends a one-shot builder ([`Builder::once`]) without freeing the site it built, for a
    /// process that exits next: the system takes the memory back at once, where freeing
    /// every article, outline and front matter one by one kept one core busy for the last
    /// 60-80 ms of a 10,000-article build.
    pub fn exit_without_freeing(self) {
        std::mem::forget(self);
    }

    /// Tells the builder which files changed since its last build (a watcher's report), so
    /// the next [`Builder::build_pages`] may build only what they affect. Without it, that
    /// build reads every file again.
    pub fn changed(&mut self, paths: impl IntoIterator<Item = PathBuf>) {
        self.changed.get_or_insert_with(Vec::new).extend(paths);
    }

    /// A build whose search index is left for [`Builder::finish_search`]: every page but the
    /// search page, so `serve` can show an edit before the index, the slowest stage, is
    /// rebuilt. The search template is still checked, so a build fails here exactly when a
    /// full build would.
    pub fn build_pages(&mut self, diags: &Diagnostics, progress: &dyn Progress) -> Option<Built> {
        let changed = self.changed.take();
        if let Some(done) = changed.as_ref().and_then(|paths| self.edit_articles(paths)) {
            self.quick += 1;
            return Some(done);
        }
        if let Some(last) = &mut self.last {
            last.current = false;
        }
        let timings = Timings::new();
        let (linked, _) = self.link_stages(changed, false, diags, progress, &timings)?;
        let today = today();
        let output =
            render::render_without_search(&linked, today, diags, progress, &mut self.render_cache)?;
        timings.mark("render");
        // The pages are all in memory; the search page, which comes later, is one whose path
        // linking knows, so no link this build makes unverified leads to it.
        crate::verify::rendered_links(&linked, &output, diags);
        if diags.has_errors() {
            return None;
        }
        let done = built(&linked, output.clone());
        self.last = Some(Last {
            site: linked,
            today,
            output,
            search_pending: true,
            current: true,
            clean: diags.is_empty(),
        });
        Some(done)
    }

    /// The quick rebuild, when only the text of some articles changed: re-reads, re-parses,
    /// re-links and re-renders those articles alone. It applies only when each edit leaves
    /// every other page as it was: the same catalog entry (URL, section, ids, keywords, tags,
    /// aliases), the same mentions and references, the same card, feed entry and heading ids,
    /// and no problem reported, now or in the last build. Otherwise (`None`) the full
    /// pipeline runs, so the result is always a full build's.
    fn edit_articles(&mut self, paths: &[PathBuf]) -> Option<Built> {
        let today = today();
        let last = self.last.as_mut().filter(|l| l.current && l.clean)?;
        if last.today != today {
            return None;
        }
        let timings = Timings::new();
        let dir = self.root.join("content").join("articles");
        let mut edits: Vec<(usize, Arc<Article>, bool)> = Vec::new();
        for path in paths {
            let rel = path
                .strip_prefix(&dir)
                .ok()?
                .to_string_lossy()
                .replace('\\', "/");
            let Some(&i) = last.site.catalog.article_files.get(&rel) else {
                // A file that came and went (an editor's or `sed -i`'s temporary file) is
                // nothing a full build would see; any other is.
                if path.symlink_metadata().is_err() {
                    continue;
                }
                return None;
            };
            if edits.iter().any(|(j, ..)| *j == i) {
                continue;
            }
            let source = load::read_source(path, &dir).ok()?;
            let new = parse::reparse_article(&source, &mut self.parse_cache).ok()?;
            let old = &last.site.catalog.articles[i];
            let listing = render::listing_change(old, &new);
            // Warnings are reported by the full build.
            if source.warning.is_some()
                || !new.warnings.is_empty()
                || !new.errors.is_empty()
                || (new.front.draft && !self.options.drafts)
                || !catalog::same_shape(old, &new)
                || listing == render::Listing::Changed
            {
                return None;
            }
            edits.push((i, new, listing == render::Listing::Card));
        }
        if edits.is_empty() {
            return None;
        }
        timings.mark("parse");
        let read: Vec<PathBuf> = edits
            .iter()
            .map(|(_, article, _)| article.path.clone())
            .collect();
        let mut linked = Vec::with_capacity(edits.len());
        for (i, new, _) in &edits {
            linked.push(link::relink_alone(
                &last.site,
                *i,
                new,
                self.options.strict,
                &mut self.link_cache,
            )?);
        }
        timings.mark("link");
        let mut before = Vec::with_capacity(edits.len());
        let backlinks = last.site.backlinks.clone();
        let mut lists = backlinks::Changed::default();
        for ((i, new, _), linked) in edits.iter().zip(linked) {
            let old_article = std::mem::replace(&mut last.site.catalog.articles[*i], new.clone());
            let old_linked = std::mem::replace(&mut last.site.articles[*i], linked);
            lists.extend(link::update_backlinks(&mut last.site, *i, &old_linked));
            before.push((*i, old_article, old_linked));
        }
        timings.mark("backlinks");
        // A keyword's list that gains or loses a page changes which pages exist: the full
        // build writes them and drops the ones gone.
        let per_page = last.site.catalog.config.paginate_by;
        let pages_moved = lists.keywords.iter().any(|&k| {
            crate::catalog::page_count(backlinks.keyword_articles[k].len(), per_page)
                != crate::catalog::page_count(
                    last.site.backlinks.keyword_articles[k].len(),
                    per_page,
                )
        });
        let changed: Vec<(usize, bool)> = edits.iter().map(|(i, _, card)| (*i, *card)).collect();
        let local = Diagnostics::new();
        let pages = if pages_moved {
            None
        } else {
            render::render_articles(
                &last.site,
                today,
                &changed,
                &lists,
                &local,
                &mut self.render_cache,
            )
        };
        timings.mark("render");
        let Some(pages) = pages.filter(|_| local.is_empty()) else {
            // Back as it was, for the full build that follows.
            for (i, article, linked) in before {
                last.site.catalog.articles[i] = article;
                last.site.articles[i] = linked;
            }
            last.site.backlinks = backlinks;
            return None;
        };
        last.output.pages.extend(pages);
        last.search_pending = true;
        // The last full load holds their old text.
        self.reread.extend(read);
        Some(built(&last.site, last.output.clone()))
    }

    /// How many builds so far re-rendered only the articles that changed (for tests and the
    /// server's log).
    pub fn quick_builds(&self) -> usize {
        self.quick
    }

    /// Whether the last successful build still waits for its search index.
    pub fn search_pending(&self) -> bool {
        self.last.as_ref().is_some_and(|l| l.search_pending)
    }

    /// The search index and search page of the last [`Builder::build_pages`], as output
    /// files. `None` when `stop` was set before they were done (they stay pending), or when
    /// there was nothing pending or the search page failed (its errors are in `diags`).
    pub fn finish_search(
        &mut self,
        diags: &Diagnostics,
        stop: &AtomicBool,
    ) -> Option<Vec<(String, Arc<[u8]>)>> {
        let timings = Timings::new();
        let last = self.last.as_mut().filter(|l| l.search_pending)?;
        let (manifest, files) = if self.options.skip_search_index {
            (String::new(), Vec::new())
        } else {
            let index = search::index_until(&last.site, &mut self.search_cache, stop)?;
            (index.manifest, index.files)
        };
        timings.mark("search");
        last.search_pending = false;
        let page = render::render_search_page(
            &last.site,
            last.today,
            manifest,
            diags,
            &mut self.render_cache,
        )?;
        let mut files: Vec<(String, Arc<[u8]>)> = files
            .into_iter()
            .map(|(path, bytes)| (path, bytes.into()))
            .collect();
        files.push(page);
        Some(files)
    }

    /// Load, parse, catalog and link: what every build does before rendering. `changed`:
    /// the files changed since the last build, when a watcher said which; the others are
    /// taken from the last load. With `count_terms`, the search index's counting runs beside
    /// the linking, since it needs only the catalog.
    fn link_stages(
        &mut self,
        changed: Option<Vec<PathBuf>>,
        count_terms: bool,
        diags: &Diagnostics,
        progress: &dyn Progress,
        timings: &Timings,
    ) -> Option<(LinkedSite, Option<search::Counted>)> {
        progress.stage("loading", 0);
        let reread = std::mem::take(&mut self.reread);
        let last = self.sources.take();
        let mut sources = match (changed, &last) {
            (Some(changed), Some(last)) => {
                let changed: HashSet<PathBuf> = changed.into_iter().chain(reread).collect();
                let reuse = load::Reuse {
                    last,
                    changed: &changed,
                };
                load::load_reusing(&self.root, diags, Some(reuse))
            }
            _ => load::load(&self.root, diags),
        }?;
        if let Some(url) = &self.options.base_url {
            if let Err(e) = sources.config.set_base_url(url) {
                diags.push(Diagnostic::error(format!("--base-url: {e}")).hint(
                    "give the address the site is deployed at, like `https://preview.example.org/kb/`",
                ));
                return None;
            }
        }
        if self.link_cache.enabled {
            self.sources = Some(sources.clone());
        }
        timings.mark("load");
        // Past files that could not be read, on (see below).
        progress.stage("parsing", 0);
        let parsed =
            parse::parse_cached(sources, self.options.drafts, diags, &mut self.parse_cache);
        timings.mark("parse");
        if diags.has_errors() {
            // On through the catalog and link stages, for the other files' problems (an
            // unknown id, a broken link): one run reports them all, as rustc does past a
            // syntax error. What failed to read or parse is left out, and nothing it would
            // have made is reported missing. No cache takes in this partial site.
            progress.stage("linking", 0);
            let catalog = catalog::catalog(parsed, diags);
            drop(link::link(catalog, self.options.strict, diags));
            return None;
        }
        progress.stage("cataloguing", 0);
        let catalog = catalog::catalog(parsed, diags);
        if self.options.strict {
            for warning in review::warnings(&catalog, today()) {
                diags.push(warning);
            }
        }
        timings.mark("catalog");
        progress.stage("linking", 0);
        let search_cache = &mut self.search_cache;
        let (linked, counted) = link::link_beside(
            catalog,
            self.options.strict,
            diags,
            &mut self.link_cache,
            |catalog| count_terms.then(|| search::count(catalog, search_cache)),
        );
        timings.mark("link");
        if diags.has_errors() {
            // `materia check` reports every problem in one run, those only the rendered
            // pages settle (a link to a symptom page's `#id`) too: the whole site parsed, so
            // its pages render as they would once the links are mended. Into memory, and
            // through no cache, which a site with errors must not feed.
            if self.options.strict && !self.link_cache.enabled {
                let mut cache = render::RenderCache::new(false);
                if let Some(output) =
                    render::render_without_search(&linked, today(), diags, progress, &mut cache)
                {
                    crate::verify::rendered_links(&linked, &output, diags);
                }
            }
            return None;
        }
        Some((linked, counted))
    }
}

fn built(linked: &LinkedSite, output: Output) -> Built {
    Built {
        base_path: linked.catalog.config.base_path.clone(),
        base_url: linked.catalog.config.base_url.clone(),
        articles: linked.catalog.articles.len(),
        symptoms: linked.catalog.symptoms.len(),
        supplements: linked.catalog.supplements.len(),
        output,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `MATERIA_TIMINGS` and the search benchmark read CPU times from `/proc/self/stat`:
    /// busy work must show in this process's (within seconds, however loaded the machine),
    /// and a busy child's must show in the children's once it was waited for.
    #[cfg(target_os = "linux")]
    #[test]
    fn cpu_time_grows_with_work_here_and_in_children() {
        let (own, children) = cpu_seconds().unwrap_or((-1.0, -1.0));
        assert!(
            own >= 0.0 && children >= 0.0,
            "no CPU time read from /proc/self/stat"
        );
        let start = std::time::Instant::now();
        let mut x = 0u64;
        let mut now = own;
        while now - own < 0.1 && start.elapsed() < std::time::Duration::from_secs(10) {
            for _ in 0..1_000_000 {
                x = std::hint::black_box(x.wrapping_mul(6364136223846793005).wrapping_add(1));
            }
            now = cpu_seconds().map_or(own, |(o, _)| o);
        }
        assert!(now - own >= 0.1, "{own} s, then {now} s");
        let mut after = children;
        while after - children < 0.05 && start.elapsed() < std::time::Duration::from_secs(20) {
            let busy = std::process::Command::new("sh")
                .args(["-c", "i=0; while [ $i -lt 100000 ]; do i=$((i+1)); done"])
                .status();
            assert!(busy.as_ref().is_ok_and(|s| s.success()), "{busy:?}");
            after = cpu_seconds().map_or(children, |(_, c)| c);
        }
        assert!(after - children >= 0.05, "{children} s, then {after} s");
    }

    /// `MATERIA_TIMINGS`'s memory figure grows by what the process touches.
    #[cfg(target_os = "linux")]
    #[test]
    fn resident_memory_grows_with_memory_touched() {
        let before = resident_mib().unwrap_or(-1.0);
        assert!(before > 0.0, "no VmRSS read from /proc/self/status");
        let touched = std::hint::black_box(vec![1u8; 64 << 20]);
        let after = resident_mib().unwrap_or(-1.0);
        assert!(after - before >= 48.0, "{before} MiB, then {after} MiB");
        drop(touched);
    }
}
