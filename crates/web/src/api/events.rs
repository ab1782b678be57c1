//! Events over JSON: the list and programmes, registration, the door's check-in, and the
//! participant exports.

use std::collections::HashMap;

use axum::Json;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use baylink_store::{
    Channel, Event, EventFilter, EventKind, Page, Programme, RegStatus, Region, Registration,
    RegistrationInput,
};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::{ApiJson, path_id};
use crate::AppState;
use crate::auth::{MaybeAuth, require_event};
use crate::error::{WebError, api_locale_from};
use crate::i18n::Locale;
use crate::sheets::SheetFormat;
use crate::views::events::ticket_error;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/api/v1/events", get(list_events))
        .route("/api/v1/events/{id}", get(get_event))
        .route(
            "/api/v1/events/{id}/registrations",
            get(list_registrations).post(register),
        )
        .route(
            "/api/v1/events/{id}/registrations.csv",
            get(export::<false>),
        )
        .route(
            "/api/v1/events/{id}/registrations.xlsx",
            get(export::<true>),
        )
        .route("/api/v1/events/{id}/check-in", post(check_in_ticket))
        .route(
            "/api/v1/events/{id}/registrations/{rid}/check-in",
            post(check_in_by_id),
        )
        .route(
            "/api/v1/registrations/{token}",
            get(own_registration).patch(correct_own).delete(cancel_own),
        )
        .route("/api/v1/registrations/{token}/transfer", post(transfer_own))
        .route(
            "/api/v1/events/{id}/registrations/{rid}/transfer",
            post(transfer_for_holder),
        )
        .route("/api/v1/registrations/{token}/data", get(own_data))
        .route(
            "/api/v1/registrations/{token}/feedback",
            get(own_feedback).put(give_feedback),
        )
        .route("/api/v1/events/{id}/feedback", get(event_feedback))
        .route("/api/v1/events/{id}/feedback/ask", post(ask_for_feedback))
        .route(
            "/api/v1/events/{id}/feedback.csv",
            get(export_feedback::<false>),
        )
        .route(
            "/api/v1/events/{id}/feedback.xlsx",
            get(export_feedback::<true>),
        )
        .route(
            "/api/v1/registrations/{token}/sessions",
            post(change_own_session),
        )
        .route(
            "/api/v1/events/{id}/delegation",
            get(list_delegation).post(register_delegation),
        )
        .route(
            "/api/v1/events/{id}/delegation/{rid}/sessions",
            post(move_delegate),
        )
}

/// Events, filtered and paged.
#[utoipa::path(get, path = "/api/v1/events", tag = "events",
    params(("q" = Option<String>, Query), ("year" = Option<i32>, Query), ("kind" = Option<String>, Query),
           ("series" = Option<i64>, Query), ("region" = Option<String>, Query), ("org" = Option<i64>, Query),
           ("when" = Option<String>, Query, description = "`upcoming` or `past`"), ("limit" = Option<i64>, Query), ("offset" = Option<i64>, Query)),
    responses((status = 200, body = Page<Event>)))]
pub async fn list_events(
    State(s): State<AppState>,
    Query(q): Query<HashMap<String, String>>,
) -> Result<Json<Page<Event>>, WebError> {
    let get = |k: &str| q.get(k).map(String::as_str).unwrap_or("").trim();
    let bad = || WebError::BadRequest("err-bad-query");
    let num = |k: &str| -> Result<Option<i64>, WebError> {
        match get(k) {
            "" => Ok(None),
            v => v.parse().map(Some).map_err(|_| bad()),
        }
    };
    let filter = EventFilter {
        q: Some(get("q").to_owned()).filter(|v| !v.is_empty()),
        year: num("year")?
            .map(|y| i32::try_from(y).map_err(|_| bad()))
            .transpose()?,
        kind: match get("kind") {
            "" => None,
            k => Some(EventKind::parse(k).ok_or_else(bad)?),
        },
        series_id: num("series")?,
        region: match get("region") {
            "" => None,
            r => Some(Region::parse(r).ok_or_else(bad)?),
        },
        org_id: num("org")?,
        upcoming: match get("when") {
            "" => None,
            "upcoming" => Some(true),
            "past" => Some(false),
            _ => return Err(bad()),
        },
        now: baylink_store::sql::now(),
        limit: num("limit")?.unwrap_or(50),
        offset: num("offset")?.unwrap_or(0),
    };
    Ok(Json(s.store.list_events(&filter).await?))
}

/// An event with its programme, roles and guests.
#[utoipa::path(get, path = "/api/v1/events/{id}", tag = "events", params(("id" = i64, Path)),
    responses((status = 200, body = Programme), (status = 404, body = crate::error::ApiError)))]
pub async fn get_event(
    State(s): State<AppState>,
    Path(id): Path<String>,
) -> Result<Json<Programme>, WebError> {
    Ok(Json(s.store.programme(path_id(&id)?).await?))
}

