//! `GET /api/v1/search`: the search the pages use, as JSON. Texts come back as stored, with
//! their scripts, like everywhere in the API; `highlights` gives the byte ranges of the
//! title and snippet that matched, so a client can mark them after its own conversion or
//! as they are.

use std::collections::HashMap;

use axum::extract::{Query, State};
use axum::routing::get;
use axum::{Json, Router};
use serde::Serialize;
use utoipa::ToSchema;

use crate::AppState;
use crate::error::WebError;
use crate::views::search::{passages, query_from, snippet};

pub fn router() -> Router<AppState> {
    Router::new().route("/api/v1/search", get(search))
}

/// One hit.
#[derive(Debug, Serialize, ToSchema)]
pub struct SearchHit {
    /// `event`, `item`, `organisation`, `person`, `posting` or `publication`.
    pub kind: String,
    pub id: i64,
    pub title: String,
    pub title_script: String,
    pub title_en: Option<String>,
    /// About 200 characters of the running text, as stored, around its first match ("…"
    /// where cut). When the words matched are further on (in a long text, or in a
    /// publication's or a posting's files), which `found_further` then says, the passage
    /// where they first occur, for the first three such hits; the text's start for others.
    pub snippet: Option<String>,
    pub snippet_script: String,
    /// Byte ranges of `title` that matched the query.
    pub title_highlights: Vec<[usize; 2]>,
    /// Byte ranges of `snippet` that matched the query.
    pub snippet_highlights: Vec<[usize; 2]>,
    /// A publication or posting none of whose query words is in what the hit keeps (its
    /// title and the start of its text): they were found further in its text or in its
    /// files' words.
    pub found_further: bool,
    pub region: Option<String>,
    pub year: Option<i64>,
    /// The page, under a locale prefix (`/zh-Hant` + path).
    pub path: String,
    pub score: f32,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct SearchResponse {
    /// The query as searched (cut at 200 characters).
    pub query: String,
    pub hits: Vec<SearchHit>,
}

/// Searches everything, in any script or in English. Operators are not interpreted: the
/// query is text. Unknown filter values match nothing.
#[utoipa::path(get, path = "/api/v1/search", tag = "search",
    params(
        ("q" = String, Query, description = "Text, in any script or English"),
        ("kind" = Option<String>, Query, description = "event, item, organisation, person, posting, publication"),
        ("region" = Option<String>, Query, description = "Region code"),
        ("year" = Option<i64>, Query, description = "Year (events and programme items)"),
        ("field" = Option<String>, Query, description = "it, ai, comms, semi, bio, finance, edu, gov"),
        ("all" = Option<bool>, Query, description = "true: every word (as separated by blanks) must match, each in any of its forms; by default any word will do"),
        ("limit" = Option<usize>, Query, description = "At most 200 (default 20)"),
    ),
    responses((status = 200, body = SearchResponse)))]
pub async fn search(
    State(s): State<AppState>,
    Query(q): Query<HashMap<String, String>>,
) -> Result<Json<SearchResponse>, WebError> {
    let limit = crate::api::parsed::<usize>(&q, "limit")?.unwrap_or(20);
    let query = query_from(&q, limit);
    let hits = s
        .search
        .search(&query)
        .map_err(|e| WebError::Internal(e.to_string()))?;
    let text: String = query
        .text
        .chars()
        .take(baylink_search::MAX_QUERY_CHARS)
        .collect();
    let mut further = passages(s.store.as_ref(), &hits, &text).await;
    let hits = hits
        .into_iter()
        .map(|h| {
            let found = further.remove(&(h.doc.kind.clone(), h.doc.id));
            let found_further = found.is_some();
            let passage = found.flatten();
            let d = h.doc;
            let ranges = |s: &str| -> Vec<[usize; 2]> {
                baylink_search::highlights(s, &text)
                    .into_iter()
                    .map(|r| [r.start, r.end])
                    .collect()
            };
            let title_highlights = ranges(&d.title);
            let snippet = passage.or(d.body).map(|b| snippet(&b, &text, 200));
            let snippet_highlights = snippet.as_deref().map(ranges).unwrap_or_default();
            SearchHit {
                kind: d.kind,
                id: d.id,
                title_highlights,
                title: d.title,
                title_script: d.title_script,
                title_en: d.title_en,
                snippet,
                snippet_script: d.body_script,
                snippet_highlights,
                found_further,
                region: d.region,
                year: d.year,
                path: d.path,
                score: h.score,
            }
        })
        .collect();
    Ok(Json(SearchResponse { query: text, hits }))
}
