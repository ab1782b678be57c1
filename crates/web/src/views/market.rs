//! Supply and demand pages (供需對接): the posting list with its filters, a posting's page
//! (its organisation and event, the counterparts Baylink recommends and why, expressing
//! interest), the posting form, the secretariat's review queue (approve, return with a
//! reason, remind owners of expiring postings), a reader's own postings and
//! introductions, an introduction's page (contacts, the pipeline, a meeting request at an
//! event) and the secretariat's funnel.
//!
//! Recommendations come from a [`Recommendations`] kept per node: it asks the store for a
//! cheap stamp of the postings (count and sum of versions) and reloads only when that,
//! or the date, changed, reusing the analysis of every posting that did not change. So an
//! edit on any node is reflected on every node's next page.

use std::collections::{BTreeMap, HashMap};
use std::sync::{Arc, Mutex};

use askama::Template;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::{get, post};
use baylink_market::{Profile, Recommendation, Recommender};
use baylink_store::market::{
    AgreementType, Interest, InterestStatus, PipelineBack, PipelineMove, PipelineStage,
    PipelineStep, Posting, PostingFilter, PostingInput, PostingStatus, is_staff, party_to,
};
use baylink_store::{
    CoopMode, FieldError, IpStatus, MarketStamp, OrgType, PostingKind, PostingSide, Region,
    RequestInput, Sector, Stage, User,
};

use super::events::{day, today};
use super::{Ctx, FormData, FormState, form_errors, render, render_invalid, see};
use crate::AppState;
use crate::api::path_id as id;
use crate::error::WebError;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/postings", get(list).post(create))
        .route("/postings/new", get(new_form))
        .route("/postings/mine", get(mine))
        .route("/postings/review", get(review_queue))
        .route("/postings/funnel", get(funnel))
        .route("/postings/{id}", get(detail).post(update))
        .route("/postings/{id}/edit", get(edit_form))
        .route("/postings/{id}/review", post(review))
        .route("/postings/{id}/withdraw", post(withdraw))
        .route("/postings/{id}/remind", post(remind))
        .route("/postings/{id}/interest", post(express_interest))
        .route("/postings/{id}/save", post(keep_saved))
        .route(
            "/postings/{id}/attachments",
            post(upload).layer(axum::extract::DefaultBodyLimit::max(
                baylink_store::market::MAX_ATTACHMENT_BYTES + 64 * 1024,
            )),
        )
        .route("/postings/{id}/attachments/{aid}", get(download))
        .route(
            "/postings/{id}/attachments/{aid}/delete",
            post(delete_attachment),
        )
        .route("/interests/{id}", get(introduction))
        .route("/interests/{id}/decide", post(decide))
        .route("/interests/{id}/stage", post(move_stage))
        .route("/interests/{id}/back", post(take_back_stage))
        .route("/interests/{id}/meeting", post(request_meeting))
}

/// The live postings as loaded, and the recommender over them.
pub struct Market {
    pub recommender: Recommender,
    /// The same postings by id: recommendations are shown from here, without a query each.
    pub postings: HashMap<i64, Posting>,
}

impl Market {
    /// The recommended postings, best first, with their recommendations.
    pub fn resolve(&self, recs: Vec<Recommendation>) -> Vec<(Posting, Recommendation)> {
        recs.into_iter()
            .filter_map(|r| self.postings.get(&r.posting_id).map(|p| (p.clone(), r)))
            .collect()
    }
}

type Loaded = (MarketStamp, String, Arc<Market>);

/// This node's recommender, reloaded when the postings change.
#[derive(Default)]
pub struct Recommendations {
    state: Mutex<Option<Loaded>>,
    /// Serialises reloads, so two pages arriving together build once.
    reload: tokio::sync::Mutex<()>,
}

impl Recommendations {
    /// The recommender over the postings live now.
    pub async fn current(&self, s: &AppState) -> Result<Arc<Market>, WebError> {
        let stamp = s.store.market_stamp().await?;
        let today = today();
        let fresh = |state: &Option<Loaded>| {
            state
                .as_ref()
                .filter(|(st, d, _)| *st == stamp && *d == today)
                .map(|(_, _, m)| m.clone())
        };
        if let Some(m) = fresh(&self.state.lock().expect("lock")) {
            return Ok(m);
        }
        let _one = self.reload.lock().await;
        if let Some(m) = fresh(&self.state.lock().expect("lock")) {
            return Ok(m);
        }
        // The stamp is read before the postings: a write in between makes the next page
        // reload again rather than keep a stale index.
        let postings = s.store.live_postings(&today).await?;
        let mut words: HashMap<i64, String> = s
            .store
            .live_attachment_words(&today)
            .await?
            .into_iter()
            .collect();
        let previous = self
            .state
            .lock()
            .expect("lock")
            .as_ref()
            .map(|(_, _, m)| m.clone());
        let market = tokio::task::spawn_blocking(move || {
            let profiles: Vec<Profile> = postings
                .iter()
                .map(|p| match words.remove(&p.id) {
                    Some(w) => Profile::from_posting(p).with_attachment_words(&w),
                    None => Profile::from_posting(p),
                })
                .collect();
            let recommender = Recommender::build_with(
                &profiles,
                baylink_search::analysis::Analysis::Baylink,
                baylink_market::Weights::default(),
                previous.as_deref().map(|m| &m.recommender),
            );
            Market {
                recommender,
                postings: postings.into_iter().map(|p| (p.id, p)).collect(),
            }
        })
        .await
        .map_err(|e| WebError::Internal(format!("recommender: {e}")))?;
        let market = Arc::new(market);
        *self.state.lock().expect("lock") = Some((stamp, today, market.clone()));
        Ok(market)
    }
}

fn user(c: &Ctx) -> Result<&User, WebError> {
    c.auth
        .as_ref()
        .map(|a| &a.user)
        .ok_or(WebError::Unauthorized)
}

/// A posting as a list shows it.
pub struct Card {
    pub p: Posting,
    pub title: String,
    pub summary: String,
    pub org: String,
    pub labels: String,
}

fn card(c: &Ctx, p: Posting) -> Card {
    let labels = p
        .sectors
        .0
        .iter()
        .map(|s| c.t(&s.label_key()))
        .collect::<Vec<_>>()
        .join(" · ");
    Card {
        title: c.text(&p.title, &p.script),
        summary: c.text(&p.summary, &p.script),
        org: c.name(&p.org_name, &p.org_name_script, &p.org_name_en),
        labels,
        p,
    }
}

impl Ctx {
    /// "Technology offer", "出海代理 need"…
    pub fn posting_label(&self, p: &Posting) -> String {
        format!(
            "{} · {}",
            self.t(&p.kind.label_key()),
            self.t(&p.side.label_key())
        )
    }
}

