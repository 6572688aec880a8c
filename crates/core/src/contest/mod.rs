//! The law contest: the office sets it up and imports its question bank
//! from a spreadsheet; during its window each person takes it once on a
//! phone; results by class and department, and as a spreadsheet.

pub(crate) mod demo;

use antt_domain::role::Capability;
use std::collections::HashMap;

use chrono::{DateTime, Utc};
use rand::seq::SliceRandom;

use antt_docgen::{TableSheet, Value};
use antt_domain::audit::{AuditAction, Change, TargetKind};
use antt_domain::contest::{
    self, Answers, Attempt, BankRefusal, Contest, ContestInput, Question, QuestionKind, Window,
};
use antt_domain::person::{Person, PersonKind};
use antt_domain::session::{Coverage, Reachable, Share, coverage};
use antt_domain::time::local_date;
use antt_domain::{ContestId, ErrorCode, PersonId, UnitId};
use antt_store::contest as store;

use crate::actor::Actor;
use crate::audit::entry;
use crate::context::Cx;
use crate::error::{CoreError, CoreResult};
use crate::export::ExportFile;
use crate::exports::Exports;
use crate::org::{Org, Structure};
use crate::person::{People, person_of_account};
use crate::write::{Access, Write};

/// A contest in the list, with where the actor stands.
#[derive(Clone, Debug)]
pub struct ContestSummary {
    pub contest: Contest,
    pub window: Window,
    /// The actor's attempt, if they have one.
    pub mine: Option<Attempt>,
}

/// One person's result.
#[derive(Clone, Debug)]
pub struct ResultLine {
    pub name: String,
    pub code: String,
    /// Class or department.
    pub group: String,
    pub score: Option<u32>,
    pub total: u32,
    pub submitted_at: Option<DateTime<Utc>>,
    /// Minutes from start to submission.
    pub minutes: Option<i64>,
}

/// A class or department: who took part, and the average mark of those.
#[derive(Clone, Debug)]
pub struct GroupResult {
    pub name: String,
    pub share: Share,
    /// Average out of ten ("7,5"), or empty when nobody submitted.
    pub average: String,
}

/// Results of a contest.
#[derive(Clone, Debug, Default)]
pub struct ContestResults {
    /// Submitted, counted like coverage among active people.
    pub participation: Coverage,
    pub average: String,
    pub by_class: Vec<GroupResult>,
    pub by_department: Vec<GroupResult>,
    /// Best first; started but not submitted last.
    pub lines: Vec<ResultLine>,
}

/// A contest's page.
#[derive(Clone, Debug)]
pub struct ContestView {
    pub contest: Contest,
    pub window: Window,
    pub mine: Option<Attempt>,
    /// Whether the actor has a person record of the unit to take it with.
    pub may_take: bool,
    /// The bank, for those who set the contest up.
    pub bank: Vec<Question>,
    pub may_edit: bool,
    /// Someone has started: the bank can no longer be replaced.
    pub locked: bool,
    pub results: Option<ContestResults>,
}

/// An attempt's questions in the order drawn, with the person's answers.
#[derive(Clone, Debug)]
pub struct Paper {
    pub contest: Contest,
    pub attempt: Attempt,
    pub questions: Vec<Question>,
    /// The contest has closed: right answers may be shown.
    pub reveal: bool,
}

/// How an import of a question bank ended.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum BankImport {
    Imported(usize),
    Refused(BankRefusal),
}

fn average(right: u64, total: u64) -> String {
    if total == 0 {
        return String::new();
    }
    let (r, t) = if total > u64::from(u32::MAX) {
        (right / 1000, total / 1000)
    } else {
        (right, total)
    };
    contest::mark(
        u32::try_from(r).unwrap_or(u32::MAX),
        u32::try_from(t).unwrap_or(u32::MAX),
    )
}

fn group_results<K: Eq + std::hash::Hash + Copy>(
    shares: &[(Option<K>, Share)],
    sums: &HashMap<Option<K>, (u64, u64)>,
    name: impl Fn(Option<K>) -> String,
) -> Vec<GroupResult> {
    shares
        .iter()
        .map(|(k, share)| {
            let (r, t) = sums.get(k).copied().unwrap_or_default();
            GroupResult {
                name: name(*k),
                share: *share,
                average: average(r, t),
            }
        })
        .collect()
}

