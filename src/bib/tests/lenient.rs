//! The .bib reader on the files other tools write: what it reads another way than written,
//! what it skips with a warning, and every syntax error told in one run.

use super::{errors, lenient, one};
use std::sync::Arc;

#[test]
fn every_syntax_error_of_a_file_is_told_in_one_run() {
    let src = "@article{a, title = {A} year = 2020}\n\n@article{b,\n  title = {B},\n  author = {X, Y\n\n@article{c, title = {C}, year = 2020}\n@article{d title = {D}}\n@article{e, title = {E}}\n";
    let errs = errors(src);
    assert_eq!(errs.len(), 3, "{errs:?}");
    assert!(errs[0].starts_with("t.bib:1:25: expected"), "{errs:?}");
    assert_eq!(
        errs[1],
        "t.bib:3:1: this `@article` entry is not closed before the next entry starts"
    );
    assert!(errs[2].starts_with("t.bib:8:"), "{errs:?}");
}

#[test]
fn months_as_proceedings_and_macros_write_them() {
    for (month, n) in [
        ("{18--24 Jul}", 7),
        ("{July}", 7),
        ("{7}", 7),
        ("jul # \"~18\"", 7),
        ("dec # {~16}", 12),
        ("{02--04 May}", 5),
        ("{Sept}", 9),
        ("{Jun--Jul}", 6),
        ("01", 1),
    ] {
        let p = one(&format!(
            "@inproceedings{{k, title = {{T}}, year = 2023, month = {month}}}"
        ));
        assert_eq!(p.date.unwrap().iso(), format!("2023-{n:02}"), "{month}");
    }
    let p = one("@article{k, title = {T}, year = {2021a}}");
    assert_eq!(p.date.unwrap().iso(), "2021");
}

#[test]
fn al_folio_fields_are_links_badges_or_quietly_ignored() {
    let src = r#"@inproceedings{k, title = {T}, author = {A, B}, year = 2023,
  abbr = {ICML}, pdf = {example_pdf.pdf}, supp = {supp.pdf}, html = {https://x.org/p},
  preview = {x.png}, bibtex_show = {true}, altmetric = {248277}, dimensions = {true},
  google_scholar_id = {qyhmnyLat1gC}, award_name = {Oral}, arxiv = {2101.00001},
  selected = {true}, booktitle = {Proceedings of ICML}}
@article{j, title = {U}, author = {A, B}, year = 2020, journal = {J}, pdf = {j.pdf}}"#;
    assert!(errors(src).is_empty());
    // The two `pdf` file names are one warning that names both lines.
    let told = lenient(src);
    assert_eq!(told.len(), 2, "{told:?}");
    assert!(
        told[0].contains("`pdf` of 2 entries names a file") && told[0].contains("(lines 2, 6)"),
        "{told:?}"
    );
    assert!(told[1].contains("`supp` names a file"), "{told:?}");
    let (pubs, _) = crate::bib::parse(
        "t.bib",
        &Arc::from(src),
        Some("https://me.github.io/assets/pdf/"),
    );
    let p = &pubs[0];
    assert_eq!(p.venue_short.as_deref(), Some("ICML"));
    assert_eq!(p.award.as_deref(), Some("Oral"));
    assert_eq!(p.arxiv.as_deref(), Some("2101.00001"));
    assert!(p.selected);
    assert_eq!(
        p.links.0,
        [
            (
                "pdf".to_string(),
                "https://me.github.io/assets/pdf/example_pdf.pdf".to_string()
            ),
            ("link".to_string(), "https://x.org/p".to_string()),
            (
                "supplement".to_string(),
                "https://me.github.io/assets/pdf/supp.pdf".to_string()
            ),
        ]
    );
}

#[test]
fn identifiers_where_another_goes_and_venues_from_other_fields() {
    let p = one("@article{k, title = {T}, doi = {arXiv:2101.00001}}");
    assert_eq!((p.doi, p.arxiv.as_deref()), (None, Some("2101.00001")));
    let p = one("@article{k, title = {T}, doi = {https://arxiv.org/abs/2101.00001v2}}");
    assert_eq!(p.arxiv.as_deref(), Some("2101.00001v2"));
    let p = one("@article{k, title = {T}, doi = {https://doi.org/10.1000/xyz}}");
    assert_eq!(p.doi.as_deref(), Some("10.1000/xyz"));
    let p = one(
        "@misc{k, title = {T}, eprint = {2202.00002}, archivePrefix = {arXiv}, primaryClass = {cs.LG}}",
    );
    assert_eq!(p.arxiv.as_deref(), Some("2202.00002"));
    let p =
        one("@inproceedings{k, title = {T}, series = {Proceedings of Machine Learning Research}}");
    assert_eq!(
        p.venue.as_deref(),
        Some("Proceedings of Machine Learning Research")
    );
    let p = one("@article{k, title = {T}, publisher = {APS}}");
    assert_eq!(p.venue.as_deref(), Some("APS"));
    let p = one("@article{k, title = {T}, journal = {Physics,}, volume = 18}");
    assert_eq!(p.venue.as_deref(), Some("Physics"));
    let p = one("@article{k, title = {Learning $\\ell _{0}$ and $O(n \\log n)$}}");
    assert_eq!(p.title, "Learning ℓ₀ and O(n log n)");
}

#[test]
fn markdown_is_made_plain_and_its_links_found() {
    use super::latex::markdown;
    let (text, links) = markdown(
        "This is **bold**, *italic*, `code` and [a link](https://example.com); snake_case stays, 5 * 3 too, $\\mathcal{O}(n^2)$ reads plainly",
    );
    assert_eq!(
        text,
        "This is bold, italic, code and a link; snake_case stays, 5 * 3 too, O(n²) reads plainly"
    );
    assert_eq!(
        links,
        [("a link".to_string(), "https://example.com".to_string())]
    );
    assert_eq!(markdown("\\*not a mark\\*").0, "*not a mark*");
}
