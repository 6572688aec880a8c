//! Each command is a thin call into `antt_core`, the same use cases the
//! web screens call.

use std::io::{BufRead, IsTerminal, Write};
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Duration;

use anyhow::{Context, Result, bail};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use antt_core::clock::SystemClock;
use antt_core::export::ExportFormat;
use antt_core::import::ImportOptions;
use antt_core::password::Passwords;
use antt_core::{Actor, Antt, CoreError};
use antt_domain::page::PageRequest;
use antt_domain::unit::{NewUnit, SchoolLevel};
use antt_domain::user::NewUser;
use antt_words as i18n;

use crate::cli::{
    Command, ConfigCommand, DbCommand, ExportCommand, ImportCommand, PlanCommand, ReportCommand,
    RubricCommand, ServeArgs, TipKeyCommand, UnitCommand, UserCommand,
};
use crate::config::{Config, DEFAULT_FILE};

fn passwords(config: &Config) -> Passwords {
    if config.fast_passwords {
        Passwords::Fast
    } else {
        Passwords::Standard
    }
}

/// The clock: the system's, or, when `ANTT_CLOCK` names an instant (RFC
/// 3339, "2026-11-21T01:00:00Z"), that instant standing still: for tests
/// and scripts that need the demo's day at any hour of the real one.
fn clock() -> Arc<dyn antt_core::clock::Clock> {
    match std::env::var("ANTT_CLOCK")
        .ok()
        .and_then(|t| chrono::DateTime::parse_from_rfc3339(t.trim()).ok())
    {
        Some(at) => Arc::new(antt_core::clock::FixedClock::new(at.to_utc())),
        None => Arc::new(SystemClock),
    }
}

/// The database at `url`, brought up to date, without its key.
async fn open_database(url: &str, config: &Config) -> Result<Antt> {
    Antt::open(url, clock(), passwords(config))
        .await
        .map_err(|e| anyhow::anyhow!("cannot open the database: {e}"))
}

pub(crate) async fn open(config: &Config) -> Result<Antt> {
    Ok(open_with_key(config).await?.0)
}

/// The application over the configured database with its tip key, checked
/// against the data (see [`crate::keys`]).
async fn open_with_key(config: &Config) -> Result<(Antt, antt_core::sealed::TipKey)> {
    let antt = open_database(&config.database_url()?, config).await?;
    let (antt, key) = crate::keys::attach(antt, config).await?;
    let antt = match &config.webhook {
        Some((url, secret)) => antt.with_webhook(
            antt_mail::hook::Webhook::new(url, secret).context("webhook_url")?,
            config.public_url.clone(),
        ),
        None => antt,
    };
    Ok((antt, key))
}

/// A use-case error as a Vietnamese sentence for the terminal.
/// Reads and checks a rubric file; a refusal lists every problem by line.
fn read_rubric(file: &std::path::Path) -> Result<antt_domain::rubric::Rubric> {
    let text = std::fs::read_to_string(file).with_context(|| format!("đọc {}", file.display()))?;
    antt_domain::rubric::parse(&text).map_err(|errors| {
        let lines: Vec<String> = errors
            .iter()
            .map(|e| format!("  {}", i18n::rubric_problem(e)))
            .collect();
        anyhow::anyhow!("{} chưa hợp lệ:\n{}", file.display(), lines.join("\n"))
    })
}

pub(crate) fn explain(e: CoreError) -> anyhow::Error {
    match e {
        CoreError::Invalid(errors) => {
            let lines: Vec<String> = errors
                .iter()
                .map(|e| format!("  {}: {}", i18n::field(e.field), i18n::error(e.code)))
                .collect();
            anyhow::anyhow!("dữ liệu chưa hợp lệ:\n{}", lines.join("\n"))
        }
        CoreError::NotFound => anyhow::anyhow!("không tìm thấy"),
        CoreError::Forbidden => anyhow::anyhow!("không có quyền"),
        e => anyhow::anyhow!("{e}"),
    }
}

pub(crate) fn bar(len: u64, message: &'static str) -> ProgressBar {
    let bar = ProgressBar::with_draw_target(
        Some(len),
        if std::io::stderr().is_terminal() {
            ProgressDrawTarget::stderr()
        } else {
            ProgressDrawTarget::hidden()
        },
    );
    if let Ok(style) = ProgressStyle::with_template("{msg} [{bar:30}] {pos}/{len}") {
        bar.set_style(style.progress_chars("=> "));
    }
    bar.set_message(message);
    bar
}

