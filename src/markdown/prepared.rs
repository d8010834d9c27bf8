//! A body's HTML with the stretches only the link stage can settle marked as holes (link
//! destinations, cross-linkable text), so that stage fills them in without parsing the
//! Markdown again.

use super::{Decorated, Labels, Spanned};
use pulldown_cmark::{Event, LinkType, Tag, TagEnd};
use std::borrow::Cow;
use std::cell::RefCell;
use std::fmt::Write as _;
use std::ops::Range;

/// A body's HTML, with the stretches the link stage may rewrite marked: link and image
/// destinations, which it resolves (a link to `other.md` becomes the article's URL), and
/// text that may be cross-linked (outside headings, links, images, code and raw HTML that
/// holds them). Each stretch holds what an unlinked page shows, so [`Prepared::fill`] only
/// writes those it changes.
#[derive(Debug, Clone, Default)]
pub struct Prepared {
    pub html: String,
    /// In order, not overlapping.
    holes: Vec<Hole>,
}

#[derive(Debug, Clone)]
struct Hole {
    /// Byte range in `html`.
    range: Range<usize>,
    fill: Fill,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Fill {
    /// The destination of the `k`th link or image (as in [`super::Outline::links`]), escaped for an
    /// attribute.
    Dest(u32),
    /// Nothing, or the `width` and `height` of the `k`th link, a picture: an empty stretch
    /// after its `src`.
    Size(u32),
    /// Text, escaped: `&`, `<` and `>` as entities, soft line breaks as `\n`.
    Text,
}

/// What the link stage settles of a link or picture of a text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Settled {
    /// Where it goes, where that differs from what was written (`other.md` → its URL).
    pub dest: Option<String>,
    /// A picture's width and height, where its file tells them.
    pub size: Option<(u32, u32)>,
}

impl Prepared {
    /// Writes the HTML to `out`, with each link `k` as `settled[k]` says (its destination
    /// replaced, a picture's size added), and each piece of linkable text, unescaped, handed
    /// to `text`, which writes it as HTML and returns true, or returns false to keep it as
    /// it is.
    pub fn fill(
        &self,
        out: &mut String,
        settled: &[Settled],
        mut text: impl FnMut(&str, &mut String) -> bool,
    ) {
        let mut at = 0;
        for hole in &self.holes {
            let range = hole.range.clone();
            out.push_str(&self.html[at..range.start]);
            let written = &self.html[range.clone()];
            let done = match hole.fill {
                Fill::Dest(k) => match settled.get(k as usize).and_then(|s| s.dest.as_ref()) {
                    Some(dest) => {
                        // Writing to a `String` cannot fail.
                        let _ = pulldown_cmark_escape::escape_href(&mut *out, dest);
                        true
                    }
                    None => false,
                },
                Fill::Size(k) => match settled.get(k as usize).and_then(|s| s.size) {
                    Some((width, height)) => {
                        let _ = write!(out, " width=\"{width}\" height=\"{height}\"");
                        true
                    }
                    None => false,
                },
                Fill::Text => text(&unescape_body_text(written), out),
            };
            if !done {
                out.push_str(written);
            }
            at = range.end;
        }
        out.push_str(&self.html[at..]);
    }
}

/// The text pulldown-cmark's `escape_html_body_text` escaped to `written`.
fn unescape_body_text(written: &str) -> Cow<'_, str> {
    if !written.contains('&') {
        return Cow::Borrowed(written);
    }
    // Every `&` of escaped text starts one of the three entities the escaper writes.
    Cow::Owned(
        written
            .replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&amp;", "&"),
    )
}

/// Renders `events` to HTML with pulldown-cmark, noting where each hole lies: the writer
/// pulls events one at a time and has written all of one when it asks for the next, so the
/// length of its output at each request tells where the previous event's HTML ended.
pub(super) fn prepare(events: Vec<Spanned<'_>>, size: usize, labels: &Labels) -> Prepared {
    let html = RefCell::new(String::with_capacity(size + size / 2));
    let mut holes = Vec::new();
    let tracker = Tracker {
        events: Decorated::new(events.into_iter(), labels),
        html: &html,
        holes: &mut holes,
        linkable: LinkableText::default(),
        run_from: None,
        dest: None,
        links: 0,
        image_depth: 0,
        images: 0,
    };
    // Writing to a `String` cannot fail.
    let _ = pulldown_cmark::html::write_html_fmt(Shared(&html), tracker);
    Prepared {
        html: html.into_inner(),
        holes,
    }
}

