//! Events: the annual conference and the year-round seminars, visits and exchanges, their
//! programmes, and the people who register for them.
//!
//! Times are Unix seconds; pages show them in Asia/Hong_Kong time (UTC+8, no daylight
//! saving), the alliance's clock in all three cities.

use async_trait::async_trait;
use baylink_text::{Script, clean_pinyin_artefacts, detect, fold};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::Actor;
use crate::error::{FieldError, StoreError, StoreResult};
use crate::model::{Page, Region, code_enum};

code_enum!(
    /// What an event is.
    EventKind, "event-kind" {
        AnnualConference = "annual_conference",
        Forum = "forum",
        Seminar = "seminar",
        Visit = "visit",
        Exchange = "exchange",
        Roadshow = "roadshow",
        Matchmaking = "matchmaking",
        Ceremony = "ceremony",
    }
);

code_enum!(
    /// What an organisation is to an event (主辦, 承辦, 協辦, 支持, 指導).
    EventRole, "event-role" {
        Host = "host",
        Organiser = "organiser",
        CoOrganiser = "co_organiser",
        Supporter = "supporter",
        Guide = "guide",
    }
);

code_enum!(
    /// A part of an event's programme: the main session, a parallel forum, or other.
    SessionKind, "session-kind" {
        Main = "main",
        Forum = "forum",
        Other = "other",
    }
);

code_enum!(
    /// An item of a session's programme.
    ItemKind, "item-kind" {
        Address = "address",
        Report = "report",
        Keynote = "keynote",
        Talk = "talk",
        Panel = "panel",
        Ceremony = "ceremony",
        Release = "release",
    }
);

code_enum!(
    /// Where a registration stands.
    RegStatus, "reg-status" {
        /// Has a seat.
        Confirmed = "confirmed",
        /// On the waiting list, promoted in order when a seat frees.
        Waiting = "waiting",
        /// Waiting for the organiser's approval.
        Pending = "pending",
        Cancelled = "cancelled",
        /// Not approved by the organiser.
        Declined = "declined",
    }
);

/// A named series of events (科創跨境).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema, sqlx::FromRow)]
pub struct EventSeries {
    pub id: i64,
    pub code: String,
    pub name: String,
    pub name_script: String,
    pub name_en: Option<String>,
}

/// An event. Its ticket-signing key is kept apart and never leaves the store in a record.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema, sqlx::FromRow)]
pub struct Event {
    pub id: i64,
    #[sqlx(try_from = "String")]
    pub kind: EventKind,
    pub series_id: Option<i64>,
    pub title: String,
    pub title_script: String,
    pub title_en: Option<String>,
    pub summary: Option<String>,
    pub summary_script: String,
    pub venue: Option<String>,
    pub venue_script: String,
    pub venue_en: Option<String>,
    #[sqlx(try_from = "String")]
    pub region: Region,
    pub starts_at: i64,
    pub ends_at: i64,
    /// Seats for the public; none for no limit.
    pub capacity: Option<i64>,
    /// Places per member organisation through the delegation form (名額); none for no
    /// limit beyond the seats, 0 for no delegations.
    pub delegation_quota: Option<i64>,
    /// No reminder the day before (see `EventStore::queue_event_reminders`).
    pub reminders_off: bool,
    /// Holders may not hand their place to someone else themselves (staff still may;
    /// see `EventStore::transfer_registration`).
    pub transfers_off: bool,
    /// Hours before the start its registrants are reminded; none for a day
    /// ([`REMINDER_LEAD_SECONDS`]).
    pub reminder_hours: Option<i64>,
    /// Days after its end that its registrants' personal data is kept; none for until
    /// each is erased on request (see [`EventStore::sweep_retention`]).
    pub retention_days: Option<i64>,
    /// When its organiser asked its registrants for feedback ([`EventStore::ask_for_feedback`]).
    pub feedback_asked_at: Option<i64>,
    pub confirmed_count: i64,
    pub waiting_seq: i64,
    pub registration_open: bool,
    pub requires_approval: bool,
    pub synthetic: bool,
    pub version: i64,
    /// Bumped whenever the programme (sessions, items, speakers, guests, roles) or the
    /// event's own details change: a node's cached programme is current while it matches.
    pub programme_version: i64,
    /// The optional registration fields this event asks for, comma-separated (see
    /// [`REGISTRATION_FIELDS`]).
    pub ask_fields: String,
    /// Those of them a registration must fill in.
    pub required_fields: String,
    pub created_at: i64,
    pub updated_at: i64,
}

/// The optional fields an organiser can ask for on the registration form (name, e-mail
/// and consent are always asked).
pub const REGISTRATION_FIELDS: [&str; 6] = [
    "organisation",
    "position",
    "region",
    "org_type",
    "phone",
    "dietary",
];

impl Event {
    /// Whether the registration form asks for `field`.
    pub fn asks(&self, field: &str) -> bool {
        self.ask_fields.split(',').any(|f| f == field)
    }

    /// Whether a registration must fill in `field`.
    pub fn requires(&self, field: &str) -> bool {
        self.required_fields.split(',').any(|f| f == field)
    }
}

/// Keeps the known field names of a list, in their canonical order, as stored.
pub fn field_list<'a>(fields: impl IntoIterator<Item = &'a str>) -> String {
    let chosen: Vec<&str> = fields.into_iter().map(str::trim).collect();
    REGISTRATION_FIELDS
        .iter()
        .filter(|f| chosen.contains(f))
        .copied()
        .collect::<Vec<_>>()
        .join(",")
}

/// An organisation's role in an event, with its names.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema, sqlx::FromRow)]
pub struct EventRoleRow {
    pub id: i64,
    pub event_id: i64,
    pub org_id: i64,
    #[sqlx(try_from = "String")]
    pub role: EventRole,
    pub sort_order: i32,
    pub org_name: String,
    pub org_name_script: String,
    pub org_name_en: Option<String>,
}

/// A session of an event: the main session or a parallel forum, with its own room and seats.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema, sqlx::FromRow)]
pub struct EventSession {
    pub id: i64,
    pub event_id: i64,
    #[sqlx(try_from = "String")]
    pub kind: SessionKind,
    pub title: String,
    pub title_script: String,
    pub title_en: Option<String>,
    pub theme: Option<String>,
    pub theme_script: String,
    pub room: Option<String>,
    pub starts_at: i64,
    pub ends_at: i64,
    pub capacity: Option<i64>,
    pub confirmed_count: i64,
    pub waiting_seq: i64,
    pub organiser_org_id: Option<i64>,
    pub sort_order: i32,
    pub organiser_name: Option<String>,
    pub organiser_name_script: Option<String>,
    pub organiser_name_en: Option<String>,
}

/// An item of a session's programme.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema, sqlx::FromRow)]
pub struct ProgrammeItem {
    pub id: i64,
    pub session_id: i64,
    #[sqlx(try_from = "String")]
    pub kind: ItemKind,
    pub title: String,
    pub title_script: String,
    pub title_en: Option<String>,
    pub starts_at: Option<i64>,
    pub ends_at: Option<i64>,
    pub sort_order: i32,
}

/// A speaker of an item, or a guest of honour of an event, with the title held then.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema, sqlx::FromRow)]
pub struct Appearance {
    pub id: i64,
    /// The item (speakers) or the event (guests).
    pub parent_id: i64,
    pub person_id: i64,
    pub title: Option<String>,
    pub title_script: String,
    pub sort_order: i32,
    pub person_name: String,
    pub person_name_script: String,
    pub person_name_en: Option<String>,
}

