//! The directory over JSON.

use std::collections::HashMap;

use axum::Json;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{delete, get, post, put};
use baylink_store::{
    Designation, DesignationInput, Membership, MembershipFilter, MembershipInput, Milestone,
    OrgFilter, OrgType, Organisation, OrganisationInput, Page, Person, PersonFilter, PersonInput,
    Position, PositionInput, Region, Side, SideOfficer, User,
};
use baylink_text::NameOrder;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::{ApiJson, path_id};
use crate::AppState;
use crate::auth::{self, Action, ClientAddr, MaybeAuth, require};
use crate::error::WebError;
use crate::i18n::Locale;
use crate::views::account::{SignIn, SignedIn, sign_in};
use crate::views::directory::actor;

pub fn router() -> Router<AppState> {
    Router::new()
        .route(
            "/api/v1/organisations",
            get(list_organisations).post(create_organisation),
        )
        .route(
            "/api/v1/organisations/{id}",
            get(get_organisation)
                .put(update_organisation)
                .delete(delete_organisation),
        )
        .route(
            "/api/v1/organisations/{id}/positions",
            get(organisation_positions),
        )
        .route("/api/v1/people", get(list_people).post(create_person))
        .route(
            "/api/v1/people/{id}",
            get(get_person).put(update_person).delete(delete_person),
        )
        .route("/api/v1/people/{id}/positions", get(person_positions))
        .route("/api/v1/positions", post(create_position))
        .route("/api/v1/positions/{id}", delete(delete_position))
        .route("/api/v1/sides", get(list_sides))
        .route("/api/v1/milestones", get(list_milestones))
        .route(
            "/api/v1/designations",
            get(list_designations).post(create_designation),
        )
        .route(
            "/api/v1/memberships",
            get(list_memberships).post(create_membership),
        )
        .route("/api/v1/memberships/{id}", delete(delete_membership))
        .route(
            "/api/v1/session",
            post(create_session).delete(delete_session),
        )
        .route("/api/v1/me", get(me))
        .route("/api/v1/me/mail-language", put(choose_mail_language))
        .route("/api/v1/me/data", get(my_data))
        .route("/api/v1/me/alerts", get(my_alerts).post(save_alert))
        .route("/api/v1/me/alerts/{id}", delete(delete_alert))
}

/// The script a writer's text is assumed to be in when it cannot be told from the text.
pub(crate) fn author_script(headers: &HeaderMap) -> baylink_text::Script {
    Locale::negotiate(
        headers
            .get(header::ACCEPT_LANGUAGE)
            .and_then(|v| v.to_str().ok()),
    )
    .script()
}

pub(crate) fn param<'a>(q: &'a HashMap<String, String>, k: &str) -> &'a str {
    q.get(k).map(String::as_str).unwrap_or("").trim()
}

/// A query parameter that must parse if present: a wrong value is the client's error.
pub(crate) fn parsed<T: std::str::FromStr>(
    q: &HashMap<String, String>,
    k: &str,
) -> Result<Option<T>, WebError> {
    match param(q, k) {
        "" => Ok(None),
        v => v
            .parse()
            .map(Some)
            .map_err(|_| WebError::BadRequest("err-bad-query")),
    }
}

pub(crate) fn code<T>(
    q: &HashMap<String, String>,
    k: &str,
    parse: fn(&str) -> Option<T>,
) -> Result<Option<T>, WebError> {
    match param(q, k) {
        "" => Ok(None),
        v => parse(v)
            .map(Some)
            .ok_or(WebError::BadRequest("err-bad-query")),
    }
}

pub(crate) fn created<T: Serialize>(value: T) -> Response {
    (StatusCode::CREATED, Json(value)).into_response()
}

