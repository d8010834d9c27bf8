//! Finds the theme's templates and assets. The default theme is compiled into the binary, so
//! a site needs no `themes/` folder at all; a site's own theme folder overrides it file by
//! file (a theme that only changes `article.html` ships only that file).

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::load::read_text;
use crate::words::Language;
use std::path::{Path, PathBuf};
use walkdir::WalkDir;

/// Where an output asset's bytes come from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AssetSource {
    Embedded(&'static [u8]),
    File(PathBuf),
}

/// A file copied as is to `url_path` (relative to the output root, `/`-separated).
#[derive(Debug, Clone)]
pub struct Asset {
    pub url_path: String,
    pub source: AssetSource,
}

#[derive(Debug, Clone)]
pub struct TemplateSource {
    pub name: String,
    pub text: String,
    /// `None` for the built-in default theme.
    pub path: Option<PathBuf>,
}

#[derive(Debug, Clone, Default)]
pub struct ThemeSources {
    pub templates: Vec<TemplateSource>,
    pub assets: Vec<Asset>,
}

macro_rules! embedded_templates {
    ($($name:literal),* $(,)?) => {
        &[$(($name, include_str!(concat!("../themes/default/templates/", $name)))),*]
    };
}

/// The built-in theme. Every template the renderer uses must be listed here.
pub const DEFAULT_TEMPLATES: &[(&str, &str)] = embedded_templates!(
    "base.html",
    "index.html",
    "article.html",
    "section.html",
    "symptom.html",
    "supplement.html",
    "list.html",
    "term.html",
    "search.html",
    "404.html",
    "page.html",
    "redirect.html",
    "pagination.html",
    "card.html",
);

/// The built-in search script as readers get it, for each language search stems (see
/// build.rs): without its comments, indentation and spaces between tokens, with the
/// language's stemmer.
const SEARCH_SERVED: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/search.js"));
const SEARCH_SERVED_FRENCH: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/search-fr.js"));
const SEARCH_SERVED_GERMAN: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/search-de.js"));
const SEARCH_SERVED_ITALIAN: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/search-it.js"));
const SEARCH_SERVED_PORTUGUESE: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/search-pt.js"));
const SEARCH_SERVED_SPANISH: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/search-es.js"));
const SEARCH_SERVED_UNSTEMMED: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/search-none.js"));

/// The same script as it is in `themes/default/`, comments included.
const SEARCH_SOURCE: &[u8] = include_bytes!("../themes/default/static/search.js");

/// The built-in search script for a site in `language`: the index stems its words with
/// that language's stemmer, and the browser must stem queries with the same one.
pub fn search_script(language: Language) -> &'static [u8] {
    match language {
        Language::English => SEARCH_SERVED,
        Language::French => SEARCH_SERVED_FRENCH,
        Language::German => SEARCH_SERVED_GERMAN,
        Language::Italian => SEARCH_SERVED_ITALIAN,
        Language::Portuguese => SEARCH_SERVED_PORTUGUESE,
        Language::Spanish => SEARCH_SERVED_SPANISH,
        Language::Unstemmed => SEARCH_SERVED_UNSTEMMED,
    }
}

pub const DEFAULT_ASSETS: &[(&str, &[u8])] = &[
    (
        "style.css",
        include_bytes!("../themes/default/static/style.css"),
    ),
    (
        "favicon.svg",
        include_bytes!("../themes/default/static/favicon.svg"),
    ),
];

