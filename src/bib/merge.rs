//! Merging .bib entries with the profile's `[[publications]]`: one entry per paper, found by
//! citation key, DOI or title, the profile's fields winning.

use std::collections::HashMap;
use std::sync::Arc;

use crate::diag::{Diagnostic, did_you_mean};
use crate::profile::{KeyPath, Links, Origin, Profile, Publication, Spans};

/// A title reduced for comparison: lowercase letters and digits only, no diacritics.
pub(crate) fn title_key(title: &str) -> String {
    // Letters, digits and symbols count (`C++` is not `C#`); case, spaces, punctuation,
    // diacritics and how a subscript is written do not (`CO₂`, `CO$_2$` as LaTeX, `CO2` from
    // Crossref's `CO<sub>2</sub>`).
    use unicode_normalization::UnicodeNormalization;
    let compatible: String = title.nfkd().collect();
    let key: String = crate::names::fold(&compatible)
        .chars()
        .filter(|c| !c.is_whitespace() && !".,:;!?'\"()[]{}-–—‘’“”$_^".contains(*c))
        .collect();
    // A title of a few characters says too little to call two entries one paper.
    if key.chars().filter(|c| c.is_alphanumeric()).count() < 4 {
        String::new()
    } else {
        key
    }
}

fn doi_key(doi: &str) -> String {
    doi.trim().to_ascii_lowercase()
}

/// Where an entry is, for messages: `pubs.bib:12`.
fn place(p: &Publication) -> String {
    match &p.origin {
        Origin::Bib(b) => {
            let line = b.text[..b.range.start.min(b.text.len())]
                .matches('\n')
                .count()
                + 1;
            format!("{}:{line}", b.file)
        }
        Origin::Profile(i) => format!("publications[{}]", i + 1),
        Origin::Unknown => "?".to_string(),
    }
}

/// Points a diagnostic at a publication: its .bib entry, or its place in the profile.
fn locate(
    d: Diagnostic,
    p: &Publication,
    field: &str,
    display: &str,
    text: &Arc<str>,
    spans: &Spans,
) -> Diagnostic {
    match &p.origin {
        Origin::Bib(b) => d.at(&b.file, &b.text, b.range.clone()),
        Origin::Profile(i) => match spans.find(&KeyPath::key("publications").i(*i).k(field)) {
            Some(r) => d.at(display, text, r),
            None => d,
        },
        Origin::Unknown => d,
    }
}

