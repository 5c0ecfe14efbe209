//! HTML: a one-page academic homepage from the view model. One self-contained file: the CSS is
//! inline, there is no script and nothing is fetched, so it reads offline and from a USB
//! stick. It follows the system's light or dark scheme and reflows to a phone's width.
//!
//! Every piece of user text goes through [`esc`]; URLs reach `href` only after the profile
//! checked their scheme (`https`, `http`, `mailto`) and are escaped as attribute values too.

use std::fmt::Write;

use crate::view::model::{Body, Entry, Item, Link, PersonData, Section, View, Words, Work};

/// The page's style: readable measure, system fonts after the document's own, and both colour
/// schemes.
const CSS: &str = r#"
:root { color-scheme: light dark; --ink: #1f2328; --muted: #59636e; --accent: #1d4e89;
  --award: #9a4a0c; --rule: #d1d9e0; --bg: #ffffff; }
@media (prefers-color-scheme: dark) {
  :root { --ink: #e6edf3; --muted: #9198a1; --accent: #79b8ff; --award: #f0b072;
    --rule: #3d444d; --bg: #0d1117; }
}
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; text-size-adjust: 100%; }
body { margin: 0; background: var(--bg); color: var(--ink); font: 1rem/1.55 FONT, system-ui,
  -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif; overflow-wrap: break-word; }
.page { max-width: 46rem; margin: 0 auto; padding: 2.5rem 1.25rem 3rem; }
header { margin-bottom: 1.5rem; }
h1 { font-size: 2rem; line-height: 1.2; margin: 0 0 .35rem; }
h1 .native { font-weight: 600; color: var(--muted); margin-left: .4rem; }
.headline { margin: 0 0 .6rem; color: var(--muted); font-size: 1.08rem; }
.contacts { list-style: none; padding: 0; margin: 0; display: flex; flex-wrap: wrap; gap: .2rem 1rem;
  font-size: .95rem; }
a { color: var(--accent); text-decoration-thickness: 1px; text-underline-offset: 2px; }
h2 { font-size: 1.05rem; letter-spacing: .06em; text-transform: uppercase; color: var(--accent);
  border-bottom: 1px solid var(--rule); padding-bottom: .2rem; margin: 2rem 0 .8rem; }
h3 { font-size: 1rem; margin: 1.2rem 0 .5rem; }
p { margin: 0 0 .6rem; }
cite { font-style: normal; }
ul, ol { margin: 0; padding-left: 1.4rem; }
li { margin: 0 0 .55rem; }
.tags { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: .4rem; }
.tags li { margin: 0; border: 1px solid var(--rule); border-radius: 1rem; padding: .05rem .7rem;
  font-size: .92rem; }
.entry { margin: 0 0 1rem; }
.entry-head { display: flex; flex-wrap: wrap; justify-content: space-between; gap: 0 1rem; }
.date { color: var(--muted); white-space: nowrap; font-variant-numeric: tabular-nums; }
.sub { font-style: italic; }
.muted, .place, .notes, .legend, footer { color: var(--muted); }
.line { margin: .1rem 0 0; }
.entry ul { margin-top: .3rem; }
.items { list-style: none; padding: 0; }
.items li { display: flex; gap: 0 1rem; justify-content: space-between; }
.items.date-first li { justify-content: flex-start; }
.items.date-first .date { min-width: 6.5rem; }
.legend { font-size: .9rem; margin: -.4rem 0 .6rem; }
.award { color: var(--award); font-weight: 600; }
.links a { margin-left: .25rem; font-size: .92rem; }
.remark { display: block; color: var(--muted); font-size: .94rem; margin-top: .2rem; }
footer { margin-top: 2.5rem; font-size: .9rem; border-top: 1px solid var(--rule); padding-top: .6rem; }
@media (max-width: 34rem) {
  .page { padding: 1.5rem 1rem 2rem; }
  h1 { font-size: 1.6rem; }
  .items li, .items.date-first li { display: block; }
  .items .date { display: block; }
}
"#;

/// The document as one HTML page.
pub fn export(v: &View) -> String {
    let mut out = String::new();
    let p = &v.person;
    let title = match &p.headline {
        Some(h) => format!("{} – {}", p.name, h),
        None => p.name.clone(),
    };
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta name=\"color-scheme\" content=\"light dark\">\n\
         <meta name=\"generator\" content=\"vita {}\">\n<title>{}</title>\n",
        esc(&v.locale),
        env!("CARGO_PKG_VERSION"),
        esc(&title),
    );
    if let Some(summary) = v.sections.iter().find_map(|s| match &s.body {
        Body::Text { text } => Some(text),
        _ => None,
    }) {
        let short: String = summary.chars().take(300).collect();
        let _ = writeln!(
            out,
            "<meta name=\"description\" content=\"{}\">",
            esc(&short)
        );
    }
    if !v.meta.keywords.is_empty() {
        let _ = writeln!(
            out,
            "<meta name=\"keywords\" content=\"{}\">",
            esc(&v.meta.keywords.join(", "))
        );
    }
    let _ = writeln!(
        out,
        "<style>{}</style>\n</head>\n<body>\n<div class=\"page\">",
        CSS.replace("FONT", &css_family(&v.style.font)).trim()
    );
    header(&mut out, p);
    out.push_str("<main>\n");
    for s in &v.sections {
        section(&mut out, s, &v.words);
    }
    out.push_str("</main>\n");
    if let Some(updated) = v.words.updated_sentence() {
        let _ = writeln!(out, "<footer><p>{}</p></footer>", esc(&updated));
    }
    out.push_str("</div>\n</body>\n</html>\n");
    out
}

