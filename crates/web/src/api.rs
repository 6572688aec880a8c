//! The JSON API under `/api/v1`, for other systems. Bearer tokens from
//! `POST /api/v1/auth/token`; errors are JSON with a stable code; described
//! by the OpenAPI document at `/api/openapi.json`.

use axum::Json;
use axum::extract::rejection::{JsonRejection, QueryRejection};
use axum::extract::{FromRequest, FromRequestParts, Path, Request, State};
use axum::http::StatusCode;
use axum::http::request::Parts;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use chrono::{DateTime, NaiveDate, Utc};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, OpenApi, ToSchema};
use uuid::Uuid;

use antt_core::{Actor, CoreError};
use antt_domain::org::{Campus, CampusInput, Class, ClassInput, Department, DepartmentInput};
use antt_domain::page::PageRequest;
use antt_domain::person::{Person, PersonFilter, PersonForm, PersonKind, PersonStatus};
use antt_domain::unit::{Unit, UnitKind};
use antt_domain::{CampusId, ClassId, DepartmentId, PersonId, UnitId};

mod assessment;
mod bundles;
mod codes;
mod dorm;
mod duty;
mod equipment;
mod groups;
mod import;
mod incidents;
mod movement;
mod tips;

use crate::auth::ApiActor;
use crate::error::{ApiError, ApiErrorBody};
use crate::state::AppState;

/// `Json` whose refusals are API errors.
pub struct ApiJson<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequest<S> for ApiJson<T> {
    type Rejection = ApiError;
    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        let Json(value) = Json::<serde_json::Value>::from_request(req, state)
            .await
            .map_err(|e: JsonRejection| ApiError::BadRequest(e.body_text()))?;
        if holds_control(&value) {
            return Err(ApiError::Core(crate::forms::control_refused()));
        }
        serde_json::from_value(value)
            .map(Self)
            .map_err(|e| ApiError::BadRequest(format!("Failed to deserialize the JSON body: {e}")))
    }
}

/// Whether any string of a JSON value, key or value, holds a control
/// character (NUL above all): refused whole, as forms are.
fn holds_control(value: &serde_json::Value) -> bool {
    use serde_json::Value;
    match value {
        Value::String(s) => crate::forms::has_control(s),
        Value::Array(items) => items.iter().any(holds_control),
        Value::Object(map) => map
            .iter()
            .any(|(k, v)| crate::forms::has_control(k) || holds_control(v)),
        Value::Null | Value::Bool(_) | Value::Number(_) => false,
    }
}

/// `Query` whose refusals are API errors.
pub struct ApiQuery<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequestParts<S> for ApiQuery<T> {
    type Rejection = ApiError;
    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        axum::extract::Query::<T>::from_request_parts(parts, state)
            .await
            .map(|axum::extract::Query(v)| Self(v))
            .map_err(|e: QueryRejection| ApiError::BadRequest(e.body_text()))
    }
}

fn id<T: std::str::FromStr>(text: &str) -> Result<T, ApiError> {
    text.parse()
        .map_err(|_| ApiError::Core(CoreError::NotFound))
}

/// The record a path names.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Path)]
pub struct IdPath {
    /// The record's id.
    pub id: Uuid,
}

/// The unit a request is about: `?unit=` or the token's own unit.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct UnitScope {
    /// The unit; defaults to the account's own unit.
    pub unit: Option<Uuid>,
}

async fn scope(state: &AppState, actor: &Actor, s: &UnitScope) -> Result<UnitId, ApiError> {
    Ok(state
        .antt
        .units()
        .scope(actor, s.unit.map(UnitId::from_uuid))
        .await?)
}

// Auth

#[derive(Debug, Deserialize, ToSchema)]
pub struct TokenRequest {
    pub username: String,
    pub password: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct TokenResponse {
    pub token: String,
    pub token_type: &'static str,
    pub expires_at: DateTime<Utc>,
}

/// Issues a bearer token for a username and password.
#[utoipa::path(post, path = "/api/v1/auth/token", request_body = TokenRequest, tag = "auth",
    responses((status = 200, body = TokenResponse), (status = 401, body = ApiErrorBody), (status = 429, body = ApiErrorBody)))]
