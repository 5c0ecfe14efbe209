//! BibTeX and BibLaTeX files as a source of publications.
//!
//! The files named in `bibliography` are parsed by the `biblatex` crate (the parser behind
//! Typst's own bibliographies), which resolves `@string` abbreviations, `crossref`, month
//! macros, accents such as `{\"u}` and `--` dashes. What it leaves (formatting commands like
//! `\emph{}`, protective braces, math) is turned into plain text here, so titles print as a
//! reader expects. Each entry becomes a [`Publication`]; entries then merge with the
//! profile's own `[[publications]]`, which win field by field.

use std::collections::HashMap;
use std::ops::Range;
use std::path::Path;
use std::sync::Arc;

use biblatex::{Bibliography, Chunk, ChunksExt, EntryType, RawBibliography, Spanned};

use crate::diag::{Diagnostic, did_you_mean};
use crate::profile::{BibSource, Date, KeyPath, Links, Origin, Profile, Publication, Spans};

/// Reads every file of `p.bibliography` and merges its entries into `p.publications`.
///
/// `display` and `text` are the profile's, for messages about the `bibliography` key; paths
/// are relative to the profile's folder.
pub fn attach(p: &mut Profile, display: &str, text: &Arc<str>, spans: &Spans) -> Vec<Diagnostic> {
    for (i, e) in p.publications.iter_mut().enumerate() {
        e.origin = Origin::Profile(i);
    }
    let mut diags = vec![];
    let base = Path::new(display).parent().unwrap_or(Path::new(""));
    let mut from_bib = vec![];
    for (i, name) in p.bibliography.iter().enumerate() {
        let at = spans
            .find(&KeyPath::key("bibliography").i(i))
            .or_else(|| spans.find(&KeyPath::key("bibliography")))
            .unwrap_or(0..0);
        let path = base.join(name);
        crate::render::world::note_read(&path);
        match read(&path, name) {
            Ok((src, warning)) => {
                let shown = path.display().to_string();
                let src: Arc<str> = src.into();
                if let Some(w) = warning {
                    diags.push(w.at(&shown, &src, 0..0));
                }
                // The parser is not ours: should it ever panic, that is one error, not a crash.
                match std::panic::catch_unwind(|| parse(&shown, &src)) {
                    Ok((pubs, d)) => {
                        from_bib.extend(pubs);
                        diags.extend(d);
                    }
                    Err(_) => diags.push(
                        Diagnostic::error(format!("the BibTeX parser failed on `{name}`"))
                            .hint("this is a bug: please report it with the file; meanwhile, look for unusual LaTeX in the entry you changed last")
                            .at(display, text, at.clone()),
                    ),
                }
            }
            Err(d) => diags.push(d.at(display, text, at)),
        }
    }
    if diags.iter().any(Diagnostic::is_error) {
        return diags;
    }
    diags.extend(merge(p, from_bib, display, text, spans));
    diags.extend(check_authors(p, display, text, spans));
    diags
}

/// Bibliography files larger than this are refused.
const MAX_BIB_BYTES: u64 = crate::load::MAX_PROFILE_BYTES;

/// Reads a .bib file as text; a file that is not UTF-8 is read as Latin-1, with a warning.
fn read(path: &Path, name: &str) -> Result<(String, Option<Diagnostic>), Diagnostic> {
    let meta = std::fs::metadata(path).map_err(|e| {
        if e.kind() == std::io::ErrorKind::NotFound {
            let dir = path.parent().unwrap_or(Path::new("."));
            let siblings: Vec<String> = std::fs::read_dir(if dir.as_os_str().is_empty() {
                Path::new(".")
            } else {
                dir
            })
            .map(|rd| {
                rd.filter_map(Result::ok)
                    .map(|e| e.file_name().to_string_lossy().into_owned())
                    .filter(|n| n.ends_with(".bib"))
                    .collect()
            })
            .unwrap_or_default();
            let file = path.file_name().map(|f| f.to_string_lossy().into_owned()).unwrap_or_default();
            let d = Diagnostic::error(format!("the bibliography file `{name}` does not exist"));
            match did_you_mean(&file, siblings.iter().map(String::as_str).filter(|s| *s != file)) {
                Some(best) => d.hint(format!("did you mean `{best}`?")),
                None => d.hint(format!(
                    "paths in `bibliography` are relative to the profile's folder; vita looked for `{}`",
                    path.display()
                )),
            }
        } else {
            Diagnostic::error(format!("cannot read the bibliography file `{name}`: {e}"))
                .hint("check that the path is right and that the file is readable")
        }
    })?;
    if !meta.is_file() {
        return Err(
            Diagnostic::error(format!("the bibliography `{name}` is not a file"))
                .hint("name a .bib file, such as `bibliography = [\"pubs.bib\"]`"),
        );
    }
    if meta.len() > MAX_BIB_BYTES {
        return Err(Diagnostic::error(format!(
            "the bibliography file `{name}` is {} MiB; vita reads at most {} MiB",
            meta.len() / (1024 * 1024),
            MAX_BIB_BYTES / (1024 * 1024)
        ))
        .hint("check that this is the right file"));
    }
    let bytes = std::fs::read(path).map_err(|e| {
        Diagnostic::error(format!("cannot read the bibliography file `{name}`: {e}"))
            .hint("check that the file is readable")
    })?;
    Ok(match String::from_utf8(bytes) {
        Ok(s) => (
            s.strip_prefix('\u{feff}').map(str::to_string).unwrap_or(s),
            None,
        ),
        Err(e) => (
            e.as_bytes().iter().map(|&b| char::from(b)).collect(),
            Some(
                Diagnostic::warning(format!("`{name}` is not UTF-8; it was read as Latin-1"))
                    .hint("save it as UTF-8 so that every character is read as you wrote it"),
            ),
        ),
    })
}