fn results(
    people: &[(String, Person)],
    structure: &Structure,
    attempts: &[Attempt],
) -> ContestResults {
    let by_person: HashMap<PersonId, &Attempt> =
        attempts.iter().map(|a| (a.person_id, a)).collect();
    let submitted: std::collections::HashSet<PersonId> = attempts
        .iter()
        .filter(|a| a.score.is_some())
        .map(|a| a.person_id)
        .collect();
    let participation = coverage(
        people.iter().filter_map(|(_, p)| Reachable::of(p)),
        &submitted,
    );
    let mut class_sums: HashMap<_, (u64, u64)> = HashMap::new();
    let mut department_sums: HashMap<_, (u64, u64)> = HashMap::new();
    let (mut right, mut total) = (0u64, 0u64);
    let mut lines = Vec::new();
    for (_, p) in people {
        let Some(a) = by_person.get(&p.id) else {
            continue;
        };
        if let Some(score) = a.score {
            let sum = match p.kind {
                PersonKind::Student => class_sums.entry(p.class_id).or_default(),
                PersonKind::Staff => department_sums.entry(p.department_id).or_default(),
            };
            sum.0 += u64::from(score);
            sum.1 += u64::from(a.total);
            right += u64::from(score);
            total += u64::from(a.total);
        }
        let group = structure.group_of(p);
        lines.push(ResultLine {
            name: p.full_name.clone(),
            code: p.code.clone(),
            group: group.unwrap_or_default(),
            score: a.score,
            total: a.total,
            submitted_at: a.submitted_at,
            minutes: a.submitted_at.map(|s| (s - a.started_at).num_minutes()),
        });
    }
    // Best ratio first, then the quickest; unfinished last.
    lines.sort_by_key(|l| {
        (
            l.score.is_none(),
            std::cmp::Reverse(
                l.score
                    .map_or(0, |s| u64::from(s) * 10_000 / u64::from(l.total.max(1))),
            ),
            l.minutes.unwrap_or(i64::MAX),
            l.name.clone(),
        )
    });
    ContestResults {
        by_class: group_results(&participation.by_class, &class_sums, |c| {
            structure
                .class(c)
                .map_or_else(|| "Chưa xếp lớp".into(), |c| c.name.clone())
        }),
        by_department: group_results(&participation.by_department, &department_sums, |d| {
            structure
                .department_name(d)
                .unwrap_or_else(|| "Chưa xếp phòng, khoa".into())
        }),
        participation,
        average: average(right, total),
        lines,
    }
}

/// Checks the answers sent for the questions shown: one list per question,
/// choices that exist, at most one for a single-choice question.
fn check_answers(questions: &[Question], answers: &Answers) -> CoreResult<()> {
    let fits = answers.len() == questions.len()
        && questions.iter().zip(answers).all(|(q, ticked)| {
            ticked.iter().all(|&i| i < q.choices.len())
                && (q.kind == QuestionKind::Multiple || ticked.len() <= 1)
        });
    if fits {
        Ok(())
    } else {
        Err(CoreError::invalid("answers", ErrorCode::Invalid))
    }
}

/// The attempt of `person` with its questions in the order drawn.
async fn paper_of(
    e: &impl antt_store::Executor,
    unit: UnitId,
    id: ContestId,
    person: PersonId,
    today: chrono::NaiveDate,
) -> CoreResult<Paper> {
    let contest = store::get(e, unit, id).await?;
    let attempt = store::attempt_of(e, unit, id, person)
        .await?
        .ok_or(CoreError::NotFound)?;
    let mut bank: HashMap<_, Question> = store::questions(e, unit, id)
        .await?
        .into_iter()
        .map(|q| (q.id, q))
        .collect();
    let questions = attempt
        .questions
        .iter()
        .filter_map(|q| bank.remove(q))
        .collect();
    Ok(Paper {
        reveal: contest.window(today) == Window::Closed,
        contest,
        attempt,
        questions,
    })
}

/// The law contest of a unit: its bank, attempts and results.
#[derive(Clone)]
pub struct Contests {
    cx: Cx,
    org: Org,
    people: People,
    exports: Exports,
}

