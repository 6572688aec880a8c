//! Reminders by e-mail: once a day, every account holder whose person
//! record has an e-mail address receives the overdue and due-soon tasks of
//! the issued plan that concern them (the same list as their home page),
//! and those who read the guard force's record (not the guards) the
//! patrol rounds missed the night before.
//! A day's reminder is recorded so a restart never sends it twice.

use antt_domain::role::Capability;
use std::fmt::Write as _;

use antt_domain::plan::{PlanState, Standing};
use antt_domain::time::{format_date, local_date};
use antt_domain::user::User;
use antt_mail::Mailer;
use antt_store::StoreError;

use crate::actor::Actor;
use crate::context::Cx;
use crate::error::CoreResult;
use crate::plan::{Plans, TaskRow};

/// What one run did.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ReminderReport {
    /// Messages sent.
    pub sent: usize,
    /// People with something to be reminded of but no e-mail address.
    pub without_address: usize,
    /// Already reminded today.
    pub already: usize,
    /// Accounts whose message the server refused, with the reason.
    pub failed: Vec<(String, String)>,
}

/// Last night's rounds that were missed or incomplete at a unit, one line
/// each, for those who read the guard force's record.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct MissedRounds {
    pub night: chrono::NaiveDate,
    pub lines: Vec<String>,
}

/// A part of the morning e-mail about one area of the unit's work: what
/// needs doing, and where to do it.
#[derive(Clone, Debug)]
pub(crate) struct MailSection {
    /// "PCCC, camera": in the subject.
    pub short: &'static str,
    /// "Phòng cháy, chữa cháy và camera": over the lines.
    pub heading: &'static str,
    pub lines: Vec<String>,
    /// "/equipment": linked when the server's address is known.
    pub path: &'static str,
    /// "mục PCCC, camera": named when it is not.
    pub place: &'static str,
}

/// The subject and text of one person's reminder.
pub(crate) fn compose(
    name: &str,
    unit: &str,
    year: i32,
    rows: &[TaskRow],
    patrols: Option<&MissedRounds>,
    sections: &[&MailSection],
    base_url: Option<&str>,
) -> (String, String) {
    let overdue: Vec<&TaskRow> = rows
        .iter()
        .filter(|r| matches!(r.standing, Standing::Overdue { .. }))
        .collect();
    let soon: Vec<&TaskRow> = rows
        .iter()
        .filter(|r| matches!(r.standing, Standing::DueSoon { .. }))
        .collect();
    let mut subject = if rows.is_empty() {
        String::new()
    } else {
        format!("Nhắc việc Kế hoạch năm {year}:")
    };
    if !overdue.is_empty() {
        let _ = write!(subject, " {} nhiệm vụ quá hạn", overdue.len());
    }
    if !soon.is_empty() {
        if !overdue.is_empty() {
            subject.push(',');
        }
        let _ = write!(subject, " {} nhiệm vụ sắp đến hạn", soon.len());
    }
    if let Some(p) = patrols {
        if !subject.is_empty() {
            subject.push(';');
        }
        let _ = write!(
            subject,
            " Tuần tra đêm {}: {} lượt bị bỏ hoặc thiếu điểm",
            format_date(p.night),
            p.lines.len()
        );
    }
    for section in sections {
        if !subject.is_empty() {
            subject.push(';');
        }
        let _ = write!(
            subject,
            " {}: {} việc cần làm",
            section.short,
            section.lines.len()
        );
    }
    let subject = subject.trim().to_owned();
    let mut body = format!("Kính gửi {name},\n");
    if !rows.is_empty() {
        let _ = write!(
            body,
            "\nCác nhiệm vụ của Kế hoạch thực hiện Phong trào “Toàn dân bảo vệ an ninh Tổ quốc” năm {year} ({unit}) cần theo dõi:\n"
        );
    }
    let base = base_url.map(|b| b.trim_end_matches('/'));
    for (heading, list) in [("Quá hạn", &overdue), ("Sắp đến hạn", &soon)] {
        if list.is_empty() {
            continue;
        }
        let _ = write!(body, "\n{heading}:\n");
        for r in list {
            let when = match r.standing {
                Standing::Overdue { since } => format!("quá hạn từ {}", format_date(since)),
                Standing::DueSoon { on } => format!("hạn {}", format_date(on)),
                Standing::OnTrack { .. } | Standing::Finished => String::new(),
            };
            let who = r
                .department
                .clone()
                .unwrap_or_else(|| "Các phòng, khoa".into());
            let _ = writeln!(body, "- {} ({who}; {when})", r.task.title);
            if let Some(base) = base {
                let _ = writeln!(body, "  {base}/tasks/{}", r.task.id);
            }
        }
    }
    if !rows.is_empty() {
        body.push_str("\nHãy cập nhật tiến độ, kèm minh chứng, trên antt");
        match base {
            Some(base) => {
                let _ = write!(body, ": {base}/");
            }
            None => body.push('.'),
        }
        body.push('\n');
    }
    if let Some(p) = patrols {
        let _ = write!(
            body,
            "\nTuần tra đêm {} ({unit}): các lượt bị bỏ hoặc thiếu điểm:\n",
            format_date(p.night)
        );
        for line in &p.lines {
            let _ = writeln!(body, "- {line}");
        }
        body.push_str("Hãy hỏi người trực ca và ghi chú vào sổ trực ban");
        match base {
            Some(base) => {
                let _ = writeln!(body, ": {base}/patrol?night={}", p.night);
            }
            None => body.push_str(".\n"),
        }
    }
    for section in sections {
        let _ = write!(body, "\n{} ({unit}):\n", section.heading);
        for line in &section.lines {
            let _ = writeln!(body, "- {line}");
        }
        match base {
            Some(base) => {
                let _ = writeln!(body, "Xem và giao xử lý: {base}{}", section.path);
            }
            None => {
                let _ = writeln!(body, "Xem và giao xử lý ở {}.", section.place);
            }
        }
    }
    body.push_str(
        "\nThư này do antt gửi tự động, mỗi ngày có việc cần nhắc một thư; không cần trả lời.\n",
    );
    (subject, body)
}

