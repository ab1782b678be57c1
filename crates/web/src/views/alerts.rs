//! Alerts of new postings (供需訂閱): a signed-in reader keeps a filter of the postings list
//! ("offers of technology in ICT from Hong Kong") and is mailed, daily or weekly, what was
//! published since the last mail that matches it, each posting in the reader's script.
//! Peers' 供需對接 platforms push new postings so; without it, a member had to come back
//! and look. Each mail carries a link that stops its alert without signing in.
//!
//! A reader may also keep the words of a search ("鋰電池"), and a representative the new
//! counterparts of their organisation's postings.
//!
//! The store keeps the filters as the list's query string (the words too, encoded);
//! [`sweep`] looks at the alerts due and queues a mail only where something new matches,
//! one node per alert. Words need the search index and counterparts the recommender,
//! which a web node holds: [`searches`] and [`counterparts`] look at those.

use std::collections::HashMap;

use askama::Template;
use axum::Router;
use axum::extract::{Path, State};
use axum::response::Response;
use axum::routing::{get, post};
use baylink_store::market::{
    AlertFrequency, CoopMode, PostingAlert, PostingFilter, PostingKind, PostingSide, Sector, Stage,
};
use baylink_store::{OrgType, Region, Store};

use super::{Ctx, FormData, private, render, see};
use crate::AppState;
use crate::api::path_id as id;
use crate::error::WebError;
use crate::i18n::Locale;

/// The list's filters an alert keeps: an organisation's too, to follow what it posts (not
/// an event's, whose page shows them).
pub const ALERT_FILTERS: [&str; 8] = [
    "side", "kind", "sector", "region", "stage", "mode", "org_type", "org",
];

/// The most characters of words an alert keeps (`q`, from the search page).
pub const MAX_ALERT_WORDS: usize = 100;

/// The most postings one mail lists; the rest are behind the list's link.
pub const MAIL_POSTINGS: i64 = 20;

/// The most postings a web node keeps with an alert's mail ([`counterparts`],
/// [`searches`]): its first [`MAIL_POSTINGS`] still live are listed, and the rest counted.
pub const FOUND_KEPT: usize = 100;

/// The filters of the alert of new counterparts of a representative's organisation: the
/// postings the recommender finds for what it offers and needs, not a filter of the list.
pub const COUNTERPARTS: &str = "counterparts";

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/account/alerts", get(list).post(save))
        .route("/account/alerts/{id}/delete", post(delete))
        .route("/alerts/{token}", get(stop_form).post(stop))
}

/// The alert's filters as kept: the known keys with a known code, in the list's order,
/// then the search's field (with words only) and words (`q`, white space folded, at most
/// [`MAX_ALERT_WORDS`]), as a
/// query string (`side=offer&sector=ict&q=%E9%9B%BB%E6%B1%A0`); else the error code: a
/// value that is no known code (`err-bad-query`), or words too long
/// (`err-alert-words-too-long`).
pub fn canonical(q: &HashMap<String, String>) -> Result<String, &'static str> {
    let known = |key: &str, v: &str| match key {
        "side" => PostingSide::parse(v).is_some(),
        "kind" => PostingKind::parse(v).is_some(),
        "sector" => Sector::parse(v).is_some(),
        "region" => Region::parse(v).is_some(),
        "stage" => Stage::parse(v).is_some(),
        "mode" => CoopMode::parse(v).is_some(),
        "org_type" => OrgType::parse(v).is_some(),
        "org" => v.parse::<i64>().is_ok_and(|id| id > 0),
        _ => false,
    };
    let mut parts = Vec::new();
    for key in ALERT_FILTERS {
        match q.get(key).map(|v| v.trim()).filter(|v| !v.is_empty()) {
            Some(v) if known(key, v) => parts.push(format!("{key}={v}")),
            Some(_) => return Err("err-bad-query"),
            None => {}
        }
    }
    let words = q
        .get("q")
        .map(|v| v.split_whitespace().collect::<Vec<_>>().join(" "))
        .unwrap_or_default();
    if words.chars().count() > MAX_ALERT_WORDS {
        return Err("err-alert-words-too-long");
    }
    // The search's field (of the regional-terms table) is kept with its words, which
    // the search index reads; the postings list has no such filter.
    match q.get("field").map(|v| v.trim()).filter(|v| !v.is_empty()) {
        Some(f) if !words.is_empty() && super::search::FIELDS.contains(&f) => {
            parts.push(format!("field={f}"));
        }
        Some(_) => return Err("err-bad-query"),
        None => {}
    }
    if !words.is_empty() {
        parts.push(
            serde_urlencoded::to_string([("q", words.as_str())]).map_err(|_| "err-bad-query")?,
        );
    }
    Ok(parts.join("&"))
}

