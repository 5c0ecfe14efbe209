//! The built-in layouts, embedded in the binary so that a copied `vita` needs no files.

/// Built-in layout files by their name in the layout folder.
const BUILTIN: &[(&str, &str)] = &[
    ("common.typ", include_str!("../layouts/common.typ")),
    ("resume.typ", include_str!("../layouts/resume.typ")),
    ("cv.typ", include_str!("../layouts/cv.typ")),
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
