//! `vita sync`: the person's works as ORCID and OpenAlex list them, compared with the .bib
//! file: what is new, what changed (a preprint now published, a DOI added), what only the
//! profile has. `--write` appends the new entries and brings the changes in, but never over
//! what the user wrote by hand.
//!
//! How vita tells: each entry it writes carries a field `vita-synced` with a short hash of
//! every field value it wrote (`vita-synced = {orcid; doi=1a2b3c4d; year=...}`). A field whose
//! value still has its hash is vita's and may be updated; a field without one, or changed
//! since, is the user's and stays. A field the entry lacks may always be added.

mod ids;
mod render;

pub use ids::ids_from_profile;
use ids::{bare_orcid, check_ids};

use std::collections::HashSet;
use std::path::Path;
use std::sync::Arc;

use crate::Failure;
use crate::add::Known;
use crate::bib::edit;
use crate::diag::Diagnostic;
use crate::net::work::{KeyStyle, Kind, Work};
use crate::net::{Client, Fresh, NetError, Source};

/// Where to read the person's works, and what to do.
#[derive(Debug, Default)]
pub struct Options {
    pub orcid: Option<String>,
    pub openalex: Option<String>,
    /// A DBLP person id (`229/8174`) or profile address.
    pub dblp: Option<String>,
    /// Write the changes to the .bib file.
    pub write: bool,
    /// Bring citation counts (OpenAlex's) into `citations`.
    pub citations: bool,
    /// Ask again instead of reading lists cached less than a day ago.
    pub refresh: bool,
}

/// One field a change sets.
#[derive(Debug, Clone, PartialEq)]
pub struct FieldChange {
    pub field: &'static str,
    pub old: Option<String>,
    pub new: String,
    /// Whether vita may write it (absent, or still as vita wrote it); else the user's.
    pub writable: bool,
}

/// An entry of the file that the source describes differently.
#[derive(Debug, Clone)]
pub struct Change {
    pub key: String,
    pub fields: Vec<FieldChange>,
}

/// What a sync found.
#[derive(Debug, Default)]
pub struct Report {
    /// The sources asked, with the number of works each listed.
    pub asked: Vec<(Source, String, usize)>,
    /// Works not in the file, with the key each gets.
    pub new: Vec<(Work, String)>,
    pub changed: Vec<Change>,
    /// Entries of the file no source lists (key, title).
    pub only_here: Vec<(String, String)>,
    /// Works the file has as the source describes them.
    pub same: usize,
    /// Answers read from the cache because the network could not be reached.
    pub offline: bool,
    /// Whether the file was written.
    pub written: bool,
}

