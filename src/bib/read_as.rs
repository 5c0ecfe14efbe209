//! What the text of one .bib field says, read as BibTeX users write it: a month among days
//! (`18--24 Jul`), a year with a letter (`2021a`), an arXiv id inside a venue, a file name
//! where an address goes, and the names of an author list.

use biblatex::{Chunk, Spanned};

use crate::ids;
use crate::profile::Date;

/// Whether `s` looks like a file's name or a path relative to a site (`paper.pdf`,
/// `assets/pdf/x.pdf`, `/files/x.pdf`), not an address with a scheme nor a sentence.
pub(super) fn is_file_name(s: &str) -> bool {
    let s = s.trim();
    !s.is_empty()
        && !s.contains("://")
        && !s.contains(char::is_whitespace)
        && s.rsplit('/').next().is_some_and(|last| {
            last.rsplit_once('.').is_some_and(|(stem, ext)| {
                !stem.is_empty()
                    && (1..=5).contains(&ext.len())
                    && ext.chars().all(|c| c.is_ascii_alphanumeric())
            })
        })
}

/// The month a `month` field names: a number or a name (`7`, `Jul.`, `July`), alone or with
/// days around it (`18–24 Jul`, `July 18`, `Jul 18–24`); `None` when it names no month or
/// two different ones.
pub(super) fn month_in(s: &str) -> Option<u32> {
    if let Some(n) = Date::month_number(s) {
        return Some(n);
    }
    let mut named = s
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| w.chars().count() >= 3)
        .map(Date::month_number);
    let first = named.next()??;
    // `Jun--Jul` spans two: the first is when it began.
    named.all(|m| m.is_some()).then_some(first)
}

/// A year of four digits standing alone in `s` (`2021a`, `2021 (in press)`).
pub(super) fn year_in(s: &str) -> Option<u32> {
    let b = s.as_bytes();
    (0..b.len().saturating_sub(3)).find_map(|i| {
        let run = &b[i..i + 4];
        let alone = (i == 0 || !b[i - 1].is_ascii_digit())
            && b.get(i + 4).is_none_or(|c| !c.is_ascii_digit());
        (alone && run.iter().all(u8::is_ascii_digit))
            .then(|| s[i..i + 4].parse::<u32>().ok())
            .flatten()
            .filter(|y| (1000..=9999).contains(y))
    })
}

/// Finds an arXiv identifier in text like `arXiv preprint arXiv:2007.08745`, `abs/2007.08745`
/// or `https://arxiv.org/abs/2007.08745v2`.
pub(super) fn find_arxiv(s: &str) -> Option<String> {
    let lower = s.to_ascii_lowercase();
    for marker in ["arxiv.org/abs/", "arxiv.org/pdf/", "arxiv:", "abs/"] {
        if let Some(i) = lower.find(marker) {
            let rest = &s[i + marker.len()..];
            let id: String = rest
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '.')
                .collect();
            let id = id
                .trim_end_matches(".pdf")
                .trim_end_matches('.')
                .to_string();
            if ids::arxiv_new_style(&id) {
                return Some(id);
            }
        }
    }
    None
}

/// One name as given, family and the rest. An `=` makes the parser read biblatex's
/// `family=Li, given=Yiming` form; when that gives no name (`{Team A=B}`), the name is read
/// the usual way, `=` kept.
pub(super) fn person_of(chunks: &[Spanned<Chunk>]) -> biblatex::Person {
    let p = biblatex::Person::parse(chunks);
    if !p.name.trim().is_empty() || !p.given_name.trim().is_empty() {
        return p;
    }
    // A character no one writes in a name stands in for `=` while the name is read.
    const STAND_IN: char = '\u{e000}';
    let masked: Vec<Spanned<Chunk>> = chunks
        .iter()
        .map(|c| {
            let v = match &c.v {
                Chunk::Normal(s) => Chunk::Normal(s.replace('=', &STAND_IN.to_string())),
                Chunk::Verbatim(s) => Chunk::Verbatim(s.replace('=', &STAND_IN.to_string())),
                Chunk::Math(s) => Chunk::Math(s.replace('=', &STAND_IN.to_string())),
            };
            Spanned::new(v, c.span.clone())
        })
        .collect();
    let mut p = biblatex::Person::parse(&masked);
    for part in [&mut p.name, &mut p.given_name, &mut p.prefix, &mut p.suffix] {
        *part = part.replace(STAND_IN, "=");
    }
    p
}

/// Splits a name list at the word `and` outside braces, keeping spans; empty names (from
/// `and and`, or a trailing `and`) are dropped.
pub(super) fn split_names(chunks: &[Spanned<Chunk>]) -> Vec<Vec<Spanned<Chunk>>> {
    let mut out: Vec<Vec<Spanned<Chunk>>> = vec![vec![]];
    for c in chunks {
        match &c.v {
            Chunk::Normal(s) => {
                let mut current = String::new();
                for word in s.split_inclusive(char::is_whitespace) {
                    if word.trim().eq_ignore_ascii_case("and")
                        && (word.ends_with(char::is_whitespace)
                            || current.ends_with(char::is_whitespace)
                            || current.is_empty())
                    {
                        if !current.trim().is_empty() {
                            out.last_mut().unwrap().push(Spanned::new(
                                Chunk::Normal(std::mem::take(&mut current)),
                                c.span.clone(),
                            ));
                        }
                        current.clear();
                        out.push(vec![]);
                    } else {
                        current.push_str(word);
                    }
                }
                if !current.trim().is_empty() {
                    out.last_mut()
                        .unwrap()
                        .push(Spanned::new(Chunk::Normal(current), c.span.clone()));
                }
            }
            _ => out.last_mut().unwrap().push(c.clone()),
        }
    }
    out.retain(|p| {
        p.iter()
            .any(|c| !c.v.get().trim().is_empty() && c.v.get().trim() != ",")
    });
    out
}
