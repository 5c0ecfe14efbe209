//! `vita ats`: build the documents in memory, read each PDF back as a parser would
//! (`vita::ats`), print the report, and fail when a parser reads something else.

use std::path::Path;

use vita::diag::Diagnostic;
use vita::export::Format;
use vita::{BuildOptions, Failure};

/// Runs `vita ats` for the documents `opts` names; `job` is a posting's file.
pub fn run(
    opts: &BuildOptions,
    job: Option<&Path>,
    json: bool,
) -> Result<Vec<Diagnostic>, Failure> {
    let posting = job.map(read_posting).transpose()?;
    let loaded = vita::build::plan::load(opts)?;
    let plan = vita::build::plan::resolve(&loaded, opts)?;
    let outcome = vita::make_loaded(&loaded, opts)?;
    let mut reports = vec![];
    for job in &plan.documents {
        let pdf = outcome
            .made
            .iter()
            .find(|m| m.name == job.document.file_stem())
            .and_then(|m| m.files.iter().find(|f| f.format == Format::Pdf));
        let Some(pdf) = pdf else { continue };
        let view = plan.view(&loaded, job);
        let report = vita::ats::check(&pdf.bytes, &view, posting.as_deref()).map_err(|e| {
            Failure::other(Diagnostic::error(format!("cannot read the PDF back: {e}")))
        })?;
        reports.push(report);
    }
    if json {
        println!(
            "{}",
            serde_json::to_string_pretty(&reports).unwrap_or_default()
        );
    } else {
        for r in &reports {
            print!("{}", vita::ats::render(r));
        }
    }
    if reports.iter().any(vita::ats::Report::lost) {
        return Err(Failure::input(vec![Diagnostic::error(
            "a parser reads something other than what the document shows (LOST or HIDDEN above)",
        )
        .hint("a layout that draws text as images, icons as characters, text too small to see, or a font without a ToUnicode map does this; the built-in themes do not")]));
    }
    Ok(outcome.warnings)
}

/// A job posting as plain text, at most 1 MiB.
fn read_posting(path: &Path) -> Result<String, Failure> {
    vita::files::read_capped(path, 1024 * 1024)
        .ok()
        .and_then(|b| String::from_utf8(b).ok())
        .ok_or_else(|| {
            Failure::other(
                Diagnostic::error(format!("cannot read the job posting `{}`", path.display()))
                    .hint("give a plain text file (UTF-8) of at most 1 MiB"),
            )
        })
}
