//! Correcting a registration's details: a name mistyped, a new position, a dietary need
//! remembered late. The holder corrects their own through their link (the right to correct
//! one's personal data: PDPO DPP6, PIPL art. 46, Macao's PDPA art. 11); a member
//! organisation's representative corrects the colleagues they registered; staff correct
//! any registration of an event on its holder's request.
//!
//! Why not cancel and register again: the seat, the place on the waiting list, the ticket
//! and any meetings would go with the old registration. The e-mail address stays as it is,
//! since it is where the holder's links go; the organisation of a delegate stays the
//! organisation's.

use std::collections::HashMap;

use askama::Template;
use axum::Router;
use axum::extract::{Path, State};
use axum::response::Response;
use axum::routing::get;
use baylink_store::{Event, Registration, RegistrationInput, StoreError};

use super::directory::actor;
use super::{Ctx, FormData, FormState, form_errors, private, render, render_invalid, see};
use crate::AppState;
use crate::api::path_id as id;
use crate::error::WebError;

pub fn router() -> Router<AppState> {
    Router::new()
        .route(
            "/registrations/{token}/details",
            get(holder_form).post(holder_correct),
        )
        .route(
            "/events/{id}/delegation/{rid}/details",
            get(delegate_form).post(delegate_correct),
        )
        .route(
            "/events/{id}/registrations/{rid}/details",
            get(staff_form).post(staff_correct),
        )
}

/// Who corrects: their page says so, and keeps what is not theirs to change.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Corrector {
    /// The holder, through their link.
    Holder,
    /// The representative who registered them: the organisation's fields stay.
    Representative,
    /// Staff, on the holder's request.
    Staff,
}

#[derive(Template)]
#[template(path = "events/registration_details.html")]
struct DetailsPage {
    c: Ctx,
    event: Event,
    reg: Registration,
    /// Where the form posts, and where the page leads back to.
    action: String,
    back: String,
    by: Corrector,
    /// The organiser's own questions: the holder, staff, and a representative for a
    /// colleague they entered, answer them here.
    questions: Vec<baylink_store::RegistrationQuestion>,
    /// Some are answered already (then the required ones stay required for everyone).
    answered: bool,
    f: FormState,
}

impl DetailsPage {
    /// Whether required questions are marked so (`events/registration_questions.html`).
    fn must_answer(&self) -> bool {
        // A representative may leave them to the colleague, who is asked on their page.
        self.by != Corrector::Representative || self.answered
    }

    /// Leaves the organisation's fields out of `events/registration_fields.html`.
    fn org_fixed(&self) -> bool {
        self.by == Corrector::Representative
    }

    /// Someone else than the holder corrects (the page's title names the act, not "your").
    fn for_someone(&self) -> bool {
        self.by != Corrector::Holder
    }

    /// Whether the details can still be corrected (not cancelled, declined or erased).
    fn correctable(&self) -> bool {
        !self.reg.is_erased()
            && !matches!(
                self.reg.status,
                baylink_store::RegStatus::Cancelled | baylink_store::RegStatus::Declined
            )
    }
}

/// The form's values from what the registration holds.
fn values(reg: &Registration) -> HashMap<String, String> {
    [
        ("name", Some(reg.name.clone())),
        ("organisation", reg.organisation.clone()),
        ("position", reg.position.clone()),
        ("region", reg.region.clone()),
        ("org_type", reg.org_type.clone()),
        ("phone", reg.phone.clone()),
        ("dietary", reg.dietary.clone()),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_owned(), v.unwrap_or_default()))
    .collect()
}

/// Corrected details, as the API takes them (the form sends the same): a field left out
/// stays as it is, an empty one is cleared.
#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize, utoipa::ToSchema)]
#[serde(default)]
pub struct Details {
    pub name: Option<String>,
    pub organisation: Option<String>,
    /// `shenzhen`, `hong_kong`, `macao`, … as on the registration form.
    pub region: Option<String>,
    pub org_type: Option<String>,
    pub position: Option<String>,
    pub phone: Option<String>,
    pub dietary: Option<String>,
    /// Answers to the event's own questions: those given replace the answers to their
    /// questions (with no value: cleared), the others stay.
    pub answers: Vec<baylink_store::AnswerInput>,
}

