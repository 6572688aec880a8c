//! The store suite: every test runs on SQLite, and on PostgreSQL when
//! `ANTT_TEST_DATABASE_URL` is set (CI always sets it).

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests may stop at the first surprise

use chrono::{DateTime, Utc};

use antt_domain::audit::{AuditAction, AuditEntry, TargetKind};
use antt_domain::org::{CampusInput, ClassInput, DepartmentInput, DepartmentKind};
use antt_domain::page::PageRequest;
use antt_domain::person::{PersonFilter, PersonInput, PersonKind, PersonStatus};
use antt_domain::role::Role;
use antt_domain::unit::NewUnit;
use antt_domain::user::NewUser;
use antt_domain::{ClassId, DepartmentId, UnitId};
use antt_store::unit::UnitFilter;
use antt_store::{Db, StoreError, audit, org, person, stats, unit, user};

fn now() -> DateTime<Utc> {
    DateTime::from_timestamp(1_795_222_800, 0).unwrap()
}

/// A fresh migrated database on every backend.
async fn each_db() -> Vec<(antt_testkit::TestDb, Db)> {
    let mut all = Vec::new();
    for t in antt_testkit::databases().await {
        let db = Db::connect(&t.url)
            .await
            .unwrap_or_else(|e| panic!("{}: {e}", t.backend));
        db.migrate().await.unwrap();
        all.push((t, db));
    }
    all
}

async fn a_unit(db: &Db, code: &str) -> UnitId {
    unit::insert(
        db,
        &NewUnit::parse("school", code, &format!("Trường {code}"), None, None).unwrap(),
        now(),
    )
    .await
    .unwrap()
    .id
}

fn student(code: &str, name: &str, class: ClassId) -> PersonInput {
    PersonInput {
        kind: PersonKind::Student,
        code: code.into(),
        full_name: name.into(),
        birth_date: None,
        gender: None,
        ethnicity: None,
        phone: None,
        email: None,
        department_id: None,
        class_id: Some(class),
        position: None,
        boarding: false,
        status: PersonStatus::Active,
    }
}

fn staff(code: &str, name: &str, department: Option<DepartmentId>) -> PersonInput {
    PersonInput {
        kind: PersonKind::Staff,
        class_id: None,
        department_id: department,
        ..student(code, name, ClassId::new_v7())
    }
}

#[tokio::test]
async fn migrations_apply_and_every_entity_reads() {
    for (t, db) in each_db().await {
        assert!(
            db.pending_migrations().await.unwrap().is_empty(),
            "{}",
            t.backend
        );
        assert_eq!(
            db.schema_problems().await.unwrap(),
            Vec::<String>::new(),
            "{}",
            t.backend
        );
        assert!(
            db.integrity_problems().await.unwrap().is_empty(),
            "{}",
            t.backend
        );
        db.migrate().await.unwrap(); // twice is harmless
        assert_eq!(audit::head(&db).await.unwrap().0, 0);
    }
}

#[tokio::test]
async fn units_search_and_the_authority_tree() {
    for (t, db) in each_db().await {
        let province = unit::insert(
            &db,
            &NewUnit::parse("province_police", "CAT", "Công an tỉnh Lào Cai", None, None).unwrap(),
            now(),
        )
        .await
        .unwrap();
        let ward = unit::insert(
            &db,
            &NewUnit::parse(
                "ward_police",
                "CAP",
                "Công an phường Cam Đường",
                None,
                Some(province.id),
            )
            .unwrap(),
            now(),
        )
        .await
        .unwrap();
        let school = unit::insert(
            &db,
            &NewUnit::parse(
                "school",
                "THCS",
                "Trường THCS Cam Đường",
                None,
                Some(ward.id),
            )
            .unwrap(),
            now(),
        )
        .await
        .unwrap();
        let other = a_unit(&db, "OTHER").await;
        let tree = unit::subtree(&db, province.id).await.unwrap();
        assert_eq!(tree.len(), 3, "{}", t.backend);
        assert!(tree.contains(&school.id) && !tree.contains(&other));
        let found = unit::list(
            &db,
            &UnitFilter {
                query: Some("cam duong".into()),
                ..UnitFilter::default()
            },
            PageRequest::default(),
        )
        .await
        .unwrap();
        assert_eq!(found.total, 2, "{}", t.backend);
        let within = unit::list(
            &db,
            &UnitFilter {
                within: Some(vec![school.id]),
                ..UnitFilter::default()
            },
            PageRequest::default(),
        )
        .await
        .unwrap();
        assert_eq!(
            within.items.iter().map(|u| u.id).collect::<Vec<_>>(),
            vec![school.id]
        );
        assert_eq!(
            unit::by_code(&db, "thcs").await.unwrap().map(|u| u.id),
            Some(school.id)
        );
        let dup = unit::insert(
            &db,
            &NewUnit::parse("school", "THCS", "Khác", None, None).unwrap(),
            now(),
        )
        .await
        .unwrap_err();
        assert!(dup.is_conflict_on("code"), "{}: {dup:?}", t.backend);
    }
}

