//! The demo: Trường Cao đẳng Lào Cai (seed 002) with three training sites,
//! its offices and faculties, about 2,000 students and 200 staff, overseen
//! by Công an tỉnh Lào Cai; a small second school under Công an phường Cam
//! Đường; and one account of every role. Generated from a fixed seed, so
//! every run gives the same people.

use chrono::NaiveDate;
use rand::rngs::StdRng;
use rand::seq::SliceRandom;
use rand::{Rng, SeedableRng};

use antt_domain::audit::{AuditAction, TargetKind};
use antt_domain::org::{CampusInput, ClassInput, DepartmentInput, DepartmentKind};
use antt_domain::person::{Gender, PersonInput, PersonKind, PersonStatus};
use antt_domain::role::Role;
use antt_domain::text::search_key;
use antt_domain::unit::{NewUnit, SchoolLevel};
use antt_domain::user::NewUser;
use antt_domain::{ClassId, DepartmentId, PersonId, UnitId};
use antt_store::{org, person, unit, user};

use crate::Antt;
use crate::actor::Actor;
use crate::audit::entry;
use crate::error::{CoreError, CoreResult};
use crate::write::Access;

/// The password of every demo account.
pub const DEMO_PASSWORD: &str = "antt-demo-2026";

/// A demo account, to print after loading.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DemoLogin {
    pub username: &'static str,
    pub role: Role,
    pub unit: &'static str,
}

/// The demo accounts: username, role, unit code, and for a department head
/// its department.
/// The search's moves per shift for the demo's rosters: enough for a fair
/// roster, cheap enough for every test that loads the demo.
const DEMO_ROSTER_MOVES: u64 = 200;

const LOGINS: &[(&str, Role, &str)] = &[
    ("admin", Role::SystemAdmin, "CATLC"),
    ("congan.tinh", Role::ProvinceOfficer, "CATLC"),
    ("vanphong", Role::UnitAdmin, "CDLC"),
    ("bgh", Role::UnitLeader, "CDLC"),
    ("ctsv", Role::DepartmentHead, "CDLC"),
    ("baove", Role::Guard, "CDLC"),
    ("gvcn", Role::Teacher, "CDLC"),
    ("sinhvien", Role::Student, "CDLC"),
    ("thcs.vanphong", Role::UnitAdmin, "THCSCD"),
];

pub fn logins() -> Vec<DemoLogin> {
    LOGINS
        .iter()
        .map(|(username, role, unit)| DemoLogin {
            username,
            role: *role,
            unit,
        })
        .collect()
}

/// Progress of the demo load: (step done, steps in all).
pub type Progress<'a> = &'a (dyn Fn(u64, u64) + Sync);

const STEPS: u64 = 6;

// Names. Lào Cai has many Hmông, Dao, Tày and Giáy students; their family
// names differ from the Kinh ones.
const KINH_FAMILY: &[(&str, u32)] = &[
    ("Nguyễn", 38),
    ("Trần", 11),
    ("Lê", 9),
    ("Phạm", 7),
    ("Hoàng", 5),
    ("Vũ", 4),
    ("Đặng", 3),
    ("Bùi", 3),
    ("Đỗ", 3),
    ("Hồ", 2),
    ("Ngô", 2),
    ("Dương", 2),
    ("Đinh", 2),
    ("Lương", 1),
    ("Phan", 2),
];
const MINORITY: &[(&str, &[&str])] = &[
    (
        "Mông",
        &["Giàng", "Vàng", "Sùng", "Thào", "Lý", "Hầu", "Lầu"],
    ),
    ("Dao", &["Triệu", "Bàn", "Lý", "Đặng", "Tẩn", "Chảo"]),
    ("Tày", &["Hoàng", "Nông", "Lương", "Ma", "Hà"]),
    ("Giáy", &["Lò", "Hoàng", "Vương", "Sần"]),
    ("Nùng", &["Nông", "Lục", "Vi"]),
    ("Thái", &["Lò", "Lường", "Cầm"]),
];
const MALE_MIDDLE: &[&str] = &[
    "Văn", "Đức", "Minh", "Quang", "Hữu", "Tiến", "Xuân", "Thành", "Ngọc", "Công",
];
const FEMALE_MIDDLE: &[&str] = &[
    "Thị",
    "Thu",
    "Ngọc",
    "Thanh",
    "Hồng",
    "Phương",
    "Thị Thu",
    "Minh",
    "Thị Hồng",
];
const MONG_MALE_MIDDLE: &[&str] = &["A", "Seo", "Văn", "Mí"];
const MONG_FEMALE_MIDDLE: &[&str] = &["Thị", "Mỷ", "Thị Mai"];
const MALE_GIVEN: &[&str] = &[
    "An", "Bình", "Cường", "Dũng", "Đạt", "Hải", "Hiếu", "Hoàng", "Hùng", "Huy", "Khánh", "Long",
    "Minh", "Nam", "Phúc", "Quân", "Sơn", "Thắng", "Tuấn", "Việt", "Trung", "Kiên", "Thành", "Tú",
    "Vinh", "Lâm",
];
const FEMALE_GIVEN: &[&str] = &[
    "Anh", "Chi", "Dung", "Hà", "Hằng", "Hoa", "Hương", "Lan", "Linh", "Mai", "Ngọc", "Nhung",
    "Phương", "Quỳnh", "Thảo", "Trang", "Uyên", "Vân", "Yến", "Nga", "Huyền", "Loan", "Mỷ", "Sinh",
    "Dương",
];
const MONG_MALE_GIVEN: &[&str] = &[
    "Sử", "Pao", "Chứ", "Dế", "Páo", "Lử", "Sang", "Chính", "Giàng", "Tủa",
];
const MONG_FEMALE_GIVEN: &[&str] = &[
    "Mai", "Dợ", "Sùng", "Chi", "Sua", "Mỷ", "Pàng", "Say", "Súa",
];

struct Namer {
    rng: StdRng,
}

