//! The catalog stage: every page of the site gets its URL, every id and term is resolved,
//! and what cannot be resolved is reported (unknown ids with a "did you mean", duplicate
//! URLs, a term claimed by two records). After this stage every reference is an index.

use crate::article::Article;
use crate::config::SiteConfig;
use crate::diagnostics::{did_you_mean, shown_path, Diagnostic, Diagnostics, Location};
use crate::markdown::Body;
use crate::pages::SitePage;
use crate::parse::{Parsed, Unparsed};
use crate::records::{IdRef, Person, Supplement, Symptom};
use crate::slug::{slugify, spelling_key};
use crate::theme::{Asset, ThemeSources};
use crate::words::normalise_term;
use rayon::prelude::*;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// What a cross-linking term points to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Target {
    Symptom(usize),
    Supplement(usize),
    Keyword(usize),
}

/// A keyword, a tag or a person credited: a name shown to readers and its page.
#[derive(Debug, Clone)]
pub struct Term {
    pub name: String,
    pub slug: String,
    pub url: String,
}

#[derive(Debug, Clone)]
pub struct Section {
    pub path: Vec<String>,
    pub title: String,
    pub url: String,
    /// Articles directly in this section.
    pub articles: Vec<usize>,
    /// Child sections (indices into `Catalog::sections`).
    pub children: Vec<usize>,
}

#[derive(Debug)]
pub struct Catalog {
    /// Unique to each catalog a process makes: what later stages derive from a catalog's
    /// URLs, terms and paths alone they may keep under it. An article edit that keeps its
    /// catalog entry (see [`same_shape`]) keeps the catalog and its id.
    pub id: u64,
    pub root: PathBuf,
    pub config: SiteConfig,
    pub home: Body,
    pub disclaimer: Body,
    pub theme: ThemeSources,
    pub assets: Vec<Asset>,
    /// The width and height of each picture among `assets`, by its `url_path`.
    pub picture_sizes: HashMap<String, (u32, u32)>,
    /// Sorted by URL.
    pub articles: Vec<Arc<Article>>,
    /// Sorted by id.
    pub symptoms: Vec<Symptom>,
    pub supplements: Vec<Supplement>,
    pub symptom_ids: HashMap<String, usize>,
    pub supplement_ids: HashMap<String, usize>,
    /// Page URL of each symptom and supplement (with `base_path`).
    pub symptom_urls: Vec<String>,
    pub supplement_urls: Vec<String>,
    /// Sorted by slug.
    pub keywords: Vec<Term>,
    pub tags: Vec<Term>,
    /// The people articles credit, authors and medical reviewers, and everyone with a
    /// record, at `/authors/<slug>/`. Sorted by slug.
    pub authors: Vec<Term>,
    /// Each of `authors`' record in `people`, if they have one.
    pub author_records: Vec<Option<usize>>,
    /// The slug of every way a person is written (a name in an article, a record's name and
    /// aliases) to their place in `authors`.
    pub author_slugs: HashMap<String, usize>,
    /// `content/authors/` records, sorted by id.
    pub people: Vec<Person>,
    /// `content/pages/`, sorted by URL.
    pub pages: Vec<SitePage>,
    /// Per article: its keywords, tags and people, as indices.
    pub article_keywords: Vec<Vec<usize>>,
    pub article_tags: Vec<Vec<usize>>,
    pub article_authors: Vec<Vec<usize>>,
    /// Per article: its medical reviewer, as an index into `authors`.
    pub article_reviewer: Vec<Option<usize>>,
    /// Per article: the explicit `symptoms`/`supplements` of its front matter.
    pub article_symptoms: Vec<Vec<usize>>,
    pub article_supplements: Vec<Vec<usize>>,
    /// Sections, parents before children; index 0 is `/articles/`.
    pub sections: Vec<Section>,
    /// Lower-cased cross-linking terms and what they link to, sorted by term.
    pub terms: Vec<(String, Target)>,
    /// Keywords whose term a record's name or alias took (keyword index by term): a
    /// mention links to the record, and is a mention of the keyword too.
    pub shadowed_keywords: BTreeMap<String, usize>,
    /// Normalised product/collection URL → supplement.
    pub product_links: HashMap<String, usize>,
    /// Every path the site will serve (pages as `/x/`, files as `/x.ext`).
    pub paths: HashSet<String>,
    /// Content file (relative to content/articles) → article, for `[x](other.md)` links.
    pub article_files: HashMap<String, usize>,
    /// The files that failed to read or parse: nothing in this catalog comes from them.
    pub unparsed: Unparsed,
}

