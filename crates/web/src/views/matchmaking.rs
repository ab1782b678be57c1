//! Matchmaking pages (項目對接): the organiser's page (settings, slots, tables, the requests,
//! "schedule" and "publish", the grid of slots × tables, meetings arranged by hand), the
//! organiser's page for bringing participants together (each one's suggestions, with a
//! button that arranges the meeting, and where everyone stands), the printouts (table
//! cards, agendas), and each participant's page, reached through their registration link
//! (send, accept or decline requests, book and move meetings, mark the slots they are
//! away, read their agenda, record outcomes).
//!
//! The schedule is computed by `baylink-matchmaking` on a blocking thread and saved against
//! the version it was computed from, so a request accepted meanwhile makes it a conflict,
//! never a silently stale schedule.

use std::collections::{HashMap, HashSet};
use std::time::Duration;

use askama::Template;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::{get, post};
use baylink_matchmaking::{EventIn, RequestIn, Unplaced};
use baylink_store::{
    AgreementType, CooperationBy, Event, FieldError, Matchmaking, MatchmakingInput,
    MatchmakingStatus, MeetingCooperation, MeetingLanguage, MeetingOutcome, MeetingRequest,
    MeetingSlot, MeetingTable, OrgType, OrganisationNames, PipelineBack, PipelineStage, RegStatus,
    Region, Registration, RequestInput, RequestStatus, ScheduleRun,
};

use super::directory::actor;
use super::event_admin::parse_hk;
use super::events::{clock, day};
use super::{Ctx, FormData, meeting_suggestions, render, render_invalid, see};
use crate::AppState;
use crate::api::path_id as id;
use crate::auth::require_event;
use crate::error::WebError;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/events/{id}/matchmaking", get(organiser_page))
        .route("/events/{id}/matchmaking/settings", post(save_settings))
        .route("/events/{id}/matchmaking/slots", post(add_slot))
        .route("/events/{id}/matchmaking/tables", post(add_table))
        .route(
            "/events/{id}/matchmaking/slots/{sid}/delete",
            post(|s, c, p| remove_part(s, c, p, Part::Slot)),
        )
        .route(
            "/events/{id}/matchmaking/tables/{tid}/delete",
            post(|s, c, p| remove_part(s, c, p, Part::Table)),
        )
        .route("/events/{id}/matchmaking/schedule", post(make_schedule))
        .route("/events/{id}/matchmaking/progress", get(schedule_progress))
        .route("/events/{id}/matchmaking/publish", post(publish))
        .route("/events/{id}/matchmaking/unpublish", post(unpublish))
        .route("/events/{id}/matchmaking/remind", post(remind))
        .route("/events/{id}/matchmaking/nudge", post(nudge))
        .route("/events/{id}/matchmaking/followup", post(followup))
        .route(
            "/events/{id}/matchmaking/cooperations/ask",
            post(ask_cooperations),
        )
        .route(
            "/events/{id}/matchmaking/meetings/{rid}/cancel",
            post(cancel_by_organiser),
        )
        .route("/events/{id}/matchmaking/arrange", post(arrange))
        .route("/events/{id}/matchmaking/suggest", get(suggest_page))
        .route("/events/{id}/matchmaking/cards", get(table_cards))
        .route("/events/{id}/matchmaking/agendas", get(printed_agendas))
        .route(
            "/events/{id}/matchmaking/meetings/{rid}",
            post(place_meeting),
        )
        .route(
            "/events/{id}/matchmaking/meetings/{rid}/cooperation",
            post(move_cooperation_by_organiser),
        )
        .route(
            "/events/{id}/matchmaking/meetings/{rid}/cooperation/back",
            post(take_back_cooperation_by_organiser),
        )
        .route("/registrations/{token}/matchmaking", get(participant_page))
        .route("/registrations/{token}/agenda.ics", get(agenda_ics))
        .route(
            "/registrations/{token}/matchmaking/request",
            post(send_request),
        )
        .route(
            "/registrations/{token}/matchmaking/requests/{rid}/decide",
            post(decide_request),
        )
        .route("/registrations/{token}/matchmaking/away", post(set_away))
        .route(
            "/registrations/{token}/matchmaking/online",
            post(set_online),
        )
        .route(
            "/registrations/{token}/matchmaking/profile",
            post(save_profile),
        )
        .route(
            "/registrations/{token}/matchmaking/pass",
            post(pass_participant),
        )
        .route(
            "/registrations/{token}/matchmaking/passes/clear",
            post(clear_passes),
        )
        .route(
            "/registrations/{token}/matchmaking/requests/{rid}/cancel",
            post(cancel_request),
        )
        .route(
            "/registrations/{token}/matchmaking/requests/{rid}/move",
            post(move_request),
        )
        .route(
            "/registrations/{token}/matchmaking/requests/{rid}/outcome",
            post(record_outcome),
        )
        .route(
            "/registrations/{token}/matchmaking/requests/{rid}/cooperation",
            post(move_cooperation_by_side),
        )
        .route(
            "/registrations/{token}/matchmaking/requests/{rid}/cooperation/back",
            post(take_back_cooperation_by_side),
        )
}

/// What the engine schedules of an event: its accepted `requests` in its `slots` and at
/// its `tables`, with who is away when (`unavailable`), keeping placed meetings where
/// they are after publication (`keep_placed`), with fairness 2. A table kept for one who
/// meets no one here (a booth, an online room) is no one else's either, so it is left
/// out; online rooms come first, so that where both sides have a table of their own, one
/// who takes part from afar is not seated at the other's booth.
pub fn event_in(
    requests: &[MeetingRequest],
    slots: &[MeetingSlot],
    tables: &[MeetingTable],
    unavailable: Vec<(i64, i64)>,
    keep_placed: bool,
    time_limit: Duration,
) -> EventIn {
    let meets = |owner: i64| {
        requests
            .iter()
            .any(|r| r.from_reg == owner || r.to_reg == owner)
    };
    let usable: Vec<&MeetingTable> = tables
        .iter()
        .filter(|t| t.reserved_for.is_none_or(meets))
        .collect();
    EventIn {
        requests: requests.iter().map(request_in).collect(),
        slots: slots.iter().map(|x| (x.id, x.starts_at)).collect(),
        tables: usable
            .iter()
            .filter(|t| t.link.is_some())
            .chain(usable.iter().filter(|t| t.link.is_none()))
            .map(|t| (t.id, t.reserved_for))
            .collect(),
        unavailable,
        keep_placed,
        fairness: Some(2),
        time_limit,
    }
}

/// A stored request as the engine takes it: both sides' priorities as its weight, the
/// half-day asked for, where it is now.
pub fn request_in(r: &MeetingRequest) -> RequestIn {
    RequestIn {
        id: r.id,
        from: r.from_reg,
        to: r.to_reg,
        priority: r.weight() as u32,
        session: match r.session {
            baylink_store::MeetingSession::Any => baylink_matchmaking::Session::Any,
            baylink_store::MeetingSession::Morning => baylink_matchmaking::Session::Morning,
            baylink_store::MeetingSession::Afternoon => baylink_matchmaking::Session::Afternoon,
        },
        placed: r.slot_id.zip(r.table_id),
        locked: r.locked,
    }
}

/// Every confirmed participant of an event, by id.
async fn participants(s: &AppState, event_id: i64) -> Result<Vec<Registration>, WebError> {
    Ok(s.store
        .list_registrations(event_id, None, Some(RegStatus::Confirmed), 10_000, 0)
        .await?
        .items)
}

/// Each participant's name in the reader's script, by registration id.
fn names(c: &Ctx, regs: &[Registration]) -> HashMap<i64, String> {
    regs.iter()
        .map(|r| (r.id, c.text(&r.name, &r.name_script)))
        .collect()
}

/// The names of `languages` for the reader, by commas ("Cantonese, English").
fn language_names(c: &Ctx, languages: &[MeetingLanguage]) -> String {
    languages
        .iter()
        .map(|l| c.t(&l.label_key()))
        .collect::<Vec<_>>()
        .join(c.list_separator())
}

/// Each participant's name and, in brackets, their organisation, in the reader's script.
pub(crate) fn names_with_organisations(c: &Ctx, regs: &[Registration]) -> HashMap<i64, String> {
    regs.iter()
        .map(|r| {
            let org = r
                .organisation
                .as_deref()
                .map(|o| format!(" ({})", c.text(o, &r.name_script)))
                .unwrap_or_default();
            (r.id, format!("{}{org}", c.text(&r.name, &r.name_script)))
        })
        .collect()
}

fn slot_label(slot: &MeetingSlot) -> String {
    format!(
        "{} {}–{}",
        day(slot.starts_at),
        clock(slot.starts_at),
        clock(slot.ends_at)
    )
}

/// What the meetings of a schedule came to, one answer per meeting: the meetings in the
/// schedule, and how many of them ended with each outcome. A meeting counts as not held
/// when either side says so (a side who sat alone knows); otherwise it takes the better of
/// the two sides' answers on the Enterprise Europe Network's scale, so that one side's
/// "cooperation possible" is not hidden by the other's silence or caution. Meetings
/// without an answer from either side are left out of the outcomes.
pub(crate) fn outcome_counts(requests: &[MeetingRequest]) -> (usize, Vec<(MeetingOutcome, usize)>) {
    let placed: Vec<&MeetingRequest> = requests
        .iter()
        .filter(|r| r.status == RequestStatus::Accepted && r.slot_id.is_some())
        .collect();
    let mut counts: Vec<(MeetingOutcome, usize)> =
        MeetingOutcome::ALL.iter().map(|o| (*o, 0)).collect();
    for r in &placed {
        let combined = one_outcome(&r.outcome_from, &r.outcome_to);
        if let Some(slot) = combined.and_then(|o| counts.iter_mut().find(|(x, _)| *x == o)) {
            slot.1 += 1;
        }
    }
    (placed.len(), counts)
}

/// A meeting's one outcome from its two sides' answers ([`outcome_counts`] says how).
fn one_outcome(from: &Option<String>, to: &Option<String>) -> Option<MeetingOutcome> {
    let rank = |o: MeetingOutcome| MeetingOutcome::ALL.iter().position(|x| *x == o);
    let sides: Vec<MeetingOutcome> = [from, to]
        .into_iter()
        .filter_map(|o| o.as_deref().and_then(MeetingOutcome::parse))
        .collect();
    if sides.contains(&MeetingOutcome::NotHeld) {
        Some(MeetingOutcome::NotHeld)
    } else {
        sides.into_iter().max_by_key(|o| rank(*o))
    }
}

/// Where a cooperation stands in `lang`'s words, with the kind of agreement once signed
/// ("已簽約 · 聯合研發"); empty without a stage. For the mails and "met before".
pub(crate) fn cooperation_words(
    lang: crate::i18n::Locale,
    stage: Option<&str>,
    agreement_type: Option<&str>,
) -> String {
    [
        stage
            .and_then(PipelineStage::parse)
            .map(|st| lang.t(&st.label_key())),
        agreement_type
            .and_then(AgreementType::parse)
            .map(|a| lang.t(&a.label_key())),
    ]
    .into_iter()
    .flatten()
    .collect::<Vec<_>>()
    .join(" · ")
}

/// Whom a participant met at other events before, or a colleague of theirs did, as lines
/// for the reader (`met_before`).
#[derive(Default)]
pub struct MetBefore {
    /// The participant's own meetings, by the other side's address.
    by_email: HashMap<String, Vec<String>>,
    /// Their colleagues' meetings, by the other side's organisation ([`OrgKey`]).
    by_organisation: HashMap<OrgKey, Vec<String>>,
    /// The organisation of each participant of the event, the same way.
    of_reg: HashMap<i64, OrgKey>,
}

/// How an organisation is known across events: the directory's entry where there is one
/// (whatever name it was written with), else the name as written, folded
/// ([`baylink_store::matchmaking::organisation_key`]).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum OrgKey {
    Directory(i64),
    Written(String),
}

impl MetBefore {
    /// The lines about `other`: where the reader met them, then where the reader's
    /// organisation met theirs.
    pub fn of(&self, other: &baylink_store::Registration) -> Vec<String> {
        let mut lines = self.by_email.get(&other.email).cloned().unwrap_or_default();
        if let Some(more) = self
            .of_reg
            .get(&other.id)
            .and_then(|key| self.by_organisation.get(key))
        {
            lines.extend(more.iter().cloned());
        }
        lines
    }
}

/// The [`OrgKey`] of an organisation written as `name`: the directory's entry it names
/// (`names`), else its best form as written.
fn org_key(names: &OrganisationNames, name: &str) -> Option<OrgKey> {
    let written = baylink_store::matchmaking::organisation_key(name)?;
    Some(match names.find(name) {
        Some(org) => OrgKey::Directory(org),
        None => OrgKey::Written(written),
    })
}

/// Whom participant `reg` met at other events before (by the address each registered with)
/// and whom colleagues of theirs met (by the organisation each registered with), as lines
/// for the reader: "You met at 2024 年會: cooperation possible", "Your organisation met
/// theirs at …". A meeting either side says did not take place is left out.
///
/// `regs` are the event's participants and `orgs` their organisations in the directory
/// ([`meeting_suggestions::directory_orgs`]), so that one who wrote "HKUST" is known as
/// the 香港科技大學 a colleague met.
async fn met_before(
    c: &Ctx,
    s: &AppState,
    reg: i64,
    regs: &[baylink_store::Registration],
    orgs: &HashMap<i64, i64>,
    names: &OrganisationNames,
) -> Result<MetBefore, WebError> {
    let earlier = s
        .store
        .earlier_meetings(reg, baylink_store::sql::now())
        .await?;
    let mut met = MetBefore::default();
    // The participants here were looked up in the directory already (`orgs`, by the same
    // names): one not found there is known by the name as written.
    for r in regs {
        let key = match (orgs.get(&r.id), r.organisation.as_deref()) {
            (Some(&org), _) => Some(OrgKey::Directory(org)),
            (None, Some(name)) => {
                baylink_store::matchmaking::organisation_key(name).map(OrgKey::Written)
            }
            (None, None) => None,
        };
        if let Some(key) = key {
            met.of_reg.insert(r.id, key);
        }
    }
    for m in &earlier {
        let outcome = one_outcome(&m.outcome_from, &m.outcome_to);
        if outcome == Some(MeetingOutcome::NotHeld) {
            continue;
        }
        let event = fluent_templates::fluent_bundle::FluentValue::from(c.name(
            &m.event_title,
            &m.event_title_script,
            &m.event_title_en,
        ));
        let (plain, with_outcome) = if m.same_person {
            ("mm-met-before", "mm-met-before-outcome")
        } else {
            ("mm-met-before-org", "mm-met-before-org-outcome")
        };
        let line = match outcome {
            Some(o) => c.lang.t_args(
                with_outcome,
                &[
                    ("event", event),
                    (
                        "outcome",
                        fluent_templates::fluent_bundle::FluentValue::from(c.t(&o.label_key())),
                    ),
                ],
            ),
            None => c.lang.t_args(plain, &[("event", event)]),
        };
        // And where it led since, when a side said cooperation was possible: the
        // alliance's closed loop, read at the next event.
        let since = cooperation_words(
            c.lang,
            m.cooperation_stage.as_deref(),
            m.agreement_type.as_deref(),
        );
        let line = if since.is_empty() {
            line
        } else {
            format!("{line} · {since}")
        };
        if m.same_person {
            met.by_email
                .entry(m.other_email.clone())
                .or_default()
                .push(line);
        } else if let Some(name) = m.other_organisation.as_deref()
            && let Some(key) = org_key(names, name)
        {
            met.by_organisation.entry(key).or_default().push(line);
        }
    }
    Ok(met)
}

