//! Importing people from a spreadsheet: the file is read and every row
//! checked and matched against the unit first (the plan, shown as a preview
//! or a report); then the whole plan is written in one transaction, or
//! nothing is.

use antt_domain::role::Capability;
use std::collections::{HashMap, HashSet};

use antt_domain::audit::{AuditAction, Change, TargetKind};
use antt_domain::legacy::Legacy;
use antt_domain::org::{ClassInput, DepartmentInput, DepartmentKind};
use antt_domain::person::{Person, PersonInput, PersonKind, PersonStatus};
use antt_domain::person_import::{PersonColumn, PersonRecord, Problem, SheetRefusal, read_people};
use antt_domain::sheet::Sheet;
use antt_domain::text::search_key;
use antt_domain::{ClassId, DepartmentId, ErrorCode, PersonId, UnitId, time};
use antt_store::{org as org_store, person as store, staged};
use chrono::NaiveDate;
use sha2::{Digest, Sha256};

use crate::actor::Actor;
use crate::audit::entry;
use crate::error::{CoreError, CoreResult};
use crate::org::Structure;
use crate::person::{People, input_of};
use crate::write::{Access, Write};

/// The largest file an import takes (a college's 20,000 rows are ~1 MB).
pub const MAX_FILE_BYTES: usize = 20 * 1024 * 1024;

/// How an import treats what the file does not settle.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ImportOptions {
    /// Everyone in the file is of this kind; otherwise a "Đối tượng" column
    /// or the row itself (a class means a student) tells.
    pub kind: Option<PersonKind>,
    /// Create the classes and departments the file names that the unit does
    /// not have yet, instead of reporting them.
    pub create_missing: bool,
    /// Write the good rows and skip the rows with problems, instead of
    /// refusing the whole file.
    pub only_valid: bool,
    /// Rows that would change the name or the birth date of a person the
    /// unit has (a code typed wrong renames someone else) are written only
    /// with this: the person importing looked at them apart.
    pub confirm_renames: bool,
}

/// What an import does with one row.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RowAction {
    Create,
    Update,
    Unchanged,
    /// The row has problems and is not written.
    Skip,
}

/// One row of the plan, for the preview.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImportRow {
    pub row: usize,
    pub code: Option<String>,
    pub full_name: Option<String>,
    pub kind: Option<PersonKind>,
    pub class: Option<String>,
    pub department: Option<String>,
    pub birth_date: Option<NaiveDate>,
    pub action: RowAction,
    /// For an update: each field before and after.
    pub changes: Vec<Change>,
    /// An update that changes the person's name or birth date: shown apart
    /// and written only when confirmed.
    pub renames: bool,
    pub problems: Vec<Problem>,
}

/// What an import of a file would do, row by row.
#[derive(Clone, Debug)]
pub struct ImportPlan {
    pub file_name: String,
    pub sha256: String,
    pub sheet_name: String,
    /// The legacy font encoding the sheet was typed in, converted.
    pub legacy: Option<Legacy>,
    /// The columns read: name ("C"), header as written, and meaning.
    pub columns: Vec<(String, String, PersonColumn)>,
    pub rows: Vec<ImportRow>,
    pub new_classes: Vec<String>,
    pub new_departments: Vec<String>,
    /// Rows below the table that hold something but were not read.
    pub rows_below: Vec<usize>,
    writes: Vec<RowWrite>,
}

impl ImportPlan {
    pub fn count(&self, action: RowAction) -> usize {
        self.rows.iter().filter(|r| r.action == action).count()
    }
    pub fn problems(&self) -> impl Iterator<Item = &Problem> {
        self.rows.iter().flat_map(|r| &r.problems)
    }
    /// The rows that rename a person or change their birth date.
    pub fn renames(&self) -> impl Iterator<Item = &ImportRow> {
        self.rows.iter().filter(|r| r.renames)
    }
}

/// What an import wrote.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ImportOutcome {
    pub created: usize,
    pub updated: usize,
    pub unchanged: usize,
    pub skipped: usize,
    pub classes_created: usize,
    pub departments_created: usize,
}

/// A class or department: one the unit has, or one the import creates.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Ref<Id> {
    Existing(Id),
    New(String),
}

/// What the import does with one person.
#[derive(Clone, Debug)]
struct RowWrite {
    existing: Option<PersonId>,
    input: PersonInput,
    class: Option<Ref<ClassId>>,
    department: Option<Ref<DepartmentId>>,
    changes: Vec<Change>,
}

