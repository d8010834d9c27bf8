//! The pipeline, end to end: load → parse → catalog → link → render, then write. The build
//! stops between stages when a stage found errors, so later stages never run on broken
//! input, and nothing is written unless every stage succeeded.

use crate::date::Date;
use crate::diagnostics::Diagnostics;
use crate::render::Output;
use crate::{catalog, link, load, parse, render};
use std::path::Path;

#[derive(Debug, Clone, Default)]
pub struct BuildOptions {
    /// Include articles marked `draft: true`.
    pub drafts: bool,
    /// The extra checks of `materia check` (link fragments).
    pub strict: bool,
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

/// Builds the site at `root` in memory, telling `progress` how it goes. Returns `None`
/// when there were errors; they are in `diags`.
fn t(label: &str, start: &std::time::Instant) {
    if std::env::var("MATERIA_TIMINGS").is_ok() {
        eprintln!("{label}: {:?}", start.elapsed());
    }
}

pub fn build(
    root: &Path,
    options: &BuildOptions,
    diags: &Diagnostics,
    progress: &dyn Progress,
) -> Option<Built> {
    progress.stage("loading", 0);
    let sources = load::load(root, diags)?;
    if diags.has_errors() {
        return None;
    }
    let st = std::time::Instant::now();
    t("load", &st);
    progress.stage("parsing", 0);
    let parsed = parse::parse(sources, options.drafts, diags);
    if diags.has_errors() {
        return None;
    }
    t("parse", &st);
    progress.stage("cataloguing", 0);
    let catalog = catalog::catalog(parsed, diags);
    t("catalog", &st);
    progress.stage("linking", 0);
    let linked = link::link(catalog, options.strict, diags);
    if diags.has_errors() {
        return None;
    }
    t("link", &st);
    let output = render::render(&linked, today(), diags, progress)?;
    if diags.has_errors() {
        return None;
    }
    t("render", &st);
    Some(Built {
        base_path: linked.catalog.config.base_path.clone(),
        articles: linked.catalog.articles.len(),
        symptoms: linked.catalog.symptoms.len(),
        supplements: linked.catalog.supplements.len(),
        output,
    })
}
