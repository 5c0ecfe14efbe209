//! The profile's JSON Schema, generated from the Rust types of [`crate::profile`] (one source
//! of truth): `vita schema` prints it, `vita init` writes it beside a new profile, and TOML
//! editors (Taplo, Even Better TOML) read it through a `#:schema` line to complete and check
//! keys. `schema/profile.schema.json` is a copy kept in sync by a test.
//!
//! Types that read themselves by hand (dates, lengths, colours, named tables) describe their
//! values here, the way their `Deserialize` accepts them.

use std::borrow::Cow;

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde_json::Value;

use crate::profile::design::{Colour, Dimension, Fonts, Margin};
use crate::profile::options::{Length, Named, Pattern};
use crate::profile::{Date, Links, Profile};

/// The schema of a profile, as pretty-printed JSON with a final newline.
pub fn json() -> String {
    let mut schema = schemars::generate::SchemaSettings::draft07()
        .into_generator()
        .into_root_schema_for::<Profile>();
    schema.insert(
        "title".into(),
        Value::from("vita profile (profile.toml, schema v1)"),
    );
    let mut value = schema.to_value();
    tidy(&mut value);
    translatable(&mut value);
    let mut text = serde_json::to_string_pretty(&value).unwrap_or_default();
    text.push('\n');
    text
}

/// Fits the generated schema to TOML: TOML has no `null`, so an absent key is how a value is
/// left out (`Option` fields lose their `null` alternative and default); and keys that serde
/// also reads under a second name (`organization`) are accepted under both.
fn tidy(v: &mut Value) {
    match v {
        Value::Object(map) => {
            if map.get("default") == Some(&Value::Null) {
                map.remove("default");
            }
            if let Some(Value::Array(types)) = map.get_mut("type") {
                types.retain(|t| t != "null");
                if types.len() == 1 {
                    let one = types.remove(0);
                    map.insert("type".into(), one);
                }
            }
            if let Some(Value::Array(any)) = map.get_mut("anyOf") {
                any.retain(|s| s.get("type").is_none_or(|t| t != "null"));
                if any.len() == 1
                    && let Some(Value::Object(only)) = map
                        .remove("anyOf")
                        .and_then(|mut a| a.as_array_mut().map(|a| a.remove(0)))
                {
                    for (k, val) in only {
                        map.entry(k).or_insert(val);
                    }
                }
            }
            if let Some(Value::Object(props)) = map.get_mut("properties") {
                for (key, alias) in [("organisation", "organization"), ("id", "key")] {
                    // `key` is an alias only of a publication's `id` (its citation key).
                    if alias == "key" && !props.contains_key("venue_short") {
                        continue;
                    }
                    if let Some(s) = props.get(key).cloned() {
                        props.entry(alias).or_insert(s);
                    }
                }
            }
            map.values_mut().for_each(tidy);
        }
        Value::Array(a) => a.iter_mut().for_each(tidy),
        _ => {}
    }
}

/// Any text may be written as a table of languages (`{ en = "...", zh-Hans = "..." }`, see
/// `crate::locale::translate`): each plain string of the schema (no pattern, no fixed
/// values) also takes such a table.
fn translatable(v: &mut Value) {
    match v {
        Value::Object(map) => {
            let plain = map.get("type") == Some(&Value::from("string"))
                && !map.contains_key("pattern")
                && !map.contains_key("enum")
                && !map.contains_key("const")
                && !map.contains_key("format");
            if plain {
                let text = Value::Object(std::mem::take(map));
                let languages = serde_json::json!({
                    "description": "The text in several languages: `{ en = \"...\", zh-Hans = \"...\" }`.",
                    "type": "object",
                    "propertyNames": { "pattern": "^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$" },
                    "additionalProperties": { "type": "string" },
                    "minProperties": 1
                });
                map.insert("anyOf".into(), Value::Array(vec![text, languages]));
                return;
            }
            map.values_mut().for_each(translatable);
        }
        Value::Array(a) => a.iter_mut().for_each(translatable),
        _ => {}
    }
}

/// A file name or a list of them (`bibliography`).
#[derive(JsonSchema)]
#[serde(untagged)]
#[allow(dead_code)]
pub enum OneOrMany {
    /// One file.
    One(String),
    /// Several files.
    Many(Vec<String>),
}

