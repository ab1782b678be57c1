//! Staff pages that make events: the event itself, its sessions (main session, parallel
//! forums), their programme items and speakers, its organising roles and guests.

use askama::Template;
use axum::Router;
use axum::extract::{Path, State};
use axum::response::Response;
use axum::routing::{get, post};
use baylink_store::{
    EventInput, EventRole, EventSeries, FieldError, ItemInput, Programme, SessionInput, StoreError,
};

use super::directory::{actor, org_choices};
use super::events::{clock, day};
use super::{Ctx, FormData, FormState, form_errors, render, render_invalid, see};
use crate::AppState;
use crate::auth::{Action, require};
use crate::error::WebError;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/events/new", get(new_event).post(create_event))
        .route("/events/{id}/edit", get(edit_event).post(update_event))
        .route("/events/{id}/manage", get(manage))
        .route("/events/{id}/sessions", post(add_session))
        .route("/events/{id}/items", post(add_item))
        .route("/events/{id}/roles", post(add_role))
        .route("/events/{id}/organisation-places", post(set_places))
        .route("/events/{id}/guests", post(add_guest))
        .route("/events/{id}/managers", post(add_manager))
        .route("/events/{id}/copy", post(copy_event))
        .route("/events/{id}/managers/{uid}/delete", post(remove_manager))
        .route("/events/{id}/questions", post(add_question))
        .route(
            "/events/{id}/questions/{qid}",
            get(question_form).post(update_question),
        )
        .route("/events/{id}/questions/{qid}/up", post(move_question_up))
        .route("/events/{id}/parts/{part}/{pid}/delete", post(remove_part))
        .route(
            "/events/{id}/delete",
            get(delete_confirm).post(delete_event),
        )
}

use crate::api::path_id as id;

/// A Hong Kong date (`2024-12-09`) and time (`13:30`) as Unix seconds.
pub fn parse_hk(date: &str, time_of_day: &str) -> Option<i64> {
    let d = time::Date::parse(
        date.trim(),
        time::macros::format_description!("[year]-[month]-[day]"),
    )
    .ok()?;
    let t = if time_of_day.trim().is_empty() {
        time::Time::MIDNIGHT
    } else {
        time::Time::parse(
            time_of_day.trim(),
            time::macros::format_description!("[hour]:[minute]"),
        )
        .ok()?
    };
    Some(d.with_time(t).assume_utc().unix_timestamp() - 8 * 3600)
}

/// Reads a date and time pair of a form, recording an error if it is not one.
fn when(form: &FormData, date: &str, time_field: &str, errors: &mut Vec<FieldError>) -> i64 {
    match parse_hk(form.get(date), form.get(time_field)) {
        Some(t) => t,
        None => {
            errors.push(FieldError::new(
                date,
                if form.get(date).is_empty() {
                    "err-required"
                } else {
                    "err-bad-date"
                },
            ));
            0
        }
    }
}

#[derive(Template)]
#[template(path = "events/event_form.html")]
struct EventFormPage {
    c: Ctx,
    id: Option<i64>,
    f: FormState,
    series: Vec<EventSeries>,
}

async fn new_event(State(s): State<AppState>, c: Ctx) -> Result<Response, WebError> {
    require(c.auth.as_ref(), Action::EditDirectory)?;
    let series = s.store.list_series().await?;
    let mut f = FormState::default();
    f.values.insert("registration_open".into(), "1".into());
    for field in baylink_store::REGISTRATION_FIELDS {
        f.values.insert(format!("ask_{field}"), "1".into());
    }
    render(&EventFormPage {
        c,
        id: None,
        f,
        series,
    })
}

