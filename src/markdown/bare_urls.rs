//! Bare web addresses in text ("see `https://www.nhs.uk/conditions/…`" or "`www.nhs.uk`") made
//! links, as GitHub and Hugo make them: health posts cite their sources so, and CommonMark
//! alone leaves them as text a reader cannot follow. They then count as any link does: a
//! bare address of a supplement's product page is a reference to the supplement.

use super::{LinkableText, Spanned};
use pulldown_cmark::{CowStr, Event, LinkType, Tag, TagEnd};
use std::ops::Range;

/// Turns the bare addresses of `events`' linkable text (not in headings, links, code or raw
/// HTML links) into links.
pub(super) fn link(events: &mut Vec<Spanned>) {
    // Runs of text events, joined: pulldown-cmark splits text at characters that might have
    // been emphasis (`_`), which addresses are full of. Only runs with the start of an
    // address are kept and joined: most text has none.
    let mut linkable = LinkableText::default();
    let mut spans: Vec<Range<usize>> = Vec::new();
    let mut run: Option<(Range<usize>, bool)> = None;
    for (i, (e, _)) in events.iter().enumerate() {
        let admitted = linkable.admits(e);
        let Event::Text(text) = e else { continue };
        if !admitted {
            continue;
        }
        let starts = next_start(text).is_some();
        match &mut run {
            Some((r, any)) if r.end == i => (r.end, *any) = (i + 1, *any || starts),
            _ => {
                if let Some((r, true)) = run.take() {
                    spans.push(r);
                }
                run = Some((i..i + 1, starts));
            }
        }
    }
    spans.extend(run.and_then(|(r, any)| any.then_some(r)));
    let text = |i: usize| match &events[i].0 {
        Event::Text(t) => t.as_ref(),
        _ => "",
    };
    let runs: Vec<(Range<usize>, String, Vec<Range<usize>>)> = spans
        .into_iter()
        .filter_map(|run| {
            let joined: String = run.clone().map(text).collect();
            let urls = find(&joined);
            (!urls.is_empty()).then_some((run, joined, urls))
        })
        .collect();
    if runs.is_empty() {
        return;
    }
    let old = std::mem::take(events);
    events.reserve(old.len() + runs.len() * 4);
    let mut old = old.into_iter().enumerate().peekable();
    for (replaced, text, urls) in runs {
        while let Some((_, e)) = old.next_if(|(i, _)| *i < replaced.start) {
            events.push(e);
        }
        let spans: Vec<Range<usize>> = old
            .by_ref()
            .take(replaced.len())
            .map(|(_, (_, span))| span)
            .collect();
        let span = spans.first().map_or(0, |s| s.start)..spans.last().map_or(0, |s| s.end);
        // Offsets in the file follow the text's where it is written as it reads (no
        // escapes or entities before the address); otherwise they are near enough for a
        // diagnostic's line.
        let at = |r: &Range<usize>| {
            (span.start + r.start).min(span.end)..(span.start + r.end).min(span.end)
        };
        let piece = |r: Range<usize>| CowStr::from(text[r].to_string());
        let mut from = 0;
        for url in urls {
            if url.start > from {
                events.push((Event::Text(piece(from..url.start)), at(&(from..url.start))));
            }
            let written = &text[url.clone()];
            let dest = if written[..4].eq_ignore_ascii_case("www.") {
                CowStr::from(format!("https://{written}"))
            } else {
                piece(url.clone())
            };
            let tag = Tag::Link {
                link_type: LinkType::Autolink,
                dest_url: dest,
                title: CowStr::Borrowed(""),
                id: CowStr::Borrowed(""),
            };
            events.push((Event::Start(tag), at(&url)));
            events.push((Event::Text(piece(url.clone())), at(&url)));
            events.push((Event::End(TagEnd::Link), at(&url)));
            from = url.end;
        }
        if from < text.len() {
            events.push((
                Event::Text(piece(from..text.len())),
                at(&(from..text.len())),
            ));
        }
    }
    events.extend(old.map(|(_, e)| e));
}

