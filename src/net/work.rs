//! One shape for a work, whichever service described it, and the BibTeX entry it becomes:
//! vita's own .bib writer (`pubexport::bib`) with a citation key in the style of the file it
//! joins.

use crate::profile::{Date, Links, Publication};

/// What kind of work it is, as far as a .bib entry cares.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Kind {
    Journal,
    Conference,
    Preprint,
    Chapter,
    Book,
    Thesis,
    #[default]
    Other,
}

/// A work as a service describes it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Work {
    pub kind: Kind,
    pub title: String,
    /// Authors as (family, given); a name in one piece (a group, or a name the service does
    /// not split) has an empty given name.
    pub authors: Vec<(String, String)>,
    pub venue: Option<String>,
    pub venue_short: Option<String>,
    pub year: Option<u16>,
    pub month: Option<u8>,
    pub volume: Option<String>,
    pub issue: Option<String>,
    pub pages: Option<String>,
    pub publisher: Option<String>,
    pub doi: Option<String>,
    pub arxiv: Option<String>,
    pub pmid: Option<String>,
    pub url: Option<String>,
    pub citations: Option<u32>,
}

impl Work {
    /// The work without control characters (a server's escape codes and NULs reach neither
    /// the .bib file nor the terminal); runs of white space made one.
    pub fn clean(mut self) -> Work {
        fn c(s: &mut String) {
            *s = s
                .chars()
                .map(|ch| if ch.is_control() { ' ' } else { ch })
                .collect::<String>()
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ");
        }
        fn o(s: &mut Option<String>) {
            if let Some(v) = s {
                c(v);
            }
            if s.as_deref() == Some("") {
                *s = None;
            }
        }
        c(&mut self.title);
        for (f, g) in &mut self.authors {
            c(f);
            c(g);
        }
        self.authors.retain(|(f, _)| !f.is_empty());
        for s in [
            &mut self.venue,
            &mut self.venue_short,
            &mut self.volume,
            &mut self.issue,
            &mut self.pages,
            &mut self.publisher,
            &mut self.doi,
            &mut self.arxiv,
            &mut self.pmid,
            &mut self.url,
        ] {
            o(s);
        }
        self
    }

    /// The work as a publication, for vita's .bib writer.
    pub fn publication(&self) -> Publication {
        let kind = match self.kind {
            Kind::Journal => Some("journal"),
            Kind::Conference => Some("conference"),
            Kind::Preprint => Some("preprint"),
            Kind::Chapter => Some("chapter"),
            Kind::Book => Some("book"),
            Kind::Thesis => Some("thesis"),
            Kind::Other => None,
        };
        let mut links = vec![];
        if let Some(u) = &self.url
            && self.doi.is_none()
            && self.arxiv.is_none()
        {
            links.push(("url".to_string(), u.clone()));
        }
        Publication {
            title: self.title.clone(),
            authors: self
                .authors
                .iter()
                .map(|(f, g)| {
                    if g.is_empty() {
                        f.clone()
                    } else {
                        format!("{f}, {g}")
                    }
                })
                .collect(),
            venue: self.venue.clone(),
            venue_short: self.venue_short.clone(),
            volume: self.volume.clone(),
            issue: self.issue.clone(),
            // `5-22` as BibTeX writes a range: `5--22`.
            pages: self.pages.as_ref().map(|p| match p.split_once('-') {
                Some((a, b)) if !a.is_empty() && !b.is_empty() && !b.starts_with('-') => {
                    format!("{a}--{b}")
                }
                _ => p.clone(),
            }),
            year: self.year,
            date: self.year.map(|year| Date::On {
                year,
                month: self.month.filter(|m| (1..=12).contains(m)),
                day: None,
            }),
            kind: kind.map(str::to_string),
            doi: self.doi.clone(),
            arxiv: self.arxiv.clone(),
            links: Links(links),
            citations: self.citations,
            ..Default::default()
        }
    }