async fn edit_event(
    State(s): State<AppState>,
    c: Ctx,
    Path(raw): Path<String>,
) -> Result<Response, WebError> {
    require(c.auth.as_ref(), Action::EditDirectory)?;
    let e = s.store.get_event(id(&raw)?).await?;
    let flag = |b: bool| if b { "1".to_owned() } else { String::new() };
    let values = [
        ("kind", e.kind.code().to_owned()),
        (
            "series_id",
            e.series_id.map(|x| x.to_string()).unwrap_or_default(),
        ),
        ("title", e.title.clone()),
        ("title_en", e.title_en.clone().unwrap_or_default()),
        ("summary", e.summary.clone().unwrap_or_default()),
        ("venue", e.venue.clone().unwrap_or_default()),
        ("venue_en", e.venue_en.clone().unwrap_or_default()),
        ("region", e.region.code().to_owned()),
        ("start_date", day(e.starts_at)),
        ("start_time", clock(e.starts_at)),
        ("end_date", day(e.ends_at)),
        ("end_time", clock(e.ends_at)),
        (
            "capacity",
            e.capacity.map(|x| x.to_string()).unwrap_or_default(),
        ),
        (
            "delegation_quota",
            e.delegation_quota
                .map(|x| x.to_string())
                .unwrap_or_default(),
        ),
        ("registration_open", flag(e.registration_open)),
        ("requires_approval", flag(e.requires_approval)),
        ("reminders_off", flag(e.reminders_off)),
        ("transfers_off", flag(e.transfers_off)),
        (
            "reminder_hours",
            e.reminder_hours.map(|h| h.to_string()).unwrap_or_default(),
        ),
        (
            "retention_days",
            e.retention_days.map(|d| d.to_string()).unwrap_or_default(),
        ),
        ("synthetic", flag(e.synthetic)),
        ("version", e.version.to_string()),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_owned(), v))
    .chain(baylink_store::REGISTRATION_FIELDS.iter().flat_map(|field| {
        [
            (format!("ask_{field}"), flag(e.asks(field))),
            (format!("require_{field}"), flag(e.requires(field))),
        ]
    }))
    .collect();
    let series = s.store.list_series().await?;
    render(&EventFormPage {
        c,
        id: Some(e.id),
        f: FormState::new(values),
        series,
    })
}

async fn save_event(
    s: AppState,
    c: Ctx,
    id: Option<i64>,
    form: FormData,
) -> Result<Response, WebError> {
    let auth = require(c.auth.as_ref(), Action::EditDirectory)?;
    let mut errors = Vec::new();
    let input = EventInput {
        kind: form.get("kind").to_owned(),
        series_id: form.int("series_id", &mut errors),
        title: form.get("title").to_owned(),
        title_en: form.opt("title_en"),
        summary: form.opt("summary"),
        venue: form.opt("venue"),
        venue_en: form.opt("venue_en"),
        region: form.get("region").to_owned(),
        starts_at: when(&form, "start_date", "start_time", &mut errors),
        ends_at: when(&form, "end_date", "end_time", &mut errors),
        capacity: form.int("capacity", &mut errors),
        delegation_quota: form.int("delegation_quota", &mut errors),
        registration_open: !form.get("registration_open").is_empty(),
        requires_approval: !form.get("requires_approval").is_empty(),
        reminders_off: !form.get("reminders_off").is_empty(),
        transfers_off: !form.get("transfers_off").is_empty(),
        reminder_hours: form.int("reminder_hours", &mut errors),
        retention_days: form.int("retention_days", &mut errors),
        synthetic: !form.get("synthetic").is_empty(),
        version: form.int("version", &mut errors),
        ask_fields: Some(
            baylink_store::REGISTRATION_FIELDS
                .iter()
                .filter(|f| !form.get(&format!("ask_{f}")).is_empty())
                .map(|f| (*f).to_owned())
                .collect(),
        ),
        required_fields: baylink_store::REGISTRATION_FIELDS
            .iter()
            .filter(|f| !form.get(&format!("require_{f}")).is_empty())
            .map(|f| (*f).to_owned())
            .collect(),
    };
    let result = match (errors.is_empty(), input.validate(c.lang.script())) {
        (true, Ok(d)) => match id {
            Some(id) => s.store.update_event(&actor(auth), id, &d).await,
            None => {
                s.store
                    .create_event(&actor(auth), &d, &baylink_tickets::generate_key())
                    .await
            }
        },
        (false, Err(StoreError::Invalid(more))) => Err(StoreError::Invalid(
            errors.into_iter().chain(more).collect(),
        )),
        (false, _) => Err(StoreError::Invalid(errors)),
        (true, Err(e)) => Err(e),
    };
    match result {
        Ok(e) => Ok(see(c.href(&format!("/events/{}/manage", e.id)))),
        Err(e) => {
            let (errors, status) = form_errors(e)?;
            let series = s.store.list_series().await?;
            let f = FormState::with_errors(form, c.lang, &errors);
            render_invalid(&EventFormPage { c, id, f, series }, status)
        }
    }
}