/// Parses one .bib file's text into publications; `file` names it in messages.
pub fn parse(file: &str, text: &Arc<str>) -> (Vec<Publication>, Vec<Diagnostic>) {
    let err = |range: Range<usize>, msg: String, hint: &str| {
        Diagnostic::error(msg).hint(hint).at(file, text, range)
    };
    // `\o{}` is a common way to write ø, which the parser reads as an empty overlay accent;
    // `{\o}` means the same and is the same length, so every offset stays true.
    // `\\` (a line break) is a space in a list entry: two spaces, the same length.
    let fixed = text.replace("\\o{}", "{\\o}").replace("\\\\", "  ");
    let raw = match RawBibliography::parse(&fixed) {
        Ok(raw) => raw,
        Err(e) => return (vec![], vec![parse_error(file, text, &e)]),
    };
    let unsafe_input = guard(&fixed, &raw);
    if !unsafe_input.is_empty() {
        return (
            vec![],
            unsafe_input
                .into_iter()
                .map(|(range, msg, hint)| err(range, msg, &hint))
                .collect(),
        );
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
            // Report every broken entry, not only the first: try each on its own.
            let mut diags = vec![];
            let mut seen: HashMap<&str, usize> = HashMap::new();
            for e in &raw.entries {
                if let Some(first) = seen.insert(e.v.key.v, e.span.start) {
                    let line = text[..first].matches('\n').count() + 1;
                    diags.push(err(
                        e.v.key.span.clone(),
                        format!(
                            "the citation key `{}` is used twice in this file",
                            e.v.key.v
                        ),
                        &format!("the first is on line {line}: rename or delete one of them"),
                    ));
                    continue;
                }
                let one = RawBibliography {
                    preamble: String::new(),
                    entries: vec![e.clone()],
                    abbreviations: raw.abbreviations.clone(),
                };
                if let Err(pe) = Bibliography::from_raw(one) {
                    diags.push(parse_error(file, text, &pe));
                }
            }
            return (vec![], diags);
        }
    };
    // Entries that others `crossref` (a proceedings volume) are not papers of their own.
    let targets: Vec<String> = bib
        .iter()
        .filter_map(|e| e.fields.get("crossref").map(|c| plain(c)))
        .collect();
    let mut pubs = vec![];
    let mut diags = vec![];
    let warn = |range: Range<usize>, msg: String, hint: &str| {
        Diagnostic::warning(msg).hint(hint).at(file, text, range)
    };
    for e in &raw.entries {
        // A field given twice: BibTeX keeps one and says so; so does vita.
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
    for entry in bib.iter().filter(|e| !targets.contains(&e.key)) {
        let at = keys.get(&entry.key).cloned().unwrap_or(0..0);
        let mut conv = Convert {
            file,
            text,
            entry,
            at: at.clone(),
            diags: vec![],
        };
        let publication = conv.publication();
        diags.append(&mut conv.diags);
        if let Some(mut p) = publication {
            p.origin = Origin::Bib(BibSource {
                file: file.to_string(),
                text: text.clone(),
                range: at,
            });
            pubs.push(p);
        }
    }
    (pubs, diags)
}

/// How deep braces may nest in a .bib file; real files stay below 10.
const MAX_BRACE_DEPTH: usize = 64;

/// Finds what would send the parser into endless or very deep recursion: braces nested
/// absurdly deep, `@string`s defined through each other in a loop, entries that `crossref`
/// or `xdata` each other in a loop. Each problem comes with its span, message and hint.
fn guard(text: &str, raw: &RawBibliography) -> Vec<(Range<usize>, String, String)> {
    let mut out = vec![];
    let mut depth = 0usize;
    let mut prev = ' ';
    for (i, c) in text.char_indices() {
        match c {
            '{' if prev != '\\' => {
                depth += 1;
                if depth > MAX_BRACE_DEPTH {
                    out.push((
                        i..i + 1,
                        format!("braces are nested more than {MAX_BRACE_DEPTH} deep here"),
                        "check that every `{` is closed where it should be".to_string(),
                    ));
                    return out;
                }
            }
            '}' if prev != '\\' => depth = depth.saturating_sub(1),
            '@' => depth = 0,
            _ => {}
        }
        prev = c;
    }
    // `@string` definitions that use each other.
    let strings: HashMap<&str, (Range<usize>, Vec<&str>)> = raw
        .abbreviations
        .iter()
        .map(|p| {
            let uses = p
                .value
                .v
                .iter()
                .filter_map(|c| match c.v {
                    biblatex::RawChunk::Abbreviation(a) => Some(a),
                    _ => None,
                })
                .collect();
            (p.key.v, (p.key.span.clone(), uses))
        })
        .collect();
    if let Some((cycle, span)) = find_cycle(&strings) {
        out.push((
            span,
            format!(
                "the @string `{}` is defined through itself: {}",
                cycle[0],
                cycle.join(" → ")
            ),
            "define it with text in braces, such as `@string{name = {Full Name}}`".to_string(),
        ));
    }
    // Entries that `crossref` or `xdata` each other.
    let links: HashMap<&str, (Range<usize>, Vec<&str>)> = raw
        .entries
        .iter()
        .map(|e| {
            let uses =
                e.v.fields
                    .iter()
                    .filter(|f| {
                        f.key.v.eq_ignore_ascii_case("crossref")
                            || f.key.v.eq_ignore_ascii_case("xdata")
                    })
                    .flat_map(|f| f.value.v.iter())
                    .filter_map(|c| match c.v {
                        biblatex::RawChunk::Normal(s) => Some(s),
                        _ => None,
                    })
                    .flat_map(|s| s.split(','))
                    .map(str::trim)
                    .filter(|s| !s.is_empty())
                    .collect();
            (e.v.key.v, (e.v.key.span.clone(), uses))
        })
        .collect();
    if let Some((cycle, span)) = find_cycle(&links) {
        out.push((
            span,
            format!(
                "the entry `{}` refers to itself through `crossref` or `xdata`: {}",
                cycle[0],
                cycle.join(" → ")
            ),
            "a `crossref` names another entry, such as the proceedings volume: break the loop"
                .to_string(),
        ));
    }
    out
}

/// A loop in a graph of names, as the names along it (first repeated at the end), with the
/// span of the first; the search is iterative, so a long chain cannot exhaust the stack.
fn find_cycle<'a>(
    graph: &HashMap<&'a str, (Range<usize>, Vec<&'a str>)>,
) -> Option<(Vec<&'a str>, Range<usize>)> {
    // 0 = not seen, 1 = on the current path, 2 = done.
    let mut state: HashMap<&str, u8> = HashMap::new();
    let mut names: Vec<&str> = graph.keys().copied().collect();
    names.sort_unstable();
    for start in names {
        if state.get(start).copied().unwrap_or(0) != 0 {
            continue;
        }
        let mut path: Vec<(&str, usize)> = vec![(start, 0)];
        state.insert(start, 1);
        while let Some(&mut (node, ref mut next)) = path.last_mut() {
            let edges = graph.get(node).map(|(_, e)| e.as_slice()).unwrap_or(&[]);
            if let Some(&to) = edges.get(*next) {
                *next += 1;
                match state.get(to).copied().unwrap_or(0) {
                    0 if graph.contains_key(to) => {
                        state.insert(to, 1);
                        path.push((to, 0));
                    }
                    1 => {
                        let from = path.iter().position(|(n, _)| *n == to).unwrap_or(0);
                        let mut cycle: Vec<&str> = path[from..].iter().map(|(n, _)| *n).collect();
                        cycle.push(to);
                        let span = graph.get(to).map(|(s, _)| s.clone()).unwrap_or(0..0);
                        return Some((cycle, span));
                    }
                    _ => {}
                }
            } else {
                state.insert(node, 2);
                path.pop();
            }
        }
    }
    None
}

