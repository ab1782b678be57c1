//! Sending the outbox.
//!
//! What to send is committed to the `outbox` table in the same transaction as what it
//! announces (a registration, a promotion from the waiting list, a cancellation). A worker
//! on every node claims due messages one at a time (a lease keeps two nodes from sending
//! the same one), writes them in the participant's language from the registration as it
//! is now, and hands them to the SMTP server. When the server is down the message is
//! retried with growing delays: mail is late, never lost.

use std::sync::Arc;
use std::time::Duration;

use baylink_store::{OutboxMessage, RegStatus, Store, StoreError};
use fluent_templates::fluent_bundle::FluentValue;
use lettre::message::header::ContentType;
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};

use crate::i18n::Locale;

/// Stands for the site's public address in a `custom` message's body.
pub const SITE_PLACEHOLDER: &str = "{site}";

/// Where mail goes and what links in it point to.
#[derive(Debug, Clone)]
pub struct MailConfig {
    /// SMTP server host and port (plain SMTP, as to a local relay).
    pub smtp_host: String,
    pub smtp_port: u16,
    /// The sender, `Name <address>` or an address.
    pub from: String,
    /// The public address of the site, for links: `https://baylink.example.org`.
    pub base_url: String,
}

/// How long a claimed message is reserved for its sender.
const LEASE_SECONDS: i64 = 300;

/// The delay before retry `attempt` (1, 2, …): 30 s doubling to at most an hour.
pub fn backoff(attempt: i64) -> i64 {
    (30_i64 << (attempt.clamp(1, 8) - 1)).min(3600)
}

/// A message written out: recipient, subject, plain-text body.
#[derive(Debug, Clone, PartialEq)]
pub struct Composed {
    pub to: String,
    pub subject: String,
    pub body: String,
}

/// Writes an outbox message in its recipient's language.
pub async fn compose(
    store: &dyn Store,
    m: &OutboxMessage,
    base_url: &str,
) -> Result<Composed, StoreError> {
    let lang = Locale::from_prefix(&m.locale).unwrap_or(Locale::ZhHant);
    if m.kind == "custom" {
        // Written when queued; only the site's address is filled in now, since the page
        // that queued it does not know under which address readers reach the site.
        return Ok(Composed {
            to: m.to_addr.clone(),
            subject: m.subject.clone().unwrap_or_default(),
            body: m
                .body
                .clone()
                .unwrap_or_default()
                .replace(SITE_PLACEHOLDER, base_url.trim_end_matches('/')),
        });
    }
    if m.kind == "invitation" {
        let inv = store
            .get_invitation(m.invitation_id.ok_or(StoreError::NotFound)?)
            .await?;
        let event = store.get_event(inv.event_id).await?;
        let args = [
            ("event", event_title(lang, &event)),
            (
                "name",
                FluentValue::from(lang.text(&inv.name, &inv.name_script).into_owned()),
            ),
            ("when", FluentValue::from(starts(&event))),
            (
                "link",
                FluentValue::from(format!(
                    "{}/invitations/{}",
                    site_in(base_url, lang),
                    inv.token
                )),
            ),
            (
                "expires",
                FluentValue::from(crate::views::events::day(inv.expires_at)),
            ),
        ];
        return Ok(Composed {
            to: inv.email.clone(),
            subject: lang.t_args("mail-invitation-subject", &args),
            body: lang.t_args("mail-invitation-body", &args),
        });
    }
    if m.kind == "registration_links" {
        return links_mail(store, m, lang, base_url).await;
    }
    if m.kind == "agenda" {
        return agenda_mail(store, m, lang, base_url).await;
    }
    if m.kind == "mm_reminder" {
        return reminder_mail(store, m, lang, base_url, "mail-mm-reminder-subject").await;
    }
    // The day's mail of one who takes requests once a day: what waits for them then.
    if m.kind == "mm_digest" {
        return reminder_mail(store, m, lang, base_url, "mail-mm-digest-subject").await;
    }
    if m.kind == "mm_today" {
        return today_mail(store, m, lang, base_url).await;
    }
    if m.kind == "mm_followup" {
        return followup_mail(store, m, lang, base_url).await;
    }
    if m.kind == "mm_unpublished" {
        return unpublished_mail(store, m, lang, base_url).await;
    }
    if m.kind == "mm_nudge" {
        return nudge_mail(store, m, lang, base_url).await;
    }
    if m.kind == "mm_coop" || m.kind == "mm_coop_ask" {
        return cooperation_mail(store, m, lang, base_url).await;
    }
    if matches!(
        m.kind.as_str(),
        "market_interest" | "market_decided" | "market_stage"
    ) {
        return market_mail(store, m, lang, base_url).await;
    }
    if m.kind == "market_review" || m.kind == "market_expiry" {
        return review_mail(store, m, lang, base_url).await;
    }
    if matches!(
        m.kind.as_str(),
        "mm_request"
            | "mm_answer"
            | "mm_moved"
            | "mm_cancelled"
            | "mm_cancelled_by_organiser"
            | "mm_arranged"
            | "mm_booked"
            | "mm_auto"
            | "mm_handed_on"
            | "mm_message"
    ) {
        return request_mail(store, m, lang, base_url).await;
    }
    if m.kind == "reminder" {
        return event_reminder_mail(store, m, lang, base_url).await;
    }
    if m.kind == "approvals" {
        return approvals_mail(store, m, lang, base_url).await;
    }
    if m.kind == "feedback" || m.kind == "feedback_reminder" {
        return feedback_mail(store, m, lang, base_url).await;
    }
    if m.kind == "posting_alert" {
        return alert_mail(store, m, lang, base_url).await;
    }
    if m.kind == "alert_postings" {
        return alert_postings_mail(store, m, lang, base_url).await;
    }
    if m.kind == "transfer_in" || m.kind == "transfer_out" {
        return transfer_mail(store, m, lang, base_url).await;
    }
    if m.kind == "password_reset" || m.kind == "account_invite" {
        return password_mail(store, m, lang, base_url).await;
    }
    if m.kind == "email_confirm" || m.kind == "email_changed" {
        return email_mail(m, lang, base_url);
    }
    if matches!(
        m.kind.as_str(),
        "password_changed"
            | "two_factor_on"
            | "two_factor_off"
            | "recovery_code_used"
            | "new_sign_in"
    ) {
        return security_mail(store, m, lang, base_url).await;
    }
    if !matches!(m.kind.as_str(), "registration" | "promoted" | "cancelled") {
        return Err(StoreError::Corrupt(format!(
            "unknown outbox kind {:?}",
            m.kind
        )));
    }
    let (reg, event) = recipient(store, m).await?;
    let title = lang.name(&event.title, &event.title_script, event.title_en.as_deref());
    let link = registration_link(base_url, lang, &reg.manage_token, "");
    let when = starts(&event);
    // A place from the waiting list confirms the seat, which may bring the questions
    // asked only then.
    let answers = if matches!(m.kind.as_str(), "registration" | "promoted") {
        answers_block(store, lang, &reg, event.id).await?
    } else {
        String::new()
    };
    let subject_key = match (m.kind.as_str(), reg.status) {
        ("cancelled", _) => "mail-cancelled-subject",
        ("promoted", _) => "mail-promoted-subject",
        (_, RegStatus::Confirmed) => "mail-confirmed-subject",
        (_, RegStatus::Waiting) => "mail-waiting-subject",
        (_, RegStatus::Pending) => "mail-pending-subject",
        (_, _) => "mail-declined-subject",
    };
    let args = [
        ("event", FluentValue::from(title.clone())),
        ("name", holder(lang, &reg)),
        ("when", FluentValue::from(when)),
        ("link", FluentValue::from(link)),
        ("status", FluentValue::from(lang.t(&reg.status.label_key()))),
        ("answers", FluentValue::from(answers)),
    ];
    Ok(Composed {
        to: reg.email.clone(),
        subject: lang.t_args(subject_key, &args),
        body: lang.t_args("mail-body", &args),
    })
}