/// The person's works from every source named, one per paper, filled in from Crossref (a
/// DOI) or arXiv where the list gives only a summary.
fn works(
    client: &Client,
    opts: &Options,
    report: &mut Report,
    warnings: &mut Vec<Diagnostic>,
) -> Result<Vec<Work>, NetError> {
    let list_fresh = if opts.refresh {
        Fresh::Never
    } else {
        Fresh::For(std::time::Duration::from_secs(24 * 3600))
    };
    let mut all: Vec<Work> = vec![];
    if let Some(orcid) = &opts.orcid {
        let orcid = bare_orcid(orcid);
        let listed = crate::net::orcid::works(client, &orcid, list_fresh)?;
        report.asked.push((Source::Orcid, orcid, listed.len()));
        let total = listed.len();
        let looked_up = listed
            .iter()
            .filter(|w| w.doi.is_some() || w.arxiv.is_some())
            .count();
        let tty = std::io::IsTerminal::is_terminal(&std::io::stderr());
        let mut asked = 0;
        for w in listed {
            if w.doi.is_some() || w.arxiv.is_some() {
                asked += 1;
                // A progress line where someone watches, for lists long enough to wait for.
                if tty && looked_up > 10 {
                    eprint!("\rlooking up the works: {asked}/{looked_up}");
                }
            }
            let full = if let Some(doi) = &w.doi {
                crate::net::crossref::work(client, doi)
            } else if let Some(a) = &w.arxiv {
                crate::net::arxiv::work(client, a)
            } else {
                Ok(w.clone())
            };
            match full {
                Ok(mut f) => {
                    f.arxiv = f.arxiv.or(w.arxiv.clone());
                    f.doi = f.doi.or(w.doi.clone());
                    f.pmid = f.pmid.or(w.pmid.clone());
                    all.push(f);
                }
                Err(e) if e.stops_the_run() => return Err(e),
                Err(e) => {
                    warnings.push(Diagnostic::warning(format!(
                        "“{}”: {}; its ORCID summary is used",
                        w.title,
                        e.diagnostic().message
                    )));
                    all.push(w);
                }
            }
        }
        if tty && looked_up > 10 {
            eprintln!();
        }
        let _ = total;
    }
    if let Some(id) = &opts.openalex {
        let id = bare_orcid(id);
        let tty = std::io::IsTerminal::is_terminal(&std::io::stderr());
        let listed = crate::net::openalex::works(client, &id, list_fresh, &|n| {
            if tty && n > 200 {
                eprint!("\rreading OpenAlex: {n} works");
            }
        })?;
        report.asked.push((Source::Openalex, id, listed.len()));
        // Another source's record of the same paper: its citation count is OpenAlex's.
        merge(&mut all, listed, |known, w| {
            known.citations = w.citations.or(known.citations)
        });
    }
    if let Some(d) = &opts.dblp {
        // Checked before anything was asked.
        let pid = crate::ids::dblp_pid(d).unwrap_or_default();
        let listed = crate::net::dblp::person(client, &pid, list_fresh)?;
        report.asked.push((Source::Dblp, pid, listed.len()));
        // DBLP's own BibTeX is complete (venue, pages, DOI): nothing is looked up. A paper
        // another source listed already is that paper.
        merge(&mut all, listed, |_, _| {});
    }
    let mut all: Vec<Work> = all.into_iter().map(Work::clean).collect();
    // A work still without a title (ORCID's summary had none, and no lookup gave one).
    all.retain(|w| {
        let titled = !w.title.is_empty();
        if !titled {
            warnings.push(Diagnostic::warning(format!(
                "a work listed without a title ({}) was left out: no lookup gave it one",
                w.doi
                    .as_deref()
                    .or(w.arxiv.as_deref())
                    .unwrap_or("no identifier")
            )));
        }
        titled
    });
    if !opts.citations {
        for w in &mut all {
            w.citations = None;
        }
    }
    // A preprint and its published version, listed apart, are one paper: found by DOI, arXiv
    // id or title in hash maps (a record of thousands of works costs no more than reading it).
    let mut out: Vec<Work> = vec![];
    let mut seen: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    let keys = paper_keys;
    for w in all {
        let ks = keys(&w);
        match ks.iter().find_map(|k| seen.get(k).copied()) {
            Some(i) => {
                let o = &mut out[i];
                if published(&w) && !published(o) {
                    let arxiv = o.arxiv.clone();
                    *o = Work {
                        arxiv: w.arxiv.clone().or(arxiv),
                        ..w
                    };
                } else {
                    o.arxiv = o.arxiv.clone().or(w.arxiv);
                    o.doi = o.doi.clone().or(w.doi);
                    o.citations = o.citations.or(w.citations);
                }
                for k in keys(&out[i]) {
                    seen.entry(k).or_insert(i);
                }
            }
            None => {
                for k in ks {
                    seen.entry(k).or_insert(out.len());
                }
                out.push(w);
            }
        }
    }
    Ok(out)
}

