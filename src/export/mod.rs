//! Output formats: one place turns a compiled document, or the view it was compiled from,
//! into the bytes of its files.
//!
//! A new format is a variant of [`Format`] (named in `profile/options.rs`), a file beside
//! this one, and an arm in [`export`]. Paged images (PNG, SVG) come from the compiled
//! document, page by page; text, Markdown, HTML and DOCX come from the [`View`], so they hold
//! the same entries in the same order as the PDF without reading it back.

pub mod docx;
pub mod html;
pub mod jsonresume;
pub mod pdf;
pub mod png;
pub mod svg;
pub mod text;

use typst_layout::PagedDocument;

use crate::diag::Diagnostic;
use crate::render::world::VitaWorld;
use crate::view::model::View;

pub use crate::profile::Format;

/// The PNG resolution when none is asked for, in pixels per inch.
pub const DEFAULT_PPI: f32 = 144.0;

impl Format {
    /// The file extension.
    pub fn extension(self) -> &'static str {
        self.name()
    }

    /// Whether the format writes one file per page.
    pub fn paged(self) -> bool {
        matches!(self, Format::Png | Format::Svg)
    }
}

/// What every format may need besides the document.
pub struct Context<'a> {
    /// The world the document was compiled in (for messages that point into layouts).
    pub world: &'a VitaWorld,
    /// The view the document was compiled from.
    pub view: &'a View,
    /// An identifier that stays the same across builds of the same document.
    pub ident: &'a str,
    /// The document date.
    pub date: Option<(i32, u8, u8)>,
    /// PDF standards to conform to.
    pub standards: &'a [typst_pdf::PdfStandard],
    /// PNG resolution in pixels per inch.
    pub ppi: f32,
}

/// One file's bytes.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Exported {
    /// The format.
    pub format: Format,
    /// The page it shows (from 1), for formats that write a file per page.
    pub page: Option<usize>,
    /// The bytes.
    pub bytes: Vec<u8>,
}

/// Turns a compiled document into the files of one format: one file, or one per page.
pub fn export(
    format: Format,
    document: &PagedDocument,
    cx: &Context,
) -> Result<Vec<Exported>, Vec<Diagnostic>> {
    let one = |bytes: Vec<u8>| {
        vec![Exported {
            format,
            page: None,
            bytes,
        }]
    };
    let pages = |all: Vec<Vec<u8>>| {
        all.into_iter()
            .enumerate()
            .map(|(i, bytes)| Exported {
                format,
                page: Some(i + 1),
                bytes,
            })
            .collect()
    };
    Ok(match format {
        Format::Pdf => one(pdf::export(
            cx.world,
            document,
            cx.ident,
            cx.date,
            cx.standards,
        )?),
        Format::Png => pages(png::export(document, cx.ppi)?),
        Format::Svg => pages(svg::export(document)),
        Format::Txt => one(text::plain(cx.view).into_bytes()),
        Format::Md => one(text::markdown(cx.view).into_bytes()),
        Format::Html => one(html::export(cx.view).into_bytes()),
        Format::Docx => one(docx::export(cx.view)?),
    })
}
