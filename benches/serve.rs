//! The serve benchmark: how long after saving an article `materia serve` serves the new page.
//!
//! For each size N it generates the same synthetic site as the build benchmark (see `corpus`)
//! in a temporary folder and then:
//! 1. times a full `materia build --root SITE --out OUT --quiet` (median of K runs), to print
//!    beside the figures below;
//! 2. starts `materia serve --root SITE --bind 127.0.0.1 --port 0` as a child process, waits
//!    for the line naming its URL, and opens the live-reload stream (`/__materia/events`),
//!    waiting for its `hello` so that no later event can be missed;
//! 3. makes E edits, one article each (spread evenly over the sorted article files): rewrites
//!    the article's first body paragraph as one new sentence holding a unique marker
//!    (`edit-marker-<i>`), taking `t0` just before the write; waits for the `reload` event;
//!    then GETs the article's page until it holds the marker (bounded, counting the retries);
//!    `t1` is when that GET completes. *Save to served* is `t1 - t0`; *save to reload* is the
//!    time from `t0` to the arrival of the `reload` event. Before each edit the benchmark
//!    pauses 100 ms (outside the measured interval) and drops any events still queued, so the
//!    watcher's debouncing cannot merge two edits.
//!
//! Everything stays on 127.0.0.1; every wait has a deadline; the server is killed and the
//! temporary folder removed at the end, also when a step fails.
//!
//! `cargo bench --bench serve` runs sizes 1,000 and 10,000 with 20 edits; `cargo test --benches`
//! runs a quick smoke check (30 articles, 2 edits, one build). Environment:
//! `MATERIA_BENCH_SIZES=1000,10000`, `MATERIA_BENCH_EDITS=E`, `MATERIA_BENCH_RUNS=K` (full
//! builds per size), `MATERIA_BENCH_KEEP=1` (keep the generated site and outputs).

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod corpus;

use std::collections::VecDeque;
use std::env;
use std::fmt::Display;
use std::fs;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitCode, Stdio};
use std::sync::mpsc::{channel, Receiver, RecvTimeoutError, TryRecvError};
use std::thread;
use std::time::{Duration, Instant};

use walkdir::WalkDir;

type Result<T> = std::result::Result<T, String>;

const FULL_SIZES: &[usize] = &[1_000, 10_000];
const SMOKE_SIZES: &[usize] = &[30];
const FULL_EDITS: usize = 20;
const SMOKE_EDITS: usize = 2;
const FULL_BUILD_RUNS: usize = 3;
/// The server's first build: 10,000 articles on a busy two-core machine can take a while.
const STARTUP_TIMEOUT: Duration = Duration::from_secs(300);
/// From a write to its `reload` event: a full rebuild of the largest site, with room to spare.
const RELOAD_TIMEOUT: Duration = Duration::from_secs(120);
/// From the `reload` event to a page that shows the edit.
const SERVED_TIMEOUT: Duration = Duration::from_secs(30);
const HTTP_TIMEOUT: Duration = Duration::from_secs(30);
/// Between edits, outside the measured interval: longer than the watcher's quiet period.
const PAUSE: Duration = Duration::from_millis(100);
const RETRY_PAUSE: Duration = Duration::from_millis(5);
/// How much of the server's log to show when something fails.
const LOG_TAIL: usize = 40;

fn main() -> ExitCode {
    // `cargo bench` passes `--bench`; without it we run under `cargo test`.
    let full = env::args().skip(1).any(|arg| arg == "--bench");
    match bench(full) {
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
    edits: usize,
    build_runs: usize,
    keep: bool,
}

/// A positive count from the environment, or `default`.
fn count_var(name: &str, default: usize) -> Result<usize> {
    match env::var(name) {
        Ok(k) => Ok(k
            .trim()
            .replace('_', "")
            .parse::<usize>()
            .context(|| format!("{name}={k:?} is not a number"))?
            .max(1)),
        Err(_) => Ok(default),
    }
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
        let edits = count_var(
            "MATERIA_BENCH_EDITS",
            if full { FULL_EDITS } else { SMOKE_EDITS },
        )?;
        let build_runs = count_var("MATERIA_BENCH_RUNS", if full { FULL_BUILD_RUNS } else { 1 })?;
        let keep = env::var("MATERIA_BENCH_KEEP").is_ok_and(|v| !v.is_empty() && v != "0");
        Ok(Settings {
            sizes,
            edits,
            build_runs,
            keep,
        })
    }
}

