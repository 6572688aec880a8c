//! The dossier from registration to the recognition decision.

use crate::forms::Form;
use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Query, State};
use axum::response::Response;
use serde::Deserialize;

use antt_core::CoreError;
use antt_core::assessment::workflow::Review;
use antt_domain::ErrorCode;
use antt_domain::assessment::{AssessmentState, Decision, Dossier, Meeting, Side, Verdict};
use antt_domain::role::Capability;
use antt_domain::time::format_date;

use crate::auth::CurrentUser;
use crate::error::WebError;
use crate::forms::{FieldErrors, saved};
use crate::i18n;
use crate::layout::{Layout, frame};
use crate::state::AppState;

use super::{Params, Tab, back, bad_form, decision_line, tabs, verdict_class};

pub(crate) struct StepLine {
    pub state: &'static str,
    pub at: String,
    pub by: String,
    pub note: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "assessment/dossier.html")]
pub(crate) struct DossierPage {
    year: i32,
    tabs: Vec<Tab>,
    state: Option<&'static str>,
    registered_on: Option<String>,
    steps: Vec<StepLine>,
    returned_because: Option<String>,
    decision: Option<String>,
    meeting: Meeting,
    held_on: String,
    participants: String,
    dossier: Dossier,
    request_on: String,
    others: String,
    /// Forms the viewer may use now.
    register: Option<String>,
    meeting_action: Option<String>,
    submit_action: Option<String>,
    review_action: Option<String>,
    decision_action: Option<String>,
    registration_doc: Option<String>,
    request_doc: Option<String>,
    minutes_doc: Option<String>,
    submitted_doc: Option<String>,
    /// The office's page for sending the year as a signed bundle.
    bundle_page: Option<String>,
    /// A unit on its own copy: where its figures come from.
    own_copy: Option<String>,
    standard: &'static str,
    standard_class: &'static str,
    /// Checks not met: the dossier cannot go.
    failed: Vec<String>,
    /// Checks still unconfirmed: it goes only when acknowledged.
    unconfirmed: Vec<String>,
    errors: FieldErrors,
    layout: Layout,
}

/// What a dossier form sent back after a refusal, to show it again.
#[derive(Default)]
struct Typed {
    meeting: Option<(Meeting, String, String)>,
    dossier: Option<(Dossier, String, String)>,
}

