//! `Idempotency-Key` on the API's writes: a program that sent a write and lost the answer
//! (a timeout, a door scanner on the venue's Wi-Fi, a script killed mid-call) sends the
//! same request with the same key again and gets the first answer back, marked
//! `Idempotent-Replayed: true`, instead of registering someone twice or being told that
//! they are registered already. As pretix's API and the IETF draft
//! "The Idempotency-Key HTTP Header Field" do it.
//!
//! - Keys are an account's (a token's or a browser session's): 1 to 255 visible ASCII
//!   characters, quoted or not; a UUID per write is what a program should send. An
//!   anonymous write with a key is refused (`err-idempotency-anonymous`): with no account
//!   to keep it under, anyone who guessed the key would read the answer.
//! - The same key with another method, path or body: 422 `err-idempotency-mismatch`,
//!   nothing done. The same request while the first is still being answered: 409
//!   `err-idempotency-in-progress` with `Retry-After`.
//! - Answers under 500 are kept for a day ([`baylink_store::IDEMPOTENCY_SECONDS`]), a
//!   refusal too (sent again in the retry's language). A server error, a busy or full
//!   database, or 429 keeps nothing: the write did not happen, and the same request runs
//!   again when retried.
//! - The request is answered to its end even when the program hangs up meanwhile (it runs
//!   on a task of its own), so the answer it missed is there when it asks again. The one
//!   window left is a node dying between a write's commit and the keeping of its answer;
//!   the key is then taken over after [`baylink_store::IDEMPOTENCY_STALE_SECONDS`] and the
//!   write runs again, under its own rules (one registration per address and event).

