//! The law contest: the list of a year's contests; a contest's page with
//! its bank, import and results for the office; the paper a student takes
//! on a phone.

use crate::forms::Form;
use antt_domain::role::Capability;
use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Multipart, Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;

use antt_core::CoreError;
use antt_core::contest::{BankImport, ContestView, GroupResult};
use antt_domain::contest::{self, BankRefusal, ContestInput, QuestionKind, Window, letter};
use antt_domain::time::{format_date, format_instant, local_date, parse_date};
use antt_domain::{ContestId, ErrorCode, ValidationErrors};

use crate::auth::CurrentUser;
use crate::error::WebError;
use crate::forms::{FieldErrors, Upload, form_again, saved};
use crate::i18n;
use crate::layout::{Layout, UnitParam, frame, parse_id};
use crate::state::AppState;
use crate::views::sessions::{ShareLine, YearLink, share_line, year_links};

#[derive(Debug, Default, Deserialize)]
pub(crate) struct Params {
    year: Option<String>,
    unit: Option<String>,
    #[serde(default)]
    imported: Option<usize>,
}

impl Params {
    fn unit(&self) -> UnitParam {
        UnitParam {
            unit: self.unit.clone(),
        }
    }
}

/// The contest form's fields as typed.
#[derive(Debug, Default, Deserialize)]
pub(crate) struct ContestForm {
    title: String,
    opens_on: String,
    closes_on: String,
    minutes: String,
    questions_per_attempt: String,
}

impl ContestForm {
    fn of(c: &ContestInput) -> Self {
        Self {
            title: c.title.clone(),
            opens_on: format_date(c.opens_on),
            closes_on: format_date(c.closes_on),
            minutes: c.minutes.to_string(),
            questions_per_attempt: c.questions_per_attempt.to_string(),
        }
    }

    fn parse(&self) -> Result<ContestInput, ValidationErrors> {
        let mut errors = ValidationErrors::new();
        let mut date = |field, text: &str| {
            let d = parse_date(text);
            if d.is_none() {
                errors.add(field, ErrorCode::InvalidDate);
            }
            d.unwrap_or_default()
        };
        let opens_on = date("opens_on", &self.opens_on);
        let closes_on = date("closes_on", &self.closes_on);
        let minutes = errors
            .parse_optional::<u32>("minutes", Some(&self.minutes))
            .unwrap_or(0);
        let per = errors
            .parse_optional::<u32>("questions_per_attempt", Some(&self.questions_per_attempt))
            .unwrap_or(0);
        let input = ContestInput {
            title: self.title.clone(),
            opens_on,
            closes_on,
            minutes,
            questions_per_attempt: per,
        };
        match input.validate() {
            Ok(input) if errors.is_empty() => Ok(input),
            Ok(_) => Err(errors),
            Err(more) => {
                for e in more {
                    if errors.for_field(e.field).is_none() {
                        errors.add(e.field, e.code);
                    }
                }
                Err(errors)
            }
        }
    }
}

/// A contest in the list.
pub(crate) struct ContestItem {
    href: String,
    title: String,
    dates: String,
    state: &'static str,
    open: bool,
    questions: String,
    /// The actor's standing: "Đã nộp bài: 9/10 câu đúng".
    mine: Option<String>,
}

#[derive(Template, WebTemplate)]
#[template(path = "contests/list.html")]
pub(crate) struct ListPage {
    year: i32,
    years: Vec<YearLink>,
    contests: Vec<ContestItem>,
    new: Option<(String, ContestForm)>,
    errors: FieldErrors,
    template: String,
    layout: Layout,
}

fn year_of(state: &AppState, q: &Params) -> i32 {
    q.year
        .as_deref()
        .and_then(|y| antt_domain::plan::parse_year(y).ok())
        .unwrap_or_else(|| state.antt.plans().current_year())
}

