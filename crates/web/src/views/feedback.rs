//! Feedback on an event after it (活動回饋): the organiser asks those who came, once the
//! event is over; each answers through the link in their mail (their registration's
//! secret), rating it from 1 to 5 and saying, if they like, what was most useful and what
//! to change; the organiser reads the tally and the words, each in the reader's script.
//!
//! Why the organiser asks rather than every event mailing by itself: a seminar of the
//! series may not want to, and the conference asks once its reports are in. Why by the
//! registration's link: the participants of most events have no account.

use askama::Template;
use axum::Router;
use axum::extract::{Path, State};
use axum::response::Response;
use axum::routing::{get, post};
use baylink_store::{
    Event, EventFeedback, EventSession, FeedbackInput, FeedbackTally, RegStatus, Registration,
    SessionRating, SessionTally,
};

use super::directory::actor;
use super::{Ctx, FormData, FormState, form_errors, private, render, render_invalid, see};
use crate::AppState;
use crate::api::path_id as id;
use crate::auth::require_event;
use crate::error::WebError;

pub fn router() -> Router<AppState> {
    Router::new()
        .route(
            "/registrations/{token}/feedback",
            get(holder_form).post(holder_give),
        )
        .route("/events/{id}/feedback", get(staff_page))
        .route("/events/{id}/feedback/ask", post(ask))
        .route("/events/{id}/feedback/remind", post(remind))
}

/// Whether `reg` may give feedback on `event` at `now`: asked, holding a seat, not
/// erased, and within [`baylink_store::FEEDBACK_DAYS`] of the event's end.
pub fn open_for(event: &Event, reg: &Registration, now: i64) -> bool {
    event.feedback_asked_at.is_some()
        && reg.status == RegStatus::Confirmed
        && !reg.is_erased()
        && now <= closes_at(event)
}

/// When the form closes (Unix seconds).
pub fn closes_at(event: &Event) -> i64 {
    event.ends_at + baylink_store::FEEDBACK_DAYS * 86_400
}

#[derive(Template)]
#[template(path = "events/feedback_form.html")]
struct FeedbackForm {
    c: Ctx,
    event: Event,
    token: String,
    f: FormState,
    /// What they gave before, if anything.
    given: Option<EventFeedback>,
    /// The form takes it: asked, with a seat, not closed.
    open: bool,
    saved: bool,
    /// The sessions (parallel forums) they held a seat in, each rated on its own, where
    /// the event has more than one.
    sessions: Vec<EventSession>,
}

impl FeedbackForm {
    /// The last day the form takes it, for the reader.
    fn until(&self) -> String {
        self.c.day(&closes_at(&self.event))
    }

    fn session_field(&self, session: &EventSession) -> String {
        format!("session_{}", session.id)
    }

    fn ratings(&self) -> Vec<(String, String)> {
        (1..=5)
            .map(|n| (n.to_string(), self.c.t(&format!("feedback-rating-{n}"))))
            .collect()
    }
}

async fn holder_page(
    s: &AppState,
    c: Ctx,
    token: &str,
    f: Option<FormState>,
    saved: bool,
) -> Result<(FeedbackForm, Registration), WebError> {
    let reg = s.store.registration_by_token(token).await?;
    let event = s.store.get_event(reg.event_id).await?;
    let given = s.store.feedback_of(reg.id).await?;
    let sessions = rated_sessions(s, &reg).await?;
    let session_ratings = if given.is_some() {
        s.store.session_ratings_of(reg.id).await?
    } else {
        Vec::new()
    };
    let f = f.unwrap_or_else(|| {
        let mut f = FormState::default();
        for x in &session_ratings {
            f.values
                .insert(format!("session_{}", x.session_id), x.rating.to_string());
        }
        if let Some(g) = &given {
            f.values.insert("rating".into(), g.rating.to_string());
            for (k, v) in [("useful", &g.useful), ("improve", &g.improve)] {
                if let Some(v) = v {
                    f.values.insert(k.into(), v.clone());
                }
            }
        }
        f
    });
    let open = open_for(&event, &reg, baylink_store::sql::now());
    Ok((
        FeedbackForm {
            c,
            event,
            token: token.to_owned(),
            f,
            given,
            open,
            saved,
            sessions,
        },
        reg,
    ))
}

/// The sessions `reg` may rate: those of its event it held a seat in, where the event
/// has more than one (a single session is the event itself).
async fn rated_sessions(s: &AppState, reg: &Registration) -> Result<Vec<EventSession>, WebError> {
    let p = s.store.programme(reg.event_id).await?;
    if p.sessions.len() < 2 {
        return Ok(Vec::new());
    }
    let held: Vec<i64> = s
        .store
        .session_registrations(reg.id)
        .await?
        .into_iter()
        .filter(|x| x.status == RegStatus::Confirmed)
        .map(|x| x.session_id)
        .collect();
    Ok(p.sessions
        .into_iter()
        .filter(|x| held.contains(&x.id))
        .collect())
}

async fn holder_form(
    State(s): State<AppState>,
    c: Ctx,
    Path(token): Path<String>,
    axum::extract::Query(q): axum::extract::Query<std::collections::HashMap<String, String>>,
) -> Result<Response, WebError> {
    let (page, _) = holder_page(&s, c, &token, None, q.contains_key("saved")).await?;
    render(&page).map(private)
}

