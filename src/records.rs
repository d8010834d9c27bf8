//! Symptom, supplement and person records: one YAML, TOML or JSON file each, the file stem
//! being the record's id. Their Markdown fields are parsed here; ids they name are checked later, by
//! the catalog, once every record is known.

use crate::diagnostics::{Diagnostic, Location};
use crate::front_matter::{locate_in, KeyLines, Reference};
use crate::load::SourceFile;
use crate::markdown::{self, Body, Labels};
use crate::structured::{self, Extra, Format, Origin};
use serde::Deserialize;
use std::path::{Path, PathBuf};

pub const SYMPTOM_FIELDS: &[&str] = &[
    "name",
    "aliases",
    "body_system",
    "summary",
    "description",
    "seek_care",
    "related_symptoms",
    "related_supplements",
    "sources",
    "extra",
];

pub const SUPPLEMENT_FIELDS: &[&str] = &[
    "name",
    "aliases",
    "summary",
    "description",
    "forms",
    "typical_dose",
    "upper_limit",
    "interactions",
    "related_symptoms",
    "links",
    "sources",
    "extra",
];

pub const PERSON_FIELDS: &[&str] = &[
    "name",
    "aliases",
    "credentials",
    "job_title",
    "bio",
    "links",
    "extra",
];

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPerson {
    name: String,
    #[serde(default, deserialize_with = "structured::one_or_more")]
    aliases: Vec<String>,
    #[serde(default)]
    credentials: Option<String>,
    #[serde(default)]
    job_title: Option<String>,
    #[serde(default)]
    bio: Option<String>,
    #[serde(default, deserialize_with = "structured::one_or_more")]
    links: Vec<String>,
    #[serde(default)]
    extra: Extra,
}

/// An author or medical reviewer (`content/authors/<id>.yaml`): who they are, for their
/// page and for the articles that credit them under their name or an alias.
#[derive(Debug, Clone)]
pub struct Person {
    pub id: String,
    pub path: PathBuf,
    pub name: String,
    /// Other ways articles write the name ("A. Lee").
    pub aliases: Vec<String>,
    /// Degrees and registrations ("MD, MRCP").
    pub credentials: String,
    pub job_title: String,
    pub bio: RecordText,
    /// Their pages elsewhere (a register entry, a university profile): `sameAs`.
    pub links: Vec<String>,
    pub extra: Extra,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSymptom {
    name: String,
    #[serde(default, deserialize_with = "structured::comma_list")]
    aliases: Vec<String>,
    #[serde(default)]
    body_system: Option<String>,
    #[serde(default)]
    summary: Option<String>,
    #[serde(default)]
    description: Option<String>,
    #[serde(default)]
    seek_care: Option<String>,
    #[serde(default, deserialize_with = "structured::comma_list")]
    related_symptoms: Vec<String>,
    #[serde(default, deserialize_with = "structured::comma_list")]
    related_supplements: Vec<String>,
    #[serde(default)]
    sources: Vec<Reference>,
    #[serde(default)]
    extra: Extra,
}

/// Free text that authors write either as one Markdown string or as a list of points.
#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum TextOrList {
    Text(String),
    List(Vec<String>),
}

