//! Vietnamese text: search keys, name normalisation, bounded strings.

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

use crate::validation::{ErrorCode, ValidationError};

/// The search key of a text: lower case, tones and marks removed, đ → d,
/// punctuation as spaces, single spaces. "Nguyễn Văn Ánh" → "nguyen van anh".
/// Stored next to every searchable name so both backends match it with `LIKE`.
pub fn search_key(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut pending_space = false;
    for c in text.nfd() {
        if is_combining_mark(c) {
            continue;
        }
        let c = match c {
            'đ' | 'Đ' => 'd',
            c => c,
        };
        if c.is_alphanumeric() {
            if pending_space && !out.is_empty() {
                out.push(' ');
            }
            pending_space = false;
            out.extend(c.to_lowercase());
        } else {
            pending_space = true;
        }
    }
    out
}

/// The words of a search query, as search keys: "Nguyễn  văn" → ["nguyen", "van"].
pub fn search_terms(query: &str) -> Vec<String> {
    search_key(query)
        .split(' ')
        .filter(|w| !w.is_empty())
        .map(str::to_owned)
        .collect()
}

/// The search key of a person: their name and their code, so either finds them.
pub fn person_search_key(full_name: &str, code: &str) -> String {
    format!("{} {}", search_key(full_name), search_key(code))
}

/// The words of a query, ready to be looked for in many search keys (a
/// unit's whole list) with a vectorised substring search.
pub struct SearchTerms(Vec<memchr::memmem::Finder<'static>>);

impl SearchTerms {
    pub fn new(query: Option<&str>) -> Self {
        let terms = query.map(search_terms).unwrap_or_default();
        Self(
            terms
                .iter()
                .map(|t| memchr::memmem::Finder::new(t.as_bytes()).into_owned())
                .collect(),
        )
    }

    /// Whether `key` holds every word.
    pub fn matches(&self, key: &str) -> bool {
        self.0.iter().all(|f| f.find(key.as_bytes()).is_some())
    }
}

/// Sort key in Vietnamese list order: by given name (the last word), then the
/// whole name. "Nguyễn Văn An" → "an nguyen van an".
pub fn name_sort_key(full_name: &str) -> String {
    let key = search_key(full_name);
    match key.rsplit_once(' ') {
        Some((_, given)) => format!("{given} {key}"),
        None => key,
    }
}

/// A whole number with a dot between thousands, as Vietnamese writes
/// sums of money: 6500000 → "6.500.000".
pub fn thousands(v: i64) -> String {
    let digits = v.unsigned_abs().to_string();
    let mut out = String::new();
    if v < 0 {
        out.push('-');
    }
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(c);
    }
    out
}

