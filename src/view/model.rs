//! The data a layout receives, as types: what `json("/profile.json")` reads in Typst.
//!
//! A few plain shapes (text, tags, entries, items, works) carry every section, so a layout
//! draws any section without knowing the profile's schema. Field names here are the names
//! layouts use; `tests/snapshots/` holds the JSON of the example profile.

use serde::Serialize;

/// Everything one document's layout receives.
#[derive(Debug, Clone, Serialize)]
pub struct View {
    /// The kind of document (`resume`, `cv`): layouts differ by it.
    pub doc: &'static str,
    /// The document's name (`cv`, or a named document's).
    pub name: String,
    /// The document language as Typst takes it, ISO 639 (`zh`).
    pub lang: String,
    /// The region as Typst takes it (`CN`), if any.
    pub region: Option<String>,
    /// The locale's tag (`zh-Hans`), for HTML and other outputs.
    pub locale: String,
    /// Paper, type and spacing.
    pub style: StyleData,
    /// The look: colours, faces, sizes and gaps of the theme, for this kind of document.
    pub theme: crate::style::theme::ResolvedTheme,
    /// How the parts are arranged: header, section titles, dates, links, footer.
    pub look: crate::profile::design::Look,
    /// PDF metadata.
    pub meta: Meta,
    /// The document date in the document's language, if there is one.
    pub updated: Option<String>,
    /// Words the layout prints around the profile's text, in the document's language.
    pub words: Words,
    /// The header: name and contacts.
    pub person: PersonData,
    /// The sections, in order.
    pub sections: Vec<Section>,
    /// A letter's own text (for the `letter` kind only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub letter: Option<LetterData>,
    /// Lines cut before layout because the document could never hold them (`build::bound`).
    #[serde(skip)]
    pub left_out: usize,
}

/// A cover letter's text, as written in its document's table.
#[derive(Debug, Clone, Serialize)]
pub struct LetterData {
    /// The recipient, a line each.
    pub recipient: Vec<String>,
    /// The date, written out: `November 20, 2026`.
    pub date: Option<String>,
    /// The subject line.
    pub subject: Option<String>,
    /// The salutation.
    pub opening: Option<String>,
    /// The body, a paragraph each.
    pub paragraphs: Vec<String>,
    /// The closing.
    pub closing: Option<String>,
    /// The name signed.
    pub signature: String,
}

/// Words a layout prints around the profile's text, in the document's language.
#[derive(Debug, Clone, Serialize)]
pub struct Words {
    /// Between a label and its text: `: `, `\u{202f}: ` (a narrow no-break space) in French,
    /// `：` in Chinese.
    pub colon: String,
    /// Before a note after a text: ` (` (its space unbreakable), `（` in Chinese.
    pub open: String,
    /// After the note: `)`, `）` in Chinese.
    pub close: String,
    /// After a part of a reference (`Title. Venue`): `. `, `。` in Chinese and Japanese.
    pub stop: String,
    /// Between parts (`Venue, 2021`, a role and its organisation): `, `, `，` in Chinese.
    pub comma: String,
    /// Between authors: `, `, `、` in Chinese and Japanese.
    pub names: String,
    /// `last updated September 29, 2021`, if there is a date.
    pub updated: Option<String>,
}

impl Words {
    /// What follows a part of a reference (its authors, its title): the stop (`. `, `。`);
    /// after a part that ends in a stop of its own ("et al.", "Is Attention All You Need?"),
    /// only the stop's space, if it has one. The one rule the layouts (`work` in
    /// `common.typ`) and the text, HTML and Word exports follow.
    pub fn after(&self, part: &str) -> &str {
        let own = part
            .trim_end()
            .ends_with(['.', '?', '!', '。', '？', '！', '…', '؟', '।']);
        match (own, self.stop.ends_with(' ')) {
            (false, _) => &self.stop,
            (true, true) => " ",
            (true, false) => "",
        }
    }

