//! Accounts over JSON, for administrators and the programs they trust (the alliance's
//! membership records making a representative's account when a member joins, suspending
//! it when they leave): the same procedures as the account pages
//! ([`crate::views::account`]). Passwords never travel here: a new account is mailed a
//! link to choose its own ([`baylink_store::passwords`]).

use axum::Json;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::{delete, get, post};
use baylink_store::{LinkPurpose, NewLink, User, UserInput};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::{ApiJson, path_id};
use crate::AppState;
use crate::api::directory::created;
use crate::auth::{self, Action, MaybeAuth, require};
use crate::error::WebError;
use crate::views::account::AccountQuery;
use crate::views::directory::actor;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/api/v1/users", get(list_accounts).post(create_account))
        .route("/api/v1/users/{id}", get(get_account).put(update_account))
        .route(
            "/api/v1/users/{id}/suspension",
            post(suspend_account).delete(reinstate_account),
        )
        .route("/api/v1/users/{id}/password-link", post(send_password_link))
        .route("/api/v1/users/{id}/two-factor", delete(turn_off_two_factor))
}

/// An account as administrators see it: the account, and how it signs in.
#[derive(Debug, Serialize, ToSchema)]
pub struct Account {
    #[serde(flatten)]
    pub user: User,
    /// Its holder chose a password (false while an invitation waits).
    pub has_password: bool,
    /// Two-step sign-in is on.
    pub two_factor: bool,
}

impl From<User> for Account {
    fn from(user: User) -> Account {
        Account {
            has_password: !user.password_hash.is_empty(),
            two_factor: user.two_factor(),
            user,
        }
    }
}

/// The accounts, erased ones left out, oldest first (administrators).
#[utoipa::path(get, path = "/api/v1/users", tag = "account",
    params(
        ("q" = Option<String>, Query, description = "Part of the address or the name, any case"),
        ("role" = Option<String>, Query, description = "admin, secretariat, org_rep or participant"),
        ("org" = Option<i64>, Query, description = "The accounts of one organisation"),
        ("suspended" = Option<bool>, Query, description = "Only the suspended (true) or only the others (false)"),
    ),
    responses((status = 200, body = Vec<Account>), (status = 401, body = crate::error::ApiError), (status = 403, body = crate::error::ApiError)))]
pub async fn list_accounts(
    State(s): State<AppState>,
    MaybeAuth(a): MaybeAuth,
    Query(q): Query<AccountQuery>,
) -> Result<Json<Vec<Account>>, WebError> {
    require(a.as_ref(), Action::ManageUsers)?;
    let users = s.store.list_users().await?;
    Ok(Json(
        users
            .into_iter()
            .filter(|u| !u.is_erased() && q.keeps(u))
            .map(Account::from)
            .collect(),
    ))
}

/// A new account: its address, name and role, with the language of its mails.
#[derive(Debug, Deserialize, ToSchema)]
pub struct NewAccount {
    #[serde(flatten)]
    pub account: UserInput,
    /// `zh-Hant`, `zh-Hans` or `en`: the invitation's language and its mails' until the
    /// holder signs in; by `Accept-Language` when left out.
    #[serde(default)]
    pub locale: Option<String>,
}

/// Makes an account and mails its holder a link to choose the password (a week, once),
/// in one transaction (administrators).
#[utoipa::path(post, path = "/api/v1/users", tag = "account", request_body = NewAccount,
    responses((status = 201, body = Account), (status = 422, body = crate::error::ApiError),
        (status = 401, body = crate::error::ApiError), (status = 403, body = crate::error::ApiError)))]
pub async fn create_account(
    State(s): State<AppState>,
    MaybeAuth(a): MaybeAuth,
    headers: axum::http::HeaderMap,
    ApiJson(input): ApiJson<NewAccount>,
) -> Result<Response, WebError> {
    let auth = require(a.as_ref(), Action::ManageUsers)?;
    let locale = super::mail_locale(input.locale.as_deref(), &headers)?;
    let draft = input.account.validate()?;
    let token = auth::random_token();
    let link = NewLink {
        purpose: LinkPurpose::Invite,
        token: &token,
        token_hash: &auth::token_hash(&token),
        now: baylink_store::sql::now(),
    };
    let user = s
        .store
        .create_invited_user(&actor(auth), &draft, locale.code(), link)
        .await?;
    Ok(created(Account::from(user)))
}

/// One account (administrators).
#[utoipa::path(get, path = "/api/v1/users/{id}", tag = "account", params(("id" = i64, Path)),
    responses((status = 200, body = Account), (status = 404, body = crate::error::ApiError)))]
