//! Accounts, sessions, CSRF and who may do what.
//!
//! * Passwords are hashed with Argon2id (the `argon2` crate's defaults, OWASP's minimum).
//! * A session is a random 256-bit token in an HttpOnly, SameSite=Lax cookie (Secure unless
//!   served on loopback); the store keeps only its SHA-256, so every node of a cluster
//!   recognises it and a database dump does not.
//! * Every state-changing request passes [`csrf_guard`]: a browser's cross-site request is
//!   refused by its `Sec-Fetch-Site`/`Origin`, and a request made with a session must echo
//!   the session's CSRF token (form field `_csrf` or header `X-CSRF-Token`).
//! * Sign-in failures are counted in the store, per address and per client, so the
//!   throttle holds across nodes.
//! * [`allowed`] is the only place that decides what a role may do.

use argon2::Argon2;
use argon2::password_hash::{PasswordHasher, PasswordVerifier};
use axum::body::{Body, to_bytes};
use axum::extract::{FromRequestParts, Request, State};
use axum::http::request::Parts;
use axum::http::{HeaderMap, Method, header};
use axum::middleware::Next;
use axum::response::Response;
use baylink_store::{Role, Session, Store, StoreError, User};
use sha2::{Digest, Sha256};

use crate::AppState;
use crate::error::WebError;

/// The session cookie's name.
pub const SESSION_COOKIE: &str = "baylink_session";
/// How long a session lasts without signing in again.
pub const SESSION_SECONDS: i64 = 12 * 3600;
/// Failed sign-ins allowed per address (and per client) within [`THROTTLE_WINDOW`].
pub const MAX_FAILURES: i64 = 5;
/// The window, in seconds, over which failures are counted.
pub const THROTTLE_WINDOW: i64 = 15 * 60;
/// The largest form body read while checking its CSRF token.
const MAX_FORM_BYTES: usize = 2 * 1024 * 1024;

/// The signed-in account of a request, put in its extensions by [`load_session`].
#[derive(Debug, Clone)]
pub struct Auth {
    pub user: User,
    pub session: Session,
    /// The events the account manages without being staff
    /// ([`baylink_store::EventManager`]); staff manage all and are not looked up.
    pub managed: Vec<i64>,
    /// Signed in by an API token (`Authorization: Bearer`), not a browser's cookie: no
    /// CSRF token to echo (a browser never sends one on its own), and no making tokens.
    pub by_token: bool,
    /// The site requires two-step sign-in of its staff ([`baylink_store::STAFF_TWO_FACTOR`])
    /// and this administrator, secretariat or event manager's account has not turned it
    /// on: `user.role` is then a participant's and `managed` empty for this request, so
    /// that every check sees a participant, and the pages say why.
    pub two_factor_due: bool,
}

/// What `user`, as loaded for a request, may do on it: the events it manages (looked up
/// only for those who are not staff), under the site's two-step rule
/// ([`baylink_store::STAFF_TWO_FACTOR`]). Where the site requires it, an account that
/// reads registrants' personal data without two-step sign-in (an administrator, the
/// secretariat, a manager of an event) acts as a participant who manages nothing, and
/// true is returned. Only such accounts cost the setting's query.
async fn rights_of(state: &AppState, user: &mut User) -> Result<(Vec<i64>, bool), WebError> {
    let staff = allowed(Some(user), Action::EditDirectory);
    let managed = if staff {
        Vec::new()
    } else {
        state.store.managed_events(user.id).await?
    };
    if user.two_factor() || (!staff && managed.is_empty()) {
        return Ok((managed, false));
    }
    let required = state
        .store
        .site_setting(baylink_store::STAFF_TWO_FACTOR)
        .await?
        .is_some_and(|v| v == "on");
    if !required {
        return Ok((managed, false));
    }
    if staff {
        user.role = Role::Participant;
    }
    Ok((Vec::new(), true))
}

/// What an API token starts with, so that one pasted where it should not be is known.
pub const TOKEN_PREFIX: &str = "blk_";

/// Something a role may or may not do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// Create records in the directory and edit any of them.
    EditDirectory,
    /// Edit this organisation.
    EditOrganisation(i64),
    /// Delete directory records.
    DeleteRecords,
    /// Read the audit log.
    ViewAudit,
    /// Create and list accounts.
    ManageUsers,
    /// Read the yearly work reports (staff: they count everyone's attendance).
    ViewReports,
}

