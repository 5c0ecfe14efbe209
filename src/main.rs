//! The `vita` binary: parse arguments, call the library, print, set the exit code.

mod cmd;

// musl's allocator is slow for Typst's many small allocations on several threads (see
// Cargo.toml); the static Linux release uses mimalloc.
#[cfg(target_env = "musl")]
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use clap::Parser;
use vita::cli::{Cli, Command, Input, MessageFormat};
use vita::diag::Diagnostic;
use vita::{BuildOptions, Failure};

use cmd::print::{print_counts, print_diagnostics, print_diagnostics_of, print_written};

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
    // `--out` is a folder, or nothing yet: checked before anything is built.
    let out = match &cli.command {
        Command::Build { out, input, .. } | Command::Watch { out, input, .. } => {
            Some((out, input.message_format))
        }
        Command::Coa(c) => Some((&c.out, c.message_format)),
        _ => None,
    };
    if let Some((out, format)) = out
        && let Err(d) = vita::output::check_out_folder(out)
    {
        print_diagnostics(&[d], format);
        return ExitCode::from(2);
    }
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
        return cmd::batch::batch(
            input,
            more,
            formats,
            out,
            *quiet,
            *json,
            vita::batch::Mode::Build(name),
        );
    }
    if let Command::Check { input, more, json } = &cli.command
        && (!more.is_empty() || input.profile.is_dir())
    {
        let formats = no_formats();
        return cmd::batch::batch(
            input,
            more,
            &formats,
            Path::new("out"),
            false,
            *json,
            vita::batch::Mode::Check,
        );
    }
    let format = match &cli.command {
        Command::Build { input, .. }
        | Command::Watch { input, .. }
        | Command::Check { input, .. }
        | Command::Data { input }
        | Command::Ats { input, .. } => input.message_format,
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
        Command::Add(_) | Command::Sync(_) => MessageFormat::Human,
        Command::Export(vita::cli::Export {
            what: Some(vita::cli::ExportWhat::Publications { message_format, .. }),
            ..
        }) => *message_format,
        Command::Export(_) => MessageFormat::Human,
    };
    // The command whose JSON report a script reads, the profile, and where it writes.
    let report = match &cli.command {
        Command::Build {
            json: true,
            input,
            out,
            ..
        } => Some(("build", input.profile.clone(), Some(out.clone()))),
        Command::Check {
            json: true, input, ..
        } => Some(("check", input.profile.clone(), None)),
        _ => None,
    };
    let profile = match &cli.command {
        Command::Build { input, .. }
        | Command::Watch { input, .. }
        | Command::Check { input, .. }
        | Command::Data { input }
        | Command::Ats { input, .. } => Some(input.profile.clone()),
        _ => None,
    };
    let start = std::time::Instant::now();
    match run(cli.command) {
        Ok(warnings) => {
            print_diagnostics_of(&warnings, format, profile.as_deref());
            ExitCode::SUCCESS
        }
        Err(f) => {
            print_diagnostics_of(&f.diagnostics, format, profile.as_deref());
            // Scripts that read the report get one on failure too.
            if let Some((command, profile, out)) = report {
                let failed =
                    cmd::report::failed(command, &profile, out.as_deref(), &f, start.elapsed());
                println!("{failed}");
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
            let start = std::time::Instant::now();
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
                let made: Vec<cmd::report::Made> = written
                    .iter()
                    .map(|(m, files)| cmd::report::Made {
                        made: m,
                        files: files.clone(),
                        limits: vec![],
                        counts,
                    })
                    .collect();
                let summary = cmd::report::done(
                    "build",
                    &input.profile,
                    Some(&out),
                    &made,
                    &outcome.warnings,
                    start.elapsed(),
                );
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
            cmd::watch::watch(&opts, &out, &name, input.message_format, server.as_ref());
            Ok(vec![])
        }
        Command::Check { input, json, .. } => {
            let start = std::time::Instant::now();
            let opts = options(&input, &no_formats(), &[])?;
            let loaded = vita::build::plan::load(&opts)?;
            let outcome = vita::build::make_loaded(&loaded, &opts)?;
            deny_warnings(&input, &outcome.warnings)?;
            let limits = vita::document::limits::measure(&loaded.profile);
            let mut stdout = std::io::stdout().lock();
            if json {
                let made: Vec<cmd::report::Made> = outcome
                    .made
                    .iter()
                    .map(|m| cmd::report::Made {
                        made: m,
                        files: vec![],
                        limits: limits.iter().filter(|l| l.document == m.name).collect(),
                        counts: false,
                    })
                    .collect();
                let summary = cmd::report::done(
                    "check",
                    &input.profile,
                    None,
                    &made,
                    &outcome.warnings,
                    start.elapsed(),
                );
                let _ = writeln!(stdout, "{summary}");
                return Ok(outcome.warnings);
            }
            for made in &outcome.made {
                let _ = writeln!(
                    stdout,
                    "ok {}: {}",
                    made.name,
                    cmd::print::pages(made.pages)
                );
                for l in limits.iter().filter(|l| l.document == made.name) {
                    let _ = writeln!(stdout, "   {}", l.line());
                }
                if let Some(line) =
                    vita::document::sciencv::products_line(&loaded.profile, &made.name)
                {
                    let _ = writeln!(stdout, "   {line}");
                }
            }
            Ok(outcome.warnings)
        }
        Command::Ats { input, job, json } => {
            let mut input = input;
            input.only.get_or_insert_with(|| "resume".to_string());
            let opts = options(&input, &no_formats(), &[vita::export::Format::Pdf])?;
            cmd::ats::run(&opts, job.as_deref(), json)
        }
        Command::Data { input } => {
            let opts = options(&input, &no_formats(), &[])?;
            let loaded = vita::build::plan::load(&opts)?;
            let plan = vita::build::plan::resolve(&loaded, &opts)?;
            let mut map = serde_json::Map::new();
            for job in &plan.documents {
                let view = plan.view(&loaded, job);
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
            let warnings = vita::import::import(&file, &out)?;
            println!("wrote {}", out.display());
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
        Command::Init {
            dir,
            template,
            lang,
        } => {
            // A mistake on the command line: exit code 2, like clap's own.
            let langs = match (&lang, template) {
                (None, _) => vita::init::BILINGUAL,
                (Some(l), vita::init::Template::Bilingual) => {
                    vita::init::languages(l).map_err(vita::Failure::other)?
                }
                (Some(_), _) => {
                    return Err(vita::Failure::other(
                        Diagnostic::error("`--lang` goes with `--template bilingual`").hint(
                            "`vita init --template bilingual --lang en,zh-Hans`; a profile of one language sets `lang = \"...\"` itself",
                        ),
                    ));
                }
            };
            let written = vita::init::init(&dir, template, langs)?;
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
        Command::Add(a) => {
            let bib = vita::add::target_bib(&a.profile, a.bib.as_deref())?;
            let client = vita::net::Client::new(vita::add::mailto(&a.profile, a.mailto.as_deref()).as_deref());
            let (outcomes, warnings) = vita::add::add(&client, &bib, &a.ids)?;
            for o in &outcomes {
                println!("{}", o.line());
            }
            if outcomes.iter().any(|o| matches!(o, vita::add::Outcome::Added { .. })) {
                println!("wrote {}", bib.display());
            }
            Ok(warnings)
        }
        Command::Sync(s) => {
            let bib = vita::add::target_bib(&s.profile, s.bib.as_deref())?;
            let client = vita::net::Client::new(vita::add::mailto(&s.profile, s.mailto.as_deref()).as_deref());
            let mut opts = vita::sync::Options {
                orcid: s.orcid,
                openalex: s.openalex,
                dblp: s.dblp,
                write: s.write,
                citations: s.citations,
                refresh: s.refresh,
            };
            vita::sync::ids_from_profile(&s.profile, &mut opts);
            let (report, warnings) = vita::sync::sync(&client, &bib, &opts)?;
            print!("{}", report.render(&bib));
            Ok(warnings)
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

/// With `--deny-warnings`, warnings fail the command (before anything is written).
fn deny_warnings(input: &Input, warnings: &[Diagnostic]) -> Result<(), Failure> {
    if input.strict && warnings.iter().any(|w| w.lenient) {
        let mut diagnostics: Vec<Diagnostic> = warnings
            .iter()
            .map(|w| {
                let mut w = w.clone();
                if w.lenient {
                    w.severity = vita::diag::Severity::Error;
                }
                w
            })
            .collect();
        let n = warnings.iter().filter(|w| w.lenient).count();
        diagnostics.push(
            Diagnostic::error(format!(
                "{n} {} read leniently and `--strict` is set: nothing was written",
                if n == 1 { "thing was" } else { "things were" }
            ))
            .hint("fix the fields above in the .bib file, or leave out `--strict`"),
        );
        return Err(Failure::input(diagnostics));
    }
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