async fn create_event(
    State(s): State<AppState>,
    c: Ctx,
    form: FormData,
) -> Result<Response, WebError> {
    save_event(s, c, None, form).await
}

async fn update_event(
    State(s): State<AppState>,
    c: Ctx,
    Path(raw): Path<String>,
    form: FormData,
) -> Result<Response, WebError> {
    let id = id(&raw)?;
    save_event(s, c, Some(id), form).await
}

#[derive(Template)]
#[template(path = "events/manage.html")]
struct ManagePage {
    c: Ctx,
    p: Programme,
    orgs: Vec<(i64, String)>,
    people: Vec<(i64, String)>,
    /// Organisations with places of their own for delegations: (organisation, its name,
    /// places).
    places: Vec<(i64, String, i64)>,
    /// Accounts that run its registrations and door without being staff.
    managers: Vec<baylink_store::EventManager>,
    f: FormState,
}

async fn manage_page(
    s: &AppState,
    c: Ctx,
    event_id: i64,
    f: FormState,
) -> Result<ManagePage, WebError> {
    require(c.auth.as_ref(), Action::EditDirectory)?;
    let p = s.store.programme(event_id).await?;
    let orgs = org_choices(s, &c, None).await?;
    let people = super::directory::person_choices(s, &c).await?;
    let places = s
        .store
        .organisation_places(event_id)
        .await?
        .into_iter()
        .map(|(org, n)| {
            let name = orgs
                .iter()
                .find(|(id, _)| *id == org)
                .map(|(_, name)| name.clone())
                .unwrap_or_default();
            (org, name, n)
        })
        .collect();
    let managers = s.store.event_managers(event_id).await?;
    Ok(ManagePage {
        c,
        p,
        orgs,
        people,
        places,
        managers,
        f,
    })
}

async fn manage(
    State(s): State<AppState>,
    c: Ctx,
    Path(raw): Path<String>,
) -> Result<Response, WebError> {
    render(&manage_page(&s, c, id(&raw)?, FormState::default()).await?)
}

/// Renders the manage page again after a failed addition, or goes back to it.
async fn after(
    s: &AppState,
    c: Ctx,
    event_id: i64,
    form: FormData,
    result: Result<(), StoreError>,
) -> Result<Response, WebError> {
    match result {
        Ok(()) => Ok(see(c.href(&format!("/events/{event_id}/manage")))),
        Err(e) => {
            let (errors, status) = form_errors(e)?;
            let f = FormState::with_errors(form, c.lang, &errors);
            let page = manage_page(s, c, event_id, f).await?;
            render_invalid(&page, status)
        }
    }
}

