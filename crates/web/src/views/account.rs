//! Signing in and out, accounts (for admins) and the audit log (for staff).

use std::collections::HashMap;
use std::net::SocketAddr;

use askama::Template;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::Response;
use axum::routing::{get, post};
use baylink_store::{AuditEntry, Page, Session, StoreError, User, UserInput, validate_password};

use super::directory::actor;
use super::{Ctx, FormData, FormState, form_errors, render, render_invalid, see};
use crate::AppState;
use crate::api::path_id;
use crate::auth::{
    self, Action, ClientAddr, MAX_FAILURES, SESSION_COOKIE, SESSION_SECONDS, THROTTLE_WINDOW,
    UserAgent, require,
};
use crate::error::WebError;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/login", get(login_form).post(login))
        .route("/login/code", get(code_form).post(code))
        .route("/logout", post(logout))
        .route("/admin/users", get(users).post(user_create))
        .route("/admin/users/{id}/erase", post(user_erase))
        .route("/admin/users/{id}", get(user_form).post(user_update))
        .route("/admin/users/{id}/suspend", post(user_suspend))
        .route("/admin/users/{id}/password-link", post(user_password_link))
        .route("/audit", get(audit))
        .route("/account/tokens", get(tokens).post(token_create))
        .route("/account/tokens/{id}/delete", post(token_delete))
}

#[derive(Template)]
#[template(path = "account/login.html")]
struct LoginPage {
    c: Ctx,
    f: FormState,
    message: Option<String>,
}

async fn login_form(
    c: Ctx,
    Query(q): Query<HashMap<String, String>>,
) -> Result<Response, WebError> {
    let mut f = FormState::default();
    if let Some(next) = q.get("next") {
        f.values.insert("next".into(), next.clone());
    }
    render(&LoginPage {
        c,
        f,
        message: None,
    })
}

/// Only a path on this site may be returned to after signing in.
fn safe_next(next: &str) -> Option<&str> {
    (next.starts_with('/') && !next.starts_with("//") && !next.contains('\\')).then_some(next)
}

/// Everything a sign-in attempt needs, so the web form and the API share one procedure.
pub struct SignIn<'a> {
    pub email: &'a str,
    pub password: &'a str,
    pub client: Option<SocketAddr>,
    /// The browser's `User-Agent`, kept with the session for its holder's list.
    pub user_agent: Option<&'a str>,
    /// The code of the holder's authenticator app, where two-step sign-in is on and the
    /// caller has it with the password (the API); the pages ask for it after.
    pub code: Option<&'a str>,
}

/// What a right password leads to.
pub enum SignedIn {
    /// A session started: its cookie token, the session and the account.
    Session(String, Session, User),
    /// Two-step sign-in is on and no code came with the password: the account, whose
    /// code is to be asked for ([`check_code`]).
    NeedsCode(User),
}

/// The throttle's keys of an attempt: the address, and the client where known.
fn throttle_keys(email: &str, client: Option<SocketAddr>) -> Vec<String> {
    std::iter::once(format!("email:{email}"))
        .chain(client.map(|a| format!("ip:{}", a.ip())))
        .collect()
}

/// Checks a code of `user`'s authenticator app: within a step of now and later than any
/// taken before (so a code seen over a shoulder does not work twice); or one of the
/// account's recovery codes, which it uses up: then the answer is how many are left. A
/// wrong one counts as a failed sign-in, under the same throttle as passwords.
pub async fn check_code(
    s: &AppState,
    user: &User,
    code: &str,
    client: Option<SocketAddr>,
) -> Result<Option<i64>, WebError> {
    let now = baylink_store::sql::now();
    let since = now - THROTTLE_WINDOW;
    let keys = throttle_keys(&user.email, client);
    for key in &keys {
        if s.store.count_login_failures(key, since).await? >= MAX_FAILURES {
            return Err(WebError::Throttled(THROTTLE_WINDOW));
        }
    }
    let mut left = None;
    let taken = if let Some(hash) = crate::totp::recovery_hash(code) {
        left = s.store.take_recovery_code(user.id, &hash, now).await?;
        left.is_some()
    } else {
        let step = user
            .totp_secret
            .as_deref()
            .and_then(|secret| crate::totp::matching_step(secret, code, now));
        match step {
            Some(step) => s.store.take_totp_step(user.id, step).await?,
            None => false,
        }
    };
    if !taken {
        for key in &keys {
            s.store.record_login_failure(key, now, since).await?;
        }
        return Err(WebError::Credentials("err-two-factor-code"));
    }
    s.store.clear_login_failures(&keys[0]).await?;
    Ok(left)
}

