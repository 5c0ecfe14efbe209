//! The built-in layouts, embedded in the binary so that a copied `vita` needs no files, and
//! checks of a user's layout folder.

use std::path::Path;

use crate::diag::{Diagnostic, did_you_mean};

/// Built-in layout files by their name in the layout folder.
const BUILTIN: &[(&str, &str)] = &[
    ("common.typ", include_str!("../../layouts/common.typ")),
    ("icons.typ", include_str!("../../layouts/icons.typ")),
    ("resume.typ", include_str!("../../layouts/resume.typ")),
    ("cv.typ", include_str!("../../layouts/cv.typ")),
    ("letter.typ", include_str!("../../layouts/letter.typ")),
    ("biosketch.typ", include_str!("../../layouts/biosketch.typ")),
    (
        "nih-biosketch.typ",
        include_str!("../../layouts/nih-biosketch.typ"),
    ),
    (
        "biosketch-common.typ",
        include_str!("../../layouts/biosketch-common.typ"),
    ),
    (
        "nsf-synergistic.typ",
        include_str!("../../layouts/nsf-synergistic.typ"),
    ),
];

/// The text of a built-in layout file, such as `cv.typ`.
pub fn builtin(name: &str) -> Option<&'static str> {
    BUILTIN
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, text)| *text)
}

/// Every built-in layout file: name and text.
pub fn all() -> &'static [(&'static str, &'static str)] {
    BUILTIN
}

/// Warns about a layout folder whose files would be ignored (a `CV.typ` for `cv.typ`).
pub fn check_dir(dir: &Path) -> Vec<Diagnostic> {
    let known: Vec<&str> = all().iter().map(|(n, _)| *n).collect();
    let names: Vec<String> = std::fs::read_dir(dir)
        .map(|rd| {
            rd.filter_map(|e| e.ok())
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    let mut out = vec![];
    for name in names
        .iter()
        .filter(|n| n.ends_with(".typ") && !known.contains(&n.as_str()))
    {
        if let Some(best) = did_you_mean(name, known.iter().copied()) {
            out.push(
                Diagnostic::warning(format!("`{name}` in the layout folder is not used"))
                    .hint(format!("did you mean `{best}`? (names are case-sensitive)")),
            );
        }
    }
    if !names.iter().any(|n| known.contains(&n.as_str())) {
        out.push(
            Diagnostic::warning(format!(
                "the layout folder `{}` has none of {}: the built-in layouts are used",
                dir.display(),
                known.join(", ")
            ))
            .hint("write the built-in layouts out to start from: `vita layouts DIR`"),
        );
    }
    out
}
