//! Where each key and value of the profile stands in its file.
//!
//! serde gives typed values without positions; this index, built from a span-keeping parse of
//! the same text, lets any later check point at `publications[3].year` in the file.

use std::fmt;
use std::ops::Range;

use toml_edit::{ImDocument, Item, Table, Value};

/// One step of a path into the profile.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Seg {
    /// A key of a table.
    Key(String),
    /// An element of an array, 0-based.
    Index(usize),
}

/// A path such as `publications[2].year` (printed 1-based: `publications[3].year`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct KeyPath(pub Vec<Seg>);

impl KeyPath {
    /// The path of a document's table: `cv`, or `documents.nih` for a named document.
    pub fn document(name: &str) -> Self {
        match name {
            "resume" | "cv" => KeyPath::key(name),
            _ => KeyPath::key("documents").k(name),
        }
    }

    /// The path of a top-level key.
    pub fn key(k: &str) -> Self {
        KeyPath(vec![Seg::Key(k.into())])
    }

    /// This path with a key appended.
    pub fn k(&self, k: &str) -> Self {
        let mut p = self.clone();
        p.0.push(Seg::Key(k.into()));
        p
    }

    /// This path with an array index appended.
    pub fn i(&self, i: usize) -> Self {
        let mut p = self.clone();
        p.0.push(Seg::Index(i));
        p
    }
}

impl fmt::Display for KeyPath {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        for (n, seg) in self.0.iter().enumerate() {
            match seg {
                Seg::Key(k) if n == 0 => write!(f, "{k}")?,
                Seg::Key(k) => write!(f, ".{k}")?,
                Seg::Index(i) => write!(f, "[{}]", i + 1)?,
            }
        }
        Ok(())
    }
}

/// A key or value and where it is.
#[derive(Debug, Clone)]
struct Place {
    path: KeyPath,
    key: Option<Range<usize>>,
    value: Option<Range<usize>>,
    /// A `[table]` or `[[array]]` of tables, which spans more than its header.
    table: bool,
}

/// All places of a parsed profile, indexed on first use: a profile without problems never
/// needs them, and indexing a large profile costs as much as parsing it (`vita watch`
/// reloads the profile on every save).
#[derive(Debug)]
pub struct Spans {
    text: String,
    index: std::sync::OnceLock<Index>,
}

impl Spans {
    /// The places of a TOML text, to be indexed when first asked for; an unparsable text
    /// gives an empty index.
    pub fn new(text: &str) -> Self {
        Spans {
            text: text.to_string(),
            index: std::sync::OnceLock::new(),
        }
    }

    fn index(&self) -> &Index {
        self.index.get_or_init(|| Index::new(&self.text))
    }

    /// The span to point at for a path: its value, else its key, else the nearest parent's.
    pub fn find(&self, path: &KeyPath) -> Option<Range<usize>> {
        self.index().find(path)
    }

    /// The innermost path whose value contains a byte offset.
    pub fn path_at(&self, offset: usize) -> Option<&KeyPath> {
        self.index().path_at(offset)
    }

    /// The whole `key = value` line range that holds a byte offset, for the outermost key
    /// below a table; `None` inside a `[table]` header or where nothing parsed.
    pub fn entry_at(&self, offset: usize) -> Option<Range<usize>> {
        self.index().entry_at(offset)
    }
}

/// The index behind [`Spans`].
#[derive(Debug, Default)]
struct Index {
    places: Vec<Place>,
    /// Index into `places` by path, so lookups stay fast with 10,000 entries.
    by_path: std::collections::HashMap<KeyPath, usize>,
}

impl Index {
    fn new(text: &str) -> Self {
        let mut spans = Index::default();
        if let Ok(doc) = ImDocument::parse(text) {
            spans.table(&KeyPath::default(), doc.as_table());
        }
        for (i, p) in spans.places.iter().enumerate() {
            spans.by_path.entry(p.path.clone()).or_insert(i);
        }
        spans
    }

    /// The span to point at for a path: its value, else its key, else the nearest parent's.
    pub fn find(&self, path: &KeyPath) -> Option<Range<usize>> {
        let mut path = path.clone();
        loop {
            if let Some(p) = self.place(&path) {
                if let Some(r) = p.value.clone().or(p.key.clone()) {
                    return Some(r);
                }
            }
            path.0.pop()?;
        }
    }

    fn place(&self, path: &KeyPath) -> Option<&Place> {
        self.by_path.get(path).map(|&i| &self.places[i])
    }

    /// The innermost path whose value contains a byte offset.
    pub fn path_at(&self, offset: usize) -> Option<&KeyPath> {
        self.places
            .iter()
            .filter(|p| {
                p.value.as_ref().is_some_and(|r| r.contains(&offset))
                    || p.key.as_ref().is_some_and(|r| r.contains(&offset))
            })
            .max_by_key(|p| p.path.0.len())
            .map(|p| &p.path)
    }

    /// The whole `key = value` line range that holds a byte offset, for the outermost key
    /// below a table; `None` inside a `[table]` header or where nothing parsed.
    pub fn entry_at(&self, offset: usize) -> Option<Range<usize>> {
        let inner = self.path_at(offset)?.clone();
        let mut path = inner;
        let mut best = None;
        while !path.0.is_empty() {
            if let Some(p) = self.place(&path) {
                if p.table {
                    break;
                }
                if let (Some(k), Some(v)) = (&p.key, &p.value) {
                    best = Some(k.start..v.end);
                }
            }
            path.0.pop();
        }
        best
    }

    fn table(&mut self, path: &KeyPath, table: &Table) {
        for (k, item) in table.iter() {
            let key = table.get_key_value(k).and_then(|(key, _)| key.span());
            self.item(path.k(k), key, item);
        }
    }

    fn item(&mut self, path: KeyPath, key: Option<Range<usize>>, item: &Item) {
        match item {
            Item::None => {}
            Item::Value(v) => self.value(path, key, v),
            Item::Table(t) => {
                self.places.push(Place {
                    path: path.clone(),
                    key,
                    value: t.span(),
                    table: true,
                });
                self.table(&path, t);
            }
            Item::ArrayOfTables(a) => {
                self.places.push(Place {
                    path: path.clone(),
                    key,
                    value: a.span(),
                    table: true,
                });
                for (i, t) in a.iter().enumerate() {
                    self.places.push(Place {
                        path: path.i(i),
                        key: None,
                        value: t.span(),
                        table: true,
                    });
                    self.table(&path.i(i), t);
                }
            }
        }
    }

    fn value(&mut self, path: KeyPath, key: Option<Range<usize>>, v: &Value) {
        self.places.push(Place {
            path: path.clone(),
            key,
            value: v.span(),
            table: false,
        });
        match v {
            Value::Array(a) => {
                for (i, v) in a.iter().enumerate() {
                    self.value(path.i(i), None, v);
                }
            }
            Value::InlineTable(t) => {
                for (k, v) in t.iter() {
                    let key = t.get_key_value(k).and_then(|(key, _)| key.span());
                    self.value(path.k(k), key, v);
                }
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_nested_values() {
        let text = "[person]\nname = \"A\"\n\n[[publications]]\ntitle = \"x\"\n[[publications]]\ntitle = \"y\"\nyear = 2021\n";
        let spans = Spans::new(text);
        let p = KeyPath::key("publications").i(1).k("year");
        assert_eq!(p.to_string(), "publications[2].year");
        let r = spans.find(&p).unwrap();
        assert_eq!(&text[r], "2021");
        let at = text.find("2021").unwrap();
        assert_eq!(spans.path_at(at), Some(&p));
    }
}
