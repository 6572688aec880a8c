//! The home page: the unit's real figures.

use antt_domain::role::Capability;
use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Query, State};

use crate::auth::CurrentUser;
use crate::error::WebError;
use crate::forms::{number, percent};
use crate::i18n;
use crate::layout::{Layout, UnitParam, frame};
use crate::state::AppState;

/// One figure on the home page, linking to the list behind it.
pub(crate) struct Figure {
    pub label: &'static str,
    pub value: String,
    pub note: String,
    pub href: String,
}

/// What a card says of a deadline that passed with nothing done.
const OVERDUE: &str = "Quá hạn";

impl Figure {
    /// A deadline passed: the card is drawn in the alarm colour.
    pub(crate) fn alarm(&self) -> bool {
        self.value == OVERDUE
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "home.html")]
pub(crate) struct HomePage {
    layout: Layout,
    kind: &'static str,
    address: String,
    is_authority: bool,
    overseen: String,
    people: Vec<Figure>,
    org: Vec<Figure>,
    /// Tasks of the plan that concern the user, the overdue first.
    tasks: Vec<crate::views::plans::TaskLine>,
    more_tasks: usize,
    plans: String,
    movement: Option<Movement>,
    /// Tips, incidents and violations, for those who may see their figures.
    tips: Option<(Vec<Figure>, Vec<MonthBar>)>,
    /// For a province officer: the year's self-assessments of its units.
    assessments: Option<(i32, Vec<Figure>)>,
    /// What this person does in the movement, for those whose day is not
    /// the unit's figures (a student, a guard): each a link they may follow.
    duties: Vec<Duty>,
    /// For the office: last night's rounds, tonight's cover, empty shifts,
    /// visitors inside.
    guard_force: Option<Vec<GuardFigure>>,
    fire_safety: Option<Vec<GuardFigure>>,
    /// For those who see the whole dormitory: the night in figures.
    dormitory: Option<(String, Vec<GuardFigure>)>,
    /// The movement year every figure of the page counts.
    year: i32,
    /// The years one may choose, the shown one marked.
    years: Vec<crate::views::sessions::YearLink>,
}

/// `?year=`: the movement year the home page shows; the current one when
/// absent or out of reach.
#[derive(Debug, Default, serde::Deserialize)]
pub(crate) struct YearChoice {
    year: Option<String>,
}

/// One thing a person does, with where it stands for them.
pub(crate) struct Duty {
    pub label: &'static str,
    pub note: String,
    pub href: String,
    /// Done for this year: shown ticked.
    pub done: bool,
}

