//! The person's photo (`person.photo`): an image file beside the profile, read once, checked,
//! and handed to layouts as a virtual file (`/photo.png`) so they never read the disk.

use std::path::Path;
use std::sync::Arc;

use crate::diag::Diagnostic;
use crate::files::{ReadError, read_capped};
use crate::profile::{KeyPath, Profile, Spans};

/// The largest photo vita reads.
pub const MAX_PHOTO_BYTES: u64 = 10 * 1024 * 1024;

/// A photo's bytes and kind: a type of the profile (it holds one), defined there so the
/// profile needs nothing of this module.
pub use crate::profile::Photo;

/// What kind of image `bytes` holds, by its first bytes (never by the file's name).
pub fn sniff(bytes: &[u8]) -> Option<&'static str> {
    if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        return Some("png");
    }
    if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        return Some("jpg");
    }
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(4096)]);
    let head = head.trim_start_matches('\u{feff}').trim_start();
    (head.starts_with('<') && head.contains("<svg")).then_some("svg")
}

/// Reads `person.photo` from the profile's folder (`folder`) into the profile; every
/// problem is an error at the key.
pub fn attach(
    p: &mut Profile,
    folder: &Path,
    display: &str,
    text: &Arc<str>,
    spans: &Spans,
) -> Vec<Diagnostic> {
    let Some(name) = p.person.photo.clone() else {
        return vec![];
    };
    let at = spans
        .find(&KeyPath::key("person").k("photo"))
        .unwrap_or(0..0);
    let err = |msg: String, hint: &str| {
        vec![
            Diagnostic::error(msg)
                .at(display, text, at.clone())
                .hint(hint),
        ]
    };
    let folder = if folder.as_os_str().is_empty() {
        Path::new(".")
    } else {
        folder
    };
    let path = folder.join(&name);
    let base = folder
        .canonicalize()
        .unwrap_or_else(|_| folder.to_path_buf());
    // The same rule as for layouts: only files in the profile's own folder (links resolved).
    if let Ok(real) = path.canonicalize()
        && !real.starts_with(&base)
    {
        return err(
            format!("`person.photo` is outside the profile's folder: `{name}`"),
            "put the image in the profile's folder (or one below it) and name it from there",
        );
    }
    let bytes = match read_capped(&path, MAX_PHOTO_BYTES) {
        Ok(b) => b,
        Err(e) => {
            let (what, hint) = match e {
                ReadError::NotFound => (
                    "does not exist".to_string(),
                    "name the image from the profile's folder, such as `photo = \"photo.jpg\"`",
                ),
                ReadError::TooLarge { .. } => (
                    format!("is larger than {} MiB", MAX_PHOTO_BYTES / 1024 / 1024),
                    "a photo for a CV needs about 600 × 800 pixels: save a smaller copy",
                ),
                ReadError::Folder | ReadError::NotAFile => {
                    ("is not a file".to_string(), "name an image file")
                }
                ReadError::Io(e) => (
                    format!("cannot be read: {e}"),
                    "check the file's permissions",
                ),
            };
            return err(format!("the photo `{name}` {what}"), hint);
        }
    };
    let Some(ext) = sniff(&bytes) else {
        return err(
            format!("the photo `{name}` is not a PNG, JPEG or SVG image"),
            "save it as PNG or JPEG (vita reads what the file holds, not its name)",
        );
    };
    let bytes = typst::foundations::Bytes::new(bytes);
    if let Err((what, hint)) = check(ext, &bytes) {
        return err(format!("the photo `{name}` {what}"), hint);
    }
    p.person.photo_file = Some(Photo { ext, bytes });
    vec![]
}

/// The most pixels a photo may have (40 megapixels: a 7,700 × 5,200 camera image). A CV's
/// photo is printed a few centimetres wide; more only costs memory (a 1-bit PNG of 1 MB can
/// claim 10 GB when decoded).
pub const MAX_PHOTO_PIXELS: u64 = 40_000_000;

