//! The text layer as a recruiter's parser reads it: every theme, on A4 and US Letter, in
//! English, German and Chinese, extracted with two extractors (pdf-extract, which reads glyphs
//! in drawing order, and poppler's pdftotext): no private-use characters (icons are shapes),
//! the name first, the section titles in order, every e-mail, phone number and address whole.

use std::fs;

use serde_json::Value;

use crate::support::{Run, fixture, pdf_text, pdftotext, squeezed, temp_dir};

const THEMES: &[&str] = &["classic", "compact", "academic", "modern", "harvard"];

fn private_use(c: char) -> bool {
    matches!(u32::from(c), 0xE000..=0xF8FF | 0xF0000..=0x10FFFF)
}

#[test]
fn every_theme_paper_and_language_extracts_clean_text_in_reading_order() {
    let dir = temp_dir("ats-text");
    fs::copy(fixture("ats.toml"), dir.join("profile.toml")).unwrap();
    let contacts = [
        "ada.lovelace@example.org",
        "+44 20 7946 0958",
        "ada.example.org/cv",
        "github.com/adalovelace",
        "linkedin.com/in/ada-lovelace",
        "0000-0002-1825-0097",
    ];
    for lang in ["en", "de", "zh-Hans"] {
        // The section titles the resume shows, in order, as its layout receives them.
        let data: Value = serde_json::from_str(
            &Run::vita(&["data", "--only", "resume", "--lang", lang])
                .in_dir(&dir)
                .ok()
                .stdout,
        )
        .unwrap();
        let titles: Vec<String> = data["resume"]["sections"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s["title"].as_str().unwrap().to_string())
            .collect();
        assert!(titles.len() >= 4, "{lang}: {titles:?}");
        for theme in THEMES {
            for paper in ["a4", "us-letter"] {
                let what = format!("{theme} {paper} {lang}");
                let out = dir.join(format!("out-{theme}-{paper}-{lang}"));
                Run::vita(&[
                    "build", "--only", "resume", "--theme", theme, "--paper", paper,
                ])
                .args(&["--lang", lang, "--out"])
                .arg(&out)
                .in_dir(&dir)
                .ok();
                let pdf = out.join(format!("resume-{lang}.pdf"));
                let pdf = if pdf.exists() {
                    pdf
                } else {
                    out.join("resume.pdf")
                };
                for (extractor, text) in [
                    ("pdf-extract", pdf_text(&fs::read(&pdf).unwrap()).1),
                    ("pdftotext", pdftotext(&pdf)),
                ] {
                    let what = format!("{what} ({extractor})");
                    let junk: Vec<char> = text.chars().filter(|c| private_use(*c)).collect();
                    assert!(junk.is_empty(), "{what}: private-use characters {junk:?}");
                    let first = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
                    assert!(
                        squeezed(first).contains("adalovelace") || squeezed(first).contains("艾达"),
                        "{what}: the first line is {first:?}"
                    );
                    let flat = squeezed(&text);
                    let mut at = 0;
                    for t in &titles {
                        let found = flat[at..].find(&squeezed(t));
                        assert!(
                            found.is_some(),
                            "{what}: no {t:?} after byte {at} in {text}"
                        );
                        at += found.unwrap() + squeezed(t).len();
                    }
                    for c in contacts {
                        assert!(
                            flat.contains(&squeezed(c)),
                            "{what}: {c:?} is not whole in {text}"
                        );
                    }
                    // Nothing soft-hyphenated or ligated away.
                    assert!(!text.contains('\u{ad}'), "{what}: a soft hyphen");
                    assert!(
                        flat.contains("analytical") || lang != "en",
                        "{what}: {text}"
                    );
                }
            }
        }
    }
}

#[test]
fn vita_ats_reports_what_a_parser_reads_and_a_postings_terms() {
    let dir = temp_dir("ats-command");
    fs::copy(fixture("ats.toml"), dir.join("profile.toml")).unwrap();
    fs::write(
        dir.join("posting.txt"),
        "Analyst, Analytical Engines Ltd.\nWe want an analyst who knows mathematics and French, \
         writes programs, and has used Kubernetes.\n",
    )
    .unwrap();
    let run = Run::vita(&["ats", "--job", "posting.txt"])
        .in_dir(&dir)
        .ok();
    for line in [
        "resume: read as a parser reads it (pdf-extract)",
        "  found  name      Ada Lovelace",
        "  found  email     ada.lovelace@example.org",
        "  found  phone     +44 20 7946 0958",
        "  found  section   Experience",
        "  found  section titles in the document's order",
        "  dates  2 of 2 entry dates whole",
        "  found    mathematics  (Education)",
        "  found    french  (Skills)",
        "  missing  kubernetes",
        "  missing  programs",
    ] {
        assert!(run.stdout.contains(line), "no {line:?} in\n{}", run.stdout);
    }
    assert!(
        !run.stdout.contains("LOST") && !run.stdout.contains("HIDDEN"),
        "{}",
        run.stdout
    );
    let json: Value = serde_json::from_str(
        &Run::vita(&["ats", "--json", "--only", "cv"])
            .in_dir(&dir)
            .ok()
            .stdout,
    )
    .unwrap();
    assert_eq!(json[0]["document"], "cv");
    assert!(
        json[0]["fields"]
            .as_array()
            .unwrap()
            .iter()
            .all(|f| f["found"] == true)
    );
    // A layout that hides keywords in 2 pt white text: reported, and exit code 1.
    let layouts = dir.join("layouts");
    Run::vita(&["layouts"]).arg(&layouts).in_dir(&dir).ok();
    let resume = fs::read_to_string(layouts.join("resume.typ")).unwrap();
    fs::write(
        layouts.join("resume.typ"),
        resume + "#text(size: 2pt, fill: white)[kubernetes terraform]\n",
    )
    .unwrap();
    let run = Run::vita(&["ats", "--layouts", "layouts"])
        .in_dir(&dir)
        .fails(1);
    assert!(
        run.stdout.contains("  HIDDEN page 1: text drawn 2.0 pt"),
        "{}",
        run.stdout
    );
    assert!(
        run.stderr
            .contains("error: a parser reads something other than what the document shows"),
        "{}",
        run.stderr
    );
}

#[test]
fn no_resume_breaks_a_word_at_a_lines_end_in_any_theme() {
    // A hyphenated word reaches a parser in two pieces (`Profes-` / `sor`).
    let dir = temp_dir("ats-hyphens");
    // Long words in a paragraph: where hyphenation is on, some break.
    let long = "Characterization of internationalization, interoperability and \
                telecommunications infrastructure; responsibilities included \
                parallelization, instrumentation and experimentation. ";
    fs::write(
        dir.join("profile.toml"),
        format!(
            "summary = \"{}\"\n{}",
            long.repeat(4),
            fs::read_to_string(fixture("minimal.toml")).unwrap()
        ),
    )
    .unwrap();
    for theme in THEMES {
        let out = dir.join(theme);
        Run::vita(&["build", "--only", "resume", "--theme", theme, "--out"])
            .arg(&out)
            .in_dir(&dir)
            .ok();
        let text = pdftotext(&out.join("resume.pdf"));
        let lines: Vec<&str> = text.lines().map(str::trim_end).collect();
        for pair in lines.windows(2) {
            let broken = pair[0].ends_with('-')
                && pair[0].chars().rev().nth(1).is_some_and(char::is_lowercase)
                && pair[1].chars().next().is_some_and(char::is_lowercase);
            assert!(!broken, "{theme}: a word broken across lines: {pair:?}");
        }
        assert!(!text.contains('\u{ad}'), "{theme}: a soft hyphen");
    }
}
