//! `vita ats`: a document's PDF read back as an applicant tracking system reads it. Its text
//! is extracted from the PDF's bytes (pdf-extract, as a parser would), then compared with
//! what the document meant to say (its view): the name first, each contact whole, each
//! section title in order, each entry's dates; private-use characters, fonts without a
//! ToUnicode map, invisible or tiny text; and, given a job posting, which of its terms the
//! document uses and where. vita reports keyword stuffing; it never offers it.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::view::model::{Body, View};

/// What a parser found in one document.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    /// The document (`resume`).
    pub document: String,
    /// The name, each contact and each section title, in the order the document has them,
    /// and whether the text has each whole.
    pub fields: Vec<Field>,
    /// Whether the section titles come in the document's order.
    pub in_order: bool,
    /// The entries' dates found, of all the dates printed.
    pub dates: (usize, usize),
    /// Characters of Unicode's private-use areas in the text (icons drawn as characters).
    pub private_use: usize,
    /// Fonts whose glyphs map to no text (no ToUnicode map).
    pub fonts_without_unicode: Vec<String>,
    /// Text drawn invisible (render mode 3) or smaller than 4 pt: what keyword stuffing does.
    pub hidden: Vec<String>,
    /// The job posting's terms, if one was given.
    pub job: Option<Coverage>,
}

/// One thing a parser should find.
#[derive(Debug, Clone, Serialize)]
pub struct Field {
    /// `name`, `email`, `phone`, `github`, ..., or `section`.
    pub kind: String,
    /// The text as the document prints it.
    pub text: String,
    /// Whether the extracted text has it whole.
    pub found: bool,
}

/// A job posting's terms against the document.
#[derive(Debug, Clone, Serialize)]
pub struct Coverage {
    /// Each term (most frequent in the posting first) and the section titles it appears
    /// under in the document (empty when it does not appear; `header` for the header).
    pub terms: Vec<(String, Vec<String>)>,
}

impl Report {
    /// Whether a parser reads something other than what a person sees: a field not whole,
    /// titles out of order, junk characters, text no parser can map, hidden text.
    pub fn lost(&self) -> bool {
        self.fields.iter().any(|f| !f.found)
            || !self.in_order
            || self.private_use > 0
            || !self.fonts_without_unicode.is_empty()
            || !self.hidden.is_empty()
    }
}

/// Text without white space, in lower case: extractors break and space lines their own way,
/// and themes set titles in capitals.
fn squeezed(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace())
        .flat_map(char::to_lowercase)
        .collect()
}

/// A PDF's text in drawing order, a line per baseline, as a parser that reads the content
/// stream has it. pdf-extract parses the PDF; its own plain text is not used, because it reads
/// no glyph widths from the `W` arrays Typst writes (`first last width` ranges), so every run's
/// glyphs share one x, and a line starting where the one above started was joined to it
/// ("MathematicsPrivate tutoring"). Here a line ends where the baseline moves by half the
/// type size or more, and a run to the right of the last on its line is set off by a space.
fn read_text(pdf: &[u8]) -> Result<String, String> {
    #[derive(Default)]
    struct Lines {
        text: String,
        run_start: bool,
        last: Option<(f64, f64)>,
    }
    impl pdf_extract::OutputDev for Lines {
        fn begin_page(
            &mut self,
            _: u32,
            _: &pdf_extract::MediaBox,
            _: Option<(f64, f64, f64, f64)>,
        ) -> Result<(), pdf_extract::OutputError> {
            if !self.text.is_empty() {
                self.text.push_str("\n\n");
            }
            self.last = None;
            Ok(())
        }
        fn end_page(&mut self) -> Result<(), pdf_extract::OutputError> {
            Ok(())
        }
        fn output_character(
            &mut self,
            trm: &pdf_extract::Transform,
            _width: f64,
            _spacing: f64,
            size: f64,
            ch: &str,
        ) -> Result<(), pdf_extract::OutputError> {
            let (x, y) = (trm.m31, trm.m32);
            let size = size * trm.m22.abs().max(trm.m11.abs()).max(1e-3);
            if self.run_start
                && let Some((lx, ly)) = self.last
            {
                if (y - ly).abs() >= size * 0.5 {
                    self.text.push('\n');
                } else if x > lx + size * 0.1 && !self.text.ends_with([' ', '\n']) {
                    self.text.push(' ');
                }
            }
            if self.run_start || self.last.is_none() {
                self.last = Some((x, y));
            }
            self.run_start = false;
            self.text.push_str(ch);
            Ok(())
        }
        fn begin_word(&mut self) -> Result<(), pdf_extract::OutputError> {
            self.run_start = true;
            Ok(())
        }
        fn end_word(&mut self) -> Result<(), pdf_extract::OutputError> {
            Ok(())
        }
        fn end_line(&mut self) -> Result<(), pdf_extract::OutputError> {
            Ok(())
        }
    }
    let doc = lopdf::Document::load_mem(pdf).map_err(|e| e.to_string())?;
    let mut lines = Lines::default();
    pdf_extract::output_doc(&doc, &mut lines).map_err(|e| e.to_string())?;
    Ok(lines.text)
}

