//! The movement's lists as workbooks: a plan's tasks, a year's sessions,
//! the models and teams. The words are the screens' own (`i18n`); the
//! export itself is written to the audit log by the core.

use axum::extract::{Path, Query, State};
use axum::response::Response;

use antt_core::export::{TableSheet, Value};
use antt_domain::audit::TargetKind;
use antt_domain::time::{format_date, format_instant};
use antt_domain::{PlanId, UnitId};

use crate::auth::CurrentUser;
use crate::error::WebError;
use crate::i18n;
use crate::layout::{UnitParam, frame, parse_id};
use crate::state::AppState;
use crate::views::plans::standing;
use crate::views::sessions::YearParam;

fn sheet(
    unit: &str,
    title: String,
    headers: &[&str],
    widths: &[f64],
    rows: Vec<Vec<Value>>,
) -> TableSheet {
    TableSheet {
        name: "Danh sách".into(),
        title: vec![unit.to_uppercase(), title],
        headers: headers.iter().map(|h| (*h).to_owned()).collect(),
        widths: widths.to_vec(),
        rows: rows
            .into_iter()
            .zip(1u32..)
            .map(|(mut row, n)| {
                row.insert(0, Value::Number(f64::from(n)));
                row
            })
            .collect(),
    }
}

/// Writes the sheet as a workbook (the export is audited) and sends it.
async fn send(
    state: &AppState,
    user: &CurrentUser,
    unit: UnitId,
    target: Option<(TargetKind, String)>,
    file_name: String,
    sheets: Vec<TableSheet>,
) -> Result<Response, WebError> {
    let file = state
        .antt
        .exports()
        .sheets(user.actor(), unit, target, file_name, sheets)
        .await?;
    Ok(super::download(file))
}

fn number(n: impl Into<f64>) -> Value {
    Value::Number(n.into())
}

/// A plan's tasks with who is in charge, when, and where each stands.
pub(crate) async fn plan_tasks(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
    Query(param): Query<UnitParam>,
) -> Result<Response, WebError> {
    let (unit, layout) = frame(&state, &user, &param, "plans", "").await?;
    let id: PlanId = parse_id(&id)?;
    let v = state.antt.plans().view(user.actor(), unit, id).await?;
    let rows = v
        .tasks
        .iter()
        .map(|r| {
            let t = &r.task;
            let when = match (t.due_on, t.recurrence) {
                (Some(d), _) => format_date(d),
                (None, Some(rec)) => i18n::recurrence(rec).to_owned(),
                (None, None) => String::new(),
            };
            vec![
                number(t.section),
                t.title.clone().into(),
                r.department
                    .clone()
                    .unwrap_or_else(|| "Các phòng, khoa".into())
                    .into(),
                r.person.clone().into(),
                r.partners.join(", ").into(),
                when.into(),
                i18n::task_status(t.status).into(),
                standing(r.standing).0.into(),
                t.last_progress_on.map(format_date).into(),
            ]
        })
        .collect();
    let file = sheet(
        &layout.unit_name,
        format!("NHIỆM VỤ THEO KẾ HOẠCH NĂM {}", v.plan.year),
        &[
            "STT",
            "Mục",
            "Nhiệm vụ",
            "Chủ trì",
            "Người phụ trách",
            "Phối hợp",
            "Thời hạn",
            "Trạng thái",
            "Tình hình",
            "Cập nhật gần nhất",
        ],
        &[6.0, 6.0, 50.0, 24.0, 20.0, 24.0, 16.0, 14.0, 22.0, 14.0],
        rows,
    );
    send(
        &state,
        &user,
        unit,
        Some((TargetKind::Plan, id.to_string())),
        format!("nhiem-vu-{}.xlsx", v.plan.year),
        vec![file],
    )
    .await
}

/// A movement year's sessions with their attendance, materials and posts.
pub(crate) async fn sessions(
    State(state): State<AppState>,
    user: CurrentUser,
    Query(q): Query<YearParam>,
) -> Result<Response, WebError> {
    let (unit, layout) = frame(&state, &user, &q.unit(), "sessions", "").await?;
    let year = q.year(&state);
    let list = state.antt.sessions().list(user.actor(), unit, year).await?;
    let rows = list
        .iter()
        .map(|r| {
            let s = &r.session;
            let mut topics: Vec<&str> = s.topics.iter().map(|t| i18n::topic(*t)).collect();
            if let Some(note) = &s.topic_note {
                topics.push(note);
            }
            vec![
                format_instant(s.starts_at).into(),
                s.title.clone().into(),
                i18n::session_kind(s.kind).into(),
                topics.join("; ").into(),
                s.organiser.clone().into(),
                s.partner.clone().into(),
                s.place.clone().into(),
                number(r.attended),
                number(s.outside_count),
                number(s.materials),
                number(s.posts.total()),
            ]
        })
        .collect();
    let file = sheet(
        &layout.unit_name,
        format!("TUYÊN TRUYỀN, TẬP HUẤN NĂM {year}"),
        &[
            "STT",
            "Thời gian",
            "Nội dung",
            "Hình thức",
            "Chủ đề",
            "Đơn vị tổ chức",
            "Công an phối hợp",
            "Địa điểm",
            "Người tham dự",
            "Khách ngoài đơn vị",
            "Tài liệu phát ra",
            "Bài đăng",
        ],
        &[
            6.0, 16.0, 40.0, 18.0, 30.0, 22.0, 24.0, 22.0, 10.0, 10.0, 10.0, 10.0,
        ],
        rows,
    );
    send(
        &state,
        &user,
        unit,
        None,
        format!("tuyen-truyen-{year}.xlsx"),
        vec![file],
    )
    .await
}

