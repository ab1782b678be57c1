//! The search page: one box on every page, results grouped by kind, each in the reader's
//! script with the matched words marked, and filters by kind, region, year and field.

use std::collections::HashMap;

use askama::Template;
use axum::Router;
use axum::extract::{Query, State};
use axum::response::Response;
use axum::routing::get;
use baylink_search::{Hit, SearchQuery};

use super::{Ctx, escape_html, render};
use crate::AppState;
use crate::api::{param, parsed};
use crate::error::WebError;

pub fn router() -> Router<AppState> {
    Router::new().route("/search", get(search_page))
}

/// The kinds, in the order their groups appear.
pub const KINDS: [&str; 6] = [
    "event",
    "item",
    "organisation",
    "person",
    "posting",
    "publication",
];
/// The fields of the regional-terms table, as filters.
pub const FIELDS: [&str; 8] = ["it", "ai", "comms", "semi", "bio", "finance", "edu", "gov"];
const REGIONS: [&str; 5] = ["shenzhen", "hong_kong", "macao", "mainland", "overseas"];

/// A search from query parameters (`q`, `kind`, `region`, `year`, `field`, and `all` for
/// every word). Unknown
/// filter values match nothing rather than failing: a search never shows an error page.
pub fn query_from(q: &HashMap<String, String>, limit: usize) -> SearchQuery {
    let pick = |k: &str| Some(param(q, k).to_owned()).filter(|v| !v.is_empty());
    SearchQuery {
        text: q.get("q").cloned().unwrap_or_default(),
        kind: pick("kind"),
        region: pick("region"),
        year: parsed(q, "year").ok().flatten(),
        field: pick("field"),
        limit,
        // Postings past their last day stay in the index until written again.
        live_on: Some(super::events::today()),
        all_words: matches!(param(q, "all"), "1" | "true"),
        ..Default::default()
    }
}

/// One result as shown: title and snippet already converted and marked (HTML).
pub struct Shown {
    pub title_html: String,
    pub extra_html: String,
    pub snippet_html: String,
    pub href: String,
    /// None of the query's words is in what the hit shows: they are further in its text
    /// or in its files' words, which are searched but not kept with the hit (see
    /// `baylink_search::STORED_BODY_CHARS`).
    pub found_further: bool,
}

pub struct Group {
    pub kind: &'static str,
    pub hits: Vec<Shown>,
}

/// `text` as HTML with the words that match `query` marked.
pub fn marked(text: &str, query: &str) -> String {
    let mut html = String::with_capacity(text.len() + 32);
    let mut at = 0;
    for r in baylink_search::highlights(text, query) {
        html.push_str(&escape_html(&text[at..r.start]));
        html.push_str("<mark>");
        html.push_str(&escape_html(&text[r.clone()]));
        html.push_str("</mark>");
        at = r.end;
    }
    html.push_str(&escape_html(&text[at..]));
    html
}

/// About `width` characters of `text` around its first match.
pub(crate) fn snippet(text: &str, query: &str, width: usize) -> String {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    if chars.len() <= width {
        return text.to_owned();
    }
    let first = baylink_search::highlights(text, query)
        .first()
        .map(|r| r.start)
        .unwrap_or(0);
    let centre = chars.iter().position(|(b, _)| *b >= first).unwrap_or(0);
    let start = centre.saturating_sub(width / 3).min(chars.len() - width);
    let from = chars[start].0;
    let to = chars.get(start + width).map_or(text.len(), |(b, _)| *b);
    excerpt(text, from, to)
}

/// `text[from..to]`, with "…" on each side where it was cut.
fn excerpt(text: &str, from: usize, to: usize) -> String {
    let mut out = String::with_capacity(to - from + 6);
    if from > 0 {
        out.push('…');
    }
    out.push_str(&text[from..to]);
    if to < text.len() {
        out.push('…');
    }
    out
}

/// Whether `d` is a publication or a posting none of whose query words is in what the hit
/// keeps: they are further in its text, or in its files' words (searched, not kept; see
/// `baylink_search::STORED_BODY_CHARS`).
pub(crate) fn found_further(d: &baylink_search::Document, query: &str) -> bool {
    matches!(d.kind.as_str(), "publication" | "posting")
        && [
            Some(&d.title),
            d.title_en.as_ref(),
            d.extra.as_ref(),
            d.body.as_ref(),
        ]
        .into_iter()
        .flatten()
        .all(|kept| baylink_search::highlights(kept, query).is_empty())
}

/// At most this many hits a page have their passage read from the store.
const PASSAGES_PER_PAGE: usize = 3;

/// The hits [`found_further`] (by kind and id), each decided once, and for the first few
/// the passage of their whole body (their search record, read again from the store)
/// where the query's words first occur, as written, cut with "…".
pub(crate) type Further = HashMap<(String, i64), Option<String>>;