/// Where `text` holds bare addresses: `http://` or `https://` followed by a host, or a host
/// starting `www.` with a dot after it, at the start of a word; up to a space or `<`, less
/// closing punctuation and unbalanced closing brackets (a sentence's full stop, an
/// address in brackets).
fn find(text: &str) -> Vec<Range<usize>> {
    let mut found = Vec::new();
    let mut i = 0;
    while let Some((at, prefix)) = next_start(&text[i..]) {
        let start = i + at;
        let word_start = text[..start]
            .chars()
            .next_back()
            .is_none_or(|c| !(c.is_alphanumeric() || "/.@-_:".contains(c)));
        let mut end = start
            + text[start..]
                .find(|c: char| c.is_whitespace() || c == '<' || c.is_control())
                .unwrap_or(text.len() - start);
        end = trimmed_end(&text[start..end]) + start;
        let host = &text[start + prefix.min(end - start)..end];
        let host_name = host.split(['/', '?', '#']).next().unwrap_or_default();
        let valid = !host_name.is_empty()
            && host_name
                .chars()
                .all(|c| c.is_alphanumeric() || "-._:".contains(c))
            && (prefix != 4 || host_name.contains('.') && !host_name.ends_with('.'));
        i = if word_start && valid {
            found.push(start..end);
            end
        } else {
            start + 1
        };
    }
    found
}

/// The next place in `text` an address may start (`http://`, `https://` or `www.`, in either
/// case), and the length of that prefix: found with vectorised searches for `://` and
/// `www.`, which prose rarely holds, rather than for every `h` and `w`.
fn next_start(text: &str) -> Option<(usize, usize)> {
    use memchr::memmem::Finder;
    use std::sync::LazyLock;
    static SCHEME: LazyLock<Finder<'static>> = LazyLock::new(|| Finder::new("://"));
    static WWW: LazyLock<[Finder<'static>; 2]> =
        LazyLock::new(|| [Finder::new("www."), Finder::new("WWW.")]);
    let bytes = text.as_bytes();
    let www = WWW
        .iter()
        .filter_map(|f| f.find(bytes))
        .min()
        .map(|at| (at, 4));
    let mut from = 0;
    let scheme = 'found: loop {
        let Some(at) = SCHEME.find(&bytes[from..]).map(|i| from + i) else {
            break None;
        };
        let before = |n: usize| at.checked_sub(n).map(|s| &bytes[s..at]);
        for scheme in ["https", "http"] {
            if before(scheme.len()).is_some_and(|b| b.eq_ignore_ascii_case(scheme.as_bytes())) {
                break 'found Some((at - scheme.len(), scheme.len() + 3));
            }
        }
        from = at + 1;
    };
    match (scheme, www) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    }
}

/// The length of `url` without the punctuation that ends the sentence around it, and
/// without closing brackets it does not open.
fn trimmed_end(url: &str) -> usize {
    let mut end = url.len();
    loop {
        let part = &url[..end];
        let Some(last) = part.chars().next_back() else {
            return 0;
        };
        let unbalanced = |open: char, close: char| {
            last == close && part.matches(close).count() > part.matches(open).count()
        };
        if "?!.,:;*_~'\"".contains(last) || unbalanced('(', ')') || unbalanced('[', ']') {
            end -= last.len_utf8();
        } else {
            return end;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn urls(text: &str) -> Vec<&str> {
        find(text).into_iter().map(|r| &text[r]).collect()
    }

    #[test]
    fn addresses_end_before_the_sentence_goes_on() {
        assert_eq!(
            urls("See https://www.nhs.uk/conditions/b12/. Or (www.nih.gov/b12), then stop."),
            ["https://www.nhs.uk/conditions/b12/", "www.nih.gov/b12"]
        );
        assert_eq!(
            urls("https://en.wikipedia.org/wiki/Cobalamin_(vitamin), and HTTP://A.B/x?y=1&z=2!"),
            [
                "https://en.wikipedia.org/wiki/Cobalamin_(vitamin)",
                "HTTP://A.B/x?y=1&z=2"
            ]
        );
    }

    #[test]
    fn only_whole_addresses_at_the_start_of_a_word() {
        for text in [
            "nowww.example.com",
            "a www. b",
            "www.example",
            "https:// nothing",
            "shttp://x.y",
            "the http header",
            "/https://x.y",
        ] {
            assert_eq!(urls(text), Vec::<&str>::new(), "{text}");
        }
    }
}
