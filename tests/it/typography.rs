//! The profile's text as a typographer sets it: straight quotes, apostrophes and `--` printed
//! as the document language's marks in the PDF and the exports, and never inside addresses;
//! the rank of titles and group headings, centred titles, bullets without runts.

use crate::support::{Run, pdftotext, repo, temp_dir};
use crate::themes::{Glyphs, THEMES, section_titles, typeset};

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

#[test]
fn harvard_centres_its_section_titles_on_the_page() {
    let titles = section_titles();
    let docs = typeset(&repo().join("profile.toml"), "harvard", "a4");
    for (doc, pages) in docs.iter().filter(|(d, _)| d == "cv" || d == "resume") {
        let mut seen = 0;
        for ((w, _), runs) in pages {
            // Every title, to a quarter of a point (one was 0.7 mm off).
            for r in runs
                .iter()
                .filter(|r| titles.contains(&r.text.trim().to_lowercase()))
            {
                seen += 1;
                let middle = r.x + r.width / 2.0;
                assert!(
                    (middle - w / 2.0).abs() < 0.25,
                    "{doc}: `{}` is centred at {middle:.2}, the page at {:.2}",
                    r.text,
                    w / 2.0
                );
            }
        }
        assert!(seen >= 5, "{doc}: {seen} section titles found");
    }
}

#[test]
fn group_headings_rank_below_section_titles_and_the_marks_key_is_never_a_stray_line() {
    let example = repo().join("profile.toml");
    for theme in THEMES {
        let docs = typeset(&example, theme, "a4");
        let (_, pages) = docs.iter().find(|(d, _)| d == "cv").unwrap();
        let runs = &pages[0].1;
        let find = |text: &str| {
            runs.iter()
                .find(|r| r.text.trim() == text || r.text.trim() == text.to_uppercase())
                .unwrap_or_else(|| panic!("{theme}: no `{text}` on page 1"))
        };
        let section = find("Publications");
        let group = find("Backdoor Learning");
        let body = runs
            .iter()
            .find(|r| r.text.starts_with("I am a fourth-year"))
            .unwrap_or_else(|| panic!("{theme}: no summary"));
        // Italic, not bold, at the body's size: below the section title, which is bold, or
        // in capitals, or larger.
        assert!(
            !group.bold && group.size <= body.size + 0.01,
            "{theme}: the group heading ({} pt, bold {}) outranks the body ({} pt)",
            group.size,
            group.bold,
            body.size
        );
        assert!(
            section.bold || section.size > body.size,
            "{theme}: the section title"
        );
        assert!(group.italic, "{theme}: the group heading is not italic");
        // The key of the marks: on the title's line, or after the works; never a line of its
        // own between the title and the first group.
        let (page, key) = pages
            .iter()
            .enumerate()
            .find_map(|(i, (_, runs))| {
                runs.iter()
                    .find(|r| r.text.contains("equal contribution"))
                    .map(|r| (i, r))
            })
            .unwrap_or_else(|| panic!("{theme}: no marks key"));
        assert!(
            page > 0 || (key.y - section.y).abs() < section.size || key.y > group.y,
            "{theme}: the key stands alone at {:.1} between the title ({:.1}) and the group ({:.1})",
            key.y,
            section.y,
            group.y
        );
    }
}

/// The lines of a page: runs on one baseline, left to right.
fn lines(runs: &[Glyphs]) -> Vec<Vec<&Glyphs>> {
    let mut by_y: std::collections::BTreeMap<i64, Vec<&Glyphs>> = Default::default();
    for r in runs.iter().filter(|r| !r.text.is_empty()) {
        by_y.entry((r.y * 2.0).round() as i64).or_default().push(r);
    }
    by_y.into_values()
        .map(|mut l| {
            l.sort_by(|a, b| a.x.total_cmp(&b.x));
            l
        })
        .collect()
}