/// A registration for an event.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema, sqlx::FromRow)]
pub struct Registration {
    pub id: i64,
    pub event_id: i64,
    #[sqlx(try_from = "String")]
    pub status: RegStatus,
    pub name: String,
    pub name_script: String,
    pub email: String,
    pub organisation: Option<String>,
    pub region: Option<String>,
    pub org_type: Option<String>,
    pub position: Option<String>,
    pub phone: Option<String>,
    pub dietary: Option<String>,
    pub consent_at: i64,
    pub consent_version: String,
    pub invited: bool,
    /// Place in the waiting list (smaller first), while waiting.
    pub waiting_seq: Option<i64>,
    /// The secret in the participant's links (cancel, ticket). Never shown to others.
    #[serde(skip)]
    pub manage_token: String,
    /// The interface locale the participant registered in; their mail is written in it.
    pub locale: String,
    pub checked_in_at: Option<i64>,
    pub synthetic: bool,
    /// The account that entered it as part of a delegation (團體報名), if one did.
    pub registered_by: Option<i64>,
    pub created_at: i64,
    pub updated_at: i64,
    /// The registration its place was handed to (換人出席), when its holder or staff
    /// sent someone else in their place.
    pub transferred_to: Option<i64>,
}

/// The domain of the addresses an erased registration is left with: reserved (RFC 2606),
/// so no mail can ever reach it.
pub const ERASED_DOMAIN: &str = "@erased.invalid";

impl Registration {
    /// Its holder had their personal data erased ([`EventStore::erase_registration`]).
    pub fn is_erased(&self) -> bool {
        self.email.ends_with(ERASED_DOMAIN)
    }
}

/// A registration's place in one session.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema, sqlx::FromRow)]
pub struct SessionRegistration {
    pub id: i64,
    pub registration_id: i64,
    pub session_id: i64,
    #[sqlx(try_from = "String")]
    pub status: RegStatus,
    pub waiting_seq: Option<i64>,
}

/// A personal invitation to register.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema, sqlx::FromRow)]
pub struct Invitation {
    pub id: i64,
    pub event_id: i64,
    pub email: String,
    pub name: String,
    pub name_script: String,
    #[serde(skip)]
    pub token: String,
    pub locale: String,
    pub expires_at: i64,
    pub used_at: Option<i64>,
    pub registration_id: Option<i64>,
    pub created_at: i64,
}

/// Someone to invite, as an import row gives them.
#[derive(Debug, Clone, PartialEq)]
pub struct Invitee {
    pub email: String,
    pub name: String,
    pub name_script: String,
    pub token: String,
    pub locale: String,
}

/// The least time between two mails resending an address's registration links.
pub const RESEND_LINKS_SECONDS: i64 = 600;

/// How long before an event its registrants are reminded of it: at most a day before it
/// starts…
pub const REMINDER_LEAD_SECONDS: i64 = 24 * 3600;
/// The hours an organiser may choose instead of a day: from three hours (the last two are
/// too late, below) to a week.
pub const REMINDER_HOURS: std::ops::RangeInclusive<i64> = 3..=168;
/// The days after an event an organiser may keep its registrants' personal data: from a
/// day (the check-in and the thanks are done) to ten years (an alliance's records).
pub const RETENTION_DAYS: std::ops::RangeInclusive<i64> = 1..=3650;
/// The days after an event the answers to one of its questions may be kept: from none
/// (a travel document's number is for the visit alone) to the longest of an event's.
pub const ANSWER_RETENTION_DAYS: std::ops::RangeInclusive<i64> = 0..=3650;
/// When personal data kept `days` after an event that ended at `ends_at` goes.
/// Whether two registrations' organisations are the same one however each was typed
/// ([`baylink_text::organisation_forms`]: "HKUST" and "香港科技大學（HKUST）", "Acme Ltd."
/// and "ACME"). Unknown on either side is not the same.
///
/// Why: a meeting is booked between two organisations' people; when a colleague takes a
/// place, the meetings follow the organisation, not the person.
pub fn same_organisation(a: Option<&str>, b: Option<&str>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => {
            let theirs = baylink_text::organisation_forms(b);
            baylink_text::organisation_forms(a)
                .iter()
                .any(|f| theirs.contains(f))
        }
        _ => false,
    }
}

pub fn retained_until(ends_at: i64, days: i64) -> i64 {
    ends_at.saturating_add(days.saturating_mul(86_400))
}
/// …and no later than two hours before (a reminder after that is noise).
pub const REMINDER_LAST_SECONDS: i64 = 2 * 3600;
/// One who registered less than this before the sweep has their confirmation fresh in
/// their mailbox: they are reminded at a later sweep, if the event is still far enough.
pub const REMINDER_SETTLE_SECONDS: i64 = 12 * 3600;

/// An account that runs one event's registrations and door without being secretariat
/// staff (the member organisation organising a forum): its registrations, approvals,
/// corrections and erasures on request, check-in, invitations, announcements, badges and
/// exports.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema, sqlx::FromRow)]
pub struct EventManager {
    pub event_id: i64,
    pub user_id: i64,
    pub display_name: String,
    pub email: String,
    pub added_at: i64,
}

/// What [`EventStore::copy_event`] copies besides the event's own details.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CopyParts {
    /// Sessions, their items and speakers.
    pub programme: bool,
    /// Hosts, organisers, co-organisers and supporters, and organisations' places.
    pub roles: bool,
    pub questions: bool,
    pub managers: bool,
    /// Matchmaking's settings, slots and the tables of the hall (not the requests, the
    /// schedule, online rooms or reservations, which belong to the participants).
    pub matchmaking: bool,
}

impl CopyParts {
    pub const ALL: CopyParts = CopyParts {
        programme: true,
        roles: true,
        questions: true,
        managers: true,
        matchmaking: true,
    };
}

/// The least time between two mails telling a manager that registrations await approval.
pub const APPROVAL_NOTICE_SECONDS: i64 = 3600;

/// What a retention sweep let go ([`EventStore::sweep_retention`]).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RetentionSwept {
    /// Events whose registrants were anonymised.
    pub events: u64,
    pub registrations: u64,
    /// Answers deleted at their question's own time.
    pub answers: u64,
}

/// A message waiting in the outbox.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, sqlx::FromRow)]
pub struct OutboxMessage {
    pub id: i64,
    pub to_addr: String,
    /// What to write: `registration`, `promoted`, `cancelled`, `custom`, `invitation`,
    /// `agenda`, `mm_request` (to the side asked), `mm_answer` (to the side asking),
    /// `mm_moved` (to the side that did not move a booked meeting), `mm_cancelled` (to the
    /// side that did not cancel), `mm_cancelled_by_organiser` (to
    /// both sides), `mm_reminder` (the requests waiting for one's answer), `mm_nudge` (an
    /// invitation to book, to someone with no meeting yet), `mm_digest` (the day's requests,
    /// to one who takes them once a day), `mm_today` (the meetings of the day, that morning),
    /// `mm_unpublished` (the schedule was taken back), `mm_arranged` (to both sides of a
    /// meeting the organisers arranged), `mm_booked` (to the side that did not book a slot
    /// for an accepted meeting), `mm_auto` (to the side asked, where requests are accepted
    /// on arrival), `mm_followup` (the meetings held whose outcome one has not told),
    /// `mm_coop` and `mm_coop_ask` (a meeting's cooperation), `market_interest` (to a
    /// posting's owners), `market_decided` (to the interested party), `market_stage` (to
    /// the side of an introduction that did not move it), `market_review` (to a posting's
    /// owners, once the secretariat published or returned it), `registration_links` (the
    /// links of every registration made with `to_addr`, asked for by its holder),
    /// `posting_alert` (the postings new to an alert), `transfer_in` and `transfer_out` (a
    /// place handed on, to its new and its old holder), `alert_postings` (the postings a
    /// web node found for an alert: new counterparts, or postings with its words), `mm_handed_on` (to the other side
    /// of a meeting, or a request, that went with a place to a colleague), `password_reset`
    /// and `account_invite` (a link that sets an account's password), `password_changed`,
    /// `two_factor_on` and `two_factor_off` (security notices to an account).
    pub kind: String,
    pub registration_id: Option<i64>,
    pub invitation_id: Option<i64>,
    /// For the `mm_` kinds: the meeting request the mail is about.
    pub meeting_request_id: Option<i64>,
    /// For the `market_` kinds: the interest (or introduction) the mail is about.
    pub interest_id: Option<i64>,
    /// For `market_review`: the posting the mail is about.
    pub posting_id: Option<i64>,
    /// For `posting_alert`: the alert, and when its news begin (they end when the mail
    /// was queued).
    pub alert_id: Option<i64>,
    pub alert_since: Option<i64>,
    /// For `alert_postings`: the postings found, as their ids by commas.
    pub posting_ids: Option<String>,
    pub locale: String,
    pub subject: Option<String>,
    pub body: Option<String>,
    /// For `password_reset` and `account_invite`: the link's token, kept only until the
    /// mail is sent ([`crate::passwords`]).
    #[serde(skip)]
    pub secret: Option<String>,
    pub created_at: i64,
    pub attempts: i64,
    pub next_attempt_at: i64,
    pub sent_at: Option<i64>,
    pub last_error: Option<String>,
}

