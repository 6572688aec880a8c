//! Copies every row of one database into another of the same schema (a
//! school's SQLite file onto the province's PostgreSQL): tables in the
//! order their foreign keys need, rows of a table that refers to itself
//! parents first, all in one transaction on the target, read from one
//! snapshot of the source.

use std::collections::{BTreeMap, BTreeSet};

use sea_orm::{ConnectionTrait, DbBackend, QueryResult, Statement, TransactionTrait, Value};

use super::{Backend, Db};
use crate::error::{StoreError, StoreResult};

/// A table's rows on both sides after a copy.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CopiedTable {
    pub table: String,
    pub source: u64,
    pub target: u64,
}

/// A column of the target's schema and how its values are read.
#[derive(Clone, Debug)]
struct Column {
    name: String,
    kind: String,
}

/// The most parameters one INSERT carries (PostgreSQL allows 65,535).
const PARAMETERS: usize = 30_000;
/// Rows read from the source at a time.
const PAGE: u64 = 5_000;
/// Tables the copy leaves alone: the migrations' own record, written by
/// the target's migration.
const SKIPPED: [&str; 1] = ["seaql_migrations"];
/// Tables that hold someone's data: the target must have none.
const MUST_BE_EMPTY: [&str; 3] = ["units", "users", "audit_log"];

fn quote(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}

fn corrupt(what: impl Into<String>) -> StoreError {
    StoreError::Corrupt(what.into())
}

fn value(row: &QueryResult, c: &Column) -> StoreResult<Value> {
    let n = c.name.as_str();
    Ok(match c.kind.as_str() {
        "uuid" => row.try_get::<Option<uuid::Uuid>>("", n)?.into(),
        "text" | "character varying" | "character" => row.try_get::<Option<String>>("", n)?.into(),
        "smallint" => row.try_get::<Option<i16>>("", n)?.into(),
        "integer" => row.try_get::<Option<i32>>("", n)?.into(),
        "bigint" => row.try_get::<Option<i64>>("", n)?.into(),
        "boolean" => row.try_get::<Option<bool>>("", n)?.into(),
        "real" => row.try_get::<Option<f32>>("", n)?.into(),
        "double precision" => row.try_get::<Option<f64>>("", n)?.into(),
        "date" => row.try_get::<Option<chrono::NaiveDate>>("", n)?.into(),
        "time without time zone" => row.try_get::<Option<chrono::NaiveTime>>("", n)?.into(),
        "timestamp without time zone" => {
            row.try_get::<Option<chrono::NaiveDateTime>>("", n)?.into()
        }
        "timestamp with time zone" => row
            .try_get::<Option<chrono::DateTime<chrono::Utc>>>("", n)?
            .into(),
        "bytea" => row.try_get::<Option<Vec<u8>>>("", n)?.into(),
        other => {
            return Err(corrupt(format!(
                "cannot copy a column of type {other} ({n})"
            )));
        }
    })
}

/// The target's tables, their columns, primary keys and foreign keys.
struct Schema {
    columns: BTreeMap<String, Vec<Column>>,
    keys: BTreeMap<String, Vec<String>>,
    /// (table, column, referenced table, referenced column).
    references: Vec<(String, String, String, String)>,
    /// Columns filled by a sequence: (table, column).
    serials: Vec<(String, String)>,
}

