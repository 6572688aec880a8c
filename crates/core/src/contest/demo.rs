//! The demo's law contest: a bank of questions on the laws the plan names
//! (traffic, drugs, cyber security, state secrets, fire, school violence),
//! open around today; about half the classes have taken it, the demo
//! student has not.

use chrono::{DateTime, Days, Utc};

use antt_domain::UnitId;
use antt_domain::contest::{self, ContestInput, QuestionInput, QuestionKind};
use antt_domain::person::{PersonKind, PersonStatus};
use antt_domain::time::local_date;
use antt_store::Tx;
use antt_store::{contest as store, person};

use crate::error::CoreResult;

/// (question, choices, right letters): the demo's bank, and the examples
/// of the template sheet.
pub(crate) const QUESTIONS: &[(&str, &[&str], &str)] = &[
    (
        "Ngày hội “Toàn dân bảo vệ an ninh Tổ quốc” được tổ chức hằng năm vào ngày nào?",
        &["19/5", "19/8", "2/9", "22/12"],
        "B",
    ),
    (
        "Luật An ninh mạng được Quốc hội thông qua năm nào?",
        &["2015", "2018", "2020", "2023"],
        "B",
    ),
    (
        "Những hành vi nào bị nghiêm cấm theo Luật Phòng, chống ma túy?",
        &[
            "Trồng cây có chứa chất ma túy",
            "Tổ chức sử dụng trái phép chất ma túy",
            "Tự nguyện khai báo và đăng ký cai nghiện",
            "Tàng trữ trái phép chất ma túy",
        ],
        "A, B, D",
    ),
    (
        "Số điện thoại gọi lực lượng phòng cháy, chữa cháy và cứu nạn, cứu hộ là số nào?",
        &["113", "114", "115"],
        "B",
    ),
    (
        "Số điện thoại gọi Cảnh sát khi cần giúp đỡ khẩn cấp về an ninh, trật tự là số nào?",
        &["113", "114", "115"],
        "A",
    ),
    (
        "Người đủ bao nhiêu tuổi được lái xe mô tô hai bánh có dung tích xi-lanh trên 50 cm³?",
        &["16 tuổi", "18 tuổi", "20 tuổi"],
        "B",
    ),
    (
        "Khi đi xe máy, xe đạp điện, ai phải đội mũ bảo hiểm?",
        &[
            "Chỉ người điều khiển xe",
            "Người điều khiển và người ngồi sau, cài quai đúng quy cách",
            "Không bắt buộc khi đi quãng đường ngắn",
        ],
        "B",
    ),
    (
        "Người điều khiển xe mô tô, xe máy được có nồng độ cồn trong máu hoặc hơi thở ở mức nào?",
        &[
            "Dưới 0,25 miligam/1 lít khí thở",
            "Tuyệt đối không có nồng độ cồn",
            "Tùy theo quãng đường",
        ],
        "B",
    ),
    (
        "Theo Luật Bảo vệ bí mật nhà nước năm 2018, bí mật nhà nước có mấy độ mật?",
        &[
            "Hai độ mật",
            "Ba độ mật: Tuyệt mật, Tối mật, Mật",
            "Bốn độ mật",
        ],
        "B",
    ),
    (
        "Những hành vi nào là bạo lực học đường?",
        &[
            "Đánh, xô đẩy bạn",
            "Lăng mạ, xúc phạm bạn trên mạng xã hội",
            "Cô lập, đe dọa bạn",
            "Góp ý thẳng thắn với bạn trong buổi sinh hoạt lớp",
        ],
        "A, B, C",
    ),
    (
        "Khi thấy tin sai sự thật, xấu độc về nhà trường trên mạng xã hội, em nên làm gì?",
        &[
            "Chia sẻ ngay để mọi người cùng biết",
            "Không chia sẻ, báo cho nhà trường hoặc cơ quan công an",
            "Bình luận lời lẽ gay gắt để phản bác",
        ],
        "B",
    ),
    (
        "Ngày 19/8 cũng là ngày truyền thống của lực lượng nào?",
        &[
            "Quân đội nhân dân",
            "Công an nhân dân",
            "Thanh niên xung phong",
        ],
        "B",
    ),
    (
        "Người phát hiện đám cháy phải làm gì trước tiên?",
        &[
            "Hô hoạn, báo cho người xung quanh và gọi 114",
            "Quay về phòng lấy đồ đạc",
            "Mở hết cửa cho thoáng khí",
        ],
        "A",
    ),
    (
        "Những hành vi nào bị nghiêm cấm trên không gian mạng?",
        &[
            "Đăng tải thông tin sai sự thật gây hoang mang trong Nhân dân",
            "Xúc phạm danh dự, nhân phẩm người khác",
            "Chia sẻ bài tuyên truyền phòng, chống ma túy của cơ quan công an",
            "Lừa đảo chiếm đoạt tài sản qua mạng",
        ],
        "A, B, D",
    ),
    (
        "Chất nào sau đây là chất ma túy?",
        &["Heroin", "Cần sa", "Ma túy đá (methamphetamine)", "Cà phê"],
        "A, B, C",
    ),
    (
        "Học sinh, sinh viên tụ tập cổ vũ, tham gia đua xe trái phép thì thế nào?",
        &[
            "Được, nếu không ai bị thương",
            "Là hành vi bị nghiêm cấm, có thể bị xử lý theo pháp luật",
        ],
        "B",
    ),
];

