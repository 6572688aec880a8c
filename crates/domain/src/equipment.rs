//! Fire-safety equipment and security cameras (phương tiện PCCC, camera):
//! the register of a unit's items, the intervals at which each kind is
//! checked, serviced and pressure-tested, the dates that follow from them,
//! and the faults reported on an item.

use chrono::{Datelike, Months, NaiveDate};

use crate::{
    CampusId, EquipmentFaultId, EquipmentId, ErrorCode, UnitId, ValidationErrors, code_enum, text,
};

code_enum!(
    /// What an item of the register is.
    EquipmentKind {
        /// Bình chữa cháy bột (ABC, BC).
        PowderExtinguisher => "powder_extinguisher",
        /// Bình chữa cháy khí CO₂.
        Co2Extinguisher => "co2_extinguisher",
        /// Bình chữa cháy bọt (foam).
        FoamExtinguisher => "foam_extinguisher",
        /// Tủ, họng nước chữa cháy vách tường; trụ nước.
        Hydrant => "hydrant",
        /// Tủ trung tâm báo cháy.
        AlarmPanel => "alarm_panel",
        /// Đầu báo cháy (khói, nhiệt), nút ấn báo cháy.
        Detector => "detector",
        /// Đèn chiếu sáng sự cố.
        EmergencyLight => "emergency_light",
        /// Đèn chỉ dẫn lối thoát nạn.
        ExitSign => "exit_sign",
        /// Hệ thống, đầu phun chữa cháy tự động (sprinkler).
        Sprinkler => "sprinkler",
        /// Mặt nạ phòng độc, thở.
        BreathingMask => "breathing_mask",
        /// Thang, dây cứu người.
        RescueLadder => "rescue_ladder",
        /// Máy bơm chữa cháy.
        Pump => "pump",
        /// Camera an ninh.
        Camera => "camera",
        /// Đầu ghi hình camera.
        Recorder => "recorder",
        /// Công cụ hỗ trợ của lực lượng bảo vệ: dùi cui, bình xịt cay.
        SupportTool => "support_tool",
        /// Bộ đàm của lực lượng bảo vệ.
        Radio => "radio",
        /// Phương tiện tuần tra: xe máy, xe điện, đèn pin chiếu xa.
        PatrolVehicle => "patrol_vehicle",
    }
);

impl EquipmentKind {
    /// A portable extinguisher: recharged, pressure-tested, weighed.
    pub const fn is_extinguisher(self) -> bool {
        matches!(
            self,
            Self::PowderExtinguisher | Self::Co2Extinguisher | Self::FoamExtinguisher
        )
    }

    /// A camera or a recorder: security, not fire safety.
    pub const fn is_camera(self) -> bool {
        matches!(self, Self::Camera | Self::Recorder)
    }

    /// The security force's own means (support tools, radios, patrol
    /// vehicles): neither fire safety nor cameras.
    pub const fn is_security_gear(self) -> bool {
        matches!(self, Self::SupportTool | Self::Radio | Self::PatrolVehicle)
    }

    /// The kinds a security force needs to count as equipped (the
    /// province's target "được trang bị công cụ hỗ trợ và phương tiện cần
    /// thiết"): a support tool and a radio in service.
    pub const EQUIPPED_NEEDS: [Self; 2] = [Self::SupportTool, Self::Radio];

    /// The kind that leads the round this kind is checked in: the
    /// extinguishers together, the alarm panel with its detectors, the
    /// emergency lights with the exit signs, the cameras with their
    /// recorders.
    #[must_use]
    pub const fn round_lead(self) -> Self {
        match self {
            Self::Co2Extinguisher | Self::FoamExtinguisher => Self::PowderExtinguisher,
            Self::Detector => Self::AlarmPanel,
            Self::ExitSign => Self::EmergencyLight,
            Self::Recorder => Self::Camera,
            other => other,
        }
    }

