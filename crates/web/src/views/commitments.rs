//! The yearly commitment campaign: its text and the button to sign it; its
//! progress by department and class; recording a class's paper signatures.

use crate::forms::Form;
use antt_domain::role::Capability;
use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;

use antt_domain::commitment::CommitmentInput;
use antt_domain::{ClassId, PersonId};

use crate::auth::CurrentUser;
use crate::error::WebError;
use crate::forms::{Choice, FieldErrors, saved};
use crate::i18n;
use crate::layout::{Layout, UnitParam, frame, parse_id};
use crate::state::AppState;
use crate::views::sessions::{ShareLine, YearLink, share_line, year_links};

#[derive(Debug, Default, Deserialize)]
pub(crate) struct Params {
    year: Option<String>,
    unit: Option<String>,
    class: Option<String>,
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
            .unwrap_or_else(|| state.antt.plans().current_year())
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "commitments/show.html")]
pub(crate) struct CommitmentPage {
    /// The year has closed (after 15/11): it takes no signature.
    closed: bool,
    year: i32,
    years: Vec<YearLink>,
    /// Title and pledges, when the campaign has started.
    campaign: Option<(String, Vec<String>)>,
    /// The form to start it, for the office.
    start: Option<(String, CommitmentInput)>,
    signed_by_me: Option<bool>,
    sign_action: String,
    shares: Vec<ShareLine>,
    departments: Vec<ShareLine>,
    classes: Vec<ShareLine>,
    not_signed: Vec<(String, String, String)>,
    paper: Option<(String, Vec<Choice>)>,
    problem: Option<&'static str>,
    errors: FieldErrors,
    export: String,
    layout: Layout,
}

async fn page(
    state: &AppState,
    user: &CurrentUser,
    q: &Params,
    problem: Option<&'static str>,
    errors: FieldErrors,
) -> Result<CommitmentPage, WebError> {
    let (unit, layout) = frame(state, user, &q.unit(), "commitments", "Cam kết").await?;
    let actor = user.actor();
    // The year shown is the one every page shows (the current movement
    // year unless another is asked for); the year just closed is one link away.
    let year = q.year(state);
    let this_year = state.antt.plans().current_year();
    let view = state.antt.commitments().view(actor, unit, year).await?;
    let structure = state.antt.org().structure(actor, unit).await?;
    let year_param = format!("year={year}");
    let closed = antt_domain::time::MovementYear::saturating(year).closed_by(state.antt.now());
    let mut out = CommitmentPage {
        year,
        years: year_links(&layout, "/commitments", year, this_year),
        closed,
        campaign: None,
        start: None,
        signed_by_me: None,
        sign_action: layout.link(&format!("/commitments/sign?{year_param}")),
        shares: Vec::new(),
        departments: Vec::new(),
        classes: Vec::new(),
        not_signed: Vec::new(),
        paper: None,
        problem,
        errors,
        export: layout.link(&format!("/commitments/export?{year_param}")),
        layout,
    };
    match view {
        None => {
            if actor.role.can(Capability::EditPlans) && !out.layout.foreign {
                out.start = Some((
                    out.layout.link(&format!("/commitments?{year_param}")),
                    CommitmentInput::default_for(year),
                ));
            }
        }
        Some(v) => {
            out.campaign = Some((
                v.commitment.title.clone(),
                v.commitment.body.lines().map(str::to_owned).collect(),
            ));
            out.signed_by_me = v.signed_by_me;
            if actor.role.can(Capability::ReadPeople) {
                out.shares = vec![
                    share_line("Cán bộ, viên chức".into(), v.progress.staff),
                    share_line("Học sinh, sinh viên".into(), v.progress.students),
                ];
                out.departments = v
                    .progress
                    .by_department
                    .iter()
                    .map(|(d, s)| {
                        share_line(
                            structure
                                .department_name(*d)
                                .unwrap_or_else(|| "Chưa xếp phòng, khoa".into()),
                            *s,
                        )
                    })
                    .collect();
                out.classes = v
                    .progress
                    .by_class
                    .iter()
                    .map(|(c, s)| {
                        share_line(
                            structure
                                .class(*c)
                                .map_or_else(|| "Chưa xếp lớp".into(), |c| c.name.clone()),
                            *s,
                        )
                    })
                    .collect();
                out.not_signed = v.not_signed.into_iter().take(300).collect();
            }
            if v.may_record_paper && !closed {
                let mut classes: Vec<Choice> = structure
                    .classes
                    .iter()
                    .map(|c| Choice::new(c.id.to_string(), c.name.clone(), ""))
                    .collect();
                classes.insert(0, Choice::new("", "— Chọn lớp —", ""));
                out.paper = Some((out.layout.link("/commitments/paper"), classes));
            }
        }
    }
    Ok(out)
}

pub(crate) async fn show(
    State(state): State<AppState>,
    user: CurrentUser,
    Query(q): Query<Params>,
) -> Result<CommitmentPage, WebError> {
    page(&state, &user, &q, None, FieldErrors::default()).await
}

#[derive(Debug, Deserialize)]
pub(crate) struct StartForm {
    title: String,
    body: String,
}