/// The jobs of a person who takes part (a student) or guards the unit and
/// records what they see: not the unit's figures, which they may not open.
async fn duties(
    state: &AppState,
    user: &CurrentUser,
    unit: antt_domain::UnitId,
    year: i32,
) -> Result<Vec<Duty>, WebError> {
    use antt_domain::contest::Window;
    let actor = user.actor();
    let mut out = Vec::new();
    if actor.can(Capability::CheckInBySelf) {
        out.push(Duty {
            label: "Điểm danh buổi tuyên truyền",
            note: "quét mã QR hoặc nhập mã người tổ chức đưa".into(),
            href: "/checkin".into(),
            done: false,
        });
    }
    if actor.can(Capability::TakePartInMovement) && !actor.can(Capability::ReadPersonDetails) {
        let signed = state
            .antt
            .commitments()
            .view(actor, unit, year)
            .await?
            .and_then(|v| v.signed_by_me);
        if let Some(signed) = signed {
            out.push(Duty {
                label: "Ký cam kết năm",
                note: if signed {
                    "bạn đã ký".into()
                } else {
                    "bạn chưa ký".into()
                },
                href: format!("/commitments?year={year}"),
                done: signed,
            });
        }
        let contests = state.antt.contests().list(actor, unit, year).await?;
        let open: Vec<_> = contests
            .iter()
            .filter(|c| c.window == Window::Open)
            .collect();
        if !open.is_empty() {
            let handed_in = open
                .iter()
                .filter(|c| c.mine.as_ref().is_some_and(|a| a.submitted_at.is_some()))
                .count();
            out.push(Duty {
                label: "Thi tìm hiểu pháp luật",
                note: format!("đã làm {handed_in}/{} cuộc thi đang mở", open.len()),
                href: "/contests".into(),
                done: handed_in == open.len(),
            });
        }
    }
    if actor.can(Capability::ReadPersonDetails) {
        for class in state.antt.homeroom().my_classes(actor, unit).await? {
            let s = state
                .antt
                .homeroom()
                .class(actor, unit, class.id, year)
                .await?;
            let mut behind = Vec::new();
            if s.campaign {
                behind.push(format!("{} chưa ký cam kết", s.not_signed()));
            }
            behind.push(format!("{} chưa dự tuyên truyền", s.not_attended()));
            if s.contests_open > 0 {
                behind.push(format!("{} chưa nộp bài thi", s.not_in_contest()));
            }
            let done = s.students.iter().all(|p| !p.behind(&s));
            out.push(Duty {
                label: "Lớp chủ nhiệm",
                note: format!("{}: {}", class.name, behind.join(", ")),
                href: format!("/my-class?class={}&year={year}", class.id),
                done,
            });
        }
    }
    if actor.can(Capability::StandDuty) {
        let now = state
            .antt
            .now()
            .with_timezone(&antt_domain::time::vietnam())
            .naive_local();
        let shifts = state.antt.duty().my_shifts(actor, now).await?;
        out.push(Duty {
            label: "Ca trực tiếp theo",
            note: shifts.first().map_or_else(
                || "chưa có ca nào đã công bố".into(),
                |s| {
                    format!(
                        "{}{} {}–{}, {}",
                        if s.shift.start <= now {
                            "đang trực: "
                        } else {
                            ""
                        },
                        s.shift.start.format("%d/%m"),
                        s.shift.start.format("%H:%M"),
                        s.shift.end.format("%H:%M"),
                        s.post
                    )
                },
            ),
            href: "/duty/mine".into(),
            done: false,
        });
        let rounds = state
            .antt
            .patrols()
            .due_now(actor, user.0.user.campus_id)
            .await?;
        out.push(Duty {
            label: "Tuần tra",
            note: rounds.first().map_or_else(
                || "chưa đến giờ lượt nào".into(),
                |r| {
                    if r.left.is_empty() {
                        format!("{}: đã quét đủ {} điểm", r.name, r.of)
                    } else {
                        format!(
                            "{}: còn {}/{} điểm, đến {}",
                            r.name,
                            r.left.len(),
                            r.of,
                            antt_domain::time::local_time(r.until).format("%H:%M")
                        )
                    }
                },
            ),
            href: "/gate/scan".into(),
            done: rounds.first().is_some_and(|r| r.left.is_empty()),
        });
        let open = state.antt.shift_logs().current(actor).await?;
        out.push(Duty {
            label: "Sổ trực ban",
            note: open.map_or_else(
                || "nhận ca, ghi sự việc, giao ca".into(),
                |v| format!("đang trực, đã ghi {} việc", v.entries.len()),
            ),
            href: "/gate".into(),
            done: false,
        });
    }
    if actor.can(Capability::InspectEquipment) && !actor.can(Capability::ManageEquipment) {
        // The rounds of checks given to them or their team, not yet done.
        for l in state
            .antt
            .inspections()
            .rounds(actor, unit)
            .await?
            .into_iter()
            .filter(|l| l.mine && !l.state.complete())
        {
            out.push(Duty {
                label: "Lượt kiểm tra của tôi",
                note: format!(
                    "{}: {}/{}, {}",
                    l.schedule.name,
                    l.state.done,
                    l.state.total,
                    l.state.late_since.map_or_else(
                        || format!(
                            "hạn {}",
                            antt_domain::time::format_date(l.state.period.due())
                        ),
                        |d| format!("quá hạn từ {}", antt_domain::time::format_date(d))
                    )
                ),
                href: format!("/equipment/rounds/{}", l.schedule.id),
                done: false,
            });
        }
    }
    out.extend(dorm_duties(state, actor, unit).await?);
    if actor.can(Capability::RecordTips) && !actor.can(Capability::HandleTips) {
        out.push(Duty {
            label: "Ghi nhận tin báo",
            note: "việc người khác báo trực tiếp hoặc qua điện thoại".into(),
            href: "/tips/new".into(),
            done: false,
        });
        if !state.antt.tips().handles(actor, unit).await? {
            let recorded = state.antt.tips().recorded_by_me(actor).await?;
            let open = recorded.iter().filter(|t| !t.state.is_closed()).count();
            out.push(Duty {
                label: "Tin báo bạn đã ghi",
                note: if recorded.is_empty() {
                    "chưa có tin nào".into()
                } else {
                    format!("{} tin, {open} tin đang xử lý", recorded.len())
                },
                href: "/tips#recorded".into(),
                done: open == 0,
            });
        }
    }
    if actor.can(Capability::ReadPeople) && !actor.can(Capability::ReadPersonDetails) {
        out.push(Duty {
            label: "Tra cứu cán bộ, HSSV",
            note: "theo tên, mã hoặc lớp".into(),
            href: "/people".into(),
            done: false,
        });
    }
    if !out.is_empty() && !actor.can(Capability::RecordTips) {
        let code = state.antt.units().get(actor, unit).await?.code;
        out.push(Duty {
            label: "Báo tin an ninh, trật tự",
            note: "không cần ghi tên".into(),
            href: format!("/tip/{code}"),
            done: false,
        });
        out.push(Duty {
            label: "Tra cứu tin đã báo",
            note: "bằng mã tra cứu 16 chữ số".into(),
            href: "/tip/status".into(),
            done: false,
        });
    }
    Ok(out)
}