impl Catalog {
    /// Whether a file that failed to read or parse may have made the page at `path` (with
    /// `base_path`): a build with problems catalogs and links the other files only for
    /// their problems, and a link to such a page is not one. An article may have been its
    /// section's only one and made keyword, tag and author pages, so its section's pages and
    /// every such list are taken too (and the lists where an article was read without a
    /// wrong field, which may have been its keywords).
    pub fn unparsed_may_make(&self, path: &str) -> bool {
        let u = &self.unparsed;
        if u.is_empty() {
            return false;
        }
        let Some(path) = path.strip_prefix(self.config.base_path.as_str()) else {
            return false;
        };
        let record = |files: &[String], folder: &str| {
            files
                .iter()
                .any(|f| path.starts_with(&format!("/{folder}/{}/", record_id(f))))
        };
        let lists = ["/keywords/", "/tags/", "/authors/"];
        let article = |url: &String| {
            let section = url
                .trim_end_matches('/')
                .rsplit_once('/')
                .map_or("/", |(s, _)| s);
            let section_page = path
                .strip_prefix(section)
                .is_some_and(|rest| rest == "/" || rest.starts_with("/page/"));
            path.starts_with(url.as_str()) || section_page
        };
        let page = |f: &String| {
            let url = crate::pages::url_of(f);
            path == url || (url != "/" && path.starts_with(&url))
        };
        let f = &u.files;
        record(&f.symptoms, "symptoms")
            || record(&f.supplements, "supplements")
            || (!f.people.is_empty() && path.starts_with("/authors/"))
            || ((!f.articles.is_empty() || u.partial_articles)
                && lists.iter().any(|l| path.starts_with(l)))
            || u.article_urls.iter().any(article)
            || f.pages.iter().any(page)
    }

    /// Whether `path` (with `base_path`) is a later page of a section's, keyword's, tag's
    /// or person's list (`/tags/b12/page/2/`) that the site has. A keyword's list counts
    /// the articles that mention the keyword too, known only once every article is linked,
    /// so any page of a keyword's list is taken.
    pub fn is_list_page(&self, path: &str) -> bool {
        let Some((list, n)) = path.strip_suffix('/').and_then(|p| p.rsplit_once("/page/")) else {
            return false;
        };
        let list = [list, "/"].concat();
        let per_page = self.config.paginate_by;
        let Some(n) = n.parse::<usize>().ok().filter(|&n| n >= 1 && per_page > 0) else {
            return false;
        };
        let has = |count: usize| n <= page_count(count, per_page);
        let credited =
            |lists: &[Vec<usize>], k: usize| lists.iter().filter(|l| l.contains(&k)).count();
        if let Some(s) = self.sections.iter().find(|s| s.url == list) {
            has(s.articles.len())
        } else if let Some(t) = self.tags.iter().position(|t| t.url == list) {
            has(credited(&self.article_tags, t))
        } else if let Some(p) = self.authors.iter().position(|p| p.url == list) {
            has(credited(&self.article_authors, p))
        } else {
            self.keywords.iter().any(|k| k.url == list)
        }
    }

    pub fn target_url(&self, target: Target) -> &str {
        match target {
            Target::Symptom(i) => &self.symptom_urls[i],
            Target::Supplement(i) => &self.supplement_urls[i],
            Target::Keyword(i) => &self.keywords[i].url,
        }
    }
}

/// Compares external URLs loosely: scheme, `www.`, case of the host, a trailing slash and a
/// fragment do not make a different page.
pub fn normalise_url(url: &str) -> Option<String> {
    let rest = url
        .trim()
        .strip_prefix("https://")
        .or_else(|| url.trim().strip_prefix("http://"))?;
    let rest = rest.split('#').next().unwrap_or(rest);
    let (host, path) = rest.split_at(rest.find('/').unwrap_or(rest.len()));
    let host = host.to_ascii_lowercase();
    let host = host.strip_prefix("www.").unwrap_or(&host);
    Some(format!("{host}{}", path.trim_end_matches('/')))
}

