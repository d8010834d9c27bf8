//! Plain-text health posts, as publishers paste them from a word processor or a blog's
//! export: one paragraph a line with no blank line between, section titles on lines of
//! their own ("Introduction", "1. Why B12 matters", "Conclusion"), a "Q&A Section" of
//! `Q1:`/`A1:` lines and a closing "Important Keywords" line. Read as CommonMark, such a
//! body is a single paragraph thousands of words long: no headings, no table of contents,
//! no FAQ, no keywords. The parse stage reads an article body of this shape line by line
//! instead ([`as_post`], used by [`crate::markdown`]), and `materia import` converts such
//! posts into Markdown files ([`crate::import`]); both take their reading of each line from
//! here.

/// What a line of a post is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Line<'a> {
    /// A section title, without a leading "1. ".
    Heading(&'a str),
    /// The title of the questions-and-answers section ("Q&A Section", "FAQ", …), as written.
    Faq(&'a str),
    /// The label of a closing list ("Important Keywords", "Tags"), as written: the next
    /// line lists the post's keywords or tags ([`list_after_label`] says which).
    Label(&'a str),
    /// `Q1: text`: the whole line and the question after the marker.
    Question(&'a str, &'a str),
    /// `A1: text`: the whole line and the answer after the marker.
    Answer(&'a str, &'a str),
    /// A paragraph.
    Text(&'a str),
    /// A line of Markdown block syntax (a list item, a quote, a table row, an ATX
    /// heading); a run of them is read as Markdown together.
    Markdown(&'a str),
    /// An item of a list bulleted with a character Markdown does not read as one ("• ",
    /// as text copied from a word processor or a web page has): the text after it.
    Bullet(&'a str),
    Blank,
}

/// The keywords of a closing keywords line or paragraph: separated by commas, semicolons
/// or line breaks, each without a closing full stop.
pub fn split_keywords(list: &str) -> Vec<String> {
    let mut items: Vec<String> = list
        .split([',', ';', '\n'])
        .map(|k| k.trim().trim_end_matches('.').trim())
        .filter(|k| !k.is_empty())
        .map(str::to_string)
        .collect();
    // "vitamin A, vitamin E, and vitamin K": the list's last item is "vitamin K".
    if let [_, .., last] = items.as_mut_slice() {
        let joined = [
            "and ", "or ", "& ", "et ", "ou ", "und ", "oder ", "y ", "e ", "o ",
        ]
        .iter()
        .find(|word| {
            last.get(..word.len())
                .is_some_and(|head| head.eq_ignore_ascii_case(word))
        });
        if let Some(word) = joined {
            *last = last[word.len()..].trim_start().to_string();
        }
    }
    items.retain(|k| !k.is_empty());
    items
}

/// What a closing list's label names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Listed {
    Keywords,
    Tags,
}

/// Whether a line under a keywords or tags label may be one of several that list them: a
/// keyword, or a part of a list wrapped over lines ("muscle cramps, magnesium citrate,"),
/// every item short, and no question or exclamation.
pub fn listing_line(t: &str) -> bool {
    let items = split_keywords(t);
    !items.is_empty()
        && items.iter().all(|k| k.chars().count() <= 60)
        && !t.trim_end().ends_with(['?', '!'])
}

/// Labels of a closing keywords list, besides the seed's "Important Keywords": what blog
/// tools and SEO plugins print under a post, in English and in the other languages Materia
/// has words for (French, German, Spanish, Italian and Portuguese).
const KEYWORD_LABELS: [&str; 20] = [
    "keywords",
    "key words",
    "seo keywords",
    "related keywords",
    "main keywords",
    "focus keywords",
    "target keywords",
    "key terms",
    "mots-clés",
    "mots clés",
    "mots-clés importants",
    "schlüsselwörter",
    "wichtige schlüsselwörter",
    "palabras clave",
    "palabras clave importantes",
    "parole chiave",
    "parole chiave importanti",
    "palavras-chave",
    "palavras chave",
    "palavras-chave importantes",
];
const TAG_LABELS: [&str; 7] = [
    "tags",
    "tagged",
    "post tags",
    "article tags",
    "étiquettes",
    "schlagwörter",
    "etiquetas",
];

/// The list a label at the start of `text` names ("Important Keywords", "Keywords:",
/// "Tags:"), and what follows the label, empty when it stands alone; `None` when `text`
/// has no such label.
pub fn list_after_label(text: &str) -> Option<(Listed, &str)> {
    // The seed's label, with or without a colon before its list.
    const SEED_LABEL: &str = "important keywords";
    if let Some(rest) = text
        .get(SEED_LABEL.len()..)
        .filter(|_| text[..SEED_LABEL.len()].eq_ignore_ascii_case(SEED_LABEL))
    {
        return Some((Listed::Keywords, rest.trim_start().trim_start_matches(':')));
    }
    // Any other label only with its colon, or alone: "Keywords are…" is prose. Compared
    // without lower-casing a copy: every article's last paragraph is asked.
    let (label, rest) = text.split_once(':').unwrap_or((text, ""));
    let label = label.trim();
    // A label with a letter beyond ASCII ("Étiquettes") is lower-cased in full; a label is
    // short, so a long paragraph is not.
    let lower = (!label.is_ascii() && label.len() <= 40).then(|| label.to_lowercase());
    let named = |labels: &[&str]| {
        labels.iter().any(|l| match &lower {
            Some(lower) => l == lower,
            None => l.eq_ignore_ascii_case(label),
        })
    };
    if named(&KEYWORD_LABELS) {
        Some((Listed::Keywords, rest))
    } else if named(&TAG_LABELS) {
        Some((Listed::Tags, rest))
    } else {
        None
    }
}

/// Longest line taken for a section title: titles are short, paragraphs rarely are.
const TITLE_MAX: usize = 120;

/// A line's reading on its own; [`read`] settles the lines that depend on their neighbours.
pub fn classify(line: &str) -> Line<'_> {
    let t = line.trim();
    if t.is_empty() {
        return Line::Blank;
    }
    let lower = t.trim_end_matches(':').trim_end().to_lowercase();
    match lower.as_str() {
        "introduction" | "conclusion" | "summary" | "references" => {
            return Line::Heading(t.trim_end_matches(':'))
        }
        _ => {}
    }
    if list_after_label(t).is_some_and(|(_, rest)| rest.trim().is_empty()) {
        return Line::Label(t);
    }
    if is_faq_title(&lower) {
        return Line::Faq(t);
    }
    if let Some(marked) = qa_marker(t).map(|(kind, cut)| marked(t, kind, cut)) {
        return marked;
    }
    if let Some(title) = numbered(t) {
        // "1. Title" (or "1) Title") on a line of its own is a numbered section title;
        // "1. Take it with food." is a list item.
        return if title_like(title) {
            Line::Heading(title)
        } else {
            Line::Markdown(t)
        };
    }
    if is_block_syntax(t) {
        return Line::Markdown(t);
    }
    if let Some(item) = bulleted(t) {
        return Line::Bullet(item);
    }
    Line::Text(t)
}

/// A question or an answer line, its marker ending at `cut`.
fn marked(t: &str, kind: char, cut: usize) -> Line<'_> {
    let mut rest = t[cut..].trim();
    if t.starts_with(EMPHASIS) {
        // The emphasis opened before the marker closes at the end of the line.
        rest = rest.trim_end_matches(EMPHASIS).trim_end();
    }
    if kind == 'q' {
        Line::Question(t, rest)
    } else {
        Line::Answer(t, rest)
    }
}

/// Bullet characters that are not Markdown's, as word processors and web pages write them.
const BULLETS: [char; 5] = ['•', '◦', '▪', '●', '‣'];

/// What follows a bullet that is not Markdown's and the space after it, where `t` opens with
/// one; with `dashes`, "– " and "— " are bullets too. In a post, lines bulleted with a dash
/// are lists; in Markdown, a dash line is more often an author under a quote.
pub fn after_bullet(t: &str, dashes: bool) -> Option<&str> {
    let rest = t
        .strip_prefix(BULLETS)
        .or_else(|| t.strip_prefix(['–', '—']).filter(|_| dashes))?;
    // "–5 °C" or "—and then": a bullet only before a space.
    rest.strip_prefix([' ', '\t']).map(str::trim_start)
}

/// The item of a post's line bulleted with a character that is not Markdown's ("• ", "▪ ",
/// "– "), if the line is one.
pub fn bulleted(t: &str) -> Option<&str> {
    let item = after_bullet(t, true)?.trim_end();
    (!item.is_empty()).then_some(item)
}

/// "Q&A", "Q&A Section", "FAQ", "Frequently asked questions", … (lower-cased, without a
/// closing colon). The parse stage takes a section with such a heading for the FAQ.
pub fn is_faq_title(lower: &str) -> bool {
    let t = lower.strip_suffix(" section").unwrap_or(lower).trim();
    let named = |t: &str| {
        matches!(
            t.trim(),
            "q&a"
                | "q & a"
                | "q and a"
                | "faq"
                | "faqs"
                | "frequently asked questions"
                | "questions and answers"
                | "common questions"
                // French, German, Italian, Portuguese and Spanish, the other languages
                // Materia has words for.
                | "questions fréquentes"
                | "foire aux questions"
                | "questions et réponses"
                | "questions-réponses"
                | "häufige fragen"
                | "häufig gestellte fragen"
                | "fragen und antworten"
                | "preguntas frecuentes"
                | "preguntas y respuestas"
                | "domande frequenti"
                | "domande e risposte"
                | "perguntas frequentes"
                | "perguntas e respostas"
                | "dúvidas frequentes"
        )
    };
    // "Frequently Asked Questions (FAQ)", "FAQ – Frequently Asked Questions": either name.
    let parts = t
        .strip_suffix(')')
        .and_then(|t| t.split_once(" ("))
        .or_else(|| {
            [" - ", " – ", " — ", ": "]
                .iter()
                .find_map(|dash| t.split_once(dash))
        });
    named(t) || parts.is_some_and(|(a, b)| named(a) || named(b))
}

/// Splits `Q1: text` (or `A1:`, `Q:`, `Question 2:`, `Answer:`) into the marker's kind,
/// `q` or `a`, and where the text after it starts.
pub fn qa_marker(text: &str) -> Option<(char, usize)> {
    qa_marker_ending(text, &[':'])
}

/// [`qa_marker`] that also reads `Q. text`, `A1. text`, `Q2) text` and `Q3 – text`: only
/// inside an FAQ section, where a line opening with "A." is an answer, not an initial.
pub fn faq_marker(text: &str) -> Option<(char, usize)> {
    qa_marker_ending(text, &[':', '.', ')', '–', '—'])
}

fn qa_marker_ending(text: &str, ends: &[char]) -> Option<(char, usize)> {
    // Posts often set the marker in bold: "**Q1:** What…?" or "**Q1: What…?**".
    let trimmed = text.trim_start().trim_start_matches(EMPHASIS);
    let lead = text.len() - trimmed.len();
    let lower = trimmed.to_ascii_lowercase();
    for &(word, kind) in QA_WORDS {
        if let Some(rest) = lower.strip_prefix(word) {
            // "Question 2:" as well as "Q2:".
            let spaced = rest.trim_start();
            let rest = if spaced.starts_with(|c: char| c.is_ascii_digit()) {
                spaced
            } else {
                rest
            };
            let digits = rest.len() - rest.trim_start_matches(|c: char| c.is_ascii_digit()).len();
            let after = &rest[digits..];
            let after_trim = after.trim_start();
            // Another language's letter ("R1 :", "P:") only numbered or with a colon: "P. Smith"
            // and "R) " are no markers.
            if word.len() == 1
                && !"qa".contains(word)
                && digits == 0
                && !after_trim.starts_with(':')
            {
                continue;
            }
            // "Q1:" ends a marker wherever; "Q." only before a space ("Q.E.D.", "A.B.").
            let tail = after_trim.strip_prefix(ends).filter(|tail| {
                after_trim.starts_with(':')
                    || tail.is_empty()
                    || tail.starts_with(char::is_whitespace)
                    || tail.starts_with(EMPHASIS)
            });
            if let Some(tail) = tail {
                let tail = tail.trim_start_matches(EMPHASIS).trim_start();
                let consumed = trimmed.len() - tail.len();
                return Some((kind, lead + consumed));
            }
        }
    }
    None
}

/// The words and letters that mark an FAQ's questions and answers, longest first where one
/// starts another: English, then French ("Q1 :", "R1 :"), German ("F1:", "A1:"), Spanish
/// and Portuguese ("P1:", "R1:") and Italian ("D1:", "R1:"), the other languages Materia
/// has words for.
const QA_WORDS: &[(&str, char)] = &[
    ("question", 'q'),
    ("answer", 'a'),
    ("réponse", 'a'),
    ("reponse", 'a'),
    ("frage", 'q'),
    ("antwort", 'a'),
    ("pregunta", 'q'),
    ("respuesta", 'a'),
    ("domanda", 'q'),
    ("risposta", 'a'),
    ("pergunta", 'q'),
    ("resposta", 'a'),
    ("q", 'q'),
    ("a", 'a'),
    ("r", 'a'),
    ("f", 'q'),
    ("p", 'q'),
    ("d", 'q'),
];

/// Markdown's emphasis markers.
pub const EMPHASIS: [char; 2] = ['*', '_'];

/// Short and not a sentence: no closing punctuation. A link counts by its text, not its
/// address ("1. Why [Magnesium](https://…) Matters" is a short title).
fn title_like(t: &str) -> bool {
    !t.is_empty()
        && shown_chars(t) <= TITLE_MAX
        && !t.ends_with(['.', ',', ';', ':', '!', '?', '"', '\'', ')', '”', '’'])
}

/// Whether a question (without its `?`) is written as a headline: short, of two words or
/// more, in capitals, or with each word of four letters or more capitalised (the short
/// ones may be lower case: "What Is the Best Form of B12").
fn headline_question(q: &str) -> bool {
    let words: Vec<&str> = q
        .split_whitespace()
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
        .filter(|w| w.chars().any(char::is_alphabetic))
        .collect();
    let capital = |w: &&str| w.chars().next().is_some_and(|c| !c.is_lowercase());
    words.len() >= 2
        && title_like(q)
        && words.first().is_some_and(capital)
        && (q.chars().all(|c| !c.is_lowercase())
            || words.iter().filter(|w| w.chars().count() >= 4).all(capital))
}

/// The characters of `t` but the addresses of its Markdown links.
fn shown_chars(t: &str) -> usize {
    let mut count = 0;
    let mut rest = t;
    while let Some(at) = rest.find("](") {
        count += rest[..=at].chars().count();
        let after = &rest[at + 2..];
        match link_address_end(after) {
            Some(end) => rest = &after[end + 1..],
            None => return count + after.chars().count(),
        }
    }
    count + rest.chars().count()
}

/// Where the `)` that closes a Markdown link's address is in `after`, the text after its
/// `](`: the address may hold balanced brackets of its own, as CommonMark reads them
/// (`https://en.wikipedia.org/wiki/Vitamin_B12_(disambiguation)`).
pub fn link_address_end(after: &str) -> Option<usize> {
    let mut depth = 0usize;
    for (i, c) in after.char_indices() {
        match c {
            '(' => depth += 1,
            ')' if depth == 0 => return Some(i),
            ')' => depth -= 1,
            _ => {}
        }
    }
    None
}

/// What follows the number a line starts with, if it starts with one.
fn after_number(t: &str) -> Option<&str> {
    let digits = t.bytes().take_while(u8::is_ascii_digit).count();
    (digits > 0).then(|| &t[digits..])
}

/// A section title line as its heading: its level, 2, or 3 for a part of a numbered section
/// ("1.1 Title"), and its text, without a closing colon ("FAQ:") or bold around the whole
/// line ("**Who is at risk?**", which the heading is already). The text is a slice of
/// `line`, so its offset in the file is known.
pub fn section_title(line: &str) -> (u8, &str) {
    let h = line.trim_end_matches(':').trim_end();
    let h = ["**", "__"]
        .iter()
        .find_map(|m| h.strip_prefix(m)?.strip_suffix(m))
        .filter(|inner| !inner.contains("**") && !inner.contains("__"))
        .map_or(h, str::trim);
    (if subsection_number(h) { 3 } else { 2 }, h)
}

/// Whether a section title is numbered as a part of another section ("1.1 Title",
/// "2.3. Title"); a title that opens with a decimal ("1.5 mg a day") is not.
fn subsection_number(title: &str) -> bool {
    after_number(title)
        .and_then(|rest| rest.strip_prefix('.'))
        .and_then(after_number)
        .map(|rest| rest.strip_prefix(['.', ')']).unwrap_or(rest))
        .and_then(|rest| rest.strip_prefix(' '))
        .is_some_and(|rest| rest.starts_with(char::is_uppercase))
}

/// The text after "N. " or "N) " at the start of a line.
fn numbered(t: &str) -> Option<&str> {
    let rest = after_number(t)?;
    (rest.starts_with(". ") || rest.starts_with(") ")).then(|| rest[2..].trim())
}

/// The title of a numbered line that asks a question ("2. Who is at risk?") or opens what
/// follows ("3. Supplements that help:", without its colon): read as a section title only
/// in context (see `settle`), since a list item may end so too.
fn numbered_title(t: &str) -> Option<&str> {
    let title = numbered(t)?;
    if title.strip_suffix('?').is_some_and(title_like) {
        return Some(title);
    }
    title.strip_suffix(':').filter(|t| title_like(t))
}

/// Markdown that a line-by-line reading must leave to the Markdown parser.
fn is_block_syntax(t: &str) -> bool {
    t.starts_with(['#', '>', '|'])
        || ["- ", "* ", "+ "].iter().any(|m| t.starts_with(m))
        || after_number(t).is_some_and(|rest| rest.starts_with(") "))
}

/// Every line of `text` read in context: a title-like paragraph followed by a paragraph
/// is a section title.
pub fn read(text: &str) -> Vec<Line<'_>> {
    let mut lines: Vec<Line> = text.lines().map(classify).collect();
    settle(&mut lines);
    lines
}

fn settle(lines: &mut [Line]) {
    let mut in_faq = false;
    for i in 0..lines.len() {
        // An FAQ section runs from its title to the next section title.
        in_faq = match lines[i] {
            Line::Faq(_) => true,
            Line::Heading(_) => false,
            _ => in_faq,
        };
        if in_faq {
            match lines[i] {
                // "Q1. …", "A1) …", "Q. …": markers read only in an FAQ.
                Line::Text(t) => {
                    if let Some((kind, cut)) = faq_marker(t) {
                        lines[i] = marked(t, kind, cut);
                    }
                }
                // "1. Can it be reversed?": a question of the FAQ, not a list item.
                Line::Markdown(t) => {
                    if let Some(question) = numbered(t).filter(|q| q.ends_with('?')) {
                        lines[i] = Line::Text(question);
                    }
                }
                _ => {}
            }
        }
        let next = lines[i + 1..].iter().find(|l| !matches!(l, Line::Blank));
        if let Line::Markdown(t) = lines[i] {
            // "2. Who is at risk?" (or "2. Who is at risk:") titles a section as "2. Risk
            // factors" does, where a paragraph follows it and no list comes before it; an
            // FAQ's numbered questions stay its questions.
            let Some(title) = numbered_title(t).filter(|_| !in_faq) else {
                continue;
            };
            let before = lines[..i].iter().rev().find(|l| !matches!(l, Line::Blank));
            let prose_next = matches!(next, Some(Line::Text(n)) if !title_like(n));
            let listed_before = matches!(before, Some(Line::Markdown(b)) if numbered(b).is_some());
            if prose_next && !listed_before {
                lines[i] = Line::Heading(title);
            }
            continue;
        }
        let Line::Text(t) = lines[i] else { continue };
        let followed_by_prose = match next {
            Some(Line::Text(n)) => !title_like(n),
            Some(Line::Question(..) | Line::Markdown(_) | Line::Bullet(_)) => true,
            _ => false,
        };
        // A question in headline case ("How Is It Treated?", "WHAT CAUSES LOW B12?") titles
        // its section; one written as a sentence ("Have you felt pins and needles?") may
        // open a paragraph of its own, and in an FAQ it is the FAQ's question.
        let titled_question = !in_faq && t.strip_suffix('?').is_some_and(headline_question);
        if (title_like(t) || titled_question) && followed_by_prose {
            lines[i] = Line::Heading(t);
        }
    }
}

/// The lines of an article body that reads as a plain-text post rather than Markdown:
/// three lines or more, no blank line between them (or one after each: see below), no code
/// (fenced or indented, which a line-by-line reading would break up), at least two lines
/// that end a sentence, and a sign that the lines are whole paragraphs rather than prose
/// wrapped at a fixed width: a line longer than any wrapped one, or a line only posts have
/// (a numbered or standard section title, a Q&A section, a question or answer, the
/// keywords line). `None` otherwise, within the first lines for most Markdown.
pub fn as_post(body: &str) -> Option<Vec<Line<'_>>> {
    let trimmed = body.trim_matches(['\n', '\r', ' ', '\t']);
    let (mut count, mut blank, mut after_blank) = (0, false, true);
    // For a post with a blank line after each line (see below): whether a line is Markdown
    // that spans lines (a heading, an indented continuation, a link or footnote definition
    // that text elsewhere refers to), whether a line directly follows another, and whether
    // one titles a Q&A section; `label` is whether the line before is the keywords title.
    let (mut spans, mut joined, mut signed, mut label) = (false, false, false, false);
    for line in trimmed.lines() {
        let t = line.trim();
        if t.is_empty() {
            (blank, after_blank) = (true, true);
            continue;
        }
        if line.starts_with("    ")
            || line.starts_with('\t')
            || t.starts_with("```")
            || t.starts_with("~~~")
            || t.starts_with('<')
        {
            return None;
        }
        spans |=
            t.starts_with('#') || line.starts_with(' ') || t.starts_with('[') && t.contains("]:");
        joined |= !after_blank
            && !label
            && !is_block_syntax(t)
            && bulleted(t).is_none()
            && qa_marker(t).is_none();
        if blank && (spans || joined) {
            // Markdown: most bodies end up here within a few lines.
            return None;
        }
        // Titles are short: longer lines are not read for one.
        let title = (t.len() <= 40).then(|| classify(t));
        label = matches!(title, Some(Line::Label(_)));
        signed |= matches!(title, Some(Line::Faq(_)));
        after_blank = false;
        count += 1;
    }
    // A blank line after each line, as a post pasted into Markdown often has: read as
    // Markdown it loses its section titles, but Markdown read line by line could lose its
    // wrapped paragraphs and get headings from short lines. Taken for a post only with no
    // Markdown that spans lines, no line directly after another (but answers, the keywords
    // after their title, and list and table lines), and a Q&A section title.
    if count < 3 || (blank && (spans || joined || !signed)) {
        return None;
    }
    let mut lines: Vec<Line> = body.lines().map(classify).collect();
    // Lines only posts have, read before titles are settled by their neighbours.
    let post_lines = lines.iter().any(|l| {
        matches!(
            l,
            Line::Heading(_)
                | Line::Faq(_)
                | Line::Label(_)
                | Line::Question(..)
                | Line::Answer(..)
        )
    });
    settle(&mut lines);
    // Questions and answers are sentences too, whatever their markers.
    let sentences = lines
        .iter()
        .filter(|l| match l {
            Line::Text(t) => t.ends_with(['.', '!', '?']),
            Line::Question(..) | Line::Answer(..) => true,
            _ => false,
        })
        .count();
    let long = lines.iter().any(|l| match l {
        Line::Text(t) => t.len() > 160,
        _ => false,
    });
    (sentences >= 2 && (long || post_lines)).then_some(lines)
}

