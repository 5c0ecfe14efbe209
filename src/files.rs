//! Reading the user's input files (the profile, its .bib files) with a size limit.

use std::io::Read;
use std::path::Path;

/// Why a file could not be read.
#[derive(Debug)]
pub enum ReadError {
    /// Nothing is at the path.
    NotFound,
    /// Something is there, but not a regular file: a device, a pipe, a socket.
    NotAFile,
    /// The path names a folder.
    Folder,
    /// The file is larger than the limit. `bytes` is its size as measured before reading;
    /// `None` when it grew past the limit while it was read (its size is then not known).
    TooLarge {
        /// The size in bytes, when known.
        bytes: Option<u64>,
    },
    /// The system refused: permissions, a path through a file, a disk error.
    Io(std::io::Error),
}

/// The largest input file vita reads (a profile, a .bib file).
pub const MAX_INPUT_BYTES: u64 = 16 * 1024 * 1024;

/// Reads a regular file of at most `max` bytes.
///
/// Devices and pipes are refused before they are opened (`/dev/zero` never ends), and no
/// more than `max + 1` bytes are read, even if the file grows after it was measured.
pub fn read_capped(path: &Path, max: u64) -> Result<Vec<u8>, ReadError> {
    let meta = std::fs::metadata(path).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => ReadError::NotFound,
        _ => ReadError::Io(e),
    })?;
    if meta.is_dir() {
        return Err(ReadError::Folder);
    }
    if !meta.is_file() {
        return Err(ReadError::NotAFile);
    }
    if meta.len() > max {
        return Err(ReadError::TooLarge {
            bytes: Some(meta.len()),
        });
    }
    let file = std::fs::File::open(path).map_err(ReadError::Io)?;
    let mut bytes = vec![];
    file.take(max.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(ReadError::Io)?;
    if bytes.len() as u64 > max {
        return Err(ReadError::TooLarge { bytes: None });
    }
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn temp(name: &str) -> std::path::PathBuf {
        let dir = std::env::temp_dir().join(format!("vita-files-{}-{name}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        dir
    }

    #[test]
    fn reads_small_files_and_names_every_refusal() {
        let dir = temp("read");
        let file = dir.join("a.txt");
        std::fs::write(&file, "hello").unwrap();
        assert_eq!(read_capped(&file, 5).unwrap(), b"hello");
        assert!(matches!(
            read_capped(&file, 4),
            Err(ReadError::TooLarge { bytes: Some(5) })
        ));
        assert!(matches!(
            read_capped(&dir.join("missing"), 5),
            Err(ReadError::NotFound)
        ));
        assert!(matches!(read_capped(&dir, 5), Err(ReadError::Folder)));
        assert!(matches!(
            read_capped(&file.join("below"), 5),
            Err(ReadError::Io(_))
        ));
        #[cfg(unix)]
        assert!(matches!(
            read_capped(Path::new("/dev/zero"), 5),
            Err(ReadError::NotAFile)
        ));
        std::fs::remove_dir_all(&dir).unwrap();
    }
}

/// Combining marks one letter may carry: real text stacks at most a few (Vietnamese two,
/// phonetic transcription four or five). Typst shapes a cluster in time that grows with the
/// square of its marks: a letter with 30,000 of them (60 KB) took 13 s and 3.6 GB.
pub const MAX_STACKED_MARKS: usize = 16;

/// The first run of combining marks on one letter longer than [`MAX_STACKED_MARKS`]: its
/// byte range (from the letter) and how many marks it has.
pub fn stacked_marks(text: &str) -> Option<(std::ops::Range<usize>, usize)> {
    use unicode_normalization::char::is_combining_mark;
    let mut start = 0;
    let mut marks = 0;
    for (i, c) in text.char_indices() {
        if is_combining_mark(c) {
            marks += 1;
            continue;
        }
        if marks > MAX_STACKED_MARKS {
            return Some((start..i, marks));
        }
        start = i;
        marks = 0;
    }
    (marks > MAX_STACKED_MARKS).then_some((start..text.len(), marks))
}

/// The error for a letter with too many marks stacked on it, in `what` (a field, a file).
pub fn stacked_marks_error(what: &str, marks: usize) -> crate::diag::Diagnostic {
    crate::diag::Diagnostic::error(format!(
        "{what} has a letter with {marks} accents or other marks stacked on it; vita takes at most {MAX_STACKED_MARKS}"
    ))
    .hint("such text is made to break software (\"Zalgo\" text): remove the marks")
}

#[cfg(test)]
mod marks_tests {
    use super::*;

    #[test]
    fn letters_with_a_few_marks_pass_and_a_stack_is_found() {
        // Vietnamese, precomposed and decomposed, and IPA with several diacritics.
        assert_eq!(
            stacked_marks("Nguyễn Việt Hưng, Nguye\u{302}\u{303}n, t\u{325}\u{2b0}"),
            None
        );
        let stack = format!("ok a{}b", "\u{301}".repeat(40));
        let (range, n) = stacked_marks(&stack).unwrap();
        assert_eq!(n, 40);
        assert_eq!(&stack[range.start..range.start + 1], "a");
        assert_eq!(range.end, stack.len() - 1);
        // At the very end of the text too.
        let end = format!("a{}", "\u{301}".repeat(17));
        assert_eq!(stacked_marks(&end), Some((0..end.len(), 17)));
    }
}
