//! Event pages: the list, an event's page with its timetable, calendar feeds, the
//! registration form, a participant's own page with the ticket, and the door's check-in.

use std::collections::HashMap;

use askama::Template;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use baylink_store::{
    Appearance, Channel, Event, EventFilter, EventKind, EventRole, EventSeries, EventSession, Page,
    Programme, ProgrammeItem, RegStatus, Region, Registration, RegistrationInput, StoreError,
};

use super::directory::actor;
use super::{Ctx, FormData, FormState, form_errors, render, render_invalid, see};
use crate::AppState;
use crate::auth::require_event;
use crate::error::WebError;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/events", get(event_list))
        .route("/events/calendar.ics", get(events_ics))
        .route("/events/{id}", get(event_page))
        .route("/events/{id}/calendar.ics", get(event_ics))
        .route("/series/{id}/calendar.ics", get(series_ics))
        .route("/events/{id}/register", get(register_form).post(register))
        .route("/registrations/find", get(find_form).post(find_links))
        .route("/registrations/mine", get(my_registrations))
        .route("/registrations/{token}", get(registration_page))
        .route("/registrations/{token}/cancel", post(cancel))
        .route("/registrations/{token}/sessions", post(change_session))
        .route("/registrations/{token}/erase", post(erase))
        .route("/events/{id}/registrations", get(registrations))
        .route("/events/{id}/registrations/{rid}/decide", post(decide))
        .route(
            "/events/{id}/registrations/{rid}/cancel",
            post(staff_cancel),
        )
        .route("/events/{id}/registrations/{rid}/move", post(staff_move))
        .route("/events/{id}/registrations/{rid}/erase", post(staff_erase))
        .route("/events/{id}/check-in", get(check_in_page))
        .route("/events/{id}/announce", post(announce))
        .route("/events/{id}/invite", post(invite))
        .route("/events/{id}/invitees", post(upload_invitees))
        .route(
            "/invitations/{token}",
            get(invitation_form).post(accept_invitation),
        )
        .route("/events/{id}/badges", get(badges))
        .route("/events/{id}/sign-in-sheet", get(sign_in_sheet))
}

use crate::api::path_id as id;

/// Hong Kong time (UTC+8) for a Unix time.
pub(crate) fn hk(unix: i64) -> time::OffsetDateTime {
    let offset = time::UtcOffset::from_hms(8, 0, 0).unwrap_or(time::UtcOffset::UTC);
    time::OffsetDateTime::from_unix_timestamp(unix)
        .unwrap_or(time::OffsetDateTime::UNIX_EPOCH)
        .to_offset(offset)
}

/// `2024-12-09`.
pub fn day(unix: i64) -> String {
    let t = hk(unix);
    format!("{:04}-{:02}-{:02}", t.year(), t.month() as u8, t.day())
}

/// Today in Hong Kong, as the store compares expiry dates (`YYYY-MM-DD`).
pub fn today() -> String {
    day(baylink_store::sql::now())
}

/// `13:30`.
pub fn clock(unix: i64) -> String {
    let t = hk(unix);
    format!("{:02}:{:02}", t.hour(), t.minute())
}

impl Ctx {
    pub fn day(&self, unix: &i64) -> String {
        day(*unix)
    }

    /// What the event's retention period means for a registrant (`staff`: for its staff),
    /// with the day the personal data goes; none when it is kept until erased on request.
    pub fn retention_note(&self, event: &Event, staff: bool) -> Option<String> {
        let days = event.retention_days?;
        let until = baylink_store::retained_until(event.ends_at, days);
        let key = match (staff, until <= baylink_store::sql::now()) {
            (false, _) => "retention-note",
            (true, false) => "retention-note-staff",
            (true, true) => "retention-done-staff",
        };
        Some(
            self.lang
                .t_args(key, &[("date", day(until).into()), ("days", days.into())]),
        )
    }

    /// When the answers to `q` go, for the registrant answering it; none when they stay
    /// with the registration.
    pub fn answer_retention(&self, q: &baylink_store::RegistrationQuestion) -> Option<String> {
        q.retention_days.map(|days| {
            self.lang
                .t_args("answer-retention", &[("days", days.into())])
        })
    }

    pub fn clock(&self, unix: &i64) -> String {
        clock(*unix)
    }

    pub fn event_kind(&self, k: &EventKind) -> String {
        self.t(&k.label_key())
    }

    pub fn event_role(&self, r: &EventRole) -> String {
        self.t(&r.label_key())
    }

    /// Every registration status, as (code, label), for a filter.
    pub fn reg_statuses(&self) -> Vec<(&'static str, String)> {
        RegStatus::ALL
            .iter()
            .map(|x| (x.code(), self.t(&x.label_key())))
            .collect()
    }

    pub fn reg_status(&self, s: &RegStatus) -> String {
        self.t(&s.label_key())
    }

    pub fn opt_name(
        &self,
        name: &Option<String>,
        script: &Option<String>,
        en: &Option<String>,
    ) -> String {
        match name {
            Some(n) => self.name(n, script.as_deref().unwrap_or("zh-Hant"), en),
            None => String::new(),
        }
    }
}

const PAGE: i64 = 30;

#[derive(Template)]
#[template(path = "events/list.html")]
struct ListPage {
    c: Ctx,
    page: Page<Event>,
    series: Vec<EventSeries>,
    q: HashMap<String, String>,
    years: Vec<i32>,
    when: String,
    orgs: Vec<(i64, String)>,
}

impl ListPage {
    /// The list's filters for its calendar feed: the known keys, their values encoded.
    fn calendar_query(&self) -> String {
        let pairs: Vec<(&str, &str)> = ["q", "year", "kind", "series", "region", "org", "when"]
            .iter()
            .filter_map(|k| {
                let v = self.q.get(*k)?.trim();
                (!v.is_empty()).then_some((*k, v))
            })
            .collect();
        serde_urlencoded::to_string(pairs).unwrap_or_default()
    }

    fn is(&self, key: &str, value: &str) -> bool {
        self.q.get(key).map(String::as_str).unwrap_or("") == value
    }
}

/// The events list's filters (`q`, `year`, `kind`, `series`, `region`, `org`, `when`) as
/// the store takes them, a page of `limit` from `offset`.
fn event_filter(q: &HashMap<String, String>, now: i64, limit: i64) -> EventFilter {
    let get = |k: &str| q.get(k).map(String::as_str).unwrap_or("").trim();
    EventFilter {
        q: Some(get("q").to_owned()).filter(|v| !v.is_empty()),
        year: get("year").parse().ok(),
        kind: EventKind::parse(get("kind")),
        series_id: get("series").parse().ok(),
        region: Region::parse(get("region")),
        org_id: get("org").parse().ok(),
        upcoming: match get("when") {
            "upcoming" => Some(true),
            "past" => Some(false),
            _ => None,
        },
        now,
        limit,
        offset: get("offset").parse::<i64>().unwrap_or(0).max(0),
    }
}

/// The alliance's events as a calendar to subscribe to, with the list's filters (those of
/// one region, one kind, one organiser…): coming ones, and those of the last year, so that
/// a calendar that refreshes keeps them.
async fn events_ics(
    State(s): State<AppState>,
    c: Ctx,
    Query(q): Query<HashMap<String, String>>,
) -> Result<Response, WebError> {
    let now = baylink_store::sql::now();
    let mut filter = event_filter(&q, now, 500);
    filter.offset = 0;
    if filter.upcoming.is_none() {
        filter.now = now - 365 * 86_400;
        filter.upcoming = Some(true);
    }
    let events = s.store.list_events(&filter).await?.items;
    Ok(calendar(ics(&c, &c.t("calendar-all-events"), &events)))
}