/// The models, teams and clusters with their decisions and members serving.
pub(crate) async fn teams(
    State(state): State<AppState>,
    user: CurrentUser,
    Query(param): Query<UnitParam>,
) -> Result<Response, WebError> {
    let (unit, layout) = frame(&state, &user, &param, "teams", "").await?;
    let list = state.antt.teams().list(user.actor(), unit).await?;
    let rows = list
        .iter()
        .map(|r| {
            let t = &r.team;
            vec![
                i18n::team_kind(t.kind).into(),
                t.name.clone().into(),
                t.decision_number.clone().into(),
                t.decision_date.map(format_date).into(),
                t.decision_signer.clone().into(),
                number(u32::try_from(r.serving).unwrap_or(u32::MAX)),
                r.leader.clone().into(),
                i18n::team_status(t.status).into(),
                t.partners.join("; ").into(),
            ]
        })
        .collect();
    let file = sheet(
        &layout.unit_name,
        "MÔ HÌNH, ĐỘI, CỤM AN NINH LIÊN KẾT".into(),
        &[
            "STT",
            "Loại",
            "Tên",
            "Quyết định số",
            "Ngày quyết định",
            "Người ký",
            "Thành viên",
            "Trưởng",
            "Trạng thái",
            "Đơn vị liên kết",
        ],
        &[6.0, 16.0, 40.0, 16.0, 14.0, 22.0, 10.0, 22.0, 14.0, 40.0],
        rows,
    );
    // The members of every group, on a second sheet.
    let mut members = Vec::new();
    for r in &list {
        let v = state
            .antt
            .teams()
            .view(user.actor(), unit, r.team.id)
            .await?;
        for m in v.members {
            members.push(vec![
                r.team.name.clone().into(),
                m.name.into(),
                m.code.into(),
                i18n::member_role(m.member.role).into(),
                format_date(m.member.from).into(),
                m.member.until.map(format_date).into(),
                if m.serving { "Có" } else { "Không" }.into(),
            ]);
        }
    }
    let mut members = sheet(
        &layout.unit_name,
        "THÀNH VIÊN MÔ HÌNH, ĐỘI, CỤM AN NINH LIÊN KẾT".into(),
        &[
            "STT",
            "Mô hình, đội",
            "Họ và tên",
            "Mã",
            "Vai trò",
            "Từ ngày",
            "Đến ngày",
            "Đang tham gia",
        ],
        &[6.0, 40.0, 28.0, 14.0, 14.0, 12.0, 12.0, 12.0],
        members,
    );
    members.name = "Thành viên".into();
    send(
        &state,
        &user,
        unit,
        None,
        "mo-hinh-doi.xlsx".into(),
        vec![file, members],
    )
    .await
}

/// The unit's plans, one line a year, with how their tasks stand.
pub(crate) async fn plans(
    State(state): State<AppState>,
    user: CurrentUser,
    Query(param): Query<UnitParam>,
) -> Result<Response, WebError> {
    let (unit, layout) = frame(&state, &user, &param, "plans", "").await?;
    let mut rows = Vec::new();
    for p in state.antt.plans().list(user.actor(), unit).await? {
        let v = state.antt.plans().view(user.actor(), unit, p.id).await?;
        let c = v.counts();
        rows.push(vec![
            number(p.year),
            crate::views::plans::number_line(&p.content).into(),
            p.content.title.clone().into(),
            i18n::plan_state(p.state).into(),
            p.content.signed_on.map(format_date).into(),
            number(u32::try_from(c.total).unwrap_or(u32::MAX)),
            number(u32::try_from(c.done).unwrap_or(u32::MAX)),
            number(u32::try_from(c.overdue).unwrap_or(u32::MAX)),
        ]);
    }
    let file = sheet(
        &layout.unit_name,
        "KẾ HOẠCH THỰC HIỆN PHONG TRÀO".into(),
        &[
            "STT",
            "Năm",
            "Số, ký hiệu",
            "Trích yếu",
            "Trạng thái",
            "Ngày ký",
            "Nhiệm vụ",
            "Đã xong",
            "Quá hạn",
        ],
        &[6.0, 8.0, 18.0, 60.0, 14.0, 12.0, 10.0, 10.0, 10.0],
        rows,
    );
    send(
        &state,
        &user,
        unit,
        None,
        "ke-hoach.xlsx".into(),
        vec![file],
    )
    .await
}

/// The routes of this area of the screens.
pub(crate) fn routes() -> crate::routes::Routes {
    use axum::routing::get;
    crate::routes::Routes::new()
        .route("/plans/export", get(plans))
        .route("/plans/{id}/tasks/export", get(plan_tasks))
        .route("/sessions/export", get(sessions))
        .route("/teams/export", get(teams))
}