/// Whether the catalog comes out the same with `new` in place of `old`, an earlier version
/// of the same article: they agree on everything this stage reads of an article.
pub fn same_shape(old: &Article, new: &Article) -> bool {
    fn refs(r: &[IdRef]) -> Vec<(&str, &crate::diagnostics::Location)> {
        r.iter().map(|x| (x.id.as_str(), &x.location)).collect()
    }
    old.path == new.path
        && old.url == new.url
        && old.slug == new.slug
        && old.section == new.section
        && old.keywords == new.keywords
        && old.tags == new.tags
        && old.credited == new.credited
        && old.front.aliases == new.front.aliases
        && old.front.draft == new.front.draft
        && refs(&old.symptoms) == refs(&new.symptoms)
        && refs(&old.supplements) == refs(&new.supplements)
}

pub fn catalog(parsed: Parsed, diags: &Diagnostics) -> Catalog {
    let Parsed {
        root,
        config,
        home,
        disclaimer,
        articles,
        mut symptoms,
        mut supplements,
        mut people,
        mut pages,
        assets,
        picture_sizes,
        theme,
        unparsed,
    } = parsed;
    pages.sort_by(|a, b| a.url.cmp(&b.url).then_with(|| a.path.cmp(&b.path)));
    check_pages(&pages, &root, diags);
    pages.dedup_by(|b, a| a.url == b.url);
    let mut articles = articles;
    articles.sort_by(|a, b| a.url.cmp(&b.url).then_with(|| a.path.cmp(&b.path)));
    report_duplicate_urls(&articles, &root, diags);
    articles.dedup_by(|b, a| a.url == b.url);

    unique_by_id(&mut symptoms, |s| (&s.id, &s.path), "symptom", &root, diags);
    unique_by_id(
        &mut supplements,
        |s| (&s.id, &s.path),
        "supplement",
        &root,
        diags,
    );
    let base = &config.base_path;
    let symptom_urls: Vec<String> = symptoms
        .iter()
        .map(|s| format!("{base}/symptoms/{}/", s.id))
        .collect();
    let supplement_urls: Vec<String> = supplements
        .iter()
        .map(|s| format!("{base}/supplements/{}/", s.id))
        .collect();
    let symptom_ids = index_by_id(&symptoms, |s| &s.id);
    let supplement_ids = index_by_id(&supplements, |s| &s.id);

    let symptom_kind = Kind {
        ids: &symptom_ids,
        name: "symptom",
        failed: &unparsed.files.symptoms,
    };
    let supplement_kind = Kind {
        ids: &supplement_ids,
        name: "supplement",
        failed: &unparsed.files.supplements,
    };
    let resolve = |refs: &[IdRef], kind: Kind| -> Vec<usize> {
        let mut out = Vec::new();
        for r in refs {
            match kind.ids.get(&r.id) {
                Some(&i) if !out.contains(&i) => out.push(i),
                Some(_) => {}
                None if kind.failed.iter().any(|f| record_id(f) == r.id) => {}
                None => diags.push(unknown_id(r, kind.name, kind.ids)),
            }
        }
        out
    };
    // On every core: the first look at each article since parsing misses the caches.
    let article_symptoms: Vec<Vec<usize>> = articles
        .par_iter()
        .map(|a| resolve(&a.symptoms, symptom_kind))
        .collect();
    let article_supplements: Vec<Vec<usize>> = articles
        .par_iter()
        .map(|a| resolve(&a.supplements, supplement_kind))
        .collect();
    for s in &symptoms {
        resolve(&s.related_symptoms, symptom_kind);
        resolve(&s.related_supplements, supplement_kind);
    }
    for s in &supplements {
        resolve(&s.related_symptoms, symptom_kind);
    }

    let ((keywords, article_keywords), (tags, article_tags)) = rayon::join(
        || collect_terms(&articles, keywords_of, "keyword", base, &root, diags),
        || collect_terms(&articles, tags_of, "tag", base, &root, diags),
    );
    unique_by_id(&mut people, |p| (&p.id, &p.path), "person", &root, diags);
    let People {
        terms: authors,
        records: author_records,
        by_slug: author_slugs,
        per_article: article_authors,
    } = collect_people(&articles, &people, base, diags);
    let article_reviewer = articles
        .iter()
        .map(|a| {
            let slug = slugify(a.front.reviewed_by.as_deref()?);
            author_slugs.get(&slug).copied()
        })
        .collect();
    let (terms, shadowed_keywords) =
        build_terms(&config, &symptoms, &supplements, &keywords, diags);

    let product_links = product_links(&supplements);

    let sections = build_sections(&articles, base, config.words.get("articles"));
    let articles_dir = root.join("content").join("articles");
    let article_files = articles
        .iter()
        .enumerate()
        .filter_map(|(i, a)| {
            let rel = a.path.strip_prefix(&articles_dir).ok()?;
            Some((rel.to_string_lossy().replace('\\', "/"), i))
        })
        .collect();

    static CATALOGS: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    let mut catalog = Catalog {
        id: CATALOGS.fetch_add(1, std::sync::atomic::Ordering::Relaxed),
        root,
        config,
        home,
        disclaimer,
        theme,
        assets,
        picture_sizes,
        articles,
        symptoms,
        supplements,
        symptom_ids,
        supplement_ids,
        symptom_urls,
        supplement_urls,
        keywords,
        tags,
        article_keywords,
        article_tags,
        authors,
        author_records,
        author_slugs,
        people,
        pages,
        article_authors,
        article_reviewer,
        article_symptoms,
        article_supplements,
        sections,
        terms,
        shadowed_keywords,
        product_links,
        paths: HashSet::new(),
        article_files,
        unparsed,
    };
    catalog.paths = site_paths(&catalog, diags);
    catalog
}

