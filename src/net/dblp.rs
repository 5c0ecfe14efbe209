//! DBLP: a record's BibTeX (`/rec/{key}.bib`), read by vita's own .bib reader.

use std::sync::Arc;

use super::work::{Kind, Work};
use super::{Client, Fresh, NetError, Source};

/// The work a DBLP key (`journals/tnn/LiJLX24`) names.
pub fn work(client: &Client, key: &str) -> Result<Work, NetError> {
    let path: String = key
        .split('/')
        .map(super::encode)
        .collect::<Vec<_>>()
        .join("/");
    let url = format!("{}/rec/{path}.bib", Source::Dblp.base());
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
    let kind = match text
        .trim_start()
        .split('{')
        .next()
        .unwrap_or("")
        .to_ascii_lowercase()
        .as_str()
    {
        "@article" => Kind::Journal,
        "@inproceedings" => Kind::Conference,
        "@incollection" => Kind::Chapter,
        "@book" | "@proceedings" => Kind::Book,
        "@phdthesis" | "@mastersthesis" => Kind::Thesis,
        _ => Kind::Other,
    };
    // DBLP files arXiv papers as CoRR articles.
    let kind = if p.venue.as_deref() == Some("CoRR") {
        Kind::Preprint
    } else {
        kind
    };
    Ok(Work {
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
    })
}
