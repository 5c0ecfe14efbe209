//! How a document looks and what it must fit: paper, margins, type size and face, page limits,
//! and named presets that encode funders' published formatting rules.

pub mod presets;
pub mod theme;

use crate::diag::{Diagnostic, did_you_mean};
use crate::document::Document;
use crate::profile::{Design, Paper};

pub use presets::Preset;

/// Faces that count as sans-serif for a preset that asks for one.
const SANS_FACES: &[&str] = &[
    "Noto Sans",
    "Arial",
    "Helvetica",
    "Calibri",
    "Liberation Sans",
    "DejaVu Sans",
    "Source Sans 3",
    "Inter",
    "Open Sans",
    "Roboto",
    "Lato",
    "Verdana",
];

/// The face vita embeds and uses unless told otherwise.
pub const DEFAULT_FONT: &str = "Noto Sans";

/// Settings that come from the command line and win over the profile.
#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize)]
pub struct Overrides {
    /// `--paper`.
    pub paper: Option<Paper>,
    /// `--max-pages`.
    pub max_pages: Option<usize>,
    /// `--fit`.
    pub fit: bool,
    /// `--theme`: a built-in theme's name or a theme folder (relative to the working folder).
    pub theme: Option<String>,
}

/// The look of one document, with every default and override applied.
#[derive(Debug, Clone, PartialEq)]
pub struct Style {
    /// The paper.
    pub paper: Paper,
    /// Body type size in points.
    pub size: f64,
    /// Margin on every side in points, or the layout's own.
    pub margin: Option<f64>,
    /// The text face.
    pub font: String,
    /// Whether a running footer is printed.
    pub footer: bool,
    /// A factor on the vertical space between entries and works (1 = the theme's).
    pub spacing: f64,
    /// A factor on the space above section titles (1 = the theme's); `fit` lowers it first.
    pub section_spacing: f64,
    /// A factor on the theme's margins (1 = the theme's); `fit` lowers it after the section
    /// gaps, and never when a margin was set or a preset rules it.
    pub margin_scale: f64,
    /// Whether the margins are fixed (set by the document, or ruled by a preset), so `fit`
    /// leaves them alone.
    pub fixed_margins: bool,
    /// The most pages the document may have.
    pub max_pages: Option<usize>,
    /// Whether to tighten spacing and type to stay within `max_pages`.
    pub fit: bool,
    /// The smallest type size `fit` may go down to, in points.
    pub min_size: f64,
    /// The theme's look for this kind of document: colours, faces, spacing.
    pub theme: theme::ResolvedTheme,
    /// How the theme arranges the parts: header, section titles, dates, links, footer.
    pub look: crate::profile::design::Look,
}

/// Finds a preset by name (a former name finds it too), or says which names exist.
pub fn preset(name: &str) -> Result<&'static Preset, Diagnostic> {
    presets::find(name).map(|(p, _)| p).ok_or_else(|| {
        let names: Vec<&str> = presets::all().iter().map(|p| p.name.as_str()).collect();
        let d = Diagnostic::error(format!("`{name}` is not a preset vita knows"));
        match did_you_mean(name, names.iter().copied()) {
            Some(best) => d.hint(format!("did you mean `{best}`?")),
            None => d.hint(format!("the presets are: {}", names.join(", "))),
        }
    })
}

/// The preset a document follows: its own `preset`, else its kind's.
pub fn preset_of(doc: &Document) -> Option<&'static Preset> {
    doc.settings
        .preset
        .as_deref()
        .or(doc.kind.preset)
        .and_then(|n| presets::find(n).map(|(p, _)| p))
}

/// The place of a document's table in messages: `[cv]`, `[documents.short-cv]`.
fn place(doc: &Document) -> String {
    if doc.name == doc.kind.name {
        format!("[{}]", doc.name)
    } else {
        format!("[documents.{}]", doc.name)
    }
}

