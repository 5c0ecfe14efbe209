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
    for (id, at, _) in p.locale_strings() {
        if super::is_id(&id) {
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