/// Reads a document's PDF as a parser would and compares it with its view.
pub fn check(pdf: &[u8], view: &View, job: Option<&str>) -> Result<Report, String> {
    let text = read_text(pdf)?;
    let flat = squeezed(&text);
    let mut fields = vec![];
    let first = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    fields.push(Field {
        kind: "name".into(),
        text: view.person.name.clone(),
        found: squeezed(first).contains(&squeezed(&view.person.name)),
    });
    for c in &view.person.contacts {
        fields.push(Field {
            kind: c.kind.into(),
            text: c.text.clone(),
            found: flat.contains(&squeezed(&c.text)),
        });
    }
    let mut at = 0;
    let mut in_order = true;
    for s in &view.sections {
        let title = squeezed(&s.title);
        let found = flat.contains(&title);
        match flat[at..].find(&title) {
            Some(i) => at += i + title.len(),
            None => in_order &= !found,
        }
        fields.push(Field {
            kind: "section".into(),
            text: s.title.clone(),
            found,
        });
    }
    let dates = entry_dates(view);
    let found_dates = dates.iter().filter(|d| flat.contains(&squeezed(d))).count();
    let (fonts_without_unicode, hidden) = inspect(pdf)?;
    Ok(Report {
        document: view.name.clone(),
        fields,
        in_order,
        dates: (found_dates, dates.len()),
        private_use: text
            .chars()
            .filter(|c| matches!(u32::from(*c), 0xE000..=0xF8FF | 0xF0000..=0x10FFFF))
            .count(),
        fonts_without_unicode,
        hidden,
        job: job.map(|posting| coverage(posting, &text, view)),
    })
}

/// The dates the entries print.
fn entry_dates(view: &View) -> Vec<String> {
    let mut out = vec![];
    for s in &view.sections {
        match &s.body {
            Body::Entries { entries, .. } => out.extend(entries.iter().map(|e| e.date.clone())),
            Body::Items { entries, .. } => {
                out.extend(entries.iter().filter_map(|e| e.date.clone()))
            }
            _ => {}
        }
    }
    out.retain(|d| !d.trim().is_empty());
    out
}

/// Fonts without a ToUnicode map, and text drawn invisible or tiny, from the PDF's objects
/// and content streams.
fn inspect(pdf: &[u8]) -> Result<(Vec<String>, Vec<String>), String> {
    use lopdf::{Document, Object};
    let doc = Document::load_mem(pdf).map_err(|e| e.to_string())?;
    let mut fonts = vec![];
    for obj in doc.objects.values() {
        let Ok(dict) = obj.as_dict() else { continue };
        let is = |k: &[u8], v: &[u8]| dict.get(k).and_then(Object::as_name).is_ok_and(|n| n == v);
        // A composite or simple font (a CID font's own dictionary has no map of its own).
        let simple = ["Type0", "TrueType", "Type1"]
            .iter()
            .any(|s| is(b"Subtype", s.as_bytes()));
        if is(b"Type", b"Font") && simple && dict.get(b"ToUnicode").is_err() {
            let name = dict
                .get(b"BaseFont")
                .and_then(Object::as_name)
                .map(|n| String::from_utf8_lossy(n).into_owned())
                .unwrap_or_default();
            fonts.push(name);
        }
    }
    let mut hidden = vec![];
    for (number, page) in doc.get_pages() {
        let Ok(content) = doc.get_and_decode_page_content(page) else {
            continue;
        };
        let (mut size, mut scale, mut mode) = (0.0_f32, 1.0_f32, 0_i64);
        for op in &content.operations {
            let num = |i: usize| op.operands.get(i).and_then(|o| o.as_float().ok());
            match op.operator.as_str() {
                "Tf" => size = num(1).unwrap_or(size),
                "Tm" => scale = num(3).map_or(scale, f32::abs),
                "Tr" => {
                    mode = op
                        .operands
                        .first()
                        .and_then(|o| o.as_i64().ok())
                        .unwrap_or(0)
                }
                "BT" => scale = 1.0,
                "Tj" | "TJ" => {
                    let effective = size * scale;
                    let why = if mode == 3 {
                        Some("invisible".to_string())
                    } else if effective > 0.0 && effective < 4.0 {
                        Some(format!("{effective:.1} pt"))
                    } else {
                        None
                    };
                    if let Some(why) = why {
                        hidden.push(format!("page {number}: text drawn {why}"));
                    }
                }
                _ => {}
            }
        }
    }
    hidden.dedup();
    Ok((fonts, hidden))
}

