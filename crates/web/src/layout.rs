//! The frame of every page: the user, the menu, the unit being viewed.

use serde::Deserialize;

use antt_core::{Actor, CoreError};
use antt_domain::UnitId;
use antt_domain::role::Capability;

use crate::auth::CurrentUser;
use crate::error::WebError;
use crate::i18n;
use crate::state::AppState;

/// One entry of the menu.
pub(crate) struct NavItem {
    pub href: String,
    pub label: &'static str,
    pub active: bool,
}

/// What the page frame shows.
pub(crate) struct Layout {
    pub title: String,
    pub user: String,
    pub role: &'static str,
    pub csrf: String,
    /// A one-time key for the creating forms of this page (`_once`): a
    /// form sent again with it (Back and save, a double tap) makes nothing
    /// new and leads to what the first sending made.
    pub once: String,
    /// The name of the unit being viewed.
    pub unit_name: String,
    /// For a province officer viewing a unit: `unit=<id>`, to carry along
    /// in links and forms. Empty for one's own unit.
    pub scope: String,
    /// Whether the viewed unit is not the user's own.
    pub foreign: bool,
    /// For a foreign unit: what the viewer does there ("chỉ xem", or
    /// "thẩm định hồ sơ" for the authority reviewing a dossier).
    pub viewing_as: &'static str,
    /// The id of the viewed unit, for hidden form fields.
    pub unit_id: String,
    pub nav: Vec<NavItem>,
}

impl Layout {
    /// A link to `path` within the viewed unit.
    pub(crate) fn link(&self, path: &str) -> String {
        scoped(path, &self.scope)
    }
}

/// `path` with the unit scope appended as a query parameter.
pub(crate) fn scoped(path: &str, scope: &str) -> String {
    if scope.is_empty() {
        return path.to_owned();
    }
    // The query goes before a fragment (`/org?unit=…#campuses`): after it,
    // the browser would keep it as part of the fragment and drop the unit.
    let (path, fragment) = path.split_at(path.find('#').unwrap_or(path.len()));
    let join = if path.contains('?') { '&' } else { '?' };
    format!("{path}{join}{scope}{fragment}")
}

/// The `?unit=` parameter a province officer uses to view one unit.
#[derive(Debug, Default, Deserialize)]
pub(crate) struct UnitParam {
    pub unit: Option<String>,
}

impl UnitParam {
    /// The requested unit; a malformed id is "not found".
    pub(crate) fn requested(&self) -> Result<Option<UnitId>, WebError> {
        match self
            .unit
            .as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty())
        {
            None => Ok(None),
            Some(s) => s
                .parse()
                .map(Some)
                .map_err(|_| WebError(CoreError::NotFound)),
        }
    }
}

/// Parses an id from the path; a malformed one is "not found".
pub(crate) fn parse_id<T: std::str::FromStr>(text: &str) -> Result<T, WebError> {
    text.parse().map_err(|_| WebError(CoreError::NotFound))
}

/// The unit a page is about and the frame around it.
pub(crate) async fn frame(
    state: &AppState,
    user: &CurrentUser,
    param: &UnitParam,
    active: &'static str,
    title: impl Into<String>,
) -> Result<(UnitId, Layout), WebError> {
    let actor = user.actor();
    let unit_id = state.antt.units().scope(actor, param.requested()?).await?;
    let unit = state.antt.units().get(actor, unit_id).await?;
    let foreign = actor.unit_id != Some(unit_id);
    let scope = if foreign {
        format!("unit={unit_id}")
    } else {
        String::new()
    };
    let nav = menu(actor, active, &scope);
    Ok((
        unit_id,
        Layout {
            title: title.into(),
            user: user.0.user.display_name.clone(),
            role: i18n::role(actor.role),
            csrf: user.csrf().to_owned(),
            once: antt_core::auth::random_token(),
            unit_name: unit.name,
            scope,
            foreign,
            viewing_as: "chỉ xem",
            unit_id: unit_id.to_string(),
            nav,
        },
    ))
}