    /// The stop that ends a reference's venue and date (`.`, `。`).
    pub fn end(&self) -> &str {
        self.stop.trim_end()
    }

    /// `Last updated September 29, 2021`: the footer's words as a sentence of their own.
    pub fn updated_sentence(&self) -> Option<String> {
        let s = self.updated.as_deref()?;
        let mut chars = s.chars();
        let first = chars.next()?;
        Some(first.to_uppercase().chain(chars).collect())
    }
}

/// The style as the layout receives it.
#[derive(Debug, Clone, Serialize)]
pub struct StyleData {
    /// `a4` or `us-letter`.
    pub paper: &'static str,
    /// Body type size in points.
    pub size: f64,
    /// Margin on every side in points, or `none` for the layout's own.
    pub margin: Option<f64>,
    /// The text face.
    pub font: String,
    /// Whether a running footer is printed.
    pub footer: bool,
    /// A factor on the space between entries and works (1 = the theme's).
    pub spacing: f64,
    /// A factor on the space above section titles (1 = the theme's).
    pub section_spacing: f64,
    /// A factor on the theme's margins (1 = the theme's).
    pub margin_scale: f64,
    /// The widest date of the entries and items, in columns (a Chinese character is two):
    /// a date column at the left is made wide enough for it (`sept. 2018 – aujourd’hui`).
    pub date_columns: usize,
}

/// PDF metadata.
#[derive(Debug, Clone, Serialize)]
pub struct Meta {
    /// `Name – Curriculum Vitae`.
    pub title: String,
    /// The person's name.
    pub author: String,
    /// Research interests, as keywords.
    pub keywords: Vec<String>,
    /// The document date.
    pub date: Option<Ymd>,
}

/// A calendar date.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct Ymd {
    /// The year.
    pub year: i32,
    /// The month, 1 to 12.
    pub month: u8,
    /// The day, 1 to 31.
    pub day: u8,
}

/// The person, for the header.
#[derive(Debug, Clone, Serialize)]
pub struct PersonData {
    /// The name.
    pub name: String,
    /// The name in the person's own script.
    pub native_name: Option<String>,
    /// One line under the name.
    pub headline: Option<String>,
    /// Contact items in order.
    pub contacts: Vec<Contact>,
    /// The photo's virtual path (`/photo.jpg`) for `image(...)`, when the profile has one
    /// and the document's look shows it.
    pub photo: Option<String>,
}

/// One contact item: `email`, `github`, ...
#[derive(Debug, Clone, Serialize)]
pub struct Contact {
    /// What it is: `location`, `email`, `phone`, `homepage`, `github`, `link`, ...
    pub kind: &'static str,
    /// The text printed.
    pub text: String,
    /// Where it links to.
    pub url: Option<String>,
}

/// One section: its id and heading, and its body in one of the shapes.
#[derive(Debug, Clone, Serialize)]
pub struct Section {
    /// The section's id (`publications`, or a custom id).
    pub id: String,
    /// The heading printed.
    pub title: String,
    /// The entries, in one of the shapes.
    #[serde(flatten)]
    pub body: Body,
}

/// The shapes a section's body takes.
#[derive(Debug, Clone, Serialize)]
#[serde(tag = "shape", rename_all = "lowercase")]
pub enum Body {
    /// A paragraph.
    Text {
        /// The paragraph.
        text: String,
    },
    /// Short phrases in a row.
    Tags {
        /// The phrases.
        items: Vec<String>,
    },
    /// Titled entries with a date column: education, experience, talks.
    Entries {
        /// Whether entries sit closer together (one-line entries).
        compact: bool,
        /// The entries.
        entries: Vec<Entry>,
    },
    /// One-line items with an optional label and date: awards, service, skills, news.
    Items {
        /// Whether the date comes first (news).
        date_first: bool,
        /// The items.
        entries: Vec<Item>,
    },
    /// Authored works in groups: publications, reports, patents.
    Works {
        /// Whether the works carry numbers.
        numbered: bool,
        /// The groups, in order.
        groups: Vec<Group>,
        /// What the marks used in the author lists mean.
        legend: Vec<LegendLine>,
    },
}

