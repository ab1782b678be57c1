//! Matchmaking (項目對接) as stored: an event's meeting slots and tables, the 1:1 meeting
//! requests between its confirmed participants, when each is not available, the schedule
//! (a slot and a table per accepted request) and each side's outcome.
//!
//! Participants are registrations, so a participant acts through the same personal link as
//! for their ticket; no account is needed. The engine itself lives in
//! `baylink-matchmaking`; this module only keeps its input and its result, and every rule
//! about who may ask whom is checked here, in the transaction that writes.

use async_trait::async_trait;
use baylink_text::{Script, detect};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::Actor;
use crate::error::{FieldError, StoreError, StoreResult};
use crate::market::{AgreementType, PipelineMove, PipelineStage};
use crate::model::code_enum;

code_enum!(
    /// Where an event's matchmaking stands.
    MatchmakingStatus, "mm-status" {
        /// Requests are being sent and answered.
        Open = "open",
        /// The organiser has a draft schedule; participants do not see it yet.
        Scheduled = "scheduled",
        /// Participants see their agendas.
        Published = "published",
    }
);

code_enum!(
    /// Where a meeting request stands.
    RequestStatus, "mm-request" {
        Pending = "pending",
        Accepted = "accepted",
        Declined = "declined",
        /// Not answered before the acceptance deadline.
        Expired = "expired",
        Cancelled = "cancelled",
    }
);

code_enum!(
    /// When the requester would like the meeting: any time, or in the morning or the
    /// afternoon (of any day; a slot starting before noon, Hong Kong time, is a morning slot).
    MeetingSession, "mm-session" {
        Any = "any",
        Morning = "morning",
        Afternoon = "afternoon",
    }
);

code_enum!(
    /// A language a participant can hold a meeting in: the alliance's three cities speak
    /// Cantonese and Mandarin, its members abroad English, and Macao also Portuguese.
    MeetingLanguage, "mm-lang" {
        Cantonese = "yue",
        Mandarin = "cmn",
        English = "en",
        Portuguese = "pt",
    }
);

impl MeetingLanguage {
    /// The languages in a stored list of codes (`"yue,en"`), in display order; unknown
    /// codes are skipped.
    pub fn list(codes: &str) -> Vec<MeetingLanguage> {
        Self::ALL
            .iter()
            .copied()
            .filter(|l| codes.split(',').any(|c| c.trim() == l.code()))
            .collect()
    }

    /// The stored form of `languages`: their codes in display order, by commas.
    pub fn codes(languages: &[MeetingLanguage]) -> String {
        Self::ALL
            .iter()
            .filter(|l| languages.contains(l))
            .map(|l| l.code())
            .collect::<Vec<_>>()
            .join(",")
    }

    /// Whether two who said which languages they speak have none in common (so the
    /// meeting may need an interpreter). Someone who said nothing is not judged.
    pub fn apart(a: &[MeetingLanguage], b: &[MeetingLanguage]) -> bool {
        !a.is_empty() && !b.is_empty() && !a.iter().any(|l| b.contains(l))
    }
}

code_enum!(
    /// What a side says of a meeting afterwards (the Enterprise Europe Network's scale).
    MeetingOutcome, "mm-outcome" {
        NotHeld = "not_held",
        InsufficientInterest = "insufficient_interest",
        Informative = "informative",
        CooperationPossible = "cooperation_possible",
    }
);

/// An event's matchmaking settings.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema, sqlx::FromRow)]
pub struct Matchmaking {
    pub event_id: i64,
    pub meeting_minutes: i64,
    /// Requests one participant may have open or accepted at once.
    pub max_requests: i64,
    pub request_deadline: Option<i64>,
    pub accept_deadline: Option<i64>,
    #[sqlx(try_from = "String")]
    pub status: MatchmakingStatus,
    pub published_at: Option<i64>,
    pub version: i64,
    pub updated_at: i64,
    /// Participants pick the slot when they accept a request
    /// ([`MatchmakingStore::book_meeting`]), besides the organiser's schedule.
    pub self_booking: bool,
    /// The video service where participants who take part from afar meet (a Jitsi
    /// server, say): each gets a room there ([`MatchmakingStore::set_online_room`]).
    pub video_url: Option<String>,
    /// Requests are accepted on arrival (b2match's "Automatic" mode); the one asked may
    /// still cancel the meeting.
    pub auto_accept: bool,
}

/// Settings as submitted, before [`MatchmakingInput::validate`].
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
pub struct MatchmakingInput {
    pub meeting_minutes: i64,
    pub max_requests: i64,
    pub request_deadline: Option<i64>,
    pub accept_deadline: Option<i64>,
    /// See [`Matchmaking::self_booking`].
    #[serde(default)]
    pub self_booking: bool,
    /// See [`Matchmaking::video_url`]: `https://…`, up to [`MAX_VIDEO_URL_CHARS`].
    #[serde(default)]
    pub video_url: Option<String>,
    /// See [`Matchmaking::auto_accept`].
    #[serde(default)]
    pub auto_accept: bool,
}

/// Checked settings.
#[derive(Debug, Clone, PartialEq)]
pub struct MatchmakingDraft(MatchmakingInput);

impl MatchmakingInput {
    pub fn validate(self) -> Result<MatchmakingDraft, Vec<FieldError>> {
        let mut errors = Vec::new();
        if !(5..=240).contains(&self.meeting_minutes) {
            errors.push(FieldError::new("meeting_minutes", "err-mm-minutes"));
        }
        if !(1..=200).contains(&self.max_requests) {
            errors.push(FieldError::new("max_requests", "err-mm-max-requests"));
        }
        if let (Some(r), Some(a)) = (self.request_deadline, self.accept_deadline)
            && a < r
        {
            errors.push(FieldError::new(
                "accept_deadline",
                "err-mm-accept-before-request",
            ));
        }
        let mut draft = self;
        draft.video_url = draft
            .video_url
            .map(|u| u.trim().trim_end_matches('/').to_owned())
            .filter(|u| !u.is_empty());
        if draft.video_url.as_deref().is_some_and(|u| {
            !u.starts_with("https://")
                || u.len() <= "https://".len()
                || u.chars().count() > MAX_VIDEO_URL_CHARS
                || u.chars()
                    .any(|c| c.is_whitespace() || c.is_control() || "\"<>".contains(c))
        }) {
            errors.push(FieldError::new("video_url", "err-mm-video-url"));
        }
        if errors.is_empty() {
            Ok(MatchmakingDraft(draft))
        } else {
            Err(errors)
        }
    }
}