async fn issue_token(
    State(state): State<AppState>,
    request: Request,
) -> Result<Json<TokenResponse>, ApiError> {
    let address = crate::client::address_of(request.extensions());
    let ApiJson(body) = ApiJson::<TokenRequest>::from_request(request, &state).await?;
    let issued = state
        .antt
        .auth()
        .issue_token(
            &body.username,
            &body.password,
            antt_core::auth::Client::at(address.as_deref()),
        )
        .await?;
    Ok(Json(TokenResponse {
        token: issued.token,
        token_type: "Bearer",
        expires_at: issued.expires_at,
    }))
}

// Units

#[derive(Debug, Serialize, ToSchema)]
pub struct UnitDto {
    pub id: Uuid,
    /// `school`, `agency`, `enterprise`, `province_police`, `ward_police`.
    #[schema(value_type = codes::UnitKind)]
    pub kind: String,
    pub code: String,
    pub name: String,
    pub address: Option<String>,
    pub authority_id: Option<Uuid>,
}

impl From<Unit> for UnitDto {
    fn from(u: Unit) -> Self {
        Self {
            id: u.id.uuid(),
            kind: u.kind.code().into(),
            code: u.code,
            name: u.name,
            address: u.address,
            authority_id: u.authority_id.map(UnitId::uuid),
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct UnitPage {
    pub items: Vec<UnitDto>,
    pub total: u64,
    pub page: u64,
    pub per_page: u64,
}

#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct UnitListParams {
    /// Words of the name or code, without diacritics if you like.
    pub q: Option<String>,
    #[param(value_type = Option<codes::UnitKind>, inline)]
    pub kind: Option<String>,
    pub page: Option<u64>,
    pub per_page: Option<u64>,
}

/// Units the token may read.
#[utoipa::path(get, path = "/api/v1/units", params(UnitListParams), tag = "units", security(("bearer" = [])),
    responses((status = 200, body = UnitPage), (status = 401, body = ApiErrorBody)))]
async fn list_units(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    ApiQuery(p): ApiQuery<UnitListParams>,
) -> Result<Json<UnitPage>, ApiError> {
    let kind = match p.kind.as_deref() {
        None | Some("") => None,
        Some(k) => Some(
            UnitKind::parse(k)
                .ok_or_else(|| ApiError::BadRequest(format!("unknown unit kind `{k}`")))?,
        ),
    };
    let page = state
        .antt
        .units()
        .list(&actor, p.q, kind, PageRequest::new(p.page, p.per_page))
        .await?;
    Ok(Json(UnitPage {
        total: page.total,
        page: page.request.page,
        per_page: page.request.per_page,
        items: page.items.into_iter().map(Into::into).collect(),
    }))
}

#[utoipa::path(get, path = "/api/v1/units/{id}", params(IdPath), tag = "units", security(("bearer" = [])),
    responses((status = 200, body = UnitDto), (status = 404, body = ApiErrorBody)))]
async fn get_unit(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    Path(unit): Path<String>,
) -> Result<Json<UnitDto>, ApiError> {
    Ok(Json(
        state.antt.units().get(&actor, id(&unit)?).await?.into(),
    ))
}