async fn dossier_page(
    state: &AppState,
    user: &CurrentUser,
    q: &Params,
    typed: Typed,
    errors: FieldErrors,
) -> Result<DossierPage, WebError> {
    let (unit, layout) = frame(state, user, &q.unit(), "assessment", "Hồ sơ công nhận").await?;
    let year = q.year(state);
    let actor = user.actor();
    let r = state.antt.assessment().readiness(actor, unit, year).await?;
    let a = r.assessment.as_ref();
    let office = actor.role.can(Capability::EditPlans) && !layout.foreign;
    let authority = actor.can(Capability::ActForAuthority) && layout.foreign;
    let mut layout = layout;
    if authority {
        layout.viewing_as = "thẩm định hồ sơ, ghi quyết định";
    }
    let st = a.map(|a| a.state);
    let link = |path: &str| layout.link(&format!("/assessment/{path}?year={year}"));
    let meeting = a.map(|a| a.meeting.clone()).unwrap_or_default();
    let dossier = a.map(|a| a.dossier.clone()).unwrap_or_default();
    let checks_at = |v: Verdict| {
        r.standard
            .criteria
            .iter()
            .flat_map(|c| &c.checks)
            .filter(|k| k.finding.verdict() == v)
            .map(|k| k.check.id.clone())
            .collect::<Vec<_>>()
    };
    let (failed, unconfirmed) = (checks_at(Verdict::Failed), checks_at(Verdict::AtRisk));
    let mut meeting = meeting;
    if meeting.conclusion.trim().is_empty() {
        // Drafted from the table, so the minutes never contradict it.
        meeting.conclusion = i18n::minutes_conclusion(&r.unit.name, year, &failed, &unconfirmed);
    }
    let (meeting, held_on, participants) = typed.meeting.unwrap_or_else(|| {
        (
            meeting.clone(),
            meeting.held_on.map(format_date).unwrap_or_default(),
            meeting.participants.join("\n"),
        )
    });
    let (dossier, request_on, others) = typed.dossier.unwrap_or_else(|| {
        (
            dossier.clone(),
            dossier.request_on.map(format_date).unwrap_or_default(),
            dossier.others.join("\n"),
        )
    });
    let may = |to: AssessmentState, side| st.is_some_and(|s| s.may(to, side));
    let own_copy = if r.unit.bundle_key.is_some() {
        let sent = state.antt.bundles().imported(actor, unit).await?;
        Some(match sent.iter().find(|b| b.year == year) {
            Some(b) => format!(
                "Đơn vị tự vận hành antt: số liệu và hồ sơ năm {year} theo gói dữ liệu đã ký lập lúc {}, nhập lúc {} ({}). Ở đây chỉ xem; việc thẩm định, quyết định ghi như với đơn vị khác.",
                antt_domain::time::format_instant(b.made_at),
                antt_domain::time::format_instant(b.imported_at),
                b.imported_by
            ),
            None => format!(
                "Đơn vị tự vận hành antt và chưa gửi gói dữ liệu năm {year}: chưa có số liệu để thẩm định."
            ),
        })
    } else {
        None
    };
    Ok(DossierPage {
        own_copy,
        bundle_page: office.then(|| format!("/bundle?year={year}")),
        failed,
        unconfirmed,
        year,
        tabs: tabs(&layout, year, "/dossier"),
        state: st.map(i18n::assessment_state),
        registered_on: a.map(|a| format_date(a.registered_on)),
        steps: r
            .steps
            .iter()
            .map(|s| StepLine {
                state: i18n::assessment_state(s.state),
                at: antt_domain::time::format_instant(s.at),
                by: s.by.clone(),
                note: s.note.clone(),
            })
            .collect(),
        returned_because: a.and_then(|a| a.returned_because.clone()),
        decision: a.and_then(|a| a.decision.as_ref()).map(decision_line),
        meeting,
        held_on,
        participants,
        dossier,
        request_on,
        others,
        register: (office && a.is_none()).then(|| link("register")),
        meeting_action: (office && may(AssessmentState::SelfAssessed, Side::Unit))
            .then(|| link("meeting")),
        submit_action: (office && may(AssessmentState::Submitted, Side::Unit))
            .then(|| link("submit")),
        review_action: (authority && may(AssessmentState::Accepted, Side::Authority))
            .then(|| link("review")),
        decision_action: (authority && may(AssessmentState::Recognised, Side::Authority))
            .then(|| link("decision")),
        registration_doc: a.map(|_| link("documents/registration")),
        request_doc: a.map(|_| link("documents/request")),
        minutes_doc: a
            .filter(|a| a.meeting.held_on.is_some())
            .map(|_| link("documents/minutes")),
        submitted_doc: r.report_submitted.map(|_| link("documents/submitted")),
        standard: i18n::verdict(r.standard.verdict),
        standard_class: verdict_class(r.standard.verdict),
        errors,
        layout,
    })
}

pub(crate) async fn dossier(
    State(state): State<AppState>,
    user: CurrentUser,
    Query(q): Query<Params>,
) -> Result<DossierPage, WebError> {
    dossier_page(&state, &user, &q, Typed::default(), FieldErrors::default()).await
}

async fn dossier_result(
    state: &AppState,
    user: &CurrentUser,
    q: &Params,
    result: Result<(), CoreError>,
    typed: Typed,
) -> Result<Response, WebError> {
    let (_, layout) = frame(state, user, &q.unit(), "assessment", "").await?;
    saved(
        result,
        |()| back(&layout, "/dossier", q.year(state)),
        async |e| {
            let p = dossier_page(state, user, q, typed, FieldErrors::from(&e)).await?;
            Ok(p)
        },
    )
    .await
}

pub(crate) async fn register(
    State(state): State<AppState>,
    user: CurrentUser,
    Query(q): Query<Params>,
) -> Result<Response, WebError> {
    let (unit, _) = frame(&state, &user, &q.unit(), "assessment", "").await?;
    let result = state
        .antt
        .assessment()
        .register(user.actor(), unit, q.year(&state))
        .await;
    dossier_result(&state, &user, &q, result, Typed::default()).await
}

fn lines(text: &str) -> Vec<String> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(str::to_owned)
        .collect()
}

#[derive(Debug, Deserialize)]
pub(crate) struct MeetingForm {
    #[serde(default)]
    held_on: String,
    #[serde(default)]
    starts: String,
    #[serde(default)]
    ends: String,
    #[serde(default)]
    place: String,
    #[serde(default)]
    chair: String,
    #[serde(default)]
    secretary: String,
    #[serde(default)]
    participants: String,
    #[serde(default)]
    conclusion: String,
}

