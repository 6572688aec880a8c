//! `antt roster`: solve and score rosters on the reference exchange format.

use std::path::Path;

use anyhow::{Context, Result};

use crate::cli::RosterCommand;

pub(crate) fn run(command: RosterCommand) -> Result<()> {
    match command {
        RosterCommand::Solve {
            instance,
            output,
            seconds,
            moves,
            seed,
        } => {
            let problem = read(&instance)?;
            let limits = antt_roster::Limits {
                moves,
                seed,
                ..antt_roster::Limits::seconds(seconds)
            };
            let solved =
                antt_roster::solve(&problem, &antt_roster::Constraints::default(), limits)?;
            let json = serde_json::to_string(&solved.solution)?;
            std::fs::write(&output, json).with_context(|| format!("ghi {}", output.display()))?;
            println!("{}", solved.score);
            eprintln!(
                "{} bước trong {:.1} giây; tốt nhất ở bước {}",
                solved.run.moves,
                solved.run.elapsed.as_secs_f64(),
                solved.run.best_at
            );
        }
        RosterCommand::Repair {
            instance,
            solution,
            guard,
            from,
            until,
            output,
            seconds,
        } => {
            let problem = read(&instance)?;
            let published = read_solution(&solution)?;
            let absence = antt_roster::Absence { guard, from, until };
            let solved = antt_roster::repair(
                &problem,
                &published,
                &[],
                absence,
                antt_roster::Limits::seconds(seconds),
            )?;
            std::fs::write(&output, serde_json::to_string(&solved.solution)?)
                .with_context(|| format!("ghi {}", output.display()))?;
            println!("{}", solved.score);
            for s in &problem.shifts {
                let (before, after) = (
                    published.assignments.get(&s.id),
                    solved.solution.assignments.get(&s.id),
                );
                if before != after {
                    println!(
                        "ca {} ({} {}): {} → {}",
                        s.id,
                        s.post,
                        s.start.format("%d/%m %H:%M"),
                        before.map_or("trống".into(), ToString::to_string),
                        after.map_or("trống".into(), ToString::to_string),
                    );
                }
            }
            eprintln!(
                "{:.3} giây; tốt nhất ở bước {}",
                solved.run.elapsed.as_secs_f64(),
                solved.run.best_at
            );
        }
        RosterCommand::Score { instance, solution } => {
            let problem = read(&instance)?;
            println!(
                "{}",
                antt_roster::score(&problem, &read_solution(&solution)?)
            );
        }
    }
    Ok(())
}

fn read_solution(path: &Path) -> Result<antt_roster::Solution> {
    let text = std::fs::read_to_string(path).with_context(|| format!("đọc {}", path.display()))?;
    serde_json::from_str(&text)
        .with_context(|| format!("{} không phải lời giải hợp lệ", path.display()))
}

fn read(path: &Path) -> Result<antt_roster::Instance> {
    let text = std::fs::read_to_string(path).with_context(|| format!("đọc {}", path.display()))?;
    serde_json::from_str(&text)
        .with_context(|| format!("{} không phải bài toán lịch trực hợp lệ", path.display()))
}
