//! Reading a profile file into a typed [`Profile`], with every problem as a diagnostic.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::Profile;
use super::spans::{KeyPath, Spans};
use super::validate;
use crate::diag::{Diagnostic, did_you_mean};
use crate::files::{ReadError, read_capped};

/// Profiles larger than this are refused before parsing.
pub const MAX_PROFILE_BYTES: u64 = 16 * 1024 * 1024;

/// A profile that parsed and passed validation, with where it came from.
#[derive(Debug)]
pub struct Loaded {
    /// The typed profile.
    pub profile: Profile,
    /// The file it was read from (its folder anchors relative paths).
    pub path: PathBuf,
    /// The path as shown in messages.
    pub display: String,
    /// The text, as read.
    pub text: Arc<str>,
    /// Problems that did not stop the build.
    pub warnings: Vec<Diagnostic>,
    /// The other files it was made from (its .bib files, those missing too), for
    /// `vita watch` to watch.
    pub files: Vec<PathBuf>,
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
    let folder = path.parent().unwrap_or(Path::new(""));
    let mut loaded = from_bytes(folder, &display, bytes)?;
    loaded.path = path.to_path_buf();
    Ok(loaded)
}

/// Checks that bytes are UTF-8 text, then parses and validates them as a profile; its .bib
/// files are looked for in the current folder.
pub fn load_bytes(display: &str, bytes: Vec<u8>) -> Result<Loaded, Vec<Diagnostic>> {
    from_bytes(Path::new(""), display, bytes)
}

/// [`load_bytes`] for a profile whose .bib files are in `folder`.
fn from_bytes(folder: &Path, display: &str, bytes: Vec<u8>) -> Result<Loaded, Vec<Diagnostic>> {
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
    from_str(folder, display, &text)
}

/// Parses and validates profile text; `display` names it in messages. Its .bib files are
/// looked for in the current folder.
pub fn load_str(display: &str, text: &str) -> Result<Loaded, Vec<Diagnostic>> {
    from_str(Path::new(""), display, text)
}

/// [`load_str`] for a profile whose .bib files are in `folder`.
fn from_str(folder: &Path, display: &str, text: &str) -> Result<Loaded, Vec<Diagnostic>> {
    // A byte-order mark is invisible in editors and harmless: drop it.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let text: Arc<str> = text.into();
    let (mut profile, mut diags, broken) = parse(display, &text);
    let mut files = vec![];
    if let Some(profile) = &mut profile {
        validate::normalise(profile);
        let spans = Spans::new(&text);
        let mut checks = validate::check(profile, &spans, &broken, display, &text);
        // In file order, as a reader goes through the file, after the schema errors (which
        // come in file order already and are often the cause of the rest).
        checks.sort_by_key(|d| d.location.as_ref().map_or(usize::MAX, |l| l.range.start));
        diags.extend(checks);
        // The .bib files are read once the profile itself is sound.
        if !diags.iter().any(Diagnostic::is_error) {
            let attached = crate::bib::attach(profile, folder, display, &text, &spans);
            diags.extend(attached.diagnostics);
            files = attached.files;
        }
    }
    let (errors, warnings): (Vec<_>, Vec<_>) = diags.into_iter().partition(Diagnostic::is_error);
    let Some(profile) = profile.filter(|_| errors.is_empty()) else {
        return Err(errors.into_iter().chain(warnings).collect());
    };
    Ok(Loaded {
        profile,
        path: PathBuf::from(display),
        display: display.to_string(),
        text,
        warnings,
        files,
    })
}

/// Most schema errors reported in one run; past this many, fix and run again.
const MAX_SCHEMA_ERRORS: usize = 50;

/// Deserialises the profile, collecting every schema error rather than the first only.
///
/// serde stops at the first problem, so after each one the offending `key = value` is
/// blanked out with spaces (keeping every byte offset, so later spans still point into the
/// user's text) and the rest is read again. A syntax error, or a problem in a `[table]`
/// header, stops the search: what follows cannot be read reliably. When every problem could
/// be set aside the profile that remains is returned too, so validation can run on it.
fn parse(display: &str, text: &Arc<str>) -> (Option<Profile>, Vec<Diagnostic>, Vec<KeyPath>) {
    let mut work = text.to_string();
    let mut diags: Vec<Diagnostic> = vec![];
    // The entries (tables) that held a blanked key; validation leaves them alone.
    let mut broken: Vec<KeyPath> = vec![];
    let mut last_span = None;
    loop {
        let e = match toml::from_str::<Profile>(&work) {
            Ok(p) => return (Some(p), diags, broken),
            Err(e) => e,
        };
        if last_span.is_some() && last_span == e.span() {
            return (None, diags, broken);
        }
        last_span = e.span();
        diags.push(toml_error(display, text, &e));
        let spans = Spans::new(&work);
        let entry = e.span().and_then(|s| spans.entry_at(s.start));
        let Some(range) = entry.filter(|_| diags.len() < MAX_SCHEMA_ERRORS) else {
            return (None, diags, broken);
        };
        if let Some(mut path) = e.span().and_then(|s| spans.path_at(s.start)).cloned() {
            // The table the bad key sits in: `education[1]` for `education[1].degre`.
            while !path.0.is_empty()
                && !matches!(path.0.last(), Some(super::spans::Seg::Index(_)))
                && path.0.len() > 1
            {
                path.0.pop();
            }
            broken.push(path);
        }
        let blank: String = work[range.clone()]
            .chars()
            .map(|c| if c == '\n' { '\n' } else { ' ' })
            .collect();
        // Multi-byte characters become one space each: pad to keep byte offsets.
        let pad = range.len() - blank.len();
        work.replace_range(range, &(blank + &" ".repeat(pad)));
    }
}