async fn list_page(
    state: &AppState,
    user: &CurrentUser,
    q: &Params,
    form: Option<ContestForm>,
    errors: FieldErrors,
) -> Result<ListPage, WebError> {
    let (unit, layout) =
        frame(state, user, &q.unit(), "contests", "Thi tìm hiểu pháp luật").await?;
    let actor = user.actor();
    // A new contest counts for the year asked for, or today's movement year.
    let new_year = year_of(state, q);
    let mut year = new_year;
    let mut list = state.antt.contests().list(actor, unit, year).await?;
    // After 16/11 the contest of the year just ended may still be open.
    if list.is_empty() && q.year.is_none() {
        let previous = state.antt.contests().list(actor, unit, year - 1).await?;
        if !previous.is_empty() {
            year -= 1;
            list = previous;
        }
    }
    let contests = list
        .into_iter()
        .map(|s| ContestItem {
            href: layout.link(&format!("/contests/{}", s.contest.id)),
            title: s.contest.title.clone(),
            dates: format!(
                "{} – {}",
                format_date(s.contest.opens_on),
                format_date(s.contest.closes_on)
            ),
            state: i18n::contest_window(s.window),
            open: s.window == Window::Open,
            questions: format!("{} câu, {} phút", s.contest.drawn(), s.contest.minutes),
            mine: s.mine.map(|a| match a.score {
                Some(score) => format!("Đã nộp bài: {score}/{} câu đúng", a.total),
                None => "Đang làm dở".to_owned(),
            }),
        })
        .collect();
    let today = local_date(state.antt.now());
    let new = (actor.role.can(Capability::EditPlans) && !layout.foreign).then(|| {
        (
            layout.link(&format!("/contests?year={new_year}")),
            form.unwrap_or_else(|| ContestForm::of(&ContestInput::default_for(new_year, today))),
        )
    });
    Ok(ListPage {
        years: year_links(
            &layout,
            "/contests",
            year,
            state.antt.plans().current_year(),
        ),
        year,
        contests,
        new,
        errors,
        template: layout.link("/contests/template"),
        layout,
    })
}

pub(crate) async fn list(
    State(state): State<AppState>,
    user: CurrentUser,
    Query(q): Query<Params>,
) -> Result<ListPage, WebError> {
    list_page(&state, &user, &q, None, FieldErrors::default()).await
}

pub(crate) async fn create(
    State(state): State<AppState>,
    user: CurrentUser,
    Query(q): Query<Params>,
    Form(f): Form<ContestForm>,
) -> Result<Response, WebError> {
    let (unit, layout) = frame(&state, &user, &q.unit(), "contests", "").await?;
    let year = year_of(&state, &q);
    let result = match f.parse() {
        Ok(input) => {
            state
                .antt
                .contests()
                .create(user.actor(), unit, year, input)
                .await
        }
        Err(e) => Err(CoreError::Invalid(e)),
    };
    saved(
        result,
        |id| Redirect::to(&layout.link(&format!("/contests/{id}"))).into_response(),
        async |e| {
            let p = list_page(&state, &user, &q, Some(f), FieldErrors::from(&e)).await?;
            Ok(p)
        },
    )
    .await
}

/// A question of the bank as the office sees it.
pub(crate) struct BankLine {
    position: u32,
    text: String,
    multiple: bool,
    choices: Vec<(char, String, bool)>,
}

pub(crate) struct ResultRow {
    name: String,
    code: String,
    group: String,
    score: String,
    mark: String,
    when: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "contests/show.html")]
pub(crate) struct ShowPage {
    title: String,
    dates: String,
    state: &'static str,
    limits: String,
    back: String,
    /// For the person taking it: what to do next.
    take: Option<TakeBox>,
    edit: Option<(String, ContestForm)>,
    import: Option<String>,
    locked: bool,
    template: String,
    imported: Option<usize>,
    problems: Vec<String>,
    problem: Option<&'static str>,
    errors: FieldErrors,
    bank: Vec<BankLine>,
    shares: Vec<ShareLine>,
    average: String,
    classes: Vec<(ShareLine, String)>,
    departments: Vec<(ShareLine, String)>,
    results: Vec<ResultRow>,
    results_total: usize,
    export: String,
    layout: Layout,
}

/// The taker's box on a contest's page.
pub(crate) struct TakeBox {
    /// Start (a form) or continue (a link), or `None` when there is nothing to do.
    action: Option<(bool, String)>,
    note: String,
}

fn group_lines(groups: &[GroupResult]) -> Vec<(ShareLine, String)> {
    groups
        .iter()
        .map(|g| (share_line(g.name.clone(), g.share), g.average.clone()))
        .collect()
}

