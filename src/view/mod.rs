//! What each document receives: the sections it shows, in order, with entries selected,
//! limited and put into the few plain shapes of [`model`] that layouts draw without knowing
//! the schema.
//!
//! Everything here is data: user text stays strings all the way into the layout.

mod grants;
mod industry;
pub mod model;
mod parts;
mod sections;
mod smart;
mod works;

use crate::document::{DefaultSections, Document};
use crate::locale::Locale;
use crate::names::OwnName;
use crate::profile::{Date, Profile};
use crate::style::Style;
use model::{Contact, Meta, PersonData, StyleData, View, Words, Ymd};

pub use grants::thousands;
pub use sections::{SECTIONS, SectionDef, section_len};

/// Options that come from outside the profile (the command line, the environment).
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// The document date when the profile has no `updated` (from `SOURCE_DATE_EPOCH`).
    pub date: Option<Date>,
}

/// What every section builder needs to know.
pub struct Ctx<'a> {
    /// The profile.
    pub p: &'a Profile,
    /// The document being made.
    pub doc: &'a Document,
    /// The person's own name, bold in author lists.
    pub me: OwnName,
    /// The person's advisees, marked in author lists.
    pub advisees: OwnName,
    /// The mark put after advisees' names.
    pub advisee_mark: char,
    /// What the legend says of the advisee mark, when the profile says.
    pub advisee_text: Option<&'a str>,
    /// Author lists longer than this are shortened with "et al.".
    pub max_authors: Option<usize>,
    /// The document's language, with the profile's `[locale]` strings.
    pub loc: Locale,
}

impl<'a> Ctx<'a> {
    /// The context for one document of a profile.
    pub fn new(p: &'a Profile, doc: &'a Document) -> Self {
        let loc = locale(p, doc.lang);
        Ctx {
            p,
            doc,
            me: p.person.own_name(),
            advisees: OwnName::new(p.marks.advisees.iter().map(String::as_str)),
            advisee_mark: p
                .marks
                .advisee
                .as_deref()
                .and_then(|m| m.chars().next())
                .unwrap_or('‡'),
            advisee_text: p.marks.advisee_text.as_deref(),
            max_authors: doc.max_authors(),
            loc,
        }
    }

    /// Entries of a list that this document shows, at most `limit` of them.
    pub fn shown<'e, T: crate::profile::Entry>(
        &self,
        list: &'e [T],
        limit: Option<usize>,
    ) -> impl Iterator<Item = &'e T> {
        let doc = self.doc;
        list.iter()
            .filter(move |e| doc.shows(*e))
            .take(limit.unwrap_or(usize::MAX))
    }

    /// Entries of a dated list (awards, service, talks) that this document shows, newest
    /// first, at most `limit` of them, so a limit keeps the newest. Undated entries (an
    /// ongoing role such as "Reviewer") come first, in the order written; entries of the
    /// same date keep theirs.
    pub fn newest_first<'e, T: crate::profile::Entry>(
        &self,
        list: &'e [T],
        limit: Option<usize>,
        date: impl Fn(&T) -> Option<Date>,
    ) -> impl Iterator<Item = &'e T> {
        let mut shown: Vec<&T> = list.iter().filter(|e| self.doc.shows(*e)).collect();
        shown.sort_by_key(|e| std::cmp::Reverse(date(e).map_or(Date::Present, |d| d)));
        shown.into_iter().take(limit.unwrap_or(usize::MAX))
    }
}

/// A built-in locale with the profile's `[locale]` strings put in.
pub fn locale(p: &Profile, lang: &str) -> Locale {
    let base = crate::locale::builtin(lang)
        .or_else(|| crate::locale::builtin("en"))
        .expect("the English locale is built in");
    base.with(p.locale_strings().into_iter().map(|(id, _, s)| (id, s)))
}

/// The ids of the sections a document shows, in order.
pub fn section_ids(p: &Profile, doc: &Document) -> Vec<String> {
    if let Some(list) = &doc.settings.sections {
        return list.clone();
    }
    let builtin: Vec<&str> = match doc.kind.sections {
        DefaultSections::Form(ids) => {
            return ids
                .iter()
                .filter(|id| section_len(p, id).unwrap_or(0) > 0)
                .map(|id| id.to_string())
                .collect();
        }
        DefaultSections::Only(ids) => ids.to_vec(),
        DefaultSections::AllBut(skip) => SECTIONS
            .iter()
            .map(|s| s.id)
            .filter(|id| !skip.contains(id))
            .collect(),
    };
    let builtin: Vec<String> = builtin.into_iter().map(String::from).collect();
    // A custom section standing in for a built-in of its id is listed once, in its place.
    let custom: Vec<String> = p
        .custom
        .iter()
        .map(|c| c.id.clone())
        .filter(|id| !builtin.contains(id))
        .collect();
    builtin
        .into_iter()
        .chain(custom)
        .filter(|id| section_len(p, id).unwrap_or(0) > 0)
        .collect()
}