async fn event_list(
    State(s): State<AppState>,
    c: Ctx,
    Query(q): Query<HashMap<String, String>>,
) -> Result<Response, WebError> {
    let now = baylink_store::sql::now();
    let when = q
        .get("when")
        .map(|w| w.trim().to_owned())
        .unwrap_or_default();
    let filter = event_filter(&q, now, PAGE);
    let page = s.store.list_events(&filter).await?;
    let series = s.store.list_series().await?;
    let this_year = hk(now).year();
    let years = (2019..=this_year + 1).rev().collect();
    let orgs = super::directory::org_choices(&s, &c, None).await?;
    render(&ListPage {
        c,
        page,
        series,
        q,
        years,
        when,
        orgs,
    })
}

/// Event programmes, kept per node and checked against the event row on every use.
///
/// An event page needs seven queries; the programme behind it changes a few times before
/// the event and never after, while the page is read thousands of times. Each request still
/// reads the event row (one query), and uses the cached programme only while the row's
/// `programme_version` matches, so every node shows a change as soon as it is committed.
#[derive(Default)]
pub struct ProgrammeCache {
    inner: std::sync::RwLock<HashMap<i64, std::sync::Arc<Programme>>>,
}

/// How many programmes a node keeps before starting afresh.
const PROGRAMME_CACHE_ENTRIES: usize = 1_000;

impl ProgrammeCache {
    /// The event's programme, current as of this request.
    pub async fn get(
        &self,
        store: &dyn baylink_store::Store,
        id: i64,
    ) -> Result<Programme, WebError> {
        let event = store.get_event(id).await?;
        let cached = self.inner.read().ok().and_then(|m| m.get(&id).cloned());
        if let Some(p) = cached.filter(|p| p.event.programme_version == event.programme_version) {
            return Ok(Programme {
                event,
                ..(*p).clone()
            });
        }
        let fresh = store.programme(id).await?;
        if let Ok(mut m) = self.inner.write() {
            if m.len() >= PROGRAMME_CACHE_ENTRIES {
                m.clear();
            }
            m.insert(id, std::sync::Arc::new(fresh.clone()));
        }
        Ok(fresh)
    }
}

/// A session's column of the timetable.
struct Column {
    session: EventSession,
    items: Vec<(ProgrammeItem, Vec<Appearance>)>,
}

#[derive(Template)]
#[template(path = "events/event.html")]
struct EventPage {
    c: Ctx,
    p: Programme,
    /// Sessions grouped by start: parallel forums share a row.
    rows: Vec<Vec<Column>>,
    json_ld: String,
    can_register: bool,
    /// A representative may enter a delegation, or see and cancel what they entered: the
    /// event is not over and takes delegations (its places per organisation are not 0).
    takes_delegations: bool,
    /// The whitepapers, reports and news of the event.
    publications: Vec<baylink_store::Publication>,
}

/// The schema.org description of an event, for search engines and calendars.
fn json_ld(c: &Ctx, p: &Programme, url: &str) -> String {
    let e = &p.event;
    let iso = |t: i64| {
        let h = hk(t);
        format!("{}T{:02}:{:02}:00+08:00", day(t), h.hour(), h.minute())
    };
    let organisers: Vec<serde_json::Value> = p
        .roles
        .iter()
        .filter(|r| matches!(r.role, EventRole::Host | EventRole::Organiser))
        .map(|r| serde_json::json!({"@type": "Organization", "name": c.name(&r.org_name, &r.org_name_script, &r.org_name_en)}))
        .collect();
    let v = serde_json::json!({
        "@context": "https://schema.org",
        "@type": "Event",
        "name": c.name(&e.title, &e.title_script, &e.title_en),
        "startDate": iso(e.starts_at),
        "endDate": iso(e.ends_at),
        "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
        "location": {"@type": "Place", "name": c.opt_name(&e.venue, &Some(e.venue_script.clone()), &e.venue_en)},
        "description": c.opt_text(&e.summary, &e.summary_script),
        "organizer": organisers,
        "url": url,
        "inLanguage": c.lang.code(),
    });
    // `</` cannot close the script element from inside a JSON string.
    v.to_string().replace("</", "<\\/")
}

async fn event_page(
    State(s): State<AppState>,
    c: Ctx,
    Path(raw): Path<String>,
) -> Result<Response, WebError> {
    let p = s.programmes.get(s.store.as_ref(), id(&raw)?).await?;
    let mut rows: Vec<Vec<Column>> = Vec::new();
    for session in &p.sessions {
        let items = p
            .items
            .iter()
            .filter(|i| i.session_id == session.id)
            .map(|i| {
                (
                    i.clone(),
                    p.speakers
                        .iter()
                        .filter(|a| a.parent_id == i.id)
                        .cloned()
                        .collect(),
                )
            })
            .collect();
        let col = Column {
            session: session.clone(),
            items,
        };
        match rows.last_mut() {
            Some(row) if row[0].session.starts_at == session.starts_at => row.push(col),
            _ => rows.push(vec![col]),
        }
    }
    let json_ld = json_ld(&c, &p, &c.href(&format!("/events/{}", p.event.id)));
    let not_over = p.event.ends_at > baylink_store::sql::now();
    let can_register = p.event.registration_open && not_over;
    let takes_delegations = match c.auth.as_ref().filter(|_| not_over && c.speaks_for_org()) {
        Some(a) => s.store.delegation_quota_for(p.event.id, a.user.id).await? != Some(0),
        None => false,
    };
    let publications = p
        .publications
        .iter()
        .filter(|x| !x.draft || c.can_edit())
        .cloned()
        .collect();
    render(&EventPage {
        publications,
        c,
        p,
        rows,
        json_ld,
        can_register,
        takes_delegations,
    })
}

/// Escapes text for an iCalendar property value (RFC 5545 §3.3.11).
pub(crate) fn ics_text(s: &str) -> String {
    s.replace('\\', "\\\\")
        .replace(';', "\\;")
        .replace(',', "\\,")
        .replace('\n', "\\n")
}

/// Folds a content line at 75 octets, never inside a character (RFC 5545 §3.1).
pub(crate) fn ics_line(out: &mut String, line: &str) {
    let mut width = 0;
    for ch in line.chars() {
        let n = ch.len_utf8();
        if width + n > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(ch);
        width += n;
    }
    out.push_str("\r\n");
}

pub(crate) fn ics_time(t: i64) -> String {
    let u =
        time::OffsetDateTime::from_unix_timestamp(t).unwrap_or(time::OffsetDateTime::UNIX_EPOCH);
    format!(
        "{:04}{:02}{:02}T{:02}{:02}{:02}Z",
        u.year(),
        u.month() as u8,
        u.day(),
        u.hour(),
        u.minute(),
        u.second()
    )
}

