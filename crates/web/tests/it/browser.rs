//! Journeys in headless Chromium (Debian's `chromium` and `chromedriver`),
//! against the real server on a free port. Skipped with a printed reason
//! when they are not installed, unless `ANTT_REQUIRE_BROWSER=1` (CI), which
//! turns their absence into a failure. Screenshots go to
//! `target/screenshots/` for people to look at.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::time::Duration;

use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::json;
use tokio::process::{Child, Command};

use crate::support::{App, apps};

const CHROMIUM: &str = "/usr/bin/chromium";
const CHROMEDRIVER: &str = "/usr/bin/chromedriver";

struct Driver {
    _child: Child,
    url: String,
}

/// Starts chromedriver, or says why the browser tests cannot run.
async fn driver() -> Option<Driver> {
    let missing: Vec<&str> = [CHROMIUM, CHROMEDRIVER]
        .into_iter()
        .filter(|p| !Path::new(p).exists())
        .collect();
    if !missing.is_empty() {
        assert!(
            std::env::var_os("ANTT_REQUIRE_BROWSER").is_none(),
            "ANTT_REQUIRE_BROWSER is set but {missing:?} is missing: run scripts/install-test-deps.sh"
        );
        antt_testkit::say(&format!(
            "note: browser tests skipped: {missing:?} not installed (scripts/install-test-deps.sh installs them)"
        ));
        return None;
    }
    let port = free_port();
    let child = Command::new(CHROMEDRIVER)
        .arg(format!("--port={port}"))
        .kill_on_drop(true)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("chromedriver starts");
    let url = format!("http://127.0.0.1:{port}");
    for _ in 0..100 {
        if tokio::net::TcpStream::connect(("127.0.0.1", port))
            .await
            .is_ok()
        {
            return Some(Driver { _child: child, url });
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("chromedriver did not start");
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port")
}

async fn browser(driver: &Driver, width: u32, height: u32) -> Client {
    let mut caps = serde_json::Map::new();
    caps.insert(
        "goog:chromeOptions".into(),
        json!({
            "binary": CHROMIUM,
            "args": ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
                     "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic", "--lang=vi",
                     format!("--window-size={width},{height}")]
        }),
    );
    let client = ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new())
        .capabilities(caps)
        .connect(&driver.url)
        .await
        .expect("a browser session");
    client.set_window_size(width, height).await.ok();
    client
}

/// Serves `app` on a free port of this machine.
async fn serve(app: &App) -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let router = app.router.clone();
    tokio::spawn(async move {
        axum::serve(
            listener,
            router.into_make_service_with_connect_info::<SocketAddr>(),
        )
        .await
        .ok();
    });
    format!("http://{addr}")
}

fn screenshot_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/screenshots")
}

async fn shot(c: &Client, name: &str) {
    let png = c.screenshot().await.expect("screenshot");
    std::fs::create_dir_all(screenshot_dir()).ok();
    std::fs::write(screenshot_dir().join(format!("{name}.png")), png).expect("write screenshot");
}