/// The four endpoints of a kind of organisation record (list, get, create,
/// update), around the kind's DTO, request body, field of the unit's
/// structure, getter and save function.
macro_rules! org_endpoints {
    ($list:tt, $one:tt, $Dto:ident, $Body:ident, $field:ident, $get:ident, $save:ident,
     $list_fn:ident, $get_fn:ident, $create_fn:ident, $update_fn:ident) => {
        #[utoipa::path(get, path = $list, params(UnitScope), tag = "organisation", security(("bearer" = [])),
            responses((status = 200, body = Vec<$Dto>)))]
        async fn $list_fn(
            State(state): State<AppState>,
            ApiActor(actor): ApiActor,
            ApiQuery(s): ApiQuery<UnitScope>,
        ) -> Result<Json<Vec<$Dto>>, ApiError> {
            let unit = scope(&state, &actor, &s).await?;
            let structure = state.antt.org().structure(&actor, unit).await?;
            Ok(Json(structure.$field.iter().cloned().map(Into::into).collect()))
        }

        #[utoipa::path(get, path = $one, params(IdPath, UnitScope), tag = "organisation", security(("bearer" = [])),
            responses((status = 200, body = $Dto), (status = 404, body = ApiErrorBody)))]
        async fn $get_fn(
            State(state): State<AppState>,
            ApiActor(actor): ApiActor,
            Path(record): Path<String>,
            ApiQuery(s): ApiQuery<UnitScope>,
        ) -> Result<Json<$Dto>, ApiError> {
            let unit = scope(&state, &actor, &s).await?;
            Ok(Json(state.antt.org().$get(&actor, unit, id(&record)?).await?.into()))
        }

        #[utoipa::path(post, path = $list, params(UnitScope), request_body = $Body, tag = "organisation", security(("bearer" = [])),
            responses((status = 201, body = $Dto), (status = 422, body = ApiErrorBody)))]
        async fn $create_fn(
            State(state): State<AppState>,
            ApiActor(actor): ApiActor,
            ApiQuery(s): ApiQuery<UnitScope>,
            ApiJson(body): ApiJson<$Body>,
        ) -> Result<Response, ApiError> {
            let unit = scope(&state, &actor, &s).await?;
            let saved = $save(&state, &actor, unit, None, body).await?;
            Ok((StatusCode::CREATED, Json($Dto::from(state.antt.org().$get(&actor, unit, saved).await?))).into_response())
        }

        #[utoipa::path(put, path = $one, params(IdPath, UnitScope), request_body = $Body, tag = "organisation", security(("bearer" = [])),
            responses((status = 200, body = $Dto), (status = 404, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
        async fn $update_fn(
            State(state): State<AppState>,
            ApiActor(actor): ApiActor,
            Path(record): Path<String>,
            ApiQuery(s): ApiQuery<UnitScope>,
            ApiJson(body): ApiJson<$Body>,
        ) -> Result<Json<$Dto>, ApiError> {
            let unit = scope(&state, &actor, &s).await?;
            let saved = $save(&state, &actor, unit, Some(id(&record)?), body).await?;
            Ok(Json(state.antt.org().$get(&actor, unit, saved).await?.into()))
        }
    };
}

// Campuses

#[derive(Debug, Serialize, ToSchema)]
pub struct CampusDto {
    pub id: Uuid,
    pub unit_id: Uuid,
    pub name: String,
    pub address: Option<String>,
}

