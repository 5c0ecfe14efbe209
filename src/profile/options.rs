//! The closed vocabularies of a document's settings (`select = "recent"`, `paper = "a4"`), as
//! enums, and the value types that are parsed once where they are read (`margin = "2cm"`).
//!
//! A wrong value is a schema error at its key, worded by [`choice_error`] so the loader can
//! print it as a located message with a did-you-mean hint.

use std::fmt;

use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde::{Deserialize, Serialize};

use crate::diag::did_you_mean;

/// Separates a message from its hint in a serde error string (see the loader).
pub const HINT_SEP: char = '\u{1f}';

/// Stands for the key path in a serde error string; the loader puts the path in its place.
pub const AT: &str = "{at}";

/// The error for a value outside a closed list: "`cv.select` cannot be `x`", with a hint.
pub fn choice_error(value: &str, allowed: &[&str]) -> String {
    let hint = match did_you_mean(value, allowed.iter().copied()) {
        Some(best) => format!("did you mean `{best}`?"),
        None => {
            let quoted: Vec<String> = allowed.iter().map(|a| format!("`{a}`")).collect();
            format!("write one of {}", quoted.join(", "))
        }
    };
    format!("`{AT}` cannot be `{value}`{HINT_SEP}{hint}")
}

/// Defines a closed vocabulary: an enum read from and written as its lower-case names.
macro_rules! choice {
    ($(#[$meta:meta])* $name:ident { $($(#[$vmeta:meta])* $variant:ident = $text:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum $name {
            $($(#[$vmeta])* $variant),+
        }

        impl $name {
            /// Every value, in the order the README lists them.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The value as it is written in a profile.
            pub fn name(self) -> &'static str {
                match self {
                    $($name::$variant => $text),+
                }
            }

            /// Every name, as written in a profile.
            pub fn names() -> Vec<&'static str> {
                Self::ALL.iter().map(|v| v.name()).collect()
            }
        }

        impl std::str::FromStr for $name {
            type Err = String;
            fn from_str(s: &str) -> Result<Self, String> {
                Self::ALL
                    .iter()
                    .copied()
                    .find(|v| v.name() == s)
                    .ok_or_else(|| choice_error(s, &Self::names()))
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let s = String::deserialize(d)?;
                s.parse().map_err(de::Error::custom)
            }
        }

        impl Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.name())
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str(self.name())
            }
        }

        impl schemars::JsonSchema for $name {
            fn schema_name() -> std::borrow::Cow<'static, str> {
                stringify!($name).into()
            }
            fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
                schemars::json_schema!({ "type": "string", "enum": [$($text),+] })
            }
        }
    };
}

pub(crate) use choice;

choice! {
    /// Which publications a document lists.
    Select {
        /// Every publication.
        All = "all",
        /// Those marked `selected`.
        Selected = "selected",
        /// The newest, up to the section's limit.
        Recent = "recent",
        /// The person's first-author papers first (shared first authorship included).
        FirstAuthor = "first-author",
    }
}

choice! {
    /// How publications are grouped under sub-headings.
    GroupBy {
        /// By `category`, in the order of `categories`, then as first met.
        Category = "category",
        /// By publication type: journal, conference, ...
        Type = "type",
        /// One list.
        None = "none",
    }
}

choice! {
    /// How publications are numbered.
    Numbering {
        /// 1 is the first listed.
        Forward = "forward",
        /// The highest number is the first listed (the newest).
        Reverse = "reverse",
        /// No numbers.
        None = "none",
    }
}

choice! {
    /// How venues are named.
    VenueStyle {
        /// `ICCV 2021`.
        Short = "short",
        /// The full name, with the short one in parentheses.
        Full = "full",
    }
}

choice! {
    /// Paper sizes.
    Paper {
        /// ISO A4.
        A4 = "a4",
        /// US Letter.
        UsLetter = "us-letter",
    }
}

choice! {
    /// The file formats a document can be written in (`formats = ["pdf", "md"]`).
    Format {
        /// PDF, with the standards asked for.
        Pdf = "pdf",
        /// One PNG image per page.
        Png = "png",
        /// One SVG image per page.
        Svg = "svg",
        /// A one-page HTML homepage.
        Html = "html",
        /// Markdown, for portals and READMEs.
        Md = "md",
        /// Plain text, for portal text fields.
        Txt = "txt",
        /// A Word file.
        Docx = "docx",
    }
}

