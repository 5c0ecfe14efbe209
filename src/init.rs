//! `vita init`: a commented starting profile that builds as it is, from one of a few
//! templates, written into a folder without ever replacing a file there.

use std::path::{Path, PathBuf};

use crate::Failure;
use crate::diag::Diagnostic;

/// The kinds of starting profile.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Template {
    /// An academic: publications from a .bib file, talks, teaching, service.
    Academic,
    /// An engineer: experience with promotions, projects, certifications, languages.
    Industry,
    /// A few sections to fill in.
    Minimal,
}

/// The name of the JSON Schema file written beside the profile, for TOML editors.
pub const SCHEMA_FILE: &str = "profile.schema.json";

impl Template {
    /// The files of this template: name and text.
    pub fn files(self) -> Vec<(&'static str, String)> {
        let profile = match self {
            Template::Academic => include_str!("../templates/academic.toml"),
            Template::Industry => include_str!("../templates/industry.toml"),
            Template::Minimal => include_str!("../templates/minimal.toml"),
        };
        // Taplo and Even Better TOML read this first line to complete and check keys.
        let mut files = vec![
            (
                "profile.toml",
                format!("#:schema ./{SCHEMA_FILE}\n{profile}"),
            ),
            (SCHEMA_FILE, crate::schema::json()),
        ];
        if self == Template::Academic {
            files.push((
                "pubs.bib",
                include_str!("../templates/academic.bib").to_string(),
            ));
        }
        files
    }
}

/// Writes a template into `dir` (made when missing); returns the paths written. Nothing is
/// written when any of the files already exists.
pub fn init(dir: &Path, template: Template) -> Result<Vec<PathBuf>, Failure> {
    let files: Vec<(PathBuf, String)> = template
        .files()
        .into_iter()
        .map(|(name, text)| (dir.join(name), text))
        .collect();
    let taken: Vec<Diagnostic> = files
        .iter()
        .filter(|(path, _)| path.exists() || path.is_symlink())
        .map(|(path, _)| {
            Diagnostic::error(format!("`{}` already exists", path.display())).hint(
                "vita init never replaces a file: choose an empty folder (`vita init DIR`), or move the file away",
            )
        })
        .collect();
    if !taken.is_empty() {
        return Err(Failure::input(taken));
    }
    let bytes: Vec<(PathBuf, &[u8])> = files
        .iter()
        .map(|(p, t)| (p.clone(), t.as_bytes()))
        .collect();
    crate::output::write_all(&bytes).map_err(Failure::other)?;
    Ok(files.into_iter().map(|(p, _)| p).collect())
}
