//! The first stage: finds and reads every input file of a site (settings, articles,
//! records, static files, theme) into memory, checking that each is UTF-8 text. Nothing is
//! parsed here beyond `site.toml`, so every later stage works on strings, not on the disk.

use crate::config::SiteConfig;
use crate::diagnostics::{Diagnostic, Diagnostics, LineIndex};
use crate::theme::{self, Asset, AssetSource, ThemeSources};
use rayon::prelude::*;
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// One text file of the site, as read from disk.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// The path as found (root joined with the relative path): used in messages.
    pub path: PathBuf,
    /// Relative to its collection folder (`content/articles`, …), `/`-separated.
    pub rel: String,
    /// Shared, so that a rebuild keeps the files that did not change without copying them.
    /// An `Arc<String>`, not an `Arc<str>`: making that copied every file once more (1 % of
    /// a build).
    pub text: Arc<String>,
    /// [`crate::article::text_hash`] of `text`, made once when the file is read.
    pub hash: u64,
    /// What the load stage changed in the text (see [`SourceFile::new`]), said again by
    /// every build that uses the file, reused or not.
    pub warning: Option<Diagnostic>,
}

impl SourceFile {
    /// The file, its invisible control characters written as spaces: no HTML page may hold
    /// them and no XML feed or sitemap may, so one stray vertical tab pasted from a word
    /// processor would make every feed reader refuse the whole feed. Each is replaced by
    /// as many spaces as it has bytes, so every line and column stays where it was.
    pub fn new(path: PathBuf, rel: String, text: String) -> SourceFile {
        let (text, warning) = match without_controls(&text) {
            None => (text, None),
            Some((clean, first, c, count)) => {
                let (line, col) = LineIndex::new(&text).position(first);
                let more = match count {
                    1 => String::new(),
                    n => format!(", and {} more like it in this file", n - 1),
                };
                let warning = Diagnostic::warning(format!(
                    "invisible control character U+{:04X} in the text, written as a space{more}",
                    u32::from(c)
                ))
                .at(&path, line, col)
                .hint("delete it: text pasted from a word processor or a PDF often carries such characters");
                (clean, Some(warning))
            }
        };
        SourceFile {
            hash: crate::article::text_hash(&text),
            path,
            rel,
            text: Arc::new(text),
            warning,
        }
    }
}

/// Whether HTML and XML forbid `c` in a document: C0 controls but tab, line feed and
/// carriage return; DEL and the C1 controls; the noncharacters U+FDD0-U+FDEF, U+FFFE and
/// U+FFFF.
pub(crate) fn forbidden(c: char) -> bool {
    matches!(c, '\0'..='\u{8}' | '\u{b}' | '\u{c}' | '\u{e}'..='\u{1f}' | '\u{7f}'..='\u{9f}' | '\u{fdd0}'..='\u{fdef}' | '\u{fffe}' | '\u{ffff}')
}

/// `s` with each [`forbidden`] character written as one space, or `None` when it has none:
/// for the values that only exist once a text is parsed (an escape in a YAML string, a
/// character reference in Markdown), whose offsets need not stay where they were.
pub(crate) fn forbidden_as_spaces(s: &str) -> Option<String> {
    s.contains(forbidden).then(|| {
        s.chars()
            .map(|c| if forbidden(c) { ' ' } else { c })
            .collect()
    })
}

/// `text` with each [`forbidden`] character replaced by a space per byte, the offset of the
/// first, that character and how many there were; `None` when there is none (nearly always:
/// only then is the text read character by character).
pub(crate) fn without_controls(text: &str) -> Option<(String, usize, char, usize)> {
    // Every forbidden character starts with one of these bytes: below a space, DEL, 0xC2
    // (U+0080-U+00BF) or 0xEF (U+F000-U+FFFF). A fold over every byte, which the compiler
    // vectorises; most texts have none of them but for the line ends.
    let maybe = |b: u8| {
        (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r')) | (b == 0x7f) | (b == 0xc2) | (b == 0xef)
    };
    if !text.bytes().fold(false, |any, b| any | maybe(b)) {
        return None;
    }
    // Texts with a no-break space, "µg" or "°C" get here too: look before copying.
    let (first, c) = text.char_indices().find(|&(_, c)| forbidden(c))?;
    let mut count = 0;
    let mut clean = String::with_capacity(text.len());
    clean.push_str(&text[..first]);
    for c in text[first..].chars() {
        if forbidden(c) {
            count += 1;
            clean.extend(std::iter::repeat_n(' ', c.len_utf8()));
        } else {
            clean.push(c);
        }
    }
    Some((clean, first, c, count))
}

/// What a rebuild may take from the last load instead of reading it again: its files, but
/// for those a watcher said changed.
pub struct Reuse<'a> {
    pub last: &'a Sources,
    pub changed: &'a HashSet<PathBuf>,
}

