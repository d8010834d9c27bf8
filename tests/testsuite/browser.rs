//! Tests in a real headless browser: a harness that drives Chromium through chromedriver
//! (WebDriver), reads the browser console, and serves a built site from a plain static file
//! server (not `materia serve`, which injects its live-reload script).
//!
//! [`Browser::start`] returns `None` when chromedriver or Chromium is missing, so the tests
//! skip on a developer machine without them; under `CI=true` it panics instead. Install them
//! with `apt-get install -y chromium chromium-driver` (`.ci/run` does).
//!
//! The suite is synchronous: each `Browser` owns a single-threaded tokio runtime and its
//! methods block on it. Use one `Browser` per test; dropping it closes the session and kills
//! chromedriver and Chromium, also when the test panics.

#![allow(dead_code)]

use crate::support::*;
use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::{json, Value};
use std::fmt;
use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// How long [`Browser::wait_for`] and [`Browser::wait_until`] wait by default.
pub(crate) const WAIT: Duration = Duration::from_secs(10);
/// How often the waits poll.
const POLL: Duration = Duration::from_millis(50);

/// Chromium's flags: headless, no sandbox (we run as root), and nothing that reaches out to
/// the network on its own (this machine's closed network refuses it, which shows as errors).
const CHROME_ARGS: &[&str] = &[
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
    "--window-size=1280,900",
];

/// What went wrong in a browser step, as one readable message (also its `Debug`, so that
/// `.unwrap()` and tests returning `Result` print it as is).
pub(crate) struct BrowserError(String);

impl BrowserError {
    fn new(what: impl fmt::Display, cause: impl fmt::Display) -> BrowserError {
        BrowserError(format!("{what}: {cause}"))
    }
}

impl fmt::Display for BrowserError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl fmt::Debug for BrowserError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for BrowserError {}

pub(crate) type Result<T, E = BrowserError> = std::result::Result<T, E>;

/// One entry of the browser console as chromedriver reports it.
#[derive(Debug, Clone)]
pub(crate) struct LogEntry {
    /// `SEVERE`, `WARNING`, `INFO`, `DEBUG`…
    pub level: String,
    /// `console-api`, `javascript` (uncaught exceptions), `network` (failed loads)…
    pub source: String,
    /// Starts with the URL and line of the script, e.g. `http://…/ 3:16 "boom"`.
    pub message: String,
}

impl fmt::Display for LogEntry {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "[{} {}] {}", self.level, self.source, self.message)
    }
}

/// chromedriver and Chromium (one browser window), with a fresh profile.
pub(crate) struct Browser {
    // Dropped in this order after `drop` has closed the session: the runtime, then the
    // driver (which kills Chromium with it), then the profile directory.
    client: Option<Client>,
    rt: tokio::runtime::Runtime,
    driver: Driver,
    session: String,
    /// Markers logged by [`Browser::console`] so far.
    syncs: std::cell::Cell<u64>,
    profile: tempfile::TempDir,
}

/// A path from `var`, or `default`, if that file exists.
pub(crate) fn tool(var: &str, default: &str) -> Result<PathBuf, String> {
    let path = std::env::var_os(var)
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(default));
    if path.is_file() {
        Ok(path)
    } else {
        Err(format!(
            "{} not found (set {var} to override)",
            path.display()
        ))
    }
}

/// What a test does without a tool it needs: `None` after a note on stderr, so the test
/// skips on a developer's machine; under `CI=true` a panic, so CI never passes by skipping.
pub(crate) fn missing<T>(what: &str, why: &str, help: &str) -> Option<T> {
    if std::env::var("CI").as_deref() == Ok("true") {
        panic!("this test needs {what}: {why}; {help}");
    }
    eprintln!("note: skipping a test that needs {what}: {why}; {help}");
    None
}

impl Browser {
    /// Starts chromedriver and a headless Chromium session.
    ///
    /// `None` (after a note on stderr) when chromedriver or Chromium is not installed and
    /// this is not CI: the caller then returns, skipping the test. Under `CI=true` a missing
    /// browser panics. Any other failure to start panics with chromedriver's log.
    pub fn start() -> Option<Browser> {
        Browser::start_with(&[])
    }

