//! The build benchmark: how long `materia build` takes on a large site, and how that compares
//! with the least work any static site generator must do on the same input.
//!
//! For each size N it generates a synthetic site (see `corpus`) in a temporary folder, then
//! runs, as child processes, alternately:
//! - the full build: `materia build --root SITE --out OUT --quiet`;
//! - the *floor*: this same binary re-executed as `--floor SITE OUT`, which only walks
//!   `content/articles`, strips front matter, renders Markdown with pulldown-cmark and writes
//!   one `index.html` per article — no records, templates, linking, search or feeds.
//!
//! It reports wall time (median, min, max) and peak resident memory of each, and the ratio of
//! the medians: what Materia's features cost over the bare minimum. Peak memory is the
//! child's `VmHWM` (high-water mark) read from `/proc/<pid>/status` every few milliseconds
//! while it runs, which needs no unsafe code; the last read comes at most one poll interval
//! before the exit, so growth in the final milliseconds can be missed. Off Linux it is
//! reported as unknown.
//!
//! With `MATERIA_HUGO=/path/to/hugo`, it also builds the same articles with Hugo (the layouts
//! and settings in `benches/hugo/`: the same taxonomies, table of contents, cards, JSON-LD
//! and five related articles per page), twice per run: as configured, and without related
//! articles (`HUGO_PARAMS_NORELATED=true`), Hugo's slowest part on this site. The brief's bar
//! is to be faster than Hugo and Zola on the same content; this is that measurement.
//!
//! `cargo bench --bench build` runs sizes 1,000 and 10,000; `cargo test --benches` runs a
//! quick smoke check (40 articles, one run). Environment: `MATERIA_BENCH_SIZES=1000,10000`,
//! `MATERIA_BENCH_RUNS=K`, `MATERIA_BENCH_KEEP=1` (keep the generated site and outputs),
//! `TMPDIR` (where the temporary folders go; `/dev/shm` takes the disk out of the figures).

mod corpus;

use std::env;
use std::ffi::OsString;
use std::fmt::Display;
use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Stdio};
use std::thread;
use std::time::{Duration, Instant};

use pulldown_cmark::{html, Options, Parser};
use rayon::prelude::*;
use walkdir::WalkDir;

type Result<T> = std::result::Result<T, String>;

const POLL: Duration = Duration::from_millis(3);
const FULL_SIZES: &[usize] = &[1_000, 10_000];
const SMOKE_SIZES: &[usize] = &[40];

fn main() -> ExitCode {
    let args: Vec<String> = env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("--floor") => floor_command(&args[1..]),
        // `cargo bench` passes `--bench`; without it we run under `cargo test`.
        _ => bench(args.iter().any(|arg| arg == "--bench")),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}

/// Adds what was being done to an error.
trait Context<T> {
    fn context(self, what: impl FnOnce() -> String) -> Result<T>;
}

impl<T, E: Display> Context<T> for std::result::Result<T, E> {
    fn context(self, what: impl FnOnce() -> String) -> Result<T> {
        self.map_err(|e| format!("{}: {e}", what()))
    }
}

// ---------------------------------------------------------------------------------------------
// The benchmark driver

struct Settings {
    sizes: Vec<usize>,
    runs: Option<usize>,
    keep: bool,
    full: bool,
    /// `MATERIA_HUGO`: a Hugo binary to build the same articles with.
    hugo: Option<PathBuf>,
}

impl Settings {
    fn from_env(full: bool) -> Result<Settings> {
        let sizes = match env::var("MATERIA_BENCH_SIZES") {
            Ok(list) => list
                .split(',')
                .map(|n| n.trim().replace('_', "").parse::<usize>())
                .collect::<std::result::Result<Vec<_>, _>>()
                .context(|| format!("MATERIA_BENCH_SIZES={list:?} is not a list of numbers"))?,
            Err(_) if full => FULL_SIZES.to_vec(),
            Err(_) => SMOKE_SIZES.to_vec(),
        };
        let runs = match env::var("MATERIA_BENCH_RUNS") {
            Ok(k) => Some(
                k.trim()
                    .parse::<usize>()
                    .context(|| format!("MATERIA_BENCH_RUNS={k:?}"))?
                    .max(1),
            ),
            Err(_) => None,
        };
        let keep = env::var("MATERIA_BENCH_KEEP").is_ok_and(|v| !v.is_empty() && v != "0");
        let hugo = env::var_os("MATERIA_HUGO")
            .filter(|h| !h.is_empty())
            .map(PathBuf::from);
        Ok(Settings {
            sizes,
            runs,
            keep,
            full,
            hugo,
        })
    }

