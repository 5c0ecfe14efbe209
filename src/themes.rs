//! `vita themes`: the built-in themes listed, or one written out to customise.

use std::path::Path;

use crate::Failure;
use crate::diag::Diagnostic;
use crate::style::theme::{self, Theme};

/// Lists the themes (no name), or writes the named one into `out` (its `theme.toml` and the
/// layouts), or prints its file (no `out`). Returns what to print.
pub fn run(name: Option<&str>, out: Option<&Path>) -> Result<String, Failure> {
    let Some(name) = name else {
        let mut s = String::new();
        for n in theme::builtin_names() {
            let t = Theme::builtin(n).expect("listed");
            s.push_str(&format!("{n:<10} {}\n", t.description));
        }
        s.push_str("\nchoose one with `[design] theme = \"NAME\"`; `vita themes NAME --out DIR` writes one out to change\n");
        return Ok(s);
    };
    let text = Theme::builtin_text(name)
        .ok_or_else(|| Failure::input(vec![crate::style::unknown_theme(name)]))?;
    let Some(dir) = out else {
        return Ok(text.to_string());
    };
    let mut files: Vec<(&str, &str)> = vec![("theme.toml", text)];
    files.extend(crate::render::layouts::all().iter().copied());
    for (file, _) in &files {
        let path = dir.join(file);
        if path.exists() {
            return Err(Failure::input(vec![
                Diagnostic::error(format!("`{}` already exists", path.display()))
                    .hint("choose an empty folder; vita does not overwrite your files"),
            ]));
        }
    }
    for (file, body) in &files {
        crate::output::write_atomic(&dir.join(file), body.as_bytes()).map_err(Failure::other)?;
    }
    Ok(format!(
        "wrote the `{name}` theme to {0}: theme.toml and the layouts; use it with `[design] theme = \"{0}\"` in the profile, or `--theme {0}`\n",
        dir.display()
    ))
}
