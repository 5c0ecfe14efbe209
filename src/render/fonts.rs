//! The fonts vita carries inside its binary, and the system's when the user asks for them.

use std::sync::{Arc, LazyLock};

use typst::foundations::Bytes;
use typst::text::{Font, FontInfo};
use typst_kit::fonts::{FontSource, FontStore};

/// The embedded font files: Noto Sans for Latin, Greek and Cyrillic text, Noto Sans CJK SC
/// for Chinese, Japanese and Korean (its `locl` forms follow the document's language; see
/// `fonts/make-fonts.py` for the characters kept), Libertinus Serif and Noto Serif CJK SC
/// (regular) for the serif themes,
/// Noto Naskh Arabic, Noto Sans Hebrew, Thai, Devanagari and Bengali for those scripts, Latin
/// Modern Roman and Arimo for funders' typeface rules, and two small icon fonts
/// (`fonts/make-icons.py`).
const EMBEDDED: &[(&str, &[u8])] = &[
    (
        "NotoSans-Regular.ttf",
        include_bytes!("../../fonts/NotoSans-Regular.ttf"),
    ),
    (
        "NotoSans-Bold.ttf",
        include_bytes!("../../fonts/NotoSans-Bold.ttf"),
    ),
    (
        "NotoSans-Italic.ttf",
        include_bytes!("../../fonts/NotoSans-Italic.ttf"),
    ),
    (
        "NotoSans-BoldItalic.ttf",
        include_bytes!("../../fonts/NotoSans-BoldItalic.ttf"),
    ),
    (
        "NotoSansCJKsc-Regular.otf",
        include_bytes!("../../fonts/NotoSansCJKsc-Regular.otf"),
    ),
    (
        "NotoSansCJKsc-Bold.otf",
        include_bytes!("../../fonts/NotoSansCJKsc-Bold.otf"),
    ),
    // The serif themes' Chinese, Japanese and Korean: the same characters as the sans. Its
    // bold is the sans bold (`SERIF_CJK_BOLD`), as Chinese and Japanese type sets bold text
    // in a gothic (黑体) beside a Song/Mincho body.
    (
        "NotoSerifCJKsc-Regular.otf",
        include_bytes!("../../fonts/NotoSerifCJKsc-Regular.otf"),
    ),
    (
        "LibertinusSerif-Regular.otf",
        include_bytes!("../../fonts/LibertinusSerif-Regular.otf"),
    ),
    (
        "LibertinusSerif-Bold.otf",
        include_bytes!("../../fonts/LibertinusSerif-Bold.otf"),
    ),
    (
        "LibertinusSerif-Italic.otf",
        include_bytes!("../../fonts/LibertinusSerif-Italic.otf"),
    ),
    (
        "LibertinusSerif-BoldItalic.otf",
        include_bytes!("../../fonts/LibertinusSerif-BoldItalic.otf"),
    ),
    // Arabic (and Persian), Hebrew, Thai, Devanagari and Bengali, whole (their shaping
    // needs every form): drawn where the theme's faces lack a character.
    (
        "NotoNaskhArabic-Regular.ttf",
        include_bytes!("../../fonts/NotoNaskhArabic-Regular.ttf"),
    ),
    (
        "NotoNaskhArabic-Bold.ttf",
        include_bytes!("../../fonts/NotoNaskhArabic-Bold.ttf"),
    ),
    (
        "NotoSansHebrew-Regular.ttf",
        include_bytes!("../../fonts/NotoSansHebrew-Regular.ttf"),
    ),
    (
        "NotoSansHebrew-Bold.ttf",
        include_bytes!("../../fonts/NotoSansHebrew-Bold.ttf"),
    ),
    (
        "NotoSansThai-Regular.ttf",
        include_bytes!("../../fonts/NotoSansThai-Regular.ttf"),
    ),
    (
        "NotoSansThai-Bold.ttf",
        include_bytes!("../../fonts/NotoSansThai-Bold.ttf"),
    ),
    (
        "NotoSansDevanagari-Regular.ttf",
        include_bytes!("../../fonts/NotoSansDevanagari-Regular.ttf"),
    ),
    (
        "NotoSansDevanagari-Bold.ttf",
        include_bytes!("../../fonts/NotoSansDevanagari-Bold.ttf"),
    ),
    (
        "NotoSansBengali-Regular.ttf",
        include_bytes!("../../fonts/NotoSansBengali-Regular.ttf"),
    ),
    (
        "NotoSansBengali-Bold.ttf",
        include_bytes!("../../fonts/NotoSansBengali-Bold.ttf"),
    ),
    // For funders' typeface rules: Latin Modern Roman, of the Computer Modern family NSF
    // names (GUST Font License), and Arimo, metrically compatible with Arial (OFL).
    (
        "LatinModernRoman-Regular.otf",
        include_bytes!("../../fonts/LatinModernRoman-Regular.otf"),
    ),
    (
        "LatinModernRoman-Bold.otf",
        include_bytes!("../../fonts/LatinModernRoman-Bold.otf"),
    ),
    (
        "LatinModernRoman-Italic.otf",
        include_bytes!("../../fonts/LatinModernRoman-Italic.otf"),
    ),
    (
        "LatinModernRoman-BoldItalic.otf",
        include_bytes!("../../fonts/LatinModernRoman-BoldItalic.otf"),
    ),
    (
        "Arimo-Regular.ttf",
        include_bytes!("../../fonts/Arimo-Regular.ttf"),
    ),
    (
        "Arimo-Bold.ttf",
        include_bytes!("../../fonts/Arimo-Bold.ttf"),
    ),
    (
        "Arimo-Italic.ttf",
        include_bytes!("../../fonts/Arimo-Italic.ttf"),
    ),
    (
        "Arimo-BoldItalic.ttf",
        include_bytes!("../../fonts/Arimo-BoldItalic.ttf"),
    ),
    // Contact and link icons (Font Awesome Free, OFL): the few glyphs vita draws.
    (
        "FontAwesome-Solid.ttf",
        include_bytes!("../../fonts/FontAwesome-Solid.ttf"),
    ),
    (
        "FontAwesome-Brands.ttf",
        include_bytes!("../../fonts/FontAwesome-Brands.ttf"),
    ),
];

