//! The index files: terms packed into shards to a byte budget (`s/`), the rest of long
//! posting lists (`t/`), the words spelt backwards for misspelt beginnings (`e/`), and the
//! manifest that names the first term of each shard.

use super::text;
use super::{
    json, Doc, Term, ENDINGS_BYTES, HEAD, KIND_NAMES, SHARD_BYTES, TAIL_BYTES, TEXT_CHUNK, TITLED,
};
use rayon::prelude::*;
use std::collections::BTreeMap;
use std::fmt::Write as _;

/// Packs the sorted terms into shards of about `SHARD_BYTES` and their tails into files of
/// about `TAIL_BYTES`, and writes the manifest.
///
/// A shard: `{"t":{term:[idf, pages, tail file, page, tf, page, tf, …]}, "d":[[page, title,
/// kind, url], …]}`. `pages` counts every page with the term; when the shard lists fewer,
/// the others are in tail file `t/<tail file>.json`, under the term, as `[page delta, tf, …]`
/// sorted by page. `d` has the pages heading some term's postings. `y`, when some term
/// of the shard is in a synonym group, maps such terms to the group's other names and the
/// pages their names name (see `synonyms_of_terms`).
pub(super) fn shards(
    terms: &[Term],
    docs: &[Doc],
    words: &crate::translations::Words,
    language: text::Language,
) -> (String, Vec<(String, Vec<u8>)>) {
    // Writing the numbers is most of the work, and each term's text stands alone: written in
    // parallel. Then where each term goes is worked out from byte counts alone, in order,
    // and the files are put together in parallel.
    let (written, rows): (Vec<Written>, Vec<String>) = rayon::join(
        || terms.par_iter().map(Written::new).collect(),
        || {
            docs.par_iter()
                .enumerate()
                .map(|(i, d)| {
                    let shown = &d.shown;
                    let mut row = String::with_capacity(shown.title.len() + shown.url.len() + 16);
                    row.push('[');
                    row.push_str(itoa::Buffer::new().format(i));
                    row.push(',');
                    row.push_str(&shown.title);
                    row.push(',');
                    row.push_str(itoa::Buffer::new().format(d.kind as u8));
                    row.push(',');
                    row.push_str(&shown.url);
                    row.push(']');
                    row
                })
                .collect()
        },
    );
    let titled = |term: &Term| -> Vec<u32> {
        term.postings
            .iter()
            .take(HEAD.min(TITLED))
            .map(|p| p.0)
            .collect()
    };
    // For each term: its shard, and its tail file (0 when it has no tail).
    let mut places: Vec<(usize, usize)> = Vec::with_capacity(terms.len());
    let (mut shard, mut shard_bytes, mut in_shard) = (0, 0, 0);
    let mut shown: std::collections::HashSet<u32> = Default::default();
    let (mut tail, mut tail_bytes) = (0, 0);
    for (term, w) in terms.iter().zip(&written) {
        if shard_bytes >= SHARD_BYTES {
            (shard, shard_bytes, in_shard) = (shard + 1, 0, 0);
            shown.clear();
        }
        if tail_bytes >= TAIL_BYTES {
            (tail, tail_bytes) = (tail + 1, 0);
        }
        let file = if w.tail.is_empty() { 0 } else { tail };
        shard_bytes += usize::from(in_shard > 0)
            + w.head.0.len()
            + itoa::Buffer::new().format(file).len()
            + w.head.1.len()
            + term
                .synonyms
                .as_ref()
                .map_or(0, |s| term.term.len() + s.len() + 4);
        in_shard += 1;
        for doc in titled(term) {
            if shown.insert(doc) {
                shard_bytes += rows[doc as usize].len() + 1;
            }
        }
        if !w.tail.is_empty() {
            tail_bytes += usize::from(tail_bytes > 0) + w.tail.len();
        }
        places.push((shard, file));
    }
    let shard_count = places.last().map_or(0, |p| p.0 + 1);
    let mut starts = vec![0; shard_count + 1];
    for (i, p) in places.iter().enumerate().rev() {
        starts[p.0] = i;
    }
    starts[shard_count] = terms.len();
    let firsts: Vec<&str> = starts[..shard_count]
        .iter()
        .map(|&i| terms[i].term.as_ref())
        .collect();
    let mut files: Vec<(String, Vec<u8>)> = (0..shard_count)
        .into_par_iter()
        .map(|n| {
            let mut text = String::from("{\"t\":{");
            let mut heads: BTreeMap<u32, &str> = BTreeMap::new();
            let mut synonyms = String::new();
            for i in starts[n]..starts[n + 1] {
                if let Some(list) = &terms[i].synonyms {
                    synonyms.push_str(if synonyms.is_empty() { "{" } else { "," });
                    synonyms.push_str(&json(terms[i].term.as_ref()));
                    synonyms.push(':');
                    synonyms.push_str(list);
                }
                if i > starts[n] {
                    text.push(',');
                }
                text.push_str(&written[i].head.0);
                text.push_str(itoa::Buffer::new().format(places[i].1));
                text.push_str(&written[i].head.1);
                for doc in titled(&terms[i]) {
                    heads.entry(doc).or_insert(&rows[doc as usize]);
                }
            }
            text.push_str("},\"d\":[");
            text.push_str(&heads.into_values().collect::<Vec<_>>().join(","));
            text.push(']');
            if !synonyms.is_empty() {
                text.push_str(",\"y\":");
                text.push_str(&synonyms);
                text.push('}');
            }
            text.push('}');
            (format!("search/s/{n}.json"), text.into_bytes())
        })
        .collect();
    let mut tails: Vec<(usize, Vec<&str>)> = Vec::new();
    for (w, &(_, file)) in written.iter().zip(&places) {
        if w.tail.is_empty() {
            continue;
        }
        match tails.last_mut() {
            Some((n, parts)) if *n == file => parts.push(&w.tail),
            _ => tails.push((file, vec![&w.tail])),
        }
    }
    files.par_extend(tails.into_par_iter().map(|(n, parts)| {
        let mut text = Vec::with_capacity(parts.iter().map(|p| p.len() + 1).sum::<usize>() + 2);
        text.push(b'{');
        for (i, part) in parts.iter().enumerate() {
            if i > 0 {
                text.push(b',');
            }
            text.extend_from_slice(part.as_bytes());
        }
        text.push(b'}');
        (format!("search/t/{n}.json"), text)
    }));
    let (ends, ending_files) = by_endings(terms);
    files.extend(ending_files);
    let mut manifest = String::from("{\"v\":1,\"docs\":");
    let english = language == text::Language::English;
    // The British spellings and the "-sis" ending are English; elsewhere `search.js` gets
    // empty lists.
    let spellings: BTreeMap<&str, &str> = match english {
        true => text::SPELLINGS.iter().copied().collect(),
        false => BTreeMap::new(),
    };
    let _ = write!(
        manifest,
        "{},\"chunk\":{},\"kinds\":{},\"l\":{},\"stop\":{},\"sis\":{},\"sp\":{},\"ir\":{},\"suf\":{},\"shards\":{},\"ends\":{}}}",
        docs.len(),
        TEXT_CHUNK,
        json(&KIND_NAMES.map(|k| words.get(&["kind_", k].concat()))),
        json(&words.search_texts()),
        json(language.stop_words()),
        u8::from(english),
        json(&spellings),
        json(&text::Stem::new(language).irregular_stems()),
        json(text::suffixes(language)),
        json(&firsts),
        json(&ends)
    );
    files.push((
        "search/index.json".to_string(),
        manifest.clone().into_bytes(),
    ));
    (manifest, files)
}

