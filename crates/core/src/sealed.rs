//! Tips at rest: their text, the reporter's contact and their photos are
//! sealed with XChaCha20-Poly1305 under a key that is not in the database
//! (a file in the data folder, created on first start, or `ANTT_TIP_KEY`).
//! Each sealed value is bound to the record it belongs to, so a value
//! copied onto another tip does not open. A stolen database alone reads as
//! noise.
//!
//! The receipt code, an anonymous reporter's only credential, is kept as an
//! argon2id hash under an instance-wide salt: slow to guess, yet the same
//! code always gives the same hash, so the tip is found by it.

use std::path::Path;
use std::sync::LazyLock;

use argon2::{Algorithm, Argon2, Params, Version};
use chacha20poly1305::aead::{Aead, AeadCore, KeyInit, OsRng, Payload};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};

use crate::slow_hash::WorkArea;

/// The name of the key file in the data folder.
pub const KEY_FILE: &str = "tip.key";
const NONCE: usize = 24;

/// Why a key or a sealed value could not be used.
#[derive(Debug, thiserror::Error)]
pub enum SealError {
    #[error("the tip key must be 64 hexadecimal digits")]
    BadKey,
    #[error("key file {0}: {1}")]
    KeyFile(String, String),
    #[error("a sealed value does not open with this key (wrong key, or altered)")]
    Tampered,
    #[error("the value is too large to seal")]
    TooLarge,
    #[error("the receipt could not be hashed: {0}")]
    Hash(String),
}

/// Memory of one receipt hash, in KiB (OWASP's argon2id baseline).
pub const RECEIPT_HASH_KIB: u32 = 19 * 1024;

/// The receipt hash's parameters, built once: argon2id, 19 MiB, 2 passes,
/// 1 lane, 32 bytes out.
static RECEIPT_PARAMS: LazyLock<Result<Params, argon2::Error>> =
    LazyLock::new(|| Params::new(RECEIPT_HASH_KIB, 2, 1, Some(32)));

/// The key tips are sealed with, and the salt of receipt hashes: derived
/// from the key it was first made with, and kept through rotations (a
/// receipt is never known again, so its hash cannot be made anew).
#[derive(Clone)]
pub struct TipKey {
    key: [u8; 32],
    receipt_salt: [u8; 32],
}

impl std::fmt::Debug for TipKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("TipKey(…)")
    }
}

fn derive(key: &[u8; 32], purpose: &[u8]) -> [u8; 32] {
    use sha2::{Digest, Sha256};
    Sha256::new()
        .chain_update(purpose)
        .chain_update(key)
        .finalize()
        .into()
}

/// 64 hexadecimal digits as 32 bytes.
fn hex32(text: &str) -> Result<[u8; 32], SealError> {
    if text.len() != 64 || !text.is_ascii() {
        return Err(SealError::BadKey);
    }
    let mut out = [0u8; 32];
    for (i, byte) in out.iter_mut().enumerate() {
        *byte = u8::from_str_radix(text.get(2 * i..2 * i + 2).ok_or(SealError::BadKey)?, 16)
            .map_err(|_| SealError::BadKey)?;
    }
    Ok(out)
}

pub(crate) fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write as _;
    bytes
        .iter()
        .fold(String::with_capacity(bytes.len() * 2), |mut s, b| {
            let _ = write!(s, "{b:02x}");
            s
        })
}

impl TipKey {
    /// A fresh random key.
    pub fn generate() -> Self {
        Self::with_key(XChaCha20Poly1305::generate_key(&mut OsRng).into())
    }

    fn with_key(key: [u8; 32]) -> Self {
        let receipt_salt = derive(&key, b"antt receipt salt");
        Self { key, receipt_salt }
    }

    /// A fresh key that keeps this one's receipt salt: what a rotation
    /// moves to.
    #[must_use]
    pub fn rotated(&self) -> Self {
        Self {
            receipt_salt: self.receipt_salt,
            ..Self::generate()
        }
    }

    /// A key written as 64 hexadecimal digits (`ANTT_TIP_KEY`, the key
    /// file), followed, after a rotation, by `receipt-salt` and the 64
    /// digits of the salt the receipts were hashed under.
    pub fn from_hex(text: &str) -> Result<Self, SealError> {
        let mut words = text.split_whitespace();
        let key = Self::with_key(hex32(words.next().ok_or(SealError::BadKey)?)?);
        match (words.next(), words.next(), words.next()) {
            (None, _, _) => Ok(key),
            (Some("receipt-salt"), Some(salt), None) => Ok(Self {
                receipt_salt: hex32(salt)?,
                ..key
            }),
            _ => Err(SealError::BadKey),
        }
    }