/// Unicode NFC, trimmed, runs of white space collapsed to one space.
pub fn clean(text: &str) -> String {
    let nfc: String = text.nfc().collect();
    nfc.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A person's name as it should be written: NFC, single spaces, each word
/// with a capital first letter. "NGUYỄN  văn an" → "Nguyễn Văn An".
pub fn person_name(text: &str) -> String {
    clean(text)
        .split(' ')
        .map(|word| {
            let mut chars = word.chars();
            match chars.next() {
                Some(first) => first
                    .to_uppercase()
                    .chain(chars.flat_map(char::to_lowercase))
                    .collect(),
                None => String::new(),
            }
        })
        .collect::<Vec<String>>()
        .join(" ")
}

/// A character with no business in text a person typed: a control
/// character other than the line breaks and tabs of white space (NUL above
/// all, which PostgreSQL refuses to store), or one of Unicode's
/// bidirectional controls, invisible marks that can make a name or a
/// sentence read in another order than it is stored ("Trojan Source").
pub fn is_hidden_control(c: char) -> bool {
    (c.is_control() && !matches!(c, '\t' | '\n' | '\r'))
        || matches!(
            c,
            '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}'
        )
}

/// Whether `text` holds a [hidden control](is_hidden_control).
pub fn has_hidden_control(text: &str) -> bool {
    text.chars().any(is_hidden_control)
}

fn visible(field: &'static str, text: &str) -> Result<(), ValidationError> {
    if has_hidden_control(text) {
        Err(ValidationError::new(field, ErrorCode::HiddenCharacter))
    } else {
        Ok(())
    }
}

/// A required text of at most `max` characters, cleaned; refused when it
/// holds a [hidden control](is_hidden_control).
pub fn required(field: &'static str, text: &str, max: usize) -> Result<String, ValidationError> {
    visible(field, text)?;
    let text = clean(text);
    if text.is_empty() {
        Err(ValidationError::new(field, ErrorCode::Required))
    } else if text.chars().count() > max {
        Err(ValidationError::new(field, ErrorCode::TooLong))
    } else {
        Ok(text)
    }
}

/// An optional text of at most `max` characters, cleaned; blank is `None`;
/// refused when it holds a [hidden control](is_hidden_control).
pub fn optional(
    field: &'static str,
    text: Option<&str>,
    max: usize,
) -> Result<Option<String>, ValidationError> {
    visible(field, text.unwrap_or_default())?;
    match text.map(clean) {
        None => Ok(None),
        Some(t) if t.is_empty() => Ok(None),
        Some(t) if t.chars().count() > max => Err(ValidationError::new(field, ErrorCode::TooLong)),
        Some(t) => Ok(Some(t)),
    }
}

/// A code such as a unit code or a student code: letters, digits, `-`, `_`,
/// `.` and `/`, at most `max` long, kept as typed but trimmed.
pub fn code(field: &'static str, text: &str, max: usize) -> Result<String, ValidationError> {
    let text = text.trim();
    if text.is_empty() {
        return Err(ValidationError::new(field, ErrorCode::Required));
    }
    if text.chars().count() > max {
        return Err(ValidationError::new(field, ErrorCode::TooLong));
    }
    if !text
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | '/'))
    {
        return Err(ValidationError::new(field, ErrorCode::InvalidCode));
    }
    Ok(text.to_owned())
}

/// A Vietnamese phone number: 9 to 11 digits once spaces, dots and dashes are
/// dropped, optionally written with +84.
pub fn phone(field: &'static str, text: Option<&str>) -> Result<Option<String>, ValidationError> {
    let Some(raw) = text.map(str::trim).filter(|t| !t.is_empty()) else {
        return Ok(None);
    };
    let digits: String = raw
        .chars()
        .filter(|c| !matches!(c, ' ' | '.' | '-'))
        .collect();
    let national = match digits.strip_prefix("+84") {
        Some(rest) => format!("0{rest}"),
        None => digits,
    };
    if (9..=11).contains(&national.len()) && national.chars().all(|c| c.is_ascii_digit()) {
        Ok(Some(national))
    } else {
        Err(ValidationError::new(field, ErrorCode::InvalidPhone))
    }
}

