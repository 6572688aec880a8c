//! Reminders by e-mail: once a day, every account holder whose person
//! record has an e-mail address receives the overdue and due-soon tasks of
//! the issued plan that concern them (the same list as their home page).
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

/// The subject and text of one person's reminder.
pub(crate) fn compose(
    name: &str,
    unit: &str,
    year: i32,
    rows: &[TaskRow],
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
    let mut subject = format!("Nhắc việc Kế hoạch năm {year}:");
    if !overdue.is_empty() {
        let _ = write!(subject, " {} nhiệm vụ quá hạn", overdue.len());
    }
    if !soon.is_empty() {
        if !overdue.is_empty() {
            subject.push(',');
        }
        let _ = write!(subject, " {} nhiệm vụ sắp đến hạn", soon.len());
    }
    let mut body = format!(
        "Kính gửi {name},\n\nCác nhiệm vụ của Kế hoạch thực hiện Phong trào “Toàn dân bảo vệ an ninh Tổ quốc” năm {year} ({unit}) cần theo dõi:\n"
    );
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
    body.push_str("\nHãy cập nhật tiến độ, kèm minh chứng, trên antt");
    match base {
        Some(base) => {
            let _ = write!(body, ": {base}/");
        }
        None => body.push('.'),
    }
    body.push_str(
        "\n\nThư này do antt gửi tự động, mỗi ngày có việc cần nhắc một thư; không cần trả lời.\n",
    );
    (subject, body)
}

/// Reminders of tasks by e-mail.
#[derive(Clone)]
pub struct Reminders {
    cx: Cx,
    plans: Plans,
}

impl Reminders {
    pub(crate) fn new(cx: Cx, plans: Plans) -> Self {
        Self { cx, plans }
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
        let units =
            antt_store::reminder::units_with_plans(self.cx.db(), PlanState::Approved.code())
                .await?;
        for unit in units {
            let Some(plan) = self.plans.working_plan(unit).await? else {
                continue;
            };
            let unit_name = self.cx.cached_unit(unit).await?.name;
            let users: Vec<User> = antt_store::user::list(self.cx.db(), unit)
                .await?
                .into_iter()
                .filter(|u| !u.locked && u.role.can(Capability::ReadPlans))
                .collect();
            for user in users {
                let actor = Actor::from_user(&user);
                let rows: Vec<TaskRow> = self
                    .plans
                    .my_tasks(&actor, unit)
                    .await?
                    .into_iter()
                    .filter(|r| {
                        matches!(
                            r.standing,
                            Standing::Overdue { .. } | Standing::DueSoon { .. }
                        )
                    })
                    .collect();
                if rows.is_empty() {
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
                let (subject, body) = compose(&name, &unit_name, plan.year, &rows, base_url);
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
