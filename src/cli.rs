//! The command line.

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

/// vita turns one profile.toml into a resume and an academic CV (PDF), typeset by Typst.
#[derive(Debug, Parser)]
#[command(name = "vita", version = VERSION, about)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// vita's version and the Typst version it typesets with (pinned in Cargo.toml).
pub const VERSION: &str = concat!(env!("CARGO_PKG_VERSION"), " (typst ", "0.15.1", ")");

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Build the documents (out/resume.pdf and out/cv.pdf, or in the formats asked for).
    Build {
        /// Options shared with `check`.
        #[command(flatten)]
        input: Input,
        /// More profiles, or folders of them: each is built into its own folder, `OUT/<name>/`,
        /// in parallel (a folder as PROFILE does the same).
        #[arg(value_name = "MORE")]
        more: Vec<PathBuf>,
        /// Formats and their options.
        #[command(flatten)]
        formats: Formats,
        /// Print each section's length in characters and words, as plain text.
        #[arg(long)]
        counts: bool,
        /// The folder to write the PDFs to.
        #[arg(long, short, default_value = "out")]
        out: PathBuf,
        /// Print nothing but errors and warnings.
        #[arg(long, short)]
        quiet: bool,
        /// Print a JSON summary (path, format, pages, size, sha256 of each file) instead of lines.
        #[arg(long)]
        json: bool,
        /// File name pattern: `{doc}` is the document's name, `{name}` the person's name.
        #[arg(long, default_value = "{doc}.pdf", value_name = "PATTERN", value_parser = parse_pattern)]
        name: String,
    },
    /// Build, then rebuild whenever the profile or a layout file it uses changes (Ctrl-C stops).
    Watch {
        /// Options shared with `build`.
        #[command(flatten)]
        input: Input,
        /// Formats and their options.
        #[command(flatten)]
        formats: Formats,
        /// Serve a live preview of the pages and the HTML homepage at this address (default
        /// 127.0.0.1 and a free port).
        #[arg(long, value_name = "ADDR", num_args = 0..=1, default_missing_value = "127.0.0.1:0")]
        serve: Option<String>,
        /// Let `--serve` listen on an address other than loopback (others on the network can
        /// then read the documents).
        #[arg(long, requires = "serve")]
        allow_remote: bool,
        /// The folder to write the PDFs to.
        #[arg(long, short, default_value = "out")]
        out: PathBuf,
        /// File name pattern: `{doc}` is the document's name, `{name}` the person's name.
        #[arg(long, default_value = "{doc}.pdf", value_name = "PATTERN", value_parser = parse_pattern)]
        name: String,
    },
    /// Validate the profile and compile every document without writing files.
    Check {
        /// Options shared with `build`.
        #[command(flatten)]
        input: Input,
        /// More profiles, or folders of them: each is checked and all are reported (a folder
        /// as PROFILE does the same).
        #[arg(value_name = "MORE")]
        more: Vec<PathBuf>,
        /// Print a JSON summary (each document's pages, or the problems) on standard output.
        #[arg(long)]
        json: bool,
    },
    /// Read a document's PDF back as an applicant tracking system would (the resume unless
    /// `--only` names another): name, contacts, section titles and dates found whole and in
    /// order, junk characters, hidden text, and with `--job` a posting's terms. Exit code 1
    /// when the text layer loses something the document prints.
    Ats {
        /// Options shared with `build`.
        #[command(flatten)]
        input: Input,
        /// A job posting as plain text: which of its terms the document uses, and where.
        #[arg(long, value_name = "FILE")]
        job: Option<PathBuf>,
        /// Print the report as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Print the data a document's layout receives, as JSON.
    Data {
        /// Options shared with `build`.
        #[command(flatten)]
        input: Input,
    },
    /// Write a commented starting profile (and pubs.bib for `academic`) that builds as it is.
    Init {
        /// The folder to write into (made when missing); no file in it is ever replaced.
        #[arg(default_value = ".")]
        dir: PathBuf,
        /// What kind of profile to start from.
        #[arg(long, short, value_enum, default_value = "minimal")]
        template: crate::init::Template,
        /// The bilingual template's two languages, the documents' first language first.
        #[arg(long, value_name = "A,B")]
        lang: Option<String>,
    },
    /// Write a profile.toml from a JSON Resume (.json) or RenderCV (.yaml) file, reporting
    /// each field that has no place in it.
    Import {
        /// The file to import: `resume.json` (JSON Resume 1.0) or `cv.yaml` (RenderCV).
        file: PathBuf,
        /// Where to write the profile; an existing file is never replaced.
        #[arg(long, short, default_value = "profile.toml")]
        out: PathBuf,
    },
    /// Print the profile's JSON Schema, for editors and validators.
    Schema,
    /// Print a shell completion script: `vita completions bash > /etc/bash_completion.d/vita`.
    Completions {
        /// The shell.
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff): `vita man > vita.1`.
    Man,
    /// List the built-in themes, or write one out (its theme.toml and layouts) to customise.
    Themes {
        /// A theme to write out.
        name: Option<String>,
        /// The folder to write it to; it must not hold files of the same names.
        #[arg(long, requires = "name")]
        out: Option<PathBuf>,
    },
    /// Write the built-in layouts into a folder, to customise them with `--layouts`.
    Layouts {
        /// The folder to write to; it must not hold files of the same names.
        dir: PathBuf,
    },
    /// Write NSF's Collaborators and Other Affiliations list (co-authors of the last 48
    /// months) as out/coa.csv and out/coa.xlsx.
    Coa(Coa),
    /// Look works up by DOI, arXiv id, PubMed id or DBLP key (Crossref, arXiv, NCBI, DBLP: this
    /// uses the network) and append them to the profile's .bib file, keyed in its style;
    /// a paper already there is not added again.
    Add(Add),
    /// Compare the person's works as ORCID, OpenAlex and DBLP list them (from `[person]`, or
    /// `--orcid`, `--openalex`, `--dblp`; this uses the network) with the .bib file: new, changed (a
    /// preprint now published, a DOI added) and only in the profile. `--write` writes the new
    /// entries and the changes, never over fields edited by hand.
    Sync(Sync),
    /// Write the profile's data for other tools.
    Export(Export),
}