/// Whether `user` (none: anonymous) may do `action`.
pub fn allowed(user: Option<&User>, action: Action) -> bool {
    let Some(user) = user else { return false };
    match (user.role, action) {
        (Role::Admin, _) => true,
        (Role::Secretariat, Action::ManageUsers) => false,
        (Role::Secretariat, _) => true,
        (Role::OrgRep, Action::EditOrganisation(id)) => user.org_id == Some(id),
        _ => false,
    }
}

/// The account of a request from a signed-in browser: 401 when anonymous, 403 with an
/// API token, which acts for its account but does not manage how it signs in (its
/// password, address, second step, tokens, sessions).
pub fn require_browser(auth: Option<&Auth>) -> Result<&Auth, WebError> {
    match auth {
        None => Err(WebError::Unauthorized),
        Some(a) if a.by_token => Err(WebError::Forbidden),
        Some(a) => Ok(a),
    }
}

/// Fails with 401 for anonymous requests and 403 for roles that may not.
pub fn require(auth: Option<&Auth>, action: Action) -> Result<&Auth, WebError> {
    let auth = auth.ok_or(WebError::Unauthorized)?;
    if allowed(Some(&auth.user), action) {
        Ok(auth)
    } else {
        Err(WebError::Forbidden)
    }
}

/// Requests one API token may send a minute, over all nodes: plenty for a member's
/// website or a door scanner, and a bound on a runaway script.
pub const TOKEN_REQUESTS_PER_MINUTE: u32 = 600;

/// How often a node adds its tokens' requests to the site's count ([`TokenBudget::share`]).
pub const TOKEN_SHARE_EVERY: std::time::Duration = std::time::Duration::from_secs(1);

/// Each API token's requests in the current minute. A node counts in memory and, every
/// [`TOKEN_SHARE_EVERY`], adds what it counted to the database's count of every node's and
/// learns the site's total ([`baylink_store::Store::add_token_use`]): so the budget is one
/// for the site however many nodes serve it, and a request costs no database write. Past
/// the budget a request is refused with 429 and `Retry-After` until the minute ends. Between
/// two shares each node may grant what it last knew to be left, so several nodes together
/// can overshoot by about a second's requests; a node that cannot reach the database keeps
/// counting its own.
pub struct TokenBudget {
    limit: std::sync::atomic::AtomicU32,
    used: std::sync::Mutex<std::collections::HashMap<i64, TokenUse>>,
}

/// One token's requests in one minute, as a node knows them.
#[derive(Debug, Clone, Copy, Default)]
struct TokenUse {
    minute: i64,
    /// Counted here and not yet added to the site's count.
    unshared: u32,
    /// The site's count when this node last added to it (its own included).
    known: u32,
}

impl Default for TokenBudget {
    fn default() -> TokenBudget {
        TokenBudget {
            limit: TOKEN_REQUESTS_PER_MINUTE.into(),
            used: Default::default(),
        }
    }
}

impl TokenBudget {
    /// Sets the requests a token may send a minute, every token starting afresh (for
    /// tests, and operators' tuning).
    pub fn set_limit(&self, limit: u32) {
        self.limit
            .store(limit, std::sync::atomic::Ordering::Relaxed);
        self.used.lock().unwrap_or_else(|e| e.into_inner()).clear();
    }

    /// Counts one request of the token `token_id` at `now` (Unix seconds): `Ok` within
    /// the budget, else the seconds until the minute ends.
    pub fn spend(&self, token_id: i64, now: i64) -> Result<(), i64> {
        let minute = now.div_euclid(60);
        let limit = self.limit.load(std::sync::atomic::Ordering::Relaxed);
        let mut used = self.used.lock().unwrap_or_else(|e| e.into_inner());
        if used.len() > 10_000 {
            // Tokens idle since an earlier minute hold nothing worth keeping.
            used.retain(|_, u| u.minute == minute);
        }
        let entry = used.entry(token_id).or_default();
        if entry.minute != minute {
            *entry = TokenUse {
                minute,
                ..TokenUse::default()
            };
        }
        if entry.known.saturating_add(entry.unshared) >= limit {
            return Err(60 - now.rem_euclid(60));
        }
        entry.unshared += 1;
        Ok(())
    }