impl PartialEq for MatchmakingInput {
    fn eq(&self, other: &Self) -> bool {
        (
            self.meeting_minutes,
            self.max_requests,
            self.request_deadline,
            self.accept_deadline,
            self.self_booking,
            &self.video_url,
            self.auto_accept,
        ) == (
            other.meeting_minutes,
            other.max_requests,
            other.request_deadline,
            other.accept_deadline,
            other.self_booking,
            &other.video_url,
            other.auto_accept,
        )
    }
}

impl MatchmakingDraft {
    pub fn input(&self) -> &MatchmakingInput {
        &self.0
    }
}

/// A time slot for meetings.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema, sqlx::FromRow)]
pub struct MeetingSlot {
    pub id: i64,
    pub event_id: i64,
    pub starts_at: i64,
    pub ends_at: i64,
}

/// A table (or room) for meetings; a reserved one holds only its owner's meetings.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema, sqlx::FromRow)]
pub struct MeetingTable {
    pub id: i64,
    pub event_id: i64,
    pub label: String,
    pub reserved_for: Option<i64>,
    /// Where the table is a participant's online room: its address on the event's video
    /// service ([`MatchmakingStore::set_online_room`]); a table in the hall has none.
    pub link: Option<String>,
}

/// A request for a 1:1 meeting, and, once accepted and scheduled, the meeting.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema, sqlx::FromRow)]
pub struct MeetingRequest {
    pub id: i64,
    pub event_id: i64,
    pub from_reg: i64,
    pub to_reg: i64,
    pub message: String,
    pub message_script: String,
    /// 1 (would like) to 3 (must meet).
    pub priority: i64,
    #[sqlx(try_from = "String")]
    pub status: RequestStatus,
    pub created_at: i64,
    pub decided_at: Option<i64>,
    pub slot_id: Option<i64>,
    pub table_id: Option<i64>,
    /// Kept where it is when the organiser schedules again.
    pub locked: bool,
    pub outcome_from: Option<String>,
    pub outcome_to: Option<String>,
    #[sqlx(try_from = "String")]
    pub session: MeetingSession,
    /// The priority the other side gave when accepting (1 to 3).
    pub to_priority: Option<i64>,
    /// The introduction (供需對接) this meeting was requested from, if any.
    pub interest_id: Option<i64>,
    /// Arranged by the organisers ([`MatchmakingStore::arrange_meeting`]), not asked for
    /// by `from_reg`.
    pub arranged: bool,
}

impl MeetingRequest {
    /// What the meeting weighs when not all fit: both sides' priorities.
    pub fn weight(&self) -> i64 {
        self.priority.clamp(1, 3) + self.to_priority.unwrap_or(2).clamp(1, 3)
    }

    /// Either side has recorded an outcome: the meeting was held (or judged), so it stays
    /// as it is and can no longer be cancelled.
    pub fn held(&self) -> bool {
        self.outcome_from.is_some() || self.outcome_to.is_some()
    }

    /// Either side says it did not take place (a no-show, a late plane): where
    /// participants book, it may be booked again at another time (Brella's reschedule
    /// after a no-show), its outcomes cleared.
    pub fn not_held(&self) -> bool {
        let no = Some(MeetingOutcome::NotHeld.code());
        self.status == RequestStatus::Accepted
            && (self.outcome_from.as_deref() == no || self.outcome_to.as_deref() == no)
    }

    /// Whether its place is one its two sides have seen: it has a slot, and the schedule is
    /// `published` or the meeting is locked (booked by a participant, or fixed by the
    /// organiser). A place only in the organiser's unpublished draft is not one; nobody is
    /// asked how such a meeting went.
    pub fn placed_for_all(&self, published: bool) -> bool {
        self.slot_id.is_some() && (published || self.locked)
    }

    /// Whether it can still be cancelled by someone: a request waiting for its answer, or
    /// an accepted meeting not yet held.
    pub fn cancellable(&self) -> bool {
        match self.status {
            RequestStatus::Pending => true,
            RequestStatus::Accepted => !self.held(),
            _ => false,
        }
    }

    /// Whether it gives `reg` a meeting, or the prospect of one: a request either way that
    /// is waiting for its answer or accepted. Who has none is invited to book
    /// ([`MatchmakingStore::nudge_idle`] states the same rule in SQL).
    pub fn engages(&self, reg: i64) -> bool {
        (self.from_reg == reg || self.to_reg == reg)
            && matches!(
                self.status,
                RequestStatus::Pending | RequestStatus::Accepted
            )
    }

    /// The registration `reg` meets in this request: the other side.
    pub fn other_side(&self, reg: i64) -> i64 {
        if self.from_reg == reg {
            self.to_reg
        } else {
            self.from_reg
        }
    }
}

/// A request as sent, checked by [`RequestInput::validate`].
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
pub struct RequestInput {
    pub to_reg: i64,
    #[serde(default)]
    pub message: String,
    pub priority: i64,
    /// `any` (the default), `morning` or `afternoon`.
    #[serde(default)]
    pub session: Option<String>,
}

/// A checked request: the message trimmed, with its script.
#[derive(Debug, Clone, PartialEq)]
pub struct RequestDraft {
    pub to_reg: i64,
    pub message: String,
    pub message_script: Script,
    pub priority: i64,
    pub session: MeetingSession,
    /// Set by the caller when the request comes from an introduction.
    pub interest_id: Option<i64>,
}

/// The longest message a request may carry, in characters.
pub const MAX_MESSAGE_CHARS: usize = 1000;

/// One side's comment on a meeting, beside its outcome, for the organisers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema, sqlx::FromRow)]
pub struct MeetingFeedback {
    pub request_id: i64,
    pub registration_id: i64,
    pub comment: String,
    /// The script the comment is written in.
    pub comment_script: String,
    pub updated_at: i64,
}

