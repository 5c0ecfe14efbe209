//! Themes: how the documents look (faces, type size, colours, margins, spacing, and how the
//! header, section titles, dates and links are drawn), as data.
//!
//! A theme is a TOML file in `themes/`, embedded in the binary, with the keys of a profile's
//! `[design]` table (see [`crate::profile::design`]). Its top-level keys hold the look of every
//! document; a `[resume]`, `[cv]` or `[letter]` table changes some of them for that kind of
//! document only. A theme states what differs from `classic`: classic's top level lies under
//! every theme, so a theme folder of one key is a theme. Layouts receive one document's
//! values as `data.theme` (faces, sizes, colours, spacing: strings such as `"1.9cm"` and
//! `"#1d4e89"`) and `data.look` (the choices), and turn them into Typst values themselves.

use std::ops::Range;
use std::sync::{Arc, LazyLock};

use toml_edit::{ImDocument, Item, Value};

use crate::diag::{Diagnostic, did_you_mean};
use crate::profile::design::{Design, Look, ThemeFile};
#[cfg(test)]
use crate::profile::design::{is_colour, is_length};
use crate::profile::options::{AT, HINT_SEP};

pub use crate::profile::design::ResolvedTheme;

/// The built-in themes: name and TOML text. The first is the default, and lies under the others.
const BUILTIN: &[(&str, &str)] = &[
    ("classic", include_str!("../../themes/classic.toml")),
    ("compact", include_str!("../../themes/compact.toml")),
    ("academic", include_str!("../../themes/academic.toml")),
    ("modern", include_str!("../../themes/modern.toml")),
    ("harvard", include_str!("../../themes/harvard.toml")),
];

/// The theme used when none is chosen.
pub const DEFAULT: &str = "classic";

/// The kinds of document a theme may have a table for.
const DOCUMENTS: &[&str] = &["resume", "cv", "letter"];

/// A theme: a line about it, the look of every document, and each kind's changes.
#[derive(Debug, Clone, PartialEq)]
pub struct Theme {
    /// One line about the theme, for `vita themes`.
    pub description: String,
    /// The look of every document.
    pub base: Design,
    /// What each kind of document changes, by kind.
    pub kinds: Vec<(&'static str, Design)>,
}

/// Classic's top level: every key has a value there, so it completes any theme.
static FLOOR: LazyLock<Design> = LazyLock::new(|| {
    Theme::builtin(DEFAULT)
        .expect("the default theme is built in")
        .base
});

/// The built-in themes, read once.
static THEMES: LazyLock<Vec<(&'static str, Theme)>> = LazyLock::new(|| {
    BUILTIN
        .iter()
        .map(|(name, text)| {
            let file: ThemeFile =
                toml::from_str(text).expect("the built-in themes are valid (tested)");
            (*name, Theme::from_file(file))
        })
        .collect()
});