type Problem = (String, &'static str);

/// Checks that the image decodes, and is no decompression bomb: the size is read from the
/// header first, and only an image within [`MAX_PHOTO_PIXELS`] is decoded (with the decoder
/// layouts use, so what passes here prints). An SVG may not declare entities or refer to
/// files or addresses, and the raster images inside it are held to the same limit.
pub fn check(ext: &str, bytes: &typst::foundations::Bytes) -> Result<(), Problem> {
    use typst::visualize::{ExchangeFormat, RasterImage};
    let damaged = |e: &dyn std::fmt::Display| {
        (
            format!("cannot be decoded ({e})"),
            "open it in an image editor and save it again as PNG or JPEG",
        )
    };
    match ext {
        "png" | "jpg" => {
            raster_size(bytes)?;
            let format = if ext == "png" {
                ExchangeFormat::Png
            } else {
                ExchangeFormat::Jpg
            };
            RasterImage::plain(bytes.clone(), format).map_err(|e| damaged(&e))?;
        }
        _ => {
            let text = std::str::from_utf8(bytes).map_err(|_| {
                (
                    "is an SVG that is not UTF-8 text".to_string(),
                    "save it again as SVG (UTF-8), or as PNG",
                )
            })?;
            svg_refs(text)?;
            // Parsed as Typst parses it, with no way to load anything from outside.
            let options = usvg::Options {
                resources_dir: None,
                image_href_resolver: usvg::ImageHrefResolver {
                    resolve_data: usvg::ImageHrefResolver::default_data_resolver(),
                    resolve_string: Box::new(|_, _| None),
                },
                ..Default::default()
            };
            let tree = usvg::Tree::from_data(bytes, &options).map_err(|e| damaged(&e))?;
            svg_images(tree.root())?;
        }
    }
    Ok(())
}

/// The width and height in a PNG's or JPEG's header, refused above the pixel limit.
fn raster_size(bytes: &[u8]) -> Result<(u32, u32), Problem> {
    let reader = image::ImageReader::new(std::io::Cursor::new(bytes))
        .with_guessed_format()
        .map_err(|e| {
            (
                format!("cannot be read ({e})"),
                "save it again as PNG or JPEG",
            )
        })?;
    let (w, h) = reader.into_dimensions().map_err(|e| {
        (
            format!("cannot be decoded ({e})"),
            "open it in an image editor and save it again as PNG or JPEG",
        )
    })?;
    if w == 0 || h == 0 {
        return Err((
            "has no pixels".to_string(),
            "save the image again as PNG or JPEG",
        ));
    }
    if u64::from(w) * u64::from(h) > MAX_PHOTO_PIXELS {
        return Err((
            format!(
                "is {w} × {h} pixels, more than {} megapixels",
                MAX_PHOTO_PIXELS / 1_000_000
            ),
            "a photo for a CV needs about 600 × 800 pixels: save a smaller copy",
        ));
    }
    Ok((w, h))
}

/// Refuses what an SVG photo may not hold: entity declarations (which expand to megabytes),
/// and links to files or addresses (`href="photo.jpg"`, `http://...`): a photo is one
/// self-contained file, and layouts never read the disk or the network.
fn svg_refs(text: &str) -> Result<(), Problem> {
    let hint = "embed what it shows (a `data:` URL), or save the photo as PNG or JPEG";
    if text.contains("<!ENTITY") {
        return Err(("is an SVG that declares entities".to_string(), hint));
    }
    let mut rest = text;
    while let Some(at) = rest.find("href") {
        rest = &rest[at + 4..];
        let value = rest.trim_start();
        let Some(value) = value.strip_prefix('=') else {
            continue;
        };
        let value = value.trim_start();
        let Some(quote) = value.chars().next().filter(|c| *c == '"' || *c == '\'') else {
            continue;
        };
        let target = value[1..].split(quote).next().unwrap_or("").trim();
        if !(target.is_empty() || target.starts_with('#') || target.starts_with("data:")) {
            let shown: String = target.chars().take(60).collect();
            return Err((
                format!("is an SVG that refers to `{shown}` outside itself"),
                hint,
            ));
        }
    }
    Ok(())
}

/// Holds the raster images embedded in an SVG (and in SVGs embedded in it) to the pixel
/// limit.
fn svg_images(group: &usvg::Group) -> Result<(), Problem> {
    for node in group.children() {
        if let usvg::Node::Image(image) = node {
            match image.kind() {
                usvg::ImageKind::SVG(tree) => svg_images(tree.root())?,
                usvg::ImageKind::PNG(data)
                | usvg::ImageKind::JPEG(data)
                | usvg::ImageKind::GIF(data)
                | usvg::ImageKind::WEBP(data) => {
                    raster_size(data).map_err(|(what, hint)| {
                        (format!("is an SVG holding an image that {what}"), hint)
                    })?;
                }
            }
        }
        let mut inner = Ok(());
        node.subroots(|g| {
            if inner.is_ok() {
                inner = svg_images(g);
            }
        });
        inner?;
        if let usvg::Node::Group(g) = node {
            svg_images(g)?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::{MAX_PHOTO_PIXELS, check, raster_size, sniff};

    /// A PNG's signature and header chunk for an image of `w` × `h` 1-bit pixels, then
    /// `idat` as its data and the end chunk: what a bomb looks like (the header claims
    /// gigapixels, the file is a few bytes).
    pub(crate) fn png_header(w: u32, h: u32, idat: &[u8]) -> Vec<u8> {
        fn chunk(out: &mut Vec<u8>, kind: &[u8], data: &[u8]) {
            out.extend((data.len() as u32).to_be_bytes());
            let start = out.len();
            out.extend(kind);
            out.extend(data);
            let mut c = !0u32;
            for b in &out[start..] {
                c ^= u32::from(*b);
                for _ in 0..8 {
                    c = if c & 1 == 1 {
                        0xEDB8_8320 ^ (c >> 1)
                    } else {
                        c >> 1
                    };
                }
            }
            out.extend((!c).to_be_bytes());
        }
        let mut out = b"\x89PNG\r\n\x1a\n".to_vec();
        let mut ihdr = vec![];
        ihdr.extend(w.to_be_bytes());
        ihdr.extend(h.to_be_bytes());
        ihdr.extend([1, 0, 0, 0, 0]); // 1-bit greyscale, deflate, no filter, no interlace
        chunk(&mut out, b"IHDR", &ihdr);
        chunk(&mut out, b"IDAT", idat);
        chunk(&mut out, b"IEND", &[]);
        out
    }

    #[test]
    fn a_photo_is_measured_by_its_header_before_it_is_decoded() {
        // Just under and just over 40 megapixels: only the header is read.
        assert!(u64::from(6325u32) * 6324 <= MAX_PHOTO_PIXELS);
        assert_eq!(
            raster_size(&png_header(6325, 6324, &[])).unwrap(),
            (6325, 6324)
        );
        let (what, _) = raster_size(&png_header(6325, 6325, &[])).unwrap_err();
        assert!(
            what.contains("6325 × 6325 pixels, more than 40 megapixels"),
            "{what}"
        );
        // The 1.2 MB file that claimed 10 GB: refused at once, nothing allocated.
        let bomb = png_header(100_000, 100_000, &[0x78, 0x9c, 0x03, 0x00]);
        let (what, _) = check("png", &typst::foundations::Bytes::new(bomb)).unwrap_err();
        assert!(what.contains("100000 × 100000"), "{what}");
        // A header with no pixel data behind it cannot be decoded.
        let (what, _) = check(
            "png",
            &typst::foundations::Bytes::new(png_header(2, 2, &[1, 2])),
        )
        .unwrap_err();
        assert!(what.starts_with("cannot be decoded"), "{what}");
        // A truncated JPEG, and a file that is only a signature.
        for bytes in [
            &[0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, b'J', b'F'][..],
            b"\x89PNG\r\n\x1a\n",
        ] {
            let ext = sniff(bytes).unwrap();
            assert!(check(ext, &typst::foundations::Bytes::new(bytes.to_vec())).is_err());
        }
    }

    #[test]
    fn an_svg_photo_is_one_self_contained_file() {
        let svg = |body: &str| {
            typst::foundations::Bytes::new(
                format!("<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\" viewBox=\"0 0 4 5\">{body}</svg>").into_bytes(),
            )
        };
        assert!(check("svg", &svg("<rect width=\"4\" height=\"5\"/>")).is_ok());
        assert!(
            check(
                "svg",
                &svg("<use href=\"#a\"/><rect id=\"a\" width=\"1\" height=\"1\"/>")
            )
            .is_ok()
        );
        for (body, says) in [
            (
                "<image href=\"/etc/passwd\" width=\"4\" height=\"5\"/>",
                "refers to `/etc/passwd`",
            ),
            (
                "<image xlink:href = 'http://example.org/x.png' width=\"4\" height=\"5\"/>",
                "refers to `http://example.org/x.png`",
            ),
            ("<rect width=\"4\"", "cannot be decoded"),
        ] {
            let (what, _) = check("svg", &svg(body)).unwrap_err();
            assert!(what.contains(says), "{body}: {what}");
        }
        // A bomb inside an SVG is held to the same limit.
        use base64::Engine;
        let bomb = base64::engine::general_purpose::STANDARD.encode(png_header(
            100_000,
            100_000,
            &[0x78, 0x9c, 0x03, 0x00],
        ));
        let (what, _) = check(
            "svg",
            &svg(&format!(
                "<image href=\"data:image/png;base64,{bomb}\" width=\"4\" height=\"5\"/>"
            )),
        )
        .unwrap_err();
        assert!(
            what.contains("holding an image that is 100000 × 100000"),
            "{what}"
        );
        let laughs = "<?xml version=\"1.0\"?><!DOCTYPE svg [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;\">]><svg xmlns=\"http://www.w3.org/2000/svg\"><text>&b;</text></svg>";
        let (what, _) = check(
            "svg",
            &typst::foundations::Bytes::new(laughs.as_bytes().to_vec()),
        )
        .unwrap_err();
        assert!(what.contains("declares entities"), "{what}");
    }

    #[test]
    fn images_are_known_by_their_bytes() {
        assert_eq!(sniff(b"\x89PNG\r\n\x1a\n...."), Some("png"));
        assert_eq!(sniff(&[0xFF, 0xD8, 0xFF, 0xE0, 0, 0]), Some("jpg"));
        assert_eq!(
            sniff(b"<?xml version=\"1.0\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\"/>"),
            Some("svg")
        );
        assert_eq!(sniff(b"  <svg viewBox=\"0 0 1 1\"></svg>"), Some("svg"));
        assert_eq!(sniff(b"GIF89a"), None);
        assert_eq!(sniff(b"<html><body>no</body></html>"), None);
        assert_eq!(sniff(b""), None);
    }
}
