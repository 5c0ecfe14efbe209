//! Every value of a profile's TOML with its key path (`education[1].degree`, numbered from 1
//! as messages number entries), for checks that run on the text before it is read into types:
//! the tables of languages (`locale::translate`) and the bounds on one text (`sizes`).

use toml_edit::{Item, Table, Value};

/// Calls `f` with each value below `t` and its path; `f` returns whether to go on into the
/// value's own inline table or array.
pub fn values(t: &Table, f: &mut dyn FnMut(&str, &Value) -> bool) {
    table(t, "", f);
}

/// `path.key`, or `key` at the top.
pub fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_string()
    } else {
        format!("{path}.{key}")
    }
}

fn table(t: &Table, path: &str, f: &mut dyn FnMut(&str, &Value) -> bool) {
    for (k, item) in t.iter() {
        let path = join(path, k);
        match item {
            Item::Value(v) => value(v, &path, f),
            Item::Table(t) => table(t, &path, f),
            Item::ArrayOfTables(a) => {
                for (i, t) in a.iter().enumerate() {
                    table(t, &format!("{path}[{}]", i + 1), f);
                }
            }
            Item::None => {}
        }
    }
}

fn value(v: &Value, path: &str, f: &mut dyn FnMut(&str, &Value) -> bool) {
    if !f(path, v) {
        return;
    }
    match v {
        Value::InlineTable(t) => {
            for (k, v) in t.iter() {
                value(v, &join(path, k), f);
            }
        }
        Value::Array(a) => {
            for (i, v) in a.iter().enumerate() {
                value(v, &format!("{path}[{}]", i + 1), f);
            }
        }
        _ => {}
    }
}
