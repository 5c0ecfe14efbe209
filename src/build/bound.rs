//! What a document can hold, decided before it is laid out. Laying out costs time and memory
//! in proportion to what is shown (about a millisecond and a few hundred kilobytes an entry),
//! so a profile of 20,000 imported jobs must not take half a minute and gigabytes to learn
//! that a resume is one page: the view is measured first, and a document past what its pages
//! could ever hold is refused, or cut with a warning, before Typst sees it.

use crate::diag::Diagnostic;
use crate::document::Document;
use crate::style::Style;
use crate::view::model::{Body, Entry, Item, Section, View, Work};
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// Lines a page holds at the most: 100 lines of 8 pt type do not fit on A4, so a document
/// measured past `PER_PAGE` times its pages cannot fit at any size `fit` may choose.
pub const PER_PAGE: usize = 100;

/// Lines one document lays out at the most: some 250 pages of a CV (3,300 works, more than the
/// longest publication lists of real CVs), laid out in about 3 s and 400 MB here.
pub const MAX_LINES: usize = 10_000;

/// Lines laid out in about a third of a second: below it, a document is laid out whole even
/// past its pages, since the error or warning after layout says more (what spilled over, what
/// `fit` tried).
pub const CHEAP: usize = 1_000;

/// The columns a line holds, for measuring paragraphs: a Latin letter is one column, a
/// Chinese, Japanese or Korean character two (a 990,000-character Chinese paragraph took 8 s
/// to lay out, four times the same count of Latin letters).
const LINE_COLUMNS: usize = 100;

/// The lines a paragraph takes.
fn text_lines(text: &str) -> usize {
    UnicodeWidthStr::width(text).div_ceil(LINE_COLUMNS)
}

/// About how many lines a section takes, each text by its width (a short one is a line, a
/// long one a line for each 100 columns): a paragraph; five tags to a line; an entry's title,
/// second line, labelled lines and bullets; an item; a work as its authors, title and venue,
/// three lines at the least. Layout time follows it: about 0.2 to 0.3 ms a line here
/// (release build).
fn section_lines(s: &Section) -> usize {
    match &s.body {
        Body::Text { text } => text_lines(text),
        Body::Tags { items } => items.len().div_ceil(5).max(text_lines(&items.concat())),
        Body::Entries { entries, .. } => entries.iter().map(entry_lines).sum(),
        Body::Items { entries, .. } => entries.iter().map(item_lines).sum(),
        Body::Works { groups, .. } => groups.iter().flat_map(|g| &g.entries).map(work_lines).sum(),
    }
}

/// The lines a work is counted as at the least.
const WORK_LINES: usize = 3;

/// The lines a text takes, at least one.
fn lines_of<'a>(texts: impl IntoIterator<Item = &'a str>) -> usize {
    texts.into_iter().map(text_lines).sum::<usize>().max(1)
}

/// The lines an entry is counted as: its title and second line, its labelled lines and
/// bullets, and its roles'.
fn entry_lines(e: &Entry) -> usize {
    lines_of([e.title.as_str()])
        + e.subtitle.as_deref().map_or(0, text_lines)
        + e.lines
            .iter()
            .map(|l| lines_of([l.text.as_str()]))
            .sum::<usize>()
        + e.bullets
            .iter()
            .map(|b| lines_of([b.as_str()]))
            .sum::<usize>()
        + e.roles
            .iter()
            .map(|r| {
                1 + r
                    .bullets
                    .iter()
                    .map(|b| lines_of([b.as_str()]))
                    .sum::<usize>()
            })
            .sum::<usize>()
}

/// The lines an item is counted as: its label, text and note.
fn item_lines(i: &Item) -> usize {
    lines_of([
        i.label.as_deref().unwrap_or(""),
        &i.text,
        i.note.as_deref().unwrap_or(""),
    ])
}

