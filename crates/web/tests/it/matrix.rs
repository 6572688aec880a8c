//! Every route the server has (from `antt_web::route_paths`, so a new route
//! is covered without anyone adding it here), filled with the ids of the
//! college's own records, sent by every kind of visitor: nobody gets a 5xx
//! or a dropped connection, another school and the anonymous never read or
//! change the college's records, and students and guards never open the
//! sensitive ones (issue 15, finding 9).
//! Then the same routes with extreme values in every query and form field
//! a route takes (finding 6).

use std::collections::{BTreeMap, BTreeSet, VecDeque};

use axum::body::Body;
use axum::http::{Request, StatusCode, header};

use antt_core::Actor;
use antt_core::audit::AuditQuery;
use antt_domain::page::PageRequest;

use crate::support::{App, Session, apps, body_text};

/// The kinds of record whose ids the demo cannot show in a link: a staged
/// upload lives for one import, no note of the demo carries a file, and a
/// province's targets are linked from the province's page only (the walk
/// is the college's office's; `province.rs` opens them as the officer).
/// These routes still run, with a made-up id.
const NO_LINK_IN_THE_DEMO: &[&str] = &["import", "notes", "targets"];

/// A path with its parameters (`{id}`, `{code}`…) given values: ids from what the college's office
/// can reach, and a made-up value for the rest.
fn fill(path: &str, ids: &BTreeMap<String, String>) -> (String, Option<String>) {
    let mut out = String::new();
    let mut kind_used = None;
    let mut previous = "";
    for segment in path.split('/').skip(1) {
        out.push('/');
        if segment.starts_with('{') {
            let value = match segment {
                "{id}" | "{who}" => {
                    let kind = if segment == "{who}" {
                        "people"
                    } else {
                        previous
                    };
                    match ids.get(kind) {
                        Some(id) => {
                            kind_used = Some(kind.to_owned());
                            id.clone()
                        }
                        None => "00000000-0000-4000-8000-000000000000".to_owned(),
                    }
                }
                "{n}" => "0".to_owned(),
                "{name}" if previous == "static" => "app.css".to_owned(),
                "{name}" => "registration".to_owned(),
                "{code}" => "ABCD2345".to_owned(),
                _ => "x".to_owned(),
            };
            out.push_str(&value);
        } else {
            out.push_str(segment);
        }
        previous = segment;
    }
    (out, kind_used)
}

/// The kind of record a link is to, with its id: `/sessions/<uuid>…` and
/// `/api/v1/sessions/<uuid>` are both `sessions`.
fn record_link(href: &str) -> Option<(String, String)> {
    let path = href.split(['?', '#']).next()?;
    let segments: Vec<&str> = path.split('/').skip(1).collect();
    segments.windows(2).find_map(|w| {
        uuid::Uuid::parse_str(w[1])
            .ok()
            .map(|_| (w[0].to_owned(), w[1].to_owned()))
    })
}

fn links(html: &str) -> Vec<String> {
    html.split("href=\"")
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .filter(|h| h.starts_with('/') && !h.starts_with("//"))
        .map(|h| h.replace("&amp;", "&"))
        .collect()
}

/// Walks the college's pages as its office and keeps the first id of every
/// kind of record linked from them.
async fn college_ids(app: &App, office: &Session) -> BTreeMap<String, String> {
    let mut ids = BTreeMap::new();
    ids.insert("units".to_owned(), app.unit("CDLC").await.to_string());
    let mut seen = BTreeSet::new();
    let mut queue = VecDeque::from(["/".to_owned()]);
    while let Some(href) = queue.pop_front() {
        // Pages of a list are the same routes; other years may hold
        // records the current one has not yet. Links skipped do not count
        // against the walk's budget (a roster links each of its shifts).
        let query = href.split_once('?').map(|(_, q)| q);
        if query.is_some_and(|q| !q.starts_with("year=") || q.contains('&'))
            || href.starts_with("/logout")
            || href.starts_with("/static/")
        {
            continue;
        }
        if seen.len() >= 400 || !seen.insert(href.clone()) {
            continue;
        }
        let r = app.get(&href, Some(office)).await;
        let html_page = r
            .headers()
            .get(header::CONTENT_TYPE)
            .is_some_and(|v| v.to_str().unwrap_or("").starts_with("text/html"));
        if !html_page {
            continue;
        }
        for link in links(&body_text(r).await) {
            // One record of a kind is enough: a register of hundreds of
            // items would spend the walk's budget on the same page.
            if let Some((kind, id)) = record_link(&link) {
                if ids.get(&kind).is_some_and(|first| *first != id) {
                    continue;
                }
                ids.entry(kind).or_insert(id);
            }
            if !seen.contains(&link) {
                queue.push_back(link);
            }
        }
    }
    ids
}

