//! Sessions (buổi tuyên truyền, tập huấn, hội nghị): who organised them, on
//! what topics, with which police unit, and who attended, ticked from a list,
//! checked in by scanning the session's QR code, or counted by head. The
//! coverage of the movement year (the share of staff and students reached by
//! at least one session) is computed from the attendance.

use std::collections::HashSet;

use chrono::{DateTime, Duration, Utc};

use crate::ids::{ClassId, DepartmentId, MovementSessionId, PersonId, UnitId};
use crate::person::{Person, PersonKind, PersonStatus};
use crate::text;
use crate::validation::{ErrorCode, ValidationErrors};

crate::code_enum!(
    /// What kind of session it is.
    SessionKind {
        /// Buổi tuyên truyền.
        Propaganda => "propaganda",
        /// Phổ biến, giáo dục pháp luật.
        LegalEducation => "legal_education",
        /// Tập huấn, huấn luyện nghiệp vụ.
        Training => "training",
        /// Hội nghị (sơ kết, tổng kết, triển khai).
        Conference => "conference",
        /// Ngày hội toàn dân bảo vệ ANTQ (19/8).
        FestivalDay => "festival_day",
        /// Hoạt động chung của cụm an ninh liên kết.
        ClusterActivity => "cluster_activity",
    }
);

crate::code_enum!(
    /// What a session is about.
    Topic {
        StateSecrets => "state_secrets",
        CyberCrime => "cyber_crime",
        TrafficSafety => "traffic_safety",
        FireRescue => "fire_rescue",
        DrugsSocialEvils => "drugs_social_evils",
        SchoolViolence => "school_violence",
        /// A law, named in the topic note.
        Law => "law",
        Other => "other",
    }
);

crate::code_enum!(
    /// How a person's attendance was recorded.
    AttendanceMethod {
        /// Ticked by the organiser from a class or department list.
        Ticked => "ticked",
        /// The person scanned the session's QR code and confirmed.
        CheckIn => "check_in",
    }
);

/// Who a session is for.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Audience {
    /// Everyone of the unit.
    pub everyone: bool,
    pub departments: Vec<DepartmentId>,
    pub classes: Vec<ClassId>,
}

/// Posts published about a session.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Posts {
    pub website: u32,
    pub fanpage: u32,
    pub zalo: u32,
    pub links: Vec<String>,
}

impl Posts {
    pub fn total(&self) -> u32 {
        self.website + self.fanpage + self.zalo
    }
}

/// A session as recorded.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Session {
    pub id: MovementSessionId,
    pub unit_id: UnitId,
    pub kind: SessionKind,
    pub title: String,
    pub topics: Vec<Topic>,
    /// "Luật An ninh mạng", or what "other" means.
    pub topic_note: Option<String>,
    pub organiser: String,
    /// The police unit that took part: "Công an phường Cam Đường".
    pub partner: Option<String>,
    pub starts_at: DateTime<Utc>,
    pub place: String,
    pub audience: Audience,
    /// People from outside the unit, counted by head.
    pub outside_count: u32,
    /// Copies of leaflets and documents handed out.
    pub materials: u32,
    pub posts: Posts,
}

impl Session {
    /// Its values as a form holds them, to change some and save again.
    pub fn input(&self) -> SessionInput {
        SessionInput {
            kind: self.kind,
            title: self.title.clone(),
            topics: self.topics.clone(),
            topic_note: self.topic_note.clone(),
            organiser: self.organiser.clone(),
            partner: self.partner.clone(),
            starts_at: self.starts_at,
            place: self.place.clone(),
            audience: self.audience.clone(),
            outside_count: self.outside_count,
            materials: self.materials,
            posts: self.posts.clone(),
        }
    }
}

/// A session to create or the new values of one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SessionInput {
    pub kind: SessionKind,
    pub title: String,
    pub topics: Vec<Topic>,
    pub topic_note: Option<String>,
    pub organiser: String,
    pub partner: Option<String>,
    pub starts_at: DateTime<Utc>,
    pub place: String,
    pub audience: Audience,
    pub outside_count: u32,
    pub materials: u32,
    pub posts: Posts,
}

