//! The province's view of many units: 2,000 schools under the provincial
//! police, each registered for the standard with its score sheet filled
//! in; timed: the list of their self-assessments ranked by score (what an
//! officer opens before 30/11), and the tip statistics over every unit.
//!
//!   cargo bench -p antt-core --bench province
//!
//! Prints the median and the slowest of the runs; figures go to
//! docs/performance.md, never into assertions.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a benchmark stops at the first surprise

use std::sync::Arc;
use std::time::{Duration, Instant};

use antt_core::clock::FixedClock;
use antt_core::password::Passwords;
use antt_core::{Actor, Antt};
use antt_domain::unit::NewUnit;

const UNITS: usize = 2_000;
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
    let url = format!("sqlite://{}/bench.sqlite3?mode=rwc", dir.path().display());
    let antt = Antt::open(&url, Arc::new(FixedClock::demo()), Passwords::Fast)
        .await
        .unwrap()
        .with_tip_key(antt_core::sealed::TipKey::generate());
    antt.load_demo(&|_, _| {}).await.unwrap();
    let cli = Actor::command_line();
    let province = antt.units().by_code(&cli, "CATLC").await.unwrap().id;
    let sheet = antt_domain::rubric::built_in_score();
    let scores: Vec<(String, String)> = sheet
        .leaves()
        .iter()
        .enumerate()
        .map(|(i, l)| {
            (
                l.id.clone(),
                if i % 3 == 0 { l.max.half() } else { l.max }.display(),
            )
        })
        .collect();
    let started = Instant::now();
    for i in 0..UNITS {
        let new = NewUnit::parse(
            "school",
            &format!("TH{i:04}"),
            &format!("Trường số {i}"),
            None,
            Some(province),
        )
        .unwrap();
        let unit = antt.units().create(&cli, new).await.unwrap();
        antt.assessment()
            .register(&cli, unit.id, 2026)
            .await
            .unwrap();
        // Every other school has scored every item; the rest half of them.
        let typed = if i % 2 == 0 {
            &scores[..]
        } else {
            &scores[..scores.len() / 2]
        };
        antt.assessment()
            .save_scores(&cli, unit.id, 2026, typed)
            .await
            .unwrap()
            .unwrap();
    }
    println!(
        "{UNITS} schools registered and scored in {:.1} s",
        started.elapsed().as_secs_f64()
    );
    let police = antt
        .auth()
        .login(
            "congan.tinh",
            antt_core::demo::DEMO_PASSWORD,
            antt_core::auth::Client::default(),
        )
        .await
        .map(|s| Actor::from_user(&s.user))
        .unwrap();
    let t = Instant::now();
    let list = antt
        .assessment()
        .overseen_assessments(&police, 2026)
        .await
        .unwrap();
    println!(
        "ranking, first call (units not cached yet)              {:>8.2} ms   {} units",
        t.elapsed().as_secs_f64() * 1000.0,
        list.len()
    );
    let mut times = Vec::new();
    for _ in 0..RUNS {
        let t = Instant::now();
        std::hint::black_box(
            antt.assessment()
                .overseen_assessments(&police, 2026)
                .await
                .unwrap(),
        );
        times.push(t.elapsed());
    }
    report(
        &format!("ranking of {} units (use case)", list.len()),
        times,
    );
    let mut times = Vec::new();
    for _ in 0..RUNS {
        let t = Instant::now();
        std::hint::black_box(antt.tips().statistics(&police, None, 2026).await.unwrap());
        times.push(t.elapsed());
    }
    report("tip statistics over every unit of the province", times);
}
