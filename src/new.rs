//! `materia new article`: a front-matter skeleton at the path its title's slug gives, so an
//! author starts from a page that builds. It never overwrites a file.

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
    let slug = slugify(title);
    if slug.is_empty() {
        return Err(
            Diagnostic::error(format!("the title `{title}` gives an empty file name"))
                .hint("use a title with letters or digits"),
        );
    }
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
    let quoted = title.replace('\\', "\\\\").replace('"', "\\\"");
    let text = format!(
        "---\ntitle: \"{quoted}\"\ndescription: \"\"\ndate: {date}\nauthors: []\n# reviewed_by: \"\"\n# reviewed_on: {date}\nkeywords: []\nsymptoms: []\nsupplements: []\ntags: []\nreferences: []\ndraft: true\n---\n\nWrite the introduction here.\n\n## First section\n\n## Frequently asked questions\n\n### A question readers ask?\n\nThe answer.\n",
        date = today.iso()
    );
    // `create_new` refuses to overwrite even if the file appeared since the check above.
    use std::io::Write as _;
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&path)
        .map_err(|e| Diagnostic::error(format!("cannot create `{}`: {e}", path.display())))?;
    file.write_all(text.as_bytes())
        .map_err(|e| Diagnostic::error(format!("cannot write `{}`: {e}", path.display())))?;
    Ok(path)
}
