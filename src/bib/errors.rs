//! What the biblatex parser finds wrong, and what it lets pass that a user should hear about,
//! as diagnostics in the user's words that point into the .bib file.

use std::collections::HashMap;
use std::ops::Range;
use std::sync::Arc;

use biblatex::{Bibliography, RawBibliography};

use crate::diag::Diagnostic;

/// A parse error of the biblatex crate as a diagnostic in the user's words.
pub(super) fn parse_error(file: &str, text: &Arc<str>, e: &biblatex::ParseError) -> Diagnostic {
    use biblatex::ParseErrorKind as K;
    let (msg, hint) = match &e.kind {
        K::UnexpectedEof => (
            "the file ends inside an entry".to_string(),
            "a `{` or `\"` is not closed: check the entry that starts above this line".to_string(),
        ),
        K::Unexpected(t) => (
            format!("unexpected {t} here"),
            "entries look like `@article{key, title = {...}, year = 2021}`: check braces, quotes and commas".to_string(),
        ),
        K::Expected(t) if text[e.span.start.min(text.len())..].starts_with('(') => (
            format!("expected {t} here"),
            "vita reads entries in braces: write `@article{key, ...}` instead of `@article(key, ...)`".to_string(),
        ),
        K::Expected(t) => (
            format!("expected {t} here"),
            "entries look like `@article{key, title = {...}, year = 2021}`: check for a missing comma, or a `{` left open above".to_string(),
        ),
        K::UnknownAbbreviation(a) => (
            format!("`{a}` is not defined"),
            format!("a bare word is an `@string` abbreviation: put text in braces, `{{{a}}}`, or define `@string{{{a} = {{...}}}}`"),
        ),
        K::MalformedCommand => (
            "a LaTeX command here cannot be read".to_string(),
            "write a backslash as `\\textbackslash`, or remove the command".to_string(),
        ),
        K::DuplicateKey(k) => (
            format!("the citation key `{k}` is used twice in this file"),
            "rename or delete one of the entries".to_string(),
        ),
        other => (
            other.to_string(),
            "check the entry's syntax: `@article{key, title = {...}, year = 2021}`".to_string(),
        ),
    };
    let range = if e.span.is_empty() && e.span.end < text.len() {
        e.span.start..e.span.start + 1
    } else {
        e.span.clone()
    };
    Diagnostic::error(msg).hint(hint).at(file, text, range)
}

/// Every broken entry of a file that failed to resolve, not only the first: each entry is
/// tried on its own (with the file's `@string`s), and a citation key used twice is named.
pub(super) fn broken_entries(
    file: &str,
    text: &Arc<str>,
    raw: &RawBibliography,
) -> Vec<Diagnostic> {
    let mut diags = vec![];
    let mut seen: HashMap<&str, usize> = HashMap::new();
    for e in &raw.entries {
        if let Some(first) = seen.insert(e.v.key.v, e.span.start) {
            let line = text[..first].matches('\n').count() + 1;
            diags.push(
                Diagnostic::error(format!(
                    "the citation key `{}` is used twice in this file",
                    e.v.key.v
                ))
                .hint(format!(
                    "the first is on line {line}: rename or delete one of them"
                ))
                .at(file, text, e.v.key.span.clone()),
            );
            continue;
        }
        let one = RawBibliography {
            preamble: String::new(),
            entries: vec![e.clone()],
            abbreviations: raw.abbreviations.clone(),
        };
        if let Err(pe) = Bibliography::from_raw(one) {
            diags.push(match unclosed_math(text, &pe, raw) {
                Some(at) => Diagnostic::error("the math `$` here is not closed")
                    .hint("close the math with a second `$`, or write a dollar sign as `\\$`")
                    .at(file, text, at..at + 1),
                None => parse_error(file, text, &pe),
            });
        }
    }
    diags
}

