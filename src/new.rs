//! `materia init`, `materia new article`, `materia new page`, `materia new symptom` and
//! `materia new supplement`: a skeleton with every field, at the path the title's or name's
//! slug gives, so an author starts from a site or page that builds and sees what can be
//! said. None of them overwrites a file.

use crate::date::Date;
use crate::diagnostics::Diagnostic;
use crate::slug::slugify;
use crate::words::Language;
use std::path::{Path, PathBuf};

pub fn article(
    root: &Path,
    title: &str,
    section: Option<&str>,
    today: Date,
) -> Result<PathBuf, Diagnostic> {
    let slug = title_slug(title)?;
    let mut dir = root.join("content").join("articles");
    if let Some(section) = section {
        for part in section.split('/').filter(|p| !p.is_empty()) {
            let clean = slugify(part);
            if clean.is_empty() {
                return Err(
                    Diagnostic::error(format!("section `{section}` is not a folder name"))
                        .hint("use lower-case words joined by `-`, like `nutrition`"),
                );
            }
            dir.push(clean);
        }
    }
    let path = dir.join(format!("{slug}.md"));
    if path.exists() {
        return Err(
            Diagnostic::error(format!("`{}` already exists", path.display()))
                .in_file(&path)
                .hint("edit that file, or choose another title"),
        );
    }
    std::fs::create_dir_all(&dir)
        .map_err(|e| Diagnostic::error(format!("cannot create `{}`: {e}", dir.display())))?;
    let quoted = yaml_quoted(title);
    let text = format!(
        "---\ntitle: \"{quoted}\"\ndescription: \"\"\ndate: {date}\nauthors: []\n# reviewed_by: \"\"\n# reviewed_on: {date}\nkeywords: []\nsymptoms: []\nsupplements: []\ntags: []\nreferences: []\ndraft: true\n---\n\n{body}",
        date = today.iso(),
        body = Starter::of(site_language(root)).article,
    );
    write_new(&path, &text)?;
    Ok(path)
}

/// Writes a standalone page skeleton, `content/pages/<slug>.md` (published at `/<slug>/`),
/// in `menu` (`main` or `footer`) when given. Refused when a page has that URL already, or
/// when it is one the site writes itself.
pub fn page(
    root: &Path,
    title: &str,
    menu: Option<crate::pages::Menu>,
    today: Date,
) -> Result<PathBuf, Diagnostic> {
    let slug = title_slug(title)?;
    if let Some(folder) = crate::pages::reserved_folder(&slug) {
        return Err(Diagnostic::error(format!(
            "a page at `/{folder}/` would take a URL the site writes itself"
        ))
        .hint("choose another title"));
    }
    let dir = root.join("content").join("pages");
    // Each of these is published at `/<slug>/`.
    for taken in [
        dir.join(format!("{slug}.md")),
        dir.join(&slug).join("index.md"),
        dir.join(&slug).join("_index.md"),
    ] {
        if taken.exists() {
            return Err(
                Diagnostic::error(format!("a page at `/{slug}/` already exists"))
                    .in_file(&taken)
                    .hint("edit that file, or choose another title"),
            );
        }
    }
    std::fs::create_dir_all(&dir)
        .map_err(|e| Diagnostic::error(format!("cannot create `{}`: {e}", dir.display())))?;
    let path = dir.join(format!("{slug}.md"));
    let menu = match menu {
        Some(crate::pages::Menu::Main) => "menu: main",
        Some(crate::pages::Menu::Footer) => "menu: footer",
        None => "# menu: footer",
    };
    let text = format!(
        "---\ntitle: \"{title}\"\ndescription: \"\"\nupdated: {date}\n# main: the header's navigation; footer: the footer of every page.\n{menu}\n# Its place in its menu, lowest first.\nweight: 0\n# Old URLs that redirect here.\naliases: []\ndraft: true\n---\n\nWrite the page here: who you are, how you write and review, how readers reach you.\n",
        title = yaml_quoted(title.trim()),
        date = today.iso()
    );
    write_new(&path, &text)?;
    Ok(path)
}