/// An iCalendar document with one VEVENT per event, in the reader's script.
pub fn ics(c: &Ctx, name: &str, events: &[Event]) -> String {
    let mut out = String::new();
    for l in [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Baylink//Baylink//EN",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
    ] {
        ics_line(&mut out, l);
    }
    ics_line(&mut out, &format!("X-WR-CALNAME:{}", ics_text(name)));
    let stamp = ics_time(baylink_store::sql::now());
    for e in events {
        ics_line(&mut out, "BEGIN:VEVENT");
        ics_line(&mut out, &format!("UID:event-{}@baylink", e.id));
        ics_line(&mut out, &format!("DTSTAMP:{stamp}"));
        ics_line(&mut out, &format!("DTSTART:{}", ics_time(e.starts_at)));
        ics_line(&mut out, &format!("DTEND:{}", ics_time(e.ends_at)));
        ics_line(
            &mut out,
            &format!(
                "SUMMARY:{}",
                ics_text(&c.name(&e.title, &e.title_script, &e.title_en))
            ),
        );
        if let Some(v) = &e.venue {
            ics_line(
                &mut out,
                &format!(
                    "LOCATION:{}",
                    ics_text(&c.name(v, &e.venue_script, &e.venue_en))
                ),
            );
        }
        if let Some(d) = &e.summary {
            ics_line(
                &mut out,
                &format!("DESCRIPTION:{}", ics_text(&c.text(d, &e.summary_script))),
            );
        }
        ics_line(
            &mut out,
            &format!("URL:{}", c.href(&format!("/events/{}", e.id))),
        );
        ics_line(&mut out, "END:VEVENT");
    }
    ics_line(&mut out, "END:VCALENDAR");
    out
}

pub(crate) fn calendar(body: String) -> Response {
    (
        [(header::CONTENT_TYPE, "text/calendar; charset=utf-8")],
        body,
    )
        .into_response()
}

async fn event_ics(
    State(s): State<AppState>,
    c: Ctx,
    Path(raw): Path<String>,
) -> Result<Response, WebError> {
    let raw = raw.strip_suffix(".ics").unwrap_or(&raw);
    let e = s.store.get_event(id(raw)?).await?;
    let name = c.name(&e.title, &e.title_script, &e.title_en);
    Ok(calendar(ics(&c, &name, &[e])))
}

async fn series_ics(
    State(s): State<AppState>,
    c: Ctx,
    Path(raw): Path<String>,
) -> Result<Response, WebError> {
    let sid = id(&raw)?;
    let series = s
        .store
        .list_series()
        .await?
        .into_iter()
        .find(|x| x.id == sid)
        .ok_or(WebError::NotFound)?;
    let events = s
        .store
        .list_events(&EventFilter {
            series_id: Some(sid),
            limit: 500,
            ..Default::default()
        })
        .await?
        .items;
    let name = c.name(&series.name, &series.name_script, &series.name_en);
    Ok(calendar(ics(&c, &name, &events)))
}

#[derive(Template)]
#[template(path = "events/register.html")]
struct RegisterPage {
    c: Ctx,
    /// Where the form posts: the public registration, or an invitation's link.
    action: String,
    event: Event,
    sessions: Vec<EventSession>,
    /// The organiser's own questions (`events/registration_questions.html`).
    questions: Vec<baylink_store::RegistrationQuestion>,
    f: FormState,
    chosen: Vec<i64>,
}

impl RegisterPage {
    fn new(c: Ctx, action: String, p: Programme, f: FormState, chosen: Vec<i64>) -> Self {
        RegisterPage {
            c,
            action,
            event: p.event,
            sessions: p.sessions,
            // Those asked once the seat is confirmed are asked on the holder's page.
            questions: baylink_store::questions::asked_of(&p.questions, false),
            f,
            chosen,
        }
    }

    fn chosen(&self, id: &i64) -> bool {
        self.chosen.contains(id)
    }

    /// Whether the organisation's fields are left out (`events/registration_fields.html`):
    /// never on the public form.
    fn org_fixed(&self) -> bool {
        false
    }

    /// Whether required questions are marked so (`events/registration_questions.html`).
    fn must_answer(&self) -> bool {
        true
    }
}

async fn register_form(
    State(s): State<AppState>,
    c: Ctx,
    Path(raw): Path<String>,
) -> Result<Response, WebError> {
    let p = s.store.programme(id(&raw)?).await?;
    if !p.event.registration_open {
        return Err(WebError::Conflict("err-registration-closed"));
    }
    let mut f = FormState::default();
    if let Some(a) = &c.auth {
        f.values.insert("name".into(), a.user.display_name.clone());
        f.values.insert("email".into(), a.user.email.clone());
    }
    let action = c.href(&format!("/events/{}/register", p.event.id));
    render(&RegisterPage::new(c, action, p, f, Vec::new()))
}

/// Reads a form with a choice of sessions: `sessions` repeats, one per ticked forum (the
/// registration and delegation forms).
pub(crate) fn with_sessions(body: &[u8]) -> Result<(FormData, Vec<i64>), WebError> {
    let pairs: Vec<(String, String)> =
        serde_urlencoded::from_bytes(body).map_err(|_| WebError::BadRequest("err-bad-form"))?;
    let chosen: Vec<i64> = pairs
        .iter()
        .filter(|(k, _)| k == "sessions")
        .filter_map(|(_, v)| v.parse().ok())
        .collect();
    let form = FormData {
        values: pairs.into_iter().filter(|(k, _)| k != "sessions").collect(),
    };
    Ok((form, chosen))
}

/// Reads a registration form, with the answers to the event's `questions`.
fn registration_form(
    body: &[u8],
    questions: &[baylink_store::RegistrationQuestion],
) -> Result<(FormData, Vec<i64>, RegistrationInput), WebError> {
    let (form, chosen) = with_sessions(body)?;
    let answers = super::questions::answers_from_form(&form, questions);
    let input = RegistrationInput {
        name: form.get("name").to_owned(),
        email: form.get("email").to_owned(),
        organisation: form.opt("organisation"),
        region: form.opt("region"),
        org_type: form.opt("org_type"),
        position: form.opt("position"),
        phone: form.opt("phone"),
        dietary: form.opt("dietary"),
        sessions: chosen.clone(),
        consent: !form.get("consent").is_empty(),
        answers,
    };
    Ok((form, chosen, input))
}

async fn register(
    State(s): State<AppState>,
    c: Ctx,
    Path(raw): Path<String>,
    body: axum::body::Bytes,
) -> Result<Response, WebError> {
    let event_id = id(&raw)?;
    // One light query on the way in (a rush of registrations comes through here); the
    // whole programme only to show the form again.
    let questions = baylink_store::questions::asked_of(&s.store.questions(event_id).await?, false);
    let (form, chosen, input) = registration_form(&body, &questions)?;
    let token = crate::auth::random_token();
    let result = match input.validate(c.lang.script()) {
        Ok(d) => {
            s.store
                .register(
                    event_id,
                    &d,
                    Channel::Public,
                    &token,
                    c.lang.code(),
                    baylink_store::sql::now(),
                )
                .await
        }
        Err(e) => Err(e),
    };
    match result {
        Ok(_) => Ok(see(c.href(&format!("/registrations/{token}")))),
        Err(StoreError::NotFound) => Err(WebError::NotFound),
        Err(e) => {
            let (errors, status) = form_errors(e)?;
            let p = s.store.programme(event_id).await?;
            let f = FormState::with_errors(form, c.lang, &errors);
            let action = c.href(&format!("/events/{event_id}/register"));
            render_invalid(&RegisterPage::new(c, action, p, f, chosen), status)
        }
    }
}

