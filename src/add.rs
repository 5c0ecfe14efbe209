//! `vita add ID...`: a DOI, an arXiv id, a PubMed id or a DBLP key becomes a BibTeX entry at
//! the end of the profile's .bib file, keyed in the file's own style, unless the paper is
//! there already (the same DOI, arXiv id or title, as the merge of .bib entries decides).
//!
//! Metadata comes from Crossref (a DOI, and an arXiv paper that has one: the published
//! version, with its arXiv id kept), arXiv, NCBI's E-utilities and DBLP, through
//! [`crate::net::Client`].

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::Failure;
use crate::diag::Diagnostic;
use crate::net::work::{KeyStyle, Work, bare_arxiv, bare_doi};
use crate::net::{Client, NetError, Source};

/// An identifier as `vita add` reads it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Id {
    Doi(String),
    Arxiv(String),
    Pmid(String),
    Dblp(String),
}

impl Id {
    /// Reads one identifier as a user types it: `10.1109/...`, `doi:...`, a doi.org address,
    /// `arXiv:2007.08745`, an arxiv.org address, `pmid:31452104`, `dblp:journals/tnn/LiJLX24`.
    pub fn parse(s: &str) -> Result<Id, Diagnostic> {
        let t = s.trim();
        let lower = t.to_ascii_lowercase();
        if let Some(rest) = lower
            .strip_prefix("pmid:")
            .or_else(|| lower.strip_prefix("pubmed:"))
        {
            let n = rest.trim();
            if !n.is_empty() && n.len() <= 9 && n.chars().all(|c| c.is_ascii_digit()) {
                return Ok(Id::Pmid(n.to_string()));
            }
        } else if let Some(rest) = t.get(5..).filter(|_| lower.starts_with("dblp:")) {
            if rest.contains('/') {
                return Ok(Id::Dblp(rest.trim().to_string()));
            }
        } else if lower.starts_with("arxiv:") || lower.contains("arxiv.org/") {
            if let Some(id) = bare_arxiv(t) {
                return Ok(Id::Arxiv(id));
            }
        } else if let Some(doi) = bare_doi(t) {
            return Ok(Id::Doi(doi));
        } else if let Some(id) = bare_arxiv(t) {
            return Ok(Id::Arxiv(id));
        } else if [
            "journals/",
            "conf/",
            "books/",
            "phd/",
            "series/",
            "reference/",
            "tr/",
        ]
        .iter()
        .any(|p| t.starts_with(p))
        {
            return Ok(Id::Dblp(t.to_string()));
        }
        Err(Diagnostic::error(format!("`{s}` is not an identifier vita can look up"))
            .hint("give a DOI (10.1109/TNNLS.2022.3182979), an arXiv id (arXiv:2007.08745), a PubMed id (pmid:31452104) or a DBLP key (dblp:journals/tnn/LiJLX24)"))
    }

    fn shown(&self) -> String {
        match self {
            Id::Doi(d) => d.clone(),
            Id::Arxiv(a) => format!("arXiv:{a}"),
            Id::Pmid(p) => format!("pmid:{p}"),
            Id::Dblp(k) => format!("dblp:{k}"),
        }
    }
}

/// What `vita add` did with one identifier.
#[derive(Debug)]
pub enum Outcome {
    /// Appended under this key, from these services.
    Added {
        id: String,
        key: String,
        title: String,
        from: Vec<Source>,
    },
    /// Already in the file, as this entry, found by this (`DOI`, `arXiv id`, `title`).
    There {
        id: String,
        key: String,
        by: &'static str,
    },
}

/// The .bib file `vita add` and `vita sync` write: `--bib`, else the profile's first
/// `bibliography` file.
pub fn target_bib(profile: &Path, bib: Option<&Path>) -> Result<PathBuf, Failure> {
    if let Some(b) = bib {
        return Ok(b.to_path_buf());
    }
    if !profile.is_file() {
        return Err(Failure::input(vec![Diagnostic::error(format!(
            "there is no profile `{}` to find the .bib file in",
            profile.display()
        ))
        .hint("run this in the profile's folder, name it (`--profile FILE` for add, `vita sync FILE`), or name the .bib file with `--bib`")]));
    }
    crate::bib::named_files(profile).into_iter().next().ok_or_else(|| {
        Failure::input(vec![Diagnostic::error(format!(
            "`{}` names no .bib file to add to",
            profile.display()
        ))
        .hint("add `bibliography = [\"pubs.bib\"]` at the top of the profile, or name a file with `--bib pubs.bib`")])
    })
}

