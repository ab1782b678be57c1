//! An account's password over JSON: changed by its signed-in holder, or set again from a
//! mailed link ([`crate::views::passwords`] does the same for the pages).

use axum::Router;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::routing::{post, put};
use serde::Deserialize;
use utoipa::ToSchema;

use super::ApiJson;
use crate::AppState;
use crate::auth::{ClientAddr, MaybeAuth};
use crate::error::WebError;
use crate::views::passwords;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/api/v1/me/password", put(change_my_password))
        .route("/api/v1/password/forgot", post(forgot_password))
        .route("/api/v1/password/reset", post(reset_password))
        .route("/api/v1/me/email", put(change_my_email))
        .route("/api/v1/email/confirm", post(confirm_email))
}

/// The address the signed-in account is to sign in with, with its current password.
#[derive(Debug, Deserialize, ToSchema)]
pub struct EmailChange {
    pub email: String,
    pub current_password: String,
}

/// Asks to sign in with another address (a browser session; a token may not: 403): a
/// mail to the new address holds the link that confirms it, within a day; nothing
/// changes until then. A wrong current password counts as a failed sign-in.
#[utoipa::path(put, path = "/api/v1/me/email", tag = "account", request_body = EmailChange,
    responses((status = 202), (status = 401, body = crate::error::ApiError), (status = 403, body = crate::error::ApiError),
        (status = 422, body = crate::error::ApiError), (status = 429, body = crate::error::ApiError)))]
pub async fn change_my_email(
    State(s): State<AppState>,
    MaybeAuth(a): MaybeAuth,
    ClientAddr(client): ClientAddr,
    headers: HeaderMap,
    ApiJson(b): ApiJson<EmailChange>,
) -> Result<StatusCode, WebError> {
    let auth = crate::auth::require_browser(a.as_ref())?;
    let email = baylink_store::validate_address(&b.email)?;
    passwords::check_current_password(&s, auth, &b.current_password, client).await?;
    let locale = super::mail_locale(None, &headers)?;
    let token = crate::auth::random_token();
    s.store
        .queue_email_change(
            auth.user.id,
            &email,
            locale.code(),
            &token,
            &crate::auth::token_hash(&token),
            baylink_store::sql::now(),
        )
        .await?;
    Ok(StatusCode::ACCEPTED)
}

/// A confirmation link's token (the last part of its address).
#[derive(Debug, Deserialize, ToSchema)]
pub struct EmailConfirmation {
    pub token: String,
}

/// Confirms a new sign-in address with its mailed link's token: 409 `err-email-link`
/// when it was used, expired, or its account cannot sign in; the old address is told.
#[utoipa::path(post, path = "/api/v1/email/confirm", tag = "account", request_body = EmailConfirmation,
    responses((status = 200, body = baylink_store::User), (status = 409, body = crate::error::ApiError), (status = 422, body = crate::error::ApiError)))]
pub async fn confirm_email(
    State(s): State<AppState>,
    ApiJson(b): ApiJson<EmailConfirmation>,
) -> Result<axum::Json<baylink_store::User>, WebError> {
    let user = s
        .store
        .confirm_email_change(
            &crate::auth::token_hash(&b.token),
            baylink_store::sql::now(),
        )
        .await?;
    Ok(axum::Json(user))
}

/// The signed-in account's new password, with its current one.
#[derive(Debug, Deserialize, ToSchema)]
pub struct PasswordChange {
    pub current_password: String,
    /// At least 10 characters.
    pub password: String,
}

/// Changes the password of the account signed in with a browser session (an API token
/// may not: 403). A wrong current password counts as a failed sign-in. The account's
/// other sessions end; its API tokens keep working.
#[utoipa::path(put, path = "/api/v1/me/password", tag = "account", request_body = PasswordChange,
    responses((status = 204), (status = 401, body = crate::error::ApiError), (status = 403, body = crate::error::ApiError),
        (status = 422, body = crate::error::ApiError), (status = 429, body = crate::error::ApiError)))]
pub async fn change_my_password(
    State(s): State<AppState>,
    MaybeAuth(a): MaybeAuth,
    ApiJson(b): ApiJson<PasswordChange>,
) -> Result<StatusCode, WebError> {
    let auth = crate::auth::require_browser(a.as_ref())?;
    passwords::change_password(&s, auth, &b.current_password, &b.password).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// An address whose account's password is forgotten.
#[derive(Debug, Deserialize, ToSchema)]
pub struct PasswordForgotten {
    pub email: String,
    /// The language of the mail (`zh-Hant`, `zh-Hans` or `en`); by `Accept-Language` when
    /// left out.
    #[serde(default)]
    pub locale: Option<String>,
}

/// Mails the account at `email` a link to choose a new password (an hour, once), at
/// most one every ten minutes. The answer is 202 whether the address has an account or
/// not, so it tells nobody who has one.
#[utoipa::path(post, path = "/api/v1/password/forgot", tag = "account", request_body = PasswordForgotten,
    responses((status = 202), (status = 422, body = crate::error::ApiError), (status = 429, body = crate::error::ApiError)))]
pub async fn forgot_password(
    State(s): State<AppState>,
    ClientAddr(client): ClientAddr,
    headers: HeaderMap,
    ApiJson(b): ApiJson<PasswordForgotten>,
) -> Result<StatusCode, WebError> {
    let locale = super::mail_locale(b.locale.as_deref(), &headers)?;
    passwords::ask_for_link(&s, &b.email, locale.code(), client).await?;
    Ok(StatusCode::ACCEPTED)
}

/// A mailed link's token (the last part of its address) and the password to set.
#[derive(Debug, Deserialize, ToSchema)]
pub struct PasswordReset {
    pub token: String,
    /// At least 10 characters.
    pub password: String,
}

/// Sets the password with a mailed link's token: 409 `err-password-link` when it was
/// used, expired or never existed. Every session of the account ends; sign in again
/// with `POST /api/v1/session`.
#[utoipa::path(post, path = "/api/v1/password/reset", tag = "account", request_body = PasswordReset,
    responses((status = 204), (status = 409, body = crate::error::ApiError), (status = 422, body = crate::error::ApiError)))]
pub async fn reset_password(
    State(s): State<AppState>,
    ApiJson(b): ApiJson<PasswordReset>,
) -> Result<StatusCode, WebError> {
    passwords::set_with_link(&s, &b.token, &b.password).await?;
    Ok(StatusCode::NO_CONTENT)
}