/// A registration as the API shows it: the record, plus its name in the reader's script
/// and its status in words.
#[derive(Debug, Serialize, ToSchema)]
pub struct RegistrationView {
    #[serde(flatten)]
    pub registration: Registration,
    pub display_name: String,
    pub status_label: String,
    /// In the holder's own view, while waiting: where they stand (1: next for a seat).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub waiting_position: Option<i64>,
}

fn view(lang: Locale, r: Registration) -> RegistrationView {
    RegistrationView {
        display_name: lang.text(&r.name, &r.name_script).into_owned(),
        status_label: lang.t(&r.status.label_key()),
        registration: r,
        waiting_position: None,
    }
}

/// An event's registrations, found by name, e-mail or organisation in either script (staff).
#[utoipa::path(get, path = "/api/v1/events/{id}/registrations", tag = "events",
    params(("id" = i64, Path), ("q" = Option<String>, Query), ("status" = Option<String>, Query), ("limit" = Option<i64>, Query), ("offset" = Option<i64>, Query)),
    responses((status = 200, body = Page<RegistrationView>), (status = 401, body = crate::error::ApiError)))]
pub async fn list_registrations(
    State(s): State<AppState>,
    MaybeAuth(a): MaybeAuth,
    headers: HeaderMap,
    Path(id): Path<String>,
    Query(q): Query<HashMap<String, String>>,
) -> Result<Json<Page<RegistrationView>>, WebError> {
    let id = path_id(&id)?;
    require_event(a.as_ref(), id)?;
    let lang = api_locale_from(&headers, q.get("lang").map(String::as_str));
    s.store.get_event(id).await?;
    let status = match q.get("status").map(String::as_str) {
        None | Some("") => None,
        Some(st) => Some(RegStatus::parse(st).ok_or(WebError::BadRequest("err-bad-query"))?),
    };
    let limit = q.get("limit").and_then(|l| l.parse().ok()).unwrap_or(50);
    let offset = q.get("offset").and_then(|l| l.parse().ok()).unwrap_or(0);
    let page = s
        .store
        .list_registrations(id, q.get("q").map(String::as_str), status, limit, offset)
        .await?;
    Ok(Json(Page {
        total: page.total,
        items: page.items.into_iter().map(|r| view(lang, r)).collect(),
    }))
}

/// A new registration and where to manage it.
#[derive(Debug, Serialize, ToSchema)]
pub struct Registered {
    pub registration: RegistrationView,
    /// The participant's own page (ticket, cancellation); keep it private.
    pub manage_url: String,
}

/// Registers for an event (anyone; staff may send `invited: true`).
#[utoipa::path(post, path = "/api/v1/events/{id}/registrations", tag = "events", params(("id" = i64, Path)),
    request_body = RegistrationInput,
    responses((status = 201, body = Registered), (status = 409, body = crate::error::ApiError), (status = 422, body = crate::error::ApiError)))]
pub async fn register(
    State(s): State<AppState>,
    MaybeAuth(a): MaybeAuth,
    headers: HeaderMap,
    Path(id): Path<String>,
    Query(q): Query<HashMap<String, String>>,
    ApiJson(input): ApiJson<RegistrationInput>,
) -> Result<Response, WebError> {
    let lang = api_locale_from(&headers, q.get("lang").map(String::as_str));
    let channel = if q.get("invited").is_some_and(|v| v == "true") {
        require_event(a.as_ref(), path_id(&id)?)?;
        Channel::Invited
    } else {
        Channel::Public
    };
    let draft = input.validate(lang.script())?;
    let token = crate::auth::random_token();
    let reg = s
        .store
        .register(
            path_id(&id)?,
            &draft,
            channel,
            &token,
            lang.code(),
            baylink_store::sql::now(),
        )
        .await?;
    let body = Registered {
        registration: view(lang, reg),
        manage_url: format!("/{}/registrations/{token}", lang.code()),
    };
    Ok((StatusCode::CREATED, Json(body)).into_response())
}

/// The colleagues the signed-in representative entered for an event as a delegation, in
/// the order entered (accounts that speak for an organisation).
#[utoipa::path(get, path = "/api/v1/events/{id}/delegation", tag = "events", params(("id" = i64, Path)),
    responses((status = 200, body = Vec<RegistrationView>)))]
pub async fn list_delegation(
    State(s): State<AppState>,
    MaybeAuth(a): MaybeAuth,
    headers: HeaderMap,
    Path(id): Path<String>,
    Query(q): Query<HashMap<String, String>>,
) -> Result<Json<Vec<RegistrationView>>, WebError> {
    let lang = api_locale_from(&headers, q.get("lang").map(String::as_str));
    let event_id = path_id(&id)?;
    let (user, _) = crate::views::delegations::representative(&s, a.as_ref()).await?;
    let regs = s.store.delegation(event_id, user.id).await?;
    Ok(Json(regs.into_iter().map(|r| view(lang, r)).collect()))
}

