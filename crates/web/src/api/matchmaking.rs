//! Matchmaking over JSON (settings, slots, tables, every request with its place), and the
//! meetings as a spreadsheet for the organiser, in the reader's language and script, the
//! way b2match and pretix hand organisers their lists for the venue and the caterer.

use std::collections::HashMap;

use axum::Json;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::http::HeaderMap;
use axum::response::Response;
use axum::routing::get;
use baylink_store::{
    Matchmaking, MeetingLanguage, MeetingOutcome, MeetingRequest, MeetingSlot, MeetingTable,
    RegStatus, Registration,
};
use serde::Serialize;
use utoipa::ToSchema;

use super::path_id;
use crate::AppState;
use crate::auth::{Auth, MaybeAuth, require_event};
use crate::error::{WebError, api_locale_from};
use crate::i18n::Locale;
use crate::sheets::SheetFormat;
use crate::views::events::{clock, day};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/api/v1/events/{id}/matchmaking", get(get_matchmaking))
        .route(
            "/api/v1/events/{id}/matchmaking/meetings.csv",
            get(meetings_sheet::<false>),
        )
        .route(
            "/api/v1/events/{id}/matchmaking/meetings.xlsx",
            get(meetings_sheet::<true>),
        )
        .route(
            "/api/v1/events/{id}/matchmaking/participants.csv",
            get(participants_sheet::<false>),
        )
        .route(
            "/api/v1/events/{id}/matchmaking/participants.xlsx",
            get(participants_sheet::<true>),
        )
}

/// A participant as matchmaking names them: no contact details, which stay with the
/// registration.
#[derive(Debug, Serialize, ToSchema)]
pub struct MatchmakingParticipant {
    /// The registration's id, as requests name it.
    pub id: i64,
    pub name: String,
    /// The script the name (and organisation) were written in.
    pub name_script: String,
    pub organisation: Option<String>,
}

/// An event's matchmaking as it stands.
#[derive(Debug, Serialize, ToSchema)]
pub struct MatchmakingView {
    /// Null until the organiser turns matchmaking on.
    pub settings: Option<Matchmaking>,
    pub slots: Vec<MeetingSlot>,
    pub tables: Vec<MeetingTable>,
    /// Every request, with the slot and table of a scheduled meeting and each side's
    /// outcome.
    pub requests: Vec<MeetingRequest>,
    /// Each side's comment on a meeting, beside its outcome.
    pub feedback: Vec<baylink_store::MeetingFeedback>,
    /// Where the cooperation after each meeting stands, once a side said one is possible.
    pub cooperations: Vec<baylink_store::MeetingCooperation>,
    /// The event's confirmed participants.
    pub participants: Vec<MatchmakingParticipant>,
    /// What participants say of themselves for matchmaking, as written, and whether they
    /// take requests in one mail a day.
    pub profiles: Vec<baylink_store::MatchmakingProfile>,
}

/// Everything the organiser's page shows, read once (staff). Requests past the
/// acceptance deadline are marked expired first, as on the page.
struct Loaded {
    settings: Option<Matchmaking>,
    slots: Vec<MeetingSlot>,
    tables: Vec<MeetingTable>,
    requests: Vec<MeetingRequest>,
    feedback: Vec<baylink_store::MeetingFeedback>,
    cooperations: Vec<baylink_store::MeetingCooperation>,
    regs: Vec<Registration>,
}

async fn load(s: &AppState, a: Option<&Auth>, raw: &str) -> Result<(i64, Loaded), WebError> {
    let event_id = path_id(raw)?;
    require_event(a, event_id)?;
    let event = s.store.get_event(event_id).await?;
    s.store
        .expire_meeting_requests(event.id, baylink_store::sql::now())
        .await?;
    let loaded = Loaded {
        settings: s.store.matchmaking(event.id).await?,
        slots: s.store.meeting_slots(event.id).await?,
        tables: s.store.meeting_tables(event.id).await?,
        requests: s.store.meeting_requests(event.id).await?,
        feedback: s.store.meeting_feedback(event.id).await?,
        cooperations: s.store.cooperations(event.id).await?,
        regs: s
            .store
            .list_registrations(event.id, None, Some(RegStatus::Confirmed), 10_000, 0)
            .await?
            .items,
    };
    Ok((event.id, loaded))
}

/// An event's matchmaking: settings, slots, tables, every request and the participants
/// they name (staff). Texts are as stored, with their script.
#[utoipa::path(get, path = "/api/v1/events/{id}/matchmaking", tag = "matchmaking",
    params(("id" = i64, Path)),
    responses((status = 200, body = MatchmakingView), (status = 401, body = crate::error::ApiError),
               (status = 404, body = crate::error::ApiError)))]
