//! arXiv's API (`/query?id_list=...`), which answers in Atom.

use super::work::{Kind, Work, bare_arxiv, bare_doi};
use super::{Client, Fresh, NetError, Source, encode};

const ATOM: &str = "http://www.w3.org/2005/Atom";
const ARXIV: &str = "http://arxiv.org/schemas/atom";

/// The work an arXiv identifier names.
pub fn work(client: &Client, id: &str) -> Result<Work, NetError> {
    let url = format!(
        "{}/query?id_list={}&max_results=1",
        Source::Arxiv.base(),
        encode(id)
    );
    let bytes = client.get(Source::Arxiv, &url, "application/atom+xml", Fresh::Always)?;
    let malformed = |why: String| NetError::Malformed {
        source: Source::Arxiv,
        url: url.clone(),
        why,
    };
    let text = String::from_utf8(bytes).map_err(|e| malformed(e.to_string()))?;
    let doc = roxmltree::Document::parse(&text).map_err(|e| malformed(e.to_string()))?;
    let entry = doc
        .root_element()
        .children()
        .find(|n| n.has_tag_name((ATOM, "entry")))
        .filter(|e| {
            // An error comes as an entry whose id is an `api/errors` address.
            let id = child_text(*e, ATOM, "id").unwrap_or_default();
            !id.contains("/api/errors")
                && child_text(*e, ATOM, "title").is_some_and(|t| t != "Error")
        })
        .ok_or_else(|| NetError::NotFound {
            source: Source::Arxiv,
            url: url.clone(),
        })?;
    client.keep(&url, text.as_bytes());
    Ok(read(entry))
}

fn child_text(n: roxmltree::Node, ns: &str, name: &str) -> Option<String> {
    n.children()
        .find(|c| c.has_tag_name((ns, name)))
        .and_then(|c| c.text())
        .map(|t| t.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|t| !t.is_empty())
}

/// One Atom entry in vita's shape: a preprint, its journal reference and DOI if the
/// authors gave them.
fn read(e: roxmltree::Node) -> Work {
    let authors = e
        .children()
        .filter(|c| c.has_tag_name((ATOM, "author")))
        .filter_map(|a| child_text(a, ATOM, "name"))
        .map(|name| match name.rsplit_once(' ') {
            Some((given, family)) => (family.to_string(), given.to_string()),
            None => (name, String::new()),
        })
        .collect();
    let published = child_text(e, ATOM, "published").unwrap_or_default();
    let year = published.get(..4).and_then(|y| y.parse().ok());
    let month = published.get(5..7).and_then(|m| m.parse().ok());
    let id = child_text(e, ATOM, "id").unwrap_or_default();
    Work {
        kind: Kind::Preprint,
        title: child_text(e, ATOM, "title").unwrap_or_default(),
        authors,
        venue: None,
        year,
        month,
        doi: child_text(e, ARXIV, "doi").and_then(|d| bare_doi(&d)),
        arxiv: bare_arxiv(&id),
        ..Default::default()
    }
}
