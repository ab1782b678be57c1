//! The SQL implementation of [`TwoFactorStore`](crate::TwoFactorStore), shared by both
//! backends like [`crate::sql_events`].

/// What the audit log keeps of two-step sign-in turned on or off: never the secret.
pub const AUDIT_TWO_FACTOR_ON: &str = r#"{"two_factor":"on"}"#;
pub const AUDIT_TWO_FACTOR_OFF: &str = r#"{"two_factor":"off"}"#;
/// What the audit log keeps of new recovery codes, and of one used: never a code.
pub const AUDIT_RECOVERY_CODES_NEW: &str = r#"{"recovery_codes":"new"}"#;
pub const AUDIT_RECOVERY_CODE_USED: &str = r#"{"recovery_codes":"used"}"#;

/// Implements [`TwoFactorStore`](crate::TwoFactorStore) for a store type with a `pool`
/// field, its `begin` and its `audit`.
#[macro_export]
macro_rules! impl_sql_two_factor {
    ($store:ident, $db:ty) => {
        const _: () = {
            use $crate::sql::map_err;
            use $crate::sql::reexport::{async_trait, sqlx};
            use $crate::sql::USER_COLS;
            use $crate::sql_two_factor::*;
            use $crate::two_factor::*;
            use $crate::*;
            use sqlx::AssertSqlSafe;

            type Tx<'a> = sqlx::Transaction<'a, $db>;

            /// The account `id` as it is in the transaction; `NotFound` when erased.
            async fn unerased_user(tx: &mut Tx<'_>, id: i64) -> StoreResult<User> {
                sqlx::query_as::<_, User>(AssertSqlSafe(format!("SELECT {USER_COLS} FROM users WHERE id = $1")))
                    .bind(id)
                    .fetch_optional(&mut **tx)
                    .await
                    .map_err(map_err)?
                    .filter(|u| !u.is_erased())
                    .ok_or(StoreError::NotFound)
            }

            /// Makes `hashes` the account's recovery codes, in place of any before.
            async fn write_recovery_codes(tx: &mut Tx<'_>, user_id: i64, hashes: &[String]) -> StoreResult<()> {
                sqlx::query("DELETE FROM recovery_codes WHERE user_id = $1")
                    .bind(user_id)
                    .execute(&mut **tx)
                    .await
                    .map_err(map_err)?;
                for hash in hashes {
                    sqlx::query("INSERT INTO recovery_codes (user_id, code_hash) VALUES ($1, $2)")
                        .bind(user_id)
                        .bind(hash.clone())
                        .execute(&mut **tx)
                        .await
                        .map_err(map_err)?;
                }
                Ok(())
            }

            /// Queues the security notice `kind` to account `id`.
            async fn notice(tx: &mut Tx<'_>, id: i64, kind: &str) -> StoreResult<()> {
                sqlx::query($crate::sql_passwords::QUEUE_NOTICE)
                    .bind(id)
                    .bind(kind.to_owned())
                    .bind($crate::sql::now())
                    .execute(&mut **tx)
                    .await
                    .map_err(map_err)?;
                Ok(())
            }

            #[async_trait::async_trait]
            impl TwoFactorStore for $store {
                async fn set_totp(&self, actor: &Actor, user_id: i64, secret: Option<&str>, recovery_hashes: &[String]) -> StoreResult<()> {
                    let mut tx = self.begin().await?;
                    let user = unerased_user(&mut tx, user_id).await?;
                    sqlx::query("UPDATE users SET totp_secret = $2, totp_step = NULL WHERE id = $1")
                        .bind(user.id)
                        .bind(secret.map(str::to_owned))
                        .execute(&mut *tx)
                        .await
                        .map_err(map_err)?;
                    let codes = if secret.is_some() { recovery_hashes } else { &[] };
                    write_recovery_codes(&mut tx, user.id, codes).await?;
                    let said = if secret.is_some() { AUDIT_TWO_FACTOR_ON } else { AUDIT_TWO_FACTOR_OFF };
                    // The holder hears of it, unless nothing changed.
                    let kind = match (user.totp_secret.is_some(), secret.is_some()) {
                        (false, true) => Some("two_factor_on"),
                        (true, false) => Some("two_factor_off"),
                        _ => None,
                    };
                    if let Some(kind) = kind {
                        notice(&mut tx, user.id, kind).await?;
                    }
                    Self::audit(&mut tx, actor, "update", "user", user.id, None, Some(said.to_owned())).await?;
                    tx.commit().await.map_err(map_err)
                }

                async fn replace_recovery_codes(&self, actor: &Actor, user_id: i64, hashes: &[String]) -> StoreResult<()> {
                    let mut tx = self.begin().await?;
                    let user = unerased_user(&mut tx, user_id).await?;
                    if !user.two_factor() {
                        return Err(StoreError::Conflict("err-two-factor-off"));
                    }
                    write_recovery_codes(&mut tx, user.id, hashes).await?;
                    Self::audit(&mut tx, actor, "update", "user", user.id, None, Some(AUDIT_RECOVERY_CODES_NEW.to_owned())).await?;
                    tx.commit().await.map_err(map_err)
                }

                async fn take_recovery_code(&self, user_id: i64, hash: &str, now: i64) -> StoreResult<Option<i64>> {
                    let mut tx = self.begin().await?;
                    // One statement takes it, so two sign-ins given the same code take it once.
                    let taken = sqlx::query("UPDATE recovery_codes SET used_at = $3 WHERE user_id = $1 AND code_hash = $2 AND used_at IS NULL AND EXISTS (SELECT 1 FROM users u WHERE u.id = $1 AND u.totp_secret IS NOT NULL)")
                        .bind(user_id)
                        .bind(hash.to_owned())
                        .bind(now)
                        .execute(&mut *tx)
                        .await
                        .map_err(map_err)?;
                    if taken.rows_affected() != 1 {
                        return Ok(None);
                    }
                    let user = unerased_user(&mut tx, user_id).await?;
                    notice(&mut tx, user.id, "recovery_code_used").await?;
                    let holder = Actor { user_id: Some(user.id), name: user.display_name.clone() };
                    Self::audit(&mut tx, &holder, "update", "user", user.id, None, Some(AUDIT_RECOVERY_CODE_USED.to_owned())).await?;
                    let left: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM recovery_codes WHERE user_id = $1 AND used_at IS NULL")
                        .bind(user.id)
                        .fetch_one(&mut *tx)
                        .await
                        .map_err(map_err)?;
                    tx.commit().await.map_err(map_err)?;
                    Ok(Some(left))
                }

                async fn recovery_codes_left(&self, user_id: i64) -> StoreResult<i64> {
                    sqlx::query_scalar("SELECT COUNT(*) FROM recovery_codes WHERE user_id = $1 AND used_at IS NULL")
                        .bind(user_id)
                        .fetch_one(&self.pool)
                        .await
                        .map_err(map_err)
                }

                async fn take_totp_step(&self, user_id: i64, step: i64) -> StoreResult<bool> {
                    let done = sqlx::query("UPDATE users SET totp_step = $2 WHERE id = $1 AND totp_secret IS NOT NULL AND (totp_step IS NULL OR totp_step < $2)")
                        .bind(user_id)
                        .bind(step)
                        .execute(&self.pool)
                        .await
                        .map_err(map_err)?;
                    Ok(done.rows_affected() == 1)
                }

                async fn create_challenge(&self, token_hash: &str, user_id: i64, now: i64) -> StoreResult<()> {
                    let mut tx = self.begin().await?;
                    sqlx::query("DELETE FROM sign_in_challenges WHERE expires_at < $1")
                        .bind(now)
                        .execute(&mut *tx)
                        .await
                        .map_err(map_err)?;
                    sqlx::query("INSERT INTO sign_in_challenges (token_hash, user_id, created_at, expires_at) VALUES ($1, $2, $3, $4)")
                        .bind(token_hash.to_owned())
                        .bind(user_id)
                        .bind(now)
                        .bind(now + CHALLENGE_SECONDS)
                        .execute(&mut *tx)
                        .await
                        .map_err(map_err)?;
                    tx.commit().await.map_err(map_err)
                }

                async fn challenge_user(&self, token_hash: &str, now: i64) -> StoreResult<Option<User>> {
                    let user = sqlx::query_as::<_, User>(AssertSqlSafe(format!("SELECT {} FROM sign_in_challenges c JOIN users u ON u.id = c.user_id WHERE c.token_hash = $1 AND c.expires_at > $2", USER_COLS.split(", ").map(|c| format!("u.{c}")).collect::<Vec<_>>().join(", "))))
                        .bind(token_hash.to_owned())
                        .bind(now)
                        .fetch_optional(&self.pool)
                        .await
                        .map_err(map_err)?;
                    Ok(user.filter(User::is_active))
                }

                async fn end_challenge(&self, token_hash: &str) -> StoreResult<()> {
                    sqlx::query("DELETE FROM sign_in_challenges WHERE token_hash = $1")
                        .bind(token_hash.to_owned())
                        .execute(&self.pool)
                        .await
                        .map_err(map_err)?;
                    Ok(())
                }
            }
        };
    };
}
