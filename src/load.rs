//! Reading a profile as a build needs it: the file, its schema and cross-field checks, the
//! documents it asks for, and the .bib files it names, with every problem reported at once.

use std::path::Path;
use std::sync::Arc;

use crate::diag::Diagnostic;
use crate::files::{ReadError, read_capped};
use crate::profile::{Checker, KeyPath, Profile, Spans};

/// Profiles larger than this are refused before parsing.
pub const MAX_PROFILE_BYTES: u64 = crate::files::MAX_INPUT_BYTES;

/// A profile that parsed and passed validation, with where it came from.
#[derive(Debug)]
pub struct Loaded {
    /// The typed profile, with the .bib entries merged in.
    pub profile: Profile,
    /// Problems that did not stop the build.
    pub warnings: Vec<Diagnostic>,
    /// The profile's name in messages.
    pub display: String,
    /// The profile's text, for messages that point into it after loading.
    pub text: Arc<str>,
    /// The other files it was made from (its .bib files, those missing too), for
    /// `vita watch` to watch.
    pub files: Vec<std::path::PathBuf>,
}

/// Reads, parses and validates a profile file.
pub fn load(path: &Path) -> Result<Loaded, Vec<Diagnostic>> {
    let display = path.display().to_string();
    let fail = |msg: String, hint: &str| vec![Diagnostic::error(msg).hint(hint)];
    const MIB: u64 = 1024 * 1024;
    let bytes = read_capped(path, MAX_PROFILE_BYTES).map_err(|e| match e {
        ReadError::NotFound => fail(
            format!("profile `{display}` does not exist"),
            "run vita in the folder that holds profile.toml, or name the file: `vita build path/to/profile.toml`",
        ),
        ReadError::Io(e) => fail(
            format!("cannot read profile `{display}`: {e}"),
            "check that the path is right and that the file is readable",
        ),
        ReadError::NotAFile => fail(
            format!("profile `{display}` is not a regular file"),
            "name a TOML file; devices, pipes and sockets are not read",
        ),
        ReadError::Folder => fail(
            format!("profile `{display}` is a folder, not a file"),
            "name the TOML file itself, such as `profile.toml`",
        ),
        ReadError::TooLarge { bytes: Some(bytes) } => fail(
            format!(
                "profile `{display}` is {} MiB; vita reads profiles of at most {} MiB",
                bytes / MIB,
                MAX_PROFILE_BYTES / MIB
            ),
            "a profile is text about one person: check that this is the right file",
        ),
        // It grew past the limit after it was measured.
        ReadError::TooLarge { bytes: None } => fail(
            format!(
                "profile `{display}` is larger than {} MiB",
                MAX_PROFILE_BYTES / MIB
            ),
            "a profile is text about one person: check that this is the right file",
        ),
    })?;
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
    let mut files = vec![];
    if let Some(profile) = &mut profile {
        crate::profile::normalise(profile);
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
            let attached = crate::bib::attach(profile, dir, display, &text, &spans);
            diags.extend(attached.diagnostics);
            files = attached.files;
            diags.extend(ambiguous_names(profile, display, &text, &spans));
            diags.extend(bib_excludes(profile));
        }
    }
    let (errors, warnings): (Vec<_>, Vec<_>) = diags.into_iter().partition(Diagnostic::is_error);
    let Some(profile) = profile.filter(|_| errors.is_empty()) else {
        return Err(errors.into_iter().chain(warnings).collect());
    };
    Ok(Loaded {
        profile,
        warnings,
        display: display.to_string(),
        text,
        files,
    })
}

/// Every check of a parsed profile: its entries, its documents, and the names it gives of
/// things defined above the schema (presets, PDF standards).
fn check(p: &Profile, c: &mut Checker) {
    c.documents = document_names(p);
    crate::profile::validate(p, c);
    crate::profile::collaborators::check(p, c);
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

/// Warns about works that list two authors matching the person's name (an alias of
/// initials that a co-author shares): only the better match is set in bold.
fn ambiguous_names(p: &Profile, display: &str, text: &Arc<str>, spans: &Spans) -> Vec<Diagnostic> {
    let me = p.person.own_name();
    let mut out = vec![];
    for (i, e) in p.publications.iter().enumerate() {
        let names: Vec<&str> = e.authors.iter().map(String::as_str).collect();
        let matching: Vec<&str> = names.iter().copied().filter(|a| me.is_me(a)).collect();
        if matching.len() < 2 {
            continue;
        }
        let best = me.best_matches(&names);
        let bold: Vec<&str> = best.iter().map(|&i| names[i]).collect();
        let d = Diagnostic::warning(format!(
            "“{}” lists {} authors who match your name ({}); only {} is set in bold",
            e.title,
            matching.len(),
            matching.join(", "),
            bold.join(" and ")
        ))
        .hint("if another of them is you, write that name in full; an alias of initials matches co-authors who share them");
        let d = match &e.origin {
            crate::profile::Origin::Bib(src) => d.at(&src.file, &src.text, src.range.clone()),
            crate::profile::Origin::Profile(j) => {
                match spans.find(&KeyPath::key("publications").i(*j).k("authors")) {
                    Some(r) => d.at(display, text, r),
                    None => d,
                }
            }
            crate::profile::Origin::Unknown => match spans.find(&KeyPath::key("publications").i(i))
            {
                Some(r) => d.at(display, text, r),
                None => d,
            },
        };
        out.push(d);
    }
    out
}

/// Checks the documents that .bib entries' `exclude` fields name, now that they are known.
fn bib_excludes(p: &Profile) -> Vec<Diagnostic> {
    let names = document_names(p);
    let mut out = vec![];
    for e in &p.publications {
        let crate::profile::Origin::Bib(src) = &e.origin else {
            continue;
        };
        for d in e.exclude.iter().filter(|d| !names.contains(d)) {
            let key = src.text.get(src.range.clone()).unwrap_or_default();
            let mut diag = Diagnostic::error(format!(
                "`exclude` of `{key}` names `{d}`, which is not a document"
            ));
            diag = match crate::diag::did_you_mean(d, names.iter().map(String::as_str)) {
                Some(best) => diag.hint(format!("did you mean `{best}`?")),
                None => diag.hint(format!("the documents are {}", names.join(", "))),
            };
            let at = src.exclude_at.clone().unwrap_or(src.range.clone());
            out.push(diag.at(&src.file, &src.text, at));
        }
    }
    out
}

/// The names an `exclude` list may use: the profile's documents and the kinds of document.
fn document_names(p: &Profile) -> Vec<String> {
    let mut names: Vec<String> = vec![];
    let all = p
        .documents()
        .into_iter()
        .map(|(n, _)| n.to_string())
        .chain(crate::document::KINDS.iter().map(|k| k.name.to_string()));
    for n in all {
        if !names.contains(&n) {
            names.push(n);
        }
    }
    names
}
