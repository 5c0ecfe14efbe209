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
    let mut staged: Vec<(PathBuf, &[u8], &str)> = vec![];
    for m in &outcome.made {
        let pattern = m.output.as_deref().unwrap_or(pattern);
        for f in &m.files {
            let name = file_name(pattern, &m.name, &outcome.person);
            let path = target(out, &format_name(&name, f.format, f.page))
                .map_err(|d| Failure::input(vec![d]))?;
            if let Some((_, _, other)) = staged.iter().find(|(p, _, _)| *p == path) {
                let what = if outcome.made.len() == 2 {
                    "both documents"
                } else {
                    "two documents"
                };
                return Err(Failure::input(vec![
                    Diagnostic::error(format!(
                        "{what} would be written to `{}`: `{other}` and `{}`",
                        path.display(),
                        m.name
                    ))
                    .hint("put `{doc}` in the name pattern, such as `--name \"{name}-{doc}.pdf\"`, or give one of them its own `output` in `[documents.NAME]`"),
                ]));
            }
            staged.push((path, f.bytes.as_slice(), m.name.as_str()));
        }
    }
    let files: Vec<(PathBuf, &[u8])> = staged.into_iter().map(|(p, b, _)| (p, b)).collect();
    write_all(&files).map_err(Failure::other)?;
    Ok(files.into_iter().map(|(p, _)| p).collect())
}

/// The path of the file `name` in the output folder `out`. `name` must be one plain file
/// name: no folder, no `..`, no root, no drive, nothing hidden. Every file a build writes is
/// placed through this, so no document name or pattern can reach outside `out` (the
/// profile's checks refuse such names earlier, at their keys; this is the last guard).
pub fn target(out: &Path, name: &str) -> Result<PathBuf, Diagnostic> {
    use std::path::Component;
    let mut parts = Path::new(name).components();
    let plain = matches!(
        (parts.next(), parts.next()),
        (Some(Component::Normal(n)), None) if n == std::ffi::OsStr::new(name)
    ) && !name.starts_with('.')
        && !name.contains(['/', '\\', '\0']);
    if !plain {
        let shown: String = name.chars().take(80).collect();
        return Err(Diagnostic::error(format!(
            "`{}` is not a plain file name, and vita writes only into the output folder",
            shown.escape_debug()
        ))
        .hint(
            "document names and `--name` patterns are file names: letters, digits, `-` and `_`",
        ));
    }
    Ok(out.join(name))
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

/// Checks the output folder before anything is built: it is a folder, or nothing is there
/// yet (it is made when the files are written). A file, a device (`/dev/null`), a pipe or a
/// socket is refused: vita never puts its files in place of one.
pub fn check_out_folder(out: &Path) -> Result<(), Diagnostic> {
    let what = match std::fs::metadata(out) {
        Ok(m) if m.is_dir() => return Ok(()),
        Ok(m) if m.is_file() => "a file",
        Ok(_) => "a device, pipe or socket",
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            // A dangling link would be followed by `create_dir_all` somewhere unexpected.
            return match std::fs::symlink_metadata(out) {
                Ok(_) => Err(Diagnostic::error(format!(
                    "the output folder `{}` is a link to nothing",
                    out.display()
                ))
                .hint("remove the link, or name another folder with `--out DIR`")),
                Err(_) => Ok(()),
            };
        }
        Err(e) => {
            return Err(Diagnostic::error(format!(
                "cannot use the output folder `{}`: {e}",
                out.display()
            ))
            .hint("name a folder you can write to with `--out DIR`"));
        }
    };
    Err(Diagnostic::error(format!(
        "the output folder `{}` is {what}, not a folder",
        out.display()
    ))
    .hint("name a folder with `--out DIR` (vita makes it when it does not exist)"))
}

/// Writes one file atomically (see [`write_all`]).
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), Diagnostic> {
    write_all(&[(path.to_path_buf(), bytes)])
}

