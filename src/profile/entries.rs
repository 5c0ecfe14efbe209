//! The entries of the profile's sections: one type per kind of entry.

use serde::Deserialize;

use super::{Date, Links};

/// A degree.
#[derive(Debug, Clone, Default, Deserialize, schemars::JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct Education {
    /// Degree and field: `Ph.D. in Computer Science`.
    pub degree: String,
    /// University or school.
    pub institution: String,
    /// Where the institution is.
    pub location: Option<String>,
    /// When it started.
    pub start: Option<Date>,
    /// When it ended (or will); `present` while ongoing.
    pub end: Option<Date>,
    /// Advisors, printed as "Advisors: ...".
    pub advisors: Vec<String>,
    /// Thesis title.
    pub thesis: Option<String>,
    /// One more line: honours, GPA, a programme name.
    pub note: Option<String>,
    /// Documents to keep this entry out of (by name, or by kind: `resume`).
    pub exclude: Vec<String>,
    /// Topics for documents that pick entries by tag (`include_tags`, `exclude_tags`).
    pub tags: Vec<String>,
}

/// A position held.
#[derive(Debug, Clone, Default, Deserialize, schemars::JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct Experience {
    /// The job title.
    pub role: String,
    /// The employer, lab or group.
    #[serde(alias = "organization")]
    pub organisation: String,
    /// Where.
    pub location: Option<String>,
    /// When it started.
    pub start: Option<Date>,
    /// When it ended; `present` while ongoing.
    pub end: Option<Date>,
    /// Mentors or supervisors, printed as "Mentors: ...".
    pub mentors: Vec<String>,
    /// Bullet points: what was done.
    pub highlights: Vec<String>,
    /// Several roles held one after another at this organisation (promotions), newest
    /// first; then `role`, `start` and `end` may be left out.
    pub positions: Vec<super::Position>,
    /// Documents to keep this entry out of (by name, or by kind: `resume`).
    pub exclude: Vec<String>,
    /// Topics for documents that pick entries by tag (`include_tags`, `exclude_tags`).
    pub tags: Vec<String>,
}

/// A dated news item.
#[derive(Debug, Clone, Default, Deserialize, schemars::JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct News {
    /// When it happened.
    pub date: Option<Date>,
    /// What happened, one sentence.
    pub text: String,
    /// Documents to keep this entry out of (by name, or by kind: `resume`).
    pub exclude: Vec<String>,
    /// Topics for documents that pick entries by tag (`include_tags`, `exclude_tags`).
    pub tags: Vec<String>,
}

/// A paper.
#[derive(Debug, Clone, Default, Deserialize, schemars::JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct Publication {
    /// A short stable id; for an entry of a `.bib` file, its citation key. An entry that only
    /// has an `id` (and vita fields such as `selected`) adds those fields to that .bib entry.
    #[serde(alias = "key")]
    pub id: Option<String>,
    /// The title as published.
    pub title: String,
    /// Authors in order; `*` after a name marks equal contribution, `†` the corresponding author.
    pub authors: Vec<String>,
    /// Where it appeared, in full: `IEEE Transactions on ...`, `International Conference on ...`.
    pub venue: Option<String>,
    /// The venue's short name: `TNNLS`, `ICCV`.
    pub venue_short: Option<String>,
    /// Volume, for a journal.
    pub volume: Option<String>,
    /// Issue number, for a journal.
    pub issue: Option<String>,
    /// Pages: `1--18` or `e1234`.
    pub pages: Option<String>,
    /// The year, when no finer date is known.
    pub year: Option<u16>,
    /// The publication date, when known.
    pub date: Option<Date>,
    /// The group it is listed under in the CV: `Backdoor Learning`.
    pub category: Option<String>,
    /// What kind of work: journal, conference, workshop, preprint, thesis, chapter.
    #[serde(rename = "type")]
    pub kind: Option<String>,
    /// DOI, such as `10.1109/TNNLS.2022.3182979`.
    pub doi: Option<String>,
    /// arXiv identifier, such as `2007.08745`.
    pub arxiv: Option<String>,
    /// Other links: `pdf`, `code`, `slides`, `video`, `project`, ...
    pub links: Links,
    /// An award: `Best Paper Award`.
    pub award: Option<String>,
    /// How it was presented: `Oral`, `Spotlight`.
    pub presentation: Option<String>,
    /// The venue's acceptance rate: `25.9%`.
    pub acceptance: Option<String>,
    /// How often it has been cited.
    pub citations: Option<u32>,
    /// Any other note, printed after the venue.
    pub note: Option<String>,
    /// Shown on the resume when it lists selected publications.
    pub selected: bool,
    /// Documents to keep this entry out of (by name, or by kind: `resume`).
    pub exclude: Vec<String>,
    /// Topics for documents that pick entries by tag (`include_tags`, `exclude_tags`).
    pub tags: Vec<String>,
    /// Where the entry was written (set by vita, not read from the profile).
    #[serde(skip)]
    pub origin: Origin,
}