/// Organisations, filtered and paged.
#[utoipa::path(get, path = "/api/v1/organisations", tag = "directory",
    params(
        ("q" = Option<String>, Query, description = "Text in any of the names, in any script"),
        ("type" = Option<String>, Query, description = "Organisation type code"),
        ("region" = Option<String>, Query, description = "Region code"),
        ("parent" = Option<i64>, Query, description = "Parent organisation id"),
        ("designation" = Option<i64>, Query, description = "Holding this designation"),
        ("year" = Option<i32>, Query, description = "Holding a designation in this year"),
        ("order" = Option<String>, Query, description = "pinyin (default), strokes (as Hong Kong and Macao list names) or alphabetical (A–Z by English name)"),
        ("limit" = Option<i64>, Query, description = "Page size, at most 500 (default 50)"),
        ("offset" = Option<i64>, Query, description = "Rows to skip"),
    ),
    responses((status = 200, body = Page<Organisation>), (status = 400, body = crate::error::ApiError)))]
pub async fn list_organisations(
    State(s): State<AppState>,
    Query(q): Query<HashMap<String, String>>,
) -> Result<Json<Page<Organisation>>, WebError> {
    let filter = OrgFilter {
        q: Some(param(&q, "q").to_owned()).filter(|v| !v.is_empty()),
        org_type: code(&q, "type", OrgType::parse)?,
        region: code(&q, "region", Region::parse)?,
        parent_id: parsed(&q, "parent")?,
        designation_id: parsed(&q, "designation")?,
        year: parsed(&q, "year")?,
        limit: parsed(&q, "limit")?.unwrap_or(50),
        offset: parsed(&q, "offset")?.unwrap_or(0),
        order: code(&q, "order", NameOrder::parse)?.unwrap_or_default(),
    };
    Ok(Json(s.store.list_organisations(&filter).await?))
}

/// One organisation.
#[utoipa::path(get, path = "/api/v1/organisations/{id}", tag = "directory",
    params(("id" = i64, Path)),
    responses((status = 200, body = Organisation), (status = 404, body = crate::error::ApiError)))]
pub async fn get_organisation(
    State(s): State<AppState>,
    Path(id): Path<String>,
) -> Result<Json<Organisation>, WebError> {
    Ok(Json(s.store.get_organisation(path_id(&id)?).await?))
}

/// Creates an organisation (secretariat, admin).
#[utoipa::path(post, path = "/api/v1/organisations", tag = "directory", request_body = OrganisationInput,
    responses((status = 201, body = Organisation), (status = 422, body = crate::error::ApiError),
              (status = 401, body = crate::error::ApiError), (status = 403, body = crate::error::ApiError)))]
pub async fn create_organisation(
    State(s): State<AppState>,
    MaybeAuth(a): MaybeAuth,
    headers: HeaderMap,
    ApiJson(input): ApiJson<OrganisationInput>,
) -> Result<Response, WebError> {
    let auth = require(a.as_ref(), Action::EditDirectory)?;
    let draft = input.validate(author_script(&headers))?;
    Ok(created(
        s.store.create_organisation(&actor(auth), &draft).await?,
    ))
}

/// Replaces an organisation's details (secretariat, admin, or its own representative).
/// Send `version` to be told (409) when someone else changed it since you read it.
#[utoipa::path(put, path = "/api/v1/organisations/{id}", tag = "directory", request_body = OrganisationInput,
    params(("id" = i64, Path)),
    responses((status = 200, body = Organisation), (status = 409, body = crate::error::ApiError), (status = 422, body = crate::error::ApiError)))]
pub async fn update_organisation(
    State(s): State<AppState>,
    MaybeAuth(a): MaybeAuth,
    headers: HeaderMap,
    Path(id): Path<String>,
    ApiJson(mut input): ApiJson<OrganisationInput>,
) -> Result<Json<Organisation>, WebError> {
    let id = path_id(&id)?;
    let auth = require(a.as_ref(), Action::EditOrganisation(id))?;
    if !auth::allowed(Some(&auth.user), Action::EditDirectory) {
        let current = s.store.get_organisation(id).await?;
        input.parent_id = current.parent_id;
        input.synthetic = current.synthetic;
    }
    let draft = input.validate(author_script(&headers))?;
    Ok(Json(
        s.store
            .update_organisation(&actor(auth), id, &draft)
            .await?,
    ))
}