/// How pulldown-cmark's writer begins an image.
pub(super) const IMAGE_PREFIX: &str = "<img src=\"";

/// Attributes for pictures below the first: fetched and decoded as the reader nears them.
pub(super) const LAZY: &str = " loading=\"lazy\" decoding=\"async\"";

/// The output the HTML writer and the [`Tracker`] share.
struct Shared<'h>(&'h RefCell<String>);

impl std::fmt::Write for Shared<'_> {
    fn write_str(&mut self, s: &str) -> std::fmt::Result {
        self.0.borrow_mut().push_str(s);
        Ok(())
    }
}

/// The events handed to the HTML writer, noting the holes of its output.
struct Tracker<'a, 'h, I: Iterator<Item = Spanned<'a>>> {
    events: I,
    html: &'h RefCell<String>,
    holes: &'h mut Vec<Hole>,
    linkable: LinkableText,
    /// Where the linkable text being written began.
    run_from: Option<usize>,
    /// A link or image start just handed over: where its HTML begins, what it begins with
    /// before the destination, and which link it is.
    dest: Option<(usize, &'static str, u32)>,
    /// Links and images so far.
    links: u32,
    /// Images so far.
    images: u32,
    /// Inside an image, whose content the writer turns into `alt` text and whose links it
    /// leaves out: how deep.
    image_depth: usize,
}

impl<'a, I: Iterator<Item = Spanned<'a>>> Iterator for Tracker<'a, '_, I> {
    type Item = Event<'a>;

    fn next(&mut self) -> Option<Event<'a>> {
        if let Some((from, prefix, k)) = self.dest.take() {
            let mut html = self.html.borrow_mut();
            // pulldown-cmark writes the destination between `prefix` and a quote, which its
            // escaping of the destination never leaves in.
            if html[from..].starts_with(prefix) {
                let mut start = from + prefix.len();
                // Pictures after the first (which may be the first thing a reader sees) load
                // as they are scrolled to. Every hole so far lies before this one.
                if prefix == IMAGE_PREFIX && self.images > 1 {
                    html.insert_str(from + "<img".len(), LAZY);
                    start += LAZY.len();
                }
                if let Some(n) = html[start..].find('"') {
                    self.holes.push(Hole {
                        range: start..start + n,
                        fill: Fill::Dest(k),
                    });
                    if prefix == IMAGE_PREFIX {
                        let after = start + n + 1;
                        self.holes.push(Hole {
                            range: after..after,
                            fill: Fill::Size(k),
                        });
                    }
                }
            }
        }
        let len = self.html.borrow().len();
        let event = self.events.next().map(|(e, _)| e);
        // Nothing inside an image is admitted: images block linking.
        let in_run = event.as_ref().is_some_and(|e| self.linkable.admits(e));
        match (in_run, self.run_from) {
            (true, None) => self.run_from = Some(len),
            (false, Some(from)) => {
                self.run_from = None;
                if from < len {
                    self.holes.push(Hole {
                        range: from..len,
                        fill: Fill::Text,
                    });
                }
            }
            _ => {}
        }
        let event = event?;
        if self.image_depth > 0 {
            match &event {
                Event::Start(_) => self.image_depth += 1,
                Event::End(_) => self.image_depth -= 1,
                _ => {}
            }
            if let Event::Start(Tag::Link { .. } | Tag::Image { .. }) = &event {
                self.links += 1;
            }
            return Some(event);
        }
        let prefix = match &event {
            Event::Start(Tag::Link {
                link_type: LinkType::Email,
                ..
            }) => Some("<a href=\"mailto:"),
            Event::Start(Tag::Link { .. }) => Some("<a href=\""),
            Event::Start(Tag::Image { .. }) => {
                self.image_depth = 1;
                self.images += 1;
                Some(IMAGE_PREFIX)
            }
            _ => None,
        };
        if let Some(prefix) = prefix {
            self.dest = Some((len, prefix, self.links));
            self.links += 1;
        }
        Some(event)
    }
}