fn menu(actor: &Actor, active: &'static str, scope: &str) -> Vec<NavItem> {
    let role = actor.role;
    let mut items: Vec<(&'static str, &'static str, &'static str, bool)> =
        vec![("home", "/", "Tổng quan", false)];
    // An authority's own unit has no classes or students: its officers see
    // those of a unit they open from the list.
    let oversees = role.can(Capability::OverseeUnits);
    if oversees {
        items.push(("units", "/units", "Đơn vị", true));
    }
    if !oversees || !scope.is_empty() {
        items.push(("org", "/org", "Cơ sở, phòng, lớp", false));
        if role.can(Capability::ReadPeople) {
            items.push(("people", "/people", "Cán bộ, HSSV", false));
        }
        if role.can(Capability::ReadPlans) {
            items.push(("plans", "/plans", "Kế hoạch", false));
            items.push(("sessions", "/sessions", "Tuyên truyền", false));
            items.push(("teams", "/teams", "Mô hình, đội", false));
            items.push(("assessment", "/assessment", "Đánh giá ANTT", false));
            items.push(("rewards", "/rewards", "Khen thưởng", false));
        }
        if role.can(Capability::StandDuty) && scope.is_empty() {
            items.push(("gate", "/gate", "Sổ trực ban", true));
            items.push(("patrol", "/patrol", "Tuần tra, khách", true));
            items.push(("duty", "/duty/mine", "Ca trực của tôi", true));
        } else if role.can(Capability::ReadDuty) {
            items.push(("duty", "/duty", "Lịch trực bảo vệ", false));
            items.push(("patrol", "/patrol", "Tuần tra, cổng", false));
        }
        if role.can(Capability::ManageEquipment) || role.can(Capability::InspectEquipment) {
            items.push(("equipment", "/equipment", "PCCC, camera", false));
        }
        // The dormitory: run by the office and the board, called by room
        // leaders, followed by homeroom teachers; students ask for leave.
        if !role.can(Capability::StandDuty) {
            items.push(("dorm", "/dorm", "Ký túc xá", false));
        }
        if role.can(Capability::LeadClasses) && scope.is_empty() {
            items.push(("homeroom", "/my-class", "Lớp chủ nhiệm", true));
        }
        if role.can(Capability::TakePartInMovement) {
            items.push(("commitments", "/commitments", "Cam kết", false));
            items.push(("contests", "/contests", "Thi pháp luật", false));
        }
    }
    if oversees {
        items.push(("tips", "/tips/stats", "Tin báo, vụ việc", false));
        if scope.is_empty() {
            items.push(("assessment", "/assessment/units", "Hồ sơ ANTT", true));
            items.push(("province", "/province", "Chỉ tiêu", true));
            // The body's own plan: its tasks go to the units under it.
            items.push(("plans", "/plans", "Kế hoạch", false));
        }
    }
    if scope.is_empty() && !oversees {
        if role.can(Capability::RecordTips) {
            items.push(("tips", "/tips", "Tin báo", true));
        } else {
            items.push(("tips", "/tips/report", "Báo tin", true));
        }
    }
    if role.can(Capability::CheckInBySelf) {
        items.push(("checkin", "/checkin", "Điểm danh", true));
    }
    if role.can(Capability::ManageUsers) {
        items.push(("users", "/users", "Tài khoản", false));
    }
    if role.can(Capability::ReadAudit) {
        items.push(("audit", "/audit", "Nhật ký", false));
    }
    items
        .into_iter()
        .map(|(key, href, label, unscoped)| NavItem {
            href: if unscoped {
                href.to_owned()
            } else {
                scoped(href, scope)
            },
            label,
            active: key == active,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_unit_goes_before_the_fragment() {
        assert_eq!(scoped("/org#campuses", ""), "/org#campuses");
        assert_eq!(scoped("/org#campuses", "unit=u"), "/org?unit=u#campuses");
        assert_eq!(scoped("/a?b=1#c", "unit=u"), "/a?b=1&unit=u#c");
    }

    #[test]
    fn links_carry_the_scope() {
        assert_eq!(scoped("/people", ""), "/people");
        assert_eq!(scoped("/people", "unit=1"), "/people?unit=1");
        assert_eq!(scoped("/people?q=a", "unit=1"), "/people?q=a&unit=1");
        assert!(
            UnitParam {
                unit: Some("nope".into())
            }
            .requested()
            .is_err()
        );
        assert!(
            UnitParam {
                unit: Some(" ".into())
            }
            .requested()
            .unwrap()
            .is_none()
        );
    }
}
