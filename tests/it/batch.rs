//! Batch builds: many profiles in one command, each into its own folder, in parallel; a
//! broken one is reported and the others written; clashing folders are refused up front.

use std::fs;
use std::time::Instant;

use serde_json::Value;

use crate::support::{Run, pdf_text, temp_dir};

/// A small faculty profile, different for each `i`.
fn faculty(i: usize) -> String {
    format!(
        "[person]\nname = \"Faculty Member {i}\"\nemail = \"f{i}@example.edu\"\n\n\
         [[experience]]\nrole = \"Professor\"\norganisation = \"Department {i}\"\nstart = {}\nend = \"present\"\n\n\
         [[education]]\ndegree = \"Ph.D.\"\ninstitution = \"University {i}\"\nend = {}\n\n\
         [[publications]]\ntitle = \"Paper number {i}\"\nauthors = [\"Faculty Member {i}\", \"A. Colleague\"]\nvenue = \"Journal\"\nyear = {}\n",
        2000 + i % 20,
        1995 + i % 20,
        2010 + i % 10,
    )
}

#[test]
fn thirty_profiles_in_one_command_with_one_broken() {
    let dir = temp_dir("batch-thirty");
    let people = dir.join("faculty");
    fs::create_dir_all(&people).unwrap();
    for i in 1..=30 {
        let mut text = faculty(i);
        if i == 17 {
            text = text.replace("email =", "emial =");
        }
        fs::write(people.join(format!("member-{i:02}.toml")), text).unwrap();
    }
    let start = Instant::now();
    let run = Run::vita(&["build", "faculty"]).in_dir(&dir).fails(1);
    let took = start.elapsed();
    // The debug build's time, for the record (`cargo test -- --nocapture` shows it).
    println!("30 profiles (one broken) in {took:.1?}, debug build");
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(lines.len(), 31, "{}", run.stdout);
    for (i, line) in lines[..30].iter().enumerate() {
        let i = i + 1;
        let file = format!("faculty/member-{i:02}.toml");
        if i == 17 {
            assert!(
                line.starts_with(&format!("FAIL  {file}  1 error (above)")),
                "{line}"
            );
        } else {
            assert!(
                line.starts_with(&format!(
                    "ok    {file}  -> out/member-{i:02}/  resume 1 page, cv 1 page"
                )),
                "{line}"
            );
        }
    }
    assert!(
        lines[30].starts_with("built 29 of 30 profiles in ")
            && lines[30].ends_with(" s; failed: faculty/member-17.toml"),
        "{}",
        lines[30]
    );
    assert!(
        run.stderr
            .contains("error: unknown key `emial` in `person`\n --> faculty/member-17.toml:3:1"),
        "{}",
        run.stderr
    );
    assert_eq!(run.stderr.matches("error:").count(), 1, "{}", run.stderr);
    for i in 1..=30 {
        let folder = dir.join(format!("out/member-{i:02}"));
        if i == 17 {
            assert!(!folder.exists());
            continue;
        }
        let (_, text) = pdf_text(&fs::read(folder.join("cv.pdf")).unwrap());
        assert!(text.contains(&format!("Faculty Member {i}")), "{i}: {text}");
        assert!(text.contains(&format!("Paper number {i}")), "{i}: {text}");
        assert!(folder.join("resume.pdf").exists());
    }
    assert!(
        !dir.join("out/cv.pdf").exists(),
        "nothing lands in out/ itself"
    );
}

#[test]
fn named_profiles_and_json_and_clashes() {
    let dir = temp_dir("batch-named");
    fs::create_dir_all(dir.join("a")).unwrap();
    fs::create_dir_all(dir.join("b")).unwrap();
    fs::write(dir.join("a/ada.toml"), faculty(1)).unwrap();
    fs::write(dir.join("b/ada.toml"), faculty(2)).unwrap();
    fs::write(dir.join("b/bob.toml"), faculty(3)).unwrap();
    // Two profiles that would share a folder: refused before anything is built.
    let run = Run::vita(&["build", "a/ada.toml", "b/ada.toml", "b/bob.toml"])
        .in_dir(&dir)
        .fails(1);
    assert!(
        run.stderr
            .contains("error: `a/ada.toml` and `b/ada.toml` would all be written to `out/ada`"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("hint: each profile's folder is named after its file")
    );
    assert!(!dir.join("out").exists());
    // Counts are per profile: a batch refuses them (a usage error).
    let run = Run::vita(&["build", "a/ada.toml", "b/bob.toml", "--counts"])
        .in_dir(&dir)
        .fails(2);
    assert!(
        run.stderr
            .contains("`--counts` works on one profile at a time")
    );
    assert!(!dir.join("out").exists());
    // Without the clash: a JSON summary of each profile.
    let run = Run::vita(&["build", "a/ada.toml", "b/bob.toml", "--json"])
        .in_dir(&dir)
        .ok();
    let v: Value = serde_json::from_str(run.stdout.trim()).unwrap();
    assert_eq!(v["ok"], true);
    assert_eq!(v["totals"]["ok"], 2);
    assert_eq!(v["profiles"][0]["out"], "out/ada");
    assert_eq!(v["profiles"][1]["files"][0]["path"], "out/bob/resume.pdf");
    assert_eq!(v["profiles"][1]["documents"][1]["pages"], 1);
    assert!(dir.join("out/ada/cv.pdf").exists() && dir.join("out/bob/cv.pdf").exists());
}