/// The organisers' reminders and invitations to book reach a participant at most once in
/// this many seconds (a day), however often the button is pressed, and by however many
/// organisers.
pub const MAIL_GAP: i64 = 86_400;

/// How long after being asked where a cooperation stands one is not asked again about it
/// ([`MatchmakingStore::ask_cooperations`]): a month, as talks towards an agreement go.
pub const COOPERATION_ASK_GAP: i64 = 30 * 86_400;

/// How long after a participant's last published meeting they are asked by mail how
/// their meetings went (`mm_followup`): long enough for the last one to end late.
pub const FOLLOW_UP_AFTER: i64 = 3600;

/// What a participant says of themselves for matchmaking: what they offer, what they
/// look for.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema, sqlx::FromRow)]
pub struct MatchmakingProfile {
    pub registration_id: i64,
    pub about: String,
    /// The script it is written in.
    pub about_script: String,
    /// Requests to them come in one mail a day ([`digest_due`]) rather than one each.
    pub daily: bool,
    pub updated_at: i64,
    /// The languages they can meet in, as codes by commas ([`MeetingLanguage::list`]);
    /// empty when not said.
    pub languages: String,
}

impl MatchmakingProfile {
    pub fn languages(&self) -> Vec<MeetingLanguage> {
        MeetingLanguage::list(&self.languages)
    }
}

/// A meeting one had at another event, or a colleague had (someone who registered with the
/// same organisation), with someone whose address is `other_email` there
/// ([`MatchmakingStore::earlier_meetings`]).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema, sqlx::FromRow)]
pub struct EarlierMeeting {
    pub event_id: i64,
    pub event_title: String,
    pub event_title_script: String,
    pub event_title_en: Option<String>,
    /// When the meeting began.
    pub starts_at: i64,
    pub other_email: String,
    /// The organisation the other side registered with then, as written.
    pub other_organisation: Option<String>,
    /// The meeting was the person's own (same address); otherwise a colleague's.
    pub same_person: bool,
    /// Both sides' outcomes, as [`MeetingRequest::outcome_from`] and `outcome_to`.
    pub outcome_from: Option<String>,
    pub outcome_to: Option<String>,
    /// Where the cooperation after it stands, and the kind of agreement signed, if it
    /// went that far ([`MeetingCooperation`]).
    pub cooperation_stage: Option<String>,
    pub agreement_type: Option<String>,
}

/// Where the cooperation after a 1:1 meeting stands: the alliance's closed loop (閉環)
/// from a meeting to a signed agreement, for a meeting not requested from an introduction
/// (one that was moves that introduction's pipeline instead). It starts "in talks" when
/// either side says cooperation is possible ([`MatchmakingStore::record_feedback`]) and
/// moves on as an introduction does ([`PipelineMove`]), by either side or the organiser
/// ([`MatchmakingStore::move_cooperation`]).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema, sqlx::FromRow)]
pub struct MeetingCooperation {
    pub request_id: i64,
    pub event_id: i64,
    /// A [`PipelineStage`] code; never `introduced`, since the meeting was the introduction.
    pub stage: String,
    /// An [`AgreementType`] code, once signed.
    pub agreement_type: Option<String>,
    pub updated_at: i64,
    pub version: i64,
}

impl MeetingCooperation {
    pub fn stage(&self) -> Option<PipelineStage> {
        PipelineStage::parse(&self.stage)
    }

    pub fn agreement(&self) -> Option<AgreementType> {
        self.agreement_type
            .as_deref()
            .and_then(AgreementType::parse)
    }

    /// The stages it may move to from where it stands, in pipeline order.
    pub fn next(&self) -> Vec<PipelineStage> {
        let Some(from) = self.stage() else {
            return Vec::new();
        };
        PipelineStage::ALL
            .iter()
            .copied()
            .filter(|&to| {
                PipelineMove {
                    stage: to,
                    agreement_type: None,
                    note: String::new(),
                }
                .allowed_from(from)
            })
            .collect()
    }
}

/// One move of a meeting's cooperation, for its history: by one of the meeting's sides
/// (`by_reg`) or an organiser (`user_id`), or by the outcome a side told (`by_reg`, no
/// note).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema, sqlx::FromRow)]
pub struct CooperationStep {
    pub id: i64,
    pub request_id: i64,
    pub stage: String,
    pub agreement_type: Option<String>,
    pub note: String,
    pub note_script: String,
    pub by_reg: Option<i64>,
    pub user_id: Option<i64>,
    pub at: i64,
    /// This step took the last move back ([`crate::market::PipelineBack`]); `stage` is
    /// where that left the cooperation.
    pub takes_back: bool,
}

/// Who moves a meeting's cooperation on ([`MatchmakingStore::move_cooperation`]).
#[derive(Debug, Clone, Copy)]
pub enum CooperationBy<'a> {
    /// One of the meeting's two sides, by their registration.
    Side(i64),
    /// The organiser of the event `event_id` (the meeting must be one of its own); audited.
    Organiser { actor: &'a Actor, event_id: i64 },
}

/// What an organisation a participant registered with is known by across events and
/// scripts: folded ([`baylink_text::fold`]: Simplified, lower case), `None` for a
/// placeholder that names no organisation (a dash, "N/A", "個人"), which must not make
/// strangers colleagues.
pub fn organisation_key(organisation: &str) -> Option<String> {
    const NOT_ONE: [&str; 10] = [
        "-",
        "n/a",
        "na",
        "none",
        "nil",
        "无",
        "個人",
        "个人",
        "individual",
        "self-employed",
    ];
    let folded = baylink_text::fold(organisation);
    if NOT_ONE.iter().any(|p| baylink_text::fold(p) == folded) {
        return None;
    }
    // Its best form: "Acme Co., Ltd." and "ACME" are one organisation.
    baylink_text::organisation_forms(organisation)
        .into_iter()
        .next()
}