impl Contests {
    pub(crate) fn new(cx: Cx, org: Org, people: People, exports: Exports) -> Self {
        Self {
            cx,
            org,
            people,
            exports,
        }
    }

    /// The contests of a movement year.
    #[tracing::instrument(name = "contests.list", skip_all, fields(actor = %actor.name))]
    pub async fn list(
        &self,
        actor: &Actor,
        unit: UnitId,
        year: i32,
    ) -> CoreResult<Vec<ContestSummary>> {
        self.cx.check_readable(actor, unit).await?;
        let me = self.people.of_account(actor).await?;
        let today = self.cx.today();
        let mut out = Vec::new();
        for contest in store::of_year(self.cx.db(), unit, year).await? {
            let mine = match me {
                Some(p) => store::attempt_of(self.cx.db(), unit, contest.id, p).await?,
                None => None,
            };
            out.push(ContestSummary {
                window: contest.window(today),
                contest,
                mine,
            });
        }
        Ok(out)
    }

    /// Sets up a contest of a movement year.
    #[tracing::instrument(name = "contests.create", skip_all, fields(actor = %actor.name))]
    pub async fn create(
        &self,
        actor: &Actor,
        unit: UnitId,
        year: i32,
        input: ContestInput,
    ) -> CoreResult<ContestId> {
        let w = self
            .cx
            .write(Access::Unit(actor, unit, Capability::EditPlans))
            .await?;
        let input = input.validate()?;
        let now = w.now();
        let c = store::insert(w.tx(), unit, year, &input, now).await?;
        let target = Some((TargetKind::Contest, c.id.to_string()));
        w.commit(entry(
            actor,
            Some(unit),
            AuditAction::Create,
            target,
            c.title,
            Vec::new(),
        ))
        .await?;
        Ok(c.id)
    }

    /// Changes a contest's title, window and limits.
    #[tracing::instrument(name = "contests.update", skip_all, fields(actor = %actor.name))]
    pub async fn update(
        &self,
        actor: &Actor,
        unit: UnitId,
        id: ContestId,
        input: ContestInput,
    ) -> CoreResult<()> {
        let w = self
            .cx
            .write(Access::Unit(actor, unit, Capability::EditPlans))
            .await?;
        let input = input.validate()?;
        let before = store::get(w.tx(), unit, id).await?;
        store::update(w.tx(), unit, id, &input).await?;
        let changes = [
            (
                "opens_on",
                before.opens_on.to_string(),
                input.opens_on.to_string(),
            ),
            (
                "closes_on",
                before.closes_on.to_string(),
                input.closes_on.to_string(),
            ),
            (
                "minutes",
                before.minutes.to_string(),
                input.minutes.to_string(),
            ),
        ]
        .into_iter()
        .filter(|(_, b, a)| b != a)
        .map(|(field, b, a)| Change {
            field: field.into(),
            before: Some(b),
            after: Some(a),
        })
        .collect();
        let target = Some((TargetKind::Contest, id.to_string()));
        w.commit(entry(
            actor,
            Some(unit),
            AuditAction::Update,
            target,
            input.title,
            changes,
        ))
        .await
    }

    /// Replaces a contest's question bank with the one in a spreadsheet.
    /// One bad row refuses the whole file; once someone has started the
    /// contest the bank is fixed.
    #[tracing::instrument(name = "contests.import_questions", skip_all, fields(actor = %actor.name))]
    pub async fn import_questions(
        &self,
        actor: &Actor,
        unit: UnitId,
        id: ContestId,
        file_name: &str,
        bytes: Vec<u8>,
    ) -> CoreResult<BankImport> {
        self.cx.check_writable(actor, unit).await?;
        actor.require(Capability::EditPlans)?;
        store::get(self.cx.db(), unit, id).await?;
        let (sheets, _) = crate::import::read_file(file_name, bytes).await?;
        let bank = match contest::read_bank(&sheets) {
            Ok(bank) => bank,
            Err(refusal) => return Ok(BankImport::Refused(refusal)),
        };
        let w = self
            .cx
            .write(Access::Unit(actor, unit, Capability::EditPlans))
            .await?;
        let c = store::get(w.tx(), unit, id).await?;
        if store::has_attempts(w.tx(), unit, id).await? {
            return Err(CoreError::invalid("file", ErrorCode::WrongState));
        }
        store::replace_bank(w.tx(), unit, id, &bank).await?;
        let changes = vec![Change {
            field: "questions".into(),
            before: Some(c.bank_size.to_string()),
            after: Some(bank.len().to_string()),
        }];
        let target = Some((TargetKind::Contest, id.to_string()));
        w.commit(entry(
            actor,
            Some(unit),
            AuditAction::Import,
            target,
            c.title,
            changes,
        ))
        .await?;
        Ok(BankImport::Imported(bank.len()))
    }

