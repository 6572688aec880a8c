//! The province: targets set, changed and refused, and where the demo's
//! units stand against them over five years, by kind and by the police
//! body over them, with the units that hold a figure down; the security
//! force counted equipped from its unit's register, not typed.

use antt_core::CoreError;
use antt_domain::ErrorCode;
use antt_domain::equipment::{EquipmentInput, EquipmentText};
use antt_domain::province::{Measure, Shortfall, TargetInput};
use antt_domain::unit::UnitKind;

use super::{actor, demos, unit_id};

#[tokio::test]
async fn the_demo_province_stands_against_its_targets_year_by_year() {
    for d in demos().await {
        let officer = actor(&d.antt, "congan.tinh").await;
        let office = actor(&d.antt, "vanphong").await;
        let p = d.antt.province();
        let cdlc = unit_id(&d.antt, "CDLC").await;
        let small = unit_id(&d.antt, "THCSCD").await;

        let s = p.standing(&officer, None, 2026).await.unwrap();
        assert_eq!(s.authority.code, "CATLC");
        assert!(s.counted > 250, "{}", s.counted);
        assert_eq!(s.targets.len(), 5);
        let of = |m: Measure| s.targets.iter().find(|t| t.target.measure == m).unwrap();
        // Met: good or better, recognised, security force rated good.
        for m in [
            Measure::MovementGood,
            Measure::RecognisedSafe,
            Measure::SecurityGood,
        ] {
            let t = of(m);
            assert!(t.now().met(&t.target), "{m:?}: {:?}", t.now().all);
        }
        // Just under: equipped security forces (79 % against 80 %).
        let equipped = of(Measure::SecurityEquipped);
        assert!(!equipped.now().met(&equipped.target));
        assert!(
            equipped.now().all.per_mille() >= 780,
            "{:?}",
            equipped.now().all
        );
        assert!(equipped.now().all.missing(800) > 0);
        // The college's dossier is not yet scored and the small school
        // never registered: they hold "average or better" below 100 %.
        let average = of(Measure::MovementAverage);
        let down: Vec<_> = average.now().holding_down.clone();
        assert!(down.contains(&(cdlc, Shortfall::NotScored)), "{down:?}");
        assert!(down.contains(&(small, Shortfall::NotAssessed)));
        // Five years, the oldest first, better each year.
        let good = of(Measure::MovementGood);
        assert_eq!(
            good.years.iter().map(|y| y.year).collect::<Vec<_>>(),
            vec![2022, 2023, 2024, 2025, 2026]
        );
        assert!(
            good.years
                .windows(2)
                .all(|w| w[0].all.per_mille() < w[1].all.per_mille())
        );
        // By kind and by the police body over the units: every unit once.
        let now = good.now();
        assert_eq!(
            now.by_kind.iter().map(|(k, _)| *k).collect::<Vec<_>>(),
            vec![UnitKind::School, UnitKind::Agency, UnitKind::Enterprise]
        );
        assert_eq!(
            now.by_kind.iter().map(|(_, t)| t.total).sum::<u32>(),
            now.all.total
        );
        assert_eq!(now.by_authority.len(), 8);
        assert_eq!(
            now.by_authority.iter().map(|(_, t)| t.total).sum::<u32>(),
            now.all.total
        );
        assert!(
            now.by_authority
                .windows(2)
                .all(|w| w[0].1.per_mille() <= w[1].1.per_mille())
        );

        // One ward police body sees its own units only.
        let ward = unit_id(&d.antt, "CAPCD").await;
        let w = p
            .standing(&antt_core::Actor::command_line(), Some(ward), 2026)
            .await
            .unwrap();
        assert_eq!(w.counted, 38);

        // The office of a school has no province page.
        assert!(matches!(
            p.standing(&office, None, 2026).await,
            Err(CoreError::Forbidden | CoreError::NotFound)
        ));

        // The college's guards get a radio and support tools: counted
        // equipped at once, from the register.
        assert!(
            equipped
                .now()
                .holding_down
                .contains(&(cdlc, Shortfall::NotEquipped))
        );
        let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 21).unwrap();
        for (code, kind) in [("BD-901", "Bộ đàm"), ("CCHT-901", "Dùi cui cao su")] {
            let input = EquipmentInput::parse(
                None,
                &EquipmentText {
                    code,
                    kind,
                    name: kind,
                    place: "Phòng bảo vệ",
                    installed_on: "01/09/2026",
                    ..EquipmentText::default()
                },
                today,
            )
            .unwrap();
            d.antt.equipment().add(&office, cdlc, input).await.unwrap();
        }
        let after = p.standing(&officer, None, 2026).await.unwrap();
        let e = after
            .targets
            .iter()
            .find(|t| t.target.measure == Measure::SecurityEquipped)
            .unwrap();
        assert_eq!(e.now().all.reached, equipped.now().all.reached + 1);
        assert!(!e.now().holding_down.iter().any(|(u, _)| *u == cdlc));
        // Not for the years before it was installed.
        assert_eq!(e.years[3].all.reached, equipped.years[3].all.reached);
    }
}

#[tokio::test]
async fn targets_are_set_changed_and_removed_and_bad_ones_refused() {
    for d in demos().await {
        let officer = actor(&d.antt, "congan.tinh").await;
        let office = actor(&d.antt, "vanphong").await;
        let p = d.antt.province();
        let before = p.targets(&officer, None).await.unwrap();
        assert_eq!(before.len(), 5);

        // Bad input is refused at the parse; a school's office may not set one.
        let bad =
            TargetInput::parse("movement_good", "school", "85-80", "2026", "2030").unwrap_err();
        assert_eq!(bad.for_field("target_share"), Some(ErrorCode::Invalid));
        let schools = TargetInput::parse("movement_good", "school", "90", "2026", "2030").unwrap();
        assert!(p.save_target(&office, None, schools.clone()).await.is_err());
        assert_eq!(p.targets(&officer, None).await.unwrap().len(), 5);

        let id = p.save_target(&officer, None, schools).await.unwrap();
        let s = p.standing(&officer, None, 2026).await.unwrap();
        let mine = s.targets.iter().find(|t| t.target.id == id).unwrap();
        assert_eq!(mine.target.kind, Some(UnitKind::School));
        assert!(
            mine.now()
                .by_kind
                .iter()
                .all(|(k, _)| *k == UnitKind::School)
        );
        assert_eq!(mine.target.share_text(), "90 %");

        let changed =
            TargetInput::parse("movement_good", "school", "75-80", "2026", "2028").unwrap();
        p.save_target(&officer, Some(id), changed).await.unwrap();
        let t = p.targets(&officer, None).await.unwrap();
        let mine = t.iter().find(|t| t.id == id).unwrap();
        assert_eq!((mine.low, mine.high, mine.due_year), (750, Some(800), 2028));

        // Another authority's target, or one that is gone: not found.
        let foreign = antt_domain::ProvinceTargetId::new_v7();
        assert!(matches!(
            p.delete_target(&officer, foreign).await,
            Err(CoreError::NotFound)
        ));
        p.delete_target(&officer, id).await.unwrap();
        assert_eq!(p.targets(&officer, None).await.unwrap(), before);
    }
}