/// [`Further`] for these hits. Finding a passage folds the whole body (a publication's
/// files may run to 300,000 characters each), so it runs off the async runtime; a hit
/// whose passage cannot be read is shown without it.
pub(crate) async fn passages(
    store: &dyn baylink_store::Store,
    hits: &[Hit],
    query: &str,
) -> Further {
    let mut out: Further = hits
        .iter()
        .filter(|h| found_further(&h.doc, query))
        .map(|h| ((h.doc.kind.clone(), h.doc.id), None))
        .collect();
    let first: Vec<&Hit> = hits
        .iter()
        .filter(|h| out.contains_key(&(h.doc.kind.clone(), h.doc.id)))
        .take(PASSAGES_PER_PAGE)
        .collect();
    for hit in first {
        let d = &hit.doc;
        let body = match store.search_records(&d.kind, &[d.id]).await {
            Ok(records) => records.into_iter().next().and_then(|r| r.body),
            Err(e) => {
                tracing::warn!(error = %e, kind = %d.kind, id = d.id, "a hit's passage could not be read");
                None
            }
        };
        let Some(body) = body else { continue };
        let q = query.to_owned();
        let found = tokio::task::spawn_blocking(move || {
            baylink_search::first_occurrence(&body, &q).map(|at| window(&body, at, 60, 240))
        })
        .await;
        if let Ok(Some(passage)) = found {
            out.insert((d.kind.clone(), d.id), Some(passage));
        }
    }
    out
}

/// About `before` characters before byte `at` of `text` and `after` from it, with "…"
/// where cut.
fn window(text: &str, at: usize, before: usize, after: usize) -> String {
    let head: Vec<(usize, char)> = text[..at].char_indices().collect();
    let from = head.len().checked_sub(before).map_or(0, |i| head[i].0);
    let to = text[at..]
        .char_indices()
        .nth(after)
        .map_or(text.len(), |(b, _)| at + b);
    excerpt(text, from, to)
}

/// A hit as shown: `further` is its entry in `Further`, if any; its snippet is taken
/// from the passage when one was read for it.
pub fn show(c: &Ctx, hit: &Hit, query: &str, further: Option<&Option<String>>) -> Shown {
    let passage = further.and_then(Option::as_deref);
    let d = &hit.doc;
    let title = c.name(&d.title, &d.title_script, &d.title_en);
    let extra = d
        .extra
        .as_deref()
        .map(|e| c.text(e, &d.title_script))
        .unwrap_or_default();
    let body = passage
        .or(d.body.as_deref())
        .map(|b| {
            let from =
                baylink_text::Script::parse(&d.body_script).unwrap_or(baylink_text::Script::Hant);
            baylink_text::display_text(b, from, c.lang.script(), c.terms).into_owned()
        })
        .unwrap_or_default();
    Shown {
        title_html: marked(&title, query),
        extra_html: marked(&extra, query),
        snippet_html: marked(&snippet(&body, query, 120), query),
        href: c.href(&d.path),
        found_further: further.is_some(),
    }
}

/// Hits grouped by kind, groups in [`KINDS`] order.
pub fn grouped(c: &Ctx, hits: &[Hit], query: &str, further: &Further) -> Vec<Group> {
    KINDS
        .iter()
        .filter_map(|kind| {
            let shown: Vec<Shown> = hits
                .iter()
                .filter(|h| h.doc.kind == *kind)
                .map(|h| show(c, h, query, further.get(&(h.doc.kind.clone(), h.doc.id))))
                .collect();
            (!shown.is_empty()).then_some(Group { kind, hits: shown })
        })
        .collect()
}

#[derive(Template)]
#[template(path = "search/results.html")]
struct SearchPage {
    c: Ctx,
    q: String,
    kind: String,
    region: String,
    year: String,
    field: String,
    /// Every word must match (`all=1`), as an alert's do.
    all: bool,
    groups: Vec<Group>,
    total: usize,
    kinds: Vec<(&'static str, String)>,
    regions: Vec<(&'static str, String)>,
    fields: Vec<(&'static str, String)>,
    /// Words up to this long may be kept as an alert of new postings.
    alert_words_max: usize,
    /// For a reader not signed in: the sign-in page, which comes back to this search.
    sign_in: String,
}

async fn search_page(
    State(s): State<AppState>,
    c: Ctx,
    Query(q): Query<HashMap<String, String>>,
) -> Result<Response, WebError> {
    let query = query_from(&q, 100);
    let hits = s
        .search
        .search(&query)
        .map_err(|e| WebError::Internal(e.to_string()))?;
    let kinds = KINDS
        .iter()
        .map(|k| (*k, c.t(&format!("search-kind-{k}"))))
        .collect();
    let regions = REGIONS
        .iter()
        .map(|r| (*r, c.t(&format!("region-{}", r.replace('_', "-")))))
        .collect();
    let fields = FIELDS
        .iter()
        .map(|f| (*f, c.t(&format!("search-field-{f}"))))
        .collect();
    let further = passages(s.store.as_ref(), &hits, &query.text).await;
    let this_search = format!(
        "{}?{}",
        c.href("/search"),
        serde_urlencoded::to_string(
            ["q", "kind", "region", "year", "field", "all"]
                .iter()
                .filter_map(|k| Some((*k, q.get(*k).filter(|v| !v.is_empty())?.as_str())))
                .collect::<Vec<_>>()
        )
        .unwrap_or_default()
    );
    let sign_in = format!(
        "{}?{}",
        c.href("/login"),
        serde_urlencoded::to_string([("next", this_search.as_str())]).unwrap_or_default()
    );
    render(&SearchPage {
        groups: grouped(&c, &hits, &query.text, &further),
        total: hits.len(),
        q: query
            .text
            .chars()
            .take(baylink_search::MAX_QUERY_CHARS)
            .collect(),
        kind: query.kind.unwrap_or_default(),
        region: query.region.unwrap_or_default(),
        year: query.year.map(|y| y.to_string()).unwrap_or_default(),
        field: query.field.unwrap_or_default(),
        all: query.all_words,
        kinds,
        regions,
        fields,
        alert_words_max: super::alerts::MAX_ALERT_WORDS,
        sign_in,
        c,
    })
}