struct Extra {
    form: Option<ContestForm>,
    errors: FieldErrors,
    problems: Vec<String>,
    problem: Option<&'static str>,
}

impl Extra {
    fn none() -> Self {
        Self {
            form: None,
            errors: FieldErrors::default(),
            problems: Vec::new(),
            problem: None,
        }
    }
}

async fn show_page(
    state: &AppState,
    user: &CurrentUser,
    id: ContestId,
    q: &Params,
    extra: Extra,
) -> Result<ShowPage, WebError> {
    let (unit, layout) = frame(state, user, &q.unit(), "contests", "").await?;
    let v: ContestView = state.antt.contests().view(user.actor(), unit, id).await?;
    let c = &v.contest;
    let base = format!("/contests/{id}");
    let take = v.may_take.then(|| match (&v.mine, v.window) {
        (Some(a), _) if a.score.is_some() => TakeBox {
            action: Some((false, layout.link(&format!("{base}/take")))),
            note: format!(
                "Bạn đã nộp bài: {}/{} câu đúng, điểm {}.",
                a.score.unwrap_or_default(),
                a.total,
                contest::mark(a.score.unwrap_or_default(), a.total)
            ),
        },
        (Some(a), Window::Open) if a.accepts(c.minutes, state.antt.now()) => TakeBox {
            action: Some((false, layout.link(&format!("{base}/take")))),
            note: "Bạn đang làm dở bài thi.".into(),
        },
        (Some(_), _) => TakeBox {
            action: None,
            note: "Đã hết giờ làm bài, bài chưa được nộp.".into(),
        },
        (None, Window::Open) if c.bank_size > 0 => TakeBox {
            action: Some((true, layout.link(&format!("{base}/start")))),
            note: format!(
                "Bài thi có {} câu hỏi, làm trong {} phút. Mỗi người chỉ làm một lần; hết giờ bài được nộp tự động.",
                c.drawn(),
                c.minutes
            ),
        },
        (None, Window::Open) => TakeBox {
            action: None,
            note: "Cuộc thi chưa có câu hỏi.".into(),
        },
        (None, Window::NotOpen) => TakeBox {
            action: None,
            note: format!("Cuộc thi mở từ ngày {}.", format_date(c.opens_on)),
        },
        (None, Window::Closed) => TakeBox {
            action: None,
            note: "Cuộc thi đã kết thúc.".into(),
        },
    });
    let edit = v.may_edit.then(|| {
        (
            layout.link(&base),
            extra.form.unwrap_or_else(|| {
                ContestForm::of(&ContestInput {
                    title: c.title.clone(),
                    opens_on: c.opens_on,
                    closes_on: c.closes_on,
                    minutes: c.minutes,
                    questions_per_attempt: c.questions_per_attempt,
                })
            }),
        )
    });
    let bank = v
        .bank
        .iter()
        .map(|q| BankLine {
            position: q.position,
            text: q.text.clone(),
            multiple: q.kind == QuestionKind::Multiple,
            choices: q
                .choices
                .iter()
                .enumerate()
                .map(|(i, text)| (letter(i), text.clone(), q.key.contains(&i)))
                .collect(),
        })
        .collect();
    let (mut shares, mut average, mut classes, mut departments, mut results, mut results_total) = (
        Vec::new(),
        String::new(),
        Vec::new(),
        Vec::new(),
        Vec::new(),
        0,
    );
    if let Some(r) = &v.results {
        shares = vec![
            share_line("Học sinh, sinh viên".into(), r.participation.students),
            share_line("Cán bộ, viên chức".into(), r.participation.staff),
        ];
        average.clone_from(&r.average);
        classes = group_lines(&r.by_class);
        departments = group_lines(&r.by_department);
        results_total = r.lines.len();
        results = r
            .lines
            .iter()
            .take(200)
            .map(|l| ResultRow {
                name: l.name.clone(),
                code: l.code.clone(),
                group: l.group.clone(),
                score: l
                    .score
                    .map_or_else(|| "Chưa nộp".into(), |s| format!("{s}/{}", l.total)),
                mark: l
                    .score
                    .map(|s| contest::mark(s, l.total))
                    .unwrap_or_default(),
                when: l.submitted_at.map(format_instant).unwrap_or_default(),
            })
            .collect();
    }
    Ok(ShowPage {
        title: c.title.clone(),
        dates: format!("{} – {}", format_date(c.opens_on), format_date(c.closes_on)),
        state: i18n::contest_window(v.window),
        limits: format!(
            "{} câu mỗi bài (ngân hàng {} câu), {} phút",
            c.drawn(),
            c.bank_size,
            c.minutes
        ),
        back: layout.link(&format!("/contests?year={}", c.year)),
        take,
        edit,
        import: v
            .may_edit
            .then(|| layout.link(&format!("{base}/questions"))),
        locked: v.locked,
        template: layout.link("/contests/template"),
        imported: q.imported,
        problems: extra.problems,
        problem: extra.problem,
        errors: extra.errors,
        bank,
        shares,
        average,
        classes,
        departments,
        results,
        results_total,
        export: layout.link(&format!("{base}/export")),
        layout,
    })
}