/// Checks the throttle and the password (and the app's code, where two-step sign-in is
/// on and it came along); on success starts a session.
pub async fn sign_in(s: &AppState, attempt: SignIn<'_>) -> Result<SignedIn, WebError> {
    let email = attempt.email.trim().to_lowercase();
    let now = baylink_store::sql::now();
    let since = now - THROTTLE_WINDOW;
    let keys = throttle_keys(&email, attempt.client);
    for key in &keys {
        if s.store.count_login_failures(key, since).await? >= MAX_FAILURES {
            return Err(WebError::Throttled(THROTTLE_WINDOW));
        }
    }
    let user = s.store.find_user_by_email(&email).await?;
    let password = attempt.password.to_owned();
    // Without an account, still spend the time a hash check takes, so response times do
    // not tell which addresses have accounts.
    let hash = user
        .as_ref()
        .map(|u| u.password_hash.clone())
        .unwrap_or_else(|| DUMMY_HASH.clone());
    let ok = tokio::task::spawn_blocking(move || auth::verify_password(&password, &hash))
        .await
        .map_err(|e| WebError::Internal(format!("password check: {e}")))?;
    let user = match (ok, user) {
        // The right password of a suspended account: told so, since the password proved
        // who is asking.
        (true, Some(u)) if u.suspended_at.is_some() => {
            return Err(WebError::Conflict("err-account-suspended"));
        }
        (true, Some(u)) => u,
        _ => {
            for key in &keys {
                s.store.record_login_failure(key, now, since).await?;
            }
            return Err(WebError::Unauthorized);
        }
    };
    if user.two_factor() {
        match attempt.code {
            None => return Ok(SignedIn::NeedsCode(user)),
            Some(code) => {
                // A recovery code's use is mailed to the holder; the API has no page to
                // say how many are left.
                check_code(s, &user, code, attempt.client).await?;
            }
        }
    }
    s.store.clear_login_failures(&keys[0]).await?;
    let (token, session) = start_session(s, &user, attempt.user_agent, attempt.client).await?;
    Ok(SignedIn::Session(token, session, user))
}

/// Starts a session for `user`, who proved who they are; returns its cookie token.
pub async fn start_session(
    s: &AppState,
    user: &User,
    user_agent: Option<&str>,
    client: Option<SocketAddr>,
) -> Result<(String, Session), WebError> {
    let now = baylink_store::sql::now();
    let token = auth::random_token();
    let session = Session {
        token_hash: auth::token_hash(&token),
        user_id: user.id,
        csrf_token: auth::random_token(),
        created_at: now,
        expires_at: now + SESSION_SECONDS,
    };
    let ip = client.map(|a| a.ip().to_string());
    s.store
        .create_session_from(&session, user_agent, ip.as_deref())
        .await?;
    Ok((token, session))
}

/// A hash of a random password, checked against when the account does not exist.
static DUMMY_HASH: std::sync::LazyLock<String> =
    std::sync::LazyLock::new(|| auth::hash_password(&auth::random_token()).unwrap_or_default());