    /// [`Browser::start`] with more Chromium switches, such as
    /// `--blink-settings=preferredColorScheme=0` for a reader who prefers dark pages.
    pub fn start_with(switches: &[&str]) -> Option<Browser> {
        let found = tool("CHROMEDRIVER", "/usr/bin/chromedriver")
            .and_then(|driver| Ok((driver, tool("CHROME_BIN", "/usr/bin/chromium")?)));
        let (driver, chrome) = match found {
            Ok(found) => found,
            Err(why) => {
                return missing(
                    "chromedriver and Chromium",
                    &why,
                    "install them with `apt-get install -y chromium chromium-driver`",
                )
            }
        };
        Some(Browser::launch(&driver, &chrome, switches))
    }

    fn launch(driver_bin: &Path, chrome: &Path, switches: &[&str]) -> Browser {
        let profile = tempfile::Builder::new()
            .prefix("materia-browser-")
            .tempdir()
            .expect("temp dir for the browser profile");
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("tokio runtime");
        // A port picked free can be taken before chromedriver binds it: try a few.
        let mut attempt = 0;
        let driver = loop {
            attempt += 1;
            match Driver::start(driver_bin, profile.path()) {
                Ok(driver) => break driver,
                Err(e) if attempt < 3 => eprintln!("chromedriver did not start, retrying: {e}"),
                Err(e) => panic!("chromedriver did not start: {e}"),
            }
        };

        let user_data_dir = profile.path().join("chrome");
        let mut args: Vec<String> = CHROME_ARGS.iter().map(|a| a.to_string()).collect();
        args.push(format!("--user-data-dir={}", user_data_dir.display()));
        args.extend(switches.iter().map(|s| s.to_string()));
        let mut caps = fantoccini::wd::Capabilities::new();
        caps.insert(
            "goog:chromeOptions".into(),
            json!({ "binary": chrome, "args": args }),
        );
        caps.insert("goog:loggingPrefs".into(), json!({ "browser": "ALL" }));
        let url = format!("http://127.0.0.1:{}", driver.port);
        let connector = hyper_util::client::legacy::connect::HttpConnector::new();
        let connected = rt.block_on(async {
            let client = ClientBuilder::new(connector)
                .capabilities(caps)
                .connect(&url)
                .await
                .map_err(|e| BrowserError::new("cannot open a WebDriver session", e))?;
            let session = client
                .session_id()
                .await
                .map_err(|e| BrowserError::new("no session id", e))?
                .ok_or_else(|| BrowserError("no session id".into()))?;
            let timeouts = fantoccini::wd::TimeoutConfiguration::new(
                Some(Duration::from_secs(30)),
                Some(Duration::from_secs(30)),
                Some(Duration::ZERO),
            );
            client
                .update_timeouts(timeouts)
                .await
                .map_err(|e| BrowserError::new("cannot set timeouts", e))?;
            Ok::<_, BrowserError>((client, session))
        });
        let (client, session) = match connected {
            Ok(c) => c,
            Err(e) => panic!("{e}\n{}", driver.log_tail()),
        };
        Browser {
            client: Some(client),
            rt,
            driver,
            session,
            syncs: std::cell::Cell::new(0),
            profile,
        }
    }

    /// The fantoccini client, for what the helpers here do not cover (run it with
    /// [`Browser::block_on`]).
    pub fn client(&self) -> &Client {
        self.client.as_ref().expect("session open until drop")
    }

    /// Runs a future (e.g. a fantoccini call) on this browser's runtime.
    pub fn block_on<F: std::future::Future>(&self, future: F) -> F::Output {
        self.rt.block_on(future)
    }

    /// Opens `url` and waits for its `load` event.
    pub fn goto(&self, url: &str) -> Result<()> {
        self.block_on(self.client().goto(url))
            .map_err(|e| BrowserError::new(format!("cannot open {url}"), e))
    }

    pub fn title(&self) -> Result<String> {
        self.block_on(self.client().title())
            .map_err(|e| BrowserError::new("cannot read the title", e))
    }

