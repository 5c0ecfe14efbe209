//! A .bib file's text: read and converted to publications, or refused with diagnostics that
//! point inside it; nothing panics, hangs or runs out of memory.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text: std::sync::Arc<str> = String::from_utf8_lossy(data).into();
    let (pubs, diags) = vita::bib::parse("fuzz.bib", &text, None);
    for d in &diags {
        assert!(
            !d.message.is_empty() && !d.hints.is_empty(),
            "{}",
            d.message
        );
        let loc = d
            .location
            .as_ref()
            .expect("every .bib diagnostic is located");
        assert!(loc.range.start <= text.len(), "{}", d.message);
        let _ = d.render(false);
    }
    for p in &pubs {
        assert!(!p.title.trim().is_empty());
    }
});
