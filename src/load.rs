//! Reading a profile as a build needs it: the file, its schema and cross-field checks, the
//! documents it asks for, and the .bib files it names, with every problem reported at once.

use std::path::Path;
use std::sync::Arc;

use crate::diag::Diagnostic;
use crate::profile::{Checker, KeyPath, Profile, Spans};

/// Profiles larger than this are refused before parsing.
pub const MAX_PROFILE_BYTES: u64 = 16 * 1024 * 1024;

/// A profile that parsed and passed validation, with where it came from.
#[derive(Debug)]
pub struct Loaded {
    /// The typed profile, with the .bib entries merged in.
    pub profile: Profile,
    /// Problems that did not stop the build.
    pub warnings: Vec<Diagnostic>,
}

/// Reads, parses and validates a profile file.
pub fn load(path: &Path) -> Result<Loaded, Vec<Diagnostic>> {
    let display = path.display().to_string();
    let fail = |msg: String, hint: &str| vec![Diagnostic::error(msg).hint(hint)];
    let meta = std::fs::metadata(path).map_err(|e| {
        if e.kind() == std::io::ErrorKind::NotFound {
            fail(
                format!("profile `{display}` does not exist"),
                "run vita in the folder that holds profile.toml, or name the file: `vita build path/to/profile.toml`",
            )
        } else {
            fail(
                format!("cannot read profile `{display}`: {e}"),
                "check that the path is right and that the file is readable",
            )
        }
    })?;
    if !meta.is_dir() && !meta.is_file() {
        return Err(fail(
            format!("profile `{display}` is not a regular file"),
            "name a TOML file; devices, pipes and sockets are not read",
        ));
    }
    if meta.is_dir() {
        return Err(fail(
            format!("profile `{display}` is a folder, not a file"),
            "name the TOML file itself, such as `profile.toml`",
        ));
    }
    if meta.len() > MAX_PROFILE_BYTES {
        return Err(fail(
            format!(
                "profile `{display}` is {} MiB; vita reads profiles of at most {} MiB",
                meta.len() / (1024 * 1024),
                MAX_PROFILE_BYTES / (1024 * 1024)
            ),
            "a profile is text about one person: check that this is the right file",
        ));
    }
    // Read no more than the limit, even if the file grew since it was measured.
    let mut bytes = vec![];
    std::io::Read::read_to_end(
        &mut std::io::Read::take(
            std::fs::File::open(path).map_err(|e| {
                fail(
                    format!("cannot read profile `{display}`: {e}"),
                    "check that the file is readable",
                )
            })?,
            MAX_PROFILE_BYTES + 1,
        ),
        &mut bytes,
    )
    .map_err(|e| {
        fail(
            format!("cannot read profile `{display}`: {e}"),
            "check that the file is readable",
        )
    })?;
    if bytes.len() as u64 > MAX_PROFILE_BYTES {
        return Err(fail(
            format!(
                "profile `{display}` is larger than {} MiB",
                MAX_PROFILE_BYTES / (1024 * 1024)
            ),
            "a profile is text about one person: check that this is the right file",
        ));
    }
    load_in(&display, bytes, path.parent().unwrap_or(Path::new("")))
}

/// Checks that bytes are UTF-8 text, then parses and validates them as a profile; relative
/// paths are taken from the folder of `display`.
pub fn load_bytes(display: &str, bytes: Vec<u8>) -> Result<Loaded, Vec<Diagnostic>> {
    load_in(
        display,
        bytes,
        Path::new(display).parent().unwrap_or(Path::new("")),
    )
}

/// [`load_bytes`], with relative paths (the .bib files) taken from `dir`.
fn load_in(display: &str, bytes: Vec<u8>, dir: &Path) -> Result<Loaded, Vec<Diagnostic>> {
    let text = match String::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            let valid = e.utf8_error().valid_up_to();
            let lossy: Arc<str> = String::from_utf8_lossy(e.as_bytes()).into();
            // The same spot in the lossy text: the valid prefix is unchanged by the conversion.
            return Err(vec![
                Diagnostic::error("the profile is not valid UTF-8 text")
                    .at(display, &lossy, valid..valid + 1)
                    .hint("save the file as UTF-8 (every modern editor can; in Vim `:set fenc=utf-8`, then save)"),
            ]);
        }
    };
    load_text(display, &text, dir)
}
/// Parses and validates profile text; `display` names it in messages, and relative paths are
/// taken from its folder.
pub fn load_str(display: &str, text: &str) -> Result<Loaded, Vec<Diagnostic>> {
    load_text(
        display,
        text,
        Path::new(display).parent().unwrap_or(Path::new("")),
    )
}

fn load_text(display: &str, text: &str, dir: &Path) -> Result<Loaded, Vec<Diagnostic>> {
    // A byte-order mark is invisible in editors and harmless: drop it.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let text: Arc<str> = text.into();
    let (mut profile, mut diags, broken) = crate::profile::parse(display, &text);
    if let Some(profile) = &mut profile {
        let spans = Spans::new(&text);
        let mut c = Checker::new(&spans, &broken, display, &text);
        check(profile, &mut c);
        let mut checks = c.out;
        // In file order, as a reader goes through the file, after the schema errors (which
        // come in file order already and are often the cause of the rest).
        checks.sort_by_key(|d| d.location.as_ref().map_or(usize::MAX, |l| l.range.start));
        diags.extend(checks);
        // The .bib files are read once the profile itself is sound.
        if !diags.iter().any(Diagnostic::is_error) {
            let _ = dir;
            diags.extend(crate::bib::attach(profile, display, &text, &spans));
        }
    }
    let (errors, warnings): (Vec<_>, Vec<_>) = diags.into_iter().partition(Diagnostic::is_error);
    let Some(profile) = profile.filter(|_| errors.is_empty()) else {
        return Err(errors.into_iter().chain(warnings).collect());
    };
    Ok(Loaded { profile, warnings })
}

/// Every check of a parsed profile: its entries, its documents, and the names it gives of
/// things defined above the schema (presets, PDF standards).
fn check(p: &Profile, c: &mut Checker) {
    c.documents = p
        .documents()
        .iter()
        .map(|(n, _)| n.to_string())
        .chain(crate::document::KINDS.iter().map(|k| k.name.to_string()))
        .fold(vec![], |mut v, n| {
            if !v.contains(&n) {
                v.push(n);
            }
            v
        });
    crate::profile::validate(p, c);
    crate::document::check(p, c, &|id| crate::view::section_len(p, id));
    crate::style::check(p, c);
    for (name, s) in p.documents() {
        let at = match name {
            "resume" | "cv" => KeyPath::key(name),
            _ => KeyPath::key("documents").k(name),
        };
        if let Some(preset) = &s.preset
            && let Err(d) = crate::style::preset(preset)
        {
            c.push(&at.k("preset"), d);
        }
    }
    for (i, name) in p.pdf.standards.iter().enumerate() {
        if let Err(d) = crate::export::pdf::standard(name) {
            c.push(&KeyPath::key("pdf").k("standards").i(i), d);
        }
    }
}
