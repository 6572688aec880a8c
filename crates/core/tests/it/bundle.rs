//! A school on its own copy sends its year to the province in a signed
//! bundle: made by one instance, imported into another (the province's
//! server) only when signed by the key registered for the unit, whole or
//! not at all; a changed byte, an older bundle, a foreign key refused; the
//! dossier reviewed there as a hosted unit's, and sent again after a return.

use std::sync::Arc;

use antt_core::assessment::workflow::Review;
use antt_core::clock::FixedClock;
use antt_core::password::Passwords;
use antt_core::{Actor, Antt, CoreError};
use antt_domain::ErrorCode;
use antt_domain::assessment::{AssessmentState, Dossier, Rating};
use antt_domain::role::Role;
use antt_domain::unit::NewUnit;
use antt_domain::user::NewUser;

use super::{actor, demos, unit_id};

const YEAR: i32 = 2026;

fn refused(e: CoreError, code: ErrorCode) {
    match e {
        CoreError::Invalid(v) => {
            assert!(v.iter().any(|x| x.code == code), "{v:?}, expected {code:?}");
        }
        other => panic!("{other:?}, expected {code:?}"),
    }
}

/// The province's server: a database of its own with the provincial
/// police, the college registered under it, and an officer.
async fn province_server(backend: &str) -> (antt_testkit::TestDb, Antt, Actor) {
    let t = if backend == "postgres" {
        antt_testkit::TestDb::postgres(&antt_testkit::postgres_url().unwrap()).await
    } else {
        antt_testkit::TestDb::sqlite()
    };
    let antt = Antt::open(&t.url, Arc::new(FixedClock::demo()), Passwords::Fast)
        .await
        .unwrap()
        .with_tip_key(antt_core::sealed::TipKey::generate());
    let cli = Actor::command_line();
    let police = antt
        .units()
        .create(
            &cli,
            NewUnit::parse(
                "province_police",
                "CATLC",
                "Công an tỉnh Lào Cai",
                None,
                None,
            )
            .unwrap(),
        )
        .await
        .unwrap();
    antt.units()
        .create(
            &cli,
            NewUnit::parse(
                "school",
                "CDLC",
                "Trường Cao đẳng Lào Cai",
                None,
                Some(police.id),
            )
            .unwrap(),
        )
        .await
        .unwrap();
    let user = NewUser {
        username: "canbo.pv05".into(),
        display_name: "Cán bộ PV05".into(),
        role: Role::ProvinceOfficer,
        department_id: None,
        campus_id: None,
        person_id: None,
    };
    antt.accounts()
        .create(&cli, police.id, user, "mat-khau-du-dai-2026")
        .await
        .unwrap();
    let officer = antt
        .auth()
        .login(
            "canbo.pv05",
            "mat-khau-du-dai-2026",
            antt_core::auth::Client::default(),
        )
        .await
        .map(|s| Actor::from_user(&s.user))
        .unwrap();
    (t, antt, officer)
}

