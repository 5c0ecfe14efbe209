//! vita: one `profile.toml` in, a resume and an academic CV out, typeset in-process by Typst.
//!
//! Data flows one way: profile file -> typed [`profile::Profile`] -> a [`view`] per document
//! -> JSON served to the layout by the [`world`] -> Typst -> PDF bytes -> atomic write.

pub mod bib;
pub mod cli;
pub mod compile;
pub mod diag;
pub mod files;
pub mod fonts;
pub mod ids;
pub mod layouts;
pub mod names;
pub mod output;
pub mod profile;
pub mod style;
pub mod view;
pub mod watch;
pub mod world;

use std::panic::AssertUnwindSafe;
use std::path::{Path, PathBuf};
use std::sync::{Arc, mpsc};
use std::time::{Duration, Instant};

use diag::Diagnostic;
use profile::{Date, Doc, Loaded};

/// Why a command failed, with what to tell the user.
#[derive(Debug)]
pub struct Failure {
    /// The problems, errors first.
    pub diagnostics: Vec<Diagnostic>,
    /// The exit code: 1 for the user's input or layout, 2 for anything else.
    pub code: i32,
}

impl Failure {
    /// A failure caused by the user's input (exit code 1).
    pub fn input(diagnostics: Vec<Diagnostic>) -> Self {
        Failure {
            diagnostics,
            code: 1,
        }
    }

    /// A failure of the environment: disk, permissions (exit code 2).
    pub fn other(diagnostic: Diagnostic) -> Self {
        Failure {
            diagnostics: vec![diagnostic],
            code: 2,
        }
    }
}

/// What to build and how.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    /// The profile file.
    pub profile: PathBuf,
    /// Which documents; both when empty.
    pub only: Option<Doc>,
    /// Settings from the command line that win over the profile's (paper, page limit, fit).
    pub overrides: style::Overrides,
    /// PDF standards to conform to; when empty, the profile's `[pdf].standards`.
    pub standards: Vec<String>,
    /// A folder whose `.typ` files replace the built-in layouts of the same name.
    pub layouts: Option<PathBuf>,
    /// Whether system fonts may be used after the embedded ones.
    pub system_fonts: bool,
    /// The date to use when the profile has no `updated`; when absent too, `SOURCE_DATE_EPOCH`.
    pub date: Option<Date>,
    /// How long a document may take to compile before the build is given up.
    pub timeout: Duration,
}

/// One document with its warnings, or the errors that stopped it.
type MadeOne = Result<(Made, Vec<Diagnostic>), Vec<Diagnostic>>;

/// One document, compiled and exported.
#[derive(Debug)]
pub struct Made {
    /// Which document.
    pub doc: Doc,
    /// The PDF file's bytes.
    pub pdf: Vec<u8>,
    /// How many pages it has.
    pub pages: usize,
    /// How long compiling and exporting took.
    pub time: Duration,
    /// What `fit` changed to stay within the page limit, if anything.
    pub fitted: Option<String>,
}

/// The result of making documents: the documents and the warnings met on the way.
#[derive(Debug)]
pub struct Outcome {
    /// The documents, in build order.
    pub made: Vec<Made>,
    /// Warnings from the profile and the layouts.
    pub warnings: Vec<Diagnostic>,
    /// The person's name, for file name patterns.
    pub person: String,
}

/// Loads the profile and makes the documents in memory; writes nothing.
pub fn make(opts: &BuildOptions) -> Result<Outcome, Failure> {
    let loaded = profile::load(&opts.profile).map_err(Failure::input)?;
    make_loaded(&loaded, opts)
}