    /// The code's two letters on a label and in generated codes: "BC" for
    /// an extinguisher, "CAM" for a camera.
    pub const fn prefix(self) -> &'static str {
        match self {
            Self::PowderExtinguisher | Self::Co2Extinguisher | Self::FoamExtinguisher => "BC",
            Self::Hydrant => "HN",
            Self::AlarmPanel => "TBC",
            Self::Detector => "DB",
            Self::EmergencyLight => "DSC",
            Self::ExitSign => "DTN",
            Self::Sprinkler => "SP",
            Self::BreathingMask => "MN",
            Self::RescueLadder => "TCN",
            Self::Pump => "BOM",
            Self::Camera => "CAM",
            Self::Recorder => "DG",
            Self::SupportTool => "CCHT",
            Self::Radio => "BD",
            Self::PatrolVehicle => "PT",
        }
    }

    /// The intervals antt starts a unit with (see `docs/fire.md` for the
    /// clause behind each): every item is looked at monthly (Nghị định
    /// 105/2025, Điều 14: the facility's regular self-check "không quá 01
    /// tháng một lần"); an extinguisher is serviced yearly (TCVN
    /// 7435-2:2004, 4.3: "không quá một năm") and pressure-tested every
    /// five years; systems are serviced every six months or yearly.
    pub const fn default_intervals(self) -> Intervals {
        let (check_days, service_months, pressure_test_years) = match self {
            Self::PowderExtinguisher | Self::Co2Extinguisher | Self::FoamExtinguisher => {
                (30, Some(12), Some(5))
            }
            Self::Hydrant
            | Self::AlarmPanel
            | Self::EmergencyLight
            | Self::ExitSign
            | Self::Pump => (30, Some(6), None),
            Self::Detector | Self::Sprinkler | Self::RescueLadder | Self::Camera => {
                (30, Some(12), None)
            }
            Self::BreathingMask | Self::SupportTool | Self::Radio | Self::PatrolVehicle => {
                (30, None, None)
            }
            // A recorder that stopped is found only when footage is needed:
            // looked at weekly.
            Self::Recorder => (7, Some(12), None),
        };
        Intervals {
            check_days: Some(check_days),
            service_months,
            pressure_test_years,
        }
    }
}

impl EquipmentKind {
    /// The questions of the monthly self-check of an item of this kind,
    /// each answered yes (in order), no, or not applicable. From what the
    /// extinguisher standard asks of an inspection (TCVN 7435-2:2004, 4.2:
    /// in its place, seals and pin, pressure, no visible damage, label
    /// readable) and what the fire police's checks look at for the others.
    pub const fn checklist(self) -> &'static [&'static str] {
        match self {
            Self::PowderExtinguisher | Self::Co2Extinguisher | Self::FoamExtinguisher => &[
                "Đặt đúng vị trí, dễ thấy, dễ lấy; có biển hoặc hướng dẫn sử dụng",
                "Chốt an toàn và niêm chì còn nguyên",
                "Kim đồng hồ áp suất ở vùng xanh (bình CO₂: cân đủ khối lượng)",
                "Vỏ bình không móp, gỉ; vòi, loa phun không nứt, tắc",
            ],
            Self::Hydrant => &[
                "Tủ không bị che chắn, khóa mở được",
                "Đủ cuộn vòi, lăng phun; vòi không mục, thủng",
                "Van mở được, có nước, có áp lực",
            ],
            Self::AlarmPanel => &[
                "Tủ có điện, đèn nguồn sáng, không báo lỗi",
                "Ắc quy dự phòng hoạt động",
                "Thử còi, chuông báo cháy kêu",
            ],
            Self::Detector => &[
                "Đầu báo không bị che, sơn phủ, bám bụi",
                "Đèn tín hiệu nháy bình thường",
            ],
            Self::EmergencyLight | Self::ExitSign => &[
                "Đèn sáng khi có điện",
                "Đèn tự sáng khi ngắt điện (thử nút test)",
                "Không bị che khuất",
            ],
            Self::Sprinkler => &["Đầu phun không bị che, sơn phủ", "Áp lực đường ống đạt"],
            Self::BreathingMask => &["Đủ số lượng, còn hạn sử dụng", "Hộp lọc còn niêm"],
            Self::RescueLadder => &["Thang, dây không mục, đứt", "Để đúng nơi, dễ lấy"],
            Self::Pump => &[
                "Máy nổ được (chạy thử 5 phút)",
                "Đủ nhiên liệu, dầu bôi trơn",
                "Vòi hút, vòi đẩy không thủng",
            ],
            Self::Camera => &[
                "Camera có hình, rõ nét, đúng góc",
                "Thời gian trên hình đúng giờ",
            ],
            Self::Recorder => &[
                "Đầu ghi đang ghi hình tất cả camera",
                "Ổ cứng còn lưu đủ số ngày quy định",
                "Thời gian đầu ghi đúng giờ",
            ],
            Self::SupportTool => &[
                "Đủ số lượng theo sổ, cất giữ đúng nơi quy định",
                "Không hỏng, còn hạn sử dụng (bình xịt cay)",
                "Người được giao sử dụng đã được huấn luyện",
            ],
            Self::Radio => &[
                "Bộ đàm bật được, pin đủ một ca trực",
                "Gọi thử được các vị trí trực",
            ],
            Self::PatrolVehicle => &[
                "Phương tiện hoạt động được, đủ nhiên liệu hoặc pin",
                "Đèn, còi hoạt động",
            ],
        }
    }
}