#[tokio::test]
async fn a_year_made_on_the_schools_copy_is_reviewed_on_the_provinces_server() {
    for d in demos().await {
        // The school's own copy: the demo college sends its dossier.
        let office = actor(&d.antt, "vanphong").await;
        let cdlc = unit_id(&d.antt, "CDLC").await;
        let day = |m, dd| chrono::NaiveDate::from_ymd_opt(YEAR, m, dd).unwrap();
        d.antt
            .assessment()
            .submit_dossier(
                &office,
                cdlc,
                YEAR,
                Dossier {
                    request_number: "45/TTr-CĐLC".into(),
                    request_on: Some(day(11, 18)),
                    acknowledge_unconfirmed: true,
                    ..Dossier::default()
                },
            )
            .await
            .unwrap();
        let at_school = d
            .antt
            .assessment()
            .readiness(&office, cdlc, YEAR)
            .await
            .unwrap();
        let key = d.antt.bundles().public_key(&office).await.unwrap();
        assert!(key.key.starts_with("ed25519:"), "{}", key.key);
        let bundle = d.antt.bundles().export(&office, cdlc, YEAR).await.unwrap();
        assert_eq!(
            d.antt.bundles().public_key(&office).await.unwrap(),
            key,
            "the key is made once"
        );
        // Only the unit's office makes its bundle.
        let guard = actor(&d.antt, "baove").await;
        assert!(d.antt.bundles().export(&guard, cdlc, YEAR).await.is_err());

        let (_t, province, officer) = province_server(d.t.backend).await;
        let there = unit_id(&province, "CDLC").await;

        // Not before the unit's key is registered.
        let e = province
            .bundles()
            .import(&officer, &bundle.bytes)
            .await
            .unwrap_err();
        refused(e, ErrorCode::UnregisteredKey);
        // A key is registered as read back on the telephone, spaces and all.
        let spaced = key.key.replace("ed25519:", "ED25519: ");
        province
            .bundles()
            .register_key(&officer, there, Some(&spaced))
            .await
            .unwrap();
        let e = province
            .bundles()
            .register_key(&officer, there, Some("ed25519:1234"))
            .await
            .unwrap_err();
        assert!(matches!(e, CoreError::Invalid(_)));

        // A byte changed anywhere: refused, nothing written.
        for at in [10, bundle.bytes.len() / 2, bundle.bytes.len() - 5] {
            let mut changed = bundle.bytes.clone();
            changed[at] ^= 0x20;
            let e = province
                .bundles()
                .import(&officer, &changed)
                .await
                .unwrap_err();
            assert!(matches!(e, CoreError::Invalid(_)), "byte {at}: {e:?}");
        }
        assert!(
            province
                .assessment()
                .readiness(&officer, there, YEAR)
                .await
                .unwrap()
                .assessment
                .is_none()
        );

        let outcome = province
            .bundles()
            .import(&officer, &bundle.bytes)
            .await
            .unwrap();
        assert_eq!(outcome.state, Some(AssessmentState::Submitted));
        assert!(!outcome.replaced);
        assert!(outcome.papers >= 3, "{outcome:?}");

        // The dossier on the province's server, as on the school's.
        let r = province
            .assessment()
            .readiness(&officer, there, YEAR)
            .await
            .unwrap();
        assert_eq!(r.standard.verdict, at_school.standard.verdict);
        assert_eq!(r.facts.briefed_students, at_school.facts.briefed_students);
        assert_eq!(r.facts.warnings, at_school.facts.warnings);
        assert_eq!(r.sheet.total, at_school.sheet.total);
        assert_eq!(r.steps, at_school.steps);
        assert_eq!(r.force_rating, at_school.force_rating);
        // The Tờ trình as it was sent, byte for byte.
        let sent = d
            .antt
            .assessment()
            .recognition_request(&office, cdlc, YEAR)
            .await
            .unwrap();
        let here = province
            .assessment()
            .recognition_request(&officer, there, YEAR)
            .await
            .unwrap();
        assert_eq!(here.bytes, sent.bytes);
        assert!(
            province
                .assessment()
                .submitted_report(&officer, there, YEAR)
                .await
                .is_ok()
        );

        // The unit's records are read-only here.
        let e = province
            .assessment()
            .set_rating(
                &Actor::command_line(),
                there,
                YEAR,
                None,
                Some(Rating::Excellent),
            )
            .await
            .unwrap_err();
        refused(e, ErrorCode::OwnCopy);
        // The same bundle again, or an older one: refused.
        let e = province
            .bundles()
            .import(&officer, &bundle.bytes)
            .await
            .unwrap_err();
        refused(e, ErrorCode::Outdated);

        // The police return the dossier; the school mends it and sends a
        // newer bundle from its copy, where the dossier never left
        // "submitted": it is submitted again here.
        province
            .assessment()
            .review_dossier(
                &officer,
                there,
                YEAR,
                Review::Return("Bổ sung biên bản họp có chữ ký thư ký".into()),
            )
            .await
            .unwrap();
        d.clock.advance(chrono::Duration::hours(2));
        let newer = d.antt.bundles().export(&office, cdlc, YEAR).await.unwrap();
        let outcome = province
            .bundles()
            .import(&officer, &newer.bytes)
            .await
            .unwrap();
        assert!(outcome.replaced);
        assert_eq!(outcome.state, Some(AssessmentState::Submitted));
        let r = province
            .assessment()
            .readiness(&officer, there, YEAR)
            .await
            .unwrap();
        let states: Vec<_> = r.steps.iter().map(|s| s.state).collect();
        assert_eq!(
            &states[states.len() - 2..],
            &[AssessmentState::Returned, AssessmentState::Submitted],
            "{states:?}"
        );
        assert_eq!(
            r.steps
                .iter()
                .filter(|s| s.state == AssessmentState::Returned)
                .count(),
            1,
            "the authority's step is kept once"
        );
        province
            .assessment()
            .review_dossier(&officer, there, YEAR, Review::Accept)
            .await
            .unwrap();

        // A bundle signed by another key than the one registered.
        province
            .bundles()
            .register_key(
                &officer,
                there,
                Some(&format!("ed25519:{}", "ab".repeat(32))),
            )
            .await
            .unwrap();
        d.clock.advance(chrono::Duration::hours(1));
        let third = d.antt.bundles().export(&office, cdlc, YEAR).await.unwrap();
        let e = province
            .bundles()
            .import(&officer, &third.bytes)
            .await
            .unwrap_err();
        refused(e, ErrorCode::UnregisteredKey);

        // The province counts the unit with the rest.
        let s = province
            .province()
            .standing(&officer, None, YEAR)
            .await
            .unwrap();
        assert_eq!(s.counted, 1);
        let imported = province.bundles().imported(&officer, there).await.unwrap();
        assert_eq!(imported.len(), 1);
        assert_eq!(imported[0].content.unit.code, "CDLC");
    }
}