/// Merges .bib entries into the profile's publications: one entry per paper, the profile's
/// fields winning.
pub(super) fn merge(
    p: &mut Profile,
    from_bib: Vec<Publication>,
    display: &str,
    text: &Arc<str>,
    spans: &Spans,
) -> Vec<Diagnostic> {
    let mut diags = vec![];
    // The same paper twice among the .bib files: the first is kept. Looked up by key, DOI
    // and title in hash maps, so 10,000 entries cost no more than reading them.
    let mut bib: Vec<Publication> = vec![];
    let mut by_id: HashMap<String, usize> = HashMap::new();
    let mut by_doi: HashMap<String, usize> = HashMap::new();
    let mut by_title: HashMap<String, usize> = HashMap::new();
    for e in from_bib {
        let id = e.id.clone().unwrap_or_default();
        let doi = e.doi.as_deref().map(doi_key);
        let title = title_key(&e.title);
        let name = |i: usize| bib[i].id.clone().unwrap_or_default();
        let same = if let Some(&i) = by_id.get(&id) {
            Some(format!(
                "the citation key `{id}` is used in both {} and {}; only the first entry is listed",
                place(&bib[i]),
                place(&e)
            ))
        } else if let Some(&i) = doi.as_ref().and_then(|d| by_doi.get(d)) {
            Some(format!(
                "`{id}` has the same DOI as `{}` ({}); only the first is listed",
                name(i),
                place(&bib[i])
            ))
        } else if let Some(&i) = by_title
            .get(&title)
            .filter(|&&i| !title.is_empty() && same_venue(&bib[i], &e))
        {
            Some(format!(
                "`{id}` has the same title and venue as `{}` ({}); only the first is listed",
                name(i),
                place(&bib[i])
            ))
        } else {
            None
        };
        if let Some(msg) = same {
            let hint = if by_id.contains_key(&id) {
                "delete one of the two entries, or give one of them another key"
            } else {
                "delete the one you do not mean to list"
            };
            let d = Diagnostic::warning(msg).hint(hint);
            diags.push(locate(d, &e, "title", display, text, spans));
            continue;
        }
        let i = bib.len();
        by_id.insert(id, i);
        if let Some(d) = doi {
            by_doi.insert(d, i);
        }
        if !title.is_empty() {
            by_title.entry(title).or_insert(i);
        }
        bib.push(e);
    }
    let mut used = vec![false; bib.len()];
    let mut merged = vec![];
    for t in std::mem::take(&mut p.publications) {
        let Origin::Profile(i) = t.origin else {
            merged.push(t);
            continue;
        };
        let by_key = t.id.as_ref().and_then(|id| by_id.get(id).copied());
        let by_content = || {
            t.doi
                .as_deref()
                .and_then(|d| by_doi.get(&doi_key(d)).copied())
                .or_else(|| {
                    let key = title_key(&t.title);
                    (!key.is_empty())
                        .then(|| by_title.get(&key).copied())
                        .flatten()
                })
        };
        match by_key
            .map(|j| (j, true))
            .or_else(|| by_content().map(|j| (j, false)))
        {
            Some((j, on_purpose)) => {
                if used[j] {
                    let d = Diagnostic::warning(format!(
                        "`publications[{}]` is the same paper as another profile entry: both match `{}` ({})",
                        i + 1,
                        bib[j].id.as_deref().unwrap_or(""),
                        place(&bib[j])
                    ))
                    .hint("keep one of the two profile entries");
                    diags.push(locate(d, &t, "title", display, text, spans));
                    merged.push(t);
                    continue;
                }
                used[j] = true;
                if !on_purpose {
                    let d = Diagnostic::warning(format!(
                        "`publications[{}]` (\"{}\") is also in the bibliography as `{}` ({}); it is listed once, with the profile's fields",
                        i + 1,
                        t.title,
                        bib[j].id.as_deref().unwrap_or(""),
                        place(&bib[j])
                    ))
                    .hint(format!(
                        "delete one of the two, or write `id = \"{}\"` in the profile entry to add fields to the .bib entry on purpose",
                        bib[j].id.as_deref().unwrap_or("")
                    ));
                    diags.push(locate(d, &t, "title", display, text, spans));
                }
                merged.push(overlay(t, bib[j].clone()));
            }
            None if t.title.trim().is_empty() && t.id.is_some() => {
                let id = t.id.as_deref().unwrap_or("");
                let mut d = Diagnostic::error(format!(
                    "`publications[{}]` adds fields to the .bib entry `{id}`, but no .bib entry has that citation key",
                    i + 1
                ));
                d = match did_you_mean(id, bib.iter().filter_map(|b| b.id.as_deref())) {
                    Some(best) => d.hint(format!("did you mean `{best}`?")),
                    None => d.hint("give the entry's citation key as written after `@article{`, or a `title` to make it an entry of its own"),
                };
                diags.push(locate(d, &t, "id", display, text, spans));
            }
            None => merged.push(t),
        }
    }
    merged.extend(
        bib.into_iter()
            .zip(used)
            .filter(|(_, u)| !u)
            .map(|(b, _)| b),
    );
    p.publications = merged;
    diags
}

/// Whether two entries with one title are one paper: a workshop version and the
/// conference version of it are two (their venues differ); an entry without a venue, or a
/// preprint, is the same paper as the published one.
fn same_venue(a: &Publication, b: &Publication) -> bool {
    let preprint = |p: &Publication| p.kind.as_deref() == Some("preprint");
    match (&a.venue, &b.venue) {
        (Some(x), Some(y)) => title_key(x) == title_key(y) || preprint(a) || preprint(b),
        _ => true,
    }
}