/// The answer to one question of a checklist.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Answer {
    Yes,
    No,
    NotApplicable,
}

impl Answer {
    pub fn parse(code: &str) -> Option<Self> {
        match code {
            "yes" => Some(Self::Yes),
            "no" => Some(Self::No),
            "na" => Some(Self::NotApplicable),
            _ => None,
        }
    }
}

code_enum!(
    /// Where an item stands.
    EquipmentState {
        /// Đang sử dụng.
        InService => "in_service",
        /// Hỏng, chờ sửa.
        Faulty => "faulty",
        /// Đang sửa, nạp lại.
        InRepair => "in_repair",
        /// Đã thanh lý, thu hồi.
        Withdrawn => "withdrawn",
    }
);

code_enum!(
    /// What happened to an item, as its history shows.
    EquipmentEventKind {
        /// Checked and found in order.
        Checked => "checked",
        /// Checked and found wanting (the note says what).
        CheckFailed => "check_failed",
        /// Serviced, or an extinguisher recharged.
        Serviced => "serviced",
        /// Pressure-tested.
        PressureTested => "pressure_tested",
        /// A fault reported (by anyone, from the label).
        FaultReported => "fault_reported",
        /// A fault set right.
        FaultFixed => "fault_fixed",
        /// Put in a new state by hand.
        StateChanged => "state_changed",
        /// Entered in the register, or its details changed.
        Registered => "registered",
    }
);

code_enum!(
    /// Where a fault report stands.
    FaultState {
        /// Reported, not yet set right.
        Open => "open",
        /// Set right (repaired, recharged, replaced).
        Fixed => "fixed",
        /// Not a fault after all.
        Dismissed => "dismissed",
    }
);

/// How often a kind of item is checked, serviced and pressure-tested;
/// none where it is not.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Intervals {
    pub check_days: Option<u32>,
    pub service_months: Option<u32>,
    pub pressure_test_years: Option<u32>,
}

/// An item of the register.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Equipment {
    pub id: EquipmentId,
    pub unit_id: UnitId,
    pub code: String,
    pub kind: EquipmentKind,
    /// "Bình bột ABC MFZL4, 4 kg", "Camera cổng chính".
    pub name: String,
    pub campus_id: Option<CampusId>,
    /// Nhà, tầng, phòng or a free description: "Nhà A, tầng 2, hành lang".
    pub place: String,
    pub maker: Option<String>,
    pub made_on: Option<NaiveDate>,
    pub installed_on: Option<NaiveDate>,
    pub last_check: Option<NaiveDate>,
    pub last_service: Option<NaiveDate>,
    pub last_pressure_test: Option<NaiveDate>,
    /// The day it may be used until (a mask's filter, a powder's life).
    pub expires_on: Option<NaiveDate>,
    pub state: EquipmentState,
    pub note: Option<String>,
    /// The secret of its label: the QR code opens `/e/{label}`, which
    /// nobody can guess from the code.
    pub label: String,
}

