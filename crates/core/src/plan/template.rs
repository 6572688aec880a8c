//! The plan a unit starts from when it has none from last year: the
//! structure and wording of the 2026 plan of Trường Cao đẳng Lào Cai (seed
//! 002), sections I–V, with the unit's own name, place and police body.
//! This is document text, not interface text: it is what gets printed.

use antt_domain::plan::{PlanContent, PlanSection, PlanSigner, ReportDuty};
use antt_domain::unit::Unit;
use chrono::{Datelike, NaiveDate};

/// `{unit}` is the unit's name, `{year}` the plan's year, `{police}` the
/// police body the report goes to.
const SECTIONS: &[(&str, &str)] = &[
    (
        "Mục đích, yêu cầu",
        "1. Mục đích:
Triển khai thực hiện nghiêm túc, hiệu quả các chủ trương của Đảng, chính sách pháp luật của Nhà nước về công tác bảo đảm an ninh, trật tự trong tình hình mới tại {unit}.
Phát huy sức mạnh tổng hợp của hệ thống chính trị trong đơn vị; nâng cao vai trò, trách nhiệm của cán bộ, viên chức, người lao động và học sinh, sinh viên trong phong trào “Toàn dân bảo vệ an ninh Tổ quốc”.
Xây dựng {unit} đạt tiêu chuẩn “An toàn về an ninh, trật tự”, tạo môi trường giáo dục ổn định, lành mạnh, an toàn.
Góp phần phòng ngừa, phát hiện, đấu tranh với các hành vi vi phạm pháp luật; hạn chế tệ nạn xã hội, bảo đảm an ninh chính trị nội bộ, an toàn trường học.
2. Yêu cầu:
Phong trào thi đua được triển khai sâu rộng, thường xuyên, liên tục, gắn với nhiệm vụ chính trị và hoạt động giáo dục đào tạo của đơn vị.
Nội dung thi đua thiết thực, hiệu quả, phù hợp với điều kiện thực tế của {unit}.
Có sự phối hợp chặt chẽ với lực lượng Công an địa phương và các đơn vị liên quan.
Thực hiện tốt công tác kiểm tra, đánh giá; kịp thời biểu dương, khen thưởng các tập thể, cá nhân tiêu biểu.",
    ),
    (
        "Công tác chỉ đạo và tuyên truyền, vận động",
        "1. Công tác chỉ đạo
Lãnh đạo đơn vị tăng cường công tác lãnh đạo, chỉ đạo triển khai thực hiện các văn bản chỉ đạo của cấp trên về phong trào “Toàn dân bảo vệ an ninh Tổ quốc”; xác định đây là nhiệm vụ thường xuyên, gắn với công tác xây dựng môi trường giáo dục an toàn, lành mạnh.
Phân công rõ trách nhiệm cho các phòng, khoa, đơn vị trực thuộc; xác định rõ người chịu trách nhiệm chính trong tổ chức triển khai thực hiện; gắn kết quả thực hiện phong trào với việc đánh giá mức độ hoàn thành nhiệm vụ, bình xét thi đua, khen thưởng hằng năm của tập thể và cá nhân.
Thường xuyên kiểm tra, đôn đốc, hướng dẫn việc thực hiện tại các đơn vị; kịp thời chấn chỉnh những tồn tại, hạn chế; chủ động phối hợp với lực lượng Công an địa phương và các cơ quan liên quan.
2. Công tác tuyên truyền, vận động
Thủ trưởng các phòng, khoa, trung tâm quán triệt, triển khai nghiêm túc các văn bản về công tác bảo đảm an ninh, trật tự và phong trào Toàn dân bảo vệ an ninh Tổ quốc tới 100% cán bộ, viên chức, người lao động, học sinh, sinh viên.
Nội dung: Tuyên truyền đường lối, chủ trương của Đảng, chính sách, pháp luật của Nhà nước, quy định của đơn vị, địa phương về công tác bảo đảm an ninh, trật tự.
Biện pháp:
+ Phối hợp với Công an tỉnh, Công an phường tổ chức các đợt tuyên truyền pháp luật, trọng tâm là công tác bảo vệ bí mật Nhà nước, phòng, chống tội phạm trên không gian mạng, bảo đảm trật tự an toàn giao thông, phòng, chống cháy nổ, cứu nạn, cứu hộ.
+ Phối hợp với các cơ quan truyền thông giới thiệu gương tốt, việc tốt, điển hình tiên tiến trong công tác bảo đảm an ninh, trật tự.
+ Lồng ghép nội dung tuyên truyền vào sinh hoạt chi bộ, sinh hoạt chuyên môn, sinh hoạt lớp, đoàn thể, câu lạc bộ. Tổ chức cuộc thi tìm hiểu pháp luật cho học sinh, sinh viên.",
    ),
    (
        "Nội dung của phong trào thi đua và hình thức khen thưởng",
        "1. Nội dung của phong trào thi đua
1.1. Thi đua xây dựng đơn vị an toàn về an ninh, trật tự gắn với duy trì, nâng cao hiệu quả các mô hình tự quản
Phấn đấu xây dựng {unit} đạt tiêu chuẩn “An toàn về an ninh, trật tự”; chủ động phòng ngừa, phát hiện, ngăn chặn và xử lý kịp thời các hành vi vi phạm pháp luật, không để phát sinh điểm nóng về an ninh, trật tự.
Bảo đảm an ninh, an toàn tại các khu giảng đường, ký túc xá, khuôn viên; bảo vệ an toàn tuyệt đối các kỳ thi, sự kiện và hoạt động lớn của đơn vị.
Khuyến khích học sinh, sinh viên tích cực phát hiện, cung cấp thông tin cho lực lượng chức năng về các dấu hiệu mất an ninh, trật tự trong và xung quanh khu vực trường học.
1.2. Thi đua phòng, chống tội phạm, tệ nạn xã hội và phòng cháy, chữa cháy
Thực hiện nghiêm các quy định về phòng cháy, chữa cháy và cứu nạn, cứu hộ; tổ chức tập huấn kỹ năng cho Đội phòng cháy chữa cháy cơ sở, lực lượng tự vệ, bảo vệ và các tổ tự quản.
Phấn đấu 100% cán bộ, giảng viên, học sinh, sinh viên không vi phạm pháp luật, không mắc tệ nạn xã hội, không vi phạm quy định về trật tự an toàn giao thông.
1.3. Thi đua ứng dụng công nghệ thông tin, chuyển đổi số
Tăng cường ứng dụng công nghệ thông tin, chuyển đổi số trong công tác bảo đảm an ninh, trật tự; tuyên truyền qua website, các trang mạng xã hội chính thức của đơn vị; bảo đảm an toàn thông tin, không để lộ, lọt bí mật Nhà nước.
2. Hình thức khen thưởng:
Khen thưởng định kỳ: bình xét và tặng Giấy khen cho các tập thể, cá nhân có thành tích xuất sắc trong phong trào; lựa chọn những điển hình tiêu biểu để đề nghị cấp trên khen thưởng theo quy định.
Khen thưởng đột xuất: biểu dương, khen thưởng kịp thời các cá nhân có thành tích xuất sắc trong đấu tranh phòng, chống tội phạm hoặc dũng cảm bảo vệ tài sản, tính mạng con người.",
    ),
    ("Tổ chức thực hiện", ""),
    (
        "Chế độ báo cáo",
        "Giao Văn phòng chủ trì, phối hợp với các đơn vị liên quan tổng hợp tình hình, tham mưu xây dựng báo cáo kết quả thực hiện Phong trào gửi về {police} trước ngày 15/11/{year} để tổng hợp theo quy định.",
    ),
];