fn bench(full: bool) -> Result<()> {
    let settings = Settings::from_env(full)?;
    let materia = PathBuf::from(env!("CARGO_BIN_EXE_materia"));
    let cores = thread::available_parallelism().map_or(1, |n| n.get());
    println!(
        "materia serve benchmark: {cores} cores, {}",
        materia.display()
    );
    if !full {
        println!("(smoke run: use `cargo bench --bench serve` for the real figures)");
    }
    // As in the build benchmark, folders are removed only at the very end, so that no size
    // pays for the deletion of the previous one's files.
    let mut scratches = Vec::new();
    let mut rows = Vec::new();
    for &n in &settings.sizes {
        let scratch = Scratch::new(n, settings.keep)?;
        rows.push(bench_size(n, &settings, &scratch.path, &materia)?);
        scratches.push(scratch);
    }
    print_table(cores, &rows);
    Ok(())
}

/// One line of the final table.
struct Row {
    articles: usize,
    build_runs: usize,
    build: Stats,
    /// From spawning `materia serve` to its URL line: the first, full build into memory.
    startup: f64,
    edits: usize,
    served: Stats,
    reload: Stats,
    /// What the server's log says each rebuild took, if it says.
    rebuild: Option<Stats>,
    retries: usize,
    reloads: usize,
}

fn bench_size(n: usize, settings: &Settings, dir: &Path, materia: &Path) -> Result<Row> {
    let site = dir.join("site");
    // The same record counts as the build benchmark.
    let symptoms = (n / 3).clamp(10, 300);
    let supplements = (n / 6).clamp(5, 150);
    let started = Instant::now();
    corpus::generate(&site, n, symptoms, supplements)
        .context(|| format!("generating {}", site.display()))?;
    let articles_dir = site.join("content").join("articles");
    let articles = article_files(&articles_dir)?;
    eprintln!(
        "N={n}: generated {} articles ({symptoms} symptoms, {supplements} supplements) in {:.1} s",
        articles.len(),
        started.elapsed().as_secs_f64()
    );

    let runs = settings.build_runs;
    let mut builds = Vec::with_capacity(runs);
    for run in 1..=runs {
        let seconds = full_build(materia, &site, &dir.join(format!("public-{run}")))?;
        eprintln!("  full build {run}/{runs}: {seconds:.3} s");
        builds.push(seconds);
    }
    flush_writes();

    let mut server = Server::start(materia, &site)?;
    eprintln!(
        "  materia serve listening on {} after {:.3} s",
        server.addr,
        server.startup.as_secs_f64()
    );
    let events = server.open_events()?;
    let mut build_id = server.wait_for(&events, "hello", Instant::now() + HTTP_TIMEOUT)?;

    let edits = if settings.edits > articles.len() {
        eprintln!(
            "  only {} articles: {} edits instead of {}",
            articles.len(),
            articles.len(),
            settings.edits
        );
        articles.len()
    } else {
        settings.edits
    };
    let mut served = Vec::with_capacity(edits);
    let mut reload = Vec::with_capacity(edits);
    let mut retries = 0;
    let mut reloads = 0;
    let mut rebuild_ms = Vec::new();
    for i in 0..edits {
        // Evenly spread, all different while edits <= articles.
        let path = &articles[i * articles.len() / edits];
        let url = article_url(&articles_dir, path)?;
        let marker = format!("edit-marker-{i}");
        let original =
            fs::read_to_string(path).context(|| format!("reading {}", path.display()))?;
        let sentence = format!("The serve benchmark rewrote this paragraph as edit {i}: {marker}.");
        let edited = rewrite_first_paragraph(&original, &sentence)
            .ok_or_else(|| format!("{} has no body paragraph to rewrite", path.display()))?;

        thread::sleep(PAUSE);
        reloads += drain_events(&events)?;
        rebuild_ms.extend(server.drain_log());

        let t0 = Instant::now();
        fs::write(path, edited).context(|| format!("writing {}", path.display()))?;
        let (reloaded, id) = server.wait_for_reload(&events, t0 + RELOAD_TIMEOUT, build_id)?;
        reloads += 1;
        build_id = id;
        let (t1, tries) = server.fetch_until(&url, &marker, Instant::now() + SERVED_TIMEOUT)?;
        let s = t1.duration_since(t0).as_secs_f64() * 1000.0;
        let r = reloaded.duration_since(t0).as_secs_f64() * 1000.0;
        eprintln!(
            "  edit {}/{edits}: {url}: reload after {r:.1} ms, served after {s:.1} ms{}",
            i + 1,
            if tries > 0 {
                format!(" ({tries} retries)")
            } else {
                String::new()
            }
        );
        served.push(s);
        reload.push(r);
        retries += tries;
    }
    // The last rebuild's log line and any late event.
    thread::sleep(PAUSE);
    reloads += drain_events(&events)?;
    rebuild_ms.extend(server.drain_log());
    server.stop();

    Ok(Row {
        articles: n,
        build_runs: runs,
        build: Stats::of(&builds),
        startup: server.startup.as_secs_f64(),
        edits,
        served: Stats::of(&served),
        reload: Stats::of(&reload),
        rebuild: (!rebuild_ms.is_empty()).then(|| Stats::of(&rebuild_ms)),
        retries,
        reloads,
    })
}

