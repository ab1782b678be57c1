//! The OpenAPI document and the browsable page made from it.

use askama::Template;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use serde_json::Value;
use utoipa::OpenApi;

use super::accounts as ac;
use super::directory as d;
use super::events as ev;
use super::market as mk;
use super::matchmaking as mm;
use super::passwords as pw;
use super::publications as pb;
use super::reports as rp;
use super::search as se;
use crate::error::WebError;

/// Baylink's API, as OpenAPI 3.
#[derive(OpenApi)]
#[openapi(
    info(title = "Baylink API", description = "The directory of the Shenzhen–Hong Kong–Macao science and technology alliance. Texts are returned as stored, with the script they were written in."),
    paths(
        d::list_organisations, d::create_organisation, d::get_organisation, d::update_organisation,
        d::delete_organisation, d::organisation_positions,
        d::list_people, d::create_person, d::get_person, d::update_person, d::delete_person,
        d::person_positions, d::create_position, d::delete_position,
        d::list_sides, d::list_milestones, d::list_designations, d::create_designation,
        d::list_memberships, d::create_membership, d::delete_membership,
        d::create_session, d::delete_session, d::me, d::choose_mail_language, d::my_data, d::my_alerts, d::save_alert, d::delete_alert,
        pw::change_my_password, pw::forgot_password, pw::reset_password, pw::change_my_email, pw::confirm_email,
        ac::list_accounts, ac::create_account, ac::get_account, ac::update_account,
        ac::suspend_account, ac::reinstate_account, ac::send_password_link, ac::turn_off_two_factor,
        ev::list_events, ev::get_event, ev::list_registrations, ev::register, ev::check_in_ticket,
        ev::check_in_by_id, ev::own_registration, ev::own_data, ev::own_feedback, ev::give_feedback, ev::event_feedback, ev::ask_for_feedback, ev::correct_own, ev::transfer_own, ev::transfer_for_holder, ev::change_own_session, ev::cancel_own,
        ev::list_delegation, ev::register_delegation, ev::move_delegate,
        se::search,
        mk::list_postings, mk::get_posting, mk::recommendations, mk::saved_postings, mk::save_posting, mk::unsave_posting,
        mm::get_matchmaking,
        pb::list_publications, pb::get_publication, pb::create_publication, pb::update_publication,
        pb::delete_publication,
        rp::get_report,
    ),
    components(schemas(crate::error::ApiError, crate::error::ApiFieldError)),
    modifiers(&ErrorResponses, &Tokens, &IdempotencyKeys),
    tags(
        (name = "directory", description = "Organisations, people and positions"),
        (name = "alliance", description = "Sides, history, designations and memberships"),
        (name = "account", description = "Signing in and out, one's password, and a copy of what is held about one's account"),
        (name = "events", description = "Events, registration and check-in"),
        (name = "search", description = "One search over everything, in any script or English"),
        (name = "market", description = "Supply and demand postings and their recommended counterparts"),
        (name = "matchmaking", description = "1:1 meeting requests, slots, tables and the schedule"),
        (name = "publications", description = "Whitepapers, news, event reports and challenges"),
        (name = "reports", description = "Each side's yearly work report, counted from the records"),
    )
)]
pub struct ApiDoc;

/// Gives every operation a `default` response: any status it does not list is an error,
/// with the body every error has ([`crate::error::ApiError`]: a stable code, a message in
/// the request's language and the fields at fault). Each operation lists its usual
/// answers; the errors common to all (a malformed query 400, signed out 401, not allowed
/// 403, no such record 404, invalid 422, busy 503, a bug 500) are documented once here
/// rather than on each.
struct ErrorResponses;

/// Gives every write (not `POST /api/v1/session`, which has no account yet) the optional
/// `Idempotency-Key` header of [`crate::idempotency`].
struct IdempotencyKeys;

impl utoipa::Modify for IdempotencyKeys {
    fn modify(&self, doc: &mut utoipa::openapi::OpenApi) {
        use utoipa::openapi::path::{ParameterBuilder, ParameterIn};
        use utoipa::openapi::{ObjectBuilder, Required, Type};
        let key = ParameterBuilder::new()
            .name("Idempotency-Key")
            .parameter_in(ParameterIn::Header)
            .required(Required::False)
            .description(Some(
                "One per write, e.g. a UUID (1–255 visible ASCII characters; signed-in callers \
                 only). The same write sent again with it within a day is not done twice: \
                 the first answer comes back, marked `Idempotent-Replayed: true`. The key \
                 with another write: 422 `err-idempotency-mismatch`; while the first is \
                 still answered: 409 `err-idempotency-in-progress`.",
            ))
            .schema(Some(
                ObjectBuilder::new()
                    .schema_type(Type::String)
                    .min_length(Some(1))
                    .max_length(Some(255))
                    .pattern(Some("^[!-~]+$")),
            ))
            .build();
        for (path, item) in doc.paths.paths.iter_mut() {
            if path == "/api/v1/session" {
                continue;
            }
            let writes = [
                &mut item.put,
                &mut item.post,
                &mut item.delete,
                &mut item.patch,
            ];
            for operation in writes.into_iter().flatten() {
                operation
                    .parameters
                    .get_or_insert_with(Vec::new)
                    .push(key.clone().into());
            }
        }
    }
}

