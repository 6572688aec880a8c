//! Use cases over a real database with a fixed clock: on SQLite, and on
//! PostgreSQL when `ANTT_TEST_DATABASE_URL` is set.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests may stop at the first surprise

use std::sync::Arc;

use sea_orm::{ConnectionTrait, Database};

use antt_core::clock::FixedClock;
use antt_core::demo::DEMO_PASSWORD;
use antt_core::password::Passwords;
use antt_core::{Actor, Antt, CoreError};
use antt_domain::ErrorCode;
use antt_domain::page::PageRequest;
use antt_domain::person::{PersonFilter, PersonForm};

struct Demo {
    t: antt_testkit::TestDb,
    antt: Antt,
    clock: Arc<FixedClock>,
}

async fn demos() -> Vec<Demo> {
    let mut all = Vec::new();
    for t in antt_testkit::databases().await {
        let clock = Arc::new(FixedClock::demo());
        let antt = Antt::open(&t.url, clock.clone(), Passwords::Fast)
            .await
            .unwrap()
            .with_tip_key(antt_core::sealed::TipKey::generate());
        antt.load_demo(&|_, _| {}).await.unwrap();
        all.push(Demo { t, antt, clock });
    }
    all
}

async fn actor(antt: &Antt, username: &str) -> Actor {
    antt.auth()
        .login(username, DEMO_PASSWORD, antt_core::auth::Client::default())
        .await
        .map(|s| Actor::from_user(&s.user))
        .unwrap()
}

/// A small JPEG, as a phone would send.
fn photo() -> Vec<u8> {
    let picture = image::RgbImage::from_fn(40, 30, |x, y| {
        image::Rgb([
            u8::try_from(x * 6).unwrap(),
            u8::try_from(y * 8).unwrap(),
            120,
        ])
    });
    let mut out = std::io::Cursor::new(Vec::new());
    picture
        .write_to(&mut out, image::ImageFormat::Jpeg)
        .unwrap();
    out.into_inner()
}

/// The text of a Word file's body, as XML.
fn document_xml(docx: &[u8]) -> String {
    use std::io::Read as _;
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(docx)).unwrap();
    let mut xml = String::new();
    zip.by_name("word/document.xml")
        .unwrap()
        .read_to_string(&mut xml)
        .unwrap();
    xml
}

async fn unit_id(antt: &Antt, code: &str) -> antt_domain::UnitId {
    antt.units()
        .by_code(&Actor::command_line(), code)
        .await
        .unwrap()
        .id
}

async fn first_person(
    antt: &Antt,
    actor: &Actor,
    unit: antt_domain::UnitId,
    q: &str,
) -> antt_domain::person::Person {
    let filter = PersonFilter {
        query: Some(q.into()),
        ..PersonFilter::default()
    };
    antt.people()
        .list(actor, unit, &filter, PageRequest::default())
        .await
        .unwrap()
        .page
        .items
        .remove(0)
        .person
}

fn form_of(p: &antt_domain::person::Person) -> PersonForm {
    PersonForm::of(p)
}

#[tokio::test]
async fn the_demo_is_the_college_of_the_seeds() {
    for d in demos().await {
        let admin = actor(&d.antt, "vanphong").await;
        let cdlc = unit_id(&d.antt, "CDLC").await;
        let o = d
            .antt
            .dashboard()
            .unit_overview(&admin, cdlc)
            .await
            .unwrap();
        assert_eq!(o.unit.name, "Trường Cao đẳng Lào Cai");
        assert!(
            (1800..2200).contains(&o.people.students),
            "{}: {} students",
            d.t.backend,
            o.people.students
        );
        assert!(
            (400..650).contains(&o.people.students_boarding),
            "{} boarding",
            o.people.students_boarding
        );
        assert!(
            (180..230).contains(&o.people.staff),
            "{} staff",
            o.people.staff
        );
        assert_eq!(o.org.campuses, 3);
        assert!(o.org.classes >= 50);
        let s = d.antt.org().structure(&admin, cdlc).await.unwrap();
        assert!(
            s.departments
                .iter()
                .any(|x| x.name == "Phòng Công tác sinh viên và Quản lý chất lượng")
        );
        assert_eq!(
            first_person(&d.antt, &admin, cdlc, "tran xuan truong")
                .await
                .position
                .as_deref(),
            Some("Phó Hiệu trưởng")
        );
        // Loading twice is refused and changes nothing.
        assert!(d.antt.load_demo(&|_, _| {}).await.is_err());
        let report = d.antt.database().verify().await.unwrap();
        assert!(report.is_ok(), "{}: {report:?}", d.t.backend);
    }
}

