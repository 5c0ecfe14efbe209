//! The size of every `@string` and field once its abbreviations are expanded, measured on
//! the raw parse before the biblatex crate expands anything: `@string{s1 = s0 # s0}`,
//! `@string{s2 = s1 # s1}`, ... doubles at each level, so a file of a few hundred bytes
//! would otherwise become gigabytes.

use std::collections::HashMap;
use std::ops::Range;

use biblatex::{RawBibliography, RawChunk, Spanned};

/// The most one field (or `@string`) may hold once expanded.
pub(super) const MAX_FIELD_BYTES: u64 = 64 * 1024;

/// The most abbreviations may add to a whole file.
const MAX_ADDED_BYTES: u64 = 4 * 1024 * 1024;

/// How many `@string`s one may be defined through, one inside the other: the parser
/// expands them recursively, so a chain of thousands would exhaust its stack.
const MAX_STRING_DEPTH: u64 = 32;

/// `@string`s and fields whose expansion passes the limits, each with its span, message
/// and hint. Only the first place of a cascade is named: an `@string` over the limit
/// whose parts are within it, a field over the limit by itself.
pub(super) fn check(raw: &RawBibliography) -> Vec<(Range<usize>, String, String)> {
    // As the biblatex crate looks them up: the last definition of a name wins.
    let defs: HashMap<&str, &[Spanned<RawChunk>]> = raw
        .abbreviations
        .iter()
        .map(|p| (p.key.v, p.value.v.as_slice()))
        .collect();
    let mut sizes = Sizes {
        defs: &defs,
        memo: HashMap::new(),
        depth: HashMap::new(),
    };
    let mut out = vec![];
    let hint = "an @string joined with itself (`s1 # s1`) doubles at each level: write the text out in braces instead";
    for p in &raw.abbreviations {
        let size = sizes.of_field(&p.value.v);
        let parts_fit = p
            .value
            .v
            .iter()
            .all(|c| sizes.of_chunk(c) <= MAX_FIELD_BYTES);
        if size > MAX_FIELD_BYTES && parts_fit {
            out.push((
                p.key.span.clone(),
                format!(
                    "the @string `{}` expands to {}; vita allows at most {}",
                    p.key.v,
                    shown(size),
                    shown(MAX_FIELD_BYTES)
                ),
                hint.to_string(),
            ));
        }
    }
    if out.is_empty()
        && let Some(p) = raw
            .abbreviations
            .iter()
            .find(|p| sizes.depth.get(p.key.v).copied().unwrap_or(0) > MAX_STRING_DEPTH)
    {
        out.push((
            p.key.span.clone(),
            format!(
                "the @string `{}` is defined through a chain of more than {MAX_STRING_DEPTH} others",
                p.key.v
            ),
            "define it with its text in braces, such as `@string{name = {Full Name}}`"
                .to_string(),
        ));
        return out;
    }
    let mut added = 0u64;
    for e in &raw.entries {
        for f in &e.v.fields {
            let size = sizes.of_field(&f.value.v);
            let parts_fit = f
                .value
                .v
                .iter()
                .all(|c| sizes.of_chunk(c) <= MAX_FIELD_BYTES);
            if size > MAX_FIELD_BYTES && parts_fit {
                out.push((
                    f.key.span.clone(),
                    format!(
                        "`{}` of `{}` expands to {}; vita allows at most {}",
                        f.key.v,
                        e.v.key.v,
                        shown(size),
                        shown(MAX_FIELD_BYTES)
                    ),
                    hint.to_string(),
                ));
            }
            added = added.saturating_add(size.saturating_sub(f.value.span.len() as u64));
            if added > MAX_ADDED_BYTES && out.is_empty() {
                out.push((
                    f.key.span.clone(),
                    format!(
                        "@string abbreviations make this file's fields more than {} longer than written, here",
                        shown(MAX_ADDED_BYTES)
                    ),
                    hint.to_string(),
                ));
                return out;
            }
        }
    }
    out
}

/// A size in bytes as a person reads it.
fn shown(bytes: u64) -> String {
    const KIB: u64 = 1024;
    match bytes {
        b if b >= KIB * KIB * KIB => format!("more than {} GiB", b / (KIB * KIB * KIB)),
        b if b >= KIB * KIB => format!("{} MiB", b / (KIB * KIB)),
        b if b >= KIB => format!("{} KiB", b / KIB),
        b => format!("{b} bytes"),
    }
}

/// Expanded sizes of `@string`s, memoised.
struct Sizes<'a, 'b> {
    defs: &'b HashMap<&'a str, &'b [Spanned<RawChunk<'a>>]>,
    memo: HashMap<&'a str, u64>,
    /// How many `@string`s deep each is defined, as far as found.
    depth: HashMap<&'a str, u64>,
}

impl<'a> Sizes<'a, '_> {
    fn of_field(&mut self, chunks: &[Spanned<RawChunk<'a>>]) -> u64 {
        chunks
            .iter()
            .map(|c| self.of_chunk(c))
            .fold(0, u64::saturating_add)
    }

    fn of_chunk(&mut self, c: &Spanned<RawChunk<'a>>) -> u64 {
        match c.v {
            RawChunk::Normal(s) => s.len() as u64,
            RawChunk::Abbreviation(a) => self.of_string(a),
        }
    }

    /// One `@string`'s size, found without recursion (a chain may be long). A name without
    /// a definition (a month, or a mistake the parser reports) counts as its own length; a
    /// loop (refused before this is asked) counts as nothing.
    fn of_string(&mut self, name: &'a str) -> u64 {
        let mut stack = vec![name];
        let mut open: std::collections::HashSet<&str> = Default::default();
        while let Some(&n) = stack.last() {
            if self.memo.contains_key(n) {
                stack.pop();
                continue;
            }
            let Some(def) = self.defs.get(n).copied() else {
                self.memo.insert(n, n.len() as u64);
                stack.pop();
                continue;
            };
            let pending: Vec<&'a str> = def
                .iter()
                .filter_map(|c| match c.v {
                    RawChunk::Abbreviation(a)
                        if !self.memo.contains_key(a) && !open.contains(a) =>
                    {
                        Some(a)
                    }
                    _ => None,
                })
                .collect();
            if pending.is_empty() || !open.insert(n) {
                let size = def
                    .iter()
                    .map(|c| match c.v {
                        RawChunk::Normal(s) => s.len() as u64,
                        RawChunk::Abbreviation(a) => self.memo.get(a).copied().unwrap_or(0),
                    })
                    .fold(0, u64::saturating_add);
                let depth = def
                    .iter()
                    .filter_map(|c| match c.v {
                        RawChunk::Abbreviation(a) if self.defs.contains_key(a) => {
                            Some(1 + self.depth.get(a).copied().unwrap_or(0))
                        }
                        _ => None,
                    })
                    .max()
                    .unwrap_or(0);
                self.memo.insert(n, size);
                self.depth.insert(n, depth);
                open.remove(n);
                stack.pop();
            } else {
                stack.extend(pending);
            }
        }
        self.memo.get(name).copied().unwrap_or(0)
    }
}
