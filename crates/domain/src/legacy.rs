//! Vietnamese typed in the old 8-bit fonts, turned back into Unicode.
//!
//! Before Unicode, offices typed Vietnamese with fonts that drew accented
//! letters in place of Latin-1 ones: `.VnTime` (TCVN3, also called ABC) and
//! `VNI-Times` (VNI). The sheets still hold those Latin-1 letters, so once
//! the font is gone "Nguyễn Văn An" reads "NguyÔn V¨n An" (TCVN3) or
//! "Nguyeãn Vaên An" (VNI). TCVN3 has no accented capitals: capitals were
//! typed with the lower-case codes in a capitals font (`.VnTimeH`), so such
//! text comes back in lower case and names are capitalised afterwards.

use std::borrow::Cow;

use unicode_normalization::UnicodeNormalization;

/// An 8-bit Vietnamese font encoding.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Legacy {
    /// TCVN 5712:1993 VN3, the `.Vn…` fonts ("ABC").
    Tcvn3,
    /// The `VNI-…` fonts: a base letter followed by a mark character.
    Vni,
}

/// TCVN3 codes 0xA1..=0xFE; `\0` where the code is not a Vietnamese letter.
const TCVN3: [char; 94] = [
    'Ă', 'Â', 'Ê', 'Ô', 'Ơ', 'Ư', 'Đ', 'ă', 'â', 'ê', 'ô', 'ơ', 'ư', 'đ', // A1..AE
    '\0', '\0', '\0', '\0', '\0', '\0', // AF..B4
    'à', 'ả', 'ã', 'á', 'ạ', '\0', // B5..BA
    'ằ', 'ẳ', 'ẵ', 'ắ', '\0', '\0', '\0', '\0', '\0', '\0', '\0', // BB..C5
    'ặ', 'ầ', 'ẩ', 'ẫ', 'ấ', 'ậ', 'è', '\0', 'ẻ', 'ẽ', // C6..CF
    'é', 'ẹ', 'ề', 'ể', 'ễ', 'ế', 'ệ', 'ì', 'ỉ', '\0', '\0', '\0', 'ĩ', 'í', 'ị',
    'ò', // D0..DF
    '\0', 'ỏ', 'õ', 'ó', 'ọ', 'ồ', 'ổ', 'ỗ', 'ố', 'ộ', 'ờ', 'ở', 'ỡ', 'ớ', 'ợ', 'ù', // E0..EF
    '\0', 'ủ', 'ũ', 'ú', 'ụ', 'ừ', 'ử', 'ữ', 'ứ', 'ự', 'ỳ', 'ỷ', 'ỹ', 'ý', 'ỵ', // F0..FE
];

fn tcvn3_char(c: char) -> Option<char> {
    let code = u32::from(c);
    let index = code.checked_sub(0xA1)?;
    TCVN3
        .get(usize::try_from(index).ok()?)
        .copied()
        .filter(|&u| u != '\0')
}

/// Characters only TCVN3 produces: the Latin-1 signs it uses for â, ă, ê, ô,
/// ơ, ư, đ and the tones on a. Unicode Vietnamese and VNI never hold them.
fn tcvn3_only(c: char) -> bool {
    matches!(u32::from(c), 0xA1..=0xAE | 0xB5..=0xB9 | 0xBB..=0xBE)
}

/// Text typed with a TCVN3 font, in Unicode.
pub fn tcvn3_to_unicode(text: &str) -> String {
    text.chars().map(|c| tcvn3_char(c).unwrap_or(c)).collect()
}

const ACUTE: char = '\u{301}';
const GRAVE: char = '\u{300}';
const HOOK: char = '\u{309}';
const TILDE: char = '\u{303}';
const DOT: char = '\u{323}';
const CIRCUMFLEX: char = '\u{302}';
const BREVE: char = '\u{306}';