/// Deletes an organisation with its positions and memberships (secretariat, admin).
#[utoipa::path(delete, path = "/api/v1/organisations/{id}", tag = "directory", params(("id" = i64, Path)),
    responses((status = 204), (status = 404, body = crate::error::ApiError)))]
pub async fn delete_organisation(
    State(s): State<AppState>,
    MaybeAuth(a): MaybeAuth,
    Path(id): Path<String>,
) -> Result<StatusCode, WebError> {
    let id = path_id(&id)?;
    let auth = require(a.as_ref(), Action::DeleteRecords)?;
    s.store.delete_organisation(&actor(auth), id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// The positions held at an organisation.
#[utoipa::path(get, path = "/api/v1/organisations/{id}/positions", tag = "directory", params(("id" = i64, Path)),
    responses((status = 200, body = Vec<Position>)))]
pub async fn organisation_positions(
    State(s): State<AppState>,
    Path(id): Path<String>,
) -> Result<Json<Vec<Position>>, WebError> {
    let id = path_id(&id)?;
    s.store.get_organisation(id).await?;
    Ok(Json(s.store.positions_at_organisation(id).await?))
}

/// People, filtered and paged.
#[utoipa::path(get, path = "/api/v1/people", tag = "directory",
    params(
        ("q" = Option<String>, Query, description = "Text in the name, in any script"),
        ("org" = Option<i64>, Query, description = "Holding a position at this organisation"),
        ("order" = Option<String>, Query, description = "pinyin (default), strokes (as Hong Kong and Macao list names) or alphabetical (A–Z by English name)"),
        ("limit" = Option<i64>, Query), ("offset" = Option<i64>, Query),
    ),
    responses((status = 200, body = Page<Person>)))]
pub async fn list_people(
    State(s): State<AppState>,
    Query(q): Query<HashMap<String, String>>,
) -> Result<Json<Page<Person>>, WebError> {
    let filter = PersonFilter {
        q: Some(param(&q, "q").to_owned()).filter(|v| !v.is_empty()),
        org_id: parsed(&q, "org")?,
        limit: parsed(&q, "limit")?.unwrap_or(50),
        offset: parsed(&q, "offset")?.unwrap_or(0),
        order: code(&q, "order", NameOrder::parse)?.unwrap_or_default(),
    };
    Ok(Json(s.store.list_people(&filter).await?))
}

/// One person.
#[utoipa::path(get, path = "/api/v1/people/{id}", tag = "directory", params(("id" = i64, Path)),
    responses((status = 200, body = Person), (status = 404, body = crate::error::ApiError)))]
pub async fn get_person(
    State(s): State<AppState>,
    Path(id): Path<String>,
) -> Result<Json<Person>, WebError> {
    Ok(Json(s.store.get_person(path_id(&id)?).await?))
}

/// Creates a person (secretariat, admin).
#[utoipa::path(post, path = "/api/v1/people", tag = "directory", request_body = PersonInput,
    responses((status = 201, body = Person), (status = 422, body = crate::error::ApiError)))]
pub async fn create_person(
    State(s): State<AppState>,
    MaybeAuth(a): MaybeAuth,
    headers: HeaderMap,
    ApiJson(input): ApiJson<PersonInput>,
) -> Result<Response, WebError> {
    let auth = require(a.as_ref(), Action::EditDirectory)?;
    let draft = input.validate(author_script(&headers))?;
    Ok(created(s.store.create_person(&actor(auth), &draft).await?))
}

