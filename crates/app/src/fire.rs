//! `antt equipment …` and `antt fire …`: the register of fire-safety
//! equipment and cameras from the command line, for scripts and checks.

use std::process::ExitCode;

use anyhow::{Context, Result, bail};

use antt_core::Actor;
use antt_domain::time::format_date;
use antt_words as i18n;

use crate::cli::{EquipmentCommand, FireCommand};
use crate::commands::{explain, open};
use crate::config::Config;

pub(crate) async fn unit_of(antt: &antt_core::Antt, code: &str) -> Result<antt_domain::UnitId> {
    Ok(antt
        .units()
        .by_code(&Actor::command_line(), code)
        .await
        .map_err(|_| anyhow::anyhow!("không có đơn vị mã {code}"))?
        .id)
}

pub(crate) fn write_new(output: &std::path::Path, bytes: &[u8]) -> Result<()> {
    if output.exists() {
        bail!(
            "{} đã có; hãy chọn tên tệp khác (không ghi đè)",
            output.display()
        );
    }
    std::fs::write(output, bytes).with_context(|| format!("ghi {}", output.display()))?;
    println!("Đã ghi {} ({} byte).", output.display(), bytes.len());
    Ok(())
}

pub(crate) async fn equipment(config: &Config, command: EquipmentCommand) -> Result<ExitCode> {
    let antt = open(config).await?;
    let actor = Actor::command_line();
    let register = antt.equipment();
    match command {
        EquipmentCommand::Import {
            file,
            unit,
            dry_run,
        } => {
            let unit = unit_of(&antt, &unit).await?;
            let bytes = std::fs::read(&file).with_context(|| format!("đọc {}", file.display()))?;
            let name = file
                .file_name()
                .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
            let read = register
                .import(&actor, unit, &name, bytes, dry_run)
                .await
                .map_err(explain)?;
            for p in &read.problems {
                println!("{}", i18n::import_problem_line(p));
            }
            if !read.problems.is_empty() {
                println!("Tệp có {} lỗi: chưa nhập gì.", read.problems.len());
                return Ok(ExitCode::FAILURE);
            }
            if dry_run {
                println!(
                    "Tệp hợp lệ: sẽ thêm {} phương tiện (chưa ghi gì).",
                    read.items.len()
                );
            } else {
                println!("Đã thêm {} phương tiện vào sổ.", read.added);
            }
        }
        EquipmentCommand::Export { unit, output } => {
            let unit = unit_of(&antt, &unit).await?;
            let file = register.export(&actor, unit).await.map_err(explain)?;
            write_new(&output, &file.bytes)?;
        }
        EquipmentCommand::Labels { unit, output } => {
            let unit = unit_of(&antt, &unit).await?;
            let pdf = output
                .extension()
                .is_some_and(|e| e.eq_ignore_ascii_case("pdf"));
            let base = config
                .public_url
                .clone()
                .unwrap_or_else(|| format!("http://{}", config.listen));
            let file = register
                .labels(&actor, unit, &base, &[], pdf)
                .await
                .map_err(explain)?;
            write_new(&output, &file.bytes)?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

pub(crate) async fn fire(config: &Config, command: FireCommand) -> Result<ExitCode> {
    let antt = open(config).await?;
    let actor = Actor::command_line();
    let (unit, json) = match command {
        FireCommand::Overdue { unit, json } => (unit, json),
        FireCommand::Dossier { unit, year, output } => {
            let unit = unit_of(&antt, &unit).await?;
            let dossier = antt
                .fire()
                .dossier(&actor, unit, year)
                .await
                .map_err(explain)?;
            for p in dossier.missing() {
                println!("Còn thiếu {}) {}: {}", p.letter, p.title, p.status);
            }
            // The extension chooses: Word, or the Excel workbook.
            let excel = output
                .extension()
                .is_some_and(|e| e.eq_ignore_ascii_case("xlsx"));
            let file = if excel {
                antt.fire().dossier_workbook(&actor, unit, year).await
            } else {
                antt.fire().dossier_document(&actor, unit, year).await
            }
            .map_err(explain)?;
            write_new(&output, &file.bytes)?;
            return Ok(ExitCode::SUCCESS);
        }
    };
    let unit = unit_of(&antt, &unit).await?;
    let all = antt.fire().due(&actor, unit).await.map_err(explain)?;
    let due = &all.equipment;
    let line = |l: &antt_core::equipment::DueLine| {
        serde_json::json!({
            "code": l.item.code,
            "kind": l.item.kind.code(),
            "name": l.item.name,
            "place": l.item.place,
            "what": format!("{:?}", l.what).to_lowercase(),
            "due": l.day,
        })
    };
    if json {
        let out = serde_json::json!({
            "today": due.today,
            "overdue": due.overdue.iter().map(line).collect::<Vec<_>>(),
            "this_month": due.this_month.iter().map(line).collect::<Vec<_>>(),
            "last_drill": all.last_drill,
            "next_drill": all.next_drill,
            "drill_overdue": all.drill_overdue,
            "certificates_lapsing": all.certificates.iter().map(|l| serde_json::json!({
                "name": l.full_name,
                "certificate": l.training.certificate,
                "expires_on": l.training.expires_on,
            })).collect::<Vec<_>>(),
            "footage_at_risk": all.footage_at_risk.iter().map(|f| serde_json::json!({
                "incident": f.incident_number,
                "camera": f.camera,
                "overwritten_on": f.footage.overwritten_on,
            })).collect::<Vec<_>>(),
            "late_rounds": all.late_rounds.iter().map(|l| serde_json::json!({
                "name": l.schedule.name,
                "assignee": l.assignee,
                "late_since": l.state.late_since,
                "missed": l.state.missed,
                "done": l.state.done,
                "total": l.state.total,
            })).collect::<Vec<_>>(),
            "open_faults": due.faults.iter().map(|(f, i)| serde_json::json!({
                "code": i.code,
                "reported_at": f.reported_at,
                "description": f.description,
                "public": f.reported_by.is_none(),
                "due_on": f.due_on,
                "overdue": f.overdue(antt_domain::time::local_date(antt.now())),
            })).collect::<Vec<_>>(),
        });
        println!("{}", serde_json::to_string_pretty(&out)?);
    } else {
        println!("Quá hạn ({}):", due.overdue.len());
        for l in &due.overdue {
            println!(
                "  {} {} – {}: {} hạn {}",
                l.item.code,
                l.item.name,
                l.item.place,
                i18n::due_what(l.what),
                format_date(l.day)
            );
        }
        println!("Đến hạn trong tháng ({}):", due.this_month.len());
        for l in &due.this_month {
            println!(
                "  {} {}: {} hạn {}",
                l.item.code,
                l.item.name,
                i18n::due_what(l.what),
                format_date(l.day)
            );
        }
        println!(
            "Diễn tập PCCC: lần trước {}, lần tới trước {}{}",
            all.last_drill.map_or_else(|| "chưa có".into(), format_date),
            format_date(all.next_drill),
            if all.drill_overdue {
                " (ĐẾN HẠN)"
            } else {
                ""
            }
        );
        println!(
            "Chứng nhận huấn luyện sắp hết hạn ({}):",
            all.certificates.len()
        );
        for l in &all.certificates {
            println!(
                "  {}: số {} hết hạn {}",
                l.full_name,
                l.training.certificate,
                l.training.expires_on.map_or_else(String::new, format_date)
            );
        }
        println!(
            "Hình camera vụ việc chưa sao lưu, sắp bị ghi đè ({}):",
            all.footage_at_risk.len()
        );
        for f in &all.footage_at_risk {
            println!(
                "  vụ việc số {}, {}: ghi đè ngày {}",
                f.incident_number,
                f.camera,
                format_date(f.footage.overwritten_on)
            );
        }
        println!("Lượt kiểm tra quá hạn ({}):", all.late_rounds.len());
        for l in &all.late_rounds {
            println!(
                "  {} ({}): quá hạn từ {}, kỳ này {}/{}",
                l.schedule.name,
                l.assignee,
                l.state.late_since.map_or_else(String::new, format_date),
                l.state.done,
                l.state.total
            );
        }
        println!("Báo hỏng chưa xử lý ({}):", due.faults.len());
        for (f, i) in &due.faults {
            println!("  {} {}: {}", i.code, i.name, f.description);
        }
    }
    Ok(ExitCode::SUCCESS)
}
