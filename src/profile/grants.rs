//! The entries of the sections that grant documents ask for: appointments, grants,
//! supervision, memberships, outreach, software and datasets, synergistic activities and
//! contributions to science.

use serde::Deserialize;

use super::{Date, Links};

/// A titled position: academic, professional or institutional, paid or not.
#[derive(Debug, Clone, Default, Deserialize, schemars::JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct Appointment {
    /// The position title: `Associate Professor`.
    pub title: String,
    /// The organisation: `Tsinghua University`.
    #[serde(alias = "organization")]
    pub organisation: String,
    /// The department, when it should be printed.
    pub department: Option<String>,
    /// City and country.
    pub location: Option<String>,
    /// When it started.
    pub start: Option<Date>,
    /// When it ended; `present` while held.
    pub end: Option<Date>,
    /// Documents to keep this entry out of (by name, or by kind: `resume`).
    pub exclude: Vec<String>,
    /// Topics for documents that pick entries by tag (`include_tags`, `exclude_tags`).
    pub tags: Vec<String>,
}

/// A grant or other research funding.
#[derive(Debug, Clone, Default, Deserialize, schemars::JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct Grant {
    /// The project's title.
    pub title: String,
    /// The funder: `National Natural Science Foundation of China`.
    pub agency: String,
    /// The award number: `62276156`.
    pub number: Option<String>,
    /// The person's role: `PI`, `co-PI`, `co-I`, `participant`, ...
    pub role: Option<String>,
    /// The amount awarded, in whole units of `currency`.
    pub amount: Option<u64>,
    /// The currency of `amount`, as an ISO 4217 code: `USD`, `CNY`, `EUR`.
    pub currency: Option<String>,
    /// When the funding period started.
    pub start: Option<Date>,
    /// When it ends (or ended); `present` when open-ended.
    pub end: Option<Date>,
    /// One more line: a status, co-investigators.
    pub note: Option<String>,
    /// Documents to keep this entry out of (by name, or by kind: `resume`).
    pub exclude: Vec<String>,
    /// Topics for documents that pick entries by tag (`include_tags`, `exclude_tags`).
    pub tags: Vec<String>,
}

/// A student or postdoc supervised.
#[derive(Debug, Clone, Default, Deserialize, schemars::JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct Supervision {
    /// The person's name.
    pub name: String,
    /// Degree or level: `PhD`, `MSc`, `postdoc`, `undergraduate`.
    #[serde(alias = "degree")]
    pub level: String,
    /// Co-supervisor or other role, when not sole supervisor: `co-advisor`.
    pub role: Option<String>,
    /// When the supervision started.
    pub start: Option<Date>,
    /// When it ended; `present` while ongoing.
    pub end: Option<Date>,
    /// Thesis or project title.
    pub thesis: Option<String>,
    /// Where the person is now: `Research Scientist, Google DeepMind`.
    pub current_position: Option<String>,
    /// Documents to keep this entry out of (by name, or by kind: `resume`).
    pub exclude: Vec<String>,
    /// Topics for documents that pick entries by tag (`include_tags`, `exclude_tags`).
    pub tags: Vec<String>,
}

/// A membership of a society or body.
#[derive(Debug, Clone, Default, Deserialize, schemars::JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct Membership {
    /// The society or body: `IEEE`.
    #[serde(alias = "organization")]
    pub organisation: String,
    /// The grade or role: `Senior Member`.
    pub role: Option<String>,
    /// When it started.
    pub start: Option<Date>,
    /// When it ended; `present` while held.
    pub end: Option<Date>,
    /// Documents to keep this entry out of (by name, or by kind: `resume`).
    pub exclude: Vec<String>,
    /// Topics for documents that pick entries by tag (`include_tags`, `exclude_tags`).
    pub tags: Vec<String>,
}

/// Outreach: public talks, school visits, media, community work.
#[derive(Debug, Clone, Default, Deserialize, schemars::JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct Outreach {
    /// What it was.
    pub title: String,
    /// Where, or for whom: `Shenzhen Science Museum`.
    pub venue: Option<String>,
    /// When.
    pub date: Option<Date>,
    /// A sentence about it.
    pub description: Option<String>,
    /// Links: `video`, `article`.
    pub links: Links,
    /// Documents to keep this entry out of (by name, or by kind: `resume`).
    pub exclude: Vec<String>,
    /// Topics for documents that pick entries by tag (`include_tags`, `exclude_tags`).
    pub tags: Vec<String>,
}

/// A research product that is not a paper: software or a dataset.
#[derive(Debug, Clone, Default, Deserialize, schemars::JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct Product {
    /// Its name: `BackdoorBox`.
    pub name: String,
    /// Where it lives.
    pub url: Option<String>,
    /// Its DOI (Zenodo, Figshare, a data journal).
    pub doi: Option<String>,
    /// The year of the release or version described.
    pub year: Option<u16>,
    /// One sentence: what it is, who uses it.
    pub description: Option<String>,
    /// Documents to keep this entry out of (by name, or by kind: `resume`).
    pub exclude: Vec<String>,
    /// Topics for documents that pick entries by tag (`include_tags`, `exclude_tags`).
    pub tags: Vec<String>,
}

/// A synergistic activity (NSF): what shows the broader impact of the person's work.
#[derive(Debug, Clone, Default, Deserialize, schemars::JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct Synergistic {
    /// The activity, a sentence or a short paragraph.
    pub text: String,
    /// When, or when it started.
    pub date: Option<Date>,
    /// When it ended, for a period.
    pub end: Option<Date>,
    /// Documents to keep this entry out of (by name, or by kind: `resume`).
    pub exclude: Vec<String>,
    /// Topics for documents that pick entries by tag (`include_tags`, `exclude_tags`).
    pub tags: Vec<String>,
}

/// A contribution to science (NIH): a narrative and the publications it rests on.
#[derive(Debug, Clone, Default, Deserialize, schemars::JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct Contribution {
    /// A short title, printed before the narrative.
    pub title: Option<String>,
    /// The narrative: the problem, the finding, its influence, the person's role.
    pub text: String,
    /// Ids of the publications it cites (`id` of a profile entry or a .bib key).
    pub cites: Vec<String>,
    /// Documents to keep this entry out of (by name, or by kind: `resume`).
    pub exclude: Vec<String>,
    /// Topics for documents that pick entries by tag (`include_tags`, `exclude_tags`).
    pub tags: Vec<String>,
}
