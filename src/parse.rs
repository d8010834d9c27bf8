//! The parse stage: turns every loaded file into a typed article or record, in parallel,
//! collecting every file's problems instead of stopping at the first.

use crate::article::{self, Article};
use crate::config::SiteConfig;
use crate::diagnostics::Diagnostics;
use crate::load::Sources;
use crate::markdown::{self, Body};
use crate::records::{self, Supplement, Symptom};
use crate::theme::{Asset, ThemeSources};
use rayon::prelude::*;
use std::path::PathBuf;

#[derive(Debug, Clone)]
pub struct Parsed {
    pub root: PathBuf,
    pub config: SiteConfig,
    pub home: Body,
    pub articles: Vec<Article>,
    pub symptoms: Vec<Symptom>,
    pub supplements: Vec<Supplement>,
    pub assets: Vec<Asset>,
    pub theme: ThemeSources,
}

/// Parses everything; drafts are dropped here unless `drafts` is set, so no later stage
/// can leak them.
pub fn parse(sources: Sources, drafts: bool, diags: &Diagnostics) -> Parsed {
    let articles: Vec<Article> = sources
        .articles
        .par_iter()
        .filter_map(|f| match article::parse(f) {
            Ok(a) => Some(a),
            Err(problems) => {
                diags.extend(problems);
                None
            }
        })
        .filter(|a| drafts || !a.front.draft)
        .collect();
    let symptoms = sources
        .symptoms
        .par_iter()
        .filter_map(|f| records::parse_symptom(f).map_err(|d| diags.push(d)).ok())
        .collect();
    let supplements = sources
        .supplements
        .par_iter()
        .filter_map(|f| records::parse_supplement(f).map_err(|d| diags.push(d)).ok())
        .collect();
    let home = sources
        .home
        .as_ref()
        .map(|h| markdown::parse(&h.text, 0, false))
        .unwrap_or_default();
    Parsed {
        root: sources.root,
        config: sources.config,
        home,
        articles,
        symptoms,
        supplements,
        assets: sources.assets,
        theme: sources.theme,
    }
}