async fn schema(target: &impl ConnectionTrait) -> StoreResult<Schema> {
    let pg = |sql: &str| Statement::from_string(DbBackend::Postgres, sql.to_owned());
    let mut columns: BTreeMap<String, Vec<Column>> = BTreeMap::new();
    let mut serials = Vec::new();
    for row in target
        .query_all_raw(pg(
            "SELECT c.table_name, c.column_name, c.data_type, coalesce(c.column_default, '') AS dflt \
             FROM information_schema.columns c JOIN information_schema.tables t \
               ON t.table_schema = c.table_schema AND t.table_name = c.table_name \
             WHERE c.table_schema = current_schema() AND t.table_type = 'BASE TABLE' \
             ORDER BY c.table_name, c.ordinal_position",
        ))
        .await?
    {
        let table: String = row.try_get("", "table_name")?;
        if SKIPPED.contains(&table.as_str()) {
            continue;
        }
        let name: String = row.try_get("", "column_name")?;
        let default: String = row.try_get("", "dflt")?;
        if default.starts_with("nextval(") {
            serials.push((table.clone(), name.clone()));
        }
        columns.entry(table).or_default().push(Column {
            name,
            kind: row.try_get("", "data_type")?,
        });
    }
    let mut keys: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for row in target
        .query_all_raw(pg(
            "SELECT k.table_name, k.column_name FROM information_schema.table_constraints t \
             JOIN information_schema.key_column_usage k \
               ON k.constraint_name = t.constraint_name AND k.table_schema = t.table_schema \
             WHERE t.table_schema = current_schema() AND t.constraint_type = 'PRIMARY KEY' \
             ORDER BY k.table_name, k.ordinal_position",
        ))
        .await?
    {
        keys.entry(row.try_get("", "table_name")?)
            .or_default()
            .push(row.try_get("", "column_name")?);
    }
    let mut references = Vec::new();
    for row in target
        .query_all_raw(pg(
            "SELECT k.table_name, k.column_name, u.table_name AS ref_table, u.column_name AS ref_column \
             FROM information_schema.table_constraints t \
             JOIN information_schema.key_column_usage k \
               ON k.constraint_name = t.constraint_name AND k.table_schema = t.table_schema \
             JOIN information_schema.constraint_column_usage u \
               ON u.constraint_name = t.constraint_name AND u.table_schema = t.table_schema \
             WHERE t.table_schema = current_schema() AND t.constraint_type = 'FOREIGN KEY'",
        ))
        .await?
    {
        references.push((
            row.try_get("", "table_name")?,
            row.try_get("", "column_name")?,
            row.try_get("", "ref_table")?,
            row.try_get("", "ref_column")?,
        ));
    }
    Ok(Schema {
        columns,
        keys,
        references,
        serials,
    })
}

/// The tables in an order where every table comes after those it refers
/// to (a table's references to itself aside).
fn ordered(schema: &Schema) -> StoreResult<Vec<String>> {
    let mut left: BTreeSet<&String> = schema.columns.keys().collect();
    let mut out = Vec::new();
    while !left.is_empty() {
        let ready: Vec<&String> = left
            .iter()
            .copied()
            .filter(|t| {
                schema
                    .references
                    .iter()
                    .filter(|(from, _, to, _)| from == *t && to != *t)
                    .all(|(_, _, to, _)| !left.contains(to))
            })
            .collect();
        if ready.is_empty() {
            return Err(corrupt("the tables' foreign keys form a cycle"));
        }
        for t in ready {
            left.remove(t);
            out.push(t.clone());
        }
    }
    Ok(out)
}

/// Rows of a table that refers to itself, each after the row it names.
fn parents_first(rows: Vec<Vec<Value>>, column: usize, referenced: usize) -> Vec<Vec<Value>> {
    let empty = |v: &Value| *v == Value::Uuid(None) || *v == Value::String(None);
    let mut placed: Vec<Value> = Vec::new();
    let mut left = rows;
    let mut out = Vec::with_capacity(left.len());
    loop {
        let (ready, rest): (Vec<_>, Vec<_>) = left
            .into_iter()
            .partition(|r| r.get(column).is_none_or(|v| empty(v) || placed.contains(v)));
        if ready.is_empty() {
            // Rows naming a row that is not there: the database let them
            // in; they keep their place last.
            out.extend(rest);
            return out;
        }
        placed.extend(ready.iter().filter_map(|r| r.get(referenced).cloned()));
        out.extend(ready);
        left = rest;
        if left.is_empty() {
            return out;
        }
    }
}

async fn count(c: &impl ConnectionTrait, backend: DbBackend, table: &str) -> StoreResult<u64> {
    let row = c
        .query_one_raw(Statement::from_string(
            backend,
            format!("SELECT COUNT(*) AS n FROM {}", quote(table)),
        ))
        .await?
        .ok_or_else(|| corrupt("COUNT returned nothing"))?;
    Ok(u64::try_from(row.try_get::<i64>("", "n")?).unwrap_or_default())
}

