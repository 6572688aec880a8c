//! Figures of a unit for its home page and the province's views.

use sea_orm::sea_query::{Expr, ExprTrait, SelectStatement};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QuerySelect};

use antt_domain::session::Share;
use antt_domain::{ClassId, UnitId};
use antt_entity::{
    campus as campuses, class as classes, department as departments, person as people,
};

use crate::db::Executor;
use crate::error::StoreResult;

/// How many people a unit has, by kind, status and boarding.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct PeopleCounts {
    pub students: u64,
    pub students_boarding: u64,
    pub staff: u64,
    /// People of either kind who have left.
    pub left: u64,
}

pub async fn people_counts(e: &impl Executor, unit: UnitId) -> StoreResult<PeopleCounts> {
    let rows: Vec<(String, String, bool, i64)> = people::Entity::find()
        .select_only()
        .column(people::Column::Kind)
        .column(people::Column::Status)
        .column(people::Column::Boarding)
        .column_as(Expr::col(people::Column::Id).count(), "n")
        .filter(people::Column::UnitId.eq(unit.uuid()))
        .group_by(people::Column::Kind)
        .group_by(people::Column::Status)
        .group_by(people::Column::Boarding)
        .into_tuple()
        .all(e.conn())
        .await?;
    let mut c = PeopleCounts::default();
    for (kind, status, boarding, n) in rows {
        let n = u64::try_from(n).unwrap_or(0);
        match (status.as_str(), kind.as_str()) {
            ("active", "student") => {
                c.students += n;
                if boarding {
                    c.students_boarding += n;
                }
            }
            ("active", _) => c.staff += n,
            _ => c.left += n,
        }
    }
    Ok(c)
}

/// How many campuses, departments and classes a unit has.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct OrgCounts {
    pub campuses: u64,
    pub departments: u64,
    pub classes: u64,
}

pub async fn org_counts(e: &impl Executor, unit: UnitId) -> StoreResult<OrgCounts> {
    Ok(OrgCounts {
        campuses: campuses::Entity::find()
            .filter(campuses::Column::UnitId.eq(unit.uuid()))
            .count(e.conn())
            .await?,
        departments: departments::Entity::find()
            .filter(departments::Column::UnitId.eq(unit.uuid()))
            .count(e.conn())
            .await?,
        classes: classes::Entity::find()
            .filter(classes::Column::UnitId.eq(unit.uuid()))
            .count(e.conn())
            .await?,
    })
}

/// Active students per class of the unit.
pub async fn class_sizes(e: &impl Executor, unit: UnitId) -> StoreResult<Vec<(ClassId, u64)>> {
    let rows: Vec<(uuid::Uuid, i64)> = people::Entity::find()
        .select_only()
        .column(people::Column::ClassId)
        .column_as(Expr::col(people::Column::Id).count(), "n")
        .filter(people::Column::UnitId.eq(unit.uuid()))
        .filter(people::Column::Status.eq("active"))
        .filter(people::Column::ClassId.is_not_null())
        .group_by(people::Column::ClassId)
        .into_tuple()
        .all(e.conn())
        .await?;
    Ok(rows
        .into_iter()
        .map(|(id, n)| (ClassId::from_uuid(id), u64::try_from(n).unwrap_or(0)))
        .collect())
}

/// The active staff and students of a unit, each with how many of them
/// `marked` (a query of person ids) holds: a share counted by the
/// database, so a unit's coverage or commitment is known without reading
/// its people. (staff, students).
pub async fn active_shares(
    e: &impl Executor,
    unit: UnitId,
    marked: SelectStatement,
) -> StoreResult<(Share, Share)> {
    let active = || {
        people::Entity::find()
            .select_only()
            .column(people::Column::Kind)
            .column_as(Expr::col(people::Column::Id).count(), "n")
            .filter(people::Column::UnitId.eq(unit.uuid()))
            .filter(people::Column::Status.eq("active"))
            .group_by(people::Column::Kind)
    };
    let totals: Vec<(String, i64)> = active().into_tuple().all(e.conn()).await?;
    let hits: Vec<(String, i64)> = active()
        .filter(people::Column::Id.in_subquery(marked))
        .into_tuple()
        .all(e.conn())
        .await?;
    let (mut staff, mut students) = (Share::default(), Share::default());
    let count = |n: i64| u32::try_from(n).unwrap_or(u32::MAX);
    for (kind, n) in totals {
        match kind.as_str() {
            "student" => students.total = count(n),
            _ => staff.total += count(n),
        }
    }
    for (kind, n) in hits {
        match kind.as_str() {
            "student" => students.reached = count(n),
            _ => staff.reached += count(n),
        }
    }
    Ok((staff, students))
}
