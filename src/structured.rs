//! Reads YAML, TOML and JSON into typed structs, turning each parser's error into a
//! [`Diagnostic`] that points at the author's file (not at the parser's internal view of a
//! front-matter snippet) and says how to fix the problem.

use crate::diagnostics::{did_you_mean, Diagnostic, LineIndex};
use crate::load::forbidden_as_spaces;
use serde::de::{self, DeserializeOwned, Deserializer, SeqAccess, Visitor};
use serde::{Deserialize, Serialize};
use std::path::Path;

mod plain_yaml;
pub(crate) use plain_yaml::read_otherwise as yaml_reads_otherwise;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Yaml,
    Toml,
    Json,
}

impl Format {
    pub fn from_extension(ext: &str) -> Option<Format> {
        match ext.to_ascii_lowercase().as_str() {
            "yaml" | "yml" => Some(Format::Yaml),
            "toml" => Some(Format::Toml),
            "json" => Some(Format::Json),
            _ => None,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Format::Yaml => "YAML",
            Format::Toml => "TOML",
            Format::Json => "JSON",
        }
    }
}

/// A list of strings written as a list, or as one string of comma-separated items
/// (`tags: b12, nerves`, as the "Important Keywords" line is written), for fields of terms
/// and ids, which hold no commas.
pub fn comma_list<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Vec<String>, D::Error> {
    deserializer.deserialize_any(ListVisitor { split: true })
}

/// A list of strings written as a list, or as one string that is its only item (`authors:
/// Jane Doe, MD`): for fields whose items may hold commas.
pub fn one_or_more<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Vec<String>, D::Error> {
    deserializer.deserialize_any(ListVisitor { split: false })
}

struct ListVisitor {
    split: bool,
}

impl<'de> Visitor<'de> for ListVisitor {
    type Value = Vec<String>;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a sequence of strings, or a string")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Vec<String>, E> {
        let items: Vec<String> = if self.split {
            v.split(',').map(|i| i.trim().to_string()).collect()
        } else {
            vec![v.trim().to_string()]
        };
        Ok(items.into_iter().filter(|i| !i.is_empty()).collect())
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<String>, A::Error> {
        let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0));
        while let Some(item) = seq.next_element::<String>()? {
            items.push(item);
        }
        Ok(items)
    }

    // `tags:` with nothing after it, or `~`: no items.
    fn visit_unit<E: de::Error>(self) -> Result<Vec<String>, E> {
        Ok(Vec::new())
    }

    fn visit_none<E: de::Error>(self) -> Result<Vec<String>, E> {
        Ok(Vec::new())
    }
}

/// An `extra` table: fields of the author's own for a theme's templates (Zola's `extra`,
/// Hugo's `params`), which Materia passes on without reading. Always a table, so that a
/// template may test `extra.x` whether or not a page sets it.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Extra(serde_json::Map<String, serde_json::Value>);

impl<'de> Deserialize<'de> for Extra {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        match serde_json::Value::deserialize(deserializer)? {
            serde_json::Value::Object(map) => Ok(Extra(
                map.into_iter().map(|(k, v)| (k, plain_dates(v))).collect(),
            )),
            serde_json::Value::Null => Ok(Extra::default()),
            _ => Err(de::Error::custom(
                "invalid type: expected a table of `name: value` fields",
            )),
        }
    }
}

/// TOML's own dates arrive as a one-entry table (`{"$__toml_private_datetime": "…"}`);
/// templates get the text, as from YAML.
fn plain_dates(value: serde_json::Value) -> serde_json::Value {
    use serde_json::Value;
    match value {
        Value::Object(map) => {
            if map.len() == 1 {
                if let Some(Value::String(s)) = map.get("$__toml_private_datetime") {
                    return Value::String(s.clone());
                }
            }
            Value::Object(map.into_iter().map(|(k, v)| (k, plain_dates(v))).collect())
        }
        Value::Array(items) => Value::Array(items.into_iter().map(plain_dates).collect()),
        other => other,
    }
}

/// Where a snippet sits in its file, so parser positions can be shifted to file positions.
#[derive(Debug, Clone, Copy)]
pub struct Origin<'a> {
    pub file: &'a Path,
    /// Lines before the snippet's first line (1 for front matter after an opening `---`).
    pub line_offset: usize,
}

/// Deserializes `text`; on failure returns every problem it has (not just the first the
/// parser stops at), each located in the original file. `known_fields` feeds the "did you
/// mean" hint for misspelt keys.
pub fn parse<T: DeserializeOwned>(
    text: &str,
    format: Format,
    origin: Origin,
    what: &str,
    known_fields: &[&str],
) -> Result<T, Vec<Diagnostic>> {
    parse_recovering(text, format, origin, what, known_fields).map_err(|(problems, _)| problems)
}

/// A text's problems, and what its right fields make when they make one (boxed: it is
/// large beside the problems, and rare).
pub type Recovered<T> = (Vec<Diagnostic>, Option<Box<T>>);

/// [`parse`], and on failure, beside the problems, the text read without the fields that
/// are wrong on their own (a misspelt key, a bad date) when the rest makes a `T`: what a
/// build reads on with to find the problems that depend on the rest (an unknown id, a
/// broken link), so one run reports them too.
pub fn parse_recovering<T: DeserializeOwned>(
    text: &str,
    format: Format,
    origin: Origin,
    what: &str,
    known_fields: &[&str],
) -> Result<T, Recovered<T>> {
    let value = parse_as_written(text, format, origin, what, known_fields)?;
    // Nearly every text has no backslash, so no escape, and is read once.
    if text.contains('\\') {
        Ok(reread_clean(text, format).unwrap_or(value))
    } else {
        Ok(value)
    }
}

