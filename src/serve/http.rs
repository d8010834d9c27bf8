//! Answers one HTTP request from the in-memory site: content types, `ETag`/304, folder
//! redirects, the site's own 404 page, and the reload script in every HTML page.

use super::paths::{resolve, Resolved};
use super::reload;
use crate::render::Output;
use crate::theme::AssetSource;
use std::collections::hash_map::DefaultHasher;
use std::hash::{Hash, Hasher};
use std::path::Path;

/// A response, before it goes on the wire.
#[derive(Debug, PartialEq, Eq)]
pub struct Reply {
    pub status: u16,
    pub headers: Vec<(&'static str, String)>,
    pub body: Vec<u8>,
}

impl Reply {
    fn new(status: u16, content_type: &str, body: Vec<u8>) -> Reply {
        Reply {
            status,
            headers: vec![
                ("Content-Type", content_type.to_string()),
                ("Cache-Control", "no-cache".into()),
            ],
            body,
        }
    }

    pub fn text(status: u16, text: &str) -> Reply {
        Reply::new(
            status,
            "text/plain; charset=utf-8",
            text.as_bytes().to_vec(),
        )
    }
}

pub fn content_type(key: &str) -> &'static str {
    let ext = key.rsplit('.').next().unwrap_or("").to_ascii_lowercase();
    match ext.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "xml" => "application/xml",
        "txt" => "text/plain; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "avif" => "image/avif",
        "ico" => "image/x-icon",
        "woff2" => "font/woff2",
        "woff" => "font/woff",
        "pdf" => "application/pdf",
        "wasm" => "application/wasm",
        _ => "application/octet-stream",
    }
}

/// The bytes of an output file, or `None` if it is missing or, for a file copied from disk,
/// if it lies outside the site's folder (a symbolic link pointing elsewhere).
fn bytes_of(output: &Output, key: &str, root: &Path) -> Option<Vec<u8>> {
    if let Some(page) = output.pages.get(key) {
        return Some(page.to_vec());
    }
    let asset = output.assets.iter().find(|a| a.url_path == key)?;
    match &asset.source {
        AssetSource::Embedded(bytes) => Some(bytes.to_vec()),
        AssetSource::File(path) => {
            let real = path.canonicalize().ok()?;
            let site = root.canonicalize().ok()?;
            if !real.starts_with(&site) {
                return None;
            }
            std::fs::read(real).ok()
        }
    }
}

fn exists(output: &Output, key: &str) -> bool {
    output.pages.contains_key(key) || output.assets.iter().any(|a| a.url_path == key)
}

fn etag(bytes: &[u8]) -> String {
    let mut h = DefaultHasher::new();
    bytes.hash(&mut h);
    format!("\"{:016x}\"", h.finish())
}

/// Answers `GET url`. `if_none_match` is the request's header, if any. `base_path` is the
/// path part of `base_url`, under which the site is served.
pub fn respond(
    output: &Output,
    root: &Path,
    base_path: &str,
    url: &str,
    if_none_match: Option<&str>,
    errors: &[super::ErrorView],
) -> Reply {
    let local = if base_path.is_empty() {
        Some(url)
    } else {
        url.strip_prefix(base_path)
            .filter(|r| r.is_empty() || r.starts_with(['/', '?']))
    };
    let Some(local) = local else {
        return not_found(output, root, errors);
    };
    let local = if local.is_empty() || local.starts_with('?') {
        format!("/{local}")
    } else {
        local.to_string()
    };
    match resolve(&local, |k| exists(output, k)) {
        Resolved::File(key) => match bytes_of(output, &key, root) {
            Some(bytes) => {
                let ctype = content_type(&key);
                let body = if ctype.starts_with("text/html") {
                    reload::inject(&String::from_utf8_lossy(&bytes), errors).into_bytes()
                } else {
                    bytes
                };
                let tag = etag(&body);
                if if_none_match
                    .is_some_and(|v| v.split(',').any(|t| t.trim() == tag || t.trim() == "*"))
                {
                    let mut reply = Reply::new(304, ctype, Vec::new());
                    reply.headers.push(("ETag", tag));
                    return reply;
                }
                let mut reply = Reply::new(200, ctype, body);
                reply.headers.push(("ETag", tag));
                reply
            }
            None => not_found(output, root, errors),
        },
        Resolved::Redirect(to) => {
            let mut reply = Reply::text(301, "Moved");
            reply.headers.push(("Location", format!("{base_path}{to}")));
            reply
        }
        Resolved::NotFound => not_found(output, root, errors),
    }
}

