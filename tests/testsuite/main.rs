//! Materia's integration tests: one binary, one module per area. Each test builds a small
//! site (written inline, one behaviour each) with the real `materia` binary and asserts on
//! the files it writes or the errors it prints.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

mod accessibility;
mod browser;
mod errors;
mod escaping;
mod import;
mod incremental;
mod output;
mod robustness;
mod search;
mod search_browser;
mod serve;
mod serving;
mod validity;