/// What `materia init` puts into the new site's `site.toml`.
#[derive(Debug, Default, Clone)]
pub struct SiteSettings {
    /// Default: the folder's name, its hyphens read as spaces ("my-clinic": "My clinic").
    pub title: Option<String>,
    /// Default: `https://example.org`, to be changed before deploying.
    pub base_url: Option<String>,
    /// Default: `en`.
    pub language: Option<String>,
}

/// Starts a site in `dir` (made if missing): a `site.toml` with every key, commented, the
/// home page's text, the folders of articles, records and static files, and a `.gitignore`
/// for the output unless one is there. Refused where a site, or content, is there already;
/// other files (a README, a `.git`) are left as they are, so a repository can become a
/// site. Returns what it wrote.
pub fn site(dir: &Path, settings: &SiteSettings) -> Result<Vec<PathBuf>, Diagnostic> {
    for taken in ["site.toml", "content"] {
        let path = dir.join(taken);
        if path.exists() {
            return Err(Diagnostic::error(format!(
                "`{}` already exists: `{}` holds a site already",
                path.display(),
                dir.display()
            ))
            .in_file(&path)
            .hint("run `materia serve` there, or give `materia init` a new folder"));
        }
    }
    std::fs::create_dir_all(dir)
        .map_err(|e| Diagnostic::error(format!("cannot create `{}`: {e}", dir.display())))?;
    let title = match &settings.title {
        Some(title) if !title.trim().is_empty() => title.trim().to_string(),
        _ => folder_title(dir),
    };
    let base_url = settings
        .base_url
        .clone()
        .unwrap_or_else(|| "https://example.org".into());
    let language = settings.language.clone().unwrap_or_else(|| "en".into());
    let built_in = crate::translations::built_in_languages()
        .collect::<Vec<_>>()
        .join(", ");
    let toml = |s: &str| toml::Value::String(s.to_string()).to_string();
    let starter = Starter::of(Language::of(&language));
    let site_toml = format!(
        "# The site's settings: README.md (\"The content format\") describes every key.
title = {title}
# Where the site is published: canonical URLs, the sitemap and the feed use it. Set it
# before deploying; `materia build --base-url URL` builds for another (a preview).
base_url = {base_url}
# The pages' language, and the words of the theme (built in: {built_in}).
language = {language}
# The site's summary, in search engines' results and link previews.
description = {description}
# Shown on every article (Markdown).
disclaimer = {disclaimer}
# `materia check` warns of articles not medically reviewed within this many days.
review_interval_days = 365
# Templates of your own in themes/NAME/templates/ (docs/themes.md lists them).
# theme = \"NAME\"

[linking]
# How many mentions of one symptom, supplement or keyword are linked on a page.
max_links_per_term = 1
# Names never linked, such as a record's alias that is also an everyday word.
exclude = []

# [search]
# Words readers type for the ones the pages use: a query for any word or phrase of a
# group also finds the pages that use another.
# synonyms = [
#   [\"elderly\", \"older adults\"],
#   [\"injection\", \"shot\", \"jab\"],
# ]
",
        title = toml(&title),
        base_url = toml(&base_url),
        language = toml(&language),
        description = toml(&starter.description.replace("{title}", &title)),
        disclaimer = toml(starter.disclaimer),
    );
    let home = starter.home.replace("{title}", &markdown_text(&title));
    let mut written = Vec::new();
    for folder in ["articles", "symptoms", "supplements", "static"] {
        let path = dir.join("content").join(folder);
        std::fs::create_dir_all(&path)
            .map_err(|e| Diagnostic::error(format!("cannot create `{}`: {e}", path.display())))?;
        written.push(path);
    }
    let mut files = vec![
        (dir.join("site.toml"), site_toml),
        (dir.join("content").join("_index.md"), home),
    ];
    let gitignore = dir.join(".gitignore");
    if !gitignore.exists() {
        // The output, and the staging folders beside it that an interrupted build leaves.
        files.push((gitignore, "/public\n/.public.*\n".into()));
    }
    for (path, text) in files {
        write_new(&path, &text)?;
        written.push(path);
    }
    written.sort();
    Ok(written)
}

