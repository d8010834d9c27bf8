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
        if had_old {
            remove_if_exists(&self.old)?;
            fs::rename(out_dir, &self.old).map_err(|e| io_error(out_dir, &e))?;
        }
        if let Err(e) = fs::rename(&self.dir, out_dir) {
            // Put the previous output back so the site on disk stays whole.
            if had_old {
                let _restore = fs::rename(&self.old, out_dir);
            }
            return Err(io_error(out_dir, &e));
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
