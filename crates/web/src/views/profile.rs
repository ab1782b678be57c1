//! The signed-in holder's own account at `/{lang}/account`: their name as others see it,
//! the language their mails are in, the browsers signed in (and signing the others out,
//! for one left signed in on a shared computer), and the ways to the password, two-step
//! sign-in, API tokens, alerts and a copy of their data.

use askama::Template;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::{get, post};
use baylink_store::{StoreError, UserInput};
use std::collections::HashMap;

use super::{Ctx, FormData, FormState, form_errors, render, render_invalid, see};
use crate::AppState;
use crate::auth::ClientAddr;
use crate::error::WebError;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/account", get(page).post(rename))
        .route("/account/sessions/end", post(end_others))
        .route("/account/sessions/{id}/end", post(end_one))
        .route("/account/mail-language", post(choose_mail_language))
        .route("/account/email", post(change_email))
        .route(
            "/account/email/confirm/{token}",
            get(confirm_form).post(confirm),
        )
}

#[derive(Template)]
#[template(path = "account/profile.html")]
struct ProfilePage {
    c: Ctx,
    f: FormState,
    /// Every browser signed in, this one first.
    sessions: Vec<SessionLine>,
    /// The language the account's mails are written in, by name.
    mail_language: Option<String>,
    /// Its holder chose it (`locale` then), rather than letting it follow the pages.
    chosen: Option<String>,
    two_factor: bool,
    /// What was just done.
    done: Option<String>,
    /// The form that changes the sign-in address, with its errors.
    e: FormState,
    /// The address the account signs in with now.
    email: String,
}

async fn build(
    s: &AppState,
    c: Ctx,
    f: Option<FormState>,
    done: Option<String>,
) -> Result<ProfilePage, WebError> {
    let auth = crate::auth::require_browser(c.auth.as_ref())?.clone();
    let now = baylink_store::sql::now();
    let this = &auth.session.token_hash
        [..baylink_store::SESSION_ID_CHARS.min(auth.session.token_hash.len())];
    let mut sessions: Vec<SessionLine> = s
        .store
        .list_sessions(auth.user.id, now)
        .await?
        .into_iter()
        .map(|b| SessionLine {
            this: b.id == this,
            browser: b
                .user_agent
                .as_deref()
                .and_then(browser_of)
                .unwrap_or_else(|| c.t("account-session-unknown-browser")),
            agent: b.user_agent.unwrap_or_default(),
            ip: b.client_ip.unwrap_or_default(),
            since: c.time(&b.created_at),
            id: b.id,
        })
        .collect();
    sessions.sort_by_key(|l| !l.this);
    let mail_language = auth.user.locale.as_deref().and_then(|code| {
        crate::i18n::Locale::ALL
            .into_iter()
            .find(|l| l.code() == code)
            .map(|l| l.autonym().to_owned())
    });
    let f = f.unwrap_or_else(|| {
        FormState::new(HashMap::from([(
            "display_name".to_owned(),
            auth.user.display_name.clone(),
        )]))
    });
    let chosen = auth.user.locale.clone().filter(|_| auth.user.locale_chosen);
    Ok(ProfilePage {
        c,
        f,
        sessions,
        mail_language,
        chosen,
        two_factor: auth.user.two_factor(),
        done,
        e: FormState::default(),
        email: auth.user.email.clone(),
    })
}

async fn page(
    State(s): State<AppState>,
    c: Ctx,
    Query(q): Query<HashMap<String, String>>,
) -> Result<Response, WebError> {
    let done = match q.get("done").map(String::as_str) {
        Some("renamed") => Some(c.t("saved")),
        Some("email-sent") => Some(c.targ(
            "account-email-sent",
            "email",
            q.get("to").map(String::as_str).unwrap_or(""),
        )),
        Some("email-changed") => Some(c.t("account-email-changed")),
        Some("language") => Some(c.t("saved")),
        Some("ended") => {
            let n: i64 = q.get("n").and_then(|n| n.parse().ok()).unwrap_or(0);
            Some(c.tn("account-sessions-ended", "count", &n))
        }
        _ => None,
    };
    render(&build(&s, c, None, done).await?)
}

