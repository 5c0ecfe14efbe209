//! `vita export publications`: the merged publication list as BibTeX (read back by vita's own
//! reader without loss), CSL-JSON (valid against the CSL schema) and RIS (read back by a
//! small RIS reader).

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde_json::{Value, json};
use vita::names::{Spelling, split_marks};
use vita::profile::Publication;
use vita::pubexport::{PubFormat, export};

use crate::support::{Run, fixture, repo, temp_dir};

/// The example profile and the export fixture.
fn profiles() -> Vec<PathBuf> {
    vec![
        repo().join("profile.toml"),
        fixture("export").join("profile.toml"),
    ]
}

fn publications(profile: &Path) -> Vec<Publication> {
    vita::load::load(profile)
        .unwrap_or_else(|d| panic!("{d:?}"))
        .profile
        .publications
}

/// What BibTeX carries of a publication, in a form two readings of one paper share.
fn comparable(p: &Publication) -> Value {
    let authors: Vec<String> = p
        .authors
        .iter()
        .map(|a| {
            let (name, marks) = split_marks(a);
            let key = Spelling::parse(name).map_or(name.to_string(), |s| s.key());
            format!("{key}{marks}")
        })
        .collect();
    let mut links = p.links.0.clone();
    links.sort();
    let date = p.date.or(p.year.map(|year| vita::profile::Date::On {
        year,
        month: None,
        day: None,
    }));
    json!({
        "title": p.title,
        "authors": authors,
        "kind": p.pub_type().name(),
        "venue": p.venue,
        "venue_short": p.venue_short,
        "volume": p.volume,
        "issue": p.issue,
        "pages": p.pages.as_deref().map(|s| s.replace("--", "–")),
        "date": date.map(|d| d.iso()),
        "doi": p.doi,
        "arxiv": p.arxiv,
        "links": links,
        "note": p.note,
        "category": p.category,
        "award": p.award,
        "presentation": p.presentation,
        "acceptance": p.acceptance,
        "citations": p.citations,
        "selected": p.selected,
    })
}

#[test]
fn bibtex_reads_back_without_loss() {
    for profile in profiles() {
        let pubs = publications(&profile);
        assert!(pubs.len() >= 6, "{}", profile.display());
        let bib = export(&pubs, PubFormat::Bib);
        let (back, diags) = vita::bib::parse("export.bib", &Arc::from(bib.as_str()), None);
        assert!(diags.is_empty(), "{diags:?}\n{bib}");
        assert_eq!(back.len(), pubs.len(), "{bib}");
        for (a, b) in pubs.iter().zip(&back) {
            assert_eq!(comparable(a), comparable(b), "\n{bib}");
        }
    }
}

#[test]
fn bibtex_escapes_latex_specials() {
    let pubs = publications(&fixture("export").join("profile.toml"));
    let bib = export(&pubs, PubFormat::Bib);
    assert!(
        bib.contains(
            "title         = {R\\&D at 100\\% for \\$5: \\#1 of a\\_b, x\\textasciicircum{}2 and ½},"
        ),
        "{bib}"
    );
    assert!(
        bib.contains("author        = {Lovelace, Ada and Babbage, Charles and van Beethoven, Ludwig and {Open Science Collaboration} and others},"),
        "{bib}"
    );
    assert!(bib.contains("equal         = {1,2},"), "{bib}");
    assert!(
        bib.contains(
            "author    = {Müller, Jürgen and {李一鸣} and Lovelace, Ada and Davis, Jr., Sammy},"
        ),
        "{bib}"
    );
    assert!(bib.contains("corresponding = {2},"), "{bib}");
    // Addresses are written as they are: `_`, `%` and `#` mean what they say in a URL.
    assert!(
        bib.contains("url           = {https://example.org/paper_1?a=1&b=2#frag},"),
        "{bib}"
    );
    assert!(bib.contains("@phdthesis{thesis,"), "{bib}");
    assert!(bib.contains("month         = apr,"), "{bib}");
}

#[test]
fn csl_json_validates_against_the_csl_schema() {
    let schema: Value = serde_json::from_str(
        &fs::read_to_string(repo().join("tests/schemas/csl-data.json")).unwrap(),
    )
    .unwrap();
    let validator = jsonschema::validator_for(&schema).unwrap();
    for profile in profiles() {
        let pubs = publications(&profile);
        let text = export(&pubs, PubFormat::CslJson);
        let items: Value = serde_json::from_str(&text).unwrap();
        let errors: Vec<String> = validator
            .iter_errors(&items)
            .map(|e| e.to_string())
            .collect();
        assert!(errors.is_empty(), "{errors:?}\n{text}");
        assert_eq!(items.as_array().unwrap().len(), pubs.len());
    }
    // The schema is not a formality: an item without a type fails it.
    assert!(!validator.is_valid(&json!([{ "id": "x", "title": "No type" }])));

    let pubs = publications(&fixture("export").join("profile.toml"));
    let items: Value = serde_json::from_str(&export(&pubs, PubFormat::CslJson)).unwrap();
    let first = &items[0];
    assert_eq!(first["type"], "article-journal");
    assert_eq!(
        first["author"][0],
        json!({ "family": "Lovelace", "given": "Ada" })
    );
    assert_eq!(
        first["author"][2],
        json!({ "family": "van Beethoven", "given": "Ludwig" })
    );
    assert_eq!(first["issued"], json!({ "date-parts": [[2023, 4, 5]] }));
    assert_eq!(first["page"], "1–18");
    assert_eq!(first["DOI"], "10.1000/xyz_123");
    assert_eq!(
        first["author"][3],
        json!({ "literal": "Open Science Collaboration" })
    );
    assert_eq!(items[1]["author"][1], json!({ "literal": "李一鸣" }));
    assert_eq!(
        items[1]["author"][3],
        json!({ "family": "Davis", "given": "Sammy", "suffix": "Jr." })
    );
    let kinds: Vec<&str> = items
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["type"].as_str().unwrap())
        .collect();
    for k in [
        "thesis",
        "chapter",
        "book",
        "paper-conference",
        "article",
        "document",
    ] {
        assert!(kinds.contains(&k), "{kinds:?}");
    }
}

