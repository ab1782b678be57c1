//! The JSON API under `/api/v1/`, its OpenAPI 3 document at `/api/openapi.json`, and a
//! browsable page at `/api` built from that document (served from the binary; nothing is
//! loaded from a CDN).
//!
//! The API reads and writes the same records as the pages, with the same validation,
//! roles and audit log. Texts come back as stored, each with its script; clients convert
//! for display. Writes need the session cookie (`POST /api/v1/session`) and its CSRF token
//! in `X-CSRF-Token`. Errors are `{code, message, fields}`, the message in the language of
//! `?lang=` or `Accept-Language`.

mod accounts;
mod directory;
mod docs;
mod events;
mod market;
mod matchmaking;
mod passwords;
mod publications;
pub mod reports;
mod search;

use axum::Router;
use axum::extract::{FromRequest, Request};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use serde::de::DeserializeOwned;
use utoipa::OpenApi;

use crate::AppState;
use crate::error::WebError;
use crate::sheets::SheetFormat;

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
        .merge(matchmaking::router())
        .merge(publications::router())
        .merge(reports::router())
        .merge(passwords::router())
        .merge(accounts::router())
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

/// A table as a file to download, named `stem` with the format's extension.
pub(crate) fn download(
    format: SheetFormat,
    stem: &str,
    head: &[String],
    rows: &[Vec<String>],
) -> Result<Response, WebError> {
    let body = crate::sheets::write_table(format, head, rows)
        .map_err(|e| WebError::Internal(format!("writing a {} file: {e}", format.ext())))?;
    let disposition = format!("attachment; filename=\"{stem}.{}\"", format.ext());
    let mut r = (StatusCode::OK, body).into_response();
    r.headers_mut().insert(
        header::CONTENT_TYPE,
        header::HeaderValue::from_static(format.content_type()),
    );
    if let Ok(v) = header::HeaderValue::from_str(&disposition) {
        r.headers_mut().insert(header::CONTENT_DISPOSITION, v);
    }
    Ok(r)
}

/// A path id; anything but a positive number is not a record.
pub fn path_id(raw: &str) -> Result<i64, WebError> {
    raw.parse::<i64>()
        .ok()
        .filter(|v| *v > 0)
        .ok_or(WebError::NotFound)
}

/// A `locale` field of a request body (`zh-Hant`, `zh-Hans` or `en`, any case): `None`
/// when left out or blank, `err-unknown-choice` on `locale` for anything else.
pub(crate) fn locale_field(given: Option<&str>) -> Result<Option<crate::i18n::Locale>, WebError> {
    match given.map(str::trim).filter(|l| !l.is_empty()) {
        None => Ok(None),
        Some(l) => crate::i18n::Locale::ALL
            .into_iter()
            .find(|x| x.code().eq_ignore_ascii_case(l))
            .map(Some)
            .ok_or_else(|| {
                WebError::Invalid(vec![baylink_store::FieldError::new(
                    "locale",
                    "err-unknown-choice",
                )])
            }),
    }
}

/// The language a mail asked for through the API is written in: the body's `locale`, else
/// the request's `Accept-Language`.
pub(crate) fn mail_locale(
    given: Option<&str>,
    headers: &axum::http::HeaderMap,
) -> Result<crate::i18n::Locale, WebError> {
    Ok(locale_field(given)?.unwrap_or_else(|| {
        crate::i18n::Locale::negotiate(
            headers
                .get(axum::http::header::ACCEPT_LANGUAGE)
                .and_then(|v| v.to_str().ok()),
        )
    }))
}