/// A name key that also matches "Kỹ thuật" with "Khoa Kỹ thuật".
fn bare_key(name: &str) -> String {
    let key = search_key(name);
    for prefix in ["khoa ", "phong ", "trung tam ", "to "] {
        if let Some(rest) = key.strip_prefix(prefix) {
            return rest.to_owned();
        }
    }
    key
}

/// What kind of department a name says it is.
fn department_kind(name: &str) -> DepartmentKind {
    let key = search_key(name);
    if key.starts_with("khoa ") {
        DepartmentKind::Faculty
    } else if key.starts_with("trung tam ") {
        DepartmentKind::Centre
    } else if key.starts_with("doan ") || key.starts_with("cong doan") || key.starts_with("hoi ") {
        DepartmentKind::Union
    } else {
        DepartmentKind::Office
    }
}

/// The unit's records the rows are matched against.
struct Lookup<'a> {
    classes: HashMap<String, ClassId>,
    departments: HashMap<String, DepartmentId>,
    bare_departments: HashMap<String, Option<DepartmentId>>,
    people: HashMap<&'a str, &'a Person>,
    structure: &'a Structure,
}

impl<'a> Lookup<'a> {
    fn new(structure: &'a Structure, people: &'a [Person]) -> Self {
        let mut bare_departments = HashMap::new();
        for d in &structure.departments {
            bare_departments
                .entry(bare_key(&d.name))
                .and_modify(|v| *v = None) // two departments with one bare name: ambiguous
                .or_insert(Some(d.id));
        }
        Self {
            classes: structure
                .classes
                .iter()
                .map(|c| (search_key(&c.name), c.id))
                .collect(),
            departments: structure
                .departments
                .iter()
                .map(|d| (search_key(&d.name), d.id))
                .collect(),
            bare_departments,
            people: people.iter().map(|p| (p.code.as_str(), p)).collect(),
            structure,
        }
    }

    fn class(&self, name: &str) -> Option<ClassId> {
        self.classes.get(&search_key(name)).copied()
    }

    fn department(&self, name: &str) -> Option<DepartmentId> {
        self.departments
            .get(&search_key(name))
            .copied()
            .or_else(|| {
                self.bare_departments
                    .get(&bare_key(name))
                    .copied()
                    .flatten()
            })
    }

    fn class_name(&self, id: Option<ClassId>) -> Option<String> {
        self.structure.class(id).map(|c| c.name.clone())
    }
}

/// The fields of a person as the import's preview and audit show them:
/// classes and departments by name.
fn shown_fields(
    p: &PersonInput,
    class: Option<String>,
    department: Option<String>,
) -> Vec<(&'static str, Option<String>)> {
    vec![
        ("kind", Some(p.kind.code().into())),
        ("full_name", Some(p.full_name.clone())),
        ("birth_date", p.birth_date.map(time::format_date)),
        ("gender", p.gender.map(|g| g.code().into())),
        ("ethnicity", p.ethnicity.clone()),
        ("phone", p.phone.clone()),
        ("email", p.email.clone()),
        ("class", class),
        ("department", department),
        ("position", p.position.clone()),
        ("boarding", Some(p.boarding.to_string())),
    ]
}

fn problem(row: usize, field: &'static str, code: ErrorCode, value: Option<&str>) -> Problem {
    Problem {
        row,
        column: None,
        field,
        code,
        value: value.unwrap_or_default().to_owned(),
    }
}

/// Classes or departments a file names that the unit lacks, each once.
#[derive(Default)]
struct NewNames {
    keys: HashSet<String>,
    names: Vec<String>,
}

/// A class or department named in a row: the unit's own, one the import
/// creates (when allowed), or a problem.
fn reference<Id>(
    name: &str,
    found: Option<Id>,
    field: &'static str,
    row: usize,
    options: ImportOptions,
    new: &mut NewNames,
    problems: &mut Vec<Problem>,
) -> Option<Ref<Id>> {
    if let Some(id) = found {
        return Some(Ref::Existing(id));
    }
    if !options.create_missing {
        problems.push(problem(row, field, ErrorCode::NotFound, Some(name)));
        return None;
    }
    let key = search_key(name);
    if new.keys.insert(key.clone()) {
        new.names.push(name.to_owned());
    }
    Some(Ref::New(key))
}

