//! Making documents: the profile is loaded, a [`plan::Plan`] resolved, and each document is
//! typeset on its own thread and exported, within a deadline.

mod bound;
mod epoch;
mod fit;
pub mod plan;
pub mod worker;

use std::panic::AssertUnwindSafe;
use std::path::PathBuf;
use std::sync::{Arc, mpsc};
use std::time::{Duration, Instant};

use crate::diag::Diagnostic;
use crate::export::{self, Exported, Format};
use crate::load::Loaded;
use crate::profile::{Date, Profile};
use crate::render::{compile, fonts, layouts, world};
use crate::{Failure, style, view};

/// Threads this process gave up on at a deadline (a load or a compile that never ended):
/// Typst cannot be cancelled, so they keep running until the process ends.
static ABANDONED: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);

/// Whether this process has left a thread running past its deadline (`vita watch` then
/// starts itself anew, which ends it).
pub fn abandoned() -> bool {
    ABANDONED.load(std::sync::atomic::Ordering::SeqCst) > 0
}

/// Counts a thread given up on.
pub(crate) fn abandon() {
    ABANDONED.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
}

pub use epoch::source_date_epoch;
pub use plan::{DocPlan, Plan};

/// What to build and how, as the command line asks.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct BuildOptions {
    /// The profile file.
    pub profile: PathBuf,
    /// Which document, by name; every document when absent.
    pub only: Option<String>,
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
    /// The formats to write; when empty, each document's `formats`, or PDF.
    pub formats: Vec<Format>,
    /// Formats written besides those (the live preview's pages and homepage).
    pub extra_formats: Vec<Format>,
    /// PNG resolution in pixels per inch.
    pub ppi: f32,
    /// The language of every document (`--lang`); their files' names then carry it.
    pub lang: Option<String>,
}

impl BuildOptions {
    /// Options that build every document of this profile with nothing overridden.
    pub fn new(profile: impl Into<PathBuf>) -> Self {
        BuildOptions {
            profile: profile.into(),
            only: None,
            overrides: style::Overrides::default(),
            standards: vec![],
            layouts: None,
            system_fonts: false,
            date: None,
            timeout: Duration::from_secs(60),
            formats: vec![],
            extra_formats: vec![],
            ppi: export::DEFAULT_PPI,
            lang: None,
        }
    }
}

/// One document with its warnings, or the errors that stopped it.
pub type MadeOne = Result<(Made, Vec<Diagnostic>), Vec<Diagnostic>>;

/// One document, compiled and exported.
#[derive(Debug, serde::Serialize, serde::Deserialize)]
pub struct Made {
    /// The document's name (`resume`, `cv`, or a named document's).
    pub name: String,
    /// The file name pattern the document asks for, if it sets one.
    pub output: Option<String>,
    /// The files: one per format, or one per page for PNG and SVG.
    pub files: Vec<Exported>,
    /// How many pages it has.
    pub pages: usize,
    /// How long compiling and exporting took.
    pub time: Duration,
    /// What `fit` changed to stay within the page limit, if anything.
    pub fitted: Option<String>,
    /// The length of each section as plain text (for `--counts`).
    pub counts: Vec<export::text::Count>,
}

impl Made {
    /// The PDF's bytes (empty when no PDF was asked for).
    pub fn pdf(&self) -> &[u8] {
        self.files
            .iter()
            .find(|f| f.format == Format::Pdf)
            .map_or(&[], |f| f.bytes.as_slice())
    }
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
    make_loaded(&plan::load(opts)?, opts)
}

/// Makes the documents of an already loaded profile, in parallel.
pub fn make_loaded(loaded: &Loaded, opts: &BuildOptions) -> Result<Outcome, Failure> {
    make_recording(loaded, opts, &world::Reads::default())
}

/// [`make_loaded`], recording the layout files the worlds read into `reads` (what `vita
/// watch` watches besides the profile and its .bib files).
pub fn make_recording(
    loaded: &Loaded,
    opts: &BuildOptions,
    reads: &world::Reads,
) -> Result<Outcome, Failure> {
    let plan = plan::resolve(loaded, opts)?;
    let mut warnings = loaded.warnings.clone();
    if let Some(dir) = &plan.layout_dir {
        warnings.extend(layouts::check_dir(dir));
    }
    let (made, errors) = run(loaded, &plan, reads, &mut warnings);
    if !errors.is_empty() {
        return Err(Failure::input(errors.into_iter().chain(warnings).collect()));
    }
    Ok(Outcome {
        made,
        warnings,
        person: loaded.profile.person.name.clone(),
    })
}

