//! The checks that need the rendered site: links that linking let through but could not
//! settle (see [`crate::link::UnverifiedLink`]), looked for among the pages the render
//! stage made.

use crate::diagnostics::{did_you_mean, Diagnostic, Diagnostics};
use crate::link::LinkedSite;
use crate::render::{file_for, Output};
use std::collections::HashMap;

/// Reports each unverified link of `site` whose page `output` does not have, or whose page
/// has no element with its `#id`. A page handed to a sink as it rendered (`materia build`
/// writes them so) is known by its name only: the ids of links to it pass.
pub fn rendered_links(site: &LinkedSite, output: &Output, diags: &Diagnostics) {
    let base = site.catalog.config.base_path.as_str();
    // Each page's ids, read once however many links name a part of it.
    let mut ids_of: HashMap<String, Vec<String>> = HashMap::new();
    for link in site.unverified_links() {
        let (path, fragment) = link
            .target
            .split_once('#')
            .unwrap_or((link.target.as_str(), ""));
        let file = file_for(path.strip_prefix(base).unwrap_or(path));
        let page = output.pages.get(&file);
        if page.is_none() && !output.streamed.contains(&file) {
            diags.push(
                Diagnostic::error(format!(
                    "link to `{}`, a page that does not exist",
                    link.raw
                ))
                .hint("a keyword's list has as many pages as its articles fill; link to its first page")
                .at_location(link.location.clone()),
            );
            continue;
        }
        let Some(page) = page.filter(|_| !fragment.is_empty()) else {
            continue;
        };
        let ids = ids_of.entry(file).or_insert_with(|| {
            ids(&String::from_utf8_lossy(page))
                .into_iter()
                .map(str::to_string)
                .collect()
        });
        let decoded = percent_encoding::percent_decode_str(fragment).decode_utf8_lossy();
        if !ids.iter().any(|id| id == fragment || *id == decoded) {
            diags.push(
                Diagnostic::error(format!(
                    "link to `{}`: the page has no part with the id `#{fragment}`",
                    link.raw
                ))
                .maybe_hint(
                    did_you_mean(fragment, ids.iter().map(String::as_str))
                        .map(|id| format!("did you mean `#{id}`?")),
                )
                .at_location(link.location.clone()),
            );
        }
    }
}

/// The values of the `id` attributes of an HTML page, quoted either way (the raw HTML of
/// an article may use single quotes).
fn ids(html: &str) -> Vec<&str> {
    let bytes = html.as_bytes();
    html.match_indices("id=")
        .filter_map(|(at, open)| {
            if !at
                .checked_sub(1)
                .is_some_and(|b| bytes[b].is_ascii_whitespace())
            {
                return None;
            }
            let rest = &html[at + open.len()..];
            let quote = rest.chars().next().filter(|&c| c == '"' || c == '\'')?;
            let value = &rest[1..];
            value.find(quote).map(|end| &value[..end])
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::ids;

    #[test]
    fn ids_are_read_from_quoted_attributes_after_white_space() {
        let html = "<h2 id=\"causes\">Causes</h2><p data-id=\"x\" id=\"\">t</p>\
                    <section\nid='record-sources' class=\"s\"><a id=bare>";
        assert_eq!(ids(html), ["causes", "", "record-sources"]);
    }
}
