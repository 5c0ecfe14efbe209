//! Languages as data: one file per locale in `locales/` with every string vita prints and
//! its date forms, embedded in the binary. A profile's `[locale]` table replaces any string.
//!
//! A new language is one file in `locales/` and a row of [`BUILTIN`].

mod check;
mod dates;
pub mod smart;
pub mod translate;

pub use check::{check, language};

use std::collections::BTreeMap;
use std::sync::OnceLock;

/// The built-in locales: tag and file.
pub const BUILTIN: &[(&str, &str)] = &[
    ("en", include_str!("../../locales/en.toml")),
    ("en-GB", include_str!("../../locales/en-GB.toml")),
    ("zh-Hans", include_str!("../../locales/zh-Hans.toml")),
    ("zh-Hant", include_str!("../../locales/zh-Hant.toml")),
    ("ja", include_str!("../../locales/ja.toml")),
    ("ko", include_str!("../../locales/ko.toml")),
    ("de", include_str!("../../locales/de.toml")),
    ("fr", include_str!("../../locales/fr.toml")),
    ("es", include_str!("../../locales/es.toml")),
    ("it", include_str!("../../locales/it.toml")),
    ("pt", include_str!("../../locales/pt.toml")),
    ("nl", include_str!("../../locales/nl.toml")),
    ("ru", include_str!("../../locales/ru.toml")),
    ("pl", include_str!("../../locales/pl.toml")),
    ("cs", include_str!("../../locales/cs.toml")),
    ("uk", include_str!("../../locales/uk.toml")),
    ("el", include_str!("../../locales/el.toml")),
    ("tr", include_str!("../../locales/tr.toml")),
    ("hu", include_str!("../../locales/hu.toml")),
    ("ro", include_str!("../../locales/ro.toml")),
    ("sv", include_str!("../../locales/sv.toml")),
    ("da", include_str!("../../locales/da.toml")),
    ("nb", include_str!("../../locales/nb.toml")),
    ("fi", include_str!("../../locales/fi.toml")),
    ("vi", include_str!("../../locales/vi.toml")),
    ("id", include_str!("../../locales/id.toml")),
    ("ar", include_str!("../../locales/ar.toml")),
    ("he", include_str!("../../locales/he.toml")),
    ("fa", include_str!("../../locales/fa.toml")),
    ("th", include_str!("../../locales/th.toml")),
    ("hi", include_str!("../../locales/hi.toml")),
    ("bn", include_str!("../../locales/bn.toml")),
];

/// Other ways people write the built-in tags, and the tag each means.
const ALIASES: &[(&str, &str)] = &[
    ("en-US", "en"),
    ("en-UK", "en-GB"),
    ("zh", "zh-Hans"),
    ("zh-CN", "zh-Hans"),
    ("zh-SG", "zh-Hans"),
    ("zh-TW", "zh-Hant"),
    ("zh-HK", "zh-Hant"),
    ("zh-MO", "zh-Hant"),
    // Norwegian written without naming bokmål.
    ("no", "nb"),
    // Hebrew's code before 1989.
    ("iw", "he"),
];

/// Every string of one language, by id (`sections.education`, `dates.present`).
#[derive(Debug, Clone)]
pub struct Locale {
    /// The tag it is known by (`zh-Hans`).
    pub tag: &'static str,
    /// The ISO 639 code Typst typesets with (`zh`).
    pub typst_lang: String,
    /// The region Typst typesets with (`CN`), for quotation marks and hyphenation.
    pub typst_region: Option<String>,
    strings: BTreeMap<String, String>,
    /// How entries write dates (the document's `date_format`).
    pub dates: crate::profile::design::DateFormat,
}

/// The tag of the built-in locale a language tag names (`zh` -> `zh-Hans`, `de-AT` -> `de`),
/// case-insensitively; `None` when vita has no such language.
pub fn resolve(tag: &str) -> Option<&'static str> {
    let tag = tag.trim();
    let same = |a: &str| a.eq_ignore_ascii_case(tag);
    if let Some((t, _)) = BUILTIN.iter().find(|(t, _)| same(t)) {
        return Some(t);
    }
    if let Some((_, t)) = ALIASES.iter().find(|(a, _)| same(a)) {
        return Some(t);
    }
    // A region vita has no file for takes the language's: `de-AT`, `pt-PT`, `fr-CA`. The
    // subtags after the language are letters and digits, 2 to 8 of them (BCP 47): `de-`,
    // `de--AT` and `de-Ä` name nothing.
    let (lang, rest) = tag.split_once(['-', '_'])?;
    let subtags_ok = rest
        .split(['-', '_'])
        .all(|sub| (2..=8).contains(&sub.len()) && sub.chars().all(|c| c.is_ascii_alphanumeric()));
    if !subtags_ok {
        return None;
    }
    // The longest known tag the tag starts with: `zh-Hant-TW` is `zh-Hant`.
    if let Some(cut) = tag.rfind(['-', '_'])
        && cut > lang.len()
        && let Some(t) = resolve(&tag[..cut])
    {
        return Some(t);
    }
    if lang.eq_ignore_ascii_case("zh") {
        return None;
    }
    BUILTIN
        .iter()
        .find(|(t, _)| t.eq_ignore_ascii_case(lang))
        .map(|(t, _)| *t)
}