/// Registers colleagues as the signed-in representative's delegation (團體報名): each
/// under the organisation's name, region and type, as the public form would (a seat,
/// the waiting list or approval; their own confirmation mail and link, which go to them
/// and not in this answer). All or none: a field at fault is named `{field}_{n}` for the
/// n-th person (from 1), e.g. `email_2` for the second's address already registered.
#[utoipa::path(post, path = "/api/v1/events/{id}/delegation", tag = "events", params(("id" = i64, Path)),
    request_body = crate::views::delegations::DelegationInput,
    responses((status = 201, body = Vec<RegistrationView>), (status = 409, body = crate::error::ApiError), (status = 422, body = crate::error::ApiError)))]
pub async fn register_delegation(
    State(s): State<AppState>,
    MaybeAuth(a): MaybeAuth,
    headers: HeaderMap,
    Path(id): Path<String>,
    Query(q): Query<HashMap<String, String>>,
    ApiJson(input): ApiJson<crate::views::delegations::DelegationInput>,
) -> Result<Response, WebError> {
    let lang = api_locale_from(&headers, q.get("lang").map(String::as_str));
    let event_id = path_id(&id)?;
    let (user, org) = crate::views::delegations::representative(&s, a.as_ref()).await?;
    let regs = crate::views::delegations::enter(&s, &user, &org, event_id, &input, lang).await?;
    let body: Vec<RegistrationView> = regs.into_iter().map(|r| view(lang, r)).collect();
    Ok((StatusCode::CREATED, Json(body)).into_response())
}

/// A ticket presented at the door.
#[derive(Debug, Deserialize, ToSchema)]
pub struct TicketScan {
    pub ticket: String,
}

/// The door's answer.
#[derive(Debug, Serialize, ToSchema)]
pub struct CheckInResult {
    pub registration_id: i64,
    pub name: String,
    /// When the ticket was first used, if this is a second scan.
    pub already_at: Option<i64>,
    /// Their answers to the organiser's own questions, each as a question and its answer
    /// in the reader's language and script, for the door (a travel document's number to
    /// see against the document, the site visit they join).
    pub answers: Vec<ShownAnswer>,
}

/// A question and its answer as a reader reads them.
#[derive(Debug, Serialize, ToSchema)]
pub struct ShownAnswer {
    pub question: String,
    pub answer: String,
}

async fn do_check_in(
    s: &AppState,
    lang: Locale,
    event_id: i64,
    registration_id: i64,
) -> Result<Json<CheckInResult>, WebError> {
    let c = s
        .store
        .check_in(event_id, registration_id, baylink_store::sql::now())
        .await?;
    let questions = s.store.questions(event_id).await?;
    let answers = if questions.is_empty() {
        Vec::new()
    } else {
        let given = s.store.answers_of(registration_id).await?;
        crate::views::questions::answered(lang, &questions, &given)
            .into_iter()
            .map(|(question, answer)| ShownAnswer { question, answer })
            .collect()
    };
    Ok(Json(CheckInResult {
        registration_id,
        name: lang
            .text(&c.registration.name, &c.registration.name_script)
            .into_owned(),
        already_at: c.already_at,
        answers,
    }))
}

/// Checks a ticket in (staff): the signature is verified with the event's key.
#[utoipa::path(post, path = "/api/v1/events/{id}/check-in", tag = "events", params(("id" = i64, Path)), request_body = TicketScan,
    responses((status = 200, body = CheckInResult), (status = 409, body = crate::error::ApiError), (status = 422, body = crate::error::ApiError)))]
pub async fn check_in_ticket(
    State(s): State<AppState>,
    MaybeAuth(a): MaybeAuth,
    headers: HeaderMap,
    Path(id): Path<String>,
    Query(q): Query<HashMap<String, String>>,
    ApiJson(scan): ApiJson<TicketScan>,
) -> Result<Json<CheckInResult>, WebError> {
    let event_id = path_id(&id)?;
    require_event(a.as_ref(), event_id)?;
    let lang = api_locale_from(&headers, q.get("lang").map(String::as_str));
    let key = s.store.event_signing_key(event_id).await?;
    let public = baylink_tickets::public_key(&key).map_err(ticket_error)?;
    let ticket = baylink_tickets::verify(&public, event_id, &scan.ticket).map_err(ticket_error)?;
    do_check_in(&s, lang, event_id, ticket.registration_id).await
}

/// Checks someone in found by name (staff).
#[utoipa::path(post, path = "/api/v1/events/{id}/registrations/{rid}/check-in", tag = "events", params(("id" = i64, Path), ("rid" = i64, Path)),
    responses((status = 200, body = CheckInResult), (status = 409, body = crate::error::ApiError)))]
