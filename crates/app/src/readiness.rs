//! `antt readiness`: the readiness page on a terminal, as text or JSON.

use std::fmt::Write as _;

use antt_core::assessment::{Readiness, SheetSource};
use antt_domain::assessment::Verdict;
use antt_domain::time::MovementYear;
use antt_domain::time::format_date;
use antt_words as i18n;

fn mark(v: Verdict) -> &'static str {
    match v {
        Verdict::NotApplicable => "–",
        Verdict::Met => "✔",
        Verdict::AtRisk => "!",
        Verdict::Failed => "✘",
    }
}

/// The readiness as a person reads it.
pub(crate) fn text(r: &Readiness) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{} — năm {} ({} – {})",
        r.unit.name,
        r.year,
        format_date(MovementYear::saturating(r.year).first_day()),
        format_date(MovementYear::saturating(r.year).last_day())
    );
    let _ = writeln!(
        out,
        "Tiêu chuẩn “An toàn về an ninh, trật tự”: {}",
        i18n::verdict(r.standard.verdict)
    );
    for c in &r.standard.criteria {
        let _ = writeln!(
            out,
            "  {} {}. {}: {}",
            mark(c.verdict),
            c.id,
            c.title,
            i18n::verdict(c.verdict)
        );
        for k in &c.checks {
            let f = &k.finding;
            let _ = write!(
                out,
                "      {} {} {}",
                mark(f.verdict()),
                k.check.id,
                k.check.text
            );
            if f.measure.is_some() {
                let _ = write!(out, " [{}]", i18n::amount(&f.amount));
            }
            if let Some(o) = &f.overridden {
                let _ = write!(out, " (xác nhận: {}; minh chứng: {})", o.reason, o.evidence);
            }
            out.push('\n');
            for rec in &f.records {
                let _ = writeln!(out, "          · {}", rec.label);
            }
        }
    }
    let suggested: u32 = r
        .sheet
        .lines
        .iter()
        .filter_map(|l| l.suggested)
        .map(|p| p.0)
        .sum();
    let _ = writeln!(
        out,
        "Điểm phong trào: {}/{} đã chấm ({} mục chưa chấm); theo hồ sơ, gợi ý {} điểm{}{}",
        r.sheet.total.display(),
        r.score_rubric.total.display(),
        r.sheet.unscored,
        antt_domain::rubric::Points(suggested).display(),
        r.sheet
            .level
            .as_ref()
            .filter(|_| r.sheet.unscored == 0)
            .map(|l| format!("; xếp loại: {}", l.1))
            .unwrap_or_default(),
        match (&r.sheet_source, r.score_rubric.provisional) {
            (SheetSource::BuiltIn, true) => " (bảng điểm tạm thời, chờ Công an tỉnh nạp bảng điểm)",
            _ => "",
        }
    );
    if r.todo.is_empty() {
        let _ = writeln!(out, "Không còn việc thiếu.");
    } else {
        let _ = writeln!(out, "Còn thiếu:");
        for t in &r.todo {
            let _ = writeln!(
                out,
                "  - {} {} ({}): {}, hạn {}",
                t.check_id,
                t.text,
                i18n::verdict(t.verdict),
                i18n::responsible(t.who),
                format_date(t.due)
            );
        }
    }
    let _ = writeln!(
        out,
        "Hồ sơ: {}",
        r.assessment.as_ref().map_or("chưa đăng ký phấn đấu", |a| {
            i18n::assessment_state(a.state)
        })
    );
    if let Some(due) = r.report_due {
        let _ = writeln!(
            out,
            "Báo cáo năm: hạn {}{}",
            format_date(due),
            r.report_submitted
                .map(|at| format!(
                    ", đã gửi {}",
                    format_date(antt_domain::time::local_date(at))
                ))
                .unwrap_or_default()
        );
    }
    out
}

/// The readiness for a program: codes, not words.
pub(crate) fn json(r: &Readiness) -> String {
    let value = serde_json::json!({
        "unit": r.unit.code,
        "year": r.year,
        "today": r.today,
        "standard": {
            "rubric": r.standard_rubric.code,
            "verdict": r.standard.verdict,
            "criteria": r.standard.criteria,
        },
        "score": {
            "rubric": r.score_rubric.code,
            "provisional": r.score_rubric.provisional,
            "maximum": r.score_rubric.total.as_f64(),
            "total": r.sheet.total.as_f64(),
            "unscored": r.sheet.unscored,
            "level": r.sheet.level.as_ref().map(|l| &l.0),
            "items": r.sheet.lines.iter().map(|l| serde_json::json!({
                "id": l.item.id,
                "maximum": l.item.max.as_f64(),
                "suggested": l.suggested.map(antt_domain::rubric::Points::as_f64),
                "given": l.given.map(antt_domain::rubric::Points::as_f64),
                "reviewed": l.reviewed.map(antt_domain::rubric::Points::as_f64),
            })).collect::<Vec<_>>(),
        },
        "todo": r.todo.iter().map(|t| serde_json::json!({
            "check": t.check_id,
            "verdict": t.verdict,
            "who": t.who,
            "due": t.due,
        })).collect::<Vec<_>>(),
        "state": r.assessment.as_ref().map(|a| a.state),
        "report_due": r.report_due,
        "report_submitted_at": r.report_submitted,
    });
    serde_json::to_string_pretty(&value).unwrap_or_default()
}
