//! Table 4 of the COA list as CSV.

use super::Coa;

/// Table 4 as CSV (RFC 4180, with a header row): type, name, organisation, the optional
/// column, the last active date as ISO 8601 to the precision known.
pub fn csv(c: &Coa) -> String {
    let mut out = String::new();
    let mut line = |cells: &[&str]| {
        let cells: Vec<String> = cells.iter().map(|s| csv_cell(s)).collect();
        out.push_str(&cells.join(","));
        out.push_str("\r\n");
    };
    line(&[
        "Type",
        "Name",
        "Organizational Affiliation",
        "Optional (email, Department)",
        "Last Active",
    ]);
    for r in &c.rows {
        line(&[
            r.code,
            &r.name,
            r.organisation.as_deref().unwrap_or(""),
            r.optional.as_deref().unwrap_or(""),
            &r.last_active.iso(),
        ]);
    }
    out
}

/// One CSV cell: quoted when it holds a comma, quote or line break; a leading `=`, `+`, `-`
/// or `@` is escaped so spreadsheets do not run it as a formula.
fn csv_cell(s: &str) -> String {
    let s = if s.starts_with(['=', '+', '-', '@']) {
        format!("'{s}")
    } else {
        s.to_string()
    };
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_cells_are_quoted_and_defused() {
        assert_eq!(csv_cell("Li, Yuezun"), "\"Li, Yuezun\"");
        assert_eq!(csv_cell("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(csv_cell("=1+1"), "'=1+1");
        assert_eq!(csv_cell("MIT"), "MIT");
    }
}
