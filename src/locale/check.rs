//! Checks of the profile's languages and `[locale]` strings, each a located error with a
//! did-you-mean.

use crate::diag::{Diagnostic, did_you_mean};
use crate::profile::{Checker, KeyPath, Profile};

/// Checks `lang`, `default_lang`, each document's `lang`, and the ids of `[locale]`.
pub fn check(p: &Profile, c: &mut Checker) {
    let mut langs = vec![
        (KeyPath::key("lang"), p.lang.as_deref()),
        (KeyPath::key("default_lang"), p.default_lang.as_deref()),
    ];
    for (name, s) in p.documents() {
        let at = KeyPath::document(name);
        langs.push((at.k("lang"), s.lang.as_deref()));
    }
    for (at, lang) in langs {
        if let Some(lang) = lang
            && let Err(d) = language(lang)
        {
            c.push(&at, d);
        }
    }
    for (id, at, value) in p.locale_strings() {
        if super::is_id(&id) {
            if let Some(d) = pattern(&id, &value)
                .or_else(|| months(&id, &value))
                .or_else(|| quotes(&id, &value))
                .or_else(|| control(&id, &value))
            {
                c.push(&at, d);
            }
            continue;
        }
        // `present` for `dates.present`: the last part of an id is enough to find it.
        let last = |known: &'static str| known.rsplit('.').next().unwrap_or(known);
        let best = did_you_mean(&id, super::ids()).or_else(|| {
            let near = did_you_mean(&id, super::ids().map(last))?;
            super::ids().find(|known| last(known) == near)
        });
        let d = Diagnostic::error(format!("`locale.{id}` is not a string vita prints"));
        let d = match best {
            Some(best) => d.hint(format!("did you mean `{best}`?")),
            None => d.hint("the ids are those of locales/en.toml, such as `dates.present` or `sections.education`"),
        };
        c.push(&at, d);
    }
}

/// The `{name}` placeholders of a pattern, or `Err` with where its braces do not balance.
fn placeholders(s: &str) -> Result<Vec<&str>, ()> {
    let mut out = vec![];
    let mut rest = s;
    while let Some(open) = rest.find(['{', '}']) {
        if rest[open..].starts_with('}') {
            return Err(());
        }
        let after = &rest[open + 1..];
        let close = after.find('}').ok_or(())?;
        if after[..close].contains('{') {
            return Err(());
        }
        out.push(&after[..close]);
        rest = &after[close + 1..];
    }
    Ok(out)
}

/// The error for a list of month names that does not have twelve (two would print every
/// other month as a number; a thirteenth would be dropped).
fn months(id: &str, value: &str) -> Option<Diagnostic> {
    if !matches!(id, "dates.months" | "dates.months_short") {
        return None;
    }
    let n = value.split(',').filter(|m| !m.trim().is_empty()).count();
    (n != 12).then(|| {
        Diagnostic::error(format!("`locale.{id}` names {n} months, not 12"))
            .hint("write the twelve names in order, separated by commas: \"Jan, Feb, Mar, ...\"")
    })
}

/// The error for a string with a control character (a NUL, an escape, a bidi override): it
/// would reach the text and Markdown exports as it is.
fn control(id: &str, value: &str) -> Option<Diagnostic> {
    // And the invisible marks that turn text around (U+202A to U+202E, U+2066 to U+2069).
    let c = value.chars().find(|&c| {
        c.is_control() || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
    })?;
    Some(
        Diagnostic::error(format!(
            "`locale.{id}` holds the control character U+{:04X}",
            u32::from(c)
        ))
        .hint("leave it out: a label is printed on one line, as text"),
    )
}

/// The error for quotation marks that are not four: open, close, inner open, inner close.
fn quotes(id: &str, value: &str) -> Option<Diagnostic> {
    (id == "labels.quotes" && !super::smart::Quotes::valid(value)).then(|| {
        Diagnostic::error(format!(
            "`locale.{id}` needs four marks split by spaces: `{value}`"
        ))
        .hint("write the outer pair, then the inner pair: \"“ ” ‘ ’\"")
    })
}

/// The error for a replaced string whose placeholders are not those of the string it
/// replaces (`{yeer}` for `{year}`, a `{` left open): it would print the pattern literally.
fn pattern(id: &str, value: &str) -> Option<Diagnostic> {
    let en = super::builtin("en")?.lookup(id)?;
    let mut known = placeholders(en).unwrap_or_default();
    if matches!(
        id,
        "dates.month_year" | "dates.day" | "dates.long_month_year" | "dates.long_day"
    ) {
        known = super::dates::DATE_FIELDS.to_vec();
    }
    let list = || {
        known
            .iter()
            .map(|k| format!("`{{{k}}}`"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let Ok(used) = placeholders(value) else {
        return Some(
            Diagnostic::error(format!(
                "the braces of `locale.{id}` do not balance: `{value}`"
            ))
            .hint(if known.is_empty() {
                "this string takes no placeholders: leave out `{` and `}`".to_string()
            } else {
                format!("a placeholder is a name in braces: {}", list())
            }),
        );
    };
    let unknown = used.into_iter().find(|u| !known.contains(u))?;
    let d = Diagnostic::error(format!(
        "`locale.{id}` has the placeholder `{{{unknown}}}`, which this string does not fill"
    ));
    Some(match did_you_mean(unknown, known.iter().copied()) {
        Some(best) => d.hint(format!("did you mean `{{{best}}}`?")),
        None if known.is_empty() => d.hint("this string takes no placeholders"),
        None => d.hint(format!("its placeholders are {}", list())),
    })
}

/// The built-in locale a language tag names, or the error for a tag vita does not know.
pub fn language(tag: &str) -> Result<&'static str, Diagnostic> {
    super::resolve(tag).ok_or_else(|| {
        let d = Diagnostic::error(format!("vita has no `{tag}` locale"));
        let d = match did_you_mean(tag, super::known_tags()) {
            Some(best) => d.hint(format!("did you mean `{best}`?")),
            None => d,
        };
        let all: Vec<&str> = super::BUILTIN.iter().map(|(t, _)| *t).collect();
        d.hint(format!("the languages are {}", all.join(", ")))
    })
}
