//! The person's photo (`person.photo`): an image file beside the profile, read once, checked,
//! and handed to layouts as a virtual file (`/photo.png`) so they never read the disk.

use std::path::Path;
use std::sync::Arc;

use crate::diag::Diagnostic;
use crate::files::{ReadError, read_capped};
use crate::profile::{KeyPath, Profile, Spans};

/// The largest photo vita reads.
pub const MAX_PHOTO_BYTES: u64 = 10 * 1024 * 1024;

/// A photo's bytes and what kind of image they are.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Photo {
    /// `png`, `jpg` or `svg`: the virtual file's extension.
    pub ext: &'static str,
    /// The file's bytes, shared by every document that prints it (no copy per compile).
    pub bytes: typst::foundations::Bytes,
}

impl Photo {
    /// The virtual path layouts read it at: `/photo.png`.
    pub fn path(&self) -> String {
        format!("/photo.{}", self.ext)
    }
}

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
    match sniff(&bytes) {
        Some(ext) => {
            p.person.photo_file = Some(Photo {
                ext,
                bytes: typst::foundations::Bytes::new(bytes),
            });
            vec![]
        }
        None => err(
            format!("the photo `{name}` is not a PNG, JPEG or SVG image"),
            "save it as PNG or JPEG (vita reads what the file holds, not its name)",
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::sniff;

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
