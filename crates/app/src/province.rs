//! `antt province …`: a police body's units against its targets, for
//! scripts and the province's own reports.

use std::process::ExitCode;

use anyhow::Result;

use antt_core::Actor;
use antt_core::province::{share_text, target_title};
use antt_words as i18n;

use crate::cli::ProvinceCommand;
use crate::commands::{explain, open};
use crate::config::Config;
use crate::fire::{unit_of, write_new};

pub(crate) async fn province(config: &Config, command: ProvinceCommand) -> Result<ExitCode> {
    let antt = open(config).await?;
    let actor = Actor::command_line();
    match command {
        ProvinceCommand::Standing {
            authority,
            year,
            json,
            output,
        } => {
            let authority = unit_of(&antt, &authority).await?;
            if let Some(output) = output {
                let file = antt
                    .province()
                    .standing_workbook(&actor, Some(authority), year)
                    .await
                    .map_err(explain)?;
                write_new(&output, &file.bytes)?;
                return Ok(ExitCode::SUCCESS);
            }
            let s = antt
                .province()
                .standing(&actor, Some(authority), year)
                .await
                .map_err(explain)?;
            let all_met = s.targets.iter().all(|t| t.now().met(&t.target));
            if json {
                let targets: Vec<_> = s
                    .targets
                    .iter()
                    .map(|t| {
                        let now = t.now();
                        serde_json::json!({
                            "measure": t.target.measure.code(),
                            "kind": t.target.kind.map(antt_domain::unit::UnitKind::code),
                            "target_per_mille": t.target.low,
                            "target_high_per_mille": t.target.high,
                            "due_year": t.target.due_year,
                            "reached": now.all.reached,
                            "total": now.all.total,
                            "per_mille": now.all.per_mille(),
                            "met": now.met(&t.target),
                            "missing": now.all.missing(t.target.low),
                            "years": t.years.iter().map(|y| serde_json::json!({
                                "year": y.year,
                                "reached": y.all.reached,
                                "total": y.all.total,
                            })).collect::<Vec<_>>(),
                            "holding_down": now.holding_down.iter().map(|(u, why)| serde_json::json!({
                                "code": s.units.get(u).map(|u| u.code.clone()),
                                "name": s.name_of(Some(*u)),
                                "why": format!("{why:?}"),
                            })).collect::<Vec<_>>(),
                        })
                    })
                    .collect();
                let out = serde_json::json!({
                    "authority": s.authority.code,
                    "year": s.year,
                    "units": s.counted,
                    "targets": targets,
                });
                println!("{}", serde_json::to_string_pretty(&out)?);
            } else {
                println!(
                    "{}: năm {}, {} đơn vị được tính",
                    s.authority.name, s.year, s.counted
                );
                for t in &s.targets {
                    let now = t.now();
                    println!(
                        "{} {}: {} ({}/{}), chỉ tiêu {} đến năm {}{}",
                        if now.met(&t.target) { "✓" } else { "✗" },
                        target_title(&t.target),
                        share_text(now.all.per_mille()),
                        now.all.reached,
                        now.all.total,
                        t.target.share_text(),
                        t.target.due_year,
                        if now.met(&t.target) {
                            String::new()
                        } else {
                            format!(", còn thiếu {} đơn vị", now.all.missing(t.target.low))
                        }
                    );
                    for (u, why) in now.holding_down.iter().take(5) {
                        println!("    {} – {}", s.name_of(Some(*u)), i18n::shortfall(*why));
                    }
                    if now.holding_down.len() > 5 {
                        println!("    … và {} đơn vị khác", now.holding_down.len() - 5);
                    }
                }
            }
            Ok(if all_met {
                ExitCode::SUCCESS
            } else {
                ExitCode::FAILURE
            })
        }
    }
}