/// Replaces a person's details (secretariat, admin).
#[utoipa::path(put, path = "/api/v1/people/{id}", tag = "directory", request_body = PersonInput, params(("id" = i64, Path)),
    responses((status = 200, body = Person), (status = 409, body = crate::error::ApiError), (status = 422, body = crate::error::ApiError)))]
pub async fn update_person(
    State(s): State<AppState>,
    MaybeAuth(a): MaybeAuth,
    headers: HeaderMap,
    Path(id): Path<String>,
    ApiJson(input): ApiJson<PersonInput>,
) -> Result<Json<Person>, WebError> {
    let id = path_id(&id)?;
    let auth = require(a.as_ref(), Action::EditDirectory)?;
    let draft = input.validate(author_script(&headers))?;
    Ok(Json(s.store.update_person(&actor(auth), id, &draft).await?))
}

/// Deletes a person with their positions (secretariat, admin).
#[utoipa::path(delete, path = "/api/v1/people/{id}", tag = "directory", params(("id" = i64, Path)),
    responses((status = 204), (status = 404, body = crate::error::ApiError)))]
pub async fn delete_person(
    State(s): State<AppState>,
    MaybeAuth(a): MaybeAuth,
    Path(id): Path<String>,
) -> Result<StatusCode, WebError> {
    let id = path_id(&id)?;
    let auth = require(a.as_ref(), Action::DeleteRecords)?;
    s.store.delete_person(&actor(auth), id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// A person's positions, senior first.
#[utoipa::path(get, path = "/api/v1/people/{id}/positions", tag = "directory", params(("id" = i64, Path)),
    responses((status = 200, body = Vec<Position>)))]
pub async fn person_positions(
    State(s): State<AppState>,
    Path(id): Path<String>,
) -> Result<Json<Vec<Position>>, WebError> {
    let id = path_id(&id)?;
    s.store.get_person(id).await?;
    Ok(Json(s.store.positions_of_person(id).await?))
}

/// Records a position (secretariat, admin).
#[utoipa::path(post, path = "/api/v1/positions", tag = "directory", request_body = PositionInput,
    responses((status = 201, body = Position), (status = 422, body = crate::error::ApiError)))]
pub async fn create_position(
    State(s): State<AppState>,
    MaybeAuth(a): MaybeAuth,
    headers: HeaderMap,
    ApiJson(input): ApiJson<PositionInput>,
) -> Result<Response, WebError> {
    let auth = require(a.as_ref(), Action::EditDirectory)?;
    let draft = input.validate(author_script(&headers))?;
    Ok(created(
        s.store.create_position(&actor(auth), &draft).await?,
    ))
}

/// Removes a position (secretariat, admin).
#[utoipa::path(delete, path = "/api/v1/positions/{id}", tag = "directory", params(("id" = i64, Path)),
    responses((status = 204), (status = 404, body = crate::error::ApiError)))]
