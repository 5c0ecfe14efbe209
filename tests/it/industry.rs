//! The industry sections (projects, certifications, languages, volunteering) and several
//! positions under one employer: printed in every theme, their mistakes located.

use std::fs;

use crate::support::{Run, pdf_text, repo, temp_dir};

/// The industry template, with volunteering on the resume too, in this theme.
fn industry_profile(theme: &str) -> String {
    let text = fs::read_to_string(repo().join("templates/industry.toml")).unwrap();
    let text = text.replace("\"languages\"]", "\"languages\", \"volunteering\"]");
    format!("{text}\n[design]\ntheme = \"{theme}\"\n")
}

#[test]
fn every_theme_prints_the_industry_sections_in_both_documents() {
    for theme in ["classic", "modern", "compact", "harvard", "academic"] {
        let dir = temp_dir(&format!("industry-{theme}"));
        let profile = industry_profile(theme);
        assert!(
            profile.contains(&format!("theme = \"{theme}\"")),
            "{profile}"
        );
        fs::write(dir.join("profile.toml"), profile).unwrap();
        let run = Run::vita(&["build", "--deny-warnings"]).in_dir(&dir).ok();
        assert!(run.stderr.is_empty(), "{theme}: {}", run.stderr);
        for doc in ["resume", "cv"] {
            let (_, text) = pdf_text(&fs::read(dir.join(format!("out/{doc}.pdf"))).unwrap());
            let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
            for want in [
                "Projects",
                "pgshard",
                "Technologies: Rust, PostgreSQL",
                "Certifications",
                "Certified Kubernetes Administrator",
                "Jun 2022 – Jun 2025",
                "Languages",
                "English (Fluent)",
                "German (Native)",
                "Volunteering",
                "Rails Girls Berlin",
                // One employer, two roles, each with its dates; the employer's place on its line.
                "Paylane GmbH",
                "Berlin, Germany",
                "Staff Software Engineer",
                "Apr 2023 – present",
                "Senior Software Engineer",
                "Feb 2020 – Mar 2023",
            ] {
                assert!(
                    flat.to_lowercase().contains(&want.to_lowercase()),
                    "{theme} {doc}: no `{want}` in\n{flat}"
                );
            }
            // The promotion is listed under one employer: its name is printed once.
            assert_eq!(flat.matches("Paylane GmbH").count(), 1, "{theme} {doc}");
        }
    }
}

#[test]
fn mistakes_in_the_industry_sections_are_located_with_a_hint() {
    let dir = temp_dir("industry-mistakes");
    fs::write(
        dir.join("profile.toml"),
        "[person]\nname = \"Ada\"\n\n[[projects]]\nname = \"x\"\ntechnology = [\"Rust\"]\n",
    )
    .unwrap();
    let run = Run::vita(&["check"]).in_dir(&dir).fails(1);
    assert!(
        run.stderr
            .contains("error: unknown key `technology` in `projects[1]`"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("profile.toml:6:1"), "{}", run.stderr);
    assert!(
        run.stderr.contains("hint: did you mean `technologies`?"),
        "{}",
        run.stderr
    );

    fs::write(
        dir.join("profile.toml"),
        "[person]\nname = \"Ada\"\n\n[[experience]]\norganisation = \"O\"\nrole = \"R\"\n\
         [[experience.positions]]\nrole = \"\"\nstart = 2021\nend = 2020\n\
         [[languages]]\nlevel = \"C1\"\n[[certifications]]\nname = \"C\"\ndate = 2022\nexpires = 2020\nurl = \"example.com\"\n",
    )
    .unwrap();
    let run = Run::vita(&["check"]).in_dir(&dir).fails(1);
    for want in [
        "`experience[1]` has both a `role` and `positions`",
        "`experience[1].positions[1].role` is empty",
        "`experience[1].positions[1]` ends (2020) before it starts (2021)",
        "`languages[1].language` is empty",
        "`certifications[1]` expires (2020) before it was earned (2022)",
        "`certifications[1].url` is not a web address",
    ] {
        assert!(run.stderr.contains(want), "no `{want}` in\n{}", run.stderr);
    }
    assert!(run.stderr.contains("profile.toml:6:"), "{}", run.stderr);
}

#[test]
fn roles_under_one_employer_are_dated_as_entries_are_in_chinese() {
    // `2023年4月`, as every other date of the document, never `2023 年 4 月`; a comma of the
    // document's language before a role's date.
    let dir = temp_dir("industry-zh");
    Run::vita(&["init", "--template", "industry"])
        .arg(&dir)
        .ok();
    for theme in ["academic", "classic", "compact", "harvard", "modern"] {
        let out = dir.join(format!("out-{theme}"));
        Run::vita(&[
            "build", "--only", "cv", "--lang", "zh-Hans", "--theme", theme, "--out",
        ])
        .arg(&out)
        .in_dir(&dir)
        .ok();
        let text = crate::support::pdftotext(&out.join("cv-zh-Hans.pdf"));
        assert!(text.contains("2023年4月"), "{theme}: {text}");
        for (i, _) in text.match_indices('年') {
            let before = text[..i].chars().next_back();
            let after = text[i + '年'.len_utf8()..].chars().next();
            assert!(
                before != Some(' ') && after != Some(' '),
                "{theme}: a spaced date near byte {i}: {text}"
            );
        }
        assert!(!text.contains(", 2023年"), "{theme}: {text}");
    }
}
