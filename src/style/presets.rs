//! Funders' rules as data: one TOML file per rule set in `presets/`, embedded in the binary.
//! Each says where its rules come from and when they were checked.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use serde::Deserialize;

use crate::profile::{Length, Paper};

/// The preset files, by file name.
const FILES: &[(&str, &str)] = &[
    (
        "nih-biosketch",
        include_str!("../../presets/nih-biosketch.toml"),
    ),
    (
        "common-form",
        include_str!("../../presets/common-form.toml"),
    ),
    (
        "nsf-synergistic",
        include_str!("../../presets/nsf-synergistic.toml"),
    ),
    (
        "nih-attachment",
        include_str!("../../presets/nih-attachment.toml"),
    ),
    ("erc", include_str!("../../presets/erc.toml")),
    ("snsf", include_str!("../../presets/snsf.toml")),
    ("ukri", include_str!("../../presets/ukri.toml")),
    ("ukri-r4ri", include_str!("../../presets/ukri-r4ri.toml")),
];

/// A funder's or portal's rules for one document.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Preset {
    /// The name used in `preset = "..."`.
    pub name: String,
    /// Names it had before, still accepted with a warning.
    #[serde(default)]
    pub former_names: Vec<String>,
    /// What it is, in a few words.
    pub title: String,
    /// Whether the funder still uses these rules.
    pub current: bool,
    /// The rules in one line, for messages.
    pub summary: String,
    /// Where the rules are published: notice numbers and addresses.
    pub source: String,
    /// When the source was last checked (YYYY-MM-DD).
    pub checked: String,
    /// What else a user should know: what was and was not verified.
    #[serde(default)]
    pub notes: Option<String>,
    /// The paper the rules ask for.
    #[serde(default)]
    pub paper: Option<Paper>,
    /// The smallest type allowed, in points.
    #[serde(default)]
    pub min_size: Option<f64>,
    /// The smallest margin allowed.
    #[serde(default)]
    pub margin: Option<Length>,
    /// Whether running headers and footers are forbidden.
    #[serde(default)]
    pub no_headers_footers: bool,
    /// Whether the face must be sans-serif.
    #[serde(default)]
    pub sans_only: bool,
    /// Whether a photo is forbidden.
    #[serde(default)]
    pub no_photo: bool,
    /// The most pages.
    #[serde(default)]
    pub max_pages: Option<usize>,
    /// Sections the form asks for (a warning when one is empty).
    #[serde(default)]
    pub required: Vec<String>,
    /// Entry, character and word limits per section id.
    #[serde(default)]
    pub limits: BTreeMap<String, Limit>,
    /// The typefaces the rules name, if they name any.
    #[serde(default)]
    pub typeface: Option<Typeface>,
}

/// A rule that names typefaces: the faces it allows, each with its smallest size, and the
/// face vita sets the document in unless the profile names another.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Typeface {
    /// The rule in the funder's words, with where it is.
    pub rule: String,
    /// The face vita uses by default (embedded).
    pub default: String,
    /// Its size by default, in points.
    pub default_size: f64,
    /// Every face the rule allows.
    pub faces: Vec<Face>,
}

/// A face a typeface rule allows.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Face {
    /// The family name.
    pub face: String,
    /// Its smallest size, in points.
    pub min: f64,
    /// The named face it stands in for, when it is not named itself but has the same metrics
    /// (Arimo for Arial).
    #[serde(default)]
    pub like: Option<String>,
}

impl Typeface {
    /// The allowed face of this family name (any case).
    pub fn face(&self, family: &str) -> Option<&Face> {
        self.faces
            .iter()
            .find(|f| f.face.eq_ignore_ascii_case(family))
    }
}

/// The limits of one section.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Limit {
    /// The most entries.
    pub entries: Option<usize>,
    /// The most characters: of the text, or of all entries together.
    pub chars: Option<usize>,
    /// The most characters of each entry.
    pub chars_each: Option<usize>,
    /// The most words: of the text, or of all entries together.
    pub words: Option<usize>,
    /// The most words of each entry.
    pub words_each: Option<usize>,
}

impl Preset {
    /// The smallest margin in points, if the rules set one.
    pub fn min_margin(&self) -> Option<f64> {
        self.margin.as_ref().map(|m| m.pt)
    }
}

/// Every preset vita knows, in the order the README lists them.
pub fn all() -> &'static [Preset] {
    static ALL: OnceLock<Vec<Preset>> = OnceLock::new();
    ALL.get_or_init(|| {
        FILES
            .iter()
            .map(|(file, text)| {
                let p: Preset = toml::from_str(text)
                    .unwrap_or_else(|e| panic!("presets/{file}.toml is broken (tested): {e}"));
                assert_eq!(p.name, *file, "a preset is named after its file");
                p
            })
            .collect()
    })
}

/// The preset with this name, or the one that had it as a former name (and whether so).
pub fn find(name: &str) -> Option<(&'static Preset, bool)> {
    let all = all();
    all.iter()
        .find(|p| p.name == name)
        .map(|p| (p, false))
        .or_else(|| {
            all.iter()
                .find(|p| p.former_names.iter().any(|n| n == name))
                .map(|p| (p, true))
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_preset_file_reads_and_cites_its_source() {
        assert_eq!(all().len(), FILES.len());
        for p in all() {
            assert!(p.source.contains("https://"), "{} has no address", p.name);
            let d = p.checked.as_bytes();
            assert!(
                d.len() == 10 && d[4] == b'-' && d[7] == b'-',
                "{} checked {}",
                p.name,
                p.checked
            );
        }
    }

    #[test]
    fn limits_name_sections_that_exist() {
        let ids: Vec<&str> = crate::view::SECTIONS.iter().map(|s| s.id).collect();
        for p in all() {
            for id in p.limits.keys().chain(&p.required) {
                assert!(ids.contains(&id.as_str()), "{}: {id}", p.name);
            }
        }
    }

    #[test]
    fn the_old_nih_name_finds_the_attachment_rules() {
        let (p, former) = find("nih").unwrap();
        assert_eq!((p.name.as_str(), former), ("nih-attachment", true));
        assert_eq!(p.min_size, Some(11.0));
        assert_eq!(p.min_margin(), Some(36.0));
    }
}
