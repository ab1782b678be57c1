//! An account's password, set by its holder: changed when signed in
//! (`/{lang}/account/password`), set again from a mailed link when forgotten
//! (`/{lang}/password/forgot`, `/{lang}/password/reset/{token}`), or chosen from the link an
//! administrator sends with a new account ([`baylink_store::passwords`] says why links).
//! The API's routes (`/api/v1/me/password`, `/api/v1/password/…`) call the same
//! procedures as these pages.

use std::collections::HashMap;
use std::net::SocketAddr;

use askama::Template;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::Response;
use axum::routing::get;
use baylink_store::{FieldError, LinkPurpose, NewLink, StoreError, User, validate_password};

use super::{Ctx, FormData, FormState, private, render, render_invalid, see};
use crate::AppState;
use crate::auth::{self, Auth, MAX_FAILURES, THROTTLE_WINDOW};
use crate::error::WebError;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/account/password", get(change_form).post(change))
        .route("/password/forgot", get(forgot_form).post(forgot))
        .route("/password/reset/{token}", get(reset_form).post(reset))
}

/// "Forgotten password" asks one client may make in [`ASK_WINDOW`] seconds, so that one
/// connection cannot walk a list of addresses (each address gets at most one mail in
/// [`baylink_store::RESET_MAIL_GAP_SECONDS`] besides).
const ASKS_PER_CLIENT: i64 = 20;
const ASK_WINDOW: i64 = 3600;

/// Hashes a password off the async threads (Argon2 takes a noticeable fraction of a
/// second by design).
async fn hash(password: &str) -> Result<String, WebError> {
    let password = password.to_owned();
    tokio::task::spawn_blocking(move || auth::hash_password(&password))
        .await
        .map_err(|e| WebError::Internal(format!("password hash: {e}")))?
}

/// Checks the signed-in holder's current password before a change that needs it (their
/// address): a wrong one counts as a failed sign-in of the address and of the client.
pub async fn check_current_password(
    s: &AppState,
    auth: &Auth,
    given: &str,
    client: Option<SocketAddr>,
) -> Result<(), WebError> {
    let now = baylink_store::sql::now();
    let since = now - THROTTLE_WINDOW;
    let keys: Vec<String> = std::iter::once(format!("email:{}", auth.user.email))
        .chain(client.map(|a| format!("ip:{}", a.ip())))
        .collect();
    for key in &keys {
        if s.store.count_login_failures(key, since).await? >= MAX_FAILURES {
            return Err(WebError::Throttled(THROTTLE_WINDOW));
        }
    }
    let (given, stored) = (given.to_owned(), auth.user.password_hash.clone());
    let ok = tokio::task::spawn_blocking(move || auth::verify_password(&given, &stored))
        .await
        .map_err(|e| WebError::Internal(format!("password check: {e}")))?;
    if !ok {
        for key in &keys {
            s.store.record_login_failure(key, now, since).await?;
        }
        return Err(WebError::Invalid(vec![FieldError::new(
            "current_password",
            "err-password-wrong",
        )]));
    }
    Ok(())
}

/// Changes the signed-in holder's password once the current one is given. A wrong one
/// counts as a failed sign-in of the address (so a session left open is no way to guess
/// it), and the holder's other sessions end; the one that changed it stays.
pub async fn change_password(
    s: &AppState,
    auth: &Auth,
    current: &str,
    new: &str,
) -> Result<(), WebError> {
    let mut errors = match validate_password(new) {
        Err(StoreError::Invalid(e)) => e,
        _ => Vec::new(),
    };
    // Both said at once: a wrong current password first, then what the new one lacks.
    match check_current_password(s, auth, current, None).await {
        Ok(()) => {}
        Err(WebError::Invalid(wrong)) => {
            errors.splice(0..0, wrong);
        }
        Err(e) => return Err(e),
    }
    if !errors.is_empty() {
        return Err(WebError::Invalid(errors));
    }
    let hash = hash(new).await?;
    let actor = baylink_store::Actor {
        user_id: Some(auth.user.id),
        name: auth.user.display_name.clone(),
    };
    s.store
        .set_password(&actor, auth.user.id, &hash, Some(&auth.session.token_hash))
        .await?;
    Ok(())
}