pub(crate) async fn meeting(
    State(state): State<AppState>,
    user: CurrentUser,
    Query(q): Query<Params>,
    Form(f): Form<MeetingForm>,
) -> Result<Response, WebError> {
    let (unit, _) = frame(&state, &user, &q.unit(), "assessment", "").await?;
    let held = crate::forms::day("held_on", &f.held_on);
    let clock = |field: &'static str, text: &str| match text.trim() {
        "" => Ok(None),
        t => antt_domain::time::parse_clock(t).map(Some).ok_or(field),
    };
    let (starts, ends) = (clock("starts", &f.starts), clock("ends", &f.ends));
    let held = match (held, starts.is_err(), ends.is_err()) {
        (Err(e), _, _) => Err(e),
        (Ok(_), true, _) => Err(CoreError::invalid("starts", ErrorCode::Invalid)),
        (Ok(_), _, true) => Err(CoreError::invalid("ends", ErrorCode::Invalid)),
        (Ok(d), false, false) => Ok(d),
    };
    let meeting = Meeting {
        held_on: held.as_ref().ok().copied().flatten(),
        starts: starts.ok().flatten(),
        ends: ends.ok().flatten(),
        place: f.place,
        chair: f.chair,
        secretary: f.secretary,
        participants: lines(&f.participants),
        conclusion: f.conclusion,
    };
    let typed = Typed {
        meeting: Some((meeting.clone(), f.held_on.clone(), f.participants.clone())),
        ..Typed::default()
    };
    let result = match held {
        Err(e) => Err(e),
        Ok(_) => {
            state
                .antt
                .assessment()
                .record_meeting(user.actor(), unit, q.year(&state), meeting)
                .await
        }
    };
    dossier_result(&state, &user, &q, result, typed).await
}

#[derive(Debug, Deserialize)]
pub(crate) struct SubmitForm {
    #[serde(default)]
    request_number: String,
    #[serde(default)]
    request_on: String,
    #[serde(default)]
    others: String,
    /// "1": sent knowing some checks are unconfirmed.
    #[serde(default)]
    acknowledge_unconfirmed: String,
}

pub(crate) async fn submit(
    State(state): State<AppState>,
    user: CurrentUser,
    Query(q): Query<Params>,
    Form(f): Form<SubmitForm>,
) -> Result<Response, WebError> {
    let (unit, _) = frame(&state, &user, &q.unit(), "assessment", "").await?;
    let day = crate::forms::day("request_on", &f.request_on);
    let dossier = Dossier {
        request_number: f.request_number,
        request_on: day.as_ref().ok().copied().flatten(),
        others: lines(&f.others),
        acknowledge_unconfirmed: f.acknowledge_unconfirmed == "1",
        ..Dossier::default()
    };
    let typed = Typed {
        dossier: Some((dossier.clone(), f.request_on.clone(), f.others.clone())),
        ..Typed::default()
    };
    let result = match day {
        Err(e) => Err(e),
        Ok(_) => {
            state
                .antt
                .assessment()
                .submit_dossier(user.actor(), unit, q.year(&state), dossier)
                .await
        }
    };
    dossier_result(&state, &user, &q, result, typed).await
}

#[derive(Debug, Deserialize)]
pub(crate) struct ReviewForm {
    decision: String,
    #[serde(default)]
    reason: String,
}

pub(crate) async fn review(
    State(state): State<AppState>,
    user: CurrentUser,
    Query(q): Query<Params>,
    Form(f): Form<ReviewForm>,
) -> Result<Response, WebError> {
    let (unit, _) = frame(&state, &user, &q.unit(), "assessment", "").await?;
    let review = match f.decision.as_str() {
        "accept" => Review::Accept,
        "return" => Review::Return(f.reason),
        _ => return Err(bad_form()),
    };
    let result = state
        .antt
        .assessment()
        .review_dossier(user.actor(), unit, q.year(&state), review)
        .await;
    dossier_result(&state, &user, &q, result, Typed::default()).await
}

#[derive(Debug, Deserialize)]
pub(crate) struct DecisionForm {
    #[serde(default)]
    number: String,
    #[serde(default)]
    signed_on: String,
    #[serde(default)]
    body: String,
    #[serde(default)]
    recognised: String,
}

pub(crate) async fn decision(
    State(state): State<AppState>,
    user: CurrentUser,
    Query(q): Query<Params>,
    Form(f): Form<DecisionForm>,
) -> Result<Response, WebError> {
    let (unit, _) = frame(&state, &user, &q.unit(), "assessment", "").await?;
    let result = match crate::forms::day("signed_on", &f.signed_on) {
        Err(e) => Err(e),
        Ok(signed_on) => {
            state
                .antt
                .assessment()
                .record_decision(
                    user.actor(),
                    unit,
                    q.year(&state),
                    Decision {
                        number: f.number,
                        signed_on,
                        body: f.body,
                        recognised: f.recognised != "no",
                    },
                )
                .await
        }
    };
    dossier_result(&state, &user, &q, result, Typed::default()).await
}
