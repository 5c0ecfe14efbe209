//! The `vita` binary: parse arguments, call the library, print, set the exit code.

use std::io::{IsTerminal, Write};
use std::path::Path;
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, Ordering};

use clap::Parser;
use vita::cli::{Cli, Command, Input, MessageFormat};
use vita::diag::Diagnostic;
use vita::{BuildOptions, Failure};

fn main() -> ExitCode {
    // A vita that another vita started to compile one document (see `build::worker`).
    if std::env::var_os(vita::build::worker::ENV).is_some() {
        return match vita::build::worker::serve() {
            Ok(()) => ExitCode::SUCCESS,
            Err(_) => ExitCode::from(2),
        };
    }
    // A mistyped flag or value is a usage error: exit code 2, clap's (and getopt's) convention,
    // so CI can tell a wrong command line from an invalid profile (exit code 1).
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return if e.use_stderr() {
                ExitCode::from(2)
            } else {
                ExitCode::SUCCESS
            };
        }
    };
    // Several profiles, or a folder of them: a batch, with its own summary.
    if let Command::Build {
        input,
        more,
        formats,
        out,
        quiet,
        json,
        name,
        counts,
    } = &cli.command
        && (!more.is_empty() || input.profile.is_dir())
    {
        if *counts {
            print_diagnostics(
                &[
                    Diagnostic::error("`--counts` works on one profile at a time").hint(
                        "build the profile alone to see its counts: `vita build PROFILE --counts`",
                    ),
                ],
                input.message_format,
            );
            return ExitCode::from(2);
        }
        return batch(input, more, formats, out, *quiet, *json, name);
    }
    let format = match &cli.command {
        Command::Build { input, .. }
        | Command::Watch { input, .. }
        | Command::Check { input, .. }
        | Command::Data { input } => input.message_format,
        Command::Completions { shell } => {
            let mut cmd = <Cli as clap::CommandFactory>::command();
            clap_complete::generate(*shell, &mut cmd, "vita", &mut std::io::stdout());
            return ExitCode::SUCCESS;
        }
        Command::Man => {
            let cmd = <Cli as clap::CommandFactory>::command();
            return match clap_mangen::Man::new(cmd).render(&mut std::io::stdout()) {
                Ok(()) => ExitCode::SUCCESS,
                Err(_) => ExitCode::from(2),
            };
        }
        Command::Schema => {
            print!("{}", vita::schema::json());
            return ExitCode::SUCCESS;
        }
        Command::Layouts { .. }
        | Command::Themes { .. }
        | Command::Init { .. }
        | Command::Import { .. } => MessageFormat::Human,
        Command::Coa(c) => c.message_format,
        Command::Export(vita::cli::Export {
            what: Some(vita::cli::ExportWhat::Publications { message_format, .. }),
            ..
        }) => *message_format,
        Command::Export(_) => MessageFormat::Human,
    };
    let json = matches!(
        &cli.command,
        Command::Build { json: true, .. } | Command::Check { json: true, .. }
    );
    match run(cli.command) {
        Ok(warnings) => {
            print_diagnostics(&warnings, format);
            ExitCode::SUCCESS
        }
        Err(f) => {
            print_diagnostics(&f.diagnostics, format);
            // Scripts that read the summary get one on failure too.
            if json {
                println!("{}", failure_summary(&f));
            }
            ExitCode::from(f.code as u8)
        }
    }
}

