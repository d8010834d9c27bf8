//! The `materia` command: turns arguments into a pipeline run and an exit code.

use clap::{Parser, Subcommand};
use indicatif::{ProgressBar, ProgressStyle};
use materia::build::{BuildOptions, Builder, Progress, Silent};
use materia::diagnostics::{Diagnostics, Severity};
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{Duration, Instant};

// A build makes and drops millions of small strings and values on every thread (template
// contexts, cards, JSON-LD, search counts). glibc's allocator spent a fifth of a large
// build's CPU time on them and on growing and trimming its per-thread heaps; mimalloc
// makes a 10,000-article build 10-25 % faster (benches/README.md). Its `no_thp` feature
// keeps its heaps out of transparent huge pages, whose 2 MiB first-touch clears showed up in
// the profile and in the peak memory.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Seeds for the hash maps Tera makes for every template value (each card, date and link is
/// one): ahash's default source bumps one process-wide counter for each new map, a cache line
/// the rendering threads took from each other hundreds of thousands of times a build (1.4 %
/// of a 10,000-article build's samples). A counter per thread varies the seeds as well; the
/// keys stay mixed with ahash's random per-process seeds.
struct SeedPerThread;

impl ahash::random_state::RandomSource for SeedPerThread {
    fn gen_hasher_seed(&self) -> usize {
        thread_local! {
            static NEXT: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
        }
        NEXT.with(|next| {
            // Threads start apart (each counter at its own address) and step by an odd
            // constant, so no two maps of a thread share a seed.
            let seed = match next.get() {
                0 => next as *const _ as usize,
                n => n,
            }
            .wrapping_add(0x9e37_79b9_7f4a_7c15_u64 as usize);
            next.set(seed);
            seed
        })
    }
}

/// mimalloc's `purge_delay` option, by its number in the C enum (15 in mimalloc 2 and 3,
/// which the Rust bindings do not name). A test below reads mimalloc's own
/// list of option names to check it.
const MI_OPTION_PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

/// Tells mimalloc to keep the memory a build frees instead of handing it back to the system a
/// second later. A build frees its parsing and linking memory while it renders, and mimalloc
/// purged it with 1,500 `madvise` calls at 10,000 articles, each a system call that stops
/// the other core to flush its address cache, while rendering went on allocating: 0.976 of
/// the time at 10,000 articles without them, in rounds that run each binary first and last
/// in turn (benches/README.md). A one-shot command gives everything back as it exits
/// anyway; `serve` keeps the default, so a long-running server returns what a rebuild no
/// longer needs.
#[allow(unsafe_code)]
fn keep_freed_memory() {
    // SAFETY: `mi_option_set` checks the option number against its table and stores the
    // value with a plain write; it is called from `main` before any other thread exists
    // (rayon's pool starts with the build), so no read races it. -1 is mimalloc's documented
    // value for "never purge".
    unsafe { libmimalloc_sys::mi_option_set(MI_OPTION_PURGE_DELAY, -1) }
}

