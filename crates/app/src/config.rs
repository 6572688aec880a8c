//! Configuration: defaults, then an optional TOML file, then `ANTT_*`
//! environment variables, then command-line flags (clap reads the
//! environment and the flags; this module adds the file and the defaults).

use std::net::SocketAddr;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use serde::Deserialize;

/// The settings a file may hold. Every field is optional.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct FileConfig {
    data_dir: Option<PathBuf>,
    database_url: Option<String>,
    listen: Option<String>,
    secure_cookies: Option<bool>,
    log: Option<String>,
    password_cost: Option<String>,
    smtp_url: Option<String>,
    mail_from: Option<String>,
    public_url: Option<String>,
    webhook_url: Option<String>,
    webhook_secret: Option<String>,
}

/// Where e-mail goes out: an SMTP server and the sender.
#[derive(Debug, Clone)]
pub(crate) struct MailConfig {
    pub smtp_url: String,
    pub from: String,
}

/// The effective configuration.
#[derive(Debug, Clone)]
pub(crate) struct Config {
    pub data_dir: PathBuf,
    pub database_url: Option<String>,
    pub listen: SocketAddr,
    pub secure_cookies: bool,
    pub log: String,
    pub fast_passwords: bool,
    /// `None` when no SMTP server is set: reminders stay in the app.
    pub mail: Option<MailConfig>,
    /// The address people open antt at, for links in e-mail.
    pub public_url: Option<String>,
    /// A receiver of signed JSON calls about tips, and its shared secret.
    pub webhook: Option<(String, String)>,
}

/// What the command line and the environment set (clap fills it).
#[derive(Debug, Default, Clone)]
pub(crate) struct Overrides {
    pub config_file: Option<PathBuf>,
    pub data_dir: Option<PathBuf>,
    pub database_url: Option<String>,
    pub listen: Option<String>,
    pub secure_cookies: Option<bool>,
    pub log: Option<String>,
    pub password_cost: Option<String>,
    pub smtp_url: Option<String>,
    pub mail_from: Option<String>,
    pub public_url: Option<String>,
    pub webhook_url: Option<String>,
    pub webhook_secret: Option<String>,
}

pub(crate) const DEFAULT_LISTEN: &str = "127.0.0.1:8080";

impl Config {
    pub(crate) fn load(o: &Overrides) -> Result<Self> {
        let file = match &o.config_file {
            Some(path) => read_file(path)?,
            None => FileConfig::default(),
        };
        let listen = o
            .listen
            .clone()
            .or(file.listen)
            .unwrap_or_else(|| DEFAULT_LISTEN.to_owned());
        let cost = o
            .password_cost
            .clone()
            .or(file.password_cost)
            .unwrap_or_else(|| "standard".into());
        let fast_passwords = match cost.as_str() {
            "standard" => false,
            "fast" => true,
            other => anyhow::bail!(
                "password_cost `{other}`: use `standard` (or `fast`, for tests and benchmarks only)"
            ),
        };
        Ok(Self {
            data_dir: o
                .data_dir
                .clone()
                .or(file.data_dir)
                .unwrap_or_else(|| PathBuf::from("./data")),
            database_url: o
                .database_url
                .clone()
                .or(file.database_url)
                .filter(|u| !u.trim().is_empty()),
            listen: listen.parse().with_context(|| {
                format!("listen address `{listen}` is not IP:port, e.g. 127.0.0.1:8080")
            })?,
            secure_cookies: o.secure_cookies.or(file.secure_cookies).unwrap_or(false),
            log: o.log.clone().or(file.log).unwrap_or_else(|| "info".into()),
            fast_passwords,
            mail: o
                .smtp_url
                .clone()
                .or(file.smtp_url)
                .filter(|u| !u.trim().is_empty())
                .map(|smtp_url| MailConfig {
                    smtp_url,
                    from: o
                        .mail_from
                        .clone()
                        .or(file.mail_from)
                        .filter(|f| !f.trim().is_empty())
                        .unwrap_or_else(|| "antt <antt@localhost>".into()),
                }),
            public_url: o
                .public_url
                .clone()
                .or(file.public_url)
                .filter(|u| !u.trim().is_empty()),
            webhook: match (
                o.webhook_url
                    .clone()
                    .or(file.webhook_url)
                    .filter(|u| !u.trim().is_empty()),
                o.webhook_secret
                    .clone()
                    .or(file.webhook_secret)
                    .filter(|s| !s.trim().is_empty()),
            ) {
                (Some(url), Some(secret)) => Some((url, secret)),
                (Some(_), None) => anyhow::bail!(
                    "webhook_url needs webhook_secret: the receiver checks each call's signature with it"
                ),
                _ => None,
            },
        })
    }