fn run(command: Command) -> Result<Vec<Diagnostic>, Failure> {
    match command {
        Command::Build {
            input,
            formats,
            counts,
            more: _,
            out,
            quiet,
            json,
            name,
        } => {
            let opts = options(&input, &formats, &[])?;
            let outcome = vita::make(&opts)?;
            deny_warnings(&input, &outcome.warnings)?;
            let paths = vita::output::write_documents(&outcome, &out, &name)?;
            // The paths come in the order of the documents and of each document's files.
            let mut paths = paths.iter();
            let written: Vec<(&vita::Made, Vec<(&vita::export::Exported, &Path)>)> = outcome
                .made
                .iter()
                .map(|m| {
                    let files = m
                        .files
                        .iter()
                        .filter_map(|f| Some((f, paths.next()?.as_path())))
                        .collect();
                    (m, files)
                })
                .collect();
            let mut stdout = std::io::stdout().lock();
            if json {
                let files: Vec<serde_json::Value> = written
                    .iter()
                    .flat_map(|(made, files)| {
                        files.iter().map(|(f, path)| {
                            serde_json::json!({
                                "document": made.name,
                                "format": f.format.name(),
                                "page": f.page,
                                "path": path,
                                "pages": made.pages,
                                "bytes": f.bytes.len(),
                                "sha256": sha256_hex(&f.bytes),
                                "ms": made.time.as_millis() as u64,
                                "fit": made.fitted,
                            })
                        })
                    })
                    .collect();
                let mut summary = serde_json::json!({
                    "files": files,
                    "warnings": outcome.warnings.len(),
                });
                if counts {
                    summary["counts"] = outcome
                        .made
                        .iter()
                        .map(|m| {
                            let sections: Vec<serde_json::Value> = m
                                .counts
                                .iter()
                                .map(|c| {
                                    serde_json::json!({
                                        "section": c.title,
                                        "characters": c.chars,
                                        "words": c.words,
                                    })
                                })
                                .collect();
                            (m.name.clone(), serde_json::Value::from(sections))
                        })
                        .collect::<serde_json::Map<_, _>>()
                        .into();
                }
                let _ = writeln!(stdout, "{summary}");
            } else {
                if !quiet {
                    for (made, files) in &written {
                        print_written(&mut stdout, made, files);
                    }
                }
                if counts {
                    for made in &outcome.made {
                        print_counts(&mut stdout, made);
                    }
                }
            }
            Ok(outcome.warnings)
        }
        Command::Watch {
            input,
            formats,
            out,
            name,
            serve,
            allow_remote,
        } => {
            let extra: &[vita::export::Format] = if serve.is_some() {
                &[vita::export::Format::Svg, vita::export::Format::Html]
            } else {
                &[]
            };
            let opts = options(&input, &formats, extra)?;
            let server = match &serve {
                Some(addr) => Some(vita::serve::Server::start(addr, allow_remote, &out)?),
                None => None,
            };
            watch(&opts, &out, &name, input.message_format, server.as_ref());
            Ok(vec![])
        }
        Command::Check { input, json } => {
            let opts = options(&input, &no_formats(), &[])?;
            let loaded = vita::build::plan::load(&opts)?;
            let outcome = vita::build::make_loaded(&loaded, &opts)?;
            deny_warnings(&input, &outcome.warnings)?;
            let limits = vita::document::limits::measure(&loaded.profile);
            let mut stdout = std::io::stdout().lock();
            if json {
                let documents: Vec<serde_json::Value> = outcome
                    .made
                    .iter()
                    .map(|m| {
                        let counted: Vec<&vita::document::limits::Measure> =
                            limits.iter().filter(|l| l.document == m.name).collect();
                        serde_json::json!({"document": m.name, "pages": m.pages, "limits": counted})
                    })
                    .collect();
                let summary = serde_json::json!({
                    "ok": true,
                    "documents": documents,
                    "warnings": outcome.warnings.iter().map(|d| d.to_json()).collect::<Vec<_>>(),
                });
                let _ = writeln!(stdout, "{summary}");
                return Ok(outcome.warnings);
            }
            for made in &outcome.made {
                let _ = writeln!(
                    stdout,
                    "ok {}: {} {}",
                    made.name,
                    made.pages,
                    if made.pages == 1 { "page" } else { "pages" }
                );
                for l in limits.iter().filter(|l| l.document == made.name) {
                    let _ = writeln!(stdout, "   {}", l.line());
                }
            }
            Ok(outcome.warnings)
        }
        Command::Data { input } => {
            let opts = options(&input, &no_formats(), &[])?;
            let loaded = vita::build::plan::load(&opts)?;
            let plan = vita::build::plan::resolve(&loaded, &opts)?;
            let mut map = serde_json::Map::new();
            for job in &plan.documents {
                let view = vita::view::view(
                    loaded.profile_for(job.document.lang),
                    &job.document,
                    &plan.view,
                    &job.style,
                );
                map.insert(
                    job.document.name.clone(),
                    serde_json::to_value(view).unwrap_or_default(),
                );
            }
            println!("{}", serde_json::to_string_pretty(&map).unwrap_or_default());
            Ok(loaded.warnings)
        }
        Command::Completions { .. } | Command::Man | Command::Schema => Ok(vec![]),
        Command::Import { file, out } => {
            let unmapped = vita::import::import(&file, &out)?;
            println!("wrote {}", out.display());
            let warnings = if unmapped.is_empty() {
                vec![]
            } else {
                let n = unmapped.len();
                vec![
                    Diagnostic::warning(format!(
                        "{n} {} of `{}` had no place in the profile: {}",
                        if n == 1 { "field" } else { "fields" },
                        file.display(),
                        unmapped.join(", ")
                    ))
                    .hint("add what matters by hand (the README lists every section and key), or keep it in a `[[custom]]` section"),
                ]
            };
            Ok(warnings)
        }
        Command::Export(vita::cli::Export {
            what: None,
            profile,
            format: Some(vita::cli::ExportFormat::JsonResume),
            out,
        }) => {
            let loaded = vita::build::plan::load(&BuildOptions::new(profile))?;
            let doc = vita::export::jsonresume::document(&loaded.profile);
            let mut text = serde_json::to_string_pretty(&doc).unwrap_or_default();
            text.push('\n');
            match out {
                Some(path) => {
                    vita::output::write_atomic(&path, text.as_bytes()).map_err(Failure::other)?;
                    println!("wrote {}", path.display());
                }
                None => print!("{text}"),
            }
            Ok(loaded.warnings)
        }
        Command::Init { dir, template } => {
            let written = vita::init::init(&dir, template)?;
            for path in &written {
                println!("wrote {}", path.display());
            }
            let cd = if dir == Path::new(".") {
                String::new()
            } else {
                format!("cd {} && ", dir.display())
            };
            println!(
                "next: edit profile.toml (editors that read its `#:schema` line complete the keys), then `{cd}vita build`"
            );
            Ok(vec![])
        }
        Command::Themes { name, out } => {
            print!("{}", vita::themes::run(name.as_deref(), out.as_deref())?);
            Ok(vec![])
        }
        Command::Coa(c) => {
            let (line, warnings) = vita::coa::run(&c.profile, &c.out, c.as_of)?;
            println!("{line}");
            Ok(warnings)
        }
        Command::Export(vita::cli::Export {
            what:
                Some(vita::cli::ExportWhat::Publications {
                    profile,
                    format,
                    out,
                    ..
                }),
            ..
        }) => vita::pubexport::run(&profile, format, out.as_deref()),
        Command::Export(_) => Err(Failure {
            code: 2,
            diagnostics: vec![
            Diagnostic::error("say what to export")
                .hint("`vita export --format json-resume` writes the profile as JSON Resume; `vita export publications --format bib` writes your publications as BibTeX"),
            ],
        }),
        Command::Layouts { dir } => {
            write_layouts(&dir)?;
            println!(
                "wrote the built-in layouts to {}; use them with `vita build --layouts {}`",
                dir.display(),
                dir.display()
            );
            Ok(vec![])
        }
    }
}

