//! Delegations (團體報名): a member organisation's representative registers colleagues
//! for an event in one form, and sees and cancels what they entered.
//!
//! Why a page of its own rather than invitations: invitations are the organiser's (they
//! pass the public limit); a delegation is the member's, and takes seats as the public
//! form does. Each delegate is then registered as if they had used the form themselves:
//! their own link, their own confirmation mail, their own place on a waiting list.

use askama::Template;
use axum::Router;
use axum::extract::{Path, State};
use axum::response::Response;
use axum::routing::{get, post};
use baylink_store::error::FieldError;
use baylink_store::{
    DelegateEntry, Event, EventSession, Organisation, RegStatus, Registration, RegistrationDraft,
    RegistrationInput, StoreError, User,
};

use super::directory::actor;
use super::{Ctx, FormData, FormState, form_errors, render, render_invalid, see};
use crate::AppState;
use crate::error::WebError;

/// Rows of the form: a delegation larger than this is entered in more than one go.
pub const ROWS: usize = 10;

pub fn router() -> Router<AppState> {
    Router::new()
        .route(
            "/events/{id}/delegation",
            get(delegation_page).post(register_delegation),
        )
        .route(
            "/events/{id}/delegation/{rid}/cancel",
            post(cancel_delegate),
        )
        .route(
            "/events/{id}/delegation/{rid}/sessions",
            post(move_delegate),
        )
}

use crate::api::path_id as id;

/// One row of the form, with the names of its fields.
pub struct Row {
    pub n: i64,
    pub name: String,
    pub email: String,
    pub position: String,
    pub locale: String,
    /// What the row's answers to the event's questions are named by (`d3_` for `d3_q12`).
    pub prefix: String,
}

fn rows() -> Vec<Row> {
    (1..=ROWS as i64)
        .map(|n| Row {
            n,
            name: format!("name_{n}"),
            email: format!("email_{n}"),
            position: format!("position_{n}"),
            locale: format!("locale_{n}"),
            prefix: format!("d{n}_"),
        })
        .collect()
}

/// The store names an error on question 12 of the third delegate `q12_3`; on the form
/// that question's field on the third row is `d3_q12`.
fn on_question_fields(e: StoreError) -> StoreError {
    match e {
        StoreError::Invalid(errors) => StoreError::Invalid(
            errors
                .into_iter()
                .map(|mut f| {
                    if let Some((q, row)) =
                        f.field.strip_prefix('q').and_then(|r| r.split_once('_'))
                        && q.parse::<i64>().is_ok()
                        && row.parse::<i64>().is_ok()
                    {
                        f.field = format!("d{row}_q{q}");
                    }
                    f
                })
                .collect(),
        ),
        other => other,
    }
}

#[derive(Template)]
#[template(path = "events/delegation.html")]
struct DelegationPage {
    c: Ctx,
    event: Event,
    sessions: Vec<EventSession>,
    org: Organisation,
    rows: Vec<Row>,
    /// The event's own questions, which the representative may answer for each colleague.
    questions: Vec<baylink_store::RegistrationQuestion>,
    f: FormState,
    chosen: Vec<i64>,
    /// Who this account entered for the event before.
    entered: Vec<Registration>,
    /// Who the organisation's other accounts entered, with who entered each.
    colleagues: Vec<(Registration, String)>,
    /// Where the event sets places per organisation: how many the organisation holds, out
    /// of how many.
    places: Option<(i64, i64)>,
    /// The session places of what this account entered, to move a delegate to another
    /// parallel forum.
    session_places: Vec<baylink_store::SessionRegistration>,
    /// The event is not over: delegates can still be moved.
    not_over: bool,
}

impl DelegationPage {
    fn chosen(&self, id: &i64) -> bool {
        self.chosen.contains(id)
    }

    /// "Your organisation holds n of its q places", where the event sets them.
    fn places_note(&self) -> Option<String> {
        self.places.map(|(held, quota)| {
            self.c.lang.t_args(
                "delegation-places",
                &[("count", held.into()), ("limit", quota.into())],
            )
        })
    }

    /// The sessions `rid` holds a place in (or waits for).
    fn held(&self, rid: &i64) -> Vec<&EventSession> {
        self.sessions
            .iter()
            .filter(|x| {
                self.session_places.iter().any(|p| {
                    p.registration_id == *rid
                        && p.session_id == x.id
                        && matches!(p.status, RegStatus::Confirmed | RegStatus::Waiting)
                })
            })
            .collect()
    }

    /// The sessions `r` may be moved to: those they are not in, while they hold a seat at
    /// an event that is not over and has more than one session.
    fn movable(&self, r: &Registration) -> Vec<&EventSession> {
        if r.status != RegStatus::Confirmed || !self.not_over || self.sessions.len() < 2 {
            return Vec::new();
        }
        let held: Vec<i64> = self.held(&r.id).iter().map(|x| x.id).collect();
        self.sessions
            .iter()
            .filter(|x| !held.contains(&x.id))
            .collect()
    }