    /// Adds this node's requests of the minute of `now` to the site's count and learns each
    /// token's total; returns how many tokens it shared. On a failure the requests stay
    /// counted here, to be added next time.
    pub async fn share(&self, store: &dyn Store, now: i64) -> Result<usize, StoreError> {
        let minute = now.div_euclid(60);
        let uses: Vec<(i64, i64)> = {
            let used = self.used.lock().unwrap_or_else(|e| e.into_inner());
            used.iter()
                .filter(|(_, u)| u.minute == minute)
                .map(|(id, u)| (*id, i64::from(u.unshared)))
                .collect()
        };
        if uses.is_empty() {
            return Ok(0);
        }
        let totals = store.add_token_use(minute, &uses).await?;
        let mut used = self.used.lock().unwrap_or_else(|e| e.into_inner());
        for (id, shared) in &uses {
            if let Some(u) = used.get_mut(id).filter(|u| u.minute == minute) {
                // Requests counted while the database answered stay to be shared.
                u.unshared = u.unshared.saturating_sub(*shared as u32);
                u.known = totals
                    .iter()
                    .find(|(t, _)| t == id)
                    .map_or(u.known, |(_, total)| {
                        (*total).clamp(0, i64::from(u32::MAX)) as u32
                    });
            }
        }
        Ok(uses.len())
    }

    /// Runs [`share`](Self::share) every [`TOKEN_SHARE_EVERY`] until dropped.
    pub async fn run_sharing(self: std::sync::Arc<Self>, store: std::sync::Arc<dyn Store>) {
        // Said once when it starts failing and once when it works again, not every second
        // of an outage.
        let mut failing = false;
        loop {
            tokio::time::sleep(TOKEN_SHARE_EVERY).await;
            match self.share(store.as_ref(), baylink_store::sql::now()).await {
                Err(e) if !failing => {
                    failing = true;
                    tracing::warn!(error = %e, "API tokens' requests not added to the site's count; each node counts its own until the database answers");
                }
                Ok(_) if failing => {
                    failing = false;
                    tracing::info!("API tokens' requests are added to the site's count again");
                }
                _ => {}
            }
        }
    }
}

/// Fails with 401 for anonymous requests and 403 unless the account runs `event_id`'s
/// registrations and door: staff, or one of its managers.
pub fn require_event(auth: Option<&Auth>, event_id: i64) -> Result<&Auth, WebError> {
    let auth = auth.ok_or(WebError::Unauthorized)?;
    if manages(auth, event_id) {
        Ok(auth)
    } else {
        Err(WebError::Forbidden)
    }
}

/// Whether the account runs `event_id`'s registrations and door (see [`require_event`]).
pub fn manages(auth: &Auth, event_id: i64) -> bool {
    allowed(Some(&auth.user), Action::EditDirectory) || auth.managed.contains(&event_id)
}

/// Whether the account runs `session`'s room: those who manage its event, and the
/// representatives of the organisation that organises it (承辦), who read its roster, its
/// sign-in sheet and its ratings, and nothing else of the event.
pub fn runs_session(auth: &Auth, session: &baylink_store::EventSession) -> bool {
    manages(auth, session.event_id)
        || (auth.user.org_id.is_some() && auth.user.org_id == session.organiser_org_id)
}

/// [`runs_session`] as a rule for pages and the API: signed out 401, anyone else 403.
pub fn require_session<'a>(
    auth: Option<&'a Auth>,
    session: &baylink_store::EventSession,
) -> Result<&'a Auth, WebError> {
    let auth = auth.ok_or(WebError::Unauthorized)?;
    if runs_session(auth, session) {
        Ok(auth)
    } else {
        Err(WebError::Forbidden)
    }
}

/// Hashes a password with Argon2id and a fresh salt (PHC string format).
pub fn hash_password(password: &str) -> Result<String, WebError> {
    Argon2::default()
        .hash_password(password.as_bytes())
        .map(|h| h.to_string())
        .map_err(|e| WebError::Internal(format!("hashing password: {e}")))
}

/// Checks a password against a stored PHC string.
pub fn verify_password(password: &str, hash: &str) -> bool {
    Argon2::default()
        .verify_password(password.as_bytes(), hash)
        .is_ok()
}

