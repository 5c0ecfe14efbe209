//! How documents look, as the profile's `[design]` table (and a document's `design` table)
//! states it: the theme, and any of its values changed. A theme file has the same keys.
//!
//! Every key is optional here; a theme supplies the rest. Values are checked as they are read
//! (a colour is hex, a length has a unit, a choice is one of its names), so a wrong one is an
//! error at its key with a hint.

use std::fmt;

use serde::de::{self, Deserializer};
use serde::{Deserialize, Serialize};

use super::options::{AT, HINT_SEP, choice, choice_error};

/// A colour: `#` and 3 or 6 hex digits, as written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct Colour(String);

/// A length with its unit (`pt`, `mm`, `cm`, `in` or `em`), as written: `"1.9cm"`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct Dimension(String);

/// Faces in order of preference: one name, or a list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct Fonts(pub Vec<String>);

/// Page margins: one length for every side, or `{ x, top, bottom }` (any of them).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Margin {
    /// Left and right.
    pub x: Option<Dimension>,
    /// Top.
    pub top: Option<Dimension>,
    /// Bottom.
    pub bottom: Option<Dimension>,
}

/// Margins with every side known.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sides {
    /// Left and right.
    pub x: Dimension,
    /// Top.
    pub top: Dimension,
    /// Bottom.
    pub bottom: Dimension,
}

choice! {
    /// Where a block of text sits across the page.
    Align {
        /// Flush left.
        Left = "left",
        /// Centred.
        Center = "center",
        /// Flush right.
        Right = "right",
    }
}

choice! {
    /// How the header with the name is drawn.
    HeaderStyle {
        /// Name and contacts on the page.
        Plain = "plain",
        /// Name and contacts on a band of the accent colour across the top of the page.
        Band = "band",
    }
}

choice! {
    /// How the person's name is set.
    NameCase {
        /// As written.
        AsWritten = "as-written",
        /// In small capitals.
        SmallCaps = "small-caps",
        /// In capitals.
        Upper = "upper",
    }
}

choice! {
    /// How section titles are drawn.
    TitleStyle {
        /// Spaced capitals over a thin rule across the page.
        Rule = "rule",
        /// Small capitals over a rule across the page.
        SmallCaps = "small-caps",
        /// The title underlined, no rule.
        Underline = "underline",
        /// The title in bold, nothing else.
        Plain = "plain",
        /// The title on a tinted band.
        Filled = "filled",
    }
}

choice! {
    /// Where dates stand in an entry.
    DatePosition {
        /// At the right of the title line.
        Right = "right",
        /// In a column at the left, as moderncv does.
        Left = "left",
    }
}

choice! {
    /// How dates in entries are written (in the document's language).
    DateFormat {
        /// Short month names: `Sep 2021`, `Sep 29, 2021`.
        Short = "short",
        /// Full month names: `September 2021`.
        Long = "long",
        /// ISO 8601 numbers: `2021-09`, `2021-09-29`.
        Iso = "iso",
        /// The year alone: `2021`.
        Year = "year",
    }
}

choice! {
    /// How links are printed.
    LinkStyle {
        /// Short clickable labels: `[PDF]`.
        Labels = "labels",
        /// The address itself, for print: `doi.org/10.1109/...`.
        Urls = "urls",
        /// An icon before a short label (`code`, `slides`), for the kinds that have one.
        Icons = "icons",
    }
}

/// How a value of one layer is laid over the one below (the theme under `[design]`).
pub trait Layer: Clone {
    /// The value once every layer is applied.
    type Resolved;
    /// This value over `below`.
    fn over(top: &Option<Self>, below: &Option<Self>) -> Option<Self> {
        top.clone().or_else(|| below.clone())
    }
    /// The final value, when it is complete.
    fn resolve(self) -> Option<Self::Resolved>;
}

macro_rules! plain_layer {
    ($($t:ty),+) => {
        $(impl Layer for $t {
            type Resolved = $t;
            fn resolve(self) -> Option<$t> {
                Some(self)
            }
        })+
    };
}

plain_layer!(
    Colour,
    Dimension,
    String,
    bool,
    Align,
    HeaderStyle,
    NameCase,
    TitleStyle,
    DatePosition,
    DateFormat,
    LinkStyle
);

