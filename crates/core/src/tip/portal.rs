//! The public side of tips: anyone, without an account, sends a tip to a
//! unit and gets a receipt code; with the code alone they follow it and
//! answer the handler. Nothing about the sender is asked of the web layer
//! but an opaque key to slow a flood, and nothing of it is stored.

use chrono::Duration;
use rand::Rng;

use antt_domain::audit::{AuditAction, NewAuditEntry, TargetKind};
use antt_domain::org::Campus;
use antt_domain::tip::{
    self, Author, MAX_PHOTOS, TipCategory, TipChannel, TipInput, TipMessage, TipState,
};
use antt_domain::{ErrorCode, TipId, UnitId};
use antt_store::tip as store;

use super::{TipEventKind, Tips, seal_context};
use crate::actor::{Actor, Submission};
use crate::error::{CoreError, CoreResult};
use crate::write::Access;

/// Tips one sender may send in [`FLOOD_WINDOW`].
const SUBMISSIONS_PER_WINDOW: usize = 5;
/// Wrong receipt codes one sender may try in [`FLOOD_WINDOW`].
const GUESSES_PER_WINDOW: usize = 10;
const FLOOD_WINDOW: Duration = Duration::minutes(10);

/// What the portal shows of a unit.
#[derive(Clone, Debug)]
pub struct PortalUnit {
    pub id: UnitId,
    pub code: String,
    pub name: String,
    pub campuses: Vec<Campus>,
}

/// A tip as sent, with its receipt.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Submitted {
    pub id: TipId,
    /// The 16 digits; shown once, never stored.
    pub receipt: String,
    pub number: u32,
    pub urgent: bool,
}

/// What the holder of a receipt sees.
#[derive(Clone, Debug)]
pub struct ReporterView {
    pub unit_name: String,
    pub number: u32,
    pub category: TipCategory,
    pub state: TipState,
    pub received_at: chrono::DateTime<chrono::Utc>,
    /// The conversation, without the handlers' notes or names.
    pub messages: Vec<TipMessage>,
}

fn receipt_digits() -> String {
    let mut rng = rand::rngs::OsRng;
    (0..tip::RECEIPT_DIGITS)
        .map(|_| char::from(b'0' + rng.gen_range(0..10u8)))
        .collect()
}

/// The audit entry of something the reporter did: no account, no address.
fn reporter_entry(unit: UnitId, id: TipId, action: AuditAction, summary: String) -> NewAuditEntry {
    NewAuditEntry {
        actor_id: None,
        actor_name: "reporter".into(),
        unit_id: Some(unit),
        action,
        target_kind: Some(TargetKind::Tip),
        target_id: Some(id.to_string()),
        summary,
        changes: Vec::new(),
    }
}

impl Tips {
    /// The unit a portal link names, if it takes tips (a school, agency or
    /// enterprise; not a police body).
    #[tracing::instrument(name = "tips.portal_unit", skip_all)]
    pub async fn portal_unit(&self, code: &str) -> CoreResult<PortalUnit> {
        let unit = antt_store::unit::by_code(self.cx.db(), code.trim())
            .await?
            .filter(|u| !u.kind.is_authority())
            .ok_or(CoreError::NotFound)?;
        let campuses = antt_store::org::list_campuses(self.cx.db(), unit.id).await?;
        Ok(PortalUnit {
            id: unit.id,
            code: unit.code,
            name: unit.name,
            campuses,
        })
    }

    /// Receives a tip from the portal: checks it, cleans the photos, seals
    /// text, place, contact and photos, keeps the receipt as a slow hash,
    /// and alerts the handlers, all in one transaction. `flood_key` is the
    /// opaque key of the sender; `submission` the one-time key of the form
    /// or call: sent again, nothing new is filed
    /// ([`CoreError::AlreadyDone`]).
    pub async fn submit(
        &self,
        unit: UnitId,
        input: TipInput,
        photos: Vec<Vec<u8>>,
        flood_key: Option<&str>,
    ) -> CoreResult<Submitted> {
        self.submit_once(unit, input, photos, flood_key, None).await
    }

