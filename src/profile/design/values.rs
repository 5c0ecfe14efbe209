//! The values of the design keys that are not choices: colours, lengths, faces and margins,
//! each checked as it is read, so that a wrong one is an error at its key with a hint.

use std::fmt;

use serde::de::{self, Deserializer};
use serde::{Deserialize, Serialize};

use crate::profile::options::{AT, HINT_SEP};

/// A colour: `#` and 3 or 6 hex digits, as written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct Colour(pub(super) String);

/// A length with its unit (`pt`, `mm`, `cm`, `in` or `em`), as written: `"1.9cm"`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct Dimension(pub(super) String);

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

    #[test]
    fn lengths_in_points() {
        assert_eq!(Dimension("1in".into()).points(10.0), 72.0);
        assert_eq!(Dimension("1.5em".into()).points(10.0), 15.0);
        assert_eq!(Dimension::from_points(9.5), "9.5pt");
    }
}