#[tokio::test]
async fn a_user_of_one_unit_never_reaches_another() {
    for d in demos().await {
        let cdlc = unit_id(&d.antt, "CDLC").await;
        let thcs = unit_id(&d.antt, "THCSCD").await;
        let college_admin = actor(&d.antt, "vanphong").await;
        let other_admin = actor(&d.antt, "thcs.vanphong").await;
        let person = first_person(&d.antt, &college_admin, cdlc, "nguyen").await;
        let s = d.antt.org().structure(&college_admin, cdlc).await.unwrap();
        let nf = |r: Result<_, CoreError>| matches!(r, Err(CoreError::NotFound));
        assert!(
            nf(d.antt
                .people()
                .detail(&other_admin, cdlc, person.id)
                .await
                .map(|_| ())),
            "{}",
            d.t.backend
        );
        assert!(nf(d
            .antt
            .people()
            .detail(&other_admin, thcs, person.id)
            .await
            .map(|_| ())));
        assert!(nf(d
            .antt
            .people()
            .update(&other_admin, cdlc, person.id, &form_of(&person))
            .await
            .map(|_| ())));
        assert!(nf(d
            .antt
            .people()
            .update(&other_admin, thcs, person.id, &form_of(&person))
            .await
            .map(|_| ())));
        assert!(nf(d
            .antt
            .people()
            .list(
                &other_admin,
                cdlc,
                &PersonFilter::default(),
                PageRequest::default()
            )
            .await
            .map(|_| ())));
        assert!(nf(d
            .antt
            .org()
            .class(&other_admin, thcs, s.classes[0].id)
            .await
            .map(|_| ())));
        assert!(nf(d
            .antt
            .org()
            .department(&other_admin, thcs, s.departments[0].id)
            .await
            .map(|_| ())));
        assert!(nf(d
            .antt
            .org()
            .campus(&other_admin, thcs, s.campuses[0].id)
            .await
            .map(|_| ())));
        assert!(nf(d
            .antt
            .dashboard()
            .unit_overview(&other_admin, cdlc)
            .await
            .map(|_| ())));
        // Naming a class of the college in one's own person is refused too.
        let mut form = form_of(&person);
        form.code = "HSX".into();
        let r = d.antt.people().create(&other_admin, thcs, &form).await;
        assert!(
            matches!(r, Err(CoreError::Invalid(ref e)) if e.for_field("class_id") == Some(ErrorCode::NotFound)),
            "{}: {r:?}",
            d.t.backend
        );
    }
}

#[tokio::test]
async fn the_province_reads_its_units_and_changes_nothing() {
    for d in demos().await {
        let officer = actor(&d.antt, "congan.tinh").await;
        let cdlc = unit_id(&d.antt, "CDLC").await;
        let thcs = unit_id(&d.antt, "THCSCD").await;
        let units = d
            .antt
            .units()
            .list(&officer, None, None, PageRequest::default())
            .await
            .unwrap();
        // The college, the small school, eight police bodies and the
        // demo province's 267 units.
        assert_eq!(units.total, 277, "{}", d.t.backend);
        assert!(
            d.antt
                .dashboard()
                .unit_overview(&officer, thcs)
                .await
                .is_ok(),
            "a school under a ward of the province"
        );
        let person = first_person(&d.antt, &officer, cdlc, "nguyen").await;
        assert!(
            d.antt
                .people()
                .detail(&officer, cdlc, person.id)
                .await
                .is_ok()
        );
        let r = d
            .antt
            .people()
            .update(&officer, cdlc, person.id, &form_of(&person))
            .await;
        assert!(
            matches!(r, Err(CoreError::Forbidden)),
            "{}: {r:?}",
            d.t.backend
        );
        // A school admin sees only its own unit in the units list.
        let admin = actor(&d.antt, "vanphong").await;
        assert_eq!(
            d.antt
                .units()
                .list(&admin, None, None, PageRequest::default())
                .await
                .unwrap()
                .total,
            1
        );
        // The guard finds people but not their details; a student neither.
        let guard = actor(&d.antt, "baove").await;
        assert!(
            d.antt
                .people()
                .list(
                    &guard,
                    cdlc,
                    &PersonFilter::default(),
                    PageRequest::default()
                )
                .await
                .is_ok()
        );
        assert!(matches!(
            d.antt.people().detail(&guard, cdlc, person.id).await,
            Err(CoreError::Forbidden)
        ));
        let student = actor(&d.antt, "sinhvien").await;
        assert!(matches!(
            d.antt
                .people()
                .list(
                    &student,
                    cdlc,
                    &PersonFilter::default(),
                    PageRequest::default()
                )
                .await,
            Err(CoreError::Forbidden)
        ));
    }
}

