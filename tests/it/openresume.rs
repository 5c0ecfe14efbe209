//! The example resume read by OpenResume's heuristic parser (PyPI `openresume-parser`, its
//! offline mode: pypdf's text, then rules about lines, no AI), in every theme on A4 and US
//! Letter: it must find the name, the e-mail and the work history.
//!
//! The parser runs from the Python named by `VITA_OPENRESUME_PYTHON` (`.ci/run` makes a venv
//! with the package); without it the test says so and passes, unless
//! `VITA_REQUIRE_OPENRESUME=1`, as in CI when PyPI could be reached.

use std::path::Path;
use std::process::Command;

use serde_json::Value;

use crate::support::{Run, repo, temp_dir};

/// What the parser reads from one PDF: the fields its offline mode fills.
const PARSE: &str = r#"
import json, sys
from openresume import parse_resume_from_pdf
result = parse_resume_from_pdf(sys.argv[1])
print(json.dumps(result))
"#;

fn parser() -> Option<String> {
    let python = std::env::var("VITA_OPENRESUME_PYTHON").ok();
    let required = std::env::var("VITA_REQUIRE_OPENRESUME").is_ok_and(|v| v == "1");
    match python {
        Some(p) if Path::new(&p).exists() => Some(p),
        _ if required => {
            panic!("VITA_REQUIRE_OPENRESUME=1 but VITA_OPENRESUME_PYTHON is not a Python")
        }
        _ => {
            eprintln!(
                "skipped: OpenResume's parser is not installed (set VITA_OPENRESUME_PYTHON to a \
                 Python with `openresume-parser`; .ci/run does)"
            );
            None
        }
    }
}

fn parse(python: &str, pdf: &Path) -> Value {
    let out = crate::support::succeeds(Command::new(python).arg("-c").arg(PARSE).arg(pdf));
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["ok"], true, "{v}");
    v["resume"].clone()
}

/// Whether a theme sets its dates in a column at the left of the entries.
fn dates_at_left(theme: &str) -> bool {
    let toml = std::fs::read_to_string(repo().join(format!("themes/{theme}.toml"))).unwrap();
    toml.lines()
        .any(|l| l.replace(' ', "") == "date_position=\"left\"")
}

#[test]
fn openresume_finds_the_name_email_and_work_history_in_every_theme() {
    let Some(python) = parser() else { return };
    let data: Value = serde_json::from_str(
        &Run::vita(&["data", "--only", "resume"])
            .in_dir(repo())
            .ok()
            .stdout,
    )
    .unwrap();
    let person = &data["resume"]["person"];
    let name = person["name"].as_str().unwrap();
    let email = person["contacts"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["kind"] == "email")
        .and_then(|c| c["text"].as_str())
        .unwrap();
    let sections = data["resume"]["sections"].as_array().unwrap();
    let job = &sections.iter().find(|s| s["id"] == "experience").unwrap()["entries"][0];
    let (title, org, date) = (
        job["title"].as_str().unwrap(),
        job["subtitle"].as_str().unwrap(),
        job["date"].as_str().unwrap(),
    );
    let start = date.split(" – ").next().unwrap();
    let current = date.ends_with("present");

    let dir = temp_dir("openresume");
    for theme in ["classic", "compact", "academic", "modern", "harvard"] {
        for paper in ["a4", "us-letter"] {
            let what = format!("{theme} {paper}");
            let out = dir.join(format!("{theme}-{paper}"));
            Run::vita(&[
                "build", "--only", "resume", "--theme", theme, "--paper", paper,
            ])
            .arg("--out")
            .arg(&out)
            .in_dir(repo())
            .ok();
            let resume = parse(&python, &out.join("resume.pdf"));
            assert_eq!(resume["full_name"], name, "{what}: {resume}");
            assert_eq!(resume["email"], email, "{what}: {resume}");
            let first = &resume["experience"]["work_history"][0];
            assert_eq!(first["start_date"], start, "{what}: {first}");
            assert_eq!(first["current"], current, "{what}: {first}");
            if dates_at_left(theme) {
                // A date column at the left puts the date on the title's line, and this parser
                // takes a line with a date in it for the date alone: it finds the job and its
                // dates, and files no title.
                assert!(
                    first["description"].as_str().unwrap().len() > 20,
                    "{what}: {first}"
                );
            } else {
                assert_eq!(first["title"], title, "{what}: {first}");
                assert_eq!(first["company"], org, "{what}: {first}");
            }
        }
    }
}