    fn runs_for(&self, articles: usize) -> usize {
        match self.runs {
            Some(k) => k,
            None if !self.full => 1,
            None if articles >= 10_000 => 3,
            None => 5,
        }
    }
}

fn bench(full: bool) -> Result<()> {
    let settings = Settings::from_env(full)?;
    let materia = PathBuf::from(env!("CARGO_BIN_EXE_materia"));
    let me = env::current_exe().context(|| "cannot locate the benchmark binary".to_string())?;
    let cores = thread::available_parallelism().map_or(1, |n| n.get());
    println!(
        "materia build benchmark: {cores} cores, {}",
        materia.display()
    );
    if !full {
        println!("(smoke run: use `cargo bench --bench build` for the real figures)");
    }
    // Folders are removed only at the very end: on ext4, creating files within minutes of
    // deleting thousands of others is several times slower (the inode allocator skips
    // recently freed inodes), which would charge one run's cleanup to the next run.
    let mut scratches = Vec::new();
    let mut rows = Vec::new();
    for &n in &settings.sizes {
        let scratch = Scratch::new(n, settings.keep)?;
        let runs = settings.runs_for(n);
        rows.push(bench_size(
            n,
            runs,
            &scratch.path,
            &materia,
            &me,
            settings.hugo.as_deref(),
        )?);
        scratches.push(scratch);
    }
    print_table(cores, &rows);
    Ok(())
}

/// One line of the final table.
struct Row {
    articles: usize,
    files: usize,
    megabytes: f64,
    pages: usize,
    runs: usize,
    build: Summary,
    floor: Summary,
    /// Hugo on the same articles, with and without related articles.
    hugo: Option<(Summary, Summary)>,
}

fn bench_size(
    n: usize,
    runs: usize,
    dir: &Path,
    materia: &Path,
    me: &Path,
    hugo: Option<&Path>,
) -> Result<Row> {
    let site = dir.join("site");
    let symptoms = (n / 3).clamp(10, 300);
    let supplements = (n / 6).clamp(5, 150);
    let started = Instant::now();
    corpus::generate(&site, n, symptoms, supplements)
        .context(|| format!("generating {}", site.display()))?;
    let (files, bytes) = tree_size(&site)?;
    eprintln!(
        "N={n}: generated {files} files ({:.1} MiB; {symptoms} symptoms, {supplements} supplements) in {:.1} s; {runs} runs each",
        mib(bytes),
        started.elapsed().as_secs_f64()
    );
    let hugo_site = match hugo {
        Some(_) => Some(hugo_site(dir)?),
        None => None,
    };
    let mut build = Vec::with_capacity(runs);
    let mut floor = Vec::with_capacity(runs);
    let mut hugo_full = Vec::with_capacity(runs);
    let mut hugo_bare = Vec::with_capacity(runs);
    let mut pages = 0;
    // Alternate the two so that drift in machine load affects both alike. Each run writes a
    // folder of its own (see `bench`).
    for run in 1..=runs {
        let build_out = dir.join(format!("public-{run}"));
        let build_args: Vec<OsString> = vec![
            "build".into(),
            "--root".into(),
            site.clone().into(),
            "--out".into(),
            build_out.clone().into(),
            "--quiet".into(),
        ];
        let floor_out = dir.join(format!("floor-{run}"));
        let floor_args: Vec<OsString> = vec![
            "--floor".into(),
            site.clone().into(),
            floor_out.clone().into(),
        ];
        let b = measure(materia, &build_args, &build_out)?;
        let f = measure(me, &floor_args, &floor_out)?;
        eprintln!(
            "  run {run}/{runs}: build {:.3} s, floor {:.3} s",
            b.seconds, f.seconds
        );
        build.push(b);
        floor.push(f);
        pages = tree_size(&build_out)?.0;
        if let (Some(hugo), Some(hugo_site)) = (hugo, &hugo_site) {
            let articles = site.join("content/articles");
            let out = dir.join(format!("hugo-{run}"));
            let h = measure(hugo, &hugo_args(hugo_site, &articles, &out), &out)?;
            let out = dir.join(format!("hugo-bare-{run}"));
            let mut args = hugo_args(hugo_site, &articles, &out);
            // Hugo reads site parameters from the environment too: this one drops the
            // template's related-articles block (see benches/hugo/).
            args.insert(0, "HUGO_PARAMS_NORELATED=true".into());
            args.insert(1, hugo.into());
            let e = measure(Path::new("env"), &args, &out)?;
            eprintln!(
                "  run {run}/{runs}: hugo {:.3} s, hugo without related articles {:.3} s",
                h.seconds, e.seconds
            );
            hugo_full.push(h);
            hugo_bare.push(e);
        }
    }
    Ok(Row {
        articles: n,
        files,
        megabytes: mib(bytes),
        pages,
        runs,
        build: Summary::of(&build),
        floor: Summary::of(&floor),
        hugo: hugo
            .is_some()
            .then(|| (Summary::of(&hugo_full), Summary::of(&hugo_bare))),
    })
}