/// The id a record file's name gives it (as [`crate::records`] reads it), for a file that
/// failed to parse.
fn record_id(file: &str) -> String {
    let stem = Path::new(file).file_stem().unwrap_or_default();
    slugify(&stem.to_string_lossy())
}

/// One kind of record, as references to it are resolved: its ids, its name for messages,
/// and the files of that kind that failed to parse, whose ids are known, if not usable.
#[derive(Clone, Copy)]
struct Kind<'a> {
    ids: &'a HashMap<String, usize>,
    name: &'static str,
    failed: &'a [String],
}

fn unknown_id(r: &IdRef, kind: &str, ids: &HashMap<String, usize>) -> Diagnostic {
    let folder = format!("content/{kind}s/");
    let hint = match did_you_mean(&r.id, ids.keys().map(String::as_str)) {
        Some(best) => format!("did you mean `{best}`?"),
        None if ids.is_empty() => {
            format!("there are no {kind} records: add `{folder}{}.yaml`", r.id)
        }
        None => format!(
            "add a record `{folder}{}.yaml`, or use an existing id",
            r.id
        ),
    };
    Diagnostic::error(format!("unknown {kind} `{}`", r.id))
        .at_location(r.location.clone())
        .hint(hint)
}

fn report_duplicate_urls(articles: &[Arc<Article>], root: &Path, diags: &Diagnostics) {
    for pair in articles.windows(2) {
        if pair[0].url == pair[1].url {
            diags.push(
                Diagnostic::error(format!("two articles have the URL `{}`", pair[1].url))
                    .in_file(&pair[1].path)
                    .note(format!("`{}` has it too", shown_path(&pair[0].path, root)))
                    .hint("give one of them another file name or a `slug:` in its front matter"),
            );
        }
    }
}

/// Pages (sorted by URL) at a URL the site writes itself, or two at one URL.
fn check_pages(pages: &[SitePage], root: &Path, diags: &Diagnostics) {
    for (k, page) in pages.iter().enumerate() {
        if let Some(first) = crate::pages::reserved_folder(&page.url) {
            diags.push(
                Diagnostic::error(format!(
                    "page `{}` would be published under `/{first}/`, which the site writes itself",
                    page.url
                ))
                .at(&page.path, 1, 1)
                .hint(format!(
                    "move it out of `content/pages/{first}/` (an article belongs in `content/articles/`)"
                )),
            );
        }
        if k > 0 && pages[k - 1].url == page.url {
            diags.push(
                Diagnostic::error(format!("two pages are published at `{}`", page.url))
                    .at(&page.path, 1, 1)
                    .note(format!("`{}` is too", shown_path(&pages[k - 1].path, root)))
                    .hint("rename or remove one of them"),
            );
        }
    }
}

/// Sorts records by id (then file, so that which one is kept does not depend on the order
/// the folder was read in), reports each id that a second file has too, and keeps the first
/// record of each id.
fn unique_by_id<T>(
    records: &mut Vec<T>,
    key: impl Fn(&T) -> (&String, &PathBuf),
    kind: &str,
    root: &Path,
    diags: &Diagnostics,
) {
    records.sort_by(|a, b| key(a).cmp(&key(b)));
    report_duplicate_ids(records.iter().map(&key), kind, root, diags);
    records.dedup_by(|b, a| key(a).0 == key(b).0);
}

