//! `materia serve` as an HTTP server: content types, redirects, the 404 page, `ETag`s,
//! path traversal in every form, HEAD and other methods, `base_url` paths, the default bind
//! address, and many clients at once while the site rebuilds.

use crate::support::*;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// A site with an article, a symptom and a few static files.
fn site() -> Site {
    let site = Site::new();
    site.file("content/symptoms/paresthesia.yaml", SYMPTOM_PARESTHESIA)
        .article(
            "guide.md",
            "title: Guide\ndate: 2024-05-01",
            "The first text mentions tingling.\n",
        );
    site
}

/// Sends `request` (a whole raw request) and returns every byte the server sent back.
fn exchange(addr: &str, request: &str) -> std::io::Result<Vec<u8>> {
    let mut stream = std::net::TcpStream::connect(addr)?;
    stream.set_read_timeout(Some(Duration::from_secs(20)))?;
    stream.write_all(request.as_bytes())?;
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw)?;
    Ok(raw)
}

/// `method path` with `Connection: close`, and an optional body.
fn request(addr: &str, method: &str, path: &str, body: &str) -> Http {
    let mut text = format!("{method} {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n");
    if !body.is_empty() {
        text.push_str(&format!("Content-Length: {}\r\n", body.len()));
    }
    text.push_str("\r\n");
    text.push_str(body);
    parse_http(&exchange(addr, &text).expect("request"))
}

#[test]
fn every_kind_of_file_gets_its_content_type() {
    let site = site();
    let png: &[u8] = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\xff\xfe";
    let jpg: &[u8] = b"\xff\xd8\xff\xe0\0\x10JFIF\0\xff\xd9";
    let webp: &[u8] = b"RIFF\x1a\0\0\0WEBPVP8 \xff\x00\x80";
    let woff2: &[u8] = b"wOF2\0\x01\0\0\xde\xad\xbe\xef\x80";
    site.file("content/static/extra.css", "body { color: red }")
        .file("content/static/app.js", "console.log(1);")
        .file("content/static/data.json", "{\"a\": 1}")
        .file(
            "content/static/icon.svg",
            "<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
        )
        .file("content/static/extra.xml", "<extra/>")
        .bytes("content/static/logo.png", png)
        .bytes("content/static/photo.jpg", jpg)
        .bytes("content/static/photo.webp", webp)
        .bytes("content/static/fonts/body.woff2", woff2);
    let served = site.serve();

    for (path, ctype) in [
        ("/", "text/html; charset=utf-8"),
        ("/articles/guide/", "text/html; charset=utf-8"),
        ("/style.css", "text/css; charset=utf-8"),
        ("/extra.css", "text/css; charset=utf-8"),
        ("/app.js", "text/javascript; charset=utf-8"),
        ("/data.json", "application/json"),
        ("/icon.svg", "image/svg+xml"),
        ("/extra.xml", "application/xml"),
        ("/sitemap.xml", "application/xml"),
        ("/atom.xml", "application/xml"),
    ] {
        let r = served.get(path);
        assert_eq!(r.status, 200, "{path}");
        assert_eq!(r.header("Content-Type"), Some(ctype), "{path}");
    }
    assert!(served.get("/extra.css").body.contains("color: red"));
    assert!(served.get("/app.js").body.contains("console.log(1);"));
    assert!(served.get("/sitemap.xml").body.contains("<urlset"));
    assert!(served.get("/atom.xml").body.contains("<feed"));

    for (path, ctype, bytes) in [
        ("/logo.png", "image/png", png),
        ("/photo.jpg", "image/jpeg", jpg),
        ("/photo.webp", "image/webp", webp),
        ("/fonts/body.woff2", "font/woff2", woff2),
    ] {
        let r = served.get(path);
        assert_eq!(r.status, 200, "{path}");
        assert_eq!(r.header("Content-Type"), Some(ctype), "{path}");
        let length = bytes.len().to_string();
        assert_eq!(r.header("Content-Length"), Some(length.as_str()), "{path}");
    }
}

#[test]
fn a_folder_without_its_slash_redirects() {
    let site = site();
    let served = site.serve();
    let r = served.get("/symptoms");
    assert_eq!(r.status, 301);
    assert_eq!(r.header("Location"), Some("/symptoms/"));
    let r = served.get("/symptoms/paresthesia?from=home");
    assert_eq!(r.status, 301);
    assert_eq!(
        r.header("Location"),
        Some("/symptoms/paresthesia/?from=home")
    );
    let r = served.get("/symptoms/index.html");
    assert_eq!(r.status, 200);
    assert!(r.body.contains("Paresthesia"), "{}", r.body);
    assert_eq!(served.get("/symptoms/").status, 200);
}