/// The texts a new site starts with, in one language: the first is English, for languages
/// without their own.
struct Starter {
    language: Language,
    /// `{title}` is the site's title.
    description: &'static str,
    disclaimer: &'static str,
    /// The home page's Markdown; `{title}` is the site's title, as Markdown text.
    home: &'static str,
    /// The body of `materia new article`'s skeleton: an introduction, a section and an FAQ
    /// whose heading the parse stage reads as one in this language.
    article: &'static str,
}

impl Starter {
    /// The texts of `language`, English for one without its own.
    fn of(language: Language) -> &'static Starter {
        STARTERS
            .iter()
            .find(|s| s.language == language)
            .unwrap_or(&STARTERS[0])
    }
}

/// The language `site.toml` under `root` names, as search and the theme read it; English
/// where there is none or the file cannot be read (the build reports that, not `new`).
fn site_language(root: &Path) -> Language {
    std::fs::read_to_string(root.join("site.toml"))
        .ok()
        .and_then(|text| text.parse::<toml::Table>().ok())
        .and_then(|table| {
            table
                .get("language")
                .and_then(|v| v.as_str())
                .map(Language::of)
        })
        .unwrap_or_default()
}

const STARTERS: &[Starter] = &[
    Starter {
        language: Language::English,
        description: "{title}: clear, sourced information on symptoms, supplements and the conditions behind them.",
        disclaimer: "This site offers general health information, not medical advice, and cannot diagnose or treat any condition. Talk to a doctor or pharmacist about your own symptoms, and before starting, stopping or changing any supplement or medicine.",
        home: "Welcome to **{title}**. This text, in `content/_index.md`, opens the home page: say who writes the site, what it covers, and how its articles are sourced and medically reviewed.\n",
        article: "Write the introduction here.\n\n## First section\n\n## Frequently asked questions\n\n### A question readers ask?\n\nThe answer.\n",
    },
    Starter {
        language: Language::French,
        description: "{title} : des informations claires et sourcées sur les symptômes, les compléments alimentaires et les troubles qui les expliquent.",
        disclaimer: "Ce site donne des informations générales sur la santé, pas des conseils médicaux, et ne peut ni diagnostiquer ni traiter aucune maladie. Parlez de vos symptômes à un médecin ou à un pharmacien, et demandez-leur conseil avant de commencer, d'arrêter ou de modifier un complément alimentaire ou un médicament.",
        home: "Bienvenue sur **{title}**. Ce texte, dans `content/_index.md`, ouvre la page d'accueil : dites qui écrit le site, ce qu'il couvre, et comment ses articles sont sourcés et relus par des professionnels de santé.\n",
        article: "Écrivez l'introduction ici.\n\n## Première partie\n\n## Questions fréquentes\n\n### Une question que se posent les lecteurs ?\n\nLa réponse.\n",
    },
    Starter {
        language: Language::German,
        description: "{title}: klare, belegte Informationen zu Symptomen, Nahrungsergänzungsmitteln und den Erkrankungen dahinter.",
        disclaimer: "Diese Website bietet allgemeine Gesundheitsinformationen, keine medizinische Beratung, und kann keine Erkrankung diagnostizieren oder behandeln. Sprechen Sie mit einer Ärztin, einem Arzt oder in der Apotheke über Ihre Beschwerden und bevor Sie ein Nahrungsergänzungsmittel oder Medikament beginnen, absetzen oder ändern.",
        home: "Willkommen bei **{title}**. Dieser Text in `content/_index.md` eröffnet die Startseite: Sagen Sie, wer die Website schreibt, was sie behandelt und wie ihre Artikel belegt und medizinisch geprüft werden.\n",
        article: "Schreiben Sie hier die Einleitung.\n\n## Erster Abschnitt\n\n## Häufig gestellte Fragen\n\n### Eine Frage, die Leser stellen?\n\nDie Antwort.\n",
    },
    Starter {
        language: Language::Italian,
        description: "{title}: informazioni chiare e documentate su sintomi, integratori e i disturbi che li causano.",
        disclaimer: "Questo sito offre informazioni generali sulla salute, non consigli medici, e non può diagnosticare né curare alcuna malattia. Parla dei tuoi sintomi con un medico o un farmacista, e chiedi il loro parere prima di iniziare, sospendere o cambiare un integratore o un farmaco.",
        home: "Benvenuto su **{title}**. Questo testo, in `content/_index.md`, apre la pagina iniziale: racconta chi scrive il sito, di cosa tratta e come i suoi articoli vengono documentati e revisionati da professionisti sanitari.\n",
        article: "Scrivi qui l'introduzione.\n\n## Prima sezione\n\n## Domande frequenti\n\n### Una domanda che si pongono i lettori?\n\nLa risposta.\n",
    },
    Starter {
        language: Language::Portuguese,
        description: "{title}: informações claras e com fontes sobre sintomas, suplementos e as condições que os causam.",
        disclaimer: "Este site oferece informações gerais de saúde, não aconselhamento médico, e não pode diagnosticar nem tratar nenhuma doença. Converse com um médico ou farmacêutico sobre os seus sintomas e antes de começar, parar ou mudar qualquer suplemento ou medicamento.",
        home: "Boas-vindas ao **{title}**. Este texto, em `content/_index.md`, abre a página inicial: conte quem escreve o site, que temas ele aborda e como os seus artigos são baseados em fontes e revisados por profissionais de saúde.\n",
        article: "Escreva aqui a introdução.\n\n## Primeira seção\n\n## Perguntas frequentes\n\n### Uma pergunta que os leitores fazem?\n\nA resposta.\n",
    },
    Starter {
        language: Language::Spanish,
        description: "{title}: información clara y con fuentes sobre síntomas, suplementos y las afecciones que los causan.",
        disclaimer: "Este sitio ofrece información general de salud, no consejo médico, y no puede diagnosticar ni tratar ninguna enfermedad. Consulte a un médico o farmacéutico sobre sus síntomas y antes de empezar, dejar o cambiar cualquier suplemento o medicamento.",
        home: "Bienvenido a **{title}**. Este texto, en `content/_index.md`, abre la página de inicio: cuente quién escribe el sitio, qué temas trata y cómo se documentan y revisan médicamente sus artículos.\n",
        article: "Escriba aquí la introducción.\n\n## Primera sección\n\n## Preguntas frecuentes\n\n### ¿Una pregunta que se hacen los lectores?\n\nLa respuesta.\n",
    },
];