/// `T` read again from `text` with each character no page may hold
/// ([`crate::load::forbidden`]) written as a space, when an escape in a quoted string made
/// one (`"\u0007"`, YAML's `"\v"` or `"\N"`); `None` when none did. The load stage has
/// cleaned the characters typed into the file, but these exist only once parsed. A page or
/// feed holding one is refused by validators and feed readers. Unlike a pasted control
/// character, an escape can be seen in the file, so this goes without a warning.
fn reread_clean<T: DeserializeOwned>(text: &str, format: Format) -> Option<T> {
    match format {
        Format::Yaml => {
            let mut value: serde_yaml_ng::Value = serde_yaml_ng::from_str(text).ok()?;
            clean_yaml(&mut value)
                .then(|| serde_yaml_ng::from_value(value).ok())
                .flatten()
        }
        Format::Toml => {
            // The parser's own tree keeps the spans a `toml::Spanned` field reads.
            let mut table = toml::de::DeTable::parse(text).ok()?;
            clean_toml_table(table.get_mut())
                .then(|| T::deserialize(toml::de::Deserializer::from(table)).ok())
                .flatten()
        }
        Format::Json => {
            let mut value: serde_json::Value = serde_json::from_str(text).ok()?;
            clean_json(&mut value)
                .then(|| serde_json::from_value(value).ok())
                .flatten()
        }
    }
}

/// Writes each forbidden character of `s` as a space; whether there was one.
fn clean_string(s: &mut String) -> bool {
    forbidden_as_spaces(s).map(|clean| *s = clean).is_some()
}

fn clean_yaml(value: &mut serde_yaml_ng::Value) -> bool {
    use serde_yaml_ng::Value;
    match value {
        Value::String(s) => clean_string(s),
        Value::Sequence(items) => items.iter_mut().fold(false, |any, v| clean_yaml(v) | any),
        Value::Mapping(map) => {
            let mut any = false;
            *map = std::mem::take(map)
                .into_iter()
                .map(|(mut k, mut v)| {
                    any |= clean_yaml(&mut k) | clean_yaml(&mut v);
                    (k, v)
                })
                .collect();
            any
        }
        Value::Tagged(tagged) => clean_yaml(&mut tagged.value),
        Value::Null | Value::Bool(_) | Value::Number(_) => false,
    }
}

fn clean_toml_table(table: &mut toml::de::DeTable) -> bool {
    let mut any = false;
    *table = std::mem::take(table)
        .into_iter()
        .map(|(k, mut v)| {
            any |= clean_toml(v.get_mut());
            match forbidden_as_spaces(k.get_ref()) {
                Some(clean) => {
                    any = true;
                    (toml::Spanned::new(k.span(), clean.into()), v)
                }
                None => (k, v),
            }
        })
        .collect();
    any
}

fn clean_toml(value: &mut toml::de::DeValue) -> bool {
    use toml::de::DeValue;
    match value {
        DeValue::String(s) => match forbidden_as_spaces(s) {
            Some(clean) => {
                *s = clean.into();
                true
            }
            None => false,
        },
        DeValue::Array(items) => items
            .iter_mut()
            .fold(false, |any, v| clean_toml(v.get_mut()) | any),
        DeValue::Table(table) => clean_toml_table(table),
        DeValue::Integer(_) | DeValue::Float(_) | DeValue::Boolean(_) | DeValue::Datetime(_) => {
            false
        }
    }
}

fn clean_json(value: &mut serde_json::Value) -> bool {
    use serde_json::Value;
    match value {
        Value::String(s) => clean_string(s),
        Value::Array(items) => items.iter_mut().fold(false, |any, v| clean_json(v) | any),
        Value::Object(map) => {
            let mut any = false;
            *map = std::mem::take(map)
                .into_iter()
                .map(|(mut k, mut v)| {
                    any |= clean_string(&mut k) | clean_json(&mut v);
                    (k, v)
                })
                .collect();
            any
        }
        Value::Null | Value::Bool(_) | Value::Number(_) => false,
    }
}

/// How deep YAML's `[…]` and `{…}` may nest: far more than any front matter or record needs.
const MAX_FLOW_DEPTH: usize = 64;

/// The 1-based line and column of the bracket that nests `text`'s flow collections deeper
/// than [`MAX_FLOW_DEPTH`], if one does. Quoted strings and comments are skipped; a bracket
/// in a plain scalar counts too, which no text short of absurd notices.
fn too_deep(text: &str) -> Option<(usize, usize)> {
    let (mut line, mut col, mut depth) = (1, 0, 0usize);
    let mut quote: Option<char> = None;
    let mut comment = false;
    let mut before = '\n';
    for c in text.chars() {
        col += 1;
        match (quote, c) {
            (_, '\n') => {
                line += 1;
                col = 0;
                comment = false;
                // A quoted string may run over lines in YAML, but a bracket in the rest of
                // one is counted by none short of absurd.
                quote = None;
            }
            _ if comment => {}
            (Some(q), c) if c == q && !(q == '"' && before == '\\') => quote = None,
            (Some(_), _) => {}
            // A quote opens a string only where a value starts: "Don't" is plain text.
            (None, '"' | '\'') if before.is_whitespace() || "[{,:".contains(before) => {
                quote = Some(c)
            }
            (None, '#') if before.is_whitespace() => comment = true,
            (None, '[' | '{') => {
                depth += 1;
                if depth > MAX_FLOW_DEPTH {
                    return Some((line, col));
                }
            }
            (None, ']' | '}') => depth = depth.saturating_sub(1),
            _ => {}
        }
        before = if before == '\\' && c == '\\' { ' ' } else { c };
    }
    None
}