pub async fn check_in_by_id(
    State(s): State<AppState>,
    MaybeAuth(a): MaybeAuth,
    headers: HeaderMap,
    Path((id, rid)): Path<(String, String)>,
    Query(q): Query<HashMap<String, String>>,
) -> Result<Json<CheckInResult>, WebError> {
    let event_id = path_id(&id)?;
    require_event(a.as_ref(), event_id)?;
    let lang = api_locale_from(&headers, q.get("lang").map(String::as_str));
    do_check_in(&s, lang, event_id, path_id(&rid)?).await
}

/// Hands a registration's place to someone else on its holder's request (staff and the
/// event's managers), as the holder would, and also where the organiser approved or
/// invited the holder by name or turned holders' own transfers off. Answers the new
/// registration; its holder gets their link by mail.
#[utoipa::path(post, path = "/api/v1/events/{id}/registrations/{rid}/transfer", tag = "events", params(("id" = i64, Path), ("rid" = i64, Path)),
    request_body = crate::views::transfers::Substitute,
    responses((status = 201, body = RegistrationView), (status = 404, body = crate::error::ApiError),
              (status = 409, body = crate::error::ApiError), (status = 422, body = crate::error::ApiError)))]
pub async fn transfer_for_holder(
    State(s): State<AppState>,
    MaybeAuth(a): MaybeAuth,
    headers: HeaderMap,
    Path((id, rid)): Path<(String, String)>,
    Query(q): Query<HashMap<String, String>>,
    ApiJson(substitute): ApiJson<crate::views::transfers::Substitute>,
) -> Result<Response, WebError> {
    let (event, reg) = crate::views::event_registration(&s, a.as_ref(), &id, &rid).await?;
    let lang = api_locale_from(&headers, q.get("lang").map(String::as_str));
    let actor = crate::views::directory::actor(a.as_ref().ok_or(WebError::Unauthorized)?);
    let new = substitute
        .take_place(&s, Some(&actor), &event, &reg, lang)
        .await?;
    Ok((StatusCode::CREATED, Json(view(lang, new))).into_response())
}

/// A participant's own registration, by the secret in their link.
#[utoipa::path(get, path = "/api/v1/registrations/{token}", tag = "events", params(("token" = String, Path)),
    responses((status = 200, body = RegistrationView), (status = 404, body = crate::error::ApiError)))]
pub async fn own_registration(
    State(s): State<AppState>,
    headers: HeaderMap,
    Path(token): Path<String>,
) -> Result<Json<RegistrationView>, WebError> {
    let lang = api_locale_from(&headers, None);
    let reg = s.store.registration_by_token(&token).await?;
    let waiting_position = s.store.waiting_position(reg.id).await?;
    Ok(Json(RegistrationView {
        waiting_position,
        ..view(lang, reg)
    }))
}

/// Everything the platform holds about a registration, for its holder (the "copy of my
/// data" the privacy laws of the three places give them): the registration, its places
/// in sessions, its matchmaking requests either way (with messages and outcomes) and the
/// slots it marked as away.
#[derive(Debug, Serialize, ToSchema)]
pub struct RegistrationData {
    pub registration: Registration,
    pub sessions: Vec<baylink_store::SessionRegistration>,
    /// Their answers to the event's own questions (the questions are in the event's
    /// programme, `GET /api/v1/events/{id}`).
    pub answers: Vec<baylink_store::Answer>,
    pub meeting_requests: Vec<baylink_store::MeetingRequest>,
    /// Their comments on meetings.
    pub meeting_feedback: Vec<baylink_store::MeetingFeedback>,
    /// The messages they wrote to the other sides of their requests.
    pub meeting_messages: Vec<baylink_store::MeetingMessage>,
    /// What they say of themselves for matchmaking.
    pub matchmaking_profile: Option<baylink_store::MatchmakingProfile>,
    /// Ids of the matchmaking slots marked as away.
    pub away_slots: Vec<i64>,
    /// Their online room, where they take part from afar.
    pub online_room: Option<baylink_store::MeetingTable>,
    /// The registrations of those they asked not to be suggested ("not for me").
    pub passed: Vec<i64>,
    /// The moves they made in the cooperation after their meetings, with their notes.
    pub cooperation_steps: Vec<baylink_store::CooperationStep>,
    /// Their feedback on the event, if given.
    pub event_feedback: Option<baylink_store::EventFeedback>,
    /// When the organiser's retention period ends and this personal data is erased (Unix
    /// seconds; the answers to a question with a period of its own may go sooner); none
    /// when it is kept until erased on request.
    pub kept_until: Option<i64>,
}

/// A copy of everything held about one's own registration, by the secret in the link.
#[utoipa::path(get, path = "/api/v1/registrations/{token}/data", tag = "events", params(("token" = String, Path)),
    responses((status = 200, body = RegistrationData), (status = 404, body = crate::error::ApiError)))]
