//! The profile's text as a typographer sets it: straight quotes, apostrophes and `--` printed
//! as the document language's marks in the PDF and the exports, and never inside addresses.

use crate::support::{Run, pdftotext, temp_dir};

const PROFILE: &str = r#"
summary = "Won the \"Best Paper\" award -- twice; see https://example.org/it's--here or doi:10.1000/a--b. Wrote C# and a_b's \\\"literal\\\" parser."

[person]
name = "Seán O'Brien"
email = "o'brien@example.org"
links = { code = "https://example.org/a--b?q='x'" }

[[experience]]
role = "Researcher"
organization = "Lab"
start = "2020-01"
highlights = ["Built the 'fast' path --- 3x faster", "Taught students' courses, 2019--2021"]
"#;

/// The CV's text as `pdftotext` reads it and as the text export writes it.
fn build(dir: &std::path::Path, lang: &str, extra: &str) -> [String; 2] {
    std::fs::write(
        dir.join("profile.toml"),
        format!("lang = \"{lang}\"\n{PROFILE}{extra}"),
    )
    .unwrap();
    Run::vita(&["build", "--only", "cv", "--format", "pdf,txt"])
        .in_dir(dir)
        .ok();
    // Lines joined: a wrapped sentence is one text again.
    let pdf = pdftotext(&dir.join("out/cv.pdf")).replace('\n', " ");
    let txt = std::fs::read_to_string(dir.join("out/cv.txt")).unwrap();
    [pdf, txt]
}

#[test]
fn straight_quotes_become_each_language_s_marks() {
    let dir = temp_dir("smart-quotes");
    for (lang, best, fast) in [
        ("en", "“Best Paper”", "‘fast’"),
        ("de", "„Best Paper“", "‚fast‘"),
        (
            "fr",
            "«\u{202f}Best Paper\u{202f}»",
            "«\u{202f}fast\u{202f}»",
        ),
        ("zh-Hans", "“Best Paper”", "‘fast’"),
    ] {
        let [pdf, text] = build(&dir, lang, "");
        assert!(text.contains(best), "{lang}: no {best} in {text}");
        assert!(text.contains(fast), "{lang}: no {fast} in {text}");
        // The PDF draws the same marks; its text layer has a space for a narrow one.
        let spaced = |s: &str| s.replace('\u{202f}', " ");
        for set in [best, fast] {
            assert!(pdf.contains(&spaced(set)), "{lang}: no {set} in {pdf}");
        }
        for set in [
            "O’Brien",
            "award – twice",
            "path — 3x",
            "students’ courses",
            "2019–2021",
        ] {
            assert!(text.contains(set), "{lang}: no {set} in {text}");
            assert!(pdf.contains(set), "{lang}: no {set} in {pdf}");
        }
        // Addresses and code print as typed; an escaped quote stays straight.
        for kept in [
            "https://example.org/it's--here",
            "doi:10.1000/a--b",
            "o'brien@example.org",
            "a_b's",
            "\"literal\"",
        ] {
            assert!(text.contains(kept), "{lang}: {kept} was changed: {text}");
            assert!(pdf.contains(kept), "{lang}: {kept} was changed: {pdf}");
        }
        assert!(
            !pdf.contains('\\'),
            "{lang}: the escape's backslash printed"
        );
    }
}

#[test]
fn the_design_key_prints_the_text_as_typed() {
    let dir = temp_dir("smart-quotes-off");
    let [pdf, text] = build(&dir, "en", "[design]\nsmart_punctuation = false\n");
    for typed in [
        "\"Best Paper\"",
        "O'Brien",
        "award -- twice",
        "path --- 3x",
        "'fast'",
    ] {
        assert!(text.contains(typed), "no {typed} in {text}");
        assert!(pdf.contains(typed), "no {typed} in {pdf}");
    }
}