/// [`parse`] without the cleaning of escaped control characters.
fn parse_as_written<T: DeserializeOwned>(
    text: &str,
    format: Format,
    origin: Origin,
    what: &str,
    known_fields: &[&str],
) -> Result<T, Recovered<T>> {
    let (message, position) = match format {
        Format::Yaml => match plain_yaml::parse(text)
            .and_then(|value| serde_yaml_ng::from_value::<T>(value).ok())
        {
            Some(v) => return Ok(v),
            // Anything else, and every error, is the full parser's: but not a text nested
            // deeper than any front matter is, on which its scanner's time grows with the
            // square of the depth (8,000 levels took half a second, 20,000 four).
            None => match too_deep(text) {
                Some(at) => (
                    format!("the value is nested more than {MAX_FLOW_DEPTH} levels deep"),
                    Some(at),
                ),
                None => match serde_yaml_ng::from_str::<T>(text) {
                    Ok(v) => return Ok(v),
                    Err(e) => {
                        let pos = e.location().map(|l| (l.line(), l.column()));
                        // The parser finds an unclosed quote where the next field should
                        // be: pointed at where it opens.
                        let said = e.to_string();
                        let quoting = [
                            "did not find expected key",
                            "unexpected end of stream",
                            "quoted scalar",
                        ]
                        .iter()
                        .any(|m| said.contains(m));
                        match pos
                            .filter(|_| quoting)
                            .and_then(|(line, _)| unclosed_quote(text, line))
                        {
                            Some(at) => (UNCLOSED_QUOTE.to_string(), Some(at)),
                            None => (strip_position_suffix(&said), pos),
                        }
                    }
                },
            },
        },
        Format::Toml => match toml::from_str::<T>(text) {
            Ok(v) => return Ok(v),
            Err(e) => {
                let index = LineIndex::new(text);
                let pos = e.span().map(|s| index.position(s.start));
                (e.message().trim().to_string(), pos)
            }
        },
        Format::Json => match serde_json::from_str::<T>(text) {
            Ok(v) => return Ok(v),
            Err(e) => {
                let pos = (e.line() > 0).then(|| (e.line(), e.column()));
                (strip_position_suffix(&e.to_string()), pos)
            }
        },
    };
    let (line, col) = position.unwrap_or((1, 1));
    let problem = |message: &str, line: usize, col: usize| {
        Diagnostic::error(format!("{what}: {}", humanise(message, format)))
            .at(origin.file, line + origin.line_offset, col)
            .maybe_hint(hint_for(message, format, known_fields))
    };
    let fields = Fields::read(text, format);
    let first_key = fields
        .as_ref()
        .and_then(|f| f.key_at(text, format, (line, col)));
    let first = match set_twice(text, format, &message, line) {
        Some((key, earlier, (line, col))) => {
            Diagnostic::error(format!("{what}: `{key}` is set twice"))
                .at(origin.file, line + origin.line_offset, col)
                .hint(format!(
                    "keep one of the two: it is also set on line {}",
                    earlier + origin.line_offset
                ))
        }
        None => problem(&named(&message, first_key.as_deref()), line, col),
    };
    let mut all = vec![first];
    let mut recovered = None;
    // The parser stops at the first problem; an author with three misnamed fields should
    // not have to run the build three times to learn of them.
    if let Some(fields) = fields {
        let mut bad = Vec::new();
        for key in fields.keys() {
            if let Err(message) = fields.check_alone::<T>(&key) {
                let inside = match format {
                    Format::Toml => toml_table_problems::<T>(text, &key),
                    _ => Vec::new(),
                };
                if !inside.is_empty() {
                    for (message, line, col) in inside {
                        let found = problem(&message, line, col);
                        if !all.iter().any(|d| same_place(d, &found)) {
                            all.push(found);
                        }
                    }
                } else if Some(&key) != first_key.as_ref() {
                    let (line, key_col, value_col) =
                        key_position(text, format, &key).unwrap_or((1, 1, 1));
                    // Checked alone, a field's value errs without the field's name.
                    let (message, col) = if message.starts_with("unknown field") {
                        let own = backticked(&message) == Some(key.as_str());
                        (message, if own { key_col } else { value_col })
                    } else {
                        (format!("{key}: {message}"), value_col)
                    };
                    all.push(problem(&message, line, col));
                }
                bad.push(key);
            }
        }
        // What is wrong with the fields together (a required one missing), once the ones
        // wrong alone are set aside.
        if !bad.is_empty() {
            match fields.read_without::<T>(&bad) {
                Ok(rest) => recovered = Some(Box::new(rest)),
                Err(message) => {
                    let extra = problem(&message, 1, 1);
                    if !all.iter().any(|d| d.message == extra.message) {
                        all.push(extra);
                    }
                }
            }
        }
    }
    Err((all, recovered))
}

/// Whether two problems are one: the same message at the same place.
fn same_place(a: &Diagnostic, b: &Diagnostic) -> bool {
    a.message == b.message
        && a.location.as_ref().map(|l| (l.line, l.col))
            == b.location.as_ref().map(|l| (l.line, l.col))
}

