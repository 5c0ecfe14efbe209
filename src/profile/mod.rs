//! The profile: everything about a person that their documents are made of (schema v1).
//!
//! These types are the schema. Every table denies unknown keys, so a typo is an error that
//! points at the key instead of a field that silently never shows up.

mod date;
#[cfg(test)]
mod fuzz;
mod links;
mod load;
mod pubtype;
mod spans;
mod validate;

use serde::Deserialize;

pub use date::{Date, display_range};
pub use links::Links;
pub use load::{Loaded, MAX_PROFILE_BYTES, load, load_bytes, load_str};
pub use pubtype::{PUBLICATION_TYPES, PubType};
pub use spans::{KeyPath, Spans};

/// The whole profile file.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Profile {
    /// The schema version; 1 today.
    pub schema: Option<u32>,
    /// When the profile was last brought up to date; printed as "last updated".
    pub updated: Option<Date>,
    /// The document language as an ISO 639 code (default `en`).
    pub lang: Option<String>,
    /// Who the documents are about.
    pub person: Person,
    /// A short bio, a paragraph or two.
    pub summary: Option<String>,
    /// Research interests, as short phrases.
    pub interests: Vec<String>,
    /// Degrees.
    pub education: Vec<Education>,
    /// Jobs, internships, positions.
    pub experience: Vec<Experience>,
    /// Dated news items.
    pub news: Vec<News>,
    /// BibTeX/BibLaTeX files whose entries join `publications`, relative to the profile.
    #[serde(deserialize_with = "one_or_many")]
    pub bibliography: Vec<String>,
    /// Papers and preprints.
    pub publications: Vec<Publication>,
    /// How author lists mark equal contribution, corresponding authors and advisees.
    pub marks: Marks,
    /// Technical reports.
    pub reports: Vec<Report>,
    /// Patents and patent applications.
    pub patents: Vec<Patent>,
    /// Invited and contributed talks.
    pub talks: Vec<Talk>,
    /// Courses taught or assisted.
    pub teaching: Vec<Teaching>,
    /// Awards, honours, scholarships.
    pub awards: Vec<Award>,
    /// Reviewing, committees, organising.
    pub service: Vec<Service>,
    /// Skills, grouped under a label each.
    pub skills: Vec<Skill>,
    /// Sections of the user's own, each with a title and entries.
    pub custom: Vec<CustomSection>,
    /// What the one-or-two-page resume shows.
    pub resume: Variant,
    /// What the long-form CV shows.
    pub cv: Variant,
    /// PDF output settings.
    pub pdf: PdfSettings,
}

/// Who the documents are about.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Person {
    /// The name as it is printed, and matched in author lists.
    pub name: String,
    /// The name in the person's own script, such as 李一鸣.
    pub native_name: Option<String>,
    /// Other spellings of the name in author lists (`Y. Li`, `李一鸣`).
    pub aliases: Vec<String>,
    /// One line under the name: position and institution.
    pub headline: Option<String>,
    /// E-mail address.
    pub email: Option<String>,
    /// Phone number, as it should be printed.
    pub phone: Option<String>,
    /// City, country or institution address.
    pub location: Option<String>,
    /// Personal homepage URL.
    pub homepage: Option<String>,
    /// GitHub user name.
    pub github: Option<String>,
    /// Google Scholar user id (the `user=` value of the profile URL).
    pub scholar: Option<String>,
    /// ORCID iD, such as `0000-0002-1825-0097`.
    pub orcid: Option<String>,
    /// LinkedIn profile name (the part after `/in/`).
    pub linkedin: Option<String>,
    /// DBLP profile URL.
    pub dblp: Option<String>,
    /// Other profile links, label to URL.
    pub links: Links,
}

/// A degree.
#[derive(Debug, Clone, Default, Deserialize)]
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
    /// Documents to keep this entry out of.
    pub exclude: Vec<String>,
}

/// A position held.
#[derive(Debug, Clone, Default, Deserialize)]
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
    /// Documents to keep this entry out of.
    pub exclude: Vec<String>,
}

/// A dated news item.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct News {
    /// When it happened.
    pub date: Option<Date>,
    /// What happened, one sentence.
    pub text: String,
    /// Documents to keep this entry out of.
    pub exclude: Vec<String>,
}

