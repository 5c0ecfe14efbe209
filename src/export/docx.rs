//! DOCX: the document as a plain Word file that applicant-tracking systems parse: the name as
//! the title, real headings for sections and groups, bulleted lists, dates at a right-aligned
//! tab stop, and the document's own faces named. Built with `docx-rs`, from the view model.
//!
//! Links are `HYPERLINK` fields rather than `w:hyperlink` elements: docx-rs numbers hyperlink
//! relationships from a process-wide counter and collects them in a hash map, so with those
//! the bytes would differ from build to build. A field needs no relationship and Word and
//! LibreOffice open it as the same clickable link.

use std::io::Cursor;

use docx_rs::{
    AbstractNumbering, AlignmentType, Docx, FieldCharType, IndentLevel, InstrText, Level, LevelJc,
    LevelText, LineSpacing, NumberFormat, Numbering, NumberingId, PageMargin, Paragraph, Run,
    RunFonts, SpecialIndentType, Start, Style, StyleType, Tab, TabValueType,
};

use crate::diag::Diagnostic;
use crate::view::model::{Body, Entry, Item, Link, View, Words, Work};

/// The numbering of bulleted lists. Not 1: docx-rs always writes a numbered (`1.`) list of
/// its own under that id, and Word and LibreOffice take the first of two with one id.
const BULLETS: usize = 2;

/// The face used for Chinese text when the document's face has none (as in the layouts).
const CJK_FONT: &str = "Noto Sans CJK SC";

/// The document as a DOCX file.
pub fn export(v: &View) -> Result<Vec<u8>, Vec<Diagnostic>> {
    let (width, height) = match v.style.paper {
        "us-letter" => (12240, 15840),
        _ => (11906, 16838),
    };
    // The layouts' margins are near 2 cm; a margin set in the profile wins.
    let margin = v.style.margin.map_or(1134, |pt| (pt * 20.0).round() as i32);
    let text_width = (width - 2 * margin).max(1440) as usize;
    let font = clean(&v.style.font);
    let fonts = RunFonts::new()
        .ascii(&font)
        .hi_ansi(&font)
        .cs(&font)
        .east_asia(CJK_FONT);
    let size = (v.style.size * 2.0).round().max(8.0) as usize;

    let mut doc = Docx::new()
        .page_size(width as u32, height as u32)
        .page_margin(PageMargin {
            top: margin,
            left: margin,
            bottom: margin,
            right: margin,
            header: 708,
            footer: 708,
            gutter: 0,
        })
        .default_fonts(fonts.clone())
        .default_size(size)
        .default_line_spacing(LineSpacing::new().after(60))
        .add_style(
            Style::new("Title", StyleType::Paragraph)
                .name("Title")
                .size(size * 2)
                .bold()
                .fonts(fonts.clone()),
        )
        .add_style(
            Style::new("Heading1", StyleType::Paragraph)
                .name("Heading 1")
                .size(size + size / 4)
                .bold()
                .color("1D4E89")
                .outline_lvl(0)
                .fonts(fonts.clone()),
        )
        .add_style(
            Style::new("Heading2", StyleType::Paragraph)
                .name("Heading 2")
                .size(size + 2)
                .bold()
                .outline_lvl(1)
                .fonts(fonts.clone()),
        )
        .add_style(
            Style::new("Hyperlink", StyleType::Character)
                .name("Hyperlink")
                .color("1D4E89")
                .underline("single"),
        )
        .add_abstract_numbering(
            AbstractNumbering::new(BULLETS).add_level(
                Level::new(
                    0,
                    Start::new(1),
                    NumberFormat::new("bullet"),
                    LevelText::new("•"),
                    LevelJc::new("left"),
                )
                .indent(
                    Some(360),
                    Some(SpecialIndentType::Hanging(240)),
                    None,
                    None,
                ),
            ),
        )
        .add_numbering(Numbering::new(BULLETS, BULLETS));

    let date_tab = Tab::new().val(TabValueType::Right).pos(text_width);
    let mut paras = vec![];
    let p = &v.person;
    let mut name = Paragraph::new().style("Title").add_run(text(&p.name));
    if let Some(native) = &p.native_name {
        name = name.add_run(
            text(&format!(" {native}")).fonts(
                RunFonts::new()
                    .east_asia(CJK_FONT)
                    .ascii(CJK_FONT)
                    .hi_ansi(CJK_FONT),
            ),
        );
    }
    paras.push(name);
    if let Some(h) = &p.headline {
        paras.push(Paragraph::new().add_run(text(h)));
    }
    if !p.contacts.is_empty() {
        let mut line = Paragraph::new();
        for (i, c) in p.contacts.iter().enumerate() {
            if i > 0 {
                line = line.add_run(text(" | "));
            }
            line = match &c.url {
                Some(url) => link(line, &c.text, url),
                None => line.add_run(text(&c.text)),
            };
        }
        paras.push(line);
    }

    for s in &v.sections {
        paras.push(
            Paragraph::new()
                .style("Heading1")
                .keep_next(true)
                .line_spacing(LineSpacing::new().before(240).after(80))
                .add_run(text(&s.title)),
        );
        match &s.body {
            Body::Text { text: t } => {
                for para in t.split("\n\n").filter(|p| !p.trim().is_empty()) {
                    paras.push(Paragraph::new().add_run(text(para.trim())));
                }
            }
            Body::Tags { items } => {
                paras.push(Paragraph::new().add_run(text(&items.join(" · "))));
            }
            Body::Entries { entries, .. } => {
                for e in entries {
                    entry(&mut paras, e, &v.words, &date_tab);
                }
            }
            Body::Items {
                date_first,
                entries,
            } => {
                for e in entries {
                    paras.push(item(e, *date_first, &v.words, &date_tab));
                }
            }
            Body::Works { groups, legend, .. } => {
                if !legend.is_empty() {
                    let marks: Vec<String> = legend
                        .iter()
                        .map(|l| format!("{} {}", l.mark, l.text))
                        .collect();
                    paras.push(Paragraph::new().add_run(text(&marks.join("; ")).italic()));
                }
                for g in groups {
                    if let Some(title) = &g.title {
                        paras.push(
                            Paragraph::new()
                                .style("Heading2")
                                .keep_next(true)
                                .add_run(text(title)),
                        );
                    }
                    for w in &g.entries {
                        paras.push(work(w, &v.words));
                    }
                }
            }
        }
    }
    if let Some(updated) = v.words.updated_sentence() {
        paras.push(
            Paragraph::new()
                .align(AlignmentType::Right)
                .line_spacing(LineSpacing::new().before(240))
                .add_run(text(&updated).size(size - 2)),
        );
    }
    for p in paras {
        doc = doc.add_paragraph(p);
    }
    let mut buf = Cursor::new(vec![]);
    let mut parts = doc.build();
    parts.doc_props.core = core_properties(v);
    parts.pack(&mut buf).map_err(|e| {
        vec![Diagnostic::error(format!(
            "cannot write the DOCX file: {e}"
        ))]
    })?;
    Ok(buf.into_inner())
}