/// Where a publication was written: which file, and where in it.
#[derive(Debug, Clone, Default)]
pub enum Origin {
    /// Not known (an entry made in code).
    #[default]
    Unknown,
    /// `publications[i]` of the profile, at this 0-based index.
    Profile(usize),
    /// An entry of a .bib file.
    Bib(BibSource),
}

/// An entry's place in a .bib file.
#[derive(Debug, Clone)]
pub struct BibSource {
    /// The file as shown in messages.
    pub file: String,
    /// The file's text.
    pub text: std::sync::Arc<str>,
    /// The entry's citation key, in the text.
    pub range: std::ops::Range<usize>,
    /// The entry's `exclude` field, in the text, if it has one.
    pub exclude_at: Option<std::ops::Range<usize>>,
}

/// A technical report.
#[derive(Debug, Clone, Default, Deserialize, schemars::JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct Report {
    /// The report's title.
    pub title: String,
    /// Authors or groups, in order.
    pub authors: Vec<String>,
    /// Who issued it.
    pub institution: Option<String>,
    /// When it was issued.
    pub date: Option<Date>,
    /// Links: `download`, `website`, coverage in the media.
    pub links: Links,
    /// One more line.
    pub note: Option<String>,
    /// Documents to keep this entry out of (by name, or by kind: `resume`).
    pub exclude: Vec<String>,
    /// Topics for documents that pick entries by tag (`include_tags`, `exclude_tags`).
    pub tags: Vec<String>,
}

/// A patent or patent application.
#[derive(Debug, Clone, Default, Deserialize, schemars::JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct Patent {
    /// The patent's title, in the language it was filed in.
    pub title: String,
    /// Inventors in order.
    pub inventors: Vec<String>,
    /// Application or grant number.
    pub number: Option<String>,
    /// Kind and status: `Invention patent, filed`, `发明专利`.
    pub status: Option<String>,
    /// Filing or grant date.
    pub date: Option<Date>,
    /// One more line: internal reference numbers and the like.
    pub note: Option<String>,
    /// Links to the patent office's record.
    pub links: Links,
    /// Documents to keep this entry out of (by name, or by kind: `resume`).
    pub exclude: Vec<String>,
    /// Topics for documents that pick entries by tag (`include_tags`, `exclude_tags`).
    pub tags: Vec<String>,
}

/// A talk.
#[derive(Debug, Clone, Default, Deserialize, schemars::JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct Talk {
    /// The talk's title.
    pub title: String,
    /// The host: a university, a workshop, a seminar series.
    pub event: String,
    /// Where; `online` for a virtual talk.
    pub location: Option<String>,
    /// When.
    pub date: Option<Date>,
    /// Links: `slides`, `video`.
    pub links: Links,
    /// Documents to keep this entry out of (by name, or by kind: `resume`).
    pub exclude: Vec<String>,
    /// Topics for documents that pick entries by tag (`include_tags`, `exclude_tags`).
    pub tags: Vec<String>,
}

