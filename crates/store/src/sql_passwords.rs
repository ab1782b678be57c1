//! The SQL implementation of [`PasswordStore`](crate::PasswordStore), shared by both
//! backends like [`crate::sql_events`].

/// The columns of a [`PasswordLink`](crate::PasswordLink) (never its token's hash).
pub const LINK_COLS: &str = "id, user_id, purpose, created_at, expires_at, used_at";

/// Links kept this long after they expired, for the holder to be told "expired" rather
/// than "unknown"; older ones are swept when a new one is made.
pub const LINK_KEPT_SECONDS: i64 = 30 * 86_400;

/// Queues a security notice of kind `$2` (`password_changed`, `two_factor_on`,
/// `two_factor_off`) to account `$1`, at `$3`, in its mails' language: the holder learns
/// of a change they did not make while they can still act on it.
pub const QUEUE_NOTICE: &str = "INSERT INTO outbox (to_addr, kind, locale, created_at, next_attempt_at) SELECT u.email, $2, COALESCE(u.locale, CASE o.region WHEN 'shenzhen' THEN 'zh-Hans' WHEN 'mainland' THEN 'zh-Hans' WHEN 'overseas' THEN 'en' ELSE 'zh-Hant' END), $3, $3 FROM users u LEFT JOIN organisations o ON o.id = u.org_id WHERE u.id = $1";

/// What the audit log keeps of a password set: that it was, never the hash.
pub const AUDIT_PASSWORD_SET: &str = r#"{"password":"set"}"#;