/// Everything a build reads, in memory.
#[derive(Debug, Clone)]
pub struct Sources {
    pub root: PathBuf,
    pub config: SiteConfig,
    pub home: Option<SourceFile>,
    pub articles: Vec<SourceFile>,
    pub symptoms: Vec<SourceFile>,
    pub supplements: Vec<SourceFile>,
    /// `content/authors/`: records of the people articles credit.
    pub people: Vec<SourceFile>,
    /// `content/pages/`: standalone pages (about, editorial policy, contact).
    pub pages: Vec<SourceFile>,
    /// `content/static/` and the theme's `static/`, content first so it wins on conflicts.
    pub assets: Vec<Asset>,
    /// The width and height of each picture among `assets`, by its `url_path`.
    pub picture_sizes: HashMap<String, (u32, u32)>,
    pub theme: ThemeSources,
    pub unread: Unread,
}

/// Content files by collection, each as its path in the collection's folder: those that
/// could not be read as text (not UTF-8, not readable), in [`Sources::unread`]. The build
/// then fails, but reads on to report the other files' problems (see
/// [`crate::parse::Unparsed`]).
#[derive(Debug, Clone, Default)]
pub struct Unread {
    pub articles: Vec<String>,
    pub symptoms: Vec<String>,
    pub supplements: Vec<String>,
    pub people: Vec<String>,
    pub pages: Vec<String>,
}

/// Reads a file as UTF-8 text, or explains where it is not.
pub fn read_text(path: &Path) -> Result<String, Diagnostic> {
    let bytes = std::fs::read(path).map_err(|e| {
        Diagnostic::error(format!("cannot read `{}`: {e}", path.display())).in_file(path)
    })?;
    match String::from_utf8(bytes) {
        Ok(mut text) => {
            if text.starts_with('\u{feff}') {
                text.drain(..3);
            }
            Ok(text)
        }
        Err(e) => {
            let valid = e.utf8_error().valid_up_to();
            let bytes = e.into_bytes();
            let prefix = String::from_utf8_lossy(&bytes[..valid]).into_owned();
            let (line, col) = LineIndex::new(&prefix).position(prefix.len());
            Err(Diagnostic::error("file is not valid UTF-8 text")
                .at(path, line, col)
                .hint("save the file as UTF-8 (most editors have an \"encoding\" option)"))
        }
    }
}

/// Loads the site at `root`. Returns `None` when nothing useful can be loaded (no
/// `site.toml` or it is invalid); every problem found is in `diags`.
pub fn load(root: &Path, diags: &Diagnostics) -> Option<Sources> {
    load_reusing(root, diags, None)
}