/// The outcome of a check-in.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct CheckIn {
    pub registration: Registration,
    /// Set when the ticket had already been used: when it was first.
    pub already_at: Option<i64>,
}

/// An event's whole programme, for its page.
#[derive(Debug, Clone, PartialEq, Serialize, ToSchema)]
pub struct Programme {
    pub event: Event,
    pub series: Option<EventSeries>,
    pub roles: Vec<EventRoleRow>,
    pub sessions: Vec<EventSession>,
    pub items: Vec<ProgrammeItem>,
    pub speakers: Vec<Appearance>,
    pub guests: Vec<Appearance>,
    /// The organiser's own questions on the registration form, in order.
    pub questions: Vec<crate::RegistrationQuestion>,
    /// What was published of the event (whitepapers, its report), drafts too, newest
    /// first: for its page, which shows drafts to staff only. Not in the API's programme
    /// (`/api/v1/publications?event=` lists them), so that no draft leaves through it.
    #[serde(skip)]
    pub publications: Vec<crate::Publication>,
}

/// Filters for the event list.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct EventFilter {
    pub q: Option<String>,
    pub year: Option<i32>,
    pub kind: Option<EventKind>,
    pub series_id: Option<i64>,
    pub region: Option<Region>,
    pub org_id: Option<i64>,
    /// Only events ending after (true) or before (false) `now`.
    pub upcoming: Option<bool>,
    pub now: i64,
    pub limit: i64,
    pub offset: i64,
}