/// The words an alert looks for in new postings (from the search page), if any.
pub fn words(alert: &PostingAlert) -> Option<String> {
    filters_of(alert).remove("q").filter(|w| !w.is_empty())
}

/// Where the account's alerts page links an alert, under the reader's language: the
/// search for its words, the organisation's market page for new counterparts, else the
/// postings list with its filters.
pub fn page_of(alert: &PostingAlert) -> String {
    if alert.filters == COUNTERPARTS {
        return "/postings/mine".to_owned();
    }
    let filters = filters_of(alert);
    match filters.get("q") {
        Some(words) => {
            // Every word, as the alert reads them.
            let mut query = vec![("q", words.as_str()), ("kind", "posting"), ("all", "1")];
            for key in ["region", "field"] {
                if let Some(value) = filters.get(key) {
                    query.push((key, value));
                }
            }
            format!(
                "/search?{}",
                serde_urlencoded::to_string(query).unwrap_or_default()
            )
        }
        None => format!("/postings?{}", alert.filters),
    }
}

/// Whether the alert is looked at by a web node, which holds the recommender and the
/// search index ([`counterparts`], [`searches`]), rather than by the store's [`sweep`].
fn on_web_node(alert: &PostingAlert) -> bool {
    alert.filters == COUNTERPARTS || words(alert).is_some()
}

/// One posting as an alert's mail lists it: its title and organisation in the reader's
/// script, what it is, and its page under `site` (the site with the reader's language).
pub fn posting_line(lang: Locale, p: &baylink_store::Posting, site: &str) -> String {
    format!(
        "• {} — {} ({} · {})\n  {site}/postings/{}",
        lang.text(&p.title, &p.script),
        lang.name(&p.org_name, &p.org_name_script, p.org_name_en.as_deref()),
        lang.t(&p.side.label_key()),
        lang.t(&p.kind.label_key()),
        p.id
    )
}

/// The filters of a kept alert, as the list reads them.
pub fn filters_of(alert: &PostingAlert) -> HashMap<String, String> {
    serde_urlencoded::from_str::<Vec<(String, String)>>(&alert.filters)
        .unwrap_or_default()
        .into_iter()
        .collect()
}

/// The postings list's filter for an alert's news: published after `since`, up to `until`.
pub fn news_filter(
    alert: &PostingAlert,
    since: i64,
    until: i64,
    limit: i64,
) -> Option<PostingFilter> {
    let mut filter = super::market::posting_filter(&filters_of(alert), limit, 0)?;
    filter.published_since = Some(since);
    filter.published_until = Some(until);
    Some(filter)
}

