//! Materia: a static site generator for health-content knowledge bases.
//!
//! A build is a pipeline of stages, each handing the next a new type:
//!
//! | stage | module | produces |
//! |---|---|---|
//! | load | [`load`] (with [`theme`]) | [`load::Sources`]: every file as text |
//! | parse | [`parse`] (with [`article`], [`front_matter`], [`records`], [`markdown`]) | [`parse::Parsed`]: typed articles and records |
//! | catalog | [`catalog`] (with [`review`] for `materia check`) | [`catalog::Catalog`]: URLs, ids and terms resolved |
//! | link | [`link`] (with [`autolink`], [`backlinks`]) | [`link::LinkedSite`]: cross-linked pages, backlinks |
//! | search | [`search`] | [`search::SearchIndex`]: the index files, and the manifest the search page inlines |
//! | render | [`render`] (with [`views`], [`jsonld`], [`feeds`]) | [`render::Output`]: the site in memory, index files added; or, for `materia build`, each page handed to a [`render::Sink`] as it is made |
//! | verify | [`verify`] | diagnostics for links only the rendered pages settle: later pages of keywords' lists, and for `materia check` the `#id`s of pages other than articles |
//! | write | [`write`](mod@write) | files on disk: a [`write::Staging`] folder, swapped in atomically |
//!
//! [`build`] runs the stages; [`diagnostics`] carries every problem found to the author;
//! [`translations`] holds the words of the theme and of the page text Materia writes, in the
//! site's language, which [`config`] settles while loading;
//! [`slug`] and [`words`] are text helpers more than one stage uses;
//! [`serve`] runs the same stages in memory on every change and serves the result: pages
//! first, the search index after. When the watcher reports that only articles' text changed,
//! [`build::Builder`] takes the quick way through the same stages: each stage's one-article
//! entry point ([`load::read_source`], [`parse::reparse_article`], [`link::relink_alone`],
//! [`render::render_articles`]) with the checks that nothing else changes
//! ([`catalog::same_shape`], [`render::listing_change`]).

pub mod article;
pub mod autolink;
pub mod backlinks;
pub mod build;
pub mod catalog;
pub mod config;
pub mod date;
pub mod diagnostics;
pub mod feeds;
pub mod front_matter;
pub mod import;
pub mod jsonld;
pub mod link;
pub mod load;
pub mod markdown;
pub mod new;
pub mod pages;
pub mod parse;
pub mod pictures;
pub mod plain_post;
pub mod records;
pub mod render;
pub mod review;
pub mod search;
pub mod serve;
pub mod slug;
pub mod structured;
#[cfg(test)]
mod testing;
pub mod theme;
pub mod translations;
pub mod verify;
pub mod views;
pub mod words;
pub mod write;
