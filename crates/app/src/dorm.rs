//! `antt dorm …`: the dormitory's residents and nightly roll call from
//! the command line, for scripts and the morning check.

use std::process::ExitCode;

use anyhow::{Context, Result};

use antt_core::Actor;
use antt_domain::time::format_date;
use antt_words as i18n;

use crate::cli::{DormCommand, ResidentsCommand};
use crate::commands::{explain, open};
use crate::config::Config;
use crate::fire::{unit_of, write_new};

pub(crate) async fn dorm(config: &Config, command: DormCommand) -> Result<ExitCode> {
    let antt = open(config).await?;
    let actor = Actor::command_line();
    let dorms = antt.dorms();
    match command {
        DormCommand::Residents(ResidentsCommand::Import {
            file,
            unit,
            dry_run,
        }) => {
            let unit = unit_of(&antt, &unit).await?;
            let bytes = std::fs::read(&file).with_context(|| format!("đọc {}", file.display()))?;
            let name = file
                .file_name()
                .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
            let read = dorms
                .import(&actor, unit, &name, bytes, dry_run)
                .await
                .map_err(explain)?;
            for p in &read.problems {
                println!("{}", i18n::import_problem_line(p));
            }
            if !read.problems.is_empty() {
                println!("Tệp có {} lỗi: chưa xếp ai.", read.problems.len());
                return Ok(ExitCode::FAILURE);
            }
            for l in &read.lines {
                let moves = l
                    .moves_from
                    .as_ref()
                    .map(|m| format!(" (chuyển từ {m})"))
                    .unwrap_or_default();
                println!(
                    "{} {} → {}, giường {}{moves}",
                    l.code, l.name, l.room, l.bed
                );
            }
            if dry_run {
                println!(
                    "Tệp hợp lệ: sẽ xếp {} người (chưa ghi gì).",
                    read.lines.len()
                );
            } else {
                println!("Đã xếp {} người.", read.placed);
            }
            Ok(ExitCode::SUCCESS)
        }
        DormCommand::ResidenceList { unit, output } => {
            let unit = unit_of(&antt, &unit).await?;
            let word = output
                .extension()
                .is_some_and(|e| e.eq_ignore_ascii_case("docx"));
            let file = if word {
                dorms.residence_document(&actor, unit).await
            } else {
                dorms.residence_workbook(&actor, unit).await
            }
            .map_err(explain)?;
            write_new(&output, &file.bytes)?;
            Ok(ExitCode::SUCCESS)
        }
        DormCommand::Rollcall { unit, date, json } => {
            let unit = unit_of(&antt, &unit).await?;
            let night = date.unwrap_or_else(|| dorms.tonight());
            let v = dorms.night(&actor, unit, night).await.map_err(explain)?;
            if json {
                let rooms: Vec<_> = v
                    .buildings
                    .iter()
                    .flat_map(|b| {
                        b.rooms.iter().filter(|r| r.tally.residents > 0).map(|r| {
                            serde_json::json!({
                                "building": b.building.name,
                                "room": r.room.name,
                                "residents": r.tally.residents,
                                "present": r.tally.present,
                                "on_leave": r.tally.on_leave,
                                "absent": r.tally.absent,
                                "unmarked": r.tally.unmarked(),
                                "late": r.late,
                            })
                        })
                    })
                    .collect();
                let absent: Vec<_> = v
                    .absent
                    .iter()
                    .map(|a| {
                        serde_json::json!({
                            "code": a.person.code,
                            "name": a.person.full_name,
                            "room": a.room,
                            "second_night": a.twice,
                        })
                    })
                    .collect();
                let not_back: Vec<_> = v
                    .not_back
                    .iter()
                    .map(|(l, p)| {
                        serde_json::json!({
                            "code": p.code,
                            "name": p.full_name,
                            "until": l.until.to_rfc3339(),
                        })
                    })
                    .collect();
                println!(
                    "{}",
                    serde_json::json!({
                        "night": night,
                        "residents": v.tally.residents,
                        "present": v.tally.present,
                        "on_leave": v.tally.on_leave,
                        "absent": v.tally.absent,
                        "unmarked": v.tally.unmarked(),
                        "rooms": rooms,
                        "absent_without_leave": absent,
                        "not_back_from_leave": not_back,
                    })
                );
            } else {
                println!(
                    "Điểm danh tối {}: {} người ở, {} có mặt, {} vắng có phép, {} vắng không phép, {} chưa điểm danh.",
                    format_date(night),
                    v.tally.residents,
                    v.tally.present,
                    v.tally.on_leave,
                    v.tally.absent,
                    v.tally.unmarked()
                );
                for (b, r) in v.late_rooms() {
                    println!(
                        "  Chưa điểm danh xong: {} – {} (còn {} người)",
                        b.name,
                        r.room.name,
                        r.tally.unmarked()
                    );
                }
                for a in &v.absent {
                    println!(
                        "  Vắng không phép: {} ({}) – {}{}",
                        a.person.full_name,
                        a.person.code,
                        a.room,
                        if a.twice {
                            " – đêm thứ hai liền"
                        } else {
                            ""
                        }
                    );
                }
                for (l, p) in &v.not_back {
                    println!(
                        "  Hết hạn phép chưa về: {} ({}) – phép đến {}",
                        p.full_name,
                        p.code,
                        antt_domain::time::format_instant(l.until)
                    );
                }
            }
            Ok(if v.absent.is_empty() {
                ExitCode::SUCCESS
            } else {
                ExitCode::FAILURE
            })
        }
    }
}
