//! The outbox as the secretariat sees it (`/{lang}/admin/mail`): how many mails wait and
//! since when, which failed and why, which went lately, and a button to try the failed
//! ones at once once the mail server is mended. Mail is never lost when the server is
//! down (`crate::mail`), but it is late, and those who run the site must be able to see
//! that without reading the logs; `/metrics` says the same to a monitor.

use askama::Template;
use axum::Router;
use axum::extract::{Query, State};
use axum::response::Response;
use axum::routing::{get, post};
use baylink_store::{OutboxMessage, OutboxSummary};
use std::collections::HashMap;

use super::{Ctx, render, see};
use crate::AppState;
use crate::auth::{Action, require};
use crate::error::WebError;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/admin/mail", get(page))
        .route("/admin/mail/retry", post(retry))
}

/// Mails listed in each table.
const LISTED: i64 = 100;

#[derive(Template)]
#[template(path = "account/outbox.html")]
struct OutboxPage {
    c: Ctx,
    summary: OutboxSummary,
    waiting: Vec<OutboxMessage>,
    sent: Vec<OutboxMessage>,
    /// How many failed mails were just made due.
    retried: Option<i64>,
}

async fn page(
    State(s): State<AppState>,
    c: Ctx,
    Query(q): Query<HashMap<String, String>>,
) -> Result<Response, WebError> {
    require(c.auth.as_ref(), Action::ViewAudit)?;
    let now = baylink_store::sql::now();
    let summary = s.store.outbox_summary(now).await?;
    let waiting = s.store.outbox_list(false, LISTED).await?;
    let sent = s.store.outbox_list(true, LISTED).await?;
    let retried = q.get("retried").and_then(|n| n.parse().ok());
    // Addresses of people: kept out of shared caches.
    Ok(super::private(render(&OutboxPage {
        c,
        summary,
        waiting,
        sent,
        retried,
    })?))
}

async fn retry(State(s): State<AppState>, c: Ctx) -> Result<Response, WebError> {
    require(c.auth.as_ref(), Action::ViewAudit)?;
    let n = s.store.retry_mail_now(baylink_store::sql::now()).await?;
    Ok(see(c.href(&format!("/admin/mail?retried={n}"))))
}

/// What a mail of `kind` is about, as a Fluent key (`outbox-about-…`): the kinds are
/// many and technical, the subjects few.
pub fn about_key(kind: &str) -> &'static str {
    match kind {
        "registration" | "promoted" | "cancelled" | "invitation" | "registration_links"
        | "transfer_in" | "transfer_out" | "approvals" => "outbox-about-registration",
        "reminder" => "outbox-about-reminder",
        "feedback" | "feedback_reminder" => "outbox-about-feedback",
        "custom" => "outbox-about-announcement",
        "posting_alert" | "alert_postings" => "outbox-about-alerts",
        "password_reset" | "account_invite" | "password_changed" | "two_factor_on"
        | "two_factor_off" | "recovery_code_used" | "new_sign_in" | "email_confirm"
        | "email_changed" => "outbox-about-account",
        k if k.starts_with("market_") => "outbox-about-market",
        k if k.starts_with("mm_") || k == "agenda" => "outbox-about-matchmaking",
        _ => "outbox-about-other",
    }
}

/// The outbox's gauges in Prometheus' text format, for `/metrics`; empty when the
/// database does not answer (the request metrics are still worth having).
pub async fn metrics(s: &AppState) -> String {
    let Ok(o) = s.store.outbox_summary(baylink_store::sql::now()).await else {
        return String::new();
    };
    let oldest = o
        .oldest_waiting_at
        .map_or(0, |at| (baylink_store::sql::now() - at).max(0));
    format!(
        "# HELP baylink_mail_waiting Mails in the outbox not sent yet.\n# TYPE baylink_mail_waiting gauge\nbaylink_mail_waiting {}\n\
         # HELP baylink_mail_failing Mails waiting that the mail server refused or could not be reached for.\n# TYPE baylink_mail_failing gauge\nbaylink_mail_failing {}\n\
         # HELP baylink_mail_oldest_waiting_seconds Age of the oldest mail waiting (0: none).\n# TYPE baylink_mail_oldest_waiting_seconds gauge\nbaylink_mail_oldest_waiting_seconds {oldest}\n\
         # HELP baylink_mail_sent_last_day Mails sent in the last 24 hours.\n# TYPE baylink_mail_sent_last_day gauge\nbaylink_mail_sent_last_day {}\n",
        o.waiting, o.failing, o.sent_last_day
    )
}

#[cfg(test)]
mod tests {
    use super::about_key;
    use crate::i18n::Locale;

    /// Every kind the outbox holds is said in every language, by its group.
    #[test]
    fn every_kind_of_mail_is_named_in_every_language() {
        let kinds = [
            "registration",
            "promoted",
            "cancelled",
            "invitation",
            "registration_links",
            "transfer_in",
            "transfer_out",
            "approvals",
            "reminder",
            "feedback",
            "feedback_reminder",
            "custom",
            "posting_alert",
            "alert_postings",
            "password_reset",
            "account_invite",
            "password_changed",
            "two_factor_on",
            "two_factor_off",
            "recovery_code_used",
            "new_sign_in",
            "email_confirm",
            "email_changed",
            "market_interest",
            "mm_request",
            "agenda",
            "something_new",
        ];
        for kind in kinds {
            for l in Locale::ALL {
                assert!(l.has(about_key(kind)), "{l:?} lacks {}", about_key(kind));
            }
        }
        assert_eq!(about_key("mm_today"), "outbox-about-matchmaking");
        assert_eq!(about_key("market_stage"), "outbox-about-market");
        assert_eq!(about_key("something_new"), "outbox-about-other");
    }
}
