//! A tip submission, part by part and end to end: the receipt's slow hash
//! (argon2id, 19 MiB, 2 passes), the sealing of a tip's text and of a
//! 300 KB photo, the re-encoding of a 12-megapixel photo; the raw rate of
//! one-row durable commits on the same disk; text tips sent one after
//! another and from 4 senders at once on SQLite with durable commits; and
//! the year's figures over 50,000 tips and 20,000 incidents.
//!
//!   cargo bench -p antt-core --bench tips
//!
//! Prints the median and the slowest of the runs; figures go to
//! docs/performance.md, never into assertions.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a benchmark stops at the first surprise
#![allow(clippy::cast_sign_loss, clippy::cast_possible_truncation)] // small synthetic indices and pixels

use std::sync::Arc;
use std::time::{Duration, Instant};

use sea_orm::{ConnectionTrait, Database};

use antt_core::clock::FixedClock;
use antt_core::password::Passwords;
use antt_core::sealed::TipKey;
use antt_core::{Actor, Antt};
use antt_domain::incident::{IncidentInput, Severity};
use antt_domain::tip::{TipCategory, TipChannel, TipInput};

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

fn median(mut times: Vec<Duration>) -> Duration {
    times.sort_unstable();
    times[times.len() / 2]
}

fn input(n: usize) -> TipInput {
    TipInput {
        channel: TipChannel::Portal,
        category: TipCategory::ALL[n % TipCategory::ALL.len()],
        urgent: false,
        anonymous: true,
        description: format!(
            "Tin báo thử số {n}: có người lạ ra vào khu ký túc xá sau 22 giờ, nghi mua bán chất cấm."
        ),
        place: Some("Ký túc xá khu B".into()),
        campus_id: None,
        occurred_at: None,
        contact: None,
    }
}

/// One-row transactions on a fresh table of a SQLite file in WAL mode.
async fn raw_commits(dir: &std::path::Path, synchronous: &str) -> f64 {
    let url = format!(
        "sqlite://{}/raw-{synchronous}.sqlite3?mode=rwc",
        dir.display()
    );
    let db = Database::connect(url).await.unwrap();
    for sql in [
        "PRAGMA journal_mode=WAL".to_owned(),
        format!("PRAGMA synchronous={synchronous}"),
        "CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT NOT NULL)".to_owned(),
    ] {
        db.execute_unprepared(&sql).await.unwrap();
    }
    let n = 400;
    let start = Instant::now();
    for i in 0..n {
        db.execute_unprepared(&format!("INSERT INTO t (v) VALUES ('row {i}')"))
            .await
            .unwrap();
    }
    f64::from(n) / start.elapsed().as_secs_f64()
}

fn photo_12_megapixels() -> Vec<u8> {
    let picture = image::RgbImage::from_fn(4000, 3000, |x, y| {
        image::Rgb([(x % 251) as u8, (y % 241) as u8, ((x + y) % 239) as u8])
    });
    let mut out = std::io::Cursor::new(Vec::new());
    picture
        .write_to(&mut out, image::ImageFormat::Jpeg)
        .unwrap();
    out.into_inner()
}

fn main() {
    parts();
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .unwrap()
        .block_on(end_to_end());
}

