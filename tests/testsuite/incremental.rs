//! Incremental rebuilds give exactly the bytes of a full build. Random sequences of edits
//! (add, change, delete and rename articles and records, change aliases, settings and
//! templates) are applied to a small site; after each step the long-lived builder's output
//! must equal a fresh build's, byte for byte, and a failed step must fail the same way.

use materia::build::{build, BuildOptions, Builder, Built, Silent};
use materia::diagnostics::Diagnostics;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        // SplitMix64.
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

const TERMS: &[&str] = &[
    "tingling",
    "pins and needles",
    "numbness",
    "fatigue",
    "tiredness",
    "magnesium",
    "vitamin B12",
    "cobalamin",
    "brain fog",
    "low mood",
    "B12 deficiency",
    "nerve health",
];
const KEYWORDS: &[&str] = &["B12 deficiency", "nerve health", "diet", "Tingling"];
const SYMPTOMS: &[&str] = &["tingling", "numbness", "fatigue", "brain-fog"];
const SUPPLEMENTS: &[&str] = &["magnesium", "vitamin-b12"];
const SECTIONS: &[&str] = &["", "nerves/", "diet/"];

fn write(root: &Path, rel: &str, text: &str) {
    let path = root.join(rel);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

fn write_settings(root: &Path) {
    write(
        root,
        "site.toml",
        // One article a page: lists of two or more are split, and body edits that add or
        // drop a keyword's mention change how many pages its list has.
        "title = \"T\"\nbase_url = \"https://e.org\"\npaginate_by = 1\n",
    );
}

/// A small site of random articles and records.
fn random_site(root: &Path, rng: &mut Rng) {
    write_settings(root);
    for id in SYMPTOMS {
        write(
            root,
            &format!("content/symptoms/{id}.yaml"),
            &symptom_text(rng, id),
        );
    }
    write(
        root,
        "content/supplements/magnesium.yaml",
        "name: Magnesium\nlinks: [\"https://shop.example/magnesium\"]\n",
    );
    write(
        root,
        "content/supplements/vitamin-b12.yaml",
        "name: Vitamin B12\naliases: [cobalamin]\n",
    );
    for i in 0..4 {
        write(
            root,
            &format!("content/articles/{}a{i}.md", SECTIONS[i % 3]),
            &article_text(rng),
        );
    }
}

fn article_text(rng: &mut Rng) -> String {
    let mut body = String::new();
    for _ in 0..(2 + rng.below(4)) {
        let mut para = Vec::new();
        for _ in 0..(3 + rng.below(6)) {
            para.push(if rng.below(3) == 0 {
                rng.pick(TERMS)
            } else {
                rng.pick(&["the", "and", "often", "a", "with", "nerves"])
            });
        }
        body.push_str(&para.join(" "));
        body.push_str(".\n\n");
        if rng.below(5) == 0 {
            body.push_str("## More on nerves\n\n");
        }
        if rng.below(6) == 0 {
            body.push_str("See [the shop](https://shop.example/magnesium/).\n\n");
        }
        if rng.below(12) == 0 {
            // One of the first articles (see the test), now and then at a heading.
            let i = rng.below(4);
            body.push_str(&format!(
                "See [another](/articles/{}a{i}/{}).\n\n",
                SECTIONS[i % 3],
                rng.pick(&["", "", "", "#more-on-nerves"])
            ));
        }
    }
    if rng.below(3) == 0 {
        body.push_str("## FAQ\n\nQ1: Why?\n\nA1: Because of tingling.\n");
    }
    let keywords: Vec<&str> = (0..rng.below(3)).map(|_| rng.pick(KEYWORDS)).collect();
    let symptoms: Vec<&str> = (0..rng.below(2)).map(|_| rng.pick(SYMPTOMS)).collect();
    format!(
        "---\ntitle: Article {}\n{}date: 2024-0{}-1{}\nkeywords: [{}]\nsymptoms: [{}]\ntags: [{}]\n---\n{body}",
        rng.below(100),
        if rng.below(2) == 0 {
            "description: About nerves.\n"
        } else {
            ""
        },
        1 + rng.below(9),
        rng.below(10),
        keywords.join(", "),
        symptoms.join(", "),
        rng.pick(&["nerves", "diet", "Nerves"]),
    )
}

/// Aliases stay unique to their record, except now and then, to make a term conflict.
fn symptom_text(rng: &mut Rng, id: &str) -> String {
    let own: &[&str] = match id {
        "tingling" => &["pins and needles", "prickling"],
        "numbness" => &["numb feeling", "loss of feeling"],
        "fatigue" => &["tiredness", "exhaustion"],
        _ => &["brain fog", "low mood"],
    };
    let mut aliases: Vec<&str> = (0..rng.below(3)).map(|_| rng.pick(own)).collect();
    if rng.below(12) == 0 {
        aliases.push("pins and needles");
    }
    format!(
        "name: {}{}\naliases: [{}]\nsummary: About {id} ({}).\ndescription: Often comes with {} and {}.\n",
        id.replace('-', " "),
        if rng.below(4) == 0 { " (renamed)" } else { "" },
        aliases.join(", "),
        rng.below(4),
        rng.pick(TERMS),
        rng.pick(TERMS)
    )
}

/// One random edit of kind `kind` (0 to 17; 10 to 17 edit an article's body alone); the
/// paths it touched are added to `touched`, as a watcher reports them.
fn edit(root: &Path, rng: &mut Rng, kind: usize, touched: &mut Vec<PathBuf>) {
    let articles = root.join("content/articles");
    match kind {
        0..=3 => {
            let rel = format!(
                "content/articles/{}a{}.md",
                rng.pick(SECTIONS),
                rng.below(5)
            );
            touched.push(root.join(&rel));
            write(root, &rel, &article_text(rng));
        }
        4 => {
            let rel = format!("{}a{}.md", rng.pick(SECTIONS), rng.below(5));
            touched.push(articles.join(&rel));
            let _ = std::fs::remove_file(articles.join(rel));
        }
        5 => {
            let from = articles.join(format!("{}a{}.md", rng.pick(SECTIONS), rng.below(5)));
            let to = articles.join(format!("{}a{}.md", rng.pick(SECTIONS), rng.below(5)));
            touched.push(from.clone());
            touched.push(to.clone());
            if from.exists() {
                std::fs::create_dir_all(to.parent().unwrap()).unwrap();
                std::fs::rename(from, to).unwrap();
            }
        }
        10..=17 => {
            // An edit of the body alone, as authors make most: the quick rebuild's case,
            // and the edits it must turn down (a new heading, a changed excerpt, a new
            // mention or one gone).
            let path = articles.join(format!("{}a{}.md", rng.pick(SECTIONS), rng.below(5)));
            let Ok(text) = std::fs::read_to_string(&path) else {
                return;
            };
            let Some(end) = text[4..].find("---\n").map(|i| i + 8) else {
                return;
            };
            let (front, body) = text.split_at(end);
            let body = match rng.below(7) {
                // Another article's link to this heading breaks.
                5 => body.replacen("## More on nerves", "More on nerves", 1),
                // A mention goes: a list of articles may lose one, and a page with it.
                6 => body.replacen(rng.pick(TERMS), "nerves", 1),
                0 => format!("{body}\nAnd often the nerves.\n"),
                1 => format!("{body}\n{} again.\n", rng.pick(TERMS)),
                2 => body.replacen("the", "a", 1),
                3 => format!("{body}\n## Another heading\n\nText.\n"),
                _ => format!("{body}\nSee [the shop](https://shop.example/magnesium/).\n"),
            };
            touched.push(path.clone());
            // A temporary file that comes and goes, as `sed -i` and some editors leave.
            let temp = path.with_file_name("sedAb12Cd");
            std::fs::write(&temp, "x").unwrap();
            std::fs::remove_file(&temp).unwrap();
            touched.push(temp);
            std::fs::write(&path, format!("{front}{body}")).unwrap();
        }
        6 => {
            let id = rng.pick(SYMPTOMS);
            touched.push(root.join(format!("content/symptoms/{id}.yaml")));
            write(
                root,
                &format!("content/symptoms/{id}.yaml"),
                &symptom_text(rng, id),
            );
        }
        7 => {
            let id = rng.pick(SYMPTOMS);
            touched.push(root.join(format!("content/symptoms/{id}.yaml")));
            touched.push(root.join("content/symptoms/low-energy.yaml"));
            touched.push(root.join("content/symptoms/pins.yaml"));
            if rng.below(3) == 0 {
                let _ = std::fs::remove_file(root.join(format!("content/symptoms/{id}.yaml")));
            } else if rng.below(2) == 0 {
                // Put it back, so that references to it come and go.
                write(
                    root,
                    &format!("content/symptoms/{id}.yaml"),
                    &symptom_text(rng, id),
                );
            } else {
                let to = rng.pick(&["low-energy", "pins"]);
                let from = root.join(format!("content/symptoms/{id}.yaml"));
                if from.exists() {
                    std::fs::rename(from, root.join(format!("content/symptoms/{to}.yaml")))
                        .unwrap();
                }
            }
        }
        8 => {
            let links = if rng.below(2) == 0 {
                "links: [\"https://shop.example/magnesium\"]\n"
            } else {
                ""
            };
            let id = rng.pick(SUPPLEMENTS);
            touched.push(root.join(format!("content/supplements/{id}.yaml")));
            let (name, aliases) = if id == "magnesium" {
                (rng.pick(&["Magnesium", "Magnesium citrate"]), "[]")
            } else {
                (
                    rng.pick(&["Vitamin B12", "Cobalamin B12"]),
                    rng.pick(&["[cobalamin]", "[]", "[B12 deficiency]"]),
                )
            };
            write(
                root,
                &format!("content/supplements/{id}.yaml"),
                &format!(
                    "name: {name}\naliases: {aliases}\nsummary: Version {}.\n{links}",
                    rng.below(4)
                ),
            );
        }
        18 => {
            // A standalone page: its menu entry is on every page, its link may break (an
            // article moved or gone), and it may go or take another page's URL.
            let rel = rng.pick(&["content/pages/about.md", "content/pages/about/index.md"]);
            touched.push(root.join(rel));
            if rng.below(4) == 0 {
                let _ = std::fs::remove_file(root.join(rel));
            } else {
                let i = rng.below(5);
                write(
                    root,
                    rel,
                    &format!(
                        "---\ntitle: About us\nmenu: {}\nweight: {}\n---\nWe write about nerves. See [an article](/articles/{}a{i}/).\n",
                        rng.pick(&["main", "footer"]),
                        rng.below(2),
                        SECTIONS[i % 3],
                    ),
                );
            }
        }
        _ => {
            touched.push(root.join("site.toml"));
            touched.push(root.join("themes/default/templates/term.html"));
            if rng.below(2) == 0 {
                write(
                    root,
                    "site.toml",
                    &format!(
                        "title = \"T\"\nbase_url = \"https://e.org\"\n[linking]\nmax_links_per_term = {}\nexclude = [{}]\n",
                        1 + rng.below(2),
                        rng.pick(&["", "\"numbness\""])
                    ),
                );
            } else {
                let tpl = root.join("themes/default/templates/term.html");
                if rng.below(2) == 0 {
                    write(root, "themes/default/templates/term.html", &format!("<h1>{{{{ term.name }}}} {}</h1>{{% for a in articles %}}<a href=\"{{{{ a.url }}}}\">{{{{ a.title }}}}</a>{{% endfor %}}", rng.below(3)));
                } else {
                    let _ = std::fs::remove_file(tpl);
                }
            }
        }
    }
}

/// The page at `path` of a build's output, as text.
fn page_text(built: &Built, path: &str) -> String {
    String::from_utf8_lossy(&built.output.pages[path]).into_owned()
}

fn files(built: &Built) -> BTreeMap<String, Vec<u8>> {
    let mut files: BTreeMap<String, Vec<u8>> = built
        .output
        .pages
        .iter()
        .map(|(path, bytes)| (path.clone(), bytes.to_vec()))
        .collect();
    for a in &built.output.assets {
        files.insert(a.url_path.clone(), format!("{:?}", a.source).into_bytes());
    }
    files
}

fn outcome(
    root: &Path,
    built: Option<Built>,
    diags: &Diagnostics,
) -> Result<BTreeMap<String, Vec<u8>>, Vec<String>> {
    match built {
        Some(b) => Ok(files(&b)),
        None => Err(rendered(diags, root)),
    }
}

/// Every diagnostic as `materia` prints it, in order.
fn rendered(diags: &Diagnostics, root: &Path) -> Vec<String> {
    diags.sorted().iter().map(|d| d.render(root)).collect()
}

/// Counts of the steps of [`equivalence`].
struct Steps {
    built: usize,
    failed: usize,
    /// Built the quick way: only the edited articles' pages.
    quick: usize,
}

/// Runs `sequences` random sequences of five builds, with edits of the kinds `kind` picks
/// between them, and checks every incremental build against a full one.
fn equivalence(sequences: u64, seed: u64, kind: impl Fn(&mut Rng) -> usize) -> Steps {
    let (mut built, mut failed, mut quick) = (0, 0, 0);
    for seq in seed..seed + sequences {
        let mut rng = Rng(seq);
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        random_site(root, &mut rng);
        let options = BuildOptions::default();
        let mut builder = Builder::new(root, options.clone());
        for step in 0..5 {
            if step > 0 {
                let mut touched = Vec::new();
                for _ in 0..(1 + rng.below(3)) {
                    let k = kind(&mut rng);
                    edit(root, &mut rng, k, &mut touched);
                }
                // Now and then no report, as when a watcher cannot tell what changed.
                if rng.below(6) != 0 {
                    builder.changed(touched);
                }
            }
            // As `serve` builds: the pages, then the search index.
            let inc_diags = Diagnostics::new();
            let quick_before = builder.quick_builds();
            let mut pages = builder.build_pages(&inc_diags, &Silent);
            if let Some(built) = &mut pages {
                let never = AtomicBool::new(false);
                let index = builder.finish_search(&inc_diags, &never);
                built.output.pages.extend(index.expect("a search index"));
            }
            let incremental = outcome(root, pages, &inc_diags);
            quick += builder.quick_builds() - quick_before;
            let full_diags = Diagnostics::new();
            let full = outcome(
                root,
                build(root, &options, &full_diags, &Silent),
                &full_diags,
            );
            if full.is_ok() {
                built += 1;
            } else {
                failed += 1;
            }
            if incremental != full {
                let detail = match (&incremental, &full) {
                    (Ok(a), Ok(b)) => {
                        let differing: Vec<&String> = a
                            .keys()
                            .chain(b.keys())
                            .filter(|k| a.get(*k) != b.get(*k))
                            .collect();
                        format!("pages differ: {differing:?}")
                    }
                    (a, b) => format!(
                        "incremental: {:?}\nfull: {:?}",
                        a.as_ref().err(),
                        b.as_ref().err()
                    ),
                };
                panic!("sequence {seq}, step {step}: incremental != full\n{detail}");
            }
        }
    }
    Steps {
        built,
        failed,
        quick,
    }
}

fn sequences() -> u64 {
    std::env::var("MATERIA_EQUIVALENCE_SEQUENCES")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(200)
}

#[test]
fn incremental_output_equals_a_full_build_after_random_edits() {
    let sequences = sequences();
    let Steps { built, failed, .. } = equivalence(sequences, 0, |rng| rng.below(19));
    eprintln!("{built} steps built, {failed} failed alike");
    // Both paths must be exercised: byte-for-byte pages and identical errors.
    assert!(
        built > sequences as usize && failed > 0,
        "{built} built, {failed} failed"
    );
}

/// Edits of articles' bodies, which `serve` rebuilds the quick way when nothing but the
/// article's own page can change, with some other edits among them.
#[test]
fn quick_rebuilds_of_edited_articles_equal_a_full_build() {
    let sequences = sequences() / 2;
    let steps = equivalence(sequences, 1_000_000, |rng| {
        if rng.below(8) == 0 {
            rng.below(10)
        } else {
            10 + rng.below(8)
        }
    });
    eprintln!(
        "{} steps built ({} the quick way), {} failed alike",
        steps.built, steps.quick, steps.failed
    );
    // The quick way must be both taken and turned down (many sites of this generator stay
    // broken for a while: their builds are compared too, but cannot be quick).
    let some = sequences as usize / 4;
    assert!(
        steps.quick >= some && steps.built >= steps.quick + some,
        "{} built, {} quick",
        steps.built,
        steps.quick
    );
}

/// Removing a heading that another article links to is a body edit that changes another
/// page's outcome under `materia check`'s rules (the link breaks): the quick rebuild must
/// turn it down.
#[test]
fn a_quick_rebuild_is_turned_down_when_a_linked_heading_goes() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write_settings(root);
    let b = "---\ntitle: B\ndescription: About B.\n---\nIntro.\n\n## The part\n\nText.\n";
    write(
        root,
        "content/articles/a.md",
        "---\ntitle: A\n---\nSee [B](/articles/b/#the-part).\n",
    );
    write(root, "content/articles/b.md", b);
    let strict = BuildOptions {
        strict: true,
        ..BuildOptions::default()
    };
    let mut builder = Builder::new(root, strict.clone());
    let diags = Diagnostics::new();
    assert!(builder.build_pages(&diags, &Silent).is_some());
    // A body edit that changes nothing else: quick.
    write(
        root,
        "content/articles/b.md",
        &b.replace("Text.", "More text."),
    );
    builder.changed([root.join("content/articles/b.md")]);
    let built = builder.build_pages(&diags, &Silent).expect("builds");
    assert_eq!(builder.quick_builds(), 1);
    let page = &built.output.pages["articles/b/index.html"];
    assert!(String::from_utf8_lossy(page).contains("More text."));
    // The heading goes: A's link breaks, as a full build says.
    write(
        root,
        "content/articles/b.md",
        &b.replace("## The part", "The part"),
    );
    builder.changed([root.join("content/articles/b.md")]);
    let diags = Diagnostics::new();
    assert!(builder.build_pages(&diags, &Silent).is_none());
    assert_eq!(builder.quick_builds(), 1);
    let full = Diagnostics::new();
    assert!(build(root, &strict, &full, &Silent).is_none());
    let render = |d: &Diagnostics| rendered(d, root);
    assert_eq!(render(&diags), render(&full));
    assert!(
        render(&diags).join("\n").contains("the-part"),
        "{:?}",
        render(&diags)
    );
}

