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
    /// A few sections in two languages (`--lang en,zh-Hans`), and a resume and CV in each.
    Bilingual,
}

/// The name of the JSON Schema file written beside the profile, for TOML editors.
pub const SCHEMA_FILE: &str = "profile.schema.json";

/// The languages of the bilingual template when `--lang` does not name them.
pub const BILINGUAL: [&str; 2] = ["en", "zh-Hans"];

impl Template {
    /// The files of this template: name and text. `langs` are the bilingual template's two
    /// languages (built-in tags).
    pub fn files(self, langs: [&str; 2]) -> Vec<(&'static str, String)> {
        let profile = match self {
            Template::Academic => include_str!("../templates/academic.toml").to_string(),
            Template::Industry => include_str!("../templates/industry.toml").to_string(),
            Template::Minimal => include_str!("../templates/minimal.toml").to_string(),
            Template::Bilingual => bilingual(langs),
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

/// The bilingual template in two languages: its tables of languages keyed by their tags, the
/// second language's sample text marked `[tag]` (and the first's too, unless it is English).
fn bilingual([a, b]: [&str; 2]) -> String {
    let mark = |tag: &str| {
        if tag.starts_with("en") {
            String::new()
        } else {
            format!(" [{tag}]")
        }
    };
    include_str!("../templates/bilingual.toml")
        .replace("@a@", &mark(a))
        .replace("@b@", &mark(b))
        .replace("@A@", a)
        .replace("@B@", b)
}

/// The two languages `--lang` names (`en,zh-Hans`), as built-in tags.
pub fn languages(given: &str) -> Result<[&'static str; 2], Diagnostic> {
    let tags: Vec<&str> = given.split(',').map(str::trim).collect();
    let mut out = vec![];
    for tag in &tags {
        let Some(t) = crate::locale::resolve(tag) else {
            let d = Diagnostic::error(format!("vita has no `{tag}` locale"));
            return Err(
                match crate::diag::did_you_mean(tag, crate::locale::known_tags()) {
                    Some(best) => d.hint(format!("did you mean `{best}`?")),
                    None => d.hint("`vita init --template bilingual --lang en,zh-Hans` names two of the languages in the README"),
                },
            );
        };
        out.push(t);
    }
    let said = match out[..] {
        [a, b] if a != b => return Ok([a, b]),
        [_, _] => format!("`--lang {given}` names the same language twice"),
        [_] => format!("`--lang {given}` names one language, not two"),
        _ => format!("`--lang {given}` names {} languages, not two", out.len()),
    };
    Err(Diagnostic::error(said)
        .hint("name two, the documents' first language first: `--lang en,zh-Hans`"))
}

/// Writes a template into `dir` (made when missing); returns the paths written. Nothing is
/// written when any of the files already exists. `langs` are the bilingual template's.
pub fn init(dir: &Path, template: Template, langs: [&str; 2]) -> Result<Vec<PathBuf>, Failure> {
    let files: Vec<(PathBuf, String)> = template
        .files(langs)
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