async fn login(
    State(s): State<AppState>,
    c: Ctx,
    ClientAddr(client): ClientAddr,
    UserAgent(user_agent): UserAgent,
    headers: axum::http::HeaderMap,
    form: FormData,
) -> Result<Response, WebError> {
    let attempt = SignIn {
        email: form.get("email"),
        password: form.get("password"),
        client,
        user_agent: user_agent.as_deref(),
        code: None,
    };
    match sign_in(&s, attempt).await {
        Ok(SignedIn::Session(token, _, user)) => {
            signed_in(&s, &c, &user, &token, form.get("next"), &headers).await
        }
        Ok(SignedIn::NeedsCode(user)) => {
            // The password was right: the sign-in waits for the app's code, behind a
            // cookie of its own, for a few minutes.
            let token = auth::random_token();
            s.store
                .create_challenge(
                    &auth::token_hash(&token),
                    user.id,
                    baylink_store::sql::now(),
                )
                .await?;
            let next = safe_next(form.get("next")).unwrap_or("");
            let to = if next.is_empty() {
                c.href("/login/code")
            } else {
                c.href(&format!("/login/code?next={}", super::query_value(next)))
            };
            let mut r = see(to);
            set_cookie(
                &mut r,
                &challenge_cookie(
                    &token,
                    baylink_store::CHALLENGE_SECONDS,
                    s.config.secure_cookies,
                ),
            )?;
            Ok(r)
        }
        Err(e @ (WebError::Unauthorized | WebError::Throttled(_) | WebError::Conflict(_))) => {
            let message = match e {
                WebError::Throttled(secs) => c.tn("err-throttled", "minutes", &((secs + 59) / 60)),
                WebError::Conflict(code) => c.t(code),
                _ => c.t("err-login-failed"),
            };
            let status = e.status();
            let mut f = FormState::default();
            f.values
                .insert("email".into(), form.get("email").to_owned());
            f.values.insert("next".into(), form.get("next").to_owned());
            render_invalid(
                &LoginPage {
                    c,
                    f,
                    message: Some(message),
                },
                status,
            )
        }
        Err(e) => Err(e),
    }
}

/// The cookie of a sign-in waiting for its code ([`baylink_store::TwoFactorStore`]).
pub const CHALLENGE_COOKIE: &str = "baylink_signin";

/// The `Set-Cookie` value of a waiting sign-in's token, for as long as it waits; an
/// empty token with no time left ends it.
fn challenge_cookie(token: &str, max_age: i64, secure: bool) -> String {
    format!(
        "{CHALLENGE_COOKIE}={token}; Path=/; HttpOnly; SameSite=Lax; Max-Age={max_age}{}",
        if secure { "; Secure" } else { "" }
    )
}

fn set_cookie(r: &mut Response, cookie: &str) -> Result<(), WebError> {
    r.headers_mut().append(
        header::SET_COOKIE,
        HeaderValue::from_str(cookie).map_err(|e| WebError::Internal(e.to_string()))?,
    );
    Ok(())
}

/// After a sign-in: the page's language becomes that of the account's mails, the browser
/// is noted among the account's (its holder mailed if it is new), the session cookie is
/// set, and the browser goes where it was going.
async fn signed_in(
    s: &AppState,
    c: &Ctx,
    user: &User,
    token: &str,
    next: &str,
    headers: &axum::http::HeaderMap,
) -> Result<Response, WebError> {
    s.store.set_user_locale(user.id, c.lang.code()).await?;
    let mark = auth::note_browser(s, user, headers, s.config.secure_cookies).await?;
    let next = safe_next(next)
        .map(str::to_owned)
        .unwrap_or_else(|| c.href("/"));
    let mut r = see(next);
    set_cookie(
        &mut r,
        &auth::session_cookie(token, s.config.secure_cookies),
    )?;
    if let Some(mark) = mark {
        set_cookie(&mut r, &mark)?;
    }
    Ok(r)
}

/// The second step of signing in: the code of the holder's authenticator app.
#[derive(Template)]
#[template(path = "account/code.html")]
struct CodePage {
    c: Ctx,
    next: String,
    message: Option<String>,
    /// The recovery code's form is the one sent: it stays open.
    recovery: bool,
}

/// The account of the sign-in waiting behind the request's cookie, if any.
async fn waiting(
    s: &AppState,
    headers: &axum::http::HeaderMap,
) -> Result<Option<(String, User)>, WebError> {
    let Some(token) = auth::cookie(headers, CHALLENGE_COOKIE) else {
        return Ok(None);
    };
    let hash = auth::token_hash(token);
    let user = s
        .store
        .challenge_user(&hash, baylink_store::sql::now())
        .await?;
    Ok(user.map(|u| (hash, u)))
}

