//! Reading a .bib file as text, within a size limit, with messages for what stops it.

use std::path::Path;

use crate::diag::{Diagnostic, did_you_mean};
use crate::files::{ReadError, read_capped};

/// Bibliography files larger than this are refused.
const MAX_BIB_BYTES: u64 = crate::files::MAX_INPUT_BYTES;

/// Reads a .bib file as text; a file that is not UTF-8 is read as Latin-1, with a warning.
/// `name` is the file as the profile names it.
pub(super) fn read(path: &Path, name: &str) -> Result<(String, Option<Diagnostic>), Diagnostic> {
    const MIB: u64 = 1024 * 1024;
    let bytes = read_capped(path, MAX_BIB_BYTES).map_err(|e| match e {
        ReadError::NotFound => missing(path, name),
        ReadError::NotAFile | ReadError::Folder => {
            Diagnostic::error(format!("the bibliography `{name}` is not a file"))
                .hint("name a .bib file, such as `bibliography = [\"pubs.bib\"]`")
        }
        ReadError::TooLarge { bytes: Some(bytes) } => Diagnostic::error(format!(
            "the bibliography file `{name}` is {} MiB; vita reads at most {} MiB",
            bytes / MIB,
            MAX_BIB_BYTES / MIB
        ))
        .hint("check that this is the right file"),
        ReadError::TooLarge { bytes: None } => Diagnostic::error(format!(
            "the bibliography file `{name}` is larger than {} MiB; vita reads at most {} MiB",
            MAX_BIB_BYTES / MIB,
            MAX_BIB_BYTES / MIB
        ))
        .hint("check that this is the right file"),
        ReadError::Io(e) => {
            Diagnostic::error(format!("cannot read the bibliography file `{name}`: {e}"))
                .hint("check that the path is right and that the file is readable")
        }
    })?;
    Ok(match String::from_utf8(bytes) {
        Ok(s) => (
            s.strip_prefix('\u{feff}').map(str::to_string).unwrap_or(s),
            None,
        ),
        Err(e) => (
            e.as_bytes().iter().map(|&b| char::from(b)).collect(),
            Some(
                Diagnostic::warning(format!("`{name}` is not UTF-8; it was read as Latin-1"))
                    .hint("save it as UTF-8 so that every character is read as you wrote it"),
            ),
        ),
    })
}

/// The error for a file that does not exist, suggesting a .bib file of that folder with a
/// similar name.
fn missing(path: &Path, name: &str) -> Diagnostic {
    let dir = path.parent().unwrap_or(Path::new("."));
    let dir = if dir.as_os_str().is_empty() {
        Path::new(".")
    } else {
        dir
    };
    let siblings: Vec<String> = std::fs::read_dir(dir)
        .map(|rd| {
            rd.filter_map(Result::ok)
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .filter(|n| n.ends_with(".bib"))
                .collect()
        })
        .unwrap_or_default();
    let file = path
        .file_name()
        .map(|f| f.to_string_lossy().into_owned())
        .unwrap_or_default();
    let d = Diagnostic::error(format!("the bibliography file `{name}` does not exist"));
    match did_you_mean(
        &file,
        siblings.iter().map(String::as_str).filter(|s| *s != file),
    ) {
        Some(best) => d.hint(format!("did you mean `{best}`?")),
        None => d.hint(format!(
            "paths in `bibliography` are relative to the profile's folder; vita looked for `{}`",
            path.display()
        )),
    }
}