/// Where `inner`, a slice of `outer`, starts in it.
pub fn offset_in(outer: &str, inner: &str) -> usize {
    (inner.as_ptr() as usize).saturating_sub(outer.as_ptr() as usize)
}

#[cfg(test)]
mod tests {
    use super::*;

    const SEEDLIKE: &str = "Introduction\nVitamin B12 keeps nerves working. Low levels cause tingling.\nMore text follows here.\n1. Why Zinc Matters\nIt helps. Really.\nNerve Damage and Balance\nWalking in the dark gets harder.\nQ&A Section\nQ1: Is it safe?\nA1: In normal doses.\nImportant Keywords\nzinc, nerves\n";

    #[test]
    fn reads_titles_questions_and_keywords() {
        let lines = as_post(SEEDLIKE).unwrap_or_default();
        assert_eq!(
            lines,
            vec![
                Line::Heading("Introduction"),
                Line::Text("Vitamin B12 keeps nerves working. Low levels cause tingling."),
                Line::Text("More text follows here."),
                Line::Heading("Why Zinc Matters"),
                Line::Text("It helps. Really."),
                Line::Heading("Nerve Damage and Balance"),
                Line::Text("Walking in the dark gets harder."),
                Line::Faq("Q&A Section"),
                Line::Question("Q1: Is it safe?", "Is it safe?"),
                Line::Answer("A1: In normal doses.", "In normal doses."),
                Line::Label("Important Keywords"),
                Line::Text("zinc, nerves"),
            ]
        );
    }

