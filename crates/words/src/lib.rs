//! The Vietnamese words of antt for every code of the domain, in one place:
//! the screens, the documents (Word, Excel), the e-mails and the command line
//! all read them here. Templates hold the rest of the screens' text; the
//! prose of a document lives with the document (`core::*::documents`).

use antt_domain::ErrorCode;
use antt_domain::assessment::{Amount, AssessmentState, Rating, Responsible, Verdict};
use antt_domain::audit::{AuditAction, TargetKind};
use antt_domain::contest::Window;
use antt_domain::incident::{Discipline, IncidentState, InvolvedRole, Severity, ViolationKind};
use antt_domain::org::DepartmentKind;
use antt_domain::person::{Gender, PersonKind, PersonStatus};
use antt_domain::plan::{PlanState, Recurrence, TaskStatus};
use antt_domain::reward::{NominationState, RewardForm, Suggestion};
use antt_domain::role::Role;
use antt_domain::rubric::{RubricError, RubricProblem};
use antt_domain::session::{AttendanceMethod, SessionKind, Topic};
use antt_domain::team::{MemberRole, TeamKind, TeamStatus};
use antt_domain::tip::{Author, NoticeKind, TipCategory, TipChannel, TipState};
use antt_domain::unit::{SchoolLevel, UnitKind};

/// The unit's Vietnamese abbreviation in document numbers, from its name:
/// "Trường Cao đẳng Lào Cai" gives "CĐLC" (the initial of each word, "Đ"
/// kept), "Trường THCS Kim Tân" gives "THCSKT" (a word in capitals kept
/// whole). The leading "Trường", "Công ty", "Cơ quan" name the kind of
/// body, not the body, and are left out, as clerks write them.
#[must_use]
pub fn unit_abbreviation(name: &str) -> String {
    const KIND_WORDS: [&[&str]; 4] = [&["trường"], &["công", "ty"], &["cơ", "quan"], &["ban"]];
    let words: Vec<&str> = name
        .split(|c: char| c.is_whitespace() || c == '-' || c == ',')
        .filter(|w| !w.is_empty())
        .collect();
    let lower: Vec<String> = words.iter().map(|w| w.to_lowercase()).collect();
    let skip = KIND_WORDS
        .iter()
        .find(|k| k.len() < lower.len() && k.iter().zip(&lower).all(|(a, b)| *a == b))
        .map_or(0, |k| k.len());
    words[skip..]
        .iter()
        .map(|w| {
            let letters = w.chars().filter(|c| c.is_alphanumeric());
            if w.chars().filter(|c| c.is_alphabetic()).count() > 1
                && w.chars().all(|c| !c.is_alphabetic() || c.is_uppercase())
            {
                letters.collect::<String>()
            } else {
                letters.take(1).flat_map(char::to_uppercase).collect()
            }
        })
        .collect()
}

/// The day of the week as a roster names it, by days from Monday (0):
/// "Thứ Hai" … "Chủ nhật".
pub fn weekday(days_from_monday: u32) -> &'static str {
    WEEKDAYS[days_from_monday as usize % 7].0
}

/// The day of the week in short, for a phone's narrow column: "T2" … "CN".
pub fn weekday_short(days_from_monday: u32) -> &'static str {
    WEEKDAYS[days_from_monday as usize % 7].1
}

const WEEKDAYS: [(&str, &str); 7] = [
    ("Thứ Hai", "T2"),
    ("Thứ Ba", "T3"),
    ("Thứ Tư", "T4"),
    ("Thứ Năm", "T5"),
    ("Thứ Sáu", "T6"),
    ("Thứ Bảy", "T7"),
    ("Chủ nhật", "CN"),
];

/// A skill a guard post may need.
/// The identity document a visitor shows at the gate.
pub fn document_kind(d: antt_domain::visitor::DocumentKind) -> &'static str {
    use antt_domain::visitor::DocumentKind;
    match d {
        DocumentKind::IdCard => "Căn cước",
        DocumentKind::DrivingLicence => "Giấy phép lái xe",
        DocumentKind::Passport => "Hộ chiếu",
        DocumentKind::Other => "Giấy tờ khác",
    }
}

pub fn skill(s: antt_domain::duty::Skill) -> &'static str {
    use antt_domain::duty::Skill;
    match s {
        Skill::Dormitory => "Trực ký túc xá",
        Skill::FireTeam => "Đội PCCC cơ sở",
        Skill::FirstAid => "Sơ cứu",
    }
}

/// A guard asked to cover a shift who cannot by the rules.
pub const COVER_BREAKS_RULES: &str = "Người này không trực thay được ca này: sẽ vi phạm quy định (thiếu 12 giờ nghỉ giữa hai ca, quá 48 giờ một tuần, quá 40 giờ làm thêm một tháng hoặc trùng ngày đã báo nghỉ). Hãy nhờ người khác.";

/// A kind of item of the fire-safety and camera register.
pub fn equipment_kind(k: antt_domain::equipment::EquipmentKind) -> &'static str {
    use antt_domain::equipment::EquipmentKind as K;
    match k {
        K::PowderExtinguisher => "Bình chữa cháy bột",
        K::Co2Extinguisher => "Bình chữa cháy CO₂",
        K::FoamExtinguisher => "Bình chữa cháy bọt",
        K::Hydrant => "Tủ, họng nước chữa cháy",
        K::AlarmPanel => "Tủ trung tâm báo cháy",
        K::Detector => "Đầu báo cháy, nút ấn",
        K::EmergencyLight => "Đèn chiếu sáng sự cố",
        K::ExitSign => "Đèn chỉ dẫn thoát nạn",
        K::Sprinkler => "Chữa cháy tự động (sprinkler)",
        K::BreathingMask => "Mặt nạ phòng độc",
        K::RescueLadder => "Thang, dây cứu người",
        K::Pump => "Máy bơm chữa cháy",
        K::Camera => "Camera an ninh",
        K::Recorder => "Đầu ghi hình",
        K::SupportTool => "Công cụ hỗ trợ",
        K::Radio => "Bộ đàm",
        K::PatrolVehicle => "Phương tiện tuần tra",
    }
}

/// The kinds a round of checks covers, named by the kind that leads it
/// (see `EquipmentKind::round_lead`).
pub fn round_kinds(k: antt_domain::equipment::EquipmentKind) -> &'static str {
    use antt_domain::equipment::EquipmentKind as K;
    match k.round_lead() {
        K::PowderExtinguisher => "Bình chữa cháy (bột, CO₂, bọt)",
        K::AlarmPanel => "Hệ thống báo cháy (tủ trung tâm, đầu báo)",
        K::EmergencyLight => "Đèn chiếu sáng sự cố, chỉ dẫn thoát nạn",
        K::Camera => "Camera an ninh và đầu ghi",
        other => equipment_kind(other),
    }
}

/// How often a round of checks comes.
pub fn frequency(f: antt_domain::inspection::Frequency) -> &'static str {
    use antt_domain::inspection::Frequency as F;
    match f {
        F::Monthly => "Hằng tháng",
        F::Quarterly => "Hằng quý",
        F::EveryDays => "Sau mỗi số ngày",
    }
}

/// Where an item of the register stands.
pub fn equipment_state(s: antt_domain::equipment::EquipmentState) -> &'static str {
    use antt_domain::equipment::EquipmentState as S;
    match s {
        S::InService => "Đang sử dụng",
        S::Faulty => "Hỏng, chờ sửa",
        S::InRepair => "Đang sửa, nạp lại",
        S::Withdrawn => "Đã thanh lý",
    }
}

/// A line of an item's history.
pub fn equipment_event(k: antt_domain::equipment::EquipmentEventKind) -> &'static str {
    use antt_domain::equipment::EquipmentEventKind as E;
    match k {
        E::Checked => "Kiểm tra: đạt",
        E::CheckFailed => "Kiểm tra: không đạt",
        E::Serviced => "Bảo dưỡng, nạp lại",
        E::PressureTested => "Thử áp lực",
        E::FaultReported => "Báo hỏng",
        E::FaultFixed => "Xử lý báo hỏng",
        E::StateChanged => "Đổi trạng thái",
        E::Registered => "Vào sổ, sửa thông tin",
    }
}

/// Where a fault report stands.
pub fn fault_state(s: antt_domain::equipment::FaultState) -> &'static str {
    use antt_domain::equipment::FaultState as F;
    match s {
        F::Open => "Chưa xử lý",
        F::Fixed => "Đã khắc phục",
        F::Dismissed => "Không phải hỏng",
    }
}

/// What a fire-safety course was.
pub fn training_kind(k: antt_domain::fire::TrainingKind) -> &'static str {
    use antt_domain::fire::TrainingKind as K;
    match k {
        K::Initial => "Huấn luyện",
        K::Refresher => "Bồi dưỡng",
    }
}

/// What is due of an item.
pub fn due_what(w: antt_domain::equipment::DueWhat) -> &'static str {
    use antt_domain::equipment::DueWhat as W;
    match w {
        W::Check => "Kiểm tra",
        W::Service => "Bảo dưỡng, nạp",
        W::PressureTest => "Thử áp lực",
        W::Expiry => "Hết hạn sử dụng",
    }
}

pub fn swap_state(s: antt_domain::duty::SwapState) -> &'static str {
    use antt_domain::duty::SwapState;
    match s {
        SwapState::Asked => "chờ người được nhờ trả lời",
        SwapState::Agreed => "người được nhờ đã đồng ý, chờ Văn phòng duyệt",
        SwapState::Approved => "Văn phòng đã duyệt, lịch đã đổi",
        SwapState::Declined => "người được nhờ không nhận",
        SwapState::Refused => "Văn phòng không duyệt",
        SwapState::Withdrawn => "đã rút lại",
    }
}

/// The days of reinforcement that are every holiday.
pub const EVERY_HOLIDAY: &str = "Mọi ngày lễ, tết (tính theo âm lịch)";

pub fn wish_kind(k: antt_domain::duty::WishKind) -> &'static str {
    use antt_domain::duty::WishKind;
    match k {
        WishKind::Undesired => "Muốn nghỉ",
        WishKind::Unavailable => "Bận, không trực được",
        WishKind::Leave => "Nghỉ phép",
    }
}