/// Matches one record against the unit: what to write, or its problems.
fn plan_row(
    record: &PersonRecord,
    lookup: &Lookup<'_>,
    options: ImportOptions,
    problems: &mut Vec<Problem>,
    new_classes: &mut NewNames,
    new_departments: &mut NewNames,
) -> Option<RowWrite> {
    let row = record.row;
    let existing = record
        .code
        .as_deref()
        .and_then(|c| lookup.people.get(c).copied());
    let kind = options
        .kind
        .or(record.kind)
        .or(existing.map(|p| p.kind))
        .or(if record.class.is_some() {
            Some(PersonKind::Student)
        } else if record.department.is_some() || record.position.is_some() {
            Some(PersonKind::Staff)
        } else {
            None
        });
    let Some(kind) = kind else {
        problems.push(problem(row, "kind", ErrorCode::Required, None));
        return None;
    };
    let mut class = None;
    let mut department = record.department.as_deref().and_then(|name| {
        let found = lookup.department(name);
        reference(
            name,
            found,
            "department",
            row,
            options,
            new_departments,
            problems,
        )
    });
    if kind == PersonKind::Student {
        if let Some(name) = record.class.as_deref() {
            let found = lookup.class(name);
            class = reference(name, found, "class", row, options, new_classes, problems);
        } else if let Some(id) = existing.and_then(|p| p.class_id) {
            class = Some(Ref::Existing(id));
        } else {
            problems.push(problem(row, "class", ErrorCode::Required, None));
        }
    } else if department.is_none() {
        department = existing.and_then(|p| p.department_id).map(Ref::Existing);
    }
    if !problems.is_empty() {
        return None;
    }
    let (code, full_name) = (record.code.clone()?, record.full_name.clone()?);
    let base = existing.map_or_else(
        || PersonInput {
            kind,
            code: code.clone(),
            full_name: full_name.clone(),
            birth_date: None,
            gender: None,
            ethnicity: None,
            phone: None,
            email: None,
            department_id: None,
            class_id: None,
            position: None,
            boarding: false,
            status: PersonStatus::Active,
        },
        input_of,
    );
    let student = kind == PersonKind::Student;
    // A blank cell never erases what the unit already has.
    let input = PersonInput {
        kind,
        code,
        full_name,
        birth_date: record.birth_date.or(base.birth_date),
        gender: record.gender.or(base.gender),
        ethnicity: record.ethnicity.clone().or(base.ethnicity.clone()),
        phone: record.phone.clone().or(base.phone.clone()),
        email: record.email.clone().or(base.email.clone()),
        department_id: None,
        class_id: None,
        position: if student {
            None
        } else {
            record.position.clone().or(base.position.clone())
        },
        boarding: record.boarding.unwrap_or(base.boarding),
        status: base.status,
    };
    let (class, department) = if student {
        (class, None)
    } else {
        (None, department)
    };
    let shown_class = |r: &Option<Ref<ClassId>>| match r {
        Some(Ref::Existing(id)) => lookup.class_name(Some(*id)),
        Some(Ref::New(_)) => record.class.clone(),
        None => None,
    };
    let shown_department = |r: &Option<Ref<DepartmentId>>| match r {
        Some(Ref::Existing(id)) => lookup.structure.department_name(Some(*id)),
        Some(Ref::New(_)) => record.department.clone(),
        None => None,
    };
    let after = shown_fields(&input, shown_class(&class), shown_department(&department));
    let changes = match existing {
        None => Vec::new(),
        Some(old) => {
            let before = shown_fields(
                &base,
                lookup.class_name(old.class_id),
                lookup.structure.department_name(old.department_id),
            );
            Change::diff(&before, &after)
        }
    };
    Some(RowWrite {
        existing: existing.map(|p| p.id),
        input,
        class,
        department,
        changes,
    })
}

