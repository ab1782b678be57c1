//! The conversation of a meeting request between its two sides, at
//! `/{lang}/registrations/{token}/matchmaking/requests/{id}/messages`: each message in
//! the reader's script with who wrote it and when, and a form to write while the request
//! is open. Reading the page marks what the other side wrote as read, so its mail is not
//! sent. Why and what the store keeps: [`baylink_store::meeting_messages`].

use askama::Template;
use axum::Router;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use baylink_store::{MeetingRequest, RequestStatus, StoreError};

use super::{Ctx, FormData, FormState, private, render, render_invalid, see};
use crate::AppState;
use crate::api::path_id as id;
use crate::error::WebError;

pub fn router() -> Router<AppState> {
    Router::new().route(
        "/registrations/{token}/matchmaking/requests/{rid}/messages",
        axum::routing::get(page).post(send),
    )
}

/// One message as the reader sees it.
struct Line {
    /// Written by the reader's side.
    mine: bool,
    who: String,
    when: String,
    /// In the reader's script, as safe HTML.
    body: String,
}

#[derive(Template)]
#[template(path = "events/meeting_messages.html")]
struct MessagesPage {
    c: Ctx,
    token: String,
    request_id: i64,
    /// The other side, with their organisation.
    with: String,
    /// Where the request stands.
    status: String,
    lines: Vec<Line>,
    /// The request takes messages (pending or accepted).
    open: bool,
    f: FormState,
}

/// The request `rid` of the participant behind `token`, with the page as it stands.
async fn build(
    s: &AppState,
    c: Ctx,
    token: &str,
    rid: &str,
    f: FormState,
) -> Result<(MessagesPage, i64, MeetingRequest), WebError> {
    let (reg, _) = super::matchmaking::participant(s, token).await?;
    let rid = id(rid)?;
    let request = s.store.meeting_request(rid).await?;
    if request.from_reg != reg.id && request.to_reg != reg.id {
        return Err(WebError::NotFound);
    }
    let other = s.store.get_registration(request.other_side(reg.id)).await?;
    let mine_by_requester = request.from_reg == reg.id;
    let mut names: std::collections::HashMap<i64, String> = std::collections::HashMap::new();
    let mut lines = Vec::new();
    for m in s.store.meeting_messages(request.id).await? {
        let who = match names.entry(m.author_reg) {
            std::collections::hash_map::Entry::Occupied(e) => e.get().clone(),
            std::collections::hash_map::Entry::Vacant(e) => {
                let author = s.store.get_registration(m.author_reg).await?;
                e.insert(c.text(&author.name, &author.name_script)).clone()
            }
        };
        let body = if m.body.is_empty() {
            // Its author's data was erased.
            super::escape_html(&c.t("mm-message-erased"))
        } else {
            c.prose(&m.body, &m.body_script)
        };
        lines.push(Line {
            mine: m.by_requester == mine_by_requester,
            who,
            when: c.time(&m.created_at),
            body,
        });
    }
    let with = super::matchmaking::names_with_organisations(&c, std::slice::from_ref(&other))
        .remove(&other.id)
        .unwrap_or_default();
    let open = matches!(
        request.status,
        RequestStatus::Pending | RequestStatus::Accepted
    );
    let status = c.t(&request.status.label_key());
    let page = MessagesPage {
        c,
        token: token.to_owned(),
        request_id: request.id,
        with,
        status,
        lines,
        open,
        f,
    };
    Ok((page, reg.id, request))
}

async fn page(
    State(s): State<AppState>,
    c: Ctx,
    Path((token, rid)): Path<(String, String)>,
) -> Result<Response, WebError> {
    let (page, reader, request) = build(&s, c, &token, &rid, FormState::default()).await?;
    s.store
        .read_meeting_messages(request.id, reader, baylink_store::sql::now())
        .await?;
    // A conversation behind a secret link: no cache keeps it.
    Ok(private(render(&page)?))
}

/// Writes `body` from the reader's side; refused, the page says why and keeps the text.
async fn send(
    State(s): State<AppState>,
    c: Ctx,
    Path((token, rid)): Path<(String, String)>,
    form: FormData,
) -> Result<Response, WebError> {
    let (reg, _) = super::matchmaking::participant(&s, &token).await?;
    let rid = id(&rid)?;
    let now = baylink_store::sql::now();
    let written = match baylink_store::matchmaking::message_body(form.get("body")) {
        Ok((body, script)) => {
            s.store
                .send_meeting_message(rid, reg.id, &body, script.code(), now)
                .await
        }
        Err(errors) => Err(StoreError::Invalid(errors)),
    };
    let errors = match written {
        Ok(_) => {
            // What the other side wrote before is read now too.
            s.store.read_meeting_messages(rid, reg.id, now).await?;
            let to = format!("/registrations/{token}/matchmaking/requests/{rid}/messages#end");
            return Ok(see(c.href(&to)));
        }
        Err(StoreError::Invalid(errors)) => errors,
        Err(StoreError::Conflict(code)) => {
            vec![baylink_store::FieldError::new("body", code)]
        }
        Err(e) => return Err(e.into()),
    };
    let lang = c.lang;
    let f = FormState::with_errors(form, lang, &errors);
    let (page, _, _) = build(&s, c, &token, &rid.to_string(), f).await?;
    Ok(private(render_invalid(
        &page,
        StatusCode::UNPROCESSABLE_ENTITY,
    )?))
}