/// Builds several profiles, each into its own folder, and prints a line per profile and a
/// total; failures are listed and the others written.
fn batch(
    input: &Input,
    more: &[std::path::PathBuf],
    formats: &vita::cli::Formats,
    out: &Path,
    quiet: bool,
    json: bool,
    name: &str,
) -> ExitCode {
    let start = std::time::Instant::now();
    let fail = |f: Failure| {
        print_diagnostics(&f.diagnostics, input.message_format);
        if json {
            println!("{}", failure_summary(&f));
        }
        ExitCode::from(f.code as u8)
    };
    let args: Vec<std::path::PathBuf> = std::iter::once(input.profile.clone())
        .chain(more.iter().cloned())
        .collect();
    let jobs = match vita::batch::jobs(&args, out) {
        Ok(jobs) => jobs,
        Err(f) => return fail(f),
    };
    let opts = match options(input, formats, &[]) {
        Ok(o) => o,
        Err(f) => return fail(f),
    };
    let done = vita::batch::run(
        &jobs,
        &opts,
        name,
        input.deny_warnings,
        vita::batch::threads(),
    );
    let failed: Vec<&vita::batch::Done> = done.iter().filter(|d| d.result.is_err()).collect();
    // Problems first, profile by profile in the order given.
    for d in &done {
        match &d.result {
            Ok((outcome, _)) => print_diagnostics(&outcome.warnings, input.message_format),
            Err(f) => print_diagnostics(&f.diagnostics, input.message_format),
        }
    }
    let code = failed
        .iter()
        .filter_map(|d| d.result.as_ref().err().map(|f| f.code))
        .max()
        .unwrap_or(0);
    let mut stdout = std::io::stdout().lock();
    if json {
        let profiles: Vec<serde_json::Value> = done
            .iter()
            .map(|d| {
                let mut v = serde_json::json!({
                    "profile": d.job.profile,
                    "out": d.job.out,
                    "ok": d.result.is_ok(),
                    "ms": d.time.as_millis() as u64,
                });
                match &d.result {
                    Ok((outcome, paths)) => {
                        v["files"] = paths.iter().map(|p| p.display().to_string()).collect();
                        v["documents"] = outcome
                            .made
                            .iter()
                            .map(|m| serde_json::json!({"document": m.name, "pages": m.pages}))
                            .collect();
                        v["warnings"] = outcome.warnings.iter().map(|w| w.to_json()).collect();
                    }
                    Err(f) => {
                        v["exit_code"] = f.code.into();
                        v["diagnostics"] = f.diagnostics.iter().map(|w| w.to_json()).collect();
                    }
                }
                v
            })
            .collect();
        let summary = serde_json::json!({
            "ok": failed.is_empty(),
            "built": done.len() - failed.len(),
            "failed": failed.len(),
            "ms": start.elapsed().as_millis() as u64,
            "profiles": profiles,
        });
        let _ = writeln!(stdout, "{summary}");
    } else {
        let width = done
            .iter()
            .map(|d| d.job.profile.display().to_string().chars().count())
            .max()
            .unwrap_or(0);
        for d in &done {
            let shown = d.job.profile.display().to_string();
            let pad = " ".repeat(width - shown.chars().count());
            match &d.result {
                Ok((outcome, _)) if !quiet => {
                    let docs: Vec<String> = outcome
                        .made
                        .iter()
                        .map(|m| {
                            format!(
                                "{} {} {}",
                                m.name,
                                m.pages,
                                if m.pages == 1 { "page" } else { "pages" }
                            )
                        })
                        .collect();
                    let _ = writeln!(
                        stdout,
                        "ok    {shown}{pad}  -> {}/  {}  {} ms",
                        d.job.out.display(),
                        docs.join(", "),
                        d.time.as_millis()
                    );
                }
                Ok(_) => {}
                Err(f) => {
                    let errors = f.diagnostics.iter().filter(|x| x.is_error()).count();
                    let _ = writeln!(
                        stdout,
                        "FAIL  {shown}{pad}  {errors} {} (above); nothing written for it",
                        if errors == 1 { "error" } else { "errors" }
                    );
                }
            }
        }
        let names: Vec<String> = failed
            .iter()
            .map(|d| d.job.profile.display().to_string())
            .collect();
        let _ = writeln!(
            stdout,
            "built {} of {} profiles in {:.1} s{}",
            done.len() - failed.len(),
            done.len(),
            start.elapsed().as_secs_f64(),
            if names.is_empty() {
                String::new()
            } else {
                format!("; failed: {}", names.join(", "))
            }
        );
    }
    ExitCode::from(code as u8)
}