impl From<Campus> for CampusDto {
    fn from(c: Campus) -> Self {
        Self {
            id: c.id.uuid(),
            unit_id: c.unit_id.uuid(),
            name: c.name,
            address: c.address,
        }
    }
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct CampusBody {
    #[schema(max_length = 200)]
    pub name: String,
    #[schema(max_length = 300)]
    pub address: Option<String>,
}

async fn save_campus(
    state: &AppState,
    actor: &Actor,
    unit: UnitId,
    existing: Option<CampusId>,
    body: CampusBody,
) -> Result<CampusId, ApiError> {
    let input =
        CampusInput::parse(&body.name, body.address.as_deref()).map_err(CoreError::Invalid)?;
    Ok(state
        .antt
        .org()
        .save_campus(actor, unit, existing, input)
        .await?)
}

org_endpoints!(
    "/api/v1/campuses",
    "/api/v1/campuses/{id}",
    CampusDto,
    CampusBody,
    campuses,
    campus,
    save_campus,
    list_campuses,
    get_campus,
    create_campus,
    update_campus
);

// Departments

#[derive(Debug, Serialize, ToSchema)]
pub struct DepartmentDto {
    pub id: Uuid,
    pub unit_id: Uuid,
    /// `office`, `faculty`, `centre`, `union`.
    #[schema(value_type = codes::DepartmentKind)]
    pub kind: String,
    pub name: String,
}

impl From<Department> for DepartmentDto {
    fn from(d: Department) -> Self {
        Self {
            id: d.id.uuid(),
            unit_id: d.unit_id.uuid(),
            kind: d.kind.code().into(),
            name: d.name,
        }
    }
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct DepartmentBody {
    #[schema(value_type = codes::DepartmentKind)]
    pub kind: String,
    #[schema(max_length = 200)]
    pub name: String,
}

async fn save_department(
    state: &AppState,
    actor: &Actor,
    unit: UnitId,
    existing: Option<DepartmentId>,
    body: DepartmentBody,
) -> Result<DepartmentId, ApiError> {
    let input = DepartmentInput::parse(&body.kind, &body.name).map_err(CoreError::Invalid)?;
    Ok(state
        .antt
        .org()
        .save_department(actor, unit, existing, input)
        .await?)
}

org_endpoints!(
    "/api/v1/departments",
    "/api/v1/departments/{id}",
    DepartmentDto,
    DepartmentBody,
    departments,
    department,
    save_department,
    list_departments,
    get_department,
    create_department,
    update_department
);

// Classes

#[derive(Debug, Serialize, ToSchema)]
pub struct ClassDto {
    pub id: Uuid,
    pub unit_id: Uuid,
    pub name: String,
    pub department_id: Option<Uuid>,
    pub campus_id: Option<Uuid>,
    pub homeroom_teacher_id: Option<Uuid>,
}

impl From<Class> for ClassDto {
    fn from(c: Class) -> Self {
        Self {
            id: c.id.uuid(),
            unit_id: c.unit_id.uuid(),
            name: c.name,
            department_id: c.department_id.map(DepartmentId::uuid),
            campus_id: c.campus_id.map(CampusId::uuid),
            homeroom_teacher_id: c.homeroom_teacher_id.map(PersonId::uuid),
        }
    }
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct ClassBody {
    #[schema(max_length = 100)]
    pub name: String,
    pub department_id: Option<Uuid>,
    pub campus_id: Option<Uuid>,
    pub homeroom_teacher_id: Option<Uuid>,
}

async fn save_class(
    state: &AppState,
    actor: &Actor,
    unit: UnitId,
    existing: Option<ClassId>,
    body: ClassBody,
) -> Result<ClassId, ApiError> {
    let input = ClassInput::parse(
        &body.name,
        body.department_id.map(DepartmentId::from_uuid),
        body.campus_id.map(CampusId::from_uuid),
        body.homeroom_teacher_id.map(PersonId::from_uuid),
    )
    .map_err(CoreError::Invalid)?;
    Ok(state
        .antt
        .org()
        .save_class(actor, unit, existing, input)
        .await?)
}

org_endpoints!(
    "/api/v1/classes",
    "/api/v1/classes/{id}",
    ClassDto,
    ClassBody,
    classes,
    class,
    save_class,
    list_classes,
    get_class,
    create_class,
    update_class
);

// People

#[derive(Debug, Serialize, ToSchema)]
pub struct PersonDto {
    pub id: Uuid,
    pub unit_id: Uuid,
    /// `staff` or `student`.
    #[schema(value_type = codes::PersonKind)]
    pub kind: String,
    pub code: String,
    pub full_name: String,
    pub birth_date: Option<NaiveDate>,
    /// `male` or `female`.
    #[schema(value_type = Option<codes::Gender>)]
    pub gender: Option<String>,
    pub ethnicity: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub department_id: Option<Uuid>,
    pub class_id: Option<Uuid>,
    pub position: Option<String>,
    pub boarding: bool,
    /// `active` or `left`.
    #[schema(value_type = codes::PersonStatus)]
    pub status: String,
    pub updated_at: DateTime<Utc>,
}

impl PersonDto {
    /// Roles that do not read details get the list fields only.
    fn of(p: Person, details: bool) -> Self {
        Self {
            id: p.id.uuid(),
            unit_id: p.unit_id.uuid(),
            kind: p.kind.code().into(),
            code: p.code,
            full_name: p.full_name,
            birth_date: p.birth_date.filter(|_| details),
            gender: p.gender.map(|g| g.code().into()),
            ethnicity: p.ethnicity.filter(|_| details),
            phone: p.phone.filter(|_| details),
            email: p.email.filter(|_| details),
            department_id: p.department_id.map(DepartmentId::uuid),
            class_id: p.class_id.map(ClassId::uuid),
            position: p.position,
            boarding: p.boarding,
            status: p.status.code().into(),
            updated_at: p.updated_at,
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct PersonPage {
    pub items: Vec<PersonDto>,
    pub total: u64,
    pub page: u64,
    pub per_page: u64,
}

#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PeopleParams {
    /// The unit; defaults to the account's own unit.
    pub unit: Option<Uuid>,
    /// Words of the name or code; diacritics and case do not matter.
    pub q: Option<String>,
    /// `staff` or `student`.
    #[param(value_type = Option<codes::PersonKind>, inline)]
    pub kind: Option<String>,
    pub department_id: Option<Uuid>,
    pub class_id: Option<Uuid>,
    pub boarding: Option<bool>,
    /// `active` (default), `left` or `all`.
    #[param(value_type = Option<codes::PersonFilterStatus>, inline)]
    pub status: Option<String>,
    pub page: Option<u64>,
    /// At most 200; default 50.
    pub per_page: Option<u64>,
}

/// The fields of a person to create or replace.
#[derive(Debug, Deserialize, ToSchema)]
pub struct PersonBody {
    #[schema(value_type = codes::PersonKind)]
    pub kind: String,
    pub code: String,
    #[schema(max_length = 120)]
    pub full_name: String,
    /// `2005-08-15` or `15/08/2005`.
    pub birth_date: Option<String>,
    #[schema(value_type = Option<codes::Gender>)]
    pub gender: Option<String>,
    #[schema(max_length = 50)]
    pub ethnicity: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub department_id: Option<Uuid>,
    pub class_id: Option<Uuid>,
    #[schema(max_length = 100)]
    pub position: Option<String>,
    #[serde(default)]
    pub boarding: bool,
    #[schema(value_type = Option<codes::PersonStatus>)]
    pub status: Option<String>,
}

impl PersonBody {
    fn form(self) -> PersonForm {
        PersonForm {
            kind: self.kind,
            code: self.code,
            full_name: self.full_name,
            birth_date: self.birth_date,
            gender: self.gender,
            ethnicity: self.ethnicity,
            phone: self.phone,
            email: self.email,
            department_id: self.department_id.map(|d| d.to_string()),
            class_id: self.class_id.map(|c| c.to_string()),
            position: self.position,
            boarding: self.boarding,
            status: self.status,
        }
    }
}

/// People of a unit, searched and filtered, a page at a time.
#[utoipa::path(get, path = "/api/v1/people", params(PeopleParams), tag = "people", security(("bearer" = [])),
    responses((status = 200, body = PersonPage), (status = 401, body = ApiErrorBody), (status = 404, body = ApiErrorBody)))]
async fn list_people(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    ApiQuery(p): ApiQuery<PeopleParams>,
) -> Result<Json<PersonPage>, ApiError> {
    let unit = scope(&state, &actor, &UnitScope { unit: p.unit }).await?;
    let kind = match p.kind.as_deref() {
        None | Some("") => None,
        Some(k) => Some(
            PersonKind::parse(k)
                .ok_or_else(|| ApiError::BadRequest(format!("unknown kind `{k}`")))?,
        ),
    };
    let status = match p.status.as_deref() {
        None | Some("") => Some(PersonStatus::Active),
        Some("all") => None,
        Some(s) => Some(
            PersonStatus::parse(s)
                .ok_or_else(|| ApiError::BadRequest(format!("unknown status `{s}`")))?,
        ),
    };
    let filter = PersonFilter {
        query: p.q,
        kind,
        department_id: p.department_id.map(DepartmentId::from_uuid),
        class_id: p.class_id.map(ClassId::from_uuid),
        boarding: p.boarding,
        status,
    };
    let found = state
        .antt
        .people()
        .list(&actor, unit, &filter, PageRequest::new(p.page, p.per_page))
        .await?;
    let details = found.shows_details;
    let page = found.page;
    Ok(Json(PersonPage {
        total: page.total,
        page: page.request.page,
        per_page: page.request.per_page,
        items: page
            .items
            .into_iter()
            .map(|r| PersonDto::of(r.person, details))
            .collect(),
    }))
}

/// One person with details; the read is written to the audit log.
#[utoipa::path(get, path = "/api/v1/people/{id}", params(IdPath, UnitScope), tag = "people", security(("bearer" = [])),
    responses((status = 200, body = PersonDto), (status = 404, body = ApiErrorBody)))]
async fn get_person(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    Path(p): Path<String>,
    ApiQuery(s): ApiQuery<UnitScope>,
) -> Result<Json<PersonDto>, ApiError> {
    let unit = scope(&state, &actor, &s).await?;
    Ok(Json(PersonDto::of(
        state
            .antt
            .people()
            .detail(&actor, unit, id(&p)?)
            .await?
            .person,
        true,
    )))
}

#[utoipa::path(post, path = "/api/v1/people", params(UnitScope), request_body = PersonBody, tag = "people", security(("bearer" = [])),
    responses((status = 201, body = PersonDto), (status = 422, body = ApiErrorBody)))]
