//! The profile: everything about a person that their documents are made of (schema v1).
//!
//! These types are the schema. Every table denies unknown keys, so a typo is an error that
//! points at the key instead of a field that silently never shows up.

pub mod collaborators;
mod date;
pub mod design;
mod entries;
mod grants;
mod industry;
mod links;
mod load;
pub mod options;
mod pubtype;
pub mod sizes;
mod spans;
mod validate;
pub mod walk;

use serde::Deserialize;

pub use collaborators::{Collaborator, Collaborators};
pub use date::{Date, display_range};
pub use design::Design;
pub use entries::*;
pub use grants::*;
pub use industry::{Certification, Language, Position, Project, Volunteering};
pub use links::Links;
pub use load::{parse, parse_translated};
pub use options::{Format, GroupBy, Length, Named, Numbering, Paper, Select, VenueStyle};
pub use pubtype::{PUBLICATION_TYPES, PubType};
pub use spans::{KeyPath, Spans};
pub use validate::{Checker, check as validate, check_cites, normalise};

/// The whole profile file.
#[derive(Debug, Clone, Default, Deserialize, schemars::JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct Profile {
    /// The schema version; 1 today.
    pub schema: Option<u32>,
    /// When the profile was last brought up to date; printed as "last updated".
    pub updated: Option<Date>,
    /// Whether fonts installed on this system may be used after the embedded ones.
    pub system_fonts: bool,
    /// The documents' language: a built-in locale such as `de` or `zh-Hans` (default `en`).
    pub lang: Option<String>,
    /// The language a translated field falls back to when it lacks the document's (default
    /// `en`).
    pub default_lang: Option<String>,
    /// Strings of the locale replaced: `present = "now"`, `sections.news = "Updates"`.
    pub locale: std::collections::BTreeMap<String, LocaleString>,
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
    #[schemars(with = "crate::schema::OneOrMany")]
    pub bibliography: Vec<String>,
    /// The address that file names in the .bib files' link fields are read against:
    /// al-folio's `pdf = {paper.pdf}` links to `BASE/paper.pdf`. Without it such links are
    /// left out, with one warning per file.
    pub bibliography_base_url: Option<String>,
    /// Papers and preprints.
    pub publications: Vec<Publication>,
    /// How author lists mark equal contribution, corresponding authors and advisees.
    pub marks: Marks,
    /// Co-authors' organisations and other spellings, for `vita coa`: `"Yuezun Li" = "..."`.
    pub collaborators: Collaborators,
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
    /// A personal statement for grant documents (NIH: why you suit your role in the
    /// project); a document's table may give its own.
    pub personal_statement: Option<String>,
    /// Contributions to science: narratives, each citing publications by id.
    pub contributions: Vec<Contribution>,
    /// Academic, professional and institutional appointments.
    pub appointments: Vec<Appointment>,
    /// Grants and other funding.
    pub grants: Vec<Grant>,
    /// Students and postdocs supervised.
    pub supervision: Vec<Supervision>,
    /// Memberships of societies and bodies.
    pub memberships: Vec<Membership>,
    /// Outreach and public engagement.
    pub outreach: Vec<Outreach>,
    /// Software, as research products.
    pub software: Vec<Product>,
    /// Datasets, as research products.
    pub datasets: Vec<Product>,
    /// Synergistic activities (NSF).
    pub synergistic: Vec<Synergistic>,
    /// Projects: open source, products, side projects.
    pub projects: Vec<Project>,
    /// Certifications and licences.
    pub certifications: Vec<Certification>,
    /// Languages spoken, each with a level.
    pub languages: Vec<Language>,
    /// Volunteer work.
    pub volunteering: Vec<Volunteering>,
    /// Sections of the user's own, each with a title and entries.
    pub custom: Vec<CustomSection>,
    /// What the one-or-two-page resume shows.
    pub resume: DocSettings,
    /// What the long-form CV shows.
    pub cv: DocSettings,
    /// More documents made from the same data: `[documents.industry-resume]`.
    pub documents: Named<DocSettings>,
    /// PDF output settings.
    pub pdf: PdfSettings,
    /// How every document looks: a theme, and any of its values changed.
    pub design: Design,
}