/// A parse error of the biblatex crate as a diagnostic in the user's words.
fn parse_error(file: &str, text: &Arc<str>, e: &biblatex::ParseError) -> Diagnostic {
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

/// Converts one parsed entry, collecting problems with its fields.
struct Convert<'a> {
    file: &'a str,
    text: &'a Arc<str>,
    entry: &'a biblatex::Entry,
    /// The citation key's span.
    at: Range<usize>,
    diags: Vec<Diagnostic>,
}

impl Convert<'_> {
    /// A field as plain text with its span, when present and not empty.
    fn field(&self, name: &str) -> Option<(String, Range<usize>)> {
        let chunks = self.entry.fields.get(name)?;
        let s = plain(chunks);
        // A field inherited through `crossref` has no place of its own: point at the entry.
        let span = chunks.span();
        let span = if span.end <= self.text.len() {
            span
        } else {
            self.at.clone()
        };
        (!s.is_empty()).then_some((s, span))
    }

    fn text(&self, name: &str) -> Option<String> {
        self.field(name).map(|(s, _)| s)
    }

    fn problem(&mut self, range: Range<usize>, msg: String, hint: &str) {
        self.diags.push(
            Diagnostic::error(msg)
                .hint(hint)
                .at(self.file, self.text, range),
        );
    }

    fn publication(&mut self) -> Option<Publication> {
        let key = self.entry.key.clone();
        let title = self.text("title");
        if title.is_none() {
            self.problem(
                self.at.clone(),
                format!("the entry `{key}` has no title"),
                "add `title = {...}`: a publication is listed by its title",
            );
        }
        let mut p = Publication {
            id: Some(key.clone()),
            title: title.unwrap_or_default(),
            authors: self.authors(),
            ..Publication::default()
        };
        self.kind_and_venue(&mut p);
        p.venue_short = self
            .text("venue_short")
            .or_else(|| self.text("shortjournal"))
            .or_else(|| self.text("shortbooktitle"));
        p.volume = self.text("volume").filter(|v| !v.starts_with("abs/"));
        p.issue = self.text("number").or_else(|| self.text("issue"));
        p.pages = self.text("pages");
        p.date = self.date();
        let doi_field = self.field("doi");
        p.doi = doi_field.as_ref().map(|(d, _)| {
            let d = d.trim();
            [
                "https://doi.org/",
                "http://doi.org/",
                "https://dx.doi.org/",
                "http://dx.doi.org/",
                "doi:",
            ]
            .iter()
            .find_map(|pre| d.strip_prefix(pre))
            .unwrap_or(d)
            .to_string()
        });
        if let (Some(doi), Some((raw, range))) = (&p.doi, doi_field)
            && !crate::profile::validate_ids::doi_ok(doi)
        {
            self.problem(
                range,
                format!("`doi` of `{key}` is not a DOI: `{raw}`"),
                "a DOI looks like `10.1109/ICCV48922.2021.01615`",
            );
            p.doi = None;
        }
        if p.arxiv.is_none() {
            p.arxiv = self.arxiv();
        }
        if let Some(id) = &p.arxiv
            && !crate::profile::validate_ids::arxiv_ok(id)
        {
            let range = self.field("eprint").map_or(self.at.clone(), |(_, r)| r);
            self.problem(
                range,
                format!("`eprint` of `{key}` is not an arXiv identifier: `{id}`"),
                "write the identifier alone, such as `2007.08745`",
            );
            p.arxiv = None;
        }
        if p.authors.is_empty() {
            self.diags.push(
                Diagnostic::warning(format!("the entry `{key}` has no authors"))
                    .hint("add `author = {Family, Given and ...}`; if the entry has one, check the quotes and braces before it")
                    .at(self.file, self.text, self.at.clone()),
            );
        }
        p.links = self.links(&p);
        p.category = self.text("category");
        p.award = self.text("award");
        p.presentation = self.text("presentation");
        p.acceptance = self.text("acceptance");
        p.note = self.text("note").or_else(|| self.text("addendum"));
        if let Some((c, range)) = self.field("citations") {
            match c.trim().parse::<u32>() {
                Ok(n) => p.citations = Some(n),
                Err(_) => self.problem(
                    range,
                    format!("`citations` of `{key}` is not a number: `{c}`"),
                    "write the count alone, such as `citations = {120}`",
                ),
            }
        }
        p.selected = self.flag("selected")
            || self.text("keywords").is_some_and(|k| {
                k.split([',', ';'])
                    .any(|w| w.trim().eq_ignore_ascii_case("selected"))
            });
        if let Some((ex, range)) = self.field("exclude") {
            for d in ex
                .split([',', ';'])
                .map(str::trim)
                .filter(|d| !d.is_empty())
            {
                if matches!(d, "resume" | "cv") {
                    p.exclude.push(d.to_string());
                } else {
                    self.problem(
                        range.clone(),
                        format!("`exclude` of `{key}` names `{d}`, which is not a document"),
                        "the documents are `resume` and `cv`",
                    );
                }
            }
        }
        self.marks(&mut p.authors, "equal", '*');
        self.marks(&mut p.authors, "corresponding", '†');
        (!p.title.is_empty()).then_some(p)
    }

    /// `selected = {true}` and the like.
    fn flag(&mut self, name: &str) -> bool {
        let Some((v, range)) = self.field(name) else {
            return false;
        };
        match v.trim().to_ascii_lowercase().as_str() {
            "true" | "yes" | "1" => true,
            "false" | "no" | "0" => false,
            _ => {
                self.problem(
                    range,
                    format!(
                        "`{name}` of `{}` is neither true nor false: `{v}`",
                        self.entry.key
                    ),
                    &format!("write `{name} = {{true}}` or leave the field out"),
                );
                false
            }
        }
    }

    /// The authors (or, for an edited book without authors, the editors), as printed.
    fn authors(&mut self) -> Vec<String> {
        let field = if self.entry.fields.contains_key("author") {
            "author"
        } else {
            "editor"
        };
        let Some(chunks) = self.entry.fields.get(field) else {
            return vec![];
        };
        let mut out = vec![];
        let span = chunks.span();
        for person in split_names(chunks) {
            let commas: usize = person
                .iter()
                .filter(|c| matches!(c.v, Chunk::Normal(_)))
                .map(|c| c.v.get().matches(',').count())
                .sum();
            if commas > 2 {
                let written: String = person.iter().map(|c| c.v.get()).collect();
                let range = if span.end <= self.text.len() {
                    span.clone()
                } else {
                    self.at.clone()
                };
                self.diags.push(
                    Diagnostic::warning(format!(
                        "`{field}` of `{}` has a name with {commas} commas: `{}`",
                        self.entry.key,
                        written.trim()
                    ))
                    .hint("separate names with `and`: `Li, Yiming and Xia, Shu-Tao`")
                    .at(self.file, self.text, range),
                );
            }
            let p = biblatex::Person::parse(&person);
            if p.name.trim() == "others" && p.given_name.is_empty() {
                out.push(crate::names::ET_AL.to_string());
                continue;
            }
            let mut marks = String::new();
            let parts: Vec<String> = [&p.given_name, &p.prefix, &p.name]
                .into_iter()
                .map(|s| {
                    let (name, m) = crate::names::split_marks(s);
                    marks.push_str(&m);
                    clean(name)
                })
                .filter(|s| !s.is_empty())
                .collect();
            let mut name = parts.join(" ");
            let suffix = clean(crate::names::split_marks(&p.suffix).0);
            if !suffix.is_empty() {
                name = format!("{name}, {suffix}");
            }
            if !name.is_empty() {
                out.push(name + &marks);
            }
        }
        out
    }

    /// Marks authors by position: `equal = {1,2}` puts `*` after the first two.
    fn marks(&mut self, authors: &mut [String], field: &str, mark: char) {
        let Some((v, range)) = self.field(field) else {
            return;
        };
        for pos in v.split([',', ';', ' ']).filter(|s| !s.is_empty()) {
            match pos.parse::<usize>() {
                Ok(n) if (1..=authors.len()).contains(&n) => {
                    if !authors[n - 1].contains(mark) {
                        authors[n - 1].push(mark);
                    }
                }
                _ => {
                    let hint = format!(
                        "list author positions, 1 to {}, such as `{field} = {{1,2}}`",
                        authors.len()
                    );
                    self.problem(
                        range.clone(),
                        format!(
                            "`{field}` of `{}` has `{pos}`, which is not an author's position",
                            self.entry.key
                        ),
                        &hint,
                    );
                }
            }
        }
    }

    /// What kind of work the entry is, and where it appeared.
    fn kind_and_venue(&mut self, p: &mut Publication) {
        let t = &self.entry.entry_type;
        let journal = self.text("journaltitle").or_else(|| self.text("journal"));
        let booktitle = self.text("booktitle");
        let arxivish = |s: &Option<String>| {
            s.as_deref().is_some_and(|s| {
                let s = s.to_ascii_lowercase();
                s.contains("arxiv") || s == "corr"
            })
        };
        let (kind, venue) = match t {
            EntryType::Article if arxivish(&journal) => {
                ("preprint", Some("arXiv preprint".to_string()))
            }
            EntryType::Article | EntryType::Periodical => ("journal", journal),
            EntryType::InProceedings | EntryType::Proceedings => {
                let workshop = booktitle
                    .as_deref()
                    .is_some_and(|b| b.to_ascii_lowercase().contains("workshop"));
                (if workshop { "workshop" } else { "conference" }, booktitle)
            }
            EntryType::PhdThesis | EntryType::MastersThesis | EntryType::Thesis => {
                let what = match t {
                    EntryType::PhdThesis => Some("Ph.D. thesis".to_string()),
                    EntryType::MastersThesis => Some("Master's thesis".to_string()),
                    _ => self.text("type"),
                };
                let school = self.text("school").or_else(|| self.text("institution"));
                let venue = [what, school]
                    .into_iter()
                    .flatten()
                    .collect::<Vec<_>>()
                    .join(", ");
                ("thesis", Some(venue).filter(|v| !v.is_empty()))
            }
            EntryType::InCollection | EntryType::InBook => ("chapter", booktitle),
            EntryType::Book | EntryType::MvBook | EntryType::Collection => {
                ("book", self.text("publisher"))
            }
            _ => {
                let arxiv = self.arxiv().is_some()
                    || arxivish(&self.text("howpublished"))
                    || arxivish(&self.text("publisher"))
                    || arxivish(&journal);
                if arxiv {
                    ("preprint", Some("arXiv preprint".to_string()))
                } else {
                    let venue = journal
                        .or(booktitle)
                        .or_else(|| self.text("howpublished"))
                        .or_else(|| self.text("institution"))
                        .or_else(|| self.text("organization"))
                        .or_else(|| self.text("publisher"));
                    ("other", venue)
                }
            }
        };
        p.kind = Some(kind.to_string());
        p.venue = venue.filter(|v| !v.trim().is_empty());
    }

    /// The arXiv identifier, from `eprint` or from an arXiv address or venue text.
    fn arxiv(&self) -> Option<String> {
        let prefix = self
            .text("eprinttype")
            .or_else(|| self.text("archiveprefix"))
            .unwrap_or_default()
            .to_ascii_lowercase();
        if let Some(e) = self.text("eprint") {
            let id = e
                .trim()
                .trim_start_matches("arXiv:")
                .trim_start_matches("arxiv:");
            if prefix == "arxiv" || crate::profile::validate_ids::arxiv_new_style(id) {
                return Some(id.to_string());
            }
        }
        for field in [
            "url",
            "journal",
            "journaltitle",
            "volume",
            "howpublished",
            "note",
        ] {
            if let Some(v) = self.text(field)
                && let Some(id) = find_arxiv(&v)
            {
                return Some(id);
            }
        }
        None
    }

    /// `date` (ISO, or a range whose start is taken) or `year` with `month`.
    fn date(&mut self) -> Option<Date> {
        let key = self.entry.key.clone();
        if let Some((d, range)) = self.field("date") {
            let start = d.split('/').next().unwrap_or("").trim();
            let start = start.get(..10.min(start.len())).unwrap_or(start);
            return match Date::parse(start) {
                Ok(Date::Present) | Err(_) => {
                    self.problem(
                        range,
                        format!("`date` of `{key}` is not a date: `{d}`"),
                        "write `date = {2021-07-15}`, `{2021-07}` or `{2021}`, or use `year` and `month`",
                    );
                    None
                }
                Ok(date) => Some(date),
            };
        }
        let (y, range) = self.field("year")?;
        let Some(year) = y
            .trim()
            .parse::<u32>()
            .ok()
            .filter(|y| (1000..=9999).contains(y))
        else {
            self.problem(
                range,
                format!("`year` of `{key}` is not a year: `{y}`"),
                "write four digits, such as `year = 2021`",
            );
            return None;
        };
        let month = match self.field("month") {
            Some((m, range)) => match month_number(&m) {
                Some(n) => Some(n),
                None => {
                    self.problem(
                        range,
                        format!("`month` of `{key}` is not a month: `{m}`"),
                        "write the month as `jul`, `{July}` or `7`",
                    );
                    None
                }
            },
            None => None,
        };
        Date::from_parts(year, month, None).ok()
    }

    /// Links from `url` and the vita fields `pdf`, `code`, `slides`, `video`, `poster`,
    /// `project`.
    fn links(&mut self, p: &Publication) -> Links {
        let mut out = vec![];
        for label in ["pdf", "code", "slides", "video", "poster", "project"] {
            if let Some((url, range)) = self.field(label) {
                if is_web(&url) {
                    out.push((label.to_string(), url));
                } else {
                    self.problem(
                        range,
                        format!(
                            "`{label}` of `{}` is not a web address: `{url}`",
                            self.entry.key
                        ),
                        "write the full address, starting with `https://`",
                    );
                }
            }
        }
        if let Some(url) = self.text("url") {
            let dup = url.contains("doi.org/") && p.doi.is_some()
                || url.contains("arxiv.org/") && p.arxiv.is_some();
            let label = if url.to_ascii_lowercase().ends_with(".pdf") {
                "pdf"
            } else {
                "link"
            };
            if !is_web(&url) {
                let range = self.field("url").map_or(self.at.clone(), |(_, r)| r);
                self.diags.push(
                    Diagnostic::warning(format!(
                        "`url` of `{}` is not a web address, so it is left out: `{url}`",
                        self.entry.key
                    ))
                    .hint("write the full address, starting with `https://`")
                    .at(self.file, self.text, range),
                );
            } else if !dup && !out.iter().any(|(l, _)| l == label) {
                out.push((label.to_string(), url));
            }
        }
        Links(out)
    }
}

