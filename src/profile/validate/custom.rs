//! Checks of the `[[custom]]` sections: an id and a title each, ids of their own (a built-in
//! section's id stands in for it in a profile of an older vita), and their entries.

use super::Checker;
use crate::diag::Diagnostic;
use crate::profile::{KeyPath, Profile};

/// Checks every custom section and its entries.
pub(super) fn check(p: &Profile, c: &mut Checker) {
    let mut custom_ids: Vec<&str> = vec![];
    for (i, s) in p.custom.iter().enumerate() {
        let at = KeyPath::key("custom").i(i);
        c.required(
            &at.k("id"),
            &s.id,
            "an `id` to name it in `[resume]` and `[cv]`",
        );
        c.required(
            &at.k("title"),
            &s.title,
            "a `title` to print as its heading",
        );
        // A section that vita later made a built-in one (`projects`), written as a custom
        // section by a profile of an older vita, is kept as written while the profile has no
        // entries of the built-in one.
        const NOT_SECTIONS: &[&str] = &[
            "schema",
            "updated",
            "system_fonts",
            "lang",
            "default_lang",
            "locale",
            "person",
            "summary",
            "interests",
            "bibliography",
            "bibliography_base_url",
            "marks",
            "collaborators",
            "personal_statement",
            "custom",
            "design",
            "documents",
            "resume",
            "cv",
            "letter",
        ];
        let built_in = crate::profile::top_level_keys().contains(&s.id.as_str());
        if built_in
            && !custom_ids.contains(&s.id.as_str())
            && !NOT_SECTIONS.contains(&s.id.as_str())
            && c.spans.find(&KeyPath::key(&s.id)).is_none()
        {
            let hint = format!(
                "to use the built-in section (its own fields, in every theme), write the entries as `[[{}]]`",
                s.id
            );
            c.push(
                &at.k("id"),
                Diagnostic::warning(format!(
                    "`{at}.id` is `{}`, which is now a built-in section; this custom section is kept as written",
                    s.id
                ))
                .hint(hint),
            );
        } else if built_in || custom_ids.contains(&s.id.as_str()) {
            c.error(
                &at.k("id"),
                format!("`{at}.id` is `{}`, a name already taken", s.id),
                "give the custom section an id of its own",
            );
        }
        custom_ids.push(&s.id);
        for (j, e) in s.entries.iter().enumerate() {
            let at = at.k("entries").i(j);
            c.required(&at.k("title"), &e.title, "a `title`");
            c.range(&at, "date", e.date.as_ref(), e.end.as_ref());
            c.links(&at.k("links"), &e.links);
            c.exclude(&at, &e.exclude);
        }
    }
}