async fn code_form(
    State(s): State<AppState>,
    c: Ctx,
    headers: axum::http::HeaderMap,
    Query(q): Query<HashMap<String, String>>,
) -> Result<Response, WebError> {
    let next = q.get("next").cloned().unwrap_or_default();
    if waiting(&s, &headers).await?.is_none() {
        return Ok(see(c.href("/login")));
    }
    render(&CodePage {
        c,
        next,
        message: None,
        recovery: false,
    })
}

async fn code(
    State(s): State<AppState>,
    c: Ctx,
    headers: axum::http::HeaderMap,
    ClientAddr(client): ClientAddr,
    UserAgent(user_agent): UserAgent,
    form: FormData,
) -> Result<Response, WebError> {
    let next = form.get("next").to_owned();
    let Some((challenge, user)) = waiting(&s, &headers).await? else {
        // Expired (or never begun): the password again.
        let f = FormState::default();
        let message = Some(c.t("err-two-factor-expired"));
        return render_invalid(&LoginPage { c, f, message }, StatusCode::UNAUTHORIZED);
    };
    match check_code(&s, &user, form.get("code"), client).await {
        Ok(left) => {
            s.store.end_challenge(&challenge).await?;
            s.store
                .clear_login_failures(&format!("email:{}", user.email))
                .await?;
            let (token, _) = start_session(&s, &user, user_agent.as_deref(), client).await?;
            // Signed in without the app: its page first, which says how many codes are
            // left and how to set up a new phone, as GitHub does.
            let next = match left {
                Some(left) => c.href(&format!("/account/two-factor?done=recovery&left={left}")),
                None => next,
            };
            let mut r = signed_in(&s, &c, &user, &token, &next, &headers).await?;
            set_cookie(&mut r, &challenge_cookie("", 0, s.config.secure_cookies))?;
            Ok(r)
        }
        Err(e @ (WebError::Credentials(_) | WebError::Throttled(_))) => {
            let status = e.status();
            let message = Some(match e {
                WebError::Throttled(secs) => c.tn("err-throttled", "minutes", &((secs + 59) / 60)),
                e => c.t(e.code()),
            });
            let recovery = form.get("recovery") == "1";
            let page = CodePage {
                c,
                next,
                message,
                recovery,
            };
            render_invalid(&page, status)
        }
        Err(e) => Err(e),
    }
}

async fn logout(
    State(s): State<AppState>,
    c: Ctx,
    headers: axum::http::HeaderMap,
) -> Result<Response, WebError> {
    if let Some(token) = auth::cookie(&headers, SESSION_COOKIE) {
        s.store.delete_session(&auth::token_hash(token)).await?;
    }
    let mut r = see(c.href("/"));
    r.headers_mut().insert(
        header::SET_COOKIE,
        HeaderValue::from_str(&auth::clear_cookie(s.config.secure_cookies))
            .map_err(|e| WebError::Internal(e.to_string()))?,
    );
    Ok(r)
}

#[derive(Template)]
#[template(path = "account/users.html")]
struct UsersPage {
    c: Ctx,
    users: Vec<User>,
    sides: Vec<(i64, String)>,
    orgs: Vec<(i64, String)>,
    f: FormState,
    /// Why an erasure was refused.
    refused: Option<String>,
    /// The address a link to choose a password was just mailed to.
    invited: Option<String>,
    /// The list's filter as asked.
    listed: FormState,
}

/// The sides and organisations an account may belong to, as the form's choices.
type Choices = (Vec<(i64, String)>, Vec<(i64, String)>);

async fn account_choices(s: &AppState, c: &Ctx) -> Result<Choices, WebError> {
    let sides = s
        .store
        .list_sides()
        .await?
        .into_iter()
        .map(|x| (x.id, c.name(&x.name, &x.name_script, &x.name_en)))
        .collect();
    let orgs = super::directory::org_choices(s, c, None).await?;
    Ok((sides, orgs))
}

async fn users_page(s: &AppState, c: Ctx, f: FormState) -> Result<UsersPage, WebError> {
    let users = s.store.list_users().await?;
    let (sides, orgs) = account_choices(s, &c).await?;
    Ok(UsersPage {
        c,
        users,
        sides,
        orgs,
        f,
        refused: None,
        invited: None,
        listed: FormState::default(),
    })
}

