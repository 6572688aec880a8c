//! Tips and incidents: the tips a unit receives (their text, place, contact
//! and photos sealed, the receipt code of a reporter as a slow hash), the
//! conversation with the reporter and the handlers' notes (sealed), each
//! change of state, who handles tips; the register of incidents with the
//! people involved; violations of people of the unit; and notifications to
//! staff, with whether each went out by e-mail and by webhook.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::{
    big_integer, binary, binary_null, boolean, date, date_null, integer, integer_null, pk_uuid,
    string, string_null, text, text_null, timestamp_with_time_zone, timestamp_with_time_zone_null,
    uuid, uuid_null,
};

#[derive(DeriveMigrationName)]
pub(crate) struct Migration;

fn a(name: &'static str) -> Alias {
    Alias::new(name)
}

/// A foreign key from `(unit_id, col)` of `from` to `(unit_id, id)` of `to`.
fn same_unit(
    name: &str,
    from: &'static str,
    col: &'static str,
    to: &'static str,
) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .name(name)
        .from(a(from), (a("unit_id"), a(col)))
        .to(a(to), (a("unit_id"), a("id")))
        .on_delete(ForeignKeyAction::Restrict)
        .to_owned()
}

fn unit_fk(name: &str, from: &'static str) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .name(name)
        .from(a(from), a("unit_id"))
        .to(a("units"), a("id"))
        .on_delete(ForeignKeyAction::Restrict)
        .to_owned()
}

fn user_fk(
    name: &str,
    from: &'static str,
    col: &'static str,
    delete: ForeignKeyAction,
) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .name(name)
        .from(a(from), a(col))
        .to(a("users"), a("id"))
        .on_delete(delete)
        .to_owned()
}

