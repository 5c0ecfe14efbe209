//! Plain text and Markdown, written from the view model in reading order: the header, then
//! each section as the PDF shows it, with the same entries, numbers and marks. They are what
//! people paste into the text fields of application portals, so sections can be counted
//! ([`counts`]) against the portals' limits.
//!
//! One walker serves both; [`Mode`] decides the few places where they differ: emphasis, links,
//! escaping and headings.

use std::fmt::Write;

use crate::view::model::{Body, Entry, Item, PersonData, Section, View, Words, Work};

/// Which of the two text formats is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    /// Plain text: no markup at all; links spelled out.
    Plain,
    /// CommonMark: the own name in bold, venues in italics, links as links.
    Markdown,
}

/// The document as plain text.
pub fn plain(v: &View) -> String {
    write(v, Mode::Plain)
}

/// The document as Markdown.
pub fn markdown(v: &View) -> String {
    write(v, Mode::Markdown)
}

/// How long one section is as plain text, for portals that limit fields.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Count {
    /// The section's heading.
    pub title: String,
    /// Characters (Unicode scalar values) of the section's text, heading left out.
    pub chars: usize,
    /// Words: runs of characters between white space.
    pub words: usize,
}

/// The length of each section's plain text, in order.
pub fn counts(v: &View) -> Vec<Count> {
    v.sections
        .iter()
        .map(|s| {
            let text = body(s, &v.words, Mode::Plain);
            let text = text.trim();
            Count {
                title: s.title.clone(),
                chars: text.chars().count(),
                words: text.split_whitespace().count(),
            }
        })
        .collect()
}

fn write(v: &View, mode: Mode) -> String {
    let mut out = header(&v.person, &v.words, mode);
    for s in &v.sections {
        out.push('\n');
        match mode {
            Mode::Plain => {
                let _ = writeln!(out, "{}", s.title);
                let _ = writeln!(
                    out,
                    "{}",
                    "=".repeat(unicode_width::UnicodeWidthStr::width(s.title.as_str()))
                );
            }
            Mode::Markdown => {
                let _ = writeln!(out, "## {}", esc(&s.title, mode));
            }
        }
        out.push('\n');
        out.push_str(&body(s, &v.words, mode));
    }
    if let Some(updated) = v.words.updated_sentence() {
        out.push('\n');
        let _ = writeln!(out, "{}", esc(&updated, mode));
    }
    out
}

fn header(p: &PersonData, words: &Words, mode: Mode) -> String {
    let mut out = String::new();
    let mut name = esc(&p.name, mode);
    if let Some(native) = &p.native_name {
        name.push_str(&paren(words, &esc(native, mode)));
    }
    match mode {
        Mode::Plain => {
            let _ = writeln!(out, "{name}");
        }
        Mode::Markdown => {
            let _ = writeln!(out, "# {name}\n");
        }
    }
    let mut lines = vec![];
    if let Some(h) = &p.headline {
        lines.push(esc(h, mode));
    }
    let contacts: Vec<String> = p
        .contacts
        .iter()
        .map(|c| match &c.url {
            Some(url) => link(&c.text, url, mode),
            None => esc(&c.text, mode),
        })
        .collect();
    if !contacts.is_empty() {
        lines.push(contacts.join(" | "));
    }
    out.push_str(&lines.join(line_break(mode)));
    if !lines.is_empty() {
        out.push('\n');
    }
    out
}

/// A section's body, ending in a newline.
/// A section's body; `colon` goes between a label and its text (`: `, `：`).
fn body(s: &Section, words: &Words, mode: Mode) -> String {
    let mut out = String::new();
    match &s.body {
        Body::Text { text } => {
            let _ = writeln!(out, "{}", esc(text, mode));
        }
        Body::Tags { items } => {
            let items: Vec<String> = items.iter().map(|i| esc(i, mode)).collect();
            let _ = writeln!(out, "{}", items.join(" · "));
        }
        Body::Entries { entries, .. } => {
            let blocks: Vec<String> = entries.iter().map(|e| entry(e, words, mode)).collect();
            out.push_str(&blocks.join("\n"));
        }
        Body::Items {
            date_first,
            entries,
        } => {
            for e in entries {
                let _ = writeln!(out, "- {}", item(e, *date_first, words, mode));
            }
        }
        Body::Works { groups, legend, .. } => {
            if !legend.is_empty() {
                let marks: Vec<String> = legend
                    .iter()
                    .map(|l| format!("{} {}", esc(&l.mark, mode), esc(&l.text, mode)))
                    .collect();
                let marks = marks.join("; ");
                let _ = match mode {
                    Mode::Plain => writeln!(out, "({marks})\n"),
                    Mode::Markdown => writeln!(out, "*({marks})*\n"),
                };
            }
            for (i, g) in groups.iter().enumerate() {
                if let Some(title) = &g.title {
                    if i > 0 {
                        out.push('\n');
                    }
                    let _ = match mode {
                        Mode::Plain => writeln!(out, "{title}\n"),
                        Mode::Markdown => writeln!(out, "### {}\n", esc(title, mode)),
                    };
                }
                for w in &g.entries {
                    let _ = writeln!(out, "- {}", work(w, words, mode));
                }
            }
        }
    }
    out
}

