//! Page limits: `fit` tightens a document until it stays within `max_pages`, and a document
//! that does not fit gets an error that says what spilled over.

use crate::diag::Diagnostic;
use crate::document::Document;
use crate::style::Style;

use super::Viewed;

/// Tightens a document until it fits in `max` pages, in the order a typesetter would: the
/// space above section titles first, then the margins (unless they are fixed), then the
/// space between entries (never below about half, so entries do not touch), then the type
/// size (never below the style's minimum). `None` when even the tightest setting does not
/// fit.
pub fn fit(
    base: &Style,
    max: usize,
    typeset_with: &dyn Fn(&Style) -> Result<Viewed, Vec<Diagnostic>>,
) -> Result<Option<(Style, Viewed)>, Vec<Diagnostic>> {
    for style in tries(base) {
        let typeset = typeset_with(&style)?;
        if typeset.1.pages().len() <= max {
            return Ok(Some((style, typeset)));
        }
    }
    Ok(None)
}

/// More than this left at the foot of a one-page document is spread over its gaps: about
/// 15 mm.
const SPARE: f64 = 42.5;

/// Loosens a one-page document that leaves more than [`SPARE`] at its foot: its section and
/// entry gaps grow (to at most 1.8 times) as far as the page holds them, so a short resume
/// does not end halfway down the page with its type set tight. `None` when there is little
/// to spread, or when even a little more does not fit.
pub fn loosen(
    base: &Style,
    first: &Viewed,
    typeset_with: &dyn Fn(&Style) -> Result<Viewed, Vec<Diagnostic>>,
) -> Result<Option<(Style, Viewed)>, Vec<Diagnostic>> {
    if first.1.pages().len() != 1 || spare(&first.1, base) <= SPARE {
        return Ok(None);
    }
    let at = |scale: f64| -> Result<Option<(Style, Viewed)>, Vec<Diagnostic>> {
        let mut style = base.clone();
        style.spacing = base.spacing * scale;
        style.section_spacing = base.section_spacing * scale;
        let typeset = typeset_with(&style)?;
        let fits = typeset.1.pages().len() == 1 && spare(&typeset.1, &style) >= 0.0;
        Ok(fits.then_some((style, typeset)))
    };
    // A short search: the middle, then the half it points to.
    let best = match at(1.5)? {
        Some(middle) => Some(at(1.8)?.unwrap_or(middle)),
        None => at(1.2)?,
    };
    Ok(best)
}

/// The space between the bottom of a document's content on its last page and its bottom
/// margin, in points (the footer, in the margin, is not content).
pub fn spare(doc: &typst_layout::PagedDocument, style: &Style) -> f64 {
    use typst::layout::{Frame, FrameItem, Point, Transform};
    fn lowest(frame: &Frame, ts: Transform, limit: f64, low: &mut f64) {
        for (pos, item) in frame.items() {
            let at = ts.pre_concat(Transform::translate(pos.x, pos.y));
            let top = Point::zero().transform(at).y.to_pt();
            let bottom = match item {
                FrameItem::Group(g) => {
                    lowest(&g.frame, at.pre_concat(g.transform), limit, low);
                    continue;
                }
                FrameItem::Text(t) => top + t.size.to_pt() * 0.25,
                FrameItem::Shape(s, _) => top + s.geometry.bbox(None).size().y.to_pt(),
                FrameItem::Image(_, size, _) => top + size.y.to_pt(),
                _ => continue,
            };
            if top < limit && bottom > *low {
                *low = bottom;
            }
        }
    }
    let Some(page) = doc.pages().last() else {
        return 0.0;
    };
    let height = page.frame.height().to_pt();
    let margin = style
        .margin
        .unwrap_or_else(|| style.theme.margin.bottom.points(style.size) * style.margin_scale);
    let foot = height - margin;
    let mut low = 0.0;
    lowest(&page.frame, Transform::identity(), foot, &mut low);
    foot - low
}

/// The styles `fit` tries, from the loosest change to the tightest.
fn tries(base: &Style) -> Vec<Style> {
    let mut tries = vec![];
    let mut last = base.clone();
    let mut step = |change: &dyn Fn(&mut Style)| {
        change(&mut last);
        tries.push(last.clone());
    };
    for s in [0.8, 0.6] {
        step(&|t| t.section_spacing = s);
    }
    if !base.fixed_margins {
        for m in [0.85, 0.7] {
            step(&|t| t.margin_scale = m);
        }
    }
    for s in [0.85, 0.7, 0.55] {
        step(&|t| t.spacing = s);
    }
    let mut size = base.size - 0.25;
    while size >= base.min_size - 1e-9 {
        step(&|t| t.size = size);
        size -= 0.25;
    }
    tries
}