pub(crate) async fn show(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
    Query(q): Query<Params>,
) -> Result<ShowPage, WebError> {
    show_page(&state, &user, parse_id(&id)?, &q, Extra::none()).await
}

pub(crate) async fn update(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
    Query(q): Query<Params>,
    Form(f): Form<ContestForm>,
) -> Result<Response, WebError> {
    let id: ContestId = parse_id(&id)?;
    let (unit, layout) = frame(&state, &user, &q.unit(), "contests", "").await?;
    let result = match f.parse() {
        Ok(input) => {
            state
                .antt
                .contests()
                .update(user.actor(), unit, id, input)
                .await
        }
        Err(e) => Err(CoreError::Invalid(e)),
    };
    saved(
        result,
        |()| Redirect::to(&layout.link(&format!("/contests/{id}"))).into_response(),
        async |e| {
            let extra = Extra {
                form: Some(f),
                errors: FieldErrors::from(&e),
                ..Extra::none()
            };
            let p = show_page(&state, &user, id, &q, extra).await?;
            Ok(p)
        },
    )
    .await
}

/// Why a bank file was refused, as lines to show.
fn refusal_lines(refusal: &BankRefusal) -> Vec<String> {
    match refusal {
        BankRefusal::NoHeader => vec![
            "Không tìm thấy dòng tiêu đề của bảng câu hỏi: cần có cột \"Câu hỏi\", các cột phương án A, B, C… và cột \"Đáp án\". Hãy dùng tệp mẫu.".into(),
        ],
        BankRefusal::Empty => vec!["Bảng câu hỏi không có dòng nào.".into()],
        BankRefusal::TooMany(n) => vec![format!(
            "Tệp có {n} câu hỏi, nhiều hơn mức tối đa {} câu của một cuộc thi.",
            contest::MAX_QUESTIONS
        )],
        BankRefusal::Rows(problems) => problems.iter().map(i18n::import_problem_line).collect(),
    }
}

/// Imports a question bank (multipart: the file).
pub(crate) async fn import(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
    Query(q): Query<Params>,
    multipart: Multipart,
) -> Result<Response, WebError> {
    let id: ContestId = parse_id(&id)?;
    let (unit, layout) = frame(&state, &user, &q.unit(), "contests", "").await?;
    let result = match Upload::read(multipart).await {
        Err(e) => Err(CoreError::Invalid(e)),
        Ok(mut upload) => match upload.take_file("file") {
            None => Err(CoreError::invalid("file", ErrorCode::Required)),
            Some(file) => {
                state
                    .antt
                    .contests()
                    .import_questions(user.actor(), unit, id, &file.name, file.bytes)
                    .await
            }
        },
    };
    let refused = |extra: Extra| async {
        let p = show_page(&state, &user, id, &q, extra).await?;
        Ok::<_, WebError>(form_again(p))
    };
    match result {
        Ok(BankImport::Imported(n)) => {
            Ok(Redirect::to(&layout.link(&format!("/contests/{id}?imported={n}"))).into_response())
        }
        Ok(BankImport::Refused(r)) => {
            refused(Extra {
                problems: refusal_lines(&r),
                ..Extra::none()
            })
            .await
        }
        Err(CoreError::Invalid(e)) => {
            let problem = e.iter().next().map(|e| match (e.field, e.code) {
                ("file", ErrorCode::WrongState) => {
                    "Đã có người làm bài nên không thay được bộ câu hỏi."
                }
                ("file", ErrorCode::Required) => "Hãy chọn tệp câu hỏi.",
                (_, code) => i18n::error(code),
            });
            refused(Extra {
                problem,
                ..Extra::none()
            })
            .await
        }
        Err(e) => Err(e.into()),
    }
}