/// The problems of the TOML table `key` (`[linking]`), its fields checked one at a time,
/// each as its message (the value's named `key.field: …`) and 1-based line and column:
/// checked whole, a table showed only its first problem, placed at its header. Empty when
/// `key` is no table, or no field of it is wrong alone. The parser's own tree keeps the
/// spans, so each problem is placed where it is written.
fn toml_table_problems<T: DeserializeOwned>(text: &str, key: &str) -> Vec<(String, usize, usize)> {
    use toml::de::{DeTable, DeValue};
    let Ok(doc) = DeTable::parse(text) else {
        return Vec::new();
    };
    let whole = doc.span();
    let Some((name, value)) = doc.get_ref().iter().find(|(k, _)| k.get_ref() == key) else {
        return Vec::new();
    };
    let DeValue::Table(table) = value.get_ref() else {
        return Vec::new();
    };
    let index = LineIndex::new(text);
    let mut problems = Vec::new();
    for (field, field_value) in table.iter() {
        let mut one = DeTable::new();
        one.insert(field.clone(), field_value.clone());
        let mut top = DeTable::new();
        top.insert(
            name.clone(),
            toml::Spanned::new(value.span(), DeValue::Table(one)),
        );
        let read = T::deserialize(toml::de::Deserializer::from(toml::Spanned::new(
            whole.clone(),
            top,
        )));
        let Err(e) = read else { continue };
        let message = e.message().trim();
        if message.contains("missing field") {
            continue;
        }
        let (message, at) = if message.starts_with("unknown field") {
            (message.to_string(), field.span().start)
        } else {
            let at = e.span().map_or(field_value.span().start, |s| s.start);
            (format!("{key}.{}: {message}", field.get_ref()), at)
        };
        let (line, col) = index.position(at);
        problems.push((message, line, col));
    }
    problems
}

/// A parser's message about a field's value, with the field's name before it where the
/// parser left it out (TOML's and JSON's do, YAML's names it): "date: invalid type:
/// integer `5`", as for the fields checked alone.
fn named(message: &str, key: Option<&str>) -> String {
    match key {
        Some(key)
            if !message.starts_with(key)
                && !["unknown field", "missing field", "duplicate"]
                    .iter()
                    .any(|m| message.starts_with(m)) =>
        {
            format!("{key}: {message}")
        }
        _ => message.to_string(),
    }
}

/// A text's top-level fields, read without their types, for checking one at a time.
enum Fields {
    Yaml(serde_yaml_ng::Mapping),
    Toml(toml::Table),
    Json(serde_json::Map<String, serde_json::Value>),
}

impl Fields {
    fn read(text: &str, format: Format) -> Option<Fields> {
        match format {
            // Not read again where the parser was spared it (see `too_deep`).
            Format::Yaml if too_deep(text).is_some() => None,
            Format::Yaml => match serde_yaml_ng::from_str(text).ok()? {
                serde_yaml_ng::Value::Mapping(m) => Some(Fields::Yaml(m)),
                _ => None,
            },
            Format::Toml => toml::from_str(text).ok().map(Fields::Toml),
            Format::Json => match serde_json::from_str(text).ok()? {
                serde_json::Value::Object(m) => Some(Fields::Json(m)),
                _ => None,
            },
        }
    }

    /// The names of the fields, in the order written (TOML's in name order).
    fn keys(&self) -> Vec<String> {
        match self {
            Fields::Yaml(m) => m
                .keys()
                .filter_map(|k| k.as_str().map(str::to_string))
                .collect(),
            Fields::Toml(t) => t.keys().cloned().collect(),
            Fields::Json(m) => m.keys().cloned().collect(),
        }
    }

    /// The fields whose names `keep` accepts, as a `T`: its error message if that fails.
    fn subset<T: DeserializeOwned>(&self, keep: impl Fn(&str) -> bool) -> Result<T, String> {
        match self {
            Fields::Yaml(m) => {
                let part: serde_yaml_ng::Mapping = m
                    .iter()
                    .filter(|(k, _)| k.as_str().is_some_and(&keep))
                    .map(|(k, v)| (k.clone(), v.clone()))
                    .collect();
                serde_yaml_ng::from_value::<T>(serde_yaml_ng::Value::Mapping(part))
                    .map_err(|e| strip_position_suffix(&e.to_string()))
            }
            Fields::Toml(t) => {
                let part: toml::Table = t
                    .iter()
                    .filter(|(k, _)| keep(k))
                    .map(|(k, v)| (k.clone(), v.clone()))
                    .collect();
                toml::Value::Table(part)
                    .try_into::<T>()
                    .map_err(|e| e.message().trim().to_string())
            }
            Fields::Json(m) => {
                let part: serde_json::Map<String, serde_json::Value> = m
                    .iter()
                    .filter(|(k, _)| keep(k))
                    .map(|(k, v)| (k.clone(), v.clone()))
                    .collect();
                serde_json::from_value::<T>(serde_json::Value::Object(part))
                    .map_err(|e| strip_position_suffix(&e.to_string()))
            }
        }
    }

    /// The field `key` alone: its problem, if it has one of its own (a missing field is
    /// the others' absence, not its problem).
    fn check_alone<T: DeserializeOwned>(&self, key: &str) -> Result<(), String> {
        match self.subset::<T>(|k| k == key) {
            Err(message) if !message.contains("missing field") => Err(message),
            _ => Ok(()),
        }
    }

    fn read_without<T: DeserializeOwned>(&self, skip: &[String]) -> Result<T, String> {
        self.subset::<T>(|k| !skip.iter().any(|s| s == k))
    }