/// An edit that brings a warning (a review dated after today) is left to the full build,
/// which reports it: a quick rebuild would show the page and say nothing.
#[test]
fn an_edit_with_a_warning_is_reported_by_a_full_rebuild() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write_settings(root);
    let b = "---\ntitle: B\nreviewed_by: Dr R\n---\nIntro.\n";
    write(root, "content/articles/b.md", b);
    let mut builder = Builder::new(root, BuildOptions::default());
    assert!(builder.build_pages(&Diagnostics::new(), &Silent).is_some());
    write(
        root,
        "content/articles/b.md",
        &b.replace("Dr R\n", "Dr R\nreviewed_on: 2999-01-01\n"),
    );
    builder.changed([root.join("content/articles/b.md")]);
    let diags = Diagnostics::new();
    assert!(builder.build_pages(&diags, &Silent).is_some());
    assert_eq!(builder.quick_builds(), 0);
    let said = rendered(&diags, root);
    assert!(
        said.join("\n")
            .contains("`reviewed_on` is 2999-01-01, after today"),
        "{said:?}"
    );
}

/// An edit that brings a control character (written as a space, with a warning) is left to
/// the full build, which says so; the quick way reports no warning. A file reused from the
/// last load is warned of again by every rebuild.
#[test]
fn control_characters_are_warned_of_on_every_rebuild() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write_settings(root);
    let a = "---\ntitle: A\n---\nSee B.\n";
    write(root, "content/articles/a.md", a);
    let b = "---\ntitle: B\ndescription: About B.\n---\nIntro.\n\n## The part\n\nText.\n";
    write(root, "content/articles/b.md", b);
    let mut builder = Builder::new(root, BuildOptions::default());
    let said = |diags: &Diagnostics| rendered(diags, root).join("\n");
    assert!(builder.build_pages(&Diagnostics::new(), &Silent).is_some());
    // A body edit that changes nothing else would be quick; this one brings a form feed.
    write(
        root,
        "content/articles/b.md",
        &b.replace("Text.", "Te\u{c}xt."),
    );
    builder.changed([root.join("content/articles/b.md")]);
    let diags = Diagnostics::new();
    assert!(builder.build_pages(&diags, &Silent).is_some());
    assert_eq!(builder.quick_builds(), 0);
    assert!(
        said(&diags).contains("invisible control character U+000C")
            && said(&diags).contains("b.md:9:3"),
        "{}",
        said(&diags)
    );
    // Only a.md changes: b.md is reused from the last load, and warned of again.
    write(
        root,
        "content/articles/a.md",
        &a.replace("See B.", "See B again."),
    );
    builder.changed([root.join("content/articles/a.md")]);
    let diags = Diagnostics::new();
    assert!(builder.build_pages(&diags, &Silent).is_some());
    assert!(said(&diags).contains("b.md:9:3"), "{}", said(&diags));
}

