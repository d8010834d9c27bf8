//! The search benchmark: what the index costs to build and to query, in a real browser.
//!
//! For each size N it generates the build benchmark's synthetic site (see `corpus`), then:
//! 1. runs `materia build` K times with the index and K times without it
//!    (`MATERIA_SKIP_SEARCH_INDEX=1`), alternating, each into a new folder: what the index
//!    adds to the build is the median of the K runs' ratios (each run's two builds back to
//!    back), also shown as the ratio of the two medians. The index is built beside the
//!    rendering, so the time of its stage alone would not say this;
//! 2. sums the bytes of the index files (`search/index.json`, `s/`, `t/`, `x/`) and counts them;
//! 3. when Chromium and chromedriver are installed, serves the output on 127.0.0.1 and for
//!    three typical queries (a symptom's name, one of its two-word lay aliases, and a
//!    two-word keyword) opens `/search/?q=…` in a fresh browser (cold cache), waits until the
//!    results are complete, and reads the browser's Resource Timing entries: the requests
//!    and bytes of `search.js` and of the index files that arrived before the first results
//!    were on screen (the script's `materia-search-results` performance mark), the same in
//!    total once excerpts are in, and the time from navigation start to that mark;
//! 4. when Pagefind is installed (`pagefind` on PATH, `node_modules/.bin/pagefind`, or
//!    `MATERIA_PAGEFIND=/path/to/pagefind`), indexes the same output with it and runs the same
//!    queries through its JavaScript API (`pagefind.js`: search, then the first five
//!    results' data, as its UI shows them), reporting the same figures.
//!
//! `cargo bench --bench search` runs 1,000 and 10,000 articles; `cargo test --benches` runs a
//! smoke check (40 articles, one build, browser part only if a browser is installed).
//! Environment: `MATERIA_BENCH_SIZES`, `MATERIA_BENCH_RUNS`, `MATERIA_BENCH_KEEP`, `TMPDIR`.
//! Under `CI=true` a missing browser is an error, as in the test suite.

#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "../tests/testsuite/browser.rs"]
mod browser;
mod corpus;
#[path = "../tests/testsuite/support.rs"]
mod support;

use browser::{Browser, StaticServer};
use percent_encoding::{utf8_percent_encode, NON_ALPHANUMERIC};
use serde_json::Value;
use std::env;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Stdio};
use std::time::Instant;
use walkdir::WalkDir;

type Result<T> = std::result::Result<T, String>;