impl SessionInput {
    /// Checks and cleans a session: a title, an organiser, a place, at least
    /// one topic, an audience, and links that are web addresses.
    pub fn validate(mut self) -> Result<Self, ValidationErrors> {
        let mut errors = ValidationErrors::new();
        for (field, value, max) in [
            ("title", &mut self.title, 300),
            ("organiser", &mut self.organiser, 200),
            ("place", &mut self.place, 200),
        ] {
            if let Some(v) = errors.check(text::required(field, value, max)) {
                *value = v;
            }
        }
        self.topic_note = errors
            .check(text::optional(
                "topic_note",
                self.topic_note.as_deref(),
                300,
            ))
            .flatten();
        self.partner = errors
            .check(text::optional("partner", self.partner.as_deref(), 200))
            .flatten();
        self.topics.sort_unstable();
        self.topics.dedup();
        if self.topics.is_empty() {
            errors.add("topics", ErrorCode::Required);
        }
        if self
            .topics
            .iter()
            .any(|t| matches!(t, Topic::Law | Topic::Other))
            && self.topic_note.is_none()
        {
            errors.add("topic_note", ErrorCode::Required);
        }
        let a = &mut self.audience;
        a.departments.sort_unstable();
        a.departments.dedup();
        a.classes.sort_unstable();
        a.classes.dedup();
        if !a.everyone
            && a.departments.is_empty()
            && a.classes.is_empty()
            && self.outside_count == 0
        {
            errors.add("audience", ErrorCode::Required);
        }
        self.posts.links = self
            .posts
            .links
            .iter()
            .map(|l| l.trim().to_owned())
            .filter(|l| !l.is_empty())
            .collect();
        if self.posts.links.iter().any(|l| {
            !(l.starts_with("https://") || l.starts_with("http://"))
                || l.contains(char::is_whitespace)
        }) {
            errors.add("post_links", ErrorCode::Invalid);
        }
        errors.into_result().map(|()| self)
    }
}

/// How long a check-in code lasts once shown.
pub const CHECK_IN_MINUTES: i64 = 15;

/// The alphabet of check-in codes: no 0/O, 1/I/L, so it can be typed.
pub const CODE_ALPHABET: &[u8] = b"ABCDEFGHJKMNPQRSTUVWXYZ23456789";
pub const CODE_LENGTH: usize = 8;

/// Normalises a typed check-in code: upper case, spaces and dashes dropped.
pub fn normalise_code(typed: &str) -> String {
    typed
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .flat_map(char::to_uppercase)
        .collect()
}

/// Whether attendance may be recorded for a session starting at `starts`
/// when it is `now`: not before it starts (a quarter of an hour early is
/// allowed, people arrive early).
pub fn attendance_open(starts: DateTime<Utc>, now: DateTime<Utc>) -> bool {
    now >= starts - Duration::minutes(CHECK_IN_MINUTES)
}

/// One person as coverage counts them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Reachable {
    pub id: PersonId,
    pub kind: PersonKind,
    pub department_id: Option<DepartmentId>,
    pub class_id: Option<ClassId>,
}

impl Reachable {
    /// Active people only: those who left are not counted.
    pub fn of(p: &Person) -> Option<Self> {
        (p.status == PersonStatus::Active).then_some(Self {
            id: p.id,
            kind: p.kind,
            department_id: p.department_id,
            class_id: p.class_id,
        })
    }
}

/// Reached and total of one group.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Share {
    pub reached: u32,
    pub total: u32,
}

impl Share {
    pub fn missing(&self) -> u32 {
        self.total - self.reached
    }
    pub fn complete(&self) -> bool {
        self.reached == self.total
    }
    fn add(&mut self, reached: bool) {
        self.total += 1;
        if reached {
            self.reached += 1;
        }
    }
}

/// The coverage of a movement year: staff and students reached by at least
/// one session, by department (staff) and by class (students).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Coverage {
    pub staff: Share,
    pub students: Share,
    /// `None` is staff without a department.
    pub by_department: Vec<(Option<DepartmentId>, Share)>,
    /// `None` is students without a class.
    pub by_class: Vec<(Option<ClassId>, Share)>,
    /// Who has not been reached, in the order of `people`.
    pub not_reached: Vec<PersonId>,
}

/// Counts who of `people` has attended at least once (`reached`).
pub fn coverage<S: std::hash::BuildHasher>(
    people: impl IntoIterator<Item = Reachable>,
    reached: &HashSet<PersonId, S>,
) -> Coverage {
    let mut c = Coverage::default();
    let mut departments: std::collections::HashMap<Option<DepartmentId>, Share> =
        std::collections::HashMap::new();
    let mut classes: std::collections::HashMap<Option<ClassId>, Share> =
        std::collections::HashMap::new();
    for p in people {
        let hit = reached.contains(&p.id);
        match p.kind {
            PersonKind::Staff => {
                c.staff.add(hit);
                departments.entry(p.department_id).or_default().add(hit);
            }
            PersonKind::Student => {
                c.students.add(hit);
                classes.entry(p.class_id).or_default().add(hit);
            }
        }
        if !hit {
            c.not_reached.push(p.id);
        }
    }
    c.by_department = departments.into_iter().collect();
    c.by_class = classes.into_iter().collect();
    // The groups furthest from 100% first, then by size.
    let order = |s: &Share| {
        (
            u64::from(s.reached) * 1000 / u64::from(s.total.max(1)),
            std::cmp::Reverse(s.total),
        )
    };
    c.by_department.sort_by_key(|(_, s)| order(s));
    c.by_class.sort_by_key(|(_, s)| order(s));
    c
}

