//! Emulation and rewards: the year's pledges, the candidates the records
//! suggest, nominations and the council's review, decisions with their
//! Word file and certificates, the proposal list to the province, and a
//! person's or collective's reward history.

use crate::forms::Form;
use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;

use antt_core::CoreError;
use antt_core::assessment::assessment_year;
use antt_domain::reward::{
    DecisionInput, NominationInput, NominationState, NomineeKind, Pledge, RewardForm, Suggestion,
};
use antt_domain::role::Capability;
use antt_domain::time::{format_date, local_date};
use antt_domain::{ErrorCode, NominationId};

use crate::auth::CurrentUser;
use crate::error::WebError;
use crate::forms::{Choice, FieldErrors, saved};
use crate::i18n;
use crate::layout::{Layout, UnitParam, frame, parse_id};
use crate::state::AppState;

#[derive(Debug, Default, Deserialize)]
pub(crate) struct Params {
    year: Option<String>,
    unit: Option<String>,
    nominee: Option<String>,
    format: Option<String>,
    decision: Option<String>,
    nomination: Option<String>,
}

impl Params {
    fn unit(&self) -> UnitParam {
        UnitParam {
            unit: self.unit.clone(),
        }
    }
    fn year(&self, state: &AppState) -> i32 {
        self.year
            .as_deref()
            .and_then(|y| antt_domain::plan::parse_year(y).ok())
            .unwrap_or_else(|| assessment_year(local_date(state.antt.now())))
    }
}

pub(crate) struct CandidateLine {
    pub nominee: String,
    pub name: String,
    pub detail: String,
    pub why: &'static str,
    pub because: String,
}

pub(crate) struct NominationLine {
    pub id: String,
    pub name: String,
    pub detail: String,
    pub form: &'static str,
    pub achievements: String,
    pub state: &'static str,
    pub state_class: &'static str,
    pub on_the_spot: Option<String>,
    pub note: Option<String>,
    pub history: String,
    /// The nominee's report of achievements (Word).
    pub report: String,
    /// Why the nominee may not be rewarded this year (a discipline).
    pub ineligible: Option<String>,
}

pub(crate) struct DecisionLine {
    pub title: String,
    pub form: &'static str,
    pub document: String,
    pub certificates: Option<String>,
}

#[derive(Template, WebTemplate)]
#[template(path = "rewards/index.html")]
pub(crate) struct RewardsPage {
    year: i32,
    candidates: Vec<CandidateLine>,
    nominations: Vec<NominationLine>,
    decisions: Vec<DecisionLine>,
    pledges: Vec<(String, String, String)>,
    forms: Vec<Choice>,
    nominee_choices: Vec<Choice>,
    pledge_titles: Vec<Choice>,
    office: bool,
    council: bool,
    action: String,
    proposals_docx: String,
    proposals_xlsx: String,
    today: String,
    errors: FieldErrors,
    layout: Layout,
}

fn state_class(s: NominationState) -> &'static str {
    match s {
        NominationState::Granted | NominationState::Approved => "met",
        NominationState::Proposed | NominationState::SentUp => "risk",
        NominationState::Rejected => "failed",
    }
}

fn nominee_key(kind: NomineeKind, id: &uuid::Uuid) -> String {
    format!("{}:{id}", kind.code())
}

