//! Checks of the documents a profile asks for: their kinds, sections, limits and tags.

use super::{KINDS, kind};
use crate::diag::{Diagnostic, did_you_mean};
use crate::profile::{Checker, DocSettings, Entry, KeyPath, Profile};

/// Checks every document's settings. `sections` tells, for a section id, how many entries
/// the profile has in it (`None` for an id that is no section).
pub fn check(p: &Profile, c: &mut Checker, sections: &dyn Fn(&str) -> Option<usize>) {
    let names: Vec<&str> = p.documents().iter().map(|(n, _)| *n).collect();
    let tags = all_tags(p);
    let resumes = p
        .documents()
        .iter()
        .filter(|(n, s)| s.kind.as_deref().unwrap_or(n) == "resume")
        .count();
    if resumes > 0 && p.person.email.is_none() && p.person.phone.is_none() {
        c.push(
            &KeyPath::key("person"),
            Diagnostic::warning(
                "the resume's header has neither an email address nor a phone number, so a recruiter cannot reply",
            )
            .hint("add `email = \"...\"` or `phone = \"...\"` under `[person]`"),
        );
    }
    for (name, s) in p.documents() {
        let named = name != "resume" && name != "cv";
        let at = if named {
            KeyPath::key("documents").k(name)
        } else {
            KeyPath::key(name)
        };
        let place = format!("[{at}]");
        if named && let Err((message, hint)) = crate::profile::options::check_doc_name(name) {
            c.error(&at, message, &hint);
        }
        check_kind(c, &at, &place, name, s, named);
        let kind = s.kind.as_deref().unwrap_or(name);
        if kind == "letter" {
            if s.paragraphs.is_empty() {
                c.error(
                    &at,
                    format!("`{place}` is a letter with no `paragraphs`"),
                    "write its body as a list, a paragraph each: `paragraphs = [\"...\", \"...\"]`",
                );
            }
            for (i, para) in s.paragraphs.iter().enumerate() {
                if para.trim().is_empty() {
                    c.error(
                        &at.k("paragraphs").i(i),
                        format!("`{place}.paragraphs[{}]` is empty", i + 1),
                        "write the paragraph, or take it out",
                    );
                }
            }
        } else if KINDS.iter().any(|k| k.name == kind) {
            for key in s.letter_keys() {
                c.error(
                    &at.k(key),
                    format!("`{place}.{key}` is a letter's, and `{place}` is a {kind}"),
                    "a cover letter is a document of its own: `[documents.letter] kind = \"letter\"`, with `recipient`, `subject`, `paragraphs`, ... in its table",
                );
            }
        }
        if named && names.iter().filter(|n| **n == name).count() > 1 {
            c.error(
                &at,
                format!("`{place}` is a name already taken"),
                "`resume` and `cv` are the two default documents: give this one another name",
            );
        }
        let listed = s.sections.as_deref().unwrap_or_default();
        for (i, id) in listed.iter().enumerate() {
            let path = at.k("sections").i(i);
            if listed[..i].contains(id) {
                c.error(
                    &path,
                    format!("`{place}` lists the section `{id}` twice"),
                    "keep one of them",
                );
                continue;
            }
            match sections(id) {
                None => {
                    let d = Diagnostic::error(format!(
                        "`{place}` names a section that does not exist: `{id}`"
                    ));
                    c.push(&path, unknown_section(d, id, p, sections));
                }
                Some(0) => {
                    let d = Diagnostic::warning(format!(
                        "`{place}` lists the section `{id}`, but the profile has nothing in it"
                    ))
                    .hint("add entries to it, or take it out of the list");
                    c.push(&path, d);
                }
                Some(_) => {}
            }
        }
        for id in s.limit.keys() {
            if sections(id).is_none() {
                let d = Diagnostic::error(format!(
                    "`{place}.limit` names a section that does not exist: `{id}`"
                ));
                c.push(&at.k("limit").k(id), unknown_section(d, id, p, sections));
            }
        }
        for (key, list) in [
            ("include_tags", &s.include_tags),
            ("exclude_tags", &s.exclude_tags),
        ] {
            let unknown: Vec<(usize, &String)> = list
                .iter()
                .enumerate()
                .filter(|(_, t)| !tags.contains(t.as_str()))
                .collect();
            // The first few are told at their place with a did-you-mean; the rest counted in
            // one warning (thousands of them, each compared with every tag, took minutes).
            for (i, tag) in unknown.iter().take(MAX_UNKNOWN_TAGS_TOLD) {
                let mut d = Diagnostic::warning(format!(
                    "`{place}.{key}` names the tag `{tag}`, which no entry has"
                ));
                d = match did_you_mean(tag, tags.iter().copied()) {
                    Some(best) => d.hint(format!("did you mean `{best}`?")),
                    None => d.hint("give entries this tag with `tags = [\"...\"]`"),
                };
                c.push(&at.k(key).i(*i), d);
            }
            if let Some((i, _)) = unknown.get(MAX_UNKNOWN_TAGS_TOLD) {
                c.push(
                    &at.k(key).i(*i),
                    Diagnostic::warning(format!(
                        "`{place}.{key}` names {} more tags that no entry has",
                        unknown.len() - MAX_UNKNOWN_TAGS_TOLD
                    ))
                    .hint("give entries these tags with `tags = [\"...\"]`, or remove them"),
                );
            }
        }
        if s.formats.as_ref().is_some_and(Vec::is_empty) {
            c.error(
                &at.k("formats"),
                format!("`{place}.formats` is empty"),
                "name at least one format, such as `formats = [\"pdf\", \"md\"]`, or leave the key out for PDF",
            );
        }
        for (key, size) in [
            ("font_size", s.font_size),
            ("min_font_size", s.min_font_size),
        ] {
            if let Some(size) = size
                && !(5.0..=24.0).contains(&size)
            {
                c.error(
                    &at.k(key),
                    format!("`{place}.{key}` is {size} pt"),
                    "body text is set between 5 and 24 points; 9 to 11 is usual",
                );
            }
        }
        if s.max_pages == Some(0) {
            c.error(
                &at.k("max_pages"),
                format!("`{place}.max_pages` is 0"),
                "a document has at least one page",
            );
        }
    }
}