    pub fn current_url(&self) -> Result<String> {
        self.block_on(self.client().current_url())
            .map(|u| u.to_string())
            .map_err(|e| BrowserError::new("cannot read the current URL", e))
    }

    /// Runs `script` as the body of a function (`return` gives its value; `arguments` holds
    /// `args`).
    pub fn execute(&self, script: &str, args: Vec<Value>) -> Result<Value> {
        self.block_on(self.client().execute(script, args))
            .map_err(|e| BrowserError::new(format!("script failed: {script}"), e))
    }

    /// Every element matching the CSS `selector` now (no waiting).
    pub fn find_all(&self, selector: &str) -> Result<Vec<fantoccini::elements::Element>> {
        self.block_on(self.client().find_all(Locator::Css(selector)))
            .map_err(|e| BrowserError::new(format!("cannot look for `{selector}`"), e))
    }

    /// Waits up to [`WAIT`] until `selector` matches at least one element; returns how many
    /// it matches.
    pub fn wait_for(&self, selector: &str) -> Result<usize> {
        self.wait_for_within(selector, WAIT)
    }

    pub fn wait_for_within(&self, selector: &str, timeout: Duration) -> Result<usize> {
        let deadline = Instant::now() + timeout;
        loop {
            let found = self.find_all(selector)?.len();
            if found > 0 {
                return Ok(found);
            }
            if Instant::now() >= deadline {
                return Err(self.timed_out(&format!("no element matches `{selector}`"), timeout));
            }
            std::thread::sleep(POLL);
        }
    }

    /// Waits up to [`WAIT`] until the JavaScript expression `js` is truthy; returns its value.
    pub fn wait_until(&self, js: &str) -> Result<Value> {
        let deadline = Instant::now() + WAIT;
        loop {
            let value = self.execute(&format!("return ({js});"), vec![])?;
            let truthy = match &value {
                Value::Null => false,
                Value::Bool(b) => *b,
                Value::Number(n) => n.as_f64().is_some_and(|n| n != 0.0),
                Value::String(s) => !s.is_empty(),
                _ => true,
            };
            if truthy {
                return Ok(value);
            }
            if Instant::now() >= deadline {
                let what = format!("`{js}` still not true (last value {value})");
                return Err(self.timed_out(&what, WAIT));
            }
            std::thread::sleep(POLL);
        }
    }

    fn timed_out(&self, what: &str, timeout: Duration) -> BrowserError {
        let url = self
            .current_url()
            .unwrap_or_else(|e| format!("<unknown URL: {e}>"));
        BrowserError(format!(
            "{what} after {:.1} s, on page {url}",
            timeout.as_secs_f64()
        ))
    }

    /// The rendered text of every element matching `selector` (WebDriver's "visible text":
    /// hidden elements give ""), in document order. No waiting.
    pub fn texts(&self, selector: &str) -> Result<Vec<String>> {
        let mut texts = Vec::new();
        for element in self.find_all(selector)? {
            let text = self
                .block_on(element.text())
                .map_err(|e| BrowserError::new(format!("cannot read text of `{selector}`"), e))?;
            texts.push(text);
        }
        Ok(texts)
    }

    /// The `href` attribute (as written, not resolved) of every element matching
    /// `selector`, in document order; an element without one is an error. No waiting.
    pub fn hrefs(&self, selector: &str) -> Result<Vec<String>> {
        let mut hrefs = Vec::new();
        for (i, element) in self.find_all(selector)?.into_iter().enumerate() {
            let href = self
                .block_on(element.attr("href"))
                .map_err(|e| BrowserError::new(format!("cannot read href of `{selector}`"), e))?
                .ok_or_else(|| BrowserError(format!("match {i} of `{selector}` has no href")))?;
            hrefs.push(href);
        }
        Ok(hrefs)
    }