/// Writes several files as one step: every file goes to a temporary file in its folder first,
/// and only when all of them are complete are they renamed into place. A failure on the way
/// (a full disk, a folder where a file should be) removes the temporary files and leaves every
/// old file as it was; so does a rename that fails after others succeeded (the files already
/// replaced get their old contents back, kept aside as links until every rename is done).
pub fn write_all(files: &[(PathBuf, &[u8])]) -> Result<(), Diagnostic> {
    write_all_with(files, &|from, to| std::fs::rename(from, to))
}

fn write_all_with(
    files: &[(PathBuf, &[u8])],
    rename: &dyn Fn(&Path, &Path) -> std::io::Result<()>,
) -> Result<(), Diagnostic> {
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
        if let Ok(m) = std::fs::symlink_metadata(path)
            && !m.is_dir()
            && !m.is_file()
            && !m.file_type().is_symlink()
        {
            cleanup(&staged);
            return Err(Diagnostic::error(format!(
                "cannot write `{}`: a device, pipe or socket of that name is in the way",
                path.display()
            ))
            .hint("vita replaces only files: write elsewhere with `--out DIR`"));
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
    // The old files, kept aside (a hard link, else a copy) while the new ones go in.
    let mut kept: Vec<Option<PathBuf>> = vec![];
    for (tmp, path) in &staged {
        let old = tmp.with_extension("old");
        let saved = path.is_file()
            && (std::fs::hard_link(path, &old).is_ok() || std::fs::copy(path, &old).is_ok());
        kept.push(saved.then_some(old));
    }
    let forget = |kept: &[Option<PathBuf>]| {
        for old in kept.iter().flatten() {
            let _ = std::fs::remove_file(old);
        }
    };
    for (i, (tmp, path)) in staged.iter().enumerate() {
        if let Err(e) = rename(tmp, path) {
            // Put back what the renames before this one replaced.
            for ((_, done), old) in staged[..i].iter().zip(&kept) {
                match old {
                    Some(old) => {
                        let _ = std::fs::rename(old, done);
                    }
                    None => {
                        let _ = std::fs::remove_file(done);
                    }
                }
            }
            cleanup(&staged[i..]);
            forget(&kept);
            return Err(fail("write", path, e));
        }
    }
    forget(&kept);
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
            .and_then(|rest| {
                rest.strip_suffix(".tmp")
                    .or_else(|| rest.strip_suffix(".old"))
            })
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

    proptest::proptest! {
        /// Whatever a document's name, pattern and person: a file is placed in `out` or not
        /// at all; and names that pass the profile's checks are placed.
        #[test]
        fn no_name_or_pattern_reaches_outside_the_output_folder(
            doc in "([a-z]|[.]|[/]|\\\\|[{}]|doc|name|é|:|\\x00| ){0,10}|\\PC{0,12}",
            pattern in "([a-z]|[.]|[/]|\\\\|[{}]|\\{doc\\}|\\{name\\}|\\.pdf){0,8}",
            person in "\\PC{0,12}",
        ) {
            let out = Path::new("out/dir");
            let checked = crate::profile::options::check_doc_name(&doc).is_ok()
                && crate::profile::options::check_pattern(&pattern).is_ok();
            for format in [Format::Pdf, Format::Png, Format::Html] {
                let name = format_name(&file_name(&pattern, &doc, &person), format, Some(1));
                match target(out, &name) {
                    Ok(path) => {
                        proptest::prop_assert_eq!(path.parent(), Some(out));
                        let file = path.file_name().unwrap().to_string_lossy().into_owned();
                        proptest::prop_assert!(file != ".." && file != "." && !file.contains('/'));
                    }
                    // Refused: nothing is written. Checked names with a person whose name
                    // gives a slug are always placed.
                    Err(_) => proptest::prop_assert!(
                        !(checked && person.chars().any(char::is_alphanumeric)),
                        "{name:?} from checked names was refused"
                    ),
                }
            }
        }
    }

    #[test]
    fn document_names_that_are_paths_are_refused() {
        use crate::profile::options::check_doc_name;
        for bad in [
            "../evil",
            "a/b",
            "..",
            ".hidden",
            "",
            "a\\b",
            "x\0y",
            "C:evil",
            "tab\tname",
        ] {
            assert!(check_doc_name(bad).is_err(), "{bad:?} was taken");
            assert!(target(Path::new("out"), bad).is_err() || !bad.contains(['/', '\\']));
        }
        for good in [
            "short-cv",
            "cv_2026",
            "lebenslauf",
            "简历",
            "nih.v2",
            "cv+letter",
        ] {
            assert!(check_doc_name(good).is_ok(), "{good:?} was refused");
            assert_eq!(
                target(Path::new("out"), good).unwrap(),
                Path::new("out").join(good)
            );
        }
        assert!(check_doc_name(&"x".repeat(65)).is_err());
    }

    #[test]
    fn the_output_folder_is_a_folder() {
        let dir = std::env::temp_dir().join(format!("vita-out-check-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        assert!(
            check_out_folder(&dir).is_ok(),
            "not there yet: made when written"
        );
        std::fs::create_dir_all(&dir).unwrap();
        assert!(check_out_folder(&dir).is_ok());
        let file = dir.join("f.pdf");
        std::fs::write(&file, "x").unwrap();
        assert!(
            check_out_folder(&file)
                .unwrap_err()
                .message
                .contains("a file")
        );
        #[cfg(unix)]
        {
            let e = check_out_folder(Path::new("/dev/null")).unwrap_err();
            assert!(e.message.contains("device"), "{}", e.message);
            // A device inside the folder is never replaced either.
            let err = write_all(&[(PathBuf::from("/dev/null"), b"x".as_slice())]).unwrap_err();
            assert!(err.message.contains("device"), "{}", err.message);
            let link = dir.join("gone");
            std::os::unix::fs::symlink(dir.join("nowhere"), &link).unwrap();
            assert!(
                check_out_folder(&link)
                    .unwrap_err()
                    .message
                    .contains("link")
            );
        }
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn a_rename_that_fails_puts_back_the_files_renamed_before_it() {
        let dir = std::env::temp_dir().join(format!("vita-write-all-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        let (a, b, c) = (
            dir.join("resume.pdf"),
            dir.join("cv.pdf"),
            dir.join("new.pdf"),
        );
        std::fs::write(&a, "old resume").unwrap();
        std::fs::write(&b, "old cv").unwrap();
        let files: Vec<(PathBuf, &[u8])> = vec![
            (a.clone(), b"new resume"),
            (c.clone(), b"new file"),
            (b.clone(), b"new cv"),
        ];
        // The third rename fails, after two went through.
        let calls = std::cell::Cell::new(0);
        let flaky = |from: &Path, to: &Path| {
            calls.set(calls.get() + 1);
            if calls.get() == 3 {
                Err(std::io::Error::other("disk gone"))
            } else {
                std::fs::rename(from, to)
            }
        };
        let err = write_all_with(&files, &flaky).unwrap_err();
        assert!(err.message.contains("disk gone"), "{}", err.message);
        assert_eq!(std::fs::read_to_string(&a).unwrap(), "old resume");
        assert_eq!(std::fs::read_to_string(&b).unwrap(), "old cv");
        assert!(
            !c.exists(),
            "a file that was not there before is taken away again"
        );
        // Nothing is left behind: no temporary files, no kept copies.
        let mut left: Vec<String> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        left.sort();
        assert_eq!(left, ["cv.pdf", "resume.pdf"]);
        // And when every rename works, the new contents are in place, nothing else.
        write_all(&files).unwrap();
        assert_eq!(std::fs::read_to_string(&b).unwrap(), "new cv");
        assert_eq!(std::fs::read_dir(&dir).unwrap().count(), 3);
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
