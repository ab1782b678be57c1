//! Two-step sign-in, set up by the account's holder at `/{lang}/account/two-factor`: the
//! page shows a new secret as a QR code for their authenticator app, and turns it on once
//! a code from the app proves the app has it; turned off with the password. An
//! administrator turns it off for a holder who lost their phone (the account's page), as
//! the command line does (`baylink user two-factor-off`). Why: [`baylink_store::two_factor`].
//!
//! Turning it on shows ten recovery codes, once, in the answer to the form that turned it
//! on (not after a redirect, so that they are never in a page a cache or the history could
//! serve again); the page makes new ones, with the password, and says how many are left.

use askama::Template;
use axum::Router;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::{get, post};

use super::{Ctx, FormData, private, render, render_invalid, see};
use crate::AppState;
use crate::api::path_id;
use crate::auth::{self, Action, require};
use crate::error::WebError;
use crate::totp;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/account/two-factor", get(page).post(change))
        .route("/admin/users/{id}/two-factor-off", post(turn_off_for))
}

/// The name an authenticator app lists the account under.
const ISSUER: &str = "Baylink";

#[derive(Template)]
#[template(path = "account/two_factor.html")]
struct TwoFactorPage {
    c: Ctx,
    on: bool,
    /// While off: the secret offered, as text and as the app's QR code.
    secret: String,
    secret_spaced: String,
    qr: String,
    /// What was refused, in the reader's language.
    message: Option<String>,
    /// What was just done, in the reader's language.
    done: Option<String>,
    /// Recovery codes just made, shown this once.
    codes: Vec<String>,
    /// While on: the recovery codes not yet used.
    left: i64,
}

impl TwoFactorPage {
    /// The recovery codes just made as a text file's contents, for a `data:` link: the
    /// account and a line per code, percent-encoded.
    fn codes_file(&self) -> String {
        let email = self.c.auth.as_ref().map(|a| a.user.email.as_str());
        let mut text = format!("Baylink {}\n\n", email.unwrap_or_default());
        for code in &self.codes {
            text.push_str(code);
            text.push('\n');
        }
        // Form encoding writes a blank as `+`, which a `data:` address keeps as is.
        super::query_value(&text).replace('+', "%20")
    }

    /// So few recovery codes are left that new ones are due.
    fn few_left(&self) -> bool {
        self.on && self.codes.is_empty() && self.left <= 3
    }
}

async fn build(
    s: &AppState,
    c: Ctx,
    secret: Option<String>,
    message: Option<String>,
    done: Option<String>,
) -> Result<TwoFactorPage, WebError> {
    let user = auth::require_browser(c.auth.as_ref())?.user.clone();
    let left = if user.two_factor() {
        s.store.recovery_codes_left(user.id).await?
    } else {
        0
    };
    let on = user.two_factor();
    let secret = if on {
        String::new()
    } else {
        secret.unwrap_or_else(totp::new_secret)
    };
    let qr = if on {
        String::new()
    } else {
        baylink_tickets::qr_svg(&totp::otpauth_uri(ISSUER, &user.email, &secret))
    };
    let secret_spaced = secret
        .as_bytes()
        .chunks(4)
        .map(|c| String::from_utf8_lossy(c).into_owned())
        .collect::<Vec<_>>()
        .join(" ");
    Ok(TwoFactorPage {
        c,
        on,
        secret,
        secret_spaced,
        qr,
        message,
        done,
        codes: Vec::new(),
        left,
    })
}

/// Ten new recovery codes, and the hashes they are kept under.
fn recovery_codes() -> (Vec<String>, Vec<String>) {
    let codes = totp::new_recovery_codes();
    let hashes = codes
        .iter()
        .map(|code| totp::recovery_hash(code).expect("a code just made reads back"))
        .collect();
    (codes, hashes)
}

/// The page after a change that made recovery codes: the codes, this once.
async fn with_codes(
    s: &AppState,
    c: Ctx,
    done: &'static str,
    codes: Vec<String>,
) -> Result<Response, WebError> {
    // The account changed under the request: read it again for the page.
    let mut c = c;
    if let Some(a) = c.auth.as_mut() {
        a.user = s.store.get_user(a.user.id).await?;
    }
    let done = Some(c.t(done));
    let mut page = build(s, c, None, None, done).await?;
    page.codes = codes;
    Ok(private(render(&page)?))
}

