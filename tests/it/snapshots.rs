//! The data each layout receives for the example profile, kept in `tests/snapshots/` so any
//! change to it shows in review. `VITA_BLESS=1 cargo test snapshots` rewrites the files.

use std::fs;

use crate::support::{Run, repo};

#[test]
fn example_view_model_matches_its_snapshot() {
    let run = Run::vita(&["data"]).in_dir(repo()).ok();
    let data: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    for (doc, view) in data.as_object().unwrap() {
        let path = repo().join(format!("tests/snapshots/{doc}.json"));
        let now = serde_json::to_string_pretty(view).unwrap() + "\n";
        if std::env::var_os("VITA_BLESS").is_some() {
            fs::create_dir_all(path.parent().unwrap()).unwrap();
            fs::write(&path, &now).unwrap();
            continue;
        }
        let kept = fs::read_to_string(&path).unwrap_or_default();
        if kept != now {
            let line = kept
                .lines()
                .zip(now.lines())
                .position(|(a, b)| a != b)
                .unwrap_or(kept.lines().count().min(now.lines().count()));
            panic!(
                "the {doc} data differs from {} from line {}:\n  kept: {}\n  now:  {}\nif the change is meant, run `VITA_BLESS=1 cargo test snapshots` and review the diff",
                path.display(),
                line + 1,
                kept.lines().nth(line).unwrap_or("(end)"),
                now.lines().nth(line).unwrap_or("(end)"),
            );
        }
    }
    assert_eq!(
        data.as_object().unwrap().len(),
        4,
        "resume, cv, the NIH biosketch and cv-zh-Hans"
    );
}