impl Theme {
    /// A built-in theme by name (see [`builtin_names`]).
    pub fn builtin(name: &str) -> Option<Theme> {
        THEMES
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, t)| t.clone())
    }

    /// The text of a built-in theme's file, to write it out.
    pub fn builtin_text(name: &str) -> Option<&'static str> {
        BUILTIN.iter().find(|(n, _)| *n == name).map(|(_, t)| *t)
    }

    fn from_file(f: ThemeFile) -> Theme {
        Theme {
            description: f.description.clone(),
            base: f.base(),
            kinds: vec![
                ("resume", f.resume.clone()),
                ("cv", f.cv.clone()),
                ("letter", f.letter.clone()),
            ],
        }
    }

    /// Reads a theme file and checks its values; every problem is pointed at in `file`.
    pub fn parse(file: &str, text: &Arc<str>) -> Result<Theme, Vec<Diagnostic>> {
        let parsed: ThemeFile =
            toml::from_str(text).map_err(|e| vec![toml_error(file, text, &e)])?;
        let mut problems = vec![];
        for (kind, d) in [
            ("resume", &parsed.resume),
            ("cv", &parsed.cv),
            ("letter", &parsed.letter),
        ] {
            if d.theme.is_some() {
                let span = span_of(text, &[kind, "theme"]).unwrap_or(0..0);
                problems.push(
                    Diagnostic::error(format!("`{kind}.theme`: a theme's `[{kind}]` table cannot change the theme"))
                        .at(file, text, span)
                        .hint("take `theme` out; a profile chooses a document's theme with `design.theme`"),
                );
            }
        }
        let theme = Theme::from_file(parsed);
        for doc in DOCUMENTS {
            if let Err(key) = theme.design_for(doc).resolve() {
                problems.push(
                    Diagnostic::error(format!("the theme leaves `{key}` without a value")).at(
                        file,
                        text,
                        0..0,
                    ),
                );
            }
        }
        if problems.is_empty() {
            Ok(theme)
        } else {
            Err(problems)
        }
    }

    /// The design of one kind of document (`resume`, `cv`, `letter`): classic's top level,
    /// the theme's, then the kind's table.
    pub fn design_for(&self, kind: &str) -> Design {
        let own = self
            .kinds
            .iter()
            .find(|(k, _)| *k == kind)
            .map(|(_, d)| d.clone())
            .unwrap_or_default();
        own.over(&self.base.over(&FLOOR))
    }

    /// The look of one kind of document: the theme with that kind's changes. A kind the
    /// theme has no table for gets the theme as it is.
    pub fn for_document(&self, doc: &str) -> ResolvedTheme {
        self.resolved(doc).0
    }

    /// The theme values and the layout choices of one kind of document.
    pub fn resolved(&self, doc: &str) -> (ResolvedTheme, Look) {
        self.design_for(doc)
            .resolve()
            .expect("classic completes every theme (tested)")
    }
}

/// The names of the built-in themes.
pub fn builtin_names() -> Vec<&'static str> {
    BUILTIN.iter().map(|(n, _)| *n).collect()
}

/// The dotted key path of the value at `offset` in a TOML text (`resume.margin.top`).
fn path_at(text: &str, offset: usize) -> String {
    fn inline(t: &toml_edit::InlineTable, offset: usize, path: &mut Vec<String>) {
        for (k, v) in t.iter() {
            if v.span()
                .is_some_and(|s| s.contains(&offset) || s.start == offset)
            {
                path.push(k.to_string());
                if let Value::InlineTable(t) = v {
                    inline(t, offset, path);
                }
                return;
            }
        }
    }
    fn walk(t: &toml_edit::Table, offset: usize, path: &mut Vec<String>) -> bool {
        for (k, item) in t.iter() {
            match item {
                Item::Table(sub) => {
                    path.push(k.to_string());
                    if walk(sub, offset, path) {
                        return true;
                    }
                    path.pop();
                }
                Item::Value(v)
                    if v.span()
                        .is_some_and(|s| s.contains(&offset) || s.start == offset) =>
                {
                    path.push(k.to_string());
                    if let Value::InlineTable(t) = v {
                        inline(t, offset, path);
                    }
                    return true;
                }
                _ => {}
            }
        }
        false
    }
    let Ok(doc) = ImDocument::parse(text.to_string()) else {
        return "the value".into();
    };
    let mut path = vec![];
    walk(doc.as_table(), offset, &mut path);
    if path.is_empty() {
        "the value".into()
    } else {
        path.join(".")
    }
}

/// The span of the value at a key path, if the text has it.
fn span_of(text: &str, path: &[&str]) -> Option<Range<usize>> {
    let doc = ImDocument::parse(text.to_string()).ok()?;
    let mut item = doc.as_item();
    for k in path {
        item = item.as_table_like()?.get(k)?;
    }
    item.span()
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
    if let Some((message, hint)) = raw.split_once(HINT_SEP) {
        let message = message.replace(AT, &path_at(text, span.start));
        return Diagnostic::error(message).at(file, text, span).hint(hint);
    }
    let d = Diagnostic::error(raw.to_string()).at(file, text, span);
    if raw.contains("expected a string") {
        d.hint("write lengths and colours as strings: \"1.9cm\", \"#1d4e89\"")
    } else {
        d
    }
}