#[tokio::test]
async fn a_department_head_changes_only_its_own_people() {
    for d in demos().await {
        let head = actor(&d.antt, "ctsv").await;
        let admin = actor(&d.antt, "vanphong").await;
        let cdlc = unit_id(&d.antt, "CDLC").await;
        let s = d.antt.org().structure(&admin, cdlc).await.unwrap();
        let own = head.department_id.unwrap();
        let filter = PersonFilter {
            department_id: Some(own),
            ..PersonFilter::default()
        };
        let mine = d
            .antt
            .people()
            .list(&admin, cdlc, &filter, PageRequest::default())
            .await
            .unwrap()
            .page
            .items
            .remove(0)
            .person;
        let mut form = form_of(&mine);
        form.phone = Some("0912345678".into());
        assert!(
            d.antt
                .people()
                .update(&head, cdlc, mine.id, &form)
                .await
                .is_ok(),
            "{}",
            d.t.backend
        );
        // Moving them to another department is refused.
        let elsewhere = s.departments.iter().find(|x| x.id != own).unwrap().id;
        form.department_id = Some(elsewhere.to_string());
        assert!(matches!(
            d.antt.people().update(&head, cdlc, mine.id, &form).await,
            Err(CoreError::Forbidden)
        ));
        let student = first_person(&d.antt, &admin, cdlc, "sv").await;
        assert!(matches!(
            d.antt
                .people()
                .update(&head, cdlc, student.id, &form_of(&student))
                .await,
            Err(CoreError::Forbidden)
        ));
    }
}

#[tokio::test]
async fn changes_and_views_are_chained_in_the_audit_log() {
    for d in demos().await {
        let admin = actor(&d.antt, "vanphong").await;
        let cdlc = unit_id(&d.antt, "CDLC").await;
        let person = first_person(&d.antt, &admin, cdlc, "nguyen van").await;
        let mut form = form_of(&person);
        form.phone = Some("0987 654 321".into());
        d.clock.advance(chrono::Duration::minutes(1));
        d.antt
            .people()
            .update(&admin, cdlc, person.id, &form)
            .await
            .unwrap();
        d.antt
            .people()
            .detail(&admin, cdlc, person.id)
            .await
            .unwrap();
        let history = d
            .antt
            .audit()
            .history(
                &admin,
                cdlc,
                antt_domain::audit::TargetKind::Person,
                person.id.to_string(),
            )
            .await
            .unwrap();
        assert_eq!(history.len(), 2, "{}", d.t.backend);
        assert_eq!(history[0].action, antt_domain::audit::AuditAction::View);
        let change = &history[1].changes[0];
        assert_eq!(
            (change.field.as_str(), change.after.as_deref()),
            ("phone", Some("0987654321"))
        );
        assert_eq!(change.before, person.phone);
        // An unchanged save writes no entry.
        let before = d.antt.audit().verify_chain().await.unwrap().entries;
        d.antt
            .people()
            .update(&admin, cdlc, person.id, &form)
            .await
            .unwrap();
        assert_eq!(d.antt.audit().verify_chain().await.unwrap().entries, before);
    }
}

#[tokio::test]
async fn concurrent_writers_keep_the_chain_linear() {
    for d in demos().await {
        let admin = actor(&d.antt, "vanphong").await;
        let cdlc = unit_id(&d.antt, "CDLC").await;
        let people = d
            .antt
            .people()
            .list(
                &admin,
                cdlc,
                &PersonFilter::default(),
                PageRequest::new(Some(1), Some(16)),
            )
            .await
            .unwrap()
            .page
            .items;
        let before = d.antt.audit().verify_chain().await.unwrap().entries;
        let mut tasks = Vec::new();
        for (i, row) in people.into_iter().enumerate() {
            let (antt, admin) = (d.antt.clone(), admin.clone());
            tasks.push(tokio::spawn(async move {
                let mut form = form_of(&row.person);
                form.phone = Some(format!("09120000{i:02}"));
                antt.people()
                    .update(&admin, cdlc, row.person.id, &form)
                    .await
            }));
        }
        for t in tasks {
            t.await.unwrap().unwrap();
        }
        let report = d.antt.audit().verify_chain().await.unwrap();
        assert!(
            report.problems.is_empty(),
            "{}: {:?}",
            d.t.backend,
            report.problems
        );
        assert_eq!(report.entries, before + 16, "{}", d.t.backend);
    }
}

#[tokio::test]
async fn db_verify_finds_an_edited_or_removed_entry() {
    for d in demos().await {
        let admin = actor(&d.antt, "vanphong").await;
        let cdlc = unit_id(&d.antt, "CDLC").await;
        let person = first_person(&d.antt, &admin, cdlc, "le").await;
        d.antt
            .people()
            .detail(&admin, cdlc, person.id)
            .await
            .unwrap();
        assert!(d.antt.database().verify().await.unwrap().is_ok());
        let raw = Database::connect(&d.t.url).await.unwrap();
        raw.execute_unprepared("UPDATE audit_log SET summary = 'Người khác' WHERE seq = 2")
            .await
            .unwrap();
        let report = d.antt.database().verify().await.unwrap();
        assert!(
            report
                .audit_problems
                .iter()
                .any(|p| p.contains("entry 2 was changed")),
            "{}: {report:?}",
            d.t.backend
        );
        raw.execute_unprepared(
            "DELETE FROM audit_log WHERE seq = (SELECT MAX(seq) FROM audit_log)",
        )
        .await
        .unwrap();
        let report = d.antt.database().verify().await.unwrap();
        assert!(
            report.audit_problems.iter().any(|p| p.contains("removed")),
            "{}: {report:?}",
            d.t.backend
        );
    }
}