/// Makes every document of a plan, each on its own thread. Typst cannot be cancelled, so a
/// layout that never finishes is abandoned at the deadline: the process exits soon after and
/// the thread with it.
fn run(
    loaded: &Loaded,
    plan: &Plan,
    reads: &world::Reads,
    warnings: &mut Vec<Diagnostic>,
) -> (Vec<Made>, Vec<Diagnostic>) {
    let plan = Arc::new(plan.clone());
    // A deadline past what the clock can count is no deadline.
    let deadline = Instant::now().checked_add(plan.timeout);
    let (tx, rx) = mpsc::channel();
    // The user's own layouts compile in worker processes (see `worker`).
    let workers = plan.layout_dir.is_some() && worker::program().is_some();
    if let (Some(dir), Some(program)) = (&plan.layout_dir, worker::program()) {
        record_folder(dir, reads);
        for slot in 0..plan.documents.len() {
            let (tx, plan, program) = (tx.clone(), plan.clone(), program.clone());
            std::thread::spawn(move || {
                let opts = BuildOptions {
                    only: Some(plan.documents[slot].document.name.clone()),
                    ..plan.request.clone()
                };
                let _ = tx.send((slot, worker::make(&program, &opts, deadline)));
            });
        }
    }
    let fonts = fonts::store(plan.system_fonts);
    for slot in (0..plan.documents.len()).filter(|_| !workers) {
        // The profile as read in the document's language.
        let lang = plan.documents[slot].document.lang;
        let (tx, profile, plan, fonts, reads) = (
            tx.clone(),
            Arc::new(loaded.profile_for(lang).clone()),
            plan.clone(),
            fonts.clone(),
            reads.clone(),
        );
        std::thread::spawn(move || {
            let job = &plan.documents[slot];
            let result = std::panic::catch_unwind(AssertUnwindSafe(|| {
                make_one(&profile, &plan, job, fonts, reads)
            }))
            .unwrap_or_else(|_| {
                Err(vec![
                    Diagnostic::error(format!(
                        "the compiler crashed while making the {}",
                        job.document.name
                    ))
                    .hint(
                        "this is a bug in vita: please report it with the profile that caused it",
                    ),
                ])
            });
            let _ = tx.send((slot, result));
        });
    }
    drop(tx);
    let mut results: Vec<Option<MadeOne>> = plan.documents.iter().map(|_| None).collect();
    for _ in 0..plan.documents.len() {
        // Workers keep their own deadline, and are killed at it: wait for their word.
        let got = match deadline.filter(|_| !workers) {
            Some(deadline) => rx
                .recv_timeout(deadline.saturating_duration_since(Instant::now()))
                .ok(),
            None => rx.recv().ok(),
        };
        match got {
            Some((slot, r)) => results[slot] = Some(r),
            None => break,
        }
    }
    let mut errors = vec![];
    let mut made = vec![];
    for (r, job) in results.into_iter().zip(&plan.documents) {
        let r = r.unwrap_or_else(|| {
            if !workers {
                abandon();
            }
            Err(vec![Diagnostic::error(format!(
                "the {} layout did not finish within {} s",
                job.document.name,
                plan.timeout.as_secs()
            ))
            .hint("look for a loop that never ends in the layout, or allow more time with `--timeout SECONDS`")])
        });
        match r {
            Ok((m, w)) => {
                warnings.extend(w);
                made.push(m);
            }
            Err(e) => errors.extend(e),
        }
    }
    // The documents share layouts, so a mistake in `common.typ` is met more than once: say
    // it once.
    dedup(&mut errors);
    dedup(warnings);
    (made, errors)
}

/// Makes the one document `opts.only` names, here, with no threads or workers: what a
/// worker process runs.
pub fn make_here(opts: &BuildOptions) -> MadeOne {
    let loaded = plan::load(opts).map_err(|f| f.diagnostics)?;
    let plan = plan::resolve(&loaded, opts).map_err(|f| f.diagnostics)?;
    let Some(job) = plan.documents.first() else {
        return Err(vec![Diagnostic::error(
            "a worker was asked for no document",
        )]);
    };
    let fonts = fonts::store(plan.system_fonts);
    make_one(
        loaded.profile_for(job.document.lang),
        &plan,
        job,
        fonts,
        world::Reads::default(),
    )
}

