//! BibTeX and BibLaTeX files as a source of publications.
//!
//! The files named in `bibliography` are parsed by the `biblatex` crate (the parser behind
//! Typst's own bibliographies), which resolves `@string` abbreviations, `crossref`, month
//! macros, accents such as `{\"u}` and `--` dashes. What it leaves (formatting commands like
//! `\emph{}`, protective braces, math) is turned into plain text here, so titles print as a
//! reader expects. Each entry becomes a [`Publication`]; entries then merge with the
//! profile's own `[[publications]]`, which win field by field.
//!
//! The steps, a file each: `read` the files, `scan` them for blocks (`@comment`s blanked
//! out), `guard` the parser against loops, deep nesting and long chains, `expand` nothing
//! before its size is known, put the parser's complaints in the user's words (`errors`),
//! `convert` each entry (its LaTeX made plain by `latex`), and `merge` the entries with the
//! profile's.

mod convert;
pub mod edit;
mod errors;
mod expand;
pub mod file;
mod guard;
pub(crate) mod latex;
mod merge;
pub(crate) use merge::title_key;
mod read;
mod read_as;
mod scan;
#[cfg(test)]
mod tests;

use std::collections::{HashMap, HashSet};
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use biblatex::{Bibliography, RawBibliography};

use crate::diag::Diagnostic;
use crate::profile::{BibSource, KeyPath, Origin, Profile, Publication, Spans};

/// What reading a profile's .bib files came to.
#[derive(Debug, Default)]
pub struct Attached {
    /// Problems met in the files and in merging them; when any is an error, the profile's
    /// publications are as they were.
    pub diagnostics: Vec<Diagnostic>,
    /// Every .bib file the profile names, as a path, whether it could be read or not: what
    /// `vita watch` watches (a missing file is noticed when it is made).
    pub files: Vec<PathBuf>,
}

/// The .bib files read so far, by their real path: their entries and what reading them
/// found. A profile read in several languages reads each file once (the .bib text has no
/// languages).
pub type Read = HashMap<PathBuf, (Vec<Publication>, Vec<Diagnostic>)>;

