//! Checks of `[person]`: a name, the header's bounds (a name and headline of a line or two,
//! at most 20 links), the e-mail, the site ids, the addresses and the ORCID iD.

use super::super::Profile;
use super::super::spans::KeyPath;
use super::Checker;
use crate::diag::Diagnostic;
use crate::ids;

/// Links the header shows at the most (`person.links`).
const MAX_PERSON_LINKS: usize = 20;

/// Checks `[person]`.
pub(super) fn check(p: &Profile, c: &mut Checker) {
    let person = KeyPath::key("person");
    if p.person.name.trim().is_empty() {
        let d = Diagnostic::error("the profile has no `person.name`")
            .hint("add `[person]` with `name = \"Your Name\"` at the top of the profile");
        c.push(&person.k("name"), d);
    }
    // The name is printed in the header and again in every page's footer, and the headline
    // under it: each must stay a line or two (a 200 KB name took 44 s and 6 GB).
    for (key, value, max) in [
        ("name", Some(&p.person.name), 200),
        ("native_name", p.person.native_name.as_ref(), 200),
        ("headline", p.person.headline.as_ref(), 400),
    ] {
        if let Some(v) = value
            && v.chars().count() > max
        {
            c.error(
                &person.k(key),
                format!(
                    "`person.{key}` is {} characters long; it is printed on every page and may have at most {max}",
                    v.chars().count()
                ),
                "shorten it: put a longer text in `summary`",
            );
        }
    }
    if p.person.links.0.len() > MAX_PERSON_LINKS {
        c.error(
            &person.k("links"),
            format!(
                "`person.links` has {} links; the header has room for at most {MAX_PERSON_LINKS}",
                p.person.links.0.len()
            ),
            "keep the few a reader needs; a list of projects or repositories belongs in `[[projects]]` or a custom section",
        );
    }
    if let Some(email) = &p.person.email {
        let ok = email.split_once('@').is_some_and(|(user, host)| {
            !user.is_empty() && host.contains('.') && !host.starts_with('.') && !host.ends_with('.')
        }) && !email.chars().any(char::is_whitespace);
        if !ok {
            c.error(
                &person.k("email"),
                format!("`person.email` is not an e-mail address: `{email}`"),
                "write it as `name@example.org`",
            );
        }
    }
    if let Some(email) = &p.person.email
        && email.to_ascii_lowercase().starts_with("mailto:")
    {
        c.error(
            &person.k("email"),
            format!("`person.email` starts with `mailto:`: `{email}`"),
            "write the address alone; vita makes the link",
        );
    }
    for (key, value, site) in [
        ("github", &p.person.github, "github.com/"),
        ("linkedin", &p.person.linkedin, "linkedin.com/in/"),
        ("scholar", &p.person.scholar, "scholar.google"),
    ] {
        if let Some(v) = value
            && (v.contains("://") || v.contains(site) || v.contains('/') || v.trim().is_empty())
        {
            c.error(
                &person.k(key),
                format!("`person.{key}` should be the id alone, not an address: `{v}`"),
                &format!("write only the part after `{site}` (vita makes the link)"),
            );
        }
    }
    if let Some(url) = &p.person.homepage {
        c.url(&person.k("homepage"), url);
    }
    // The page's address, or its id (`229/8174`), which `vita sync` reads too.
    if let Some(url) = &p.person.dblp
        && crate::ids::dblp_pid(url).is_none_or(|_| url.contains("://"))
    {
        c.url(&person.k("dblp"), url);
    }
    if let Some(orcid) = &p.person.orcid {
        match ids::orcid(orcid) {
            Ok(_) => {}
            Err(ids::OrcidError::CheckDigit) => c.error(
                &person.k("orcid"),
                format!("`person.orcid` has a wrong check digit: `{orcid}`"),
                "copy the iD from your ORCID record; a digit is probably mistyped",
            ),
            Err(ids::OrcidError::Form) => c.error(
                &person.k("orcid"),
                format!("`person.orcid` is not an ORCID iD: `{orcid}`"),
                "write the 16 digits in groups of four, such as `0000-0002-1825-0097`",
            ),
        }
    }
    c.links(&person.k("links"), &p.person.links);
}