/// `serve` drops a search index being built when files change again: a stopped index
/// leaves nothing half made, and the next one is a full build's.
#[test]
fn a_stopped_search_index_stays_pending_and_then_comes_out_whole() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    // A seed whose site builds.
    random_site(root, &mut Rng(1));
    let mut builder = Builder::new(root, BuildOptions::default());
    let diags = Diagnostics::new();
    let mut built = builder.build_pages(&diags, &Silent).expect("builds");
    assert!(builder.search_pending());
    let stop = AtomicBool::new(true);
    assert!(builder.finish_search(&diags, &stop).is_none());
    assert!(builder.search_pending(), "still to be made");
    let go = AtomicBool::new(false);
    let index = builder.finish_search(&diags, &go).expect("an index");
    assert!(!builder.search_pending());
    built.output.pages.extend(index);
    let full = build(root, &BuildOptions::default(), &Diagnostics::new(), &Silent).unwrap();
    assert_eq!(files(&built), files(&full));
}

/// A body edit that drops the mention putting an article on a keyword's second page: the
/// page goes, as in a full build (a quick rebuild that only re-rendered pages would keep it).
#[test]
fn a_keyword_page_that_empties_goes_after_an_edit() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write_settings(root);
    write(
        root,
        "content/articles/a.md",
        "---\ntitle: A\ndate: 2024-01-02\nkeywords: [nerve health]\n---\nText.\n",
    );
    let b = "---\ntitle: B\ndate: 2024-01-01\n---\nGood for nerve health, they say.\n";
    write(root, "content/articles/b.md", b);
    let options = BuildOptions::default();
    let mut builder = Builder::new(root, options.clone());
    let diags = Diagnostics::new();
    let built = builder.build_pages(&diags, &Silent).expect("builds");
    assert!(built
        .output
        .pages
        .contains_key("keywords/nerve-health/page/2/index.html"));
    write(
        root,
        "content/articles/b.md",
        &b.replace("nerve health", "the nerves"),
    );
    builder.changed([root.join("content/articles/b.md")]);
    let built = builder.build_pages(&diags, &Silent).expect("builds");
    let full = build(root, &options, &Diagnostics::new(), &Silent).expect("builds");
    for page in [
        "keywords/nerve-health/page/2/index.html",
        "keywords/nerve-health/page/1/index.html",
    ] {
        assert!(!full.output.pages.contains_key(page), "{page}");
        assert!(!built.output.pages.contains_key(page), "{page} stayed");
    }
    assert_eq!(
        built.output.pages["keywords/nerve-health/index.html"],
        full.output.pages["keywords/nerve-health/index.html"]
    );
}