#[tokio::test]
async fn the_demo_province_holds_a_school_on_its_own_copy() {
    for d in demos().await {
        let officer = actor(&d.antt, "congan.tinh").await;
        let school = unit_id(&d.antt, "DV0009").await;
        let o = d.antt.bundles().overview(&officer, None).await.unwrap();
        assert_eq!(o.own.len(), 1, "{}", d.t.backend);
        let (unit, bundles) = &o.own[0];
        assert_eq!(unit.id, school);
        assert_eq!(unit.name, "Trường THPT số 1 Cam Đường");
        assert_eq!(bundles.len(), 1);
        assert_eq!(bundles[0].year, YEAR);
        // Its dossier waits for the police's review, judged from the bundle.
        let r = d
            .antt
            .assessment()
            .readiness(&officer, school, YEAR)
            .await
            .unwrap();
        assert_eq!(
            r.assessment.as_ref().map(|a| a.state),
            Some(AssessmentState::Submitted)
        );
        assert!(r.standard.verdict.holds(), "{:?}", r.standard.verdict);
        assert_eq!(
            r.facts.effective_models.len() + r.facts.active_models.len(),
            1
        );
        let request = d
            .antt
            .assessment()
            .recognition_request(&officer, school, YEAR)
            .await
            .unwrap();
        let xml = super::document_xml(&request.bytes);
        assert!(
            xml.contains("TRƯỜNG THPT SỐ 1 CAM ĐƯỜNG")
                || xml.contains("Trường THPT số 1 Cam Đường"),
            "{xml:.400}"
        );
        // Its earlier years are the province's records.
        assert!(
            d.antt
                .assessment()
                .readiness(&officer, school, YEAR - 1)
                .await
                .unwrap()
                .assessment
                .is_some()
        );
        province_review(&d.antt, &officer, school).await;
    }
}

/// The police accept the school's dossier as a hosted unit's.
async fn province_review(antt: &Antt, officer: &Actor, school: antt_domain::UnitId) {
    antt.assessment()
        .review_dossier(officer, school, YEAR, Review::Accept)
        .await
        .unwrap();
    let r = antt
        .assessment()
        .readiness(officer, school, YEAR)
        .await
        .unwrap();
    assert_eq!(
        r.assessment.map(|a| a.state),
        Some(AssessmentState::Accepted)
    );
}
