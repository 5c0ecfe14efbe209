//! The entries of the sections an industry resume needs: projects, certifications,
//! languages, volunteering, and the several positions of one experience entry.

use serde::Deserialize;

use super::{Date, Links};

/// A role held at one organisation, when an experience entry lists several (promotions).
#[derive(Debug, Clone, Default, Deserialize, schemars::JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct Position {
    /// The job title.
    pub role: String,
    /// When it started.
    pub start: Option<Date>,
    /// When it ended; `present` while ongoing.
    pub end: Option<Date>,
    /// Where, when it differs from the organisation's place.
    pub location: Option<String>,
    /// Bullet points: what was done in this role.
    pub highlights: Vec<String>,
}

/// A project: open source, a product, a side project.
#[derive(Debug, Clone, Default, Deserialize, schemars::JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct Project {
    /// The project's name.
    pub name: String,
    /// The person's part in it: `Maintainer`, `Lead developer`.
    pub role: Option<String>,
    /// Who it was for or with: a company, a team, a community.
    #[serde(alias = "organization")]
    pub organisation: Option<String>,
    /// One sentence on what it is.
    pub description: Option<String>,
    /// When it started.
    pub start: Option<Date>,
    /// When it ended; `present` while ongoing.
    pub end: Option<Date>,
    /// Tools and technologies, printed as one line.
    pub technologies: Vec<String>,
    /// Bullet points: what was done, what came of it.
    pub highlights: Vec<String>,
    /// Links: `code`, `website`, `demo`.
    pub links: Links,
    /// Documents to keep this entry out of (by name, or by kind: `resume`).
    pub exclude: Vec<String>,
    /// Topics for documents that pick entries by tag (`include_tags`, `exclude_tags`).
    pub tags: Vec<String>,
}

/// A certification or licence.
#[derive(Debug, Clone, Default, Deserialize, schemars::JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct Certification {
    /// The certification's name.
    pub name: String,
    /// Who issued it.
    pub issuer: Option<String>,
    /// When it was earned.
    pub date: Option<Date>,
    /// When it expires, if it does.
    pub expires: Option<Date>,
    /// The credential's id or number.
    pub credential: Option<String>,
    /// Where it can be verified.
    pub url: Option<String>,
    /// Documents to keep this entry out of (by name, or by kind: `resume`).
    pub exclude: Vec<String>,
    /// Topics for documents that pick entries by tag (`include_tags`, `exclude_tags`).
    pub tags: Vec<String>,
}

/// A language spoken, with how well.
#[derive(Debug, Clone, Default, Deserialize, schemars::JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct Language {
    /// The language: `German`.
    pub language: String,
    /// How well, as printed: `Native`, `Fluent`, `C1`, `Professional working proficiency`.
    pub level: Option<String>,
    /// Documents to keep this entry out of (by name, or by kind: `resume`).
    pub exclude: Vec<String>,
    /// Topics for documents that pick entries by tag (`include_tags`, `exclude_tags`).
    pub tags: Vec<String>,
}

/// Unpaid work for a cause or community.
#[derive(Debug, Clone, Default, Deserialize, schemars::JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct Volunteering {
    /// The role.
    pub role: String,
    /// The organisation.
    #[serde(alias = "organization")]
    pub organisation: String,
    /// Where.
    pub location: Option<String>,
    /// When it started.
    pub start: Option<Date>,
    /// When it ended; `present` while ongoing.
    pub end: Option<Date>,
    /// Bullet points: what was done.
    pub highlights: Vec<String>,
    /// Documents to keep this entry out of (by name, or by kind: `resume`).
    pub exclude: Vec<String>,
    /// Topics for documents that pick entries by tag (`include_tags`, `exclude_tags`).
    pub tags: Vec<String>,
}