/// An e-mail address: one `@`, something on both sides, a dot in the domain.
pub fn email(field: &'static str, text: Option<&str>) -> Result<Option<String>, ValidationError> {
    let Some(raw) = text.map(str::trim).filter(|t| !t.is_empty()) else {
        return Ok(None);
    };
    let ok = raw.len() <= 254
        && !raw.contains(char::is_whitespace)
        && !has_hidden_control(raw)
        && raw.split_once('@').is_some_and(|(local, domain)| {
            !local.is_empty()
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
                && !domain.contains('@')
        });
    if ok {
        Ok(Some(raw.to_lowercase()))
    } else {
        Err(ValidationError::new(field, ErrorCode::InvalidEmail))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn search_key_drops_tones_marks_and_case() {
        assert_eq!(search_key("Nguyễn Văn Ánh"), "nguyen van anh");
        assert_eq!(
            search_key("  ĐẶNG   thị  Hồng-Nhung "),
            "dang thi hong nhung"
        );
        assert_eq!(search_key("Lớp CĐ K12.A1"), "lop cd k12 a1");
        // Decomposed input (Windows-1258 style combining marks) gives the same key.
        assert_eq!(search_key("Nguye\u{0302}\u{0303}n"), "nguyen");
        assert_eq!(search_key(""), "");
    }

    #[test]
    fn search_terms_split_words() {
        assert_eq!(search_terms("  Nguyễn,  VĂN "), vec!["nguyen", "van"]);
        assert!(search_terms(" - ").is_empty());
    }

    #[test]
    fn every_term_must_match() {
        let key = person_search_key("Nguyễn Văn Ánh", "SV-17001");
        assert_eq!(key, "nguyen van anh sv 17001");
        assert!(SearchTerms::new(Some("anh nguyen")).matches(&key));
        assert!(SearchTerms::new(Some("17001")).matches(&key));
        let terms = SearchTerms::new(Some("Ánh  NGUYỄN"));
        assert!(terms.matches(&key));
        assert!(!SearchTerms::new(Some("nguyen thi")).matches(&key));
        assert!(SearchTerms::new(None).matches(&key));
    }

    #[test]
    fn names_are_cleaned_and_capitalised() {
        assert_eq!(person_name("  NGUYỄN   văn an "), "Nguyễn Văn An");
        assert_eq!(person_name("đỗ thị ÁNH"), "Đỗ Thị Ánh");
        assert_eq!(name_sort_key("Nguyễn Văn An"), "an nguyen van an");
        assert_eq!(name_sort_key("An"), "an");
    }

    #[test]
    fn bounded_texts() {
        assert_eq!(required("name", "  a  b ", 10).unwrap(), "a b");
        assert_eq!(
            required("name", "   ", 10).unwrap_err().code,
            ErrorCode::Required
        );
        assert_eq!(
            required("name", "ăăăăă", 4).unwrap_err().code,
            ErrorCode::TooLong
        );
        assert_eq!(optional("x", Some("  "), 4).unwrap(), None);
        assert_eq!(
            code("code", "CĐLC", 10).unwrap_err().code,
            ErrorCode::InvalidCode
        );
        assert_eq!(code("code", " CDLC-01 ", 10).unwrap(), "CDLC-01");
    }

    #[test]
    fn hidden_controls_are_refused_in_typed_text() {
        for bad in [
            "Nguyễn\0Văn An",
            "An\u{7}",
            "Lớp \u{202E}A1",
            "\u{2066}Trần\u{2069}",
            "x\u{200F}",
            "DEL\u{7f}",
            "C1\u{85}",
        ] {
            assert_eq!(
                required("name", bad, 100).unwrap_err().code,
                ErrorCode::HiddenCharacter,
                "{bad:?}"
            );
            assert_eq!(
                optional("note", Some(bad), 100).unwrap_err().code,
                ErrorCode::HiddenCharacter
            );
            assert!(email("email", Some(&format!("{bad}@a.vn"))).is_err());
        }
        // Line breaks and tabs are white space, folded by `clean`; joiners
        // that emoji and some scripts need are kept.
        assert_eq!(
            required("text", "Dòng 1\r\n\tDòng 2", 100).unwrap(),
            "Dòng 1 Dòng 2"
        );
        assert_eq!(
            required("text", "👨\u{200D}👩", 100).unwrap(),
            "👨\u{200D}👩"
        );
    }

    #[test]
    fn phones_and_emails() {
        assert_eq!(
            phone("p", Some("+84 912.345.678")).unwrap().as_deref(),
            Some("0912345678")
        );
        assert_eq!(
            phone("p", Some("0912 345 678")).unwrap().as_deref(),
            Some("0912345678")
        );
        assert_eq!(
            phone("p", Some("12ab")).unwrap_err().code,
            ErrorCode::InvalidPhone
        );
        assert_eq!(phone("p", None).unwrap(), None);
        assert_eq!(
            email("e", Some(" An@CDLC.edu.vn ")).unwrap().as_deref(),
            Some("an@cdlc.edu.vn")
        );
        for bad in ["a@b", "@b.vn", "a b@c.vn", "a@.vn", "a@b.vn."] {
            assert!(email("e", Some(bad)).is_err(), "{bad}");
        }
    }
}