/// Loads `themes/<name>/` under `root` on top of the built-in default theme, whose search
/// script stems as `language` does.
pub fn load(root: &Path, name: &str, language: Language, diags: &Diagnostics) -> ThemeSources {
    let dir = root.join("themes").join(name);
    let mut theme = ThemeSources::default();
    if dir.is_dir() {
        let templates_dir = dir.join("templates");
        for entry in walk_files(&templates_dir, diags) {
            let Ok(rel) = entry.strip_prefix(&templates_dir) else {
                continue;
            };
            let name = rel.to_string_lossy().replace('\\', "/");
            match read_text(&entry) {
                Ok(text) => theme.templates.push(TemplateSource {
                    name,
                    text,
                    path: Some(entry.clone()),
                }),
                Err(d) => diags.push(d),
            }
        }
        let static_dir = dir.join("static");
        for entry in walk_static(&static_dir, diags) {
            let Ok(rel) = entry.strip_prefix(&static_dir) else {
                continue;
            };
            let url_path = rel.to_string_lossy().replace('\\', "/");
            let source = match served_as_built_in(&url_path, &entry, language) {
                Some(bytes) => AssetSource::Embedded(bytes),
                None => AssetSource::File(entry.clone()),
            };
            theme.assets.push(Asset { url_path, source });
        }
    } else if name != "default" {
        diags.push(
            Diagnostic::error(format!("theme `{name}` not found"))
                .in_file(&root.join("site.toml"))
                .hint(format!(
                    "create `themes/{name}/templates/`, or remove `theme` from site.toml to use the built-in theme"
                )),
        );
    }
    for (name, text) in DEFAULT_TEMPLATES {
        if !theme.templates.iter().any(|t| t.name == *name) {
            theme.templates.push(TemplateSource {
                name: (*name).to_string(),
                text: (*text).to_string(),
                path: None,
            });
        }
    }
    let script = ("search.js", search_script(language));
    for (path, bytes) in DEFAULT_ASSETS.iter().chain([&script]) {
        if !theme.assets.iter().any(|a| a.url_path == *path) {
            theme.assets.push(Asset {
                url_path: (*path).to_string(),
                source: AssetSource::Embedded(bytes),
            });
        }
    }
    theme
}

/// The built-in search script, as the built-in theme serves it, for a site's `search.js`
/// that is an unchanged copy of its source: Materia's own repository is a site whose theme
/// folder holds the built-in theme's sources, and a reader of it, or of any site that copied
/// the whole theme, should get the script without its comments, within its 15 KB
/// budget. A changed copy is the theme's own script and is served as it is.
fn served_as_built_in(url_path: &str, file: &Path, language: Language) -> Option<&'static [u8]> {
    if url_path != "search.js" {
        return None;
    }
    let bytes = std::fs::read(file).ok()?;
    (bytes == SEARCH_SOURCE).then(|| search_script(language))
}

/// Every regular file below `dir`, sorted, following symlinks; skips hidden files and
/// editor droppings.
pub fn walk_files(dir: &Path, diags: &Diagnostics) -> Vec<PathBuf> {
    walk(dir, diags, is_ignored)
}

/// [`walk_files`] for a `static/` folder, whose hidden files are part of the site (a
/// `.well-known/security.txt`, an `.htaccess`): only version control and editor droppings
/// are skipped.
pub fn walk_static(dir: &Path, diags: &Diagnostics) -> Vec<PathBuf> {
    walk(dir, diags, is_ignored_static)
}

fn walk(dir: &Path, diags: &Diagnostics, ignored: fn(&str) -> bool) -> Vec<PathBuf> {
    if !dir.exists() {
        return Vec::new();
    }
    let mut files = Vec::new();
    let walker = WalkDir::new(dir)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !ignored(e.file_name().to_string_lossy().as_ref()));
    for entry in walker {
        match entry {
            Ok(e) if e.file_type().is_file() => files.push(e.into_path()),
            Ok(_) => {}
            Err(err) => {
                let path = err
                    .path()
                    .map(Path::to_path_buf)
                    .unwrap_or_else(|| dir.to_path_buf());
                let diagnostic = if let Some(ancestor) = err.loop_ancestor() {
                    Diagnostic::error(format!(
                        "symbolic link loop: `{}` points back to `{}`",
                        path.display(),
                        ancestor.display()
                    ))
                    .in_file(&path)
                    .hint("remove the link or point it outside its own parent folders")
                } else {
                    Diagnostic::error(format!("cannot read `{}`: {err}", path.display()))
                        .in_file(&path)
                };
                diags.push(diagnostic);
            }
        }
    }
    files
}

/// Hidden files, editor backups and lock files are never content.
pub fn is_ignored(name: &str) -> bool {
    name.starts_with('.') || is_ignored_static(name)
}

/// Names no site publishes: version control folders, Finder's `.DS_Store`, and editors'
/// backups, locks and swap files.
pub fn is_ignored_static(name: &str) -> bool {
    matches!(name, ".git" | ".svn" | ".hg" | ".DS_Store")
        || name.ends_with('~')
        || name.starts_with(".#")
        || name.starts_with('#')
        || name.ends_with(".swp")
        || name.ends_with(".swx")
}
