//! `vita add` and `vita sync` against recorded answers replayed on 127.0.0.1 (never the
//! internet): what they write reads back through vita, the user's own text is untouched,
//! each service's failures (404, 429 then success, 500, a malformed answer) are clear, and
//! with the server gone they say they are offline and change nothing.

use std::fs;
use std::path::Path;

use crate::replay::{Replay, Reply};
use crate::support::{Run, temp_dir};

const JSON: &str = "application/json";
const ATOM: &str = "application/atom+xml";

/// A profile with a .bib file of two hand-written entries in Google Scholar's key style.
fn profile(dir: &Path) -> String {
    let bib = "% My papers, by hand.\n@inproceedings{wu2021invisible,\n  title = {Invisible Backdoor Attack with Sample-Specific Triggers},\n  author = {Li, Yuezun and Li, Yiming},\n  booktitle = {ICCV},\n  year = {2021},\n}\n\n@misc{li2020rethinking,\n  title = {An arXiv-Only Preprint Used by the vita Tests},\n  author = {Li, Yiming},\n  journal = {arXiv preprint},\n  year = 2024,\n}\n";
    fs::write(dir.join("pubs.bib"), bib).unwrap();
    fs::write(
        dir.join("profile.toml"),
        "bibliography = [\"pubs.bib\"]\n[person]\nname = \"Yiming Li\"\nemail = \"yiming@example.org\"\norcid = \"https://orcid.org/0000-0002-1825-0097\"\n",
    )
    .unwrap();
    bib.to_string()
}

fn services(r: &Replay) {
    r.route(
        "/works/10.1109/tnnls.2022.3182979",
        vec![Reply::file(
            "crossref/10.1109_TNNLS.2022.3182979.json",
            JSON,
        )],
    )
    .route(
        "/works/10.1000/unicode",
        vec![Reply::file("crossref/10.1000_unicode.json", JSON)],
    )
    .route(
        "/works/10.1000/sparse",
        vec![Reply::file("crossref/10.1000_sparse.json", JSON)],
    )
    .route(
        "/works/10.1000/missing",
        vec![Reply::file("crossref/not-found.txt", "text/plain").status(404)],
    )
    .route(
        "id_list=2007.08745",
        vec![Reply::file("arxiv/2007.08745.xml", ATOM)],
    )
    .route(
        "id_list=2412.99999",
        vec![Reply::file("arxiv/empty.xml", ATOM)],
    )
    .route(
        "id=31452104",
        vec![Reply::file("pubmed/esummary-31452104.json", JSON)],
    )
    .route(
        "/rec/journals/tnn/lijlx24.bib",
        vec![Reply::file("dblp/journals_tnn_LiJLX24.bib", "text/plain")],
    )
    .route(
        "/0000-0002-1825-0097/works",
        vec![Reply::file("orcid/works.json", JSON)],
    );
}

/// Text with runs of spaces made one: the writer aligns its `=` signs.
fn flat(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        if !(c == ' ' && out.ends_with(' ')) {
            out.push(c);
        }
    }
    out
}

/// The publications vita reads from the profile, as `vita data` gives them to the CV.
fn titles(dir: &Path) -> String {
    Run::vita(&["check"]).in_dir(dir).ok();
    Run::vita(&["data", "--only", "cv"]).in_dir(dir).ok().stdout
}