#[test]
fn a_missing_page_gets_the_sites_404_page() {
    let site = site();
    let served = site.serve();
    for path in ["/no/such/page/", "/nope.css", "/articles/nope"] {
        let r = served.get(path);
        assert_eq!(r.status, 404, "{path}");
        assert_eq!(
            r.header("Content-Type"),
            Some("text/html; charset=utf-8"),
            "{path}"
        );
        assert!(
            r.body.contains("Sorry, we could not find that page."),
            "{path}: not the theme's 404 page:\n{}",
            r.body
        );
        assert!(r.body.contains("Page not found"), "{path}");
    }
}

#[test]
fn etag_gives_304_until_the_page_changes() {
    let site = site();
    let served = site.serve();
    let first = served.get("/articles/guide/");
    assert_eq!(first.status, 200);
    let tag = first.header("ETag").expect("an ETag").to_string();

    let again = served.get_with("/articles/guide/", &[("If-None-Match", &tag)]);
    assert_eq!(again.status, 304);
    assert!(again.body.is_empty(), "{}", again.body);
    assert_eq!(again.header("ETag"), Some(tag.as_str()));

    let events = served.events();
    expect_event(&events, "hello");
    site.article(
        "guide.md",
        "title: Guide\ndate: 2024-05-01",
        "The second text mentions tingling.\n",
    );
    expect_event(&events, "reload");
    let changed = served.get_with("/articles/guide/", &[("If-None-Match", &tag)]);
    assert_eq!(changed.status, 200);
    assert!(changed.body.contains("The second text"), "{}", changed.body);
    let new_tag = changed.header("ETag").expect("an ETag");
    assert_ne!(new_tag, tag);
}

/// A site with secrets where a server must never look: `secret.txt` in the site's folder
/// (not part of the output), a file next to the site's folder, and markers in the sources.
struct Trap {
    site: Site,
    /// In the site folder's parent; removed when dropped.
    outside: tempfile::NamedTempFile,
    /// In every secret, never in any page.
    marker: String,
}

impl Trap {
    fn new() -> Trap {
        let site = site();
        let parent = site.root().parent().expect("a parent").to_path_buf();
        let outside = tempfile::Builder::new()
            .prefix("materia-secret-")
            .suffix(".txt")
            .tempfile_in(&parent)
            .expect("secret next to the site");
        let marker = format!("TOP-SECRET-{}", Trap::name_of(outside.path()));
        std::fs::write(outside.path(), &marker).expect("write secret");
        site.file("secret.txt", &marker)
            .file("site.toml", &format!("{SITE_TOML}# {marker}\n"))
            .article(
                "guide.md",
                &format!("title: Guide\ndate: 2024-05-01\n# {marker}"),
                "The first text mentions tingling.\n",
            );
        Trap {
            site,
            outside,
            marker,
        }
    }

    fn name_of(path: &Path) -> String {
        path.file_name()
            .expect("a name")
            .to_string_lossy()
            .into_owned()
    }

    /// The outside secret's file name.
    fn out(&self) -> String {
        Trap::name_of(self.outside.path())
    }

    /// The name of the folder holding the site and the outside secret.
    fn parent(&self) -> String {
        Trap::name_of(self.outside.path().parent().expect("a parent"))
    }

    /// The outside secret's absolute path, without its leading `/`.
    fn absolute(&self) -> String {
        let path = self.outside.path().to_string_lossy().into_owned();
        path.trim_start_matches('/').to_string()
    }

    /// Serves the site and asserts that every target gets the 404 page and no secret.
    #[track_caller]
    fn assert_refused(&self, targets: &[String]) {
        let served = self.site.serve();
        let home = served.get("/");
        assert_eq!(home.status, 200, "the trap site must build:\n{}", home.body);
        assert!(!home.body.contains(&self.marker));
        for target in targets {
            let r = served.get(target);
            assert_eq!(r.status, 404, "{target} was not refused:\n{}", r.body);
            assert!(
                !r.body.contains(&self.marker),
                "{target} leaked a secret:\n{}",
                r.body
            );
            assert!(!r.body.contains("root:"), "{target} leaked /etc/passwd");
            assert!(
                r.body.contains("Sorry, we could not find that page."),
                "{target}: not the 404 page"
            );
        }
    }
}

