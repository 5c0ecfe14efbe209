//! `vita build a.toml b.toml` / `vita build FOLDER`: several profiles, each into its own
//! folder, a line each and a total.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use vita::Failure;
use vita::cli::Input;

use super::print::{failure_summary, pages, print_diagnostics};

/// Builds several profiles, each into its own folder, and prints a line per profile and a
/// total; failures are listed and the others written.
pub fn batch(
    input: &Input,
    more: &[std::path::PathBuf],
    formats: &vita::cli::Formats,
    out: &Path,
    quiet: bool,
    json: bool,
    name: &str,
) -> ExitCode {
    let start = std::time::Instant::now();
    let fail = |f: Failure| {
        print_diagnostics(&f.diagnostics, input.message_format);
        if json {
            println!("{}", failure_summary(&f));
        }
        ExitCode::from(f.code as u8)
    };
    let args: Vec<std::path::PathBuf> = std::iter::once(input.profile.clone())
        .chain(more.iter().cloned())
        .collect();
    let jobs = match vita::batch::jobs(&args, out) {
        Ok(jobs) => jobs,
        Err(f) => return fail(f),
    };
    let opts = match crate::options(input, formats, &[]) {
        Ok(o) => o,
        Err(f) => return fail(f),
    };
    let done = vita::batch::run(
        &jobs,
        &opts,
        name,
        input.deny_warnings,
        vita::batch::threads(),
    );
    let failed: Vec<&vita::batch::Done> = done.iter().filter(|d| d.result.is_err()).collect();
    // Problems first, profile by profile in the order given.
    for d in &done {
        match &d.result {
            Ok((outcome, _)) => print_diagnostics(&outcome.warnings, input.message_format),
            Err(f) => print_diagnostics(&f.diagnostics, input.message_format),
        }
    }
    let code = failed
        .iter()
        .filter_map(|d| d.result.as_ref().err().map(|f| f.code))
        .max()
        .unwrap_or(0);
    let mut stdout = std::io::stdout().lock();
    if json {
        let profiles: Vec<serde_json::Value> = done
            .iter()
            .map(|d| {
                let mut v = serde_json::json!({
                    "profile": d.job.profile,
                    "out": d.job.out,
                    "ok": d.result.is_ok(),
                    "ms": d.time.as_millis() as u64,
                });
                match &d.result {
                    Ok((outcome, paths)) => {
                        v["files"] = paths.iter().map(|p| p.display().to_string()).collect();
                        v["documents"] = outcome
                            .made
                            .iter()
                            .map(|m| serde_json::json!({"document": m.name, "pages": m.pages}))
                            .collect();
                        v["warnings"] = outcome.warnings.iter().map(|w| w.to_json()).collect();
                    }
                    Err(f) => {
                        v["exit_code"] = f.code.into();
                        v["diagnostics"] = f.diagnostics.iter().map(|w| w.to_json()).collect();
                    }
                }
                v
            })
            .collect();
        let summary = serde_json::json!({
            "ok": failed.is_empty(),
            "built": done.len() - failed.len(),
            "failed": failed.len(),
            "ms": start.elapsed().as_millis() as u64,
            "profiles": profiles,
        });
        let _ = writeln!(stdout, "{summary}");
    } else {
        let width = done
            .iter()
            .map(|d| d.job.profile.display().to_string().chars().count())
            .max()
            .unwrap_or(0);
        for d in &done {
            let shown = d.job.profile.display().to_string();
            let pad = " ".repeat(width - shown.chars().count());
            match &d.result {
                Ok((outcome, _)) if !quiet => {
                    let docs: Vec<String> = outcome
                        .made
                        .iter()
                        .map(|m| format!("{} {}", m.name, pages(m.pages)))
                        .collect();
                    let _ = writeln!(
                        stdout,
                        "ok    {shown}{pad}  -> {}/  {}  {} ms",
                        d.job.out.display(),
                        docs.join(", "),
                        d.time.as_millis()
                    );
                }
                Ok(_) => {}
                Err(f) => {
                    let errors = f.diagnostics.iter().filter(|x| x.is_error()).count();
                    let _ = writeln!(
                        stdout,
                        "FAIL  {shown}{pad}  {errors} {} (above); nothing written for it",
                        if errors == 1 { "error" } else { "errors" }
                    );
                }
            }
        }
        let names: Vec<String> = failed
            .iter()
            .map(|d| d.job.profile.display().to_string())
            .collect();
        let _ = writeln!(
            stdout,
            "built {} of {} profiles in {:.1} s{}",
            done.len() - failed.len(),
            done.len(),
            start.elapsed().as_secs_f64(),
            if names.is_empty() {
                String::new()
            } else {
                format!("; failed: {}", names.join(", "))
            }
        );
    }
    ExitCode::from(code as u8)
}