/// The place name of a unit's address: "Phường Cam Đường, tỉnh Lào Cai"
/// gives "Lào Cai".
pub(crate) fn place_of(address: Option<&str>) -> String {
    let last = address
        .and_then(|a| a.rsplit(',').next())
        .map(str::trim)
        .unwrap_or_default();
    for prefix in ["tỉnh ", "Tỉnh ", "thành phố ", "Thành phố ", "TP. ", "TP "] {
        if let Some(rest) = last.strip_prefix(prefix) {
            return rest.trim().to_owned();
        }
    }
    last.to_owned()
}

/// The first plan of a unit for `year`, to be edited.
pub(crate) fn template(unit: &Unit, police: Option<&str>, year: i32) -> PlanContent {
    let police = police.unwrap_or("cơ quan Công an");
    let fill = |text: &str| {
        text.replace("{unit}", &unit.name)
            .replace("{year}", &year.to_string())
            .replace("{police}", police)
    };
    PlanContent {
        parent_body: None,
        issuing_body: unit.name.clone(),
        number: None,
        symbol: format!("KH-{}", antt_words::unit_abbreviation(&unit.name)),
        place: place_of(unit.address.as_deref()),
        signed_on: None,
        title: format!(
            "Triển khai thực hiện Phong trào thi đua “Toàn dân bảo vệ an ninh Tổ quốc” năm {year}"
        ),
        bases: vec![
            "Căn cứ Quyết định số 2447/QĐ-TTg ngày 06/11/2025 của Thủ tướng Chính phủ về việc ban hành Kế hoạch triển khai Phong trào thi đua “Toàn dân bảo vệ an ninh Tổ quốc”".into(),
            "Căn cứ Thông tư số 124/2021/TT-BCA ngày 28/12/2021 của Bộ Công an quy định về cơ sở giáo dục đạt tiêu chuẩn “An toàn về an ninh, trật tự”".into(),
            "Căn cứ tình hình thực tế và nhiệm vụ trọng tâm của đơn vị".into(),
        ],
        preamble: fill(
            "{unit} xây dựng Kế hoạch triển khai thực hiện Phong trào thi đua “Toàn dân bảo vệ an ninh Tổ quốc” năm {year}, như sau:",
        ),
        sections: SECTIONS
            .iter()
            .map(|(title, text)| PlanSection {
                title: (*title).to_owned(),
                text: fill(text),
            })
            .collect(),
        report: ReportDuty {
            what: "Báo cáo kết quả thực hiện Phong trào “Toàn dân bảo vệ an ninh Tổ quốc”".into(),
            to: police.to_owned(),
            due: NaiveDate::from_ymd_opt(year, 11, 15),
        },
        closing: fill(
            "Trên đây là Kế hoạch triển khai thực hiện Phong trào thi đua “Toàn dân bảo vệ an ninh Tổ quốc” năm {year} của {unit}. Đề nghị các phòng, khoa, trung tâm, các tổ chức đoàn thể và các lớp học sinh, sinh viên nghiêm túc triển khai thực hiện./.",
        ),
        recipients: vec![
            police.to_owned(),
            "Ban Giám hiệu".into(),
            "Các phòng, khoa, trung tâm".into(),
            "Các tổ chức đoàn thể".into(),
            "Lưu: VT, VP".into(),
        ],
        signer: PlanSigner {
            authority: None,
            title: "Hiệu trưởng".into(),
            name: String::new(),
        },
    }
}