/// The lines a work is counted as: its authors, title, venue and detail. An author list
/// counts double its width: each name is set on its own (marks, the own name in bold), and
/// 50,000 authors took 4.5 s to lay out where the same width of plain text takes 1.
fn work_lines(w: &Work) -> usize {
    let authors: usize = w.authors.iter().map(|a| 2 * (a.name.len() + 2)).sum();
    let texts = [
        &w.title,
        w.venue.as_deref().unwrap_or(""),
        w.detail.as_deref().unwrap_or(""),
    ];
    (authors.div_ceil(LINE_COLUMNS) + lines_of(texts)).max(WORK_LINES)
}

/// About how many lines a document takes: its header (the contacts in a row), its sections,
/// and a letter's paragraphs.
pub fn measure(view: &View) -> usize {
    let header = header_lines(view);
    let letter = view.letter.as_ref().map_or(0, |l| {
        l.paragraphs.iter().map(|t| lines_of([t.as_str()])).sum()
    });
    header + letter + view.sections.iter().map(section_lines).sum::<usize>()
}

/// The lines of the header: the name, the headline, the contacts in a row.
fn header_lines(view: &View) -> usize {
    let p = &view.person;
    let contacts: usize = p.contacts.iter().map(|c| c.text.len() + 3).sum();
    lines_of([p.name.as_str(), p.headline.as_deref().unwrap_or("")])
        + contacts.div_ceil(LINE_COLUMNS)
}

/// Keeps the first `budget` lines of the sections, in order: a section's entries are cut at
/// the budget (an entry's lines count with it), and the sections after it are left out.
fn cut(view: &mut View, budget: usize) {
    let mut budget = budget.saturating_sub(header_lines(view));
    if let Some(l) = &mut view.letter {
        keep_within(&mut l.paragraphs, &mut budget, |t| lines_of([t.as_str()]));
    }
    for s in &mut view.sections {
        match &mut s.body {
            Body::Text { text } => {
                let mut columns = 0;
                let end = text.char_indices().find_map(|(i, c)| {
                    columns += UnicodeWidthChar::width(c).unwrap_or(0);
                    (columns > budget * LINE_COLUMNS).then_some(i)
                });
                if let Some(i) = end {
                    text.truncate(i);
                    text.push('…');
                }
                budget = budget.saturating_sub(text_lines(text));
            }
            Body::Tags { items } => {
                items.truncate(budget * 5);
                budget = budget.saturating_sub(items.len().div_ceil(5));
            }
            Body::Entries { entries, .. } => keep_within(entries, &mut budget, entry_lines),
            Body::Items { entries, .. } => keep_within(entries, &mut budget, item_lines),
            Body::Works { groups, .. } => {
                for g in groups.iter_mut() {
                    keep_within(&mut g.entries, &mut budget, work_lines);
                }
                groups.retain(|g| !g.entries.is_empty());
            }
        }
    }
    view.sections.retain(|s| !s.body.is_empty());
}

/// Keeps the first of `list` that fit in `budget` lines, and takes their lines from it.
fn keep_within<T>(list: &mut Vec<T>, budget: &mut usize, lines: fn(&T) -> usize) {
    let mut keep = 0;
    for x in list.iter() {
        let n = lines(x);
        if n > *budget {
            break;
        }
        *budget -= n;
        keep += 1;
    }
    list.truncate(keep);
}