/// Queues a "forgotten password" link for `email`, if it is an account's: the answer is
/// the same whether it is or not, so the form tells nobody who has an account; the link
/// goes only to the mailbox itself. A malformed address is a field error, and a client
/// that asked too often is refused (`err-find-throttled`).
pub async fn ask_for_link(
    s: &AppState,
    email: &str,
    locale: &str,
    client: Option<SocketAddr>,
) -> Result<(), WebError> {
    let email = baylink_store::validate_address(email)?;
    let now = baylink_store::sql::now();
    if let Some(client) = client {
        // Counted with the sign-in throttle's counter, under keys of their own.
        let key = format!("password:ip:{}", client.ip());
        if s.store
            .record_login_failure(&key, now, now - ASK_WINDOW)
            .await?
            > ASKS_PER_CLIENT
        {
            return Err(WebError::TooManyRequests(ASK_WINDOW));
        }
    }
    let token = auth::random_token();
    let link = NewLink {
        purpose: LinkPurpose::Reset,
        token: &token,
        token_hash: &auth::token_hash(&token),
        now,
    };
    s.store.queue_password_link(&email, locale, link).await?;
    Ok(())
}

/// Sets the password with a mailed link; `err-password-link` when it was used, expired or
/// never existed. Every session of the account ends.
pub async fn set_with_link(s: &AppState, token: &str, password: &str) -> Result<User, WebError> {
    validate_password(password)?;
    let hash = hash(password).await?;
    let user = s
        .store
        .use_password_link(&auth::token_hash(token), &hash, baylink_store::sql::now())
        .await?;
    Ok(user)
}

/// Mails `user` a link to choose a password (an administrator's [`LinkPurpose::Invite`],
/// a week long), in `locale`.
pub async fn send_invite(s: &AppState, user: &User, locale: &str) -> Result<(), WebError> {
    let token = auth::random_token();
    let link = NewLink {
        purpose: LinkPurpose::Invite,
        token: &token,
        token_hash: &auth::token_hash(&token),
        now: baylink_store::sql::now(),
    };
    if s.store
        .queue_password_link(&user.email, locale, link)
        .await?
    {
        Ok(())
    } else {
        Err(WebError::NotFound)
    }
}

#[derive(Template)]
#[template(path = "account/password.html")]
struct ChangePage {
    c: Ctx,
    f: FormState,
    /// The account's address, for the browser's password manager.
    email: String,
    /// Two-step sign-in is on.
    two_factor: bool,
    /// What was just done: `changed` here, `set` with a link.
    done: Option<&'static str>,
}

async fn change_form(
    c: Ctx,
    Query(q): Query<HashMap<String, String>>,
) -> Result<Response, WebError> {
    let email = auth::require_browser(c.auth.as_ref())?.user.email.clone();
    let two_factor = auth::require_browser(c.auth.as_ref())?.user.two_factor();
    let done = match q.get("done").map(String::as_str) {
        Some("changed") => Some("password-changed"),
        Some("set") => Some("password-set"),
        _ => None,
    };
    render(&ChangePage {
        c,
        f: FormState::default(),
        email,
        two_factor,
        done,
    })
}

async fn change(State(s): State<AppState>, c: Ctx, form: FormData) -> Result<Response, WebError> {
    let auth = auth::require_browser(c.auth.as_ref())?.clone();
    let email = auth.user.email.clone();
    let two_factor = auth.user.two_factor();
    match change_password(
        &s,
        &auth,
        form.get("current_password"),
        form.get("password"),
    )
    .await
    {
        Ok(()) => Ok(see(c.href("/account/password?done=changed"))),
        Err(WebError::Invalid(errors)) => {
            let mut f = FormState::with_errors(FormData::default(), c.lang, &errors);
            f.values.clear();
            let page = ChangePage {
                c,
                f,
                email,
                two_factor,
                done: None,
            };
            render_invalid(&page, StatusCode::UNPROCESSABLE_ENTITY)
        }
        Err(WebError::Throttled(secs)) => {
            let message = c.tn("err-throttled", "minutes", &((secs + 59) / 60));
            let f = FormState {
                errors: vec![("current_password".to_owned(), message)],
                ..FormState::default()
            };
            let page = ChangePage {
                c,
                f,
                email,
                two_factor,
                done: None,
            };
            render_invalid(&page, StatusCode::TOO_MANY_REQUESTS)
        }
        Err(e) => Err(e),
    }
}

#[derive(Template)]
#[template(path = "account/forgot.html")]
struct ForgotPage {
    c: Ctx,
    f: FormState,
    /// The form was taken: the page says a mail is on its way if the address has an
    /// account.
    sent: bool,
}

async fn forgot_form(
    c: Ctx,
    Query(q): Query<HashMap<String, String>>,
) -> Result<Response, WebError> {
    let mut values = HashMap::new();
    if let Some(email) = q.get("email") {
        values.insert("email".to_owned(), email.clone());
    }
    render(&ForgotPage {
        c,
        f: FormState::new(values),
        sent: false,
    })
}