#[cfg(test)]
mod tests {
    use super::*;

    fn person(kind: PersonKind, class: Option<ClassId>, dept: Option<DepartmentId>) -> Reachable {
        Reachable {
            id: PersonId::new_v7(),
            kind,
            department_id: dept,
            class_id: class,
        }
    }

    #[test]
    fn coverage_counts_each_person_once_by_group() {
        let (a, b) = (ClassId::new_v7(), ClassId::new_v7());
        let office = DepartmentId::new_v7();
        let people = vec![
            person(PersonKind::Student, Some(a), None),
            person(PersonKind::Student, Some(a), None),
            person(PersonKind::Student, Some(b), None),
            person(PersonKind::Staff, None, Some(office)),
        ];
        let reached: HashSet<PersonId> = [people[0].id, people[2].id, people[3].id].into();
        let c = coverage(people.clone(), &reached);
        assert_eq!(
            c.students,
            Share {
                reached: 2,
                total: 3
            }
        );
        assert_eq!(
            c.staff,
            Share {
                reached: 1,
                total: 1
            }
        );
        assert_eq!(c.not_reached, vec![people[1].id]);
        // Class a (1 of 2) comes before class b (1 of 1).
        assert_eq!(
            c.by_class[0],
            (
                Some(a),
                Share {
                    reached: 1,
                    total: 2
                }
            )
        );
        assert!(c.by_class[1].1.complete());
        assert_eq!(
            c.by_department,
            vec![(
                Some(office),
                Share {
                    reached: 1,
                    total: 1
                }
            )]
        );
    }

    fn input() -> SessionInput {
        SessionInput {
            kind: SessionKind::LegalEducation,
            title: " Tuyên truyền  Luật An ninh mạng ".into(),
            topics: vec![Topic::CyberCrime, Topic::Law, Topic::CyberCrime],
            topic_note: Some("Luật An ninh mạng 2025".into()),
            organiser: "Phòng CTSV và QLCL".into(),
            partner: Some("Công an phường Cam Đường".into()),
            starts_at: DateTime::from_timestamp(1_790_000_000, 0).unwrap_or_default(),
            place: "Hội trường A".into(),
            audience: Audience {
                everyone: false,
                departments: Vec::new(),
                classes: vec![ClassId::new_v7()],
            },
            outside_count: 0,
            materials: 300,
            posts: Posts {
                website: 1,
                fanpage: 2,
                zalo: 0,
                links: vec![" https://cdlc.edu.vn/tin/1 ".into(), String::new()],
            },
        }
    }

    #[test]
    fn a_session_is_checked_and_cleaned() {
        let s = input().validate().expect("valid");
        assert_eq!(s.title, "Tuyên truyền Luật An ninh mạng");
        assert_eq!(s.topics, vec![Topic::CyberCrime, Topic::Law]);
        assert_eq!(s.posts.links, vec!["https://cdlc.edu.vn/tin/1".to_owned()]);
        let bad = SessionInput {
            title: String::new(),
            topics: vec![Topic::Law],
            topic_note: None,
            audience: Audience::default(),
            posts: Posts {
                links: vec!["cdlc.edu.vn".into()],
                ..Posts::default()
            },
            ..input()
        };
        let e = bad.validate().expect_err("refused");
        for (field, code) in [
            ("title", ErrorCode::Required),
            ("topic_note", ErrorCode::Required),
            ("audience", ErrorCode::Required),
            ("post_links", ErrorCode::Invalid),
        ] {
            assert_eq!(e.for_field(field), Some(code), "{field}");
        }
    }

    #[test]
    fn typed_codes_are_forgiving_and_attendance_waits_for_the_start() {
        assert_eq!(normalise_code(" abcd-ef 23 "), "ABCDEF23");
        let start = DateTime::from_timestamp(1_790_000_000, 0).unwrap_or_default();
        assert!(!attendance_open(start, start - Duration::hours(1)));
        assert!(attendance_open(start, start - Duration::minutes(10)));
        assert!(attendance_open(start, start + Duration::days(30)));
    }
}