/// A titled entry: title and date, then subtitle and place, labelled lines, bullets.
fn entry(e: &Entry, words: &Words, mode: Mode) -> String {
    let colon = &words.colon;
    let mut lines = vec![];
    let mut first = match mode {
        Mode::Plain => e.title.clone(),
        Mode::Markdown => format!("**{}**", esc(&e.title, mode)),
    };
    if !e.date.is_empty() {
        first.push_str(&paren(words, &esc(&e.date, mode)));
    }
    lines.push(first);
    let place: Vec<String> = [&e.subtitle, &e.location]
        .into_iter()
        .flatten()
        .enumerate()
        .map(|(i, s)| match (i, mode, &e.subtitle) {
            (0, Mode::Markdown, Some(_)) => format!("*{}*", esc(s, mode)),
            _ => esc(s, mode),
        })
        .collect();
    if !place.is_empty() {
        lines.push(place.join(&words.comma));
    }
    for l in &e.lines {
        lines.push(match &l.label {
            Some(label) => format!("{}{colon}{}", esc(label, mode), esc(&l.text, mode)),
            None => esc(&l.text, mode),
        });
    }
    if !e.links.is_empty() {
        let links: Vec<String> = e
            .links
            .iter()
            .map(|l| link(&l.label, &l.url, mode))
            .collect();
        lines.push(links.join(" "));
    }
    let mut out = lines.join(line_break(mode));
    out.push('\n');
    for r in &e.roles {
        let mut head = match mode {
            Mode::Plain => r.title.clone(),
            Mode::Markdown => format!("\n*{}*", esc(&r.title, mode)),
        };
        if let Some(l) = &r.location {
            let _ = write!(head, "{}{}", words.comma, esc(l, mode));
        }
        if !r.date.is_empty() {
            head.push_str(&paren(words, &esc(&r.date, mode)));
        }
        let _ = writeln!(out, "{head}");
        if mode == Mode::Markdown && !r.bullets.is_empty() {
            out.push('\n');
        }
        for b in &r.bullets {
            let _ = writeln!(out, "- {}", esc(b, mode));
        }
    }
    if !e.bullets.is_empty() {
        if mode == Mode::Markdown {
            out.push('\n');
        }
        for b in &e.bullets {
            let _ = writeln!(out, "- {}", esc(b, mode));
        }
    }
    out
}

/// A one-line item: `Label: text (note), date`, or `date: text` when the date comes first.
fn item(e: &Item, date_first: bool, words: &Words, mode: Mode) -> String {
    let colon = words.colon.as_str();
    let mut out = String::new();
    if date_first && let Some(date) = &e.date {
        let _ = write!(out, "{}{colon}", esc(date, mode));
    }
    if let Some(label) = &e.label {
        let _ = match mode {
            Mode::Plain => write!(out, "{label}{colon}"),
            // The colon inside the bold, its space after: `**Reviewer:** `.
            Mode::Markdown => {
                let mark = colon.trim_end();
                write!(
                    out,
                    "**{}{mark}**{}",
                    esc(label, mode),
                    &colon[mark.len()..]
                )
            }
        };
    }
    out.push_str(&esc(&e.text, mode));
    if let Some(note) = &e.note {
        out.push_str(&paren(words, &esc(note, mode)));
    }
    if !date_first && let Some(date) = &e.date {
        let _ = write!(out, "{}{}", words.comma, esc(date, mode));
    }
    out
}

/// A note in the document language's parentheses: ` (note)`, `（note）`; a space, not a
/// no-break space, before it in a text file.
fn paren(words: &Words, note: &str) -> String {
    format!("{}{note}{}", words.open.replace('\u{a0}', " "), words.close)
}

