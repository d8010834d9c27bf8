//! Problems found in an author's site, collected across every stage and printed the way
//! rustc prints them: what is wrong, where (`--> file:line:col`), and how to fix it.
//!
//! Stages never stop at the first problem: each pushes into a shared [`Diagnostics`] sink and
//! carries on, and the build decides between stages whether to go on. That is how one run
//! reports every broken file at once.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// How serious a problem is: errors stop the build, warnings are only shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Error,
    Warning,
}

/// A position in a source file, 1-based like every editor shows it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Location {
    pub file: PathBuf,
    pub line: usize,
    pub col: usize,
}

impl Location {
    /// `path:line:col`, the path relative to `root` so that the output is the same on every
    /// machine (and an editor or terminal can open it from the site's folder).
    pub fn shown(&self, root: &Path) -> String {
        format!(
            "{}:{}:{}",
            shown_path(&self.file, root),
            self.line,
            self.col
        )
    }
}

/// `path` relative to `root`, with `/` between folders, as messages show files.
pub fn shown_path(path: &Path, root: &Path) -> String {
    let file = path.strip_prefix(root).unwrap_or(path);
    file.display().to_string().replace('\\', "/")
}

/// One problem, with enough context for an author to fix it without reading Rust.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    pub message: String,
    /// Boxed: a diagnostic travels in every stage's `Result`, and most have no location.
    pub location: Option<Box<Location>>,
    pub hint: Option<String>,
    pub note: Option<String>,
    /// The offending source lines with a caret under the spot, printed under the location
    /// (as Tera reports template errors).
    pub excerpt: Option<String>,
}

impl Diagnostic {
    pub fn error(message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            message: message.into(),
            location: None,
            hint: None,
            note: None,
            excerpt: None,
        }
    }

    pub fn warning(message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(message)
        }
    }

    /// Points at a whole file when no finer position is known.
    pub fn in_file(self, file: &Path) -> Self {
        self.at(file, 1, 1)
    }

    pub fn at(mut self, file: &Path, line: usize, col: usize) -> Self {
        self.location = Some(Box::new(Location {
            file: file.to_path_buf(),
            line: line.max(1),
            col: col.max(1),
        }));
        self
    }

    pub fn at_location(mut self, location: Location) -> Self {
        self.location = Some(Box::new(location));
        self
    }

    pub fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    pub fn maybe_hint(mut self, hint: Option<String>) -> Self {
        if hint.is_some() {
            self.hint = hint;
        }
        self
    }

    pub fn note(mut self, note: impl Into<String>) -> Self {
        self.note = Some(note.into());
        self
    }

    pub fn maybe_excerpt(mut self, excerpt: Option<String>) -> Self {
        self.excerpt = excerpt;
        self
    }

    /// Renders the diagnostic rustc-style. Paths are shown relative to `root` so that the
    /// output is the same on every machine.
    pub fn render(&self, root: &Path) -> String {
        let mut out = String::new();
        let label = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        let _ = writeln!(out, "{label}: {}", self.message);
        if let Some(loc) = &self.location {
            let _ = writeln!(out, "  --> {}", loc.shown(root));
        }
        if let Some(excerpt) = &self.excerpt {
            for line in excerpt.lines() {
                let _ = writeln!(out, "{line}");
            }
        }
        if let Some(note) = &self.note {
            let _ = writeln!(out, "   = note: {note}");
        }
        if let Some(hint) = &self.hint {
            let _ = writeln!(out, "   = help: {hint}");
        }
        out
    }
}

/// The sink every stage writes into. It is shared across rayon workers, hence the mutex;
/// contention is negligible because problems are rare.
#[derive(Debug, Default)]
pub struct Diagnostics {
    items: Mutex<Vec<Diagnostic>>,
}

impl Diagnostics {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn push(&self, diagnostic: Diagnostic) {
        match self.items.lock() {
            Ok(mut items) => items.push(diagnostic),
            Err(poisoned) => poisoned.into_inner().push(diagnostic),
        }
    }

    pub fn extend(&self, diagnostics: impl IntoIterator<Item = Diagnostic>) {
        for d in diagnostics {
            self.push(d);
        }
    }

    pub fn is_empty(&self) -> bool {
        match self.items.lock() {
            Ok(items) => items.is_empty(),
            Err(poisoned) => poisoned.into_inner().is_empty(),
        }
    }

    pub fn has_errors(&self) -> bool {
        self.snapshot()
            .iter()
            .any(|d| d.severity == Severity::Error)
    }

    pub fn error_count(&self) -> usize {
        self.snapshot()
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .count()
    }