    /// Required questions are not marked so: a colleague's answers may wait for their
    /// own page (`events/question_fields.html`).
    fn must_answer(&self) -> bool {
        false
    }

    /// Whether a row's answers are shown open: something was answered or refused there.
    fn answers_open(&self, row: &Row) -> bool {
        self.f.has_errors()
            && self.questions.iter().any(|q| {
                let field = format!("{}{}", row.prefix, q.field());
                self.f.err(&field).is_some()
                    || !self.f.v(&field).is_empty()
                    || q.option_fields()
                        .iter()
                        .any(|(tick, _)| !self.f.v(&format!("{}{tick}", row.prefix)).is_empty())
            })
    }

    /// No place left for anyone else: the form gives way to a notice.
    fn full(&self) -> bool {
        self.places.is_some_and(|(held, quota)| held >= quota)
    }
}

/// The signed-in account and the organisation it speaks for; only those may enter a
/// delegation (anyone else registers themselves). For the pages and the API.
pub async fn representative(
    s: &AppState,
    auth: Option<&crate::auth::Auth>,
) -> Result<(User, Organisation), WebError> {
    let user = auth.map(|a| a.user.clone()).ok_or(WebError::Unauthorized)?;
    let org_id = user.org_id.ok_or(WebError::Forbidden)?;
    let org = s.store.get_organisation(org_id).await?;
    Ok((user, org))
}

async fn page(
    s: &AppState,
    c: Ctx,
    event_id: i64,
    org: Organisation,
    user: &User,
    f: FormState,
    chosen: Vec<i64>,
) -> Result<DelegationPage, WebError> {
    let p = s.store.programme(event_id).await?;
    let entered = s.store.delegation(event_id, user.id).await?;
    let colleagues = s.store.colleagues_delegation(event_id, user.id).await?;
    let places = match s.store.delegation_quota_for(event_id, user.id).await? {
        Some(quota) => Some((s.store.delegation_places(event_id, user.id).await?, quota)),
        None => None,
    };
    let session_places = if p.sessions.len() > 1 && !entered.is_empty() {
        let mine: Vec<i64> = entered.iter().map(|r| r.id).collect();
        s.store
            .event_session_registrations(event_id)
            .await?
            .into_iter()
            .filter(|x| mine.contains(&x.registration_id))
            .collect()
    } else {
        Vec::new()
    };
    let not_over = p.event.ends_at > baylink_store::sql::now();
    Ok(DelegationPage {
        c,
        event: p.event,
        sessions: p.sessions,
        org,
        rows: rows(),
        questions: baylink_store::questions::asked_of(&p.questions, false),
        f,
        chosen,
        entered,
        colleagues,
        places,
        session_places,
        not_over,
    })
}

async fn delegation_page(
    State(s): State<AppState>,
    c: Ctx,
    Path(raw): Path<String>,
) -> Result<Response, WebError> {
    let event_id = id(&raw)?;
    let (user, org) = representative(&s, c.auth.as_ref()).await?;
    let page = page(
        &s,
        c,
        event_id,
        org,
        &user,
        FormState::default(),
        Vec::new(),
    )
    .await?;
    render(&page)
}

/// One colleague as entered: a row of the form, an item of the API's list.
#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize, utoipa::ToSchema)]
#[serde(default)]
pub struct Delegate {
    pub name: String,
    pub email: String,
    pub position: Option<String>,
    /// The language of their mails: `zh-Hant`, `zh-Hans` or `en` (the request's language
    /// when left out).
    pub locale: Option<String>,
    /// Answers to the event's own questions, if the representative knows them (else the
    /// colleague answers on their page). Once any is given, the required ones must be;
    /// errors are named `q{question_id}_{n}`.
    pub answers: Vec<baylink_store::AnswerInput>,
}

/// What a representative enters at once (the API's body; the form sends the same).
#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize, utoipa::ToSchema)]
#[serde(default)]
pub struct DelegationInput {
    /// The colleagues, at most [`ROWS`] at a time.
    pub people: Vec<Delegate>,
    /// Sessions (parallel forums) chosen for all of them.
    pub sessions: Vec<i64>,
    /// The representative confirms that each person agreed to be registered and to the
    /// privacy notice.
    pub consent: bool,
}