/// The widest date the entries and items print, in columns (a CJK character counts two).
fn widest_date(sections: &[model::Section]) -> usize {
    let mut widest = 0;
    for s in sections {
        let dates: Vec<&str> = match &s.body {
            model::Body::Entries { entries, .. } => entries
                .iter()
                .flat_map(|e| {
                    std::iter::once(e.date.as_str()).chain(e.roles.iter().map(|r| r.date.as_str()))
                })
                .collect(),
            model::Body::Items { entries, .. } => {
                entries.iter().filter_map(|i| i.date.as_deref()).collect()
            }
            _ => vec![],
        };
        widest = dates.into_iter().map(columns).fold(widest, usize::max);
    }
    widest
}

/// A date's width in columns: a Latin letter or digit one, a Chinese, Japanese or Korean
/// character two, a letter of the Indic scripts or Thai (U+0900 to U+0E7F) one and a half
/// (their conjuncts and vowel signs draw wider than Unicode's one column).
fn columns(s: &str) -> usize {
    use unicode_width::UnicodeWidthChar;
    let halves: usize = s
        .chars()
        .map(|c| match u32::from(c) {
            0x0900..=0x0E7F => 3,
            _ => 2 * c.width().unwrap_or(0),
        })
        .sum();
    halves.div_ceil(2)
}

/// Builds the data one document's layout receives.
pub fn view(p: &Profile, doc: &Document, opts: &Options, style: &Style) -> View {
    let mut ctx = Ctx::new(p, doc);
    ctx.loc.dates = style.look.date_format;
    let sections: Vec<model::Section> = section_ids(p, doc)
        .iter()
        .filter_map(|id| sections::build(&ctx, id))
        .collect();
    let date_columns = widest_date(&sections);
    let date = p.updated.or(opts.date);
    let loc = &ctx.loc;
    let person = person(p, loc, style.look.photo);
    let kind = format!("documents.{}", doc.kind.name);
    let title = loc.lookup(&kind).unwrap_or(doc.kind.title);
    let mut view = View {
        doc: doc.kind.name,
        name: doc.name.clone(),
        lang: loc.typst_lang.clone(),
        region: loc.typst_region.clone(),
        locale: loc.tag.to_string(),
        style: StyleData {
            paper: style.paper.name(),
            size: style.size,
            margin: style.margin,
            font: style.font.clone(),
            footer: style.footer,
            spacing: style.spacing,
            section_spacing: style.section_spacing,
            margin_scale: style.margin_scale,
            date_columns,
        },
        theme: style.theme.clone(),
        look: style.look.clone(),
        meta: Meta {
            title: loc.fill(
                "documents.title",
                &[("name", &person.name), ("title", title)],
            ),
            author: person.name.clone(),
            keywords: p.interests.clone(),
            date: date
                .and_then(|d| d.ymd())
                .map(|(year, month, day)| Ymd { year, month, day }),
        },
        updated: date.map(|d| loc.date_long(&d)),
        words: Words {
            colon: loc.get("labels.colon").to_string(),
            open: loc.get("labels.open").to_string(),
            close: loc.get("labels.close").to_string(),
            stop: loc.get("labels.stop").to_string(),
            comma: loc.get("labels.comma").to_string(),
            names: loc.get("labels.names").to_string(),
            updated: date.map(|d| loc.fill("footer.updated", &[("date", &loc.date_long(&d))])),
        },
        person,
        sections,
        letter: (doc.kind.name == "letter").then(|| {
            // The letter's text as read in its language: `p` is the profile in the
            // document's language, `doc.settings` as read in the profile's own.
            let s = p
                .documents()
                .into_iter()
                .find(|(n, _)| *n == doc.name)
                .map_or(&doc.settings, |(_, s)| s);
            model::LetterData {
                recipient: s.recipient.clone(),
                date: s.date.or(date).map(|d| loc.date_long(&d)),
                subject: s.subject.clone(),
                opening: s.opening.clone(),
                paragraphs: s.paragraphs.clone(),
                closing: s.closing.clone(),
                signature: s.signature.clone().unwrap_or_else(|| p.person.name.clone()),
            }
        }),
        left_out: 0,
    };
    if style.look.smart_punctuation {
        smart::apply(
            &mut view,
            &crate::locale::smart::Quotes::parse(loc.get("labels.quotes")),
        );
    }
    view
}