use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::{HeaderName, HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use baylink_store::{FieldError, IdempotencyClaim, KeptAnswer};
use sha2::{Digest, Sha256};

use crate::AppState;
use crate::auth::Auth;
use crate::error::{ErrorInfo, WebError};

/// The request header that carries the key.
pub const KEY_HEADER: &str = "idempotency-key";
/// The response header that marks an answer sent again.
pub const REPLAYED_HEADER: &str = "idempotent-replayed";

/// The largest request body read to fingerprint it: above every route's own limit (a
/// publication's file), so that the route, not this, refuses what is too large.
const MAX_REQUEST_BYTES: usize = 64 * 1024 * 1024;
/// The largest answer kept: writes answer with a record, never with a file.
const MAX_ANSWER_BYTES: usize = 4 * 1024 * 1024;
/// The headers of an answer sent again, beside its status and body.
const KEPT_HEADERS: [HeaderName; 3] = [
    header::CONTENT_TYPE,
    header::LOCATION,
    header::CONTENT_DISPOSITION,
];
/// Marks, among the kept headers, an answer that was a refusal: its body is then the
/// error's code and fields, rendered again in the language of the retry.
const ERROR_MARK: &str = ":error";
/// Seconds a program is asked to wait while the first request is still being answered.
const IN_PROGRESS_RETRY_SECONDS: &str = "1";

/// The middleware: between the CSRF check and the handler, for `/api/v1/` writes that
/// carry the header. Everything else passes through untouched.
pub async fn replay(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let is_write = !matches!(*req.method(), Method::GET | Method::HEAD | Method::OPTIONS);
    if !is_write || !req.uri().path().starts_with("/api/v1/") {
        return next.run(req).await;
    }
    let Some(raw) = req.headers().get(KEY_HEADER) else {
        return next.run(req).await;
    };
    let Some(key) = parse_key(raw) else {
        return WebError::BadRequest("err-idempotency-key").into_response();
    };
    let Some(user_id) = req.extensions().get::<Auth>().map(|a| a.user.id) else {
        return WebError::BadRequest("err-idempotency-anonymous").into_response();
    };
    let (parts, body) = req.into_parts();
    let Ok(body) = axum::body::to_bytes(body, MAX_REQUEST_BYTES).await else {
        return WebError::BadRequest("err-body-too-large").into_response();
    };
    let target = parts.uri.path_and_query().map_or("", |p| p.as_str());
    let fingerprint = fingerprint(&parts.method, target, &body);
    let now = baylink_store::sql::now();
    let claim = state
        .store
        .claim_idempotency_key(user_id, &key, &fingerprint, now)
        .await;
    match claim {
        Err(e) => WebError::from(e).into_response(),
        Ok(IdempotencyClaim::Mismatch) => WebError::Invalid(vec![FieldError::new(
            KEY_HEADER,
            "err-idempotency-mismatch",
        )])
        .into_response(),
        Ok(IdempotencyClaim::InProgress) => {
            let mut response = WebError::Conflict("err-idempotency-in-progress").into_response();
            response.headers_mut().insert(
                header::RETRY_AFTER,
                HeaderValue::from_static(IN_PROGRESS_RETRY_SECONDS),
            );
            response
        }
        Ok(IdempotencyClaim::Answered(kept)) => replayed(kept),
        Ok(IdempotencyClaim::Claimed) => {
            let path = parts.uri.path().to_owned();
            let req = Request::from_parts(parts, Body::from(body));
            // On a task of its own, so that a program hanging up does not cancel the write
            // half-way or lose its answer: it is kept for the retry.
            let answering = tokio::spawn(async move {
                let response = crate::error::caught(&path, next.run(req)).await;
                keep(&state, user_id, &key, response).await
            });
            answering.await.unwrap_or_else(|e| {
                WebError::Internal(format!("idempotent request: {e}")).into_response()
            })
        }
    }
}

/// The key as sent, without the quotes of a structured-field string, if it is 1 to 255
/// visible ASCII characters.
fn parse_key(raw: &HeaderValue) -> Option<String> {
    let text = raw.to_str().ok()?.trim();
    let text = text
        .strip_prefix('"')
        .and_then(|t| t.strip_suffix('"'))
        .unwrap_or(text);
    let fits = (1..=255).contains(&text.len()) && text.bytes().all(|b| b.is_ascii_graphic());
    fits.then(|| text.to_owned())
}

/// What makes two requests the same: method, path with query, and body.
fn fingerprint(method: &Method, target: &str, body: &[u8]) -> String {
    let mut hash = Sha256::new();
    hash.update(method.as_str().as_bytes());
    hash.update(b" ");
    hash.update(target.as_bytes());
    hash.update(b"\n");
    hash.update(body);
    hash.finalize().iter().map(|b| format!("{b:02x}")).collect()
}

/// Keeps `response` as the key's answer when it is one to keep, else lets the key go, and
/// returns the response to send.
async fn keep(state: &AppState, user_id: i64, key: &str, response: Response) -> Response {
    let status = response.status();
    let worth_keeping = status.as_u16() < 500 && status != StatusCode::TOO_MANY_REQUESTS;
    if !worth_keeping {
        release(state, user_id, key).await;
        return response;
    }
    let (parts, body) = response.into_parts();
    let error = parts.extensions.get::<ErrorInfo>().cloned();
    let bytes = match axum::body::to_bytes(body, MAX_ANSWER_BYTES).await {
        Ok(bytes) => bytes,
        Err(e) => {
            release(state, user_id, key).await;
            return WebError::Internal(format!("idempotent answer unread: {e}")).into_response();
        }
    };
    let mut headers: Vec<(String, String)> = KEPT_HEADERS
        .iter()
        .filter_map(|name| {
            let value = parts.headers.get(name)?.to_str().ok()?;
            Some((name.as_str().to_owned(), value.to_owned()))
        })
        .collect();
    let kept_body = match &error {
        Some(info) => {
            headers.push((ERROR_MARK.to_owned(), String::new()));
            let fields: Vec<(&str, &str, Option<i64>)> = info
                .fields
                .iter()
                .map(|f| (f.field.as_str(), f.code.as_str(), f.limit))
                .collect();
            serde_json::to_vec(&(info.code.as_ref(), fields, info.retry_after)).unwrap_or_default()
        }
        None => bytes.to_vec(),
    };
    let answer = KeptAnswer {
        status: status.as_u16(),
        headers,
        body: kept_body,
    };
    if let Err(e) = state
        .store
        .keep_idempotent_answer(user_id, key, &answer)
        .await
    {
        // The write stands and its answer goes out; a retry finds the key in progress
        // until it is stale, and is told so rather than run twice.
        tracing::error!(error = %e, "the answer to an idempotent request was not kept");
    }
    Response::from_parts(parts, Body::from(bytes))
}

async fn release(state: &AppState, user_id: i64, key: &str) {
    if let Err(e) = state.store.release_idempotency_key(user_id, key).await {
        tracing::warn!(error = %e, "an idempotency key was not released; it goes stale");
    }
}

/// A kept answer as a response again: a refusal as its error, for `render_errors` to say
/// in the retry's language; anything else byte for byte.
fn replayed(kept: KeptAnswer) -> Response {
    let status = StatusCode::from_u16(kept.status).unwrap_or(StatusCode::OK);
    let is_error = kept.headers.iter().any(|(name, _)| name == ERROR_MARK);
    let mut response = if is_error {
        type Kept = (String, Vec<(String, String, Option<i64>)>, Option<i64>);
        let Ok((code, fields, retry_after)) = serde_json::from_slice::<Kept>(&kept.body) else {
            return WebError::Internal("an idempotent refusal kept unreadable".into())
                .into_response();
        };
        let mut response = status.into_response();
        response.extensions_mut().insert(ErrorInfo {
            code: code.into(),
            fields: fields
                .into_iter()
                .map(|(field, code, limit)| FieldError { field, code, limit })
                .collect(),
            retry_after,
        });
        response
    } else {
        (status, Bytes::from(kept.body)).into_response()
    };
    let headers = response.headers_mut();
    headers.remove(header::CONTENT_TYPE);
    for (name, value) in &kept.headers {
        if let (Ok(name), Ok(value)) = (
            HeaderName::from_bytes(name.as_bytes()),
            HeaderValue::from_str(value),
        ) {
            headers.insert(name, value);
        }
    }
    headers.insert(
        HeaderName::from_static(REPLAYED_HEADER),
        HeaderValue::from_static("true"),
    );
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_visible_ascii_quoted_or_not() {
        let key = |s: &str| parse_key(&HeaderValue::from_str(s).unwrap());
        assert_eq!(key("8e03978e-40d5").as_deref(), Some("8e03978e-40d5"));
        assert_eq!(key("\"8e03978e-40d5\"").as_deref(), Some("8e03978e-40d5"));
        assert_eq!(key(""), None);
        assert_eq!(key("\"\""), None);
        assert_eq!(key("two words"), None);
        assert_eq!(key(&"k".repeat(256)), None);
        assert!(key(&"k".repeat(255)).is_some());
    }

    #[test]
    fn the_same_request_has_the_same_fingerprint() {
        let a = fingerprint(&Method::POST, "/api/v1/events/1/registrations", b"{}");
        assert_eq!(
            a,
            fingerprint(&Method::POST, "/api/v1/events/1/registrations", b"{}")
        );
        assert_ne!(
            a,
            fingerprint(&Method::PUT, "/api/v1/events/1/registrations", b"{}")
        );
        assert_ne!(
            a,
            fingerprint(&Method::POST, "/api/v1/events/2/registrations", b"{}")
        );
        assert_ne!(
            a,
            fingerprint(&Method::POST, "/api/v1/events/1/registrations", b"{ }")
        );
    }
}