/// Finding 5 of issue 15: five wrong passwords locked an account for 15
/// minutes, the right password included, and twenty locked every account
/// of an address. Now failures earn short growing delays, the owner's
/// browser passes them with its device token, and an officer can clear them.
#[tokio::test]
async fn wrong_passwords_slow_guessing_down_but_never_lock_the_owner_out() {
    use antt_core::auth::Client;
    for d in demos().await {
        let b = d.t.backend;
        // The guard logged in on their phone before: it kept a device token.
        let earlier = d
            .antt
            .auth()
            .login("baove", DEMO_PASSWORD, Client::at(Some("10.0.0.5")))
            .await
            .unwrap();
        let attacker = Client::at(Some("10.0.0.9"));
        for _ in 0..5 {
            assert!(matches!(
                d.antt
                    .auth()
                    .login("baove", "wrong password", attacker)
                    .await,
                Err(CoreError::Unauthenticated)
            ));
        }
        // Without the device token, even the right password waits a moment.
        let new_phone = Client::at(Some("10.0.0.7"));
        assert!(
            matches!(
                d.antt.auth().login("baove", DEMO_PASSWORD, new_phone).await,
                Err(CoreError::WaitBeforeRetry(2..=3))
            ),
            "{b}"
        );
        // With it, the owner logs in at once.
        let phone = Client {
            address: Some("10.0.0.5"),
            device: Some(&earlier.device),
        };
        let s = d.antt.auth().login("baove", DEMO_PASSWORD, phone).await;
        assert!(s.is_ok(), "{b}: {s:?}");
        // A device token of another account is no pass for this one.
        let other = d
            .antt
            .auth()
            .login("gvcn", DEMO_PASSWORD, Client::default())
            .await
            .unwrap();
        let borrowed = Client {
            address: Some("10.0.0.9"),
            device: Some(&other.device),
        };
        assert!(matches!(
            d.antt.auth().login("baove", DEMO_PASSWORD, borrowed).await,
            Err(CoreError::WaitBeforeRetry(_))
        ));
        // The delays grow: after the wait, one more wrong try waits longer.
        d.clock.advance(chrono::Duration::seconds(3));
        assert!(matches!(
            d.antt.auth().login("baove", "wrong again", attacker).await,
            Err(CoreError::Unauthenticated)
        ));
        assert!(matches!(
            d.antt.auth().login("baove", DEMO_PASSWORD, new_phone).await,
            Err(CoreError::WaitBeforeRetry(4..=5))
        ));
        // The office sees it and lets the owner in at once; that is audited.
        let admin = actor(&d.antt, "vanphong").await;
        let cdlc = unit_id(&d.antt, "CDLC").await;
        let guard = d
            .antt
            .accounts()
            .list(&admin, cdlc)
            .await
            .unwrap()
            .into_iter()
            .find(|u| u.username == "baove")
            .unwrap();
        assert_eq!(d.antt.accounts().failed_logins(&guard), Some(6), "{b}");
        d.antt
            .accounts()
            .allow_login(&admin, cdlc, guard.id)
            .await
            .unwrap();
        assert_eq!(d.antt.accounts().failed_logins(&guard), None);
        assert!(
            d.antt
                .auth()
                .login("baove", DEMO_PASSWORD, new_phone)
                .await
                .is_ok(),
            "{b}"
        );
        let unblocked = d
            .antt
            .audit()
            .list(
                &admin,
                antt_core::audit::AuditQuery {
                    action: Some(antt_domain::audit::AuditAction::LoginUnblock),
                    ..antt_core::audit::AuditQuery::default()
                },
                antt_domain::page::PageRequest::default(),
            )
            .await
            .unwrap()
            .items
            .len();
        assert_eq!(unblocked, 1, "{b}");
        // Guessing at many accounts from one address slows that address
        // down, but not an owner whose browser has logged in before.
        for i in 0..20 {
            let _ = d
                .antt
                .auth()
                .login(&format!("nobody{i}"), "guess", attacker)
                .await;
        }
        let shared = Client::at(Some("10.0.0.9"));
        assert!(matches!(
            d.antt.auth().login("gvcn", DEMO_PASSWORD, shared).await,
            Err(CoreError::WaitBeforeRetry(_))
        ));
        let teacher = Client {
            address: Some("10.0.0.9"),
            device: Some(&other.device),
        };
        assert!(
            d.antt
                .auth()
                .login("gvcn", DEMO_PASSWORD, teacher)
                .await
                .is_ok(),
            "{b}"
        );
    }
}

