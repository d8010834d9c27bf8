//! Writes the default theme's search script into `OUT_DIR` without its comment lines, for
//! `src/theme.rs` to embed: the comments say why the code is as it is to whoever reads the
//! theme, while the copy readers' browsers fetch has a budget of 15 KB.

use std::path::PathBuf;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let source = "themes/default/static/search.js";
    println!("cargo::rerun-if-changed={source}");
    let text = std::fs::read_to_string(source)?;
    // Whole-line comments only: the script has no multi-line string a line of which could
    // start with `//`, and a comment after code stays.
    let served: String = text
        .lines()
        .filter(|line| !line.trim_start().starts_with("//"))
        .flat_map(|line| [line, "\n"])
        .collect();
    let out = PathBuf::from(std::env::var_os("OUT_DIR").ok_or("cargo sets OUT_DIR")?);
    std::fs::write(out.join("search.js"), served)?;
    Ok(())
}
