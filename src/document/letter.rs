//! The cover letter: the header of the resume and CV in the same look, then the recipient,
//! the date, a subject line, the paragraphs, the closing and the signature name. Its text is
//! the document's own (`recipient`, `subject`, `paragraphs`, ... in `[documents.NAME]`).

use super::{DefaultSections, Kind};
use crate::profile::{GroupBy, Numbering, Paper, Select, VenueStyle};

/// The letter.
pub const KIND: Kind = Kind {
    name: "letter",
    title: "Cover Letter",
    sections: DefaultSections::Only(&[]),
    limits: &[],
    max_authors: None,
    select: (Select::Selected, Select::Recent),
    group_by: (GroupBy::None, GroupBy::None),
    numbering: Numbering::None,
    venue: VenueStyle::Short,
    paper: Paper::A4,
    font_size: 10.5,
    expected_pages: Some(1),
    preset: None,
};
