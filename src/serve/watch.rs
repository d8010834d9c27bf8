//! Watches a site's sources and turns file-system noise into build decisions. The watcher
//! batches events until the files have been quiet for a moment (editors write a file in
//! several steps); [`classify`] is a pure function from changed paths to what to do, tested
//! without a file system.

use notify::{RecursiveMode, Watcher};
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{channel, Receiver, RecvTimeoutError};
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// How long the files must be quiet before a batch is handed over. Editors finish a save
/// (write a temporary file, rename it over the old one) within a few milliseconds; a longer
/// wait is time every save waits for. Changes that go on longer (a `git checkout`) at worst
/// cause one more rebuild.
const QUIET: Duration = Duration::from_millis(20);

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Change {
    /// Nothing the site is made from.
    Ignore,
    /// Only stylesheets: pages can swap them without reloading.
    Styles,
    /// Anything else: rebuild and reload.
    Rebuild,
}

/// Files that changed together.
#[derive(Debug)]
pub struct Batch {
    pub paths: Vec<PathBuf>,
    /// False when the watcher lost track (its queue overflowed, or it failed): then more
    /// than `paths` may have changed.
    pub complete: bool,
}

/// A batch from the watcher's reports, `None` for a change it could not name.
fn batch(raw: Vec<Option<PathBuf>>) -> Batch {
    let complete = raw.iter().all(Option::is_some);
    let mut paths: Vec<PathBuf> = raw.into_iter().flatten().collect();
    paths.sort();
    paths.dedup();
    Batch { paths, complete }
}

/// What a batch of changed paths means for a site at `root`.
pub fn classify(root: &Path, paths: &[PathBuf]) -> Change {
    let mut change = Change::Ignore;
    for path in paths {
        let Ok(rel) = path.strip_prefix(root) else {
            continue;
        };
        let name = rel
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let first = rel
            .components()
            .next()
            .map(|c| c.as_os_str().to_string_lossy().into_owned());
        let is_css = rel.extension().is_some_and(|e| e == "css");
        let in_static = rel.starts_with("content/static")
            || rel
                .components()
                .nth(2)
                .is_some_and(|c| c.as_os_str() == "static");
        // Hidden files of a static folder are published (see theme::walk_static).
        let ignored = if in_static {
            crate::theme::is_ignored_static(&name)
        } else {
            crate::theme::is_ignored(&name)
        };
        if ignored || name.ends_with(".tmp") || name == "4913" {
            continue;
        }
        let relevant = match first.as_deref() {
            Some("content") | Some("themes") => true,
            Some("site.toml") => rel.components().count() == 1,
            _ => false,
        };
        if !relevant {
            continue;
        }
        if is_css && in_static {
            if change == Change::Ignore {
                change = Change::Styles;
            }
        } else {
            return Change::Rebuild;
        }
    }
    change
}

/// What the watch knows of links: the linked files, by target (one file may be linked
/// twice), and every folder a watch covers, by its real path.
#[derive(Default)]
struct Links {
    files: HashMap<PathBuf, Vec<PathBuf>>,
    watched: HashSet<PathBuf>,
}

impl Links {
    /// Notes the links under `dirs` (or `dirs` themselves, when links) and every folder
    /// reached from them, and returns the folders to watch, not recursively, for the linked
    /// files: their targets' folders that no watch covers yet.
    ///
    /// The build reads a linked file through its link, but an edit changes the target,
    /// which may be anywhere, and a folder's watch sees nothing of it. (Linked folders need
    /// nothing more: the watcher follows them, and names their files by the link's path.)
    /// A target's folder is watched rather than the target: editors save by writing a new
    /// file and renaming it over the old one, and a watch on a file ends with its inode. A
    /// folder watched twice would be named by its other path, or lose its sub-folders.
    fn add(&mut self, dirs: &[PathBuf]) -> Vec<PathBuf> {
        let mut targets = Vec::new();
        for dir in dirs {
            let entries = walkdir::WalkDir::new(dir).follow_links(true).into_iter();
            for e in entries.filter_map(Result::ok) {
                if e.file_type().is_dir() {
                    self.watched.extend(e.path().canonicalize());
                } else if e.path_is_symlink() && e.file_type().is_file() {
                    if let Ok(target) = e.path().canonicalize() {
                        let links = self.files.entry(target.clone()).or_default();
                        if !links.iter().any(|l| l == e.path()) {
                            links.push(e.into_path());
                        }
                        targets.push(target);
                    }
                }
            }
        }
        let mut folders: Vec<PathBuf> = targets
            .iter()
            .filter_map(|target| target.parent().map(Path::to_path_buf))
            .collect();
        folders.sort();
        folders.dedup();
        folders.retain(|folder| self.watched.insert(folder.clone()));
        folders
    }
}

