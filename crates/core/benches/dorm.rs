//! The dormitory's night at a large college: 1,008 residents in a building
//! of 63 rooms of 16, every room's leader sending the roll call at the same
//! moment (63 submissions at once, five nights running); timed: each
//! submission, and the whole dormitory's overview afterwards. Checks that
//! every mark was saved.
//!
//!   cargo bench -p antt-core --bench dorm
//!
//! Prints the median, the 99th percentile and the slowest; figures go to
//! docs/performance.md, never into assertions.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a benchmark stops at the first surprise

use std::fmt::Write as _;
use std::sync::Arc;
use std::time::{Duration, Instant};

use antt_core::clock::FixedClock;
use antt_core::dorm::rollcall::MarkInput;
use antt_core::dorm::{BuildingForm, RoomForm};
use antt_core::password::Passwords;
use antt_core::{Actor, Antt};
use antt_domain::dorm::Mark;
use antt_domain::page::PageRequest;
use antt_domain::person::{PersonFilter, PersonKind, PersonStatus};

const ROOMS: usize = 63;
const BEDS: usize = 16;
const NIGHTS: i64 = 5;
const RUNS: usize = 20;

fn report(what: &str, mut times: Vec<Duration>) {
    times.sort_unstable();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    let p99 = times[(times.len() * 99 / 100).min(times.len() - 1)];
    println!(
        "{what:<48} median {:>7.2} ms   p99 {:>7.2} ms   slowest {:>7.2} ms   ({} samples)",
        ms(times[times.len() / 2]),
        ms(p99),
        ms(times[times.len() - 1]),
        times.len()
    );
}

#[tokio::main(flavor = "multi_thread")]
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
    let unit = antt.units().by_code(&cli, "CDLC").await.unwrap().id;
    let dorms = antt.dorms();

    // A building of 63 rooms of 16 beds, filled from one sheet.
    let building = dorms
        .put_building(
            &cli,
            unit,
            None,
            &BuildingForm {
                name: "Nhà C".into(),
                ..BuildingForm::default()
            },
        )
        .await
        .unwrap();
    let mut rooms = Vec::new();
    for n in 0..ROOMS {
        rooms.push(
            dorms
                .put_room(
                    &cli,
                    unit,
                    building,
                    None,
                    &RoomForm {
                        name: format!("C{n:02}"),
                        floor: "1".into(),
                        capacity: BEDS.to_string(),
                        ..RoomForm::default()
                    },
                )
                .await
                .unwrap(),
        );
    }
    let mut students = Vec::new();
    for page in 1.. {
        let got = antt
            .people()
            .list(
                &cli,
                unit,
                &PersonFilter {
                    kind: Some(PersonKind::Student),
                    status: Some(PersonStatus::Active),
                    ..PersonFilter::default()
                },
                PageRequest {
                    page,
                    per_page: PageRequest::MAX_PER_PAGE,
                },
            )
            .await
            .unwrap()
            .page
            .items;
        if got.is_empty() || students.len() >= ROOMS * BEDS {
            break;
        }
        students.extend(got.into_iter().map(|p| p.person));
    }
    students.truncate(ROOMS * BEDS);
    // They moved in ten days ago, so the five nights timed are theirs.
    let moved_in = dorms.tonight() - chrono::Duration::days(10);
    let mut sheet = String::from("Nhà,Phòng,Mã sinh viên,Ngày vào\n");
    for (i, p) in students.iter().enumerate() {
        writeln!(sheet, "Nhà C,C{:02},{},{moved_in}", i / BEDS, p.code).unwrap();
    }
    let placed = dorms
        .import(&cli, unit, "nha-c.csv", sheet.into_bytes(), false)
        .await
        .unwrap();
    assert!(placed.problems.is_empty(), "{:?}", placed.problems);
    println!("residents placed in Nhà C: {}", placed.placed);

    let tonight = dorms.tonight();
    let mut calls = Vec::new();
    let mut overview = Vec::new();
    for back in (0..NIGHTS).rev() {
        let night = tonight - chrono::Duration::days(back);
        let mut tasks = Vec::new();
        for room in &rooms {
            let (antt, cli, room) = (antt.clone(), cli.clone(), *room);
            tasks.push(tokio::spawn(async move {
                let sheet = antt.dorms().sheet(&cli, unit, room, night).await.unwrap();
                let marks: Vec<MarkInput> = sheet
                    .lines
                    .iter()
                    .enumerate()
                    .map(|(i, l)| MarkInput {
                        person: l.person.id,
                        mark: if i == 3 { Mark::Absent } else { Mark::Present },
                        note: String::new(),
                    })
                    .collect();
                let start = Instant::now();
                let out = antt
                    .dorms()
                    .call(&cli, unit, room, night, &marks, Some(sheet.read_at))
                    .await
                    .unwrap();
                assert_eq!(out.saved, marks.len());
                start.elapsed()
            }));
        }
        for t in tasks {
            calls.push(t.await.unwrap());
        }
        let v = dorms.night(&cli, unit, night).await.unwrap();
        let c = v
            .buildings
            .iter()
            .find(|b| b.building.id == building)
            .unwrap();
        assert_eq!(c.tally.residents, ROOMS * BEDS);
        assert_eq!(c.tally.unmarked(), 0, "every mark saved");
        assert_eq!(c.tally.absent, ROOMS);
    }
    for _ in 0..RUNS {
        let start = Instant::now();
        let v = dorms.night(&cli, unit, tonight).await.unwrap();
        overview.push(start.elapsed());
        assert!(v.tally.residents >= ROOMS * BEDS);
    }
    report(
        &format!("roll call of a room of {BEDS}, {ROOMS} at once"),
        calls,
    );
    report("the dormitory's night (overview)", overview);
}