/// The postings new to an alert (`posting_alert`): those published between its last look
/// and the mail's queueing that match it, as they stand now (withdrawn ones left out), at
/// most [`crate::views::alerts::MAIL_POSTINGS`] with a link to the rest, each title in the
/// reader's script; and how to stop it. None left: nothing to send (`NotFound`).
async fn alert_mail(
    store: &dyn Store,
    m: &OutboxMessage,
    lang: Locale,
    base_url: &str,
) -> Result<Composed, StoreError> {
    use crate::views::alerts;
    let alert = store
        .get_posting_alert(m.alert_id.ok_or(StoreError::NotFound)?)
        .await?;
    let since = m.alert_since.unwrap_or(alert.created_at);
    let filter = alerts::news_filter(&alert, since, m.created_at, alerts::MAIL_POSTINGS)
        .ok_or(StoreError::NotFound)?;
    let found = store.list_postings(&filter).await?;
    if found.items.is_empty() {
        return Err(StoreError::NotFound);
    }
    let site = site_in(base_url, lang);
    let mut lines: Vec<String> = found
        .items
        .iter()
        .map(|p| alerts::posting_line(lang, p, &site))
        .collect();
    let more = found.total - found.items.len() as i64;
    if more > 0 {
        lines.push(lang.t_args(
            "mail-alert-more",
            &[
                ("count", FluentValue::from(more)),
                (
                    "link",
                    FluentValue::from(format!("{site}/postings?{}", alert.filters)),
                ),
            ],
        ));
    }
    let keys = ("mail-alert-subject", "mail-alert-body");
    alert_listing(store, m, lang, &site, &alert, found.total, &lines, keys).await
}

/// An alert's mail listing `lines`, `count` postings in all, with its filters in words and
/// the links to the reader's alerts and to stop this one; `keys` are its subject and body.
#[allow(clippy::too_many_arguments)]
async fn alert_listing(
    store: &dyn Store,
    m: &OutboxMessage,
    lang: Locale,
    site: &str,
    alert: &baylink_store::market::PostingAlert,
    count: i64,
    lines: &[String],
    (subject, body): (&str, &str),
) -> Result<Composed, StoreError> {
    use crate::views::alerts;
    let args = [
        (
            "filters",
            FluentValue::from(alerts::describe(store, lang, alert).await),
        ),
        ("count", FluentValue::from(count)),
        ("postings", FluentValue::from(lines.join("\n"))),
        (
            "stop",
            FluentValue::from(format!("{site}/alerts/{}", alert.stop_token)),
        ),
        (
            "alerts",
            FluentValue::from(format!("{site}/account/alerts")),
        ),
    ];
    Ok(Composed {
        to: m.to_addr.clone(),
        subject: lang.t_args(subject, &args),
        body: lang.t_args(body, &args),
    })
}

/// The postings a web node found for an alert: new counterparts of an organisation's
/// postings, to a representative who asked ([`crate::views::alerts::counterparts`]), or
/// new postings with an alert's words ([`crate::views::alerts::searches`]); those found
/// when the alert looked, as they are now, so that a posting withdrawn or expired since is
/// left out; nothing left, no mail ([`StoreError::NotFound`]).
async fn alert_postings_mail(
    store: &dyn Store,
    m: &OutboxMessage,
    lang: Locale,
    base_url: &str,
) -> Result<Composed, StoreError> {
    use crate::views::alerts;
    let alert = store
        .get_posting_alert(m.alert_id.ok_or(StoreError::NotFound)?)
        .await?;
    let today = crate::views::events::today();
    let site = site_in(base_url, lang);
    let mut lines = Vec::new();
    let mut count = 0;
    for id in m
        .posting_ids
        .as_deref()
        .unwrap_or_default()
        .split(',')
        .filter_map(|id| id.parse::<i64>().ok())
    {
        match store.get_posting(id).await {
            Ok(p) if p.live(&today) => {
                count += 1;
                if count <= alerts::MAIL_POSTINGS {
                    lines.push(alerts::posting_line(lang, &p, &site));
                }
            }
            Ok(_) | Err(StoreError::NotFound) => {}
            Err(e) => return Err(e),
        }
    }
    if count == 0 {
        return Err(StoreError::NotFound);
    }
    if count > alerts::MAIL_POSTINGS {
        lines.push(lang.t_args(
            "mail-alert-more",
            &[
                ("count", FluentValue::from(count - alerts::MAIL_POSTINGS)),
                (
                    "link",
                    FluentValue::from(format!("{site}{}", alerts::page_of(&alert))),
                ),
            ],
        ));
    }
    let keys = if alert.filters == alerts::COUNTERPARTS {
        ("mail-counterparts-subject", "mail-counterparts-body")
    } else {
        ("mail-alert-subject", "mail-alert-body")
    };
    alert_listing(store, m, lang, &site, &alert, count, &lines, keys).await
}

/// A place handed on (換人出席): to the one it went to, who handed it and their link (with
/// the questions that wait for them), or to the one who handed it on, whose it is now.
async fn transfer_mail(
    store: &dyn Store,
    m: &OutboxMessage,
    lang: Locale,
    base_url: &str,
) -> Result<Composed, StoreError> {
    let (reg, event) = recipient(store, m).await?;
    let title = lang.name(&event.title, &event.title_script, event.title_en.as_deref());
    let other = if m.kind == "transfer_in" {
        store.transferred_from(reg.id).await?
    } else {
        match reg.transferred_to {
            Some(to) => Some(store.get_registration(to).await?),
            None => None,
        }
    }
    .ok_or(StoreError::NotFound)?;
    let answers = if m.kind == "transfer_in" {
        let mut block = answers_block(store, lang, &reg, event.id).await?;
        block.push_str(&handed_meetings(store, lang, base_url, &reg).await?);
        block
    } else {
        String::new()
    };
    let args = [
        ("event", FluentValue::from(title)),
        ("name", holder(lang, &reg)),
        ("other", holder(lang, &other)),
        ("when", FluentValue::from(starts(&event))),
        (
            "link",
            FluentValue::from(registration_link(base_url, lang, &reg.manage_token, "")),
        ),
        ("status", FluentValue::from(lang.t(&reg.status.label_key()))),
        ("answers", FluentValue::from(answers)),
    ];
    let (subject, body) = if m.kind == "transfer_in" {
        ("mail-transfer-in-subject", "mail-transfer-in-body")
    } else {
        ("mail-transfer-out-subject", "mail-transfer-out-body")
    };
    Ok(Composed {
        to: reg.email.clone(),
        subject: lang.t_args(subject, &args),
        body: lang.t_args(body, &args),
    })
}

/// A link that sets an account's password ([`baylink_store::passwords`]): asked for from
/// "forgotten password", or an administrator's invitation. Its token is the message's
/// secret; a link used or expired before its mail could go is not sent (`NotFound`), since
/// it would only lead to "this link no longer works".
async fn password_mail(
    store: &dyn Store,
    m: &OutboxMessage,
    lang: Locale,
    base_url: &str,
) -> Result<Composed, StoreError> {
    let token = m.secret.as_deref().ok_or(StoreError::NotFound)?;
    let (link, user) = store
        .password_link(&crate::auth::token_hash(token))
        .await?
        .ok_or(StoreError::NotFound)?;
    if link.used_at.is_some() || link.expires_at <= baylink_store::sql::now() {
        return Err(StoreError::NotFound);
    }
    let args = [
        ("name", FluentValue::from(user.display_name.clone())),
        ("email", FluentValue::from(user.email.clone())),
        (
            "link",
            FluentValue::from(format!(
                "{}/password/reset/{token}",
                site_in(base_url, lang)
            )),
        ),
        (
            "until",
            FluentValue::from(format!(
                "{} {}",
                crate::views::events::day(link.expires_at),
                crate::views::events::clock(link.expires_at)
            )),
        ),
        (
            "site",
            FluentValue::from(base_url.trim_end_matches('/').to_owned()),
        ),
    ];
    let (subject, body) = match link.purpose {
        baylink_store::LinkPurpose::Reset => {
            ("mail-password-reset-subject", "mail-password-reset-body")
        }
        baylink_store::LinkPurpose::Invite => {
            ("mail-account-invite-subject", "mail-account-invite-body")
        }
    };
    Ok(Composed {
        to: user.email,
        subject: lang.t_args(subject, &args),
        body: lang.t_args(body, &args),
    })
}

