//! How documents look, as the profile's `[design]` table (and a document's `design` table)
//! states it: the theme, and any of its values changed. A theme file has the same keys.
//!
//! Every key is optional here; a theme supplies the rest. Values are checked as they are read
//! (a colour is hex, a length has a unit, a choice is one of its names), so a wrong one is an
//! error at its key with a hint.

mod values;

use std::fmt;

use serde::de::{self, Deserializer};
use serde::{Deserialize, Serialize};

use super::options::{choice, choice_error};
pub use values::{Colour, Dimension, Fonts, Margin, Sides, is_colour, is_length};

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
        /// The title in bold between two thin rules that run to the margins (one rule, after
        /// or before it, when titles sit at a side).
        Flanked = "flanked",
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
        /// Section titles: `rule`, `small-caps`, `underline`, `flanked`, `plain` or `filled`.
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
        /// Straight quotes, apostrophes and `--` in the profile's text printed as the
        /// language's quotation marks, ’ and dashes (`false`: as typed).
        smart_punctuation: bool,
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
}
