//! The domain's codes as OpenAPI enums: schema-only types that a DTO's
//! string field names with `#[schema(value_type = codes::X)]`, so the API
//! document lists every value the field takes and a client (or a fuzzer)
//! knows them without reading the prose.

use std::borrow::Cow;

use utoipa::openapi::schema::{ObjectBuilder, Schema, Type};
use utoipa::openapi::{RefOr, schema};

/// A string schema with these values.
fn one_of(values: impl IntoIterator<Item = &'static str>) -> RefOr<Schema> {
    ObjectBuilder::new()
        .schema_type(schema::SchemaType::Type(Type::String))
        .enum_values(Some(values))
        .into()
}

/// `Name => domain::Type`: the schema of every code of a domain enum;
/// `Name = ["a", "b"]`: a schema of these codes only.
macro_rules! code_schema {
    ($($name:ident $(=> $domain:ty)? $(= [$($code:literal),+])?;)+) => {$(
        pub(crate) struct $name;

        impl utoipa::PartialSchema for $name {
            fn schema() -> RefOr<Schema> {
                one_of(code_schema!(@values $($domain)? $([$($code),+])?))
            }
        }

        impl utoipa::ToSchema for $name {
            fn name() -> Cow<'static, str> {
                Cow::Borrowed(stringify!($name))
            }
        }
    )+};
    (@values [$($code:literal),+]) => { [$($code),+] };
    (@values $domain:ty) => { <$domain>::ALL.iter().map(|c| c.code()) };
}

use antt_domain::{
    assessment, dorm, duty, equipment, incident, org, person, plan, reward, rubric, session, team,
    tip, unit,
};

code_schema! {
    UnitKind => unit::UnitKind;
    DepartmentKind => org::DepartmentKind;
    PersonKind => person::PersonKind;
    Gender => person::Gender;
    PersonStatus => person::PersonStatus;
    PersonFilterStatus = ["active", "left", "all"];
    PlanState => plan::PlanState;
    Recurrence => plan::Recurrence;
    TaskStatus => plan::TaskStatus;
    SessionKind => session::SessionKind;
    Topic => session::Topic;
    AttendanceMethod => session::AttendanceMethod;
    TeamKind => team::TeamKind;
    TeamStatus => team::TeamStatus;
    MemberRole => team::MemberRole;
    TipCategory => tip::TipCategory;
    TipChannel => tip::TipChannel;
    TipState => tip::TipState;
    Author => tip::Author;
    MessageFrom = ["reporter", "handler"];
    HandlerMessage = ["staff", "note"];
    Severity => incident::Severity;
    IncidentState => incident::IncidentState;
    InvolvedRole => incident::InvolvedRole;
    ViolationKind => incident::ViolationKind;
    Discipline => incident::Discipline;
    Verdict => assessment::Verdict;
    Responsible => assessment::Responsible;
    AssessmentState => assessment::AssessmentState;
    Measure => rubric::Measure;
    NomineeKind => reward::NomineeKind;
    RewardForm => reward::RewardForm;
    NominationState => reward::NominationState;
    Skill => duty::Skill;
    RosterState => duty::RosterState;
    EquipmentKind => equipment::EquipmentKind;
    EquipmentState => equipment::EquipmentState;
    DueWhat = ["check", "service", "pressure_test", "expiry"];
    RoundStatus = ["ahead", "open", "walked", "incomplete", "missed"];
    Mark => dorm::Mark;
}

#[cfg(test)]
mod tests {
    use utoipa::PartialSchema;

    #[test]
    fn a_code_schema_lists_every_code_of_its_enum() {
        let json = serde_json::to_value(super::Severity::schema()).unwrap();
        assert_eq!(json["type"], "string");
        assert_eq!(
            json["enum"],
            serde_json::json!(["minor", "serious", "very_serious"])
        );
        let json = serde_json::to_value(super::HandlerMessage::schema()).unwrap();
        assert_eq!(json["enum"], serde_json::json!(["staff", "note"]));
    }