/// How the tables stand for sharding by unit: those with no `unit_id`
/// column, and those whose `unit_id` is nullable or in no unique key.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct UnitKeys {
    pub without_unit_id: Vec<String>,
    pub unit_id_not_in_a_key: Vec<String>,
    pub unit_id_nullable: Vec<String>,
}

impl Db {
    /// PostgreSQL only (the catalog says it): how every table carries
    /// `unit_id`, the column a distributed PostgreSQL would shard by.
    pub async fn unit_keys(&self) -> StoreResult<UnitKeys> {
        if self.backend != Backend::Postgres {
            return Err(corrupt("the unit keys are read from PostgreSQL's catalog"));
        }
        let list = |sql: &str| {
            let sql = sql.to_owned();
            async move {
                self.conn
                    .query_all_raw(Statement::from_string(DbBackend::Postgres, sql))
                    .await?
                    .iter()
                    .map(|r| r.try_get::<String>("", "t").map_err(StoreError::from))
                    .collect::<StoreResult<Vec<String>>>()
            }
        };
        Ok(UnitKeys {
            without_unit_id: list(
                "SELECT table_name AS t FROM information_schema.tables x \
                 WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' \
                 AND NOT EXISTS (SELECT 1 FROM information_schema.columns c \
                   WHERE c.table_schema = x.table_schema AND c.table_name = x.table_name \
                   AND c.column_name = 'unit_id') ORDER BY 1",
            )
            .await?,
            unit_id_not_in_a_key: list(
                "SELECT c.table_name AS t FROM information_schema.columns c \
                 JOIN information_schema.tables x USING (table_schema, table_name) \
                 WHERE c.table_schema = current_schema() AND x.table_type = 'BASE TABLE' \
                 AND c.column_name = 'unit_id' AND NOT EXISTS ( \
                   SELECT 1 FROM pg_index i JOIN pg_class r ON r.oid = i.indrelid \
                   JOIN pg_namespace n ON n.oid = r.relnamespace \
                   JOIN pg_attribute a ON a.attrelid = r.oid AND a.attnum = ANY(i.indkey) \
                   WHERE i.indisunique AND n.nspname = c.table_schema \
                   AND r.relname = c.table_name AND a.attname = 'unit_id') ORDER BY 1",
            )
            .await?,
            unit_id_nullable: list(
                "SELECT c.table_name AS t FROM information_schema.columns c \
                 JOIN information_schema.tables x USING (table_schema, table_name) \
                 WHERE c.table_schema = current_schema() AND x.table_type = 'BASE TABLE' \
                 AND c.column_name = 'unit_id' AND c.is_nullable = 'YES' ORDER BY 1",
            )
            .await?,
        })
    }

    fn db_backend(&self) -> DbBackend {
        match self.backend {
            Backend::Sqlite => DbBackend::Sqlite,
            Backend::Postgres => DbBackend::Postgres,
        }
    }

    /// Whether the tables that hold someone's data are empty: the first
    /// that is not, if any.
    pub async fn first_filled_table(&self) -> StoreResult<Option<String>> {
        for t in MUST_BE_EMPTY {
            if count(&self.conn, self.db_backend(), t).await? > 0 {
                return Ok(Some(t.to_owned()));
            }
        }
        Ok(None)
    }