/// The plan of `year` made from last year's: the text carried forward with
/// the year moved on; the number, the signing day and the signer's name
/// left to be filled in again.
pub(crate) fn carried_forward(last: &PlanContent, last_year: i32, year: i32) -> PlanContent {
    let (old, new) = (last_year.to_string(), year.to_string());
    let bump = |text: &str| text.replace(&old, &new);
    PlanContent {
        number: None,
        signed_on: None,
        title: bump(&last.title),
        preamble: bump(&last.preamble),
        closing: bump(&last.closing),
        sections: last
            .sections
            .iter()
            .map(|s| PlanSection {
                title: s.title.clone(),
                text: bump(&s.text),
            })
            .collect(),
        report: ReportDuty {
            due: last
                .report
                .due
                .and_then(|d| d.with_year(d.year() + (year - last_year))),
            ..last.report.clone()
        },
        ..last.clone()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_place_is_the_province_of_the_address() {
        assert_eq!(place_of(Some("Phường Cam Đường, tỉnh Lào Cai")), "Lào Cai");
        assert_eq!(
            place_of(Some("Quận 1, Thành phố Hồ Chí Minh")),
            "Hồ Chí Minh"
        );
        assert_eq!(place_of(Some("Sa Pa")), "Sa Pa");
        assert_eq!(place_of(None), "");
    }
}
