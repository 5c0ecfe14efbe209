//! One diagnostic type for every problem a user can cause, and its printer.
//!
//! TOML syntax errors, schema errors, validation problems and Typst errors in layouts all end
//! up here, so they all look the same: `error: ...`, the place as `file:line:column`, the
//! source line with a caret under the spot, then `hint:` lines.

use std::fmt::Write as _;
use std::ops::Range;
use std::sync::Arc;

/// How bad a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Severity {
    /// The build cannot go on.
    Error,
    /// Legal but probably not what the user meant.
    Warning,
}

/// A span in a named text: what a diagnostic points at.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Location {
    /// The file's name as the user knows it (a path, or `<builtin>/layouts/cv.typ`).
    pub path: String,
    /// The whole text of the file, to find lines and draw the source line.
    pub text: Arc<str>,
    /// The byte range the diagnostic is about.
    pub range: Range<usize>,
}

impl Location {
    /// The 1-based line and column (in characters) of the start of the range.
    pub fn line_col(&self) -> (usize, usize) {
        let start = floor_char_boundary(&self.text, self.range.start.min(self.text.len()));
        let before = &self.text[..start];
        let line = before.matches('\n').count() + 1;
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let col = before[line_start..].chars().count() + 1;
        (line, col)
    }
}

/// One problem, with where it is and how to fix it.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// What is wrong, lowercase, with names in backticks.
    pub message: String,
    /// Where it is, when it is somewhere in a file.
    pub location: Option<Location>,
    /// How to fix it; each one printed as a `hint:` line.
    pub hints: Vec<String>,
    /// A warning about a file another tool wrote (a .bib file) that vita read leniently,
    /// as biber does: a field skipped or read another way. `--strict` makes it an error.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub lenient: bool,
}

impl Diagnostic {
    /// An error with no location yet.
    pub fn error(message: impl Into<String>) -> Self {
        Self {
            severity: Severity::Error,
            message: message.into(),
            location: None,
            hints: vec![],
            lenient: false,
        }
    }

    /// A warning with no location yet.
    pub fn warning(message: impl Into<String>) -> Self {
        Self {
            severity: Severity::Warning,
            ..Self::error(message)
        }
    }

    /// Points the diagnostic at a byte range of a file.
    pub fn at(mut self, path: &str, text: &Arc<str>, range: Range<usize>) -> Self {
        self.location = Some(Location {
            path: path.to_string(),
            text: text.clone(),
            range,
        });
        self
    }

    /// Adds a `hint:` line.
    pub fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hints.push(hint.into());
        self
    }

    /// Marks a warning as one about a file vita reads leniently (see [`Diagnostic::lenient`]).
    pub fn lenient(mut self) -> Self {
        self.lenient = true;
        self
    }

    /// Whether this is an error (as opposed to a warning).
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// Renders the diagnostic for a terminal (`color`) or a plain stream.
    pub fn render(&self, color: bool) -> String {
        let paint = |code: &str, s: &str| {
            if color {
                format!("\x1b[{code}m{s}\x1b[0m")
            } else {
                s.to_string()
            }
        };
        let (label, code) = match self.severity {
            Severity::Error => ("error", "1;31"),
            Severity::Warning => ("warning", "1;33"),
        };
        let mut out = String::new();
        let _ = writeln!(
            out,
            "{}{}",
            paint(code, &format!("{label}:")),
            paint("1", &format!(" {}", printable(&self.message)))
        );
        if let Some(loc) = &self.location {
            let (line, col) = loc.line_col();
            let gutter = line.to_string().len();
            let pad = " ".repeat(gutter);
            let _ = writeln!(
                out,
                "{pad}{} {}:{line}:{col}",
                paint("1;34", "-->"),
                loc.path
            );
            let src_line = loc.text.lines().nth(line - 1).unwrap_or("");
            let src_line = src_line.trim_end_matches('\r');
            // Carets cover the range on this line, at least one character.
            // Control characters would drive the terminal (colours, bells): show a
            // stand-in, one character for one, so the caret stays under the spot.
            let shown: String = src_line
                .chars()
                .take(200)
                .map(|c| {
                    if c.is_control() && c != '\t' {
                        '\u{fffd}'
                    } else {
                        c
                    }
                })
                .collect();
            let line_len = shown.chars().count();
            let range_len =
                loc.text[floor_char_boundary(&loc.text, loc.range.start.min(loc.text.len()))
                    ..floor_char_boundary(&loc.text, loc.range.end.min(loc.text.len()))]
                    .split('\n')
                    .next()
                    .unwrap_or("")
                    .chars()
                    .count();
            let width = range_len.clamp(1, line_len.saturating_sub(col - 1).max(1));
            let indent: String = shown
                .chars()
                .take(col - 1)
                .map(|c| if c == '\t' { '\t' } else { ' ' })
                .collect();
            let bar = paint("1;34", "|");
            let _ = writeln!(out, "{pad} {bar}");
            let _ = writeln!(out, "{} {bar} {shown}", paint("1;34", &line.to_string()));
            let _ = writeln!(
                out,
                "{pad} {bar} {indent}{}",
                paint(code, &"^".repeat(width))
            );
        }
        for hint in &self.hints {
            let _ = writeln!(out, "{} {}", paint("1;36", "hint:"), printable(hint));
        }
        out
    }

    /// The diagnostic as one JSON object, for editors and CI (`--message-format json`).
    pub fn to_json(&self) -> serde_json::Value {
        let mut v = serde_json::json!({
            "severity": match self.severity { Severity::Error => "error", Severity::Warning => "warning" },
            "message": self.message,
            "hints": self.hints,
        });
        if self.lenient {
            v["lenient"] = true.into();
        }
        if let Some(loc) = &self.location {
            let (line, column) = loc.line_col();
            v["file"] = loc.path.clone().into();
            v["line"] = line.into();
            v["column"] = column.into();
        }
        v
    }
}