/// Every `.md` file under `dir`, sorted, so that the edited articles are the same every run.
fn article_files(dir: &Path) -> Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    for entry in WalkDir::new(dir) {
        let entry = entry.context(|| format!("walking {}", dir.display()))?;
        if entry.file_type().is_file() && entry.path().extension().is_some_and(|e| e == "md") {
            files.push(entry.into_path());
        }
    }
    files.sort();
    if files.is_empty() {
        return Err(format!("no articles under {}", dir.display()));
    }
    Ok(files)
}

/// `/articles/<section folders>/<file stem>/` for an article file under `base`.
fn article_url(base: &Path, path: &Path) -> Result<String> {
    let relative = path
        .strip_prefix(base)
        .context(|| format!("{} is not under {}", path.display(), base.display()))?
        .with_extension("");
    let mut url = String::from("/articles/");
    for part in relative.components() {
        url.push_str(&part.as_os_str().to_string_lossy());
        url.push('/');
    }
    Ok(url)
}

/// `text` with the first paragraph after its YAML front matter replaced by `sentence`.
fn rewrite_first_paragraph(text: &str, sentence: &str) -> Option<String> {
    let rest = text.strip_prefix("---\n")?;
    let fence = rest.find("\n---\n")?;
    let body = "---\n".len() + fence + "\n---\n".len();
    let blank = text[body..].len() - text[body..].trim_start_matches('\n').len();
    let start = body + blank;
    let end = text[start..].find("\n\n").map_or(text.len(), |i| start + i);
    (end > start).then(|| format!("{}{sentence}{}", &text[..start], &text[end..]))
}

/// Runs one full build into `out` (which must not exist yet); its wall time in seconds.
fn full_build(materia: &Path, site: &Path, out: &Path) -> Result<f64> {
    if out.exists() {
        return Err(format!("{} exists already", out.display()));
    }
    flush_writes();
    let started = Instant::now();
    let output = Command::new(materia)
        .arg("build")
        .arg("--root")
        .arg(site)
        .arg("--out")
        .arg(out)
        .arg("--quiet")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .output()
        .context(|| format!("cannot start {}", materia.display()))?;
    let seconds = started.elapsed().as_secs_f64();
    if !output.status.success() {
        let stderr = String::from_utf8_lossy(&output.stderr);
        let shown: Vec<&str> = stderr.lines().take(60).collect();
        return Err(format!(
            "`materia build --root {} --out {} --quiet` failed ({}):\n{}",
            site.display(),
            out.display(),
            output.status,
            shown.join("\n")
        ));
    }
    Ok(seconds)
}

/// Flushes dirty pages to disk, so that no timing pays for earlier writes' writeback. Where
/// there is no `sync` command this does nothing.
fn flush_writes() {
    if let Ok(status) = Command::new("sync").status() {
        if !status.success() {
            eprintln!("warning: `sync` failed ({status}); timings may include earlier writes");
        }
    }
}

/// A temporary folder under the system's, removed when dropped unless asked to keep it.
struct Scratch {
    path: PathBuf,
    keep: bool,
}

