//! The resume: one or two pages, the strongest entries only.

use super::{DefaultSections, Kind};
use crate::profile::{GroupBy, Numbering, Paper, Select, VenueStyle};

/// The resume.
pub const KIND: Kind = Kind {
    name: "resume",
    title: "Résumé",
    sections: DefaultSections::Only(&[
        "summary",
        "education",
        "experience",
        "projects",
        "publications",
        "awards",
        "volunteering",
        "skills",
        "certifications",
        "languages",
    ]),
    limits: &[
        ("publications", 6),
        ("awards", 5),
        ("news", 3),
        ("talks", 3),
    ],
    max_authors: Some(6),
    select: (Select::Selected, Select::Recent),
    group_by: (GroupBy::None, GroupBy::None),
    numbering: Numbering::None,
    venue: VenueStyle::Short,
    paper: Paper::A4,
    font_size: 9.5,
    expected_pages: Some(1),
    preset: None,
};
