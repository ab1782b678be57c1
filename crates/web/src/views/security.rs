//! The site's sign-in rules, at `/{lang}/admin/security` (administrators): whether
//! administrators and secretariat staff must use two-step sign-in
//! ([`baylink_store::STAFF_TWO_FACTOR`]), and which of them have not turned it on yet.
//! An administrator turns the rule on only with two-step sign-in on their own account, so
//! that the rule never shuts out the one who set it.

use askama::Template;
use axum::Router;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use baylink_store::{Role, STAFF_TWO_FACTOR, User};
use std::collections::HashMap;

use super::{Ctx, FormData, render, render_invalid, see};
use crate::AppState;
use crate::auth::{Action, require};
use crate::error::WebError;

pub fn router() -> Router<AppState> {
    Router::new().route("/admin/security", axum::routing::get(page).post(save))
}

#[derive(Template)]
#[template(path = "account/security.html")]
struct SecurityPage {
    c: Ctx,
    /// Staff must use two-step sign-in.
    required: bool,
    /// Administrators and secretariat staff who may sign in and have not turned it on.
    without: Vec<User>,
    /// What was refused, in the reader's language.
    message: Option<String>,
    saved: bool,
}

async fn build(s: &AppState, c: Ctx, message: Option<String>) -> Result<SecurityPage, WebError> {
    require(c.auth.as_ref(), Action::ManageUsers)?;
    let required = s
        .store
        .site_setting(STAFF_TWO_FACTOR)
        .await?
        .is_some_and(|v| v == "on");
    let without = s
        .store
        .list_users()
        .await?
        .into_iter()
        .filter(|u| matches!(u.role, Role::Admin | Role::Secretariat))
        .filter(|u| u.is_active() && !u.two_factor())
        .collect();
    Ok(SecurityPage {
        c,
        required,
        without,
        message,
        saved: false,
    })
}

async fn page(
    State(s): State<AppState>,
    c: Ctx,
    Query(q): Query<HashMap<String, String>>,
) -> Result<Response, WebError> {
    let saved = q.contains_key("saved");
    render(&SecurityPage {
        saved,
        ..build(&s, c, None).await?
    })
}

/// `staff_two_factor=on` requires two-step sign-in of staff; anything else lifts it.
async fn save(State(s): State<AppState>, c: Ctx, form: FormData) -> Result<Response, WebError> {
    let auth = require(c.auth.as_ref(), Action::ManageUsers)?;
    let on = form.get("staff_two_factor") == "on";
    if on && !auth.user.two_factor() {
        let message = Some(c.t("err-two-factor-first"));
        let page = build(&s, c, message).await?;
        return render_invalid(&page, StatusCode::CONFLICT);
    }
    let actor = super::directory::actor(auth);
    s.store
        .set_site_setting(&actor, STAFF_TWO_FACTOR, if on { "on" } else { "off" })
        .await?;
    Ok(see(c.href("/admin/security?saved=1")))
}
