//! Identifiers written the ways people paste them (resolver addresses, `doi:` and `arXiv:`
//! labels, ORCID addresses) give the same links, from the profile and from a .bib file.

use std::fs;

use serde_json::Value;

use crate::support::{Run, temp_dir};

/// Every `url` in the data a layout gets, in order.
fn urls(v: &Value, out: &mut Vec<String>) {
    match v {
        Value::Object(m) => {
            for (k, v) in m {
                match (k.as_str(), v) {
                    ("url", Value::String(u)) => out.push(u.clone()),
                    _ => urls(v, out),
                }
            }
        }
        Value::Array(a) => a.iter().for_each(|v| urls(v, out)),
        _ => {}
    }
}

/// The links of the CV made from a profile (and its `pubs.bib`), and what vita said.
fn cv_urls(name: &str, profile: &str, bib: Option<&str>) -> (Vec<String>, String) {
    let dir = temp_dir(name);
    fs::write(dir.join("profile.toml"), profile).unwrap();
    if let Some(bib) = bib {
        fs::write(dir.join("pubs.bib"), bib).unwrap();
    }
    let run = Run::vita(&["data", "--only", "cv"]).in_dir(&dir).ok();
    let data: Value = serde_json::from_str(&run.stdout).unwrap();
    let mut out = vec![];
    urls(&data["cv"], &mut out);
    (out, run.stderr)
}

#[test]
fn a_doi_written_as_an_address_or_with_a_label_links_once_to_the_resolver() {
    let profile = r#"updated = 2024-05-01
[person]
name = "Ada Lovelace"
orcid = "https://orcid.org/0000-0002-1825-0097"

[[publications]]
title = "Written as an Address"
authors = ["Ada Lovelace"]
doi = "https://doi.org/10.1000/x"
year = 2021

[[publications]]
title = "Written with a Label"
authors = ["Ada Lovelace"]
doi = "doi:10.1000/y"
arxiv = "arXiv:2007.08745"
year = 2020
"#;
    let (urls, stderr) = cv_urls("ids-profile", profile, None);
    assert!(!stderr.contains("error"), "{stderr}");
    assert!(
        urls.contains(&"https://doi.org/10.1000/x".to_string()),
        "{urls:?}"
    );
    assert!(
        urls.contains(&"https://doi.org/10.1000/y".to_string()),
        "{urls:?}"
    );
    assert!(
        urls.contains(&"https://arxiv.org/abs/2007.08745".to_string()),
        "{urls:?}"
    );
    assert!(
        urls.contains(&"https://orcid.org/0000-0002-1825-0097".to_string()),
        "{urls:?}"
    );
    for u in &urls {
        assert!(
            !u.contains("doi.org/https") && !u.contains("doi.org/doi:"),
            "{u}"
        );
        assert!(!u.contains("orcid.org/https"), "{u}");
        assert!(!u.contains("abs/arXiv:"), "{u}");
    }
}

#[test]
fn the_same_doi_in_two_forms_is_one_paper() {
    let profile = r#"updated = 2024-05-01
bibliography = ["pubs.bib"]
[person]
name = "Ada Lovelace"

[[publications]]
title = "Notes on the Analytical Engine, as the Profile Writes It"
authors = ["Ada Lovelace"]
doi = "https://dx.doi.org/10.1000/Engine"
year = 1843
"#;
    let bib = "@article{notes, title = {Notes on the Engine}, author = {Lovelace, Ada},\n  journal = {Taylor's Scientific Memoirs}, year = 1843, doi = {DOI: 10.1000/engine}}\n";
    let (urls, stderr) = cv_urls("ids-merge", profile, Some(bib));
    assert_eq!(
        urls.iter()
            .filter(|u| u.contains("doi.org"))
            .collect::<Vec<_>>(),
        ["https://doi.org/10.1000/Engine"],
        "{stderr}"
    );
    assert!(
        stderr.contains("is also in the bibliography as `notes`"),
        "{stderr}"
    );
}