/// The works of another list added to `all`, but for those `all` has already (by DOI, arXiv
/// id or title, in a map: thousands of works on each side cost no more than reading them),
/// which `same` may take something from.
fn merge(all: &mut Vec<Work>, listed: Vec<Work>, same: impl Fn(&mut Work, &Work)) {
    let mut index: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    for (i, a) in all.iter().enumerate() {
        for k in paper_keys(a) {
            index.entry(k).or_insert(i);
        }
    }
    for w in listed {
        match paper_keys(&w).iter().find_map(|k| index.get(k).copied()) {
            Some(i) => same(&mut all[i], &w),
            None => {
                for k in paper_keys(&w) {
                    index.entry(k).or_insert(all.len());
                }
                all.push(w);
            }
        }
    }
}

/// What tells a paper: its DOI, arXiv id and title, as keys of one map.
fn paper_keys(w: &Work) -> Vec<String> {
    let mut k = vec![];
    if let Some(d) = &w.doi {
        k.push(format!("doi:{}", d.to_ascii_lowercase()));
    }
    if let Some(a) = &w.arxiv {
        k.push(format!("arxiv:{a}"));
    }
    let t = crate::bib::title_key(&w.title);
    if !t.is_empty() {
        k.push(format!("title:{t}"));
    }
    k
}

fn published(w: &Work) -> bool {
    matches!(
        w.kind,
        Kind::Journal | Kind::Conference | Kind::Chapter | Kind::Book
    ) && w.venue.is_some()
}

/// A venue that says the paper is not yet published.
fn preprint_venue(v: &str) -> bool {
    let v = v.to_ascii_lowercase();
    [
        "arxiv",
        "corr",
        "preprint",
        "biorxiv",
        "medrxiv",
        "ssrn",
        "submitted",
        "under review",
    ]
    .iter()
    .any(|p| v.contains(p))
}

