//! The commitment campaign: signed once in the app, recorded from paper by
//! class, progress counted; on every database.

use antt_core::CoreError;
use antt_domain::ErrorCode;
use antt_domain::commitment::CommitmentInput;

use super::{actor, demos, unit_id};

#[tokio::test]
async fn people_sign_once_and_paper_is_recorded_by_class() {
    for d in demos().await {
        let office = actor(&d.antt, "vanphong").await;
        let student = actor(&d.antt, "sinhvien").await;
        let cdlc = unit_id(&d.antt, "CDLC").await;
        let v = d
            .antt
            .commitments()
            .view(&office, cdlc, 2026)
            .await
            .unwrap()
            .unwrap();
        assert!(v.progress.staff.complete());
        assert!(!v.progress.students.complete());
        let before = v.progress.students.reached;

        // The student signs in the app, once; they see their own state only.
        let mine = d
            .antt
            .commitments()
            .view(&student, cdlc, 2026)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(mine.signed_by_me, Some(false));
        assert!(mine.not_signed.is_empty(), "a student sees no lists");
        // The 2026 year closed on 15/11: its figure, as reported, stays.
        let late = d.antt.commitments().sign(&student, cdlc, 2026).await;
        assert!(
            matches!(late, Err(CoreError::Invalid(e)) if e.for_field("year") == Some(ErrorCode::YearClosed)),
            "a closed year takes no signature"
        );
        let v = d
            .antt
            .commitments()
            .view(&office, cdlc, 2026)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(
            v.progress.students.reached, before,
            "the 2026 figure is unchanged"
        );
        // This year's campaign: signed once.
        d.antt
            .commitments()
            .start(&office, cdlc, 2027, CommitmentInput::default_for(2027))
            .await
            .unwrap();
        d.antt
            .commitments()
            .sign(&student, cdlc, 2027)
            .await
            .unwrap();
        let again = d.antt.commitments().sign(&student, cdlc, 2027).await;
        assert!(
            matches!(again, Err(CoreError::Invalid(e)) if e.for_field("signature") == Some(ErrorCode::AlreadyRecorded))
        );
        let now = d
            .antt
            .commitments()
            .view(&office, cdlc, 2027)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(now.progress.students.reached, 1);

        // A teacher records a class's paper; the in-app signature stays even
        // when the teacher leaves it unticked.
        let teacher = actor(&d.antt, "gvcn").await;
        let class = v.progress.by_class[0].0.unwrap();
        let list = d
            .antt
            .sessions()
            .attendance_list(&office, cdlc, Some(class), None)
            .await
            .unwrap();
        let ids: Vec<_> = list.iter().map(|p| p.id).collect();
        let (added, _) = d
            .antt
            .commitments()
            .record_paper_signatures(&teacher, cdlc, 2027, &ids, &ids)
            .await
            .unwrap();
        assert!(added > 0);
        let (_, removed) = d
            .antt
            .commitments()
            .record_paper_signatures(&teacher, cdlc, 2027, &ids, &[])
            .await
            .unwrap();
        // The class had no paper signatures: everything added is removed again.
        assert_eq!(removed, added as u64);
        // Nor does the closed year take paper: its figure stays as reported.
        let late = d
            .antt
            .commitments()
            .record_paper_signatures(&teacher, cdlc, 2026, &ids, &ids)
            .await;
        assert!(
            matches!(late, Err(CoreError::Invalid(e)) if e.for_field("year") == Some(ErrorCode::YearClosed)),
            "a closed year takes no paper"
        );
        let guard = actor(&d.antt, "baove").await;
        assert!(matches!(
            d.antt
                .commitments()
                .record_paper_signatures(&guard, cdlc, 2027, &ids, &ids)
                .await,
            Err(CoreError::Forbidden)
        ));

        // A year's campaign starts once; the office of another school signs nothing here.
        let twice = d
            .antt
            .commitments()
            .start(&office, cdlc, 2027, CommitmentInput::default_for(2027))
            .await;
        assert!(
            matches!(twice, Err(CoreError::Invalid(e)) if e.for_field("year") == Some(ErrorCode::Duplicate))
        );
        let other = actor(&d.antt, "thcs.vanphong").await;
        assert!(matches!(
            d.antt.commitments().sign(&other, cdlc, 2027).await,
            Err(CoreError::NotFound)
        ));
    }
}