fn main() -> ExitCode {
    let full = env::args().any(|a| a == "--bench");
    match bench(full) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

fn bench(full: bool) -> Result<()> {
    let sizes: Vec<usize> = match env::var("MATERIA_BENCH_SIZES") {
        Ok(list) => list
            .split(',')
            .map(|n| {
                n.trim()
                    .replace('_', "")
                    .parse()
                    .map_err(|e| format!("{n}: {e}"))
            })
            .collect::<Result<_>>()?,
        Err(_) if full => vec![1_000, 10_000],
        Err(_) => vec![40],
    };
    let runs: usize = match env::var("MATERIA_BENCH_RUNS") {
        Ok(k) => k
            .parse()
            .map_err(|e| format!("MATERIA_BENCH_RUNS={k}: {e}"))?,
        Err(_) if full => 7,
        Err(_) => 1,
    };
    let keep = env::var("MATERIA_BENCH_KEEP").is_ok_and(|v| !v.is_empty() && v != "0");
    let materia = PathBuf::from(env!("CARGO_BIN_EXE_materia"));
    let pagefind = find_pagefind();
    println!(
        "materia search benchmark: {} cores; pagefind: {}",
        std::thread::available_parallelism().map_or(1, |n| n.get()),
        pagefind
            .as_ref()
            .map_or("not installed".to_string(), |p| p.display().to_string())
    );
    for n in sizes {
        let dir = env::temp_dir().join(format!("materia-bench-search-{}-{n}", std::process::id()));
        fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        let result = bench_size(n, runs, &dir, &materia, pagefind.as_deref());
        if keep {
            eprintln!("kept {}", dir.display());
        } else {
            let _ = fs::remove_dir_all(&dir);
        }
        result?;
    }
    Ok(())
}

fn bench_size(
    n: usize,
    runs: usize,
    dir: &Path,
    materia: &Path,
    pagefind: Option<&Path>,
) -> Result<()> {
    let site = dir.join("site");
    let (symptoms, supplements) = ((n / 3).clamp(10, 300), (n / 6).clamp(5, 150));
    corpus::generate(&site, n, symptoms, supplements).map_err(|e| e.to_string())?;
    println!("\n== {n} articles, {symptoms} symptoms, {supplements} supplements");

    let mut with = Vec::new();
    let mut without = Vec::new();
    let (mut cpu_with, mut cpu_without) = (Vec::new(), Vec::new());
    let out = dir.join("public");
    for run in 0..runs {
        // Alternating which goes first, so neither always gets the warmer caches.
        for skip in [run % 2 == 1, run % 2 == 0] {
            let folder = if skip {
                dir.join(format!("public-without-{run}"))
            } else if run + 1 == runs {
                out.clone()
            } else {
                dir.join(format!("public-{run}"))
            };
            let (seconds, cpu) = timed_build(materia, &site, &folder, skip)?;
            if skip { &mut without } else { &mut with }.push(seconds);
            if let Some(cpu) = cpu {
                if skip {
                    &mut cpu_without
                } else {
                    &mut cpu_with
                }
                .push(cpu);
            }
        }
    }
    let (paired, total, bare) = compared(&mut with, &mut without);
    println!(
        "build: {total:.3} s with the index, {bare:.3} s without (medians of {runs}): \
         the index adds {paired:.1} % (median of the {runs} runs' own ratios; {:.1} % between \
         the medians)",
        100.0 * (total - bare) / bare.max(f64::EPSILON)
    );
    if cpu_with.len() == runs && cpu_without.len() == runs {
        let (paired, total, bare) = compared(&mut cpu_with, &mut cpu_without);
        println!(
            "cpu: {total:.2} s with the index, {bare:.2} s without (medians of {runs}; user and \
             system time, in 10 ms ticks): the index adds {paired:.1} % of CPU time (median of \
             the runs' own ratios)"
        );
    }
    let (bytes, files) = index_size(&out.join("search"));
    println!(
        "index: {} in {} files (s/ shards {}, t/ tails {}, x/ excerpts {}, e/ endings {}); \
         search.js {}",
        kib(bytes),
        files.iter().sum::<usize>(),
        files[0],
        files[1],
        files[2],
        files[3],
        kib(fs::metadata(out.join("search.js")).map_or(0, |m| m.len()))
    );

    let queries = typical_queries(&site)?;
    if Browser::start().is_none() {
        println!("browser: not installed, query figures skipped");
        return Ok(());
    }
    let server = StaticServer::start(&out);
    print_table("materia", &queries, |q| measure_materia(&server, q))?;
    if let Some(pagefind) = pagefind {
        let started = Instant::now();
        let status = Command::new(pagefind)
            .args(["--site"])
            .arg(&out)
            .stdout(Stdio::null())
            .stderr(Stdio::inherit())
            .status()
            .map_err(|e| format!("{}: {e}", pagefind.display()))?;
        if !status.success() {
            return Err(format!("pagefind failed: {status}"));
        }
        let seconds = started.elapsed().as_secs_f64();
        let (bytes, _) = index_size(&out.join("pagefind"));
        let count = WalkDir::new(out.join("pagefind"))
            .into_iter()
            .flatten()
            .filter(|e| e.file_type().is_file())
            .count();
        println!(
            "pagefind: indexed in {seconds:.3} s ({:.0} % of materia's whole build); {} in {count} files",
            100.0 * seconds / total,
            kib(bytes)
        );
        print_table("pagefind", &queries, |q| measure_pagefind(&server, &out, q))?;
    }
    Ok(())
}

/// One row per query: requests, KiB and milliseconds to the first results, requests and
/// KiB once everything the results show is in, and the first result's URL.
fn print_table(
    engine: &str,
    queries: &[String],
    measure: impl Fn(&str) -> Result<Measured>,
) -> Result<()> {
    println!(
        "{:<28} | {:>9} {:>10} {:>8} | {:>9} {:>10} | first result",
        format!("query ({engine})"),
        "first req",
        "first KiB",
        "first ms",
        "all req",
        "all KiB"
    );
    for q in queries {
        // One failed query (a browser hiccup) is reported, not fatal to the run.
        let m = match measure(q) {
            Ok(m) => m,
            Err(e) => {
                println!("{q:<28} | failed: {}", e.lines().next().unwrap_or(""));
                continue;
            }
        };
        println!(
            "{:<28} | {:>9} {:>10.1} {:>8.0} | {:>9} {:>10.1} | {}",
            q, m.first_requests, m.first_kib, m.first_ms, m.all_requests, m.all_kib, m.top
        );
    }
    Ok(())
}

/// Wall time of one `materia build` into `out`, with or without the search index
/// (`MATERIA_SKIP_SEARCH_INDEX`): a whole process, as a user runs it. Also its CPU time
/// (user and system, Linux only), which a busy neighbour on a shared machine moves much
/// less than the wall time.
fn timed_build(
    materia: &Path,
    site: &Path,
    out: &Path,
    skip_search_index: bool,
) -> Result<(f64, Option<f64>)> {
    let mut command = Command::new(materia);
    command
        .args(["build", "--quiet", "--root"])
        .arg(site)
        .arg("--out")
        .arg(out)
        .stdin(Stdio::null());
    if skip_search_index {
        command.env("MATERIA_SKIP_SEARCH_INDEX", "1");
    }
    let cpu_before = materia::build::cpu_seconds().map(|(_, children)| children);
    let started = Instant::now();
    let output = command.output().map_err(|e| e.to_string())?;
    let seconds = started.elapsed().as_secs_f64();
    if !output.status.success() {
        return Err(format!(
            "build failed:\n{}",
            String::from_utf8_lossy(&output.stderr)
        ));
    }
    let cpu_after = materia::build::cpu_seconds().map(|(_, children)| children);
    let cpu = cpu_before
        .zip(cpu_after)
        .map(|(before, after)| after - before);
    Ok((seconds, cpu))
}

/// Bytes of every file under `dir` but `index.html`, and the file counts of `s/`, `t/`, `x/`.
fn index_size(dir: &Path) -> (u64, [usize; 4]) {
    let mut bytes = 0;
    let mut counts = [0; 4];
    for entry in WalkDir::new(dir).into_iter().flatten() {
        if !entry.file_type().is_file() || entry.file_name() == "index.html" {
            continue;
        }
        bytes += entry.metadata().map_or(0, |m| m.len());
        let rel = entry.path().strip_prefix(dir).unwrap_or(entry.path());
        match rel.components().next().and_then(|c| c.as_os_str().to_str()) {
            Some("s") => counts[0] += 1,
            Some("t") => counts[1] += 1,
            Some("x") => counts[2] += 1,
            Some("e") => counts[3] += 1,
            _ => {}
        }
    }
    (bytes, counts)
}

/// A symptom's name, its first alias of two words or more, and an article's first keyword:
/// what readers of this corpus would type.
fn typical_queries(site: &Path) -> Result<Vec<String>> {
    let mut files: Vec<PathBuf> = fs::read_dir(site.join("content/symptoms"))
        .map_err(|e| e.to_string())?
        .flatten()
        .map(|e| e.path())
        .collect();
    files.sort();
    let mut name = None;
    let mut lay = None;
    for f in &files {
        let text = fs::read_to_string(f).map_err(|e| e.to_string())?;
        let record: Value = serde_yaml_ng::from_str(&text).map_err(|e| e.to_string())?;
        name = name.or_else(|| record["name"].as_str().map(str::to_lowercase));
        lay = lay.or_else(|| {
            record["aliases"]
                .as_array()?
                .iter()
                .filter_map(Value::as_str)
                .find(|a| a.contains(' '))
                .map(str::to_string)
        });
        if name.is_some() && lay.is_some() {
            break;
        }
    }
    let mut articles: Vec<PathBuf> = WalkDir::new(site.join("content/articles"))
        .into_iter()
        .flatten()
        .map(|e| e.into_path())
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .collect();
    articles.sort();
    let text =
        fs::read_to_string(articles.first().ok_or("no articles")?).map_err(|e| e.to_string())?;
    let keyword = text
        .lines()
        .find_map(|l| l.strip_prefix("keywords: [\""))
        .and_then(|l| l.split('"').next())
        .map(str::to_string);
    Ok([name, lay, keyword].into_iter().flatten().collect())
}

struct Measured {
    first_requests: usize,
    first_kib: f64,
    first_ms: f64,
    all_requests: usize,
    all_kib: f64,
    top: String,
}

/// Resource entries of the page, as `[name, responseEnd, encodedBodySize]`.
const RESOURCES: &str = "return performance.getEntriesByType('resource')\
    .map(e => [e.name, e.responseEnd, e.encodedBodySize || e.transferSize]);";

fn measure_materia(server: &StaticServer, query: &str) -> Result<Measured> {
    let browser = Browser::start().ok_or("browser went away")?;
    let q = utf8_percent_encode(query, NON_ALPHANUMERIC);
    browser
        .goto(&server.url(&format!("/search/?q={q}")))
        .map_err(|e| format!("{e:?}"))?;
    if let Err(e) = browser.wait_until("document.getElementById('search-results').getAttribute('aria-busy') === 'false' && performance.getEntriesByName('materia-search-results').length") {
        // Say what the page had got to, and what it had fetched: a timeout alone says nothing.
        let state = browser
            .execute(
                "const r = document.getElementById('search-results');\
                 return (r ? r.outerHTML.slice(0, 300) : 'no #search-results') + ' | ' + \
                 performance.getEntriesByType('resource').map(e => e.name.replace(location.origin, '') + ':' + Math.round(e.duration) + 'ms').join(' ');",
                vec![],
            )
            .map_or_else(|e| format!("{e:?}"), |v| v.to_string());
        return Err(format!("{e:?}; page: {state}"));
    }
    let first = browser
        .execute(
            "return performance.getEntriesByName('materia-search-results')[0].startTime;",
            vec![],
        )
        .map_err(|e| format!("{e:?}"))?
        .as_f64()
        .unwrap_or(f64::NAN);
    let top = browser
        .hrefs("#search-results a")
        .map_err(|e| format!("{e:?}"))?;
    let entries = browser
        .execute(RESOURCES, vec![])
        .map_err(|e| format!("{e:?}"))?;
    let ours = |name: &str| name.contains("/search.js") || name.contains("/search/");
    Ok(tally(
        &entries,
        first,
        ours,
        top.first().cloned().unwrap_or_default(),
    ))
}

fn measure_pagefind(server: &StaticServer, out: &Path, query: &str) -> Result<Measured> {
    let browser = Browser::start().ok_or("browser went away")?;
    let before = server.requests().len();
    browser
        .goto(&server.url("/404.html"))
        .map_err(|e| format!("{e:?}"))?;
    let got = browser
        .block_on(browser.client().execute_async(
            "const [q, done] = arguments;\
             const t0 = performance.now();\
             import('/pagefind/pagefind.js').then(async pf => {\
               const s = await pf.search(q);\
               const data = await Promise.all(s.results.slice(0, 5).map(r => r.data()));\
               done([performance.now(), t0, data.length ? data[0].url : '']);\
             }).catch(e => done([0, 0, String(e)]));",
            vec![Value::from(query)],
        ))
        .map_err(|e| format!("{e:?}"))?;
    let (end, start) = (
        got[0].as_f64().unwrap_or(0.0),
        got[1].as_f64().unwrap_or(0.0),
    );
    // Pagefind loads part of its index in ways Resource Timing does not list, so its
    // requests are counted in the server's log, and their bytes from the files served.
    let served: Vec<String> = server
        .requests()
        .into_iter()
        .skip(before)
        .filter(|r| r.starts_with("/pagefind/"))
        .collect();
    let bytes: u64 = served
        .iter()
        .map(|r| fs::metadata(out.join(r.trim_start_matches('/'))).map_or(0, |m| m.len()))
        .sum();
    let kib = bytes as f64 / 1024.0;
    Ok(Measured {
        first_requests: served.len(),
        first_kib: kib,
        first_ms: end - start,
        all_requests: served.len(),
        all_kib: kib,
        top: got[2].as_str().unwrap_or("").to_string(),
    })
}

fn tally(entries: &Value, first: f64, ours: impl Fn(&str) -> bool, top: String) -> Measured {
    let mut m = Measured {
        first_requests: 0,
        first_kib: 0.0,
        first_ms: first,
        all_requests: 0,
        all_kib: 0.0,
        top,
    };
    for e in entries.as_array().into_iter().flatten() {
        let name = e[0].as_str().unwrap_or("");
        if !ours(name) {
            continue;
        }
        let kib = e[2].as_f64().unwrap_or(0.0) / 1024.0;
        m.all_requests += 1;
        m.all_kib += kib;
        if e[1].as_f64().unwrap_or(f64::MAX) <= first {
            m.first_requests += 1;
            m.first_kib += kib;
        }
    }
    m
}

fn find_pagefind() -> Option<PathBuf> {
    if let Some(p) = env::var_os("MATERIA_PAGEFIND") {
        return Some(PathBuf::from(p));
    }
    let local = Path::new(env!("CARGO_MANIFEST_DIR")).join("node_modules/.bin/pagefind");
    if local.exists() {
        return Some(local);
    }
    env::var_os("PATH").and_then(|paths| {
        env::split_paths(&paths)
            .map(|d| d.join("pagefind"))
            .find(|p| p.is_file())
    })
}

/// What the index adds, in percent, as the median of each run's own ratio, and the medians
/// with and without it. Each run's two builds are back to back, so their ratio holds while a
/// shared machine's speed drifts between runs; its median is the figure to quote.
fn compared(with: &mut [f64], without: &mut [f64]) -> (f64, f64, f64) {
    let mut added: Vec<f64> = with
        .iter()
        .zip(without.iter())
        .map(|(w, b)| 100.0 * (w - b) / b.max(f64::EPSILON))
        .collect();
    (median(&mut added), median(with), median(without))
}

fn median(values: &mut [f64]) -> f64 {
    values.sort_by(f64::total_cmp);
    values[values.len() / 2]
}

fn kib(bytes: u64) -> String {
    if bytes >= 10 * 1024 * 1024 {
        format!("{:.1} MiB", bytes as f64 / 1048576.0)
    } else {
        format!("{:.1} KiB", bytes as f64 / 1024.0)
    }
}