/// What the list of accounts keeps, on its page and in the API.
#[derive(Debug, Default, serde::Deserialize)]
#[serde(default)]
pub struct AccountQuery {
    /// Part of the address or the name, any case.
    pub q: Option<String>,
    /// `admin`, `secretariat`, `org_rep` or `participant`.
    pub role: Option<String>,
    /// The accounts of one organisation.
    pub org: Option<i64>,
    /// `true`: only the suspended; `false`: only those that may sign in.
    pub suspended: Option<bool>,
}

impl AccountQuery {
    pub fn keeps(&self, u: &User) -> bool {
        let text = self
            .q
            .as_deref()
            .map(|t| t.trim().to_lowercase())
            .unwrap_or_default();
        (text.is_empty()
            || u.email.contains(&text)
            || u.display_name.to_lowercase().contains(&text))
            && self
                .role
                .as_deref()
                .filter(|r| !r.is_empty())
                .is_none_or(|r| u.role.code() == r)
            && self.org.is_none_or(|o| u.org_id == Some(o))
            && self.suspended.is_none_or(|s| u.suspended_at.is_some() == s)
    }
}

async fn users(
    State(s): State<AppState>,
    c: Ctx,
    Query(q): Query<HashMap<String, String>>,
) -> Result<Response, WebError> {
    require(c.auth.as_ref(), Action::ManageUsers)?;
    let invited = q.get("invited").cloned();
    let filter = AccountQuery {
        q: q.get("q").cloned(),
        role: q.get("role").cloned(),
        org: None,
        suspended: match q.get("state").map(String::as_str) {
            Some("suspended") => Some(true),
            Some("active") => Some(false),
            _ => None,
        },
    };
    let mut page = users_page(&s, c, FormState::default()).await?;
    page.users.retain(|u| filter.keeps(u));
    page.listed = FormState::new(
        ["q", "role", "state"]
            .into_iter()
            .filter_map(|k| q.get(k).map(|v| (k.to_owned(), v.clone())))
            .collect(),
    );
    render(&UsersPage { invited, ..page })
}

async fn user_create(
    State(s): State<AppState>,
    c: Ctx,
    form: FormData,
) -> Result<Response, WebError> {
    let auth = require(c.auth.as_ref(), Action::ManageUsers)?;
    let actor = actor(auth);
    let mut errors = Vec::new();
    let input = UserInput {
        email: form.get("email").to_owned(),
        display_name: form.get("display_name").to_owned(),
        role: form.get("role").to_owned(),
        side_id: form.int("side_id", &mut errors),
        org_id: form.int("org_id", &mut errors),
    };
    let password = form.get("password").to_owned();
    // The language of the account's mails until its holder signs in (the invitation's).
    let locale = crate::i18n::Locale::ALL
        .into_iter()
        .find(|l| l.code() == form.get("locale"))
        .unwrap_or(c.lang);
    let result = async {
        if !errors.is_empty() {
            return Err(StoreError::Invalid(errors));
        }
        let draft = input.validate()?;
        if password.is_empty() {
            // No password typed: the holder chooses one from the link mailed to them.
            let token = auth::random_token();
            let link = baylink_store::NewLink {
                purpose: baylink_store::LinkPurpose::Invite,
                token: &token,
                token_hash: &auth::token_hash(&token),
                now: baylink_store::sql::now(),
            };
            let user = s
                .store
                .create_invited_user(&actor, &draft, locale.code(), link)
                .await?;
            return Ok(Some(user.email));
        }
        validate_password(&password)?;
        let hash = tokio::task::spawn_blocking(move || auth::hash_password(&password))
            .await
            .map_err(|e| StoreError::Corrupt(e.to_string()))?
            .map_err(|e| StoreError::Corrupt(e.to_string()))?;
        s.store.create_user(&actor, &draft, &hash).await?;
        Ok(None)
    }
    .await;
    match result {
        Ok(Some(invited)) => Ok(see(c.href(&format!(
            "/admin/users?invited={}",
            super::query_value(&invited)
        )))),
        Ok(None) => Ok(see(c.href("/admin/users"))),
        Err(e) => {
            let (errors, status) = form_errors(e)?;
            let mut f = FormState::with_errors(form, c.lang, &errors);
            f.values.remove("password");
            let page = users_page(&s, c, f).await?;
            render_invalid(&page, status)
        }
    }
}