/// An alert's filters in words, in `lang` ("HKITF · 供應 · 資訊科技"); all postings when none.
/// The organisation it follows is named as the reader sees its name.
pub async fn describe(store: &dyn Store, lang: Locale, alert: &PostingAlert) -> String {
    if alert.filters == COUNTERPARTS {
        return lang.t("alert-counterparts");
    }
    let q = filters_of(alert);
    let org = match q.get("org").and_then(|v| v.parse::<i64>().ok()) {
        Some(id) => match store.get_organisation(id).await {
            Ok(o) => Some(lang.name(&o.name, &o.name_script, o.name_en.as_deref())),
            Err(_) => None,
        },
        None => None,
    };
    let label = |key: &str, v: &str| -> Option<String> {
        let key = match key {
            "side" => PostingSide::parse(v)?.label_key(),
            "kind" => PostingKind::parse(v)?.label_key(),
            "sector" => Sector::parse(v)?.label_key(),
            "region" => Region::parse(v)?.label_key(),
            "stage" => Stage::parse(v)?.label_key(),
            "mode" => CoopMode::parse(v)?.label_key(),
            "org_type" => OrgType::parse(v)?.label_key(),
            _ => return None,
        };
        Some(lang.t(&key))
    };
    let searched = q
        .get("q")
        .filter(|w| !w.is_empty())
        .map(|w| lang.t_args("alert-words", &[("words", w.clone().into())]));
    let words: Vec<String> = searched
        .into_iter()
        .chain(org)
        .chain(ALERT_FILTERS.iter().filter_map(|k| label(k, q.get(*k)?)))
        .chain(
            q.get("field")
                .filter(|f| super::search::FIELDS.contains(&f.as_str()))
                .map(|f| lang.t(&format!("search-field-{f}"))),
        )
        .collect();
    if words.is_empty() {
        lang.t("alert-all-postings")
    } else {
        words.join(" · ")
    }
}

/// Looks at the alerts due at `now` and queues a mail for each with news; returns how
/// many were queued. Several nodes sweeping at once look at each alert once.
pub async fn sweep(store: &dyn Store, now: i64) -> Result<usize, baylink_store::StoreError> {
    let mut queued = 0;
    for alert in store.due_posting_alerts(now, 200).await? {
        // Counterparts need the recommender, and words the search index, which a web
        // node has ([`counterparts`], [`searches`]).
        if on_web_node(&alert) {
            continue;
        }
        let news = match news_filter(&alert, alert.checked_at, now, 1) {
            Some(filter) => store.list_postings(&filter).await?.total > 0,
            None => false,
        };
        if store
            .look_at_posting_alert(alert.id, alert.checked_at, now, news)
            .await?
            && news
        {
            queued += 1;
        }
    }
    Ok(queued)
}

/// Looks at the alerts of new counterparts due at `now`: for each representative, the
/// postings the recommender finds for their organisation's live postings that were
/// published since the last look; where there are any, a mail listing them (`alert_postings`:
/// the postings are found now, since only a web node has the recommender, and the mail is
/// written when sent, in the reader's language, without any withdrawn or expired since).
/// Returns how many mails were queued; several nodes look at each alert once.
pub async fn counterparts(s: &AppState, now: i64) -> Result<usize, WebError> {
    let due: Vec<PostingAlert> = s
        .store
        .due_posting_alerts(now, 200)
        .await?
        .into_iter()
        .filter(|a| a.filters == COUNTERPARTS)
        .collect();
    if due.is_empty() {
        return Ok(0);
    }
    let market = s.market.current(s).await?;
    let mut queued = 0;
    for alert in due {
        let user = s.store.get_user(alert.user_id).await?;
        let Some(org_id) = user.org_id else {
            s.store
                .look_at_posting_alert(alert.id, alert.checked_at, now, false)
                .await?;
            continue;
        };
        let own: Vec<i64> = market
            .postings
            .values()
            .filter(|p| p.org_id == org_id)
            .map(|p| p.id)
            .collect();
        let mut found: Vec<&baylink_store::Posting> = Vec::new();
        for (_, r) in market.recommender.recommend_many(&own, now, 50) {
            if let Some(p) = market.postings.get(&r.posting_id)
                && p.org_id != org_id
                && p.published_at
                    .is_some_and(|at| at > alert.checked_at && at <= now)
                && !found.iter().any(|f| f.id == p.id)
            {
                found.push(p);
            }
        }
        if found.is_empty() {
            s.store
                .look_at_posting_alert(alert.id, alert.checked_at, now, false)
                .await?;
            continue;
        }
        found.truncate(FOUND_KEPT);
        let ids: Vec<i64> = found.iter().map(|p| p.id).collect();
        if s.store
            .look_at_alert_with_postings(alert.id, alert.checked_at, now, &ids)
            .await?
        {
            queued += 1;
        }
    }
    Ok(queued)
}