/// The dates an item is next due, as its kind's intervals give them.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Due {
    pub check: Option<NaiveDate>,
    pub service: Option<NaiveDate>,
    pub pressure_test: Option<NaiveDate>,
    pub expires: Option<NaiveDate>,
}

/// What is due of an item, each with its day.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum DueWhat {
    Check,
    Service,
    PressureTest,
    Expiry,
}

impl Due {
    /// Each due date with what it is for, earliest first.
    pub fn dates(&self) -> Vec<(DueWhat, NaiveDate)> {
        let mut out: Vec<(DueWhat, NaiveDate)> = [
            (DueWhat::Check, self.check),
            (DueWhat::Service, self.service),
            (DueWhat::PressureTest, self.pressure_test),
            (DueWhat::Expiry, self.expires),
        ]
        .into_iter()
        .filter_map(|(w, d)| d.map(|d| (w, d)))
        .collect();
        out.sort_by_key(|(w, d)| (*d, *w));
        out
    }

    /// The earliest due date, if any.
    pub fn first(&self) -> Option<(DueWhat, NaiveDate)> {
        self.dates().into_iter().next()
    }
}

impl Equipment {
    /// Whether the item is still part of the register's work (not
    /// withdrawn).
    pub fn in_use(&self) -> bool {
        self.state != EquipmentState::Withdrawn
    }

    /// When the item is next due, from its last dates (or, never done,
    /// from when it was installed or made) and the intervals.
    pub fn due(&self, intervals: &Intervals) -> Due {
        let start = self.installed_on.or(self.made_on);
        let add_days = |d: NaiveDate, n: u32| d.checked_add_days(chrono::Days::new(u64::from(n)));
        let add_months = |d: NaiveDate, n: u32| d.checked_add_months(Months::new(n));
        Due {
            check: intervals
                .check_days
                .and_then(|n| self.last_check.or(start).and_then(|d| add_days(d, n))),
            service: intervals
                .service_months
                .and_then(|n| self.last_service.or(start).and_then(|d| add_months(d, n))),
            pressure_test: intervals.pressure_test_years.and_then(|n| {
                self.last_pressure_test
                    .or(self.made_on)
                    .or(start)
                    .and_then(|d| add_months(d, n * 12))
            }),
            expires: self.expires_on,
        }
    }
}

/// An item as typed (the form, a row of the imported sheet).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EquipmentInput {
    pub code: String,
    pub kind: EquipmentKind,
    pub name: String,
    pub campus_id: Option<CampusId>,
    pub place: String,
    pub maker: Option<String>,
    pub made_on: Option<NaiveDate>,
    pub installed_on: Option<NaiveDate>,
    pub last_check: Option<NaiveDate>,
    pub last_service: Option<NaiveDate>,
    pub last_pressure_test: Option<NaiveDate>,
    pub expires_on: Option<NaiveDate>,
    pub note: Option<String>,
}

/// The fields of an item as text, before they are checked.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct EquipmentText<'a> {
    pub code: &'a str,
    pub kind: &'a str,
    pub name: &'a str,
    pub place: &'a str,
    pub maker: &'a str,
    pub made_on: &'a str,
    pub installed_on: &'a str,
    pub last_check: &'a str,
    pub last_service: &'a str,
    pub last_pressure_test: &'a str,
    pub expires_on: &'a str,
    pub note: &'a str,
}