pub async fn delete_position(
    State(s): State<AppState>,
    MaybeAuth(a): MaybeAuth,
    Path(id): Path<String>,
) -> Result<StatusCode, WebError> {
    let id = path_id(&id)?;
    let auth = require(a.as_ref(), Action::DeleteRecords)?;
    s.store.delete_position(&actor(auth), id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// A side of the alliance with its officers.
#[derive(Debug, Serialize, ToSchema)]
pub struct SideWithOfficers {
    #[serde(flatten)]
    pub side: Side,
    pub officers: Vec<SideOfficer>,
}

/// The alliance's three sides and their officers.
#[utoipa::path(get, path = "/api/v1/sides", tag = "alliance", responses((status = 200, body = Vec<SideWithOfficers>)))]
pub async fn list_sides(
    State(s): State<AppState>,
) -> Result<Json<Vec<SideWithOfficers>>, WebError> {
    Ok(Json(sides_with_officers(&s).await?))
}

/// The sides, each with its officers, as the alliance page and the API show them.
pub async fn sides_with_officers(s: &AppState) -> Result<Vec<SideWithOfficers>, WebError> {
    let officers = s.store.list_side_officers().await?;
    let sides = s.store.list_sides().await?;
    Ok(sides
        .into_iter()
        .map(|side| SideWithOfficers {
            officers: officers
                .iter()
                .filter(|o| o.side_id == side.id)
                .cloned()
                .collect(),
            side,
        })
        .collect())
}

/// The alliance's history.
#[utoipa::path(get, path = "/api/v1/milestones", tag = "alliance", responses((status = 200, body = Vec<Milestone>)))]
pub async fn list_milestones(State(s): State<AppState>) -> Result<Json<Vec<Milestone>>, WebError> {
    Ok(Json(s.store.list_milestones().await?))
}

/// The kinds of yearly award.
#[utoipa::path(get, path = "/api/v1/designations", tag = "alliance", responses((status = 200, body = Vec<Designation>)))]
pub async fn list_designations(
    State(s): State<AppState>,
) -> Result<Json<Vec<Designation>>, WebError> {
    Ok(Json(s.store.list_designations().await?))
}

/// Defines a new kind of award (secretariat, admin).
#[utoipa::path(post, path = "/api/v1/designations", tag = "alliance", request_body = DesignationInput,
    responses((status = 201, body = Designation), (status = 409, body = crate::error::ApiError), (status = 422, body = crate::error::ApiError)))]
pub async fn create_designation(
    State(s): State<AppState>,
    MaybeAuth(a): MaybeAuth,
    headers: HeaderMap,
    ApiJson(input): ApiJson<DesignationInput>,
) -> Result<Response, WebError> {
    let auth = require(a.as_ref(), Action::EditDirectory)?;
    let draft = input.validate(author_script(&headers))?;
    Ok(created(
        s.store.create_designation(&actor(auth), &draft).await?,
    ))
}

/// Memberships and other awards by year.
#[utoipa::path(get, path = "/api/v1/memberships", tag = "alliance",
    params(("year" = Option<i32>, Query), ("designation" = Option<i64>, Query), ("org" = Option<i64>, Query), ("region" = Option<String>, Query),
        ("order" = Option<String>, Query, description = "Within a year and designation: pinyin (default), strokes or alphabetical")),
    responses((status = 200, body = Vec<Membership>)))]
pub async fn list_memberships(
    State(s): State<AppState>,
    Query(q): Query<HashMap<String, String>>,
) -> Result<Json<Vec<Membership>>, WebError> {
    let filter = MembershipFilter {
        year: parsed(&q, "year")?,
        designation_id: parsed(&q, "designation")?,
        org_id: parsed(&q, "org")?,
        region: code(&q, "region", Region::parse)?,
        order: code(&q, "order", NameOrder::parse)?.unwrap_or_default(),
    };
    Ok(Json(s.store.list_memberships(&filter).await?))
}

/// Awards a designation to an organisation for a year (secretariat, admin).
#[utoipa::path(post, path = "/api/v1/memberships", tag = "alliance", request_body = MembershipInput,
    responses((status = 201, body = Membership), (status = 409, body = crate::error::ApiError), (status = 422, body = crate::error::ApiError)))]
pub async fn create_membership(
    State(s): State<AppState>,
    MaybeAuth(a): MaybeAuth,
    ApiJson(input): ApiJson<MembershipInput>,
) -> Result<Response, WebError> {
    let auth = require(a.as_ref(), Action::EditDirectory)?;
    let draft = input.validate()?;
    Ok(created(
        s.store.create_membership(&actor(auth), &draft).await?,
    ))
}

/// Withdraws an award (secretariat, admin).
#[utoipa::path(delete, path = "/api/v1/memberships/{id}", tag = "alliance", params(("id" = i64, Path)),
    responses((status = 204), (status = 404, body = crate::error::ApiError)))]