/// A VNI tone mark (after any vowel): sắc, huyền, hỏi, ngã, nặng.
fn vni_tone(mark: char) -> Option<char> {
    Some(match mark.to_ascii_lowercase_latin1() {
        'ù' => ACUTE,
        'ø' => GRAVE,
        'û' => HOOK,
        'õ' => TILDE,
        'ï' => DOT,
        _ => return None,
    })
}

/// A VNI circumflex mark, alone or with a tone (after a, e, o).
fn vni_circumflex(mark: char) -> Option<&'static [char]> {
    Some(match mark.to_ascii_lowercase_latin1() {
        'â' => &[CIRCUMFLEX],
        'á' => &[CIRCUMFLEX, ACUTE],
        'à' => &[CIRCUMFLEX, GRAVE],
        'å' => &[CIRCUMFLEX, HOOK],
        'ã' => &[CIRCUMFLEX, TILDE],
        'ä' => &[CIRCUMFLEX, DOT],
        _ => return None,
    })
}

/// A VNI breve mark, alone or with a tone (after a only).
fn vni_breve(mark: char) -> Option<&'static [char]> {
    Some(match mark.to_ascii_lowercase_latin1() {
        'ê' => &[BREVE],
        'é' => &[BREVE, ACUTE],
        'è' => &[BREVE, GRAVE],
        'ú' => &[BREVE, HOOK],
        'ü' => &[BREVE, TILDE],
        'ë' => &[BREVE, DOT],
        _ => return None,
    })
}

/// VNI letters written as one character: ơ, ư, the toned i, ỵ and đ.
fn vni_single(c: char) -> Option<char> {
    Some(match c {
        'ô' => 'ơ',
        'Ô' => 'Ơ',
        'ö' => 'ư',
        'Ö' => 'Ư',
        'í' => 'í',
        'Í' => 'Í',
        'ì' => 'ì',
        'Ì' => 'Ì',
        'æ' => 'ỉ',
        'Æ' => 'Ỉ',
        'ó' => 'ĩ',
        'Ó' => 'Ĩ',
        'ò' => 'ị',
        'Ò' => 'Ị',
        'î' => 'ỵ',
        'Î' => 'Ỵ',
        'ñ' => 'đ',
        'Ñ' => 'Đ',
        _ => return None,
    })
}

trait Latin1Case {
    fn to_ascii_lowercase_latin1(self) -> char;
}

impl Latin1Case for char {
    /// Lower case within Latin-1 (À..Þ → à..þ), which is all VNI marks use.
    fn to_ascii_lowercase_latin1(self) -> char {
        match u32::from(self) {
            code @ (0xC0..=0xD6 | 0xD8..=0xDE) => char::from_u32(code + 0x20).unwrap_or(self),
            _ => self,
        }
    }
}

/// The marks that may follow `base` in VNI and what they add to it, or
/// `None` when `mark` is not one of them. Marks keep the case of their base.
fn vni_marks(base: char, mark: char) -> Option<&'static [char]> {
    const TONES: [[char; 1]; 5] = [[ACUTE], [GRAVE], [HOOK], [TILDE], [DOT]];
    if !high_latin1(mark) || base.is_lowercase() != mark.is_lowercase() {
        return None;
    }
    let tone = vni_tone(mark).and_then(|t| TONES.iter().find(|x| x[0] == t).map(|t| &t[..]));
    match base.to_lowercase().next()? {
        'a' => vni_circumflex(mark).or_else(|| vni_breve(mark)).or(tone),
        'e' | 'o' => vni_circumflex(mark).or(tone),
        'u' | 'y' | 'ơ' | 'ư' => tone,
        _ => None,
    }
}

/// Text typed with a VNI font, in Unicode.
pub fn vni_to_unicode(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        let base = vni_single(c).unwrap_or(c);
        out.push(base);
        if let Some(&next) = chars.peek()
            && let Some(marks) = vni_marks(base, next)
        {
            out.extend(marks.iter().copied());
            chars.next();
        }
    }
    out.nfc().collect()
}

