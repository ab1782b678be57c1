//! A parallel forum's room for those who run it: at the alliance's conference each forum
//! has its own organiser (承辦, a member organisation), who needs to know who comes to its
//! room, to print the sheet they sign at its door, and, afterwards, how the forum was
//! rated — and nothing else of the event. Its representatives have that here
//! ([`crate::auth::runs_session`]), as have those who manage the whole event.

use std::collections::{HashMap, HashSet};

use askama::Template;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::response::Response;
use axum::routing::get;
use baylink_store::{Event, EventSession, RegStatus, Registration, SessionTally};

use super::{Ctx, private, render};
use crate::AppState;
use crate::api::path_id as id;
use crate::auth::require_session;
use crate::error::WebError;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/events/{id}/sessions/{sid}/roster", get(roster))
        .route(
            "/events/{id}/sessions/{sid}/roster.csv",
            get(download::<false>),
        )
        .route(
            "/events/{id}/sessions/{sid}/roster.xlsx",
            get(download::<true>),
        )
}

/// Who has a seat in `session`'s room, by name in `order` (erased ones, who have no name,
/// left out), and how many wait for one.
pub(crate) async fn seated(
    s: &AppState,
    event: &Event,
    session: &EventSession,
    order: baylink_text::NameOrder,
) -> Result<(Vec<Registration>, i64), WebError> {
    let places: Vec<_> = s
        .store
        .event_session_registrations(event.id)
        .await?
        .into_iter()
        .filter(|x| x.session_id == session.id)
        .collect();
    let seated: HashSet<i64> = places
        .iter()
        .filter(|x| x.status == RegStatus::Confirmed)
        .map(|x| x.registration_id)
        .collect();
    let waiting = places
        .iter()
        .filter(|x| x.status == RegStatus::Waiting)
        .count() as i64;
    let mut rows: Vec<Registration> = s
        .store
        .list_registrations(event.id, None, Some(RegStatus::Confirmed), 10_000, 0)
        .await?
        .items
        .into_iter()
        .filter(|r| seated.contains(&r.id) && !r.is_erased())
        .collect();
    super::events::sort_by_name(&mut rows, order);
    Ok((rows, waiting))
}

/// The roster as a sheet for the room's door: name, organisation, position, when they
/// came, in the reader's script and order of names.
async fn download<const XLSX: bool>(
    State(s): State<AppState>,
    c: Ctx,
    Path((raw, sid)): Path<(String, String)>,
    Query(q): Query<HashMap<String, String>>,
) -> Result<Response, WebError> {
    let (event, session) = session_run_by(&s, &c, &raw, &sid).await?;
    let order = c.name_order(q.get("order").map(String::as_str).unwrap_or(""));
    let (rows, _) = seated(&s, &event, &session, order).await?;
    let head = [
        "field-your-name",
        "field-organisation",
        "field-position",
        "checked-in",
    ]
    .map(|k| c.t(k));
    let typed = |v: &Option<String>| v.as_deref().map(|v| c.typed(v)).unwrap_or_default();
    let rows: Vec<Vec<String>> = rows
        .iter()
        .map(|r| {
            vec![
                c.text(&r.name, &r.name_script),
                typed(&r.organisation),
                typed(&r.position),
                r.checked_in_at.map(|at| c.time(&at)).unwrap_or_default(),
            ]
        })
        .collect();
    let format = crate::sheets::SheetFormat::new(XLSX);
    crate::api::download(
        format,
        &format!("roster-{}-{}", event.id, session.id),
        &head,
        &rows,
    )
    .map(private)
}

#[derive(Template)]
#[template(path = "events/roster.html")]
struct RosterPage {
    c: Ctx,
    event: Event,
    session: EventSession,
    /// Those with a seat in the room, by name in the reader's order.
    rows: Vec<Registration>,
    /// How many wait for a seat in it.
    waiting: i64,
    /// How it was rated once the event was over, if anyone rated it.
    rating: Option<SessionTally>,
    order: &'static str,
}

impl RosterPage {
    /// How many of those with a seat came.
    fn came(&self) -> usize {
        self.rows
            .iter()
            .filter(|r| r.checked_in_at.is_some())
            .count()
    }

    fn average(&self) -> String {
        self.rating
            .as_ref()
            .map(|r| format!("{:.1}", r.average))
            .unwrap_or_default()
    }
}

/// The session `sid` of event `id` (another event's: 404), for those who run its room.
pub(crate) async fn session_run_by(
    s: &AppState,
    c: &Ctx,
    raw: &str,
    sid: &str,
) -> Result<(Event, EventSession), WebError> {
    let (event_id, sid) = (id(raw)?, id(sid)?);
    let p = s.store.programme(event_id).await?;
    let session = p
        .sessions
        .into_iter()
        .find(|x| x.id == sid)
        .ok_or(WebError::NotFound)?;
    require_session(c.auth.as_ref(), &session)?;
    Ok((p.event, session))
}

async fn roster(
    State(s): State<AppState>,
    c: Ctx,
    Path((raw, sid)): Path<(String, String)>,
    Query(q): Query<HashMap<String, String>>,
) -> Result<Response, WebError> {
    let (event, session) = session_run_by(&s, &c, &raw, &sid).await?;
    let order = c.name_order(q.get("order").map(String::as_str).unwrap_or(""));
    let (rows, waiting) = seated(&s, &event, &session, order).await?;
    let rating = s
        .store
        .session_feedback(event.id)
        .await?
        .into_iter()
        .find(|t| t.session_id == session.id);
    render(&RosterPage {
        c,
        event,
        session,
        rows,
        waiting,
        rating,
        order: order.code(),
    })
    .map(private)
}