/// Reminders of tasks by e-mail.
#[derive(Clone)]
pub struct Reminders {
    cx: Cx,
    plans: Plans,
    patrols: crate::patrol::Patrols,
    tip_settings: crate::tip::TipSettings,
    fire: crate::fire::FireSafety,
    dorms: crate::dorm::Dorms,
}

/// The morning hour (Vietnam time) from which last night is judged: the
/// rounds end by 05:00 or 06:00.
pub const MORNING_HOUR: u32 = 7;

impl Reminders {
    pub(crate) fn new(
        cx: Cx,
        plans: Plans,
        patrols: crate::patrol::Patrols,
        tip_settings: crate::tip::TipSettings,
        fire: crate::fire::FireSafety,
        dorms: crate::dorm::Dorms,
    ) -> Self {
        Self {
            cx,
            plans,
            patrols,
            tip_settings,
            fire,
            dorms,
        }
    }

    /// What of fire safety needs doing at `unit`, in lines for the
    /// office's morning e-mail; none when nothing does.
    async fn fire_section(&self, unit: antt_domain::UnitId) -> CoreResult<Option<MailSection>> {
        let due = self.fire.due(&Actor::command_line(), unit).await?;
        let today = local_date(self.cx.now());
        let items = |lines: &[crate::equipment::DueLine]| {
            let mut ids: Vec<_> = lines.iter().map(|l| l.item.id).collect();
            ids.sort_unstable();
            ids.dedup();
            ids.len()
        };
        let mut out = Vec::new();
        let overdue = items(&due.equipment.overdue);
        if overdue > 0 {
            out.push(format!(
                "{overdue} phương tiện quá hạn kiểm tra, bảo dưỡng hoặc hết hạn"
            ));
        }
        let open = due.equipment.open_actions().count();
        if open > 0 {
            let late = due
                .equipment
                .open_actions()
                .filter(|f| f.overdue(today))
                .count();
            out.push(if late == 0 {
                format!("{open} báo hỏng, việc khắc phục chưa xử lý")
            } else {
                format!("{open} báo hỏng, việc khắc phục chưa xử lý, {late} việc đã quá hạn")
            });
        }
        if !due.equipment.outages.is_empty() {
            out.push(format!(
                "{} camera, đầu ghi đang mất hình",
                due.equipment.outages.len()
            ));
        }
        for f in &due.footage_at_risk {
            out.push(format!(
                "Hình camera {} cho vụ việc số {} chưa sao lưu, đầu ghi ghi đè ngày {}",
                f.camera,
                f.incident_number,
                antt_domain::time::format_date(f.footage.overwritten_on)
            ));
        }
        for l in &due.late_rounds {
            out.push(format!(
                "Lượt kiểm tra quá hạn: {} (giao {}), quá hạn từ {}",
                l.schedule.name,
                l.assignee,
                l.state
                    .late_since
                    .map_or_else(String::new, antt_domain::time::format_date)
            ));
        }
        if !due.certificates.is_empty() {
            out.push(format!(
                "{} chứng nhận huấn luyện PCCC sắp hết hạn hoặc đã hết hạn",
                due.certificates.len()
            ));
        }
        if due.drill_overdue {
            out.push("Đến hạn diễn tập phương án chữa cháy (ít nhất mỗi năm một lần)".to_owned());
        }
        Ok((!out.is_empty()).then_some(MailSection {
            short: "PCCC, camera",
            heading: "Phòng cháy, chữa cháy và camera",
            lines: out,
            path: "/equipment",
            place: "mục PCCC, camera",
        }))
    }

