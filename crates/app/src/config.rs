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
    trusted_proxies: Option<Vec<String>>,
    metrics_token: Option<String>,
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
    /// Proxies whose forwarded client addresses are believed (none by default).
    pub trusted_proxies: antt_web::client::TrustedProxies,
    /// The bearer token that reads `/metrics` from elsewhere than the machine.
    pub metrics_token: Option<String>,
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
    /// Comma-separated, from `ANTT_TRUSTED_PROXIES`.
    pub trusted_proxies: Option<String>,
    pub metrics_token: Option<String>,
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
        let public_url = o
            .public_url
            .clone()
            .or(file.public_url)
            .filter(|u| !u.trim().is_empty());
        let proxies: Vec<String> = match &o.trusted_proxies {
            Some(list) => list
                .split(',')
                .map(str::trim)
                .filter(|p| !p.is_empty())
                .map(str::to_owned)
                .collect(),
            None => file.trusted_proxies.unwrap_or_default(),
        };
        let trusted_proxies = antt_web::client::TrustedProxies::parse(&proxies).map_err(|e| {
            anyhow::anyhow!(
                "trusted_proxies: `{e}` is not an address or a network (10.0.0.1, 10.0.0.0/8, ::1)"
            )
        })?;
        // Cookies are Secure whenever people open antt over https, unless
        // the configuration says otherwise on purpose.
        let secure_cookies = o.secure_cookies.or(file.secure_cookies).unwrap_or_else(|| {
            public_url
                .as_deref()
                .is_some_and(|u| u.starts_with("https://"))
        });
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
            secure_cookies,
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
            public_url,
            trusted_proxies,
            metrics_token: o
                .metrics_token
                .clone()
                .or(file.metrics_token)
                .filter(|t| !t.trim().is_empty()),
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

# Mark cookies Secure (sent over HTTPS only). Unset, they are Secure
# whenever public_url starts with https://. (ANTT_SECURE_COOKIES)
# secure_cookies = true

# The reverse proxies (nginx, Caddy) in front of antt, as addresses or
# networks: only from these are the client addresses in Forwarded and
# X-Forwarded-For believed, for the flood limits of the tip portal and the
# login delays. Empty: the address of the connection is the client's.
# (ANTT_TRUSTED_PROXIES, comma-separated)
trusted_proxies = []

# /metrics answers the machine itself (loopback); with this token set it
# also answers "Authorization: Bearer <token>" from elsewhere.
# (ANTT_METRICS_TOKEN)
metrics_token = ""

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

# The address people open antt at, for links in e-mail and in the QR codes
# of check-ins and posters, e.g. "https://antt.cdlc.edu.vn". Empty: no
# links in e-mail, and QR codes take the address the page was opened at.
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
    fn proxies_are_trusted_only_when_named_and_https_means_secure_cookies() {
        let c = Config::load(&Overrides::default()).unwrap();
        assert!(c.trusted_proxies.is_empty(), "none by default");
        assert!(!c.secure_cookies);
        assert!(c.metrics_token.is_none());
        let o = Overrides {
            trusted_proxies: Some("127.0.0.1, 10.0.0.0/8".into()),
            public_url: Some("https://antt.cdlc.edu.vn".into()),
            ..Overrides::default()
        };
        let c = Config::load(&o).unwrap();
        assert!(!c.trusted_proxies.is_empty());
        assert!(c.secure_cookies, "https public address: Secure cookies");
        let o = Overrides {
            public_url: Some("https://antt.cdlc.edu.vn".into()),
            secure_cookies: Some(false),
            ..Overrides::default()
        };
        assert!(!Config::load(&o).unwrap().secure_cookies, "unless said so");
        let o = Overrides {
            trusted_proxies: Some("proxy.lan".into()),
            ..Overrides::default()
        };
        let e = Config::load(&o).unwrap_err().to_string();
        assert!(e.contains("proxy.lan"), "{e}");
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