/// Who sends the requests.
struct Visitor {
    name: &'static str,
    cookie: Option<Session>,
    token: Option<String>,
}

async fn visitor(app: &App, name: &'static str) -> Visitor {
    if name == "anonymous" {
        return Visitor {
            name,
            cookie: None,
            token: None,
        };
    }
    Visitor {
        name,
        cookie: Some(app.login(name).await),
        token: Some(app.token(name).await),
    }
}

async fn send(app: &App, v: &Visitor, method: &str, path: &str, form: &str) -> StatusCode {
    answer(app, v, method, path, form).await.0
}

async fn answer(
    app: &App,
    v: &Visitor,
    method: &str,
    path: &str,
    form: &str,
) -> (StatusCode, String) {
    let mut r = Request::builder().method(method).uri(path);
    if path.starts_with("/api/") {
        if let Some(t) = &v.token {
            r = r.header(header::AUTHORIZATION, format!("Bearer {t}"));
        }
        r = r.header(header::CONTENT_TYPE, "application/json");
    } else {
        if let Some(s) = &v.cookie {
            r = r
                .header(header::COOKIE, &s.cookie)
                .header("x-csrf-token", &s.csrf);
        }
        r = r.header(header::CONTENT_TYPE, "application/x-www-form-urlencoded");
    }
    let body = if method == "GET" {
        Body::empty()
    } else if path.starts_with("/api/") {
        Body::from("{}")
    } else {
        Body::from(form.to_owned())
    };
    let response = app.send(r.body(body).unwrap()).await;
    (response.status(), body_text(response).await)
}

/// Records another visitor wrote into the college's audit log.
async fn college_entries_by(app: &App, username: &str) -> u64 {
    let school = app.unit("THCSCD").await;
    let user = app
        .antt
        .accounts()
        .list(&Actor::command_line(), school)
        .await
        .unwrap()
        .into_iter()
        .find(|u| u.username == username)
        .expect("the other school's office");
    app.antt
        .audit()
        .list(
            &Actor::command_line(),
            AuditQuery {
                unit: Some(app.unit("CDLC").await),
                actor: Some(user.id),
                ..AuditQuery::default()
            },
            PageRequest::default(),
        )
        .await
        .unwrap()
        .total
}

/// The visitors who must be refused most: they are sent every method.
const RESTRICTED: &[&str] = &["anonymous", "thcs.vanphong", "sinhvien", "baove"];

/// Routes anybody may open: the portal, check-in by code, the login page.
fn public(path: &str) -> bool {
    [
        "/tip",
        "/api/v1/public/",
        "/checkin/",
        "/static/",
        "/login",
        "/healthz",
        "/livez",
    ]
    .iter()
    .any(|p| path.starts_with(p))
}

/// What a student or a guard must never open with the college's ids.
fn sensitive(pattern: &str) -> bool {
    [
        "/tips/{id}",
        "/api/v1/tips/{id}",
        "/incidents/{id}",
        "/api/v1/incidents/{id}",
        "/users/{id}",
        "/audit",
        "/people/{id}/edit",
    ]
    .iter()
    .any(|p| pattern.starts_with(p))
}

