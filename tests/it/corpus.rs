//! Real files other tools accept (tests/corpus/, each with its source and licence in
//! SOURCES.md): every .bib file builds a CV that lists each of its papers, and every RenderCV
//! and JSON Resume file imports into a profile that builds, with no Markdown or LaTeX left
//! in the pages.

use std::fs;
use std::path::PathBuf;

use crate::support::{Run, pdf_text, repo, temp_dir};
use serde_json::Value;

fn files(folder: &str, ext: &str) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = fs::read_dir(repo().join("tests/corpus").join(folder))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == ext))
        .collect();
    out.sort();
    out
}

/// Text as compared: letters and digits only, lower case (line breaks, hyphenation and
/// spacing differ between a title and its typeset lines).
fn squash(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// What no page may show: Markdown's marks, LaTeX's commands and braces.
fn residue(text: &str) -> Vec<String> {
    let mut found = vec![];
    for mark in ["**", "](", "\\textbf", "\\emph", "{", "}"] {
        if text.contains(mark) {
            let at = text.find(mark).unwrap();
            let from = text[..at]
                .char_indices()
                .rev()
                .nth(40)
                .map_or(0, |(i, _)| i);
            let around: String = text[from..].chars().take(90).collect();
            found.push(format!("`{mark}` in …{around}…"));
        }
    }
    let bytes = text.as_bytes();
    if let Some(i) = (0..bytes.len().saturating_sub(1))
        .find(|&i| bytes[i] == b'\\' && bytes[i + 1].is_ascii_alphabetic())
    {
        found.push(format!("a LaTeX command at {i}"));
    }
    found
}

#[test]
fn every_bib_file_of_the_corpus_builds_and_lists_every_paper() {
    let bibs = files("bib", "bib");
    assert!(bibs.len() >= 8, "{bibs:?}");
    for bib in bibs {
        let name = bib.file_stem().unwrap().to_string_lossy().to_string();
        let dir = temp_dir(&format!("corpus-{name}"));
        fs::copy(&bib, dir.join("papers.bib")).unwrap();
        fs::write(
            dir.join("profile.toml"),
            "bibliography = \"papers.bib\"\n\n[person]\nname = \"Jane Doe\"\nemail = \"jane@example.org\"\n",
        )
        .unwrap();
        let run = Run::vita(&["build", "--only", "cv", "--message-format", "json"])
            .in_dir(&dir)
            .run();
        assert_eq!(run.code, Some(0), "{name}: {}", run.stderr);
        let stderr = run.stderr.clone();
        // Every warning about the file names its line.
        for line in stderr.lines().filter(|l| l.starts_with('{')) {
            let d: Value = serde_json::from_str(line).unwrap();
            if d["file"]
                .as_str()
                .is_some_and(|f| f.ends_with("papers.bib"))
                || d["lenient"] == true
            {
                assert!(d["line"].as_u64().is_some(), "{name}: {d}");
            }
        }
        let pdf = fs::read(dir.join("out/cv.pdf")).unwrap();
        let (_, text) = pdf_text(&pdf);
        let bad = residue(&text);
        assert!(bad.is_empty(), "{name}: {bad:#?}");
        // Each paper the CV's data holds is on its pages.
        let data = Run::vita(&["data", "--only", "cv"]).in_dir(&dir).ok();
        let data: Value = serde_json::from_str(&data.stdout).unwrap();
        let titles: Vec<String> = data["cv"]["sections"]
            .as_array()
            .unwrap()
            .iter()
            .flat_map(|s| s["groups"].as_array().cloned().unwrap_or_default())
            .flat_map(|g| g["entries"].as_array().cloned().unwrap_or_default())
            .filter_map(|w| w["title"].as_str().map(String::from))
            .collect();
        let page = squash(&text);
        for t in &titles {
            assert!(
                page.contains(&squash(t)),
                "{name}: the title {t:?} is not on the pages"
            );
        }
        // And the data holds every entry of the file but those a warning says were left
        // out (a key used twice, the same paper twice, no title).
        let src = fs::read_to_string(&bib).unwrap();
        let entries = src
            .lines()
            .filter(|l| {
                let l = l.trim_start().to_ascii_lowercase();
                l.starts_with('@')
                    && !["@string", "@comment", "@preamble"]
                        .iter()
                        .any(|k| l.starts_with(k))
            })
            .count();
        let left_out = stderr
            .lines()
            .filter(|l| {
                l.contains("is used twice in this file")
                    || l.contains("only the first is listed")
                    || l.contains("has no title")
            })
            .count();
        let targets = src.matches("crossref").count();
        assert!(
            titles.len() + left_out + targets >= entries,
            "{name}: {} titles, {left_out} left out, of {entries} entries\n{stderr}",
            titles.len()
        );
    }
}

#[test]
fn every_rendercv_and_json_resume_file_of_the_corpus_imports_and_builds() {
    let inputs: Vec<PathBuf> = files("rendercv", "yaml")
        .into_iter()
        .chain(files("jsonresume", "json"))
        .collect();
    assert!(inputs.len() >= 13, "{inputs:?}");
    for input in inputs {
        let name = input.file_name().unwrap().to_string_lossy().to_string();
        let dir = temp_dir(&format!("corpus-import-{name}"));
        Run::vita(&["import"]).arg(&input).in_dir(&dir).ok();
        let profile = fs::read_to_string(dir.join("profile.toml")).unwrap();
        for mark in ["**", "]("] {
            assert!(!profile.contains(mark), "{name}: `{mark}` in\n{profile}");
        }
        // What the import wrote passes `vita check`, and builds.
        Run::vita(&["build"]).in_dir(&dir).ok();
        for doc in ["resume", "cv"] {
            let pdf = fs::read(dir.join(format!("out/{doc}.pdf"))).unwrap();
            let (_, text) = pdf_text(&pdf);
            let bad = residue(&text);
            assert!(bad.is_empty(), "{name} {doc}: {bad:#?}");
        }
    }
}

#[test]
fn rendercv_examples_keep_their_theme_paper_and_own_name() {
    let dir = temp_dir("corpus-rendercv-look");
    let cases = [
        ("John_Doe_ClassicTheme_CV.yaml", "classic"),
        ("John_Doe_ModerncvTheme_CV.yaml", "academic"),
        ("John_Doe_Sb2novTheme_CV_v1.10.yaml", "compact"),
        ("John_Doe_EngineeringresumesTheme_CV_v2.0.yaml", "compact"),
    ];
    for (file, theme) in cases {
        let out = dir.join(format!("{file}.toml"));
        Run::vita(&["import"])
            .arg(repo().join("tests/corpus/rendercv").join(file))
            .args(&["--out"])
            .arg(&out)
            .ok();
        let t: toml::Table = fs::read_to_string(&out).unwrap().parse().unwrap();
        assert_eq!(t["design"]["theme"].as_str(), Some(theme), "{file}");
        // RenderCV's paper is US Letter unless a file says otherwise.
        assert_eq!(t["resume"]["paper"].as_str(), Some("us-letter"), "{file}");
    }
    // `*Zhen Wei*` among a paper's authors is the person's own name.
    let out = dir.join("academic.toml");
    let run = Run::vita(&["import"])
        .arg(repo().join("tests/corpus/rendercv/rendercv_ats_academic.yaml"))
        .args(&["--out"])
        .arg(&out)
        .ok();
    let t: toml::Table = fs::read_to_string(&out).unwrap().parse().unwrap();
    assert_eq!(
        t["person"]["aliases"].as_array().unwrap()[0].as_str(),
        Some("Zhen Wei")
    );
    let authors = t["publications"].as_array().unwrap()[0]["authors"]
        .as_array()
        .unwrap()
        .clone();
    assert!(
        authors.iter().all(|a| !a.as_str().unwrap().contains('*')),
        "{authors:?}"
    );
    // Its ORCID iD has a wrong check digit: said at its path in the YAML, left out.
    let stderr = run.stderr.clone();
    assert!(
        stderr.contains("`cv.social_networks[1].username` is not an ORCID iD (its last digit is not the check digit)"),
        "{stderr}"
    );
    assert!(t["person"].get("orcid").is_none());
}

#[test]
fn json_resume_s_older_keys_are_read_and_an_incomplete_entry_is_set_aside_not_broken() {
    let dir = temp_dir("corpus-jsonresume-old");
    let out = dir.join("profile.toml");
    let run = Run::vita(&["import"])
        .arg(repo().join("tests/corpus/jsonresume/fresh-test_jane-fullstacker_jrs0.json"))
        .args(&["--out"])
        .arg(&out)
        .ok();
    let text = fs::read_to_string(&out).unwrap();
    let t: toml::Table = text.parse().unwrap();
    // `work[].company` and `basics.website`, JSON Resume's keys before 1.0.
    let orgs: Vec<&str> = t["experience"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["organisation"].as_str().unwrap())
        .collect();
    assert!(orgs.iter().all(|o| !o.is_empty()), "{orgs:?}");
    assert!(
        t["person"]["homepage"]
            .as_str()
            .is_some_and(|h| h.starts_with("http"))
    );
    // `references` are a section of their own.
    assert!(
        t["custom"]
            .as_array()
            .unwrap()
            .iter()
            .any(|c| c["id"].as_str() == Some("references")),
        "{text}"
    );
    // Education without a degree cannot be a vita entry: it is kept, commented out, and the
    // warning says what to fill in; the profile passes `vita check`.
    let stderr = run.stderr.clone();
    assert!(
        stderr.contains("is written commented out at the end of"),
        "{stderr}"
    );
    assert!(text.contains("# [[education]]"), "{text}");
    Run::vita(&["check"]).in_dir(&dir).ok();
}

#[test]
fn a_custom_section_named_like_a_later_built_in_one_still_builds() {
    let dir = temp_dir("custom-projects");
    fs::write(
        dir.join("profile.toml"),
        "[person]\nname = \"A B\"\nemail = \"a@b.org\"\n\n[[custom]]\nid = \"projects\"\ntitle = \"Side projects\"\n[[custom.entries]]\ntitle = \"A thing I made\"\n",
    )
    .unwrap();
    let run = Run::vita(&["build", "--only", "cv"]).in_dir(&dir).ok();
    let stderr = run.stderr.clone();
    assert!(
        stderr.contains("which is now a built-in section; this custom section is kept as written"),
        "{stderr}"
    );
    assert!(
        stderr.contains("write the entries as `[[projects]]`"),
        "{stderr}"
    );
    let (_, text) = pdf_text(&fs::read(dir.join("out/cv.pdf")).unwrap());
    assert_eq!(
        text.to_lowercase().matches("side projects").count(),
        1,
        "{text}"
    );
    assert!(text.contains("A thing I made"), "{text}");
}
