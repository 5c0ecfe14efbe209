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

/// Every syntax error of a file the parser could not read (its first is `first`): each
/// block is read on its own, and an entry left open is taken to end where the next line
/// starting with `@` begins, so that one missing brace is one error and the entries after
/// it are still checked.
pub(super) fn syntax_errors(
    file: &str,
    text: &Arc<str>,
    fixed: &str,
    blocks: &[super::scan::Block],
    first: &biblatex::ParseError,
) -> Vec<Diagnostic> {
    let mut diags = vec![];
    for b in blocks
        .iter()
        .filter(|b| !matches!(b.kind.as_str(), "comment" | "preamble"))
    {
        let mut starts = vec![b.span.start];
        if !b.closed {
            // Lines inside that start a block of their own.
            let inside = &fixed[b.span.clone()];
            let mut at = 0;
            while let Some(i) = inside[at..].find("\n@") {
                let start = at + i + 1;
                let word = &inside[start + 1..];
                let name_len = word
                    .find(|c: char| !c.is_ascii_alphabetic())
                    .unwrap_or(word.len());
                if name_len > 0 && word[name_len..].trim_start().starts_with('{') {
                    starts.push(b.span.start + start);
                }
                at = start;
            }
        }
        for (n, &start) in starts.iter().enumerate() {
            let end = starts.get(n + 1).copied().unwrap_or(b.span.end);
            let left_open = n + 1 < starts.len() || !b.closed;
            let segment = &fixed[start..end];
            let kind_len = 1 + segment[1..]
                .find(|c: char| !c.is_ascii_alphanumeric())
                .unwrap_or(segment.len() - 1);
            match RawBibliography::parse(segment) {
                Ok(_) => {}
                // Whatever the parser met after it, the brace left open is the cause.
                Err(_) if left_open => {
                    let next = if n + 1 < starts.len() {
                        "before the next entry starts"
                    } else {
                        "before the file ends"
                    };
                    diags.push(
                        Diagnostic::error(format!(
                            "this `{}` entry is not closed {next}",
                            &segment[..kind_len]
                        ))
                        .hint("a `{` or `\"` is left open in it, or its closing `}` is missing")
                        .at(file, text, start..start + kind_len),
                    );
                }
                Err(mut e) => {
                    e.span = e.span.start + start..e.span.end + start;
                    diags.push(parse_error(file, text, &e));
                }
            }
        }
    }
    if diags.is_empty() {
        diags.push(parse_error(file, text, first));
    }
    diags
}

/// `@string` abbreviations used but not defined: BibTeX warns and reads them as empty;
/// vita warns and prints the word itself, so nothing is silently lost. One defined in
/// another case (`@string{JMLR = ...}`, used as `jmlr`) is the same abbreviation, as in
/// BibTeX. The three-letter month names are the parser's own.
pub(super) fn undefined_abbreviations<'s>(
    file: &str,
    text: &Arc<str>,
    raw: &mut RawBibliography<'s>,
) -> Vec<Diagnostic> {
    use biblatex::{Pair, RawChunk, Spanned};
    const MONTHS: [&str; 12] = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    let defined: HashMap<&'s str, usize> = raw
        .abbreviations
        .iter()
        .enumerate()
        .map(|(i, p)| (p.key.v, i))
        .collect();
    let mut by_lower: HashMap<String, usize> = HashMap::new();
    for (i, p) in raw.abbreviations.iter().enumerate() {
        by_lower.entry(p.key.v.to_lowercase()).or_insert(i);
    }
    let mut added: Vec<Pair<'s>> = vec![];
    let mut named: HashMap<&'s str, ()> = HashMap::new();
    let mut diags = vec![];
    let uses = raw
        .entries
        .iter()
        .flat_map(|e| e.v.fields.iter().map(move |f| (Some(e.v.key.v), f)))
        .chain(raw.abbreviations.iter().map(|f| (None, f)));
    for (key, field) in uses {
        for c in &field.value.v {
            let RawChunk::Abbreviation(name) = c.v else {
                continue;
            };
            if defined.contains_key(name)
                || MONTHS.contains(&name.to_lowercase().as_str())
                || named.contains_key(name)
            {
                continue;
            }
            named.insert(name, ());
            if let Some(&i) = by_lower.get(&name.to_lowercase()) {
                let value = raw.abbreviations[i].value.clone();
                added.push(Pair::new(Spanned::new(name, c.span.clone()), value));
                continue;
            }
            let whose = key.map_or_else(String::new, |k| format!(" (in `{k}`)"));
            diags.push(
                Diagnostic::warning(format!(
                    "`{name}`{whose} is not defined as an `@string`, so it is printed as the word `{name}`"
                ))
                .hint(format!(
                    "put text in braces, `{{{name}}}`, or define it: `@string{{{name} = {{...}}}}`"
                ))
                .lenient()
                .at(file, text, c.span.clone()),
            );
            added.push(Pair::new(
                Spanned::new(name, c.span.clone()),
                Spanned::new(
                    vec![Spanned::new(RawChunk::Normal(name), c.span.clone())],
                    c.span.clone(),
                ),
            ));
        }
    }
    raw.abbreviations.extend(added);
    // A file written to go with another (a list of `@string`s kept apart) uses hundreds:
    // one warning names them all, with their lines.
    const ALONE: usize = 3;
    if diags.len() > ALONE {
        let line = |d: &Diagnostic| d.location.as_ref().map_or(0, |l| l.line_col().0);
        let named: Vec<String> = diags
            .iter()
            .map(|d| {
                let word = d.message.split('`').nth(1).unwrap_or("");
                format!("`{word}` (line {})", line(d))
            })
            .collect();
        let first = diags.swap_remove(0);
        let n = named.len();
        const SHOWN: usize = 20;
        let mut named = named;
        if n > SHOWN {
            let more = n - SHOWN;
            named.truncate(SHOWN);
            named.push(format!("and {more} more"));
        }
        let mut d = Diagnostic::warning(format!(
            "{n} abbreviations are used but not defined as `@string`s, so each is printed as its word: {}",
            named.join(", ")
        ))
        .hint("define them in this file (`@string{name = {...}}`): vita reads each .bib file on its own, so a file of `@string`s kept apart does not define them here")
        .lenient();
        d.location = first.location;
        return vec![d];
    }
    diags
}