/// The dormitory's part of a person's day: the rooms they call, their
/// boarders' absences, the alerts not yet read, the leave to decide.
async fn dorm_duties(
    state: &AppState,
    actor: &antt_core::Actor,
    unit: antt_domain::UnitId,
) -> Result<Vec<Duty>, WebError> {
    let dorms = state.antt.dorms();
    let s = dorms.standing(actor, unit).await?;
    let mut out = Vec::new();
    for (room, label, t) in dorms.my_rooms(actor, unit).await? {
        out.push(Duty {
            label: "Điểm danh tối",
            note: if t.called() {
                format!("{label}: đã điểm danh, {} vắng không phép", t.absent)
            } else {
                format!(
                    "{label}: còn {}/{} người chưa điểm danh",
                    t.unmarked(),
                    t.residents
                )
            },
            href: format!("/dorm/rooms/{}/rollcall", room.id),
            done: t.called(),
        });
    }
    for a in dorms
        .alerts(actor, unit)
        .await?
        .iter()
        .filter(|a| !a.alert.read)
        .take(5)
    {
        out.push(Duty {
            label: "Báo vắng ký túc xá",
            note: format!(
                "{} ({}): {}, đêm {}",
                a.person.full_name,
                a.person.code,
                i18n::dorm_alert(a.alert.kind).to_lowercase(),
                antt_domain::time::format_date(a.alert.night)
            ),
            href: format!("/dorm?night={}#absent", a.alert.night),
            done: false,
        });
    }
    if s.board || !s.classes.is_empty() {
        let asked = dorms.leave_board(actor, unit).await?.asked.len();
        if asked > 0 {
            out.push(Duty {
                label: "Đơn xin phép chờ duyệt",
                note: format!("{asked} đơn của HSSV nội trú"),
                href: "/dorm/leave".into(),
                done: false,
            });
        }
    }
    Ok(out)
}

/// One month's bars of the sessions chart (SVG coordinates).
pub(crate) struct MonthBar {
    pub label: String,
    pub x: u32,
    pub this: u32,
    pub this_y: u32,
    pub this_h: u32,
    pub last: u32,
    pub last_y: u32,
    pub last_h: u32,
}

/// The movement year's figures on the home page.
pub(crate) struct Movement {
    pub year: i32,
    pub figures: Vec<Figure>,
    pub bars: Vec<MonthBar>,
}

/// The bars of the chart: 30 units a month, 60 high at the busiest month.
fn bars(months: &[antt_core::dashboard::MonthFigures]) -> Vec<MonthBar> {
    const BASE: u32 = 70;
    const HIGH: u32 = 60;
    let top = months
        .iter()
        .map(|m| m.sessions.max(m.sessions_last_year))
        .max()
        .unwrap_or(0)
        .max(1);
    months
        .iter()
        .zip(0..)
        .map(|(m, i)| {
            let h = |v: u32| v * HIGH / top;
            MonthBar {
                label: format!("T{}", m.month),
                x: i * 30,
                this: m.sessions,
                this_y: BASE - h(m.sessions),
                this_h: h(m.sessions),
                last: m.sessions_last_year,
                last_y: BASE - h(m.sessions_last_year),
                last_h: h(m.sessions_last_year),
            }
        })
        .collect()
}

async fn movement(
    state: &AppState,
    user: &CurrentUser,
    unit: antt_domain::UnitId,
    layout: &Layout,
    year: i32,
) -> Result<Option<Movement>, WebError> {
    let actor = user.actor();
    if !actor.role.can(Capability::ReadPeople) || !actor.role.can(Capability::ReadPlans) {
        return Ok(None);
    }
    // A police body has no movement of its own: it oversees others'.
    if state
        .antt
        .units()
        .get(actor, unit)
        .await?
        .kind
        .is_authority()
    {
        return Ok(None);
    }
    let d = state.antt.dashboard().movement(actor, unit, year).await?;
    let share = |s: antt_domain::session::Share| {
        (
            percent(u64::from(s.reached), u64::from(s.total)),
            format!(
                "{} / {}",
                number(u64::from(s.reached)),
                number(u64::from(s.total))
            ),
        )
    };
    let mut figures = Vec::new();
    if let Some(t) = d.tasks {
        figures.push(Figure {
            label: "Nhiệm vụ hoàn thành",
            value: format!("{} / {}", t.done, t.total),
            note: if t.overdue > 0 {
                format!("{} quá hạn", t.overdue)
            } else {
                "không có việc quá hạn".into()
            },
            href: layout.link("/plans"),
        });
    }
    let (v, n) = share(d.coverage_students);
    figures.push(Figure {
        label: "HSSV được tuyên truyền",
        value: v,
        note: n,
        href: layout.link(&format!("/coverage?year={year}")),
    });
    let (v, n) = share(d.coverage_staff);
    figures.push(Figure {
        label: "Cán bộ được tuyên truyền",
        value: v,
        note: n,
        href: layout.link(&format!("/coverage?year={year}")),
    });
    if let Some((staff, students)) = d.commitment {
        let all = antt_domain::session::Share {
            reached: staff.reached + students.reached,
            total: staff.total + students.total,
        };
        let (v, n) = share(all);
        figures.push(Figure {
            label: "Đã ký cam kết",
            value: v,
            note: n,
            href: layout.link(&format!("/commitments?year={year}")),
        });
    }
    figures.push(Figure {
        label: "Buổi tuyên truyền, tập huấn",
        value: number(d.sessions as u64),
        note: format!("{} lượt người dự", number(d.attendances)),
        href: layout.link(&format!("/sessions?year={year}")),
    });
    figures.push(Figure {
        label: "Mô hình, đội, cụm ANLK",
        value: number(d.teams_active as u64),
        note: format!("{} lượt thành viên", number(d.team_members as u64)),
        href: layout.link("/teams"),
    });
    // The standard and the yearly report of the year being assessed.
    let assessed =
        antt_core::assessment::assessment_year(antt_domain::time::local_date(state.antt.now()));
    let r = state
        .antt
        .assessment()
        .readiness(actor, unit, assessed)
        .await?;
    figures.push(Figure {
        label: "Tiêu chuẩn “An toàn về ANTT”",
        value: i18n::verdict(r.standard.verdict).to_owned(),
        note: if r.todo.is_empty() {
            format!("năm {assessed}: đủ các tiêu chí")
        } else {
            format!("năm {assessed}: còn {} việc cần làm", r.todo.len())
        },
        href: layout.link(&format!("/assessment?year={assessed}")),
    });
    let report = report_standing(
        r.report_submitted.is_some(),
        r.report_due,
        antt_domain::time::local_date(state.antt.now()),
    );
    let registration = registration_standing(
        r.assessment.as_ref().map(|a| a.registered_on),
        assessed,
        antt_domain::time::local_date(state.antt.now()),
    );
    figures.push(Figure {
        label: "Đăng ký phấn đấu “An toàn về ANTT”",
        value: registration.0,
        note: registration.1,
        href: layout.link(&format!("/assessment?year={assessed}")),
    });
    figures.push(Figure {
        label: "Báo cáo kết quả năm",
        value: report.0,
        note: report.1,
        href: layout.link(&format!("/assessment/report?year={assessed}")),
    });
    Ok(Some(Movement {
        year,
        figures,
        bars: bars(&d.months),
    }))
}