impl Scratch {
    fn new(n: usize, keep: bool) -> Result<Scratch> {
        let path = env::temp_dir().join(format!("materia-bench-serve-{}-{n}", std::process::id()));
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

// ---------------------------------------------------------------------------------------------
// The server and its two channels: HTTP requests and the event stream

/// A running `materia serve`, killed when dropped (so also when a step fails).
struct Server {
    child: Child,
    /// `127.0.0.1:PORT`.
    addr: String,
    startup: Duration,
    /// The server's stderr, line by line, from a reader thread.
    log: Receiver<String>,
    /// The last lines of it, for error messages.
    tail: VecDeque<String>,
}

/// One server-sent event and when it arrived.
struct Event {
    name: String,
    data: String,
    at: Instant,
}

impl Server {
    #[allow(clippy::zombie_processes)] // `Drop` kills and waits for it.
    fn start(materia: &Path, site: &Path) -> Result<Server> {
        let started = Instant::now();
        let mut child = Command::new(materia)
            .arg("serve")
            .arg("--root")
            .arg(site)
            .args(["--bind", "127.0.0.1", "--port", "0"])
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .context(|| format!("cannot start {} serve", materia.display()))?;
        let stderr = child.stderr.take();
        let (tx, log) = channel();
        thread::spawn(move || {
            let Some(stderr) = stderr else { return };
            // Ends when the server exits (end of file) or the benchmark stops listening.
            for line in BufReader::new(stderr).lines().map_while(|l| l.ok()) {
                if tx.send(line).is_err() {
                    return;
                }
            }
        });
        let mut server = Server {
            child,
            addr: String::new(),
            startup: Duration::ZERO,
            log,
            tail: VecDeque::new(),
        };
        let deadline = started + STARTUP_TIMEOUT;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() {
                return Err(server.failure(&format!(
                    "materia serve did not print its URL within {} s",
                    STARTUP_TIMEOUT.as_secs()
                )));
            }
            match server
                .log
                .recv_timeout(left.min(Duration::from_millis(200)))
            {
                Ok(line) => {
                    let addr = line
                        .find("http://")
                        .map(|i| &line[i + "http://".len()..])
                        .and_then(|url| url.split('/').next())
                        .map(str::to_string);
                    server.remember(line);
                    if let Some(addr) = addr {
                        if !addr.starts_with("127.0.0.1:") {
                            return Err(server.failure(&format!(
                                "materia serve listens on {addr}, not on 127.0.0.1"
                            )));
                        }
                        server.addr = addr;
                        server.startup = started.elapsed();
                        return Ok(server);
                    }
                }
                Err(RecvTimeoutError::Timeout) => {}
                Err(RecvTimeoutError::Disconnected) => {
                    return Err(server.failure("materia serve closed its output before serving"))
                }
            }
        }
    }

    fn remember(&mut self, line: String) {
        if self.tail.len() == LOG_TAIL {
            self.tail.pop_front();
        }
        self.tail.push_back(line);
    }

    /// Takes the log lines printed so far; the rebuild times (ms) they report, for a log that
    /// says `Rebuilt in N ms` (anything else is only kept for error messages).
    fn drain_log(&mut self) -> Vec<f64> {
        let mut times = Vec::new();
        while let Ok(line) = self.log.try_recv() {
            if let Some(ms) = line
                .find("Rebuilt in ")
                .map(|i| &line[i + "Rebuilt in ".len()..])
                .and_then(|rest| rest.split_whitespace().next())
                .and_then(|n| n.parse::<f64>().ok())
            {
                times.push(ms);
            }
            self.remember(line);
        }
        times
    }

    /// `message`, the server's exit status if it has stopped, and the end of its log.
    fn failure(&mut self, message: &str) -> String {
        // Let the reader thread pass on what the server printed last.
        thread::sleep(Duration::from_millis(50));
        self.drain_log();
        let status = match self.child.try_wait() {
            Ok(Some(status)) => format!(" (materia serve exited: {status})"),
            _ => String::new(),
        };
        let log: Vec<&str> = self.tail.iter().map(String::as_str).collect();
        format!(
            "{message}{status}\nlast lines of its log:\n{}",
            log.join("\n")
        )
    }

    /// Opens the live-reload stream; events arrive on the receiver as they are read.
    fn open_events(&mut self) -> Result<Receiver<Event>> {
        let stream = match TcpStream::connect(&self.addr) {
            Ok(s) => s,
            Err(e) => return Err(self.failure(&format!("cannot connect to {}: {e}", self.addr))),
        };
        let request = format!(
            "GET /__materia/events HTTP/1.1\r\nHost: {}\r\nAccept: text/event-stream\r\n\r\n",
            self.addr
        );
        (&stream)
            .write_all(request.as_bytes())
            .context(|| "sending the event-stream request".to_string())?;
        let (tx, rx) = channel();
        // Ends when the server closes the stream (it is killed at the end) or the receiver
        // goes away.
        thread::spawn(move || {
            let mut lines = BufReader::new(stream).lines().map_while(|l| l.ok());
            // The response head, up to its blank line.
            for line in lines.by_ref() {
                if line.trim_end_matches('\r').is_empty() {
                    break;
                }
            }
            let mut name = String::new();
            let mut data = String::new();
            for line in lines {
                let line = line.trim_end_matches('\r');
                if let Some(n) = line.strip_prefix("event:") {
                    name = n.trim().to_string();
                } else if let Some(d) = line.strip_prefix("data:") {
                    if !data.is_empty() {
                        data.push('\n');
                    }
                    data.push_str(d.strip_prefix(' ').unwrap_or(d));
                } else if line.is_empty() {
                    let at = Instant::now();
                    let name = std::mem::take(&mut name);
                    let data = std::mem::take(&mut data);
                    if !name.is_empty() && tx.send(Event { name, data, at }).is_err() {
                        return;
                    }
                }
            }
        });
        Ok(rx)
    }

    /// Waits for the next event called `name`, skipping others; the build id in its data
    /// (0 if there is none). A build failure is an error.
    fn wait_for(&mut self, events: &Receiver<Event>, name: &str, deadline: Instant) -> Result<u64> {
        loop {
            let event = self.next_event(events, name, deadline)?;
            if event.name == name {
                return Ok(build_id(&event.data).unwrap_or(0));
            }
        }
    }

    /// Waits for a `reload` of a build newer than `after`; when it arrived and its build id.
    fn wait_for_reload(
        &mut self,
        events: &Receiver<Event>,
        deadline: Instant,
        after: u64,
    ) -> Result<(Instant, u64)> {
        loop {
            let event = self.next_event(events, "reload", deadline)?;
            if event.name != "reload" {
                continue;
            }
            match build_id(&event.data) {
                Some(id) if id <= after => continue,
                Some(id) => return Ok((event.at, id)),
                None => return Ok((event.at, after)),
            }
        }
    }

    fn next_event(
        &mut self,
        events: &Receiver<Event>,
        wanted: &str,
        deadline: Instant,
    ) -> Result<Event> {
        let left = deadline.saturating_duration_since(Instant::now());
        match events.recv_timeout(left) {
            Ok(event) if event.name == "errors" => Err(self.failure(&format!(
                "the site did not build (while waiting for `{wanted}`): {}",
                event.data
            ))),
            Ok(event) => Ok(event),
            Err(RecvTimeoutError::Timeout) => {
                Err(self.failure(&format!("no `{wanted}` event in time")))
            }
            Err(RecvTimeoutError::Disconnected) => Err(self.failure(&format!(
                "the event stream closed while waiting for `{wanted}`"
            ))),
        }
    }

    /// GETs `path` until its body holds `marker`; when the successful GET completed, and how
    /// many GETs came before it.
    fn fetch_until(
        &mut self,
        path: &str,
        marker: &str,
        deadline: Instant,
    ) -> Result<(Instant, usize)> {
        let mut retries = 0;
        loop {
            let (status, body) = match get(&self.addr, path) {
                Ok(reply) => reply,
                Err(e) => return Err(self.failure(&e)),
            };
            let done = Instant::now();
            if status == 200 && body.contains(marker) {
                return Ok((done, retries));
            }
            if done >= deadline {
                return Err(self.failure(&format!(
                    "GET {path} still answers {status} without `{marker}` after {retries} retries"
                )));
            }
            retries += 1;
            thread::sleep(RETRY_PAUSE);
        }
    }

    fn stop(&mut self) {
        let _killed = self.child.kill();
        let _waited = self.child.wait();
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.stop();
    }
}

/// Drops the events queued so far (late ones from an earlier edit); how many were reloads.
fn drain_events(events: &Receiver<Event>) -> Result<usize> {
    let mut reloads = 0;
    loop {
        match events.try_recv() {
            Ok(event) if event.name == "reload" => reloads += 1,
            Ok(event) if event.name == "errors" => {
                return Err(format!("the site did not build: {}", event.data))
            }
            Ok(_) => {}
            Err(TryRecvError::Empty) => return Ok(reloads),
            Err(TryRecvError::Disconnected) => return Err("the event stream closed".to_string()),
        }
    }
}

/// `build` in an event's JSON data.
fn build_id(data: &str) -> Option<u64> {
    serde_json::from_str::<serde_json::Value>(data)
        .ok()?
        .get("build")?
        .as_u64()
}

/// `GET path` over a fresh connection: the status and the body.
fn get(addr: &str, path: &str) -> Result<(u16, String)> {
    let what = || format!("GET http://{addr}{path}");
    let mut stream = TcpStream::connect(addr).context(what)?;
    stream.set_read_timeout(Some(HTTP_TIMEOUT)).context(what)?;
    stream.set_write_timeout(Some(HTTP_TIMEOUT)).context(what)?;
    let request = format!("GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n");
    stream.write_all(request.as_bytes()).context(what)?;
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).context(what)?;
    let text = String::from_utf8_lossy(&raw);
    let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
    let status = head
        .lines()
        .next()
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|s| s.parse().ok())
        .ok_or_else(|| format!("{}: no HTTP status in the reply", what()))?;
    Ok((status, body.to_string()))
}

