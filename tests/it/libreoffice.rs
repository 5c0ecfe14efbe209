//! The DOCX file through LibreOffice (Debian's `libreoffice-writer-nogui`, headless), as a
//! recruiter's system that converts Word files reads it: the same text in the same order, lists
//! as bullets, and the document properties naming the author.
//!
//! Without `soffice` the test says so and passes, unless `VITA_REQUIRE_LIBREOFFICE=1`, as in
//! CI, where `.ci/run` installs it.

use std::fs;
use std::path::Path;
use std::process::Command;

use serde_json::Value;

use crate::formats::docx_paragraphs;
use crate::support::{Run, fixture, repo, squeezed, temp_dir};

fn soffice() -> bool {
    let found = Command::new("soffice")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !found {
        assert!(
            std::env::var("VITA_REQUIRE_LIBREOFFICE").map_or(true, |v| v != "1"),
            "VITA_REQUIRE_LIBREOFFICE=1 but soffice is not installed"
        );
        eprintln!("skipped: LibreOffice (soffice) is not installed; .ci/run installs it");
    }
    found
}

/// LibreOffice's conversion of `docx` to `to` (`txt:Text`, `odt`), in `dir`; the converted
/// file's bytes. A profile of its own keeps parallel runs apart.
fn convert(docx: &Path, to: &str, dir: &Path) -> Vec<u8> {
    let profile = dir.join("lo-profile");
    crate::support::succeeds(
        Command::new("soffice")
            .arg(format!(
                "-env:UserInstallation=file://{}",
                profile.display()
            ))
            .args(["--headless", "--convert-to", to, "--outdir"])
            .arg(dir)
            .arg(docx),
    );
    let ext = to.split(':').next().unwrap();
    fs::read(dir.join(docx.with_extension(ext).file_name().unwrap())).unwrap()
}

/// One part of a zip archive, as text.
fn part(zip: &[u8], name: &str) -> String {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(zip)).unwrap();
    let mut s = String::new();
    std::io::Read::read_to_string(&mut archive.by_name(name).unwrap(), &mut s).unwrap();
    s
}

#[test]
fn docx_reads_back_through_libreoffice_with_its_text_order_bullets_and_author() {
    if !soffice() {
        return;
    }
    let dir = temp_dir("libreoffice");
    fs::copy(repo().join("profile.toml"), dir.join("profile.toml")).unwrap();
    fs::copy(repo().join("pubs.bib"), dir.join("pubs.bib")).unwrap();
    fs::copy(fixture("ats.toml"), dir.join("ats.toml")).unwrap();
    // The example (an academic, with a Chinese name) in English and Chinese, and a resume
    // with every kind of contact.
    for (profile, doc, lang) in [
        ("profile.toml", "resume", "en"),
        ("profile.toml", "cv", "en"),
        ("profile.toml", "resume", "zh-Hans"),
        ("ats.toml", "resume", "en"),
    ] {
        let what = format!("{profile} {doc} {lang}");
        let out = dir.join(format!(
            "out-{}-{doc}-{lang}",
            profile.trim_end_matches(".toml")
        ));
        Run::vita(&[
            "build", profile, "--only", doc, "--format", "docx", "--lang", lang,
        ])
        .arg("--out")
        .arg(&out)
        .in_dir(&dir)
        .ok();
        let docx = fs::read_dir(&out)
            .unwrap()
            .map(|e| e.unwrap().path())
            .find(|p| p.extension().is_some_and(|e| e == "docx"))
            .unwrap();
        let bytes = fs::read(&docx).unwrap();
        let paragraphs: Vec<String> = docx_paragraphs(&bytes)
            .into_iter()
            .map(|(_, t)| t)
            .filter(|t| !t.trim().is_empty())
            .collect();

        // The text in the file's order (a line break inside a paragraph starts a line of
        // LibreOffice's text, so the two are compared as a whole).
        let text = String::from_utf8(convert(&docx, "txt:Text", &out)).unwrap();
        let mut bullets = 0;
        let mut read = String::new();
        for line in text.trim_start_matches('\u{feff}').lines() {
            // A list paragraph is an indented bullet; no list is numbered.
            assert!(
                !line.trim_start().starts_with("1."),
                "{what}: a list is numbered: {line:?}"
            );
            if let Some(rest) = line.trim_start().strip_prefix('•') {
                bullets += 1;
                read += rest;
            } else {
                read += line;
            }
        }
        assert_eq!(squeezed(&read), squeezed(&paragraphs.concat()), "{what}");
        assert!(bullets > 0, "{what}: no bullet in {text}");

        // The section titles in the order the document has them.
        let data: Value = serde_json::from_str(
            &Run::vita(&["data", profile, "--only", doc, "--lang", lang])
                .in_dir(&dir)
                .ok()
                .stdout,
        )
        .unwrap();
        let flat = squeezed(&text);
        let mut at = 0;
        for s in data[doc]["sections"].as_array().unwrap() {
            let t = squeezed(s["title"].as_str().unwrap());
            let found = flat[at..].find(&t);
            assert!(found.is_some(), "{what}: no {t:?} after byte {at}");
            at += found.unwrap() + t.len();
        }

        // Its properties, as LibreOffice carries them into the ODF file it writes.
        let name = data[doc]["person"]["name"].as_str().unwrap();
        let meta = part(&convert(&docx, "odt", &out), "meta.xml");
        let meta = roxmltree::Document::parse(&meta).unwrap();
        let field = |tag: &str| {
            meta.descendants()
                .find(|n| n.has_tag_name(tag))
                .and_then(|n| n.text())
                .unwrap_or_default()
                .to_string()
        };
        assert_eq!(field("initial-creator"), name, "{what}");
        assert_eq!(field("creator"), name, "{what}");
        assert!(
            field("title").starts_with(name),
            "{what}: {}",
            field("title")
        );
        assert_eq!(field("language"), lang.split('-').next().unwrap(), "{what}");
    }
}
