//! Handing a place to someone else (換人出席): a member unit registered its deputy
//! director, who cannot come, and sends a colleague instead. Cancelling and registering
//! again would lose the seat to the waiting list and the place in the parallel forums; a
//! transfer moves them as they are to a new registration, with its own link and ticket,
//! and the old ticket admits nobody.
//!
//! The holder hands on their place through their link; staff and the event's managers do
//! it on request, also for a place the organiser approved or invited by name, which the
//! holder alone may not hand on ([`baylink_store::EventStore::transfer_registration`]).

use askama::Template;
use axum::Router;
use axum::extract::{Path, State};
use axum::response::Response;
use axum::routing::get;
use baylink_store::{Event, RegStatus, Registration, RegistrationInput, StoreError};

use super::directory::actor;
use super::{Ctx, FormData, FormState, form_errors, private, render, render_invalid, see};
use crate::AppState;
use crate::error::WebError;
use crate::i18n::Locale;

pub fn router() -> Router<AppState> {
    Router::new()
        .route(
            "/registrations/{token}/transfer",
            get(holder_form).post(holder_transfer),
        )
        .route(
            "/events/{id}/registrations/{rid}/transfer",
            get(staff_form).post(staff_transfer),
        )
}

/// The person who comes instead, as the API takes them (the form sends the same).
#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize, utoipa::ToSchema)]
#[serde(default)]
pub struct Substitute {
    pub name: String,
    pub email: String,
    /// The language of their mail (`zh-Hant`, `zh-Hans`, `en`); the request's if left out.
    pub locale: Option<String>,
    /// Those the event asks for; a delegate's organisation fields stay the organisation's.
    pub organisation: Option<String>,
    pub region: Option<String>,
    pub org_type: Option<String>,
    pub position: Option<String>,
    pub phone: Option<String>,
    pub dietary: Option<String>,
    /// The one handing on the place confirms that this person agreed to come and to the
    /// privacy notice.
    pub consent: bool,
    /// Staff (and the event's managers) only, ignored from the holder: `true` hands the
    /// place's 1:1 meetings and requests on, `false` cancels them. Left out, they go to a
    /// colleague of the same organisation and are cancelled for anyone else.
    pub keep_meetings: Option<bool>,
}

impl Substitute {
    /// Hands `reg`'s place to this person, as `actor` (none: its holder); the new
    /// registration.
    pub async fn take_place(
        &self,
        s: &AppState,
        actor: Option<&baylink_store::Actor>,
        event: &Event,
        reg: &Registration,
        lang: Locale,
    ) -> Result<Registration, StoreError> {
        let locale = self
            .locale
            .as_deref()
            .and_then(Locale::from_prefix)
            .unwrap_or(lang);
        let field = |name: &str, value: &Option<String>| {
            value
                .as_deref()
                .map(str::trim)
                .filter(|v| event.asks(name) && !v.is_empty())
                .map(str::to_owned)
        };
        let d = RegistrationInput {
            name: self.name.clone(),
            email: self.email.clone(),
            organisation: field("organisation", &self.organisation),
            region: field("region", &self.region),
            org_type: field("org_type", &self.org_type),
            position: field("position", &self.position),
            phone: field("phone", &self.phone),
            dietary: field("dietary", &self.dietary),
            sessions: Vec::new(),
            consent: self.consent,
            answers: Vec::new(),
        }
        .validate(lang.script())?;
        let token = crate::auth::random_token();
        let (_, new) = s
            .store
            .transfer_registration(
                actor,
                reg.id,
                &d,
                &token,
                locale.code(),
                // The organiser's choice; the holder's goes by the organisation.
                self.keep_meetings.filter(|_| actor.is_some()),
                baylink_store::sql::now(),
            )
            .await?;
        Ok(new)
    }
}

#[derive(Template)]
#[template(path = "events/transfer.html")]
struct TransferPage {
    c: Ctx,
    event: Event,
    reg: Registration,
    /// Where the form posts, and where the page leads back to.
    action: String,
    back: String,
    /// Staff or a manager hand it on, on the holder's request.
    by_staff: bool,
    /// The place's 1:1 meetings and the requests waiting either way, which the page says
    /// what becomes of.
    meetings: (usize, usize),
    f: FormState,
}

/// How many accepted meetings and pending requests `reg` has at its event.
async fn meetings_of(s: &AppState, reg: &Registration) -> Result<(usize, usize), WebError> {
    use baylink_store::RequestStatus;
    let mine: Vec<_> = s
        .store
        .meeting_requests(reg.event_id)
        .await?
        .into_iter()
        .filter(|r| r.from_reg == reg.id || r.to_reg == reg.id)
        .collect();
    let count = |status| mine.iter().filter(|r| r.status == status).count();
    Ok((
        count(RequestStatus::Accepted),
        count(RequestStatus::Pending),
    ))
}

impl TransferPage {
    /// What meetings and requests the place holds, if any.
    fn meetings_held(&self) -> Option<String> {
        use fluent_templates::fluent_bundle::FluentValue;
        let (meetings, requests) = self.meetings;
        (meetings + requests > 0).then(|| {
            self.c.lang.t_args(
                "transfer-meetings-held",
                &[
                    ("count", FluentValue::from(meetings)),
                    ("limit", FluentValue::from(requests)),
                ],
            )
        })
    }