pub(crate) async fn start(
    State(state): State<AppState>,
    user: CurrentUser,
    Query(q): Query<Params>,
    Form(f): Form<StartForm>,
) -> Result<Response, WebError> {
    let (unit, layout) = frame(&state, &user, &q.unit(), "commitments", "").await?;
    let year = q.year(&state);
    let input = CommitmentInput {
        title: f.title,
        body: f.body,
    };
    saved(
        state
            .antt
            .commitments()
            .start(user.actor(), unit, year, input)
            .await,
        |()| Redirect::to(&layout.link(&format!("/commitments?year={year}"))).into_response(),
        async |e| {
            let p = page(&state, &user, &q, None, FieldErrors::from(&e)).await?;
            Ok(p)
        },
    )
    .await
}

pub(crate) async fn sign(
    State(state): State<AppState>,
    user: CurrentUser,
    Query(q): Query<Params>,
) -> Result<Response, WebError> {
    let (unit, layout) = frame(&state, &user, &q.unit(), "commitments", "").await?;
    let year = q.year(&state);
    saved(
state
        .antt
        .commitments()
        .sign(user.actor(), unit, year)
        .await,
|()| Redirect::to(&layout.link(&format!("/commitments?year={year}"))).into_response(),
async |e| {
let problem = e.iter().next().map(|e| match e.field {
                "person" => "Tài khoản của bạn chưa gắn với hồ sơ cán bộ, học sinh nên chưa ký được. Hãy báo Văn phòng.",
                _ => i18n::error(e.code),
            });
            let p = page(&state, &user, &q, problem, FieldErrors::default()).await?;
Ok(p)
},
)
.await
}

/// A student on the paper list.
pub(crate) struct PaperLine {
    pub id: String,
    pub name: String,
    pub code: String,
    pub signed: bool,
    pub in_app: bool,
}

#[derive(Template, WebTemplate)]
#[template(path = "commitments/paper.html")]
pub(crate) struct PaperPage {
    year: i32,
    class: String,
    action: String,
    back: String,
    people: Vec<PaperLine>,
    layout: Layout,
}

pub(crate) async fn paper_form(
    State(state): State<AppState>,
    user: CurrentUser,
    Query(q): Query<Params>,
) -> Result<PaperPage, WebError> {
    let (unit, layout) = frame(
        &state,
        &user,
        &q.unit(),
        "commitments",
        "Ghi chữ ký cam kết",
    )
    .await?;
    let actor = user.actor();
    let year = q.year(&state);
    let class: ClassId = parse_id(q.class.as_deref().unwrap_or_default())?;
    let people = state
        .antt
        .sessions()
        .attendance_list(actor, unit, Some(class), None)
        .await?;
    let (signed, in_app) = state
        .antt
        .commitments()
        .signatures_of(actor, unit, year)
        .await?;
    let structure = state.antt.org().structure(actor, unit).await?;
    Ok(PaperPage {
        year,
        class: structure
            .class(Some(class))
            .map(|c| c.name.clone())
            .unwrap_or_default(),
        action: layout.link(&format!("/commitments/paper?year={year}&class={class}")),
        back: layout.link(&format!("/commitments?year={year}")),
        people: people
            .iter()
            .map(|p| PaperLine {
                id: p.id.to_string(),
                name: p.full_name.clone(),
                code: p.code.clone(),
                signed: signed.contains(&p.id),
                in_app: in_app.contains(&p.id),
            })
            .collect(),
        layout,
    })
}

pub(crate) async fn save_paper(
    State(state): State<AppState>,
    user: CurrentUser,
    Query(q): Query<Params>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, WebError> {
    let (unit, layout) = frame(&state, &user, &q.unit(), "commitments", "").await?;
    let year = q.year(&state);
    let ids = |name: &str| -> Vec<PersonId> {
        pairs
            .iter()
            .filter(|(k, _)| k == name)
            .filter_map(|(_, v)| v.parse().ok())
            .collect()
    };
    state
        .antt
        .commitments()
        .record_paper_signatures(user.actor(), unit, year, &ids("listed"), &ids("signed"))
        .await?;
    Ok(Redirect::to(&layout.link(&format!("/commitments?year={year}"))).into_response())
}

/// Who has not signed, as a spreadsheet.
pub(crate) async fn export_not_signed(
    State(state): State<AppState>,
    user: CurrentUser,
    Query(q): Query<Params>,
) -> Result<Response, WebError> {
    let (unit, _) = frame(&state, &user, &q.unit(), "commitments", "").await?;
    let file = state
        .antt
        .commitments()
        .export_not_signed(user.actor(), unit, q.year(&state))
        .await?;
    Ok(super::download(file))
}

/// The routes of this area of the screens.
pub(crate) fn routes() -> crate::routes::Routes {
    use axum::routing::{get, post};
    crate::routes::Routes::new()
        .route("/commitments/export", get(export_not_signed))
        .route("/commitments", get(show).post(start))
        .route("/commitments/sign", post(sign))
        .route("/commitments/paper", get(paper_form).post(save_paper))
}