/// Reads every file of `p.bibliography` (or takes it from `read`, and keeps it there) and
/// merges its entries into `p.publications`.
///
/// Paths are relative to `folder`, the profile's folder. `display` and `text` are the
/// profile's, for messages about the `bibliography` key, and `spans` the places in it.
pub fn attach(
    p: &mut Profile,
    folder: &Path,
    display: &str,
    text: &Arc<str>,
    spans: &Spans,
    read: &mut Read,
) -> Attached {
    for (i, e) in p.publications.iter_mut().enumerate() {
        e.origin = Origin::Profile(i);
    }
    let mut diags = vec![];
    if let Some(base) = &p.bibliography_base_url
        && !crate::ids::is_web_url(base)
    {
        let at = spans
            .find(&KeyPath::key("bibliography_base_url"))
            .unwrap_or(0..0);
        diags.push(
            Diagnostic::error(format!("`bibliography_base_url` is not a web address: `{base}`"))
                .hint("write the address the files are served from, such as `\"https://you.github.io/assets/pdf/\"`")
                .at(display, text, at),
        );
        p.bibliography_base_url = None;
    }
    let mut files = vec![];
    let mut from_bib = vec![];
    // Each file once, however it is named (`pubs.bib`, `./pubs.bib`).
    let mut read_already: Vec<(PathBuf, &str)> = vec![];
    for (i, name) in p.bibliography.iter().enumerate() {
        let at = spans
            .find(&KeyPath::key("bibliography").i(i))
            .or_else(|| spans.find(&KeyPath::key("bibliography")))
            .unwrap_or(0..0);
        let path = folder.join(name);
        let same = path.canonicalize().unwrap_or_else(|_| path.clone());
        if let Some((_, first)) = read_already.iter().find(|(p, _)| *p == same) {
            let d = if first == name {
                Diagnostic::warning(format!("`{name}` is listed twice in `bibliography`"))
            } else {
                Diagnostic::warning(format!(
                    "`{name}` is listed twice in `bibliography`, the first time as `{first}`"
                ))
            };
            diags.push(
                d.hint("its entries are read once: delete this mention")
                    .at(display, text, at),
            );
            continue;
        }
        read_already.push((same.clone(), name));
        files.push(path.clone());
        if let Some((pubs, d)) = read.get(&same) {
            from_bib.extend(pubs.iter().cloned());
            diags.extend(d.iter().cloned());
            continue;
        }
        match read::read(&path, name) {
            Ok((src, warning)) => {
                let shown = path.display().to_string();
                let src: Arc<str> = src.into();
                // A letter under thousands of marks would cost the layout minutes: the file
                // cannot be used as it is (like a file whose braces never close).
                if let Some((span, marks)) = crate::files::stacked_marks(&src) {
                    diags.push(
                        crate::files::stacked_marks_error(&format!("`{name}`"), marks)
                            .at(&shown, &src, span),
                    );
                    continue;
                }
                let mut found = vec![];
                if let Some(w) = warning {
                    found.push(w.at(&shown, &src, 0..0));
                }
                // The parser is not ours: should it ever panic, that is one error, not a crash.
                let base = p.bibliography_base_url.as_deref();
                match std::panic::catch_unwind(|| parse(&shown, &src, base)) {
                    Ok((pubs, d)) => {
                        found.extend(d);
                        from_bib.extend(pubs.iter().cloned());
                        diags.extend(found.iter().cloned());
                        read.insert(same, (pubs, found));
                    }
                    Err(_) => {
                        diags.extend(found);
                        diags.push(
                            Diagnostic::error(format!("the BibTeX parser failed on `{name}`"))
                                .hint("this is a bug: please report it with the file; meanwhile, look for unusual LaTeX in the entry you changed last")
                                .at(display, text, at.clone()),
                        );
                    }
                }
            }
            Err(d) => diags.push(d.at(display, text, at)),
        }
    }
    if !diags.iter().any(Diagnostic::is_error) {
        diags.extend(merge::merge(p, from_bib, display, text, spans));
        diags.extend(merge::check_authors(p, display, text, spans));
    }
    Attached {
        diagnostics: diags,
        files,
    }
}

/// The .bib files a profile file names, as paths, without reading them; empty when the
/// profile cannot be read as TOML. For `vita watch` after a profile failed to load (often
/// because a .bib file is missing): the [`Attached::files`] it would have had.
pub fn named_files(profile: &Path) -> Vec<PathBuf> {
    let Ok(bytes) = crate::files::read_capped(profile, crate::files::MAX_INPUT_BYTES) else {
        return vec![];
    };
    let text = String::from_utf8_lossy(&bytes);
    let Ok(table) = text.trim_start_matches('\u{feff}').parse::<toml::Table>() else {
        return vec![];
    };
    let names = match table.get("bibliography") {
        Some(toml::Value::String(name)) => vec![name.as_str()],
        Some(toml::Value::Array(names)) => names.iter().filter_map(|n| n.as_str()).collect(),
        _ => vec![],
    };
    let folder = profile.parent().unwrap_or(Path::new(""));
    // As `attach` makes them.
    names.into_iter().map(|name| folder.join(name)).collect()
}

