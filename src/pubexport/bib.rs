//! Publications as BibTeX: the standard fields every BibTeX reader knows, plus vita's own
//! (`category`, `award`, `equal`, `code`, ...) that other tools ignore and vita reads back.

use super::{authors, cut, date, kind, main_url, thesis_parts};
use crate::profile::{PubType, Publication};

/// Link labels that are BibTeX fields of their own in vita's reader.
pub(crate) const LINK_FIELDS: &[&str] = &["pdf", "code", "slides", "video", "poster", "project"];

const MONTHS: [&str; 12] = [
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
];

/// The publications as a .bib file, one entry each under `keys`.
pub fn bibtex(pubs: &[Publication], keys: &[String]) -> String {
    let mut out = String::new();
    for (p, key) in pubs.iter().zip(keys) {
        out.push_str(&entry(p, key));
        out.push('\n');
    }
    out
}

/// One entry.
fn entry(p: &Publication, key: &str) -> String {
    let mut fields: Vec<(&str, String)> = vec![];
    let title = p.title.trim();
    if !title.is_empty() {
        fields.push(("title", format!("{{{}}}", protect(&escape(title)))));
    }
    let names = authors(p);
    let mut list: Vec<String> = names
        .iter()
        .map(|n| match n.suffix.as_str() {
            "" => name(&n.family, &n.given),
            // BibTeX's three-part form: `Davis, Jr., Sammy`.
            sfx => format!(
                "{}, {}, {}",
                family(&n.family),
                escape(sfx),
                escape(&n.given)
            ),
        })
        .collect();
    if cut(p) {
        list.push("others".to_string());
    }
    if !list.is_empty() {
        fields.push(("author", format!("{{{}}}", list.join(" and "))));
    }
    let venue = p.venue.as_deref();
    let (kind_name, venue_field, short_field) = match kind(p) {
        PubType::Journal => ("article", Some("journal"), "shortjournal"),
        PubType::Conference | PubType::Workshop => {
            ("inproceedings", Some("booktitle"), "shortbooktitle")
        }
        PubType::Chapter => ("incollection", Some("booktitle"), "shortbooktitle"),
        PubType::Book => ("book", Some("publisher"), "venue_short"),
        PubType::Thesis => match thesis_parts(venue).0 {
            Some("Ph.D. thesis") => ("phdthesis", None, "venue_short"),
            Some(_) => ("mastersthesis", None, "venue_short"),
            None => ("thesis", None, "venue_short"),
        },
        PubType::Preprint | PubType::Other => ("misc", Some("howpublished"), "venue_short"),
    };
    let mut fields_after: Vec<(&str, String)> = vec![];
    {
        let mut text = |name: &'static str, value: Option<&str>| {
            if let Some(v) = value.map(str::trim).filter(|v| !v.is_empty()) {
                fields_after.push((name, format!("{{{}}}", escape(v))));
            }
        };
        match venue_field {
            // An arXiv preprint is said by its `eprint`; its venue is arXiv's name.
            Some("howpublished")
                if p.arxiv.is_some() && venue.is_some_and(PubType::venue_is_arxiv) => {}
            Some(f) => text(f, venue),
            None => text("school", thesis_parts(venue).1.as_deref()),
        }
        text(short_field, p.venue_short.as_deref());
        text("volume", p.volume.as_deref());
        text("number", p.issue.as_deref());
        text(
            "pages",
            p.pages.as_deref().map(|s| s.replace('–', "--")).as_deref(),
        );
    }
    fields.extend(fields_after);
    if let Some(d) = date(p)
        && let Some((year, month, day)) = match d {
            crate::profile::Date::On { year, month, day } => Some((year, month, day)),
            crate::profile::Date::Present => None,
        }
    {
        fields.push(("year", format!("{{{year}}}")));
        if let Some(m) = month {
            fields.push(("month", MONTHS[usize::from(m) - 1].to_string()));
            if day.is_some() {
                fields.push(("date", format!("{{{}}}", d.iso())));
            }
        }
    }
    let mut raw = |name: &'static str, value: Option<&str>| {
        if let Some(v) = value.map(str::trim).filter(|v| !v.is_empty()) {
            fields.push((name, format!("{{{}}}", verbatim(v))));
        }
    };
    raw("doi", p.doi.as_deref());
    if let Some(a) = &p.arxiv {
        raw("eprint", Some(a));
        raw("archiveprefix", Some("arXiv"));
    }
    raw("url", main_url(p));
    for label in LINK_FIELDS {
        raw(
            label,
            p.links
                .0
                .iter()
                .find(|(l, _)| l == label)
                .map(|(_, u)| u.as_str()),
        );
    }
    let mut text = |name: &'static str, value: Option<&str>| {
        if let Some(v) = value.map(str::trim).filter(|v| !v.is_empty()) {
            fields.push((name, format!("{{{}}}", escape(v))));
        }
    };
    text("note", p.note.as_deref());
    let mut keywords = p.tags.clone();
    if p.selected {
        keywords.push("selected".to_string());
    }
    text("keywords", Some(&keywords.join(", ")));
    text("category", p.category.as_deref());
    text("award", p.award.as_deref());
    text("presentation", p.presentation.as_deref());
    text("acceptance", p.acceptance.as_deref());
    text("citations", p.citations.map(|c| c.to_string()).as_deref());
    let positions = |mark: char| -> String {
        names
            .iter()
            .enumerate()
            .filter(|(_, n)| n.marks.contains(mark))
            .map(|(i, _)| (i + 1).to_string())
            .collect::<Vec<_>>()
            .join(",")
    };
    text("equal", Some(&positions('*')));
    text("corresponding", Some(&positions('†')));

    let width = fields.iter().map(|(n, _)| n.len()).max().unwrap_or(0);
    let mut out = format!("@{kind_name}{{{key},\n");
    for (n, v) in fields {
        out.push_str(&format!("  {n:width$} = {v},\n"));
    }
    out.push_str("}\n");
    out
}

