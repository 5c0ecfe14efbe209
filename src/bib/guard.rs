//! Checks run before the parser resolves a file: what would send it into endless or very deep
//! recursion is refused with a message instead.

use std::collections::HashMap;
use std::ops::Range;

use biblatex::RawBibliography;

/// How deep braces may nest in a .bib file; real files stay below 10.
const MAX_BRACE_DEPTH: usize = 64;

/// Finds what would send the parser into endless or very deep recursion: braces nested
/// absurdly deep, `@string`s defined through each other in a loop, entries that `crossref`
/// or `xdata` each other in a loop. Each problem comes with its span, message and hint.
pub(super) fn guard(text: &str, raw: &RawBibliography) -> Vec<(Range<usize>, String, String)> {
    let mut out = vec![];
    let mut depth = 0usize;
    let mut prev = ' ';
    for (i, c) in text.char_indices() {
        match c {
            '{' if prev != '\\' => {
                depth += 1;
                if depth > MAX_BRACE_DEPTH {
                    out.push((
                        i..i + 1,
                        format!("braces are nested more than {MAX_BRACE_DEPTH} deep here"),
                        "check that every `{` is closed where it should be".to_string(),
                    ));
                    return out;
                }
            }
            '}' if prev != '\\' => depth = depth.saturating_sub(1),
            '@' => depth = 0,
            _ => {}
        }
        prev = c;
    }
    // `@string` definitions that use each other.
    let strings: HashMap<&str, (Range<usize>, Vec<&str>)> = raw
        .abbreviations
        .iter()
        .map(|p| {
            let uses = p
                .value
                .v
                .iter()
                .filter_map(|c| match c.v {
                    biblatex::RawChunk::Abbreviation(a) => Some(a),
                    _ => None,
                })
                .collect();
            (p.key.v, (p.key.span.clone(), uses))
        })
        .collect();
    if let Some((cycle, span)) = find_cycle(&strings) {
        out.push((
            span,
            format!(
                "the @string `{}` is defined through itself: {}",
                cycle[0],
                cycle.join(" → ")
            ),
            "define it with text in braces, such as `@string{name = {Full Name}}`".to_string(),
        ));
    }
    // Entries that `crossref` or `xdata` each other.
    let links: HashMap<&str, (Range<usize>, Vec<&str>)> = raw
        .entries
        .iter()
        .map(|e| {
            let uses =
                e.v.fields
                    .iter()
                    .filter(|f| {
                        f.key.v.eq_ignore_ascii_case("crossref")
                            || f.key.v.eq_ignore_ascii_case("xdata")
                    })
                    .flat_map(|f| f.value.v.iter())
                    .filter_map(|c| match c.v {
                        biblatex::RawChunk::Normal(s) => Some(s),
                        _ => None,
                    })
                    .flat_map(|s| s.split(','))
                    .map(str::trim)
                    .filter(|s| !s.is_empty())
                    .collect();
            (e.v.key.v, (e.v.key.span.clone(), uses))
        })
        .collect();
    if let Some((cycle, span)) = find_cycle(&links) {
        out.push((
            span,
            format!(
                "the entry `{}` refers to itself through `crossref` or `xdata`: {}",
                cycle[0],
                cycle.join(" → ")
            ),
            "a `crossref` names another entry, such as the proceedings volume: break the loop"
                .to_string(),
        ));
    }
    out
}

/// A loop in a graph of names, as the names along it (first repeated at the end), with the
/// span of the first; the search is iterative, so a long chain cannot exhaust the stack.
fn find_cycle<'a>(
    graph: &HashMap<&'a str, (Range<usize>, Vec<&'a str>)>,
) -> Option<(Vec<&'a str>, Range<usize>)> {
    // 0 = not seen, 1 = on the current path, 2 = done.
    let mut state: HashMap<&str, u8> = HashMap::new();
    let mut names: Vec<&str> = graph.keys().copied().collect();
    names.sort_unstable();
    for start in names {
        if state.get(start).copied().unwrap_or(0) != 0 {
            continue;
        }
        let mut path: Vec<(&str, usize)> = vec![(start, 0)];
        state.insert(start, 1);
        while let Some(&mut (node, ref mut next)) = path.last_mut() {
            let edges = graph.get(node).map(|(_, e)| e.as_slice()).unwrap_or(&[]);
            if let Some(&to) = edges.get(*next) {
                *next += 1;
                match state.get(to).copied().unwrap_or(0) {
                    0 if graph.contains_key(to) => {
                        state.insert(to, 1);
                        path.push((to, 0));
                    }
                    1 => {
                        let from = path.iter().position(|(n, _)| *n == to).unwrap_or(0);
                        let mut cycle: Vec<&str> = path[from..].iter().map(|(n, _)| *n).collect();
                        cycle.push(to);
                        let span = graph.get(to).map(|(s, _)| s.clone()).unwrap_or(0..0);
                        return Some((cycle, span));
                    }
                    _ => {}
                }
            } else {
                state.insert(node, 2);
                path.pop();
            }
        }
    }
    None
}