/// [`load`], taking unchanged articles and records from `reuse`. Folders are still walked,
/// so added, deleted and renamed files are found as in a full load.
pub fn load_reusing(root: &Path, diags: &Diagnostics, reuse: Option<Reuse>) -> Option<Sources> {
    let site_toml = root.join("site.toml");
    if !site_toml.is_file() {
        diags.push(
            Diagnostic::error(format!("no site.toml in `{}`", root.display()))
                .hint("run materia in a site's folder, or pass `--root DIR`"),
        );
        return None;
    }
    let config = match read_text(&site_toml)
        .map_err(|d| vec![d])
        .and_then(|t| SiteConfig::parse(&t, &site_toml).map(|c| (c, t)))
    {
        Ok((c, text)) => {
            diags.extend(c.untranslated_warning(&text, &site_toml));
            Some(c)
        }
        Err(d) => {
            diags.extend(d);
            None
        }
    };
    let content = root.join("content");
    if !content.is_dir() {
        diags.push(
            Diagnostic::error("no content/ folder")
                .in_file(&site_toml)
                .hint("create `content/articles/` and put Markdown articles in it"),
        );
    }
    let reused = |files: fn(&Sources) -> &Vec<SourceFile>| {
        reuse.as_ref().map(|r| Reused {
            files: files(r.last)
                .iter()
                .map(|f| (f.path.as_path(), f))
                .collect(),
            changed: r.changed,
        })
    };
    let articles_dir = content.join("articles");
    let mut unread = Unread::default();
    let (articles, beside_articles) = read_collection(
        &articles_dir,
        diags,
        article_role,
        reused(|s| &s.articles),
        &mut unread.articles,
    );
    let record = |name: &str| {
        let known = Path::new(name)
            .extension()
            .and_then(|e| e.to_str())
            .and_then(crate::structured::Format::from_extension)
            .is_some();
        if known {
            Role::Source
        } else {
            Role::Stray
        }
    };
    let (symptoms, _) = read_collection(
        &content.join("symptoms"),
        diags,
        record,
        reused(|s| &s.symptoms),
        &mut unread.symptoms,
    );
    let (supplements, _) = read_collection(
        &content.join("supplements"),
        diags,
        record,
        reused(|s| &s.supplements),
        &mut unread.supplements,
    );
    let (people, _) = read_collection(
        &content.join("authors"),
        diags,
        record,
        reused(|s| &s.people),
        &mut unread.people,
    );
    let pages_dir = content.join("pages");
    let (pages, beside_pages) = read_collection(
        &pages_dir,
        diags,
        page_role,
        reused(|s| &s.pages),
        &mut unread.pages,
    );
    warn_unsupported(&content, diags);
    let home_path = content.join("_index.md");
    let home = home_path
        .is_file()
        .then(|| read_text(&home_path))
        .and_then(|r| match r {
            Ok(text) => {
                let home = SourceFile::new(home_path.clone(), "_index.md".into(), text);
                diags.extend(home.warning.clone());
                Some(home)
            }
            Err(d) => {
                diags.push(d);
                None
            }
        });
    let config = config?;
    let theme = theme::load(
        root,
        &config.theme,
        crate::words::Language::of(&config.language),
        diags,
    );
    let static_dir = content.join("static");
    let mut assets: Vec<Asset> = theme::walk_static(&static_dir, diags)
        .into_iter()
        .filter_map(|path| {
            let rel = path.strip_prefix(&static_dir).ok()?;
            Some(Asset {
                url_path: rel.to_string_lossy().replace('\\', "/"),
                source: AssetSource::File(path.clone()),
            })
        })
        .collect();
    // Pictures and documents beside the articles and pages are published beside them.
    publish_beside(
        &mut assets,
        beside_articles,
        &articles_dir,
        "articles/",
        "the articles",
        diags,
    );
    publish_beside(
        &mut assets,
        beside_pages,
        &pages_dir,
        "",
        "the pages",
        diags,
    );
    for asset in &theme.assets {
        if !assets.iter().any(|a| a.url_path == asset.url_path) {
            assets.push(asset.clone());
        }
    }
    let picture_sizes = picture_sizes(&assets, reuse.as_ref());
    Some(Sources {
        root: root.to_path_buf(),
        config,
        home,
        articles,
        symptoms,
        supplements,
        people,
        pages,
        assets,
        picture_sizes,
        theme,
        unread,
    })
}

/// The sizes of the pictures among `assets`, each read from its file's first bytes unless
/// `reuse` has it from a load in which the file was the same.
fn picture_sizes(assets: &[Asset], reuse: Option<&Reuse>) -> HashMap<String, (u32, u32)> {
    assets
        .par_iter()
        .filter_map(|asset| {
            let AssetSource::File(path) = &asset.source else {
                return None;
            };
            if !crate::pictures::is_picture(&asset.url_path) {
                return None;
            }
            let known = reuse
                .filter(|r| !r.changed.contains(path))
                .and_then(|r| r.last.picture_sizes.get(&asset.url_path).copied());
            let size = known.or_else(|| crate::pictures::size(path))?;
            Some((asset.url_path.clone(), size))
        })
        .collect()
}

/// A collection's files from the last load, by path, and the paths that changed since.
struct Reused<'a> {
    files: HashMap<&'a Path, &'a SourceFile>,
    changed: &'a HashSet<PathBuf>,
}

/// What a file of a collection's folder is to the site.
enum Role {
    /// Read as an article or record.
    Source,
    /// Published as it is, at its path under the folder (pictures and documents beside the
    /// articles that show them, as an editor's preview finds them).
    Asset,
    /// Neither: a typo in the extension, or a file in the wrong folder. Warned about.
    Stray,
    /// Skipped without a word.
    Ignored,
}

/// Reads the files of `dir` that `role` takes for sources; returns them, and the paths of
/// the files it takes for assets.
fn read_collection(
    dir: &Path,
    diags: &Diagnostics,
    role: impl Fn(&str) -> Role,
    reused: Option<Reused>,
    unread: &mut Vec<String>,
) -> (Vec<SourceFile>, Vec<PathBuf>) {
    let mut assets = Vec::new();
    let paths: Vec<PathBuf> = theme::walk_files(dir, diags)
        .into_iter()
        .filter(|p| {
            let name = p.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
            match role(&name) {
                Role::Source => return true,
                Role::Asset => assets.push(p.clone()),
                Role::Ignored => {}
                Role::Stray => diags.push(
                    Diagnostic::warning(format!("`{name}` is not a content file and is ignored"))
                        .in_file(p)
                        .hint(if name.ends_with(".txt") {
                            "articles end in .md: `materia import FILE` converts a plain-text post into one"
                        } else {
                            "articles end in .md; records in .yaml, .toml or .json; put other files in content/static/"
                        }),
                ),
            }
            false
        })
        .collect();
    let read: Vec<Result<SourceFile, &PathBuf>> = paths
        .par_iter()
        .map(|path| {
            if let Some(r) = &reused {
                if let (Some(&file), false) =
                    (r.files.get(path.as_path()), r.changed.contains(path))
                {
                    return Ok(file.clone());
                }
            }
            read_source(path, dir).map_err(|d| {
                diags.push(d);
                path
            })
        })
        .collect();
    let mut sources = Vec::with_capacity(read.len());
    for file in read {
        match file {
            Ok(file) => sources.push(file),
            Err(path) => unread.push(rel_of(path, dir)),
        }
    }
    diags.extend(sources.iter().filter_map(|s| s.warning.clone()));
    (sources, assets)
}