/// Prints what was written for one document: a line per format, the pages of an image format
/// on one line.
fn print_written(
    stdout: &mut impl Write,
    made: &vita::Made,
    files: &[(&vita::export::Exported, &Path)],
) {
    let mut first = true;
    let mut i = 0;
    while i < files.len() {
        let format = files[i].0.format;
        let n = files[i..]
            .iter()
            .take_while(|(f, _)| f.format == format)
            .count();
        let group = &files[i..i + n];
        i += n;
        let bytes: usize = group.iter().map(|(f, _)| f.bytes.len()).sum();
        let shown = match group {
            [(_, one)] => one.display().to_string(),
            [(_, a), .., (_, z)] => format!("{} ... {}", a.display(), z.display()),
            [] => continue,
        };
        let pages = if format == vita::export::Format::Pdf || format.paged() {
            format!(
                "  {} {}",
                made.pages,
                if made.pages == 1 { "page" } else { "pages" }
            )
        } else {
            String::new()
        };
        let _ = write!(stdout, "wrote {shown}{pages}  {}", size(bytes));
        if first {
            let _ = write!(stdout, "  {} ms", made.time.as_millis());
            if let Some(fit) = &made.fitted {
                let _ = write!(stdout, "  (fitted: {fit})");
            }
            first = false;
        }
        let _ = writeln!(stdout);
    }
}

/// Prints each section's length in plain text, for portals that limit their fields.
fn print_counts(stdout: &mut impl Write, made: &vita::Made) {
    let _ = writeln!(stdout, "{} as plain text:", made.name);
    let width = made
        .counts
        .iter()
        .map(|c| c.title.chars().count())
        .max()
        .unwrap_or(0);
    for c in &made.counts {
        let pad = width - c.title.chars().count();
        let _ = writeln!(
            stdout,
            "  {}{}  {:>6} characters  {:>5} words",
            c.title,
            " ".repeat(pad),
            c.chars,
            c.words
        );
    }
}