async fn page(
    state: &AppState,
    user: &CurrentUser,
    q: &Params,
    errors: FieldErrors,
) -> Result<RewardsPage, WebError> {
    let (unit, layout) = frame(state, user, &q.unit(), "rewards", "Thi đua, khen thưởng").await?;
    let year = q.year(state);
    let actor = user.actor();
    let v = state.antt.rewards().view(actor, unit, year).await?;
    let structure = state.antt.org().structure(actor, unit).await?;
    let mut nominee_choices = vec![Choice::new(
        "",
        "— Chọn tập thể (hoặc nhập mã cá nhân) —",
        "",
    )];
    nominee_choices.extend(structure.departments.iter().map(|d| {
        Choice::new(
            nominee_key(NomineeKind::Department, &d.id.uuid()),
            d.name.clone(),
            "",
        )
    }));
    nominee_choices.extend(structure.classes.iter().map(|c| {
        Choice::new(
            nominee_key(NomineeKind::Class, &c.id.uuid()),
            format!("Lớp {}", c.name),
            "",
        )
    }));
    let link = |path: &str| layout.link(&format!("{path}?year={year}"));
    Ok(RewardsPage {
        year,
        candidates: v
            .candidates
            .iter()
            .map(|c| CandidateLine {
                nominee: nominee_key(c.nominee.kind, &c.nominee.id),
                name: c.nominee.name.clone(),
                detail: c.nominee.detail.clone(),
                why: i18n::suggestion(c.suggestion),
                because: c.because.clone(),
            })
            .collect(),
        nominations: v
            .nominations
            .iter()
            .map(|n| NominationLine {
                id: n.id.to_string(),
                name: n.input.nominee.name.clone(),
                detail: n.input.nominee.detail.clone(),
                form: i18n::reward_form(n.input.form),
                achievements: n.input.achievements.clone(),
                state: i18n::nomination_state(n.state),
                state_class: state_class(n.state),
                on_the_spot: n.input.act_on.map(format_date),
                note: n.council_note.clone(),
                history: layout.link(&format!("/rewards/history?nominee={}", n.input.nominee.id)),
                report: layout.link(&format!("/rewards/achievements?nomination={}", n.id)),
                ineligible: v.ineligible.get(&n.id).cloned(),
            })
            .collect(),
        decisions: v
            .decisions
            .iter()
            .map(|d| DecisionLine {
                title: format!(
                    "Quyết định số {} ngày {} của {}",
                    d.input.number,
                    d.input.signed_on.map(format_date).unwrap_or_default(),
                    d.input.issuer
                ),
                form: i18n::reward_form(d.input.form),
                document: layout.link(&format!("/rewards/decision?decision={}", d.id)),
                certificates: d
                    .input
                    .form
                    .by_unit()
                    .then(|| layout.link(&format!("/rewards/certificates?decision={}", d.id))),
            })
            .collect(),
        pledges: v
            .pledges
            .iter()
            .map(|p| {
                (
                    p.nominee.name.clone(),
                    p.title.clone(),
                    format_date(p.pledged_on),
                )
            })
            .collect(),
        forms: RewardForm::ALL
            .iter()
            .map(|f| Choice::new(f.code(), i18n::reward_form(*f), ""))
            .collect(),
        nominee_choices,
        pledge_titles: antt_domain::reward::PLEDGE_TITLES
            .iter()
            .map(|(_, t)| Choice::new(*t, *t, ""))
            .collect(),
        office: actor.role.can(Capability::EditPlans) && !layout.foreign,
        council: actor.can(Capability::ReviewNominations) && !layout.foreign,
        action: link("/rewards"),
        proposals_docx: layout.link(&format!("/rewards/proposals?year={year}&format=docx")),
        proposals_xlsx: layout.link(&format!("/rewards/proposals?year={year}&format=xlsx")),
        today: format_date(local_date(state.antt.now())),
        errors,
        layout,
    })
}

pub(crate) async fn show(
    State(state): State<AppState>,
    user: CurrentUser,
    Query(q): Query<Params>,
) -> Result<RewardsPage, WebError> {
    page(&state, &user, &q, FieldErrors::default()).await
}

fn bad_form() -> WebError {
    WebError(CoreError::invalid("form", ErrorCode::Invalid))
}