    /// Waits for `selector`, then types `text` into the first element it matches (keys such
    /// as Enter are `fantoccini::key::Key::Enter` as a char in `text`).
    pub fn type_into(&self, selector: &str, text: &str) -> Result<()> {
        self.wait_for(selector)?;
        let element = self
            .find_all(selector)?
            .into_iter()
            .next()
            .ok_or_else(|| BrowserError(format!("`{selector}` went away before typing")))?;
        self.block_on(element.send_keys(text))
            .map_err(|e| BrowserError::new(format!("cannot type into `{selector}`"), e))
    }

    /// The console entries logged since the previous call (chromedriver hands each entry
    /// out once): `console.*` calls, uncaught exceptions, failed loads.
    ///
    /// Chromium delivers entries a little after the page logged them, so this first logs a
    /// marker from the page and reads until the marker arrives: whatever the page logged
    /// before the call is then in. (Failed loads travel another way and are not ordered
    /// with the marker, but come well before it in practice.)
    pub fn console(&self) -> Result<Vec<LogEntry>> {
        let marker = format!("materia-console-sync-{}", self.syncs.get());
        self.syncs.set(self.syncs.get() + 1);
        self.execute(&format!("console.info({marker:?});"), vec![])?;
        let deadline = Instant::now() + WAIT;
        let mut entries = Vec::new();
        loop {
            let fresh = self.read_log()?;
            let synced = fresh.iter().any(|e| e.message.contains(&marker));
            entries.extend(fresh.into_iter().filter(|e| {
                !(e.source == "console-api" && e.message.contains("materia-console-sync-"))
            }));
            if synced {
                return Ok(entries);
            }
            if Instant::now() >= deadline {
                return Err(self.timed_out("the console marker never arrived", WAIT));
            }
            std::thread::sleep(Duration::from_millis(5));
        }
    }

    /// Whatever chromedriver has collected of the browser log so far.
    fn read_log(&self) -> Result<Vec<LogEntry>> {
        let path = format!("/session/{}/se/log", self.session);
        let reply = driver_request(self.driver.port, "POST", &path, &json!({"type": "browser"}))
            .map_err(|e| BrowserError::new("cannot read the browser log", e))?;
        let entries = reply
            .as_array()
            .ok_or_else(|| BrowserError(format!("unexpected browser log: {reply}")))?;
        Ok(entries
            .iter()
            .map(|e| LogEntry {
                level: e["level"].as_str().unwrap_or_default().to_string(),
                source: e["source"].as_str().unwrap_or_default().to_string(),
                message: e["message"].as_str().unwrap_or_default().to_string(),
            })
            .collect())
    }

    /// The `SEVERE` console entries since the previous read of the console:
    /// `console.error`, uncaught exceptions, resources that failed to load (a page without
    /// an icon counts: Chromium then asks for `/favicon.ico`; the default theme has one).
    pub fn console_errors(&self) -> Result<Vec<LogEntry>> {
        Ok(self
            .console()?
            .into_iter()
            .filter(|e| e.level == "SEVERE")
            .collect())
    }

    /// Panics listing the console errors since the previous read, if there are any.
    #[track_caller]
    pub fn assert_no_console_errors(&self) {
        let errors = self.console_errors().unwrap();
        if !errors.is_empty() {
            let list: Vec<String> = errors.iter().map(|e| format!("  {e}")).collect();
            panic!("console errors:\n{}", list.join("\n"));
        }
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        if let Some(client) = self.client.take() {
            // Ends the session, which makes chromedriver quit Chromium; `Driver`'s drop then
            // kills whatever is left.
            let close =
                async { tokio::time::timeout(Duration::from_secs(5), client.close()).await };
            let _ = self.rt.block_on(close);
        }
    }
}

/// A running chromedriver in its own process group, killed with all of it (Chromium
/// included) when dropped.
struct Driver {
    child: Child,
    port: u16,
    log: PathBuf,
}

