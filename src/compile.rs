//! Compiling a layout with its data into a document, and exporting it as PDF.

use std::sync::Arc;

use typst::WorldExt;
use typst::diag::{Severity as TypstSeverity, SourceDiagnostic};
use typst::foundations::{Datetime, Smart};
use typst_layout::PagedDocument;
use typst_pdf::{PdfOptions, Timestamp};

use crate::diag::{Diagnostic, Severity};
use crate::world::VitaWorld;

/// Compiles the world's main layout; warnings come back either way.
pub fn compile(world: &VitaWorld) -> (Result<PagedDocument, Vec<Diagnostic>>, Vec<Diagnostic>) {
    let warned = typst::compile::<PagedDocument>(world);
    let warnings = convert(world, &warned.warnings);
    let doc = warned.output.map_err(|errors| convert(world, &errors));
    (doc, warnings)
}

/// Exports a document as PDF with fixed options, so equal input gives equal bytes.
pub fn pdf(
    world: &VitaWorld,
    doc: &PagedDocument,
    ident: &str,
    date: Option<(i32, u8, u8)>,
) -> Result<Vec<u8>, Vec<Diagnostic>> {
    let options = PdfOptions {
        ident: Smart::Custom(ident.to_string()),
        creator: Smart::Custom(Some(format!("vita {}", env!("CARGO_PKG_VERSION")))),
        timestamp: date
            .and_then(|(y, m, d)| Datetime::from_ymd(y, m, d))
            .map(Timestamp::new_utc),
        ..PdfOptions::default()
    };
    typst_pdf::pdf(doc, &options).map_err(|errors| convert(world, &errors))
}

/// Turns Typst's diagnostics into vita's, pointing into the layout file by its real name.
fn convert(world: &VitaWorld, diags: &[SourceDiagnostic]) -> Vec<Diagnostic> {
    diags
        .iter()
        .map(|d| {
            let mut out = match d.severity {
                TypstSeverity::Error => Diagnostic::error(d.message.to_string()),
                TypstSeverity::Warning => Diagnostic::warning(d.message.to_string()),
            };
            out.severity = match d.severity {
                TypstSeverity::Error => Severity::Error,
                TypstSeverity::Warning => Severity::Warning,
            };
            // Point at the innermost place in a file; a call in a built-in layout is traced
            // back to where the user can see it.
            if let Some(id) = d.span.id()
                && let Some(range) = world.range(d.span)
                && let Ok(bytes) = typst::World::file(world, id)
            {
                let text: Arc<str> = String::from_utf8_lossy(&bytes).into();
                out = out.at(&world.display_path(id), &text, range);
            }
            for hint in &d.hints {
                out = out.hint(hint.v.to_string());
            }
            out
        })
        .collect()
}