/// The plan for a file read into `sheets`, against the unit's structure and
/// people. Pure: the same inputs give the same plan.
fn plan(
    file_name: &str,
    bytes: &[u8],
    sheets: &[Sheet],
    structure: &Structure,
    people: &[Person],
    options: ImportOptions,
    today: NaiveDate,
) -> CoreResult<ImportPlan> {
    let read = read_people(sheets, today).map_err(|e| {
        CoreError::invalid(
            "file",
            match e {
                SheetRefusal::NoHeader => ErrorCode::NoHeader,
                SheetRefusal::NoCode => ErrorCode::NoCodeColumn,
            },
        )
    })?;
    let sheet = sheets.iter().find(|s| s.name == read.sheet_name);
    let legacy = sheet.and_then(|s| s.legacy);
    let lookup = Lookup::new(structure, people);
    // Problems found while matching point at the column they come from.
    let column_of: HashMap<&'static str, (String, String)> = read
        .table
        .columns
        .iter()
        .filter_map(|c| {
            let name = sheet?.column_name(c.index);
            Some((c.kind.field(), (name, c.label.clone())))
        })
        .collect();
    let mut first_row_of_code: HashMap<&str, usize> = HashMap::new();
    let mut new_classes = NewNames::default();
    let mut new_departments = NewNames::default();
    let mut rows = Vec::with_capacity(read.records.len());
    let mut writes = Vec::new();
    let mut cell_problems: HashMap<usize, Vec<Problem>> = HashMap::new();
    for p in read.problems {
        cell_problems.entry(p.row).or_default().push(p);
    }
    for record in &read.records {
        let mut problems = cell_problems.remove(&record.row).unwrap_or_default();
        if let Some(code) = record.code.as_deref() {
            if let Some(first) = first_row_of_code.get(code) {
                let mut p = problem(record.row, "code", ErrorCode::Duplicate, Some(code));
                p.value = format!("{code} (dòng {first})");
                problems.push(p);
            } else {
                first_row_of_code.insert(code, record.row);
            }
        }
        let write = if problems.is_empty() {
            plan_row(
                record,
                &lookup,
                options,
                &mut problems,
                &mut new_classes,
                &mut new_departments,
            )
        } else {
            None
        };
        for p in problems.iter_mut().filter(|p| p.column.is_none()) {
            p.column = column_of.get(p.field).cloned();
        }
        let action = match &write {
            None => RowAction::Skip,
            Some(w) if w.existing.is_none() => RowAction::Create,
            Some(w) if w.changes.is_empty() => RowAction::Unchanged,
            Some(_) => RowAction::Update,
        };
        rows.push(ImportRow {
            row: record.row,
            code: record.code.clone(),
            full_name: record.full_name.clone(),
            kind: write.as_ref().map(|w| w.input.kind).or(record.kind),
            class: record.class.clone(),
            department: record.department.clone(),
            birth_date: record.birth_date,
            action,
            renames: action == RowAction::Update
                && write.as_ref().is_some_and(|w| {
                    w.changes
                        .iter()
                        .any(|c| matches!(c.field.as_str(), "full_name" | "birth_date"))
                }),
            changes: write
                .as_ref()
                .map(|w| w.changes.clone())
                .unwrap_or_default(),
            problems,
        });
        writes.extend(write.filter(|_| action != RowAction::Unchanged));
    }
    let columns = read
        .table
        .columns
        .iter()
        .filter(|c| c.kind != PersonColumn::Number)
        .map(|c| {
            let name = sheet.map(|s| s.column_name(c.index)).unwrap_or_default();
            (name, c.label.clone(), c.kind)
        })
        .collect();
    Ok(ImportPlan {
        file_name: file_name.to_owned(),
        sha256: sha256(bytes),
        sheet_name: read.sheet_name,
        legacy,
        columns,
        rows,
        new_classes: new_classes.names,
        new_departments: new_departments.names,
        rows_below: read.rows_below,
        writes,
    })
}

/// An import refused because rows have problems.
/// What a staged file's content is sealed for.
pub(crate) fn staged_context(id: uuid::Uuid) -> Vec<u8> {
    format!("staged:{id}").into_bytes()
}

fn refused() -> CoreError {
    CoreError::invalid("file", ErrorCode::RowsHaveProblems)
}

fn sha256(bytes: &[u8]) -> String {
    format!("{:x}", Sha256::digest(bytes))
}

/// Reads a file on a blocking thread: a 20,000-row workbook takes a
/// noticeable fraction of a second.
pub(crate) async fn read_file(
    file_name: &str,
    bytes: Vec<u8>,
) -> CoreResult<(Vec<Sheet>, Vec<u8>)> {
    if bytes.len() > MAX_FILE_BYTES {
        return Err(CoreError::invalid("file", ErrorCode::FileTooLarge));
    }
    let name = file_name.to_owned();
    tokio::task::spawn_blocking(move || {
        let sheets = antt_docgen::read_workbook(&name, &bytes).map_err(|e| {
            tracing::info!(file = %name, refusal = %e, "a file refused");
            let code = match e {
                antt_docgen::ReadError::TooLarge(_) => ErrorCode::SheetTooLarge,
                _ => ErrorCode::UnreadableFile,
            };
            CoreError::invalid("file", code)
        })?;
        Ok((sheets, bytes))
    })
    .await
    .map_err(CoreError::internal)?
}

