//! Output formats: one place turns a compiled document into the bytes of a file.
//!
//! A new format is a variant of [`Format`], a file beside this one, and an arm in
//! [`export`].

pub mod pdf;

use typst_layout::PagedDocument;

use crate::diag::Diagnostic;
use crate::render::world::VitaWorld;

/// The formats vita writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum Format {
    /// PDF, with the standards asked for.
    Pdf,
}

impl Format {
    /// The file extension.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Pdf => "pdf",
        }
    }
}

/// What every format may need besides the document.
pub struct Context<'a> {
    /// The world the document was compiled in (for messages that point into layouts).
    pub world: &'a VitaWorld,
    /// An identifier that stays the same across builds of the same document.
    pub ident: &'a str,
    /// The document date.
    pub date: Option<(i32, u8, u8)>,
    /// PDF standards to conform to.
    pub standards: &'a [typst_pdf::PdfStandard],
}

/// One file's bytes.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Exported {
    /// The format.
    pub format: Format,
    /// The bytes.
    pub bytes: Vec<u8>,
}

/// Turns a compiled document into one file of a format.
pub fn export(
    format: Format,
    document: &PagedDocument,
    cx: &Context,
) -> Result<Exported, Vec<Diagnostic>> {
    let bytes = match format {
        Format::Pdf => pdf::export(cx.world, document, cx.ident, cx.date, cx.standards)?,
    };
    Ok(Exported { format, bytes })
}