/// How far behind now a look at an alert's words ends: well past the longest the search
/// index waits for a write still being committed ([`baylink_search::sync::GAP_PATIENCE`]).
pub const INDEX_SETTLE_SECONDS: i64 = 120;

/// Looks at the alerts with words (from the search page) due at `now`: the postings
/// published since the last look that match the alert's filters and have every word the
/// reader typed, each in any of its forms (a compound or its parts, any script, any
/// region's term), best first, as the index finds them among those postings alone; where
/// there are any, a mail listing them (written when sent, as [`counterparts`]'s). Returns
/// how many mails were queued; several nodes look at each alert once. (The search page
/// ranks what has any of the words; an alert mails what has them all, so that "電池 回收"
/// brings news of battery recycling, not of every battery.)
pub async fn searches(s: &AppState, now: i64) -> Result<usize, WebError> {
    let due: Vec<PostingAlert> = s
        .store
        .due_posting_alerts(now, 200)
        .await?
        .into_iter()
        .filter(|a| a.filters != COUNTERPARTS && words(a).is_some())
        .collect();
    if due.is_empty() {
        return Ok(0);
    }
    // What was published up to the look must be in this node's index: the look ends a
    // little before now, past the longest wait of the index for a write still being
    // committed, and the next look starts there, so nothing falls between two looks.
    s.search
        .catch_up()
        .await
        .map_err(|e| WebError::Internal(e.to_string()))?;
    let until = now - INDEX_SETTLE_SECONDS;
    let mut queued = 0;
    for alert in due {
        // The new postings that match the alert's filters, a page of the list at a time.
        let mut new = std::collections::HashSet::new();
        if let Some(mut filter) = news_filter(&alert, alert.checked_at, until, 500) {
            loop {
                let page = s.store.list_postings(&filter).await?;
                let last = (page.items.len() as i64) < filter.limit;
                new.extend(page.items.into_iter().map(|p| p.id));
                if last || new.len() >= 5_000 {
                    break;
                }
                filter.offset += filter.limit;
            }
        }
        let mut found: Vec<i64> = Vec::new();
        if !new.is_empty() {
            // Among the new postings alone, those with every word the reader typed.
            let query = baylink_search::SearchQuery {
                text: words(&alert).unwrap_or_default(),
                kind: Some("posting".to_owned()),
                live_on: Some(super::events::today()),
                limit: FOUND_KEPT,
                all_words: true,
                field: filters_of(&alert).remove("field"),
                within: Some(new.iter().map(|id| ("posting".to_owned(), *id)).collect()),
                ..Default::default()
            };
            let hits = s
                .search
                .search(&query)
                .map_err(|e| WebError::Internal(e.to_string()))?;
            for h in hits {
                if h.doc.kind == "posting" && new.contains(&h.doc.id) && !found.contains(&h.doc.id)
                {
                    found.push(h.doc.id);
                }
            }
        }
        found.truncate(FOUND_KEPT);
        let took = if found.is_empty() {
            s.store
                .look_at_posting_alert(alert.id, alert.checked_at, until, false)
                .await?;
            false
        } else {
            s.store
                .look_at_alert_with_postings(alert.id, alert.checked_at, until, &found)
                .await?
        };
        if took {
            queued += 1;
        }
    }
    Ok(queued)
}

