//! Pages that list articles: the home page, sections, keywords, tags and people, each
//! split into pages past `paginate_by`, and the A–Z indexes.

use super::{
    excerpt, link_with_host, HomePage, List, PageMeta, Rendered, Renderer, Roles, SectionPage,
    TermPage, HOME_ARTICLES,
};
use crate::diagnostics::Diagnostic;
use crate::jsonld;
use crate::views::{
    letter_groups, page_url, ArticleCard, ListItem, Named, Paginator, PersonView, RecordCard,
    SectionSummary, SectionView, Titled,
};
use serde_json::json;

impl Renderer<'_> {
    pub(super) fn section(&self, i: usize, page: usize) -> Result<Rendered, Diagnostic> {
        let s = &self.c.sections[i];
        let mut articles = s.articles.clone();
        self.sort_newest_first(&mut articles);
        let (paginator, meta) = self.list_page(
            &s.url,
            page,
            &articles,
            &s.title,
            format!("{} articles on {}.", s.title, self.c.config.title),
            self.section_crumbs(&s.path),
        );
        let view = SectionView {
            title: &s.title,
            url: &s.url,
            articles: self.list_cards(paginator.slice(&articles))?,
            // Sub-sections lead the section: on its first page only.
            subsections: if page == 1 {
                s.children
                    .iter()
                    .map(|&ch| self.section_summary(ch))
                    .collect()
            } else {
                Vec::new()
            },
        };
        self.finish(
            "section.html",
            meta,
            SectionPage {
                section: view,
                paginator,
            },
        )
    }

    /// Page `page` of the list of `articles` at `url`: what to offer of its other pages,
    /// and its title, description, JSON-LD and breadcrumbs (after the first page, the
    /// trail passes through the first).
    fn list_page(
        &self,
        url: &str,
        page: usize,
        articles: &[usize],
        title: &str,
        description: String,
        mut breadcrumbs: Vec<Titled>,
    ) -> (Paginator, PageMeta) {
        let paginator = Paginator::new(url, page, articles.len(), self.c.config.paginate_by);
        let first = url.strip_prefix(self.base()).unwrap_or(url);
        let path = page_url(first, page);
        let (title, description) = if page == 1 {
            (title.to_string(), description)
        } else {
            breadcrumbs.push(Titled {
                title: title.to_string(),
                url: url.to_string(),
            });
            let words = &self.c.config.words;
            let total = paginator.total.to_string();
            let page = page as i64;
            (
                words.count("title_page", page, &[("name", title), ("total", &total)]),
                format!(
                    "{description} {}.",
                    words.count("page_of", page, &[("total", &total)])
                ),
            )
        };
        let meta = PageMeta {
            jsonld: vec![jsonld::web_page("CollectionPage", &title, &self.abs(&path))],
            path,
            title,
            description,
            og_type: "website",
            breadcrumbs,
        };
        (paginator, meta)
    }

    fn section_count(&self, i: usize) -> usize {
        let s = &self.c.sections[i];
        s.articles.len()
            + s.children
                .iter()
                .map(|&c| self.section_count(c))
                .sum::<usize>()
    }

    fn section_summary(&self, i: usize) -> SectionSummary {
        let s = &self.c.sections[i];
        SectionSummary {
            title: s.title.clone(),
            url: s.url.clone(),
            count: self.section_count(i),
        }
    }

    fn sort_newest_first(&self, articles: &mut [usize]) {
        let rank = &self.site.backlinks.newest_first;
        let mut pos = vec![0; rank.len()];
        for (r, &a) in rank.iter().enumerate() {
            pos[a] = r;
        }
        articles.sort_by_key(|&a| pos[a]);
    }

    /// A keyword's, tag's or person's page (a section's is [`Self::section`]).
    pub(super) fn term(
        &self,
        listing: List,
        i: usize,
        page: usize,
    ) -> Result<Rendered, Diagnostic> {
        let c = self.c;
        let b = &self.site.backlinks;
        let words = &c.config.words;
        let (term, articles, kind, index, label) = match listing {
            List::Keyword => (
                &c.keywords[i],
                &b.keyword_articles[i],
                "keyword",
                "/keywords/",
                words.get("keywords"),
            ),
            List::Author => (
                &c.authors[i],
                &b.author_articles[i],
                "author",
                "/authors/",
                words.get("authors"),
            ),
            List::Tag | List::Section => (
                &c.tags[i],
                &b.tag_articles[i],
                "tag",
                "/tags/",
                words.get("tags"),
            ),
        };
        let fill = [
            ("name", term.name.as_str()),
            ("site", c.config.title.as_str()),
        ];
        let description = match listing {
            List::Author => words.fill("author_description", &fill),
            _ => words.fill("term_description", &fill),
        };
        let record = match listing {
            List::Author => c.author_records[i].map(|p| (&c.people[p], &self.site.people[p])),
            _ => None,
        };
        let (paginator, mut meta) = self.list_page(
            &term.url,
            page,
            articles,
            &term.name,
            description,
            vec![
                self.home_crumb(),
                Titled {
                    title: label.into(),
                    url: format!("{}{index}", self.base()),
                },
            ],
        );
        if let Some((p, _)) = record {
            let description = p.bio.body.describing_text();
            meta.jsonld.push(jsonld::profile_page(
                &self.abs(term.url.strip_prefix(self.base()).unwrap_or(&term.url)),
                &p.name,
                &p.job_title,
                &excerpt(description, 300),
                &p.links,
            ));
        }
        let cards = self.list_cards(paginator.slice(articles))?;
        self.finish(
            "term.html",
            meta,
            TermPage {
                kind,
                term: Named {
                    name: term.name.clone(),
                    url: term.url.clone(),
                },
                // An author who also reviews an article counts as its reviewer only.
                roles: (listing == List::Author).then(|| {
                    let reviewed = articles
                        .iter()
                        .filter(|&&a| c.article_reviewer[a] == Some(i))
                        .count();
                    Roles {
                        wrote: articles.len() - reviewed,
                        reviewed,
                    }
                }),
                person: record.map(|(p, bio_html)| PersonView {
                    name: &p.name,
                    credentials: &p.credentials,
                    job_title: &p.job_title,
                    bio_html,
                    links: p.links.iter().map(|u| link_with_host(u)).collect(),
                    extra: &p.extra,
                }),
                articles: cards,
                paginator,
                index_url: format!("{}{index}", self.base()),
            },
        )
    }

    pub(super) fn list(&self, kind: &str) -> Result<Rendered, Diagnostic> {
        let c = self.c;
        let b = &self.site.backlinks;
        let words = &c.config.words;
        fn item<'x>(
            name: &'x str,
            url: &'x str,
            summary: &'x str,
            articles: &[usize],
        ) -> ListItem<'x> {
            ListItem {
                name,
                url,
                summary,
                count: articles.len(),
            }
        }
        let mut items: Vec<ListItem> = match kind {
            "symptoms" => c
                .symptoms
                .iter()
                .zip(&c.symptom_urls)
                .zip(&b.symptom_articles)
                .map(|((s, url), a)| item(&s.name, url, &s.summary, a))
                .collect(),
            "supplements" => c
                .supplements
                .iter()
                .zip(&c.supplement_urls)
                .zip(&b.supplement_articles)
                .map(|((s, url), a)| item(&s.name, url, &s.summary, a))
                .collect(),
            "keywords" => c
                .keywords
                .iter()
                .zip(&b.keyword_articles)
                .map(|(t, a)| item(&t.name, &t.url, "", a))
                .collect(),
            "authors" => c
                .authors
                .iter()
                .zip(&b.author_articles)
                .map(|(t, a)| item(&t.name, &t.url, "", a))
                .collect(),
            _ => c
                .tags
                .iter()
                .zip(&b.tag_articles)
                .map(|(t, a)| item(&t.name, &t.url, "", a))
                .collect(),
        };
        let kind_key = match kind {
            "symptoms" | "supplements" | "keywords" | "authors" => kind,
            _ => "tags",
        };
        let title = match kind_key {
            "authors" => words.get("authors_and_reviewers"),
            _ => words.get(kind_key),
        };
        let intro = words.get(&[kind_key, "_intro"].concat()).to_string();
        items.sort_by(|x, y| {
            x.name
                .to_lowercase()
                .cmp(&y.name.to_lowercase())
                .then(x.url.cmp(y.url))
        });
        let path = format!("/{kind}/");
        let meta = PageMeta {
            path: path.clone(),
            title: title.into(),
            description: intro.clone(),
            og_type: "website",
            jsonld: vec![jsonld::web_page("CollectionPage", title, &self.abs(&path))],
            breadcrumbs: vec![self.home_crumb()],
        };
        self.finish(
            "list.html",
            meta,
            {
                let (letters, groups) = letter_groups(&items, words.get("other"));
                json!({"kind": kind, "title": title, "intro": intro, "items": items, "letters": letters, "groups": groups})
            },
        )
    }

    pub(super) fn home(&self) -> Result<Rendered, Diagnostic> {
        let c = self.c;
        // The newest only: with every article here, any edit to any card changed the home
        // page, and its variables grew with the site.
        let cards: Vec<ArticleCard> = self
            .site
            .backlinks
            .newest_first
            .iter()
            .take(HOME_ARTICLES)
            .map(|&a| self.card(a))
            .collect::<Result<_, _>>()?;
        let sections: Vec<SectionSummary> = c
            .sections
            .first()
            .map(|root| {
                root.children
                    .iter()
                    .map(|&ch| self.section_summary(ch))
                    .collect()
            })
            .unwrap_or_default();
        let symptoms: Vec<RecordCard> = (0..c.symptoms.len())
            .map(|i| self.symptom_card(i))
            .collect();
        let supplements: Vec<RecordCard> = (0..c.supplements.len())
            .map(|i| self.supplement_card(i))
            .collect();
        let site_url = self.abs("/");
        let ld = json!({
            "@context": "https://schema.org",
            "@type": "WebSite",
            "name": c.config.title,
            "url": site_url,
            "inLanguage": c.config.language,
            "potentialAction": {
                "@type": "SearchAction",
                "target": format!("{}?q={{search_term_string}}", self.abs("/search/")),
                "query-input": "required name=search_term_string"
            }
        });
        let meta = PageMeta {
            path: "/".into(),
            title: c.config.title.clone(),
            description: c.config.description.clone(),
            og_type: "website",
            jsonld: vec![jsonld::Ld::of(&jsonld::prune(ld))],
            breadcrumbs: vec![],
        };
        self.finish(
            "index.html",
            meta,
            HomePage {
                intro_html: &self.site.home,
                articles: cards,
                sections,
                symptoms,
                supplements,
            },
        )
    }
}
