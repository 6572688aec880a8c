//! Any bytes, as a spreadsheet or as CSV: the reader answers without
//! panicking, and libFuzzer's `-rss_limit_mb` catches an allocation bomb.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = antt_docgen::read_workbook("fuzz.xlsx", data);
    let _ = antt_docgen::read_workbook("fuzz.csv", data);
});