/// Shared text checks for event inputs.
fn text(
    errors: &mut Vec<FieldError>,
    field: &str,
    value: Option<&str>,
    max: usize,
    required: bool,
) -> Option<String> {
    let v = value
        .map(str::trim)
        .filter(|v| !v.is_empty())
        .map(|v| clean_pinyin_artefacts(v).into_owned());
    match &v {
        None if required => errors.push(FieldError::new(field, "err-required")),
        Some(t) if t.chars().count() > max => {
            errors.push(FieldError::new(field, "err-too-long").with_limit(max as i64))
        }
        // As the directory's fields: nothing a page, a badge or a spreadsheet cannot show.
        Some(t)
            if t.chars()
                .any(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t')) =>
        {
            errors.push(FieldError::new(field, "err-control-chars"))
        }
        _ => {}
    }
    v
}

fn script_of(text: Option<&str>, author: Script) -> String {
    text.map(|t| detect(t, author))
        .unwrap_or(author)
        .code()
        .to_owned()
}

/// An event as submitted.
#[derive(Debug, Clone, Default, Serialize, Deserialize, ToSchema)]
#[serde(default)]
pub struct EventInput {
    pub kind: String,
    pub series_id: Option<i64>,
    pub title: String,
    pub title_en: Option<String>,
    pub summary: Option<String>,
    pub venue: Option<String>,
    pub venue_en: Option<String>,
    pub region: String,
    /// Unix seconds.
    pub starts_at: i64,
    pub ends_at: i64,
    pub capacity: Option<i64>,
    /// Places per member organisation through the delegation form (名額); none for no
    /// limit beyond the seats, 0 for no delegations.
    pub delegation_quota: Option<i64>,
    /// No reminder the day before (see `EventStore::queue_event_reminders`).
    pub reminders_off: bool,
    /// Holders may not hand their place to someone else themselves (staff still may;
    /// see `EventStore::transfer_registration`).
    pub transfers_off: bool,
    /// Hours before the start the reminder goes; none for a day. From 3 to 168.
    pub reminder_hours: Option<i64>,
    /// Days after the end its registrants' personal data is kept ([`RETENTION_DAYS`]);
    /// none for until each is erased on request.
    pub retention_days: Option<i64>,
    pub registration_open: bool,
    pub requires_approval: bool,
    pub synthetic: bool,
    pub version: Option<i64>,
    /// Optional fields to ask for; none given means all of them.
    pub ask_fields: Option<Vec<String>>,
    /// Fields a registration must fill in (each is also asked).
    pub required_fields: Vec<String>,
}

/// A checked event.
#[derive(Debug, Clone, PartialEq)]
pub struct EventDraft {
    pub kind: EventKind,
    pub series_id: Option<i64>,
    pub title: String,
    pub title_script: String,
    pub title_en: Option<String>,
    pub summary: Option<String>,
    pub summary_script: String,
    pub venue: Option<String>,
    pub venue_script: String,
    pub venue_en: Option<String>,
    pub region: Region,
    pub starts_at: i64,
    pub ends_at: i64,
    pub capacity: Option<i64>,
    /// Places per member organisation through the delegation form (名額); none for no
    /// limit beyond the seats, 0 for no delegations.
    pub delegation_quota: Option<i64>,
    /// No reminder the day before (see `EventStore::queue_event_reminders`).
    pub reminders_off: bool,
    /// Holders may not hand their place to someone else themselves (staff still may;
    /// see `EventStore::transfer_registration`).
    pub transfers_off: bool,
    /// Hours before the start the reminder goes; none for a day. From 3 to 168.
    pub reminder_hours: Option<i64>,
    /// Days after the end its registrants' personal data is kept ([`RETENTION_DAYS`]);
    /// none for until each is erased on request.
    pub retention_days: Option<i64>,
    pub registration_open: bool,
    pub requires_approval: bool,
    pub synthetic: bool,
    pub version: Option<i64>,
    pub search_key: String,
    pub ask_fields: String,
    pub required_fields: String,
}

impl EventInput {
    pub fn validate(&self, author: Script) -> StoreResult<EventDraft> {
        let mut e = Vec::new();
        let kind = EventKind::parse(self.kind.trim());
        if kind.is_none() {
            e.push(FieldError::new(
                "kind",
                if self.kind.trim().is_empty() {
                    "err-required"
                } else {
                    "err-unknown-choice"
                },
            ));
        }
        let region = Region::parse(self.region.trim());
        if region.is_none() {
            e.push(FieldError::new(
                "region",
                if self.region.trim().is_empty() {
                    "err-required"
                } else {
                    "err-unknown-choice"
                },
            ));
        }
        let title = text(&mut e, "title", Some(&self.title), 300, true).unwrap_or_default();
        let title_en = text(&mut e, "title_en", self.title_en.as_deref(), 300, false);
        let summary = text(&mut e, "summary", self.summary.as_deref(), 20_000, false);
        let venue = text(&mut e, "venue", self.venue.as_deref(), 300, false);
        let venue_en = text(&mut e, "venue_en", self.venue_en.as_deref(), 300, false);
        if self.starts_at <= 0 {
            e.push(FieldError::new("starts_at", "err-required"));
        }
        if self.ends_at < self.starts_at {
            e.push(FieldError::new("ends_at", "err-end-before-start"));
        }
        if self.capacity.is_some_and(|c| c < 0) {
            e.push(FieldError::new("capacity", "err-not-a-number"));
        }
        if self
            .reminder_hours
            .is_some_and(|h| !REMINDER_HOURS.contains(&h))
        {
            e.push(
                FieldError::new("reminder_hours", "err-reminder-hours")
                    .with_limit(*REMINDER_HOURS.end()),
            );
        }
        if self.delegation_quota.is_some_and(|c| c < 0) {
            e.push(FieldError::new("delegation_quota", "err-not-a-number"));
        }
        if self
            .retention_days
            .is_some_and(|d| !RETENTION_DAYS.contains(&d))
        {
            e.push(
                FieldError::new("retention_days", "err-retention-days")
                    .with_limit(*RETENTION_DAYS.end()),
            );
        }
        let unknown = |fs: &[String]| fs.iter().any(|f| !REGISTRATION_FIELDS.contains(&f.trim()));
        if self.ask_fields.as_deref().is_some_and(unknown) || unknown(&self.required_fields) {
            e.push(FieldError::new("ask_fields", "err-unknown-choice"));
        }
        let required = field_list(self.required_fields.iter().map(String::as_str));
        let asked = match &self.ask_fields {
            None => REGISTRATION_FIELDS.join(","),
            Some(fs) => field_list(
                fs.iter()
                    .map(String::as_str)
                    .chain(required.split(',').filter(|f| !f.is_empty())),
            ),
        };
        let (Some(kind), Some(region), true) = (kind, region, e.is_empty()) else {
            return Err(StoreError::Invalid(e));
        };
        Ok(EventDraft {
            kind,
            series_id: self.series_id,
            title_script: script_of(Some(&title), author),
            search_key: fold(&format!("{title} {}", title_en.as_deref().unwrap_or(""))),
            title,
            title_en,
            summary_script: script_of(summary.as_deref(), author),
            summary,
            venue_script: script_of(venue.as_deref(), author),
            venue,
            venue_en,
            region,
            starts_at: self.starts_at,
            ends_at: self.ends_at,
            capacity: self.capacity,
            delegation_quota: self.delegation_quota,
            reminders_off: self.reminders_off,
            transfers_off: self.transfers_off,
            reminder_hours: self.reminder_hours,
            retention_days: self.retention_days,
            registration_open: self.registration_open,
            requires_approval: self.requires_approval,
            synthetic: self.synthetic,
            version: self.version,
            ask_fields: asked,
            required_fields: required,
        })
    }
}

/// A session as submitted.
#[derive(Debug, Clone, Default, Serialize, Deserialize, ToSchema)]
#[serde(default)]
pub struct SessionInput {
    pub event_id: i64,
    pub kind: String,
    pub title: String,
    pub title_en: Option<String>,
    pub theme: Option<String>,
    pub room: Option<String>,
    pub starts_at: i64,
    pub ends_at: i64,
    pub capacity: Option<i64>,
    pub organiser_org_id: Option<i64>,
    pub sort_order: i32,
}

/// A checked session.
#[derive(Debug, Clone, PartialEq)]
pub struct SessionDraft {
    pub event_id: i64,
    pub kind: SessionKind,
    pub title: String,
    pub title_script: String,
    pub title_en: Option<String>,
    pub theme: Option<String>,
    pub theme_script: String,
    pub room: Option<String>,
    pub starts_at: i64,
    pub ends_at: i64,
    pub capacity: Option<i64>,
    pub organiser_org_id: Option<i64>,
    pub sort_order: i32,
}

impl SessionInput {
    pub fn validate(&self, author: Script) -> StoreResult<SessionDraft> {
        let mut e = Vec::new();
        let kind = SessionKind::parse(self.kind.trim());
        if kind.is_none() {
            e.push(FieldError::new("kind", "err-unknown-choice"));
        }
        let title = text(&mut e, "title", Some(&self.title), 300, true).unwrap_or_default();
        let title_en = text(&mut e, "title_en", self.title_en.as_deref(), 300, false);
        let theme = text(&mut e, "theme", self.theme.as_deref(), 20_000, false);
        let room = text(&mut e, "room", self.room.as_deref(), 200, false);
        if self.ends_at < self.starts_at {
            e.push(FieldError::new("ends_at", "err-end-before-start"));
        }
        let (Some(kind), true) = (kind, e.is_empty()) else {
            return Err(StoreError::Invalid(e));
        };
        Ok(SessionDraft {
            event_id: self.event_id,
            kind,
            title_script: script_of(Some(&title), author),
            title,
            title_en,
            theme_script: script_of(theme.as_deref(), author),
            theme,
            room,
            starts_at: self.starts_at,
            ends_at: self.ends_at,
            capacity: self.capacity,
            organiser_org_id: self.organiser_org_id,
            sort_order: self.sort_order,
        })
    }
}

/// A programme item as submitted.
#[derive(Debug, Clone, Default, Serialize, Deserialize, ToSchema)]
#[serde(default)]
pub struct ItemInput {
    pub session_id: i64,
    pub kind: String,
    pub title: String,
    pub title_en: Option<String>,
    pub starts_at: Option<i64>,
    pub ends_at: Option<i64>,
    pub sort_order: i32,
}

/// A checked programme item.
#[derive(Debug, Clone, PartialEq)]
pub struct ItemDraft {
    pub session_id: i64,
    pub kind: ItemKind,
    pub title: String,
    pub title_script: String,
    pub title_en: Option<String>,
    pub starts_at: Option<i64>,
    pub ends_at: Option<i64>,
    pub sort_order: i32,
}

impl ItemInput {
    pub fn validate(&self, author: Script) -> StoreResult<ItemDraft> {
        let mut e = Vec::new();
        let kind = ItemKind::parse(self.kind.trim());
        if kind.is_none() {
            e.push(FieldError::new("kind", "err-unknown-choice"));
        }
        let title = text(&mut e, "title", Some(&self.title), 500, true).unwrap_or_default();
        let title_en = text(&mut e, "title_en", self.title_en.as_deref(), 500, false);
        if let (Some(s), Some(t)) = (self.starts_at, self.ends_at)
            && t < s
        {
            e.push(FieldError::new("ends_at", "err-end-before-start"));
        }
        let (Some(kind), true) = (kind, e.is_empty()) else {
            return Err(StoreError::Invalid(e));
        };
        Ok(ItemDraft {
            session_id: self.session_id,
            kind,
            title_script: script_of(Some(&title), author),
            title,
            title_en,
            starts_at: self.starts_at,
            ends_at: self.ends_at,
            sort_order: self.sort_order,
        })
    }
}

/// The privacy notice's version that registrations consent to; bump it when the notice
/// changes, and every later consent records the new one.
pub const PRIVACY_NOTICE_VERSION: &str = "2024-11";

/// A registration as submitted.
#[derive(Debug, Clone, Default, Serialize, Deserialize, ToSchema)]
#[serde(default)]
pub struct RegistrationInput {
    pub name: String,
    pub email: String,
    pub organisation: Option<String>,
    #[schema(value_type = Option<Region>)]
    pub region: Option<String>,
    #[schema(value_type = Option<crate::model::OrgType>)]
    pub org_type: Option<String>,
    pub position: Option<String>,
    pub phone: Option<String>,
    pub dietary: Option<String>,
    /// Sessions (parallel forums) chosen.
    pub sessions: Vec<i64>,
    /// The participant agreed to the privacy notice.
    pub consent: bool,
    /// Answers to the event's own questions (see [`crate::questions`]).
    pub answers: Vec<crate::AnswerInput>,
}

/// One colleague a representative registers (see `EventStore::register_delegation`).
#[derive(Debug, Clone, PartialEq)]
pub struct DelegateEntry {
    pub draft: RegistrationDraft,
    /// The secret of their own links (cancel, ticket).
    pub manage_token: String,
    /// The language their mails are written in, which the representative chose for them.
    pub locale: String,
}

/// A checked registration.
#[derive(Debug, Clone, PartialEq)]
pub struct RegistrationDraft {
    pub name: String,
    pub name_script: String,
    pub email: String,
    pub organisation: Option<String>,
    pub region: Option<String>,
    pub org_type: Option<String>,
    pub position: Option<String>,
    pub phone: Option<String>,
    pub dietary: Option<String>,
    pub sessions: Vec<i64>,
    pub consent_version: String,
    pub search_key: String,
    pub synthetic: bool,
    /// The account that entered it for someone else (a delegation), if any.
    pub registered_by: Option<i64>,
    /// Answers to the event's own questions, checked against them when registering.
    pub answers: Vec<crate::AnswerInput>,
}

impl RegistrationInput {
    pub fn validate(&self, author: Script) -> StoreResult<RegistrationDraft> {
        let mut e = Vec::new();
        let name = text(&mut e, "name", Some(&self.name), 200, true).unwrap_or_default();
        let email = self.email.trim().to_lowercase();
        let plausible = email
            .split_once('@')
            .is_some_and(|(l, d)| !l.is_empty() && d.contains('.') && !d.starts_with('.'))
            && !email.chars().any(char::is_whitespace);
        if email.is_empty() {
            e.push(FieldError::new("email", "err-required"));
        } else if !plausible || email.len() > 254 {
            e.push(FieldError::new("email", "err-bad-email"));
        }
        let organisation = text(
            &mut e,
            "organisation",
            self.organisation.as_deref(),
            200,
            false,
        );
        let region = self
            .region
            .as_deref()
            .map(str::trim)
            .filter(|r| !r.is_empty())
            .map(str::to_owned);
        if region
            .as_deref()
            .is_some_and(|r| Region::parse(r).is_none())
        {
            e.push(FieldError::new("region", "err-unknown-choice"));
        }
        let org_type = self
            .org_type
            .as_deref()
            .map(str::trim)
            .filter(|r| !r.is_empty())
            .map(str::to_owned);
        if org_type
            .as_deref()
            .is_some_and(|t| crate::OrgType::parse(t).is_none())
        {
            e.push(FieldError::new("org_type", "err-unknown-choice"));
        }
        let position = text(&mut e, "position", self.position.as_deref(), 200, false);
        let phone = text(&mut e, "phone", self.phone.as_deref(), 40, false);
        let dietary = text(&mut e, "dietary", self.dietary.as_deref(), 500, false);
        if !self.consent {
            e.push(FieldError::new("consent", "err-consent-required"));
        }
        if !e.is_empty() {
            return Err(StoreError::Invalid(e));
        }
        let mut sessions = self.sessions.clone();
        sessions.sort_unstable();
        sessions.dedup();
        Ok(RegistrationDraft {
            name_script: script_of(Some(&name), author),
            search_key: fold(&format!(
                "{name} {email} {}",
                organisation.as_deref().unwrap_or("")
            )),
            name,
            email,
            organisation,
            region,
            org_type,
            position,
            phone,
            dietary,
            sessions,
            consent_version: PRIVACY_NOTICE_VERSION.to_owned(),
            synthetic: false,
            registered_by: None,
            answers: self.answers.clone(),
        })
    }
}

impl RegistrationDraft {
    /// Whether the optional field `name` is filled in.
    pub fn has(&self, name: &str) -> bool {
        match name {
            "organisation" => self.organisation.is_some(),
            "position" => self.position.is_some(),
            "region" => self.region.is_some(),
            "org_type" => self.org_type.is_some(),
            "phone" => self.phone.is_some(),
            "dietary" => self.dietary.is_some(),
            _ => true,
        }
    }
}

/// How a registration came: through the public form, or by the organiser's invitation
/// (which passes the public limit but not a room's).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Channel {
    Public,
    Invited,
}