/// A new sign-in address: the link that confirms it, to the new address
/// (`email_confirm`, its token the message's secret), or the notice to the old one that
/// the account now signs in with the new (`email_changed`, the new address in the body).
fn email_mail(m: &OutboxMessage, lang: Locale, base_url: &str) -> Result<Composed, StoreError> {
    let (subject, body, args) = if m.kind == "email_confirm" {
        let token = m.secret.as_deref().ok_or(StoreError::NotFound)?;
        let link = format!("{}/account/email/confirm/{token}", site_in(base_url, lang));
        (
            "mail-email-confirm-subject",
            "mail-email-confirm-body",
            [
                ("email", FluentValue::from(m.to_addr.clone())),
                ("link", FluentValue::from(link)),
            ],
        )
    } else {
        let new = m.body.clone().ok_or(StoreError::NotFound)?;
        (
            "mail-email-changed-subject",
            "mail-email-changed-body",
            [
                ("email", FluentValue::from(new)),
                (
                    "link",
                    FluentValue::from(format!("{}/password/forgot", site_in(base_url, lang))),
                ),
            ],
        )
    };
    Ok(Composed {
        to: m.to_addr.clone(),
        subject: lang.t_args(subject, &args),
        body: lang.t_args(body, &args),
    })
}

/// A change to how an account signs in, to its holder: the password changed, two-step
/// sign-in turned on or off, a recovery code used, a browser never used before signed in.
/// Whoever did not make it learns of it, with the way to take the account back.
async fn security_mail(
    store: &dyn Store,
    m: &OutboxMessage,
    lang: Locale,
    base_url: &str,
) -> Result<Composed, StoreError> {
    let user = store
        .find_user_by_email(&m.to_addr)
        .await?
        .filter(|u| !u.is_erased())
        .ok_or(StoreError::NotFound)?;
    // For a new browser: the newest signed in when the mail is written (the one it is
    // about, unless another came since), named as the account page names it.
    let newest = match m.kind.as_str() {
        "new_sign_in" => store
            .list_sessions(user.id, baylink_store::sql::now())
            .await?
            .into_iter()
            .next(),
        _ => None,
    };
    let browser = newest
        .as_ref()
        .and_then(|b| b.user_agent.as_deref())
        .and_then(crate::views::profile::browser_of)
        .unwrap_or_else(|| lang.t("account-session-unknown-browser"));
    let address = newest.and_then(|b| b.client_ip).unwrap_or_default();
    let args = [
        ("browser", FluentValue::from(browser)),
        ("address", FluentValue::from(address)),
        (
            "account",
            FluentValue::from(format!("{}/account", site_in(base_url, lang))),
        ),
        ("name", FluentValue::from(user.display_name.clone())),
        ("email", FluentValue::from(user.email.clone())),
        (
            "when",
            FluentValue::from(format!(
                "{} {}",
                crate::views::events::day(m.created_at),
                crate::views::events::clock(m.created_at)
            )),
        ),
        (
            "link",
            FluentValue::from(format!("{}/password/forgot", site_in(base_url, lang))),
        ),
    ];
    let (subject, body) = match m.kind.as_str() {
        "password_changed" => (
            "mail-password-changed-subject",
            "mail-password-changed-body",
        ),
        "two_factor_on" => ("mail-two-factor-on-subject", "mail-two-factor-on-body"),
        "new_sign_in" => ("mail-new-sign-in-subject", "mail-new-sign-in-body"),
        "recovery_code_used" => (
            "mail-recovery-code-used-subject",
            "mail-recovery-code-used-body",
        ),
        _ => ("mail-two-factor-off-subject", "mail-two-factor-off-body"),
    };
    Ok(Composed {
        to: user.email,
        subject: lang.t_args(subject, &args),
        body: lang.t_args(body, &args),
    })
}

/// For the colleague who took a place: the meetings and requests that came with it
/// ([`baylink_store::EventStore::transfer_registration`]), those placed a line each, as
/// they stand when the mail is sent. Empty when none came.
async fn handed_meetings(
    store: &dyn Store,
    lang: Locale,
    base_url: &str,
    reg: &baylink_store::Registration,
) -> Result<String, StoreError> {
    use baylink_store::RequestStatus;
    let requests: Vec<_> = store
        .meeting_requests(reg.event_id)
        .await?
        .into_iter()
        .filter(|r| r.from_reg == reg.id || r.to_reg == reg.id)
        .filter(|r| matches!(r.status, RequestStatus::Pending | RequestStatus::Accepted))
        .collect();
    if requests.is_empty() {
        return Ok(String::new());
    }
    let slots = store.meeting_slots(reg.event_id).await?;
    let placed = placed_lines(store, lang, reg.id, &requests, &slots, None).await?;
    let meetings = requests
        .iter()
        .filter(|r| r.status == RequestStatus::Accepted)
        .count();
    let lines = if placed.is_empty() {
        String::new()
    } else {
        format!("\n\n{}", placed.join("\n"))
    };
    Ok(format!(
        "\n\n{}",
        lang.t_args(
            "mail-transfer-in-meetings",
            &[
                ("count", FluentValue::from(meetings)),
                ("lines", FluentValue::from(lines)),
                (
                    "link",
                    FluentValue::from(registration_link(
                        base_url,
                        lang,
                        &reg.manage_token,
                        "/matchmaking",
                    )),
                ),
            ],
        )
    ))
}

/// For a registration's confirmation: the answers to the organiser's own questions, a
/// line each, so that the registrant keeps a record of them; or, for a colleague a
/// representative entered, that required ones wait for them. Empty when the event asks
/// none.
async fn answers_block(
    store: &dyn Store,
    lang: Locale,
    reg: &baylink_store::Registration,
    event_id: i64,
) -> Result<String, StoreError> {
    let questions = baylink_store::questions::asked_of(
        &store.questions(event_id).await?,
        reg.status == RegStatus::Confirmed,
    );
    if questions.is_empty() {
        return Ok(String::new());
    }
    let answers = store.answers_of(reg.id).await?;
    let mut block = String::new();
    let lines: Vec<String> = crate::views::questions::answered(lang, &questions, &answers)
        .into_iter()
        .map(|(question, answer)| {
            lang.t_args(
                "mail-answer-line",
                &[
                    ("question", FluentValue::from(question)),
                    ("answer", FluentValue::from(answer)),
                ],
            )
        })
        .collect();
    if !lines.is_empty() {
        block.push_str(&format!(
            "\n\n{}\n{}",
            lang.t("mail-answers"),
            lines.join("\n")
        ));
    }
    if baylink_store::questions::required_unanswered(&questions, &answers) {
        block.push_str(&format!("\n\n{}", lang.t("mail-questions-unanswered")));
    }
    Ok(block)
}

/// Hands one message to the SMTP server.
pub async fn deliver(config: &MailConfig, c: &Composed) -> Result<(), String> {
    let message = Message::builder()
        .from(config.from.parse().map_err(|e| format!("sender: {e}"))?)
        .to(c.to.parse().map_err(|e| format!("recipient: {e}"))?)
        .subject(c.subject.clone())
        .header(ContentType::TEXT_PLAIN)
        .body(c.body.clone())
        .map_err(|e| format!("message: {e}"))?;
    let transport = AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(&config.smtp_host)
        .port(config.smtp_port)
        .timeout(Some(Duration::from_secs(20)))
        .build();
    transport
        .send(message)
        .await
        .map(|_| ())
        .map_err(|e| e.to_string())
}

/// Sends every message that is due, until none is; returns how many went out.
pub async fn send_due(store: &dyn Store, config: &MailConfig) -> Result<usize, StoreError> {
    send_due_at(store, config, baylink_store::sql::now()).await
}

