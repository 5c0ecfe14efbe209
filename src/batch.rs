//! Batch builds: `vita build a.toml b.toml` or `vita build profiles/`. Each profile is built
//! on its own (in parallel, on the available cores) into its own folder, `out/<name>/`; one
//! that fails is reported and the others are still written.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use crate::build::{BuildOptions, Outcome};
use crate::diag::Diagnostic;
use crate::{Failure, make};

/// One profile of a batch: where it is, and the folder its files go to.
#[derive(Debug, Clone, PartialEq)]
pub struct Job {
    /// The profile file.
    pub profile: PathBuf,
    /// Its output folder: `out/<name>/`.
    pub out: PathBuf,
}

/// What a batch does with each profile.
#[derive(Debug, Clone, Copy)]
pub enum Mode<'a> {
    /// Build it and write its files, named by this pattern.
    Build(&'a str),
    /// Check it: compile every document and count its limits, writing nothing.
    Check,
}

/// A profile of a batch that went through.
#[derive(Debug)]
pub struct Built {
    /// The documents made.
    pub outcome: Outcome,
    /// The files written (none in a check).
    pub paths: Vec<PathBuf>,
    /// The counted limits of its documents (a check's).
    pub limits: Vec<crate::document::limits::Measure>,
}

/// How one profile of a batch went.
#[derive(Debug)]
pub struct Done {
    /// The profile and its folder.
    pub job: Job,
    /// The documents made and the files written, or why not.
    pub result: Result<Built, Failure>,
    /// How long it took.
    pub time: Duration,
}

/// The profiles named on the command line, a folder standing for the `.toml` files in it
/// (sorted by name), each with its output folder under `out`. Two profiles that would share
/// a folder are an error before anything is built.
pub fn jobs(args: &[PathBuf], out: &Path) -> Result<Vec<Job>, Failure> {
    let mut profiles = vec![];
    for a in args {
        if a.is_dir() {
            let mut found: Vec<PathBuf> = std::fs::read_dir(a)
                .map_err(|e| {
                    Failure::other(Diagnostic::error(format!(
                        "cannot read the folder `{}`: {e}",
                        a.display()
                    )))
                })?
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.is_file() && p.extension().is_some_and(|x| x == "toml"))
                .collect();
            found.sort();
            if found.is_empty() {
                return Err(Failure::input(vec![
                    Diagnostic::error(format!(
                        "the folder `{}` has no .toml profiles",
                        a.display()
                    ))
                    .hint("name profile files, or a folder that holds them: `vita build people/`"),
                ]));
            }
            profiles.extend(found);
        } else {
            profiles.push(a.clone());
        }
    }
    let mut by_folder: BTreeMap<PathBuf, Vec<&Path>> = BTreeMap::new();
    let jobs: Vec<Job> = profiles
        .iter()
        .map(|p| {
            let job = Job {
                profile: p.clone(),
                out: out.join(name(p)),
            };
            by_folder.entry(job.out.clone()).or_default().push(p);
            job
        })
        .collect();
    let clashes: Vec<Diagnostic> = by_folder
        .iter()
        .filter(|(_, ps)| ps.len() > 1)
        .map(|(folder, ps)| {
            let names: Vec<String> = ps.iter().map(|p| format!("`{}`", p.display())).collect();
            Diagnostic::error(format!(
                "{} would all be written to `{}`",
                names.join(" and "),
                folder.display()
            ))
            .hint("each profile's folder is named after its file: rename one of the files")
        })
        .collect();
    if !clashes.is_empty() {
        return Err(Failure::input(clashes));
    }
    Ok(jobs)
}

/// The folder name of a profile: its file's stem, or for a `profile.toml` the name of the
/// folder it is in (`people/ada/profile.toml` -> `ada`).
fn name(p: &Path) -> String {
    let stem = p
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    if stem == "profile"
        && let Some(parent) = p.parent().and_then(Path::file_name)
    {
        return parent.to_string_lossy().into_owned();
    }
    stem
}

/// Builds (or checks) every job with these options (`opts.profile` is replaced by each
/// job's), on `threads` threads, and writes each profile's files when it built. Results come
/// back in the order of the jobs.
pub fn run(
    jobs: &[Job],
    opts: &BuildOptions,
    mode: Mode,
    deny_warnings: bool,
    threads: usize,
) -> Vec<Done> {
    let next = Mutex::new(0usize);
    let results: Mutex<Vec<Option<Done>>> = Mutex::new((0..jobs.len()).map(|_| None).collect());
    std::thread::scope(|s| {
        for _ in 0..threads.clamp(1, jobs.len().max(1)) {
            s.spawn(|| {
                loop {
                    let i = {
                        let mut n = next.lock().unwrap_or_else(|e| e.into_inner());
                        let i = *n;
                        *n += 1;
                        i
                    };
                    let Some(job) = jobs.get(i) else { break };
                    let done = one(job, opts, mode, deny_warnings);
                    results.lock().unwrap_or_else(|e| e.into_inner())[i] = Some(done);
                }
            });
        }
    });
    results
        .into_inner()
        .unwrap_or_else(|e| e.into_inner())
        .into_iter()
        .flatten()
        .collect()
}

fn one(job: &Job, opts: &BuildOptions, mode: Mode, deny_warnings: bool) -> Done {
    let start = Instant::now();
    let opts = BuildOptions {
        profile: job.profile.clone(),
        ..opts.clone()
    };
    let made = || -> Result<(Outcome, Vec<crate::document::limits::Measure>), Failure> {
        match mode {
            Mode::Build(_) => Ok((make(&opts)?, vec![])),
            Mode::Check => {
                let loaded = crate::build::plan::load(&opts)?;
                let outcome = crate::build::make_loaded(&loaded, &opts)?;
                Ok((outcome, crate::document::limits::measure(&loaded.profile)))
            }
        }
    };
    let result = made().and_then(|(outcome, limits)| {
        if deny_warnings && !outcome.warnings.is_empty() {
            let n = outcome.warnings.len();
            let mut d = outcome.warnings.clone();
            d.push(
                Diagnostic::error(format!(
                    "{n} {} and `--deny-warnings` is set: nothing was written",
                    if n == 1 { "warning" } else { "warnings" }
                ))
                .hint("fix the warnings above, or leave out `--deny-warnings`"),
            );
            return Err(Failure::input(d));
        }
        let paths = match mode {
            Mode::Build(pattern) => crate::output::write_documents(&outcome, &job.out, pattern)?,
            Mode::Check => vec![],
        };
        Ok(Built {
            outcome,
            paths,
            limits,
        })
    });
    Done {
        job: job.clone(),
        result,
        time: start.elapsed(),
    }
}

/// How many profiles to build at once: the cores there are.
pub fn threads() -> usize {
    std::thread::available_parallelism().map_or(1, usize::from)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folders_are_named_after_files_and_clashes_are_refused() {
        let out = Path::new("out");
        let got = jobs(
            &[
                PathBuf::from("a/ada.toml"),
                PathBuf::from("people/bob/profile.toml"),
            ],
            out,
        )
        .unwrap();
        assert_eq!(got[0].out, Path::new("out/ada"));
        assert_eq!(got[1].out, Path::new("out/bob"));
        let err = jobs(
            &[PathBuf::from("a/ada.toml"), PathBuf::from("b/ada.toml")],
            out,
        )
        .unwrap_err();
        assert_eq!(err.code, 1);
        assert_eq!(
            err.diagnostics[0].message,
            "`a/ada.toml` and `b/ada.toml` would all be written to `out/ada`"
        );
    }
}
