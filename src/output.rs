//! Writing files so that a failed or interrupted build never leaves a half-written PDF.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::diag::Diagnostic;
use crate::export::Format;
use crate::{Failure, Outcome};

/// Writes a build's documents into `out`, named by `pattern` (or a document's own `output`
/// pattern), all in one step; returns the paths in the order of `outcome.made` and of each
/// document's files.
pub fn write_documents(
    outcome: &Outcome,
    out: &Path,
    pattern: &str,
) -> Result<Vec<PathBuf>, Failure> {
    let mut staged: Vec<(PathBuf, &[u8])> = vec![];
    for m in &outcome.made {
        let pattern = m.output.as_deref().unwrap_or(pattern);
        for f in &m.files {
            let name = file_name(pattern, &m.name, &outcome.person);
            let path = out.join(format_name(&name, f.format, f.page));
            if staged.iter().any(|(p, _)| *p == path) {
                let what = if outcome.made.len() == 2 {
                    "both documents"
                } else {
                    "two documents"
                };
                return Err(Failure::input(vec![
                    Diagnostic::error(format!(
                        "{what} would be written to `{}`",
                        path.display()
                    ))
                    .hint("put `{doc}` in the name pattern, such as `--name \"{name}-{doc}.pdf\"`"),
                ]));
            }
            staged.push((path, f.bytes.as_slice()));
        }
    }
    write_all(&staged).map_err(Failure::other)?;
    Ok(staged.into_iter().map(|(p, _)| p).collect())
}

/// The output file name from a pattern: `{doc}` is the document's name (`resume`, `cv`),
/// `{name}` the person's name in lower case with dashes (`yiming-li`).
pub fn file_name(pattern: &str, doc: &str, person: &str) -> String {
    // `Jürgen Müller` -> `jurgen-muller`; a name with no Latin letters keeps its own.
    let ascii: String = crate::names::fold(person)
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { ' ' })
        .collect();
    let words = |s: &str| -> String {
        s.split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect::<Vec<_>>()
            .join("-")
    };
    let slug = match words(&ascii) {
        s if s.is_empty() => words(person),
        s => s,
    };
    pattern.replace("{doc}", doc).replace("{name}", &slug)
}

/// The name of one file of a document from the name its pattern gives: the extension is the
/// format's (`cv.pdf` -> `cv.md`), and a file per page gets the page number (`cv-1.png`). A
/// PDF keeps a name without an extension as it is.
pub fn format_name(name: &str, format: Format, page: Option<usize>) -> String {
    let stem = match name.rsplit_once('.') {
        Some((stem, _)) if !stem.is_empty() => stem,
        _ if format == Format::Pdf => return name.to_string(),
        _ => name,
    };
    match page {
        Some(n) => format!("{stem}-{n}.{}", format.extension()),
        None => format!("{stem}.{}", format.extension()),
    }
}

/// Writes one file atomically (see [`write_all`]).
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), Diagnostic> {
    write_all(&[(path.to_path_buf(), bytes)])
}

/// Writes several files as one step: every file goes to a temporary file in its folder first,
/// and only when all of them are complete are they renamed into place. A failure on the way
/// (a full disk, a folder where a file should be) removes the temporary files and leaves every
/// old file as it was.
pub fn write_all(files: &[(PathBuf, &[u8])]) -> Result<(), Diagnostic> {
    let fail = |what: &str, path: &Path, e: std::io::Error| {
        Diagnostic::error(format!("cannot {what} `{}`: {e}", path.display()))
            .hint("check that the output folder exists, is writable and has free space")
    };
    let mut staged: Vec<(PathBuf, &Path)> = vec![];
    let cleanup = |staged: &[(PathBuf, &Path)]| {
        for (tmp, _) in staged {
            let _ = std::fs::remove_file(tmp);
        }
    };
    for (path, bytes) in files {
        let dir = path
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        if dir.exists() && !dir.is_dir() {
            cleanup(&staged);
            return Err(Diagnostic::error(format!(
                "cannot create the folder for `{}`: `{}` is a file, not a folder",
                path.display(),
                dir.display()
            ))
            .hint("name a folder with `--out DIR` (vita makes it when it does not exist)"));
        }
        if let Err(e) = std::fs::create_dir_all(dir) {
            cleanup(&staged);
            return Err(fail("create the folder for", path, e));
        }
        if path.is_dir() {
            cleanup(&staged);
            return Err(Diagnostic::error(format!(
                "cannot write `{}`: a folder of that name is in the way",
                path.display()
            ))
            .hint("move or rename the folder, or write elsewhere with `--out DIR`"));
        }
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        remove_stale(dir, &name);
        let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
        let result = (|| {
            let mut f = std::fs::File::create(&tmp)?;
            f.write_all(bytes)?;
            f.sync_all()
        })();
        staged.push((tmp, path));
        if let Err(e) = result {
            cleanup(&staged);
            return Err(fail("write", path, e));
        }
    }
    for (i, (tmp, path)) in staged.iter().enumerate() {
        if let Err(e) = std::fs::rename(tmp, path) {
            cleanup(&staged[i..]);
            return Err(fail("write", path, e));
        }
    }
    Ok(())
}

/// Removes the temporary files of `name` that a vita killed mid-write left behind (their
/// process is gone); those of a build still running are left alone.
fn remove_stale(dir: &Path, name: &str) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let prefix = format!(".{name}.");
    for entry in entries.flatten() {
        let file = entry.file_name().to_string_lossy().into_owned();
        let Some(pid) = file
            .strip_prefix(&prefix)
            .and_then(|rest| rest.strip_suffix(".tmp"))
            .and_then(|pid| pid.parse::<u32>().ok())
        else {
            continue;
        };
        if pid != std::process::id() && !alive(pid) {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// Whether a process is running (on systems without `/proc`, every process is assumed to be).
fn alive(pid: u32) -> bool {
    let proc = Path::new("/proc");
    !proc.is_dir() || proc.join(pid.to_string()).exists()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_are_named_from_the_pattern() {
        assert_eq!(format_name("cv.pdf", Format::Pdf, None), "cv.pdf");
        assert_eq!(format_name("cv.pdf", Format::Md, None), "cv.md");
        assert_eq!(format_name("cv.pdf", Format::Png, Some(2)), "cv-2.png");
        assert_eq!(
            format_name("yiming-li-cv.pdf", Format::Svg, Some(1)),
            "yiming-li-cv-1.svg"
        );
        assert_eq!(format_name("cv", Format::Pdf, None), "cv");
        assert_eq!(format_name("cv", Format::Html, None), "cv.html");
        assert_eq!(format_name("cv.txt", Format::Pdf, None), "cv.pdf");
    }
}
