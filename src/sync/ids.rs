//! The person's ids for `vita sync`: from the command line or `[person]`, checked before
//! anything is asked.

use std::path::Path;

use super::Options;
use crate::Failure;
use crate::diag::Diagnostic;

/// The last part of an id given as an address (`https://orcid.org/0000-...?lang=en`).
pub(super) fn bare_orcid(s: &str) -> String {
    let s = s.trim().split(['?', '#']).next().unwrap_or("");
    s.trim_end_matches('/')
        .rsplit('/')
        .next()
        .unwrap_or(s)
        .to_string()
}

/// An ORCID iD (`0000-0002-1825-0097`, the last character a digit or X), an OpenAlex author
/// id (`A5023888391`) and a DBLP person id (`229/8174`), checked before anything is asked.
pub(super) fn check_ids(opts: &Options) -> Result<(), Failure> {
    let mut bad = vec![];
    if let Some(o) = &opts.orcid {
        let id = bare_orcid(o);
        let groups: Vec<&str> = id.split('-').collect();
        let ok = groups.len() == 4
            && groups.iter().enumerate().all(|(i, g)| {
                g.len() == 4
                    && g.chars()
                        .enumerate()
                        .all(|(j, c)| c.is_ascii_digit() || (i == 3 && j == 3 && c == 'X'))
            });
        if !ok {
            bad.push(Diagnostic::error(format!("`{o}` is not an ORCID iD"))
                .hint("an ORCID iD is four groups of four digits, such as 0000-0002-1825-0097 (the last may be X)"));
        }
    }
    if let Some(a) = &opts.openalex {
        let id = bare_orcid(a);
        let ok = id.len() > 1
            && id.len() < 20
            && id.starts_with(['A', 'a'])
            && id[1..].chars().all(|c| c.is_ascii_digit());
        if !ok {
            bad.push(
                Diagnostic::error(format!("`{a}` is not an OpenAlex author id"))
                    .hint("an OpenAlex author id is A and digits, such as A5023888391"),
            );
        }
    }
    if let Some(d) = &opts.dblp
        && crate::ids::dblp_pid(d).is_none()
    {
        bad.push(
            Diagnostic::error(format!("`{d}` names no DBLP person id")).hint(
                "give the person's page, https://dblp.org/pid/229/8174.html, or its id, 229/8174",
            ),
        );
    }
    if bad.is_empty() {
        Ok(())
    } else {
        Err(Failure::input(bad))
    }
}

/// The person's ids from the profile's `[person]`, for those not given on the command line.
pub fn ids_from_profile(profile: &Path, opts: &mut Options) {
    let Ok(text) = std::fs::read_to_string(profile) else {
        return;
    };
    let Ok(table) = text.trim_start_matches('\u{feff}').parse::<toml::Table>() else {
        return;
    };
    let person = table.get("person");
    let get = |k: &str| {
        person
            .and_then(|p| p.get(k))
            .and_then(|v| v.as_str())
            .map(str::to_string)
    };
    if opts.orcid.is_none() {
        opts.orcid = get("orcid");
    }
    if opts.openalex.is_none() {
        opts.openalex = get("openalex");
    }
    if opts.dblp.is_none() {
        opts.dblp = get("dblp");
    }
}