pub async fn delete_membership(
    State(s): State<AppState>,
    MaybeAuth(a): MaybeAuth,
    Path(id): Path<String>,
) -> Result<StatusCode, WebError> {
    let id = path_id(&id)?;
    let auth = require(a.as_ref(), Action::DeleteRecords)?;
    s.store.delete_membership(&actor(auth), id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Credentials for `POST /api/v1/session`.
#[derive(Debug, Deserialize, ToSchema)]
pub struct Credentials {
    pub email: String,
    pub password: String,
    /// The language the account's mails are written in from now on (`zh-Hant`, `zh-Hans`
    /// or `en`), as signing in on a page in that language sets it; kept as it was when
    /// left out.
    #[serde(default)]
    pub locale: Option<String>,
    /// The six-digit code of the account's authenticator app, where two-step sign-in is on,
    /// or one of its recovery codes (`abcd-efgh-ijkl`), which is then used up
    /// (`err-two-factor-required` without it, `err-two-factor-code` when wrong or used).
    #[serde(default)]
    pub code: Option<String>,
}

/// A started session: echo `csrf_token` in `X-CSRF-Token` on every write.
#[derive(Debug, Serialize, ToSchema)]
pub struct SessionInfo {
    pub csrf_token: String,
    pub expires_at: i64,
    pub user: User,
}

/// Signs in; the session cookie comes in `Set-Cookie`.
#[utoipa::path(post, path = "/api/v1/session", tag = "account", request_body = Credentials,
    responses((status = 200, body = SessionInfo), (status = 401, body = crate::error::ApiError), (status = 409, body = crate::error::ApiError), (status = 429, body = crate::error::ApiError)))]
pub async fn create_session(
    State(s): State<AppState>,
    ClientAddr(client): ClientAddr,
    crate::auth::UserAgent(user_agent): crate::auth::UserAgent,
    ApiJson(c): ApiJson<Credentials>,
) -> Result<Response, WebError> {
    // Checked before signing in, so a wrong value changes nothing.
    let locale = super::locale_field(c.locale.as_deref())?;
    let signed = sign_in(
        &s,
        SignIn {
            email: &c.email,
            password: &c.password,
            client,
            user_agent: user_agent.as_deref(),
            code: c.code.as_deref().filter(|code| !code.trim().is_empty()),
        },
    )
    .await?;
    let (token, session, mut user) = match signed {
        SignedIn::Session(token, session, user) => (token, session, user),
        SignedIn::NeedsCode(_) => return Err(WebError::Credentials("err-two-factor-required")),
    };
    if let Some(locale) = locale {
        s.store.set_user_locale(user.id, locale.code()).await?;
        user.locale = Some(locale.code().to_owned());
    }
    let mut r = Json(SessionInfo {
        csrf_token: session.csrf_token,
        expires_at: session.expires_at,
        user,
    })
    .into_response();
    r.headers_mut().insert(
        header::SET_COOKIE,
        HeaderValue::from_str(&auth::session_cookie(&token, s.config.secure_cookies))
            .map_err(|e| WebError::Internal(e.to_string()))?,
    );
    Ok(r)
}

/// Signs out.
#[utoipa::path(delete, path = "/api/v1/session", tag = "account", responses((status = 204)))]
pub async fn delete_session(
    State(s): State<AppState>,
    MaybeAuth(a): MaybeAuth,
) -> Result<Response, WebError> {
    if let Some(a) = a {
        s.store.delete_session(&a.session.token_hash).await?;
    }
    let mut r = StatusCode::NO_CONTENT.into_response();
    r.headers_mut().insert(
        header::SET_COOKIE,
        HeaderValue::from_str(&auth::clear_cookie(s.config.secure_cookies))
            .map_err(|e| WebError::Internal(e.to_string()))?,
    );
    Ok(r)
}

/// The signed-in account.
#[utoipa::path(get, path = "/api/v1/me", tag = "account",
    responses((status = 200, body = User), (status = 401, body = crate::error::ApiError)))]