#[tokio::test]
async fn rows_of_another_unit_are_not_found_and_cannot_be_linked() {
    for (t, db) in each_db().await {
        let a = a_unit(&db, "A").await;
        let b = a_unit(&db, "B").await;
        let campus_b =
            org::insert_campus(&db, b, &CampusInput::parse("Cơ sở B", None).unwrap(), now())
                .await
                .unwrap();
        let dept_b = org::insert_department(
            &db,
            b,
            &DepartmentInput {
                kind: DepartmentKind::Faculty,
                name: "Khoa B".into(),
            },
            now(),
        )
        .await
        .unwrap();
        let class_b = org::insert_class(
            &db,
            b,
            &ClassInput::parse("Lớp B", Some(dept_b.id), Some(campus_b.id), None).unwrap(),
            now(),
        )
        .await
        .unwrap();
        let person_b = person::insert(&db, b, &student("B1", "Nguyễn Văn B", class_b.id), now())
            .await
            .unwrap();

        assert!(
            matches!(
                org::get_campus(&db, a, campus_b.id).await,
                Err(StoreError::NotFound)
            ),
            "{}",
            t.backend
        );
        assert!(matches!(
            org::get_department(&db, a, dept_b.id).await,
            Err(StoreError::NotFound)
        ));
        assert!(matches!(
            org::get_class(&db, a, class_b.id).await,
            Err(StoreError::NotFound)
        ));
        assert!(matches!(
            person::get(&db, a, person_b.id).await,
            Err(StoreError::NotFound)
        ));
        assert!(matches!(
            person::update(&db, a, person_b.id, &student("X", "X", class_b.id), now()).await,
            Err(StoreError::NotFound)
        ));
        assert!(matches!(
            org::update_campus(&db, a, campus_b.id, &CampusInput::parse("x", None).unwrap()).await,
            Err(StoreError::NotFound)
        ));

        // The database itself refuses a person of A in a class of B, and a
        // class of A under a faculty of B.
        let linked = person::insert(&db, a, &student("A1", "Trần Thị A", class_b.id), now())
            .await
            .unwrap_err();
        assert!(
            matches!(linked, StoreError::ForeignKey(_)),
            "{}: {linked:?}",
            t.backend
        );
        let linked = org::insert_class(
            &db,
            a,
            &ClassInput::parse("Lớp A", Some(dept_b.id), None, None).unwrap(),
            now(),
        )
        .await
        .unwrap_err();
        assert!(
            matches!(linked, StoreError::ForeignKey(_)),
            "{}: {linked:?}",
            t.backend
        );
        assert!(
            person::list(&db, a, &PersonFilter::default(), PageRequest::default())
                .await
                .unwrap()
                .items
                .is_empty()
        );
    }
}

