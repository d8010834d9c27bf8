//! Machine-read files: `atom.xml`, `sitemap.xml` and `robots.txt`. Written by hand rather than
//! through templates so that their XML is always well-formed and escaped.

use crate::date::Date;

pub fn escape_xml(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // XML 1.0 forbids them. The load and parse stages have made them spaces
            // already; this keeps a feed whole should one come from elsewhere.
            c if crate::load::forbidden(c) => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

pub struct SitemapEntry {
    /// Absolute URL.
    pub url: String,
    pub lastmod: Option<Date>,
}

pub fn sitemap(entries: &[SitemapEntry]) -> String {
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for e in entries {
        xml.push_str("  <url>\n    <loc>");
        xml.push_str(&escape_xml(&e.url));
        xml.push_str("</loc>\n");
        if let Some(d) = e.lastmod {
            xml.push_str(&format!("    <lastmod>{}</lastmod>\n", d.iso()));
        }
        xml.push_str("  </url>\n");
    }
    xml.push_str("</urlset>\n");
    xml
}

pub struct FeedEntry {
    pub title: String,
    pub url: String,
    pub summary: String,
    /// The article's body as HTML, its links absolute (see [`absolute_links`]).
    pub content: String,
    pub published: Option<Date>,
    pub updated: Option<Date>,
    pub authors: Vec<String>,
}

pub struct Feed<'a> {
    pub title: &'a str,
    pub subtitle: &'a str,
    pub site_url: &'a str,
    pub feed_url: &'a str,
    pub language: &'a str,
    pub entries: &'a [FeedEntry],
}

/// An Atom 1.0 feed. Its `updated` is the newest entry's date, never the build time, so two
/// builds of the same content give the same bytes.
pub fn atom(feed: &Feed) -> String {
    let newest = feed
        .entries
        .iter()
        .filter_map(|e| e.updated.or(e.published))
        .max()
        .unwrap_or(Date {
            year: 1970,
            month: 1,
            day: 1,
        });
    let mut xml = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{}\">\n  <title>{}</title>\n",
        escape_xml(feed.language),
        escape_xml(feed.title)
    );
    if !feed.subtitle.is_empty() {
        xml.push_str(&format!(
            "  <subtitle>{}</subtitle>\n",
            escape_xml(feed.subtitle)
        ));
    }
    xml.push_str(&format!(
        "  <link href=\"{}\" rel=\"self\" type=\"application/atom+xml\"/>\n  <link href=\"{}\"/>\n  <id>{}</id>\n  <updated>{}</updated>\n  <author><name>{}</name></author>\n  <generator>Materia</generator>\n",
        escape_xml(feed.feed_url),
        escape_xml(feed.site_url),
        escape_xml(feed.site_url),
        newest.rfc3339(),
        escape_xml(feed.title)
    ));
    for e in feed.entries {
        let updated = e.updated.or(e.published).unwrap_or(newest);
        xml.push_str("  <entry>\n");
        xml.push_str(&format!("    <title>{}</title>\n", escape_xml(&e.title)));
        xml.push_str(&format!("    <link href=\"{}\"/>\n", escape_xml(&e.url)));
        xml.push_str(&format!("    <id>{}</id>\n", escape_xml(&e.url)));
        if let Some(p) = e.published {
            xml.push_str(&format!("    <published>{}</published>\n", p.rfc3339()));
        }
        xml.push_str(&format!("    <updated>{}</updated>\n", updated.rfc3339()));
        for a in &e.authors {
            xml.push_str(&format!(
                "    <author><name>{}</name></author>\n",
                escape_xml(a)
            ));
        }
        if !e.summary.is_empty() {
            xml.push_str(&format!(
                "    <summary>{}</summary>\n",
                escape_xml(&e.summary)
            ));
        }
        if !e.content.is_empty() {
            // The whole article, as feed readers show it: a summary alone sends every
            // reader to the site for each post. `xml:base` covers links written in raw HTML
            // that `absolute_links` does not see.
            xml.push_str(&format!(
                "    <content type=\"html\" xml:base=\"{}\">{}</content>\n",
                escape_xml(&e.url),
                escape_xml(&e.content)
            ));
        }
        xml.push_str("  </entry>\n");
    }
    xml.push_str("</feed>\n");
    xml
}

pub fn robots(sitemap_url: &str) -> String {
    format!("User-agent: *\nAllow: /\n\nSitemap: {sitemap_url}\n")
}

/// `html` with its site-relative links (`href="/…"`, `src="/…"`) prefixed with `origin`
/// (scheme and host, no path) and its links to the page's own sections (`href="#…"`) with
/// `page`, the page's absolute address: a feed reader shows the body away from the site.
pub fn absolute_links(html: &str, origin: &str, page: &str) -> String {
    let mut out = String::with_capacity(html.len() + html.len() / 16);
    let mut rest = html;
    while let Some(at) = rest.find("=\"") {
        let (before, after) = rest.split_at(at + 2);
        out.push_str(before);
        let attribute = before[..at]
            .rsplit([' ', '\n', '\t'])
            .next()
            .unwrap_or_default();
        if matches!(attribute, "href" | "src") {
            if after.starts_with('/') && !after.starts_with("//") {
                out.push_str(origin);
            } else if after.starts_with('#') {
                out.push_str(page);
            }
        }
        rest = after;
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::{absolute_links, escape_xml};

    #[test]
    fn xml_escapes_markup_and_writes_what_xml_forbids_as_spaces() {
        assert_eq!(
            escape_xml("a<b & 'c' \"d\">\tfine\u{b}\u{7f}\u{85}\u{fffe}µ°"),
            "a&lt;b &amp; &apos;c&apos; &quot;d&quot;&gt;\tfine    µ°"
        );
    }

    #[test]
    fn site_relative_and_section_links_are_made_absolute() {
        let html = "<p><a href=\"/symptoms/numbness/\">numbness</a> <a href=\"#causes\">#</a> \
                    <img src=\"/articles/a/img.png\" alt=\"\"> <a href=\"//cdn.example/x\">x</a> \
                    <a href=\"https://other.example/\">o</a> <a class=\"/not-a-link\" title=\"#no\">t</a></p>";
        assert_eq!(
            absolute_links(html, "https://x.org", "https://x.org/kb/articles/a/"),
            "<p><a href=\"https://x.org/symptoms/numbness/\">numbness</a> \
             <a href=\"https://x.org/kb/articles/a/#causes\">#</a> \
             <img src=\"https://x.org/articles/a/img.png\" alt=\"\"> <a href=\"//cdn.example/x\">x</a> \
             <a href=\"https://other.example/\">o</a> <a class=\"/not-a-link\" title=\"#no\">t</a></p>"
        );
    }
}
