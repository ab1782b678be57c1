//! Passwords an account's holder sets: changed when signed in, set again from a link when
//! forgotten, or chosen from an administrator's invitation when the account is made.
//!
//! Why links and not passwords typed by someone else: an administrator who types a
//! password for a new account knows it, and has to pass it on by some other channel. A
//! link that sets it, mailed to the account's own address, proves that its holder reads
//! that mailbox, which is what the account's name is. As Indico, pretix and Django do it:
//! a random token, kept only by its hash ([`PasswordStore::password_link`]), used once,
//! expiring ([`RESET_SECONDS`], [`INVITE_SECONDS`]); using it ends every session of the
//! account, so whoever had guessed or stolen the old password is signed out.
//!
//! The link travels in its mail's outbox row (`outbox.secret`) only until the mail is
//! sent, so that a mail server that is down delays it without losing it, and is cleared
//! then: a copy of the database read later holds no link that works.

use async_trait::async_trait;
use serde::Serialize;

use crate::{Actor, StoreResult, User, UserDraft};

/// How long a link asked for from "forgotten password" works: an hour, as the mail says.
pub const RESET_SECONDS: i64 = 3600;
/// How long a link an administrator sends works: a week, since a new colleague may not
/// read their mail on the day the account was made.
pub const INVITE_SECONDS: i64 = 7 * 86_400;
/// At most one "forgotten password" mail per account in this many seconds, so that the
/// form cannot be used to flood a mailbox. An administrator's link is not held back.
pub const RESET_MAIL_GAP_SECONDS: i64 = 600;

/// How long a link confirming a new sign-in address works: a day.
pub const EMAIL_CHANGE_SECONDS: i64 = 86_400;

/// Why a password link was made; its mail and its lifetime follow from it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum LinkPurpose {
    /// Asked for by whoever knows the address, from "forgotten password".
    Reset,
    /// Sent by an administrator: a new account's first password, or a new one they asked
    /// the holder to choose.
    Invite,
}

impl LinkPurpose {
    pub fn code(self) -> &'static str {
        match self {
            LinkPurpose::Reset => "reset",
            LinkPurpose::Invite => "invite",
        }
    }

    pub fn from_code(code: &str) -> Option<LinkPurpose> {
        match code {
            "reset" => Some(LinkPurpose::Reset),
            "invite" => Some(LinkPurpose::Invite),
            _ => None,
        }
    }

    /// The outbox kind of its mail.
    pub fn mail_kind(self) -> &'static str {
        match self {
            LinkPurpose::Reset => "password_reset",
            LinkPurpose::Invite => "account_invite",
        }
    }

    /// Seconds the link works.
    pub fn lifetime(self) -> i64 {
        match self {
            LinkPurpose::Reset => RESET_SECONDS,
            LinkPurpose::Invite => INVITE_SECONDS,
        }
    }
}

/// A link that sets a password, as kept: never the token, only its hash.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PasswordLink {
    pub id: i64,
    pub user_id: i64,
    pub purpose: LinkPurpose,
    pub created_at: i64,
    pub expires_at: i64,
    pub used_at: Option<i64>,
}

/// A new link to queue: the token goes into its mail, its hash into `password_links`.
#[derive(Debug, Clone, Copy)]
pub struct NewLink<'a> {
    pub purpose: LinkPurpose,
    pub token: &'a str,
    pub token_hash: &'a str,
    pub now: i64,
}

#[async_trait]
pub trait PasswordStore: Send + Sync {
    /// Sets `user_id`'s password hash and ends its sessions but `keep_session` (the one
    /// that changed it, by its token hash), in one transaction with its audit line (which
    /// holds no hash), and a `password_changed` notice to the account (not when it had no
    /// password yet). Its unused links stop working: the password they would set is
    /// chosen. `NotFound` for an erased, suspended or unknown account.
    async fn set_password(
        &self,
        actor: &Actor,
        user_id: i64,
        password_hash: &str,
        keep_session: Option<&str>,
    ) -> StoreResult<()>;

    /// Makes an account without a password and queues the mail of an [`LinkPurpose::Invite`]
    /// link to it, in one transaction: an account is never made without the way in for its
    /// holder. The link's `purpose` is taken as `Invite` whatever it says.
    async fn create_invited_user(
        &self,
        actor: &Actor,
        draft: &UserDraft,
        locale: &str,
        link: NewLink<'_>,
    ) -> StoreResult<User>;

    /// Makes a link for the account at `email` and queues its mail in `locale` (the
    /// language of the page that asked), in one transaction. Returns whether it did: not for an
    /// address without an account or an erased or suspended one, nor, for [`LinkPurpose::Reset`], when
    /// such a mail went to the account less than [`RESET_MAIL_GAP_SECONDS`] before.
    async fn queue_password_link(
        &self,
        email: &str,
        locale: &str,
        link: NewLink<'_>,
    ) -> StoreResult<bool>;

    /// The link with this token hash and its account, whether used or expired or not (the
    /// caller tells the holder which); `None` when there is none or its account was erased
    /// or suspended.
    async fn password_link(&self, token_hash: &str) -> StoreResult<Option<(PasswordLink, User)>>;

    /// Sets the password with the link of `token_hash` at `now`, in one transaction: the
    /// link must be unused and unexpired (`Conflict("err-password-link")` otherwise,
    /// nothing changed); it and the account's other links are then used up, every session
    /// of the account ends, its failed sign-ins are forgotten, an audit line says the
    /// holder set it, and a `password_changed` notice is queued (not for the first
    /// password, chosen from an invitation). Returns the account.
    async fn use_password_link(
        &self,
        token_hash: &str,
        password_hash: &str,
        now: i64,
    ) -> StoreResult<User>;

    /// Keeps `user_id`'s wish to sign in as `new_email` and queues the mail that confirms
    /// it to that address (its link `token`, kept by `token_hash`, for
    /// [`EMAIL_CHANGE_SECONDS`]), in `locale`, in one transaction. An address another
    /// account has: `err-email-taken` on `email`; its own: `err-email-same`.
    async fn queue_email_change(
        &self,
        user_id: i64,
        new_email: &str,
        locale: &str,
        token: &str,
        token_hash: &str,
        now: i64,
    ) -> StoreResult<()>;

    /// Confirms the change of address of the link `token_hash` at `now`, in one
    /// transaction: the link must be unused, unexpired and its account active, and the
    /// address still free (`Conflict("err-email-link")` / `err-email-taken` otherwise,
    /// nothing changed); the old address is told (`email_changed`), with an audit line.
    /// Returns the account as it is now.
    async fn confirm_email_change(&self, token_hash: &str, now: i64) -> StoreResult<User>;

    /// The address a confirmation link would set, whether it still works at `now`, and
    /// its account; `None` when there is no such link or its account cannot sign in.
    async fn email_change(
        &self,
        token_hash: &str,
        now: i64,
    ) -> StoreResult<Option<(String, bool, User)>>;
}