#[derive(Template)]
#[template(path = "events/registration.html")]
struct RegistrationPage {
    c: Ctx,
    reg: Registration,
    event: Event,
    sessions: Vec<(EventSession, RegStatus)>,
    ticket: Option<String>,
    qr: String,
    token: String,
    /// The event runs matchmaking and this participant may take part.
    matchmaking: bool,
    /// Where they stand on the waiting list (1: next), while waiting.
    position: Option<i64>,
    /// The sessions they may move to themselves: while confirmed and the event is not
    /// over, where it has more than one (parallel forums).
    movable: Vec<EventSession>,
    /// The organiser's questions answered, and the answers, as the reader sees them.
    answers: Vec<(String, String)>,
    /// A required question is not answered (a colleague entered by a representative).
    unanswered: bool,
    /// The organiser asked for feedback and the form is open to them.
    feedback: bool,
    /// They may hand their place to someone else themselves (`views/transfers.rs`).
    transferable: bool,
    /// Who their place was handed to, as the reader sees the name.
    transferred_to: Option<String>,
}

/// Asks for registration links one client may make in [`FIND_WINDOW`] seconds.
const FIND_PER_CLIENT: i64 = 20;
const FIND_WINDOW: i64 = 3600;

/// Where a holder who lost the mail with their registration's link asks for it again.
#[derive(Template)]
#[template(path = "events/find.html")]
struct FindPage {
    c: Ctx,
    f: FormState,
    /// The form was taken: the page says a mail is on its way if the address registered.
    sent: bool,
}

async fn find_form(c: Ctx) -> Result<Response, WebError> {
    let mut values = HashMap::new();
    if let Some(a) = &c.auth {
        values.insert("email".to_owned(), a.user.email.clone());
    }
    render(&FindPage {
        c,
        f: FormState::new(values),
        sent: false,
    })
}

/// Queues the mail with the address's links ([`baylink_store::EventStore::queue_registration_links`]).
/// The answer is the same whether the address registered or not, so the form tells
/// nobody who registered for what; the links go only to the mailbox itself.
async fn find_links(
    State(s): State<AppState>,
    c: Ctx,
    crate::auth::ClientAddr(client): crate::auth::ClientAddr,
    form: FormData,
) -> Result<Response, WebError> {
    let email = match baylink_store::validate_address(form.get("email")) {
        Ok(email) => email,
        Err(e) => {
            let (errors, status) = form_errors(e)?;
            let f = FormState::with_errors(form, c.lang, &errors);
            return render_invalid(&FindPage { c, f, sent: false }, status);
        }
    };
    let now = baylink_store::sql::now();
    // Per address, the store sends one mail in ten minutes; per client, at most
    // FIND_PER_CLIENT asks an hour, so one connection cannot walk a list of addresses
    // (counted with the sign-in throttle's counter, under keys of their own).
    if let Some(client) = client {
        let key = format!("links:ip:{}", client.ip());
        let since = now - FIND_WINDOW;
        if s.store.record_login_failure(&key, now, since).await? > FIND_PER_CLIENT {
            let errors = [baylink_store::FieldError::new(
                "email",
                "err-find-throttled",
            )];
            let f = FormState::with_errors(form, c.lang, &errors);
            return render_invalid(
                &FindPage { c, f, sent: false },
                axum::http::StatusCode::TOO_MANY_REQUESTS,
            );
        }
    }
    s.store
        .queue_registration_links(&email, c.lang.code(), now)
        .await?;
    let values = HashMap::from([("email".to_owned(), email)]);
    render(&FindPage {
        c,
        f: FormState::new(values),
        sent: true,
    })
}

/// A registration as the holder's own list shows it.
struct MyRegistration {
    title: String,
    when: String,
    status: RegStatus,
    token: String,
    /// The event has begun.
    past: bool,
}

/// The registrations made with the signed-in account's address, across events.
#[derive(Template)]
#[template(path = "events/mine.html")]
struct MinePage {
    c: Ctx,
    email: String,
    coming: Vec<MyRegistration>,
    past: Vec<MyRegistration>,
    /// Invitations to the address still waiting: (event, when, token, valid until).
    invited: Vec<(String, String, String, String)>,
    /// The events the account runs as a manager: (event, title, when), latest first.
    managed: Vec<(i64, String, String)>,
    /// The forums its organisation organises (承辦): (event, session, title, when).
    forums: Vec<(i64, i64, String, String)>,
}

/// What an address holds across events, each with its event: its registrations (erased
/// ones left out) and the invitations to it still waiting at `now`. For the account's own
/// list and for the mail that resends the links ([`crate::mail`]); a record whose event
/// was deleted meanwhile is left out.
pub(crate) struct Held {
    pub registrations: Vec<(Registration, Event)>,
    pub invitations: Vec<(baylink_store::Invitation, Event)>,
}

pub(crate) async fn held_by(
    store: &dyn baylink_store::Store,
    email: &str,
    now: i64,
) -> Result<Held, StoreError> {
    let event = |id| async move {
        match store.get_event(id).await {
            Ok(event) => Ok(Some(event)),
            Err(StoreError::NotFound) => Ok(None),
            Err(e) => Err(e),
        }
    };
    let mut held = Held {
        registrations: Vec::new(),
        invitations: Vec::new(),
    };
    for reg in store.registrations_by_address(email).await? {
        if !reg.is_erased()
            && let Some(e) = event(reg.event_id).await?
        {
            held.registrations.push((reg, e));
        }
    }
    for inv in store.invitations_by_address(email, now).await? {
        if let Some(e) = event(inv.event_id).await? {
            held.invitations.push((inv, e));
        }
    }
    Ok(held)
}

async fn my_registrations(State(s): State<AppState>, c: Ctx) -> Result<Response, WebError> {
    let email = match &c.auth {
        Some(a) => a.user.email.clone(),
        None => return Err(WebError::Unauthorized),
    };
    let now = baylink_store::sql::now();
    let held = held_by(s.store.as_ref(), &email, now).await?;
    let mut lines = Vec::new();
    for (reg, event) in held.registrations {
        lines.push((
            event.starts_at,
            MyRegistration {
                title: c.name(&event.title, &event.title_script, &event.title_en),
                when: format!("{} {}", day(event.starts_at), clock(event.starts_at)),
                status: reg.status,
                token: reg.manage_token,
                past: event.ends_at.max(event.starts_at) < now,
            },
        ));
    }
    let invited = held
        .invitations
        .into_iter()
        .map(|(inv, event)| {
            (
                c.name(&event.title, &event.title_script, &event.title_en),
                format!("{} {}", day(event.starts_at), clock(event.starts_at)),
                inv.token,
                day(inv.expires_at),
            )
        })
        .collect();
    let mut managed = Vec::new();
    for id in c
        .auth
        .as_ref()
        .map(|a| a.managed.clone())
        .unwrap_or_default()
    {
        match s.store.get_event(id).await {
            Ok(e) => managed.push((e.starts_at, e)),
            Err(baylink_store::StoreError::NotFound) => {}
            Err(e) => return Err(e.into()),
        }
    }
    managed.sort_by_key(|(starts, _)| std::cmp::Reverse(*starts));
    let managed = managed
        .into_iter()
        .map(|(_, e)| {
            let title = c.name(&e.title, &e.title_script, &e.title_en);
            (
                e.id,
                title,
                format!("{} {}", day(e.starts_at), clock(e.starts_at)),
            )
        })
        .collect();
    let forums = match c.auth.as_ref().and_then(|a| a.user.org_id) {
        Some(org) => s
            .store
            .sessions_organised_by(org)
            .await?
            .into_iter()
            .map(|x| {
                (
                    x.event_id,
                    x.id,
                    c.text(&x.title, &x.title_script),
                    format!("{} {}", day(x.starts_at), clock(x.starts_at)),
                )
            })
            .collect(),
        None => Vec::new(),
    };
    // Coming events soonest first, past ones latest first.
    lines.sort_by_key(|(starts, _)| *starts);
    let (past, coming): (Vec<_>, Vec<_>) = lines.into_iter().map(|(_, l)| l).partition(|l| l.past);
    let r = render(&MinePage {
        c,
        email,
        managed,
        forums,
        invited,
        coming,
        past: past.into_iter().rev().collect(),
    })?;
    // The links are bearer secrets, as on the registration page.
    Ok(crate::views::private(r))
}

