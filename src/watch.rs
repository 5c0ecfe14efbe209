//! `vita watch`: build, then rebuild whenever a file the last build read changes.
//!
//! Files are polled (size, modification time and, on Unix, inode) every 40 ms rather than
//! watched through OS notifications. Polling a handful of files costs nothing, and it sees
//! every way editors save (write in place, truncate then write, write a temporary file and
//! rename it over the old one, delete and recreate) without special cases for each.
//! A change is built once the files have stopped changing for one more poll (debouncing).
//!
//! One process serves the whole session, so the standard library, the fonts and comemo's
//! caches stay warm: a rebuild redoes only what an edit touched. Old cache entries are
//! evicted after each build so memory stays flat over hundreds of rebuilds.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant, SystemTime};

use crate::{BuildOptions, Failure, Outcome};

/// How often files are looked at.
const POLL: Duration = Duration::from_millis(40);

/// What one build in a watch session came to.
pub enum Event<'a> {
    /// The documents were built and written to these paths.
    Built(&'a Outcome, &'a [PathBuf], Duration),
    /// The build failed; the previous PDFs are untouched.
    Failed(&'a Failure),
}

/// What identifies a file's content without reading it.
type Stamp = Option<(SystemTime, u64, u64)>;

fn stamp(path: &Path) -> Stamp {
    let m = std::fs::metadata(path).ok()?;
    #[cfg(unix)]
    let ino = std::os::unix::fs::MetadataExt::ino(&m);
    #[cfg(not(unix))]
    let ino = 0;
    Some((m.modified().ok()?, m.len(), ino))
}

fn stamps(paths: &[PathBuf]) -> BTreeMap<PathBuf, Stamp> {
    paths.iter().map(|p| (p.clone(), stamp(p))).collect()
}

/// Why a watch session ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum End {
    /// `stop` was set (Ctrl-C).
    Stopped,
    /// A build ran past its deadline and its thread is still running: the process should
    /// start anew (see [`crate::build::abandoned`]), and resume waiting for a change.
    Abandoned,
}

/// Builds, then rebuilds on every change until `stop` is set; each build is reported.
/// `resumed`: the session started anew after a build ran past its deadline, so it waits for a
/// change before building (building at once would run the same build into the same wall).
pub fn watch(
    opts: &BuildOptions,
    out: &Path,
    pattern: &str,
    stop: &AtomicBool,
    resumed: bool,
    report: &mut dyn FnMut(Event),
) -> End {
    let mut watched: Vec<PathBuf> = vec![opts.profile.clone()];
    if resumed {
        watched.extend(crate::bib::named_files(&opts.profile));
        if let Some(dir) = &opts.layouts
            && let Ok(entries) = std::fs::read_dir(dir)
        {
            watched.extend(entries.flatten().map(|e| e.path()));
        }
        if !wait_for_change(&watched, &stamps(&watched), stop) {
            return End::Stopped;
        }
    }
    loop {
        let start = Instant::now();
        // Stamps from before the build: a save that lands while it runs is a change too.
        let before = stamps(&watched);
        // The profile's own inputs (its .bib files), as its loading reports them; when it
        // fails to load, the ones it names, so that a missing one is noticed when made.
        let loaded = crate::build::plan::load(opts);
        let inputs = match &loaded {
            Ok(loaded) => loaded.files.clone(),
            Err(_) => crate::bib::named_files(&opts.profile),
        };
        // Stamped as soon as they are known, before the build is reported: a file made or
        // saved from then on is a change.
        let read = stamps(&inputs);
        let layouts = crate::render::world::Reads::default();
        let result = loaded.and_then(|loaded| {
            let outcome = crate::build::make_recording(&loaded, opts, &layouts)?;
            let paths = crate::output::write_documents(&outcome, out, pattern)?;
            Ok((outcome, paths))
        });
        match &result {
            Ok((outcome, paths)) => report(Event::Built(outcome, paths, start.elapsed())),
            Err(failure) => report(Event::Failed(failure)),
        }
        if crate::build::abandoned() {
            return End::Abandoned;
        }
        // Watch what this build read; after a failure keep what the last good build read too.
        let mut next: Vec<PathBuf> = vec![opts.profile.clone()];
        next.extend(inputs);
        next.extend(
            layouts
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .iter()
                .cloned(),
        );
        if result.is_err() {
            next.extend(watched.iter().cloned());
        }
        next.sort();
        next.dedup();
        watched = next;
        comemo::evict(10);

        let seen: BTreeMap<PathBuf, Stamp> = watched
            .iter()
            .map(|p| {
                (
                    p.clone(),
                    before
                        .get(p)
                        .or_else(|| read.get(p))
                        .cloned()
                        .unwrap_or_else(|| stamp(p)),
                )
            })
            .collect();
        if !wait_for_change(&watched, &seen, stop) {
            return End::Stopped;
        }
    }
}

/// Waits until a watched file differs from `seen`, then for the files to settle; `false`
/// when `stop` was set first.
fn wait_for_change(
    watched: &[PathBuf],
    seen: &BTreeMap<PathBuf, Stamp>,
    stop: &AtomicBool,
) -> bool {
    let mut seen = seen.clone();
    loop {
        if stop.load(Ordering::SeqCst) {
            return false;
        }
        std::thread::sleep(POLL);
        let now = stamps(watched);
        if now != seen {
            seen = now;
            loop {
                std::thread::sleep(POLL);
                let again = stamps(watched);
                if again == seen || stop.load(Ordering::SeqCst) {
                    break;
                }
                seen = again;
            }
            return true;
        }
    }
}
