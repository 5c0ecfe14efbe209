//! The one-command install: `scripts/dist` packs a release archive (here of the binary under
//! test, as the release workflow packs its own builds), and `install.sh` installs it from a
//! local folder into a prefix of its own, checking the archive's SHA-256; the installed
//! `vita` then starts a profile and builds it. A tampered archive installs nothing.

use std::fs;
use std::path::Path;
use std::process::Command;

use crate::support::{repo, temp_dir};

fn sh(script: &Path, dir: &Path, env: &[(&str, &Path)]) -> std::process::Output {
    let mut cmd = Command::new("sh");
    cmd.arg(script).current_dir(dir);
    for (k, v) in env {
        cmd.env(k, v);
    }
    cmd.output().unwrap()
}

fn target() -> String {
    let arch = String::from_utf8(Command::new("uname").arg("-m").output().unwrap().stdout).unwrap();
    let arch = match arch.trim() {
        "arm64" => "aarch64",
        "amd64" => "x86_64",
        a => a,
    }
    .to_string();
    if cfg!(target_os = "macos") {
        format!("{arch}-apple-darwin")
    } else {
        format!("{arch}-unknown-linux-musl")
    }
}

#[test]
fn install_sh_installs_a_checked_archive_and_the_installed_vita_builds() {
    let dir = temp_dir("install");
    let release = dir.join("release");
    let out = Command::new(repo().join("scripts/dist"))
        .arg(target())
        .env("VITA_BIN", env!("CARGO_BIN_EXE_vita"))
        .env("OUT", &release)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let archive = format!("vita-{}.tar.gz", target());
    let sum = fs::read_to_string(release.join(format!("{archive}.sha256"))).unwrap();
    assert!(sum.ends_with(&format!("  {archive}\n")), "{sum}");

    // Into a prefix of its own, from the local folder; HOME is a scratch folder too.
    let prefix = dir.join("prefix/bin");
    let url = format!("file://{}", release.display());
    let env = [
        ("VITA_DOWNLOAD_URL", Path::new(&url)),
        ("VITA_INSTALL_DIR", &prefix),
        ("HOME", &dir),
    ];
    let run = sh(&repo().join("install.sh"), &dir, &env);
    let said = String::from_utf8_lossy(&run.stderr);
    assert!(run.status.success(), "{said}");
    assert!(said.contains("installed vita "), "{said}");
    let vita = prefix.join("vita");
    // The installed binary starts a profile and builds it, from a folder of its own.
    let work = dir.join("cv");
    let init = Command::new(&vita)
        .args(["init"])
        .arg(&work)
        .output()
        .unwrap();
    assert!(
        init.status.success(),
        "{}",
        String::from_utf8_lossy(&init.stderr)
    );
    let build = Command::new(&vita)
        .arg("build")
        .current_dir(&work)
        .output()
        .unwrap();
    assert!(
        build.status.success(),
        "{}",
        String::from_utf8_lossy(&build.stderr)
    );
    let pdf = fs::read(work.join("out/resume.pdf")).unwrap();
    assert!(pdf.starts_with(b"%PDF-"));

    // A second release whose archive does not match its checksum: refused, and the binary
    // installed before is left as it was.
    let bad = dir.join("bad");
    fs::create_dir_all(&bad).unwrap();
    fs::write(bad.join(&archive), b"not the archive").unwrap();
    fs::copy(
        release.join(format!("{archive}.sha256")),
        bad.join(format!("{archive}.sha256")),
    )
    .unwrap();
    let before = fs::read(&vita).unwrap();
    let url = format!("file://{}", bad.display());
    let env = [
        ("VITA_DOWNLOAD_URL", Path::new(&url)),
        ("VITA_INSTALL_DIR", &prefix),
        ("HOME", &dir),
    ];
    let run = sh(&repo().join("install.sh"), &dir, &env);
    let said = String::from_utf8_lossy(&run.stderr);
    assert!(!run.status.success(), "{said}");
    assert!(said.contains("nothing was installed"), "{said}");
    assert!(
        fs::read(&vita).unwrap() == before,
        "the installed vita was changed"
    );
    assert!(!prefix.join(".vita.new").exists());
}