/// Makes the documents of an already loaded profile, the two in parallel.
pub fn make_loaded(loaded: &Loaded, opts: &BuildOptions) -> Result<Outcome, Failure> {
    let layout_dir = match &opts.layouts {
        Some(dir) => Some(layout_dir(dir).map_err(|d| Failure::input(vec![d]))?),
        None => None,
    };
    let docs: Vec<Doc> = Doc::ALL
        .into_iter()
        .filter(|d| opts.only.is_none_or(|o| o == *d))
        .collect();
    let fonts = fonts::store(opts.system_fonts);
    // The environment's date is only needed, and only checked, when the profile has none.
    let date = match (loaded.profile.updated, opts.date) {
        (None, None) => source_date_epoch().map_err(|d| Failure::input(vec![d]))?,
        (_, date) => date,
    };
    let view_opts = view::Options { date };
    let mut problems = vec![];
    let mut styles = vec![];
    for &doc in &docs {
        match style::resolve(&loaded.profile, doc, &opts.overrides) {
            Ok(s) => styles.push(s),
            Err(e) => problems.extend(e),
        }
    }
    let names = if opts.standards.is_empty() {
        &loaded.profile.pdf.standards
    } else {
        &opts.standards
    };
    let mut standards = vec![];
    for name in names {
        match compile::standard(name) {
            Ok(s) => standards.push(s),
            Err(d) => problems.push(d),
        }
    }
    if names.iter().any(|n| n.starts_with("a-")) && loaded.profile.updated.or(date).is_none() {
        problems.push(
            Diagnostic::error("PDF/A needs a document date, and the profile has none")
                .hint("set `updated = 2024-05-01` at the top of the profile, or the `SOURCE_DATE_EPOCH` environment variable"),
        );
    }
    if !problems.is_empty() {
        return Err(Failure::input(problems));
    }
    // Each document compiles on its own thread (the two are independent). Typst cannot be
    // cancelled, so a layout that never finishes is abandoned at the deadline: the process
    // exits soon after and the thread with it.
    let profile = Arc::new(loaded.profile.clone());
    let (tx, rx) = mpsc::channel();
    for (slot, (&doc, style)) in docs.iter().zip(styles).enumerate() {
        let (tx, profile, fonts, layout_dir, view_opts, standards) = (
            tx.clone(),
            profile.clone(),
            fonts.clone(),
            layout_dir.clone(),
            view_opts.clone(),
            standards.clone(),
        );
        std::thread::spawn(move || {
            let job = Job {
                doc,
                opts: &view_opts,
                style,
                standards: &standards,
                layout_dir,
                fonts,
            };
            let result = std::panic::catch_unwind(AssertUnwindSafe(|| make_one(&profile, job)))
                .unwrap_or_else(|_| {
                    Err(
                        vec![Diagnostic::error(format!(
                    "the compiler crashed while making the {}",
                    doc.name()
                ))
                .hint("this is a bug in vita: please report it with the profile that caused it")],
                    )
                });
            let _ = tx.send((slot, result));
        });
    }
    drop(tx);
    let deadline = Instant::now() + opts.timeout;
    let mut results: Vec<Option<MadeOne>> = docs.iter().map(|_| None).collect();
    for _ in 0..docs.len() {
        let left = deadline.saturating_duration_since(Instant::now());
        match rx.recv_timeout(left) {
            Ok((slot, r)) => results[slot] = Some(r),
            Err(_) => break,
        }
    }
    let results: Vec<MadeOne> = results
        .into_iter()
        .zip(&docs)
        .map(|(r, doc)| {
            r.unwrap_or_else(|| {
                Err(vec![Diagnostic::error(format!(
                    "the {} layout did not finish within {} s",
                    doc.name(),
                    opts.timeout.as_secs()
                ))
                .hint("look for a loop that never ends in the layout, or allow more time with `--timeout SECONDS`")])
            })
        })
        .collect();
    let mut warnings = loaded.warnings.clone();
    if let Some(dir) = &layout_dir {
        warnings.extend(check_layout_dir(dir));
    }
    let mut errors = vec![];
    let mut made = vec![];
    for r in results {
        match r {
            Ok((m, w)) => {
                warnings.extend(w);
                made.push(m);
            }
            Err(e) => errors.extend(e),
        }
    }
    // The two documents share layouts, so a mistake in `common.typ` is met twice: say it once.
    dedup(&mut errors);
    dedup(&mut warnings);
    if !errors.is_empty() {
        errors.extend(warnings);
        return Err(Failure::input(errors));
    }
    Ok(Outcome {
        made,
        warnings,
        person: loaded.profile.person.name.clone(),
    })
}

/// What one document's build needs besides the profile.
struct Job<'a> {
    doc: Doc,
    opts: &'a view::Options,
    style: style::Style,
    standards: &'a [typst_pdf::PdfStandard],
    layout_dir: Option<PathBuf>,
    fonts: Arc<typst_kit::fonts::FontStore>,
}

