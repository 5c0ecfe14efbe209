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

/// Builds, then rebuilds on every change until `stop` is set; each build is reported.
pub fn watch(
    opts: &BuildOptions,
    out: &Path,
    pattern: &str,
    stop: &AtomicBool,
    report: &mut dyn FnMut(Event),
) {
    let mut watched: Vec<PathBuf> = vec![opts.profile.clone()];
    loop {
        let start = Instant::now();
        // Stamps from before the build: a save that lands while it runs is a change too.
        let before = stamps(&watched);
        let (result, read) = crate::build::make_tracked(opts);
        // Stamps of files this build read for the first time, taken before the build is
        // reported: a save made as soon as "built" is printed is then a change too.
        let first_read = stamps(&read);
        let result = result.and_then(|outcome| {
            let paths = crate::output::write_documents(&outcome, out, pattern)?;
            Ok((outcome, paths))
        });
        match &result {
            Ok((outcome, paths)) => report(Event::Built(outcome, paths, start.elapsed())),
            Err(failure) => report(Event::Failed(failure)),
        }
        // Watch what this build read; after a failure keep what the last good build read too.
        let mut next: Vec<PathBuf> = read;
        if result.is_err() {
            next.extend(watched.iter().cloned());
        }
        next.sort();
        next.dedup();
        watched = next;
        comemo::evict(10);

        let mut seen: BTreeMap<PathBuf, Stamp> = watched
            .iter()
            .map(|p| {
                (
                    p.clone(),
                    before
                        .get(p)
                        .or_else(|| first_read.get(p))
                        .cloned()
                        .unwrap_or_else(|| stamp(p)),
                )
            })
            .collect();
        // Wait for a change, then for the files to settle.
        loop {
            if stop.load(Ordering::SeqCst) {
                return;
            }
            std::thread::sleep(POLL);
            let now = stamps(&watched);
            if now != seen {
                seen = now;
                loop {
                    std::thread::sleep(POLL);
                    let again = stamps(&watched);
                    if again == seen || stop.load(Ordering::SeqCst) {
                        break;
                    }
                    seen = again;
                }
                break;
            }
        }
    }
}