/// `people` (each with the number its errors are named by) as registrations, each under
/// the organisation's name, region and type; every error at once, named `{field}_{n}`.
fn drafts(
    people: &[(i64, Delegate)],
    sessions: &[i64],
    consent: bool,
    org: &Organisation,
    lang: crate::i18n::Locale,
) -> Result<Vec<(i64, RegistrationDraft, crate::i18n::Locale)>, StoreError> {
    let mut errors = Vec::new();
    let mut out = Vec::new();
    let mut seen: Vec<String> = Vec::new();
    for (n, p) in people {
        let input = RegistrationInput {
            name: p.name.clone(),
            email: p.email.clone(),
            organisation: Some(org.name.clone()),
            region: Some(org.region.code().to_owned()),
            org_type: Some(org.org_type.code().to_owned()),
            position: p.position.clone(),
            phone: None,
            dietary: None,
            sessions: sessions.to_vec(),
            // The representative's word for every delegate, checked once below.
            consent: true,
            // Answered here if the representative knows; else on the delegate's page.
            answers: p.answers.clone(),
        };
        let locale = match p.locale.as_deref().map(str::trim) {
            None | Some("") => Some(lang),
            Some(code) => crate::i18n::Locale::from_prefix(code),
        };
        if locale.is_none() {
            errors.push(FieldError::new(
                &format!("locale_{n}"),
                "err-unknown-choice",
            ));
        }
        match input.validate(lang.script()) {
            Ok(d) => {
                if seen.contains(&d.email) {
                    errors.push(FieldError::new(
                        &format!("email_{n}"),
                        "err-delegation-twice",
                    ));
                }
                seen.push(d.email.clone());
                out.push((*n, d, locale.unwrap_or(lang)));
            }
            Err(StoreError::Invalid(es)) => errors.extend(es.into_iter().map(|mut e| {
                e.field = format!("{}_{n}", e.field);
                e
            })),
            Err(other) => return Err(other),
        }
    }
    if people.is_empty() {
        errors.push(FieldError::new("name_1", "err-delegation-empty"));
    }
    if people.len() > ROWS {
        errors.push(FieldError::new("people", "err-delegation-too-many").with_limit(ROWS as i64));
    }
    if !consent {
        errors.push(FieldError::new("consent", "err-delegation-consent"));
    }
    if errors.is_empty() {
        Ok(out)
    } else {
        Err(StoreError::Invalid(errors))
    }
}

/// Registers `input` for `event_id` as the delegation of `user`, who speaks for `org`:
/// checked whole first, then written in one transaction (see
/// `EventStore::register_delegation`). Errors are named `{field}_{n}` for the n-th person
/// of `input.people` (from 1).
pub async fn enter(
    s: &AppState,
    user: &User,
    org: &Organisation,
    event_id: i64,
    input: &DelegationInput,
    lang: crate::i18n::Locale,
) -> Result<Vec<Registration>, StoreError> {
    let numbers: Vec<i64> = (1..=input.people.len() as i64).collect();
    enter_numbered(s, (user, org), event_id, input, &numbers, lang).await
}

/// As [`enter`], the n-th person's errors named by `numbers[n - 1]` (a form's row).
async fn enter_numbered(
    s: &AppState,
    (user, org): (&User, &Organisation),
    event_id: i64,
    input: &DelegationInput,
    numbers: &[i64],
    lang: crate::i18n::Locale,
) -> Result<Vec<Registration>, StoreError> {
    let people: Vec<(i64, Delegate)> = numbers
        .iter()
        .copied()
        .zip(input.people.iter().cloned())
        .collect();
    let ds = drafts(&people, &input.sessions, input.consent, org, lang)?;
    let (rows, entries): (Vec<i64>, Vec<DelegateEntry>) = ds
        .into_iter()
        .map(|(n, draft, locale)| {
            let entry = DelegateEntry {
                draft,
                manage_token: crate::auth::random_token(),
                locale: locale.code().to_owned(),
            };
            (n, entry)
        })
        .unzip();
    s.store
        .register_delegation(event_id, user.id, &entries, baylink_store::sql::now())
        .await
        .map_err(|e| on_rows(e, &rows))
}

/// The store names a field of the n-th delegate `{field}_{n}`; the form's rows skip the
/// empty ones, so the n-th delegate sits on row `rows[n - 1]`.
fn on_rows(e: StoreError, rows: &[i64]) -> StoreError {
    match e {
        StoreError::Invalid(errors) => StoreError::Invalid(
            errors
                .into_iter()
                .map(|mut f| {
                    if let Some((field, n)) = f.field.rsplit_once('_')
                        && let Some(row) = n
                            .parse::<usize>()
                            .ok()
                            .and_then(|n| rows.get(n.wrapping_sub(1)))
                    {
                        f.field = format!("{field}_{row}");
                    }
                    f
                })
                .collect(),
        ),
        other => other,
    }
}

