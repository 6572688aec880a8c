//! Fire safety at a large college: 5,000 items in one unit's register and
//! a year of checks (50,000 checks of four questions: 200,000 answers);
//! timed: what is overdue, due this month and broken (the register's
//! lists, the home page, the morning e-mail), a sheet of 500 labels (Word
//! and PDF), and the year's dossier as Word.
//!
//!   cargo bench -p antt-core --bench fire
//!
//! Prints the median and the slowest of the runs; figures go to
//! docs/performance.md, never into assertions.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a benchmark stops at the first surprise

use std::fmt::Write as _;
use std::sync::Arc;
use std::time::{Duration, Instant};

use antt_core::clock::FixedClock;
use antt_core::password::Passwords;
use antt_core::{Actor, Antt};
use antt_domain::equipment::{EquipmentEvent, EquipmentEventKind};

const ITEMS: usize = 5_000;
const CHECKS: usize = 50_000;
const RUNS: usize = 20;

fn report(what: &str, mut times: Vec<Duration>) {
    times.sort_unstable();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!(
        "{what:<55} median {:>8.2} ms   slowest {:>8.2} ms   ({} runs)",
        ms(times[times.len() / 2]),
        ms(times[times.len() - 1]),
        times.len()
    );
}

#[tokio::main]
async fn main() {
    let dir = tempfile::tempdir().unwrap();
    let url = std::env::var("ANTT_BENCH_DATABASE_URL")
        .unwrap_or_else(|_| format!("sqlite://{}/bench.sqlite3?mode=rwc", dir.path().display()));
    let antt = Antt::open(&url, Arc::new(FixedClock::demo()), Passwords::Fast)
        .await
        .unwrap()
        .with_tip_key(antt_core::sealed::TipKey::generate());
    antt.load_demo(&|_, _| {}).await.unwrap();
    let cli = Actor::command_line();
    // A unit of its own: the demo's college keeps its few hundred.
    let new =
        antt_domain::unit::NewUnit::parse("school", "LARGE", "Trường lớn", None, None).unwrap();
    let unit = antt.units().create(&cli, new).await.unwrap().id;
    let reg = antt.equipment();

    // 5,000 items through the import (one write), a fifth of them checked
    // two months ago, so the overdue list is long.
    let mut csv =
        String::from("Mã,Loại,Tên,Vị trí,Ngày lắp đặt,Kiểm tra lần cuối,Bảo dưỡng lần cuối\n");
    let kinds = [
        "Bình bột",
        "Bình CO2",
        "Tủ chữa cháy vách tường",
        "Đèn EXIT",
        "Camera",
        "Đầu báo khói",
    ];
    for i in 0..ITEMS {
        let check = if i % 5 == 0 {
            "21/09/2026"
        } else {
            "05/11/2026"
        };
        let _ = writeln!(
            csv,
            "X-{i:05},{},Phương tiện {i},Nhà {} tầng {},01/06/2024,{check},{}",
            kinds[i % kinds.len()],
            i / 200,
            i % 5 + 1,
            if i % 7 == 0 {
                "15/12/2025"
            } else {
                "01/06/2026"
            }
        );
    }
    let t = Instant::now();
    let read = reg
        .import(&cli, unit, "so.csv", csv.into_bytes(), false)
        .await
        .unwrap();
    assert_eq!(read.added, ITEMS, "{:?}", read.problems.first());
    println!(
        "import of {ITEMS} items (read, check, write)              {:>8.2} ms",
        t.elapsed().as_secs_f64() * 1000.0
    );

    // A year of checks: 50,000 of them, four questions each.
    let items = reg.items(&cli, unit).await.unwrap();
    let db = antt_store::Db::connect(&url).await.unwrap();
    let start = chrono::NaiveDate::from_ymd_opt(2026, 1, 5).unwrap();
    let events: Vec<EquipmentEvent> = (0..CHECKS)
        .map(|k| {
            let day = start + chrono::Duration::days(i64::try_from(k / (CHECKS / 300)).unwrap());
            EquipmentEvent {
                equipment_id: items[k % items.len()].item.id,
                at: antt_domain::time::vietnam_instant(day.and_hms_opt(9, 0, 0).unwrap()),
                day: Some(day),
                kind: if k % 97 == 0 {
                    EquipmentEventKind::CheckFailed
                } else {
                    EquipmentEventKind::Checked
                },
                note: String::new(),
                recorded_by: Some("baove".into()),
            }
        })
        .collect();
    let t = Instant::now();
    antt_store::equipment::insert_events(&db, unit, &events)
        .await
        .unwrap();
    println!(
        "{CHECKS} checks written (200,000 answers)                   {:>8.2} ms",
        t.elapsed().as_secs_f64() * 1000.0
    );

    let due = reg.overdue(&cli, unit).await.unwrap();
    println!(
        "lists: {} overdue, {} due this month, {} faults",
        due.overdue.len(),
        due.this_month.len(),
        due.faults.len()
    );
    let mut times = Vec::new();
    for _ in 0..RUNS {
        let t = Instant::now();
        std::hint::black_box(reg.overdue(&cli, unit).await.unwrap());
        times.push(t.elapsed());
    }
    report(
        "overdue, due this month and open faults (5,000 items)",
        times,
    );
    let mut times = Vec::new();
    for _ in 0..RUNS {
        let t = Instant::now();
        std::hint::black_box(antt.fire().due(&cli, unit).await.unwrap());
        times.push(t.elapsed());
    }
    report("all that is due: + drills, certificates (home page)", times);

    let ids: Vec<_> = items.iter().take(500).map(|i| i.item.id).collect();
    for (pdf, what) in [(false, "Word"), (true, "PDF")] {
        let mut times = Vec::new();
        let mut size = 0;
        for _ in 0..5 {
            let t = Instant::now();
            size = reg
                .labels(&cli, unit, "https://antt.example", &ids, pdf)
                .await
                .unwrap()
                .bytes
                .len();
            times.push(t.elapsed());
        }
        report(
            &format!("a sheet of 500 labels, {what} ({} KB)", size / 1024),
            times,
        );
    }

    let mut times = Vec::new();
    let mut size = 0;
    for _ in 0..5 {
        let t = Instant::now();
        size = antt
            .fire()
            .dossier_document(&cli, unit, 2026)
            .await
            .unwrap()
            .bytes
            .len();
        times.push(t.elapsed());
    }
    report(
        &format!("the year's dossier as Word ({} KB)", size / 1024),
        times,
    );
}