fn index(
    table: &'static str,
    name: &str,
    cols: &[&'static str],
    unique: bool,
) -> IndexCreateStatement {
    let mut index = Index::create();
    index.name(name).table(a(table));
    if unique {
        index.unique();
    }
    for col in cols {
        index.col(a(col));
    }
    index.clone()
}

#[async_trait::async_trait]
#[allow(elided_lifetimes_in_paths)] // SeaORM's trait is written with `SchemaManager<'_>` elided
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        // Who handles tips besides the office and the leaders; `duty` also
        // receives urgent tips at once.
        m.create_table(
            Table::create()
                .table(a("tip_handlers"))
                .col(uuid(a("user_id")).primary_key())
                .col(uuid(a("unit_id")))
                .col(boolean(a("duty")))
                .foreign_key(&mut unit_fk("fk_tip_handlers_unit", "tip_handlers"))
                .foreign_key(&mut user_fk(
                    "fk_tip_handlers_user",
                    "tip_handlers",
                    "user_id",
                    ForeignKeyAction::Cascade,
                ))
                .to_owned(),
        )
        .await?;
        // A unit's own deadline for a category, in hours, when it differs
        // from the default.
        m.create_table(
            Table::create()
                .table(a("tip_deadlines"))
                .col(uuid(a("unit_id")))
                .col(string(a("category")))
                .col(integer(a("hours")))
                .primary_key(Index::create().col(a("unit_id")).col(a("category")))
                .foreign_key(&mut unit_fk("fk_tip_deadlines_unit", "tip_deadlines"))
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(a("incidents"))
                .col(pk_uuid(a("id")))
                .col(uuid(a("unit_id")))
                .col(integer(a("number")))
                .col(string(a("category")))
                .col(string(a("severity")))
                .col(string(a("state")))
                .col(timestamp_with_time_zone(a("occurred_at")))
                .col(uuid_null(a("campus_id")))
                .col(string(a("place")))
                .col(text(a("summary")))
                .col(text(a("actions")))
                .col(string_null(a("police_unit")))
                .col(date_null(a("transferred_on")))
                .col(string_null(a("police_reference")))
                .col(date_null(a("acknowledged_on")))
                .col(text_null(a("outcome")))
                .col(big_integer(a("value_recovered")))
                .col(timestamp_with_time_zone(a("created_at")))
                .col(timestamp_with_time_zone_null(a("closed_at")))
                .foreign_key(&mut unit_fk("fk_incidents_unit", "incidents"))
                .foreign_key(&mut same_unit(
                    "fk_incidents_campus",
                    "incidents",
                    "campus_id",
                    "campuses",
                ))
                .to_owned(),
        )
        .await?;
        m.create_index(index(
            "incidents",
            "ux_incidents_unit_id",
            &["unit_id", "id"],
            true,
        ))
        .await?;
        m.create_index(index(
            "incidents",
            "ux_incidents_number",
            &["unit_id", "number"],
            true,
        ))
        .await?;
        m.create_index(index(
            "incidents",
            "ix_incidents_occurred",
            &["unit_id", "occurred_at"],
            false,
        ))
        .await?;
        m.create_table(
            Table::create()
                .table(a("incident_people"))
                .col(pk_uuid(a("id")))
                .col(uuid(a("unit_id")))
                .col(uuid(a("incident_id")))
                .col(uuid_null(a("person_id")))
                .col(string(a("name")))
                .col(string(a("role")))
                .col(text_null(a("note")))
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_incident_people_incident")
                        .from(a("incident_people"), (a("unit_id"), a("incident_id")))
                        .to(a("incidents"), (a("unit_id"), a("id")))
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .foreign_key(&mut same_unit(
                    "fk_incident_people_person",
                    "incident_people",
                    "person_id",
                    "people",
                ))
                .to_owned(),
        )
        .await?;
        m.create_index(index(
            "incident_people",
            "ix_incident_people_incident",
            &["incident_id"],
            false,
        ))
        .await?;
        m.create_table(
            Table::create()
                .table(a("violations"))
                .col(pk_uuid(a("id")))
                .col(uuid(a("unit_id")))
                .col(uuid(a("person_id")))
                .col(uuid_null(a("incident_id")))
                .col(string(a("kind")))
                .col(date(a("occurred_on")))
                .col(text(a("description")))
                .col(string(a("discipline")))
                .col(text_null(a("handling")))
                .col(timestamp_with_time_zone(a("created_at")))
                .foreign_key(&mut unit_fk("fk_violations_unit", "violations"))
                .foreign_key(&mut same_unit(
                    "fk_violations_person",
                    "violations",
                    "person_id",
                    "people",
                ))
                .foreign_key(&mut same_unit(
                    "fk_violations_incident",
                    "violations",
                    "incident_id",
                    "incidents",
                ))
                .to_owned(),
        )
        .await?;
        m.create_index(index(
            "violations",
            "ix_violations_unit",
            &["unit_id", "occurred_on"],
            false,
        ))
        .await?;
        m.create_table(
            Table::create()
                .table(a("tips"))
                .col(pk_uuid(a("id")))
                .col(uuid(a("unit_id")))
                .col(integer(a("number")))
                .col(string(a("channel")))
                .col(string(a("category")))
                .col(boolean(a("urgent")))
                .col(string(a("state")))
                .col(boolean(a("anonymous")))
                .col(uuid_null(a("campus_id")))
                .col(timestamp_with_time_zone_null(a("occurred_at")))
                .col(timestamp_with_time_zone(a("received_at")))
                .col(timestamp_with_time_zone(a("due_at")))
                .col(binary(a("sealed_text")))
                .col(binary_null(a("sealed_place")))
                .col(binary_null(a("sealed_contact")))
                .col(string_null(a("receipt_hash")))
                .col(uuid_null(a("assignee_id")))
                .col(uuid_null(a("recorded_by")))
                .col(uuid_null(a("incident_id")))
                .col(text_null(a("outcome")))
                .col(string_null(a("police_unit")))
                .col(boolean(a("awaiting_staff")))
                .col(timestamp_with_time_zone_null(a("closed_at")))
                // Whole hours from receipt to closing, kept for the median.
                .col(integer_null(a("hours_to_close")))
                .foreign_key(&mut unit_fk("fk_tips_unit", "tips"))
                .foreign_key(&mut same_unit(
                    "fk_tips_campus",
                    "tips",
                    "campus_id",
                    "campuses",
                ))
                .foreign_key(&mut same_unit(
                    "fk_tips_incident",
                    "tips",
                    "incident_id",
                    "incidents",
                ))
                .foreign_key(&mut user_fk(
                    "fk_tips_assignee",
                    "tips",
                    "assignee_id",
                    ForeignKeyAction::SetNull,
                ))
                .foreign_key(&mut user_fk(
                    "fk_tips_recorded_by",
                    "tips",
                    "recorded_by",
                    ForeignKeyAction::SetNull,
                ))
                .to_owned(),
        )
        .await?;
        m.create_index(index("tips", "ux_tips_unit_id", &["unit_id", "id"], true))
            .await?;
        m.create_index(index(
            "tips",
            "ux_tips_number",
            &["unit_id", "number"],
            true,
        ))
        .await?;
        m.create_index(index("tips", "ux_tips_receipt", &["receipt_hash"], true))
            .await?;
        // Covers the year's figures: every count reads this index only.
        m.create_index(index(
            "tips",
            "ix_tips_figures",
            &[
                "unit_id",
                "received_at",
                "state",
                "category",
                "channel",
                "due_at",
                "hours_to_close",
            ],
            false,
        ))
        .await?;
        m.create_index(index(
            "tips",
            "ix_tips_state",
            &["unit_id", "state", "due_at"],
            false,
        ))
        .await?;
        m.create_table(
            Table::create()
                .table(a("tip_photos"))
                .col(pk_uuid(a("id")))
                .col(uuid(a("unit_id")))
                .col(uuid(a("tip_id")))
                .col(integer(a("position")))
                .col(integer(a("bytes")))
                .col(binary(a("sealed")))
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_tip_photos_tip")
                        .from(a("tip_photos"), (a("unit_id"), a("tip_id")))
                        .to(a("tips"), (a("unit_id"), a("id")))
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(index(
            "tip_photos",
            "ux_tip_photos_position",
            &["tip_id", "position"],
            true,
        ))
        .await?;
        m.create_table(
            Table::create()
                .table(a("tip_messages"))
                .col(pk_uuid(a("id")))
                .col(uuid(a("unit_id")))
                .col(uuid(a("tip_id")))
                .col(timestamp_with_time_zone(a("at")))
                .col(string(a("author")))
                .col(uuid_null(a("user_id")))
                .col(binary(a("sealed_body")))
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_tip_messages_tip")
                        .from(a("tip_messages"), (a("unit_id"), a("tip_id")))
                        .to(a("tips"), (a("unit_id"), a("id")))
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .foreign_key(&mut user_fk(
                    "fk_tip_messages_user",
                    "tip_messages",
                    "user_id",
                    ForeignKeyAction::SetNull,
                ))
                .to_owned(),
        )
        .await?;
        m.create_index(index(
            "tip_messages",
            "ix_tip_messages_tip",
            &["tip_id", "at"],
            false,
        ))
        .await?;
        m.create_table(
            Table::create()
                .table(a("tip_events"))
                .col(pk_uuid(a("id")))
                .col(uuid(a("unit_id")))
                .col(uuid(a("tip_id")))
                .col(timestamp_with_time_zone(a("at")))
                .col(uuid_null(a("user_id")))
                .col(string(a("from_state")))
                .col(string(a("to_state")))
                .col(text(a("reason")))
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_tip_events_tip")
                        .from(a("tip_events"), (a("unit_id"), a("tip_id")))
                        .to(a("tips"), (a("unit_id"), a("id")))
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .foreign_key(&mut user_fk(
                    "fk_tip_events_user",
                    "tip_events",
                    "user_id",
                    ForeignKeyAction::SetNull,
                ))
                .to_owned(),
        )
        .await?;
        m.create_index(index(
            "tip_events",
            "ix_tip_events_tip",
            &["tip_id", "at"],
            false,
        ))
        .await?;
        m.create_table(
            Table::create()
                .table(a("notifications"))
                .col(pk_uuid(a("id")))
                .col(uuid(a("unit_id")))
                .col(uuid(a("user_id")))
                .col(string(a("kind")))
                .col(uuid(a("tip_id")))
                .col(timestamp_with_time_zone(a("at")))
                .col(timestamp_with_time_zone_null(a("read_at")))
                .col(timestamp_with_time_zone_null(a("mailed_at")))
                .foreign_key(&mut unit_fk("fk_notifications_unit", "notifications"))
                .foreign_key(&mut user_fk(
                    "fk_notifications_user",
                    "notifications",
                    "user_id",
                    ForeignKeyAction::Cascade,
                ))
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_notifications_tip")
                        .from(a("notifications"), (a("unit_id"), a("tip_id")))
                        .to(a("tips"), (a("unit_id"), a("id")))
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .to_owned(),
        )
        .await?;
        // One notification of a kind about a tip per person: a deadline
        // warns once.
        m.create_index(index(
            "notifications",
            "ux_notifications_once",
            &["user_id", "tip_id", "kind"],
            true,
        ))
        .await?;
        // Webhook calls waiting to go out (and retried until they do).
        m.create_table(
            Table::create()
                .table(a("webhook_outbox"))
                .col(pk_uuid(a("id")))
                .col(uuid(a("unit_id")))
                .col(text(a("body")))
                .col(timestamp_with_time_zone(a("at")))
                .col(integer(a("attempts")))
                .col(timestamp_with_time_zone_null(a("sent_at")))
                .foreign_key(&mut unit_fk("fk_webhook_outbox_unit", "webhook_outbox"))
                .to_owned(),
        )
        .await?;
        m.create_index(index(
            "webhook_outbox",
            "ix_webhook_outbox_pending",
            &["sent_at", "at"],
            false,
        ))
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            "webhook_outbox",
            "notifications",
            "tip_events",
            "tip_messages",
            "tip_photos",
            "tips",
            "violations",
            "incident_people",
            "incidents",
            "tip_deadlines",
            "tip_handlers",
        ] {
            m.drop_table(Table::drop().table(a(table)).to_owned())
                .await?;
        }
        Ok(())
    }
}
