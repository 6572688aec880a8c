//! Typed identifiers. Every key is a UUIDv7 so that a school's own instance
//! can later send its records to the provincial instance without collisions.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};
use uuid::Uuid;

macro_rules! id_type {
    ($($(#[$doc:meta])* $name:ident),* $(,)?) => {$(
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(Uuid);

        impl $name {
            /// A fresh time-ordered id (UUIDv7).
            pub fn new_v7() -> Self {
                Self(Uuid::now_v7())
            }
            pub const fn from_uuid(id: Uuid) -> Self {
                Self(id)
            }
            pub const fn uuid(self) -> Uuid {
                self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                self.0.fmt(f)
            }
        }

        impl FromStr for $name {
            type Err = uuid::Error;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                Uuid::parse_str(s).map(Self)
            }
        }
    )*};
}

id_type!(
    /// A unit (đơn vị): school, agency, enterprise or police body.
    UnitId,
    /// A campus (cơ sở, địa điểm đào tạo) of a unit.
    CampusId,
    /// A department (phòng, khoa, trung tâm, đoàn thể) of a unit.
    DepartmentId,
    /// A class (lớp) of students.
    ClassId,
    /// A person: staff member or student.
    PersonId,
    /// A user account.
    UserId,
    /// A login session.
    SessionId,
    /// An API token.
    ApiTokenId,
    /// A movement plan (kế hoạch) of a unit for a year.
    PlanId,
    /// A task of a plan.
    PlanTaskId,
    /// A progress note on a task.
    TaskNoteId,
    /// A session of the movement (buổi tuyên truyền, tập huấn, hội nghị);
    /// not to be confused with [`SessionId`], a login.
    MovementSessionId,
    /// A yearly commitment campaign (bản cam kết).
    CommitmentId,
    /// A model, team or linked security cluster.
    TeamId,
    /// A law contest (cuộc thi tìm hiểu pháp luật).
    ContestId,
    /// A question of a contest's bank.
    QuestionId,
    /// A tip (tin báo, tố giác) received by a unit.
    TipId,
    /// An incident (vụ việc) of a unit's register.
    IncidentId,
    /// A person involved in an incident.
    InvolvedId,
    /// A violation (vi phạm) by a person of the unit.
    ViolationId,
    /// A nomination for a reward (đề nghị khen thưởng).
    NominationId,
    /// A reward decision (quyết định khen thưởng).
    RewardDecisionId,
    /// A guard post (vị trí trực bảo vệ) of a campus.
    DutyPostId,
    /// A month's guard-duty roster (lịch trực bảo vệ).
    RosterId,
    /// Days of reinforcement of the guard force (a holiday, an event).
    DutyEventId,
    /// A guard's request to have a shift stood by another.
    SwapId,
    /// A shift as logged at a gate (sổ trực ban).
    ShiftLogId,
    /// A patrol checkpoint (điểm tuần tra) of a campus.
    CheckpointId,
    /// A patrol round (lượt tuần tra) of a campus.
    PatrolRoundId,
    /// One scan of a checkpoint's label.
    PatrolScanId,
    /// A visitor at the gate (khách ra vào).
    VisitorId,
    /// An item of the fire-safety and camera register.
    EquipmentId,
    /// A fault reported on an item of the register.
    EquipmentFaultId,
    /// A fire drill held (diễn tập phương án chữa cháy).
    FireDrillId,
    /// A person's fire-safety course, with its certificate.
    FireTrainingId,
    /// A person not to be let in (danh sách không cho vào).
    BarredPersonId,
    /// A checklist the unit keeps (mẫu kiểm tra).
    InspectionTemplateId,
    /// A round of checks that comes again (lịch kiểm tra).
    InspectionScheduleId,
    /// A place's checklist done once (lượt kiểm tra).
    InspectionRoundId,
    /// Camera footage an incident cites (đoạn ghi hình).
    FootageId,
    /// A dormitory building (nhà, khu nội trú).
    BuildingId,
    /// A room of a dormitory (phòng ở).
    RoomId,
    /// A stay of a student in a room and bed, from one day to another.
    ResidenceId,
    /// A boarding student's leave to go out or home (đơn xin phép).
    LeaveId,
    /// A visit to a boarding student (lượt khách thăm ký túc xá).
    DormVisitId,
    /// A room checked once (lượt kiểm tra phòng ở).
    RoomCheckId,
    /// A target of the province's period (chỉ tiêu).
    ProvinceTargetId,
);