async fn registration_page(
    State(s): State<AppState>,
    c: Ctx,
    Path(token): Path<String>,
) -> Result<Response, WebError> {
    let reg = s.store.registration_by_token(&token).await?;
    let p = s.store.programme(reg.event_id).await?;
    let mine = s.store.session_registrations(reg.id).await?;
    let sessions = mine
        .iter()
        .filter_map(|sr| {
            p.sessions
                .iter()
                .find(|x| x.id == sr.session_id)
                .map(|x| (x.clone(), sr.status))
        })
        .collect();
    let (ticket, qr) = if reg.status == RegStatus::Confirmed {
        let key = s.store.event_signing_key(reg.event_id).await?;
        let t = baylink_tickets::issue(&key, reg.event_id, reg.id)
            .map_err(|e| WebError::Internal(format!("ticket: {e}")))?;
        let qr = baylink_tickets::qr_svg(&t);
        (Some(t), qr)
    } else {
        (None, String::new())
    };
    let matchmaking =
        reg.status == RegStatus::Confirmed && s.store.matchmaking(reg.event_id).await?.is_some();
    let position = s.store.waiting_position(reg.id).await?;
    let given = if p.questions.is_empty() {
        Vec::new()
    } else {
        s.store.answers_of(reg.id).await?
    };
    // Those asked once the seat is confirmed, from then on.
    let asked =
        baylink_store::questions::asked_of(&p.questions, reg.status == RegStatus::Confirmed);
    let unanswered = baylink_store::questions::required_unanswered(&asked, &given);
    let answers = super::questions::answered(c.lang, &asked, &given);
    // The sessions to move to: those they hold no seat or place in.
    let movable = if reg.status == RegStatus::Confirmed
        && p.event.ends_at > baylink_store::sql::now()
        && p.sessions.len() > 1
    {
        let held = |id: i64| {
            mine.iter().any(|sr| {
                sr.session_id == id
                    && matches!(sr.status, RegStatus::Confirmed | RegStatus::Waiting)
            })
        };
        p.sessions.iter().filter(|x| !held(x.id)).cloned().collect()
    } else {
        Vec::new()
    };
    let now = baylink_store::sql::now();
    let feedback = super::feedback::open_for(&p.event, &reg, now);
    let transferable = matches!(reg.status, RegStatus::Confirmed | RegStatus::Waiting)
        && !reg.is_erased()
        && reg.checked_in_at.is_none()
        && p.event.starts_at > now
        && !p.event.requires_approval
        && !p.event.transfers_off
        && !reg.invited;
    let transferred_to = match reg.transferred_to {
        Some(to) => {
            let to = s.store.get_registration(to).await?;
            Some(c.text(&to.name, &to.name_script))
        }
        None => None,
    };
    let r = render(&RegistrationPage {
        c,
        feedback,
        transferable,
        transferred_to,
        matchmaking,
        position,
        movable,
        answers,
        unanswered,
        reg,
        event: p.event,
        sessions,
        ticket,
        qr,
        token,
    })?;
    // The page holds a bearer secret: keep it out of shared caches and referrers.
    Ok(crate::views::private(r))
}

async fn cancel(
    State(s): State<AppState>,
    c: Ctx,
    Path(token): Path<String>,
) -> Result<Response, WebError> {
    let reg = s.store.registration_by_token(&token).await?;
    s.store
        .cancel_registration(None, reg.id, baylink_store::sql::now())
        .await?;
    Ok(see(c.href(&format!("/registrations/{token}"))))
}

/// The holder moves from one session to another (a parallel forum for another), or joins
/// one more: the seat in the room left goes to its waiting list, the new room seats them or
/// lists them, as when staff move someone. Not once the event is over.
async fn change_session(
    State(s): State<AppState>,
    c: Ctx,
    Path(token): Path<String>,
    form: FormData,
) -> Result<Response, WebError> {
    let reg = s.store.registration_by_token(&token).await?;
    let mut errors = Vec::new();
    let from = form.int("from", &mut errors);
    let to = form.int("to", &mut errors);
    let Some(to) = to.filter(|_| errors.is_empty()) else {
        errors.push(baylink_store::FieldError::new("to", "err-required"));
        return Err(WebError::Invalid(errors));
    };
    move_own_session(&s, &reg, from, to).await?;
    Ok(see(c.href(&format!("/registrations/{token}"))))
}

/// The holder's own move (the page's and the API's): not once the event is over.
pub async fn move_own_session(
    s: &AppState,
    reg: &Registration,
    from: Option<i64>,
    to: i64,
) -> Result<Vec<baylink_store::SessionRegistration>, WebError> {
    let event = s.store.get_event(reg.event_id).await?;
    if event.ends_at <= baylink_store::sql::now() {
        return Err(WebError::Conflict("err-event-over"));
    }
    // The holder is no account: the audit log names them as the registration's holder.
    let holder = baylink_store::Actor {
        user_id: None,
        name: format!("registration {}", reg.id),
    };
    Ok(s.store.move_session(&holder, reg.id, from, to).await?)
}

/// Erases the holder's personal data, on their own request (their link is the proof that
/// they hold the registration); the page then says so.
async fn erase(
    State(s): State<AppState>,
    c: Ctx,
    Path(token): Path<String>,
) -> Result<Response, WebError> {
    let reg = s.store.registration_by_token(&token).await?;
    s.store
        .erase_registration(None, reg.id, baylink_store::sql::now())
        .await?;
    Ok(see(c.href(&format!("/registrations/{token}"))))
}

/// Attendance counted by a label.
pub struct Tally {
    pub label: String,
    pub registered: i64,
    pub attended: i64,
}

#[derive(Template)]
#[template(path = "events/registrations.html")]
struct RegistrationsPage {
    c: Ctx,
    event: Event,
    page: Page<Registration>,
    q: String,
    /// The status the list is narrowed to (`pending`: those awaiting approval), or empty.
    status: String,
    /// How many messages were just queued, after an announcement.
    queued: Option<i64>,
    invitations: Vec<baylink_store::Invitation>,
    sessions: Vec<EventSession>,
    /// Attendance by region, by organisation type and by session.
    sections: Vec<(String, Vec<Tally>)>,
}

impl RegistrationsPage {
    /// For a place handed on: to whom, as the reader sees the name, when they are on this
    /// page of the list.
    fn handed_to(&self, r: &Registration) -> Option<String> {
        let to = r.transferred_to?;
        self.page
            .items
            .iter()
            .find(|x| x.id == to)
            .map(|x| self.c.text(&x.name, &x.name_script))
    }

    /// For a place handed on to this registration: from whom, when on this page.
    fn handed_from(&self, r: &Registration) -> Option<String> {
        self.page
            .items
            .iter()
            .find(|x| x.transferred_to == Some(r.id))
            .map(|x| self.c.text(&x.name, &x.name_script))
    }
}