#[tokio::test]
async fn sessions_expire_and_locked_accounts_end() {
    for d in demos().await {
        d.clock.advance(chrono::Duration::minutes(16));
        let session = d
            .antt
            .auth()
            .login("baove", DEMO_PASSWORD, antt_core::auth::Client::default())
            .await
            .unwrap();
        assert!(d.antt.auth().session(&session.token).await.is_ok());
        // An unknown user gets the same answer as a wrong password.
        assert!(matches!(
            d.antt
                .auth()
                .login("nobody", DEMO_PASSWORD, antt_core::auth::Client::default())
                .await,
            Err(CoreError::Unauthenticated)
        ));
        d.clock.advance(chrono::Duration::hours(9));
        assert!(
            matches!(
                d.antt.auth().session(&session.token).await,
                Err(CoreError::Unauthenticated)
            ),
            "{}",
            d.t.backend
        );
        // Locking an account ends its sessions.
        let admin = actor(&d.antt, "vanphong").await;
        let s = d
            .antt
            .auth()
            .login("gvcn", DEMO_PASSWORD, antt_core::auth::Client::default())
            .await
            .unwrap();
        d.antt
            .accounts()
            .set_locked(&admin, s.user.unit_id, s.user.id, true)
            .await
            .unwrap();
        assert!(d.antt.auth().session(&s.token).await.is_err());
        assert!(matches!(
            d.antt
                .auth()
                .login("gvcn", DEMO_PASSWORD, antt_core::auth::Client::default())
                .await,
            Err(CoreError::Unauthenticated)
        ));
    }
}

#[tokio::test]
async fn unit_admins_grant_only_roles_within_reach() {
    for d in demos().await {
        let admin = actor(&d.antt, "vanphong").await;
        let cdlc = unit_id(&d.antt, "CDLC").await;
        let new = |role: &str| {
            antt_domain::user::NewUser::parse("moi.taikhoan", "", role, None, None, None).unwrap()
        };
        let r = d
            .antt
            .accounts()
            .create(&admin, cdlc, new("province_officer"), "mat-khau-dai-du")
            .await;
        assert!(
            matches!(r, Err(CoreError::Invalid(ref e)) if e.for_field("role") == Some(ErrorCode::NotAllowed)),
            "{r:?}"
        );
        let r = d
            .antt
            .accounts()
            .create(&admin, cdlc, new("guard"), "ngan")
            .await;
        assert!(
            matches!(r, Err(CoreError::Invalid(ref e)) if e.for_field("password") == Some(ErrorCode::PasswordTooShort))
        );
        let created = d
            .antt
            .accounts()
            .create(&admin, cdlc, new("guard"), "mat-khau-dai-du")
            .await
            .unwrap();
        assert!(
            d.antt
                .auth()
                .login(
                    "moi.taikhoan",
                    "mat-khau-dai-du",
                    antt_core::auth::Client::default()
                )
                .await
                .is_ok(),
            "{}",
            d.t.backend
        );
        let r = d
            .antt
            .accounts()
            .create(&admin, cdlc, new("teacher"), "mat-khau-dai-du")
            .await;
        assert!(
            matches!(r, Err(CoreError::Invalid(ref e)) if e.for_field("username") == Some(ErrorCode::Duplicate)),
            "{r:?}"
        );
        d.antt
            .accounts()
            .reset_password(
                &admin,
                cdlc,
                created.id,
                "mat-khau-moi-123",
                "mat-khau-moi-123",
            )
            .await
            .unwrap();
        assert!(
            d.antt
                .auth()
                .login(
                    "moi.taikhoan",
                    "mat-khau-moi-123",
                    antt_core::auth::Client::default()
                )
                .await
                .is_ok()
        );
    }
}

