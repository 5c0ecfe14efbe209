//! Publications as CSL-JSON (the input format of the Citation Style Language, schema
//! `csl-data.json` v1.0): what Zotero, Pandoc and citeproc read.

use serde_json::{Map, Value, json};

use super::{authors, date, kind, main_url, thesis_parts};
use crate::profile::{Date, PubType, Publication};

/// The publications as a CSL-JSON array, pretty-printed, one item each under `keys`.
pub fn csl_json(pubs: &[Publication], keys: &[String]) -> String {
    let items: Vec<Value> = pubs.iter().zip(keys).map(|(p, k)| item(p, k)).collect();
    let mut s = serde_json::to_string_pretty(&Value::Array(items)).unwrap_or_default();
    s.push('\n');
    s
}

fn item(p: &Publication, key: &str) -> Value {
    let mut m = Map::new();
    let mut put = |k: &str, v: Option<&str>| {
        if let Some(v) = v.map(str::trim).filter(|v| !v.is_empty()) {
            m.insert(k.to_string(), Value::String(v.to_string()));
        }
    };
    let venue = p.venue.as_deref();
    let (csl_type, container) = match kind(p) {
        PubType::Journal => ("article-journal", true),
        PubType::Conference | PubType::Workshop => ("paper-conference", true),
        PubType::Chapter => ("chapter", true),
        PubType::Book => ("book", false),
        PubType::Thesis => ("thesis", false),
        // CSL's `article` is a preprint or working paper.
        PubType::Preprint => ("article", false),
        PubType::Other => ("document", false),
    };
    put("id", Some(key));
    put("citation-key", Some(key));
    put("type", Some(csl_type));
    put("title", Some(&p.title));
    match kind(p) {
        PubType::Thesis => {
            let (genre, school) = thesis_parts(venue);
            put("genre", genre);
            put("publisher", school.as_deref());
        }
        PubType::Preprint if p.arxiv.is_some() => put("publisher", Some("arXiv")),
        PubType::Book | PubType::Preprint | PubType::Other => put("publisher", venue),
        _ => {}
    }
    if container {
        put("container-title", venue);
        put("container-title-short", p.venue_short.as_deref());
    }
    put("volume", p.volume.as_deref());
    put("issue", p.issue.as_deref());
    put(
        "page",
        p.pages.as_deref().map(|s| s.replace("--", "–")).as_deref(),
    );
    put("DOI", p.doi.as_deref());
    let arxiv_url = p
        .arxiv
        .as_ref()
        .map(|a| format!("https://arxiv.org/abs/{a}"));
    put("URL", main_url(p).or(arxiv_url.as_deref()));
    if let Some(a) = &p.arxiv {
        put("number", Some(&format!("arXiv:{a}")));
    }
    put("note", p.note.as_deref());
    let names: Vec<Value> = authors(p)
        .into_iter()
        .map(|n| {
            if n.given.is_empty() {
                json!({ "literal": n.family })
            } else if n.suffix.is_empty() {
                json!({ "family": n.family, "given": n.given })
            } else {
                json!({ "family": n.family, "given": n.given, "suffix": n.suffix })
            }
        })
        .collect();
    if !names.is_empty() {
        m.insert("author".into(), Value::Array(names));
    }
    if let Some(Date::On { year, month, day }) = date(p) {
        let parts: Vec<Value> = [Some(year), month.map(u16::from), day.map(u16::from)]
            .into_iter()
            .map_while(|x| x)
            .map(Value::from)
            .collect();
        m.insert("issued".into(), json!({ "date-parts": [parts] }));
    }
    if !p.tags.is_empty() {
        m.insert("keyword".into(), Value::String(p.tags.join(", ")));
    }
    Value::Object(m)
}