    /// A contest with the actor's attempt, and for those who may, its bank
    /// and results.
    #[tracing::instrument(name = "contests.view", skip_all, fields(actor = %actor.name))]
    pub async fn view(
        &self,
        actor: &Actor,
        unit: UnitId,
        id: ContestId,
    ) -> CoreResult<ContestView> {
        self.cx.check_readable(actor, unit).await?;
        let contest = store::get(self.cx.db(), unit, id).await?;
        let me = if actor.unit_id == Some(unit) {
            self.people.of_account(actor).await?
        } else {
            None
        };
        let mine = match me {
            Some(p) => store::attempt_of(self.cx.db(), unit, id, p).await?,
            None => None,
        };
        let may_edit = actor.role.can(Capability::EditPlans)
            && self.cx.check_writable(actor, unit).await.is_ok();
        let locked = store::has_attempts(self.cx.db(), unit, id).await?;
        let bank = if may_edit {
            store::questions(self.cx.db(), unit, id).await?
        } else {
            Vec::new()
        };
        let results = if actor.role.can(Capability::ReadPeople) {
            let people = self.cx.cached_people(unit).await?;
            let structure = self.org.structure(actor, unit).await?;
            let attempts = store::attempts(self.cx.db(), unit, id).await?;
            Some(results(&people, &structure, &attempts))
        } else {
            None
        };
        Ok(ContestView {
            window: contest.window(self.cx.today()),
            contest,
            mine,
            may_take: me.is_some(),
            bank,
            may_edit,
            locked,
            results,
        })
    }

    /// Starts the actor's attempt: draws the questions in a random order.
    #[tracing::instrument(name = "contests.start_attempt", skip_all, fields(actor = %actor.name))]
    pub async fn start_attempt(
        &self,
        actor: &Actor,
        unit: UnitId,
        id: ContestId,
    ) -> CoreResult<()> {
        let w = self.cx.write(Access::Own(actor, unit)).await?;
        let now = w.now();
        let person = person_of_account(w.tx(), actor)
            .await?
            .ok_or(CoreError::invalid("person", ErrorCode::NotFound))?;
        let c = store::get(w.tx(), unit, id).await?;
        match c.window(local_date(now)) {
            Window::NotOpen => return Err(CoreError::invalid("contest", ErrorCode::NotStarted)),
            Window::Closed => return Err(CoreError::invalid("contest", ErrorCode::Expired)),
            Window::Open => {}
        }
        if store::attempt_of(w.tx(), unit, id, person).await?.is_some() {
            return Err(CoreError::invalid("contest", ErrorCode::AlreadyRecorded));
        }
        let bank = store::questions(w.tx(), unit, id).await?;
        if bank.is_empty() {
            return Err(CoreError::invalid("contest", ErrorCode::WrongState));
        }
        let mut drawn: Vec<_> = bank.iter().map(|q| q.id).collect();
        drawn.shuffle(&mut rand::thread_rng());
        drawn.truncate(c.drawn() as usize);
        store::start(w.tx(), unit, id, person, &drawn, now).await?;
        let changes = vec![Change {
            field: "attempt_started".into(),
            before: None,
            after: Some(person.to_string()),
        }];
        w.commit(entry(
            actor,
            Some(unit),
            AuditAction::Update,
            Some((TargetKind::Contest, id.to_string())),
            c.title,
            changes,
        ))
        .await
    }

    /// The actor's attempt with its questions in the order drawn.
    #[tracing::instrument(name = "contests.paper", skip_all, fields(actor = %actor.name))]
    pub async fn paper(&self, actor: &Actor, unit: UnitId, id: ContestId) -> CoreResult<Paper> {
        self.cx.check_readable(actor, unit).await?;
        let person = self
            .people
            .of_account(actor)
            .await?
            .ok_or(CoreError::NotFound)?;
        paper_of(self.cx.db(), unit, id, person, self.cx.today()).await
    }