#[derive(Parser)]
#[command(
    name = "materia",
    version,
    about = "A static site generator for health-content knowledge bases"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Build the site into the output folder (default: ROOT/public).
    ///
    /// Every problem is reported at once. Pages are written into a staging folder beside the
    /// output folder as they render, and it replaces the output folder only when the whole
    /// site built: on any error it is removed and an existing output folder is left exactly
    /// as it was.
    Build {
        /// The site's folder, holding site.toml and content/.
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Where to write the site (default: ROOT/public). The folder is replaced whole, so
        /// one that holds the site, lies inside content/ or themes/, or holds other files
        /// (no index.html) is refused. Entries at its top whose names start with a dot (a
        /// deploy branch's .git, a .nojekyll) are kept unless the site makes its own.
        #[arg(long)]
        out: Option<PathBuf>,
        /// Include articles marked `draft: true`.
        #[arg(long)]
        drafts: bool,
        /// Print errors only: no progress bar, no summary.
        #[arg(long, short)]
        quiet: bool,
        /// Build for this address instead of site.toml's `base_url`, as for a preview or
        /// staging deploy: canonical URLs, feeds, the sitemap and every link take it.
        #[arg(long, value_name = "URL", value_parser = base_url_arg)]
        base_url: Option<String>,
    },
    /// Build the site into memory and serve it, rebuilding and reloading open pages on
    /// every change.
    ///
    /// Watches content/, themes/ and site.toml, and what is linked into them from
    /// elsewhere. A failed build keeps the last good site served and shows the errors over
    /// every open page. public/ is never written.
    Serve {
        /// The site's folder, holding site.toml and content/.
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Port to listen on (0 picks a free one).
        #[arg(long, short, default_value_t = 1111)]
        port: u16,
        /// Address to listen on; the default keeps the site private to this machine.
        #[arg(long, default_value = "127.0.0.1")]
        bind: String,
        /// Open the site in a browser once it is served.
        #[arg(long)]
        open: bool,
        /// Include articles marked `draft: true`.
        #[arg(long)]
        drafts: bool,
    },
    /// Start a site: site.toml with every key, commented, the home page's text, and the
    /// folders of articles, records and static files.
    ///
    /// Refused where site.toml or content/ is there already; other files (a README, a .git)
    /// are kept, and a .gitignore for the output is written unless there is one. Then
    /// `materia new article "Title"` writes a first article and `materia serve` shows it.
    Init {
        /// The site's folder, made if missing.
        #[arg(default_value = ".")]
        dir: PathBuf,
        /// The site's title (default: the folder's name, "my-clinic" giving "My clinic").
        #[arg(long)]
        title: Option<String>,
        /// The address the site will be published at (default: https://example.org, to be
        /// changed in site.toml before deploying).
        #[arg(long, value_name = "URL", value_parser = base_url_arg)]
        base_url: Option<String>,
        /// The pages' language, as a language tag (`en`, `fr`, `de`, `es`, `it`, `pt-BR`,
        /// `nl`...; default `en`). The theme's words are built in for en, fr, de, es, it and
        /// pt.
        #[arg(long, value_name = "TAG", value_parser = language_arg)]
        language: Option<String>,
    },
    /// Create an article, page, symptom or supplement from a skeleton with every field.
    New {
        #[command(subcommand)]
        what: NewCommand,
    },
    /// Convert plain-text health posts into Markdown articles with front matter.
    ///
    /// Section lines ("Introduction", "1. …" or "1) …", also a numbered question or a
    /// numbered title ending with a colon, "Conclusion", or a short line without closing
    /// punctuation, or a question in Title Case or capitals, before a paragraph) become `##` headings, a "Q&A Section" (or "FAQ",
    /// "Frequently Asked Questions (FAQ)", …) becomes the FAQ, the "Important Keywords" or
    /// closing "Keywords: …" line becomes `keywords`, a closing "Tags: …" line `tags`, lines
    /// bulleted with "•" a list, and links to a supplement record's `links` fill
    /// `supplements`. Labelled lines the post opens with ("Title:", "Meta Description:",
    /// "Slug:" or "URL:", "Author:", "Date:" (2024-03-05, "March 5, 2024", "5 March 2024"; a
    /// date that reads two ways, such as 05/03/2024, is reported), "Focus Keyword:", "Tags:" or
    /// "Category:", bold or not) are its title, description, file name, authors, date,
    /// keywords and tags.
    Import {
        /// The posts to convert.
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Section folder under content/articles/.
        #[arg(long, short)]
        section: Option<String>,
        /// The article's title, and its file's name (default: the post's "Title:" line or
        /// first line, or derived from its keywords).
        #[arg(long)]
        title: Option<String>,
        /// The site's folder, holding site.toml and content/.
        #[arg(long, default_value = ".")]
        root: PathBuf,
    },
    /// Run every check of `build`, plus the `#id` of every link to a part of a page, and write nothing.
    ///
    /// It renders the site in memory: a link to an article's part must name one of its
    /// headings, and a link to a part of any other page (a symptom's, a list's) an id the
    /// rendered page has. For editors, it also warns of health pages whose trust information is missing or
    /// stale: symptom records without `seek_care`, records without `sources`, and, when
    /// site.toml sets `review_interval_days`, articles with no medical review (`reviewed_by`
    /// and `reviewed_on`), with half of one, or whose review is overdue. Warnings do not fail
    /// the check.
    Check {
        /// The site's folder, holding site.toml and content/.
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Include articles marked `draft: true`.
        #[arg(long)]
        drafts: bool,
        /// Print problems only: no summary.
        #[arg(long, short)]
        quiet: bool,
    },
}

