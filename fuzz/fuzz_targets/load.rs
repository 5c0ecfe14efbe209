//! A profile's bytes: loading and every check either succeed or say what is wrong, at a
//! place inside the text; nothing panics, hangs or runs out of memory.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Err(diags) = vita::load::load_str("fuzz.toml", text) {
        assert!(!diags.is_empty(), "a failure without a diagnostic");
        for d in &diags {
            assert!(!d.message.is_empty());
            if let Some(loc) = &d.location {
                assert!(loc.range.start <= text.len() + 1, "{}", d.message);
            }
            let _ = d.render(false);
        }
    }
});
