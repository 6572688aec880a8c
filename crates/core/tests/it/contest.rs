//! The law contest: a bank imported whole or not at all, one attempt per
//! person within the window and the time allowed, results by class; on
//! every database.

use chrono::Duration;

use antt_core::CoreError;
use antt_core::contest::BankImport;
use antt_docgen::{TableSheet, Value};
use antt_domain::ErrorCode;
use antt_domain::contest::{BankRefusal, ContestInput, Window};
use antt_domain::time::local_date;

use super::{actor, demos, unit_id};

fn sheet(rows: &[[&str; 7]]) -> Vec<u8> {
    let sheet = TableSheet {
        name: "Câu hỏi".into(),
        title: vec!["CÂU HỎI".into()],
        headers: ["STT", "Câu hỏi", "A", "B", "C", "D", "Đáp án"]
            .map(str::to_owned)
            .to_vec(),
        widths: Vec::new(),
        rows: rows
            .iter()
            .map(|r| r.iter().map(|c| Value::from(*c)).collect())
            .collect(),
    };
    antt_docgen::xlsx(&[sheet]).unwrap()
}

#[tokio::test]
async fn a_bank_with_a_wrong_key_is_refused_whole_and_a_good_one_replaces_it() {
    for d in demos().await {
        let office = actor(&d.antt, "vanphong").await;
        let cdlc = unit_id(&d.antt, "CDLC").await;
        let today = local_date(d.antt.now());
        let id = d
            .antt
            .contests()
            .create(&office, cdlc, 2027, ContestInput::default_for(2027, today))
            .await
            .unwrap();
        let bad = sheet(&[
            ["1", "Câu một", "x", "y", "", "", "A"],
            ["2", "Câu hai", "x", "y", "z", "", "E"],
        ]);
        let r = d
            .antt
            .contests()
            .import_questions(&office, cdlc, id, "cau-hoi.xlsx", bad)
            .await
            .unwrap();
        let BankImport::Refused(BankRefusal::Rows(problems)) = r else {
            panic!("refused: {r:?}");
        };
        assert_eq!(problems.len(), 1);
        // Title, a blank row, the header, then the questions: the second is row 5.
        assert_eq!((problems[0].row, problems[0].field), (5, "answer"));
        let v = d.antt.contests().view(&office, cdlc, id).await.unwrap();
        assert!(v.bank.is_empty(), "nothing of a refused file is kept");

        let good = sheet(&[
            ["1", "Câu một", "x", "y", "", "", "A"],
            ["2", "Câu hai", "x", "y", "z", "", "B, C"],
        ]);
        let r = d
            .antt
            .contests()
            .import_questions(&office, cdlc, id, "cau-hoi.xlsx", good)
            .await
            .unwrap();
        assert_eq!(r, BankImport::Imported(2));
        let v = d.antt.contests().view(&office, cdlc, id).await.unwrap();
        assert_eq!(v.bank.len(), 2);
        assert_eq!(v.bank[1].key, [1, 2]);

        // Not a spreadsheet at all.
        let r = d
            .antt
            .contests()
            .import_questions(&office, cdlc, id, "a.xlsx", b"PK\x03\x04 broken".to_vec())
            .await;
        assert!(
            matches!(r, Err(CoreError::Invalid(e)) if e.for_field("file") == Some(ErrorCode::UnreadableFile))
        );

        // A student may neither set up a contest nor import.
        let student = actor(&d.antt, "sinhvien").await;
        let r = d
            .antt
            .contests()
            .create(&student, cdlc, 2027, ContestInput::default_for(2027, today))
            .await;
        assert!(matches!(r, Err(CoreError::Forbidden)));
    }
}