/// Faces named above come first; the faces below stay after them, as fallbacks for the
/// characters the faces above lack (Chinese, in a Latin face).
impl Layer for Fonts {
    type Resolved = Fonts;
    fn over(top: &Option<Self>, below: &Option<Self>) -> Option<Self> {
        match (top, below) {
            (Some(t), Some(b)) => {
                let mut all = t.0.clone();
                all.extend(b.0.iter().filter(|f| !t.0.contains(f)).cloned());
                Some(Fonts(all))
            }
            _ => top.clone().or_else(|| below.clone()),
        }
    }
    fn resolve(self) -> Option<Fonts> {
        Some(self)
    }
}

impl Layer for Margin {
    type Resolved = Sides;
    fn over(top: &Option<Self>, below: &Option<Self>) -> Option<Self> {
        match (top, below) {
            (Some(t), Some(b)) => Some(Margin {
                x: t.x.clone().or_else(|| b.x.clone()),
                top: t.top.clone().or_else(|| b.top.clone()),
                bottom: t.bottom.clone().or_else(|| b.bottom.clone()),
            }),
            _ => top.clone().or_else(|| below.clone()),
        }
    }
    fn resolve(self) -> Option<Sides> {
        Some(Sides {
            x: self.x?,
            top: self.top?,
            bottom: self.bottom?,
        })
    }
}