    #[test]
    fn closing_list_labels_name_keywords_or_tags() {
        for (text, expected) in [
            ("Important Keywords", Some((Listed::Keywords, ""))),
            (
                "Important Keywords: a, b",
                Some((Listed::Keywords, " a, b")),
            ),
            ("Keywords:", Some((Listed::Keywords, ""))),
            ("SEO keywords: a", Some((Listed::Keywords, " a"))),
            ("Key words: a", Some((Listed::Keywords, " a"))),
            ("Tags: a, b", Some((Listed::Tags, " a, b"))),
            // French (a space before the colon), German and Spanish.
            ("Mots-clés : a, b", Some((Listed::Keywords, " a, b"))),
            ("Schlüsselwörter: a", Some((Listed::Keywords, " a"))),
            ("Étiquettes: a", Some((Listed::Tags, " a"))),
            ("Palabras clave: a, b", Some((Listed::Keywords, " a, b"))),
            ("Parole chiave: a, b", Some((Listed::Keywords, " a, b"))),
            ("Palavras-chave: a, b", Some((Listed::Keywords, " a, b"))),
            ("Etiquetas: a", Some((Listed::Tags, " a"))),
            ("Tagged: a", Some((Listed::Tags, " a"))),
            ("TAGS", Some((Listed::Tags, ""))),
            // Prose that opens with the word.
            ("Keywords are what readers type.", None),
            ("Tags on clothes: check the fibre", None),
            ("Note: keywords", None),
        ] {
            assert_eq!(list_after_label(text), expected, "{text}");
        }
        assert_eq!(classify("Tags:"), Line::Label("Tags:"));
        assert_eq!(classify("Tags: a"), Line::Text("Tags: a"));
    }

