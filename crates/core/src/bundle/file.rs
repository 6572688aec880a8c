//! A bundle as bytes: the instance's Ed25519 signing key, the zip a year
//! is written into (the manifest, the year's contents, the papers), and
//! the reading that checks every byte against the signature before
//! anything of it is believed.
//!
//! The signature is the zip's own comment, the file's last bytes, and it
//! covers every byte before it: a byte changed anywhere in the file, be it
//! in a paper, in the zip's bookkeeping or in the signature itself, and
//! the bundle is refused.

use std::collections::BTreeMap;
use std::io::{Cursor, Read, Write as _};

use chrono::{DateTime, Utc};
use ring::signature::{ED25519, Ed25519KeyPair, KeyPair, UnparsedPublicKey};
use sha2::{Digest, Sha256};

use antt_domain::ErrorCode;
use antt_domain::bundle::{
    CONTENT, FORMAT, KEY_PREFIX, MANIFEST, MAX_FILES, MAX_UNPACKED, Manifest, ManifestFile,
    YearContent,
};

use crate::error::{CoreError, CoreResult};
use crate::sealed::hex;

/// The most bytes a bundle file may have (its papers are a few Word
/// files): as much as an import file, so one upload limit holds both.
pub const MAX_BUNDLE: usize = crate::import::MAX_FILE_BYTES;
/// How the zip's comment, the signature, begins.
const SIGNED: &[u8] = b"antt-ed25519-signature:";
/// The comment's length: the prefix and 64 bytes in hexadecimal.
const SIGNATURE_LEN: usize = SIGNED.len() + 128;

/// The instance's signing key.
pub(crate) struct SigningKey(Ed25519KeyPair);

impl SigningKey {
    /// A fresh key, as PKCS#8 written in hexadecimal (how it is kept).
    pub(crate) fn generate() -> CoreResult<String> {
        let doc = Ed25519KeyPair::generate_pkcs8(&ring::rand::SystemRandom::new())
            .map_err(|_| CoreError::internal("no random numbers for a signing key"))?;
        Ok(hex(doc.as_ref()))
    }

    /// The key kept as hexadecimal PKCS#8.
    pub(crate) fn from_hex(text: &str) -> CoreResult<Self> {
        let bytes =
            unhex(text.trim()).ok_or_else(|| CoreError::internal("signing key: not hex"))?;
        Ed25519KeyPair::from_pkcs8(&bytes)
            .map(Self)
            .map_err(|_| CoreError::internal("signing key: not an Ed25519 key"))
    }

    /// The public part as the province registers it.
    pub(crate) fn public(&self) -> String {
        format!("{KEY_PREFIX}{}", hex(self.0.public_key().as_ref()))
    }

    fn sign(&self, message: &[u8]) -> String {
        hex(self.0.sign(message).as_ref())
    }
}

/// Lowercase hexadecimal, as antt writes it, and nothing else: an
/// uppercase digit is a changed byte too.
fn unhex(text: &str) -> Option<Vec<u8>> {
    let digit = |b: u8| match b {
        b'0'..=b'9' => Some(b - b'0'),
        b'a'..=b'f' => Some(b - b'a' + 10),
        _ => None,
    };
    let bytes = text.as_bytes();
    if !bytes.len().is_multiple_of(2) {
        return None;
    }
    bytes
        .chunks(2)
        .map(|pair| Some(digit(pair[0])? << 4 | digit(pair[1])?))
        .collect()
}

fn sha256(bytes: &[u8]) -> String {
    hex(&Sha256::digest(bytes))
}

fn altered() -> CoreError {
    CoreError::invalid("bundle", ErrorCode::Altered)
}