/// A new random token, hex.
pub fn random_token() -> String {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes).expect("the operating system's random source works");
    hex(&bytes)
}

/// What the store keeps of a session token.
pub fn token_hash(token: &str) -> String {
    hex(&Sha256::digest(token.as_bytes()))
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// The value of cookie `name` in a request's headers.
pub fn cookie<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|kv| kv.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v)
}

/// The `Set-Cookie` value that starts a session.
pub fn session_cookie(token: &str, secure: bool) -> String {
    format!(
        "{SESSION_COOKIE}={token}; Path=/; HttpOnly; SameSite=Lax; Max-Age={SESSION_SECONDS}{}",
        if secure { "; Secure" } else { "" }
    )
}

/// The cookie that marks a browser for its accounts' lists of known browsers
/// ([`baylink_store::Store::note_device`]): a random value, kept a year, only its hash
/// stored.
pub const DEVICE_COOKIE: &str = "baylink_device";

/// Notes that `user` signed in from the browser of `headers` (by its mark, or a new one):
/// the holder is mailed when it is new to an account that signed in elsewhere before.
/// Returns the `Set-Cookie` value that gives the browser a mark, when it had none.
pub async fn note_browser(
    state: &AppState,
    user: &User,
    headers: &HeaderMap,
    secure: bool,
) -> Result<Option<String>, WebError> {
    let (mark, set) = match cookie(headers, DEVICE_COOKIE).filter(|v| v.len() == 64) {
        Some(mark) => (mark.to_owned(), None),
        None => {
            let mark = random_token();
            let set = format!(
                "{DEVICE_COOKIE}={mark}; Path=/; HttpOnly; SameSite=Lax; Max-Age=31536000{}",
                if secure { "; Secure" } else { "" }
            );
            (mark, Some(set))
        }
    };
    state
        .store
        .note_device(
            user.id,
            &token_hash(&format!("device:{mark}")),
            baylink_store::sql::now(),
        )
        .await?;
    Ok(set)
}

/// The `Set-Cookie` value that ends one.
pub fn clear_cookie(secure: bool) -> String {
    format!(
        "{SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0{}",
        if secure { "; Secure" } else { "" }
    )
}

/// Looks up the API token (`Authorization: Bearer`) or else the session cookie, if any,
/// and puts the [`Auth`] in the request, with the events its account manages. Requests
/// with neither cost no database query.
pub async fn load_session(State(state): State<AppState>, mut req: Request, next: Next) -> Response {
    use axum::response::IntoResponse;
    let mut language = None;
    let bearer = req
        .headers()
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .map(|t| t.trim().to_owned());
    if let Some(token) = bearer {
        // A program's token: refused outright when unknown or expired, so that it learns
        // so instead of acting as anyone.
        let now = baylink_store::sql::now();
        let found = match state.store.api_token_user(&token_hash(&token), now).await {
            Ok(found) => found,
            Err(e) => return WebError::from(e).into_response(),
        };
        let Some((api_token, mut user)) = found else {
            return WebError::Unauthorized.into_response();
        };
        let (managed, two_factor_due) = match rights_of(&state, &mut user).await {
            Ok(rights) => rights,
            Err(e) => return e.into_response(),
        };
        if let Err(wait) = state.tokens.spend(api_token.id, now) {
            return WebError::TooManyRequests(wait).into_response();
        }
        if api_token.read_only && !is_safe(req.method()) {
            return WebError::Forbidden.into_response();
        }
        let session = Session {
            token_hash: String::new(),
            user_id: user.id,
            csrf_token: String::new(),
            created_at: api_token.created_at,
            expires_at: api_token.expires_at.unwrap_or(i64::MAX),
        };
        req.extensions_mut().insert(Auth {
            user,
            session,
            managed,
            by_token: true,
            two_factor_due,
        });
        return next.run(req).await;
    }
    if let Some(token) = cookie(req.headers(), SESSION_COOKIE) {
        let hash = token_hash(token);
        match state
            .store
            .get_session(&hash, baylink_store::sql::now())
            .await
        {
            Ok(Some((session, mut user))) => {
                language = changed_language(&user, req.method(), req.uri().path());
                let (managed, two_factor_due) = match rights_of(&state, &mut user).await {
                    Ok(rights) => rights,
                    Err(e) => return e.into_response(),
                };
                req.extensions_mut().insert(Auth {
                    user,
                    session,
                    managed,
                    by_token: false,
                    two_factor_due,
                });
            }
            Ok(None) => {}
            Err(e) => {
                return WebError::from(e).into_response();
            }
        }
    }
    let response = next.run(req).await;
    let taken = response.status().is_success() || response.status().is_redirection();
    if let Some((id, lang)) = language.filter(|_| taken)
        && let Err(e) = state.store.set_user_locale(id, lang).await
    {
        // A preference: the next form sent in that language tries again.
        tracing::warn!(error = %e, user = id, "the account's language was not remembered");
    }
    response
}

