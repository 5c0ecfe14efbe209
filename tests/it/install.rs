//! The one-command install: `scripts/dist` packs a release archive (here of the binary under
//! test, as the release workflow packs its own builds), and `install.sh` installs it from a
//! local folder into a prefix of its own, checking the archive's SHA-256; the installed
//! `vita` then starts a profile and builds it. A tampered archive installs nothing.

use std::fs;
use std::path::Path;
use std::process::Command;

use crate::support::{pack_release, repo, succeeds, temp_dir};

/// `install.sh` from the archives in `from` into `prefix`, with `home` as HOME.
fn install(from: &Path, prefix: &Path, home: &Path) -> std::process::Output {
    Command::new("sh")
        .arg(repo().join("install.sh"))
        .current_dir(home)
        .env("VITA_DOWNLOAD_URL", format!("file://{}", from.display()))
        .env("VITA_INSTALL_DIR", prefix)
        .env("HOME", home)
        .output()
        .unwrap()
}

#[test]
fn install_sh_installs_a_checked_archive_and_the_installed_vita_builds() {
    let dir = temp_dir("install");
    let release = dir.join("release");
    let archive = pack_release(&release);
    let sum = fs::read_to_string(release.join(format!("{archive}.sha256"))).unwrap();
    assert!(sum.ends_with(&format!("  {archive}\n")), "{sum}");

    // Into a prefix of its own, from the local folder; HOME is a scratch folder too.
    let prefix = dir.join("prefix/bin");
    let run = install(&release, &prefix, &dir);
    let said = String::from_utf8_lossy(&run.stderr);
    assert!(run.status.success(), "{said}");
    assert!(said.contains("installed vita "), "{said}");
    let vita = prefix.join("vita");
    // The installed binary starts a profile and builds it, from a folder of its own.
    let work = dir.join("cv");
    succeeds(Command::new(&vita).arg("init").arg(&work));
    succeeds(Command::new(&vita).arg("build").current_dir(&work));
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
    let run = install(&bad, &prefix, &dir);
    let said = String::from_utf8_lossy(&run.stderr);
    assert!(!run.status.success(), "{said}");
    assert!(said.contains("nothing was installed"), "{said}");
    assert!(
        fs::read(&vita).unwrap() == before,
        "the installed vita was changed"
    );
    assert!(!prefix.join(".vita.new").exists());
}
