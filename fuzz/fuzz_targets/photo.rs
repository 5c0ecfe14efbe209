//! A photo's bytes, as PNG, JPEG or SVG (the first byte chooses): accepted or refused by the
//! header check, never a panic, an abort or an allocation past the pixel limit.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&which, rest)) = data.split_first() else {
        return;
    };
    let ext = ["png", "jpg", "svg"][usize::from(which) % 3];
    let bytes = typst::foundations::Bytes::new(rest.to_vec());
    let _ = vita::photo::check(ext, &bytes);
});