/// Follows which text may be cross-linked: none inside headings, links, images, code, or
/// raw HTML elements that hold links, code or headings.
#[derive(Default)]
pub(super) struct LinkableText {
    blocked: usize,
}

impl LinkableText {
    /// Whether `event` is text that may be linked; takes note of what other events open and
    /// close.
    pub(super) fn admits(&mut self, event: &Event) -> bool {
        match event {
            Event::Text(_) | Event::SoftBreak => return self.blocked == 0,
            Event::Start(tag) if blocks_linking(tag) => self.blocked += 1,
            Event::End(tag) if ends_block(tag) => self.blocked = self.blocked.saturating_sub(1),
            Event::InlineHtml(html) | Event::Html(html) => {
                let depth = self.blocked as isize + raw_html_depth_change(html, BLOCKING);
                self.blocked = depth.max(0) as usize;
            }
            _ => {}
        }
        false
    }
}

fn blocks_linking(tag: &Tag) -> bool {
    matches!(
        tag,
        Tag::Heading { .. }
            | Tag::Link { .. }
            | Tag::Image { .. }
            | Tag::CodeBlock(_)
            | Tag::HtmlBlock
            | Tag::MetadataBlock(_)
    )
}

fn ends_block(tag: &TagEnd) -> bool {
    matches!(
        tag,
        TagEnd::Heading(_)
            | TagEnd::Link
            | TagEnd::Image
            | TagEnd::CodeBlock
            | TagEnd::HtmlBlock
            | TagEnd::MetadataBlock(_)
    )
}

/// Raw HTML elements whose text must not be linked: links (a link inside a link is invalid
/// HTML), code, and headings.
const BLOCKING: &[&str] = &[
    "a", "code", "pre", "kbd", "samp", "script", "style", "textarea", "h1", "h2", "h3", "h4", "h5",
    "h6", "button", "title",
];

/// How many of `elements` raw `html` opens minus how many it closes (names compared
/// without case).
pub(super) fn raw_html_depth_change(html: &str, elements: &[&str]) -> isize {
    let mut change = 0;
    let mut rest = html;
    while let Some(i) = rest.find('<') {
        rest = &rest[i + 1..];
        let closing = rest.starts_with('/');
        let after = rest.trim_start_matches('/');
        let name_len = after
            .bytes()
            .position(|b| !b.is_ascii_alphanumeric())
            .unwrap_or(after.len());
        // Compared in place: headings' anchors and the FAQ's wrappers are raw HTML too, so
        // a name copied and lower-cased per tag was a few allocations per article.
        let name = &after[..name_len];
        if !elements.iter().any(|b| b.eq_ignore_ascii_case(name)) {
            continue;
        }
        let tag_end = rest.find('>').unwrap_or(rest.len());
        let self_closing = rest[..tag_end].ends_with('/');
        if closing {
            change -= 1;
        } else if !self_closing {
            change += 1;
        }
    }
    change
}

#[cfg(test)]
mod tests {
    use super::{raw_html_depth_change, BLOCKING};

    /// Raw HTML that opens an element in which nothing may be linked (a link, code, a
    /// heading…) blocks linking until it closes, whatever the case of its name.
    #[test]
    fn raw_html_opens_and_closes_blocking_elements() {
        assert_eq!(raw_html_depth_change("<a href=\"x\">", BLOCKING), 1);
        assert_eq!(raw_html_depth_change("<A HREF=\"x\">", BLOCKING), 1);
        assert_eq!(raw_html_depth_change("</Code>", BLOCKING), -1);
        assert_eq!(raw_html_depth_change("<H2 id=x>t</h2><kbd>", BLOCKING), 1);
        assert_eq!(raw_html_depth_change("<a/>", BLOCKING), 0, "self-closing");
        assert_eq!(
            raw_html_depth_change("<abbr><span></span><br>", BLOCKING),
            0,
            "not blocking"
        );
        assert_eq!(
            raw_html_depth_change("<div class=\"faq\"><section>", BLOCKING),
            0
        );
        assert_eq!(raw_html_depth_change("a < b", BLOCKING), 0);
    }
}