#[tokio::test]
async fn people_are_found_without_diacritics_in_name_order() {
    for (t, db) in each_db().await {
        let u = a_unit(&db, "CDLC").await;
        let faculty = org::insert_department(
            &db,
            u,
            &DepartmentInput {
                kind: DepartmentKind::Faculty,
                name: "Khoa CNTT".into(),
            },
            now(),
        )
        .await
        .unwrap();
        let office = org::insert_department(
            &db,
            u,
            &DepartmentInput {
                kind: DepartmentKind::Office,
                name: "Văn phòng".into(),
            },
            now(),
        )
        .await
        .unwrap();
        let class = org::insert_class(
            &db,
            u,
            &ClassInput::parse("CĐ CNTT K19A", Some(faculty.id), None, None).unwrap(),
            now(),
        )
        .await
        .unwrap();
        for (code, name) in [
            ("SV1", "Nguyễn Văn Bình"),
            ("SV2", "Trần Thị An"),
            ("SV3", "Nguyễn Thị Ánh"),
            ("SV4", "Đặng Văn Đức"),
        ] {
            person::insert(&db, u, &student(code, name, class.id), now())
                .await
                .unwrap();
        }
        person::insert(
            &db,
            u,
            &staff("CB1", "Nguyễn Hữu Cường", Some(office.id)),
            now(),
        )
        .await
        .unwrap();
        person::insert(
            &db,
            u,
            &staff("CB2", "Lê Văn Dũng", Some(faculty.id)),
            now(),
        )
        .await
        .unwrap();

        let find = |q: &str| PersonFilter {
            query: Some(q.into()),
            ..PersonFilter::default()
        };
        let names = |p: antt_domain::page::Page<antt_domain::person::Person>| {
            p.items.into_iter().map(|p| p.full_name).collect::<Vec<_>>()
        };
        let all = person::list(&db, u, &find("nguyen"), PageRequest::default())
            .await
            .unwrap();
        assert_eq!(all.total, 3, "{}", t.backend);
        // Vietnamese order: by given name (Ánh, Bình, Cường).
        assert_eq!(
            names(all),
            vec!["Nguyễn Thị Ánh", "Nguyễn Văn Bình", "Nguyễn Hữu Cường"],
            "{}",
            t.backend
        );
        assert_eq!(
            names(
                person::list(&db, u, &find("DANG duc"), PageRequest::default())
                    .await
                    .unwrap()
            ),
            vec!["Đặng Văn Đức"]
        );
        assert_eq!(
            names(
                person::list(&db, u, &find("sv2"), PageRequest::default())
                    .await
                    .unwrap()
            ),
            vec!["Trần Thị An"]
        );
        assert_eq!(
            person::list(&db, u, &find("nguyen zzz"), PageRequest::default())
                .await
                .unwrap()
                .total,
            0
        );

        // A faculty's people are its staff and the students of its classes.
        let by_faculty = PersonFilter {
            department_id: Some(faculty.id),
            ..PersonFilter::default()
        };
        assert_eq!(
            person::list(&db, u, &by_faculty, PageRequest::default())
                .await
                .unwrap()
                .total,
            5,
            "{}",
            t.backend
        );
        let staff_only = PersonFilter {
            kind: Some(PersonKind::Staff),
            ..PersonFilter::default()
        };
        assert_eq!(
            person::list(&db, u, &staff_only, PageRequest::default())
                .await
                .unwrap()
                .total,
            2
        );

        // Paging counts all matches even past the first page.
        let page2 = person::list(
            &db,
            u,
            &PersonFilter::default(),
            PageRequest::new(Some(2), Some(4)),
        )
        .await
        .unwrap();
        assert_eq!((page2.total, page2.items.len()), (6, 2), "{}", t.backend);

        let dup = person::insert(&db, u, &student("SV1", "Ai Đó", class.id), now())
            .await
            .unwrap_err();
        assert!(dup.is_conflict_on("code"), "{}: {dup:?}", t.backend);

        let counts = stats::people_counts(&db, u).await.unwrap();
        assert_eq!((counts.students, counts.staff, counts.left), (4, 2, 0));
        assert_eq!(
            stats::class_sizes(&db, u).await.unwrap(),
            vec![(class.id, 4)]
        );
    }
}

#[tokio::test]
async fn sessions_tokens_and_accounts() {
    for (t, db) in each_db().await {
        let u = a_unit(&db, "U").await;
        let new = NewUser::parse("vanphong", "Văn phòng", "unit_admin", None, None, None).unwrap();
        let created = user::insert(&db, u, &new, "$hash", now()).await.unwrap();
        assert_eq!(created.role, Role::UnitAdmin);
        let dup = user::insert(&db, u, &new, "$hash", now())
            .await
            .unwrap_err();
        assert!(dup.is_conflict_on("username"), "{}: {dup:?}", t.backend);
        let (found, hash) = user::credentials(&db, "vanphong").await.unwrap().unwrap();
        assert_eq!((found.id, hash.as_str()), (created.id, "$hash"));

        let later = now() + chrono::Duration::hours(8);
        user::insert_session(&db, created.id, "h1", "csrf", now(), later)
            .await
            .unwrap();
        let s = user::session_by_hash(&db, "h1").await.unwrap().unwrap();
        assert_eq!(
            (s.user.id, s.csrf_token.as_str(), s.expires_at),
            (created.id, "csrf", later),
            "{}",
            t.backend
        );
        assert!(user::session_by_hash(&db, "nope").await.unwrap().is_none());

        user::insert_token(&db, created.id, "t1", "api", now(), later)
            .await
            .unwrap();
        assert_eq!(
            user::token_user(&db, "t1", "api", now())
                .await
                .unwrap()
                .map(|(u, until)| (u.id, until)),
            Some((created.id, later))
        );
        assert!(
            user::token_user(&db, "t1", "api", later)
                .await
                .unwrap()
                .is_none(),
            "expired"
        );

        assert_eq!(
            user::delete_expired(&db, later + chrono::Duration::seconds(1))
                .await
                .unwrap(),
            1
        );
        assert!(user::session_by_hash(&db, "h1").await.unwrap().is_none());

        let other = a_unit(&db, "V").await;
        assert!(matches!(
            user::set_locked(&db, other, created.id, true).await,
            Err(StoreError::NotFound)
        ));
        user::set_locked(&db, u, created.id, true).await.unwrap();
        assert!(user::get(&db, Some(u), created.id).await.unwrap().locked);
    }
}