pub async fn own_data(
    State(s): State<AppState>,
    Path(token): Path<String>,
) -> Result<Response, WebError> {
    let registration = s.store.registration_by_token(&token).await?;
    let meeting_requests: Vec<baylink_store::MeetingRequest> = s
        .store
        .meeting_requests(registration.event_id)
        .await?
        .into_iter()
        .filter(|r| r.from_reg == registration.id || r.to_reg == registration.id)
        .collect();
    let meeting_feedback = s
        .store
        .meeting_feedback(registration.event_id)
        .await?
        .into_iter()
        .filter(|f| f.registration_id == registration.id)
        .collect();
    let matchmaking_profile = s
        .store
        .matchmaking_profiles(registration.event_id)
        .await?
        .into_iter()
        .find(|p| p.registration_id == registration.id);
    let away_slots = s
        .store
        .unavailability(registration.event_id)
        .await?
        .into_iter()
        .filter(|(reg, _)| *reg == registration.id)
        .map(|(_, slot)| slot)
        .collect();
    let online_room = s
        .store
        .meeting_tables(registration.event_id)
        .await?
        .into_iter()
        .find(|t| t.link.is_some() && t.reserved_for == Some(registration.id));
    let mut meeting_messages = Vec::new();
    for r in &meeting_requests {
        meeting_messages.extend(
            s.store
                .meeting_messages(r.id)
                .await?
                .into_iter()
                .filter(|m| m.author_reg == registration.id),
        );
    }
    let mut cooperation_steps = Vec::new();
    for coop in s.store.cooperations(registration.event_id).await? {
        let ours = meeting_requests.iter().any(|r| r.id == coop.request_id);
        if ours {
            cooperation_steps.extend(
                s.store
                    .cooperation_steps(coop.request_id)
                    .await?
                    .into_iter()
                    .filter(|st| st.by_reg == Some(registration.id)),
            );
        }
    }
    let event = s.store.get_event(registration.event_id).await?;
    let kept_until = event
        .retention_days
        .map(|days| baylink_store::retained_until(event.ends_at, days));
    let data = RegistrationData {
        event_feedback: s.store.feedback_of(registration.id).await?,
        kept_until,
        cooperation_steps,
        online_room,
        passed: s.store.passes(registration.id).await?,
        sessions: s.store.session_registrations(registration.id).await?,
        answers: s.store.answers_of(registration.id).await?,
        registration,
        meeting_requests,
        meeting_feedback,
        meeting_messages,
        matchmaking_profile,
        away_slots,
    };
    let name = format!("registration-{}.json", data.registration.id);
    let mut r = Json(data).into_response();
    // Downloaded as a file, and kept out of shared caches: it holds personal data.
    if let Ok(v) = header::HeaderValue::from_str(&format!("attachment; filename=\"{name}\"")) {
        r.headers_mut().insert(header::CONTENT_DISPOSITION, v);
    }
    Ok(crate::views::private(r))
}

/// Corrects one's own registration's details, by the secret in the link: fields left out
/// stay, empty ones are cleared, those the event requires stay required. The address,
/// seat, ticket and sessions stay as they are; a cancelled, declined or erased
/// registration is refused (409, `err-registration-not-correctable`).
#[utoipa::path(patch, path = "/api/v1/registrations/{token}", tag = "events", params(("token" = String, Path)),
    request_body = crate::views::corrections::Details,
    responses((status = 200, body = RegistrationView), (status = 404, body = crate::error::ApiError),
              (status = 409, body = crate::error::ApiError), (status = 422, body = crate::error::ApiError)))]
pub async fn correct_own(
    State(s): State<AppState>,
    headers: HeaderMap,
    Path(token): Path<String>,
    Query(q): Query<HashMap<String, String>>,
    ApiJson(details): ApiJson<crate::views::corrections::Details>,
) -> Result<Response, WebError> {
    let lang = api_locale_from(&headers, q.get("lang").map(String::as_str));
    let reg = s.store.registration_by_token(&token).await?;
    let d = crate::views::corrections::corrected(&reg, &details, false, lang)?;
    let after = s
        .store
        .correct_registration(None, reg.id, &d, baylink_store::sql::now())
        .await?;
    let r = Json(view(lang, after)).into_response();
    Ok(crate::views::private(r))
}

/// Hands one's own place to someone else (換人出席), by the secret in the link: a new
/// registration for them takes the seat, the forums' seats and the place on the waiting
/// list as they are; they get their own ticket and link by mail (not in this answer), and
/// this registration is cancelled without promoting anyone. The place's 1:1 meetings and
/// requests go with it to someone of the same organisation, the other sides told; for
/// anyone else they are cancelled. Refused once checked in
/// (`err-transfer-checked-in`), once the event has started (`err-transfer-too-late`), and
/// for a place the organiser approved or invited by name (`err-transfer-organiser-only`:
/// the organiser hands those on). Answers the new registration.
#[utoipa::path(post, path = "/api/v1/registrations/{token}/transfer", tag = "events", params(("token" = String, Path)),
    request_body = crate::views::transfers::Substitute,
    responses((status = 201, body = RegistrationView), (status = 404, body = crate::error::ApiError),
              (status = 409, body = crate::error::ApiError), (status = 422, body = crate::error::ApiError)))]