/// The options of `vita coa`.
#[derive(Debug, clap::Args)]
pub struct Coa {
    /// The profile to read.
    #[arg(default_value = "profile.toml")]
    pub profile: PathBuf,
    /// The folder to write coa.csv and coa.xlsx to.
    #[arg(long, short, default_value = "out")]
    pub out: PathBuf,
    /// The day the 48 months end (default: the profile's `updated`, else SOURCE_DATE_EPOCH).
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_day)]
    pub as_of: Option<crate::profile::Date>,
    /// How to print errors and warnings.
    #[arg(long, value_enum, default_value = "human")]
    pub message_format: MessageFormat,
}

/// `vita export`: what to export. Its own options (the whole profile in another format)
/// and its subcommands (a part of it, such as `publications`) exclude each other.
#[derive(Debug, clap::Args)]
pub struct Add {
    /// DOIs (10.1109/...), arXiv ids (arXiv:2007.08745), PubMed ids (pmid:31452104) or DBLP keys
    /// (dblp:journals/tnn/LiJLX24); addresses of the same (doi.org, arxiv.org) work too.
    #[arg(required = true, value_name = "ID")]
    pub ids: Vec<String>,
    /// The profile whose first `bibliography` file is added to.
    #[arg(long, default_value = "profile.toml")]
    pub profile: PathBuf,
    /// The .bib file to add to, instead of the profile's (made if missing).
    #[arg(long, value_name = "FILE")]
    pub bib: Option<PathBuf>,
    /// The e-mail address Crossref's polite pool asks for (default: the profile's
    /// `person.email`).
    #[arg(long, value_name = "EMAIL")]
    pub mailto: Option<String>,
}

#[derive(Debug, clap::Args)]
pub struct Sync {
    /// The profile: its `[person]` ids and its first `bibliography` file.
    #[arg(default_value = "profile.toml")]
    pub profile: PathBuf,
    /// An ORCID iD, instead of the profile's `person.orcid`.
    #[arg(long, value_name = "ID")]
    pub orcid: Option<String>,
    /// An OpenAlex author id (A5023888391), instead of the profile's `person.openalex`.
    #[arg(long, value_name = "ID")]
    pub openalex: Option<String>,
    /// A DBLP person id (229/8174) or profile address, instead of the profile's `person.dblp`.
    #[arg(long, value_name = "ID")]
    pub dblp: Option<String>,
    /// The .bib file to compare and write, instead of the profile's.
    #[arg(long, value_name = "FILE")]
    pub bib: Option<PathBuf>,
    /// Write the new entries and the changes vita may make.
    #[arg(long)]
    pub write: bool,
    /// Bring OpenAlex's citation counts into `citations` (needs `--openalex` or `person.openalex`).
    #[arg(long)]
    pub citations: bool,
    /// Ask again for lists read less than a day ago, instead of the cached answers.
    #[arg(long)]
    pub refresh: bool,
    /// The e-mail address Crossref's polite pool asks for (default: the profile's
    /// `person.email`).
    #[arg(long, value_name = "EMAIL")]
    pub mailto: Option<String>,
}

#[derive(Debug, clap::Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct Export {
    /// What to export.
    #[command(subcommand)]
    pub what: Option<ExportWhat>,
    /// The profile to read.
    #[arg(default_value = "profile.toml")]
    pub profile: PathBuf,
    /// The format to write the whole profile in: `json-resume`.
    #[arg(long, value_enum)]
    pub format: Option<ExportFormat>,
    /// The file to write (standard output when absent).
    #[arg(long, short)]
    pub out: Option<PathBuf>,
}

/// The things `vita export` writes.
#[derive(Debug, Subcommand)]
pub enum ExportWhat {
    /// The merged publication list (profile and .bib) as BibTeX, CSL-JSON or RIS.
    Publications {
        /// The profile to read.
        #[arg(default_value = "profile.toml")]
        profile: PathBuf,
        /// The format: `bib` (BibTeX, for ORCID), `csl-json` or `ris`.
        #[arg(long, value_enum)]
        format: crate::pubexport::PubFormat,
        /// Write to this file instead of standard output.
        #[arg(long, short, value_name = "FILE")]
        out: Option<PathBuf>,
        /// How to print errors and warnings.
        #[arg(long, value_enum, default_value = "human")]
        message_format: MessageFormat,
    },
}