pub fn role(r: Role) -> &'static str {
    match r {
        Role::SystemAdmin => "Quản trị hệ thống",
        Role::ProvinceOfficer => "Cán bộ Công an tỉnh",
        Role::UnitAdmin => "Văn phòng (quản trị đơn vị)",
        Role::UnitLeader => "Ban Giám hiệu",
        Role::DepartmentHead => "Trưởng phòng, khoa, trung tâm",
        Role::Guard => "Bảo vệ",
        Role::Teacher => "Giáo viên chủ nhiệm, cố vấn học tập",
        Role::Student => "Học sinh, sinh viên",
    }
}

/// What a province's target counts, as its list and report name it.
pub fn measure(m: antt_domain::province::Measure) -> &'static str {
    use antt_domain::province::Measure as M;
    match m {
        M::MovementAverage => "Phong trào đạt loại trung bình trở lên",
        M::MovementGood => "Phong trào đạt loại khá, xuất sắc",
        M::RecognisedSafe => "Được công nhận đạt chuẩn “An toàn về ANTT”",
        M::SecurityGood => "Lực lượng bảo vệ xếp loại khá trở lên",
        M::SecurityEquipped => "Lực lượng bảo vệ được trang bị công cụ hỗ trợ, phương tiện",
    }
}

/// Why a unit does not count towards a target.
pub fn shortfall(s: antt_domain::province::Shortfall) -> &'static str {
    use antt_domain::province::Shortfall as S;
    match s {
        S::LevelBelow => "Xếp loại thấp hơn chỉ tiêu",
        S::RatedBelow => "Lực lượng bảo vệ xếp loại dưới khá",
        S::NotRecognised => "Chưa được công nhận",
        S::NotEquipped => "Thiếu công cụ hỗ trợ hoặc bộ đàm",
        S::NotScored => "Chưa chấm đủ điểm",
        S::NotAssessed => "Chưa đăng ký đánh giá",
        S::NotRated => "Lực lượng bảo vệ chưa được xếp loại",
    }
}

pub fn unit_kind(k: UnitKind) -> &'static str {
    match k {
        UnitKind::School => "Cơ sở giáo dục",
        UnitKind::Agency => "Cơ quan",
        UnitKind::Enterprise => "Doanh nghiệp",
        UnitKind::ProvincePolice => "Công an tỉnh",
        UnitKind::WardPolice => "Công an xã, phường",
    }
}

/// A school's level, as a school names it (cấp học).
pub fn school_level(l: SchoolLevel) -> &'static str {
    match l {
        SchoolLevel::Preschool => "Mầm non",
        SchoolLevel::Primary => "Tiểu học",
        SchoolLevel::LowerSecondary => "Trung học cơ sở",
        SchoolLevel::UpperSecondary => "Trung học phổ thông",
        SchoolLevel::MultiLevel => "Phổ thông nhiều cấp học",
        SchoolLevel::Vocational => "Trung cấp, cao đẳng",
        SchoolLevel::University => "Đại học, học viện",
    }
}

/// Whom a police body's task is given to: every unit under it, or those
/// of one kind.
pub fn given_to(kind: Option<UnitKind>) -> &'static str {
    match kind {
        None => "Các cơ quan, doanh nghiệp, nhà trường trực thuộc",
        Some(UnitKind::School) => "Các nhà trường, cơ sở giáo dục trực thuộc",
        Some(UnitKind::Agency) => "Các cơ quan trực thuộc",
        Some(UnitKind::Enterprise) => "Các doanh nghiệp trực thuộc",
        Some(UnitKind::ProvincePolice | UnitKind::WardPolice) => "Các đơn vị trực thuộc",
    }
}

pub fn department_kind(k: DepartmentKind) -> &'static str {
    match k {
        DepartmentKind::Office => "Phòng",
        DepartmentKind::Faculty => "Khoa",
        DepartmentKind::Centre => "Trung tâm",
        DepartmentKind::Union => "Đoàn thể",
    }
}

pub fn person_kind(k: PersonKind) -> &'static str {
    match k {
        PersonKind::Staff => "Cán bộ, viên chức",
        PersonKind::Student => "Học sinh, sinh viên",
    }
}

pub fn gender(g: Gender) -> &'static str {
    match g {
        Gender::Male => "Nam",
        Gender::Female => "Nữ",
    }
}

pub fn person_status(s: PersonStatus) -> &'static str {
    match s {
        PersonStatus::Active => "Đang học tập, công tác",
        PersonStatus::Left => "Đã chuyển đi, nghỉ",
    }
}

pub fn boarding(b: bool) -> &'static str {
    if b { "Nội trú" } else { "Ngoại trú" }
}

pub fn audit_action(a: AuditAction) -> &'static str {
    match a {
        AuditAction::Create => "Tạo mới",
        AuditAction::Update => "Sửa",
        AuditAction::View => "Xem chi tiết",
        AuditAction::Login => "Đăng nhập",
        AuditAction::LoginFailed => "Đăng nhập sai mật khẩu",
        AuditAction::Logout => "Đăng xuất",
        AuditAction::TokenIssue => "Cấp mã truy cập API",
        AuditAction::PasswordChange => "Đổi mật khẩu",
        AuditAction::PasswordReset => "Đặt lại mật khẩu",
        AuditAction::Lock => "Khóa tài khoản",
        AuditAction::Unlock => "Mở khóa tài khoản",
        AuditAction::LoginUnblock => "Cho đăng nhập lại ngay",
        AuditAction::KeyChange => "Ghi nhận hoặc đổi khóa niêm phong tin báo",
        AuditAction::DemoLoad => "Nạp dữ liệu mẫu",
        AuditAction::Import => "Nhập từ tệp",
        AuditAction::Export => "Xuất ra tệp",
        AuditAction::Upload => "Tải tệp lên để xem trước",
    }
}

pub fn target_kind(k: TargetKind) -> &'static str {
    match k {
        TargetKind::Unit => "Đơn vị",
        TargetKind::Campus => "Cơ sở",
        TargetKind::Department => "Phòng, khoa",
        TargetKind::Class => "Lớp",
        TargetKind::Person => "Cá nhân",
        TargetKind::User => "Tài khoản",
        TargetKind::Plan => "Kế hoạch",
        TargetKind::PlanTask => "Nhiệm vụ",
        TargetKind::Session => "Buổi tuyên truyền",
        TargetKind::Commitment => "Bản cam kết",
        TargetKind::Team => "Mô hình, đội",
        TargetKind::Contest => "Cuộc thi",
        TargetKind::Tip => "Tin báo",
        TargetKind::Incident => "Vụ việc",
        TargetKind::Violation => "Vi phạm",
        TargetKind::Assessment => "Tự đánh giá ANTT",
        TargetKind::Rubric => "Bảng điểm",
        TargetKind::Report => "Báo cáo năm",
        TargetKind::Reward => "Khen thưởng",
        TargetKind::DutyPost => "Vị trí trực bảo vệ",
        TargetKind::Roster => "Lịch trực bảo vệ",
        TargetKind::ShiftLog => "Sổ trực ban",
        TargetKind::Patrol => "Tuần tra",
        TargetKind::Visitor => "Khách ra vào cổng",
        TargetKind::Equipment => "Phương tiện PCCC, camera",
        TargetKind::Dorm => "Ký túc xá",
        TargetKind::Province => "Chỉ tiêu phong trào",
    }
}

pub fn tip_category(c: TipCategory) -> &'static str {
    match c {
        TipCategory::Theft => "Trộm cắp tài sản",
        TipCategory::Violence => "Đánh nhau, bạo lực học đường",
        TipCategory::Drugs => "Ma túy",
        TipCategory::Gambling => "Cờ bạc, cá độ",
        TipCategory::Outsiders => "Người ngoài gây rối",
        TipCategory::Fire => "Cháy, nổ",
        TipCategory::Traffic => "Tai nạn giao thông",
        TipCategory::OnlineFraud => "Lừa đảo trên mạng",
        TipCategory::FalseInformation => "Thông tin sai sự thật, xấu độc về đơn vị",
        TipCategory::InternalRules => "Vi phạm nội quy",
        TipCategory::Other => "Việc khác",
        TipCategory::ReligionPropaganda => {
            "Tuyên truyền, phát triển tín ngưỡng, tôn giáo trái pháp luật"
        }
        TipCategory::ExploitingGrievances => {
            "Lợi dụng tín ngưỡng, tôn giáo, dân tộc, tranh chấp, khiếu nại gây phức tạp ANTT"
        }
        TipCategory::MassComplaints => "Kích động khiếu kiện đông người, gây rối trật tự công cộng",
        TipCategory::Strike => "Đình công, lãn công trái pháp luật",
        TipCategory::StateSecrets => "Vi phạm quy định bảo vệ bí mật nhà nước",
        TipCategory::LabourAccident => "Tai nạn lao động",
        TipCategory::Environment => "Vi phạm về môi trường",
        TipCategory::FoodSafety => "Ngộ độc thực phẩm, vi phạm an toàn thực phẩm",
    }
}

pub fn tip_channel(c: TipChannel) -> &'static str {
    match c {
        TipChannel::Portal => "Cổng báo tin trực tuyến",
        TipChannel::Phone => "Điện thoại",
        TipChannel::InPerson => "Báo trực tiếp",
        TipChannel::Letter => "Thư, đơn",
        TipChannel::WardPolice => "Công an phường, xã chuyển đến",
    }
}

pub fn tip_state(s: TipState) -> &'static str {
    match s {
        TipState::Received => "Mới tiếp nhận",
        TipState::Verifying => "Đang xác minh",
        TipState::Handling => "Đang xử lý",
        TipState::Transferred => "Đã chuyển Công an",
        TipState::Resolved => "Đã giải quyết",
        TipState::Unfounded => "Không có cơ sở",
    }
}

/// The state as the reporter reads it.
pub fn tip_state_for_reporter(s: TipState) -> &'static str {
    match s {
        TipState::Received => "Nhà trường đã nhận tin báo",
        TipState::Verifying => "Đang xác minh",
        TipState::Handling => "Đang xử lý",
        TipState::Transferred => "Đã chuyển cơ quan Công an",
        TipState::Resolved => "Đã giải quyết xong",
        TipState::Unfounded => "Đã xác minh, không có cơ sở",
    }
}

