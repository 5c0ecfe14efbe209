//! `vita build a.toml b.toml` / `vita build FOLDER` (and the same for `check`): several
//! profiles, each into its own folder, a line each and a total; every problem is printed under
//! the profile it belongs to.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use vita::Failure;
use vita::cli::Input;

use super::print::{pages, print_diagnostics, print_diagnostics_of};
use super::report;

/// Builds (or checks) several profiles, each into its own folder, and prints a line per
/// profile and a total; failures are listed and the others written.
#[allow(clippy::too_many_arguments)]
pub fn batch(
    input: &Input,
    more: &[std::path::PathBuf],
    formats: &vita::cli::Formats,
    out: &Path,
    quiet: bool,
    json: bool,
    mode: vita::batch::Mode,
) -> ExitCode {
    let start = std::time::Instant::now();
    let command = match mode {
        vita::batch::Mode::Build(_) => "build",
        vita::batch::Mode::Check => "check",
    };
    let fail = |f: Failure| {
        print_diagnostics(&f.diagnostics, input.message_format);
        if json {
            let failed = report::failed(command, &input.profile, None, &f, start.elapsed());
            println!("{}", report::batch(command, vec![failed], start.elapsed()));
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
        mode,
        input.deny_warnings,
        vita::batch::threads(),
    );
    let failed: Vec<&vita::batch::Done> = done.iter().filter(|d| d.result.is_err()).collect();
    // Problems first, profile by profile in the order given, each under its profile.
    for d in &done {
        let diagnostics = match &d.result {
            Ok(built) => &built.outcome.warnings,
            Err(f) => &f.diagnostics,
        };
        if !diagnostics.is_empty() && input.message_format == vita::cli::MessageFormat::Human {
            eprintln!("{}:", d.job.profile.display());
        }
        print_diagnostics_of(diagnostics, input.message_format, Some(&d.job.profile));
    }
    let code = failed
        .iter()
        .filter_map(|d| d.result.as_ref().err().map(|f| f.code))
        .max()
        .unwrap_or(0);
    let mut stdout = std::io::stdout().lock();
    if json {
        let out_of = |d: &vita::batch::Done| match mode {
            vita::batch::Mode::Build(_) => Some(d.job.out.clone()),
            vita::batch::Mode::Check => None,
        };
        let profiles: Vec<serde_json::Value> = done
            .iter()
            .map(|d| match &d.result {
                Ok(built) => {
                    let mut paths = built.paths.iter();
                    let made: Vec<report::Made> = built
                        .outcome
                        .made
                        .iter()
                        .map(|m| report::Made {
                            made: m,
                            files: m
                                .files
                                .iter()
                                .filter_map(|f| Some((f, paths.next()?.as_path())))
                                .collect(),
                            limits: built
                                .limits
                                .iter()
                                .filter(|l| l.document == m.name)
                                .collect(),
                            counts: false,
                        })
                        .collect();
                    report::done(
                        command,
                        &d.job.profile,
                        out_of(d).as_deref(),
                        &made,
                        &built.outcome.warnings,
                        d.time,
                    )
                }
                Err(f) => report::failed(command, &d.job.profile, out_of(d).as_deref(), f, d.time),
            })
            .collect();
        let _ = writeln!(
            stdout,
            "{}",
            report::batch(command, profiles, start.elapsed())
        );
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
                Ok(built) if !quiet => {
                    let docs: Vec<String> = built
                        .outcome
                        .made
                        .iter()
                        .map(|m| format!("{} {}", m.name, pages(m.pages)))
                        .collect();
                    let to = match mode {
                        vita::batch::Mode::Build(_) => format!("  -> {}/", d.job.out.display()),
                        vita::batch::Mode::Check => String::new(),
                    };
                    let _ = writeln!(
                        stdout,
                        "ok    {shown}{pad}{to}  {}  {} ms",
                        docs.join(", "),
                        d.time.as_millis()
                    );
                }
                Ok(_) => {}
                Err(f) => {
                    let errors = f.diagnostics.iter().filter(|x| x.is_error()).count();
                    let _ = writeln!(
                        stdout,
                        "FAIL  {shown}{pad}  {errors} {} (above){}",
                        if errors == 1 { "error" } else { "errors" },
                        if command == "build" {
                            "; nothing written for it"
                        } else {
                            ""
                        }
                    );
                }
            }
        }
        let names: Vec<String> = failed
            .iter()
            .map(|d| d.job.profile.display().to_string())
            .collect();
        let (ok, all) = (done.len() - failed.len(), done.len());
        let head = match mode {
            vita::batch::Mode::Build(_) => format!("built {ok} of {all} profiles"),
            vita::batch::Mode::Check => format!("{ok} of {all} profiles pass the check"),
        };
        let _ = writeln!(
            stdout,
            "{head} in {:.1} s{}",
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
