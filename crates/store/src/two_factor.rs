//! Two-step sign-in: a code from an authenticator app (TOTP, RFC 6238) after the
//! password, for accounts that turn it on, as pretix and most admin tools offer it. An
//! account that reads thousands of registrants' data should not fall to one guessed or
//! reused password.
//!
//! The store keeps the shared secret (`users.totp_secret`), the last time step a code was
//! taken for (so that a code seen over a shoulder cannot be used again, on any node), and
//! the sign-ins waiting between password and code (`sign_in_challenges`). The codes
//! themselves are computed at the web edge.
//!
//! A phone gets lost, and the secretariat is not always awake when its holder must sign
//! in: as GitHub and most services with two-step sign-in do, turning it on also makes ten
//! recovery codes (`recovery_codes`), shown once, each good for one sign-in in place of
//! the app's code. Only their hashes are kept; the web edge makes and hashes them.

use async_trait::async_trait;

use crate::{Actor, StoreResult, User};

/// How long a sign-in waits for its code after the password, in seconds.
pub const CHALLENGE_SECONDS: i64 = 300;

#[async_trait]
pub trait TwoFactorStore: Send + Sync {
    /// Turns two-step sign-in on with `secret` (base32), or off (`None`), for `user_id`,
    /// with its audit line (which never holds the secret) and, when it changes, a
    /// `two_factor_on` or `two_factor_off` notice to the account, in one transaction; the
    /// last step taken is forgotten. `NotFound` for an erased account.
    ///
    /// The account's recovery codes become `recovery_hashes` (hashes of new codes, when
    /// turning it on) in the same transaction; turned off, it keeps none.
    async fn set_totp(
        &self,
        actor: &Actor,
        user_id: i64,
        secret: Option<&str>,
        recovery_hashes: &[String],
    ) -> StoreResult<()>;

    /// Replaces the recovery codes of `user_id` (its holder lost or used them), with its
    /// audit line, in one transaction. `Conflict("err-two-factor-off")` while two-step
    /// sign-in is off; `NotFound` for an erased account.
    async fn replace_recovery_codes(
        &self,
        actor: &Actor,
        user_id: i64,
        hashes: &[String],
    ) -> StoreResult<()>;

    /// Takes the recovery code of hash `hash` for a sign-in of `user_id` at `now`: only
    /// once, in one statement, and only while two-step sign-in is on. When taken, the
    /// holder is told by mail and the audit log keeps it, in the same transaction, and the
    /// answer is how many codes are left; `None` when the code is not one of the
    /// account's unused ones.
    async fn take_recovery_code(
        &self,
        user_id: i64,
        hash: &str,
        now: i64,
    ) -> StoreResult<Option<i64>>;

    /// How many recovery codes `user_id` has not used.
    async fn recovery_codes_left(&self, user_id: i64) -> StoreResult<i64>;

    /// Takes time step `step` for `user_id`'s code: true only when it is later than every
    /// step taken before, in one statement, so that two nodes given the same code at once
    /// take it once.
    async fn take_totp_step(&self, user_id: i64, step: i64) -> StoreResult<bool>;

    /// Keeps a sign-in waiting for its code, by its token's hash, until
    /// `now + CHALLENGE_SECONDS`; sweeps those expired.
    async fn create_challenge(&self, token_hash: &str, user_id: i64, now: i64) -> StoreResult<()>;

    /// The account of the waiting sign-in, while it has not expired and the account may
    /// sign in.
    async fn challenge_user(&self, token_hash: &str, now: i64) -> StoreResult<Option<User>>;

    /// Ends a waiting sign-in (its code was taken).
    async fn end_challenge(&self, token_hash: &str) -> StoreResult<()>;
}