/// The button that moves a tip to a state.
pub fn tip_state_action(s: TipState) -> &'static str {
    match s {
        TipState::Received => "Tiếp nhận",
        TipState::Verifying => "Bắt đầu xác minh",
        TipState::Handling => "Chuyển sang xử lý",
        TipState::Transferred => "Chuyển cơ quan Công an",
        TipState::Resolved => "Kết thúc: đã giải quyết",
        TipState::Unfounded => "Kết thúc: không có cơ sở",
    }
}

pub fn notice_kind(k: NoticeKind) -> &'static str {
    match k {
        NoticeKind::New => "Tin báo mới",
        NoticeKind::Urgent => "Tin báo khẩn",
        NoticeKind::Assigned => "Được giao xử lý",
        NoticeKind::Reply => "Người báo tin trả lời",
        NoticeKind::DueSoon => "Sắp đến hạn",
        NoticeKind::Overdue => "Quá hạn",
    }
}

/// What a dormitory alert tells.
pub fn dorm_alert(k: antt_domain::dorm::AlertKind) -> &'static str {
    match k {
        antt_domain::dorm::AlertKind::Absent => "Vắng không phép khi điểm danh tối",
        antt_domain::dorm::AlertKind::NotBack => "Hết hạn phép chưa về ký túc xá",
    }
}

/// Where a boarder's temporary-residence registration stands.
pub fn registration(r: antt_domain::dorm::Registration) -> &'static str {
    use antt_domain::dorm::Registration as R;
    match r {
        R::Missing => "Thiếu giấy tờ",
        R::Unregistered => "Chưa đăng ký",
        R::Registered => "Đã đăng ký",
        R::Expiring => "Sắp hết hạn",
        R::Lapsed => "Đã hết hạn",
    }
}

/// A mark of the roll call.
pub fn roll_mark(m: antt_domain::dorm::Mark) -> &'static str {
    match m {
        antt_domain::dorm::Mark::Present => "Có mặt",
        antt_domain::dorm::Mark::OnLeave => "Vắng có phép",
        antt_domain::dorm::Mark::Absent => "Vắng không phép",
    }
}

/// Where a leave request stands.
pub fn leave_state(s: antt_domain::dorm::LeaveState) -> &'static str {
    match s {
        antt_domain::dorm::LeaveState::Asked => "Chờ duyệt",
        antt_domain::dorm::LeaveState::Approved => "Đã duyệt",
        antt_domain::dorm::LeaveState::Refused => "Không duyệt",
        antt_domain::dorm::LeaveState::Cancelled => "Đã hủy",
    }
}

/// The category inside a sentence of a report ("xảy ra vụ việc …").
pub fn tip_category_in_sentence(c: TipCategory) -> &'static str {
    match c {
        TipCategory::Theft => "trộm cắp tài sản",
        TipCategory::Violence => "đánh nhau, bạo lực học đường",
        TipCategory::Drugs => "liên quan đến ma túy",
        TipCategory::Gambling => "cờ bạc, cá độ",
        TipCategory::Outsiders => "người ngoài gây rối trật tự",
        TipCategory::Fire => "cháy, nổ",
        TipCategory::Traffic => "tai nạn giao thông",
        TipCategory::OnlineFraud => "lừa đảo trên không gian mạng",
        TipCategory::FalseInformation => "thông tin sai sự thật, xấu độc về đơn vị",
        TipCategory::InternalRules => "vi phạm nội quy",
        TipCategory::Other => "an ninh, trật tự",
        TipCategory::ReligionPropaganda => "tuyên truyền tôn giáo trái pháp luật",
        TipCategory::ExploitingGrievances => "lợi dụng tôn giáo, dân tộc, khiếu nại gây phức tạp",
        TipCategory::MassComplaints => "kích động khiếu kiện đông người, gây rối",
        TipCategory::Strike => "đình công, lãn công trái pháp luật",
        TipCategory::StateSecrets => "vi phạm bảo vệ bí mật nhà nước",
        TipCategory::LabourAccident => "tai nạn lao động",
        TipCategory::Environment => "vi phạm về môi trường",
        TipCategory::FoodSafety => "ngộ độc thực phẩm",
    }
}

/// What a notice says happened, as the first words of its e-mail.
pub fn notice_headline(k: NoticeKind) -> &'static str {
    match k {
        NoticeKind::New => "Có tin báo mới",
        NoticeKind::Urgent => "TIN BÁO KHẨN",
        NoticeKind::Assigned => "Anh/chị được giao xử lý tin báo",
        NoticeKind::Reply => "Người báo tin đã trả lời",
        NoticeKind::DueSoon => "Tin báo sắp đến hạn xử lý",
        NoticeKind::Overdue => "Tin báo đã quá hạn xử lý",
    }
}

/// The severity inside a sentence ("mức độ …").
pub fn severity_in_sentence(s: Severity) -> &'static str {
    match s {
        Severity::Minor => "ít nghiêm trọng",
        Severity::Serious => "nghiêm trọng",
        Severity::VerySerious => "rất nghiêm trọng",
    }
}

pub fn reward_form(f: RewardForm) -> &'static str {
    match f {
        RewardForm::UnitCertificate => "Giấy khen của Thủ trưởng đơn vị",
        RewardForm::PoliceDirectorCertificate => "Giấy khen của Giám đốc Công an tỉnh",
        RewardForm::ChairmanMerit => "Bằng khen của Chủ tịch UBND tỉnh",
        RewardForm::MinisterMerit => "Bằng khen của Bộ trưởng Bộ Công an",
        RewardForm::CommemorativeMedal => "Kỷ niệm chương “Bảo vệ an ninh Tổ quốc”",
    }
}

/// A reward as the unit head's decision writes it in Điều 1: "Tặng Giấy
/// khen cho …" (the head's own certificate needs no "of whom").
pub fn reward_form_in_sentence(f: RewardForm) -> &'static str {
    match f {
        RewardForm::UnitCertificate => "Giấy khen",
        other => reward_form(other),
    }
}

/// How many people and collectives a decision rewards, as a paper counts
/// them: "02 cá nhân và 01 tập thể", "03 cá nhân", "01 tập thể".
pub fn people_and_collectives(people: usize, collectives: usize) -> String {
    match (people, collectives) {
        (p, 0) => format!("{p:02} cá nhân"),
        (0, c) => format!("{c:02} tập thể"),
        (p, c) => format!("{p:02} cá nhân và {c:02} tập thể"),
    }
}

/// The conclusion the minutes of the self-assessment meeting draft from
/// the criteria's table, so the two never disagree: recognition asked for
/// only when every check holds; otherwise the checks that fail or wait
/// for confirmation are named.
pub fn minutes_conclusion(
    unit: &str,
    year: i32,
    failed: &[String],
    unconfirmed: &[String],
) -> String {
    let standard = "tiêu chuẩn “An toàn về an ninh, trật tự” theo Thông tư số 124/2021/TT-BCA";
    match (failed.is_empty(), unconfirmed.is_empty()) {
        (true, true) => format!(
            "Hội nghị thống nhất: năm {year}, {unit} đạt đủ các tiêu chí của {standard}; đề nghị cơ quan có thẩm quyền xét, công nhận."
        ),
        (false, _) => format!(
            "Hội nghị thống nhất: năm {year}, {unit} chưa đạt tiêu chí {} của {standard}, nên chưa đủ điều kiện đề nghị công nhận.",
            failed.join(", ")
        ),
        (true, false) => format!(
            "Hội nghị thống nhất: năm {year}, {unit} đạt các tiêu chí đã đánh giá; nội dung {} cần được xác nhận, có minh chứng trước khi đề nghị cơ quan có thẩm quyền xét, công nhận đạt {standard}.",
            unconfirmed.join(", ")
        ),
    }
}

pub fn severity(s: Severity) -> &'static str {
    match s {
        Severity::Minor => "Ít nghiêm trọng",
        Severity::Serious => "Nghiêm trọng",
        Severity::VerySerious => "Rất nghiêm trọng",
    }
}

pub fn incident_state(s: IncidentState) -> &'static str {
    match s {
        IncidentState::Open => "Đang xử lý",
        IncidentState::Transferred => "Đã chuyển Công an",
        IncidentState::Closed => "Đã kết thúc",
    }
}

pub fn involved_role(r: InvolvedRole) -> &'static str {
    match r {
        InvolvedRole::Victim => "Bị hại",
        InvolvedRole::Suspect => "Người vi phạm, nghi vấn",
        InvolvedRole::Witness => "Người làm chứng",
    }
}

pub fn violation_kind(k: ViolationKind) -> &'static str {
    match k {
        ViolationKind::Law => "Vi phạm pháp luật",
        ViolationKind::SocialEvil => "Tệ nạn xã hội",
        ViolationKind::Traffic => "Vi phạm an toàn giao thông",
        ViolationKind::InternalRules => "Vi phạm nội quy, quy chế",
    }
}

pub fn discipline(d: Discipline) -> &'static str {
    match d {
        Discipline::Reminder => "Nhắc nhở",
        Discipline::Reprimand => "Khiển trách",
        Discipline::Warning => "Cảnh cáo",
        Discipline::Suspension => "Đình chỉ học tập, tạm đình chỉ công tác",
        Discipline::Expulsion => "Buộc thôi học, buộc thôi việc",
        Discipline::AdministrativeFine => "Xử phạt vi phạm hành chính",
        Discipline::CriminalCase => "Truy cứu trách nhiệm hình sự",
    }
}

pub fn plan_state(s: PlanState) -> &'static str {
    match s {
        PlanState::Draft => "Dự thảo",
        PlanState::Approved => "Đã ban hành",
        PlanState::Closed => "Đã kết thúc",
    }
}

pub fn task_status(s: TaskStatus) -> &'static str {
    match s {
        TaskStatus::Planned => "Chưa thực hiện",
        TaskStatus::InProgress => "Đang thực hiện",
        TaskStatus::Done => "Hoàn thành",
        TaskStatus::Dropped => "Không thực hiện",
    }
}

pub fn session_kind(k: SessionKind) -> &'static str {
    match k {
        SessionKind::Propaganda => "Tuyên truyền",
        SessionKind::LegalEducation => "Phổ biến, giáo dục pháp luật",
        SessionKind::Training => "Tập huấn",
        SessionKind::Conference => "Hội nghị",
        SessionKind::FestivalDay => "Ngày hội toàn dân bảo vệ ANTQ",
        SessionKind::ClusterActivity => "Hoạt động cụm an ninh liên kết",
    }
}

