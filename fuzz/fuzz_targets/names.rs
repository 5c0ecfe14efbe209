//! Name matching: any names and author strings, compared every way, never panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    // The first line: the person's names (`|` between them); the rest: one author a line.
    let mut lines = text.lines();
    let names: Vec<&str> = lines.next().unwrap_or("").split('|').collect();
    let authors: Vec<&str> = lines.collect();
    let me = vita::names::OwnName::new(names.iter().copied());
    for a in &authors {
        let _ = me.is_me(a);
        let (name, _marks) = vita::names::split_marks(a);
        let _ = vita::names::fold(name);
    }
    let best = me.best_matches(&authors);
    assert!(best.iter().all(|&i| i < authors.len()));
});
