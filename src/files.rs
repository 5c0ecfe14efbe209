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