/// What a refusal to start or hand in says.
fn take_problem(e: &ValidationErrors) -> Option<&'static str> {
    e.iter().next().map(|e| match (e.field, e.code) {
        ("person", _) => {
            "Tài khoản của bạn chưa gắn với hồ sơ cán bộ, học sinh nên chưa dự thi được. Hãy báo Văn phòng."
        }
        (_, ErrorCode::NotStarted) => "Cuộc thi chưa mở.",
        (_, ErrorCode::Expired) => "Đã hết giờ làm bài hoặc cuộc thi đã kết thúc.",
        (_, ErrorCode::AlreadyRecorded) => "Bạn đã làm bài này rồi: mỗi người chỉ làm một lần.",
        (_, ErrorCode::WrongState) => "Cuộc thi chưa có câu hỏi.",
        ("answers", _) => "Câu trả lời không hợp lệ. Hãy tải lại trang và chọn lại.",
        (_, code) => i18n::error(code),
    })
}

pub(crate) async fn start(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
    Query(q): Query<Params>,
) -> Result<Response, WebError> {
    let id: ContestId = parse_id(&id)?;
    let (unit, layout) = frame(&state, &user, &q.unit(), "contests", "").await?;
    saved(
        state
            .antt
            .contests()
            .start_attempt(user.actor(), unit, id)
            .await,
        |()| Redirect::to(&layout.link(&format!("/contests/{id}/take"))).into_response(),
        async |e| {
            let extra = Extra {
                problem: take_problem(&e),
                ..Extra::none()
            };
            let p = show_page(&state, &user, id, &q, extra).await?;
            Ok(p)
        },
    )
    .await
}

/// A question on the paper.
pub(crate) struct PaperQuestion {
    number: usize,
    name: String,
    text: String,
    multiple: bool,
    /// (index, letter, text, ticked, right)
    choices: Vec<(usize, char, String, bool, bool)>,
    /// After submission with answers revealed: whether it was right.
    right: Option<bool>,
}

#[derive(Template, WebTemplate)]
#[template(path = "contests/take.html")]
pub(crate) struct TakePage {
    title: String,
    back: String,
    action: String,
    questions: Vec<PaperQuestion>,
    /// Still to be handed in: the deadline as text and as seconds left.
    open: Option<(String, i64)>,
    /// Where the script keeps the answers ticked so far.
    keep: String,
    /// This attempt's name for the browser's own copy of those answers,
    /// so that another student on the same phone never sees them.
    kept_as: String,
    /// Handed in: the result line.
    result: Option<String>,
    reveal: bool,
    problem: Option<&'static str>,
    layout: Layout,
}

async fn take_page(
    state: &AppState,
    user: &CurrentUser,
    id: ContestId,
    q: &Params,
    problem: Option<&'static str>,
) -> Result<TakePage, WebError> {
    let (unit, layout) = frame(state, user, &q.unit(), "contests", "Bài thi").await?;
    let paper = state.antt.contests().paper(user.actor(), unit, id).await?;
    let a = &paper.attempt;
    let answers = a.answers.clone().unwrap_or_default();
    let submitted = a.score.is_some();
    let now = state.antt.now();
    let questions = paper
        .questions
        .iter()
        .enumerate()
        .map(|(n, question)| {
            let ticked = answers.get(n).cloned().unwrap_or_default();
            PaperQuestion {
                number: n + 1,
                name: format!("q{n}"),
                text: question.text.clone(),
                multiple: question.kind == QuestionKind::Multiple,
                choices: question
                    .choices
                    .iter()
                    .enumerate()
                    .map(|(i, text)| {
                        (
                            i,
                            letter(i),
                            text.clone(),
                            ticked.contains(&i),
                            paper.reveal && question.key.contains(&i),
                        )
                    })
                    .collect(),
                right: (submitted && paper.reveal)
                    .then(|| contest::is_right(&question.key, &ticked)),
            }
        })
        .collect();
    let open = (!submitted && a.accepts(paper.contest.minutes, now)).then(|| {
        let deadline = a.deadline(paper.contest.minutes);
        (
            format_instant(deadline),
            (deadline - now).num_seconds().max(0),
        )
    });
    let result = a.score.map(|s| {
        format!(
            "Bạn trả lời đúng {s}/{} câu, điểm {}.",
            a.total,
            contest::mark(s, a.total)
        )
    });
    Ok(TakePage {
        title: paper.contest.title.clone(),
        back: layout.link(&format!("/contests/{id}")),
        action: layout.link(&format!("/contests/{id}/take")),
        keep: layout.link(&format!("/contests/{id}/answers")),
        kept_as: format!("{id}:{}:{}", a.person_id, a.started_at.timestamp()),
        questions,
        open,
        result,
        reveal: paper.reveal,
        problem,
        layout,
    })
}