/// A length written with its unit (`2cm`, `0.75in`, `18mm`, `36pt`), kept in points and as
/// written (for messages).
#[derive(Debug, Clone, PartialEq)]
pub struct Length {
    /// The length in points.
    pub pt: f64,
    /// The text as written in the profile.
    pub text: String,
}

/// Parses a length such as `2cm`, `0.5in`, `18mm` or `36pt` into points.
pub fn parse_length(s: &str) -> Option<f64> {
    let s = s.trim();
    let split = s.find(|c: char| c.is_ascii_alphabetic())?;
    let (num, unit) = s.split_at(split);
    let n: f64 = num
        .trim()
        .parse()
        .ok()
        .filter(|n: &f64| n.is_finite() && *n >= 0.0)?;
    let per = match unit {
        "pt" => 1.0,
        "mm" => 72.0 / 25.4,
        "cm" => 72.0 / 2.54,
        "in" => 72.0,
        _ => return None,
    };
    Some(n * per)
}

/// The widest margin vita accepts, in points (7 cm).
const MAX_MARGIN_PT: f64 = 200.0;

impl<'de> Deserialize<'de> for Length {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        match parse_length(&text).filter(|pt| *pt <= MAX_MARGIN_PT) {
            Some(pt) => Ok(Length { pt, text }),
            None => Err(de::Error::custom(format!(
                "`{AT}` is not a margin: `{text}`{HINT_SEP}write a length with its unit, such as `2cm`, `0.75in` or `18mm` (at most 7cm)"
            ))),
        }
    }
}

/// The placeholders a file name pattern may use.
pub const PLACEHOLDERS: &[&str] = &["doc", "name"];

/// Checks a file name pattern (`{name}-{doc}.pdf`): a file name, not a path (the folder is
/// `--out`), using only the placeholders vita fills in.
pub fn check_pattern(pattern: &str) -> Result<(), String> {
    if pattern.trim().is_empty() {
        return Err(format!(
            "the file name pattern is empty{HINT_SEP}write a name such as `{{doc}}.pdf` or `{{name}}-{{doc}}.pdf`"
        ));
    }
    if pattern.contains(['/', '\\']) || pattern.starts_with('.') || pattern.contains('\0') {
        return Err(format!(
            "the file name pattern `{pattern}` is a path, not a file name{HINT_SEP}the folder is set with `--out DIR`; write a name such as `{{name}}-{{doc}}.pdf`"
        ));
    }
    let mut rest = pattern;
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        let Some(close) = after.find('}') else {
            return Err(format!(
                "the file name pattern `{pattern}` has a `{{` that is not closed{HINT_SEP}placeholders are written `{{doc}}` and `{{name}}`"
            ));
        };
        let name = &after[..close];
        if !PLACEHOLDERS.contains(&name) {
            let hint = match did_you_mean(&name.to_lowercase(), PLACEHOLDERS.iter().copied()) {
                Some(best) => format!("did you mean `{{{best}}}`?"),
                None => "the placeholders are `{doc}` (the document's name) and `{name}` (yours)"
                    .to_string(),
            };
            return Err(format!(
                "the file name pattern `{pattern}` has an unknown placeholder `{{{name}}}`{HINT_SEP}{hint}"
            ));
        }
        rest = &after[close + 1..];
    }
    if pattern.matches('{').count() != pattern.matches('}').count() {
        return Err(format!(
            "the file name pattern `{pattern}` has a `}}` that was not opened{HINT_SEP}placeholders are written `{{doc}}` and `{{name}}`"
        ));
    }
    Ok(())
}

/// The longest name a document may have (it becomes part of its files' names).
pub const MAX_DOC_NAME: usize = 64;

/// Checks a document's name (`[documents.NAME]`): it becomes its files' names (`{doc}` in a
/// pattern), so it is a plain name, never a path. Letters and digits of any script, `-`, `_`,
/// `+` and `.` (not first), at most [`MAX_DOC_NAME`] characters. Returns what is wrong and a
/// hint.
pub fn check_doc_name(name: &str) -> Result<(), (String, String)> {
    let shown: String = name.chars().take(MAX_DOC_NAME).collect();
    let shown = if shown.len() < name.len() {
        format!("{}…", shown.escape_debug())
    } else {
        shown.escape_debug().to_string()
    };
    let hint = "a document's name becomes its file's name: use letters, digits, `-` and `_`, such as `[documents.short-cv]` (the folder is set with `--out DIR`)".to_string();
    if name.is_empty() {
        return Err(("a document's name is empty".to_string(), hint));
    }
    if name.contains(['/', '\\']) || name.starts_with('.') {
        return Err((
            format!("the document name `{shown}` is a path, not a plain name"),
            hint,
        ));
    }
    if name.chars().count() > MAX_DOC_NAME {
        return Err((
            format!("the document name `{shown}` is longer than {MAX_DOC_NAME} characters"),
            hint,
        ));
    }
    if let Some(bad) = name
        .chars()
        .find(|c| !(c.is_alphanumeric() || matches!(c, '-' | '_' | '+' | '.')))
    {
        return Err((
            format!(
                "the document name `{shown}` has the character `{}`, which does not belong in a file name",
                bad.escape_debug()
            ),
            hint,
        ));
    }
    Ok(())
}

