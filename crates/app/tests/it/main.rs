//! The antt binary end to end: every command as an operator types it.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests may stop at the first surprise

use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::time::Duration;

mod keys;

fn antt(data_dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_antt"))
        .arg("--data-dir")
        .arg(data_dir)
        .args(args)
        .env("ANTT_PASSWORD_COST", "fast")
        .env_remove("ANTT_DATABASE_URL")
        .output()
        .expect("antt runs")
}

fn text(o: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}

#[test]
fn every_command_has_help() {
    let dir = tempfile::tempdir().unwrap();
    for args in [
        &["--help"][..],
        &["serve", "--help"],
        &["migrate", "--help"],
        &["demo", "--help"],
        &["unit", "list", "--help"],
        &["unit", "add", "--help"],
        &["user", "add", "--help"],
        &["db", "backup", "--help"],
        &["db", "verify", "--help"],
        &["db", "restore", "--help"],
        &["tip-key", "rotate", "--help"],
        &["config", "print-default", "--help"],
        &["remind", "--help"],
        &["readiness", "--help"],
        &["report", "yearly", "--help"],
        &["rubric", "check", "--help"],
        &["rubric", "load", "--help"],
        &["dorm", "rollcall", "--help"],
        &["dorm", "residents", "import", "--help"],
        &["dorm", "residence-list", "--help"],
        &["province", "standing", "--help"],
        &["report", "province", "--help"],
        &["bundle", "export", "--help"],
        &["bundle", "import", "--help"],
        &["bundle", "register", "--help"],
        &["bundle", "key", "--help"],
    ] {
        let o = antt(dir.path(), args);
        assert!(o.status.success(), "{args:?}: {}", text(&o));
        assert!(text(&o).contains("Usage"), "{args:?}");
    }
}

#[test]
fn the_province_standing_and_a_bundle_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let o = antt(d, &["demo"]);
    assert!(o.status.success(), "{}", text(&o));
    let args = [
        "province",
        "standing",
        "--authority",
        "CATLC",
        "--year",
        "2026",
    ];
    // Just under the equipped target: exits 1, and says so.
    let o = antt(d, &args);
    assert_eq!(o.status.code(), Some(1), "{}", text(&o));
    let out = text(&o);
    assert!(
        out.contains("✗ Lực lượng bảo vệ được trang bị") && out.contains("còn thiếu"),
        "{out}"
    );
    assert!(out.contains("✓ Phong trào đạt loại khá, xuất sắc"), "{out}");
    let o = antt(d, &[&args[..], &["--json"]].concat());
    let r: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(r["authority"], "CATLC");
    assert_eq!(r["targets"].as_array().unwrap().len(), 5);
    let equipped = r["targets"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["measure"] == "security_equipped")
        .unwrap();
    assert_eq!(equipped["met"], false);
    assert_eq!(equipped["years"].as_array().unwrap().len(), 5);
    assert!(!equipped["holding_down"].as_array().unwrap().is_empty());
    // A ward police body sees its own units only.
    let o = antt(
        d,
        &[
            "province",
            "standing",
            "--authority",
            "CAPCD",
            "--year",
            "2026",
            "--json",
        ],
    );
    let r: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(r["units"], 38);
    let xlsx = d.join("chi-tieu.xlsx");
    let o = antt(d, &[&args[..], &["-o", xlsx.to_str().unwrap()]].concat());
    assert!(o.status.success(), "{}", text(&o));
    assert!(std::fs::read(&xlsx).unwrap().starts_with(b"PK"));
    let o = antt(
        d,
        &[
            "province",
            "standing",
            "--authority",
            "NOPE",
            "--year",
            "2026",
        ],
    );
    assert!(!o.status.success());
    assert!(text(&o).contains("không có đơn vị mã NOPE"), "{}", text(&o));

    // A school on its own copy: the copy's key, the year's bundle, the key
    // registered with the police, the bundle imported once and only once.
    let o = antt(d, &["bundle", "key"]);
    assert!(o.status.success(), "{}", text(&o));
    let key = String::from_utf8_lossy(&o.stdout).trim().to_owned();
    assert!(key.starts_with("ed25519:"), "{key}");
    assert!(text(&o).contains("Dấu khóa"));
    let file = d.join("goi-du-lieu.zip");
    let file = file.to_str().unwrap();
    let export = [
        "bundle", "export", "--unit", "CDLC", "--year", "2026", "-o", file,
    ];
    let o = antt(d, &export);
    assert!(o.status.success(), "{}", text(&o));
    let o = antt(d, &["bundle", "import", file]);
    assert!(!o.status.success());
    assert!(
        text(&o).contains("chưa đăng ký cho đơn vị này"),
        "{}",
        text(&o)
    );
    let o = antt(d, &["bundle", "register", "--unit", "CDLC", "--key", &key]);
    assert!(o.status.success(), "{}", text(&o));
    let o = antt(d, &["bundle", "import", file]);
    assert!(o.status.success(), "{}", text(&o));
    assert!(
        text(&o).contains("Đã nhập gói năm 2026 của Trường Cao đẳng Lào Cai"),
        "{}",
        text(&o)
    );
    let o = antt(d, &["bundle", "import", file]);
    assert!(!o.status.success());
    assert!(
        text(&o).contains("gói cũ không thay được gói mới"),
        "{}",
        text(&o)
    );
    let o = antt(d, &["bundle", "register", "--unit", "CDLC", "--remove"]);
    assert!(o.status.success(), "{}", text(&o));
}

