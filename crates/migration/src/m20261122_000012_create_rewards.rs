//! Emulation and rewards: pledges at the start of the year, nominations
//! (a person or a collective named as written, the form, achievements, why
//! antt suggested them, the council's review, the decision that granted
//! them) and reward decisions (the unit's own, or from above, recorded).

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::{
    boolean, date, date_null, integer, pk_uuid, string, string_null, text, text_null,
    timestamp_with_time_zone, uuid, uuid_null,
};

#[derive(DeriveMigrationName)]
pub(crate) struct Migration;

#[derive(DeriveIden, Clone, Copy)]
enum EmulationPledges {
    Table,
    Id,
    UnitId,
    Year,
    NomineeKind,
    NomineeId,
    NomineeName,
    Title,
    PledgedOn,
    CreatedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum Nominations {
    Table,
    Id,
    UnitId,
    Year,
    NomineeKind,
    NomineeId,
    NomineeName,
    NomineeDetail,
    Form,
    Achievements,
    Suggested,
    OnTheSpot,
    ActOn,
    State,
    CouncilNote,
    DecisionId,
    CreatedBy,
    CreatedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum RewardDecisions {
    Table,
    Id,
    UnitId,
    Year,
    Form,
    Number,
    SignedOn,
    SignerTitle,
    SignerName,
    Issuer,
    Reason,
    CreatedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum Units {
    Table,
    Id,
}

#[async_trait::async_trait]
#[allow(elided_lifetimes_in_paths)] // SeaORM's trait is written with `SchemaManager<'_>` elided
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(EmulationPledges::Table)
                .col(pk_uuid(EmulationPledges::Id))
                .col(uuid(EmulationPledges::UnitId))
                .col(integer(EmulationPledges::Year))
                .col(string(EmulationPledges::NomineeKind))
                .col(uuid(EmulationPledges::NomineeId))
                .col(string(EmulationPledges::NomineeName))
                .col(string(EmulationPledges::Title))
                .col(date(EmulationPledges::PledgedOn))
                .col(timestamp_with_time_zone(EmulationPledges::CreatedAt))
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_emulation_pledges_unit")
                        .from(EmulationPledges::Table, EmulationPledges::UnitId)
                        .to(Units::Table, Units::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ux_emulation_pledges_once")
                .table(EmulationPledges::Table)
                .col(EmulationPledges::UnitId)
                .col(EmulationPledges::Year)
                .col(EmulationPledges::NomineeKind)
                .col(EmulationPledges::NomineeId)
                .unique()
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(RewardDecisions::Table)
                .col(pk_uuid(RewardDecisions::Id))
                .col(uuid(RewardDecisions::UnitId))
                .col(integer(RewardDecisions::Year))
                .col(string(RewardDecisions::Form))
                .col(string(RewardDecisions::Number))
                .col(date(RewardDecisions::SignedOn))
                .col(string(RewardDecisions::SignerTitle))
                .col(string(RewardDecisions::SignerName))
                .col(string(RewardDecisions::Issuer))
                .col(text(RewardDecisions::Reason))
                .col(timestamp_with_time_zone(RewardDecisions::CreatedAt))
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_reward_decisions_unit")
                        .from(RewardDecisions::Table, RewardDecisions::UnitId)
                        .to(Units::Table, Units::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ux_reward_decisions_number")
                .table(RewardDecisions::Table)
                .col(RewardDecisions::UnitId)
                .col(RewardDecisions::Issuer)
                .col(RewardDecisions::Number)
                .unique()
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(Nominations::Table)
                .col(pk_uuid(Nominations::Id))
                .col(uuid(Nominations::UnitId))
                .col(integer(Nominations::Year))
                .col(string(Nominations::NomineeKind))
                .col(uuid(Nominations::NomineeId))
                .col(string(Nominations::NomineeName))
                .col(string(Nominations::NomineeDetail))
                .col(string(Nominations::Form))
                .col(text(Nominations::Achievements))
                .col(string_null(Nominations::Suggested))
                .col(boolean(Nominations::OnTheSpot))
                .col(date_null(Nominations::ActOn))
                .col(string(Nominations::State))
                .col(text_null(Nominations::CouncilNote))
                .col(uuid_null(Nominations::DecisionId))
                .col(string(Nominations::CreatedBy))
                .col(timestamp_with_time_zone(Nominations::CreatedAt))
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_nominations_unit")
                        .from(Nominations::Table, Nominations::UnitId)
                        .to(Units::Table, Units::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_nominations_decision")
                        .from(Nominations::Table, Nominations::DecisionId)
                        .to(RewardDecisions::Table, RewardDecisions::Id)
                        .on_delete(ForeignKeyAction::Restrict),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ix_nominations_year")
                .table(Nominations::Table)
                .col(Nominations::UnitId)
                .col(Nominations::Year)
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ix_nominations_nominee")
                .table(Nominations::Table)
                .col(Nominations::UnitId)
                .col(Nominations::NomineeId)
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for t in [
            Nominations::Table.into_iden(),
            RewardDecisions::Table.into_iden(),
            EmulationPledges::Table.into_iden(),
        ] {
            m.drop_table(Table::drop().table(t).to_owned()).await?;
        }
        Ok(())
    }
}