fn person(p: &Profile, loc: &Locale, show_photo: bool) -> PersonData {
    let pp = &p.person;
    let mut contacts = vec![];
    let mut add = |kind: &'static str, text: &str, url: Option<String>| {
        contacts.push(Contact {
            kind,
            text: text.to_string(),
            url,
        });
    };
    if let Some(v) = &pp.location {
        add("location", v, None);
    }
    if let Some(v) = &pp.email {
        add("email", v, Some(format!("mailto:{v}")));
    }
    if let Some(v) = &pp.phone {
        add("phone", v, tel(v));
    }
    if let Some(v) = &pp.homepage {
        add("homepage", strip_scheme(v), Some(v.clone()));
    }
    if let Some(v) = &pp.github {
        add(
            "github",
            &format!("github.com/{v}"),
            Some(format!("https://github.com/{}", escape(v))),
        );
    }
    if let Some(v) = &pp.scholar {
        add(
            "scholar",
            "Google Scholar",
            Some(format!(
                "https://scholar.google.com/citations?user={}",
                escape(v)
            )),
        );
    }
    if let Some(v) = &pp.orcid {
        add(
            "orcid",
            &format!("ORCID {v}"),
            Some(format!("https://orcid.org/{}", escape(v))),
        );
    }
    if let Some(v) = &pp.linkedin {
        add(
            "linkedin",
            &format!("linkedin.com/in/{v}"),
            Some(format!("https://www.linkedin.com/in/{}", escape(v))),
        );
    }
    if let Some(v) = &pp.dblp {
        add("dblp", "DBLP", Some(crate::ids::dblp_url(v)));
    }
    for (label, url) in &pp.links.0 {
        add("link", label, Some(url.clone()));
    }
    // Chinese, Japanese and Korean documents put a name in their own script first.
    let (name, native_name) = match &pp.native_name {
        Some(native) if native_first(&loc.typst_lang, native) => {
            (native.clone(), Some(pp.name.clone()))
        }
        _ => (pp.name.clone(), pp.native_name.clone()),
    };
    PersonData {
        name,
        native_name,
        headline: pp.headline.clone(),
        contacts,
        photo: pp
            .photo_file
            .as_ref()
            .filter(|_| show_photo)
            .map(|f| f.path()),
    }
}

/// Whether a document in this language (ISO 639) puts this native name first: a Chinese one
/// written in Han characters, a Japanese one in kanji or kana, a Korean one in Hangul.
fn native_first(lang: &str, native: &str) -> bool {
    let any = |ranges: &[std::ops::RangeInclusive<u32>]| {
        native
            .chars()
            .any(|c| ranges.iter().any(|r| r.contains(&u32::from(c))))
    };
    let han = [0x3400..=0x9FFF, 0xF900..=0xFAFF, 0x20000..=0x3134F];
    match lang {
        "zh" => any(&han),
        "ja" => any(&han) || any(&[0x3040..=0x30FF]),
        "ko" => any(&[0xAC00..=0xD7AF, 0x1100..=0x11FF]),
        _ => false,
    }
}

/// A `tel:` link for a phone number as people write it (RFC 3966): `+86 (755) 1234-5678
/// ext. 9` -> `tel:+8675512345678;ext=9`; `None` when it has no digits.
fn tel(phone: &str) -> Option<String> {
    let lower = phone.to_lowercase();
    let (number, ext) = ["extension", "ext.", "ext", " x", "#"]
        .iter()
        .find_map(|m| lower.find(m).map(|i| (&phone[..i], &phone[i + m.len()..])))
        .unwrap_or((phone, ""));
    let digits = |s: &str| s.chars().filter(char::is_ascii_digit).collect::<String>();
    let main = digits(number);
    if main.is_empty() {
        return None;
    }
    let plus = if number.trim_start().starts_with('+') {
        "+"
    } else {
        ""
    };
    let ext = digits(ext);
    let ext = if ext.is_empty() {
        String::new()
    } else {
        format!(";ext={ext}")
    };
    Some(format!("tel:{plus}{main}{ext}"))
}

/// Percent-encodes an id for a URL: everything but letters, digits and `-._~`.
fn escape(id: &str) -> String {
    let mut out = String::new();
    for b in id.trim().bytes() {
        if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// `https://example.org/` -> `example.org`.
fn strip_scheme(url: &str) -> &str {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    rest.strip_suffix('/').unwrap_or(rest)
}

#[cfg(test)]
mod tests;