/// The ways `organisation` may have been written at another event, trimmed and lower case
/// (what [`MatchmakingStore::earlier_meetings`] compares): as written and in its forms
/// ([`baylink_text::organisation_forms`]: "acme" for "Acme Co., Ltd.", "香港科技大学" for
/// "香港科技大學（HKUST）"), each in Simplified and in Traditional script; empty for a
/// placeholder.
pub fn organisation_spellings(organisation: &str) -> Vec<String> {
    use baylink_text::{Script, display};
    if organisation_key(organisation).is_none() {
        return Vec::new();
    }
    let written = organisation.trim();
    let mut out = Vec::new();
    for name in std::iter::once(written.to_owned()).chain(baylink_text::organisation_forms(written))
    {
        let from = detect(&name, Script::Hant);
        for spelling in [
            name.clone(),
            display(&name, from, Script::Hans).into_owned(),
            display(&name, from, Script::Hant).into_owned(),
        ] {
            out.push(spelling.to_lowercase());
        }
    }
    out.sort();
    out.dedup();
    out
}

/// When a participant who takes their requests once a day ([`MatchmakingProfile::daily`])
/// is mailed about a request made at `now`: the next 09:00 in Hong Kong, but not so late
/// that the requests expire first: at the latest three hours before `answer_by`, and
/// never before `now`.
pub fn digest_due(now: i64, answer_by: Option<i64>) -> i64 {
    const DAY: i64 = 86_400;
    // 09:00 in Hong Kong (UTC+8, no summer time) is 01:00 UTC.
    const AT: i64 = 3_600;
    let today = now.div_euclid(DAY) * DAY + AT;
    let next = if today > now { today } else { today + DAY };
    match answer_by {
        Some(deadline) => next.min(deadline - 3 * 3_600).max(now),
        None => next,
    }
}

/// When to send each day's "your meetings today" mail (kind `mm_today`) to a participant
/// whose meetings start at `starts`: 07:30 in Hong Kong on each day that has one, or an
/// hour before that day's first meeting if it is earlier; in order, one per day.
pub fn day_mails(starts: &[i64]) -> Vec<i64> {
    const DAY: i64 = 86_400;
    const HK: i64 = 8 * 3_600;
    let mut first: std::collections::BTreeMap<i64, i64> = std::collections::BTreeMap::new();
    for &t in starts {
        let day = (t + HK).div_euclid(DAY);
        let e = first.entry(day).or_insert(t);
        *e = (*e).min(t);
    }
    first
        .into_iter()
        .map(|(day, earliest)| (day * DAY - HK + 7 * 3_600 + 1_800).min(earliest - 3_600))
        .collect()
}

/// The Hong Kong day (as `[start, end)` in Unix seconds) that `t` falls in.
pub fn hk_day(t: i64) -> (i64, i64) {
    const DAY: i64 = 86_400;
    const HK: i64 = 8 * 3_600;
    let start = (t + HK).div_euclid(DAY) * DAY - HK;
    (start, start + DAY)
}

/// The longest matchmaking profile, in characters.
pub const MAX_PROFILE_CHARS: usize = 1000;

/// The longest comment on a meeting, in characters.
pub const MAX_FEEDBACK_CHARS: usize = 1000;

/// A comment on a meeting as the store keeps it: trimmed, within
/// [`MAX_FEEDBACK_CHARS`] (`err-too-long`), with the script it is written in.
pub fn feedback_comment(comment: &str) -> Result<(String, Script), Vec<FieldError>> {
    free_text("comment", comment, MAX_FEEDBACK_CHARS)
}

/// A matchmaking profile as the store keeps it, likewise within [`MAX_PROFILE_CHARS`].
pub fn profile_about(about: &str) -> Result<(String, Script), Vec<FieldError>> {
    free_text("about", about, MAX_PROFILE_CHARS)
}

/// A message between the two sides of a meeting request as the store keeps it
/// ([`crate::MeetingMessageStore`]): trimmed, not empty (`err-required`), within
/// [`MAX_MESSAGE_CHARS`], with its script.
pub fn message_body(body: &str) -> Result<(String, Script), Vec<FieldError>> {
    let (body, script) = free_text("body", body, MAX_MESSAGE_CHARS)?;
    if body.is_empty() {
        return Err(vec![FieldError::new("body", "err-required")]);
    }
    Ok((body, script))
}

/// `text` trimmed, at most `max` characters (`err-too-long` on `field`), with its script.
fn free_text(field: &str, text: &str, max: usize) -> Result<(String, Script), Vec<FieldError>> {
    let text = text.trim();
    if text.chars().count() > max {
        let mut e = FieldError::new(field, "err-too-long");
        e.limit = Some(max as i64);
        return Err(vec![e]);
    }
    Ok((text.to_owned(), detect(text, Script::Latin)))
}