/// Who the documents are about.
#[derive(Debug, Clone, Default, Deserialize, schemars::JsonSchema)]
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
    /// DBLP page address (`https://dblp.org/pid/229/8174.html`) or person id (`229/8174`).
    pub dblp: Option<String>,
    /// OpenAlex author id (`A5023888391`), for `vita sync`; not printed.
    pub openalex: Option<String>,
    /// Other profile links, label to URL.
    pub links: Links,
    /// A photo: an image file (PNG, JPEG or SVG) in the profile's folder, printed by the
    /// themes that have room for one.
    pub photo: Option<String>,
    /// The photo's bytes, read when the profile is loaded.
    #[serde(skip)]
    pub photo_file: Option<Photo>,
}

/// A photo's bytes and what kind of image they are.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Photo {
    /// `png`, `jpg` or `svg`: the virtual file's extension.
    pub ext: &'static str,
    /// The file's bytes, shared by every document that prints it (no copy per compile).
    pub bytes: typst::foundations::Bytes,
}

impl Photo {
    /// The virtual path layouts read it at: `/photo.png`.
    pub fn path(&self) -> String {
        format!("/photo.{}", self.ext)
    }
}

/// How author lists mark people.
#[derive(Debug, Clone, Default, Deserialize, schemars::JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct Marks {
    /// Students or advisees of the person, marked wherever they are authors.
    pub advisees: Vec<String>,
    /// The mark for advisees (default `‡`).
    pub advisee: Option<String>,
    /// What the legend says the advisee mark means (default "student advised by me").
    pub advisee_text: Option<String>,
}

/// What one document shows, and how it looks: `[resume]`, `[cv]`, or a named document
/// `[documents.NAME]`. Every key is optional; the document kind supplies the defaults.
#[derive(Debug, Clone, Default, Deserialize, schemars::JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct DocSettings {
    /// The kind of document (`resume`, `cv`); required for a named document.
    pub kind: Option<String>,
    /// This document's language, over the profile's `lang`.
    pub lang: Option<String>,
    /// Sections in the order they appear; absent means the document's default.
    pub sections: Option<Vec<String>>,
    /// At most this many entries of a section: `{ news = 3 }`.
    pub limit: std::collections::BTreeMap<String, usize>,
    /// Only entries with one of these tags, besides entries that have no tags.
    pub include_tags: Vec<String>,
    /// No entries with any of these tags.
    pub exclude_tags: Vec<String>,
    /// The output file name pattern for this document (`{name}-industry.pdf`).
    pub output: Option<options::Pattern>,
    /// The formats this document is written in (default `["pdf"]`; `--format` wins).
    pub formats: Option<Vec<Format>>,
    /// Which publications. Default: `all` on the CV; on the resume `selected` when any is,
    /// else `recent`.
    pub select: Option<Select>,
    /// The older spelling of `select = "selected"` (true) or `"all"` (false).
    pub selected_only: Option<bool>,
    /// How publications are grouped.
    pub group_by: Option<GroupBy>,
    /// The order of category groups (categories not named follow in the order first met).
    pub categories: Vec<String>,
    /// Publication numbers.
    pub numbering: Option<Numbering>,
    /// Whether numbers run on across groups (default) or start again in each.
    pub continuous_numbering: Option<bool>,
    /// Venue names: `short` (`ICCV 2021`) or `full`.
    pub venue: Option<VenueStyle>,
    /// Paper size.
    pub paper: Option<Paper>,
    /// Author lists longer than this are cut with "et al.", the person's own name kept.
    pub max_authors: Option<usize>,
    /// A funder's formatting rules to follow and check: `nih` or `ukri`.
    pub preset: Option<String>,
    /// Body type size in points.
    pub font_size: Option<f64>,
    /// The text face (the embedded one is `Noto Sans`; others need `--system-fonts`).
    pub font: Option<String>,
    /// Margin on every side: `2cm`, `0.75in`, `18mm`.
    pub margin: Option<Length>,
    /// The most pages the document may have; a longer one fails the build.
    pub max_pages: Option<usize>,
    /// Tighten spacing, then type size, until the document fits `max_pages`.
    pub fit: Option<bool>,
    /// The smallest type size `fit` may use, in points.
    pub min_font_size: Option<f64>,
    /// How this document looks, over the profile's `[design]`.
    pub design: Design,
    /// This document's personal statement, instead of the profile's.
    pub personal_statement: Option<String>,
    /// Products closely related to the project, by publication id (biosketches).
    pub products: Vec<String>,
    /// Other significant products, by publication id (biosketches).
    pub other_products: Vec<String>,
    /// Character limits per section, over the preset's: `{ personal_statement = 3500 }`.
    pub max_chars: std::collections::BTreeMap<String, usize>,
    /// Word limits per section, over the preset's: `{ personal_statement = 1000 }`.
    pub max_words: std::collections::BTreeMap<String, usize>,
    /// A letter's recipient, a line each: name, position, organisation, address.
    pub recipient: Vec<String>,
    /// A letter's date (default: the profile's `updated`, else `SOURCE_DATE_EPOCH`).
    pub date: Option<Date>,
    /// A letter's subject line.
    pub subject: Option<String>,
    /// A letter's salutation: `Dear Dr. Roe,`.
    pub opening: Option<String>,
    /// A letter's body, a paragraph each.
    pub paragraphs: Vec<String>,
    /// A letter's closing: `Yours sincerely,`.
    pub closing: Option<String>,
    /// The name signed under a letter (default: `person.name`).
    pub signature: Option<String>,
}