async fn end_to_end() {
    let dir = tempfile::tempdir().unwrap();
    for sync in ["NORMAL", "FULL"] {
        println!(
            "raw one-row commits, WAL, synchronous={sync:<6}      {:>8.0} /s",
            raw_commits(dir.path(), sync).await
        );
    }
    let url = format!("sqlite://{}/antt.sqlite3?mode=rwc", dir.path().display());
    let antt = Antt::open(&url, Arc::new(FixedClock::demo()), Passwords::Fast)
        .await
        .unwrap()
        .with_tip_key(TipKey::generate());
    antt.load_demo(&|_, _| {}).await.unwrap();
    let cdlc = antt
        .units()
        .by_code(&Actor::command_line(), "CDLC")
        .await
        .unwrap()
        .id;

    // One after another: the whole path, each submission timed.
    let mut times = Vec::new();
    let n = 60;
    let start = Instant::now();
    for i in 0..n {
        let t = Instant::now();
        antt.tips()
            .submit(cdlc, input(i), Vec::new(), None)
            .await
            .unwrap();
        times.push(t.elapsed());
    }
    let serial = f64::from(u32::try_from(n).unwrap()) / start.elapsed().as_secs_f64();
    let key = TipKey::generate();
    let mut area = antt_core::slow_hash::WorkArea::default();
    let hash = median(
        (0..20)
            .map(|i| {
                let t = Instant::now();
                std::hint::black_box(
                    key.receipt_hash(&format!("{:016}", 1_000 + i), &mut area)
                        .unwrap(),
                );
                t.elapsed()
            })
            .collect(),
    );
    let whole = median(times);
    let rest = whole.saturating_sub(hash);
    println!(
        "text tips one after another                    {serial:>8.1} /s   (median {:.1} ms, of which the hash {:.1} ms, the rest {:.2} ms = {:.0} /s)",
        whole.as_secs_f64() * 1e3,
        hash.as_secs_f64() * 1e3,
        rest.as_secs_f64() * 1e3,
        1.0 / rest.as_secs_f64().max(1e-9)
    );
    // The same path without a receipt (a tip recorded by staff): the
    // database's part, with the audit entry and the duty officer's notice.
    let guard = antt
        .auth()
        .login(
            "baove",
            antt_core::demo::DEMO_PASSWORD,
            antt_core::auth::Client::default(),
        )
        .await
        .map(|s| Actor::from_user(&s.user))
        .unwrap();
    let mut times = Vec::new();
    for i in 0..60 {
        let t = Instant::now();
        antt.tips()
            .record(
                &guard,
                TipInput {
                    channel: TipChannel::Phone,
                    ..input(500 + i)
                },
                Vec::new(),
            )
            .await
            .unwrap();
        times.push(t.elapsed());
    }
    let db_part = median(times);
    println!(
        "a tip recorded by staff (no receipt)           median {:>7.2} ms = {:.0} /s",
        db_part.as_secs_f64() * 1e3,
        1.0 / db_part.as_secs_f64()
    );
    // Four senders at once: the hashes run on both cores.
    let start = Instant::now();
    let mut tasks = Vec::new();
    for s in 0..4 {
        let antt = antt.clone();
        tasks.push(tokio::spawn(async move {
            for i in 0..30 {
                antt.tips()
                    .submit(cdlc, input(1000 + s * 100 + i), Vec::new(), None)
                    .await
                    .unwrap();
            }
        }));
    }
    for t in tasks {
        t.await.unwrap();
    }
    println!(
        "text tips from 4 senders at once               {:>8.1} /s",
        120.0 / start.elapsed().as_secs_f64()
    );

    // The year's figures over 50,000 tips and 20,000 incidents.
    let db = antt_store::Db::connect(&url).await.unwrap();
    let year = antt.plans().current_year();
    let from = antt_domain::time::MovementYear::saturating(year).starts_at();
    let tx = db.begin().await.unwrap();
    let sealed = antt_store::tip::Sealed {
        text: key.seal(b"x", b"bench").unwrap(),
        place: None,
        contact: None,
    };
    let one = input(0);
    for i in 0..50_000i64 {
        let at = from + chrono::Duration::minutes(i * 10);
        let id = antt_domain::TipId::new_v7();
        antt_store::tip::insert(
            &tx,
            cdlc,
            antt_store::tip::NewTip {
                id,
                header: TipInput {
                    category: TipCategory::ALL[(i % 11) as usize],
                    ..one.clone()
                }
                .header(),
                sealed: sealed.clone(),
                received_at: at,
                due_at: at + chrono::Duration::hours(72),
                receipt_hash: None,
                recorded_by: None,
            },
        )
        .await
        .unwrap();
        // Half of them handled within a few days.
        if i % 2 == 0 {
            antt_store::tip::set_state(
                &tx,
                cdlc,
                id,
                antt_store::tip::NewState {
                    state: antt_domain::tip::TipState::Resolved,
                    outcome: Some("Đã xử lý"),
                    police_unit: None,
                    closed: Some((at + chrono::Duration::hours(i % 97), at)),
                },
            )
            .await
            .unwrap();
        }
    }
    for i in 0..20_000i64 {
        let at = from + chrono::Duration::minutes(i * 25);
        antt_store::incident::insert(
            &tx,
            cdlc,
            &IncidentInput {
                category: TipCategory::ALL[(i % 11) as usize],
                severity: Severity::Minor,
                occurred_at: at,
                campus_id: None,
                place: "Nhà xe".into(),
                summary: "Vụ việc thử".into(),
                actions: String::new(),
                value_recovered: 100_000,
            },
            at,
        )
        .await
        .unwrap();
    }
    tx.commit().await.unwrap();
    let office = antt
        .auth()
        .login(
            "vanphong",
            antt_core::demo::DEMO_PASSWORD,
            antt_core::auth::Client::default(),
        )
        .await
        .map(|s| Actor::from_user(&s.user))
        .unwrap();
    let mut times = Vec::new();
    let mut tips = 0;
    for _ in 0..15 {
        let t = Instant::now();
        let s = antt.tips().statistics(&office, None, year).await.unwrap();
        times.push(t.elapsed());
        tips = s.tips + s.incidents;
    }
    let mut sorted = times.clone();
    sorted.sort_unstable();
    println!(
        "year's figures, {tips} tips and incidents        median {:>8.1} ms   slowest {:>8.1} ms",
        median(times).as_secs_f64() * 1e3,
        sorted[sorted.len() - 1].as_secs_f64() * 1e3
    );
}

fn parts() {
    let key = TipKey::generate();
    let mut n = 1_000_000_000_000_000u64;
    let mut area = antt_core::slow_hash::WorkArea::default();
    time("receipt hash (argon2id 19 MiB, t=2)", || {
        n += 1;
        std::hint::black_box(key.receipt_hash(&n.to_string(), &mut area).unwrap());
    });
    let text = "Tối qua khoảng 22 giờ, em thấy hai người ngoài trường vào khu B ký túc xá, \
                đưa cho một bạn gói nhỏ màu trắng rồi đi ra cổng sau. "
        .repeat(8);
    time("seal a tip's text (1.4 KB)", || {
        std::hint::black_box(key.seal(text.as_bytes(), b"0190f3c0-tip").unwrap());
    });
    let photo = vec![0x5au8; 300 * 1024];
    time("seal a photo (300 KB)", || {
        std::hint::black_box(key.seal(&photo, b"0190f3c0-tip/photo-1").unwrap());
    });
    let sealed = key.seal(text.as_bytes(), b"0190f3c0-tip").unwrap();
    time("open a tip's text", || {
        std::hint::black_box(key.open(&sealed, b"0190f3c0-tip").unwrap());
    });
    let big = photo_12_megapixels();
    let t = Instant::now();
    let mut out = 0;
    for _ in 0..5 {
        out = antt_docgen::photo::clean(&big).unwrap().len();
    }
    println!(
        "re-encode a 12 MP photo ({} KB → {} KB)        mean {:>8.1} ms",
        big.len() / 1024,
        out / 1024,
        t.elapsed().as_secs_f64() * 1e3 / 5.0
    );
}
