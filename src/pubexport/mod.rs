//! `vita export publications`: the merged, cleaned publication list (profile entries and
//! .bib entries as one list) in the formats other tools import: BibTeX (ORCID's import,
//! LaTeX), CSL-JSON (reference managers, citeproc) and RIS (EndNote, Zotero, SciENcv).

pub(crate) mod bib;
mod csl;
mod ris;

use std::collections::HashSet;
use std::path::Path;

use crate::Failure;
use crate::diag::Diagnostic;
use crate::names::{ET_AL, family_first, split_marks};
use crate::profile::{Date, PubType, Publication};

pub use bib::bibtex;
pub use csl::csl_json;
pub use ris::ris;

/// The formats publications are exported in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum PubFormat {
    /// BibTeX, with LaTeX's special characters escaped.
    Bib,
    /// CSL-JSON, the data format of the Citation Style Language.
    CslJson,
    /// RIS, the tagged format of EndNote and most reference managers.
    Ris,
}

/// Writes the publications of a profile in `format`, to `out` or to standard output.
pub fn run(
    profile: &Path,
    format: PubFormat,
    out: Option<&Path>,
) -> Result<Vec<Diagnostic>, Failure> {
    let loaded = crate::load::load(profile).map_err(Failure::input)?;
    let text = export(&loaded.profile.publications, format);
    match out {
        Some(path) => crate::output::write_atomic(path, text.as_bytes()).map_err(Failure::other)?,
        None => {
            use std::io::Write;
            let mut stdout = std::io::stdout().lock();
            stdout
                .write_all(text.as_bytes())
                .and_then(|()| stdout.flush())
                .map_err(|e| {
                    Failure::other(Diagnostic::error(format!(
                        "cannot write to standard output: {e}"
                    )))
                })?;
        }
    }
    Ok(loaded.warnings)
}

/// The publications in one format.
pub fn export(pubs: &[Publication], format: PubFormat) -> String {
    let keys = keys(pubs);
    match format {
        PubFormat::Bib => bibtex(pubs, &keys),
        PubFormat::CslJson => csl_json(pubs, &keys),
        PubFormat::Ris => ris(pubs, &keys),
    }
}

/// A citation key for each publication: its id, made safe for BibTeX, else one made from
/// the first author's family name, the year and the title's first word (`li2021invisible`);
/// `b`, `c`, ... added to keep keys unique.
pub fn keys(pubs: &[Publication]) -> Vec<String> {
    let mut used: HashSet<String> = HashSet::new();
    pubs.iter()
        .map(|p| {
            let base =
                p.id.as_deref()
                    .map(|id| {
                        id.chars()
                            .filter(|c| !c.is_whitespace() && !",{}()=#%\"'\\~".contains(*c))
                            .collect::<String>()
                    })
                    .filter(|k| !k.is_empty())
                    .unwrap_or_else(|| made_key(p));
            let mut key = base.clone();
            let mut n = 1u32;
            while !used.insert(key.clone()) {
                n += 1;
                let suffix = char::from_u32(u32::from('a') + n - 1)
                    .filter(|c| c.is_ascii_lowercase())
                    .map_or_else(|| n.to_string(), String::from);
                key = format!("{base}{suffix}");
            }
            key
        })
        .collect()
}

fn made_key(p: &Publication) -> String {
    let ascii = |s: &str| -> String {
        crate::names::fold(s)
            .chars()
            .filter(char::is_ascii_alphanumeric)
            .collect()
    };
    let family = authors(p)
        .first()
        .map(|a| ascii(&a.family))
        .unwrap_or_default();
    let word = p
        .title
        .split_whitespace()
        .map(ascii)
        .find(|w| w.len() > 3)
        .unwrap_or_default();
    let year = date(p)
        .and_then(|d| d.year())
        .map(|y| y.to_string())
        .unwrap_or_default();
    let key = format!("{family}{year}{word}");
    if key.is_empty() {
        "entry".to_string()
    } else {
        key
    }
}

/// The publication's date: `date`, else `year`.
pub(crate) fn date(p: &Publication) -> Option<Date> {
    p.date.or(p.year.map(|year| Date::On {
        year,
        month: None,
        day: None,
    }))
}

