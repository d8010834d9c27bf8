//! Maps a request path to a file of the in-memory site, refusing every way out of it:
//! `..` segments (plain or percent-encoded), encoded slashes, backslashes, NUL bytes and
//! absolute-path tricks never resolve. Pure, so every form is unit-tested without a server.

use percent_encoding::percent_decode_str;

/// What a request path means.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Resolved {
    /// An output file, by its key in the output map (`symptoms/fatigue/index.html`).
    File(String),
    /// A folder requested without its trailing slash: redirect here.
    Redirect(String),
    NotFound,
}

/// Resolves `raw` (the request target, query included) against `exists`, which tells
/// whether an output key exists.
pub fn resolve(raw: &str, exists: impl Fn(&str) -> bool) -> Resolved {
    let path = raw.split(['?', '#']).next().unwrap_or("");
    let Some(key) = clean(path) else {
        return Resolved::NotFound;
    };
    if key.is_empty() || key.ends_with('/') {
        let index = format!("{key}index.html");
        return if exists(&index) {
            Resolved::File(index)
        } else {
            Resolved::NotFound
        };
    }
    if exists(&key) {
        return Resolved::File(key);
    }
    if exists(&format!("{key}/index.html")) {
        let query = raw.find('?').map_or("", |i| &raw[i..]);
        return Resolved::Redirect(format!("/{key}/{query}"));
    }
    Resolved::NotFound
}

/// The decoded path without its leading `/`, or `None` if it is not a plain path inside the
/// site.
fn clean(path: &str) -> Option<String> {
    let rest = path.strip_prefix('/')?;
    // Encoded separators would let `..%2f` smuggle a segment past the split below.
    let lower = rest.to_ascii_lowercase();
    if lower.contains("%2f") || lower.contains("%5c") || lower.contains("%00") {
        return None;
    }
    let decoded = percent_decode_str(rest).decode_utf8().ok()?;
    if decoded.contains('\\') || decoded.contains('\0') || decoded.starts_with('/') {
        return None;
    }
    let mut segments = Vec::new();
    let trailing = decoded.ends_with('/');
    for seg in decoded.split('/') {
        match seg {
            "" => {}
            "." | ".." => return None,
            s if s.contains(':') => return None,
            s => segments.push(s),
        }
    }
    let mut key = segments.join("/");
    if trailing && !key.is_empty() {
        key.push('/');
    }
    Some(key)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site(key: &str) -> bool {
        matches!(
            key,
            "index.html"
                | "style.css"
                | "symptoms/index.html"
                | "symptoms/fatigue/index.html"
                | "a b.txt"
        )
    }

    #[test]
    fn pages_and_files_resolve() {
        assert_eq!(resolve("/", site), Resolved::File("index.html".into()));
        assert_eq!(
            resolve("/style.css?v=2", site),
            Resolved::File("style.css".into())
        );
        assert_eq!(
            resolve("/symptoms/fatigue/", site),
            Resolved::File("symptoms/fatigue/index.html".into())
        );
        assert_eq!(
            resolve("/symptoms/fatigue/index.html", site),
            Resolved::File("symptoms/fatigue/index.html".into())
        );
        assert_eq!(
            resolve("/a%20b.txt", site),
            Resolved::File("a b.txt".into())
        );
    }

    #[test]
    fn folders_without_slash_redirect() {
        assert_eq!(
            resolve("/symptoms", site),
            Resolved::Redirect("/symptoms/".into())
        );
        assert_eq!(
            resolve("/symptoms/fatigue?x=1", site),
            Resolved::Redirect("/symptoms/fatigue/?x=1".into())
        );
    }

    #[test]
    fn traversal_never_resolves() {
        for attack in [
            "/../etc/passwd",
            "/symptoms/../../etc/passwd",
            "/%2e%2e/etc/passwd",
            "/%2E%2E/%2E%2E/etc/passwd",
            "/..%2fetc%2fpasswd",
            "/symptoms/..%2F..%2Fetc/passwd",
            "/..\\..\\etc\\passwd",
            "/%5c..%5cetc",
            "//etc/passwd",
            "/%2fetc/passwd",
            "/C:/Windows/win.ini",
            "/style.css%00.html",
            "etc/passwd",
            "/./style.css",
        ] {
            assert_eq!(resolve(attack, |_| true), Resolved::NotFound, "{attack}");
        }
    }
}