/// Implements [`PasswordStore`](crate::PasswordStore) for a store type with a `pool`
/// field, its `begin` and its `audit`.
#[macro_export]
macro_rules! impl_sql_passwords {
    ($store:ident, $db:ty) => {
        const _: () = {
            use $crate::passwords::*;
            use $crate::sql::map_err;
            use $crate::sql::reexport::{async_trait, sqlx};
            use $crate::sql::USER_COLS;
            use $crate::sql_passwords::*;
            use $crate::*;
            use sqlx::{AssertSqlSafe, Row};

            type Tx<'a> = sqlx::Transaction<'a, $db>;

            fn link_from(row: &<$db as sqlx::Database>::Row) -> StoreResult<PasswordLink> {
                let purpose: String = row.try_get("purpose").map_err(map_err)?;
                Ok(PasswordLink {
                    id: row.try_get("id").map_err(map_err)?,
                    user_id: row.try_get("user_id").map_err(map_err)?,
                    purpose: LinkPurpose::from_code(&purpose)
                        .ok_or_else(|| StoreError::Corrupt(format!("password link purpose {purpose:?}")))?,
                    created_at: row.try_get("created_at").map_err(map_err)?,
                    expires_at: row.try_get("expires_at").map_err(map_err)?,
                    used_at: row.try_get("used_at").map_err(map_err)?,
                })
            }

            impl $store {
                /// The account `id` as it is in the transaction; `NotFound` when erased or
                /// suspended.
                async fn live_user(tx: &mut Tx<'_>, id: i64) -> StoreResult<User> {
                    let user = sqlx::query_as::<_, User>(AssertSqlSafe(format!("SELECT {USER_COLS} FROM users WHERE id = $1")))
                        .bind(id)
                        .fetch_optional(&mut **tx)
                        .await
                        .map_err(map_err)?
                        .ok_or(StoreError::NotFound)?;
                    if !user.is_active() {
                        return Err(StoreError::NotFound);
                    }
                    Ok(user)
                }

                /// Queues the security notice `kind` to account `id` ([`QUEUE_NOTICE`]).
                async fn queue_notice(tx: &mut Tx<'_>, id: i64, kind: &str, now: i64) -> StoreResult<()> {
                    sqlx::query(QUEUE_NOTICE)
                        .bind(id)
                        .bind(kind.to_owned())
                        .bind(now)
                        .execute(&mut **tx)
                        .await
                        .map_err(map_err)?;
                    Ok(())
                }

                /// Writes the new hash and uses up the account's links, which would set
                /// a password already chosen.
                async fn write_password(tx: &mut Tx<'_>, id: i64, password_hash: &str, now: i64) -> StoreResult<()> {
                    sqlx::query("UPDATE users SET password_hash = $2 WHERE id = $1")
                        .bind(id)
                        .bind(password_hash.to_owned())
                        .execute(&mut **tx)
                        .await
                        .map_err(map_err)?;
                    sqlx::query("UPDATE password_links SET used_at = $2 WHERE user_id = $1 AND used_at IS NULL")
                        .bind(id)
                        .bind(now)
                        .execute(&mut **tx)
                        .await
                        .map_err(map_err)?;
                    Ok(())
                }

                /// Keeps a new link of account `user_id` by its hash and queues its mail to
                /// `email`, in the caller's transaction; sweeps links long expired.
                async fn insert_link(tx: &mut Tx<'_>, user_id: i64, email: &str, locale: &str, link: NewLink<'_>) -> StoreResult<()> {
                    let kind = link.purpose.mail_kind();
                    sqlx::query("DELETE FROM password_links WHERE expires_at < $1")
                        .bind(link.now - LINK_KEPT_SECONDS)
                        .execute(&mut **tx)
                        .await
                        .map_err(map_err)?;
                    sqlx::query("INSERT INTO password_links (user_id, token_hash, purpose, created_at, expires_at) VALUES ($1, $2, $3, $4, $5)")
                        .bind(user_id)
                        .bind(link.token_hash.to_owned())
                        .bind(link.purpose.code())
                        .bind(link.now)
                        .bind(link.now + link.purpose.lifetime())
                        .execute(&mut **tx)
                        .await
                        .map_err(map_err)?;
                    sqlx::query("INSERT INTO outbox (to_addr, kind, locale, secret, created_at, next_attempt_at) VALUES ($1, $2, $3, $4, $5, $5)")
                        .bind(email.to_owned())
                        .bind(kind)
                        .bind(locale.to_owned())
                        .bind(link.token.to_owned())
                        .bind(link.now)
                        .execute(&mut **tx)
                        .await
                        .map_err(map_err)?;
                    Ok(())
                }
            }

            #[async_trait::async_trait]
            impl PasswordStore for $store {
                async fn queue_email_change(&self, user_id: i64, new_email: &str, locale: &str, token: &str, token_hash: &str, now: i64) -> StoreResult<()> {
                    let new_email = new_email.trim().to_lowercase();
                    let mut tx = self.begin().await?;
                    let user = Self::live_user(&mut tx, user_id).await?;
                    if user.email == new_email {
                        return Err(StoreError::invalid("email", "err-email-same"));
                    }
                    let taken = sqlx::query("SELECT 1 FROM users WHERE email = $1")
                        .bind(new_email.clone())
                        .fetch_optional(&mut *tx)
                        .await
                        .map_err(map_err)?;
                    if taken.is_some() {
                        return Err(StoreError::invalid("email", "err-email-taken"));
                    }
                    sqlx::query("DELETE FROM email_changes WHERE expires_at < $1")
                        .bind(now - LINK_KEPT_SECONDS)
                        .execute(&mut *tx)
                        .await
                        .map_err(map_err)?;
                    sqlx::query("INSERT INTO email_changes (user_id, token_hash, new_email, created_at, expires_at) VALUES ($1, $2, $3, $4, $5)")
                        .bind(user_id)
                        .bind(token_hash.to_owned())
                        .bind(new_email.clone())
                        .bind(now)
                        .bind(now + EMAIL_CHANGE_SECONDS)
                        .execute(&mut *tx)
                        .await
                        .map_err(map_err)?;
                    sqlx::query("INSERT INTO outbox (to_addr, kind, locale, secret, created_at, next_attempt_at) VALUES ($1, 'email_confirm', $2, $3, $4, $4)")
                        .bind(new_email)
                        .bind(locale.to_owned())
                        .bind(token.to_owned())
                        .bind(now)
                        .execute(&mut *tx)
                        .await
                        .map_err(map_err)?;
                    tx.commit().await.map_err(map_err)
                }

                async fn email_change(&self, token_hash: &str, now: i64) -> StoreResult<Option<(String, bool, User)>> {
                    let row = sqlx::query("SELECT user_id, new_email, expires_at, used_at FROM email_changes WHERE token_hash = $1")
                        .bind(token_hash.to_owned())
                        .fetch_optional(&self.pool)
                        .await
                        .map_err(map_err)?;
                    let Some(row) = row else { return Ok(None) };
                    let user_id: i64 = row.try_get(0).map_err(map_err)?;
                    let new_email: String = row.try_get(1).map_err(map_err)?;
                    let expires_at: i64 = row.try_get(2).map_err(map_err)?;
                    let used_at: Option<i64> = row.try_get(3).map_err(map_err)?;
                    match self.get_user(user_id).await {
                        Ok(user) if user.is_active() => Ok(Some((new_email, used_at.is_none() && expires_at > now, user))),
                        Ok(_) | Err(StoreError::NotFound) => Ok(None),
                        Err(e) => Err(e),
                    }
                }

                async fn confirm_email_change(&self, token_hash: &str, now: i64) -> StoreResult<User> {
                    let mut tx = self.begin().await?;
                    let row = sqlx::query("UPDATE email_changes SET used_at = $2 WHERE token_hash = $1 AND used_at IS NULL AND expires_at > $2 RETURNING user_id, new_email")
                        .bind(token_hash.to_owned())
                        .bind(now)
                        .fetch_optional(&mut *tx)
                        .await
                        .map_err(map_err)?
                        .ok_or(StoreError::Conflict("err-email-link"))?;
                    let user_id: i64 = row.try_get(0).map_err(map_err)?;
                    let new_email: String = row.try_get(1).map_err(map_err)?;
                    let before = match Self::live_user(&mut tx, user_id).await {
                        Err(StoreError::NotFound) => return Err(StoreError::Conflict("err-email-link")),
                        other => other?,
                    };
                    let user = sqlx::query_as::<_, User>(AssertSqlSafe(format!("UPDATE users SET email = $2 WHERE id = $1 RETURNING {USER_COLS}")))
                        .bind(user_id)
                        .bind(new_email)
                        .fetch_one(&mut *tx)
                        .await
                        .map_err(|e| match map_err(e) {
                            StoreError::Conflict("err-duplicate") => StoreError::invalid("email", "err-email-taken"),
                            other => other,
                        })?;
                    // The old mailbox hears of it, in case it was not its holder.
                    sqlx::query("INSERT INTO outbox (to_addr, kind, locale, body, created_at, next_attempt_at) SELECT $1, 'email_changed', COALESCE(u.locale, 'zh-Hant'), $2, $3, $3 FROM users u WHERE u.id = $4")
                        .bind(before.email.clone())
                        .bind(user.email.clone())
                        .bind(now)
                        .bind(user_id)
                        .execute(&mut *tx)
                        .await
                        .map_err(map_err)?;
                    let holder = Actor { user_id: Some(user_id), name: user.display_name.clone() };
                    Self::audit(&mut tx, &holder, "update", "user", user_id, $crate::sql::audit_json(&before), $crate::sql::audit_json(&user)).await?;
                    tx.commit().await.map_err(map_err)?;
                    Ok(user)
                }

                async fn set_password(&self, actor: &Actor, user_id: i64, password_hash: &str, keep_session: Option<&str>) -> StoreResult<()> {
                    let now = $crate::sql::now();
                    let mut tx = self.begin().await?;
                    let before = Self::live_user(&mut tx, user_id).await?;
                    Self::write_password(&mut tx, user_id, password_hash, now).await?;
                    if !before.password_hash.is_empty() {
                        Self::queue_notice(&mut tx, user_id, "password_changed", now).await?;
                    }
                    sqlx::query("DELETE FROM sessions WHERE user_id = $1 AND token_hash <> $2")
                        .bind(user_id)
                        .bind(keep_session.unwrap_or("").to_owned())
                        .execute(&mut *tx)
                        .await
                        .map_err(map_err)?;
                    Self::audit(&mut tx, actor, "update", "user", user_id, None, Some(AUDIT_PASSWORD_SET.to_owned())).await?;
                    tx.commit().await.map_err(map_err)
                }

                async fn create_invited_user(&self, actor: &Actor, draft: &UserDraft, locale: &str, link: NewLink<'_>) -> StoreResult<User> {
                    let mut tx = self.begin().await?;
                    let user = Self::insert_user(&mut tx, actor, draft, "").await?;
                    let link = NewLink { purpose: LinkPurpose::Invite, ..link };
                    Self::insert_link(&mut tx, user.id, &user.email, locale, link).await?;
                    tx.commit().await.map_err(map_err)?;
                    Ok(user)
                }

                async fn queue_password_link(&self, email: &str, locale: &str, link: NewLink<'_>) -> StoreResult<bool> {
                    let email = email.trim().to_lowercase();
                    let mut tx = self.begin().await?;
                    let user: Option<i64> = sqlx::query("SELECT id FROM users WHERE email = $1 AND suspended_at IS NULL")
                        .bind(email.clone())
                        .fetch_optional(&mut *tx)
                        .await
                        .map_err(map_err)?
                        .map(|r| r.try_get(0))
                        .transpose()
                        .map_err(map_err)?;
                    let Some(user_id) = user.filter(|_| !email.ends_with($crate::events::ERASED_DOMAIN)) else {
                        return Ok(false);
                    };
                    let kind = link.purpose.mail_kind();
                    if link.purpose == LinkPurpose::Reset {
                        // Within SQLite's one writer two asks at once queue one mail; on
                        // PostgreSQL two racing may both, which a limit against flooding a
                        // mailbox can bear.
                        let recent = sqlx::query("SELECT 1 FROM outbox WHERE to_addr = $1 AND kind = $2 AND created_at > $3")
                            .bind(email.clone())
                            .bind(kind)
                            .bind(link.now - RESET_MAIL_GAP_SECONDS)
                            .fetch_optional(&mut *tx)
                            .await
                            .map_err(map_err)?;
                        if recent.is_some() {
                            return Ok(false);
                        }
                    }
                    Self::insert_link(&mut tx, user_id, &email, locale, link).await?;
                    tx.commit().await.map_err(map_err)?;
                    Ok(true)
                }

                async fn password_link(&self, token_hash: &str) -> StoreResult<Option<(PasswordLink, User)>> {
                    let row = sqlx::query(AssertSqlSafe(format!("SELECT {LINK_COLS} FROM password_links WHERE token_hash = $1")))
                        .bind(token_hash.to_owned())
                        .fetch_optional(&self.pool)
                        .await
                        .map_err(map_err)?;
                    let Some(row) = row else { return Ok(None) };
                    let link = link_from(&row)?;
                    match self.get_user(link.user_id).await {
                        Ok(user) if user.is_active() => Ok(Some((link, user))),
                        Ok(_) | Err(StoreError::NotFound) => Ok(None),
                        Err(e) => Err(e),
                    }
                }

                async fn use_password_link(&self, token_hash: &str, password_hash: &str, now: i64) -> StoreResult<User> {
                    let mut tx = self.begin().await?;
                    // Taken in one statement, so that two uses at once cannot both pass.
                    let user_id: i64 = sqlx::query("UPDATE password_links SET used_at = $2 WHERE token_hash = $1 AND used_at IS NULL AND expires_at > $2 RETURNING user_id")
                        .bind(token_hash.to_owned())
                        .bind(now)
                        .fetch_optional(&mut *tx)
                        .await
                        .map_err(map_err)?
                        .ok_or(StoreError::Conflict("err-password-link"))?
                        .try_get(0)
                        .map_err(map_err)?;
                    let user = match Self::live_user(&mut tx, user_id).await {
                        Err(StoreError::NotFound) => return Err(StoreError::Conflict("err-password-link")),
                        other => other?,
                    };
                    Self::write_password(&mut tx, user_id, password_hash, now).await?;
                    // Not for the first password, chosen from an invitation.
                    if !user.password_hash.is_empty() {
                        Self::queue_notice(&mut tx, user_id, "password_changed", now).await?;
                    }
                    sqlx::query("DELETE FROM sessions WHERE user_id = $1")
                        .bind(user_id)
                        .execute(&mut *tx)
                        .await
                        .map_err(map_err)?;
                    sqlx::query("DELETE FROM login_failures WHERE key = $1")
                        .bind(format!("email:{}", user.email))
                        .execute(&mut *tx)
                        .await
                        .map_err(map_err)?;
                    let holder = Actor { user_id: Some(user_id), name: user.display_name.clone() };
                    Self::audit(&mut tx, &holder, "update", "user", user_id, None, Some(AUDIT_PASSWORD_SET.to_owned())).await?;
                    tx.commit().await.map_err(map_err)?;
                    Ok(user)
                }
            }
        };
    };
}