fn is_web(url: &str) -> bool {
    (url.starts_with("https://") || url.starts_with("http://"))
        && !url.chars().any(char::is_whitespace)
}

/// Finds an arXiv identifier in text like `arXiv preprint arXiv:2007.08745`, `abs/2007.08745`
/// or `https://arxiv.org/abs/2007.08745v2`.
fn find_arxiv(s: &str) -> Option<String> {
    let lower = s.to_ascii_lowercase();
    for marker in ["arxiv.org/abs/", "arxiv.org/pdf/", "arxiv:", "abs/"] {
        if let Some(i) = lower.find(marker) {
            let rest = &s[i + marker.len()..];
            let id: String = rest
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '.')
                .collect();
            let id = id
                .trim_end_matches(".pdf")
                .trim_end_matches('.')
                .to_string();
            if crate::profile::validate_ids::arxiv_new_style(&id) {
                return Some(id);
            }
        }
    }
    None
}

/// `7`, `07`, `jul`, `July` (what biblatex makes of the `jul` macro) -> 7.
fn month_number(m: &str) -> Option<u32> {
    let m = m.trim().trim_end_matches('.');
    if let Ok(n) = m.parse::<u32>() {
        return (1..=12).contains(&n).then_some(n);
    }
    const NAMES: [&str; 12] = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    let m = m.to_lowercase();
    if m.len() < 3 {
        return None;
    }
    NAMES
        .iter()
        .position(|n| n.starts_with(&m) || (m == "sept" && *n == "september"))
        .map(|i| i as u32 + 1)
}

