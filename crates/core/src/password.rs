//! Password hashing with argon2id, in a worker's work area
//! ([`crate::slow_hash`]) so no hash lays out memory of its own.

use argon2::password_hash::{Output, ParamsString, PasswordHash, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};
use rand::rngs::OsRng;

use crate::error::{CoreError, CoreResult};
use crate::slow_hash::WorkArea;

/// How expensive password hashes are.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Passwords {
    /// OWASP's argon2id baseline: 19 MiB, 2 passes, 1 lane.
    Standard,
    /// Cheap hashes for tests and benchmarks that create many accounts.
    Fast,
}

/// Length of a password hash's output.
const OUTPUT_LEN: usize = 32;

impl Passwords {
    fn params(self) -> CoreResult<Params> {
        match self {
            Self::Standard => Params::new(19 * 1024, 2, 1, Some(OUTPUT_LEN)),
            Self::Fast => Params::new(256, 1, 1, Some(OUTPUT_LEN)),
        }
        .map_err(CoreError::internal)
    }

    /// A PHC string (`$argon2id$…`) with a fresh salt.
    pub fn hash(self, password: &str, area: &mut WorkArea) -> CoreResult<String> {
        let params = self.params()?;
        let salt = SaltString::generate(&mut OsRng);
        let mut salt_bytes = [0u8; 64];
        let raw_salt = salt
            .as_salt()
            .decode_b64(&mut salt_bytes)
            .map_err(CoreError::internal)?;
        let out = argon2id(
            Algorithm::Argon2id,
            Version::V0x13,
            &params,
            password,
            raw_salt,
            area,
        )
        .ok_or_else(|| CoreError::internal("the password could not be hashed"))?;
        let phc = PasswordHash {
            algorithm: Algorithm::Argon2id.ident(),
            version: Some(Version::V0x13.into()),
            params: ParamsString::try_from(&params).map_err(CoreError::internal)?,
            salt: Some(salt.as_salt()),
            hash: Some(Output::new(&out).map_err(CoreError::internal)?),
        };
        Ok(phc.to_string())
    }

    /// Whether `password` matches `hash`. The parameters come from the hash,
    /// so hashes made under another policy still verify (up to the work
    /// area's bound); the comparison takes the same time however they differ.
    pub fn verify(password: &str, hash: &str, area: &mut WorkArea) -> bool {
        let Ok(parsed) = PasswordHash::new(hash) else {
            return false;
        };
        let (Some(salt), Some(expected)) = (parsed.salt, parsed.hash) else {
            return false;
        };
        let Ok(algorithm) = Algorithm::try_from(parsed.algorithm) else {
            return false;
        };
        let version = match parsed.version.map(Version::try_from) {
            None => Version::default(),
            Some(Ok(v)) => v,
            Some(Err(_)) => return false,
        };
        let Ok(params) = Params::try_from(&parsed) else {
            return false;
        };
        let mut salt_bytes = [0u8; 64];
        let Ok(raw_salt) = salt.decode_b64(&mut salt_bytes) else {
            return false;
        };
        let Some(out) = argon2id(algorithm, version, &params, password, raw_salt, area) else {
            return false;
        };
        Output::new(&out).is_ok_and(|computed| computed == expected)
    }

    /// A hash to check against when an account does not exist, with this
    /// policy's cost, so that the answer takes as long as a wrong password's.
    pub fn stand_in(self) -> &'static str {
        match self {
            Self::Standard => {
                "$argon2id$v=19$m=19456,t=2,p=1$YW50dHN0YW5kaW4$bm90IHRoZSBoYXNoIG9mIGFueSBwYXNzd29yZCEhISE"
            }
            Self::Fast => {
                "$argon2id$v=19$m=256,t=1,p=1$YW50dHN0YW5kaW4$bm90IHRoZSBoYXNoIG9mIGFueSBwYXNzd29yZCEhISE"
            }
        }
    }
}

/// The raw argon2 output of `password` under `salt`, computed in `area`;
/// `None` when the parameters are refused or pass the area's bound.
fn argon2id(
    algorithm: Algorithm,
    version: Version,
    params: &Params,
    password: &str,
    salt: &[u8],
    area: &mut WorkArea,
) -> Option<Vec<u8>> {
    let len = params.output_len().unwrap_or(OUTPUT_LEN);
    let mut out = vec![0u8; len];
    let blocks = area.blocks(params.block_count())?;
    Argon2::new(algorithm, version, params.clone())
        .hash_password_into_with_memory(password.as_bytes(), salt, &mut out, blocks)
        .ok()?;
    Some(out)
}

#[cfg(test)]
mod tests {
    use argon2::password_hash::{PasswordHasher, PasswordVerifier};

    use super::*;

    #[test]
    fn hashes_verify_and_differ() {
        let mut area = WorkArea::default();
        let a = Passwords::Fast.hash("antt-demo-2026", &mut area).unwrap();
        let b = Passwords::Fast.hash("antt-demo-2026", &mut area).unwrap();
        assert!(a.starts_with("$argon2id$v=19$m=256,t=1,p=1$"), "{a}");
        assert_ne!(a, b, "salted");
        assert!(Passwords::verify("antt-demo-2026", &a, &mut area));
        assert!(!Passwords::verify("antt-demo-2027", &a, &mut area));
        assert!(!Passwords::verify("x", "not a hash", &mut area));
    }

    #[test]
    fn hashes_agree_with_the_argon2_crate_both_ways() {
        let mut area = WorkArea::default();
        // Ours verifies with the crate's verifier, and the crate's with ours.
        let ours = Passwords::Standard.hash("mật khẩu", &mut area).unwrap();
        let parsed = PasswordHash::new(&ours).unwrap();
        assert!(
            Argon2::default()
                .verify_password("mật khẩu".as_bytes(), &parsed)
                .is_ok()
        );
        let salt = SaltString::generate(&mut OsRng);
        let theirs = Argon2::default()
            .hash_password(b"mat khau", &salt)
            .unwrap()
            .to_string();
        assert!(Passwords::verify("mat khau", &theirs, &mut area));
        assert!(!Passwords::verify("mat khau!", &theirs, &mut area));
    }

    #[test]
    fn the_stand_ins_cost_what_their_policy_costs_and_match_nothing() {
        let mut area = WorkArea::default();
        for policy in [Passwords::Standard, Passwords::Fast] {
            let stand_in = PasswordHash::new(policy.stand_in()).unwrap();
            let params = Params::try_from(&stand_in).unwrap();
            assert_eq!(params.m_cost(), policy.params().unwrap().m_cost());
            assert_eq!(params.t_cost(), policy.params().unwrap().t_cost());
            assert!(!Passwords::verify("", policy.stand_in(), &mut area));
        }
    }

    #[test]
    fn a_hash_asking_for_more_memory_than_a_worker_keeps_is_not_verified() {
        let mut area = WorkArea::default();
        let huge = "$argon2id$v=19$m=4194304,t=1,p=1$YW50dHN0YW5kaW4$bm90IHRoZSBoYXNoIG9mIGFueSBwYXNzd29yZCEhISE";
        assert!(!Passwords::verify("x", huge, &mut area));
        assert!(Passwords::verify(
            "y",
            &Passwords::Fast.hash("y", &mut area).unwrap(),
            &mut area
        ));
    }
}