/// [`send_due`] as if it were `now`, so tests can step past a retry delay.
pub async fn send_due_at(
    store: &dyn Store,
    config: &MailConfig,
    now: i64,
) -> Result<usize, StoreError> {
    let mut sent = 0;
    loop {
        let Some(m) = store.claim_mail(now, now + LEASE_SECONDS).await? else {
            return Ok(sent);
        };
        let outcome = match compose(store, &m, &config.base_url).await {
            Ok(c) => deliver(config, &c).await,
            // The registration is gone (its event was deleted): nothing left to announce.
            Err(StoreError::NotFound) => Ok(()),
            Err(e) => Err(e.to_string()),
        };
        match outcome {
            Ok(()) => {
                store.mark_mail_sent(m.id, now).await?;
                sent += 1;
            }
            Err(error) if past_its_day(&m.kind, now, now + backoff(m.attempts)) => {
                // The day's meetings are no news the next day: given up, as a mail with
                // nothing left to say is.
                tracing::warn!(id = m.id, attempts = m.attempts, %error, "the day's meetings not sent that day; given up");
                store.mark_mail_sent(m.id, now).await?;
                return Ok(sent);
            }
            Err(error) => {
                tracing::warn!(id = m.id, attempts = m.attempts, %error, "mail not sent; will retry");
                store
                    .mark_mail_failed(m.id, &error, now + backoff(m.attempts))
                    .await?;
                return Ok(sent);
            }
        }
    }
}

/// Whether a mail of `kind` that failed at `now` would be tried again (at `retry_at`) only
/// on another day in Hong Kong than the one it is about: the day's meetings (`mm_today`).
fn past_its_day(kind: &str, now: i64, retry_at: i64) -> bool {
    use baylink_store::matchmaking::hk_day;
    kind == "mm_today" && hk_day(retry_at) != hk_day(now)
}

/// How often the worker looks for events to remind their registrants of.
const REMINDER_SWEEP_SECONDS: i64 = 60;

/// Runs [`send_due`] every `every` until the task is dropped, and about once a minute
/// queues the reminders of the events coming
/// ([`baylink_store::EventStore::queue_event_reminders`]) first.
pub async fn run(store: Arc<dyn Store>, config: MailConfig, every: Duration) {
    let mut swept = i64::MIN;
    loop {
        let now = baylink_store::sql::now();
        if now.saturating_sub(swept) >= REMINDER_SWEEP_SECONDS {
            swept = now;
            match store.queue_event_reminders(now).await {
                Ok(0) => {}
                Ok(n) => tracing::info!(queued = n, "event reminders queued"),
                Err(e) => tracing::error!(error = %e, "event reminders"),
            }
            match store.queue_approval_notices(now).await {
                Ok(0) => {}
                Ok(n) => tracing::info!(queued = n, "approval notices queued"),
                Err(e) => tracing::error!(error = %e, "approval notices"),
            }
            match crate::views::alerts::sweep(store.as_ref(), now).await {
                Ok(0) => {}
                Ok(n) => tracing::info!(queued = n, "alerts of new postings queued"),
                Err(e) => tracing::error!(error = %e, "alerts of new postings"),
            }
        }
        if let Err(e) = send_due(store.as_ref(), &config).await {
            tracing::error!(error = %e, "outbox worker");
        }
        tokio::time::sleep(every).await;
    }
}

/// When an event starts, as mails say it: day and time in Hong Kong.
fn starts(event: &baylink_store::Event) -> String {
    format!(
        "{} {}",
        crate::views::events::day(event.starts_at),
        crate::views::events::clock(event.starts_at)
    )
}

/// An event's title as a mail argument, in the reader's language and script.
fn event_title(lang: Locale, event: &baylink_store::Event) -> FluentValue<'static> {
    FluentValue::from(lang.name(&event.title, &event.title_script, event.title_en.as_deref()))
}

/// The links of every registration made with the mail's address and of every invitation
/// to it still waiting, as they stand when it is sent, for a holder who lost them
/// (`queue_registration_links`). Erased registrations and the demo's are left out; with
/// none left, there is nothing to send (`NotFound`).
async fn links_mail(
    store: &dyn Store,
    m: &OutboxMessage,
    lang: Locale,
    base_url: &str,
) -> Result<Composed, StoreError> {
    let held = crate::views::events::held_by(store, &m.to_addr, baylink_store::sql::now()).await?;
    let site = site_in(base_url, lang);
    // One line each: the event, when, where it stands, and the personal link.
    let line = |event: &baylink_store::Event, state: String, link: String| {
        format!(
            "· {} · {} · {state}\n  {site}{link}",
            lang.name(&event.title, &event.title_script, event.title_en.as_deref()),
            starts(event),
        )
    };
    // The demo's registrations have made-up addresses; nobody is written to about them.
    let registrations = held.registrations.iter().filter(|(r, _)| !r.synthetic);
    let lines: Vec<String> = registrations
        .map(|(reg, event)| {
            let state = lang.t(&reg.status.label_key());
            line(event, state, format!("/registrations/{}", reg.manage_token))
        })
        .chain(held.invitations.iter().map(|(inv, event)| {
            let until = [(
                "expires",
                FluentValue::from(crate::views::events::day(inv.expires_at)),
            )];
            let state = lang.t_args("mail-links-invited", &until);
            line(event, state, format!("/invitations/{}", inv.token))
        }))
        .collect();
    if lines.is_empty() {
        return Err(StoreError::NotFound);
    }
    let args = [
        ("count", FluentValue::from(lines.len())),
        ("lines", FluentValue::from(lines.join("\n\n"))),
    ];
    Ok(Composed {
        to: m.to_addr.clone(),
        subject: lang.t_args("mail-links-subject", &args),
        body: lang.t_args("mail-links-body", &args),
    })
}

/// The site's pages in `lang`, for a mail's links (`https://…/zh-Hant`).
fn site_in(base_url: &str, lang: Locale) -> String {
    format!("{}/{}", base_url.trim_end_matches('/'), lang.code())
}

/// A participant's matchmaking page, for a mail in `lang`.
fn matchmaking_link(base_url: &str, lang: Locale, token: &str) -> String {
    registration_link(base_url, lang, token, "/matchmaking")
}

/// A registration's page (or one of its pages, `tail`) by its secret, in `lang`.
fn registration_link(base_url: &str, lang: Locale, token: &str, tail: &str) -> String {
    format!("{}/registrations/{token}{tail}", site_in(base_url, lang))
}

/// The registrant's name as the mail greets them, in the reader's script.
fn holder(lang: Locale, reg: &baylink_store::Registration) -> FluentValue<'static> {
    FluentValue::from(lang.text(&reg.name, &reg.name_script).into_owned())
}

/// A participant as a mail names them to another: their name, with their organisation
/// when they gave one, in the reader's script.
fn who_with_organisation(lang: Locale, r: &baylink_store::Registration) -> String {
    if r.is_erased() {
        return lang.t("erased-name");
    }
    let name = lang.text(&r.name, &r.name_script).into_owned();
    match r.organisation.as_deref() {
        Some(org) if !org.trim().is_empty() => lang.t_args(
            "mm-who-org",
            &[
                ("name", FluentValue::from(name)),
                (
                    "organisation",
                    FluentValue::from(lang.text(org, &r.name_script).into_owned()),
                ),
            ],
        ),
        _ => name,
    }
}

/// "Please answer by …", when the event's matchmaking has an acceptance deadline.
async fn answer_by(store: &dyn Store, lang: Locale, event_id: i64) -> Result<String, StoreError> {
    let deadline = store
        .matchmaking(event_id)
        .await?
        .and_then(|mm| mm.accept_deadline);
    Ok(deadline_line(lang, "mail-mm-answer-by", deadline))
}

/// The line `key` with a deadline's date and time, or nothing without a deadline.
fn deadline_line(lang: Locale, key: &str, deadline: Option<i64>) -> String {
    match deadline {
        Some(at) => lang.t_args(
            key,
            &[(
                "date",
                FluentValue::from(format!(
                    "{} {}",
                    crate::views::events::day(at),
                    crate::views::events::clock(at)
                )),
            )],
        ),
        None => String::new(),
    }
}

/// The participant an outbox message is for, and their event.
async fn recipient(
    store: &dyn Store,
    m: &OutboxMessage,
) -> Result<(baylink_store::Registration, baylink_store::Event), StoreError> {
    let reg = store
        .get_registration(m.registration_id.ok_or(StoreError::NotFound)?)
        .await?;
    let event = store.get_event(reg.event_id).await?;
    Ok((reg, event))
}

