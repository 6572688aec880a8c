//! The tip key on disk, never replaced quietly: found (or created, only
//! while nothing is sealed), checked against the fingerprint kept with the
//! data before anything else runs, written beside every backup, checked
//! again when a backup is restored, and rotated in one transaction.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};

use antt_core::Antt;
use antt_core::clock::{Clock, SystemClock};
use antt_core::db::KeyCheck;
use antt_core::sealed::{KEY_FILE, TipKey};

use crate::config::Config;

/// Where a rotation puts the new key until its transaction has committed.
const NEW_KEY_FILE: &str = "tip.key.new";

/// Where the key comes from.
enum Source {
    /// `ANTT_TIP_KEY`.
    Environment,
    /// The key file of the data folder.
    File(PathBuf),
}

fn source(config: &Config) -> Source {
    match std::env::var("ANTT_TIP_KEY") {
        Ok(hex) if !hex.trim().is_empty() => Source::Environment,
        _ => Source::File(config.data_dir.join(KEY_FILE)),
    }
}

/// The key of `antt` (opened without one): `ANTT_TIP_KEY`, or the key file
/// of the data folder; a new key file only while the data needs none.
/// Then the key is checked against the data (its fingerprint recorded the
/// first time): a server with the wrong key, or without its key, does not
/// start.
pub(crate) async fn attach(antt: Antt, config: &Config) -> Result<(Antt, TipKey)> {
    let key = match source(config) {
        Source::Environment => TipKey::from_hex(&std::env::var("ANTT_TIP_KEY").unwrap_or_default())
            .context("ANTT_TIP_KEY")?,
        Source::File(path) => {
            if let Some(key) = TipKey::load(&config.data_dir).context("tip.key")? {
                key
            } else {
                let record = antt.database().key_record().await.map_err(anyhow_core)?;
                if record.needs_its_key() {
                    bail!(
                        "Không thấy khóa tin báo {path}, mà cơ sở dữ liệu có tin báo đã niêm phong{fp}.\n\
                     antt không tự tạo khóa mới: các tin báo cũ sẽ không đọc được nữa và tin mới sẽ bị niêm phong bằng một khóa không ai giữ.\n\
                     Hãy chép tệp khóa của dữ liệu này vào {path} (bản sao lưu của `antt db backup` có tệp .key đi kèm), \
                     hoặc đặt ANTT_TIP_KEY; hoặc khôi phục cả cặp bằng `antt db restore TỆP`.\n\
                     (The tip key is missing while sealed data exists; antt will not make a new one.)",
                        path = path.display(),
                        fp = record
                            .fingerprint
                            .map(|f| format!(" (dấu khóa {})", short(&f)))
                            .unwrap_or_default(),
                    );
                }
                TipKey::load_or_create(&config.data_dir).context("tip.key")?
            }
        }
    };
    let antt = antt.with_tip_key(key.clone());
    match antt.database().check_key().await.map_err(anyhow_core)? {
        KeyCheck::Matches => Ok((antt, key)),
        KeyCheck::Different { recorded } => {
            // A rotation that committed but did not get to move its key
            // into place finishes here.
            if let Some(finished) = finish_rotation(config, recorded.as_deref())? {
                let antt = antt.with_tip_key(finished.clone());
                return Ok((antt, finished));
            }
            bail!(
                "Khóa tin báo không khớp với dữ liệu: tin báo đã được niêm phong bằng một khóa khác{recorded}, còn khóa đang dùng có dấu {current}.\n\
                 antt không chạy tiếp để không niêm phong tin mới bằng khóa sai.\n\
                 Hãy đặt đúng tệp khóa của dữ liệu này vào {path} (bản sao lưu của `antt db backup` có tệp .key đi kèm), \
                 hoặc đặt ANTT_TIP_KEY; hoặc khôi phục cả cặp bằng `antt db restore TỆP`.\n\
                 (The tip key does not match the data; antt will not start with it.)",
                recorded = recorded
                    .map(|f| format!(" (dấu {})", short(&f)))
                    .unwrap_or_default(),
                current = short(&key.fingerprint()),
                path = config.data_dir.join(KEY_FILE).display(),
            )
        }
    }
}

/// Moves a committed rotation's new key into place, when there is one and
/// it is the data's.
fn finish_rotation(config: &Config, recorded: Option<&str>) -> Result<Option<TipKey>> {
    let new_path = config.data_dir.join(NEW_KEY_FILE);
    let Ok(text) = std::fs::read_to_string(&new_path) else {
        return Ok(None);
    };
    let new = TipKey::from_hex(&text).context(NEW_KEY_FILE)?;
    if recorded != Some(new.fingerprint().as_str()) {
        return Ok(None);
    }
    std::fs::rename(&new_path, config.data_dir.join(KEY_FILE)).context("tip.key")?;
    tracing::warn!("an interrupted key rotation was finished: tip.key.new became tip.key");
    Ok(Some(new))
}

/// The key file written beside a backup: `FILE.key`.
pub(crate) fn beside(backup: &Path) -> PathBuf {
    let mut name = backup.as_os_str().to_owned();
    name.push(".key");
    PathBuf::from(name)
}

/// Writes `key` beside the backup `file` (never over a file).
pub(crate) fn write_beside(key: &TipKey, file: &Path) -> Result<PathBuf> {
    let path = beside(file);
    key.write_new(&path)
        .with_context(|| format!("ghi khóa vào {}", path.display()))?;
    Ok(path)
}

