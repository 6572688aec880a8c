//! Outgoing e-mail. The server is one URL, as lettre reads it:
//! `smtp://host:25` (plain, a school's own relay), `smtp://user:pass@host:587?tls=required`
//! (STARTTLS) or `smtps://user:pass@host:465` (TLS from the start).
//! Messages are plain text in UTF-8: Vietnamese reads the same in every
//! mail client. Webhook calls ([`hook`]) are JSON, signed with a shared
//! secret, for a Zalo or SMS gateway.

pub mod hook;

use lettre::message::{Mailbox, header::ContentType};
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};

/// Why a message could not be sent.
#[derive(Debug, thiserror::Error)]
pub enum MailError {
    #[error("SMTP URL: {0}")]
    Url(String),
    #[error("address `{0}`: {1}")]
    Address(String, String),
    #[error("building the message: {0}")]
    Message(String),
    #[error("sending: {0}")]
    Send(String),
}

/// A configured SMTP server and sender. Cheap to clone.
#[derive(Clone)]
pub struct Mailer {
    transport: AsyncSmtpTransport<Tokio1Executor>,
    from: Mailbox,
}

impl std::fmt::Debug for Mailer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // The URL may hold a password: only the sender is shown.
        f.debug_struct("Mailer")
            .field("from", &self.from.to_string())
            .finish_non_exhaustive()
    }
}

fn mailbox(name: Option<&str>, address: &str) -> Result<Mailbox, MailError> {
    let address = address
        .trim()
        .parse()
        .map_err(|e: lettre::address::AddressError| {
            MailError::Address(address.to_owned(), e.to_string())
        })?;
    Ok(Mailbox::new(name.map(str::to_owned), address))
}

impl Mailer {
    /// A mailer for the server at `url`, sending as `from` ("antt
    /// <antt@truong.edu.vn>" or a bare address).
    pub fn new(url: &str, from: &str) -> Result<Self, MailError> {
        let transport = AsyncSmtpTransport::<Tokio1Executor>::from_url(url)
            .map_err(|e| MailError::Url(e.to_string()))?
            .build();
        let from = from
            .parse()
            .or_else(|_| mailbox(Some("antt"), from))
            .map_err(|_| MailError::Address(from.to_owned(), "not an address".into()))?;
        Ok(Self { transport, from })
    }

    /// Sends one plain-text message.
    pub async fn send(
        &self,
        to_name: &str,
        to_address: &str,
        subject: &str,
        body: String,
    ) -> Result<(), MailError> {
        let message = Message::builder()
            .from(self.from.clone())
            .to(mailbox(Some(to_name), to_address)?)
            .subject(subject)
            .header(ContentType::TEXT_PLAIN)
            .body(body)
            .map_err(|e| MailError::Message(e.to_string()))?;
        self.transport
            .send(message)
            .await
            .map_err(|e| MailError::Send(e.to_string()))?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_message_reaches_a_local_smtp_server_in_utf8() {
        let sink = antt_testkit::SmtpSink::start().await;
        let mailer = Mailer::new(&sink.url(), "antt <antt@cdlc.edu.vn>").expect("mailer");
        mailer
            .send(
                "Trần Xuân Trường",
                "truong@cdlc.edu.vn",
                "Nhắc việc: 2 nhiệm vụ quá hạn",
                "Kính gửi thầy Trường,\nNhiệm vụ quá hạn từ 31/03/2026.".into(),
            )
            .await
            .expect("sent");
        let got = sink.messages();
        assert_eq!(got.len(), 1);
        assert_eq!(got[0].to, ["truong@cdlc.edu.vn"]);
        let text = got[0].decoded();
        assert!(text.contains("Nhiệm vụ quá hạn từ 31/03/2026."), "{text}");
        assert!(got[0].data.contains("Subject: =?utf-8?"), "{}", got[0].data);
    }

    #[test]
    fn bad_settings_are_refused() {
        assert!(matches!(
            Mailer::new("http://x", "a@b.vn"),
            Err(MailError::Url(_))
        ));
        assert!(matches!(
            Mailer::new("smtp://localhost:25", "not an address"),
            Err(MailError::Address(..))
        ));
    }
}