impl RequestInput {
    pub fn validate(self, fallback: Script) -> Result<RequestDraft, Vec<FieldError>> {
        let mut errors = Vec::new();
        let message = self.message.trim().to_owned();
        if message.chars().count() > MAX_MESSAGE_CHARS {
            let mut e = FieldError::new("message", "err-too-long");
            e.limit = Some(MAX_MESSAGE_CHARS as i64);
            errors.push(e);
        }
        if !(1..=3).contains(&self.priority) {
            errors.push(FieldError::new("priority", "err-mm-priority"));
        }
        let session = match self.session.as_deref().map(str::trim) {
            None | Some("") => Some(MeetingSession::Any),
            Some(code) => MeetingSession::parse(code),
        };
        if session.is_none() {
            errors.push(FieldError::new("session", "err-mm-session"));
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(RequestDraft {
            to_reg: self.to_reg,
            message_script: detect(&message, fallback),
            message,
            priority: self.priority,
            session: session.unwrap_or(MeetingSession::Any),
            interest_id: None,
        })
    }
}

/// A schedule being computed, as every node sees it (`schedule_runs`): the node running
/// it writes its progress and a heartbeat every second or so.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, sqlx::FromRow)]
pub struct ScheduleRun {
    /// Accepted meetings being scheduled.
    pub meetings: i64,
    /// Breaks in the best schedule found so far.
    pub best_breaks: Option<i64>,
    /// Proved: no schedule has fewer breaks.
    pub lower_bound: i64,
    pub seconds: f64,
}

/// One accepted request's place in a schedule: `None` when it is left out.
pub type ScheduledMeeting = (i64, Option<(i64, i64)>);

#[async_trait]
pub trait MatchmakingStore: Send + Sync {
    async fn matchmaking(&self, event_id: i64) -> StoreResult<Option<Matchmaking>>;
    /// Turns matchmaking on for an event, or changes its settings. Turning the video
    /// service off removes the participants' online rooms, and is refused while a meeting
    /// is placed in one (`err-mm-video-in-use`).
    async fn save_matchmaking(
        &self,
        actor: &Actor,
        event_id: i64,
        draft: &MatchmakingDraft,
        now: i64,
    ) -> StoreResult<Matchmaking>;
    /// Adds the `(starts_at, ends_at)` slots, all or none: each must end after it starts
    /// and overlap no other slot of the event, nor one of the others added with it.
    async fn add_meeting_slots(
        &self,
        actor: &Actor,
        event_id: i64,
        slots: &[(i64, i64)],
    ) -> StoreResult<Vec<MeetingSlot>>;
    async fn add_meeting_slot(
        &self,
        actor: &Actor,
        event_id: i64,
        starts_at: i64,
        ends_at: i64,
    ) -> StoreResult<MeetingSlot> {
        let added = self
            .add_meeting_slots(actor, event_id, &[(starts_at, ends_at)])
            .await?;
        added.into_iter().next().ok_or(StoreError::NotFound)
    }
    /// Removes a slot in which no meeting is placed (with the participants' marks that
    /// they are away then); one with a meeting is a conflict (`err-mm-slot-in-use`): the
    /// organiser moves or cancels the meeting first, so removing a slot never drops a
    /// meeting from a schedule unseen. A schedule computed before the removal can no
    /// longer be saved (the version moves on).
    async fn remove_meeting_slot(
        &self,
        actor: &Actor,
        event_id: i64,
        slot_id: i64,
    ) -> StoreResult<()>;
    async fn meeting_slots(&self, event_id: i64) -> StoreResult<Vec<MeetingSlot>>;
    /// Adds the `(label, reserved_for)` tables, all or none.
    async fn add_meeting_tables(
        &self,
        actor: &Actor,
        event_id: i64,
        tables: &[(String, Option<i64>)],
    ) -> StoreResult<Vec<MeetingTable>>;
    async fn add_meeting_table(
        &self,
        actor: &Actor,
        event_id: i64,
        label: &str,
        reserved_for: Option<i64>,
    ) -> StoreResult<MeetingTable> {
        let added = self
            .add_meeting_tables(actor, event_id, &[(label.to_owned(), reserved_for)])
            .await?;
        added.into_iter().next().ok_or(StoreError::NotFound)
    }
    /// Removes a table at which no meeting is placed, as [`Self::remove_meeting_slot`]
    /// does a slot (`err-mm-table-in-use` otherwise).
    async fn remove_meeting_table(
        &self,
        actor: &Actor,
        event_id: i64,
        table_id: i64,
    ) -> StoreResult<()>;
    async fn meeting_tables(&self, event_id: i64) -> StoreResult<Vec<MeetingTable>>;
    /// Moves the cooperation after meeting `request_id` on, as `by` asks, based on
    /// `expected_version` (`err-stale-edit` when someone moved it meanwhile), in one
    /// transaction: forward, or closed from anywhere open (`err-market-stage-order`
    /// otherwise); an agreement's kind is required to sign, a reason to close
    /// ([`PipelineMove::validate`]). A side must be one of the meeting's two
    /// (`NotFound` otherwise); the organiser's move is audited.
    async fn move_cooperation(
        &self,
        request_id: i64,
        by: CooperationBy<'_>,
        expected_version: i64,
        step: &PipelineMove,
        now: i64,
    ) -> StoreResult<MeetingCooperation>;
    /// Takes the last move of the cooperation after meeting `request_id` back
    /// ([`PipelineBack`](crate::PipelineBack): a reason required, `err-pipeline-nothing-back`
    /// when only its start stands), as `by` asks, on the same terms as
    /// [`Self::move_cooperation`]: either side or the organiser, the version checked, the
    /// other side (both, for the organiser) told by mail.
    async fn take_back_cooperation(
        &self,
        request_id: i64,
        by: CooperationBy<'_>,
        expected_version: i64,
        back: &crate::PipelineBack,
        now: i64,
    ) -> StoreResult<MeetingCooperation>;
    /// The event's meetings with a cooperation under way or done, by meeting.
    async fn cooperations(&self, event_id: i64) -> StoreResult<Vec<MeetingCooperation>>;
    /// Asks by mail both sides of each of the event's cooperations still open (in talks,
    /// or signed and not yet implemented) where it stands now; nobody is asked about one
    /// cooperation twice within [`COOPERATION_ASK_GAP`]. Returns how many mails it queued.
    async fn ask_cooperations(&self, event_id: i64, now: i64) -> StoreResult<u64>;
    /// Every event's, by meeting: what the alliance-wide funnel counts beside the
    /// introductions.
    async fn all_cooperations(&self) -> StoreResult<Vec<MeetingCooperation>>;
    /// A meeting's cooperation history, oldest first.
    async fn cooperation_steps(&self, request_id: i64) -> StoreResult<Vec<CooperationStep>>;
    /// The histories of all the event's cooperations, by meeting, each oldest first: one
    /// read for a page that lists them all.
    async fn event_cooperation_steps(&self, event_id: i64) -> StoreResult<Vec<CooperationStep>>;
    /// The meetings that the person behind registration `registration_id` (by their
    /// address), or a colleague (registered with the same organisation, in any of its
    /// [`organisation_spellings`]), had at other events before `now`, accepted and in the
    /// schedule, earliest first: "met before", as Grip and the alliance's yearly
    /// conferences need it.
    async fn earlier_meetings(
        &self,
        registration_id: i64,
        now: i64,
    ) -> StoreResult<Vec<EarlierMeeting>>;
    /// A participant takes part from afar (`room`: the address of a new room on the
    /// event's video service, made by the caller) or on site again (`None`), in one
    /// transaction under the event's lock. Online, they get a room: a table reserved for
    /// them, labelled `online-{registration}`, with that address, at which the scheduler
    /// and a booking seat all their meetings from then on, and into which their meetings
    /// still to come move, at the same times (after publication, each side gets their
    /// agenda again); a room they have is kept. Back on
    /// site, the room goes, unless a meeting is placed in it (`err-mm-online-in-use`: it
    /// must move first). Refused where the event has no video service
    /// (`err-mm-no-online`) or for a registration not confirmed (`NotFound`). Returns the
    /// room.
    async fn set_online_room(
        &self,
        registration_id: i64,
        room: Option<&str>,
        now: i64,
    ) -> StoreResult<Option<MeetingTable>>;
    /// The organisers arrange a meeting between two confirmed participants of the event
    /// (the secretariat's 安排對接; b2match's organisers create meetings): accepted at once,
    /// with `draft.priority` for both sides, the organiser's note as its message, marked
    /// as arranged, whatever the deadlines, and counted against neither side's limit.
    /// Refused with oneself (`err-mm-self` on `to_reg`), for someone not confirmed here
    /// (`err-mm-not-participant`), or where the two already have a request or a meeting
    /// either way (`err-mm-pair-taken`). Both sides are told by mail (`mm_arranged`), in
    /// their language; audited; one transaction under the event's lock.
    async fn arrange_meeting(
        &self,
        actor: &Actor,
        event_id: i64,
        from_reg: i64,
        draft: &RequestDraft,
        now: i64,
    ) -> StoreResult<MeetingRequest>;
    /// Sends a request from one confirmed participant to another: not to oneself, not twice
    /// between the same two (either way), within the request deadline and the sender's limit.
    async fn request_meeting(
        &self,
        event_id: i64,
        from_reg: i64,
        draft: &RequestDraft,
        now: i64,
    ) -> StoreResult<MeetingRequest>;
    /// The receiver accepts or declines a pending request, before the acceptance deadline.
    /// The invited side accepts (with its own priority, 1 to 3) or declines.
    async fn decide_meeting(
        &self,
        request_id: i64,
        by_reg: i64,
        accept: bool,
        priority: i64,
        now: i64,
    ) -> StoreResult<MeetingRequest>;
    /// Accepts request `request_id` (made to `by_reg`) into slot `slot_id` where the event
    /// lets participants book ([`Matchmaking::self_booking`], else `err-mm-no-self-booking`),
    /// in one transaction: the checks of [`decide_meeting`](MatchmakingStore::decide_meeting),
    /// then a slot still to come (`err-mm-slot-past`), then neither side away or in another
    /// meeting then (`err-mm-slot-taken`), then a table
    /// free then, one reserved for either side first (`err-mm-slot-full` when none is). The
    /// meeting is placed there and locked, the version moves on, the asker is told (their
    /// answer gives the place) and, after publication, the one who booked gets their
    /// agenda again; both get the day's mails.
    async fn book_meeting(
        &self,
        request_id: i64,
        by_reg: i64,
        priority: i64,
        slot_id: i64,
        now: i64,
    ) -> StoreResult<MeetingRequest>;
    /// Either side of an accepted meeting moves it to slot `slot_id`, where the event lets
    /// participants book (`err-mm-no-self-booking` otherwise), as one who booked it would
    /// (the checks and table of [`book_meeting`](MatchmakingStore::book_meeting)), in one
    /// transaction under the event's lock. A meeting held (an outcome is on record), whose
    /// time has come, or not accepted stays where it is (`err-mm-cannot-move`), except one
    /// that either side says did not take place ([`MeetingRequest::not_held`]), which
    /// moves to a slot still to come with its outcomes cleared; someone who
    /// is neither side gets
    /// `NotFound`. The meeting stays locked, the version moves on, the other side is told
    /// (`mm_moved`, with the new place; `mm_booked` for a meeting that had no place they
    /// had seen: none yet, or only the organiser's unpublished draft) and, after
    /// publication, the one who moved it gets their agenda again; both get the day's
    /// mails. One change, one mail each.
    async fn move_meeting(
        &self,
        request_id: i64,
        by_reg: i64,
        slot_id: i64,
        now: i64,
    ) -> StoreResult<MeetingRequest>;
    /// Cancels a request: its sender withdraws it while it is pending, or either side
    /// cancels the accepted meeting (unless an outcome is on record: it was held), which
    /// frees its slot and table. The other side is
    /// told by mail (`mm_cancelled`), in the same transaction. Anything else is a conflict
    /// (`err-mm-cannot-cancel`); someone who is neither side gets `NotFound`.
    async fn cancel_meeting(
        &self,
        request_id: i64,
        by_reg: i64,
        now: i64,
    ) -> StoreResult<MeetingRequest>;
    /// The organiser cancels a pending request or an accepted meeting not yet held (for a
    /// participant who asked them to, say), against nothing else: both sides are told by
    /// mail (`mm_cancelled_by_organiser`), and the audit log keeps who did it. A meeting
    /// whose slot has started is refused (`err-mm-cancel-begun`: its outcome is told
    /// instead); anything else is a conflict (`err-mm-not-cancellable`).
    async fn cancel_meeting_as_organiser(
        &self,
        actor: &Actor,
        event_id: i64,
        request_id: i64,
        now: i64,
    ) -> StoreResult<MeetingRequest>;
    /// Queues a reminder (`mm_reminder`) to each real participant with a request waiting
    /// for their answer; returns how many. The mail lists the requests still waiting when
    /// it is sent. Requests past the acceptance deadline are first marked expired, in the
    /// same transaction, so that nobody is reminded of a request that can no longer be
    /// answered.
    /// Nobody reminded within [`MAIL_GAP`] is reminded again.
    async fn remind_pending(&self, event_id: i64, now: i64) -> StoreResult<u64>;
    /// Queues an invitation to book (`mm_nudge`) to each real participant with no
    /// request either way that is pending or accepted, while requests may still be sent
    /// (b2match's organisers send the same every few days); returns how many. After the
    /// request deadline, or once a schedule is drafted, it is a conflict
    /// (`err-mm-request-closed`) and nothing is queued.
    /// Nobody invited within [`MAIL_GAP`] is invited again.
    async fn nudge_idle(&self, event_id: i64, now: i64) -> StoreResult<u64>;
    /// Queues a request for outcomes (`mm_followup`) to each real participant with a
    /// meeting that has ended by `now` and whose outcome they have not told (b2match's
    /// feedback after the event; the alliance's closed loop, 閉環, needs every answer);
    /// returns how many. The mail lists the meetings still without their answer when it
    /// is sent. One whose question waits for later (the mail after their last meeting)
    /// has it sent now instead of a second one; nobody asked within [`MAIL_GAP`], or
    /// whose question is about to go, is asked again.
    async fn ask_outcomes(&self, event_id: i64, now: i64) -> StoreResult<u64>;
    /// The participants of the event asked for their outcomes lately: a question sent
    /// since `since`, or one due by `now` and not yet sent ([`ask_outcomes`](Self::ask_outcomes)).
    async fn asked_for_outcomes(
        &self,
        event_id: i64,
        since: i64,
        now: i64,
    ) -> StoreResult<Vec<i64>>;
    /// The participants of the event with a mail of `kind` queued since `since`.
    async fn recently_mailed(&self, event_id: i64, kind: &str, since: i64)
    -> StoreResult<Vec<i64>>;
    /// Marks the requests still pending after the acceptance deadline as expired, so they
    /// block no one; returns how many.
    async fn expire_meeting_requests(&self, event_id: i64, now: i64) -> StoreResult<u64>;
    async fn meeting_requests(&self, event_id: i64) -> StoreResult<Vec<MeetingRequest>>;
    /// One request (or meeting) by its id.
    async fn meeting_request(&self, id: i64) -> StoreResult<MeetingRequest>;
    /// Marks a slot as one the participant cannot attend (or can again).
    async fn set_unavailable(
        &self,
        registration_id: i64,
        slot_id: i64,
        unavailable: bool,
    ) -> StoreResult<()>;
    /// Replaces the slots a participant is away with `slot_ids`, in one transaction.
    async fn set_away_slots(&self, registration_id: i64, slot_ids: &[i64]) -> StoreResult<()>;
    /// (registration, slot) pairs of the event's unavailability.
    async fn unavailability(&self, event_id: i64) -> StoreResult<Vec<(i64, i64)>>;
    /// Replaces the schedule of the event's accepted requests, against the version it was
    /// computed from (a concurrent change makes it a conflict, and nothing is written).
    /// Returns the new version.
    async fn save_schedule(
        &self,
        actor: &Actor,
        event_id: i64,
        expected_version: i64,
        meetings: &[ScheduledMeeting],
    ) -> StoreResult<i64>;
    /// The organiser places one accepted meeting by hand (or takes it out of the schedule),
    /// and locks it so that scheduling again keeps it; against the version the page showed.
    /// After publication both sides get their agenda again. Returns the new version.
    #[allow(clippy::too_many_arguments)]
    async fn place_meeting(
        &self,
        actor: &Actor,
        event_id: i64,
        request_id: i64,
        place: Option<(i64, i64)>,
        locked: bool,
        expected_version: i64,
        now: i64,
    ) -> StoreResult<i64>;
    async fn publish_schedule(
        &self,
        actor: &Actor,
        event_id: i64,
        now: i64,
    ) -> StoreResult<Matchmaking>;
    /// Takes a published schedule back to a draft (b2match's "Unpublish"), to rework it:
    /// participants no longer see it (where they book their own slots, they still see
    /// what they booked), the agendas and day mails not yet sent are dropped, whoever has
    /// a meeting in it is told (`mm_unpublished`, dropped if it is published again before
    /// it goes), published meetings may move again, and publishing again sends everyone
    /// their agenda. Only a
    /// published schedule (`err-mm-not-published`); in one transaction, in the audit log.
    async fn unpublish_schedule(
        &self,
        actor: &Actor,
        event_id: i64,
        now: i64,
    ) -> StoreResult<Matchmaking>;
    /// Claims the event's schedule run: true when no other run is going on any node. A run
    /// whose heartbeat is before `stale_before` belongs to a node that stopped and is taken
    /// over.
    async fn begin_schedule_run(
        &self,
        event_id: i64,
        meetings: i64,
        now: i64,
        stale_before: i64,
    ) -> StoreResult<bool>;
    /// Records a run's progress, with `now` as its heartbeat.
    async fn update_schedule_run(
        &self,
        event_id: i64,
        run: &ScheduleRun,
        now: i64,
    ) -> StoreResult<()>;
    /// Ends the event's run (finished or failed).
    async fn end_schedule_run(&self, event_id: i64) -> StoreResult<()>;
    /// The event's run, unless there is none or its heartbeat is before `stale_before`.
    async fn schedule_run(
        &self,
        event_id: i64,
        stale_before: i64,
    ) -> StoreResult<Option<ScheduleRun>>;
    /// One side's outcome of a held (or missed) meeting.
    async fn record_outcome(
        &self,
        request_id: i64,
        by_reg: i64,
        outcome: MeetingOutcome,
    ) -> StoreResult<MeetingRequest> {
        self.record_feedback(request_id, by_reg, outcome, "", crate::sql::now())
            .await
    }
    /// One side's outcome of a held (or missed) meeting with a comment for the organisers
    /// ([`feedback_comment`]; an empty one removes the side's earlier comment), in one
    /// transaction.
    async fn record_feedback(
        &self,
        request_id: i64,
        by_reg: i64,
        outcome: MeetingOutcome,
        comment: &str,
        now: i64,
    ) -> StoreResult<MeetingRequest>;
    /// The comments on the event's meetings.
    async fn meeting_feedback(&self, event_id: i64) -> StoreResult<Vec<MeetingFeedback>>;
    /// Saves what a confirmed participant says of themselves for matchmaking, trimmed, at
    /// most [`MAX_PROFILE_CHARS`] (`err-too-long`), whether requests to them come in
    /// one mail a day, and the languages they can meet in; empty, not daily and without
    /// languages removes it.
    async fn set_matchmaking_profile(
        &self,
        registration_id: i64,
        about: &str,
        daily: bool,
        languages: &[MeetingLanguage],
        now: i64,
    ) -> StoreResult<()>;
    /// The matchmaking profiles of the event's participants.
    async fn matchmaking_profiles(&self, event_id: i64) -> StoreResult<Vec<MatchmakingProfile>>;
    /// Participant `registration_id` says "not for me" of `other_reg`, another confirmed
    /// participant of the same event (Grip's "No thanks"): the other is suggested to them
    /// no more. Said twice, it is kept once. Oneself is refused (`err-mm-self`); someone
    /// of another event, or not confirmed, is `NotFound`. It changes nothing else: either
    /// may still ask the other for a meeting.
    async fn pass_participant(
        &self,
        registration_id: i64,
        other_reg: i64,
        now: i64,
    ) -> StoreResult<()>;
    /// Takes back every "not for me" of `registration_id`; returns how many there were.
    async fn clear_passes(&self, registration_id: i64) -> StoreResult<u64>;
    /// Whom `registration_id` said "not for me" of, in the order they said it.
    async fn passes(&self, registration_id: i64) -> StoreResult<Vec<i64>>;
}

/// Columns of `meeting_requests`, in [`MeetingRequest`]'s order.
pub const REQUEST_COLS: &str = "id, event_id, from_reg, to_reg, message, message_script, priority, status, created_at, decided_at, slot_id, table_id, locked, outcome_from, outcome_to, session, to_priority, interest_id, arranged";
/// Columns of `meeting_cooperation_steps` (a [`CooperationStep`]), as `st`.
pub const COOPERATION_STEP_COLS: &str = "st.id, st.request_id, st.stage, st.agreement_type, st.note, st.note_script, st.by_reg, st.user_id, st.at, st.takes_back";

/// Columns of `meeting_cooperations`.
pub const COOPERATION_COLS: &str =
    "request_id, event_id, stage, agreement_type, updated_at, version";
/// Columns of `matchmaking`.
pub const MATCHMAKING_COLS: &str = "event_id, meeting_minutes, max_requests, request_deadline, accept_deadline, status, published_at, version, updated_at, self_booking, video_url, auto_accept";

/// The columns of a [`MeetingTable`].
pub const TABLE_COLS: &str = "id, event_id, label, reserved_for, link";

/// The longest address of a video service, in characters.
pub const MAX_VIDEO_URL_CHARS: usize = 200;

/// Shorthand for a conflict with a Fluent key.
pub fn conflict(code: &'static str) -> StoreError {
    StoreError::Conflict(code)
}

#[cfg(test)]
mod tests {
    use super::{
        MeetingLanguage, day_mails, digest_due, hk_day, organisation_key, organisation_spellings,
    };

