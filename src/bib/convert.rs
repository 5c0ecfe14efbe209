//! One parsed .bib entry as a [`Publication`]: its fields read as plain text, its type and
//! venue from the entry type, identifiers normalised, and vita's own fields (`selected`,
//! `equal`, `code`, ...) understood, every problem a diagnostic at its field.

use std::ops::Range;
use std::sync::Arc;

use biblatex::{Chunk, ChunksExt, EntryType};

use super::latex::{as_written, clean, plain};
use super::read_as::{find_arxiv, is_file_name, month_in, person_of, split_names, year_in};
use crate::diag::Diagnostic;
use crate::ids;
use crate::profile::{Date, Links, PubType, Publication};

/// Converts one entry whose citation key is at `at`; the publication is `None` when the
/// entry has no title. `file` and `text` are the .bib file's.
pub(super) fn convert(
    file: &str,
    text: &Arc<str>,
    entry: &biblatex::Entry,
    at: Range<usize>,
    base: Option<&str>,
) -> Converted {
    let mut conv = Convert {
        file,
        text,
        entry,
        at,
        base,
        diags: vec![],
        relative: vec![],
    };
    let publication = conv.publication();
    Converted {
        publication,
        diagnostics: conv.diags,
        relative: conv.relative,
    }
}

/// One entry converted.
pub(super) struct Converted {
    /// `None` when the entry has no title.
    pub publication: Option<Publication>,
    pub diagnostics: Vec<Diagnostic>,
    /// Link fields left out because they name a file and no base address is set.
    pub relative: Vec<(String, Range<usize>)>,
}

/// Converts one parsed entry, collecting problems with its fields.
struct Convert<'a> {
    file: &'a str,
    text: &'a Arc<str>,
    entry: &'a biblatex::Entry,
    /// The citation key's span.
    at: Range<usize>,
    /// Where relative file names in link fields are read from (`bibliography_base_url`).
    base: Option<&'a str>,
    diags: Vec<Diagnostic>,
    /// Link fields that hold a file name, left out for want of a base address: the field
    /// and its span, for one warning per file.
    relative: Vec<(String, Range<usize>)>,
}