async fn page(
    State(s): State<AppState>,
    c: Ctx,
    axum::extract::Query(q): axum::extract::Query<std::collections::HashMap<String, String>>,
) -> Result<Response, WebError> {
    let done = match q.get("done").map(String::as_str) {
        Some("off") => Some(c.t("two-factor-turned-off")),
        Some("recovery") => {
            let left: i64 = q.get("left").and_then(|n| n.parse().ok()).unwrap_or(0);
            Some(c.tn("recovery-code-signed-in", "count", &left))
        }
        _ => None,
    };
    // The secret is on the page: no cache keeps it.
    Ok(private(render(&build(&s, c, None, None, done).await?)?))
}

/// `action=on` with the offered `secret` and a `code` the app shows for it; `action=off`,
/// or `action=codes` for new recovery codes, with the account's `password`.
async fn change(State(s): State<AppState>, c: Ctx, form: FormData) -> Result<Response, WebError> {
    let auth = auth::require_browser(c.auth.as_ref())?.clone();
    let actor = baylink_store::Actor {
        user_id: Some(auth.user.id),
        name: auth.user.display_name.clone(),
    };
    let now = baylink_store::sql::now();
    match form.get("action") {
        "on" => {
            let secret = form.get("secret").trim().to_ascii_uppercase();
            let valid = totp::base32_decode(&secret).is_some_and(|k| k.len() >= 16);
            if !valid {
                return Err(WebError::BadRequest("err-bad-form"));
            }
            let Some(step) = totp::matching_step(&secret, form.get("code"), now) else {
                let message = Some(c.t("err-two-factor-code"));
                let page = build(&s, c, Some(secret), message, None).await?;
                return Ok(private(render_invalid(
                    &page,
                    StatusCode::UNPROCESSABLE_ENTITY,
                )?));
            };
            let (codes, hashes) = recovery_codes();
            s.store
                .set_totp(&actor, auth.user.id, Some(&secret), &hashes)
                .await?;
            // The code that proved the app is used: it does not also sign in.
            s.store.take_totp_step(auth.user.id, step).await?;
            with_codes(&s, c, "two-factor-turned-on", codes).await
        }
        action @ ("off" | "codes") => {
            let (given, stored) = (
                form.get("password").to_owned(),
                auth.user.password_hash.clone(),
            );
            let ok = tokio::task::spawn_blocking(move || auth::verify_password(&given, &stored))
                .await
                .map_err(|e| WebError::Internal(format!("password check: {e}")))?;
            if !ok {
                let message = Some(c.t("err-password-wrong"));
                let page = build(&s, c, None, message, None).await?;
                return Ok(private(render_invalid(
                    &page,
                    StatusCode::UNPROCESSABLE_ENTITY,
                )?));
            }
            if action == "codes" {
                let (codes, hashes) = recovery_codes();
                s.store
                    .replace_recovery_codes(&actor, auth.user.id, &hashes)
                    .await?;
                return with_codes(&s, c, "recovery-codes-made", codes).await;
            }
            s.store.set_totp(&actor, auth.user.id, None, &[]).await?;
            Ok(see(c.href("/account/two-factor?done=off")))
        }
        _ => Err(WebError::BadRequest("err-bad-form")),
    }
}

/// An administrator turns two-step sign-in off for an account whose holder lost the
/// phone with the app; they set it up again once signed in.
async fn turn_off_for(
    State(s): State<AppState>,
    c: Ctx,
    Path(id): Path<String>,
) -> Result<Response, WebError> {
    let auth = require(c.auth.as_ref(), Action::ManageUsers)?;
    let actor = super::directory::actor(auth);
    let id = path_id(&id)?;
    s.store.set_totp(&actor, id, None, &[]).await?;
    Ok(see(c.href(&format!("/admin/users/{id}?saved=1"))))
}
