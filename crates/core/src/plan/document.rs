//! A plan as a Word document in the layout of Decree 30/2020/NĐ-CP: its
//! text as written, and in each section its tasks grouped by the department
//! in charge, as numbered clauses after the section's own.

use antt_docgen::{Block, IssueDate, OfficialDocument, Signer};
use antt_domain::plan::{Line, Plan, PlanTask, Recurrence, lines, roman};
use antt_domain::time::format_date;

/// The heading of tasks given to every department rather than one.
const ALL_DEPARTMENTS: &str = "Các phòng, khoa, trung tâm";

fn when(task: &PlanTask) -> Option<String> {
    match (task.due_on, task.recurrence) {
        (Some(day), _) => Some(format!("thời hạn: {}", format_date(day))),
        (None, Some(Recurrence::Monthly)) => Some("thực hiện hằng tháng".into()),
        (None, Some(Recurrence::Quarterly)) => Some("thực hiện hằng quý".into()),
        (None, Some(Recurrence::BeforeHolidays)) => Some("thực hiện trước các dịp lễ, Tết".into()),
        (None, None) => None,
    }
}

/// The number of the last top-level clause of a text ("2. Yêu cầu" → 2).
fn last_clause(text: &str) -> usize {
    lines(text)
        .iter()
        .filter_map(|line| match line {
            Line::Clause(c) => c.split('.').next()?.trim().parse::<usize>().ok(),
            Line::Paragraph(_) => None,
        })
        .max()
        .unwrap_or(0)
}

/// The document of `plan`; `department_name` names a task's department.
pub(crate) fn document(
    plan: &Plan,
    tasks: &[PlanTask],
    department_name: impl Fn(&PlanTask) -> Option<String>,
) -> OfficialDocument {
    let c = &plan.content;
    let mut body = Vec::new();
    if !c.preamble.is_empty() {
        body.extend(c.preamble.lines().map(|l| Block::Paragraph(l.to_owned())));
    }
    for (i, section) in c.sections.iter().enumerate() {
        body.push(Block::Section(format!(
            "{}. {}",
            roman(i + 1),
            section.title
        )));
        body.extend(lines(&section.text).into_iter().map(|line| match line {
            Line::Clause(text) => Block::Clause(text.to_owned()),
            Line::Paragraph(text) => Block::Paragraph(text.to_owned()),
        }));
        // Tasks of this section, grouped by department in the order they
        // first appear.
        let mine: Vec<&PlanTask> = tasks
            .iter()
            .filter(|t| usize::from(t.section) == i + 1)
            .collect();
        let mut groups: Vec<(Option<String>, Vec<&PlanTask>)> = Vec::new();
        for task in mine {
            let name = department_name(task);
            match groups.iter_mut().find(|(n, _)| *n == name) {
                Some((_, list)) => list.push(task),
                None => groups.push((name, vec![task])),
            }
        }
        // "Các phòng, khoa, trung tâm" comes after the named departments.
        groups.sort_by_key(|(name, _)| name.is_none());
        let first = last_clause(&section.text);
        for (n, (name, list)) in groups.into_iter().enumerate() {
            let name = name.unwrap_or_else(|| ALL_DEPARTMENTS.to_owned());
            body.push(Block::Clause(format!("{}. {name}", first + n + 1)));
            for task in list {
                let text = match when(task) {
                    Some(when) => format!("{} ({when}).", task.title.trim_end_matches('.')),
                    None => task.title.clone(),
                };
                body.push(Block::Paragraph(text));
            }
        }
    }
    if !c.closing.is_empty() {
        body.extend(c.closing.lines().map(|l| Block::Paragraph(l.to_owned())));
    }
    OfficialDocument {
        parent_body: c.parent_body.clone(),
        issuing_body: c.issuing_body.clone(),
        number: c.number,
        symbol: c.symbol.clone(),
        place: c.place.clone(),
        date: c.signed_on.map_or(
            IssueDate {
                day: None,
                month: None,
                year: plan.year - 1,
            },
            IssueDate::from,
        ),
        kind: "Kế hoạch".into(),
        subject: c.title.clone(),
        addressees: Vec::new(),
        bases: c.bases.clone(),
        body,
        recipients: c.recipients.clone(),
        signer: Signer {
            witness: None,
            authority: c.signer.authority.clone(),
            title: c.signer.title.clone(),
            name: c.signer.name.clone(),
        },
    }
}