#[test]
fn readiness_and_the_yearly_report_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let o = antt(d, &["demo"]);
    assert!(o.status.success(), "{}", text(&o));
    let o = antt(d, &["readiness", "--unit", "CDLC", "--json"]);
    assert!(o.status.success(), "{}", text(&o));
    let r: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(r["unit"], "CDLC");
    assert_eq!(r["standard"]["rubric"], "tt124-2021-school");
    assert_eq!(r["standard"]["criteria"].as_array().unwrap().len(), 6);
    assert_eq!(r["score"]["items"].as_array().unwrap().len(), 11);
    assert_eq!(r["score"]["maximum"], 100.0);
    assert!(
        ["registered", "self_assessed"].contains(&r["state"].as_str().unwrap()),
        "the demo registered this year: {r}"
    );
    let year = r["year"].as_i64().unwrap().to_string();
    let o = antt(d, &["readiness", "--unit", "CDLC", "--year", &year]);
    assert!(o.status.success(), "{}", text(&o));
    let t = text(&o);
    assert!(
        t.contains("Tiêu chuẩn “An toàn về an ninh, trật tự”") && t.contains("Điểm phong trào"),
        "{t}"
    );
    let out = d.join("bao-cao.docx");
    let args = [
        "report",
        "yearly",
        "--unit",
        "CDLC",
        "--year",
        &year,
        "-o",
        out.to_str().unwrap(),
    ];
    let o = antt(d, &args);
    assert!(o.status.success(), "{}", text(&o));
    assert!(std::fs::read(&out).unwrap().starts_with(b"PK"));
    let o = antt(d, &args);
    assert!(
        !o.status.success(),
        "an existing file is not replaced without --force"
    );
    let o = antt(d, &["readiness", "--unit", "NOPE"]);
    assert!(!o.status.success());
    assert!(text(&o).contains("không có đơn vị mã NOPE"), "{}", text(&o));

    // A province's score sheet from a file: refused with its lines, then loaded.
    let o = antt(d, &["rubric", "show", "qd510-2022"]);
    assert!(o.status.success(), "{}", text(&o));
    let sheet = String::from_utf8(o.stdout).unwrap();
    let bad = d.join("bad.toml");
    std::fs::write(&bad, sheet.replacen("total = 100", "total = 95", 1)).unwrap();
    let o = antt(d, &["rubric", "check", bad.to_str().unwrap()]);
    assert!(!o.status.success());
    assert!(
        text(&o).contains("tổng điểm các mục là 100, không bằng 95"),
        "{}",
        text(&o)
    );
    let good = d.join("tinh.toml");
    std::fs::write(
        &good,
        sheet
            .replace("provisional = true\n", "")
            .replace("code = \"qd510-2022\"", "code = \"lao-cai-2026\""),
    )
    .unwrap();
    let o = antt(
        d,
        &[
            "rubric",
            "load",
            good.to_str().unwrap(),
            "--authority",
            "CATLC",
        ],
    );
    assert!(o.status.success(), "{}", text(&o));
    let o = antt(d, &["readiness", "--unit", "CDLC", "--json"]);
    let r: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(r["score"]["rubric"], "lao-cai-2026");
    assert_eq!(r["score"]["provisional"], false);
}

