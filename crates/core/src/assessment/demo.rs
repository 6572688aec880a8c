//! The demo college's assessment of the year: registered in February, its
//! departments and security force rated, two checks no record proves
//! confirmed by the office with their evidence, the meeting held once the
//! year is over, the report's own words written. The score sheet and the
//! dossier are left for a newcomer to fill in and send.

use antt_domain::time::MovementYear;
use chrono::{DateTime, NaiveDate, Utc};

use antt_domain::UnitId;
use antt_domain::assessment::{
    Assessment, AssessmentState, AssessmentStep, Dossier, Meeting, Override, Rating, ReportTexts,
    Scores, Verdict,
};
use antt_domain::time::local_date;
use antt_store::Tx;
use antt_store::assessment as store;

use crate::error::CoreResult;

/// The office's confirmations of checks that no record proves.
const CONFIRMED: &[(&str, Verdict, &str, &str)] = &[
    (
        "1.1",
        Verdict::Met,
        "Đảng ủy Trường ban hành Nghị quyết lãnh đạo nhiệm vụ năm, có nội dung bảo đảm an ninh, trật tự",
        "Nghị quyết số 05-NQ/ĐU ngày 15/01 của Đảng ủy Trường",
    ),
    (
        "1.4",
        Verdict::Met,
        "Nội quy bảo vệ cơ quan, quy chế công tác học sinh, sinh viên và nội quy phòng cháy, chữa cháy đang có hiệu lực",
        "Quyết định số 112/QĐ-CĐLC ban hành Nội quy cơ quan; Quy chế công tác HSSV",
    ),
    (
        "1.5",
        Verdict::Met,
        "Những người vắng các buổi tuyên truyền đã được phổ biến bù tại hội nghị ngày 14/11, có danh sách ký nhận",
        "Biên bản hội nghị phổ biến bù ngày 14/11 kèm danh sách ký nhận",
    ),
];

pub(crate) async fn load(
    tx: &Tx,
    college: UnitId,
    year: i32,
    now: DateTime<Utc>,
) -> CoreResult<()> {
    let today = local_date(now);
    let day = |m: u32, d: u32| {
        NaiveDate::from_ymd_opt(year, m, d)
            .unwrap_or(today)
            .min(today)
    };
    let registered_on = day(2, 20);
    for (i, d) in antt_store::org::list_departments(tx, college)
        .await?
        .iter()
        .enumerate()
    {
        // Most departments did well; one only completed its tasks.
        let rating = if i == 2 {
            Rating::Completed
        } else {
            Rating::Good
        };
        store::set_rating(
            tx,
            college,
            year,
            &d.id.to_string(),
            Some(rating),
            None,
            now,
        )
        .await?;
    }
    store::set_rating(
        tx,
        college,
        year,
        store::SECURITY_FORCE,
        Some(Rating::Good),
        None,
        now,
    )
    .await?;
    let overrides = CONFIRMED
        .iter()
        .map(|(id, verdict, reason, evidence)| Override {
            check_id: (*id).to_owned(),
            verdict: *verdict,
            reason: (*reason).to_owned(),
            evidence: (*evidence).to_owned(),
            by: "Văn phòng".into(),
            on: day(11, 12),
        })
        .collect();
    let season = today > MovementYear::saturating(year).last_day();
    let meeting = if season {
        Meeting {
            held_on: Some(day(11, 17)),
            starts: chrono::NaiveTime::from_hms_opt(8, 0, 0),
            ends: chrono::NaiveTime::from_hms_opt(10, 30, 0),
            place: "Phòng họp tầng 2, nhà A – Trường Cao đẳng Lào Cai".into(),
            chair: "Trần Xuân Trường – Phó Hiệu trưởng".into(),
            secretary: "Nguyễn Thị Hằng – Chuyên viên Văn phòng".into(),
            participants: vec![
                "Đại diện Đảng ủy Trường".into(),
                "Chủ tịch Công đoàn Trường".into(),
                "Bí thư Đoàn Thanh niên Trường".into(),
                "Tổ trưởng Tổ bảo vệ".into(),
                "Đại diện Công an phường Cam Đường".into(),
                "Đại diện Sở Giáo dục và Đào tạo tỉnh Lào Cai".into(),
            ],
            // As the table stands at the meeting: 2.1 still waits for the
            // leaders' confirmation, so the minutes do not ask yet.
            conclusion: antt_words::minutes_conclusion(
                "Trường Cao đẳng Lào Cai",
                year,
                &[],
                &["2.1".to_owned()],
            ),
        }
    } else {
        Meeting::default()
    };
    let a = Assessment {
        unit_id: college,
        year,
        state: if season {
            AssessmentState::SelfAssessed
        } else {
            AssessmentState::Registered
        },
        registered_on,
        meeting,
        dossier: Dossier::default(),
        decision: None,
        returned_because: None,
        overrides,
        scores: Scores::new(),
        reviewed_scores: Scores::new(),
    };
    store::save(tx, &a, now, true).await?;
    let mut steps = vec![(AssessmentState::Registered, registered_on)];
    if season {
        steps.push((AssessmentState::SelfAssessed, day(11, 17)));
    }
    for (state, on) in steps {
        let at = on.and_hms_opt(3, 0, 0).map_or(now, |t| t.and_utc());
        let step = AssessmentStep {
            state,
            at,
            by: "Văn phòng".into(),
            note: String::new(),
        };
        store::add_step(tx, college, year, &step).await?;
    }
    let texts = ReportTexts {
        number: String::new(),
        shortcomings: "Tỷ lệ học sinh, sinh viên được tuyên truyền trực tiếp chưa đạt 100%, nhất là sinh viên ngoại trú.\nMột số mô hình hoạt động chưa thường xuyên; việc cập nhật thông tin trên trang thông tin điện tử còn chậm.".into(),
        causes: "Số sinh viên ngoại trú lớn, phân tán; lực lượng làm công tác an ninh, trật tự còn kiêm nhiệm.".into(),
        directions: "Tiếp tục tuyên truyền đến 100% cán bộ, học sinh, sinh viên, chú trọng sinh viên ngoại trú và khóa mới.\nDuy trì, nâng cao hiệu quả các mô hình; phối hợp chặt chẽ với Công an phường Cam Đường.\nĐăng ký phấn đấu đạt tiêu chuẩn “An toàn về an ninh, trật tự” năm tới ngay trong quý I.".into(),
        proposals: "Đề nghị Công an tỉnh tiếp tục hỗ trợ báo cáo viên, tài liệu tuyên truyền về phòng, chống ma túy và lừa đảo trên không gian mạng.".into(),
    };
    store::save_report_texts(tx, college, year, &texts, now).await?;
    Ok(())
}