macro_rules! schema {
    ($t:ty, $name:literal, $schema:tt) => {
        impl JsonSchema for $t {
            fn schema_name() -> Cow<'static, str> {
                $name.into()
            }
            fn json_schema(_: &mut SchemaGenerator) -> Schema {
                json_schema!($schema)
            }
        }
    };
}

schema!(Date, "Date", {
    "description": "A year (2021), a month (\"2021-09\"), a day (2021-09-29) or \"present\" to end a period.",
    "anyOf": [
        { "type": "integer", "minimum": 1000, "maximum": 9999 },
        { "type": "string", "pattern": "^([0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?|[Pp][Rr][Ee][Ss][Ee][Nn][Tt])$" }
    ]
});

schema!(Links, "Links", {
    "description": "Labelled links: `{ pdf = \"https://...\", code = \"https://...\" }`.",
    "type": "object",
    "additionalProperties": { "type": "string" }
});

schema!(Length, "Length", {
    "description": "A length with its unit: \"2cm\", \"0.75in\", \"18mm\", \"36pt\".",
    "type": "string",
    "pattern": "^\\s*[0-9]+(\\.[0-9]+)?\\s*(pt|mm|cm|in)\\s*$"
});

schema!(Pattern, "Pattern", {
    "description": "A file name with `{doc}` (the document's name) and `{name}` (the person's): \"{name}-{doc}.pdf\".",
    "type": "string"
});

schema!(Colour, "Colour", {
    "description": "A colour: `#` and 3 or 6 hex digits, such as \"#1d4e89\".",
    "type": "string",
    "pattern": "^#([0-9a-fA-F]{3}|[0-9a-fA-F]{6})$"
});

schema!(Dimension, "Dimension", {
    "description": "A length with its unit (pt, mm, cm, in or em): \"1.9cm\".",
    "type": "string",
    "pattern": "^[0-9]+(\\.[0-9]+)?(pt|mm|cm|in|em)$"
});

schema!(Fonts, "Fonts", {
    "description": "A face, or faces in order of preference.",
    "anyOf": [
        { "type": "string", "minLength": 1 },
        { "type": "array", "items": { "type": "string", "minLength": 1 }, "minItems": 1 }
    ]
});

impl JsonSchema for Margin {
    fn schema_name() -> Cow<'static, str> {
        "Margin".into()
    }
    fn json_schema(g: &mut SchemaGenerator) -> Schema {
        let d = g.subschema_for::<Dimension>();
        json_schema!({
            "description": "Page margins: one length for every side, or `{ x, top, bottom }`.",
            "anyOf": [
                d,
                {
                    "type": "object",
                    "properties": { "x": d, "top": d, "bottom": d },
                    "additionalProperties": false
                }
            ]
        })
    }
}

impl JsonSchema for crate::profile::Collaborators {
    fn schema_name() -> Cow<'static, str> {
        "Collaborators".into()
    }
    fn json_schema(g: &mut SchemaGenerator) -> Schema {
        let table = g.subschema_for::<crate::profile::collaborators::Collaborator>();
        json_schema!({
            "description": "Co-authors' organisations for `vita coa`: a name to its organisation, or to a table.",
            "type": "object",
            "additionalProperties": { "anyOf": [ { "type": "string" }, table ] }
        })
    }
}

impl<T: JsonSchema> JsonSchema for Named<T> {
    fn schema_name() -> Cow<'static, str> {
        format!("Named_{}", T::schema_name()).into()
    }
    fn json_schema(g: &mut SchemaGenerator) -> Schema {
        let item = g.subschema_for::<T>();
        json_schema!({
            "type": "object",
            "additionalProperties": item
        })
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_schema_is_json_that_names_every_top_level_key() {
        let v: serde_json::Value = serde_json::from_str(&super::json()).unwrap();
        let props = v["properties"].as_object().unwrap();
        for key in crate::profile::top_level_keys() {
            assert!(props.contains_key(*key), "no `{key}` in the schema");
        }
        assert_eq!(v["additionalProperties"], false);
    }
}