/// One name for BibTeX's `author` list: `Family, Given`, braced whole when it has no
/// parts or holds a word `and` (`{Open Science Collaboration}`).
fn name(family: &str, given: &str) -> String {
    let has_and = |s: &str| s.split_whitespace().any(|w| w.eq_ignore_ascii_case("and"));
    if given.is_empty() {
        return format!("{{{}}}", escape(family));
    }
    let family = self::family(family);
    let given = if has_and(given) {
        format!("{{{}}}", escape(given))
    } else {
        escape(given)
    };
    format!("{family}, {given}")
}

/// A family name for BibTeX: braced when it has words BibTeX would take apart (`{De la
/// Cruz}`), not when it starts with a particle BibTeX reads as such (`van Beethoven`).
fn family(family: &str) -> String {
    let has_and = family
        .split_whitespace()
        .any(|w| w.eq_ignore_ascii_case("and"));
    if has_and || family.contains(' ') && !is_particle_start(family) {
        format!("{{{}}}", escape(family))
    } else {
        escape(family)
    }
}

/// Whether a family name starts with a lowercase particle (`van Beethoven`), which BibTeX
/// reads as its `von` part without braces.
fn is_particle_start(family: &str) -> bool {
    family.chars().next().is_some_and(char::is_lowercase)
}

/// Text with LaTeX's special characters escaped, so it reads back as written.
/// An escaped title with each word that has a capital after its first letter (`BERT`,
/// `GANs`, `ImageNet`) in braces, so that a style which sets titles in sentence case keeps
/// it as written, as Zotero's Better BibTeX does.
fn protect(escaped: &str) -> String {
    let mut out = String::with_capacity(escaped.len() + 8);
    for (i, word) in escaped.split(' ').enumerate() {
        if i > 0 {
            out.push(' ');
        }
        let core = word.trim_matches(|c: char| !c.is_alphanumeric());
        let inner_capital = core.chars().skip(1).any(char::is_uppercase);
        if inner_capital && !core.contains(['\\', '{', '}']) {
            let start = word.find(core).unwrap_or(0);
            let end = start + core.len();
            out.push_str(&word[..start]);
            out.push('{');
            out.push_str(core);
            out.push('}');
            out.push_str(&word[end..]);
        } else {
            out.push_str(word);
        }
    }
    out
}

pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\textbackslash{}"),
            '{' | '}' | '&' | '%' | '$' | '#' | '_' => {
                out.push('\\');
                out.push(c);
            }
            '~' => out.push_str("\\textasciitilde{}"),
            '^' => out.push_str("\\textasciicircum{}"),
            '\u{a0}' => out.push('~'),
            '\n' | '\r' | '\t' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// An address or identifier: as written, but with braces that could end the field early
/// escaped as URLs do (`%7B`, `%7D`).
pub(crate) fn verbatim(s: &str) -> String {
    s.replace('{', "%7B")
        .replace('}', "%7D")
        .replace(['\n', '\r'], "")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_with_inner_capitals_keep_their_case() {
        assert_eq!(
            super::protect("BERT for GANs on ImageNet: A Survey (CVPR), iPhone"),
            "{BERT} for {GANs} on {ImageNet}: A Survey ({CVPR}), {iPhone}"
        );
        assert_eq!(super::protect("R\\&D Backdoor"), "R\\&D Backdoor");
    }

    #[test]
    fn escapes_latex_specials() {
        assert_eq!(escape("R&D 100% $5 #1 a_b"), "R\\&D 100\\% \\$5 \\#1 a\\_b");
        assert_eq!(
            escape("{x} ~ ^ \\"),
            "\\{x\\} \\textasciitilde{} \\textasciicircum{} \\textbackslash{}"
        );
    }

    #[test]
    fn a_bibtex_parser_reads_the_escapes_back() {
        use biblatex::ChunksExt;
        let s = "{x} ~ ^ \\ & % $ # _ Grüße";
        let src = format!("@misc{{k, title = {{{}}}}}", escape(s));
        let bib = biblatex::Bibliography::parse(&src).unwrap();
        let title = bib.get("k").unwrap().title().unwrap().format_verbatim();
        assert_eq!(title, s, "{src}");
    }

    #[test]
    fn names_keep_their_parts() {
        assert_eq!(name("Li", "Yiming"), "Li, Yiming");
        assert_eq!(name("van Beethoven", "Ludwig"), "van Beethoven, Ludwig");
        assert_eq!(
            name("Open Science Collaboration", ""),
            "{Open Science Collaboration}"
        );
        assert_eq!(name("De la Cruz", "Ana"), "{De la Cruz}, Ana");
    }
}
