//! Reads YAML, TOML and JSON into typed structs, turning each parser's error into a
//! [`Diagnostic`] that points at the author's file (not at the parser's internal view of a
//! front-matter snippet) and says how to fix the problem.

use crate::diagnostics::{did_you_mean, Diagnostic, LineIndex};
use serde::de::DeserializeOwned;
use std::path::Path;

mod plain_yaml;

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

/// Where a snippet sits in its file, so parser positions can be shifted to file positions.
#[derive(Debug, Clone, Copy)]
pub struct Origin<'a> {
    pub file: &'a Path,
    /// Lines before the snippet's first line (1 for front matter after an opening `---`).
    pub line_offset: usize,
}

/// Deserializes `text`; on failure returns a diagnostic located in the original file.
/// `known_fields` feeds the "did you mean" hint for misspelt keys.
pub fn parse<T: DeserializeOwned>(
    text: &str,
    format: Format,
    origin: Origin,
    what: &str,
    known_fields: &[&str],
) -> Result<T, Diagnostic> {
    let (message, position) = match format {
        Format::Yaml => match plain_yaml::parse(text)
            .and_then(|value| serde_yaml_ng::from_value::<T>(value).ok())
        {
            Some(v) => return Ok(v),
            // Anything else, and every error, is the full parser's.
            None => match serde_yaml_ng::from_str::<T>(text) {
                Ok(v) => return Ok(v),
                Err(e) => {
                    let pos = e.location().map(|l| (l.line(), l.column()));
                    (strip_position_suffix(&e.to_string()), pos)
                }
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
    let hint = hint_for(&message, format, known_fields);
    Err(
        Diagnostic::error(format!("{what}: {}", humanise(&message, format)))
            .at(origin.file, line + origin.line_offset, col)
            .maybe_hint(hint),
    )
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
    if inner.starts_with("invalid type") || inner.starts_with("missing field") {
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
    if matches!(format, Format::Yaml) && message.contains("mapping values are not allowed") {
        return Some("a value containing `: ` must be quoted: `title: \"Q: why?\"`".into());
    }
    None
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
            toml_err.err().and_then(|d| d.location).map(|l| l.line),
            Some(3)
        );
        let json_err = parse::<Rec>("{\n\"name\": 3}", Format::Json, origin(), "bad", &["name"]);
        assert_eq!(
            json_err.err().and_then(|d| d.location).map(|l| l.line),
            Some(3)
        );
    }

    #[test]
    fn missing_field_hint() {
        let d = parse::<Rec>("aliases: []\n", Format::Yaml, origin(), "bad", &["name"]).err();
        assert_eq!(
            d.and_then(|d| d.hint),
            Some("add the required field `name: …`".to_string())
        );
    }
}