/// Whether `c` shows the text is Unicode Vietnamese: a letter beyond
/// Latin-1 (ă, đ, ơ, ư, the tones of Latin Extended Additional) or a
/// combining mark.
fn unicode_only(c: char) -> bool {
    matches!(u32::from(c), 0x100..=0x1B0 | 0x300..=0x323 | 0x1EA0..=0x1EF9)
}

/// Whether `c` is a Latin-1 letter or sign above ASCII, where the legacy
/// fonts put their letters.
fn high_latin1(c: char) -> bool {
    matches!(u32::from(c), 0xA1..=0xFF)
}

/// Latin-1 letters that Unicode Vietnamese writes too ("Hoàng Công"): VNI
/// pairs made only of these may well be Unicode.
fn vietnamese_latin1(c: char) -> bool {
    "ÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝàáâãèéêìíòóôõùúý".contains(c)
}

/// What one text tells about its encoding.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
struct Evidence {
    /// Holds a character only Unicode Vietnamese writes.
    unicode: bool,
    /// Holds a character only TCVN3 writes.
    tcvn3: bool,
    /// Holds a VNI vowel-and-mark pair, or đ/ư written the VNI way, with a
    /// sign Unicode Vietnamese never writes, and nothing TCVN3-only.
    vni: bool,
    /// Every Latin-1 sign in it is a TCVN3 letter.
    tcvn3_decodable: bool,
    /// Every Latin-1 sign in it is part of a VNI letter.
    vni_decodable: bool,
    /// Holds any Latin-1 sign at all.
    high: bool,
}

fn evidence(text: &str) -> Evidence {
    let mut e = Evidence {
        tcvn3_decodable: true,
        vni_decodable: true,
        ..Evidence::default()
    };
    let mut previous: Option<char> = None;
    let mut consumed_by_pair = false;
    let mut foreign = false;
    for c in text.chars() {
        if unicode_only(c) {
            e.unicode = true;
        }
        if high_latin1(c) {
            e.high = true;
            foreign |= !vietnamese_latin1(c);
            if tcvn3_only(c) {
                e.tcvn3 = true;
            }
            if tcvn3_char(c).is_none() {
                e.tcvn3_decodable = false;
            }
            let pair = !consumed_by_pair
                && previous.is_some_and(|p| vni_marks(vni_single(p).unwrap_or(p), c).is_some());
            if pair {
                e.vni = true;
                consumed_by_pair = true;
            } else if vni_single(c).is_some() {
                if matches!(c, 'ñ' | 'Ñ' | 'ö' | 'Ö') {
                    e.vni = true;
                }
                consumed_by_pair = false;
            } else {
                e.vni_decodable = false;
                consumed_by_pair = false;
            }
        } else {
            consumed_by_pair = false;
        }
        previous = Some(c);
    }
    if e.tcvn3 || !foreign {
        e.vni = false;
    }
    e
}

/// How the texts of one sheet were typed, found from all of them together.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SheetEncoding {
    pub legacy: Legacy,
    /// Most texts with accents are in the legacy encoding, so a text that
    /// could be either is taken as legacy too.
    pub predominant: bool,
}

/// Looks at every text of a sheet and tells whether (and how) it was typed
/// with a legacy font. `None` when the sheet is Unicode (or plain ASCII).
pub fn detect<'a>(texts: impl IntoIterator<Item = &'a str>) -> Option<SheetEncoding> {
    let (mut unicode, mut tcvn3, mut vni) = (0usize, 0usize, 0usize);
    for text in texts {
        let e = evidence(text);
        if e.unicode {
            unicode += 1;
        } else if e.tcvn3 {
            tcvn3 += 1;
        } else if e.vni {
            vni += 1;
        }
    }
    let (legacy, count) = match (tcvn3, vni) {
        (0, 0) => return None,
        (t, v) if t >= v => (Legacy::Tcvn3, t),
        (_, v) => (Legacy::Vni, v),
    };
    Some(SheetEncoding {
        legacy,
        predominant: count > unicode,
    })
}