impl DocSettings {
    /// The letter keys this document sets, by name (a letter's own text).
    pub fn letter_keys(&self) -> Vec<&'static str> {
        [
            ("recipient", !self.recipient.is_empty()),
            ("date", self.date.is_some()),
            ("subject", self.subject.is_some()),
            ("opening", self.opening.is_some()),
            ("paragraphs", !self.paragraphs.is_empty()),
            ("closing", self.closing.is_some()),
            ("signature", self.signature.is_some()),
        ]
        .into_iter()
        .filter_map(|(k, set)| set.then_some(k))
        .collect()
    }
}

/// One entry of `[locale]`: a string, or a table of them (`[locale.sections]`).
#[derive(Debug, Clone, schemars::JsonSchema)]
#[serde(untagged)]
pub enum LocaleString {
    /// `present = "now"`.
    One(String),
    /// `sections = { news = "Updates" }`.
    Group(std::collections::BTreeMap<String, String>),
}

/// Read by hand, so a wrong type says what is wanted (serde's untagged enums say only that
/// nothing matched).
impl<'de> Deserialize<'de> for LocaleString {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> serde::de::Visitor<'de> for V {
            type Value = LocaleString;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("text, such as `\"dates.present\" = \"now\"`, or a table of texts, such as `[locale.sections]` with `news = \"Updates\"`")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Self::Value, E> {
                Ok(LocaleString::One(v.to_string()))
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut m: A,
            ) -> Result<Self::Value, A::Error> {
                let mut out = std::collections::BTreeMap::new();
                while let Some(k) = m.next_key::<String>()? {
                    let v = m.next_value::<Text>().map_err(|_| {
                        serde::de::Error::custom(format!(
                            "`{k}` in a table of `[locale]` strings is not text: write `{k} = \"...\"`"
                        ))
                    })?;
                    out.insert(k, v.0);
                }
                Ok(LocaleString::Group(out))
            }
        }
        /// A string, and nothing else.
        struct Text(String);
        impl<'de> Deserialize<'de> for Text {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                String::deserialize(d).map(Text)
            }
        }
        d.deserialize_any(V)
    }
}