/// To an event's manager: how many registrations await their approval as it is sent, and
/// the link to them (`EventStore::queue_approval_notices`). None left (decided meanwhile):
/// nothing to say (`NotFound`, so it is dropped).
async fn approvals_mail(
    store: &dyn Store,
    m: &OutboxMessage,
    lang: Locale,
    base_url: &str,
) -> Result<Composed, StoreError> {
    let (_, event) = recipient(store, m).await?;
    let waiting = store
        .list_registrations(event.id, None, Some(RegStatus::Pending), 1, 0)
        .await?
        .total;
    if waiting == 0 {
        return Err(StoreError::NotFound);
    }
    let args = [
        ("event", event_title(lang, &event)),
        ("count", FluentValue::from(waiting)),
        (
            "link",
            FluentValue::from(format!(
                "{}/events/{}/registrations?status=pending",
                site_in(base_url, lang),
                event.id
            )),
        ),
    ];
    Ok(Composed {
        to: m.to_addr.clone(),
        subject: lang.t_args("mail-approvals-subject", &args),
        body: lang.t_args("mail-approvals-body", &args),
    })
}

/// The organiser's request for feedback after the event, with the link to the form; not
/// sent to one who lost their seat or was erased meanwhile.
async fn feedback_mail(
    store: &dyn Store,
    m: &OutboxMessage,
    lang: Locale,
    base_url: &str,
) -> Result<Composed, StoreError> {
    let (reg, event) = recipient(store, m).await?;
    if reg.status != RegStatus::Confirmed || reg.is_erased() {
        return Err(StoreError::NotFound);
    }
    // A reminder to one who answered meanwhile is not sent.
    if m.kind == "feedback_reminder" && store.feedback_of(reg.id).await?.is_some() {
        return Err(StoreError::NotFound);
    }
    let args = [
        ("event", event_title(lang, &event)),
        ("name", holder(lang, &reg)),
        (
            "link",
            FluentValue::from(registration_link(
                base_url,
                lang,
                &reg.manage_token,
                "/feedback",
            )),
        ),
        (
            "until",
            FluentValue::from(crate::views::events::day(
                crate::views::feedback::closes_at(&event),
            )),
        ),
    ];
    Ok(Composed {
        to: reg.email.clone(),
        subject: if m.kind == "feedback_reminder" {
            lang.t_args("mail-feedback-reminder-subject", &args)
        } else {
            lang.t_args("mail-feedback-subject", &args)
        },
        body: lang.t_args("mail-feedback-body", &args),
    })
}

/// The reminder before an event (`EventStore::queue_event_reminders`): when and where,
/// and the link to the ticket and to cancel. Nothing left to say (`NotFound`, so it is
/// dropped) once the registration is no longer confirmed or the event has begun.
async fn event_reminder_mail(
    store: &dyn Store,
    m: &OutboxMessage,
    lang: Locale,
    base_url: &str,
) -> Result<Composed, StoreError> {
    let (reg, event) = recipient(store, m).await?;
    if reg.status != RegStatus::Confirmed || event.starts_at <= baylink_store::sql::now() {
        return Err(StoreError::NotFound);
    }
    let place = event
        .venue
        .as_deref()
        .map(|v| lang.name(v, &event.venue_script, event.venue_en.as_deref()));
    let args = [
        ("event", event_title(lang, &event)),
        ("name", holder(lang, &reg)),
        ("when", FluentValue::from(starts(&event))),
        (
            "place",
            FluentValue::from(place.clone().unwrap_or_default()),
        ),
        (
            "link",
            FluentValue::from(registration_link(base_url, lang, &reg.manage_token, "")),
        ),
    ];
    let body = if place.is_some() {
        "mail-event-reminder-body"
    } else {
        "mail-event-reminder-body-no-place"
    };
    Ok(Composed {
        to: reg.email.clone(),
        subject: lang.t_args("mail-event-reminder-subject", &args),
        body: lang.t_args(body, &args),
    })
}

/// A matchmaking mail to `reg`: the arguments every one takes (the event, the
/// participant's name, the link to their matchmaking page) with `more`.
fn compose_to(
    lang: Locale,
    base_url: &str,
    reg: &baylink_store::Registration,
    event: &baylink_store::Event,
    subject: &str,
    body: &str,
    more: &[(&'static str, FluentValue<'static>)],
) -> Composed {
    let mut args = vec![
        ("event", event_title(lang, event)),
        ("name", holder(lang, reg)),
        (
            "link",
            FluentValue::from(matchmaking_link(base_url, lang, &reg.manage_token)),
        ),
    ];
    args.extend(more.iter().cloned());
    Composed {
        to: reg.email.clone(),
        subject: lang.t_args(subject, &args),
        body: lang.t_args(body, &args),
    }
}

/// The requests waiting for a participant's answer, as the organiser's reminder and the
/// day's mail (under `subject`) list them when they are sent; with none left by then,
/// there is nothing to tell ([`StoreError::NotFound`]).
async fn reminder_mail(
    store: &dyn Store,
    m: &OutboxMessage,
    lang: Locale,
    base_url: &str,
    subject: &str,
) -> Result<Composed, StoreError> {
    use baylink_store::RequestStatus;
    let (reg, event) = recipient(store, m).await?;
    let mut lines = Vec::new();
    for r in store.meeting_requests(event.id).await? {
        if r.to_reg == reg.id && r.status == RequestStatus::Pending {
            lines.push(format!(
                "· {}",
                who_with_organisation(lang, &store.get_registration(r.from_reg).await?)
            ));
        }
    }
    if lines.is_empty() {
        return Err(StoreError::NotFound);
    }
    let args = [
        ("lines", FluentValue::from(lines.join("\n"))),
        (
            "deadline",
            FluentValue::from(answer_by(store, lang, event.id).await?),
        ),
    ];
    Ok(compose_to(
        lang,
        base_url,
        &reg,
        &event,
        subject,
        "mail-mm-reminder-body",
        &args,
    ))
}

/// A request for outcomes, as it stands when sent: the recipient's meetings that have
/// ended and whose outcome they have not told, in time order; dropped
/// ([`StoreError::NotFound`]) once they have told them all.
async fn followup_mail(
    store: &dyn Store,
    m: &OutboxMessage,
    lang: Locale,
    base_url: &str,
) -> Result<Composed, StoreError> {
    use baylink_store::RequestStatus;
    let (reg, event) = recipient(store, m).await?;
    let slots = store.meeting_slots(event.id).await?;
    let now = baylink_store::sql::now();
    let published = store
        .matchmaking(event.id)
        .await?
        .is_some_and(|mm| mm.status == baylink_store::MatchmakingStatus::Published);
    let owed: Vec<baylink_store::MeetingRequest> = store
        .meeting_requests(event.id)
        .await?
        .into_iter()
        .filter(|r| r.status == RequestStatus::Accepted && r.placed_for_all(published))
        .filter(|r| {
            let mine = if r.from_reg == reg.id {
                &r.outcome_from
            } else if r.to_reg == reg.id {
                &r.outcome_to
            } else {
                return false;
            };
            mine.is_none()
                && slots
                    .iter()
                    .any(|s| Some(s.id) == r.slot_id && s.ends_at <= now)
        })
        .collect();
    let lines = placed_lines(store, lang, reg.id, &owed, &slots, None).await?;
    if lines.is_empty() {
        return Err(StoreError::NotFound);
    }
    Ok(compose_to(
        lang,
        base_url,
        &reg,
        &event,
        "mail-mm-followup-subject",
        "mail-mm-followup-body",
        &[("lines", FluentValue::from(lines.join("\n")))],
    ))
}

/// The meeting request a mail is about, as it stands now (one gone since: nothing to
/// announce, [`StoreError::NotFound`]).
async fn mailed_request(
    store: &dyn Store,
    m: &OutboxMessage,
    event_id: i64,
) -> Result<baylink_store::MeetingRequest, StoreError> {
    let id = m.meeting_request_id.ok_or(StoreError::NotFound)?;
    // By its id: an event's every request, read for each of its mails, would be read
    // ten thousand times over at a large event.
    let request = store.meeting_request(id).await?;
    if request.event_id != event_id {
        return Err(StoreError::NotFound);
    }
    Ok(request)
}

/// `text` quoted on lines of its own for a mail's body, or nothing when it is blank.
fn quoted(lang: Locale, text: &str) -> String {
    if text.trim().is_empty() {
        return String::new();
    }
    format!(
        "\n{}\n",
        lang.t_args(
            "mail-mm-quote",
            &[("message", FluentValue::from(text.trim().to_owned()))]
        )
    )
}