/// A theme from a folder: its `theme.toml`, and the layouts beside it, if any.
#[derive(Debug, Clone, PartialEq)]
pub struct Folder {
    /// The name as the profile or `--theme` wrote it (`./my-theme`).
    pub name: String,
    /// The theme its `theme.toml` describes.
    pub theme: Theme,
    /// The folder, canonical.
    pub dir: std::path::PathBuf,
    /// Whether the folder has layouts (`*.typ`), which then replace the built-in ones.
    pub layouts: bool,
    /// The theme file, to watch.
    pub file: std::path::PathBuf,
}

/// The theme folders a build uses.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Folders(pub Vec<Folder>);

impl Folders {
    /// The folder a document's `theme` names, as written.
    pub fn get(&self, name: &str) -> Option<&Folder> {
        self.0.iter().find(|f| f.name == name)
    }
}

/// Whether a theme name is a path to a folder (`./mine`, `themes/mine`, `/abs/mine`) rather
/// than a built-in theme's name.
pub fn is_folder_name(name: &str) -> bool {
    name.contains('/') || name.contains('\\') || name.starts_with('.') || name.ends_with(".toml")
}

/// Reads the theme folder at `path` (or the `theme.toml` it names) and checks it like a
/// built-in theme; `name` is how the user wrote it, for messages.
pub fn read_folder(name: &str, path: &std::path::Path) -> Result<Folder, Vec<Diagnostic>> {
    let (dir, file) = if path.is_dir() {
        (path.to_path_buf(), path.join("theme.toml"))
    } else if path.extension().is_some_and(|e| e == "toml") && path.is_file() {
        let dir = path
            .parent()
            .unwrap_or(std::path::Path::new("."))
            .to_path_buf();
        (dir, path.to_path_buf())
    } else {
        return Err(vec![
            Diagnostic::error(format!("the theme folder `{name}` does not exist"))
                .hint(format!("looked for `{}`; `vita themes NAME --out DIR` writes a built-in theme into a folder to start from", path.display())),
        ]);
    };
    let shown = file.display().to_string();
    // A theme folder is a sandbox, as layouts are: its `theme.toml` may not be a link to a
    // file elsewhere (whose text an error message would then quote).
    if let (Ok(real_dir), Ok(real_file)) = (dir.canonicalize(), file.canonicalize())
        && real_file.parent() != Some(real_dir.as_path())
    {
        return Err(vec![
            Diagnostic::error(format!(
                "the `theme.toml` of the theme folder `{name}` is a link to a file outside the folder"
            ))
            .hint("put the theme's own `theme.toml` in the folder: a theme folder reads nothing outside itself"),
        ]);
    }
    let bytes = crate::files::read_capped(&file, 1024 * 1024).map_err(|e| {
        let why = match e {
            crate::files::ReadError::NotFound => "it has no `theme.toml`".to_string(),
            crate::files::ReadError::TooLarge { .. } => "its `theme.toml` is larger than 1 MiB".to_string(),
            crate::files::ReadError::Folder | crate::files::ReadError::NotAFile => {
                "its `theme.toml` is not a file".to_string()
            }
            crate::files::ReadError::Io(e) => e.to_string(),
        };
        vec![Diagnostic::error(format!("cannot read the theme folder `{name}`: {why}"))
            .hint("a theme folder holds a `theme.toml` with the keys of `[design]` (and may hold layouts); `vita themes classic --out DIR` writes one")]
    })?;
    let text: Arc<str> = String::from_utf8(bytes)
        .map_err(|_| {
            vec![Diagnostic::error(format!("`{shown}` is not UTF-8 text")).hint("save it as UTF-8")]
        })?
        .into();
    let theme = Theme::parse(&shown, &text)?;
    let dir = dir.canonicalize().unwrap_or(dir);
    let layouts = std::fs::read_dir(&dir).is_ok_and(|entries| {
        entries
            .flatten()
            .any(|e| e.path().extension().is_some_and(|x| x == "typ"))
    });
    Ok(Folder {
        name: name.to_string(),
        theme,
        dir,
        layouts,
        file,
    })
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
        // A letter is the CV's look with its text a size up, under the resume's letterhead.
        let mut letter = cv.clone();
        letter.size = crate::profile::design::Dimension::from_points(10.5);
        letter.name_size = resume.name_size.clone();
        letter.name_fill = resume.name_fill.clone();
        assert_eq!(t.for_document("letter"), letter);
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
