//! The demo's plan: the 2026 plan of Trường Cao đẳng Lào Cai as seed 002
//! writes it, approved, with the duties of its section IV as tasks of the
//! Văn phòng and the Phòng Công tác sinh viên, and a year of progress notes
//! (one task left overdue, so the dashboard has something to show).

use antt_domain::plan::{
    NoteInput, PlanContent, PlanSection, PlanSigner, PlanState, Recurrence, ReportDuty, TaskInput,
    TaskStatus,
};
use antt_domain::time::MovementYear;
use antt_domain::time::local_date;
use antt_domain::unit::UnitKind;
use antt_domain::{DepartmentId, UnitId};
use antt_store::Tx;
use antt_store::plan::{self as store, NoteAuthor};
use chrono::{DateTime, Datelike, NaiveDate, TimeZone, Utc};

use crate::error::CoreResult;

/// The plan year the demo shows: this movement year's, or, in the weeks
/// after 16/11 before a new plan is usually issued, the year just ended.
pub(crate) fn demo_year(today: NaiveDate) -> i32 {
    let year = MovementYear::of(today).number();
    if today.year() < year { year - 1 } else { year }
}

fn seed_002(year: i32) -> PlanContent {
    let s = |title: &str, text: &str| PlanSection {
        title: title.into(),
        text: text.replace("{year}", &year.to_string()),
    };
    PlanContent {
        parent_body: Some("UBND tỉnh Lào Cai".into()),
        issuing_body: "Trường Cao đẳng Lào Cai".into(),
        number: Some(215),
        symbol: "KH-CĐLC".into(),
        place: "Lào Cai".into(),
        signed_on: NaiveDate::from_ymd_opt(year - 1, 12, 22),
        title: format!("Triển khai thực hiện Phong trào thi đua “Toàn dân bảo vệ an ninh Tổ quốc” năm {year}"),
        bases: vec![
            "Căn cứ Quyết định số 2447/QĐ-TTg ngày 06/11/2025 của Thủ tướng Chính phủ về việc ban hành Kế hoạch triển khai Phong trào thi đua “Toàn dân bảo vệ an ninh Tổ quốc”".into(),
            "Căn cứ Kế hoạch số 195/KH-UBND ngày 17/12/2025 của UBND tỉnh Lào Cai về việc triển khai thực hiện Phong trào thi đua “Toàn dân bảo vệ an ninh Tổ quốc” trên địa bàn tỉnh Lào Cai".into(),
            "Căn cứ Thông tư số 124/2021/TT-BCA ngày 28/12/2021 của Bộ Công an quy định về cơ sở giáo dục đạt tiêu chuẩn “An toàn về an ninh, trật tự”".into(),
            "Căn cứ tình hình thực tế và nhiệm vụ trọng tâm của Nhà trường".into(),
        ],
        preamble: format!("Trường Cao đẳng Lào Cai xây dựng Kế hoạch Triển khai thực hiện Phong trào thi đua “Toàn dân bảo vệ an ninh Tổ quốc” năm {year}, như sau:"),
        sections: vec![
            s("Mục đích, yêu cầu", "1. Mục đích:
Triển khai thực hiện nghiêm túc, hiệu quả các chủ trương của Đảng, chính sách pháp luật của Nhà nước về công tác bảo đảm an ninh, trật tự trong tình hình mới tại Trường Cao đẳng Lào Cai.
Phát huy sức mạnh tổng hợp của hệ thống chính trị trong Nhà trường; nâng cao vai trò, trách nhiệm của cán bộ, viên chức, người lao động và HSSV trong phong trào “Toàn dân bảo vệ an ninh Tổ quốc”.
Xây dựng Trường Cao đẳng Lào Cai đạt tiêu chuẩn “An toàn về an ninh, trật tự”, tạo môi trường giáo dục ổn định, lành mạnh, an toàn.
Góp phần phòng ngừa, phát hiện, đấu tranh với các hành vi vi phạm pháp luật; hạn chế tệ nạn xã hội, bảo đảm an ninh chính trị nội bộ, an toàn trường học.
2. Yêu cầu
Phong trào thi đua được triển khai sâu rộng, thường xuyên, liên tục, gắn với nhiệm vụ chính trị và hoạt động giáo dục đào tạo của Nhà trường.
Nội dung thi đua thiết thực, hiệu quả, phù hợp với điều kiện thực tế của Trường Cao đẳng Lào Cai.
Có sự phối hợp chặt chẽ giữa Nhà trường với lực lượng Công an địa phương và các đơn vị liên quan.
Thực hiện tốt công tác kiểm tra, đánh giá; kịp thời biểu dương, khen thưởng các tập thể, cá nhân tiêu biểu."),
            s("Công tác chỉ đạo và tuyên truyền, vận động", "1. Công tác chỉ đạo
Ban Giám hiệu Nhà trường tăng cường công tác lãnh đạo, chỉ đạo triển khai thực hiện Kế hoạch số 195/KH-UBND và các văn bản chỉ đạo của cấp trên về phong trào “Toàn dân bảo vệ an ninh Tổ quốc”; xác định đây là nhiệm vụ thường xuyên, gắn với công tác xây dựng môi trường giáo dục an toàn, lành mạnh.
Phân công rõ trách nhiệm cho các phòng, khoa, đơn vị trực thuộc; xác định rõ người chịu trách nhiệm chính trong tổ chức triển khai thực hiện; gắn kết quả thực hiện phong trào với việc đánh giá mức độ hoàn thành nhiệm vụ, bình xét thi đua, khen thưởng hằng năm của tập thể và cá nhân.
Thường xuyên kiểm tra, đôn đốc, hướng dẫn việc thực hiện tại các đơn vị; kịp thời chấn chỉnh những tồn tại, hạn chế; chủ động phối hợp với lực lượng Công an địa phương và các cơ quan liên quan trong công tác bảo đảm an ninh, trật tự và xây dựng phong trào Toàn dân bảo vệ an ninh Tổ quốc trong Nhà trường.
2. Công tác tuyên truyền, vận động
Thủ trưởng các phòng, khoa, trung tâm quán triệt, triển khai nghiêm túc các văn bản của Đảng, Nhà nước, Bộ Công an, tỉnh Lào Cai về công tác bảo đảm an ninh, trật tự và phong trào Toàn dân bảo vệ an ninh Tổ quốc tới 100% cán bộ, viên chức, người lao động, học sinh, sinh viên.
Tăng cường công tác tuyên truyền, phổ biến chủ trương, chính sách, pháp luật của Đảng và Nhà nước, các văn bản chỉ đạo của Bộ Công an, Ban chỉ đạo PCTP, TNXH và xây dựng phong trào Toàn dân bảo vệ an ninh Tổ quốc tỉnh Lào Cai nhằm nâng cao nhận thức cho viên chức, giảng viên, người lao động, học sinh, sinh viên chấp hành quy định của pháp luật, nội quy, quy chế của nhà trường.
Nội dung: Tuyên truyền đường lối, chủ trương của Đảng, chính sách, pháp luật của Nhà nước, quy định của đơn vị, địa phương về công tác bảo đảm an ninh, trật tự.
Biện pháp:
+ Phối hợp với các đơn vị nghiệp vụ Công an tỉnh, Công an phường tổ chức các đợt tuyên truyền pháp luật, trọng tâm là công tác bảo vệ bí mật Nhà nước, công tác phòng, chống tội phạm trên không gian mạng, công tác bảo đảm trật tự an toàn giao thông, công tác phòng, chống cháy nổ, cứu nạn, cứu hộ.
+ Phối hợp với các cơ quan truyền thông đại chúng đăng tải, giới thiệu gương tốt, việc tốt, điển hình tiên tiến trong công tác bảo đảm an ninh, trật tự và phong trào Toàn dân bảo vệ an ninh Tổ quốc.
+ Lồng ghép nội dung tuyên truyền vào các buổi trong sinh hoạt chi bộ, sinh hoạt chuyên môn, sinh hoạt của lớp, đoàn thể, câu lạc bộ. Tổ chức cuộc thi tìm hiểu về luật pháp để sinh viên học hỏi qua hình thức thi đua."),
            s("Nội dung của phong trào thi đua và hình thức khen thưởng", "1. Nội dung của phong trào thi đua
1.1. Thi đua xây dựng Nhà trường an toàn về an ninh, trật tự gắn với duy trì, nâng cao hiệu quả các mô hình tự quản
Phấn đấu xây dựng Trường Cao đẳng Lào Cai đạt tiêu chuẩn “An toàn về an ninh, trật tự”; chủ động phòng ngừa, phát hiện, ngăn chặn và xử lý kịp thời các hành vi vi phạm pháp luật, không để phát sinh điểm nóng về an ninh, trật tự trong Nhà trường.
Thực hiện tốt công tác bảo vệ chính trị nội bộ, bảo vệ bí mật Nhà nước; tăng cường quản lý viên chức, người lao động và học sinh, sinh viên trong việc chấp hành chủ trương của Đảng, chính sách, pháp luật của Nhà nước và các quy định của Nhà trường.
Bảo đảm an ninh, an toàn tại các khu giảng đường, ký túc xá, khuôn viên trường; bảo vệ an toàn tuyệt đối các kỳ thi, sự kiện và hoạt động lớn của Nhà trường; không để xảy ra vụ việc phức tạp về an ninh, trật tự.
Duy trì và nâng cao hiệu quả mô hình “Trường học Xanh - Sạch - Đẹp - An toàn - Hạnh phúc”; phát huy vai trò của lực lượng bảo vệ, giáo viên chủ nhiệm, cố vấn học tập, tổ chức Đoàn Thanh niên và các tổ, nhóm tự quản trong công tác quản lý, giáo dục học sinh, sinh viên.
Đẩy mạnh phong trào học sinh, sinh viên tham gia giữ gìn an ninh, trật tự; xây dựng ý thức tự giác chấp hành pháp luật, nội quy Nhà trường; khuyến khích học sinh, sinh viên tích cực phát hiện, cung cấp thông tin cho lực lượng chức năng về các dấu hiệu mất an ninh, trật tự trong và xung quanh khu vực trường học.
1.2. Thi đua phòng, chống tội phạm, tệ nạn xã hội và phòng cháy, chữa cháy
Thực hiện nghiêm các quy định của pháp luật về phòng cháy, chữa cháy và cứu nạn, cứu hộ; định kỳ kiểm tra, bảo dưỡng trang thiết bị PCCC; tổ chức tập huấn kỹ năng cho Đội phòng cháy chữa cháy cơ sở, lực lượng tự vệ, bảo vệ và các tổ tự quản.
Đẩy mạnh công tác phòng ngừa tội phạm, tệ nạn xã hội trong cán bộ, giảng viên, người lao động và học sinh, sinh viên; phấn đấu 100% cán bộ, giảng viên, học sinh, sinh viên không vi phạm pháp luật, không mắc tệ nạn xã hội, không vi phạm quy định Luật giao thông đường bộ.
1.3. Thi đua ứng dụng công nghệ thông tin, chuyển đổi số
Tăng cường ứng dụng công nghệ thông tin, chuyển đổi số trong công tác bảo đảm an ninh, trật tự; khai thác hiệu quả hệ thống camera giám sát, các phần mềm quản lý học sinh, sinh viên.
Đẩy mạnh công tác tuyên truyền, phổ biến pháp luật, phòng chống tội phạm và phong trào Toàn dân bảo vệ an ninh Tổ quốc thông qua website, các trang mạng xã hội chính thức và nền tảng số của Nhà trường.
Chủ động theo dõi, phòng ngừa và đấu tranh với các hành vi vi phạm pháp luật, thông tin xấu độc, sai sự thật, xuyên tạc liên quan đến Nhà trường và ngành giáo dục.
Tăng cường công tác bảo mật, an toàn thông tin; quản lý chặt chẽ hệ thống dữ liệu học sinh, sinh viên, giảng viên; không để xảy ra tình trạng lộ, lọt bí mật Nhà nước và thông tin nội bộ.
2. Hình thức khen thưởng:
Khen thưởng định kỳ: Nhà trường thực hiện bình xét và tặng Giấy khen cho các tập thể, cá nhân có thành tích xuất sắc trong phong trào; đồng thời lựa chọn những hồ sơ tiêu biểu, điển hình để đề nghị Chủ tịch UBND tỉnh tặng Bằng khen hoặc Giám đốc Công an tỉnh tặng Giấy khen theo quy định.
Khen thưởng đột xuất: Biểu dương, khen thưởng kịp thời các cá nhân có thành tích xuất sắc trong đấu tranh phòng chống tội phạm hoặc dũng cảm bảo vệ tài sản, tính mạng con người."),
            s("Tổ chức thực hiện", ""),
            s("Chế độ báo cáo", "Giao Văn phòng chủ trì, phối hợp với các đơn vị liên quan tổng hợp tình hình, tham mưu Ban Giám hiệu xây dựng báo cáo kết quả thực hiện Phong trào gửi về Công an tỉnh Lào Cai trước ngày 15/11/{year} để tổng hợp theo quy định."),
        ],
        report: ReportDuty {
            what: "Báo cáo kết quả thực hiện Phong trào “Toàn dân bảo vệ an ninh Tổ quốc”".into(),
            to: "Công an tỉnh Lào Cai".into(),
            due: NaiveDate::from_ymd_opt(year, 11, 15),
        },
        closing: format!("Trên đây là kế hoạch Triển khai thực hiện Phong trào thi đua “Toàn dân bảo vệ an ninh Tổ quốc” năm {year} của Trường Cao đẳng Lào Cai. Đề nghị các đơn vị phòng, khoa, trung tâm, các tổ chức đoàn thể và các lớp học sinh, sinh viên nghiêm túc triển khai thực hiện./."),
        recipients: vec![
            "Sở Nội vụ tỉnh Lào Cai".into(),
            "Công an tỉnh Lào Cai".into(),
            "Ban giám hiệu trường".into(),
            "Các phòng, khoa, trung tâm".into(),
            "Các tổ chức đoàn thể".into(),
            "Lưu: VT, VP".into(),
        ],
        signer: PlanSigner {
            authority: Some("KT. Hiệu trưởng".into()),
            title: "Phó Hiệu trưởng".into(),
            name: "Trần Xuân Trường".into(),
        },
    }
}

/// Who does what: 0 is the Văn phòng, 1 the Phòng Công tác sinh viên, 2 every
/// department. Progress notes are (month, day, text, status), in the plan
/// year unless the month is 12 (the December before).
struct DemoTask {
    who: usize,
    title: &'static str,
    due: Option<(u32, u32)>,
    recurrence: Option<Recurrence>,
    notes: &'static [(u32, u32, &'static str, Option<TaskStatus>)],
}

const TASKS: &[DemoTask] = &[
    DemoTask {
        who: 0,
        title: "Tham mưu cho Đảng ủy, Ban Giám hiệu xây dựng kế hoạch và tổ chức thực hiện công tác bảo đảm an ninh trật tự, bảo vệ an toàn tính mạng và tài sản của Nhà trường.",
        due: Some((1, 15)),
        recurrence: None,
        notes: &[(
            1,
            12,
            "Đã trình Ban Giám hiệu kế hoạch bảo đảm an ninh trật tự năm học; Ban Giám hiệu đã ký ban hành.",
            Some(TaskStatus::Done),
        )],
    },
    DemoTask {
        who: 0,
        title: "Phân công lực lượng bảo vệ trực 24/24 giờ tại các cơ sở. Phối hợp với Ban Chỉ huy Quân sự và lực lượng tự vệ cơ quan tăng cường công tác bảo đảm an ninh trật tự vào các ngày Lễ, Tết, các chương trình sự kiện lớn của Nhà trường.",
        due: None,
        recurrence: Some(Recurrence::BeforeHolidays),
        notes: &[
            (
                12,
                29,
                "Lịch trực Tết Dương lịch đã phân công cho 3 cơ sở.",
                None,
            ),
            (
                2,
                10,
                "Lịch trực Tết Nguyên đán: 12 ca, phối hợp Trung đội tự vệ.",
                None,
            ),
            (4, 25, "Lịch trực 30/4 - 1/5 đã gửi các cơ sở.", None),
            (8, 28, "Lịch trực Quốc khánh 2/9 đã gửi các cơ sở.", None),
        ],
    },
    DemoTask {
        who: 0,
        title: "Phối hợp với Công an phường Cam Đường, các cụm an ninh liên kết thực hiện tốt việc tuần tra canh gác, bảo đảm giữ gìn an ninh trật tự, an toàn xã hội.",
        due: None,
        recurrence: Some(Recurrence::Quarterly),
        notes: &[
            (
                3,
                27,
                "Quý I: 6 buổi tuần tra chung với Công an phường Cam Đường.",
                None,
            ),
            (
                6,
                26,
                "Quý II: 7 buổi tuần tra chung; bảo vệ kỳ thi tốt nghiệp.",
                None,
            ),
            (
                9,
                25,
                "Quý III: 5 buổi tuần tra chung dịp khai giảng.",
                None,
            ),
            (11, 10, "Tháng 10 - 11: 4 buổi tuần tra chung.", None),
        ],
    },
    DemoTask {
        who: 0,
        title: "Bộ phận Truyền thông xây dựng kế hoạch tuyên truyền công tác bảo đảm an ninh trật tự và phong trào Toàn dân bảo vệ an ninh Tổ quốc trên các trang mạng xã hội của Nhà trường.",
        due: None,
        recurrence: Some(Recurrence::Quarterly),
        notes: &[
            (
                3,
                30,
                "Quý I: 9 bài trên fanpage, 3 tin trên website.",
                None,
            ),
            (6, 29, "Quý II: 11 bài trên fanpage.", None),
        ],
    },
    DemoTask {
        who: 1,
        title: "Tham mưu xây dựng kế hoạch và tổ chức thực hiện tốt công tác bảo đảm an ninh, trật tự; quản lý học sinh, sinh viên nội trú, ngoại trú.",
        due: None,
        recurrence: Some(Recurrence::Quarterly),
        notes: &[
            (
                3,
                25,
                "Cập nhật danh sách 612 HSSV nội trú, 1.390 ngoại trú.",
                None,
            ),
            (
                6,
                24,
                "Rà soát HSSV ngoại trú thuê trọ tại phường Cam Đường.",
                None,
            ),
            (9, 22, "Cập nhật danh sách HSSV nội trú khóa K19.", None),
            (
                11,
                5,
                "Tổng hợp tình hình HSSV nội trú, ngoại trú năm học.",
                None,
            ),
        ],
    },
    DemoTask {
        who: 1,
        title: "Kiện toàn Ban Quản lý Ký túc xá, các đội tự quản. Thường xuyên duy trì và tổ chức hoạt động bảo đảm an ninh trật tự khu nội trú.",
        due: Some((3, 31)),
        recurrence: None,
        notes: &[(
            3,
            18,
            "Quyết định kiện toàn Ban Quản lý Ký túc xá (8 thành viên) và Đội thanh niên tự quản khu nội trú (25 thành viên).",
            Some(TaskStatus::Done),
        )],
    },
    DemoTask {
        who: 1,
        title: "Phối hợp với lực lượng Bảo vệ thực hiện tốt công tác bảo vệ an toàn về tính mạng và tài sản của Nhà trường và khu nội trú.",
        due: None,
        recurrence: None,
        notes: &[(
            5,
            6,
            "Lắp thêm 6 camera tại khu nội trú B.",
            Some(TaskStatus::InProgress),
        )],
    },
    DemoTask {
        who: 1,
        title: "Phối hợp chặt chẽ với công an địa phương để giải quyết các vụ việc phát sinh.",
        due: None,
        recurrence: None,
        notes: &[],
    },
    DemoTask {
        who: 1,
        title: "Tổ chức cho học sinh, sinh viên nội trú ký cam kết chấp hành nội quy ký túc xá và bảo đảm an ninh, trật tự.",
        due: Some((10, 15)),
        recurrence: None,
        notes: &[(
            9,
            30,
            "Đã ký 540/612 HSSV nội trú; còn khóa K19 nhập học muộn.",
            Some(TaskStatus::InProgress),
        )],
    },
    DemoTask {
        who: 2,
        title: "Chủ động xây dựng kế hoạch, phương án bảo đảm an ninh trật tự và an toàn xã hội trong đơn vị.",
        due: Some((2, 28)),
        recurrence: None,
        notes: &[(
            2,
            26,
            "8/8 phòng, khoa, trung tâm đã gửi kế hoạch về Văn phòng.",
            Some(TaskStatus::Done),
        )],
    },
    DemoTask {
        who: 2,
        title: "Tuyên truyền đến toàn thể viên chức, người lao động trong đơn vị, phối hợp với các đơn vị chủ trì thực hiện tốt công tác bảo đảm an ninh trật tự, an toàn xã hội trong Nhà trường.",
        due: None,
        recurrence: None,
        notes: &[],
    },
];

/// Writes the demo plan of the college inside the demo's transaction and
/// returns its year.
/// `office` is the Văn phòng, `student_affairs` the Phòng Công tác sinh viên.
pub(crate) async fn load(
    tx: &Tx,
    college: UnitId,
    office: DepartmentId,
    student_affairs: DepartmentId,
    now: DateTime<Utc>,
) -> CoreResult<i32> {
    let today = local_date(now);
    let year = demo_year(today);
    let plan = store::insert_plan(tx, college, year, &seed_002(year), now).await?;
    store::set_plan_state(tx, college, plan.id, PlanState::Approved, now).await?;
    let at = |month: u32, day: u32| {
        let y = if month == 12 { year - 1 } else { year };
        NaiveDate::from_ymd_opt(y, month, day)
    };
    for t in TASKS {
        let input = TaskInput {
            section: 4,
            title: t.title.into(),
            department_id: match t.who {
                0 => Some(office),
                1 => Some(student_affairs),
                _ => None,
            },
            person_id: None,
            partner_ids: if t.who == 1 { vec![office] } else { Vec::new() },
            due_on: t.due.and_then(|(m, d)| at(m, d)),
            recurrence: t.recurrence,
            for_kind: None,
        };
        let task = store::insert_task(tx, college, plan.id, &input, now).await?;
        let mut status = TaskStatus::Planned;
        for (month, day, text, new_status) in t.notes {
            let Some(day) = at(*month, *day).filter(|d| *d <= today) else {
                continue;
            };
            status = new_status.unwrap_or(if status == TaskStatus::Planned {
                TaskStatus::InProgress
            } else {
                status
            });
            let written = Utc
                .from_local_datetime(&day.and_hms_opt(2, 30, 0).unwrap_or_default())
                .single()
                .unwrap_or(now);
            let note = NoteInput {
                body: (*text).into(),
                status: *new_status,
                link: None,
                file: None,
            };
            let author = NoteAuthor {
                user_id: None,
                name: if t.who == 1 {
                    "Phòng CTSV và QLCL"
                } else {
                    "Văn phòng"
                }
                .into(),
                at: written,
            };
            store::insert_note(tx, college, task.id, &note, &author).await?;
            store::record_progress(tx, college, task.id, status, day, now).await?;
        }
    }
    Ok(year)
}

/// A unit's note on a task of the province's plan: which of the units
/// reporting, the month and day, the words, the status it reached.
type UnitNote = (usize, u32, u32, &'static str, Option<TaskStatus>);
/// A task of the province's plan: its title, due (month, day), the units'
/// answers, and the kind of unit it is given to (`None`: every unit).
type ProvinceTask = (
    &'static str,
    (u32, u32),
    &'static [UnitNote],
    Option<UnitKind>,
);

/// The province's own plan for the year, issued, its tasks given to every
/// unit under it; the college and a few others have reported on some.
pub(crate) async fn load_province(
    tx: &Tx,
    province: UnitId,
    reporting: &[(UnitId, &str)],
    year: i32,
    now: DateTime<Utc>,
) -> CoreResult<()> {
    let today = local_date(now);
    let day = |m: u32, d: u32| {
        let y = if m == 12 { year - 1 } else { year };
        NaiveDate::from_ymd_opt(y, m, d)
    };
    let content = PlanContent {
        parent_body: Some("BỘ CÔNG AN".into()),
        issuing_body: "CÔNG AN TỈNH LÀO CAI".into(),
        number: Some(112),
        symbol: "KH-CAT-PV05".into(),
        place: "Lào Cai".into(),
        signed_on: day(12, 20),
        title: format!(
            "Triển khai phong trào Toàn dân bảo vệ an ninh Tổ quốc trong cơ quan, doanh nghiệp, nhà trường năm {year}"
        ),
        bases: vec![
            "Thông tư số 124/2021/TT-BCA ngày 28/12/2021 của Bộ trưởng Bộ Công an quy định về khu dân cư, xã, phường, thị trấn, cơ quan, doanh nghiệp, cơ sở giáo dục đạt tiêu chuẩn “An toàn về an ninh, trật tự”".into(),
        ],
        preamble: format!(
            "Công an tỉnh ban hành Kế hoạch triển khai phong trào Toàn dân bảo vệ an ninh Tổ quốc trong các cơ quan, doanh nghiệp, nhà trường trên địa bàn tỉnh năm {year} như sau:"
        ),
        sections: vec![
            PlanSection {
                title: "Mục đích, yêu cầu".into(),
                text: "Nâng cao chất lượng phong trào trong cơ quan, doanh nghiệp, nhà trường; phấn đấu đạt các chỉ tiêu giai đoạn 2026–2030.".into(),
            },
            PlanSection {
                title: "Nhiệm vụ của các cơ quan, doanh nghiệp, nhà trường".into(),
                text: "Các đơn vị thực hiện các nhiệm vụ dưới đây và báo cáo kết quả từng nhiệm vụ trên antt.".into(),
            },
            PlanSection {
                title: "Tổ chức thực hiện".into(),
                text: "Phòng PV05 chủ trì theo dõi, đôn đốc; Công an cấp xã hướng dẫn các đơn vị trên địa bàn.".into(),
            },
        ],
        report: ReportDuty {
            what: "Kết quả phong trào năm".into(),
            to: "Công an tỉnh (qua Phòng PV05)".into(),
            due: day(11, 15),
        },
        closing: "Yêu cầu các đơn vị nghiêm túc triển khai thực hiện.".into(),
        recipients: vec![
            "Các cơ quan, doanh nghiệp, nhà trường trên địa bàn".into(),
            "Công an các xã, phường".into(),
            "Lưu: VT, PV05".into(),
        ],
        signer: PlanSigner {
            authority: Some("KT. GIÁM ĐỐC".into()),
            title: "PHÓ GIÁM ĐỐC".into(),
            name: String::new(),
        },
    };
    let plan = store::insert_plan(tx, province, year, &content, now).await?;
    store::set_plan_state(tx, province, plan.id, PlanState::Approved, now).await?;
    let tasks: [ProvinceTask; 5] = [
        (
            "Đăng ký phấn đấu đạt tiêu chuẩn “An toàn về an ninh, trật tự”, gửi Công an cấp xã",
            (3, 31),
            &[
                (
                    0,
                    2,
                    20,
                    "Đã đăng ký, gửi bản đăng ký cho Công an phường Cam Đường.",
                    Some(TaskStatus::Done),
                ),
                (1, 3, 10, "Đã đăng ký.", Some(TaskStatus::Done)),
                (
                    2,
                    3,
                    25,
                    "Đã đăng ký, gửi Công an xã.",
                    Some(TaskStatus::Done),
                ),
            ],
            None,
        ),
        (
            "Tổ chức Ngày hội Toàn dân bảo vệ an ninh Tổ quốc (19/8) tại đơn vị",
            (8, 19),
            &[(
                0,
                8,
                18,
                "Tổ chức Ngày hội tại cơ sở 1, 1.200 người dự.",
                Some(TaskStatus::Done),
            )],
            None,
        ),
        (
            "Rà soát, kiện toàn lực lượng bảo vệ; trang bị công cụ hỗ trợ, bộ đàm",
            (9, 30),
            &[],
            None,
        ),
        (
            "Xây dựng, nhân rộng mô hình “Doanh nghiệp an toàn về an ninh, trật tự” gắn với bảo vệ sản xuất, kinh doanh",
            (10, 31),
            &[],
            Some(UnitKind::Enterprise),
        ),
        (
            "Báo cáo kết quả phong trào năm và hồ sơ đề nghị công nhận “An toàn về an ninh, trật tự”",
            (11, 15),
            &[(
                0,
                11,
                14,
                "Đã gửi báo cáo kết quả năm; hồ sơ công nhận gửi sau cuộc họp tự đánh giá.",
                None,
            )],
            None,
        ),
    ];
    for (title, (m, d), notes, for_kind) in tasks {
        let input = TaskInput {
            section: 2,
            title: title.into(),
            department_id: None,
            person_id: None,
            partner_ids: Vec::new(),
            due_on: day(m, d),
            recurrence: None,
            for_kind,
        };
        let task = store::insert_task(tx, province, plan.id, &input, now).await?;
        for (who, m, d, text, status) in notes {
            let (Some((unit, office)), Some(on)) = (reporting.get(*who), day(*m, *d)) else {
                continue;
            };
            if on > today {
                continue;
            }
            let note = NoteInput {
                body: (*text).into(),
                status: *status,
                link: None,
                file: None,
            };
            let author = NoteAuthor {
                user_id: None,
                name: (*office).into(),
                at: Utc
                    .from_local_datetime(&on.and_hms_opt(2, 30, 0).unwrap_or_default())
                    .single()
                    .unwrap_or(now),
            };
            antt_store::task_answer::insert(tx, *unit, province, task.id, &note, &author).await?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_demo_shows_the_year_just_ended_until_its_new_plan_is_due() {
        let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).expect("a date");
        assert_eq!(demo_year(day(2026, 11, 21)), 2026);
        assert_eq!(demo_year(day(2026, 12, 31)), 2026);
        assert_eq!(demo_year(day(2027, 1, 1)), 2027);
        assert_eq!(demo_year(day(2026, 6, 1)), 2026);
    }

    #[test]
    fn the_demo_plan_is_valid_as_typed() {
        let content = seed_002(2026);
        assert_eq!(content.clone().validate(), Ok(content));
    }
}
