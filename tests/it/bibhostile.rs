//! Hostile .bib files (issue 16): each is refused or read within 30 seconds and a 3 GB
//! address space, with a message that points at the line to fix. Large inputs are made here,
//! from a few lines each.

use std::fmt::Write as _;
use std::fs;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::support::{Output, repo, temp_dir};

const PROFILE: &str = "bibliography = [\"pubs.bib\"]\n[person]\nname = \"Yiming Li\"\n[cv]\nsections = [\"publications\"]\n";

/// `vita check` in `dir`, limited to 3 GB of address space and killed after 30 seconds.
fn check_bounded(dir: &Path) -> Output {
    let mut child = Command::new("sh")
        .arg("-c")
        .arg("ulimit -v 3000000 && exec \"$0\" check")
        .arg(env!("CARGO_BIN_EXE_vita"))
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("sh runs");
    let start = Instant::now();
    while child.try_wait().expect("waits").is_none() {
        if start.elapsed() > Duration::from_secs(30) {
            let _ = child.kill();
            panic!("vita check ran past 30 s in {}", dir.display());
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let out = child.wait_with_output().expect("output");
    Output {
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        code: out.status.code(),
    }
}

/// A folder with the profile and this .bib file, checked within the limits.
fn check_bib(name: &str, bib: &str) -> Output {
    let dir = temp_dir(name);
    fs::write(dir.join("profile.toml"), PROFILE).unwrap();
    fs::write(dir.join("pubs.bib"), bib).unwrap();
    check_bounded(&dir)
}

fn assert_refused(out: &Output, first_lines: &str) {
    assert_eq!(out.code, Some(1), "{}", out.stderr);
    assert!(out.stderr.starts_with(first_lines), "{}", out.stderr);
}

/// `levels` `@string`s, each the one before joined with itself.
fn doubling(levels: usize) -> String {
    let mut src = String::from("@string{s0 = {Conference on Doubling}}\n");
    for i in 1..=levels {
        src.push_str(&format!("@string{{s{i}=s{}#s{}}}\n", i - 1, i - 1));
    }
    src
}

#[test]
fn doubling_strings_are_refused_at_the_first_too_long() {
    // 30 levels: a few hundred bytes that would expand to 40 GB.
    let bib = doubling(30) + "@article{a, title = {T}, author = {Li, Yiming}, journal = s30}\n";
    assert!(bib.len() < 1000);
    let out = check_bib("bibhostile-strings", &bib);
    assert_refused(
        &out,
        "error: the @string `s12` expands to 88 KiB; vita allows at most 64 KiB\n  --> pubs.bib:13:9\n",
    );
    assert!(
        out.stderr.contains("hint: an @string joined with itself"),
        "{}",
        out.stderr
    );
    // Within the limit per @string, past it in the venue.
    let bib =
        doubling(10) + "@article{a, title = {T}, author = {Li, Yiming}, journal = s10#s10#s10}\n";
    let out = check_bib("bibhostile-venue", &bib);
    assert_refused(
        &out,
        "error: `journal` of `a` expands to 66 KiB; vita allows at most 64 KiB\n  --> pubs.bib:12:49\n",
    );
}

#[test]
fn braces_with_at_signs_between_them_are_still_counted() {
    // 600 KB of `{`, an `@` every 60.
    let mut bib = String::from("@article{a, title = {");
    for _ in 0..10_000 {
        bib.push_str(&"{".repeat(59));
        bib.push('@');
    }
    bib.push_str(&"}".repeat(590_001));
    bib.push_str("}\n");
    let out = check_bib("bibhostile-braces", &bib);
    assert_refused(
        &out,
        "error: braces are nested more than 64 deep here\n --> pubs.bib:1:",
    );
}

#[test]
fn a_long_crossref_chain_is_refused_at_once() {
    let mut bib = String::new();
    for i in 0..5000 {
        writeln!(
            bib,
            "@inproceedings{{e{i}, title = {{E{i}}}, author = {{Li, Yiming}}, crossref = {{e{}}}}}",
            i + 1
        )
        .unwrap();
    }
    bib.push_str("@proceedings{e5000, title = {Proc}, year = 2020}\n");
    let out = check_bib("bibhostile-crossref", &bib);
    assert_refused(
        &out,
        "error: the entry `e0` inherits through more than 32 `crossref` or `xdata` links\n --> pubs.bib:1:16\n",
    );
}

#[test]
fn what_the_parser_took_wrongly_is_read_as_written() {
    let bib = r#"@preamble{"\newcommand{\noop}[1]{}" # "\def\x{y}"}
@comment{an old entry, kept for reference: {@article{gone, title = {Gone}, author = {Li, Yiming}}}}
@article{kept, title = {An $O(n^2)$ Method for $H_2O$}, author = {{Team A=B} and Li, Yiming}, journal = {J}, year = 2021}
"#;
    let dir = temp_dir("bibhostile-readings");
    fs::write(dir.join("profile.toml"), PROFILE).unwrap();
    fs::write(dir.join("pubs.bib"), bib).unwrap();
    let out = check_bounded(&dir);
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    let data = crate::support::Run::vita(&["data", "--only", "cv"])
        .in_dir(&dir)
        .ok()
        .stdout;
    assert!(data.contains("An O(n²) Method for H₂O"), "{data}");
    assert!(data.contains("Team A=B"), "{data}");
    assert!(!data.contains("Gone"), "{data}");
}

#[test]
fn a_lone_dollar_is_named_as_math() {
    let out = check_bib(
        "bibhostile-dollar",
        "@article{a,\n  title = {Costs 5$},\n  author = {Li, Yiming}, year = 2021}\n",
    );
    assert_refused(
        &out,
        "error: the math `$` here is not closed\n --> pubs.bib:2:19\n",
    );
}

#[test]
fn a_file_with_no_entries_and_a_file_named_twice_are_pointed_out() {
    let dir = temp_dir("bibhostile-passwd");
    fs::write(
        dir.join("profile.toml"),
        "bibliography = [\"passwd\"]\n[person]\nname = \"Yiming Li\"\n",
    )
    .unwrap();
    fs::write(dir.join("passwd"), "root:x:0:0:root:/root:/bin/bash\n").unwrap();
    let out = check_bounded(&dir);
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    assert!(
        out.stderr
            .contains("warning: `passwd` has no entries\n --> passwd:1:1"),
        "{}",
        out.stderr
    );
    let dir = temp_dir("bibhostile-twice");
    fs::write(
        dir.join("profile.toml"),
        "bibliography = [\"pubs.bib\",\n  \"./pubs.bib\"]\n[person]\nname = \"Yiming Li\"\n",
    )
    .unwrap();
    fs::copy(repo().join("pubs.bib"), dir.join("pubs.bib")).unwrap();
    let out = check_bounded(&dir);
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    assert!(
        out.stderr.contains(
            "warning: `./pubs.bib` is listed twice in `bibliography`, the first time as `pubs.bib`\n --> profile.toml:2:3"
        ),
        "{}",
        out.stderr
    );
    assert!(!out.stderr.contains("used in both"), "{}", out.stderr);
}
