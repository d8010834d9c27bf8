//! The machine-read files: `sitemap.xml`, `atom.xml` and `robots.txt` (written by
//! [`crate::feeds`], from what the render stage knows of every page).

use super::{Output, Renderer, FEED_ENTRIES};
use crate::feeds::{self, FeedEntry, SitemapEntry};

impl Renderer<'_> {
    /// sitemap.xml, atom.xml and robots.txt.
    pub(super) fn machine_files(&self, output: &mut Output) {
        self.sitemap(output);
        self.atom(output);
        output.pages.insert(
            "robots.txt".into(),
            feeds::robots(&self.abs("/sitemap.xml")).into_bytes().into(),
        );
    }

    pub(super) fn sitemap(&self, output: &mut Output) {
        let c = self.c;
        let b = &self.site.backlinks;
        let newest = |list: &[usize]| {
            list.iter()
                .filter_map(|&a| c.articles[a].front.updated.or(c.articles[a].front.date))
                .max()
        };
        let all: Vec<usize> = (0..c.articles.len()).collect();
        let mut entries = vec![SitemapEntry {
            url: self.abs("/"),
            lastmod: newest(&all),
        }];
        // A section's page counts the articles of its sub-sections: it changes with them.
        // Children come after their parents in the catalog's sections.
        let mut section_lastmod = vec![None; c.sections.len()];
        for (i, s) in c.sections.iter().enumerate().rev() {
            section_lastmod[i] = s
                .children
                .iter()
                .filter_map(|&k| section_lastmod.get(k).copied().flatten())
                .chain(newest(&s.articles))
                .max();
        }
        for (s, lastmod) in c.sections.iter().zip(section_lastmod) {
            let path = s.url.strip_prefix(self.base()).unwrap_or(&s.url);
            entries.push(SitemapEntry {
                url: self.abs(path),
                lastmod,
            });
        }
        for (i, a) in c.articles.iter().enumerate() {
            entries.push(SitemapEntry {
                url: self.abs(&a.url),
                lastmod: newest(&[i]),
            });
        }
        for (i, s) in c.symptoms.iter().enumerate() {
            entries.push(SitemapEntry {
                url: self.abs_record("symptoms", &s.id),
                lastmod: newest(&b.symptom_articles[i]),
            });
        }
        for (i, s) in c.supplements.iter().enumerate() {
            entries.push(SitemapEntry {
                url: self.abs_record("supplements", &s.id),
                lastmod: newest(&b.supplement_articles[i]),
            });
        }
        for (i, k) in c.keywords.iter().enumerate() {
            entries.push(SitemapEntry {
                url: self.abs(k.url.strip_prefix(self.base()).unwrap_or(&k.url)),
                lastmod: newest(&b.keyword_articles[i]),
            });
        }
        for (i, t) in c.tags.iter().enumerate() {
            entries.push(SitemapEntry {
                url: self.abs(t.url.strip_prefix(self.base()).unwrap_or(&t.url)),
                lastmod: newest(&b.tag_articles[i]),
            });
        }
        for (i, t) in c.authors.iter().enumerate() {
            entries.push(SitemapEntry {
                url: self.abs(t.url.strip_prefix(self.base()).unwrap_or(&t.url)),
                lastmod: newest(&b.author_articles[i]),
            });
        }
        for p in &c.pages {
            entries.push(SitemapEntry {
                url: self.abs(&p.url),
                lastmod: p.front.updated,
            });
        }
        // An index counts the articles of each of its entries; the search page holds the
        // index of every article.
        let newest_of = |lists: &[Vec<usize>]| lists.iter().filter_map(|l| newest(l)).max();
        for p in crate::catalog::INDEX_PAGES {
            let lastmod = match p {
                "/symptoms/" => newest_of(&b.symptom_articles),
                "/supplements/" => newest_of(&b.supplement_articles),
                "/keywords/" => newest_of(&b.keyword_articles),
                "/tags/" => newest_of(&b.tag_articles),
                "/authors/" => newest_of(&b.author_articles),
                _ => newest(&all),
            };
            entries.push(SitemapEntry {
                url: self.abs(p),
                lastmod,
            });
        }
        entries.sort_by(|x, y| x.url.cmp(&y.url));
        output.pages.insert(
            "sitemap.xml".into(),
            feeds::sitemap(&entries).into_bytes().into(),
        );
    }

    /// Scheme and host of `base_url`: what a site path that carries `base_path` is
    /// absolute against.
    pub(super) fn origin(&self) -> &str {
        let config = &self.c.config;
        config
            .base_url
            .strip_suffix(config.base_path.as_str())
            .unwrap_or(&config.base_url)
    }

    /// Article `i`'s body for the feed, then the site's disclaimer, their links absolute.
    /// Links in the body carry the site's `base_path` already, so they take the address's
    /// origin alone.
    fn feed_html(&self, i: usize) -> String {
        let origin = self.origin();
        let page = self.abs(&self.c.articles[i].url);
        let Some(article) = self.site.articles.get(i) else {
            return String::new();
        };
        let mut html = feeds::absolute_links(&article.html, origin, &page);
        // Read in a feed reader, the article is away from the pages that say it is not
        // medical advice: the site's disclaimer goes with it.
        if !self.site.disclaimer.is_empty() {
            html.push_str("<hr>\n");
            html.push_str(&feeds::absolute_links(&self.site.disclaimer, origin, &page));
        }
        html
    }

    /// The Atom feed: the newest articles, with their card's description and their body.
    pub(super) fn atom(&self, output: &mut Output) {
        let c = self.c;
        let feed_entries: Vec<FeedEntry> = self
            .site
            .backlinks
            .newest_first
            .iter()
            .take(FEED_ENTRIES)
            .map(|&i| {
                let a = &c.articles[i];
                FeedEntry {
                    title: a.front.title.clone(),
                    url: self.abs(&a.url),
                    summary: self.description(i),
                    content: self.feed_html(i),
                    published: a.front.date,
                    updated: a.front.updated,
                    authors: a.front.authors.clone(),
                }
            })
            .collect();
        let site_url = self.abs("/");
        let feed_url = self.abs("/atom.xml");
        let feed = feeds::Feed {
            title: &c.config.title,
            subtitle: &c.config.description,
            site_url: &site_url,
            feed_url: &feed_url,
            language: &c.config.language,
            entries: &feed_entries,
        };
        output
            .pages
            .insert("atom.xml".into(), feeds::atom(&feed).into_bytes().into());
    }
}