async fn create_person(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    ApiQuery(s): ApiQuery<UnitScope>,
    ApiJson(body): ApiJson<PersonBody>,
) -> Result<Response, ApiError> {
    let unit = scope(&state, &actor, &s).await?;
    let person = state
        .antt
        .people()
        .create(&actor, unit, &body.form())
        .await?;
    Ok((StatusCode::CREATED, Json(PersonDto::of(person, true))).into_response())
}

/// Replaces a person's fields; changes go to the audit log.
#[utoipa::path(put, path = "/api/v1/people/{id}", params(IdPath, UnitScope), request_body = PersonBody, tag = "people", security(("bearer" = [])),
    responses((status = 200, body = PersonDto), (status = 404, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
async fn update_person(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    Path(p): Path<String>,
    ApiQuery(s): ApiQuery<UnitScope>,
    ApiJson(body): ApiJson<PersonBody>,
) -> Result<Json<PersonDto>, ApiError> {
    let unit = scope(&state, &actor, &s).await?;
    Ok(Json(PersonDto::of(
        state
            .antt
            .people()
            .update(&actor, unit, id(&p)?, &body.form())
            .await?,
        true,
    )))
}

struct BearerAuth;

impl utoipa::Modify for BearerAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).build()),
        );
    }
}

#[derive(OpenApi)]
#[openapi(
    info(title = "antt API", description = "Units, their organisation and people; the movement year: plans, tasks, sessions, attendance, coverage; tips (the public calls need no token and never take the receipt in a URL); the assessment against the standard (a unit's readiness, a province's standings) and rewards (nominations, decisions); guard duty: posts, the monthly roster, the gate's shift log, patrol nights and scans (a scan kept offline is sent with the time it was made); fire safety: the register of equipment and cameras, what is overdue, due this month or reported broken; boarding students: the night's roll call at a glance, a room's sheet and its marks (an absence without leave alerts the supervisor and the homeroom teacher at once), the dormitory's visitor log, the month's room checks with the ranking of rooms and the rooms due. Errors are JSON: {\"error\": {\"code\", \"message\", \"fields\", \"request_id\"}}. Creating calls accept an `Idempotency-Key` header (8 to 64 letters, digits, - or _): a call sent again with the same key does nothing again and answers 409 `already_done`, with `Location` naming what the first call made."),
    paths(
        issue_token, list_units, get_unit,
        list_campuses, get_campus, create_campus, update_campus,
        list_departments, get_department, create_department, update_department,
        list_classes, get_class, create_class, update_class,
        list_people, get_person, create_person, update_person,
        import::import_people,
        movement::list_plans, movement::get_plan, movement::report_task,
        movement::list_sessions, movement::get_session, movement::create_session,
        movement::tick_attendance, movement::coverage,
        movement::list_teams, movement::get_team, movement::commitment,
        groups::create_team, groups::update_team, groups::add_member, groups::log_activity,
        groups::start_commitment, groups::sign_commitment, groups::record_paper,
        tips::categories, tips::submit, tips::status, tips::reply,
        tips::list, tips::get, tips::record, tips::change_state, tips::assign, tips::message,
        incidents::list, incidents::get, incidents::create, incidents::update, incidents::transfer,
        incidents::close, incidents::add_involved, incidents::violations, incidents::record_violation,
        incidents::statistics,
        assessment::readiness, assessment::standings, assessment::rewards, assessment::nominate,
        bundles::import,
        duty::posts, duty::roster, duty::log, duty::night, duty::scan,
        equipment::items, equipment::overdue,
        dorm::night, dorm::sheet, dorm::call, dorm::visits, dorm::checks,
    ),
    modifiers(&BearerAuth),
    tags((name = "auth"), (name = "units"), (name = "organisation"), (name = "people"), (name = "movement"), (name = "tips"), (name = "assessment"), (name = "duty"), (name = "fire"), (name = "dorm"))
)]
pub struct ApiDoc;