#[test]
fn print_default_is_the_documented_example() {
    let dir = tempfile::tempdir().unwrap();
    let o = antt(dir.path(), &["config", "print-default"]);
    assert!(o.status.success());
    let doc = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/config.example.toml"),
    )
    .unwrap();
    assert_eq!(String::from_utf8_lossy(&o.stdout), doc);
}

#[test]
fn demo_units_users_backup_and_verify_on_sqlite() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let o = antt(d, &["migrate"]);
    assert!(o.status.success(), "{}", text(&o));
    let o = antt(d, &["demo"]);
    assert!(o.status.success(), "{}", text(&o));
    assert!(text(&o).contains("vanphong") && text(&o).contains("antt-demo-2026"));
    assert!(d.join("antt.sqlite3").exists());
    let o = antt(d, &["demo"]);
    assert!(!o.status.success(), "a second demo is refused");
    assert!(text(&o).contains("not empty"), "{}", text(&o));

    let o = antt(d, &["unit", "list"]);
    assert!(
        text(&o).contains("CDLC") && text(&o).contains("Trường Cao đẳng Lào Cai"),
        "{}",
        text(&o)
    );
    let o = antt(
        d,
        &[
            "unit",
            "add",
            "--code",
            "THPT1",
            "--name",
            "Trường THPT số 1",
            "--kind",
            "school",
            "--authority",
            "CATLC",
        ],
    );
    assert!(o.status.success(), "{}", text(&o));
    let o = antt(
        d,
        &[
            "unit", "add", "--code", "THPT1", "--name", "Khác", "--kind", "castle",
        ],
    );
    assert!(!o.status.success());
    assert!(
        text(&o).contains("Loại: Giá trị không hợp lệ"),
        "{}",
        text(&o)
    );

    let mut child = Command::new(env!("CARGO_BIN_EXE_antt"))
        .arg("--data-dir")
        .arg(d)
        .args([
            "user",
            "add",
            "--unit",
            "THPT1",
            "--role",
            "unit_admin",
            "--username",
            "vp.thpt1",
            "--password-stdin",
        ])
        .env("ANTT_PASSWORD_COST", "fast")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(b"mat-khau-thpt-1\n")
        .unwrap();
    let o = child.wait_with_output().unwrap();
    assert!(o.status.success(), "{}", text(&o));
    let o = antt(
        d,
        &[
            "user",
            "add",
            "--unit",
            "THPT1",
            "--role",
            "guard",
            "--username",
            "bv.thpt1",
        ],
    );
    assert!(!o.status.success(), "no terminal and no --password-stdin");
    assert!(text(&o).contains("--password-stdin"), "{}", text(&o));

    let backup = d.join("backup.sqlite3");
    let o = antt(d, &["db", "backup", "-o", backup.to_str().unwrap()]);
    assert!(o.status.success(), "{}", text(&o));
    assert!(std::fs::metadata(&backup).unwrap().len() > 100_000);
    let o = antt(d, &["db", "backup", "-o", backup.to_str().unwrap()]);
    assert!(!o.status.success(), "never overwrites");

    let o = antt(d, &["db", "verify"]);
    assert!(o.status.success(), "{}", text(&o));
    assert!(text(&o).contains("chuỗi băm khớp"), "{}", text(&o));
    // The backup is a database of its own that verifies too.
    let o = Command::new(env!("CARGO_BIN_EXE_antt"))
        .args([
            "--database-url",
            &format!("sqlite://{}", backup.display()),
            "db",
            "verify",
        ])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", text(&o));
}