/// Writes a year's bundle: `files` are the papers under the paths the
/// contents name.
pub(crate) fn write(
    key: &SigningKey,
    content: &YearContent,
    files: &[(String, Vec<u8>)],
    made_at: DateTime<Utc>,
) -> CoreResult<Vec<u8>> {
    let year = serde_json::to_vec_pretty(content).map_err(CoreError::internal)?;
    let mut listed = vec![ManifestFile {
        path: CONTENT.to_owned(),
        sha256: sha256(&year),
        size: year.len() as u64,
    }];
    listed.extend(files.iter().map(|(path, bytes)| ManifestFile {
        path: path.clone(),
        sha256: sha256(bytes),
        size: bytes.len() as u64,
    }));
    let manifest = Manifest {
        format: FORMAT.to_owned(),
        unit_code: content.unit.code.clone(),
        year: content.year,
        made_at,
        key: key.public(),
        files: listed,
    };
    manifest.check().map_err(CoreError::Invalid)?;
    let manifest = serde_json::to_vec_pretty(&manifest).map_err(CoreError::internal)?;

    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let parts = [(MANIFEST, manifest.as_slice()), (CONTENT, year.as_slice())]
        .into_iter()
        .chain(files.iter().map(|(p, b)| (p.as_str(), b.as_slice())));
    for (name, bytes) in parts {
        zip.start_file(name, options).map_err(CoreError::internal)?;
        zip.write_all(bytes).map_err(CoreError::internal)?;
    }
    // The signature covers every byte before it, the comment's length in
    // the zip's last record included: so the zip is finished with a
    // comment of exactly the signature's length, whose digits are then
    // written over with the signature of what precedes them.
    let mut unsigned = SIGNED.to_vec();
    unsigned.resize(SIGNATURE_LEN, b'0');
    zip.set_raw_comment(unsigned.into_boxed_slice())
        .map_err(CoreError::internal)?;
    let mut bytes = zip.finish().map_err(CoreError::internal)?.into_inner();
    let signed = bytes.len() - SIGNATURE_LEN;
    let signature = key.sign(&bytes[..signed]);
    bytes.truncate(signed);
    bytes.extend_from_slice(SIGNED);
    bytes.extend_from_slice(signature.as_bytes());
    Ok(bytes)
}

/// A bundle read and checked: signed by the key it names, every file the
/// one the manifest lists, nothing more.
#[derive(Debug)]
pub(crate) struct Opened {
    pub(crate) manifest: Manifest,
    pub(crate) content: YearContent,
    /// The papers by path.
    pub(crate) files: BTreeMap<String, Vec<u8>>,
    /// The bundle file's SHA-256.
    pub(crate) digest: String,
}

/// One entry of the zip, read to at most `max` bytes.
fn entry(zip: &mut zip::ZipArchive<Cursor<&[u8]>>, name: &str, max: u64) -> CoreResult<Vec<u8>> {
    let file = zip.by_name(name).map_err(|_| altered())?;
    let mut out = Vec::new();
    file.take(max + 1)
        .read_to_end(&mut out)
        .map_err(|_| altered())?;
    if out.len() as u64 > max {
        return Err(altered());
    }
    Ok(out)
}