/// Where the cooperation after a meeting stands, as it stands when sent: to the side that
/// did not move it (both, when the organiser did), with the last move's note, or the
/// reason it was taken back (`mm_coop`);
/// or the organiser's question where it has got to, to both sides (`mm_coop_ask`), which
/// is dropped once it is implemented or closed. One gone since (the meeting erased) is not
/// announced ([`StoreError::NotFound`]).
async fn cooperation_mail(
    store: &dyn Store,
    m: &OutboxMessage,
    lang: Locale,
    base_url: &str,
) -> Result<Composed, StoreError> {
    let (reg, event) = recipient(store, m).await?;
    let request = mailed_request(store, m, event.id).await?;
    let id = request.id;
    let coop = store
        .cooperations(event.id)
        .await?
        .into_iter()
        .find(|x| x.request_id == id)
        .ok_or(StoreError::NotFound)?;
    let last = store
        .cooperation_steps(id)
        .await?
        .pop()
        .ok_or(StoreError::NotFound)?;
    let stage = crate::views::matchmaking::cooperation_words(
        lang,
        Some(&coop.stage),
        coop.agreement_type.as_deref(),
    );
    let other = who_with_organisation(
        lang,
        &store.get_registration(request.other_side(reg.id)).await?,
    );
    let note = quoted(lang, &lang.text(&last.note, &last.note_script));
    // A side who has moved it since the mail was queued knows where it stands.
    if m.kind == "mm_coop" && last.by_reg == Some(reg.id) {
        return Err(StoreError::NotFound);
    }
    let (subject, body) = match (m.kind.as_str(), last.by_reg, last.takes_back) {
        ("mm_coop_ask", _, _) if coop.next().is_empty() => return Err(StoreError::NotFound),
        ("mm_coop_ask", _, _) => ("mail-mm-coop-ask-subject", "mail-mm-coop-ask-body"),
        (_, Some(_), false) => ("mail-mm-coop-subject", "mail-mm-coop-body"),
        (_, None, false) => ("mail-mm-coop-subject", "mail-mm-coop-organiser-body"),
        (_, Some(_), true) => ("mail-mm-coop-subject", "mail-mm-coop-back-body"),
        (_, None, true) => ("mail-mm-coop-subject", "mail-mm-coop-back-organiser-body"),
    };
    Ok(compose_to(
        lang,
        base_url,
        &reg,
        &event,
        subject,
        body,
        &[
            ("stage", FluentValue::from(stage)),
            ("other", FluentValue::from(other)),
            ("note", FluentValue::from(note)),
        ],
    ))
}

/// The account a mail about the market goes to, by its address; one erased since (its
/// address changed) is gone ([`StoreError::NotFound`]).
async fn account_of(
    store: &dyn Store,
    m: &OutboxMessage,
) -> Result<baylink_store::User, StoreError> {
    store
        .find_user_by_email(&m.to_addr)
        .await?
        .ok_or(StoreError::NotFound)
}

/// A mail to the account `m` is addressed to, its `subject` and `body` written in `lang`.
fn to_account(
    m: &OutboxMessage,
    lang: Locale,
    subject: &str,
    body: &str,
    args: &[(&'static str, FluentValue<'static>)],
) -> Composed {
    Composed {
        to: m.to_addr.clone(),
        subject: lang.t_args(subject, args),
        body: lang.t_args(body, args),
    }
}

/// `text`, stored without its script (a review's reason, a pipeline note), in the reader's
/// script: the script it is written in is told from the text itself.
fn as_written(lang: Locale, text: &str) -> String {
    let script = baylink_text::detect(text, baylink_text::Script::Hant);
    lang.text(text, script.code()).into_owned()
}

/// The secretariat's word on a posting, to its owners, as the posting stands when sent:
/// its review (`market_review`: published, with where readers find it, or returned, with
/// the reason and where to edit it; one edited or withdrawn since is not announced) or a
/// reminder that it expires (`market_expiry`, with the date it is shown until then, unless
/// withdrawn since). A mail to an address no account holds any more is dropped
/// ([`StoreError::NotFound`]).
async fn review_mail(
    store: &dyn Store,
    m: &OutboxMessage,
    lang: Locale,
    base_url: &str,
) -> Result<Composed, StoreError> {
    use baylink_store::market::PostingStatus;
    let posting = store
        .get_posting(m.posting_id.ok_or(StoreError::NotFound)?)
        .await?;
    let to = account_of(store, m).await?;
    let site = site_in(base_url, lang);
    let (subject, body, link, reason) = match (m.kind.as_str(), posting.status) {
        ("market_expiry", PostingStatus::Withdrawn) => return Err(StoreError::NotFound),
        ("market_expiry", _) => (
            "mail-expiry-subject",
            "mail-expiry-body",
            format!("{site}/postings/{}/edit", posting.id),
            String::new(),
        ),
        (_, PostingStatus::Published) => (
            "mail-market-published-subject",
            "mail-market-published-body",
            format!("{site}/postings/{}", posting.id),
            String::new(),
        ),
        (_, PostingStatus::Returned) => (
            "mail-market-returned-subject",
            "mail-market-returned-body",
            format!("{site}/postings/{}/edit", posting.id),
            quoted(
                lang,
                &as_written(lang, posting.review_note.as_deref().unwrap_or_default()),
            ),
        ),
        _ => return Err(StoreError::NotFound),
    };
    let args = [
        ("name", FluentValue::from(to.display_name)),
        (
            "title",
            FluentValue::from(lang.text(&posting.title, &posting.script).into_owned()),
        ),
        ("link", FluentValue::from(link)),
        ("note", FluentValue::from(reason)),
        ("date", FluentValue::from(posting.expires_on.clone())),
    ];
    Ok(to_account(m, lang, subject, body, &args))
}

/// An introduction's news, to the side it concerns, written from the interest as it
/// stands when sent: an interest in a posting, to its owners (`market_interest`; dropped
/// once they have answered it), their answer, to the interested party (`market_decided`),
/// and a move along the pipeline or its take-back, to the side that did not make it
/// (`market_stage`; dropped when the recipient has moved it since). A mail to an address
/// no account holds any more (erased since) is dropped ([`StoreError::NotFound`]).
async fn market_mail(
    store: &dyn Store,
    m: &OutboxMessage,
    lang: Locale,
    base_url: &str,
) -> Result<Composed, StoreError> {
    use baylink_store::market::InterestStatus;
    let interest = store
        .get_interest(m.interest_id.ok_or(StoreError::NotFound)?)
        .await?;
    let to = account_of(store, m).await?;
    let site = site_in(base_url, lang);
    let organisation = |id: i64| async move {
        let o = store.get_organisation(id).await?;
        Ok::<_, StoreError>(lang.name(&o.name, &o.name_script, o.name_en.as_deref()))
    };
    // Someone with the organisation they speak for, if any.
    let someone = |name: String, org: Option<String>| match org {
        Some(org) => lang.t_args(
            "mm-who-org",
            &[
                ("name", FluentValue::from(name)),
                ("organisation", FluentValue::from(org)),
            ],
        ),
        None => name,
    };
    let introduction = format!("{site}/interests/{}", interest.id);
    let (subject, body, other, link, more) = match (m.kind.as_str(), interest.status) {
        ("market_interest", InterestStatus::Pending) => {
            let org = match interest.from_org_id {
                Some(id) => Some(organisation(id).await?),
                None => None,
            };
            let message = lang.text(&interest.message, &interest.message_script);
            (
                "mail-market-interest-subject",
                "mail-market-interest-body",
                someone(interest.from_name.clone(), org),
                format!("{site}/postings/{}", interest.posting_id),
                vec![("message", quoted(lang, &message))],
            )
        }
        ("market_decided", InterestStatus::Accepted) => (
            "mail-market-accepted-subject",
            "mail-market-accepted-body",
            organisation(interest.posting_org_id).await?,
            introduction,
            Vec::new(),
        ),
        ("market_decided", InterestStatus::Declined) => (
            "mail-market-declined-subject",
            "mail-market-declined-body",
            organisation(interest.posting_org_id).await?,
            format!("{site}/postings"),
            Vec::new(),
        ),
        ("market_stage", InterestStatus::Accepted) => {
            let last = store
                .pipeline_steps(interest.id)
                .await?
                .pop()
                .ok_or(StoreError::NotFound)?;
            // One who has moved it since knows where it stands: nothing to tell them.
            let mover = match last.user_id {
                Some(id) if id != to.id => store.get_user(id).await?,
                _ => return Err(StoreError::NotFound),
            };
            let org = match mover.org_id {
                Some(id) => Some(organisation(id).await?),
                None => None,
            };
            let stage = crate::views::matchmaking::cooperation_words(
                lang,
                interest.stage.as_deref(),
                interest.agreement_type.as_deref(),
            );
            let body = if last.takes_back {
                "mail-market-stage-back-body"
            } else {
                "mail-market-stage-body"
            };
            (
                "mail-market-stage-subject",
                body,
                someone(mover.display_name, org),
                introduction,
                vec![
                    ("stage", stage),
                    ("note", quoted(lang, &as_written(lang, &last.note))),
                ],
            )
        }
        // Answered before the mail about it went, or no longer what it told.
        _ => return Err(StoreError::NotFound),
    };
    let title = lang
        .text(&interest.posting_title, &interest.posting_script)
        .into_owned();
    let mut args = vec![
        ("name", FluentValue::from(to.display_name)),
        ("title", FluentValue::from(title)),
        ("other", FluentValue::from(other)),
        ("link", FluentValue::from(link)),
    ];
    args.extend(more.into_iter().map(|(k, v)| (k, FluentValue::from(v))));
    Ok(to_account(m, lang, subject, body, &args))
}