/// Parses one .bib file's text into publications; `file` names it in messages. File names in
/// link fields (al-folio's `pdf = {paper.pdf}`) are read against `base`, the profile's
/// `bibliography_base_url`.
pub fn parse(
    file: &str,
    text: &Arc<str>,
    base: Option<&str>,
) -> (Vec<Publication>, Vec<Diagnostic>) {
    let refuse = |found: Vec<(Range<usize>, String, String)>| {
        found
            .into_iter()
            .map(|(range, msg, hint)| Diagnostic::error(msg).hint(hint).at(file, text, range))
            .collect::<Vec<_>>()
    };
    // `\o{}` is a common way to write ø, which the parser reads as an empty overlay accent;
    // `{\o}` means the same and is the same length, so every offset stays true.
    // `\\` (a line break) is a space in a list entry: two spaces, the same length.
    let fixed = text.replace("\\o{}", "{\\o}").replace("\\\\", "  ");
    let blocks = scan::blocks(&fixed);
    if let Some(b) = blocks
        .iter()
        .find(|b| !b.closed && matches!(b.kind.as_str(), "comment" | "preamble"))
    {
        return (
            vec![],
            refuse(vec![(
                b.span.start..b.span.start + 1 + b.kind.len(),
                format!("this `@{}` is not closed", b.kind),
                "its braces must balance: check for a `{` left open inside it".to_string(),
            )]),
        );
    }
    // Blanked, not handed to the parser: an entry inside `@comment{...}` is commented out,
    // and the preamble (LaTeX for the document) is nothing vita prints.
    let fixed = scan::blank_comments(&fixed, &blocks);
    let mut raw = match RawBibliography::parse(&fixed) {
        Ok(raw) => raw,
        // Every syntax error of the file in one run, not the first alone.
        Err(e) => {
            return (
                vec![],
                errors::syntax_errors(file, text, &fixed, &blocks, &e),
            );
        }
    };
    let mut lenient = errors::undefined_abbreviations(file, text, &mut raw);
    lenient.extend(errors::duplicate_keys(file, text, &mut raw));
    let unsafe_input = guard::guard(&blocks, &raw);
    if !unsafe_input.is_empty() {
        return (vec![], refuse(unsafe_input));
    }
    let too_long = expand::check(&raw);
    if !too_long.is_empty() {
        return (vec![], refuse(too_long));
    }
    if raw.entries.is_empty() {
        let d = Diagnostic::warning(format!("`{file}` has no entries"))
            .hint("entries look like `@article{key, title = {...}, year = 2021}`: check that this is the right file")
            .at(file, text, 0..0);
        return (vec![], vec![d]);
    }
    let keys: HashMap<String, Range<usize>> = raw
        .entries
        .iter()
        .rev()
        .map(|e| (e.v.key.v.to_string(), e.v.key.span.clone()))
        .collect();
    let bib = match Bibliography::from_raw(raw.clone()) {
        Ok(bib) => bib,
        Err(_) => {
            lenient.extend(errors::broken_entries(file, text, &raw));
            return (vec![], lenient);
        }
    };
    let too_long = errors::long_fields(&bib, &keys, text.len());
    if !too_long.is_empty() {
        return (vec![], refuse(too_long));
    }
    // Entries that others `crossref` (a proceedings volume) are not papers of their own.
    let targets: HashSet<String> = bib
        .iter()
        .filter_map(|e| e.fields.get("crossref").map(|c| latex::plain(c)))
        .collect();
    let mut pubs = vec![];
    let mut diags = lenient;
    diags.extend(errors::field_warnings(file, text, &raw, &keys));
    let mut relative: Vec<(String, Range<usize>)> = vec![];
    for entry in bib.iter().filter(|e| !targets.contains(&e.key)) {
        let at = keys.get(&entry.key).cloned().unwrap_or(0..0);
        let converted = convert::convert(file, text, entry, at.clone(), base);
        diags.extend(converted.diagnostics);
        relative.extend(converted.relative);
        if let Some(mut p) = converted.publication {
            let exclude_at = entry
                .fields
                .get("exclude")
                .and_then(|c| Some(c.first()?.span.start..c.last()?.span.end));
            p.origin = Origin::Bib(BibSource {
                file: file.to_string(),
                text: text.clone(),
                range: at,
                exclude_at,
            });
            pubs.push(p);
        }
    }
    diags.extend(errors::relative_links(file, text, relative));
    (pubs, errors::group_no_authors(diags))
}
