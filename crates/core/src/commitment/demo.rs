//! The demo's commitment campaign: staff all signed on paper at the
//! beginning of the year, most classes collected by their homeroom teachers,
//! a few classes still missing (and the demo student not yet signed, to sign
//! in the app).

use chrono::{DateTime, Utc};

use antt_domain::commitment::{CommitmentInput, SignatureMethod};
use antt_domain::person::{PersonKind, PersonStatus};
use antt_domain::{ClassId, PersonId, UnitId};
use antt_store::Tx;
use antt_store::{commitment as store, person};

use crate::error::CoreResult;

pub(crate) async fn load(
    tx: &Tx,
    college: UnitId,
    year: i32,
    now: DateTime<Utc>,
) -> CoreResult<()> {
    let c = store::insert(tx, college, year, &CommitmentInput::default_for(year), now).await?;
    let people = person::all(tx, college).await?;
    let mut classes: Vec<ClassId> = people.iter().filter_map(|p| p.class_id).collect();
    classes.sort_unstable();
    classes.dedup();
    // Every seventh class has not handed its papers in yet.
    let missing: Vec<ClassId> = classes.iter().copied().step_by(7).collect();
    let signed: Vec<PersonId> = people
        .iter()
        .filter(|p| p.status == PersonStatus::Active)
        .filter(|p| p.code != "SV1700001")
        .filter(|p| match p.kind {
            PersonKind::Staff => true,
            PersonKind::Student => p.class_id.is_some_and(|c| !missing.contains(&c)),
        })
        .map(|p| p.id)
        .collect();
    store::sign(
        tx,
        college,
        c.id,
        &signed,
        SignatureMethod::Paper,
        now,
        None,
    )
    .await?;
    Ok(())
}