#[tokio::test]
async fn the_audit_head_moves_only_with_its_entry() {
    for (t, db) in each_db().await {
        let entry = |seq: i64| AuditEntry {
            seq,
            at: now(),
            actor_id: None,
            actor_name: "cli".into(),
            unit_id: None,
            action: AuditAction::Create,
            target_kind: Some(TargetKind::Unit),
            target_id: Some("x".into()),
            summary: "Trường".into(),
            changes: vec![],
            prev_hash: "p".into(),
            hash: format!("h{seq}"),
        };
        let tx = db.begin().await.unwrap();
        audit::append(&tx, &entry(1)).await.unwrap();
        tx.commit().await.unwrap();
        assert_eq!(
            audit::head(&db).await.unwrap(),
            (1, "h1".into()),
            "{}",
            t.backend
        );
        // A stale writer (head already at 1) is refused and leaves nothing.
        let tx = db.begin().await.unwrap();
        assert!(audit::append(&tx, &entry(1)).await.is_err());
        drop(tx);
        assert_eq!(audit::chain_after(&db, 0, 10).await.unwrap().len(), 1);
        // A transaction dropped without commit leaves no trace.
        let tx = db.begin().await.unwrap();
        audit::append(&tx, &entry(2)).await.unwrap();
        drop(tx);
        assert_eq!(audit::head(&db).await.unwrap().0, 1, "{}", t.backend);
        // Several entries in one transaction, one of them in a savepoint
        // kept and one in a savepoint undone: the row moves once, to the
        // last entry kept.
        let tx = db.begin().await.unwrap();
        audit::append(&tx, &entry(2)).await.unwrap();
        let kept = tx.savepoint().await.unwrap();
        audit::append(&kept, &entry(3)).await.unwrap();
        kept.commit().await.unwrap();
        let undone = tx.savepoint().await.unwrap();
        audit::append(&undone, &entry(4)).await.unwrap();
        drop(undone);
        audit::append(&tx, &entry(4)).await.unwrap();
        assert!(
            audit::append(&tx, &entry(4)).await.is_err(),
            "one entry a seq"
        );
        tx.commit().await.unwrap();
        assert_eq!(
            audit::head(&db).await.unwrap(),
            (4, "h4".into()),
            "{}",
            t.backend
        );
        assert_eq!(audit::chain_after(&db, 0, 10).await.unwrap().len(), 4);
        let listed = audit::list(
            &db,
            &audit::AuditFilter {
                target_kind: Some(TargetKind::Unit),
                ..Default::default()
            },
            PageRequest::default(),
        )
        .await
        .unwrap();
        assert_eq!(listed.total, 4);
    }
}

fn a_tip(n: usize) -> antt_domain::tip::TipInput {
    use antt_domain::tip::{TipCategory, TipChannel, TipInput};
    TipInput {
        channel: TipChannel::Portal,
        category: if n.is_multiple_of(2) {
            TipCategory::Drugs
        } else {
            TipCategory::Theft
        },
        urgent: false,
        anonymous: true,
        description: String::new(),
        place: None,
        campus_id: None,
        occurred_at: None,
        contact: None,
    }
}