/// A titled entry: title and date on one line (the date at the right tab), then subtitle and
/// place, labelled lines and bullets.
fn entry(paras: &mut Vec<Paragraph>, e: &Entry, words: &Words, tab: &Tab) {
    let (colon, comma) = (words.colon.as_str(), words.comma.as_str());
    let mut head = Paragraph::new()
        .add_tab(tab.clone())
        .keep_next(true)
        .line_spacing(LineSpacing::new().before(120).after(20))
        .add_run(text(&e.title).bold());
    head = links(head, &e.links);
    if !e.date.is_empty() {
        head = head.add_run(Run::new().add_tab().add_text(clean(&e.date)));
    }
    paras.push(head);
    if e.subtitle.is_some() || e.location.is_some() {
        let mut sub = Paragraph::new()
            .add_tab(tab.clone())
            .line_spacing(LineSpacing::new().after(20));
        if let Some(s) = &e.subtitle {
            sub = sub.add_run(text(s).italic());
        }
        if let Some(l) = &e.location {
            sub = sub.add_run(Run::new().add_tab().add_text(clean(l)));
        }
        paras.push(sub);
    }
    for l in &e.lines {
        let mut p = Paragraph::new().line_spacing(LineSpacing::new().after(20));
        if let Some(label) = &l.label {
            p = p.add_run(text(&format!("{label}{colon}")).italic());
        }
        paras.push(p.add_run(text(&l.text)));
    }
    for r in &e.roles {
        let mut head = Paragraph::new()
            .add_tab(tab.clone())
            .keep_next(true)
            .line_spacing(LineSpacing::new().before(60).after(20))
            .add_run(text(&r.title).italic());
        if let Some(l) = &r.location {
            head = head.add_run(text(&format!("{comma}{l}")));
        }
        if !r.date.is_empty() {
            head = head.add_run(Run::new().add_tab().add_text(clean(&r.date)));
        }
        paras.push(head);
        for b in &r.bullets {
            paras.push(bullet().add_run(text(b)));
        }
    }
    for b in &e.bullets {
        paras.push(bullet().add_run(text(b)));
    }
}

/// A one-line item, its date at the right tab (or first, for news).
fn item(e: &Item, date_first: bool, words: &Words, tab: &Tab) -> Paragraph {
    let colon = &words.colon;
    let mut p = bullet().add_tab(tab.clone());
    if date_first && let Some(d) = &e.date {
        p = p.add_run(text(&format!("{d}{colon}")).bold());
    }
    if let Some(label) = &e.label {
        p = p.add_run(text(&format!("{label}{colon}")).bold());
    }
    p = p.add_run(text(&e.text));
    if let Some(note) = &e.note {
        p = p.add_run(text(&format!("{}{note}{}", words.open, words.close)));
    }
    if !date_first && let Some(d) = &e.date {
        p = p.add_run(Run::new().add_tab().add_text(clean(d)));
    }
    p
}