/// A small RIS reader: records of `(tag, value)`, each from `TY` to `ER`.
fn read_ris(text: &str) -> Vec<Vec<(String, String)>> {
    let mut records = vec![];
    let mut current: Option<Vec<(String, String)>> = None;
    for line in text.split("\r\n") {
        if line.is_empty() {
            continue;
        }
        let (tag, value) = line
            .split_once("  - ")
            .unwrap_or_else(|| panic!("not a RIS line: {line:?}"));
        assert!(
            tag.len() == 2
                && tag
                    .chars()
                    .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit()),
            "{line:?}"
        );
        match tag {
            "TY" => {
                assert!(current.is_none(), "TY inside a record");
                current = Some(vec![(tag.into(), value.into())]);
            }
            "ER" => records.push(current.take().expect("ER without TY")),
            _ => current
                .as_mut()
                .expect("a tag outside a record")
                .push((tag.into(), value.into())),
        }
    }
    assert!(current.is_none(), "a record is not closed");
    records
}

#[test]
fn ris_reads_back() {
    for profile in profiles() {
        let pubs = publications(&profile);
        let text = export(&pubs, PubFormat::Ris);
        let records = read_ris(&text);
        assert_eq!(records.len(), pubs.len());
        for (r, p) in records.iter().zip(&pubs) {
            let get = |t: &str| r.iter().find(|(k, _)| k == t).map(|(_, v)| v.as_str());
            assert_eq!(get("TI"), Some(p.title.as_str()));
            let authors = r.iter().filter(|(k, _)| k == "AU").count();
            let listed = p.authors.iter().filter(|a| !a.starts_with("et al")).count();
            assert_eq!(authors, listed, "{r:?}");
        }
    }
    let pubs = publications(&fixture("export").join("profile.toml"));
    let records = read_ris(&export(&pubs, PubFormat::Ris));
    let first: Vec<(&str, &str)> = records[0]
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    for tag in [
        ("TY", "JOUR"),
        ("ID", "specials"),
        ("AU", "Lovelace, Ada"),
        ("AU", "van Beethoven, Ludwig"),
        ("T2", "Journal of Special Characters & Escapes"),
        ("J2", "JSCE"),
        ("VL", "12"),
        ("IS", "3"),
        ("SP", "1"),
        ("EP", "18"),
        ("PY", "2023"),
        ("DA", "2023/04/05/"),
        ("DO", "10.1000/xyz_123"),
        ("UR", "https://example.org/paper_1?a=1&b=2#frag"),
        ("KW", "engines"),
    ] {
        assert!(first.contains(&tag), "{tag:?} not in {first:?}");
    }
    let types: Vec<&str> = records.iter().map(|r| r[0].1.as_str()).collect();
    assert_eq!(
        types,
        [
            "JOUR", "CPAPER", "UNPB", "THES", "CHAP", "BOOK", "CPAPER", "GEN", "UNPB"
        ]
    );
}

#[test]
fn the_command_writes_to_stdout_or_a_file() {
    let dir = temp_dir("export-cli");
    for f in ["profile.toml", "export.bib"] {
        fs::copy(fixture("export").join(f), dir.join(f)).unwrap();
    }
    let out = Run::vita(&["export", "publications", "--format", "bib"])
        .in_dir(&dir)
        .ok();
    assert!(
        out.stdout.starts_with("@article{specials,"),
        "{}",
        out.stdout
    );
    let run = Run::vita(&[
        "export",
        "publications",
        "profile.toml",
        "--format",
        "csl-json",
        "--out",
        "pubs.json",
    ])
    .in_dir(&dir)
    .ok();
    assert!(run.stdout.is_empty());
    let written: Value = serde_json::from_slice(&fs::read(dir.join("pubs.json")).unwrap()).unwrap();
    assert_eq!(written.as_array().unwrap().len(), 9);
    let out = Run::vita(&["export", "publications", "--format", "endnote"])
        .in_dir(&dir)
        .fails(2);
    assert!(out.stderr.contains("bib, csl-json, ris"), "{}", out.stderr);
    let out = Run::vita(&["export"]).in_dir(&dir).fails(2);
    assert!(
        out.stderr.contains("vita export publications"),
        "{}",
        out.stderr
    );
    // A profile with a mistake writes nothing.
    fs::write(dir.join("profile.toml"), "[person]\nnme = \"A\"\n").unwrap();
    let out = Run::vita(&[
        "export",
        "publications",
        "--format",
        "ris",
        "--out",
        "x.ris",
    ])
    .in_dir(&dir)
    .fails(1);
    assert!(out.stderr.contains("profile.toml:2:1"), "{}", out.stderr);
    assert!(!dir.join("x.ris").exists());
}