pub(crate) fn choices<T: Copy>(
    c: &Ctx,
    all: &[T],
    code: fn(T) -> &'static str,
    key: fn(T) -> String,
) -> Vec<(&'static str, String)> {
    all.iter().map(|&v| (code(v), c.t(&key(v)))).collect()
}

/// The taxonomy as (code, label) lists for filters and the form.
pub struct Taxonomy {
    pub sides: Vec<(&'static str, String)>,
    pub kinds: Vec<(&'static str, String)>,
    pub sectors: Vec<(&'static str, String)>,
    pub stages: Vec<(&'static str, String)>,
    pub modes: Vec<(&'static str, String)>,
    pub ips: Vec<(&'static str, String)>,
    pub regions: Vec<(&'static str, String)>,
    pub org_types: Vec<(&'static str, String)>,
    pub agreements: Vec<(&'static str, String)>,
}

fn taxonomy(c: &Ctx) -> Taxonomy {
    Taxonomy {
        sides: choices(
            c,
            PostingSide::ALL,
            PostingSide::code,
            PostingSide::label_key,
        ),
        kinds: choices(
            c,
            PostingKind::ALL,
            PostingKind::code,
            PostingKind::label_key,
        ),
        sectors: choices(c, Sector::ALL, Sector::code, Sector::label_key),
        stages: choices(c, Stage::ALL, Stage::code, Stage::label_key),
        modes: choices(c, CoopMode::ALL, CoopMode::code, CoopMode::label_key),
        ips: choices(c, IpStatus::ALL, IpStatus::code, IpStatus::label_key),
        regions: choices(c, Region::ALL, Region::code, Region::label_key),
        org_types: choices(c, OrgType::ALL, OrgType::code, OrgType::label_key),
        agreements: choices(
            c,
            AgreementType::ALL,
            AgreementType::code,
            AgreementType::label_key,
        ),
    }
}

#[derive(Template)]
#[template(path = "market/list.html")]
struct ListPage {
    c: Ctx,
    tx: Taxonomy,
    f: FormState,
    cards: Vec<Card>,
    total: i64,
    page: i64,
    pages: i64,
    query: String,
}

impl ListPage {
    /// The filters an alert of new postings keeps ([`super::alerts::ALERT_FILTERS`]).
    fn alert_filters(&self) -> [&'static str; 8] {
        super::alerts::ALERT_FILTERS
    }
}

const PAGE: i64 = 30;

/// The query parameters the posting list (page and API) filters by.
const FILTERS: [&str; 9] = [
    "side", "kind", "sector", "region", "stage", "mode", "org_type", "org", "event",
];

/// The posting filter a query asks for, or `None` when a value is not a known code or id:
/// such a filter matches nothing rather than failing.
pub fn posting_filter(
    q: &HashMap<String, String>,
    limit: i64,
    offset: i64,
) -> Option<PostingFilter> {
    fn code<T>(
        q: &HashMap<String, String>,
        key: &str,
        parse: fn(&str) -> Option<T>,
    ) -> Result<Option<T>, ()> {
        match q.get(key).map(|v| v.trim()).filter(|v| !v.is_empty()) {
            None => Ok(None),
            Some(v) => parse(v).map(Some).ok_or(()),
        }
    }
    let id = |v: &str| v.parse::<i64>().ok();
    Some(PostingFilter {
        side: code(q, "side", PostingSide::parse).ok()?,
        kind: code(q, "kind", PostingKind::parse).ok()?,
        sector: code(q, "sector", Sector::parse).ok()?,
        region: code(q, "region", Region::parse).ok()?,
        stage: code(q, "stage", Stage::parse).ok()?,
        mode: code(q, "mode", CoopMode::parse).ok()?,
        org_type: code(q, "org_type", OrgType::parse).ok()?,
        org_id: code(q, "org", id).ok()?,
        event_id: code(q, "event", id).ok()?,
        status: None,
        today: today(),
        published_since: None,
        published_until: None,
        limit,
        offset,
    })
}

async fn list(
    State(s): State<AppState>,
    c: Ctx,
    Query(q): Query<HashMap<String, String>>,
) -> Result<Response, WebError> {
    // (Pages of 20: a page number up to the bound gives an offset far inside an i64.)
    let page = super::paging(&q, "page", 1);
    let found = match posting_filter(&q, PAGE, (page - 1) * PAGE) {
        Some(filter) => s.store.list_postings(&filter).await?,
        None => baylink_store::Page {
            items: Vec::new(),
            total: 0,
        },
    };
    // The filters again, for the pages' links (only known keys, codes and ids).
    let query: String = FILTERS
        .iter()
        .filter_map(|k| q.get(*k).filter(|v| !v.is_empty()).map(|v| (k, v)))
        .map(|(k, v)| {
            let v: String = v
                .chars()
                .filter(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect();
            format!("&{k}={v}")
        })
        .collect();
    let tx = taxonomy(&c);
    let cards = found.items.into_iter().map(|p| card(&c, p)).collect();
    render(&ListPage {
        tx,
        f: FormState::new(q),
        cards,
        total: found.total,
        page,
        pages: (found.total + PAGE - 1) / PAGE,
        query,
        c,
    })
}

/// One recommendation as shown: the counterpart and why, in the reader's words.
pub struct Shown {
    pub card: Card,
    pub reasons: Vec<String>,
    pub score: String,
}

/// Counterparts of what an organisation says of itself in the directory (its name and
/// description), best first: for an organisation with nothing posted yet.
pub(crate) fn directory_counterparts(
    market: &Market,
    o: &baylink_store::Organisation,
    now: i64,
    limit: usize,
) -> Vec<Recommendation> {
    let text = format!("{}\n{}", o.name, o.description.clone().unwrap_or_default());
    text_counterparts(
        market,
        -o.id,
        o.id,
        (o.org_type, o.region),
        text,
        now,
        limit,
    )
}

/// Counterparts of a free text read as both an offer and a need, from an organisation
/// of the given type and place (`id`: the profile's own, never a posting's), best first.
pub(crate) fn text_counterparts(
    market: &Market,
    id: i64,
    org_id: i64,
    (org_type, region): (baylink_store::OrgType, baylink_store::Region),
    text: String,
    now: i64,
    limit: usize,
) -> Vec<Recommendation> {
    let mut recs: Vec<Recommendation> = PostingSide::ALL
        .iter()
        .flat_map(|side| {
            let profile = Profile {
                id,
                side: *side,
                kind: PostingKind::Technology,
                sectors: Vec::new(),
                modes: Vec::new(),
                targets: Vec::new(),
                org_id,
                org_type,
                region,
                since: now,
                text: text.clone(),
                version: 0,
                words_stamp: 0,
            };
            market.recommender.recommend_profile(&profile, now, limit)
        })
        .collect();
    recs.sort_by(|a, b| b.score.total_cmp(&a.score));
    recs.truncate(limit);
    recs
}

/// Why the recommender put `r` (a counterpart posting, `p`) forward, in the reader's words.
pub(crate) fn reasons(c: &Ctx, r: &Recommendation, p: &Posting) -> Vec<String> {
    let written = format!("{}\n{}\n{}", p.title, p.summary, p.description);
    let mut out: Vec<String> = terms_reason(c, r, &written).into_iter().collect();
    if !r.shared_sectors.is_empty() {
        let s: Vec<String> = r
            .shared_sectors
            .iter()
            .map(|s| c.t(&s.label_key()))
            .collect();
        out.push(c.lang.t_args(
            "why-sectors",
            &[("sectors", s.join(c.list_separator()).into())],
        ));
    }
    if r.kind_fit >= 1.0 {
        out.push(c.t("why-kind"));
    } else if r.kind_fit > 0.0 {
        out.push(c.t("why-kind-related"));
    }
    if r.academia_industry {
        out.push(c.t("why-academia-industry"));
    }
    if r.cross_border {
        out.push(c.t("why-cross-border"));
    }
    if r.in_target == Some(true) {
        out.push(c.t("why-target"));
    }
    if !r.shared_modes.is_empty() {
        let m: Vec<String> = r.shared_modes.iter().map(|m| c.t(&m.label_key())).collect();
        out.push(
            c.lang
                .t_args("why-modes", &[("modes", m.join(c.list_separator()).into())]),
        );
    }
    if r.age_days <= 30 {
        out.push(c.t("why-fresh"));
    }
    out
}

/// Analysed terms that any offer or need may say ("we look for", "我们希望寻找合作"): a
/// reason that names only them says nothing, so they are not named. They still count in
/// the score, where their rarity already weighs them little in a market of postings.
const GENERIC_TERMS: &[&str] = &[
    "a", "an", "and", "are", "as", "at", "by", "for", "from", "in", "is", "of", "on", "or", "our",
    "the", "to", "we", "with", "look", "seek", "offer", "need", "provid", "partner", "我们",
    "希望", "寻找", "提供", "需要", "合作", "进行", "以及", "一个", "可以", "我",
];

/// "Both say …": the terms `r`'s two sides share, the counterpart having written `written`.
pub(crate) fn terms_reason(c: &Ctx, r: &Recommendation, written: &str) -> Option<String> {
    if r.shared_terms.is_empty() {
        return None;
    }
    // Terms are analysed: Simplified with mainland words, said in the reader's script;
    // English stemmed ("altitud"), said as the counterpart wrote them ("altitude").
    let terms: Vec<String> = r
        .shared_terms
        .iter()
        .filter(|t| !GENERIC_TERMS.contains(&t.as_str()))
        .map(|t| as_written(t, written).unwrap_or_else(|| c.prose_plain(t)))
        .collect();
    if terms.is_empty() {
        return None;
    }
    Some(c.lang.t_args(
        "why-terms",
        &[("terms", terms.join(c.list_separator()).into())],
    ))
}

/// The word of `text` that an English analysed `term` comes from, in lower case unless it
/// is written with capitals inside it (AI, IoT); None for a term of Chinese characters,
/// which the reader's script says better, or when no word of `text` analyses to it.
fn as_written(term: &str, text: &str) -> Option<String> {
    if !term.is_ascii() {
        return None;
    }
    let range = baylink_search::analyze(text)
        .into_iter()
        .find(|(t, range)| t == term && !range.is_empty())?
        .1;
    let word = text.get(range)?;
    let inner_capital = word.chars().skip(1).any(|ch| ch.is_uppercase());
    Some(if inner_capital {
        word.to_owned()
    } else {
        word.to_lowercase()
    })
}

impl Ctx {
    /// A short analysed term in the reader's script (no HTML).
    pub fn prose_plain(&self, text: &str) -> String {
        baylink_text::display_text(
            text,
            baylink_text::Script::Hans,
            self.lang.script(),
            !self.is_english(),
        )
        .into_owned()
    }
}

/// Shows recommendations in the reader's words.
fn shown(c: &Ctx, market: &Market, recs: Vec<Recommendation>) -> Vec<Shown> {
    market
        .resolve(recs)
        .into_iter()
        .map(|(p, r)| Shown {
            reasons: reasons(c, &r, &p),
            score: format!("{:.0}", r.score * 100.0),
            card: card(c, p),
        })
        .collect()
}

#[derive(Template)]
#[template(path = "market/detail.html")]
struct DetailPage {
    c: Ctx,
    p: Posting,
    title: String,
    org: String,
    event: Option<(i64, String)>,
    labels: Vec<(String, String)>,
    owner: bool,
    staff: bool,
    /// The reader's accepted introduction on this posting, if any: contacts are shown.
    introduced: Option<i64>,
    /// The reader's own interest, if any.
    mine: Option<Interest>,
    interests: Vec<Interest>,
    recommended: Vec<Shown>,
    can_interest: bool,
    /// The signed-in reader keeps it among their saved postings (收藏).
    saved: bool,
    /// For its owners: how many readers saved it.
    saved_by: i64,
    f: FormState,
    expired: bool,
    attachments: Vec<baylink_store::Attachment>,
}

async fn detail_page(
    s: &AppState,
    c: Ctx,
    pid: i64,
    f: FormState,
    status: StatusCode,
) -> Result<Response, WebError> {
    let p = s.store.get_posting(pid).await?;
    let me = c.auth.as_ref().map(|a| a.user.clone());
    let owner = me.as_ref().is_some_and(|u| p.owned_by(u));
    let staff = me.as_ref().is_some_and(is_staff);
    let today = today();
    // A posting not yet public is seen only by its owners and staff.
    if !owner && p.status != PostingStatus::Published {
        return Err(WebError::NotFound);
    }
    let interests = s.store.interests_for_posting(p.id).await?;
    let mine = me
        .as_ref()
        .and_then(|u| interests.iter().find(|i| i.from_user_id == u.id).cloned());
    let introduced = mine
        .as_ref()
        .filter(|i| i.status == InterestStatus::Accepted)
        .map(|i| i.id);
    let event = match p.event_id {
        Some(eid) => {
            let e = s.store.get_event(eid).await?;
            Some((e.id, c.name(&e.title, &e.title_script, &e.title_en)))
        }
        None => None,
    };
    let market = s.market.current(s).await?;
    let recs = market.recommender.recommend_profile(
        &Profile::from_posting(&p),
        baylink_store::sql::now(),
        10,
    );
    let recommended = shown(&c, &market, recs);
    let mut labels = vec![(c.t("field-kind"), c.posting_label(&p))];
    let join = |v: Vec<String>| v.join(c.list_separator());
    labels.push((
        c.t("field-sectors"),
        join(p.sectors.0.iter().map(|x| c.t(&x.label_key())).collect()),
    ));
    if let Some(st) = p.stage.as_deref().and_then(Stage::parse) {
        labels.push((c.t("field-stage"), c.t(&st.label_key())));
    }
    if !p.modes.0.is_empty() {
        labels.push((
            c.t("field-modes"),
            join(p.modes.0.iter().map(|x| c.t(&x.label_key())).collect()),
        ));
    }
    if !p.target_regions.0.is_empty() {
        labels.push((
            c.t("field-target-regions"),
            join(
                p.target_regions
                    .0
                    .iter()
                    .map(|x| c.t(&x.label_key()))
                    .collect(),
            ),
        ));
    }
    if let Some(ip) = p.ip_status.as_deref().and_then(IpStatus::parse) {
        labels.push((c.t("field-ip"), c.t(&ip.label_key())));
    }
    labels.push((c.t("field-shown-until"), p.expires_on.clone()));
    let can_interest = me.is_some() && !owner && mine.is_none() && p.live(&today);
    let attachments = s.store.attachments(p.id).await?;
    let saved = match &me {
        Some(u) => s.store.has_saved(u.id, p.id).await?,
        None => false,
    };
    let saved_by = if owner || staff {
        s.store.saved_count(p.id).await?
    } else {
        0
    };
    let page = DetailPage {
        title: c.text(&p.title, &p.script),
        org: c.name(&p.org_name, &p.org_name_script, &p.org_name_en),
        event,
        labels,
        owner,
        staff,
        introduced,
        mine,
        interests: if owner { interests } else { Vec::new() },
        recommended,
        can_interest,
        saved,
        saved_by,
        f,
        expired: p.expired(&today),
        attachments,
        p,
        c,
    };
    // The status is 200 for a plain view, 4xx when a form's errors are shown on it.
    render_invalid(&page, status)
}

async fn detail(
    State(s): State<AppState>,
    c: Ctx,
    Path(raw): Path<String>,
) -> Result<Response, WebError> {
    detail_page(&s, c, id(&raw)?, FormState::default(), StatusCode::OK).await
}

#[derive(Template)]
#[template(path = "market/form.html")]
struct FormPage {
    c: Ctx,
    tx: Taxonomy,
    id: Option<i64>,
    f: FormState,
    /// Organisations the writer may post for (staff: all; a representative: theirs).
    orgs: Vec<(i64, String)>,
    events: Vec<(i64, String)>,
}

impl FormPage {
    fn checked(&self, prefix: &str, code: &str) -> bool {
        self.f.is(&format!("{prefix}-{code}"), "1")
    }
}

async fn form_choices(
    s: &AppState,
    c: &Ctx,
    u: &User,
) -> Result<(Vec<(i64, String)>, Vec<(i64, String)>), WebError> {
    let orgs = if is_staff(u) {
        super::directory::org_choices(s, c, None).await?
    } else {
        match u.org_id {
            Some(oid) => {
                let o = s.store.get_organisation(oid).await?;
                vec![(o.id, c.name(&o.name, &o.name_script, &o.name_en))]
            }
            None => Vec::new(),
        }
    };
    let events = s
        .store
        .list_events(&baylink_store::EventFilter {
            limit: 200,
            now: baylink_store::sql::now(),
            ..Default::default()
        })
        .await?
        .items
        .into_iter()
        .map(|e| {
            (
                e.id,
                format!(
                    "{} · {}",
                    day(e.starts_at),
                    c.name(&e.title, &e.title_script, &e.title_en)
                ),
            )
        })
        .collect();
    Ok((orgs, events))
}

async fn new_form(State(s): State<AppState>, c: Ctx) -> Result<Response, WebError> {
    let u = user(&c)?.clone();
    if !is_staff(&u) && u.org_id.is_none() {
        return Err(WebError::Forbidden);
    }
    let (orgs, events) = form_choices(&s, &c, &u).await?;
    let mut values = HashMap::new();
    if let Some(oid) = u.org_id {
        values.insert("org_id".to_owned(), oid.to_string());
    }
    // Six months, the usual life of a posting; the owner can change it.
    values.insert(
        "expires_on".to_owned(),
        day(baylink_store::sql::now() + 182 * 86_400),
    );
    render(&FormPage {
        tx: taxonomy(&c),
        id: None,
        f: FormState::new(values),
        orgs,
        events,
        c,
    })
}

/// The form's values as stored postings read.
fn values_of(p: &Posting) -> HashMap<String, String> {
    let mut v: HashMap<String, String> = [
        ("org_id", p.org_id.to_string()),
        ("side", p.side.code().to_owned()),
        ("kind", p.kind.code().to_owned()),
        ("title", p.title.clone()),
        ("summary", p.summary.clone()),
        ("description", p.description.clone()),
        ("stage", p.stage.clone().unwrap_or_default()),
        ("ip_status", p.ip_status.clone().unwrap_or_default()),
        ("contact", p.contact.clone()),
        ("expires_on", p.expires_on.clone()),
        (
            "event_id",
            p.event_id.map(|e| e.to_string()).unwrap_or_default(),
        ),
        ("version", p.version.to_string()),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_owned(), v))
    .collect();
    for s in &p.sectors.0 {
        v.insert(format!("sector-{}", s.code()), "1".into());
    }
    for m in &p.modes.0 {
        v.insert(format!("mode-{}", m.code()), "1".into());
    }
    for r in &p.target_regions.0 {
        v.insert(format!("target-{}", r.code()), "1".into());
    }
    v
}

async fn edit_form(
    State(s): State<AppState>,
    c: Ctx,
    Path(raw): Path<String>,
) -> Result<Response, WebError> {
    let u = user(&c)?.clone();
    let p = s.store.get_posting(id(&raw)?).await?;
    if !p.owned_by(&u) {
        return Err(WebError::Forbidden);
    }
    let (orgs, events) = form_choices(&s, &c, &u).await?;
    render(&FormPage {
        tx: taxonomy(&c),
        id: Some(p.id),
        f: FormState::new(values_of(&p)),
        orgs,
        events,
        c,
    })
}

/// Reads the posting form: checkboxes are `sector-{code}`, `mode-{code}`, `target-{code}`.
fn input_of(form: &FormData, errors: &mut Vec<FieldError>) -> PostingInput {
    let ticked = |prefix: &str| -> Vec<String> {
        form.values
            .iter()
            .filter(|(k, v)| v.as_str() == "1" && k.starts_with(prefix))
            .map(|(k, _)| k[prefix.len()..].to_owned())
            .collect()
    };
    PostingInput {
        org_id: form.int("org_id", errors).unwrap_or(0),
        side: form.get("side").to_owned(),
        kind: form.get("kind").to_owned(),
        title: form.get("title").to_owned(),
        summary: form.get("summary").to_owned(),
        description: form.get("description").to_owned(),
        sectors: ticked("sector-"),
        modes: ticked("mode-"),
        target_regions: ticked("target-"),
        stage: form.opt("stage"),
        ip_status: form.opt("ip_status"),
        contact: form.get("contact").to_owned(),
        expires_on: form.get("expires_on").to_owned(),
        event_id: form.int("event_id", errors),
    }
}

async fn save(s: AppState, c: Ctx, pid: Option<i64>, form: FormData) -> Result<Response, WebError> {
    let u = user(&c)?.clone();
    let now = baylink_store::sql::now();
    let result = async {
        let mut errors = Vec::new();
        let input = input_of(&form, &mut errors);
        let version = form.int::<i64>("version", &mut errors);
        let draft = match input.validate(&today(), c.lang.script()) {
            Ok(d) if errors.is_empty() => d,
            Ok(_) => return Err(baylink_store::StoreError::Invalid(errors)),
            Err(mut e) => {
                errors.append(&mut e);
                return Err(baylink_store::StoreError::Invalid(errors));
            }
        };
        match pid {
            Some(pid) => {
                s.store
                    .update_posting(&u, pid, version.unwrap_or(0), &draft, now)
                    .await
            }
            None => s.store.create_posting(&u, &draft, now).await,
        }
    }
    .await;
    match result {
        Ok(p) => Ok(see(c.href(&format!("/postings/{}?saved=1", p.id)))),
        Err(e) => {
            let (errors, status) = form_errors(e)?;
            let (orgs, events) = form_choices(&s, &c, &u).await?;
            let f = FormState::with_errors(form, c.lang, &errors);
            render_invalid(
                &FormPage {
                    tx: taxonomy(&c),
                    id: pid,
                    f,
                    orgs,
                    events,
                    c,
                },
                status,
            )
        }
    }
}

async fn create(State(s): State<AppState>, c: Ctx, form: FormData) -> Result<Response, WebError> {
    save(s, c, None, form).await
}

async fn update(
    State(s): State<AppState>,
    c: Ctx,
    Path(raw): Path<String>,
    form: FormData,
) -> Result<Response, WebError> {
    let pid = id(&raw)?;
    save(s, c, Some(pid), form).await
}

/// Shows the posting page again with a form's errors, or passes other errors on.
async fn on_posting(
    s: &AppState,
    c: Ctx,
    pid: i64,
    form: FormData,
    e: baylink_store::StoreError,
) -> Result<Response, WebError> {
    let (errors, status) = form_errors(e)?;
    let f = FormState::with_errors(form, c.lang, &errors);
    detail_page(s, c, pid, f, status).await
}

async fn review(
    State(s): State<AppState>,
    c: Ctx,
    Path(raw): Path<String>,
    form: FormData,
) -> Result<Response, WebError> {
    let u = user(&c)?.clone();
    if !is_staff(&u) {
        return Err(WebError::Forbidden);
    }
    let pid = id(&raw)?;
    let approve = form.choice("approve")?;
    match s
        .store
        .review_posting(
            &u,
            pid,
            approve,
            form.get("note"),
            baylink_store::sql::now(),
        )
        .await
    {
        Ok(_) => Ok(see(c.href(&format!("/postings/{pid}")))),
        Err(e) => on_posting(&s, c, pid, form, e).await,
    }
}

async fn withdraw(
    State(s): State<AppState>,
    c: Ctx,
    Path(raw): Path<String>,
) -> Result<Response, WebError> {
    let u = user(&c)?.clone();
    let pid = id(&raw)?;
    s.store
        .withdraw_posting(&u, pid, baylink_store::sql::now())
        .await?;
    Ok(see(c.href(&format!("/postings/{pid}"))))
}

async fn remind(
    State(s): State<AppState>,
    c: Ctx,
    Path(raw): Path<String>,
) -> Result<Response, WebError> {
    let u = user(&c)?.clone();
    // Written for each owner when sent, in their language, not in the language of the
    // staff member who presses the button.
    s.store
        .remind_posting(&u, id(&raw)?, baylink_store::sql::now())
        .await?;
    Ok(see(c.href("/postings/review?reminded=1")))
}

/// Keeps the posting among the reader's saved ones (收藏), or, with `saved=0`, drops it;
/// back to the posting.
async fn keep_saved(
    State(s): State<AppState>,
    c: Ctx,
    Path(raw): Path<String>,
    form: FormData,
) -> Result<Response, WebError> {
    let u = user(&c)?.clone();
    let pid = id(&raw)?;
    let saved = form.get("saved") != "0";
    s.store
        .save_posting(&u, pid, saved, baylink_store::sql::now())
        .await?;
    Ok(see(c.href(&format!("/postings/{pid}"))))
}

async fn express_interest(
    State(s): State<AppState>,
    c: Ctx,
    Path(raw): Path<String>,
    form: FormData,
) -> Result<Response, WebError> {
    let u = user(&c)?.clone();
    let pid = id(&raw)?;
    let result = async {
        let (message, script) = baylink_store::market::checked_message(
            "message",
            form.get("message"),
            true,
            c.lang.script(),
        )?;
        s.store
            .express_interest(
                &u,
                pid,
                &message,
                script,
                &today(),
                baylink_store::sql::now(),
            )
            .await
    }
    .await;
    match result {
        Ok(_) => Ok(see(c.href(&format!("/postings/{pid}?interest=1")))),
        Err(e) => on_posting(&s, c, pid, form, e).await,
    }
}

async fn decide(
    State(s): State<AppState>,
    c: Ctx,
    Path(raw): Path<String>,
    form: FormData,
) -> Result<Response, WebError> {
    let u = user(&c)?.clone();
    let i = s
        .store
        .decide_interest(
            &u,
            id(&raw)?,
            form.choice("accept")?,
            baylink_store::sql::now(),
        )
        .await?;
    if i.status == InterestStatus::Accepted {
        Ok(see(c.href(&format!("/interests/{}", i.id))))
    } else {
        Ok(see(c.href(&format!("/postings/{}", i.posting_id))))
    }
}

#[derive(Template)]
#[template(path = "market/introduction.html")]
struct IntroductionPage {
    c: Ctx,
    i: Interest,
    p: Posting,
    title: String,
    org: String,
    from_org: Option<String>,
    steps: Vec<(PipelineStep, String)>,
    stage: Option<PipelineStage>,
    next: Vec<(&'static str, String)>,
    /// Where taking the last move back would return to, labelled, if there is a move to
    /// take back ([`PipelineBack`]).
    back_to: Option<String>,
    agreements: Vec<(&'static str, String)>,
    /// (event id, title): events where both may request a meeting.
    events: Vec<(i64, String)>,
    f: FormState,
}

async fn introduction_page(
    s: &AppState,
    c: Ctx,
    iid: i64,
    f: FormState,
    status: StatusCode,
) -> Result<Response, WebError> {
    let u = user(&c)?.clone();
    let i = s.store.get_interest(iid).await?;
    let p = s.store.get_posting(i.posting_id).await?;
    if !party_to(&u, &i, &p) {
        return Err(WebError::Forbidden);
    }
    let from_org = match i.from_org_id {
        Some(o) => {
            let o = s.store.get_organisation(o).await?;
            Some(c.name(&o.name, &o.name_script, &o.name_en))
        }
        None => None,
    };
    let steps = s.store.pipeline_steps(i.id).await?;
    let back_to = PipelineBack::back_to(steps.iter().map(|st| (st.stage.as_str(), st.takes_back)))
        .map(|to| c.t(&to.label_key()));
    let steps = steps
        .into_iter()
        .map(|st| {
            let label = step_label(&c, &st.stage, st.takes_back);
            (st, label)
        })
        .collect();
    let stage = i.stage();
    let next = match stage {
        Some(from) => PipelineStage::ALL
            .iter()
            .filter(|to| {
                PipelineMove {
                    stage: **to,
                    agreement_type: None,
                    note: String::new(),
                }
                .allowed_from(from)
            })
            .map(|to| (to.code(), c.t(&to.label_key())))
            .collect(),
        None => Vec::new(),
    };
    // A meeting request goes from the interested reader to the posting's author.
    let author_email = match p.author_id {
        Some(a) => Some(s.store.get_user(a).await?.email),
        None => None,
    };
    let mut events = Vec::new();
    if i.status == InterestStatus::Accepted
        && let Some(author) = author_email
    {
        for (eid, _, _) in s.store.shared_matchmaking(&i.from_email, &author).await? {
            let e = s.store.get_event(eid).await?;
            events.push((e.id, c.name(&e.title, &e.title_script, &e.title_en)));
        }
    }
    let page = IntroductionPage {
        title: c.text(&p.title, &p.script),
        org: c.name(&p.org_name, &p.org_name_script, &p.org_name_en),
        from_org,
        steps,
        stage,
        next,
        back_to,
        agreements: taxonomy(&c).agreements,
        events,
        f,
        i,
        p,
        c,
    };
    // The status is 200 for a plain view, 4xx when a form's errors are shown on it.
    render_invalid(&page, status)
}

async fn introduction(
    State(s): State<AppState>,
    c: Ctx,
    Path(raw): Path<String>,
) -> Result<Response, WebError> {
    introduction_page(&s, c, id(&raw)?, FormState::default(), StatusCode::OK).await
}

/// A step of a pipeline's history, labelled: the stage it moved to, or, for a take-back,
/// the stage it returned to, said as such.
pub(crate) fn step_label(c: &Ctx, stage: &str, takes_back: bool) -> String {
    let label = PipelineStage::parse(stage)
        .map(|x| c.t(&x.label_key()))
        .unwrap_or_default();
    if takes_back {
        c.targ("pipeline-taken-back", "stage", &label)
    } else {
        label
    }
}

/// A take-back of a pipeline's last move as a form asks for it (`version`, `note`): an
/// introduction's, or a 1:1 meeting's ([`super::matchmaking`]).
pub(crate) fn pipeline_back(
    form: &FormData,
) -> Result<(i64, PipelineBack), baylink_store::StoreError> {
    let mut errors = Vec::new();
    let version = form.int::<i64>("version", &mut errors).unwrap_or(0);
    if !errors.is_empty() {
        return Err(baylink_store::StoreError::Invalid(errors));
    }
    let back = PipelineBack {
        note: form.get("note").to_owned(),
    };
    Ok((version, back))
}

/// A move along the cooperation pipeline as a form asks for it (`version`, `stage`,
/// `agreement_type`, `note`): an introduction's, or a 1:1 meeting's
/// ([`super::matchmaking`]).
pub(crate) fn pipeline_move(
    form: &FormData,
) -> Result<(i64, PipelineMove), baylink_store::StoreError> {
    let mut errors = Vec::new();
    let version = form.int::<i64>("version", &mut errors).unwrap_or(0);
    let Some(stage) = PipelineStage::parse(form.get("stage")) else {
        return Err(baylink_store::StoreError::invalid(
            "stage",
            "err-market-unknown-tag",
        ));
    };
    let agreement_type = match form.opt("agreement_type") {
        Some(code) => Some(AgreementType::parse(&code).ok_or_else(|| {
            baylink_store::StoreError::invalid("agreement_type", "err-market-unknown-tag")
        })?),
        None => None,
    };
    if !errors.is_empty() {
        return Err(baylink_store::StoreError::Invalid(errors));
    }
    let step = PipelineMove {
        stage,
        agreement_type,
        note: form.get("note").to_owned(),
    };
    Ok((version, step))
}

async fn move_stage(
    State(s): State<AppState>,
    c: Ctx,
    Path(raw): Path<String>,
    form: FormData,
) -> Result<Response, WebError> {
    shift_stage(s, c, raw, form, false).await
}

/// Either side, or staff, takes the introduction's last move back.
async fn take_back_stage(
    State(s): State<AppState>,
    c: Ctx,
    Path(raw): Path<String>,
    form: FormData,
) -> Result<Response, WebError> {
    shift_stage(s, c, raw, form, true).await
}

/// Moves the introduction along the pipeline as `form` asks, or takes its last move back
/// (`back`); a refusal shows the introduction again with the form's errors.
async fn shift_stage(
    s: AppState,
    c: Ctx,
    raw: String,
    form: FormData,
    back: bool,
) -> Result<Response, WebError> {
    let u = user(&c)?.clone();
    let iid = id(&raw)?;
    let now = baylink_store::sql::now();
    let result = async {
        if back {
            let (version, back) = pipeline_back(&form)?;
            s.store
                .take_back_pipeline(&u, iid, version, &back, now)
                .await
        } else {
            let (version, step) = pipeline_move(&form)?;
            s.store.move_pipeline(&u, iid, version, &step, now).await
        }
    }
    .await;
    match result {
        Ok(_) => Ok(see(c.href(&format!("/interests/{iid}")))),
        Err(e) => {
            let (errors, status) = form_errors(e)?;
            let f = FormState::with_errors(form, c.lang, &errors);
            introduction_page(&s, c, iid, f, status).await
        }
    }
}

/// Turns an introduction into a 1:1 meeting request at an event both are registered for.
async fn request_meeting(
    State(s): State<AppState>,
    c: Ctx,
    Path(raw): Path<String>,
    form: FormData,
) -> Result<Response, WebError> {
    let u = user(&c)?.clone();
    let iid = id(&raw)?;
    let i = s.store.get_interest(iid).await?;
    let p = s.store.get_posting(i.posting_id).await?;
    if !party_to(&u, &i, &p) || i.status != InterestStatus::Accepted {
        return Err(WebError::Forbidden);
    }
    let mut errors = Vec::new();
    let event_id = form.int::<i64>("event_id", &mut errors).unwrap_or(0);
    let author = match p.author_id {
        Some(a) => s.store.get_user(a).await?.email,
        None => return Err(WebError::Conflict("err-market-no-shared-event")),
    };
    let shared = s.store.shared_matchmaking(&i.from_email, &author).await?;
    let Some(&(eid, from_reg, to_reg)) = shared.iter().find(|(e, _, _)| *e == event_id) else {
        return Err(WebError::Conflict("err-market-no-shared-event"));
    };
    let mut draft = RequestInput {
        to_reg,
        message: i.message.clone(),
        priority: 2,
        session: None,
    }
    .validate(c.lang.script())
    .map_err(WebError::Invalid)?;
    // The meeting's outcome moves this introduction along.
    draft.interest_id = Some(i.id);
    s.store
        .request_meeting(eid, from_reg, &draft, baylink_store::sql::now())
        .await?;
    Ok(see(c.href(&format!("/interests/{iid}?meeting=1"))))
}

#[derive(Template)]
#[template(path = "market/mine.html")]
struct MinePage {
    c: Ctx,
    postings: Vec<Card>,
    /// The postings the reader saved (收藏), the last saved first.
    saved: Vec<Card>,
    sent: Vec<Interest>,
    received: Vec<Interest>,
    recommended: Vec<Shown>,
}

async fn mine(State(s): State<AppState>, c: Ctx) -> Result<Response, WebError> {
    let u = user(&c)?.clone();
    let mut postings = Vec::new();
    if let Some(org) = u.org_id {
        for status in [
            None,
            Some(PostingStatus::Pending),
            Some(PostingStatus::Returned),
        ] {
            let page = s
                .store
                .list_postings(&PostingFilter {
                    org_id: Some(org),
                    status,
                    today: today(),
                    limit: 200,
                    ..Default::default()
                })
                .await?;
            postings.extend(page.items);
        }
    }
    let interests = s.store.interests_of_user(&u).await?;
    let (sent, received): (Vec<Interest>, Vec<Interest>) =
        interests.into_iter().partition(|i| i.from_user_id == u.id);
    // Recommendations for the reader: counterparts of their organisation's live postings.
    let market = s.market.current(&s).await?;
    let ids: Vec<i64> = postings
        .iter()
        .filter(|p| market.recommender.contains(p.id))
        .map(|p| p.id)
        .collect();
    let now = baylink_store::sql::now();
    let mut recs: Vec<Recommendation> = market
        .recommender
        .recommend_many(&ids, now, 10)
        .into_iter()
        .map(|(_, r)| r)
        .collect();
    // An organisation with nothing posted yet: what it says of itself in the directory.
    if ids.is_empty()
        && let Some(org) = u.org_id
    {
        let o = s.store.get_organisation(org).await?;
        recs = directory_counterparts(&market, &o, now, 10);
    }
    let recommended = shown(&c, &market, recs);
    let postings = postings.into_iter().map(|p| card(&c, p)).collect();
    let saved = s
        .store
        .saved_postings(u.id)
        .await?
        .into_iter()
        .map(|p| card(&c, p))
        .collect();
    render(&MinePage {
        postings,
        saved,
        sent,
        received,
        recommended,
        c,
    })
}

#[derive(Template)]
#[template(path = "market/review.html")]
struct ReviewPage {
    c: Ctx,
    pending: Vec<Card>,
    expiring: Vec<Card>,
}

async fn review_queue(State(s): State<AppState>, c: Ctx) -> Result<Response, WebError> {
    let u = user(&c)?.clone();
    if !is_staff(&u) {
        return Err(WebError::Forbidden);
    }
    let pending = s
        .store
        .list_postings(&PostingFilter {
            status: Some(PostingStatus::Pending),
            today: today(),
            limit: 500,
            ..Default::default()
        })
        .await?
        .items;
    let until = day(baylink_store::sql::now() + 30 * 86_400);
    let expiring = s.store.expiring_postings(&today(), &until).await?;
    render(&ReviewPage {
        pending: pending.into_iter().map(|p| card(&c, p)).collect(),
        expiring: expiring.into_iter().map(|p| card(&c, p)).collect(),
        c,
    })
}

/// One row of the funnel: a group and its counts at each stage.
pub struct FunnelLine {
    pub label: String,
    pub interests: usize,
    pub introduced: usize,
    pub in_talks: usize,
    pub signed: usize,
    pub implemented: usize,
    pub closed: usize,
}

#[derive(Template)]
#[template(path = "market/funnel.html")]
struct FunnelPage {
    c: Ctx,
    total: FunnelLine,
    by_side: Vec<FunnelLine>,
    by_sector: Vec<FunnelLine>,
    by_event: Vec<FunnelLine>,
    /// The cooperations after 1:1 meetings not requested from an introduction, by event
    /// ([`baylink_store::MeetingCooperation`]).
    meetings: Vec<FunnelLine>,
    agreements: Vec<(String, usize)>,
}

fn line(label: String, rows: &[&baylink_store::FunnelRow]) -> FunnelLine {
    // Each introduction counts at every stage it has reached: "signed" includes the
    // implemented ones and those closed after signing (they keep their agreement type).
    let stage = |r: &&baylink_store::FunnelRow| r.stage.as_deref().and_then(PipelineStage::parse);
    let count = |f: &dyn Fn(Option<PipelineStage>, bool) -> bool| {
        rows.iter()
            .filter(|r| f(stage(r), r.agreement_type.is_some()))
            .count()
    };
    use PipelineStage::*;
    FunnelLine {
        label,
        interests: rows.len(),
        introduced: count(&|s, _| s.is_some()),
        in_talks: count(&|s, signed| matches!(s, Some(InTalks | Signed | Implemented)) || signed),
        signed: count(&|s, signed| matches!(s, Some(Signed | Implemented)) || signed),
        implemented: count(&|s, _| s == Some(Implemented)),
        closed: count(&|s, _| s == Some(Closed)),
    }
}

async fn funnel(State(s): State<AppState>, c: Ctx) -> Result<Response, WebError> {
    let u = user(&c)?.clone();
    if !is_staff(&u) {
        return Err(WebError::Forbidden);
    }
    let rows = s.store.funnel_rows().await?;
    let all: Vec<&baylink_store::FunnelRow> = rows.iter().collect();
    let total = line(c.t("funnel-total"), &all);
    // Per side: the side of the posting's organisation (Shenzhen, Hong Kong, Macao; the
    // rest together).
    let side_of = |r: Region| match r {
        Region::Shenzhen | Region::HongKong | Region::Macao => r.label_key(),
        _ => "funnel-elsewhere".to_owned(),
    };
    let mut sides: BTreeMap<String, Vec<&baylink_store::FunnelRow>> = BTreeMap::new();
    for r in &rows {
        sides.entry(side_of(r.posting_region)).or_default().push(r);
    }
    let by_side = sides.into_iter().map(|(k, v)| line(c.t(&k), &v)).collect();
    let mut by_sector = Vec::new();
    for sector in Sector::ALL {
        let v: Vec<&baylink_store::FunnelRow> = rows
            .iter()
            .filter(|r| r.sectors.contains(*sector))
            .collect();
        if !v.is_empty() {
            by_sector.push(line(c.t(&sector.label_key()), &v));
        }
    }
    let mut events: BTreeMap<i64, Vec<&baylink_store::FunnelRow>> = BTreeMap::new();
    for r in &rows {
        if let Some(e) = r.event_id {
            events.entry(e).or_default().push(r);
        }
    }
    let mut by_event = Vec::new();
    for (eid, v) in events {
        let e = s.store.get_event(eid).await?;
        by_event.push(line(c.name(&e.title, &e.title_script, &e.title_en), &v));
    }
    // After 1:1 meetings: the meeting was the introduction, and talks began when a side
    // said cooperation is possible.
    let coops = s.store.all_cooperations().await?;
    let mut coop_events: BTreeMap<i64, Vec<&baylink_store::MeetingCooperation>> = BTreeMap::new();
    for x in &coops {
        coop_events.entry(x.event_id).or_default().push(x);
    }
    let mut meetings = Vec::new();
    for (eid, v) in coop_events {
        let e = s.store.get_event(eid).await?;
        let count = |stage: PipelineStage| v.iter().filter(|x| x.stage() == Some(stage)).count();
        meetings.push(FunnelLine {
            label: c.name(&e.title, &e.title_script, &e.title_en),
            interests: v.len(),
            introduced: v.len(),
            in_talks: v.len(),
            signed: v.iter().filter(|x| x.agreement_type.is_some()).count(),
            implemented: count(PipelineStage::Implemented),
            closed: count(PipelineStage::Closed),
        });
    }
    let mut agreements: BTreeMap<String, usize> = BTreeMap::new();
    let signed = rows
        .iter()
        .map(|r| r.agreement_type.as_deref())
        .chain(coops.iter().map(|x| x.agreement_type.as_deref()));
    for a in signed.flatten().filter_map(AgreementType::parse) {
        *agreements.entry(c.t(&a.label_key())).or_default() += 1;
    }
    render(&FunnelPage {
        total,
        by_side,
        by_sector,
        by_event,
        meetings,
        agreements: agreements.into_iter().collect(),
        c,
    })
}

/// An owner attaches a file (multipart: `file`; the CSRF token is in the action URL).
async fn upload(
    State(s): State<AppState>,
    c: Ctx,
    Path(raw): Path<String>,
    mut multipart: axum::extract::Multipart,
) -> Result<Response, WebError> {
    let u = user(&c)?.clone();
    let pid = id(&raw)?;
    let (name, bytes) = super::read_upload(&mut multipart).await?;
    let result = async {
        let (name, content_type) = baylink_store::market::checked_attachment(&name, bytes.len())?;
        // Its words are read in the background (`s.documents`), once it is kept.
        let file = baylink_store::FileUpload {
            filename: &name,
            content_type,
            data: &bytes,
            words: None,
        };
        s.store
            .add_attachment(&u, pid, file, baylink_store::sql::now())
            .await
    }
    .await;
    match result {
        Ok(_) => {
            s.documents.wake();
            Ok(see(c.href(&format!("/postings/{pid}#attachments"))))
        }
        Err(e) => on_posting(&s, c, pid, FormData::default(), e).await,
    }
}

/// A posting's file, for whoever may read the posting.
async fn download(
    State(s): State<AppState>,
    c: Ctx,
    Path((raw, raw_aid)): Path<(String, String)>,
) -> Result<Response, WebError> {
    let p = s.store.get_posting(id(&raw)?).await?;
    let owner = c.auth.as_ref().is_some_and(|a| p.owned_by(&a.user));
    if p.status != PostingStatus::Published && !owner {
        return Err(WebError::NotFound);
    }
    let (a, data) = s.store.attachment_data(id(&raw_aid)?).await?;
    if a.posting_id != p.id {
        return Err(WebError::NotFound);
    }
    Ok(super::file_response(&a.filename, &a.content_type, data))
}

async fn delete_attachment(
    State(s): State<AppState>,
    c: Ctx,
    Path((raw, raw_aid)): Path<(String, String)>,
) -> Result<Response, WebError> {
    let u = user(&c)?.clone();
    let pid = id(&raw)?;
    let (a, _) = s.store.attachment_data(id(&raw_aid)?).await?;
    if a.posting_id != pid {
        return Err(WebError::NotFound);
    }
    s.store.delete_attachment(&u, a.id).await?;
    Ok(see(c.href(&format!("/postings/{pid}#attachments"))))
}

#[cfg(test)]
mod tests {
    use super::as_written;

    #[test]
    fn english_terms_are_said_as_written() {
        let text = "Low-altitude drones for AI inspection of IoT devices";
        let stem = |w: &str| {
            baylink_search::analyze(w)
                .into_iter()
                .next()
                .expect("a term")
                .0
        };
        // The analysis stems "altitude"; the reader sees the word, not the stem.
        assert_ne!(stem("altitude"), "altitude");
        assert_eq!(
            as_written(&stem("altitude"), text).as_deref(),
            Some("altitude")
        );
        assert_eq!(as_written(&stem("drones"), text).as_deref(), Some("drones"));
        assert_eq!(as_written(&stem("AI"), text).as_deref(), Some("AI"));
        assert_eq!(as_written(&stem("IoT"), text).as_deref(), Some("IoT"));
        // "low-altitude" is analysed to "low", "altitud" and "low-altitud".
        let hyphenated = baylink_search::analyze("low-altitude")
            .into_iter()
            .find(|(t, _)| t.contains('-'))
            .expect("the compound")
            .0;
        assert_eq!(
            as_written(&hyphenated, text).as_deref(),
            Some("low-altitude")
        );
        // Chinese terms are left to the reader's script; absent terms have no form.
        assert_eq!(as_written("人工智能", "人工智能 AI"), None);
        assert_eq!(as_written("robot", text), None);
    }
}