    /// The key as its file holds it (see [`TipKey::from_hex`]).
    pub fn to_text(&self) -> String {
        let key = hex(&self.key);
        if self.receipt_salt == derive(&self.key, b"antt receipt salt") {
            format!("{key}\n")
        } else {
            format!("{key}\nreceipt-salt {}\n", hex(&self.receipt_salt))
        }
    }

    /// The key in the data folder, if there is one.
    pub fn load(dir: &Path) -> Result<Option<Self>, SealError> {
        let path = dir.join(KEY_FILE);
        match std::fs::read_to_string(&path) {
            Ok(text) => Self::from_hex(&text).map(Some),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(SealError::KeyFile(
                path.display().to_string(),
                e.to_string(),
            )),
        }
    }

    /// Writes the key to a new file at `path`, readable by its owner only,
    /// on the disk before this returns; never over an existing file.
    pub fn write_new(&self, path: &Path) -> Result<(), SealError> {
        let fail =
            |e: std::io::Error| SealError::KeyFile(path.display().to_string(), e.to_string());
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(fail)?;
        }
        let mut options = std::fs::OpenOptions::new();
        options.write(true).create_new(true);
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
        let mut file = options.open(path).map_err(fail)?;
        std::io::Write::write_all(&mut file, self.to_text().as_bytes()).map_err(fail)?;
        file.sync_all().map_err(fail)
    }

    /// The key in the data folder, created (readable by the owner only) the
    /// first time.
    pub fn load_or_create(dir: &Path) -> Result<Self, SealError> {
        if let Some(key) = Self::load(dir)? {
            return Ok(key);
        }
        let key = Self::generate();
        key.write_new(&dir.join(KEY_FILE))?;
        Ok(key)
    }

    /// What tells this key from another without revealing it: kept with
    /// the data, so a server started with another key refuses to start.
    pub fn fingerprint(&self) -> String {
        hex(&self.derive(b"antt key fingerprint")[..16])
    }

    /// Seals `plain` for the record named by `context` (its id): a random
    /// nonce, then the ciphertext with its tag. (The cipher refuses only
    /// inputs beyond 256 GiB; a refusal is still an error, never a value
    /// that would not open.)
    pub fn seal(&self, plain: &[u8], context: &[u8]) -> Result<Vec<u8>, SealError> {
        let cipher = XChaCha20Poly1305::new(&self.key.into());
        let nonce = XChaCha20Poly1305::generate_nonce(&mut OsRng);
        let sealed = cipher
            .encrypt(
                &nonce,
                Payload {
                    msg: plain,
                    aad: context,
                },
            )
            .map_err(|_| SealError::TooLarge)?;
        let mut out = nonce.to_vec();
        out.extend(sealed);
        Ok(out)
    }

    /// Opens a value sealed for `context`.
    pub fn open(&self, sealed: &[u8], context: &[u8]) -> Result<Vec<u8>, SealError> {
        if sealed.len() < NONCE {
            return Err(SealError::Tampered);
        }
        let (nonce, body) = sealed.split_at(NONCE);
        XChaCha20Poly1305::new(&self.key.into())
            .decrypt(
                XNonce::from_slice(nonce),
                Payload {
                    msg: body,
                    aad: context,
                },
            )
            .map_err(|_| SealError::Tampered)
    }

    /// The stored form of a receipt code (its 16 digits): argon2id, 19 MiB,
    /// 2 passes, under a salt derived from the key. A failure is an error,
    /// never a hash that every receipt would share.
    /// It runs in a slow-hash worker's `area`.
    pub fn receipt_hash(&self, digits: &str, area: &mut WorkArea) -> Result<String, SealError> {
        let params = RECEIPT_PARAMS
            .as_ref()
            .map_err(|e| SealError::Hash(e.to_string()))?;
        argon_hex(params, digits.as_bytes(), &self.seal_salt(), area)
    }

    fn seal_salt(&self) -> Vec<u8> {
        self.receipt_salt.to_vec()
    }

    /// A secret of its own for `purpose`, derived from the key (which it
    /// does not reveal).
    pub fn derive(&self, purpose: &[u8]) -> [u8; 32] {
        derive(&self.key, purpose)
    }
}