impl Details {
    /// What the form sends: each field the event asks for (and that is not the
    /// organisation's, for a delegate), empty to clear it.
    fn from_form(
        form: &FormData,
        event: &Event,
        questions: &[baylink_store::RegistrationQuestion],
        delegate: bool,
    ) -> Details {
        let shown = |field: &str| {
            let org = matches!(field, "organisation" | "region" | "org_type");
            (event.asks(field) && !(delegate && org)).then(|| form.get(field).to_owned())
        };
        Details {
            name: Some(form.get("name").to_owned()),
            organisation: shown("organisation"),
            region: shown("region"),
            org_type: shown("org_type"),
            position: shown("position"),
            phone: shown("phone"),
            dietary: shown("dietary"),
            answers: super::questions::answers_from_form(form, questions),
        }
    }
}

/// `reg` with `details` applied, checked as a registration is checked, with the address,
/// sessions and consent it has; a delegate keeps the organisation's fields whatever
/// `details` says.
pub fn corrected(
    reg: &Registration,
    details: &Details,
    delegate: bool,
    lang: crate::i18n::Locale,
) -> Result<baylink_store::RegistrationDraft, StoreError> {
    let pick = |new: &Option<String>, old: &Option<String>| match new {
        Some(v) if v.trim().is_empty() => None,
        Some(v) => Some(v.clone()),
        None => old.clone(),
    };
    let org = |new: &Option<String>, old: &Option<String>| {
        if delegate {
            old.clone()
        } else {
            pick(new, old)
        }
    };
    RegistrationInput {
        name: details.name.clone().unwrap_or_else(|| reg.name.clone()),
        email: reg.email.clone(),
        organisation: org(&details.organisation, &reg.organisation),
        region: org(&details.region, &reg.region),
        org_type: org(&details.org_type, &reg.org_type),
        position: pick(&details.position, &reg.position),
        phone: pick(&details.phone, &reg.phone),
        dietary: pick(&details.dietary, &reg.dietary),
        sessions: Vec::new(),
        consent: true,
        answers: details.answers.clone(),
    }
    .validate(lang.script())
}

/// Back to where the page came from, or the page again with `form` and its errors (422)
/// when `result` failed.
fn answer(
    page: DetailsPage,
    form: FormData,
    result: Result<Registration, StoreError>,
) -> Result<Response, WebError> {
    match result {
        Ok(_) => Ok(see(page.back)),
        Err(e) => {
            let (errors, status) = form_errors(e)?;
            let f = FormState::with_errors(form, page.c.lang, &errors);
            render_invalid(&DetailsPage { f, ..page }, status)
        }
    }
}

impl DetailsPage {
    async fn new(
        s: &AppState,
        c: Ctx,
        event: Event,
        reg: Registration,
        by: Corrector,
        paths: (String, String),
    ) -> Result<Self, WebError> {
        // Those asked once the seat is confirmed, from then on.
        let questions = baylink_store::questions::asked_of(
            &s.store.questions(event.id).await?,
            reg.status == baylink_store::RegStatus::Confirmed,
        );
        let mut values = values(&reg);
        let mut answered = false;
        if !questions.is_empty() {
            let answers = s.store.answers_of(reg.id).await?;
            answered = !answers.is_empty();
            values.extend(super::questions::form_values(&questions, &answers));
        }
        Ok(DetailsPage {
            action: c.href(&paths.0),
            back: c.href(&paths.1),
            f: FormState::new(values),
            c,
            event,
            reg,
            by,
            questions,
            answered,
        })
    }