/// Records every file in a layout folder as read (a worker's reads are not seen here).
fn record_folder(dir: &std::path::Path, reads: &world::Reads) {
    let mut reads = reads.lock().unwrap_or_else(|e| e.into_inner());
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d)
            .into_iter()
            .flatten()
            .flatten()
            .take(1000)
        {
            let path = entry.path();
            match entry.file_type() {
                Ok(t) if t.is_dir() => stack.push(path),
                Ok(_) => {
                    reads.insert(path);
                }
                Err(_) => {}
            }
        }
    }
}

fn make_one(
    p: &Profile,
    plan: &Plan,
    job: &DocPlan,
    fonts: Arc<typst_kit::fonts::FontStore>,
    reads: world::Reads,
) -> MadeOne {
    let start = Instant::now();
    let doc = &job.document;
    let ((world, document, mut warnings, view), fitted) =
        typeset_to_fit(p, job, plan, fonts, &reads)?;
    // A document cut before layout (`bound`) has said so already.
    if job.style.max_pages.is_none()
        && view.left_out == 0
        && let Some(expected) = doc.kind.expected_pages
        && document.pages().len() > expected
    {
        warnings.push(fit::spill(doc, &document, expected));
    }
    let off = compile::off_the_page(&document, 3);
    if !off.is_empty() {
        let shown = off
            .iter()
            .map(|(page, text)| format!("page {page}: “{text}…”"))
            .collect::<Vec<_>>()
            .join("; ");
        warnings.push(
            Diagnostic::warning(format!("the {} has text that runs off the page: {shown}", doc.name))
                .hint("a word or address is longer than a line: shorten it, or break it with spaces (a link can keep a short label and its address in `links`)"),
        );
    }
    let missing = compile::missing_glyphs(&document);
    if !missing.is_empty() {
        let shown = missing
            .iter()
            .take(20)
            .map(|c| format!("{c} (U+{:04X})", u32::from(*c)))
            .collect::<Vec<_>>()
            .join(", ");
        let more = match missing.len() {
            n if n > 20 => format!(", and {} more", n - 20),
            _ => String::new(),
        };
        let places = places_of(&view, &missing);
        let fix = "let installed fonts draw them with `--system-fonts`, or set `font` to a face that has them";
        // PDF/A forbids them: one error that says where they are, not one per glyph.
        if plan.standards.iter().any(export::pdf::is_archival) {
            return Err(vec![
                Diagnostic::error(format!(
                    "the {} has characters that no available font can draw, which PDF/A does not allow: {shown}{more}",
                    doc.name
                ))
                .hint(format!("they are in: {places}"))
                .hint(fix),
            ]);
        }
        warnings.push(
            Diagnostic::warning(format!(
                "the {} has characters that no available font can draw; they print as empty boxes: {shown}{more}",
                doc.name
            ))
            .hint(format!("they are in: {places}"))
            .hint(fix),
        );
    }
    let ident = format!("vita-{}", doc.name);
    let cx = export::Context {
        world: &world,
        view: &view,
        ident: &ident,
        date: plan.date,
        standards: &plan.standards,
        ppi: plan.ppi,
    };
    let mut files = vec![];
    for format in &job.formats {
        files.extend(export::export(*format, &document, &cx)?);
    }
    Ok((
        Made {
            name: doc.file_stem(),
            output: doc.settings.output.as_ref().map(|p| p.0.clone()),
            files,
            pages: document.pages().len(),
            time: start.elapsed(),
            fitted,
            counts: export::text::counts(&view),
        },
        warnings,
    ))
}

/// Where characters stand in a document: the header and the titles of the sections that
/// hold them.
fn places_of(view: &view::model::View, chars: &[char]) -> String {
    fn has(part: &impl serde::Serialize, chars: &[char]) -> bool {
        let text = serde_json::to_string(part).unwrap_or_default();
        chars.iter().any(|c| text.contains(*c))
    }
    let mut out = vec![];
    if has(&view.person, chars) {
        out.push("the header".to_string());
    }
    for s in view.sections.iter().filter(|s| has(s, chars)) {
        out.push(format!("“{}”", s.title));
    }
    if out.is_empty() {
        out.push("the layout's own text".to_string());
    }
    out.join(", ")
}

