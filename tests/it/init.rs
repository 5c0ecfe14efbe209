//! `vita init`: each template builds as written, with no warnings, and nothing is replaced.

use std::fs;

use crate::support::{Run, pdf_text, temp_dir};

#[test]
fn each_template_builds_without_warnings() {
    for (template, expect) in [
        ("academic", "Robust Training Under Label Shift"),
        ("industry", "Paylane GmbH"),
        ("minimal", "Your Employer"),
        ("bilingual", "Your Employer"),
    ] {
        let dir = temp_dir(&format!("init-{template}"));
        let run = Run::vita(&["init", "new", "--template", template])
            .in_dir(&dir)
            .ok();
        assert!(
            run.stdout.contains("wrote new/profile.toml"),
            "{}",
            run.stdout
        );
        assert!(
            run.stdout.contains("cd new && vita build"),
            "{}",
            run.stdout
        );
        let new = dir.join("new");
        let profile = fs::read_to_string(new.join("profile.toml")).unwrap();
        assert!(
            profile.starts_with("#:schema ./profile.schema.json\n"),
            "{profile}"
        );
        assert_eq!(
            fs::read_to_string(new.join("profile.schema.json")).unwrap(),
            Run::vita(&["schema"]).ok().stdout
        );
        assert_eq!(new.join("pubs.bib").exists(), template == "academic");
        let build = Run::vita(&["build", "--deny-warnings"]).in_dir(&new).ok();
        assert!(build.stderr.is_empty(), "{template}: {}", build.stderr);
        for doc in ["resume", "cv"] {
            let (pages, text) = pdf_text(&fs::read(new.join(format!("out/{doc}.pdf"))).unwrap());
            assert_eq!(pages, 1, "{template} {doc}");
            assert!(text.contains(expect), "{template} {doc}: {text}");
        }
    }
}

#[test]
fn init_never_replaces_a_file_and_writes_nothing_then() {
    let dir = temp_dir("init-taken");
    fs::write(dir.join("pubs.bib"), "% mine\n").unwrap();
    let run = Run::vita(&["init", "--template", "academic"])
        .in_dir(&dir)
        .fails(1);
    assert!(
        run.stderr.contains("error: `./pubs.bib` already exists"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("hint: vita init never replaces a file"),
        "{}",
        run.stderr
    );
    assert_eq!(
        fs::read_to_string(dir.join("pubs.bib")).unwrap(),
        "% mine\n"
    );
    assert!(!dir.join("profile.toml").exists());
    assert!(!dir.join("profile.schema.json").exists());
    // A template name is checked by the command line: a usage error, exit code 2.
    let run = Run::vita(&["init", "--template", "acadmic"])
        .in_dir(&dir)
        .fails(2);
    assert!(run.stderr.contains("academic"), "{}", run.stderr);
}

#[test]
fn a_bilingual_profile_makes_each_document_in_both_languages_without_warnings() {
    let dir = temp_dir("init-bilingual");
    for (langs, second, heading) in [
        ("en,zh-Hans", "zh-Hans", "工作经历"),
        ("de,ar", "ar", "الخبرات العملية"),
        ("fr,ja", "ja", "職歴"),
    ] {
        let new = dir.join(second);
        Run::vita(&["init"])
            .arg(&new)
            .args(&["--template", "bilingual", "--lang", langs])
            .ok();
        let build = Run::vita(&["build", "--deny-warnings"]).in_dir(&new).ok();
        assert!(build.stderr.is_empty(), "{langs}: {}", build.stderr);
        for doc in ["resume", "cv"] {
            let text = crate::support::pdftotext(&new.join(format!("out/{doc}-{second}.pdf")));
            assert!(text.contains(heading), "{langs} {doc}: {text}");
            assert!(
                text.contains(&format!("Your Employer [{second}]")),
                "{langs} {doc}: {text}"
            );
        }
    }
    for (langs, says) in [
        (
            "en,en-US",
            "`--lang en,en-US` names the same language twice",
        ),
        ("en", "`--lang en` names one language, not two"),
        ("en,zh-Hanz", "vita has no `zh-Hanz` locale"),
    ] {
        let run = Run::vita(&["init", "x", "--template", "bilingual", "--lang", langs])
            .in_dir(&dir)
            .fails(2);
        assert!(run.stderr.contains(says), "{langs}: {}", run.stderr);
    }
    let run = Run::vita(&["init", "x", "--lang", "de"])
        .in_dir(&dir)
        .fails(2);
    assert!(
        run.stderr
            .contains("`--lang` goes with `--template bilingual`"),
        "{}",
        run.stderr
    );
    assert!(!dir.join("x").exists());
}
