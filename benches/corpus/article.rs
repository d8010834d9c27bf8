//! Articles: front matter and a long Markdown body mentioning many terms.

use super::prose::Prose;
use super::records::{product_url, term_form, Catalog, Record};
use super::words::{AUTHORS, REVIEWERS, SECTIONS, TAGS};
use super::{capitalize, quoted, quoted_list, slugify, Rng};

/// One generated article and where it goes: `content/articles/<section>/<slug>.md`.
pub(super) struct Article {
    pub(super) section: &'static str,
    pub(super) slug: String,
    pub(super) text: String,
}

/// Indices into the catalog of what an article is about.
struct Topic {
    symptoms: Vec<usize>,
    supplements: Vec<usize>,
    keywords: Vec<usize>,
}

pub(super) fn article(rng: &mut Rng, catalog: &Catalog, index: usize) -> Article {
    let section = rng.pick_str(SECTIONS);
    let topic = Topic {
        symptoms: rng.distinct_between(catalog.symptoms.len(), 2, 4),
        supplements: rng.distinct_between(catalog.supplements.len(), 1, 3),
        keywords: rng.distinct_between(catalog.keywords.len(), 3, 5),
    };
    let title = title(rng, catalog, &topic);
    let slug = format!("a{:05}-{}", index + 1, slugify(&title, 60));
    let mut text = front_matter(rng, catalog, &topic, &title);
    text.push_str(&body(rng, catalog, &topic));
    Article {
        section,
        slug,
        text,
    }
}

fn title(rng: &mut Rng, catalog: &Catalog, topic: &Topic) -> String {
    let symptom = &catalog.symptoms[topic.symptoms[0]].name;
    let other = &catalog.symptoms[topic.symptoms[topic.symptoms.len() - 1]].name;
    let supplement = &catalog.supplements[topic.supplements[0]].name;
    let keyword = capitalize(&catalog.keywords[topic.keywords[0]]);
    match rng.below(6) {
        0 => format!("{symptom}: causes, signs and what helps"),
        1 => format!("How {supplement} relates to {symptom}"),
        2 => format!(
            "A practical guide to {}",
            catalog.keywords[topic.keywords[0]]
        ),
        3 => format!("{symptom} and {other}: what the evidence says"),
        4 => format!(
            "Understanding {supplement} for {}",
            catalog.keywords[topic.keywords[0]]
        ),
        _ => format!("{keyword}: questions readers ask about {supplement}"),
    }
}

fn date(rng: &mut Rng, after: Option<(usize, usize)>) -> (usize, usize) {
    let (month, day) = after.unwrap_or((1, 1));
    let m = rng.between(month, 12);
    let d = if m == month {
        rng.between(day, 28)
    } else {
        rng.between(1, 28)
    };
    (m, d)
}

fn front_matter(rng: &mut Rng, catalog: &Catalog, topic: &Topic, title: &str) -> String {
    let description = Prose::plain(rng).plain_sentence();
    let published = date(rng, None);
    let reviewed = date(rng, Some(published));
    let authors: Vec<String> = rng
        .distinct_between(AUTHORS.len(), 1, 2)
        .into_iter()
        .map(|i| AUTHORS[i].to_string())
        .collect();
    let tags: Vec<String> = rng
        .distinct_between(TAGS.len(), 1, 3)
        .into_iter()
        .map(|i| TAGS[i].to_string())
        .collect();
    let keywords: Vec<String> = topic
        .keywords
        .iter()
        .map(|&i| catalog.keywords[i].clone())
        .collect();
    let symptoms: Vec<String> = topic
        .symptoms
        .iter()
        .map(|&i| catalog.symptoms[i].id.clone())
        .collect();
    let supplements: Vec<String> = topic
        .supplements
        .iter()
        .map(|&i| catalog.supplements[i].id.clone())
        .collect();
    let mut out = String::from("---\n");
    push_line!(out, "title: {}", quoted(title));
    push_line!(out, "description: {}", quoted(&description));
    push_line!(out, "date: 2025-{:02}-{:02}", published.0, published.1);
    push_line!(out, "authors: {}", quoted_list(&authors));
    push_line!(out, "reviewed_by: {}", quoted(rng.pick_str(REVIEWERS)));
    push_line!(out, "reviewed_on: 2025-{:02}-{:02}", reviewed.0, reviewed.1);
    push_line!(out, "keywords: {}", quoted_list(&keywords));
    push_line!(out, "symptoms: {}", quoted_list(&symptoms));
    push_line!(out, "supplements: {}", quoted_list(&supplements));
    push_line!(out, "tags: {}", quoted_list(&tags));
    out.push_str("---\n\n");
    out
}