/// What suggestions are drawn from, read once per page: each participant's organisation
/// in the directory, the market's postings and recommender, what participants say of
/// themselves (by registration), and the directory's names (for "met before" too).
async fn suggestion_sources(
    s: &AppState,
    event_id: i64,
    regs: &[Registration],
) -> Result<
    (
        HashMap<i64, i64>,
        std::sync::Arc<super::market::Market>,
        HashMap<i64, baylink_store::MatchmakingProfile>,
        OrganisationNames,
    ),
    WebError,
> {
    let names = OrganisationNames::new(&s.store.all_organisations().await?);
    let orgs = meeting_suggestions::directory_orgs(s, regs, &names).await?;
    let market = s.market.current(s).await?;
    let abouts = s
        .store
        .matchmaking_profiles(event_id)
        .await?
        .into_iter()
        .map(|p| (p.registration_id, p))
        .collect();
    Ok((orgs, market, abouts, names))
}

/// How the requests of an event stand, for the organiser (the figures ExpoPlatform and
/// b2match show): how many in each status, how many of the participants have at least one
/// accepted meeting, and how many accepted meetings those have on average.
#[derive(Debug, PartialEq)]
pub(crate) struct RequestStats {
    pub by_status: Vec<(RequestStatus, usize)>,
    pub with_meeting: usize,
    pub participants: usize,
    /// Accepted meetings per participant with any, to one decimal.
    pub per_participant: String,
}

pub(crate) fn request_stats(requests: &[MeetingRequest], participants: usize) -> RequestStats {
    let by_status = RequestStatus::ALL
        .iter()
        .map(|st| (*st, requests.iter().filter(|r| r.status == *st).count()))
        .collect();
    let mut meetings: HashMap<i64, usize> = HashMap::new();
    for r in requests
        .iter()
        .filter(|r| r.status == RequestStatus::Accepted)
    {
        *meetings.entry(r.from_reg).or_default() += 1;
        *meetings.entry(r.to_reg).or_default() += 1;
    }
    let with_meeting = meetings.len();
    let per_participant = if with_meeting == 0 {
        "0".to_owned()
    } else {
        format!(
            "{:.1}",
            meetings.values().sum::<usize>() as f64 / with_meeting as f64
        )
    };
    RequestStats {
        by_status,
        with_meeting,
        participants,
        per_participant,
    }
}

/// How far the accepted meetings reach across the alliance's borders, the figure its work
/// reports give: of the accepted meetings whose two sides gave their region, how many
/// join two different regions, and how many join each pair (most first, then in the
/// order of the regions), each pair once whichever side asked.
pub(crate) fn across_borders(
    requests: &[MeetingRequest],
    region: &HashMap<i64, Region>,
) -> Borders {
    let order = |x: Region| Region::ALL.iter().position(|y| *y == x).unwrap_or(0);
    let (mut known, mut across) = (0, 0);
    let mut pairs: HashMap<(Region, Region), usize> = HashMap::new();
    for r in requests
        .iter()
        .filter(|r| r.status == RequestStatus::Accepted)
    {
        let (Some(&a), Some(&b)) = (region.get(&r.from_reg), region.get(&r.to_reg)) else {
            continue;
        };
        known += 1;
        if a != b {
            across += 1;
            let pair = if order(a) <= order(b) { (a, b) } else { (b, a) };
            *pairs.entry(pair).or_default() += 1;
        }
    }
    let mut pairs: Vec<((Region, Region), usize)> = pairs.into_iter().collect();
    pairs.sort_by_key(|((a, b), n)| (std::cmp::Reverse(*n), order(*a), order(*b)));
    Borders {
        known,
        across,
        pairs,
    }
}

/// The alliance's other yearly figure for its meetings, 產學研: of the accepted meetings
/// whose two sides gave their kind of organisation, how many join a university or a
/// research institute with a company (either way round).
pub(crate) fn academia_industry(
    requests: &[MeetingRequest],
    kind: &HashMap<i64, OrgType>,
) -> (usize, usize) {
    let academic = |k: OrgType| matches!(k, OrgType::University | OrgType::Institute);
    let (mut known, mut joined) = (0, 0);
    for r in requests
        .iter()
        .filter(|r| r.status == RequestStatus::Accepted)
    {
        let (Some(&a), Some(&b)) = (kind.get(&r.from_reg), kind.get(&r.to_reg)) else {
            continue;
        };
        known += 1;
        if (academic(a) && b == OrgType::Company) || (academic(b) && a == OrgType::Company) {
            joined += 1;
        }
    }
    (known, joined)
}

/// What [`across_borders`] counts.
#[derive(Debug, PartialEq)]
pub(crate) struct Borders {
    /// Accepted meetings whose two sides gave their region.
    pub known: usize,
    /// Those that join two different regions.
    pub across: usize,
    /// Those by pair of regions.
    pub pairs: Vec<((Region, Region), usize)>,
}

/// One cell of the organiser's grid.
pub struct Cell {
    pub table: String,
    pub meeting: Option<String>,
}