    /// The work as one BibTeX entry under `key`.
    pub fn bibtex(&self, key: &str) -> String {
        let mut text = crate::pubexport::bib::bibtex(&[self.publication()], &[key.to_string()]);
        // Fields vita's writer leaves out, that a reader of the .bib wants.
        let mut extra = vec![];
        // A PubMed id is a number; anything else a service calls one is left out.
        if let Some(pmid) = self
            .pmid
            .as_ref()
            .filter(|p| !p.is_empty() && p.len() <= 12 && p.chars().all(|c| c.is_ascii_digit()))
        {
            extra.push(format!("  pmid = {{{pmid}}},\n"));
        }
        if let Some(p) = &self.publisher
            && !text.contains("publisher =")
        {
            extra.push(format!(
                "  publisher = {{{}}},\n",
                crate::pubexport::bib::escape(p)
            ));
        }
        // Aligned with the writer's own fields.
        let width = text
            .lines()
            .filter_map(|l| l.find(" = ").filter(|_| l.starts_with("  ")))
            .max()
            .unwrap_or(0);
        let extra: Vec<String> = extra
            .iter()
            .map(|f| match f.split_once(" = ") {
                Some((name, value)) => {
                    format!("{name:<width$} = {value}", name = name, width = width)
                }
                None => f.clone(),
            })
            .collect();
        if !extra.is_empty()
            && let Some(end) = text.trim_end().strip_suffix('}').map(str::len)
        {
            text.truncate(end);
            if !text.ends_with('\n') {
                text.push('\n');
            }
            text.push_str(&extra.concat());
            text.push_str("}\n");
        }
        text
    }

    /// The first author's family name, as ASCII letters.
    fn first_family(&self) -> String {
        self.authors
            .first()
            .map(|(f, _)| ascii(f))
            .unwrap_or_default()
    }

    /// The title's first word that says something (not "a", "the", "on", ...).
    fn first_word(&self) -> String {
        const SMALL: &[&str] = &[
            "a", "an", "the", "on", "of", "in", "for", "and", "to", "with", "towards", "toward",
        ];
        self.title
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty() && !SMALL.contains(&w.to_lowercase().as_str()))
            .map(ascii)
            .find(|w| !w.is_empty())
            .unwrap_or_default()
    }
}

/// A name or word as a part of a citation key: ASCII letters and digits, at most 30.
fn ascii(s: &str) -> String {
    crate::names::fold(s)
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .take(30)
        .collect()
}

/// How the keys of a .bib file are made, read from the keys it has.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyStyle {
    /// `li2022backdoor`: family name, year, first word, lower case (Google Scholar's).
    FamilyYearWord,
    /// `Li2022`: family name and year, as written.
    FamilyYear,
    /// `Li2022Backdoor`: family name, year, first word, capitalised.
    FamilyYearWordCapitalised,
    /// `li_2022_backdoor` and the like: the parts joined by `_`.
    Underscored,
    /// `DBLP:journals/tnn/LiJLX24`: DBLP's own keys.
    Dblp,
}

impl KeyStyle {
    /// The style most of `keys` follow; Google Scholar's when there are none to go by.
    pub fn of(keys: &[String]) -> KeyStyle {
        let mut counts = [0usize; 5];
        for k in keys {
            let style = if k.starts_with("DBLP:") {
                KeyStyle::Dblp
            } else if k.contains('_') {
                KeyStyle::Underscored
            } else if let Some(i) = k.find(|c: char| c.is_ascii_digit()) {
                let (head, tail) = k.split_at(i);
                let word = tail.trim_start_matches(|c: char| c.is_ascii_digit());
                let capital = head.chars().next().is_some_and(char::is_uppercase);
                match (
                    capital,
                    word.is_empty(),
                    word.chars().next().is_some_and(char::is_uppercase),
                ) {
                    (_, true, _) => KeyStyle::FamilyYear,
                    (true, false, true) => KeyStyle::FamilyYearWordCapitalised,
                    _ => KeyStyle::FamilyYearWord,
                }
            } else {
                continue;
            };
            counts[style as usize] += 1;
        }
        let best = counts
            .iter()
            .enumerate()
            .max_by_key(|(i, n)| (**n, usize::MAX - i));
        match best {
            Some((i, n)) if *n > 0 => [
                KeyStyle::FamilyYearWord,
                KeyStyle::FamilyYear,
                KeyStyle::FamilyYearWordCapitalised,
                KeyStyle::Underscored,
                KeyStyle::Dblp,
            ][i],
            _ => KeyStyle::FamilyYearWord,
        }
    }

    /// A key for `w` in this style, not one of `taken` (`b`, `c`, ... added when it is).
    pub fn key(
        self,
        w: &Work,
        dblp_key: Option<&str>,
        taken: &std::collections::HashSet<String>,
    ) -> String {
        self.key_from(w, dblp_key, taken, &mut 0)
    }