/// Each record's place, by its id.
fn index_by_id<T>(records: &[T], id: impl Fn(&T) -> &String) -> HashMap<String, usize> {
    records
        .iter()
        .enumerate()
        .map(|(i, r)| (id(r).clone(), i))
        .collect()
}

/// The supplement each product or collection address belongs to, by its
/// [`normalise_url`] form (the first supplement that lists it).
fn product_links(supplements: &[Supplement]) -> HashMap<String, usize> {
    let mut product_links = HashMap::new();
    for (i, s) in supplements.iter().enumerate() {
        for link in &s.links {
            // One that is not absolute was reported when the record was read.
            if let Some(n) = normalise_url(link) {
                product_links.entry(n).or_insert(i);
            }
        }
    }
    product_links
}

fn report_duplicate_ids<'a>(
    items: impl Iterator<Item = (&'a String, &'a PathBuf)>,
    kind: &str,
    root: &Path,
    diags: &Diagnostics,
) {
    let mut seen: HashMap<&String, &PathBuf> = HashMap::new();
    for (id, path) in items {
        if let Some(first) = seen.get(id) {
            diags.push(
                Diagnostic::error(format!("two {kind} records have the id `{id}`"))
                    .in_file(path)
                    .note(format!("`{}` has it too", shown_path(first, root)))
                    .hint("keep one file per id: remove or rename one of them"),
            );
        } else {
            seen.insert(id, path);
        }
    }
}

/// An article's keywords and where each is written.
fn keywords_of(a: &Article) -> (&Vec<String>, &Vec<(usize, usize)>) {
    (&a.keywords, &a.keyword_places)
}

/// An article's tags and where each is written.
fn tags_of(a: &Article) -> (&Vec<String>, &Vec<(usize, usize)>) {
    (&a.tags, &a.tag_places)
}

/// Keywords, tags or people across all articles, merged by slug (so `Vitamin D` and
/// `vitamin d` are one page), named as first written, and each article's by index. `kind`
/// is `keyword` or `tag`. A name with no letter or digit has no slug, so no page: it is
/// left out. Two names that share a slug but not their [`spelling_key`] (`A+` and `A-`)
/// are an error, reported where the later one is written, once per spelling.
fn collect_terms<'a>(
    articles: &'a [Arc<Article>],
    names: impl Fn(&'a Article) -> (&'a Vec<String>, &'a Vec<(usize, usize)>) + Sync,
    kind: &str,
    base: &str,
    root: &Path,
    diags: &Diagnostics,
) -> (Vec<Term>, Vec<Vec<usize>>) {
    let url_prefix = format!("{base}/{kind}s/");
    // Each name's slug, made once and on every core: a large site repeats the same keywords
    // tens of thousands of times, and slugs were most of the catalog stage.
    let slugs: Vec<Vec<String>> = articles
        .par_iter()
        .map(|a| names(a).0.iter().map(|n| slugify(n)).collect())
        .collect();
    // Per slug: the name first written, where, and its spelling key once another name
    // with that slug turns up (most names are repeated exactly, and need none).
    struct First<'n> {
        name: &'n str,
        article: usize,
        item: usize,
        key: Option<String>,
    }
    let mut by_slug: BTreeMap<&str, First> = BTreeMap::new();
    let mut reported: HashSet<(&str, String)> = HashSet::new();
    for (ai, (a, slugs)) in articles.iter().zip(&slugs).enumerate() {
        for (item, (n, slug)) in names(a).0.iter().zip(slugs).enumerate() {
            // A name with no slug was warned about where it is written (article::parse).
            if slug.is_empty() {
                continue;
            }
            let name = n.trim();
            let first = by_slug.entry(slug).or_insert(First {
                name,
                article: ai,
                item,
                key: None,
            });
            if first.name == name {
                continue;
            }
            let first_key = first.key.get_or_insert_with(|| spelling_key(first.name));
            let key = spelling_key(name);
            if key == *first_key || !reported.insert((slug.as_str(), key)) {
                continue;
            }
            let place = |article: usize, item: usize| {
                let a = &articles[article];
                let (line, col) = names(a).1.get(item).copied().unwrap_or((1, 1));
                Location {
                    file: a.path.clone(),
                    line,
                    col,
                }
            };
            diags.push(
                Diagnostic::error(format!(
                    "{kind}s `{name}` and `{}` would share one page, {url_prefix}{slug}/",
                    first.name
                ))
                .at_location(place(ai, item))
                .note(format!(
                    "`{}` is written at {}",
                    first.name,
                    place(first.article, first.item).shown(root)
                ))
                .hint(
                    "if they name one thing, write it the same way in both places; if not, \
                     reword one so that its URL differs (URLs drop symbols such as `+` and `#`)",
                ),
            );
        }
    }
    let terms: Vec<Term> = by_slug
        .into_iter()
        .map(|(slug, first)| Term {
            url: format!("{url_prefix}{slug}/"),
            name: first.name.to_string(),
            slug: slug.to_string(),
        })
        .collect();
    let index: HashMap<&str, usize> = terms
        .iter()
        .enumerate()
        .map(|(i, t)| (t.slug.as_str(), i))
        .collect();
    let per_article = slugs
        .iter()
        .map(|slugs| {
            let mut v: Vec<usize> = Vec::new();
            for slug in slugs {
                if let Some(&i) = index.get(slug.as_str()) {
                    if !v.contains(&i) {
                        v.push(i);
                    }
                }
            }
            v
        })
        .collect();
    (terms, per_article)
}

