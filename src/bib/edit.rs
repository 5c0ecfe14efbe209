//! Edits to one entry of a .bib file's text that leave everything else as the user wrote it:
//! the value of one field replaced, or a field added before the entry's closing brace.
//! `vita sync --write` changes entries this way; the rest of the file keeps its bytes.

use std::ops::Range;

/// One `name = value` of an entry: the name (lower case) and the value as written.
#[derive(Debug, Clone, PartialEq)]
pub struct Field {
    pub name: String,
    /// The value as written, braces or quotes included (`{Backdoor Learning}`, `2022`,
    /// `tnnls`).
    pub raw: String,
    /// Where the value is in the text.
    pub value: Range<usize>,
}

impl Field {
    /// The value without its outer braces or quotes, white space collapsed.
    pub fn text(&self) -> String {
        let v = self.raw.trim();
        let v = v
            .strip_prefix('{')
            .and_then(|v| v.strip_suffix('}'))
            .or_else(|| v.strip_prefix('"').and_then(|v| v.strip_suffix('"')))
            .unwrap_or(v);
        v.split_whitespace().collect::<Vec<_>>().join(" ")
    }
}

/// The fields of the entry at `entry` (from its `@` to its closing brace) in `text`.
pub fn fields(text: &str, entry: Range<usize>) -> Vec<Field> {
    let body = &text[entry.clone()];
    let Some(open) = body.find(['{', '(']) else {
        return vec![];
    };
    let bytes = body.as_bytes();
    // Past the key: fields start after the first comma at depth 1.
    let Some(comma) = body[open..].find(',').map(|c| open + c) else {
        return vec![];
    };
    let mut out = vec![];
    let mut i = comma + 1;
    loop {
        while i < bytes.len() && (bytes[i].is_ascii_whitespace() || bytes[i] == b',') {
            i += 1;
        }
        let name_start = i;
        while i < bytes.len() && (bytes[i].is_ascii_alphanumeric() || b"_-:.+".contains(&bytes[i]))
        {
            i += 1;
        }
        if i == name_start {
            break;
        }
        let name = body[name_start..i].to_ascii_lowercase();
        while i < bytes.len() && bytes[i].is_ascii_whitespace() {
            i += 1;
        }
        if bytes.get(i) != Some(&b'=') {
            break;
        }
        i += 1;
        while i < bytes.len() && bytes[i].is_ascii_whitespace() {
            i += 1;
        }
        let start = i;
        // A value: braced, quoted or a bare word, joined by `#`, up to a comma or the end.
        let mut depth = 0i32;
        let mut quoted = false;
        // Where a `% comment` after the value began, while only comments and spaces follow.
        let mut comment: Option<usize> = None;
        while i < bytes.len() {
            let c = bytes[i];
            if comment.is_some()
                && !c.is_ascii_whitespace()
                && c != b'%'
                && c != b','
                && c != b'}'
                && c != b')'
            {
                comment = None;
            }
            match c {
                b'%' if depth == 0 && !quoted => {
                    comment.get_or_insert(i);
                    while i < bytes.len() && bytes[i] != b'\n' {
                        i += 1;
                    }
                    continue;
                }
                // `\{` and `\}` are characters of the value, not its braces.
                b'\\' => i += 1,
                b'{' => depth += 1,
                b'}' if depth == 0 => break,
                b'}' => depth -= 1,
                b'"' if depth == 0 => quoted = !quoted,
                b',' if depth == 0 && !quoted => break,
                b')' if depth == 0 && !quoted && body.as_bytes()[open] == b'(' => break,
                _ => {}
            }
            i += 1;
        }
        let mut end = comment.unwrap_or(i);
        while end > start && bytes[end - 1].is_ascii_whitespace() {
            end -= 1;
        }
        out.push(Field {
            name,
            raw: body[start..end].to_string(),
            value: entry.start + start..entry.start + end,
        });
        if i >= bytes.len() || bytes[i] != b',' {
            break;
        }
    }
    out
}

/// `text` with the field `name` of the entry at `entry` set to `{value}`: replaced where it
/// is, or added as the entry's last field, indented like the others.
pub fn set(text: &str, entry: Range<usize>, name: &str, value: &str) -> String {
    let fs = fields(text, entry.clone());
    let braced = format!("{{{value}}}");
    if let Some(f) = fs.iter().find(|f| f.name == name) {
        return format!("{}{braced}{}", &text[..f.value.start], &text[f.value.end..]);
    }
    // Before the closing brace: after the last field, with a comma between.
    let body = &text[entry.clone()];
    let close = entry.start + body.trim_end().len() - 1;
    let indent = fs
        .first()
        .map(|f| {
            let line_start = text[..f.value.start].rfind('\n').map_or(0, |n| n + 1);
            let line = &text[line_start..f.value.start];
            line[..line.len() - line.trim_start().len()].to_string()
        })
        .filter(|i| !i.is_empty())
        .unwrap_or_else(|| "  ".to_string());
    // Its `=` under theirs, when they align theirs (every `=` in one column).
    let columns: Vec<usize> = fs
        .iter()
        .map(|f| {
            let line_start = text[..f.value.start].rfind('\n').map_or(0, |n| n + 1);
            text[line_start..f.value.start].rfind('=').unwrap_or(0)
        })
        .collect();
    let column = match columns.first() {
        Some(c) if columns.len() > 1 && columns.iter().all(|x| x == c) => *c,
        _ => 0,
    };
    let pad = column.saturating_sub(indent.len() + name.len() + 1);
    // The comma goes right after the last value (a `% comment` may follow it on its line),
    // unless one is there already.
    let (head, rest) = match fs.last() {
        Some(last) if !text[last.value.end..close].trim_start().starts_with(',') => (
            format!("{},", &text[..last.value.end]),
            &text[last.value.end..close],
        ),
        _ => (
            text[..last_or(&fs, entry.start, close)].to_string(),
            &text[last_or(&fs, entry.start, close)..close],
        ),
    };
    let between = rest.trim_end();
    format!(
        "{head}{between}\n{indent}{name}{} = {braced},\n{}",
        " ".repeat(pad),
        &text[close..]
    )
}

