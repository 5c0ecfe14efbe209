//! Themes: how the documents look (faces, type size, colours, margins, spacing), as data.
//!
//! A theme is a TOML file in `themes/`, embedded in the binary. Its top-level keys hold the
//! look of every document; a `[resume]` or `[cv]` table replaces some of them for that
//! document only. Lengths are strings with a unit (`"1.9cm"`, `"0.58em"`), colours are hex
//! strings (`"#1d4e89"`). A layout receives one document's [`ResolvedTheme`] as `data.theme`
//! and turns the strings into Typst values itself.

use std::ops::Range;
use std::sync::Arc;

use serde::{Deserialize, Serialize};
use toml_edit::{ImDocument, Item, TableLike};

use crate::diag::{Diagnostic, did_you_mean};

/// The built-in themes: name and TOML text.
const BUILTIN: &[(&str, &str)] = &[("classic", include_str!("../../themes/classic.toml"))];

/// Keys that hold a colour, in every table of a theme.
const COLOURS: &[&str] = &["accent", "award", "ink", "muted", "rule", "name_fill"];

/// Keys that hold a length, in every table of a theme.
const LENGTHS: &[&str] = &[
    "size",
    "name_size",
    "leading",
    "section_gap",
    "entry_gap",
    "work_gap",
];

/// The keys of a `margin` table, all lengths.
const SIDES: &[&str] = &["x", "top", "bottom"];

/// The units a length may be written in.
const UNITS: &[&str] = &["pt", "mm", "cm", "in", "em"];

/// The tables of per-document overrides.
const DOCUMENTS: &[&str] = &["resume", "cv"];

/// The margins of a page.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Margin {
    /// Left and right.
    pub x: String,
    /// Top.
    pub top: String,
    /// Bottom.
    pub bottom: String,
}

/// A theme as its file states it: the look of every document, and each document's changes.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Theme {
    /// Faces in order of preference; a face without a character hands it to the next.
    pub font: Vec<String>,
    /// Body type size.
    pub size: String,
    /// Section headings and links.
    pub accent: String,
    /// Awards in the publication list.
    pub award: String,
    /// Body text and publication group titles.
    pub ink: String,
    /// Dates, places, notes.
    pub muted: String,
    /// Rules under headings and separators.
    pub rule: String,
    /// The size of the person's name.
    pub name_size: String,
    /// The colour of the person's name.
    pub name_fill: String,
    /// Page margins.
    pub margin: Margin,
    /// Space between the lines of a paragraph.
    pub leading: String,
    /// Space above a section heading.
    pub section_gap: String,
    /// Space between entries.
    pub entry_gap: String,
    /// Space between works in a publication list.
    pub work_gap: String,
    /// What the resume changes.
    #[serde(default, skip_serializing_if = "Overrides::is_empty")]
    pub resume: Overrides,
    /// What the CV changes.
    #[serde(default, skip_serializing_if = "Overrides::is_empty")]
    pub cv: Overrides,
}

/// One document's changes to a theme: any of its keys, each replacing the theme's whole value.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Overrides {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub font: Option<Vec<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub size: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub accent: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub award: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ink: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub muted: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rule: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name_size: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name_fill: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub margin: Option<Margin>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub leading: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub section_gap: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub entry_gap: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub work_gap: Option<String>,
}

impl Overrides {
    /// Whether it changes nothing.
    pub fn is_empty(&self) -> bool {
        *self == Self::default()
    }
}

/// One document's look, overrides applied: what a layout receives as `data.theme`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ResolvedTheme {
    pub font: Vec<String>,
    pub size: String,
    pub accent: String,
    pub award: String,
    pub ink: String,
    pub muted: String,
    pub rule: String,
    pub name_size: String,
    pub name_fill: String,
    pub margin: Margin,
    pub leading: String,
    pub section_gap: String,
    pub entry_gap: String,
    pub work_gap: String,
}

impl Theme {
    /// A built-in theme by name (see [`builtin_names`]).
    pub fn builtin(name: &str) -> Option<Theme> {
        let (_, text) = BUILTIN.iter().find(|(n, _)| *n == name)?;
        Some(toml::from_str(text).expect("the built-in themes are valid (tested)"))
    }

