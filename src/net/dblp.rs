//! DBLP: a record's BibTeX (`/rec/{key}.bib`), read by vita's own .bib reader.

use std::sync::Arc;

use super::work::{Kind, Work};
use super::{Client, Fresh, NetError, Source};

/// The address of a record's (`rec`) or a person's (`pid`) BibTeX, each part of the id
/// encoded.
fn bib_url(folder: &str, id: &str) -> String {
    let path: Vec<String> = id.split('/').map(super::encode).collect();
    format!("{}/{folder}/{}.bib", Source::Dblp.base(), path.join("/"))
}

/// The work a DBLP key (`journals/tnn/LiJLX24`) names.
pub fn work(client: &Client, key: &str) -> Result<Work, NetError> {
    let url = bib_url("rec", key);
    let bytes = client.get(Source::Dblp, &url, "application/x-bibtex", Fresh::Always)?;
    let malformed = |why: String| NetError::Malformed {
        source: Source::Dblp,
        url: url.clone(),
        why,
    };
    let text: Arc<str> = String::from_utf8(bytes)
        .map_err(|e| malformed(e.to_string()))?
        .into();
    let (pubs, _) = crate::bib::parse("dblp.bib", &text, None);
    let p = pubs
        .into_iter()
        .next()
        .ok_or_else(|| malformed("it holds no BibTeX entry".into()))?;
    client.keep(&url, text.as_bytes());
    Ok(to_work(p))
}

/// The largest person's page read: 16 MB.
const MAX_PAGE: usize = 16 << 20;

/// Every work on a person's DBLP page (`/pid/{pid}.bib`: one file, one request).
pub fn person(client: &Client, pid: &str, fresh: Fresh) -> Result<Vec<Work>, NetError> {
    let url = bib_url("pid", pid);
    let bytes = client.get(Source::Dblp, &url, "application/x-bibtex", fresh)?;
    let text: Arc<str> = String::from_utf8(bytes)
        .map_err(|e| NetError::Malformed {
            source: Source::Dblp,
            url: url.clone(),
            why: e.to_string(),
        })?
        .into();
    let malformed = |why: String| NetError::Malformed {
        source: Source::Dblp,
        url: url.clone(),
        why,
    };
    // A person's page is BibTeX with an entry at least; anything else (an empty answer, a
    // page cut short, HTML) is no list, and nothing is compared with it. The most prolific
    // authors' pages are about 3 MB.
    if text.len() > MAX_PAGE {
        return Err(malformed(format!(
            "it is larger than {} MB",
            MAX_PAGE >> 20
        )));
    }
    if !text.trim_start().starts_with('@') {
        return Err(malformed(if text.trim().is_empty() {
            "it is empty".into()
        } else {
            "it is not BibTeX".into()
        }));
    }
    let (pubs, diags) = crate::bib::parse("dblp.bib", &text, None);
    if let Some(e) = diags.iter().find(|d| d.is_error()) {
        return Err(malformed(format!(
            "its BibTeX does not read: {}",
            e.message
        )));
    }
    client.keep(&url, text.as_bytes());
    Ok(pubs.into_iter().map(to_work).collect())
}

/// A DBLP entry, read by vita's .bib reader, as a work.
fn to_work(p: crate::profile::Publication) -> Work {
    let kind = match p.kind.as_deref() {
        // DBLP files arXiv papers as CoRR articles.
        _ if p.venue.as_deref() == Some("CoRR") => Kind::Preprint,
        Some("journal") => Kind::Journal,
        Some("conference" | "workshop") => Kind::Conference,
        Some("chapter") => Kind::Chapter,
        Some("book") => Kind::Book,
        Some("thesis") => Kind::Thesis,
        Some("preprint") => Kind::Preprint,
        _ => Kind::Other,
    };
    Work {
        kind,
        title: p.title.trim_end_matches('.').to_string(),
        authors: p
            .authors
            .iter()
            .map(|a| {
                let ff = crate::names::family_first(a);
                let (f, g) = ff.split_once(", ").unwrap_or((ff.as_str(), ""));
                // DBLP tells namesakes apart by a number: `Yiming Li 0001`.
                let g = g.trim_end_matches(|c: char| c.is_ascii_digit() || c == ' ');
                let f = f.trim_end_matches(|c: char| c.is_ascii_digit() || c == ' ');
                (f.to_string(), g.to_string())
            })
            .collect(),
        venue: p.venue.filter(|v| v != "CoRR"),
        venue_short: p.venue_short,
        year: p
            .year
            .or_else(|| p.date.as_ref().and_then(crate::profile::Date::year)),
        volume: p.volume,
        issue: p.issue,
        pages: p.pages,
        doi: p.doi,
        arxiv: p.arxiv,
        ..Default::default()
    }
}
