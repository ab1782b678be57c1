//! `GET /api/v1/postings`, `GET /api/v1/postings/{id}` and
//! `GET /api/v1/postings/{id}/recommendations`: supply and demand as JSON. Texts come back
//! as stored, with their script; contacts never (they belong inside an introduction).

use std::collections::HashMap;

use axum::extract::{Path, Query, State};
use axum::routing::get;
use axum::{Json, Router};
use baylink_market::Profile;
use baylink_store::market::PostingStatus;
use baylink_store::{CoopMode, Page, Posting, Sector};
use serde::Serialize;
use utoipa::ToSchema;

use crate::AppState;
use crate::api::path_id;
use crate::auth::MaybeAuth;
use crate::error::WebError;
use axum::http::StatusCode;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/api/v1/postings", get(list_postings))
        .route("/api/v1/postings/{id}", get(get_posting))
        .route(
            "/api/v1/postings/{id}/recommendations",
            get(recommendations),
        )
        .route(
            "/api/v1/postings/{id}/saved",
            axum::routing::put(save_posting).delete(unsave_posting),
        )
        .route("/api/v1/me/saved-postings", get(saved_postings))
}

/// The published postings the signed-in reader saved (收藏), the last saved first.
#[utoipa::path(get, path = "/api/v1/me/saved-postings", tag = "market",
    responses((status = 200, body = Vec<Posting>), (status = 401, body = crate::error::ApiError)))]
pub async fn saved_postings(
    State(s): State<AppState>,
    MaybeAuth(a): MaybeAuth,
) -> Result<Json<Vec<Posting>>, WebError> {
    let user = a.ok_or(WebError::Unauthorized)?.user;
    Ok(Json(s.store.saved_postings(user.id).await?))
}

/// Saves a posting for the signed-in reader (收藏); saving it again changes nothing. One
/// they cannot see: 404.
#[utoipa::path(put, path = "/api/v1/postings/{id}/saved", tag = "market", params(("id" = i64, Path)),
    responses((status = 204), (status = 401, body = crate::error::ApiError), (status = 404, body = crate::error::ApiError)))]
pub async fn save_posting(
    State(s): State<AppState>,
    MaybeAuth(a): MaybeAuth,
    Path(id): Path<String>,
) -> Result<StatusCode, WebError> {
    set_saved(&s, a, &id, true).await
}

/// Removes a posting from the signed-in reader's saved ones.
#[utoipa::path(delete, path = "/api/v1/postings/{id}/saved", tag = "market", params(("id" = i64, Path)),
    responses((status = 204), (status = 401, body = crate::error::ApiError)))]
pub async fn unsave_posting(
    State(s): State<AppState>,
    MaybeAuth(a): MaybeAuth,
    Path(id): Path<String>,
) -> Result<StatusCode, WebError> {
    set_saved(&s, a, &id, false).await
}

/// Saves or unsaves posting `id` for the signed-in reader.
async fn set_saved(
    s: &AppState,
    a: Option<crate::auth::Auth>,
    id: &str,
    saved: bool,
) -> Result<StatusCode, WebError> {
    let user = a.ok_or(WebError::Unauthorized)?.user;
    s.store
        .save_posting(&user, path_id(id)?, saved, baylink_store::sql::now())
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Published, unexpired postings, newest first. Unknown filter values match nothing.
#[utoipa::path(get, path = "/api/v1/postings", tag = "market",
    params(
        ("side" = Option<String>, Query, description = "offer or need"),
        ("kind" = Option<String>, Query, description = "technology, research, agency, investment, talent, project"),
        ("sector" = Option<String>, Query, description = "A field code (ai, iot, low_altitude, biomedicine…)"),
        ("region" = Option<String>, Query, description = "The organisation's region"),
        ("stage" = Option<String>, Query, description = "concept, prototype, pilot, production, market"),
        ("mode" = Option<String>, Query, description = "A cooperation mode code"),
        ("org_type" = Option<String>, Query, description = "An organisation type code"),
        ("limit" = Option<i64>, Query, description = "At most 500 (default 50)"),
        ("offset" = Option<i64>, Query, description = "Skip this many"),
    ),
    responses((status = 200, body = Page<Posting>)))]