/// argon2id of `secret` under `salt` as hex; a refusal of the hash (a salt
/// too short, parameters out of range) is an error.
fn argon_hex(
    params: &Params,
    secret: &[u8],
    salt: &[u8],
    area: &mut WorkArea,
) -> Result<String, SealError> {
    let argon = Argon2::new(Algorithm::Argon2id, Version::V0x13, params.clone());
    let mut out = [0u8; 32];
    let blocks = area
        .blocks(params.block_count())
        .ok_or_else(|| SealError::Hash("more memory than a worker keeps".into()))?;
    argon
        .hash_password_into_with_memory(secret, salt, &mut out, blocks)
        .map_err(|e| SealError::Hash(e.to_string()))?;
    Ok(hex(&out))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sealed_value_opens_only_with_its_key_and_its_record() {
        let key = TipKey::generate();
        let text = "Có người bán ma túy sau ký túc xá khu B".as_bytes();
        let sealed = key.seal(text, b"tip-1").unwrap();
        assert!(
            !sealed.windows(8).any(|w| w == &text[..8]),
            "no plain text in the sealed bytes"
        );
        assert_eq!(key.open(&sealed, b"tip-1").expect("opens"), text);
        assert!(matches!(
            key.open(&sealed, b"tip-2"),
            Err(SealError::Tampered)
        ));
        assert!(matches!(
            TipKey::generate().open(&sealed, b"tip-1"),
            Err(SealError::Tampered)
        ));
        let mut altered = sealed.clone();
        if let Some(last) = altered.last_mut() {
            *last ^= 1;
        }
        assert!(key.open(&altered, b"tip-1").is_err());
        assert_ne!(
            key.seal(text, b"tip-1").unwrap(),
            sealed,
            "a fresh nonce each time"
        );
    }

    #[test]
    fn the_key_file_is_created_once_and_read_back() {
        let dir = tempfile::tempdir().expect("dir");
        let first = TipKey::load_or_create(dir.path()).expect("created");
        let again = TipKey::load_or_create(dir.path()).expect("read");
        let sealed = first.seal(b"x", b"c").unwrap();
        assert_eq!(again.open(&sealed, b"c").expect("same key"), b"x");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(dir.path().join(KEY_FILE))
                .expect("file")
                .permissions()
                .mode();
            assert_eq!(mode & 0o777, 0o600);
        }
        assert!(matches!(TipKey::from_hex("abc"), Err(SealError::BadKey)));
        let text = std::fs::read_to_string(dir.path().join(KEY_FILE)).expect("text");
        assert!(TipKey::from_hex(&text).is_ok());
    }

    #[test]
    fn a_rotated_key_seals_apart_but_hashes_receipts_the_same() {
        let mut area = WorkArea::default();
        let old = TipKey::generate();
        let new = old.rotated();
        let sealed = old.seal(b"x", b"c").unwrap();
        assert!(new.open(&sealed, b"c").is_err(), "a new key");
        assert_ne!(old.fingerprint(), new.fingerprint());
        assert_eq!(
            old.receipt_hash("1234567890123456", &mut area).unwrap(),
            new.receipt_hash("1234567890123456", &mut area).unwrap(),
            "a receipt is never known again, so its hash must not change"
        );
        // The file of a first key is its 64 digits; a rotated key's adds
        // the salt, and both read back to the same key.
        assert_eq!(old.to_text().lines().count(), 1);
        assert!(new.to_text().contains("receipt-salt "));
        for key in [&old, &new] {
            let back = TipKey::from_hex(&key.to_text()).unwrap();
            assert_eq!(back.fingerprint(), key.fingerprint());
            assert_eq!(back.receipt_salt, key.receipt_salt);
        }
        assert!(TipKey::from_hex(&format!("{} receipt-salt", "ab".repeat(32))).is_err());
        assert!(
            TipKey::from_hex(&format!("{} pepper {}", "ab".repeat(32), "cd".repeat(32))).is_err()
        );
        // The fingerprint says nothing of the key.
        assert!(!old.to_text().contains(&old.fingerprint()));
    }

    #[test]
    fn a_hash_that_fails_is_an_error_not_a_shared_value() {
        let params = Params::new(256, 1, 1, Some(32)).unwrap();
        let mut area = WorkArea::default();
        assert!(argon_hex(&params, b"1234567890123456", &[0u8; 16], &mut area).is_ok());
        // A salt argon2 refuses: before, the failure was ignored and every
        // receipt got the hash of an all-zero output.
        assert!(matches!(
            argon_hex(&params, b"1234567890123456", b"short", &mut area),
            Err(SealError::Hash(_))
        ));
        assert!(matches!(
            argon_hex(&params, b"6543210987654321", b"", &mut area),
            Err(SealError::Hash(_))
        ));
    }

    #[test]
    fn a_receipt_hashes_the_same_under_one_key_only() {
        let key = TipKey::generate();
        let mut area = WorkArea::default();
        let a = key.receipt_hash("1234567890123456", &mut area).unwrap();
        assert_eq!(a, key.receipt_hash("1234567890123456", &mut area).unwrap());
        assert_ne!(a, key.receipt_hash("1234567890123457", &mut area).unwrap());
        assert_ne!(
            a,
            TipKey::generate()
                .receipt_hash("1234567890123456", &mut area)
                .unwrap()
        );
        assert_eq!(a.len(), 64);
    }
}