impl Driver {
    /// Starts chromedriver on a free port and waits until `/status` says it is ready.
    #[allow(clippy::zombie_processes)] // on error the child is dropped as a `Driver`.
    fn start(bin: &Path, dir: &Path) -> Result<Driver, String> {
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .map_err(|e| format!("no free port: {e}"))?
            .port();
        let log = dir.join(format!("chromedriver-{port}.log"));
        let out = std::fs::File::create(&log).map_err(|e| format!("log file: {e}"))?;
        let err = out.try_clone().map_err(|e| format!("log file: {e}"))?;
        let mut command = Command::new(bin);
        command
            .arg(format!("--port={port}"))
            // Chromium keeps its crash database under XDG_CONFIG_HOME, not the profile.
            .env("XDG_CONFIG_HOME", dir.join("config"))
            .stdin(Stdio::null())
            .stdout(out)
            .stderr(err);
        #[cfg(unix)]
        std::os::unix::process::CommandExt::process_group(&mut command, 0);
        let child = command
            .spawn()
            .map_err(|e| format!("cannot run {}: {e}", bin.display()))?;
        let mut driver = Driver { child, port, log };

        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            if let Ok(status) = driver_request(port, "GET", "/status", &Value::Null) {
                if status["ready"] == true {
                    return Ok(driver);
                }
            }
            if let Ok(Some(exit)) = driver.child.try_wait() {
                return Err(format!(
                    "chromedriver exited ({exit})\n{}",
                    driver.log_tail()
                ));
            }
            if Instant::now() >= deadline {
                return Err(format!(
                    "chromedriver not ready within 20 s\n{}",
                    driver.log_tail()
                ));
            }
            std::thread::sleep(POLL);
        }
    }

    /// The end of chromedriver's (and Chromium's) output, for error messages.
    fn log_tail(&self) -> String {
        let text = std::fs::read_to_string(&self.log).unwrap_or_default();
        let start = text.len().saturating_sub(3000);
        let start = (start..text.len())
            .find(|&i| text.is_char_boundary(i))
            .unwrap_or(text.len());
        format!("--- chromedriver output (end) ---\n{}", &text[start..])
    }
}

