//! A .bib file as `vita add` and `vita sync` change it: read whole (UTF-8, errors located),
//! and written back only if nobody changed it meanwhile, through a symbolic link to the file
//! it names, keeping its permissions, and never over a read-only file.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::Failure;
use crate::diag::Diagnostic;

/// A .bib file's text as read, to be written back.
pub struct BibFile {
    /// The file as the user named it.
    pub path: PathBuf,
    /// Its text ("" for a file not there yet).
    pub text: String,
}

impl BibFile {
    /// Reads the file (a missing one is empty); a file vita's reader finds errors in is
    /// refused with them, located, since what vita adds must read back with the rest.
    pub fn read(path: &Path) -> Result<BibFile, Failure> {
        let name = path.display().to_string();
        let text = match std::fs::read(path) {
            Ok(bytes) => String::from_utf8(bytes).map_err(|_| {
                Failure::input(
                    vec![Diagnostic::error(format!("`{name}` is not UTF-8")).hint(
                    "save it as UTF-8 first: vita writes UTF-8 text and would mix two encodings",
                )],
                )
            })?,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
            Err(e) => {
                return Err(Failure::input(vec![
                    Diagnostic::error(format!("cannot read `{name}`: {e}"))
                        .hint("check that the path is right and that it is a readable file"),
                ]));
            }
        };
        let arc: Arc<str> = text.clone().into();
        let (_, diags) = crate::bib::parse(&name, &arc, None);
        let errors: Vec<Diagnostic> = diags
            .into_iter()
            .filter(|d| d.is_error() && !d.lenient)
            .collect();
        if !errors.is_empty() {
            let mut errors = errors;
            errors.push(
                Diagnostic::error(format!("`{name}` has errors; nothing was asked or written"))
                    .hint("fix them first (`vita check` shows them too): what vita adds must read back with the rest"),
            );
            return Err(Failure::input(errors));
        }
        Ok(BibFile {
            path: path.to_path_buf(),
            text,
        })
    }

    /// Writes `new` in place of the text read: refused if the file changed since (an edit
    /// saved while vita waited on the network is not lost), or is read-only. A symbolic link
    /// is followed, so the file it names gets the text; the file's permissions stay.
    pub fn write(&self, new: &str) -> Result<(), Failure> {
        let name = self.path.display().to_string();
        let now = match std::fs::read(&self.path) {
            Ok(b) => Some(b),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
            Err(e) => {
                return Err(Failure::other(Diagnostic::error(format!(
                    "cannot read `{name}` again: {e}"
                ))));
            }
        };
        if now.as_deref().unwrap_or_default() != self.text.as_bytes() {
            return Err(Failure::input(vec![
                Diagnostic::error(format!(
                    "`{name}` changed while vita was looking works up; nothing was written"
                ))
                .hint("run the command again: it reads the file as it is now"),
            ]));
        }
        let target = std::fs::canonicalize(&self.path).unwrap_or_else(|_| self.path.clone());
        let perms = std::fs::metadata(&target).ok().map(|m| m.permissions());
        if perms.as_ref().is_some_and(std::fs::Permissions::readonly) {
            return Err(Failure::input(vec![
                Diagnostic::error(format!("`{name}` is read-only; nothing was written"))
                    .hint("make it writable, or name another file with `--bib`"),
            ]));
        }
        if let Some(parent) = target.parent().filter(|p| !p.as_os_str().is_empty()) {
            std::fs::create_dir_all(parent).map_err(|e| {
                Failure::other(Diagnostic::error(format!(
                    "cannot make the folder of `{name}`: {e}"
                )))
            })?;
        }
        crate::output::write_atomic(&target, new.as_bytes())
            .map_err(|d| Failure::input(vec![d.hint(format!("`{name}` is as it was"))]))?;
        if let Some(p) = perms {
            let _ = std::fs::set_permissions(&target, p);
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_edit_saved_meanwhile_is_not_lost() {
        let dir = std::env::temp_dir().join(format!("vita-bibfile-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("pubs.bib");
        std::fs::write(&path, "@misc{a, title = {A}}\n").unwrap();
        let file = BibFile::read(&path).unwrap();
        // The user saves while vita waits on the network.
        std::fs::write(&path, "@misc{a, title = {A, edited}}\n").unwrap();
        let err = file
            .write("@misc{a, title = {A}}\n@misc{b, title = {B}}\n")
            .unwrap_err();
        assert!(
            err.diagnostics[0]
                .message
                .contains("changed while vita was looking works up")
        );
        assert_eq!(
            std::fs::read_to_string(&path).unwrap(),
            "@misc{a, title = {A, edited}}\n"
        );
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
