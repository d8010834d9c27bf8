//! Article pages: the article with its byline, review, table of contents, records and
//! related articles, and its MedicalWebPage and FAQPage JSON-LD.

use super::{file_for, Disclaimed, Html, PageMeta, Rendered, Renderer};
use crate::catalog::Term;
use crate::diagnostics::Diagnostic;
use crate::jsonld;
use crate::slug::slugify;
use crate::views::{ArticleView, DateView, Named, Titled, TocView};
use std::collections::hash_map::DefaultHasher;
use std::hash::{Hash, Hasher};
use std::sync::Arc;

impl Renderer<'_> {
    pub(super) fn section_crumbs(&self, path: &[String]) -> Vec<Titled> {
        let mut crumbs = vec![self.home_crumb()];
        for depth in 0..path.len() {
            if let Some(s) = self.c.sections.iter().find(|s| s.path == path[..depth]) {
                crumbs.push(Titled {
                    title: s.title.clone(),
                    url: s.url.clone(),
                });
            }
        }
        crumbs
    }

    /// Everything an article page shows, as a hash: the article's own file, its linked body
    /// and lists, and the names, URLs and summaries of every page it lists. Cheaper than
    /// building the page's variables, which is what makes rebuilds of large sites fast.
    fn article_key(&self, i: usize) -> u64 {
        let c = self.c;
        let a = &c.articles[i];
        let linked = &self.site.articles[i];
        let mut h = DefaultHasher::new();
        (self.templates_hash, self.site_hash, self.today).hash(&mut h);
        (&a.path, a.source_hash, &a.url, &a.section).hash(&mut h);
        // Everything the article was linked from: its body and lists follow from it.
        linked.key.hash(&mut h);
        for &s in &linked.symptoms {
            let r = &c.symptoms[s];
            (&r.id, &r.name, &r.summary, &c.symptom_urls[s]).hash(&mut h);
        }
        0u8.hash(&mut h);
        for &s in &linked.supplements {
            let r = &c.supplements[s];
            (&r.id, &r.name, &r.summary, &c.supplement_urls[s]).hash(&mut h);
        }
        0u8.hash(&mut h);
        for &k in &c.article_keywords[i] {
            (&c.keywords[k].name, &c.keywords[k].url).hash(&mut h);
        }
        0u8.hash(&mut h);
        for &t in &c.article_tags[i] {
            (&c.tags[t].name, &c.tags[t].url).hash(&mut h);
        }
        0u8.hash(&mut h);
        // The byline links each person by the way the article writes them, which a record
        // elsewhere may claim.
        for name in a.front.authors.iter().chain(&a.front.reviewed_by) {
            self.person_url(name).hash(&mut h);
        }
        0u8.hash(&mut h);
        for &r in &self.site.backlinks.related[i] {
            self.card_hashes[r].hash(&mut h);
        }
        for crumb in self.section_crumbs(&a.section) {
            (crumb.title, crumb.url).hash(&mut h);
        }
        h.finish()
    }

    pub(super) fn article(&self, i: usize) -> Result<Rendered, Diagnostic> {
        let c = self.c;
        let a = &c.articles[i];
        let key = self.caching.then(|| self.article_key(i));
        if let (Some(key), Some((previous, html))) = (key, self.previous.get(&file_for(&a.url))) {
            if key == *previous {
                return Ok((file_for(&a.url), Html::Kept(Arc::clone(html)), key));
            }
        }
        let linked = &self.site.articles[i];
        let fm = &a.front;
        let path = a.url.clone();
        let canonical = self.abs(&path);
        let mut crumbs = self.section_crumbs(&a.section);
        if let Some(s) = self.section_of(i) {
            crumbs.push(s.clone());
        }
        let review_due = fm
            .reviewed_on
            .and_then(|on| c.config.review_due(on))
            .is_some_and(|due| due < self.today);
        let description = self.description(i);
        // Site paths carry `base_path` already; external pictures are absolute.
        let image = linked.image.as_ref().map(|p| match p.starts_with('/') {
            true => [self.origin(), p].concat(),
            false => p.clone(),
        });
        let ld = self.article_jsonld(i, &canonical, &description, image.clone());
        let view = ArticleView {
            title: &fm.title,
            url: [self.base(), &a.url].concat(),
            description: description.clone(),
            section: self.section_of(i).cloned(),
            date: fm.date.map(|d| DateView::new(d, &self.c.config.words)),
            updated: fm.updated.map(|d| DateView::new(d, &self.c.config.words)),
            reviewed_on: fm
                .reviewed_on
                .map(|d| DateView::new(d, &self.c.config.words)),
            review_due,
            authors: &fm.authors,
            author_links: fm
                .authors
                .iter()
                .map(|n| Named {
                    name: n.clone(),
                    url: self.person_url(n).unwrap_or_default().to_string(),
                })
                .collect(),
            reviewer_url: fm.reviewed_by.as_deref().and_then(|n| self.person_url(n)),
            reviewed_by: fm.reviewed_by.as_deref(),
            reading_minutes: self.reading_minutes(i),
            content_html: &linked.html,
            image,
            image_width: linked.image_size.map(|s| s.0),
            image_height: linked.image_size.map(|s| s.1),
            toc: a
                .body
                .toc
                .iter()
                .map(|t| TocView {
                    level: t.level,
                    id: &t.id,
                    title: &t.title,
                })
                .collect(),
            references: self.cited(&a.references, &linked.reference_urls),
            keywords: named(&c.keywords, &c.article_keywords[i]),
            tags: named(&c.tags, &c.article_tags[i]),
            symptoms: linked
                .symptoms
                .iter()
                .map(|&s| self.symptom_card(s))
                .collect(),
            supplements: linked
                .supplements
                .iter()
                .map(|&s| self.supplement_card(s))
                .collect(),
            related: self.site.backlinks.related[i]
                .iter()
                .map(|&r| self.card(r))
                .collect::<Result<_, _>>()?,
            has_product_links: linked.has_product_links,
            extra: &fm.extra,
        };
        let meta = PageMeta {
            path,
            title: fm.title.clone(),
            description,
            og_type: "article",
            jsonld: ld,
            breadcrumbs: crumbs,
        };
        self.finish_keyed(
            "article.html",
            meta,
            Disclaimed {
                name: "article",
                view,
                disclaimer_html: &self.site.disclaimer,
            },
            key,
        )
    }

    /// The page of a person an article credits, by name (with `base_path`).
    fn person_url(&self, name: &str) -> Option<&str> {
        let i = *self.c.author_slugs.get(&slugify(name))?;
        Some(&self.c.authors[i].url)
    }

    /// An article's JSON-LD: its MedicalWebPage (what it is about, who wrote and reviewed
    /// it, when, what it cites), and its FAQPage where it has a Q&A.
    fn article_jsonld(
        &self,
        i: usize,
        canonical: &str,
        description: &str,
        image: Option<String>,
    ) -> Vec<jsonld::Ld> {
        let c = self.c;
        let a = &c.articles[i];
        let fm = &a.front;
        let linked = &self.site.articles[i];
        let site_url = self.abs("/");
        let mut page = jsonld::MedicalWebPage::new(
            &fm.title,
            canonical,
            jsonld::organization(&c.config.title, site_url.clone()),
        );
        page.about = linked
            .symptoms
            .iter()
            .map(|&s| jsonld::Thing {
                kind: "MedicalSignOrSymptom",
                name: &c.symptoms[s].name,
                url: self.abs_record("symptoms", &c.symptoms[s].id),
            })
            .chain(linked.supplements.iter().map(|&s| jsonld::Thing {
                kind: "DietarySupplement",
                name: &c.supplements[s].name,
                url: self.abs_record("supplements", &c.supplements[s].id),
            }))
            .collect();
        page.author = if fm.authors.is_empty() {
            vec![jsonld::organization(&c.config.title, site_url)]
        } else {
            fm.authors
                .iter()
                .map(|n| jsonld::person(n, self.person_url(n).map(|u| [self.origin(), u].concat())))
                .collect()
        };
        page.citation = a
            .references
            .iter()
            .enumerate()
            .map(|(k, r)| {
                // A page of this site, by its full address.
                let url: Option<std::borrow::Cow<str>> =
                    match linked.reference_urls.iter().find(|(i, _)| *i == k) {
                        Some((_, url)) => Some([self.origin(), url.as_str()].concat().into()),
                        None => r.url.as_deref().map(Into::into),
                    };
                jsonld::creative_work(&r.title, url)
            })
            .collect();
        page.date_modified = fm.updated.or(fm.date).map(|d| d.iso());
        page.date_published = fm.date.map(|d| d.iso());
        page.description = description;
        page.in_language = &c.config.language;
        page.keywords = c.article_keywords[i]
            .iter()
            .map(|&k| c.keywords[k].name.as_str())
            .collect::<Vec<_>>()
            .join(", ");
        page.last_reviewed = fm.reviewed_on.map(|d| d.iso());
        page.reviewed_by = fm
            .reviewed_by
            .as_deref()
            .map(|n| jsonld::person(n, self.person_url(n).map(|u| [self.origin(), u].concat())));
        page.image = image;
        let mut ld = vec![jsonld::Ld::of(&page)];
        if !a.body.faq.is_empty() {
            let entries = a
                .body
                .faq
                .iter()
                .map(|f| (f.question.as_str(), f.answer.as_str()));
            ld.push(jsonld::faq_page(canonical, entries));
        }
        ld
    }
}

/// The keywords or tags at `ids` of `terms`, as pages name them.
fn named(terms: &[Term], ids: &[usize]) -> Vec<Named> {
    ids.iter()
        .map(|&k| Named {
            name: terms[k].name.clone(),
            url: terms[k].url.clone(),
        })
        .collect()
}