/// One paper from two sources: the profile's fields (`t`) over the .bib entry's (`b`).
fn overlay(t: Publication, b: Publication) -> Publication {
    let mut links = t.links.0.clone();
    for (label, url) in b.links.0 {
        if !links.iter().any(|(l, _)| *l == label) {
            links.push((label, url));
        }
    }
    let mut exclude = t.exclude.clone();
    for d in b.exclude {
        if !exclude.contains(&d) {
            exclude.push(d);
        }
    }
    // A date given in the profile replaces the .bib's, in whichever form it is given.
    let (year, date) = if t.year.is_some() || t.date.is_some() {
        (t.year, t.date)
    } else {
        (b.year, b.date)
    };
    let origin = if t.authors.is_empty() {
        b.origin
    } else {
        t.origin
    };
    Publication {
        id: t.id.or(b.id),
        title: if t.title.trim().is_empty() {
            b.title
        } else {
            t.title
        },
        authors: if t.authors.is_empty() {
            b.authors
        } else {
            t.authors
        },
        venue: t.venue.or(b.venue),
        venue_short: t.venue_short.or(b.venue_short),
        volume: t.volume.or(b.volume),
        issue: t.issue.or(b.issue),
        pages: t.pages.or(b.pages),
        year,
        date,
        category: t.category.or(b.category),
        kind: t.kind.or(b.kind),
        doi: t.doi.or(b.doi),
        arxiv: t.arxiv.or(b.arxiv),
        links: Links(links),
        award: t.award.or(b.award),
        presentation: t.presentation.or(b.presentation),
        acceptance: t.acceptance.or(b.acceptance),
        citations: t.citations.or(b.citations),
        note: t.note.or(b.note),
        selected: t.selected || b.selected,
        exclude,
        tags: if t.tags.is_empty() { b.tags } else { t.tags },
        origin,
    }
}

/// Warns about publications whose authors do not include the person.
pub(super) fn check_authors(
    p: &Profile,
    display: &str,
    text: &Arc<str>,
    spans: &Spans,
) -> Vec<Diagnostic> {
    if p.person.name.trim().is_empty() {
        return vec![];
    }
    let me = p.person.own_name();
    let not_mine: Vec<&Publication> = p
        .publications
        .iter()
        .filter(|e| !e.authors.is_empty() && !e.authors.iter().any(|a| me.is_me(a)))
        .collect();
    let hint = "add the spelling used there to `person.aliases`, such as `\"Y. Li\"`";
    let (from_bib, own): (Vec<&Publication>, Vec<&Publication>) = not_mine
        .into_iter()
        .partition(|e| matches!(e.origin, Origin::Bib(_)));
    let one = |e: &Publication, what: String| {
        let d = Diagnostic::warning(format!(
            "{what} (\"{}\") does not list `{}` among its authors",
            e.title, p.person.name
        ))
        .hint(hint);
        locate(d, e, "authors", display, text, spans)
    };
    let mut diags: Vec<Diagnostic> = own
        .iter()
        .map(|e| match &e.origin {
            Origin::Profile(i) => one(e, format!("`publications[{}]`", i + 1)),
            _ => one(e, format!("`{}`", e.id.as_deref().unwrap_or(""))),
        })
        .collect();
    // A lab's list names the person in few of its entries: one warning for them all.
    const NAMED: usize = 3;
    if from_bib.len() <= NAMED {
        diags.extend(
            from_bib
                .iter()
                .map(|e| one(e, format!("`{}`", e.id.as_deref().unwrap_or("")))),
        );
    } else if let Some(first) = from_bib.first() {
        let keys: Vec<String> = from_bib
            .iter()
            .take(NAMED)
            .map(|e| format!("`{}`", e.id.as_deref().unwrap_or("")))
            .collect();
        let d = Diagnostic::warning(format!(
            "{} entries of the bibliography do not list `{}` among their authors: {} and {} more",
            from_bib.len(),
            p.person.name,
            keys.join(", "),
            from_bib.len() - NAMED
        ))
        .hint(hint)
        .hint("when the file is a lab's list with others' papers, name a file of your own papers in `bibliography`");
        diags.push(locate(d, first, "authors", display, text, spans));
    }
    diags
}