/// Words a posting uses that say nothing of a job.
const STOP: &[&str] = &[
    "the",
    "and",
    "for",
    "with",
    "you",
    "your",
    "our",
    "are",
    "will",
    "who",
    "that",
    "this",
    "have",
    "has",
    "from",
    "into",
    "about",
    "their",
    "they",
    "them",
    "what",
    "when",
    "where",
    "which",
    "while",
    "able",
    "work",
    "working",
    "team",
    "role",
    "job",
    "years",
    "year",
    "experience",
    "strong",
    "skills",
    "including",
    "such",
    "other",
    "more",
    "all",
    "can",
    "not",
    "but",
    "its",
    "also",
    "any",
    "both",
    "each",
    "per",
    "via",
    "well",
    "new",
    "use",
    "using",
    "used",
    "plus",
    "must",
    "should",
    "would",
    "like",
    "within",
    "across",
    "help",
    "join",
    "looking",
    "we",
    "us",
    "or",
    "of",
    "to",
    "in",
    "on",
    "at",
    "by",
    "an",
    "as",
    "is",
    "be",
    "it",
    "a",
    "ability",
    "knowledge",
    "requirements",
    "responsibilities",
    "preferred",
    "required",
    "qualifications",
    "candidate",
    "company",
    "opportunity",
    "based",
];

/// A posting's terms (words of three letters or more, or with `+`/`#`, not in [`STOP`]), most
/// frequent first, and where each appears in the document: under which section titles.
fn coverage(posting: &str, text: &str, view: &View) -> Coverage {
    let words = |s: &str| -> Vec<String> {
        s.split(|c: char| !(c.is_alphanumeric() || c == '+' || c == '#'))
            .map(str::to_lowercase)
            .filter(|w| {
                (w.chars().count() >= 3 || w.contains(['+', '#']))
                    && !STOP.contains(&w.as_str())
                    && !w.chars().all(|c| c.is_ascii_digit())
            })
            .collect()
    };
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    for w in words(posting) {
        *counts.entry(w).or_default() += 1;
    }
    let mut terms: Vec<(String, usize)> = counts.into_iter().collect();
    terms.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    // The document's text cut at its section titles: the header, then each section.
    let lower = text.to_lowercase();
    let mut cuts: Vec<(usize, String)> = vec![(0, "header".into())];
    let mut from = 0;
    for s in &view.sections {
        if let Some(i) = lower[from..].find(&s.title.to_lowercase()) {
            from += i;
            cuts.push((from, s.title.clone()));
        }
    }
    let part_of = |at: usize| {
        cuts.iter()
            .rev()
            .find(|(start, _)| *start <= at)
            .map_or("header".to_string(), |(_, t)| t.clone())
    };
    let terms = terms
        .into_iter()
        .map(|(term, _)| {
            let mut under: Vec<String> = lower
                .match_indices(term.as_str())
                .filter(|(i, _)| {
                    // A whole word: no letter on either side.
                    let before = lower[..*i].chars().next_back();
                    let after = lower[i + term.len()..].chars().next();
                    !before.is_some_and(char::is_alphanumeric)
                        && !after.is_some_and(char::is_alphanumeric)
                })
                .map(|(i, _)| part_of(i))
                .collect();
            under.dedup();
            (term, under)
        })
        .collect();
    Coverage { terms }
}

/// The report as a person reads it: a line per field, then what is wrong.
pub fn render(r: &Report) -> String {
    use std::fmt::Write;
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{}: read as a parser reads it (pdf-extract)",
        r.document
    );
    for f in &r.fields {
        let mark = if f.found { "found" } else { "LOST " };
        let _ = writeln!(out, "  {mark}  {:<9} {}", f.kind, f.text);
    }
    let _ = writeln!(
        out,
        "  {}  section titles in the document's order",
        if r.in_order { "found" } else { "LOST " }
    );
    let _ = writeln!(
        out,
        "  dates  {} of {} entry dates whole",
        r.dates.0, r.dates.1
    );
    if r.private_use > 0 {
        let _ = writeln!(
            out,
            "  LOST   {} private-use characters (icons drawn as text)",
            r.private_use
        );
    }
    for f in &r.fonts_without_unicode {
        let _ = writeln!(
            out,
            "  LOST   font {f} has no ToUnicode map: its text reads as junk"
        );
    }
    for h in &r.hidden {
        let _ = writeln!(
            out,
            "  HIDDEN {h}: a parser reads it, a person does not (keyword stuffing is refused by many systems)"
        );
    }
    if let Some(job) = &r.job {
        let found = job.terms.iter().filter(|(_, u)| !u.is_empty()).count();
        let _ = writeln!(
            out,
            "job posting: {found} of {} terms appear in the {}",
            job.terms.len(),
            r.document
        );
        for (term, under) in &job.terms {
            if under.is_empty() {
                let _ = writeln!(out, "  missing  {term}");
            } else {
                let _ = writeln!(out, "  found    {term}  ({})", under.join(", "));
            }
        }
    }
    out
}