/// The short hash `vita-synced` records for a value.
fn hash(value: &str) -> String {
    use sha2::Digest;
    let norm: String = value.split_whitespace().collect::<Vec<_>>().join(" ");
    sha2::Sha256::digest(norm.as_bytes())[..4]
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// The hashes a `vita-synced` value records, by field.
fn recorded(value: &str) -> Vec<(String, String)> {
    value
        .split(';')
        .filter_map(|part| part.trim().split_once('='))
        .map(|(f, h)| (f.trim().to_string(), h.trim().to_string()))
        .collect()
}

/// Compares the works with the .bib file at `bib`, and with `opts.write` writes the new
/// entries and the changes vita may make.
pub fn sync(
    client: &Client,
    bib: &Path,
    opts: &Options,
) -> Result<(Report, Vec<Diagnostic>), Failure> {
    if opts.orcid.is_none() && opts.openalex.is_none() && opts.dblp.is_none() {
        return Err(Failure::input(vec![Diagnostic::error("no source to read the works from")
            .hint("add `orcid = \"0000-0002-1825-0097\"` (or `openalex = \"A5023888391\"`, or `dblp = \"https://dblp.org/pid/229/8174.html\"`) under `[person]`, or pass `--orcid ID`")]));
    }
    check_ids(opts)?;
    let mut report = Report::default();
    let mut warnings = vec![];
    let works = works(client, opts, &mut report, &mut warnings)
        .map_err(|e| Failure::input(vec![e.diagnostic()]))?;
    report.offline = !client
        .stale
        .lock()
        .unwrap_or_else(|p| p.into_inner())
        .is_empty();

    let name = bib.display().to_string();
    let file = crate::bib::file::BibFile::read(bib)?;
    let old = file.text.clone();
    let text: Arc<str> = old.clone().into();
    let (mut known, pubs) = Known::read(&name, &text);
    let style = KeyStyle::of(&known.keys);
    let mut matched: HashSet<String> = HashSet::new();
    let mut edits: Vec<(String, Vec<FieldChange>)> = vec![];
    for w in &works {
        let Some((key, _)) = known.find(w) else {
            let key = known.key_for(style, w, None);
            known.note(w, &key);
            report.new.push((w.clone(), key));
            continue;
        };
        if !matched.insert(key.clone()) {
            continue;
        }
        let Some(p) = pubs.iter().find(|p| p.id.as_deref() == Some(key.as_str())) else {
            continue;
        };
        let crate::profile::Origin::Bib(src) = &p.origin else {
            continue;
        };
        let Some(span) = edit::entry_span(&text, src.range.clone()) else {
            continue;
        };
        let fields = edit::fields(&text, span.clone());
        let raw = |f: &str| fields.iter().find(|x| x.name == f).map(edit::Field::text);
        let marks = raw("vita-synced").map(|v| recorded(&v)).unwrap_or_default();
        let writable = |f: &str| match raw(f) {
            None => true,
            Some(v) => marks.iter().any(|(name, h)| name == f && *h == hash(&v)),
        };
        let mut changes = vec![];
        let mut want = |field: &'static str, old: Option<String>, new: Option<&String>| {
            if let Some(new) = new
                && old.as_deref().map(|o| o.trim().to_lowercase())
                    != Some(new.trim().to_lowercase())
            {
                changes.push(FieldChange {
                    field,
                    old,
                    new: new.clone(),
                    writable: writable(field),
                });
            }
        };
        let was_preprint = p.venue.as_deref().is_none_or(preprint_venue);
        if p.doi.is_none() {
            want("doi", None, w.doi.as_ref());
        }
        if p.arxiv.is_none() && w.arxiv.is_some() {
            want("eprint", None, w.arxiv.as_ref());
        }
        if published(w) && was_preprint {
            let field = if w.kind == Kind::Journal {
                "journal"
            } else {
                "booktitle"
            };
            want(field, p.venue.clone(), w.venue.as_ref());
            want(
                "year",
                p.year
                    .or_else(|| p.date.as_ref().and_then(crate::profile::Date::year))
                    .map(|y| y.to_string()),
                w.year.map(|y| y.to_string()).as_ref(),
            );
        }
        if p.volume.is_none() {
            want("volume", None, w.volume.as_ref());
        }
        if p.issue.is_none() {
            want("number", None, w.issue.as_ref());
        }
        if p.pages.is_none() {
            want("pages", None, w.pages.as_ref());
        }
        if opts.citations {
            want(
                "citations",
                p.citations.map(|c| c.to_string()),
                w.citations.map(|c| c.to_string()).as_ref(),
            );
        }
        if changes.is_empty() {
            report.same += 1;
        } else {
            report.changed.push(Change {
                key: key.clone(),
                fields: changes.clone(),
            });
            edits.push((key, changes));
        }
    }
    for p in &pubs {
        let key = p.id.clone().unwrap_or_default();
        if !matched.contains(&key) {
            report.only_here.push((key, p.title.clone()));
        }
    }
    if !opts.write
        || (report.new.is_empty() && edits.iter().all(|(_, c)| c.iter().all(|f| !f.writable)))
    {
        return Ok((report, warnings));
    }
    if report.offline {
        return Err(Failure::input(vec![
            Diagnostic::error("offline: some answers came from the cache; nothing was written")
                .hint("run `vita sync --write` again when the network is back"),
        ]));
    }
    // Changes to existing entries: each entry's text changed on its own, then the file put
    // together once, from its unchanged stretches and the changed entries.
    let mut spliced: Vec<(std::ops::Range<usize>, String)> = vec![];
    for (key, changes) in edits {
        let writable: Vec<&FieldChange> = changes.iter().filter(|c| c.writable).collect();
        if writable.is_empty() {
            continue;
        }
        let Some(p) = pubs.iter().find(|p| p.id.as_deref() == Some(key.as_str())) else {
            continue;
        };
        let crate::profile::Origin::Bib(src) = &p.origin else {
            continue;
        };
        let Some(span) = edit::entry_span(&old, src.range.clone()) else {
            continue;
        };
        let mut entry = old[span.clone()].to_string();
        let key_at = src.range.start - span.start;
        let whole =
            |e: &str| edit::entry_span(e, key_at..key_at + 1).expect("the entry was found before");
        let mut marks = edit::fields(&entry, whole(&entry))
            .iter()
            .find(|f| f.name == "vita-synced")
            .map(|f| recorded(&f.text()))
            .unwrap_or_default();
        for c in writable {
            let value = written(c.field, &c.new);
            entry = edit::set(&entry, whole(&entry), c.field, &value);
            marks.retain(|(f, _)| f != c.field);
            marks.push((c.field.to_string(), hash(&value)));
        }
        entry = edit::set(&entry, whole(&entry), "vita-synced", &provenance(&marks));
        spliced.push((span, entry));
    }
    spliced.sort_by_key(|(r, _)| r.start);
    let mut new_text = String::with_capacity(old.len() + 1024);
    let mut at = 0;
    for (r, entry) in &spliced {
        new_text.push_str(&old[at..r.start]);
        new_text.push_str(entry);
        at = r.end;
    }
    new_text.push_str(&old[at..]);
    // New entries at the end, each with the record of what vita wrote, each read back alone.
    let newline = if old.contains("\r\n") { "\r\n" } else { "\n" };
    let mut refused = vec![];
    for (w, key) in &report.new {
        let entry = w.bibtex(key);
        if let Err(why) = crate::net::work::reads_back(&entry) {
            refused.push(key.clone());
            warnings.push(Diagnostic::warning(format!(
                "“{}” cannot be written as a .bib entry ({why}); it was left out",
                w.title
            )));
            continue;
        }
        let key_at = entry.find('{').map_or(0, |i| i + 1);
        let marked = match edit::entry_span(&entry, key_at..key_at + 1) {
            Some(span) => {
                let marks: Vec<(String, String)> = edit::fields(&entry, span.clone())
                    .iter()
                    .map(|f| (f.name.clone(), hash(&f.text())))
                    .collect();
                edit::set(&entry, span, "vita-synced", &provenance(&marks))
            }
            None => entry,
        };
        if !new_text.is_empty() && !new_text.ends_with('\n') {
            new_text.push_str(newline);
        }
        new_text.push_str(newline);
        new_text.push_str(&marked);
    }
    report.new.retain(|(_, k)| !refused.contains(k));
    // A file with CRLF line ends keeps them in what vita wrote too.
    if newline == "\r\n" {
        new_text = new_text.replace("\r\n", "\n").replace('\n', "\r\n");
    }
    let check: Arc<str> = new_text.clone().into();
    let (_, diags) = crate::bib::parse(&name, &check, None);
    if let Some(d) = diags.iter().find(|d| d.is_error()) {
        return Err(Failure::other(
            Diagnostic::error(format!(
                "the synced `{name}` does not read back ({}); nothing was written",
                d.message
            ))
            .hint("this is a bug in vita: please report it"),
        ));
    }
    file.write(&new_text)?;
    report.written = true;
    Ok((report, warnings))
}

/// A value as vita writes it into a field: identifiers as they are (BibLaTeX reads `doi`
/// and `eprint` verbatim), page ranges with `--`, other text with LaTeX's specials escaped.
fn written(field: &str, value: &str) -> String {
    match field {
        "doi" | "eprint" => crate::pubexport::bib::verbatim(value),
        "pages" if !value.contains("--") => {
            crate::pubexport::bib::escape(&value.replacen('-', "--", 1))
        }
        _ => crate::pubexport::bib::escape(value),
    }
}

fn provenance(marks: &[(String, String)]) -> String {
    let mut parts = vec!["vita".to_string()];
    parts.extend(
        marks
            .iter()
            .filter(|(f, _)| f != "vita-synced")
            .map(|(f, h)| format!("{f}={h}")),
    );
    parts.join("; ")
}