/// Says how a program signs in: an API token of an account (`/{lang}/account/tokens`) as
/// a bearer, acting with that account's rights and without the CSRF token a browser's
/// session echoes; or the session cookie of `POST /api/v1/session`.
struct Tokens;

impl utoipa::Modify for Tokens {
    fn modify(&self, doc: &mut utoipa::openapi::OpenApi) {
        use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
        let components = doc.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "token",
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .description(Some(
                        "An account's API token (`blk_…`), made on /{lang}/account/tokens; it acts with the account's rights and needs no CSRF token.",
                    ))
                    .build(),
            ),
        );
    }
}

impl utoipa::Modify for ErrorResponses {
    fn modify(&self, doc: &mut utoipa::openapi::OpenApi) {
        use utoipa::openapi::{ContentBuilder, Ref, ResponseBuilder};
        let error = ResponseBuilder::new()
            .description(
                "An error: `code` is stable, `message` is in the request's language (`?lang=` or \
                 Accept-Language), `fields` names the fields at fault.",
            )
            .content(
                "application/json",
                ContentBuilder::new()
                    .schema(Some(Ref::from_schema_name("ApiError")))
                    .build(),
            )
            .build();
        for item in doc.paths.paths.values_mut() {
            let operations = [
                &mut item.get,
                &mut item.put,
                &mut item.post,
                &mut item.delete,
                &mut item.patch,
            ];
            for operation in operations.into_iter().flatten() {
                operation
                    .responses
                    .responses
                    .entry("default".to_owned())
                    .or_insert_with(|| error.clone().into());
            }
        }
    }
}

pub async fn openapi_json() -> Response {
    (
        [(header::CONTENT_TYPE, "application/json")],
        super::openapi_json(),
    )
        .into_response()
}

/// One operation, as the page shows it.
struct Endpoint {
    method: String,
    path: String,
    summary: String,
    params: Vec<(String, String, bool, String)>,
    body: Option<String>,
    responses: Vec<String>,
    /// A GET without path parameters can be tried from the page.
    tryable: bool,
}

#[derive(Template)]
#[template(path = "api_docs.html")]
struct DocsPage {
    lang: crate::i18n::Locale,
    title: String,
    description: String,
    endpoints: Vec<Endpoint>,
}

fn s(v: &Value) -> String {
    v.as_str().unwrap_or("").to_owned()
}

/// The last segment of a `$ref`, or the item type of an array.
fn schema_name(schema: &Value) -> Option<String> {
    if let Some(r) = schema.get("$ref").and_then(Value::as_str) {
        return r.rsplit('/').next().map(str::to_owned);
    }
    if schema.get("type").and_then(Value::as_str) == Some("array") {
        return schema
            .get("items")
            .and_then(schema_name)
            .map(|n| format!("[{n}]"));
    }
    None
}

fn endpoints(doc: &Value) -> Vec<Endpoint> {
    let mut out = Vec::new();
    let Some(paths) = doc.get("paths").and_then(Value::as_object) else {
        return out;
    };
    for (path, item) in paths {
        for method in ["get", "post", "put", "delete"] {
            let Some(op) = item.get(method) else { continue };
            let params: Vec<_> = op
                .get("parameters")
                .and_then(Value::as_array)
                .map(|ps| {
                    ps.iter()
                        .map(|p| {
                            (
                                s(&p["name"]),
                                s(&p["in"]),
                                p["required"].as_bool().unwrap_or(false),
                                s(&p["description"]),
                            )
                        })
                        .collect()
                })
                .unwrap_or_default();
            let body = op
                .pointer("/requestBody/content/application~1json/schema")
                .and_then(schema_name);
            let responses = op
                .get("responses")
                .and_then(Value::as_object)
                .map(|rs| {
                    rs.iter()
                        .map(|(status, r)| {
                            match r
                                .pointer("/content/application~1json/schema")
                                .and_then(schema_name)
                            {
                                Some(n) => format!("{status} {n}"),
                                None => status.clone(),
                            }
                        })
                        .collect()
                })
                .unwrap_or_default();
            let summary = [s(&op["summary"]), s(&op["description"])]
                .into_iter()
                .filter(|x| !x.is_empty())
                .collect::<Vec<_>>()
                .join(" ");
            out.push(Endpoint {
                tryable: method == "get" && !path.contains('{'),
                method: method.to_uppercase(),
                path: path.clone(),
                summary,
                params,
                body,
                responses,
            });
        }
    }
    out
}

/// `GET /api`: every operation of the document, with a button to try the simple ones.
pub async fn page(headers: axum::http::HeaderMap) -> Result<Response, WebError> {
    let lang = crate::i18n::Locale::negotiate(
        headers
            .get(header::ACCEPT_LANGUAGE)
            .and_then(|v| v.to_str().ok()),
    );
    let doc: Value = serde_json::to_value(ApiDoc::openapi())
        .map_err(|e| WebError::Internal(format!("openapi: {e}")))?;
    crate::views::render(&DocsPage {
        lang,
        title: s(&doc["info"]["title"]),
        description: s(&doc["info"]["description"]),
        endpoints: endpoints(&doc),
    })
}