/// One account, for an administrator: its address, name, role, side and organisation
/// to change, and the ways to suspend or reinstate it, mail it a password link, or erase
/// it.
#[derive(Template)]
#[template(path = "account/user.html")]
struct UserPage {
    c: Ctx,
    user: User,
    sides: Vec<(i64, String)>,
    orgs: Vec<(i64, String)>,
    f: FormState,
    /// Why a suspension was refused.
    refused: Option<String>,
    /// The changes were just saved.
    saved: bool,
    /// While two-step sign-in is on: its recovery codes not yet used.
    recovery_left: i64,
}

/// The form's values as the account stands.
fn user_values(u: &User) -> HashMap<String, String> {
    HashMap::from([
        ("email".to_owned(), u.email.clone()),
        ("display_name".to_owned(), u.display_name.clone()),
        ("role".to_owned(), u.role.code().to_owned()),
        (
            "side_id".to_owned(),
            u.side_id.map(|v| v.to_string()).unwrap_or_default(),
        ),
        (
            "org_id".to_owned(),
            u.org_id.map(|v| v.to_string()).unwrap_or_default(),
        ),
    ])
}

async fn user_page(
    s: &AppState,
    c: Ctx,
    id: &str,
    f: Option<FormState>,
) -> Result<UserPage, WebError> {
    require(c.auth.as_ref(), Action::ManageUsers)?;
    let user = s.store.get_user(path_id(id)?).await?;
    if user.is_erased() {
        return Err(WebError::NotFound);
    }
    let (sides, orgs) = account_choices(s, &c).await?;
    let f = f.unwrap_or_else(|| FormState::new(user_values(&user)));
    let recovery_left = s.store.recovery_codes_left(user.id).await?;
    Ok(UserPage {
        c,
        user,
        sides,
        orgs,
        f,
        refused: None,
        saved: false,
        recovery_left,
    })
}

async fn user_form(
    State(s): State<AppState>,
    c: Ctx,
    Path(id): Path<String>,
    Query(q): Query<HashMap<String, String>>,
) -> Result<Response, WebError> {
    let saved = q.contains_key("saved");
    render(&UserPage {
        saved,
        ..user_page(&s, c, &id, None).await?
    })
}

async fn user_update(
    State(s): State<AppState>,
    c: Ctx,
    Path(id): Path<String>,
    form: FormData,
) -> Result<Response, WebError> {
    let auth = require(c.auth.as_ref(), Action::ManageUsers)?;
    let actor = actor(auth);
    let user_id = path_id(&id)?;
    let mut errors = Vec::new();
    let input = UserInput {
        email: form.get("email").to_owned(),
        display_name: form.get("display_name").to_owned(),
        role: form.get("role").to_owned(),
        side_id: form.int("side_id", &mut errors),
        org_id: form.int("org_id", &mut errors),
    };
    let result = async {
        if !errors.is_empty() {
            return Err(StoreError::Invalid(errors));
        }
        let draft = input.validate()?;
        s.store.update_user(&actor, user_id, &draft).await
    }
    .await;
    match result {
        Ok(u) => Ok(see(c.href(&format!("/admin/users/{}?saved=1", u.id)))),
        Err(e) => {
            let (errors, status) = form_errors(e)?;
            let f = FormState::with_errors(form, c.lang, &errors);
            let page = user_page(&s, c, &id, Some(f)).await?;
            render_invalid(&page, status)
        }
    }
}

/// Suspends (`suspend=1`) or reinstates (`suspend=0`) an account; one's own is refused
/// with a localised reason, on the same page.
async fn user_suspend(
    State(s): State<AppState>,
    c: Ctx,
    Path(id): Path<String>,
    form: FormData,
) -> Result<Response, WebError> {
    let auth = require(c.auth.as_ref(), Action::ManageUsers)?;
    let actor = actor(auth);
    let suspend = form.choice("suspend")?;
    match s.store.suspend_user(&actor, path_id(&id)?, suspend).await {
        Ok(u) => Ok(see(c.href(&format!("/admin/users/{}", u.id)))),
        Err(StoreError::Conflict(code)) => {
            let refused = Some(c.t(code));
            let page = UserPage {
                refused,
                ..user_page(&s, c, &id, None).await?
            };
            render_invalid(&page, axum::http::StatusCode::CONFLICT)
        }
        Err(e) => Err(e.into()),
    }
}