/// A picture replaced by one of another size: the rebuild that the watcher's report starts
/// reads its size again (an unchanged picture's is kept from the last build), and the page
/// gives the new one, as a full build does.
#[test]
fn a_replaced_picture_gives_its_new_size_after_a_rebuild() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write_settings(root);
    let gif = |w: u16, h: u16| {
        let mut bytes = b"GIF89a".to_vec();
        bytes.extend_from_slice(&w.to_le_bytes());
        bytes.extend_from_slice(&h.to_le_bytes());
        bytes.extend_from_slice(b"\0\0\0;");
        bytes
    };
    std::fs::create_dir_all(root.join("content/static")).unwrap();
    std::fs::write(root.join("content/static/a.gif"), gif(10, 20)).unwrap();
    std::fs::write(root.join("content/static/b.gif"), gif(30, 40)).unwrap();
    write(
        root,
        "content/articles/a.md",
        "---\ntitle: A\n---\n![one](/a.gif) ![two](/b.gif)\n",
    );
    let options = BuildOptions::default();
    let mut builder = Builder::new(root, options.clone());
    let diags = Diagnostics::new();
    let page = |built: &Built| page_text(built, "articles/a/index.html");
    let first = page(&builder.build_pages(&diags, &Silent).expect("builds"));
    assert!(
        first.contains("src=\"/a.gif\" width=\"10\" height=\"20\""),
        "{first}"
    );
    std::fs::write(root.join("content/static/a.gif"), gif(50, 60)).unwrap();
    builder.changed([root.join("content/static/a.gif")]);
    let again = page(&builder.build_pages(&diags, &Silent).expect("builds"));
    assert!(
        again.contains("src=\"/a.gif\" width=\"50\" height=\"60\""),
        "{again}"
    );
    assert!(
        again.contains("src=\"/b.gif\" width=\"30\" height=\"40\""),
        "{again}"
    );
    let full = build(root, &options, &Diagnostics::new(), &Silent).expect("builds");
    assert_eq!(page(&full), again);
}