/// A laid-out document with its world and warnings.
pub type Typeset = (
    world::VitaWorld,
    typst_layout::PagedDocument,
    Vec<Diagnostic>,
);

/// A laid-out document with its world, warnings, and the view it was made from (which the
/// text, HTML and DOCX formats are written from).
type Viewed = (
    world::VitaWorld,
    typst_layout::PagedDocument,
    Vec<Diagnostic>,
    view::model::View,
);

/// Lays out one document: its view, served to its layout, compiled by Typst.
pub fn typeset(
    p: &Profile,
    job: &DocPlan,
    plan: &Plan,
    style: &style::Style,
    fonts: Arc<typst_kit::fonts::FontStore>,
    reads: &world::Reads,
) -> Result<Typeset, Vec<Diagnostic>> {
    typeset_viewed(p, job, plan, style, fonts, reads).map(|(w, d, warnings, _)| (w, d, warnings))
}

/// [`typeset`] within the document's `max_pages`: tightened by `fit` when it runs over and
/// the profile allows it (with what was changed), else an error that says what spilled over.
pub fn typeset_fitted(
    p: &Profile,
    job: &DocPlan,
    plan: &Plan,
    fonts: Arc<typst_kit::fonts::FontStore>,
    reads: &world::Reads,
) -> Result<(Typeset, Option<String>), Vec<Diagnostic>> {
    typeset_to_fit(p, job, plan, fonts, reads).map(|((w, d, warnings, _), f)| ((w, d, warnings), f))
}

fn typeset_to_fit(
    p: &Profile,
    job: &DocPlan,
    plan: &Plan,
    fonts: Arc<typst_kit::fonts::FontStore>,
    reads: &world::Reads,
) -> Result<(Viewed, Option<String>), Vec<Diagnostic>> {
    let typeset_with =
        |style: &style::Style| typeset_viewed(p, job, plan, style, fonts.clone(), reads);
    let typeset = typeset_with(&job.style)?;
    let Some(max) = job.style.max_pages else {
        return Ok((typeset, None));
    };
    let pages = typeset.1.pages().len();
    if pages <= max {
        // `fit` loosens too: a one-page document with room to spare spreads it.
        if job.style.fit && max == 1 {
            return Ok(match fit::loosen(&job.style, &typeset, &typeset_with)? {
                Some((style, loose)) => (loose, Some(fit::describe(&job.style, &style))),
                None => (typeset, None),
            });
        }
        return Ok((typeset, None));
    }
    let first = compile::page_text(&typeset.1.pages()[max]);
    let found = if job.style.fit {
        fit::fit(&job.style, max, &typeset_with)?
    } else {
        None
    };
    match found {
        Some((style, typeset)) => Ok((typeset, Some(fit::describe(&job.style, &style)))),
        None => Err(vec![fit::overflow(
            &job.document,
            pages,
            max,
            &first,
            &job.style,
        )]),
    }
}

/// [`typeset`], keeping the view.
fn typeset_viewed(
    p: &Profile,
    job: &DocPlan,
    plan: &Plan,
    style: &style::Style,
    fonts: Arc<typst_kit::fonts::FontStore>,
    reads: &world::Reads,
) -> Result<Viewed, Vec<Diagnostic>> {
    let mut data = view::view(p, &job.document, &plan.view, style);
    let bounded = bound::check(&mut data, &job.document, style).map_err(|e| vec![e])?;
    let bytes = serde_json::to_vec(&data).map_err(|e| {
        vec![Diagnostic::error(format!(
            "cannot serialise the profile: {e}"
        ))]
    })?;
    let world = world::VitaWorld::new(
        &format!("/{}.typ", job.document.kind.name),
        bytes,
        plan.layout_dir.clone(),
        fonts,
        plan.date,
    )
    .with_photo(p.person.photo_file.as_ref())
    .recording_into(reads.clone());
    let (result, mut warnings) = compile::compile(&world);
    let document = result?;
    warnings.extend(bounded);
    Ok((world, document, warnings, data))
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