    #[test]
    fn other_bullets_are_list_items_and_titles_say_their_level() {
        assert_eq!(
            classify("• Take it with food."),
            Line::Bullet("Take it with food.")
        );
        assert_eq!(classify("▪ B12"), Line::Bullet("B12"));
        assert_eq!(
            classify("– a dash and a space"),
            Line::Bullet("a dash and a space")
        );
        // Not bullets: a dash before a number or a word, a bullet alone.
        assert_eq!(classify("–5 °C at night."), Line::Text("–5 °C at night."));
        assert_eq!(classify("•"), Line::Text("•"));
        for (line, expected) in [
            ("Causes", (2, "Causes")),
            ("FAQ:", (2, "FAQ")),
            ("**Who is at risk?**", (2, "Who is at risk?")),
            ("**Bold** and **bold**", (2, "**Bold** and **bold**")),
            ("1.1 Zinc and colds", (3, "1.1 Zinc and colds")),
            ("2.3. Zinc and colds", (3, "2.3. Zinc and colds")),
            ("1. Zinc and colds", (2, "1. Zinc and colds")),
            ("1.5 mg is the dose", (2, "1.5 mg is the dose")),
        ] {
            assert_eq!(section_title(line), expected, "{line}");
        }
    }

    #[test]
    fn markdown_stays_markdown() {
        // A blank line anywhere: Markdown.
        assert!(as_post("Intro.\n\nMore text here.\nAnd here.\nIntroduction\nX.\n").is_none());
        // Prose wrapped at a fixed width: its lines end mid-sentence, none is long.
        assert!(as_post(
            "Vitamin B12 matters a great deal.\nIt helps the nerves work and the\nblood form. See a doctor.\n"
        )
        .is_none());
        // Code would be broken up line by line.
        assert!(as_post("Introduction\n```\nx\n```\nText here. More.\nEnd.\n").is_none());
        // Two lines only.
        assert!(as_post("Introduction\nText here, a long line.\n").is_none());
    }