fn header(out: &mut String, p: &PersonData) {
    out.push_str("<header>\n<h1>");
    out.push_str(&esc(&p.name));
    if let Some(native) = &p.native_name {
        let _ = write!(out, "<span class=\"native\">{}</span>", esc(native));
    }
    out.push_str("</h1>\n");
    if let Some(h) = &p.headline {
        let _ = writeln!(out, "<p class=\"headline\">{}</p>", esc(h));
    }
    if !p.contacts.is_empty() {
        out.push_str("<ul class=\"contacts\">\n");
        for c in &p.contacts {
            let _ = match &c.url {
                Some(url) => writeln!(
                    out,
                    "<li class=\"{}\"><a href=\"{}\">{}</a></li>",
                    c.kind,
                    esc(url),
                    esc(&c.text)
                ),
                None => writeln!(out, "<li class=\"{}\">{}</li>", c.kind, esc(&c.text)),
            };
        }
        out.push_str("</ul>\n");
    }
    out.push_str("</header>\n");
}

fn section(out: &mut String, s: &Section, words: &Words) {
    let _ = writeln!(
        out,
        "<section id=\"{}\">\n<h2>{}</h2>",
        esc(&anchor(&s.id)),
        esc(&s.title)
    );
    match &s.body {
        Body::Text { text } => {
            for para in text.split("\n\n").filter(|p| !p.trim().is_empty()) {
                let _ = writeln!(out, "<p>{}</p>", esc(para.trim()));
            }
        }
        Body::Tags { items } => {
            out.push_str("<ul class=\"tags\">");
            for i in items {
                let _ = write!(out, "<li>{}</li>", esc(i));
            }
            out.push_str("</ul>\n");
        }
        Body::Entries { entries, .. } => {
            for e in entries {
                entry(out, e, words);
            }
        }
        Body::Items {
            date_first,
            entries,
        } => {
            let class = if *date_first {
                "items date-first"
            } else {
                "items"
            };
            let _ = writeln!(out, "<ul class=\"{class}\">");
            for e in entries {
                item(out, e, *date_first, words);
            }
            out.push_str("</ul>\n");
        }
        Body::Works {
            numbered,
            groups,
            legend,
        } => {
            if !legend.is_empty() {
                let marks: Vec<String> = legend
                    .iter()
                    .map(|l| format!("{} {}", esc(&l.mark), esc(&l.text)))
                    .collect();
                let _ = writeln!(out, "<p class=\"legend\">{}</p>", marks.join("; "));
            }
            for g in groups {
                if let Some(title) = &g.title {
                    let _ = writeln!(out, "<h3>{}</h3>", esc(title));
                }
                let list = if *numbered { "ol" } else { "ul" };
                let _ = writeln!(out, "<{list} class=\"works\">");
                for w in &g.entries {
                    work(out, w, words);
                }
                let _ = writeln!(out, "</{list}>");
            }
        }
    }
    out.push_str("</section>\n");
}

