//! Parsing profile text into a typed [`Profile`], with every schema problem as a diagnostic.

use std::sync::Arc;

use super::Profile;
use super::options::{AT, HINT_SEP};
use super::spans::{KeyPath, Spans};
use crate::diag::{Diagnostic, did_you_mean};

/// Most schema errors reported in one run; past this many, fix and run again.
const MAX_SCHEMA_ERRORS: usize = 50;

/// Deserialises the profile, collecting every schema error rather than the first only.
///
/// serde stops at the first problem, so after each one the offending `key = value` is
/// blanked out with spaces (keeping every byte offset, so later spans still point into the
/// user's text) and the rest is read again. A syntax error, or a problem in a `[table]`
/// header, stops the search: what follows cannot be read reliably. When every problem could
/// be set aside the profile that remains is returned too, so validation can run on it.
pub fn parse(display: &str, text: &Arc<str>) -> (Option<Profile>, Vec<Diagnostic>, Vec<KeyPath>) {
    parse_translated(display, text, text.to_string())
}

/// [`parse`] of `work`, the text with its translated fields chosen (every byte offset that of
/// `text`, which messages show).
pub fn parse_translated(
    display: &str,
    text: &Arc<str>,
    mut work: String,
) -> (Option<Profile>, Vec<Diagnostic>, Vec<KeyPath>) {
    let mut diags: Vec<Diagnostic> = vec![];
    // The keys (or tables) that were blanked; validation says no more about them.
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
        if diags.len() >= MAX_SCHEMA_ERRORS {
            diags.push(
                Diagnostic::error(format!(
                    "vita stopped reading the profile after {MAX_SCHEMA_ERRORS} problems; there may be more"
                ))
                .hint("fix these and run again"),
            );
            return (None, diags, broken);
        }
        let spans = Spans::new(&work);
        let Some(at) = e.span().map(|s| s.start) else {
            return (None, diags, broken);
        };
        // A bad `key = value` is blanked; a bad `[table]` header with its whole table.
        let Some(range) = spans.entry_at(at).or_else(|| table_at(&work, at)) else {
            return (None, diags, broken);
        };
        if let Some(path) = spans.path_at(at) {
            broken.push(path.clone());
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

/// The lines of the `[table]` or `[[table]]` whose header holds a byte offset: from the header
/// to the next header.
fn table_at(text: &str, offset: usize) -> Option<std::ops::Range<usize>> {
    let start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    if !text[start..].trim_start().starts_with('[') {
        return None;
    }
    let body = text[start..]
        .find('\n')
        .map_or(text.len(), |i| start + i + 1);
    let mut end = body;
    for line in text[body..].split_inclusive('\n') {
        if line.trim_start().starts_with('[') {
            break;
        }
        end += line.len();
    }
    Some(start..end)
}

/// Turns a TOML or schema error into a diagnostic that names the key and suggests a fix.
fn toml_error(display: &str, text: &Arc<str>, e: &toml::de::Error) -> Diagnostic {
    let span = e.span().unwrap_or(0..0);
    // The parser's message may run over several lines ("invalid string\nexpected `\"`").
    let mut raw = e
        .message()
        .trim()
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join(": ");
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
    let mut diag = if let Some((message, hint)) = raw.split_once(HINT_SEP) {
        // A value outside a closed list, worded by `options::choice_error`.
        Diagnostic::error(message.replace(AT, &path.to_string())).hint(hint)
    } else if let Some(rest) = raw.strip_prefix("unknown field `") {
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
        if !place.0.is_empty() && super::top_level_keys().contains(&name) {
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
    // An unquoted month (`start = 2021-03`): TOML reads a date-time and stops at the line's
    // end, so the value is found on the line, and the hint shows it quoted.
    let line_start = text
        .get(..span.start)
        .and_then(|t| t.rfind('\n'))
        .map_or(0, |i| i + 1);
    let line = text
        .get(line_start..)
        .and_then(|t| t.lines().next())
        .unwrap_or("");
    let month = line.split_once('=').and_then(|(key, rest)| {
        let value = rest.split('#').next()?.trim();
        let b = value.as_bytes();
        let month_only = b.len() == 7
            && b.iter().enumerate().all(|(i, c)| {
                if i == 4 {
                    *c == b'-'
                } else {
                    c.is_ascii_digit()
                }
            });
        let at = line_start + line.find('=')? + 1 + rest.find(value)?;
        month_only.then(|| {
            (
                key.trim().to_string(),
                value.to_string(),
                at..at + value.len(),
            )
        })
    });
    let mut span = span;
    if let (true, Some((key, value, at))) = (raw.contains("date-time"), &month) {
        diag = diag.hint(format!(
            "a date with a month but no day goes in quotes: `{key} = \"{value}\"`"
        ));
        span = at.clone();
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
    use super::MAX_SCHEMA_ERRORS;
    use crate::load::load_str;

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
        for key in crate::profile::top_level_keys() {
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
    fn parser_messages_read_on_one_line() {
        let msg = first_error("[person]\nname = \n");
        assert!(
            msg.starts_with("error: invalid string: expected `\"`, `'`\n --> profile.toml:2:8"),
            "{msg}"
        );
    }

    #[test]
    fn every_mistake_is_reported_even_after_an_unknown_table() {
        let text = "[person]\nname = \"A\"\nemial = \"a@b.c\"\nemail = \"bad\"\n[[educaton]]\ndegree = \"x\"\n[[education]]\ninstitution = \"U\"\nstart = \"2021-13\"\n[[experience]]\nrole = \"R\"\norganisation = \"O\"\nstart = 2021\nend = 2019\nfoo = 1\n";
        let errs = load_str("p", text).unwrap_err();
        let msgs: Vec<&str> = errs.iter().map(|d| d.message.as_str()).collect();
        for want in [
            "unknown key `emial` in `person`",
            "unknown key `educaton` at the top level",
            "`education[1].start`: month 13",
            "unknown key `foo` in `experience[1]`",
            // Checks of the entries that held those keys still run.
            "`person.email` is not an e-mail address: `bad`",
            "`education[1].degree` is empty",
            "`experience[1]` ends (2019) before it starts (2021)",
        ] {
            assert!(
                msgs.iter().any(|m| m.starts_with(want)),
                "{want}: {msgs:#?}"
            );
        }
        // A misspelt key is not also reported as a missing one.
        let errs = load_str(
            "p",
            "[person]\nname = \"A\"\nemail = \"a@b.org\"\n[[education]]\ndegre = \"x\"\ninstitution = \"U\"\n",
        )
        .unwrap_err();
        assert_eq!(errs.len(), 1, "{errs:#?}");
    }

    #[test]
    fn a_profile_with_very_many_mistakes_says_it_stopped() {
        let keys: String = (0..60).map(|i| format!("bad{i} = 1\n")).collect();
        let errs = load_str("p", &format!("[person]\nname = \"A\"\n{keys}")).unwrap_err();
        assert_eq!(errs.len(), MAX_SCHEMA_ERRORS + 1);
        assert!(
            errs.last()
                .unwrap()
                .message
                .contains("stopped reading the profile after 50 problems"),
            "{:?}",
            errs.last()
        );
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
