//! The write stage: puts an [`Output`] on disk without ever leaving a half-written site.
//! Everything goes into a staging folder beside the output folder, which is then swapped in
//! with two renames; the old output is removed only after the swap. A failed or interrupted
//! build leaves the previous `public/` as it was. A one-shot build streams its pages into the
//! staging folder while it renders; an [`Output`] held in memory is written with
//! `Staging::new(out_dir)?.finish(&output)`.

use crate::diagnostics::Diagnostic;
use crate::render::Output;
use crate::theme::AssetSource;
use rayon::prelude::*;
use std::fs;
use std::path::{Path, PathBuf};

/// The staging folder of a build in progress, beside the output folder. Pages can be put
/// into it while the rest of the site is still rendering ([`Staging::put`]), so a large build
/// never holds every page in memory; [`Staging::finish`] writes the rest and swaps it in.
/// Dropped unfinished (the build failed), it is removed and the output folder is untouched.
pub struct Staging {
    out_dir: PathBuf,
    dir: PathBuf,
    old: PathBuf,
    finished: bool,
}

/// Refuses an output folder whose replacement would destroy what is not a built site: the
/// site's own folder or one holding it, anything inside its `content/` or `themes/`, a file,
/// or a folder of other things (not empty, and no `index.html`: not a site built before).
/// The output folder is replaced whole, so `--out content` or `--out ~` would delete them.
pub fn check_out_dir(out_dir: &Path, root: &Path) -> Result<(), Diagnostic> {
    let (out, root) = (resolved(out_dir), resolved(root));
    let shown = out_dir.display();
    let refuse = |why: String, hint: &str| Err(Diagnostic::error(why).hint(hint));
    let own_folder = "write the site to a folder of its own, like `public/`";
    if root.starts_with(&out) {
        return refuse(
            format!("the output folder `{shown}` holds the site itself: replacing it would delete the site"),
            own_folder,
        );
    }
    for sources in ["content", "themes"] {
        if out.starts_with(root.join(sources)) {
            return refuse(
                format!("the output folder `{shown}` is inside the site's {sources}/: replacing it would delete sources"),
                own_folder,
            );
        }
    }
    if out.exists() && !out.is_dir() {
        return refuse(
            format!("the output `{shown}` is a file, not a folder"),
            own_folder,
        );
    }
    // Dot-entries (a `.git` of a deploy branch) are kept across builds: see [`carry_dot_entries`].
    let holds_other_things = fs::read_dir(&out).is_ok_and(|entries| {
        entries
            .filter_map(Result::ok)
            .any(|e| !e.file_name().to_string_lossy().starts_with('.'))
    }) && !out.join("index.html").is_file();
    if holds_other_things {
        return refuse(
            format!("the output folder `{shown}` holds files but no built site (no index.html): the build replaces the folder whole"),
            "choose a new or empty folder, or move those files away first",
        );
    }
    Ok(())
}

/// `path` made absolute with symbolic links resolved as far as it exists (the rest, not yet
/// made, is added as written).
fn resolved(path: &Path) -> PathBuf {
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let mut existing = absolute.as_path();
    let mut rest = Vec::new();
    loop {
        if let Ok(found) = existing.canonicalize() {
            return rest.iter().rev().fold(found, |p, part| p.join(part));
        }
        match (existing.parent(), existing.file_name()) {
            (Some(parent), Some(name)) => {
                rest.push(name.to_os_string());
                existing = parent;
            }
            _ => return absolute,
        }
    }
}

impl Staging {
    pub fn new(out_dir: &Path) -> Result<Staging, Diagnostic> {
        let parent = match out_dir.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        let name = out_dir
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .ok_or_else(|| {
                Diagnostic::error(format!("`{}` is not a folder name", out_dir.display()))
            })?;
        fs::create_dir_all(&parent).map_err(|e| io_error(&parent, &e))?;
        let pid = std::process::id();
        let dir = parent.join(format!(".{name}.staging-{pid}"));
        remove_if_exists(&dir)?;
        fs::create_dir_all(&dir).map_err(|e| io_error(&dir, &e))?;
        Ok(Staging {
            out_dir: out_dir.to_path_buf(),
            old: parent.join(format!(".{name}.old-{pid}")),
            dir,
            finished: false,
        })
    }

    /// Writes one page, `path` relative to the output root (`symptoms/fatigue/index.html`).
    pub fn put(&self, path: &str, bytes: &[u8]) -> Result<(), Diagnostic> {
        write_file(&self.dir.join(path), bytes)
    }