/// The people articles credit, and the records of `content/authors/`.
struct People {
    terms: Vec<Term>,
    records: Vec<Option<usize>>,
    by_slug: HashMap<String, usize>,
    per_article: Vec<Vec<usize>>,
}

/// The people articles credit, merged by slug as keywords are, with the records of
/// `content/authors/`: a record claims its id, its name and its aliases, so an article
/// crediting "Dr Ann Lee" or "A. Lee" links to `/authors/ann-lee/`, which shows the
/// record's name. Every record has a page, whether an article credits it or not. A way of
/// writing claimed by two records is an error: which page it means cannot be told.
fn collect_people(
    articles: &[Arc<Article>],
    people: &[Person],
    base: &str,
    diags: &Diagnostics,
) -> People {
    let mut claimed: HashMap<String, usize> = HashMap::new();
    for (p, person) in people.iter().enumerate() {
        let names = std::iter::once(&person.name).chain(&person.aliases);
        let slugs = std::iter::once(person.id.clone()).chain(names.map(|n| slugify(n)));
        for slug in slugs.filter(|s| !s.is_empty()) {
            match claimed.get(&slug) {
                Some(&q) if q != p => diags.push(
                    Diagnostic::error(format!(
                        "`{slug}` names two people: `{}` and `{}`",
                        people[q].id, person.id
                    ))
                    .in_file(&person.path)
                    .hint("give each person names and aliases of their own"),
                ),
                Some(_) => {}
                None => {
                    claimed.insert(slug, p);
                }
            }
        }
    }
    let canonical = |slug: String| match claimed.get(&slug) {
        Some(&p) => people[p].id.clone(),
        None => slug,
    };
    let written: Vec<Vec<(String, String)>> = articles
        .iter()
        .map(|a| {
            a.credited
                .iter()
                .map(|n| slugify(n))
                .filter(|s| !s.is_empty())
                .map(|s| (s.clone(), canonical(s)))
                .collect()
        })
        .collect();
    let mut named: BTreeMap<String, (String, Option<usize>)> = people
        .iter()
        .enumerate()
        .map(|(p, person)| (person.id.clone(), (person.name.clone(), Some(p))))
        .collect();
    for (a, slugs) in articles.iter().zip(&written) {
        let names = a.credited.iter().filter(|n| !slugify(n).is_empty());
        for (name, (_, canonical)) in names.zip(slugs) {
            named
                .entry(canonical.clone())
                .or_insert_with(|| (name.trim().to_string(), None));
        }
    }
    let mut terms = Vec::with_capacity(named.len());
    let mut records = Vec::with_capacity(named.len());
    for (slug, (name, record)) in named {
        terms.push(Term {
            url: format!("{base}/authors/{slug}/"),
            name,
            slug,
        });
        records.push(record);
    }
    let index: HashMap<&str, usize> = terms
        .iter()
        .enumerate()
        .map(|(i, t)| (t.slug.as_str(), i))
        .collect();
    let mut by_slug: HashMap<String, usize> = HashMap::new();
    for (slug, &p) in &claimed {
        if let Some(&i) = index.get(people[p].id.as_str()) {
            by_slug.insert(slug.clone(), i);
        }
    }
    let per_article = written
        .iter()
        .map(|slugs| {
            let mut v: Vec<usize> = Vec::new();
            for (slug, canonical) in slugs {
                if let Some(&i) = index.get(canonical.as_str()) {
                    by_slug.entry(slug.clone()).or_insert(i);
                    if !v.contains(&i) {
                        v.push(i);
                    }
                }
            }
            v
        })
        .collect();
    People {
        terms,
        records,
        by_slug,
        per_article,
    }
}