impl EquipmentInput {
    /// Checks the typed fields: a code of letters and digits, a known
    /// kind, a name, dates as dd/mm/yyyy (or yyyy-mm-dd), none of the
    /// past ones after `today`.
    pub fn parse(
        campus_id: Option<CampusId>,
        t: &EquipmentText<'_>,
        today: NaiveDate,
    ) -> Result<Self, ValidationErrors> {
        let mut errors = ValidationErrors::new();
        let code = errors.check(text::code("code", t.code, 30).map(|c| c.to_uppercase()));
        let kind = kind_of(t.kind);
        if kind.is_none() {
            errors.add(
                "kind",
                if t.kind.trim().is_empty() {
                    ErrorCode::Required
                } else {
                    ErrorCode::Invalid
                },
            );
        }
        let name = errors.check(text::required("name", t.name, 200));
        let place = errors.check(text::optional("place", Some(t.place), 300));
        let maker = errors.check(text::optional("maker", Some(t.maker), 120));
        let note = errors.check(text::optional("note", Some(t.note), 1000));
        let mut day = |field: &'static str, value: &str, past: bool| -> Option<NaiveDate> {
            let value = value.trim();
            if value.is_empty() {
                return None;
            }
            match crate::time::parse_date(value) {
                Some(d) if past && d > today => {
                    errors.add(field, ErrorCode::InFuture);
                    None
                }
                Some(d) => Some(d),
                None => {
                    errors.add(field, ErrorCode::InvalidDate);
                    None
                }
            }
        };
        let made_on = day("made_on", t.made_on, true);
        let installed_on = day("installed_on", t.installed_on, true);
        let last_check = day("last_check", t.last_check, true);
        let last_service = day("last_service", t.last_service, true);
        let last_pressure_test = day("last_pressure_test", t.last_pressure_test, true);
        let expires_on = day("expires_on", t.expires_on, false);
        errors.into_result()?;
        Ok(Self {
            code: code.unwrap_or_default(),
            kind: kind.unwrap_or(EquipmentKind::PowderExtinguisher),
            name: name.unwrap_or_default(),
            campus_id,
            place: place.flatten().unwrap_or_default(),
            maker: maker.flatten(),
            made_on,
            installed_on,
            last_check,
            last_service,
            last_pressure_test,
            expires_on,
            note: note.flatten(),
        })
    }
}

/// A kind from its code or its Vietnamese words as a sheet writes them
/// ("Bình bột", "bình CO2", "camera").
pub fn kind_of(text: &str) -> Option<EquipmentKind> {
    if let Some(k) = EquipmentKind::parse(text.trim()) {
        return Some(k);
    }
    let key = text::search_key(&text.replace('₂', "2"));
    let key = key.trim();
    if key.is_empty() {
        return None;
    }
    if let Some(k) = EquipmentKind::parse(key) {
        return Some(k);
    }
    let has = |w: &str| key.contains(w);
    // "bọt" (foam) and "bột" (powder) differ only by their marks.
    let lower = text.to_lowercase();
    Some(if has("co2") || has("khi") && has("binh") {
        EquipmentKind::Co2Extinguisher
    } else if lower.contains("bọt") || has("foam") {
        EquipmentKind::FoamExtinguisher
    } else if key.split(' ').any(|w| w == "bot") || has("abc") {
        EquipmentKind::PowderExtinguisher
    } else if has("dau ghi") || has("recorder") || has("nvr") || has("dvr") {
        EquipmentKind::Recorder
    } else if has("camera") {
        EquipmentKind::Camera
    } else if has("hong nuoc") || has("tu chua chay") || has("tru nuoc") || has("vach tuong") {
        EquipmentKind::Hydrant
    } else if has("tu trung tam") || has("tu bao chay") {
        EquipmentKind::AlarmPanel
    } else if has("dau bao") || has("nut an") || has("detector") {
        EquipmentKind::Detector
    } else if has("chieu sang su co") || has("den su co") {
        EquipmentKind::EmergencyLight
    } else if has("exit") || has("thoat nan") || has("chi dan") {
        EquipmentKind::ExitSign
    } else if has("sprinkler") || has("dau phun") {
        EquipmentKind::Sprinkler
    } else if has("mat na") {
        EquipmentKind::BreathingMask
    } else if has("thang") || has("day cuu") {
        EquipmentKind::RescueLadder
    } else if has("bom") {
        EquipmentKind::Pump
    } else if has("bo dam") || has("radio") {
        EquipmentKind::Radio
    } else if has("dui cui") || has("cong cu ho tro") || has("xit cay") || has("hoi cay") {
        EquipmentKind::SupportTool
    } else if has("xe may") || has("xe dien") || has("xe tuan tra") {
        EquipmentKind::PatrolVehicle
    } else {
        return None;
    })
}