pub async fn get_account(
    State(s): State<AppState>,
    MaybeAuth(a): MaybeAuth,
    Path(id): Path<String>,
) -> Result<Json<Account>, WebError> {
    require(a.as_ref(), Action::ManageUsers)?;
    let user = s.store.get_user(path_id(&id)?).await?;
    if user.is_erased() {
        return Err(WebError::NotFound);
    }
    Ok(Json(user.into()))
}

/// Changes an account's address, name, role, side and organisation (administrators; not
/// one's own role: 409 `err-own-role`).
#[utoipa::path(put, path = "/api/v1/users/{id}", tag = "account", request_body = UserInput, params(("id" = i64, Path)),
    responses((status = 200, body = Account), (status = 404, body = crate::error::ApiError),
        (status = 409, body = crate::error::ApiError), (status = 422, body = crate::error::ApiError)))]
pub async fn update_account(
    State(s): State<AppState>,
    MaybeAuth(a): MaybeAuth,
    Path(id): Path<String>,
    ApiJson(input): ApiJson<UserInput>,
) -> Result<Json<Account>, WebError> {
    let auth = require(a.as_ref(), Action::ManageUsers)?;
    let id = path_id(&id)?;
    let draft = input.validate()?;
    Ok(Json(
        s.store.update_user(&actor(auth), id, &draft).await?.into(),
    ))
}

/// Suspends an account: no sign-in, its sessions end, its tokens and password links stop
/// working, no mail for its organisation; its name stays (administrators; not one's
/// own: 409 `err-suspend-self`).
#[utoipa::path(post, path = "/api/v1/users/{id}/suspension", tag = "account", params(("id" = i64, Path)),
    responses((status = 200, body = Account), (status = 404, body = crate::error::ApiError), (status = 409, body = crate::error::ApiError)))]
pub async fn suspend_account(
    State(s): State<AppState>,
    MaybeAuth(a): MaybeAuth,
    Path(id): Path<String>,
) -> Result<Json<Account>, WebError> {
    suspension(&s, a.as_ref(), &id, true).await
}

/// Reinstates a suspended account: it and its tokens work again (administrators).
#[utoipa::path(delete, path = "/api/v1/users/{id}/suspension", tag = "account", params(("id" = i64, Path)),
    responses((status = 200, body = Account), (status = 404, body = crate::error::ApiError), (status = 409, body = crate::error::ApiError)))]
pub async fn reinstate_account(
    State(s): State<AppState>,
    MaybeAuth(a): MaybeAuth,
    Path(id): Path<String>,
) -> Result<Json<Account>, WebError> {
    suspension(&s, a.as_ref(), &id, false).await
}

/// Suspends or reinstates the account `id` for an administrator.
async fn suspension(
    s: &AppState,
    a: Option<&crate::auth::Auth>,
    id: &str,
    suspend: bool,
) -> Result<Json<Account>, WebError> {
    let auth = require(a, Action::ManageUsers)?;
    let user = s
        .store
        .suspend_user(&actor(auth), path_id(id)?, suspend)
        .await?;
    Ok(Json(user.into()))
}

/// Mails the account a link to choose a new password (a week, once), in its mails'
/// language; the password stands until the link is used (administrators). 404 for an
/// erased or suspended account.
#[utoipa::path(post, path = "/api/v1/users/{id}/password-link", tag = "account", params(("id" = i64, Path)),
    responses((status = 202), (status = 404, body = crate::error::ApiError)))]
pub async fn send_password_link(
    State(s): State<AppState>,
    MaybeAuth(a): MaybeAuth,
    Path(id): Path<String>,
) -> Result<StatusCode, WebError> {
    require(a.as_ref(), Action::ManageUsers)?;
    let user = s.store.get_user(path_id(&id)?).await?;
    if !user.is_active() {
        return Err(WebError::NotFound);
    }
    let locale = user.locale.clone().unwrap_or_else(|| "zh-Hant".to_owned());
    crate::views::passwords::send_invite(&s, &user, &locale).await?;
    Ok(StatusCode::ACCEPTED)
}

/// Turns two-step sign-in off for an account whose holder lost their app (administrators).
#[utoipa::path(delete, path = "/api/v1/users/{id}/two-factor", tag = "account", params(("id" = i64, Path)),
    responses((status = 204), (status = 404, body = crate::error::ApiError)))]
pub async fn turn_off_two_factor(
    State(s): State<AppState>,
    MaybeAuth(a): MaybeAuth,
    Path(id): Path<String>,
) -> Result<StatusCode, WebError> {
    let auth = require(a.as_ref(), Action::ManageUsers)?;
    s.store
        .set_totp(&actor(auth), path_id(&id)?, None, &[])
        .await?;
    Ok(StatusCode::NO_CONTENT)
}