impl Body {
    /// Whether there is nothing to print.
    pub fn is_empty(&self) -> bool {
        match self {
            Body::Text { text } => text.is_empty(),
            Body::Tags { items } => items.is_empty(),
            Body::Entries { entries, .. } => entries.is_empty(),
            Body::Items { entries, .. } => entries.is_empty(),
            Body::Works { groups, .. } => groups.iter().all(|g| g.entries.is_empty()),
        }
    }
}

/// A titled entry.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Entry {
    /// The main line: degree, role, talk title.
    pub title: String,
    /// The second line: institution, organisation, event.
    pub subtitle: Option<String>,
    /// Where.
    pub location: Option<String>,
    /// When, as printed.
    pub date: String,
    /// Labelled lines: `Advisor: ...`.
    pub lines: Vec<Line>,
    /// Bullet points.
    pub bullets: Vec<String>,
    /// Links.
    pub links: Vec<Link>,
    /// Several roles at the organisation in the title (promotions), newest first; each
    /// with its own dates and bullets. Absent for an entry of one role.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub roles: Vec<Role>,
}

/// One of several roles under an entry: a position held at its organisation.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Role {
    /// The job title.
    pub title: String,
    /// When, as printed.
    pub date: String,
    /// Where, when it differs from the entry's place.
    pub location: Option<String>,
    /// Bullet points.
    pub bullets: Vec<String>,
}

/// A line with an optional label: `Thesis: ...`.
#[derive(Debug, Clone, Serialize)]
pub struct Line {
    /// The label, printed before the text.
    pub label: Option<String>,
    /// The text.
    pub text: String,
}

/// A labelled link.
#[derive(Debug, Clone, Serialize)]
pub struct Link {
    /// The label printed.
    pub label: String,
    /// The URL.
    pub url: String,
}

/// A one-line item.
#[derive(Debug, Clone, Serialize)]
pub struct Item {
    /// A label before the text (`Reviewer`), if any.
    pub label: Option<String>,
    /// The text.
    pub text: String,
    /// A note after the text (`TOP 1%`).
    pub note: Option<String>,
    /// When, as printed.
    pub date: Option<String>,
}

/// A group of works under an optional sub-heading.
#[derive(Debug, Clone, Serialize)]
pub struct Group {
    /// The sub-heading (`Backdoor Learning`), if grouped.
    pub title: Option<String>,
    /// The works.
    pub entries: Vec<Work>,
}

/// An authored work as printed.
#[derive(Debug, Clone, Serialize)]
pub struct Work {
    /// The title.
    pub title: String,
    /// The authors, with marks, the person's own name flagged.
    pub authors: Vec<Author>,
    /// The venue, in italics.
    pub venue: Option<String>,
    /// Volume, issue and pages.
    pub venue_detail: Option<String>,
    /// The year or date.
    pub date: Option<String>,
    /// An award, printed to stand out.
    pub award: Option<String>,
    /// Short notes: oral, acceptance rate, citations.
    pub notes: Vec<String>,
    /// Plain text after the rest: a number, a status.
    pub detail: Option<String>,
    /// Links.
    pub links: Vec<Link>,
    /// A sentence about the work, on a line of its own.
    pub remark: Option<String>,
    /// The work's number in the list.
    pub number: Option<usize>,
}

/// An author of a work.
#[derive(Debug, Clone, Serialize)]
pub struct Author {
    /// The name as written, without marks.
    pub name: String,
    /// Marks after the name: `*`, `†`, the advisee mark.
    pub marks: String,
    /// Whether this is the person the documents are about.
    pub me: bool,
}

/// What a mark means.
#[derive(Debug, Clone, Serialize)]
pub struct LegendLine {
    /// The mark.
    pub mark: String,
    /// What it means.
    pub text: String,
}