    /// [`Self::submit`], with the one-time key of the form or call.
    #[tracing::instrument(name = "tips.submit", skip_all)]
    pub async fn submit_once(
        &self,
        unit: UnitId,
        mut input: TipInput,
        photos: Vec<Vec<u8>>,
        flood_key: Option<&str>,
        submission: Option<&Submission>,
    ) -> CoreResult<Submitted> {
        let now = self.cx.now();
        if !self
            .floods
            .allow(flood_key, now, SUBMISSIONS_PER_WINDOW, FLOOD_WINDOW)
        {
            return Err(CoreError::TooManyAttempts);
        }
        input.channel = TipChannel::Portal;
        let input = input.validate(now)?;
        let portal = self.cx.cached_unit(unit).await?;
        if portal.kind.is_authority() {
            return Err(CoreError::NotFound);
        }
        let photos = clean_photos(photos).await?;
        let key = self.key()?.clone();
        let receipt = receipt_digits();
        let hash = {
            let (key, receipt) = (key.clone(), receipt.clone());
            self.cx
                .hashes()
                .run(move |area| key.receipt_hash(&receipt, area))
                .await?
                .map_err(CoreError::internal)?
        };
        let id = TipId::new_v7();
        let w = self.cx.write(Access::Public(unit, submission)).await?;
        if let Some(campus) = input.campus_id {
            antt_store::org::get_campus(w.tx(), unit, campus)
                .await
                .map_err(|_| CoreError::invalid("campus", ErrorCode::NotFound))?;
        }
        let now = w.now();
        let number = self
            .insert_tip(
                w.tx(),
                unit,
                &input,
                &photos,
                super::Intake {
                    id,
                    receipt_hash: Some(hash),
                    recorded_by: None,
                    at: now,
                },
            )
            .await?;
        self.alert(
            w.tx(),
            unit,
            id,
            number,
            &input,
            TipEventKind::for_new(input.urgent),
        )
        .await?;
        w.commit(reporter_entry(
            unit,
            id,
            AuditAction::Create,
            format!("Tin báo số {number} ({})", input.category),
        ))
        .await?;
        Ok(Submitted {
            id,
            receipt,
            number,
            urgent: input.urgent,
        })
    }

    /// The tip of a receipt, as its reporter sees it. A wrong code and a
    /// flood of guesses are refused alike, and count against the sender.
    #[tracing::instrument(name = "tips.status", skip_all)]
    pub async fn status(&self, typed: &str, flood_key: Option<&str>) -> CoreResult<ReporterView> {
        let (tip, _) = self.tip_by_receipt(typed, flood_key).await?;
        let unit = self.cx.cached_unit(tip.unit_id).await?;
        let key = self.key()?;
        let mut messages = Vec::new();
        for (mut m, sealed) in store::messages(self.cx.db(), tip.unit_id, tip.id, false).await? {
            m.body = super::open_text(key, &sealed, &seal_context(tip.id, "message"))?;
            m.user_id = None;
            messages.push(m);
        }
        Ok(ReporterView {
            unit_name: unit.name,
            number: tip.number,
            category: tip.category,
            state: tip.state,
            received_at: tip.received_at,
            messages,
        })
    }

    /// The reporter answers the handler, with the receipt as credential;
    /// a reply sent again with the same one-time key is not added twice.
    pub async fn reporter_reply(
        &self,
        typed: &str,
        text: &str,
        flood_key: Option<&str>,
    ) -> CoreResult<()> {
        self.reporter_reply_once(typed, text, flood_key, None).await
    }

    /// [`Self::reporter_reply`], with the one-time key of the form or call.
    #[tracing::instrument(name = "tips.reporter_reply", skip_all)]
    pub async fn reporter_reply_once(
        &self,
        typed: &str,
        text: &str,
        flood_key: Option<&str>,
        submission: Option<&Submission>,
    ) -> CoreResult<()> {
        let body = tip::message("message", text)?;
        let (found, _) = self.tip_by_receipt(typed, flood_key).await?;
        let sealed = self
            .key()?
            .seal(body.as_bytes(), &seal_context(found.id, "message"))
            .map_err(CoreError::internal)?;
        let w = self
            .cx
            .write(Access::Public(found.unit_id, submission))
            .await?;
        let (tip, _) = store::get(w.tx(), found.unit_id, found.id).await?;
        if tip.state.is_closed() {
            return Err(CoreError::invalid("state", ErrorCode::WrongState));
        }
        let now = w.now();
        store::add_message(
            w.tx(),
            tip.unit_id,
            tip.id,
            now,
            Author::Reporter,
            None,
            sealed,
        )
        .await?;
        self.alert_reply(w.tx(), &tip).await?;
        w.commit(reporter_entry(
            tip.unit_id,
            tip.id,
            AuditAction::Update,
            format!("Tin báo số {}: người báo tin trả lời", tip.number),
        ))
        .await
    }

    async fn tip_by_receipt(
        &self,
        typed: &str,
        flood_key: Option<&str>,
    ) -> CoreResult<(tip::Tip, store::Sealed)> {
        let now = self.cx.now();
        let wrong = || CoreError::invalid("receipt", ErrorCode::NotFound);
        if !self.floods.allow(
            flood_key.map(|k| format!("guess:{k}")).as_deref(),
            now,
            GUESSES_PER_WINDOW,
            FLOOD_WINDOW,
        ) {
            return Err(CoreError::TooManyAttempts);
        }
        let Some(digits) = tip::normalise_receipt(typed) else {
            return Err(wrong());
        };
        let key = self.key()?.clone();
        let hash = self
            .cx
            .hashes()
            .run(move |area| key.receipt_hash(&digits, area))
            .await?
            .map_err(CoreError::internal)?;
        store::by_receipt(self.cx.db(), &hash)
            .await?
            .ok_or_else(wrong)
    }
}

