//! Writes the default theme's search script into `OUT_DIR` as readers' browsers get it, for
//! `src/theme.rs` to embed: without its comments, indentation and the spaces between
//! tokens (the comments say why the code is as it is to whoever reads the theme, and the
//! spaces make it readable, while the served copy has a budget of 15 KB), once per
//! language search stems, each with its language's stemmer in place of the English one
//! (`src/search/stemmers/`).

use std::path::PathBuf;

/// The served script's name in `OUT_DIR` for each stemmer, and the stemmer's source; `None`
/// keeps the theme's own (English).
const VARIANTS: [(&str, Option<&str>); 7] = [
    ("search.js", None),
    ("search-fr.js", Some("src/search/stemmers/french.js")),
    ("search-de.js", Some("src/search/stemmers/german.js")),
    ("search-es.js", Some("src/search/stemmers/spanish.js")),
    ("search-it.js", Some("src/search/stemmers/italian.js")),
    ("search-pt.js", Some("src/search/stemmers/portuguese.js")),
    ("search-none.js", Some("src/search/stemmers/none.js")),
];

/// The first line of the stemmer in the theme's script, and the line after its last.
const STEMMER_START: &str = "function stem(w){";
const STEMMER_END: &str = "// End of the stemmer.";

/// Comments out, indentation off, and the spaces between tokens that need none: the
/// script has no multi-line string, template literal or block comment, so each line is
/// read on its own.
fn served(lines: &[&str]) -> String {
    let mut out = String::new();
    for line in lines {
        let line = squeeze(line.trim());
        if !line.is_empty() {
            out.push_str(&line);
            out.push('\n');
        }
    }
    out
}

/// Whether `c` can continue a name, a keyword or a number: two such characters keep the
/// space between them (`let x`, `else if`, `k in o`).
fn word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_' || c == '$' || !c.is_ascii()
}

/// One line of code without its comment, and without every space that does not separate
/// two word characters, or two `+` or two `-` (`a - -b` is not `a--b`). Strings and
/// regular expressions are copied as they are: a `/` starts a regular expression where a
/// value is expected (after an operator, an opening bracket, a comma or `return`), and
/// otherwise divides.
fn squeeze(line: &str) -> String {
    let chars: Vec<char> = line.chars().collect();
    let mut out = String::with_capacity(line.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        match c {
            '\'' | '"' => {
                let end = literal_end(&chars, i, c);
                out.extend(&chars[i..end]);
                i = end;
                continue;
            }
            '/' if chars.get(i + 1) == Some(&'/') => break,
            '/' if expects_value(&out) => {
                let end = regex_end(&chars, i);
                out.extend(&chars[i..end]);
                i = end;
                continue;
            }
            ' ' | '\t' => {
                let next = chars[i..].iter().find(|c| !matches!(c, ' ' | '\t'));
                let kept = match (out.chars().last(), next) {
                    (Some(a), Some(&b)) => {
                        (word_char(a) && word_char(b)) || (a == b && matches!(a, '+' | '-'))
                    }
                    _ => false,
                };
                if kept {
                    out.push(' ');
                }
                while matches!(chars.get(i), Some(' ' | '\t')) {
                    i += 1;
                }
                continue;
            }
            _ => out.push(c),
        }
        i += 1;
    }
    out.truncate(out.trim_end().len());
    out
}

/// Where the string opened by `quote` at `start` ends (just past its closing quote).
fn literal_end(chars: &[char], start: usize, quote: char) -> usize {
    let mut i = start + 1;
    while i < chars.len() {
        match chars[i] {
            '\\' => i += 2,
            c if c == quote => return i + 1,
            _ => i += 1,
        }
    }
    chars.len()
}

/// Where the regular expression at `start` ends (just past its closing `/`; its flags are
/// word characters, copied as code). A `/` inside `[...]` does not close it.
fn regex_end(chars: &[char], start: usize) -> usize {
    let mut i = start + 1;
    let mut class = false;
    while i < chars.len() {
        match chars[i] {
            '\\' => i += 1,
            '[' => class = true,
            ']' => class = false,
            '/' if !class => return i + 1,
            _ => {}
        }
        i += 1;
    }
    chars.len()
}

/// Whether a value, not an operator, comes next after `code`: a `/` there opens a regular
/// expression.
fn expects_value(code: &str) -> bool {
    let code = code.trim_end();
    match code.chars().last() {
        None => true,
        Some(c) if "(,=:[!&|?{};+-*%<>~^".contains(c) => true,
        Some(_) => code.ends_with("return") || code.ends_with("typeof"),
    }
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let source = "themes/default/static/search.js";
    println!("cargo::rerun-if-changed={source}");
    let text = std::fs::read_to_string(source)?;
    let lines: Vec<&str> = text.lines().collect();
    let start = lines
        .iter()
        .position(|l| l.starts_with(STEMMER_START))
        .ok_or("search.js has no line starting `function stem(w){`")?;
    let end = lines
        .iter()
        .position(|l| *l == STEMMER_END)
        .filter(|&end| end > start)
        .ok_or("search.js has no `// End of the stemmer.` line after its stemmer")?;
    let out = PathBuf::from(std::env::var_os("OUT_DIR").ok_or("cargo sets OUT_DIR")?);
    for (name, stemmer) in VARIANTS {
        let script = match stemmer {
            None => served(&lines),
            Some(path) => {
                println!("cargo::rerun-if-changed={path}");
                let own = std::fs::read_to_string(path)?;
                let mut replaced = lines[..start].to_vec();
                replaced.extend(own.lines());
                replaced.extend(&lines[end..]);
                served(&replaced)
            }
        };
        std::fs::write(out.join(name), script)?;
    }
    Ok(())
}