/// The Hugo project of `benches/hugo/`, written under `dir`: its settings and layouts only;
/// the articles are read where the generator wrote them (`--contentDir`).
fn hugo_site(dir: &Path) -> Result<PathBuf> {
    const FILES: &[(&str, &str)] = &[
        ("hugo.toml", include_str!("hugo/hugo.toml")),
        (
            "layouts/_default/baseof.html",
            include_str!("hugo/layouts/_default/baseof.html"),
        ),
        (
            "layouts/_default/single.html",
            include_str!("hugo/layouts/_default/single.html"),
        ),
        (
            "layouts/_default/list.html",
            include_str!("hugo/layouts/_default/list.html"),
        ),
        (
            "layouts/index.html",
            include_str!("hugo/layouts/index.html"),
        ),
        (
            "layouts/partials/card.html",
            include_str!("hugo/layouts/partials/card.html"),
        ),
    ];
    let root = dir.join("hugo-site");
    for (path, text) in FILES {
        let target = root.join(path);
        if let Some(parent) = target.parent() {
            fs::create_dir_all(parent).context(|| format!("creating {}", parent.display()))?;
        }
        fs::write(&target, text).context(|| format!("writing {}", target.display()))?;
    }
    Ok(root)
}

fn hugo_args(site: &Path, articles: &Path, out: &Path) -> Vec<OsString> {
    vec![
        "--quiet".into(),
        "--source".into(),
        site.into(),
        "--contentDir".into(),
        articles.into(),
        "--destination".into(),
        out.into(),
    ]
}

/// A temporary folder under the system's, removed when dropped unless asked to keep it.
struct Scratch {
    path: PathBuf,
    keep: bool,
}

impl Scratch {
    fn new(n: usize, keep: bool) -> Result<Scratch> {
        let path = env::temp_dir().join(format!("materia-bench-{}-{n}", std::process::id()));
        if path.exists() {
            fs::remove_dir_all(&path).context(|| format!("removing stale {}", path.display()))?;
        }
        fs::create_dir_all(&path).context(|| format!("creating {}", path.display()))?;
        Ok(Scratch { path, keep })
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        if self.keep {
            eprintln!("kept {}", self.path.display());
        } else if let Err(e) = fs::remove_dir_all(&self.path) {
            eprintln!("warning: could not remove {}: {e}", self.path.display());
        }
    }
}

/// Number of files and total bytes under `dir` (none if it does not exist).
fn tree_size(dir: &Path) -> Result<(usize, u64)> {
    let mut files = 0;
    let mut bytes = 0;
    if !dir.exists() {
        return Ok((0, 0));
    }
    for entry in WalkDir::new(dir).follow_links(true) {
        let entry = entry.context(|| format!("walking {}", dir.display()))?;
        if entry.file_type().is_file() {
            files += 1;
            bytes += entry
                .metadata()
                .context(|| format!("reading {}", entry.path().display()))?
                .len();
        }
    }
    Ok((files, bytes))
}

fn mib(bytes: u64) -> f64 {
    bytes as f64 / (1024.0 * 1024.0)
}

// ---------------------------------------------------------------------------------------------
// Measuring a child process