/// Checks a document's view against what its pages can hold, before it is laid out.
/// Past [`CHEAP`], an error when no layout could fit it (past [`MAX_LINES`], or past
/// [`PER_PAGE`] times its `max_pages`), and a warning, with the view cut to what its pages
/// could hold at most, when it is far longer than its kind's convention (a resume of 20,000
/// jobs); else nothing.
pub fn check(
    view: &mut View,
    doc: &Document,
    style: &Style,
) -> Result<Option<Diagnostic>, Diagnostic> {
    let lines = measure(view);
    let table = super::fit::table(doc);
    // The hint's example limits the longest section, to a tenth of what it shows.
    let (longest, shown) = view
        .sections
        .iter()
        .map(|s| (s.id.as_str(), section_lines(s)))
        .max_by_key(|(_, n)| *n)
        .unwrap_or(("experience", 0));
    let choose = format!(
        "choose what it shows: `limit = {{ {longest} = {} }}` (per section) or `sections = [...]` in `{table}`, or `exclude = [\"{}\"]` on entries",
        (shown / 10).clamp(1, 100),
        doc.name
    );
    let pages = |n: usize| {
        if n == 1 {
            "1 page".to_string()
        } else {
            format!("{n} pages")
        }
    };
    // A kind that is short by convention (a resume), with no page limit of the profile's: cut
    // to what its pages could hold, and say so.
    if let Some(expected) = doc
        .kind
        .expected_pages
        .filter(|_| style.max_pages.is_none())
    {
        let budget = expected * PER_PAGE;
        if lines <= budget.max(CHEAP) {
            return Ok(None);
        }
        cut(view, budget);
        view.left_out = lines - measure(view);
        return Ok(Some(
            Diagnostic::warning(format!(
                "the {} would take about {lines} lines, far more than the {} a {} has by convention: only its first {budget} lines are laid out, the rest is left out",
                doc.name,
                pages(expected),
                doc.kind.name,
            ))
            .hint(choose)
            .hint(format!(
                "to make it longer, allow the pages: `max_pages = N` in `{table}`"
            )),
        ));
    }
    if let Some(max) = style.max_pages
        && lines > (max * PER_PAGE).max(CHEAP)
        && max * PER_PAGE < MAX_LINES
    {
        return Err(Diagnostic::error(format!(
            "the {} would take about {lines} lines; {} hold{} {} at the most",
            doc.name,
            pages(max),
            if max == 1 { "s" } else { "" },
            max * PER_PAGE
        ))
        .hint(choose));
    }
    if lines > MAX_LINES {
        return Err(Diagnostic::error(format!(
            "the {} would take about {lines} lines, more than vita lays out in one document ({MAX_LINES}, some 250 pages)",
            doc.name
        ))
        .hint(choose));
    }
    Ok(None)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The view and style of the example profile's document `name`.
    fn example(name: &str) -> (View, Document, Style) {
        let text =
            std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/profile.toml")).unwrap();
        let p = crate::load::load_str(concat!(env!("CARGO_MANIFEST_DIR"), "/profile.toml"), &text)
            .unwrap()
            .profile;
        let doc = Document::all(&p)
            .into_iter()
            .find(|d| d.name == name)
            .unwrap();
        let style =
            crate::style::resolve(&doc, &p.design, &Default::default(), &Default::default())
                .unwrap();
        let view = crate::view::view(&p, &doc, &Default::default(), &style);
        (view, doc, style)
    }

    #[test]
    fn a_real_one_page_resume_is_well_inside_its_bound() {
        // The example resume fills its one page: the measure must leave it whole.
        let (mut view, doc, style) = example("resume");
        let lines = measure(&view);
        assert!((20..PER_PAGE * 3 / 4).contains(&lines), "{lines} lines");
        assert!(check(&mut view, &doc, &style).unwrap().is_none());
        assert_eq!(view.left_out, 0);
    }

    #[test]
    fn a_cut_keeps_the_first_lines_in_order_and_drops_what_follows() {
        let (mut view, _, _) = example("cv");
        let all = measure(&view);
        let first = view.sections[0].id.clone();
        cut(&mut view, 30);
        let kept = measure(&view);
        assert!(kept <= 30 && kept > 20, "{kept} of {all}");
        assert_eq!(view.sections[0].id, first);
        assert!(view.sections.iter().all(|s| !s.body.is_empty()));
        // Nothing to cut: the view stays as it was.
        let (mut whole, _, _) = example("cv");
        cut(&mut whole, all);
        assert_eq!(measure(&whole), all);
    }
}