/// One text of a sheet in Unicode: converted when it is in the sheet's
/// legacy encoding, left alone when it is already Unicode.
pub fn decode(text: &str, sheet: Option<SheetEncoding>) -> Cow<'_, str> {
    let Some(sheet) = sheet else {
        return Cow::Borrowed(text);
    };
    let e = evidence(text);
    if e.unicode || !e.high {
        return Cow::Borrowed(text);
    }
    let (own_evidence, decodable) = match sheet.legacy {
        Legacy::Tcvn3 => (e.tcvn3, e.tcvn3_decodable),
        Legacy::Vni => (e.vni, e.vni_decodable),
    };
    if decodable && (own_evidence || sheet.predominant) {
        Cow::Owned(match sheet.legacy {
            Legacy::Tcvn3 => tcvn3_to_unicode(text),
            Legacy::Vni => vni_to_unicode(text),
        })
    } else {
        Cow::Borrowed(text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Unicode text as a TCVN3 font would store it (lower-case codes for
    /// accented capitals, as the capitals font does).
    fn to_tcvn3(text: &str) -> String {
        text.nfc()
            .map(|c| {
                let lower = c.to_lowercase().next().unwrap_or(c);
                TCVN3
                    .iter()
                    .position(|&t| t == c)
                    .or_else(|| TCVN3.iter().position(|&t| t == lower))
                    .and_then(|i| char::from_u32(0xA1 + u32::try_from(i).unwrap()))
                    .unwrap_or(c)
            })
            .collect()
    }

    #[test]
    fn tcvn3_names_come_back() {
        assert_eq!(tcvn3_to_unicode("NguyÔn V¨n An"), "Nguyễn Văn An");
        assert_eq!(tcvn3_to_unicode("Lª ThÞ Hµ"), "Lê Thị Hà");
        assert_eq!(tcvn3_to_unicode("§Æng Quèc ViÖt"), "Đặng Quốc Việt");
        assert_eq!(tcvn3_to_unicode("Hä vµ tªn"), "Họ và tên");
        assert_eq!(to_tcvn3("Nguyễn Văn An"), "NguyÔn V¨n An");
    }

    #[test]
    fn every_tcvn3_letter_round_trips() {
        let all: String = TCVN3.iter().filter(|&&c| c != '\0').collect();
        assert_eq!(all.chars().count(), 7 + 7 + 12 * 5);
        assert_eq!(tcvn3_to_unicode(&to_tcvn3(&all)), all);
    }

    #[test]
    fn vni_names_come_back() {
        assert_eq!(vni_to_unicode("Nguyeãn Vaên An"), "Nguyễn Văn An");
        assert_eq!(vni_to_unicode("Ñaëng Quoác Vieät"), "Đặng Quốc Việt");
        assert_eq!(vni_to_unicode("Tröông Thò Höông"), "Trương Thị Hương");
        assert_eq!(vni_to_unicode("Hoï vaø teân"), "Họ và tên");
        assert_eq!(vni_to_unicode("NGUYEÃN THÒ HÖÔØNG"), "NGUYỄN THỊ HƯỜNG");
        assert_eq!(vni_to_unicode("Lôùp CÑ Ñieän"), "Lớp CĐ Điện");
        assert_eq!(vni_to_unicode("Kyø thi"), "Kỳ thi");
    }

    #[test]
    fn a_tcvn3_sheet_is_found_and_converted() {
        let texts = [
            "Hä vµ tªn",
            "Ngµy sinh",
            "NguyÔn V¨n An",
            "Lª ThÞ Hµ",
            "SV001",
            "NguyÔn",
        ];
        let sheet = detect(texts);
        assert_eq!(
            sheet,
            Some(SheetEncoding {
                legacy: Legacy::Tcvn3,
                predominant: true
            })
        );
        // "NguyÔn" alone could be odd Unicode; the sheet says it is TCVN3.
        assert_eq!(decode("NguyÔn", sheet), "Nguyễn");
        assert_eq!(decode("SV001", sheet), "SV001");
    }

    #[test]
    fn a_vni_sheet_is_found_and_converted() {
        let texts = [
            "Hoï vaø teân",
            "Nguyeãn Vaên An",
            "Tröông Thò Höông",
            "15/08/2005",
        ];
        let sheet = detect(texts);
        assert_eq!(sheet.map(|s| s.legacy), Some(Legacy::Vni));
        assert_eq!(decode("Tröông Thò Höông", sheet), "Trương Thị Hương");
    }

    #[test]
    fn unicode_sheets_and_cells_are_left_alone() {
        let texts = ["Họ và tên", "Nguyễn Văn An", "Lê Tú", "Hà"];
        assert_eq!(detect(texts), None);
        // A mostly-Unicode sheet with one TCVN3 cell pasted in.
        let mixed = [
            "Họ và tên",
            "Nguyễn Văn An",
            "Trần Thị Bình",
            "Lª ThÞ Hµ",
            "Lê Tú",
        ];
        let sheet = detect(mixed);
        assert_eq!(
            sheet,
            Some(SheetEncoding {
                legacy: Legacy::Tcvn3,
                predominant: false
            })
        );
        assert_eq!(decode("Lª ThÞ Hµ", sheet), "Lê Thị Hà");
        assert_eq!(decode("Nguyễn Văn An", sheet), "Nguyễn Văn An");
        // Could be TCVN3 ("Lờ Tỳ") but nothing says so and the sheet is mostly Unicode.
        assert_eq!(decode("Lê Tú", sheet), "Lê Tú");
        // à is no TCVN3 letter at all.
        assert_eq!(decode("Hà", sheet), "Hà");
    }

    #[test]
    fn unicode_names_that_look_like_vni_stay_unicode() {
        // "oà" and "ô" are VNI for ồ and ơ, but also plain Unicode letters.
        let names = [
            "Hoàng Công An",
            "Đoàn Văn Tâm",
            "Lò Thị Mai",
            "Hoàng Công An",
        ];
        let sheet = detect(names);
        assert_eq!(sheet, None);
        // In a sheet typed in VNI, a text that could be either is VNI.
        let vni = detect(["Hoaøng Coâng An", "Ñoaøn Vaên Taâm", "Vaên An"]);
        assert_eq!(vni.map(|s| s.legacy), Some(Legacy::Vni));
        assert_eq!(decode("Vaên An", vni), "Văn An");
        assert_eq!(decode("Hoaøng Coâng An", vni), "Hoàng Công An");
    }

    #[test]
    fn windows_1258_combining_marks_count_as_unicode() {
        assert_eq!(detect(["Nguye\u{302}\u{303}n"]), None);
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig { cases: 500, ..proptest::prelude::ProptestConfig::default() })]

        /// Any text at all, in any of the legacy encodings or none: the
        /// converters never panic and never grow a text without bound.
        #[test]
        fn any_text_converts_without_panic(text in "\\PC{0,200}", latin in proptest::collection::vec(0u8..=255, 0..200)) {
            let latin: String = latin.iter().map(|&b| char::from(b)).collect();
            for t in [text.as_str(), latin.as_str()] {
                let a = tcvn3_to_unicode(t);
                let b = vni_to_unicode(t);
                proptest::prop_assert!(a.chars().count() <= t.chars().count() * 2 + 1);
                proptest::prop_assert!(b.chars().count() <= t.chars().count() * 2 + 1);
                let found = detect([t]);
                let _ = decode(t, found);
            }
        }
    }
}
