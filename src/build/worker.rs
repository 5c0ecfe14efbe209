//! Layouts from the user's own folder compile in a child process (vita run with
//! `VITA_WORKER_PROTOCOL=1`, reading its job on standard input), with an
//! address-space limit, and are killed at the deadline: a layout that loops or eats memory
//! costs a failed build, never the process or a thread left running (in `vita watch` too).
//! The built-in layouts, which vita's tests cover, compile in-process (faster).

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use super::{BuildOptions, MadeOne};
use crate::diag::Diagnostic;

/// The most memory (address space) a worker may use.
pub const MEMORY_LIMIT: u64 = 2 << 30;

/// The environment variable that makes a vita process a worker (not a command a user types).
pub const ENV: &str = "VITA_WORKER_PROTOCOL";

/// The program to run workers with: this executable, when it is vita (a test or bench
/// binary that links the library compiles in-process instead).
pub fn program() -> Option<PathBuf> {
    let exe = std::env::current_exe().ok()?;
    let stem = exe.file_stem()?.to_string_lossy().into_owned();
    (stem == "vita").then_some(exe)
}

/// Makes one document in a worker process: `opts.only` names it.
pub fn make(program: &Path, opts: &BuildOptions, deadline: Option<Instant>) -> MadeOne {
    let name = opts.only.clone().unwrap_or_default();
    let fail = |msg: String, hint: &str| Err(vec![Diagnostic::error(msg).hint(hint)]);
    let request = match serde_json::to_vec(opts) {
        Ok(r) => r,
        Err(e) => {
            return fail(
                format!("cannot hand the {name} to a worker: {e}"),
                "this is a bug in vita: please report it",
            );
        }
    };
    let mut child = match Command::new(program)
        .env(ENV, "1")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
    {
        Ok(c) => c,
        Err(e) => {
            return fail(
                format!("cannot start a worker for the {name}: {e}"),
                "check that the vita executable can be run",
            );
        }
    };
    if let Some(mut stdin) = child.stdin.take() {
        let _ = stdin.write_all(&request);
    }
    // Read the answer on a thread, so a large one never blocks the worker on a full pipe.
    let mut stdout = child.stdout.take();
    let reader = std::thread::spawn(move || {
        let mut out = vec![];
        if let Some(s) = stdout.as_mut() {
            let _ = s.read_to_end(&mut out);
        }
        out
    });
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break Some(status),
            Ok(None) if deadline.is_some_and(|d| Instant::now() >= d) => {
                let _ = child.kill();
                let _ = child.wait();
                break None;
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(2)),
            Err(_) => break None,
        }
    };
    let out = reader.join().unwrap_or_default();
    let Some(status) = status else {
        return fail(
            format!(
                "the {name} layout did not finish within {} s",
                opts.timeout.as_secs()
            ),
            "look for a loop that never ends in the layout, or allow more time with `--timeout SECONDS`",
        );
    };
    match serde_json::from_slice::<MadeOne>(&out) {
        Ok(made) if status.success() => made,
        _ => fail(
            format!(
                "the {name} layout stopped the compiler ({status}); it may have used more than {} GiB of memory",
                MEMORY_LIMIT >> 30
            ),
            "look for data that grows without end in the layout (an array doubled in a loop, a recursion without a base case)",
        ),
    }
}

/// The worker's side: reads the options from standard input, makes the one document they
/// name in this process under the memory limit, and writes the result to standard output.
pub fn serve() -> std::io::Result<()> {
    let limit = match rlimit::getrlimit(rlimit::Resource::AS) {
        Ok((soft, _)) => soft.min(MEMORY_LIMIT),
        Err(_) => MEMORY_LIMIT,
    };
    let _ = rlimit::setrlimit(rlimit::Resource::AS, limit, limit);
    let mut input = vec![];
    std::io::stdin().read_to_end(&mut input)?;
    let result: MadeOne = match serde_json::from_slice::<BuildOptions>(&input) {
        Ok(opts) => super::make_here(&opts),
        Err(e) => Err(vec![Diagnostic::error(format!(
            "a worker got a request it cannot read: {e}"
        ))]),
    };
    let out = serde_json::to_vec(&result).map_err(std::io::Error::other)?;
    std::io::stdout().write_all(&out)
}