/// As `antt`, at the demo's instant (21/11/2026 08:00 in Vietnam): "last
/// night" is then the night the demo's stories happened, whatever the hour
/// the tests run.
fn antt_at_demo_time(data_dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_antt"))
        .arg("--data-dir")
        .arg(data_dir)
        .args(args)
        .env("ANTT_PASSWORD_COST", "fast")
        .env("ANTT_CLOCK", "2026-11-21T01:00:00Z")
        .env_remove("ANTT_DATABASE_URL")
        .output()
        .expect("antt runs")
}

#[test]
fn the_nights_roll_call_and_a_residents_sheet_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let antt = antt_at_demo_time;
    let o = antt(d, &["demo"]);
    assert!(o.status.success(), "{}", text(&o));
    // Last night: someone was absent without leave, so the check fails.
    let o = antt(d, &["dorm", "rollcall", "--unit", "CDLC", "--json"]);
    assert_eq!(o.status.code(), Some(1), "{}", text(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert!(v["residents"].as_u64().unwrap() > 400, "{v}");
    let absent = v["absent_without_leave"].as_array().unwrap();
    assert!(absent.iter().any(|a| a["second_night"] == true), "{v}");
    assert_eq!(v["not_back_from_leave"].as_array().unwrap().len(), 1);
    let o = antt(d, &["dorm", "rollcall", "--unit", "CDLC"]);
    assert!(text(&o).contains("Vắng không phép:"), "{}", text(&o));
    assert!(text(&o).contains("Chưa điểm danh xong:"), "{}", text(&o));
    // A month ago everyone was called; a night with nobody absent exits 0.
    let night = v["night"].as_str().unwrap();
    let earlier =
        chrono::NaiveDate::parse_from_str(night, "%Y-%m-%d").unwrap() - chrono::Duration::days(2);
    let o = antt(
        d,
        &[
            "dorm",
            "rollcall",
            "--unit",
            "CDLC",
            "--date",
            &earlier.to_string(),
        ],
    );
    assert!(o.status.success(), "{}", text(&o));
    // A sheet with a code the college does not have places nobody.
    let sheet = d.join("ktx.csv");
    std::fs::write(
        &sheet,
        "Phòng,Mã sinh viên,Họ và tên\nA101,SV0000000,Không Có\n",
    )
    .unwrap();
    let o = antt(
        d,
        &[
            "dorm",
            "residents",
            "import",
            sheet.to_str().unwrap(),
            "--unit",
            "CDLC",
            "--dry-run",
        ],
    );
    assert!(!o.status.success());
    assert!(text(&o).contains("Dòng 2"), "{}", text(&o));
    // The temporary-residence list for the ward police, never over a file.
    let list = d.join("tam-tru.xlsx");
    let o = antt(
        d,
        &[
            "dorm",
            "residence-list",
            "--unit",
            "CDLC",
            "-o",
            list.to_str().unwrap(),
        ],
    );
    assert!(o.status.success(), "{}", text(&o));
    let bytes = std::fs::read(&list).unwrap();
    assert!(bytes.starts_with(b"PK"), "an xlsx is a zip");
    let o = antt(
        d,
        &[
            "dorm",
            "residence-list",
            "--unit",
            "CDLC",
            "-o",
            list.to_str().unwrap(),
        ],
    );
    assert!(!o.status.success(), "not over an existing file");
    // The request to register, in Word.
    let word = d.join("de-nghi.docx");
    let o = antt(
        d,
        &[
            "dorm",
            "residence-list",
            "--unit",
            "CDLC",
            "-o",
            word.to_str().unwrap(),
        ],
    );
    assert!(o.status.success(), "{}", text(&o));
    let bytes = std::fs::read(&word).unwrap();
    assert!(bytes.starts_with(b"PK"), "a docx is a zip");
}

#[test]
fn db_verify_fails_on_a_hand_edited_audit_log() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    assert!(antt(d, &["demo"]).status.success());
    assert!(
        antt(
            d,
            &[
                "unit",
                "add",
                "--code",
                "X1",
                "--name",
                "Đơn vị X",
                "--kind",
                "agency"
            ]
        )
        .status
        .success()
    );
    // Edit the file behind antt's back.
    let status = Command::new("python3")
        .args(["-c", "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.execute(\"update audit_log set summary='sửa tay' where seq=2\"); c.commit()"])
        .arg(d.join("antt.sqlite3"))
        .status();
    if !status.is_ok_and(|s| s.success()) {
        antt_testkit::say(
            "note: python3 with sqlite3 is not available; the tampering is tested in antt-core instead",
        );
        return;
    }
    let o = antt(d, &["db", "verify"]);
    assert_eq!(o.status.code(), Some(1), "{}", text(&o));
    assert!(text(&o).contains("entry 2 was changed"), "{}", text(&o));
}