/// A paper.
#[derive(Debug, Clone, Default, Deserialize)]
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
    /// Documents to keep this entry out of.
    pub exclude: Vec<String>,
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
}

/// How author lists mark people.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Marks {
    /// Students or advisees of the person, marked wherever they are authors.
    pub advisees: Vec<String>,
    /// The mark for advisees (default `‡`).
    pub advisee: Option<String>,
    /// What the legend says the advisee mark means (default "student advised by me").
    pub advisee_text: Option<String>,
}

/// A technical report.
#[derive(Debug, Clone, Default, Deserialize)]
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
    /// Documents to keep this entry out of.
    pub exclude: Vec<String>,
}

/// A patent or patent application.
#[derive(Debug, Clone, Default, Deserialize)]
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
    /// Documents to keep this entry out of.
    pub exclude: Vec<String>,
}

/// A talk.
#[derive(Debug, Clone, Default, Deserialize)]
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
    /// Documents to keep this entry out of.
    pub exclude: Vec<String>,
}

/// A course taught or assisted.
#[derive(Debug, Clone, Default, Deserialize)]
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
    /// Documents to keep this entry out of.
    pub exclude: Vec<String>,
}

/// An award, honour or scholarship.
#[derive(Debug, Clone, Default, Deserialize)]
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
    /// Documents to keep this entry out of.
    pub exclude: Vec<String>,
}

/// A kind of service, with the places it was done for.
#[derive(Debug, Clone, Default, Deserialize)]
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
    /// Documents to keep this entry out of.
    pub exclude: Vec<String>,
}

/// A labelled list of skills.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Skill {
    /// The group's label: `Languages`.
    pub label: String,
    /// The skills.
    pub items: Vec<String>,
    /// Documents to keep this entry out of.
    pub exclude: Vec<String>,
}

/// A section of the user's own.
#[derive(Debug, Clone, Default, Deserialize)]
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
#[derive(Debug, Clone, Default, Deserialize)]
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
    /// Documents to keep this entry out of.
    pub exclude: Vec<String>,
}

/// What one document shows, and how it looks.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Variant {
    /// Sections in the order they appear; absent means the document's default.
    pub sections: Option<Vec<String>>,
    /// At most this many entries of a section: `{ news = 3 }`.
    pub limit: std::collections::BTreeMap<String, usize>,
    /// Which publications: `all`, `selected`, `recent` (the newest, up to the limit) or
    /// `first-author` (first-author papers first). Default: `all` on the CV; on the resume
    /// `selected` when any is, else `recent`.
    pub select: Option<String>,
    /// The older spelling of `select = "selected"` (true) or `"all"` (false).
    pub selected_only: Option<bool>,
    /// How publications are grouped: `category`, `type` or `none`.
    pub group_by: Option<String>,
    /// The order of category groups (categories not named follow in the order first met).
    pub categories: Vec<String>,
    /// Publication numbers: `forward` (1 = newest), `reverse` (highest = newest) or `none`.
    pub numbering: Option<String>,
    /// Whether numbers run on across groups (default) or start again in each.
    pub continuous_numbering: Option<bool>,
    /// Venue names: `short` (`ICCV 2021`) or `full`.
    pub venue: Option<String>,
    /// Paper size: `a4` or `us-letter`.
    pub paper: Option<String>,
    /// Author lists longer than this are cut with "et al.", the person's own name kept.
    pub max_authors: Option<usize>,
    /// A funder's formatting rules to follow and check: `nih` or `ukri`.
    pub preset: Option<String>,
    /// Body type size in points.
    pub font_size: Option<f64>,
    /// The text face (the embedded one is `Noto Sans`; others need `--system-fonts`).
    pub font: Option<String>,
    /// Margin on every side: `2cm`, `0.75in`, `18mm`.
    pub margin: Option<String>,
    /// The most pages the document may have; a longer one fails the build.
    pub max_pages: Option<usize>,
    /// Tighten spacing, then type size, until the document fits `max_pages`.
    pub fit: Option<bool>,
    /// The smallest type size `fit` may use, in points.
    pub min_font_size: Option<f64>,
}

/// PDF output settings.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct PdfSettings {
    /// Standards to conform to: `a-2b`, `a-3b`, `a-2u`, `a-4`, `ua-1`, ...
    pub standards: Vec<String>,
}