impl People {
    /// What importing `bytes` would do, without writing anything.
    #[tracing::instrument(name = "people.plan_import", skip_all, fields(actor = %actor.name))]
    pub async fn plan_import(
        &self,
        actor: &Actor,
        unit: UnitId,
        file_name: &str,
        bytes: Vec<u8>,
        options: ImportOptions,
    ) -> CoreResult<ImportPlan> {
        self.cx.check_writable(actor, unit).await?;
        actor.require(Capability::ImportPeople)?;
        let (sheets, bytes) = read_file(file_name, bytes).await?;
        let structure = self.org.structure(actor, unit).await?;
        let people = store::all(self.cx.db(), unit).await?;
        plan(
            file_name,
            &bytes,
            &sheets,
            &structure,
            &people,
            options,
            self.cx.today(),
        )
    }

    /// Imports `bytes`: every row, or (with `only_valid`) every good row, in
    /// one transaction; refused whole when a row has a problem otherwise.
    #[tracing::instrument(name = "people.import", skip_all, fields(actor = %actor.name))]
    pub async fn import(
        &self,
        actor: &Actor,
        unit: UnitId,
        file_name: &str,
        bytes: Vec<u8>,
        options: ImportOptions,
    ) -> CoreResult<ImportOutcome> {
        let (_, outcome) = self
            .import_with_plan(actor, unit, file_name, bytes, options)
            .await?;
        outcome.ok_or_else(refused)
    }

    /// Imports `bytes` and returns the plan it followed, for a report of
    /// every problem; the outcome is `None` when the file was refused
    /// (rows with problems and not `only_valid`), and then nothing changed.
    /// The file is read and checked once.
    #[tracing::instrument(name = "people.import_with_plan", skip_all, fields(actor = %actor.name))]
    pub async fn import_with_plan(
        &self,
        actor: &Actor,
        unit: UnitId,
        file_name: &str,
        bytes: Vec<u8>,
        options: ImportOptions,
    ) -> CoreResult<(ImportPlan, Option<ImportOutcome>)> {
        self.cx.check_writable(actor, unit).await?;
        actor.require(Capability::ImportPeople)?;
        let (sheets, bytes) = read_file(file_name, bytes).await?;
        let w = self.import_write(actor, unit).await?;
        self.write_import(w, actor, unit, file_name, &bytes, &sheets, options)
            .await
    }

    /// Reads and plans an uploaded file and keeps it until the user confirms
    /// the preview (files left unconfirmed for a day are dropped).
    #[tracing::instrument(name = "people.stage_import", skip_all, fields(actor = %actor.name))]
    pub async fn stage_import(
        &self,
        actor: &Actor,
        unit: UnitId,
        file_name: &str,
        bytes: Vec<u8>,
        options: ImportOptions,
    ) -> CoreResult<(uuid::Uuid, ImportPlan)> {
        let user = actor.user_id.ok_or(CoreError::Forbidden)?;
        let plan = self
            .plan_import(actor, unit, file_name, bytes.clone(), options)
            .await?;
        let w = self.import_write(actor, unit).await?;
        staged::delete_before(w.tx(), w.now() - chrono::Duration::days(1)).await?;
        let id = uuid::Uuid::now_v7();
        let sealed = self
            .cx
            .key()?
            .seal(&bytes, &staged_context(id))
            .map_err(CoreError::internal)?;
        staged::insert(
            w.tx(),
            id,
            unit,
            user,
            file_name,
            &plan.sha256,
            &sealed,
            w.now(),
        )
        .await?;
        let fields = [("file_sha256", Some(plan.sha256.clone()))];
        w.commit(entry(
            actor,
            Some(unit),
            AuditAction::Upload,
            None,
            file_name,
            Change::diff(&[], &fields),
        ))
        .await?;
        Ok((id, plan))
    }

    /// The plan of a staged file, as it would be written now.
    #[tracing::instrument(name = "people.staged_import", skip_all, fields(actor = %actor.name))]
    pub async fn staged_import(
        &self,
        actor: &Actor,
        unit: UnitId,
        id: uuid::Uuid,
        options: ImportOptions,
    ) -> CoreResult<ImportPlan> {
        let user = actor.user_id.ok_or(CoreError::Forbidden)?;
        let file = staged::get(self.cx.db(), unit, user, id).await?;
        let content = self.open_staged(id, &file.content)?;
        self.plan_import(actor, unit, &file.file_name, content, options)
            .await
    }

    /// Writes a staged file and forgets it, in the same transaction.
    #[tracing::instrument(name = "people.confirm_import", skip_all, fields(actor = %actor.name))]
    pub async fn confirm_import(
        &self,
        actor: &Actor,
        unit: UnitId,
        id: uuid::Uuid,
        options: ImportOptions,
    ) -> CoreResult<ImportOutcome> {
        let user = actor.user_id.ok_or(CoreError::Forbidden)?;
        let w = self.import_write(actor, unit).await?;
        let file = staged::get(w.tx(), unit, user, id).await?;
        let content = self.open_staged(id, &file.content)?;
        let (sheets, bytes) = read_file(&file.file_name, content).await?;
        staged::delete(w.tx(), id).await?;
        let (_, outcome) = self
            .write_import(w, actor, unit, &file.file_name, &bytes, &sheets, options)
            .await?;
        outcome.ok_or_else(refused)
    }