#[tokio::test]
async fn a_student_takes_the_contest_once_within_the_time_allowed() {
    for d in demos().await {
        let office = actor(&d.antt, "vanphong").await;
        let student = actor(&d.antt, "sinhvien").await;
        let cdlc = unit_id(&d.antt, "CDLC").await;
        let list = d.antt.contests().list(&student, cdlc, 2026).await.unwrap();
        assert_eq!(list.len(), 1);
        assert_eq!(list[0].window, Window::Open);
        assert!(list[0].mine.is_none());
        let id = list[0].contest.id;
        let before = d.antt.contests().view(&office, cdlc, id).await.unwrap();
        let results = before.results.unwrap();
        assert!(results.participation.students.reached > 0);
        assert!(!results.participation.students.complete());
        assert!(!results.average.is_empty());
        let taken = results.participation.students.reached;
        assert!(before.locked, "the demo's contest has attempts");
        let r = d
            .antt
            .contests()
            .import_questions(
                &office,
                cdlc,
                id,
                "q.xlsx",
                sheet(&[["1", "Câu", "x", "y", "", "", "A"]]),
            )
            .await;
        assert!(
            matches!(r, Err(CoreError::Invalid(e)) if e.for_field("file") == Some(ErrorCode::WrongState)),
            "the bank is fixed once someone started"
        );

        d.antt
            .contests()
            .start_attempt(&student, cdlc, id)
            .await
            .unwrap();
        let again = d.antt.contests().start_attempt(&student, cdlc, id).await;
        assert!(
            matches!(again, Err(CoreError::Invalid(e)) if e.for_field("contest") == Some(ErrorCode::AlreadyRecorded))
        );
        let paper = d.antt.contests().paper(&student, cdlc, id).await.unwrap();
        assert_eq!(paper.questions.len(), 10);
        assert!(!paper.reveal);
        // An answer with a choice that does not exist changes nothing.
        let mut wrong: Vec<Vec<usize>> = paper.questions.iter().map(|_| vec![9]).collect();
        let r = d
            .antt
            .contests()
            .submit_attempt(&student, cdlc, id, wrong.clone())
            .await;
        assert!(matches!(r, Err(CoreError::Invalid(_))));
        // Every key but the first question's, kept as they are ticked:
        // the paper shows them again, nothing is scored yet.
        let mut answers: Vec<Vec<usize>> = paper.questions.iter().map(|q| q.key.clone()).collect();
        answers[0] = Vec::new();
        d.antt
            .contests()
            .keep_answers(&student, cdlc, id, answers.clone())
            .await
            .unwrap();
        let kept = d.antt.contests().paper(&student, cdlc, id).await.unwrap();
        assert_eq!(kept.attempt.answers.as_ref(), Some(&answers));
        assert_eq!(kept.attempt.score, None);
        assert!(matches!(
            d.antt
                .contests()
                .keep_answers(&student, cdlc, id, wrong.clone())
                .await,
            Err(CoreError::Invalid(_))
        ));
        let (score, total) = d
            .antt
            .contests()
            .submit_attempt(&student, cdlc, id, answers.clone())
            .await
            .unwrap();
        assert_eq!((score, total), (9, 10));
        let twice = d
            .antt
            .contests()
            .submit_attempt(&student, cdlc, id, answers)
            .await;
        assert!(
            matches!(twice, Err(CoreError::Invalid(e)) if e.for_field("contest") == Some(ErrorCode::AlreadyRecorded))
        );
        let late = d
            .antt
            .contests()
            .keep_answers(&student, cdlc, id, vec![Vec::new(); 10])
            .await;
        assert!(
            matches!(late, Err(CoreError::Invalid(e)) if e.for_field("contest") == Some(ErrorCode::AlreadyRecorded)),
            "handed in: nothing changes the answers"
        );
        let after = d.antt.contests().view(&office, cdlc, id).await.unwrap();
        let results = after.results.unwrap();
        assert_eq!(results.participation.students.reached, taken + 1);
        assert!(
            results
                .lines
                .iter()
                .any(|l| l.code == "SV1700001" && l.score == Some(9))
        );
        // A student sees no one else's results.
        let mine = d.antt.contests().view(&student, cdlc, id).await.unwrap();
        assert!(mine.results.is_none() && mine.bank.is_empty());

        // Someone who starts and goes past the time allowed is refused.
        let other = actor(&d.antt, "gvcn").await;
        d.antt
            .contests()
            .start_attempt(&other, cdlc, id)
            .await
            .unwrap();
        d.clock.advance(Duration::minutes(23));
        wrong = d
            .antt
            .contests()
            .paper(&other, cdlc, id)
            .await
            .unwrap()
            .questions
            .iter()
            .map(|_| Vec::new())
            .collect();
        let late = d
            .antt
            .contests()
            .submit_attempt(&other, cdlc, id, wrong)
            .await;
        assert!(
            matches!(late, Err(CoreError::Invalid(e)) if e.for_field("contest") == Some(ErrorCode::Expired))
        );

        // After the window: no new attempt, and the answers are revealed.
        d.clock.advance(Duration::days(10));
        let office2 = actor(&d.antt, "bgh").await;
        let closed = d.antt.contests().start_attempt(&office2, cdlc, id).await;
        assert!(
            matches!(closed, Err(CoreError::Invalid(e)) if e.for_field("contest") == Some(ErrorCode::Expired))
        );
        assert!(
            d.antt
                .contests()
                .paper(&student, cdlc, id)
                .await
                .unwrap()
                .reveal
        );

        let file = d
            .antt
            .contests()
            .export_results(&office, cdlc, id)
            .await
            .unwrap();
        assert_eq!(file.file_name, "ket-qua-thi-2026.xlsx");
        let sheets = antt_docgen::read_workbook(&file.file_name, &file.bytes).unwrap();
        assert_eq!(sheets.len(), 3);
        assert!(
            sheets[0]
                .rows
                .iter()
                .any(|r| r.iter().any(|c| c.text() == "SV1700001"))
        );
    }
}
