//! Any text through the legacy Vietnamese font converters.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let _ = antt_domain::legacy::tcvn3_to_unicode(text);
    let _ = antt_domain::legacy::vni_to_unicode(text);
    let found = antt_domain::legacy::detect([text]);
    let _ = antt_domain::legacy::decode(text, found);
});
