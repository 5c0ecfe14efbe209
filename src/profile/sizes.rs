//! Bounds on one text of the profile, checked on its TOML before it is read: a text longer
//! than a CV could print, or a letter buried under stacked marks, is refused at its place
//! before it costs a layout minutes and gigabytes (a 500 KB title without spaces took 34 s).

use std::sync::Arc;

use toml_edit::{ImDocument, Value};

use crate::diag::Diagnostic;
use crate::files::{stacked_marks, stacked_marks_error};

/// The characters one text may have: about eight pages of prose, more than any funder's
/// statement (NIH's personal statement is 3,500) or a cover letter's paragraph.
pub const MAX_TEXT_CHARS: usize = 20_000;

/// The profile's texts that are too long or carry a letter with too many marks, each an error
/// at its place; nothing when the text does not parse (its syntax error is told later).
pub fn check(display: &str, text: &Arc<str>) -> Vec<Diagnostic> {
    let mut out = vec![];
    if let Some((span, marks)) = stacked_marks(text) {
        out.push(stacked_marks_error("this text", marks).at(display, text, span));
    }
    let Ok(doc) = ImDocument::parse(text.as_ref()) else {
        return out;
    };
    let mut long = vec![];
    super::walk::values(doc.as_table(), &mut |path, v| {
        if let Value::String(s) = v {
            let chars = s.value().chars().count();
            if chars > MAX_TEXT_CHARS {
                long.push((path.to_string(), v.span().unwrap_or(0..0), chars));
            }
        }
        true
    });
    for (path, span, chars) in long.into_iter().take(8) {
        out.push(
            Diagnostic::error(format!(
                "`{path}` is {chars} characters long; one text may have at most {MAX_TEXT_CHARS} (about eight pages)"
            ))
            .at(display, text, span)
            .hint("shorten it, or split it into entries, bullets or paragraphs"),
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn said(text: &str) -> Vec<String> {
        check("p.toml", &Arc::from(text))
            .iter()
            .map(|d| d.render(false))
            .collect()
    }

    #[test]
    fn a_text_too_long_or_a_stack_of_marks_is_refused_at_its_place() {
        let long = "x".repeat(MAX_TEXT_CHARS + 1);
        let shown = said(&format!(
            "[person]\nname = \"A\"\n[[awards]]\ntitle = {{ en = \"{long}\" }}\n"
        ));
        assert_eq!(shown.len(), 1, "{shown:?}");
        assert!(
            shown[0].starts_with("error: `awards[1].title.en` is 20001 characters long; one text may have at most 20000"),
            "{}",
            shown[0]
        );
        assert!(shown[0].contains("p.toml:4:16"), "{}", shown[0]);
        let zalgo = format!("[person]\nname = \"Ada a{}\"\n", "\u{300}".repeat(100));
        let shown = said(&zalgo);
        assert!(
            shown[0].starts_with(
                "error: this text has a letter with 100 accents or other marks stacked on it; vita takes at most 16"
            ),
            "{}",
            shown[0]
        );
        assert!(shown[0].contains("p.toml:2:13"), "{}", shown[0]);
        // Texts of every day pass.
        assert!(said("summary = \"Nguyễn Việt Hưng\"\n[person]\nname = \"A\"\n").is_empty());
    }
}