/// Works out one document's style from its settings and the profile's `[design]`; a setting
/// that breaks its preset's rules is an error that cites the rule.
///
/// The look is layered, each layer changing what it names: the theme (classic's top level,
/// the theme's, its table for the document's kind), the profile's `[design]`, the document's
/// `design` table, then the document's own `font`, `font_size` and `margin`.
pub fn resolve(
    doc: &Document,
    design: &Design,
    o: &Overrides,
    folders: &theme::Folders,
) -> Result<Style, Vec<Diagnostic>> {
    let v = &doc.settings;
    let place = place(doc);
    let preset = match v.preset.as_deref().or(doc.kind.preset) {
        Some(name) => Some(preset(name).map_err(|d| vec![d])?),
        None => None,
    };
    let mut user = v.design.over(design);
    if let Some(name) = &o.theme {
        user.theme = Some(name.clone());
    }
    let theme_name = user.theme.as_deref().unwrap_or(theme::DEFAULT);
    let theme = theme::Theme::builtin(theme_name)
        .or_else(|| folders.get(theme_name).map(|f| f.theme.clone()))
        .ok_or_else(|| vec![unknown_theme(theme_name)])?;
    let (resolved, look) = user
        .over(&theme.design_for(doc.kind.name))
        .resolve()
        .expect("classic completes every theme (tested)");
    let theme_size = resolved.size.points(10.0);
    let size = v
        .font_size
        .or_else(|| user.size.as_ref().map(|s| s.points(theme_size)))
        .unwrap_or(
            preset
                .and_then(|p| p.min_size)
                .map_or(theme_size, |m| m.max(theme_size)),
        );
    let own_margin = user.margin.is_some();
    let margin = v
        .margin
        .as_ref()
        .map(|m| m.pt)
        .or(preset.filter(|_| !own_margin).and_then(|p| p.min_margin()));
    // A rule that names typefaces: its default face where the profile names none.
    let rule_face = preset
        .and_then(|p| p.typeface.as_ref())
        .filter(|_| v.font.is_none() && user.font.is_none());
    let size = match rule_face {
        Some(t) if v.font_size.is_none() && user.size.is_none() => size.max(t.default_size),
        _ => size,
    };
    let font = match rule_face {
        Some(t) => t.default.clone(),
        None => v.font.clone().unwrap_or_else(|| resolved.font[0].clone()),
    };
    let style = Style {
        paper: o
            .paper
            .or(v.paper)
            .unwrap_or(preset.and_then(|p| p.paper).unwrap_or(doc.kind.paper)),
        size,
        margin,
        font,
        footer: !preset.is_some_and(|p| p.no_headers_footers),
        spacing: 1.0,
        section_spacing: 1.0,
        margin_scale: 1.0,
        fixed_margins: margin.is_some() || preset.is_some(),
        max_pages: o
            .max_pages
            .or(v.max_pages)
            .or(preset.and_then(|p| p.max_pages)),
        fit: o.fit || v.fit.unwrap_or(false),
        min_size: v.min_font_size.unwrap_or(
            preset
                .and_then(|p| p.min_size)
                .unwrap_or((size - 1.5).max(6.0))
                // `fit` keeps the face's own smallest size (11 pt for Computer Modern at NSF).
                .max(rule_face.map_or(0.0, |t| t.default_size)),
        ),
        theme: resolved,
        look,
    };
    let Some(preset) = preset else {
        return Ok(style);
    };
    let mut errors = vec![];
    let mut broken = |what: String| {
        errors.push(
            Diagnostic::error(format!(
                "{what}, which the `{}` preset does not allow",
                preset.name
            ))
            .hint(format!("the rule: {} ({})", preset.summary, preset.title)),
        );
    };
    if preset.paper.is_some_and(|p| p != style.paper) {
        broken(format!(
            "`{place}` is set on `{}` paper",
            style.paper.name()
        ));
    }
    if let Some(min) = preset.min_size {
        if style.size < min {
            broken(format!(
                "`{place}.font_size` is {} pt, under {min} pt",
                style.size
            ));
        }
        if style.min_size < min {
            broken(format!(
                "`{place}.min_font_size` lets `fit` go down to {} pt, under {min} pt",
                style.min_size
            ));
        }
    }
    if let Some(min_margin) = preset.margin.as_ref() {
        if let Some(m) = style.margin
            && m + 0.01 < min_margin.pt
        {
            broken(format!(
                "`{place}.margin` is {}, under {}",
                v.margin.as_ref().map_or("", |m| m.text.as_str()),
                min_margin.text
            ));
        } else if style.margin.is_none() {
            let m = &style.theme.margin;
            let narrowest = [&m.x, &m.top, &m.bottom]
                .into_iter()
                .min_by(|a, b| a.points(style.size).total_cmp(&b.points(style.size)))
                .expect("three sides");
            if narrowest.points(style.size) + 0.01 < min_margin.pt {
                broken(format!(
                    "`design.margin` has a side of {narrowest}, under {}",
                    min_margin.text
                ));
            }
        }
    }
    if preset.sans_only && !SANS_FACES.contains(&style.font.as_str()) {
        if v.font.is_some() {
            broken(format!(
                "`{place}.font` is `{}`, not a sans-serif face vita knows",
                style.font
            ));
        } else {
            broken(format!(
                "the theme `{theme_name}` sets `{}`, not a sans-serif face vita knows",
                style.font
            ));
        }
    }
    if errors.is_empty() {
        Ok(style)
    } else {
        Err(errors)
    }
}

/// Checks the themes a profile names (`design.theme`, and in each document's `design`),
/// each error at its key.
pub fn check(p: &crate::profile::Profile, c: &mut crate::profile::Checker) {
    for (at, design) in p.design_tables() {
        if let Some(name) = &design.theme
            && theme::Theme::builtin(name).is_none()
            && !theme::is_folder_name(name)
        {
            c.push(&at.k("theme"), unknown_theme(name));
        }
    }
}

/// The error for a theme name that is no built-in theme.
pub fn unknown_theme(name: &str) -> Diagnostic {
    let names = theme::builtin_names();
    let d = Diagnostic::error(format!("`{name}` is not a theme vita knows"));
    match did_you_mean(name, names.iter().copied()) {
        Some(best) => d.hint(format!("did you mean `{best}`?")),
        None => d.hint(format!(
            "the themes are: {} (`vita themes` shows them); a theme folder is named by a path such as \"./my-theme\"",
            names.join(", ")
        )),
    }
}