/// Reads a full date, `2026-01-15`.
fn parse_day(s: &str) -> Result<crate::profile::Date, String> {
    match crate::profile::Date::parse(s) {
        Ok(d @ crate::profile::Date::On { day: Some(_), .. }) => Ok(d),
        Ok(_) => Err(format!(
            "`{s}` is not a full date: write it as `2026-01-15`"
        )),
        Err(e) => Err(e),
    }
}

/// What to read and how to compile it.
#[derive(Debug, clap::Args)]
pub struct Input {
    /// The profile to read.
    #[arg(default_value = "profile.toml")]
    pub profile: PathBuf,
    /// Make only one of the documents, by name: `resume`, `cv`, or a `[documents.NAME]`.
    #[arg(long)]
    pub only: Option<String>,
    /// Paper size, instead of the profile's.
    #[arg(long, value_parser = ["a4", "us-letter"])]
    pub paper: Option<String>,
    /// PDF standards to conform to, comma-separated: a-2b, a-3b, a-2u, a-4, ua-1, ...
    #[arg(long, value_delimiter = ',', value_name = "STANDARD")]
    pub pdf_standard: Vec<String>,
    /// Fail when a document has more pages than this.
    #[arg(long, value_name = "PAGES", value_parser = clap::value_parser!(u64).range(1..))]
    pub max_pages: Option<u64>,
    /// Tighten spacing and type size to stay within the page limit.
    #[arg(long)]
    pub fit: bool,
    /// A folder of .typ files that replace the built-in layouts of the same name.
    #[arg(long)]
    pub layouts: Option<PathBuf>,
    /// The theme for every document, instead of the profile's: a built-in theme's name
    /// (`vita themes` lists them) or a theme folder (its `theme.toml`, and layouts if any).
    #[arg(long, value_name = "NAME|DIR")]
    pub theme: Option<String>,
    /// Also use the fonts installed on this system (after the embedded ones).
    #[arg(long)]
    pub system_fonts: bool,
    /// Make every document in this language (`de`, `zh-Hans`, ...); file names carry it
    /// (`cv-zh-Hans.pdf`).
    #[arg(long, value_name = "LANG", value_parser = parse_lang)]
    pub lang: Option<String>,
    /// Give up a build that takes longer than this many seconds (1 to 86400).
    #[arg(long, default_value_t = 60, value_name = "SECONDS", value_parser = clap::value_parser!(u64).range(1..=86_400))]
    pub timeout: u64,
    /// How to print errors and warnings.
    #[arg(long, value_enum, default_value = "human")]
    pub message_format: MessageFormat,
    /// Treat warnings as errors: exit 1 when there are any (for CI).
    #[arg(long)]
    pub deny_warnings: bool,
    /// Refuse what vita otherwise reads leniently in files other tools wrote (a .bib
    /// field it cannot use, an undefined `@string`, a duplicate key): each is an error.
    #[arg(long)]
    pub strict: bool,
}

/// Which files to write.
#[derive(Debug, clap::Args)]
pub struct Formats {
    /// Formats, comma-separated: pdf, png, svg, html, md, txt, docx (default: each
    /// document's `formats`, or pdf).
    #[arg(long, value_delimiter = ',', value_name = "FORMAT", value_parser = parse_format)]
    pub format: Vec<crate::export::Format>,
    /// PNG resolution in pixels per inch.
    #[arg(long, default_value_t = crate::export::DEFAULT_PPI, value_name = "PPI")]
    pub ppi: f32,
}

/// Reads a format's name, with a did-you-mean for a near miss.
fn parse_format(s: &str) -> Result<crate::export::Format, String> {
    s.trim().parse().map_err(|e: String| {
        let (_, hint) = e
            .split_once(crate::profile::options::HINT_SEP)
            .unwrap_or(("", &e));
        format!("`{s}` is not a format vita writes; {hint}")
    })
}

fn parse_lang(s: &str) -> Result<String, String> {
    match crate::locale::language(s) {
        Ok(tag) => Ok(tag.to_string()),
        Err(d) => Err(d.render(false).trim_start_matches("error: ").to_string()),
    }
}

/// The formats `vita export` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    /// JSON Resume 1.0 (https://jsonresume.org).
    JsonResume,
}

/// How diagnostics are printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum MessageFormat {
    /// For people: source line, caret, hints; coloured on a terminal.
    Human,
    /// One JSON object per line, for editors and CI.
    Json,
}

/// Checks a `--name` pattern (see [`crate::profile::options::check_pattern`]).
fn parse_pattern(s: &str) -> Result<String, String> {
    crate::profile::options::check_pattern(s)
        .map(|()| s.to_string())
        .map_err(|e| e.replace(crate::profile::options::HINT_SEP, "\n\nhint: "))
}