async fn holder_give(
    State(s): State<AppState>,
    c: Ctx,
    Path(token): Path<String>,
    form: FormData,
) -> Result<Response, WebError> {
    let reg = s.store.registration_by_token(&token).await?;
    let mut errors = Vec::new();
    let sessions = rated_sessions(&s, &reg)
        .await?
        .iter()
        .filter_map(|x| {
            form.int::<i64>(&format!("session_{}", x.id), &mut errors)
                .map(|rating| SessionRating {
                    session_id: x.id,
                    rating,
                })
        })
        .collect();
    let input = FeedbackInput {
        rating: form.int("rating", &mut errors).unwrap_or(0),
        useful: Some(form.get("useful").to_owned()),
        improve: Some(form.get("improve").to_owned()),
        sessions,
    };
    let result = match input.validate(c.lang.script()) {
        Ok(d) if errors.is_empty() => s
            .store
            .give_feedback(reg.id, &d, baylink_store::sql::now())
            .await
            .map(|_| ()),
        Ok(_) => Err(baylink_store::StoreError::Invalid(errors)),
        Err(baylink_store::StoreError::Invalid(mut more)) => {
            errors.append(&mut more);
            Err(baylink_store::StoreError::Invalid(errors))
        }
        Err(e) => Err(e),
    };
    match result {
        Ok(()) => Ok(private(see(
            c.href(&format!("/registrations/{token}/feedback?saved=1"))
        ))),
        Err(e) => {
            let (errors, status) = form_errors(e)?;
            let f = FormState::with_errors(form, c.lang, &errors);
            let (page, _) = holder_page(&s, c, &token, Some(f), false).await?;
            render_invalid(&page, status).map(private)
        }
    }
}

#[derive(Template)]
#[template(path = "events/feedback.html")]
struct StaffPage {
    c: Ctx,
    event: Event,
    tally: FeedbackTally,
    feedback: Vec<EventFeedback>,
    /// Each rated session with its tally, in the programme's order.
    sessions: Vec<(EventSession, SessionTally)>,
    /// How many the last press of the button asked (after a redirect).
    asked: Option<i64>,
    /// How many the last press of the reminder's button reminded.
    reminded: Option<i64>,
    /// The form has closed: nobody may be asked or reminded any more.
    closed: bool,
    over: bool,
    f: FormState,
}

impl StaffPage {
    fn average(&self) -> String {
        self.tally
            .average
            .map(|a| format!("{a:.1}"))
            .unwrap_or_default()
    }

    /// The bar of rating `n` (1 to 5) as a share of the longest, for the chart.
    fn bar(&self, n: &usize) -> i64 {
        let most = self.tally.by_rating.iter().copied().max().unwrap_or(0);
        let count = self.tally.by_rating.get(n - 1).copied().unwrap_or(0);
        if most == 0 { 0 } else { count * 100 / most }
    }

    fn session_average(&self, t: &SessionTally) -> String {
        format!("{:.1}", t.average)
    }

    fn count(&self, n: &usize) -> i64 {
        self.tally.by_rating.get(n - 1).copied().unwrap_or(0)
    }
}

async fn staff_view(
    s: &AppState,
    c: Ctx,
    event_id: i64,
    asked: Option<i64>,
    f: FormState,
) -> Result<StaffPage, WebError> {
    require_event(c.auth.as_ref(), event_id)?;
    let event = s.store.get_event(event_id).await?;
    let feedback = s.store.event_feedback(event_id).await?;
    let programme = s.store.programme(event_id).await?;
    let sessions = s
        .store
        .session_feedback(event_id)
        .await?
        .into_iter()
        .filter_map(|t| {
            programme
                .sessions
                .iter()
                .find(|x| x.id == t.session_id)
                .map(|x| (x.clone(), t))
        })
        .collect();
    let now = baylink_store::sql::now();
    let over = event.ends_at <= now;
    let closed = now > closes_at(&event);
    Ok(StaffPage {
        c,
        tally: FeedbackTally::of(&feedback),
        feedback,
        sessions,
        event,
        asked,
        reminded: None,
        over,
        closed,
        f,
    })
}

async fn staff_page(
    State(s): State<AppState>,
    c: Ctx,
    Path(raw): Path<String>,
    axum::extract::Query(q): axum::extract::Query<std::collections::HashMap<String, String>>,
) -> Result<Response, WebError> {
    let asked = q.get("asked").and_then(|v| v.parse().ok());
    let mut page = staff_view(&s, c, id(&raw)?, asked, FormState::default()).await?;
    page.reminded = q.get("reminded").and_then(|v| v.parse().ok());
    render(&page)
}

async fn ask(
    State(s): State<AppState>,
    c: Ctx,
    Path(raw): Path<String>,
    form: FormData,
) -> Result<Response, WebError> {
    act(s, c, raw, form, false).await
}

/// Reminds those asked who have not answered, once each.
async fn remind(
    State(s): State<AppState>,
    c: Ctx,
    Path(raw): Path<String>,
    form: FormData,
) -> Result<Response, WebError> {
    act(s, c, raw, form, true).await
}

/// Asks, or reminds, then shows how many were written to.
async fn act(
    s: AppState,
    c: Ctx,
    raw: String,
    form: FormData,
    reminder: bool,
) -> Result<Response, WebError> {
    let event_id = id(&raw)?;
    let auth = require_event(c.auth.as_ref(), event_id)?;
    let now = baylink_store::sql::now();
    let done = if reminder {
        s.store.remind_feedback(&actor(auth), event_id, now).await
    } else {
        s.store.ask_for_feedback(&actor(auth), event_id, now).await
    };
    let key = if reminder { "reminded" } else { "asked" };
    match done {
        Ok(n) => Ok(see(
            c.href(&format!("/events/{event_id}/feedback?{key}={n}"))
        )),
        Err(e) => {
            let (errors, status) = form_errors(e)?;
            let f = FormState::with_errors(form, c.lang, &errors);
            let page = staff_view(&s, c, event_id, None, f).await?;
            render_invalid(&page, status)
        }
    }
}