    /// The database URL: the configured one, or the SQLite file in the data
    /// folder (created with the folder if missing).
    pub(crate) fn database_url(&self) -> Result<String> {
        if let Some(url) = &self.database_url {
            return Ok(url.clone());
        }
        std::fs::create_dir_all(&self.data_dir).with_context(|| {
            format!("cannot create the data folder {}", self.data_dir.display())
        })?;
        let dir = self
            .data_dir
            .canonicalize()
            .with_context(|| format!("data folder {}", self.data_dir.display()))?;
        Ok(format!(
            "sqlite://{}?mode=rwc",
            dir.join("antt.sqlite3").display()
        ))
    }
}

fn read_file(path: &Path) -> Result<FileConfig> {
    let text = std::fs::read_to_string(path)
        .with_context(|| format!("cannot read the configuration file {}", path.display()))?;
    toml::from_str(&text).with_context(|| format!("configuration file {}", path.display()))
}

/// The commented default configuration, as `antt config print-default` prints it.
pub(crate) const DEFAULT_FILE: &str = r#"# antt configuration. Every setting is optional; the values below are the
# defaults. Environment variables (ANTT_DATA_DIR, ANTT_DATABASE_URL,
# ANTT_LISTEN, ANTT_SECURE_COOKIES, ANTT_LOG, ANTT_SMTP_URL…) override this file, and
# command-line flags override both. Use it with `antt --config FILE`.

# Folder of the embedded SQLite database (antt.sqlite3) and other data,
# and of tip.key, the key tips are sealed with (created on first start;
# keep a copy apart from the database backups, or set ANTT_TIP_KEY to its
# 64 hexadecimal digits instead).
data_dir = "./data"

# A PostgreSQL database instead of the embedded SQLite, e.g.
# "postgres://antt:secret@127.0.0.1:5432/antt". Empty means SQLite.
database_url = ""

# Address and port the server listens on. Use 0.0.0.0:8080 to serve the
# whole school network.
listen = "127.0.0.1:8080"

# Mark cookies Secure. Turn on when antt is served over HTTPS.
secure_cookies = false

# What the server logs: error, warn, info, debug, or a filter such as
# "info,antt_web=debug".
log = "info"

# An SMTP server for e-mail reminders of overdue and due-soon tasks, sent
# each morning from 7:00 to people whose record has an e-mail address:
# "smtp://relay.truong.edu.vn:25", "smtp://user:pass@host:587?tls=required"
# (STARTTLS) or "smtps://user:pass@host:465". Empty: reminders stay on the
# home page. (ANTT_SMTP_URL, ANTT_MAIL_FROM, ANTT_PUBLIC_URL)
smtp_url = ""

# The sender of those messages.
mail_from = "antt <antt@localhost>"

# The address people open antt at, for links in e-mail, e.g.
# "https://antt.cdlc.edu.vn". Empty: no links.
public_url = ""

# A receiver of notifications about tips (new, urgent, answered, due):
# each call is a JSON POST without the tip's content, signed with
# HMAC-SHA256 of the body under webhook_secret in the header
# "X-Antt-Signature: sha256=<hex>", for a Zalo or SMS gateway. Empty: none.
# (ANTT_WEBHOOK_URL, ANTT_WEBHOOK_SECRET)
webhook_url = ""
webhook_secret = ""

# Password hashing cost: "standard" (argon2id, OWASP baseline). "fast" is
# for tests and benchmarks only.
password_cost = "standard"
"#;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_file_parses_to_the_defaults() {
        let file: FileConfig = toml::from_str(DEFAULT_FILE).unwrap();
        assert_eq!(file.listen.as_deref(), Some(DEFAULT_LISTEN));
        let c = Config::load(&Overrides::default()).unwrap();
        assert_eq!(c.listen.to_string(), DEFAULT_LISTEN);
        assert!(!c.fast_passwords);
        assert!(c.mail.is_none(), "no SMTP server unless one is set");
        let o = Overrides {
            smtp_url: Some("smtp://relay:25".into()),
            ..Overrides::default()
        };
        let mail = Config::load(&o).unwrap().mail.unwrap();
        assert_eq!(mail.from, "antt <antt@localhost>");
    }

    #[test]
    fn the_documented_example_is_the_default() {
        let doc = include_str!("../../../docs/config.example.toml");
        assert_eq!(
            doc, DEFAULT_FILE,
            "docs/config.example.toml is out of date: run `antt config print-default > docs/config.example.toml`"
        );
    }

    #[test]
    fn flags_win_and_bad_values_are_refused() {
        let o = Overrides {
            listen: Some("0.0.0.0:9000".into()),
            ..Overrides::default()
        };
        assert_eq!(Config::load(&o).unwrap().listen.port(), 9000);
        let o = Overrides {
            listen: Some("localhost".into()),
            ..Overrides::default()
        };
        assert!(Config::load(&o).is_err());
        assert!(
            toml::from_str::<FileConfig>("colour = 1").is_err(),
            "unknown keys are refused"
        );
    }
}