/// The account and the language to remember for it, when a signed-in account sends a form
/// from a page in a language other than the one on record: the mails it is sent then
/// follow the language it last worked in (a switch of language included), not only the one
/// it signed in with.
///
/// Why forms only, and after they succeed: a refused form changes nothing, the language
/// included; and a write in front of a page read made pages wait behind any transaction in
/// progress (seen in a test that holds one while the organiser's page is read), where a
/// form writes anyway. A page only read in another language changes nothing.
fn changed_language(user: &User, method: &Method, path: &str) -> Option<(i64, &'static str)> {
    let lang = crate::i18n::Locale::from_path(path)?;
    let changed = user.locale.as_deref() != Some(lang.code()) && !user.locale_chosen;
    (!is_safe(method) && changed && !user.is_erased()).then_some((user.id, lang.code()))
}

fn is_safe(method: &Method) -> bool {
    matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS)
}

/// Refuses cross-site state-changing requests, and those made with a session that do not
/// carry its CSRF token.
pub async fn csrf_guard(req: Request, next: Next) -> Result<Response, WebError> {
    if is_safe(req.method()) {
        return Ok(next.run(req).await);
    }
    let headers = req.headers();
    if let Some(site) = headers.get("sec-fetch-site").and_then(|v| v.to_str().ok()) {
        if site != "same-origin" && site != "none" {
            return Err(WebError::Csrf);
        }
    } else if let Some(origin) = headers.get(header::ORIGIN).and_then(|v| v.to_str().ok()) {
        let host = headers.get(header::HOST).and_then(|v| v.to_str().ok());
        let origin_host = origin.split_once("://").map(|(_, h)| h);
        if origin == "null" || origin_host != host {
            return Err(WebError::Csrf);
        }
    }
    let Some(expected) = req
        .extensions()
        .get::<Auth>()
        .filter(|a| !a.by_token)
        .map(|a| a.session.csrf_token.clone())
    else {
        return Ok(next.run(req).await);
    };
    if let Some(given) = headers.get("x-csrf-token").and_then(|v| v.to_str().ok()) {
        return if constant_eq(given, &expected) {
            Ok(next.run(req).await)
        } else {
            Err(WebError::Csrf)
        };
    }
    let is_form = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|ct| ct.starts_with("application/x-www-form-urlencoded"));
    if !is_form {
        // A file upload (multipart) carries the token in its action URL instead.
        let in_query = req
            .uri()
            .query()
            .and_then(|q| serde_urlencoded::from_str::<Vec<(String, String)>>(q).ok())
            .and_then(|pairs| {
                pairs
                    .into_iter()
                    .find(|(k, _)| k == "_csrf")
                    .map(|(_, v)| v)
            });
        return match in_query {
            Some(given) if constant_eq(&given, &expected) => Ok(next.run(req).await),
            _ => Err(WebError::Csrf),
        };
    }
    // The token is in the body; read it, check it, and hand the same bytes on.
    let (parts, body) = req.into_parts();
    let bytes = to_bytes(body, MAX_FORM_BYTES)
        .await
        .map_err(|_| WebError::BadRequest("err-body-too-large"))?;
    let given = form_urlencoded_value(&bytes, "_csrf");
    if !given.is_some_and(|g| constant_eq(&g, &expected)) {
        return Err(WebError::Csrf);
    }
    Ok(next
        .run(Request::from_parts(parts, Body::from(bytes)))
        .await)
}

/// Compares two tokens in time independent of where they differ.
fn constant_eq(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.bytes()
            .zip(b.bytes())
            .fold(0u8, |acc, (x, y)| acc | (x ^ y))
            == 0
}

