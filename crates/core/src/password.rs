//! Password hashing with argon2id.

use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};
use rand::rngs::OsRng;

use crate::error::{CoreError, CoreResult};

/// How expensive password hashes are.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Passwords {
    /// OWASP's argon2id baseline: 19 MiB, 2 passes, 1 lane.
    Standard,
    /// Cheap hashes for tests and benchmarks that create many accounts.
    Fast,
}

impl Passwords {
    fn hasher(self) -> CoreResult<Argon2<'static>> {
        let params = match self {
            Self::Standard => Params::new(19 * 1024, 2, 1, None),
            Self::Fast => Params::new(256, 1, 1, None),
        }
        .map_err(CoreError::internal)?;
        Ok(Argon2::new(Algorithm::Argon2id, Version::V0x13, params))
    }

    /// A PHC string (`$argon2id$…`) with a fresh salt.
    pub fn hash(self, password: &str) -> CoreResult<String> {
        let salt = SaltString::generate(&mut OsRng);
        Ok(self
            .hasher()?
            .hash_password(password.as_bytes(), &salt)
            .map_err(CoreError::internal)?
            .to_string())
    }

    /// Whether `password` matches `hash`. The parameters come from the hash,
    /// so hashes made under another policy still verify.
    pub fn verify(self, password: &str, hash: &str) -> bool {
        let Ok(parsed) = PasswordHash::new(hash) else {
            return false;
        };
        Argon2::default()
            .verify_password(password.as_bytes(), &parsed)
            .is_ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_verify_and_differ() {
        let a = Passwords::Fast.hash("antt-demo-2026").unwrap();
        let b = Passwords::Fast.hash("antt-demo-2026").unwrap();
        assert!(a.starts_with("$argon2id$"));
        assert_ne!(a, b, "salted");
        assert!(Passwords::Standard.verify("antt-demo-2026", &a));
        assert!(!Passwords::Fast.verify("antt-demo-2027", &a));
        assert!(!Passwords::Fast.verify("x", "not a hash"));
    }
}
