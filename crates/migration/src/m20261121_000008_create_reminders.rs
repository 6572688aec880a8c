//! The e-mail reminders sent: one per account per day (the key), so a
//! restart or a second run the same day sends nothing twice.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::{date, integer, timestamp_with_time_zone, uuid};

#[derive(DeriveMigrationName)]
pub(crate) struct Migration;

#[derive(DeriveIden, Clone, Copy)]
enum RemindersSent {
    Table,
    UserId,
    SentOn,
    UnitId,
    Tasks,
    SentAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum Users {
    Table,
    Id,
}

#[async_trait::async_trait]
#[allow(elided_lifetimes_in_paths)] // SeaORM's trait is written with `SchemaManager<'_>` elided
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(RemindersSent::Table)
                .col(uuid(RemindersSent::UserId))
                .col(date(RemindersSent::SentOn))
                .col(uuid(RemindersSent::UnitId))
                .col(integer(RemindersSent::Tasks))
                .col(timestamp_with_time_zone(RemindersSent::SentAt))
                .primary_key(
                    Index::create()
                        .col(RemindersSent::UserId)
                        .col(RemindersSent::SentOn),
                )
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_reminders_sent_user")
                        .from(RemindersSent::Table, RemindersSent::UserId)
                        .to(Users::Table, Users::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table(RemindersSent::Table).to_owned())
            .await
    }
}
