//! What listings show of each article (its card), worked out once per build: an article
//! appears in many lists (backlinks, related articles, sections, keywords, the home page).

use super::{excerpt, RenderCache, Renderer, FULL_CARDS};
use crate::catalog::Catalog;
use crate::diagnostics::Diagnostic;
use crate::views::{ArticleCard, DateRef, DateView, RecordCard, Titled};
use rayon::prelude::*;
use std::collections::hash_map::DefaultHasher;
use std::hash::{Hash, Hasher};
use std::sync::OnceLock;

/// What `card.html` sees: the card, as `a`, the name a listing's loop gives it.
#[derive(serde::Serialize)]
struct CardContext<'a, 'c> {
    a: &'c ArticleCard<'a>,
}

pub(super) struct CardData {
    /// The card's title, URL, description and date (ISO, then as shown) end to end, in one
    /// allocation: a listing reads the cards of articles from all over the heap, and as
    /// seven strings (and the article's title) a card was as many cache misses.
    text: Box<str>,
    /// Where each of those ends in `text`.
    ends: [u32; 5],
    /// The article's section, by its place in the catalog's sections.
    section: Option<usize>,
    dated: bool,
    reading_minutes: usize,
    /// The full card and the compact one as the theme's `card.html` renders them, made on
    /// first use: an article is listed on some thirty pages on average in the build
    /// benchmark (related articles, backlinks, sections, keywords, tags, authors), and a
    /// card rendered on each of them cost a few per cent of a large build.
    html: [OnceLock<Result<Box<str>, Diagnostic>>; 2],
}

impl CardData {
    fn part(&self, k: usize) -> &str {
        let start = k.checked_sub(1).map_or(0, |j| self.ends[j] as usize);
        self.text.get(start..self.ends[k] as usize).unwrap_or("")
    }

    fn title(&self) -> &str {
        self.part(0)
    }

    fn url(&self) -> &str {
        self.part(1)
    }

    fn description(&self) -> &str {
        self.part(2)
    }

    fn date(&self) -> Option<DateRef<'_>> {
        self.dated.then(|| DateRef {
            iso: self.part(3),
            display: self.part(4),
        })
    }
}

/// What a card shows that comes from the article's text alone.
#[derive(Clone, PartialEq)]
pub(super) struct CardText {
    description: String,
    reading_minutes: usize,
}

pub(super) fn card_text(a: &crate::article::Article) -> CardText {
    let words = a.body.words;
    CardText {
        description: match &a.front.description {
            Some(d) if !d.trim().is_empty() => d.trim().to_string(),
            _ => excerpt(a.body.describing_text(), 200),
        },
        reading_minutes: words.div_ceil(220).max(1),
    }
}

pub(super) fn card_data(c: &Catalog, i: usize, text: CardText) -> CardData {
    let a = &c.articles[i];
    let date = a.front.date.map(|d| DateView::new(d, &c.config.words));
    let (iso, display) = date
        .as_ref()
        .map_or(("", ""), |d| (d.iso.as_str(), d.display.as_str()));
    let url = [&*c.config.base_path, &a.url];
    let parts: [&[&str]; 5] = [
        &[&a.front.title],
        &url,
        &[&text.description],
        &[iso],
        &[display],
    ];
    let mut joined =
        String::with_capacity(parts.iter().flat_map(|p| p.iter()).map(|p| p.len()).sum());
    let mut ends = [0u32; 5];
    for (end, part) in ends.iter_mut().zip(parts) {
        for piece in part {
            joined.push_str(piece);
        }
        *end = u32::try_from(joined.len()).unwrap_or(u32::MAX);
    }
    CardData {
        text: joined.into_boxed_str(),
        ends,
        section: (!a.section.is_empty())
            .then(|| c.sections.iter().position(|s| s.path == a.section))
            .flatten(),
        dated: date.is_some(),
        reading_minutes: text.reading_minutes,
        html: Default::default(),
    }
}

