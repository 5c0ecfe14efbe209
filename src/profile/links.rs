//! Labelled links (`links = { pdf = "...", code = "..." }`), kept in the order written.

use std::fmt;

use serde::de::{Deserializer, MapAccess, Visitor};
use serde::{Deserialize, Serialize};

/// Labelled URLs in the order the user wrote them.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Links(pub Vec<(String, String)>);

impl Links {
    /// Whether there are no links.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl<'de> Deserialize<'de> for Links {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct LinksVisitor;
        impl<'de> Visitor<'de> for LinksVisitor {
            type Value = Links;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a table of labels and URLs, such as `{ pdf = \"https://...\" }`")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Links, A::Error> {
                let mut links = Vec::new();
                while let Some((label, url)) = map.next_entry::<String, String>()? {
                    links.push((label, url));
                }
                Ok(Links(links))
            }
        }
        d.deserialize_map(LinksVisitor)
    }
}