impl Convert<'_> {
    /// A field as plain text with its span, when present and not empty.
    fn field(&self, name: &str) -> Option<(String, Range<usize>)> {
        let chunks = self.entry.fields.get(name)?;
        // A field inherited through `crossref` has no place of its own: point at the entry.
        let span = chunks.span();
        let span = if span.end <= self.text.len() {
            span
        } else {
            self.at.clone()
        };
        let s = as_written(name, self.text.get(span.clone()), plain(chunks));
        (!s.is_empty()).then_some((s, span))
    }

    fn text(&self, name: &str) -> Option<String> {
        self.field(name).map(|(s, _)| s)
    }

    /// A field vita cannot use, or reads another way than written: a warning (as biber
    /// gives), never an error; `--strict` makes it one.
    fn problem(&mut self, range: Range<usize>, msg: String, hint: &str) {
        self.diags.push(
            Diagnostic::warning(msg)
                .hint(hint)
                .lenient()
                .at(self.file, self.text, range),
        );
    }

    fn publication(&mut self) -> Option<Publication> {
        let key = self.entry.key.clone();
        let title = self.text("title");
        if title.is_none() {
            self.problem(
                self.at.clone(),
                format!("the entry `{key}` has no title, so it is left out"),
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
        // `abbr` is al-folio's badge (`ICML`).
        p.venue_short = self
            .text("venue_short")
            .or_else(|| self.text("shortjournal"))
            .or_else(|| self.text("shortbooktitle"))
            .or_else(|| self.text("abbr"));
        p.volume = self.text("volume").filter(|v| !v.starts_with("abs/"));
        p.issue = self.text("number").or_else(|| self.text("issue"));
        p.pages = self.text("pages");
        p.date = self.date();
        let mut arxiv_in_doi = None;
        if let Some((raw, range)) = self.field("doi") {
            p.doi = ids::doi(&raw);
            if p.doi.is_none() {
                // An arXiv identifier or address where the DOI goes is read as what it is.
                arxiv_in_doi = ids::arxiv(&raw).or_else(|| find_arxiv(&raw));
                if arxiv_in_doi.is_none() {
                    self.problem(
                        range,
                        format!("`doi` of `{key}` is not a DOI, so it is left out: `{raw}`"),
                        "a DOI looks like `10.1109/ICCV48922.2021.01615`",
                    );
                }
            }
        }
        if let Some(id) = self.arxiv().or(arxiv_in_doi) {
            p.arxiv = ids::arxiv(&id);
            if p.arxiv.is_none() {
                let range = self.field("eprint").map_or(self.at.clone(), |(_, r)| r);
                self.problem(
                    range,
                    format!(
                        "`eprint` of `{key}` is not an arXiv identifier, so it is left out: `{id}`"
                    ),
                    "write the identifier alone, such as `2007.08745`",
                );
            }
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
        // al-folio's `award_name` is the badge, its `award` the sentence.
        // Both may hold Markdown, which al-folio renders.
        let md = |s: String| {
            if s.contains(['*', '[', '_', '`']) {
                super::latex::markdown(&s).0
            } else {
                s
            }
        };
        p.award = self
            .text("award")
            .or_else(|| self.text("award_name"))
            .map(md);
        p.presentation = self.text("presentation");
        p.acceptance = self.text("acceptance");
        p.note = self
            .text("note")
            .or_else(|| self.text("addendum"))
            .or_else(|| self.text("annotation"))
            .map(md);
        if let Some((c, range)) = self.field("citations") {
            match c.trim().parse::<u32>() {
                Ok(n) => p.citations = Some(n),
                Err(_) => self.problem(
                    range,
                    format!("`citations` of `{key}` is not a number, so it is left out: `{c}`"),
                    "write the count alone, such as `citations = {120}`",
                ),
            }
        }
        p.selected = self.flag("selected")
            || self.text("keywords").is_some_and(|k| {
                k.split([',', ';'])
                    .any(|w| w.trim().eq_ignore_ascii_case("selected"))
            });
        if let Some((ex, _)) = self.field("exclude") {
            for d in ex
                .split([',', ';'])
                .map(str::trim)
                .filter(|d| !d.is_empty())
            {
                // Checked against the profile's documents once they are all known.
                p.exclude.push(d.to_string());
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
                        "`{name}` of `{}` is neither true nor false, so it is read as false: `{v}`",
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
            // biblatex's extended form (`family=Li, given=Yiming, useprefix=true`) has
            // commas by design.
            let extended = person.iter().any(|c| c.v.get().contains('='));
            if commas > 2 && !extended {
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
            let p = person_of(&person);
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
                            "`{field}` of `{}` has `{pos}`, which is not an author's position, so it is left out",
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
        // The entry type says most; the venue's name, read as the profile's are
        // ([`PubType::from_venue`]), tells a preprint from an article and a workshop paper
        // from a conference paper.
        let says = |s: &Option<String>| s.as_deref().and_then(PubType::from_venue);
        let on_arxiv = |s: &Option<String>| s.as_deref().is_some_and(PubType::venue_is_arxiv);
        let arxiv_preprint = || Some("arXiv preprint".to_string());
        let (kind, venue) = match t {
            EntryType::Article | EntryType::Periodical if on_arxiv(&journal) => {
                (PubType::Preprint, arxiv_preprint())
            }
            EntryType::Article | EntryType::Periodical => match says(&journal) {
                Some(PubType::Preprint) => (PubType::Preprint, journal),
                _ => (PubType::Journal, journal),
            },
            EntryType::InProceedings | EntryType::Proceedings => match says(&booktitle) {
                Some(PubType::Workshop) => (PubType::Workshop, booktitle),
                _ => (PubType::Conference, booktitle),
            },
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
                (PubType::Thesis, Some(venue).filter(|v| !v.is_empty()))
            }
            EntryType::InCollection | EntryType::InBook => (PubType::Chapter, booktitle),
            EntryType::Book | EntryType::MvBook | EntryType::Collection => {
                (PubType::Book, self.text("publisher"))
            }
            _ => {
                let arxiv = self.arxiv().is_some()
                    || on_arxiv(&self.text("howpublished"))
                    || on_arxiv(&self.text("publisher"))
                    || on_arxiv(&journal);
                if arxiv {
                    (PubType::Preprint, arxiv_preprint())
                } else {
                    let venue = journal
                        .or(booktitle)
                        .or_else(|| self.text("howpublished"))
                        .or_else(|| self.text("institution"))
                        .or_else(|| self.text("organization"))
                        .or_else(|| self.text("publisher"));
                    // Of what else a venue's name can say, nothing is sure enough here:
                    // `openreview.net` is no review journal.
                    match says(&venue) {
                        Some(PubType::Preprint) => (PubType::Preprint, venue),
                        _ => (PubType::Other, venue),
                    }
                }
            }
        };
        p.kind = Some(kind.name().to_string());
        // Without its journal or proceedings, a paper's venue is what else names where it
        // appeared: the series (`Proceedings of Machine Learning Research`), the
        // organisation or publisher, or `howpublished`.
        let venue = venue.or_else(|| {
            [
                "series",
                "howpublished",
                "organization",
                "publisher",
                "institution",
            ]
            .into_iter()
            .find_map(|f| self.text(f))
        });
        // `journal = {Physics,}` would print `Physics,, 18(6)`.
        p.venue = venue
            .map(|v| {
                v.trim()
                    .trim_end_matches([',', ';', ':'])
                    .trim_end()
                    .to_string()
            })
            .filter(|v| !v.is_empty());
    }

    /// The arXiv identifier, from `eprint` or from an arXiv address or venue text.
    fn arxiv(&self) -> Option<String> {
        let prefix = self
            .text("eprinttype")
            .or_else(|| self.text("archiveprefix"))
            .unwrap_or_default()
            .to_ascii_lowercase();
        if let Some(e) = self.text("eprint") {
            if prefix == "arxiv" {
                // As written, less its label: checked (and normalised) by the caller.
                let id = e.trim().trim_start_matches("arXiv:");
                return Some(id.trim_start_matches("arxiv:").to_string());
            }
            if let Some(id) = ids::arxiv(&e).filter(|id| ids::arxiv_new_style(id)) {
                return Some(id);
            }
        }
        // al-folio's own field.
        if let Some(id) = self
            .text("arxiv")
            .and_then(|a| ids::arxiv(&a).or_else(|| find_arxiv(&a)))
        {
            return Some(id);
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
            match Date::parse(start) {
                Ok(Date::Present) | Err(_) => {
                    let fallback = if self.field("year").is_some() {
                        "`year` is used instead"
                    } else {
                        "the entry has no date"
                    };
                    self.problem(
                        range,
                        format!("`date` of `{key}` is not a date, so {fallback}: `{d}`"),
                        "write `date = {2021-07-15}`, `{2021-07}` or `{2021}`, or use `year` and `month`",
                    );
                }
                Ok(date) => return Some(date),
            }
        }
        let (y, range) = self.field("year")?;
        let year = match y.trim().parse::<u32>() {
            Ok(y) if (1000..=9999).contains(&y) => y,
            // `2021a`, `{2021 (in press)}`: the year in it, said.
            _ => match year_in(&y) {
                Some(year) => {
                    self.problem(
                        range,
                        format!("`year` of `{key}` is read as {year}: `{y}`"),
                        "write four digits alone, such as `year = 2021`; say more in `note`",
                    );
                    year
                }
                None => {
                    self.problem(
                        range,
                        format!("`year` of `{key}` is not a year, so the entry has no date: `{y}`"),
                        "write four digits, such as `year = 2021`",
                    );
                    return None;
                }
            },
        };
        let month = match self.field("month") {
            // `7`, `jul`, `{July}`, and the days with it that proceedings give:
            // `{18--24 Jul}`, `jul # "~18"`.
            Some((m, range)) => match month_in(&m) {
                Some(n) => Some(n),
                None => {
                    self.problem(
                        range,
                        format!("`month` of `{key}` is not a month, so the date is the year alone: `{m}`"),
                        "write the month as `jul`, `{July}` or `7`",
                    );
                    None
                }
            },
            None => None,
        };
        Date::from_parts(year, month, None).ok()
    }

    /// Links from `url`, the vita fields `pdf`, `code`, `slides`, `video`, `poster`,
    /// `project`, and al-folio's `html`, `supp`, `website` and `blog`. A file name where an
    /// address goes (al-folio's `pdf = {paper.pdf}`) is read against the profile's
    /// `bibliography_base_url`, or left out and counted in [`Convert::relative`].
    fn links(&mut self, p: &Publication) -> Links {
        const FIELDS: &[(&str, &str)] = &[
            ("pdf", "pdf"),
            ("code", "code"),
            ("slides", "slides"),
            ("video", "video"),
            ("poster", "poster"),
            ("project", "project"),
            ("website", "project"),
            ("html", "link"),
            ("supp", "supplement"),
            ("blog", "blog"),
        ];
        let mut out: Vec<(String, String)> = vec![];
        for &(field, label) in FIELDS {
            let Some((url, range)) = self.field(field) else {
                continue;
            };
            if out.iter().any(|(l, _)| l == label) {
                continue;
            }
            if ids::is_web_url(&url) {
                out.push((label.to_string(), url));
            } else if is_file_name(&url) {
                match self.base {
                    Some(base) => out.push((
                        label.to_string(),
                        format!(
                            "{}/{}",
                            base.trim_end_matches('/'),
                            url.trim_start_matches("./").trim_start_matches('/')
                        ),
                    )),
                    None => self.relative.push((field.to_string(), range)),
                }
            } else {
                self.problem(
                    range,
                    format!(
                        "`{field}` of `{}` is not a web address, so it is left out: `{url}`",
                        self.entry.key
                    ),
                    "write the full address, starting with `https://`",
                );
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
            if !ids::is_web_url(&url) {
                let range = self.field("url").map_or(self.at.clone(), |(_, r)| r);
                self.problem(
                    range,
                    format!(
                        "`url` of `{}` is not a web address, so it is left out: `{url}`",
                        self.entry.key
                    ),
                    "write the full address, starting with `https://`",
                );
            } else if !dup && !out.iter().any(|(l, _)| l == label) {
                out.push((label.to_string(), url));
            }
        }
        Links(out)
    }
}
