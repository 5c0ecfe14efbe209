//! Document kinds as data, and the documents a profile asks for.
//!
//! A kind ([`Kind`]) is one file in this folder: its title, layout, default sections and
//! limits, and publication defaults. A profile builds `resume` and `cv` always, and any
//! number of named documents (`[documents.NAME]`, `kind = "..."`) from the same data; a
//! [`Document`] is one of those with its settings, and decides which entries it shows.

mod biosketch_common;
mod check;
mod cv;
mod letter;
pub mod limits;
mod nih_biosketch;
mod nsf_synergistic;
mod resume;
pub mod sciencv;

use crate::profile::{DocSettings, Entry, GroupBy, Numbering, Paper, Profile, Select, VenueStyle};

pub use check::check;

/// Every kind of document vita makes. A new kind is a file beside this one, listed here,
/// and a layout of the same name in `layouts/`.
pub const KINDS: &[&Kind] = &[
    &resume::KIND,
    &cv::KIND,
    &letter::KIND,
    &nih_biosketch::KIND,
    &biosketch_common::KIND,
    &nsf_synergistic::KIND,
];

/// A kind of document: what it shows unless the profile says otherwise.
#[derive(Debug)]
pub struct Kind {
    /// The name in `kind = "..."`, in `exclude` lists, and of its layout (`{name}.typ`).
    pub name: &'static str,
    /// The document's title, after the person's name in the PDF's metadata.
    pub title: &'static str,
    /// The sections shown when the profile does not list them.
    pub sections: DefaultSections,
    /// Entries per section when the profile does not say.
    pub limits: &'static [(&'static str, usize)],
    /// Authors shown per work before "et al." when the profile does not say.
    pub max_authors: Option<usize>,
    /// Which publications, when some are marked `selected` and when none are.
    pub select: (Select, Select),
    /// How publications are grouped, when some have a category and when none do.
    pub group_by: (GroupBy, GroupBy),
    /// How publications are numbered.
    pub numbering: Numbering,
    /// How venues are named.
    pub venue: VenueStyle,
    /// The paper.
    pub paper: Paper,
    /// The body type size in points.
    pub font_size: f64,
    /// The pages it is expected to fill when the profile sets no `max_pages`: more is a
    /// warning, not an error (a resume is one page by convention).
    pub expected_pages: Option<usize>,
    /// The preset (funder's rules) it follows unless the document names another.
    pub preset: Option<&'static str>,
}

/// The sections a kind shows by default (only those with entries are printed).
#[derive(Debug)]
pub enum DefaultSections {
    /// These, in this order.
    Only(&'static [&'static str]),
    /// Every built-in section but these, then the custom sections.
    AllBut(&'static [&'static str]),
    /// A form's sections, in the form's order, and no custom sections.
    Form(&'static [&'static str]),
}

/// The kind with this name.
pub fn kind(name: &str) -> Option<&'static Kind> {
    KINDS.iter().copied().find(|k| k.name == name)
}

/// One document to make: its name, kind and settings.
#[derive(Debug, Clone)]
pub struct Document {
    /// `resume`, `cv`, or the name of a `[documents.NAME]` table.
    pub name: String,
    /// What kind of document it is.
    pub kind: &'static Kind,
    /// The settings the profile gives it.
    pub settings: DocSettings,
    /// Its language: the tag of a built-in locale (`zh-Hans`).
    pub lang: &'static str,
    /// Whether its files' names carry the language (`cv-zh-Hans.pdf`): `--lang` was given.
    pub lang_in_name: bool,
}

/// Publication options with every default applied.
#[derive(Debug, Clone, PartialEq)]
pub struct PubOptions {
    /// How they are grouped.
    pub group_by: GroupBy,
    /// The order of category groups.
    pub categories: Vec<String>,
    /// How they are numbered.
    pub numbering: Numbering,
    /// Whether numbers run on across groups.
    pub continuous: bool,
    /// How venues are named.
    pub venue: VenueStyle,
}

impl Document {
    /// Every document of a profile, in build order. Call after [`check`] passed: a named
    /// document with an unknown kind is left out here.
    pub fn all(p: &Profile) -> Vec<Document> {
        p.documents()
            .into_iter()
            .filter_map(|(name, settings)| {
                let kind = kind(settings.kind.as_deref().unwrap_or(name))?;
                let lang = settings.lang.as_deref().or(p.lang.as_deref());
                Some(Document {
                    name: name.to_string(),
                    kind,
                    settings: settings.clone(),
                    lang: lang.and_then(crate::locale::resolve).unwrap_or("en"),
                    lang_in_name: false,
                })
            })
            .collect()
    }

    /// The name its files are written under: its own, with the language when `--lang` set it.
    pub fn file_stem(&self) -> String {
        if self.lang_in_name {
            format!("{}-{}", self.name, self.lang)
        } else {
            self.name.clone()
        }
    }

    /// Whether an entry belongs in this document: not excluded by the document's name or
    /// kind, and passing its tag filters (entries without tags pass `include_tags`).
    pub fn shows(&self, e: &dyn Entry) -> bool {
        let s = &self.settings;
        let excluded = e
            .exclude()
            .iter()
            .any(|d| *d == self.name || d == self.kind.name);
        let tags = e.tags();
        let included = s.include_tags.is_empty()
            || tags.is_empty()
            || tags.iter().any(|t| s.include_tags.contains(t));
        let dropped = tags.iter().any(|t| s.exclude_tags.contains(t));
        !excluded && included && !dropped
    }

    /// At most this many entries of a section.
    pub fn limit(&self, section: &str) -> Option<usize> {
        self.settings.limit.get(section).copied().or_else(|| {
            self.kind
                .limits
                .iter()
                .find(|(k, _)| *k == section)
                .map(|(_, n)| *n)
        })
    }

    /// Authors shown per work before "et al.".
    pub fn max_authors(&self) -> Option<usize> {
        self.settings.max_authors.or(self.kind.max_authors)
    }

    /// Which publications, given whether any of those it may show is marked `selected`.
    pub fn select(&self, any_selected: bool) -> Select {
        let s = &self.settings;
        let (yes, no) = self.kind.select;
        s.select
            .or(s
                .selected_only
                .map(|only| if only { Select::Selected } else { Select::All }))
            .unwrap_or(if any_selected { yes } else { no })
    }

    /// How publications are grouped and numbered, given whether any of those listed has a
    /// category.
    pub fn pub_options(&self, any_category: bool) -> PubOptions {
        let s = &self.settings;
        let (yes, no) = self.kind.group_by;
        PubOptions {
            group_by: s.group_by.unwrap_or(if any_category { yes } else { no }),
            categories: s.categories.clone(),
            numbering: s.numbering.unwrap_or(self.kind.numbering),
            continuous: s.continuous_numbering.unwrap_or(true),
            venue: s.venue.unwrap_or(self.kind.venue),
        }
    }
}