#[tokio::test]
async fn lists_show_a_change_at_once() {
    for d in demos().await {
        let admin = actor(&d.antt, "vanphong").await;
        let cdlc = unit_id(&d.antt, "CDLC").await;
        let find = |q: &str| PersonFilter {
            query: Some(q.into()),
            ..PersonFilter::default()
        };
        // Warm the list, then change a name and add a person.
        let before = d
            .antt
            .people()
            .list(&admin, cdlc, &find("nguyen"), PageRequest::default())
            .await
            .unwrap()
            .page
            .total;
        let p = first_person(&d.antt, &admin, cdlc, "nguyen").await;
        let mut form = form_of(&p);
        form.full_name = "Vừ Thị Xuân Mai".into();
        d.antt
            .people()
            .update(&admin, cdlc, p.id, &form)
            .await
            .unwrap();
        form.code = "SV-MOI-1".into();
        d.antt.people().create(&admin, cdlc, &form).await.unwrap();
        let after = d
            .antt
            .people()
            .list(&admin, cdlc, &find("nguyen"), PageRequest::default())
            .await
            .unwrap()
            .page
            .total;
        assert_eq!(after, before - 1, "{}", d.t.backend);
        let found = d
            .antt
            .people()
            .list(&admin, cdlc, &find("vu thi xuan"), PageRequest::default())
            .await
            .unwrap()
            .page;
        assert_eq!(found.total, 2, "{}", d.t.backend);
        // Filters: students of one class, boarding or not, add up.
        let class = p.class_id.unwrap();
        let of_class = |boarding| PersonFilter {
            class_id: Some(class),
            boarding,
            ..PersonFilter::default()
        };
        let all = d
            .antt
            .people()
            .list(&admin, cdlc, &of_class(None), PageRequest::default())
            .await
            .unwrap()
            .page
            .total;
        let yes = d
            .antt
            .people()
            .list(&admin, cdlc, &of_class(Some(true)), PageRequest::default())
            .await
            .unwrap()
            .page
            .total;
        let no = d
            .antt
            .people()
            .list(&admin, cdlc, &of_class(Some(false)), PageRequest::default())
            .await
            .unwrap()
            .page
            .total;
        assert!(
            all > 30 && yes + no == all,
            "{}: {all} = {yes} + {no}",
            d.t.backend
        );
        // Paging: the second page starts where the first ended.
        let p1 = d
            .antt
            .people()
            .list(
                &admin,
                cdlc,
                &PersonFilter::default(),
                PageRequest::new(Some(1), Some(10)),
            )
            .await
            .unwrap()
            .page;
        let p2 = d
            .antt
            .people()
            .list(
                &admin,
                cdlc,
                &PersonFilter::default(),
                PageRequest::new(Some(2), Some(10)),
            )
            .await
            .unwrap()
            .page;
        assert_eq!((p1.items.len(), p2.items.len()), (10, 10));
        assert_ne!(p1.items[9].person.id, p2.items[0].person.id);
        assert!(
            p1.total > 2000,
            "{}: active people of the college",
            p1.total
        );
    }
}

/// A unit searched now and then is answered by the database, a unit
/// searched often from memory: both give the same people in the same order.
#[tokio::test]
async fn the_home_pages_figures_counted_by_the_database_match_the_lists() {
    use antt_domain::person::{PersonKind, PersonStatus};
    for d in demos().await {
        let office = actor(&d.antt, "vanphong").await;
        let cdlc = unit_id(&d.antt, "CDLC").await;
        let this_year = d.antt.plans().current_year();
        let mut campaign = None;
        // The year just ended (sessions, a campaign signed) and the one
        // begun (nothing yet).
        for year in [this_year - 1, this_year] {
            let listed = d
                .antt
                .sessions()
                .coverage(&office, cdlc, year)
                .await
                .unwrap()
                .coverage;
            let counted = d
                .antt
                .sessions()
                .coverage_shares(&office, cdlc, year)
                .await
                .unwrap();
            assert_eq!(counted, (listed.staff, listed.students), "{}", d.t.backend);
            if year < this_year {
                assert!(counted.1.reached > 0 && counted.1.reached < counted.1.total);
            }
            let view = d
                .antt
                .commitments()
                .view(&office, cdlc, year)
                .await
                .unwrap();
            let progress = d
                .antt
                .commitments()
                .progress(&office, cdlc, year)
                .await
                .unwrap();
            assert_eq!(
                progress,
                view.map(|v| (v.progress.staff, v.progress.students))
            );
            if let Some((staff, students)) = progress {
                campaign = Some(year);
                assert!(staff.reached > 0 && students.reached > 0, "{year}");
            }
        }
        let year = campaign.expect("the demo signed a campaign");
        let student = actor(&d.antt, "sinhvien").await;
        assert_eq!(
            d.antt
                .commitments()
                .progress(&student, cdlc, year)
                .await
                .unwrap(),
            Some(Default::default()),
            "a student sees no figures of others"
        );
        let total = |kind, status, boarding| {
            let filter = PersonFilter {
                kind,
                status: Some(status),
                boarding,
                ..PersonFilter::default()
            };
            let antt = d.antt.clone();
            let office = office.clone();
            async move {
                antt.people()
                    .list(&office, cdlc, &filter, PageRequest::default())
                    .await
                    .unwrap()
                    .page
                    .total
            }
        };
        let o = d
            .antt
            .dashboard()
            .unit_overview(&office, cdlc)
            .await
            .unwrap();
        let p = o.people;
        assert_eq!(
            p.students,
            total(Some(PersonKind::Student), PersonStatus::Active, None).await
        );
        assert_eq!(
            p.students_boarding,
            total(Some(PersonKind::Student), PersonStatus::Active, Some(true)).await
        );
        assert_eq!(
            p.staff,
            total(Some(PersonKind::Staff), PersonStatus::Active, None).await
        );
        assert_eq!(p.left, total(None, PersonStatus::Left, None).await);
        assert!(p.students_boarding > 0 && p.left > 0, "{p:?}");
    }
}