    #[test]
    fn a_post_with_a_blank_line_after_each_line_is_a_post() {
        let spaced = SEEDLIKE.replace('\n', "\n\n");
        let lines = as_post(&spaced).unwrap_or_default();
        let read: Vec<Line> = lines.into_iter().filter(|l| *l != Line::Blank).collect();
        assert_eq!(read, as_post(SEEDLIKE).unwrap_or_default());
        // The keywords may follow their title directly, and answers their questions.
        let close = spaced
            .replace("Keywords\n\n", "Keywords\n")
            .replace("?\n\nA1", "?\nA1");
        assert!(as_post(&close).is_some());
    }

    #[test]
    fn spaced_markdown_stays_markdown() {
        let spaced = SEEDLIKE.replace('\n', "\n\n");
        // A Markdown heading.
        assert!(as_post(&spaced.replace("Introduction", "## Introduction")).is_none());
        // A paragraph wrapped over two lines.
        let wrapped = spaced.replace("More text follows here.", "More text\nfollows here.");
        assert!(as_post(&wrapped).is_none());
        // Markdown that spans lines: a link definition, an indented continuation.
        let defined = format!("{spaced}[1]: https://example.org\n");
        assert!(as_post(&defined).is_none());
        assert!(as_post(&spaced.replace("It helps.", "  It helps.")).is_none());
        // No Q&A title (a keywords title is Markdown's too).
        let plain = "Introduction\n\nVitamin B12 keeps nerves working. Low levels cause tingling.\n\nConclusion\n\nSee a doctor.\n\nImportant Keywords\n\nzinc, nerves\n";
        assert!(as_post(plain).is_none());
    }