struct Sample {
    seconds: f64,
    /// Peak resident set size in KiB, if the platform tells.
    peak_kib: Option<u64>,
}

/// Runs `program args` once, writing to `out` (which must not exist yet); its wall time and
/// peak memory.
fn measure(program: &Path, args: &[OsString], out: &Path) -> Result<Sample> {
    if out.exists() {
        return Err(format!("{} exists already", out.display()));
    }
    flush_writes();
    let describe = || {
        format!(
            "{} {}",
            program.display(),
            args.iter()
                .map(|a| a.to_string_lossy())
                .collect::<Vec<_>>()
                .join(" ")
        )
    };
    let started = Instant::now();
    let mut child = Command::new(program)
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .context(|| format!("cannot start {}", describe()))?;
    let mut stderr = child.stderr.take();
    let reader = thread::spawn(move || {
        let mut text = String::new();
        if let Some(pipe) = stderr.as_mut() {
            if let Err(e) = pipe.read_to_string(&mut text) {
                text.push_str(&format!("\n(reading stderr failed: {e})"));
            }
        }
        text
    });
    let mut peak_kib: Option<u64> = None;
    let status = loop {
        if let Some(kib) = high_water_mark_kib(child.id()) {
            peak_kib = Some(peak_kib.map_or(kib, |p| p.max(kib)));
        }
        match child
            .try_wait()
            .context(|| format!("waiting for {}", describe()))?
        {
            Some(status) => break status,
            None => thread::sleep(POLL),
        }
    };
    let seconds = started.elapsed().as_secs_f64();
    let stderr = reader
        .join()
        .unwrap_or_else(|_| "(stderr reader panicked)".to_string());
    if !status.success() {
        let shown: Vec<&str> = stderr.lines().take(60).collect();
        let more = stderr.lines().count().saturating_sub(shown.len());
        let tail = if more > 0 {
            format!("\n… and {more} more lines")
        } else {
            String::new()
        };
        return Err(format!(
            "`{}` failed ({status}):\n{}{tail}",
            describe(),
            shown.join("\n")
        ));
    }
    Ok(Sample { seconds, peak_kib })
}

/// Flushes dirty pages (the generated site, the previous run's output) to disk, so that no
/// run pays for an earlier one's writeback. Where there is no `sync` command this does nothing.
fn flush_writes() {
    if let Ok(status) = Command::new("sync").status() {
        if !status.success() {
            eprintln!("warning: `sync` failed ({status}); timings may include earlier writes");
        }
    }
}