#[tokio::test]
async fn a_search_answers_the_same_from_the_database_and_from_memory() {
    use antt_domain::person::{PersonKind, PersonStatus};
    for d in demos().await {
        let admin = actor(&d.antt, "vanphong").await;
        let cdlc = unit_id(&d.antt, "CDLC").await;
        let p = first_person(&d.antt, &admin, cdlc, "nguyen").await;
        let structure = d.antt.org().structure(&admin, cdlc).await.unwrap();
        let faculty = structure.class(p.class_id).unwrap().department_id.unwrap();
        let staff = PersonFilter {
            kind: Some(PersonKind::Staff),
            ..PersonFilter::default()
        };
        let staff_department = d
            .antt
            .people()
            .list(&admin, cdlc, &staff, PageRequest::default())
            .await
            .unwrap()
            .page
            .items
            .iter()
            .find_map(|r| r.person.department_id)
            .unwrap();
        let asks = [
            (PersonFilter::default(), PageRequest::new(Some(3), Some(25))),
            (
                PersonFilter {
                    query: Some("Nguyễn  thị".into()),
                    ..PersonFilter::default()
                },
                PageRequest::new(Some(2), Some(10)),
            ),
            (
                PersonFilter {
                    query: Some(p.code.to_lowercase()),
                    ..PersonFilter::default()
                },
                PageRequest::default(),
            ),
            (
                PersonFilter {
                    kind: Some(PersonKind::Student),
                    boarding: Some(true),
                    status: Some(PersonStatus::Active),
                    ..PersonFilter::default()
                },
                PageRequest::new(Some(4), Some(50)),
            ),
            (
                PersonFilter {
                    department_id: Some(faculty),
                    ..PersonFilter::default()
                },
                PageRequest::default(),
            ),
            (
                PersonFilter {
                    department_id: Some(staff_department),
                    ..PersonFilter::default()
                },
                PageRequest::default(),
            ),
            (
                PersonFilter {
                    class_id: p.class_id,
                    query: Some("van".into()),
                    ..PersonFilter::default()
                },
                PageRequest::default(),
            ),
            (
                PersonFilter {
                    status: Some(PersonStatus::Left),
                    ..PersonFilter::default()
                },
                PageRequest::default(),
            ),
            (
                PersonFilter {
                    query: Some("khongaicotenay".into()),
                    ..PersonFilter::default()
                },
                PageRequest::default(),
            ),
        ];
        let answers = async || {
            let mut out = Vec::new();
            for (filter, page) in &asks {
                let found = d
                    .antt
                    .people()
                    .list(&admin, cdlc, filter, *page)
                    .await
                    .unwrap()
                    .page;
                let ids: Vec<_> = found
                    .items
                    .iter()
                    .map(|r| (r.person.id, r.class.clone(), r.department.clone()))
                    .collect();
                out.push((found.total, ids));
            }
            out
        };
        // A change drops the unit's people from memory: the next few
        // searches go to the database; asked again and again, it is kept.
        let mut form = form_of(&p);
        form.position = Some("Bí thư chi đoàn".into());
        d.antt
            .people()
            .update(&admin, cdlc, p.id, &form)
            .await
            .unwrap();
        let from_database = answers().await;
        for _ in 0..40 {
            answers().await;
        }
        let from_memory = answers().await;
        assert_eq!(from_database, from_memory, "{}", d.t.backend);
        let totals: Vec<u64> = from_database.iter().map(|(total, _)| *total).collect();
        assert!(
            totals.iter().take(8).all(|t| *t > 0),
            "{}: {totals:?}",
            d.t.backend
        );
        assert_eq!(totals[8], 0, "{}", d.t.backend);
    }
}