#[test]
fn serve_answers_and_stops_gracefully() {
    let dir = tempfile::tempdir().unwrap();
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let child = Command::new(env!("CARGO_BIN_EXE_antt"))
        .arg("--data-dir")
        .arg(dir.path())
        .args(["serve", "--demo", "--listen", &format!("127.0.0.1:{port}")])
        .env("ANTT_PASSWORD_COST", "fast")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut up = false;
    for _ in 0..1_200 {
        if let Ok(mut s) = std::net::TcpStream::connect(("127.0.0.1", port)) {
            s.write_all(b"GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
                .unwrap();
            let mut reply = String::new();
            std::io::Read::read_to_string(&mut s, &mut reply).unwrap();
            assert!(reply.starts_with("HTTP/1.1 200"), "{reply}");
            up = true;
            break;
        }
        std::thread::park_timeout(Duration::from_millis(100));
    }
    assert!(up, "the server did not come up");
    let killed = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(killed.success());
    let o = child.wait_with_output().unwrap();
    assert!(
        o.status.success(),
        "graceful shutdown exits 0: {:?}",
        o.status
    );
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(
        out.contains(&format!("http://127.0.0.1:{port}/")) && out.contains("congan.tinh"),
        "{out}"
    );
}

#[test]
fn the_demo_runs_on_postgresql_through_the_same_binary() {
    let Some(admin) = antt_testkit::postgres_url() else {
        return;
    };
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let db = rt.block_on(antt_testkit::TestDb::postgres(&admin));
    let dir = tempfile::tempdir().unwrap();
    let run = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_antt"))
            .args([
                "--data-dir",
                dir.path().to_str().unwrap(),
                "--database-url",
                &db.url,
            ])
            .args(args)
            .env("ANTT_PASSWORD_COST", "fast")
            .output()
            .unwrap()
    };
    let o = run(&["demo"]);
    assert!(o.status.success(), "{}", text(&o));
    let o = run(&["unit", "list"]);
    assert!(text(&o).contains("CDLC"), "{}", text(&o));
    let o = run(&["db", "verify"]);
    assert!(o.status.success(), "{}", text(&o));
    let o = run(&["db", "backup", "-o", dir.path().join("x").to_str().unwrap()]);
    assert!(
        !o.status.success(),
        "backups of PostgreSQL are pg_dump's job"
    );
    assert!(text(&o).contains("pg_dump"), "{}", text(&o));
    assert!(
        !dir.path().join("antt.sqlite3").exists(),
        "no SQLite file was made"
    );
    drop(db);
}

/// Text as the bytes a legacy 8-bit font file holds (every char < 256).
fn latin1(text: &str) -> Vec<u8> {
    text.chars()
        .map(|c| u8::try_from(u32::from(c)).unwrap())
        .collect()
}