    /// Opens the write of the actor's own paper, still open, with answers
    /// that fit its questions: what keeping and handing in both need.
    async fn open_paper(
        &self,
        actor: &Actor,
        unit: UnitId,
        id: ContestId,
        answers: &Answers,
    ) -> CoreResult<(Write, PersonId, Paper)> {
        let w = self.cx.write(Access::Own(actor, unit)).await?;
        let now = w.now();
        let person = person_of_account(w.tx(), actor)
            .await?
            .ok_or(CoreError::NotFound)?;
        let paper = paper_of(w.tx(), unit, id, person, local_date(now)).await?;
        if paper.attempt.submitted_at.is_some() {
            return Err(CoreError::invalid("contest", ErrorCode::AlreadyRecorded));
        }
        if !paper.attempt.accepts(paper.contest.minutes, now) {
            return Err(CoreError::invalid("contest", ErrorCode::Expired));
        }
        check_answers(&paper.questions, answers)?;
        Ok((w, person, paper))
    }

    /// Keeps the answers the actor has ticked so far, so that leaving or
    /// reloading the paper loses none while the clock runs; nothing is
    /// scored. Refused once handed in or past the time allowed.
    #[tracing::instrument(name = "contests.keep_answers", skip_all, fields(actor = %actor.name))]
    pub async fn keep_answers(
        &self,
        actor: &Actor,
        unit: UnitId,
        id: ContestId,
        answers: Answers,
    ) -> CoreResult<()> {
        let (w, person, paper) = self.open_paper(actor, unit, id, &answers).await?;
        store::keep_answers(w.tx(), unit, id, person, &answers).await?;
        let ticked = answers.iter().filter(|a| !a.is_empty()).count();
        w.commit(entry(
            actor,
            Some(unit),
            AuditAction::Update,
            Some((TargetKind::Contest, id.to_string())),
            format!("{}: lưu tạm bài làm", paper.contest.title),
            vec![Change {
                field: "answered".into(),
                before: None,
                after: Some(format!("{ticked}/{}", paper.attempt.total)),
            }],
        ))
        .await
    }

    /// Hands in the actor's answers: scored at once. Too late (past the time
    /// allowed and its grace) or a second time is refused.
    #[tracing::instrument(name = "contests.submit_attempt", skip_all, fields(actor = %actor.name))]
    pub async fn submit_attempt(
        &self,
        actor: &Actor,
        unit: UnitId,
        id: ContestId,
        answers: Answers,
    ) -> CoreResult<(u32, u32)> {
        let (w, person, paper) = self.open_paper(actor, unit, id, &answers).await?;
        let now = w.now();
        let keys: Vec<&[usize]> = paper.questions.iter().map(|q| q.key.as_slice()).collect();
        let score = contest::score(&keys, &answers);
        store::submit(w.tx(), unit, id, person, &answers, score, now).await?;
        let changes = vec![Change {
            field: "attempt_score".into(),
            before: None,
            after: Some(format!("{score}/{}", paper.attempt.total)),
        }];
        w.commit(entry(
            actor,
            Some(unit),
            AuditAction::Update,
            Some((TargetKind::Contest, id.to_string())),
            paper.contest.title,
            changes,
        ))
        .await?;
        Ok((score, paper.attempt.total))
    }