    #[test]
    fn an_organisation_is_known_across_scripts_and_a_placeholder_is_none() {
        assert_eq!(
            organisation_key("香港科技大學"),
            organisation_key(" 香港科技大学 ")
        );
        assert_eq!(organisation_key("HKUST"), organisation_key("hkust"));
        assert_ne!(organisation_key("HKUST"), organisation_key("香港科技大學"));
        for none in ["N/A", "個人", "-", "x", "", "  "] {
            assert_eq!(organisation_key(none), None, "{none:?}");
        }
        let spelled = organisation_spellings("深圳市信息行业协会");
        assert!(
            spelled.contains(&"深圳市信息行业协会".to_owned()),
            "{spelled:?}"
        );
        assert!(
            spelled.contains(&"深圳市信息行業協會".to_owned()),
            "{spelled:?}"
        );
        assert_eq!(organisation_spellings(" HKUST "), ["hkust"]);
        assert!(organisation_spellings("n/a").is_empty());
        // However it was typed: a legal form, punctuation or a part in brackets less.
        assert_eq!(
            organisation_key("Acme Robotics Co., Ltd."),
            organisation_key("ACME ROBOTICS")
        );
        let spelled = organisation_spellings("香港科技大学（HKUST）");
        for plain in ["香港科技大學", "香港科技大学", "hkust"] {
            assert!(spelled.contains(&plain.to_owned()), "{plain}: {spelled:?}");
        }
    }