async fn register_delegation(
    State(s): State<AppState>,
    c: Ctx,
    Path(raw): Path<String>,
    body: axum::body::Bytes,
) -> Result<Response, WebError> {
    let event_id = id(&raw)?;
    let (user, org) = representative(&s, c.auth.as_ref()).await?;
    let (form, chosen) = super::events::with_sessions(&body)?;
    let questions = baylink_store::questions::asked_of(&s.store.questions(event_id).await?, false);
    // Blank rows are skipped; the others keep their row's number for their errors.
    let people: Vec<(i64, Delegate)> = rows()
        .into_iter()
        .map(|row| {
            let position = form.get(&row.position).trim();
            (
                row.n,
                Delegate {
                    name: form.get(&row.name).to_owned(),
                    email: form.get(&row.email).to_owned(),
                    position: (!position.is_empty()).then(|| position.to_owned()),
                    locale: Some(form.get(&row.locale).to_owned()),
                    answers: super::questions::answers_from_fields(&form, &questions, &row.prefix),
                },
            )
        })
        .filter(|(_, d)| {
            !(d.name.trim().is_empty()
                && d.email.trim().is_empty()
                && d.position.is_none()
                && !baylink_store::questions::any_answered(&d.answers))
        })
        .collect();
    let (numbers, people): (Vec<i64>, Vec<Delegate>) = people.into_iter().unzip();
    let input = DelegationInput {
        people,
        sessions: chosen.clone(),
        consent: !form.get("consent").is_empty(),
    };
    let result = enter_numbered(&s, (&user, &org), event_id, &input, &numbers, c.lang).await;
    match result {
        Ok(_) => Ok(see(c.href(&format!("/events/{event_id}/delegation")))),
        Err(StoreError::NotFound) => Err(WebError::NotFound),
        Err(e) => {
            let (errors, status) = form_errors(on_question_fields(e))?;
            let f = FormState::with_errors(form, c.lang, &errors);
            let page = page(&s, c, event_id, org, &user, f, chosen).await?;
            render_invalid(&page, status)
        }
    }
}

/// Cancels one delegate the account entered: the seat goes to the next on the waiting
/// list, as when the delegate cancels through their own link.
async fn cancel_delegate(
    State(s): State<AppState>,
    c: Ctx,
    Path((raw, rid)): Path<(String, String)>,
) -> Result<Response, WebError> {
    let (event_id, rid) = (id(&raw)?, id(&rid)?);
    let (user, _) = representative(&s, c.auth.as_ref()).await?;
    let entered = s.store.delegation(event_id, user.id).await?;
    if !entered.iter().any(|r| r.id == rid) {
        return Err(WebError::NotFound);
    }
    let auth = c.auth.as_ref().ok_or(WebError::Unauthorized)?;
    s.store
        .cancel_registration(Some(&actor(auth)), rid, baylink_store::sql::now())
        .await?;
    Ok(see(c.href(&format!("/events/{event_id}/delegation"))))
}

/// The representative moves one they entered to another parallel forum (or adds one), as
/// the delegate could from their own link: the seat left goes to that room's waiting list.
/// Not once the event is over; the audit log names the representative.
async fn move_delegate(
    State(s): State<AppState>,
    c: Ctx,
    Path((raw, rid)): Path<(String, String)>,
    form: FormData,
) -> Result<Response, WebError> {
    let (event_id, rid) = (id(&raw)?, id(&rid)?);
    let mut errors = Vec::new();
    let from = form.int("from", &mut errors);
    let to = form.int("to", &mut errors);
    let to = match to {
        Some(to) if errors.is_empty() => to,
        _ => {
            // Who may move is said before what is wrong with the form.
            representative(&s, c.auth.as_ref()).await?;
            if to.is_none() {
                errors.push(FieldError::new("to", "err-required"));
            }
            return Err(WebError::Invalid(errors));
        }
    };
    move_delegated(&s, c.auth.as_ref(), event_id, rid, from, to).await?;
    Ok(see(c.href(&format!("/events/{event_id}/delegation"))))
}

/// The representative's move of one they entered (the page's and the API's): someone
/// they did not enter is not found; not once the event is over.
pub async fn move_delegated(
    s: &AppState,
    auth: Option<&crate::auth::Auth>,
    event_id: i64,
    rid: i64,
    from: Option<i64>,
    to: i64,
) -> Result<Vec<baylink_store::SessionRegistration>, WebError> {
    let (user, _) = representative(s, auth).await?;
    let entered = s.store.delegation(event_id, user.id).await?;
    if !entered.iter().any(|r| r.id == rid) {
        return Err(WebError::NotFound);
    }
    let event = s.store.get_event(event_id).await?;
    if event.ends_at <= baylink_store::sql::now() {
        return Err(WebError::Conflict("err-event-over"));
    }
    let auth = auth.ok_or(WebError::Unauthorized)?;
    Ok(s.store.move_session(&actor(auth), rid, from, to).await?)
}
