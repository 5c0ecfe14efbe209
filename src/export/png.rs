//! PNG export: one image per page, rendered in-process by typst-render at a chosen
//! resolution.

use typst::utils::Scalar;
use typst_layout::PagedDocument;

use crate::diag::Diagnostic;

/// Renders every page as a PNG at `ppi` pixels per inch, pages shared out over the cores
/// (rendering and compressing a page costs more than typesetting it).
pub fn export(doc: &PagedDocument, ppi: f32) -> Result<Vec<Vec<u8>>, Vec<Diagnostic>> {
    let options = typst_render::RenderOptions {
        pixel_per_pt: Scalar::new(f64::from(ppi) / 72.0),
        render_bleed: false,
    };
    let render = |page| {
        typst_render::render(page, &options)
            .encode_png()
            .map_err(|e| vec![Diagnostic::error(format!("cannot encode a PNG page: {e}"))])
    };
    let pages = doc.pages();
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    if pages.len() < 2 || threads < 2 {
        return pages.iter().map(render).collect();
    }
    let chunk = pages.len().div_ceil(threads);
    std::thread::scope(|s| {
        let jobs: Vec<_> = pages
            .chunks(chunk)
            .map(|part| s.spawn(|| part.iter().map(render).collect::<Result<Vec<_>, _>>()))
            .collect();
        let mut all = Vec::with_capacity(pages.len());
        for job in jobs {
            let part = job.join().map_err(|_| {
                vec![Diagnostic::error("the PNG renderer crashed").hint(
                    "this is a bug in vita: please report it with the profile that caused it",
                )]
            })?;
            all.extend(part?);
        }
        Ok(all)
    })
}

/// Checks a resolution asked for on the command line: a page at 2,400 ppi is already a
/// 20,000-pixel-wide image.
pub fn check_ppi(ppi: f32) -> Result<f32, Diagnostic> {
    if ppi.is_finite() && (10.0..=2400.0).contains(&ppi) {
        Ok(ppi)
    } else {
        Err(Diagnostic::error(format!("`--ppi {ppi}` is out of range"))
            .hint("write a resolution from 10 to 2400 pixels per inch; 144 is the default, 300 prints well"))
    }
}