pub fn topic(t: Topic) -> &'static str {
    match t {
        Topic::StateSecrets => "Bảo vệ bí mật Nhà nước",
        Topic::CyberCrime => "Phòng, chống tội phạm trên không gian mạng",
        Topic::TrafficSafety => "Trật tự an toàn giao thông",
        Topic::FireRescue => "Phòng cháy, chữa cháy và cứu nạn, cứu hộ",
        Topic::DrugsSocialEvils => "Phòng, chống ma túy, tệ nạn xã hội",
        Topic::SchoolViolence => "Phòng, chống bạo lực học đường",
        Topic::Law => "Pháp luật (ghi rõ luật)",
        Topic::Other => "Nội dung khác",
    }
}

pub fn team_kind(k: TeamKind) -> &'static str {
    match k {
        TeamKind::Model => "Mô hình",
        TeamKind::Team => "Đội, ban, tổ",
        TeamKind::Cluster => "Cụm an ninh liên kết",
    }
}

pub fn team_kind_plural(k: TeamKind) -> &'static str {
    match k {
        TeamKind::Model => "Mô hình tự phòng, tự quản, tự bảo vệ",
        TeamKind::Team => "Đội, ban, tổ, trung đội",
        TeamKind::Cluster => "Cụm an ninh liên kết",
    }
}

pub fn team_status(s: TeamStatus) -> &'static str {
    match s {
        TeamStatus::Active => "Đang hoạt động",
        TeamStatus::Effective => "Hoạt động hiệu quả",
        TeamStatus::Dissolved => "Đã giải thể",
    }
}

pub fn member_role(r: MemberRole) -> &'static str {
    match r {
        MemberRole::Leader => "Trưởng",
        MemberRole::Deputy => "Phó",
        MemberRole::Member => "Thành viên",
    }
}

pub fn recurrence(r: Recurrence) -> &'static str {
    match r {
        Recurrence::Monthly => "Hằng tháng",
        Recurrence::Quarterly => "Hằng quý",
        Recurrence::BeforeHolidays => "Trước các dịp lễ, Tết",
    }
}

/// A verdict on a criterion or check.
pub fn verdict(v: Verdict) -> &'static str {
    match v {
        Verdict::NotApplicable => "Không áp dụng",
        Verdict::Met => "Đạt",
        Verdict::AtRisk => "Có nguy cơ",
        Verdict::Failed => "Không đạt",
    }
}

/// A verdict as a document of the dossier writes it: once the year's
/// window has `closed`, what is neither met nor failed is waiting for the
/// unit's confirmation, not "in progress".
pub fn verdict_in_document(v: Verdict, closed: bool) -> &'static str {
    match v {
        Verdict::NotApplicable => "Không áp dụng",
        Verdict::Met => "Đạt",
        Verdict::AtRisk if closed => "Chưa xác nhận",
        Verdict::AtRisk => "Chưa đạt (đang thực hiện)",
        Verdict::Failed => "Không đạt",
    }
}

/// What a finding found, in words for a document or a screen.
pub fn amount(a: &Amount) -> String {
    match a {
        Amount::Day(d) => antt_domain::time::format_date(*d),
        Amount::None => "Chưa có".into(),
        Amount::Count(n) => n.to_string(),
        Amount::Share { done, of } => format!("{done}/{of} ({})", share(*done, *of)),
        Amount::Rated(r) => rating(*r).into(),
        Amount::NotRated => "Chưa xếp loại".into(),
    }
}

/// 487 of 1966 → "24,8%"; a whole number without its decimal ("90%").
pub fn share(done: u32, of: u32) -> String {
    if of == 0 {
        return "0%".into();
    }
    let tenths = (u64::from(done) * 1000 + u64::from(of) / 2) / u64::from(of);
    if tenths % 10 == 0 {
        format!("{}%", tenths / 10)
    } else {
        format!("{},{}%", tenths / 10, tenths % 10)
    }
}

/// A wait in words: "5 giây", "2 phút", "1 phút 30 giây".
pub fn wait(seconds: u32) -> String {
    match (seconds / 60, seconds % 60) {
        (0, s) => format!("{s} giây"),
        (m, 0) => format!("{m} phút"),
        (m, s) => format!("{m} phút {s} giây"),
    }
}

pub fn attendance_method(m: AttendanceMethod) -> &'static str {
    match m {
        AttendanceMethod::CheckIn => "Tự điểm danh (mã QR)",
        AttendanceMethod::Ticked => "Điểm danh theo danh sách",
    }
}

/// Why antt suggests a candidate for a reward.
pub fn suggestion(s: Suggestion) -> &'static str {
    match s {
        Suggestion::TipToCase => "Xử lý tin báo dẫn tới vụ việc",
        Suggestion::TeamLeader => "Trưởng mô hình, đội",
        Suggestion::ClusterMember => "Thành viên cụm an ninh liên kết",
        Suggestion::FullCoverage => "Lớp được tuyên truyền 100%",
    }
}

/// Where a contest's window stands.
pub fn contest_window(w: Window) -> &'static str {
    match w {
        Window::NotOpen => "Chưa mở",
        Window::Open => "Đang mở",
        Window::Closed => "Đã kết thúc",
    }
}

/// Who wrote a message of a tip, as the handlers' page heads it.
pub fn message_author(a: Author) -> &'static str {
    match a {
        Author::Reporter => "Người báo tin",
        Author::Staff => "Nhắn người báo tin",
        Author::Note => "Ghi chú nội bộ",
    }
}

/// Why a check-in code was refused, as the person who typed it reads it.
pub fn check_in_refusal(code: ErrorCode) -> &'static str {
    match code {
        ErrorCode::NotFound => "Không có buổi nào dùng mã này. Hãy kiểm tra lại mã trên màn hình.",
        other => error(other),
    }
}

/// Where a self-assessment stands.
pub fn assessment_state(s: AssessmentState) -> &'static str {
    match s {
        AssessmentState::Registered => "Đã đăng ký",
        AssessmentState::SelfAssessed => "Đã họp tự đánh giá",
        AssessmentState::Submitted => "Đã gửi hồ sơ",
        AssessmentState::Returned => "Bị trả lại",
        AssessmentState::Accepted => "Hồ sơ đạt, chờ quyết định",
        AssessmentState::Recognised => "Được công nhận",
        AssessmentState::NotRecognised => "Không được công nhận",
    }
}

/// Where a nomination stands.
pub fn nomination_state(s: NominationState) -> &'static str {
    match s {
        NominationState::Proposed => "Đề xuất",
        NominationState::Approved => "Hội đồng nhất trí",
        NominationState::Rejected => "Hội đồng không nhất trí",
        NominationState::SentUp => "Đã trình cấp trên",
        NominationState::Granted => "Đã khen thưởng",
    }
}

/// Why a rubric file or a province's sheet is refused, with its line.
pub fn rubric_problem(e: &RubricError) -> String {
    let reason = match &e.problem {
        RubricProblem::Syntax(m) => format!("tệp không đọc được ({m})"),
        RubricProblem::Missing(f) => format!("thiếu {}", field(f)),
        RubricProblem::DuplicateId(id) => format!("mục «{id}» trùng với một mục khác"),
        RubricProblem::BadPoints => {
            "điểm không hợp lệ (số không âm, tối đa một chữ số thập phân)".into()
        }
        RubricProblem::UnknownMeasure(m) => format!("chỉ số «{m}» antt không tính được"),
        RubricProblem::WrongKind => "không phải bảng chấm điểm".into(),
        RubricProblem::TotalMismatch { total, sum } => format!(
            "tổng điểm các mục là {}, không bằng {}",
            sum.display(),
            total.display()
        ),
        RubricProblem::PartsMismatch { item, points, sum } => format!(
            "các ý của mục «{item}» cộng lại {} điểm, không bằng {} điểm của mục",
            sum.display(),
            points.display()
        ),
        RubricProblem::ThresholdsOutOfOrder => {
            "ngưỡng xếp loại phải giảm dần và không vượt tổng điểm".into()
        }
        RubricProblem::BadTarget => "chỉ tiêu phần trăm vượt 100".into(),
    };
    if e.line == 0 {
        format!("Ngưỡng xếp loại: {reason}")
    } else {
        format!("Dòng {}: {reason}", e.line)
    }
}

/// Who must act on a check.
pub fn responsible(r: Responsible) -> &'static str {
    match r {
        Responsible::Office => "Văn phòng",
        Responsible::Leaders => "Ban Giám hiệu",
        Responsible::Council => "Hội đồng thi đua – khen thưởng",
        Responsible::Teams => "Các mô hình, đội",
    }
}

/// A department's or the force's rating.
pub fn rating(r: Rating) -> &'static str {
    match r {
        Rating::Excellent => "Hoàn thành xuất sắc nhiệm vụ",
        Rating::Good => "Hoàn thành tốt nhiệm vụ",
        Rating::Completed => "Hoàn thành nhiệm vụ",
        Rating::NotCompleted => "Không hoàn thành nhiệm vụ",
    }
}

/// The name of a field of a kind of record, where the common name is
/// another record's ("title" is a plan's "Trích yếu" but a session's "Tên
/// buổi"): the forms' problem lists and the audit log's changes both read
/// it here.
pub fn field_of(record: Option<TargetKind>, name: &str) -> &str {
    match (record, name) {
        (Some(TargetKind::Session), "title") => "Tên buổi, nội dung",
        (Some(TargetKind::Session), "place") => "Địa điểm",
        (Some(TargetKind::Session), "time") => "Giờ bắt đầu",
        (Some(TargetKind::PlanTask), "title") => "Nhiệm vụ",
        _ => field(name),
    }
}