/// Every tag a profile may name: the built-in ones and their aliases.
pub fn known_tags() -> impl Iterator<Item = &'static str> {
    BUILTIN
        .iter()
        .map(|(t, _)| *t)
        .chain(ALIASES.iter().map(|(a, _)| *a))
}

/// The built-in locale with this tag (see [`resolve`]).
/// Each is read the first time it is asked for: a build in English reads one file, not all.
pub fn builtin(tag: &str) -> Option<&'static Locale> {
    static ALL: [OnceLock<Locale>; BUILTIN.len()] = [const { OnceLock::new() }; BUILTIN.len()];
    let tag = resolve(tag)?;
    let i = BUILTIN.iter().position(|(t, _)| *t == tag)?;
    let (t, text) = BUILTIN[i];
    Some(ALL[i].get_or_init(|| parse(t, text).unwrap_or_else(|e| panic!("locales/{t}.toml: {e}"))))
}

/// Reads a locale file: its top-level `typst` table and its tables of strings.
fn parse(tag: &'static str, text: &str) -> Result<Locale, String> {
    let v: toml::Table = toml::from_str(text).map_err(|e| e.to_string())?;
    let mut strings = BTreeMap::new();
    let mut typst_lang = None;
    let mut typst_region = None;
    for (group, value) in &v {
        match (group.as_str(), value) {
            ("name", _) => {}
            ("typst", toml::Value::Table(t)) => {
                typst_lang = t.get("lang").and_then(|v| v.as_str()).map(String::from);
                typst_region = t.get("region").and_then(|v| v.as_str()).map(String::from);
            }
            (_, toml::Value::Table(t)) => {
                for (k, v) in t {
                    let s = v.as_str().ok_or(format!("`{group}.{k}` is not a string"))?;
                    strings.insert(format!("{group}.{k}"), s.to_string());
                }
            }
            _ => return Err(format!("unexpected key `{group}`")),
        }
    }
    Ok(Locale {
        tag,
        typst_lang: typst_lang.ok_or("no `typst.lang`")?,
        typst_region,
        strings,
        dates: crate::profile::design::DateFormat::Short,
    })
}

/// Whether a string id exists (every locale has the ids of English).
pub fn is_id(id: &str) -> bool {
    english().strings.contains_key(id)
}

/// Every string id, in order.
pub fn ids() -> impl Iterator<Item = &'static str> {
    english().strings.keys().map(String::as_str)
}

fn english() -> &'static Locale {
    builtin("en").expect("the English locale is built in")
}

impl Locale {
    /// The string with this id; English, then the id itself, when this locale lacks it.
    pub fn get<'a>(&'a self, id: &'a str) -> &'a str {
        match self.strings.get(id) {
            Some(s) => s,
            None => english().strings.get(id).map_or(id, String::as_str),
        }
    }

    /// The string with this id, if this locale or English has it.
    pub fn lookup(&self, id: &str) -> Option<&str> {
        self.strings
            .get(id)
            .or_else(|| english().strings.get(id))
            .map(String::as_str)
    }

    /// The string with this id with `{key}`s filled in.
    pub fn fill(&self, id: &str, args: &[(&str, &str)]) -> String {
        fill(self.get(id), args)
    }

    /// This locale with some strings replaced (the profile's `[locale]`).
    pub fn with(&self, overrides: impl IntoIterator<Item = (String, String)>) -> Locale {
        let mut l = self.clone();
        l.strings.extend(overrides);
        l
    }

    /// The heading of a built-in section.
    pub fn section(&self, id: &str) -> String {
        self.get(&format!("sections.{id}")).to_string()
    }

    /// Names joined as the language does: `A and B`, `A, B, and C`.
    pub fn join(&self, items: &[String]) -> String {
        match items {
            [] => String::new(),
            [one] => one.clone(),
            [a, b] => format!("{a}{}{b}", self.get("list.and")),
            [rest @ .., last] => format!(
                "{}{}{last}",
                rest.join(self.get("list.sep")),
                self.get("list.last")
            ),
        }
    }
}

/// Fills `{key}`s in a pattern; unknown ones stay as written.
pub fn fill(pattern: &str, args: &[(&str, &str)]) -> String {
    let mut out = pattern.to_string();
    for (k, v) in args {
        out = out.replace(&format!("{{{k}}}"), v);
    }
    out
}

#[cfg(test)]
mod tests;
