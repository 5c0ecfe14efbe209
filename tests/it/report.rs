//! One JSON shape for scripts and CI: `build --json`, `check --json`, their batches, their
//! failures and the lines of `--message-format json` all validate against
//! `schema/report.schema.json`, and every diagnostic names its profile.

use std::fs;

use serde_json::Value;

use crate::support::{Run, fixture, repo, temp_dir};

fn validator() -> jsonschema::Validator {
    let schema: Value = serde_json::from_str(
        &fs::read_to_string(repo().join("schema/report.schema.json")).unwrap(),
    )
    .unwrap();
    jsonschema::validator_for(&schema).expect("the schema is a valid JSON Schema")
}

/// Parses `text` as one JSON value and checks it against the schema.
fn valid(v: &jsonschema::Validator, what: &str, text: &str) -> Value {
    let value: Value = serde_json::from_str(text.trim())
        .unwrap_or_else(|e| panic!("{what}: not one JSON value ({e}): {text}"));
    let problems: Vec<String> = v
        .iter_errors(&value)
        .map(|e| format!("{e} at {}", e.instance_path()))
        .collect();
    assert!(problems.is_empty(), "{what}: {problems:#?}\n{value:#}");
    value
}

/// Every diagnostic in a report names the profile given.
fn diagnostics_name(report: &Value, profile: &str) {
    for d in report["diagnostics"].as_array().unwrap() {
        assert_eq!(d["profile"], profile, "{d}");
    }
}