    /// Copies every row of this database into `target`, a PostgreSQL
    /// database of the same schema with no one's data yet (the rows its
    /// migration wrote, such as the audit chain's head, are replaced), in
    /// one transaction: all of it or nothing. Returns each table's rows on
    /// both sides.
    pub async fn copy_into(&self, target: &Db) -> StoreResult<Vec<CopiedTable>> {
        if target.backend != Backend::Postgres {
            return Err(corrupt("the copy's target must be PostgreSQL"));
        }
        if let Some(t) = target.first_filled_table().await? {
            return Err(StoreError::Conflict(format!("target not empty: {t}")));
        }
        let schema = schema(&target.conn).await?;
        let order = ordered(&schema)?;
        let source = self.conn.begin().await?;
        let tx = target.conn.begin().await?;
        let from = self.db_backend();
        for table in order.iter().rev() {
            tx.execute_raw(Statement::from_string(
                DbBackend::Postgres,
                format!("DELETE FROM {}", quote(table)),
            ))
            .await?;
        }
        for table in &order {
            let columns = &schema.columns[table];
            let names = columns
                .iter()
                .map(|c| quote(&c.name))
                .collect::<Vec<_>>()
                .join(", ");
            let by = schema.keys.get(table).map_or_else(
                || names.clone(),
                |k| k.iter().map(|c| quote(c)).collect::<Vec<_>>().join(", "),
            );
            let selfref = schema
                .references
                .iter()
                .find(|(f, _, t, _)| f == table && t == table)
                .and_then(|(_, col, _, refcol)| {
                    let at = |n: &str| columns.iter().position(|c| c.name == n);
                    at(col).zip(at(refcol))
                });
            let per_insert = (PARAMETERS / columns.len().max(1)).max(1);
            let mut offset = 0;
            let mut all = Vec::new();
            loop {
                let rows = source
                    .query_all_raw(Statement::from_string(
                        from,
                        format!(
                            "SELECT {names} FROM {} ORDER BY {by} LIMIT {PAGE} OFFSET {offset}",
                            quote(table)
                        ),
                    ))
                    .await?;
                let n = rows.len();
                let mut page = Vec::with_capacity(n);
                for row in &rows {
                    page.push(
                        columns
                            .iter()
                            .map(|c| value(row, c))
                            .collect::<StoreResult<Vec<_>>>()?,
                    );
                }
                if selfref.is_some() {
                    all.extend(page);
                } else {
                    insert(&tx, table, &names, columns.len(), per_insert, page).await?;
                }
                if (n as u64) < PAGE {
                    break;
                }
                offset += PAGE;
            }
            if let Some((column, referenced)) = selfref {
                let rows = parents_first(all, column, referenced);
                insert(&tx, table, &names, columns.len(), per_insert, rows).await?;
            }
        }
        for (table, column) in &schema.serials {
            tx.execute_raw(Statement::from_string(
                DbBackend::Postgres,
                format!(
                    "SELECT setval(pg_get_serial_sequence('{t}', '{c}'), \
                     coalesce((SELECT max({qc}) FROM {qt}), 0) + 1, false)",
                    t = table.replace('\'', "''"),
                    c = column.replace('\'', "''"),
                    qc = quote(column),
                    qt = quote(table),
                ),
            ))
            .await?;
        }
        let mut out = Vec::new();
        for table in &order {
            out.push(CopiedTable {
                table: table.clone(),
                source: count(&source, from, table).await?,
                target: count(&tx, DbBackend::Postgres, table).await?,
            });
        }
        if let Some(t) = out.iter().find(|t| t.source != t.target) {
            return Err(corrupt(format!(
                "{}: {} rows read, {} written",
                t.table, t.source, t.target
            )));
        }
        tx.commit().await?;
        source.commit().await?;
        Ok(out)
    }
}

async fn insert(
    tx: &impl ConnectionTrait,
    table: &str,
    names: &str,
    width: usize,
    per_insert: usize,
    rows: Vec<Vec<Value>>,
) -> StoreResult<()> {
    for chunk in rows.chunks(per_insert) {
        let mut n = 0;
        let tuples = chunk
            .iter()
            .map(|_| {
                let marks = (0..width)
                    .map(|_| {
                        n += 1;
                        format!("${n}")
                    })
                    .collect::<Vec<_>>()
                    .join(", ");
                format!("({marks})")
            })
            .collect::<Vec<_>>()
            .join(", ");
        let values: Vec<Value> = chunk.iter().flatten().cloned().collect();
        tx.execute_raw(Statement::from_sql_and_values(
            DbBackend::Postgres,
            format!("INSERT INTO {} ({names}) VALUES {tuples}", quote(table)),
            values,
        ))
        .await?;
    }
    Ok(())
}