async fn openapi() -> Json<utoipa::openapi::OpenApi> {
    Json(ApiDoc::openapi())
}

async fn api_not_found() -> ApiError {
    ApiError::Core(CoreError::NotFound)
}

/// The API routes.
pub(crate) fn router() -> crate::routes::Routes {
    crate::routes::Routes::new()
        .route("/api/openapi.json", get(openapi))
        .route("/api/v1/auth/token", post(issue_token))
        .route("/api/v1/units", get(list_units))
        .route("/api/v1/units/{id}", get(get_unit))
        .route("/api/v1/campuses", get(list_campuses).post(create_campus))
        .route("/api/v1/campuses/{id}", get(get_campus).put(update_campus))
        .route(
            "/api/v1/departments",
            get(list_departments).post(create_department),
        )
        .route(
            "/api/v1/departments/{id}",
            get(get_department).put(update_department),
        )
        .route("/api/v1/classes", get(list_classes).post(create_class))
        .route("/api/v1/classes/{id}", get(get_class).put(update_class))
        .route("/api/v1/people", get(list_people).post(create_person))
        .route(
            "/api/v1/people/import",
            post(import::import_people).layer(axum::extract::DefaultBodyLimit::max(
                crate::limits::UPLOAD_BODY,
            )),
        )
        .route("/api/v1/people/{id}", get(get_person).put(update_person))
        .route("/api/v1/plans", get(movement::list_plans))
        .route("/api/v1/plans/{id}", get(movement::get_plan))
        .route("/api/v1/tasks/{id}/notes", post(movement::report_task))
        .route(
            "/api/v1/sessions",
            get(movement::list_sessions).post(movement::create_session),
        )
        .route("/api/v1/sessions/{id}", get(movement::get_session))
        .route(
            "/api/v1/sessions/{id}/attendance",
            post(movement::tick_attendance),
        )
        .route("/api/v1/coverage", get(movement::coverage))
        .route(
            "/api/v1/teams",
            get(movement::list_teams).post(groups::create_team),
        )
        .route(
            "/api/v1/teams/{id}",
            get(movement::get_team).put(groups::update_team),
        )
        .route("/api/v1/teams/{id}/members", post(groups::add_member))
        .route("/api/v1/teams/{id}/activities", post(groups::log_activity))
        .route(
            "/api/v1/commitments",
            get(movement::commitment).post(groups::start_commitment),
        )
        .route("/api/v1/commitments/sign", post(groups::sign_commitment))
        .route("/api/v1/commitments/paper", post(groups::record_paper))
        .route("/api/v1/public/tip-categories", get(tips::categories))
        .route(
            "/api/v1/public/tips",
            post(tips::submit).layer(axum::extract::DefaultBodyLimit::max(
                crate::limits::UPLOAD_BODY,
            )),
        )
        .route("/api/v1/public/tips/status", post(tips::status))
        .route("/api/v1/public/tips/reply", post(tips::reply))
        .route("/api/v1/tips", get(tips::list).post(tips::record))
        .route("/api/v1/tips/statistics", get(incidents::statistics))
        .route(
            "/api/v1/bundles",
            post(bundles::import).layer(axum::extract::DefaultBodyLimit::max(
                crate::limits::UPLOAD_BODY,
            )),
        )
        .route("/api/v1/readiness", get(assessment::readiness))
        .route("/api/v1/assessments", get(assessment::standings))
        .route("/api/v1/rewards", get(assessment::rewards))
        .route("/api/v1/rewards/nominations", post(assessment::nominate))
        .route(
            "/api/v1/incidents",
            get(incidents::list).post(incidents::create),
        )
        .route(
            "/api/v1/incidents/{id}",
            get(incidents::get).put(incidents::update),
        )
        .route("/api/v1/incidents/{id}/transfer", post(incidents::transfer))
        .route("/api/v1/incidents/{id}/close", post(incidents::close))
        .route(
            "/api/v1/incidents/{id}/involved",
            post(incidents::add_involved),
        )
        .route(
            "/api/v1/violations",
            get(incidents::violations).post(incidents::record_violation),
        )
        .route("/api/v1/tips/{id}", get(tips::get))
        .route("/api/v1/tips/{id}/state", post(tips::change_state))
        .route("/api/v1/tips/{id}/assign", post(tips::assign))
        .route("/api/v1/tips/{id}/messages", post(tips::message))
        .route("/api/v1/duty/posts", get(duty::posts))
        .route("/api/v1/duty/roster", get(duty::roster))
        .route("/api/v1/gate/log", get(duty::log))
        .route("/api/v1/patrol/night", get(duty::night))
        .route("/api/v1/patrol/scans", post(duty::scan))
        .route("/api/v1/equipment", get(equipment::items))
        .route("/api/v1/equipment/overdue", get(equipment::overdue))
        .route("/api/v1/dorm/night", get(dorm::night))
        .route(
            "/api/v1/dorm/rooms/{id}/rollcall",
            get(dorm::sheet).post(dorm::call),
        )
        .route("/api/v1/dorm/visits", get(dorm::visits))
        .route("/api/v1/dorm/checks", get(dorm::checks))
        .route("/api/{*rest}", axum::routing::any(api_not_found))
}