/// `VmHWM` of a live process, in KiB (Linux only; `None` elsewhere or once it has exited).
fn high_water_mark_kib(pid: u32) -> Option<u64> {
    let status = fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find(|line| line.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

// ---------------------------------------------------------------------------------------------
// Statistics and the report

struct Summary {
    median: f64,
    min: f64,
    max: f64,
    /// Median peak RSS in MiB.
    rss_mib: Option<f64>,
}

impl Summary {
    fn of(samples: &[Sample]) -> Summary {
        let mut seconds: Vec<f64> = samples.iter().map(|s| s.seconds).collect();
        seconds.sort_by(f64::total_cmp);
        let mut rss: Vec<f64> = samples
            .iter()
            .filter_map(|s| s.peak_kib)
            .map(|k| k as f64 / 1024.0)
            .collect();
        rss.sort_by(f64::total_cmp);
        Summary {
            median: median(&seconds).unwrap_or(f64::NAN),
            min: seconds.first().copied().unwrap_or(f64::NAN),
            max: seconds.last().copied().unwrap_or(f64::NAN),
            rss_mib: median(&rss),
        }
    }

    fn time_cell(&self) -> String {
        format!("{:.3} ({:.3}-{:.3})", self.median, self.min, self.max)
    }

    fn rss_cell(&self) -> String {
        self.rss_mib
            .map_or_else(|| "?".to_string(), |m| format!("{m:.1}"))
    }
}

/// The median of sorted values.
fn median(sorted: &[f64]) -> Option<f64> {
    let n = sorted.len();
    match n {
        0 => None,
        _ if n % 2 == 1 => Some(sorted[n / 2]),
        _ => Some((sorted[n / 2 - 1] + sorted[n / 2]) / 2.0),
    }
}

fn print_table(cores: usize, rows: &[Row]) {
    println!();
    println!(
        "times in seconds: median (min-max); RSS = median peak resident memory, MiB; {cores} cores"
    );
    println!(
        "{:>7} {:>7} {:>8} {:>7} {:>5} | {:>25} {:>9} | {:>25} {:>9} | {:>11}",
        "N",
        "files",
        "MiB in",
        "pages",
        "runs",
        "build s",
        "build RSS",
        "floor s",
        "floor RSS",
        "build/floor"
    );
    for row in rows {
        println!(
            "{:>7} {:>7} {:>8.1} {:>7} {:>5} | {:>25} {:>9} | {:>25} {:>9} | {:>10.1}x",
            row.articles,
            row.files,
            row.megabytes,
            row.pages,
            row.runs,
            row.build.time_cell(),
            row.build.rss_cell(),
            row.floor.time_cell(),
            row.floor.rss_cell(),
            row.build.median / row.floor.median,
        );
    }
    println!("N = articles; files = all generated input files; pages = files in the build output");
    if rows.iter().any(|r| r.hugo.is_some()) {
        println!();
        println!(
            "{:>7} | {:>25} | {:>25} {:>9} | {:>25} {:>9} | {:>11} {:>11}",
            "N",
            "materia build s",
            "hugo s",
            "hugo RSS",
            "hugo, no related s",
            "RSS",
            "hugo/build",
            "no rel./build"
        );
        for row in rows {
            if let Some((full, bare)) = &row.hugo {
                println!(
                    "{:>7} | {:>25} | {:>25} {:>9} | {:>25} {:>9} | {:>10.1}x {:>10.1}x",
                    row.articles,
                    row.build.time_cell(),
                    full.time_cell(),
                    full.rss_cell(),
                    bare.time_cell(),
                    bare.rss_cell(),
                    full.median / row.build.median,
                    bare.median / row.build.median,
                );
            }
        }
        println!("hugo: the same articles through benches/hugo/ (related articles as in Materia's pages); no related: without them");
    }
}

// ---------------------------------------------------------------------------------------------
// The floor

fn floor_command(args: &[String]) -> Result<()> {
    match args {
        [root, out] => floor(Path::new(root), Path::new(out)),
        _ => Err("usage: build --floor SITE_ROOT OUT_DIR".to_string()),
    }
}

/// The least an SSG must do with the articles: read, parse, render, write.
///
/// The walk is sequential (as cheap as it gets), but read + render + write runs on rayon's
/// pool, because Materia's build renders in parallel too: a single-threaded floor would make
/// the ratio flatter than the real overhead on a many-core machine.
fn floor(root: &Path, out: &Path) -> Result<()> {
    let articles = root.join("content").join("articles");
    let mut files = Vec::new();
    for entry in WalkDir::new(&articles).follow_links(true) {
        let entry = entry.context(|| format!("walking {}", articles.display()))?;
        if entry.file_type().is_file() && entry.path().extension().is_some_and(|e| e == "md") {
            files.push(entry.into_path());
        }
    }
    files
        .par_iter()
        .try_for_each(|path| render_article(&articles, path, out))
}

fn render_article(base: &Path, path: &Path, out: &Path) -> Result<()> {
    let text = fs::read_to_string(path).context(|| format!("reading {}", path.display()))?;
    let body = strip_front_matter(&text);
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES;
    let mut page = String::with_capacity(body.len() * 3 / 2);
    html::push_html(&mut page, Parser::new_ext(body, options));
    let relative = path.strip_prefix(base).unwrap_or(path).with_extension("");
    let dir = out.join(relative);
    fs::create_dir_all(&dir).context(|| format!("creating {}", dir.display()))?;
    let target = dir.join("index.html");
    fs::write(&target, page).context(|| format!("writing {}", target.display()))
}

/// The text after a leading `---` (YAML) or `+++` (TOML) block, naively.
fn strip_front_matter(text: &str) -> &str {
    for fence in ["---", "+++"] {
        let Some(rest) = text.strip_prefix(fence).and_then(|r| r.strip_prefix('\n')) else {
            continue;
        };
        if let Some(end) = rest.find(&format!("\n{fence}\n")) {
            return &rest[end + fence.len() + 2..];
        }
    }
    text
}