    /// The fields that carry a code: each must list its values.
    const CODE_FIELDS: &[&str] = &[
        "kind",
        "category",
        "severity",
        "state",
        "status",
        "role",
        "gender",
        "channel",
        "verdict",
        "computed",
        "standard",
        "form",
        "discipline",
        "method",
        "recurrence",
        "author",
        "measure",
        "who",
        "nominee_kind",
        "to",
        "from",
        "topics",
    ];

    fn document() -> serde_json::Value {
        use utoipa::OpenApi;
        serde_json::to_value(crate::api::ApiDoc::openapi()).unwrap()
    }

    /// A property's schema once `$ref`, `oneOf` (for `Option`) and `items`
    /// are followed.
    fn resolve<'a>(
        doc: &'a serde_json::Value,
        schema: &'a serde_json::Value,
    ) -> &'a serde_json::Value {
        if let Some(r) = schema["$ref"].as_str() {
            let name = r.rsplit('/').next().unwrap();
            return resolve(doc, &doc["components"]["schemas"][name]);
        }
        if let Some(alternatives) = schema["oneOf"].as_array()
            && let Some(s) = alternatives.iter().find(|s| s["type"] != "null")
        {
            return resolve(doc, s);
        }
        if schema["type"] == "array" {
            return resolve(doc, &schema["items"]);
        }
        schema
    }

    #[test]
    fn every_code_field_of_the_api_document_lists_its_values() {
        let doc = document();
        let schemas = doc["components"]["schemas"].as_object().unwrap();
        let mut checked = 0;
        for (name, schema) in schemas {
            let Some(properties) = schema["properties"].as_object() else {
                continue;
            };
            for (field, property) in properties {
                if !CODE_FIELDS.contains(&field.as_str()) {
                    continue;
                }
                let target = resolve(&doc, property);
                let is_date = target["format"].is_string();
                let is_string = target["type"] == "string"
                    || target["type"]
                        .as_array()
                        .is_some_and(|t| t.contains(&"string".into()));
                if is_string && !is_date {
                    assert!(
                        target["enum"].as_array().is_some_and(|e| !e.is_empty()),
                        "{name}.{field} is a code without its values: {property}"
                    );
                    checked += 1;
                }
            }
        }
        assert!(checked > 40, "only {checked} code fields found");
        let text = doc.to_string();
        for reference in text.split("\"#/components/schemas/").skip(1) {
            let name = reference.split('"').next().unwrap();
            assert!(
                schemas.contains_key(name),
                "{name} is named but not described"
            );
        }
        let params = doc["paths"]["/api/v1/people"]["get"]["parameters"]
            .as_array()
            .unwrap();
        let status = params.iter().find(|p| p["name"] == "status").unwrap();
        assert_eq!(
            resolve(&doc, &status["schema"])["enum"],
            serde_json::json!(["active", "left", "all"])
        );
    }

    #[test]
    fn text_limits_in_the_document_are_the_domain_limits() {
        use antt_domain::tip::{MAX_DESCRIPTION, MAX_LINE, MAX_MESSAGE};
        let doc = document();
        let limit = |schema: &str, field: &str| {
            let property = &doc["components"]["schemas"][schema]["properties"][field];
            let limit = resolve(&doc, property)["maxLength"]
                .as_u64()
                .or_else(|| property["maxLength"].as_u64())
                .unwrap_or_else(|| panic!("{schema}.{field} has no maxLength: {property}"));
            usize::try_from(limit).unwrap()
        };
        assert_eq!(limit("PublicTip", "description"), MAX_DESCRIPTION);
        assert_eq!(limit("PublicTip", "place"), MAX_LINE);
        assert_eq!(limit("PublicTip", "contact"), MAX_LINE);
        assert_eq!(limit("StaffTip", "description"), MAX_DESCRIPTION);
        assert_eq!(limit("ReplyBody", "message"), MAX_MESSAGE);
        assert_eq!(limit("MessageBody", "text"), MAX_MESSAGE);
        assert_eq!(limit("IncidentBody", "summary"), MAX_DESCRIPTION);
        assert_eq!(limit("IncidentBody", "place"), MAX_LINE);
    }
}