    /// Every diagnostic, in a stable order (by file, then position, then message), so
    /// that parallel stages still print the same report on every run.
    pub fn sorted(&self) -> Vec<Diagnostic> {
        let mut items = self.snapshot();
        items.sort_by(|a, b| {
            (&a.location, a.severity, &a.message).cmp(&(&b.location, b.severity, &b.message))
        });
        items.dedup();
        items
    }

    fn snapshot(&self) -> Vec<Diagnostic> {
        match self.items.lock() {
            Ok(items) => items.clone(),
            Err(poisoned) => poisoned.into_inner().clone(),
        }
    }
}

/// The closest candidate to a misspelt word, for "did you mean" hints.
pub fn did_you_mean<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let word_lower = word.to_lowercase();
    candidates
        .into_iter()
        .map(|c| (strsim::jaro_winkler(&word_lower, &c.to_lowercase()), c))
        .filter(|(score, _)| *score > 0.8)
        // Ties go to the alphabetically first candidate, so the hint never depends on the
        // order candidates come in (often a hash set's).
        .max_by(|a, b| a.0.total_cmp(&b.0).then_with(|| b.1.cmp(a.1)))
        .map(|(_, c)| c)
}

/// Maps byte offsets in a text to 1-based line and column (columns count characters).
pub struct LineIndex<'a> {
    text: &'a str,
    starts: Vec<usize>,
}

impl<'a> LineIndex<'a> {
    pub fn new(text: &'a str) -> Self {
        let mut starts = vec![0];
        // memchr's vectorised search: every article's links are located this way, and
        // lines of prose are short enough that `match_indices` restarting its search at
        // each one cost 1 % of a build.
        starts.extend(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1));
        LineIndex { text, starts }
    }

    pub fn position(&self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.text.len());
        let line = self.line_of(offset);
        let start = self.starts.get(line).copied().unwrap_or(0);
        let col = self
            .text
            .get(start..offset)
            .map(|s| s.chars().count())
            .unwrap_or(0);
        (line + 1, col + 1)
    }

    /// [`LineIndex::positions`] as locations in `file`.
    pub fn locations(
        &self,
        file: &Path,
        offsets: impl IntoIterator<Item = usize>,
    ) -> Vec<Location> {
        self.positions(offsets)
            .into_iter()
            .map(|(line, col)| Location {
                file: file.to_path_buf(),
                line,
                col,
            })
            .collect()
    }

    /// The 0-based line of `offset`.
    fn line_of(&self, offset: usize) -> usize {
        match self.starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i.saturating_sub(1),
        }
    }

    /// [`LineIndex::position`] of each offset. For offsets in increasing order, as a body's
    /// links come, a line's characters are counted once, not again from its start for each
    /// offset: a pasted post can be one line with thousands of links, and 40,000 on one line
    /// took a second.
    pub fn positions(&self, offsets: impl IntoIterator<Item = usize>) -> Vec<(usize, usize)> {
        // The last offset with its 1-based line and column.
        let mut last: Option<(usize, usize, usize)> = None;
        offsets
            .into_iter()
            .map(|offset| {
                let offset = offset.min(self.text.len());
                let line = self.line_of(offset) + 1;
                let col = last
                    .filter(|&(at, at_line, _)| at_line == line && at <= offset)
                    .and_then(|(at, _, col)| Some(col + self.text.get(at..offset)?.chars().count()))
                    .unwrap_or_else(|| self.position(offset).1);
                last = Some((offset, line, col));
                (line, col)
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Offsets in order, out of order, repeated, past the end and inside a character are
    /// placed as one by one.
    #[test]
    fn positions_are_each_offsets_position() {
        let text = "ab\ncdé fg\n\nhé\u{1F642}j\n";
        let idx = LineIndex::new(text);
        let offsets = [
            0, 1, 3, 5, 7, 8, 9, 4, 10, 12, 13, 15, 16, 20, 21, 21, 99, 6, 2,
        ];
        let one_by_one: Vec<_> = offsets.iter().map(|&o| idx.position(o)).collect();
        assert_eq!(idx.positions(offsets), one_by_one);
    }

    #[test]
    fn line_index_maps_offsets() {
        let idx = LineIndex::new("ab\ncdé\nf");
        assert_eq!(idx.position(0), (1, 1));
        assert_eq!(idx.position(3), (2, 1));
        assert_eq!(idx.position(7), (2, 4));
        assert_eq!(idx.position(8), (3, 1));
    }

    #[test]
    fn suggests_close_words() {
        assert_eq!(
            did_you_mean("magnesuim", ["magnesium", "vitamin-d"]),
            Some("magnesium")
        );
        assert_eq!(did_you_mean("zzz", ["magnesium"]), None);
    }
}
