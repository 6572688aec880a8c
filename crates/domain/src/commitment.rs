//! The yearly commitment campaign (bản cam kết): its text, and who has
//! signed, in the app or on paper recorded by a teacher. Progress is counted
//! like coverage: the share of staff and students who signed.

use crate::ids::{CommitmentId, UnitId};
use crate::plan::clean_text;
use crate::text;
use crate::validation::{ErrorCode, ValidationErrors};

crate::code_enum!(
    /// How a signature was given.
    SignatureMethod {
        /// The person signed in antt.
        InApp => "in_app",
        /// A paper signature recorded by a teacher or the office.
        Paper => "paper",
    }
);

/// A campaign as kept.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Commitment {
    pub id: CommitmentId,
    pub unit_id: UnitId,
    pub year: i32,
    pub title: String,
    /// The pledges, one per line.
    pub body: String,
}

/// A campaign to start.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CommitmentInput {
    pub title: String,
    pub body: String,
}

impl CommitmentInput {
    pub fn validate(mut self) -> Result<Self, ValidationErrors> {
        let mut errors = ValidationErrors::new();
        if let Some(title) = errors.check(text::required("title", &self.title, 300)) {
            self.title = title;
        }
        self.body = clean_text(&self.body);
        if self.body.is_empty() {
            errors.add("body", ErrorCode::Required);
        } else if self.body.chars().count() > 10_000 {
            errors.add("body", ErrorCode::TooLong);
        }
        errors.into_result().map(|()| self)
    }

    /// The pledges of seed 002's plan, as a campaign of `year`.
    pub fn default_for(year: i32) -> Self {
        Self {
            title: format!("Cam kết thực hiện Phong trào “Toàn dân bảo vệ an ninh Tổ quốc” năm {year}"),
            body: [
                "Chấp hành nghiêm chủ trương của Đảng, chính sách, pháp luật của Nhà nước, nội quy, quy chế của Nhà trường.",
                "Không vi phạm pháp luật, không mắc tệ nạn xã hội, không sử dụng, tàng trữ, mua bán trái phép chất ma túy.",
                "Chấp hành nghiêm quy định về trật tự, an toàn giao thông; đội mũ bảo hiểm khi đi mô tô, xe máy, xe đạp điện.",
                "Không tham gia, cổ vũ bạo lực học đường; không đăng tải, chia sẻ thông tin sai sự thật, xấu độc trên không gian mạng.",
                "Tích cực phát hiện, cung cấp thông tin về các dấu hiệu mất an ninh, trật tự trong và xung quanh Nhà trường.",
            ]
            .join("\n"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_campaign_needs_a_title_and_pledges() {
        assert!(CommitmentInput::default_for(2026).validate().is_ok());
        let e = CommitmentInput {
            title: " ".into(),
            body: "\n \n".into(),
        }
        .validate()
        .expect_err("refused");
        assert_eq!(e.for_field("title"), Some(ErrorCode::Required));
        assert_eq!(e.for_field("body"), Some(ErrorCode::Required));
    }
}