async fn add_session(
    State(s): State<AppState>,
    c: Ctx,
    Path(raw): Path<String>,
    form: FormData,
) -> Result<Response, WebError> {
    let auth = require(c.auth.as_ref(), Action::EditDirectory)?.clone();
    let event_id = id(&raw)?;
    let mut errors = Vec::new();
    let date = form.get("date").to_owned();
    let starts_at = when(&form, "date", "start_time", &mut errors);
    let ends_at = parse_hk(&date, form.get("end_time")).unwrap_or(starts_at);
    let input = SessionInput {
        event_id,
        kind: form.get("kind").to_owned(),
        title: form.get("title").to_owned(),
        title_en: form.opt("title_en"),
        theme: form.opt("theme"),
        room: form.opt("room"),
        starts_at,
        ends_at,
        capacity: form.int("capacity", &mut errors),
        organiser_org_id: form.int("organiser_org_id", &mut errors),
        sort_order: form.int("sort_order", &mut errors).unwrap_or(0),
    };
    let result = async {
        if !errors.is_empty() {
            return Err(StoreError::Invalid(errors));
        }
        let d = input.validate(c.lang.script())?;
        s.store
            .create_event_session(&actor(&auth), &d)
            .await
            .map(|_| ())
    }
    .await;
    after(&s, c, event_id, form, result).await
}

async fn add_item(
    State(s): State<AppState>,
    c: Ctx,
    Path(raw): Path<String>,
    form: FormData,
) -> Result<Response, WebError> {
    let auth = require(c.auth.as_ref(), Action::EditDirectory)?.clone();
    let event_id = id(&raw)?;
    let mut errors = Vec::new();
    let session_id = form.int("session_id", &mut errors).unwrap_or(0);
    let speaker: Option<i64> = form.int("person_id", &mut errors);
    let input = ItemInput {
        session_id,
        kind: form.get("kind").to_owned(),
        title: form.get("title").to_owned(),
        title_en: form.opt("title_en"),
        starts_at: None,
        ends_at: None,
        sort_order: form.int("sort_order", &mut errors).unwrap_or(0),
    };
    let result = async {
        let p = s.store.programme(event_id).await?;
        if !p.sessions.iter().any(|x| x.id == session_id) {
            errors.push(FieldError::new("session_id", "err-unknown-reference"));
        }
        if !errors.is_empty() {
            return Err(StoreError::Invalid(errors));
        }
        let d = input.validate(c.lang.script())?;
        let item = s.store.create_item(&actor(&auth), &d).await?;
        if let Some(person) = speaker {
            let title = form.opt("speaker_title");
            let script = baylink_text::detect(title.as_deref().unwrap_or(""), c.lang.script());
            s.store
                .add_speaker(
                    &actor(&auth),
                    item.id,
                    person,
                    title.as_deref(),
                    script.code(),
                    0,
                )
                .await?;
        }
        Ok(())
    }
    .await;
    after(&s, c, event_id, form, result).await
}

async fn add_role(
    State(s): State<AppState>,
    c: Ctx,
    Path(raw): Path<String>,
    form: FormData,
) -> Result<Response, WebError> {
    let auth = require(c.auth.as_ref(), Action::EditDirectory)?.clone();
    let event_id = id(&raw)?;
    let mut errors = Vec::new();
    let org = form.int("org_id", &mut errors);
    let role = EventRole::parse(form.get("role"));
    let result = async {
        let (Some(org), Some(role), true) = (org, role, errors.is_empty()) else {
            if role.is_none() {
                errors.push(FieldError::new("role", "err-unknown-choice"));
            }
            if org.is_none() {
                errors.push(FieldError::new("org_id", "err-required"));
            }
            return Err(StoreError::Invalid(errors));
        };
        s.store
            .add_event_role(&actor(&auth), event_id, org, role, 0)
            .await
            .map(|_| ())
    }
    .await;
    after(&s, c, event_id, form, result).await
}

/// Gives one member organisation places of its own for delegations (名額), in place of
/// the event's number per organisation; empty gives it the event's number again.
async fn set_places(
    State(s): State<AppState>,
    c: Ctx,
    Path(raw): Path<String>,
    form: FormData,
) -> Result<Response, WebError> {
    let auth = require(c.auth.as_ref(), Action::EditDirectory)?.clone();
    let event_id = id(&raw)?;
    let mut errors = Vec::new();
    // A row's button gives that organisation the event's number again.
    let (org, places) = if form.get("reset").is_empty() {
        (
            form.int("org_id", &mut errors),
            form.int("places", &mut errors),
        )
    } else {
        (form.int("reset", &mut errors), None)
    };
    let result = async {
        let (Some(org), true) = (org, errors.is_empty()) else {
            if org.is_none() {
                errors.push(FieldError::new("org_id", "err-required"));
            }
            return Err(StoreError::Invalid(errors));
        };
        s.store
            .set_organisation_places(&actor(&auth), event_id, org, places)
            .await
    }
    .await;
    after(&s, c, event_id, form, result).await
}