pub async fn me(MaybeAuth(a): MaybeAuth) -> Result<Json<User>, WebError> {
    a.map(|a| Json(a.user)).ok_or(WebError::Unauthorized)
}

/// The language the holder wants their mails in.
#[derive(Debug, Deserialize, ToSchema)]
pub struct MailLanguage {
    /// `zh-Hant`, `zh-Hans` or `en`, kept whatever language the holder then uses the site
    /// in; `null` lets the mails follow the language of the pages and sign-ins again.
    pub locale: Option<String>,
}

/// Chooses the language of the signed-in account's mails (`locale_chosen` in the answer).
#[utoipa::path(put, path = "/api/v1/me/mail-language", tag = "account", request_body = MailLanguage,
    responses((status = 200, body = User), (status = 401, body = crate::error::ApiError), (status = 422, body = crate::error::ApiError)))]
pub async fn choose_mail_language(
    State(s): State<AppState>,
    MaybeAuth(a): MaybeAuth,
    ApiJson(b): ApiJson<MailLanguage>,
) -> Result<Json<User>, WebError> {
    let auth = a.ok_or(WebError::Unauthorized)?;
    let locale = super::locale_field(b.locale.as_deref())?;
    let user = s
        .store
        .choose_user_locale(auth.user.id, locale.map(|l| l.code()))
        .await?;
    Ok(Json(user))
}

/// What the platform holds about an account as its holder's own (PIPL, PDPO, Macao PDPA):
/// the account and the expressions of interest it sent, with their messages. What it
/// wrote for its organisation (postings, pipeline notes) is the organisation's, and each
/// event registration has its own copy behind its link.
#[derive(Debug, Serialize, ToSchema)]
pub struct AccountData {
    pub user: User,
    pub interests: Vec<baylink_store::market::Interest>,
    /// Its alerts of new postings.
    pub alerts: Vec<baylink_store::market::PostingAlert>,
    /// The postings it saved (收藏), by id.
    pub saved_postings: Vec<i64>,
    /// The browsers it is signed in on: when, from which address, with which browser.
    pub sessions: Vec<baylink_store::BrowserSession>,
}

/// An alert of new postings as the API takes it: the postings list's filters (codes, as
/// `GET /api/v1/postings` takes them) and how often.
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[serde(default)]
pub struct AlertInput {
    pub side: Option<String>,
    pub kind: Option<String>,
    pub sector: Option<String>,
    pub region: Option<String>,
    pub stage: Option<String>,
    pub mode: Option<String>,
    pub org_type: Option<String>,
    /// An organisation's id: its new postings (to follow what it posts).
    pub org: Option<i64>,
    /// Words, as the search takes them (`GET /api/v1/search?q=`, any script): only new
    /// postings with every one of them (`all=true`), each in any of its forms; at most 100
    /// characters.
    pub q: Option<String>,
    /// With `q` only: a field of the regional-terms table, as the search takes it (`it`,
    /// `ai`, `comms`, `semi`, `bio`, `finance`, `edu`, `gov`).
    pub field: Option<String>,
    /// `daily` or `weekly` (the default).
    pub frequency: Option<String>,
}

/// The signed-in account's alerts of new postings (供需訂閱), oldest first.
#[utoipa::path(get, path = "/api/v1/me/alerts", tag = "account",
    responses((status = 200, body = Vec<baylink_store::market::PostingAlert>), (status = 401, body = crate::error::ApiError)))]
pub async fn my_alerts(
    State(s): State<AppState>,
    MaybeAuth(a): MaybeAuth,
) -> Result<Json<Vec<baylink_store::market::PostingAlert>>, WebError> {
    let user = a.ok_or(WebError::Unauthorized)?.user;
    Ok(Json(s.store.posting_alerts(user.id).await?))
}

