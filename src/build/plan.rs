//! The build plan: every default applied once, before any work starts, so that `build`,
//! `check`, `data` and `watch` make the same documents the same way.

use std::path::{Path, PathBuf};
use std::time::Duration;

use super::BuildOptions;
use crate::diag::{Diagnostic, did_you_mean};
use crate::document::Document;
use crate::export::Format;
use crate::load::Loaded;
use crate::profile::{KeyPath, Spans};
use crate::render::fonts;
use crate::style::Style;
use crate::{Failure, view};

/// What a build makes and how, resolved from the profile and the command line.
#[derive(Debug, Clone)]
pub struct Plan {
    /// The documents, in build order, each with its style.
    pub documents: Vec<DocPlan>,
    /// PNG resolution in pixels per inch.
    pub ppi: f32,
    /// PDF standards every PDF conforms to.
    pub standards: Vec<typst_pdf::PdfStandard>,
    /// The user's layout folder (canonical), if any.
    pub layout_dir: Option<PathBuf>,
    /// Whether system fonts may be used after the embedded ones.
    pub system_fonts: bool,
    /// Options of the view that come from outside the profile (the date).
    pub view: view::Options,
    /// The document date, when there is one.
    pub date: Option<(i32, u8, u8)>,
    /// How long a document may take.
    pub timeout: Duration,
    /// The options the plan was made from (what a worker process is handed).
    pub request: BuildOptions,
}

impl Plan {
    /// The data one document's layout receives (its view), from the profile in its language.
    pub fn view(&self, loaded: &Loaded, job: &DocPlan) -> view::model::View {
        view::view(
            loaded.profile_for(job.document.lang),
            &job.document,
            &self.view,
            &job.style,
        )
    }
}

/// One document to make.
#[derive(Debug, Clone)]
pub struct DocPlan {
    /// The document.
    pub document: Document,
    /// Its look, with every default and override applied.
    pub style: Style,
    /// The formats it is written in, each once, PDF first.
    pub formats: Vec<Format>,
}

/// Resolves what to build; every problem with the request is reported at once.
pub fn resolve(loaded: &Loaded, opts: &BuildOptions) -> Result<Plan, Failure> {
    let p = &loaded.profile;
    let folders = theme_folders(loaded, opts).map_err(Failure::input)?;
    let mut with_layouts: Vec<&std::path::Path> = vec![];
    for f in folders.0.iter().filter(|f| f.layouts) {
        if !with_layouts.contains(&f.dir.as_path()) {
            with_layouts.push(&f.dir);
        }
    }
    let layout_dir = match (&opts.layouts, with_layouts.as_slice()) {
        (Some(dir), _) => Some(layout_dir(dir).map_err(|d| Failure::input(vec![d]))?),
        (None, []) => None,
        (None, [dir]) => Some(dir.to_path_buf()),
        (None, _) => {
            return Err(Failure::input(vec![
                Diagnostic::error("two theme folders with layouts are used in one build")
                    .hint("layouts apply to every document of a build: keep layouts in one theme folder, or pass `--layouts DIR`"),
            ]));
        }
    };
    let all = Document::all(p);
    let names: Vec<&str> = all.iter().map(|d| d.name.as_str()).collect();
    if let Some(d) = unknown_only(opts, &names) {
        return Err(Failure::input(vec![d]));
    }
    // The environment's date is only needed, and only checked, when the profile has none.
    let date = match (p.updated, opts.date) {
        (None, None) => super::epoch::source_date_epoch().map_err(|d| Failure::input(vec![d]))?,
        (_, date) => date,
    };
    let mut problems = vec![];
    let mut documents = vec![];
    for mut document in all
        .into_iter()
        .filter(|d| opts.only.as_ref().is_none_or(|o| *o == d.name))
    {
        if let Some(lang) = opts.lang.as_deref().and_then(crate::locale::resolve) {
            document.lang = lang;
            document.lang_in_name = true;
        }
        match crate::style::resolve(&document, &p.design, &opts.overrides, &folders) {
            Ok(style) => {
                let formats = formats(&document, opts);
                documents.push(DocPlan {
                    document,
                    style,
                    formats,
                })
            }
            Err(e) => problems.extend(e),
        }
    }
    let names = if opts.standards.is_empty() {
        &p.pdf.standards
    } else {
        &opts.standards
    };
    let mut standards = vec![];
    for name in names {
        match crate::export::pdf::standard(name) {
            Ok(s) => standards.push(s),
            Err(d) => problems.push(d),
        }
    }
    if names.iter().any(|n| n.starts_with("a-")) && p.updated.or(date).is_none() {
        problems.push(
            Diagnostic::error("PDF/A needs a document date, and the profile has none")
                .hint("set `updated = 2024-05-01` at the top of the profile, or the `SOURCE_DATE_EPOCH` environment variable"),
        );
    }
    let system_fonts = opts.system_fonts || p.system_fonts;
    problems.extend(unknown_fonts(loaded, system_fonts));
    problems.extend(typeface_rules(loaded, &documents));
    if let Err(d) = crate::export::png::check_ppi(opts.ppi) {
        problems.push(d);
    }
    if !problems.is_empty() {
        return Err(Failure::input(problems));
    }
    Ok(Plan {
        documents,
        ppi: opts.ppi,
        standards,
        layout_dir,
        system_fonts,
        view: view::Options { date },
        date: p.updated.or(date).and_then(|d| d.ymd()),
        timeout: opts.timeout,
        request: opts.clone(),
    })
}