/// The first value of `key` in a URL-encoded form body.
fn form_urlencoded_value(body: &[u8], key: &str) -> Option<String> {
    serde_urlencoded::from_bytes::<Vec<(String, String)>>(body)
        .ok()?
        .into_iter()
        .find(|(k, _)| k == key)
        .map(|(_, v)| v)
}

/// The client's address, where the server knows it (it does when served by [`crate::serve`]).
pub struct ClientAddr(pub Option<std::net::SocketAddr>);

impl<S: Send + Sync> FromRequestParts<S> for ClientAddr {
    type Rejection = WebError;
    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, WebError> {
        Ok(ClientAddr(
            parts
                .extensions
                .get::<axum::extract::ConnectInfo<std::net::SocketAddr>>()
                .map(|ci| ci.0),
        ))
    }
}

/// The request's `User-Agent`, where it sent one: kept with a session so that its holder
/// can tell their browsers apart ([`baylink_store::Store::list_sessions`]).
pub struct UserAgent(pub Option<String>);

impl<S: Send + Sync> FromRequestParts<S> for UserAgent {
    type Rejection = WebError;
    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, WebError> {
        Ok(UserAgent(
            parts
                .headers
                .get(header::USER_AGENT)
                .and_then(|v| v.to_str().ok())
                .map(str::to_owned),
        ))
    }
}

/// The request's signed-in account, if any. Never fails.
pub struct MaybeAuth(pub Option<Auth>);

impl<S: Send + Sync> FromRequestParts<S> for MaybeAuth {
    type Rejection = WebError;
    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, WebError> {
        Ok(MaybeAuth(parts.extensions.get::<Auth>().cloned()))
    }
}

#[cfg(test)]
mod tests {

    #[test]
    fn a_token_spends_its_minute_then_waits_for_the_next() {
        let budget = TokenBudget::default();
        budget.set_limit(3);
        let t = 1_800_000_015; // 15 s into a minute (1_800_000_000 starts one)
        for _ in 0..3 {
            assert_eq!(budget.spend(1, t), Ok(()));
        }
        assert_eq!(budget.spend(1, t + 1), Err(44), "until the minute ends");
        assert_eq!(budget.spend(2, t + 1), Ok(()), "another token has its own");
        assert_eq!(budget.spend(1, t + 45), Ok(()), "a new minute");
    }

    use super::*;

    fn user(role: Role, org: Option<i64>) -> User {
        User {
            id: 1,
            email: "a@b.c".into(),
            display_name: "A".into(),
            role,
            side_id: None,
            org_id: org,
            password_hash: String::new(),
            created_at: 0,
            locale: None,
            suspended_at: None,
            totp_secret: None,
            last_sign_in_at: None,
            locale_chosen: false,
        }
    }

    #[test]
    fn roles_allow_what_they_should() {
        let rep = user(Role::OrgRep, Some(7));
        assert!(allowed(Some(&rep), Action::EditOrganisation(7)));
        assert!(!allowed(Some(&rep), Action::EditOrganisation(8)));
        assert!(!allowed(Some(&rep), Action::EditDirectory));
        let sec = user(Role::Secretariat, None);
        assert!(allowed(Some(&sec), Action::DeleteRecords));
        assert!(!allowed(Some(&sec), Action::ManageUsers));
        assert!(allowed(Some(&user(Role::Admin, None)), Action::ManageUsers));
        assert!(!allowed(
            Some(&user(Role::Participant, None)),
            Action::ViewAudit
        ));
        assert!(!allowed(None, Action::ViewAudit));
    }

    #[test]
    fn passwords_verify() {
        let h = hash_password("correct horse battery").unwrap();
        assert!(verify_password("correct horse battery", &h));
        assert!(!verify_password("wrong horse battery", &h));
    }

    #[test]
    fn csrf_token_is_found_in_a_form() {
        let body = b"name=%E6%9C%83+x&_csrf=ab%20c";
        assert_eq!(
            form_urlencoded_value(body, "_csrf").as_deref(),
            Some("ab c")
        );
        assert_eq!(form_urlencoded_value(body, "missing"), None);
        assert!(constant_eq("abc", "abc") && !constant_eq("abc", "abd") && !constant_eq("a", "ab"));
    }
}