/// 10-20 terms the body will mention: the article's own records and keywords first, then
/// random others, in random order.
fn mentions(rng: &mut Rng, catalog: &Catalog, topic: &Topic) -> Vec<String> {
    let wanted = rng.between(10, 20);
    let mut out: Vec<String> = Vec::with_capacity(wanted);
    for &i in &topic.symptoms {
        out.push(term_form(rng, &catalog.symptoms[i]));
    }
    for &i in &topic.supplements {
        out.push(term_form(rng, &catalog.supplements[i]));
    }
    for &i in topic.keywords.iter().take(2) {
        out.push(catalog.keywords[i].clone());
    }
    while out.len() < wanted {
        if rng.chance(75) {
            out.push(catalog.any_term(rng));
        } else {
            out.push(rng.pick(&catalog.keywords).clone());
        }
    }
    rng.shuffle(&mut out);
    out
}

fn heading(prose: &mut Prose, catalog: &Catalog, number: usize) -> String {
    let mut text = match prose.rng.below(10) {
        0..=2 => format!(
            "What {} means for {}",
            catalog.any_term(prose.rng),
            prose.phrase(1, 2)
        ),
        3..=5 => format!("Why {} matters", prose.phrase(2, 3)),
        _ => capitalize(&prose.phrase(2, 5)),
    };
    if prose.rng.chance(15) {
        text.push_str(&format!(" {{#part-{number}}}"));
    }
    format!("## {text}\n\n")
}

fn body(rng: &mut Rng, catalog: &Catalog, topic: &Topic) -> String {
    let target = rng.between(800, 1200);
    let mentions = mentions(rng, catalog, topic);
    // Sentences average 12.5 words; spread the mentions over all of them.
    let percent = (mentions.len() as u64 * 100 * 25 / (target as u64 * 2)).clamp(5, 60);
    let sections = rng.between(4, 6);
    let extras = Extras {
        link: (rng.below(sections), rng.pick(&catalog.supplements)),
        table: rng.chance(30).then(|| rng.below(sections)),
        list: rng.chance(50).then(|| rng.below(sections)),
    };
    let mut prose = Prose::new(rng, mentions, percent);
    let mut out = prose.paragraph(3, 5);
    out.push_str("\n\n");
    // The intro and the FAQ take about 170 words; sections share the rest (less 15% for the
    // paragraph that overshoots each section's budget).
    let per_section = target.saturating_sub(170) * 85 / 100 / sections;
    for number in 0..sections {
        out.push_str(&heading(&mut prose, catalog, number + 1));
        out.push_str(&section(&mut prose, number, per_section, &extras));
    }
    if !prose.mentions.is_empty() {
        let rest = std::mem::take(&mut prose.mentions);
        out.push_str(&format!("Readers also ask about {}.\n\n", rest.join(", ")));
    }
    out.push_str(&faq(&mut prose, catalog, topic));
    out
}

/// Where the once-per-article elements go: (section, supplement) of the product link, and
/// the sections holding a table and a list, if any.
struct Extras<'c> {
    link: (usize, &'c Record),
    table: Option<usize>,
    list: Option<usize>,
}

/// The paragraphs of section `number`, about `budget` words.
fn section(prose: &mut Prose, number: usize, budget: usize, extras: &Extras) -> String {
    let start = prose.words;
    let mut out = String::new();
    // Stop when one more paragraph (about 55 words) would overshoot by more than it fills.
    while prose.words - start + 28 < budget || out.is_empty() {
        out.push_str(&prose.paragraph(3, 6));
        out.push_str("\n\n");
        if extras.link.0 == number && !out.contains("](https://") {
            out.push_str(&product_sentence(prose, extras.link.1));
        }
    }
    if extras.list == Some(number) {
        out.push_str(&prose.list(3, 5));
        out.push('\n');
    }
    if extras.table == Some(number) {
        out.push_str(&prose.table());
        out.push('\n');
    }
    out
}

/// A paragraph linking to a supplement's product page, once per article.
fn product_sentence(prose: &mut Prose, target: &Record) -> String {
    let text = if prose.rng.chance(30) {
        target.name.clone()
    } else {
        "this collection".to_string()
    };
    let sentence = prose.sentence();
    format!(
        "{sentence} Current formulations are listed on [{text}]({}).\n\n",
        product_url(target)
    )
}

fn faq(prose: &mut Prose, catalog: &Catalog, topic: &Topic) -> String {
    let symptom = &catalog.symptoms[topic.symptoms[0]];
    let supplement = &catalog.supplements[topic.supplements[0]];
    let keyword = &catalog.keywords[topic.keywords[topic.keywords.len() - 1]];
    let questions = [
        format!(
            "What are the first signs of {}?",
            symptom.name.to_lowercase()
        ),
        format!("Can {} help with {keyword}?", supplement.name),
        format!(
            "When should I see a doctor about {}?",
            prose.rng.pick(&symptom.aliases)
        ),
    ];
    let mut out = String::from("## Frequently asked questions\n\n");
    for (i, question) in questions.iter().enumerate() {
        let answer = prose.paragraph(2, 3);
        out.push_str(&format!(
            "Q{n}: {question}\n\nA{n}: {answer}\n\n",
            n = i + 1
        ));
    }
    out
}