#[test]
fn add_appends_entries_in_the_files_style_that_read_back_and_skips_papers_already_there() {
    let dir = temp_dir("net-add");
    let cache = dir.join("cache");
    let before = profile(&dir);
    let r = Replay::start();
    services(&r);

    let run = r
        .vita(
            &[
                "add",
                "10.1109/TNNLS.2022.3182979",
                "https://doi.org/10.1000/unicode",
                "pmid:31452104",
                "dblp:journals/tnn/LiJLX24",
            ],
            &cache,
        )
        .in_dir(&dir)
        .ok();
    let after = fs::read_to_string(dir.join("pubs.bib")).unwrap();
    // The user's text is untouched: the new entries follow it.
    assert!(after.starts_with(&before), "{after}");
    let written = flat(&after);
    assert!(run.stdout.contains("added li2024backdoor: Backdoor Learning: A Survey (10.1109/TNNLS.2022.3182979, from Crossref)"), "{}", run.stdout);
    assert!(
        run.stdout
            .contains("added kaiser2023measuring: Measuring CO2 uptake in vivo"),
        "{}",
        run.stdout
    );
    // The DBLP record is the survey again: found by its DOI, not added twice.
    assert!(
        run.stdout.contains(
            "dblp:journals/tnn/LiJLX24 is there already as li2024backdoor (the same DOI)"
        ),
        "{}",
        run.stdout
    );
    assert!(
        written
            .to_lowercase()
            .contains("doi = {10.1109/tnnls.2022.3182979}"),
        "{after}"
    );
    assert!(
        written.contains("journal = {IEEE Transactions on Neural Networks and Learning Systems}"),
        "{after}"
    );
    assert!(written.contains("pages = {5--22}"), "{after}");
    assert!(written.contains("pmid = {31452104}"), "{after}");
    // A citation count is not a fact of the paper: `add` writes none.
    assert!(!written.contains("citations ="), "{after}");
    // Unicode names as Crossref gives them.
    assert!(
        written.contains("author = {Kaiser, Łukasz and García-Pérez, José"),
        "{after}"
    );
    // Crossref's polite pool: the profile's e-mail in the User-Agent.
    assert!(
        r.requests()
            .iter()
            .any(|l| l.contains("/works/10.1109") && l.contains("mailto:yiming@example.org")),
        "{:?}",
        r.requests()
    );
    // It reads back through vita: every title is in the CV's data.
    let data = titles(&dir);
    for t in [
        "Backdoor Learning: A Survey",
        "Invisible Backdoor Attack",
        "Molegro Virtual Docker",
    ] {
        assert!(data.contains(t), "{t} not in {data}");
    }

    // Again: every paper is there already, and nothing is written.
    let run = r
        .vita(
            &["add", "10.1109/TNNLS.2022.3182979", "arXiv:2007.08745"],
            &cache,
        )
        .in_dir(&dir)
        .ok();
    assert!(
        run.stdout
            .contains("is there already as li2024backdoor (the same DOI)"),
        "{}",
        run.stdout
    );
    assert!(!run.stdout.contains("wrote"), "{}", run.stdout);
    assert_eq!(fs::read_to_string(dir.join("pubs.bib")).unwrap(), after);
}

#[test]
fn add_arxiv_takes_the_published_version_and_keeps_the_arxiv_id() {
    let dir = temp_dir("net-arxiv");
    profile(&dir);
    // A file keyed the DBLP way gets a DBLP-style key where it can, else its own style.
    fs::write(dir.join("pubs.bib"), "@article{Li2021,\n  title = {Invisible Backdoor Attack with Sample-Specific Triggers},\n  author = {Li, Yuezun},\n  year = {2021},\n}\n").unwrap();
    let r = Replay::start();
    services(&r);
    let run = r
        .vita(&["add", "arXiv:2007.08745"], &dir.join("cache"))
        .in_dir(&dir)
        .ok();
    assert!(
        run.stdout.contains(
            "added Li2024: Backdoor Learning: A Survey (arXiv:2007.08745, from arXiv and Crossref)"
        ),
        "{}",
        run.stdout
    );
    let bib = fs::read_to_string(dir.join("pubs.bib")).unwrap();
    assert!(
        flat(&bib).contains("eprint = {2007.08745}") && bib.contains("@article{Li2024,"),
        "{bib}"
    );
    assert!(titles(&dir).contains("Backdoor Learning: A Survey"));
}

