//! Alerts: GitHub's `> [!NOTE]` boxes, and the titled and further kinds Obsidian and Hugo
//! write (`> [!WARNING] Stop if you feel faint`, `[!danger]`), for red flags and tips.

use super::{plain_text, Labels, Spanned};
use pulldown_cmark::{BlockQuoteKind, CowStr, Event, Tag, TagEnd};
use std::borrow::Cow;

/// Quotes opening with an alert marker that GitHub's syntax leaves as text: one with a
/// title after it (`> [!WARNING] Stop if you feel faint`, as Obsidian and Hugo write
/// them), or one of Obsidian's further kinds (`[!danger]`, `[!info]`…), shown as the
/// GitHub kind nearest to it and titled with its own name. Their marker line becomes the
/// alert's title; a `+` or `-` after the marker (Obsidian's folding) is dropped.
pub(super) fn titled_alerts(events: &mut Vec<Spanned>) {
    let mut i = 0;
    while i + 2 < events.len() {
        if !matches!(events[i].0, Event::Start(Tag::BlockQuote(None)))
            || !matches!(events[i + 1].0, Event::Start(Tag::Paragraph))
        {
            i += 1;
            continue;
        }
        // The first line's events: up to its line break, or the whole paragraph.
        let first = i + 2;
        let mut end = first;
        while end < events.len()
            && !matches!(
                events[end].0,
                Event::SoftBreak | Event::HardBreak | Event::End(TagEnd::Paragraph)
            )
        {
            end += 1;
        }
        // A line ending inside a link or emphasis that goes on below is left as written:
        // taking it out would leave its end behind.
        let mut open_tags = 0isize;
        let balanced = events[first..end].iter().all(|(e, _)| {
            match e {
                Event::Start(_) => open_tags += 1,
                Event::End(_) => open_tags -= 1,
                _ => {}
            }
            open_tags >= 0
        }) && open_tags == 0;
        if end >= events.len() {
            break;
        }
        let line = plain_text(events[first..end].iter().map(|(e, _)| e));
        let marker = balanced.then(|| alert_marker(&line)).flatten();
        let Some((class, title, title_at)) = marker else {
            i += 1;
            continue;
        };
        let mut open = String::with_capacity(96);
        open.push_str("<div class=\"alert alert-");
        open.push_str(class);
        open.push_str("\" role=\"note\">\n<p class=\"alert-title\">");
        let span = events[i].1.clone();
        let paragraph_ends = matches!(events[end].0, Event::End(TagEnd::Paragraph));
        let mut replacement = vec![(Event::Html(CowStr::from(open)), span.clone())];
        // A written title keeps its markup (emphasis, code, links), its text cross-linked
        // as the paragraph's would be; a kind's name is text.
        match title_at.and_then(|at| after_text(&events[first..end], at)) {
            Some((k, cut)) => {
                let mut written = events[first + k..end].to_vec();
                if let Some((Event::Text(text), range)) = written.first_mut() {
                    let rest = text[cut..].trim_start().to_string();
                    range.start = (range.start + text.len() - rest.len()).min(range.end);
                    *text = CowStr::from(rest);
                }
                replacement.extend(written);
            }
            None => {
                let mut named = String::with_capacity(title.len() + 8);
                let _ = pulldown_cmark_escape::escape_html_body_text(&mut named, &title);
                replacement.push((Event::Html(CowStr::from(named)), span.clone()));
            }
        }
        replacement.push((Event::Html(CowStr::Borrowed("</p>\n")), span.clone()));
        // The marker line goes, and its paragraph with it when the line was all of it.
        if !paragraph_ends {
            replacement.push((Event::Start(Tag::Paragraph), span));
        }
        events.splice(i..=end, replacement);
        // Its quote's end, past quotes inside it.
        let mut depth = 0usize;
        for (e, _) in events[i + 1..].iter_mut() {
            match e {
                Event::Start(Tag::BlockQuote(_)) => depth += 1,
                Event::End(TagEnd::BlockQuote(_)) if depth > 0 => depth -= 1,
                Event::End(TagEnd::BlockQuote(_)) => {
                    *e = Event::Html(CowStr::Borrowed("</div>\n"));
                    break;
                }
                _ => {}
            }
        }
        i += 1;
    }
}

/// Where the text of `events` reaches byte `at` (of their text run together): the index of
/// the event starting there or of the text event holding it, and the offset in that event,
/// where the events before it are all text. `None` when `at` is past them or markup comes
/// before it.
fn after_text(events: &[Spanned], at: usize) -> Option<(usize, usize)> {
    let mut seen = 0;
    for (k, (event, _)) in events.iter().enumerate() {
        if at == seen {
            return Some((k, 0));
        }
        let Event::Text(text) = event else {
            return None;
        };
        if at < seen + text.len() {
            let cut = at - seen;
            return text.is_char_boundary(cut).then_some((k, cut));
        }
        seen += text.len();
    }
    None
}

/// The alert class and title of a quote's first line when it is an alert marker that
/// pulldown-cmark does not take as one (see [`titled_alerts`]), and where in the line a
/// written title starts (`None` for a kind's own name).
fn alert_marker(line: &str) -> Option<(&'static str, Cow<'_, str>, Option<usize>)> {
    let rest = line.strip_prefix("[!")?;
    let close = rest.find(']')?;
    let kind = &rest[..close];
    let after = &rest[close + 1..];
    let after = after.strip_prefix(['+', '-']).unwrap_or(after);
    if !after.is_empty() && !after.starts_with([' ', '\t']) {
        return None;
    }
    let title = after.trim();
    let class = match kind.to_ascii_lowercase().as_str() {
        // GitHub's own, untitled, pulldown-cmark has taken already.
        "note" | "tip" | "important" | "warning" | "caution" if title.is_empty() => return None,
        "note" | "info" | "todo" | "abstract" | "summary" | "tldr" | "question" | "help"
        | "faq" | "example" | "quote" | "cite" => "note",
        "tip" | "hint" | "success" | "check" | "done" => "tip",
        "important" => "important",
        "warning" | "attention" => "warning",
        "caution" | "danger" | "error" | "failure" | "fail" | "missing" | "bug" => "caution",
        _ => return None,
    };
    if title.is_empty() {
        // Obsidian titles an untitled alert with its kind, capitalised.
        let mut chars = kind.chars();
        let named = chars
            .next()
            .map(|c| c.to_ascii_uppercase().to_string() + &chars.as_str().to_ascii_lowercase());
        return Some((class, Cow::Owned(named.unwrap_or_default()), None));
    }
    let at = line.len() - after.trim_start().len();
    Some((class, Cow::Borrowed(title), Some(at)))
}

/// The start of an alert of `kind` (`> [!NOTE]`), its title included.
pub(super) fn alert_open(kind: BlockQuoteKind, labels: &Labels) -> &str {
    let i = match kind {
        BlockQuoteKind::Note => 0,
        BlockQuoteKind::Tip => 1,
        BlockQuoteKind::Important => 2,
        BlockQuoteKind::Warning => 3,
        BlockQuoteKind::Caution => 4,
    };
    &labels.alerts[i]
}