impl TextOrList {
    fn into_markdown(self) -> String {
        match self {
            TextOrList::Text(t) => t,
            TextOrList::List(items) => items.iter().map(|i| format!("- {i}\n")).collect(),
        }
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSupplement {
    name: String,
    #[serde(default, deserialize_with = "structured::comma_list")]
    aliases: Vec<String>,
    #[serde(default)]
    summary: Option<String>,
    #[serde(default)]
    description: Option<String>,
    #[serde(default, deserialize_with = "structured::comma_list")]
    forms: Vec<String>,
    #[serde(default)]
    typical_dose: Option<String>,
    #[serde(default)]
    upper_limit: Option<String>,
    #[serde(default)]
    interactions: Option<TextOrList>,
    #[serde(default, deserialize_with = "structured::comma_list")]
    related_symptoms: Vec<String>,
    #[serde(default, deserialize_with = "structured::one_or_more")]
    links: Vec<String>,
    #[serde(default)]
    sources: Vec<Reference>,
    #[serde(default)]
    extra: Extra,
}

/// An id written in a file, with where it was written, for "unknown id" errors.
#[derive(Debug, Clone)]
pub struct IdRef {
    pub id: String,
    pub location: Location,
}

impl IdRef {
    /// The ids of a list in `file`, each with where it is written under the list's key.
    pub fn located(
        ids: impl IntoIterator<Item = String>,
        key: &KeyLines,
        file: &Path,
    ) -> Vec<IdRef> {
        let ids: Vec<String> = ids.into_iter().collect();
        let places = key.locate_all(ids.iter().map(String::as_str));
        ids.into_iter()
            .zip(places)
            .map(|(id, (line, col))| IdRef {
                location: Location {
                    file: file.to_path_buf(),
                    line,
                    col,
                },
                id,
            })
            .collect()
    }
}

/// Markdown from a record field, with the field's line for messages about its links.
#[derive(Debug, Clone)]
pub struct RecordText {
    pub body: Body,
    pub location: Location,
}

#[derive(Debug, Clone)]
pub struct Symptom {
    pub id: String,
    pub path: PathBuf,
    pub name: String,
    pub aliases: Vec<String>,
    pub body_system: Option<String>,
    pub summary: String,
    pub description: RecordText,
    pub seek_care: RecordText,
    pub related_symptoms: Vec<IdRef>,
    pub related_supplements: Vec<IdRef>,
    pub sources: Vec<Reference>,
    /// The sources whose address is a path of this site (by their place in `sources`), and
    /// where that address is written: the link stage checks and completes them.
    pub source_locations: Vec<(usize, Location)>,
    /// Where each alias is written, for conflicting-term errors.
    pub alias_locations: Vec<Location>,
    pub extra: Extra,
}

#[derive(Debug, Clone)]
pub struct Supplement {
    pub id: String,
    pub path: PathBuf,
    pub name: String,
    pub aliases: Vec<String>,
    pub summary: String,
    pub description: RecordText,
    pub forms: Vec<String>,
    pub typical_dose: String,
    pub upper_limit: String,
    pub interactions: RecordText,
    pub related_symptoms: Vec<IdRef>,
    pub links: Vec<String>,
    pub sources: Vec<Reference>,
    /// As a symptom's.
    pub source_locations: Vec<(usize, Location)>,
    pub alias_locations: Vec<Location>,
    pub extra: Extra,
}

struct Ctx<'a> {
    text: &'a str,
    path: &'a Path,
    labels: &'a Labels,
}

impl Ctx<'_> {
    /// [`Ctx::loc`] of each value of a list, found in one pass (see
    /// [`KeyLines::locate_all`]).
    fn locs(&self, key: &str, values: &[String]) -> Vec<Location> {
        KeyLines::new(self.text, 0, key)
            .locate_all(values.iter().map(String::as_str))
            .into_iter()
            .map(|(line, col)| Location {
                file: self.path.to_path_buf(),
                line,
                col,
            })
            .collect()
    }

    fn loc(&self, key: &str, value: &str) -> Location {
        let (line, col) = locate_in(self.text, 0, key, value);
        Location {
            file: self.path.to_path_buf(),
            line,
            col,
        }
    }

    /// The error for `link`, one of the record's `links`, which is not an absolute http(s)
    /// address; `hint` where it does not look like a web address missing its `https://`.
    fn not_absolute(&self, link: &str, hint: &str) -> Diagnostic {
        Diagnostic::error(format!("link `{link}` is not an absolute http(s) URL"))
            .at_location(self.loc("links", link))
            .hint(match crate::front_matter::schemeless_host(link) {
                Some(_) => format!("write `https://{}`", link.trim()),
                None => hint.to_string(),
            })
    }