/// What every listing shows of each article, from the cache where the article is unchanged.
pub(super) fn cards_of(c: &Catalog, cache: &mut RenderCache) -> Vec<CardData> {
    let texts: Vec<CardText> = c
        .articles
        .par_iter()
        .map(|a| match cache.card_texts.get(&a.path) {
            Some((hash, text)) if *hash == a.source_hash => text.clone(),
            _ => card_text(a),
        })
        .collect();
    if cache.enabled {
        cache.card_texts = c
            .articles
            .iter()
            .zip(&texts)
            .map(|(a, t)| (a.path.clone(), (a.source_hash, t.clone())))
            .collect();
    }
    texts
        .into_par_iter()
        .enumerate()
        .map(|(i, text)| card_data(c, i, text))
        .collect()
}

impl Renderer<'_> {
    pub(super) fn reading_minutes(&self, i: usize) -> usize {
        self.cards[i].reading_minutes
    }

    pub(super) fn description(&self, i: usize) -> String {
        self.cards[i].description().to_string()
    }

    pub(super) fn section_of(&self, i: usize) -> Option<&Titled> {
        self.cards[i].section.and_then(|k| self.sections.get(k))
    }

    /// An article's card in full: title, URL, description, section, date, reading time.
    pub(super) fn card(&self, i: usize) -> Result<ArticleCard<'_>, Diagnostic> {
        self.card_shown(i, false)
    }

    /// An article's card, in full or `compact` (title, URL, date and reading time), with
    /// its HTML.
    fn card_shown(&self, i: usize, compact: bool) -> Result<ArticleCard<'_>, Diagnostic> {
        let data = &self.cards[i];
        let mut card = ArticleCard {
            title: data.title(),
            url: data.url(),
            description: data.description(),
            section: self.section_of(i),
            date: data.date(),
            reading_minutes: data.reading_minutes,
            key: self.card_hashes.get(i).copied().unwrap_or_default(),
            html: "",
        };
        if compact {
            card.description = "";
            card.section = None;
            // A compact card shows less than the full one: a key of its own, so an edit to
            // an article's description leaves pages where it is compact as they were.
            if self.caching {
                let mut h = DefaultHasher::new();
                let date = self.c.articles[i].front.date;
                ("compact", card.title, card.url, date, card.reading_minutes).hash(&mut h);
                card.key = h.finish();
            }
        }
        let html = data.html[usize::from(compact)].get_or_init(|| {
            // Named as the pages are in errors: by their path under `base_path`.
            let page = &self.c.articles[i].url;
            let html = self.render_template("card.html", &CardContext { a: &card }, page, 1024)?;
            let html = String::from_utf8(html).map_err(|e| {
                Diagnostic::error(format!("`card.html` made text that is not UTF-8: {e}"))
            })?;
            Ok(html.trim_end().into())
        });
        card.html = html.as_deref().map_err(Diagnostic::clone)?;
        Ok(card)
    }

    /// Cards for a long list: the first [`FULL_CARDS`] in full, the rest compact.
    pub(super) fn list_cards(
        &self,
        articles: &[usize],
    ) -> Result<Vec<ArticleCard<'_>>, Diagnostic> {
        articles
            .iter()
            .enumerate()
            .map(|(n, &a)| self.card_shown(a, n >= FULL_CARDS))
            .collect()
    }

    pub(super) fn symptom_card(&self, i: usize) -> RecordCard<'_> {
        let s = &self.c.symptoms[i];
        RecordCard {
            id: &s.id,
            name: &s.name,
            url: &self.c.symptom_urls[i],
            summary: &s.summary,
        }
    }

    pub(super) fn supplement_card(&self, i: usize) -> RecordCard<'_> {
        let s = &self.c.supplements[i];
        RecordCard {
            id: &s.id,
            name: &s.name,
            url: &self.c.supplement_urls[i],
            summary: &s.summary,
        }
    }

    pub(super) fn card_hash(&self, i: usize) -> u64 {
        let a = &self.c.articles[i];
        let d = &self.cards[i];
        let mut h = DefaultHasher::new();
        (
            &a.front.title,
            a.front.date,
            d.url(),
            d.description(),
            d.reading_minutes,
        )
            .hash(&mut h);
        self.section_of(i).map(|s| (&s.title, &s.url)).hash(&mut h);
        h.finish()
    }
}
