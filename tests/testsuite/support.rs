//! A tiny site builder for tests: write files into a temporary site, run `materia`, read
//! what it wrote.

#![allow(dead_code)]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

pub const SITE_TOML: &str = "title = \"Test Health\"\nbase_url = \"https://example.org\"\n";

pub struct Site {
    dir: tempfile::TempDir,
}

/// What a run of `materia` did.
#[derive(Debug)]
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    #[track_caller]
    pub fn assert_ok(&self) -> &Self {
        assert_eq!(self.code, 0, "materia failed:\n{}", self.stderr);
        self
    }

    /// Said each of `said` on stderr.
    #[track_caller]
    pub fn assert_said(&self, said: &[&str]) -> &Self {
        for s in said {
            assert!(
                self.stderr.contains(s),
                "stderr lacks {s:?}:\n{}",
                self.stderr
            );
        }
        self
    }

    /// Succeeded, and said each of `said` on stderr (warnings).
    #[track_caller]
    pub fn assert_ok_saying(&self, said: &[&str]) -> &Self {
        self.assert_ok().assert_said(said)
    }

    #[track_caller]
    pub fn assert_failed(&self) -> &Self {
        assert_eq!(self.code, 1, "materia should have failed:\n{}", self.stderr);
        self
    }
}

impl Site {
    /// An empty site with a minimal `site.toml`.
    pub fn new() -> Site {
        let site = Site::bare();
        site.file("site.toml", SITE_TOML);
        site.file("content/articles/.keep", "");
        site
    }

    /// A site whose section `nerves` holds `articles` articles ("Article 1" and on, a day
    /// apart, all tagged "Nerves"), its lists split into pages of `per_page`.
    pub fn paged(per_page: usize, articles: usize) -> Site {
        let site = Site::new();
        site.file(
            "site.toml",
            &format!("{SITE_TOML}paginate_by = {per_page}\n"),
        );
        for n in 1..=articles {
            site.article(
                &format!("nerves/a{n}.md"),
                &format!("title: Article {n}\ndate: 2025-01-{n:02}\ntags: [Nerves]"),
                "Text.\n",
            );
        }
        site
    }

    /// No files at all.
    pub fn bare() -> Site {
        Site {
            dir: tempfile::tempdir().expect("temp dir"),
        }
    }

    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    pub fn path(&self, rel: &str) -> PathBuf {
        self.dir.path().join(rel)
    }

    pub fn file(&self, rel: &str, content: &str) -> &Site {
        self.bytes(rel, content.as_bytes())
    }

    pub fn bytes(&self, rel: &str, content: &[u8]) -> &Site {
        let path = self.path(rel);
        std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        std::fs::write(path, content).expect("write");
        self
    }

    /// An article with YAML front matter made of `front` (without fences) and `body`.
    pub fn article(&self, rel: &str, front: &str, body: &str) -> &Site {
        self.file(
            &format!("content/articles/{rel}"),
            &format!("---\n{front}\n---\n{body}"),
        )
    }

    pub fn run(&self, args: &[&str]) -> Run {
        let out = Command::new(env!("CARGO_BIN_EXE_materia"))
            .args(args)
            .current_dir(self.root())
            .env("SOURCE_DATE_EPOCH", "1767225600")
            .output()
            .expect("run materia");
        Run {
            code: out.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        }
    }

    /// `materia build --root <site>` (output in `<site>/public`).
    pub fn build(&self) -> Run {
        let root = self.root().to_string_lossy().into_owned();
        self.run(&["build", "--root", &root])
    }

    pub fn build_with(&self, extra: &[&str]) -> Run {
        let root = self.root().to_string_lossy().into_owned();
        let mut args = vec!["build", "--root", root.as_str()];
        args.extend_from_slice(extra);
        self.run(&args)
    }

    /// A file of the output, as text.
    #[track_caller]
    pub fn read(&self, rel: &str) -> String {
        let path = self.path("public").join(rel);
        std::fs::read_to_string(&path)
            .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
    }

    pub fn exists(&self, rel: &str) -> bool {
        self.path("public").join(rel).exists()
    }

    /// Every file under `dir` (relative to the site) with its bytes.
    pub fn tree(&self, dir: &str) -> BTreeMap<String, Vec<u8>> {
        tree(&self.path(dir))
    }
}

pub fn tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut files = BTreeMap::new();
    for entry in walkdir::WalkDir::new(dir).sort_by_file_name() {
        let entry = entry.expect("walk");
        if entry.file_type().is_file() {
            let rel = entry
                .path()
                .strip_prefix(dir)
                .expect("prefix")
                .to_string_lossy()
                .into_owned();
            files.insert(rel, std::fs::read(entry.path()).expect("read"));
        }
    }
    files
}

/// Every JSON-LD object in a page.
pub fn json_ld(html: &str) -> Vec<serde_json::Value> {
    let open = "<script type=\"application/ld+json\">";
    html.split(open)
        .skip(1)
        .map(|rest| {
            let json = rest.split("</script>").next().expect("closed script");
            serde_json::from_str(json).unwrap_or_else(|e| panic!("bad JSON-LD {e}: {json}"))
        })
        .collect()
}