#[test]
fn add_says_what_went_wrong_with_each_service() {
    let dir = temp_dir("net-fail");
    let before = profile(&dir);
    let cache = dir.join("cache");
    let r = Replay::start();
    services(&r);
    // Not an identifier: refused before anything is asked.
    let run = r.vita(&["add", "hello"], &cache).in_dir(&dir).fails(1);
    assert!(
        run.stderr
            .contains("`hello` is not an identifier vita can look up"),
        "{}",
        run.stderr
    );
    assert!(r.requests().is_empty());
    // A DOI Crossref does not know.
    let run = r
        .vita(&["add", "10.1000/missing"], &cache)
        .in_dir(&dir)
        .fails(1);
    assert!(
        run.stderr.contains("Crossref has no such record"),
        "{}",
        run.stderr
    );
    // An arXiv id with no paper.
    let run = r
        .vita(&["add", "arXiv:2412.99999"], &cache)
        .in_dir(&dir)
        .fails(1);
    assert!(
        run.stderr.contains("arXiv has no such record"),
        "{}",
        run.stderr
    );
    // 429 (wait, as Retry-After says), then the record.
    r.route(
        "/works/10.1000/busy",
        vec![
            Reply::raw(429, "slow down"),
            Reply::file("crossref/10.1000_sparse.json", JSON),
        ],
    );
    let run = r.vita(&["add", "10.1000/busy"], &cache).in_dir(&dir).ok();
    assert!(run.stdout.contains("added "), "{}", run.stdout);
    assert_eq!(
        r.requests()
            .iter()
            .filter(|l| l.contains("10.1000/busy"))
            .count(),
        2
    );
    // A 500 that stays: retried, then an error that names it.
    r.route("/works/10.1000/broken", vec![Reply::raw(500, "oops")]);
    let run = r
        .vita(&["add", "10.1000/broken"], &cache)
        .in_dir(&dir)
        .fails(1);
    assert!(
        run.stderr.contains("Crossref answered with HTTP 500"),
        "{}",
        run.stderr
    );
    // An answer that is not JSON.
    r.route(
        "/works/10.1000/garbled",
        vec![Reply::raw(200, "<html>maintenance</html>")],
    );
    let run = r
        .vita(&["add", "10.1000/garbled"], &cache)
        .in_dir(&dir)
        .fails(1);
    assert!(
        run.stderr.contains("Crossref's answer could not be read"),
        "{}",
        run.stderr
    );
    // Only the one good lookup was written.
    let after = fs::read_to_string(dir.join("pubs.bib")).unwrap();
    assert!(after.starts_with(&before));
    assert_eq!(
        after.matches('@').count(),
        before.matches('@').count() + 1,
        "{after}"
    );
}

#[test]
fn offline_add_and_sync_say_so_and_change_nothing() {
    let dir = temp_dir("net-offline");
    let before = profile(&dir);
    // A port with nothing listening: the services are out of reach.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let url = format!("http://127.0.0.1:{port}");
    let env = |run: Run| {
        [
            "VITA_CROSSREF_URL",
            "VITA_ARXIV_URL",
            "VITA_ORCID_URL",
            "VITA_OPENALEX_URL",
        ]
        .iter()
        .fold(run, |r, v| r.env(v, &url))
        .env("VITA_CACHE_DIR", dir.join("cache").to_str().unwrap())
    };
    let run = env(Run::vita(&["add", "10.1109/TNNLS.2022.3182979"]))
        .in_dir(&dir)
        .fails(1);
    assert!(
        run.stderr.contains("offline: cannot reach Crossref"),
        "{}",
        run.stderr
    );
    let run = env(Run::vita(&["sync", "--write"])).in_dir(&dir).fails(1);
    assert!(
        run.stderr.contains("offline: cannot reach ORCID"),
        "{}",
        run.stderr
    );
    assert_eq!(fs::read_to_string(dir.join("pubs.bib")).unwrap(), before);
}

