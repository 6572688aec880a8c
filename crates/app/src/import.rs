//! `antt import people`: the report of every problem, then the import.

use std::path::Path;
use std::process::ExitCode;

use anyhow::{Context, Result};

use antt_core::import::{ImportOptions, ImportPlan, RowAction};
use antt_core::{Actor, Antt};
use antt_web::i18n;

use crate::commands::{bar, explain};

fn summary(plan: &ImportPlan) -> String {
    let skipped = plan.count(RowAction::Skip);
    format!(
        "{} mới, {} cập nhật, {} lỗi ({} không đổi)",
        plan.count(RowAction::Create),
        plan.count(RowAction::Update),
        skipped,
        plan.count(RowAction::Unchanged),
    )
}

pub(crate) async fn people(
    antt: &Antt,
    file: &Path,
    unit: &str,
    options: ImportOptions,
    dry_run: bool,
) -> Result<ExitCode> {
    let actor = Actor::command_line();
    let unit = antt
        .units()
        .by_code(&actor, unit)
        .await
        .map_err(|_| anyhow::anyhow!("không có đơn vị mã {unit}"))?;
    let bytes = std::fs::read(file).with_context(|| format!("đọc {}", file.display()))?;
    let name = file.file_name().map_or_else(
        || file.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    let progress = bar(1, "Đọc, kiểm tra và ghi");
    // A dry run only plans; an import plans inside its transaction and
    // reports the same plan, so the file is read once either way.
    let (plan, outcome) = if dry_run {
        let plan = antt
            .people()
            .plan_import(&actor, unit.id, &name, bytes, options)
            .await
            .map_err(explain)?;
        (plan, None)
    } else {
        antt.people()
            .import_with_plan(&actor, unit.id, &name, bytes, options)
            .await
            .map_err(explain)?
    };
    progress.finish_and_clear();
    if let Some(legacy) = plan.legacy {
        println!(
            "Tệp gõ bằng phông {}; đã chuyển sang Unicode.",
            match legacy {
                antt_domain::legacy::Legacy::Tcvn3 => "TCVN3 (.VnTime)",
                antt_domain::legacy::Legacy::Vni => "VNI",
            }
        );
    }
    for p in plan.problems() {
        println!("{}", i18n::import_problem_line(p));
    }
    if !plan.rows_below.is_empty() {
        println!(
            "Bảng kết thúc trước dòng {}; {} dòng bên dưới không được đọc.",
            plan.rows_below[0],
            plan.rows_below.len()
        );
    }
    for r in plan.renames() {
        let changes: Vec<String> = r
            .changes
            .iter()
            .filter(|c| matches!(c.field.as_str(), "full_name" | "birth_date"))
            .map(|c| {
                format!(
                    "{}: {} → {}",
                    i18n::field(&c.field),
                    c.before.as_deref().unwrap_or("—"),
                    c.after.as_deref().unwrap_or("—")
                )
            })
            .collect();
        println!(
            "Dòng {}, mã {}: đổi tên/ngày sinh ({}); chỉ ghi khi có --confirm-renames.",
            r.row,
            r.code.as_deref().unwrap_or(""),
            changes.join("; ")
        );
    }
    for c in &plan.new_classes {
        println!("Sẽ tạo lớp mới: {c}");
    }
    for d in &plan.new_departments {
        println!("Sẽ tạo khoa/phòng mới: {d}");
    }
    println!(
        "{} – trang tính \"{}\": {}",
        plan.file_name,
        plan.sheet_name,
        summary(&plan)
    );
    let has_problems = plan.count(RowAction::Skip) > 0;
    if dry_run {
        println!("Chạy thử: chưa ghi gì.");
        return Ok(if has_problems {
            ExitCode::FAILURE
        } else {
            ExitCode::SUCCESS
        });
    }
    let Some(outcome) = outcome else {
        println!(
            "Không nhập gì: tệp còn dòng có lỗi. Sửa tệp, hoặc thêm --only-valid để chỉ nhập các dòng hợp lệ."
        );
        return Ok(ExitCode::FAILURE);
    };
    println!(
        "Đã nhập vào {}: {} mới, {} cập nhật, {} không đổi, bỏ qua {} dòng lỗi.",
        unit.name, outcome.created, outcome.updated, outcome.unchanged, outcome.skipped
    );
    Ok(ExitCode::SUCCESS)
}
