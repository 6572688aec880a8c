//! The movement year's hot paths, timed end to end through the use cases
//! on a real database: writing the plan as a Word document (target under
//! 300 ms), the coverage of a movement year for 2,000 students, 200
//! sessions and 40,000 attendance rows (target under 100 ms), and over that
//! same full year plus 300 incidents and 300 violations, the readiness page
//! (target under 200 ms) and the yearly report as Word (target under 1 s).
//!
//!   cargo bench -p antt-core --bench movement
//!   ANTT_BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres cargo bench -p antt-core --bench movement
//!
//! Prints the median and the slowest of the runs; figures go to
//! docs/performance.md, never into assertions.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a benchmark stops at the first surprise

use std::sync::Arc;
use std::time::{Duration, Instant};

use chrono::{Duration as Days, TimeZone, Utc};
use rand::SeedableRng;
use rand::rngs::StdRng;
use rand::seq::SliceRandom;
use sea_orm::ConnectionTrait;

use antt_core::clock::FixedClock;
use antt_core::password::Passwords;
use antt_core::{Actor, Antt};
use antt_domain::person::{PersonKind, PersonStatus};
use antt_domain::session::{Audience, Posts, SessionInput, SessionKind, Topic};

const SESSIONS: usize = 200;
const ATTENDANCES: usize = 40_000;
const RUNS: usize = 30;