/// Events, programmes and registrations, behind the same two backends as the directory.
#[async_trait]
pub trait EventStore: Send + Sync {
    async fn create_series(
        &self,
        actor: &Actor,
        code: &str,
        name: &str,
        name_script: &str,
        name_en: Option<&str>,
    ) -> StoreResult<EventSeries>;
    async fn list_series(&self) -> StoreResult<Vec<EventSeries>>;
    async fn list_events(&self, filter: &EventFilter) -> StoreResult<Page<Event>>;
    async fn get_event(&self, id: i64) -> StoreResult<Event>;
    /// Copies event `id` as new events, each `shift` seconds later and signing its tickets
    /// with its own key (the next seminar of a series, the monthly ones of a year, next
    /// year's conference), all in one transaction: its details and settings
    /// (registration closed until the organiser opens it), and as `parts` says its
    /// programme (sessions, items, speakers, times shifted), its organising roles and
    /// organisations' places, its registration questions (conditions kept) and its
    /// managers. Never its registrations, invitations, guests of honour or matchmaking.
    async fn copy_event(
        &self,
        actor: &Actor,
        id: i64,
        copies: &[(i64, String)],
        parts: CopyParts,
    ) -> StoreResult<Vec<Event>>;
    async fn create_event(
        &self,
        actor: &Actor,
        draft: &EventDraft,
        signing_key: &str,
    ) -> StoreResult<Event>;
    async fn update_event(&self, actor: &Actor, id: i64, draft: &EventDraft) -> StoreResult<Event>;
    async fn delete_event(&self, actor: &Actor, id: i64) -> StoreResult<()>;
    /// The event's ticket-signing key (hex), for issuing and for the door's public key.
    async fn event_signing_key(&self, id: i64) -> StoreResult<String>;
    async fn add_event_role(
        &self,
        actor: &Actor,
        event_id: i64,
        org_id: i64,
        role: EventRole,
        sort_order: i32,
    ) -> StoreResult<EventRoleRow>;
    async fn create_event_session(
        &self,
        actor: &Actor,
        draft: &SessionDraft,
    ) -> StoreResult<EventSession>;
    async fn create_item(&self, actor: &Actor, draft: &ItemDraft) -> StoreResult<ProgrammeItem>;
    async fn add_speaker(
        &self,
        actor: &Actor,
        item_id: i64,
        person_id: i64,
        title: Option<&str>,
        title_script: &str,
        sort_order: i32,
    ) -> StoreResult<Appearance>;
    async fn add_guest(
        &self,
        actor: &Actor,
        event_id: i64,
        person_id: i64,
        title: Option<&str>,
        title_script: &str,
        sort_order: i32,
    ) -> StoreResult<Appearance>;
    /// Adds a question of the organiser's own to the event's registration form, after
    /// the others (at most [`crate::questions::MAX_QUESTIONS`]).
    async fn add_question(
        &self,
        actor: &Actor,
        event_id: i64,
        question: &crate::QuestionDraft,
    ) -> StoreResult<crate::RegistrationQuestion>;
    /// Changes a question's wording, options and whether it is required; its kind stays.
    /// An option someone chose stays too (`err-option-in-use`), so no answer is left
    /// pointing at nothing.
    async fn update_question(
        &self,
        actor: &Actor,
        event_id: i64,
        question_id: i64,
        question: &crate::QuestionDraft,
    ) -> StoreResult<crate::RegistrationQuestion>;
    /// Moves a question one place up the registration form (the first stays first).
    async fn move_question_up(
        &self,
        actor: &Actor,
        event_id: i64,
        question_id: i64,
    ) -> StoreResult<()>;
    /// The event's own registration questions, in order.
    async fn questions(&self, event_id: i64) -> StoreResult<Vec<crate::RegistrationQuestion>>;
    /// A registration's answers to the event's questions.
    async fn answers_of(&self, registration_id: i64) -> StoreResult<Vec<crate::Answer>>;
    /// Every answer given at an event, for the staff's list and exports.
    async fn event_answers(&self, event_id: i64) -> StoreResult<Vec<crate::Answer>>;
    /// Removes a part of an event's programme: `role`, `session` (with its items and its
    /// room's registrations), `item` (with its speakers), `speaker`, `guest` or `question`
    /// (a question of the registration form, with its answers). The part must belong to
    /// `event_id`.
    async fn remove_programme_part(
        &self,
        actor: &Actor,
        event_id: i64,
        part: &str,
        id: i64,
    ) -> StoreResult<()>;
    /// The event with everything on its page.
    async fn programme(&self, event_id: i64) -> StoreResult<Programme>;
    /// Events an organisation had a role in, newest first, with the role.
    async fn events_of_organisation(&self, org_id: i64) -> StoreResult<Vec<(Event, EventRole)>>;
    /// Events a person spoke at or was a guest of, newest first.
    async fn events_of_person(&self, person_id: i64) -> StoreResult<Vec<Event>>;

