//! Refuses a NUL character anywhere in what a request says: its path and query, a form
//! body, a JSON body.
//!
//! Why here and not in each field's check: PostgreSQL's text cannot hold a NUL, so one
//! that reached a statement failed it with a server error (a public registration whose
//! name held `%00` was a 500 on PostgreSQL, while SQLite stored it). The field checks
//! refuse control characters where they were written to, but input reaches the database
//! through many more doors (search terms, filters, notes), and one guard at the edge
//! closes them all. Other control characters are storable and stay the field checks'
//! concern. File uploads (multipart) are left alone: a spreadsheet is binary, and what is
//! read out of it is checked row by row.

use axum::body::{Body, Bytes};
use axum::extract::Request;
use axum::http::header;
use axum::middleware::Next;
use axum::response::Response;

use crate::error::WebError;

/// The largest form or JSON body read here, as axum's own extractors allow.
const BODY_LIMIT: usize = 2 * 1024 * 1024;

/// The middleware: `err-control-chars` (400, in the reader's language) when a NUL is sent.
pub async fn refuse_nul(req: Request, next: Next) -> Result<Response, WebError> {
    // A NUL in a URL can only be written `%00` ('%' itself is `%25`).
    let uri = req.uri().to_string();
    if uri.contains("%00") {
        return Err(WebError::BadRequest("err-control-chars"));
    }
    let kind = req
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_ascii_lowercase();
    let form = kind.starts_with("application/x-www-form-urlencoded");
    let json = kind.starts_with("application/json");
    if !form && !json {
        return Ok(next.run(req).await);
    }
    let (parts, body) = req.into_parts();
    let bytes = axum::body::to_bytes(body, BODY_LIMIT)
        .await
        .map_err(|_| WebError::BadRequest("err-body-too-large"))?;
    if (form && has_encoded_nul(&bytes)) || (json && json_has_nul(&bytes)) {
        return Err(WebError::BadRequest("err-control-chars"));
    }
    Ok(next
        .run(Request::from_parts(parts, Body::from(bytes)))
        .await)
}

/// A form body holds a NUL: written `%00`, or sent raw.
fn has_encoded_nul(body: &Bytes) -> bool {
    body.contains(&0) || body.windows(3).any(|w| w == b"%00")
}

/// A JSON body holds a NUL in a string or a key (written `\u0000`), or raw. A body that is
/// not JSON is left to the handler's own refusal.
fn json_has_nul(body: &Bytes) -> bool {
    fn walk(v: &serde_json::Value) -> bool {
        match v {
            serde_json::Value::String(s) => s.contains('\0'),
            serde_json::Value::Array(items) => items.iter().any(walk),
            serde_json::Value::Object(map) => map.iter().any(|(k, v)| k.contains('\0') || walk(v)),
            _ => false,
        }
    }
    body.contains(&0) || serde_json::from_slice::<serde_json::Value>(body).is_ok_and(|v| walk(&v))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nul_is_found_however_it_is_written() {
        assert!(has_encoded_nul(&Bytes::from_static(b"name=a%00b")));
        assert!(has_encoded_nul(&Bytes::from_static(b"name=a\0b")));
        // A percent sign followed by zeros is not a NUL.
        assert!(!has_encoded_nul(&Bytes::from_static(b"note=100%2500")));
        assert!(json_has_nul(&Bytes::from_static(
            br#"{"name": "a\u0000b"}"#
        )));
        assert!(json_has_nul(&Bytes::from_static(
            br#"{"people": [{"a\u0000": 1}]}"#
        )));
        // A backslash written before "u0000" is text, not a NUL.
        assert!(!json_has_nul(&Bytes::from_static(
            br#"{"note": "C:\\u0000"}"#
        )));
        assert!(!json_has_nul(&Bytes::from_static(b"not json")));
    }
}