/// Keeps an alert of new postings for the signed-in account: mailed daily or weekly with
/// the postings published since that match. The same filters again change only how often;
/// at most 20 (409 `err-too-many-alerts`); a code the list does not know: 400
/// `err-bad-query`; words longer than 100 characters: 400 `err-alert-words-too-long`.
#[utoipa::path(post, path = "/api/v1/me/alerts", tag = "account", request_body = AlertInput,
    responses((status = 201, body = baylink_store::market::PostingAlert), (status = 401, body = crate::error::ApiError),
              (status = 409, body = crate::error::ApiError)))]
pub async fn save_alert(
    State(s): State<AppState>,
    MaybeAuth(a): MaybeAuth,
    ApiJson(input): ApiJson<AlertInput>,
) -> Result<Response, WebError> {
    let user = a.ok_or(WebError::Unauthorized)?.user;
    let q: HashMap<String, String> = [
        ("side", input.side),
        ("kind", input.kind),
        ("sector", input.sector),
        ("region", input.region),
        ("stage", input.stage),
        ("mode", input.mode),
        ("org_type", input.org_type),
        ("org", input.org.map(|id| id.to_string())),
        ("q", input.q),
        ("field", input.field),
    ]
    .into_iter()
    .filter_map(|(k, v)| Some((k.to_owned(), v?)))
    .collect();
    let filters = crate::views::alerts::canonical(&q).map_err(WebError::BadRequest)?;
    let frequency = match input.frequency.as_deref() {
        None => baylink_store::market::AlertFrequency::Weekly,
        Some(f) => baylink_store::market::AlertFrequency::parse(f)
            .ok_or(WebError::BadRequest("err-bad-query"))?,
    };
    let alert = s
        .store
        .save_posting_alert(
            user.id,
            &filters,
            frequency,
            &crate::auth::random_token(),
            baylink_store::sql::now(),
        )
        .await?;
    Ok((StatusCode::CREATED, Json(alert)).into_response())
}

/// Stops one of the signed-in account's alerts.
#[utoipa::path(delete, path = "/api/v1/me/alerts/{id}", tag = "account", params(("id" = i64, Path)),
    responses((status = 204), (status = 401, body = crate::error::ApiError), (status = 404, body = crate::error::ApiError)))]
pub async fn delete_alert(
    State(s): State<AppState>,
    MaybeAuth(a): MaybeAuth,
    Path(id): Path<String>,
) -> Result<StatusCode, WebError> {
    let user = a.ok_or(WebError::Unauthorized)?.user;
    s.store.delete_posting_alert(user.id, path_id(&id)?).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// A copy of what is held about the signed-in account, as a file.
#[utoipa::path(get, path = "/api/v1/me/data", tag = "account",
    responses((status = 200, body = AccountData), (status = 401, body = crate::error::ApiError)))]
pub async fn my_data(
    State(s): State<AppState>,
    MaybeAuth(a): MaybeAuth,
) -> Result<Response, WebError> {
    let user = a.ok_or(WebError::Unauthorized)?.user;
    let interests = s
        .store
        .interests_of_user(&user)
        .await?
        .into_iter()
        .filter(|i| i.from_user_id == user.id)
        .collect();
    let alerts = s.store.posting_alerts(user.id).await?;
    let saved_postings = s
        .store
        .saved_postings(user.id)
        .await?
        .into_iter()
        .map(|p| p.id)
        .collect();
    let sessions = s
        .store
        .list_sessions(user.id, baylink_store::sql::now())
        .await?;
    let name = format!("account-{}.json", user.id);
    let mut r = Json(AccountData {
        user,
        interests,
        alerts,
        saved_postings,
        sessions,
    })
    .into_response();
    // Downloaded as a file, and kept out of shared caches: it holds personal data.
    if let Ok(v) = HeaderValue::from_str(&format!("attachment; filename=\"{name}\"")) {
        r.headers_mut().insert(header::CONTENT_DISPOSITION, v);
    }
    r.headers_mut().insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("private, no-store"),
    );
    Ok(r)
}