/// Declares the design keys once: the profile's table with every key optional, and the two
/// resolved halves a layout receives (`data.theme`: faces, sizes, colours, spacing;
/// `data.look`: how the parts are arranged).
macro_rules! design {
    (
        theme { $($(#[$tm:meta])* $tf:ident: $tt:ty,)+ }
        look { $($(#[$lm:meta])* $lf:ident: $lt:ty,)+ }
    ) => {
        /// The `[design]` table: a theme, and any of its values changed.
        #[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
        #[serde(default, deny_unknown_fields)]
        pub struct Design {
            /// A built-in theme by name (`vita themes` lists them), or a theme folder.
            #[serde(skip_serializing_if = "Option::is_none")]
            pub theme: Option<String>,
            $($(#[$tm])* #[serde(skip_serializing_if = "Option::is_none")] pub $tf: Option<$tt>,)+
            $($(#[$lm])* #[serde(skip_serializing_if = "Option::is_none")] pub $lf: Option<$lt>,)+
        }

        /// Faces, sizes, colours and spacing, every one known: `data.theme`.
        #[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
        pub struct ResolvedTheme {
            $($(#[$tm])* pub $tf: <$tt as Layer>::Resolved,)+
        }

        /// How the parts of a document are arranged, every choice made: `data.look`.
        #[derive(Debug, Clone, PartialEq, Serialize)]
        pub struct Look {
            $($(#[$lm])* pub $lf: <$lt as Layer>::Resolved,)+
        }

        /// A theme file: the keys of `[design]` but `theme`, a line about the theme, and what
        /// each kind of document changes (`[resume]`, `[cv]`, `[letter]`).
        #[derive(Debug, Clone, Default, PartialEq, Deserialize)]
        #[serde(default, deny_unknown_fields)]
        pub struct ThemeFile {
            /// One line about the theme, for `vita themes`.
            pub description: String,
            $($(#[$tm])* pub $tf: Option<$tt>,)+
            $($(#[$lm])* pub $lf: Option<$lt>,)+
            /// What the resume changes.
            pub resume: Design,
            /// What the CV changes.
            pub cv: Design,
            /// What a cover letter changes.
            pub letter: Design,
        }

        impl ThemeFile {
            /// The look of every document: the file's top-level keys.
            pub fn base(&self) -> Design {
                Design {
                    theme: None,
                    $($tf: self.$tf.clone(),)+
                    $($lf: self.$lf.clone(),)+
                }
            }
        }

        impl Design {
            /// Every key of the table, in order.
            pub const KEYS: &'static [&'static str] =
                &["theme", $(stringify!($tf),)+ $(stringify!($lf),)+];

            /// This table laid over `below`: its values where it has them, `below`'s elsewhere.
            pub fn over(&self, below: &Design) -> Design {
                Design {
                    theme: self.theme.clone().or_else(|| below.theme.clone()),
                    $($tf: Layer::over(&self.$tf, &below.$tf),)+
                    $($lf: Layer::over(&self.$lf, &below.$lf),)+
                }
            }

            /// The values a layout receives, or the first key that has none.
            pub fn resolve(&self) -> Result<(ResolvedTheme, Look), &'static str> {
                Ok((
                    ResolvedTheme {
                        $($tf: self.$tf.clone().and_then(Layer::resolve).ok_or(stringify!($tf))?,)+
                    },
                    Look {
                        $($lf: self.$lf.clone().and_then(Layer::resolve).ok_or(stringify!($lf))?,)+
                    },
                ))
            }
        }
    };
}

design! {
    theme {
        /// Text faces in order of preference; a face without a character hands it on.
        font: Fonts,
        /// Body type size.
        size: Dimension,
        /// Section titles and links.
        accent: Colour,
        /// Awards in publication lists.
        award: Colour,
        /// Body text.
        ink: Colour,
        /// Dates, places, notes.
        muted: Colour,
        /// Rules and separators.
        rule: Colour,
        /// The size of the person's name.
        name_size: Dimension,
        /// The colour of the person's name.
        name_fill: Colour,
        /// Page margins.
        margin: Margin,
        /// Space between the lines of a paragraph.
        leading: Dimension,
        /// Space above a section title.
        section_gap: Dimension,
        /// Space between entries.
        entry_gap: Dimension,
        /// Space between works in a publication list.
        work_gap: Dimension,
    }
    look {
        /// Faces of the name and the section titles.
        heading_font: Fonts,
        /// The header: `plain`, or `band` (on the accent colour).
        header: HeaderStyle,
        /// Where the name and contacts sit: `left`, `center`, `right`.
        header_align: Align,
        /// The name `as-written`, in `small-caps` or in `upper` case.
        name_case: NameCase,
        /// Section titles: `rule`, `small-caps`, `underline`, `plain` or `filled`.
        section_title: TitleStyle,
        /// Where section titles sit: `left`, `center`, `right`.
        section_align: Align,
        /// The bullet before list items.
        bullet: String,
        /// Dates at the `right` of entries, or in a column at the `left`.
        date_position: DatePosition,
        /// Dates `short` (Sep 2021), `long` (September 2021), `iso` (2021-09) or `year`.
        date_format: DateFormat,
        /// Links as `labels` (`[PDF]`) or printed `urls`.
        links: LinkStyle,
        /// Justified text (true) or ragged right (false).
        justify: bool,
        /// Whether long words are hyphenated at line ends.
        hyphenate: bool,
        /// The footer's text (`{name}` is the person's name, `{title}` the document's);
        /// empty for none.
        footer: String,
        /// Whether pages are numbered (`2 / 3`) when there is more than one.
        page_numbers: bool,
        /// Whether the person's photo (`person.photo`) is printed in the header.
        photo: bool,
        /// Whether each contact in the header has its icon (envelope, phone, GitHub, ...).
        contact_icons: bool,
    }
}

impl std::ops::Deref for Fonts {
    type Target = Vec<String>;
    fn deref(&self) -> &Vec<String> {
        &self.0
    }
}

impl std::ops::Deref for Colour {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl std::ops::Deref for Dimension {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl PartialEq<&str> for Colour {
    fn eq(&self, other: &&str) -> bool {
        self.0 == *other
    }
}

impl PartialEq<&str> for Dimension {
    fn eq(&self, other: &&str) -> bool {
        self.0 == *other
    }
}

impl fmt::Display for Colour {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl fmt::Display for Dimension {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl Dimension {
    /// The length in points, `em` taken as `size` points.
    pub fn points(&self, size: f64) -> f64 {
        let at = self.0.find(|c: char| c.is_ascii_alphabetic()).unwrap_or(0);
        let (n, unit) = self.0.split_at(at);
        let n: f64 = n.parse().unwrap_or(0.0);
        n * match unit {
            "pt" => 1.0,
            "mm" => 72.0 / 25.4,
            "cm" => 72.0 / 2.54,
            "in" => 72.0,
            _ => size,
        }
    }

    /// A length of `pt` points, as a layout reads it.
    pub fn from_points(pt: f64) -> Dimension {
        Dimension(format!("{}pt", (pt * 100.0).round() / 100.0))
    }
}

/// The units a length may be written in.
const UNITS: &[&str] = &["pt", "mm", "cm", "in", "em"];

/// Whether `s` is a hex colour: `#` and 3 or 6 hex digits.
pub fn is_colour(s: &str) -> bool {
    s.strip_prefix('#')
        .is_some_and(|h| matches!(h.len(), 3 | 6) && h.bytes().all(|b| b.is_ascii_hexdigit()))
}

/// Whether `s` is a length as layouts read it: digits, optionally a point and more digits,
/// then a unit, with nothing between.
pub fn is_length(s: &str) -> bool {
    let Some(at) = s.find(|c: char| !c.is_ascii_digit() && c != '.') else {
        return false;
    };
    let (number, unit) = s.split_at(at);
    let (whole, frac) = number.split_once('.').unwrap_or((number, "0"));
    let digits = |d: &str| !d.is_empty() && d.bytes().all(|b| b.is_ascii_digit());
    digits(whole) && digits(frac) && UNITS.contains(&unit)
}

/// A value that is not a string, said the way a TOML user would write it.
fn shown(v: &toml::Value) -> String {
    match v {
        toml::Value::Table(_) => "a table".into(),
        toml::Value::Array(_) => "a list".into(),
        other => other.to_string(),
    }
}

/// The error for a value of the wrong kind: "`{at}` is `x`, not a colour", with a hint.
fn wrong(value: &str, what: &str, hint: &str) -> String {
    format!("`{AT}` is `{value}`, not {what}{HINT_SEP}{hint}")
}

const COLOUR_HINT: &str = "write a colour as `#` and 3 or 6 hex digits, such as \"#1d4e89\"";
const LENGTH_HINT: &str =
    "write a length as a number and a unit (pt, mm, cm, in or em), such as \"1.9cm\"";
const QUOTE_HINT: &str =
    "write lengths and colours as strings, with a unit for lengths: \"10pt\", \"#1d4e89\"";

impl<'de> Deserialize<'de> for Colour {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        match toml::Value::deserialize(d)? {
            toml::Value::String(s) if is_colour(&s) => Ok(Colour(s)),
            toml::Value::String(s) => Err(de::Error::custom(wrong(&s, "a colour", COLOUR_HINT))),
            v => Err(de::Error::custom(wrong(&shown(&v), "a colour", QUOTE_HINT))),
        }
    }
}

impl<'de> Deserialize<'de> for Dimension {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        match toml::Value::deserialize(d)? {
            toml::Value::String(s) if is_length(&s) => Ok(Dimension(s)),
            toml::Value::String(s) => Err(de::Error::custom(wrong(&s, "a length", LENGTH_HINT))),
            v => Err(de::Error::custom(wrong(&shown(&v), "a length", QUOTE_HINT))),
        }
    }
}

impl<'de> Deserialize<'de> for Fonts {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let hint = "name a face, or list them in order of preference: [\"Libertinus Serif\", \"Noto Sans CJK SC\"]";
        let list = match toml::Value::deserialize(d)? {
            toml::Value::String(s) => vec![s],
            toml::Value::Array(a) => a
                .into_iter()
                .map(|v| match v {
                    toml::Value::String(s) => Ok(s),
                    v => Err(de::Error::custom(wrong(&shown(&v), "a face's name", hint))),
                })
                .collect::<Result<_, _>>()?,
            v => return Err(de::Error::custom(wrong(&shown(&v), "a face", hint))),
        };
        if list.is_empty() || list.iter().any(|f| f.trim().is_empty()) {
            return Err(de::Error::custom(format!(
                "`{AT}` names no face{HINT_SEP}list at least one face, such as [\"Noto Sans\"]"
            )));
        }
        Ok(Fonts(list))
    }
}

impl<'de> Deserialize<'de> for Margin {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct MarginVisitor;
        impl<'de> de::Visitor<'de> for MarginVisitor {
            type Value = Margin;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a length, or a table of `x`, `top` and `bottom`")
            }
            fn visit_str<E: de::Error>(self, s: &str) -> Result<Margin, E> {
                if !is_length(s) {
                    return Err(E::custom(wrong(s, "a length", LENGTH_HINT)));
                }
                let all = Some(Dimension(s.to_string()));
                Ok(Margin {
                    x: all.clone(),
                    top: all.clone(),
                    bottom: all,
                })
            }
            fn visit_i64<E: de::Error>(self, n: i64) -> Result<Margin, E> {
                Err(E::custom(wrong(&n.to_string(), "a length", QUOTE_HINT)))
            }
            fn visit_f64<E: de::Error>(self, n: f64) -> Result<Margin, E> {
                Err(E::custom(wrong(&n.to_string(), "a length", QUOTE_HINT)))
            }
            // Each side is read in place, so a bad one is pointed at itself.
            fn visit_map<A: de::MapAccess<'de>>(self, mut map: A) -> Result<Margin, A::Error> {
                let mut m = Margin::default();
                while let Some(key) = map.next_key::<String>()? {
                    let side = match key.as_str() {
                        "x" => &mut m.x,
                        "top" => &mut m.top,
                        "bottom" => &mut m.bottom,
                        other => {
                            return Err(de::Error::unknown_field(other, &["x", "top", "bottom"]));
                        }
                    };
                    *side = Some(map.next_value()?);
                }
                Ok(m)
            }
        }
        d.deserialize_any(MarginVisitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> Result<Design, String> {
        toml::from_str(text).map_err(|e| e.message().to_string())
    }

    #[test]
    fn values_are_checked_as_they_are_read() {
        let d = read("accent = \"#123\"\nmargin = \"2cm\"\nfont = \"Libertinus Serif\"\nsection_title = \"small-caps\"").unwrap();
        assert_eq!(d.accent.unwrap(), "#123");
        assert_eq!(d.margin.unwrap().top.unwrap(), "2cm");
        assert_eq!(d.font.unwrap().0, ["Libertinus Serif"]);
        assert_eq!(d.section_title, Some(TitleStyle::SmallCaps));
        let e = read("accent = \"blue\"").unwrap_err();
        assert!(e.starts_with("`{at}` is `blue`, not a colour"), "{e}");
        let e = read("size = 10").unwrap_err();
        assert!(e.contains("`{at}` is `10`, not a length"), "{e}");
        assert!(e.contains("as strings"), "{e}");
        let e = read("margin = { x = \"1cm\", left = \"2cm\" }").unwrap_err();
        assert!(e.contains("unknown field `left`"), "{e}");
        let e = read("section_title = \"smallcaps\"").unwrap_err();
        assert!(e.contains("did you mean `small-caps`?"), "{e}");
        let e = read("font = []").unwrap_err();
        assert!(e.contains("names no face"), "{e}");
        let e = read("colour = \"#000\"").unwrap_err();
        assert!(e.contains("unknown field `colour`"), "{e}");
    }

    #[test]
    fn a_layer_keeps_what_it_does_not_change() {
        let below = read("accent = \"#111\"\nink = \"#222\"\nmargin = { x = \"1cm\", top = \"2cm\", bottom = \"3cm\" }").unwrap();
        let top = read("accent = \"#333\"\nmargin = { top = \"9mm\" }").unwrap();
        let d = top.over(&below);
        assert_eq!(d.accent.unwrap(), "#333");
        assert_eq!(d.ink.unwrap(), "#222");
        let m = d.margin.unwrap().resolve().unwrap();
        assert_eq!(
            (m.x, m.top, m.bottom),
            (
                Dimension("1cm".into()),
                Dimension("9mm".into()),
                Dimension("3cm".into())
            )
        );
    }

    #[test]
    fn lengths_in_points() {
        assert_eq!(Dimension("1in".into()).points(10.0), 72.0);
        assert_eq!(Dimension("1.5em".into()).points(10.0), 15.0);
        assert_eq!(Dimension::from_points(9.5), "9.5pt");
    }
}