    /// What of the dormitories needs doing at `unit`: temporary-residence
    /// registrations lapsing within a month, lapsed or not made, rooms due
    /// for a check, students not back from leave; none when nothing does
    /// (or the unit has no dormitories).
    async fn dorm_section(&self, unit: antt_domain::UnitId) -> CoreResult<Option<MailSection>> {
        use antt_domain::dorm::Registration as R;
        let office = Actor::command_line();
        if antt_store::dorm::buildings(self.cx.db(), unit)
            .await?
            .is_empty()
        {
            return Ok(None);
        }
        let list = self.dorms.residence_list(&office, unit).await?;
        let n = |states: &[R]| {
            list.iter()
                .filter(|l| states.contains(&l.registration))
                .count()
        };
        let mut out = Vec::new();
        for (states, what) in [
            (
                &[R::Expiring][..],
                "đăng ký tạm trú hết hạn trong 30 ngày tới, cần gia hạn",
            ),
            (&[R::Lapsed][..], "đăng ký tạm trú đã hết hạn"),
            (
                &[R::Unregistered, R::Missing][..],
                "học sinh, sinh viên nội trú chưa đăng ký tạm trú",
            ),
        ] {
            let count = n(states);
            if count > 0 {
                out.push(format!("{count} {what}"));
            }
        }
        let today = local_date(self.cx.now());
        let due = self.dorms.checks(&office, unit, today).await?.due.len();
        if due > 0 {
            out.push(format!("{due} phòng ở đến hạn kiểm tra"));
        }
        let night = self
            .dorms
            .night(&office, unit, self.dorms.tonight())
            .await?;
        if !night.not_back.is_empty() {
            out.push(format!(
                "{} học sinh, sinh viên hết hạn phép chưa về ký túc xá",
                night.not_back.len()
            ));
        }
        Ok((!out.is_empty()).then_some(MailSection {
            short: "Ký túc xá",
            heading: "Ký túc xá",
            lines: out,
            path: "/dorm",
            place: "mục Ký túc xá",
        }))
    }