/// `antt tip-key rotate`: a new key (keeping the receipts' salt), every
/// sealed value sealed anew under it in one transaction, then the new key
/// file in place of the old. Returns how many values were sealed anew.
pub(crate) async fn rotate(antt: &Antt, key: &TipKey, config: &Config) -> Result<u64> {
    if matches!(source(config), Source::Environment) {
        bail!(
            "Khóa đang được đặt bằng ANTT_TIP_KEY: hãy ghi khóa vào {} và bỏ ANTT_TIP_KEY rồi chạy lại, để khóa mới được ghi ra tệp.",
            config.data_dir.join(KEY_FILE).display()
        );
    }
    let new_path = config.data_dir.join(NEW_KEY_FILE);
    // A new key left by a rotation that never committed is of no use.
    if new_path.exists() {
        std::fs::remove_file(&new_path).context(NEW_KEY_FILE)?;
    }
    let new = key.rotated();
    new.write_new(&new_path).context(NEW_KEY_FILE)?;
    let count = match antt.database().rotate_key(&new).await {
        Ok(count) => count,
        Err(e) => {
            let _ = std::fs::remove_file(&new_path);
            return Err(anyhow_core(e)).context("đổi khóa: không có gì thay đổi");
        }
    };
    std::fs::rename(&new_path, config.data_dir.join(KEY_FILE)).context("tip.key")?;
    Ok(count)
}

/// `antt db restore FILE`: checks the backup and its key together, on a
/// copy brought up to date, then puts the pair in place of the data
/// folder's (kept aside, never deleted).
pub(crate) async fn restore(
    config: &Config,
    file: &Path,
    key_file: Option<&Path>,
    open: impl AsyncFnOnce(&str) -> Result<Antt>,
) -> Result<Restored> {
    if config.database_url.is_some() {
        bail!(
            "`antt db restore` khôi phục cơ sở dữ liệu SQLite; với PostgreSQL hãy dùng pg_restore và đặt tệp khóa đi kèm vào thư mục dữ liệu."
        );
    }
    let key_path = key_file.map_or_else(|| beside(file), Path::to_path_buf);
    let key_text = std::fs::read_to_string(&key_path).with_context(|| {
        format!(
            "đọc khóa {} (bản sao lưu cần khóa của nó; dùng --key TỆP nếu khóa ở nơi khác)",
            key_path.display()
        )
    })?;
    let key = TipKey::from_hex(&key_text).with_context(|| key_path.display().to_string())?;
    let dir = &config.data_dir;
    std::fs::create_dir_all(dir).with_context(|| dir.display().to_string())?;
    let copy = dir.join("antt.sqlite3.restoring");
    remove_database(&copy)?;
    std::fs::copy(file, &copy).with_context(|| format!("đọc {}", file.display()))?;
    std::fs::File::open(&copy)
        .and_then(|f| f.sync_all())
        .context("antt.sqlite3.restoring")?;
    let checked = async {
        let url = format!("sqlite://{}?mode=rw", copy.display());
        let antt = open(&url).await?.with_tip_key(key.clone());
        let report = antt.database().verify().await.map_err(anyhow_core)?;
        if !report.is_ok() {
            bail!(
                "{} không toàn vẹn: {}",
                file.display(),
                report
                    .integrity_problems
                    .iter()
                    .chain(&report.audit_problems)
                    .chain(&report.pending_migrations)
                    .cloned()
                    .collect::<Vec<_>>()
                    .join("; ")
            );
        }
        if let KeyCheck::Different { .. } = antt.database().check_key().await.map_err(anyhow_core)? {
            bail!(
                "Khóa {} không phải khóa của bản sao lưu {}: không khôi phục (tin báo sẽ không đọc được).",
                key_path.display(),
                file.display()
            );
        }
        let entries = report.audit_entries;
        antt.database().close().await.map_err(anyhow_core)?;
        Ok(entries)
    }
    .await;
    let audit_entries = match checked {
        Ok(n) => n,
        Err(e) => {
            remove_database(&copy)?;
            return Err(e);
        }
    };
    // The pair goes in; what was there is kept aside.
    let stamp = SystemClock.now().format("%Y%m%d-%H%M%S").to_string();
    let target = dir.join("antt.sqlite3");
    let mut kept = Vec::new();
    for name in [
        "antt.sqlite3",
        "antt.sqlite3-wal",
        "antt.sqlite3-shm",
        KEY_FILE,
    ] {
        let path = dir.join(name);
        if path.exists() {
            let aside = dir.join(format!("{name}.before-restore-{stamp}"));
            std::fs::rename(&path, &aside).with_context(|| path.display().to_string())?;
            kept.push(aside);
        }
    }
    std::fs::rename(&copy, &target).context("antt.sqlite3")?;
    key.write_new(&dir.join(KEY_FILE)).context("tip.key")?;
    Ok(Restored {
        audit_entries,
        kept,
    })
}

/// What a restore did.
pub(crate) struct Restored {
    pub audit_entries: u64,
    /// The files that were in place before, kept under new names.
    pub kept: Vec<PathBuf>,
}

/// Removes a SQLite file and its journal, if there.
fn remove_database(path: &Path) -> Result<()> {
    for suffix in ["", "-wal", "-shm"] {
        let mut name = path.as_os_str().to_owned();
        name.push(suffix);
        match std::fs::remove_file(PathBuf::from(&name)) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(e).with_context(|| PathBuf::from(name).display().to_string()),
        }
    }
    Ok(())
}

fn short(fingerprint: &str) -> &str {
    fingerprint.get(..8).unwrap_or(fingerprint)
}

fn anyhow_core(e: antt_core::CoreError) -> anyhow::Error {
    crate::commands::explain(e)
}
