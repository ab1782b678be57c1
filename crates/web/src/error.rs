//! The one error type of the web edge, and how it reaches a reader.
//!
//! Handlers return [`WebError`]. Turning it into a response only records *what* went wrong
//! (status, Fluent key, failing fields) in the response's extensions; the
//! [`render_errors`] middleware, which knows the request's locale and whether it came to
//! the API or to a page, then writes the body: a JSON object for the API, an HTML page for
//! a person. Internal details are logged here and never leave the server.

use axum::Json;
use axum::extract::Request;
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::{Html, IntoResponse, Response};
use baylink_store::{FieldError, StoreError};
use fluent_templates::fluent_bundle::FluentValue;
use serde::Serialize;
use utoipa::ToSchema;

use crate::i18n::Locale;

/// Everything a request can fail with.
#[derive(Debug, thiserror::Error)]
pub enum WebError {
    #[error("not found")]
    NotFound,
    /// Not signed in, where signing in would help.
    #[error("unauthorised")]
    Unauthorized,
    /// Signing in needs more, or something right: the code is a Fluent key
    /// (`err-two-factor-required`, `err-two-factor-code`).
    #[error("credentials: {0}")]
    Credentials(&'static str),
    /// Signed in, but the role does not allow it.
    #[error("forbidden")]
    Forbidden,
    /// A state-changing request without the session's CSRF token, or from another site.
    #[error("csrf check failed")]
    Csrf,
    /// Too many failed sign-ins; try again after this many seconds.
    #[error("throttled")]
    Throttled(i64),
    /// An API token sent more requests this minute than a token may; try again after
    /// this many seconds.
    #[error("token over its budget")]
    TooManyRequests(i64),
    /// A malformed request (bad JSON, a non-numeric id); the code is a Fluent key.
    #[error("bad request: {0}")]
    BadRequest(&'static str),
    /// Well-formed, but some fields are wrong.
    #[error("invalid: {0:?}")]
    Invalid(Vec<FieldError>),
    /// Clashes with what is stored; the code is a Fluent key.
    #[error("conflict: {0}")]
    Conflict(&'static str),
    /// The database is saturated (no connection free within the pool's wait): nothing
    /// was done, and the same request can simply be sent again.
    #[error("busy")]
    Busy,
    /// The database could not write (its disk full or failing): nothing of the request was
    /// kept, and it can be sent again later. Logged as an error: someone must make room.
    #[error("unwritable")]
    Unwritable,
    /// Our fault. Logged in full, shown as a generic message.
    #[error("internal: {0}")]
    Internal(String),
}

/// Seconds a client is asked to wait after [`WebError::Busy`].
const BUSY_RETRY_SECONDS: i64 = 5;
/// Seconds a client is asked to wait after [`WebError::Unwritable`]: room is made by
/// someone, not by the next second.
const UNWRITABLE_RETRY_SECONDS: i64 = 300;

impl From<StoreError> for WebError {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::NotFound => WebError::NotFound,
            StoreError::Conflict(code) => WebError::Conflict(code),
            StoreError::Invalid(fields) => WebError::Invalid(fields),
            e if e.is_busy() => {
                tracing::warn!("no database connection free within the pool's wait");
                WebError::Busy
            }
            e if e.is_unwritable() => {
                tracing::error!(error = %e, "the database cannot write: disk full or failing");
                WebError::Unwritable
            }
            StoreError::Backend(e) => WebError::Internal(format!("database: {e}")),
            StoreError::Corrupt(e) => WebError::Internal(format!("corrupt data: {e}")),
        }
    }
}

impl WebError {
    pub fn status(&self) -> StatusCode {
        match self {
            WebError::NotFound => StatusCode::NOT_FOUND,
            WebError::Unauthorized | WebError::Credentials(_) => StatusCode::UNAUTHORIZED,
            WebError::Forbidden | WebError::Csrf => StatusCode::FORBIDDEN,
            WebError::Throttled(_) | WebError::TooManyRequests(_) => StatusCode::TOO_MANY_REQUESTS,
            WebError::BadRequest(_) => StatusCode::BAD_REQUEST,
            WebError::Invalid(_) => StatusCode::UNPROCESSABLE_ENTITY,
            WebError::Conflict(_) => StatusCode::CONFLICT,
            WebError::Busy | WebError::Unwritable => StatusCode::SERVICE_UNAVAILABLE,
            WebError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    /// The Fluent key of the headline message.
    pub fn code(&self) -> &'static str {
        match self {
            WebError::NotFound => "err-not-found",
            WebError::Unauthorized => "err-unauthorized",
            WebError::Forbidden => "err-forbidden",
            WebError::Csrf => "err-csrf",
            WebError::Throttled(_) => "err-throttled",
            WebError::TooManyRequests(_) => "err-too-many-requests",
            WebError::BadRequest(code) | WebError::Conflict(code) | WebError::Credentials(code) => {
                code
            }
            WebError::Invalid(_) => "err-invalid",
            WebError::Busy => "err-busy",
            WebError::Unwritable => "err-unwritable",
            WebError::Internal(_) => "err-internal",
        }
    }
}

/// What [`render_errors`] needs to write the body, carried in the response's extensions.
#[derive(Debug, Clone)]
pub struct ErrorInfo {
    /// Borrowed when a handler failed; owned when an answer kept for an `Idempotency-Key`
    /// is sent again ([`crate::idempotency`]), so that it is said in the retry's language.
    pub code: std::borrow::Cow<'static, str>,
    pub fields: Vec<FieldError>,
    pub retry_after: Option<i64>,
}

impl IntoResponse for WebError {
    fn into_response(self) -> Response {
        if let WebError::Internal(detail) = &self {
            tracing::error!(%detail, "internal error");
        }
        let retry_after = match &self {
            WebError::Throttled(s) | WebError::TooManyRequests(s) => Some(*s),
            WebError::Busy => Some(BUSY_RETRY_SECONDS),
            WebError::Unwritable => Some(UNWRITABLE_RETRY_SECONDS),
            _ => None,
        };
        let info = ErrorInfo {
            code: self.code().into(),
            fields: match self {
                WebError::Invalid(ref f) => f.clone(),
                _ => Vec::new(),
            },
            retry_after,
        };
        let mut response = self.status().into_response();
        if let Some(s) = retry_after
            && let Ok(v) = HeaderValue::from_str(&s.to_string())
        {
            response.headers_mut().insert(header::RETRY_AFTER, v);
        }
        response.extensions_mut().insert(info);
        response
    }
}

/// The API's error body.
#[derive(Debug, Serialize, ToSchema)]
pub struct ApiError {
    /// A stable machine key (`err-not-found`, `err-invalid`…).
    pub code: String,
    /// The message in the language the request asked for.
    pub message: String,
    /// For `err-invalid`: each failing field, with its own key and message.
    pub fields: Vec<ApiFieldError>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ApiFieldError {
    pub field: String,
    pub code: String,
    pub message: String,
}

/// The message for one field error in `locale`.
pub fn field_message(locale: Locale, e: &FieldError) -> String {
    match e.limit {
        Some(n) => locale.t_args(&e.code, &[("limit", FluentValue::from(n))]),
        None => locale.t(&e.code),
    }
}

/// The headline message for an error in `locale`.
pub fn error_message(locale: Locale, info: &ErrorInfo) -> String {
    match info.retry_after {
        Some(s) => locale.t_args(&info.code, &[("minutes", FluentValue::from((s + 59) / 60))]),
        None => locale.t(&info.code),
    }
}

/// The locale for an API call from its headers and its `lang` parameter, if any.
pub fn api_locale_from(headers: &axum::http::HeaderMap, lang: Option<&str>) -> Locale {
    lang.and_then(Locale::from_prefix).unwrap_or_else(|| {
        Locale::negotiate(
            headers
                .get(header::ACCEPT_LANGUAGE)
                .and_then(|v| v.to_str().ok()),
        )
    })
}

/// The locale for an API request: `?lang=`, else `Accept-Language`.
pub fn api_locale(req: &Request) -> Locale {
    let from_query = req.uri().query().and_then(|q| {
        q.split('&')
            .filter_map(|kv| kv.split_once('='))
            .find(|(k, _)| *k == "lang")
            .and_then(|(_, v)| Locale::from_prefix(v))
    });
    from_query.unwrap_or_else(|| {
        Locale::negotiate(
            req.headers()
                .get(header::ACCEPT_LANGUAGE)
                .and_then(|v| v.to_str().ok()),
        )
    })
}

/// The response of `handling`, or, should it panic (a bug), an internal error: logged with
/// what the panic said, shown as the localised error page or JSON like any other, where
/// the connection would otherwise be dropped without an answer.
pub(crate) async fn caught(
    path: &str,
    handling: impl std::future::Future<Output = Response>,
) -> Response {
    use futures_util::FutureExt;
    match std::panic::AssertUnwindSafe(handling).catch_unwind().await {
        Ok(response) => response,
        Err(panic) => {
            let said = panic
                .downcast_ref::<&str>()
                .map(|s| (*s).to_owned())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_default();
            WebError::Internal(format!("{path} panicked: {said}")).into_response()
        }
    }
}

/// Writes the body of every error response, in the request's language and format.
pub async fn render_errors(req: Request, next: Next) -> Response {
    let path = req.uri().path().to_owned();
    let is_api = path.starts_with("/api/");
    let locale = Locale::from_path(&path).unwrap_or_else(|| api_locale(&req));
    let response = caught(&path, next.run(req)).await;
    let Some(info) = response.extensions().get::<ErrorInfo>().cloned() else {
        return response;
    };
    let status = response.status();
    let headers = response.headers().clone();
    let message = error_message(locale, &info);
    let mut out = if is_api {
        Json(ApiError {
            code: info.code.to_string(),
            message,
            fields: info
                .fields
                .iter()
                .map(|f| ApiFieldError {
                    field: f.field.clone(),
                    code: f.code.clone(),
                    message: field_message(locale, f),
                })
                .collect(),
        })
        .into_response()
    } else {
        Html(crate::views::error_page(
            locale,
            status,
            &message,
            &info.fields,
        ))
        .into_response()
    };
    *out.status_mut() = status;
    for name in [header::RETRY_AFTER, REPLAYED.clone()] {
        if let Some(v) = headers.get(&name) {
            out.headers_mut().insert(name, v.clone());
        }
    }
    out
}

/// The mark of a refusal sent again for an `Idempotency-Key`, kept on the rendered error.
static REPLAYED: header::HeaderName =
    header::HeaderName::from_static(crate::idempotency::REPLAYED_HEADER);

#[cfg(test)]
mod tests {
    use super::*;