impl Profile {
    /// The `[locale]` strings by id (`sections.news`), each with the key path it was written at.
    pub fn locale_strings(&self) -> Vec<(String, KeyPath, String)> {
        let mut out = vec![];
        for (k, v) in &self.locale {
            match v {
                LocaleString::One(s) => {
                    out.push((k.clone(), KeyPath::key("locale").k(k), s.clone()))
                }
                LocaleString::Group(m) => {
                    for (k2, s) in m {
                        out.push((
                            format!("{k}.{k2}"),
                            KeyPath::key("locale").k(k).k(k2),
                            s.clone(),
                        ));
                    }
                }
            }
        }
        out
    }
}

/// PDF output settings.
#[derive(Debug, Clone, Default, Deserialize, schemars::JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct PdfSettings {
    /// Standards to conform to: `a-2b`, `a-3b`, `a-2u`, `a-4`, `ua-1`, ...
    pub standards: Vec<String>,
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
    /// The `[design]` table and each document's `design` table, with where they are.
    pub fn design_tables(&self) -> Vec<(KeyPath, &Design)> {
        std::iter::once((KeyPath::key("design"), &self.design))
            .chain(
                self.documents()
                    .into_iter()
                    .map(|(name, s)| (KeyPath::document(name).k("design"), &s.design)),
            )
            .collect()
    }

    /// Every document the profile asks for, by name, in build order: `resume`, `cv`, then
    /// the named documents as written.
    pub fn documents(&self) -> Vec<(&str, &DocSettings)> {
        [("resume", &self.resume), ("cv", &self.cv)]
            .into_iter()
            .chain(self.documents.0.iter().map(|(n, s)| (n.as_str(), s)))
            .collect()
    }

    /// Every entry of every section.
    pub fn entries(&self) -> Vec<&dyn Entry> {
        fn all<T: Entry>(v: &[T]) -> impl Iterator<Item = &dyn Entry> {
            v.iter().map(|e| e as &dyn Entry)
        }
        all(&self.education)
            .chain(all(&self.experience))
            .chain(all(&self.news))
            .chain(all(&self.publications))
            .chain(all(&self.reports))
            .chain(all(&self.patents))
            .chain(all(&self.talks))
            .chain(all(&self.teaching))
            .chain(all(&self.awards))
            .chain(all(&self.service))
            .chain(all(&self.skills))
            .chain(all(&self.contributions))
            .chain(all(&self.appointments))
            .chain(all(&self.grants))
            .chain(all(&self.supervision))
            .chain(all(&self.memberships))
            .chain(all(&self.outreach))
            .chain(all(&self.software))
            .chain(all(&self.datasets))
            .chain(all(&self.synergistic))
            .chain(all(&self.projects))
            .chain(all(&self.certifications))
            .chain(all(&self.languages))
            .chain(all(&self.volunteering))
            .chain(self.custom.iter().flat_map(|c| all(&c.entries)))
            .collect()
    }

    /// The settings of the document with this name, if there is one.
    pub fn document(&self, name: &str) -> Option<&DocSettings> {
        self.documents()
            .into_iter()
            .find(|(n, _)| *n == name)
            .map(|(_, s)| s)
    }
}

/// The keys of the top level of a profile, read from [`Profile`] itself.
pub fn top_level_keys() -> &'static [&'static str] {
    options::field_names::<Profile>()
}

/// What every entry of a section has: the documents it stays out of, and its tags.
pub trait Entry {
    /// Documents (names or kinds) to keep this entry out of.
    fn exclude(&self) -> &[String];
    /// The entry's topics.
    fn tags(&self) -> &[String];
}

macro_rules! entries {
    ($($t:ty),+) => {
        $(impl Entry for $t {
            fn exclude(&self) -> &[String] {
                &self.exclude
            }
            fn tags(&self) -> &[String] {
                &self.tags
            }
        })+
    };
}

entries!(
    Education,
    Experience,
    News,
    Publication,
    Report,
    Patent,
    Talk,
    Teaching,
    Award,
    Service,
    Skill,
    CustomEntry,
    Contribution,
    Appointment,
    Grant,
    Supervision,
    Membership,
    Outreach,
    Product,
    Synergistic,
    Project,
    Certification,
    Language,
    Volunteering
);

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