    /// A staged file's content, opened with the key it was sealed under.
    fn open_staged(&self, id: uuid::Uuid, sealed: &[u8]) -> CoreResult<Vec<u8>> {
        self.cx
            .key()?
            .open(sealed, &staged_context(id))
            .map_err(CoreError::internal)
    }

    async fn import_write(&self, actor: &Actor, unit: UnitId) -> CoreResult<Write> {
        self.cx
            .write(Access::Unit(actor, unit, Capability::ImportPeople))
            .await
    }

    /// Plans again inside the write (so the plan matches the data it is
    /// written over) and writes it.
    #[allow(clippy::too_many_arguments)] // the write, who, where, and the file as read
    async fn write_import(
        &self,
        w: Write,
        actor: &Actor,
        unit: UnitId,
        file_name: &str,
        bytes: &[u8],
        sheets: &[Sheet],
        options: ImportOptions,
    ) -> CoreResult<(ImportPlan, Option<ImportOutcome>)> {
        let now = w.now();
        let structure = Structure {
            campuses: Vec::new(),
            departments: org_store::list_departments(w.tx(), unit).await?,
            classes: org_store::list_classes(w.tx(), unit).await?,
        };
        let people = store::all(w.tx(), unit).await?;
        let plan = plan(
            file_name,
            bytes,
            sheets,
            &structure,
            &people,
            options,
            time::local_date(now),
        )?;
        let skipped = plan.count(RowAction::Skip);
        if skipped > 0 && !options.only_valid {
            return Ok((plan, None));
        }
        if plan.renames().next().is_some() && !options.confirm_renames {
            return Err(CoreError::invalid("file", ErrorCode::RenamesUnconfirmed));
        }
        let outcome = ImportOutcome {
            created: plan.count(RowAction::Create),
            updated: plan.count(RowAction::Update),
            unchanged: plan.count(RowAction::Unchanged),
            skipped,
            classes_created: plan.new_classes.len(),
            departments_created: plan.new_departments.len(),
        };
        let departments = create_departments(&w, actor, unit, &plan.new_departments).await?;
        let classes = create_classes(&w, actor, unit, &plan, &departments).await?;
        let resolve_class = |r: &Option<Ref<ClassId>>| match r {
            Some(Ref::Existing(id)) => Some(*id),
            Some(Ref::New(key)) => classes.get(key).copied(),
            None => None,
        };
        let resolve_department = |r: &Option<Ref<DepartmentId>>| match r {
            Some(Ref::Existing(id)) => Some(*id),
            Some(Ref::New(key)) => departments.get(key).copied(),
            None => None,
        };
        let mut new_people = Vec::new();
        for row in &plan.writes {
            let mut input = row.input.clone();
            input.class_id = resolve_class(&row.class);
            input.department_id = resolve_department(&row.department);
            match row.existing {
                None => new_people.push(input),
                Some(id) => {
                    store::overwrite(w.tx(), unit, id, &input, now).await?;
                    let target = Some((TargetKind::Person, id.to_string()));
                    w.audit(entry(
                        actor,
                        Some(unit),
                        AuditAction::Update,
                        target,
                        input.full_name.clone(),
                        row.changes.clone(),
                    ))
                    .await?;
                }
            }
        }
        store::insert_many(w.tx(), unit, &new_people, now)
            .await
            .map_err(|e| {
                if e.is_conflict_on("code") {
                    CoreError::invalid("code", ErrorCode::Duplicate)
                } else {
                    e.into()
                }
            })?;
        let counts = [
            ("file_sha256", Some(plan.sha256.clone())),
            ("sheet", Some(plan.sheet_name.clone())),
            ("created", Some(outcome.created.to_string())),
            ("updated", Some(outcome.updated.to_string())),
            ("unchanged", Some(outcome.unchanged.to_string())),
            ("skipped", Some(outcome.skipped.to_string())),
        ];
        w.commit(entry(
            actor,
            Some(unit),
            AuditAction::Import,
            None,
            file_name,
            Change::diff(&[], &counts),
        ))
        .await?;
        self.cx.caches().people_changed(unit);
        self.cx.caches().structure_changed(unit);
        Ok((plan, Some(outcome)))
    }
}