/// The name of a field on screen (forms, the audit log's changes).
pub fn field(name: &str) -> &str {
    match name {
        "bundle" => "Gói dữ liệu",
        "key" => "Khóa của bản antt riêng",
        "request_number" => "Số Tờ trình",
        "request_on" => "Ngày Tờ trình",
        "report" => "Báo cáo kết quả",
        "dossier_minutes" => "Biên bản họp",
        "verdict" => "Kết quả xác nhận",
        "rating" => "Xếp loại",
        "scores" => "Điểm tự chấm",
        "reviewed_scores" => "Điểm thẩm định",
        "held_on" => "Ngày họp",
        "chair" => "Chủ trì",
        "participants" => "Thành phần dự họp",
        "conclusion" => "Kết luận",
        "evidence" => "Minh chứng",
        "check" => "Tiêu chí",
        "decision_body" | "issuer" => "Cơ quan quyết định",
        "nominee" => "Cá nhân, tập thể",
        "achievements" => "Thành tích",
        "act_on" => "Ngày có hành động",
        "nominations" => "Đề nghị được chọn",
        "school_level" => "Cấp học",
        "shortcomings" => "Hạn chế, tồn tại",
        "causes" | "cause" => "Nguyên nhân",
        "directions" => "Phương hướng năm tới",
        "proposals" => "Đề xuất, kiến nghị",
        "type_name" => "Thuộc loại",
        "location" => "Địa điểm",
        "person" => "Mã cán bộ, HSSV",
        "night" => "Đêm điểm danh",
        "mark" => "Điểm danh tối",
        "marks" => "Danh sách điểm danh",
        "room" => "Phòng ở",
        "building" => "Nhà",
        "bed" => "Giường",
        "floor" => "Tầng",
        "capacity" => "Số giường",
        "leader" => "Trưởng phòng",
        "supervisor" => "Quản sinh",
        "duty" => "Nhiệm vụ trong ban",
        "destination" => "Đi đâu",
        "call_time" => "Giờ điểm danh",
        "deadline" => "Hạn điểm danh xong",
        "id_number" => "Số định danh cá nhân",
        "permanent_address" => "Nơi thường trú",
        "registered_on" => "Ngày đăng ký tạm trú",
        "incident" => "Vụ việc",
        "unit" => "Đơn vị",
        "description" => "Nội dung sự việc",
        "contact" => "Thông tin liên hệ",
        "occurred_at" => "Thời điểm xảy ra",
        "receipt" => "Mã tra cứu",
        "photos" => "Ảnh kèm theo",
        "assignee" | "owner" => "Người xử lý",
        "reason" => "Lý do",
        "outcome" => "Kết quả xử lý",
        "police_unit" => "Cơ quan Công an tiếp nhận",
        "tip_handler" => "Xử lý tin báo",
        "hours" => "Thời hạn xử lý (giờ)",
        "message" => "Nội dung tin nhắn",
        "category" => "Loại sự việc",
        "channel" => "Nguồn tiếp nhận",
        "urgent" => "Khẩn cấp",
        "anonymous" => "Ẩn danh",
        "severity" => "Mức độ",
        "summary" => "Tóm tắt vụ việc",
        "actions" => "Biện pháp đã làm",
        "value_recovered" => "Giá trị tài sản thu hồi (đồng)",
        "transferred_on" => "Ngày chuyển",
        "police_reference" => "Số tiếp nhận của Công an",
        "acknowledged_on" => "Ngày Công an xác nhận",
        "discipline" => "Hình thức xử lý",
        "handling" => "Biện pháp xử lý",
        "occurred_on" => "Ngày vi phạm",
        "user" => "Tài khoản",
        "contest_title" => "Tên cuộc thi",
        "opens_on" => "Mở từ ngày",
        "closes_on" => "Đến hết ngày",
        "minutes" => "Thời gian làm bài",
        "questions_per_attempt" => "Số câu mỗi bài",
        "questions" => "Số câu hỏi",
        "answers" => "Câu trả lời",
        "contest" => "Cuộc thi",
        "kind" => "Loại",
        "code" => "Mã",
        "name" => "Tên",
        "full_name" => "Họ và tên",
        "address" => "Địa chỉ",
        "birth_date" => "Ngày sinh",
        "gender" => "Giới tính",
        "ethnicity" => "Dân tộc",
        "phone" => "Điện thoại",
        "email" => "Thư điện tử",
        "department_id" => "Phòng, khoa",
        "class_id" | "class" => "Lớp",
        "campus_id" | "campus" => "Cơ sở",
        "homeroom_teacher_id" => "Giáo viên chủ nhiệm",
        "position" => "Chức vụ",
        "boarding" => "Nội trú",
        "status" => "Tình trạng",
        "username" => "Tên đăng nhập",
        "display_name" => "Tên hiển thị",
        "role" => "Vai trò",
        "password" => "Mật khẩu",
        "password_confirm" => "Nhập lại mật khẩu",
        "current_password" => "Mật khẩu hiện tại",
        "authority" => "Cơ quan quản lý",
        "department" => "Khoa/Phòng",
        "file" => "Tệp",
        "form" => "Biểu mẫu",
        "file_sha256" => "Mã băm SHA-256 của tệp",
        "sheet" => "Trang tính",
        "created" => "Số người thêm mới",
        "updated" => "Số người cập nhật",
        "unchanged" => "Số người không đổi",
        "skipped" => "Số dòng bỏ qua vì lỗi",
        "rows" => "Số dòng",
        "format" => "Định dạng",
        "year" => "Năm",
        "state" => "Trạng thái",
        "parent_body" => "Cơ quan chủ quản",
        "issuing_body" => "Cơ quan ban hành",
        "number" => "Số văn bản",
        "symbol" => "Ký hiệu",
        "place" => "Địa danh",
        "signed_on" => "Ngày ký",
        "title" => "Trích yếu, tên nhiệm vụ",
        "bases" => "Căn cứ",
        "preamble" => "Lời mở đầu",
        "sections" => "Các phần nội dung",
        "report_what" => "Nội dung báo cáo",
        "report_to" => "Nơi nhận báo cáo",
        "report_due" => "Hạn báo cáo",
        "closing" => "Lời kết",
        "recipients" => "Nơi nhận",
        "signer_authority" => "Thẩm quyền ký",
        "signer_title" => "Chức vụ người ký",
        "signer_name" => "Họ tên người ký",
        "section" => "Phần",
        "person_id" => "Người phụ trách",
        "partner_ids" => "Đơn vị phối hợp",
        "due_on" => "Thời hạn",
        "recurrence" => "Lặp lại",
        "for_kind" => "Giao cho",
        "note" | "body" => "Nội dung báo cáo tiến độ",
        "link" => "Liên kết minh chứng",
        "topics" => "Chủ đề",
        "topic_note" => "Ghi rõ chủ đề, luật",
        "organiser" => "Đơn vị tổ chức",
        "partner" => "Đơn vị Công an phối hợp",
        "starts_at" => "Thời gian",
        "date" | "day" => "Ngày",
        "time" => "Giờ",
        "audience" => "Đối tượng tham dự",
        "outside_count" => "Số người ngoài đơn vị",
        "materials" => "Số tài liệu phát ra",
        "posts" => "Số bài đăng",
        "post_links" => "Liên kết bài đăng",
        "check_in" => "Điểm danh bằng mã QR",
        "attendance" => "Điểm danh",
        "signature" => "Chữ ký cam kết",
        "decision_number" => "Số quyết định thành lập",
        "decision_date" => "Ngày quyết định",
        "decision_signer" => "Người ký quyết định",
        "partners" => "Đơn vị tham gia",
        "member" => "Thành viên",
        "member_until" => "Hết nhiệm kỳ",
        "activity" => "Hoạt động",
        "from" => "Từ ngày",
        "created_from" => "Lập từ",
        "until" => "Đến ngày",
        "signed" => "Ký cam kết",
        "paper_signed" => "Số người ký giấy ghi thêm",
        "paper_removed" => "Số chữ ký giấy bỏ đi",
        "attendance_added" => "Số người điểm danh thêm",
        "attendance_removed" => "Số người bỏ điểm danh",
        "starts" => "Giờ bắt đầu",
        "ends" => "Giờ kết thúc",
        "standard" => "Tiêu chuẩn",
        "acknowledge_unconfirmed" => "Tiêu chí chưa xác nhận",
        "label" => "Nhãn điểm tuần tra",
        "at" => "Giờ ghi",
        "text" => "Nội dung ghi sổ",
        "received" => "Đã nhận bàn giao",
        "notes" => "Dặn ca sau",
        "visiting" => "Gặp ai, việc gì",
        "document" => "Loại giấy tờ",
        "document_number" => "Số giấy tờ",
        "vehicle_plate" => "Biển số xe",
        "checkpoints" => "Các điểm tuần tra",
        "every" => "Cách nhau (giờ)",
        "closing_time" => "Giờ đóng cổng",
        "weekly_hours" => "Giờ làm theo hợp đồng",
        "scenario" => "Tình huống diễn tập",
        "drill_participants" => "Số người tham gia",
        "evacuation" => "Thời gian thoát nạn",
        "drill_on" => "Ngày diễn tập",
        "made_on" => "Ngày sản xuất",
        "installed_on" => "Ngày lắp đặt",
        "last_check" => "Kiểm tra lần cuối",
        "last_service" => "Bảo dưỡng, nạp lần cuối",
        "last_pressure_test" => "Thử áp lực lần cuối",
        "maker" => "Hãng sản xuất",
        "check_days" => "Chu kỳ kiểm tra (ngày)",
        "service_months" => "Chu kỳ bảo dưỡng (tháng)",
        "pressure_test_years" => "Chu kỳ thử áp lực (năm)",
        "trained_on" => "Ngày huấn luyện",
        "course" => "Khóa huấn luyện",
        "expires_on" => "Hết hạn",
        "checklist" => "Kiểm tra gì (mẫu kiểm tra)",
        "camera" => "Camera, đầu ghi",
        "overwritten_on" => "Ngày đầu ghi ghi đè",
        "copied_by" => "Người sao lưu",
        "kept_until" => "Lưu bản sao đến ngày",
        "frequency" => "Chu kỳ",
        "every_days" => "Số ngày một lần",
        "starts_on" => "Bắt đầu từ ngày",
        "resident" => "Người được thăm (mã HSSV)",
        "relation" => "Quan hệ với người được thăm",
        "room_checklist" => "Mẫu kiểm tra phòng ở",
        "check_every_days" => "Kiểm tra mỗi phòng (số ngày một lần)",
        "measure" => "Chỉ tiêu",
        "target_share" => "Tỷ lệ phấn đấu",
        "from_year" => "Từ năm",
        "due_year" => "Đến năm",
        "failed" => "Mục không đạt",
        "breach" => "Người vi phạm nội quy",
        other => other,
    }
}

