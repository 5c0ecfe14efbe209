//! Named documents: several tailored documents from one profile, picked by kind, tags,
//! sections and output name.

use std::fs;

use serde_json::Value;

use crate::support::{Run, pdf_text, temp_dir};

const PROFILE: &str = r#"[person]
name = "Ada Lovelace"
email = "ada@example.org"

[documents.security-resume]
kind = "resume"
sections = ["experience", "talks"]
include_tags = ["security"]
output = "{name}-security.pdf"

[documents.teaching-cv]
kind = "cv"
exclude_tags = ["security"]

[[experience]]
role = "Red Team Lead"
organisation = "Analytical Engines Ltd"
start = 2020
tags = ["security"]

[[experience]]
role = "Lecturer"
organisation = "University of London"
start = 2018
end = 2020
tags = ["teaching"]

[[experience]]
role = "Research Fellow"
organisation = "Royal Society"
start = 2016
end = 2018

[[talks]]
title = "Breaking Difference Engines"
event = "SecCon"
date = 2021
tags = ["security"]
"#;

fn text(path: &std::path::Path) -> String {
    pdf_text(&fs::read(path).unwrap()).1
}

#[test]
fn two_named_documents_pick_different_entries_from_one_profile() {
    let dir = temp_dir("named-documents");
    fs::write(dir.join("profile.toml"), PROFILE).unwrap();
    let run = Run::vita(&["build"]).in_dir(&dir).ok();
    assert!(run.stderr.is_empty(), "{}", run.stderr);
    for file in [
        "resume.pdf",
        "cv.pdf",
        "ada-lovelace-security.pdf",
        "teaching-cv.pdf",
    ] {
        assert!(
            dir.join("out").join(file).exists(),
            "{file}: {}",
            run.stdout
        );
    }
    // Tagged entries go only where their tags are wanted; untagged ones everywhere.
    let security = text(&dir.join("out/ada-lovelace-security.pdf"));
    assert!(security.contains("Red Team Lead"), "{security}");
    assert!(
        security.contains("Breaking Difference Engines"),
        "{security}"
    );
    assert!(security.contains("Research Fellow"), "{security}");
    assert!(!security.contains("Lecturer"), "{security}");
    let teaching = text(&dir.join("out/teaching-cv.pdf"));
    assert!(teaching.contains("Lecturer"), "{teaching}");
    assert!(teaching.contains("Research Fellow"), "{teaching}");
    assert!(!teaching.contains("Red Team Lead"), "{teaching}");
    assert!(
        !teaching.contains("Breaking Difference Engines"),
        "{teaching}"
    );
    // The default documents show everything.
    let cv = text(&dir.join("out/cv.pdf"));
    assert!(
        cv.contains("Red Team Lead") && cv.contains("Lecturer"),
        "{cv}"
    );

    // One of them alone, by name; its data says what it is.
    let out = temp_dir("named-documents-only");
    Run::vita(&["build", "--only", "teaching-cv", "--out"])
        .arg(&out)
        .in_dir(&dir)
        .ok();
    let names: Vec<String> = fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, ["teaching-cv.pdf"]);
    let run = Run::vita(&["data", "--only", "security-resume"])
        .in_dir(&dir)
        .ok();
    let data: Value = serde_json::from_str(&run.stdout).unwrap();
    let doc = &data["security-resume"];
    assert_eq!(doc["doc"], "resume");
    assert_eq!(doc["name"], "security-resume");
    let ids: Vec<&str> = doc["sections"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["experience", "talks"]);
}

#[test]
fn entries_can_be_excluded_from_a_kind_or_one_named_document() {
    let dir = temp_dir("named-exclude");
    let profile = PROFILE.replace("end = 2018\n", "end = 2018\nexclude = [\"teaching-cv\"]\n");
    fs::write(dir.join("profile.toml"), profile).unwrap();
    Run::vita(&["build"]).in_dir(&dir).ok();
    assert!(!text(&dir.join("out/teaching-cv.pdf")).contains("Research Fellow"));
    assert!(text(&dir.join("out/cv.pdf")).contains("Research Fellow"));
    // Excluding a kind excludes it from every document of that kind.
    let profile = PROFILE.replace("end = 2018\n", "end = 2018\nexclude = [\"cv\"]\n");
    fs::write(dir.join("profile.toml"), profile).unwrap();
    Run::vita(&["build"]).in_dir(&dir).ok();
    assert!(!text(&dir.join("out/teaching-cv.pdf")).contains("Research Fellow"));
    assert!(!text(&dir.join("out/cv.pdf")).contains("Research Fellow"));
    assert!(text(&dir.join("out/resume.pdf")).contains("Research Fellow"));
}

#[test]
fn mistakes_in_named_documents_are_located() {
    let dir = temp_dir("named-mistakes");
    let bad = PROFILE
        .replace("kind = \"resume\"", "kind = \"resumee\"")
        .replace(
            "exclude_tags = [\"security\"]",
            "exclude_tags = [\"securty\"]",
        )
        .replace("start = 2016", "start = 2016\nexclude = [\"teachng-cv\"]");
    fs::write(dir.join("profile.toml"), &bad).unwrap();
    let run = Run::vita(&["check"]).in_dir(&dir).fails(1);
    assert!(
        run.stderr.contains(
            "error: `[documents.security-resume].kind` is not a kind of document: `resumee`\n --> profile.toml:6:8"
        ),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("hint: did you mean `resume`?"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("warning: `[documents.teaching-cv].exclude_tags` names the tag `securty`, which no entry has"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("hint: did you mean `security`?"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("error: `experience[3].exclude` is not a document: `teachng-cv`"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("hint: did you mean `teaching-cv`?"),
        "{}",
        run.stderr
    );

    // A named document must say what kind it is; a wrong option value is named at its key.
    fs::write(
        dir.join("profile.toml"),
        "[person]\nname = \"A\"\n[documents.short]\nsections = [\"news\"]\nselect = \"recnt\"\n",
    )
    .unwrap();
    let run = Run::vita(&["check"]).in_dir(&dir).fails(1);
    assert!(
        run.stderr
            .contains("error: `documents.short.select` cannot be `recnt`"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("hint: did you mean `recent`?"),
        "{}",
        run.stderr
    );
    fs::write(
        dir.join("profile.toml"),
        "[person]\nname = \"A\"\n[documents.short]\nsections = [\"news\"]\n",
    )
    .unwrap();
    let run = Run::vita(&["check"]).in_dir(&dir).fails(1);
    assert!(
        run.stderr
            .contains("error: `[documents.short]` has no `kind`\n --> profile.toml:3:1"),
        "{}",
        run.stderr
    );
    // `--only` names a document of the profile.
    fs::write(dir.join("profile.toml"), PROFILE).unwrap();
    let run = Run::vita(&["build", "--only", "teching-cv"])
        .in_dir(&dir)
        .fails(1);
    assert!(
        run.stderr.contains("did you mean `teaching-cv`?"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("[possible values: resume, cv, security-resume, teaching-cv]"),
        "{}",
        run.stderr
    );
}