    /// Registers for an event and the chosen sessions, in one transaction: a seat if one
    /// is free (for an invitation, even past the public limit), else the waiting list; for
    /// events that need approval, pending. Queues the confirmation mail in the same
    /// transaction. Fails, changing nothing, if registration is closed, the e-mail address
    /// is already registered, or a session is not the event's.
    async fn register(
        &self,
        event_id: i64,
        draft: &RegistrationDraft,
        channel: Channel,
        manage_token: &str,
        locale: &str,
        now: i64,
    ) -> StoreResult<Registration>;
    /// Erases a registration's personal data on its holder's request (PIPL, PDPO, Macao
    /// PDPA), in one transaction. A registration still holding a seat or a place on a
    /// waiting list is cancelled first (the seat goes to the next, its matchmaking requests
    /// and meetings are cancelled and the other sides told). Then the name, e-mail,
    /// organisation, position, phone, dietary needs and staff search key are blanked
    /// (the e-mail becomes `erased-{id}@erased.invalid`), as are the messages of its
    /// meeting requests, the registration's lines in the audit log and its mails (unsent
    /// ones are dropped). Kept, for the counts the reports need: the region, the
    /// organisation type, the check-in time, the meetings' outcomes and the consent record.
    /// When staff erase on the holder's behalf (`actor`), the audit log keeps that they did,
    /// without the data.
    async fn erase_registration(
        &self,
        actor: Option<&Actor>,
        id: i64,
        now: i64,
    ) -> StoreResult<Registration>;
    /// Corrects a registration's details (the holder's right to correct their personal
    /// data: PDPO DPP6, PIPL art. 46, Macao's PDPA art. 11): name, organisation, region,
    /// organisation type, position, phone and dietary needs, as `d` has them, checked
    /// against the fields the event requires. The e-mail address, the sessions and the
    /// consent stay as they are (the address is where the holder's links go). A cancelled,
    /// declined or erased registration is refused (`err-registration-not-correctable`).
    /// When staff or a delegation's representative correct it (`actor`), the audit log
    /// keeps who did and what changed.
    async fn correct_registration(
        &self,
        actor: Option<&Actor>,
        id: i64,
        d: &RegistrationDraft,
        now: i64,
    ) -> StoreResult<Registration>;
    /// The registration whose place was handed to `id`, if one was.
    async fn transferred_from(&self, id: i64) -> StoreResult<Option<Registration>>;
    /// Hands a confirmed or waiting registration's place to someone else (換人出席): a new
    /// registration for `d` (with `manage_token`, mail in `locale`) takes its seat, its
    /// sessions and its place in line as they are, and the old one is cancelled, pointing
    /// to it, without promoting anyone. Both holders are mailed. The holder's matchmaking
    /// (requests, meetings as placed, away slots, profile, reserved table) goes with the
    /// place to a colleague of the same organisation ([`same_organisation`]; a delegate's
    /// place always), each other side told (`mm_handed_on`); for anyone else the meetings
    /// go, the other sides told, since a meeting is between organisations' people.
    /// `meetings` overrides that rule, as staff may choose: `Some(true)` hands them on,
    /// `Some(false)` cancels them.
    /// Refused once checked in or once the event has started; the holder alone (no
    /// `actor`) may not hand on a place the organiser approved or invited by name, which
    /// staff may. A delegate's place keeps the organisation's fields. Returns the old
    /// registration and the new one.
    #[allow(clippy::too_many_arguments)]
    async fn transfer_registration(
        &self,
        actor: Option<&Actor>,
        id: i64,
        d: &RegistrationDraft,
        manage_token: &str,
        locale: &str,
        meetings: Option<bool>,
        now: i64,
    ) -> StoreResult<(Registration, Registration)>;
    /// Cancels a registration and gives its seats to the next on the waiting lists, in
    /// order, queueing their mail; all in one transaction.
    async fn cancel_registration(
        &self,
        actor: Option<&Actor>,
        registration_id: i64,
        now: i64,
    ) -> StoreResult<Registration>;
    /// Approves (a seat or the waiting list, as capacity allows) or declines a pending one.
    async fn decide_registration(
        &self,
        actor: &Actor,
        registration_id: i64,
        approve: bool,
        now: i64,
    ) -> StoreResult<Registration>;
    /// Moves a confirmed registration from one session to another (or adds one): the old
    /// seat goes to that room's waiting list, the new room seats it or lists it.
    async fn move_session(
        &self,
        actor: &Actor,
        registration_id: i64,
        from: Option<i64>,
        to: i64,
    ) -> StoreResult<Vec<SessionRegistration>>;
    async fn get_registration(&self, id: i64) -> StoreResult<Registration>;
    /// Where a registration waiting for a seat stands: 1 for the next to get one (none when
    /// it is not waiting).
    async fn waiting_position(&self, id: i64) -> StoreResult<Option<i64>>;
    async fn registration_by_token(&self, token: &str) -> StoreResult<Registration>;
    /// The registrations made with `email` (stored lower case, so any case finds them),
    /// newest first, across every event: for the holder's own list when signed in.
    async fn registrations_by_address(&self, email: &str) -> StoreResult<Vec<Registration>>;
    /// The invitations sent to `email` (any case) still waiting to be used at `now`:
    /// neither used nor expired, soonest expiring first.
    async fn invitations_by_address(&self, email: &str, now: i64) -> StoreResult<Vec<Invitation>>;
    /// Registers a delegation (團體報名): colleagues whom a member organisation's
    /// representative, the account `by`, enters at once. Each (with their own manage
    /// token and the language of their mails) is registered as the public form would
    /// register them: a seat, the waiting list or pending approval, and their own
    /// confirmation mail with their own link. All in one transaction: one refused (its address already registered, a field the event
    /// requires missing, registration closed) refuses them all, and a field's error is
    /// named `{field}_{n}` for the n-th draft (from 1), so the form can show it on its row.
    /// Where the event sets places per organisation (`delegation_quota`, or the
    /// organisation's own, see `set_organisation_places`), they are counted
    /// under the event's lock, over every account of `by`'s organisation; a delegation that
    /// would pass them is refused whole, with `err-delegation-quota` on `people` and the
    /// places left as its limit.
    async fn register_delegation(
        &self,
        event_id: i64,
        by: i64,
        delegates: &[DelegateEntry],
        now: i64,
    ) -> StoreResult<Vec<Registration>>;
    /// What the account `by` entered for `event_id` as a delegation, in the order entered.
    async fn delegation(&self, event_id: i64, by: i64) -> StoreResult<Vec<Registration>>;
    /// What the other accounts of `by`'s organisation entered for `event_id` as
    /// delegations, each with the name of the account that entered it, in the order
    /// entered: so that one representative sees what the organisation's places went to.
    async fn colleagues_delegation(
        &self,
        event_id: i64,
        by: i64,
    ) -> StoreResult<Vec<(Registration, String)>>;
    /// Sets the places of one organisation at an event, in place of the event's number of
    /// places per organisation (`places` none: the event's number again). A negative
    /// number is refused (`err-not-a-number` on `places`), an unknown organisation too
    /// (`err-unknown-reference` on `org_id`); the audit log keeps who set what.
    async fn set_organisation_places(
        &self,
        actor: &Actor,
        event_id: i64,
        org_id: i64,
        places: Option<i64>,
    ) -> StoreResult<()>;
    /// The organisations with places of their own at `event_id`, as (organisation, places).
    async fn organisation_places(&self, event_id: i64) -> StoreResult<Vec<(i64, i64)>>;
    /// The places `by`'s organisation has at `event_id`: its own, or the event's number
    /// per organisation; none for no limit.
    async fn delegation_quota_for(&self, event_id: i64, by: i64) -> StoreResult<Option<i64>>;
    /// The places `by`'s organisation holds at `event_id` through delegations: what any of
    /// its accounts entered and is neither cancelled nor declined (what the quota counts).
    async fn delegation_places(&self, event_id: i64, by: i64) -> StoreResult<i64>;
    /// Queues the reminder of an event (`reminder`: when, where, the link to the ticket and
    /// to cancel) for each confirmed registration of an event that starts between
    /// [`REMINDER_LAST_SECONDS`] and the event's `reminder_hours` (else
    /// [`REMINDER_LEAD_SECONDS`]) after `now`, made at least
    /// [`REMINDER_SETTLE_SECONDS`] before `now`; once per registration ever (a unique
    /// index, so that nodes sweeping at once never queue two). The demo's synthetic
    /// registrations are left out, as are events whose organiser turned reminders off
    /// (`reminders_off`). Returns how many were queued. The mail worker sweeps
    /// with this; a reminder whose registration is no longer confirmed when it is sent, or
    /// whose event has begun, is dropped then.
    async fn queue_event_reminders(&self, now: i64) -> StoreResult<u64>;
    /// Lets personal data go when the organiser's period has passed, for every node to run
    /// now and then (a sweep, so that nodes sweeping at once do the work once: each step
    /// takes only what is still there).
    /// - Each registration of an event whose `retention_days` after its end have passed is
    ///   anonymised, as an erasure anonymises (name, e-mail, organisation, position, phone,
    ///   dietary needs, answers, messages, feedback comments, notes, its lines in the audit
    ///   log and mails), one event per transaction under the event's lock, but keeps its
    ///   status, sessions, region, organisation type and check-in, so that the reports'
    ///   counts of who came stand. One audit line per event says how many went.
    /// - The answers to each question whose own `retention_days` after its event's end
    ///   have passed are deleted.
    async fn sweep_retention(&self, now: i64) -> StoreResult<RetentionSwept>;
    /// Asks the registrants with a seat for feedback once the event is over: those the
    /// door checked in, where it checked in anyone; every one otherwise. One mail each
    /// (kind `feedback`), never twice however often it is asked, not to the demo's
    /// registrants nor to those erased. The form stays open [`FEEDBACK_DAYS`] after the
    /// event. Returns how many were asked now. Before the event ends:
    /// `err-feedback-too-early`; once the form has closed: `err-feedback-closed`.
    async fn ask_for_feedback(&self, actor: &Actor, event_id: i64, now: i64) -> StoreResult<u64>;
    /// Reminds those asked for feedback on the event who have not given it, once each,
    /// while the form is open (`err-feedback-closed` after; `err-feedback-not-asked`
    /// before anyone was asked). Returns how many were reminded now.
    async fn remind_feedback(&self, actor: &Actor, event_id: i64, now: i64) -> StoreResult<u64>;
    /// Keeps a registrant's feedback, replacing what they gave before (the sessions'
    /// ratings too). Only where it was asked and the registration holds a seat
    /// (`err-feedback-not-asked`), and until [`FEEDBACK_DAYS`] after the event
    /// (`err-feedback-closed`); a session is rated only by those who held a seat in it
    /// (`err-unknown-choice` on `session_{id}`).
    async fn give_feedback(
        &self,
        registration_id: i64,
        d: &FeedbackDraft,
        now: i64,
    ) -> StoreResult<EventFeedback>;
    async fn feedback_of(&self, registration_id: i64) -> StoreResult<Option<EventFeedback>>;
    /// The ratings a registrant gave the event's sessions.
    async fn session_ratings_of(&self, registration_id: i64) -> StoreResult<Vec<SessionRating>>;
    /// How each of the event's sessions was rated, in the programme's order; sessions
    /// nobody rated are left out.
    async fn session_feedback(&self, event_id: i64) -> StoreResult<Vec<SessionTally>>;
    /// An event's feedback, newest first.
    async fn event_feedback(&self, event_id: i64) -> StoreResult<Vec<EventFeedback>>;
    /// Makes the account with `email` a manager of the event (see [`EventManager`]);
    /// an address no account has is an error on `email` (`err-no-such-account`), one
    /// already a manager is left as it is.
    async fn add_event_manager(
        &self,
        actor: &Actor,
        event_id: i64,
        email: &str,
    ) -> StoreResult<EventManager>;
    /// Takes an account's management of the event away.
    async fn remove_event_manager(
        &self,
        actor: &Actor,
        event_id: i64,
        user_id: i64,
    ) -> StoreResult<()>;
    /// The event's managers, in the order they were added.
    async fn event_managers(&self, event_id: i64) -> StoreResult<Vec<EventManager>>;
    /// The events an account manages.
    async fn managed_events(&self, user_id: i64) -> StoreResult<Vec<i64>>;
    /// Queues, for each manager of an event that needs approval, one mail (`approvals`)
    /// saying that registrations await their decision, when one came since they were last
    /// told and that was at least [`APPROVAL_NOTICE_SECONDS`] ago (the demo's synthetic
    /// registrations aside). The mail counts what waits when it is sent. Claimed row by
    /// row, so that nodes sweeping at once queue one each. Returns how many were queued.
    async fn queue_approval_notices(&self, now: i64) -> StoreResult<u64>;
    /// Queues one mail to `email` with the links of the registrations made with it and of
    /// the invitations to it still waiting, for a holder who lost them, in `locale`;
    /// written when sent, so it lists what stands then. Returns whether it was queued: not
    /// when the address holds no registration anyone writes to (none, or only the demo's)
    /// and no invitation waiting, nor when such a mail went to it less than
    /// [`RESEND_LINKS_SECONDS`] before (so the form cannot be used to flood a mailbox).
    /// The page says the same in every case, so it tells nobody whether an address
    /// registered.
    async fn queue_registration_links(
        &self,
        email: &str,
        locale: &str,
        now: i64,
    ) -> StoreResult<bool>;
    async fn session_registrations(
        &self,
        registration_id: i64,
    ) -> StoreResult<Vec<SessionRegistration>>;
    /// The sessions (parallel forums) an organisation organises (承辦), the latest first.
    async fn sessions_organised_by(&self, org_id: i64) -> StoreResult<Vec<EventSession>>;
    /// Every session place of an event, in one query (for attendance by session).
    async fn event_session_registrations(
        &self,
        event_id: i64,
    ) -> StoreResult<Vec<SessionRegistration>>;
    /// Registrations of an event, optionally only those matching a name, e-mail or
    /// organisation in either script, in registration order.
    async fn list_registrations(
        &self,
        event_id: i64,
        q: Option<&str>,
        status: Option<RegStatus>,
        limit: i64,
        offset: i64,
    ) -> StoreResult<Page<Registration>>;
    /// Marks attendance; a second scan reports when the first was.
    async fn check_in(&self, event_id: i64, registration_id: i64, now: i64)
    -> StoreResult<CheckIn>;

