//! OpenAlex: a person's works (`/works?filter=author.id:...`), paged by cursor, with their
//! citation counts. OpenAlex asks for an API key (`OPENALEX_API_KEY`) since February 2026.

use serde_json::Value;

use super::work::{Kind, Work, bare_doi};
use super::{Client, Fresh, NetError, Source, encode};

/// Most pages read for one person (200 works a page).
const MAX_PAGES: usize = 100;

/// Every work of the author `id` (`A5023888391`), page by page; `progress` hears the count
/// so far.
pub fn works(
    client: &Client,
    id: &str,
    fresh: Fresh,
    progress: &dyn Fn(usize),
) -> Result<Vec<Work>, NetError> {
    let key = std::env::var("OPENALEX_API_KEY")
        .ok()
        .filter(|k| !k.is_empty());
    let mut cursor = "*".to_string();
    let mut out = vec![];
    // A server that hands back a cursor it gave before, or a work it gave before, is not
    // followed round again: each cursor is asked once and each work kept once.
    let mut cursors = std::collections::HashSet::new();
    let mut ids = std::collections::HashSet::new();
    for _ in 0..MAX_PAGES {
        cursors.insert(cursor.clone());
        let mut url = format!(
            "{}/works?filter=author.id:{}&per-page=200&cursor={}",
            Source::Openalex.base(),
            encode(id),
            encode(&cursor)
        );
        if let Some(k) = &key {
            url += &format!("&api_key={}", encode(k));
        }
        let bytes = client.get(Source::Openalex, &url, "application/json", fresh)?;
        let malformed = |why: String| NetError::Malformed {
            source: Source::Openalex,
            url: url.clone(),
            why,
        };
        let v: Value = serde_json::from_slice(&bytes).map_err(|e| malformed(e.to_string()))?;
        let results = v
            .get("results")
            .and_then(Value::as_array)
            .ok_or_else(|| malformed("no `results` in it".into()))?;
        client.keep(&url, &bytes);
        let new = |r: &&Value| match r.get("id").and_then(Value::as_str) {
            Some(id) => ids.insert(id.to_string()),
            None => true,
        };
        out.extend(results.iter().filter(new).filter_map(read));
        progress(out.len());
        match v
            .get("meta")
            .and_then(|m| m.get("next_cursor"))
            .and_then(Value::as_str)
        {
            Some(next) if !next.is_empty() && !results.is_empty() && !cursors.contains(next) => {
                cursor = next.to_string()
            }
            _ => break,
        }
    }
    Ok(out)
}

fn read(r: &Value) -> Option<Work> {
    let s = |v: Option<&Value>| {
        v.and_then(Value::as_str)
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .map(str::to_string)
    };
    let title = super::crossref::plain(&s(r.get("title")).or_else(|| s(r.get("display_name")))?);
    // arXiv's own DOIs (10.48550/arXiv.2412.99999) name an arXiv id.
    let doi = s(r.get("doi")).and_then(|d| bare_doi(&d));
    let (doi, arxiv) = match doi.as_deref().map(str::to_ascii_lowercase) {
        Some(d) if d.starts_with("10.48550/arxiv.") => {
            (None, super::work::bare_arxiv(&d["10.48550/arxiv.".len()..]))
        }
        _ => (doi, None),
    };
    let authors = r
        .get("authorships")
        .and_then(Value::as_array)
        .map(|a| {
            a.iter()
                .filter_map(|x| s(x.get("author").and_then(|a| a.get("display_name"))))
                .map(|n| {
                    let ff = crate::names::family_first(&n);
                    let (f, g) = ff.split_once(", ").unwrap_or((ff.as_str(), ""));
                    (f.to_string(), g.to_string())
                })
                .collect()
        })
        .unwrap_or_default();
    let source = r.get("primary_location").and_then(|l| l.get("source"));
    Some(Work {
        kind: match r.get("type").and_then(Value::as_str).unwrap_or("") {
            "article" => Kind::Journal,
            "preprint" => Kind::Preprint,
            "book-chapter" => Kind::Chapter,
            "book" => Kind::Book,
            "dissertation" => Kind::Thesis,
            _ => Kind::Other,
        },
        title,
        authors,
        venue: s(source.and_then(|x| x.get("display_name"))),
        year: r
            .get("publication_year")
            .and_then(Value::as_u64)
            .and_then(|y| u16::try_from(y).ok()),
        doi,
        arxiv,
        citations: r
            .get("cited_by_count")
            .and_then(Value::as_u64)
            .map(|n| n.min(u32::MAX.into()) as u32),
        ..Default::default()
    })
}