/// Says what `fit` changed: `section gaps 60%, margins 85%, type 9 pt (was 9.5 pt)`.
pub fn describe(from: &Style, to: &Style) -> String {
    let mut parts = vec![];
    let percent = |what: &str, v: f64| format!("{what} {:.0}%", v * 100.0);
    if to.section_spacing > 1.0 && to.spacing > 1.0 {
        parts.push(percent("gaps spread to", to.spacing));
    }
    if to.section_spacing < 1.0 {
        parts.push(percent("section gaps", to.section_spacing));
    }
    if to.margin_scale < 1.0 {
        parts.push(percent("margins", to.margin_scale));
    }
    if to.spacing < 1.0 {
        parts.push(percent("entry gaps", to.spacing));
    }
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
    let table = table(doc);
    if style.fit {
        d.hint(format!(
            "`fit` went down to {} pt type with the tightest gaps and margins and it still did not fit: shorten it, or allow a smaller `min_font_size`",
            style.min_size
        ))
    } else {
        d.hint(format!(
            "shorten it (`limit = {{ ... }}`, or `exclude = [\"{0}\"]` on entries), or let vita tighten it: `fit = true` in `{table}`, or `--fit`",
            doc.name
        ))
    }
}

/// The warning for a document that runs past the pages its kind expects (a resume onto a
/// second page), however little spills: a line alone on a last page never passes silently.
pub fn spill(
    doc: &Document,
    document: &typst_layout::PagedDocument,
    expected: usize,
) -> Diagnostic {
    let pages = document.pages();
    let over = &pages[expected..];
    let text: String = over
        .iter()
        .map(|p| super::compile::page_text(p) + " ")
        .collect();
    let lines = text.trim();
    let start: String = lines.chars().take(90).collect();
    let ellipsis = if lines.chars().count() > 90 {
        "…"
    } else {
        ""
    };
    let table = table(doc);
    let words = lines.split_whitespace().count();
    let amount = if words < 40 {
        format!("only {words} words spill over")
    } else {
        format!("{} pages instead of {expected}", pages.len())
    };
    Diagnostic::warning(format!(
        "the {} runs onto page {}: {amount}",
        doc.name,
        expected + 1
    ))
    .hint(format!("page {} begins: “{start}{ellipsis}”", expected + 1))
    .hint(format!(
        "a {} is {expected} page by convention: shorten it, or let vita tighten it with `max_pages = {expected}` and `fit = true` in `{table}`; `max_pages = {}` there allows {} pages and ends this warning",
        doc.kind.name,
        pages.len(),
        pages.len()
    ))
}

/// The table a document's settings go in: `[cv]`, or `[documents.NAME]`.
pub(super) fn table(doc: &Document) -> String {
    if doc.name == doc.kind.name {
        format!("[{}]", doc.name)
    } else {
        format!("[documents.{}]", doc.name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Document;

    fn base(toml: &str) -> Style {
        let p = crate::load::load_str("p.toml", toml).unwrap().profile;
        let doc = Document::all(&p)
            .into_iter()
            .find(|d| d.name == "cv")
            .unwrap();
        crate::style::resolve(&doc, &p.design, &Default::default(), &Default::default()).unwrap()
    }

    const PERSON: &str = "[person]\nname = \"A B\"\nemail = \"a@b.org\"\n";

    #[test]
    fn section_gaps_then_margins_then_entry_gaps_then_type() {
        let tries = tries(&base(PERSON));
        let first_changed = |f: &dyn Fn(&Style) -> bool| tries.iter().position(f).unwrap();
        let sections = first_changed(&|s| s.section_spacing < 1.0);
        let margins = first_changed(&|s| s.margin_scale < 1.0);
        let entries = first_changed(&|s| s.spacing < 1.0);
        let type_size = first_changed(&|s| s.size < tries[0].size);
        assert!(sections < margins && margins < entries && entries < type_size);
        // Each try keeps what the ones before it took, and entries never come closer than
        // about half their gap.
        for w in tries.windows(2) {
            assert!(w[1].section_spacing <= w[0].section_spacing);
            assert!(w[1].margin_scale <= w[0].margin_scale);
            assert!(w[1].spacing <= w[0].spacing && w[1].spacing >= 0.55);
            assert!(w[1].size <= w[0].size && w[1].size >= w[0].min_size);
        }
    }

    #[test]
    fn margins_that_were_set_or_ruled_stay() {
        for extra in [
            "[cv]\nmargin = \"2cm\"\n",
            "[cv]\npreset = \"ukri\"\nfont_size = 11\n",
        ] {
            let tries = tries(&base(&format!("{PERSON}{extra}")));
            assert!(tries.iter().all(|s| s.margin_scale == 1.0), "{extra}");
        }
    }
}