async fn add_guest(
    State(s): State<AppState>,
    c: Ctx,
    Path(raw): Path<String>,
    form: FormData,
) -> Result<Response, WebError> {
    let auth = require(c.auth.as_ref(), Action::EditDirectory)?.clone();
    let event_id = id(&raw)?;
    let mut errors = Vec::new();
    let person = form.int("person_id", &mut errors);
    let result = async {
        let Some(person) = person.filter(|_| errors.is_empty()) else {
            if person.is_none() {
                errors.push(FieldError::new("person_id", "err-required"));
            }
            return Err(StoreError::Invalid(errors));
        };
        let title = form.opt("guest_title");
        let script = baylink_text::detect(title.as_deref().unwrap_or(""), c.lang.script());
        s.store
            .add_guest(
                &actor(&auth),
                event_id,
                person,
                title.as_deref(),
                script.code(),
                0,
            )
            .await
            .map(|_| ())
    }
    .await;
    after(&s, c, event_id, form, result).await
}

/// Makes an account (by its sign-in address) a manager of the event: it runs the event's
/// registrations and door from then on.
async fn add_manager(
    State(s): State<AppState>,
    c: Ctx,
    Path(raw): Path<String>,
    form: FormData,
) -> Result<Response, WebError> {
    let auth = require(c.auth.as_ref(), Action::EditDirectory)?.clone();
    let event_id = id(&raw)?;
    let result = s
        .store
        .add_event_manager(&actor(&auth), event_id, form.get("manager_email"))
        .await
        .map(|_| ())
        .map_err(|e| match e {
            // The form's field is named for the page, which has other e-mail fields.
            StoreError::Invalid(fields) => StoreError::Invalid(
                fields
                    .into_iter()
                    .map(|f| FieldError {
                        field: "manager_email".into(),
                        ..f
                    })
                    .collect(),
            ),
            e => e,
        });
    after(&s, c, event_id, form, result).await
}