    #[test]
    fn long_lines_are_paragraphs_without_any_title() {
        let long = "Word ".repeat(40);
        let body = format!("{long}ends here.\n{long}and here.\nShort line.\n");
        let lines = as_post(&body).unwrap_or_default();
        assert_eq!(lines.len(), 3);
        assert!(lines.iter().all(|l| matches!(l, Line::Text(_))));
    }

    #[test]
    fn a_numbered_sentence_is_a_list_item_and_lists_stay_together() {
        let lines = read("Tips\n1. Take it with food.\n- a\n- b\n");
        assert_eq!(
            lines,
            vec![
                Line::Heading("Tips"),
                Line::Markdown("1. Take it with food."),
                Line::Markdown("- a"),
                Line::Markdown("- b"),
            ]
        );
    }

    #[test]
    fn questions_and_answers_marked_in_bold_are_read() {
        assert_eq!(
            classify("**Q1: Can it be reversed?**"),
            Line::Question("**Q1: Can it be reversed?**", "Can it be reversed?")
        );
        assert_eq!(
            classify("**A1:** Often, if treated early."),
            Line::Answer(
                "**A1:** Often, if treated early.",
                "Often, if treated early."
            )
        );
        assert_eq!(
            classify("__Question 2:__ Who is at risk?"),
            Line::Question("__Question 2:__ Who is at risk?", "Who is at risk?")
        );
    }