/// A column of the register's sheet (the import reads what the export
/// writes, and the sheets offices keep).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum EquipmentColumn {
    Code,
    Kind,
    Name,
    Campus,
    Place,
    Maker,
    MadeOn,
    InstalledOn,
    LastCheck,
    LastService,
    LastPressureTest,
    ExpiresOn,
    Note,
}

impl EquipmentColumn {
    /// Every column in the order the export writes them, with its header.
    pub const HEADERS: [(Self, &'static str); 13] = [
        (Self::Code, "Mã"),
        (Self::Kind, "Loại"),
        (Self::Name, "Tên, quy cách"),
        (Self::Campus, "Cơ sở"),
        (Self::Place, "Vị trí"),
        (Self::Maker, "Hãng sản xuất"),
        (Self::MadeOn, "Ngày sản xuất"),
        (Self::InstalledOn, "Ngày lắp đặt"),
        (Self::LastCheck, "Kiểm tra lần cuối"),
        (Self::LastService, "Bảo dưỡng, nạp lần cuối"),
        (Self::LastPressureTest, "Thử áp lực lần cuối"),
        (Self::ExpiresOn, "Hạn sử dụng"),
        (Self::Note, "Ghi chú"),
    ];
}

impl crate::sheet::ColumnKind for EquipmentColumn {
    fn recognise(key: &str) -> Option<Self> {
        Some(match key {
            "ma" | "ma so" | "ma thiet bi" | "ma phuong tien" | "so hieu" => Self::Code,
            "loai" | "loai phuong tien" | "loai thiet bi" | "chung loai" => Self::Kind,
            "ten" | "ten, quy cach" | "ten phuong tien" | "ten thiet bi" | "quy cach" => Self::Name,
            "co so" => Self::Campus,
            "vi tri" | "vi tri dat" | "noi dat" | "vi tri lap dat" => Self::Place,
            "hang" | "hang san xuat" | "nha san xuat" | "xuat xu" => Self::Maker,
            "ngay san xuat" | "nam san xuat" => Self::MadeOn,
            "ngay lap dat" | "ngay dua vao su dung" | "ngay trang bi" => Self::InstalledOn,
            "kiem tra lan cuoi" | "ngay kiem tra" | "ngay kiem tra gan nhat" => Self::LastCheck,
            "bao duong, nap lan cuoi"
            | "ngay nap"
            | "ngay nap sac"
            | "bao duong lan cuoi"
            | "ngay bao duong"
            | "nap lan cuoi" => Self::LastService,
            "thu ap luc lan cuoi" | "ngay thu ap luc" | "kiem dinh" | "ngay kiem dinh" => {
                Self::LastPressureTest
            }
            "han su dung" | "het han" | "ngay het han" => Self::ExpiresOn,
            "ghi chu" => Self::Note,
            _ => return None,
        })
    }

    fn is_header(found: &[Self]) -> bool {
        found.contains(&Self::Code) && (found.contains(&Self::Kind) || found.contains(&Self::Name))
    }

    fn identity() -> &'static [Self] {
        &[Self::Code]
    }
}

/// One line of an item's history.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EquipmentEvent {
    pub equipment_id: EquipmentId,
    pub at: chrono::DateTime<chrono::Utc>,
    /// The day it was done, when not the day it was written down.
    pub day: Option<NaiveDate>,
    pub kind: EquipmentEventKind,
    pub note: String,
    /// The account that wrote it; none from the public label page.
    pub recorded_by: Option<String>,
}