/// Runs [`counterparts`] and [`searches`] now and then every `every`, on a web node,
/// until dropped.
pub async fn run_on_web_node(s: AppState, every: std::time::Duration) {
    loop {
        let now = baylink_store::sql::now();
        match counterparts(&s, now).await {
            Ok(0) => {}
            Ok(n) => tracing::info!(queued = n, "alerts of new counterparts queued"),
            Err(e) => tracing::error!(error = %e, "alerts of new counterparts"),
        }
        match searches(&s, now).await {
            Ok(0) => {}
            Ok(n) => tracing::info!(queued = n, "alerts of searched words queued"),
            Err(e) => tracing::error!(error = %e, "alerts of searched words"),
        }
        tokio::time::sleep(every).await;
    }
}

#[derive(Template)]
#[template(path = "account/alerts.html")]
struct AlertsPage {
    c: Ctx,
    /// Each alert with its filters in words and the page it looks at ([`page_of`]).
    alerts: Vec<(PostingAlert, String, String)>,
}

async fn list(State(s): State<AppState>, c: Ctx) -> Result<Response, WebError> {
    let user = c.auth.as_ref().ok_or(WebError::Unauthorized)?.user.clone();
    let mut alerts = Vec::new();
    for a in s.store.posting_alerts(user.id).await? {
        let words = describe(s.store.as_ref(), c.lang, &a).await;
        let page = c.href(&page_of(&a));
        alerts.push((a, words, page));
    }
    render(&AlertsPage { c, alerts }).map(private)
}

/// Keeps the list's filters the form sends as an alert, then shows the account's alerts.
async fn save(State(s): State<AppState>, c: Ctx, form: FormData) -> Result<Response, WebError> {
    let user = c.auth.as_ref().ok_or(WebError::Unauthorized)?.user.clone();
    let filters = if form.get("counterparts").is_empty() {
        let q: HashMap<String, String> = ALERT_FILTERS
            .iter()
            .chain(&["q", "field"])
            .map(|k| ((*k).to_owned(), form.get(k).to_owned()))
            .collect();
        canonical(&q).map_err(WebError::BadRequest)?
    } else {
        // Counterparts of an organisation's postings: its representatives'.
        user.org_id.ok_or(WebError::Forbidden)?;
        COUNTERPARTS.to_owned()
    };
    let frequency = AlertFrequency::parse(form.get("frequency")).unwrap_or(AlertFrequency::Weekly);
    s.store
        .save_posting_alert(
            user.id,
            &filters,
            frequency,
            &crate::auth::random_token(),
            baylink_store::sql::now(),
        )
        .await?;
    Ok(see(c.href("/account/alerts")))
}

async fn delete(
    State(s): State<AppState>,
    c: Ctx,
    Path(raw): Path<String>,
) -> Result<Response, WebError> {
    let user = c.auth.as_ref().ok_or(WebError::Unauthorized)?.user.clone();
    s.store.delete_posting_alert(user.id, id(&raw)?).await?;
    Ok(see(c.href("/account/alerts")))
}

#[derive(Template)]
#[template(path = "account/alert_stop.html")]
struct StopPage {
    c: Ctx,
    /// The alert's filters in words, or none once stopped.
    words: Option<String>,
    token: String,
}

/// The page a mail's stop link opens: what the alert is, and a button that stops it (a
/// link alone must not, since mail scanners open links).
async fn stop_form(
    State(s): State<AppState>,
    c: Ctx,
    Path(token): Path<String>,
) -> Result<Response, WebError> {
    let alert = s.store.posting_alert_by_token(&token).await?;
    let words = Some(describe(s.store.as_ref(), c.lang, &alert).await);
    render(&StopPage { c, words, token }).map(private)
}

async fn stop(
    State(s): State<AppState>,
    c: Ctx,
    Path(token): Path<String>,
) -> Result<Response, WebError> {
    let alert = s.store.posting_alert_by_token(&token).await?;
    s.store
        .delete_posting_alert(alert.user_id, alert.id)
        .await?;
    render(&StopPage {
        c,
        words: None,
        token,
    })
    .map(private)
}