/// Mails an account a link to choose a new password (a week long), for a holder who
/// cannot sign in and cannot read the "forgotten password" mail in time, or whose
/// account was made before links existed. The password stays as it is until the link is
/// used.
async fn user_password_link(
    State(s): State<AppState>,
    c: Ctx,
    Path(id): Path<String>,
) -> Result<Response, WebError> {
    require(c.auth.as_ref(), Action::ManageUsers)?;
    let user = s.store.get_user(path_id(&id)?).await?;
    if user.is_erased() {
        return Err(WebError::NotFound);
    }
    let locale = user
        .locale
        .clone()
        .unwrap_or_else(|| c.lang.code().to_owned());
    super::passwords::send_invite(&s, &user, &locale).await?;
    Ok(see(c.href(&format!(
        "/admin/users?invited={}",
        super::query_value(&user.email)
    ))))
}

/// Erases an account's personal data on its holder's request; an admin's own is refused
/// with a localised reason, on the same page.
async fn user_erase(
    State(s): State<AppState>,
    c: Ctx,
    Path(id): Path<String>,
) -> Result<Response, WebError> {
    let auth = require(c.auth.as_ref(), Action::ManageUsers)?;
    let actor = actor(auth);
    match s.store.erase_user(&actor, path_id(&id)?).await {
        Ok(_) => Ok(see(c.href("/admin/users"))),
        Err(StoreError::Conflict(code)) => {
            let refused = Some(c.t(code));
            let page = UsersPage {
                refused,
                ..users_page(&s, c, FormState::default()).await?
            };
            render_invalid(&page, axum::http::StatusCode::CONFLICT)
        }
        Err(e) => Err(e.into()),
    }
}

#[derive(Template)]
#[template(path = "account/audit.html")]
struct AuditPage {
    c: Ctx,
    page: Page<AuditEntry>,
    prev: Option<String>,
    next: Option<String>,
    /// The filter's choices of record kind, and the filter as asked.
    entities: Vec<String>,
    f: FormState,
}

/// The audit log, newest first, filtered by kind of record (and one record of it), by
/// who (part of their name or address), and by Hong Kong days; an account's page and
/// an organisation's link to their own history. A filter that is not one (a day that is
/// not a date, an id that is not a number) is said on the form, and the whole log shown.
async fn audit(
    State(s): State<AppState>,
    c: Ctx,
    Query(q): Query<HashMap<String, String>>,
) -> Result<Response, WebError> {
    require(c.auth.as_ref(), Action::ViewAudit)?;
    const SIZE: i64 = 100;
    let offset = super::paging(&q, "offset", 0);
    let get = |k: &str| q.get(k).map(|v| v.trim()).filter(|v| !v.is_empty());
    let mut errors = Vec::new();
    let day = |k: &str, errors: &mut Vec<baylink_store::FieldError>| {
        get(k).and_then(|d| {
            let t = super::event_admin::parse_hk(d, "");
            if t.is_none() {
                errors.push(baylink_store::FieldError::new(k, "err-bad-date"));
            }
            t
        })
    };
    let since = day("from", &mut errors);
    let until = day("until", &mut errors).map(|t| t + 86_400);
    let entity_id = get("entity_id").and_then(|v| {
        let id = v.parse::<i64>().ok();
        if id.is_none() {
            errors.push(baylink_store::FieldError::new(
                "entity_id",
                "err-not-a-number",
            ));
        }
        id
    });
    let filter = if errors.is_empty() {
        baylink_store::AuditFilter {
            entity: get("entity").map(str::to_owned),
            entity_id,
            actor: get("actor").map(str::to_owned),
            since,
            until,
        }
    } else {
        baylink_store::AuditFilter::default()
    };
    let page = s.store.search_audit(&filter, SIZE, offset).await?;
    // The same filter on the other pages.
    let kept: Vec<(&str, &str)> = ["entity", "entity_id", "actor", "from", "until"]
        .into_iter()
        .filter_map(|k| get(k).map(|v| (k, v)))
        .collect();
    let at = |offset: i64| {
        let mut pairs = kept.clone();
        let offset = offset.to_string();
        pairs.push(("offset", &offset));
        c.href(&format!(
            "/audit?{}",
            serde_urlencoded::to_string(&pairs).unwrap_or_default()
        ))
    };
    let prev = (offset > 0).then(|| at((offset - SIZE).max(0)));
    let next = (offset + SIZE < page.total).then(|| at(offset + SIZE));
    let entities = s.store.audit_entities().await?;
    let values: HashMap<String, String> = kept
        .iter()
        .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
        .collect();
    let f = FormState::with_errors(FormData { values }, c.lang, &errors);
    let page = AuditPage {
        c,
        page,
        prev,
        next,
        entities,
        f,
    };
    if page.f.has_errors() {
        render_invalid(&page, StatusCode::UNPROCESSABLE_ENTITY)
    } else {
        render(&page)
    }
}

