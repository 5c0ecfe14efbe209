//! PDF export: fixed options, so equal input gives equal bytes, and the standards vita can
//! ask Typst for.

use typst::foundations::{Datetime, Smart};
use typst_layout::PagedDocument;
use typst_pdf::{PdfOptions, PdfStandard, PdfStandards, Timestamp};

use crate::diag::Diagnostic;
use crate::render::compile::convert;
use crate::render::world::VitaWorld;

/// Exports a document as PDF with fixed options, so equal input gives equal bytes.
pub fn export(
    world: &VitaWorld,
    doc: &PagedDocument,
    ident: &str,
    date: Option<(i32, u8, u8)>,
    standards: &[PdfStandard],
) -> Result<Vec<u8>, Vec<Diagnostic>> {
    let standards = PdfStandards::new(standards).map_err(|e| {
        let mut d = Diagnostic::error(format!(
            "these PDF standards cannot be combined: {}",
            e.message()
        ));
        for h in e.hints() {
            d = d.hint(h.to_string());
        }
        vec![d.hint("Typst can combine one PDF/A standard with PDF/UA-1")]
    })?;
    let options = PdfOptions {
        standards,
        ident: Smart::Custom(ident.to_string()),
        creator: Smart::Custom(Some(format!("vita {}", env!("CARGO_PKG_VERSION")))),
        timestamp: date
            .and_then(|(y, m, d)| Datetime::from_ymd(y, m, d))
            .map(Timestamp::new_utc),
        ..PdfOptions::default()
    };
    typst_pdf::pdf(doc, &options).map_err(|errors| convert(world, &errors))
}

/// The names of the PDF standards vita can ask Typst for.
pub const STANDARDS: &[&str] = &[
    "1.4", "1.5", "1.6", "1.7", "2.0", "a-1b", "a-1a", "a-2b", "a-2u", "a-2a", "a-3b", "a-3u",
    "a-3a", "a-4", "a-4f", "a-4e", "ua-1",
];

/// Parses a standard's name (`a-2b`, `ua-1`).
pub fn standard(name: &str) -> Result<PdfStandard, Diagnostic> {
    serde_json::from_value(serde_json::Value::String(name.to_string())).map_err(|_| {
        let d = Diagnostic::error(format!("`{name}` is not a PDF standard vita knows"));
        match crate::diag::did_you_mean(name, STANDARDS.iter().copied()) {
            Some(best) => d.hint(format!("did you mean `{best}`?")),
            None => d.hint(format!("the standards are: {}", STANDARDS.join(", "))),
        }
    })
}

/// Whether a standard is PDF/A (archival), which forbids text no font can draw.
pub fn is_archival(s: &PdfStandard) -> bool {
    use PdfStandard as S;
    matches!(
        s,
        S::A_1b
            | S::A_1a
            | S::A_2b
            | S::A_2u
            | S::A_2a
            | S::A_3b
            | S::A_3u
            | S::A_3a
            | S::A_4
            | S::A_4f
            | S::A_4e
    )
}