fn make_one(p: &profile::Profile, job: Job) -> MadeOne {
    let start = Instant::now();
    let doc = job.doc;
    let typeset_with = |style: &style::Style| {
        typeset(
            p,
            doc,
            job.opts,
            style,
            job.layout_dir.clone(),
            job.fonts.clone(),
        )
    };
    let (mut world, mut document, mut warnings) = typeset_with(&job.style)?;
    let mut fitted = None;
    if let Some(max) = job.style.max_pages
        && document.pages().len() > max
    {
        let pages = document.pages().len();
        let first = compile::page_text(&document.pages()[max]);
        let found = if job.style.fit {
            fit(&job.style, max, &typeset_with)?
        } else {
            None
        };
        match found {
            Some((style, typeset)) => {
                fitted = Some(describe_fit(&job.style, &style));
                (world, document, warnings) = typeset;
            }
            None => return Err(vec![overflow(doc, pages, max, &first, &job.style)]),
        }
    }
    let missing = compile::missing_glyphs(&document);
    if !missing.is_empty() {
        let shown = missing
            .iter()
            .take(20)
            .map(|c| format!("{c} (U+{:04X})", u32::from(*c)))
            .collect::<Vec<_>>()
            .join(", ");
        warnings.push(
            Diagnostic::warning(format!(
                "the {} has characters that no available font can draw; they print as empty boxes: {shown}",
                doc.name()
            ))
            .hint("let installed fonts draw them with `--system-fonts`, or set `font` to a face that has them"),
        );
    }
    let date = p.updated.or(job.opts.date).and_then(|d| d.ymd());
    let pdf = compile::pdf(
        &world,
        &document,
        &format!("vita-{}", doc.name()),
        date,
        job.standards,
    )?;
    Ok((
        Made {
            doc,
            pages: document.pages().len(),
            pdf,
            time: start.elapsed(),
            fitted,
        },
        warnings,
    ))
}

/// A laid-out document with its world and warnings.
pub type Typeset = (
    world::VitaWorld,
    typst_layout::PagedDocument,
    Vec<Diagnostic>,
);

/// Tightens spacing, then type size (never below the style's minimum), until the document
/// fits in `max` pages; `None` when even the tightest setting does not fit.
fn fit(
    base: &style::Style,
    max: usize,
    typeset_with: &dyn Fn(&style::Style) -> Result<Typeset, Vec<Diagnostic>>,
) -> Result<Option<(style::Style, Typeset)>, Vec<Diagnostic>> {
    let mut tries = vec![];
    for spacing in [0.85, 0.7, 0.55] {
        tries.push(style::Style {
            spacing,
            ..base.clone()
        });
    }
    let mut size = base.size - 0.25;
    while size >= base.min_size - 1e-9 {
        tries.push(style::Style {
            spacing: 0.55,
            size,
            ..base.clone()
        });
        size -= 0.25;
    }
    for style in tries {
        let typeset = typeset_with(&style)?;
        if typeset.1.pages().len() <= max {
            return Ok(Some((style, typeset)));
        }
    }
    Ok(None)
}

/// Says what `fit` changed: `spacing 70%, type 9 pt (was 9.5 pt)`.
fn describe_fit(from: &style::Style, to: &style::Style) -> String {
    let mut parts = vec![format!("spacing {:.0}%", to.spacing * 100.0)];
    if (to.size - from.size).abs() > 1e-9 {
        parts.push(format!("type {} pt (was {} pt)", to.size, from.size));
    }
    parts.join(", ")
}

/// The error for a document longer than its page limit.
fn overflow(doc: Doc, pages: usize, max: usize, first: &str, style: &style::Style) -> Diagnostic {
    let start: String = first.chars().take(90).collect();
    let ellipsis = if first.chars().count() > 90 {
        "…"
    } else {
        ""
    };
    let d = Diagnostic::error(format!(
        "the {} has {pages} pages, {} more than its limit of {max}",
        doc.name(),
        pages - max
    ))
    .hint(format!("page {} begins: “{start}{ellipsis}”", max + 1));
    if style.fit {
        d.hint(format!(
            "`fit` went down to {} pt type and 55% spacing and it still did not fit: shorten it, or allow a smaller `min_font_size`",
            style.min_size
        ))
    } else {
        d.hint(format!(
            "shorten it (`limit = {{ ... }}`, or `exclude = [\"{0}\"]` on entries), or let vita tighten it: `fit = true` in `[{0}]`, or `--fit`",
            doc.name()
        ))
    }
}

