//! Writes the default theme's search script into `OUT_DIR` as readers' browsers get it, for
//! `src/theme.rs` to embed: without its comment lines and indentation (they say why the
//! code is as it is to whoever reads the theme, while the served copy has a budget of
//! 15 KB), once per language search stems, each with its language's stemmer in place of
//! the English one (`src/search/stemmers/`).

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

/// Whole-line comments out, indentation off: the script has no multi-line string or
/// template literal whose lines either would change, and a comment after code stays.
fn served(lines: &[&str]) -> String {
    lines
        .iter()
        .map(|line| line.trim_start())
        .filter(|line| !line.starts_with("//"))
        .flat_map(|line| [line, "\n"])
        .collect()
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
