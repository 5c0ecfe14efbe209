//! What `vita check` says for SciENcv: SciENcv takes a biosketch's products only from the
//! person's ORCID record or My Bibliography, which find a work by its identifiers. So each
//! product of an NIH or NSF biosketch is checked for a DOI (or a PubMed id), and those without
//! one are named: link them in ORCID (or My Bibliography) first.

use crate::profile::{Profile, Publication};

/// A line about the products of the document `name`, if it lists any: how many SciENcv can
/// match, and which to link first.
pub fn products_line(p: &Profile, name: &str) -> Option<String> {
    let (_, settings) = p.documents().into_iter().find(|(n, _)| *n == name)?;
    let ids: Vec<&String> = settings
        .products
        .iter()
        .chain(&settings.other_products)
        .collect();
    if ids.is_empty() {
        return None;
    }
    let found = |id: &str| -> Option<&Publication> {
        p.publications.iter().find(|x| x.id.as_deref() == Some(id))
    };
    let unmatched: Vec<&str> = ids
        .iter()
        .filter(|id| !found(id).is_some_and(matchable))
        .map(|id| id.as_str())
        .collect();
    let n = ids.len();
    Some(if unmatched.is_empty() {
        format!("products SciENcv can match by DOI or PMID: {n} of {n}")
    } else {
        format!(
            "products SciENcv can match by DOI or PMID: {} of {n}; link in ORCID (or My Bibliography) first: {}",
            n - unmatched.len(),
            unmatched
                .iter()
                .map(|i| format!("`{i}`"))
                .collect::<Vec<_>>()
                .join(", ")
        )
    })
}

/// Whether ORCID or My Bibliography can find the work by an identifier.
fn matchable(p: &Publication) -> bool {
    p.doi.is_some()
        || p.links.0.iter().any(|(label, url)| {
            label.eq_ignore_ascii_case("pubmed")
                || label.eq_ignore_ascii_case("pmid")
                || url.contains("pubmed.ncbi.nlm.nih.gov")
        })
}