/// Copies the event to another day (the next seminar of a series, next year's conference)
/// with what the form ticks; the organiser lands on the copy's form to check it.
async fn copy_event(
    State(s): State<AppState>,
    c: Ctx,
    Path(raw): Path<String>,
    form: FormData,
) -> Result<Response, WebError> {
    let auth = require(c.auth.as_ref(), Action::EditDirectory)?.clone();
    let event_id = id(&raw)?;
    let result = async {
        let event = s.store.get_event(event_id).await?;
        let format = time::macros::format_description!("[year]-[month]-[day]");
        let raw_day = form.get("copy_date").trim();
        let day = match time::Date::parse(raw_day, format) {
            Ok(d) if baylink_store::DATE_YEARS.contains(&d.year()) => d,
            Ok(_) => return Err(StoreError::invalid("copy_date", "err-date-out-of-range")),
            Err(_) if raw_day.is_empty() => {
                return Err(StoreError::invalid("copy_date", "err-required"));
            }
            Err(_) => return Err(StoreError::invalid("copy_date", "err-bad-date")),
        };
        let mut errors = Vec::new();
        let every = form.int("repeat_interval", &mut errors).unwrap_or(1);
        let count = form.int("repeat_count", &mut errors).unwrap_or(1);
        let unit = form.get("repeat_unit");
        if !REPEAT_INTERVAL.contains(&every) {
            errors.push(
                FieldError::new("repeat_interval", "err-repeat-interval")
                    .with_limit(*REPEAT_INTERVAL.end()),
            );
        }
        if !REPEAT_COUNT.contains(&count) {
            errors.push(
                FieldError::new("repeat_count", "err-repeat-count").with_limit(*REPEAT_COUNT.end()),
            );
        }
        if !matches!(unit, "" | "weeks" | "months") {
            errors.push(FieldError::new("repeat_unit", "err-unknown-choice"));
        }
        if !errors.is_empty() {
            return Err(StoreError::Invalid(errors));
        }
        let days = repeated(day, unit, every, count)
            .ok_or_else(|| StoreError::invalid("copy_date", "err-date-out-of-range"))?;
        // Whole days, so that every time of the programme keeps its hour in Hong Kong.
        let from = super::events::hk(event.starts_at).date();
        let copies: Vec<(i64, String)> = days
            .into_iter()
            .map(|d| {
                (
                    (d - from).whole_days() * 86_400,
                    baylink_tickets::generate_key(),
                )
            })
            .collect();
        let ticked = |k: &str| !form.get(k).is_empty();
        let parts = baylink_store::CopyParts {
            programme: ticked("copy_programme"),
            roles: ticked("copy_roles"),
            questions: ticked("copy_questions"),
            managers: ticked("copy_managers"),
            matchmaking: ticked("copy_matchmaking"),
        };
        s.store
            .copy_event(&actor(&auth), event_id, &copies, parts)
            .await
    }
    .await;
    match result {
        // One copy: its form to check; several: the first's, the others follow it in the
        // event list.
        Ok(made) => Ok(see(c.href(&format!("/events/{}/edit", made[0].id)))),
        Err(e) => after(&s, c, event_id, form, Err(e)).await,
    }
}

/// Every how many weeks or months copies may repeat, and how many copies at once.
const REPEAT_INTERVAL: std::ops::RangeInclusive<i64> = 1..=12;
const REPEAT_COUNT: std::ops::RangeInclusive<i64> = 1..=24;

/// The days of `count` copies from `first`, every `every` weeks or months (`unit`; a
/// month's day past its end falls on its last day: the 31st of each month is the 30th in
/// April); none when one falls outside the years a date may have.
fn repeated(first: time::Date, unit: &str, every: i64, count: i64) -> Option<Vec<time::Date>> {
    (0..count)
        .map(|n| {
            let d = match unit {
                "months" => {
                    let months = i64::from(first.month() as u8) - 1 + n * every;
                    let year =
                        i32::try_from(i64::from(first.year()) + months.div_euclid(12)).ok()?;
                    let month =
                        time::Month::try_from(u8::try_from(months.rem_euclid(12) + 1).ok()?)
                            .ok()?;
                    let last = time::util::days_in_month(month, year);
                    time::Date::from_calendar_date(year, month, first.day().min(last)).ok()?
                }
                _ => first.checked_add(time::Duration::weeks(n * every))?,
            };
            baylink_store::DATE_YEARS.contains(&d.year()).then_some(d)
        })
        .collect()
}

/// Takes an account's management of the event away.
async fn remove_manager(
    State(s): State<AppState>,
    c: Ctx,
    Path((raw, uid)): Path<(String, String)>,
) -> Result<Response, WebError> {
    let auth = require(c.auth.as_ref(), Action::EditDirectory)?;
    let event_id = id(&raw)?;
    s.store
        .remove_event_manager(&actor(auth), event_id, id(&uid)?)
        .await?;
    Ok(see(c.href(&format!("/events/{event_id}/manage"))))
}

