//! Crossref's REST API: a DOI's record (`/works/{doi}`).

use serde_json::Value;

use super::work::{Kind, Work};
use super::{Client, Fresh, NetError, Source, encode};

/// The work a DOI names.
pub fn work(client: &Client, doi: &str) -> Result<Work, NetError> {
    let url = format!("{}/works/{}", Source::Crossref.base(), encode(doi));
    let bytes = client.get(Source::Crossref, &url, "application/json", Fresh::Always)?;
    let malformed = |why: String| NetError::Malformed {
        source: Source::Crossref,
        url: url.clone(),
        why,
    };
    let v: Value = serde_json::from_slice(&bytes).map_err(|e| malformed(e.to_string()))?;
    let m = v
        .get("message")
        .filter(|m| m.is_object())
        .ok_or_else(|| malformed("no `message` in it".into()))?;
    let w = read(m);
    if w.title.is_empty() && w.doi.is_none() {
        return Err(malformed("the record has neither a title nor a DOI".into()));
    }
    client.keep(&url, &bytes);
    Ok(w)
}

/// A Crossref work record (`message`) in vita's shape.
pub fn read(m: &Value) -> Work {
    let text = |k: &str| -> Option<String> {
        match m.get(k)? {
            Value::String(s) => Some(s.clone()),
            Value::Array(a) => a.first()?.as_str().map(str::to_string),
            _ => None,
        }
        .map(|s| plain(&s))
        .filter(|s| !s.is_empty())
    };
    let kind = match m.get("type").and_then(Value::as_str).unwrap_or("") {
        "journal-article" => Kind::Journal,
        "proceedings-article" => Kind::Conference,
        "posted-content" => Kind::Preprint,
        "book-chapter" | "book-section" | "book-part" => Kind::Chapter,
        "book" | "monograph" | "edited-book" | "reference-book" => Kind::Book,
        "dissertation" => Kind::Thesis,
        _ => Kind::Other,
    };
    // The date it was published: in print, else online, else issued.
    let date = ["published-print", "published-online", "published", "issued"]
        .iter()
        .find_map(|k| {
            let parts = m.get(*k)?.get("date-parts")?.get(0)?.as_array()?;
            let year = parts
                .first()?
                .as_u64()
                .filter(|y| (1000..=9999).contains(y))? as u16;
            let month = parts
                .get(1)
                .and_then(Value::as_u64)
                .filter(|m| (1..=12).contains(m))
                .map(|m| m as u8);
            Some((year, month))
        });
    let authors = m
        .get("author")
        .and_then(Value::as_array)
        .map(|a| {
            a.iter()
                .filter_map(|p| {
                    let s = |k: &str| {
                        p.get(k)
                            .and_then(Value::as_str)
                            .map(str::trim)
                            .unwrap_or("")
                            .to_string()
                    };
                    let (family, given, name) = (s("family"), s("given"), s("name"));
                    if !family.is_empty() {
                        Some((family, super::work::with_suffix(given, &s("suffix"))))
                    } else if !name.is_empty() {
                        Some((name, String::new()))
                    } else {
                        None
                    }
                })
                .collect()
        })
        .unwrap_or_default();
    Work {
        kind,
        title: text("title").unwrap_or_default(),
        authors,
        venue: text("container-title").or_else(|| {
            m.get("event")
                .and_then(|e| e.get("name"))
                .and_then(Value::as_str)
                .map(plain)
        }),
        venue_short: text("short-container-title"),
        year: date.map(|d| d.0),
        month: date.and_then(|d| d.1),
        volume: text("volume"),
        issue: text("issue"),
        pages: text("page"),
        publisher: text("publisher"),
        doi: text("DOI"),
        url: text("URL"),
        citations: m
            .get("is-referenced-by-count")
            .and_then(Value::as_u64)
            .map(|n| n.min(u32::MAX.into()) as u32),
        ..Default::default()
    }
}

/// Text as Crossref gives it, made plain: JATS/HTML tags (`<i>`, `<sub>`, `<mml:math>`) left
/// out with their text kept, the common entities read, and runs of white space made one.
pub fn plain(s: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in s.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    let out = out
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&apos;", "'")
        .replace("&nbsp;", " ")
        .replace("&amp;", "&");
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    #[test]
    fn markup_is_made_plain() {
        assert_eq!(
            super::plain("Growth of <i>E. coli</i> in CO<sub>2</sub> &amp; N\n  at 5 K"),
            "Growth of E. coli in CO2 & N at 5 K"
        );
    }
}
