//! vita: one `profile.toml` in, a resume, an academic CV and any other documents it declares
//! out, typeset in-process by Typst.
//!
//! Data flows one way (see ARCHITECTURE.md): profile file -> [`load`] (typed
//! [`profile::Profile`], .bib entries from [`bib`], every check) -> [`build::plan`] (the
//! [`document`]s with their [`style`]) -> a [`view`] per document -> [`render`] (Typst) ->
//! [`export`] (bytes per format) -> [`output`] (atomic writes).

pub mod add;
pub mod ats;
pub mod batch;
pub mod bib;
pub mod build;
pub mod cli;
pub mod coa;
pub mod diag;
pub mod document;
pub mod export;
pub mod files;
#[cfg(test)]
mod fuzz;
pub mod ids;
pub mod import;
pub mod init;
pub mod load;
pub mod locale;
pub mod names;
pub mod net;
pub mod output;
pub mod photo;
pub mod profile;
pub mod pubexport;
pub mod render;
pub mod schema;
pub mod serve;
pub mod style;
pub mod sync;
pub mod themes;
pub mod view;
pub mod watch;

use diag::Diagnostic;

pub use build::{BuildOptions, Made, Outcome, make, make_loaded, source_date_epoch};

/// Why a command failed, with what to tell the user.
#[derive(Debug)]
pub struct Failure {
    /// The problems, errors first.
    pub diagnostics: Vec<Diagnostic>,
    /// The exit code: 1 for the user's input or layout, 2 for anything else.
    pub code: i32,
}

impl Failure {
    /// A failure caused by the user's input (exit code 1).
    pub fn input(diagnostics: Vec<Diagnostic>) -> Self {
        Failure {
            diagnostics,
            code: 1,
        }
    }

    /// A failure of the environment: disk, permissions (exit code 2).
    pub fn other(diagnostic: Diagnostic) -> Self {
        Failure {
            diagnostics: vec![diagnostic],
            code: 2,
        }
    }
}
