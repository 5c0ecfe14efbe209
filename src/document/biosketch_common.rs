//! The Biographical Sketch Common Form alone, as NSF and other US agencies take it.

use super::{DefaultSections, Kind};
use crate::profile::{GroupBy, Numbering, Paper, Select, VenueStyle};

/// The Common Form biosketch.
pub const KIND: Kind = Kind {
    name: "biosketch-common",
    title: "Biographical Sketch",
    sections: DefaultSections::Form(&[
        "identity",
        "preparation",
        "appointments",
        "products",
        "other_products",
    ]),
    limits: &[],
    max_authors: None,
    select: (Select::All, Select::All),
    group_by: (GroupBy::None, GroupBy::None),
    numbering: Numbering::Forward,
    venue: VenueStyle::Full,
    paper: Paper::UsLetter,
    font_size: 10.5,
    preset: Some("common-form"),
    expected_pages: None,
};
