//! `materia new article`, `materia new page`, `materia new symptom` and `materia new
//! supplement`: a skeleton with every field, at the path the title's or name's slug gives,
//! so an author starts from a page that builds and sees what can be said. It never
//! overwrites a file.

use crate::date::Date;
use crate::diagnostics::Diagnostic;
use crate::slug::slugify;
use std::path::{Path, PathBuf};

pub fn article(
    root: &Path,
    title: &str,
    section: Option<&str>,
    today: Date,
) -> Result<PathBuf, Diagnostic> {
    let slug = title_slug(title)?;
    let mut dir = root.join("content").join("articles");
    if let Some(section) = section {
        for part in section.split('/').filter(|p| !p.is_empty()) {
            let clean = slugify(part);
            if clean.is_empty() {
                return Err(
                    Diagnostic::error(format!("section `{section}` is not a folder name"))
                        .hint("use lower-case words joined by `-`, like `nutrition`"),
                );
            }
            dir.push(clean);
        }
    }
    let path = dir.join(format!("{slug}.md"));
    if path.exists() {
        return Err(
            Diagnostic::error(format!("`{}` already exists", path.display()))
                .in_file(&path)
                .hint("edit that file, or choose another title"),
        );
    }
    std::fs::create_dir_all(&dir)
        .map_err(|e| Diagnostic::error(format!("cannot create `{}`: {e}", dir.display())))?;
    let quoted = yaml_quoted(title);
    let text = format!(
        "---\ntitle: \"{quoted}\"\ndescription: \"\"\ndate: {date}\nauthors: []\n# reviewed_by: \"\"\n# reviewed_on: {date}\nkeywords: []\nsymptoms: []\nsupplements: []\ntags: []\nreferences: []\ndraft: true\n---\n\nWrite the introduction here.\n\n## First section\n\n## Frequently asked questions\n\n### A question readers ask?\n\nThe answer.\n",
        date = today.iso()
    );
    write_new(&path, &text)?;
    Ok(path)
}

/// Writes a standalone page skeleton, `content/pages/<slug>.md` (published at `/<slug>/`),
/// in `menu` (`main` or `footer`) when given. Refused when a page has that URL already, or
/// when it is one the site writes itself.
pub fn page(
    root: &Path,
    title: &str,
    menu: Option<crate::pages::Menu>,
    today: Date,
) -> Result<PathBuf, Diagnostic> {
    let slug = title_slug(title)?;
    if let Some(folder) = crate::pages::reserved_folder(&slug) {
        return Err(Diagnostic::error(format!(
            "a page at `/{folder}/` would take a URL the site writes itself"
        ))
        .hint("choose another title"));
    }
    let dir = root.join("content").join("pages");
    // Each of these is published at `/<slug>/`.
    for taken in [
        dir.join(format!("{slug}.md")),
        dir.join(&slug).join("index.md"),
        dir.join(&slug).join("_index.md"),
    ] {
        if taken.exists() {
            return Err(
                Diagnostic::error(format!("a page at `/{slug}/` already exists"))
                    .in_file(&taken)
                    .hint("edit that file, or choose another title"),
            );
        }
    }
    std::fs::create_dir_all(&dir)
        .map_err(|e| Diagnostic::error(format!("cannot create `{}`: {e}", dir.display())))?;
    let path = dir.join(format!("{slug}.md"));
    let menu = match menu {
        Some(crate::pages::Menu::Main) => "menu: main",
        Some(crate::pages::Menu::Footer) => "menu: footer",
        None => "# menu: footer",
    };
    let text = format!(
        "---\ntitle: \"{title}\"\ndescription: \"\"\nupdated: {date}\n# main: the header's navigation; footer: the footer of every page.\n{menu}\n# Its place in its menu, lowest first.\nweight: 0\n# Old URLs that redirect here.\naliases: []\ndraft: true\n---\n\nWrite the page here: who you are, how you write and review, how readers reach you.\n",
        title = yaml_quoted(title.trim()),
        date = today.iso()
    );
    write_new(&path, &text)?;
    Ok(path)
}

/// Which record `materia new` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Record {
    Symptom,
    Supplement,
}

