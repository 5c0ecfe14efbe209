//! Compiling a layout with its data into a document, and exporting it as PDF.

use std::sync::Arc;

use typst::WorldExt;
use typst::diag::{Severity as TypstSeverity, SourceDiagnostic};
use typst_layout::PagedDocument;

use super::world::VitaWorld;
use crate::diag::Diagnostic;

/// The text of one laid-out page, in reading order as Typst placed it.
pub fn page_text(page: &typst_layout::Page) -> String {
    fn walk(frame: &typst::layout::Frame, out: &mut String) {
        for (_, item) in frame.items() {
            match item {
                typst::layout::FrameItem::Group(g) => walk(&g.frame, out),
                typst::layout::FrameItem::Text(t) => {
                    out.push_str(&t.text);
                    out.push(' ');
                }
                _ => {}
            }
        }
    }
    let mut out = String::new();
    walk(&page.frame, &mut out);
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Text that runs past the page's right or left edge (a word or address too long for any
/// line): the start of each such run, with its page, at most `max` of them.
pub fn off_the_page(doc: &PagedDocument, max: usize) -> Vec<(usize, String)> {
    use typst::layout::{Frame, FrameItem, Point, Transform};
    // Past either side, or below the foot (a block that cannot break, taller than a page).
    fn walk(frame: &Frame, ts: Transform, size: (f64, f64), out: &mut Vec<String>) {
        for (pos, item) in frame.items() {
            let at = ts.pre_concat(Transform::translate(pos.x, pos.y));
            match item {
                FrameItem::Group(g) => walk(&g.frame, at.pre_concat(g.transform), size, out),
                FrameItem::Text(t) => {
                    let p = Point::zero().transform(at);
                    let (x, y) = (p.x.to_pt(), p.y.to_pt());
                    if x < -0.5 || x + t.width().to_pt() > size.0 + 0.5 || y > size.1 + 0.5 {
                        out.push(t.text.chars().take(40).collect());
                    }
                }
                _ => {}
            }
        }
    }
    let mut found = vec![];
    for (i, page) in doc.pages().iter().enumerate() {
        let mut here = vec![];
        walk(
            &page.frame,
            Transform::identity(),
            (page.frame.width().to_pt(), page.frame.height().to_pt()),
            &mut here,
        );
        found.extend(here.into_iter().map(|t| (i + 1, t)));
        if found.len() >= max {
            found.truncate(max);
            break;
        }
    }
    found
}

/// Compiles the world's main layout; warnings come back either way.
pub fn compile(world: &VitaWorld) -> (Result<PagedDocument, Vec<Diagnostic>>, Vec<Diagnostic>) {
    let warned = typst::compile::<PagedDocument>(world);
    let warnings = convert(world, &warned.warnings);
    let doc = warned.output.map_err(|errors| convert(world, &errors));
    (doc, warnings)
}

/// Turns Typst's diagnostics into vita's, pointing into the layout file by its real name.
pub fn convert(world: &VitaWorld, diags: &[SourceDiagnostic]) -> Vec<Diagnostic> {
    diags
        .iter()
        .map(|d| {
            let mut out = match d.severity {
                TypstSeverity::Error => Diagnostic::error(d.message.to_string()),
                TypstSeverity::Warning => Diagnostic::warning(d.message.to_string()),
            };
            let mut file = None;
            if let Some(id) = d.span.id() {
                let name = world.display_path(id);
                match (world.range(d.span), typst::World::file(world, id)) {
                    (Some(range), Ok(bytes)) => {
                        let text: Arc<str> = String::from_utf8_lossy(&bytes).into();
                        out = out.at(&name, &text, range);
                    }
                    // No position to show (the file would not even load): name it at least.
                    _ => out.message = format!("{} (in `{name}`)", out.message),
                }
                file = Some(name);
            }
            for hint in &d.hints {
                // Typst's command line has a `--root` option; vita does not.
                if !hint.v.contains("--root") {
                    out = out.hint(hint.v.to_string());
                }
            }
            if out.message.contains("is a link to a file that does not exist") {
                out = out.hint("delete the link (the built-in file is used then), or point it at a file that exists");
            }
            if out.hints.is_empty() && out.is_error() {
                out = match file {
                    Some(f) if f.starts_with("<builtin>") => out.hint(
                        "this is in vita's built-in layout: please report it, with the profile that caused it",
                    ),
                    Some(f) if f.starts_with("<data>") => out.hint("the profile data could not be read by the layout"),
                    _ => out.hint(
                        "the problem is in your layout; compare it with the built-in ones, written out by `vita layouts DIR`",
                    ),
                };
            }
            if out.message.starts_with("file not found") {
                out = out.hint("layouts can read only files inside their own folder, named relative to it");
            }
            out
        })
        .collect()
}

/// Characters the fonts had no glyph for, which print as empty boxes.
pub fn missing_glyphs(doc: &PagedDocument) -> Vec<char> {
    fn walk(frame: &typst::layout::Frame, out: &mut Vec<char>) {
        for (_, item) in frame.items() {
            match item {
                typst::layout::FrameItem::Group(g) => walk(&g.frame, out),
                typst::layout::FrameItem::Text(t) => {
                    for g in t.glyphs.iter().filter(|g| g.id == 0) {
                        let range = g.range();
                        if let Some(text) = t.text.get(range) {
                            out.extend(
                                text.chars()
                                    .filter(|c| !c.is_whitespace() && !c.is_control()),
                            );
                        }
                    }
                }
                _ => {}
            }
        }
    }
    let mut out = vec![];
    for page in doc.pages() {
        walk(&page.frame, &mut out);
    }
    out.sort_unstable();
    out.dedup();
    out
}