/// Splits a name list at the word `and` outside braces, keeping spans; empty names (from
/// `and and`, or a trailing `and`) are dropped.
fn split_names(chunks: &[Spanned<Chunk>]) -> Vec<Vec<Spanned<Chunk>>> {
    let mut out: Vec<Vec<Spanned<Chunk>>> = vec![vec![]];
    for c in chunks {
        match &c.v {
            Chunk::Normal(s) => {
                let mut current = String::new();
                for word in s.split_inclusive(char::is_whitespace) {
                    if word.trim().eq_ignore_ascii_case("and")
                        && (word.ends_with(char::is_whitespace)
                            || current.ends_with(char::is_whitespace)
                            || current.is_empty())
                    {
                        if !current.trim().is_empty() {
                            out.last_mut().unwrap().push(Spanned::new(
                                Chunk::Normal(std::mem::take(&mut current)),
                                c.span.clone(),
                            ));
                        }
                        current.clear();
                        out.push(vec![]);
                    } else {
                        current.push_str(word);
                    }
                }
                if !current.trim().is_empty() {
                    out.last_mut()
                        .unwrap()
                        .push(Spanned::new(Chunk::Normal(current), c.span.clone()));
                }
            }
            _ => out.last_mut().unwrap().push(c.clone()),
        }
    }
    out.retain(|p| {
        p.iter()
            .any(|c| !c.v.get().trim().is_empty() && c.v.get().trim() != ",")
    });
    out
}

/// A field's chunks as plain text: verbatim and normal text alike, math made readable.
fn plain(chunks: &[Spanned<Chunk>]) -> String {
    let mut s = String::new();
    for c in chunks {
        match &c.v {
            Chunk::Normal(t) | Chunk::Verbatim(t) => s.push_str(t),
            Chunk::Math(m) => s.push_str(&math(m)),
        }
    }
    clean(&s)
}

/// The letters of a command's name, after its backslash (`\emph{` -> `emph`).
fn command_name(chars: &mut std::iter::Peekable<std::str::Chars>) -> String {
    let mut name = String::new();
    while let Some(&n) = chars.peek().filter(|c| c.is_ascii_alphabetic()) {
        name.push(n);
        chars.next();
    }
    name
}