/// Writes a record skeleton, `content/symptoms/<id>.yaml` or `content/supplements/<id>.yaml`,
/// its id the slug of `name`. Refused when a record of that id exists in any format: two
/// files of one id are an error of the build.
pub fn record(root: &Path, kind: Record, name: &str) -> Result<PathBuf, Diagnostic> {
    let (folder, what) = match kind {
        Record::Symptom => ("symptoms", "symptom"),
        Record::Supplement => ("supplements", "supplement"),
    };
    let id = slugify(name);
    if id.is_empty() || name.trim().is_empty() {
        return Err(
            Diagnostic::error(format!("the name `{name}` gives an empty record id"))
                .hint("use a name with letters or digits"),
        );
    }
    let dir = root.join("content").join(folder);
    for ext in ["yaml", "yml", "toml", "json"] {
        let existing = dir.join(format!("{id}.{ext}"));
        if existing.exists() {
            return Err(Diagnostic::error(format!(
                "a {what} record with the id `{id}` already exists"
            ))
            .in_file(&existing)
            .hint(format!(
                "edit that file, or give the new {what} another name (its id is the name's slug)"
            )));
        }
    }
    std::fs::create_dir_all(&dir)
        .map_err(|e| Diagnostic::error(format!("cannot create `{}`: {e}", dir.display())))?;
    let path = dir.join(format!("{id}.yaml"));
    let name = yaml_quoted(name.trim());
    let text = match kind {
        Record::Symptom => format!(
            "name: \"{name}\"
# Every other name readers use, lay and clinical (\"pins and needles\", \"paresthesia\"):
# articles that use one link here, and a search for one finds this page.
aliases: []
# body_system: \"nervous system\"
# One or two sentences: the page's description and its search excerpt.
summary: \"\"
# What it is, what causes it, how it is found and treated (Markdown).
description: \"\"
# The red flags: when to see a doctor, and when to get help at once (Markdown).
seek_care: \"\"
# Ids of other records: content/symptoms/<id>.yaml, content/supplements/<id>.yaml.
related_symptoms: []
related_supplements: []
# Where the facts come from, shown as numbered references:
# sources:
#   - title: \"\"
#     url: \"https://\"
sources: []
"
        ),
        Record::Supplement => format!(
            "name: \"{name}\"
# Forms and other names (\"cyanocobalamin\", \"methylcobalamin\"): articles that use one link
# here, and a search for one finds this page.
aliases: []
# One or two sentences: the page's description and its search excerpt.
summary: \"\"
# What it is, what it does, who may need it (Markdown).
description: \"\"
forms: []
typical_dose: \"\"
upper_limit: \"\"
# Medicines and conditions it interacts with (Markdown).
interactions: \"\"
# Ids of symptom records: content/symptoms/<id>.yaml.
related_symptoms: []
# Product or collection pages: a link to one in any article counts as a reference here.
links: []
# Where the facts come from, shown as numbered references:
# sources:
#   - title: \"\"
#     url: \"https://\"
sources: []
"
        ),
    };
    write_new(&path, &text)?;
    Ok(path)
}

/// The slug of `title`, which names a new article's or page's file.
fn title_slug(title: &str) -> Result<String, Diagnostic> {
    let slug = slugify(title);
    if slug.is_empty() {
        return Err(
            Diagnostic::error(format!("the title `{title}` gives an empty file name"))
                .hint("use a title with letters or digits"),
        );
    }
    Ok(slug)
}

/// `s` for the inside of a double-quoted YAML string.
fn yaml_quoted(s: &str) -> String {
    s.replace('\\', "\\\\").replace('"', "\\\"")
}

/// Writes `text` to `path`, which must not exist: `create_new` refuses to overwrite even a
/// file that appeared since the caller looked.
fn write_new(path: &Path, text: &str) -> Result<(), Diagnostic> {
    use std::io::Write as _;
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
        .map_err(|e| Diagnostic::error(format!("cannot create `{}`: {e}", path.display())))?;
    file.write_all(text.as_bytes())
        .map_err(|e| Diagnostic::error(format!("cannot write `{}`: {e}", path.display())))
}