/// The formats of one document: the command line's, else the document's `formats`, else PDF;
/// then the extra ones; each once, in the order of [`Format::ALL`].
fn formats(document: &Document, opts: &BuildOptions) -> Vec<Format> {
    let asked: &[Format] = if !opts.formats.is_empty() {
        &opts.formats
    } else {
        match &document.settings.formats {
            Some(f) if !f.is_empty() => f,
            _ => &[Format::Pdf],
        }
    };
    Format::ALL
        .iter()
        .copied()
        .filter(|f| asked.contains(f) || opts.extra_formats.contains(f))
        .collect()
}

/// The error for `--only NAME` when no document has that name.
pub fn unknown_only(opts: &BuildOptions, names: &[&str]) -> Option<Diagnostic> {
    let only = opts
        .only
        .as_ref()
        .filter(|o| !names.contains(&o.as_str()))?;
    let mut d = Diagnostic::error(format!("invalid value '{only}' for '--only <ONLY>'"));
    if let Some(best) = did_you_mean(only, names.iter().copied()) {
        d = d.hint(format!("did you mean `{best}`?"));
    }
    Some(d.hint(format!("[possible values: {}]", names.join(", "))))
}

/// Loads the profile for a build. When it cannot be read at all, `--only` is still checked
/// against the documents every profile has, so both mistakes are told at once.
pub fn load(opts: &BuildOptions) -> Result<Loaded, Failure> {
    // Reading is bounded by the timeout too: a .bib file built to explode must not hang.
    let (tx, rx) = std::sync::mpsc::channel();
    let path = opts.profile.clone();
    let langs: Vec<&'static str> = opts
        .lang
        .as_deref()
        .and_then(crate::locale::resolve)
        .into_iter()
        .collect();
    std::thread::spawn(move || {
        let _ = tx.send(crate::load::load_in_languages(&path, langs.as_slice()));
    });
    let loaded = match rx.recv_timeout(opts.timeout) {
        Ok(loaded) => loaded,
        Err(_) => {
            super::abandon();
            return Err(Failure::input(vec![
                Diagnostic::error(format!(
                    "reading the profile and its .bib files did not finish within {} s",
                    opts.timeout.as_secs()
                ))
                .hint("look for a .bib file that expands without end (`@string`s built from each other), or allow more time with `--timeout SECONDS`"),
            ]));
        }
    };
    loaded.map_err(|mut diags| {
        if !opts.profile.exists() {
            // Every profile has these two; named documents need the profile.
            diags.extend(unknown_only(opts, &["resume", "cv"]));
        }
        Failure::input(diags)
    })
}