    /// A delegate's place stays the organisation's: its fields are not asked
    /// (`events/registration_fields.html`).
    fn org_fixed(&self) -> bool {
        self.reg.registered_by.is_some()
    }

    /// Why the place cannot be handed on now, if it cannot (the store says the same).
    fn refusal(&self) -> Option<&'static str> {
        if self.reg.is_erased()
            || !matches!(self.reg.status, RegStatus::Confirmed | RegStatus::Waiting)
        {
            Some("err-transfer-not-possible")
        } else if self.reg.checked_in_at.is_some() {
            Some("err-transfer-checked-in")
        } else if self.event.starts_at <= baylink_store::sql::now() {
            Some("err-transfer-too-late")
        } else if !self.by_staff
            && (self.event.requires_approval || self.reg.invited || self.event.transfers_off)
        {
            Some("err-transfer-organiser-only")
        } else {
            None
        }
    }

    /// Hands the place to the person `form` names: back to where the page came from, or
    /// the page again with the errors.
    async fn transfer(self, s: &AppState, form: FormData) -> Result<Response, WebError> {
        let actor = if self.by_staff {
            Some(actor(self.c.auth.as_ref().ok_or(WebError::Unauthorized)?))
        } else {
            None
        };
        let value = |name: &str| Some(form.get(name).to_owned());
        let substitute = Substitute {
            name: form.get("name").to_owned(),
            email: form.get("email").to_owned(),
            locale: value("locale"),
            organisation: value("organisation"),
            region: value("region"),
            org_type: value("org_type"),
            position: value("position"),
            phone: value("phone"),
            dietary: value("dietary"),
            consent: !form.get("consent").is_empty(),
            keep_meetings: match form.get("meetings") {
                "keep" => Some(true),
                "cancel" => Some(false),
                _ => None,
            },
        };
        let result = substitute
            .take_place(s, actor.as_ref(), &self.event, &self.reg, self.c.lang)
            .await;
        match result {
            Ok(_) => Ok(see(self.back)),
            Err(StoreError::Conflict(code)) => Err(WebError::Conflict(code)),
            Err(e) => {
                let (errors, status) = form_errors(e)?;
                let f = FormState::with_errors(form, self.c.lang, &errors);
                render_invalid(&TransferPage { f, ..self }, status)
            }
        }
    }
}

/// The holder's page, through their link.
async fn holder_page(s: &AppState, c: Ctx, token: &str) -> Result<TransferPage, WebError> {
    let reg = s.store.registration_by_token(token).await?;
    let event = s.store.get_event(reg.event_id).await?;
    let f = FormState::new(organisation_of(&reg));
    let meetings = meetings_of(s, &reg).await?;
    Ok(TransferPage {
        meetings,
        action: c.href(&format!("/registrations/{token}/transfer")),
        back: c.href(&format!("/registrations/{token}")),
        c,
        event,
        reg,
        by_staff: false,
        f,
    })
}

/// The same unit most often sends a colleague: its fields come filled in.
fn organisation_of(reg: &Registration) -> std::collections::HashMap<String, String> {
    [
        ("organisation", &reg.organisation),
        ("region", &reg.region),
        ("org_type", &reg.org_type),
    ]
    .into_iter()
    .filter_map(|(k, v)| Some((k.to_owned(), v.clone()?)))
    .collect()
}

async fn holder_form(
    State(s): State<AppState>,
    c: Ctx,
    Path(token): Path<String>,
) -> Result<Response, WebError> {
    render(&holder_page(&s, c, &token).await?).map(private)
}

async fn holder_transfer(
    State(s): State<AppState>,
    c: Ctx,
    Path(token): Path<String>,
    form: FormData,
) -> Result<Response, WebError> {
    let page = holder_page(&s, c, &token).await?;
    page.transfer(&s, form).await.map(private)
}

/// Staff's (or a manager's) page for any registration of the event (another event's: 404).
async fn staff_page(s: &AppState, c: Ctx, raw: &str, rid: &str) -> Result<TransferPage, WebError> {
    let (event, reg) = super::event_registration(s, c.auth.as_ref(), raw, rid).await?;
    let f = FormState::new(organisation_of(&reg));
    let meetings = meetings_of(s, &reg).await?;
    Ok(TransferPage {
        meetings,
        action: c.href(&format!(
            "/events/{}/registrations/{}/transfer",
            event.id, reg.id
        )),
        back: c.href(&format!("/events/{}/registrations", event.id)),
        c,
        event,
        reg,
        by_staff: true,
        f,
    })
}

async fn staff_form(
    State(s): State<AppState>,
    c: Ctx,
    Path((raw, rid)): Path<(String, String)>,
) -> Result<Response, WebError> {
    render(&staff_page(&s, c, &raw, &rid).await?)
}

async fn staff_transfer(
    State(s): State<AppState>,
    c: Ctx,
    Path((raw, rid)): Path<(String, String)>,
    form: FormData,
) -> Result<Response, WebError> {
    let page = staff_page(&s, c, &raw, &rid).await?;
    page.transfer(&s, form).await
}
