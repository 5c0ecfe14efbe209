//! Publications as RIS, the tagged format of EndNote that every reference manager imports:
//! a `TY` line opens a record, `ER` closes it, a line per field between.

use super::{authors, date, kind, main_url, page_range, thesis_parts};
use crate::profile::{Date, PubType, Publication};

/// The publications as RIS records (CRLF line ends, as the format's specification has it).
pub fn ris(pubs: &[Publication], keys: &[String]) -> String {
    let mut out = String::new();
    for (p, key) in pubs.iter().zip(keys) {
        record(&mut out, p, key);
    }
    out
}

fn record(out: &mut String, p: &Publication, key: &str) {
    let mut line = |tag: &str, value: &str| {
        let v: String = value
            .chars()
            .map(|c| if c.is_control() { ' ' } else { c })
            .collect();
        let v = v.trim();
        if !v.is_empty() || tag == "ER" {
            out.push_str(&format!("{tag}  - {v}\r\n"));
        }
    };
    let venue = p.venue.as_deref();
    let ty = match kind(p) {
        PubType::Journal => "JOUR",
        PubType::Conference | PubType::Workshop => "CPAPER",
        PubType::Chapter => "CHAP",
        PubType::Book => "BOOK",
        PubType::Thesis => "THES",
        PubType::Preprint => "UNPB",
        PubType::Other => "GEN",
    };
    line("TY", ty);
    line("ID", key);
    line("TI", &p.title);
    for a in authors(p) {
        // `Family, Given, Suffix`, as RIS writes names.
        let parts: Vec<&str> = [a.family.as_str(), a.given.as_str(), a.suffix.as_str()]
            .into_iter()
            .filter(|s| !s.is_empty())
            .collect();
        line("AU", &parts.join(", "));
    }
    match kind(p) {
        PubType::Thesis => {
            let (what, school) = thesis_parts(venue);
            line("M3", what.unwrap_or(""));
            line("PB", school.as_deref().unwrap_or(""));
        }
        PubType::Book => line("PB", venue.unwrap_or("")),
        PubType::Journal => {
            line("T2", venue.unwrap_or(""));
            line("J2", p.venue_short.as_deref().unwrap_or(""));
        }
        _ => {
            line("T2", venue.unwrap_or(""));
            line("J2", p.venue_short.as_deref().unwrap_or(""));
        }
    }
    line("VL", p.volume.as_deref().unwrap_or(""));
    line("IS", p.issue.as_deref().unwrap_or(""));
    if let Some(pages) = &p.pages {
        let (sp, ep) = page_range(pages);
        line("SP", &sp);
        line("EP", ep.as_deref().unwrap_or(""));
    }
    if let Some(Date::On { year, month, day }) = date(p) {
        line("PY", &year.to_string());
        // `DA`: YYYY/MM/DD/other, a day not known left empty.
        if let Some(m) = month {
            let d = day.map(|d| format!("{d:02}")).unwrap_or_default();
            line("DA", &format!("{year}/{m:02}/{d}/"));
        }
    }
    line("DO", p.doi.as_deref().unwrap_or(""));
    let arxiv_url = p
        .arxiv
        .as_ref()
        .map(|a| format!("https://arxiv.org/abs/{a}"));
    line("UR", main_url(p).or(arxiv_url.as_deref()).unwrap_or(""));
    if let Some(a) = &p.arxiv {
        line("AN", &format!("arXiv:{a}"));
    }
    for t in &p.tags {
        line("KW", t);
    }
    line("N1", p.note.as_deref().unwrap_or(""));
    line("ER", "");
    out.push_str("\r\n");
}