/// What the biblatex crate leaves of LaTeX, made plain: `\emph{Deep}` -> `Deep`, unknown
/// commands dropped, stray braces removed, `~` a no-break space, white space collapsed.
pub fn clean(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                // A command: its name is dropped, its braced argument (if any) kept.
                let name = command_name(&mut chars);
                if name.is_empty() {
                    // Spacing commands (`\,` a thin space), or an escaped character.
                    match chars.next() {
                        Some(',') => {
                            out.push('\u{2009}');
                            if chars.peek() == Some(&' ') {
                                chars.next();
                            }
                        }
                        Some(';' | ':' | ' ') | None => out.push(' '),
                        Some('!' | '/' | '-') => {}
                        Some(other) => out.push(other),
                    }
                    continue;
                }
                let symbol = match name.as_str() {
                    "ldots" => Some("…"),
                    "textdegree" => Some("°"),
                    "textmu" => Some("µ"),
                    "textpm" => Some("±"),
                    "texttimes" => Some("×"),
                    "textperthousand" => Some("‰"),
                    "j" => Some("ȷ"),
                    _ => None,
                };
                if let Some(sym) = symbol {
                    out.push_str(sym);
                }
                if name == "href" && chars.peek() == Some(&'{') {
                    // `\href{address}{text}` prints the text alone.
                    let mut depth = 0;
                    for c in chars.by_ref() {
                        match c {
                            '{' => depth += 1,
                            '}' => {
                                depth -= 1;
                                if depth == 0 {
                                    break;
                                }
                            }
                            _ => {}
                        }
                    }
                } else if chars.peek() == Some(&' ') && !out.is_empty() {
                    // `\foo bar`: the space ends the command name; keep one.
                    chars.next();
                    out.push(' ');
                }
            }
            '{' | '}' => {}
            '~' => out.push('\u{a0}'),
            c if c.is_whitespace() => {
                if !out.ends_with(' ') && !out.is_empty() {
                    out.push(' ');
                }
            }
            // Control characters and bidirectional overrides would corrupt the page (and
            // what follows on the line): they are dropped.
            c if c.is_control()
                || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}') => {}
            c => out.push(c),
        }
    }
    out.trim().to_string()
}

/// Inline math as plain text: `\ell_p` -> `ℓp`, `\alpha` -> `α`.
fn math(m: &str) -> String {
    const SYMBOLS: &[(&str, &str)] = &[
        ("alpha", "α"),
        ("beta", "β"),
        ("gamma", "γ"),
        ("delta", "δ"),
        ("epsilon", "ε"),
        ("varepsilon", "ε"),
        ("zeta", "ζ"),
        ("eta", "η"),
        ("theta", "θ"),
        ("kappa", "κ"),
        ("lambda", "λ"),
        ("mu", "μ"),
        ("nu", "ν"),
        ("xi", "ξ"),
        ("pi", "π"),
        ("rho", "ρ"),
        ("sigma", "σ"),
        ("tau", "τ"),
        ("phi", "φ"),
        ("varphi", "φ"),
        ("chi", "χ"),
        ("psi", "ψ"),
        ("omega", "ω"),
        ("Gamma", "Γ"),
        ("Delta", "Δ"),
        ("Theta", "Θ"),
        ("Lambda", "Λ"),
        ("Pi", "Π"),
        ("Sigma", "Σ"),
        ("Phi", "Φ"),
        ("Psi", "Ψ"),
        ("Omega", "Ω"),
        ("ell", "ℓ"),
        ("infty", "∞"),
        ("times", "×"),
        ("cdot", "·"),
        ("leq", "≤"),
        ("le", "≤"),
        ("geq", "≥"),
        ("ge", "≥"),
        ("neq", "≠"),
        ("pm", "±"),
        ("approx", "≈"),
        ("sim", "∼"),
        ("in", "∈"),
        ("to", "→"),
        ("rightarrow", "→"),
        ("leftarrow", "←"),
        ("partial", "∂"),
        ("nabla", "∇"),
        ("sum", "∑"),
        ("prod", "∏"),
        ("sqrt", "√"),
        ("log", "log"),
        ("exp", "exp"),
    ];
    let mut out = String::new();
    let mut chars = m.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                let name = command_name(&mut chars);
                if let Some((_, sym)) = SYMBOLS.iter().find(|(n, _)| *n == name) {
                    out.push_str(sym);
                } else if name.is_empty() {
                    if let Some(n) = chars.next() {
                        out.push(n);
                    }
                }
                // Font commands (`\mathcal`, `\mathbf`) are dropped; their argument stays.
            }
            '_' | '^' | '{' | '}' => {}
            c => out.push(c),
        }
    }
    out
}