/// A person record added while `serve` runs, claiming the name an article credits: the
/// article's byline links to the record's page on the rebuild (its page is not taken from
/// the last build's), as in a full build.
#[test]
fn a_person_record_added_relinks_the_bylines_that_name_them() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write_settings(root);
    write(
        root,
        "content/articles/a.md",
        "---\ntitle: A\nauthors: [A. Lee]\n---\nText.\n",
    );
    let options = BuildOptions::default();
    let mut builder = Builder::new(root, options.clone());
    let diags = Diagnostics::new();
    let page = |built: &Built| page_text(built, "articles/a/index.html");
    let first = page(&builder.build_pages(&diags, &Silent).expect("builds"));
    assert!(first.contains("href=\"/authors/a-lee/\""), "{first}");
    write(
        root,
        "content/authors/ann-lee.yaml",
        "name: Dr Ann Lee\naliases: [A. Lee]\n",
    );
    builder.changed([root.join("content/authors/ann-lee.yaml")]);
    let built = builder.build_pages(&diags, &Silent).expect("builds");
    assert!(
        page(&built).contains("href=\"/authors/ann-lee/\""),
        "{}",
        page(&built)
    );
    let full = build(root, &options, &Diagnostics::new(), &Silent).expect("builds");
    // The search index is left for later by `build_pages`.
    let pages = |built: &Built| {
        let mut all = files(built);
        all.retain(|path, _| !path.starts_with("search"));
        all
    };
    assert_eq!(pages(&built), pages(&full));
}