fn tally<'a>(regs: impl Iterator<Item = (&'a Registration, String)>) -> Vec<Tally> {
    let mut map: Vec<Tally> = Vec::new();
    for (r, label) in regs {
        let t = match map.iter_mut().find(|t| t.label == label) {
            Some(t) => t,
            None => {
                map.push(Tally {
                    label,
                    registered: 0,
                    attended: 0,
                });
                map.last_mut().expect("just pushed")
            }
        };
        t.registered += 1;
        t.attended += i64::from(r.checked_in_at.is_some());
    }
    map.sort_by_key(|t| std::cmp::Reverse(t.registered));
    map
}

async fn registrations(
    State(s): State<AppState>,
    c: Ctx,
    Path(raw): Path<String>,
    Query(q): Query<HashMap<String, String>>,
) -> Result<Response, WebError> {
    require_event(c.auth.as_ref(), id(&raw)?)?;
    let p = s.store.programme(id(&raw)?).await?;
    let query = q.get("q").cloned().unwrap_or_default();
    let status = q.get("status").and_then(|x| RegStatus::parse(x));
    let page = s
        .store
        .list_registrations(p.event.id, Some(&query), status, 200, 0)
        .await?;
    let all = s
        .store
        .list_registrations(p.event.id, None, Some(RegStatus::Confirmed), 10_000, 0)
        .await?
        .items;
    let by_region = tally(all.iter().map(|r| {
        let label = r
            .region
            .as_deref()
            .and_then(Region::parse)
            .map(|x| c.t(&x.label_key()))
            .unwrap_or_else(|| c.t("unknown"));
        (r, label)
    }));
    let by_type = tally(all.iter().map(|r| {
        let label = r
            .org_type
            .as_deref()
            .and_then(baylink_store::OrgType::parse)
            .map(|x| c.t(&x.label_key()))
            .unwrap_or_else(|| c.t("unknown"));
        (r, label)
    }));
    // Attendance per room: confirmed places whose holder has checked in.
    let places = s.store.event_session_registrations(p.event.id).await?;
    let present: std::collections::HashSet<i64> = all
        .iter()
        .filter(|r| r.checked_in_at.is_some())
        .map(|r| r.id)
        .collect();
    let by_session = p
        .sessions
        .iter()
        .map(|session| Tally {
            label: c.name(&session.title, &session.title_script, &session.title_en),
            registered: session.confirmed_count,
            attended: places
                .iter()
                .filter(|x| {
                    x.session_id == session.id
                        && x.status == RegStatus::Confirmed
                        && present.contains(&x.registration_id)
                })
                .count() as i64,
        })
        .collect();
    let mut sections = vec![
        (c.t("by-region"), by_region),
        (c.t("by-org-type"), by_type),
        (c.t("by-session"), by_session),
    ];
    // The answers to each question with choices, among those with a seat: how many
    // stay for the dinner, who joins which visit.
    let chosen: Vec<_> = p
        .questions
        .iter()
        .filter(|q| q.kind != baylink_store::QuestionKind::Text)
        .collect();
    if !chosen.is_empty() {
        let answers = s.store.event_answers(p.event.id).await?;
        let given: HashMap<(i64, i64), &str> = answers
            .iter()
            .map(|a| ((a.registration_id, a.question_id), a.answer.as_str()))
            .collect();
        for q in chosen {
            let picks = all.iter().flat_map(|r| {
                let answer = given.get(&(r.id, q.id)).copied().unwrap_or("");
                let labels: Vec<String> = if answer.is_empty() {
                    vec![c.t("unknown")]
                } else {
                    answer
                        .lines()
                        .map(|one| super::questions::shown(c.lang, q, one))
                        .collect()
                };
                labels.into_iter().map(move |label| (r, label))
            });
            sections.push((c.text(&q.label, &q.label_script), tally(picks)));
        }
    }
    let queued = q.get("queued").and_then(|n| n.parse().ok());
    let invitations = s.store.list_invitations(p.event.id).await?;
    render(&RegistrationsPage {
        c,
        event: p.event,
        page,
        q: query,
        status: status.map(|x| x.code().to_owned()).unwrap_or_default(),
        queued,
        invitations,
        sessions: p.sessions.clone(),
        sections,
    })
}

/// The registration `rid` of event `raw`, for staff actions.
async fn staff_registration(
    s: &AppState,
    raw: &str,
    rid: &str,
) -> Result<(i64, Registration), WebError> {
    let event_id = id(raw)?;
    let reg = s.store.get_registration(id(rid)?).await?;
    if reg.event_id != event_id {
        return Err(WebError::NotFound);
    }
    Ok((event_id, reg))
}

/// An organiser cancels someone; their seat goes to the waiting list.
async fn staff_cancel(
    State(s): State<AppState>,
    c: Ctx,
    Path((raw, rid)): Path<(String, String)>,
) -> Result<Response, WebError> {
    let auth = require_event(c.auth.as_ref(), id(&raw)?)?;
    let (event_id, reg) = staff_registration(&s, &raw, &rid).await?;
    s.store
        .cancel_registration(Some(&actor(auth)), reg.id, baylink_store::sql::now())
        .await?;
    Ok(see(c.href(&format!("/events/{event_id}/registrations"))))
}

/// Staff erase a participant's personal data at their request (by mail or phone), as the
/// participant can from their own link; the audit log keeps who did it.
async fn staff_erase(
    State(s): State<AppState>,
    c: Ctx,
    Path((raw, rid)): Path<(String, String)>,
) -> Result<Response, WebError> {
    let auth = require_event(c.auth.as_ref(), id(&raw)?)?;
    let (event_id, reg) = staff_registration(&s, &raw, &rid).await?;
    s.store
        .erase_registration(Some(&actor(auth)), reg.id, baylink_store::sql::now())
        .await?;
    Ok(see(c.href(&format!("/events/{event_id}/registrations"))))
}

/// An organiser moves someone from one session to another.
async fn staff_move(
    State(s): State<AppState>,
    c: Ctx,
    Path((raw, rid)): Path<(String, String)>,
    form: FormData,
) -> Result<Response, WebError> {
    let auth = require_event(c.auth.as_ref(), id(&raw)?)?;
    let (event_id, reg) = staff_registration(&s, &raw, &rid).await?;
    let mut errors = Vec::new();
    let from = form.int("from", &mut errors);
    let to = form.int("to", &mut errors);
    let Some(to) = to.filter(|_| errors.is_empty()) else {
        errors.push(baylink_store::FieldError::new("to", "err-required"));
        return Err(WebError::Invalid(errors));
    };
    s.store.move_session(&actor(auth), reg.id, from, to).await?;
    Ok(see(c.href(&format!("/events/{event_id}/registrations"))))
}

async fn decide(
    State(s): State<AppState>,
    c: Ctx,
    Path((raw, rid)): Path<(String, String)>,
    form: FormData,
) -> Result<Response, WebError> {
    let auth = require_event(c.auth.as_ref(), id(&raw)?)?;
    let event_id = id(&raw)?;
    let reg = s.store.get_registration(id(&rid)?).await?;
    if reg.event_id != event_id {
        return Err(WebError::NotFound);
    }
    s.store
        .decide_registration(
            &actor(auth),
            reg.id,
            form.choice("approve")?,
            baylink_store::sql::now(),
        )
        .await?;
    Ok(see(c.href(&format!("/events/{event_id}/registrations"))))
}