    /// Reads a theme file and checks its values; every problem is pointed at in `file`.
    pub fn parse(file: &str, text: &Arc<str>) -> Result<Theme, Vec<Diagnostic>> {
        let theme: Theme = toml::from_str(text).map_err(|e| vec![toml_error(file, text, &e)])?;
        let problems = validate(file, text);
        if problems.is_empty() {
            Ok(theme)
        } else {
            Err(problems)
        }
    }

    /// The look of one document (`resume`, `cv`): the theme with that document's overrides.
    /// A document the theme has no table for gets the theme as it is.
    pub fn for_document(&self, doc: &str) -> ResolvedTheme {
        let none = Overrides::default();
        let o = match doc {
            "resume" => &self.resume,
            "cv" => &self.cv,
            _ => &none,
        };
        let pick = |over: &Option<String>, base: &String| over.as_ref().unwrap_or(base).clone();
        ResolvedTheme {
            font: o.font.as_ref().unwrap_or(&self.font).clone(),
            size: pick(&o.size, &self.size),
            accent: pick(&o.accent, &self.accent),
            award: pick(&o.award, &self.award),
            ink: pick(&o.ink, &self.ink),
            muted: pick(&o.muted, &self.muted),
            rule: pick(&o.rule, &self.rule),
            name_size: pick(&o.name_size, &self.name_size),
            name_fill: pick(&o.name_fill, &self.name_fill),
            margin: o.margin.as_ref().unwrap_or(&self.margin).clone(),
            leading: pick(&o.leading, &self.leading),
            section_gap: pick(&o.section_gap, &self.section_gap),
            entry_gap: pick(&o.entry_gap, &self.entry_gap),
            work_gap: pick(&o.work_gap, &self.work_gap),
        }
    }
}

/// The theme used when none is chosen.
pub const DEFAULT: &str = "classic";

/// The names of the built-in themes.
pub fn builtin_names() -> &'static [&'static str] {
    const NAMES: &[&str] = &["classic"];
    NAMES
}

/// Checks the values of a theme file: colours are hex, lengths have a unit, font lists are
/// not empty. Each problem points at its value in `file`. A file TOML cannot read gives none
/// here: that is [`Theme::parse`]'s to report.
pub fn validate(file: &str, text: &Arc<str>) -> Vec<Diagnostic> {
    let Ok(doc) = ImDocument::parse(text.to_string()) else {
        return vec![];
    };
    let root = doc.as_table();
    let mut tables: Vec<(String, &dyn TableLike)> = vec![(String::new(), root)];
    for d in DOCUMENTS {
        if let Some(t) = root.get(d).and_then(Item::as_table_like) {
            tables.push((format!("{d}."), t));
        }
    }
    let mut out = vec![];
    let mut problem = |msg: String, span: Option<Range<usize>>, hint: &str| {
        out.push(
            Diagnostic::error(msg)
                .at(file, text, span.unwrap_or(0..0))
                .hint(hint),
        );
    };
    for (prefix, table) in tables {
        let mut values: Vec<(String, &Item, bool)> = vec![];
        for &k in COLOURS {
            if let Some(v) = table.get(k) {
                values.push((format!("{prefix}{k}"), v, true));
            }
        }
        for &k in LENGTHS {
            if let Some(v) = table.get(k) {
                values.push((format!("{prefix}{k}"), v, false));
            }
        }
        if let Some(margin) = table.get("margin").and_then(Item::as_table_like) {
            for &k in SIDES {
                if let Some(v) = margin.get(k) {
                    values.push((format!("{prefix}margin.{k}"), v, false));
                }
            }
        }
        for (key, item, colour) in values {
            let Some(s) = item.as_str() else { continue };
            if colour && !is_colour(s) {
                problem(
                    format!("`{key}` is `{s}`, not a colour"),
                    item.span(),
                    "write a colour as `#` and 3 or 6 hex digits, such as \"#1d4e89\"",
                );
            } else if !colour && !is_length(s) {
                problem(
                    format!("`{key}` is `{s}`, not a length"),
                    item.span(),
                    "write a length as a number and a unit (pt, mm, cm, in or em), such as \"1.9cm\"",
                );
            }
        }
        if let Some(font) = table.get("font")
            && font.as_array().is_some_and(|a| a.is_empty())
        {
            problem(
                format!("`{prefix}font` names no face"),
                font.span(),
                "list at least one face, such as [\"Noto Sans\"]",
            );
        }
    }
    out.sort_by_key(|d| d.location.as_ref().map_or(0, |l| l.range.start));
    out
}