    /// The field written last before `(line, col)` (1-based, in `text`): the one a problem
    /// the parser found there belongs to (a JSON record may set them all on one line).
    fn key_at(&self, text: &str, format: Format, (line, col): (usize, usize)) -> Option<String> {
        self.keys()
            .into_iter()
            .filter_map(|k| {
                let (at, key_col, _) = key_position(text, format, &k)?;
                Some(((at, key_col), k))
            })
            .filter(|(at, _)| *at <= (line, col))
            .max_by_key(|(at, _)| *at)
            .map(|(_, k)| k)
    }
}

/// Where the top-level field `key` is set in `text`: the 1-based line, the column of the
/// key, and the column of its value (the key's when the value starts on a later line).
fn key_position(text: &str, format: Format, key: &str) -> Option<(usize, usize, usize)> {
    key_positions(text, format, key).next()
}

/// A key set twice, at the top level: its name, the line that sets it first and where the
/// second sets it (line and column in `text`). YAML's parser points at the mapping the key
/// is in rather than at the second, and TOML's does not name the key; `line` is where the
/// parser points.
fn set_twice(
    text: &str,
    format: Format,
    message: &str,
    line: usize,
) -> Option<(String, usize, (usize, usize))> {
    let key = if message.starts_with("duplicate field") {
        backticked(message)?.to_string()
    } else if format == Format::Toml && message == "duplicate key" {
        let at = text.lines().nth(line.checked_sub(1)?)?;
        at.split_once('=')?
            .0
            .trim()
            .trim_matches(['"', '\''])
            .to_string()
    } else {
        return None;
    };
    let mut sets = key_positions(text, format, &key);
    let (first, ..) = sets.next()?;
    let (second, col, _) = sets.next()?;
    drop(sets);
    // JSON's and TOML's parsers point at the second: a nested key of the same name found
    // instead is not it.
    if format != Format::Yaml && second != line {
        return None;
    }
    Some((key, first, (second, col)))
}

/// Every place [`key_position`] could name, in order.
fn key_positions<'a>(
    text: &'a str,
    format: Format,
    key: &'a str,
) -> Box<dyn Iterator<Item = (usize, usize, usize)> + 'a> {
    if format == Format::Json {
        // JSON is read as a whole: a record may be one line, and a nested object's keys
        // may be on lines of their own.
        return Box::new(
            json_keys(text)
                .into_iter()
                .filter(move |(k, ..)| k == key)
                .map(|(_, line, key_col, value_col)| (line, key_col, value_col)),
        );
    }
    let mut in_table = false;
    Box::new(text.lines().enumerate().filter_map(move |(i, line)| {
        let trimmed = line.trim_start();
        let indent = line.len() - trimmed.len();
        if format == Format::Toml && trimmed.starts_with('[') {
            let name = trimmed.trim_start_matches('[');
            let name = name
                .split([']', '.'])
                .next()
                .unwrap_or("")
                .trim()
                .trim_matches('"');
            if name == key {
                return Some((i + 1, indent + 1, indent + 1));
            }
            in_table = true;
            return None;
        }
        let top_level = match format {
            Format::Yaml => indent == 0,
            _ => !in_table,
        };
        if !top_level {
            return None;
        }
        let quoted = trimmed.strip_prefix(['"', '\'']);
        let after = match quoted {
            Some(q) => q
                .strip_prefix(key)
                .and_then(|r| r.strip_prefix(['"', '\''])),
            None => trimmed.strip_prefix(key),
        }?;
        let value = after.trim_start().strip_prefix([':', '='])?;
        let value_start = line.len() - value.trim_start().len();
        let key_col = line[..indent].chars().count() + 1;
        if value.trim().is_empty() {
            return Some((i + 1, key_col, key_col));
        }
        Some((i + 1, key_col, line[..value_start].chars().count() + 1))
    }))
}

/// The keys of a JSON text's top-level object, in order, each with its line, the column of
/// its opening quote and the column of its value (the key's when the value starts on a
/// later line), 1-based and counted in characters. Escapes in keys are kept as written.
fn json_keys(text: &str) -> Vec<(String, usize, usize, usize)> {
    let mut keys = Vec::new();
    let (mut line, mut col, mut depth) = (1, 0, 0usize);
    // A string just read at the top level, and a key whose `:` has been seen.
    let mut string: Option<(String, usize, usize)> = None;
    let mut key: Option<(String, usize, usize)> = None;
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        col += 1;
        if c == '\n' {
            (line, col) = (line + 1, 0);
            continue;
        }
        if c.is_whitespace() {
            continue;
        }
        if let Some((name, at_line, key_col)) = key.take() {
            let value_col = if at_line == line { col } else { key_col };
            keys.push((name, at_line, key_col, value_col));
        }
        match c {
            '"' => {
                let (at_line, at_col) = (line, col);
                let mut read = String::new();
                let mut escaped = false;
                for c in chars.by_ref() {
                    col += 1;
                    if c == '\n' {
                        (line, col) = (line + 1, 0);
                    }
                    match (escaped, c) {
                        (false, '"') => break,
                        (false, '\\') => escaped = true,
                        _ => escaped = false,
                    }
                    read.push(c);
                }
                string = (depth == 1).then_some((read, at_line, at_col));
            }
            ':' if depth == 1 => key = string.take(),
            '{' | '[' => depth += 1,
            '}' | ']' => depth = depth.saturating_sub(1),
            _ => string = None,
        }
    }
    keys
}