    /// A handler that panics answers with the localised error page, not a dropped
    /// connection (as a query's overflow once did).
    #[tokio::test]
    async fn a_panic_is_answered_with_an_error_page() {
        use axum::Router;
        use axum::middleware::from_fn;
        use axum::routing::get;
        use tower::ServiceExt;
        async fn broken() -> Response {
            panic!("a bug")
        }
        let app = Router::new()
            .route("/en/broken", get(broken))
            .layer(from_fn(render_errors));
        let request = axum::http::Request::get("/en/broken")
            .body(axum::body::Body::empty())
            .unwrap();
        let response = app.oneshot(request).await.unwrap();
        assert_eq!(response.status(), StatusCode::INTERNAL_SERVER_ERROR);
        let body = axum::body::to_bytes(response.into_body(), 1 << 20)
            .await
            .unwrap();
        let page = String::from_utf8_lossy(&body);
        assert!(
            page.contains("lang=\"en\"") && !page.contains("a bug"),
            "{page}"
        );
    }

    #[test]
    fn a_saturated_database_asks_the_client_to_retry() {
        let error = WebError::Busy;
        assert_eq!(error.status(), StatusCode::SERVICE_UNAVAILABLE);
        let response = error.into_response();
        assert_eq!(response.headers()[header::RETRY_AFTER], "5");
        assert_eq!(
            response.extensions().get::<ErrorInfo>().unwrap().code,
            "err-busy"
        );
    }
}