/// Kinds of document vita makes from one profile.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Doc {
    /// The short resume, at most two pages.
    Resume,
    /// The long-form academic CV.
    Cv,
}

impl Doc {
    /// Both documents, in build order.
    pub const ALL: [Doc; 2] = [Doc::Resume, Doc::Cv];

    /// The name used in files, flags and `exclude` lists.
    pub fn name(self) -> &'static str {
        match self {
            Doc::Resume => "resume",
            Doc::Cv => "cv",
        }
    }
}

impl Person {
    /// A matcher for every spelling of the person's name: name, native name, aliases.
    pub fn own_name(&self) -> crate::names::OwnName {
        crate::names::OwnName::new(
            std::iter::once(self.name.as_str())
                .chain(self.native_name.as_deref())
                .chain(self.aliases.iter().map(String::as_str)),
        )
    }
}

impl Profile {
    /// The variant settings of one document.
    pub fn variant(&self, doc: Doc) -> &Variant {
        match doc {
            Doc::Resume => &self.resume,
            Doc::Cv => &self.cv,
        }
    }
}

/// Every built-in section: the name used in `[resume]`/`[cv]` and its heading.
pub const SECTIONS: &[(&str, &str)] = &[
    ("summary", "Summary"),
    ("interests", "Research Interests"),
    ("education", "Education"),
    ("experience", "Experience"),
    ("publications", "Publications"),
    ("reports", "Technical Reports"),
    ("patents", "Patents"),
    ("talks", "Invited Talks"),
    ("teaching", "Teaching"),
    ("awards", "Awards and Honors"),
    ("service", "Professional Service"),
    ("skills", "Skills"),
    ("news", "News"),
];

/// The keys of the top level of a profile (a typo check for keys put under a table by mistake).
pub const TOP_LEVEL_KEYS: &[&str] = &[
    "schema",
    "updated",
    "lang",
    "person",
    "summary",
    "interests",
    "education",
    "experience",
    "news",
    "bibliography",
    "publications",
    "marks",
    "reports",
    "patents",
    "talks",
    "teaching",
    "awards",
    "service",
    "skills",
    "custom",
    "resume",
    "cv",
];

/// The values of `select`, `group_by`, `numbering` and `venue` in `[resume]` and `[cv]`.
pub const SELECT: &[&str] = &["all", "selected", "recent", "first-author"];
/// See [`SELECT`].
pub const GROUP_BY: &[&str] = &["category", "type", "none"];
/// See [`SELECT`].
pub const NUMBERING: &[&str] = &["forward", "reverse", "none"];
/// See [`SELECT`].
pub const VENUE: &[&str] = &["short", "full"];

/// A list that may also be written as a single string: `"pubs.bib"` or `["a.bib", "b.bib"]`.
fn one_or_many<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum OneOrMany {
        One(String),
        Many(Vec<String>),
    }
    match OneOrMany::deserialize(d) {
        Ok(OneOrMany::One(s)) => Ok(vec![s]),
        Ok(OneOrMany::Many(v)) => Ok(v),
        Err(_) => Err(serde::de::Error::custom(
            "expected a file name or a list of file names, such as `[\"pubs.bib\"]`",
        )),
    }
}

/// The paper sizes a document can be set on.
pub const PAPERS: &[&str] = &["a4", "us-letter"];

/// How many entries a section has in the profile (0 for an unknown name).
pub fn section_len(p: &Profile, id: &str) -> usize {
    match id {
        "summary" => usize::from(p.summary.as_deref().is_some_and(|s| !s.trim().is_empty())),
        "interests" => p.interests.len(),
        "education" => p.education.len(),
        "experience" => p.experience.len(),
        // Before the .bib files are read, a bibliography counts as content.
        "publications" => p
            .publications
            .len()
            .max(usize::from(!p.bibliography.is_empty())),
        "reports" => p.reports.len(),
        "patents" => p.patents.len(),
        "talks" => p.talks.len(),
        "teaching" => p.teaching.len(),
        "awards" => p.awards.len(),
        "service" => p.service.len(),
        "skills" => p.skills.len(),
        "news" => p.news.len(),
        other => p
            .custom
            .iter()
            .find(|c| c.id == other)
            .map_or(0, |c| c.entries.len()),
    }
}