/// An authored work as the layout prints it, the own name in bold.
fn work(w: &Work, words: &Words) -> Paragraph {
    let mut p = match w.number {
        Some(n) => Paragraph::new()
            .indent(Some(480), Some(SpecialIndentType::Hanging(480)), None, None)
            .add_run(text(&format!("[{n}]\t"))),
        None => bullet(),
    };
    for (i, a) in w.authors.iter().enumerate() {
        if i > 0 {
            p = p.add_run(text(&words.names));
        }
        let name = text(&a.name);
        p = p.add_run(if a.me { name.bold() } else { name });
        if !a.marks.is_empty() {
            p = p.add_run(text(&a.marks));
        }
    }
    if let Some(last) = w.authors.last() {
        p = p.add_run(text(words.after(&last.name)));
    }
    p = p.add_run(text(&format!("{}{}", w.title, words.after(&w.title))));
    let mut place = vec![];
    if let Some(venue) = &w.venue {
        p = p.add_run(text(venue).italic());
    }
    place.extend(w.venue_detail.iter().cloned());
    place.extend(w.date.iter().cloned());
    let rest = if place.is_empty() {
        String::new()
    } else if w.venue.is_some() {
        format!("{}{}", words.comma, place.join(&words.comma))
    } else {
        place.join(&words.comma)
    };
    if w.venue.is_some() || !place.is_empty() {
        p = p.add_run(text(&format!("{rest}{}", words.end())));
    }
    if let Some(award) = &w.award {
        p = p.add_run(text(&format!(" {award}.")).bold());
    }
    if !w.notes.is_empty() {
        p = p.add_run(text(&format!(" {}", w.notes.join(" · "))));
    }
    if let Some(detail) = &w.detail {
        p = p.add_run(text(&format!(" {detail}")));
    }
    p = links(p, &w.links);
    if let Some(remark) = &w.remark {
        p = p.add_run(
            Run::new()
                .add_break(docx_rs::BreakType::TextWrapping)
                .add_text(clean(remark))
                .italic(),
        );
    }
    p
}

/// A paragraph in the bulleted list.
fn bullet() -> Paragraph {
    Paragraph::new()
        .numbering(NumberingId::new(BULLETS), IndentLevel::new(0))
        .line_spacing(LineSpacing::new().after(40))
}

/// Links after an entry: ` [arXiv] [Code]`.
fn links(mut p: Paragraph, links: &[Link]) -> Paragraph {
    for l in links {
        p = p.add_run(text(" "));
        p = link(p, &format!("[{}]", l.label), &l.url);
    }
    p
}

/// A clickable link as a `HYPERLINK` field: begin, instruction, separator, shown text, end.
fn link(p: Paragraph, label: &str, url: &str) -> Paragraph {
    // A quote or backslash would end the field's argument; URLs are percent-encoded there.
    let target: String = url
        .chars()
        .filter(|c| !c.is_control())
        .map(|c| match c {
            '"' => "%22".to_string(),
            '\\' => "%5C".to_string(),
            ' ' => "%20".to_string(),
            c => c.to_string(),
        })
        .collect();
    p.add_run(Run::new().add_field_char(FieldCharType::Begin, false))
        .add_run(
            Run::new().add_instr_text(InstrText::Unsupported(format!(" HYPERLINK \"{target}\" "))),
        )
        .add_run(Run::new().add_field_char(FieldCharType::Separate, false))
        .add_run(text(label).style("Hyperlink"))
        .add_run(Run::new().add_field_char(FieldCharType::End, false))
}

/// The package's core properties (`docProps/core.xml`): the title, the author, the language
/// and the document's date, as Word's File > Properties and a recruiter's system read them.
/// docx-rs writes only "unknown" for the author, so vita writes this part itself.
fn core_properties(v: &View) -> Vec<u8> {
    let stamp = v.meta.date.map_or("1970-01-01T00:00:00Z".to_string(), |d| {
        format!("{:04}-{:02}-{:02}T00:00:00Z", d.year, d.month, d.day)
    });
    let field = |tag: &str, value: &str| format!("<{tag}>{}</{tag}>", xml_text(value));
    let mut xml = String::from(concat!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
        r#"<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" "#,
        r#"xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" "#,
        r#"xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">"#,
    ));
    xml += &field("dc:title", &v.meta.title);
    xml += &field("dc:creator", &v.meta.author);
    xml += &field("cp:lastModifiedBy", &v.meta.author);
    if !v.meta.keywords.is_empty() {
        xml += &field("cp:keywords", &v.meta.keywords.join("; "));
    }
    xml += &field("dc:language", &v.lang);
    for tag in ["dcterms:created", "dcterms:modified"] {
        xml += &format!(r#"<{tag} xsi:type="dcterms:W3CDTF">{stamp}</{tag}>"#);
    }
    xml += "<cp:revision>1</cp:revision></cp:coreProperties>";
    xml.into_bytes()
}

/// User text as XML character data.
fn xml_text(s: &str) -> String {
    clean(s)
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// A run of user text.
fn text(s: &str) -> Run {
    Run::new().add_text(clean(s))
}

/// Text without the control characters that XML 1.0 cannot hold.
fn clean(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_control() || *c == '\t')
        .collect()
}