#[test]
fn no_bullet_or_work_ends_in_a_lone_word_and_no_note_stands_alone() {
    let example = repo().join("profile.toml");
    let mut paragraphs = 0;
    for theme in THEMES {
        for paper in ["a4", "us-letter"] {
            for (doc, pages) in typeset(&example, theme, paper) {
                for (_, runs) in &pages {
                    let lines = lines(runs);
                    // A short note in parentheses (`(online)`) is never a line of its own.
                    for l in &lines {
                        let text: String = l.iter().map(|r| r.text.as_str()).collect();
                        let t = text.trim();
                        assert!(
                            !(t.starts_with('(') && t.ends_with(')') && t.chars().count() <= 20)
                                && t != "online"
                                && t != "Neurocomputing",
                            "{theme} {paper} {doc}: `{t}` stands alone on a line"
                        );
                        // Nor does a year leave its venue (`TNNLS` / `2022.`).
                        let year = t
                            .get(..4)
                            .is_some_and(|y| y.chars().all(|c| c.is_ascii_digit()))
                            && t.get(4..).is_some_and(|r| r.starts_with(['.', '。']));
                        assert!(
                            !year,
                            "{theme} {paper} {doc}: `{t}` starts a line with its year"
                        );
                    }
                    let mut i = 0;
                    while i < lines.len() {
                        // A bullet (`•`, `›`) or a number (`[3]`) opens an item; its text
                        // starts at the next run, and the lines set at that x continue it.
                        let first = lines[i][0].text.trim();
                        let marker = ["•", "›"].contains(&first)
                            || first.starts_with('[')
                                && first.ends_with(']')
                                && first[1..first.len() - 1].parse::<u32>().is_ok();
                        if !marker || lines[i].len() < 2 {
                            i += 1;
                            continue;
                        }
                        let x = lines[i][1].x;
                        let mut j = i + 1;
                        while j < lines.len()
                            && (lines[j][0].x - x).abs() < 0.5
                            && lines[j][0].y - lines[j - 1][0].y < 2.2 * lines[j][0].size
                        {
                            j += 1;
                        }
                        if j - i >= 2 {
                            paragraphs += 1;
                            let last: String =
                                lines[j - 1].iter().map(|r| r.text.as_str()).collect();
                            assert!(
                                last.trim().contains(char::is_whitespace),
                                "{theme} {paper} {doc}: an item ends in the lone word {last:?}"
                            );
                        }
                        i = j;
                    }
                }
            }
        }
    }
    assert!(
        paragraphs > 100,
        "only {paragraphs} items of two lines or more were found"
    );
}

#[test]
fn an_entry_title_stands_clear_of_the_line_above_it() {
    // The example as written, but not fitted: the themes' own gaps.
    let dir = temp_dir("entry-gaps");
    let text = std::fs::read_to_string(repo().join("profile.toml")).unwrap();
    std::fs::write(
        dir.join("profile.toml"),
        text.replace("fit = true", "fit = false"),
    )
    .unwrap();
    std::fs::copy(repo().join("pubs.bib"), dir.join("pubs.bib")).unwrap();
    // And the example as it is, fitted to US Letter: `fit` tightens the gaps only so far.
    let runs = [
        (dir.join("profile.toml"), "a4"),
        (repo().join("profile.toml"), "us-letter"),
    ];
    for theme in THEMES {
        for (doc, pages) in runs.iter().flat_map(|(p, paper)| typeset(p, theme, paper)) {
            if doc != "resume" && doc != "cv" {
                continue;
            }
            let lines = lines(&pages[0].1);
            let at = |text: &str| {
                lines
                    .iter()
                    .position(|l| {
                        l.iter()
                            .map(|r| r.text.as_str())
                            .collect::<String>()
                            .replace('\u{a0}', " ")
                            .contains(text)
                    })
                    .unwrap_or_else(|| panic!("{theme} {doc}: no `{text}`"))
            };
            // Within an entry: the organisation's line to the mentors' line. Between two:
            // the first job's last bullet to the second job's title.
            let (org, mentors) = (at("Ant Security Lab"), at("Mentors: Dr. Weifeng"));
            let (bullet, next) = (at("Alibaba Talent Program"), at("Tencent AI Lab"));
            let pitch = lines[mentors][0].y - lines[org][0].y;
            let size = lines[bullet][0].size;
            // The next entry's title is the line above its organisation (or on it, where
            // the title and organisation share a line).
            let title = if lines[next - 1][0].y > lines[bullet][0].y + 0.5 {
                next - 1
            } else {
                next
            };
            let extra = lines[title][0].y - lines[bullet][0].y - pitch;
            assert!(
                extra >= 0.18 * size,
                "{theme} {doc}: the next entry's title is only {extra:.1} pt further than a line ({pitch:.1} pt)"
            );
        }
    }
}