/// A fault reported on an item.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EquipmentFault {
    pub id: EquipmentFaultId,
    pub unit_id: UnitId,
    /// The item at fault; none for the corrective action of a place's
    /// failed round (see `schedule_id`).
    pub equipment_id: Option<EquipmentId>,
    /// The place's round whose failure opened it, and the place as the
    /// round named it.
    pub schedule_id: Option<crate::InspectionScheduleId>,
    pub place: Option<String>,
    pub reported_at: chrono::DateTime<chrono::Utc>,
    pub description: String,
    /// The account that reported it; none from the public label page.
    pub reported_by: Option<String>,
    pub has_photo: bool,
    pub state: FaultState,
    pub closed_at: Option<chrono::DateTime<chrono::Utc>>,
    pub closed_by: Option<String>,
    /// What was done, as evidence of the action.
    pub closing_note: Option<String>,
    /// The person who must set it right (none: the office).
    pub owner_id: Option<crate::PersonId>,
    /// The day it must be set right by.
    pub due_on: Option<NaiveDate>,
}

/// Days a fault is given to be set right, unless the office sets others.
pub const FAULT_DAYS: u64 = 7;

impl EquipmentFault {
    /// Still open past its day.
    pub fn overdue(&self, today: NaiveDate) -> bool {
        self.state == FaultState::Open && self.due_on.is_some_and(|d| d < today)
    }
}

/// A time a camera or recorder showed or recorded nothing.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CameraOutage {
    pub equipment_id: EquipmentId,
    pub from: chrono::DateTime<chrono::Utc>,
    /// None while it lasts.
    pub until: Option<chrono::DateTime<chrono::Utc>>,
    pub cause: String,
    pub recorded_by: String,
}

/// The most a fault's description holds.
pub const MAX_FAULT_TEXT: usize = 1_000;

/// A fault's description, checked.
pub fn fault_text(description: &str) -> Result<String, ValidationErrors> {
    let mut errors = ValidationErrors::new();
    let text = errors.check(text::required("description", description, MAX_FAULT_TEXT));
    errors.into_result()?;
    Ok(text.unwrap_or_default())
}