impl Namer {
    fn weighted<'a>(&mut self, items: &'a [(&'a str, u32)]) -> &'a str {
        let total: u32 = items.iter().map(|(_, w)| w).sum();
        let mut pick = self.rng.gen_range(0..total);
        for (item, w) in items {
            if pick < *w {
                return item;
            }
            pick -= w;
        }
        items[0].0
    }

    fn pick<'a>(&mut self, items: &'a [&'a str]) -> &'a str {
        items.choose(&mut self.rng).copied().unwrap_or_default()
    }

    /// A name, gender and ethnicity; `minority_share` in percent.
    fn person(&mut self, minority_share: u32) -> (String, Gender, String) {
        let gender = if self.rng.gen_bool(0.5) {
            Gender::Male
        } else {
            Gender::Female
        };
        let male = gender == Gender::Male;
        if self.rng.gen_range(0..100) < minority_share {
            let (ethnicity, families) = MINORITY[self.rng.gen_range(0..MINORITY.len())];
            let family = self.pick(families);
            let (middle, given) = if ethnicity == "Mông" {
                if male {
                    (self.pick(MONG_MALE_MIDDLE), self.pick(MONG_MALE_GIVEN))
                } else {
                    (self.pick(MONG_FEMALE_MIDDLE), self.pick(MONG_FEMALE_GIVEN))
                }
            } else if male {
                (self.pick(MALE_MIDDLE), self.pick(MALE_GIVEN))
            } else {
                (self.pick(FEMALE_MIDDLE), self.pick(FEMALE_GIVEN))
            };
            (
                format!("{family} {middle} {given}"),
                gender,
                ethnicity.to_owned(),
            )
        } else {
            let family = self.weighted(KINH_FAMILY);
            let (middle, given) = if male {
                (self.pick(MALE_MIDDLE), self.pick(MALE_GIVEN))
            } else {
                (self.pick(FEMALE_MIDDLE), self.pick(FEMALE_GIVEN))
            };
            (
                format!("{family} {middle} {given}"),
                gender,
                "Kinh".to_owned(),
            )
        }
    }

    fn phone(&mut self) -> String {
        let prefix = self.pick(&[
            "091", "094", "097", "098", "086", "083", "088", "035", "038", "039",
        ]);
        format!("{prefix}{:07}", self.rng.gen_range(0..10_000_000))
    }

    fn birth_date(&mut self, from_year: i32, to_year: i32) -> Option<NaiveDate> {
        let year = self.rng.gen_range(from_year..=to_year);
        NaiveDate::from_yo_opt(year, self.rng.gen_range(1..=365))
    }
}

/// A programme of a faculty: its name in class names, and how many
/// sections each cohort has.
struct Programme {
    short: &'static str,
    sections: u32,
}

struct Faculty {
    name: &'static str,
    campus: usize,
    staff: u32,
    programmes: &'static [Programme],
}

const FACULTIES: &[Faculty] = &[
    Faculty {
        name: "Khoa Kỹ thuật - Công nghệ",
        campus: 0,
        staff: 28,
        programmes: &[
            Programme {
                short: "Điện CN",
                sections: 2,
            },
            Programme {
                short: "Ô tô",
                sections: 2,
            },
            Programme {
                short: "CNTT",
                sections: 2,
            },
            Programme {
                short: "Hàn",
                sections: 1,
            },
        ],
    },
    Faculty {
        name: "Khoa Kinh tế - Nông lâm",
        campus: 0,
        staff: 24,
        programmes: &[
            Programme {
                short: "Kế toán",
                sections: 2,
            },
            Programme {
                short: "Thú y",
                sections: 1,
            },
            Programme {
                short: "Lâm sinh",
                sections: 1,
            },
        ],
    },
    Faculty {
        name: "Khoa Văn hóa - Du lịch",
        campus: 1,
        staff: 22,
        programmes: &[
            Programme {
                short: "HD du lịch",
                sections: 1,
            },
            Programme {
                short: "QT khách sạn",
                sections: 1,
            },
            Programme {
                short: "Chế biến món ăn",
                sections: 1,
            },
        ],
    },
    Faculty {
        name: "Khoa Y - Dược",
        campus: 2,
        staff: 24,
        programmes: &[
            Programme {
                short: "Điều dưỡng",
                sections: 2,
            },
            Programme {
                short: "Dược",
                sections: 1,
            },
        ],
    },
    Faculty {
        name: "Khoa Khoa học cơ bản",
        campus: 0,
        staff: 18,
        programmes: &[],
    },
];

/// Offices, centres and unions of the college, with their staff counts.
const OTHER_DEPARTMENTS: &[(&str, DepartmentKind, u32)] = &[
    ("Văn phòng", DepartmentKind::Office, 12),
    ("Phòng Tổ chức - Hành chính", DepartmentKind::Office, 8),
    ("Phòng Đào tạo", DepartmentKind::Office, 10),
    (
        "Phòng Công tác sinh viên và Quản lý chất lượng",
        DepartmentKind::Office,
        9,
    ),
    ("Phòng Tài chính - Kế toán", DepartmentKind::Office, 7),
    (
        "Trung tâm Tuyển sinh và Quan hệ doanh nghiệp",
        DepartmentKind::Centre,
        6,
    ),
    ("Công đoàn trường", DepartmentKind::Union, 0),
    ("Đoàn Thanh niên", DepartmentKind::Union, 0),
];

/// Cohorts in school now: K17 entered in 2024, K19 in 2026.
const COHORTS: &[(&str, i32)] = &[("K17", 2006), ("K18", 2007), ("K19", 2008)];

/// The student code of the n-th student of a cohort: SV + cohort + number.
fn student_code(cohort: &str, n: u32) -> String {
    format!("SV{}{n:05}", cohort.trim_start_matches('K'))
}

fn staff(
    namer: &mut Namer,
    code: String,
    name: Option<(&str, Gender)>,
    department: Option<DepartmentId>,
    position: &str,
) -> PersonInput {
    let (full_name, gender, ethnicity) = match name {
        Some((n, g)) => (n.to_owned(), g, "Kinh".to_owned()),
        None => namer.person(25),
    };
    let email_name: String = search_key(&full_name)
        .split(' ')
        .rev()
        .enumerate()
        .map(|(i, w)| {
            if i == 0 {
                w.to_owned()
            } else {
                w.chars().take(1).collect()
            }
        })
        .collect();
    PersonInput {
        kind: PersonKind::Staff,
        email: Some(format!("{email_name}.{}@cdlc.edu.vn", code.to_lowercase())),
        code,
        full_name,
        birth_date: namer.birth_date(1968, 1998),
        gender: Some(gender),
        ethnicity: Some(ethnicity),
        phone: Some(namer.phone()),
        department_id: department,
        class_id: None,
        position: Some(position.to_owned()),
        boarding: false,
        status: PersonStatus::Active,
    }
}

impl Antt {
    /// Loads the demo into an empty database, in one transaction: either all
    /// of it is there afterwards, or nothing.
    pub async fn load_demo(&self, progress: Progress<'_>) -> CoreResult<Vec<DemoLogin>> {
        let policy = self.passwords;
        let hash = self
            .cx
            .hashes()
            .run(move |area| policy.hash(DEMO_PASSWORD, area))
            .await??;
        let w = self.cx.write(Access::Server).await?;
        if unit::count(w.tx()).await? > 0 {
            return Err(CoreError::internal(
                "the database is not empty; the demo loads only into an empty database",
            ));
        }
        let now = w.now();
        let tx = w.tx();
        let mut namer = Namer {
            rng: StdRng::seed_from_u64(2026),
        };

        // Units.
        let province = unit::insert(
            tx,
            &NewUnit::parse(
                "province_police",
                "CATLC",
                "Công an tỉnh Lào Cai",
                Some("Phường Lào Cai, tỉnh Lào Cai"),
                None,
            )?,
            now,
        )
        .await?;
        let ward = unit::insert(
            tx,
            &NewUnit::parse(
                "ward_police",
                "CAPCD",
                "Công an phường Cam Đường",
                Some("Phường Cam Đường, tỉnh Lào Cai"),
                Some(province.id),
            )?,
            now,
        )
        .await?;
        let college = unit::insert(
            tx,
            &NewUnit::parse(
                "school",
                "CDLC",
                "Trường Cao đẳng Lào Cai",
                Some("Phường Cam Đường, tỉnh Lào Cai"),
                Some(province.id),
            )?,
            now,
        )
        .await?;
        let small = unit::insert(
            tx,
            &NewUnit::parse(
                "school",
                "THCSCD",
                "Trường THCS Cam Đường",
                Some("Phường Cam Đường, tỉnh Lào Cai"),
                Some(ward.id),
            )?,
            now,
        )
        .await?;
        // The college trains at intermediate and college level; the small
        // school is a lower secondary one, asked to work with the parents.
        unit::set_school_level(tx, college.id, Some(SchoolLevel::Vocational)).await?;
        unit::set_school_level(tx, small.id, Some(SchoolLevel::LowerSecondary)).await?;
        progress(1, STEPS);

        // The college's structure.
        let mut campuses = Vec::new();
        for (name, address) in [
            ("Cơ sở 1 - Cam Đường", "Phường Cam Đường, tỉnh Lào Cai"),
            ("Cơ sở 2 - Lào Cai", "Phường Lào Cai, tỉnh Lào Cai"),
            ("Cơ sở 3 - Sa Pa", "Phường Sa Pa, tỉnh Lào Cai"),
        ] {
            campuses.push(
                org::insert_campus(
                    tx,
                    college.id,
                    &CampusInput::parse(name, Some(address))?,
                    now,
                )
                .await?
                .id,
            );
        }
        let mut offices = Vec::new();
        for (name, kind, _) in OTHER_DEPARTMENTS {
            offices.push(
                org::insert_department(
                    tx,
                    college.id,
                    &DepartmentInput {
                        kind: *kind,
                        name: (*name).to_owned(),
                    },
                    now,
                )
                .await?
                .id,
            );
        }
        let mut faculties = Vec::new();
        for f in FACULTIES {
            faculties.push(
                org::insert_department(
                    tx,
                    college.id,
                    &DepartmentInput {
                        kind: DepartmentKind::Faculty,
                        name: f.name.to_owned(),
                    },
                    now,
                )
                .await?
                .id,
            );
        }
        progress(2, STEPS);

        // Staff: the leaders named in the seeds, offices, 30 guards, faculties.
        let mut staff_inputs = vec![
            staff(&mut namer, "CB0001".into(), None, None, "Hiệu trưởng"),
            staff(
                &mut namer,
                "CB0002".into(),
                Some(("Trần Xuân Trường", Gender::Male)),
                None,
                "Phó Hiệu trưởng",
            ),
            staff(&mut namer, "CB0003".into(), None, None, "Phó Hiệu trưởng"),
            staff(
                &mut namer,
                "CB0004".into(),
                Some(("Trần Viết Ngọc", Gender::Male)),
                Some(offices[1]),
                "Phó trưởng phòng",
            ),
        ];
        let mut next = 5;
        let code = |n: &mut u32| {
            let c = format!("CB{n:04}");
            *n += 1;
            c
        };
        let mut office_heads = Vec::new();
        for (i, (_, _, count)) in OTHER_DEPARTMENTS.iter().enumerate() {
            for k in 0..*count {
                if k == 0 {
                    office_heads.push(format!("CB{next:04}"));
                }
                let position = match k {
                    0 => "Trưởng phòng",
                    1 => "Phó trưởng phòng",
                    _ => "Chuyên viên",
                };
                staff_inputs.push(staff(
                    &mut namer,
                    code(&mut next),
                    None,
                    Some(offices[i]),
                    position,
                ));
            }
        }
        let mut guard_codes = Vec::new();
        for _ in 0..30 {
            let c = code(&mut next);
            guard_codes.push(c.clone());
            staff_inputs.push(staff(
                &mut namer,
                c,
                None,
                Some(offices[0]),
                "Nhân viên bảo vệ",
            ));
        }
        let mut faculty_staff_codes: Vec<Vec<String>> = Vec::new();
        for (i, f) in FACULTIES.iter().enumerate() {
            let mut codes = Vec::new();
            for k in 0..f.staff {
                let position = match k {
                    0 => "Trưởng khoa",
                    1 => "Phó trưởng khoa",
                    _ => "Giảng viên",
                };
                let c = code(&mut next);
                codes.push(c.clone());
                staff_inputs.push(staff(&mut namer, c, None, Some(faculties[i]), position));
            }
            faculty_staff_codes.push(codes);
        }
        person::insert_many(tx, college.id, &staff_inputs, now).await?;
        progress(3, STEPS);

        // Classes, each with a homeroom teacher from its faculty.
        let mut classes: Vec<(ClassId, &str, i32)> = Vec::new();
        for (fi, f) in FACULTIES.iter().enumerate() {
            let mut teachers = faculty_staff_codes[fi].iter().skip(2).cycle();
            for p in f.programmes {
                for (cohort, birth_year) in COHORTS {
                    for s in 0..p.sections {
                        let section = if p.sections > 1 {
                            ["A", "B", "C"][s as usize]
                        } else {
                            ""
                        };
                        let teacher = match teachers.next() {
                            Some(code) => {
                                person::by_code(tx, college.id, code).await?.map(|t| t.id)
                            }
                            None => None,
                        };
                        let input = ClassInput {
                            name: format!("CĐ {} {cohort}{section}", p.short),
                            department_id: Some(faculties[fi]),
                            campus_id: Some(campuses[f.campus]),
                            homeroom_teacher_id: teacher,
                        };
                        let class = org::insert_class(tx, college.id, &input, now).await?;
                        classes.push((class.id, cohort, *birth_year));
                    }
                }
            }
        }
        progress(4, STEPS);

        // About 2,000 students; minority students board more often, since
        // they come from far districts.
        let mut students = Vec::new();
        let mut n = 1;
        for (class_id, cohort, birth_year) in &classes {
            let size = namer.rng.gen_range(35..=44);
            for _ in 0..size {
                let (full_name, gender, ethnicity) = namer.person(35);
                let boarding_chance = if ethnicity == "Kinh" { 0.15 } else { 0.45 };
                let status = if namer.rng.gen_bool(0.02) {
                    PersonStatus::Left
                } else {
                    PersonStatus::Active
                };
                // The demo's student account leads a dormitory room, so
                // it boards (drawn in the same order as before, so the
                // rest of the demo stays the same).
                let birth_date = namer.birth_date(*birth_year - 1, *birth_year);
                let boards = namer.rng.gen_bool(boarding_chance) || n == 1;
                students.push(PersonInput {
                    kind: PersonKind::Student,
                    code: student_code(cohort, n),
                    full_name,
                    birth_date,
                    gender: Some(gender),
                    boarding: boards,
                    ethnicity: Some(ethnicity),
                    phone: namer.rng.gen_bool(0.6).then(|| namer.phone()),
                    email: None,
                    department_id: None,
                    class_id: Some(*class_id),
                    position: None,
                    status,
                });
                n += 1;
            }
        }
        person::insert_many(tx, college.id, &students, now).await?;
        progress(5, STEPS);

        // The small school under the ward police.
        let campus = org::insert_campus(
            tx,
            small.id,
            &CampusInput::parse("Cơ sở chính", Some("Phường Cam Đường, tỉnh Lào Cai"))?,
            now,
        )
        .await?;
        let office = org::insert_department(
            tx,
            small.id,
            &DepartmentInput {
                kind: DepartmentKind::Office,
                name: "Văn phòng".into(),
            },
            now,
        )
        .await?;
        let mut small_people = vec![staff(
            &mut namer,
            "GV001".into(),
            None,
            Some(office.id),
            "Hiệu trưởng",
        )];
        for grade in 6..=9 {
            let class = org::insert_class(
                tx,
                small.id,
                &ClassInput {
                    name: format!("Lớp {grade}A"),
                    department_id: None,
                    campus_id: Some(campus.id),
                    homeroom_teacher_id: None,
                },
                now,
            )
            .await?;
            for k in 0..30 {
                let (full_name, gender, ethnicity) = namer.person(20);
                small_people.push(PersonInput {
                    kind: PersonKind::Student,
                    code: format!("HS{grade}{k:03}"),
                    full_name,
                    birth_date: namer.birth_date(2020 - grade, 2020 - grade),
                    gender: Some(gender),
                    ethnicity: Some(ethnicity),
                    phone: None,
                    email: None,
                    department_id: None,
                    class_id: Some(class.id),
                    position: None,
                    boarding: false,
                    status: PersonStatus::Active,
                });
            }
        }
        person::insert_many(tx, small.id, &small_people, now).await?;

        // Accounts.
        let ctsv = offices[3];
        for (username, role, unit_code) in LOGINS {
            let unit_id: UnitId = match *unit_code {
                "CATLC" => province.id,
                "CDLC" => college.id,
                _ => small.id,
            };
            let (display, person_code) = match role {
                Role::SystemAdmin => ("Quản trị hệ thống", None),
                Role::ProvinceOfficer => ("Cán bộ Phòng PV05 - Công an tỉnh", None),
                Role::UnitAdmin if unit_id == college.id => ("Văn phòng - Trường CĐ Lào Cai", None),
                Role::UnitAdmin => ("Văn phòng - Trường THCS Cam Đường", None),
                Role::UnitLeader => ("Trần Xuân Trường", Some("CB0002")),
                // The head of student affairs, who leads the dormitory board.
                Role::DepartmentHead => (
                    "Trưởng phòng CTSV và QLCL",
                    office_heads.get(3).map(String::as_str),
                ),
                Role::Guard => ("Nhân viên bảo vệ", guard_codes.first().map(String::as_str)),
                Role::Teacher => (
                    "Giáo viên chủ nhiệm",
                    faculty_staff_codes[0].get(2).map(String::as_str),
                ),
                Role::Student => ("Sinh viên", Some("SV1700001")),
            };
            let person_id: Option<PersonId> = match person_code {
                Some(code) => person::by_code(tx, unit_id, code).await?.map(|p| p.id),
                None => None,
            };
            let new = NewUser {
                username: (*username).to_owned(),
                display_name: display.to_owned(),
                role: *role,
                department_id: (*role == Role::DepartmentHead).then_some(ctsv),
                campus_id: (*role == Role::Guard).then_some(campuses[0]),
                person_id,
            };
            user::insert(tx, unit_id, &new, &hash, now).await?;
        }
        let year = crate::plan::demo::load(tx, college.id, offices[0], ctsv, now).await?;
        crate::session::demo::load(tx, college.id, year, now).await?;
        crate::commitment::demo::load(tx, college.id, year, now).await?;
        crate::team::demo::load(tx, college.id, year, now).await?;
        crate::contest::demo::load(tx, college.id, year, now).await?;
        self.tips.load_demo(tx, college.id, now).await?;
        crate::assessment::demo::load(tx, college.id, year, now).await?;
        let actor = Actor::command_line();
        let summary = format!(
            "{} đơn vị, {} cán bộ, {} học sinh, sinh viên",
            4,
            staff_inputs.len() + 1,
            students.len() + 120
        );
        w.commit(entry(
            &actor,
            None,
            AuditAction::DemoLoad,
            Some((TargetKind::Unit, college.id.to_string())),
            summary,
            vec![],
        ))
        .await?;
        self.cx.caches().clear();
        self.keep_demo_papers(college.id, year).await?;
        self.load_demo_duty(college.id, &campuses, &guard_codes, now)
            .await?;
        self.load_demo_rewards(college.id, year).await?;
        crate::dorm::demo::load(self, college.id, campuses[0], now).await?;
        crate::province::demo::load(self, province.id, ward.id, year, now).await?;
        Box::pin(crate::bundle::demo::load(self, province.id, year)).await?;
        progress(STEPS, STEPS);
        Ok(logins())
    }

    /// The year's rewards as the council left them: the officer whose tip
    /// led to a case proposed for the police director's certificate and
    /// sent up (her report of achievements ready to sign), the fire team's
    /// leader for the head's certificate, approved and waiting for the
    /// decision.
    async fn load_demo_rewards(&self, unit: UnitId, year: i32) -> CoreResult<()> {
        use antt_domain::reward::{NominationInput, RewardForm, Suggestion};
        let as_role = |name: &str, display: &str, role| Actor {
            name: name.into(),
            display_name: display.into(),
            unit_id: Some(unit),
            role,
            ..Actor::command_line()
        };
        let office = as_role("vanphong", "Văn phòng - Trường CĐ Lào Cai", Role::UnitAdmin);
        let council = as_role("bgh", "Ban Giám hiệu", Role::UnitLeader);
        let rewards = self.rewards();
        let candidates = rewards.view(&office, unit, year).await?.candidates;
        let pick = |suggestion, words: &str| {
            candidates
                .iter()
                .find(|c| c.suggestion == suggestion && c.because.contains(words))
                .cloned()
        };
        let chosen = [
            (
                pick(Suggestion::TipToCase, "Tin báo"),
                RewardForm::PoliceDirectorCertificate,
                "Tiếp nhận, xác minh kịp thời tin báo của sinh viên về trộm cắp tài sản tại ký túc xá, phối hợp Công an phường Cam Đường làm rõ vụ việc, thu hồi tài sản trả lại cho sinh viên.\nTham gia đầy đủ các buổi tuyên truyền, trực ký túc xá theo phân công.",
                true,
            ),
            (
                pick(Suggestion::TeamLeader, "phòng cháy"),
                RewardForm::UnitCertificate,
                "Chỉ huy Đội phòng cháy chữa cháy và cứu nạn cứu hộ cơ sở kiểm tra phương tiện hằng tháng, tổ chức diễn tập tháng 4 đạt yêu cầu.",
                false,
            ),
        ];
        let mut up = Vec::new();
        for (candidate, form, achievements, send) in chosen {
            let Some(c) = candidate else { continue };
            let id = rewards
                .nominate(
                    &office,
                    unit,
                    year,
                    NominationInput {
                        nominee: c.nominee,
                        form,
                        achievements: achievements.into(),
                        suggested: Some(c.suggestion),
                        act_on: None,
                    },
                )
                .await?;
            rewards
                .review(&council, unit, &[id], true, "Hội đồng nhất trí 7/7")
                .await?;
            if send {
                up.push(id);
            }
        }
        if !up.is_empty() {
            rewards.send_up(&office, unit, &up).await?;
        }
        Ok(())
    }

    /// The college's guard duty: posts on its three campuses (seed 002:
    /// "trực 24/24 giờ tại các cơ sở"), its 30 guards, this month's roster
    /// published and the next one generated as a draft.
    async fn load_demo_duty(
        &self,
        unit: UnitId,
        campuses: &[antt_domain::CampusId],
        guard_codes: &[String],
        now: chrono::DateTime<chrono::Utc>,
    ) -> CoreResult<()> {
        use antt_domain::duty::{DutyPostInput, Skill};
        let actor = Actor {
            display_name: "Văn phòng - Trường CĐ Lào Cai".into(),
            ..Actor::command_line()
        };
        let duty = self.duty();
        for (campus, name, skill, shifts) in [
            (
                0,
                "Cổng chính cơ sở 1",
                "",
                "06:00 8 1; 14:00 8 1; 22:00 8 2",
            ),
            (0, "Cổng phụ cơ sở 1", "", "06:00 12 1; 18:00 12 1"),
            (0, "Khu nội trú (ký túc xá)", "dorm", "22:00 8 1"),
            (0, "Tuần tra tối cơ sở 1", "", "18:00 4 1"),
            (
                1,
                "Cổng cơ sở 2 - Lào Cai",
                "",
                "06:00 8 1; 14:00 8 1; 22:00 8 1",
            ),
            (
                2,
                "Cổng cơ sở 3 - Sa Pa",
                "",
                "06:00 8 1; 14:00 8 1; 22:00 8 1",
            ),
        ] {
            let input = DutyPostInput::parse(campuses[campus], name, skill, shifts)?;
            duty.add_post(&actor, unit, input).await?;
        }
        for (i, code) in guard_codes.iter().enumerate() {
            let Some(p) = person::by_code(self.cx.db(), unit, code).await? else {
                continue;
            };
            // 14 on the main campus with the dormitory, 8 on each other.
            let campus = match i {
                0..14 => campuses[0],
                14..22 => campuses[1],
                _ => campuses[2],
            };
            let skills: &[Skill] = match i % 4 {
                0 => &[Skill::Dormitory, Skill::FirstAid],
                1 => &[Skill::FireTeam],
                _ => &[],
            };
            // The contracts of the demo: 48 hours a week, 44 for a few.
            let weekly = if i % 5 == 0 { 44 } else { 48 };
            duty.save_guard(&actor, unit, p.id, campus, skills, Some(weekly))
                .await?;
        }
        let today = antt_domain::time::local_date(now);
        let this = antt_domain::duty::month_of(today);
        let next = antt_domain::duty::month_of(this + chrono::Duration::days(32));
        self.load_demo_reinforcement(&actor, unit, next).await?;
        self.load_demo_wishes(unit, guard_codes, next, now).await?;
        duty.generate_with(&actor, unit, this, DEMO_ROSTER_MOVES)
            .await?;
        duty.publish(&actor, unit, this).await?;
        duty.generate_with(&actor, unit, next, DEMO_ROSTER_MOVES)
            .await?;
        self.load_demo_gate_log(unit, campuses[0], now).await?;
        self.load_demo_patrols(unit, campuses, now).await?;
        self.load_demo_visitors(unit, campuses[0], now).await?;
        self.load_demo_equipment(unit, campuses, now).await
    }

    /// The April drill of seed 002's sessions (16/04, the dormitory, with
    /// the provincial fire police) and the fire team's courses: the
    /// initial course of 2024 for most, an old certificate of the team's
    /// deputy that lapses next month, and this year's refresher.
    async fn load_demo_fire_drills(
        &self,
        unit: UnitId,
        now: chrono::DateTime<chrono::Utc>,
    ) -> CoreResult<()> {
        use antt_domain::fire::{FireDrill, FireTraining, TrainingKind};
        use chrono::Datelike;
        let today = antt_domain::time::local_date(now);
        let office = Actor {
            display_name: "Văn phòng - Trường CĐ Lào Cai".into(),
            ..Actor::command_line()
        };
        let april = |year: i32| chrono::NaiveDate::from_ymd_opt(year, 4, 16).unwrap_or(today);
        let drill_day = if april(today.year()) <= today {
            april(today.year())
        } else {
            april(today.year() - 1)
        };
        let fire = self.fire();
        fire.add_drill(
            &office,
            unit,
            FireDrill {
                id: antt_domain::FireDrillId::new_v7(),
                unit_id: unit,
                held_on: drill_day,
                scenario: "Cháy phòng 305 ký túc xá K1 lúc 21 giờ, khói lan ra hành lang tầng 3; 2 sinh viên mắc kẹt ở tầng 4".into(),
                place: "Ký túc xá K1 và sân ký túc xá - Cơ sở 1".into(),
                participants: 935,
                outside_forces: "Phòng Cảnh sát PCCC và CNCH - Công an tỉnh Lào Cai; Công an phường Cam Đường".into(),
                evacuation_seconds: Some(400),
                findings: "Cửa thoát nạn tầng 5 ký túc xá K2 bị khóa; 2 bình chữa cháy tầng 3 K1 hết áp; một số sinh viên quay lại lấy đồ.".into(),
                actions: "Giao bảo vệ mở khóa cửa thoát nạn mỗi tối và ghi sổ trực ban; nạp lại bình; phổ biến lại nội quy thoát nạn cho các phòng.".into(),
            },
        )
        .await?;
        let teams = self.teams().list(&office, unit).await?;
        let Some(team) = teams
            .iter()
            .find(|t| t.team.name.starts_with("Đội phòng cháy"))
        else {
            return Ok(());
        };
        let members = antt_store::team::members(self.cx.db(), unit, Some(team.team.id)).await?;
        let lapse = crate::equipment::last_of_month(today) + chrono::Duration::days(15);
        let mut courses = Vec::new();
        for (k, m) in members.iter().enumerate() {
            let (held_on, expires_on) = if k == 1 {
                (lapse - chrono::Duration::days(5 * 365 + 1), lapse)
            } else {
                let held = chrono::NaiveDate::from_ymd_opt(2024, 4, 16).unwrap_or(today);
                (
                    held,
                    held.checked_add_months(chrono::Months::new(60))
                        .unwrap_or(held),
                )
            };
            courses.push(FireTraining {
                id: antt_domain::FireTrainingId::new_v7(),
                unit_id: unit,
                person_id: m.person_id,
                kind: TrainingKind::Initial,
                course: "Huấn luyện nghiệp vụ PCCC và CNCH cho Đội PCCC cơ sở".into(),
                held_on,
                hours: 24,
                certificate: format!("{}/GCN-PC07", 1_200 + k),
                expires_on: Some(expires_on),
            });
            if k % 3 == 0 {
                courses.push(FireTraining {
                    id: antt_domain::FireTrainingId::new_v7(),
                    unit_id: unit,
                    person_id: m.person_id,
                    kind: TrainingKind::Refresher,
                    course: "Bồi dưỡng nghiệp vụ PCCC năm học".into(),
                    held_on: drill_day,
                    hours: 4,
                    certificate: String::new(),
                    expires_on: None,
                });
            }
        }
        let w = self.cx.write(Access::Server).await?;
        for c in &courses {
            antt_store::fire::insert_training(w.tx(), c, "vanphong", now).await?;
        }
        w.commit(entry(
            &Actor::command_line(),
            Some(unit),
            AuditAction::DemoLoad,
            None,
            format!(
                "Huấn luyện PCCC mẫu: {} khóa của Đội PCCC cơ sở",
                courses.len()
            ),
            vec![],
        ))
        .await?;
        Ok(())
    }

    /// The college's fire-safety equipment and cameras on its three
    /// campuses (a few hundred items, seed 002 §1.2–1.3): a year of monthly
    /// checks, a yearly service, three failed checks (one still open), the
    /// third campus behind on its checks, masks expiring this month, and
    /// two faults reported by students from the labels.
    /// The schedules of checks: the extinguishers monthly by the fire
    /// team at the main campus (done this month) and by the guard at the
    /// third campus (which stopped two months ago: late), the cameras
    /// weekly by the guard, the alarm system quarterly, and the
    /// dormitory's own fire checklist, done in September and October (a
    /// cooker found in a room) and due again by the month's end.
    async fn load_demo_inspections(
        &self,
        unit: UnitId,
        campuses: &[antt_domain::CampusId],
        now: chrono::DateTime<chrono::Utc>,
    ) -> CoreResult<()> {
        use antt_domain::equipment::EquipmentKind as K;
        use antt_domain::inspection::{Assignee, Frequency};
        use chrono::Datelike;
        let today = antt_domain::time::local_date(now);
        let office = Actor {
            display_name: "Văn phòng - Trường CĐ Lào Cai".into(),
            ..Actor::command_line()
        };
        let Some(team) = self
            .teams()
            .list(&office, unit)
            .await?
            .into_iter()
            .find(|t| t.team.name.starts_with("Đội phòng cháy"))
        else {
            return Ok(());
        };
        let guard_person = antt_store::user::credentials(self.cx.db(), "baove")
            .await?
            .and_then(|(u, _)| u.person_id);
        let team = Assignee::Team(team.team.id);
        let guard = guard_person.map_or(team, Assignee::Person);
        let year_start = chrono::NaiveDate::from_ymd_opt(today.year(), 1, 5).unwrap_or(today);
        let ins = self.inspections();
        let dorm = ins
            .save_checklist(
                &office,
                unit,
                &crate::inspection::ChecklistInput {
                    id: None,
                    name: "Kiểm tra an toàn PCCC khu ký túc xá".into(),
                    kind: None,
                    questions: [
                        "Lối thoát nạn, cầu thang không bị chắn, cửa thoát nạn mở được",
                        "Không đun nấu, không dùng bếp điện, bình nóng lạnh tự lắp trong phòng ở",
                        "Dây điện, ổ cắm không câu móc, không quá tải",
                        "Không để xăng dầu, chất dễ cháy trong phòng, hành lang",
                        "Số bình chữa cháy tại hành lang mỗi tầng [số ≥ 2]",
                        "Đèn sự cố, đèn thoát nạn sáng khi thử",
                    ]
                    .join("\n"),
                },
            )
            .await?;
        let schedules = [
            (
                "Kiểm tra bình chữa cháy hằng tháng – cơ sở chính",
                Some(K::PowderExtinguisher),
                campuses.first().copied(),
                Frequency::Monthly,
                0,
                team,
            ),
            (
                "Kiểm tra bình chữa cháy hằng tháng – cơ sở 3",
                Some(K::PowderExtinguisher),
                campuses.get(2).copied(),
                Frequency::Monthly,
                0,
                guard,
            ),
            (
                "Kiểm tra camera, đầu ghi hằng tuần",
                Some(K::Camera),
                campuses.first().copied(),
                Frequency::EveryDays,
                7,
                guard,
            ),
            (
                "Kiểm tra hệ thống báo cháy hằng quý",
                Some(K::AlarmPanel),
                None,
                Frequency::Quarterly,
                0,
                team,
            ),
            (
                "Kiểm tra an toàn PCCC ký túc xá hằng tháng",
                None,
                campuses.first().copied(),
                Frequency::Monthly,
                0,
                team,
            ),
        ];
        let mut dorm_schedule = None;
        for (name, kind, campus, frequency, every_days, assignee) in schedules {
            let id = ins
                .add_schedule(
                    &office,
                    unit,
                    &crate::inspection::ScheduleInput {
                        name: name.into(),
                        kind,
                        template_id: kind.is_none().then_some(dorm),
                        campus_id: campus,
                        place: if kind.is_none() {
                            "Ký túc xá".into()
                        } else {
                            String::new()
                        },
                        frequency,
                        every_days,
                        starts_on: year_start,
                        assignee,
                    },
                )
                .await?;
            if kind.is_none() {
                dorm_schedule = Some(id);
            }
        }
        if let Some(id) = dorm_schedule {
            let keeper = Actor {
                name: "baove".into(),
                display_name: "Bảo vệ".into(),
                unit_id: Some(unit),
                role: antt_domain::role::Role::Guard,
                ..Actor::command_line()
            };
            let ok = ["yes", "yes", "yes", "yes", "2", "yes"];
            let mut cooker = ok;
            cooker[1] = "no";
            for (back, answers, note) in [
                (70, ok, ""),
                (
                    40,
                    cooker,
                    "Phòng 305 K1 dùng bếp điện; đã thu giữ, báo GVCN lớp",
                ),
            ] {
                ins.record_round(
                    &keeper,
                    unit,
                    id,
                    today - chrono::Duration::days(back),
                    &answers,
                    note,
                )
                .await?;
            }
            // The office set the October round's finding right.
            let register = self.equipment();
            for action in antt_store::equipment::faults(self.cx.db(), unit, true)
                .await?
                .into_iter()
                .filter(|f| f.schedule_id == Some(id))
            {
                register
                    .close_fault(
                        &office,
                        unit,
                        action.id,
                        antt_domain::equipment::FaultState::Fixed,
                        "Đã thu giữ bếp điện; GVCN nhắc nhở, sinh viên viết cam kết; kiểm tra lại phòng 305 K1 sau một tuần không còn",
                    )
                    .await?;
            }
        }
        Ok(())
    }

    async fn load_demo_equipment(
        &self,
        unit: UnitId,
        campuses: &[antt_domain::CampusId],
        now: chrono::DateTime<chrono::Utc>,
    ) -> CoreResult<()> {
        use antt_domain::equipment::{
            Equipment, EquipmentEvent, EquipmentEventKind as Ev, EquipmentKind as K, EquipmentState,
        };
        let today = antt_domain::time::local_date(now);
        let day = |back: i64| today - chrono::Duration::days(back);
        // (campus, building, floors, what each floor has)
        let buildings: [DemoBuilding<'_>; 7] = [
            (
                0,
                "Nhà A (hiệu bộ, phòng học)",
                4,
                &[
                    (K::PowderExtinguisher, 4),
                    (K::Co2Extinguisher, 1),
                    (K::Hydrant, 1),
                    (K::EmergencyLight, 2),
                    (K::ExitSign, 2),
                    (K::Detector, 3),
                    (K::Camera, 2),
                ],
            ),
            (
                0,
                "Nhà B (xưởng thực hành)",
                2,
                &[
                    (K::PowderExtinguisher, 4),
                    (K::Co2Extinguisher, 2),
                    (K::Hydrant, 1),
                    (K::ExitSign, 2),
                    (K::Camera, 2),
                ],
            ),
            (
                0,
                "Ký túc xá K1",
                5,
                &[
                    (K::PowderExtinguisher, 3),
                    (K::Hydrant, 1),
                    (K::EmergencyLight, 2),
                    (K::ExitSign, 2),
                    (K::Detector, 4),
                    (K::Camera, 1),
                ],
            ),
            (
                0,
                "Ký túc xá K2",
                5,
                &[
                    (K::PowderExtinguisher, 3),
                    (K::Hydrant, 1),
                    (K::EmergencyLight, 2),
                    (K::ExitSign, 2),
                    (K::Detector, 4),
                    (K::Camera, 1),
                ],
            ),
            (
                1,
                "Nhà học cơ sở 2",
                3,
                &[
                    (K::PowderExtinguisher, 3),
                    (K::Co2Extinguisher, 1),
                    (K::Hydrant, 1),
                    (K::ExitSign, 2),
                    (K::Camera, 2),
                ],
            ),
            (
                2,
                "Nhà học cơ sở 3",
                3,
                &[
                    (K::PowderExtinguisher, 3),
                    (K::Hydrant, 1),
                    (K::ExitSign, 1),
                    (K::Camera, 1),
                ],
            ),
            (
                2,
                "Xưởng cơ khí cơ sở 3",
                1,
                &[
                    (K::PowderExtinguisher, 4),
                    (K::Co2Extinguisher, 2),
                    (K::Camera, 2),
                ],
            ),
        ];
        let mut items: Vec<Equipment> = Vec::new();
        let mut push = |campus: usize, kind: K, place: String, name: String| {
            let n = items
                .iter()
                .filter(|i| i.kind.prefix() == kind.prefix())
                .count()
                + 1;
            let installed =
                today - chrono::Duration::days(400 + 37 * i64::try_from(n % 20).unwrap_or(0));
            items.push(Equipment {
                id: antt_domain::EquipmentId::new_v7(),
                unit_id: unit,
                code: format!("{}-{n:03}", kind.prefix()),
                kind,
                name,
                campus_id: campuses.get(campus).copied(),
                place,
                maker: Some(match kind {
                    K::Camera | K::Recorder => "Hikvision".to_owned(),
                    K::AlarmPanel | K::Detector => "Horing".to_owned(),
                    _ => "Tomoken".to_owned(),
                }),
                made_on: Some(installed - chrono::Duration::days(120)),
                installed_on: Some(installed),
                last_check: None,
                last_service: None,
                last_pressure_test: None,
                expires_on: None,
                state: EquipmentState::InService,
                note: None,
                label: crate::equipment::new_label(),
            });
        };
        for (campus, building, floors, per_floor) in buildings {
            push(
                campus,
                K::AlarmPanel,
                format!("{building}, tầng 1, phòng bảo vệ"),
                "Tủ trung tâm báo cháy 8 kênh".into(),
            );
            for floor in 1..=floors {
                for (kind, count) in per_floor {
                    for k in 1..=*count {
                        let name = match kind {
                            K::PowderExtinguisher => "Bình bột ABC MFZL4, 4 kg".to_owned(),
                            K::Co2Extinguisher => "Bình khí CO₂ MT3, 3 kg".to_owned(),
                            K::Camera => format!("Camera hành lang {k}"),
                            _ => antt_words::equipment_kind(*kind).to_owned(),
                        };
                        push(
                            campus,
                            *kind,
                            format!("{building}, tầng {floor}, vị trí {k}"),
                            name,
                        );
                    }
                }
            }
        }
        for (campus, place) in [
            (0, "Phòng bảo vệ cổng chính"),
            (1, "Phòng bảo vệ cơ sở 2"),
            (2, "Phòng bảo vệ cơ sở 3"),
        ] {
            push(
                campus,
                K::Recorder,
                place.to_owned(),
                "Đầu ghi NVR 16 kênh, lưu 30 ngày".into(),
            );
            push(
                campus,
                K::Camera,
                format!("{place} – cổng"),
                "Camera cổng".into(),
            );
        }
        push(
            0,
            K::Pump,
            "Nhà bơm cạnh bể nước ngầm".into(),
            "Máy bơm chữa cháy động cơ xăng".into(),
        );
        for k in 1..=4 {
            push(
                0,
                K::BreathingMask,
                "Ký túc xá K1, tầng 1, tủ PCCC".into(),
                format!("Mặt nạ phòng độc {k}"),
            );
        }
        push(
            0,
            K::RescueLadder,
            "Ký túc xá K2, tầng 5".into(),
            "Thang dây cứu người 15 m".into(),
        );
        // A year of monthly checks (the third campus stopped two months
        // ago) and a yearly service eleven months ago.
        let mut events: Vec<EquipmentEvent> = Vec::new();
        let at = |d: chrono::NaiveDate| {
            antt_domain::time::vietnam_instant(d.and_hms_opt(9, 0, 0).unwrap_or_default())
        };
        for item in &mut items {
            let behind = item.campus_id == campuses.get(2).copied();
            let first = if behind { 2 } else { 0 };
            for month in first..12_i64 {
                let d = day(5 + 30 * month);
                if Some(d) < item.installed_on {
                    continue;
                }
                events.push(EquipmentEvent {
                    equipment_id: item.id,
                    at: at(d),
                    day: Some(d),
                    kind: Ev::Checked,
                    note: String::new(),
                    recorded_by: Some("baove".into()),
                });
                item.last_check = Some(item.last_check.map_or(d, |l| l.max(d)));
            }
            if let Some(months) = item.kind.default_intervals().service_months {
                // The service company came about a month and a half ago
                // for the six-monthly work, ten months ago for the yearly.
                let d = day(if months <= 6 { 45 } else { 300 });
                item.last_service = Some(d);
                events.push(EquipmentEvent {
                    equipment_id: item.id,
                    at: at(d),
                    day: Some(d),
                    kind: Ev::Serviced,
                    note: "Bảo dưỡng định kỳ (đơn vị dịch vụ PCCC)".into(),
                    recorded_by: Some("vanphong".into()),
                });
            }
            if item.kind == K::BreathingMask {
                // The filters lapse at the end of this month.
                item.expires_on = Some(crate::equipment::last_of_month(today));
            }
        }
        // Three checks failed: two set right since, one still open.
        let failed: Vec<usize> = items
            .iter()
            .enumerate()
            .filter(|(_, i)| i.kind == K::PowderExtinguisher)
            .map(|(n, _)| n)
            .step_by(40)
            .take(3)
            .collect();
        for (k, n) in failed.iter().enumerate() {
            let d = day(95 - 30 * i64::try_from(k).unwrap_or(0));
            events.push(EquipmentEvent {
                equipment_id: items[*n].id,
                at: at(d) + chrono::Duration::minutes(5),
                day: Some(d),
                kind: Ev::CheckFailed,
                note: "Kim đồng hồ áp suất chỉ vùng đỏ".into(),
                recorded_by: Some("baove".into()),
            });
        }
        let w = self.cx.write(Access::Server).await?;
        for item in &items {
            antt_store::equipment::insert_item(w.tx(), item, now).await?;
        }
        antt_store::equipment::insert_events(w.tx(), unit, &events).await?;
        w.commit(entry(
            &Actor::command_line(),
            Some(unit),
            AuditAction::DemoLoad,
            None,
            format!(
                "Sổ phương tiện PCCC, camera mẫu: {} phương tiện ở 3 cơ sở",
                items.len()
            ),
            vec![],
        ))
        .await?;
        let register = self.equipment();
        // The demo's guard found it on a round.
        let guard = Actor {
            name: "baove".into(),
            display_name: "Bảo vệ".into(),
            unit_id: Some(unit),
            role: antt_domain::role::Role::Guard,
            ..Actor::command_line()
        };
        if let Some(&n) = failed.last() {
            register
                .record(
                    &guard,
                    unit,
                    items[n].id,
                    Ev::CheckFailed,
                    day(3),
                    "Mất chốt an toàn, vỏ bình móp",
                )
                .await?;
        }
        self.load_demo_fire_drills(unit, now).await?;
        self.load_demo_inspections(unit, campuses, now).await?;
        // Two faults students reported from the labels.
        let camera = items
            .iter()
            .find(|i| i.kind == K::Camera && i.place.contains("Ký túc xá K2"));
        let bottle = items
            .iter()
            .find(|i| i.kind == K::PowderExtinguisher && i.place.contains("Ký túc xá K1, tầng 3"));
        for (item, text) in [
            (
                camera,
                "Camera hành lang không sáng đèn từ tối qua, hình như bị che.",
            ),
            (bottle, "Bình chữa cháy bị mất chốt, có người nghịch."),
        ] {
            if let Some(i) = item {
                register
                    .report_fault(&i.label, None, text, None, None, None)
                    .await?;
            }
        }
        self.load_demo_footage(unit, &items, now).await
    }

    /// The footage incidents need: the drug case's at the dormitory's back
    /// gate, copied by the guards; and this week's case of students
    /// climbing the K2 fence at night, whose corridor camera's recorder
    /// keeps a week only: not yet copied, written over the day after
    /// tomorrow.
    async fn load_demo_footage(
        &self,
        unit: UnitId,
        items: &[antt_domain::equipment::Equipment],
        now: chrono::DateTime<chrono::Utc>,
    ) -> CoreResult<()> {
        use antt_domain::equipment::EquipmentKind as K;
        use antt_domain::footage::Footage;
        use antt_domain::incident::{IncidentInput, Severity};
        use antt_domain::time::local_date;
        let today = local_date(now);
        let year_ago = now - chrono::Duration::days(366);
        let w = self.cx.write(Access::Server).await?;
        let drugs = antt_store::incident::between(w.tx(), &[unit], year_ago, now)
            .await?
            .into_iter()
            .find(|i| i.input.category == antt_domain::tip::TipCategory::Drugs);
        let fence_at = now - chrono::Duration::days(5);
        let (fence, number) = antt_store::incident::insert(
            w.tx(),
            unit,
            &IncidentInput {
                category: antt_domain::tip::TipCategory::InternalRules,
                severity: Severity::Minor,
                occurred_at: fence_at,
                campus_id: None,
                place: "Tường rào sau ký túc xá K2".into(),
                summary: "Ba sinh viên trèo rào ra ngoài lúc 23 giờ, về lúc 1 giờ sáng; bạn cùng phòng báo Ban quản lý ký túc xá hôm sau.".into(),
                actions: "Phòng CTSV trích camera để xác định người, làm việc với sinh viên và GVCN.".into(),
                value_recovered: 0,
            },
            fence_at,
        )
        .await?;
        let cameras: Vec<_> = items.iter().filter(|i| i.kind == K::Camera).collect();
        let gate = cameras
            .iter()
            .find(|i| i.name.contains("Camera cổng"))
            .or(cameras.first());
        let corridor = cameras
            .iter()
            .find(|i| i.place.contains("Ký túc xá K2"))
            .or(cameras.last());
        let mut cited = Vec::new();
        if let (Some(case), Some(camera)) = (drugs, gate) {
            let at = case.input.occurred_at;
            cited.push(Footage {
                id: antt_domain::FootageId::new_v7(),
                incident_id: case.id,
                equipment_id: camera.id,
                from: at - chrono::Duration::minutes(20),
                until: at + chrono::Duration::minutes(25),
                overwritten_on: local_date(at) + chrono::Duration::days(30),
                note: "Hai người đi xe máy dừng ở cổng sau".into(),
                copied_by: Some("Tổ bảo vệ (Nguyễn Văn Hùng)".into()),
                copied_on: Some(local_date(at)),
                kept_until: Some(local_date(at) + chrono::Duration::days(365)),
                recorded_by: "Phòng CTSV".into(),
            });
        }
        if let Some(camera) = corridor {
            cited.push(Footage {
                id: antt_domain::FootageId::new_v7(),
                incident_id: fence,
                equipment_id: camera.id,
                from: fence_at - chrono::Duration::minutes(15),
                until: fence_at + chrono::Duration::hours(2),
                overwritten_on: today + chrono::Duration::days(2),
                note: "Đầu ghi K2 chỉ lưu 7 ngày".into(),
                copied_by: None,
                copied_on: None,
                kept_until: None,
                recorded_by: "Phòng CTSV".into(),
            });
        }
        for f in &cited {
            antt_store::footage::insert(w.tx(), unit, f, now).await?;
        }
        w.commit(entry(
            &Actor::command_line(),
            Some(unit),
            AuditAction::DemoLoad,
            None,
            format!(
                "Vụ việc số {number} (trèo rào ký túc xá) và {} đoạn hình camera mẫu",
                cited.len()
            ),
            vec![],
        ))
        .await
    }

    /// The self-defence platoon reinforces the main gate on every holiday
    /// and Tết (seed 002: "tăng cường lực lượng tự vệ trong các dịp lễ,
    /// tết"), and the first term's exams of next month.
    async fn load_demo_reinforcement(
        &self,
        actor: &Actor,
        unit: UnitId,
        next: NaiveDate,
    ) -> CoreResult<()> {
        use antt_domain::duty::DutyEventInput;
        let duty = self.duty();
        let posts = duty.posts(actor, unit).await?;
        let gate = posts
            .iter()
            .find(|p| p.name == "Cổng chính cơ sở 1")
            .ok_or(CoreError::NotFound)?
            .id;
        let platoon = antt_store::team::list(self.cx.db(), unit)
            .await?
            .into_iter()
            .find(|t| t.name == "Trung đội tự vệ")
            .map(|t| t.id);
        let exams = |d: i64| {
            (next + chrono::Duration::days(d))
                .format("%Y-%m-%d")
                .to_string()
        };
        for (name, holidays, first, last, shifts) in [
            (
                "Tăng cường ngày lễ, tết",
                true,
                String::new(),
                String::new(),
                "07:00 4 1; 13:00 4 1; 18:00 4 1",
            ),
            (
                "Thi kết thúc học kỳ I",
                false,
                exams(13),
                exams(15),
                "06:30 4 1; 13:00 4 1",
            ),
        ] {
            let input =
                DutyEventInput::parse(name, holidays, &first, &last, gate, shifts, platoon)?;
            duty.add_event(actor, unit, input).await?;
        }
        Ok(())
    }

    /// Some guards sent their wishes for next month (leave, days they
    /// cannot or would rather not work); the others have not yet.
    async fn load_demo_wishes(
        &self,
        unit: UnitId,
        guard_codes: &[String],
        next: NaiveDate,
        now: chrono::DateTime<chrono::Utc>,
    ) -> CoreResult<()> {
        use antt_domain::duty::{DutyWish, WishKind, days_of_month};
        let last = days_of_month(next).last().unwrap_or(next);
        let day = |d: i64| next + chrono::Duration::days(d);
        for (i, code) in guard_codes.iter().enumerate().filter(|(i, _)| i % 3 == 1) {
            let Some(p) = person::by_code(self.cx.db(), unit, code).await? else {
                continue;
            };
            let i = i64::try_from(i).unwrap_or(0);
            let wishes: Vec<DutyWish> = match i % 4 {
                1 => (0..3)
                    .map(|k| DutyWish {
                        person_id: p.id,
                        day: day(i % 20 + k),
                        kind: WishKind::Leave,
                        note: "Nghỉ phép năm".into(),
                    })
                    .collect(),
                2 => vec![DutyWish {
                    person_id: p.id,
                    day: day(i % 25),
                    kind: WishKind::Unavailable,
                    note: "Đưa con đi khám bệnh".into(),
                }],
                _ => (0..2)
                    .map(|k| DutyWish {
                        person_id: p.id,
                        day: day(5 + 7 * k),
                        kind: WishKind::Undesired,
                        note: String::new(),
                    })
                    .collect(),
            };
            antt_store::duty::replace_wishes(
                self.cx.db(),
                unit,
                p.id,
                next,
                last,
                &wishes,
                now,
                &p.full_name,
            )
            .await?;
        }
        Ok(())
    }

    /// Checkpoints on the three campuses with their night rounds, a week of
    /// scans, and last night's 02:00 round on the main campus missed (the
    /// guard stopped at the car park).
    async fn load_demo_patrols(
        &self,
        unit: UnitId,
        campuses: &[antt_domain::CampusId],
        now: chrono::DateTime<chrono::Utc>,
    ) -> CoreResult<()> {
        use antt_domain::patrol::{CheckpointInput, RoundInput, due_times};
        let actor = Actor {
            display_name: "Văn phòng - Trường CĐ Lào Cai".into(),
            ..Actor::command_line()
        };
        let patrols = self.patrols();
        let mut points: Vec<Vec<antt_domain::CheckpointId>> = vec![Vec::new(); 3];
        for (campus, code, name) in [
            (0, "A1", "Cổng chính"),
            (0, "A2", "Hàng rào sau ký túc xá"),
            (0, "A3", "Nhà để xe sinh viên"),
            (0, "A4", "Hành lang nhà học A"),
            (0, "A5", "Trạm biến áp, kho vật tư"),
            (1, "B1", "Cổng cơ sở 2"),
            (1, "B2", "Xưởng thực hành"),
            (1, "B3", "Nhà để xe"),
            (2, "C1", "Cổng cơ sở 3"),
            (2, "C2", "Khu nhà học và thư viện"),
        ] {
            let id = patrols
                .add_checkpoint(
                    &actor,
                    unit,
                    CheckpointInput::parse(campuses[campus], code, name)?,
                )
                .await?;
            points[campus].push(id);
        }
        let mut rounds = Vec::new();
        for (campus, starts, ends, every) in [
            (0, "22:00", "05:00", "2"),
            (1, "22:00", "06:00", "4"),
            (2, "22:00", "06:00", "4"),
        ] {
            let input = RoundInput::parse(
                campuses[campus],
                "Tuần tra đêm",
                starts,
                ends,
                every,
                points[campus].clone(),
            )?;
            patrols
                .add_round_from(&actor, unit, input.clone(), None)
                .await?;
            rounds.push(input);
        }
        let guards = antt_store::duty::guards(self.cx.db(), unit).await?;
        // The last night already over: before 06:00 the night under way
        // is not.
        let local = antt_domain::time::local_time(now);
        let last_night =
            if local.time() < chrono::NaiveTime::from_hms_opt(6, 0, 0).unwrap_or_default() {
                local.date() - chrono::Duration::days(2)
            } else {
                local.date() - chrono::Duration::days(1)
            };
        let w = self.cx.write(Access::Server).await?;
        for (campus, input) in rounds.iter().enumerate() {
            let names: Vec<&str> = guards
                .iter()
                .filter(|g| g.campus_id == input.campus_id)
                .map(|g| g.full_name.as_str())
                .collect();
            let round = antt_domain::patrol::PatrolRound {
                id: antt_domain::PatrolRoundId::new_v7(),
                unit_id: unit,
                campus_id: input.campus_id,
                name: input.name.clone(),
                starts: input.starts,
                ends: input.ends,
                every_minutes: input.every_minutes,
                checkpoints: input.checkpoints.clone(),
                first_night: None,
                last_night: None,
            };
            for back in 0..7_i64 {
                let night = last_night - chrono::Duration::days(back);
                for (k, (starts, _)) in due_times(&round, night).into_iter().enumerate() {
                    // Last night on the main campus: the 02:00 round
                    // stopped after the car park.
                    let walked = if back == 0 && campus == 0 && k == 2 {
                        2
                    } else {
                        round.checkpoints.len()
                    };
                    let guard =
                        names.get((k + usize::try_from(back).unwrap_or(0)) % names.len().max(1));
                    for (i, checkpoint) in round.checkpoints.iter().take(walked).enumerate() {
                        let minutes = 5 + 9 * i64::try_from(i).unwrap_or(0);
                        let at = antt_domain::time::vietnam_instant(starts)
                            + chrono::Duration::minutes(minutes);
                        antt_store::patrol::insert_scan(
                            w.tx(),
                            &antt_domain::patrol::PatrolScan {
                                id: antt_domain::PatrolScanId::new_v7(),
                                unit_id: unit,
                                campus_id: round.campus_id,
                                checkpoint_id: *checkpoint,
                                at,
                                recorded_at: at,
                                account: String::new(),
                                guard_name: guard.map_or_else(String::new, |g| (*g).to_owned()),
                                // Saturday nights the ward police walk the
                                // first round with the guard.
                                partners: if k == 0 && back == 3 {
                                    "Công an phường Cốc Lếu".to_owned()
                                } else {
                                    String::new()
                                },
                            },
                        )
                        .await?;
                    }
                }
            }
        }
        w.commit(entry(
            &Actor::command_line(),
            Some(unit),
            AuditAction::DemoLoad,
            None,
            "Tuần tra mẫu: 10 điểm, 3 lượt đêm, 7 đêm quét nhãn".to_owned(),
            vec![],
        ))
        .await
    }

    /// A week of visitors at the main gate, one still inside now and one
    /// who stayed past closing time yesterday, and one person not let in.
    async fn load_demo_visitors(
        &self,
        unit: UnitId,
        campus: antt_domain::CampusId,
        now: chrono::DateTime<chrono::Utc>,
    ) -> CoreResult<()> {
        use antt_domain::visitor::{DocumentKind, Visitor};
        const VISITORS: [(&str, &str, &str); 6] = [
            (
                "Trần Văn Bình",
                "Phòng Đào tạo – nộp hồ sơ tuyển sinh",
                "24B1-356.12",
            ),
            ("Lò Thị Mai", "Sinh viên Lò Văn Sử, lớp CĐ Điện 1 (con)", ""),
            (
                "Nguyễn Hữu Phước",
                "Phòng Tổ chức – Hành chính, giao thiết bị",
                "24C-118.62",
            ),
            (
                "Hoàng Minh Đức",
                "Khoa Nông Lâm, giảng viên thỉnh giảng",
                "24B2-401.77",
            ),
            ("Vàng Thị Dua", "Phòng CTSV – xin giấy xác nhận", ""),
            (
                "Phạm Quốc Huy",
                "Ban Giám hiệu – làm việc về hợp đồng",
                "24A-099.31",
            ),
        ];
        let today = antt_domain::time::local_date(now);
        let w = self.cx.write(Access::Server).await?;
        let mut k = 0usize;
        for back in (1..=7_i64).rev() {
            let date = today - chrono::Duration::days(back);
            for hour in [8, 10, 15] {
                let (name, visiting, plate) = VISITORS[k % VISITORS.len()];
                let arrived = antt_domain::time::vietnam_instant(
                    date.and_hms_opt(hour, 10, 0).unwrap_or_default(),
                );
                // Yesterday's afternoon visitor left after closing.
                let stayed = if back == 1 && hour == 15 { 8 * 60 } else { 50 };
                antt_store::visitor::insert(
                    w.tx(),
                    &Visitor {
                        id: antt_domain::VisitorId::new_v7(),
                        unit_id: unit,
                        campus_id: campus,
                        name: name.to_owned(),
                        document: Some(DocumentKind::IdCard),
                        document_number: format!("{:04}", 1_000 + 37 * k),
                        visiting: visiting.to_owned(),
                        vehicle_plate: plate.to_owned(),
                        arrived_at: arrived,
                        left_at: Some(arrived + chrono::Duration::minutes(stayed)),
                        recorded_by: String::new(),
                    },
                )
                .await?;
                k += 1;
            }
        }
        antt_store::visitor::insert(
            w.tx(),
            &Visitor {
                id: antt_domain::VisitorId::new_v7(),
                unit_id: unit,
                campus_id: campus,
                name: "Đỗ Thị Hạnh".to_owned(),
                document: Some(DocumentKind::IdCard),
                document_number: "5521".to_owned(),
                visiting: "Phòng Kế hoạch – Tài chính, nộp hồ sơ thanh toán".to_owned(),
                vehicle_plate: String::new(),
                arrived_at: now - chrono::Duration::minutes(25),
                left_at: None,
                recorded_by: String::new(),
            },
        )
        .await?;
        antt_store::visitor::bar(
            w.tx(),
            &antt_domain::visitor::BarredPerson {
                id: antt_domain::BarredPersonId::new_v7(),
                unit_id: unit,
                name: "Nguyễn Văn Tú".to_owned(),
                document_number: "4567".to_owned(),
                reason: "Gây rối, đe dọa sinh viên trước cổng trường ngày 12/10/2026; Công an phường Cốc Lếu đã lập biên bản.".to_owned(),
                added_at: now - chrono::Duration::days(40),
                added_by: "Văn phòng - Trường CĐ Lào Cai".to_owned(),
            },
        )
        .await?;
        w.commit(entry(
            &Actor::command_line(),
            Some(unit),
            AuditAction::DemoLoad,
            None,
            "Sổ khách mẫu: 7 ngày ở cổng chính cơ sở 1, 1 người không cho vào".to_owned(),
            vec![],
        ))
        .await
    }

    /// A week of the main gate's shift log: three shifts a day, each taken
    /// over from the one before, with what happened and the notes left.
    async fn load_demo_gate_log(
        &self,
        unit: UnitId,
        campus: antt_domain::CampusId,
        now: chrono::DateTime<chrono::Utc>,
    ) -> CoreResult<()> {
        use antt_domain::shift_log::ShiftLog;
        use antt_store::shift_log as log_store;
        const EVENTS: [&str; 8] = [
            "Xe chở thực phẩm vào bếp ăn ký túc xá, biển 24C-118.62; đã kiểm tra hàng.",
            "Phụ huynh đến gặp sinh viên lớp CĐ Điện 1, đã ghi sổ khách.",
            "Đèn cổng phụ không sáng, đã báo tổ điện.",
            "Kiểm tra khóa cửa các dãy phòng học, đủ.",
            "Hai thanh niên lạ đứng lâu trước cổng, đã nhắc rời đi.",
            "Tuần tra khu nội trú, mọi việc bình thường.",
            "Xe cứu thương đưa một sinh viên đau bụng đi viện, đã báo phòng CTSV.",
            "Nhận 2 bình chữa cháy nạp lại, để ở phòng bảo vệ.",
        ];
        let guards = antt_store::duty::guards(self.cx.db(), unit).await?;
        let names: Vec<String> = guards
            .iter()
            .filter(|g| g.campus_id == campus)
            .map(|g| g.full_name.clone())
            .collect();
        if names.is_empty() {
            return Ok(());
        }
        let today = antt_domain::time::local_date(now);
        let w = self.cx.write(Access::Server).await?;
        let mut previous = String::new();
        let mut k = 0usize;
        for day in 1..=7 {
            let date = today - chrono::Duration::days(8 - day);
            for (hour, length) in [(6, 8), (14, 8), (22, 8)] {
                let start = antt_domain::time::vietnam_instant(
                    date.and_hms_opt(hour, 0, 0).unwrap_or_default(),
                );
                let guard = names[k % names.len()].clone();
                let log = ShiftLog {
                    id: antt_domain::ShiftLogId::new_v7(),
                    unit_id: unit,
                    campus_id: campus,
                    guard_id: guards
                        .iter()
                        .find(|g| g.full_name == guard)
                        .map(|g| g.person_id),
                    guard_name: guard.clone(),
                    account: String::new(),
                    started_at: start,
                    taken_from: previous.clone(),
                    received: "Chìa khóa cổng chính và cổng phụ, bộ đàm, sổ khách, đèn pin.".into(),
                    ended_at: None,
                    handover_notes: None,
                };
                log_store::insert(w.tx(), &log).await?;
                for (n, minutes) in (0..=k % 3).zip((40_i64..).step_by(110)) {
                    let at = start + chrono::Duration::minutes(minutes);
                    log_store::add_entry(
                        w.tx(),
                        unit,
                        log.id,
                        at,
                        EVENTS[(k + n) % EVENTS.len()],
                        at,
                    )
                    .await?;
                }
                log_store::close(
                    w.tx(),
                    unit,
                    log.id,
                    "Mọi việc bình thường; đã bàn giao đủ chìa khóa và bộ đàm.",
                    start + chrono::Duration::hours(length),
                )
                .await?;
                previous = guard;
                k += 1;
            }
        }
        w.commit(entry(
            &Actor::command_line(),
            Some(unit),
            AuditAction::DemoLoad,
            None,
            "Sổ trực ban mẫu: 7 ngày ở cổng chính cơ sở 1".to_owned(),
            vec![],
        ))
        .await
    }

    /// The demo's papers signed before it was loaded, the plan approved in
    /// December and the registration of February, kept as issued like any
    /// paper signed in the app.
    async fn keep_demo_papers(&self, unit: UnitId, year: i32) -> CoreResult<()> {
        use crate::papers::{Paper, keep};
        let actor = Actor::command_line();
        let mut papers = Vec::new();
        if let Some(plan) = self.plans().of_year(&actor, unit, year).await?
            && plan.state == antt_domain::plan::PlanState::Approved
        {
            let file = self.plans().signed_file(unit, &plan).await?;
            papers.push((Paper::Plan, plan.id.to_string(), file));
        }
        let r = self.assessment().readiness(&actor, unit, year).await?;
        if let Some(a) = &r.assessment {
            let file = self
                .assessment()
                .registration_paper(&actor, &r, a.registered_on)
                .await?;
            papers.push((Paper::Registration, year.to_string(), file));
        }
        let w = self.cx.write(Access::Server).await?;
        let now = w.now();
        let names: Vec<String> = papers.iter().map(|(_, _, f)| f.file_name.clone()).collect();
        for (kind, key, file) in papers {
            keep(w.tx(), unit, kind, &key, file, "Dữ liệu mẫu", now).await?;
        }
        w.commit(entry(
            &actor,
            Some(unit),
            AuditAction::DemoLoad,
            None,
            format!("Lưu bản đã ban hành: {}", names.join(", ")),
            vec![],
        ))
        .await
    }
}

/// A building of the demo's register: campus, name, floors, and what each
/// floor has.
type DemoBuilding<'a> = (
    usize,
    &'a str,
    u32,
    &'a [(antt_domain::equipment::EquipmentKind, u32)],
);