/// Checks and re-encodes the photos on a blocking thread: too many, too
/// large or not a picture refuses the tip.
pub(crate) async fn clean_photos(photos: Vec<Vec<u8>>) -> CoreResult<Vec<Vec<u8>>> {
    if photos.is_empty() {
        return Ok(photos);
    }
    if photos.len() > MAX_PHOTOS {
        return Err(CoreError::invalid("photos", ErrorCode::TooMany));
    }
    if photos.iter().any(|p| p.len() > tip::MAX_PHOTO_BYTES) {
        return Err(CoreError::invalid("photos", ErrorCode::FileTooLarge));
    }
    tokio::task::spawn_blocking(move || {
        photos
            .iter()
            .map(|p| antt_docgen::photo::clean(p))
            .collect::<Result<Vec<_>, _>>()
            .map_err(|e| match e {
                antt_docgen::photo::PhotoError::TooLarge => {
                    CoreError::invalid("photos", ErrorCode::FileTooLarge)
                }
                antt_docgen::photo::PhotoError::NotAPicture => {
                    CoreError::invalid("photos", ErrorCode::UnreadableFile)
                }
            })
    })
    .await
    .map_err(CoreError::internal)?
}

/// The steps printed on the poster.
const POSTER_STEPS: [&str; 4] = [
    "Quét mã QR bằng camera điện thoại, hoặc gõ địa chỉ bên trên vào trình duyệt.",
    "Chọn việc đã xảy ra, kể ngắn gọn ai, làm gì, ở đâu, lúc nào; có thể gửi kèm ảnh.",
    "Không cần ghi tên: nhà trường không lưu địa chỉ mạng hay thông tin thiết bị của bạn.",
    "Ghi lại mã tra cứu 16 chữ số để xem kết quả và trả lời cán bộ xử lý.",
];

impl Tips {
    /// The poster of the unit's tip portal, with the QR code of
    /// `base_url/tip/CODE`, as DOCX or PNG. Any staff member may print it.
    #[tracing::instrument(name = "tips.poster", skip_all, fields(actor = %actor.name))]
    pub async fn poster(
        &self,
        actor: &Actor,
        base_url: &str,
        as_png: bool,
    ) -> CoreResult<crate::export::ExportFile> {
        let unit_id = actor.home_unit()?;
        self.cx.check_readable(actor, unit_id).await?;
        actor.require(antt_domain::role::Capability::RecordTips)?;
        if only_this_machine(base_url) {
            return Err(CoreError::invalid(
                "public_url",
                antt_domain::ErrorCode::NotPublicAddress,
            ));
        }
        let unit = self.cx.cached_unit(unit_id).await?;
        let poster = antt_docgen::poster::Poster {
            unit: unit.name.clone(),
            title: "BÁO TIN AN NINH, TRẬT TỰ".into(),
            url: format!("{}/tip/{}", base_url.trim_end_matches('/'), unit.code),
            steps: POSTER_STEPS.iter().map(|s| (*s).to_owned()).collect(),
            urgent: "Việc khẩn cấp: gọi ngay 113 (Công an), 114 (cứu hỏa, cứu nạn), 115 (cấp cứu)"
                .into(),
        };
        let bytes = tokio::task::spawn_blocking(move || {
            if as_png {
                poster.to_png()
            } else {
                poster.to_docx()
            }
        })
        .await
        .map_err(CoreError::internal)?
        .map_err(CoreError::internal)?;
        let (file_name, content_type) = if as_png {
            (
                format!("to-roi-bao-tin-{}.png", unit.code.to_lowercase()),
                "image/png",
            )
        } else {
            (
                format!("to-roi-bao-tin-{}.docx", unit.code.to_lowercase()),
                crate::plan::DOCX,
            )
        };
        Ok(crate::export::ExportFile {
            file_name,
            content_type,
            bytes,
        })
    }
}

/// Whether a base address is one only the machine antt runs on can open
/// (a loopback or unspecified address, `localhost`): printed on a poster
/// it would lead nobody to the portal.
fn only_this_machine(base_url: &str) -> bool {
    let rest = base_url
        .split_once("://")
        .map_or(base_url, |(_, rest)| rest);
    let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
    let host = match authority.strip_prefix('[') {
        // [::1]:8080
        Some(v6) => v6.split(']').next().unwrap_or_default(),
        None => authority.rsplit_once(':').map_or(authority, |(h, _)| h),
    };
    let host = host.trim().to_ascii_lowercase();
    host.is_empty()
        || host == "localhost"
        || host.ends_with(".localhost")
        || host
            .parse::<std::net::IpAddr>()
            .is_ok_and(|ip| ip.is_loopback() || ip.is_unspecified())
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_poster_refuses_an_address_only_this_machine_opens() {
        for local in [
            "http://127.0.0.1:8080",
            "http://localhost:8080/",
            "http://[::1]:8080",
            "http://0.0.0.0",
            "https://antt.localhost",
        ] {
            assert!(super::only_this_machine(local), "{local}");
        }
        for public in [
            "https://antt.cdlc.edu.vn",
            "http://192.168.1.20:8080",
            "http://[2001:db8::1]:8080",
        ] {
            assert!(!super::only_this_machine(public), "{public}");
        }
    }
}
