//! What `materia check` adds for the editors of a health site: the pages whose trust
//! information is missing or stale. A symptom page without "when to seek care" or a record
//! without sources builds, and so does an article whose medical review has lapsed (its
//! page says the review is due), but an editorial team wants them listed before it
//! publishes, as warnings that do not stop the build.

use crate::catalog::Catalog;
use crate::date::Date;
use crate::diagnostics::Diagnostic;
use crate::records::RecordText;
use std::path::Path;

/// The warnings of `catalog`'s articles and records, `today` being the build's date.
pub fn warnings(catalog: &Catalog, today: Date) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for a in &catalog.articles {
        let fm = &a.front;
        let reviewer = fm
            .reviewed_by
            .as_deref()
            .is_some_and(|by| !by.trim().is_empty());
        let Some(days) = catalog.config.review_interval_days else {
            // The page and its JSON-LD say when it was reviewed, but not by whom: readers
            // trust a review by its reviewer.
            if fm.reviewed_on.is_some() && !reviewer {
                out.push(unnamed_reviewer(&fm.title).at_location(a.review_location.clone()));
            }
            continue;
        };
        let due = fm
            .reviewed_on
            .and_then(|on| Some((on, catalog.config.review_due(on)?)));
        let warning = match (reviewer, due) {
            (_, Some((on, due))) if due < today => Diagnostic::warning(format!(
                "the medical review of `{}` is overdue: reviewed on {}, due again on {} \
                     (`review_interval_days = {days}`)",
                fm.title,
                on.iso(),
                due.iso()
            ))
            .hint("have it reviewed again, then set `reviewed_on` to the review's date"),
            (true, Some(_)) => continue,
            (false, Some(_)) => unnamed_reviewer(&fm.title),
            (true, None) => Diagnostic::warning(format!(
                "`{}` names its medical reviewer but not the review's date, so the review \
                 can never fall due (`review_interval_days = {days}`)",
                fm.title
            ))
            .hint("add `reviewed_on: YYYY-MM-DD`"),
            (false, None) => Diagnostic::warning(format!(
                "`{}` has no medical review, and the site reviews its articles every {days} \
                 days (`review_interval_days`)",
                fm.title
            ))
            .hint("once a clinician has reviewed it, add `reviewed_by` and `reviewed_on`"),
        };
        out.push(warning.at_location(a.review_location.clone()));
    }
    for s in &catalog.symptoms {
        if is_empty(&s.seek_care) {
            out.push(missing(&s.path, "symptom", &s.name, "seek_care").hint(
                "add `seek_care`: the red flags, and when to see a doctor or get help at once",
            ));
        }
        if s.sources.is_empty() {
            out.push(missing_sources(&s.path, "symptom", &s.name));
        }
    }
    for s in &catalog.supplements {
        if s.sources.is_empty() {
            out.push(missing_sources(&s.path, "supplement", &s.name));
        }
    }
    out
}

fn unnamed_reviewer(title: &str) -> Diagnostic {
    Diagnostic::warning(format!(
        "`{title}` gives the date of its medical review but not who reviewed it"
    ))
    .hint("add `reviewed_by` with the reviewer's name")
}

fn is_empty(text: &RecordText) -> bool {
    text.body.outline.plain_text.trim().is_empty()
}

fn missing(path: &Path, kind: &str, name: &str, field: &str) -> Diagnostic {
    Diagnostic::warning(format!("{kind} `{name}` has no `{field}`")).in_file(path)
}

fn missing_sources(path: &Path, kind: &str, name: &str) -> Diagnostic {
    missing(path, kind, name, "sources")
        .hint("add `sources`, a list of `{title, url}`: its page shows them as references")
}