pub async fn list_postings(
    State(s): State<AppState>,
    Query(q): Query<HashMap<String, String>>,
) -> Result<Json<Page<Posting>>, WebError> {
    let limit = crate::api::parsed::<i64>(&q, "limit")?.unwrap_or(50);
    let offset = crate::api::parsed::<i64>(&q, "offset")?.unwrap_or(0);
    let Some(filter) = crate::views::market::posting_filter(&q, limit, offset) else {
        return Ok(Json(Page {
            items: Vec::new(),
            total: 0,
        }));
    };
    Ok(Json(s.store.list_postings(&filter).await?))
}

/// A published posting.
#[utoipa::path(get, path = "/api/v1/postings/{id}", tag = "market",
    params(("id" = i64, Path, description = "Posting id")),
    responses((status = 200, body = Posting), (status = 404, body = crate::error::ApiError)))]
pub async fn get_posting(
    State(s): State<AppState>,
    Path(raw): Path<String>,
) -> Result<Json<Posting>, WebError> {
    let p = s.store.get_posting(path_id(&raw)?).await?;
    if p.status != PostingStatus::Published {
        return Err(WebError::NotFound);
    }
    Ok(Json(p))
}

/// One recommended counterpart and why.
#[derive(Debug, Serialize, ToSchema)]
pub struct RecommendationJson {
    pub posting: Posting,
    /// 0 to 1.
    pub score: f32,
    /// Text similarity, 0 to 1.
    pub text_similarity: f32,
    /// Terms both say, as analysed (Simplified, mainland terms).
    pub shared_terms: Vec<String>,
    pub shared_sectors: Vec<Sector>,
    pub kind_fit: f32,
    /// A university or institute with a company (產學研).
    pub academia_industry: bool,
    /// Two of Shenzhen, Hong Kong and Macao.
    pub cross_border: bool,
    pub shared_modes: Vec<CoopMode>,
    pub age_days: i64,
}

/// Counterparts for a published posting: needs for an offer, offers for a need, best first.
#[utoipa::path(get, path = "/api/v1/postings/{id}/recommendations", tag = "market",
    params(("id" = i64, Path, description = "Posting id"), ("limit" = Option<usize>, Query, description = "At most 50 (default 10)")),
    responses((status = 200, body = [RecommendationJson]), (status = 404, body = crate::error::ApiError)))]
pub async fn recommendations(
    State(s): State<AppState>,
    Path(raw): Path<String>,
    Query(q): Query<HashMap<String, String>>,
) -> Result<Json<Vec<RecommendationJson>>, WebError> {
    let p = s.store.get_posting(path_id(&raw)?).await?;
    if p.status != PostingStatus::Published {
        return Err(WebError::NotFound);
    }
    let limit = crate::api::parsed::<usize>(&q, "limit")?
        .unwrap_or(10)
        .clamp(1, 50);
    let market = s.market.current(&s).await?;
    let recs = market.recommender.recommend_profile(
        &Profile::from_posting(&p),
        baylink_store::sql::now(),
        limit,
    );
    let out = market
        .resolve(recs)
        .into_iter()
        .map(|(posting, r)| RecommendationJson {
            posting,
            score: r.score,
            text_similarity: r.text,
            shared_terms: r.shared_terms,
            shared_sectors: r.shared_sectors,
            kind_fit: r.kind_fit,
            academia_industry: r.academia_industry,
            cross_border: r.cross_border,
            shared_modes: r.shared_modes,
            age_days: r.age_days,
        })
        .collect();
    Ok(Json(out))
}