/// Warnings about what the parser lets pass: a field given twice in an entry (BibTeX keeps
/// one and says so; so does vita), and a `crossref` to a key no entry has. `keys` are the
/// file's citation keys.
pub(super) fn field_warnings(
    file: &str,
    text: &Arc<str>,
    raw: &RawBibliography,
    keys: &HashMap<String, Range<usize>>,
) -> Vec<Diagnostic> {
    let mut diags = vec![];
    let warn = |range: Range<usize>, msg: String, hint: &str| {
        Diagnostic::warning(msg).hint(hint).at(file, text, range)
    };
    for e in &raw.entries {
        let mut names: Vec<String> = vec![];
        for f in &e.v.fields {
            let name = f.key.v.to_ascii_lowercase();
            if names.contains(&name) {
                diags.push(warn(
                    f.key.span.clone(),
                    format!(
                        "`{}` is given twice in `{}`; the last one is used",
                        f.key.v, e.v.key.v
                    ),
                    "delete the one you do not mean",
                ));
            }
            names.push(name);
            if f.key.v.eq_ignore_ascii_case("crossref") {
                for c in &f.value.v {
                    if let biblatex::RawChunk::Normal(target) = c.v
                        && !keys.contains_key(target.trim())
                    {
                        diags.push(warn(
                            c.span.clone(),
                            format!("`{}` has `crossref = {{{}}}`, but no entry has that key", e.v.key.v, target.trim()),
                            "add the entry it refers to (such as the proceedings volume), or remove the `crossref`",
                        ));
                    }
                }
            }
        }
    }
    diags
}

/// Fields whose text, as printed, passes [`MAX_FIELD_BYTES`](super::expand::MAX_FIELD_BYTES)
/// (after `crossref` inheritance and LaTeX made plain), each with its span, message and
/// hint. `keys` are the file's citation keys, `len` its length.
pub(super) fn long_fields(
    bib: &Bibliography,
    keys: &HashMap<String, Range<usize>>,
    len: usize,
) -> Vec<(Range<usize>, String, String)> {
    use biblatex::ChunksExt;
    let max = super::expand::MAX_FIELD_BYTES as usize;
    let mut out = vec![];
    for e in bib.iter() {
        for (name, chunks) in &e.fields {
            let written: usize = chunks.iter().map(|c| c.v.get().len()).sum();
            // Plain text is at most twice as long as the chunks (`~` becomes two bytes).
            if written <= max / 2 {
                continue;
            }
            let size = super::latex::plain(chunks).len();
            if size > max {
                let span = chunks.span();
                let span = if span.end <= len {
                    span
                } else {
                    keys.get(&e.key).cloned().unwrap_or(0..0)
                };
                out.push((
                    span,
                    format!(
                        "`{name}` of `{}` is {} KiB long; vita prints at most {} KiB of a field",
                        e.key,
                        size / 1024,
                        max / 1024
                    ),
                    "shorten it: a publication list shows titles and venues, not whole texts"
                        .to_string(),
                ));
            }
        }
    }
    out
}

/// Where a math `$` that is never closed starts, when that is what the parser's error `e`
/// (the end of a field reached inside math) is about.
fn unclosed_math(text: &str, e: &biblatex::ParseError, raw: &RawBibliography) -> Option<usize> {
    if !matches!(e.kind, biblatex::ParseErrorKind::UnexpectedEof) {
        return None;
    }
    let chunks = raw
        .entries
        .iter()
        .flat_map(|e| e.v.fields.iter())
        .chain(raw.abbreviations.iter())
        .flat_map(|f| f.value.v.iter());
    for c in chunks {
        if !(c.span.start..=c.span.end).contains(&e.span.start) {
            continue;
        }
        let field = text.get(c.span.clone())?;
        let mut open = None;
        let mut chars = field.char_indices();
        while let Some((i, ch)) = chars.next() {
            match ch {
                '\\' => {
                    chars.next();
                }
                '$' => open = if open.is_some() { None } else { Some(i) },
                _ => {}
            }
        }
        if let Some(i) = open {
            return Some(c.span.start + i);
        }
    }
    None
}
