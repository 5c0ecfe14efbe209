//! Publications from BibTeX files, as a user meets them: merged with the profile, checked
//! with messages that point into the .bib file, and typeset in order at scale.

use std::fmt::Write as _;
use std::fs;

use crate::support::{Run, pdf_text, temp_dir};
use serde_json::Value;

const PROFILE: &str = r#"updated = 2024-05-01
bibliography = ["pubs.bib"]

[person]
name = "Yiming Li"

[[publications]]
title = "Toward Robustness, as the Profile Writes It"
authors = ["Yiming Li", "Baoyuan Wu"]
venue = "Pattern Recognition"
doi = "10.1016/j.patcog.2021.108123"
year = 2021

[[publications]]
id = "li2022survey"
selected = true
award = "Best Survey Award"
"#;

const BIB: &str = r#"@article{li2022survey,
  title = {Backdoor Learning: A Survey},
  author = {Li, Yiming and Jiang, Yong and Xia, Shu-Tao},
  journal = {IEEE Transactions on Neural Networks and Learning Systems},
  shortjournal = {TNNLS},
  year = 2022,
}

@article{robust,
  title = {Toward {R}obustness},
  author = {Li, Yiming and Wu, Baoyuan and Others, Jane},
  journal = {Pattern Recognition},
  doi = {https://doi.org/10.1016/J.PATCOG.2021.108123},
  year = 2021,
}

@inproceedings{other,
  title = {A Paper by Someone Else},
  author = {Li, Yuezun and Lyu, Siwei},
  booktitle = {ICCV},
  year = 2021,
}
"#;

fn cv_data(dir: &std::path::Path) -> (Value, String) {
    let run = Run::vita(&["data", "--only", "cv"]).in_dir(dir).ok();
    let data: Value = serde_json::from_str(&run.stdout).unwrap();
    (data["cv"].clone(), run.stderr)
}

fn works(data: &Value) -> Vec<Value> {
    data["sections"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["id"] == "publications")
        .unwrap()["groups"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|g| g["entries"].as_array().unwrap().clone())
        .collect()
}

#[test]
fn bib_entries_merge_with_the_profile_once_each_profile_fields_winning() {
    let dir = temp_dir("bib-merge");
    fs::write(dir.join("profile.toml"), PROFILE).unwrap();
    fs::write(dir.join("pubs.bib"), BIB).unwrap();
    let (data, stderr) = cv_data(&dir);
    let list = works(&data);
    let titles: Vec<&str> = list.iter().map(|w| w["title"].as_str().unwrap()).collect();
    // The same DOI (in another case, behind a resolver prefix) is one paper, listed with the
    // profile's title; the keyed entry gets the profile's award.
    assert_eq!(
        titles,
        [
            "Backdoor Learning: A Survey",
            "Toward Robustness, as the Profile Writes It",
            "A Paper by Someone Else",
        ]
    );
    assert_eq!(list[0]["award"], "Best Survey Award");
    assert_eq!(
        list[0]["venue"],
        "IEEE Transactions on Neural Networks and Learning Systems (TNNLS)"
    );
    let authors: Vec<&str> = list[1]["authors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["name"].as_str().unwrap())
        .collect();
    assert_eq!(authors, ["Yiming Li", "Baoyuan Wu"]);
    // One warning for the duplicate, at the profile entry, naming the .bib entry and line.
    assert!(
        stderr.contains("warning: `publications[1]` (\"Toward Robustness, as the Profile Writes It\") is also in the bibliography as `robust` (pubs.bib:9)"),
        "{stderr}"
    );
    assert!(stderr.contains("profile.toml:8:"), "{stderr}");
    assert!(stderr.contains("write `id = \"robust\"`"), "{stderr}");
    // The keyed entry is merged on purpose: no warning about it.
    assert!(!stderr.contains("li2022survey"), "{stderr}");
    // A paper without the person is pointed out in the .bib file.
    assert!(
        stderr.contains("warning: `other` (\"A Paper by Someone Else\") does not list `Yiming Li` among its authors"),
        "{stderr}"
    );
    assert!(stderr.contains("pubs.bib:17:"), "{stderr}");
}

#[test]
fn a_field_vita_cannot_use_is_a_warning_and_strict_makes_it_an_error() {
    let dir = temp_dir("bib-broken");
    fs::write(dir.join("profile.toml"), PROFILE).unwrap();
    fs::write(dir.join("pubs.bib"), BIB).unwrap();
    Run::vita(&["build", "--only", "cv"]).in_dir(&dir).ok();
    let before = fs::read(dir.join("out/cv.pdf")).unwrap();

    fs::write(
        dir.join("pubs.bib"),
        BIB.replace(
            "year = 2021,\n}\n\n@inproceedings",
            "year = {20O1},\n}\n\n@inproceedings",
        ),
    )
    .unwrap();
    // As biber would: the entry is listed without its date, and the warning says so.
    let run = Run::vita(&["check"]).in_dir(&dir).ok();
    assert!(
        run.stderr.contains(
            "warning: `year` of `robust` is not a year, so the entry has no date: `20O1`"
        ),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("--> pubs.bib:14:11"), "{}", run.stderr);
    assert!(
        run.stderr.contains("hint: write four digits"),
        "{}",
        run.stderr
    );
    // `--strict` is the old behaviour, for CI: an error, and nothing written.
    let run = Run::vita(&["build", "--only", "cv", "--strict"])
        .in_dir(&dir)
        .fails(1);
    assert!(
        run.stderr
            .contains("error: `year` of `robust` is not a year, so the entry has no date: `20O1`"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("read leniently and `--strict` is set"),
        "{}",
        run.stderr
    );
    assert_eq!(fs::read(dir.join("out/cv.pdf")).unwrap(), before);
    // Other warnings are no errors under `--strict`.
    fs::write(dir.join("pubs.bib"), BIB).unwrap();
    Run::vita(&["check", "--strict"]).in_dir(&dir).ok();

    // A syntax error too.
    fs::write(
        dir.join("pubs.bib"),
        BIB.replace(
            "title = {Toward {R}obustness},",
            "title = {Toward {R}obustness,",
        ),
    )
    .unwrap();
    let run = Run::vita(&["check"]).in_dir(&dir).fails(1);
    assert!(run.stderr.contains("--> pubs.bib:"), "{}", run.stderr);

    // A key that matches no entry, with the close one suggested.
    fs::write(dir.join("pubs.bib"), BIB).unwrap();
    fs::write(
        dir.join("profile.toml"),
        PROFILE.replace("id = \"li2022survey\"", "id = \"li2022survy\""),
    )
    .unwrap();
    let run = Run::vita(&["check"]).in_dir(&dir).fails(1);
    assert!(
        run.stderr.contains("error: `publications[2]` adds fields to the .bib entry `li2022survy`, but no .bib entry has that citation key"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("hint: did you mean `li2022survey`?"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("--> profile.toml:15:6"),
        "{}",
        run.stderr
    );

    // A missing file, with the one that is there suggested.
    fs::write(
        dir.join("profile.toml"),
        PROFILE.replace("[\"pubs.bib\"]", "[\"pub.bib\"]"),
    )
    .unwrap();
    let run = Run::vita(&["check"]).in_dir(&dir).fails(1);
    assert!(
        run.stderr
            .contains("error: the bibliography file `pub.bib` does not exist"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("--> profile.toml:2:17"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("hint: did you mean `pubs.bib`?"),
        "{}",
        run.stderr
    );
}

/// 300 entries with distinct dates, in a shuffled order, some with LaTeX in their titles.
fn big_bib() -> (String, Vec<String>) {
    let mut bib = String::new();
    let mut dated = vec![];
    for i in 0..300u32 {
        // A fixed permutation of 0..300 (7 is coprime with 300).
        let k = (i * 7) % 300;
        let year = 1990 + k / 12;
        let month = k % 12 + 1;
        let title = format!("Study {k:03} of Caf{{\\'e}} Models");
        let _ = write!(
            bib,
            "@article{{p{k},\n  title = {{{title}}},\n  author = {{Li, Yiming and Coauthor, Number{k}}},\n  journal = {{Journal {k}}},\n  year = {year},\n  month = {month},\n}}\n\n"
        );
        dated.push(((year, month), format!("Study {k:03} of Café Models")));
    }
    dated.sort_by_key(|d| std::cmp::Reverse(d.0));
    (bib, dated.into_iter().map(|(_, t)| t).collect())
}

#[test]
fn three_hundred_bib_entries_come_out_newest_first_and_numbered() {
    let dir = temp_dir("bib-300");
    let (bib, expected) = big_bib();
    fs::write(dir.join("pubs.bib"), bib).unwrap();
    fs::write(
        dir.join("profile.toml"),
        "updated = 2024-05-01\nbibliography = \"pubs.bib\"\n[person]\nname = \"Yiming Li\"\n[cv]\nsections = [\"publications\"]\n",
    )
    .unwrap();
    Run::vita(&["build", "--only", "cv"]).in_dir(&dir).ok();
    let (pages, text) = pdf_text(&fs::read(dir.join("out/cv.pdf")).unwrap());
    assert!(pages >= 5, "{pages} pages");
    // Text extraction puts a space after a change of font (the bold own name): drop it.
    let flat = text
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .replace(" ,", ",");
    // Every title once, in date order, each right after its number.
    let mut at = 0;
    for (i, title) in expected.iter().enumerate() {
        let label = format!("[{}] Yiming Li, Number", i + 1);
        let found = flat[at..]
            .find(&label)
            .unwrap_or_else(|| panic!("no {label:?} after byte {at}"));
        at += found;
        let t = flat[at..]
            .find(title.as_str())
            .unwrap_or_else(|| panic!("no {title:?} after [{}]", i + 1));
        // The title belongs to this entry: no other number stands between.
        assert!(
            !flat[at + label.len()..at + t].contains('['),
            "{title} is not in entry {}",
            i + 1
        );
        at += t;
    }
    assert!(!flat.contains("[301]"));
    assert_eq!(flat.matches("Café Models").count(), 300);
    assert!(
        !flat.contains('\\') && !flat.contains('{'),
        "LaTeX left in the text"
    );
}

#[test]
fn and_others_prints_et_al_once_with_one_full_stop() {
    let dir = temp_dir("bib-et-al");
    fs::write(
        dir.join("pubs.bib"),
        "@article{a, title = {Many Hands}, author = {Li, Yiming and Doe, John and others}, journal = {J}, year = 2020}\n",
    )
    .unwrap();
    fs::write(
        dir.join("profile.toml"),
        "updated = 2024-05-01\nbibliography = \"pubs.bib\"\n[person]\nname = \"Yiming Li\"\n",
    )
    .unwrap();
    Run::vita(&["build", "--only", "cv"]).in_dir(&dir).ok();
    let (_, text) = pdf_text(&fs::read(dir.join("out/cv.pdf")).unwrap());
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(flat.contains("John Doe, et al. Many Hands."), "{flat}");
    assert!(!flat.contains("et al.."), "{flat}");
}