pub async fn get_matchmaking(
    State(s): State<AppState>,
    MaybeAuth(a): MaybeAuth,
    Path(id): Path<String>,
) -> Result<Json<MatchmakingView>, WebError> {
    let (event_id, l) = load(&s, a.as_ref(), &id).await?;
    let profiles = s.store.matchmaking_profiles(event_id).await?;
    Ok(Json(MatchmakingView {
        profiles,
        settings: l.settings,
        slots: l.slots,
        tables: l.tables,
        requests: l.requests,
        feedback: l.feedback,
        cooperations: l.cooperations,
        participants: l
            .regs
            .into_iter()
            .map(|r| MatchmakingParticipant {
                id: r.id,
                name: r.name,
                name_script: r.name_script,
                organisation: r.organisation,
            })
            .collect(),
    }))
}

/// The meetings as a spreadsheet (staff), in the language of `?lang=`: CSV with a UTF-8
/// BOM, or with `XLSX` an Excel workbook.
pub async fn meetings_sheet<const XLSX: bool>(
    State(s): State<AppState>,
    MaybeAuth(a): MaybeAuth,
    headers: HeaderMap,
    Path(id): Path<String>,
    Query(q): Query<HashMap<String, String>>,
) -> Result<Response, WebError> {
    let (event_id, l) = load(&s, a.as_ref(), &id).await?;
    let lang = api_locale_from(&headers, q.get("lang").map(String::as_str));
    let (head, rows) = meeting_rows(lang, &l, &l.requests);
    super::download(
        SheetFormat::new(XLSX),
        &format!("event-{event_id}-meetings"),
        &head,
        &rows,
    )
}

/// The participants as a spreadsheet (staff), in the language of `?lang=`: one row each,
/// fewest accepted meetings first, with their organisation, region, kind, the languages
/// they meet in, and where they stand (meetings accepted and placed, requests waiting
/// either way, outcomes not told): the list the secretariat follows up from.
pub async fn participants_sheet<const XLSX: bool>(
    State(s): State<AppState>,
    MaybeAuth(a): MaybeAuth,
    headers: HeaderMap,
    Path(id): Path<String>,
    Query(q): Query<HashMap<String, String>>,
) -> Result<Response, WebError> {
    let (event_id, l) = load(&s, a.as_ref(), &id).await?;
    let lang = api_locale_from(&headers, q.get("lang").map(String::as_str));
    let spoken: HashMap<i64, Vec<MeetingLanguage>> = s
        .store
        .matchmaking_profiles(event_id)
        .await?
        .into_iter()
        .map(|p| (p.registration_id, p.languages()))
        .collect();
    let live: Vec<&Registration> = l.regs.iter().filter(|r| !r.is_erased()).collect();
    let people: Vec<(i64, String)> = live
        .iter()
        .map(|r| (r.id, lang.text(&r.name, &r.name_script).into_owned()))
        .collect();
    let by_id: HashMap<i64, &Registration> = live.iter().map(|r| (r.id, *r)).collect();
    let head = [
        "field-name",
        "field-organisation",
        "field-region",
        "field-org-type",
        "mm-languages-head",
        "mm-standing-accepted",
        "mm-standing-placed",
        "mm-standing-asking",
        "mm-standing-asked",
        "mm-standing-untold",
    ]
    .iter()
    .map(|k| lang.t(k))
    .collect::<Vec<_>>();
    let label = |key: Option<String>| key.map(|k| lang.t(&k)).unwrap_or_default();
    let published = l
        .settings
        .as_ref()
        .is_some_and(|m| m.status == baylink_store::MatchmakingStatus::Published);
    let rows: Vec<Vec<String>> = crate::views::matchmaking::standings(
        &people,
        &l.requests,
        &l.slots,
        published,
        baylink_store::sql::now(),
        baylink_text::NameOrder::for_reader(lang.script()),
    )
    .into_iter()
    .map(|x| {
        let r = by_id[&x.id];
        vec![
            x.who,
            r.organisation
                .as_deref()
                .map(|o| lang.text(o, &r.name_script).into_owned())
                .unwrap_or_default(),
            label(
                r.region
                    .as_deref()
                    .and_then(baylink_store::Region::parse)
                    .map(|v| v.label_key()),
            ),
            label(
                r.org_type
                    .as_deref()
                    .and_then(baylink_store::OrgType::parse)
                    .map(|v| v.label_key()),
            ),
            spoken
                .get(&x.id)
                .map(|ls| {
                    ls.iter()
                        .map(|l| lang.t(&l.label_key()))
                        .collect::<Vec<_>>()
                        .join(", ")
                })
                .unwrap_or_default(),
            x.accepted.to_string(),
            x.placed.to_string(),
            x.asking.to_string(),
            x.asked.to_string(),
            x.untold.to_string(),
        ]
    })
    .collect();
    super::download(
        SheetFormat::new(XLSX),
        &format!("event-{event_id}-matchmaking-participants"),
        &head,
        &rows,
    )
}