/// Where the text after the last field starts: its value's end, or (no field) the entry's
/// key line's end, before the closing brace.
fn last_or(fs: &[Field], start: usize, close: usize) -> usize {
    fs.last().map_or(start, |f| f.value.end).min(close)
}

/// The whole entry (its `@`, up to its closing brace) whose citation key is at `key`.
pub fn entry_span(text: &str, key: Range<usize>) -> Option<Range<usize>> {
    let at = text[..key.start].rfind('@')?;
    let open = at + text[at..key.start].find(['{', '('])?;
    let (opening, closing) = if text.as_bytes()[open] == b'(' {
        (b'(', b')')
    } else {
        (b'{', b'}')
    };
    let mut depth = 0i32;
    let mut escaped = false;
    for (i, &c) in text.as_bytes()[open..].iter().enumerate() {
        if escaped {
            escaped = false;
            continue;
        }
        if c == b'\\' {
            escaped = true;
        } else if c == opening || (opening == b'(' && c == b'{') {
            depth += 1;
        } else if c == closing || (opening == b'(' && c == b'}') {
            depth -= 1;
            if depth == 0 {
                return Some(at..open + i + 1);
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    const BIB: &str = "% mine\n@article{li2022,\n    title = {Backdoor {L}earning},\n    journal = \"arXiv\" # \" preprint\",\n    year = 2022\n}\n\n@misc{other, title={X}}\n";

    #[test]
    fn escaped_braces_are_part_of_a_value() {
        let bib = "@misc{k,\n  note = {a \\} b},\n  year = {2020},\n}\n";
        let span = entry_span(bib, 6..7).unwrap();
        assert_eq!(span.end, bib.len() - 1);
        let fs = fields(bib, span.clone());
        assert_eq!(
            fs.iter().map(|f| f.name.as_str()).collect::<Vec<_>>(),
            ["note", "year"]
        );
        let set = set(bib, span, "doi", "10.1/x");
        assert!(
            set.contains("note = {a \\} b},\n  year = {2020},\n  doi  = {10.1/x},\n}"),
            "{set}"
        );
    }

    #[test]
    fn a_field_is_added_after_a_comment_on_the_last_line() {
        let bib = "@misc{k,\n  title = {T},\n  year = 2020 % the year\n}\n";
        let span = entry_span(bib, 6..7).unwrap();
        let set = set(bib, span, "doi", "10.1/x");
        assert_eq!(
            set,
            "@misc{k,\n  title = {T},\n  year = 2020, % the year\n  doi = {10.1/x},\n}\n"
        );
        let text: std::sync::Arc<str> = set.into();
        let (pubs, diags) = crate::bib::parse("t.bib", &text, None);
        assert!(diags.iter().all(|d| !d.is_error()), "{diags:?}");
        assert_eq!(pubs[0].doi.as_deref(), Some("10.1/x"));
    }

    #[test]
    fn an_entry_is_found_from_its_key() {
        let key = BIB.find("li2022").unwrap();
        let span = entry_span(BIB, key..key + 6).unwrap();
        assert_eq!(
            &BIB[span.clone()],
            &BIB[BIB.find('@').unwrap()..BIB.find("\n\n").unwrap()]
        );
    }

    #[test]
    fn fields_are_read_with_their_places() {
        let end = BIB.find("\n\n").unwrap();
        let fs = fields(BIB, BIB.find('@').unwrap()..end);
        let names: Vec<&str> = fs.iter().map(|f| f.name.as_str()).collect();
        assert_eq!(names, ["title", "journal", "year"]);
        assert_eq!(fs[0].text(), "Backdoor {L}earning");
        assert_eq!(fs[1].raw, "\"arXiv\" # \" preprint\"");
        assert_eq!(&BIB[fs[2].value.clone()], "2022");
    }

    #[test]
    fn a_field_is_replaced_or_added_and_nothing_else_moves() {
        let end = BIB.find("\n\n").unwrap();
        let at = BIB.find('@').unwrap();
        let replaced = set(BIB, at..end, "year", "2024");
        assert_eq!(replaced, BIB.replace("year = 2022", "year = {2024}"));
        let added = set(BIB, at..end, "doi", "10.1109/TNNLS.2022.3182979");
        assert!(added.contains("    year = 2022,\n    doi = {10.1109/TNNLS.2022.3182979},\n}\n\n@misc{other, title={X}}\n"), "{added}");
        assert!(added.starts_with("% mine\n@article{li2022,\n    title = {Backdoor {L}earning},"));
    }
}
