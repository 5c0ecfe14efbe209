//! What the commands print for people: diagnostics, the files written, section lengths, sizes.

use std::io::{IsTerminal, Write};
use std::path::Path;

use vita::cli::MessageFormat;
use vita::diag::Diagnostic;

/// `1 page`, `3 pages`.
pub fn pages(n: usize) -> String {
    format!("{n} {}", if n == 1 { "page" } else { "pages" })
}

/// Prints what was written for one document: a line per format, the pages of an image format
/// on one line.
pub fn print_written(
    stdout: &mut impl Write,
    made: &vita::Made,
    files: &[(&vita::export::Exported, &Path)],
) {
    let mut first = true;
    let mut i = 0;
    while i < files.len() {
        let format = files[i].0.format;
        let n = files[i..]
            .iter()
            .take_while(|(f, _)| f.format == format)
            .count();
        let group = &files[i..i + n];
        i += n;
        let bytes: usize = group.iter().map(|(f, _)| f.bytes.len()).sum();
        let shown = match group {
            [(_, one)] => one.display().to_string(),
            [(_, a), .., (_, z)] => format!("{} ... {}", a.display(), z.display()),
            [] => continue,
        };
        let pages = if format == vita::export::Format::Pdf || format.paged() {
            format!("  {}", pages(made.pages))
        } else {
            String::new()
        };
        let _ = write!(stdout, "wrote {shown}{pages}  {}", size(bytes));
        if first {
            let _ = write!(stdout, "  {} ms", made.time.as_millis());
            if let Some(fit) = &made.fitted {
                let _ = write!(stdout, "  (fitted: {fit})");
            }
            first = false;
        }
        let _ = writeln!(stdout);
    }
}

/// Prints each section's length in plain text, for portals that limit their fields.
pub fn print_counts(stdout: &mut impl Write, made: &vita::Made) {
    let _ = writeln!(stdout, "{} as plain text:", made.name);
    let width = made
        .counts
        .iter()
        .map(|c| c.title.chars().count())
        .max()
        .unwrap_or(0);
    for c in &made.counts {
        let pad = width - c.title.chars().count();
        let _ = writeln!(
            stdout,
            "  {}{}  {:>6} characters  {:>5} words",
            c.title,
            " ".repeat(pad),
            c.chars,
            c.words
        );
    }
}

/// The SHA-256 of some bytes, in lower-case hex.
pub fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::Digest;
    sha2::Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// `123456` -> `121 KiB`.
pub fn size(bytes: usize) -> String {
    if bytes < 1024 * 1024 {
        format!("{} KiB", bytes.div_ceil(1024))
    } else {
        format!("{:.1} MiB", bytes as f64 / (1024.0 * 1024.0))
    }
}

/// At most this many diagnostics are printed for people; a profile with thousands of the
/// same mistake needs the first few, not a wall of text.
const MAX_SHOWN: usize = 100;

pub fn print_diagnostics(diags: &[Diagnostic], format: MessageFormat) {
    print_diagnostics_of(diags, format, None);
}

/// Prints diagnostics for people or as JSON lines; a JSON line names the profile it belongs
/// to, when there is one.
pub fn print_diagnostics_of(diags: &[Diagnostic], format: MessageFormat, profile: Option<&Path>) {
    let mut stderr = std::io::stderr().lock();
    let color = std::io::stderr().is_terminal()
        && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
    if diags.len() > MAX_SHOWN && format == MessageFormat::Human {
        let errors = diags.iter().filter(|d| d.is_error()).count();
        for d in diags.iter().take(MAX_SHOWN) {
            let _ = write!(stderr, "{}", d.render(color));
        }
        let _ = writeln!(
            stderr,
            "... and {} more ({errors} errors in all); fix these and run again",
            diags.len() - MAX_SHOWN
        );
        return;
    }
    for d in diags {
        let _ = match format {
            MessageFormat::Human => write!(stderr, "{}", d.render(color)),
            MessageFormat::Json => match profile {
                Some(p) => writeln!(stderr, "{}", super::report::diagnostic(d, p)),
                None => writeln!(stderr, "{}", d.to_json()),
            },
        };
    }
}
