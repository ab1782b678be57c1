//! The signed-in holder's own account at `/{lang}/account`: their name as others see it,
//! the language their mails are in, the browsers signed in (and signing the others out,
//! for one left signed in on a shared computer), and the ways to the password, two-step
//! sign-in, API tokens, alerts and a copy of their data.

use askama::Template;
use axum::Router;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::{get, post};
use baylink_store::{StoreError, UserInput};
use std::collections::HashMap;

use super::{Ctx, FormData, FormState, form_errors, render, render_invalid, see};
use crate::AppState;
use crate::auth::Auth;
use crate::error::WebError;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/account", get(page).post(rename))
        .route("/account/sessions/end", post(end_others))
}

#[derive(Template)]
#[template(path = "account/profile.html")]
struct ProfilePage {
    c: Ctx,
    f: FormState,
    /// Other browsers signed in.
    others: i64,
    /// The language the account's mails are written in, by name.
    mail_language: Option<String>,
    two_factor: bool,
    /// What was just done.
    done: Option<String>,
}

/// The holder: signed in with a browser (a token acts for the account, it does not
/// manage it).
fn holder(c: &Ctx) -> Result<&Auth, WebError> {
    match c.auth.as_ref() {
        None => Err(WebError::Unauthorized),
        Some(a) if a.by_token => Err(WebError::Forbidden),
        Some(a) => Ok(a),
    }
}

async fn build(
    s: &AppState,
    c: Ctx,
    f: Option<FormState>,
    done: Option<String>,
) -> Result<ProfilePage, WebError> {
    let auth = holder(&c)?.clone();
    let now = baylink_store::sql::now();
    let others = (s.store.count_sessions(auth.user.id, now).await? - 1).max(0);
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
    Ok(ProfilePage {
        c,
        f,
        others,
        mail_language,
        two_factor: auth.user.two_factor(),
        done,
    })
}

async fn page(
    State(s): State<AppState>,
    c: Ctx,
    Query(q): Query<HashMap<String, String>>,
) -> Result<Response, WebError> {
    let done = match q.get("done").map(String::as_str) {
        Some("renamed") => Some(c.t("saved")),
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
    let auth = holder(&c)?.clone();
    let user = &auth.user;
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

/// Signs out every other browser of the account (this one stays).
async fn end_others(State(s): State<AppState>, c: Ctx) -> Result<Response, WebError> {
    let auth = holder(&c)?.clone();
    let ended = s
        .store
        .end_other_sessions(auth.user.id, &auth.session.token_hash)
        .await?;
    Ok(see(c.href(&format!("/account?done=ended&n={ended}"))))
}