async fn load_demo(antt: &Antt) -> Result<()> {
    let progress = bar(6, "Nạp dữ liệu mẫu");
    let report = |done: u64, _all: u64| progress.set_position(done);
    antt.load_demo(&report).await.map_err(explain)?;
    progress.finish_and_clear();
    Ok(())
}

fn print_logins() {
    println!(
        "Tài khoản mẫu (mật khẩu: {}):",
        antt_core::demo::DEMO_PASSWORD
    );
    for l in antt_core::demo::logins() {
        println!("  {:<15} {:<8} {}", l.username, l.unit, i18n::role(l.role));
    }
}

pub(crate) async fn run(command: Option<Command>, config: Config) -> Result<ExitCode> {
    match command.unwrap_or(Command::Serve(ServeArgs::default())) {
        Command::Serve(args) => {
            let antt = open(&config).await?;
            if args.demo {
                if antt.units().count().await.map_err(explain)? == 0 {
                    load_demo(&antt).await?;
                    println!("Đã nạp dữ liệu mẫu: Trường Cao đẳng Lào Cai, Công an tỉnh Lào Cai.");
                } else {
                    println!("Cơ sở dữ liệu đã có dữ liệu; không nạp lại dữ liệu mẫu.");
                }
                print_logins();
            }
            println!(
                "antt đang chạy: http://{}/  (Ctrl+C để dừng)",
                config.listen
            );
            let _ = std::io::stdout().flush();
            crate::serve::serve(antt, &config).await?;
        }
        Command::Migrate => {
            open(&config).await?;
            println!("Cơ sở dữ liệu đã ở phiên bản mới nhất.");
        }
        Command::Demo => {
            let antt = open(&config).await?;
            load_demo(&antt).await?;
            println!("Đã nạp dữ liệu mẫu.");
            print_logins();
        }
        Command::Unit(UnitCommand::List) => {
            let antt = open(&config).await?;
            let actor = Actor::command_line();
            let mut page = 1;
            loop {
                let units = antt
                    .units()
                    .list(
                        &actor,
                        None,
                        None,
                        PageRequest::new(Some(page), Some(PageRequest::MAX_PER_PAGE)),
                    )
                    .await
                    .map_err(explain)?;
                for u in &units.items {
                    println!("{:<12} {:<16} {}", u.code, u.kind.code(), u.name);
                }
                if page >= units.pages() {
                    break;
                }
                page += 1;
            }
        }
        Command::Unit(UnitCommand::Add {
            code,
            name,
            kind,
            address,
            authority,
            level,
        }) => {
            let level = match level.as_deref() {
                Some(code) => Some(SchoolLevel::parse(code).ok_or_else(|| {
                    anyhow::anyhow!(
                        "cấp học “{code}” không có; dùng preschool, primary, lower_secondary, upper_secondary, multi_level, vocational hoặc university"
                    )
                })?),
                None => None,
            };
            let antt = open(&config).await?;
            let actor = Actor::command_line();
            let authority_id = match authority {
                Some(code) => Some(
                    antt.units()
                        .by_code(&actor, &code)
                        .await
                        .map_err(|_| anyhow::anyhow!("không có đơn vị mã {code}"))?
                        .id,
                ),
                None => None,
            };
            let unit = NewUnit::parse(&kind, &code, &name, address.as_deref(), authority_id)
                .map_err(|e| explain(CoreError::Invalid(e)))?;
            let created = antt.units().create(&actor, unit).await.map_err(explain)?;
            if level.is_some() {
                antt.units()
                    .set_school_level(&actor, created.id, level)
                    .await
                    .map_err(explain)?;
            }
            println!("Đã thêm đơn vị {} ({}).", created.name, created.code);
        }
        Command::User(UserCommand::Add {
            unit,
            role,
            username,
            display_name,
            password_stdin,
        }) => {
            let antt = open(&config).await?;
            let actor = Actor::command_line();
            let unit = antt
                .units()
                .by_code(&actor, &unit)
                .await
                .map_err(|_| anyhow::anyhow!("không có đơn vị mã {unit}"))?;
            let new = NewUser::parse(
                &username,
                display_name.as_deref().unwrap_or(""),
                &role,
                None,
                None,
                None,
            )
            .map_err(|e| explain(CoreError::Invalid(e)))?;
            let password = read_password(password_stdin)?;
            let created = antt
                .accounts()
                .create(&actor, unit.id, new, &password)
                .await
                .map_err(explain)?;
            println!(
                "Đã tạo tài khoản {} ({}) của {}.",
                created.username,
                i18n::role(created.role),
                unit.name
            );
        }
        Command::Import(ImportCommand::People {
            file,
            unit,
            dry_run,
            kind,
            create_missing,
            only_valid,
            confirm_renames,
        }) => {
            let kind = match kind.as_deref() {
                None => None,
                Some(k) => Some(
                    antt_domain::person::PersonKind::parse(k)
                        .ok_or_else(|| anyhow::anyhow!("--kind phải là staff hoặc student"))?,
                ),
            };
            let options = ImportOptions {
                kind,
                create_missing,
                only_valid,
                confirm_renames,
            };
            let antt = open(&config).await?;
            return crate::import::people(&antt, &file, &unit, options, dry_run).await;
        }
        Command::Export(ExportCommand::People {
            unit,
            format,
            template,
            output,
            force,
        }) => {
            if output.exists() && !force {
                bail!(
                    "{} đã có; hãy chọn tên tệp khác hoặc thêm --force để ghi đè",
                    output.display()
                );
            }
            let format = ExportFormat::parse(&format)
                .ok_or_else(|| anyhow::anyhow!("--format phải là xlsx hoặc csv"))?;
            let antt = open(&config).await?;
            let actor = Actor::command_line();
            let unit = antt
                .units()
                .by_code(&actor, &unit)
                .await
                .map_err(|_| anyhow::anyhow!("không có đơn vị mã {unit}"))?;
            let file = if template {
                antt.people().template(&actor, unit.id).await
            } else {
                let filter = antt_domain::person::PersonFilter::default();
                antt.people().export(&actor, unit.id, &filter, format).await
            }
            .map_err(explain)?;
            std::fs::write(&output, &file.bytes)
                .with_context(|| format!("ghi {}", output.display()))?;
            println!("Đã ghi {} ({} byte).", output.display(), file.bytes.len());
        }
        Command::Readiness { unit, year, json } => {
            let antt = open(&config).await?;
            let actor = Actor::command_line();
            let unit = antt
                .units()
                .by_code(&actor, &unit)
                .await
                .map_err(|_| anyhow::anyhow!("không có đơn vị mã {unit}"))?;
            let year = year.unwrap_or_else(|| {
                antt_core::assessment::assessment_year(antt_domain::time::local_date(antt.now()))
            });
            let r = antt
                .assessment()
                .readiness(&actor, unit.id, year)
                .await
                .map_err(explain)?;
            if json {
                println!("{}", crate::readiness::json(&r));
            } else {
                print!("{}", crate::readiness::text(&r));
            }
        }
        Command::Rubric(RubricCommand::Check { file }) => {
            let rubric = read_rubric(&file)?;
            println!(
                "{}: hợp lệ ({}, {} mục/tiêu chí{}).",
                file.display(),
                rubric.title,
                rubric.leaves().len() + rubric.criteria.len(),
                if rubric.provisional {
                    ", có mục tạm thời"
                } else {
                    ""
                }
            );
        }
        Command::Rubric(RubricCommand::Show { code }) => {
            let text = antt_domain::rubric::BUILT_IN
                .iter()
                .find(|t| antt_domain::rubric::parse(t).is_ok_and(|r| r.code == code))
                .ok_or_else(|| anyhow::anyhow!("không có bộ tiêu chí mã {code}"))?;
            print!("{text}");
        }
        Command::Rubric(RubricCommand::Load { file, authority }) => {
            let rubric = read_rubric(&file)?;
            if rubric.kind != antt_domain::rubric::RubricKind::Score {
                bail!("chỉ nạp được bảng chấm điểm (kind = \"score\")");
            }
            let antt = open(&config).await?;
            let actor = Actor::command_line();
            let unit = antt
                .units()
                .by_code(&actor, &authority)
                .await
                .map_err(|_| anyhow::anyhow!("không có đơn vị mã {authority}"))?;
            if !unit.kind.is_authority() {
                bail!("{} không phải cơ quan Công an", unit.name);
            }
            antt.assessment()
                .keep_rubric(&actor, unit.id, &rubric)
                .await
                .map_err(explain)?;
            println!(
                "Đã nạp {} cho {}: {} mục, {} điểm.",
                rubric.code,
                unit.name,
                rubric.leaves().len(),
                rubric.total.display()
            );
        }
        Command::Report(ReportCommand::Yearly {
            unit,
            year,
            output,
            force,
        }) => {
            if output.exists() && !force {
                bail!(
                    "{} đã có; hãy chọn tên tệp khác hoặc thêm --force để ghi đè",
                    output.display()
                );
            }
            let antt = open(&config).await?;
            let actor = Actor::command_line();
            let unit = antt
                .units()
                .by_code(&actor, &unit)
                .await
                .map_err(|_| anyhow::anyhow!("không có đơn vị mã {unit}"))?;
            let file = antt
                .assessment()
                .yearly_report(&actor, unit.id, year)
                .await
                .map_err(explain)?;
            std::fs::write(&output, &file.bytes)
                .with_context(|| format!("ghi {}", output.display()))?;
            println!("Đã ghi {} ({} byte).", output.display(), file.bytes.len());
        }
        Command::Report(ReportCommand::Province {
            authority,
            year,
            years,
            output,
        }) => {
            let antt = open(&config).await?;
            let actor = Actor::command_line();
            let authority = crate::fire::unit_of(&antt, &authority).await?;
            let file = antt
                .province()
                .report(&actor, Some(authority), year, years)
                .await
                .map_err(explain)?;
            crate::fire::write_new(&output, &file.bytes)?;
        }
        Command::Plan(PlanCommand::Export {
            unit,
            year,
            output,
            force,
        }) => {
            if output.exists() && !force {
                bail!(
                    "{} đã có; hãy chọn tên tệp khác hoặc thêm --force để ghi đè",
                    output.display()
                );
            }
            let antt = open(&config).await?;
            let actor = Actor::command_line();
            let unit = antt
                .units()
                .by_code(&actor, &unit)
                .await
                .map_err(|_| anyhow::anyhow!("không có đơn vị mã {unit}"))?;
            let plan = antt
                .plans()
                .of_year(&actor, unit.id, year)
                .await
                .map_err(explain)?
                .ok_or_else(|| anyhow::anyhow!("{} chưa có kế hoạch năm {year}", unit.name))?;
            let file = antt
                .plans()
                .document(&actor, unit.id, plan.id)
                .await
                .map_err(explain)?;
            std::fs::write(&output, &file.bytes)
                .with_context(|| format!("ghi {}", output.display()))?;
            println!("Đã ghi {} ({} byte).", output.display(), file.bytes.len());
        }
        Command::Remind => {
            let Some(mail) = &config.mail else {
                bail!("chưa cấu hình máy chủ thư: đặt smtp_url (hoặc ANTT_SMTP_URL) rồi chạy lại");
            };
            let mailer = antt_mail::Mailer::new(&mail.smtp_url, &mail.from)
                .context("smtp_url hoặc mail_from không hợp lệ")?;
            let antt = open(&config).await?;
            let r = antt
                .reminders()
                .send(&mailer, config.public_url.as_deref())
                .await
                .map_err(explain)?;
            println!(
                "Đã gửi {} thư nhắc việc; {} người đã nhận hôm nay; {} người chưa có địa chỉ thư.",
                r.sent, r.already, r.without_address
            );
            for (user, error) in &r.failed {
                println!("Không gửi được cho {user}: {error}");
            }
            if !r.failed.is_empty() {
                return Ok(ExitCode::FAILURE);
            }
        }
        Command::Db(DbCommand::Backup { output }) => {
            if output.exists() {
                bail!(
                    "{} đã có; hãy chọn tên tệp khác (không ghi đè)",
                    output.display()
                );
            }
            let key_file = crate::keys::beside(&output);
            if key_file.exists() {
                bail!(
                    "{} đã có; hãy chọn tên tệp khác (không ghi đè)",
                    key_file.display()
                );
            }
            let (antt, key) = open_with_key(&config).await?;
            let spinner = bar(1, "Đang sao lưu");
            spinner.enable_steady_tick(Duration::from_millis(120));
            antt.database()
                .backup(&output)
                .await
                .map_err(explain)
                .with_context(|| format!("sao lưu vào {}", output.display()))?;
            let key_file = match crate::keys::write_beside(&key, &output) {
                Ok(path) => path,
                Err(e) => {
                    // A backup without its key is worth nothing: none.
                    let _ = std::fs::remove_file(&output);
                    return Err(e);
                }
            };
            spinner.finish_and_clear();
            println!(
                "Đã sao lưu vào {}; khóa tin báo ở {}.\nHãy cất hai tệp cùng nhau, ở nơi an toàn: thiếu khóa, các tin báo trong bản sao lưu không đọc được; có khóa, ai cũng đọc được.",
                output.display(),
                key_file.display()
            );
        }
        Command::Db(DbCommand::Restore { file, key }) => {
            let restored = crate::keys::restore(&config, &file, key.as_deref(), async |url| {
                open_database(url, &config).await
            })
            .await?;
            println!(
                "Đã khôi phục {} cùng khóa của nó (khóa khớp; nhật ký {} mục, chuỗi băm khớp).",
                file.display(),
                restored.audit_entries
            );
            for kept in &restored.kept {
                println!("Tệp cũ được giữ lại: {}", kept.display());
            }
        }
        Command::TipKey(TipKeyCommand::Rotate) => {
            let (antt, key) = open_with_key(&config).await?;
            let count = crate::keys::rotate(&antt, &key, &config).await?;
            println!(
                "Đã đổi khóa tin báo: {count} giá trị được niêm phong lại bằng khóa mới (tip.key). Các bản sao lưu trước vẫn cần khóa cũ đi kèm chúng; hãy sao lưu lại ngay (`antt db backup`)."
            );
        }
        Command::Db(DbCommand::Verify) => {
            let antt = Antt::connect(&config.database_url()?, clock(), passwords(&config))
                .await
                .map_err(explain)?;
            let report = antt.database().verify().await.map_err(explain)?;
            for p in &report.integrity_problems {
                println!("Tệp dữ liệu: {p}");
            }
            for m in &report.pending_migrations {
                println!("Chưa cập nhật cấu trúc: {m} (chạy `antt migrate`)");
            }
            for p in &report.audit_problems {
                println!("Nhật ký: {p}");
            }
            if report.is_ok() {
                println!(
                    "Cơ sở dữ liệu toàn vẹn; nhật ký có {} mục, chuỗi băm khớp.",
                    report.audit_entries
                );
            } else {
                println!("PHÁT HIỆN LỖI: xem các dòng trên.");
                return Ok(ExitCode::FAILURE);
            }
        }
        Command::Db(DbCommand::Copy { to }) => {
            let antt = Antt::connect(&config.database_url()?, clock(), passwords(&config))
                .await
                .map_err(explain)?;
            let report = antt.database().copy_to(&to).await.map_err(explain)?;
            for t in &report.tables {
                println!("{:<28} {:>9} → {:>9}", t.table, t.source, t.target);
            }
            let rows: u64 = report.tables.iter().map(|t| t.target).sum();
            for p in &report.audit_problems {
                println!("Nhật ký: {p}");
            }
            if !report.audit_problems.is_empty() {
                println!("PHÁT HIỆN LỖI ở bản sao: xem các dòng trên.");
                return Ok(ExitCode::FAILURE);
            }
            println!(
                "Đã chép {} bảng, {rows} dòng; nhật ký ở bản sao có {} mục, chuỗi băm khớp.",
                report.tables.len(),
                report.audit_entries
            );
            println!(
                "Khóa tin báo không nằm trong cơ sở dữ liệu: chép tệp tip.key sang máy chủ mới (xem docs/province.md)."
            );
        }
        Command::Config(ConfigCommand::PrintDefault) => print!("{DEFAULT_FILE}"),
        Command::Roster(command) => crate::roster::run(command)?,
        Command::Equipment(command) => return crate::fire::equipment(&config, command).await,
        Command::Fire(command) => return crate::fire::fire(&config, command).await,
        Command::Dorm(command) => return crate::dorm::dorm(&config, command).await,
        Command::Province(command) => {
            return crate::province::province(&config, command).await;
        }
        Command::Bundle(command) => crate::bundle::bundle(&config, command).await?,
    }
    Ok(ExitCode::SUCCESS)
}

/// The password of a new account: from standard input, or typed twice at
/// a terminal. Without either, refuse rather than hang.
fn read_password(from_stdin: bool) -> Result<String> {
    if from_stdin {
        let mut line = String::new();
        std::io::stdin()
            .lock()
            .read_line(&mut line)
            .context("đọc mật khẩu từ stdin")?;
        return Ok(line.trim_end_matches(['\r', '\n']).to_owned());
    }
    if !std::io::stdin().is_terminal() {
        bail!("không có terminal để nhập mật khẩu: dùng --password-stdin");
    }
    let first = rpassword::prompt_password("Mật khẩu: ")?;
    let second = rpassword::prompt_password("Nhập lại mật khẩu: ")?;
    if first != second {
        bail!("hai lần nhập mật khẩu không khớp");
    }
    Ok(first)
}