/// What is wrong with a field, in a sentence, where the field makes the
/// general sentence wrong (a photo is not an Excel file).
pub fn field_error(field: &str, code: ErrorCode) -> &'static str {
    match (field, code) {
        ("photos", ErrorCode::UnreadableFile) => "Chỉ nhận ảnh JPEG, PNG hoặc WebP.",
        ("nominations", ErrorCode::NotAllowed) => {
            "Có người trong các đề nghị đã chọn bị kỷ luật trong năm nên chưa đủ điều kiện khen thưởng (dòng ghi “Chưa đủ điều kiện”). Bỏ chọn người đó rồi làm lại."
        }
        ("mark", ErrorCode::NotAllowed) => {
            "Học sinh này không có phép được duyệt: đánh dấu vắng, quản sinh hoặc GVCN ghi phép muộn nếu có lý do."
        }
        ("night", ErrorCode::InFuture) => "Chưa đến giờ điểm danh đêm này.",
        ("night", ErrorCode::Expired) => {
            "Đêm này đã quá lâu để sửa điểm danh; hãy báo Ban quản lý ký túc xá."
        }
        ("night", ErrorCode::NotFound) => "Đêm đó học sinh này chưa được điểm danh.",
        ("night", ErrorCode::WrongState) => "Đêm đó học sinh này không vắng không phép.",
        ("person", ErrorCode::NotAllowed) => {
            "Chỉ học sinh, sinh viên đang ở ký túc xá mới xin phép qua đây."
        }
        ("gender", ErrorCode::NotAllowed) => "Phòng này dành cho giới tính khác.",
        ("bed", ErrorCode::Duplicate) => "Giường này đã có người ở.",
        ("bed", ErrorCode::Invalid) => "Số giường phải từ 1 đến số giường của phòng.",
        ("room", ErrorCode::TooMany) => "Phòng đã đủ người.",
        ("room", ErrorCode::AlreadyRecorded) => "Học sinh này đang ở đúng phòng, giường đó.",
        ("room", ErrorCode::NotFound) => {
            "Không có phòng nào tên như vậy (ghi thêm tên nhà nếu cần)."
        }
        ("building", ErrorCode::Required) => "Hai nhà có phòng trùng tên: ghi rõ tên nhà.",
        ("code", ErrorCode::NotAllowed) => "Chỉ xếp phòng cho học sinh, sinh viên đang học.",
        ("capacity", ErrorCode::Invalid) => {
            "Số giường từ 1 đến 16, và không ít hơn số giường đang có người ở."
        }
        ("leader", ErrorCode::NotAllowed) => "Trưởng phòng phải là người đang ở phòng này.",
        ("deadline", ErrorCode::EndsBeforeStart) => "Hạn điểm danh phải sau giờ điểm danh.",
        ("call_time", ErrorCode::Invalid) => "Giờ điểm danh buổi tối, từ 12:00 đến 23:59.",
        ("until", ErrorCode::Expired) => "Thời gian về đã qua.",
        ("id_number", ErrorCode::Invalid) => "Số định danh cá nhân gồm 12 chữ số (số căn cước).",
        ("id_number", ErrorCode::Required) => "Chưa có số định danh cá nhân của học sinh này.",
        ("registered_on", ErrorCode::Required) => "Ghi ngày đăng ký khi đã có hạn tạm trú.",
        ("until", ErrorCode::TooLong) => "Mỗi lần xin phép tối đa 30 ngày.",
        ("photos", ErrorCode::FileTooLarge) => "Mỗi ảnh phải dưới 8 MB.",
        ("photos", ErrorCode::TooMany) => "Gửi tối đa 3 ảnh.",
        ("receipt", ErrorCode::NotFound) => "Không tìm thấy tin báo với mã này.",
        ("weekly_hours", ErrorCode::AboveMaximum) => {
            "Giờ làm theo hợp đồng từ 1 đến 48 giờ một tuần (Bộ luật Lao động, Điều 105)."
        }
        ("person", ErrorCode::NotFound) => "Không có cán bộ, HSSV nào mang mã này trong đơn vị.",
        ("assignee", ErrorCode::NotAllowed) => "Tài khoản này chưa được giao xử lý tin báo.",
        ("assignee", ErrorCode::Required | ErrorCode::NotFound) => {
            "Hãy chọn người hoặc đội được giao trong danh sách của đơn vị."
        }
        ("questions", ErrorCode::Invalid) => {
            "Có câu hỏi ghi số sai cách: viết [số], [số 1,2–1,6], [số ≥ 30] hoặc [số ≤ 5] ở cuối dòng."
        }
        ("questions", ErrorCode::TooLong) => "Mỗi câu hỏi dài tối đa 200 ký tự, không có ký tự ẩn.",
        ("questions", ErrorCode::TooMany) => "Một mẫu có tối đa 30 câu hỏi.",
        ("questions", ErrorCode::Required) => "Hãy viết ít nhất một câu hỏi.",
        ("answers", ErrorCode::Required | ErrorCode::Invalid) => {
            "Hãy trả lời đủ mọi câu; câu ghi số phải là một con số (ví dụ 1,4)."
        }
        ("camera", ErrorCode::Required | ErrorCode::NotFound) => {
            "Hãy chọn một camera hoặc đầu ghi trong sổ phương tiện của đơn vị."
        }
        ("until", ErrorCode::AboveMaximum) => {
            "Mỗi lần trích hình tối đa 24 giờ; cần dài hơn thì trích nhiều lần."
        }
        ("copied_by", ErrorCode::Expired) => {
            "Đầu ghi đã ghi đè đoạn hình này, không còn gì để sao lưu."
        }
        ("every_days", ErrorCode::Invalid) => "Số ngày một lần từ 1 đến 366.",
        ("check_every_days", ErrorCode::Invalid) => "Mỗi phòng kiểm tra từ 1 đến 90 ngày một lần.",
        ("room_checklist", ErrorCode::Invalid) => {
            "Mỗi dòng một mục, điểm ghi trước dấu |, ví dụ “15 | Không có bếp điện”; điểm từ 1 đến 100."
        }
        ("room_checklist", ErrorCode::TooMany) => "Mẫu kiểm tra phòng ở có tối đa 30 mục.",
        ("target_share", ErrorCode::Invalid) => {
            "Tỷ lệ theo phần trăm, từ 0,1 đến 100, ví dụ “85” hoặc khoảng “80-85”."
        }
        ("due_year", ErrorCode::EndsBeforeStart) => {
            "Năm đạt chỉ tiêu không trước năm bắt đầu, và một giai đoạn không quá 10 năm."
        }
        ("breach", ErrorCode::NotAllowed) => "Chỉ ghi vi phạm nội quy khi có mục không đạt.",
        ("breach", ErrorCode::NotFound) => "Người vi phạm phải đang ở phòng này.",
        ("resident", ErrorCode::NotAllowed) => "Người này không ở ký túc xá hôm nay.",
        ("failed", ErrorCode::Invalid) => "Mục kiểm tra không có trong mẫu.",
        ("checklist", ErrorCode::EitherOr | ErrorCode::Required | ErrorCode::NotFound) => {
            "Hãy chọn một loại phương tiện hoặc một mẫu kiểm tra một nơi."
        }
        ("state", ErrorCode::WrongState) => {
            "Hồ sơ đang ở bước không cho phép việc này (đã gửi cấp trên, hoặc đã có quyết định)."
        }
        ("year", ErrorCode::AlreadyRecorded) => "Đơn vị đã đăng ký cho năm này.",
        ("nominations", ErrorCode::Required) => "Hãy đánh dấu ít nhất một đề nghị.",
        ("nominations", ErrorCode::WrongState) => {
            "Có đề nghị đã chọn không ở bước cho phép việc này (ví dụ chưa được Hội đồng nhất trí, hoặc đã khen thưởng)."
        }
        ("form", ErrorCode::NotAllowed) => {
            "Hình thức không phù hợp: Kỷ niệm chương chỉ tặng cá nhân; quyết định phải cùng hình thức và năm với các đề nghị; chỉ trình cấp trên hình thức khen của cấp trên."
        }
        ("nominee", ErrorCode::NotFound) => "Không tìm thấy cá nhân, tập thể này trong đơn vị.",
        ("nominee", ErrorCode::AlreadyRecorded) => {
            "Cá nhân, tập thể này đã đăng ký thi đua năm nay."
        }
        ("number", ErrorCode::Duplicate) => "Số quyết định này đã được ghi.",
        ("achievements", ErrorCode::Required) => "Ghi rõ thành tích (ít nhất một câu).",
        ("year", ErrorCode::WrongState) => "Đơn vị chưa đăng ký phấn đấu cho năm này.",
        ("report", ErrorCode::Required) => {
            "Báo cáo kết quả chưa viết phần hạn chế và phương hướng: hãy viết ở mục Báo cáo năm."
        }
        ("dossier_minutes", ErrorCode::Required) => "Chưa có biên bản họp tự đánh giá.",
        ("evidence", ErrorCode::Required) => "Ghi rõ minh chứng (số, ngày văn bản, biên bản…).",
        ("reason", ErrorCode::Required) => "Ghi rõ lý do (ít nhất vài chữ).",
        ("document_number", ErrorCode::Invalid) => {
            "Số giấy tờ chỉ gồm chữ số (hộ chiếu có thể có chữ cái), tối đa 20 ký tự."
        }
        ("checkpoints", ErrorCode::NotFound) => {
            "Lượt tuần tra chỉ gồm các điểm đang dùng của cùng cơ sở."
        }
        ("checkpoints", ErrorCode::Required) => "Chọn ít nhất một điểm tuần tra.",
        ("code", ErrorCode::Duplicate) => "Mã này đã có trong đơn vị: chọn mã khác.",
        ("every", ErrorCode::Invalid) => {
            "Ghi số giờ giữa hai lượt, từ 0,25 đến 12 (ví dụ 2 hoặc 1,5)."
        }
        ("at", ErrorCode::Expired) => {
            "Lượt quét này đã quá 12 giờ mới gửi được nên không được tính; báo văn phòng để ghi chú vào sổ."
        }
        ("file", ErrorCode::NoHeader) => {
            "Không tìm thấy dòng tiêu đề: bảng điểm cần cột \"Nội dung\" và cột \"Điểm\"."
        }
        _ => error(code),
    }
}