/// The first day of the month after `day`'s: "expiring this month" means
/// before it.
pub fn month_end(day: NaiveDate) -> NaiveDate {
    let first = day.with_day(1).unwrap_or(day);
    first.checked_add_months(Months::new(1)).unwrap_or(first)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn item(kind: EquipmentKind) -> Equipment {
        Equipment {
            id: EquipmentId::new_v7(),
            unit_id: UnitId::new_v7(),
            code: "BC-001".into(),
            kind,
            name: "Bình".into(),
            campus_id: None,
            place: String::new(),
            maker: None,
            made_on: Some(d(2022, 3, 10)),
            installed_on: Some(d(2022, 6, 1)),
            last_check: None,
            last_service: None,
            last_pressure_test: None,
            expires_on: None,
            state: EquipmentState::InService,
            note: None,
            label: "x".into(),
        }
    }

    #[test]
    fn an_extinguishers_dates_follow_from_its_last_ones() {
        let mut b = item(EquipmentKind::PowderExtinguisher);
        let i = EquipmentKind::PowderExtinguisher.default_intervals();
        // Never checked: from the day it was installed.
        let due = b.due(&i);
        assert_eq!(due.check, Some(d(2022, 7, 1)));
        assert_eq!(due.service, Some(d(2023, 6, 1)));
        // Pressure test: five years from when it was made.
        assert_eq!(due.pressure_test, Some(d(2027, 3, 10)));
        b.last_check = Some(d(2026, 11, 20));
        b.last_service = Some(d(2026, 1, 31));
        b.expires_on = Some(d(2026, 12, 15));
        let due = b.due(&i);
        assert_eq!(due.check, Some(d(2026, 12, 20)));
        // A month added to 31 January is the last of February.
        assert_eq!(due.service, Some(d(2027, 1, 31)));
        assert_eq!(
            due.first(),
            Some((DueWhat::Expiry, d(2026, 12, 15))),
            "the earliest is what the list shows"
        );
    }

    #[test]
    fn a_unit_may_turn_an_interval_off() {
        let b = item(EquipmentKind::Co2Extinguisher);
        let none = Intervals {
            check_days: None,
            service_months: None,
            pressure_test_years: None,
        };
        assert_eq!(b.due(&none), Due::default());
        assert_eq!(Due::default().first(), None);
    }

    #[test]
    fn kinds_are_read_from_the_words_a_sheet_uses() {
        for (words, kind) in [
            ("Bình bột ABC", EquipmentKind::PowderExtinguisher),
            ("bình CO2", EquipmentKind::Co2Extinguisher),
            ("Bình khí CO₂ MT3", EquipmentKind::Co2Extinguisher),
            ("Bình bọt", EquipmentKind::FoamExtinguisher),
            ("Bình chữa cháy bột", EquipmentKind::PowderExtinguisher),
            ("Bình chữa cháy CO₂", EquipmentKind::Co2Extinguisher),
            ("Tủ chữa cháy vách tường", EquipmentKind::Hydrant),
            ("Tủ trung tâm báo cháy", EquipmentKind::AlarmPanel),
            ("Đầu báo khói", EquipmentKind::Detector),
            ("Đèn chiếu sáng sự cố", EquipmentKind::EmergencyLight),
            ("Đèn EXIT", EquipmentKind::ExitSign),
            ("Camera", EquipmentKind::Camera),
            ("Đầu ghi NVR 16 kênh", EquipmentKind::Recorder),
            ("Mặt nạ phòng độc", EquipmentKind::BreathingMask),
            ("Máy bơm chữa cháy", EquipmentKind::Pump),
            ("Bộ đàm Motorola", EquipmentKind::Radio),
            ("Dùi cui điện", EquipmentKind::SupportTool),
            ("Bình xịt hơi cay", EquipmentKind::SupportTool),
            ("Xe máy tuần tra", EquipmentKind::PatrolVehicle),
            ("co2_extinguisher", EquipmentKind::Co2Extinguisher),
            ("powder_extinguisher", EquipmentKind::PowderExtinguisher),
        ] {
            assert_eq!(kind_of(words), Some(kind), "{words}");
        }
        assert_eq!(kind_of("bàn ghế"), None);
        assert_eq!(kind_of(""), None);
    }

    #[test]
    fn a_typed_item_is_checked_field_by_field() {
        let today = d(2026, 11, 21);
        let t = EquipmentText {
            code: " bc-a1-01 ",
            kind: "Bình bột",
            name: "Bình bột ABC 4 kg",
            place: "Nhà A, tầng 1",
            last_check: "20/11/2026",
            expires_on: "01/06/2030",
            ..EquipmentText::default()
        };
        let i = EquipmentInput::parse(None, &t, today).unwrap();
        assert_eq!(i.code, "BC-A1-01");
        assert_eq!(i.kind, EquipmentKind::PowderExtinguisher);
        assert_eq!(i.last_check, Some(d(2026, 11, 20)));
        assert_eq!(i.expires_on, Some(d(2030, 6, 1)));
        let bad = EquipmentText {
            code: "",
            kind: "bàn",
            name: "",
            last_check: "22/11/2026",
            made_on: "32/13/2020",
            ..EquipmentText::default()
        };
        let e = EquipmentInput::parse(None, &bad, today).unwrap_err();
        assert_eq!(e.for_field("code"), Some(ErrorCode::Required));
        assert_eq!(e.for_field("kind"), Some(ErrorCode::Invalid));
        assert_eq!(e.for_field("name"), Some(ErrorCode::Required));
        assert_eq!(e.for_field("last_check"), Some(ErrorCode::InFuture));
        assert_eq!(e.for_field("made_on"), Some(ErrorCode::InvalidDate));
    }
}