async fn create_departments(
    w: &Write,
    actor: &Actor,
    unit: UnitId,
    names: &[String],
) -> CoreResult<HashMap<String, DepartmentId>> {
    let mut ids = HashMap::new();
    for name in names {
        let input = DepartmentInput::parse(department_kind(name).code(), name)?;
        let id = org_store::insert_department(w.tx(), unit, &input, w.now())
            .await?
            .id;
        let fields = [
            ("kind", Some(input.kind.code().to_owned())),
            ("name", Some(input.name.clone())),
        ];
        let target = Some((TargetKind::Department, id.to_string()));
        w.audit(entry(
            actor,
            Some(unit),
            AuditAction::Create,
            target,
            input.name.clone(),
            Change::diff(&[], &fields),
        ))
        .await?;
        ids.insert(search_key(name), id);
    }
    Ok(ids)
}

/// Creates the new classes, each in the faculty its first student's row
/// names, if any.
async fn create_classes(
    w: &Write,
    actor: &Actor,
    unit: UnitId,
    plan: &ImportPlan,
    departments: &HashMap<String, DepartmentId>,
) -> CoreResult<HashMap<String, ClassId>> {
    let mut faculty: HashMap<String, DepartmentId> = HashMap::new();
    for row in &plan.writes {
        if let Some(Ref::New(class)) = &row.class {
            let department = match &row.department {
                Some(Ref::Existing(id)) => Some(*id),
                Some(Ref::New(key)) => departments.get(key).copied(),
                None => None,
            };
            if let Some(d) = department {
                faculty.entry(class.clone()).or_insert(d);
            }
        }
    }
    let mut ids = HashMap::new();
    for name in &plan.new_classes {
        let key = search_key(name);
        let input = ClassInput::parse(name, faculty.get(&key).copied(), None, None)?;
        let id = org_store::insert_class(w.tx(), unit, &input, w.now())
            .await?
            .id;
        let fields = [("name", Some(input.name.clone()))];
        let target = Some((TargetKind::Class, id.to_string()));
        w.audit(entry(
            actor,
            Some(unit),
            AuditAction::Create,
            target,
            input.name.clone(),
            Change::diff(&[], &fields),
        ))
        .await?;
        ids.insert(key, id);
    }
    Ok(ids)
}