/// A question as the manage page's and the question page's forms send it: the options in
/// one box, one per line. A number of days that is no number is an error on its field.
fn question_input(form: &FormData, kind: &str) -> Result<baylink_store::QuestionInput, StoreError> {
    let mut errors = Vec::new();
    let retention_days = form.int("retention_days", &mut errors);
    // "Ask only when": `{question}:{answer}`, or empty for always.
    let shown_if = match form.get("shown_if").trim() {
        "" => None,
        v => match v
            .split_once(':')
            .and_then(|(q, a)| Some((q.parse::<i64>().ok()?, a)))
        {
            Some((q, a)) => Some((q, a.to_owned())),
            None => {
                errors.push(FieldError::new("shown_if", "err-unknown-choice"));
                None
            }
        },
    };
    if !errors.is_empty() {
        return Err(StoreError::Invalid(errors));
    }
    Ok(baylink_store::QuestionInput {
        kind: kind.to_owned(),
        label: form.get("label").to_owned(),
        options: vec![form.get("options").to_owned()],
        required: !form.get("required").is_empty(),
        retention_days,
        shown_if_question: shown_if.as_ref().map(|(q, _)| *q),
        shown_if_answer: shown_if.map(|(_, a)| a),
        after_confirmation: !form.get("after_confirmation").is_empty(),
    })
}

/// Adds a question of the organiser's own to the registration form.
async fn add_question(
    State(s): State<AppState>,
    c: Ctx,
    Path(raw): Path<String>,
    form: FormData,
) -> Result<Response, WebError> {
    let auth = require(c.auth.as_ref(), Action::EditDirectory)?.clone();
    let event_id = id(&raw)?;
    let result = async {
        let d = question_input(&form, form.get("kind"))?.validate(c.lang.script())?;
        s.store
            .add_question(&actor(&auth), event_id, &d)
            .await
            .map(|_| ())
    }
    .await;
    after(&s, c, event_id, form, result).await
}

/// The form that changes one of the organiser's questions (its kind stays).
#[derive(Template)]
#[template(path = "events/question_form.html")]
struct QuestionPage {
    c: Ctx,
    event: baylink_store::Event,
    question: baylink_store::RegistrationQuestion,
    /// The event's questions, for what this one may depend on.
    questions: Vec<baylink_store::RegistrationQuestion>,
    f: FormState,
}

/// The event's question `qid`, for staff (another event's: 404).
async fn question_page(
    s: &AppState,
    c: Ctx,
    raw: &str,
    qid: &str,
    f: Option<FormState>,
) -> Result<QuestionPage, WebError> {
    require(c.auth.as_ref(), Action::EditDirectory)?;
    let (event_id, qid) = (id(raw)?, id(qid)?);
    let event = s.store.get_event(event_id).await?;
    let questions = s.store.questions(event_id).await?;
    let question = questions
        .iter()
        .find(|q| q.id == qid)
        .cloned()
        .ok_or(WebError::NotFound)?;
    let f = f.unwrap_or_else(|| {
        let mut values = std::collections::HashMap::from([
            ("label".to_owned(), question.label.clone()),
            ("options".to_owned(), question.options.clone()),
            (
                "retention_days".to_owned(),
                question
                    .retention_days
                    .map(|d| d.to_string())
                    .unwrap_or_default(),
            ),
            (
                "shown_if".to_owned(),
                question
                    .condition()
                    .map(|(q, a)| format!("{q}:{a}"))
                    .unwrap_or_default(),
            ),
        ]);
        if question.required {
            values.insert("required".to_owned(), "1".to_owned());
        }
        if question.after_confirmation {
            values.insert("after_confirmation".to_owned(), "1".to_owned());
        }
        FormState::new(values)
    });
    Ok(QuestionPage {
        c,
        event,
        question,
        questions,
        f,
    })
}

async fn question_form(
    State(s): State<AppState>,
    c: Ctx,
    Path((raw, qid)): Path<(String, String)>,
) -> Result<Response, WebError> {
    render(&question_page(&s, c, &raw, &qid, None).await?)
}