    /// [`KeyStyle::key`], trying suffixes from `*next` on and leaving there the one it took:
    /// many works with one base (`2001work`) cost one try each, not one per work before.
    pub fn key_from(
        self,
        w: &Work,
        dblp_key: Option<&str>,
        taken: &std::collections::HashSet<String>,
        next: &mut u32,
    ) -> String {
        let family = w.first_family();
        let year = w.year.map(|y| y.to_string()).unwrap_or_default();
        let word = w.first_word();
        let cap = |s: &str| {
            let mut c = s.chars();
            c.next()
                .map(|f| f.to_uppercase().collect::<String>() + &c.as_str().to_lowercase())
                .unwrap_or_default()
        };
        // A DBLP key as a citation key: only the characters DBLP keys have.
        let dblp_key = dblp_key.filter(|k| {
            k.len() <= 100
                && k.chars()
                    .all(|c| c.is_ascii_alphanumeric() || "/_-.:".contains(c))
        });
        let base = match self {
            KeyStyle::Dblp => match dblp_key {
                Some(k) => format!("DBLP:{k}"),
                None => format!("{}{year}{}", family.to_lowercase(), word.to_lowercase()),
            },
            KeyStyle::FamilyYearWord => {
                format!("{}{year}{}", family.to_lowercase(), word.to_lowercase())
            }
            KeyStyle::FamilyYear => format!("{}{year}", cap(&family)),
            KeyStyle::FamilyYearWordCapitalised => format!("{}{year}{}", cap(&family), cap(&word)),
            KeyStyle::Underscored => [family.to_lowercase(), year.clone(), word.to_lowercase()]
                .into_iter()
                .filter(|s| !s.is_empty())
                .collect::<Vec<_>>()
                .join("_"),
        };
        // A work without authors: its first word and year (`notes2019`), never a key that
        // starts with a digit.
        let base = if family.is_empty() && self != KeyStyle::Dblp {
            format!("{}{year}", word.to_lowercase())
        } else {
            base
        };
        let base = if base.is_empty() {
            "entry".to_string()
        } else {
            base
        };
        let mut n = *next;
        let suffixed = |n: u32| match char::from_u32(u32::from(b'a') + n) {
            Some(c) if c.is_ascii_lowercase() => format!("{base}{c}"),
            _ => format!("{base}{}", n + 1),
        };
        let mut key = if n == 0 { base.clone() } else { suffixed(n) };
        while taken.contains(&key) {
            n += 1;
            key = suffixed(n);
        }
        *next = n;
        key
    }
}

/// Whether a BibTeX entry made by vita reads back alone through vita's reader as one entry,
/// without errors; else what is wrong.
pub fn reads_back(entry: &str) -> Result<(), String> {
    let text: std::sync::Arc<str> = entry.to_string().into();
    let (pubs, diags) = crate::bib::parse("new entry", &text, None);
    if let Some(d) = diags.iter().find(|d| d.is_error()) {
        return Err(d.message.clone());
    }
    if pubs.len() != 1 {
        return Err(format!("it reads as {} entries", pubs.len()));
    }
    if pubs[0].title.trim().is_empty() {
        return Err("it has no title".into());
    }
    Ok(())
}

/// A given name with a generational suffix (`Jr`, `III`) in front, as BibTeX writes a name of
/// three parts, `von Last, Jr, First`: the (family, given) pair's given part is `Jr, First`.
pub fn with_suffix(given: String, suffix: &str) -> String {
    let suffix = suffix.trim();
    if suffix.is_empty() {
        given
    } else {
        format!("{suffix}, {given}")
    }
}

/// Whether a word is a generational suffix: `Jr`, `Sr.`, `II` to `IV`, `2nd`, `3rd`.
pub fn is_suffix(word: &str) -> bool {
    matches!(
        word.trim_end_matches('.').to_ascii_lowercase().as_str(),
        "jr" | "sr" | "ii" | "iii" | "iv" | "2nd" | "3rd"
    )
}

/// A DOI as written anywhere (`https://doi.org/10...`, `doi:10...`), in the form it is
/// compared and stored in: the bare `10.` name, its case as given.
pub fn bare_doi(s: &str) -> Option<String> {
    let s = s.trim();
    let lower = s.to_ascii_lowercase();
    let start = lower.find("10.")?;
    let mut doi = &s[start..];
    // In an address, a query or fragment is the site's, not the DOI's (a `?` or `#` in a DOI
    // is percent-encoded there): `https://dl.acm.org/doi/10.1145/3372297.3417880?utm=x`.
    if lower.contains("://") {
        doi = doi.split(['?', '#']).next().unwrap_or(doi);
    }
    (doi.contains('/') && doi.len() > 6).then(|| doi.trim_end_matches(['.', ',']).to_string())
}