/// An authored work, as the layout prints it: number, authors, title, venue, date, award,
/// notes, detail, links, and a remark on a line of its own.
fn work(w: &Work, words: &Words, mode: Mode) -> String {
    let mut out = String::new();
    if let Some(n) = w.number {
        let _ = match mode {
            Mode::Plain => write!(out, "[{n}] "),
            Mode::Markdown => write!(out, "\\[{n}\\] "),
        };
    }
    if !w.authors.is_empty() {
        let names: Vec<String> = w
            .authors
            .iter()
            .map(|a| {
                let name = match (mode, a.me) {
                    (Mode::Markdown, true) => format!("**{}**", esc(&a.name, mode)),
                    _ => esc(&a.name, mode),
                };
                format!("{name}{}", esc(&a.marks, mode))
            })
            .collect();
        out.push_str(&names.join(&words.names));
        out.push_str(words.after(w.authors.last().map_or("", |a| &a.name)));
    }
    out.push_str(&esc(&w.title, mode));
    out.push_str(words.after(&w.title));
    let mut place = vec![];
    if let Some(venue) = &w.venue {
        place.push(match mode {
            Mode::Plain => venue.clone(),
            Mode::Markdown => format!("*{}*", esc(venue, mode)),
        });
    }
    place.extend(w.venue_detail.iter().map(|d| esc(d, mode)));
    place.extend(w.date.iter().map(|d| esc(d, mode)));
    if !place.is_empty() {
        let _ = write!(out, "{}{}", place.join(&words.comma), words.end());
    }
    if let Some(award) = &w.award {
        let _ = match mode {
            Mode::Plain => write!(out, " {award}."),
            Mode::Markdown => write!(out, " **{}.**", esc(award, mode)),
        };
    }
    if !w.notes.is_empty() {
        let notes: Vec<String> = w.notes.iter().map(|n| esc(n, mode)).collect();
        let _ = write!(out, " {}", notes.join(" · "));
    }
    if let Some(detail) = &w.detail {
        let _ = write!(out, " {}", esc(detail, mode));
    }
    for l in &w.links {
        let _ = write!(out, " {}", link(&l.label, &l.url, mode));
    }
    let mut out = out.trim_end().to_string();
    if let Some(remark) = &w.remark {
        let _ = match mode {
            Mode::Plain => write!(out, "\n  {remark}"),
            Mode::Markdown => write!(out, "\\\n  *{}*", esc(remark, mode)),
        };
    }
    out
}

/// A link: `label <url>` in plain text (the URL alone when the label is the URL without its
/// scheme; the label alone for e-mail and phone), a Markdown link otherwise.
fn link(label: &str, url: &str, mode: Mode) -> String {
    match mode {
        Mode::Plain => {
            let bare = url
                .trim_start_matches("https://")
                .trim_start_matches("http://");
            if url.starts_with("mailto:") || url.starts_with("tel:") {
                label.to_string()
            } else if bare == label || url == label {
                url.to_string()
            } else {
                format!("{label} <{url}>")
            }
        }
        Mode::Markdown => {
            // A link destination ends at a space or an unbalanced parenthesis.
            let mut dest = String::new();
            for c in url.chars() {
                match c {
                    ' ' => dest.push_str("%20"),
                    '(' => dest.push_str("%28"),
                    ')' => dest.push_str("%29"),
                    '<' => dest.push_str("%3C"),
                    '>' => dest.push_str("%3E"),
                    _ => dest.push(c),
                }
            }
            format!("[{}]({dest})", esc(label, mode))
        }
    }
}

/// What ends a line inside one paragraph.
fn line_break(mode: Mode) -> &'static str {
    match mode {
        Mode::Plain => "\n",
        Mode::Markdown => "\\\n",
    }
}

/// User text as Markdown prints it: every character that could start emphasis, a link, code,
/// HTML or an entity is escaped, and so is what would start a block at the beginning of a
/// line (`# `, `- `, `1. `). Plain text is left as it is.
fn esc(s: &str, mode: Mode) -> String {
    if mode == Mode::Plain {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    for (n, line) in s.split('\n').enumerate() {
        if n > 0 {
            out.push('\n');
        }
        let trimmed = line.trim_start();
        out.push_str(&line[..line.len() - trimmed.len()]);
        let digits = trimmed.chars().take_while(char::is_ascii_digit).count();
        // The character that would make the line a list item or a heading underline.
        let block_at = if digits > 0 {
            matches!(trimmed[digits..].chars().next(), Some('.' | ')')).then_some(digits)
        } else {
            matches!(trimmed.chars().next(), Some('-' | '+' | '=')).then_some(0)
        };
        for (i, c) in trimmed.char_indices() {
            let special = matches!(
                c,
                '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '&' | '#' | '|' | '~'
            );
            if special || block_at == Some(i) {
                out.push('\\');
            }
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_escapes_what_would_become_markup() {
        let md = |s| esc(s, Mode::Markdown);
        assert_eq!(md("C# and *stars* _x_"), "C\\# and \\*stars\\* \\_x\\_");
        assert_eq!(md("[a](b) <i>&amp;"), "\\[a\\](b) \\<i\\>\\&amp;");
        assert_eq!(md("- not a list"), "\\- not a list");
        assert_eq!(md("1. not a list"), "1\\. not a list");
        assert_eq!(md("Ph.D. in 2018 - 2022"), "Ph.D. in 2018 - 2022");
        assert_eq!(esc("*as is*", Mode::Plain), "*as is*");
    }

    #[test]
    fn markdown_links_keep_their_destination_whole() {
        assert_eq!(
            link("wiki", "https://e.org/A_(b) c", Mode::Markdown),
            "[wiki](https://e.org/A_%28b%29%20c)"
        );
        assert_eq!(link("e.org", "https://e.org", Mode::Plain), "https://e.org");
        assert_eq!(
            link("code", "https://e.org", Mode::Plain),
            "code <https://e.org>"
        );
    }
}