    #[test]
    fn two_without_a_language_in_common_are_apart_and_one_who_said_none_is_not_judged() {
        use MeetingLanguage::*;
        assert!(MeetingLanguage::apart(&[Mandarin], &[English]));
        assert!(!MeetingLanguage::apart(
            &[Mandarin, Cantonese],
            &[Cantonese, Portuguese]
        ));
        assert!(!MeetingLanguage::apart(&[], &[English]));
        assert_eq!(
            MeetingLanguage::list("en, yue,xx"),
            vec![Cantonese, English]
        );
        assert_eq!(MeetingLanguage::codes(&[Portuguese, Mandarin]), "cmn,pt");
        assert!(MeetingLanguage::list("").is_empty());
    }

    #[test]
    fn each_day_with_meetings_has_its_mail_at_half_past_seven_in_hong_kong() {
        // 2024-12-09 00:00 in Hong Kong.
        let day = MIDNIGHT_UTC - 8 * 3600;
        let at = |h: i64, m: i64| day + h * 3600 + m * 60;
        assert_eq!(
            day_mails(&[at(14, 0), at(10, 0), at(24 + 9, 0), at(14, 20)]),
            vec![at(7, 30), at(24 + 7, 30)]
        );
        // A meeting at 08:00: an hour before it.
        assert_eq!(day_mails(&[at(8, 0), at(15, 0)]), vec![at(7, 0)]);
        assert!(day_mails(&[]).is_empty());
        assert_eq!(hk_day(at(23, 59)), (day, day + 86_400));
        assert_eq!(hk_day(at(24, 0)).0, day + 86_400);
    }

    /// 2024-12-09 00:00 UTC, 08:00 in Hong Kong.
    const MIDNIGHT_UTC: i64 = 1_733_702_400;

    #[test]
    fn the_days_mail_goes_at_nine_in_hong_kong_unless_the_answers_are_due_first() {
        let nine = MIDNIGHT_UTC + 3600;
        // 08:00 in Hong Kong: this morning at nine; at nine or after: tomorrow's.
        assert_eq!(digest_due(MIDNIGHT_UTC, None), nine);
        assert_eq!(digest_due(nine, None), nine + 86_400);
        assert_eq!(digest_due(nine + 5, None), nine + 86_400);
        // Answers due at 10:00 tomorrow: tomorrow's nine is too late (three hours before).
        let ten_tomorrow = nine + 86_400 + 3600;
        assert_eq!(
            digest_due(nine + 5, Some(ten_tomorrow)),
            ten_tomorrow - 3 * 3600
        );
        // And never in the past, even when the answers are due within three hours.
        assert_eq!(digest_due(nine + 5, Some(nine + 3600)), nine + 5);
    }
}