/// The yearly report's card: sent, not yet sent, or overdue (past the
/// plan's due day and not sent), with the due day.
fn report_standing(
    sent: bool,
    due: Option<chrono::NaiveDate>,
    today: chrono::NaiveDate,
) -> (String, String) {
    let day = |d| antt_domain::time::format_date(d);
    match (sent, due) {
        (true, Some(d)) => ("Đã gửi".into(), format!("hạn {}", day(d))),
        (true, None) => ("Đã gửi".into(), String::new()),
        (false, Some(d)) if d < today => (OVERDUE.into(), format!("hạn {}, chưa gửi", day(d))),
        (false, Some(d)) => ("Chưa gửi".into(), format!("hạn {}", day(d))),
        (false, None) => ("Chưa gửi".into(), "kế hoạch chưa ghi hạn".into()),
    }
}

/// The registration's card: registered (on time or late), not yet, or
/// overdue (the first quarter of the year is over and none was made).
fn registration_standing(
    registered_on: Option<chrono::NaiveDate>,
    year: i32,
    today: chrono::NaiveDate,
) -> (String, String) {
    let day = |d| antt_domain::time::format_date(d);
    let due = chrono::NaiveDate::from_ymd_opt(year, 3, 31).unwrap_or(chrono::NaiveDate::MAX);
    match registered_on {
        Some(d) if d <= due => ("Đã đăng ký".into(), format!("ngày {}", day(d))),
        Some(d) => (
            "Đăng ký muộn".into(),
            format!("ngày {}, hạn {}", day(d), day(due)),
        ),
        None if today > due => (OVERDUE.into(), format!("hạn {}, chưa đăng ký", day(due))),
        None => ("Chưa đăng ký".into(), format!("hạn {}", day(due))),
    }
}

/// How many of the user's tasks the home page lists.
const TASKS_SHOWN: usize = 8;