/// Lays out one document: its view, served to its layout, compiled by Typst.
pub fn typeset(
    p: &profile::Profile,
    doc: Doc,
    opts: &view::Options,
    style: &style::Style,
    layout_dir: Option<PathBuf>,
    fonts: Arc<typst_kit::fonts::FontStore>,
) -> Result<Typeset, Vec<Diagnostic>> {
    let data = view::view(p, doc, opts, style);
    let date = p.updated.or(opts.date).and_then(|d| d.ymd());
    let bytes = serde_json::to_vec(&data).map_err(|e| {
        vec![Diagnostic::error(format!(
            "cannot serialise the profile: {e}"
        ))]
    })?;
    let world = world::VitaWorld::new(
        &format!("/{}.typ", doc.name()),
        bytes,
        layout_dir,
        fonts,
        date,
    );
    let (result, warnings) = compile::compile(&world);
    let document = result?;
    Ok((world, document, warnings))
}

/// Drops repeats of the same message at the same place, keeping the first.
fn dedup(diags: &mut Vec<Diagnostic>) {
    let mut seen = std::collections::HashSet::new();
    diags.retain(|d| {
        let place = d
            .location
            .as_ref()
            .map(|l| (l.path.clone(), l.range.clone()));
        seen.insert((d.message.clone(), place))
    });
}

/// Warns about a layout folder whose files would be ignored (a `CV.typ` for `cv.typ`).
fn check_layout_dir(dir: &Path) -> Vec<Diagnostic> {
    let known: Vec<&str> = layouts::all().iter().map(|(n, _)| *n).collect();
    let names: Vec<String> = std::fs::read_dir(dir)
        .map(|rd| {
            rd.filter_map(|e| e.ok())
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    let mut out = vec![];
    for name in names
        .iter()
        .filter(|n| n.ends_with(".typ") && !known.contains(&n.as_str()))
    {
        if let Some(best) = diag::did_you_mean(name, known.iter().copied()) {
            out.push(
                Diagnostic::warning(format!("`{name}` in the layout folder is not used"))
                    .hint(format!("did you mean `{best}`? (names are case-sensitive)")),
            );
        }
    }
    if !names.iter().any(|n| known.contains(&n.as_str())) {
        out.push(
            Diagnostic::warning(format!(
                "the layout folder `{}` has none of {}: the built-in layouts are used",
                dir.display(),
                known.join(", ")
            ))
            .hint("write the built-in layouts out to start from: `vita layouts DIR`"),
        );
    }
    out
}

/// Checks a user layout folder and returns its canonical path.
fn layout_dir(dir: &Path) -> Result<PathBuf, Diagnostic> {
    let real = dir.canonicalize().map_err(|e| {
        Diagnostic::error(format!("cannot use layout folder `{}`: {e}", dir.display()))
            .hint("write out the built-in layouts to start from: `vita layouts DIR`")
    })?;
    if !real.is_dir() {
        return Err(Diagnostic::error(format!(
            "layout folder `{}` is not a folder",
            dir.display()
        ))
        .hint("name the folder that holds `cv.typ` or `resume.typ`"));
    }
    Ok(real)
}

/// Reads `SOURCE_DATE_EPOCH` (seconds since 1970, UTC) as a date.
pub fn source_date_epoch() -> Result<Option<Date>, Diagnostic> {
    let raw = std::env::var("SOURCE_DATE_EPOCH").unwrap_or_default();
    if raw.trim().is_empty() {
        return Ok(None);
    }
    let secs: i64 = raw.trim().parse().map_err(|_| {
        Diagnostic::error(format!(
            "`SOURCE_DATE_EPOCH` is not a number of seconds: `{raw}`"
        ))
        .hint("set it to a Unix time such as `1632960000`, or unset it")
    })?;
    let (y, m, d) = civil_from_days(secs.div_euclid(86_400));
    Date::from_parts(y as u32, Some(m), Some(d))
        .map(Some)
        .map_err(|e| Diagnostic::error(format!("`SOURCE_DATE_EPOCH` is out of range: {e}")))
}

/// The proleptic Gregorian date of a day count since 1970-01-01 (Howard Hinnant's algorithm).
fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

#[cfg(test)]
mod tests {
    #[test]
    fn civil_dates() {
        assert_eq!(super::civil_from_days(0), (1970, 1, 1));
        assert_eq!(super::civil_from_days(18_900), (2021, 9, 30));
        assert_eq!(super::civil_from_days(11_016), (2000, 2, 29));
    }
}