async fn update_question(
    State(s): State<AppState>,
    c: Ctx,
    Path((raw, qid)): Path<(String, String)>,
    form: FormData,
) -> Result<Response, WebError> {
    let auth = require(c.auth.as_ref(), Action::EditDirectory)?.clone();
    let page = question_page(&s, c, &raw, &qid, None).await?;
    let result = async {
        let d = question_input(&form, page.question.kind.code())?.validate(page.c.lang.script())?;
        s.store
            .update_question(&actor(&auth), page.event.id, page.question.id, &d)
            .await
    }
    .await;
    match result {
        Ok(_) => Ok(see(page
            .c
            .href(&format!("/events/{}/manage", page.event.id)))),
        Err(e) => {
            let (errors, status) = form_errors(e)?;
            let f = FormState::with_errors(form, page.c.lang, &errors);
            render_invalid(&QuestionPage { f, ..page }, status)
        }
    }
}

/// Moves a question one place up the registration form.
async fn move_question_up(
    State(s): State<AppState>,
    c: Ctx,
    Path((raw, qid)): Path<(String, String)>,
) -> Result<Response, WebError> {
    let auth = require(c.auth.as_ref(), Action::EditDirectory)?;
    let event_id = id(&raw)?;
    s.store
        .move_question_up(&actor(auth), event_id, id(&qid)?)
        .await?;
    Ok(see(c.href(&format!("/events/{event_id}/manage"))))
}

/// Removes a role, session, item, speaker, guest or registration question from an
/// event's programme.
async fn remove_part(
    State(s): State<AppState>,
    c: Ctx,
    Path((raw, part, pid)): Path<(String, String, String)>,
) -> Result<Response, WebError> {
    let auth = require(c.auth.as_ref(), Action::EditDirectory)?;
    let event_id = id(&raw)?;
    s.store
        .remove_programme_part(&actor(auth), event_id, &part, id(&pid)?)
        .await?;
    Ok(see(c.href(&format!("/events/{event_id}/manage"))))
}

async fn delete_confirm(
    State(s): State<AppState>,
    c: Ctx,
    Path(raw): Path<String>,
) -> Result<Response, WebError> {
    require(c.auth.as_ref(), Action::DeleteRecords)?;
    let e = s.store.get_event(id(&raw)?).await?;
    let registrations = s
        .store
        .list_registrations(e.id, None, None, 1, 0)
        .await?
        .total;
    render(&super::directory::ConfirmDeletePage {
        what: c.name(&e.title, &e.title_script, &e.title_en),
        action: c.href(&format!("/events/{}/delete", e.id)),
        back: c.href(&format!("/events/{}", e.id)),
        consequences: vec![c.tn("delete-event-registrations", "count", &registrations)],
        c,
    })
}

async fn delete_event(
    State(s): State<AppState>,
    c: Ctx,
    Path(raw): Path<String>,
) -> Result<Response, WebError> {
    let auth = require(c.auth.as_ref(), Action::DeleteRecords)?;
    s.store.delete_event(&actor(auth), id(&raw)?).await?;
    Ok(see(c.href("/events")))
}

#[cfg(test)]
mod tests {
    use super::repeated;
    use time::macros::date;

    /// Monthly copies keep their day, or the month's last where it has none; weekly ones
    /// step by whole weeks; none past the years a date may have.
    #[test]
    fn copies_repeat_by_weeks_or_months() {
        assert_eq!(
            repeated(date!(2027 - 01 - 31), "months", 1, 4).unwrap(),
            [
                date!(2027 - 01 - 31),
                date!(2027 - 02 - 28),
                date!(2027 - 03 - 31),
                date!(2027 - 04 - 30)
            ]
        );
        assert_eq!(
            repeated(date!(2027 - 11 - 15), "months", 2, 3).unwrap(),
            [
                date!(2027 - 11 - 15),
                date!(2028 - 01 - 15),
                date!(2028 - 03 - 15)
            ]
        );
        assert_eq!(
            repeated(date!(2027 - 12 - 30), "weeks", 2, 2).unwrap(),
            [date!(2027 - 12 - 30), date!(2028 - 01 - 13)]
        );
        assert_eq!(
            repeated(date!(2027 - 03 - 01), "", 1, 1).unwrap(),
            [date!(2027 - 03 - 01)]
        );
        assert!(repeated(date!(2200 - 12 - 01), "months", 1, 2).is_none());
    }
}