/// Watches `root`'s `content/`, `themes/` and `site.toml`, and the targets of the files
/// linked into them, also of links made while it runs. The receiver yields batches of
/// changed paths (a linked file's by its link's path). The returned watcher must be kept
/// alive. `changing` is set as soon as any file changes, before the batch is complete.
pub fn watch(
    root: &Path,
    changing: Arc<AtomicBool>,
) -> notify::Result<(Arc<Mutex<notify::RecommendedWatcher>>, Receiver<Batch>)> {
    // Absolute, as the watcher names what changed.
    let root = &root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    let dirs: Vec<PathBuf> = ["content", "themes"]
        .iter()
        .map(|d| root.join(d))
        .filter(|d| d.is_dir())
        .collect();
    let mut known = Links::default();
    let folders = known.add(&dirs);
    let links = Arc::new(Mutex::new(known));
    let seen = Arc::clone(&links);
    // `None`: something changed that the watcher cannot name.
    let (raw_tx, raw_rx) = channel::<Option<PathBuf>>();
    let watcher = notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
        // The receiver only goes away when the server stops.
        match event {
            Ok(event) if matches!(event.kind, notify::EventKind::Access(_)) => {}
            Ok(event) if !event.need_rescan() && !event.paths.is_empty() => {
                changing.store(true, Ordering::SeqCst);
                let links = seen.lock().unwrap_or_else(|e| e.into_inner());
                for path in event.paths {
                    // A linked file's target changed: the site's file is the link.
                    for link in links.files.get(&path).into_iter().flatten() {
                        let _sent = raw_tx.send(Some(link.clone()));
                    }
                    let _sent = raw_tx.send(Some(path));
                }
            }
            // Dropped events (a full kernel queue) or a watcher error.
            _ => {
                changing.store(true, Ordering::SeqCst);
                let _sent = raw_tx.send(None);
            }
        }
    })?;
    let watcher = Arc::new(Mutex::new(watcher));
    {
        let mut w = watcher.lock().unwrap_or_else(|e| e.into_inner());
        w.watch(root, RecursiveMode::NonRecursive)?;
        for dir in &dirs {
            w.watch(dir, RecursiveMode::Recursive)?;
        }
        for folder in &folders {
            // Gone since it was found: nothing to watch.
            let _ = w.watch(folder, RecursiveMode::NonRecursive);
        }
    }
    let (tx, rx) = channel();
    let adding = Arc::clone(&watcher);
    std::thread::spawn(move || {
        while let Ok(first) = raw_rx.recv() {
            let mut raw = vec![first];
            loop {
                match raw_rx.recv_timeout(QUIET) {
                    Ok(p) => raw.push(p),
                    Err(RecvTimeoutError::Timeout) => break,
                    Err(RecvTimeoutError::Disconnected) => return,
                }
            }
            let batch = batch(raw);
            watch_new_links(&batch.paths, &links, &adding);
            if tx.send(batch).is_err() {
                return;
            }
        }
    });
    Ok((watcher, rx))
}

/// Starts watching what links among `paths` (made since the watch began) lead to. The
/// watcher is called with the links unlocked: it waits on its event thread, which may be
/// waiting for them.
fn watch_new_links(
    paths: &[PathBuf],
    links: &Mutex<Links>,
    watcher: &Mutex<notify::RecommendedWatcher>,
) {
    let new: Vec<PathBuf> = paths
        .iter()
        .filter(|p| {
            p.symlink_metadata()
                .is_ok_and(|m| m.file_type().is_symlink())
        })
        .cloned()
        .collect();
    if new.is_empty() {
        return;
    }
    let mut folders = Vec::new();
    let mut linked_folders = Vec::new();
    {
        let mut links = links.lock().unwrap_or_else(|e| e.into_inner());
        for link in new {
            match link.canonicalize() {
                // A linked folder is watched by its link's path, as at the start.
                Ok(target) if target.is_dir() && !links.watched.contains(&target) => {
                    folders.extend(links.add(std::slice::from_ref(&link)));
                    linked_folders.push(link);
                }
                Ok(target) if target.is_file() => {
                    folders.extend(links.add(std::slice::from_ref(&link)));
                }
                // Dangling, or a folder watched already.
                _ => {}
            }
        }
    }
    let mut w = watcher.lock().unwrap_or_else(|e| e.into_inner());
    for folder in linked_folders {
        let _ = w.watch(&folder, RecursiveMode::Recursive);
    }
    for folder in folders {
        let _ = w.watch(&folder, RecursiveMode::NonRecursive);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn c(paths: &[&str]) -> Change {
        let root = Path::new("/site");
        classify(
            root,
            &paths.iter().map(|p| root.join(p)).collect::<Vec<_>>(),
        )
    }

    #[test]
    fn a_batch_with_an_unnamed_change_is_incomplete() {
        let a = || Some(PathBuf::from("/site/content/articles/a.md"));
        let whole = batch(vec![a(), a()]);
        assert!(whole.complete);
        assert_eq!(
            whole.paths,
            vec![PathBuf::from("/site/content/articles/a.md")]
        );
        let lost = batch(vec![a(), None]);
        assert!(
            !lost.complete,
            "a rescan or error means anything may have changed"
        );
        assert_eq!(lost.paths.len(), 1);
    }

    #[test]
    fn classifies_changes() {
        assert_eq!(c(&["content/articles/a.md"]), Change::Rebuild);
        assert_eq!(c(&["site.toml"]), Change::Rebuild);
        assert_eq!(c(&["themes/default/templates/base.html"]), Change::Rebuild);
        assert_eq!(c(&["themes/default/static/style.css"]), Change::Styles);
        assert_eq!(c(&["content/static/extra.css"]), Change::Styles);
        assert_eq!(
            c(&["themes/default/static/style.css", "content/articles/a.md"]),
            Change::Rebuild
        );
        assert_eq!(
            c(&["public/index.html", "target/x", "README.md"]),
            Change::Ignore
        );
        assert_eq!(
            c(&["content/articles/.a.md.swp", "content/articles/a.md~"]),
            Change::Ignore
        );
        // Hidden files of a static folder are part of the site; its swap files are not.
        assert_eq!(c(&["content/static/.htaccess"]), Change::Rebuild);
        assert_eq!(
            c(&["content/static/.well-known/security.txt"]),
            Change::Rebuild
        );
        assert_eq!(
            c(&["content/static/.x.swp", "content/static/.DS_Store"]),
            Change::Ignore
        );
        assert_eq!(c(&["content/articles/.hidden.md"]), Change::Ignore);
    }
}