/// The e-mail address to give Crossref's polite pool: `--mailto`, else the profile's
/// `person.email`.
pub fn mailto(profile: &Path, given: Option<&str>) -> Option<String> {
    if let Some(m) = given {
        return Some(m.to_string());
    }
    let text = std::fs::read_to_string(profile).ok()?;
    let table: toml::Table = text.trim_start_matches('\u{feff}').parse().ok()?;
    table
        .get("person")?
        .get("email")?
        .as_str()
        .map(str::to_string)
}

/// The papers a .bib file has, for finding the same paper again: by DOI, arXiv id and
/// title, in hash maps, so that a file of thousands costs no more than reading it.
pub struct Known {
    pub keys: Vec<String>,
    pub taken: HashSet<String>,
    /// The next suffix to try for each key base.
    next: HashMap<String, u32>,
    dois: HashMap<String, String>,
    arxivs: HashMap<String, String>,
    titles: HashMap<String, String>,
}

impl Known {
    /// Reads the entries of `text` (the file `name`).
    pub fn read(name: &str, text: &Arc<str>) -> (Known, Vec<crate::profile::Publication>) {
        let (pubs, _) = crate::bib::parse(name, text, None);
        let mut k = Known {
            keys: vec![],
            taken: HashSet::new(),
            next: HashMap::new(),
            dois: HashMap::new(),
            arxivs: HashMap::new(),
            titles: HashMap::new(),
        };
        for p in &pubs {
            let key = p.id.clone().unwrap_or_default();
            // A DOI or arXiv id written only as an address (`url = {https://doi.org/...}`).
            let linked = |host: &str| {
                p.links
                    .0
                    .iter()
                    .map(|(_, url)| url.as_str())
                    .find(|u| u.to_ascii_lowercase().contains(host))
            };
            let doi = p
                .doi
                .clone()
                .or_else(|| linked("doi.org/").and_then(bare_doi));
            let arxiv = p
                .arxiv
                .as_deref()
                .and_then(bare_arxiv)
                .or_else(|| linked("arxiv.org/").and_then(bare_arxiv));
            k.remember(doi.as_deref(), arxiv.as_deref(), &p.title, &key);
        }
        (k, pubs)
    }

    fn remember(&mut self, doi: Option<&str>, arxiv: Option<&str>, title: &str, key: &str) {
        self.keys.push(key.to_string());
        self.taken.insert(key.to_string());
        if let Some(d) = doi {
            self.dois
                .entry(d.to_ascii_lowercase())
                .or_insert_with(|| key.to_string());
        }
        if let Some(a) = arxiv {
            self.arxivs
                .entry(a.to_string())
                .or_insert_with(|| key.to_string());
        }
        let t = crate::bib::title_key(title);
        if !t.is_empty() {
            self.titles.entry(t).or_insert_with(|| key.to_string());
        }
    }

    /// The entry that is this work, and what told: its DOI, arXiv id or title.
    pub fn find(&self, w: &Work) -> Option<(String, &'static str)> {
        if let Some(k) = w
            .doi
            .as_deref()
            .and_then(|d| self.dois.get(&d.to_ascii_lowercase()))
        {
            return Some((k.clone(), "DOI"));
        }
        if let Some(k) = w.arxiv.as_deref().and_then(|a| self.arxivs.get(a)) {
            return Some((k.clone(), "arXiv id"));
        }
        self.titles
            .get(&crate::bib::title_key(&w.title))
            .map(|k| (k.clone(), "title"))
    }

    /// A key for `w` in `style` that no entry has.
    pub fn key_for(&mut self, style: KeyStyle, w: &Work, dblp: Option<&str>) -> String {
        let base = style.key(w, dblp, &HashSet::new());
        let next = self.next.entry(base).or_insert(0);
        style.key_from(w, dblp, &self.taken, next)
    }

    /// Counts a work just added, so that the same paper twice in one run is added once.
    pub fn note(&mut self, w: &Work, key: &str) {
        self.remember(w.doi.as_deref(), w.arxiv.as_deref(), &w.title, key);
    }
}

/// Looks an identifier up: an arXiv paper with a DOI is looked up at Crossref too, and is
/// the published version with its arXiv id.
pub fn look_up(client: &Client, id: &Id) -> Result<(Work, Vec<Source>), NetError> {
    look_up_raw(client, id).map(|(w, s)| (w.clean(), s))
}