fn not_found(output: &Output, root: &Path, errors: &[super::ErrorView]) -> Reply {
    match bytes_of(output, "404.html", root) {
        Some(page) => Reply::new(
            404,
            "text/html; charset=utf-8",
            reload::inject(&String::from_utf8_lossy(&page), errors).into_bytes(),
        ),
        None => Reply::text(404, "Not found"),
    }
}

/// What every path shows while the site has never built: the errors, live.
pub fn startup_error_page(errors: &[super::ErrorView]) -> Reply {
    let html = reload::inject(
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Build failed · Materia</title></head><body><h1>The site did not build</h1><p>The errors are listed over this page and in the terminal. Fix them and save: this page turns into the site.</p></body></html>",
        errors,
    );
    Reply::new(500, "text/html; charset=utf-8", html.into_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn output() -> Output {
        let mut o = Output::default();
        o.pages.insert(
            "index.html".into(),
            b"<html><body>home</body></html>".as_slice().into(),
        );
        o.pages.insert(
            "a/index.html".into(),
            b"<html><body>a</body></html>".as_slice().into(),
        );
        o.pages.insert(
            "404.html".into(),
            b"<html><body>missing</body></html>".as_slice().into(),
        );
        o.pages
            .insert("feed.xml".into(), b"<feed/>".as_slice().into());
        o
    }

    #[test]
    fn serves_pages_with_reload_script_and_types() {
        let r = respond(&output(), Path::new("/"), "", "/a/", None, &[]);
        assert_eq!(r.status, 200);
        assert!(String::from_utf8_lossy(&r.body).contains("EventSource"));
        let x = respond(&output(), Path::new("/"), "", "/feed.xml", None, &[]);
        assert_eq!(x.headers[0].1, "application/xml");
        assert_eq!(x.body, b"<feed/>");
    }

    #[test]
    fn etag_gives_304() {
        let first = respond(&output(), Path::new("/"), "", "/", None, &[]);
        let tag = first
            .headers
            .iter()
            .find(|h| h.0 == "ETag")
            .map(|h| h.1.clone());
        let again = respond(&output(), Path::new("/"), "", "/", tag.as_deref(), &[]);
        assert_eq!(again.status, 304);
        assert!(again.body.is_empty());
    }

    #[test]
    fn missing_pages_get_the_404_page() {
        let r = respond(&output(), Path::new("/"), "", "/nope/", None, &[]);
        assert_eq!(r.status, 404);
        assert!(String::from_utf8_lossy(&r.body).contains("missing"));
    }

    #[test]
    fn base_path_is_honoured() {
        assert_eq!(
            respond(&output(), Path::new("/"), "/kb", "/kb/a/", None, &[]).status,
            200
        );
        assert_eq!(
            respond(&output(), Path::new("/"), "/kb", "/kb", None, &[]).status,
            200
        );
        assert_eq!(
            respond(&output(), Path::new("/"), "/kb", "/a/", None, &[]).status,
            404
        );
        let r = respond(&output(), Path::new("/"), "/kb", "/kb/a", None, &[]);
        assert_eq!(
            r.headers
                .iter()
                .find(|h| h.0 == "Location")
                .map(|h| h.1.as_str()),
            Some("/kb/a/")
        );
    }
}