/// One row per request, scheduled meetings first in the order of the day (by slot, then
/// table), then the accepted ones without a place, then the rest by when they were sent.
/// Names and organisations are shown in `lang`'s script; codes become words.
fn meeting_rows(
    lang: Locale,
    l: &Loaded,
    requests: &[MeetingRequest],
) -> (Vec<String>, Vec<Vec<String>>) {
    let (regs, slots, tables) = (&l.regs, &l.slots, &l.tables);
    let head = [
        "field-date",
        "field-starts",
        "field-ends",
        "mm-table",
        "mm-from",
        "mm-from-org",
        "mm-to",
        "mm-to-org",
        "field-status",
        "mm-session",
        "mm-weight",
        "mm-locked",
        "mm-arranged-head",
        "mm-outcome-from",
        "mm-outcome-to",
        "mm-comment-from",
        "mm-comment-to",
        "mm-coop",
        "market-agreement",
    ]
    .iter()
    .map(|k| lang.t(k))
    .collect();
    let regs: HashMap<i64, &Registration> = regs.iter().map(|r| (r.id, r)).collect();
    let slots: HashMap<i64, &MeetingSlot> = slots.iter().map(|x| (x.id, x)).collect();
    let tables: HashMap<i64, &MeetingTable> = tables.iter().map(|t| (t.id, t)).collect();
    // A participant who has since cancelled still has their requests listed, by number.
    let name = |reg: i64| {
        regs.get(&reg)
            .map(|r| lang.text(&r.name, &r.name_script).into_owned())
            .unwrap_or_else(|| format!("#{reg}"))
    };
    let org = |reg: i64| {
        regs.get(&reg)
            .and_then(|r| {
                r.organisation
                    .as_deref()
                    .map(|o| lang.text(o, &r.name_script).into_owned())
            })
            .unwrap_or_default()
    };
    let comments: HashMap<(i64, i64), String> = l
        .feedback
        .iter()
        .map(|f| {
            let text = lang.text(&f.comment, &f.comment_script).into_owned();
            ((f.request_id, f.registration_id), text)
        })
        .collect();
    let comment =
        |r: &MeetingRequest, reg: i64| comments.get(&(r.id, reg)).cloned().unwrap_or_default();
    let outcome = |code: &Option<String>| {
        code.as_deref()
            .and_then(MeetingOutcome::parse)
            .map(|o| lang.t(&o.label_key()))
            .unwrap_or_default()
    };
    let coops: HashMap<i64, &baylink_store::MeetingCooperation> =
        l.cooperations.iter().map(|x| (x.request_id, x)).collect();
    let coop = |r: &MeetingRequest| {
        let x = coops.get(&r.id);
        (
            x.and_then(|x| x.stage())
                .map(|st| lang.t(&st.label_key()))
                .unwrap_or_default(),
            x.and_then(|x| x.agreement())
                .map(|a| lang.t(&a.label_key()))
                .unwrap_or_default(),
        )
    };
    let mut ordered: Vec<&MeetingRequest> = requests.iter().collect();
    ordered.sort_by_key(|r| {
        let slot = r.slot_id.and_then(|id| slots.get(&id));
        let table = r.table_id.and_then(|id| tables.get(&id));
        let accepted = r.status == baylink_store::RequestStatus::Accepted;
        (
            slot.is_none(),
            !accepted,
            slot.map(|x| x.starts_at),
            table.map(|t| t.label.clone()),
            r.created_at,
            r.id,
        )
    });
    let rows = ordered
        .into_iter()
        .map(|r| {
            let slot = r.slot_id.and_then(|id| slots.get(&id));
            let (date, starts, ends) = match slot {
                Some(x) => (day(x.starts_at), clock(x.starts_at), clock(x.ends_at)),
                None => Default::default(),
            };
            vec![
                date,
                starts,
                ends,
                // An online room is given by its address.
                r.table_id
                    .and_then(|id| tables.get(&id))
                    .map(|t| t.link.clone().unwrap_or_else(|| t.label.clone()))
                    .unwrap_or_default(),
                name(r.from_reg),
                org(r.from_reg),
                name(r.to_reg),
                org(r.to_reg),
                lang.t(&r.status.label_key()),
                lang.t(&r.session.label_key()),
                r.weight().to_string(),
                if r.locked {
                    lang.t("mm-locked")
                } else {
                    String::new()
                },
                if r.arranged {
                    lang.t("mm-arranged")
                } else {
                    String::new()
                },
                outcome(&r.outcome_from),
                outcome(&r.outcome_to),
                comment(r, r.from_reg),
                comment(r, r.to_reg),
                coop(r).0,
                coop(r).1,
            ]
        })
        .collect();
    (head, rows)
}
