//! `materia serve`: builds the site into memory, serves it with tiny_http, watches the
//! sources, rebuilds on every change and reloads the open pages once the new site is in
//! place. A failed build never stops the server: the last good site stays served, and every
//! open page shows the errors over it until the next good build.
//!
//! `public/` is never touched, and the reload script exists only in served pages.

pub mod http;
pub mod paths;
pub mod reload;
pub mod watch;

use crate::build::{BuildOptions, Builder, Silent};
use crate::diagnostics::{Diagnostics, Severity};
use crate::render::Output;
use reload::Hub;
use serde::Serialize;
use std::io::Write as _;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Condvar, Mutex, RwLock};
use std::time::{Duration, Instant};

/// Threads answering ordinary requests; event streams get a thread each, so they can never
/// starve page loads.
const WORKERS: usize = 8;

/// How long a request for the search page or index waits for an index being rebuilt.
/// Rebuilding takes a fraction of a second; a request waits longer only while edits keep
/// coming and each one starts it over.
const SEARCH_WAIT: Duration = Duration::from_secs(30);

pub struct ServeOptions {
    pub root: PathBuf,
    pub bind: String,
    pub port: u16,
    pub drafts: bool,
    pub open: bool,
}

/// One build error as the browser overlay shows it.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct ErrorView {
    pub location: Option<String>,
    pub message: String,
    pub hint: Option<String>,
}

/// What is being served now.
struct Current {
    /// The last good site; `None` until a build has succeeded.
    output: Option<Arc<Output>>,
    base_path: String,
    errors: Vec<ErrorView>,
}

struct Server {
    root: PathBuf,
    /// Remembers the last build, so a rebuild redoes only what a change affects.
    builder: std::sync::Mutex<Builder>,
    current: RwLock<Current>,
    hub: Hub,
    /// Changes with every successful build; pages compare it on reconnect.
    build_id: AtomicU64,
    /// Whether the served site's search index is still being built: pages are served as soon
    /// as they are rendered, and the index follows (see [`Server::finish_search`]). Requests
    /// under `/search/` wait for it, so nobody is served an index older than the pages.
    search_pending: Mutex<bool>,
    search_done: Condvar,
    /// Set by the watcher as soon as files change: an index being built for a site that is
    /// already out of date is dropped, so the next build can start.
    changing: Arc<AtomicBool>,
}

/// Outcome of one build, for the terminal and the overlay.
struct Attempt {
    output: Option<Output>,
    base_path: String,
    errors: Vec<ErrorView>,
    report: String,
}

fn attempt(root: &Path, builder: &mut Builder) -> Attempt {
    let diags = Diagnostics::new();
    let built = builder.build_pages(&diags, &Silent);
    let (errors, report) = report(root, &diags);
    let base_path = built
        .as_ref()
        .map(|b| b.base_path.clone())
        .unwrap_or_default();
    Attempt {
        output: built.map(|b| b.output),
        base_path,
        errors,
        report,
    }
}

/// A build's problems, for the overlay and for the terminal.
fn report(root: &Path, diags: &Diagnostics) -> (Vec<ErrorView>, String) {
    let mut report = String::new();
    let mut errors = Vec::new();
    for d in diags.sorted() {
        report.push_str(&d.render(root));
        report.push('\n');
        if d.severity == Severity::Error {
            errors.push(ErrorView {
                location: d.location.as_ref().map(|l| l.shown(root)),
                // The overlay's blocks keep line breaks: a template's line and caret, and
                // a note such as how many other pages fail the same way, show under the
                // message as in the terminal.
                message: [Some(&d.message), d.excerpt.as_ref(), d.note.as_ref()]
                    .into_iter()
                    .flatten()
                    .map(String::as_str)
                    .collect::<Vec<_>>()
                    .join("\n"),
                hint: d.hint.clone(),
            });
        }
    }
    (errors, report)
}