    /// From 7:00, last night's missed or incomplete patrol rounds of every
    /// unit that has rounds (with or without a plan) go once through the
    /// webhook, when one is configured, as
    /// `{"event": "patrol.missed", "unit", "night", "rounds": [...], "link"}`
    /// (a Zalo or SMS gateway behind it reaches the office's phones).
    /// Returns how many units were reported. Safe to run every minute.
    #[tracing::instrument(name = "reminders.report_missed_rounds", skip_all)]
    pub async fn report_missed_rounds(&self) -> CoreResult<usize> {
        use chrono::Timelike;
        if !self.tip_settings.has_webhook() {
            return Ok(0);
        }
        let base = self.tip_settings.link_base();
        let now = self.cx.now();
        if antt_domain::time::local_time(now).hour() < MORNING_HOUR {
            return Ok(0);
        }
        let night = local_date(now) - chrono::Duration::days(1);
        let mut reported = 0;
        for unit in antt_store::patrol::units_with_rounds(self.cx.db()).await? {
            if antt_store::patrol::was_reported(self.cx.db(), unit, night).await? {
                continue;
            }
            let Some(missed) = self.missed_rounds(unit).await? else {
                continue;
            };
            let code = self.cx.cached_unit(unit).await?.code;
            let body = serde_json::json!({
                "event": "patrol.missed",
                "unit": code,
                "night": night,
                "rounds": missed.lines,
                "at": now.to_rfc3339(),
                "link": base.map(|b| format!("{}/patrol?night={night}", b.trim_end_matches('/'))),
            })
            .to_string();
            let w = self.cx.write(crate::write::Access::Server).await?;
            match antt_store::patrol::reported(w.tx(), unit, night, now).await {
                Ok(()) => {}
                // Another server of the same database got there first.
                Err(StoreError::Conflict(_)) => continue,
                Err(e) => return Err(e.into()),
            }
            antt_store::notice::enqueue_hook(w.tx(), unit, body, now).await?;
            w.commit(antt_domain::audit::NewAuditEntry {
                actor_id: None,
                actor_name: "system".into(),
                unit_id: Some(unit),
                action: antt_domain::audit::AuditAction::Update,
                target_kind: Some(antt_domain::audit::TargetKind::Patrol),
                target_id: Some(night.to_string()),
                summary: format!(
                    "Báo tuần tra đêm {}: {} lượt bị bỏ hoặc thiếu điểm",
                    format_date(night),
                    missed.lines.len()
                ),
                changes: Vec::new(),
            })
            .await?;
            reported += 1;
        }
        Ok(reported)
    }

    /// The rounds of last night (the one that began yesterday evening)
    /// passed without every checkpoint scanned.
    async fn missed_rounds(&self, unit: antt_domain::UnitId) -> CoreResult<Option<MissedRounds>> {
        use antt_domain::patrol::RoundStatus;
        let night = local_date(self.cx.now()) - chrono::Duration::days(1);
        let n = self
            .patrols
            .night(&Actor::command_line(), unit, night)
            .await?;
        let campuses = antt_store::org::list_campuses(self.cx.db(), unit).await?;
        let mut lines = Vec::new();
        for r in &n.rounds {
            let campus = campuses
                .iter()
                .find(|c| c.id == r.round.campus_id)
                .map_or("", |c| c.name.as_str());
            for d in &r.due {
                let what = match &d.status {
                    RoundStatus::Missed => "bỏ lượt".to_owned(),
                    RoundStatus::Incomplete { missing } => format!(
                        "thiếu {}",
                        missing
                            .iter()
                            .map(|c| n.checkpoint_name(*c))
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                    _ => continue,
                };
                lines.push(format!(
                    "{campus}, {} lúc {}: {what}",
                    r.round.name,
                    d.starts.format("%H:%M")
                ));
            }
        }
        Ok((!lines.is_empty()).then_some(MissedRounds { night, lines }))
    }

    /// Sends today's reminders through `mailer`; links point at `base_url`
    /// when given. Safe to run often: each account gets one message a day.
    #[tracing::instrument(name = "reminders.send", skip_all)]
    pub async fn send(
        &self,
        mailer: &Mailer,
        base_url: Option<&str>,
    ) -> CoreResult<ReminderReport> {
        let mut report = ReminderReport::default();
        let today = local_date(self.cx.now());
        let mut units =
            antt_store::reminder::units_with_plans(self.cx.db(), PlanState::Approved.code())
                .await?;
        // A unit with patrol rounds hears of missed ones, plan or not; one
        // with a register of fire equipment, of what is due.
        for unit in antt_store::patrol::units_with_rounds(self.cx.db())
            .await?
            .into_iter()
            .chain(antt_store::equipment::units_with_items(self.cx.db()).await?)
            .chain(antt_store::dorm::units_with_buildings(self.cx.db()).await?)
        {
            if !units.contains(&unit) {
                units.push(unit);
            }
        }
        for unit in units {
            let plan = self.plans.working_plan(unit).await?;
            let year = plan.as_ref().map_or_else(
                || antt_domain::time::MovementYear::of(today).number(),
                |p| p.year,
            );
            let unit_name = self.cx.cached_unit(unit).await?.name;
            let missed = self.missed_rounds(unit).await?;
            let fire_section = self.fire_section(unit).await?;
            let dorm_section = self.dorm_section(unit).await?;
            let users: Vec<User> = antt_store::user::list(self.cx.db(), unit)
                .await?
                .into_iter()
                .filter(|u| !u.locked && u.role.can(Capability::ReadPlans))
                .collect();
            for user in users {
                let actor = Actor::from_user(&user);
                let rows: Vec<TaskRow> = if plan.is_none() {
                    Vec::new()
                } else {
                    self.plans.my_tasks(&actor, unit).await?
                };
                let rows: Vec<TaskRow> = rows
                    .into_iter()
                    .filter(|r| {
                        matches!(
                            r.standing,
                            Standing::Overdue { .. } | Standing::DueSoon { .. }
                        )
                    })
                    .collect();
                // Those who read the guard force's record, not the guards.
                let patrols = missed.as_ref().filter(|_| {
                    user.role.can(Capability::ReadDuty) && !user.role.can(Capability::StandDuty)
                });
                let mut sections = Vec::new();
                if let Some(f) = fire_section
                    .as_ref()
                    .filter(|_| user.role.can(Capability::ManageEquipment))
                {
                    sections.push(f);
                }
                // The office and the dormitory board, whatever their role.
                if let Some(d) = dorm_section.as_ref()
                    && crate::dorm::standing(self.cx.db(), &actor, unit)
                        .await?
                        .board
                {
                    sections.push(d);
                }
                if rows.is_empty() && patrols.is_none() && sections.is_empty() {
                    continue;
                }
                let person = match user.person_id {
                    Some(p) => Some(antt_store::person::get(self.cx.db(), unit, p).await?),
                    None => None,
                };
                let Some((name, address)) =
                    person.and_then(|p| p.email.clone().map(|e| (p.full_name, e)))
                else {
                    report.without_address += 1;
                    continue;
                };
                if antt_store::reminder::was_sent(self.cx.db(), user.id, today).await? {
                    report.already += 1;
                    continue;
                }
                let (subject, body) =
                    compose(&name, &unit_name, year, &rows, patrols, &sections, base_url);
                match mailer.send(&name, &address, &subject, body).await {
                    Ok(()) => {
                        match antt_store::reminder::record(
                            self.cx.db(),
                            user.id,
                            unit,
                            today,
                            rows.len(),
                            self.cx.now(),
                        )
                        .await
                        {
                            Ok(()) | Err(StoreError::Conflict(_)) => report.sent += 1,
                            Err(e) => return Err(e.into()),
                        }
                    }
                    Err(e) => report.failed.push((user.username.clone(), e.to_string())),
                }
            }
        }
        Ok(report)
    }
}

#[cfg(test)]
mod tests {
    use super::{MailSection, compose};

