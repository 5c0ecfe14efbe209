//! The one JSON report that `build --json`, `check --json` and a batch's `--json` print, and
//! the diagnostics of `--message-format json`: the shape `schema/report.schema.json` documents.
//!
//! One profile's report: the command, the profile, `ok` and the exit code, its documents
//! (pages, time, what `fit` changed, limits counted by a check, section lengths with
//! `--counts`), its files (path, format, page, pages, bytes, sha256, time) and its
//! diagnostics, each naming the profile it belongs to, with the counts of warnings and errors.
//! A batch is the list of its profiles' reports, with totals.

use std::path::Path;
use std::time::Duration;

use serde_json::{Value, json};
use vita::Failure;
use vita::diag::Diagnostic;

use super::print::sha256_hex;

/// The version of the report's shape; it changes when a field changes meaning or goes.
const VERSION: u32 = 1;

/// A diagnostic as JSON, with the profile it belongs to.
pub fn diagnostic(d: &Diagnostic, profile: &Path) -> Value {
    let mut v = d.to_json();
    v["profile"] = profile.display().to_string().into();
    v
}

/// What one profile made: its documents, each with its files as written and what is known
/// of it besides (`limits` from a check, `counts` from `--counts`).
pub struct Made<'a> {
    pub made: &'a vita::Made,
    pub files: Vec<(&'a vita::export::Exported, &'a Path)>,
    pub limits: Vec<&'a vita::document::limits::Measure>,
    pub counts: bool,
}

fn ms(d: Duration) -> u64 {
    d.as_millis() as u64
}

/// The report of a profile that went through.
pub fn done(
    command: &str,
    profile: &Path,
    out: Option<&Path>,
    made: &[Made],
    warnings: &[Diagnostic],
    time: Duration,
) -> Value {
    let documents: Vec<Value> = made
        .iter()
        .map(|m| {
            let mut d = json!({
                "name": m.made.name,
                "pages": m.made.pages,
                "ms": ms(m.made.time),
                "fit": m.made.fitted,
            });
            if command == "check" {
                d["limits"] = json!(m.limits);
            }
            if m.counts {
                d["counts"] = m
                    .made
                    .counts
                    .iter()
                    .map(|c| json!({"section": c.title, "characters": c.chars, "words": c.words}))
                    .collect();
            }
            d
        })
        .collect();
    let files: Vec<Value> = made
        .iter()
        .flat_map(|m| {
            m.files.iter().map(|(f, path)| {
                json!({
                    "document": m.made.name,
                    "path": path,
                    "format": f.format.name(),
                    "page": f.page,
                    "pages": m.made.pages,
                    "bytes": f.bytes.len(),
                    "sha256": sha256_hex(&f.bytes),
                    "ms": ms(m.made.time),
                })
            })
        })
        .collect();
    report(command, profile, out, 0, documents, files, warnings, time)
}

/// The report of a profile that failed: its diagnostics, errors first, and no files.
pub fn failed(
    command: &str,
    profile: &Path,
    out: Option<&Path>,
    f: &Failure,
    time: Duration,
) -> Value {
    report(
        command,
        profile,
        out,
        f.code,
        vec![],
        vec![],
        &f.diagnostics,
        time,
    )
}

#[allow(clippy::too_many_arguments)]
fn report(
    command: &str,
    profile: &Path,
    out: Option<&Path>,
    code: i32,
    documents: Vec<Value>,
    files: Vec<Value>,
    diagnostics: &[Diagnostic],
    time: Duration,
) -> Value {
    let errors = diagnostics.iter().filter(|d| d.is_error()).count();
    json!({
        "version": VERSION,
        "command": command,
        "profile": profile.display().to_string(),
        "ok": code == 0,
        "exit_code": code,
        "out": out.map(|o| o.display().to_string()),
        "ms": ms(time),
        "documents": documents,
        "files": files,
        "diagnostics": diagnostics.iter().map(|d| diagnostic(d, profile)).collect::<Vec<_>>(),
        "warnings": diagnostics.len() - errors,
        "errors": errors,
    })
}

/// A batch's report: each profile's report, in the order given, and the totals.
pub fn batch(command: &str, profiles: Vec<Value>, time: Duration) -> Value {
    let sum = |key: &str| -> u64 { profiles.iter().map(|p| p[key].as_u64().unwrap_or(0)).sum() };
    let files: usize = profiles
        .iter()
        .map(|p| p["files"].as_array().map_or(0, Vec::len))
        .sum();
    let failed = profiles.iter().filter(|p| p["ok"] != true).count();
    let code = profiles
        .iter()
        .filter_map(|p| p["exit_code"].as_i64())
        .max()
        .unwrap_or(0);
    json!({
        "version": VERSION,
        "command": command,
        "ok": failed == 0,
        "exit_code": code,
        "ms": ms(time),
        "totals": {
            "profiles": profiles.len(),
            "ok": profiles.len() - failed,
            "failed": failed,
            "files": files,
            "warnings": sum("warnings"),
            "errors": sum("errors"),
        },
        "profiles": profiles,
    })
}