    /// Invites someone to register: queues the invitation mail with its personal link.
    /// Inviting the same address to the same event twice is refused.
    #[allow(clippy::too_many_arguments)]
    async fn invite(
        &self,
        actor: &Actor,
        event_id: i64,
        email: &str,
        name: &str,
        name_script: &str,
        token: &str,
        locale: &str,
        expires_at: i64,
        now: i64,
    ) -> StoreResult<Invitation>;
    /// Invites a list (an imported sheet) in one transaction: all of them, or none.
    async fn invite_many(
        &self,
        actor: &Actor,
        event_id: i64,
        invitees: &[Invitee],
        expires_at: i64,
        now: i64,
    ) -> StoreResult<Vec<Invitation>>;
    async fn invitation_by_token(&self, token: &str) -> StoreResult<Invitation>;
    async fn get_invitation(&self, id: i64) -> StoreResult<Invitation>;
    async fn list_invitations(&self, event_id: i64) -> StoreResult<Vec<Invitation>>;
    /// Registers the holder of an invitation (past the public limit, never past a room's)
    /// and marks it used, in one transaction; an expired or used invitation changes nothing.
    async fn accept_invitation(
        &self,
        token: &str,
        draft: &RegistrationDraft,
        manage_token: &str,
        locale: &str,
        now: i64,
    ) -> StoreResult<Registration>;
    /// Queues one message to every registrant of an event (optionally only those with
    /// `status`), in one transaction; returns how many were queued. Demo participants are
    /// skipped.
    async fn queue_announcement(
        &self,
        actor: &Actor,
        event_id: i64,
        status: Option<RegStatus>,
        subject: &str,
        body: &str,
        now: i64,
    ) -> StoreResult<i64>;
    /// Claims the oldest message due, leasing it until `lease_until` so that no other
    /// node sends it meanwhile (its last error cleared while it is tried); a sender that
    /// dies leaves it to be retried after the lease.
    async fn claim_mail(&self, now: i64, lease_until: i64) -> StoreResult<Option<OutboxMessage>>;
    async fn mark_mail_sent(&self, id: i64, now: i64) -> StoreResult<()>;
    async fn mark_mail_failed(&self, id: i64, error: &str, retry_at: i64) -> StoreResult<()>;
    /// The outbox at a glance at `now`: how many mails wait, how many of them failed at
    /// least once, since when the oldest waits, and how many went in the last day.
    async fn outbox_summary(&self, now: i64) -> StoreResult<OutboxSummary>;
    /// The mails waiting, oldest first (`sent` false), or those sent, newest first; at
    /// most `limit`.
    async fn outbox_list(&self, sent: bool, limit: i64) -> StoreResult<Vec<OutboxMessage>>;
    /// Makes every mail that failed due at `now`, for after the mail server is mended
    /// rather than waiting out each one's back-off (not one being sent: a claim clears
    /// its last error, and its lease stands); returns how many.
    async fn retry_mail_now(&self, now: i64) -> StoreResult<u64>;
}