impl Drop for Driver {
    fn drop(&mut self) {
        // The group is chromedriver's own (`process_group(0)`): its id is the child's pid,
        // which stays ours until `wait` below reaps it.
        #[cfg(unix)]
        let _ = Command::new("kill")
            .args(["-KILL", "--", &format!("-{}", self.child.id())])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status();
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A JSON request to chromedriver over plain HTTP; returns the reply's `value`.
fn driver_request(port: u16, method: &str, path: &str, body: &Value) -> Result<Value, String> {
    let body = if body.is_null() {
        String::new()
    } else {
        body.to_string()
    };
    let mut stream = TcpStream::connect(("127.0.0.1", port)).map_err(|e| e.to_string())?;
    stream
        .set_read_timeout(Some(Duration::from_secs(30)))
        .map_err(|e| e.to_string())?;
    let request = format!(
        "{method} {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\
         Content-Type: application/json; charset=utf-8\r\nContent-Length: {}\r\n\r\n{body}",
        body.len()
    );
    stream
        .write_all(request.as_bytes())
        .map_err(|e| e.to_string())?;
    let raw = read_response(&mut stream).map_err(|e| e.to_string())?;
    let reply = parse_http(&raw);
    let json: Value = serde_json::from_str(&reply.body)
        .map_err(|e| format!("HTTP {}: {e}: {}", reply.status, reply.body))?;
    if reply.status != 200 {
        return Err(format!("HTTP {}: {}", reply.status, json["value"]));
    }
    Ok(json["value"].clone())
}

/// One HTTP response: up to its `Content-Length`, or to the end of the stream.
fn read_response(stream: &mut TcpStream) -> std::io::Result<Vec<u8>> {
    let mut raw = Vec::new();
    let mut buf = [0u8; 16 * 1024];
    loop {
        let n = stream.read(&mut buf)?;
        if n == 0 {
            return Ok(raw);
        }
        raw.extend_from_slice(&buf[..n]);
        if let Some(end) = raw.windows(4).position(|w| w == b"\r\n\r\n") {
            let head = String::from_utf8_lossy(&raw[..end]).to_ascii_lowercase();
            let length = head
                .lines()
                .filter_map(|l| l.split_once(':'))
                .find(|(name, _)| name.trim() == "content-length")
                .and_then(|(_, v)| v.trim().parse::<usize>().ok());
            if let Some(length) = length {
                if raw.len() >= end + 4 + length {
                    raw.truncate(end + 4 + length);
                    return Ok(raw);
                }
            }
        }
    }
}

/// A static file server for one directory on `127.0.0.1` (a free port), stopped on drop.
/// `/x/` serves `x/index.html`, `/x` (a directory) redirects to `/x/`; anything else that
/// is not a file inside the directory is a 404 (with `404.html` if there is one).
pub(crate) struct StaticServer {
    server: Arc<tiny_http::Server>,
    threads: Vec<std::thread::JoinHandle<()>>,
    port: u16,
    requests: Arc<Mutex<Vec<String>>>,
}

impl StaticServer {
    pub fn start(root: &Path) -> StaticServer {
        let root = root
            .canonicalize()
            .unwrap_or_else(|e| panic!("cannot serve {}: {e}", root.display()));
        let server = Arc::new(tiny_http::Server::http("127.0.0.1:0").expect("bind a free port"));
        let port = server.server_addr().to_ip().expect("an IP address").port();
        let requests = Arc::new(Mutex::new(Vec::new()));
        // Several workers, as a real host has: with one, a search page fetching six pages
        // at once for excerpts stalled (two fetches were never answered).
        let threads = (0..4)
            .map(|_| {
                let server = Arc::clone(&server);
                let requests = Arc::clone(&requests);
                let root = root.clone();
                std::thread::spawn(move || {
                    // `recv` fails once `unblock` is called on drop.
                    while let Ok(request) = server.recv() {
                        requests
                            .lock()
                            .unwrap_or_else(|e| e.into_inner())
                            .push(request.url().to_string());
                        let _ = respond(&root, request);
                    }
                })
            })
            .collect();
        StaticServer {
            server,
            threads,
            port,
            requests,
        }
    }

    /// `http://127.0.0.1:PORT` followed by `path` (which starts with `/`).
    pub fn url(&self, path: &str) -> String {
        format!("http://127.0.0.1:{}{path}", self.port)
    }

    /// The request targets served so far (path and query, as sent), in order.
    pub fn requests(&self) -> Vec<String> {
        self.requests
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }
}

impl Drop for StaticServer {
    fn drop(&mut self) {
        // `unblock` wakes one waiting `recv`: once for each worker.
        for _ in &self.threads {
            self.server.unblock();
        }
        for thread in self.threads.drain(..) {
            let _ = thread.join();
        }
    }
}

/// The Content-Type of a file, by its extension.
fn content_type(path: &Path) -> &'static str {
    match path.extension().and_then(|e| e.to_str()).unwrap_or("") {
        "html" | "htm" => "text/html; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "json" => "application/json",
        "xml" => "application/xml; charset=utf-8",
        "svg" => "image/svg+xml",
        "txt" => "text/plain; charset=utf-8",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "webp" => "image/webp",
        "ico" => "image/x-icon",
        "woff2" => "font/woff2",
        _ => "application/octet-stream",
    }
}

/// What `target` (a request target) names under `root`: `Some` path that may or may not
/// exist, or `None` when it is malformed or would leave `root`.
fn resolve(root: &Path, target: &str) -> Option<PathBuf> {
    let path = target.split(['?', '#']).next().unwrap_or("");
    let path = percent_encoding::percent_decode_str(path)
        .decode_utf8()
        .ok()?;
    let rest = path.strip_prefix('/')?;
    let mut file = root.to_path_buf();
    for part in rest.split('/') {
        match part {
            "" | "." => {}
            ".." => return None,
            _ if part.contains(['\\', '\0']) => return None,
            _ => file.push(part),
        }
    }
    if path.ends_with('/') {
        file.push("index.html");
    }
    Some(file)
}

fn respond(root: &Path, request: tiny_http::Request) -> std::io::Result<()> {
    let header = |name: &str, value: &str| {
        tiny_http::Header::from_bytes(name.as_bytes(), value.as_bytes()).expect("valid header")
    };
    if !matches!(
        request.method(),
        tiny_http::Method::Get | tiny_http::Method::Head
    ) {
        let response = tiny_http::Response::from_string("method not allowed")
            .with_status_code(405)
            .with_header(header("Allow", "GET, HEAD"));
        return request.respond(response);
    }
    let found = resolve(root, request.url()).and_then(|path| {
        // Symlinks are followed, but only to somewhere inside the root.
        let real = path.canonicalize().ok()?;
        real.starts_with(root).then_some((path, real))
    });
    match found {
        Some((_, real)) if real.is_file() => {
            let file = std::fs::File::open(&real)?;
            let response = tiny_http::Response::from_file(file)
                .with_header(header("Content-Type", content_type(&real)))
                .with_header(header("Cache-Control", "no-store"));
            request.respond(response)
        }
        Some((_, real)) if real.is_dir() => {
            let (path, query) = match request.url().split_once('?') {
                Some((path, query)) => (path, format!("?{query}")),
                None => (request.url(), String::new()),
            };
            let location = format!("{path}/{query}");
            let response =
                tiny_http::Response::empty(301).with_header(header("Location", &location));
            request.respond(response)
        }
        _ => {
            let page = std::fs::read(root.join("404.html"))
                .unwrap_or_else(|_| b"<!doctype html><title>Not found</title>".to_vec());
            let response = tiny_http::Response::from_data(page)
                .with_status_code(404)
                .with_header(header("Content-Type", "text/html; charset=utf-8"));
            request.respond(response)
        }
    }
}

/// `GET target` against a [`StaticServer`], raw (no client-side normalisation).
fn get(server: &StaticServer, target: &str) -> Http {
    let mut stream = TcpStream::connect(("127.0.0.1", server.port)).expect("connect");
    stream
        .set_read_timeout(Some(Duration::from_secs(20)))
        .expect("timeout");
    let request = format!("GET {target} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
    stream.write_all(request.as_bytes()).expect("send");
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).expect("read");
    parse_http(&raw)
}

/// A page that declares an empty icon, so that Chromium does not ask for `/favicon.ico`.
fn page(body: &str) -> String {
    format!(
        "<!doctype html><html><head><meta charset=\"utf-8\"><title>Fixture</title>\
         <link rel=\"icon\" href=\"data:,\"></head><body>{body}</body></html>\n"
    )
}

#[test]
fn home_page_of_a_built_site_opens_without_console_errors() {
    let site = Site::new();
    site.article(
        "guide.md",
        "title: A guide\ndate: 2024-05-01",
        "Some text.\n",
    );
    site.build().assert_ok();
    let Some(browser) = Browser::start() else {
        return;
    };
    let server = StaticServer::start(&site.path("public"));

    browser.goto(&server.url("/")).unwrap();

    assert_eq!(browser.title().unwrap(), "Test Health");
    assert_eq!(browser.texts("h1").unwrap(), ["Test Health"]);
    browser.assert_no_console_errors();
}

#[test]
fn console_errors_catch_console_error_and_uncaught_exceptions() {
    let dir = tempfile::tempdir().unwrap();
    let write = |name: &str, body: &str| std::fs::write(dir.path().join(name), page(body)).unwrap();
    write(
        "clean.html",
        "<p>fine</p><script>console.log(\"hello\")</script>",
    );
    write("logged.html", "<script>console.error(\"boom\")</script>");
    write(
        "thrown.html",
        "<script>throw new Error(\"kaboom\")</script>",
    );
    let Some(browser) = Browser::start() else {
        return;
    };
    let server = StaticServer::start(dir.path());
    let errors_of = |name: &str| {
        browser.goto(&server.url(&format!("/{name}"))).unwrap();
        browser.console_errors().unwrap()
    };

    assert!(errors_of("clean.html").is_empty());
    let logged = errors_of("logged.html");
    assert_eq!(logged.len(), 1, "{logged:?}");
    assert!(logged[0].message.contains("boom"), "{logged:?}");
    let thrown = errors_of("thrown.html");
    assert_eq!(thrown.len(), 1, "{thrown:?}");
    assert!(
        thrown[0].message.contains("Uncaught Error: kaboom"),
        "{thrown:?}"
    );
}

#[test]
fn static_server_maps_directories_sets_types_and_stays_in_its_root() {
    let outside = tempfile::tempdir().unwrap();
    let root = outside.path().join("public");
    for (rel, text) in [
        ("index.html", "home"),
        ("a/index.html", "page a"),
        ("app.js", "js"),
        ("style.css", "css"),
        ("data.json", "{}"),
        ("feed.xml", "<feed/>"),
        ("icon.svg", "<svg/>"),
        ("404.html", "missing page"),
    ] {
        let path = root.join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    std::fs::write(outside.path().join("secret.txt"), "secret").unwrap();
    let server = StaticServer::start(&root);

    let home = get(&server, "/");
    assert_eq!((home.status, home.body.as_str()), (200, "home"));
    assert_eq!(
        home.header("Content-Type"),
        Some("text/html; charset=utf-8")
    );
    assert_eq!(get(&server, "/a/?q=x").body, "page a");
    let bare = get(&server, "/a");
    assert_eq!((bare.status, bare.header("Location")), (301, Some("/a/")));
    for (target, wanted) in [
        ("/app.js", "text/javascript; charset=utf-8"),
        ("/style.css", "text/css; charset=utf-8"),
        ("/data.json", "application/json"),
        ("/feed.xml", "application/xml; charset=utf-8"),
        ("/icon.svg", "image/svg+xml"),
    ] {
        let reply = get(&server, target);
        assert_eq!(reply.status, 200, "{target}");
        assert_eq!(reply.header("Content-Type"), Some(wanted), "{target}");
    }
    for target in [
        "/nope.html",
        "/../secret.txt",
        "/a/../../secret.txt",
        "/%2e%2e/secret.txt",
        "/..%2fsecret.txt",
        "/..%5csecret.txt",
    ] {
        let reply = get(&server, target);
        assert_eq!(
            (reply.status, reply.body.as_str()),
            (404, "missing page"),
            "{target}"
        );
    }
    assert!(server.requests().contains(&"/a/?q=x".to_string()));
}

#[test]
fn a_card_line_that_wraps_starts_with_an_item_not_a_separator() {
    let site = Site::new();
    site.article(
        "nerve-and-blood-conditions-of-later-life/guide.md",
        "title: A guide\ndate: 2024-05-01",
        &"Some words of the guide. ".repeat(200),
    );
    site.build().assert_ok();
    let Some(browser) = Browser::start() else {
        return;
    };
    let server = StaticServer::start(&site.path("public"));
    browser
        .block_on(browser.client().set_window_size(360, 800))
        .unwrap();
    browser.goto(&server.url("/")).unwrap();

    // Each item of the card's line (section, date, reading time) and where the middle of
    // its "·" falls, against the left edge the line clips at.
    let items = browser
        .execute(
            "const p = document.querySelector('.card .meta');
             const left = p.getBoundingClientRect().left;
             const clipped = getComputedStyle(p).clipPath !== 'none';
             return [...p.children].map(s => {
               const r = s.getBoundingClientRect();
               const dot = getComputedStyle(s, '::before');
               return { starts: r.left - left < 8, top: r.top, clipped,
                        dot: dot.position === 'absolute'
                          ? r.left - parseFloat(dot.width) / 2 - left : null };
             });",
            vec![],
        )
        .unwrap();
    let items = items.as_array().unwrap();
    assert_eq!(items.len(), 3, "{items:?}");
    let starts: Vec<&Value> = items.iter().filter(|i| i["starts"] == true).collect();
    assert!(
        starts.len() >= 2,
        "the line should wrap at 360 px: {items:?}"
    );
    for item in items {
        let dot = item["dot"]
            .as_f64()
            .unwrap_or_else(|| panic!("no separator drawn before {item:?}"));
        if item["starts"] == true {
            assert!(
                item["clipped"] == true && dot < 0.0,
                "a line starts with a visible separator: {items:?}"
            );
        } else {
            assert!(dot > 0.0, "a separator between items is hidden: {items:?}");
        }
    }
    browser.assert_no_console_errors();
}