impl Server {
    fn read(&self) -> std::sync::RwLockReadGuard<'_, Current> {
        self.current.read().unwrap_or_else(|p| p.into_inner())
    }

    fn hello(&self) -> String {
        let current = self.read();
        let data = serde_json::json!({"build": self.build_id.load(Ordering::SeqCst), "errors": current.errors});
        reload::event("hello", &data.to_string())
    }

    /// Rebuilds after `changed` files changed (`None`: unknown), swaps the new site in, then
    /// tells the pages.
    fn rebuild(&self, styles_only: bool, changed: Option<Vec<PathBuf>>) {
        let started = Instant::now();
        let result = {
            let mut builder = lock(&self.builder);
            if let Some(changed) = changed {
                builder.changed(changed);
            }
            attempt(&self.root, &mut builder)
        };
        eprint!("{}", result.report);
        let ok = result.output.is_some();
        {
            let mut current = write(&self.current);
            if let Some(output) = result.output {
                self.set_search_pending(true);
                current.output = Some(Arc::new(output));
                current.base_path = result.base_path;
            }
            current.errors = result.errors.clone();
        }
        let ms = started.elapsed().as_millis();
        if ok {
            let id = self.build_id.fetch_add(1, Ordering::SeqCst) + 1;
            let data = serde_json::json!({"build": id}).to_string();
            let name = if styles_only { "css" } else { "reload" };
            self.hub.broadcast(&reload::event(name, &data));
            eprintln!(
                "Rebuilt in {ms} ms; {} page(s) told to {name}",
                self.hub.count()
            );
        } else {
            let data = serde_json::json!({"errors": result.errors}).to_string();
            self.hub.broadcast(&reload::event("errors", &data));
            eprintln!("Build failed after {ms} ms; still serving the last good site");
        }
        self.finish_search();
    }

    fn set_search_pending(&self, pending: bool) {
        let mut flag = lock(&self.search_pending);
        *flag = pending;
        if !pending {
            self.search_done.notify_all();
        }
    }

    /// Builds the search index of the site being served, unless files changed meanwhile
    /// (then the next build will), and puts it in place. The pages were already served.
    fn finish_search(&self) {
        let started = Instant::now();
        let diags = Diagnostics::new();
        let files = {
            let mut builder = lock(&self.builder);
            if !builder.search_pending() {
                return;
            }
            builder.finish_search(&diags, &self.changing)
        };
        let mut current = write(&self.current);
        match files {
            Some(files) => {
                if let Some(output) = &current.output {
                    let mut output = Output::clone(output);
                    output.pages.extend(files);
                    current.output = Some(Arc::new(output));
                }
                drop(current);
                self.set_search_pending(false);
                if std::env::var_os("MATERIA_TIMINGS").is_some() {
                    eprintln!("Search index in {} ms", started.elapsed().as_millis());
                }
            }
            None if diags.has_errors() => {
                let (errors, report) = report(&self.root, &diags);
                current.errors = errors.clone();
                drop(current);
                // Nobody waits for an index that will not come; the overlay says why.
                self.set_search_pending(false);
                eprint!("{report}");
                let data = serde_json::json!({"errors": errors}).to_string();
                self.hub.broadcast(&reload::event("errors", &data));
            }
            // Files changed: the build they start will make the index.
            None => {}
        }
    }

    fn is_search_pending(&self) -> bool {
        *lock(&self.search_pending)
    }

    /// Waits, up to `until`, for the search index being rebuilt.
    fn wait_for_search(&self, until: Instant) {
        let pending = lock(&self.search_pending);
        let left = until.saturating_duration_since(Instant::now());
        let _ready = self
            .search_done
            .wait_timeout_while(pending, left, |pending| *pending);
    }

    fn handle(self: &Arc<Self>, request: tiny_http::Request) {
        if !matches!(
            request.method(),
            tiny_http::Method::Get | tiny_http::Method::Head
        ) {
            let mut response =
                tiny_http::Response::from_string("Method not allowed").with_status_code(405);
            if let Ok(allow) = tiny_http::Header::from_bytes(&b"Allow"[..], &b"GET, HEAD"[..]) {
                response.add_header(allow);
            }
            let _ignored = request.respond(response);
            return;
        }
        let url = request.url().to_string();
        if url.split('?').next() == Some(reload::EVENTS_PATH) {
            let server = Arc::clone(self);
            std::thread::spawn(move || server.stream_events(request));
            return;
        }
        let if_none_match = request
            .headers()
            .iter()
            .find(|h| h.field.equiv("If-None-Match"))
            .map(|h| h.value.as_str().to_string());
        let until = Instant::now() + SEARCH_WAIT;
        let reply = loop {
            let current = self.read();
            // Checked under the site's lock, which a new site and its pending index are
            // put in place under, so no request sees the one without the other.
            if is_search_path(&url, &current.base_path)
                && self.is_search_pending()
                && Instant::now() < until
            {
                drop(current);
                self.wait_for_search(until);
                continue;
            }
            break match &current.output {
                Some(output) => http::respond(
                    output,
                    &self.root,
                    &current.base_path,
                    &url,
                    if_none_match.as_deref(),
                    &current.errors,
                ),
                None => http::startup_error_page(&current.errors),
            };
        };
        let mut response =
            tiny_http::Response::from_data(reply.body).with_status_code(reply.status);
        for (name, value) in reply.headers {
            if let Ok(h) = tiny_http::Header::from_bytes(name.as_bytes(), value.as_bytes()) {
                response.add_header(h);
            }
        }
        // A client that hung up is not the server's problem.
        let _ignored = request.respond(response);
    }

    /// Holds one page's event stream open on its own thread. Written by hand on the raw
    /// connection, because tiny_http buffers streamed bodies and events must arrive at once.
    fn stream_events(&self, request: tiny_http::Request) {
        let rx = self.hub.subscribe(self.hello());
        let mut writer = request.into_writer();
        let head = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-cache\r\nX-Accel-Buffering: no\r\nConnection: close\r\n\r\n";
        if writer
            .write_all(head.as_bytes())
            .and_then(|()| writer.flush())
            .is_err()
        {
            return;
        }
        loop {
            let message = match rx.recv_timeout(std::time::Duration::from_secs(15)) {
                Ok(m) => m,
                // A comment line: keeps proxies from closing the stream, and finds closed pages.
                Err(std::sync::mpsc::RecvTimeoutError::Timeout) => ": keep-alive\n\n".to_string(),
                Err(std::sync::mpsc::RecvTimeoutError::Disconnected) => return,
            };
            if writer
                .write_all(message.as_bytes())
                .and_then(|()| writer.flush())
                .is_err()
            {
                return;
            }
        }
    }
}