/// The nominee a form names: a collective chosen as "kind:id", or a
/// person by the code typed (which wins when given).
async fn resolve_nominee(
    state: &AppState,
    actor: &antt_core::Actor,
    unit: antt_domain::UnitId,
    chosen: &str,
    code: &str,
) -> Result<Result<antt_domain::reward::Nominee, CoreError>, WebError> {
    match chosen.split_once(':') {
        Some((kind, key)) if code.trim().is_empty() => {
            let kind = NomineeKind::parse(kind).ok_or_else(bad_form)?;
            Ok(state
                .antt
                .rewards()
                .find_nominee(actor, unit, kind, key)
                .await)
        }
        _ => Ok(state
            .antt
            .rewards()
            .find_nominee(actor, unit, NomineeKind::Person, code)
            .await),
    }
}

/// The one form of the page: `do` says what it asks.
pub(crate) async fn act(
    State(state): State<AppState>,
    user: CurrentUser,
    Query(q): Query<Params>,
    Form(f): Form<Vec<(String, String)>>,
) -> Result<Response, WebError> {
    let (unit, layout) = frame(&state, &user, &q.unit(), "rewards", "").await?;
    let year = q.year(&state);
    let actor = user.actor();
    let get = |k: &str| {
        f.iter()
            .find(|(n, _)| n == k)
            .map(|(_, v)| v.clone())
            .unwrap_or_default()
    };
    let ids = || -> Result<Vec<NominationId>, WebError> {
        f.iter()
            .filter(|(k, _)| k == "id")
            .map(|(_, v)| parse_id(v))
            .collect()
    };
    let result: Result<(), CoreError> = match get("do").as_str() {
        "nominate" => {
            match resolve_nominee(&state, actor, unit, &get("nominee"), &get("code")).await? {
                Ok(n) => {
                    let form = RewardForm::parse(&get("form")).ok_or_else(bad_form)?;
                    match crate::forms::day("act_on", &get("act_on")) {
                        Ok(act_on) => state
                            .antt
                            .rewards()
                            .nominate(
                                actor,
                                unit,
                                year,
                                NominationInput {
                                    nominee: n,
                                    form,
                                    achievements: get("achievements"),
                                    suggested: Suggestion::parse(&get("suggested")),
                                    act_on,
                                },
                            )
                            .await
                            .map(|_| ()),
                        Err(e) => Err(e),
                    }
                }
                Err(e) => Err(e),
            }
        }
        "pledge" => {
            match resolve_nominee(&state, actor, unit, &get("nominee"), &get("code")).await? {
                Ok(n) => {
                    state
                        .antt
                        .rewards()
                        .pledge(
                            actor,
                            unit,
                            year,
                            Pledge {
                                nominee: n,
                                title: get("title"),
                                pledged_on: local_date(state.antt.now()),
                            },
                        )
                        .await
                }
                Err(e) => Err(e),
            }
        }
        "approve" | "reject" => state
            .antt
            .rewards()
            .review(actor, unit, &ids()?, get("do") == "approve", &get("note"))
            .await
            .map(|_| ()),
        "send_up" => state
            .antt
            .rewards()
            .send_up(actor, unit, &ids()?)
            .await
            .map(|_| ()),
        "decide" => match crate::forms::day("signed_on", &get("signed_on")) {
            Ok(signed_on) => {
                let form = RewardForm::parse(&get("decision_form")).ok_or_else(bad_form)?;
                state
                    .antt
                    .rewards()
                    .decide(
                        actor,
                        unit,
                        year,
                        DecisionInput {
                            form,
                            number: get("number"),
                            signed_on,
                            signer_title: get("signer_title"),
                            signer_name: get("signer_name"),
                            issuer: get("issuer"),
                            reason: get("reason"),
                        },
                        &ids()?,
                    )
                    .await
                    .map(|_| ())
            }
            Err(e) => Err(e),
        },
        _ => return Err(bad_form()),
    };
    saved(
        result,
        |()| Redirect::to(&layout.link(&format!("/rewards?year={year}"))).into_response(),
        async |e| {
            let p = page(&state, &user, &q, FieldErrors::from(&e)).await?;
            Ok(p)
        },
    )
    .await
}