fn entry(out: &mut String, e: &Entry, words: &Words) {
    out.push_str("<div class=\"entry\">\n<div class=\"entry-head\"><span><strong>");
    out.push_str(&esc(&e.title));
    out.push_str("</strong>");
    links(out, &e.links);
    out.push_str("</span>");
    if !e.date.is_empty() {
        let _ = write!(out, "<span class=\"date\">{}</span>", esc(&e.date));
    }
    out.push_str("</div>\n");
    if e.subtitle.is_some() || e.location.is_some() {
        out.push_str("<div class=\"entry-head\">");
        let _ = write!(
            out,
            "<span class=\"sub\">{}</span>",
            esc(e.subtitle.as_deref().unwrap_or(""))
        );
        if let Some(place) = &e.location {
            let _ = write!(out, "<span class=\"place\">{}</span>", esc(place));
        }
        out.push_str("</div>\n");
    }
    for l in &e.lines {
        out.push_str("<p class=\"line\">");
        if let Some(label) = &l.label {
            let mark = words.colon.trim_end();
            let _ = write!(
                out,
                "<span class=\"muted\">{}{}</span>{}",
                esc(label),
                esc(mark),
                &words.colon[mark.len()..]
            );
        }
        out.push_str(&esc(&l.text));
        out.push_str("</p>\n");
    }
    for r in &e.roles {
        out.push_str("<div class=\"entry-head\">");
        let _ = write!(out, "<span class=\"sub\">{}", esc(&r.title));
        if let Some(l) = &r.location {
            let _ = write!(out, "{}{}", words.comma, esc(l));
        }
        let _ = write!(out, "</span><span class=\"date\">{}</span>", esc(&r.date));
        out.push_str("</div>\n");
        if !r.bullets.is_empty() {
            out.push_str("<ul>\n");
            for b in &r.bullets {
                let _ = writeln!(out, "<li>{}</li>", esc(b));
            }
            out.push_str("</ul>\n");
        }
    }
    if !e.bullets.is_empty() {
        out.push_str("<ul>\n");
        for b in &e.bullets {
            let _ = writeln!(out, "<li>{}</li>", esc(b));
        }
        out.push_str("</ul>\n");
    }
    out.push_str("</div>\n");
}

fn item(out: &mut String, e: &Item, date_first: bool, words: &Words) {
    let date = e
        .date
        .as_deref()
        .map(|d| format!("<span class=\"date\">{}</span>", esc(d)))
        .unwrap_or_default();
    out.push_str("<li>");
    if date_first {
        out.push_str(&date);
    }
    out.push_str("<span>");
    if let Some(label) = &e.label {
        // The colon inside the bold, its space (if any) after: `<strong>Reviewer:</strong> `.
        let mark = words.colon.trim_end();
        let _ = write!(
            out,
            "<strong>{}{}</strong>{}",
            esc(label),
            esc(mark),
            &words.colon[mark.len()..]
        );
    }
    out.push_str(&esc(&e.text));
    if let Some(note) = &e.note {
        let _ = write!(
            out,
            "{}<span class=\"muted\">{}{}{}</span>",
            if words.open.starts_with(['\u{a0}', ' ']) {
                " "
            } else {
                ""
            },
            esc(words.open.trim_start()),
            esc(note),
            esc(&words.close)
        );
    }
    out.push_str("</span>");
    if !date_first {
        out.push_str(&date);
    }
    out.push_str("</li>\n");
}