/// Changes the name the account is shown with (its address and role are the
/// administrators' to change).
async fn rename(State(s): State<AppState>, c: Ctx, form: FormData) -> Result<Response, WebError> {
    let auth = crate::auth::require_browser(c.auth.as_ref())?.clone();
    // As stored: the request's copy may hold a participant's role for now
    // ([`crate::auth::Auth::two_factor_due`]), which must not be written back.
    let user = &s.store.get_user(auth.user.id).await?;
    let result = async {
        let draft = UserInput {
            email: user.email.clone(),
            display_name: form.get("display_name").to_owned(),
            role: user.role.code().to_owned(),
            side_id: user.side_id,
            org_id: user.org_id,
        }
        .validate()?;
        let actor = baylink_store::Actor {
            user_id: Some(user.id),
            name: user.display_name.clone(),
        };
        s.store.update_user(&actor, user.id, &draft).await
    }
    .await;
    match result {
        Ok(_) => Ok(see(c.href("/account?done=renamed"))),
        Err(StoreError::Invalid(errors)) => {
            let f = FormState::with_errors(form, c.lang, &errors);
            let page = build(&s, c, Some(f), None).await?;
            render_invalid(&page, StatusCode::UNPROCESSABLE_ENTITY)
        }
        Err(e) => {
            let (errors, status) = form_errors(e)?;
            let f = FormState::with_errors(form, c.lang, &errors);
            render_invalid(&build(&s, c, Some(f), None).await?, status)
        }
    }
}

/// The language of the holder's mails: one of the three, kept whatever language they
/// then read the site in, or empty to let it follow the pages again.
async fn choose_mail_language(
    State(s): State<AppState>,
    c: Ctx,
    form: FormData,
) -> Result<Response, WebError> {
    let auth = crate::auth::require_browser(c.auth.as_ref())?.clone();
    let locale = crate::api::locale_field(Some(form.get("mail_locale")))?;
    s.store
        .choose_user_locale(auth.user.id, locale.map(|l| l.code()))
        .await?;
    Ok(see(c.href("/account?done=language")))
}

impl ProfilePage {
    /// The browsers signed in besides the reader's.
    fn others(&self) -> i64 {
        self.sessions.iter().filter(|l| !l.this).count() as i64
    }
}

/// One browser signed in, as the holder's page lists it.
struct SessionLine {
    id: String,
    /// The browser reading the page.
    this: bool,
    /// "Chrome · Windows", "WeChat · Android"…
    browser: String,
    /// The whole `User-Agent`, for a tooltip.
    agent: String,
    ip: String,
    since: String,
}

/// A `User-Agent` as a reader names a browser: its program and system ("Edge · Windows",
/// "WeChat · iOS"), by the marks each puts in it, most specific first (Edge and WeChat
/// also say Chrome or Safari); `None` when neither is known.
pub(crate) fn browser_of(ua: &str) -> Option<String> {
    let program = [
        ("MicroMessenger", "WeChat"),
        ("DingTalk", "DingTalk"),
        ("Edg", "Edge"),
        ("OPR/", "Opera"),
        ("Firefox/", "Firefox"),
        ("FxiOS", "Firefox"),
        ("CriOS", "Chrome"),
        ("Chrome/", "Chrome"),
        ("Safari/", "Safari"),
        ("curl/", "curl"),
    ]
    .into_iter()
    .find(|(mark, _)| ua.contains(mark))
    .map(|(_, name)| name);
    let system = [
        ("HarmonyOS", "HarmonyOS"),
        ("iPhone", "iOS"),
        ("iPad", "iPadOS"),
        ("Android", "Android"),
        ("Windows", "Windows"),
        ("Mac OS X", "macOS"),
        ("CrOS", "ChromeOS"),
        ("Linux", "Linux"),
    ]
    .into_iter()
    .find(|(mark, _)| ua.contains(mark))
    .map(|(_, name)| name);
    match (program, system) {
        (Some(p), Some(s)) => Some(format!("{p} · {s}")),
        (Some(one), None) | (None, Some(one)) => Some(one.to_owned()),
        (None, None) => None,
    }
}

/// Signs out one of the holder's other browsers, by its id on the page.
async fn end_one(
    State(s): State<AppState>,
    c: Ctx,
    Path(id): Path<String>,
) -> Result<Response, WebError> {
    let auth = crate::auth::require_browser(c.auth.as_ref())?.clone();
    if auth.session.token_hash.starts_with(&id) {
        // This browser signs out with the sign-out button, which also clears its cookie.
        return Err(WebError::BadRequest("err-bad-form"));
    }
    if !s.store.end_session_of(auth.user.id, &id).await? {
        return Err(WebError::NotFound);
    }
    Ok(see(c.href("/account?done=ended&n=1")))
}

