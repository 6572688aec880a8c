//! The parts of a tip submission that are not the database, each timed on
//! its own: the receipt's slow hash (argon2id, 19 MiB, 2 passes) and the
//! sealing of a tip's text and of a 300 KB photo. The submission end to
//! end, with its durable commit, comes with the tip store.
//!
//!   cargo bench -p antt-core --bench tips
//!
//! Prints the median and the slowest of the runs; figures go to
//! docs/performance.md, never into assertions.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a benchmark stops at the first surprise

use std::time::{Duration, Instant};

use antt_core::sealed::TipKey;

const RUNS: usize = 40;

fn time(what: &str, mut f: impl FnMut()) {
    let mut times: Vec<Duration> = (0..RUNS)
        .map(|_| {
            let start = Instant::now();
            f();
            start.elapsed()
        })
        .collect();
    times.sort_unstable();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!(
        "{what:<45} median {:>8.3} ms   slowest {:>8.3} ms   ({RUNS} runs)",
        ms(times[RUNS / 2]),
        ms(times[RUNS - 1])
    );
}

fn main() {
    let key = TipKey::generate();
    let mut n = 1_000_000_000_000_000u64;
    time("receipt hash (argon2id 19 MiB, t=2)", || {
        n += 1;
        std::hint::black_box(key.receipt_hash(&n.to_string()));
    });
    let text = "Tối qua khoảng 22 giờ, em thấy hai người ngoài trường vào khu B ký túc xá, \
                đưa cho một bạn gói nhỏ màu trắng rồi đi ra cổng sau. "
        .repeat(8);
    time("seal a tip's text (1.4 KB)", || {
        std::hint::black_box(key.seal(text.as_bytes(), b"0190f3c0-tip"));
    });
    let photo = vec![0x5au8; 300 * 1024];
    time("seal a photo (300 KB)", || {
        std::hint::black_box(key.seal(&photo, b"0190f3c0-tip/photo-1"));
    });
    let sealed = key.seal(text.as_bytes(), b"0190f3c0-tip");
    time("open a tip's text", || {
        std::hint::black_box(key.open(&sealed, b"0190f3c0-tip").unwrap());
    });
}
