//! The first minutes with vita: the README's examples work, the command line explains
//! itself (version, completions, manual), and CI gets what it needs (JSON, strictness).

use std::fs;

use serde_json::Value;

use crate::support::{Run, fixture, repo, temp_dir};

/// The TOML blocks of the README, in order.
fn readme_toml_blocks() -> Vec<String> {
    let readme = fs::read_to_string(repo().join("README.md")).unwrap();
    let mut blocks = vec![];
    let mut current: Option<String> = None;
    for line in readme.lines() {
        match (&mut current, line.trim()) {
            (None, "```toml") => current = Some(String::new()),
            (Some(block), "```") => {
                blocks.push(std::mem::take(block));
                current = None;
            }
            (Some(block), _) => {
                block.push_str(line);
                block.push('\n');
            }
            _ => {}
        }
    }
    blocks
}

#[test]
fn every_readme_toml_block_parses_and_the_short_example_builds() {
    let blocks = readme_toml_blocks();
    assert!(blocks.len() >= 3, "{blocks:?}");
    for b in &blocks {
        b.parse::<toml::Table>()
            .unwrap_or_else(|e| panic!("a README block is not TOML: {e}\n{b}"));
    }
    // The short example (the first whole profile, with a `[person]`) builds as it is, with no
    // warning.
    let example = blocks.iter().find(|b| b.contains("[person]")).unwrap();
    let dir = temp_dir("onramp-readme");
    fs::write(dir.join("profile.toml"), example).unwrap();
    let run = Run::vita(&["build", "--deny-warnings"]).in_dir(&dir).ok();
    assert!(run.stderr.is_empty(), "{}", run.stderr);
    assert!(dir.join("out/cv.pdf").exists() && dir.join("out/resume.pdf").exists());
}

#[test]
fn version_completions_and_manual() {
    let run = Run::vita(&["--version"]).ok();
    let cargo = fs::read_to_string(repo().join("Cargo.toml")).unwrap();
    let pin = cargo
        .lines()
        .find(|l| l.starts_with("typst = "))
        .and_then(|l| l.split('"').nth(1))
        .unwrap()
        .trim_start_matches('=');
    assert_eq!(
        run.stdout.trim(),
        format!("vita {} (typst {pin})", env!("CARGO_PKG_VERSION"))
    );
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let run = Run::vita(&["completions", shell]).ok();
        assert!(
            run.stdout.contains("build") && run.stdout.contains("deny-warnings"),
            "{shell}"
        );
    }
    let run = Run::vita(&["man"]).ok();
    assert!(run.stdout.starts_with(".ie") && run.stdout.contains(".TH vita 1"));
}

#[test]
fn ci_gets_json_either_way_and_can_deny_warnings() {
    let dir = temp_dir("onramp-ci");
    // A profile that builds with one warning (a section listed with nothing in it).
    fs::write(
        dir.join("profile.toml"),
        "[person]\nname = \"Ada\"\nemail = \"ada@example.org\"\n[cv]\nsections = [\"news\", \"talks\"]\n[[news]]\ndate = 2020\ntext = \"x\"\n",
    )
    .unwrap();
    let run = Run::vita(&["check", "--json"]).in_dir(&dir).ok();
    let v: Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(v["ok"], true);
    assert_eq!(v["documents"][1]["name"], "cv");
    assert_eq!(v["warnings"], 1);
    assert_eq!(v["diagnostics"].as_array().unwrap().len(), 1);

    let run = Run::vita(&["build", "--deny-warnings"])
        .in_dir(&dir)
        .fails(1);
    assert!(
        run.stderr
            .contains("error: 1 warning and `--deny-warnings` is set: nothing was written"),
        "{}",
        run.stderr
    );
    assert!(!dir.join("out").exists());

    fs::write(dir.join("profile.toml"), "[person]\nname = 3\n").unwrap();
    for cmd in ["build", "check"] {
        let run = Run::vita(&[cmd, "--json"]).in_dir(&dir).fails(1);
        let v: Value = serde_json::from_str(&run.stdout).unwrap();
        assert_eq!(v["ok"], false, "{cmd}");
        assert_eq!(v["exit_code"], 1);
        assert_eq!(v["diagnostics"][0]["severity"], "error", "{}", run.stdout);
    }
}

#[test]
fn profile_addresses_give_ids_and_file_names_are_plain_ascii() {
    let dir = temp_dir("onramp-ids");
    fs::write(
        dir.join("profile.toml"),
        "[person]\nname = \"Jürgen Müller\"\ngithub = \"https://github.com/jmueller/\"\nlinkedin = \"https://www.linkedin.com/in/jmueller\"\n",
    )
    .unwrap();
    let run = Run::vita(&["data", "--only", "cv"]).in_dir(&dir).ok();
    let v: Value = serde_json::from_str(&run.stdout).unwrap();
    let contacts = v["cv"]["person"]["contacts"].as_array().unwrap();
    assert_eq!(contacts[0]["url"], "https://github.com/jmueller");
    assert_eq!(contacts[1]["url"], "https://www.linkedin.com/in/jmueller");
    Run::vita(&["build", "--only", "cv", "--name", "{name}-{doc}.pdf"])
        .in_dir(&dir)
        .ok();
    assert!(dir.join("out/jurgen-muller-cv.pdf").exists());
    // A name in Chinese keeps its own letters.
    fs::copy(fixture("minimal.toml"), dir.join("profile.toml")).unwrap();
    let text = fs::read_to_string(dir.join("profile.toml")).unwrap();
    let name = text
        .lines()
        .find(|l| l.starts_with("name = "))
        .unwrap()
        .to_string();
    fs::write(
        dir.join("profile.toml"),
        text.replace(&name, "name = \"李一鸣\""),
    )
    .unwrap();
    Run::vita(&["build", "--only", "cv", "--name", "{name}-{doc}.pdf"])
        .in_dir(&dir)
        .ok();
    assert!(dir.join("out/李一鸣-cv.pdf").exists());
}

#[test]
fn an_unquoted_month_gets_its_quoted_form_as_the_hint() {
    let dir = temp_dir("onramp-unquoted-month");
    fs::write(
        dir.join("profile.toml"),
        "[person]\nname = \"Ada\"\n\n[[experience]]\nrole = \"R\"\norganisation = \"O\"\nstart = 2021-03\n",
    )
    .unwrap();
    let run = Run::vita(&["check"]).in_dir(&dir).fails(1);
    assert!(
        run.stderr.contains(" --> profile.toml:7:9\n"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("hint: a date with a month but no day goes in quotes: `start = \"2021-03\"`"),
        "{}",
        run.stderr
    );
    assert_eq!(run.stderr.matches("error:").count(), 1, "{}", run.stderr);
}

#[test]
fn usage_errors_exit_2_and_an_invalid_profile_1() {
    let dir = temp_dir("onramp-exit-codes");
    fs::write(
        dir.join("profile.toml"),
        "[person]\nname = \"Ada\"\nemial = \"x\"\n",
    )
    .unwrap();
    for args in [
        &["build", "--no-such-flag"][..],
        &["build", "--paper", "a5"],
        &["frobnicate"],
        &["export", "--format", "europass"],
    ] {
        let run = Run::vita(args).in_dir(&dir).fails(2);
        assert!(run.stderr.starts_with("error:"), "{args:?}: {}", run.stderr);
    }
    Run::vita(&["check"]).in_dir(&dir).fails(1);
    Run::vita(&["build"]).in_dir(&dir).fails(1);
}
