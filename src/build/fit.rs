//! Page limits: `fit` tightens a document until it stays within `max_pages`, and a document
//! that does not fit gets an error that says what spilled over.

use crate::diag::Diagnostic;
use crate::document::Document;
use crate::style::Style;

use super::Viewed;

/// Tightens spacing, then type size (never below the style's minimum), until the document
/// fits in `max` pages; `None` when even the tightest setting does not fit.
pub fn fit(
    base: &Style,
    max: usize,
    typeset_with: &dyn Fn(&Style) -> Result<Viewed, Vec<Diagnostic>>,
) -> Result<Option<(Style, Viewed)>, Vec<Diagnostic>> {
    let mut tries = vec![];
    for spacing in [0.85, 0.7, 0.55] {
        tries.push(Style {
            spacing,
            ..base.clone()
        });
    }
    let mut size = base.size - 0.25;
    while size >= base.min_size - 1e-9 {
        tries.push(Style {
            spacing: 0.55,
            size,
            ..base.clone()
        });
        size -= 0.25;
    }
    for style in tries {
        let typeset = typeset_with(&style)?;
        if typeset.1.pages().len() <= max {
            return Ok(Some((style, typeset)));
        }
    }
    Ok(None)
}

/// Says what `fit` changed: `spacing 70%, type 9 pt (was 9.5 pt)`.
pub fn describe(from: &Style, to: &Style) -> String {
    let mut parts = vec![format!("spacing {:.0}%", to.spacing * 100.0)];
    if (to.size - from.size).abs() > 1e-9 {
        parts.push(format!("type {} pt (was {} pt)", to.size, from.size));
    }
    parts.join(", ")
}

/// The error for a document longer than its page limit.
pub fn overflow(
    doc: &Document,
    pages: usize,
    max: usize,
    first: &str,
    style: &Style,
) -> Diagnostic {
    let start: String = first.chars().take(90).collect();
    let ellipsis = if first.chars().count() > 90 {
        "…"
    } else {
        ""
    };
    let d = Diagnostic::error(format!(
        "the {} has {pages} pages, {} more than its limit of {max}",
        doc.name,
        pages - max
    ))
    .hint(format!("page {} begins: “{start}{ellipsis}”", max + 1));
    let table = if doc.name == doc.kind.name {
        format!("[{}]", doc.name)
    } else {
        format!("[documents.{}]", doc.name)
    };
    if style.fit {
        d.hint(format!(
            "`fit` went down to {} pt type and 55% spacing and it still did not fit: shorten it, or allow a smaller `min_font_size`",
            style.min_size
        ))
    } else {
        d.hint(format!(
            "shorten it (`limit = {{ ... }}`, or `exclude = [\"{0}\"]` on entries), or let vita tighten it: `fit = true` in `{table}`, or `--fit`",
            doc.name
        ))
    }
}
