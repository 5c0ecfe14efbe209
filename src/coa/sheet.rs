//! The COA list as an .xlsx workbook laid out like NSF's COA template: five tables, each a
//! heading, a row of column names and its rows, in the template's columns (A: type code,
//! B: name, C: organisation, D: the optional column or the table's own, E: last active).
//! vita fills Tables 1 and 4; Tables 2, 3 and 5 (relationships, advisors and advisees,
//! editorial boards) are the person's to fill.

use rust_xlsxwriter::{
    DocProperties, ExcelDateTime, Format, FormatAlign, FormatBorder, Workbook, Worksheet, XlsxError,
};

use super::{Coa, us_date};
use crate::diag::Diagnostic;

/// The tables of NSF's template that vita leaves empty: heading and column names.
const EMPTY_TABLES: &[(usize, &str, [&str; 5])] = &[
    (
        2,
        "Table 2: people with whom a personal, family or business relationship would otherwise preclude their service as a reviewer (R:)",
        [
            "R:",
            "Name:",
            "Type of Relationship",
            "Optional (email, Department)",
            "Last Active",
        ],
    ),
    (
        3,
        "Table 3: your own graduate advisors (G:) and your Ph.D. thesis advisees (T:)",
        [
            "G:/T:",
            "Advisor/Advisee Name:",
            "Organizational Affiliation",
            "Optional (email, Department)",
            "",
        ],
    ),
];

/// Writes the workbook; its timestamps are the reference date, so the same input gives the
/// same bytes.
pub fn xlsx(c: &Coa) -> Result<Vec<u8>, Diagnostic> {
    write(c).map_err(|e| Diagnostic::error(format!("cannot write the COA workbook: {e}")))
}

fn write(c: &Coa) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    let (y, m, d) = c.as_of.ymd().unwrap_or((1970, 1, 1));
    let stamp = ExcelDateTime::from_ymd(y as u16, m, d)?;
    book.set_properties(
        &DocProperties::new()
            .set_title("NSF Collaborators and Other Affiliations")
            .set_author(c.person.as_str())
            .set_creation_datetime(&stamp),
    );
    let sheet = book.add_worksheet();
    sheet.set_name("NSF COA")?;
    layout(sheet, c)?;
    book.save_to_buffer()
}

fn layout(sheet: &mut Worksheet, c: &Coa) -> Result<(), XlsxError> {
    let title = Format::new().set_bold().set_font_size(14);
    let heading = Format::new().set_bold().set_text_wrap();
    let head = Format::new()
        .set_bold()
        .set_background_color("#D9D9D9")
        .set_border(FormatBorder::Thin)
        .set_text_wrap();
    let cell = Format::new().set_border(FormatBorder::Thin).set_text_wrap();
    let date = cell.clone().set_align(FormatAlign::Right);
    for (col, width) in [(0, 8.0), (1, 32.0), (2, 42.0), (3, 30.0), (4, 13.0)] {
        sheet.set_column_width(col, width)?;
    }
    sheet.set_landscape();
    sheet.set_print_fit_to_pages(1, 0);

    let mut row: u32 = 0;
    sheet.write_string_with_format(
        row,
        0,
        "NSF Collaborators and Other Affiliations (COA)",
        &title,
    )?;
    row += 1;
    sheet.write_string(
        row,
        0,
        format!(
            "Co-authors and collaborators from {} to {} (48 months), made by vita; check every row before you copy it into NSF's template.",
            us_date(&c.since),
            us_date(&c.as_of)
        ),
    )?;
    row += 2;

    // Table 1: the person.
    let table = |sheet: &mut Worksheet, row: &mut u32, text: &str, cols: [&str; 5]| {
        sheet.merge_range(*row, 0, *row, 4, text, &heading)?;
        sheet.set_row_height(*row, 30)?;
        *row += 1;
        for (i, name) in cols.iter().enumerate() {
            sheet.write_string_with_format(*row, i as u16, *name, &head)?;
        }
        *row += 1;
        Ok::<(), XlsxError>(())
    };
    table(
        sheet,
        &mut row,
        "Table 1: your name (family name first) and your organizational affiliation(s) in the last 12 months",
        [
            "",
            "Your Name:",
            "Your Organizational Affiliation(s), last 12 mo",
            "",
            "Last Active",
        ],
    )?;
    let affiliations: Vec<(String, String)> = if c.affiliations.is_empty() {
        vec![(String::new(), String::new())]
    } else {
        c.affiliations
            .iter()
            .map(|(o, d)| (o.clone(), us_date(d)))
            .collect()
    };
    for (org, last) in &affiliations {
        sheet.write_string_with_format(row, 0, "", &cell)?;
        sheet.write_string_with_format(row, 1, &c.person, &cell)?;
        sheet.write_string_with_format(row, 2, org, &cell)?;
        sheet.write_string_with_format(row, 3, "", &cell)?;
        sheet.write_string_with_format(row, 4, last, &date)?;
        row += 1;
    }
    row += 1;

    for (_, text, cols) in EMPTY_TABLES {
        table(sheet, &mut row, text, *cols)?;
        for col in 0..5 {
            sheet.write_string_with_format(row, col, "", &cell)?;
        }
        row += 2;
    }

    table(
        sheet,
        &mut row,
        "Table 4: co-authors on any book, article, report, abstract or paper (A:) and collaborators on projects (C:) in the last 48 months, with their organizational affiliations",
        [
            "A:/C:",
            "Name:",
            "Organizational Affiliation",
            "Optional (email, Department)",
            "Last Active",
        ],
    )?;
    for r in &c.rows {
        sheet.write_string_with_format(row, 0, r.code, &cell)?;
        sheet.write_string_with_format(row, 1, &r.name, &cell)?;
        sheet.write_string_with_format(row, 2, r.organisation.as_deref().unwrap_or(""), &cell)?;
        sheet.write_string_with_format(row, 3, r.optional.as_deref().unwrap_or(""), &cell)?;
        sheet.write_string_with_format(row, 4, us_date(&r.last_active), &date)?;
        row += 1;
    }
    if c.rows.is_empty() {
        for col in 0..5 {
            sheet.write_string_with_format(row, col, "", &cell)?;
        }
        row += 1;
    }
    row += 1;

    table(
        sheet,
        &mut row,
        "Table 5: editorial board (B:) and co-editors (E:) in the last 24 months",
        [
            "B:/E:",
            "Name:",
            "Organizational Affiliation",
            "Journal/Collection",
            "Last Active",
        ],
    )?;
    for col in 0..5 {
        sheet.write_string_with_format(row, col, "", &cell)?;
    }
    Ok(())
}