/// An invitation to book, to a participant with no meeting yet, as it stands when sent:
/// one who has since sent or received a request that is pending or accepted is not
/// invited any more ([`StoreError::NotFound`]).
async fn nudge_mail(
    store: &dyn Store,
    m: &OutboxMessage,
    lang: Locale,
    base_url: &str,
) -> Result<Composed, StoreError> {
    let (reg, event) = recipient(store, m).await?;
    let busy = store
        .meeting_requests(event.id)
        .await?
        .into_iter()
        .any(|r| r.engages(reg.id));
    if busy {
        return Err(StoreError::NotFound);
    }
    let deadline = store
        .matchmaking(event.id)
        .await?
        .and_then(|mm| mm.request_deadline);
    let deadline = deadline_line(lang, "mail-mm-request-by", deadline);
    Ok(compose_to(
        lang,
        base_url,
        &reg,
        &event,
        "mail-mm-nudge-subject",
        "mail-mm-nudge-body",
        &[("deadline", FluentValue::from(deadline))],
    ))
}

/// A meeting request, to the side asked (`mm_request`), its answer, to the side asking
/// (`mm_answer`), or its cancellation, to the side that did not cancel (`mm_cancelled`) or
/// to both when the organiser did (`mm_cancelled_by_organiser`), written from the request as it stands when the mail is sent: a request
/// answered (or expired) before its mail went out is not announced any more, and an
/// answer says what the request says now. Such a mail is dropped as
/// [`StoreError::NotFound`], which the sender counts as nothing left to announce.
async fn request_mail(
    store: &dyn Store,
    m: &OutboxMessage,
    lang: Locale,
    base_url: &str,
) -> Result<Composed, StoreError> {
    use baylink_store::RequestStatus;
    let (reg, event) = recipient(store, m).await?;
    let request = mailed_request(store, m, reg.event_id).await?;
    let (subject, body) = match (m.kind.as_str(), request.status) {
        ("mm_request", RequestStatus::Pending) => {
            ("mail-mm-request-subject", "mail-mm-request-body")
        }
        // Accepted on arrival, where the event says so: a meeting, which they may cancel.
        ("mm_auto", RequestStatus::Accepted) => ("mail-mm-auto-subject", "mail-mm-auto-body"),
        // Already placed (booked by the one who accepted, or scheduled since): say where.
        ("mm_answer", RequestStatus::Accepted) if request.slot_id.is_some() => {
            ("mail-mm-booked-subject", "mail-mm-booked-body")
        }
        ("mm_answer", RequestStatus::Accepted) => {
            ("mail-mm-accepted-subject", "mail-mm-accepted-body")
        }
        // Moved by the other side, where participants book: say where it is now.
        ("mm_moved", RequestStatus::Accepted) if request.slot_id.is_some() => {
            ("mail-mm-moved-subject", "mail-mm-moved-body")
        }
        // An accepted meeting without a place, booked by the other side.
        ("mm_booked", RequestStatus::Accepted) if request.slot_id.is_some() => {
            ("mail-mm-booked-subject", "mail-mm-slot-booked-body")
        }
        // Arranged by the organisers, to both sides; the place comes with the agenda.
        ("mm_arranged", RequestStatus::Accepted) => {
            ("mail-mm-arranged-subject", "mail-mm-arranged-body")
        }
        ("mm_answer", RequestStatus::Declined) => {
            ("mail-mm-declined-subject", "mail-mm-declined-body")
        }
        // Never accepted (no answering priority): the sender withdrew their request.
        ("mm_cancelled", RequestStatus::Cancelled) if request.to_priority.is_none() => {
            ("mail-mm-withdrawn-subject", "mail-mm-withdrawn-body")
        }
        ("mm_cancelled", RequestStatus::Cancelled) => {
            ("mail-mm-cancelled-subject", "mail-mm-cancelled-body")
        }
        ("mm_cancelled_by_organiser", RequestStatus::Cancelled) => (
            "mail-mm-cancelled-by-organiser-subject",
            "mail-mm-cancelled-by-organiser-body",
        ),
        // The other side handed their place to a colleague, who keeps the meeting.
        ("mm_handed_on", RequestStatus::Accepted) if request.slot_id.is_some() => {
            ("mail-mm-handed-on-subject", "mail-mm-handed-on-placed-body")
        }
        ("mm_handed_on", RequestStatus::Accepted | RequestStatus::Pending) => {
            ("mail-mm-handed-on-subject", "mail-mm-handed-on-body")
        }
        // The other side wrote: what is still unread when the mail goes.
        ("mm_message", RequestStatus::Accepted | RequestStatus::Pending) => {
            ("mail-mm-message-subject", "mail-mm-message-body")
        }
        _ => return Err(StoreError::NotFound),
    };
    let other_reg = store.get_registration(request.other_side(reg.id)).await?;
    let other = who_with_organisation(lang, &other_reg);
    // Whose place the other side took, for `mm_handed_on`.
    let before = match m.kind.as_str() {
        "mm_handed_on" => store
            .transferred_from(other_reg.id)
            .await?
            .map(|r| lang.text(&r.name, &r.name_script).into_owned())
            .unwrap_or_default(),
        _ => String::new(),
    };
    let message = if m.kind == "mm_message" {
        let unread = unread_messages(store, lang, &request, reg.id).await?;
        if unread.is_empty() {
            // Read on the page since: nothing to tell.
            return Err(StoreError::NotFound);
        }
        unread
    } else {
        quoted(lang, &lang.text(&request.message, &request.message_script))
    };
    let deadline = answer_by(store, lang, event.id).await?;
    let place = match request.slot_id {
        Some(_) => placed_lines(
            store,
            lang,
            reg.id,
            std::slice::from_ref(&request),
            &store.meeting_slots(event.id).await?,
            None,
        )
        .await?
        .join("\n"),
        None => String::new(),
    };
    let args = [
        ("place", FluentValue::from(place)),
        ("other", FluentValue::from(other)),
        ("message", FluentValue::from(message)),
        ("deadline", FluentValue::from(deadline)),
        ("before", FluentValue::from(before)),
        (
            "thread",
            FluentValue::from(registration_link(
                base_url,
                lang,
                &reg.manage_token,
                &format!("/matchmaking/requests/{}/messages", request.id),
            )),
        ),
    ];
    Ok(compose_to(
        lang, base_url, &reg, &event, subject, body, &args,
    ))
}

/// What the other side of `request` wrote that `reader` has not read, each quoted in the
/// reader's script; empty when all is read.
async fn unread_messages(
    store: &dyn Store,
    lang: Locale,
    request: &baylink_store::MeetingRequest,
    reader: i64,
) -> Result<String, StoreError> {
    let theirs = request.to_reg == reader;
    Ok(store
        .meeting_messages(request.id)
        .await?
        .into_iter()
        .filter(|m| m.by_requester == theirs && m.read_at.is_none() && !m.body.is_empty())
        .map(|m| quoted(lang, &lang.text(&m.body, &m.body_script)))
        .collect())
}