/// A citation key used twice in one file: the first entry is kept, as biber does, and the
/// later ones are named in a warning and left out.
pub(super) fn duplicate_keys(
    file: &str,
    text: &Arc<str>,
    raw: &mut RawBibliography,
) -> Vec<Diagnostic> {
    let mut diags = vec![];
    let mut seen: HashMap<String, usize> = HashMap::new();
    raw.entries.retain(|e| {
        let key = e.v.key.v.to_string();
        match seen.get(&key) {
            None => {
                seen.insert(key, e.span.start);
                true
            }
            Some(&first) => {
                let line = text[..first.min(text.len())].matches('\n').count() + 1;
                diags.push(
                    Diagnostic::warning(format!(
                        "the citation key `{key}` is used twice in this file, so this entry is left out"
                    ))
                    .hint(format!(
                        "the first, on line {line}, is kept: rename or delete one of them"
                    ))
                    .lenient()
                    .at(file, text, e.v.key.span.clone()),
                );
                false
            }
        }
    });
    diags
}

/// One warning per link field that held file names (al-folio's `pdf = {paper.pdf}`) left
/// out for want of a base address, naming the line of each.
pub(super) fn relative_links(
    file: &str,
    text: &Arc<str>,
    relative: Vec<(String, Range<usize>)>,
) -> Vec<Diagnostic> {
    let mut by_field: Vec<(String, Vec<Range<usize>>)> = vec![];
    for (field, range) in relative {
        match by_field.iter_mut().find(|(f, _)| *f == field) {
            Some((_, ranges)) => ranges.push(range),
            None => by_field.push((field, vec![range])),
        }
    }
    by_field
        .into_iter()
        .map(|(field, ranges)| {
            let line = |r: &Range<usize>| text[..r.start.min(text.len())].matches('\n').count() + 1;
            let n = ranges.len();
            let lines: Vec<String> = ranges.iter().map(|r| line(r).to_string()).collect();
            let msg = if n == 1 {
                format!("`{field}` names a file, not a web address, so its link is left out")
            } else {
                format!(
                    "`{field}` of {n} entries names a file, not a web address, so those links are left out (lines {})",
                    lines.join(", ")
                )
            };
            Diagnostic::warning(msg)
                .hint("to link them, give the address they are served from in the profile: `bibliography_base_url = \"https://you.github.io/assets/pdf/\"` (al-folio serves them from `assets/pdf/`)")
                .lenient()
                .at(file, text, ranges[0].clone())
        })
        .collect()
}

/// The "has no authors" warnings of a file as one when there are more than a few (a file
/// of proceedings volumes has no authors at all), naming each entry's line.
pub(super) fn group_no_authors(diags: Vec<Diagnostic>) -> Vec<Diagnostic> {
    const ALONE: usize = 3;
    let is = |d: &Diagnostic| !d.is_error() && d.message.ends_with("has no authors");
    let n = diags.iter().filter(|d| is(d)).count();
    if n <= ALONE {
        return diags;
    }
    let (none, mut rest): (Vec<Diagnostic>, Vec<Diagnostic>) = diags.into_iter().partition(is);
    let named: Vec<String> = none
        .iter()
        .take(20)
        .map(|d| {
            let key = d.message.split('`').nth(1).unwrap_or("");
            let line = d.location.as_ref().map_or(0, |l| l.line_col().0);
            format!("`{key}` (line {line})")
        })
        .collect();
    let more = if n > 20 {
        format!(" and {} more", n - 20)
    } else {
        String::new()
    };
    let mut d = Diagnostic::warning(format!(
        "{n} entries have no authors: {}{more}",
        named.join(", ")
    ))
    .hint("add `author = {Family, Given and ...}`; if an entry has one, check the quotes and braces before it");
    d.location = none[0].location.clone();
    rest.push(d);
    rest
}
