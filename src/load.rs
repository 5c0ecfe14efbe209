//! Reading a profile as a build needs it: the file, its schema and cross-field checks, the
//! documents it asks for, and the .bib files it names, with every problem reported at once.

use std::path::Path;
use std::sync::Arc;

use crate::diag::Diagnostic;
use crate::files::{ReadError, read_capped};
use crate::locale::translate;
use crate::profile::{Checker, KeyPath, Profile, Spans};

/// Profiles larger than this are refused before parsing.
pub const MAX_PROFILE_BYTES: u64 = crate::files::MAX_INPUT_BYTES;

/// A profile that parsed and passed validation, with where it came from.
#[derive(Debug)]
pub struct Loaded {
    /// The typed profile, with the .bib entries merged in.
    pub profile: Profile,
    /// Problems that did not stop the build.
    pub warnings: Vec<Diagnostic>,
    /// The profile's name in messages.
    pub display: String,
    /// The profile's text, for messages that point into it after loading.
    pub text: Arc<str>,
    /// The other files it was made from (its .bib files, those missing too), for
    /// `vita watch` to watch.
    pub files: Vec<std::path::PathBuf>,
    /// The profile in each other language a document is made in (its translated fields
    /// chosen for that language).
    pub translations: Vec<(&'static str, Profile)>,
}

impl Loaded {
    /// The profile as a document in this language reads it.
    pub fn profile_for(&self, lang: &str) -> &Profile {
        self.translations
            .iter()
            .find(|(l, _)| *l == lang)
            .map_or(&self.profile, |(_, p)| p)
    }
}

/// Reads, parses and validates a profile file.
pub fn load(path: &Path) -> Result<Loaded, Vec<Diagnostic>> {
    load_in_languages(path, &[])
}

/// [`load`], with the profile read in these languages (`--lang`) instead of those of its
/// documents.
pub fn load_in_languages(path: &Path, langs: &[&'static str]) -> Result<Loaded, Vec<Diagnostic>> {
    let display = path.display().to_string();
    let fail = |msg: String, hint: &str| vec![Diagnostic::error(msg).hint(hint)];
    const MIB: u64 = 1024 * 1024;
    let bytes = read_capped(path, MAX_PROFILE_BYTES).map_err(|e| match e {
        ReadError::NotFound => fail(
            format!("profile `{display}` does not exist"),
            "run vita in the folder that holds profile.toml, or name the file: `vita build path/to/profile.toml`",
        ),
        ReadError::Io(e) => fail(
            format!("cannot read profile `{display}`: {e}"),
            "check that the path is right and that the file is readable",
        ),
        ReadError::NotAFile => fail(
            format!("profile `{display}` is not a regular file"),
            "name a TOML file; devices, pipes and sockets are not read",
        ),
        ReadError::Folder => fail(
            format!("profile `{display}` is a folder, not a file"),
            "name the TOML file itself, such as `profile.toml`",
        ),
        ReadError::TooLarge { bytes: Some(bytes) } => fail(
            format!(
                "profile `{display}` is {} MiB; vita reads profiles of at most {} MiB",
                bytes / MIB,
                MAX_PROFILE_BYTES / MIB
            ),
            "a profile is text about one person: check that this is the right file",
        ),
        // It grew past the limit after it was measured.
        ReadError::TooLarge { bytes: None } => fail(
            format!(
                "profile `{display}` is larger than {} MiB",
                MAX_PROFILE_BYTES / MIB
            ),
            "a profile is text about one person: check that this is the right file",
        ),
    })?;
    load_in(
        &display,
        bytes,
        path.parent().unwrap_or(Path::new("")),
        langs,
    )
}

/// Checks that bytes are UTF-8 text, then parses and validates them as a profile; relative
/// paths are taken from the folder of `display`.
pub fn load_bytes(display: &str, bytes: Vec<u8>) -> Result<Loaded, Vec<Diagnostic>> {
    load_in(
        display,
        bytes,
        Path::new(display).parent().unwrap_or(Path::new("")),
        &[],
    )
}

/// [`load_bytes`], with relative paths (the .bib files) taken from `dir`.
fn load_in(
    display: &str,
    bytes: Vec<u8>,
    dir: &Path,
    langs: &[&'static str],
) -> Result<Loaded, Vec<Diagnostic>> {
    let text = match String::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            let valid = e.utf8_error().valid_up_to();
            let lossy: Arc<str> = String::from_utf8_lossy(e.as_bytes()).into();
            // The same spot in the lossy text: the valid prefix is unchanged by the conversion.
            return Err(vec![
                Diagnostic::error("the profile is not valid UTF-8 text")
                    .at(display, &lossy, valid..valid + 1)
                    .hint("save the file as UTF-8 (every modern editor can; in Vim `:set fenc=utf-8`, then save)"),
            ]);
        }
    };
    load_text(display, &text, dir, langs)
}
/// Parses and validates profile text; `display` names it in messages, and relative paths are
/// taken from its folder.
pub fn load_str(display: &str, text: &str) -> Result<Loaded, Vec<Diagnostic>> {
    load_text(
        display,
        text,
        Path::new(display).parent().unwrap_or(Path::new("")),
        &[],
    )
}

/// Reads the profile in its own language, then in each other language a document is made
/// in: a translated field (`{ en = "...", zh-Hans = "..." }`) takes that language's text.
fn load_text(
    display: &str,
    text: &str,
    dir: &Path,
    langs: &[&'static str],
) -> Result<Loaded, Vec<Diagnostic>> {
    // A byte-order mark is invisible in editors and harmless: drop it.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let text: Arc<str> = text.into();
    // Texts no document could print are refused before anything else reads them.
    let mut refused = crate::profile::sizes::check(display, &text);
    refused.extend(translate::misplaced(display, &text));
    if !refused.is_empty() {
        return Err(refused);
    }
    let top = |key| translate::top_string(&text, key).and_then(|l| crate::locale::resolve(&l));
    let own = top("lang").unwrap_or("en");
    let fallback = top("default_lang").unwrap_or("en");
    let (work, notes) = translate::choose(display, &text, own, fallback);
    // The .bib files are the same in every language: read once.
    let mut bib = crate::bib::Read::new();
    let mut loaded = load_language(display, &text, work, dir, &mut bib)?;
    loaded.warnings.extend(notes);
    let mut others: Vec<&'static str> = if langs.is_empty() {
        crate::document::Document::all(&loaded.profile)
            .iter()
            .map(|d| d.lang)
            .collect()
    } else {
        langs.to_vec()
    };
    others.retain(|l| *l != own);
    others.sort_unstable();
    others.dedup();
    for lang in others {
        let (work, notes) = translate::choose(display, &text, lang, fallback);
        let other = load_language(display, &text, work, dir, &mut bib)?;
        loaded.warnings.extend(notes);
        loaded.translations.push((lang, other.profile));
    }
    Ok(loaded)
}

/// Parses and validates the profile's text with its translated fields chosen (`work`).
fn load_language(
    display: &str,
    text: &Arc<str>,
    work: String,
    dir: &Path,
    bib: &mut crate::bib::Read,
) -> Result<Loaded, Vec<Diagnostic>> {
    let text = text.clone();
    let (mut profile, mut diags, broken) =
        crate::profile::parse_translated(display, &text, work.clone());
    diags.iter_mut().for_each(translate::explain);
    let mut files = vec![];
    if let Some(profile) = &mut profile {
        crate::profile::normalise(profile);
        let spans = Spans::new(&work);
        let mut c = Checker::new(&spans, &broken, display, &text);
        check(profile, &mut c);
        let mut checks = c.out;
        // In file order, as a reader goes through the file, after the schema errors (which
        // come in file order already and are often the cause of the rest).
        checks.sort_by_key(|d| d.location.as_ref().map_or(usize::MAX, |l| l.range.start));
        diags.extend(checks);
        // The .bib files are read once the profile itself is sound.
        if !diags.iter().any(Diagnostic::is_error) {
            let attached = crate::bib::attach(profile, dir, display, &text, &spans, bib);
            diags.extend(attached.diagnostics);
            files = attached.files;
            diags.extend(ambiguous_names(profile, display, &text, &spans));
            diags.extend(bib_excludes(profile));
            diags.extend(crate::photo::attach(profile, dir, display, &text, &spans));
            if let Some(photo) = profile
                .person
                .photo
                .as_ref()
                .filter(|_| profile.person.photo_file.is_some())
            {
                files.push(dir.join(photo));
            }
            let mut c = Checker::new(&spans, &[], display, &text);
            crate::profile::check_cites(profile, &mut c);
            crate::document::limits::check(profile, &mut c);
            diags.extend(c.out);
        }
    }
    let (errors, warnings): (Vec<_>, Vec<_>) = diags.into_iter().partition(Diagnostic::is_error);
    let Some(profile) = profile.filter(|_| errors.is_empty()) else {
        return Err(errors.into_iter().chain(warnings).collect());
    };
    Ok(Loaded {
        profile,
        warnings,
        display: display.to_string(),
        text,
        files,
        translations: vec![],
    })
}

/// Every check of a parsed profile: its entries, its documents, and the names it gives of
/// things defined above the schema (presets, PDF standards).
fn check(p: &Profile, c: &mut Checker) {
    c.documents = document_names(p);
    crate::profile::validate(p, c);
    crate::profile::collaborators::check(p, c);
    crate::document::check(p, c, &|id| crate::view::section_len(p, id));
    crate::style::check(p, c);
    crate::locale::check(p, c);
    for (name, s) in p.documents() {
        let at = KeyPath::document(name);
        if let Some(preset) = &s.preset {
            match crate::style::presets::find(preset) {
                Some((p, true)) => {
                    let d = Diagnostic::warning(format!(
                        "the preset `{preset}` is now called `{}`: {}",
                        p.name, p.summary
                    ))
                    .hint(format!("write `preset = \"{}\"`; for the NIH biosketch of 2026, declare a document with `kind = \"nih-biosketch\"`", p.name));
                    c.push(&at.k("preset"), d);
                }
                Some(_) => {}
                None => {
                    if let Err(d) = crate::style::preset(preset) {
                        c.push(&at.k("preset"), d);
                    }
                }
            }
        }
        for (key, map) in [("max_chars", &s.max_chars), ("max_words", &s.max_words)] {
            for id in map.keys() {
                if !crate::document::limits::COUNTED.contains(&id.as_str()) {
                    c.error(
                        &at.k(key).k(id),
                        format!("`{at}.{key}` names a section vita does not count: `{id}`"),
                        &format!(
                            "vita counts the text of: {}",
                            crate::document::limits::COUNTED.join(", ")
                        ),
                    );
                }
            }
            if let Some(preset) = s.preset.as_deref().and_then(crate::style::presets::find)
                && preset.0.no_photo
                && p.person.photo.is_some()
                && shows_photo(p, name, s)
            {
                let preset = preset.0;
                c.push(
                &KeyPath::key("person").k("photo"),
                Diagnostic::error(format!(
                    "the `{}` preset of `[{at}]` does not allow a photo",
                    preset.name
                ))
                .hint(format!("the rule: {}", preset.summary))
                .hint(format!("leave the photo out of this document with `photo = false` in `[{at}.design]`")),
            );
            }
        }
    }
    for (i, name) in p.pdf.standards.iter().enumerate() {
        if let Err(d) = crate::export::pdf::standard(name) {
            c.push(&KeyPath::key("pdf").k("standards").i(i), d);
        }
    }
}

/// Whether a document prints the person's photo: its design's `photo`, else the theme's (a
/// theme folder, not read yet, counts as showing it).
fn shows_photo(p: &Profile, name: &str, s: &crate::profile::DocSettings) -> bool {
    let design = s.design.over(&p.design);
    design.photo.unwrap_or_else(|| {
        let kind = s.kind.as_deref().unwrap_or(name);
        let theme = design
            .theme
            .as_deref()
            .unwrap_or(crate::style::theme::DEFAULT);
        crate::style::theme::Theme::builtin(theme).is_none_or(|t| t.resolved(kind).1.photo)
    })
}

/// Warns about works that list two authors matching the person's name (an alias of
/// initials that a co-author shares): only the better match is set in bold.
fn ambiguous_names(p: &Profile, display: &str, text: &Arc<str>, spans: &Spans) -> Vec<Diagnostic> {
    let me = p.person.own_name();
    let mut out = vec![];
    for (i, e) in p.publications.iter().enumerate() {
        let names: Vec<&str> = e.authors.iter().map(String::as_str).collect();
        let matching: Vec<&str> = names.iter().copied().filter(|a| me.is_me(a)).collect();
        if matching.len() < 2 {
            continue;
        }
        let best = me.best_matches(&names);
        let bold: Vec<&str> = best.iter().map(|&i| names[i]).collect();
        let d = Diagnostic::warning(format!(
            "“{}” lists {} authors who match your name ({}); only {} is set in bold",
            e.title,
            matching.len(),
            matching.join(", "),
            bold.join(" and ")
        ))
        .hint("if another of them is you, write that name in full; an alias of initials matches co-authors who share them");
        let d = match &e.origin {
            crate::profile::Origin::Bib(src) => d.at(&src.file, &src.text, src.range.clone()),
            crate::profile::Origin::Profile(j) => {
                match spans.find(&KeyPath::key("publications").i(*j).k("authors")) {
                    Some(r) => d.at(display, text, r),
                    None => d,
                }
            }
            crate::profile::Origin::Unknown => match spans.find(&KeyPath::key("publications").i(i))
            {
                Some(r) => d.at(display, text, r),
                None => d,
            },
        };
        out.push(d);
    }
    out
}

/// Checks the documents that .bib entries' `exclude` fields name, now that they are known.
fn bib_excludes(p: &Profile) -> Vec<Diagnostic> {
    let names = document_names(p);
    let mut out = vec![];
    for e in &p.publications {
        let crate::profile::Origin::Bib(src) = &e.origin else {
            continue;
        };
        for d in e.exclude.iter().filter(|d| !names.contains(d)) {
            let key = src.text.get(src.range.clone()).unwrap_or_default();
            let mut diag = Diagnostic::error(format!(
                "`exclude` of `{key}` names `{d}`, which is not a document"
            ));
            diag = match crate::diag::did_you_mean(d, names.iter().map(String::as_str)) {
                Some(best) => diag.hint(format!("did you mean `{best}`?")),
                None => diag.hint(format!("the documents are {}", names.join(", "))),
            };
            let at = src.exclude_at.clone().unwrap_or(src.range.clone());
            out.push(diag.at(&src.file, &src.text, at));
        }
    }
    out
}

/// The names an `exclude` list may use: the profile's documents and the kinds of document.
fn document_names(p: &Profile) -> Vec<String> {
    let mut names: Vec<String> = vec![];
    let all = p
        .documents()
        .into_iter()
        .map(|(n, _)| n.to_string())
        .chain(crate::document::KINDS.iter().map(|k| k.name.to_string()));
    for n in all {
        if !names.contains(&n) {
            names.push(n);
        }
    }
    names
}