pub(crate) async fn take(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
    Query(q): Query<Params>,
) -> Result<TakePage, WebError> {
    take_page(&state, &user, parse_id(&id)?, &q, None).await
}

/// The answers of the paper's form: `count`, and `q<n>` = a choice.
fn answers_of(pairs: &[(String, String)]) -> Result<contest::Answers, CoreError> {
    let count = pairs
        .iter()
        .find(|(k, _)| k == "count")
        .and_then(|(_, v)| v.parse::<usize>().ok())
        .unwrap_or(0)
        .min(contest::MAX_QUESTIONS);
    let mut answers = vec![Vec::new(); count];
    for (k, v) in pairs {
        if let Some(n) = k.strip_prefix('q') {
            match (n.parse::<usize>(), v.parse::<usize>()) {
                (Ok(n), Ok(choice)) if n < count => answers[n].push(choice),
                _ => return Err(CoreError::invalid("answers", ErrorCode::Invalid)),
            }
        }
    }
    Ok(answers)
}

/// Keeps the answers ticked so far (the paper's script sends them as they
/// change and when the page is left): 204, nothing to show.
pub(crate) async fn keep_answers(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
    Query(q): Query<Params>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, WebError> {
    let id: ContestId = parse_id(&id)?;
    let (unit, _) = frame(&state, &user, &q.unit(), "contests", "").await?;
    state
        .antt
        .contests()
        .keep_answers(user.actor(), unit, id, answers_of(&pairs)?)
        .await?;
    Ok(StatusCode::NO_CONTENT.into_response())
}

pub(crate) async fn submit(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
    Query(q): Query<Params>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, WebError> {
    let id: ContestId = parse_id(&id)?;
    let (unit, layout) = frame(&state, &user, &q.unit(), "contests", "").await?;
    let result = match answers_of(&pairs) {
        Err(e) => Err(e),
        Ok(answers) => state
            .antt
            .contests()
            .submit_attempt(user.actor(), unit, id, answers)
            .await
            .map(|_| ()),
    };
    saved(
        result,
        |()| Redirect::to(&layout.link(&format!("/contests/{id}/take"))).into_response(),
        async |e| {
            let p = take_page(&state, &user, id, &q, take_problem(&e)).await?;
            Ok(p)
        },
    )
    .await
}

pub(crate) async fn export(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
    Query(q): Query<Params>,
) -> Result<Response, WebError> {
    let (unit, _) = frame(&state, &user, &q.unit(), "contests", "").await?;
    let file = state
        .antt
        .contests()
        .export_results(user.actor(), unit, parse_id(&id)?)
        .await?;
    Ok(super::download(file))
}

pub(crate) async fn template(
    State(state): State<AppState>,
    _user: CurrentUser,
) -> Result<Response, WebError> {
    Ok(super::download(state.antt.contests().question_template()?))
}

/// The routes of this area of the screens.
pub(crate) fn routes() -> crate::routes::Routes {
    use axum::routing::{get, post};
    crate::routes::Routes::new()
        .route("/contests", get(list).post(create))
        .route("/contests/template", get(template))
        .route("/contests/{id}", get(show).post(update))
        .route("/contests/{id}/questions", post(import))
        .route("/contests/{id}/start", post(start))
        .route("/contests/{id}/take", get(take).post(submit))
        .route("/contests/{id}/answers", post(keep_answers))
        .route("/contests/{id}/export", get(export))
}
