//! The JSON API under `/api/v1/`, its OpenAPI 3 document at `/api/openapi.json`, and a
//! browsable page at `/api` built from that document (served from the binary; nothing is
//! loaded from a CDN).
//!
//! The API reads and writes the same records as the pages, with the same validation,
//! roles and audit log. Texts come back as stored, each with its script; clients convert
//! for display. Writes need the session cookie (`POST /api/v1/session`) and its CSRF token
//! in `X-CSRF-Token`. Errors are `{code, message, fields}`, the message in the language of
//! `?lang=` or `Accept-Language`.

mod directory;
mod docs;
mod events;
mod market;
mod search;

use axum::Router;
use axum::extract::{FromRequest, Request};
use axum::routing::get;
use serde::de::DeserializeOwned;
use utoipa::OpenApi;

use crate::AppState;
use crate::error::WebError;

pub use directory::{SideWithOfficers, sides_with_officers};
pub(crate) use directory::{param, parsed};
pub use docs::ApiDoc;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/api", get(docs::page))
        .route("/api/", get(docs::page))
        .route("/api/openapi.json", get(docs::openapi_json))
        .merge(directory::router())
        .merge(events::router())
        .merge(search::router())
        .merge(market::router())
}

/// The OpenAPI document as JSON.
pub fn openapi_json() -> String {
    ApiDoc::openapi()
        .to_pretty_json()
        .unwrap_or_else(|_| "{}".to_owned())
}

/// A JSON body whose rejection is one of our errors (localised, with a stable code)
/// rather than axum's plain-text one.
pub struct ApiJson<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequest<S> for ApiJson<T> {
    type Rejection = WebError;
    async fn from_request(req: Request, state: &S) -> Result<Self, WebError> {
        match axum::Json::<T>::from_request(req, state).await {
            Ok(axum::Json(v)) => Ok(ApiJson(v)),
            Err(axum::extract::rejection::JsonRejection::MissingJsonContentType(_)) => {
                Err(WebError::BadRequest("err-json-content-type"))
            }
            Err(e) => {
                tracing::debug!(error = %e, "bad JSON body");
                Err(WebError::BadRequest("err-bad-json"))
            }
        }
    }
}

/// A path id; anything but a positive number is not a record.
pub fn path_id(raw: &str) -> Result<i64, WebError> {
    raw.parse::<i64>()
        .ok()
        .filter(|v| *v > 0)
        .ok_or(WebError::NotFound)
}