/// Text with control characters (which could colour or clear a terminal) shown as `\u{..}`.
fn printable(s: &str) -> String {
    if !s.chars().any(char::is_control) {
        return s.to_string();
    }
    s.chars()
        .map(|c| {
            if c.is_control() {
                format!("\\u{{{:x}}}", u32::from(c))
            } else {
                c.to_string()
            }
        })
        .collect()
}

/// The largest char boundary at or below `i`.
fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// The known name closest to `unknown`, when it is close enough to be a likely typo. Distance
/// is in characters, a swap of two neighbours counting as one edit (`emial` is one from `email`).
pub fn did_you_mean<'a>(
    unknown: &str,
    known: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let unknown = unknown.to_lowercase();
    known
        .into_iter()
        .map(|k| (strsim::osa_distance(&unknown, &k.to_lowercase()), k))
        .filter(|(d, k)| *d <= (k.chars().count().max(unknown.chars().count()) / 3).max(1))
        .min_by_key(|(d, _)| *d)
        .map(|(_, k)| k)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_close_names_only() {
        let known = ["publications", "patents", "talks"];
        assert_eq!(did_you_mean("publicatons", known), Some("publications"));
        assert_eq!(did_you_mean("talk", known), Some("talks"));
        assert_eq!(did_you_mean("zebra", known), None);
        assert_eq!(did_you_mean("emial", ["email", "name"]), Some("email"));
    }

    #[test]
    fn renders_line_column_and_caret() {
        let text: Arc<str> = "a = 1\nnaem = \"x\"\n".into();
        let d = Diagnostic::error("unknown key `naem`")
            .at("profile.toml", &text, 6..10)
            .hint("did you mean `name`?");
        assert_eq!(
            d.render(false),
            "error: unknown key `naem`\n --> profile.toml:2:1\n  |\n2 | naem = \"x\"\n  | ^^^^\nhint: did you mean `name`?\n"
        );
    }

    #[test]
    fn columns_count_characters_not_bytes() {
        let text: Arc<str> = "name = \"李一鸣\" x\n".into();
        let at = text.find('x').unwrap();
        let d = Diagnostic::error("e").at("p", &text, at..at + 1);
        assert_eq!(d.location.unwrap().line_col(), (1, 14));
    }

    #[test]
    fn control_characters_never_reach_the_terminal() {
        let text: Arc<str> = "title = {\u{1b}[31mred\u{7}}\n".into();
        let d = Diagnostic::error("bad `\u{1b}[2J`").at("t.bib", &text, 10..11);
        let shown = d.render(false);
        assert!(
            !shown.contains('\u{1b}') && !shown.contains('\u{7}'),
            "{shown:?}"
        );
        assert!(shown.contains("bad `\\u{1b}[2J`"), "{shown}");
        assert!(
            shown.contains("title = {\u{fffd}[31mred\u{fffd}}"),
            "{shown}"
        );
    }
}