/// Signs out every other browser of the account (this one stays).
async fn end_others(State(s): State<AppState>, c: Ctx) -> Result<Response, WebError> {
    let auth = crate::auth::require_browser(c.auth.as_ref())?.clone();
    let ended = s
        .store
        .end_other_sessions(auth.user.id, &auth.session.token_hash)
        .await?;
    Ok(see(c.href(&format!("/account?done=ended&n={ended}"))))
}

/// Asks to sign in with another address: the current password first (a wrong one counts
/// as a failed sign-in), then a mail to the new address whose link confirms it, so that
/// nobody signs in as an address they do not read.
async fn change_email(
    State(s): State<AppState>,
    c: Ctx,
    ClientAddr(client): ClientAddr,
    form: FormData,
) -> Result<Response, WebError> {
    let auth = crate::auth::require_browser(c.auth.as_ref())?.clone();
    let result = async {
        let email = baylink_store::validate_address(form.get("email")).map_err(WebError::from)?;
        super::passwords::check_current_password(&s, &auth, form.get("current_password"), client)
            .await?;
        let token = crate::auth::random_token();
        s.store
            .queue_email_change(
                auth.user.id,
                &email,
                c.lang.code(),
                &token,
                &crate::auth::token_hash(&token),
                baylink_store::sql::now(),
            )
            .await?;
        Ok::<String, WebError>(email)
    }
    .await;
    match result {
        Ok(email) => Ok(see(c.href(&format!(
            "/account?done=email-sent&to={}",
            super::query_value(&email)
        )))),
        Err(e) => {
            let (errors, status) = match e {
                WebError::Invalid(errors) => (errors, StatusCode::UNPROCESSABLE_ENTITY),
                WebError::Throttled(_) => (
                    vec![baylink_store::FieldError::new(
                        "current_password",
                        "err-throttled-now",
                    )],
                    StatusCode::TOO_MANY_REQUESTS,
                ),
                e => return Err(e),
            };
            let mut page = build(&s, c, None, None).await?;
            let mut e = FormState::with_errors(form, page.c.lang, &errors);
            e.values.remove("current_password");
            page.e = e;
            render_invalid(&page, status)
        }
    }
}

#[derive(Template)]
#[template(path = "account/email_confirm.html")]
struct ConfirmPage {
    c: Ctx,
    /// The new address, while the link works.
    new_email: Option<String>,
    token: String,
    message: Option<String>,
}

/// The page a confirmation link opens: a button (a mail scanner that follows links does
/// not press it), or why the link no longer works.
async fn confirm_form(
    State(s): State<AppState>,
    c: Ctx,
    Path(token): Path<String>,
) -> Result<Response, WebError> {
    let now = baylink_store::sql::now();
    let found = s
        .store
        .email_change(&crate::auth::token_hash(&token), now)
        .await?;
    let (new_email, status) = match found {
        Some((email, true, _)) => (Some(email), StatusCode::OK),
        Some(_) => (None, StatusCode::GONE),
        None => (None, StatusCode::NOT_FOUND),
    };
    let page = ConfirmPage {
        c,
        new_email,
        token,
        message: None,
    };
    Ok(super::private(render_invalid(&page, status)?))
}

async fn confirm(
    State(s): State<AppState>,
    c: Ctx,
    Path(token): Path<String>,
) -> Result<Response, WebError> {
    let now = baylink_store::sql::now();
    match s
        .store
        .confirm_email_change(&crate::auth::token_hash(&token), now)
        .await
    {
        Ok(_) => {
            let to = if c.auth.is_some() {
                "/account?done=email-changed"
            } else {
                "/login"
            };
            Ok(see(c.href(to)))
        }
        Err(StoreError::Conflict(code)) => {
            let message = Some(c.t(code));
            let page = ConfirmPage {
                c,
                new_email: None,
                token,
                message,
            };
            Ok(super::private(render_invalid(&page, StatusCode::CONFLICT)?))
        }
        Err(StoreError::Invalid(f)) => {
            let message = Some(c.t(f.first().map_or("err-email-taken", |f| f.code.as_str())));
            let page = ConfirmPage {
                c,
                new_email: None,
                token,
                message,
            };
            Ok(super::private(render_invalid(&page, StatusCode::CONFLICT)?))
        }
        Err(e) => Err(e.into()),
    }
}