/// The outbox at a glance ([`EventStore::outbox_summary`]).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct OutboxSummary {
    pub waiting: i64,
    /// Waiting, and the mail server refused or could not be reached at least once.
    pub failing: i64,
    pub oldest_waiting_at: Option<i64>,
    pub sent_last_day: i64,
}

/// Days after its event that a registrant may give or change their feedback.
pub const FEEDBACK_DAYS: i64 = 30;

/// How long each of a feedback's two texts may be, in characters.
pub const MAX_FEEDBACK_TEXT: usize = 2000;

/// A registrant's feedback on an event after it (活動回饋): a rating from 1 to 5 and, if
/// they like, what was most useful and what to change, in the script they wrote it in.
/// An erasure keeps the rating and drops the texts.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema, sqlx::FromRow)]
pub struct EventFeedback {
    pub registration_id: i64,
    pub event_id: i64,
    pub rating: i64,
    pub useful: Option<String>,
    pub improve: Option<String>,
    pub script: String,
    pub created_at: i64,
    pub updated_at: i64,
}

/// A rating of one session (a parallel forum) of the event, 1 to 5.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, ToSchema, sqlx::FromRow)]
pub struct SessionRating {
    pub session_id: i64,
    pub rating: i64,
}

/// Feedback as submitted, before [`FeedbackInput::validate`].
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[serde(default)]
pub struct FeedbackInput {
    /// 1 (poor) to 5 (excellent).
    pub rating: i64,
    /// What was most useful.
    pub useful: Option<String>,
    /// What to change next time.
    pub improve: Option<String>,
    /// Ratings of the sessions one held a seat in, if one likes; they replace those given
    /// before.
    pub sessions: Vec<SessionRating>,
}

/// Checked feedback.
#[derive(Debug, Clone, PartialEq)]
pub struct FeedbackDraft {
    pub rating: i64,
    pub useful: Option<String>,
    pub improve: Option<String>,
    pub script: String,
    pub sessions: Vec<SessionRating>,
}

/// How one session of an event was rated: by how many, and on average.
#[derive(Debug, Clone, PartialEq, Serialize, ToSchema)]
pub struct SessionTally {
    pub session_id: i64,
    pub count: i64,
    pub average: f64,
}

impl FeedbackInput {
    /// Checks the feedback; `reader` is the script of a text that does not tell its own.
    pub fn validate(&self, reader: baylink_text::Script) -> StoreResult<FeedbackDraft> {
        let mut c = crate::input::Checker::default();
        if !(1..=5).contains(&self.rating) {
            c.errors
                .push(FieldError::new("rating", "err-feedback-rating"));
        }
        let mut sessions: Vec<SessionRating> = Vec::new();
        for x in &self.sessions {
            let field = format!("session_{}", x.session_id);
            if !(1..=5).contains(&x.rating) {
                c.errors
                    .push(FieldError::new(&field, "err-feedback-rating"));
            } else if sessions.iter().any(|y| y.session_id == x.session_id) {
                c.errors.push(FieldError::new(&field, "err-unknown-choice"));
            } else {
                sessions.push(*x);
            }
        }
        let useful = c.optional("useful", self.useful.as_deref(), MAX_FEEDBACK_TEXT);
        let improve = c.optional("improve", self.improve.as_deref(), MAX_FEEDBACK_TEXT);
        if !c.errors.is_empty() {
            return Err(StoreError::Invalid(c.errors));
        }
        let written = format!(
            "{}\n{}",
            useful.as_deref().unwrap_or(""),
            improve.as_deref().unwrap_or("")
        );
        Ok(FeedbackDraft {
            rating: self.rating,
            useful,
            improve,
            sessions,
            script: baylink_text::detect(&written, reader).code().to_owned(),
        })
    }
}

/// The tally of an event's feedback: how many gave it, the average rating, how many gave
/// each rating (index 0 for 1).
#[derive(Debug, Clone, PartialEq, Serialize, ToSchema)]
pub struct FeedbackTally {
    pub count: i64,
    pub average: Option<f64>,
    pub by_rating: [i64; 5],
}

impl FeedbackTally {
    pub fn of(feedback: &[EventFeedback]) -> FeedbackTally {
        let mut by_rating = [0; 5];
        for f in feedback {
            if let Some(n) = usize::try_from(f.rating - 1)
                .ok()
                .and_then(|i| by_rating.get_mut(i))
            {
                *n += 1;
            }
        }
        let count = feedback.len() as i64;
        let sum: i64 = feedback.iter().map(|f| f.rating).sum();
        FeedbackTally {
            count,
            average: (count > 0).then(|| sum as f64 / count as f64),
            by_rating,
        }
    }
}
