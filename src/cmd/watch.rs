//! `vita watch` in the terminal: a line per build, Ctrl-C to stop, and a fresh start when a
//! build runs past its deadline.

use std::io::Write;
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};

use vita::BuildOptions;
use vita::cli::MessageFormat;

use super::print::{pages, print_diagnostics};

/// Runs `vita watch` until Ctrl-C, printing a line per build and diagnostics as they come.
pub fn watch(
    opts: &BuildOptions,
    out: &Path,
    name: &str,
    format: MessageFormat,
    server: Option<&vita::serve::Server>,
) {
    static STOP: AtomicBool = AtomicBool::new(false);
    // The first Ctrl-C lets the current build finish and its files land; a second one ends
    // the process at once (the files are renamed into place whole, so none is half-written).
    let _ = ctrlc::set_handler(|| {
        if STOP.swap(true, Ordering::SeqCst) {
            std::process::exit(130);
        }
    });
    // Set when this process is a watch session started anew after a build ran past its
    // deadline (see below).
    let resumed = std::env::var_os(RESUMED).is_some();
    if resumed {
        println!(
            "watching {} again; waiting for changes...",
            opts.profile.display()
        );
    } else {
        println!("watching {} (Ctrl-C to stop)", opts.profile.display());
    }
    if let Some(server) = server {
        println!("serving {}", server.url());
    }
    let end = vita::watch::watch(opts, out, name, &STOP, resumed, &mut |event| {
        if let Some(server) = server {
            server.update(&event);
        }
        let mut stdout = std::io::stdout().lock();
        match event {
            vita::watch::Event::Built(outcome, paths, time) => {
                print_diagnostics(&outcome.warnings, format);
                // Each document by its first file (its PDF, when it has one).
                let mut rest = paths.iter();
                let files: Vec<String> = outcome
                    .made
                    .iter()
                    .filter_map(|m| {
                        let mine: Vec<_> = rest.by_ref().take(m.files.len()).collect();
                        let more = match mine.len() {
                            0 | 1 => String::new(),
                            2 => " and 1 more file".to_string(),
                            n => format!(" and {} more files", n - 1),
                        };
                        Some(format!(
                            "{} ({}){more}",
                            mine.first()?.display(),
                            pages(m.pages)
                        ))
                    })
                    .collect();
                let _ = writeln!(
                    stdout,
                    "built {} in {} ms",
                    files.join(", "),
                    time.as_millis()
                );
            }
            vita::watch::Event::Failed(failure) => {
                print_diagnostics(&failure.diagnostics, format);
                let _ = writeln!(
                    stdout,
                    "build failed; the previous PDFs are kept. Waiting for changes..."
                );
            }
        }
        let _ = stdout.flush();
    });
    if end == vita::watch::End::Abandoned {
        // Typst cannot be cancelled: the build that ran past its deadline still runs on a
        // thread of this process. Starting the process anew (same pid, same arguments) ends
        // it, and the new session waits for the next change.
        println!(
            "a build ran past its {} s limit; restarting vita watch to stop it",
            opts.timeout.as_secs()
        );
        let _ = std::io::stdout().flush();
        restart();
    }
    println!("stopped");
}

/// The environment variable that tells a restarted `vita watch` it was restarted.
const RESUMED: &str = "VITA_WATCH_RESUMED";

/// Replaces this process with a new `vita watch` of the same arguments.
#[cfg(unix)]
fn restart() -> ! {
    use std::os::unix::process::CommandExt;
    let err = match std::env::current_exe() {
        Ok(exe) => std::process::Command::new(exe)
            .args(std::env::args_os().skip(1))
            .env(RESUMED, "1")
            .exec(),
        Err(e) => e,
    };
    eprintln!("error: cannot restart vita watch: {err}");
    std::process::exit(2);
}

/// Elsewhere a process cannot replace itself: end it, and say how to go on.
#[cfg(not(unix))]
fn restart() -> ! {
    eprintln!(
        "error: vita watch stopped so that the build that ran past its limit stops too; start it again"
    );
    std::process::exit(1);
}