pub async fn transfer_own(
    State(s): State<AppState>,
    headers: HeaderMap,
    Path(token): Path<String>,
    Query(q): Query<HashMap<String, String>>,
    ApiJson(substitute): ApiJson<crate::views::transfers::Substitute>,
) -> Result<Response, WebError> {
    let lang = api_locale_from(&headers, q.get("lang").map(String::as_str));
    let reg = s.store.registration_by_token(&token).await?;
    let event = s.store.get_event(reg.event_id).await?;
    let new = substitute.take_place(&s, None, &event, &reg, lang).await?;
    let r = (StatusCode::CREATED, Json(view(lang, new))).into_response();
    Ok(crate::views::private(r))
}

/// One's own feedback on the event, if given (`null` otherwise).
#[utoipa::path(get, path = "/api/v1/registrations/{token}/feedback", tag = "events", params(("token" = String, Path)),
    responses((status = 200, body = Option<baylink_store::EventFeedback>), (status = 404, body = crate::error::ApiError)))]
pub async fn own_feedback(
    State(s): State<AppState>,
    Path(token): Path<String>,
) -> Result<Response, WebError> {
    let reg = s.store.registration_by_token(&token).await?;
    let r = Json(s.store.feedback_of(reg.id).await?).into_response();
    Ok(crate::views::private(r))
}

/// Gives (or changes) one's feedback on the event, once its organiser asked for it
/// (409 `err-feedback-not-asked`) and until 30 days after it (409 `err-feedback-closed`):
/// a rating from 1 to 5 and, if one likes, what was most useful and what to change.
#[utoipa::path(put, path = "/api/v1/registrations/{token}/feedback", tag = "events", params(("token" = String, Path)),
    request_body = baylink_store::FeedbackInput,
    responses((status = 200, body = baylink_store::EventFeedback), (status = 409, body = crate::error::ApiError),
              (status = 422, body = crate::error::ApiError)))]
pub async fn give_feedback(
    State(s): State<AppState>,
    headers: HeaderMap,
    Path(token): Path<String>,
    ApiJson(input): ApiJson<baylink_store::FeedbackInput>,
) -> Result<Response, WebError> {
    let reg = s.store.registration_by_token(&token).await?;
    let d = input.validate(crate::api::directory::author_script(&headers))?;
    let kept = s
        .store
        .give_feedback(reg.id, &d, baylink_store::sql::now())
        .await?;
    let r = Json(kept).into_response();
    Ok(crate::views::private(r))
}

/// An event's feedback and its tally, for its organisers (staff and its managers).
#[derive(Debug, Serialize, ToSchema)]
pub struct FeedbackReport {
    pub tally: baylink_store::FeedbackTally,
    /// Each rated session (parallel forum), in the programme's order.
    pub sessions: Vec<baylink_store::SessionTally>,
    /// Newest first; the texts as written, with their script.
    pub feedback: Vec<baylink_store::EventFeedback>,
}

/// An event's feedback, for staff and the event's managers.
#[utoipa::path(get, path = "/api/v1/events/{id}/feedback", tag = "events", params(("id" = i64, Path)),
    responses((status = 200, body = FeedbackReport), (status = 403, body = crate::error::ApiError)))]
pub async fn event_feedback(
    State(s): State<AppState>,
    MaybeAuth(a): MaybeAuth,
    Path(id): Path<String>,
) -> Result<Json<FeedbackReport>, WebError> {
    let id = path_id(&id)?;
    require_event(a.as_ref(), id)?;
    s.store.get_event(id).await?;
    let feedback = s.store.event_feedback(id).await?;
    Ok(Json(FeedbackReport {
        sessions: s.store.session_feedback(id).await?,
        tally: baylink_store::FeedbackTally::of(&feedback),
        feedback,
    }))
}

/// How many were asked for feedback by one request.
#[derive(Debug, Serialize, ToSchema)]
pub struct FeedbackAsked {
    pub asked: u64,
}

/// Asks the event's participants for feedback once it is over (staff and the event's
/// managers): one mail each to those with a seat (those checked in, where the door
/// checked in anyone), never twice; 409 `err-feedback-too-early` before its end.
#[utoipa::path(post, path = "/api/v1/events/{id}/feedback/ask", tag = "events", params(("id" = i64, Path)),
    responses((status = 200, body = FeedbackAsked), (status = 409, body = crate::error::ApiError)))]
