//! `antt bundle …`: a school on its own copy sends its year to the
//! province as a signed bundle; the province registers the school's key
//! and imports its bundles.

use anyhow::{Context as _, Result};

use antt_core::Actor;
use antt_core::bundle::MAX_BUNDLE;
use antt_domain::time::format_instant;

use crate::cli::BundleCommand;
use crate::commands::{explain, open};
use crate::config::Config;
use crate::fire::{unit_of, write_new};

pub(crate) async fn bundle(config: &Config, command: BundleCommand) -> Result<()> {
    let antt = open(config).await?;
    let actor = Actor::command_line();
    match command {
        BundleCommand::Key => {
            let key = antt.bundles().public_key(&actor).await.map_err(explain)?;
            println!("{}", key.key);
            eprintln!(
                "Dấu khóa (đọc cho cơ quan Công an khi đăng ký): {}",
                key.fingerprint
            );
        }
        BundleCommand::Export { unit, year, output } => {
            let unit = unit_of(&antt, &unit).await?;
            let file = antt
                .bundles()
                .export(&actor, unit, year)
                .await
                .map_err(explain)?;
            write_new(&output, &file.bytes)?;
        }
        BundleCommand::Register { unit, key, remove } => {
            let id = unit_of(&antt, &unit).await?;
            let key = if remove { None } else { key };
            antt.bundles()
                .register_key(&actor, id, key.as_deref())
                .await
                .map_err(explain)?;
            match key {
                Some(k) => println!(
                    "Đã đăng ký khóa cho {unit} (dấu khóa {}): đơn vị gửi số liệu bằng gói đã ký.",
                    antt_domain::bundle::fingerprint(&k.trim().to_ascii_lowercase())
                ),
                None => println!("Đã bỏ khóa của {unit}: đơn vị dùng antt tại đây."),
            }
        }
        BundleCommand::Import { file } => {
            let size = std::fs::metadata(&file)
                .with_context(|| format!("đọc {}", file.display()))?
                .len();
            if size > MAX_BUNDLE as u64 {
                anyhow::bail!(
                    "{} quá lớn cho một gói dữ liệu ({size} byte)",
                    file.display()
                );
            }
            let bytes = std::fs::read(&file).with_context(|| format!("đọc {}", file.display()))?;
            let done = antt
                .bundles()
                .import(&actor, &bytes)
                .await
                .map_err(explain)?;
            println!(
                "Đã nhập gói năm {} của {} ({}), lập lúc {}: {} văn bản{}{}.",
                done.year,
                done.unit.name,
                done.unit.code,
                format_instant(done.made_at),
                done.papers,
                done.state
                    .map(|s| format!(", hồ sơ: {}", antt_words::assessment_state(s)))
                    .unwrap_or_default(),
                if done.replaced {
                    ", thay gói trước"
                } else {
                    ""
                }
            );
        }
    }
    Ok(())
}