    #[test]
    fn dotted_markers_count_only_in_an_faq() {
        assert_eq!(faq_marker("Q. Is it safe?"), Some(('q', 3)));
        assert_eq!(faq_marker("A. In normal doses."), Some(('a', 3)));
        assert_eq!(faq_marker("Q1. Is it safe?"), Some(('q', 4)));
        assert_eq!(faq_marker("A2) Yes."), Some(('a', 4)));
        assert_eq!(faq_marker("Q3 – Why?"), Some(('q', 7)));
        assert_eq!(qa_marker("A. Smith found low levels."), None);
        assert_eq!(faq_marker("A.B. Smith found low levels."), None);
        // Italian: Domanda and Risposta, "D1:" and "R1:".
        assert_eq!(qa_marker("D1: È grave?"), Some(('q', 4)));
        assert_eq!(qa_marker("R1: Di solito no."), Some(('a', 4)));
        assert_eq!(qa_marker("Domanda 2: Si cura?"), Some(('q', 11)));
        // Portuguese: Pergunta and Resposta, "P1:" and "R1:".
        assert_eq!(qa_marker("Pergunta 3: Tem cura?"), Some(('q', 12)));
        assert_eq!(
            qa_marker("Resposta 3: Na maioria dos casos."),
            Some(('a', 12))
        );
        assert_eq!(faq_marker("D. Rossi ha misurato i livelli."), None);
    }