fn look_up_raw(client: &Client, id: &Id) -> Result<(Work, Vec<Source>), NetError> {
    match id {
        Id::Doi(d) => Ok((
            crate::net::crossref::work(client, d)?,
            vec![Source::Crossref],
        )),
        Id::Arxiv(a) => {
            let pre = crate::net::arxiv::work(client, a)?;
            match pre
                .doi
                .as_deref()
                .map(|d| crate::net::crossref::work(client, d))
            {
                Some(Ok(mut published)) => {
                    published.arxiv = Some(a.clone());
                    Ok((published, vec![Source::Arxiv, Source::Crossref]))
                }
                Some(Err(e)) if e.is_offline() => Err(e),
                _ => Ok((pre, vec![Source::Arxiv])),
            }
        }
        Id::Pmid(p) => Ok((crate::net::pubmed::work(client, p)?, vec![Source::Pubmed])),
        Id::Dblp(k) => Ok((crate::net::dblp::work(client, k)?, vec![Source::Dblp])),
    }
}

/// Adds the works `ids` name to `bib`, and says what it did with each. Nothing is written
/// unless every identifier reads; a failed lookup is an error and the others are still
/// added (they are shown), so running again adds the rest.
pub fn add(
    client: &Client,
    bib: &Path,
    ids: &[String],
) -> Result<(Vec<Outcome>, Vec<Diagnostic>), Failure> {
    let parsed: Vec<Result<Id, Diagnostic>> = ids.iter().map(|s| Id::parse(s)).collect();
    let bad: Vec<Diagnostic> = parsed
        .iter()
        .filter_map(|r| r.as_ref().err().cloned())
        .collect();
    if !bad.is_empty() {
        return Err(Failure::input(bad));
    }
    let name = bib.display().to_string();
    let file = crate::bib::file::BibFile::read(bib)?;
    let old = file.text.clone();
    let text: Arc<str> = old.clone().into();
    let (mut known, _) = Known::read(&name, &text);
    let style = KeyStyle::of(&known.keys);
    let newline = if old.contains("\r\n") { "\r\n" } else { "\n" };
    let mut appended = String::new();
    let mut outcomes = vec![];
    let mut errors = vec![];
    for id in parsed.into_iter().flatten() {
        let (work, from) = match look_up(client, &id) {
            Ok(found) => found,
            Err(e) => {
                let stop = e.stops_the_run();
                errors.push(e.diagnostic());
                if stop {
                    // Every other lookup would fail the same way.
                    break;
                }
                continue;
            }
        };
        if let Some((key, by)) = known.find(&work) {
            outcomes.push(Outcome::There {
                id: id.shown(),
                key,
                by,
            });
            continue;
        }
        let dblp = match &id {
            Id::Dblp(k) => Some(k.as_str()),
            _ => None,
        };
        let key = known.key_for(style, &work, dblp);
        // A citation count is a snapshot: `vita sync --citations` keeps them current.
        let work = Work {
            citations: None,
            ..work
        };
        // Each entry must read back alone (a record with a 100 KB title, or characters no
        // BibTeX value can hold, is refused, and the others are still added).
        let entry = work.bibtex(&key);
        if let Err(why) = crate::net::work::reads_back(&entry) {
            errors.push(
                Diagnostic::error(format!(
                    "the record of {} cannot be written as a .bib entry: {why}; it was not added",
                    id.shown()
                ))
                .hint("add this one by hand, or check the identifier"),
            );
            continue;
        }
        appended.push_str(newline);
        appended.push_str(&entry.replace('\n', newline));
        known.note(&work, &key);
        outcomes.push(Outcome::Added {
            id: id.shown(),
            key,
            title: work.title.clone(),
            from,
        });
    }
    if !appended.is_empty() {
        let mut new = old.clone();
        if !new.is_empty() && !new.ends_with('\n') {
            new.push_str(newline);
        }
        new.push_str(&appended);
        // What is written reads back: the entries parse, the old ones unchanged.
        let check: Arc<str> = new.clone().into();
        let (_, diags) = crate::bib::parse(&name, &check, None);
        if let Some(d) = diags.iter().find(|d| d.is_error()) {
            return Err(Failure::other(
                Diagnostic::error(format!(
                    "the entries made for `{name}` do not read back ({}); nothing was written",
                    d.message
                ))
                .hint("this is a bug in vita: please report it with the identifiers given"),
            ));
        }
        file.write(&new)?;
    }
    if errors.is_empty() {
        return Ok((outcomes, vec![]));
    }
    // What was added is said even when another identifier failed.
    errors.extend(outcomes.iter().map(|o| Diagnostic::warning(o.line())));
    Err(Failure {
        diagnostics: errors,
        code: 1,
    })
}

impl Outcome {
    /// The line `vita add` prints for it.
    pub fn line(&self) -> String {
        match self {
            Outcome::Added {
                id,
                key,
                title,
                from,
            } => {
                let from: Vec<&str> = from.iter().map(|s| s.name()).collect();
                format!("added {key}: {title} ({id}, from {})", from.join(" and "))
            }
            Outcome::There { id, key, by } => {
                format!("{id} is there already as {key} (the same {by})")
            }
        }
    }
}
