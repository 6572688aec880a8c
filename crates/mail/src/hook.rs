//! Outgoing webhook calls: a JSON body POSTed to one URL, with its
//! HMAC-SHA256 under a shared secret in `X-Antt-Signature: sha256=<hex>`,
//! so the receiver (a Zalo or SMS gateway) knows it came from antt and was
//! not altered. Blocking: the caller runs it on a blocking thread.

use std::time::Duration;

use hmac::{Hmac, Mac};
use sha2::Sha256;

/// The header carrying the signature.
pub const SIGNATURE_HEADER: &str = "X-Antt-Signature";

/// Why a call did not go through.
#[derive(Debug, thiserror::Error)]
pub enum HookError {
    #[error("webhook URL must start with http:// or https://")]
    Url,
    #[error("the receiver answered {0}")]
    Status(u16),
    #[error("calling the webhook: {0}")]
    Call(String),
}

/// A receiver of webhook calls.
#[derive(Clone)]
pub struct Webhook {
    url: String,
    secret: String,
}

impl std::fmt::Debug for Webhook {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Never the secret.
        f.debug_struct("Webhook")
            .field("url", &self.url)
            .finish_non_exhaustive()
    }
}

/// The signature of `body` under `secret`: "sha256=" and 64 hex digits.
pub fn signature(secret: &str, body: &[u8]) -> String {
    use std::fmt::Write as _;
    let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(secret.as_bytes())
        .unwrap_or_else(|_| unreachable!("HMAC takes keys of any length"));
    mac.update(body);
    mac.finalize()
        .into_bytes()
        .iter()
        .fold(String::from("sha256="), |mut s, b| {
            let _ = write!(s, "{b:02x}");
            s
        })
}

impl Webhook {
    pub fn new(url: &str, secret: &str) -> Result<Self, HookError> {
        let url = url.trim();
        if !(url.starts_with("http://") || url.starts_with("https://")) {
            return Err(HookError::Url);
        }
        Ok(Self {
            url: url.to_owned(),
            secret: secret.to_owned(),
        })
    }

    /// POSTs `body` (JSON), signed; any 2xx answer is success.
    pub fn post(&self, body: &str) -> Result<(), HookError> {
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .timeout_global(Some(Duration::from_secs(10)))
            .http_status_as_error(false)
            .build()
            .into();
        let response = agent
            .post(&self.url)
            .header("Content-Type", "application/json")
            .header(SIGNATURE_HEADER, &signature(&self.secret, body.as_bytes()))
            .send(body)
            .map_err(|e| HookError::Call(e.to_string()))?;
        let status = response.status().as_u16();
        if (200..300).contains(&status) {
            Ok(())
        } else {
            Err(HookError::Status(status))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::{BufRead, BufReader, Read, Write};

    #[test]
    fn the_signature_is_hmac_sha256_of_the_body() {
        // RFC 4231, test case 2.
        assert_eq!(
            signature("Jefe", b"what do ya want for nothing?"),
            "sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
        );
    }

    #[test]
    fn a_call_carries_the_body_and_its_signature() {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
        let port = listener.local_addr().expect("addr").port();
        let server = std::thread::spawn(move || {
            let (stream, _) = listener.accept().expect("accept");
            let mut reader = BufReader::new(stream.try_clone().expect("clone"));
            let mut headers = Vec::new();
            loop {
                let mut line = String::new();
                reader.read_line(&mut line).expect("line");
                if line.trim().is_empty() {
                    break;
                }
                headers.push(line.trim().to_owned());
            }
            let length: usize = headers
                .iter()
                .find_map(|h| {
                    h.to_ascii_lowercase()
                        .strip_prefix("content-length: ")
                        .map(|v| v.parse().expect("number"))
                })
                .expect("length");
            let mut body = vec![0; length];
            reader.read_exact(&mut body).expect("body");
            let mut stream = stream;
            stream
                .write_all(b"HTTP/1.1 204 No Content\r\nContent-Length: 0\r\n\r\n")
                .expect("answer");
            (headers, String::from_utf8(body).expect("utf-8"))
        });
        let hook = Webhook::new(&format!("http://127.0.0.1:{port}/hook"), "bí mật").expect("url");
        hook.post(r#"{"event":"tip.urgent"}"#).expect("sent");
        let (headers, body) = server.join().expect("server");
        assert_eq!(body, r#"{"event":"tip.urgent"}"#);
        let expected = format!("x-antt-signature: {}", signature("bí mật", body.as_bytes()));
        assert!(
            headers.iter().any(|h| h.to_ascii_lowercase() == expected),
            "{headers:?}"
        );
        assert!(Webhook::new("ftp://x", "s").is_err());
    }
}