    /// The results of a contest as a spreadsheet: a sheet of people, one of
    /// classes and one of departments.
    #[tracing::instrument(name = "contests.export_results", skip_all, fields(actor = %actor.name))]
    pub async fn export_results(
        &self,
        actor: &Actor,
        unit: UnitId,
        id: ContestId,
    ) -> CoreResult<ExportFile> {
        let view = self.view(actor, unit, id).await?;
        let results = view.results.ok_or(CoreError::Forbidden)?;
        let u = self.cx.cached_unit(unit).await?;
        let title = |what: &str| {
            vec![
                u.name.to_uppercase(),
                format!("{what}: {}", view.contest.title.to_uppercase()),
            ]
        };
        let people = TableSheet {
            name: "Kết quả".into(),
            title: title("KẾT QUẢ"),
            headers: [
                "STT",
                "Họ và tên",
                "Mã",
                "Lớp, phòng",
                "Số câu đúng",
                "Số câu",
                "Điểm (thang 10)",
                "Nộp bài lúc",
                "Số phút",
            ]
            .map(str::to_owned)
            .to_vec(),
            widths: vec![6.0, 28.0, 14.0, 24.0, 12.0, 9.0, 14.0, 18.0, 9.0],
            rows: results
                .lines
                .iter()
                .zip(1u32..)
                .map(|(l, n)| {
                    vec![
                        Value::Number(f64::from(n)),
                        l.name.clone().into(),
                        l.code.clone().into(),
                        l.group.clone().into(),
                        l.score
                            .map_or(Value::Empty, |s| Value::Number(f64::from(s))),
                        Value::Number(f64::from(l.total)),
                        l.score
                            .map_or_else(|| "Chưa nộp".to_owned(), |s| contest::mark(s, l.total))
                            .into(),
                        l.submitted_at
                            .map(antt_domain::time::format_instant)
                            .unwrap_or_default()
                            .into(),
                        l.minutes
                            .and_then(|m| i32::try_from(m).ok())
                            .map_or(Value::Empty, |m| Value::Number(f64::from(m))),
                    ]
                })
                .collect(),
        };
        let groups = |name: &str, header: &str, list: &[GroupResult]| TableSheet {
            name: name.into(),
            title: title(&format!("KẾT QUẢ THEO {}", header.to_uppercase())),
            headers: ["STT", header, "Đã dự thi", "Tổng số", "Điểm trung bình"]
                .map(str::to_owned)
                .to_vec(),
            widths: vec![6.0, 30.0, 12.0, 12.0, 16.0],
            rows: list
                .iter()
                .zip(1u32..)
                .map(|(g, n)| {
                    vec![
                        Value::Number(f64::from(n)),
                        g.name.clone().into(),
                        Value::Number(f64::from(g.share.reached)),
                        Value::Number(f64::from(g.share.total)),
                        g.average.clone().into(),
                    ]
                })
                .collect(),
        };
        let sheets = vec![
            people,
            groups("Theo lớp", "Lớp", &results.by_class),
            groups("Theo phòng, khoa", "Phòng, khoa", &results.by_department),
        ];
        self.exports
            .sheets(
                actor,
                unit,
                Some((TargetKind::Contest, id.to_string())),
                format!("ket-qua-thi-{}.xlsx", view.contest.year),
                sheets,
            )
            .await
    }

    /// The sheet to fill in with questions: the headers antt reads and
    /// three examples, one of them with several right answers.
    pub fn question_template(&self) -> CoreResult<ExportFile> {
        let examples = [0usize, 2, 3].map(|i| demo::QUESTIONS[i]);
        let sheet = TableSheet {
            name: "Câu hỏi".into(),
            title: vec![
                "NGÂN HÀNG CÂU HỎI THI TÌM HIỂU PHÁP LUẬT".into(),
                "Mỗi dòng một câu. Loại: \"Một đáp án\" hoặc \"Nhiều đáp án\" (để trống thì tự nhận theo cột Đáp án). Đáp án ghi chữ cái: B hoặc A, C. Có thể thêm cột E, F.".into(),
            ],
            headers: contest::QuestionColumn::TEMPLATE.map(str::to_owned).to_vec(),
            widths: vec![6.0, 50.0, 14.0, 24.0, 24.0, 24.0, 24.0, 10.0],
            rows: examples
                .iter()
                .zip(1u32..)
                .map(|((text, choices, key), n)| {
                    let mut row = vec![
                        Value::Number(f64::from(n)),
                        (*text).to_owned().into(),
                        if key.contains(',') { "Nhiều đáp án" } else { "Một đáp án" }
                            .to_owned()
                            .into(),
                    ];
                    for i in 0..4 {
                        row.push(choices.get(i).map(|c| (*c).to_owned()).into());
                    }
                    row.push((*key).to_owned().into());
                    row
                })
                .collect(),
        };
        let bytes = antt_docgen::xlsx(&[sheet]).map_err(CoreError::internal)?;
        Ok(ExportFile {
            file_name: "mau-cau-hoi-thi.xlsx".into(),
            content_type: crate::export::ExportFormat::Xlsx.content_type(),
            bytes,
        })
    }
}