#[tokio::test]
async fn every_route_by_every_visitor_with_the_colleges_ids() {
    let paths = antt_web::route_paths();
    assert!(paths.len() > 100, "the router lists its routes");
    for app in apps().await {
        let b = app.backend();
        let office = app.login("vanphong").await;
        let ids = college_ids(&app, &office).await;
        for pattern in &paths {
            for kind in pattern
                .split('/')
                .collect::<Vec<_>>()
                .windows(2)
                .filter(|w| w[1] == "{id}")
                .map(|w| w[0])
            {
                assert!(
                    ids.contains_key(kind) || NO_LINK_IN_THE_DEMO.contains(&kind),
                    "{b}: no {kind} of the college is linked from its pages, so {pattern} would be tried with a made-up id"
                );
            }
        }
        let mut visitors = Vec::new();
        for name in [
            "anonymous",
            "thcs.vanphong",
            "sinhvien",
            "baove",
            "gvcn",
            "ctsv",
            "bgh",
            "congan.tinh",
        ] {
            visitors.push(visitor(&app, name).await);
        }
        let other_before = college_entries_by(&app, "thcs.vanphong").await;
        let mut tried = 0;
        for pattern in &paths {
            let (path, kind) = fill(pattern, &ids);
            for v in &visitors {
                for method in ["GET", "POST"] {
                    // Logging out would end the visit; the staff who may
                    // write are sent reads only, so that what they may do
                    // (lock an account) does not change who the others are.
                    if method == "POST" && (*pattern == "/logout" || !RESTRICTED.contains(&v.name))
                    {
                        continue;
                    }
                    let status = send(&app, v, method, &path, "").await;
                    tried += 1;
                    assert!(
                        !status.is_server_error(),
                        "{b}: {method} {path} by {} answered {status}",
                        v.name
                    );
                    if method != "GET" || kind.is_none() || public(&path) {
                        continue;
                    }
                    let refused = matches!(
                        status,
                        StatusCode::FORBIDDEN
                            | StatusCode::NOT_FOUND
                            | StatusCode::METHOD_NOT_ALLOWED
                            | StatusCode::UNAUTHORIZED
                            | StatusCode::SEE_OTHER
                    );
                    // A task of the province's plan is given to every unit
                    // under it: the small school has it as the college does
                    // (its answers, under /assigned/notes/, stay its own).
                    if v.name == "thcs.vanphong" && *pattern == "/assigned/{id}" {
                        continue;
                    }
                    match v.name {
                        "anonymous" | "thcs.vanphong" => assert!(
                            refused,
                            "{b}: {} opened the college's {path}: {status}",
                            v.name
                        ),
                        "sinhvien" | "baove" if sensitive(pattern) => assert!(
                            refused,
                            "{b}: {} opened the college's {path}: {status}",
                            v.name
                        ),
                        _ => {}
                    }
                }
            }
            // Another unit's id in `?unit=`: another school never gets the
            // college's page.
            if !public(pattern) && !pattern.contains('{') {
                let other = &visitors[1];
                let with_unit = format!("{pattern}?unit={}", ids["units"]);
                let (status, body) = answer(&app, other, "GET", &with_unit, "").await;
                assert!(
                    status != StatusCode::OK
                        || !(body.contains("Trường Cao đẳng Lào Cai")
                            || body.contains(&ids["units"])),
                    "{b}: thcs.vanphong saw the college on {with_unit}"
                );
            }
        }
        for v in &visitors[1..4] {
            let r = app.get("/account", v.cookie.as_ref()).await;
            assert_eq!(
                r.status(),
                StatusCode::OK,
                "{b}: {} was still logged in at the end",
                v.name
            );
        }
        assert_eq!(
            college_entries_by(&app, "thcs.vanphong").await,
            other_before,
            "{b}: another school's office changed or read nothing of the college"
        );
        antt_testkit::say(&format!(
            "{b}: {} routes, {tried} requests, ids of {} kinds",
            paths.len(),
            ids.len()
        ));
    }
}