/// Reads a bundle and checks it whole. Who may import it for which unit
/// is the caller's question.
pub(crate) fn open(bytes: &[u8]) -> CoreResult<Opened> {
    if bytes.len() > MAX_BUNDLE {
        return Err(CoreError::invalid("bundle", ErrorCode::FileTooLarge));
    }
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes))
        .map_err(|_| CoreError::invalid("bundle", ErrorCode::UnreadableFile))?;
    if zip.len() > MAX_FILES + 2 {
        return Err(CoreError::invalid("bundle", ErrorCode::TooMany));
    }
    // The key the manifest names, then every byte checked against it
    // before anything else is read.
    let manifest_bytes = entry(&mut zip, MANIFEST, 1024 * 1024)?;
    let manifest: Manifest = serde_json::from_slice(&manifest_bytes).map_err(|_| altered())?;
    let public = manifest
        .key
        .strip_prefix(KEY_PREFIX)
        .and_then(unhex)
        .ok_or_else(altered)?;
    let signed = bytes.len().checked_sub(SIGNATURE_LEN).ok_or_else(altered)?;
    let (body, comment) = bytes.split_at(signed);
    let signature = comment
        .strip_prefix(SIGNED)
        .and_then(|s| std::str::from_utf8(s).ok())
        .and_then(unhex)
        .ok_or_else(altered)?;
    UnparsedPublicKey::new(&ED25519, public)
        .verify(body, &signature)
        .map_err(|_| altered())?;
    manifest.check().map_err(CoreError::Invalid)?;

    // Every file is the one listed, and nothing is there unlisted.
    let names: Vec<String> = zip
        .file_names()
        .map(|n| n.map(std::borrow::Cow::into_owned))
        .collect::<Result<_, _>>()
        .map_err(|_| altered())?;
    if names
        .iter()
        .any(|n| n != MANIFEST && manifest.file(n).is_none())
    {
        return Err(altered());
    }
    let mut files = BTreeMap::new();
    let mut left = MAX_UNPACKED;
    for listed in &manifest.files {
        let bytes = entry(&mut zip, &listed.path, listed.size.min(left))?;
        if bytes.len() as u64 != listed.size || sha256(&bytes) != listed.sha256 {
            return Err(altered());
        }
        left -= listed.size;
        files.insert(listed.path.clone(), bytes);
    }
    let content: YearContent = files
        .remove(CONTENT)
        .and_then(|b| serde_json::from_slice(&b).ok())
        .ok_or_else(altered)?;
    content.check(&manifest).map_err(|_| altered())?;
    Ok(Opened {
        manifest,
        content,
        files,
        digest: sha256(bytes),
    })
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use antt_domain::assessment::Facts;
    use antt_domain::bundle::{BundledActivity, BundledUnit};

    use super::*;

    fn content() -> YearContent {
        YearContent {
            unit: BundledUnit {
                code: "THPT1".into(),
                name: "Trường THPT số 1".into(),
                kind: "school".into(),
            },
            year: 2026,
            facts: Facts::default(),
            assessment: None,
            steps: Vec::new(),
            ratings: Vec::new(),
            equipped: true,
            models: Vec::new(),
            activity: BundledActivity::default(),
            papers: Vec::new(),
            report: None,
        }
    }

    fn key() -> SigningKey {
        SigningKey::from_hex(&SigningKey::generate().unwrap()).unwrap()
    }

    #[test]
    fn a_bundle_opens_as_written_and_a_changed_byte_is_refused() {
        let k = key();
        let report = ("report.docx".to_owned(), b"the report as sent".to_vec());
        let bytes = write(&k, &content(), &[report], DateTime::default()).unwrap();
        let opened = open(&bytes).unwrap();
        assert_eq!(opened.content, content());
        assert_eq!(opened.manifest.key, k.public());
        assert_eq!(opened.files["report.docx"], b"the report as sent");

        // Any single byte changed anywhere, the zip's bookkeeping and the
        // signature included, and the bundle is refused.
        for at in 0..bytes.len() {
            for flip in [0x01, 0x20, 0x80] {
                let mut changed = bytes.clone();
                changed[at] ^= flip;
                assert!(open(&changed).is_err(), "byte {at} changed was let in");
            }
        }
    }

    #[test]
    fn a_bundle_signed_by_another_key_than_it_names_is_refused() {
        let (mine, theirs) = (key(), key());
        let bytes = write(&mine, &content(), &[], DateTime::default()).unwrap();
        // The same bytes signed again by someone else, still naming the
        // first key.
        let signed = bytes.len() - SIGNATURE_LEN;
        let mut forged = bytes[..signed].to_vec();
        forged.extend_from_slice(SIGNED);
        forged.extend_from_slice(theirs.sign(&bytes[..signed]).as_bytes());
        assert!(matches!(open(&forged), Err(CoreError::Invalid(_))));
        assert!(open(b"not a zip").is_err());
        assert!(open(&bytes[..bytes.len() - 1]).is_err(), "cut short");
    }
}