#[test]
fn traversal_dot_dot() {
    let t = Trap::new();
    t.assert_refused(&["/../secret.txt".into(), format!("/../{}", t.out())]);
}

#[test]
fn traversal_dot_dot_twice() {
    let t = Trap::new();
    t.assert_refused(&[
        "/../../secret.txt".into(),
        format!("/../../{}/{}", t.parent(), t.out()),
        format!("/articles/../../{}", t.out()),
    ]);
}

#[test]
fn traversal_encoded_dots() {
    let t = Trap::new();
    t.assert_refused(&[
        "/%2e%2e/secret.txt".into(),
        format!("/%2e%2e/{}", t.out()),
        format!("/.%2e/{}", t.out()),
    ]);
}

#[test]
fn traversal_encoded_dots_upper_case_twice() {
    let t = Trap::new();
    t.assert_refused(&[
        "/%2E%2E/%2e%2e/secret.txt".into(),
        format!("/%2E%2E/%2e%2e/{}/{}", t.parent(), t.out()),
    ]);
}

#[test]
fn traversal_encoded_slash() {
    let t = Trap::new();
    t.assert_refused(&["/..%2fsecret.txt".into(), format!("/..%2f{}", t.out())]);
}

#[test]
fn traversal_encoded_slash_upper_case() {
    let t = Trap::new();
    t.assert_refused(&[
        "/..%2Fsecret.txt".into(),
        format!("/articles/..%2F..%2F{}", t.out()),
    ]);
}

#[test]
fn traversal_backslashes() {
    let t = Trap::new();
    t.assert_refused(&[
        "/..\\secret.txt".into(),
        format!("/..\\{}", t.out()),
        format!("/articles\\..\\..\\{}", t.out()),
    ]);
}

#[test]
fn traversal_encoded_backslashes() {
    let t = Trap::new();
    t.assert_refused(&[
        "/%5c..%5csecret.txt".into(),
        format!("/%5C..%5C{}", t.out()),
    ]);
}

#[test]
fn traversal_double_slash() {
    let t = Trap::new();
    t.assert_refused(&["//etc/passwd".into(), format!("//{}", t.absolute())]);
}

#[test]
fn traversal_absolute_path() {
    let t = Trap::new();
    t.assert_refused(&["/etc/passwd".into(), format!("/{}", t.absolute())]);
}

#[test]
fn traversal_absolute_form_target() {
    let t = Trap::new();
    t.assert_refused(&[
        "http://x/../secret.txt".into(),
        format!("http://x/../{}", t.out()),
        format!("http://127.0.0.1/../../{}/{}", t.parent(), t.out()),
    ]);
}

#[test]
fn traversal_nul_byte() {
    let t = Trap::new();
    t.assert_refused(&[
        "/secret.txt%00".into(),
        "/secret.txt%00.html".into(),
        format!("/..%00/{}", t.out()),
    ]);
}

#[test]
fn site_files_that_are_not_output_are_not_served() {
    let t = Trap::new();
    t.assert_refused(&[
        "/secret.txt".into(),
        "/site.toml".into(),
        "/content/articles/guide.md".into(),
        "/articles/guide.md".into(),
        "/content/symptoms/paresthesia.yaml".into(),
    ]);
}

#[test]
fn a_symlink_to_a_file_outside_the_site_is_not_served() {
    let t = Trap::new();
    std::fs::create_dir_all(t.site.path("content/static")).expect("mkdir");
    std::os::unix::fs::symlink(t.outside.path(), t.site.path("content/static/leak.txt"))
        .expect("symlink");
    // The control: a link to a file inside the site's folder is followed and served, so the
    // refusal above is the server's check, not a file missing from the output.
    t.site.file("notes/inside.txt", "inside the site");
    std::os::unix::fs::symlink(
        t.site.path("notes/inside.txt"),
        t.site.path("content/static/inside.txt"),
    )
    .expect("symlink");
    t.assert_refused(&["/leak.txt".into()]);
    let served = t.site.serve();
    let inside = served.get("/inside.txt");
    assert_eq!(inside.status, 200);
    assert_eq!(inside.body, "inside the site");
}