/// Invites someone: a personal link, valid until the given day, goes out by mail.
async fn invite(
    State(s): State<AppState>,
    c: Ctx,
    Path(raw): Path<String>,
    form: FormData,
) -> Result<Response, WebError> {
    let auth = require_event(c.auth.as_ref(), id(&raw)?)?;
    let event_id = id(&raw)?;
    let check = RegistrationInput {
        name: form.get("name").to_owned(),
        email: form.get("email").to_owned(),
        consent: true,
        ..Default::default()
    }
    .validate(c.lang.script());
    let mut errors = match check {
        Ok(_) => Vec::new(),
        Err(baylink_store::StoreError::Invalid(e)) => e,
        Err(e) => return Err(e.into()),
    };
    let expires = super::event_admin::parse_hk(form.get("expires"), "23:59");
    if expires.is_none() {
        errors.push(baylink_store::FieldError::new("expires", "err-bad-date"));
    }
    if !errors.is_empty() {
        return Err(WebError::Invalid(errors));
    }
    let name = baylink_text::clean_pinyin_artefacts(form.get("name").trim()).into_owned();
    let script = baylink_text::detect(&name, c.lang.script());
    let locale = crate::i18n::Locale::from_prefix(form.get("locale")).unwrap_or(c.lang);
    s.store
        .invite(
            &actor(auth),
            event_id,
            form.get("email"),
            &name,
            script.code(),
            &crate::auth::random_token(),
            locale.code(),
            expires.unwrap_or(0),
            baylink_store::sql::now(),
        )
        .await?;
    Ok(see(c.href(&format!(
        "/events/{event_id}/registrations?invited=1"
    ))))
}

async fn invitation_form(
    State(s): State<AppState>,
    c: Ctx,
    Path(token): Path<String>,
) -> Result<Response, WebError> {
    let inv = s.store.invitation_by_token(&token).await?;
    if inv.used_at.is_some() {
        return Err(WebError::Conflict("err-invitation-used"));
    }
    if inv.expires_at <= baylink_store::sql::now() {
        return Err(WebError::Conflict("err-invitation-expired"));
    }
    let p = s.store.programme(inv.event_id).await?;
    let mut f = FormState::default();
    f.values.insert("name".into(), inv.name.clone());
    f.values.insert("email".into(), inv.email.clone());
    let action = c.href(&format!("/invitations/{token}"));
    let r = render(&RegisterPage::new(c, action, p, f, Vec::new()))?;
    Ok(crate::views::private(r))
}

async fn accept_invitation(
    State(s): State<AppState>,
    c: Ctx,
    Path(token): Path<String>,
    body: axum::body::Bytes,
) -> Result<Response, WebError> {
    let inv = s.store.invitation_by_token(&token).await?;
    let questions =
        baylink_store::questions::asked_of(&s.store.questions(inv.event_id).await?, false);
    let (form, chosen, input) = registration_form(&body, &questions)?;
    let manage = crate::auth::random_token();
    let result = match input.validate(c.lang.script()) {
        Ok(d) => {
            s.store
                .accept_invitation(
                    &token,
                    &d,
                    &manage,
                    c.lang.code(),
                    baylink_store::sql::now(),
                )
                .await
        }
        Err(e) => Err(e),
    };
    match result {
        Ok(_) => Ok(see(c.href(&format!("/registrations/{manage}")))),
        Err(StoreError::Conflict(code)) => Err(WebError::Conflict(code)),
        Err(e) => {
            let (errors, status) = form_errors(e)?;
            let p = s.store.programme(inv.event_id).await?;
            let f = FormState::with_errors(form, c.lang, &errors);
            let action = c.href(&format!("/invitations/{token}"));
            render_invalid(&RegisterPage::new(c, action, p, f, chosen), status)
        }
    }
}

#[derive(Template)]
#[template(path = "events/import_result.html")]
struct ImportResultPage {
    c: Ctx,
    event: Event,
    invited: usize,
    rejected: Vec<(usize, Vec<String>)>,
}

/// An uploaded invitee sheet (CSV or XLSX): checked whole, then every row invited in one
/// transaction, or none if any row is wrong.
async fn upload_invitees(
    State(s): State<AppState>,
    c: Ctx,
    Path(raw): Path<String>,
    mut multipart: axum::extract::Multipart,
) -> Result<Response, WebError> {
    let auth = require_event(c.auth.as_ref(), id(&raw)?)?.clone();
    let event = s.store.get_event(id(&raw)?).await?;
    let mut file: Option<(String, Vec<u8>)> = None;
    let mut valid_until = String::new();
    while let Some(field) = multipart
        .next_field()
        .await
        .map_err(|_| WebError::BadRequest("err-bad-form"))?
    {
        match field.name() {
            Some("file") => {
                let ext = field
                    .file_name()
                    .and_then(|n| n.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase()))
                    .unwrap_or_default();
                let bytes = field
                    .bytes()
                    .await
                    .map_err(|_| WebError::BadRequest("err-body-too-large"))?;
                file = Some((ext, bytes.to_vec()));
            }
            Some("valid_until") => {
                valid_until = field
                    .text()
                    .await
                    .map_err(|_| WebError::BadRequest("err-bad-form"))?
            }
            _ => {}
        }
    }
    let Some((ext, bytes)) = file.filter(|(_, b)| !b.is_empty()) else {
        return Err(WebError::Invalid(vec![baylink_store::FieldError::new(
            "file",
            "err-required",
        )]));
    };
    let Some(expires) = super::event_admin::parse_hk(&valid_until, "23:59") else {
        return Err(WebError::Invalid(vec![baylink_store::FieldError::new(
            "valid_until",
            "err-bad-date",
        )]));
    };
    let rows = crate::sheets::read_table(&ext, bytes)
        .and_then(|(h, d)| crate::sheets::invitees(h, d))
        .map_err(|e| {
            tracing::info!(error = %e, "unreadable invitee sheet");
            WebError::Invalid(vec![baylink_store::FieldError::new(
                "file",
                "err-bad-sheet",
            )])
        })?;
    let (invitees, rejected) =
        crate::sheets::check_invitees(s.store.as_ref(), event.id, &rows, c.lang).await?;
    let invited = if rejected.is_empty() {
        s.store
            .invite_many(
                &actor(&auth),
                event.id,
                &invitees,
                expires,
                baylink_store::sql::now(),
            )
            .await?
            .len()
    } else {
        0
    };
    let status = if rejected.is_empty() {
        axum::http::StatusCode::OK
    } else {
        axum::http::StatusCode::UNPROCESSABLE_ENTITY
    };
    render_invalid(
        &ImportResultPage {
            c,
            event,
            invited,
            rejected,
        },
        status,
    )
}

/// Queues a message to all (or some) registrants.
async fn announce(
    State(s): State<AppState>,
    c: Ctx,
    Path(raw): Path<String>,
    form: FormData,
) -> Result<Response, WebError> {
    let auth = require_event(c.auth.as_ref(), id(&raw)?)?;
    let event_id = id(&raw)?;
    let mut errors = Vec::new();
    let subject = form.get("subject").trim().to_owned();
    let body = form.get("body").trim().to_owned();
    if subject.is_empty() {
        errors.push(baylink_store::FieldError::new("subject", "err-required"));
    }
    if body.is_empty() {
        errors.push(baylink_store::FieldError::new("body", "err-required"));
    }
    if subject.chars().count() > 200 {
        errors.push(baylink_store::FieldError::new("subject", "err-too-long").with_limit(200));
    }
    let status = match form.get("status") {
        "" => None,
        st => match RegStatus::parse(st) {
            Some(x) => Some(x),
            None => {
                errors.push(baylink_store::FieldError::new(
                    "status",
                    "err-unknown-choice",
                ));
                None
            }
        },
    };
    if !errors.is_empty() {
        return Err(WebError::Invalid(errors));
    }
    let n = s
        .store
        .queue_announcement(
            &actor(auth),
            event_id,
            status,
            &subject,
            &body,
            baylink_store::sql::now(),
        )
        .await?;
    Ok(see(c.href(&format!(
        "/events/{event_id}/registrations?queued={n}"
    ))))
}

