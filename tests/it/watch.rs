//! `vita watch` end to end: a user edits the profile the ways editors save, breaks it, fixes it
//! and stops the watcher with Ctrl-C.

use std::fs;
use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::mpsc::Receiver;
use std::time::Duration;

use crate::support::{Killed, lines_of, pdf_text, temp_dir};

fn profile(title: &str) -> String {
    format!(
        "[person]\nname = \"Ada Lovelace\"\n\n[[publications]]\ntitle = \"{title}\"\nauthors = [\"Ada Lovelace\"]\nyear = 1843\n"
    )
}

/// The next line on a stream that starts with `prefix`, within a generous time.
fn wait_for(lines: &Receiver<String>, prefix: &str) -> String {
    loop {
        match lines.recv_timeout(Duration::from_secs(60)) {
            Ok(line) if line.starts_with(prefix) => return line,
            Ok(_) => {}
            Err(e) => panic!("no line starting with {prefix:?}: {e}"),
        }
    }
}

fn cv_text(dir: &Path) -> String {
    pdf_text(&fs::read(dir.join("out/cv.pdf")).unwrap()).1
}

#[test]
fn watch_rebuilds_on_edits_keeps_pdfs_on_errors_and_stops_cleanly() {
    let dir = temp_dir("watch");
    let path = dir.join("profile.toml");
    fs::write(&path, profile("First Title")).unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_vita"))
        .args(["watch", "--only", "cv"])
        .current_dir(&dir)
        .env("NO_COLOR", "1")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let out = lines_of(child.stdout.take().unwrap());
    let err = lines_of(child.stderr.take().unwrap());
    let mut child = Killed(child);

    let built = wait_for(&out, "built ");
    assert!(
        built.starts_with("built out/cv.pdf (1 page) in "),
        "{built}"
    );
    assert!(cv_text(&dir).contains("First Title"));

    // An editor that writes a temporary file and renames it over the profile.
    fs::write(
        dir.join(".profile.toml.swp"),
        profile("Second Title, Renamed Into Place"),
    )
    .unwrap();
    fs::rename(dir.join(".profile.toml.swp"), &path).unwrap();
    wait_for(&out, "built ");
    assert!(cv_text(&dir).contains("Second Title, Renamed Into Place"));

    // A broken save: the error is shown and the last good PDF stays.
    fs::write(
        &path,
        "[person]\nname = \"Ada Lovelace\"\n[[publications]]\ntitle = \n",
    )
    .unwrap();
    wait_for(&out, "build failed; the previous PDFs are kept");
    let error = wait_for(&err, "error: ");
    assert!(error.starts_with("error: "), "{error}");
    assert!(wait_for(&err, " --> ").contains("profile.toml:4:"));
    assert!(cv_text(&dir).contains("Second Title, Renamed Into Place"));

    // Deleted and made again: still watched, and built again.
    fs::remove_file(&path).unwrap();
    wait_for(&out, "build failed");
    fs::write(&path, profile("Third Title After Recreation")).unwrap();
    wait_for(&out, "built ");
    assert!(cv_text(&dir).contains("Third Title After Recreation"));

    // Ctrl-C: the watcher says so and exits with success, leaving no temporary files.
    let status = Command::new("kill")
        .args(["-INT", &child.0.id().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    wait_for(&out, "stopped");
    assert!(child.0.wait().unwrap().success());
    let names: Vec<String> = fs::read_dir(dir.join("out"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, ["cv.pdf"]);
}

#[test]
fn watch_rebuilds_when_a_bib_file_changes() {
    let dir = temp_dir("watch-bib");
    fs::write(
        dir.join("profile.toml"),
        "bibliography = [\"pubs.bib\"]\n[person]\nname = \"Ada Lovelace\"\n",
    )
    .unwrap();
    let bib = |title: &str| {
        format!("@article{{a, title = {{{title}}}, author = {{Lovelace, Ada}}, year = 1843}}\n")
    };
    fs::write(dir.join("pubs.bib"), bib("Notes on the Engine")).unwrap();
    let (_child, out) = crate::support::watch(&dir, &["--only", "cv"]);
    wait_for(&out, "built ");
    assert!(cv_text(&dir).contains("Notes on the Engine"));
    fs::write(dir.join("pubs.bib"), bib("Sketch of the Analytical Engine")).unwrap();
    wait_for(&out, "built ");
    assert!(cv_text(&dir).contains("Sketch of the Analytical Engine"));
}

#[test]
fn watch_notices_a_bib_file_that_is_made_after_the_profile_names_it() {
    let dir = temp_dir("watch-new-bib");
    fs::write(
        dir.join("profile.toml"),
        "bibliography = [\"refs/pubs.bib\"]\n[person]\nname = \"Ada Lovelace\"\n",
    )
    .unwrap();
    let (_child, out) = crate::support::watch(&dir, &["--only", "cv"]);
    // The file does not exist yet: the build fails, and the watcher waits for it.
    wait_for(&out, "build failed");
    fs::create_dir(dir.join("refs")).unwrap();
    fs::write(
        dir.join("refs/pubs.bib"),
        "@article{a, title = {Notes on the Engine}, author = {Lovelace, Ada}, year = 1843}\n",
    )
    .unwrap();
    wait_for(&out, "built ");
    assert!(cv_text(&dir).contains("Notes on the Engine"));
}

/// A process's thread count and CPU time so far (in clock ticks), from /proc.
#[cfg(target_os = "linux")]
fn threads_and_ticks(pid: u32) -> (u32, u64) {
    let status = fs::read_to_string(format!("/proc/{pid}/status")).unwrap();
    let threads = status
        .lines()
        .find_map(|l| l.strip_prefix("Threads:"))
        .unwrap()
        .trim()
        .parse()
        .unwrap();
    let stat = fs::read_to_string(format!("/proc/{pid}/stat")).unwrap();
    // Fields after the command name (which is in parentheses): utime and stime are the
    // 12th and 13th of them.
    let rest = &stat[stat.rfind(')').unwrap() + 2..];
    let f: Vec<&str> = rest.split_whitespace().collect();
    (
        threads,
        f[11].parse::<u64>().unwrap() + f[12].parse::<u64>().unwrap(),
    )
}

#[cfg(target_os = "linux")]
#[test]
fn a_build_past_its_deadline_leaves_no_thread_running() {
    let dir = temp_dir("watch-timeout");
    // Text that takes more than the one second allowed to lay out, yet is within what vita
    // lays out at all (src/build/bound.rs, src/profile/sizes.rs): 24 bullets of 19,000
    // Chinese characters each, about 9,000 lines, each character a place to break.
    let slow: String = "的一是不了人我在有他这为之大来以个中上们"
        .chars()
        .cycle()
        .take(19_000)
        .collect();
    let bullets = vec![format!("\"{slow}\""); 24].join(", ");
    fs::write(
        dir.join("profile.toml"),
        format!(
            "[person]\nname = \"Ada\"\nemail = \"ada@example.org\"\n[[experience]]\nrole = \"R\"\norganisation = \"O\"\nstart = 2020\nhighlights = [{bullets}]\n"
        ),
    )
    .unwrap();
    let (child, lines) = crate::support::watch(&dir, &["--timeout", "1", "--only", "cv"]);
    wait_for(
        &lines,
        "a build ran past its 1 s limit; restarting vita watch",
    );
    wait_for(&lines, "watching profile.toml again; waiting for changes");
    // The same process, started anew: the runaway compile went with the old image. Nothing
    // runs but the watcher itself (its thread and the Ctrl-C handler's), and it is idle.
    let pid = child.0.id();
    let (_, before) = threads_and_ticks(pid);
    std::thread::sleep(Duration::from_millis(1500));
    let (threads, after) = threads_and_ticks(pid);
    assert!(threads <= 2, "{threads} threads");
    assert!(
        after - before < 50,
        "{} ticks of CPU in 1.5 s",
        after - before
    );
    // It still watches: a fixed profile builds.
    fs::write(dir.join("profile.toml"), profile("Notes")).unwrap();
    wait_for(&lines, "built ");
    assert!(cv_text(&dir).contains("Notes"));
}