/// The cross-linking dictionary, and the keywords whose terms records took. Record names
/// and aliases win over keywords; two records claiming one term is an error, because a
/// reader could not tell which page a link means.
fn build_terms(
    config: &SiteConfig,
    symptoms: &[Symptom],
    supplements: &[Supplement],
    keywords: &[Term],
    diags: &Diagnostics,
) -> (Vec<(String, Target)>, BTreeMap<String, usize>) {
    let excluded: HashSet<String> = config
        .linking
        .exclude
        .iter()
        .map(|t| normalise_term(t))
        .collect();
    let mut terms: BTreeMap<String, Target> = BTreeMap::new();
    let describe = |t: Target| match t {
        Target::Symptom(i) => format!("symptom `{}`", symptoms[i].id),
        Target::Supplement(i) => format!("supplement `{}`", supplements[i].id),
        Target::Keyword(i) => format!("keyword `{}`", keywords[i].name),
    };
    // A word as common as "the" would link every page's first "the": left out, with a
    // warning (the words the search index leaves out too; keywords are warned about where
    // they are written, in article::parse).
    let too_common = |term: &str, what: &dyn Fn() -> String, location: &Location| {
        if !crate::words::is_stop_word(term) {
            return false;
        }
        diags.push(
            Diagnostic::warning(format!(
                "{} is too common a word to link to a page: it is left out of cross-linking",
                what()
            ))
            .at_location(location.clone())
            .hint("remove it, or write the phrase readers use"),
        );
        true
    };
    let mut add_record = |names: Vec<(&String, Location)>, target: Target| {
        for (name, location) in names {
            let term = normalise_term(name);
            if term.chars().count() < 2
                || excluded.contains(&term)
                || too_common(
                    &term,
                    &|| format!("the name \"{name}\" of {}", describe(target)),
                    &location,
                )
            {
                continue;
            }
            match terms.get(&term) {
                Some(&other) if other != target => diags.push(
                    Diagnostic::error(format!(
                        "the term \"{name}\" belongs to both {} and {}",
                        describe(other),
                        describe(target)
                    ))
                    .at_location(location)
                    .hint(
                        "a term can link to one page only: remove it from one of the two records",
                    ),
                ),
                Some(_) => {}
                None => {
                    terms.insert(term, target);
                }
            }
        }
    };
    for (i, s) in symptoms.iter().enumerate() {
        let mut names = vec![(&s.name, loc_of(&s.path))];
        names.extend(s.aliases.iter().zip(s.alias_locations.iter().cloned()));
        add_record(names, Target::Symptom(i));
    }
    for (i, s) in supplements.iter().enumerate() {
        let mut names = vec![(&s.name, loc_of(&s.path))];
        names.extend(s.aliases.iter().zip(s.alias_locations.iter().cloned()));
        add_record(names, Target::Supplement(i));
    }
    let mut shadowed = BTreeMap::new();
    for (i, k) in keywords.iter().enumerate() {
        let term = normalise_term(&k.name);
        if term.chars().count() >= 2
            && !excluded.contains(&term)
            // Warned about where it is written (article::parse).
            && !crate::words::is_stop_word(&term)
        {
            match terms.get(&term) {
                Some(Target::Keyword(_)) => {}
                Some(_) => {
                    shadowed.insert(term, i);
                }
                None => {
                    terms.insert(term, Target::Keyword(i));
                }
            }
        }
    }
    (terms.into_iter().collect(), shadowed)
}

fn loc_of(path: &std::path::Path) -> crate::diagnostics::Location {
    crate::diagnostics::Location {
        file: path.to_path_buf(),
        line: 1,
        col: 1,
    }
}

fn section_title(slug: &str) -> String {
    let words = slug.replace('-', " ");
    let mut chars = words.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().collect::<String>() + chars.as_str(),
        None => String::new(),
    }
}

