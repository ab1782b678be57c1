//! The SQL implementation of [`TwoFactorStore`](crate::TwoFactorStore), shared by both
//! backends like [`crate::sql_events`].

/// What the audit log keeps of two-step sign-in turned on or off: never the secret.
pub const AUDIT_TWO_FACTOR_ON: &str = r#"{"two_factor":"on"}"#;
pub const AUDIT_TWO_FACTOR_OFF: &str = r#"{"two_factor":"off"}"#;

/// Implements [`TwoFactorStore`](crate::TwoFactorStore) for a store type with a `pool`
/// field, its `begin` and its `audit`.
#[macro_export]
macro_rules! impl_sql_two_factor {
    ($store:ident) => {
        const _: () = {
            use $crate::sql::map_err;
            use $crate::sql::reexport::{async_trait, sqlx};
            use $crate::sql::USER_COLS;
            use $crate::sql_two_factor::*;
            use $crate::two_factor::*;
            use $crate::*;
            use sqlx::AssertSqlSafe;

            #[async_trait::async_trait]
            impl TwoFactorStore for $store {
                async fn set_totp(&self, actor: &Actor, user_id: i64, secret: Option<&str>) -> StoreResult<()> {
                    let mut tx = self.begin().await?;
                    let user = sqlx::query_as::<_, User>(AssertSqlSafe(format!("SELECT {USER_COLS} FROM users WHERE id = $1")))
                        .bind(user_id)
                        .fetch_optional(&mut *tx)
                        .await
                        .map_err(map_err)?
                        .filter(|u| !u.is_erased())
                        .ok_or(StoreError::NotFound)?;
                    sqlx::query("UPDATE users SET totp_secret = $2, totp_step = NULL WHERE id = $1")
                        .bind(user.id)
                        .bind(secret.map(str::to_owned))
                        .execute(&mut *tx)
                        .await
                        .map_err(map_err)?;
                    let said = if secret.is_some() { AUDIT_TWO_FACTOR_ON } else { AUDIT_TWO_FACTOR_OFF };
                    // The holder hears of it, unless nothing changed.
                    let kind = match (user.totp_secret.is_some(), secret.is_some()) {
                        (false, true) => Some("two_factor_on"),
                        (true, false) => Some("two_factor_off"),
                        _ => None,
                    };
                    if let Some(kind) = kind {
                        sqlx::query($crate::sql_passwords::QUEUE_NOTICE)
                            .bind(user.id)
                            .bind(kind)
                            .bind($crate::sql::now())
                            .execute(&mut *tx)
                            .await
                            .map_err(map_err)?;
                    }
                    Self::audit(&mut tx, actor, "update", "user", user.id, None, Some(said.to_owned())).await?;
                    tx.commit().await.map_err(map_err)
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
