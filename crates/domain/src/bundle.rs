//! A unit's year sent from its own antt copy to the province: what the
//! bundle holds (the parts the province needs and no more), the manifest
//! that lists its files with their digests, and the checks a bundle's
//! contents pass before anything of it is written.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::assessment::{
    AssessmentStep, Decision, Dossier, Facts, Meeting, Override, Rating, Scores,
};
use crate::validation::{ErrorCode, ValidationErrors};

/// The format this version writes and reads.
pub const FORMAT: &str = "antt-bundle/1";
/// The manifest's name in the bundle.
pub const MANIFEST: &str = "manifest.json";
/// The year's contents.
pub const CONTENT: &str = "year.json";
/// The most files a bundle holds (the papers of a year are a handful).
pub const MAX_FILES: usize = 200;
/// The most bytes a bundle's files add up to, unpacked.
pub const MAX_UNPACKED: u64 = 64 * 1024 * 1024;

/// A file of the bundle and its SHA-256.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ManifestFile {
    pub path: String,
    pub sha256: String,
    pub size: u64,
}

/// The bundle's table of contents: who made it (the key that signs it),
/// of which unit and year, when, and every other file's digest.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Manifest {
    pub format: String,
    pub unit_code: String,
    pub year: i32,
    pub made_at: DateTime<Utc>,
    /// The signing key's public part, as the province registers it
    /// ([`is_public_key`]).
    pub key: String,
    pub files: Vec<ManifestFile>,
}

impl Manifest {
    /// Refuses a manifest this version does not read, or whose file list
    /// could write outside the bundle's own names.
    pub fn check(&self) -> Result<(), ValidationErrors> {
        let mut errors = ValidationErrors::new();
        if self.format != FORMAT {
            errors.add("bundle", ErrorCode::Invalid);
        }
        if !is_public_key(&self.key) {
            errors.add("key", ErrorCode::Invalid);
        }
        if self.files.len() > MAX_FILES
            || self.files.iter().map(|f| f.size).sum::<u64>() > MAX_UNPACKED
        {
            errors.add("bundle", ErrorCode::TooMany);
        }
        if self.files.iter().any(|f| !plain_path(&f.path)) {
            errors.add("bundle", ErrorCode::Invalid);
        }
        if !self.files.iter().any(|f| f.path == CONTENT) {
            errors.add("bundle", ErrorCode::Required);
        }
        errors.into_result()
    }

    /// The listed file at `path`.
    pub fn file(&self, path: &str) -> Option<&ManifestFile> {
        self.files.iter().find(|f| f.path == path)
    }
}

/// A name inside the bundle: letters, digits, `-_.` and one level of
/// folder, never `..`.
fn plain_path(path: &str) -> bool {
    !path.is_empty()
        && path.len() <= 160
        && !path.starts_with('/')
        && path.split('/').count() <= 2
        && path.split('/').all(|part| {
            !part.is_empty()
                && part != "."
                && part != ".."
                && part
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
        })
}

/// The prefix of a public key as written: the algorithm, then 64
/// hexadecimal digits.
pub const KEY_PREFIX: &str = "ed25519:";

/// Whether `text` is a public key as antt writes it.
pub fn is_public_key(text: &str) -> bool {
    text.strip_prefix(KEY_PREFIX).is_some_and(|hex| {
        hex.len() == 64
            && hex
                .bytes()
                .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
    })
}

/// A public key typed or pasted by the officer: spaces and case forgiven.
pub fn parse_public_key(text: &str) -> Result<String, ValidationErrors> {
    let compact: String = text
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .to_ascii_lowercase();
    if is_public_key(&compact) {
        Ok(compact)
    } else {
        Err(ValidationErrors::single("key", ErrorCode::Invalid))
    }
}

/// A key's short form to read aloud on the telephone: four groups of four.
pub fn fingerprint(key: &str) -> String {
    let hex = key.strip_prefix(KEY_PREFIX).unwrap_or(key);
    hex.as_bytes()
        .chunks(4)
        .take(4)
        .map(|c| String::from_utf8_lossy(c).into_owned())
        .collect::<Vec<_>>()
        .join(" ")
}

/// The unit as its own copy knows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BundledUnit {
    pub code: String,
    pub name: String,
    /// [`crate::unit::UnitKind`]'s code.
    pub kind: String,
}

/// The unit's self-assessment, as its copy holds it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BundledAssessment {
    /// [`crate::assessment::AssessmentState`]'s code.
    pub state: String,
    pub registered_on: NaiveDate,
    pub meeting: Meeting,
    pub dossier: Dossier,
    pub decision: Option<Decision>,
    pub returned_because: Option<String>,
    pub overrides: Vec<Override>,
    pub scores: Scores,
    pub reviewed_scores: Scores,
}