pub(crate) async fn show(
    State(state): State<AppState>,
    user: CurrentUser,
    Query(param): Query<UnitParam>,
    Query(choice): Query<YearChoice>,
) -> Result<HomePage, WebError> {
    let (unit, layout) = frame(&state, &user, &param, "home", "Tổng quan").await?;
    // One year for the whole page, chosen visibly: by default the current
    // movement year, in which what is recorded today counts.
    let this_year = state.antt.plans().current_year();
    let year = choice
        .year
        .and_then(|y| y.trim().parse::<i32>().ok())
        .filter(|y| (this_year - 2..=this_year).contains(y))
        .unwrap_or(this_year);
    let years = crate::views::sessions::year_links(&layout, "/", year, this_year);
    let actor = user.actor();
    let foreign = layout.foreign;
    // The page's parts read different records: they are asked for at once,
    // so the page takes as long as its slowest part, not their sum.
    let (o, mine, duties, movement, tips, assessments, guard_force, fire_safety, dormitory) = tokio::try_join!(
        async { Ok::<_, WebError>(state.antt.dashboard().unit_overview(actor, unit).await?) },
        async {
            if foreign {
                Ok::<_, WebError>(Vec::new())
            } else {
                Ok(state.antt.plans().my_tasks(actor, unit).await?)
            }
        },
        async {
            if foreign {
                Ok(Vec::new())
            } else {
                duties(&state, &user, unit, this_year).await
            }
        },
        movement(&state, &user, unit, &layout, year),
        tip_figures(&state, &user, unit, &layout, year),
        assessment_figures(&state, &user, &layout),
        guard_force(&state, &user, unit, &layout),
        fire_safety(&state, &user, unit, &layout),
        dormitory(&state, &user, unit, &layout),
    )?;
    let more_tasks = mine.len().saturating_sub(TASKS_SHOWN);
    let tasks = mine
        .iter()
        .take(TASKS_SHOWN)
        .map(|r| crate::views::plans::task_line(&layout, r, false))
        .collect();
    let p = o.people;
    let day_students = p.students - p.students_boarding;
    let link = |path: &str| layout.link(path);
    // Figures lead to lists: shown only to whom may open them.
    let reads_people = user.actor().can(Capability::ReadPeople);
    let people = if reads_people {
        vec![
            Figure {
                label: "Học sinh, sinh viên",
                value: number(p.students),
                note: "đang học".into(),
                href: link("/people?kind=student"),
            },
            Figure {
                label: "Nội trú",
                value: number(p.students_boarding),
                note: format!("{} số HSSV", percent(p.students_boarding, p.students)),
                href: link("/people?kind=student&boarding=yes"),
            },
            Figure {
                label: "Ngoại trú",
                value: number(day_students),
                note: format!("{} số HSSV", percent(day_students, p.students)),
                href: link("/people?kind=student&boarding=no"),
            },
            Figure {
                label: "Cán bộ, viên chức",
                value: number(p.staff),
                note: "đang công tác".into(),
                href: link("/people?kind=staff"),
            },
            Figure {
                label: "Đã chuyển đi, nghỉ",
                value: number(p.left),
                note: "không còn ở đơn vị".into(),
                href: link("/people?status=left"),
            },
        ]
    } else {
        Vec::new()
    };
    let org = if reads_people {
        vec![
            Figure {
                label: "Cơ sở, địa điểm",
                value: number(o.org.campuses),
                note: String::new(),
                href: link("/org#campuses"),
            },
            Figure {
                label: "Phòng, khoa, trung tâm",
                value: number(o.org.departments),
                note: String::new(),
                href: link("/org#departments"),
            },
            Figure {
                label: "Lớp",
                value: number(o.org.classes),
                note: String::new(),
                href: link("/org#classes"),
            },
        ]
    } else {
        Vec::new()
    };
    Ok(HomePage {
        kind: i18n::unit_kind(o.unit.kind),
        address: o.unit.address.unwrap_or_default(),
        is_authority: o.unit.kind.is_authority(),
        overseen: number(o.overseen_units),
        people,
        org,
        tasks,
        more_tasks,
        plans: layout.link("/plans"),
        movement,
        tips,
        assessments,
        duties,
        guard_force,
        fire_safety,
        dormitory,
        year,
        years,
        layout,
    })
}

/// A figure of the guard force, drawn in the alarm colour when something
/// needs the office.
#[derive(Clone)]
pub(crate) struct GuardFigure {
    label: &'static str,
    value: String,
    note: String,
    href: String,
    alarm: bool,
}

/// The office's look at the guard force: last night's rounds, tonight's
/// shifts with a guard, the week's empty shifts, visitors inside now.
async fn guard_force(
    state: &AppState,
    user: &CurrentUser,
    unit: antt_domain::UnitId,
    layout: &Layout,
) -> Result<Option<Vec<GuardFigure>>, WebError> {
    let actor = user.actor();
    if !actor.can(Capability::ReadDuty) || actor.can(Capability::StandDuty) {
        return Ok(None);
    }
    // The same for every reader who gets this far: made once between
    // writes (see `Antt::remembered`).
    state
        .antt
        .remembered(
            unit,
            "home.guard_force",
            &layout.link(""),
            guard_force_figures(state, user, unit, layout),
        )
        .await
}

async fn guard_force_figures(
    state: &AppState,
    user: &CurrentUser,
    unit: antt_domain::UnitId,
    layout: &Layout,
) -> Result<Option<Vec<GuardFigure>>, WebError> {
    let actor = user.actor();
    let patrols = state.antt.patrols();
    let now = antt_domain::time::local_time(state.antt.now());
    let today = now.date();
    let last = today - chrono::Duration::days(1);
    // The shifts as made; the month's checks and hours are the roster
    // page's, not the home page's.
    let (posts, roster) = state.antt.duty().shifts(actor, unit, today).await?;
    if posts.is_empty() {
        // No guard posts set up: nothing of the guards to show.
        return Ok(None);
    }
    let night = patrols.night(actor, unit, last).await?;
    let shifts = roster.as_ref().map_or(&[][..], |r| &r.shifts[..]);
    let evening = today.and_hms_opt(18, 0, 0).unwrap_or(now);
    let tonight: Vec<_> = shifts
        .iter()
        .filter(|s| s.start < evening + chrono::Duration::hours(12) && s.end > evening)
        .collect();
    let covered = tonight.iter().filter(|s| s.guard.is_some()).count();
    let week = now + chrono::Duration::days(7);
    let empty = shifts
        .iter()
        .filter(|s| s.guard.is_none() && s.end > now && s.start < week)
        .count();
    let inside = state
        .antt
        .visitors()
        .day(actor, unit, today)
        .await?
        .visitors
        .iter()
        .filter(|v| v.left_at.is_none())
        .count();
    let missed = night.missed();
    Ok(Some(vec![
        GuardFigure {
            label: "Tuần tra đêm qua",
            value: if night.rounds.is_empty() {
                "–".into()
            } else if missed == 0 {
                "Đủ".into()
            } else {
                format!("{missed} lượt")
            },
            note: if missed == 0 {
                "các lượt đã quét đủ điểm".into()
            } else {
                "bị bỏ hoặc thiếu điểm".into()
            },
            href: layout.link(&format!("/patrol?night={last}")),
            alarm: missed > 0,
        },
        GuardFigure {
            label: "Ca trực đêm nay",
            value: format!("{covered}/{}", tonight.len()),
            note: if roster.is_none() {
                "chưa có lịch tháng này".into()
            } else {
                "ca có người trực".into()
            },
            href: layout.link("/duty"),
            alarm: covered < tonight.len() || roster.is_none(),
        },
        GuardFigure {
            label: "Ca chưa có người",
            value: empty.to_string(),
            note: "trong 7 ngày tới".into(),
            href: layout.link("/duty"),
            alarm: empty > 0,
        },
        GuardFigure {
            label: "Khách đang trong trường",
            value: inside.to_string(),
            note: "chưa ghi ra".into(),
            href: layout.link("/gate/visitors"),
            alarm: false,
        },
    ]))
}