/// The families of the embedded faces.
pub fn embedded_families() -> Vec<String> {
    let mut out: Vec<String> = vec![];
    for (_, data) in EMBEDDED {
        if let Some(info) = FontInfo::new(data, 0)
            && !out.contains(&info.family)
        {
            out.push(info.family);
        }
    }
    out
}

/// An embedded face, parsed only when a document first uses it.
struct Embedded(&'static [u8]);

impl FontSource for Embedded {
    fn load(&self) -> Option<Font> {
        Font::new(Bytes::new(self.0), 0)
    }
}

/// The family whose bold weight is the sans CJK bold: a serif theme's bold Chinese is set in
/// the gothic, the convention of Chinese and Japanese typesetting (a Song or Mincho body, bold
/// and headings in a Hei or Gothic), which saves a second 7 MB face. The PDF names the face it
/// draws with (`NotoSansCJKsc-Bold`).
const SERIF_CJK_BOLD: (&str, &str) = ("Noto Serif CJK SC", "NotoSansCJKsc-Bold.otf");

fn embedded_store() -> FontStore {
    let mut store = FontStore::new();
    for (name, data) in EMBEDDED {
        if let Some(info) = FontInfo::new(data, 0) {
            if *name == SERIF_CJK_BOLD.1 {
                let mut alias = info.clone();
                alias.family = SERIF_CJK_BOLD.0.to_string();
                store.push((Embedded(data), alias));
            }
            store.push((Embedded(data), info));
        }
    }
    store
}

static EMBEDDED_ONLY: LazyLock<Arc<FontStore>> = LazyLock::new(|| Arc::new(embedded_store()));

static WITH_SYSTEM: LazyLock<Arc<FontStore>> = LazyLock::new(|| {
    let mut store = embedded_store();
    store.extend(typst_kit::fonts::system());
    Arc::new(store)
});

/// The fonts a document may use: the embedded ones, then (if asked) the system's.
pub fn store(system: bool) -> Arc<FontStore> {
    if system {
        WITH_SYSTEM.clone()
    } else {
        EMBEDDED_ONLY.clone()
    }
}