#[tokio::test]
async fn campuses_departments_and_classes_are_saved_with_their_changes() {
    use antt_domain::org::{ClassInput, DepartmentInput};
    for d in demos().await {
        let admin = actor(&d.antt, "vanphong").await;
        let cdlc = unit_id(&d.antt, "CDLC").await;
        let thcs = unit_id(&d.antt, "THCSCD").await;
        let s = d.antt.org().structure(&admin, cdlc).await.unwrap();
        let faculty = s
            .departments
            .iter()
            .find(|x| x.kind == antt_domain::org::DepartmentKind::Faculty)
            .unwrap()
            .id;
        let class = d
            .antt
            .org()
            .save_class(
                &admin,
                cdlc,
                None,
                ClassInput::parse("CĐ Mới K20", Some(faculty), None, None).unwrap(),
            )
            .await
            .unwrap();
        // The same name again is a duplicate; a faculty of another unit is not found.
        let r = d
            .antt
            .org()
            .save_class(
                &admin,
                cdlc,
                None,
                ClassInput::parse("CĐ Mới K20", None, None, None).unwrap(),
            )
            .await;
        assert!(
            matches!(r, Err(CoreError::Invalid(ref e)) if e.for_field("name") == Some(ErrorCode::Duplicate)),
            "{}: {r:?}",
            d.t.backend
        );
        let other = d
            .antt
            .org()
            .structure(&Actor::command_line(), thcs)
            .await
            .unwrap()
            .departments[0]
            .id;
        let r = d
            .antt
            .org()
            .save_class(
                &admin,
                cdlc,
                Some(class),
                ClassInput::parse("CĐ Mới K20", Some(other), None, None).unwrap(),
            )
            .await;
        assert!(
            matches!(r, Err(CoreError::Invalid(ref e)) if e.for_field("department_id") == Some(ErrorCode::NotFound)),
            "{}: {r:?}",
            d.t.backend
        );
        // A rename shows at once and in the audit log, before and after.
        d.antt
            .org()
            .save_class(
                &admin,
                cdlc,
                Some(class),
                ClassInput::parse("CĐ Mới K20A", Some(faculty), None, None).unwrap(),
            )
            .await
            .unwrap();
        assert!(
            d.antt
                .org()
                .structure(&admin, cdlc)
                .await
                .unwrap()
                .classes
                .iter()
                .any(|c| c.name == "CĐ Mới K20A")
        );
        let history = d
            .antt
            .audit()
            .history(
                &admin,
                cdlc,
                antt_domain::audit::TargetKind::Class,
                class.to_string(),
            )
            .await
            .unwrap();
        assert_eq!(history.len(), 2, "{}", d.t.backend);
        assert_eq!(
            history[0].changes,
            vec![antt_domain::audit::Change {
                field: "name".into(),
                before: Some("CĐ Mới K20".into()),
                after: Some("CĐ Mới K20A".into())
            }]
        );
        // Only the office changes the structure.
        let leader = actor(&d.antt, "bgh").await;
        let r = d
            .antt
            .org()
            .save_department(
                &leader,
                cdlc,
                None,
                DepartmentInput::parse("office", "Phòng Mới").unwrap(),
            )
            .await;
        assert!(matches!(r, Err(CoreError::Forbidden)), "{r:?}");
        // A missing record of the unit is not found.
        let r = d
            .antt
            .org()
            .save_class(
                &admin,
                cdlc,
                Some(antt_domain::ClassId::new_v7()),
                ClassInput::parse("X", None, None, None).unwrap(),
            )
            .await;
        assert!(
            matches!(r, Err(CoreError::NotFound)),
            "{}: {r:?}",
            d.t.backend
        );
    }
}

mod assessment;
mod bundle;
mod commitment;
mod contest;
mod dorm;
mod dorm_life;
mod duty;
mod equipment;
mod import;
mod incident;
mod inspection;
mod patrol;
mod plan;
mod province;
mod reminder;
mod reward;
mod session;
mod team;
mod tip;

/// A page's figures are made once and kept until the next write: asked
/// again, the kept ones come back; after any write they are made again;
/// another unit or variant has its own.
#[tokio::test]
async fn figures_are_kept_until_the_next_write() {
    use std::sync::atomic::{AtomicU32, Ordering};
    for d in demos().await {
        let office = actor(&d.antt, "vanphong").await;
        let cdlc = unit_id(&d.antt, "CDLC").await;
        let thcs = unit_id(&d.antt, "THCSCD").await;
        let made = AtomicU32::new(0);
        let next = || async { Ok::<u32, CoreError>(made.fetch_add(1, Ordering::SeqCst) + 1) };
        let ask = async |unit, variant: &str| {
            d.antt
                .remembered(unit, "test.figures", variant, next())
                .await
                .unwrap()
        };
        assert_eq!(ask(cdlc, "").await, 1);
        assert_eq!(ask(cdlc, "").await, 1, "kept");
        assert_eq!(ask(thcs, "").await, 2, "another unit");
        assert_eq!(ask(cdlc, "?unit=x").await, 3, "another variant");
        d.antt
            .units()
            .set_school_level(
                &office,
                cdlc,
                Some(antt_domain::unit::SchoolLevel::University),
            )
            .await
            .unwrap();
        assert_eq!(ask(cdlc, "").await, 4, "made again after a write");
        assert_eq!(ask(thcs, "").await, 5, "any write");
        assert_eq!(ask(cdlc, "").await, 4);
        // Asked by several at once while being made: made once.
        let slow = || async {
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
            Ok::<u32, CoreError>(made.fetch_add(1, Ordering::SeqCst) + 1)
        };
        let together = || d.antt.remembered(cdlc, "test.figures", "together", slow());
        let (a, b, c) = tokio::join!(together(), together(), together());
        assert_eq!((a.unwrap(), b.unwrap(), c.unwrap()), (6, 6, 6));
        assert_eq!(made.load(Ordering::SeqCst), 6, "one maker");
    }
}