/// A title reduced for comparison: lowercase letters and digits only, no diacritics.
fn title_key(title: &str) -> String {
    // Letters, digits and symbols count (`C++` is not `C#`); case, spaces, punctuation and
    // diacritics do not.
    let key: String = crate::names::fold(title)
        .chars()
        .filter(|c| !c.is_whitespace() && !".,:;!?'\"()[]{}-–—‘’“”".contains(*c))
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
fn merge(
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
        } else if let Some(&i) = by_title.get(&title).filter(|_| !title.is_empty()) {
            Some(format!(
                "`{id}` has the same title as `{}` ({}); only the first is listed",
                name(i),
                place(&bib[i])
            ))
        } else {
            None
        };
        if let Some(msg) = same {
            let d = Diagnostic::warning(msg)
                .hint("delete one of the two entries, or give one of them another key");
            diags.push(locate(d, &e, "title", display, text, spans));
            continue;
        }
        let i = bib.len();
        by_id.insert(id, i);
        if let Some(d) = doi {
            by_doi.insert(d, i);
        }
        if !title.is_empty() {
            by_title.insert(title, i);
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
fn check_authors(p: &Profile, display: &str, text: &Arc<str>, spans: &Spans) -> Vec<Diagnostic> {
    if p.person.name.trim().is_empty() {
        return vec![];
    }
    let me = p.person.own_name();
    p.publications
        .iter()
        .filter(|e| !e.authors.is_empty() && !e.authors.iter().any(|a| me.is_me(a)))
        .map(|e| {
            let what = match &e.origin {
                Origin::Profile(i) => format!("`publications[{}]`", i + 1),
                _ => format!("`{}`", e.id.as_deref().unwrap_or("")),
            };
            let d = Diagnostic::warning(format!(
                "{what} (\"{}\") does not list `{}` among its authors",
                e.title, p.person.name
            ))
            .hint("add the spelling used there to `person.aliases`, such as `\"Y. Li\"`");
            locate(d, e, "authors", display, text, spans)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(src: &str) -> Publication {
        let (mut pubs, diags) = parse("t.bib", &Arc::from(src));
        assert!(!diags.iter().any(Diagnostic::is_error), "{diags:#?}");
        assert_eq!(pubs.len(), 1);
        pubs.remove(0)
    }

    fn errors(src: &str) -> Vec<String> {
        let (_, diags) = parse("t.bib", &Arc::from(src));
        diags
            .iter()
            .filter(|d| d.is_error())
            .map(|d| {
                let (l, c) = d.location.as_ref().unwrap().line_col();
                format!("t.bib:{l}:{c}: {}", d.message)
            })
            .collect()
    }

    #[test]
    fn accents_braces_and_commands_print_plainly() {
        let p = one(r#"@article{k,
  title = {{DNN}s for {M}{\"u}ller's \emph{Caf\'e} -- a \textit{Study} of $\ell_p$~Norms},
  author = {M{\"u}ller, J{\"u}rgen and Fran{\c{c}}ois, Ren\'e and {\O}stergaard, S\o{}ren},
  journal = {Journal of {AI}},
  year = 2020,
  pages = {1--18},
}"#);
        assert_eq!(p.title, "DNNs for Müller's Café – a Study of ℓp\u{a0}Norms");
        assert_eq!(
            p.authors,
            ["Jürgen Müller", "René François", "Søren Østergaard"]
        );
        assert_eq!(p.venue.as_deref(), Some("Journal of AI"));
        assert_eq!(p.pages.as_deref(), Some("1–18"));
        assert_eq!(p.kind.as_deref(), Some("journal"));
    }

    #[test]
    fn others_and_corporate_authors() {
        let p = one(
            r#"@inproceedings{k, title = {T}, booktitle = {Proc. of the {IEEE} Workshop on X},
  author = {{Tencent AI Lab} and Li, Yiming and others}, year = {2021}, month = jul}"#,
        );
        assert_eq!(
            p.authors,
            ["Tencent AI Lab", "Yiming Li", crate::names::ET_AL]
        );
        assert_eq!(p.kind.as_deref(), Some("workshop"));
        assert_eq!(p.date.unwrap().iso(), "2021-07");
    }

    #[test]
    fn arxiv_misc_entries_are_preprints() {
        let p = one(
            r#"@misc{k, title = {Backdoor Learning: A Survey}, author = {Li, Yiming},
  year = {2020}, eprint = {2007.08745}, archivePrefix = {arXiv}, primaryClass = {cs.CR}}"#,
        );
        assert_eq!(p.kind.as_deref(), Some("preprint"));
        assert_eq!(p.arxiv.as_deref(), Some("2007.08745"));
        assert_eq!(p.venue.as_deref(), Some("arXiv preprint"));
        let p = one(r#"@article{k, title = {T}, author = {A, B}, year = 2020,
  journal = {arXiv preprint arXiv:2003.06974}}"#);
        assert_eq!(p.kind.as_deref(), Some("preprint"));
        assert_eq!(p.arxiv.as_deref(), Some("2003.06974"));
        let p = one(r#"@article{k, title = {T}, author = {A, B}, year = 2020,
  journal = {CoRR}, volume = {abs/2003.06974}}"#);
        assert_eq!(p.arxiv.as_deref(), Some("2003.06974"));
        assert_eq!(p.volume, None);
    }

    #[test]
    fn missing_fields_are_fine_but_a_title_is_needed() {
        let p = one("@misc{k, title = {Only a title}}");
        assert!(p.authors.is_empty() && p.date.is_none() && p.venue.is_none());
        assert_eq!(
            errors("@misc{k,\n  author = {A, B}}"),
            ["t.bib:1:7: the entry `k` has no title"]
        );
    }

    #[test]
    fn month_names_and_iso_dates() {
        for (fields, iso) in [
            ("year = 2021, month = {September}", "2021-09"),
            ("year = 2021, month = sep", "2021-09"),
            ("year = 2021, month = {9}", "2021-09"),
            ("date = {2021-09-29}", "2021-09-29"),
            ("date = {2021-09/2021-10}", "2021-09"),
        ] {
            let p = one(&format!("@article{{k, title = {{T}}, {fields}}}"));
            assert_eq!(p.date.unwrap().iso(), iso, "{fields}");
        }
    }

    #[test]
    fn broken_entries_point_at_their_line() {
        let src = "@article{a, title = {A}, year = 2020}\n\n@article{b,\n  title = {B},\n  year = {20x1},\n}\n@article{c, title = {C}, month = {Smarch}, year = 2020}\n";
        assert_eq!(
            errors(src),
            [
                "t.bib:5:11: `year` of `b` is not a year: `20x1`",
                "t.bib:7:35: `month` of `c` is not a month: `Smarch`",
            ]
        );
        // A syntax error: an unclosed brace runs to the end of the file.
        let errs = errors(
            "@article{a, title = {A}, year = 2020}\n@article{b,\n  title = {B,\n  year = 2021}\n",
        );
        assert_eq!(errs, ["t.bib:5:1: expected comma here"]);
        let errs = errors("@article{a, title = {A}, year = 2020}\n@article{b,\n  title = {B\n");
        assert_eq!(errs, ["t.bib:4:1: the file ends inside an entry"]);
        let errs = errors("@article{a, title = {A}}\n@article{a, title = {B}}\n");
        assert_eq!(
            errs,
            ["t.bib:2:10: the citation key `a` is used twice in this file"]
        );
        let errs = errors("@article{a, title = {A}, journal = tpami}\n");
        assert_eq!(errs, ["t.bib:1:36: `tpami` is not defined"]);
    }

    #[test]
    fn vita_fields_in_the_bib() {
        let p = one(
            r#"@inproceedings{k, title = {T}, author = {Li, Yiming and Zhu, Linghui and Cao, X.},
  booktitle = {ICML Workshop on Adversarial Machine Learning}, year = 2021,
  category = {Data Privacy}, award = {Best Paper Award}, presentation = {Oral},
  keywords = {backdoor, selected}, equal = {1,2}, corresponding = {3},
  code = {https://github.com/x/y}, slides = {https://x.org/s.pdf}, citations = {42},
  doi = {https://doi.org/10.1/abc}, url = {https://doi.org/10.1/abc}, exclude = {resume}}"#,
        );
        assert_eq!(p.authors, ["Yiming Li*", "Linghui Zhu*", "X. Cao†"]);
        assert_eq!(p.category.as_deref(), Some("Data Privacy"));
        assert_eq!(p.award.as_deref(), Some("Best Paper Award"));
        assert_eq!(p.presentation.as_deref(), Some("Oral"));
        assert!(p.selected);
        assert_eq!(p.citations, Some(42));
        assert_eq!(p.doi.as_deref(), Some("10.1/abc"));
        assert_eq!(p.exclude, ["resume"]);
        let labels: Vec<&str> = p.links.0.iter().map(|(l, _)| l.as_str()).collect();
        assert_eq!(labels, ["code", "slides"]);
        let errs = errors("@article{k, title = {T}, author = {A, B}, equal = {1,3}}");
        assert_eq!(errs.len(), 1);
        assert!(
            errs[0].contains("`3`, which is not an author's position"),
            "{errs:?}"
        );
    }

    #[test]
    fn marks_written_on_names_move_to_the_end() {
        let p = one("@article{k, title = {T}, author = {Li, Yiming* and Jiang, Yong\\textdagger}}");
        assert_eq!(p.authors, ["Yiming Li*", "Yong Jiang†"]);
    }

    #[test]
    fn crossref_and_strings_resolve() {
        let (pubs, diags) = parse(
            "t.bib",
            &Arc::from(
                r#"@string{iccv = {International Conference on Computer Vision}}
@inproceedings{k, title = {T}, booktitle = iccv # { (ICCV)}, year = 2021}
@proceedings{p21, title = {Proceedings of the Workshop}, year = 2021}
@inproceedings{w, title = {W}, crossref = {p21}}"#,
            ),
        );
        assert!(!diags.iter().any(Diagnostic::is_error), "{diags:?}");
        assert_eq!(
            pubs[0].venue.as_deref(),
            Some("International Conference on Computer Vision (ICCV)")
        );
        // The proceedings volume is only there to be referred to: it is not a paper.
        let titles: Vec<&str> = pubs.iter().map(|p| p.title.as_str()).collect();
        assert_eq!(titles, ["T", "W"]);
        assert_eq!(
            pubs[1].venue.as_deref(),
            Some("Proceedings of the Workshop")
        );
        assert_eq!(pubs[1].date.unwrap().iso(), "2021");
    }

    #[test]
    fn loops_and_absurd_nesting_are_errors_not_crashes() {
        let errs =
            errors("@inproceedings{a, title={T}, author={Li, Yiming}, crossref={a}, year=2020}\n");
        assert_eq!(
            errs,
            ["t.bib:1:16: the entry `a` refers to itself through `crossref` or `xdata`: a → a"]
        );
        let errs = errors("@string{x = y}\n@string{y = x}\n@article{a, title={T}, journal = x}\n");
        assert_eq!(errs.len(), 1, "{errs:?}");
        assert!(errs[0].contains("is defined through itself: "), "{errs:?}");
        let errs = errors(
            "@xdata{d, xdata={e}}\n@xdata{e, xdata={d}}\n@article{a, title={T}, xdata={d}}\n",
        );
        assert_eq!(errs.len(), 1, "{errs:?}");
        let deep = format!(
            "@article{{a, title={}x{}}}\n",
            "{".repeat(5000),
            "}".repeat(5000)
        );
        let errs = errors(&deep);
        assert_eq!(
            errs,
            ["t.bib:1:82: braces are nested more than 64 deep here"]
        );
    }

    #[test]
    fn latex_spacing_links_and_line_breaks() {
        let p = one(
            r"@misc{k, title = {A\\B 10\,000 \href{https://x.org}{Linked} Text\ldots{} 5\textdegree{}C}, author = {A, B}}",
        );
        assert_eq!(p.title, "A B 10\u{2009}000 Linked Text… 5°C");
        let p = one("@misc{k, title = {Bidi\u{202e}Text and \u{1b}[31mred}, author = {A, B}}");
        assert_eq!(p.title, "BidiText and [31mred");
    }

    #[test]
    fn broken_author_lists_keep_the_names_apart() {
        let p = one("@misc{k, title = {T}, author = {Li, Yiming and and Doe, John and}}");
        assert_eq!(p.authors, ["Yiming Li", "John Doe"]);
        let p = one("@misc{k, title = {T}, author = {Anderson, Sandra and Andrew Land}}");
        assert_eq!(p.authors, ["Sandra Anderson", "Andrew Land"]);
        let (_, diags) = parse(
            "t.bib",
            &Arc::from("@misc{k, title = {T}, author = {A, B, C, D and E, F}}"),
        );
        assert!(
            diags
                .iter()
                .any(|d| !d.is_error() && d.message.contains("a name with 3 commas")),
            "{diags:?}"
        );
    }

    #[test]
    fn bad_identifiers_in_the_bib_are_errors() {
        let errs = errors("@misc{k, title = {T}, author = {A, B}, doi = {not a doi}}");
        assert_eq!(errs, ["t.bib:1:47: `doi` of `k` is not a DOI: `not a doi`"]);
        let errs = errors(
            "@misc{k, title = {T}, author = {A, B}, eprint = {nope}, archivePrefix = {arXiv}}",
        );
        assert_eq!(
            errs,
            ["t.bib:1:50: `eprint` of `k` is not an arXiv identifier: `nope`"]
        );
        let errs = errors("@article(k, title = {T})");
        assert_eq!(errs.len(), 1);
        let (_, diags) = parse("t.bib", &Arc::from("@article(k, title = {T})"));
        assert!(
            diags[0].hints[0].contains("instead of `@article(key"),
            "{diags:?}"
        );
    }

    #[test]
    fn titles_that_differ_in_symbols_are_different_papers() {
        assert_ne!(title_key("Learning in C++"), title_key("Learning in C#"));
        assert_eq!(
            title_key("Backdoor Learning: A Survey"),
            title_key("backdoor learning -- a survey")
        );
        assert_eq!(title_key("Über Café"), title_key("uber cafe"));
        assert_eq!(title_key("???"), "");
        assert_eq!(title_key("Go"), "");
    }

    #[test]
    fn repeated_fields_and_dangling_crossrefs_are_pointed_out() {
        let (_, diags) = parse(
            "t.bib",
            &Arc::from(
                "@article{k, title = {A}, author = {A, B},\n  title = {B}, crossref = {nowhere}}",
            ),
        );
        let msgs: Vec<String> = diags
            .iter()
            .map(|d| {
                let (l, c) = d.location.as_ref().unwrap().line_col();
                format!("{l}:{c} {}", d.message)
            })
            .collect();
        assert_eq!(
            msgs,
            [
                "2:3 `title` is given twice in `k`; the last one is used",
                "2:28 `k` has `crossref = {nowhere}`, but no entry has that key",
            ]
        );
        assert!(diags.iter().all(|d| !d.is_error()));
    }
}