#[derive(Template)]
#[template(path = "events/badges.html")]
struct BadgesPage {
    c: Ctx,
    event: Event,
    /// Each confirmed participant with their ticket's QR code.
    badges: Vec<(Registration, String)>,
    /// The code of the order they are in.
    order: &'static str,
}

/// Registrations by name in `order` (strokes, as Hong Kong and Macao lay out a desk's
/// badges and sign-in sheets; pinyin, as Shenzhen does; or A–Z), each name keyed as
/// written, the registration's number breaking ties.
pub(crate) fn sort_by_name(regs: &mut [Registration], order: baylink_text::NameOrder) {
    regs.sort_by_cached_key(|r| {
        (
            baylink_text::collation::stored_key(order, &r.name, &r.name_script, None),
            r.id,
        )
    });
}

/// Printable badges (A4, eight to a page) for the confirmed participants, each with its
/// ticket's QR code, in the reader's order of names (or `?order=`), so that the desk
/// finds each badge where its holder expects; names stay as each participant writes
/// them.
async fn badges(
    State(s): State<AppState>,
    c: Ctx,
    Path(raw): Path<String>,
    Query(q): Query<HashMap<String, String>>,
) -> Result<Response, WebError> {
    require_event(c.auth.as_ref(), id(&raw)?)?;
    let event = s.store.get_event(id(&raw)?).await?;
    let key = s.store.event_signing_key(event.id).await?;
    let mut regs = s
        .store
        .list_registrations(event.id, None, Some(RegStatus::Confirmed), 10_000, 0)
        .await?
        .items;
    // Erased ones have no name to print.
    regs.retain(|r| !r.is_erased());
    let order = c.name_order(q.get("order").map(String::as_str).unwrap_or(""));
    sort_by_name(&mut regs, order);
    let mut badges = Vec::with_capacity(regs.len());
    for r in regs {
        let t = baylink_tickets::issue(&key, event.id, r.id)
            .map_err(|e| WebError::Internal(format!("ticket: {e}")))?;
        badges.push((r, baylink_tickets::qr_svg(&t)));
    }
    render(&BadgesPage {
        c,
        event,
        badges,
        order: order.code(),
    })
}

/// The printed sign-in sheet (簽到表) the door of a Chinese event lays out: those with a
/// seat, in order of name, with their organisation and position and a column to sign; for
/// one parallel forum, those with a seat in its room.
#[derive(Template)]
#[template(path = "events/sign_in_sheet.html")]
struct SignInSheet {
    c: Ctx,
    event: Event,
    /// The room the sheet is for, if one.
    session: Option<EventSession>,
    /// The rooms the reader may print a sheet for (a forum's organiser: theirs alone).
    sessions: Vec<EventSession>,
    /// The reader may print the whole event's sheet (they manage the event).
    whole: bool,
    rows: Vec<Registration>,
    /// The code of the order the rows are in.
    order: &'static str,
}

async fn sign_in_sheet(
    State(s): State<AppState>,
    c: Ctx,
    Path(raw): Path<String>,
    Query(q): Query<HashMap<String, String>>,
) -> Result<Response, WebError> {
    let p = s.store.programme(id(&raw)?).await?;
    let session = match q.get("session").filter(|v| !v.is_empty()) {
        Some(v) => Some(
            p.sessions
                .iter()
                .find(|x| x.id.to_string() == *v)
                .cloned()
                .ok_or(WebError::NotFound)?,
        ),
        None => None,
    };
    // One room's sheet is also its organiser's (承辦); the whole event's, its managers'.
    match &session {
        Some(one) => crate::auth::require_session(c.auth.as_ref(), one).map(|_| ())?,
        None => require_event(c.auth.as_ref(), p.event.id).map(|_| ())?,
    }
    // By name in the order the reader's lists follow, or the one picked with `?order=`.
    let order = c.name_order(q.get("order").map(String::as_str).unwrap_or(""));
    let rows = match &session {
        // One room's: those seated in it, as its roster lists them.
        Some(one) => super::forums::seated(&s, &p.event, one, order).await?.0,
        None => {
            let mut rows = s
                .store
                .list_registrations(p.event.id, None, Some(RegStatus::Confirmed), 10_000, 0)
                .await?
                .items;
            // Erased ones have no name to sign against.
            rows.retain(|r| !r.is_erased());
            sort_by_name(&mut rows, order);
            rows
        }
    };
    let whole = c
        .auth
        .as_ref()
        .is_some_and(|a| crate::auth::manages(a, p.event.id));
    let sessions = match c.auth.as_ref() {
        Some(a) => p
            .sessions
            .into_iter()
            .filter(|x| crate::auth::runs_session(a, x))
            .collect(),
        None => Vec::new(),
    };
    render(&SignInSheet {
        c,
        event: p.event,
        session,
        sessions,
        whole,
        rows,
        order: order.code(),
    })
}

#[derive(Template)]
#[template(path = "events/check_in.html")]
struct CheckInPage {
    c: Ctx,
    event: Event,
    public_key: String,
    /// The page script's messages, as a JSON object.
    strings: String,
}

async fn check_in_page(
    State(s): State<AppState>,
    c: Ctx,
    Path(raw): Path<String>,
) -> Result<Response, WebError> {
    require_event(c.auth.as_ref(), id(&raw)?)?;
    let event = s.store.get_event(id(&raw)?).await?;
    let key = s.store.event_signing_key(event.id).await?;
    let public_key =
        baylink_tickets::public_key(&key).map_err(|e| WebError::Internal(format!("key: {e}")))?;
    let keys = [
        ("ok", "checkin-ok"),
        ("again", "checkin-again"),
        ("bad", "err-ticket-invalid"),
        ("other", "err-ticket-other-event"),
        ("queued", "checkin-queued"),
        ("offline", "offline"),
        ("online", "online"),
        ("pending", "checkin-pending"),
        ("check", "check-in"),
        ("nocamera", "no-camera"),
    ];
    let strings = serde_json::Value::Object(
        keys.iter()
            .map(|(k, key)| ((*k).to_owned(), serde_json::Value::String(c.t(key))))
            .collect(),
    )
    .to_string()
    .replace("</", "<\\/");
    render(&CheckInPage {
        c,
        event,
        public_key,
        strings,
    })
}

/// Status codes the API and the check-in page share for a scanned ticket.
pub fn ticket_error(e: baylink_tickets::TicketError) -> WebError {
    use baylink_tickets::TicketError::*;
    match e {
        Malformed | BadSignature => WebError::Invalid(vec![baylink_store::FieldError::new(
            "ticket",
            "err-ticket-invalid",
        )]),
        OtherEvent => WebError::Invalid(vec![baylink_store::FieldError::new(
            "ticket",
            "err-ticket-other-event",
        )]),
        BadKey | OutOfRange => WebError::Internal(format!("ticket key: {e}")),
    }
}