pub(crate) async fn decision_document(
    State(state): State<AppState>,
    user: CurrentUser,
    Query(q): Query<Params>,
) -> Result<Response, WebError> {
    let (unit, _) = frame(&state, &user, &q.unit(), "rewards", "").await?;
    let id = parse_id(q.decision.as_deref().unwrap_or_default())?;
    let file = state
        .antt
        .rewards()
        .decision_document(user.actor(), unit, id)
        .await?;
    Ok(super::download(file))
}

/// The nominee's report of achievements, as Word.
pub(crate) async fn achievement_report(
    State(state): State<AppState>,
    user: CurrentUser,
    Query(q): Query<Params>,
) -> Result<Response, WebError> {
    let (unit, _) = frame(&state, &user, &q.unit(), "rewards", "").await?;
    let id = parse_id(q.nomination.as_deref().unwrap_or_default())?;
    let file = state
        .antt
        .rewards()
        .achievement_report(user.actor(), unit, id)
        .await?;
    Ok(super::download(file))
}

pub(crate) async fn certificates(
    State(state): State<AppState>,
    user: CurrentUser,
    Query(q): Query<Params>,
) -> Result<Response, WebError> {
    let (unit, _) = frame(&state, &user, &q.unit(), "rewards", "").await?;
    let id = parse_id(q.decision.as_deref().unwrap_or_default())?;
    let file = state
        .antt
        .rewards()
        .certificates(user.actor(), unit, id)
        .await?;
    Ok(super::download(file))
}

pub(crate) async fn proposals(
    State(state): State<AppState>,
    user: CurrentUser,
    Query(q): Query<Params>,
) -> Result<Response, WebError> {
    let (unit, _) = frame(&state, &user, &q.unit(), "rewards", "").await?;
    let word = q.format.as_deref() == Some("docx");
    let file = state
        .antt
        .rewards()
        .proposal_list(user.actor(), unit, q.year(&state), word)
        .await?;
    Ok(super::download(file))
}

#[derive(Template, WebTemplate)]
#[template(path = "rewards/history.html")]
pub(crate) struct HistoryPage {
    name: String,
    lines: Vec<(i32, &'static str, &'static str, String, String)>,
    back: String,
    layout: Layout,
}

/// Every reward of a person or collective, newest first.
pub(crate) async fn history(
    State(state): State<AppState>,
    user: CurrentUser,
    Query(q): Query<Params>,
) -> Result<HistoryPage, WebError> {
    let (unit, layout) = frame(&state, &user, &q.unit(), "rewards", "Lịch sử khen thưởng").await?;
    let nominee: uuid::Uuid = parse_id(q.nominee.as_deref().unwrap_or_default())?;
    let rows = state
        .antt
        .rewards()
        .history(user.actor(), unit, nominee)
        .await?;
    let name = rows
        .first()
        .map(|(n, _)| n.input.nominee.name.clone())
        .unwrap_or_default();
    Ok(HistoryPage {
        name,
        lines: rows
            .iter()
            .map(|(n, d)| {
                (
                    n.year,
                    i18n::reward_form(n.input.form),
                    i18n::nomination_state(n.state),
                    d.as_ref()
                        .map(|d| {
                            format!(
                                "Quyết định số {} ngày {} của {}",
                                d.input.number,
                                d.input.signed_on.map(format_date).unwrap_or_default(),
                                d.input.issuer
                            )
                        })
                        .unwrap_or_default(),
                    n.input.achievements.clone(),
                )
            })
            .collect(),
        back: layout.link("/rewards"),
        layout,
    })
}

/// The routes of this area of the screens.
pub(crate) fn routes() -> crate::routes::Routes {
    use axum::routing::get;
    crate::routes::Routes::new()
        .route("/rewards", get(show).post(act))
        .route("/rewards/decision", get(decision_document))
        .route("/rewards/certificates", get(certificates))
        .route("/rewards/achievements", get(achievement_report))
        .route("/rewards/proposals", get(proposals))
        .route("/rewards/history", get(history))
}