/// Runs the server until the process is stopped. Returns an error message if it cannot start.
pub fn serve(opts: ServeOptions) -> Result<(), String> {
    let options = BuildOptions {
        drafts: opts.drafts,
        strict: false,
        ..Default::default()
    };
    // Watching starts before the first build: a file saved while it runs is rebuilt after
    // it, and later builds, which read only the files the watcher names, never miss it.
    let changing = Arc::new(AtomicBool::new(false));
    let (_watcher, changes) = watch::watch(&opts.root, Arc::clone(&changing))
        .map_err(|e| format!("cannot watch {}: {e}", opts.root.display()))?;
    let started = Instant::now();
    let mut builder = Builder::new(&opts.root, options);
    let first = attempt(&opts.root, &mut builder);
    let first_ok = first.output.is_some();
    eprint!("{}", first.report);
    let addr: SocketAddr = format!("{}:{}", opts.bind, opts.port)
        .parse()
        .map_err(|e| {
            format!(
                "`{}:{}` is not an address to listen on: {e}",
                opts.bind, opts.port
            )
        })?;
    let http =
        tiny_http::Server::http(addr).map_err(|e| format!("cannot listen on {addr}: {e}"))?;
    let http = Arc::new(http);
    let shown_addr = http
        .server_addr()
        .to_ip()
        .map_or_else(|| addr.to_string(), |a| a.to_string());
    let url = format!("http://{shown_addr}{}/", first.base_path);
    match &first.output {
        Some(_) => eprintln!(
            "Built in {} ms; serving {url}",
            started.elapsed().as_millis()
        ),
        None => eprintln!("The site did not build; serving the errors at {url} until it does"),
    }
    let server = Arc::new(Server {
        root: opts.root.clone(),
        builder: std::sync::Mutex::new(builder),
        current: RwLock::new(Current {
            output: first.output.map(Arc::new),
            base_path: first.base_path,
            errors: first.errors,
        }),
        hub: Hub::default(),
        build_id: AtomicU64::new(1),
        search_pending: Mutex::new(false),
        search_done: Condvar::new(),
        changing,
    });
    server.set_search_pending(first_ok);
    for _ in 0..WORKERS {
        let http = Arc::clone(&http);
        let server = Arc::clone(&server);
        std::thread::spawn(move || {
            while let Ok(request) = http.recv() {
                server.handle(request);
            }
        });
    }
    if opts.open {
        open_browser(&url);
    }
    let root = opts.root.canonicalize().unwrap_or(opts.root.clone());
    // The pages of the first build are served at once; its index is made now.
    server.finish_search();
    while let Ok(watch::Batch { paths, complete }) = changes.recv() {
        server.changing.store(false, Ordering::SeqCst);
        let batch: Vec<PathBuf> = paths
            .into_iter()
            .map(|p| {
                p.strip_prefix(&root)
                    .map(|r| opts.root.join(r))
                    .unwrap_or(p)
            })
            .collect();
        // What the build needs to know of: editors' swap and backup files are left out.
        let changed: Vec<PathBuf> = batch
            .iter()
            .filter(|p| {
                watch::classify(&opts.root, std::slice::from_ref(p)) != watch::Change::Ignore
            })
            .cloned()
            .collect();
        // A watcher that lost track: anything may have changed.
        let changed = complete.then_some(changed);
        match watch::classify(&opts.root, &batch) {
            _ if changed.is_none() => server.rebuild(false, None),
            // An index that was dropped for a change that turned out not to matter.
            watch::Change::Ignore => server.finish_search(),
            watch::Change::Styles => server.rebuild(true, changed),
            watch::Change::Rebuild => server.rebuild(false, changed),
        }
    }
    Ok(())
}