#[test]
fn people_go_out_to_excel_and_come_back_from_a_tcvn3_csv() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    assert!(antt(d, &["demo"]).status.success());
    for args in [
        &["import", "people", "--help"][..],
        &["export", "people", "--help"],
    ] {
        assert!(text(&antt(d, args)).contains("Usage"), "{args:?}");
    }

    let xlsx = d.join("cdlc.xlsx");
    let o = antt(
        d,
        &[
            "export",
            "people",
            "--unit",
            "CDLC",
            "-o",
            xlsx.to_str().unwrap(),
        ],
    );
    assert!(o.status.success(), "{}", text(&o));
    let o = antt(
        d,
        &[
            "export",
            "people",
            "--unit",
            "CDLC",
            "-o",
            xlsx.to_str().unwrap(),
        ],
    );
    assert!(!o.status.success(), "never overwrites without --force");
    let o = antt(
        d,
        &[
            "import",
            "people",
            xlsx.to_str().unwrap(),
            "--unit",
            "CDLC",
            "--dry-run",
        ],
    );
    assert!(o.status.success(), "{}", text(&o));
    assert!(
        text(&o).contains("0 mới, 0 cập nhật, 0 lỗi"),
        "{}",
        text(&o)
    );
    assert!(text(&o).contains("Chạy thử"), "{}", text(&o));

    // "Mã SV, Họ và tên, Ngày sinh, Lớp" and a new student in a new class,
    // typed with .VnTime (TCVN3) and saved as CSV.
    let csv = d.join("k20.csv");
    std::fs::write(
        &csv,
        latin1("M· SV,Hä vµ tªn,Ngµy sinh,Líp\nSV2697001,NguyÔn V¨n An,15/8/2008,C§ Tin häc K20\n"),
    )
    .unwrap();
    let path = csv.to_str().unwrap();
    let o = antt(d, &["import", "people", path, "--unit", "CDLC"]);
    assert!(!o.status.success(), "an unknown class refuses the file");
    let out = text(&o);
    assert!(out.contains("TCVN3"), "{out}");
    assert!(
        out.contains("Dòng 2, cột D (Lớp): Lớp này chưa có"),
        "{out}"
    );
    assert!(out.contains("«CĐ Tin học K20»"), "{out}");
    assert!(out.contains("Không nhập gì"), "{out}");

    let o = antt(
        d,
        &[
            "import",
            "people",
            path,
            "--unit",
            "CDLC",
            "--create-missing",
        ],
    );
    assert!(o.status.success(), "{}", text(&o));
    assert!(
        text(&o).contains("1 mới, 0 cập nhật, 0 không đổi"),
        "{}",
        text(&o)
    );
    let o = antt(
        d,
        &["import", "people", path, "--unit", "CDLC", "--dry-run"],
    );
    assert!(
        text(&o).contains("0 mới, 0 cập nhật, 0 lỗi (1 không đổi)"),
        "{}",
        text(&o)
    );

    let out_csv = d.join("cdlc.csv");
    let o = antt(
        d,
        &[
            "export",
            "people",
            "--unit",
            "CDLC",
            "--format",
            "csv",
            "-o",
            out_csv.to_str().unwrap(),
        ],
    );
    assert!(o.status.success(), "{}", text(&o));
    let exported = std::fs::read_to_string(&out_csv).unwrap();
    assert!(
        exported.contains("SV2697001,Nguyễn Văn An,15/08/2008"),
        "{exported:.300}"
    );
    let o = antt(d, &["db", "verify"]);
    assert!(o.status.success(), "{}", text(&o));
}