#[derive(Subcommand)]
enum NewCommand {
    /// Write a new article with a front-matter skeleton at content/articles/[SECTION/]SLUG.md.
    Article {
        /// The article's title; its slug names the file.
        title: String,
        /// Section folder under content/articles/ (may be nested: `a/b`).
        #[arg(long, short)]
        section: Option<String>,
        /// The site's folder, holding site.toml and content/.
        #[arg(long, default_value = ".")]
        root: PathBuf,
    },
    /// Write a standalone page (about, editorial policy, contact) with a front-matter
    /// skeleton at content/pages/SLUG.md, published at /SLUG/.
    Page {
        /// The page's title; its slug names the file and the URL.
        title: String,
        /// Link it from the header's navigation (`main`) or the footer of every page.
        #[arg(long, value_enum)]
        menu: Option<MenuArg>,
        /// The site's folder, holding site.toml and content/.
        #[arg(long, default_value = ".")]
        root: PathBuf,
    },
    /// Write a symptom record with every field at content/symptoms/ID.yaml, ID the name's
    /// slug. It is published (and its name cross-linked) at the next build.
    Symptom {
        /// The symptom's name ("Restless legs"); its slug is the record's id and URL.
        name: String,
        /// The site's folder, holding site.toml and content/.
        #[arg(long, default_value = ".")]
        root: PathBuf,
    },
    /// Write a supplement record with every field at content/supplements/ID.yaml, ID the
    /// name's slug. It is published (and its name cross-linked) at the next build.
    Supplement {
        /// The supplement's name ("Zinc"); its slug is the record's id and URL.
        name: String,
        /// The site's folder, holding site.toml and content/.
        #[arg(long, default_value = ".")]
        root: PathBuf,
    },
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum MenuArg {
    Main,
    Footer,
}

fn main() -> ExitCode {
    if ahash::random_state::set_random_source(SeedPerThread).is_err() {
        // A map was made before this line: the default source stays, as correct, only
        // slower.
    }
    let cli = Cli::parse();
    if matches!(cli.command, Command::Build { .. } | Command::Check { .. }) {
        keep_freed_memory();
    }
    match cli.command {
        Command::Build {
            root,
            out,
            drafts,
            quiet,
            base_url,
        } => {
            let out = out.unwrap_or_else(|| root.join("public"));
            run(
                &root,
                Some(&out),
                BuildOptions {
                    drafts,
                    strict: false,
                    // For the search benchmark only, which times builds with and without
                    // the index (see benches/README.md); not an option users need.
                    skip_search_index: std::env::var_os("MATERIA_SKIP_SEARCH_INDEX").is_some(),
                    base_url,
                },
                quiet,
            )
        }
        Command::Serve {
            root,
            port,
            bind,
            open,
            drafts,
        } => match materia::serve::serve(materia::serve::ServeOptions {
            root,
            bind,
            port,
            drafts,
            open,
        }) {
            Ok(()) => ExitCode::SUCCESS,
            Err(message) => {
                eprintln!("error: {message}");
                ExitCode::from(1)
            }
        },
        Command::Init {
            dir,
            title,
            base_url,
            language,
        } => init(
            &dir,
            &materia::new::SiteSettings {
                title,
                base_url,
                language,
            },
        ),
        Command::New { what } => new(what),
        Command::Import {
            files,
            section,
            title,
            root,
        } => import(&root, &files, section.as_deref(), title.as_deref()),
        Command::Check {
            root,
            drafts,
            quiet,
        } => run(
            &root,
            None,
            BuildOptions {
                drafts,
                strict: true,
                ..Default::default()
            },
            quiet,
        ),
    }
}

/// `materia init`: the site started, what to do next, or why not.
fn init(dir: &Path, settings: &materia::new::SiteSettings) -> ExitCode {
    match materia::new::site(dir, settings) {
        Ok(written) => {
            eprintln!("Started a site in {}:", dir.display());
            for path in &written {
                eprintln!("  {}", path.display());
            }
            // Quoted where a shell would split it, so the lines can be pasted.
            let shown = dir.display().to_string();
            let root = match shown.as_str() {
                "." => String::new(),
                plain if !plain.contains(|c: char| c.is_whitespace() || "'\"$`\\".contains(c)) => {
                    format!(" --root {plain}")
                }
                spaced => format!(" --root '{}'", spaced.replace('\'', "'\\''")),
            };
            eprintln!(
                "Next: set base_url and the disclaimer in site.toml, then\n  materia new article \"Your first article\"{root}\n  materia serve{root}"
            );
            ExitCode::SUCCESS
        }
        Err(d) => {
            // Paths as the reader gave them, not inside a site that is not there.
            eprint!("{}", d.render(Path::new(".")));
            ExitCode::from(1)
        }
    }
}

/// `materia new …`: the skeleton written, or why not.
fn new(what: NewCommand) -> ExitCode {
    let (created, root) = match what {
        NewCommand::Article {
            title,
            section,
            root,
        } => (
            materia::new::article(&root, &title, section.as_deref(), materia::build::today()),
            root,
        ),
        NewCommand::Page { title, menu, root } => (
            materia::new::page(
                &root,
                &title,
                menu.map(|m| match m {
                    MenuArg::Main => materia::pages::Menu::Main,
                    MenuArg::Footer => materia::pages::Menu::Footer,
                }),
                materia::build::today(),
            ),
            root,
        ),
        NewCommand::Symptom { name, root } => (
            materia::new::record(&root, materia::new::Record::Symptom, &name),
            root,
        ),
        NewCommand::Supplement { name, root } => (
            materia::new::record(&root, materia::new::Record::Supplement, &name),
            root,
        ),
    };
    match created {
        Ok(path) => {
            eprintln!("Created {}", path.display());
            ExitCode::SUCCESS
        }
        Err(d) => {
            eprint!("{}", d.render(&root));
            ExitCode::from(1)
        }
    }
}

/// `materia import FILE…`: each post converted into an article, and every problem.
fn import(root: &Path, files: &[PathBuf], section: Option<&str>, title: Option<&str>) -> ExitCode {
    let diags = Diagnostics::new();
    let written =
        materia::import::import(root, files, section, title, materia::build::today(), &diags);
    for path in &written {
        eprintln!("Created {}", path.display());
    }
    for d in diags.sorted() {
        eprint!("{}", d.render(root));
    }
    if diags.has_errors() {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// The terminal progress display: a spinner naming the stage, and a bar while pages render.
struct Bar(ProgressBar);

impl Progress for Bar {
    fn stage(&self, name: &str, total: usize) {
        if total > 0 {
            self.0.set_style(
                ProgressStyle::with_template("{msg:>12} [{bar:30}] {pos}/{len} pages {elapsed}")
                    .unwrap_or_else(|_| ProgressStyle::default_bar())
                    .progress_chars("=> "),
            );
            self.0.set_length(total as u64);
            self.0.set_position(0);
        }
        self.0.set_message(name.to_string());
    }

    fn step(&self) {
        self.0.inc(1);
    }
}

fn run(root: &Path, out: Option<&Path>, options: BuildOptions, quiet: bool) -> ExitCode {
    let started = Instant::now();
    let diags = Diagnostics::new();
    let bar = (!quiet && std::io::stderr().is_terminal()).then(|| {
        let bar = ProgressBar::new_spinner();
        bar.set_style(
            ProgressStyle::with_template("{spinner} {msg} {elapsed}")
                .unwrap_or_else(|_| ProgressStyle::default_spinner()),
        );
        bar.enable_steady_tick(Duration::from_millis(80));
        Bar(bar)
    });
    let progress: &dyn Progress = match &bar {
        Some(b) => b,
        None => &Silent,
    };
    // With an output folder, pages go into its staging folder as they are rendered. If that
    // folder cannot be made, the site is still built (in memory), so that every problem is
    // reported beside the write error.
    let staging = out.and_then(|out| {
        materia::write::check_out_dir(out, root)
            .and_then(|()| materia::write::Staging::new(out))
            .map_err(|d| diags.push(d))
            .ok()
    });
    let mut builder = Builder::once(root, options);
    let built = match &staging {
        Some(staging) => {
            builder.build_into(&|path, bytes| staging.put(path, bytes), &diags, progress)
        }
        None => builder.build(&diags, progress),
    };
    // A failed build drops the staging folder, which removes it.
    let written = match (&built, staging) {
        (Some(b), Some(staging)) => {
            progress.stage("writing", 0);
            let w = Instant::now();
            let result = staging.finish(&b.output);
            if std::env::var("MATERIA_TIMINGS").is_ok() {
                eprintln!("write: {:?}", w.elapsed());
            }
            match result {
                Ok(n) => Some(n),
                Err(d) => {
                    diags.push(d);
                    None
                }
            }
        }
        _ => None,
    };
    if let Some(b) = &bar {
        b.0.finish_and_clear();
    }
    let report = diags.sorted();
    let mut stderr = String::new();
    for d in &report {
        if quiet && d.severity == Severity::Warning {
            continue;
        }
        stderr.push_str(&d.render(root));
        stderr.push('\n');
    }
    eprint!("{stderr}");
    let errors = diags.error_count();
    if errors > 0 {
        let what = if out.is_some() { "build" } else { "check" };
        eprintln!(
            "error: {what} failed with {}; nothing was written",
            counted(errors, "error")
        );
        return ExitCode::from(1);
    }
    if !quiet {
        if let Some(b) = &built {
            let secs = started.elapsed().as_secs_f64();
            match (written, out) {
                (Some(n), Some(out)) => {
                    eprintln!(
                        "Built {} ({}, {}, {}) into {} in {secs:.2}s",
                        counted(n, "file"),
                        counted(b.articles, "article"),
                        counted(b.symptoms, "symptom"),
                        counted(b.supplements, "supplement"),
                        out.display()
                    );
                    // Not a warning: a site is rightly built for a placeholder while it is
                    // written and previewed. Said where the deployer looks, before uploading.
                    if materia::config::is_placeholder(&b.base_url) {
                        eprintln!(
                            "note: canonical URLs, the sitemap and the feed point at {}, an \
                             example address; set `base_url` in site.toml, or build with \
                             `--base-url URL`, before deploying",
                            b.base_url
                        );
                    }
                }
                _ => {
                    let warned = match report.len() - errors {
                        0 => String::new(),
                        n => format!(", {}", counted(n, "warning")),
                    };
                    eprintln!(
                        "Checked {}, {} and {} in {secs:.2}s: no errors{warned}",
                        counted(b.articles, "article"),
                        counted(b.symptoms, "symptom"),
                        counted(b.supplements, "supplement")
                    )
                }
            }
        }
    }
    builder.exit_without_freeing();
    ExitCode::SUCCESS
}

/// `--base-url`, checked as site.toml's `base_url` is, before anything is built.
fn base_url_arg(url: &str) -> Result<String, String> {
    materia::config::split_base_url(url)
        .map(|_| url.to_string())
        .ok_or_else(|| {
            "give an absolute http(s) address, like https://preview.example.org/kb/".into()
        })
}

/// A language tag's shape (`en`, `pt-BR`, `zh-Hant`): it becomes every page's `lang`.
fn language_arg(tag: &str) -> Result<String, String> {
    let mut parts = tag.split('-');
    let primary = parts.next().unwrap_or_default();
    let primary_ok =
        (2..=3).contains(&primary.len()) && primary.chars().all(|c| c.is_ascii_alphabetic());
    let rest_ok =
        parts.all(|p| (1..=8).contains(&p.len()) && p.chars().all(|c| c.is_ascii_alphanumeric()));
    if primary_ok && rest_ok {
        Ok(tag.to_string())
    } else {
        Err("give a language tag, like `en`, `fr` or `pt-BR`".into())
    }
}

/// "1 article", "2 articles": a count and a noun that takes an s.
fn counted(n: usize, noun: &str) -> String {
    format!("{n} {noun}{}", if n == 1 { "" } else { "s" })
}

#[cfg(test)]
#[allow(unsafe_code)]
mod tests {
    use super::*;
    use std::ffi::{c_char, c_void, CStr};

    extern "C" {
        // Exported by mimalloc, not declared by its Rust bindings.
        fn mi_options_print_out(out: libmimalloc_sys::mi_output_fun, arg: *mut c_void);
    }

    /// `--help` tells what every command and every option is for: an option without a line
    /// of its own is a flag users must guess at.
    #[test]
    fn every_command_and_option_says_what_it_is_for() {
        use clap::CommandFactory;
        fn undocumented(command: &clap::Command, path: &str, out: &mut Vec<String>) {
            for arg in command.get_arguments() {
                let builtin = matches!(arg.get_id().as_str(), "help" | "version");
                if !builtin && arg.get_help().is_none() && arg.get_long_help().is_none() {
                    out.push(format!("{path} {}", arg.get_id()));
                }
            }
            for sub in command.get_subcommands() {
                let path = format!("{path} {}", sub.get_name());
                if sub.get_name() != "help" && sub.get_about().is_none() {
                    out.push(path.clone());
                }
                undocumented(sub, &path, out);
            }
        }
        let mut missing = Vec::new();
        undocumented(&Cli::command(), "materia", &mut missing);
        assert!(missing.is_empty(), "no help for: {missing:?}");
    }

    unsafe extern "C" fn append(message: *const c_char, into: *mut c_void) {
        // SAFETY: mimalloc passes a NUL-terminated message and the `arg` given below, a
        // live `String` that nothing else touches during the call.
        unsafe {
            let into = &mut *(into as *mut String);
            into.push_str(&CStr::from_ptr(message).to_string_lossy());
        }
    }

    /// The option's number is mimalloc's, not ours: if an upgrade renumbers the enum, the
    /// build would quietly set some other option. mimalloc lists its options in enum order.
    #[test]
    fn the_purge_option_number_names_purge_delay_and_setting_it_turns_purging_off() {
        let mut printed = String::new();
        // SAFETY: the callback and its argument live across the call, which is synchronous.
        unsafe { mi_options_print_out(Some(append), &mut printed as *mut String as *mut c_void) };
        let names: Vec<&str> = printed
            .lines()
            .filter_map(|line| line.strip_prefix("option '")?.split('\'').next())
            .collect();
        assert!(
            names.len() > 20,
            "mimalloc printed no option list:\n{printed}"
        );
        assert_eq!(
            names.get(MI_OPTION_PURGE_DELAY as usize),
            Some(&"purge_delay"),
            "{names:?}"
        );
        keep_freed_memory();
        // SAFETY: reads the option table; a plain load of a value set on this thread.
        assert_eq!(
            unsafe { libmimalloc_sys::mi_option_get(MI_OPTION_PURGE_DELAY) },
            -1
        );
    }
}