/// A model, team or cluster of the unit not dissolved, for the
/// province's count.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BundledModel {
    pub name: String,
    pub kind: crate::team::TeamKind,
    pub type_name: String,
    pub partners: Vec<String>,
    /// Members serving when the bundle was made.
    pub members: u32,
}

impl BundledModel {
    /// The group as the province counts it, under the unit it belongs to
    /// there.
    pub fn group(&self, unit_id: crate::ids::UnitId) -> crate::province::Group {
        crate::province::Group {
            unit_id,
            kind: self.kind,
            type_name: self.type_name.clone(),
            name: self.name.clone(),
            partners: self.partners.clone(),
            members: self.members,
        }
    }
}

/// A paper as it was signed or sent, and the bundle's file that holds it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BundledPaper {
    pub kind: String,
    pub key: String,
    pub file_name: String,
    pub issued_at: DateTime<Utc>,
    pub issued_by: String,
    pub path: String,
}

/// The yearly report as submitted.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BundledReport {
    pub submitted_at: DateTime<Utc>,
    pub submitted_by: String,
    pub path: String,
}

/// The year's activity in figures, for the province's report.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct BundledActivity {
    pub sessions: u64,
    pub attendances: u64,
    pub materials: u64,
    pub posts: u64,
    pub tips: u64,
    pub tips_transferred: u64,
    pub incidents: u64,
    /// Đồng.
    pub value_recovered: i64,
    pub reward_decisions: u64,
    pub nominations: u64,
}

/// Everything a bundle says of the unit's year.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct YearContent {
    pub unit: BundledUnit,
    pub year: i32,
    /// What the unit's records counted: the province judges the standard
    /// from these with its own rules, as for a hosted unit.
    pub facts: Facts,
    pub assessment: Option<BundledAssessment>,
    pub steps: Vec<AssessmentStep>,
    /// The year's ratings: the security force's under
    /// "security_force", a department's under its name.
    pub ratings: Vec<(String, Rating)>,
    /// Whether the security force had a support tool and a radio in
    /// service by the year's end.
    pub equipped: bool,
    pub models: Vec<BundledModel>,
    pub activity: BundledActivity,
    pub papers: Vec<BundledPaper>,
    pub report: Option<BundledReport>,
}

impl YearContent {
    /// Refuses contents that do not match the manifest they came under, or
    /// name a file the manifest does not list.
    pub fn check(&self, manifest: &Manifest) -> Result<(), ValidationErrors> {
        let mut errors = ValidationErrors::new();
        if self.unit.code != manifest.unit_code || self.year != manifest.year {
            errors.add("bundle", ErrorCode::Invalid);
        }
        let named = self
            .papers
            .iter()
            .map(|p| p.path.as_str())
            .chain(self.report.iter().map(|r| r.path.as_str()));
        for path in named {
            if manifest.file(path).is_none() {
                errors.add("bundle", ErrorCode::Invalid);
            }
        }
        errors.into_result()
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    fn manifest() -> Manifest {
        Manifest {
            format: FORMAT.into(),
            unit_code: "THPT1".into(),
            year: 2026,
            made_at: DateTime::default(),
            key: format!("{KEY_PREFIX}{}", "ab".repeat(32)),
            files: vec![ManifestFile {
                path: CONTENT.into(),
                sha256: "00".into(),
                size: 10,
            }],
        }
    }

    #[test]
    fn a_manifest_names_only_its_own_files() {
        assert!(manifest().check().is_ok());
        for bad in [
            "../etc/passwd",
            "/abs",
            "a/b/c",
            "",
            "giấy.docx",
            "papers/../x",
        ] {
            let mut m = manifest();
            m.files.push(ManifestFile {
                path: bad.into(),
                sha256: String::new(),
                size: 1,
            });
            assert!(m.check().is_err(), "{bad}");
        }
        let mut m = manifest();
        m.format = "antt-bundle/9".into();
        assert!(m.check().is_err());
        let mut m = manifest();
        m.files.clear();
        assert!(m.check().is_err(), "no year.json");
        let mut m = manifest();
        m.files[0].size = MAX_UNPACKED + 1;
        assert!(m.check().is_err(), "too large unpacked");
    }

    #[test]
    fn a_key_is_read_as_pasted_and_shown_short() {
        let key = format!("{KEY_PREFIX}{}", "0123456789abcdef".repeat(4));
        let pasted = format!(
            "  ED25519:{} \n {}",
            "0123456789ABCDEF".repeat(2),
            "0123456789abcdef".repeat(2)
        );
        assert_eq!(parse_public_key(&pasted).unwrap(), key);
        assert!(parse_public_key("ed25519:1234").is_err());
        assert!(parse_public_key(&key.replace("ed25519", "rsa")).is_err());
        assert_eq!(fingerprint(&key), "0123 4567 89ab cdef");
    }
}
