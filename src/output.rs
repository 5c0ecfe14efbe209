//! Writing files so that a failed or interrupted build never leaves a half-written PDF.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::diag::Diagnostic;

/// Writes `bytes` to `path` through a temporary file in the same folder and a rename, so the
/// old file stays whole until the new one is complete.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), Diagnostic> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let fail = |what: &str, e: std::io::Error| {
        Diagnostic::error(format!("cannot {what} `{}`: {e}", path.display()))
            .hint("check that the output folder exists, is writable and has free space")
    };
    std::fs::create_dir_all(dir).map_err(|e| fail("create the folder for", e))?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp: PathBuf = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let result = (|| {
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        std::fs::rename(&tmp, path)
    })();
    if let Err(e) = result {
        let _ = std::fs::remove_file(&tmp);
        return Err(fail("write", e));
    }
    Ok(())
}