/// The signed-in account's API tokens, and, once, a token just made.
#[derive(Template)]
#[template(path = "account/tokens.html")]
struct TokensPage {
    c: Ctx,
    tokens: Vec<baylink_store::ApiToken>,
    /// The token just made: shown this once, never kept.
    made: Option<String>,
    f: FormState,
}

/// The longest a token may be made for, in days.
const TOKEN_DAYS: std::ops::RangeInclusive<i64> = 1..=730;

async fn tokens_page(
    s: &AppState,
    c: Ctx,
    made: Option<String>,
    f: FormState,
) -> Result<TokensPage, WebError> {
    let user = auth::require_browser(c.auth.as_ref())?.user.id;
    let tokens = s.store.api_tokens(user).await?;
    Ok(TokensPage { c, tokens, made, f })
}

async fn tokens(State(s): State<AppState>, c: Ctx) -> Result<Response, WebError> {
    let mut r = render(&tokens_page(&s, c, None, FormState::default()).await?)?;
    r.headers_mut().insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("private, no-store"),
    );
    Ok(r)
}

/// Makes a token for the account, valid for the days asked (none: until revoked), and
/// shows it once.
async fn token_create(
    State(s): State<AppState>,
    c: Ctx,
    form: FormData,
) -> Result<Response, WebError> {
    let owner = auth::require_browser(c.auth.as_ref())?.clone();
    let mut errors = Vec::new();
    let days = form.int("days", &mut errors);
    let result = async {
        if days.is_some_and(|d| !TOKEN_DAYS.contains(&d)) {
            errors.push(
                baylink_store::FieldError::new("days", "err-token-days")
                    .with_limit(*TOKEN_DAYS.end()),
            );
        }
        if !errors.is_empty() {
            return Err(StoreError::Invalid(errors));
        }
        let token = format!("{}{}", auth::TOKEN_PREFIX, auth::random_token());
        let now = baylink_store::sql::now();
        s.store
            .create_api_token(
                &actor(&owner),
                owner.user.id,
                form.get("name"),
                &auth::token_hash(&token),
                days.map(|d| now + d * 86_400),
                !form.get("read_only").is_empty(),
            )
            .await?;
        Ok(token)
    }
    .await;
    let (made, f, status) = match result {
        Ok(token) => (Some(token), FormState::default(), None),
        Err(e) => {
            let (errors, status) = form_errors(e)?;
            (
                None,
                FormState::with_errors(form, c.lang, &errors),
                Some(status),
            )
        }
    };
    let page = tokens_page(&s, c, made, f).await?;
    let mut r = match status {
        Some(status) => render_invalid(&page, status)?,
        None => render(&page)?,
    };
    // The token is on this page: no cache keeps it.
    r.headers_mut().insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("private, no-store"),
    );
    Ok(r)
}

/// Revokes one of the account's tokens: a program using it is refused from then on.
async fn token_delete(
    State(s): State<AppState>,
    c: Ctx,
    Path(raw): Path<String>,
) -> Result<Response, WebError> {
    let owner = auth::require_browser(c.auth.as_ref())?;
    s.store
        .delete_api_token(&actor(owner), owner.user.id, path_id(&raw)?)
        .await?;
    Ok(see(c.href("/account/tokens")))
}