#[tokio::test(flavor = "multi_thread")]
async fn remind_sends_the_days_reminders_through_smtp() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().to_owned();
    let demo = antt(&path, &["demo"]);
    assert!(demo.status.success(), "{}", text(&demo));
    let unset = antt(&path, &["remind"]);
    assert!(!unset.status.success());
    assert!(
        text(&unset).contains("chưa cấu hình máy chủ thư"),
        "{}",
        text(&unset)
    );

    let sink = antt_testkit::SmtpSink::start().await;
    let url = sink.url();
    let o = tokio::task::spawn_blocking(move || {
        Command::new(env!("CARGO_BIN_EXE_antt"))
            .arg("--data-dir")
            .arg(&path)
            .arg("remind")
            .env("ANTT_SMTP_URL", url)
            .env("ANTT_MAIL_FROM", "antt <antt@cdlc.edu.vn>")
            .env("ANTT_PUBLIC_URL", "https://antt.cdlc.edu.vn")
            .env_remove("ANTT_DATABASE_URL")
            .output()
            .expect("antt runs")
    })
    .await
    .unwrap();
    assert!(o.status.success(), "{}", text(&o));
    assert!(text(&o).contains("Đã gửi"), "{}", text(&o));
    let got = sink.messages();
    assert!(!got.is_empty(), "{}", text(&o));
    assert!(got[0].decoded().contains("https://antt.cdlc.edu.vn/tasks/"));
    assert_eq!(got[0].from, "antt@cdlc.edu.vn");
}

/// One HTTP/1.1 request over a fresh connection; the status line and body.
fn http(port: u16, request: &[u8]) -> String {
    let mut s = std::net::TcpStream::connect(("127.0.0.1", port)).unwrap();
    s.write_all(request).unwrap();
    let mut reply = String::new();
    std::io::Read::read_to_string(&mut s, &mut reply).unwrap();
    reply
}

#[test]
fn the_server_logs_of_tips_hold_no_address_and_no_content() {
    let dir = tempfile::tempdir().unwrap();
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    // Listening on every address, so the only "127.0.0.1" a log could hold
    // is the sender's.
    let mut child = Command::new(env!("CARGO_BIN_EXE_antt"))
        .arg("--data-dir")
        .arg(dir.path())
        .args(["serve", "--demo", "--listen", &format!("0.0.0.0:{port}")])
        .env("ANTT_PASSWORD_COST", "fast")
        .env("ANTT_LOG", "trace")
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // The logs are read as they come: at trace level the demo's loading
    // alone fills a pipe, and a server blocked on a full pipe never
    // comes up.
    let mut stderr = child.stderr.take().unwrap();
    let reader = std::thread::spawn(move || {
        let mut all = Vec::new();
        std::io::Read::read_to_end(&mut stderr, &mut all).unwrap();
        all
    });
    let mut up = false;
    for _ in 0..1_200 {
        if std::net::TcpStream::connect(("127.0.0.1", port)).is_ok() {
            up = true;
            break;
        }
        std::thread::park_timeout(Duration::from_millis(100));
    }
    assert!(up, "the server did not come up");
    let story = "Có người lạ mang dao vào khu ký túc xá tối nay";
    let json = format!(
        r#"{{"unit":"CDLC","category":"violence","description":"{story}","anonymous":true,"urgent":true}}"#
    );
    let reply = http(
        port,
        format!(
            "POST /api/v1/public/tips HTTP/1.1\r\nHost: x\r\nConnection: close\r\nX-Forwarded-For: 198.51.100.23\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n{json}",
            json.len()
        )
        .as_bytes(),
    );
    assert!(reply.starts_with("HTTP/1.1 201"), "{reply}");
    let receipt: String = reply
        .split("\"receipt\":\"")
        .nth(1)
        .unwrap()
        .chars()
        .take(16)
        .collect();
    let form = format!("receipt={receipt}");
    let reply = http(
        port,
        format!(
            "POST /tip/status HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: {}\r\n\r\n{form}",
            form.len()
        )
        .as_bytes(),
    );
    assert!(reply.starts_with("HTTP/1.1 200"), "{reply}");
    let killed = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(killed.success());
    child.wait().unwrap();
    let logs = reader.join().unwrap();
    let logs = String::from_utf8_lossy(&logs);
    assert!(
        logs.contains("/api/v1/public/tips") && logs.contains("/tip/status"),
        "the requests are in the logs at trace level"
    );
    for secret in ["127.0.0.1", "198.51.100.23", story, &receipt] {
        assert!(!logs.contains(secret), "«{secret}» is in the server's logs");
    }
}