/// The office's look at fire safety and cameras: what is overdue, what
/// falls due or lapses this month, the faults still open.
/// The dormitory's night for the office, the board and the unit's
/// leaders: residents, absences, rooms not called, leave.
async fn dormitory(
    state: &AppState,
    user: &CurrentUser,
    unit: antt_domain::UnitId,
    layout: &Layout,
) -> Result<Option<(String, Vec<GuardFigure>)>, WebError> {
    let actor = user.actor();
    if !state.antt.dorms().standing(actor, unit).await?.sees_all() {
        return Ok(None);
    }
    state
        .antt
        .remembered(
            unit,
            "home.dormitory",
            &layout.link(""),
            dormitory_figures(state, user, unit, layout),
        )
        .await
}

async fn dormitory_figures(
    state: &AppState,
    user: &CurrentUser,
    unit: antt_domain::UnitId,
    layout: &Layout,
) -> Result<Option<(String, Vec<GuardFigure>)>, WebError> {
    let actor = user.actor();
    let dorms = state.antt.dorms();
    let night = dorms.tonight();
    let v = dorms.night(actor, unit, night).await?;
    if v.buildings.is_empty() {
        return Ok(None);
    }
    let href = layout.link("/dorm");
    let late = v.late_rooms().count();
    let figures = vec![
        GuardFigure {
            label: "Người ở",
            value: v.tally.residents.to_string(),
            note: format!(
                "{} có mặt, {} vắng có phép",
                v.tally.present, v.tally.on_leave
            ),
            href: href.clone(),
            alarm: false,
        },
        GuardFigure {
            label: "Vắng không phép",
            value: v.absent.len().to_string(),
            note: match v.absent.iter().filter(|a| a.twice).count() {
                0 => "đêm nay".into(),
                n => format!("{n} người vắng 2 đêm liền"),
            },
            href: format!("{href}#absent"),
            alarm: !v.absent.is_empty(),
        },
        GuardFigure {
            label: "Phòng chưa điểm danh",
            value: if v.past_deadline {
                late.to_string()
            } else {
                v.tally.unmarked().to_string()
            },
            note: if v.past_deadline {
                format!("quá {}", v.times.deadline.format("%H:%M"))
            } else {
                format!("người, hạn {}", v.times.deadline.format("%H:%M"))
            },
            href: href.clone(),
            alarm: v.past_deadline && late > 0,
        },
        GuardFigure {
            label: "Hết hạn phép chưa về",
            value: v.not_back.len().to_string(),
            note: "HSSV nội trú".into(),
            href: layout.link("/dorm/leave"),
            alarm: !v.not_back.is_empty(),
        },
        {
            use antt_domain::dorm::Registration as R;
            let list = dorms.residence_list(actor, unit).await?;
            let count = |r: R| list.iter().filter(|l| l.registration == r).count();
            let (soon, lapsed) = (count(R::Expiring), count(R::Lapsed));
            let todo = count(R::Unregistered) + count(R::Missing);
            GuardFigure {
                label: "Tạm trú cần làm",
                value: (soon + lapsed + todo).to_string(),
                note: format!("{soon} sắp hết hạn, {lapsed} đã hết hạn, {todo} chưa đăng ký"),
                href: layout.link("/dorm/residence"),
                alarm: soon + lapsed > 0,
            }
        },
        {
            let today = antt_domain::time::local_date(state.antt.now());
            let checks = dorms.checks(actor, unit, today).await?;
            let overdue = checks.due.iter().filter(|d| d.due < today).count();
            GuardFigure {
                label: "Phòng đến hạn kiểm tra",
                value: checks.due.len().to_string(),
                note: format!(
                    "{overdue} quá hạn, {} ngày một lần",
                    checks.settings.every_days
                ),
                href: layout.link("/dorm/checks"),
                alarm: overdue > 0,
            }
        },
        {
            let today = antt_domain::time::local_date(state.antt.now());
            let visits = dorms.visits(actor, unit, today).await?;
            let inside = visits
                .visits
                .iter()
                .filter(|v| v.visit.left_at.is_none())
                .count();
            let late = visits.inside_at_closing().count();
            GuardFigure {
                label: "Khách trong ký túc xá",
                value: inside.to_string(),
                note: if late > 0 {
                    format!("{late} còn lại sau {}", visits.closing.format("%H:%M"))
                } else {
                    format!("ra về trước {}", visits.closing.format("%H:%M"))
                },
                href: layout.link("/dorm/visits"),
                alarm: late > 0,
            }
        },
    ];
    Ok(Some((antt_domain::time::format_date(night), figures)))
}