#[test]
fn a_symlink_to_a_folder_outside_the_site_is_not_served() {
    let t = Trap::new();
    let parent = t.site.root().parent().expect("a parent");
    let folder = tempfile::tempdir_in(parent).expect("outside folder");
    std::fs::write(folder.path().join("secret.txt"), &t.marker).expect("write");
    std::fs::create_dir_all(t.site.path("content/static")).expect("mkdir");
    std::os::unix::fs::symlink(folder.path(), t.site.path("content/static/shared"))
        .expect("symlink");
    t.assert_refused(&["/shared/secret.txt".into()]);
}

/// `GET path` that reports every failure instead of panicking: the status, or why there was
/// none.
fn try_get(addr: &str, path: &str) -> Result<u16, String> {
    let raw = exchange(
        addr,
        &format!("GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"),
    )
    .map_err(|e| e.to_string())?;
    match parse_http(&raw).status {
        0 => Err(format!("no status line in {} byte(s)", raw.len())),
        status => Ok(status),
    }
}

#[test]
fn many_clients_while_the_site_rebuilds() {
    const CLIENTS: usize = 64;
    const STREAMS: usize = 8;
    const MAX_REQUESTS: usize = 2_000;
    const PATHS: &[&str] = &[
        "/",
        "/articles/guide/",
        "/articles/",
        "/symptoms/",
        "/symptoms/paresthesia/",
        "/search/",
        "/style.css",
        "/extra.css",
        "/logo.png",
        "/sitemap.xml",
        "/atom.xml",
        "/articles/guide/index.html",
    ];
    let site = site();
    site.file("content/static/extra.css", "body { color: red }")
        .bytes("content/static/logo.png", b"\x89PNG\r\n\x1a\n\0\0\0\0");
    let served = site.serve();
    assert!(served.addr.starts_with("127.0.0.1:"), "{}", served.addr);
    for path in PATHS {
        assert_eq!(served.get(path).status, 200, "{path} before the load");
    }
    let streams: Vec<_> = (0..STREAMS)
        .map(|_| {
            let events = served.events();
            expect_event(&events, "hello");
            events
        })
        .collect();

    let deadline = Instant::now() + Duration::from_secs(10);
    let addr = served.addr.clone();
    let staged: PathBuf = site.path("guide.md.next");
    let article: PathBuf = site.path("content/articles/guide.md");
    let started = Instant::now();
    let (results, reloads, rewrites) = std::thread::scope(|scope| {
        let rewriter = scope.spawn(|| {
            let mut n = 0;
            while Instant::now() < deadline {
                std::thread::sleep(Duration::from_millis(200));
                n += 1;
                // Written beside the site, then renamed in: the build never sees half a file.
                std::fs::write(
                    &staged,
                    format!("---\ntitle: Guide\ndate: 2024-05-01\n---\nRewrite {n} mentions tingling.\n"),
                )
                .expect("stage");
                std::fs::rename(&staged, &article).expect("rename");
            }
            n
        });
        let holders: Vec<_> = streams
            .into_iter()
            .map(|events| {
                scope.spawn(move || {
                    let mut reloads = 0;
                    while let Some(left) = deadline.checked_duration_since(Instant::now()) {
                        match events.recv_timeout(left) {
                            Ok((name, _)) if name == "reload" => reloads += 1,
                            Ok(_) => {}
                            Err(_) => break,
                        }
                    }
                    reloads
                })
            })
            .collect();
        let clients: Vec<_> = (0..CLIENTS - STREAMS)
            .map(|i| {
                let addr = addr.clone();
                scope.spawn(move || {
                    let mut failures = Vec::new();
                    let mut n = 0;
                    while n < MAX_REQUESTS && Instant::now() < deadline {
                        let path = PATHS[(i + n) % PATHS.len()];
                        match try_get(&addr, path) {
                            Ok(200) => {}
                            Ok(status) => failures.push(format!("{path}: status {status}")),
                            Err(e) => failures.push(format!("{path}: {e}")),
                        }
                        n += 1;
                    }
                    (n, failures)
                })
            })
            .collect();
        let results: Vec<(usize, Vec<String>)> = clients
            .into_iter()
            .map(|c| c.join().expect("client thread"))
            .collect();
        println!(
            "the clients were done after {:.1} s",
            started.elapsed().as_secs_f64()
        );
        let reloads: Vec<usize> = holders
            .into_iter()
            .map(|h| h.join().expect("holder thread"))
            .collect();
        (results, reloads, rewriter.join().expect("rewriter thread"))
    });

    let requests: usize = results.iter().map(|(n, _)| n).sum();
    let failures: Vec<&String> = results.iter().flat_map(|(_, f)| f).collect();
    println!(
        "{requests} requests from {} clients, {} failed; {rewrites} rewrites; reloads per stream: {reloads:?}",
        CLIENTS - STREAMS,
        failures.len()
    );
    assert!(
        failures.is_empty(),
        "{} of {requests} requests failed, first ones: {:#?}",
        failures.len(),
        &failures[..failures.len().min(10)]
    );
    assert!(
        results.iter().all(|(n, _)| *n > 0),
        "a client made no request"
    );
    assert!(
        reloads.iter().all(|r| *r > 0),
        "a stream saw no reload: {reloads:?}"
    );
    let page = served.get("/articles/guide/");
    assert_eq!(page.status, 200);
    assert!(page.body.contains("Rewrite "), "{}", page.body);
}