/// The bank as questions to keep.
pub(crate) fn bank() -> Vec<QuestionInput> {
    QUESTIONS
        .iter()
        .map(|(text, choices, key)| {
            let key: Vec<usize> = key
                .split(", ")
                .filter_map(|l| l.bytes().next())
                .map(|b| usize::from(b - b'A'))
                .collect();
            QuestionInput {
                text: (*text).to_owned(),
                kind: if key.len() > 1 {
                    QuestionKind::Multiple
                } else {
                    QuestionKind::Single
                },
                choices: choices.iter().map(|c| (*c).to_owned()).collect(),
                key,
            }
        })
        .collect()
}

pub(crate) async fn load(
    tx: &Tx,
    college: UnitId,
    year: i32,
    now: DateTime<Utc>,
) -> CoreResult<()> {
    let today = local_date(now);
    let input = ContestInput {
        opens_on: today.checked_sub_days(Days::new(10)).unwrap_or(today),
        closes_on: today.checked_add_days(Days::new(9)).unwrap_or(today),
        minutes: 20,
        questions_per_attempt: 10,
        ..ContestInput::default_for(year, today)
    };
    let c = store::insert(tx, college, year, &input, now).await?;
    let bank = bank();
    store::replace_bank(tx, college, c.id, &bank).await?;
    let questions = store::questions(tx, college, c.id).await?;
    let people = person::all(tx, college).await?;
    let mut classes: Vec<_> = people.iter().filter_map(|p| p.class_id).collect();
    classes.sort_unstable();
    classes.dedup();
    // Every other class took part; within it most of the students, with
    // marks spread from 4 to 10.
    let taking: Vec<_> = classes.iter().copied().step_by(2).collect();
    let students = people.iter().filter(|p| {
        p.kind == PersonKind::Student
            && p.status == PersonStatus::Active
            && p.code != "SV1700001"
            && p.class_id.is_some_and(|c| taking.contains(&c))
    });
    for (n, p) in students.enumerate().filter(|(n, _)| n % 5 != 4) {
        let offset = n % questions.len();
        // Ten questions in a row of the bank, starting at a different one
        // for each student.
        let drawn: Vec<_> = (0..usize::try_from(input.questions_per_attempt).unwrap_or(10))
            .map(|i| &questions[(offset + i) % questions.len()])
            .collect();
        let wrong = n % 7;
        let answers: Vec<Vec<usize>> = drawn
            .iter()
            .enumerate()
            .map(|(i, q)| {
                if i < wrong {
                    vec![(q.key[0] + 1) % q.choices.len()]
                } else {
                    q.key.clone()
                }
            })
            .collect();
        let keys: Vec<&[usize]> = drawn.iter().map(|q| q.key.as_slice()).collect();
        let score = contest::score(&keys, &answers);
        let ids: Vec<_> = drawn.iter().map(|q| q.id).collect();
        let minutes = i64::try_from(8 + n % 11).unwrap_or(10);
        let started = now - chrono::Duration::days(i64::try_from(1 + n % 9).unwrap_or(1));
        store::start(tx, college, c.id, p.id, &ids, started).await?;
        let done = started + chrono::Duration::minutes(minutes);
        store::submit(tx, college, c.id, p.id, &answers, score, done).await?;
    }
    Ok(())
}
