//! What templates see: small serialisable views borrowed from the linked site (in the manner
//! of Zola's `SerializingPage`), never the model itself. `docs/themes.md` documents every
//! field; keep the two in step.

use crate::catalog::page_count;
use crate::date::Date;
use crate::structured::Extra;
use serde::Serialize;

#[derive(Debug, Clone, Serialize)]
pub struct SiteView<'a> {
    pub title: &'a str,
    pub description: &'a str,
    pub language: &'a str,
    pub base_url: &'a str,
    pub extra: &'a Extra,
}

/// `{title, url}`: breadcrumbs, sections.
#[derive(Debug, Clone, Serialize)]
pub struct Titled {
    pub title: String,
    pub url: String,
}

/// `{name, url}`: keywords and tags.
#[derive(Debug, Clone, Serialize)]
pub struct Named {
    pub name: String,
    pub url: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct NavItem<'a> {
    pub title: &'a str,
    pub url: String,
    pub current: bool,
}

/// A date as templates show it: `iso` for `datetime` attributes, `display` for readers.
/// Formatted once: article cards carry theirs, and the listing pages of a large site show
/// cards hundreds of thousands of times.
#[derive(Debug, Clone, Serialize)]
pub struct DateView {
    pub iso: String,
    pub display: String,
}

impl DateView {
    /// The date in the site's language ("5 January 2024", "5 janvier 2024").
    pub fn new(d: Date, words: &crate::translations::Words) -> Self {
        DateView {
            iso: d.iso(),
            display: words.date(d),
        }
    }
}

/// A [`DateView`] borrowed, as cards carry theirs.
#[derive(Debug, Clone, Copy, Serialize)]
#[serde(rename = "DateView")]
pub struct DateRef<'a> {
    pub iso: &'a str,
    pub display: &'a str,
}

#[derive(Debug, Clone)]
pub struct ArticleCard<'a> {
    pub title: &'a str,
    pub url: &'a str,
    pub description: &'a str,
    pub section: Option<&'a Titled>,
    pub date: Option<DateRef<'a>>,
    pub reading_minutes: usize,
    /// A hash of everything above, which stands for the card while a page's cache key is
    /// computed (see [`keying`]). Not shown to templates.
    pub key: u64,
    /// The card as the theme's `card.html` renders it (empty while that renders it).
    pub html: &'a str,
}

thread_local! {
    static KEYING: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Runs `f` with every [`ArticleCard`] serialising as its `key` alone. A page's cache key
/// is a hash of its variables, and a listing page has hundreds of cards: hashing each
/// card's fields, dates formatted and all, on every rebuild was most of a rebuild's render
/// time.
pub fn keying<R>(f: impl FnOnce() -> R) -> R {
    struct Reset;
    impl Drop for Reset {
        fn drop(&mut self) {
            KEYING.set(false);
        }
    }
    KEYING.set(true);
    let _reset = Reset;
    f()
}

impl Serialize for ArticleCard<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        if KEYING.get() {
            return serializer.serialize_u64(self.key);
        }
        let mut card = serializer.serialize_struct("ArticleCard", 7)?;
        card.serialize_field("title", self.title)?;
        card.serialize_field("url", self.url)?;
        card.serialize_field("description", self.description)?;
        card.serialize_field("section", &self.section)?;
        card.serialize_field("date", &self.date)?;
        card.serialize_field("reading_minutes", &self.reading_minutes)?;
        card.serialize_field("html", self.html)?;
        card.end()
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct RecordCard<'a> {
    pub id: &'a str,
    pub name: &'a str,
    pub url: &'a str,
    pub summary: &'a str,
}

#[derive(Debug, Clone, Serialize)]
pub struct SourceView<'a> {
    pub title: &'a str,
    pub url: Option<&'a str>,
    /// Whether `url` is another site's (the theme marks such links), not a page of this one.
    pub external: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct TocView<'a> {
    pub level: u8,
    pub id: &'a str,
    pub title: &'a str,
}

#[derive(Debug, Clone, Serialize)]
pub struct ArticleView<'a> {
    pub title: &'a str,
    pub url: String,
    pub description: String,
    pub section: Option<Titled>,
    pub date: Option<DateView>,
    pub updated: Option<DateView>,
    pub reviewed_on: Option<DateView>,
    pub review_due: bool,
    pub authors: &'a [String],
    /// The authors with their pages (`/authors/<slug>/`), in the same order.
    pub author_links: Vec<Named>,
    pub reviewed_by: Option<&'a str>,
    /// The reviewer's page.
    pub reviewer_url: Option<&'a str>,
    pub reading_minutes: usize,
    pub content_html: &'a str,
    /// The body's first picture, absolute, for link previews; null without one.
    pub image: Option<String>,
    /// Its width and height, where it is a file of the site; else null.
    pub image_width: Option<u32>,
    pub image_height: Option<u32>,
    pub toc: Vec<TocView<'a>>,
    pub references: Vec<SourceView<'a>>,
    pub keywords: Vec<Named>,
    pub tags: Vec<Named>,
    pub symptoms: Vec<RecordCard<'a>>,
    pub supplements: Vec<RecordCard<'a>>,
    pub related: Vec<ArticleCard<'a>>,
    pub has_product_links: bool,
    pub extra: &'a Extra,
}

