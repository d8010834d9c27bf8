//! Symptom and supplement pages, with the articles that mention each, and their
//! MedicalSignOrSymptom and DietarySupplement JSON-LD.

use super::{link_with_host, Disclaimed, PageMeta, Rendered, Renderer, JSONLD_SUBJECTS};
use crate::diagnostics::Diagnostic;
use crate::jsonld;
use crate::records::{IdRef, RecordText};
use crate::views::{RecordCard, SupplementView, SymptomView, Titled};
use serde_json::{json, Value};

impl Renderer<'_> {
    pub(super) fn symptom(&self, i: usize) -> Result<Rendered, Diagnostic> {
        let c = self.c;
        let s = &c.symptoms[i];
        let linked = &self.site.symptoms[i];
        let view = SymptomView {
            id: &s.id,
            name: &s.name,
            url: &c.symptom_urls[i],
            aliases: &s.aliases,
            body_system: s.body_system.as_deref(),
            summary: &s.summary,
            description_html: linked.description.clone(),
            seek_care_html: linked.extra.clone(),
            related_symptoms: self.related_symptoms(&s.related_symptoms),
            related_supplements: s
                .related_supplements
                .iter()
                .filter_map(|r| c.supplement_ids.get(&r.id))
                .map(|&j| self.supplement_card(j))
                .collect(),
            articles: self.list_cards(&self.site.backlinks.symptom_articles[i])?,
            sources: self.cited(&s.sources, &linked.source_urls),
            extra: &s.extra,
        };
        let page = RecordPage {
            kind: "MedicalSignOrSymptom",
            index: "symptoms",
            index_title: self.c.config.words.get("symptoms"),
            record: &s.id,
            name: &s.name,
            aliases: &s.aliases,
            summary: &s.summary,
            description: &s.description,
            articles: &self.site.backlinks.symptom_articles[i],
        };
        let meta = self.record_meta(page, json!({}));
        self.finish(
            "symptom.html",
            meta,
            Disclaimed {
                name: "symptom",
                view,
                disclaimer_html: &self.site.disclaimer,
            },
        )
    }

    pub(super) fn supplement(&self, i: usize) -> Result<Rendered, Diagnostic> {
        let c = self.c;
        let s = &c.supplements[i];
        let linked = &self.site.supplements[i];
        let view = SupplementView {
            id: &s.id,
            name: &s.name,
            url: &c.supplement_urls[i],
            aliases: &s.aliases,
            summary: &s.summary,
            description_html: linked.description.clone(),
            forms: &s.forms,
            typical_dose: &s.typical_dose,
            upper_limit: &s.upper_limit,
            interactions_html: linked.extra.clone(),
            related_symptoms: self.related_symptoms(&s.related_symptoms),
            links: s.links.iter().map(|u| link_with_host(u)).collect(),
            articles: self.list_cards(&self.site.backlinks.supplement_articles[i])?,
            sources: self.cited(&s.sources, &linked.source_urls),
            extra: &s.extra,
        };
        let page = RecordPage {
            kind: "DietarySupplement",
            index: "supplements",
            index_title: self.c.config.words.get("supplements"),
            record: &s.id,
            name: &s.name,
            aliases: &s.aliases,
            summary: &s.summary,
            description: &s.description,
            articles: &self.site.backlinks.supplement_articles[i],
        };
        let dose = |kind: &str, text: &str| match text.is_empty() {
            true => Value::Null,
            false => json!({"@type": kind, "description": text}),
        };
        let meta = self.record_meta(
            page,
            json!({
                "recommendedIntake": dose("RecommendedDoseSchedule", &s.typical_dose),
                "maximumIntake": dose("MaximumDoseSchedule", &s.upper_limit),
            }),
        );
        self.finish(
            "supplement.html",
            meta,
            Disclaimed {
                name: "supplement",
                view,
                disclaimer_html: &self.site.disclaimer,
            },
        )
    }

    /// The cards of a record's `related_symptoms` that exist.
    fn related_symptoms(&self, ids: &[IdRef]) -> Vec<RecordCard<'_>> {
        ids.iter()
            .filter_map(|r| self.c.symptom_ids.get(&r.id))
            .map(|&j| self.symptom_card(j))
            .collect()
    }

    /// What a symptom's and a supplement's page share: described by the record's summary
    /// (else its description's opening), JSON-LD of its kind with `more` fields, naming the
    /// newest articles about it as its subjects, under Home › its index.
    fn record_meta(&self, page: RecordPage, more: Value) -> PageMeta {
        let c = self.c;
        let path = ["/", page.index, "/", page.record, "/"].concat();
        let description = if page.summary.is_empty() {
            page.description.body.describing_text().to_string()
        } else {
            page.summary.to_string()
        };
        let subjects: Vec<Value> = page
            .articles
            .iter()
            .take(JSONLD_SUBJECTS)
            .map(|&a| {
                json!({"@type": "MedicalWebPage", "name": c.articles[a].front.title, "url": self.abs(&c.articles[a].url)})
            })
            .collect();
        let mut ld = json!({
            "@context": "https://schema.org",
            "@type": page.kind,
            "name": page.name,
            "alternateName": page.aliases,
            "description": description,
            "url": self.abs(&path),
            "subjectOf": subjects,
        });
        if let (Some(ld), Value::Object(more)) = (ld.as_object_mut(), more) {
            ld.extend(more);
        }
        PageMeta {
            path,
            title: page.name.to_string(),
            description,
            og_type: "article",
            jsonld: vec![jsonld::Ld::of(&jsonld::prune(ld))],
            breadcrumbs: vec![
                self.home_crumb(),
                Titled {
                    title: page.index_title.into(),
                    url: [self.base(), "/", page.index, "/"].concat(),
                },
            ],
        }
    }
}

/// A record, as [`Renderer::record_meta`] reads it.
struct RecordPage<'a> {
    /// Its schema.org type.
    kind: &'static str,
    /// The URL segment of its kind's index (`symptoms`), and the index's title.
    index: &'static str,
    index_title: &'a str,
    record: &'a str,
    name: &'a str,
    aliases: &'a [String],
    summary: &'a str,
    description: &'a RecordText,
    /// The articles about it, newest first.
    articles: &'a [usize],
}