/// A course taught or assisted.
#[derive(Debug, Clone, Default, Deserialize, schemars::JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct Teaching {
    /// The course's name.
    pub course: String,
    /// Teaching assistant, lecturer, ...
    pub role: String,
    /// Where it was taught.
    pub institution: Option<String>,
    /// The term, as printed: `Spring 2021`.
    pub term: Option<String>,
    /// When (used for sorting and when no term is given).
    pub date: Option<Date>,
    /// The instructor, for an assistant.
    pub instructor: Option<String>,
    /// Documents to keep this entry out of (by name, or by kind: `resume`).
    pub exclude: Vec<String>,
    /// Topics for documents that pick entries by tag (`include_tags`, `exclude_tags`).
    pub tags: Vec<String>,
}

/// An award, honour or scholarship.
#[derive(Debug, Clone, Default, Deserialize, schemars::JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct Award {
    /// The award's name.
    pub title: String,
    /// Who gave it, when not in the name.
    pub issuer: Option<String>,
    /// When, or the years it covers, as printed: `2020/2021`.
    pub date: Option<Date>,
    /// Free-form period when a date does not fit: `2020/2021`.
    pub period: Option<String>,
    /// Rank or selectivity: `TOP-1`, `TOP 5%`.
    pub rank: Option<String>,
    /// Documents to keep this entry out of (by name, or by kind: `resume`).
    pub exclude: Vec<String>,
    /// Topics for documents that pick entries by tag (`include_tags`, `exclude_tags`).
    pub tags: Vec<String>,
}

/// A kind of service, with the places it was done for.
#[derive(Debug, Clone, Default, Deserialize, schemars::JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct Service {
    /// The role: `Reviewer`, `Program Committee Member`.
    pub role: String,
    /// Journals, conferences or bodies, in order.
    pub venues: Vec<String>,
    /// Free text instead of or after the venues.
    pub text: Option<String>,
    /// When, or the period, if it is one.
    pub date: Option<Date>,
    /// Documents to keep this entry out of (by name, or by kind: `resume`).
    pub exclude: Vec<String>,
    /// Topics for documents that pick entries by tag (`include_tags`, `exclude_tags`).
    pub tags: Vec<String>,
}

/// A labelled list of skills.
#[derive(Debug, Clone, Default, Deserialize, schemars::JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct Skill {
    /// The group's label: `Languages`.
    pub label: String,
    /// The skills.
    pub items: Vec<String>,
    /// Documents to keep this entry out of (by name, or by kind: `resume`).
    pub exclude: Vec<String>,
    /// Topics for documents that pick entries by tag (`include_tags`, `exclude_tags`).
    pub tags: Vec<String>,
}

/// A section of the user's own.
#[derive(Debug, Clone, Default, Deserialize, schemars::JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct CustomSection {
    /// The name the `[resume]` and `[cv]` tables use for it: `outreach`.
    pub id: String,
    /// The heading printed: `Outreach`.
    pub title: String,
    /// The entries.
    pub entries: Vec<CustomEntry>,
}

/// An entry of a custom section.
#[derive(Debug, Clone, Default, Deserialize, schemars::JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct CustomEntry {
    /// The main line.
    pub title: String,
    /// A second line: place, organisation.
    pub subtitle: Option<String>,
    /// When it started, or happened.
    pub date: Option<Date>,
    /// When it ended, for a period.
    pub end: Option<Date>,
    /// Bullet points.
    pub highlights: Vec<String>,
    /// Links, label to URL.
    pub links: Links,
    /// Documents to keep this entry out of (by name, or by kind: `resume`).
    pub exclude: Vec<String>,
    /// Topics for documents that pick entries by tag (`include_tags`, `exclude_tags`).
    pub tags: Vec<String>,
}