/// Runs `vita watch` until Ctrl-C, printing a line per build and diagnostics as they come.
fn watch(
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
                            "{} ({} {}){more}",
                            mine.first()?.display(),
                            m.pages,
                            if m.pages == 1 { "page" } else { "pages" }
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

/// The JSON summary of a failed command, for scripts that read one either way.
fn failure_summary(f: &Failure) -> serde_json::Value {
    serde_json::json!({
        "ok": false,
        "exit_code": f.code,
        "diagnostics": f.diagnostics.iter().map(|d| d.to_json()).collect::<Vec<_>>(),
    })
}

/// With `--deny-warnings`, warnings fail the command (before anything is written).
fn deny_warnings(input: &Input, warnings: &[Diagnostic]) -> Result<(), Failure> {
    if !input.deny_warnings || warnings.is_empty() {
        return Ok(());
    }
    let n = warnings.len();
    let mut diagnostics = warnings.to_vec();
    diagnostics.push(
        Diagnostic::error(format!(
            "{n} {} and `--deny-warnings` is set: nothing was written",
            if n == 1 { "warning" } else { "warnings" }
        ))
        .hint("fix the warnings above, or leave out `--deny-warnings`"),
    );
    Err(Failure::input(diagnostics))
}

/// The formats of a command that writes no files.
fn no_formats() -> vita::cli::Formats {
    vita::cli::Formats {
        format: vec![],
        ppi: vita::export::DEFAULT_PPI,
    }
}

/// Turns command-line input into build options.
fn options(
    input: &Input,
    formats: &vita::cli::Formats,
    extra: &[vita::export::Format],
) -> Result<BuildOptions, Failure> {
    Ok(BuildOptions {
        profile: input.profile.clone(),
        only: input.only.clone(),
        overrides: vita::style::Overrides {
            paper: input.paper.as_deref().and_then(|p| p.parse().ok()),
            max_pages: input.max_pages.map(|n| n as usize),
            fit: input.fit,
            theme: input.theme.clone(),
        },
        standards: input.pdf_standard.clone(),
        layouts: input.layouts.clone(),
        system_fonts: input.system_fonts,
        date: None,
        timeout: std::time::Duration::from_secs(input.timeout),
        formats: formats.format.clone(),
        extra_formats: extra.to_vec(),
        ppi: formats.ppi,
        lang: input.lang.clone(),
    })
}

/// Writes the built-in layouts out for editing, refusing to overwrite a user's file.
fn write_layouts(dir: &Path) -> Result<(), Failure> {
    for (name, _) in vita::render::layouts::all() {
        let path = dir.join(name);
        if path.exists() {
            return Err(Failure::input(vec![
                Diagnostic::error(format!("`{}` already exists", path.display()))
                    .hint("choose an empty folder; vita does not overwrite your layouts"),
            ]));
        }
    }
    for (name, text) in vita::render::layouts::all() {
        vita::output::write_atomic(&dir.join(name), text.as_bytes()).map_err(Failure::other)?;
    }
    Ok(())
}

/// The SHA-256 of some bytes, in lower-case hex.
fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::Digest;
    sha2::Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// `123456` -> `121 KiB`.
fn size(bytes: usize) -> String {
    if bytes < 1024 * 1024 {
        format!("{} KiB", bytes.div_ceil(1024))
    } else {
        format!("{:.1} MiB", bytes as f64 / (1024.0 * 1024.0))
    }
}

/// At most this many diagnostics are printed for people; a profile with thousands of the
/// same mistake needs the first few, not a wall of text.
const MAX_SHOWN: usize = 100;

fn print_diagnostics(diags: &[Diagnostic], format: MessageFormat) {
    let mut stderr = std::io::stderr().lock();
    let color = std::io::stderr().is_terminal()
        && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
    if diags.len() > MAX_SHOWN && format == MessageFormat::Human {
        let errors = diags.iter().filter(|d| d.is_error()).count();
        for d in diags.iter().take(MAX_SHOWN) {
            let _ = write!(stderr, "{}", d.render(color));
        }
        let _ = writeln!(
            stderr,
            "... and {} more ({errors} errors in all); fix these and run again",
            diags.len() - MAX_SHOWN
        );
        return;
    }
    for d in diags {
        let _ = match format {
            MessageFormat::Human => write!(stderr, "{}", d.render(color)),
            MessageFormat::Json => writeln!(stderr, "{}", d.to_json()),
        };
    }
}
