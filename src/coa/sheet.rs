//! The COA list as an .xlsx workbook laid out like NSF's COA template (sheet `NSF COA
//! Template`): five tables, each its instructions, a note over the optional column, a row of
//! column names that starts with the table's number, and its rows, in the template's columns
//! (A: type code, B: name, C: organisation, D: the optional column or the table's own, E: last
//! active). The headings and column names are the template's own, so rows can be copied
//! across. vita fills Tables 1 and 4; Tables 2, 3 and 5 (relationships, advisors and
//! advisees, editorial boards) are the person's to fill.

use rust_xlsxwriter::{
    DocProperties, ExcelDateTime, Format, FormatAlign, FormatBorder, Workbook, Worksheet, XlsxError,
};

use super::{Coa, us_date};
use crate::diag::Diagnostic;

/// The note the template puts over the optional column.
const DISAMBIGUATE: &str = "To disambiguate common names";

/// The optional column, as the template spells it (with two spaces).
const OPTIONAL: &str = "Optional  (email, Department)";

/// One table of the template: its lines of instructions and its column names.
struct Table {
    lines: &'static [&'static str],
    columns: [&'static str; 5],
}

const TABLE_1: Table = Table {
    lines: &[
        "Table 1: List your last name, first name, middle initial, and organizational affiliation (including considered affiliation) in the last 12 months.",
    ],
    columns: [
        "1",
        "Your Name:",
        "Your Organizational Affiliation(s), last 12 mo",
        "",
        "Last Active",
    ],
};

const TABLE_2: Table = Table {
    lines: &[
        "Table 2: List names as last name, first name, middle initial, for whom a personal, family, or business relationship would otherwise preclude their service as a reviewer.",
        "Select \"R:\" for column A to designate relationships that would otherwise preclude their service as a reviewer.",
    ],
    columns: ["2", "Name", "Type of Relationship", OPTIONAL, "Last Active"],
};

const TABLE_3: Table = Table {
    lines: &[
        "Table 3: List names as last name, first name, middle initial, and provide organizational affiliations, if known, for the following:",
        "G: The individual's Ph.D. advisors; and",
        "T: All of the individual's Ph.D. thesis advisees.",
    ],
    columns: [
        "3",
        "Advisor/Advisee Name:",
        "Organizational Affiliation",
        OPTIONAL,
        "",
    ],
};

const TABLE_4: Table = Table {
    lines: &[
        "Table 4: List names as last name, first name, middle initial, and provide organizational affiliations, if known, for the following:",
        "A: Co-authors on any book, article, report, abstract or paper with collaboration in the last 48 months (publication date may be later); and",
        "C: Collaborators on projects, such as funded awards, graduate research or others in the last 48 months.",
    ],
    columns: [
        "4",
        "Name:",
        "Organizational Affiliation",
        OPTIONAL,
        "Last Active",
    ],
};

const TABLE_5: Table = Table {
    lines: &[
        "Table 5: List editorial board, editor-in chief and co-editors with whom the individual interacts. An editor-in-chief must list the entire editorial board.",
        "B: Editorial Board: List name(s) of editor-in-chief and journal in the past 24 months; and",
        "E: Other co-Editors of journal or collections with whom the individual has directly interacted in the last 24 months.",
    ],
    columns: [
        "5",
        "Name:",
        "Journal / Collection",
        OPTIONAL,
        "Last Active",
    ],
};

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
    sheet.set_name("NSF COA Template")?;
    Sheet::new(sheet).layout(c)?;
    book.save_to_buffer()
}

/// The worksheet being written, with the next free row and the formats.
struct Sheet<'a> {
    ws: &'a mut Worksheet,
    row: u32,
    cell: Format,
}

impl<'a> Sheet<'a> {
    fn new(ws: &'a mut Worksheet) -> Self {
        let cell = Format::new().set_border(FormatBorder::Thin).set_text_wrap();
        Sheet { ws, row: 0, cell }
    }

    /// A table's instructions, its note and its column names.
    fn head(&mut self, t: &Table) -> Result<(), XlsxError> {
        let line = Format::new().set_text_wrap();
        let first = line.clone().set_bold();
        for (i, text) in t.lines.iter().enumerate() {
            let f = if i == 0 { &first } else { &line };
            self.ws.merge_range(self.row, 0, self.row, 4, text, f)?;
            let long = text.chars().count() > 110;
            self.ws
                .set_row_height(self.row, if long { 27 } else { 15 })?;
            self.row += 1;
        }
        if !t.columns[3].is_empty() {
            let note = Format::new().set_italic().set_font_size(9);
            self.ws
                .write_string_with_format(self.row, 3, DISAMBIGUATE, &note)?;
            self.row += 1;
        }
        let head = Format::new()
            .set_bold()
            .set_background_color("#D9D9D9")
            .set_border(FormatBorder::Thin)
            .set_text_wrap();
        for (i, name) in t.columns.iter().enumerate() {
            self.ws
                .write_string_with_format(self.row, i as u16, *name, &head)?;
        }
        self.row += 1;
        Ok(())
    }

    /// One row of five cells, the last (a date) set right.
    fn line(&mut self, cells: [&str; 5]) -> Result<(), XlsxError> {
        let date = self.cell.clone().set_align(FormatAlign::Right);
        for (i, text) in cells.iter().enumerate() {
            let f = if i == 4 { &date } else { &self.cell };
            self.ws
                .write_string_with_format(self.row, i as u16, *text, f)?;
        }
        self.row += 1;
        Ok(())
    }

    fn layout(mut self, c: &Coa) -> Result<(), XlsxError> {
        for (col, width) in [(0, 8.0), (1, 32.0), (2, 42.0), (3, 30.0), (4, 13.0)] {
            self.ws.set_column_width(col, width)?;
        }
        self.ws.set_landscape();
        self.ws.set_print_fit_to_pages(1, 0);
        let title = Format::new().set_bold().set_font_size(14);
        self.ws.write_string_with_format(
            0,
            0,
            "NSF Collaborators and Other Affiliations (COA)",
            &title,
        )?;
        self.ws.write_string(
            1,
            0,
            format!(
                "Co-authors and collaborators from {} to {} (48 months), made by vita from the profile; check every row, then copy the rows into NSF's own template.",
                us_date(&c.since),
                us_date(&c.as_of)
            ),
        )?;
        self.row = 3;

        self.head(&TABLE_1)?;
        if c.affiliations.is_empty() {
            self.line(["", &c.person, "", "", ""])?;
        }
        for (org, last) in &c.affiliations {
            self.line(["", &c.person, org, "", &us_date(last)])?;
        }
        self.row += 1;

        for t in [&TABLE_2, &TABLE_3] {
            self.head(t)?;
            self.line([""; 5])?;
            self.row += 1;
        }

        self.head(&TABLE_4)?;
        for r in &c.rows {
            self.line([
                r.code,
                &r.name,
                r.organisation.as_deref().unwrap_or(""),
                r.optional.as_deref().unwrap_or(""),
                &us_date(&r.last_active),
            ])?;
        }
        if c.rows.is_empty() {
            self.line([""; 5])?;
        }
        self.row += 1;

        self.head(&TABLE_5)?;
        self.line([""; 5])
    }
}
