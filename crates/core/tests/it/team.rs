//! Models, teams and clusters: the seeds' figures, members' terms, the log;
//! on every database.

use chrono::NaiveDate;

use antt_core::CoreError;
use antt_domain::ErrorCode;
use antt_domain::team::{MemberRole, TeamKind, TeamStatus};

use super::{actor, demos, unit_id};

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

#[tokio::test]
async fn the_demo_has_the_seeds_teams_and_clusters() {
    for d in demos().await {
        let office = actor(&d.antt, "vanphong").await;
        let cdlc = unit_id(&d.antt, "CDLC").await;
        let rows = d.antt.teams().list(&office, cdlc).await.unwrap();
        let size = |name: &str| {
            rows.iter()
                .find(|r| r.team.name.starts_with(name))
                .map(|r| r.serving)
        };
        assert_eq!(size("Ban Quản lý Ký túc xá"), Some(8));
        assert_eq!(size("Đội thanh niên tự quản"), Some(25));
        assert_eq!(size("Đội phòng cháy chữa cháy"), Some(35));
        assert_eq!(size("Trung đội tự vệ"), Some(21));
        let clusters: Vec<_> = rows
            .iter()
            .filter(|r| r.team.kind == TeamKind::Cluster)
            .collect();
        assert_eq!(clusters.len(), 3);
        assert!(clusters.iter().any(|c| {
            c.team
                .partners
                .iter()
                .any(|p| p == "Tòa án nhân dân tỉnh Lào Cai")
        }));
        assert!(rows.iter().all(|r| r.team.kind == TeamKind::Cluster
            || r.team.kind == TeamKind::Model
            || r.leader.is_some()));
    }
}

#[tokio::test]
async fn a_term_cannot_end_before_it_starts_and_dissolved_teams_take_nobody() {
    for d in demos().await {
        let office = actor(&d.antt, "vanphong").await;
        let cdlc = unit_id(&d.antt, "CDLC").await;
        let rows = d.antt.teams().list(&office, cdlc).await.unwrap();
        let team = rows
            .iter()
            .find(|r| r.team.name == "Trung đội tự vệ")
            .unwrap()
            .team
            .clone();
        let person = d.antt.people().staff_choices(&office, cdlc).await.unwrap()[0].id;
        let bad = d
            .antt
            .teams()
            .add_member(
                &office,
                cdlc,
                team.id,
                person,
                MemberRole::Member,
                day(2026, 6, 1),
                Some(day(2026, 5, 1)),
            )
            .await;
        assert!(
            matches!(bad, Err(CoreError::Invalid(e)) if e.for_field("until") == Some(ErrorCode::EndsBeforeStart))
        );
        d.antt
            .teams()
            .add_member(
                &office,
                cdlc,
                team.id,
                person,
                MemberRole::Deputy,
                day(2026, 11, 1),
                None,
            )
            .await
            .unwrap();
        let view = d.antt.teams().view(&office, cdlc, team.id).await.unwrap();
        assert_eq!(view.members.iter().filter(|m| m.serving).count(), 22);
        d.antt
            .teams()
            .end_member(
                &office,
                cdlc,
                team.id,
                person,
                day(2026, 11, 1),
                day(2026, 11, 20),
            )
            .await
            .unwrap();
        let view = d.antt.teams().view(&office, cdlc, team.id).await.unwrap();
        assert_eq!(
            view.members.iter().filter(|m| m.serving).count(),
            21,
            "the term ended yesterday"
        );

        // The log takes no activity in the future.
        let future = d
            .antt
            .teams()
            .log_activity(&office, cdlc, team.id, day(2027, 1, 1), "Trực Tết")
            .await;
        assert!(
            matches!(future, Err(CoreError::Invalid(e)) if e.for_field("date") == Some(ErrorCode::InFuture))
        );
        d.antt
            .teams()
            .log_activity(
                &office,
                cdlc,
                team.id,
                day(2026, 11, 20),
                "Trực bảo vệ ngày Nhà giáo Việt Nam",
            )
            .await
            .unwrap();

        // A dissolved team takes no new members; a guard changes nothing.
        let mut input = antt_domain::team::TeamInput {
            kind: team.kind,
            name: team.name.clone(),
            decision_number: team.decision_number.clone(),
            decision_date: team.decision_date,
            decision_signer: team.decision_signer.clone(),
            partners: team.partners.clone(),
            status: TeamStatus::Dissolved,
            type_name: team.type_name.clone(),
        };
        d.antt
            .teams()
            .save(&office, cdlc, Some(team.id), input.clone())
            .await
            .unwrap();
        let refused = d
            .antt
            .teams()
            .add_member(
                &office,
                cdlc,
                team.id,
                person,
                MemberRole::Member,
                day(2026, 11, 21),
                None,
            )
            .await;
        assert!(
            matches!(refused, Err(CoreError::Invalid(e)) if e.for_field("status") == Some(ErrorCode::WrongState))
        );
        let guard = actor(&d.antt, "baove").await;
        input.status = TeamStatus::Active;
        assert!(matches!(
            d.antt
                .teams()
                .save(&guard, cdlc, Some(team.id), input)
                .await,
            Err(CoreError::Forbidden)
        ));
    }
}
