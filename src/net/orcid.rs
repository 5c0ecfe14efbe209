//! ORCID's public API: a person's works (`/{orcid}/works`), one summary per work.

use serde_json::Value;

use super::work::{Kind, Work, bare_arxiv, bare_doi};
use super::{Client, Fresh, NetError, Source};

/// The works an ORCID record lists: a summary of each (title, year, type, journal, and the
/// identifiers: DOI, arXiv, PubMed), the first of the versions ORCID groups as one work.
pub fn works(client: &Client, orcid: &str, fresh: Fresh) -> Result<Vec<Work>, NetError> {
    let url = format!("{}/{orcid}/works", Source::Orcid.base());
    let bytes = client.get(Source::Orcid, &url, "application/json", fresh)?;
    let malformed = |why: String| NetError::Malformed {
        source: Source::Orcid,
        url: url.clone(),
        why,
    };
    let v: Value = serde_json::from_slice(&bytes).map_err(|e| malformed(e.to_string()))?;
    let groups = v
        .get("group")
        .and_then(Value::as_array)
        .ok_or_else(|| malformed("no `group` list in it".into()))?;
    client.keep(&url, &bytes);
    Ok(groups.iter().filter_map(group).collect())
}

fn group(g: &Value) -> Option<Work> {
    let summaries = g.get("work-summary")?.as_array()?;
    let s = summaries.first()?;
    let text = |v: Option<&Value>| {
        v.and_then(|v| v.get("value"))
            .and_then(Value::as_str)
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .map(str::to_string)
    };
    // A work without a title is kept if an identifier can find it one (Crossref, arXiv).
    let title = super::crossref::plain(
        &text(s.get("title").and_then(|t| t.get("title"))).unwrap_or_default(),
    );
    let mut w = Work {
        title,
        kind: match s.get("type").and_then(Value::as_str).unwrap_or("") {
            "journal-article" => Kind::Journal,
            "conference-paper" => Kind::Conference,
            "preprint" | "working-paper" => Kind::Preprint,
            "book-chapter" => Kind::Chapter,
            "book" => Kind::Book,
            "dissertation-thesis" => Kind::Thesis,
            _ => Kind::Other,
        },
        venue: text(s.get("journal-title")),
        ..Default::default()
    };
    let date = s.get("publication-date");
    let num = |k: &str| text(date.and_then(|d| d.get(k))).and_then(|v| v.parse::<u16>().ok());
    w.year = num("year");
    w.month = num("month")
        .filter(|m| (1..=12).contains(m))
        .map(|m| m as u8);
    // The group's identifiers and each version's: a preprint and its published version are
    // one work in ORCID, and one paper to vita.
    let ids = g
        .get("external-ids")
        .and_then(|e| e.get("external-id"))
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .chain(
            summaries
                .iter()
                .filter_map(|s| s.get("external-ids")?.get("external-id")?.as_array())
                .flatten(),
        );
    for id in ids {
        let kind = id
            .get("external-id-type")
            .and_then(Value::as_str)
            .unwrap_or("");
        let value = id
            .get("external-id-normalized")
            .and_then(|n| n.get("value"))
            .and_then(Value::as_str)
            .or_else(|| id.get("external-id-value").and_then(Value::as_str))
            .unwrap_or("");
        match kind {
            "doi" if w.doi.is_none() => w.doi = bare_doi(value),
            "arxiv" if w.arxiv.is_none() => w.arxiv = bare_arxiv(value),
            "pmid" if w.pmid.is_none() => {
                w.pmid = Some(value.trim().to_string()).filter(|v| !v.is_empty())
            }
            _ => {}
        }
    }
    (!w.title.is_empty() || w.doi.is_some() || w.arxiv.is_some()).then_some(w)
}