#[test]
fn serves_on_loopback_by_default() {
    let site = site();
    let served = site.serve();
    assert!(
        served.addr.starts_with("127.0.0.1:"),
        "serving on {}",
        served.addr
    );
    assert_eq!(served.get("/").status, 200);
}

#[test]
fn a_base_url_path_is_served_under_that_path() {
    let site = site();
    site.file(
        "site.toml",
        "title = \"Test Health\"\nbase_url = \"https://example.org/kb\"\n",
    );
    let served = site.serve();
    let home = served.get("/kb/");
    assert_eq!(home.status, 200, "{}", home.body);
    assert!(home.body.contains("href=\"/kb/"), "{}", home.body);
    assert!(!home.body.contains("href=\"/articles/"), "{}", home.body);
    let page = served.get("/kb/articles/guide/");
    assert_eq!(page.status, 200);
    assert!(page.body.contains("The first text"));
    assert!(page.body.contains("href=\"/kb/style.css"), "{}", page.body);
    assert!(
        page.body.contains("href=\"/kb/symptoms/paresthesia/\""),
        "{}",
        page.body
    );
    assert_eq!(served.get("/kb/style.css").status, 200);
    assert_eq!(served.get("/kb/symptoms/paresthesia/").status, 200);
    let r = served.get("/kb/articles/guide");
    assert_eq!(r.status, 301);
    assert_eq!(r.header("Location"), Some("/kb/articles/guide/"));
    for outside in ["/articles/guide/", "/kbarticles/guide/", "/style.css"] {
        assert_eq!(served.get(outside).status, 404, "{outside}");
    }
}

#[test]
fn head_works_and_other_methods_get_405() {
    let site = site();
    let served = site.serve();
    let get = served.get("/articles/guide/");
    for path in ["/articles/guide/", "/style.css"] {
        let r = request(&served.addr, "HEAD", path, "");
        assert_eq!(r.status, 200, "HEAD {path}");
        assert!(r.body.is_empty(), "HEAD {path} sent a body: {}", r.body);
        assert!(r.header("Content-Type").is_some(), "HEAD {path}");
    }
    let head = request(&served.addr, "HEAD", "/articles/guide/", "");
    assert_eq!(head.header("ETag"), get.header("ETag"));
    assert_eq!(head.header("Content-Length"), get.header("Content-Length"));
    assert_eq!(request(&served.addr, "HEAD", "/nope/", "").status, 404);

    for method in ["POST", "PUT", "DELETE", "PATCH"] {
        let r = request(&served.addr, method, "/articles/guide/", "q=1");
        assert_eq!(r.status, 405, "{method}");
        assert!(!r.body.contains("The first text"), "{method}");
    }
    // The server still answers after refusing.
    assert_eq!(served.get("/").status, 200);
}

/// RFC 9110 §15.5.6: a 405 response MUST say which methods the resource allows.
#[test]
fn a_405_names_the_allowed_methods() {
    let site = site();
    let served = site.serve();
    let r = request(&served.addr, "POST", "/", "q=1");
    assert_eq!(r.status, 405);
    let allow = r.header("Allow").unwrap_or_default();
    assert!(
        allow.contains("GET") && allow.contains("HEAD"),
        "405 without `Allow: GET, HEAD`: {:?}",
        r.headers
    );
}