/// An arXiv identifier as written anywhere (`arXiv:2007.08745v2`, an abs/ or pdf/ address,
/// `hep-th/9901001`), without its version.
pub fn bare_arxiv(s: &str) -> Option<String> {
    let s = s.trim();
    let lower = s.to_ascii_lowercase();
    let tail = lower
        .rsplit_once("arxiv.org/abs/")
        .or_else(|| lower.rsplit_once("arxiv.org/pdf/"))
        .map(|(_, t)| t)
        .or_else(|| lower.strip_prefix("arxiv:"))
        .unwrap_or(&lower);
    let tail = tail.trim_end_matches(".pdf");
    let id = match tail.rsplit_once('v') {
        Some((id, v))
            if !v.is_empty() && v.chars().all(|c| c.is_ascii_digit()) && id.len() >= 9 =>
        {
            id
        }
        _ => tail,
    };
    let new = id.len() >= 9
        && id.split_once('.').is_some_and(|(a, b)| {
            a.len() == 4
                && a.chars().all(|c| c.is_ascii_digit())
                && (4..=5).contains(&b.len())
                && b.chars().all(|c| c.is_ascii_digit())
        });
    let old = id.split_once('/').is_some_and(|(a, b)| {
        !a.is_empty()
            && a.chars()
                .all(|c| c.is_ascii_lowercase() || c == '-' || c == '.')
            && b.len() == 7
            && b.chars().all(|c| c.is_ascii_digit())
    });
    (new || old).then(|| id.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identifiers_are_read_in_every_common_form() {
        assert_eq!(
            bare_doi("https://doi.org/10.1109/TNNLS.2022.3182979").as_deref(),
            Some("10.1109/TNNLS.2022.3182979")
        );
        assert_eq!(bare_doi("doi:10.1000/xyz.").as_deref(), Some("10.1000/xyz"));
        assert_eq!(bare_doi("2007.08745"), None);
        assert_eq!(
            bare_doi("https://dl.acm.org/doi/10.1145/3372297.3417880?utm_source=x#sec").as_deref(),
            Some("10.1145/3372297.3417880")
        );
        assert_eq!(
            bare_doi("https://doi.org/10.1000/a?b#c").as_deref(),
            Some("10.1000/a")
        );
        assert_eq!(
            bare_arxiv("arXiv:2007.08745v5").as_deref(),
            Some("2007.08745")
        );
        assert_eq!(
            bare_arxiv("https://arxiv.org/pdf/2103.04038.pdf").as_deref(),
            Some("2103.04038")
        );
        assert_eq!(
            bare_arxiv("hep-th/9901001").as_deref(),
            Some("hep-th/9901001")
        );
        assert_eq!(bare_arxiv("10.1000/xyz"), None);
    }

    #[test]
    fn keys_follow_the_files_own_style() {
        let keys = |ks: &[&str]| ks.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(
            KeyStyle::of(&keys(&["li2022survey", "wu2021invisible", "Li2020"])),
            KeyStyle::FamilyYearWord
        );
        assert_eq!(
            KeyStyle::of(&keys(&["Li2022", "Wu2021"])),
            KeyStyle::FamilyYear
        );
        assert_eq!(
            KeyStyle::of(&keys(&["DBLP:journals/tnn/LiJLX24"])),
            KeyStyle::Dblp
        );
        assert_eq!(KeyStyle::of(&[]), KeyStyle::FamilyYearWord);
        let w = Work {
            title: "On the Robustness of Backdoor Attacks".into(),
            authors: vec![("García-Pérez".into(), "José".into())],
            year: Some(2023),
            ..Default::default()
        };
        let mut taken = std::collections::HashSet::new();
        assert_eq!(
            KeyStyle::FamilyYearWord.key(&w, None, &taken),
            "garciaperez2023robustness"
        );
        assert_eq!(
            KeyStyle::FamilyYear.key(&w, None, &taken),
            "Garciaperez2023"
        );
        taken.insert("garciaperez2023robustness".to_string());
        assert_eq!(
            KeyStyle::FamilyYearWord.key(&w, None, &taken),
            "garciaperez2023robustnessb"
        );
    }
}