    /// Writes what `output` still holds in memory, then puts the staging folder in place of
    /// the output folder; returns how many files the site has.
    pub fn finish(mut self, output: &Output) -> Result<usize, Diagnostic> {
        fill(output, &self.dir)?;
        let out_dir = &self.out_dir;
        let had_old = out_dir.exists();
        let carried = if had_old {
            carry_dot_entries(out_dir, &self.dir)?
        } else {
            Vec::new()
        };
        let swapped = if had_old {
            remove_if_exists(&self.old)
                .and_then(|()| fs::rename(out_dir, &self.old).map_err(|e| io_error(out_dir, &e)))
                .and_then(|()| {
                    fs::rename(&self.dir, out_dir).map_err(|e| {
                        // Put the previous output back so the site on disk stays whole.
                        let _restore = fs::rename(&self.old, out_dir);
                        io_error(out_dir, &e)
                    })
                })
        } else {
            fs::rename(&self.dir, out_dir).map_err(|e| io_error(out_dir, &e))
        };
        if let Err(e) = swapped {
            for name in &carried {
                if fs::rename(self.dir.join(name), out_dir.join(name)).is_err() {
                    // Leave the staging folder, which holds it, rather than delete it.
                    self.finished = true;
                    return Err(e.hint(format!(
                        "`{}` is in `{}`: move it back by hand",
                        name.to_string_lossy(),
                        self.dir.display()
                    )));
                }
            }
            return Err(e);
        }
        self.finished = true;
        if had_old {
            // The new site is in place; a leftover old copy is only wasted space.
            let _cleanup = fs::remove_dir_all(&self.old);
        }
        Ok(output.streamed.len() + output.pages.len() + output.assets.len())
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.finished {
            let _cleanup = fs::remove_dir_all(&self.dir);
        }
    }
}

/// Moves the entries at the top of the old output folder whose names start with a dot, and
/// that the new site does not have, into the staging folder: a `.git` (the output folder as
/// a deploy branch's work tree, as for GitHub Pages), a `.nojekyll`. They are not made by the
/// build and replacing the folder whole would delete them. Returns their names.
fn carry_dot_entries(
    out_dir: &Path,
    staging: &Path,
) -> Result<Vec<std::ffi::OsString>, Diagnostic> {
    let entries = fs::read_dir(out_dir).map_err(|e| io_error(out_dir, &e))?;
    let mut carried = Vec::new();
    for entry in entries.filter_map(Result::ok) {
        let name = entry.file_name();
        if !name.to_string_lossy().starts_with('.') || staging.join(&name).exists() {
            continue;
        }
        if let Err(e) = fs::rename(entry.path(), staging.join(&name)) {
            // Back where they were, before the staging folder (and they) are removed.
            for moved in &carried {
                let _back = fs::rename(staging.join(moved), out_dir.join(moved));
            }
            return Err(io_error(&entry.path(), &e));
        }
        carried.push(name);
    }
    Ok(carried)
}

fn fill(output: &Output, dir: &Path) -> Result<(), Diagnostic> {
    output
        .pages
        .par_iter()
        .map(|(path, bytes)| write_file(&dir.join(path), bytes))
        .collect::<Result<(), Diagnostic>>()?;
    output
        .assets
        .par_iter()
        .map(|asset| {
            let target = dir.join(&asset.url_path);
            match &asset.source {
                AssetSource::Embedded(bytes) => write_file(&target, bytes),
                AssetSource::File(src) => {
                    if let Some(p) = target.parent() {
                        fs::create_dir_all(p).map_err(|e| io_error(p, &e))?;
                    }
                    fs::copy(src, &target)
                        .map(|_| ())
                        .map_err(|e| io_error(src, &e))
                }
            }
        })
        .collect::<Result<(), Diagnostic>>()
}

fn write_file(path: &Path, bytes: &[u8]) -> Result<(), Diagnostic> {
    if let Some(p) = path.parent() {
        fs::create_dir_all(p).map_err(|e| io_error(p, &e))?;
    }
    fs::write(path, bytes).map_err(|e| io_error(path, &e))
}

fn remove_if_exists(path: &Path) -> Result<(), Diagnostic> {
    if path.exists() {
        fs::remove_dir_all(path).map_err(|e| io_error(path, &e))?;
    }
    Ok(())
}

fn io_error(path: &Path, e: &std::io::Error) -> Diagnostic {
    Diagnostic::error(format!("cannot write `{}`: {e}", path.display()))
        .hint("check that the output folder's parent exists and is writable")
}
