//! Checks run before the parser resolves a file: what would send it into endless or very deep
//! recursion is refused with a message instead.

use std::collections::HashMap;
use std::ops::Range;

use biblatex::RawBibliography;

use super::scan::{Block, MAX_BRACE_DEPTH};

/// How many `crossref` and `xdata` links one entry may inherit through, counting every
/// path: the parser follows each one afresh, so a long chain costs its length squared.
const MAX_LINKS: usize = 32;

/// Finds what would send the parser into endless, very deep or very long work: braces nested
/// absurdly deep, `@string`s defined through each other in a loop, entries that `crossref`
/// or `xdata` each other in a loop or through a chain too long. Each problem comes with its
/// span, message and hint.
pub(super) fn guard(
    blocks: &[Block],
    raw: &RawBibliography,
) -> Vec<(Range<usize>, String, String)> {
    let mut out = vec![];
    // Counted within each block, never reset inside one: an `@` inside braces is text; and
    // within each value the parser read, which the LaTeX reader then takes apart
    // recursively (whatever the scan of blocks may have missed).
    let deep_value = || {
        raw.entries
            .iter()
            .flat_map(|e| e.v.fields.iter())
            .chain(raw.abbreviations.iter())
            .flat_map(|f| f.value.v.iter())
            .find_map(|c| match c.v {
                biblatex::RawChunk::Normal(s) => too_deep(s).map(|i| c.span.start + i),
                _ => None,
            })
    };
    if let Some(i) = blocks.iter().find_map(|b| b.too_deep).or_else(deep_value) {
        out.push((
            i..i + 1,
            format!("braces are nested more than {MAX_BRACE_DEPTH} deep here"),
            "check that every `{` is closed where it should be".to_string(),
        ));
        return out;
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
    // An entry whose key is used twice has the links of both: the parser's messages about a
    // broken file resolve each entry alone, either of the two included.
    let mut links: HashMap<&str, (Range<usize>, Vec<&str>)> = HashMap::new();
    for e in &raw.entries {
        let uses = e
            .v
            .fields
            .iter()
            .filter(|f| {
                f.key.v.eq_ignore_ascii_case("crossref") || f.key.v.eq_ignore_ascii_case("xdata")
            })
            .flat_map(|f| f.value.v.iter())
            .filter_map(|c| match c.v {
                biblatex::RawChunk::Normal(s) => Some(s),
                _ => None,
            })
            .flat_map(|s| s.split(','))
            .map(str::trim)
            .filter(|s| !s.is_empty());
        links
            .entry(e.v.key.v)
            .or_insert_with(|| (e.v.key.span.clone(), vec![]))
            .1
            .extend(uses);
    }
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
        return out;
    }
    if let Some((key, span)) = too_many_links(raw, &links) {
        out.push((
            span,
            format!(
                "the entry `{key}` inherits through more than {MAX_LINKS} `crossref` or `xdata` links"
            ),
            "a `crossref` names the volume an entry appeared in, which rarely names another: shorten the chain"
                .to_string(),
        ));
    }
    out
}

/// Where braces first nest deeper than [`MAX_BRACE_DEPTH`] in one value, counted from
/// its start (a `\` escapes the next character).
fn too_deep(value: &str) -> Option<usize> {
    let mut depth = 1usize;
    let mut escaped = false;
    for (i, b) in value.bytes().enumerate() {
        match b {
            _ if escaped => escaped = false,
            b'\\' => escaped = true,
            b'{' => {
                depth += 1;
                if depth > MAX_BRACE_DEPTH {
                    return Some(i);
                }
            }
            b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    None
}

/// The first entry (in file order) that inherits through more than [`MAX_LINKS`] links, with
/// its key's span. Counts are memoised and found without recursion; `links` has no loop.
fn too_many_links<'a>(
    raw: &RawBibliography<'a>,
    links: &HashMap<&'a str, (Range<usize>, Vec<&'a str>)>,
) -> Option<(&'a str, Range<usize>)> {
    let mut count: HashMap<&str, usize> = HashMap::new();
    for e in &raw.entries {
        let mut stack = vec![e.v.key.v];
        while let Some(&node) = stack.last() {
            if count.contains_key(node) {
                stack.pop();
                continue;
            }
            let to: &[&str] = links.get(node).map_or(&[], |(_, t)| t.as_slice());
            let pending: Vec<&str> = to
                .iter()
                .copied()
                .filter(|t| links.contains_key(t) && !count.contains_key(t))
                .collect();
            if pending.is_empty() {
                let n = to
                    .iter()
                    .filter(|t| links.contains_key(*t))
                    .map(|t| 1 + count.get(t).copied().unwrap_or(0))
                    .fold(0usize, usize::saturating_add);
                count.insert(node, n);
                stack.pop();
            } else {
                stack.extend(pending);
            }
        }
        if count.get(e.v.key.v).copied().unwrap_or(0) > MAX_LINKS {
            return Some((e.v.key.v, e.v.key.span.clone()));
        }
    }
    None
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