/// `s` as Markdown text: every ASCII punctuation mark escaped, so a title such as
/// `<Clinic>` or `*Nerve* Health` is shown as written.
fn markdown_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if c.is_ascii_punctuation() {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// A title from the name of the folder a site is started in: "my-clinic" gives "My clinic".
fn folder_title(dir: &Path) -> String {
    let name = dir
        .canonicalize()
        .ok()
        .and_then(|d| d.file_name().map(|n| n.to_string_lossy().into_owned()))
        .unwrap_or_default();
    let words = name
        .split(['-', '_', ' '])
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    let mut chars = words.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => "Health library".into(),
    }
}

/// Which record `materia new` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Record {
    Symptom,
    Supplement,
}

/// Writes a record skeleton, `content/symptoms/<id>.yaml` or `content/supplements/<id>.yaml`,
/// its id the slug of `name`. Refused when a record of that id exists in any format: two
/// files of one id are an error of the build.
pub fn record(root: &Path, kind: Record, name: &str) -> Result<PathBuf, Diagnostic> {
    let (folder, what) = match kind {
        Record::Symptom => ("symptoms", "symptom"),
        Record::Supplement => ("supplements", "supplement"),
    };
    let id = slugify(name);
    if id.is_empty() || name.trim().is_empty() {
        return Err(
            Diagnostic::error(format!("the name `{name}` gives an empty record id"))
                .hint("use a name with letters or digits"),
        );
    }
    let dir = root.join("content").join(folder);
    for ext in ["yaml", "yml", "toml", "json"] {
        let existing = dir.join(format!("{id}.{ext}"));
        if existing.exists() {
            return Err(Diagnostic::error(format!(
                "a {what} record with the id `{id}` already exists"
            ))
            .in_file(&existing)
            .hint(format!(
                "edit that file, or give the new {what} another name (its id is the name's slug)"
            )));
        }
    }
    std::fs::create_dir_all(&dir)
        .map_err(|e| Diagnostic::error(format!("cannot create `{}`: {e}", dir.display())))?;
    let path = dir.join(format!("{id}.yaml"));
    let name = yaml_quoted(name.trim());
    let text = match kind {
        Record::Symptom => format!(
            "name: \"{name}\"
# Every other name readers use, lay and clinical (\"pins and needles\", \"paresthesia\"):
# articles that use one link here, and a search for one finds this page.
aliases: []
# body_system: \"nervous system\"
# One or two sentences: the page's description and its search excerpt.
summary: \"\"
# What it is, what causes it, how it is found and treated (Markdown).
description: \"\"
# The red flags: when to see a doctor, and when to get help at once (Markdown).
seek_care: \"\"
# Ids of other records: content/symptoms/<id>.yaml, content/supplements/<id>.yaml.
related_symptoms: []
related_supplements: []
# Where the facts come from, shown as numbered references:
# sources:
#   - title: \"\"
#     url: \"https://\"
sources: []
"
        ),
        Record::Supplement => format!(
            "name: \"{name}\"
# Forms and other names (\"cyanocobalamin\", \"methylcobalamin\"): articles that use one link
# here, and a search for one finds this page.
aliases: []
# One or two sentences: the page's description and its search excerpt.
summary: \"\"
# What it is, what it does, who may need it (Markdown).
description: \"\"
forms: []
typical_dose: \"\"
upper_limit: \"\"
# Medicines and conditions it interacts with (Markdown).
interactions: \"\"
# Ids of symptom records: content/symptoms/<id>.yaml.
related_symptoms: []
# Product or collection pages: a link to one in any article counts as a reference here.
links: []
# Where the facts come from, shown as numbered references:
# sources:
#   - title: \"\"
#     url: \"https://\"
sources: []
"
        ),
    };
    write_new(&path, &text)?;
    Ok(path)
}

/// The slug of `title`, which names a new article's or page's file.
fn title_slug(title: &str) -> Result<String, Diagnostic> {
    let slug = slugify(title);
    if slug.is_empty() {
        return Err(
            Diagnostic::error(format!("the title `{title}` gives an empty file name"))
                .hint("use a title with letters or digits"),
        );
    }
    Ok(slug)
}

/// `s` for the inside of a double-quoted YAML string.
fn yaml_quoted(s: &str) -> String {
    s.replace('\\', "\\\\").replace('"', "\\\"")
}

/// Writes `text` to `path`, which must not exist: `create_new` refuses to overwrite even a
/// file that appeared since the caller looked.
fn write_new(path: &Path, text: &str) -> Result<(), Diagnostic> {
    use std::io::Write as _;
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
        .map_err(|e| Diagnostic::error(format!("cannot create `{}`: {e}", path.display())))?;
    file.write_all(text.as_bytes())
        .map_err(|e| Diagnostic::error(format!("cannot write `{}`: {e}", path.display())))
}