/// A participant's matchmaking agenda, as it stands when the mail is sent (so a mail
/// delayed past a change carries the change).
async fn agenda_mail(
    store: &dyn Store,
    m: &OutboxMessage,
    lang: Locale,
    base_url: &str,
) -> Result<Composed, StoreError> {
    use baylink_store::RequestStatus;
    let PublishedSchedule {
        reg,
        event,
        slots,
        requests,
    } = published_schedule(store, m).await?;
    let mut agenda = placed_lines(store, lang, reg.id, &requests, &slots, None).await?;
    // Accepted meetings without a slot: with whom (registration ids) and why.
    let waiting: Vec<(i64, i64)> = requests
        .iter()
        .filter(|r| r.status == RequestStatus::Accepted && r.slot_id.is_none())
        .filter(|r| r.from_reg == reg.id || r.to_reg == reg.id)
        .map(|r| (r.id, r.other_side(reg.id)))
        .collect();
    if !waiting.is_empty() {
        // Said here too, so that nobody waits at a table for a meeting that has no slot.
        let mut names: std::collections::HashMap<i64, String> = std::collections::HashMap::new();
        names.insert(reg.id, lang.text(&reg.name, &reg.name_script).into_owned());
        for &(_, other) in &waiting {
            let r = store.get_registration(other).await?;
            names.insert(other, lang.text(&r.name, &r.name_script).into_owned());
        }
        let away = store.unavailability(event.id).await?;
        let who = |id: i64| names.get(&id).cloned().unwrap_or_default();
        let mut why =
            crate::views::matchmaking::unplaced_reasons(lang, &requests, &slots, &away, true, &who);
        if !agenda.is_empty() {
            agenda.push(String::new());
        }
        agenda.push(lang.t("mm-unscheduled"));
        for (id, other) in waiting {
            let reason = why.remove(&id).unwrap_or_default();
            agenda.push(lang.t_args(
                "mm-unscheduled-line",
                &[
                    ("name", FluentValue::from(who(other))),
                    ("reason", FluentValue::from(reason)),
                ],
            ));
        }
    }
    let args = [("agenda", FluentValue::from(agenda.join("\n")))];
    Ok(compose_to(
        lang,
        base_url,
        &reg,
        &event,
        "mail-agenda-subject",
        "mail-agenda-body",
        &args,
    ))
}

/// The placed meetings of participant `reg`, in time order, one line each (day, time,
/// table, with whom), only those of the Hong Kong day `[from, to)` when given.
async fn placed_lines(
    store: &dyn Store,
    lang: Locale,
    reg: i64,
    requests: &[baylink_store::MeetingRequest],
    slots: &[baylink_store::MeetingSlot],
    day: Option<(i64, i64)>,
) -> Result<Vec<String>, StoreError> {
    use baylink_store::RequestStatus;
    let tables = match requests.first() {
        Some(r) => store.meeting_tables(r.event_id).await?,
        None => Vec::new(),
    };
    let mut lines: Vec<(i64, String)> = Vec::new();
    for r in requests {
        if r.status != RequestStatus::Accepted || (r.from_reg != reg && r.to_reg != reg) {
            continue;
        }
        let (Some(slot), Some(table)) = (
            r.slot_id.and_then(|id| slots.iter().find(|s| s.id == id)),
            r.table_id.and_then(|id| tables.iter().find(|t| t.id == id)),
        ) else {
            continue;
        };
        if day.is_some_and(|(from, to)| slot.starts_at < from || slot.starts_at >= to) {
            continue;
        }
        // Only the counterparts are read, not the whole list of participants.
        let other = store.get_registration(r.other_side(reg)).await?;
        let with = lang.text(&other.name, &other.name_script).into_owned();
        lines.push((
            slot.starts_at,
            format!(
                "{} {}–{}  {} {}  {}",
                crate::views::events::day(slot.starts_at),
                crate::views::events::clock(slot.starts_at),
                crate::views::events::clock(slot.ends_at),
                if table.link.is_some() {
                    lang.t("mm-online")
                } else {
                    lang.t("mm-table")
                },
                table.link.as_ref().unwrap_or(&table.label),
                with
            ),
        ));
    }
    lines.sort();
    Ok(lines.into_iter().map(|(_, l)| l).collect())
}

/// What a mail of the schedule is written from: its recipient, their event, the event's
/// slots and its requests.
struct PublishedSchedule {
    reg: baylink_store::Registration,
    event: baylink_store::Event,
    slots: Vec<baylink_store::MeetingSlot>,
    requests: Vec<baylink_store::MeetingRequest>,
}

/// [`PublishedSchedule`] for mail `m`. Such mails go only while the schedule is
/// published: one queued before the organiser took it back is dropped
/// ([`StoreError::NotFound`]).
async fn published_schedule(
    store: &dyn Store,
    m: &OutboxMessage,
) -> Result<PublishedSchedule, StoreError> {
    let (reg, event) = recipient(store, m).await?;
    match store.matchmaking(event.id).await? {
        Some(mm) if mm.status == baylink_store::MatchmakingStatus::Published => {}
        _ => return Err(StoreError::NotFound),
    }
    Ok(PublishedSchedule {
        slots: store.meeting_slots(event.id).await?,
        requests: store.meeting_requests(event.id).await?,
        reg,
        event,
    })
}

/// The schedule was taken back (kind `mm_unpublished`): their agenda no longer holds until
/// a new one comes. Published again by the time it is sent, the new agenda's mail says
/// all, and this one is dropped ([`StoreError::NotFound`]).
async fn unpublished_mail(
    store: &dyn Store,
    m: &OutboxMessage,
    lang: Locale,
    base_url: &str,
) -> Result<Composed, StoreError> {
    let (reg, event) = recipient(store, m).await?;
    if store
        .matchmaking(event.id)
        .await?
        .is_none_or(|mm| mm.status == baylink_store::MatchmakingStatus::Published)
    {
        return Err(StoreError::NotFound);
    }
    Ok(compose_to(
        lang,
        base_url,
        &reg,
        &event,
        "mail-mm-unpublished-subject",
        "mail-mm-unpublished-body",
        &[],
    ))
}

/// The meetings of the day a participant has, that morning (kind `mm_today`), as the
/// schedule stands when it is sent; with none that day any more, nothing is sent
/// ([`StoreError::NotFound`]).
async fn today_mail(
    store: &dyn Store,
    m: &OutboxMessage,
    lang: Locale,
    base_url: &str,
) -> Result<Composed, StoreError> {
    let PublishedSchedule {
        reg,
        event,
        slots,
        requests,
    } = published_schedule(store, m).await?;
    // The day it is sent, when it was claimed: the claim moved its time on by the lease,
    // and a retry never crosses midnight ([`past_its_day`]).
    let day = baylink_store::matchmaking::hk_day(m.next_attempt_at - LEASE_SECONDS);
    let lines = placed_lines(store, lang, reg.id, &requests, &slots, Some(day)).await?;
    if lines.is_empty() {
        return Err(StoreError::NotFound);
    }
    let args = [("agenda", FluentValue::from(lines.join("\n")))];
    Ok(compose_to(
        lang,
        base_url,
        &reg,
        &event,
        "mail-mm-today-subject",
        "mail-mm-today-body",
        &args,
    ))
}

#[cfg(test)]
mod tests {
    use super::backoff;

    /// The day's meetings are tried again that day only; other mails whenever.
    #[test]
    fn the_days_meetings_are_not_retried_the_next_day() {
        use super::past_its_day;
        // 2026-12-21 23:30 and 00:30 the next day, in Hong Kong (UTC+8).
        let late = 1_797_867_000;
        assert!(past_its_day("mm_today", late, late + 3_600));
        assert!(!past_its_day("mm_today", late, late + 1_200));
        assert!(!past_its_day("agenda", late, late + 3_600));
    }

    #[test]
    fn retries_back_off_to_an_hour() {
        assert_eq!(backoff(1), 30);
        assert_eq!(backoff(2), 60);
        assert_eq!(backoff(5), 480);
        assert_eq!(backoff(50), 3600);
    }
}