/// Whether `s` is a hex colour: `#` and 3 or 6 hex digits.
fn is_colour(s: &str) -> bool {
    s.strip_prefix('#')
        .is_some_and(|h| matches!(h.len(), 3 | 6) && h.bytes().all(|b| b.is_ascii_hexdigit()))
}

/// Whether `s` is a length as layouts read it: digits, optionally a point and more digits,
/// then a unit, with nothing between.
fn is_length(s: &str) -> bool {
    let Some(at) = s.find(|c: char| !c.is_ascii_digit() && c != '.') else {
        return false;
    };
    let (number, unit) = s.split_at(at);
    let (whole, frac) = number.split_once('.').unwrap_or((number, "0"));
    let digits = |d: &str| !d.is_empty() && d.bytes().all(|b| b.is_ascii_digit());
    digits(whole) && digits(frac) && UNITS.contains(&unit)
}

/// Turns a TOML or schema error in a theme file into a diagnostic at its place.
fn toml_error(file: &str, text: &Arc<str>, e: &toml::de::Error) -> Diagnostic {
    let span = e.span().unwrap_or(0..0);
    let raw = e.message().trim();
    if let Some(rest) = raw.strip_prefix("unknown field `") {
        let (name, expected) = rest.split_once('`').unwrap_or((rest, ""));
        let known: Vec<&str> = expected.split('`').skip(1).step_by(2).collect();
        let d = Diagnostic::error(format!("`{name}` is not a theme key")).at(file, text, span);
        return match did_you_mean(name, known.iter().copied()) {
            Some(best) => d.hint(format!("did you mean `{best}`?")),
            None => d.hint(format!("the keys here are: {}", known.join(", "))),
        };
    }
    let d = Diagnostic::error(raw.to_string()).at(file, text, span);
    if raw.contains("expected a string") {
        d.hint("write lengths and colours as strings: \"1.9cm\", \"#1d4e89\"")
    } else {
        d
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(s: &str) -> Arc<str> {
        s.into()
    }

    /// The classic theme's text with one line replaced.
    fn classic_with(from: &str, to: &str) -> Arc<str> {
        let (_, t) = BUILTIN[0];
        assert!(t.contains(from), "{from}");
        text(&t.replacen(from, to, 1))
    }

    #[test]
    fn every_builtin_theme_parses_and_validates() {
        assert_eq!(
            builtin_names(),
            BUILTIN.iter().map(|(n, _)| *n).collect::<Vec<_>>()
        );
        for (name, t) in BUILTIN {
            let file = format!("<builtin>/themes/{name}.toml");
            let parsed = Theme::parse(&file, &text(t)).unwrap_or_else(|e| {
                panic!("{}", e.iter().map(|d| d.render(false)).collect::<String>())
            });
            assert_eq!(Theme::builtin(name), Some(parsed.clone()));
            for doc in DOCUMENTS {
                let r = parsed.for_document(doc);
                assert!(!r.font.is_empty());
                for c in [&r.accent, &r.award, &r.ink, &r.muted, &r.rule, &r.name_fill] {
                    assert!(is_colour(c), "{name} {doc}: {c}");
                }
            }
        }
        assert_eq!(Theme::builtin("nope"), None);
    }

    #[test]
    fn classic_keeps_the_look_it_had() {
        let t = Theme::builtin("classic").unwrap();
        let cv = t.for_document("cv");
        assert_eq!(cv.name_size, "22pt");
        assert_eq!(cv.name_fill, "#1d4e89");
        assert_eq!(cv.margin.x, "1.9cm");
        let resume = t.for_document("resume");
        assert_eq!(resume.name_size, "21pt");
        assert_eq!(resume.name_fill, "#1b1f24");
        assert_eq!(resume.margin.top, "1.5cm");
        assert_eq!(resume.section_gap, "1.3em");
        assert_eq!(resume.entry_gap, "1.0em");
        assert_eq!(resume.work_gap, cv.work_gap);
        assert_eq!(t.for_document("letter"), cv);
    }

    #[test]
    fn colours_and_lengths() {
        for good in ["#1d4e89", "#ABC", "#abcdef"] {
            assert!(is_colour(good), "{good}");
        }
        for bad in ["1d4e89", "#1d4e8", "#1d4e8g", "#abcd", "", "#"] {
            assert!(!is_colour(bad), "{bad}");
        }
        for good in ["1.9cm", "0.58em", "22pt", "10mm", "1in", "1.0em"] {
            assert!(is_length(good), "{good}");
        }
        for bad in [
            "1.9", "cm", "1.9 cm", ".5em", "1.em", "-1cm", "1.2.3pt", "1px", "1e3pt", "",
        ] {
            assert!(!is_length(bad), "{bad}");
        }
    }

    #[test]
    fn a_bad_colour_is_located() {
        let t = classic_with("award = \"#9a4a0c\"", "award = \"#9a4a0\"");
        let e = Theme::parse("t.toml", &t).unwrap_err();
        assert_eq!(e.len(), 1, "{e:?}");
        let shown = e[0].render(false);
        assert!(
            shown.contains("`award` is `#9a4a0`, not a colour"),
            "{shown}"
        );
        let line = t.lines().position(|l| l.starts_with("award")).unwrap() + 1;
        let loc = e[0].location.as_ref().unwrap();
        assert_eq!(loc.line_col(), (line, 9), "{shown}");
        assert!(shown.contains("hint: write a colour"), "{shown}");
    }

    #[test]
    fn a_bad_length_in_a_document_table_is_located() {
        let t = classic_with("top = \"1.5cm\"", "top = \"1.5\"");
        let e = Theme::parse("t.toml", &t).unwrap_err();
        assert_eq!(e.len(), 1, "{e:?}");
        assert!(
            e[0].message
                .contains("`resume.margin.top` is `1.5`, not a length"),
            "{}",
            e[0].message
        );
        let loc = e[0].location.as_ref().unwrap();
        assert_eq!(&loc.text[loc.range.clone()], "\"1.5\"");
    }

    #[test]
    fn an_unknown_key_is_located_with_a_suggestion() {
        let t = classic_with("accent = ", "acent = ");
        let e = Theme::parse("t.toml", &t).unwrap_err();
        assert_eq!(e.len(), 1, "{e:?}");
        let shown = e[0].render(false);
        assert!(
            shown.contains("error: `acent` is not a theme key"),
            "{shown}"
        );
        assert!(shown.contains("hint: did you mean `accent`?"), "{shown}");
        let loc = e[0].location.as_ref().unwrap();
        assert_eq!(&loc.text[loc.range.clone()], "acent");

        let t = classic_with("[cv]\n", "[cv]\nname_colour = \"#000\"\n");
        let e = Theme::parse("t.toml", &t).unwrap_err();
        let loc = e[0].location.as_ref().unwrap();
        assert_eq!(&loc.text[loc.range.clone()], "name_colour");
    }

    #[test]
    fn a_number_for_a_length_says_to_quote_it() {
        let t = classic_with("size = \"9.5pt\"", "size = 9.5");
        let e = Theme::parse("t.toml", &t).unwrap_err();
        let shown = e[0].render(false);
        assert!(
            shown.contains("hint: write lengths and colours as strings"),
            "{shown}"
        );
        let loc = e[0].location.as_ref().unwrap();
        assert_eq!(&loc.text[loc.range.clone()], "9.5");
    }

    #[test]
    fn an_empty_font_list_is_an_error() {
        let t = classic_with("font = [\"Noto Sans\", \"Noto Sans CJK SC\"]", "font = []");
        let e = Theme::parse("t.toml", &t).unwrap_err();
        assert!(e[0].message.contains("`font` names no face"), "{e:?}");
    }

    #[test]
    fn the_resolved_theme_is_flat_json_of_strings() {
        let v = serde_json::to_value(Theme::builtin("classic").unwrap().for_document("resume"))
            .unwrap();
        assert_eq!(v["name_size"], "21pt");
        assert_eq!(v["margin"]["x"], "1.7cm");
        assert_eq!(v["font"][0], "Noto Sans");
        assert_eq!(v.as_object().unwrap().len(), 14);
    }
}