/// A file name pattern, checked where it is written (see [`check_pattern`]).
#[derive(Debug, Clone, PartialEq)]
pub struct Pattern(pub String);

impl<'de> Deserialize<'de> for Pattern {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        check_pattern(&text)
            .map(|()| Pattern(text))
            .map_err(|e| de::Error::custom(format!("`{AT}`: {e}")))
    }
}

/// A table whose keys are names the user chooses, kept in the order written
/// (`[documents.industry-resume]`, then `[documents.short-cv]`).
#[derive(Debug, Clone)]
pub struct Named<T>(pub Vec<(String, T)>);

impl<T> Default for Named<T> {
    fn default() -> Self {
        Named(vec![])
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Named<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct NamedVisitor<T>(std::marker::PhantomData<T>);
        impl<'de, T: Deserialize<'de>> Visitor<'de> for NamedVisitor<T> {
            type Value = Named<T>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a table of named tables")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Named<T>, A::Error> {
                let mut out = Vec::new();
                while let Some((k, v)) = map.next_entry::<String, T>()? {
                    out.push((k, v));
                }
                Ok(Named(out))
            }
        }
        d.deserialize_map(NamedVisitor(std::marker::PhantomData))
    }
}

/// The field names of a struct that derives `Deserialize`, read from the derive itself, so a
/// list of keys is never written by hand beside the struct.
pub fn field_names<'de, T: Deserialize<'de>>() -> &'static [&'static str] {
    struct Fields(Option<&'static [&'static str]>);
    impl<'de> Deserializer<'de> for &mut Fields {
        type Error = de::value::Error;
        fn deserialize_any<V: Visitor<'de>>(self, _: V) -> Result<V::Value, Self::Error> {
            Err(de::Error::custom("only a struct's field names are read"))
        }
        fn deserialize_struct<V: Visitor<'de>>(
            self,
            _: &'static str,
            fields: &'static [&'static str],
            _: V,
        ) -> Result<V::Value, Self::Error> {
            self.0 = Some(fields);
            Err(de::Error::custom("only a struct's field names are read"))
        }
        serde::forward_to_deserialize_any! {
            bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes
            byte_buf option unit unit_struct newtype_struct seq tuple tuple_struct map enum
            identifier ignored_any
        }
    }
    let mut fields = Fields(None);
    let _ = T::deserialize(&mut fields);
    fields.0.unwrap_or(&[])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lengths_in_common_units() {
        assert_eq!(parse_length("0.5in"), Some(36.0));
        assert!((parse_length("2cm").unwrap() - 56.69).abs() < 0.01);
        assert!((parse_length("18 mm").unwrap() - 51.02).abs() < 0.01);
        assert_eq!(parse_length("36pt"), Some(36.0));
        for bad in ["2", "cm", "-1cm", "2 furlongs", "NaNcm"] {
            assert_eq!(parse_length(bad), None, "{bad}");
        }
    }

    #[test]
    fn choices_read_their_names_and_suggest_the_nearest() {
        assert_eq!("first-author".parse::<Select>(), Ok(Select::FirstAuthor));
        assert_eq!(Paper::UsLetter.name(), "us-letter");
        let e = "recnt".parse::<Select>().unwrap_err();
        assert_eq!(
            e,
            format!("`{AT}` cannot be `recnt`{HINT_SEP}did you mean `recent`?")
        );
        let e = "zzz".parse::<VenueStyle>().unwrap_err();
        assert!(e.ends_with("write one of `short`, `full`"), "{e}");
    }

    #[test]
    fn field_names_come_from_the_derive() {
        #[derive(Deserialize)]
        #[allow(dead_code)]
        struct T {
            a: u8,
            #[serde(rename = "type")]
            b: u8,
        }
        assert_eq!(field_names::<T>(), ["a", "type"]);
    }
}