async fn forgot(
    State(s): State<AppState>,
    c: Ctx,
    auth::ClientAddr(client): auth::ClientAddr,
    form: FormData,
) -> Result<Response, WebError> {
    let errors = match ask_for_link(&s, form.get("email"), c.lang.code(), client).await {
        Ok(()) => {
            let values = HashMap::from([("email".to_owned(), form.get("email").trim().to_owned())]);
            return render(&ForgotPage {
                c,
                f: FormState::new(values),
                sent: true,
            });
        }
        Err(WebError::Invalid(errors)) => (errors, StatusCode::UNPROCESSABLE_ENTITY),
        Err(WebError::TooManyRequests(_)) => (
            vec![FieldError::new("email", "err-find-throttled")],
            StatusCode::TOO_MANY_REQUESTS,
        ),
        Err(e) => return Err(e),
    };
    let f = FormState::with_errors(form, c.lang, &errors.0);
    render_invalid(&ForgotPage { c, f, sent: false }, errors.1)
}

/// The page a mailed link opens: the form for the new password, or why the link no
/// longer works.
#[derive(Template)]
#[template(path = "account/reset.html")]
struct ResetPage {
    c: Ctx,
    f: FormState,
    /// The account the link is for, while it works.
    user: Option<User>,
    purpose: Option<LinkPurpose>,
    token: String,
}

async fn reset_page(
    s: &AppState,
    c: Ctx,
    token: String,
    f: FormState,
) -> Result<(ResetPage, StatusCode), WebError> {
    let found = s.store.password_link(&auth::token_hash(&token)).await?;
    let now = baylink_store::sql::now();
    let (user, purpose, status) = match found {
        Some((link, user)) if link.used_at.is_none() && link.expires_at > now => {
            (Some(user), Some(link.purpose), StatusCode::OK)
        }
        Some(_) => (None, None, StatusCode::GONE),
        None => (None, None, StatusCode::NOT_FOUND),
    };
    Ok((
        ResetPage {
            c,
            f,
            user,
            purpose,
            token,
        },
        status,
    ))
}

async fn reset_form(
    State(s): State<AppState>,
    c: Ctx,
    Path(token): Path<String>,
) -> Result<Response, WebError> {
    let (page, status) = reset_page(&s, c, token, FormState::default()).await?;
    // The page's address is a bearer secret: keep it out of shared caches.
    Ok(private(render_invalid(&page, status)?))
}

/// Sets the password and signs the holder in (the link proved they read the account's
/// mailbox), in the language of the page, which their mails follow from now on.
async fn reset(
    State(s): State<AppState>,
    c: Ctx,
    Path(token): Path<String>,
    crate::auth::ClientAddr(client): crate::auth::ClientAddr,
    crate::auth::UserAgent(user_agent): crate::auth::UserAgent,
    headers: axum::http::HeaderMap,
    form: FormData,
) -> Result<Response, WebError> {
    match set_with_link(&s, &token, form.get("password")).await {
        Ok(user) => {
            s.store.set_user_locale(user.id, c.lang.code()).await?;
            let (cookie_token, _) =
                super::account::start_session(&s, &user, user_agent.as_deref(), client).await?;
            let mark = auth::note_browser(&s, &user, &headers, s.config.secure_cookies).await?;
            let mut r = see(c.href("/account/password?done=set"));
            let cookie = auth::session_cookie(&cookie_token, s.config.secure_cookies);
            r.headers_mut().insert(
                header::SET_COOKIE,
                HeaderValue::from_str(&cookie).map_err(|e| WebError::Internal(e.to_string()))?,
            );
            if let Some(mark) = mark {
                r.headers_mut().append(
                    header::SET_COOKIE,
                    HeaderValue::from_str(&mark).map_err(|e| WebError::Internal(e.to_string()))?,
                );
            }
            Ok(r)
        }
        Err(e) => {
            let (errors, status) = match e {
                WebError::Invalid(errors) => (errors, StatusCode::UNPROCESSABLE_ENTITY),
                WebError::Conflict(code) => {
                    (vec![FieldError::new("_form", code)], StatusCode::CONFLICT)
                }
                e => return Err(e),
            };
            let f = FormState::with_errors(FormData::default(), c.lang, &errors);
            let (page, _) = reset_page(&s, c, token, f).await?;
            Ok(private(render_invalid(&page, status)?))
        }
    }
}