    /// The problems of each source's address go to `errors`: the build fails on them, but
    /// the record is read on, so that its other problems are reported in the same run.
    fn check_sources(&self, sources: &[Reference], errors: &mut Vec<Diagnostic>) {
        errors.extend(
            sources
                .iter()
                .filter_map(|s| s.check(|url| self.loc("sources", url))),
        );
    }

    /// The sources that point to a page of this site, each with where its address is
    /// written (looked up only for those: finding it reads the file).
    fn site_sources(&self, sources: &[Reference]) -> Vec<(usize, Location)> {
        sources
            .iter()
            .enumerate()
            .filter_map(|(i, s)| Some((i, self.loc("sources", s.site_path()?))))
            .collect()
    }

    fn ids(&self, key: &str, ids: Vec<String>) -> Vec<IdRef> {
        IdRef::located(ids, &KeyLines::new(self.text, 0, key), self.path)
    }

    fn markdown(&self, key: &str, text: Option<String>) -> RecordText {
        RecordText {
            body: markdown::parse(
                text.as_deref().unwrap_or(""),
                0,
                false,
                &[key, "-"].concat(),
                self.labels,
            ),
            location: self.loc(key, ""),
        }
    }
}

fn id_and_format(file: &SourceFile) -> Result<(String, Format), Diagnostic> {
    let path = Path::new(&file.rel);
    let format = path
        .extension()
        .and_then(|e| e.to_str())
        .and_then(Format::from_extension)
        .ok_or_else(|| {
            Diagnostic::error("records must be .yaml, .toml or .json files").in_file(&file.path)
        })?;
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let id = crate::slug::slugify(&stem);
    if id != stem || file.rel.contains('/') {
        return Err(Diagnostic::error(format!(
            "record file name `{}` is not a valid id",
            file.rel
        ))
        .in_file(&file.path)
        .hint(format!(
            "ids are lower-case ASCII words joined by `-`, directly in the folder: rename it to `{}.{}`",
            if id.is_empty() { "some-name" } else { &id },
            path.extension().and_then(|e| e.to_str()).unwrap_or("yaml")
        )));
    }
    Ok((id, format))
}

/// A record file's id (its stem) and fields, checked to have a name; and what reading its
/// other fields needs.
fn read<'a, R: serde::de::DeserializeOwned>(
    file: &'a SourceFile,
    labels: &'a Labels,
    what: &str,
    fields: &[&str],
    name: impl Fn(&R) -> &String,
) -> Result<(String, R, Ctx<'a>, Vec<Diagnostic>), Vec<Diagnostic>> {
    let (id, format) = id_and_format(file).map_err(|d| vec![d])?;
    let origin = Origin {
        file: &file.path,
        line_offset: 0,
    };
    let (raw, errors): (R, _) =
        match structured::parse_recovering(&file.text, format, origin, what, fields) {
            Ok(raw) => (raw, Vec::new()),
            Err((errors, Some(rest))) => (*rest, errors),
            Err((errors, None)) => return Err(errors),
        };
    check_name(name(&raw), &file.path, &file.text).map_err(|d| and(&errors, d))?;
    let ctx = Ctx {
        text: &file.text,
        path: &file.path,
        labels,
    };
    Ok((id, raw, ctx, errors))
}

/// The problems of the fields a record was read without (see [`Read`]), and `d`, which
/// stops it: none of them is lost.
fn and(errors: &[Diagnostic], d: Diagnostic) -> Vec<Diagnostic> {
    errors.iter().cloned().chain([d]).collect()
}

/// A record, with the problems of the fields it was read without (a misspelt key, a value
/// of the wrong type): they fail the build, but the record takes its place in the site, so
/// that the same run checks what refers to it and what it refers to. Or, when it could not
/// be read at all, its problems.
pub type Read<T> = Result<(T, Vec<Diagnostic>), Vec<Diagnostic>>;