/// What is wrong with a field, in a sentence.
pub fn error(code: ErrorCode) -> &'static str {
    match code {
        ErrorCode::Required => "Không được để trống.",
        ErrorCode::TooLong => "Quá dài.",
        ErrorCode::Invalid => "Giá trị không hợp lệ.",
        ErrorCode::InvalidDate => {
            "Ngày không hợp lệ (nhập theo dạng ngày/tháng/năm, ví dụ 15/08/2005)."
        }
        ErrorCode::InvalidPhone => "Số điện thoại không hợp lệ (9 đến 11 chữ số).",
        ErrorCode::InvalidEmail => "Địa chỉ thư điện tử không hợp lệ.",
        ErrorCode::InvalidCode => "Chỉ dùng chữ không dấu, chữ số và các dấu - _ . /",
        ErrorCode::Duplicate => "Đã có bản ghi khác dùng giá trị này.",
        ErrorCode::NotFound => "Không tìm thấy trong đơn vị.",
        ErrorCode::NotAllowed => "Bạn không có quyền chọn giá trị này.",
        ErrorCode::PasswordTooShort => "Mật khẩu cần ít nhất 10 ký tự.",
        ErrorCode::PasswordMismatch => "Hai lần nhập mật khẩu không khớp.",
        ErrorCode::UnreadableFile => {
            "Không đọc được tệp. Hãy chọn tệp Excel (.xlsx, .xls), OpenDocument (.ods) hoặc CSV."
        }
        ErrorCode::FileTooLarge => "Tệp quá lớn (tối đa 20 MB).",
        ErrorCode::SheetTooLarge => {
            "Bảng tính quá lớn để đọc (tối đa 100.000 dòng, 256 cột, 2 triệu ô mỗi trang). Hãy tách thành nhiều tệp nhỏ hơn."
        }
        ErrorCode::IncompleteUpload => {
            "Biểu mẫu gửi lên không trọn vẹn (đường truyền bị ngắt?). Chưa có gì được lưu; hãy gửi lại."
        }
        ErrorCode::NoHeader => {
            "Không tìm thấy dòng tiêu đề của bảng: cần có cột \"Họ và tên\" (hoặc \"Họ đệm\" và \"Tên\") cùng cột mã, ngày sinh hoặc lớp."
        }
        ErrorCode::NoCodeColumn => {
            "Bảng không có cột mã (Mã SV, MSSV, Mã HS, Mã CB…) nên không đối chiếu được với danh sách đã có. Hãy thêm cột mã rồi tải lên lại."
        }
        ErrorCode::RowsHaveProblems => {
            "Tệp còn dòng có lỗi nên chưa nhập gì. Hãy sửa tệp, hoặc chọn chỉ nhập các dòng hợp lệ."
        }
        ErrorCode::WrongState => "Không làm được ở trạng thái hiện tại.",
        ErrorCode::RenamesUnconfirmed => {
            "Tệp đổi họ tên hoặc ngày sinh của người đã có trong danh sách (có thể do gõ nhầm mã). Hãy xem các dòng \"Đổi tên/ngày sinh\" và đánh dấu xác nhận riêng, hoặc sửa tệp."
        }
        ErrorCode::OwnDraft => {
            "Người lập đề nghị không tự xét đề nghị của mình: việc này để thành viên khác của Hội đồng làm."
        }
        ErrorCode::NotStarted => "Buổi này chưa diễn ra nên chưa điểm danh được.",
        ErrorCode::Expired => "Mã điểm danh đã hết hạn. Hãy xin người tổ chức mã mới.",
        ErrorCode::AlreadyRecorded => "Đã ghi nhận rồi, không cần làm lại.",
        ErrorCode::OutsideYear => {
            "Ngày này nằm ngoài năm phong trào của kế hoạch (từ 16/11 năm trước đến 15/11)."
        }
        ErrorCode::StandardNotMet => {
            "Còn tiêu chí “Không đạt”: Tờ trình đề nghị công nhận chỉ gửi khi đơn vị đạt đủ các tiêu chí. Xem các mục đỏ ở trang Đánh giá ANTT."
        }
        ErrorCode::Unacknowledged => {
            "Còn tiêu chí chưa được xác nhận. Hãy xác nhận các tiêu chí đó, hoặc đánh dấu ô “Gửi kèm, ghi rõ trong Tờ trình các tiêu chí chưa xác nhận”."
        }
        ErrorCode::OutsideShift => {
            "Giờ ghi nằm ngoài ca trực này (trước lúc nhận ca, hoặc đã quá 12 giờ): hãy ghi lại với giờ đúng."
        }
        ErrorCode::ShiftEnded => {
            "Ca trực này đã giao ca: sổ không ghi thêm được. Người trực ca sau nhận ca rồi ghi tiếp."
        }
        ErrorCode::UnknownLabel => {
            "Mã vừa quét không phải nhãn điểm tuần tra của đơn vị. Hãy quét nhãn dán tại điểm tuần tra."
        }
        ErrorCode::ReplacedLabel => {
            "Nhãn này không phải nhãn đang dán tại điểm tuần tra (nhãn cũ đã được in lại, hoặc bản chụp, bản sao): lượt quét không được tính. Hãy quét nhãn tại chỗ; nếu nhãn tại chỗ cũng báo vậy, báo văn phòng in lại nhãn."
        }
        ErrorCode::Barred => {
            "Người này có tên trong danh sách không cho vào trường: không cho vào, báo ngay cho lãnh đạo hoặc văn phòng."
        }
        ErrorCode::WishesClosed => {
            "Đã hết hạn gửi nguyện vọng cho tháng này (hạn là hết ngày 20 tháng trước): báo văn phòng để ghi giúp nếu cần nghỉ."
        }
        ErrorCode::RulesBroken => {
            "Lịch trực còn vi phạm quy định (ca chưa có người, nghỉ giữa hai ca dưới 12 giờ, quá 48 giờ một tuần, làm thêm quá 40 giờ một tháng, trực vào ngày nghỉ hoặc thiếu kỹ năng): xem các dòng đỏ, sửa rồi công bố lại."
        }
        ErrorCode::NotPublicAddress => {
            "Tờ rơi in địa chỉ để mọi người mở cổng báo tin, nhưng antt đang được mở bằng địa chỉ riêng của máy này (127.0.0.1, localhost) nên điện thoại khác không mở được. Hãy mở antt bằng địa chỉ mạng của trường rồi tải lại, hoặc nhờ quản trị đặt địa chỉ công khai (public_url) trong cấu hình."
        }
        ErrorCode::Altered => {
            "Gói dữ liệu đã bị sửa hoặc hỏng trên đường gửi: chữ ký hoặc dấu kiểm không khớp với nội dung. Không nhập gì; hãy đề nghị đơn vị xuất và gửi lại gói."
        }
        ErrorCode::UnregisteredKey => {
            "Gói được ký bằng một khóa chưa đăng ký cho đơn vị này (hoặc gói của đơn vị khác): không nhập. Đối chiếu dấu khóa với đơn vị qua điện thoại rồi đăng ký khóa của đơn vị trước."
        }
        ErrorCode::Outdated => {
            "Đã nhập một gói mới hơn (hoặc chính gói này) của đơn vị cho năm này: gói cũ không thay được gói mới."
        }
        ErrorCode::OwnCopy => {
            "Đơn vị này tự vận hành antt trên máy của mình: số liệu của đơn vị đến bằng gói dữ liệu đã ký và ở đây chỉ xem được. Việc của đơn vị làm trên bản antt của đơn vị."
        }
        ErrorCode::YearClosed => {
            "Năm phong trào này đã khép lại ngày 15/11: số liệu đã báo cáo không sửa, không ghi thêm được nữa."
        }
        ErrorCode::InFuture => "Ngày này chưa tới: chỉ ghi được việc đã diễn ra.",
        ErrorCode::EitherOr => "Chọn thời hạn hoặc lặp lại, không chọn cả hai.",
        ErrorCode::EndsBeforeStart => "Ngày kết thúc không được trước ngày bắt đầu.",
        ErrorCode::TooMany => "Quá số lượng cho phép.",
        ErrorCode::AboveMaximum => "Vượt quá điểm chuẩn của mục này.",
        ErrorCode::MissingParties => {
            "Thành phần dự họp phải có đại diện cấp ủy, đoàn thể (Công đoàn, Đoàn Thanh niên) và Công an cơ sở."
        }
        ErrorCode::HiddenCharacter => {
            "Có ký tự điều khiển ẩn (thường do dán từ nơi khác). Hãy gõ lại đoạn chữ này."
        }
    }
}