#[test]
fn every_commands_json_has_the_one_documented_shape() {
    let v = validator();
    let dir = temp_dir("report");
    fs::copy(fixture("ats.toml"), dir.join("ada.toml")).unwrap();
    fs::copy(repo().join("profile.toml"), dir.join("profile.toml")).unwrap();
    fs::copy(repo().join("pubs.bib"), dir.join("pubs.bib")).unwrap();
    // A profile with a typo and a warning (no contact): an error, located, and a warning.
    fs::write(
        dir.join("bad.toml"),
        "[person]\nname = \"Bad\"\nheadlin = \"x\"\n",
    )
    .unwrap();
    fs::write(dir.join("warned.toml"), "[person]\nname = \"Warned\"\n").unwrap();

    // One profile built: its files, with checksums, and a warning counted and listed.
    let run = Run::vita(&[
        "build",
        "warned.toml",
        "--json",
        "--counts",
        "--format",
        "pdf,txt",
    ])
    .in_dir(&dir)
    .ok();
    let r = valid(&v, "build --json", &run.stdout);
    assert_eq!(
        (r["command"].as_str(), r["ok"].as_bool()),
        (Some("build"), Some(true))
    );
    assert_eq!(r["files"].as_array().unwrap().len(), 4, "{r:#}");
    assert!(r["warnings"].as_u64().unwrap() >= 1, "{r:#}");
    assert!(r["documents"][0]["counts"].is_array(), "{r:#}");
    diagnostics_name(&r, "warned.toml");
    for f in r["files"].as_array().unwrap() {
        let bytes = fs::read(dir.join(f["path"].as_str().unwrap())).unwrap();
        assert_eq!(f["bytes"].as_u64().unwrap() as usize, bytes.len());
    }

    // The same profile checked: documents with their limits, no files.
    let run = Run::vita(&["check", "profile.toml", "--json"])
        .in_dir(&dir)
        .ok();
    let r = valid(&v, "check --json", &run.stdout);
    assert_eq!(r["command"], "check");
    assert!(r["files"].as_array().unwrap().is_empty());
    assert!(
        r["documents"]
            .as_array()
            .unwrap()
            .iter()
            .any(|d| !d["limits"].as_array().unwrap().is_empty()),
        "the example's grant documents count their limits: {r:#}"
    );

    // A failure, from either command: the report says so, with the located error.
    for cmd in ["build", "check"] {
        let run = Run::vita(&[cmd, "bad.toml", "--json"])
            .in_dir(&dir)
            .fails(1);
        let r = valid(&v, &format!("{cmd} --json, failed"), &run.stdout);
        assert_eq!(
            (r["ok"].as_bool(), r["exit_code"].as_i64()),
            (Some(false), Some(1))
        );
        assert!(r["errors"].as_u64().unwrap() >= 1);
        let d = &r["diagnostics"][0];
        assert_eq!(
            (d["file"].as_str(), d["line"].as_u64()),
            (Some("bad.toml"), Some(3))
        );
        diagnostics_name(&r, "bad.toml");
    }

    // Batches, listed and as a folder, of both commands: every profile reported, the bad one
    // too, and the totals add up.
    let folder = dir.join("people");
    fs::create_dir_all(&folder).unwrap();
    for f in ["ada.toml", "bad.toml", "warned.toml"] {
        fs::copy(dir.join(f), folder.join(f)).unwrap();
    }
    for args in [
        &["build", "ada.toml", "bad.toml", "warned.toml", "--json"][..],
        &["check", "ada.toml", "bad.toml", "warned.toml", "--json"][..],
        &["check", "people", "--json"][..],
        &["build", "people", "--json", "--out", "batch-out"][..],
    ] {
        let what = args.join(" ");
        let run = Run::vita(args).in_dir(&dir).fails(1);
        let b = valid(&v, &what, &run.stdout);
        let profiles = b["profiles"].as_array().unwrap();
        assert_eq!(profiles.len(), 3, "{what}: {b:#}");
        assert_eq!(b["totals"]["failed"], 1, "{what}");
        assert_eq!(b["totals"]["ok"], 2, "{what}");
        let files: usize = profiles
            .iter()
            .map(|p| p["files"].as_array().unwrap().len())
            .sum();
        assert_eq!(
            b["totals"]["files"].as_u64().unwrap() as usize,
            files,
            "{what}"
        );
        if args[0] == "build" {
            assert!(files >= 4, "{what}: {b:#}");
        }
        for p in profiles {
            diagnostics_name(p, p["profile"].as_str().unwrap());
        }
        let bad = profiles.iter().find(|p| p["ok"] == false).unwrap();
        assert!(
            bad["profile"].as_str().unwrap().ends_with("bad.toml"),
            "{what}"
        );
        let warned = profiles
            .iter()
            .find(|p| p["profile"].as_str().unwrap().ends_with("warned.toml"));
        assert!(warned.unwrap()["warnings"].as_u64().unwrap() >= 1, "{what}");
    }

    // `--message-format json`: each line on standard error is a diagnostic naming its profile,
    // for one profile and in a batch.
    for args in [
        &["check", "bad.toml", "--message-format", "json"][..],
        &[
            "check",
            "ada.toml",
            "bad.toml",
            "warned.toml",
            "--message-format",
            "json",
        ][..],
    ] {
        let run = Run::vita(args).in_dir(&dir).fails(1);
        let lines: Vec<&str> = run
            .stderr
            .lines()
            .filter(|l| !l.trim().is_empty())
            .collect();
        assert!(lines.len() >= 2, "{}", run.stderr);
        for line in lines {
            let d = valid(&v, "a --message-format json line", line);
            assert!(d["severity"].is_string(), "{d}");
            assert!(d["profile"].as_str().unwrap().ends_with(".toml"), "{d}");
        }
    }
}

#[test]
fn a_batch_check_reports_every_profile_under_its_name() {
    let dir = temp_dir("report-check");
    fs::copy(fixture("ats.toml"), dir.join("ada.toml")).unwrap();
    fs::write(
        dir.join("bad.toml"),
        "[person]\nname = \"Bad\"\nheadlin = \"x\"\n",
    )
    .unwrap();
    fs::write(dir.join("warned.toml"), "[person]\nname = \"Warned\"\n").unwrap();
    let run = Run::vita(&["check", "."]).in_dir(&dir).fails(1);
    // Each profile's problems come under its name, and the summary lists them all.
    let bad = run.stderr.find("bad.toml:\n").expect(&run.stderr);
    let typo = run.stderr.find("unknown key `headlin`").expect(&run.stderr);
    let warned = run.stderr.find("warned.toml:\n").expect(&run.stderr);
    assert!(bad < typo && typo < warned, "{}", run.stderr);
    assert!(run.stdout.contains("ok    ./ada.toml"), "{}", run.stdout);
    assert!(run.stdout.contains("FAIL  ./bad.toml"), "{}", run.stdout);
    assert!(
        run.stdout.contains("2 of 3 profiles pass the check")
            && run.stdout.contains("failed: ./bad.toml"),
        "{}",
        run.stdout
    );
    // Nothing is written by a check.
    assert!(!dir.join("out").exists());
}