#[tokio::test]
async fn tips_are_numbered_per_unit_found_by_receipt_and_counted() {
    use antt_domain::TipId;
    use antt_domain::tip::{Author, TipState};
    use antt_store::tip;
    for (t, db) in each_db().await {
        let b = t.backend;
        let (a, other) = (a_unit(&db, "A").await, a_unit(&db, "B").await);
        let mut ids = Vec::new();
        for (n, unit) in [(0, a), (1, a), (2, other)] {
            let id = TipId::new_v7();
            let input = a_tip(n);
            let number = tip::insert(
                &db,
                unit,
                tip::NewTip {
                    id,
                    header: input.header(),
                    sealed: tip::Sealed {
                        text: vec![1, 2, 3],
                        place: None,
                        contact: None,
                    },
                    received_at: now(),
                    due_at: now() + chrono::Duration::hours(24),
                    receipt_hash: Some(format!("hash-{n}")),
                    recorded_by: None,
                },
            )
            .await
            .unwrap();
            ids.push((id, number));
        }
        assert_eq!(
            ids.iter().map(|(_, n)| *n).collect::<Vec<_>>(),
            [1, 2, 1],
            "{b}: numbers per unit"
        );
        // A receipt hash is unique across the instance.
        let input = a_tip(3);
        let dup = tip::insert(
            &db,
            other,
            tip::NewTip {
                id: TipId::new_v7(),
                header: input.header(),
                sealed: tip::Sealed::default(),
                received_at: now(),
                due_at: now(),
                receipt_hash: Some("hash-0".into()),
                recorded_by: None,
            },
        )
        .await
        .unwrap_err();
        assert!(matches!(dup, StoreError::Conflict(_)), "{b}: {dup:?}");
        let (found, sealed) = tip::by_receipt(&db, "hash-1").await.unwrap().unwrap();
        assert_eq!(
            (found.id, found.unit_id, sealed.text),
            (ids[1].0, a, vec![1, 2, 3])
        );
        assert!(tip::by_receipt(&db, "nope").await.unwrap().is_none());
        assert!(
            matches!(
                tip::get(&db, other, ids[0].0).await,
                Err(StoreError::NotFound)
            ),
            "{b}"
        );

        // Messages: the reporter's marks the tip as waiting; notes stay out of the reporter's view.
        tip::add_message(&db, a, ids[0].0, now(), Author::Reporter, None, vec![9])
            .await
            .unwrap();
        tip::add_message(&db, a, ids[0].0, now(), Author::Note, None, vec![8])
            .await
            .unwrap();
        assert!(tip::get(&db, a, ids[0].0).await.unwrap().0.awaiting_staff);
        assert_eq!(
            tip::messages(&db, a, ids[0].0, false).await.unwrap().len(),
            1
        );
        assert_eq!(
            tip::messages(&db, a, ids[0].0, true).await.unwrap().len(),
            2
        );

        // Closed after 30 hours: counted, with the median.
        tip::set_state(
            &db,
            a,
            ids[1].0,
            tip::NewState {
                state: TipState::Resolved,
                outcome: Some("xong"),
                police_unit: None,
                closed: Some((now() + chrono::Duration::hours(30), now())),
            },
        )
        .await
        .unwrap();
        let s = tip::summary(
            &db,
            &[a],
            now() - chrono::Duration::days(1),
            now() + chrono::Duration::days(1),
            now() + chrono::Duration::hours(25),
        )
        .await
        .unwrap();
        let total: u64 = s.groups.iter().map(|g| g.3).sum();
        assert_eq!((total, s.open, s.overdue), (2, 1, 1), "{b}: {s:?}");
        assert_eq!(s.median_hours_to_close, Some(30), "{b}");
        let both = tip::summary(
            &db,
            &[a, other],
            now() - chrono::Duration::days(1),
            now() + chrono::Duration::days(1),
            now(),
        )
        .await
        .unwrap();
        assert_eq!(both.groups.iter().map(|g| g.3).sum::<u64>(), 3, "{b}");
    }
}

/// The path to sharding by unit stays open (issue 21, `docs/province.md`):
/// every table of a unit's rows has a `unit_id` that is never empty and
/// sits in a unique key, so a distributed PostgreSQL (Citus) can take
/// `unit_id` as the distribution column. The tables without it are the
/// instance's own, each named here with why; a new table must join one
/// list or the other on purpose.
#[tokio::test]
async fn every_table_of_a_units_rows_carries_unit_id_in_a_unique_key() {
    let Some(url) = antt_testkit::postgres_url() else {
        return;
    };
    let t = antt_testkit::TestDb::postgres(&url).await;
    let db = Db::connect(&t.url).await.unwrap();
    db.migrate().await.unwrap();
    let keys = db.unit_keys().await.unwrap();
    assert_eq!(
        keys.without_unit_id,
        [
            "api_tokens",        // an account's tokens, found by their hash
            "audit_head",        // the one head of the instance's chain
            "instance_settings", // the instance's own settings
            "rubrics",           // an authority's sheets, by authority_id
            "seaql_migrations",  // the schema's version
            "sessions",          // login sessions, found by their hash
            "submissions",       // one-time keys of requests, by their hash
            "units",             // the units themselves: a reference table
        ]
    );
    // The audit log is the instance's one hash chain, with entries of no
    // unit (logins of administrators): it stays whole, not sharded.
    assert_eq!(keys.unit_id_not_in_a_key, ["audit_log"]);
    assert_eq!(keys.unit_id_nullable, ["audit_log"]);
}