/// Turns a TOML or schema error into a diagnostic that names the key and suggests a fix.
fn toml_error(display: &str, text: &Arc<str>, e: &toml::de::Error) -> Diagnostic {
    let span = e.span().unwrap_or(0..0);
    let mut raw = e.message().trim().to_string();
    // The TOML parser has no words for some characters; name the character instead.
    if raw.is_empty() {
        let ch = text.get(span.start..).and_then(|t| t.chars().next());
        raw = match ch {
            Some(c) if c.is_control() => format!(
                "the control character U+{:04X} is not allowed here",
                u32::from(c)
            ),
            Some(c) => format!("`{c}` is not allowed here"),
            None => "the profile ends too early".to_string(),
        };
    }
    // Say it in the profile's words, not Rust's.
    for (rust, plain) in [
        ("expected u16", "expected a whole number"),
        ("expected u32", "expected a whole number"),
        ("expected u64", "expected a whole number"),
        ("expected usize", "expected a whole number"),
        ("expected i64", "expected a whole number"),
        ("expected f64", "expected a number"),
        ("expected a sequence", "expected a list `[...]`"),
        ("expected a map", "expected a table"),
        ("invalid type: sequence", "invalid type: list"),
        ("invalid type: map", "invalid type: table"),
    ] {
        raw = raw.replace(rust, plain);
    }
    if let Some(i) = raw.find("expected struct ") {
        raw.replace_range(i.., "expected a table");
    }
    let spans = Spans::new(text);
    let path = spans.path_at(span.start).cloned().unwrap_or_default();
    let mut diag = if let Some(rest) = raw.strip_prefix("unknown field `") {
        let (name, expected) = rest.split_once('`').unwrap_or((rest, ""));
        let known: Vec<&str> = expected.split('`').skip(1).step_by(2).collect();
        // The place is the table holding the key: drop the key itself (and, for an unknown
        // `[[array]]`, its index).
        let mut place = path.clone();
        while matches!(place.0.last(), Some(super::spans::Seg::Index(_))) {
            place.0.pop();
        }
        if place.0.last() == Some(&super::spans::Seg::Key(name.to_string())) {
            place.0.pop();
        }
        let within = if place.0.is_empty() {
            "at the top level".to_string()
        } else {
            format!("in `{place}`")
        };
        let mut d = Diagnostic::error(format!("unknown key `{name}` {within}"));
        if !place.0.is_empty() && super::TOP_LEVEL_KEYS.contains(&name) {
            d = d.hint(format!(
                "`{name}` is a top-level key: move it above the first `[table]` header, since keys after a header belong to that table"
            ));
        } else if let Some(best) = did_you_mean(name, known.iter().copied()) {
            d = d.hint(format!("did you mean `{best}`?"));
        } else if !known.is_empty() {
            d = d.hint(format!("the keys allowed here are: {}", known.join(", ")));
        }
        d
    } else if path.0.is_empty() {
        Diagnostic::error(raw.clone())
    } else {
        Diagnostic::error(format!("`{path}`: {raw}"))
    };
    if raw.starts_with("invalid type") {
        diag =
            diag.hint("check the value's type: text goes in quotes, lists in [ ], tables in { }");
    }
    let at_span = text.get(span.start..).unwrap_or("");
    let month_only = at_span.len() >= 7
        && at_span.as_bytes()[..7].iter().enumerate().all(|(i, b)| {
            if i == 4 {
                *b == b'-'
            } else {
                b.is_ascii_digit()
            }
        })
        && at_span.as_bytes().get(7).is_none_or(|b| *b != b'-');
    if raw.contains("date-time") && month_only {
        diag = diag.hint("a date with a month but no day goes in quotes: `\"2021-09\"`");
    } else if raw.contains("date-time")
        || raw.contains("not a date")
        || raw.contains("does not exist")
        || raw.contains("out of range")
    {
        diag = diag.hint("dates are written `2021`, `\"2021-09\"`, `2021-09-29` or `\"present\"`, and must exist in the calendar");
    }
    if raw.contains("expected a whole number") {
        diag = diag.hint("write a whole number without quotes, such as `3`");
    }
    if raw.starts_with("the control character") {
        diag = diag.hint("delete it: it is invisible in most editors (try retyping the line)");
    }
    if raw.contains("duplicate key") {
        diag = diag.hint("each key may appear once per table: remove or rename one of them");
    }
    if diag.hints.is_empty() && path.0.is_empty() {
        diag = diag.hint(
            "check the TOML syntax here: text in quotes, lists in [ ], one `key = value` per line (https://toml.io)",
        );
    }
    if diag.hints.is_empty() {
        diag = diag.hint("see the README's profile reference for the keys and values allowed here");
    }
    let range = if span.is_empty() && span.end < text.len() {
        span.start..span.start + 1
    } else {
        span
    };
    diag.at(display, text, range)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn first_error(text: &str) -> String {
        load_str("profile.toml", text).unwrap_err()[0].render(false)
    }

    #[test]
    fn unknown_key_names_place_and_suggestion() {
        let msg = first_error("[person]\nname = \"A\"\nemial = \"a@b.c\"\n");
        assert!(
            msg.starts_with("error: unknown key `emial` in `person`\n --> profile.toml:3:1\n"),
            "{msg}"
        );
        assert!(msg.contains("hint: did you mean `email`?"), "{msg}");
    }

    #[test]
    fn bad_date_points_at_value() {
        let msg =
            first_error("[person]\nname = \"A\"\n[[news]]\ndate = \"2021-13\"\ntext = \"x\"\n");
        assert!(msg.contains("month 13 does not exist"), "{msg}");
        assert!(msg.contains("profile.toml:4:8"), "{msg}");
        assert!(msg.contains("`news[1].date`"), "{msg}");
    }

    #[test]
    fn top_level_key_under_a_table_is_explained() {
        let msg = first_error("[person]\nname = \"A\"\nsummary = \"x\"\n");
        assert!(
            msg.contains("hint: `summary` is a top-level key: move it above"),
            "{msg}"
        );
    }

    #[test]
    fn top_level_keys_are_the_schema_keys() {
        for key in crate::profile::TOP_LEVEL_KEYS {
            let text = format!("{key} = 1\n");
            let err = load_str("p", &text).unwrap_err();
            assert!(
                !err[0].message.contains("unknown key"),
                "{key}: {}",
                err[0].message
            );
        }
    }

    #[test]
    fn every_schema_error_is_reported() {
        let text = "[person]\nnaem = \"A\"\nemail = 3\n[[news]]\ndate = \"2021-13\"\ntext = \"x\"\n[[news]]\ntxet = \"y\"\n";
        let errs = load_str("p", text).unwrap_err();
        let msgs: Vec<String> = errs
            .iter()
            .map(|d| {
                let (l, c) = d.location.as_ref().unwrap().line_col();
                format!("{l}:{c} {}", d.message)
            })
            .collect();
        // Validation runs on what remains, after the schema errors.
        assert!(msgs.len() >= 4, "{msgs:#?}");
        assert!(msgs[0].starts_with("2:1 unknown key `naem`"), "{msgs:#?}");
        assert!(
            msgs[1].starts_with("3:9 `person.email`: invalid type"),
            "{msgs:#?}"
        );
        assert!(
            msgs[2].starts_with("5:8 `news[1].date`: month 13"),
            "{msgs:#?}"
        );
        assert!(msgs[3].starts_with("8:1 unknown key `txet`"), "{msgs:#?}");
    }

    #[test]
    fn control_characters_are_named() {
        let msg = first_error("# a\u{8}b\n[person]\nname = \"A\"\n");
        assert!(
            msg.starts_with(
                "error: the control character U+0008 is not allowed here\n --> profile.toml:1:4"
            ),
            "{msg}"
        );
    }

    #[test]
    fn bom_and_crlf_are_fine() {
        let p = load_str("p", "\u{feff}[person]\r\nname = \"A\"\r\n").unwrap();
        assert_eq!(p.profile.person.name, "A");
    }

    #[test]
    fn native_toml_dates_are_accepted() {
        let p = load_str("p", "updated = 2021-09-30\n[person]\nname = \"A\"\n").unwrap();
        assert_eq!(p.profile.updated.unwrap().iso(), "2021-09-30");
    }
}