/// Waits until the page's text contains `needle`.
async fn wait_for_text(c: &Client, needle: &str) -> String {
    let mut text = String::new();
    for _ in 0..100 {
        // While a page is loading the body may not be there yet: try again.
        if let Ok(body) = c.find(Locator::Css("body")).await {
            text = body.text().await.unwrap_or_default();
        }
        if text.contains(needle) {
            return text;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("the page never showed {needle:?}; it shows:\n{text}");
}

async fn log_in(c: &Client, base: &str, username: &str) {
    c.goto(&format!("{base}/login")).await.unwrap();
    submit_login(c, username).await;
    wait_for_text(c, "Đăng xuất").await;
}

/// Fills and sends the login form the browser is on.
async fn submit_login(c: &Client, username: &str) {
    for (field, value) in [
        ("username", username),
        ("password", antt_core::demo::DEMO_PASSWORD),
    ] {
        c.find(Locator::Css(&format!("input[name={field}]")))
            .await
            .unwrap()
            .send_keys(value)
            .await
            .unwrap();
    }
    c.find(Locator::Css("button[type=submit]"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
}

#[tokio::test]
async fn office_finds_a_student_edits_them_and_sees_it_in_the_audit_log() {
    let Some(driver) = driver().await else { return };
    for app in apps().await {
        let b = app.backend();
        let base = serve(&app).await;
        let c = browser(&driver, 1366, 900).await;
        c.goto(&format!("{base}/login")).await.unwrap();
        shot(&c, &format!("{b}-login-desktop")).await;
        log_in(&c, &base, "vanphong").await;
        wait_for_text(&c, "Học sinh, sinh viên").await;
        shot(&c, &format!("{b}-home-desktop")).await;

        // Search as one types, without diacritics.
        c.find(Locator::LinkText("Cán bộ, HSSV"))
            .await
            .unwrap()
            .click()
            .await
            .unwrap();
        let q = c.wait().for_element(Locator::Css("#q")).await.unwrap();
        q.send_keys("nguyen").await.unwrap();
        wait_for_text(&c, "khớp với “nguyen”").await;
        assert!(
            c.current_url().await.unwrap().as_str().contains("q=nguyen"),
            "{b}: the search is in the address, so Back and reload keep it"
        );
        shot(&c, &format!("{b}-people-search-desktop")).await;
        let first = c
            .find(Locator::Css("#results tbody tr td a"))
            .await
            .unwrap();
        let name = first.text().await.unwrap();
        assert!(name.starts_with("Nguyễn"), "{b}: {name}");
        first.click().await.unwrap();
        wait_for_text(&c, "Lịch sử truy cập và thay đổi").await;
        shot(&c, &format!("{b}-person-desktop")).await;

        // Edit the phone and see the change in the person's history.
        c.find(Locator::LinkText("Sửa thông tin"))
            .await
            .unwrap()
            .click()
            .await
            .unwrap();
        let phone = c
            .wait()
            .for_element(Locator::Css("input[name=phone]"))
            .await
            .unwrap();
        phone.clear().await.unwrap();
        phone.send_keys("0911 222 333").await.unwrap();
        shot(&c, &format!("{b}-person-edit-desktop")).await;
        c.find(Locator::Css("form.card button[type=submit]"))
            .await
            .unwrap()
            .click()
            .await
            .unwrap();
        let page = wait_for_text(&c, "0911222333").await;
        assert!(
            page.contains("Điện thoại:") && page.contains("Sửa"),
            "{b}: the history shows the change"
        );

        // And in the audit log.
        c.find(Locator::LinkText("Nhật ký"))
            .await
            .unwrap()
            .click()
            .await
            .unwrap();
        let log = wait_for_text(&c, "→ 0911222333").await;
        assert!(log.contains(&name) && log.contains("vanphong"), "{b}");
        shot(&c, &format!("{b}-audit-desktop")).await;

        for (path, expect, name) in [
            ("/org", "Giáo viên chủ nhiệm", "org"),
            ("/users", "Tạo tài khoản", "users"),
            ("/people/new", "Thêm người", "person-new"),
        ] {
            c.goto(&format!("{base}{path}")).await.unwrap();
            wait_for_text(&c, expect).await;
            shot(&c, &format!("{b}-{name}-desktop")).await;
        }

        // The same screens on a phone.
        c.set_window_size(390, 844).await.unwrap();
        c.goto(&format!("{base}/")).await.unwrap();
        wait_for_text(&c, "Nội trú").await;
        shot(&c, &format!("{b}-home-phone")).await;
        c.goto(&format!("{base}/org")).await.unwrap();
        wait_for_text(&c, "Lớp").await;
        shot(&c, &format!("{b}-org-phone")).await;
        c.close().await.unwrap();
    }
}

#[tokio::test]
async fn a_guard_looks_up_a_student_on_a_phone() {
    let Some(driver) = driver().await else { return };
    let app = apps().await.remove(0);
    let base = serve(&app).await;
    let c = browser(&driver, 390, 844).await;
    c.goto(&format!("{base}/login")).await.unwrap();
    shot(&c, "login-phone").await;
    log_in(&c, &base, "baove").await;
    c.goto(&format!("{base}/people")).await.unwrap();
    let q = c.wait().for_element(Locator::Css("#q")).await.unwrap();
    q.send_keys("tran thi").await.unwrap();
    let page = wait_for_text(&c, "khớp với “tran thi”").await;
    assert!(page.contains("Trần Thị"), "{page}");
    assert!(
        !page.contains("Ngày sinh"),
        "a guard does not see dates of birth"
    );
    shot(&c, "people-search-phone").await;
    // The menu offers only what a guard may open.
    let menu = c
        .find(Locator::Css("nav.menu"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        !menu.contains("Tài khoản") && !menu.contains("Nhật ký"),
        "{menu}"
    );
    c.close().await.unwrap();
}

#[tokio::test]
async fn the_province_officer_opens_a_school_read_only() {
    let Some(driver) = driver().await else { return };
    let app = apps().await.remove(0);
    let base = serve(&app).await;
    let c = browser(&driver, 1366, 900).await;
    log_in(&c, &base, "congan.tinh").await;
    // A province of a few hundred units: the officer looks the school up.
    c.goto(&format!("{base}/units?kind=school&q=cao+đẳng+lào+cai"))
        .await
        .unwrap();
    wait_for_text(&c, "Trường Cao đẳng Lào Cai").await;
    shot(&c, "units-desktop").await;
    c.find(Locator::LinkText("Trường Cao đẳng Lào Cai"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    let page = wait_for_text(&c, "chỉ xem").await;
    assert!(page.contains("Học sinh, sinh viên"), "{page}");
    shot(&c, "province-school-desktop").await;
    c.find(Locator::LinkText("Cán bộ, HSSV"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    let page = wait_for_text(&c, "người").await;
    assert!(!page.contains("Thêm người"), "read-only");
    c.close().await.unwrap();
}

/// The province officer's journey: the standing against the targets, the
/// unit holding a figure down opened on its dossier, the figures as Excel.
#[tokio::test]
async fn the_province_officer_sees_the_targets_and_opens_a_unit_holding_one_down() {
    let Some(driver) = driver().await else { return };
    let app = apps().await.remove(0);
    let base = serve(&app).await;
    for (w, h, name) in [
        (1366, 900, "province-desktop"),
        (390, 844, "province-phone"),
    ] {
        let c = browser(&driver, w, h).await;
        log_in(&c, &base, "congan.tinh").await;
        if w > 1000 {
            c.find(Locator::LinkText("Chỉ tiêu"))
                .await
                .unwrap()
                .click()
                .await
                .unwrap();
        } else {
            c.goto(&format!("{base}/province")).await.unwrap();
        }
        let page = wait_for_text(&c, "Chỉ tiêu đã đạt").await;
        assert!(page.contains("Chưa đạt chỉ tiêu"), "{page}");
        shot(&c, name).await;
        if w > 1000 {
            let excel = c
                .find(Locator::LinkText("Xuất Excel"))
                .await
                .unwrap()
                .attr("href")
                .await
                .unwrap()
                .unwrap();
            assert!(excel.contains("format=xlsx"), "{excel}");
            c.find(Locator::LinkText("Trường Cao đẳng Lào Cai"))
                .await
                .unwrap()
                .click()
                .await
                .unwrap();
            let dossier = wait_for_text(&c, "Trường Cao đẳng Lào Cai").await;
            assert!(
                dossier.contains("thẩm định") || dossier.contains("chỉ xem"),
                "{dossier}"
            );
        }
        c.close().await.unwrap();
    }
}

/// Unicode text as a `.VnTime` (TCVN3) font stores it, one byte a letter;
/// accented capitals take the lower-case codes, as the capitals font does.
fn to_tcvn3(text: &str) -> Vec<u8> {
    const LETTERS: &str =
        "ĂÂÊÔƠƯĐăâêôơưđàảãáạằẳẵắặầẩẫấậèẻẽéẹềểễếệìỉĩíịòỏõóọồổỗốộờởỡớợùủũúụừửữứựỳỷỹýỵ";
    let codes: Vec<u8> = (0xA1..=0xAE)
        .chain(0xB5..=0xB9)
        .chain(0xBB..=0xBE)
        .chain(0xC6..=0xCC)
        .chain(0xCE..=0xD8)
        .chain(0xDC..=0xDF)
        .chain(0xE1..=0xEF)
        .chain(0xF1..=0xFE)
        .collect();
    assert_eq!(codes.len(), LETTERS.chars().count());
    text.chars()
        .map(|c| {
            let lower = c.to_lowercase().next().unwrap();
            LETTERS
                .chars()
                .position(|l| l == c)
                .or_else(|| LETTERS.chars().position(|l| l == lower))
                .map_or_else(|| u8::try_from(u32::from(c)).unwrap(), |i| codes[i])
        })
        .collect()
}

#[tokio::test]
async fn the_office_imports_the_good_rows_of_a_messy_tcvn3_sheet() {
    let Some(driver) = driver().await else { return };
    for app in apps().await {
        let b = app.backend();
        let cdlc = app.unit("CDLC").await;
        let class = app
            .antt
            .org()
            .structure(&antt_core::Actor::command_line(), cdlc)
            .await
            .unwrap()
            .classes[0]
            .name
            .clone();
        // Title block, a two-row header, a bad date, an unknown class, a total
        // row and a signature block: all typed with .VnTime.
        let sheet = format!(
            "Trường Cao đẳng Lào Cai,,,,,\nDanh sách sinh viên bổ sung,,,,,\n,,,,,\nSTT,Mã SV,Họ và tên,,Ngày sinh,Lớp\n,,Họ đệm,Tên,,\n\
             1,SV2693001,Giàng A,Chớ,15/8/2008,{class}\n2,SV2693002,Lường Thị,Đào,02-03-2008,{class}\n\
             3,SV2693003,Thào Thị,Dua,31/02/2008,{class}\n4,SV2693004,Vàng Văn,Sử,1.1.2008,Lớp Không Có\n\
             Tổng cộng: 4,,,,,\n,,,Người lập biểu,,\n"
        );
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("ds-bo-sung.csv");
        std::fs::write(&file, to_tcvn3(&sheet)).unwrap();

        let base = serve(&app).await;
        let c = browser(&driver, 1366, 900).await;
        log_in(&c, &base, "vanphong").await;
        c.goto(&format!("{base}/people")).await.unwrap();
        c.find(Locator::LinkText("Nhập từ Excel"))
            .await
            .unwrap()
            .click()
            .await
            .unwrap();
        let input = c
            .wait()
            .for_element(Locator::Css("input[type=file]"))
            .await
            .unwrap();
        input.send_keys(file.to_str().unwrap()).await.unwrap();
        shot(&c, &format!("{b}-import-desktop")).await;
        c.find(Locator::Css("#upload button[type=submit]"))
            .await
            .unwrap()
            .click()
            .await
            .unwrap();
        let preview = wait_for_text(&c, "Xem trước khi nhập").await;
        assert!(preview.contains("TCVN3"), "{b}: {preview}");
        assert!(
            preview.contains("2 người mới") || preview.contains("2\nngười mới"),
            "{b}: {preview}"
        );
        assert!(
            preview.contains("Ngày không hợp lệ") && preview.contains("31/02/2008"),
            "{b}"
        );
        assert!(
            preview.contains("Lớp này chưa có") && preview.contains("Lớp Không Có"),
            "{b}"
        );
        assert!(
            preview.contains("Giàng A Chớ") || preview.contains("Lường Thị Đào"),
            "{b}"
        );
        shot(&c, &format!("{b}-import-preview-desktop")).await;

        // Fix nothing: import only the good rows.
        c.find(Locator::Css("input[name=only_valid]"))
            .await
            .unwrap()
            .click()
            .await
            .unwrap();
        c.find(Locator::XPath(
            "//button[starts-with(normalize-space(.), 'Nhập 2')]",
        ))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
        wait_for_text(&c, "Đã thêm 2 người mới").await;
        shot(&c, &format!("{b}-import-done-desktop")).await;
        c.find(Locator::LinkText("Xem danh sách"))
            .await
            .unwrap()
            .click()
            .await
            .unwrap();
        let q = c.wait().for_element(Locator::Css("#q")).await.unwrap();
        q.send_keys("luong thi dao").await.unwrap();
        let found = wait_for_text(&c, "khớp với").await;
        let found = if found.contains("Lường Thị Đào") {
            found
        } else {
            wait_for_text(&c, "Lường Thị Đào").await
        };
        assert!(found.contains("SV2693002"), "{b}");

        // The preview on a phone.
        c.set_window_size(390, 844).await.unwrap();
        c.goto(&format!("{base}/people/import")).await.unwrap();
        let input = c
            .wait()
            .for_element(Locator::Css("input[type=file]"))
            .await
            .unwrap();
        input.send_keys(file.to_str().unwrap()).await.unwrap();
        c.find(Locator::Css("#upload button[type=submit]"))
            .await
            .unwrap()
            .click()
            .await
            .unwrap();
        wait_for_text(&c, "Xem trước khi nhập").await;
        shot(&c, &format!("{b}-import-preview-phone")).await;
        c.close().await.unwrap();
    }
}

#[tokio::test]
async fn a_department_head_marks_a_task_done_with_evidence() {
    let Some(driver) = driver().await else { return };
    let app = apps().await.remove(0);
    let base = serve(&app).await;
    let c = browser(&driver, 1366, 900).await;
    log_in(&c, &base, "ctsv").await;
    // The overdue task of their department is on the home page.
    wait_for_text(&c, "Nhiệm vụ cần theo dõi").await;
    shot(&c, "plan-home-tasks-desktop").await;
    c.find(Locator::Css(".task-list li.overdue a"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    wait_for_text(&c, "Báo cáo tiến độ").await;
    c.find(Locator::Css("textarea[name=body]"))
        .await
        .unwrap()
        .send_keys("Đã ký đủ 612/612 HSSV nội trú; biên bản kèm theo.")
        .await
        .unwrap();
    c.find(Locator::Css("select[name=status] option[value=done]"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    let evidence = tempfile::Builder::new()
        .prefix("bien-ban-cam-ket-")
        .suffix(".pdf")
        .tempfile()
        .unwrap();
    std::fs::write(evidence.path(), b"%PDF-1.4 bien ban").unwrap();
    c.find(Locator::Css("input[type=file][name=file]"))
        .await
        .unwrap()
        .send_keys(&evidence.path().display().to_string())
        .await
        .unwrap();
    shot(&c, "plan-task-report-desktop").await;
    c.find(Locator::Css("#report button[type=submit]"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    let page = wait_for_text(&c, "Đã ký đủ 612/612 HSSV nội trú").await;
    assert!(page.contains("Hoàn thành"), "{page}");
    assert!(
        page.contains("bien-ban-cam-ket-"),
        "the evidence file is listed"
    );
    shot(&c, "plan-task-done-desktop").await;

    // The plan shows it done; the office sees the plan on a phone too.
    c.find(Locator::LinkText("‹ Về kế hoạch"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    wait_for_text(&c, "IV. TỔ CHỨC THỰC HIỆN").await;
    shot(&c, "plan-desktop").await;
    c.set_window_size(390, 844).await.unwrap();
    c.refresh().await.unwrap();
    wait_for_text(&c, "Quá hạn").await;
    shot(&c, "plan-phone").await;
    c.goto(&format!("{base}/")).await.unwrap();
    wait_for_text(&c, "Nhiệm vụ cần theo dõi").await;
    shot(&c, "plan-home-tasks-phone").await;
    c.goto(&format!("{base}/teams")).await.unwrap();
    wait_for_text(&c, "Trung đội tự vệ").await;
    shot(&c, "teams-phone").await;
    c.goto(&format!("{base}/commitments")).await.unwrap();
    wait_for_text(&c, "Cam kết năm").await;
    shot(&c, "commitments-phone").await;
    c.set_window_size(1366, 900).await.unwrap();
    c.goto(&format!("{base}/teams")).await.unwrap();
    wait_for_text(&c, "Cụm an ninh liên kết").await;
    shot(&c, "teams-desktop").await;
    c.close().await.unwrap();
}

#[tokio::test]
async fn a_student_checks_in_to_a_session_on_a_phone() {
    let Some(driver) = driver().await else { return };
    let app = apps().await.remove(0);
    let base = serve(&app).await;
    // The office shows the QR code on the hall's screen.
    let office = browser(&driver, 1366, 900).await;
    log_in(&office, &base, "vanphong").await;
    office.goto(&format!("{base}/sessions")).await.unwrap();
    wait_for_text(&office, "Tuyên truyền, tập huấn năm").await;
    shot(&office, "sessions-desktop").await;
    office
        .find(Locator::XPath("//a[contains(., 'cho sinh viên nội trú')]"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    wait_for_text(&office, "Hiện mã QR điểm danh").await;
    office
        .find(Locator::XPath(
            "//button[contains(., 'Hiện mã QR điểm danh')]",
        ))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    wait_for_text(&office, "Mã dùng được đến").await;
    let code = office
        .find(Locator::Css(".qr-code"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert_eq!(code.len(), 8, "{code:?}");
    shot(&office, "session-qr-desktop").await;

    // The student scans it: the phone opens the code's address, logs in,
    // comes back and confirms.
    let phone = browser(&driver, 390, 844).await;
    phone.goto(&format!("{base}/checkin/{code}")).await.unwrap();
    wait_for_text(&phone, "Đăng nhập").await;
    submit_login(&phone, "sinhvien").await;
    wait_for_text(&phone, "Xác nhận có mặt").await;
    shot(&phone, "checkin-confirm-phone").await;
    phone
        .find(Locator::XPath("//button[contains(., 'Xác nhận có mặt')]"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    wait_for_text(&phone, "Đã điểm danh").await;
    shot(&phone, "checkin-done-phone").await;

    // The office sees the check-in; the coverage page on both sizes.
    office.refresh().await.ok();
    office
        .goto(&format!(
            "{}#attendees",
            office.current_url().await.unwrap()
        ))
        .await
        .ok();
    wait_for_text(&office, "tự điểm danh bằng mã QR").await;
    office
        .goto(&format!("{base}/coverage?year=2026"))
        .await
        .unwrap();
    wait_for_text(&office, "Chưa được tuyên truyền").await;
    shot(&office, "coverage-desktop").await;
    phone.goto(&format!("{base}/checkin")).await.unwrap();
    wait_for_text(&phone, "Nhập mã điểm danh").await;
    shot(&phone, "checkin-type-phone").await;
    office.set_window_size(390, 844).await.unwrap();
    office
        .goto(&format!("{base}/coverage?year=2026"))
        .await
        .unwrap();
    wait_for_text(&office, "Theo lớp").await;
    shot(&office, "coverage-phone").await;
    phone.close().await.unwrap();
    office.close().await.unwrap();
}

#[tokio::test]
async fn a_student_takes_the_law_contest_on_a_phone() {
    let Some(driver) = driver().await else { return };
    let app = apps().await.remove(0);
    let base = serve(&app).await;
    let phone = browser(&driver, 390, 844).await;
    log_in(&phone, &base, "sinhvien").await;
    phone.goto(&format!("{base}/contests")).await.unwrap();
    wait_for_text(&phone, "Đang mở").await;
    shot(&phone, "contests-phone").await;
    phone
        .find(Locator::Css("a.contest-title"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    wait_for_text(&phone, "Bắt đầu làm bài").await;
    phone
        .find(Locator::XPath("//button[contains(., 'Bắt đầu làm bài')]"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    wait_for_text(&phone, "Câu 10").await;
    let left = wait_for_text(&phone, "phút").await;
    assert!(left.contains("còn "), "the countdown runs");
    // Tick the first choice of seven questions, by touching its label.
    let choices = phone
        .find_all(Locator::Css("fieldset.question label.choice:first-of-type"))
        .await
        .unwrap();
    assert_eq!(choices.len(), 10);
    for c in &choices[..7] {
        c.click().await.unwrap();
    }
    shot(&phone, "contest-paper-phone").await;
    let ticked = "return document.querySelectorAll('#paper input:checked').length";
    // Leaving the page sends them to the server; a reload shows all seven.
    let paper_url = phone.current_url().await.unwrap();
    phone.goto(&format!("{base}/contests")).await.unwrap();
    phone.goto(paper_url.as_str()).await.unwrap();
    wait_for_text(&phone, "Câu 10").await;
    assert_eq!(phone.execute(ticked, vec![]).await.unwrap(), json!(7));
    // The server's copy alone (this browser's copy wiped) holds them too.
    phone
        .execute("window.localStorage.clear(); return 0", vec![])
        .await
        .unwrap();
    phone.refresh().await.unwrap();
    wait_for_text(&phone, "Câu 10").await;
    assert_eq!(
        phone.execute(ticked, vec![]).await.unwrap(),
        json!(7),
        "the answers were kept on the server"
    );
    // Handing in with three blanks names them first.
    phone
        .find(Locator::XPath("//button[contains(., 'Nộp bài')]"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    let warning = phone.get_alert_text().await.unwrap();
    assert!(
        warning.contains("Còn 3 câu chưa trả lời (câu 8, 9, 10)"),
        "{warning}"
    );
    phone.dismiss_alert().await.unwrap();
    for c in &phone
        .find_all(Locator::Css("fieldset.question label.choice:first-of-type"))
        .await
        .unwrap()[7..]
    {
        phone
            .execute(
                "arguments[0].scrollIntoView({block: 'center'})",
                vec![serde_json::to_value(c).unwrap()],
            )
            .await
            .unwrap();
        c.click().await.unwrap();
    }
    phone
        .find(Locator::XPath("//button[contains(., 'Nộp bài')]"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    let warning = phone.get_alert_text().await.unwrap();
    assert!(!warning.contains("chưa trả lời"), "{warning}");
    phone.accept_alert().await.unwrap();
    wait_for_text(&phone, "Đã nộp bài").await;
    let page = wait_for_text(&phone, "Bạn trả lời đúng").await;
    assert!(page.contains("/10 câu"), "{page}");
    shot(&phone, "contest-done-phone").await;

    let office = browser(&driver, 1366, 900).await;
    log_in(&office, &base, "vanphong").await;
    office.goto(&format!("{base}/contests")).await.unwrap();
    wait_for_text(&office, "Thi tìm hiểu pháp luật năm").await;
    office
        .find(Locator::Css("a.contest-title"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    wait_for_text(&office, "Điểm trung bình").await;
    shot(&office, "contest-results-desktop").await;
    office.goto(&format!("{base}/teams/types")).await.unwrap();
    wait_for_text(&office, "Danh mục mô hình, đội").await;
    shot(&office, "team-types-desktop").await;
    office.set_window_size(390, 844).await.unwrap();
    office.goto(&format!("{base}/contests")).await.unwrap();
    wait_for_text(&office, "Tạo cuộc thi").await;
    shot(&office, "contests-office-phone").await;
    phone.close().await.unwrap();
    office.close().await.unwrap();
}

#[tokio::test]
async fn an_anonymous_student_reports_on_a_phone_and_reads_the_handlers_reply() {
    let Some(driver) = driver().await else { return };
    let app = apps().await.remove(0);
    let base = serve(&app).await;
    let phone = browser(&driver, 390, 844).await;
    phone.goto(&format!("{base}/tip/CDLC")).await.unwrap();
    wait_for_text(&phone, "Báo tin an ninh, trật tự").await;
    shot(&phone, "tip-portal-phone").await;
    phone
        .find(Locator::Css("select[name=category] option[value=theft]"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    let story = "Em thấy một người lạ lấy xe đạp điện ở nhà xe khu C lúc 18 giờ";
    for (field, value) in [
        ("textarea[name=description]", story),
        ("input[name=place]", "Nhà xe khu C"),
    ] {
        phone
            .find(Locator::Css(field))
            .await
            .unwrap()
            .send_keys(value)
            .await
            .unwrap();
    }
    let photo = tempfile::Builder::new()
        .prefix("IMG_")
        .suffix(".jpg")
        .tempfile()
        .unwrap();
    std::fs::write(photo.path(), crate::tips::photo()).unwrap();
    phone
        .find(Locator::Css("input[type=file][name=photos]"))
        .await
        .unwrap()
        .send_keys(&photo.path().display().to_string())
        .await
        .unwrap();
    phone
        .find(Locator::Css("form button[type=submit]"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    let page = wait_for_text(&phone, "Mã tra cứu của bạn").await;
    let receipt: String = phone
        .find(Locator::Id("receipt"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap()
        .chars()
        .filter(char::is_ascii_digit)
        .collect();
    assert_eq!(receipt.len(), 16, "{page}");
    shot(&phone, "tip-receipt-phone").await;

    // The office reads it on a desktop, with its photo, and asks a question.
    let desk = browser(&driver, 1366, 900).await;
    log_in(&desk, &base, "vanphong").await;
    desk.goto(&format!("{base}/tips")).await.unwrap();
    wait_for_text(&desk, "Tin báo").await;
    shot(&desk, "tips-inbox-desktop").await;
    desk.find(Locator::LinkText("Trộm cắp tài sản"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    let tip = wait_for_text(&desk, story).await;
    assert!(tip.contains("Ẩn danh"), "{tip}");
    assert!(
        desk.find(Locator::Css(".photos img")).await.is_ok(),
        "the photo is shown"
    );
    desk.find(Locator::Css("textarea[name=body]"))
        .await
        .unwrap()
        .send_keys("Cảm ơn em. Xe đạp điện màu gì, người lấy đi hướng nào?")
        .await
        .unwrap();
    desk.find(Locator::Css("button[name=kind][value=staff]"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    wait_for_text(&desk, "Xe đạp điện màu gì").await;
    shot(&desk, "tip-handler-desktop").await;

    // The student comes back with the code, reads the question, answers.
    phone.goto(&format!("{base}/tip/status")).await.unwrap();
    phone
        .find(Locator::Css("input[name=receipt]"))
        .await
        .unwrap()
        .send_keys(&receipt)
        .await
        .unwrap();
    phone
        .find(Locator::Css("form button[type=submit]"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    wait_for_text(&phone, "Xe đạp điện màu gì").await;
    phone
        .find(Locator::Css("textarea[name=message]"))
        .await
        .unwrap()
        .send_keys("Màu xanh, đi ra cổng sau.")
        .await
        .unwrap();
    phone
        .find(Locator::Css("form button[type=submit]"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    let status = wait_for_text(&phone, "Đã gửi câu trả lời").await;
    assert!(status.contains("Màu xanh, đi ra cổng sau."), "{status}");
    assert!(
        !phone
            .current_url()
            .await
            .unwrap()
            .as_str()
            .contains(&receipt),
        "the code is never in a URL"
    );
    shot(&phone, "tip-status-phone").await;
    desk.refresh().await.unwrap();
    wait_for_text(&desk, "Màu xanh, đi ra cổng sau.").await;
    desk.goto(&format!("{base}/tips/settings")).await.unwrap();
    wait_for_text(&desk, "Người xử lý tin báo").await;
    shot(&desk, "tips-settings-desktop").await;
    desk.goto(&format!("{base}/incidents?year=2026"))
        .await
        .unwrap();
    wait_for_text(&desk, "Vụ việc năm 2026").await;
    shot(&desk, "incidents-desktop").await;
    desk.find(Locator::LinkText("Ma túy"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    let incident = wait_for_text(&desk, "215/TB-CAP").await;
    assert!(incident.contains("Công an phường Cam Đường"), "{incident}");
    shot(&desk, "incident-desktop").await;
    desk.goto(&format!("{base}/tips/stats?year=2026"))
        .await
        .unwrap();
    wait_for_text(&desk, "Thống kê tin báo, vụ việc năm 2026").await;
    shot(&desk, "tips-stats-desktop").await;
    desk.goto(&format!("{base}/")).await.unwrap();
    wait_for_text(&desk, "Tin báo đang xử lý").await;
    shot(&desk, "home-tips-desktop").await;
    desk.set_window_size(390, 844).await.unwrap();
    desk.goto(&format!("{base}/tips")).await.unwrap();
    wait_for_text(&desk, "Quá hạn").await;
    shot(&desk, "tips-inbox-phone").await;
    // The guard, on a phone at the gate, records what a parent said.
    let gate = browser(&driver, 390, 844).await;
    log_in(&gate, &base, "baove").await;
    gate.goto(&format!("{base}/tips/new")).await.unwrap();
    wait_for_text(&gate, "Ghi nhận tin báo").await;
    gate.find(Locator::Css(
        "select[name=category] option[value=outsiders]",
    ))
    .await
    .unwrap()
    .click()
    .await
    .unwrap();
    gate.find(Locator::Css("textarea[name=description]"))
        .await
        .unwrap()
        .send_keys("Phụ huynh báo có nhóm thanh niên lạ đứng chặn cổng sau lúc tan học")
        .await
        .unwrap();
    shot(&gate, "tip-record-phone").await;
    gate.find(Locator::Css("form[action='/tips/new'] button[type=submit]"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    wait_for_text(&gate, "Đã ghi nhận tin báo số").await;
    gate.close().await.unwrap();
    phone.close().await.unwrap();
    desk.close().await.unwrap();
}

/// Fetches `href` in the page, as a click on a download link does, and
/// tells the status, the file name offered and whether it is a zip (DOCX).
async fn fetch_download(c: &Client, href: &str) -> (u64, String, bool) {
    let v = c
        .execute_async(
            "const [href, done] = arguments;
             fetch(href).then(async r => {
               const b = new Uint8Array(await r.arrayBuffer());
               done([r.status, r.headers.get('content-disposition') || '', b.length > 4 && b[0] === 0x50 && b[1] === 0x4b]);
             });",
            vec![json!(href)],
        )
        .await
        .unwrap();
    (
        v[0].as_u64().unwrap(),
        v[1].as_str().unwrap().to_owned(),
        v[2].as_bool().unwrap(),
    )
}

async fn click(c: &Client, css: &str) {
    c.find(Locator::Css(css))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
}

async fn type_into(c: &Client, css: &str, text: &str) {
    let e = c.find(Locator::Css(css)).await.unwrap();
    e.clear().await.unwrap();
    e.send_keys(text).await.unwrap();
}

#[tokio::test]
async fn the_office_reads_readiness_sends_the_dossier_and_the_province_returns_then_recognises() {
    let Some(driver) = driver().await else { return };
    let app = apps().await.remove(0);
    let base = serve(&app).await;
    let c = browser(&driver, 1366, 900).await;
    log_in(&c, &base, "vanphong").await;
    click(&c, "nav a[href='/assessment']").await;
    let page = wait_for_text(&c, "Còn thiếu: ai làm, hạn nào").await;
    assert!(page.contains("Có nguy cơ"), "{page}");
    assert!(
        page.contains("Ngày hội toàn dân bảo vệ an ninh Tổ quốc năm 2026"),
        "records behind 2.2"
    );
    shot(&c, "assessment-readiness-desktop").await;

    // The yearly report, written from the records, downloads as Word.
    click(&c, "nav.tabs a[href^='/assessment/report']").await;
    wait_for_text(&c, "Hạn chế, tồn tại").await;
    let href = c
        .find(Locator::Css("a[href^='/assessment/documents/report']"))
        .await
        .unwrap()
        .attr("href")
        .await
        .unwrap()
        .unwrap();
    let (status, disposition, docx) = fetch_download(&c, &href).await;
    assert_eq!(status, 200);
    assert!(
        disposition.contains("bao-cao-ket-qua-phong-trao-2026.docx"),
        "{disposition}"
    );
    assert!(docx, "a Word file");
    shot(&c, "assessment-report-desktop").await;

    // The score sheet, filled from the suggestions, then the dossier.
    click(&c, "nav.tabs a[href^='/assessment/score']").await;
    wait_for_text(&c, "Điền sẵn theo gợi ý").await;
    c.find(Locator::LinkText("Điền sẵn theo gợi ý từ hồ sơ"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    wait_for_text(&c, "Lưu điểm").await;
    // Item 10 (the standard met) is all or nothing and the standard is
    // still open: antt suggests nothing there, the clerk types 0.
    let ten = c
        .find(Locator::Css("input[name=score_10]"))
        .await
        .unwrap()
        .prop("value")
        .await
        .unwrap();
    assert_eq!(
        ten.as_deref(),
        Some(""),
        "no half marks for a pass/fail item"
    );
    type_into(&c, "input[name=score_10]", "0").await;
    click(&c, "form[action^='/assessment/score'] button[type=submit]").await;
    let page = wait_for_text(&c, "Đã chấm đủ").await;
    assert!(
        page.contains("Khá"),
        "85 points without the standard: {page}"
    );
    shot(&c, "assessment-score-desktop").await;
    click(&c, "nav.tabs a[href^='/assessment/dossier']").await;
    wait_for_text(&c, "Gửi hồ sơ đề nghị công nhận").await;
    click(&c, "form[action^='/assessment/submit'] button[type=submit]").await;
    let page = wait_for_text(&c, "Chưa lưu").await;
    assert!(page.contains("Số Tờ trình"), "{page}");
    type_into(&c, "input[name=request_number]", "45/TTr-CĐLC").await;
    type_into(&c, "input[name=request_on]", "20/11/2026").await;
    // 2.1 is unconfirmed: refused until the office says to send it anyway.
    click(&c, "form[action^='/assessment/submit'] button[type=submit]").await;
    let page = wait_for_text(&c, "Còn tiêu chí chưa được xác nhận").await;
    assert!(page.contains("chưa xác nhận (2.1)"), "{page}");
    click(&c, "input[name=acknowledge_unconfirmed]").await;
    click(&c, "form[action^='/assessment/submit'] button[type=submit]").await;
    wait_for_text(&c, "Trạng thái: Đã gửi hồ sơ").await;
    shot(&c, "assessment-dossier-sent-desktop").await;
    c.set_window_size(390, 844).await.unwrap();
    c.goto(&format!("{base}/assessment")).await.unwrap();
    wait_for_text(&c, "Tiêu chuẩn “An toàn về ANTT”").await;
    shot(&c, "assessment-readiness-phone").await;
    c.close().await.unwrap();

    // The province officer finds it waiting, returns it without a reason
    // (refused), then with one.
    let p = browser(&driver, 1366, 900).await;
    log_in(&p, &base, "congan.tinh").await;
    let home = wait_for_text(&p, "Hồ sơ chờ thẩm định").await;
    assert!(
        home.contains("Đánh giá “An toàn về ANTT” năm 2026"),
        "{home}"
    );
    shot(&p, "province-home-desktop").await;
    click(&p, "nav a[href='/assessment/units']").await;
    let page = wait_for_text(&p, "Chờ thẩm định").await;
    assert!(page.contains("Đã gửi hồ sơ"), "{page}");
    shot(&p, "assessment-units-desktop").await;
    p.find(Locator::LinkText("Xếp hạng theo điểm"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    let page = wait_for_text(&p, "Hạng").await;
    assert!(page.contains("85"), "the college's own points: {page}");
    shot(&p, "assessment-ranking-desktop").await;
    p.goto(&format!("{base}/assessment/units")).await.unwrap();
    wait_for_text(&p, "Chờ thẩm định").await;
    p.find(Locator::LinkText("Trường Cao đẳng Lào Cai"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    wait_for_text(&p, "Thẩm định hồ sơ").await;
    click(
        &p,
        "form[action^='/assessment/review'] button[value=return]",
    )
    .await;
    let page = wait_for_text(&p, "Chưa lưu").await;
    assert!(page.contains("Ghi rõ lý do"), "{page}");
    type_into(&p, "textarea[name=reason]", "Thiếu minh chứng tiêu chí 2.1").await;
    click(
        &p,
        "form[action^='/assessment/review'] button[value=return]",
    )
    .await;
    let page = wait_for_text(&p, "Hồ sơ bị trả lại").await;
    assert!(page.contains("Thiếu minh chứng tiêu chí 2.1"), "{page}");
    shot(&p, "assessment-returned-desktop").await;
    p.close().await.unwrap();

    // The office confirms 2.1 with its evidence and sends again; the
    // province accepts and records the recognition.
    let c = browser(&driver, 1366, 900).await;
    log_in(&c, &base, "vanphong").await;
    c.goto(&format!("{base}/assessment")).await.unwrap();
    wait_for_text(&c, "Hồ sơ bị trả lại").await;
    click(&c, "#check-2\\.1 details.confirm summary").await;
    type_into(
        &c,
        "#check-2\\.1 input[name=evidence]",
        "Báo cáo phối hợp số 30/BC-CĐLC",
    )
    .await;
    type_into(
        &c,
        "#check-2\\.1 input[name=reason]",
        "Thực hiện đầy đủ kế hoạch phối hợp với Công an phường",
    )
    .await;
    click(&c, "#check-2\\.1 form button[type=submit]").await;
    wait_for_text(&c, "Báo cáo phối hợp số 30/BC-CĐLC").await;
    c.goto(&format!("{base}/assessment/dossier")).await.unwrap();
    wait_for_text(&c, "Gửi hồ sơ đề nghị công nhận").await;
    click(&c, "form[action^='/assessment/submit'] button[type=submit]").await;
    wait_for_text(&c, "Trạng thái: Đã gửi hồ sơ").await;
    c.close().await.unwrap();
    let p = browser(&driver, 1366, 900).await;
    log_in(&p, &base, "congan.tinh").await;
    p.goto(&format!("{base}/assessment/units")).await.unwrap();
    wait_for_text(&p, "Chờ thẩm định").await;
    p.find(Locator::LinkText("Trường Cao đẳng Lào Cai"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    wait_for_text(&p, "Thẩm định hồ sơ").await;
    click(
        &p,
        "form[action^='/assessment/review'] button[value=accept]",
    )
    .await;
    wait_for_text(&p, "Ghi quyết định").await;
    type_into(&p, "input[name=number]", "1520/QĐ-UBND").await;
    type_into(&p, "input[name=signed_on]", "20/11/2026").await;
    type_into(&p, "input[name=body]", "UBND tỉnh Lào Cai").await;
    click(
        &p,
        "form[action^='/assessment/decision'] button[type=submit]",
    )
    .await;
    let page = wait_for_text(&p, "Trạng thái: Được công nhận").await;
    assert!(
        page.contains("Quyết định số 1520/QĐ-UBND ngày 20/11/2026 của UBND tỉnh Lào Cai"),
        "{page}"
    );
    shot(&p, "assessment-recognised-desktop").await;
    p.close().await.unwrap();

    // Rewards: the candidates the records suggest, nominated in one click
    // (beside the demo's two).
    let c = browser(&driver, 1366, 900).await;
    log_in(&c, &base, "vanphong").await;
    click(&c, "nav a[href='/rewards']").await;
    wait_for_text(&c, "Gợi ý từ hồ sơ").await;
    click(&c, "details.confirm summary").await;
    click(&c, "details.confirm[open] button[type=submit]").await;
    let page = wait_for_text(&c, "Đề nghị khen thưởng (3)").await;
    assert!(page.contains("Đề xuất"), "{page}");
    shot(&c, "rewards-desktop").await;
    c.set_window_size(390, 844).await.unwrap();
    c.refresh().await.unwrap();
    wait_for_text(&c, "Đề nghị khen thưởng (3)").await;
    shot(&c, "rewards-phone").await;
    c.close().await.unwrap();
}

/// Every page each role can reach by its links, on a 360 px phone: none
/// may scroll sideways (a table may scroll inside its own frame). The
/// pages are found by following the links from the home page, so a new
/// screen is covered as soon as something links to it; two of each kind
/// of record page (`/sessions/{id}`) are enough.
#[tokio::test]
async fn no_page_scrolls_sideways_on_a_360_px_phone_for_any_role() {
    let Some(driver) = driver().await else { return };
    let app = apps().await.remove(0);
    let base = serve(&app).await;
    let overflow = "const w = window.innerWidth;
        const wide = document.documentElement.scrollWidth;
        const out = [];
        if (wide > w + 1) {
          for (const e of document.querySelectorAll('body *')) {
            const r = e.getBoundingClientRect();
            let framed = false;
            for (let p = e.parentElement; p; p = p.parentElement) {
              const s = getComputedStyle(p).overflowX;
              if (s === 'auto' || s === 'scroll' || s === 'hidden') { framed = true; break; }
            }
            if (!framed && r.right > w + 1 && r.width > 0) {
              out.push(e.tagName.toLowerCase() + (e.className ? '.' + String(e.className).replace(/ +/g, '.') : '') + ' ' + Math.round(r.right) + 'px');
              if (out.length > 4) break;
            }
          }
        }
        return [wide, w, out];";
    let skip = |href: &str| {
        [
            "/logout",
            "export",
            "template",
            "/document",
            "certificates",
            "/photos/",
            "/file",
            "/static/",
            "/api/",
            "poster",
            "/sent",
            "/tip/",
        ]
        .iter()
        .any(|s| href.contains(s))
    };
    let kind = |path: &str| {
        path.split('?')
            .next()
            .unwrap_or_default()
            .split('/')
            .map(|s| {
                if uuid::Uuid::parse_str(s).is_ok() {
                    "{id}"
                } else {
                    s
                }
            })
            .collect::<Vec<_>>()
            .join("/")
    };
    let mut failures = Vec::new();
    let mut visited_total = 0;
    for user in [
        "vanphong",
        "bgh",
        "ctsv",
        "gvcn",
        "baove",
        "sinhvien",
        "congan.tinh",
    ] {
        let phone = browser(&driver, 360, 740).await;
        log_in(&phone, &base, user).await;
        shot(&phone, &format!("home-{user}-phone")).await;
        // The menu folds behind one button, and the button opens it.
        let shown = "return getComputedStyle(document.getElementById('menu')).display";
        assert_eq!(
            phone.execute(shown, vec![]).await.unwrap(),
            json!("none"),
            "{user}"
        );
        click(&phone, ".menu-toggle").await;
        assert_eq!(
            phone.execute(shown, vec![]).await.unwrap(),
            json!("flex"),
            "{user}"
        );
        shot(&phone, &format!("menu-{user}-phone")).await;
        let mut queue = std::collections::VecDeque::from([String::from("/")]);
        let mut seen = std::collections::HashSet::new();
        let mut kinds: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
        let mut visited = 0;
        while let Some(path) = queue.pop_front() {
            if visited >= 120 {
                break;
            }
            let count = kinds.entry(kind(&path)).or_default();
            if *count >= 2 {
                continue;
            }
            *count += 1;
            phone.goto(&format!("{base}{path}")).await.unwrap();
            visited += 1;
            let found = phone.execute(overflow, vec![]).await.unwrap();
            let (wide, width) = (found[0].as_i64().unwrap(), found[1].as_i64().unwrap());
            if wide > width + 1 {
                failures.push(format!(
                    "{user} {path}: {wide} px wide on {width} px: {}",
                    found[2]
                ));
            }
            let links = phone
                .execute(
                    "return Array.from(document.querySelectorAll('a[href]'))
                       .filter(a => !a.hasAttribute('download'))
                       .map(a => a.getAttribute('href'))",
                    vec![],
                )
                .await
                .unwrap();
            for href in links.as_array().unwrap().iter().filter_map(|h| h.as_str()) {
                let href = href.split('#').next().unwrap_or_default();
                if href.starts_with('/') && !skip(href) && seen.insert(href.to_owned()) {
                    queue.push_back(href.to_owned());
                }
            }
        }
        visited_total += visited;
        assert!(visited > 3, "{user} reached only {visited} pages");
        phone.close().await.unwrap();
    }
    antt_testkit::say(&format!("phone widths: {visited_total} pages visited"));
    assert!(
        failures.is_empty(),
        "pages that scroll sideways at 360 px:\n{}",
        failures.join("\n")
    );
}

/// On a phone the lists people work from are cards: no header row, each
/// cell named by its column; the homeroom teacher reads their class so,
/// and the duty officer the tip inbox.
#[tokio::test]
async fn lists_become_cards_on_a_phone() {
    let Some(driver) = driver().await else { return };
    let app = apps().await.remove(0);
    let base = serve(&app).await;
    let header_hidden = "const h = document.querySelector('table.cards thead');
        return h ? getComputedStyle(h).position : 'no table'";
    let label = "const c = document.querySelector('table.cards td:nth-child(2)');
        return c ? getComputedStyle(c, '::before').content : 'no cell'";
    for (user, path, name, text) in [
        ("gvcn", "/my-class", "my-class", "Lớp chủ nhiệm: "),
        ("vanphong", "/tips", "tips-inbox", "Ghi nhận tin báo"),
        ("vanphong", "/people?q=nguyen", "people", "Nguyễn"),
        ("vanphong", "/duty", "duty-roster", "Các ca trực"),
        (
            "baove",
            "/duty/mine",
            "duty-mine",
            "Thêm vào lịch điện thoại",
        ),
    ] {
        let phone = browser(&driver, 390, 844).await;
        log_in(&phone, &base, user).await;
        phone.goto(&format!("{base}{path}")).await.unwrap();
        wait_for_text(&phone, text).await;
        shot(&phone, &format!("{name}-cards-phone")).await;
        assert_eq!(
            phone.execute(header_hidden, vec![]).await.unwrap(),
            json!("absolute"),
            "{path}: the header row is out of sight on a phone"
        );
        let content = phone.execute(label, vec![]).await.unwrap();
        assert!(
            content.as_str().is_some_and(|c| c.len() > 2 && c != "none"),
            "{path}: a cell carries its column's name, got {content}"
        );
        phone.set_window_size(1366, 900).await.unwrap();
        phone.refresh().await.unwrap();
        wait_for_text(&phone, text).await;
        assert_eq!(
            phone.execute(header_hidden, vec![]).await.unwrap(),
            json!("static"),
            "{path}: a desktop keeps the table"
        );
        if user == "gvcn" {
            shot(&phone, "my-class-desktop").await;
        }
        phone.close().await.unwrap();
    }
}

/// The checkpoints the demo's guard has scanned tonight, in order.
async fn scanned_by_guard(app: &App, unit: antt_domain::UnitId) -> Vec<String> {
    let patrols = app.antt.patrols();
    let n = patrols
        .night(
            &antt_core::Actor::command_line(),
            unit,
            patrols.current_night(),
        )
        .await
        .unwrap();
    n.scans
        .iter()
        .filter(|s| s.account == "baove")
        .map(|s| n.checkpoint_name(s.checkpoint_id))
        .collect()
}

/// Gives the scan page's "Chụp ảnh nhãn" a photo, as the phone's camera
/// would.
async fn show_photo(c: &Client, photo: &tempfile::NamedTempFile) {
    c.find(Locator::Css("#scan-photo"))
        .await
        .unwrap()
        .send_keys(&photo.path().display().to_string())
        .await
        .unwrap();
}

/// A checkpoint label's QR code as a photo the phone took of it.
fn label_photo(base: &str, code: &str, secret: &str) -> tempfile::NamedTempFile {
    let text = antt_domain::patrol::label_text(base, code, secret);
    let png = antt_docgen::poster::qr_png(&text, 6).expect("a QR code");
    let file = tempfile::Builder::new()
        .prefix(&format!("nhan-{code}-"))
        .suffix(".png")
        .tempfile()
        .unwrap();
    std::fs::write(file.path(), png).unwrap();
    file
}

#[tokio::test]
async fn a_guard_takes_over_scans_three_checkpoints_one_offline_records_a_visitor_and_hands_over() {
    let Some(driver) = driver().await else { return };
    let app = apps().await.remove(0);
    // The phone's clock is today's: the server's is brought to it, so
    // the times the phone gives are neither ahead nor long past.
    app.clock.advance(
        antt_core::clock::Clock::now(&antt_core::clock::SystemClock) - app.antt.now()
            + chrono::Duration::seconds(1),
    );
    let base = serve(&app).await;
    let cdlc = app.unit("CDLC").await;
    let points = app
        .antt
        .patrols()
        .checkpoints(&antt_core::Actor::command_line(), cdlc)
        .await
        .unwrap();
    let campus = points.iter().find(|c| c.code == "A1").unwrap().campus_id;
    let photo = |code: &str| {
        let c = points.iter().find(|c| c.code == code).unwrap();
        label_photo(&base, &c.code, &c.secret)
    };
    let c = browser(&driver, 390, 844).await;
    log_in(&c, &base, "baove").await;
    // Dialogs ("Giao ca?") are answered yes, as the guard would.
    c.execute("window.confirm = () => true;", vec![])
        .await
        .unwrap();

    c.goto(&format!("{base}/gate")).await.unwrap();
    wait_for_text(&c, "Nhận ca").await;
    type_into(
        &c,
        "textarea[name=received]",
        "Chìa khóa cổng, bộ đàm, đèn pin",
    )
    .await;
    click(&c, "form[action='/gate/take-over'] button[type=submit]").await;
    wait_for_text(&c, "Ca đang trực").await;
    shot(&c, "gate-shift-phone").await;

    // A1 online: the photo of the label is read in the page (jsQR) and
    // recorded at once.
    click(&c, "a[href='/gate/scan']").await;
    wait_for_text(&c, "Quét điểm tuần tra").await;
    let a1 = photo("A1");
    show_photo(&c, &a1).await;
    wait_for_text(&c, "Đã ghi nhận: A1 – Cổng chính").await;
    shot(&c, "patrol-scan-phone").await;

    // A2 in a dead corner: no connection; the scan waits on the phone
    // with its time.
    c.execute(
        "Object.defineProperty(navigator, 'onLine', { get: () => false, configurable: true });",
        vec![],
    )
    .await
    .unwrap();
    let a2 = photo("A2");
    show_photo(&c, &a2).await;
    wait_for_text(&c, "1 mục đang chờ gửi").await;
    shot(&c, "patrol-scan-offline-phone").await;
    assert_eq!(
        scanned_by_guard(&app, cdlc).await,
        ["A1 – Cổng chính"],
        "A2 not sent yet"
    );
    // The connection returns: the queue sends A2 with the time it was
    // scanned.
    c.execute(
        "Object.defineProperty(navigator, 'onLine', { get: () => true, configurable: true });
         window.dispatchEvent(new Event('online'));",
        vec![],
    )
    .await
    .unwrap();
    for _ in 0..50 {
        if scanned_by_guard(&app, cdlc).await.len() == 2 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    wait_for_text(&c, "Quét điểm tuần tra").await;
    let a3 = photo("A3");
    show_photo(&c, &a3).await;
    wait_for_text(&c, "Đã ghi nhận: A3 – Nhà để xe sinh viên").await;
    assert_eq!(
        scanned_by_guard(&app, cdlc).await,
        [
            "A1 – Cổng chính",
            "A2 – Hàng rào sau ký túc xá",
            "A3 – Nhà để xe sinh viên"
        ]
    );

    // A visitor at the gate.
    c.goto(&format!("{base}/gate/visitors")).await.unwrap();
    wait_for_text(&c, "Khách vào").await;
    type_into(&c, "input[name=name]", "Lê Văn Khoa").await;
    type_into(&c, "input[name=visiting]", "Phòng CTSV – đón con về quê").await;
    type_into(&c, "input[name=number]", "015098001234").await;
    click(&c, "form[action='/gate/visitors'] button[type=submit]").await;
    let page = wait_for_text(&c, "Lê Văn Khoa").await;
    assert!(
        page.contains("…1234") && !page.contains("015098001234"),
        "{page}"
    );
    shot(&c, "gate-visitors-phone").await;

    // Hand over.
    c.goto(&format!("{base}/gate")).await.unwrap();
    wait_for_text(&c, "Giao ca").await;
    c.execute("window.confirm = () => true;", vec![])
        .await
        .unwrap();
    type_into(
        &c,
        "textarea[name=notes]",
        "Khách Lê Văn Khoa chưa ra; đã tuần tra A1–A3",
    )
    .await;
    click(&c, "form[action='/gate/hand-over'] button[type=submit]").await;
    wait_for_text(&c, "Nhận ca").await;
    let today = antt_domain::time::local_date(app.antt.now());
    let office = antt_core::Actor::command_line();
    let logs = app
        .antt
        .shift_logs()
        .day(&office, cdlc, campus, today)
        .await
        .unwrap();
    assert!(
        logs.iter().any(|l| l
            .log
            .handover_notes
            .as_deref()
            .is_some_and(|n| n.contains("Lê Văn Khoa chưa ra"))),
        "handed over"
    );
    c.close().await.unwrap();
}

#[tokio::test]
async fn a_guard_scans_a_label_fails_the_check_the_office_sees_it_and_a_student_reports_a_fault() {
    use antt_domain::equipment::EquipmentKind;
    let Some(driver) = driver().await else { return };
    let app = apps().await.remove(0);
    let base = serve(&app).await;
    let unit = app.unit("CDLC").await;
    let cli = antt_core::Actor::command_line();
    let items = app.antt.equipment().items(&cli, unit).await.unwrap();
    let first = |kind: EquipmentKind| {
        items
            .iter()
            .find(|i| i.item.kind == kind && i.open_faults == 0)
            .unwrap()
            .item
            .clone()
    };
    let bottle = first(EquipmentKind::PowderExtinguisher);
    let camera = first(EquipmentKind::Camera);

    // The guard's phone camera opens the label's address; the guard signs
    // in from it and lands on the item, then fails the check.
    let c = browser(&driver, 390, 844).await;
    c.goto(&format!("{base}/e/{}", bottle.label)).await.unwrap();
    wait_for_text(&c, &bottle.code).await;
    click(&c, "a[href^='/login?next=']").await;
    wait_for_text(&c, "Mật khẩu").await;
    submit_login(&c, "baove").await;
    wait_for_text(&c, "Kiểm tra định kỳ").await;
    // The checklist, question by question: the pressure is not right.
    click(&c, "input[name=q2][value=no]").await;
    type_into(
        &c,
        "form.checklist textarea[name=note]",
        "Kim áp suất chỉ vùng đỏ",
    )
    .await;
    shot(&c, "equipment-check-phone").await;
    click(&c, "form.checklist button[type=submit]").await;
    let page = wait_for_text(&c, "Hỏng, chờ sửa").await;
    assert!(
        page.contains("Không đạt: Kim đồng hồ áp suất ở vùng xanh")
            && page.contains("Kim áp suất chỉ vùng đỏ"),
        "{page}"
    );
    c.close().await.unwrap();

    // The office sees the fault at the top of the register.
    let o = browser(&driver, 1366, 900).await;
    log_in(&o, &base, "vanphong").await;
    o.goto(&format!("{base}/equipment")).await.unwrap();
    let page = wait_for_text(&o, "Kim áp suất chỉ vùng đỏ").await;
    assert!(page.contains(&bottle.code), "{page}");
    shot(&o, "equipment-office").await;
    o.close().await.unwrap();

    // A student with no account reports a camera from its label.
    let s = browser(&driver, 390, 844).await;
    s.goto(&format!("{base}/e/{}", camera.label)).await.unwrap();
    wait_for_text(&s, "Gửi báo hỏng").await;
    type_into(&s, "textarea[name=description]", "Camera không sáng đèn").await;
    shot(&s, "equipment-fault-form-phone").await;
    click(&s, "form button[type=submit]").await;
    wait_for_text(&s, "Đã gửi báo hỏng").await;
    shot(&s, "equipment-fault-sent-phone").await;
    s.close().await.unwrap();
    let page = app
        .antt
        .equipment()
        .item(&cli, unit, camera.id)
        .await
        .unwrap();
    assert_eq!(page.faults.len(), 1);
    assert_eq!(page.faults[0].description, "Camera không sáng đèn");
    assert!(page.faults[0].reported_by.is_none());
}

#[tokio::test]
async fn a_room_leader_calls_the_roll_with_one_absent_and_the_supervisor_records_the_leave_late() {
    let Some(driver) = driver().await else { return };
    let app = apps().await.remove(0);
    let base = serve(&app).await;
    let cdlc = app.unit("CDLC").await;

    // The room leader, on a phone at 21:40: their room is not called yet.
    let c = browser(&driver, 390, 844).await;
    log_in(&c, &base, "sinhvien").await;
    c.goto(&format!("{base}/dorm")).await.unwrap();
    wait_for_text(&c, "Phòng tôi là trưởng phòng").await;
    c.find(Locator::LinkText("Điểm danh tối nay"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    wait_for_text(&c, "Lưu điểm danh").await;
    // The second bed's student is absent: one tap on "Vắng".
    let rows = c.find_all(Locator::Css("ul.roll > li")).await.unwrap();
    assert!(rows.len() >= 2, "a room with residents");
    let missing = rows[1]
        .find(Locator::Css(".who b"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    rows[1]
        .find(Locator::Css("label.absent"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    shot(&c, "dorm-rollcall-phone").await;
    click(&c, "form.stack button[type=submit]").await;
    let page = wait_for_text(&c, "Đã lưu điểm danh").await;
    assert!(
        page.contains("Đã báo ngay quản sinh và giáo viên chủ nhiệm"),
        "{page}"
    );
    c.close().await.unwrap();

    // The homeroom teacher is told on their home page.
    let t = browser(&driver, 390, 844).await;
    log_in(&t, &base, "gvcn").await;
    let home = wait_for_text(&t, "Báo vắng ký túc xá").await;
    assert!(home.contains(&missing), "{home}");
    t.close().await.unwrap();

    // The supervisor sees the absence on the night's page and records the
    // leave the student had, late.
    let s = browser(&driver, 390, 844).await;
    log_in(&s, &base, "ctsv").await;
    let home = wait_for_text(&s, "Báo vắng ký túc xá").await;
    assert!(home.contains(&missing), "{home}");
    s.goto(&format!("{base}/dorm")).await.unwrap();
    let night = wait_for_text(&s, "Vắng không phép").await;
    assert!(night.contains(&missing), "{night}");
    shot(&s, "dorm-night-phone").await;
    let item = s.find_all(Locator::Css("#absent li.check")).await.unwrap();
    let mut theirs = None;
    for li in item {
        if li.text().await.unwrap().contains(&missing) {
            theirs = Some(li);
        }
    }
    let li = theirs.expect("the absent student's line");
    li.find(Locator::Css("summary"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    li.find(Locator::Css("input[name=reason]"))
        .await
        .unwrap()
        .send_keys("Về nhà lấy đồ, quên xin phép; đã về lúc 6 giờ 30")
        .await
        .unwrap();
    li.find(Locator::Css("button[type=submit]"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    wait_for_text(&s, "Vắng không phép").await;
    let absent = s
        .find(Locator::Css("#absent"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(!absent.contains(&missing), "{absent}");
    s.close().await.unwrap();

    // The night's record agrees: out with a leave recorded late.
    let head = antt_core::Actor::command_line();
    let leave = app.antt.dorms().leave_board(&head, cdlc).await.unwrap();
    assert!(
        leave
            .recent
            .iter()
            .any(|(l, p)| l.late && p.full_name == missing),
        "{leave:?}"
    );
}
