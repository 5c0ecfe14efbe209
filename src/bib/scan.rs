//! The blocks of a .bib file (`@article{...}`, `@string{...}`, `@comment{...}`) found before
//! the parser runs, as the parser will see them: what lies between blocks is ignored, a `%`
//! there starts a comment line, a `\` inside a block escapes the next character.
//!
//! With them, braces nested absurdly deep are refused whatever the number of `@`s inside
//! them, and `@comment` and `@preamble` blocks are blanked out, braces balanced, before the
//! parser (which ends an `@comment` at its first `}` and takes a `@preamble` of one quoted
//! string only) sees them.

use std::ops::Range;

/// How deep braces may nest in a .bib file; real files stay below 10.
pub(super) const MAX_BRACE_DEPTH: usize = 64;

/// One `@kind{...}` block at the top level of a file.
#[derive(Debug)]
pub(super) struct Block {
    /// The block's kind as written after `@`, in lowercase.
    pub kind: String,
    /// From its `@` to just after its closing brace, or to the end of the file when it is
    /// not closed.
    pub span: Range<usize>,
    /// Whether its closing brace was found.
    pub closed: bool,
    /// Where braces first nest deeper than [`MAX_BRACE_DEPTH`] in it.
    pub too_deep: Option<usize>,
}

/// The file's blocks, in order.
pub(super) fn blocks(text: &str) -> Vec<Block> {
    let bytes = text.as_bytes();
    let mut out = vec![];
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'%' => {
                while i < bytes.len() && bytes[i] != b'\n' {
                    i += 1;
                }
            }
            b'@' => {
                let start = i;
                i += 1;
                let name = i;
                // As the parser's identifiers: up to white space or a delimiter.
                i += text[i..]
                    .find(|c: char| {
                        c.is_whitespace() || c.is_control() || "@{}\"#'(),=%\\~".contains(c)
                    })
                    .unwrap_or(text.len() - i);
                let kind = text[name..i].to_ascii_lowercase();
                // White space as the parser skips it, Unicode's included.
                let rest = &text[i..];
                i += rest.len() - rest.trim_start().len();
                if bytes.get(i) != Some(&b'{') {
                    continue;
                }
                let mut depth = 0usize;
                let mut too_deep = None;
                let mut closed = false;
                while i < bytes.len() {
                    match bytes[i] {
                        b'\\' => i += 1,
                        b'{' => {
                            depth += 1;
                            if depth > MAX_BRACE_DEPTH && too_deep.is_none() {
                                too_deep = Some(i);
                            }
                        }
                        b'}' => {
                            depth -= 1;
                            if depth == 0 {
                                i += 1;
                                closed = true;
                                break;
                            }
                        }
                        _ => {}
                    }
                    i += 1;
                }
                let end = i.min(bytes.len());
                out.push(Block {
                    kind,
                    span: start..end,
                    closed,
                    too_deep,
                });
                continue;
            }
            _ => {}
        }
        i += 1;
    }
    out
}

/// `text` with each closed `@comment` and `@preamble` block replaced by spaces (line breaks
/// kept), so that every offset in it stays true.
pub(super) fn blank_comments(text: &str, blocks: &[Block]) -> String {
    let mut bytes = text.as_bytes().to_vec();
    for b in blocks
        .iter()
        .filter(|b| b.closed && matches!(b.kind.as_str(), "comment" | "preamble"))
    {
        for byte in &mut bytes[b.span.clone()] {
            if *byte != b'\n' {
                *byte = b' ';
            }
        }
    }
    // Whole characters were replaced, each byte by an ASCII space.
    String::from_utf8(bytes).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into())
}