pub async fn ask_for_feedback(
    State(s): State<AppState>,
    MaybeAuth(a): MaybeAuth,
    Path(id): Path<String>,
) -> Result<Json<FeedbackAsked>, WebError> {
    let id = path_id(&id)?;
    let auth = require_event(a.as_ref(), id)?;
    let asked = s
        .store
        .ask_for_feedback(
            &crate::views::directory::actor(auth),
            id,
            baylink_store::sql::now(),
        )
        .await?;
    Ok(Json(FeedbackAsked { asked }))
}

/// An event's feedback as a sheet (CSV with a byte-order mark, or XLSX), for its
/// organisers: one row per reply, newest first, with its rating, the two texts in the
/// reader's script (`?lang=`) and when it was last changed; no names, as on the page.
pub async fn export_feedback<const XLSX: bool>(
    State(s): State<AppState>,
    MaybeAuth(a): MaybeAuth,
    headers: HeaderMap,
    Path(id): Path<String>,
    Query(q): Query<HashMap<String, String>>,
) -> Result<Response, WebError> {
    let id = path_id(&id)?;
    require_event(a.as_ref(), id)?;
    s.store.get_event(id).await?;
    let lang = api_locale_from(&headers, q.get("lang").map(String::as_str));
    let head = [
        "feedback-col-rating",
        "feedback-col-useful",
        "feedback-col-improve",
        "field-date",
    ]
    .map(|k| lang.t(k))
    .to_vec();
    let text = |t: &Option<String>, script: &str| {
        t.as_deref()
            .map(|t| lang.text(t, script).into_owned())
            .unwrap_or_default()
    };
    let rows: Vec<Vec<String>> = s
        .store
        .event_feedback(id)
        .await?
        .iter()
        .map(|f| {
            vec![
                f.rating.to_string(),
                text(&f.useful, &f.script),
                text(&f.improve, &f.script),
                crate::views::events::day(f.updated_at),
            ]
        })
        .collect();
    super::download(
        SheetFormat::new(XLSX),
        &format!("event-{id}-feedback"),
        &head,
        &rows,
    )
}

/// A move from one session to another, or into one more (`from` left out).
#[derive(Debug, Deserialize, ToSchema)]
pub struct SessionMove {
    pub from: Option<i64>,
    pub to: i64,
}

/// Moves one's own confirmed registration from one session (a parallel forum) to another,
/// or into one more, while the event is not over: the seat left goes to that room's
/// waiting list, the new room seats them or lists them. Answers with their sessions.
#[utoipa::path(post, path = "/api/v1/registrations/{token}/sessions", tag = "events", params(("token" = String, Path)),
    request_body = SessionMove,
    responses((status = 200, body = Vec<baylink_store::SessionRegistration>), (status = 404, body = crate::error::ApiError),
              (status = 409, body = crate::error::ApiError), (status = 422, body = crate::error::ApiError)))]
pub async fn change_own_session(
    State(s): State<AppState>,
    Path(token): Path<String>,
    ApiJson(m): ApiJson<SessionMove>,
) -> Result<Json<Vec<baylink_store::SessionRegistration>>, WebError> {
    let reg = s.store.registration_by_token(&token).await?;
    Ok(Json(
        crate::views::events::move_own_session(&s, &reg, m.from, m.to).await?,
    ))
}

/// Moves a colleague the signed-in representative entered from one session (a parallel
/// forum) to another, or into one more, while the event is not over, as the colleague
/// could themselves. Answers with their sessions.
#[utoipa::path(post, path = "/api/v1/events/{id}/delegation/{rid}/sessions", tag = "events",
    params(("id" = i64, Path), ("rid" = i64, Path, description = "The colleague's registration")),
    request_body = SessionMove,
    responses((status = 200, body = Vec<baylink_store::SessionRegistration>), (status = 404, body = crate::error::ApiError),
              (status = 409, body = crate::error::ApiError), (status = 422, body = crate::error::ApiError)))]
pub async fn move_delegate(
    State(s): State<AppState>,
    MaybeAuth(a): MaybeAuth,
    Path((id, rid)): Path<(String, String)>,
    ApiJson(m): ApiJson<SessionMove>,
) -> Result<Json<Vec<baylink_store::SessionRegistration>>, WebError> {
    let (event_id, rid) = (path_id(&id)?, path_id(&rid)?);
    Ok(Json(
        crate::views::delegations::move_delegated(&s, a.as_ref(), event_id, rid, m.from, m.to)
            .await?,
    ))
}

/// Cancels one's own registration; the seat goes to the next on the waiting list.
#[utoipa::path(delete, path = "/api/v1/registrations/{token}", tag = "events", params(("token" = String, Path)),
    responses((status = 200, body = RegistrationView), (status = 409, body = crate::error::ApiError)))]