fn report(what: &str, mut times: Vec<Duration>) {
    times.sort_unstable();
    let median = times[times.len() / 2];
    let worst = times[times.len() - 1];
    println!(
        "{what:<55} median {:>8.2} ms   slowest {:>8.2} ms   ({} runs)",
        ms(median),
        ms(worst),
        times.len()
    );
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// A scratch database: a temporary SQLite file, or a PostgreSQL database
/// created for the run (dropped at the end by [`drop_database`]).
async fn database() -> (String, Option<tempfile::TempDir>) {
    if let Ok(url) = std::env::var("ANTT_BENCH_DATABASE_URL") {
        let name = format!("antt_bench_{}", std::process::id());
        let admin = sea_orm::Database::connect(&url).await.unwrap();
        admin
            .execute_unprepared(&format!("CREATE DATABASE {name}"))
            .await
            .unwrap();
        let base = url
            .rsplit_once('/')
            .map_or(url.as_str(), |(b, _)| b)
            .to_owned();
        (format!("{base}/{name}"), None)
    } else {
        let dir = tempfile::tempdir().unwrap();
        (
            format!("sqlite://{}/bench.sqlite3?mode=rwc", dir.path().display()),
            Some(dir),
        )
    }
}

#[tokio::main]
async fn main() {
    let (url, _dir) = database().await;
    let clock = Arc::new(FixedClock::demo());
    let antt = Antt::open(&url, clock.clone(), Passwords::Fast)
        .await
        .unwrap()
        .with_tip_key(antt_core::sealed::TipKey::generate());
    antt.load_demo(&|_, _| {}).await.unwrap();
    // The 2026 year is written as it was lived, before it closed on 15/11:
    // a closed year takes no more sessions.
    clock.advance(chrono::Duration::days(-10));
    let cli = Actor::command_line();
    let cdlc = antt.units().by_code(&cli, "CDLC").await.unwrap().id;

    // Fill the movement year 2026 up to 200 sessions and 40,000 attendances.
    let students: Vec<_> = {
        let filter = antt_domain::person::PersonFilter::default();
        let mut all = Vec::new();
        for page in 1.. {
            let p = antt
                .people()
                .list(
                    &cli,
                    cdlc,
                    &filter,
                    antt_domain::page::PageRequest::new(
                        Some(page),
                        Some(antt_domain::page::PageRequest::MAX_PER_PAGE),
                    ),
                )
                .await
                .unwrap()
                .page;
            let last = page >= p.pages();
            all.extend(
                p.items
                    .into_iter()
                    .map(|r| r.person)
                    .filter(|p| p.kind == PersonKind::Student && p.status == PersonStatus::Active),
            );
            if last {
                break;
            }
        }
        all.into_iter().map(|p| p.id).collect()
    };
    let existing = antt.sessions().list(&cli, cdlc, 2026).await.unwrap();
    let mut rows: usize = existing.iter().map(|r| r.attended as usize).sum();
    let extra = SESSIONS - existing.len();
    let per_session = (ATTENDANCES - rows) / extra;
    let mut rng = StdRng::seed_from_u64(2026);
    let start = Utc.with_ymd_and_hms(2025, 11, 20, 1, 0, 0).unwrap();
    for i in 0..extra {
        let input = SessionInput {
            kind: SessionKind::Propaganda,
            title: format!("Sinh hoạt lớp chủ đề an ninh, trật tự số {i}"),
            topics: vec![Topic::SchoolViolence],
            topic_note: None,
            organiser: "Khoa".into(),
            partner: None,
            starts_at: start
                + Days::days(i64::try_from(i).unwrap() * 355 / i64::try_from(extra).unwrap()),
            place: "Phòng học".into(),
            audience: Audience {
                everyone: true,
                departments: Vec::new(),
                classes: Vec::new(),
            },
            outside_count: 0,
            materials: 0,
            posts: Posts::default(),
        };
        let id = antt.sessions().save(&cli, cdlc, None, input).await.unwrap();
        let chosen: Vec<_> = students
            .choose_multiple(&mut rng, per_session)
            .copied()
            .collect();
        antt_store_attend(&antt, cdlc, id, &chosen).await;
        rows += chosen.len();
    }
    println!(
        "movement year 2026: {} sessions, {rows} attendance rows, {} students",
        SESSIONS,
        students.len()
    );

    // Coverage: the first call reads the unit's people; later ones find them cached.
    let t = Instant::now();
    let c = antt.sessions().coverage(&cli, cdlc, 2026).await.unwrap();
    println!(
        "coverage, first call (people not cached yet)            {:>8.2} ms   students {}/{}",
        ms(t.elapsed()),
        c.coverage.students.reached,
        c.coverage.students.total
    );
    let mut times = Vec::new();
    for _ in 0..RUNS {
        let t = Instant::now();
        std::hint::black_box(antt.sessions().coverage(&cli, cdlc, 2026).await.unwrap());
        times.push(t.elapsed());
    }
    report("coverage of the year (use case, people cached)", times);

    // The plan as a Word document: the use case (read, render, audit) and
    // the rendering alone.
    let plan = antt
        .plans()
        .of_year(&cli, cdlc, 2026)
        .await
        .unwrap()
        .unwrap();
    let mut times = Vec::new();
    let mut size = 0;
    for _ in 0..RUNS {
        let t = Instant::now();
        size = antt
            .plans()
            .document(&cli, cdlc, plan.id)
            .await
            .unwrap()
            .bytes
            .len();
        times.push(t.elapsed());
    }
    report(&format!("plan document, use case ({size} bytes)"), times);
    let view = antt.plans().view(&cli, cdlc, plan.id).await.unwrap();
    let tasks: Vec<_> = view.tasks.iter().map(|r| r.task.clone()).collect();
    let departments: Vec<_> = antt
        .org()
        .structure(&cli, cdlc)
        .await
        .unwrap()
        .departments
        .iter()
        .map(|d| (d.id, d.name.clone()))
        .collect();
    let mut times = Vec::new();
    for _ in 0..RUNS {
        let t = Instant::now();
        std::hint::black_box(
            antt_core::plan::Plans::render(&view.plan, &tasks, &departments).unwrap(),
        );
        times.push(t.elapsed());
    }
    report("plan document, rendering only", times);

    // A heavy year of incidents and violations on top of the demo's.
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
    for (i, student) in students.iter().take(300).enumerate() {
        let input = antt_domain::incident::IncidentInput {
            category: antt_domain::tip::TipCategory::ALL[i % 11],
            severity: antt_domain::incident::Severity::Minor,
            occurred_at: start + Days::hours(i64::try_from(i).unwrap() * 27),
            campus_id: None,
            place: "Khu nội trú".into(),
            summary: format!("Vụ việc thử số {i}"),
            actions: String::new(),
            value_recovered: 0,
        };
        antt.incidents().create(&office, input, None).await.unwrap();
        let input = antt_domain::incident::ViolationInput {
            person_id: *student,
            incident_id: None,
            kind: antt_domain::incident::ViolationKind::InternalRules,
            occurred_on: (start + Days::hours(i64::try_from(i).unwrap() * 27)).date_naive(),
            description: "Vi phạm nội quy ký túc xá".into(),
            discipline: antt_domain::incident::Discipline::Reminder,
            handling: None,
        };
        antt.incidents()
            .record_violation(&office, input)
            .await
            .unwrap();
    }
    let mut times = Vec::new();
    for _ in 0..RUNS {
        let t = Instant::now();
        std::hint::black_box(antt.assessment().readiness(&cli, cdlc, 2026).await.unwrap());
        times.push(t.elapsed());
    }
    report(
        "readiness of the year (+300 incidents, 300 violations)",
        times,
    );
    let mut times = Vec::new();
    let mut size = 0;
    for _ in 0..RUNS {
        let t = Instant::now();
        size = antt
            .assessment()
            .yearly_report(&cli, cdlc, 2026)
            .await
            .unwrap()
            .bytes
            .len();
        times.push(t.elapsed());
    }
    report(&format!("yearly report, use case ({size} bytes)"), times);
    drop_database(&url).await;
}

async fn drop_database(url: &str) {
    let (Ok(admin_url), Some((_, name))) = (
        std::env::var("ANTT_BENCH_DATABASE_URL"),
        url.rsplit_once('/'),
    ) else {
        return;
    };
    let admin = sea_orm::Database::connect(&admin_url).await.unwrap();
    admin
        .execute_unprepared(&format!("DROP DATABASE {name} WITH (FORCE)"))
        .await
        .unwrap();
}

/// Attendance rows written in bulk, as a paper list typed in would be.
async fn antt_store_attend(
    antt: &Antt,
    unit: antt_domain::UnitId,
    id: antt_domain::MovementSessionId,
    people: &[antt_domain::PersonId],
) {
    let listed = people.to_vec();
    antt.sessions()
        .tick_attendance(&Actor::command_line(), unit, id, &listed, people)
        .await
        .unwrap();
}