#[cfg(test)]
mod tests {
    use super::*;
    use antt_domain::org::{Class, Department};
    use antt_domain::sheet::Cell;
    use chrono::DateTime;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 21).unwrap()
    }

    fn sheet(rows: &[&[&str]]) -> Vec<Sheet> {
        vec![Sheet {
            name: "DS".into(),
            rows: rows
                .iter()
                .map(|r| {
                    r.iter()
                        .map(|s| {
                            if s.is_empty() {
                                Cell::Empty
                            } else {
                                Cell::Text((*s).into())
                            }
                        })
                        .collect()
                })
                .collect(),
            origin: (0, 0),
            legacy: None,
        }]
    }

    fn structure() -> Structure {
        let unit = UnitId::new_v7();
        let faculty = DepartmentId::new_v7();
        Structure {
            campuses: vec![],
            departments: vec![Department {
                id: faculty,
                unit_id: unit,
                kind: DepartmentKind::Faculty,
                name: "Khoa Kỹ thuật".into(),
            }],
            classes: vec![Class {
                id: ClassId::new_v7(),
                unit_id: unit,
                name: "CĐ Điện K12".into(),
                department_id: Some(faculty),
                campus_id: None,
                homeroom_teacher_id: None,
            }],
        }
    }

    fn plan_of(rows: &[&[&str]], people: &[Person], options: ImportOptions) -> ImportPlan {
        plan(
            "ds.xlsx",
            b"x",
            &sheet(rows),
            &structure(),
            people,
            options,
            today(),
        )
        .unwrap()
    }

    #[test]
    fn rows_are_matched_to_classes_and_departments() {
        let p = plan_of(
            &[
                &["Mã", "Họ và tên", "Lớp", "Khoa/Phòng", "Chức vụ"],
                &["SV1", "Nguyễn Văn An", "cđ điện k12", "", ""],
                &["CB1", "Lê Thị Hà", "", "Kỹ thuật", "Giảng viên"],
                &["SV2", "Trần Văn Bình", "CĐ Ô tô K12", "", ""],
                &["SV1", "Nguyễn Văn An", "CĐ Điện K12", "", ""],
            ],
            &[],
            ImportOptions::default(),
        );
        let actions: Vec<RowAction> = p.rows.iter().map(|r| r.action).collect();
        assert_eq!(
            actions,
            [
                RowAction::Create,
                RowAction::Create,
                RowAction::Skip,
                RowAction::Skip
            ]
        );
        assert_eq!(p.rows[0].kind, Some(PersonKind::Student));
        assert_eq!(p.rows[1].kind, Some(PersonKind::Staff));
        assert_eq!(
            (p.rows[2].problems[0].field, p.rows[2].problems[0].code),
            ("class", ErrorCode::NotFound)
        );
        assert_eq!(
            (p.rows[3].problems[0].field, p.rows[3].problems[0].code),
            ("code", ErrorCode::Duplicate)
        );
        assert_eq!(p.rows[3].problems[0].value, "SV1 (dòng 2)");
        assert!(p.new_classes.is_empty());
    }

    #[test]
    fn missing_classes_are_created_only_when_allowed() {
        let rows: &[&[&str]] = &[
            &["Mã", "Họ và tên", "Lớp"],
            &["SV2", "Trần Văn Bình", "CĐ Ô tô K12"],
        ];
        let options = ImportOptions {
            create_missing: true,
            ..ImportOptions::default()
        };
        let p = plan_of(rows, &[], options);
        assert_eq!(p.rows[0].action, RowAction::Create);
        assert_eq!(p.new_classes, ["CĐ Ô tô K12"]);
    }

    #[test]
    fn a_row_that_cannot_tell_staff_from_student_is_a_problem() {
        let rows: &[&[&str]] = &[&["Mã", "Họ và tên", "Ngày sinh"], &["X1", "An", "1/1/2000"]];
        let p = plan_of(rows, &[], ImportOptions::default());
        assert_eq!(p.rows[0].problems[0].field, "kind");
        let p = plan_of(
            rows,
            &[],
            ImportOptions {
                kind: Some(PersonKind::Staff),
                ..ImportOptions::default()
            },
        );
        assert_eq!(p.rows[0].action, RowAction::Create);
    }

    #[test]
    fn blank_cells_keep_what_the_unit_has_and_changes_are_listed() {
        let s = structure();
        let class = s.classes[0].id;
        let old = Person {
            id: PersonId::new_v7(),
            unit_id: UnitId::new_v7(),
            kind: PersonKind::Student,
            code: "SV1".into(),
            full_name: "Nguyễn Văn An".into(),
            birth_date: NaiveDate::from_ymd_opt(2005, 8, 15),
            gender: None,
            ethnicity: None,
            phone: Some("0912345678".into()),
            email: None,
            department_id: None,
            class_id: Some(class),
            position: None,
            boarding: false,
            status: PersonStatus::Active,
            created_at: DateTime::default(),
            updated_at: DateTime::default(),
        };
        let rows: &[&[&str]] = &[
            &["Mã", "Họ và tên", "Ngày sinh", "Điện thoại", "Lớp"],
            &["SV1", "Nguyễn Văn An", "16/08/2005", "", ""],
        ];
        let p = plan(
            "f.csv",
            b"x",
            &sheet(rows),
            &s,
            std::slice::from_ref(&old),
            ImportOptions::default(),
            today(),
        )
        .unwrap();
        assert_eq!(p.rows[0].action, RowAction::Update);
        assert_eq!(
            p.rows[0].changes,
            [Change {
                field: "birth_date".into(),
                before: Some("15/08/2005".into()),
                after: Some("16/08/2005".into()),
            }]
        );
        let w = &p.writes[0];
        assert_eq!(w.input.phone.as_deref(), Some("0912345678"));
        assert_eq!(w.class, Some(Ref::Existing(class)));
        // The same file again changes nothing.
        let rows: &[&[&str]] = &[
            &["Mã", "Họ và tên", "Ngày sinh"],
            &["SV1", "nguyễn văn an", "15/8/2005"],
        ];
        let p = plan(
            "f.csv",
            b"x",
            &sheet(rows),
            &s,
            &[old],
            ImportOptions::default(),
            today(),
        )
        .unwrap();
        assert_eq!(p.rows[0].action, RowAction::Unchanged);
        assert!(p.writes.is_empty());
    }

    #[test]
    fn department_kinds_from_their_names() {
        assert_eq!(department_kind("Khoa Y dược"), DepartmentKind::Faculty);
        assert_eq!(department_kind("Phòng Đào tạo"), DepartmentKind::Office);
        assert_eq!(department_kind("Trung tâm Tin học"), DepartmentKind::Centre);
        assert_eq!(department_kind("Đoàn Thanh niên"), DepartmentKind::Union);
    }
}