pub async fn cancel_own(
    State(s): State<AppState>,
    headers: HeaderMap,
    Path(token): Path<String>,
) -> Result<Json<RegistrationView>, WebError> {
    let lang = api_locale_from(&headers, None);
    let reg = s.store.registration_by_token(&token).await?;
    Ok(Json(view(
        lang,
        s.store
            .cancel_registration(None, reg.id, baylink_store::sql::now())
            .await?,
    )))
}

/// The export's columns, in the reader's language.
fn export_rows(
    lang: Locale,
    regs: &[Registration],
    representatives: &HashMap<i64, String>,
    questions: &[baylink_store::RegistrationQuestion],
    answers: &[baylink_store::Answer],
) -> (Vec<String>, Vec<Vec<String>>) {
    let head: Vec<String> = [
        "field-your-name",
        "field-email",
        "field-organisation",
        "field-position",
        "field-region",
        "field-org-type",
        "field-phone",
        "field-dietary",
        "field-status",
        "checked-in",
        "delegation-entered-by",
    ]
    .iter()
    .map(|k| lang.t(k))
    // Then a column for each of the organiser's own questions.
    .chain(
        questions
            .iter()
            .map(|q| lang.text(&q.label, &q.label_script).into_owned()),
    )
    .collect();
    let given: HashMap<(i64, i64), &str> = answers
        .iter()
        .map(|a| ((a.registration_id, a.question_id), a.answer.as_str()))
        .collect();
    let rows = regs
        .iter()
        .map(|r| {
            let answer = |q: &baylink_store::RegistrationQuestion| {
                given
                    .get(&(r.id, q.id))
                    .map(|a| crate::views::questions::shown(lang, q, a))
                    .unwrap_or_default()
            };
            let mut row = vec![
                r.name.clone(),
                r.email.clone(),
                r.organisation.clone().unwrap_or_default(),
                r.position.clone().unwrap_or_default(),
                r.region
                    .as_deref()
                    .and_then(Region::parse)
                    .map(|x| lang.t(&x.label_key()))
                    .unwrap_or_default(),
                r.org_type
                    .as_deref()
                    .and_then(baylink_store::OrgType::parse)
                    .map(|x| lang.t(&x.label_key()))
                    .unwrap_or_default(),
                r.phone.clone().unwrap_or_default(),
                r.dietary.clone().unwrap_or_default(),
                lang.t(&r.status.label_key()),
                r.checked_in_at
                    .map(|t| {
                        format!(
                            "{} {}",
                            crate::views::events::day(t),
                            crate::views::events::clock(t)
                        )
                    })
                    .unwrap_or_default(),
                r.registered_by
                    .and_then(|u| representatives.get(&u).cloned())
                    .unwrap_or_default(),
            ];
            row.extend(questions.iter().map(answer));
            row
        })
        .collect();
    (head, rows)
}

async fn export_data(
    s: &AppState,
    a: Option<&crate::auth::Auth>,
    id: &str,
) -> Result<(Event, Vec<Registration>), WebError> {
    let id = path_id(id.trim_end_matches(".csv").trim_end_matches(".xlsx"))?;
    require_event(a, id)?;
    let event = s.store.get_event(id).await?;
    let regs = s
        .store
        .list_registrations(id, None, None, 10_000, 0)
        .await?
        .items;
    Ok((event, regs))
}

/// Participants as a spreadsheet (staff), in the language of `?lang=`: CSV with a UTF-8
/// BOM, so Excel shows the Chinese, or with `XLSX` an Excel workbook.
pub async fn export<const XLSX: bool>(
    State(s): State<AppState>,
    MaybeAuth(a): MaybeAuth,
    headers: HeaderMap,
    Path(id): Path<String>,
    Query(q): Query<HashMap<String, String>>,
) -> Result<Response, WebError> {
    let (event, regs) = export_data(&s, a.as_ref(), &id).await?;
    // Who entered each delegation, by name (a handful of accounts for a whole event).
    let mut representatives = HashMap::new();
    for by in regs.iter().filter_map(|r| r.registered_by) {
        if let std::collections::hash_map::Entry::Vacant(slot) = representatives.entry(by) {
            match s.store.get_user(by).await {
                Ok(user) => {
                    slot.insert(user.display_name);
                }
                Err(baylink_store::StoreError::NotFound) => {}
                Err(e) => return Err(e.into()),
            }
        }
    }
    let questions = s.store.questions(event.id).await?;
    let answers = if questions.is_empty() {
        Vec::new()
    } else {
        s.store.event_answers(event.id).await?
    };
    let (head, rows) = export_rows(
        api_locale_from(&headers, q.get("lang").map(String::as_str)),
        &regs,
        &representatives,
        &questions,
        &answers,
    );
    super::download(
        SheetFormat::new(XLSX),
        &format!("event-{}-participants", event.id),
        &head,
        &rows,
    )
}