/// The JSON-LD object of a given `@type`.
#[track_caller]
pub fn json_ld_of(html: &str, kind: &str) -> serde_json::Value {
    json_ld(html)
        .into_iter()
        .find(|v| v["@type"] == kind)
        .unwrap_or_else(|| panic!("no {kind} JSON-LD in page"))
}

/// The article body only (between the prose wrapper and the references/disclaimer).
pub fn article_body(html: &str) -> &str {
    let start = html.find("article-body").expect("article body");
    let rest = &html[start..];
    let end = rest
        .find("class=\"references\"")
        .or_else(|| rest.find("class=\"callout disclaimer\""))
        .or_else(|| rest.find("</article>"))
        .unwrap_or(rest.len());
    &rest[..end]
}

pub const SYMPTOM_PARESTHESIA: &str =
    "name: Paresthesia\naliases: [pins and needles, tingling]\nsummary: Tingling skin.\n";
pub const SUPPLEMENT_B12: &str = "name: Vitamin B12\naliases: [cobalamin]\nsummary: A vitamin.\nlinks: [\"https://shop.example/collections/b12\"]\n";

/// A running `materia serve`, stopped when dropped.
pub struct Served {
    child: std::process::Child,
    pub addr: String,
    pub log: std::sync::mpsc::Receiver<String>,
}

/// A raw HTTP response.
#[derive(Debug)]
pub struct Http {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: String,
}

impl Http {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

impl Site {
    /// Starts `materia serve --port 0` on this site and waits until it listens.
    #[allow(clippy::zombie_processes)] // `Served`'s drop kills and waits for it.
    pub fn serve(&self) -> Served {
        use std::io::BufRead;
        let mut child = Command::new(env!("CARGO_BIN_EXE_materia"))
            .args(["serve", "--port", "0", "--root"])
            .arg(self.root())
            .stderr(std::process::Stdio::piped())
            .stdout(std::process::Stdio::null())
            .spawn()
            .expect("start materia serve");
        let stderr = child.stderr.take().expect("stderr");
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            for line in std::io::BufReader::new(stderr)
                .lines()
                .map_while(Result::ok)
            {
                if tx.send(line).is_err() {
                    return;
                }
            }
        });
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
        loop {
            let line = rx
                .recv_timeout(deadline.saturating_duration_since(std::time::Instant::now()))
                .expect("materia serve did not say where it listens");
            if let Some(i) = line.find("http://") {
                let url = &line[i + "http://".len()..];
                let addr = url.split('/').next().expect("address").to_string();
                return Served {
                    child,
                    addr,
                    log: rx,
                };
            }
        }
    }
}

impl Drop for Served {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Served {
    /// `GET path` with the path sent exactly as given (no client-side normalisation).
    pub fn get(&self, path: &str) -> Http {
        self.get_with(path, &[])
    }

    pub fn get_with(&self, path: &str, headers: &[(&str, &str)]) -> Http {
        use std::io::{Read, Write};
        let mut stream = std::net::TcpStream::connect(&self.addr).expect("connect");
        stream
            .set_read_timeout(Some(std::time::Duration::from_secs(20)))
            .expect("timeout");
        let mut request = format!(
            "GET {path} HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n",
            self.addr
        );
        for (n, v) in headers {
            request.push_str(&format!("{n}: {v}\r\n"));
        }
        request.push_str("\r\n");
        stream.write_all(request.as_bytes()).expect("send");
        let mut raw = Vec::new();
        stream.read_to_end(&mut raw).expect("read");
        parse_http(&raw)
    }

    /// Opens the live-reload event stream; events arrive as `(name, data)`.
    pub fn events(&self) -> std::sync::mpsc::Receiver<(String, String)> {
        use std::io::{BufRead, Write};
        let mut stream = std::net::TcpStream::connect(&self.addr).expect("connect");
        stream
            .write_all(
                format!(
                    "GET /__materia/events HTTP/1.1\r\nHost: {}\r\n\r\n",
                    self.addr
                )
                .as_bytes(),
            )
            .expect("send");
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let mut name = String::new();
            let mut data = String::new();
            for line in std::io::BufReader::new(stream)
                .lines()
                .map_while(Result::ok)
            {
                if let Some(n) = line.strip_prefix("event: ") {
                    name = n.to_string();
                } else if let Some(d) = line.strip_prefix("data: ") {
                    data.push_str(d);
                } else if line.is_empty()
                    && !name.is_empty()
                    && tx
                        .send((std::mem::take(&mut name), std::mem::take(&mut data)))
                        .is_err()
                {
                    return;
                }
            }
        });
        rx
    }
}

pub fn parse_http(raw: &[u8]) -> Http {
    let text = String::from_utf8_lossy(raw).into_owned();
    let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
    let mut lines = head.lines();
    let status = lines
        .next()
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let headers = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(n, v)| (n.trim().to_string(), v.trim().to_string()))
        .collect();
    Http {
        status,
        headers,
        body: body.to_string(),
    }
}

/// Waits for the next event named `name`, skipping others.
#[track_caller]
pub fn expect_event(events: &std::sync::mpsc::Receiver<(String, String)>, name: &str) -> String {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
    loop {
        let left = deadline.saturating_duration_since(std::time::Instant::now());
        let (n, data) = events
            .recv_timeout(left)
            .unwrap_or_else(|_| panic!("no `{name}` event within 30 s"));
        if n == name {
            return data;
        }
    }
}
