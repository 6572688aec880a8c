//! The data folder and what antt writes in it are its user's alone: every
//! file the process creates is born readable by its owner only (umask
//! 077: the database, its journal, backups, keys), and a data folder or
//! database left readable by others is tightened at start (0700 and 0600).

use std::path::Path;

/// The files of the data folder antt keeps private.
const DATA_FILES: [&str; 4] = [
    "antt.sqlite3",
    "antt.sqlite3-wal",
    "antt.sqlite3-shm",
    antt_core::sealed::KEY_FILE,
];

#[cfg(unix)]
pub(crate) fn make_private(data_dir: &Path) -> std::io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    rustix::process::umask(rustix::fs::Mode::from_raw_mode(0o077));
    let tighten = |path: &Path, mode: u32| -> std::io::Result<()> {
        match std::fs::metadata(path) {
            Ok(m) if m.permissions().mode() & 0o077 != 0 => {
                std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode))
            }
            Ok(_) => Ok(()),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
            Err(e) => Err(e),
        }
    };
    tighten(data_dir, 0o700)?;
    for name in DATA_FILES {
        tighten(&data_dir.join(name), 0o600)?;
    }
    Ok(())
}

#[cfg(not(unix))]
pub(crate) fn make_private(_: &Path) -> std::io::Result<()> {
    Ok(())
}