/// serde_yaml and serde_json mention " at line L column C" counted from the start of the
/// snippet, which would contradict our own `-->` location in the file, so it goes.
fn strip_position_suffix(message: &str) -> String {
    let mut out = message.to_string();
    while let Some(i) = out.find(" at line ") {
        let rest = &out[i + " at line ".len()..];
        let digits = rest.chars().take_while(char::is_ascii_digit).count();
        let after = &rest[digits..];
        let Some(col) = after.strip_prefix(" column ") else {
            break;
        };
        let col_digits = col.chars().take_while(char::is_ascii_digit).count();
        let tail = col[col_digits..].to_string();
        out.truncate(i);
        out.push_str(&tail);
    }
    out
}

fn is_date_problem(message: &str) -> bool {
    message.contains("YYYY-MM-DD")
        || message.contains("has no month")
        || message.contains("has no day")
}

/// The message without a leading `field.path: ` that serde_yaml puts before type errors.
fn core(message: &str) -> &str {
    match message.split_once(": ") {
        Some((path, rest))
            if !path.is_empty()
                && path
                    .chars()
                    .all(|c| c.is_alphanumeric() || "_.[]".contains(c)) =>
        {
            rest
        }
        _ => message,
    }
}

fn humanise(message: &str, format: Format) -> String {
    // serde names our Rust structs ("expected struct RawSymptom"); authors know them as
    // "fields".
    let message = &match message.find("expected struct ") {
        Some(i) => format!("{}expected `name: value` fields", &message[..i]),
        None => message.to_string(),
    };
    // Counts (`paginate_by`, `review_interval_days`) are Rust's unsigned integers.
    let message = &["usize", "u32", "u64"]
        .iter()
        .fold(message.clone(), |m, t| {
            m.replace(
                &format!("expected {t}"),
                "expected a whole number, 0 or more",
            )
        });
    let inner = core(message);
    if ["invalid type", "invalid value", "missing field"]
        .iter()
        .any(|p| inner.starts_with(p))
    {
        return message.to_string();
    }
    if message.starts_with("unknown field") {
        // Drop serde's long "expected one of …" list; the hint names the right field.
        return message
            .split(", expected")
            .next()
            .unwrap_or(message)
            .to_string();
    }
    if message.starts_with("invalid type")
        || message.starts_with("missing field")
        || is_date_problem(message)
    {
        return message.to_string();
    }
    format!("invalid {}: {message}", format.name())
}

fn backticked(message: &str) -> Option<&str> {
    let start = message.find('`')? + 1;
    let len = message[start..].find('`')?;
    Some(&message[start..start + len])
}

/// The fields serde names as allowed where it found an unknown one: those of the table or
/// mapping the field is in, which for a nested table (`[search]` of `site.toml`) are not
/// the file's own.
fn expected_fields(message: &str) -> Option<Vec<&str>> {
    let (_, list) = message.split_once(", expected ")?;
    let list = list.strip_prefix("one of ").unwrap_or(list);
    // "`a`", "`a` or `b`", "one of `a`, `b`, `c`".
    let fields: Vec<&str> = list
        .split(", ")
        .flat_map(|f| f.split(" or "))
        .filter_map(|f| f.trim().strip_prefix('`')?.strip_suffix('`'))
        .collect();
    (!fields.is_empty()).then_some(fields)
}

fn hint_for(message: &str, format: Format, known_fields: &[&str]) -> Option<String> {
    if message.starts_with("unknown field") {
        let field = backticked(message)?;
        let allowed = expected_fields(message).unwrap_or_else(|| known_fields.to_vec());
        return Some(match did_you_mean(field, allowed.iter().copied()) {
            Some(best) => format!("did you mean `{best}`?"),
            None => format!(
                "remove `{field}`; the fields allowed here are: {}",
                allowed.join(", ")
            ),
        });
    }
    if message.starts_with("missing field") {
        let field = backticked(message)?;
        let example = match format {
            Format::Yaml => format!("{field}: …"),
            Format::Toml => format!("{field} = \"…\""),
            Format::Json => format!("\"{field}\": \"…\""),
        };
        return Some(format!("add the required field `{example}`"));
    }
    if message.contains("invalid type") && message.contains("expected a string") {
        return Some(
            "write the value as plain text; quote it if it starts with `[`, `{` or contains `: `"
                .into(),
        );
    }
    if message.contains("expected a sequence") {
        return Some(match format {
            Format::Yaml => "write a list, for example `[a, b]` or one `- item` per line".into(),
            Format::Toml => "write a list, for example `[\"a\", \"b\"]`".into(),
            Format::Json => "write a list, for example `[\"a\", \"b\"]`".into(),
        });
    }
    if message.contains("expected a date") || is_date_problem(message) {
        return Some("write dates as YYYY-MM-DD, for example 2024-05-01".into());
    }
    if message.contains("expected a boolean") {
        return Some("write `true` or `false`".into());
    }
    if ["usize", "u32", "u64"]
        .iter()
        .any(|t| message.ends_with(&format!("expected {t}")))
    {
        return Some("write a number without quotes or a decimal point, like `50`".into());
    }
    if message == UNCLOSED_QUOTE {
        return Some("close it with `\"` at the end of the value".into());
    }
    if matches!(format, Format::Yaml) && message.contains("mapping values are not allowed") {
        return Some("a value containing `: ` must be quoted: `title: \"Q: why?\"`".into());
    }
    syntax_hint(message, format).map(str::to_string)
}