/// Markdown files are articles; other text files are likely meant to be (a pasted post, an
/// extension Materia does not read); anything else (a picture, a PDF) is published beside
/// them.
fn article_role(name: &str) -> Role {
    const TEXT: [&str; 6] = [".txt", ".markdown", ".mdown", ".mkd", ".mdx", ".html"];
    if name == "_index.md" {
        Role::Ignored
    } else if name.ends_with(".md") {
        Role::Source
    } else if TEXT.iter().any(|ext| name.ends_with(ext)) {
        Role::Stray
    } else {
        Role::Asset
    }
}

/// Adds `files` (found in `dir`) to `assets` at their path under `dir` after `prefix`,
/// unless content/static/ has a file there, which wins. `beside` names what they are
/// beside, for the warning.
fn publish_beside(
    assets: &mut Vec<Asset>,
    files: Vec<PathBuf>,
    dir: &Path,
    prefix: &str,
    beside: &str,
    diags: &Diagnostics,
) {
    for path in files {
        let Ok(rel) = path.strip_prefix(dir) else {
            continue;
        };
        let url_path = format!("{prefix}{}", rel.to_string_lossy().replace('\\', "/"));
        if assets.iter().any(|a| a.url_path == url_path) {
            diags.push(
                Diagnostic::warning(format!(
                    "`{url_path}` is both beside {beside} and in content/static/: the static file is published"
                ))
                .in_file(&path)
                .hint("remove one of the two"),
            );
            continue;
        }
        assets.push(Asset {
            url_path,
            source: AssetSource::File(path),
        });
    }
}

/// As [`article_role`], but a page's `_index.md` is its folder's page, as `index.md` is.
fn page_role(name: &str) -> Role {
    match name {
        "_index.md" => Role::Source,
        _ => article_role(name),
    }
}

/// Reads one file of the collection in `dir`.
pub fn read_source(path: &Path, dir: &Path) -> Result<SourceFile, Diagnostic> {
    Ok(SourceFile::new(
        path.to_path_buf(),
        rel_of(path, dir),
        read_text(path)?,
    ))
}

/// `path` relative to `dir`, `/`-separated.
fn rel_of(path: &Path, dir: &Path) -> String {
    path.strip_prefix(dir)
        .map(|r| r.to_string_lossy().replace('\\', "/"))
        .unwrap_or_default()
}

/// Folders under content/ that the contract doesn't know are likely typos (`symptom/`).
fn warn_unsupported(content: &Path, diags: &Diagnostics) {
    let Ok(entries) = std::fs::read_dir(content) else {
        return;
    };
    let known = [
        "articles",
        "symptoms",
        "supplements",
        "authors",
        "pages",
        "static",
    ];
    let mut names: Vec<String> = entries
        .flatten()
        .filter(|e| e.path().is_dir())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| !theme::is_ignored(n) && !known.contains(&n.as_str()))
        .collect();
    names.sort();
    for name in names {
        let hint = crate::diagnostics::did_you_mean(&name, known)
            .map(|k| format!("did you mean `content/{k}/`?"))
            .unwrap_or_else(|| {
                "content/ holds articles/, symptoms/, supplements/, authors/, pages/ and static/"
                    .into()
            });
        diags.push(
            Diagnostic::warning(format!(
                "folder `content/{name}/` is not part of a site and is ignored"
            ))
            .in_file(&content.join(&name))
            .hint(hint),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_forbidden_characters_become_spaces() {
        // Characters whose first byte the quick scan stops at, but which are text.
        for text in [
            "500\u{a0}µg at 37\u{b0}C ©",
            "\u{f900}\u{fffd}\u{feff}",
            "tab\tline\r\n",
        ] {
            assert_eq!(without_controls(text), None, "{text:?}");
        }
        let text = "a\u{b}b\u{85}c\u{fdd0}d\u{ffff}\u{0}";
        let clean = "a b  c   d    ".to_string();
        assert_eq!(without_controls(text), Some((clean, 1, '\u{b}', 5)));
    }
}
