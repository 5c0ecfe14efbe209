//! NCBI's E-utilities: a PubMed record's summary (`esummary.fcgi?db=pubmed&retmode=json`).

use serde_json::Value;

use super::work::{Kind, Work};
use super::{Client, Fresh, NetError, Source};

/// The work a PubMed id names.
pub fn work(client: &Client, pmid: &str) -> Result<Work, NetError> {
    let url = format!(
        "{}/esummary.fcgi?db=pubmed&retmode=json&id={pmid}",
        Source::Pubmed.base()
    );
    let bytes = client.get(Source::Pubmed, &url, "application/json", Fresh::Always)?;
    let malformed = |why: String| NetError::Malformed {
        source: Source::Pubmed,
        url: url.clone(),
        why,
    };
    let v: Value = serde_json::from_slice(&bytes).map_err(|e| malformed(e.to_string()))?;
    let r = v
        .get("result")
        .and_then(|r| r.get(pmid))
        .filter(|r| r.get("error").is_none() && r.get("title").is_some())
        .ok_or_else(|| NetError::NotFound {
            source: Source::Pubmed,
            url: url.clone(),
        })?;
    client.keep(&url, &bytes);
    let s = |k: &str| {
        r.get(k)
            .and_then(Value::as_str)
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_string)
    };
    // `2024 Jan 15`, `2024 Jan-Feb`, `2024`.
    let date = s("pubdate").unwrap_or_default();
    let mut parts = date.split_whitespace();
    let year = parts.next().and_then(|y| y.parse().ok());
    let month = parts.next().and_then(|m| {
        const M: [&str; 12] = [
            "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
        ];
        let m = m.get(..3)?.to_ascii_lowercase();
        M.iter().position(|x| *x == m).map(|i| i as u8 + 1)
    });
    let authors = r
        .get("authors")
        .and_then(Value::as_array)
        .map(|a| {
            a.iter()
                .filter(|p| {
                    p.get("authtype")
                        .and_then(Value::as_str)
                        .is_none_or(|t| t == "Author")
                })
                .filter_map(|p| p.get("name").and_then(Value::as_str))
                .map(author)
                .collect()
        })
        .unwrap_or_default();
    let doi = r
        .get("articleids")
        .and_then(Value::as_array)
        .and_then(|ids| {
            ids.iter()
                .find(|i| i.get("idtype").and_then(Value::as_str) == Some("doi"))
        })
        .and_then(|i| i.get("value").and_then(Value::as_str))
        .map(str::to_string);
    Ok(Work {
        kind: Kind::Journal,
        title: s("title")
            .unwrap_or_default()
            .trim_end_matches('.')
            .to_string(),
        authors,
        venue: s("fulljournalname").or_else(|| s("source")),
        venue_short: s("source"),
        year,
        month,
        volume: s("volume"),
        issue: s("issue"),
        pages: s("pages"),
        doi,
        pmid: Some(pmid.to_string()),
        ..Default::default()
    })
}

/// An author as PubMed writes one, `Li Y` or `García-Pérez JM` (the family name, then the
/// initials), as (family, given); a suffix last (`de Azevedo WF Jr`) goes where BibTeX puts
/// it, and a name of one piece (a group) stays whole.
fn author(n: &str) -> (String, String) {
    let (n, suffix) = match n.rsplit_once(' ') {
        Some((rest, s)) if super::work::is_suffix(s) => (rest, s),
        _ => (n, ""),
    };
    match n.rsplit_once(' ') {
        Some((f, g)) if g.chars().all(char::is_uppercase) => (
            f.to_string(),
            super::work::with_suffix(g.to_string(), suffix),
        ),
        _ if suffix.is_empty() => (n.to_string(), String::new()),
        _ => (format!("{n} {suffix}"), String::new()),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn names_with_initials_and_suffixes() {
        let a = |n| super::author(n);
        assert_eq!(a("Li Y"), ("Li".into(), "Y".into()));
        assert_eq!(a("García-Pérez JM"), ("García-Pérez".into(), "JM".into()));
        assert_eq!(
            a("de Azevedo WF Jr"),
            ("de Azevedo".into(), "Jr, WF".into())
        );
        assert_eq!(a("Smith J III"), ("Smith".into(), "III, J".into()));
        assert_eq!(
            a("COVID-19 Genomics Consortium"),
            ("COVID-19 Genomics Consortium".into(), String::new())
        );
    }
}