/// `top` is the title of the section of articles in no folder ("Articles").
fn build_sections(articles: &[Arc<Article>], base: &str, top: &str) -> Vec<Section> {
    let mut paths: BTreeMap<Vec<String>, Vec<usize>> = BTreeMap::new();
    paths.insert(Vec::new(), Vec::new());
    for (i, a) in articles.iter().enumerate() {
        for depth in 1..=a.section.len() {
            paths.entry(a.section[..depth].to_vec()).or_default();
        }
        paths.entry(a.section.clone()).or_default().push(i);
    }
    let mut sections: Vec<Section> = paths
        .into_iter()
        .map(|(path, articles)| Section {
            title: path
                .last()
                .map_or_else(|| top.to_string(), |s| section_title(s)),
            url: format!(
                "{base}/articles/{}",
                path.iter().map(|p| format!("{p}/")).collect::<String>()
            ),
            path,
            articles,
            children: Vec::new(),
        })
        .collect();
    for i in 1..sections.len() {
        let parent_path = &sections[i].path[..sections[i].path.len() - 1];
        if let Some(p) = sections.iter().position(|s| s.path == parent_path) {
            sections[p].children.push(i);
        }
    }
    sections
}

/// How many pages a list of `count` articles takes at `per_page` a page (0: one page).
pub fn page_count(count: usize, per_page: usize) -> usize {
    if per_page == 0 {
        1
    } else {
        count.div_ceil(per_page).max(1)
    }
}

/// The pages the site writes at fixed paths besides the home page: the indexes and search.
pub const INDEX_PAGES: [&str; 6] = [
    "/symptoms/",
    "/supplements/",
    "/keywords/",
    "/tags/",
    "/authors/",
    "/search/",
];

/// Every path the output will hold, for link checks; aliases that collide with a real page
/// are reported here.
fn site_paths(c: &Catalog, diags: &Diagnostics) -> HashSet<String> {
    let base = &c.config.base_path;
    let mut paths: HashSet<String> = HashSet::new();
    for fixed in std::iter::once("/").chain(INDEX_PAGES) {
        paths.insert(format!("{base}{fixed}"));
    }
    for file in ["/404.html", "/sitemap.xml", "/atom.xml", "/robots.txt"] {
        paths.insert(format!("{base}{file}"));
    }
    paths.extend(c.sections.iter().map(|s| s.url.clone()));
    paths.extend(c.articles.iter().map(|a| format!("{base}{}", a.url)));
    paths.extend(c.symptom_urls.iter().cloned());
    paths.extend(c.supplement_urls.iter().cloned());
    paths.extend(c.keywords.iter().map(|k| k.url.clone()));
    paths.extend(c.tags.iter().map(|t| t.url.clone()));
    paths.extend(c.authors.iter().map(|t| t.url.clone()));
    paths.extend(c.pages.iter().map(|p| format!("{base}{}", p.url)));
    for asset in &c.assets {
        paths.insert(format!("{base}/{}", asset.url_path));
    }
    // Old URLs, each made a redirect: one may not be a page of the site, nor send readers
    // to two places (which would be the last one written).
    let owned = c
        .articles
        .iter()
        .map(|a| (&a.url, &a.front.aliases, &a.alias_locations))
        .chain(
            c.pages
                .iter()
                .map(|p| (&p.url, &p.front.aliases, &p.alias_locations)),
        );
    let mut claimed: HashMap<String, (&String, &Location)> = HashMap::new();
    for (owner, aliases, locations) in owned {
        for (alias, at) in aliases.iter().zip(locations) {
            let alias_path = alias_page(base, alias);
            if paths.contains(&alias_path) || c.is_list_page(&alias_path) {
                diags.push(
                    Diagnostic::error(format!("alias `{alias}` is already a page of the site"))
                        .at_location(at.clone())
                        .hint("an alias is an old URL that redirects here; remove this one"),
                );
                continue;
            }
            match claimed.get(&alias_path) {
                Some((first, _)) if *first == owner => {}
                Some((_, first_at)) => diags.push(
                    Diagnostic::error(format!("alias `{alias}` is claimed by two pages"))
                        .at_location(at.clone())
                        .note(format!("{} claims it first", first_at.shown(&c.root)))
                        .hint(
                            "an old URL can redirect to one page only: remove it from one of them",
                        ),
                ),
                None => {
                    claimed.insert(alias_path, (owner, at));
                }
            }
        }
    }
    paths.extend(claimed.into_keys());
    paths
}

/// `/old/page` and `/old/page/` are one alias; `/old.html` stays a file.
pub fn alias_page(base: &str, alias: &str) -> String {
    let trimmed = alias.trim();
    if trimmed.ends_with(".html") || trimmed.ends_with('/') {
        format!("{base}{trimmed}")
    } else {
        format!("{base}{trimmed}/")
    }
}