    #[test]
    fn a_title_numbered_with_a_parenthesis_is_a_title() {
        assert_eq!(
            classify("2) Neurological Impact of B12 Deficiency"),
            Line::Heading("Neurological Impact of B12 Deficiency")
        );
        assert_eq!(
            classify("2) Take it with food."),
            Line::Markdown("2) Take it with food.")
        );
    }

    #[test]
    fn a_numbered_question_or_opening_before_a_paragraph_titles_a_section() {
        let post = "Intro paragraph of the post.\n2. Who Is at Risk?\nOlder adults and vegans.\n\
                    Steps to take:\n1. Eat well.\n2. Is it safe?\nIt is.\n\
                    3. Ask a doctor?\n\nQ&A Section\n1. What is B12?\nA vitamin.\n";
        let lines = read(post);
        assert_eq!(lines[1], Line::Heading("Who Is at Risk?"));
        // After a list item, a question is the list's next item; one followed by another
        // line of Markdown or by nothing is no title either.
        assert_eq!(lines[5], Line::Markdown("2. Is it safe?"));
        assert_eq!(lines[7], Line::Markdown("3. Ask a doctor?"));
        // In the FAQ, numbered questions are its questions, read as plain question lines.
        assert_eq!(lines[10], Line::Text("What is B12?"));
        // A title that opens what follows with a colon, as a title without it.
        let lines = read("Intro paragraph of the post.\n3. Supplements That Help:\nMagnesium.\n");
        assert_eq!(lines[1], Line::Heading("Supplements That Help"));
    }

    #[test]
    fn a_lists_closing_and_is_not_part_of_its_last_keyword() {
        assert_eq!(
            split_keywords("vitamin A, vitamin E, and vitamin K."),
            ["vitamin A", "vitamin E", "vitamin K"]
        );
        assert_eq!(split_keywords("zinc; or iron"), ["zinc", "iron"]);
        assert_eq!(split_keywords("and more"), ["and more"]);
        assert_eq!(split_keywords("B12, andropause"), ["B12", "andropause"]);
    }

    /// An unnumbered question titles its section where it is written as a headline; one
    /// written as a sentence stays a paragraph, and an FAQ's questions stay its questions.
    #[test]
    fn a_question_written_as_a_headline_titles_a_section() {
        let post = "Intro paragraph of the post.\nWHAT CAUSES LOW B12?\nPoor absorption.\n\
                    How Is It Treated?\nWith injections.\nWhat Is the Best Form of B12?\nAny.\n\
                    Have you felt pins and needles?\nMany people have.\nWhy?\nNobody knows.\n\
                    Q&A Section\nIs It Safe?\nYes.\n";
        let lines = read(post);
        for i in [1, 3, 5] {
            assert!(matches!(lines[i], Line::Heading(_)), "{:?}", lines[i]);
        }
        assert_eq!(lines[7], Line::Text("Have you felt pins and needles?"));
        assert_eq!(lines[9], Line::Text("Why?"));
        assert_eq!(lines[12], Line::Text("Is It Safe?"));
    }

    #[test]
    fn faq_titles_with_both_names_or_a_colon_are_faq_titles() {
        for title in [
            "Frequently Asked Questions (FAQ)",
            "FAQ – Frequently Asked Questions",
            "FAQs:",
            "Common Questions",
        ] {
            assert_eq!(classify(title), Line::Faq(title), "{title}");
        }
        assert_eq!(
            classify("Questions (and a few answers)"),
            Line::Text("Questions (and a few answers)")
        );
    }

    #[test]
    fn offsets_of_slices() {
        let text = "ab\ncd";
        let lines = read(text);
        let Line::Text(t) = lines[1] else {
            panic!("{lines:?}")
        };
        assert_eq!(offset_in(text, t), 3);
    }
}