/// Reads the theme folders the build names: `--theme DIR` (from the working folder) and each
/// `theme = "./path"` of the profile (from the profile's folder), each error at its place.
fn theme_folders(
    loaded: &Loaded,
    opts: &BuildOptions,
) -> Result<crate::style::theme::Folders, Vec<Diagnostic>> {
    use crate::style::theme::{Folders, Theme, is_folder_name, read_folder};
    let mut folders = Folders::default();
    let mut problems = vec![];
    if let Some(name) = &opts.overrides.theme
        && Theme::builtin(name).is_none()
    {
        let path = Path::new(name);
        if is_folder_name(name) || path.is_dir() {
            match read_folder(name, path) {
                Ok(f) => folders.0.push(f),
                Err(e) => problems.extend(e),
            }
        } else {
            problems.push(crate::style::unknown_theme(name));
        }
    }
    let p = &loaded.profile;
    let base = opts.profile.parent().unwrap_or(Path::new(""));
    let mut spans = None;
    for (at, design) in p.design_tables() {
        let Some(name) = design.theme.as_deref().filter(|n| is_folder_name(n)) else {
            continue;
        };
        if folders.get(name).is_some() || opts.overrides.theme.is_some() {
            continue;
        }
        match read_folder(name, &base.join(name)) {
            Ok(f) => folders.0.push(f),
            Err(e) => {
                let spans = spans.get_or_insert_with(|| Spans::new(&loaded.text));
                let at = at.k("theme");
                problems.extend(e.into_iter().map(|d| match (&d.location, spans.find(&at)) {
                    (None, Some(range)) => d.at(&loaded.display, &loaded.text, range),
                    _ => d,
                }));
            }
        }
    }
    if problems.is_empty() {
        Ok(folders)
    } else {
        Err(problems)
    }
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

/// Faces the profile names that no available font has: an error at the key that names them
/// (Typst would only warn, pointing into vita's own layout, and set another face).
/// Documents whose preset's rule names typefaces (NSF's), set in a face it does not name or
/// under the face's smallest size: an error at the key that chose the face, citing the rule.
fn typeface_rules(loaded: &Loaded, documents: &[DocPlan]) -> Vec<Diagnostic> {
    let spans = Spans::new(&loaded.text);
    let mut out = vec![];
    for plan in documents {
        let doc = &plan.document;
        let Some(preset) = crate::style::preset_of(doc) else {
            continue;
        };
        let Some(rule) = &preset.typeface else {
            continue;
        };
        let style = &plan.style;
        let at = KeyPath::document(&doc.name);
        // The key that chose the face: the document's `font`, its `design.font`, `[design]`'s.
        let key = if doc.settings.font.is_some() {
            Some(at.k("font"))
        } else if doc.settings.design.font.is_some() {
            Some(at.k("design").k("font"))
        } else if loaded.profile.design.font.is_some() {
            Some(KeyPath::key("design").k("font"))
        } else {
            None
        };
        let shown = key
            .as_ref()
            .map_or("the theme".to_string(), |k| format!("`{k}`"));
        let d = match rule.face(&style.font) {
            None => Diagnostic::error(format!(
                "{shown} sets the `{}` document in {}, a face the `{}` preset's rule does not allow",
                doc.name, style.font, preset.name
            ))
            .hint(format!("the rule: {}", rule.rule))
            .hint(format!(
                "leave the face out for this document: vita sets it in {} at {} pt; or name one the rule allows: {}",
                rule.default,
                rule.default_size,
                rule.faces.iter().map(|f| f.face.as_str()).collect::<Vec<_>>().join(", ")
            )),
            Some(f) if style.size + 1e-6 < f.min => Diagnostic::error(format!(
                "the `{}` document is set in {} at {} pt; the `{}` preset's rule asks for {} pt or larger in that face",
                doc.name, style.font, style.size, preset.name, f.min
            ))
            .hint(format!("the rule: {}", rule.rule)),
            Some(_) => continue,
        };
        let d = match key.as_ref().and_then(|k| spans.find(k)) {
            Some(r) => d.at(&loaded.display, &loaded.text, r),
            None => d,
        };
        out.push(d);
    }
    out
}

fn unknown_fonts(loaded: &Loaded, system: bool) -> Vec<Diagnostic> {
    let p = &loaded.profile;
    fn design<'a>(named: &mut Vec<(KeyPath, &'a str)>, at: KeyPath, d: &'a crate::profile::Design) {
        for (key, list) in [("font", &d.font), ("heading_font", &d.heading_font)] {
            for (i, f) in list.iter().flat_map(|l| l.0.iter()).enumerate() {
                named.push((at.k(key).i(i), f.as_str()));
            }
        }
    }
    let mut named: Vec<(KeyPath, &str)> = vec![];
    design(&mut named, KeyPath::key("design"), &p.design);
    for (name, s) in p.documents() {
        let at = KeyPath::document(name);
        design(&mut named, at.k("design"), &s.design);
        if let Some(f) = &s.font {
            named.push((at.k("font"), f.as_str()));
        }
    }
    if named.is_empty() {
        return vec![];
    }
    let store = fonts::store(system);
    let book = store.book();
    let spans = Spans::new(&loaded.text);
    // Named only in messages: read from the font files at the first unknown face.
    let embedded = std::cell::OnceCell::new();
    let mut out = vec![];
    for (path, face) in named {
        if book.contains_family(&face.to_lowercase()) {
            continue;
        }
        let mut d = Diagnostic::error(format!(
            "`{path}` names the face `{face}`, which no available font has"
        ));
        d = if system {
            d.hint("check the family name as your system lists it (`fc-list : family`)")
        } else {
            let embedded = embedded.get_or_init(|| fonts::embedded_families().join(", "));
            d.hint(format!("the embedded faces are {embedded}; to use installed fonts, add `system_fonts = true` at the top of the profile or pass `--system-fonts`"))
        };
        if let Some(r) = spans.find(&path) {
            d = d.at(&loaded.display, &loaded.text, r);
        }
        out.push(d);
    }
    out
}