/// A person with a record (`content/authors/<id>.yaml`), on their page.
#[derive(Debug, Clone, Serialize)]
pub struct PersonView<'a> {
    pub name: &'a str,
    pub credentials: &'a str,
    pub job_title: &'a str,
    pub bio_html: &'a str,
    /// Their pages elsewhere: `{url, host}`.
    pub links: Vec<ProductLink<'a>>,
    pub extra: &'a Extra,
}

#[derive(Debug, Clone, Serialize)]
pub struct SymptomView<'a> {
    pub id: &'a str,
    pub name: &'a str,
    pub url: &'a str,
    pub aliases: &'a [String],
    pub body_system: Option<&'a str>,
    pub summary: &'a str,
    pub description_html: String,
    pub seek_care_html: String,
    pub related_symptoms: Vec<RecordCard<'a>>,
    pub related_supplements: Vec<RecordCard<'a>>,
    pub articles: Vec<ArticleCard<'a>>,
    pub sources: Vec<SourceView<'a>>,
    pub extra: &'a Extra,
}

#[derive(Debug, Clone, Serialize)]
pub struct ProductLink<'a> {
    pub url: &'a str,
    pub host: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct SupplementView<'a> {
    pub id: &'a str,
    pub name: &'a str,
    pub url: &'a str,
    pub aliases: &'a [String],
    pub summary: &'a str,
    pub description_html: String,
    pub forms: &'a [String],
    pub typical_dose: &'a str,
    pub upper_limit: &'a str,
    pub interactions_html: String,
    pub related_symptoms: Vec<RecordCard<'a>>,
    pub links: Vec<ProductLink<'a>>,
    pub articles: Vec<ArticleCard<'a>>,
    pub sources: Vec<SourceView<'a>>,
    pub extra: &'a Extra,
}

#[derive(Debug, Clone, Serialize)]
pub struct ListItem<'a> {
    pub name: &'a str,
    pub url: &'a str,
    pub summary: &'a str,
    pub count: usize,
}

/// A letter of a long index's A–Z bar: `id` names its group's anchor (`a`…`z`, `other`).
#[derive(Debug, Clone, Serialize)]
pub struct Letter {
    pub letter: &'static str,
    pub id: &'static str,
    pub present: bool,
}

/// The items of a long index whose names start with one letter (`#`: anything else).
#[derive(Debug, Clone, Serialize)]
pub struct LetterGroup<'a> {
    pub letter: &'static str,
    pub id: &'static str,
    /// What the group's heading says: the letter, or "Other" in the site's language.
    pub label: &'a str,
    pub items: Vec<ListItem<'a>>,
}

const UPPER: &str = "ABCDEFGHIJKLMNOPQRSTUVWXYZ#";
const LOWER: &str = "abcdefghijklmnopqrstuvwxyz";

/// Letter `slot` of the bar (26: `#`) and its anchor id.
fn letter(slot: usize) -> (&'static str, &'static str) {
    let id = LOWER.get(slot..slot + 1).unwrap_or("other");
    (&UPPER[slot..slot + 1], id)
}

/// Groups sorted items by the upper-cased first letter of their name (A–Z; anything else,
/// accented letters included, under `#`), in the bar's order, with the bar itself. Done
/// here rather than in the template, where grouping cost a pass over every item per letter.
/// `other` heads the `#` group.
pub fn letter_groups<'a>(
    items: &[ListItem<'a>],
    other: &'a str,
) -> (Vec<Letter>, Vec<LetterGroup<'a>>) {
    let mut grouped: Vec<Vec<ListItem<'a>>> = vec![Vec::new(); UPPER.len()];
    for item in items {
        let mut chars = item.name.trim().chars();
        let first = chars.next().map(|c| c.to_ascii_uppercase());
        // A letter followed by a combining accent is an accented letter.
        let accented = chars
            .next()
            .is_some_and(|c| ('\u{300}'..='\u{36f}').contains(&c));
        let slot = match first {
            Some(c @ 'A'..='Z') if !accented => (c as u8 - b'A') as usize,
            _ => UPPER.len() - 1,
        };
        grouped[slot].push(item.clone());
    }
    let letters = grouped
        .iter()
        .enumerate()
        .map(|(slot, items)| {
            let (letter, id) = letter(slot);
            Letter {
                letter,
                id,
                present: !items.is_empty(),
            }
        })
        .collect();
    let groups = grouped
        .into_iter()
        .enumerate()
        .filter(|(_, items)| !items.is_empty())
        .map(|(slot, items)| {
            let (letter, id) = letter(slot);
            LetterGroup {
                letter,
                id,
                label: if letter == "#" { other } else { letter },
                items,
            }
        })
        .collect();
    (letters, groups)
}

