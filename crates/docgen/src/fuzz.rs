//! Property tests of the reader over arbitrary bytes and crafted workbooks:
//! it never panics, and it never allocates past a cap. The whole test
//! binary runs under an allocator that aborts past [`HEADROOM`] above what
//! was allocated when a case began, so a file that makes calamine lay out a
//! huge sheet kills the run instead of passing quietly. (`cargo fuzz`
//! targets for longer runs are in `crates/docgen/fuzz/`.)

use std::alloc::System;

use cap::Cap;
use proptest::prelude::*;

use crate::guard::crafted::{bof, ods, record, xls, xlsx};
use crate::read_workbook;

#[global_allocator]
static ALLOCATOR: Cap<System> = Cap::new(System, usize::MAX);

/// What one case may allocate above what was allocated before it: room for
/// the largest sheet within the limits, far below what a bomb asks.
const HEADROOM: usize = 768 * 1024 * 1024;

/// Reads `bytes` with the cap set; the result does not matter, only that
/// it comes back.
fn read_capped(name: &str, bytes: &[u8]) {
    let _ = ALLOCATOR.set_limit(ALLOCATOR.allocated().saturating_add(HEADROOM));
    let _ = read_workbook(name, bytes);
    let _ = ALLOCATOR.set_limit(usize::MAX);
}

fn column(mut c: u32) -> String {
    let mut name = Vec::new();
    loop {
        name.push(b'A' + u8::try_from(c % 26).unwrap_or(0));
        if c < 26 {
            break;
        }
        c = c / 26 - 1;
    }
    name.reverse();
    String::from_utf8(name).unwrap_or_default()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..4096), csv in any::<bool>()) {
        read_capped(if csv { "x.csv" } else { "x.xlsx" }, &bytes);
    }

    #[test]
    fn arbitrary_bytes_behind_a_zip_or_ole_signature_never_panic(
        ole in any::<bool>(),
        tail in proptest::collection::vec(any::<u8>(), 0..4096),
    ) {
        let mut bytes = if ole { vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1] } else { b"PK\x03\x04".to_vec() };
        bytes.extend(tail);
        read_capped("x", &bytes);
    }

    #[test]
    fn xlsx_with_cells_anywhere_and_any_string_count(
        cells in proptest::collection::vec((0u32..1_048_576, 0u32..16_384), 1..20),
        declared in proptest::option::of(0u64..u64::from(u32::MAX)),
    ) {
        let refs: Vec<String> = cells.iter().map(|(r, c)| format!("{}{}", column(*c), r + 1)).collect();
        let cells: Vec<(&str, &str)> = refs.iter().map(|r| (r.as_str(), "x")).collect();
        let sst = declared.map(|n| format!(r#"<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="{n}" uniqueCount="{n}"><si><t>a</t></si></sst>"#));
        read_capped("x.xlsx", &xlsx(&cells, sst.as_deref()));
    }

    #[test]
    fn ods_with_any_repeats(
        rows in proptest::collection::vec((1u64..2_000_000, 1u64..20_000, any::<bool>()), 1..8),
    ) {
        #[allow(clippy::format_collect)] // a few rows of a test file
        let xml: String = rows.iter().map(|(rows, cols, filled)| {
            let cell = if *filled {
                format!(r#"<table:table-cell table:number-columns-repeated="{cols}" office:value-type="float" office:value="1"/>"#)
            } else {
                format!(r#"<table:table-cell table:number-columns-repeated="{cols}"/>"#)
            };
            format!(r#"<table:table-row table:number-rows-repeated="{rows}">{cell}</table:table-row>"#)
        }).collect();
        read_capped("x.ods", &ods(&xml));
    }

    #[test]
    fn xls_with_any_declared_extent_and_cells(
        rows in any::<u32>(),
        cols in any::<u16>(),
        cells in proptest::collection::vec((any::<u16>(), any::<u16>()), 0..20),
    ) {
        let mut dims = 0u32.to_le_bytes().to_vec();
        dims.extend(rows.to_le_bytes());
        dims.extend(0u16.to_le_bytes());
        dims.extend(cols.to_le_bytes());
        dims.extend([0, 0]);
        let mut records = vec![bof(), record(0x0200, &dims)];
        for (row, col) in cells {
            let mut d = row.to_le_bytes().to_vec();
            d.extend(col.to_le_bytes());
            d.extend([0, 0]);
            d.extend(2.5f64.to_le_bytes());
            records.push(record(0x0203, &d));
        }
        records.push(record(0x000A, &[]));
        read_capped("x.xls", &xls(&records));
    }
}