/// A lock's guard even if another thread panicked while holding it: every value kept under
/// these locks is replaced whole, so it is never half-updated.
fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(|p| p.into_inner())
}

fn write<T>(rw: &RwLock<T>) -> std::sync::RwLockWriteGuard<'_, T> {
    rw.write().unwrap_or_else(|p| p.into_inner())
}

/// The search page and the index files, which may wait for the index (see
/// [`Server::search_pending`]).
fn is_search_path(url: &str, base_path: &str) -> bool {
    let path = url.split(['?', '#']).next().unwrap_or("");
    path.strip_prefix(base_path)
        .is_some_and(|rest| rest == "/search" || rest.starts_with("/search/"))
}

fn open_browser(url: &str) {
    let opener = if cfg!(target_os = "macos") {
        "open"
    } else if cfg!(windows) {
        "explorer"
    } else {
        "xdg-open"
    };
    if std::process::Command::new(opener).arg(url).spawn().is_err() {
        eprintln!("Could not open a browser; visit {url}");
    }
}

#[cfg(test)]
mod tests {
    use super::report;
    use crate::diagnostics::{Diagnostic, Diagnostics};
    use std::path::Path;

    /// The overlay shows what the terminal shows: the template line with its caret and the
    /// note of how many other pages fail, under the message.
    #[test]
    fn the_overlay_carries_the_excerpt_and_the_note() {
        let diags = Diagnostics::new();
        diags.push(
            Diagnostic::error("template `a.html` failed on /a/: Field `x` is not defined")
                .at(Path::new("/site/themes/t/templates/a.html"), 2, 4)
                .maybe_excerpt(Some("  |\n2 | {{ x }}\n  |    ^".into()))
                .note("3 other pages fail the same way")
                .hint("check the variable names"),
        );
        let (errors, text) = report(Path::new("/site"), &diags);
        assert_eq!(errors.len(), 1);
        let e = &errors[0];
        assert_eq!(e.location.as_deref(), Some("themes/t/templates/a.html:2:4"));
        assert_eq!(
            e.message,
            "template `a.html` failed on /a/: Field `x` is not defined\n  |\n2 | {{ x }}\n  |    ^\n3 other pages fail the same way"
        );
        assert!(
            text.contains("2 | {{ x }}") && text.contains("= note: 3 other pages"),
            "{text}"
        );
    }
}