#[derive(Debug, Clone, Serialize)]
pub struct SectionSummary {
    pub title: String,
    pub url: String,
    pub count: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct SectionView<'a> {
    pub title: &'a str,
    pub url: &'a str,
    pub articles: Vec<ArticleCard<'a>>,
    pub subsections: Vec<SectionSummary>,
}

/// Where a long list of articles (a section's, a keyword's, a tag's) is split: its first
/// page at the list's own URL, the others at `<url>page/<n>/`, as Zola and Hugo write them.
#[derive(Debug, Clone, Serialize)]
pub struct Paginator {
    /// This page's number, from 1.
    pub current: usize,
    /// How many pages the list has (1 when it is not split).
    pub total: usize,
    /// How many articles the whole list holds.
    pub count: usize,
    pub previous: Option<String>,
    pub next: Option<String>,
    /// The pages to offer by number: the first, the last and the two on either side of
    /// this one, with `null` where numbers are left out.
    pub links: Vec<Option<PageLink>>,
    /// Articles a page (0: all on one).
    #[serde(skip)]
    per_page: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct PageLink {
    pub number: usize,
    pub url: String,
    pub current: bool,
}

/// The URL of page `n` of the list at `url` (which ends with `/`).
pub fn page_url(url: &str, n: usize) -> String {
    if n <= 1 {
        url.to_string()
    } else {
        format!("{url}page/{n}/")
    }
}

impl Paginator {
    pub fn new(url: &str, current: usize, count: usize, per_page: usize) -> Paginator {
        let total = page_count(count, per_page);
        let mut links = Vec::new();
        for n in 1..=total {
            if n == 1 || n == total || n.abs_diff(current) <= 2 {
                links.push(Some(PageLink {
                    number: n,
                    url: page_url(url, n),
                    current: n == current,
                }));
            } else if links.last().is_some_and(Option::is_some) {
                links.push(None);
            }
        }
        Paginator {
            current,
            total,
            count,
            previous: (current > 1).then(|| page_url(url, current - 1)),
            next: (current < total).then(|| page_url(url, current + 1)),
            links,
            per_page,
        }
    }

    /// The part of `items` this page shows.
    pub fn slice<'t, T>(&self, items: &'t [T]) -> &'t [T] {
        if self.per_page == 0 {
            return items;
        }
        let from = ((self.current - 1) * self.per_page).min(items.len());
        &items[from..(from + self.per_page).min(items.len())]
    }
}

#[cfg(test)]
mod pager_tests {
    use super::*;

    #[test]
    fn pages_are_offered_around_this_one_with_gaps() {
        let p = Paginator::new("/t/", 5, 95, 10);
        assert_eq!(p.total, 10);
        let shown: Vec<Option<usize>> = p
            .links
            .iter()
            .map(|l| l.as_ref().map(|l| l.number))
            .collect();
        assert_eq!(
            shown,
            [
                Some(1),
                None,
                Some(3),
                Some(4),
                Some(5),
                Some(6),
                Some(7),
                None,
                Some(10)
            ]
        );
        assert_eq!(p.previous.as_deref(), Some("/t/page/4/"));
        assert_eq!(p.next.as_deref(), Some("/t/page/6/"));
        let first = Paginator::new("/t/", 1, 95, 10);
        assert_eq!(first.previous, None);
        assert_eq!(first.next.as_deref(), Some("/t/page/2/"));
        assert_eq!(first.links[0].as_ref().map(|l| l.url.as_str()), Some("/t/"));
        let items: Vec<usize> = (0..95).collect();
        assert_eq!(p.slice(&items), &items[40..50]);
        assert_eq!(
            Paginator::new("/t/", 10, 95, 10).slice(&items),
            &items[90..95]
        );
    }

    #[test]
    fn without_a_page_size_a_list_is_one_page() {
        let p = Paginator::new("/t/", 1, 500, 0);
        assert_eq!((p.total, &p.previous, &p.next), (1, &None, &None));
        assert_eq!(p.slice(&[1, 2, 3]), &[1, 2, 3]);
        assert_eq!(page_count(0, 10), 1);
    }
}