fn check_name(name: &str, path: &Path, text: &str) -> Result<(), Diagnostic> {
    if name.trim().is_empty() {
        let (line, col) = locate_in(text, 0, "name", "");
        return Err(Diagnostic::error("`name` is empty")
            .at(path, line, col)
            .hint("give the record the name readers know it by"));
    }
    Ok(())
}

pub fn parse_symptom(file: &SourceFile, labels: &Labels) -> Read<Symptom> {
    let (id, raw, ctx, mut errors) = read::<RawSymptom>(
        file,
        labels,
        "invalid symptom record",
        SYMPTOM_FIELDS,
        |r| &r.name,
    )?;
    ctx.check_sources(&raw.sources, &mut errors);
    Ok((
        Symptom {
            alias_locations: ctx.locs("aliases", &raw.aliases),
            id,
            path: file.path.clone(),
            name: raw.name.trim().to_string(),
            aliases: raw.aliases,
            body_system: raw.body_system,
            summary: raw.summary.unwrap_or_default(),
            description: ctx.markdown("description", raw.description),
            seek_care: ctx.markdown("seek_care", raw.seek_care),
            related_symptoms: ctx.ids("related_symptoms", raw.related_symptoms),
            related_supplements: ctx.ids("related_supplements", raw.related_supplements),
            source_locations: ctx.site_sources(&raw.sources),
            sources: raw.sources,
            extra: raw.extra,
        },
        errors,
    ))
}

pub fn parse_supplement(file: &SourceFile, labels: &Labels) -> Read<Supplement> {
    let (id, raw, ctx, mut errors) = read::<RawSupplement>(
        file,
        labels,
        "invalid supplement record",
        SUPPLEMENT_FIELDS,
        |r| &r.name,
    )?;
    ctx.check_sources(&raw.sources, &mut errors);
    // Reported here, where the file's text says which line holds the link; the catalog
    // leaves such a link out of the product links.
    for link in raw
        .links
        .iter()
        .filter(|l| crate::catalog::normalise_url(l).is_none())
    {
        errors.push(ctx.not_absolute(link, "product and collection links start with https://"));
    }
    Ok((
        Supplement {
            alias_locations: ctx.locs("aliases", &raw.aliases),
            id,
            path: file.path.clone(),
            name: raw.name.trim().to_string(),
            aliases: raw.aliases,
            summary: raw.summary.unwrap_or_default(),
            description: ctx.markdown("description", raw.description),
            forms: raw.forms,
            typical_dose: raw.typical_dose.unwrap_or_default(),
            upper_limit: raw.upper_limit.unwrap_or_default(),
            interactions: ctx.markdown(
                "interactions",
                raw.interactions.map(TextOrList::into_markdown),
            ),
            related_symptoms: ctx.ids("related_symptoms", raw.related_symptoms),
            links: raw.links,
            source_locations: ctx.site_sources(&raw.sources),
            sources: raw.sources,
            extra: raw.extra,
        },
        errors,
    ))
}

pub fn parse_person(file: &SourceFile, labels: &Labels) -> Read<Person> {
    let (id, raw, ctx, errors) =
        read::<RawPerson>(file, labels, "invalid person record", PERSON_FIELDS, |r| {
            &r.name
        })?;
    if let Some(link) = raw
        .links
        .iter()
        .find(|l| crate::catalog::normalise_url(l).is_none())
    {
        let d = ctx.not_absolute(
            link,
            "give the address of their page elsewhere, starting with https://",
        );
        return Err(and(&errors, d));
    }
    Ok((
        Person {
            id,
            path: file.path.clone(),
            name: raw.name.trim().to_string(),
            aliases: raw.aliases,
            credentials: raw.credentials.unwrap_or_default().trim().to_string(),
            job_title: raw.job_title.unwrap_or_default().trim().to_string(),
            bio: ctx.markdown("bio", raw.bio),
            links: raw.links,
            extra: raw.extra,
        },
        errors,
    ))
}
