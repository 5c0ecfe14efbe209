//! Checks of the industry sections' entries (projects, certifications, languages,
//! volunteering) and of an experience entry's positions; their types are in
//! `profile/industry.rs`.

use super::Checker;
use crate::profile::{Experience, KeyPath, Profile};

/// Checks the positions of one experience entry.
pub(super) fn check_positions(e: &Experience, at: &KeyPath, c: &mut Checker) {
    if e.positions.is_empty() {
        return;
    }
    if !e.role.trim().is_empty() {
        c.error(
            &at.k("role"),
            format!("`{at}` has both a `role` and `positions`"),
            "with several positions, each `[[experience.positions]]` gives its own `role`: delete this one",
        );
    }
    for (j, p) in e.positions.iter().enumerate() {
        let pat = at.k("positions").i(j);
        c.required(&pat.k("role"), &p.role, "a `role`");
        c.range(&pat, "start", p.start.as_ref(), p.end.as_ref());
    }
}

/// Checks the entries of the industry sections.
pub(super) fn check(p: &Profile, c: &mut Checker) {
    for (i, e) in p.projects.iter().enumerate() {
        let at = KeyPath::key("projects").i(i);
        c.required(&at.k("name"), &e.name, "a `name`");
        c.range(&at, "start", e.start.as_ref(), e.end.as_ref());
        c.links(&at.k("links"), &e.links);
        c.exclude(&at, &e.exclude);
    }
    for (i, e) in p.certifications.iter().enumerate() {
        let at = KeyPath::key("certifications").i(i);
        c.required(&at.k("name"), &e.name, "a `name`");
        c.point(&at.k("date"), e.date.as_ref());
        if let (Some(d), Some(x)) = (&e.date, &e.expires)
            && x.ends_before(d)
        {
            c.error(
                &at.k("expires"),
                format!("`{at}` expires ({x}) before it was earned ({d})"),
                "swap `date` and `expires`, or fix the year",
            );
        }
        if let Some(url) = &e.url {
            c.url(&at.k("url"), url);
        }
        c.exclude(&at, &e.exclude);
    }
    for (i, e) in p.languages.iter().enumerate() {
        let at = KeyPath::key("languages").i(i);
        c.required(&at.k("language"), &e.language, "a `language`");
        c.exclude(&at, &e.exclude);
    }
    for (i, e) in p.volunteering.iter().enumerate() {
        let at = KeyPath::key("volunteering").i(i);
        c.required(&at.k("role"), &e.role, "a `role`");
        c.required(&at.k("organisation"), &e.organisation, "an `organisation`");
        c.range(&at, "start", e.start.as_ref(), e.end.as_ref());
        c.exclude(&at, &e.exclude);
    }
}