async fn fire_safety(
    state: &AppState,
    user: &CurrentUser,
    unit: antt_domain::UnitId,
    layout: &Layout,
) -> Result<Option<Vec<GuardFigure>>, WebError> {
    if !user.actor().can(Capability::ManageEquipment) {
        return Ok(None);
    }
    state
        .antt
        .remembered(
            unit,
            "home.fire_safety",
            &layout.link(""),
            fire_safety_figures(state, user, unit, layout),
        )
        .await
}

async fn fire_safety_figures(
    state: &AppState,
    user: &CurrentUser,
    unit: antt_domain::UnitId,
    layout: &Layout,
) -> Result<Option<Vec<GuardFigure>>, WebError> {
    let actor = user.actor();
    let all = state.antt.fire().due(actor, unit).await?;
    let due = &all.equipment;
    let today = antt_domain::time::local_date(state.antt.now());
    let open = due.open_actions().count();
    if due.overdue.is_empty() && due.this_month.is_empty() && open == 0 {
        let any = !state.antt.equipment().items(actor, unit).await?.is_empty();
        if !any {
            return Ok(None);
        }
    }
    let items = |lines: &[antt_core::equipment::DueLine]| {
        let mut ids: Vec<_> = lines.iter().map(|l| l.item.id).collect();
        ids.sort_unstable();
        ids.dedup();
        ids.len()
    };
    let href = layout.link("/equipment");
    let mut figures = Vec::new();
    if let Some(f) = all.footage_at_risk.first() {
        figures.push(GuardFigure {
            label: "Hình camera chưa sao lưu",
            value: all.footage_at_risk.len().to_string(),
            note: format!(
                "vụ việc số {}: đầu ghi ghi đè ngày {}",
                f.incident_number,
                antt_domain::time::format_date(f.footage.overwritten_on)
            ),
            href: format!("/incidents/{}#footage", f.footage.incident_id),
            alarm: true,
        });
    }
    figures.extend([
        GuardFigure {
            label: "Báo hỏng chưa xử lý",
            value: open.to_string(),
            note: match due.open_actions().filter(|f| f.overdue(today)).count() {
                0 => "phương tiện PCCC, camera, lượt kiểm tra".into(),
                late => format!("{late} việc quá hạn xử lý"),
            },
            href: href.clone(),
            alarm: open > 0,
        },
        GuardFigure {
            label: "Lượt kiểm tra quá hạn",
            value: all.late_rounds.len().to_string(),
            note: "theo lịch kiểm tra".into(),
            href: layout.link("/equipment/rounds"),
            alarm: !all.late_rounds.is_empty(),
        },
        GuardFigure {
            label: "Quá hạn kiểm tra, bảo dưỡng",
            value: items(&due.overdue).to_string(),
            note: "phương tiện".into(),
            href: href.clone(),
            alarm: !due.overdue.is_empty(),
        },
        GuardFigure {
            label: "Đến hạn trong tháng",
            value: items(&due.this_month).to_string(),
            note: "kiểm tra, nạp, hết hạn".into(),
            href,
            alarm: false,
        },
        GuardFigure {
            label: "Diễn tập PCCC",
            value: if all.drill_overdue {
                "Đến hạn".into()
            } else {
                antt_domain::time::format_date(all.next_drill)
            },
            note: "hạn lần tới (mỗi năm 1 lần)".into(),
            href: layout.link("/fire"),
            alarm: all.drill_overdue,
        },
        GuardFigure {
            label: "Chứng nhận huấn luyện",
            value: all.certificates.len().to_string(),
            note: "sắp hết hạn hoặc đã hết hạn".into(),
            href: layout.link("/fire"),
            alarm: !all.certificates.is_empty(),
        },
    ]);
    Ok(Some(figures))
}

