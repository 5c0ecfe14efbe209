//! A JSON Resume or RenderCV file's text (the first byte chooses which): mapped into a
//! profile or refused with a message; nothing panics or hangs, and a mapped profile is TOML.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&which, rest)) = data.split_first() else {
        return;
    };
    let ext = if which % 2 == 0 { "json" } else { "yaml" };
    let text = String::from_utf8_lossy(rest);
    match vita::import::map_text(ext, &text) {
        Ok(imported) => {
            let parsed = imported.toml.parse::<toml::Table>();
            assert!(parsed.is_ok(), "{}", imported.toml);
        }
        Err(e) => assert!(!e.is_empty()),
    }
});
