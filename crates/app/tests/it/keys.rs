//! The tip key is never replaced quietly (issue 15, finding 4): a backup
//! restored without its key, or with another, does not start; the key is
//! written beside every backup; `db restore` checks the pair; rotation
//! seals everything anew in one transaction. And the data folder is
//! private (finding 9).

use std::path::Path;
use std::process::{Command, Output};

use super::{antt, text};

fn key_of(dir: &Path) -> String {
    std::fs::read_to_string(dir.join("tip.key")).unwrap()
}

/// `antt` with the tip key in the environment.
fn antt_with_key(data_dir: &Path, key: &str, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_antt"))
        .arg("--data-dir")
        .arg(data_dir)
        .args(args)
        .env("ANTT_PASSWORD_COST", "fast")
        .env("ANTT_TIP_KEY", key)
        .env_remove("ANTT_DATABASE_URL")
        .output()
        .unwrap()
}

#[test]
fn a_backup_restored_without_its_key_refuses_to_start_and_db_restore_puts_the_pair_back() {
    let school = tempfile::tempdir().unwrap();
    let s = school.path();
    let o = antt(s, &["demo"]);
    assert!(o.status.success(), "{}", text(&o));
    let backup = s.join("sao-luu.sqlite3");
    let o = antt(s, &["db", "backup", "-o", backup.to_str().unwrap()]);
    assert!(o.status.success(), "{}", text(&o));
    let key_file = s.join("sao-luu.sqlite3.key");
    assert!(
        text(&o).contains("sao-luu.sqlite3.key"),
        "it says where the key went"
    );
    assert_eq!(std::fs::read_to_string(&key_file).unwrap(), key_of(s));

    // Before: the database copied back by hand, without tip.key, started
    // healthy with a new key, and every earlier tip answered 500.
    let new_machine = tempfile::tempdir().unwrap();
    let n = new_machine.path();
    std::fs::copy(&backup, n.join("antt.sqlite3")).unwrap();
    let o = antt(n, &["unit", "list"]);
    assert!(!o.status.success(), "it must not start without its key");
    assert!(text(&o).contains("Không thấy khóa tin báo"), "{}", text(&o));
    assert!(text(&o).contains("antt db restore"), "{}", text(&o));
    assert!(!n.join("tip.key").exists(), "no new key was made");
    // Nor with another key.
    let other = "ab".repeat(32);
    let o = antt_with_key(n, &other, &["unit", "list"]);
    assert!(!o.status.success());
    assert!(text(&o).contains("không khớp"), "{}", text(&o));

    // db restore refuses a key that is not the backup's, and changes nothing.
    let wrong = n.join("sai.key");
    std::fs::write(&wrong, format!("{other}\n")).unwrap();
    let fresh = tempfile::tempdir().unwrap();
    let f = fresh.path();
    let o = antt(
        f,
        &[
            "db",
            "restore",
            backup.to_str().unwrap(),
            "--key",
            wrong.to_str().unwrap(),
        ],
    );
    assert!(!o.status.success());
    assert!(
        text(&o).contains("không phải khóa của bản sao lưu"),
        "{}",
        text(&o)
    );
    assert!(!f.join("antt.sqlite3").exists() && !f.join("tip.key").exists());
    // With its key, the pair goes in; what was there is kept aside.
    let o = antt(n, &["db", "restore", backup.to_str().unwrap()]);
    assert!(o.status.success(), "{}", text(&o));
    assert!(text(&o).contains("Tệp cũ được giữ lại"), "{}", text(&o));
    assert_eq!(key_of(n), key_of(s));
    let o = antt(n, &["unit", "list"]);
    assert!(o.status.success(), "{}", text(&o));
    let o = antt(n, &["db", "verify"]);
    assert!(o.status.success(), "{}", text(&o));
}

#[test]
fn rotating_the_key_seals_everything_anew_and_old_backups_keep_their_key() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let o = antt(d, &["demo"]);
    assert!(o.status.success(), "{}", text(&o));
    let before = key_of(d);
    let backup = d.join("truoc.sqlite3");
    let o = antt(d, &["db", "backup", "-o", backup.to_str().unwrap()]);
    assert!(o.status.success(), "{}", text(&o));
    let o = antt(d, &["tip-key", "rotate"]);
    assert!(o.status.success(), "{}", text(&o));
    assert!(text(&o).contains("niêm phong lại"), "{}", text(&o));
    let after = key_of(d);
    assert_ne!(before, after);
    assert!(after.contains("receipt-salt"), "the receipts' salt is kept");
    assert!(!d.join("tip.key.new").exists());
    // The server starts with the new key, not with the old one.
    let o = antt(d, &["unit", "list"]);
    assert!(o.status.success(), "{}", text(&o));
    let o = antt_with_key(d, before.trim(), &["unit", "list"]);
    assert!(!o.status.success(), "the old key no longer opens the data");
    // A second rotation opens every value sealed by the first.
    let o = antt(d, &["tip-key", "rotate"]);
    assert!(o.status.success(), "{}", text(&o));
    // The old backup comes back with the key beside it.
    let elsewhere = tempfile::tempdir().unwrap();
    let o = antt(
        elsewhere.path(),
        &["db", "restore", backup.to_str().unwrap()],
    );
    assert!(o.status.success(), "{}", text(&o));
    assert_eq!(key_of(elsewhere.path()), before);
}

#[cfg(unix)]
#[test]
fn the_data_folder_and_its_files_are_the_owners_alone() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path().join("data");
    std::fs::create_dir(&d).unwrap();
    std::fs::set_permissions(&d, std::fs::Permissions::from_mode(0o755)).unwrap();
    let o = antt(&d, &["demo"]);
    assert!(o.status.success(), "{}", text(&o));
    let backup = d.join("b.sqlite3");
    let o = antt(&d, &["db", "backup", "-o", backup.to_str().unwrap()]);
    assert!(o.status.success(), "{}", text(&o));
    let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(&d), 0o700, "the data folder");
    for entry in std::fs::read_dir(&d).unwrap() {
        let path = entry.unwrap().path();
        assert_eq!(mode(&path), 0o600, "{}", path.display());
    }
}