/// The problem [`unclosed_quote`] finds, which [`hint_for`] knows.
const UNCLOSED_QUOTE: &str = "this quote is not closed";

/// The line and column of the last double quote on lines `..=upto` (1-based) that opens a
/// value and is not closed on its line (`body_system: "Nervous system`), if there is one.
fn unclosed_quote(text: &str, upto: usize) -> Option<(usize, usize)> {
    text.lines()
        .take(upto)
        .enumerate()
        .filter_map(|(i, line)| {
            let value = line.split_once(": ").map_or_else(
                || line.trim_start().strip_prefix("- ").unwrap_or(""),
                |(_, value)| value,
            );
            let value = value.trim_start();
            let open = value.strip_prefix('"')?;
            // Closed where a quote not escaped by a backslash follows.
            let mut escaped = false;
            let closed = open.chars().any(|c| {
                let ends = c == '"' && !escaped;
                escaped = c == '\\' && !escaped;
                ends
            });
            (!closed).then(|| {
                let byte = line.len() - value.len();
                (i + 1, line[..byte].chars().count() + 1)
            })
        })
        .last()
}

/// How to mend the syntax errors people make most in each format.
fn syntax_hint(message: &str, format: Format) -> Option<&'static str> {
    let hints: &[(&str, &str)] = match format {
        Format::Yaml => &[
            ("tab character", "indent with spaces, not tabs"),
            ("found character that cannot start any token", "indent with spaces, not tabs, and quote a value that starts with `@`, `` ` `` or `%`"),
            ("did not find expected key", "give each field its own line, indented as the one before it, and close every quote and bracket you open"),
            ("did not find expected ',' or ']'", "close the list with `]`, its items apart by commas; quote an item that holds a comma"),
            ("did not find expected ',' or '}'", "close the table with `}`, its fields apart by commas"),
            ("found unexpected end of stream", "close every quote and bracket you open"),
            ("found unknown escape character", "in double quotes a `\\` starts an escape: write `\\\\`, or use single quotes"),
            ("block sequence entries are not allowed", "start a list on the line after its key, each item as `- item`"),
        ],
        Format::Json => &[
            ("key must be a string", "put every key in double quotes: `\"name\": …`"),
            ("trailing comma", "remove the comma after the last item"),
            ("expected `,` or `}`", "put a comma between two fields, and close every `{` with `}`"),
            ("expected `,` or `]`", "put a comma between two items, and close every `[` with `]`"),
            ("expected `:`", "write each field as `\"key\": value`"),
            ("EOF while parsing", "close every `{`, `[` and `\"` you open"),
            ("expected value", "write text in double quotes, a list as `[…]`, and no comment: JSON has none"),
            ("control character", "write a line break inside a text as `\\n`"),
        ],
        Format::Toml => &[
            ("basic string", "close the quote, and write a `\\` in double quotes as `\\\\`"),
            ("literal string", "close the quote"),
            ("expected newline", "put each `key = value` on a line of its own, and quote text values"),
            ("invalid key", "write each field as `key = value`, text in double quotes"),
            ("duplicate key", "keep one of the two"),
        ],
    };
    hints
        .iter()
        .find(|(said, _)| message.contains(said))
        .map(|(_, hint)| *hint)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Rec {
        name: String,
        #[serde(default)]
        aliases: Vec<String>,
    }

    /// Brackets nest flow collections, but not inside quoted strings or comments, and an
    /// apostrophe in plain text opens no string.
    #[test]
    fn flow_nesting_is_measured_outside_strings_and_comments() {
        let deep = |n: usize| format!("x: {}1{}\n", "[".repeat(n), "]".repeat(n));
        assert_eq!(too_deep(&deep(MAX_FLOW_DEPTH)), None);
        assert_eq!(
            too_deep(&deep(MAX_FLOW_DEPTH + 1)),
            Some((1, 4 + MAX_FLOW_DEPTH))
        );
        let b = "[".repeat(MAX_FLOW_DEPTH + 1);
        for fine in [
            format!("x: \"{b}\"\n"),
            format!("x: '{b}'\n"),
            format!("x: \"a \\\" {b}\"\n"),
            format!("x: 1 # {b}\n"),
        ] {
            assert_eq!(too_deep(&fine), None, "{fine}");
        }
        let text = format!(
            "title: Don't stop\ny: {}\n",
            "{a: ".repeat(MAX_FLOW_DEPTH + 1)
        );
        assert_eq!(too_deep(&text), Some((2, 4 + 4 * MAX_FLOW_DEPTH)));
    }

    fn origin() -> Origin<'static> {
        Origin {
            file: Path::new("x.yaml"),
            line_offset: 1,
        }
    }

    #[test]
    fn unknown_field_gets_a_suggestion_and_position() {
        let err = parse::<Rec>(
            "name: a\nalias: [b]\n",
            Format::Yaml,
            origin(),
            "bad",
            &["name", "aliases"],
        )
        .err()
        .and_then(|all| all.into_iter().next())
        .map(|d| (d.message, d.location.map(|l| l.line), d.hint));
        assert_eq!(
            err,
            Some((
                "bad: unknown field `alias`".to_string(),
                Some(3),
                Some("did you mean `aliases`?".to_string())
            ))
        );
    }

    #[test]
    fn toml_and_json_report_positions() {
        let toml_err = parse::<Rec>(
            "name = \"a\"\nnmae = 1\n",
            Format::Toml,
            origin(),
            "bad",
            &["name"],
        );
        assert_eq!(
            toml_err
                .err()
                .and_then(|d| d.into_iter().next()?.location)
                .map(|l| l.line),
            Some(3)
        );
        let json_err = parse::<Rec>("{\n\"name\": 3}", Format::Json, origin(), "bad", &["name"]);
        assert_eq!(
            json_err
                .err()
                .and_then(|d| d.into_iter().next()?.location)
                .map(|l| l.line),
            Some(3)
        );
    }

    /// A syntax error says how to mend it; an unclosed quote is pointed at where it opens,
    /// not at the next field, where the parser notices it.
    #[test]
    fn syntax_errors_have_hints_and_an_open_quote_its_place() {
        let first = |text: &str, format: Format| {
            let d = parse::<Rec>(text, format, origin(), "bad", &["name", "aliases"]).err();
            d.and_then(|d| d.into_iter().next())
                .map(|d| (d.message, d.location.map(|l| (l.line, l.col)), d.hint))
        };
        let (message, at, hint) =
            first("name: \"Numb\naliases: [a]\n", Format::Yaml).unwrap_or_default();
        assert_eq!(message, "bad: invalid YAML: this quote is not closed");
        assert_eq!(at, Some((2, 7)));
        assert_eq!(
            hint.as_deref(),
            Some("close it with `\"` at the end of the value")
        );
        for (text, format, said) in [
            ("{\"name\": \"A\",}", Format::Json, "remove the comma"),
            (
                "{name: \"A\"}",
                Format::Json,
                "put every key in double quotes",
            ),
            (
                "{\"name\": \"A\" \"aliases\": []}",
                Format::Json,
                "put a comma between two fields",
            ),
            ("name: A\n\taliases: [a]\n", Format::Yaml, "not tabs"),
            ("name = \"A\n", Format::Toml, "close the quote"),
            (
                "name = \"A\" aliases = []\n",
                Format::Toml,
                "on a line of its own",
            ),
        ] {
            let (_, _, hint) = first(text, format).unwrap_or_default();
            assert!(hint.unwrap_or_default().contains(said), "{text}");
        }
    }

    #[test]
    fn missing_field_hint() {
        let d = parse::<Rec>("aliases: []\n", Format::Yaml, origin(), "bad", &["name"]).err();
        assert_eq!(
            d.and_then(|d| d.into_iter().next()?.hint),
            Some("add the required field `name: …`".to_string())
        );
    }

    /// Where a field is set, to point at it when it is not the parser's first problem: the
    /// key's column and its value's, top-level keys only (not a nested table's or list's).
    #[test]
    fn finds_top_level_fields_in_each_format() {
        let yaml = "name: a\nsources:\n  - title: t\n'title': x\ndesc:   y\n";
        let json = "{\"name\": \"X\", \"sources\": [{\"name\": \"S\"}],\n  \"aliases\":\n    5}";
        assert_eq!(key_position(json, Format::Json, "name"), Some((1, 2, 10)));
        assert_eq!(
            key_position(json, Format::Json, "sources"),
            Some((1, 15, 26))
        );
        assert_eq!(key_position(json, Format::Json, "aliases"), Some((2, 3, 3)));
        assert_eq!(key_positions(json, Format::Json, "name").count(), 1);
        assert_eq!(key_position(yaml, Format::Yaml, "name"), Some((1, 1, 7)));
        assert_eq!(key_position(yaml, Format::Yaml, "sources"), Some((2, 1, 1)));
        assert_eq!(key_position(yaml, Format::Yaml, "title"), Some((4, 1, 10)));
        assert_eq!(key_position(yaml, Format::Yaml, "desc"), Some((5, 1, 9)));
        let toml = "title = \"t\"\n[linking]\nexclude = []\n[[sources]]\ntitle = \"s\"\n";
        assert_eq!(key_position(toml, Format::Toml, "title"), Some((1, 1, 9)));
        assert_eq!(key_position(toml, Format::Toml, "linking"), Some((2, 1, 1)));
        assert_eq!(key_position(toml, Format::Toml, "exclude"), None);
        assert_eq!(key_position(toml, Format::Toml, "sources"), Some((4, 1, 1)));
        let json = "{\n  \"name\": \"a\",\n  \"forms\": []\n}";
        assert_eq!(key_position(json, Format::Json, "forms"), Some((3, 3, 12)));
    }

    /// A list written as one string: split at commas for terms and ids, whole for names.
    #[test]
    fn a_list_may_be_one_string() {
        #[derive(Debug, Deserialize)]
        struct L {
            #[serde(default, deserialize_with = "comma_list")]
            tags: Vec<String>,
            #[serde(default, deserialize_with = "one_or_more")]
            authors: Vec<String>,
        }
        let read = |text: &str| {
            parse::<L>(text, Format::Yaml, origin(), "bad", &[])
                .map(|l| (l.tags, l.authors))
                .map_err(|e| e.into_iter().map(|d| d.message).collect::<Vec<_>>())
        };
        let v = |items: &[&str]| items.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(
            read("tags: a, b ,, c\nauthors: Jane Doe, MD\n"),
            Ok((v(&["a", "b", "c"]), v(&["Jane Doe, MD"])))
        );
        assert_eq!(
            read("tags: [a, b]\nauthors: ~\n"),
            Ok((v(&["a", "b"]), v(&[])))
        );
        assert_eq!(read("tags: \"\"\n"), Ok((v(&[]), v(&[]))));
        assert!(read("tags: 3\n").is_err());
        assert!(read("tags: [a, [b]]\n").is_err());
    }
}
