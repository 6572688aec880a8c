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
        .unit_by_code(&actor, unit)
        .await
        .map_err(|_| anyhow::anyhow!("không có đơn vị mã {unit}"))?;
    let bytes = std::fs::read(file).with_context(|| format!("đọc {}", file.display()))?;
    let name = file.file_name().map_or_else(
        || file.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    let progress = bar(2, "Đọc và kiểm tra");
    let plan = antt
        .plan_people_import(&actor, unit.id, &name, bytes.clone(), options)
        .await
        .map_err(explain)?;
    progress.set_position(1);
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
        progress.finish_and_clear();
        println!("Chạy thử: chưa ghi gì.");
        return Ok(if has_problems {
            ExitCode::FAILURE
        } else {
            ExitCode::SUCCESS
        });
    }
    if has_problems && !options.only_valid {
        progress.finish_and_clear();
        println!(
            "Không nhập gì: tệp còn dòng có lỗi. Sửa tệp, hoặc thêm --only-valid để chỉ nhập các dòng hợp lệ."
        );
        return Ok(ExitCode::FAILURE);
    }
    progress.set_message("Ghi vào cơ sở dữ liệu");
    let outcome = antt
        .import_people(&actor, unit.id, &name, bytes, options)
        .await
        .map_err(explain)?;
    progress.finish_and_clear();
    println!(
        "Đã nhập vào {}: {} mới, {} cập nhật, {} không đổi, bỏ qua {} dòng lỗi.",
        unit.name, outcome.created, outcome.updated, outcome.unchanged, outcome.skipped
    );
    Ok(ExitCode::SUCCESS)
}