/// For a province officer at home: how many of its units' dossiers wait
/// for review (decisions before 20/11), are recognised, and are fully
/// scored (classification before 30/11).
async fn assessment_figures(
    state: &AppState,
    user: &CurrentUser,
    layout: &crate::layout::Layout,
) -> Result<Option<(i32, Vec<Figure>)>, WebError> {
    use antt_domain::assessment::AssessmentState;
    let actor = user.actor();
    if layout.foreign || !actor.role.can(Capability::OverseeUnits) || actor.unit_id.is_none() {
        return Ok(None);
    }
    let year =
        antt_core::assessment::assessment_year(antt_domain::time::local_date(state.antt.now()));
    let list = state
        .antt
        .assessment()
        .overseen_assessments(actor, year)
        .await?;
    let count = |f: &dyn Fn(&antt_core::assessment::UnitStanding) -> bool| {
        number(list.iter().filter(|u| f(u)).count() as u64)
    };
    let all = list.len() as u64;
    Ok(Some((
        year,
        vec![
            Figure {
                label: "Hồ sơ chờ thẩm định",
                value: count(&|u| u.state == Some(AssessmentState::Submitted)),
                note: "quyết định công nhận trước 20/11".into(),
                href: format!("/assessment/units?year={year}"),
            },
            Figure {
                label: "Đơn vị được công nhận",
                value: count(&|u| u.state == Some(AssessmentState::Recognised)),
                note: format!("trên {} đơn vị được đánh giá", number(all)),
                href: format!("/assessment/units?year={year}"),
            },
            Figure {
                label: "Chưa đăng ký phấn đấu",
                value: count(&|u| u.state.is_none()),
                note: format!("trên {} đơn vị được đánh giá", number(all)),
                href: format!("/assessment/units?year={year}"),
            },
            Figure {
                label: "Đã chấm đủ điểm",
                value: count(&|u| u.total.is_some() && u.unscored == 0),
                note: "xếp loại trước 30/11".into(),
                href: format!("/assessment/units?year={year}&sort=score"),
            },
        ],
    )))
}

/// The year's tips, incidents and violations, when the user may see them:
/// handlers of the unit, and a province officer (over every unit it
/// oversees, or the unit it opened).
async fn tip_figures(
    state: &AppState,
    user: &CurrentUser,
    unit: antt_domain::UnitId,
    layout: &crate::layout::Layout,
    year: i32,
) -> Result<Option<(Vec<Figure>, Vec<MonthBar>)>, WebError> {
    let actor = user.actor();
    let oversees = actor.role.can(Capability::OverseeUnits);
    if !oversees && !state.antt.tips().handles(actor, unit).await? {
        return Ok(None);
    }
    let requested = (layout.foreign || !oversees).then_some(unit);
    let s = state.antt.tips().statistics(actor, requested, year).await?;
    let own = !oversees;
    let link = |own_path: &str| {
        if own {
            own_path.to_owned()
        } else {
            layout.link(&format!("/tips/stats?year={year}"))
        }
    };
    let figures = vec![
        Figure {
            label: "Tin báo đang xử lý",
            value: number(s.open),
            note: format!("{} tin báo trong năm", number(s.tips)),
            href: link("/tips"),
        },
        Figure {
            label: "Tin báo quá hạn",
            value: number(s.overdue),
            note: "chưa xử lý xong đúng hạn".into(),
            href: link("/tips?view=overdue"),
        },
        Figure {
            label: "Vụ việc",
            value: number(s.incidents),
            note: format!("{} đã chuyển Công an", number(s.incidents_transferred)),
            href: link("/incidents"),
        },
        Figure {
            label: "Vi phạm",
            value: number(s.violations),
            note: format!(
                "{} từ cảnh cáo trở lên",
                number(s.disciplined_warning_or_above)
            ),
            href: link("/violations"),
        },
    ];
    let (base, high) = (70u32, 60u32);
    let top = s.by_month.iter().map(|(_, n)| *n).max().unwrap_or(0).max(1);
    let bars = s
        .by_month
        .iter()
        .zip(0u32..)
        .map(|(((m, _), n), i)| {
            let v = u32::try_from(*n).unwrap_or(u32::MAX);
            let h = u32::try_from(*n * u64::from(high) / top).unwrap_or(high);
            MonthBar {
                label: format!("T{m}"),
                x: i * 27,
                this: v,
                this_y: base - h,
                this_h: h,
                last: 0,
                last_y: base,
                last_h: 0,
            }
        })
        .collect();
    Ok(Some((figures, bars)))
}

/// The routes of this area of the screens.
pub(crate) fn routes() -> crate::routes::Routes {
    use axum::routing::get;
    crate::routes::Routes::new().route("/", get(show))
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    #[test]
    fn a_report_past_its_day_and_not_sent_is_overdue() {
        let due = NaiveDate::from_ymd_opt(2026, 11, 15);
        let day = |d| NaiveDate::from_ymd_opt(2026, 11, d).unwrap();
        assert_eq!(
            super::report_standing(false, due, day(21)),
            ("Quá hạn".into(), "hạn 15/11/2026, chưa gửi".into())
        );
        assert_eq!(super::report_standing(false, due, day(15)).0, "Chưa gửi");
        assert_eq!(super::report_standing(true, due, day(21)).0, "Đã gửi");
    }

    #[test]
    fn a_registration_missing_after_the_first_quarter_is_overdue() {
        let day = |m, d| chrono::NaiveDate::from_ymd_opt(2026, m, d).unwrap();
        let overdue = super::registration_standing(None, 2026, day(4, 1));
        assert_eq!(
            overdue,
            ("Quá hạn".into(), "hạn 31/03/2026, chưa đăng ký".into())
        );
        assert_eq!(
            super::registration_standing(None, 2026, day(3, 31)).0,
            "Chưa đăng ký"
        );
        assert_eq!(
            super::registration_standing(Some(day(2, 20)), 2026, day(11, 21)).0,
            "Đã đăng ký"
        );
        assert_eq!(
            super::registration_standing(Some(day(4, 2)), 2026, day(11, 21)).0,
            "Đăng ký muộn"
        );
    }
}