// ---------------------------------------------------------------------------------------------
// Statistics and the report

struct Stats {
    median: f64,
    min: f64,
    max: f64,
    /// Nearest-rank 90th percentile.
    p90: f64,
}

impl Stats {
    fn of(values: &[f64]) -> Stats {
        let mut sorted = values.to_vec();
        sorted.sort_by(f64::total_cmp);
        let n = sorted.len();
        let median = match n {
            0 => f64::NAN,
            _ if n % 2 == 1 => sorted[n / 2],
            _ => (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0,
        };
        let p90 = match n {
            0 => f64::NAN,
            _ => sorted[(n * 9).div_ceil(10) - 1],
        };
        Stats {
            median,
            min: sorted.first().copied().unwrap_or(f64::NAN),
            max: sorted.last().copied().unwrap_or(f64::NAN),
            p90,
        }
    }
}

fn print_table(cores: usize, rows: &[Row]) {
    println!();
    println!("median (min-max); {cores} cores");
    println!(
        "{:>7} | {:>23} {:>7} | {:>5} {:>25} {:>7} | {:>9} {:>10} | {:>7} {:>7}",
        "N",
        "full build s",
        "start s",
        "edits",
        "save->served ms",
        "p90 ms",
        "reload ms",
        "rebuild ms",
        "retries",
        "reloads"
    );
    for row in rows {
        let build = if row.build_runs > 1 {
            format!(
                "{:.3} ({:.3}-{:.3})",
                row.build.median, row.build.min, row.build.max
            )
        } else {
            format!("{:.3}", row.build.median)
        };
        println!(
            "{:>7} | {:>23} {:>7.3} | {:>5} {:>25} {:>7.1} | {:>9.1} {:>10} | {:>7} {:>7}",
            row.articles,
            build,
            row.startup,
            row.edits,
            format!(
                "{:.1} ({:.1}-{:.1})",
                row.served.median, row.served.min, row.served.max
            ),
            row.served.p90,
            row.reload.median,
            row.rebuild
                .as_ref()
                .map_or_else(|| "?".to_string(), |r| format!("{:.0}", r.median)),
            row.retries,
            row.reloads,
        );
    }
    for line in [
        "full build: `materia build` wall time; start: `materia serve` to its URL line;",
        "save->served: write to a GET showing the edit; p90: nearest rank;",
        "reload: write to the `reload` event (medians); rebuild: the server's own",
        "`Rebuilt in` figure, median (`?` if its log has none); retries: GETs without the",
        "edit after its reload; reloads: `reload` events seen (more than edits: extra rebuilds)",
    ] {
        println!("{line}");
    }
}