#[test]
fn sync_shows_new_changed_and_only_here_and_writes_around_hand_edits() {
    let dir = temp_dir("net-sync");
    let before = profile(&dir);
    let cache = dir.join("cache");
    let r = Replay::start();
    services(&r);

    // A dry run, the ORCID iD given: the report, and nothing written.
    let run = r
        .vita(&["sync", "--orcid", "0000-0002-1825-0097"], &cache)
        .in_dir(&dir)
        .ok();
    let out = &run.stdout;
    assert!(out.contains("ORCID 0000-0002-1825-0097: 4 works"), "{out}");
    assert!(
        out.contains("+ li2024backdoor: Backdoor Learning: A Survey (2024)"),
        "{out}"
    );
    assert!(
        out.contains("+ kaiser2023measuring: Measuring CO2 uptake in vivo"),
        "{out}"
    );
    // The arXiv-only preprint is in the file already (by title): its arXiv id is added; its
    // `journal` is the user's and stays.
    assert!(
        out.contains("~ li2020rethinking: eprint added: 2412.99999"),
        "{out}"
    );
    assert!(
        out.contains("- wu2021invisible: Invisible Backdoor Attack with Sample-Specific Triggers"),
        "{out}"
    );
    assert!(
        out.contains("nothing written: `vita sync --write` writes these to pubs.bib"),
        "{out}"
    );
    assert_eq!(fs::read_to_string(dir.join("pubs.bib")).unwrap(), before);

    // Written: the new entries appended with their record, the change made in place.
    let run = r.vita(&["sync", "--write"], &cache).in_dir(&dir).ok();
    assert!(
        run.stdout.contains("wrote pubs.bib: 3 added, 1 changed"),
        "{}",
        run.stdout
    );
    let after = fs::read_to_string(dir.join("pubs.bib")).unwrap();
    assert!(after.starts_with("% My papers, by hand.\n@inproceedings{wu2021invisible,\n  title = {Invisible Backdoor Attack with Sample-Specific Triggers},"), "{after}");
    assert!(after.contains("  journal = {arXiv preprint},\n  year = 2024,\n  eprint = {2412.99999},\n  vita-synced = {vita; eprint="), "{after}");
    assert!(after.contains("vita-synced = {vita; title="), "{after}");
    let data = titles(&dir);
    assert!(
        data.contains("Backdoor Learning: A Survey") && data.contains("Notes on Robust Training"),
        "{data}"
    );

    // Again: nothing new, nothing changed.
    let run = r.vita(&["sync", "--write"], &cache).in_dir(&dir).ok();
    assert!(
        run.stdout.contains("new (0):") && run.stdout.contains("changed (0):"),
        "{}",
        run.stdout
    );
    assert_eq!(fs::read_to_string(dir.join("pubs.bib")).unwrap(), after);

    // The user edits a field vita wrote; the record says so, and a later change keeps theirs.
    let edited = after.replacen("eprint = {2412.99999}", "eprint = {2412.99999v2}", 1);
    fs::write(dir.join("pubs.bib"), &edited).unwrap();
    let run = r.vita(&["sync", "--write"], &cache).in_dir(&dir).ok();
    assert_eq!(
        fs::read_to_string(dir.join("pubs.bib")).unwrap(),
        edited,
        "{}",
        run.stdout
    );
}