/// A standalone page moved from the header's menu to the footer's while `serve` runs: every
/// page shows the menus, so none may be taken from the last build as it was.
#[test]
fn a_page_moved_to_another_menu_moves_on_every_page() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write_settings(root);
    write(root, "content/articles/a.md", "---\ntitle: A\n---\nText.\n");
    let about = |menu: &str| format!("---\ntitle: About us\nmenu: {menu}\n---\nWho we are.\n");
    write(root, "content/pages/about.md", &about("main"));
    let options = BuildOptions::default();
    let mut builder = Builder::new(root, options.clone());
    let diags = Diagnostics::new();
    let menus = |built: &Built| {
        let page = page_text(built, "articles/a/index.html");
        let footer = page.find("class=\"footer-nav\"").expect("a footer menu");
        let link = page.find("href=\"/about/\"").expect("a link to the page");
        (link < footer, page)
    };
    let (in_header, page) = menus(&builder.build_pages(&diags, &Silent).expect("builds"));
    assert!(in_header, "{page}");
    write(root, "content/pages/about.md", &about("footer"));
    builder.changed([root.join("content/pages/about.md")]);
    let built = builder.build_pages(&diags, &Silent).expect("builds");
    let (in_header, page) = menus(&built);
    assert!(!in_header, "{page}");
    let full = build(root, &options, &Diagnostics::new(), &Silent).expect("builds");
    assert_eq!(menus(&full).1, page);
}
