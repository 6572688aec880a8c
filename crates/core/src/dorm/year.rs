//! The dormitories' year in one paragraph of the yearly report: who
//! boarded, the nightly roll calls and absences, leave, room checks and
//! breaches, visitors and temporary-residence registration. A count that
//! is zero is left out, never printed as "0".

use std::collections::BTreeSet;
use std::fmt::Write as _;

use chrono::{Duration, NaiveDate};

use antt_domain::UnitId;
use antt_domain::dorm::{LeaveState, Mark};
use antt_domain::text::thousands;
use antt_domain::time::{local_date, vietnam_instant};
use antt_store::{dorm as store, dorm_check as checks, dorm_visit as visits};

use crate::context::Cx;
use crate::error::CoreResult;

/// A count as a paper writes it: "2.004".
fn count(n: usize) -> String {
    thousands(i64::try_from(n).unwrap_or(i64::MAX))
}

/// The paragraph on boarding students of the days from `from` to
/// `until`; none for a unit without dormitories.
pub(crate) async fn year_paragraph(
    cx: &Cx,
    unit: UnitId,
    from: NaiveDate,
    until: NaiveDate,
) -> CoreResult<Option<String>> {
    let db = cx.db();
    let buildings = store::buildings(db, unit).await?;
    if buildings.is_empty() {
        return Ok(None);
    }
    let rooms = store::rooms(db, unit).await?;
    let last = until.min(local_date(cx.now()));
    let residences = store::residences_on(db, unit, Some(last)).await?;
    let boarders = residences.len();
    let lived_in: BTreeSet<_> = residences.iter().map(|r| r.room_id).collect();
    let marks = store::marks(db, unit, from, until).await?;
    let nights: BTreeSet<NaiveDate> = marks.iter().map(|m| m.night).collect();
    let absences = marks.iter().filter(|m| m.mark == Mark::Absent).count();
    let start = vietnam_instant(from.and_hms_opt(0, 0, 0).unwrap_or_default());
    let end = vietnam_instant(
        (until + Duration::days(1))
            .and_hms_opt(0, 0, 0)
            .unwrap_or_default(),
    );
    let leaves = store::leaves(db, unit, None, start)
        .await?
        .into_iter()
        .filter(|l| l.state == LeaveState::Approved && l.from < end)
        .count();
    let checked = checks::between(db, unit, from, until).await?;
    let breaches = checks::breaches(db, unit)
        .await?
        .iter()
        .filter(|(c, _, _)| checked.iter().any(|x| x.id == *c))
        .count();
    let visitors = visits::of_period(db, unit, start, end).await?.len();
    let registered = store::papers(db, unit)
        .await?
        .iter()
        .filter(|p| {
            p.registered_on.is_some_and(|d| d <= until)
                && residences.iter().any(|r| r.person_id == p.person_id)
        })
        .count();

    let mut s = format!(
        "Công tác quản lý học sinh, sinh viên nội trú: {} học sinh, sinh viên ở {} phòng của {} nhà ký túc xá",
        count(boarders),
        count(lived_in.len()),
        count(buildings.len())
    );
    if rooms.len() > lived_in.len() {
        let _ = write!(s, " (tổng số {} phòng)", count(rooms.len()));
    }
    if !nights.is_empty() {
        let _ = write!(s, "; điểm danh tối {} đêm", count(nights.len()));
        if absences == 0 {
            s.push_str(", không có trường hợp vắng không phép");
        } else {
            let _ = write!(s, ", có {} lượt vắng không phép", count(absences));
        }
    }
    if leaves > 0 {
        let _ = write!(
            s,
            "; giải quyết {} lượt xin phép ra ngoài, về gia đình",
            count(leaves)
        );
    }
    if !checked.is_empty() {
        let _ = write!(s, "; kiểm tra phòng ở {} lượt", count(checked.len()));
        if breaches > 0 {
            let _ = write!(
                s,
                ", xử lý {} trường hợp vi phạm nội quy ký túc xá",
                count(breaches)
            );
        }
    }
    if visitors > 0 {
        let _ = write!(s, "; vào sổ {} lượt khách đến thăm", count(visitors));
    }
    if registered > 0 {
        let _ = write!(
            s,
            "; đăng ký tạm trú cho {} học sinh, sinh viên",
            of_total(registered, boarders)
        );
    }
    s.push('.');
    Ok(Some(s))
}

/// "480/514".
fn of_total(part: usize, total: usize) -> String {
    format!("{}/{}", count(part), count(total))
}