#[test]
fn sync_reads_openalex_page_by_page_and_a_long_orcid_record() {
    let dir = temp_dir("net-long");
    profile(&dir);
    let r = Replay::start();
    // 10,000 works, none with an identifier (no lookups), in one ORCID answer.
    let groups: Vec<String> = (0..10_000)
        .map(|i| format!(r#"{{"external-ids":{{"external-id":[]}},"work-summary":[{{"put-code":{i},"title":{{"title":{{"value":"Work number {i} of a long career"}}}},"type":"journal-article","publication-date":{{"year":{{"value":"2001"}}}},"journal-title":{{"value":"Journal {i}"}}}}]}}"#))
        .collect();
    let body = format!(
        r#"{{"last-modified-date":null,"group":[{}],"path":"/0000-0002-1825-0097/works"}}"#,
        groups.join(",")
    );
    r.route("/0000-0002-1825-0097/works", vec![Reply::body(JSON, body)]);
    r.route(
        "cursor=*",
        vec![Reply::file("openalex/works-page1.json", JSON)],
    );
    r.route(
        "cursor=",
        vec![Reply::file("openalex/works-page2.json", JSON)],
    );
    let run = r
        .vita(
            &["sync", "--openalex", "A5023888391", "--citations"],
            &dir.join("cache"),
        )
        .in_dir(&dir)
        .ok();
    // OpenAlex's counts for the papers the file has (its arXiv DOI names the preprint).
    assert!(
        run.stdout
            .contains("~ li2020rethinking: citations added: 0"),
        "{}",
        &run.stdout[..2000.min(run.stdout.len())]
    );
    assert!(
        run.stdout
            .contains("ORCID 0000-0002-1825-0097: 10000 works"),
        "{}",
        &run.stdout[..500.min(run.stdout.len())]
    );
    assert!(
        run.stdout.contains("OpenAlex A5023888391: 3 works"),
        "{}",
        &run.stdout[..500.min(run.stdout.len())]
    );
    assert!(
        r.requests()
            .iter()
            .filter(|l| l.contains("/works?filter=author.id:a5023888391"))
            .count()
            == 2,
        "{:?}",
        r.requests()
    );
}

#[test]
fn hostile_answers_and_files_break_nothing() {
    let dir = temp_dir("net-hostile");
    let before = profile(&dir);
    let cache = dir.join("cache");
    let r = Replay::start();
    services(&r);
    // A month of 13 in arXiv's answer: no panic, the entry without a month.
    let atom = fs::read_to_string(crate::support::fixture("net/arxiv/2007.08745.xml")).unwrap();
    let odd = atom
        .replace(
            "<published>",
            "<published>2020-13-01T00:00:00Z</published><x>",
        )
        .replace("</published>", "</x>");
    let odd =
        odd.replacen("<arxiv:doi", "<arxiv:nodoi", 1)
            .replacen("</arxiv:doi>", "</arxiv:nodoi>", 1);
    r.route("id_list=2001.00013", vec![Reply::body(ATOM, odd)]);
    let run = r
        .vita(&["add", "arXiv:2001.00013"], &cache)
        .in_dir(&dir)
        .run();
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
    // An answer that cannot be read is not cached: once the service answers well, it works.
    r.route(
        "/works/10.1000/flaky",
        vec![
            Reply::raw(200, "<html>captive portal</html>"),
            Reply::file("crossref/10.1000_sparse.json", JSON),
        ],
    );
    r.vita(&["add", "10.1000/flaky"], &cache)
        .in_dir(&dir)
        .fails(1);
    let run = r.vita(&["add", "10.1000/flaky"], &cache).in_dir(&dir).ok();
    assert!(run.stdout.contains("added "), "{}", run.stdout);
    // An answer read from the cache leaves its file as it was (its age is its fetch's).
    let stamps = || -> Vec<std::time::SystemTime> {
        let mut v: Vec<_> = fs::read_dir(cache.join("http"))
            .unwrap()
            .map(|e| e.unwrap().metadata().unwrap().modified().unwrap())
            .collect();
        v.sort();
        v
    };
    let before_stamps = stamps();
    std::thread::sleep(std::time::Duration::from_millis(20));
    r.vita(&["add", "10.1000/flaky"], &cache).in_dir(&dir).ok();
    assert_eq!(stamps(), before_stamps);
    // A service still busy after its waits: the run stops asking it.
    r.route(
        "/works/10.1000/busy503",
        vec![Reply {
            retry_after: Some(0),
            ..Reply::raw(503, "busy")
        }],
    );
    let run = r
        .vita(&["add", "10.1000/busy503", "10.1000/sparse"], &cache)
        .in_dir(&dir)
        .fails(1);
    assert!(run.stderr.contains("Crossref is busy"), "{}", run.stderr);
    assert!(
        !r.requests().iter().any(|l| l.contains("10.1000/sparse")),
        "{:?}",
        r.requests()
    );
    // A service that asks to wait an hour: said at once, not waited for.
    r.route(
        "/works/10.1000/later",
        vec![Reply {
            retry_after: Some(3600),
            ..Reply::raw(429, "later")
        }],
    );
    let start = std::time::Instant::now();
    let run = r
        .vita(&["add", "10.1000/later"], &cache)
        .in_dir(&dir)
        .fails(1);
    assert!(
        run.stderr.contains("Crossref asks to wait 3600 s"),
        "{}",
        run.stderr
    );
    assert!(start.elapsed().as_secs() < 10);
    // An ORCID iD that is not one: refused before anything is asked.
    let asked = r.requests().len();
    let run = r
        .vita(&["sync", "--orcid", "../../etc/passwd"], &cache)
        .in_dir(&dir)
        .fails(1);
    assert!(run.stderr.contains("is not an ORCID iD"), "{}", run.stderr);
    assert_eq!(r.requests().len(), asked);

    // A record whose PubMed id tries to open an entry of its own.
    let mut works: serde_json::Value = serde_json::from_str(
        &fs::read_to_string(crate::support::fixture("net/orcid/works.json")).unwrap(),
    )
    .unwrap();
    let id = &mut works["group"][2]["work-summary"][0]["external-ids"]["external-id"][0];
    assert_eq!(id["external-id-value"], "10.1000/unicode");
    id["external-id-type"] = "pmid".into();
    id["external-id-value"] = "1}\n@misc{evil, title={E}".into();
    id["external-id-normalized"] = serde_json::Value::Null;
    works["group"][2]["external-ids"]["external-id"] = serde_json::json!([]);
    let evil = works.to_string();
    r.route("/0000-0001-0000-0002/works", vec![Reply::body(JSON, evil)]);
    r.vita(
        &["sync", "--orcid", "0000-0001-0000-0002", "--write"],
        &cache,
    )
    .in_dir(&dir)
    .ok();
    let bib = fs::read_to_string(dir.join("pubs.bib")).unwrap();
    assert!(!bib.contains("@misc{evil"), "{bib}");
    Run::vita(&["check"]).in_dir(&dir).ok();

    // The .bib as a link: the file it names gets the entries, the link stays a link.
    let linked = temp_dir("net-hostile-link");
    profile(&linked);
    fs::rename(linked.join("pubs.bib"), linked.join("real.bib")).unwrap();
    std::os::unix::fs::symlink("real.bib", linked.join("pubs.bib")).unwrap();
    r.vita(&["add", "10.1000/unicode"], &linked.join("cache"))
        .in_dir(&linked)
        .ok();
    assert!(
        fs::symlink_metadata(linked.join("pubs.bib"))
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert!(
        fs::read_to_string(linked.join("real.bib"))
            .unwrap()
            .contains("kaiser2023measuring")
    );
    // A read-only .bib: refused, untouched.
    let ro = linked.join("real.bib");
    let mut perms = fs::metadata(&ro).unwrap().permissions();
    perms.set_readonly(true);
    fs::set_permissions(&ro, perms).unwrap();
    let kept = fs::read(&ro).unwrap();
    let run = r
        .vita(
            &["add", "10.1109/TNNLS.2022.3182979"],
            &linked.join("cache"),
        )
        .in_dir(&linked)
        .fails(1);
    assert!(
        run.stderr.contains("is read-only; nothing was written"),
        "{}",
        run.stderr
    );
    assert_eq!(fs::read(&ro).unwrap(), kept);

    // A work ORCID lists without a title but with a DOI: Crossref's title.
    let mut untitled: serde_json::Value = serde_json::from_str(
        &fs::read_to_string(crate::support::fixture("net/orcid/works.json")).unwrap(),
    )
    .unwrap();
    untitled["group"][2]["work-summary"][0]["title"] = serde_json::Value::Null;
    r.route(
        "/0000-0001-0000-0003/works",
        vec![Reply::body(JSON, untitled.to_string())],
    );
    let fresh = temp_dir("net-hostile-untitled");
    profile(&fresh);
    let run = r
        .vita(
            &["sync", "--orcid", "0000-0001-0000-0003"],
            &fresh.join("cache"),
        )
        .in_dir(&fresh)
        .ok();
    assert!(
        run.stdout
            .contains("+ kaiser2023measuring: Measuring CO2 uptake in vivo"),
        "{}",
        run.stdout
    );

    // A paper whose DOI the file has only as an address: there already.
    let linked_doi = temp_dir("net-hostile-url");
    profile(&linked_doi);
    fs::write(
        linked_doi.join("pubs.bib"),
        "@misc{co2,\n  title = {Carbon},\n  url = {https://doi.org/10.1000/unicode},\n}\n",
    )
    .unwrap();
    let run = r
        .vita(&["add", "10.1000/unicode"], &linked_doi.join("cache"))
        .in_dir(&linked_doi)
        .ok();
    assert!(
        run.stdout
            .contains("is there already as co2 (the same DOI)"),
        "{}",
        run.stdout
    );

    // A .bib with an error: located, and nothing asked or written.
    let broken = temp_dir("net-hostile-broken");
    profile(&broken);
    fs::write(broken.join("pubs.bib"), "@article{x,\n  title = {Open\n").unwrap();
    let run = r
        .vita(&["add", "10.1000/unicode"], &broken.join("cache"))
        .in_dir(&broken)
        .fails(1);
    assert!(
        run.stderr.contains("pubs.bib:1:")
            && run
                .stderr
                .contains("has errors; nothing was asked or written"),
        "{}",
        run.stderr
    );
    assert_eq!(
        fs::read_to_string(broken.join("pubs.bib")).unwrap(),
        "@article{x,\n  title = {Open\n"
    );
    let _ = before;
}

#[test]
fn an_openalex_cursor_that_comes_back_is_not_followed_round_again() {
    let dir = temp_dir("net-cursor-loop");
    profile(&dir);
    let r = Replay::start();
    r.route(
        "/0000-0002-1825-0097/works",
        vec![Reply::body(JSON, r#"{"group":[]}"#)],
    );
    // Every page names the same next cursor and holds the same two works.
    let page = "openalex/works-page1.json";
    r.route("cursor=*", vec![Reply::file(page, JSON)]);
    r.route("cursor=", vec![Reply::file(page, JSON); 200]);
    let run = r
        .vita(&["sync", "--openalex", "A5023888391"], &dir.join("cache"))
        .in_dir(&dir)
        .ok();
    let asked = r
        .requests()
        .iter()
        .filter(|l| l.contains("/works?filter=author.id:a5023888391"))
        .count();
    assert_eq!(asked, 2, "{:?}", r.requests());
    assert!(
        run.stdout.contains("OpenAlex A5023888391: 2 works"),
        "{}",
        &run.stdout[..500.min(run.stdout.len())]
    );
}

#[test]
fn sync_reads_a_person_s_dblp_page() {
    let dir = temp_dir("net-dblp-person");
    let before = profile(&dir);
    let r = Replay::start();
    r.route(
        "/pid/229/8174.bib",
        vec![Reply::file("dblp/pid_229_8174.bib", "text/plain")],
    );
    // The profile's address of the page; the three entries of the page in one answer.
    let text = fs::read_to_string(dir.join("profile.toml")).unwrap();
    fs::write(
        dir.join("profile.toml"),
        text.replace(
            "orcid = \"https://orcid.org/0000-0002-1825-0097\"",
            "dblp = \"https://dblp.org/pid/229/8174.html\"",
        ),
    )
    .unwrap();
    let run = r.vita(&["sync"], &dir.join("cache")).in_dir(&dir).ok();
    let out = &run.stdout;
    assert!(out.contains("DBLP 229/8174: 3 works"), "{out}");
    // The survey and its CoRR preprint are one new paper, the published one; the ICCV paper
    // is the file's `wu2021invisible` (by title), with its DOI and pages to add.
    assert!(out.contains("new (1):"), "{out}");
    assert!(out.contains("Backdoor Learning: A Survey (2024)"), "{out}");
    assert!(out.contains("~ wu2021invisible: "), "{out}");
    assert!(
        out.contains("doi added: 10.1109/ICCV48922.2021.01615"),
        "{out}"
    );
    assert_eq!(fs::read_to_string(dir.join("pubs.bib")).unwrap(), before);
    assert_eq!(r.requests().len(), 1, "{:?}", r.requests());
    // The bare id is a profile's `dblp` too: check passes, and the header links the page.
    let text = fs::read_to_string(dir.join("profile.toml")).unwrap();
    fs::write(
        dir.join("profile.toml"),
        text.replace("https://dblp.org/pid/229/8174.html", "229/8174"),
    )
    .unwrap();
    Run::vita(&["check"]).in_dir(&dir).ok();
    let data = Run::vita(&["data", "--only", "cv"])
        .in_dir(&dir)
        .ok()
        .stdout;
    assert!(
        data.contains("\"https://dblp.org/pid/229/8174.html\""),
        "{data}"
    );
    // An empty page, or one cut short, is no list: an error, and nothing compared.
    r.route("/pid/1/1.bib", vec![Reply::body("text/plain", "")]);
    r.route(
        "/pid/2/2.bib",
        vec![Reply::body(
            "text/plain",
            "@article{DBLP:x, title = {unclosed",
        )],
    );
    for (pid, why) in [("1/1", "it is empty"), ("2/2", "its BibTeX does not read")] {
        let run = r
            .vita(&["sync", "--dblp", pid], &dir.join("cache"))
            .in_dir(&dir)
            .fails(1);
        assert!(run.stderr.contains(why), "{pid}: {}", run.stderr);
    }
    let asked = r.requests().len();
    // A page address that names no id is refused before anything is asked.
    let run = r
        .vita(
            &["sync", "--dblp", "https://dblp.org/pers/hd/l/Li:Yiming"],
            &dir.join("cache"),
        )
        .in_dir(&dir)
        .fails(1);
    assert!(
        run.stderr.contains("names no DBLP person id"),
        "{}",
        run.stderr
    );
    assert_eq!(r.requests().len(), asked);
}