fn work(out: &mut String, w: &Work, words: &Words) {
    match w.number {
        Some(n) => {
            let _ = write!(out, "<li value=\"{n}\">");
        }
        None => out.push_str("<li>"),
    }
    if !w.authors.is_empty() {
        let names: Vec<String> = w
            .authors
            .iter()
            .map(|a| {
                let name = if a.me {
                    format!("<strong>{}</strong>", esc(&a.name))
                } else {
                    esc(&a.name)
                };
                if a.marks.is_empty() {
                    name
                } else {
                    format!("{name}<sup>{}</sup>", esc(&a.marks))
                }
            })
            .collect();
        out.push_str(&names.join(&words.names));
        out.push_str(words.after(w.authors.last().map_or("", |a| &a.name)));
    }
    let _ = write!(
        out,
        "<cite>{}</cite>{}",
        esc(&w.title),
        words.after(&w.title)
    );
    let mut place = vec![];
    if let Some(venue) = &w.venue {
        place.push(format!("<em>{}</em>", esc(venue)));
    }
    place.extend(w.venue_detail.iter().map(|d| esc(d)));
    place.extend(w.date.iter().map(|d| esc(d)));
    if !place.is_empty() {
        let _ = write!(out, "{}{}", place.join(&words.comma), words.end());
    }
    if let Some(award) = &w.award {
        let _ = write!(out, " <span class=\"award\">{}.</span>", esc(award));
    }
    if !w.notes.is_empty() {
        let notes: Vec<String> = w.notes.iter().map(|n| esc(n)).collect();
        let _ = write!(out, " <span class=\"notes\">{}</span>", notes.join(" · "));
    }
    if let Some(detail) = &w.detail {
        let _ = write!(out, " <span class=\"muted\">{}</span>", esc(detail));
    }
    links(out, &w.links);
    if let Some(remark) = &w.remark {
        let _ = write!(out, "<span class=\"remark\">{}</span>", esc(remark));
    }
    out.push_str("</li>\n");
}

fn links(out: &mut String, links: &[Link]) {
    if links.is_empty() {
        return;
    }
    out.push_str(" <span class=\"links\">");
    for l in links {
        let _ = write!(out, "<a href=\"{}\">[{}]</a>", esc(&l.url), esc(&l.label));
    }
    out.push_str("</span>");
}

/// A section id as a fragment identifier: no spaces (custom ids are free text).
fn anchor(id: &str) -> String {
    id.chars()
        .map(|c| if c.is_whitespace() { '-' } else { c })
        .collect()
}

/// The document's face as a CSS family name: quoted, with only letters, digits, spaces and
/// hyphens kept, so a font name cannot end the string or the style sheet.
fn css_family(font: &str) -> String {
    let name: String = font
        .chars()
        .filter(|c| c.is_alphanumeric() || *c == ' ' || *c == '-')
        .collect();
    if name.trim().is_empty() {
        "system-ui".to_string()
    } else {
        format!("\"{}\"", name.trim())
    }
}

/// Text as HTML data or a double-quoted attribute value.
pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            // Control characters are parse errors in HTML5; they print as nothing anyway.
            c if c.is_control() && !matches!(c, '\n' | '\t') => {}
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn user_text_stays_text() {
        assert_eq!(
            esc("<script>alert('x')</script> & \"q\""),
            "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;"
        );
        let family = css_family("Evil\"; } body { x: url(y) </style>");
        assert!(
            family.starts_with("\"Evil") && family.ends_with("style\""),
            "{family}"
        );
        assert!(!family[1..family.len() - 1].contains(['"', '<', ';', '}']));
        assert_eq!(esc("a\u{0}b\u{7f}c"), "abc");
        assert_eq!(anchor("my talks"), "my-talks");
    }
}