/// Finding 6: `?year=262143` dropped the connection on five API
/// endpoints, and a session starting in year 262142 made every page that
/// listed it panic. Every route, with the extreme values in its query and
/// its form, answers without a 5xx; the dates are refused.
#[tokio::test]
async fn extreme_years_dates_and_numbers_are_refused_on_every_route() {
    const EXTREME: &[&str] = &[
        "262143",
        "-262143",
        "18446744073709551616",
        "-9223372036854775809",
        "262142-01-01",
        "01/01/262142",
        "262142-01-01T10:00",
        "NaN",
        "1e308",
    ];
    const FIELDS: &[&str] = &[
        "year",
        "page",
        "per_page",
        "from",
        "to",
        "date",
        "day",
        "starts_at",
        "start",
        "ends_at",
        "held_on",
        "due_on",
        "signed_on",
        "occurred_at",
        "birth_date",
        "points",
        "minutes",
        "attended",
        "count",
        "value",
        "n",
        "month",
    ];
    let paths = antt_web::route_paths();
    for app in apps().await {
        let b = app.backend();
        let office = app.login("vanphong").await;
        let ids = college_ids(&app, &office).await;
        let visitor = Visitor {
            name: "vanphong",
            token: Some(app.token("vanphong").await),
            cookie: Some(office),
        };
        for value in EXTREME {
            let query: String = FIELDS
                .iter()
                .map(|f| format!("{f}={}", urlencode(value)))
                .collect::<Vec<_>>()
                .join("&");
            for pattern in paths.iter().filter(|p| **p != "/logout") {
                let (path, _) = fill(pattern, &ids);
                let get = send(&app, &visitor, "GET", &format!("{path}?{query}"), "").await;
                assert!(!get.is_server_error(), "{b}: GET {path}?{query}: {get}");
                let post = send(&app, &visitor, "POST", &path, &query).await;
                assert!(
                    !post.is_server_error(),
                    "{b}: POST {path} with {value}: {post}"
                );
            }
            for api in [
                "/api/v1/sessions",
                "/api/v1/coverage",
                "/api/v1/tips/statistics",
                "/api/v1/readiness",
                "/api/v1/assessments",
                "/api/v1/rewards",
                "/api/v1/incidents",
            ] {
                let (status, body) = app
                    .api(
                        "GET",
                        &format!("{api}?year={}", urlencode(value)),
                        visitor.token.as_deref(),
                        None,
                    )
                    .await;
                assert!(
                    status.is_client_error(),
                    "{b}: {api}?year={value} is refused, not {status} {body}"
                );
            }
        }
        // A session in year 262142 cannot be saved, on the screen or the API.
        for date in ["262142-01-01", "01/01/262142", "31/12/2101"] {
            let form = [
                ("kind", "briefing"),
                ("title", "Buổi sinh hoạt năm 262142"),
                ("organiser", "Đoàn Thanh niên"),
                ("date", date),
                ("time", "08:00"),
                ("place", "Hội trường"),
                ("everyone", "true"),
            ];
            let r = app
                .post_form("/sessions", visitor.cookie.as_ref(), &form, true)
                .await;
            assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY, "{b}: {date}");
        }
        let (status, _) = app
            .api(
                "POST",
                "/api/v1/sessions",
                visitor.token.as_deref(),
                Some(serde_json::json!({
                    "kind": "briefing",
                    "title": "Buổi sinh hoạt năm 262142",
                    "starts_at": "+262142-01-01T01:00:00Z",
                    "place": "Hội trường"
                })),
            )
            .await;
        assert!(status.is_client_error(), "{b}: {status}");
        // And the lists still open.
        for page in ["/sessions", "/", "/plans"] {
            let r = app.get(page, visitor.cookie.as_ref()).await;
            assert_eq!(r.status(), StatusCode::OK, "{b}: {page}");
        }
    }
}

fn urlencode(value: &str) -> String {
    serde_urlencoded::to_string([("", value)]).unwrap()[1..].to_owned()
}
