//! SVG export: one image per page, drawn by typst-svg; text is kept as glyph outlines, so
//! the images look the same without the fonts.

use typst_layout::PagedDocument;

/// Draws every page as an SVG file.
pub fn export(doc: &PagedDocument) -> Vec<Vec<u8>> {
    let options = typst_svg::SvgOptions::default();
    doc.pages()
        .iter()
        .map(|page| typst_svg::svg(page, &options).into_bytes())
        .collect()
}