    /// Applies `form`: back to where the page came from, or the page again with the errors.
    async fn correct(self, s: &AppState, form: FormData) -> Result<Response, WebError> {
        let actor = match self.by {
            Corrector::Holder => None,
            _ => Some(actor(self.c.auth.as_ref().ok_or(WebError::Unauthorized)?)),
        };
        let delegate = self.by == Corrector::Representative;
        let details = Details::from_form(&form, &self.event, &self.questions, delegate);
        let result = match corrected(&self.reg, &details, delegate, self.c.lang) {
            Ok(d) => {
                s.store
                    .correct_registration(
                        actor.as_ref(),
                        self.reg.id,
                        &d,
                        baylink_store::sql::now(),
                    )
                    .await
            }
            Err(e) => Err(e),
        };
        answer(self, form, result)
    }
}

async fn holder_page(s: &AppState, c: Ctx, token: &str) -> Result<DetailsPage, WebError> {
    let reg = s.store.registration_by_token(token).await?;
    let event = s.store.get_event(reg.event_id).await?;
    let paths = (
        format!("/registrations/{token}/details"),
        format!("/registrations/{token}"),
    );
    DetailsPage::new(s, c, event, reg, Corrector::Holder, paths).await
}

async fn holder_form(
    State(s): State<AppState>,
    c: Ctx,
    Path(token): Path<String>,
) -> Result<Response, WebError> {
    let page = holder_page(&s, c, &token).await?;
    render(&page).map(private)
}

async fn holder_correct(
    State(s): State<AppState>,
    c: Ctx,
    Path(token): Path<String>,
    form: FormData,
) -> Result<Response, WebError> {
    let page = holder_page(&s, c, &token).await?;
    page.correct(&s, form).await.map(private)
}

/// The representative's page for one of the colleagues they entered (anyone else's: 404).
async fn delegate_page(
    s: &AppState,
    c: Ctx,
    raw: &str,
    rid: &str,
) -> Result<DetailsPage, WebError> {
    let (event_id, rid) = (id(raw)?, id(rid)?);
    let (user, _) = super::delegations::representative(s, c.auth.as_ref()).await?;
    let reg = s
        .store
        .delegation(event_id, user.id)
        .await?
        .into_iter()
        .find(|r| r.id == rid)
        .ok_or(WebError::NotFound)?;
    let event = s.store.get_event(event_id).await?;
    let paths = (
        format!("/events/{event_id}/delegation/{rid}/details"),
        format!("/events/{event_id}/delegation"),
    );
    DetailsPage::new(s, c, event, reg, Corrector::Representative, paths).await
}

async fn delegate_form(
    State(s): State<AppState>,
    c: Ctx,
    Path((raw, rid)): Path<(String, String)>,
) -> Result<Response, WebError> {
    render(&delegate_page(&s, c, &raw, &rid).await?)
}

async fn delegate_correct(
    State(s): State<AppState>,
    c: Ctx,
    Path((raw, rid)): Path<(String, String)>,
    form: FormData,
) -> Result<Response, WebError> {
    let page = delegate_page(&s, c, &raw, &rid).await?;
    page.correct(&s, form).await
}

/// Staff's page for any registration of the event (one of another event: 404).
async fn staff_page(s: &AppState, c: Ctx, raw: &str, rid: &str) -> Result<DetailsPage, WebError> {
    let (event, reg) = super::event_registration(s, c.auth.as_ref(), raw, rid).await?;
    let paths = (
        format!("/events/{}/registrations/{}/details", event.id, reg.id),
        format!("/events/{}/registrations", event.id),
    );
    DetailsPage::new(s, c, event, reg, Corrector::Staff, paths).await
}

async fn staff_form(
    State(s): State<AppState>,
    c: Ctx,
    Path((raw, rid)): Path<(String, String)>,
) -> Result<Response, WebError> {
    render(&staff_page(&s, c, &raw, &rid).await?)
}

async fn staff_correct(
    State(s): State<AppState>,
    c: Ctx,
    Path((raw, rid)): Path<(String, String)>,
    form: FormData,
) -> Result<Response, WebError> {
    let page = staff_page(&s, c, &raw, &rid).await?;
    page.correct(&s, form).await
}