#[derive(Template)]
#[template(path = "events/matchmaking_admin.html")]
struct OrganiserPage {
    c: Ctx,
    event: Event,
    mm: Option<Matchmaking>,
    /// The deadlines as the settings form shows them (Hong Kong dates, `YYYY-MM-DD`, or
    /// empty), so that saving the form again keeps them.
    deadlines: (String, String),
    slots: Vec<(MeetingSlot, String, Vec<Cell>)>,
    tables: Vec<(MeetingTable, String)>,
    /// Slots and tables where a meeting is placed: they cannot be removed.
    busy_slots: std::collections::HashSet<i64>,
    busy_tables: std::collections::HashSet<i64>,
    slot_count: i64,
    /// Each request with its two sides' names, its status and, when it is accepted but
    /// has no slot, why (empty otherwise).
    requests: Vec<(MeetingRequest, String, String, String, String)>,
    people: Vec<(i64, String)>,
    accepted: usize,
    unplaced: usize,
    /// Broken rules in the schedule as it stands (after moves by hand).
    conflicts: Vec<String>,
    slot_choices: Vec<(i64, String)>,
    table_choices: Vec<(i64, String)>,
    /// The progress box's words, as a JSON object for the page's script.
    progress_words: String,
    /// Why the organiser's last write was refused, in their language.
    problems: Vec<String>,
    /// After publication: the meetings in the schedule, and how many ended with each
    /// outcome (labelled), as [`outcome_counts`] reckons them.
    outcomes: Option<(usize, Vec<(String, usize)>)>,
    /// After publication: each side's comment on a meeting, as (who, with whom, outcome,
    /// comment in the reader's script).
    feedback: Vec<(String, String, String, String)>,
    /// How many participants have requests waiting for their answer.
    waiting: i64,
    /// How many real participants have a meeting behind them whose outcome they have not
    /// told (and were not asked for lately).
    owing: i64,
    /// How many real participants have no pending or accepted request, and whether
    /// requests may still be sent (then they can be invited to book).
    idle: i64,
    booking_open: bool,
    /// The requests' figures, with each status's label.
    stats: RequestStats,
    stat_labels: Vec<(String, usize)>,
    /// Participants who take part online (who have a room).
    online: usize,
    /// Accepted meetings whose sides gave their kind of organisation, and how many of
    /// them join academia with a company ([`academia_industry`]).
    research: (usize, usize),
    /// Requests and meetings whose sides share no language they said they meet in.
    apart: std::collections::HashSet<i64>,
    /// Accepted meetings whose slot has started: their outcome is told, they are not
    /// cancelled.
    begun: std::collections::HashSet<i64>,
    /// Accepted meetings among them.
    interpreters: usize,
    /// Accepted meetings whose sides' regions are known, how many of them join two
    /// regions, and those by pair of regions (labelled) ([`across_borders`]).
    borders: (usize, usize, Vec<(String, usize)>),
    /// After a reminder: how many mails it queued.
    queued: Option<i64>,
    /// The cooperations after the event's meetings ([`cooperation_figures`]: by stage
    /// reached, and agreements by kind), and each with its two sides.
    coop_figures: CoopFigures,
    coops: Vec<CoopLine>,
    /// Cooperations still open (in talks, or signed and not yet implemented), whose sides
    /// the organiser may ask where they stand.
    coops_open: i64,
    /// Of the agreements signed after the meetings whose sides' regions are known, how many
    /// join two regions, and those by pair of regions (labelled).
    coop_borders: (usize, usize, Vec<(String, usize)>),
    /// The kinds of agreement, for the "signed" step: (code, label).
    agreements: Vec<(&'static str, String)>,
}

async fn organiser_page(
    State(s): State<AppState>,
    c: Ctx,
    Path(raw): Path<String>,
    Query(q): Query<HashMap<String, String>>,
) -> Result<Response, WebError> {
    // After a reminder: how many mails it queued.
    let queued = q.get("queued").and_then(|n| n.parse().ok());
    organiser_view(&s, c, id(&raw)?, Vec::new(), queued, StatusCode::OK).await
}

/// Runs one of the organiser's writes. A refusal (bad input, a conflict such as a stale
/// version or an overlapping slot) shows the organiser's page again with the message on
/// it, rather than an error page.
async fn inline(
    s: &AppState,
    c: &Ctx,
    raw: &str,
    write: impl std::future::Future<Output = Result<Response, WebError>>,
) -> Result<Response, WebError> {
    let (problems, status) = match write.await {
        Err(WebError::Invalid(fields)) => (
            fields
                .iter()
                .map(|f| crate::error::field_message(c.lang, f))
                .collect(),
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        Err(WebError::Conflict(code)) => (vec![c.t(code)], StatusCode::CONFLICT),
        other => return other,
    };
    organiser_view(s, c.clone(), id(raw)?, problems, None, status).await
}

/// The organiser's page, with `problems` from a refused write shown at the top.
async fn organiser_view(
    s: &AppState,
    c: Ctx,
    event_id: i64,
    problems: Vec<String>,
    queued: Option<i64>,
    status: StatusCode,
) -> Result<Response, WebError> {
    require_event(c.auth.as_ref(), event_id)?;
    let event = s.store.get_event(event_id).await?;
    s.store
        .expire_meeting_requests(event.id, baylink_store::sql::now())
        .await?;
    let mm = s.store.matchmaking(event.id).await?;
    let regs = participants(s, event.id).await?;
    let name = names(&c, &regs);
    let who = |reg: i64| name.get(&reg).cloned().unwrap_or_else(|| format!("#{reg}"));
    let tables = s.store.meeting_tables(event.id).await?;
    let requests = s.store.meeting_requests(event.id).await?;
    let all_slots = s.store.meeting_slots(event.id).await?;
    let slots = all_slots
        .iter()
        .cloned()
        .map(|slot| {
            let cells = tables
                .iter()
                .map(|t| Cell {
                    table: table_name(&c, t, &who),
                    meeting: requests
                        .iter()
                        .find(|r| r.slot_id == Some(slot.id) && r.table_id == Some(t.id))
                        .map(|r| format!("{} · {}", who(r.from_reg), who(r.to_reg))),
                })
                .collect();
            let label = slot_label(&slot);
            (slot, label, cells)
        })
        .collect();
    let busy_slots = requests.iter().filter_map(|r| r.slot_id).collect();
    let busy_tables = requests.iter().filter_map(|r| r.table_id).collect();
    let away = s.store.unavailability(event.id).await?;
    let conflicts = conflicts(&c, &requests, &all_slots, &tables, &away, &who);
    let slot_choices = all_slots.iter().map(|x| (x.id, slot_label(x))).collect();
    let now = baylink_store::sql::now();
    let begun = requests
        .iter()
        .filter(|r| r.status == RequestStatus::Accepted)
        .filter(|r| {
            r.slot_id
                .and_then(|id| all_slots.iter().find(|x| x.id == id))
                .is_some_and(|x| x.starts_at <= now)
        })
        .map(|r| r.id)
        .collect();
    let table_choices = tables
        .iter()
        .map(|t| (t.id, table_name(&c, t, &who)))
        .collect();
    let accepted = requests
        .iter()
        .filter(|r| r.status == RequestStatus::Accepted)
        .count();
    let unplaced = requests
        .iter()
        .filter(|r| r.status == RequestStatus::Accepted && r.slot_id.is_none())
        .count();
    let drafted = mm
        .as_ref()
        .is_some_and(|m| m.status != MatchmakingStatus::Open);
    let mut why = unplaced_reasons(c.lang, &requests, &all_slots, &away, drafted, &who);
    // Those the buttons would mail: real participants, not mailed the same within a day.
    let now = baylink_store::sql::now();
    let since = now - baylink_store::matchmaking::MAIL_GAP;
    let reminded: std::collections::HashSet<i64> = s
        .store
        .recently_mailed(event.id, "mm_reminder", since)
        .await?
        .into_iter()
        .collect();
    let nudged: std::collections::HashSet<i64> = s
        .store
        .recently_mailed(event.id, "mm_nudge", since)
        .await?
        .into_iter()
        .collect();
    let real: std::collections::HashSet<i64> =
        regs.iter().filter(|r| !r.synthetic).map(|r| r.id).collect();
    // Who has a meeting behind them and has not told its outcome (and was not asked
    // lately): the organiser may ask them by mail.
    let asked: std::collections::HashSet<i64> = s
        .store
        .asked_for_outcomes(event.id, since, now)
        .await?
        .into_iter()
        .collect();
    let published = mm
        .as_ref()
        .is_some_and(|m| m.status == MatchmakingStatus::Published);
    let owing = requests
        .iter()
        .filter(|r| r.status == RequestStatus::Accepted && r.placed_for_all(published))
        .filter(|r| {
            all_slots
                .iter()
                .any(|x| Some(x.id) == r.slot_id && x.ends_at <= now)
        })
        .flat_map(|r| {
            [
                (r.from_reg, r.outcome_from.is_none()),
                (r.to_reg, r.outcome_to.is_none()),
            ]
        })
        .filter(|&(reg, untold)| untold && real.contains(&reg) && !asked.contains(&reg))
        .map(|(reg, _)| reg)
        .collect::<std::collections::HashSet<i64>>()
        .len() as i64;
    let stats = request_stats(&requests, regs.len());
    let region: HashMap<i64, Region> = regs
        .iter()
        .filter_map(|r| {
            r.region
                .as_deref()
                .and_then(Region::parse)
                .map(|x| (r.id, x))
        })
        .collect();
    let labelled = |b: Borders| {
        let pairs = b
            .pairs
            .into_iter()
            .map(|((x, y), n)| {
                (
                    format!("{} – {}", c.t(&x.label_key()), c.t(&y.label_key())),
                    n,
                )
            })
            .collect();
        (b.known, b.across, pairs)
    };
    let borders = labelled(across_borders(&requests, &region));
    let research = {
        let kind: HashMap<i64, OrgType> = regs
            .iter()
            .filter_map(|r| {
                r.org_type
                    .as_deref()
                    .and_then(OrgType::parse)
                    .map(|x| (r.id, x))
            })
            .collect();
        academia_industry(&requests, &kind)
    };
    let engaged: std::collections::HashSet<i64> = requests
        .iter()
        .flat_map(|r| {
            [r.from_reg, r.to_reg]
                .into_iter()
                .filter(|&reg| r.engages(reg))
        })
        .collect();
    let idle = regs
        .iter()
        .filter(|r| real.contains(&r.id) && !engaged.contains(&r.id) && !nudged.contains(&r.id))
        .count() as i64;
    let booking_open = mm.as_ref().is_some_and(|m| {
        m.status == MatchmakingStatus::Open && m.request_deadline.is_none_or(|d| d >= now)
    });
    let stat_labels = stats
        .by_status
        .iter()
        .map(|(st, n)| (c.t(&st.label_key()), *n))
        .collect();
    let waiting = requests
        .iter()
        .filter(|r| r.status == RequestStatus::Pending)
        .map(|r| r.to_reg)
        .filter(|reg| real.contains(reg) && !reminded.contains(reg))
        .collect::<std::collections::HashSet<i64>>()
        .len() as i64;
    let outcomes = mm
        .as_ref()
        .filter(|m| m.status == MatchmakingStatus::Published)
        .map(|_| {
            let (held, counts) = outcome_counts(&requests);
            let labelled = counts
                .into_iter()
                .map(|(o, n)| (c.t(&o.label_key()), n))
                .collect();
            (held, labelled)
        });
    let feedback = if outcomes.is_some() {
        let by_id: HashMap<i64, &MeetingRequest> = requests.iter().map(|r| (r.id, r)).collect();
        s.store
            .meeting_feedback(event.id)
            .await?
            .into_iter()
            .filter_map(|f| {
                let r = by_id.get(&f.request_id)?;
                let outcome = if r.from_reg == f.registration_id {
                    &r.outcome_from
                } else {
                    &r.outcome_to
                };
                let outcome = outcome
                    .as_deref()
                    .and_then(MeetingOutcome::parse)
                    .map(|o| c.t(&o.label_key()))
                    .unwrap_or_default();
                Some((
                    who(f.registration_id),
                    who(r.other_side(f.registration_id)),
                    outcome,
                    c.text(&f.comment, &f.comment_script),
                ))
            })
            .collect()
    } else {
        Vec::new()
    };
    let cooperations = s.store.cooperations(event.id).await?;
    // The agreements signed after the event's meetings that join two regions, by pair.
    let signed: Vec<MeetingRequest> = requests
        .iter()
        .filter(|r| {
            cooperations
                .iter()
                .any(|x| x.request_id == r.id && x.agreement_type.is_some())
        })
        .cloned()
        .collect();
    let coop_borders = labelled(across_borders(&signed, &region));
    let steps = s.store.event_cooperation_steps(event.id).await?;
    let coops = cooperations
        .iter()
        .map(|coop| {
            let sides = match requests.iter().find(|r| r.id == coop.request_id) {
                Some(r) => format!("{} – {}", who(r.from_reg), who(r.to_reg)),
                None => String::new(),
            };
            coop_line(&c, coop, sides, &steps)
        })
        .collect();
    let coop_figures = cooperation_figures(&c, &cooperations);
    let coops_open = cooperations
        .iter()
        .filter(|x| {
            matches!(
                x.stage(),
                Some(PipelineStage::InTalks | PipelineStage::Signed)
            )
        })
        .count() as i64;
    let requests = requests
        .into_iter()
        .map(|r| {
            let status = c.t(&r.status.label_key());
            let (from, to) = (who(r.from_reg), who(r.to_reg));
            let reason = why.remove(&r.id).unwrap_or_default();
            (r, from, to, status, reason)
        })
        .collect::<Vec<_>>();
    let online = tables.iter().filter(|t| t.link.is_some()).count();
    // Requests and meetings whose two sides said their languages and share none: an
    // interpreter may be needed, and the organisers are the ones to bring one.
    let spoken: HashMap<i64, Vec<MeetingLanguage>> = s
        .store
        .matchmaking_profiles(event.id)
        .await?
        .into_iter()
        .map(|p| (p.registration_id, p.languages()))
        .collect();
    let no_language = |reg: i64| spoken.get(&reg).map(Vec::as_slice).unwrap_or_default();
    let apart: std::collections::HashSet<i64> = requests
        .iter()
        .filter(|(r, ..)| matches!(r.status, RequestStatus::Pending | RequestStatus::Accepted))
        .filter(|(r, ..)| MeetingLanguage::apart(no_language(r.from_reg), no_language(r.to_reg)))
        .map(|(r, ..)| r.id)
        .collect();
    let interpreters = requests
        .iter()
        .filter(|(r, ..)| r.status == RequestStatus::Accepted && apart.contains(&r.id))
        .count();

    let tables = tables
        .into_iter()
        .map(|t| {
            let owner = t.reserved_for.map(&who).unwrap_or_default();
            (t, owner)
        })
        .collect();
    let people = regs
        .iter()
        .map(|r| (r.id, c.text(&r.name, &r.name_script)))
        .collect();
    // Escaped for a <script>: no "</" can close it early.
    let progress_words = serde_json::json!({
        "scheduling": c.t("mm-scheduling"),
        "meetings": c.t("mm-progress-meetings"),
        "best": c.t("mm-progress-best"),
        "bound": c.t("mm-progress-bound"),
    })
    .to_string()
    .replace("</", "<\\/");
    let date = |at: Option<i64>| at.map(super::events::day).unwrap_or_default();
    let deadlines = mm.as_ref().map_or_else(Default::default, |m| {
        (date(m.request_deadline), date(m.accept_deadline))
    });
    render_invalid(
        &OrganiserPage {
            deadlines,
            problems,
            progress_words,
            outcomes,
            feedback,
            stats,
            stat_labels,
            online,
            research,
            apart,
            begun,
            interpreters,
            borders,
            idle,
            booking_open,
            waiting,
            owing,
            queued,
            coop_figures,
            coops,
            coops_open,
            coop_borders,
            agreements: agreement_choices(&c),
            c,
            event,
            mm,
            slots,
            slot_count: all_slots.len() as i64,
            busy_slots,
            busy_tables,
            tables,
            requests,
            people,
            accepted,
            unplaced,
            conflicts,
            slot_choices,
            table_choices,
        },
        status,
    )
}

/// Why each accepted request without a slot has none, in `lang`, by request id (for the
/// organiser's page, the participant's page and the agenda mail). Before any schedule is
/// drafted (`drafted` false) only what rules a slot out is said: a half-day without
/// slots, no common slot, more meetings than slots. That the slots went to other meetings
/// can only be said of a schedule.
pub(crate) fn unplaced_reasons(
    lang: crate::i18n::Locale,
    requests: &[MeetingRequest],
    slots: &[MeetingSlot],
    away: &[(i64, i64)],
    drafted: bool,
    who: &dyn Fn(i64) -> String,
) -> HashMap<i64, String> {
    if slots.is_empty() {
        return HashMap::new();
    }
    let input = EventIn {
        requests: requests
            .iter()
            .filter(|r| r.status == RequestStatus::Accepted)
            .map(request_in)
            .collect(),
        slots: slots.iter().map(|x| (x.id, x.starts_at)).collect(),
        // The reasons need no tables: a table is never what rules a slot out.
        unavailable: away.to_vec(),
        ..EventIn::default()
    };
    baylink_matchmaking::unplaced_reasons(&input)
        .into_iter()
        .filter_map(|(id, reason)| {
            let text = match reason {
                Unplaced::NoSlotInSession => lang.t("mm-why-no-session-slot"),
                Unplaced::NoCommonSlot => lang.t("mm-why-no-common-slot"),
                Unplaced::TooManyMeetings(reg) => lang.t_args(
                    "mm-why-too-many",
                    &[(
                        "name",
                        fluent_templates::fluent_bundle::FluentValue::from(who(reg)),
                    )],
                ),
                Unplaced::Full if drafted => lang.t("mm-why-full"),
                Unplaced::Full => return None,
            };
            Some((id, text))
        })
        .collect()
}

/// The rules a schedule breaks, for the organiser: someone in two places, a table used
/// twice, a meeting when a side is away, a booth holding someone else's meeting.
fn conflicts(
    c: &Ctx,
    requests: &[MeetingRequest],
    slots: &[MeetingSlot],
    tables: &[MeetingTable],
    away: &[(i64, i64)],
    who: &dyn Fn(i64) -> String,
) -> Vec<String> {
    let label = |slot: i64| {
        slots
            .iter()
            .find(|x| x.id == slot)
            .map(slot_label)
            .unwrap_or_default()
    };
    let mut found = Vec::new();
    let placed: Vec<&MeetingRequest> = requests
        .iter()
        .filter(|r| r.status == RequestStatus::Accepted && r.slot_id.is_some())
        .collect();
    let mut seen_people: HashMap<(i64, i64), usize> = HashMap::new();
    let mut seen_tables: HashMap<(i64, i64), usize> = HashMap::new();
    for r in &placed {
        let (slot, table) = (r.slot_id.unwrap_or(0), r.table_id.unwrap_or(0));
        *seen_tables.entry((slot, table)).or_default() += 1;
        for p in [r.from_reg, r.to_reg] {
            *seen_people.entry((slot, p)).or_default() += 1;
            if away.contains(&(p, slot)) {
                found.push(format!(
                    "{}: {} · {}",
                    c.t("mm-conflict-away"),
                    who(p),
                    label(slot)
                ));
            }
        }
        if let Some(owner) = tables
            .iter()
            .find(|t| t.id == table)
            .and_then(|t| t.reserved_for)
            && r.from_reg != owner
            && r.to_reg != owner
        {
            found.push(format!(
                "{}: {} · {}",
                c.t("mm-conflict-reserved"),
                who(r.from_reg),
                label(slot)
            ));
        }
    }
    let mut busy: Vec<_> = seen_people.into_iter().filter(|(_, n)| *n > 1).collect();
    busy.sort();
    for ((slot, p), _) in busy {
        found.push(format!(
            "{}: {} · {}",
            c.t("mm-conflict-busy"),
            who(p),
            label(slot)
        ));
    }
    let mut doubled: Vec<_> = seen_tables.into_iter().filter(|(_, n)| *n > 1).collect();
    doubled.sort();
    for ((slot, table), _) in doubled {
        let name = tables
            .iter()
            .find(|t| t.id == table)
            .map(|t| table_name(c, t, who))
            .unwrap_or_default();
        found.push(format!(
            "{}: {name} · {}",
            c.t("mm-conflict-table"),
            label(slot)
        ));
    }
    found
}

/// Moves one meeting by hand (slot and table, or out of the schedule) and locks it or not.
async fn place_meeting(
    State(s): State<AppState>,
    c: Ctx,
    Path((raw, rid)): Path<(String, String)>,
    form: FormData,
) -> Result<Response, WebError> {
    inline(&s, &c, &raw, async {
        let auth = require_event(c.auth.as_ref(), id(&raw)?)?;
        let event_id = id(&raw)?;
        let mut errors = Vec::new();
        let slot: Option<i64> = form.int("slot", &mut errors);
        let table: Option<i64> = form.int("table", &mut errors);
        let version: i64 = form.int("version", &mut errors).unwrap_or(-1);
        if !errors.is_empty() {
            return Err(WebError::Invalid(errors));
        }
        s.store
            .place_meeting(
                &actor(auth),
                event_id,
                id(&rid)?,
                slot.zip(table),
                form.get("locked") == "1",
                version,
                baylink_store::sql::now(),
            )
            .await?;
        Ok(see(c.href(&format!("/events/{event_id}/matchmaking"))))
    })
    .await
}

/// The organiser cancels a request or a meeting not yet held; both sides are told.
async fn cancel_by_organiser(
    State(s): State<AppState>,
    c: Ctx,
    Path((raw, rid)): Path<(String, String)>,
) -> Result<Response, WebError> {
    inline(&s, &c, &raw, async {
        let auth = require_event(c.auth.as_ref(), id(&raw)?)?;
        let event_id = id(&raw)?;
        s.store
            .cancel_meeting_as_organiser(
                &actor(auth),
                event_id,
                id(&rid)?,
                baylink_store::sql::now(),
            )
            .await?;
        Ok(see(c.href(&format!("/events/{event_id}/matchmaking"))))
    })
    .await
}

#[derive(Template)]
#[template(path = "events/matchmaking_suggest.html")]
struct SuggestPage {
    c: Ctx,
    event: Event,
    /// Every participant (id, name and organisation), for the choice of whom to look at.
    people: Vec<(i64, String)>,
    /// Those with no meeting and no request waiting: who most needs one.
    idle: Vec<(i64, String)>,
    /// The participant looked at, and their suggestions.
    chosen: Option<(i64, String)>,
    suggested: Option<meeting_suggestions::ForParticipant>,
    /// The participants who share no language with the one looked at.
    apart: std::collections::HashSet<i64>,
    /// Every participant's standing, fewest meetings first.
    standings: Vec<Standing>,
}

/// Where one participant stands in the event's matchmaking, for the organiser.
pub(crate) struct Standing {
    pub id: i64,
    pub who: String,
    /// Accepted meetings, and those of them with a place.
    pub accepted: usize,
    pub placed: usize,
    /// Requests they sent, and those sent to them, still waiting for an answer.
    pub asking: usize,
    pub asked: usize,
    /// Meetings behind them whose outcome they have not told.
    pub untold: usize,
}

/// Each participant's standing ([`Standing`]), fewest accepted meetings first, then by
/// name in `order`. One pass over the requests, so that an event of thousands reads at
/// once.
pub(crate) fn standings(
    people: &[(i64, String)],
    requests: &[MeetingRequest],
    slots: &[MeetingSlot],
    published: bool,
    now: i64,
    order: baylink_text::NameOrder,
) -> Vec<Standing> {
    let ended: std::collections::HashSet<i64> = slots
        .iter()
        .filter(|x| x.ends_at <= now)
        .map(|x| x.id)
        .collect();
    let mut by: HashMap<i64, Standing> = people
        .iter()
        .map(|(id, who)| {
            (
                *id,
                Standing {
                    id: *id,
                    who: who.clone(),
                    accepted: 0,
                    placed: 0,
                    asking: 0,
                    asked: 0,
                    untold: 0,
                },
            )
        })
        .collect();
    for r in requests {
        for (side, told) in [(r.from_reg, &r.outcome_from), (r.to_reg, &r.outcome_to)] {
            let Some(x) = by.get_mut(&side) else {
                continue;
            };
            match r.status {
                RequestStatus::Accepted => {
                    x.accepted += 1;
                    x.placed += usize::from(r.slot_id.is_some());
                    x.untold += usize::from(
                        told.is_none()
                            && r.placed_for_all(published)
                            && r.slot_id.is_some_and(|id| ended.contains(&id)),
                    );
                }
                RequestStatus::Pending if side == r.from_reg => x.asking += 1,
                RequestStatus::Pending => x.asked += 1,
                _ => {}
            }
        }
    }
    let mut out: Vec<Standing> = by.into_values().collect();
    out.sort_by_cached_key(|x| {
        (
            x.accepted,
            baylink_text::collation::shown_key(order, &x.who),
            x.id,
        )
    });
    out
}

/// Whom a participant might meet, for the organiser who arranges meetings (the
/// secretariat's 撮合): the participant's own suggestions, as their page shows them, each
/// with a button that arranges the meeting, and the participants with no meeting yet.
async fn suggest_page(
    State(s): State<AppState>,
    c: Ctx,
    Path(raw): Path<String>,
    Query(q): Query<HashMap<String, String>>,
) -> Result<Response, WebError> {
    require_event(c.auth.as_ref(), id(&raw)?)?;
    let event = s.store.get_event(id(&raw)?).await?;
    let mm = s
        .store
        .matchmaking(event.id)
        .await?
        .ok_or(WebError::NotFound)?;
    let regs = participants(&s, event.id).await?;
    let name = names_with_organisations(&c, &regs);
    let who = |id: i64| name.get(&id).cloned().unwrap_or_default();
    let requests = s.store.meeting_requests(event.id).await?;
    let live: Vec<&Registration> = regs.iter().filter(|r| !r.is_erased()).collect();
    let people: Vec<(i64, String)> = live.iter().map(|r| (r.id, who(r.id))).collect();
    let standings = standings(
        &people,
        &requests,
        &s.store.meeting_slots(event.id).await?,
        mm.status == MatchmakingStatus::Published,
        baylink_store::sql::now(),
        c.name_order(""),
    );
    let idle = live
        .iter()
        .filter(|r| !requests.iter().any(|m| m.engages(r.id)))
        .map(|r| (r.id, who(r.id)))
        .collect();
    let chosen = q
        .get("for")
        .and_then(|v| v.parse::<i64>().ok())
        .and_then(|rid| live.iter().find(|r| r.id == rid).copied());
    let mut apart = std::collections::HashSet::new();
    let suggested = match chosen {
        Some(reg) => {
            let (orgs, market, abouts, names) = suggestion_sources(&s, event.id, &regs).await?;
            // Whom they share no language with: arranging that meeting means an interpreter.
            let spoken = |id: i64| abouts.get(&id).map(|p| p.languages()).unwrap_or_default();
            let theirs = spoken(reg.id);
            apart.extend(
                live.iter()
                    .filter(|r| MeetingLanguage::apart(&theirs, &spoken(r.id)))
                    .map(|r| r.id),
            );
            let met = met_before(&c, &s, reg.id, &regs, &orgs, &names).await?;
            Some(
                meeting_suggestions::for_participant(
                    &s,
                    &c,
                    &market,
                    &meeting_suggestions::EventPeople {
                        event_id: event.id,
                        regs: &regs,
                        orgs: &orgs,
                        abouts: &abouts,
                        requests: &requests,
                    },
                    reg,
                    &met,
                    who,
                    SUGGESTIONS,
                )
                .await?,
            )
        }
        None => None,
    };
    render(&SuggestPage {
        chosen: chosen.map(|r| (r.id, who(r.id))),
        c,
        event,
        people,
        idle,
        suggested,
        apart,
        standings,
    })
}

/// The organiser arranges a meeting between two participants (`from_reg`, `to_reg`), with
/// a note to both in the organiser's script.
async fn arrange(
    State(s): State<AppState>,
    c: Ctx,
    Path(raw): Path<String>,
    form: FormData,
) -> Result<Response, WebError> {
    inline(&s, &c, &raw, async {
        let auth = require_event(c.auth.as_ref(), id(&raw)?)?;
        let event_id = id(&raw)?;
        let mut errors = Vec::new();
        let from_reg = form.int("from_reg", &mut errors);
        let to_reg = form.int("to_reg", &mut errors);
        // Each side not chosen is said so, unless what was sent is not a number at all.
        for (field, value) in [("from_reg", from_reg), ("to_reg", to_reg)] {
            if value.is_none() && !errors.iter().any(|e| e.field == field) {
                errors.push(FieldError::new(field, "err-required"));
            }
        }
        if !errors.is_empty() {
            return Err(WebError::Invalid(errors));
        }
        let draft = RequestInput {
            to_reg: to_reg.unwrap_or(0),
            message: form.get("message").to_owned(),
            priority: 2,
            session: form.opt("session"),
        }
        .validate(c.lang.script())
        .map_err(WebError::Invalid)?;
        let from_reg = from_reg.unwrap_or(0);
        s.store
            .arrange_meeting(
                &actor(auth),
                event_id,
                from_reg,
                &draft,
                baylink_store::sql::now(),
            )
            .await?;
        // From a participant's suggestions: back to them, for the next one.
        if form.get("back") == "suggest" {
            return Ok(see(c.href(&format!(
                "/events/{event_id}/matchmaking/suggest?for={from_reg}"
            ))));
        }
        Ok(see(c.href(&format!("/events/{event_id}/matchmaking"))))
    })
    .await
}

async fn save_settings(
    State(s): State<AppState>,
    c: Ctx,
    Path(raw): Path<String>,
    form: FormData,
) -> Result<Response, WebError> {
    inline(&s, &c, &raw, async {
        let auth = require_event(c.auth.as_ref(), id(&raw)?)?;
        let event_id = id(&raw)?;
        let mut errors = Vec::new();
        let minutes = form.int("meeting_minutes", &mut errors).unwrap_or(0);
        let max = form.int("max_requests", &mut errors).unwrap_or(0);
        let deadline = |field: &str, errors: &mut Vec<FieldError>| {
            let date = form.get(field);
            if date.trim().is_empty() {
                return None;
            }
            let at = parse_hk(date, "23:59");
            if at.is_none() {
                errors.push(FieldError::new(field, "err-bad-date"));
            }
            at
        };
        let request_deadline = deadline("request_deadline", &mut errors);
        let accept_deadline = deadline("accept_deadline", &mut errors);
        if !errors.is_empty() {
            return Err(WebError::Invalid(errors));
        }
        let draft = MatchmakingInput {
            meeting_minutes: minutes,
            max_requests: max,
            request_deadline,
            accept_deadline,
            self_booking: form.get("self_booking") == "1",
            video_url: Some(form.get("video_url").to_owned()),
            auto_accept: form.get("auto_accept") == "1",
        }
        .validate()
        .map_err(WebError::Invalid)?;
        s.store
            .save_matchmaking(&actor(auth), event_id, &draft, baylink_store::sql::now())
            .await?;
        Ok(see(c.href(&format!("/events/{event_id}/matchmaking"))))
    })
    .await
}

/// Adds the meeting slots of a session: from its start to its end, one meeting long each,
/// with the pause between them (without a length, the whole span is one slot).
async fn add_slot(
    State(s): State<AppState>,
    c: Ctx,
    Path(raw): Path<String>,
    form: FormData,
) -> Result<Response, WebError> {
    inline(&s, &c, &raw, async {
        let auth = require_event(c.auth.as_ref(), id(&raw)?)?;
        let event_id = id(&raw)?;
        let starts = parse_hk(form.get("date"), form.get("start_time"));
        let ends = parse_hk(form.get("date"), form.get("end_time"));
        let (Some(starts), Some(ends)) = (starts, ends) else {
            return Err(WebError::Invalid(vec![FieldError::new(
                "date",
                "err-bad-date",
            )]));
        };
        let mut errors = Vec::new();
        let length: Option<i64> = form.int("length", &mut errors);
        let pause: i64 = form.int("pause", &mut errors).unwrap_or(0);
        if !errors.is_empty() {
            return Err(WebError::Invalid(errors));
        }
        let slots = match length {
            None => vec![(starts, ends)],
            Some(length) => session_slots(starts, ends, length, pause)?,
        };
        s.store
            .add_meeting_slots(&actor(auth), event_id, &slots)
            .await?;
        Ok(see(c.href(&format!("/events/{event_id}/matchmaking"))))
    })
    .await
}

/// The most slots one session may make at once (a day of five-minute meetings).
const MOST_SLOTS_AT_ONCE: usize = 120;

/// The slots from `starts` to `ends` (seconds), each `length` minutes with `pause`
/// minutes between them; the last one ends by `ends`.
fn session_slots(
    starts: i64,
    ends: i64,
    length: i64,
    pause: i64,
) -> Result<Vec<(i64, i64)>, WebError> {
    if !(5..=240).contains(&length) || !(0..=240).contains(&pause) {
        return Err(WebError::Invalid(vec![FieldError::new(
            "length",
            "err-mm-slot-length",
        )]));
    }
    let mut slots = Vec::new();
    let mut at = starts;
    while at + length * 60 <= ends {
        if slots.len() == MOST_SLOTS_AT_ONCE {
            return Err(WebError::Invalid(vec![FieldError::new(
                "end_time",
                "err-mm-slots-too-many",
            )]));
        }
        slots.push((at, at + length * 60));
        at += (length + pause) * 60;
    }
    if slots.is_empty() {
        return Err(WebError::Invalid(vec![FieldError::new(
            "end_time",
            "err-mm-slots-none",
        )]));
    }
    Ok(slots)
}

/// Adds one table, or several numbered on from the label (see [`numbered`]).
async fn add_table(
    State(s): State<AppState>,
    c: Ctx,
    Path(raw): Path<String>,
    form: FormData,
) -> Result<Response, WebError> {
    inline(&s, &c, &raw, async {
        let auth = require_event(c.auth.as_ref(), id(&raw)?)?;
        let event_id = id(&raw)?;
        let reserved_for = match form.opt("reserved_for") {
            Some(v) => Some(v.parse().map_err(|_| {
                WebError::Invalid(vec![FieldError::new(
                    "reserved_for",
                    "err-mm-not-participant",
                )])
            })?),
            None => None,
        };
        let mut errors = Vec::new();
        let count: usize = form.int("count", &mut errors).unwrap_or(1);
        if !errors.is_empty() {
            return Err(WebError::Invalid(errors));
        }
        if !(1..=200).contains(&count) {
            return Err(WebError::Invalid(vec![FieldError::new(
                "count",
                "err-mm-table-count",
            )]));
        }
        if count > 1 && reserved_for.is_some() {
            return Err(WebError::Invalid(vec![FieldError::new(
                "reserved_for",
                "err-mm-reserved-one",
            )]));
        }
        let tables: Vec<(String, Option<i64>)> = numbered(form.get("label").trim(), count)
            .into_iter()
            .map(|label| (label, reserved_for))
            .collect();
        s.store
            .add_meeting_tables(&actor(auth), event_id, &tables)
            .await?;
        Ok(see(c.href(&format!("/events/{event_id}/matchmaking"))))
    })
    .await
}

/// `count` table names from `label`: the label itself for one; for more, numbered on
/// from a number the label ends with ("A1" → A1, A2, A3; "12" → 12, 13, 14), or else
/// from 1 after a space ("Table" → Table 1, Table 2; "桌" → 桌 1, 桌 2).
fn numbered(label: &str, count: usize) -> Vec<String> {
    if count == 1 {
        return vec![label.to_owned()];
    }
    let digits = label.len() - label.trim_end_matches(|c: char| c.is_ascii_digit()).len();
    let (stem, first) = match label[label.len() - digits..].parse::<usize>() {
        Ok(n) if digits > 0 => (label[..label.len() - digits].to_owned(), n),
        _ if label.is_empty() => (String::new(), 1),
        _ => (format!("{label} "), 1),
    };
    (first..first + count)
        .map(|n| format!("{stem}{n:0digits$}"))
        .collect()
}

/// What the organiser removes: a slot or a table.
#[derive(Clone, Copy)]
enum Part {
    Slot,
    Table,
}

/// Removes a slot or a table where no meeting is placed (the store refuses otherwise).
async fn remove_part(
    State(s): State<AppState>,
    c: Ctx,
    Path((raw, part_id)): Path<(String, String)>,
    part: Part,
) -> Result<Response, WebError> {
    inline(&s, &c, &raw, async {
        let auth = require_event(c.auth.as_ref(), id(&raw)?)?;
        let event_id = id(&raw)?;
        let part_id = id(&part_id)?;
        match part {
            Part::Slot => {
                s.store
                    .remove_meeting_slot(&actor(auth), event_id, part_id)
                    .await?
            }
            Part::Table => {
                s.store
                    .remove_meeting_table(&actor(auth), event_id, part_id)
                    .await?
            }
        }
        Ok(see(c.href(&format!("/events/{event_id}/matchmaking"))))
    })
    .await
}

/// Computes a schedule for every accepted request and saves it. Meetings already placed
/// stay where they are after publication; before it, everything may move.
///
/// The run goes on without the request: an organiser who closes the tab or loses the
/// connection while the engine works still finds the schedule saved on the next visit
/// (the server drops a request's handler when its connection closes).
async fn make_schedule(
    State(s): State<AppState>,
    c: Ctx,
    Path(raw): Path<String>,
) -> Result<Response, WebError> {
    inline(&s, &c, &raw, async {
        let auth = require_event(c.auth.as_ref(), id(&raw)?)?;
        let event_id = id(&raw)?;
        let who = actor(auth);
        let (done, outcome) = tokio::sync::oneshot::channel();
        let state = s.clone();
        tokio::spawn(async move {
            let result = run_schedule(&state, &who, event_id).await;
            // Nobody is waiting when the page was left: say what became of the run.
            if let Err(Err(e)) = done.send(result) {
                tracing::warn!(error = ?e, event_id, "schedule of a left page not saved");
            }
        });
        outcome
            .await
            .map_err(|_| WebError::Internal("the schedule task stopped".into()))??;
        Ok(see(c.href(&format!("/events/{event_id}/matchmaking"))))
    })
    .await
}

/// One schedule run of [`make_schedule`], from the expiry of unanswered requests to the
/// saved schedule.
async fn run_schedule(
    s: &AppState,
    who: &baylink_store::Actor,
    event_id: i64,
) -> Result<(), WebError> {
    // Requests nobody answered in time block no one.
    s.store
        .expire_meeting_requests(event_id, baylink_store::sql::now())
        .await?;
    let mm = s
        .store
        .matchmaking(event_id)
        .await?
        .ok_or(WebError::NotFound)?;
    let requests: Vec<MeetingRequest> = s
        .store
        .meeting_requests(event_id)
        .await?
        .into_iter()
        .filter(|r| r.status == RequestStatus::Accepted)
        .collect();
    let slots = s.store.meeting_slots(event_id).await?;
    let tables = s.store.meeting_tables(event_id).await?;
    if slots.is_empty() || tables.is_empty() {
        return Err(WebError::Conflict("err-mm-no-slots"));
    }
    let input = event_in(
        &requests,
        &slots,
        &tables,
        s.store.unavailability(event_id).await?,
        mm.status == MatchmakingStatus::Published,
        Duration::from_secs(20),
    );
    // One schedule per event at a time: on this node (the job) and on every node (the
    // event's `schedule_runs` row, which this node renews while it computes). The page
    // polls the progress from whichever node answers.
    let meetings = input.requests.len();
    let job = Job::start(&s.scheduling, event_id, meetings)?;
    let now = baylink_store::sql::now();
    if !s
        .store
        .begin_schedule_run(event_id, meetings as i64, now, now - RUN_STALE)
        .await?
    {
        return Err(WebError::Conflict("err-mm-scheduling"));
    }
    let beat = tokio::spawn(heartbeat(s.clone(), event_id));
    let plan = tokio::task::spawn_blocking(move || {
        baylink_matchmaking::plan_with(&input, &mut |p| job.update(&p))
    })
    .await;
    beat.abort();
    let ended = s.store.end_schedule_run(event_id).await;
    let plan = plan.map_err(|e| WebError::Internal(format!("scheduler: {e}")))?;
    ended?;
    s.store
        .save_schedule(who, event_id, mm.version, &plan.placements)
        .await?;
    Ok(())
}

/// How a schedule being computed on this node is going, for the organiser's page.
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct Running {
    pub meetings: usize,
    /// Breaks in the best schedule found so far (none yet, or the greedy engine).
    pub best_breaks: Option<usize>,
    /// Proved: no schedule has fewer breaks.
    pub lower_bound: usize,
    pub seconds: f64,
}

impl Running {
    /// The run as every node sees it (`schedule_runs`).
    fn as_run(&self) -> ScheduleRun {
        ScheduleRun {
            meetings: self.meetings as i64,
            best_breaks: self.best_breaks.map(|b| b as i64),
            lower_bound: self.lower_bound as i64,
            seconds: self.seconds,
        }
    }
}

/// The schedules running on this node, by event. A node computes one schedule per event
/// at a time; a second "schedule" while one runs is refused rather than queued.
#[derive(Default)]
pub struct Scheduling(std::sync::Mutex<HashMap<i64, Running>>);

impl Scheduling {
    pub fn get(&self, event_id: i64) -> Option<Running> {
        self.0.lock().expect("lock").get(&event_id).cloned()
    }
}

/// A running schedule's entry, removed when dropped (finished, failed or panicked).
struct Job {
    jobs: std::sync::Arc<Scheduling>,
    event_id: i64,
}

impl Job {
    fn start(
        jobs: &std::sync::Arc<Scheduling>,
        event_id: i64,
        meetings: usize,
    ) -> Result<Job, WebError> {
        let mut all = jobs.0.lock().expect("lock");
        if all.contains_key(&event_id) {
            return Err(WebError::Conflict("err-mm-scheduling"));
        }
        all.insert(
            event_id,
            Running {
                meetings,
                ..Running::default()
            },
        );
        Ok(Job {
            jobs: jobs.clone(),
            event_id,
        })
    }

    fn update(&self, p: &baylink_matchmaking::Progress) {
        if let Some(r) = self.jobs.0.lock().expect("lock").get_mut(&self.event_id) {
            r.best_breaks = p.best_breaks;
            r.lower_bound = p.lower_bound;
            r.seconds = p.elapsed.as_secs_f64();
        }
    }
}

impl Drop for Job {
    fn drop(&mut self) {
        self.jobs.0.lock().expect("lock").remove(&self.event_id);
    }
}

/// Seconds without a heartbeat after which a schedule run counts as abandoned (its node
/// stopped): other nodes no longer show it, and the next "schedule" takes it over. The
/// heartbeat comes every second (the computation runs on a blocking thread, so a busy
/// node still beats), so fifteen missed beats mean the node is gone, and the organiser
/// waits at most that long to schedule again from another node.
const RUN_STALE: i64 = 15;

/// Renews the event's `schedule_runs` row with this node's progress every second, so that
/// the other nodes show it and do not take the run over. [`run_schedule`] aborts it when
/// the run ends; should that task itself be gone (a panic), it ends the run once the
/// computation on this node is over.
async fn heartbeat(s: AppState, event_id: i64) {
    let mut tick = tokio::time::interval(Duration::from_secs(1));
    loop {
        tick.tick().await;
        let Some(run) = s.scheduling.get(event_id).map(|r| r.as_run()) else {
            if let Err(e) = s.store.end_schedule_run(event_id).await {
                tracing::warn!(error = %e, event_id, "schedule run not ended");
            }
            return;
        };
        let now = baylink_store::sql::now();
        if let Err(e) = s.store.update_schedule_run(event_id, &run, now).await {
            tracing::warn!(error = %e, event_id, "schedule progress not recorded");
        }
    }
}

/// `{"running": bool, …}`: the progress of the event's schedule, from this node when it
/// runs here, else from the run another node records.
async fn schedule_progress(
    State(s): State<AppState>,
    c: Ctx,
    Path(raw): Path<String>,
) -> Result<axum::Json<serde_json::Value>, WebError> {
    require_event(c.auth.as_ref(), id(&raw)?)?;
    let event_id = id(&raw)?;
    let run = match s.scheduling.get(event_id) {
        Some(r) => Some(r.as_run()),
        None => {
            let now = baylink_store::sql::now();
            s.store.schedule_run(event_id, now - RUN_STALE).await?
        }
    };
    Ok(axum::Json(match run {
        Some(r) => {
            serde_json::json!({"running": true, "meetings": r.meetings, "best_breaks": r.best_breaks, "lower_bound": r.lower_bound, "seconds": r.seconds})
        }
        None => serde_json::json!({"running": false}),
    }))
}

async fn publish(
    State(s): State<AppState>,
    c: Ctx,
    Path(raw): Path<String>,
) -> Result<Response, WebError> {
    set_published(s, c, raw, true).await
}

/// Takes the published schedule back to a draft, to rework it.
async fn unpublish(
    State(s): State<AppState>,
    c: Ctx,
    Path(raw): Path<String>,
) -> Result<Response, WebError> {
    set_published(s, c, raw, false).await
}

/// Publishes the schedule, or takes it back to a draft.
async fn set_published(
    s: AppState,
    c: Ctx,
    raw: String,
    publish: bool,
) -> Result<Response, WebError> {
    inline(&s, &c, &raw, async {
        let auth = require_event(c.auth.as_ref(), id(&raw)?)?;
        let event_id = id(&raw)?;
        let now = baylink_store::sql::now();
        if publish {
            s.store
                .publish_schedule(&actor(auth), event_id, now)
                .await?;
        } else {
            s.store
                .unpublish_schedule(&actor(auth), event_id, now)
                .await?;
        }
        Ok(see(c.href(&format!("/events/{event_id}/matchmaking"))))
    })
    .await
}

/// The organiser's one-button mailings, each queued by the store for whoever it concerns.
#[derive(Clone, Copy)]
enum Mailing {
    /// Those with requests waiting for their answer (b2match and Brella send the same
    /// nudge before the acceptance deadline, when most requests are answered or lost).
    Remind,
    /// Those with a meeting held and its outcome untold.
    Outcomes,
    /// Both sides of each cooperation still open after the meetings, where it stands
    /// (the secretariat's follow-up for the yearly figures).
    Cooperations,
}

/// Queues `which` for the event and shows the organiser's page with how many mails went.
async fn mailing(s: &AppState, c: &Ctx, raw: &str, which: Mailing) -> Result<Response, WebError> {
    require_event(c.auth.as_ref(), id(raw)?)?;
    let event = s.store.get_event(id(raw)?).await?;
    let now = baylink_store::sql::now();
    let (n, anchor) = match which {
        Mailing::Remind => (s.store.remind_pending(event.id, now).await?, ""),
        Mailing::Outcomes => (s.store.ask_outcomes(event.id, now).await?, ""),
        Mailing::Cooperations => (s.store.ask_cooperations(event.id, now).await?, "#mm-coop"),
    };
    Ok(see(c.href(&format!(
        "/events/{}/matchmaking?queued={n}{anchor}",
        event.id
    ))))
}

async fn remind(
    State(s): State<AppState>,
    c: Ctx,
    Path(raw): Path<String>,
) -> Result<Response, WebError> {
    mailing(&s, &c, &raw, Mailing::Remind).await
}

async fn followup(
    State(s): State<AppState>,
    c: Ctx,
    Path(raw): Path<String>,
) -> Result<Response, WebError> {
    mailing(&s, &c, &raw, Mailing::Outcomes).await
}

async fn ask_cooperations(
    State(s): State<AppState>,
    c: Ctx,
    Path(raw): Path<String>,
) -> Result<Response, WebError> {
    mailing(&s, &c, &raw, Mailing::Cooperations).await
}

/// Invites by mail each participant with no meeting yet to book one, while requests may
/// be sent (b2match's checklist: every two or three days before booking closes).
async fn nudge(
    State(s): State<AppState>,
    c: Ctx,
    Path(raw): Path<String>,
) -> Result<Response, WebError> {
    inline(&s, &c, &raw, async {
        require_event(c.auth.as_ref(), id(&raw)?)?;
        let event_id = id(&raw)?;
        let n = s
            .store
            .nudge_idle(event_id, baylink_store::sql::now())
            .await?;
        Ok(see(c.href(&format!(
            "/events/{event_id}/matchmaking?queued={n}"
        ))))
    })
    .await
}

/// Another participant as the participant's page lists them.
pub struct Profile {
    pub id: i64,
    pub name: String,
    pub position: String,
    pub organisation: String,
    pub region: String,
    pub org_type: String,
    /// Their organisation's live offers and needs: (posting id, title).
    pub postings: Vec<(i64, String)>,
    /// What they say of themselves for matchmaking, in the reader's script.
    pub about: String,
    /// Where the reader met them before (`met_before`).
    pub met: Vec<String>,
    /// The languages they meet in, named for the reader; empty when not said.
    pub languages: String,
    /// They and the reader have said their languages and share none.
    pub apart: bool,
}

/// One line of a participant's agenda.
pub struct AgendaLine {
    pub request_id: i64,
    pub starts_at: i64,
    pub ends_at: i64,
    pub when: String,
    pub table: String,
    pub with: String,
    pub outcome: Option<String>,
    /// Either side has recorded an outcome: the meeting was held (or judged) and can no
    /// longer be cancelled.
    pub held: bool,
    /// Either side says it did not take place: it may be booked again.
    pub not_held: bool,
    /// The two share no language they said they meet in: an interpreter may be needed.
    pub apart: bool,
    /// Its time has come, so its outcome can be told (before, "did not take place" would
    /// be a guess, and an outcome would keep it from being moved or cancelled).
    pub started: bool,
    /// The participant's own comment on it, for the organisers.
    pub comment: String,
    /// Where the meeting is an online one (in a participant's room): the room's address.
    pub link: Option<String>,
    /// Where participants book their own slots: the other slots it could move to now,
    /// as (slot id, label); empty once it was held.
    pub moves: Vec<(i64, String)>,
    /// The cooperation after it, once either side said one is possible (and the meeting
    /// did not come from an introduction, whose own pipeline it moves).
    pub coop: Option<CoopLine>,
}

/// A meeting's cooperation as a page shows it: the alliance's closed loop (閉環) from a
/// 1:1 meeting to a signed agreement ([`baylink_store::MeetingCooperation`]).
pub struct CoopLine {
    pub request_id: i64,
    pub version: i64,
    /// With whom (a participant's page), or the two sides (the organiser's).
    pub who: String,
    pub stage: String,
    /// The kind of agreement, once signed.
    pub agreement: Option<String>,
    /// The stages it may move to from here: (code, label); empty once implemented or
    /// closed.
    pub next: Vec<(&'static str, String)>,
    /// Its moves, oldest first: (when, stage, note in the reader's script).
    pub history: Vec<(String, String, String)>,
    /// It may still be signed, so the form asks for the kind of agreement.
    pub can_sign: bool,
    /// Where taking its last move back would return to, labelled, if a move after its
    /// start stands ([`baylink_store::PipelineBack`]).
    pub back_to: Option<String>,
}

/// `coop` with its history (`steps`, any of the event's: those of this meeting are
/// taken), labelled for the reader.
fn coop_line(
    c: &Ctx,
    coop: &MeetingCooperation,
    who: String,
    steps: &[baylink_store::CooperationStep],
) -> CoopLine {
    let stage = |code: &str| {
        PipelineStage::parse(code)
            .map(|x| c.t(&x.label_key()))
            .unwrap_or_default()
    };
    let own: Vec<_> = steps
        .iter()
        .filter(|st| st.request_id == coop.request_id)
        .collect();
    let back_to = PipelineBack::back_to(own.iter().map(|st| (st.stage.as_str(), st.takes_back)))
        .map(|to| c.t(&to.label_key()));
    let history = own
        .iter()
        .map(|st| {
            (
                c.time(&st.at),
                super::market::step_label(c, &st.stage, st.takes_back),
                c.text(&st.note, &st.note_script),
            )
        })
        .collect();
    CoopLine {
        request_id: coop.request_id,
        version: coop.version,
        who,
        stage: stage(&coop.stage),
        agreement: coop.agreement().map(|a| c.t(&a.label_key())),
        next: coop
            .next()
            .into_iter()
            .map(|st| (st.code(), c.t(&st.label_key())))
            .collect(),
        can_sign: coop.next().contains(&PipelineStage::Signed),
        history,
        back_to,
    }
}

/// The closed loop after an event's meetings, as the alliance's work reports count it
/// (`cooperation_figures`).
pub struct CoopFigures {
    /// How many cooperations reached each stage, labelled: an agreement counts as signed
    /// whether it was then implemented or, later, closed, as the market's funnel counts
    /// introductions.
    pub stages: Vec<(String, usize)>,
    /// The agreements by kind, labelled; kinds with none are left out.
    pub agreements: Vec<(String, usize)>,
}

/// The figures of `coops` for the reader.
pub(crate) fn cooperation_figures(c: &Ctx, coops: &[MeetingCooperation]) -> CoopFigures {
    let count = |f: &dyn Fn(&MeetingCooperation) -> bool| coops.iter().filter(|x| f(x)).count();
    let stages = vec![
        (c.t(&PipelineStage::InTalks.label_key()), coops.len()),
        (
            c.t(&PipelineStage::Signed.label_key()),
            count(&|x| x.agreement_type.is_some()),
        ),
        (
            c.t(&PipelineStage::Implemented.label_key()),
            count(&|x| x.stage() == Some(PipelineStage::Implemented)),
        ),
        (
            c.t(&PipelineStage::Closed.label_key()),
            count(&|x| x.stage() == Some(PipelineStage::Closed)),
        ),
    ];
    let agreements = AgreementType::ALL
        .iter()
        .map(|&a| (c.t(&a.label_key()), count(&|x| x.agreement() == Some(a))))
        .filter(|(_, n)| *n > 0)
        .collect();
    CoopFigures { stages, agreements }
}

/// A request waiting for the reader's answer.
struct Incoming {
    r: MeetingRequest,
    /// Who asks.
    from: String,
    /// The two have said their languages and share none.
    apart: bool,
    /// The slots it could be booked into as it is accepted, where the event lets
    /// participants book: (slot id, label).
    free: Vec<(i64, String)>,
}

/// A request in a participant's lists: with whom, where it stands, and, where they may
/// book it now, the slots both sides are free in.
struct RequestLine {
    r: MeetingRequest,
    who: String,
    status: String,
    book: Vec<(i64, String)>,
    /// It can be cancelled by the reader now: waiting, or accepted and its time not yet
    /// come (after it, it is told about instead).
    cancellable: bool,
}

#[derive(Template)]
#[template(path = "events/matchmaking.html")]
struct ParticipantPage {
    c: Ctx,
    event: Event,
    mm: Matchmaking,
    token: String,
    others: Vec<(i64, String)>,
    profiles: Vec<Profile>,
    /// Participants whose organisations answer the reader's.
    suggested: Vec<crate::views::meeting_suggestions::Suggestion>,
    /// Participants whose own profiles answer the reader's.
    suggested_people: Vec<crate::views::meeting_suggestions::PersonSuggestion>,
    /// How many participants the reader said "not for me" of (suggested no more).
    passed: i64,
    /// What the reader says of themselves for matchmaking, as written.
    about: String,
    /// Whether requests reach the reader in one mail a day.
    daily: bool,
    /// The languages the reader can meet in: (code, name, said).
    languages: Vec<(&'static str, String, bool)>,
    /// Where the event has a video service and the reader takes part online: their
    /// room's address.
    online: Option<String>,
    incoming: Vec<Incoming>,
    /// The participant's requests: to whom, and where each stands.
    sent: Vec<RequestLine>,
    /// Requests to the participant that they answered (or that expired or were
    /// cancelled): from whom, and where each stands.
    received: Vec<RequestLine>,
    slots: Vec<(MeetingSlot, String, bool)>,
    agenda: Vec<AgendaLine>,
    /// After publication, the participant's accepted meetings that have no slot: with
    /// whom, and why.
    unscheduled: Vec<(String, String)>,
    outcomes: Vec<(&'static str, String)>,
    /// Requests with messages from the other side not yet read, and how many.
    unread: HashMap<i64, i64>,
    /// The kinds of agreement, for moving a cooperation to "signed": (code, label).
    agreements: Vec<(&'static str, String)>,
}

/// The registration behind a link, when it may take part in the event's matchmaking.
pub(crate) async fn participant(
    s: &AppState,
    token: &str,
) -> Result<(Registration, Matchmaking), WebError> {
    let reg = s.store.registration_by_token(token).await?;
    if reg.status != RegStatus::Confirmed {
        return Err(WebError::Conflict("err-mm-not-participant"));
    }
    let mm = s
        .store
        .matchmaking(reg.event_id)
        .await?
        .ok_or(WebError::NotFound)?;
    Ok((reg, mm))
}

/// How many participants the page suggests meeting.
const SUGGESTIONS: usize = 5;

async fn participant_page(
    State(s): State<AppState>,
    c: Ctx,
    Path(token): Path<String>,
) -> Result<Response, WebError> {
    let (reg, mm) = participant(&s, &token).await?;
    let event = s.store.get_event(reg.event_id).await?;
    let regs = participants(&s, event.id).await?;
    let name = names_with_organisations(&c, &regs);
    let who = |id: i64| name.get(&id).cloned().unwrap_or_default();
    let requests = s.store.meeting_requests(event.id).await?;
    let others = regs
        .iter()
        .filter(|r| r.id != reg.id)
        .map(|r| (r.id, who(r.id)))
        .collect();
    // The other participants as a small directory: who they are, where, what for, and
    // what their organisations offer and need.
    let (orgs, market, abouts, names) = suggestion_sources(&s, event.id, &regs).await?;
    let langs_of = |id: i64| abouts.get(&id).map(|p| p.languages()).unwrap_or_default();
    // The reader's own, read once for every comparison on the page.
    let my_langs = langs_of(reg.id);
    let met = met_before(&c, &s, reg.id, &regs, &orgs, &names).await?;
    let suggested = meeting_suggestions::for_participant(
        &s,
        &c,
        &market,
        &meeting_suggestions::EventPeople {
            event_id: event.id,
            regs: &regs,
            orgs: &orgs,
            abouts: &abouts,
            requests: &requests,
        },
        &reg,
        &met,
        who,
        SUGGESTIONS,
    )
    .await?;
    let profiles = regs
        .iter()
        .filter(|r| r.id != reg.id)
        .map(|r| Profile {
            id: r.id,
            name: c.text(&r.name, &r.name_script),
            position: r
                .position
                .as_deref()
                .map(|p| c.text(p, &r.name_script))
                .unwrap_or_default(),
            organisation: r
                .organisation
                .as_deref()
                .map(|o| c.text(o, &r.name_script))
                .unwrap_or_default(),
            region: r
                .region
                .as_deref()
                .and_then(baylink_store::Region::parse)
                .map(|x| c.t(&x.label_key()))
                .unwrap_or_default(),
            org_type: r
                .org_type
                .as_deref()
                .and_then(baylink_store::OrgType::parse)
                .map(|x| c.t(&x.label_key()))
                .unwrap_or_default(),
            postings: orgs
                .get(&r.id)
                .map(|&org| meeting_suggestions::postings_of(&c, &market, org))
                .unwrap_or_default(),
            about: abouts
                .get(&r.id)
                .map(|p| c.text(&p.about, &p.about_script))
                .unwrap_or_default(),
            met: met.of(r),
            languages: language_names(&c, &langs_of(r.id)),
            apart: MeetingLanguage::apart(&my_langs, &langs_of(r.id)),
        })
        .collect();
    let all_slots = s.store.meeting_slots(event.id).await?;
    let everyone_away = s.store.unavailability(event.id).await?;
    // Where participants book their own slots: those both sides could meet in now.
    let tables = if mm.self_booking || mm.video_url.is_some() {
        s.store.meeting_tables(event.id).await?
    } else {
        Vec::new()
    };
    let occupancy = if mm.self_booking {
        Occupancy::of(&requests, &everyone_away, baylink_store::sql::now())
    } else {
        Occupancy::default()
    };
    let online = tables
        .iter()
        .find(|t| t.reserved_for == Some(reg.id) && mm.video_url.is_some())
        .and_then(|t| t.link.clone());
    let incoming = requests
        .iter()
        .filter(|r| r.to_reg == reg.id && r.status == RequestStatus::Pending)
        .map(|r| {
            let free = occupancy.free_slots(r, &all_slots, &tables);
            Incoming {
                r: r.clone(),
                from: who(r.from_reg),
                apart: MeetingLanguage::apart(&my_langs, &langs_of(r.from_reg)),
                free,
            }
        })
        .collect();
    // Where participants book: an accepted meeting without a place they can see (none,
    // or only the organiser's unpublished draft; accepted for the organiser to place, or
    // arranged by the organisers) is booked by either side, into a slot both are free in.
    let published = mm.status == MatchmakingStatus::Published;
    let bookable = |r: &MeetingRequest| {
        if mm.self_booking
            && r.status == RequestStatus::Accepted
            && !r.held()
            && (r.slot_id.is_none() || (!published && !r.locked))
        {
            occupancy.free_slots(r, &all_slots, &tables)
        } else {
            Vec::new()
        }
    };
    let now = baylink_store::sql::now();
    let cancellable = |r: &MeetingRequest| {
        let begun = r
            .slot_id
            .and_then(|id| all_slots.iter().find(|x| x.id == id))
            .is_some_and(|x| r.status == RequestStatus::Accepted && x.starts_at <= now);
        r.cancellable() && !begun
    };
    let sent = requests
        .iter()
        .filter(|r| r.from_reg == reg.id)
        .map(|r| RequestLine {
            r: r.clone(),
            who: who(r.to_reg),
            status: c.t(&r.status.label_key()),
            book: bookable(r),
            cancellable: cancellable(r),
        })
        .collect();
    let received = requests
        .iter()
        .filter(|r| r.to_reg == reg.id && r.status != RequestStatus::Pending)
        .map(|r| RequestLine {
            r: r.clone(),
            who: who(r.from_reg),
            status: c.t(&r.status.label_key()),
            book: bookable(r),
            cancellable: cancellable(r),
        })
        .collect();
    let away: Vec<i64> = everyone_away
        .iter()
        .filter(|(r, _)| *r == reg.id)
        .map(|(_, slot)| *slot)
        .collect();
    let (agenda, unscheduled) = if published || mm.self_booking {
        let unscheduled = if published {
            let mut why =
                unplaced_reasons(c.lang, &requests, &all_slots, &everyone_away, true, &who);
            requests
                .iter()
                .filter(|r| r.from_reg == reg.id || r.to_reg == reg.id)
                .filter_map(|r| {
                    why.remove(&r.id)
                        .map(|reason| (who(r.other_side(reg.id)), reason))
                })
                .collect()
        } else {
            Vec::new()
        };
        let mut agenda = agenda_of(&s, &c, reg.id, &requests, &all_slots, &who).await?;
        if !published {
            agenda.retain(|line| decided(&requests, line.request_id));
        }
        let mine: HashMap<i64, String> = s
            .store
            .meeting_feedback(event.id)
            .await?
            .into_iter()
            .filter(|f| f.registration_id == reg.id)
            .map(|f| (f.request_id, f.comment))
            .collect();
        for line in &mut agenda {
            line.comment = mine.get(&line.request_id).cloned().unwrap_or_default();
            line.apart = requests
                .iter()
                .find(|r| r.id == line.request_id)
                .is_some_and(|r| {
                    MeetingLanguage::apart(&my_langs, &langs_of(r.other_side(reg.id)))
                });
            if let Some(r) = requests
                .iter()
                .find(|r| r.id == line.request_id)
                .filter(|r| mm.self_booking && ((!line.held && !line.started) || r.not_held()))
            {
                line.moves = occupancy.free_slots(r, &all_slots, &tables);
            }
        }
        (agenda, unscheduled)
    } else {
        (Vec::new(), Vec::new())
    };
    let slots = all_slots
        .into_iter()
        .map(|slot| {
            let label = slot_label(&slot);
            let is_away = away.contains(&slot.id);
            (slot, label, is_away)
        })
        .collect();
    let outcomes = MeetingOutcome::ALL
        .iter()
        .map(|o| (o.code(), c.t(&o.label_key())))
        .collect();
    let languages = MeetingLanguage::ALL
        .iter()
        .map(|l| (l.code(), c.t(&l.label_key()), my_langs.contains(l)))
        .collect();
    let agreements = agreement_choices(&c);
    let unread = s
        .store
        .unread_meeting_messages(reg.id)
        .await?
        .into_iter()
        .collect();
    render(&ParticipantPage {
        c,
        event,
        mm,
        token,
        others,
        profiles,
        passed: suggested.passed as i64,
        suggested: suggested.organisations,
        suggested_people: suggested.people,
        about: abouts
            .get(&reg.id)
            .map(|p| p.about.clone())
            .unwrap_or_default(),
        daily: abouts.get(&reg.id).is_some_and(|p| p.daily),
        languages,
        online,
        incoming,
        sent,
        received,
        slots,
        agenda,
        unscheduled,
        outcomes,
        agreements,
        unread,
    })
}

impl ParticipantPage {
    /// How many messages of request `id` the reader has not read.
    fn unread_of(&self, id: &i64) -> i64 {
        self.unread.get(id).copied().unwrap_or(0)
    }
}

/// The kinds of agreement as (code, label), for the "signed" step.
fn agreement_choices(c: &Ctx) -> Vec<(&'static str, String)> {
    super::market::choices(
        c,
        AgreementType::ALL,
        AgreementType::code,
        AgreementType::label_key,
    )
}

async fn send_request(
    State(s): State<AppState>,
    c: Ctx,
    Path(token): Path<String>,
    form: FormData,
) -> Result<Response, WebError> {
    let (reg, _) = participant(&s, &token).await?;
    let mut errors = Vec::new();
    let to_reg = form.int("to_reg", &mut errors).unwrap_or(0);
    let priority = form.int("priority", &mut errors).unwrap_or(0);
    if !errors.is_empty() {
        return Err(WebError::Invalid(errors));
    }
    let draft = RequestInput {
        to_reg,
        message: form.get("message").to_owned(),
        priority,
        session: form.opt("session"),
    }
    .validate(c.lang.script())
    .map_err(WebError::Invalid)?;
    s.store
        .request_meeting(reg.event_id, reg.id, &draft, baylink_store::sql::now())
        .await?;
    Ok(see(c.href(&format!("/registrations/{token}/matchmaking"))))
}

async fn decide_request(
    State(s): State<AppState>,
    c: Ctx,
    Path((token, rid)): Path<(String, String)>,
    form: FormData,
) -> Result<Response, WebError> {
    let (reg, _) = participant(&s, &token).await?;
    // The receiver's priority; a form without one (a decline) counts as 2.
    let mut errors = Vec::new();
    let priority = form.int("priority", &mut errors).unwrap_or(2);
    if !errors.is_empty() {
        return Err(WebError::Invalid(errors));
    }
    let accept = form.choice("accept")?;
    let now = baylink_store::sql::now();
    match form.get("slot") {
        // Accepted into a slot the participant picked, where the event allows it.
        slot if accept && !slot.is_empty() => {
            let slot = slot.parse().map_err(|_| {
                WebError::Invalid(vec![FieldError::new("slot", "err-unknown-reference")])
            })?;
            s.store
                .book_meeting(id(&rid)?, reg.id, priority, slot, now)
                .await?
        }
        _ => {
            s.store
                .decide_meeting(id(&rid)?, reg.id, accept, priority, now)
                .await?
        }
    };
    Ok(see(c.href(&format!("/registrations/{token}/matchmaking"))))
}

/// Before publication, where participants book their own slots, the agenda shows the
/// meetings whose place is decided: locked ones (booked by the participants, or placed by
/// the organiser's hand), which scheduling again keeps; a draft's other places may change.
fn decided(requests: &[MeetingRequest], request_id: i64) -> bool {
    requests.iter().any(|r| r.id == request_id && r.locked)
}

/// Who is busy and which tables are taken in each slot, and who is away when: read once
/// per page, so that the slots each incoming request could be booked into are found
/// without going through every meeting again (an event has thousands).
#[derive(Default)]
struct Occupancy {
    busy: HashSet<(i64, i64)>,
    taken: HashSet<(i64, i64)>,
    away: HashSet<(i64, i64)>,
    /// When the page is read: slots that have begun are no longer offered.
    now: i64,
}

impl Occupancy {
    fn of(requests: &[MeetingRequest], away: &[(i64, i64)], now: i64) -> Occupancy {
        let mut o = Occupancy {
            now,
            ..Occupancy::default()
        };
        for m in requests
            .iter()
            .filter(|m| m.status == RequestStatus::Accepted)
        {
            let Some(slot) = m.slot_id else { continue };
            o.busy.insert((slot, m.from_reg));
            o.busy.insert((slot, m.to_reg));
            if let Some(table) = m.table_id {
                o.taken.insert((slot, table));
            }
        }
        o.away = away.iter().map(|&(reg, slot)| (slot, reg)).collect();
        o
    }

    /// The slots in which the two sides of `r` could meet now: still to come, neither
    /// away nor in another meeting then, and a table free then that either may use; as
    /// (slot id, label).
    fn free_slots(
        &self,
        r: &MeetingRequest,
        slots: &[MeetingSlot],
        tables: &[baylink_store::MeetingTable],
    ) -> Vec<(i64, String)> {
        let sides = [r.from_reg, r.to_reg];
        slots
            .iter()
            .filter(|slot| {
                slot.starts_at > self.now
                    && sides.iter().all(|&reg| {
                        !self.busy.contains(&(slot.id, reg)) && !self.away.contains(&(slot.id, reg))
                    })
                    && tables.iter().any(|t| {
                        t.reserved_for.is_none_or(|owner| sides.contains(&owner))
                            && !self.taken.contains(&(slot.id, t.id))
                    })
            })
            .map(|slot| (slot.id, slot_label(slot)))
            .collect()
    }
}

/// Withdraws a pending request the participant sent, or cancels an accepted meeting
/// (either side); the other side is told by mail.
async fn cancel_request(
    State(s): State<AppState>,
    c: Ctx,
    Path((token, rid)): Path<(String, String)>,
) -> Result<Response, WebError> {
    let (reg, _) = participant(&s, &token).await?;
    s.store
        .cancel_meeting(id(&rid)?, reg.id, baylink_store::sql::now())
        .await?;
    Ok(see(c.href(&format!("/registrations/{token}/matchmaking"))))
}

/// Either side moves a booked meeting to another slot, where participants book their own
/// (`slot`: a slot id); the other side is told by mail.
async fn move_request(
    State(s): State<AppState>,
    c: Ctx,
    Path((token, rid)): Path<(String, String)>,
    form: FormData,
) -> Result<Response, WebError> {
    let (reg, _) = participant(&s, &token).await?;
    let slot = form
        .get("slot")
        .parse()
        .map_err(|_| WebError::Invalid(vec![FieldError::new("slot", "err-unknown-reference")]))?;
    s.store
        .move_meeting(id(&rid)?, reg.id, slot, baylink_store::sql::now())
        .await?;
    Ok(see(c.href(&format!("/registrations/{token}/matchmaking"))))
}

/// How the pages name a table: its label, or, for a participant's online room, "Online ·"
/// and whose room it is.
fn table_name(c: &Ctx, t: &baylink_store::MeetingTable, who: &dyn Fn(i64) -> String) -> String {
    match (&t.link, t.reserved_for) {
        (Some(_), Some(owner)) => c.lang.t_args(
            "mm-online-room-of",
            &[(
                "name",
                fluent_templates::fluent_bundle::FluentValue::from(who(owner)),
            )],
        ),
        (Some(_), None) => c.t("mm-online"),
        (None, _) => t.label.clone(),
    }
}

/// A participant takes part online (`online` = `1`: they get a room of their own on the
/// event's video service, at an address no one can guess) or on site again.
async fn set_online(
    State(s): State<AppState>,
    c: Ctx,
    Path(token): Path<String>,
    form: FormData,
) -> Result<Response, WebError> {
    let (reg, mm) = participant(&s, &token).await?;
    let room = (form.get("online") == "1").then(|| {
        let service = mm.video_url.clone().unwrap_or_default();
        format!("{service}/baylink-{}", &crate::auth::random_token()[..20])
    });
    s.store
        .set_online_room(reg.id, room.as_deref(), baylink_store::sql::now())
        .await?;
    Ok(see(c.href(&format!("/registrations/{token}/matchmaking"))))
}

/// "Not for me": the participant in `other_reg` is suggested to the reader no more.
async fn pass_participant(
    State(s): State<AppState>,
    c: Ctx,
    Path(token): Path<String>,
    form: FormData,
) -> Result<Response, WebError> {
    let (reg, _) = participant(&s, &token).await?;
    let mut errors = Vec::new();
    let other = form.int("other_reg", &mut errors).unwrap_or(0);
    if !errors.is_empty() {
        return Err(WebError::NotFound);
    }
    s.store
        .pass_participant(reg.id, other, baylink_store::sql::now())
        .await?;
    Ok(see(c.href(&format!(
        "/registrations/{token}/matchmaking#mm-suggested"
    ))))
}

/// Everyone the participant said "not for me" of may be suggested again.
async fn clear_passes(
    State(s): State<AppState>,
    c: Ctx,
    Path(token): Path<String>,
) -> Result<Response, WebError> {
    let (reg, _) = participant(&s, &token).await?;
    s.store.clear_passes(reg.id).await?;
    Ok(see(c.href(&format!(
        "/registrations/{token}/matchmaking#mm-suggested"
    ))))
}

/// Saves the slots the participant is away: a checkbox per slot (`away-{slot id}`).
async fn set_away(
    State(s): State<AppState>,
    c: Ctx,
    Path(token): Path<String>,
    form: FormData,
) -> Result<Response, WebError> {
    let (reg, _) = participant(&s, &token).await?;
    let away: Vec<i64> = s
        .store
        .meeting_slots(reg.event_id)
        .await?
        .into_iter()
        .filter(|slot| form.get(&format!("away-{}", slot.id)) == "1")
        .map(|slot| slot.id)
        .collect();
    s.store.set_away_slots(reg.id, &away).await?;
    Ok(see(c.href(&format!("/registrations/{token}/matchmaking"))))
}

/// Saves what the participant says of themselves for matchmaking.
async fn save_profile(
    State(s): State<AppState>,
    c: Ctx,
    Path(token): Path<String>,
    form: FormData,
) -> Result<Response, WebError> {
    let (reg, _) = participant(&s, &token).await?;
    let languages: Vec<MeetingLanguage> = MeetingLanguage::ALL
        .iter()
        .copied()
        .filter(|l| form.get(&format!("lang-{}", l.code())) == "1")
        .collect();
    s.store
        .set_matchmaking_profile(
            reg.id,
            form.get("about"),
            form.get("daily") == "1",
            &languages,
            baylink_store::sql::now(),
        )
        .await?;
    Ok(see(c.href(&format!("/registrations/{token}/matchmaking"))))
}

async fn record_outcome(
    State(s): State<AppState>,
    c: Ctx,
    Path((token, rid)): Path<(String, String)>,
    form: FormData,
) -> Result<Response, WebError> {
    let (reg, _) = participant(&s, &token).await?;
    let outcome = MeetingOutcome::parse(form.get("outcome"))
        .ok_or_else(|| WebError::Invalid(vec![FieldError::new("outcome", "err-required")]))?;
    s.store
        .record_feedback(
            id(&rid)?,
            reg.id,
            outcome,
            form.get("comment"),
            baylink_store::sql::now(),
        )
        .await?;
    Ok(see(c.href(&format!("/registrations/{token}/matchmaking"))))
}

/// One side moves the cooperation after a meeting on (signed, implemented, closed).
async fn move_cooperation_by_side(
    State(s): State<AppState>,
    c: Ctx,
    Path((token, rid)): Path<(String, String)>,
    form: FormData,
) -> Result<Response, WebError> {
    cooperation_by_side(&s, &c, &token, &rid, &form, false).await
}

/// One side takes the last move of the cooperation after a meeting back (signed by
/// mistake, or talks resumed after it was closed).
async fn take_back_cooperation_by_side(
    State(s): State<AppState>,
    c: Ctx,
    Path((token, rid)): Path<(String, String)>,
    form: FormData,
) -> Result<Response, WebError> {
    cooperation_by_side(&s, &c, &token, &rid, &form, true).await
}

/// The organiser moves the cooperation after one of the event's meetings on, as a side
/// tells them (the secretariat often hears of a signing first).
async fn move_cooperation_by_organiser(
    State(s): State<AppState>,
    c: Ctx,
    Path((raw, rid)): Path<(String, String)>,
    form: FormData,
) -> Result<Response, WebError> {
    cooperation_by_organiser(&s, &c, &raw, &rid, &form, false).await
}

/// The organiser takes the last move of the cooperation after one of the event's
/// meetings back, as a side tells them.
async fn take_back_cooperation_by_organiser(
    State(s): State<AppState>,
    c: Ctx,
    Path((raw, rid)): Path<(String, String)>,
    form: FormData,
) -> Result<Response, WebError> {
    cooperation_by_organiser(&s, &c, &raw, &rid, &form, true).await
}

async fn cooperation_by_side(
    s: &AppState,
    c: &Ctx,
    token: &str,
    rid: &str,
    form: &FormData,
    back: bool,
) -> Result<Response, WebError> {
    let (reg, _) = participant(s, token).await?;
    shift_cooperation(s, id(rid)?, CooperationBy::Side(reg.id), form, back).await?;
    Ok(see(c.href(&format!(
        "/registrations/{token}/matchmaking#coop-{rid}"
    ))))
}

async fn cooperation_by_organiser(
    s: &AppState,
    c: &Ctx,
    raw: &str,
    rid: &str,
    form: &FormData,
    back: bool,
) -> Result<Response, WebError> {
    inline(s, c, raw, async {
        let auth = require_event(c.auth.as_ref(), id(raw)?)?;
        let event_id = id(raw)?;
        let actor = actor(auth);
        let by = CooperationBy::Organiser {
            actor: &actor,
            event_id,
        };
        shift_cooperation(s, id(rid)?, by, form, back).await?;
        Ok(see(
            c.href(&format!("/events/{event_id}/matchmaking#mm-coop"))
        ))
    })
    .await
}

/// Moves the cooperation after meeting `rid` on as `form` asks, or takes its last move
/// back (`back`), as `by`.
async fn shift_cooperation(
    s: &AppState,
    rid: i64,
    by: CooperationBy<'_>,
    form: &FormData,
    back: bool,
) -> Result<MeetingCooperation, WebError> {
    let now = baylink_store::sql::now();
    Ok(if back {
        let (version, back) = super::market::pipeline_back(form)?;
        s.store
            .take_back_cooperation(rid, by, version, &back, now)
            .await?
    } else {
        let (version, step) = super::market::pipeline_move(form)?;
        s.store
            .move_cooperation(rid, by, version, &step, now)
            .await?
    })
}

/// A participant's scheduled meetings, in time order.
async fn agenda_of(
    s: &AppState,
    c: &Ctx,
    reg_id: i64,
    requests: &[MeetingRequest],
    slots: &[MeetingSlot],
    who: &(dyn Fn(i64) -> String + Sync),
) -> Result<Vec<AgendaLine>, WebError> {
    let (tables, coops, steps) = match requests.first() {
        Some(r) => (
            s.store.meeting_tables(r.event_id).await?,
            s.store.cooperations(r.event_id).await?,
            s.store.event_cooperation_steps(r.event_id).await?,
        ),
        None => (Vec::new(), Vec::new(), Vec::new()),
    };
    let mut agenda: Vec<AgendaLine> = Vec::new();
    for r in requests.iter().filter(|r| {
        r.status == RequestStatus::Accepted && (r.from_reg == reg_id || r.to_reg == reg_id)
    }) {
        let (Some(slot), Some(table)) = (
            r.slot_id.and_then(|id| slots.iter().find(|x| x.id == id)),
            r.table_id.and_then(|id| tables.iter().find(|t| t.id == id)),
        ) else {
            continue;
        };
        let other = r.other_side(reg_id);
        let mine = if r.from_reg == reg_id {
            &r.outcome_from
        } else {
            &r.outcome_to
        };
        agenda.push(AgendaLine {
            request_id: r.id,
            starts_at: slot.starts_at,
            ends_at: slot.ends_at,
            when: slot_label(slot),
            table: table.label.clone(),
            link: table.link.clone(),
            with: who(other),
            outcome: mine
                .as_deref()
                .and_then(MeetingOutcome::parse)
                .map(|o| c.t(&o.label_key())),
            held: r.held(),
            not_held: r.not_held(),
            apart: false,
            started: slot.starts_at <= baylink_store::sql::now(),
            comment: String::new(),
            moves: Vec::new(),
            coop: coops
                .iter()
                .find(|x| x.request_id == r.id)
                .map(|coop| coop_line(c, coop, who(other), &steps)),
        });
    }
    agenda.sort_by_key(|line| line.starts_at);
    Ok(agenda)
}

/// The participant's published meetings as an iCalendar file, for their phone's calendar.
async fn agenda_ics(
    State(s): State<AppState>,
    c: Ctx,
    Path(token): Path<String>,
) -> Result<Response, WebError> {
    use super::events::{calendar, ics_line, ics_text, ics_time};
    let (reg, mm) = participant(&s, &token).await?;
    let event = s.store.get_event(reg.event_id).await?;
    let regs = participants(&s, event.id).await?;
    let name = names(&c, &regs);
    let who = |id: i64| name.get(&id).cloned().unwrap_or_default();
    let requests = s.store.meeting_requests(event.id).await?;
    let slots = s.store.meeting_slots(event.id).await?;
    let agenda = if mm.status == MatchmakingStatus::Published {
        agenda_of(&s, &c, reg.id, &requests, &slots, &who).await?
    } else if mm.self_booking {
        let mut agenda = agenda_of(&s, &c, reg.id, &requests, &slots, &who).await?;
        agenda.retain(|line| decided(&requests, line.request_id));
        agenda
    } else {
        Vec::new()
    };
    let title = c.name(&event.title, &event.title_script, &event.title_en);
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
    ics_line(
        &mut out,
        &format!(
            "X-WR-CALNAME:{}",
            ics_text(&format!("{} · {title}", c.t("mm-title")))
        ),
    );
    let stamp = ics_time(baylink_store::sql::now());
    for line in &agenda {
        ics_line(&mut out, "BEGIN:VEVENT");
        ics_line(
            &mut out,
            &format!("UID:meeting-{}-{}@baylink", line.request_id, reg.id),
        );
        ics_line(&mut out, &format!("DTSTAMP:{stamp}"));
        ics_line(&mut out, &format!("DTSTART:{}", ics_time(line.starts_at)));
        ics_line(&mut out, &format!("DTEND:{}", ics_time(line.ends_at)));
        ics_line(
            &mut out,
            &format!(
                "SUMMARY:{}",
                ics_text(&format!("{} · {}", c.t("mm-title"), line.with))
            ),
        );
        let location = match &line.link {
            Some(link) => {
                ics_line(&mut out, &format!("URL:{link}"));
                link.clone()
            }
            None => format!("{} {} · {title}", c.t("mm-table"), line.table),
        };
        ics_line(&mut out, &format!("LOCATION:{}", ics_text(&location)));
        ics_line(&mut out, "END:VEVENT");
    }
    ics_line(&mut out, "END:VCALENDAR");
    let mut response = calendar(out);
    response.headers_mut().insert(
        axum::http::header::CACHE_CONTROL,
        axum::http::HeaderValue::from_static("private, no-store"),
    );
    Ok(response)
}

/// One printable card per table: its name and who meets there, slot by slot.
pub struct TableCard {
    pub label: String,
    pub rows: Vec<(String, String)>,
}

#[derive(Template)]
#[template(path = "events/matchmaking_cards.html")]
struct CardsPage {
    c: Ctx,
    event: Event,
    cards: Vec<TableCard>,
}

async fn table_cards(
    State(s): State<AppState>,
    c: Ctx,
    Path(raw): Path<String>,
) -> Result<Response, WebError> {
    require_event(c.auth.as_ref(), id(&raw)?)?;
    let event = s.store.get_event(id(&raw)?).await?;
    let regs = participants(&s, event.id).await?;
    let name = names(&c, &regs);
    let who = |id: i64| name.get(&id).cloned().unwrap_or_default();
    let slots = s.store.meeting_slots(event.id).await?;
    let requests = s.store.meeting_requests(event.id).await?;
    let cards = s
        .store
        .meeting_tables(event.id)
        .await?
        .into_iter()
        // An online room has no card to stand on a table.
        .filter(|t| t.link.is_none())
        .map(|t| TableCard {
            rows: slots
                .iter()
                .filter_map(|slot| {
                    requests
                        .iter()
                        .find(|r| r.slot_id == Some(slot.id) && r.table_id == Some(t.id))
                        .map(|r| {
                            (
                                slot_label(slot),
                                format!("{} · {}", who(r.from_reg), who(r.to_reg)),
                            )
                        })
                })
                .collect(),
            label: t.label,
        })
        .collect();
    render(&CardsPage { c, event, cards })
}

/// One participant's printed agenda: who, and their meetings in time order as (when,
/// table or room, with whom).
pub struct PrintedAgenda {
    pub who: String,
    pub lines: Vec<(String, String, String)>,
}

#[derive(Template)]
#[template(path = "events/matchmaking_agendas.html")]
struct AgendasPage {
    c: Ctx,
    event: Event,
    agendas: Vec<PrintedAgenda>,
}

/// Every participant's agenda, one page each, for the desk at the event (b2match's
/// printed schedules): for those who come without a phone, or want paper. Those with a
/// placed meeting, by name; a room's address is printed, as no card stands there.
async fn printed_agendas(
    State(s): State<AppState>,
    c: Ctx,
    Path(raw): Path<String>,
) -> Result<Response, WebError> {
    require_event(c.auth.as_ref(), id(&raw)?)?;
    let event = s.store.get_event(id(&raw)?).await?;
    let regs = participants(&s, event.id).await?;
    let name = names_with_organisations(&c, &regs);
    let who = |id: i64| name.get(&id).cloned().unwrap_or_default();
    let slots = s.store.meeting_slots(event.id).await?;
    let tables = s.store.meeting_tables(event.id).await?;
    let requests = s.store.meeting_requests(event.id).await?;
    let mut agendas: Vec<PrintedAgenda> = regs
        .iter()
        .filter(|r| !r.is_erased())
        .filter_map(|reg| {
            let mut placed: Vec<(&MeetingSlot, String, String)> = requests
                .iter()
                .filter(|r| r.status == RequestStatus::Accepted)
                .filter(|r| r.from_reg == reg.id || r.to_reg == reg.id)
                .filter_map(|r| {
                    let slot = slots.iter().find(|x| Some(x.id) == r.slot_id)?;
                    let table = tables.iter().find(|t| Some(t.id) == r.table_id)?;
                    let place = match &table.link {
                        Some(link) => format!("{} · {link}", table_name(&c, table, &who)),
                        None => table_name(&c, table, &who),
                    };
                    Some((slot, place, who(r.other_side(reg.id))))
                })
                .collect();
            if placed.is_empty() {
                return None;
            }
            placed.sort_by_key(|(slot, _, _)| slot.starts_at);
            Some(PrintedAgenda {
                who: who(reg.id),
                lines: placed
                    .into_iter()
                    .map(|(slot, place, with)| (slot_label(slot), place, with))
                    .collect(),
            })
        })
        .collect();
    let order = c.name_order("");
    agendas.sort_by_cached_key(|a| baylink_text::collation::shown_key(order, &a.who));
    render(&AgendasPage { c, event, agendas })
}

#[cfg(test)]
mod tests {
    #[test]
    fn request_figures_count_each_status_and_the_participants_met() {
        use baylink_store::{MeetingRequest, RequestStatus};
        let request = |id: i64, from: i64, to: i64, status: RequestStatus| MeetingRequest {
            status,
            ..super::tests::request(id, from, to)
        };
        let requests = [
            request(1, 10, 11, RequestStatus::Accepted),
            request(2, 10, 12, RequestStatus::Accepted),
            request(3, 13, 10, RequestStatus::Declined),
            request(4, 14, 15, RequestStatus::Pending),
        ];
        let stats = super::request_stats(&requests, 8);
        assert_eq!(stats.with_meeting, 3);
        assert_eq!(stats.participants, 8);
        // 10 has two meetings, 11 and 12 one each: 4 / 3.
        assert_eq!(stats.per_participant, "1.3");
        let count = |st| stats.by_status.iter().find(|(s, _)| *s == st).unwrap().1;
        assert_eq!(count(RequestStatus::Accepted), 2);
        assert_eq!(count(RequestStatus::Declined), 1);
        assert_eq!(count(RequestStatus::Expired), 0);
        assert_eq!(super::request_stats(&[], 0).per_participant, "0");
    }

    #[test]
    fn tables_are_numbered_on_from_the_label() {
        use super::numbered;
        assert_eq!(numbered("A1", 3), ["A1", "A2", "A3"]);
        assert_eq!(numbered("T09", 3), ["T09", "T10", "T11"]);
        assert_eq!(numbered("12", 2), ["12", "13"]);
        assert_eq!(numbered("Table", 2), ["Table 1", "Table 2"]);
        assert_eq!(numbered("會談桌", 2), ["會談桌 1", "會談桌 2"]);
        assert_eq!(numbered("", 3), ["1", "2", "3"]);
        assert_eq!(numbered("展位 B", 1), ["展位 B"]);
    }

    #[test]
    fn a_session_is_cut_into_slots_of_one_meeting_with_pauses() {
        use super::session_slots;
        // 09:00–10:00, 20-minute meetings, 5-minute pauses: 09:00, 09:25 (09:50 would end
        // at 10:10).
        let nine = 9 * 3600;
        assert_eq!(
            session_slots(nine, nine + 3600, 20, 5).unwrap(),
            [(nine, nine + 1200), (nine + 1500, nine + 2700)]
        );
        // Without pauses, end to end.
        assert_eq!(session_slots(nine, nine + 3600, 20, 0).unwrap().len(), 3);
        // Shorter than one meeting, or a length out of bounds: refused.
        assert!(session_slots(nine, nine + 600, 20, 0).is_err());
        assert!(session_slots(nine, nine + 3600, 0, 0).is_err());
        assert!(session_slots(nine, nine + 3600, 20, -5).is_err());
        // More than a form may make at once.
        assert!(session_slots(0, 86_400, 5, 0).is_err());
    }

    use super::*;

    fn request(id: i64, from: i64, to: i64) -> MeetingRequest {
        MeetingRequest {
            id,
            event_id: 1,
            from_reg: from,
            to_reg: to,
            message: String::new(),
            message_script: "zh-Hant".into(),
            priority: 2,
            status: RequestStatus::Accepted,
            created_at: 0,
            decided_at: None,
            slot_id: None,
            table_id: None,
            locked: false,
            outcome_from: None,
            outcome_to: None,
            session: baylink_store::MeetingSession::Any,
            to_priority: Some(2),
            interest_id: None,
            arranged: false,
        }
    }

    /// A request can be booked into a slot where neither side is away or busy and a
    /// table either may use is free.
    #[test]
    fn a_request_is_offered_the_slots_both_sides_could_meet_in() {
        let slot = |id: i64| MeetingSlot {
            id,
            event_id: 1,
            starts_at: 1_733_716_800 + id * 1200,
            ends_at: 1_733_716_800 + id * 1200 + 1200,
        };
        let table = |id: i64, reserved_for: Option<i64>| baylink_store::MeetingTable {
            id,
            event_id: 1,
            label: format!("T{id}"),
            reserved_for,
            link: None,
        };
        let slots = [slot(1), slot(2), slot(3), slot(4)];
        // Table 1 is open, table 2 is kept for participant 40.
        let tables = [table(1, None), table(2, Some(40))];
        let placed = |id, from, to, slot: i64, table: i64| MeetingRequest {
            slot_id: Some(slot),
            table_id: Some(table),
            ..request(id, from, to)
        };
        let requests = [
            // 10 meets 30 in slot 1; 50 and 60 take table 1 in slot 3.
            placed(1, 10, 30, 1, 1),
            placed(2, 50, 60, 3, 1),
            MeetingRequest {
                status: RequestStatus::Pending,
                ..request(3, 10, 20)
            },
        ];
        // 20 is away in slot 2.
        let o = Occupancy::of(&requests, &[(20, 2)], 0);
        let ids = |free: Vec<(i64, String)>| free.into_iter().map(|(id, _)| id).collect::<Vec<_>>();
        assert_eq!(ids(o.free_slots(&requests[2], &slots, &tables)), vec![4]);
        // 40 may use their own table in slot 3.
        let with_owner = request(4, 40, 20);
        assert_eq!(
            ids(o.free_slots(&with_owner, &slots, &tables)),
            vec![1, 3, 4]
        );
        // Once slot 3 has begun, only slot 4 is still to come.
        let later = Occupancy::of(&requests, &[(20, 2)], slots[2].starts_at);
        assert_eq!(ids(later.free_slots(&with_owner, &slots, &tables)), vec![4]);
    }

    /// Each participant's meetings, requests either way and untold outcomes are counted
    /// from their side; fewest meetings come first.
    #[test]
    fn each_participant_stands_by_their_own_meetings_and_answers() {
        let slot = |id: i64, ends_at: i64| baylink_store::MeetingSlot {
            id,
            event_id: 1,
            starts_at: ends_at - 1200,
            ends_at,
        };
        let slots = [slot(1, 100), slot(2, 10_000)];
        let requests = [
            // 1 and 2 met (slot 1 has ended); 2 told, 1 did not.
            MeetingRequest {
                slot_id: Some(1),
                outcome_to: Some("informative".into()),
                ..request(1, 1, 2)
            },
            // 1 and 3 meet later.
            MeetingRequest {
                slot_id: Some(2),
                ..request(2, 3, 1)
            },
            // 3 waits for 2's answer.
            MeetingRequest {
                status: RequestStatus::Pending,
                ..request(3, 3, 2)
            },
        ];
        let people = [
            (1, "A".to_owned()),
            (2, "B".to_owned()),
            (3, "C".to_owned()),
        ];
        let got: Vec<_> =
            super::standings(&people, &requests, &slots, true, 500, Default::default())
                .into_iter()
                .map(|x| (x.who, x.accepted, x.placed, x.asking, x.asked, x.untold))
                .collect();
        assert_eq!(
            got,
            [
                ("B".to_owned(), 1, 1, 0, 1, 0),
                ("C".to_owned(), 1, 1, 1, 0, 0),
                ("A".to_owned(), 2, 2, 0, 0, 1),
            ]
        );
    }

    /// Among equals, by name in the reader's order: pinyin (huáng before wáng), or
    /// strokes (王 4 before 黃 12).
    #[test]
    fn equals_stand_in_the_readers_order() {
        let people = [(1, "黃大仙".to_owned()), (2, "王小明".to_owned())];
        let names = |order| {
            super::standings(&people, &[], &[], false, 0, order)
                .into_iter()
                .map(|x| x.who)
                .collect::<Vec<_>>()
        };
        assert_eq!(names(baylink_text::NameOrder::Pinyin), ["黃大仙", "王小明"]);
        assert_eq!(
            names(baylink_text::NameOrder::Strokes),
            ["王小明", "黃大仙"]
        );
    }

    /// A university or an institute with a company counts, whichever asked; a society,
    /// two companies, an unknown kind or a request not accepted do not.
    #[test]
    fn meetings_of_academia_with_industry_are_counted() {
        use baylink_store::OrgType::*;
        let kind: HashMap<i64, baylink_store::OrgType> = [
            (1, University),
            (2, Company),
            (3, Institute),
            (4, Society),
            (5, Company),
        ]
        .into();
        let declined = MeetingRequest {
            status: RequestStatus::Declined,
            ..request(9, 1, 2)
        };
        let requests = [
            request(1, 1, 2),
            request(2, 5, 3), // the company asks the institute
            request(3, 2, 5), // two companies
            request(4, 4, 1), // a society
            request(5, 1, 6), // 6 gave no kind
            declined,
        ];
        assert_eq!(super::academia_industry(&requests, &kind), (4, 2));
    }

    /// Each accepted meeting between two known regions counts once, under its pair of
    /// regions whichever side asked; others and meetings within one region do not.
    #[test]
    fn meetings_across_borders_are_counted_by_pair_of_regions() {
        use baylink_store::Region::*;
        let region: HashMap<i64, Region> =
            [(1, Shenzhen), (2, HongKong), (3, Macao), (4, Shenzhen)].into();
        let declined = MeetingRequest {
            status: RequestStatus::Declined,
            ..request(9, 1, 3)
        };
        let requests = [
            request(1, 1, 2),
            request(2, 2, 4), // Hong Kong asks Shenzhen: the same pair
            request(3, 3, 2),
            request(4, 1, 4), // within Shenzhen
            request(5, 1, 5), // 5 gave no region
            declined,
        ];
        assert_eq!(
            super::across_borders(&requests, &region),
            super::Borders {
                known: 4,
                across: 3,
                pairs: vec![((Shenzhen, HongKong), 2), ((HongKong, Macao), 1)]
            }
        );
    }

    /// Not held wins over any other answer; otherwise the better answer counts; a meeting
    /// nobody answered for, or not in the schedule, counts for no outcome.
    #[test]
    fn each_meeting_counts_once_for_its_outcome() {
        let held = |id: i64, from: Option<&str>, to: Option<&str>| MeetingRequest {
            slot_id: Some(1),
            outcome_from: from.map(str::to_owned),
            outcome_to: to.map(str::to_owned),
            ..request(id, 1, 2)
        };
        let requests = [
            held(1, Some("not_held"), Some("cooperation_possible")),
            held(2, Some("informative"), Some("cooperation_possible")),
            held(3, None, Some("insufficient_interest")),
            held(4, None, None),
            // Not in the schedule: its (impossible) answer is ignored.
            MeetingRequest {
                outcome_from: Some("informative".into()),
                ..request(5, 1, 3)
            },
        ];
        let (scheduled, counts) = outcome_counts(&requests);
        assert_eq!(scheduled, 4);
        assert_eq!(
            counts,
            vec![
                (MeetingOutcome::NotHeld, 1),
                (MeetingOutcome::InsufficientInterest, 1),
                (MeetingOutcome::Informative, 0),
                (MeetingOutcome::CooperationPossible, 1),
            ]
        );
    }

    #[test]
    fn a_participant_with_more_meetings_than_slots_is_named_in_each_language() {
        // One slot, and 10 has two meetings.
        let requests = [request(1, 10, 11), request(2, 12, 10)];
        let slots = [MeetingSlot {
            id: 5,
            event_id: 1,
            starts_at: 1_733_724_000,
            ends_at: 1_733_725_200,
        }];
        let who = |reg: i64| {
            if reg == 10 {
                "陳大文".to_owned()
            } else {
                format!("#{reg}")
            }
        };
        for (lang, expected) in [
            (
                crate::i18n::Locale::ZhHant,
                "陳大文已接受的會談多於其在場的時段",
            ),
            (
                crate::i18n::Locale::En,
                "陳大文 has more accepted meetings than slots they are present for",
            ),
        ] {
            let why = unplaced_reasons(lang, &requests, &slots, &[], false, &who);
            assert_eq!(why[&1], expected);
            assert_eq!(why[&2], expected);
        }
    }

    #[test]
    fn one_schedule_per_event_at_a_time_and_the_entry_goes_with_the_job() {
        let jobs = std::sync::Arc::new(Scheduling::default());
        let job = Job::start(&jobs, 7, 12).unwrap();
        assert!(matches!(
            Job::start(&jobs, 7, 12),
            Err(WebError::Conflict("err-mm-scheduling"))
        ));
        let other = Job::start(&jobs, 8, 3).unwrap();
        job.update(&baylink_matchmaking::Progress {
            best_breaks: Some(5),
            lower_bound: 2,
            elapsed: Duration::from_millis(1500),
        });
        let running = jobs.get(7).unwrap();
        assert_eq!(
            (running.meetings, running.best_breaks, running.lower_bound),
            (12, Some(5), 2)
        );
        drop(job);
        assert!(jobs.get(7).is_none());
        assert!(jobs.get(8).is_some());
        drop(other);
        assert!(Job::start(&jobs, 7, 1).is_ok());
    }
}