    #[test]
    fn the_office_hears_of_fire_safety_and_the_dormitories_in_the_morning_mail() {
        let fire = MailSection {
            short: "PCCC, camera",
            heading: "Phòng cháy, chữa cháy và camera",
            lines: vec![
                "40 phương tiện quá hạn kiểm tra, bảo dưỡng hoặc hết hạn".to_owned(),
                "3 báo hỏng chưa xử lý, 1 việc đã quá hạn".to_owned(),
            ],
            path: "/equipment",
            place: "mục PCCC, camera",
        };
        let dorm = MailSection {
            short: "Ký túc xá",
            heading: "Ký túc xá",
            lines: vec!["12 đăng ký tạm trú hết hạn trong 30 ngày tới, cần gia hạn".to_owned()],
            path: "/dorm",
            place: "mục Ký túc xá",
        };
        let (subject, body) = compose(
            "Nguyễn Văn A",
            "Trường Cao đẳng Lào Cai",
            2026,
            &[],
            None,
            &[&fire, &dorm],
            Some("https://antt.cdlc.edu.vn/"),
        );
        assert_eq!(
            subject,
            "PCCC, camera: 2 việc cần làm; Ký túc xá: 1 việc cần làm"
        );
        assert!(body.contains("- 12 đăng ký tạm trú hết hạn trong 30 ngày tới"));
        assert!(body.contains("https://antt.cdlc.edu.vn/dorm"));
        assert!(body.contains("Phòng cháy, chữa cháy và camera (Trường Cao đẳng Lào Cai):"));
        assert!(body.contains("- 3 báo hỏng chưa xử lý, 1 việc đã quá hạn"));
        assert!(body.contains("https://antt.cdlc.edu.vn/equipment"));
        assert!(
            !body.contains("Kế hoạch thực hiện"),
            "no tasks, no tasks' paragraph"
        );
    }
}
