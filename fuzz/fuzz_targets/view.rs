//! A profile that loads: every document it declares can be viewed (sections chosen,
//! publications ordered, limits applied) without a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(loaded) = vita::load::load_str("fuzz.toml", text) else {
        return;
    };
    for doc in vita::document::Document::all(&loaded.profile) {
        if let Ok(style) = vita::style::resolve(&doc, &loaded.profile.design, &Default::default(), &Default::default()) {
            let _ = vita::view::view(&loaded.profile, &doc, &Default::default(), &style);
        }
    }
});