/// The words of the index, spelt backwards, sorted and packed into files
/// (`search/e/N.json`: a list of the words as they are), with the first backward word of
/// each file for the manifest.
///
/// A misspelt word is looked for in the shard where it would sort, which holds the words it
/// may be a typo of only when its first letters are right. Readers get the first letters of
/// a long word wrong as often as the rest ("pnuemonia", "nueropathy"); the word's ending
/// then finds the words it may be meant for, and their shards. Words of fewer than four
/// letters (never corrected) and words with digits are left out.
fn by_endings(terms: &[Term]) -> (Vec<String>, Vec<(String, Vec<u8>)>) {
    let mut backwards: Vec<(String, &str)> = terms
        .iter()
        .map(|t| t.term.as_ref())
        .filter(|t| t.chars().nth(3).is_some() && !t.chars().any(char::is_numeric))
        .map(|t| (t.chars().rev().collect(), t))
        .collect();
    backwards.sort_unstable();
    let (mut firsts, mut files) = (Vec::new(), Vec::new());
    let mut text = String::new();
    for (back, term) in &backwards {
        if text.is_empty() {
            firsts.push(back.clone());
            text.push('[');
        } else {
            text.push(',');
        }
        text.push_str(&json(term));
        if text.len() >= ENDINGS_BYTES {
            text.push(']');
            files.push((
                format!("search/e/{}.json", files.len()),
                std::mem::take(&mut text).into_bytes(),
            ));
        }
    }
    if !text.is_empty() {
        text.push(']');
        files.push((format!("search/e/{}.json", files.len()), text.into_bytes()));
    }
    (firsts, files)
}

/// A term's entry in its shard, around its tail file number (known only when packing), and
/// its entry in a tail file (empty when every posting fits in the shard).
struct Written {
    head: (String, String),
    tail: String,
}

impl Written {
    fn new(term: &Term) -> Written {
        let postings = &term.postings;
        let (head, tail) = postings.split_at(postings.len().min(HEAD));
        let name = json(term.term.as_ref());
        let mut numbers = itoa::Buffer::new();
        let mut before = String::with_capacity(name.len() + 24);
        before.push_str(&name);
        before.push_str(":[");
        for n in [term.idf as usize, term.df] {
            before.push_str(numbers.format(n));
            before.push(',');
        }
        let mut after = String::with_capacity(head.len() * 10 + 1);
        for &(doc, tf) in head {
            for n in [doc, tf] {
                after.push(',');
                after.push_str(numbers.format(n));
            }
        }
        after.push(']');
        let mut written = String::new();
        if !tail.is_empty() {
            written.reserve(tail.len() * 8 + name.len() + 3);
            written.push_str(&name);
            written.push_str(":[");
            let mut last = 0;
            for (i, &(doc, tf)) in tail.iter().enumerate() {
                if i > 0 {
                    written.push(',');
                }
                written.push_str(numbers.format(doc - last));
                written.push(',');
                written.push_str(numbers.format(tf));
                last = doc;
            }
            written.push(']');
        }
        Written {
            head: (before, after),
            tail: written,
        }
    }
}