/// Checks `kind`: required for a named document, and the table's own name for the others.
fn check_kind(
    c: &mut Checker,
    at: &KeyPath,
    place: &str,
    name: &str,
    s: &DocSettings,
    named: bool,
) {
    let kinds: Vec<&str> = KINDS.iter().map(|k| k.name).collect();
    match s.kind.as_deref() {
        None if named => c.error(
            at,
            format!("`{place}` has no `kind`"),
            &format!("say what it is: `kind = \"{}\"`", kinds.join("\"` or `kind = \"")),
        ),
        Some(k) if kind(k).is_none() => {
            let mut d = Diagnostic::error(format!("`{place}.kind` is not a kind of document: `{k}`"));
            d = match did_you_mean(k, kinds.iter().copied()) {
                Some(best) => d.hint(format!("did you mean `{best}`?")),
                None => d.hint(format!("the kinds are: {}", kinds.join(", "))),
            };
            c.push(&at.k("kind"), d);
        }
        Some(k) if !named && k != name => c.error(
            &at.k("kind"),
            format!("`{place}.kind` is `{k}`, but `[{name}]` is always the {name}"),
            &format!("take `kind` out, or declare the document as `[documents.NAME]` with `kind = \"{k}\"`"),
        ),
        _ => {}
    }
}

/// Adds a did-you-mean (or the list of sections) to an unknown-section error.
fn unknown_section(
    d: Diagnostic,
    id: &str,
    p: &Profile,
    sections: &dyn Fn(&str) -> Option<usize>,
) -> Diagnostic {
    let known: Vec<&str> = crate::profile::top_level_keys()
        .iter()
        .copied()
        .chain(p.custom.iter().map(|c| c.id.as_str()))
        .filter(|k| sections(k).is_some())
        .collect();
    match did_you_mean(id, known.iter().copied()) {
        Some(best) => d.hint(format!("did you mean `{best}`?")),
        None => d.hint(format!("the sections are: {}", known.join(", "))),
    }
}

/// Unknown tags of one list told one by one; the rest are counted in one warning.
const MAX_UNKNOWN_TAGS_TOLD: usize = 8;

/// Every tag that some entry carries, in order.
fn all_tags(p: &Profile) -> std::collections::BTreeSet<&str> {
    p.entries()
        .into_iter()
        .flat_map(Entry::tags)
        .map(String::as_str)
        .collect()
}