/// What is wrong with one row or cell of an imported sheet.
pub fn import_problem(field: &str, code: ErrorCode) -> &'static str {
    match (field, code) {
        ("class", ErrorCode::NotFound) => {
            "Lớp này chưa có trong đơn vị (chọn \"Tự tạo lớp, khoa/phòng còn thiếu\" để tạo)."
        }
        ("department", ErrorCode::NotFound) => {
            "Khoa/phòng này chưa có trong đơn vị (chọn \"Tự tạo lớp, khoa/phòng còn thiếu\" để tạo)."
        }
        ("class", ErrorCode::Required) => "Học sinh, sinh viên cần có lớp.",
        ("kind", ErrorCode::Required) => {
            "Không rõ là học sinh hay cán bộ: ghi lớp, khoa/phòng, thêm cột \"Đối tượng\" hoặc chọn đối tượng khi nhập."
        }
        ("kind", ErrorCode::Invalid) => {
            "Đối tượng chỉ nhận \"Học sinh, sinh viên\" hoặc \"Cán bộ, viên chức\"."
        }
        ("code", ErrorCode::Duplicate) => "Mã trùng với một dòng phía trên trong tệp.",
        ("code", ErrorCode::Required) => "Thiếu mã.",
        ("question", ErrorCode::Duplicate) => "Câu hỏi trùng với một dòng phía trên trong tệp.",
        ("question", ErrorCode::TooLong) => "Câu hỏi quá dài (tối đa 2.000 ký tự).",
        ("choice", ErrorCode::Required) => "Cần ít nhất hai phương án trả lời (cột A, B…).",
        ("choice", ErrorCode::Invalid) => {
            "Phương án bị cách quãng: điền liền từ cột A, không bỏ trống cột ở giữa."
        }
        ("choice", ErrorCode::TooLong) => "Phương án quá dài (tối đa 2.000 ký tự).",
        ("answer", ErrorCode::Required) => "Thiếu đáp án đúng.",
        ("answer", ErrorCode::Invalid) => {
            "Đáp án ghi bằng chữ cái của phương án, ví dụ B, hoặc A, C khi có nhiều đáp án đúng."
        }
        ("answer", ErrorCode::NotFound) => "Đáp án chỉ tới một phương án bỏ trống ở dòng này.",
        ("answer", ErrorCode::EitherOr) => {
            "Câu một đáp án nhưng ghi nhiều đáp án đúng: sửa cột Loại thành \"Nhiều đáp án\" hoặc giữ một đáp án."
        }
        ("question_kind", ErrorCode::Invalid) => {
            "Loại câu hỏi chỉ nhận \"Một đáp án\" hoặc \"Nhiều đáp án\" (hoặc để trống)."
        }
        ("full_name", ErrorCode::Required) => "Thiếu họ và tên.",
        ("full_name", ErrorCode::Invalid) => "Họ và tên không được chứa chữ số.",
        ("gender", ErrorCode::Invalid) => "Giới tính chỉ nhận Nam hoặc Nữ.",
        ("boarding", ErrorCode::Invalid) => {
            "Nội trú ghi x (hoặc Có) nếu ở nội trú, để trống (hoặc Không) nếu không."
        }
        (_, code) => error(code),
    }
}

/// "Dòng 7, cột E (Ngày sinh): Ngày không hợp lệ … «31/02/2005»": one
/// problem of an import, for the terminal and the API's messages.
pub fn import_problem_line(p: &antt_domain::person_import::Problem) -> String {
    let place = match &p.column {
        Some((name, label)) => format!(", cột {name} ({label})"),
        None => format!(" ({})", field(p.field)),
    };
    let value = if p.value.is_empty() {
        String::new()
    } else {
        format!(" «{}»", p.value)
    };
    format!(
        "Dòng {}{place}: {}{value}",
        p.row,
        import_problem(p.field, p.code)
    )
}

/// A changed value as shown in the audit log: codes become words.
pub fn change_value(field: &str, value: &str) -> String {
    let word = match field {
        "kind" => PersonKind::parse(value)
            .map(person_kind)
            .or_else(|| SessionKind::parse(value).map(session_kind))
            .or_else(|| DepartmentKind::parse(value).map(department_kind))
            .or_else(|| UnitKind::parse(value).map(unit_kind)),
        "gender" => Gender::parse(value).map(gender),
        "status" => PersonStatus::parse(value)
            .map(person_status)
            .or_else(|| TeamStatus::parse(value).map(team_status))
            .or_else(|| TaskStatus::parse(value).map(task_status)),
        "state" => PlanState::parse(value)
            .map(plan_state)
            .or_else(|| AssessmentState::parse(value).map(assessment_state))
            .or_else(|| NominationState::parse(value).map(nomination_state)),
        "rating" => Rating::parse(value).map(rating),
        "verdict" => Verdict::parse(value).map(verdict),
        "recurrence" => Recurrence::parse(value).map(recurrence),
        "for_kind" => UnitKind::parse(value).map(|k| given_to(Some(k))),
        "created_from" => Some(if value == "last_year" {
            "Kế hoạch năm trước"
        } else {
            "Mẫu có sẵn"
        }),
        "role" => Role::parse(value)
            .map(role)
            .or_else(|| MemberRole::parse(value).map(member_role)),
        "boarding" => Some(if value == "true" { "Có" } else { "Không" }),
        _ => None,
    };
    if let Some(word) = word {
        return word.to_owned();
    }
    if let Some(at) = antt_domain::time::parse_instant(value) {
        return antt_domain::time::format_instant(at);
    }
    // A list or a pair of codes, as a use case wrote it: "a, b", "(a, b)".
    let inner = value
        .strip_prefix('(')
        .and_then(|v| v.strip_suffix(')'))
        .unwrap_or(value);
    let parts: Vec<&str> = inner.split(", ").collect();
    if parts.iter().all(|p| any_code(p).is_some()) {
        return parts
            .iter()
            .filter_map(|p| any_code(p))
            .collect::<Vec<_>>()
            .join(", ");
    }
    value.to_owned()
}

/// The words of a code of the domain whatever its field, for a value the
/// log kept without saying which code it is (the first kind that knows it).
fn any_code(code: &str) -> Option<&'static str> {
    if code.is_empty() || !code.bytes().all(|b| b.is_ascii_lowercase() || b == b'_') {
        return None;
    }
    Topic::parse(code)
        .map(topic)
        .or_else(|| TipCategory::parse(code).map(tip_category))
        .or_else(|| TipChannel::parse(code).map(tip_channel))
        .or_else(|| TipState::parse(code).map(tip_state))
        .or_else(|| Severity::parse(code).map(severity))
        .or_else(|| IncidentState::parse(code).map(incident_state))
        .or_else(|| InvolvedRole::parse(code).map(involved_role))
        .or_else(|| ViolationKind::parse(code).map(violation_kind))
        .or_else(|| Discipline::parse(code).map(discipline))
        .or_else(|| SessionKind::parse(code).map(session_kind))
        .or_else(|| AttendanceMethod::parse(code).map(attendance_method))
        .or_else(|| TeamKind::parse(code).map(team_kind))
        .or_else(|| MemberRole::parse(code).map(member_role))
        .or_else(|| RewardForm::parse(code).map(reward_form))
        .or_else(|| PersonKind::parse(code).map(person_kind))
        .or_else(|| Role::parse(code).map(role))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_unit_is_abbreviated_as_its_clerks_write_it() {
        for (name, short) in [
            ("Trường Cao đẳng Lào Cai", "CĐLC"),
            ("Trường THCS Kim Tân", "THCSKT"),
            ("Công ty Cổ phần Apatit Việt Nam", "CPAVN"),
            ("Sở Giáo dục và Đào tạo", "SGDVĐT"),
            ("Trường", "T"),
        ] {
            assert_eq!(unit_abbreviation(name), short, "{name}");
        }
    }

    #[test]
    fn every_code_has_words() {
        for r in Role::ALL {
            assert!(!role(*r).is_empty());
        }
        for a in AuditAction::ALL {
            assert!(!audit_action(*a).is_empty());
        }
        assert_eq!(change_value("gender", "female"), "Nữ");
        assert_eq!(change_value("verdict", "met"), "Đạt");
        assert_eq!(change_value("rating", "good"), "Hoàn thành tốt nhiệm vụ");
        assert_eq!(change_value("state", "self_assessed"), "Đã họp tự đánh giá");
        assert_eq!(field("rating"), "Xếp loại");
        assert_eq!(wait(5), "5 giây");
        assert_eq!(wait(120), "2 phút");
        assert_eq!(wait(90), "1 phút 30 giây");
        assert_eq!(change_value("boarding", "true"), "Có");
        assert_eq!(change_value("phone", "0912"), "0912");
        assert_eq!(field("class_id"), "Lớp");
        assert_eq!(
            field_of(Some(TargetKind::Session), "title"),
            "Tên buổi, nội dung"
        );
        assert_eq!(field_of(Some(TargetKind::Plan), "title"), field("title"));
        // Codes the log kept in lists and pairs, and instants, read as words.
        assert_eq!(
            change_value("topics", "state_secrets, cyber_crime"),
            format!(
                "{}, {}",
                topic(Topic::StateSecrets),
                topic(Topic::CyberCrime)
            )
        );
        assert_eq!(
            change_value("tip", "(outsiders, in_person)"),
            format!(
                "{}, {}",
                tip_category(TipCategory::Outsiders),
                tip_channel(TipChannel::InPerson)
            )
        );
        assert_eq!(
            change_value("starts_at", "2026-12-03T01:00:00+00:00"),
            "03/12/2026 08:00"
        );
        assert_eq!(change_value("note", "hello, world"), "hello, world");
        let p = antt_domain::person_import::Problem {
            row: 7,
            column: Some(("E".into(), "Ngày sinh".into())),
            field: "birth_date",
            code: ErrorCode::InvalidDate,
            value: "31/02/2005".into(),
        };
        assert_eq!(
            import_problem_line(&p),
            "Dòng 7, cột E (Ngày sinh): Ngày không hợp lệ (nhập theo dạng ngày/tháng/năm, ví dụ 15/08/2005). «31/02/2005»"
        );
    }

    #[test]
    fn a_check_still_open_after_the_window_reads_not_confirmed() {
        use antt_domain::assessment::Verdict;
        assert_eq!(
            verdict_in_document(Verdict::AtRisk, false),
            "Chưa đạt (đang thực hiện)"
        );
        assert_eq!(verdict_in_document(Verdict::AtRisk, true), "Chưa xác nhận");
        assert_eq!(verdict_in_document(Verdict::Failed, true), "Không đạt");
    }

    #[test]
    fn a_decision_counts_people_and_collectives_as_a_paper_does() {
        assert_eq!(people_and_collectives(2, 1), "02 cá nhân và 01 tập thể");
        assert_eq!(people_and_collectives(3, 0), "03 cá nhân");
        assert_eq!(people_and_collectives(0, 1), "01 tập thể");
    }

    #[test]
    fn the_minutes_conclusion_follows_the_table() {
        let met = minutes_conclusion("Trường CĐ Lào Cai", 2026, &[], &[]);
        assert!(met.contains("đạt đủ các tiêu chí") && met.contains("đề nghị"));
        let failed =
            minutes_conclusion("Trường CĐ Lào Cai", 2026, &["4.1".into()], &["2.1".into()]);
        assert!(failed.contains("chưa đạt tiêu chí 4.1") && failed.contains("chưa đủ điều kiện"));
        let open = minutes_conclusion("Trường CĐ Lào Cai", 2026, &[], &["2.1".into()]);
        assert!(open.contains("nội dung 2.1 cần được xác nhận"));
    }
}