/// An author's name in parts, for formats that want them apart.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Name {
    /// The family name (the whole name, when it has no parts: `李一鸣`, a group).
    pub family: String,
    /// The given names, empty when the name has no parts.
    pub given: String,
    /// A suffix such as `Jr.`, empty when there is none.
    pub suffix: String,
    /// Marks written after the name: `*`, `†`.
    pub marks: String,
}

/// Suffixes that follow a name after a comma: `Sammy Davis, Jr.`.
const SUFFIXES: &[&str] = &["jr", "jr.", "sr", "sr.", "ii", "iii", "iv", "v"];

/// The authors without `et al.`, each taken apart.
pub(crate) fn authors(p: &Publication) -> Vec<Name> {
    p.authors
        .iter()
        .filter_map(|a| {
            let (name, marks) = split_marks(a);
            if name == ET_AL || name.eq_ignore_ascii_case("others") || name.trim().is_empty() {
                return None;
            }
            // `Sammy Davis, Jr.` (as vita's .bib reader writes a name with a suffix).
            let (name, suffix) = match name.rsplit_once(',') {
                Some((n, sfx)) if SUFFIXES.contains(&sfx.trim().to_lowercase().as_str()) => {
                    (n.trim(), sfx.trim())
                }
                _ => (name, ""),
            };
            let ff = if is_group(name) {
                name.to_string()
            } else {
                family_first(name)
            };
            let (family, given) = ff.split_once(", ").unwrap_or((ff.as_str(), ""));
            Some(Name {
                family: family.trim().to_string(),
                given: given.trim().to_string(),
                suffix: suffix.to_string(),
                marks,
            })
        })
        .collect()
}

/// Words that end the name of a group rather than a person: `Open Science Collaboration`.
const GROUP_WORDS: &[&str] = &[
    "collaboration",
    "consortium",
    "group",
    "team",
    "project",
    "committee",
    "society",
    "association",
    "institute",
    "network",
    "initiative",
    "organization",
    "organisation",
    "council",
    "foundation",
];

/// Whether an author is a group (its name is not split into family and given names).
fn is_group(name: &str) -> bool {
    !name.contains(',')
        && name.split_whitespace().count() > 1
        && name
            .split_whitespace()
            .last()
            .is_some_and(|w| GROUP_WORDS.contains(&crate::names::fold(w).as_str()))
}

/// Whether the author list ends with `et al.` (`and others` in BibTeX).
pub(crate) fn cut(p: &Publication) -> bool {
    p.authors.iter().any(|a| {
        let n = split_marks(a).0;
        n == ET_AL || n.eq_ignore_ascii_case("others")
    })
}

/// The kind of work, as given or guessed from the venue.
pub(crate) fn kind(p: &Publication) -> PubType {
    p.pub_type()
}

/// The first page and the last, from `12--18`, `12–18` or `12-18`.
pub(crate) fn page_range(pages: &str) -> (String, Option<String>) {
    let p = pages.replace("--", "–").replace('—', "–");
    let p = if p.contains('–') {
        p
    } else {
        p.replacen('-', "–", 1)
    };
    match p.split_once('–') {
        Some((a, b)) => (a.trim().to_string(), Some(b.trim().to_string())),
        None => (p.trim().to_string(), None),
    }
}

/// For a thesis whose venue vita wrote as `Ph.D. thesis, School`: the kind and the school.
pub(crate) fn thesis_parts(venue: Option<&str>) -> (Option<&'static str>, Option<String>) {
    let Some(v) = venue else { return (None, None) };
    for (prefix, what) in [
        ("Ph.D. thesis", "Ph.D. thesis"),
        ("Master's thesis", "Master's thesis"),
    ] {
        if let Some(rest) = v.strip_prefix(prefix) {
            let school = rest.trim_start_matches(',').trim();
            return (Some(what), (!school.is_empty()).then(|| school.to_string()));
        }
    }
    (None, Some(v.to_string()))
}

/// The address of a link to the work: `link` first, then any other label but the
/// vita-specific ones BibTeX carries in fields of their own.
pub(crate) fn main_url(p: &Publication) -> Option<&str> {
    p.links
        .0
        .iter()
        .find(|(l, _)| l == "link")
        .or_else(|| {
            p.links
                .0
                .iter()
                .find(|(l, _)| !bib::LINK_FIELDS.contains(&l.as_str()))
        })
        .map(|(_, u)| u.as_str())
}
