//! The SQL implementation of [`MarketStore`](crate::MarketStore), shared by both backends
//! like [`crate::sql_events`].
//!
//! Who may write is checked inside the transaction against the rows as they are then:
//! an interest is refused for one's own posting whoever the web edge thought owned it,
//! and a pipeline move is applied against the version the mover saw.

use crate::market::{PostingFilter, PostingStatus};
use crate::sql::{Arg, Built};

/// The columns of [`Posting`](crate::Posting), with its organisation joined as `o`.
pub const POSTING_SELECT: &str = "SELECT p.id, p.org_id, p.author_id, p.side, p.kind, p.title, p.summary, p.description, p.script, p.sectors, p.modes, p.target_regions, p.stage, p.ip_status, p.contact, p.expires_on, p.status, p.review_note, p.event_id, p.synthetic, p.version, p.created_at, p.updated_at, p.published_at, p.reminded_at, o.name AS org_name, o.name_script AS org_name_script, o.name_en AS org_name_en, o.org_type, o.region AS org_region FROM postings p JOIN organisations o ON o.id = p.org_id";

/// The columns of [`Attachment`](crate::Attachment) (its bytes, `data`, apart).
pub const ATTACHMENT_COLS: &str = "id, posting_id, filename, content_type, size, created_at, CAST(LENGTH(words) AS BIGINT) AS words_length";

/// The columns of [`Interest`](crate::Interest), with its posting and writer joined.
pub const INTEREST_SELECT: &str = "SELECT i.id, i.posting_id, i.from_user_id, i.from_org_id, i.message, i.message_script, i.status, i.stage, i.agreement_type, i.close_reason, i.created_at, i.decided_at, i.updated_at, i.version, i.synthetic, p.title AS posting_title, p.script AS posting_script, p.org_id AS posting_org_id, u.display_name AS from_name, u.email AS from_email FROM posting_interests i JOIN postings p ON p.id = i.posting_id JOIN users u ON u.id = i.from_user_id";

/// A mail's language for the account `u` (its organisation `o` joined): the one it last
/// signed in with, else its organisation's region's (Simplified for Shenzhen and the
/// mainland, English overseas, Traditional otherwise).
pub const MAIL_LOCALE: &str = "COALESCE(u.locale, CASE o.region WHEN 'shenzhen' THEN 'zh-Hans' WHEN 'mainland' THEN 'zh-Hans' WHEN 'overseas' THEN 'en' ELSE 'zh-Hant' END)";

/// The owners of posting `p`, as accounts `u`: its author and its organisation's
/// representatives.
pub const OWNERS: &str = "(u.id = p.author_id OR (u.role = 'org_rep' AND u.org_id = p.org_id))";

/// The `WHERE` clause and values for the posting list.
pub fn posting_where(f: &PostingFilter) -> Built {
    let mut b = Built::default();
    let mut conds = Vec::new();
    match f.status {
        None => {
            let s = b.arg(Arg::Text(PostingStatus::Published.code().to_owned()));
            let t = b.arg(Arg::Text(f.today.clone()));
            conds.push(format!("p.status = {s} AND p.expires_on >= {t}"));
        }
        Some(status) => {
            let s = b.arg(Arg::Text(status.code().to_owned()));
            conds.push(format!("p.status = {s}"));
        }
    }
    // Equality with a code or an id.
    let eq = |column: &str, arg: Option<Arg>, conds: &mut Vec<String>, b: &mut Built| {
        if let Some(arg) = arg {
            let a = b.arg(arg);
            conds.push(format!("{column} = {a}"));
        }
    };
    let code = |c: Option<&'static str>| c.map(|c| Arg::Text(c.to_owned()));
    eq("p.side", code(f.side.map(|v| v.code())), &mut conds, &mut b);
    eq("p.kind", code(f.kind.map(|v| v.code())), &mut conds, &mut b);
    eq(
        "o.region",
        code(f.region.map(|v| v.code())),
        &mut conds,
        &mut b,
    );
    eq(
        "o.org_type",
        code(f.org_type.map(|v| v.code())),
        &mut conds,
        &mut b,
    );
    eq(
        "p.stage",
        code(f.stage.map(|v| v.code())),
        &mut conds,
        &mut b,
    );
    eq("p.org_id", f.org_id.map(Arg::Int), &mut conds, &mut b);
    eq("p.event_id", f.event_id.map(Arg::Int), &mut conds, &mut b);
    // Code lists are stored comma-separated; codes contain no comma, and their `_` is
    // escaped for LIKE.
    for (column, code) in [
        ("p.sectors", f.sector.map(|v| v.code())),
        ("p.modes", f.mode.map(|v| v.code())),
    ] {
        if let Some(code) = code {
            let a = b.arg(Arg::Text(format!("%,{},%", code.replace('_', "\\_"))));
            conds.push(format!("(',' || {column} || ',') LIKE {a} ESCAPE '\\'"));
        }
    }
    if let Some(since) = f.published_since {
        let a = b.arg(Arg::Int(since));
        conds.push(format!("p.published_at > {a}"));
    }
    if let Some(until) = f.published_until {
        let a = b.arg(Arg::Int(until));
        conds.push(format!("p.published_at <= {a}"));
    }
    b.sql = format!(" WHERE {}", conds.join(" AND "));
    b
}

/// The columns of [`PostingAlert`](crate::market::PostingAlert).
pub const ALERT_COLS: &str = "id, user_id, filters, frequency, stop_token, created_at, checked_at";

/// Implements [`MarketStore`](crate::MarketStore) for `$store` (see
/// [`impl_sql_store!`](crate::impl_sql_store), whose transaction helpers it uses).
#[macro_export]
macro_rules! impl_sql_market {
    ($store:ident, $db:ty) => {
        const _: () = {
            use $crate::sql::reexport::{async_trait, baylink_text, sqlx};
            use $crate::sql::{audit_json, clamp_limit, map_err, Arg};
            use $crate::sql_market::{posting_where, ALERT_COLS, ATTACHMENT_COLS, INTEREST_SELECT, MAIL_LOCALE, OWNERS, POSTING_SELECT};
            use $crate::market::*;
            use $crate::*;
            use sqlx::{AssertSqlSafe, FromRow, Row};

            type Tx<'a> = sqlx::Transaction<'a, $db>;

            /// Binds a posting draft's fields, in the order both the insert and the update
            /// name them (side … event_id).
            macro_rules! bind_posting {
                ($q:expr, $d:expr) => {
                    $q.bind($d.side.code())
                        .bind($d.kind.code())
                        .bind(&$d.title)
                        .bind(&$d.summary)
                        .bind(&$d.description)
                        .bind($d.script.code())
                        .bind($d.sectors.joined())
                        .bind($d.modes.joined())
                        .bind($d.target_regions.joined())
                        .bind($d.stage.map(|s| s.code()))
                        .bind($d.ip_status.map(|s| s.code()))
                        .bind(&$d.contact)
                        .bind(&$d.expires_on)
                        .bind($d.event_id)
                };
            }

            /// Whom an introduction's mail goes to.
            #[derive(Clone, Copy)]
            enum Told {
                /// The posting's author and its organisation's representatives.
                Owners,
                /// Who expressed the interest.
                Interested,
            }

            fn actor(user: &User) -> Actor {
                Actor { user_id: Some(user.id), name: user.display_name.clone() }
            }

            impl $store {
                async fn posting_in(tx: &mut Tx<'_>, id: i64) -> StoreResult<Posting> {
                    sqlx::query_as::<_, Posting>(AssertSqlSafe(format!("{POSTING_SELECT} WHERE p.id = $1")))
                        .bind(id)
                        .fetch_optional(&mut **tx)
                        .await
                        .map_err(map_err)?
                        .ok_or(StoreError::NotFound)
                }

                async fn interest_in(tx: &mut Tx<'_>, id: i64) -> StoreResult<Interest> {
                    sqlx::query_as::<_, Interest>(AssertSqlSafe(format!("{INTEREST_SELECT} WHERE i.id = $1")))
                        .bind(id)
                        .fetch_optional(&mut **tx)
                        .await
                        .map_err(map_err)?
                        .ok_or(StoreError::NotFound)
                }

                /// Checks that `by` may post for the draft's organisation and that the
                /// organisation and event exist.
                async fn check_poster(tx: &mut Tx<'_>, by: &User, draft: &PostingDraft) -> StoreResult<()> {
                    if !is_staff(by) && by.org_id != Some(draft.org_id) {
                        return Err(StoreError::invalid("org_id", "err-market-not-your-org"));
                    }
                    let org = sqlx::query("SELECT 1 FROM organisations WHERE id = $1")
                        .bind(draft.org_id)
                        .fetch_optional(&mut **tx)
                        .await
                        .map_err(map_err)?;
                    if org.is_none() {
                        return Err(StoreError::invalid("org_id", "err-market-not-your-org"));
                    }
                    if let Some(event_id) = draft.event_id {
                        let ev = sqlx::query("SELECT 1 FROM events WHERE id = $1")
                            .bind(event_id)
                            .fetch_optional(&mut **tx)
                            .await
                            .map_err(map_err)?;
                        if ev.is_none() {
                            return Err(StoreError::invalid("event_id", "err-market-no-event"));
                        }
                    }
                    Ok(())
                }

                /// Queues a mail of `kind` about interest `interest_id` to `to` (but never
                /// to `by`, who did what it tells), in each recipient's language
                /// ([`MAIL_LOCALE`]). Nothing for the demo's synthetic postings and
                /// interests, nor for erased accounts; one such mail still waiting already
                /// says it all, since it is written when sent.
                async fn tell(tx: &mut Tx<'_>, kind: &str, interest_id: i64, to: Told, by: i64, now: i64) -> StoreResult<()> {
                    let who = match to {
                        Told::Owners => OWNERS,
                        Told::Interested => "u.id = i.from_user_id",
                    };
                    sqlx::query(AssertSqlSafe(format!("INSERT INTO outbox (to_addr, kind, interest_id, locale, created_at, next_attempt_at) SELECT u.email, $1, i.id, {MAIL_LOCALE}, $3, $3 FROM posting_interests i JOIN postings p ON p.id = i.posting_id JOIN users u ON {who} LEFT JOIN organisations o ON o.id = u.org_id WHERE i.id = $2 AND i.synthetic = $4 AND p.synthetic = $4 AND u.id <> $5 AND u.password_hash <> '' AND u.suspended_at IS NULL AND NOT EXISTS (SELECT 1 FROM outbox w WHERE w.kind = $1 AND w.interest_id = i.id AND w.to_addr = u.email AND w.sent_at IS NULL)")))
                        .bind(kind)
                        .bind(interest_id)
                        .bind(now)
                        .bind(false)
                        .bind(by)
                        .execute(&mut **tx)
                        .await
                        .map_err(map_err)?;
                    Ok(())
                }

                /// Queues a mail of `kind` about posting `posting_id` to its owners, as
                /// [`Self::tell`] does about an interest; the demo's synthetic postings'
                /// owners too where `demo_too` (a reminder staff asked for).
                async fn tell_owners(tx: &mut Tx<'_>, kind: &str, posting_id: i64, by: i64, demo_too: bool, now: i64) -> StoreResult<()> {
                    sqlx::query(AssertSqlSafe(format!("INSERT INTO outbox (to_addr, kind, posting_id, locale, created_at, next_attempt_at) SELECT u.email, $1, p.id, {MAIL_LOCALE}, $3, $3 FROM postings p JOIN users u ON {OWNERS} LEFT JOIN organisations o ON o.id = u.org_id WHERE p.id = $2 AND (p.synthetic = $4 OR $6) AND u.id <> $5 AND u.password_hash <> '' AND u.suspended_at IS NULL AND NOT EXISTS (SELECT 1 FROM outbox w WHERE w.kind = $1 AND w.posting_id = p.id AND w.to_addr = u.email AND w.sent_at IS NULL)")))
                        .bind(kind)
                        .bind(posting_id)
                        .bind(now)
                        .bind(false)
                        .bind(by)
                        .bind(demo_too)
                        .execute(&mut **tx)
                        .await
                        .map_err(map_err)?;
                    Ok(())
                }

                /// The introduction `id` as `by`, one of its sides or staff, may move it, at
                /// `expected_version`, with where it stands.
                async fn pipeline_of(tx: &mut Tx<'_>, by: &User, id: i64, expected_version: i64) -> StoreResult<(Interest, PipelineStage)> {
                    let before = Self::interest_in(tx, id).await?;
                    let posting = Self::posting_in(tx, before.posting_id).await?;
                    if !party_to(by, &before, &posting) {
                        return Err(StoreError::invalid("id", "err-market-not-party"));
                    }
                    let Some(from) = before.stage() else {
                        return Err(StoreError::Conflict("err-market-not-introduced"));
                    };
                    if before.version != expected_version {
                        return Err(StoreError::Conflict("err-stale-edit"));
                    }
                    Ok((before, from))
                }

                /// Writes a move (or a take-back) of `before` to `(stage, agreement, close
                /// reason)`, with its step in the history, audited.
                async fn shift_pipeline(tx: &mut Tx<'_>, by: &User, before: &Interest, (stage, agreement, reason): (PipelineStage, Option<String>, Option<String>), note: &str, takes_back: bool, now: i64) -> StoreResult<Interest> {
                    // The version is checked again in the write itself, so that of two moves
                    // racing from the same page only the first is taken.
                    let written = sqlx::query("UPDATE posting_interests SET stage = $2, agreement_type = $3, close_reason = $4, updated_at = $5, version = version + 1 WHERE id = $1 AND version = $6")
                        .bind(before.id)
                        .bind(stage.code())
                        .bind(agreement)
                        .bind(reason)
                        .bind(now)
                        .bind(before.version)
                        .execute(&mut **tx)
                        .await
                        .map_err(map_err)?;
                    if written.rows_affected() == 0 {
                        return Err(StoreError::Conflict("err-stale-edit"));
                    }
                    sqlx::query("INSERT INTO pipeline_steps (interest_id, stage, note, user_id, at, takes_back) VALUES ($1, $2, $3, $4, $5, $6)")
                        .bind(before.id)
                        .bind(stage.code())
                        .bind(note)
                        .bind(by.id)
                        .bind(now)
                        .bind(takes_back)
                        .execute(&mut **tx)
                        .await
                        .map_err(map_err)?;
                    let after = Self::interest_in(tx, before.id).await?;
                    Self::audit(tx, &actor(by), "update", "interest", before.id, audit_json(before), audit_json(&after)).await?;
                    // The other side is told; both, when the secretariat moved it.
                    if by.id != before.from_user_id {
                        Self::tell(tx, "market_stage", before.id, Told::Interested, by.id, now).await?;
                    }
                    if by.id == before.from_user_id || is_staff(by) {
                        Self::tell(tx, "market_stage", before.id, Told::Owners, by.id, now).await?;
                    }
                    Ok(after)
                }

                async fn step(tx: &mut Tx<'_>, interest_id: i64, stage: &str, note: &str, user_id: Option<i64>, now: i64) -> StoreResult<()> {
                    sqlx::query("INSERT INTO pipeline_steps (interest_id, stage, note, user_id, at) VALUES ($1, $2, $3, $4, $5)")
                        .bind(interest_id)
                        .bind(stage)
                        .bind(note)
                        .bind(user_id)
                        .bind(now)
                        .execute(&mut **tx)
                        .await
                        .map_err(map_err)?;
                    Ok(())
                }
            }

            #[async_trait::async_trait]
            impl MarketStore for $store {
                async fn create_posting(&self, by: &User, d: &PostingDraft, now: i64) -> StoreResult<Posting> {
                    let mut tx = self.begin().await?;
                    Self::check_poster(&mut tx, by, d).await?;
                    let q = sqlx::query("INSERT INTO postings (org_id, author_id, side, kind, title, summary, description, script, sectors, modes, target_regions, stage, ip_status, contact, expires_on, event_id, status, synthetic, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, 'pending', $17, $18, $18) RETURNING id")
                        .bind(d.org_id)
                        .bind(by.id);
                    let row = bind_posting!(q, d)
                        .bind(d.synthetic)
                        .bind(now)
                        .fetch_one(&mut *tx)
                        .await
                        .map_err(map_err)?;
                    let id: i64 = row.try_get(0).map_err(map_err)?;
                    let posting = Self::posting_in(&mut tx, id).await?;
                    Self::audit(&mut tx, &actor(by), "create", "posting", id, None, audit_json(&posting)).await?;
                    tx.commit().await.map_err(map_err)?;
                    Ok(posting)
                }

                async fn update_posting(&self, by: &User, id: i64, expected_version: i64, d: &PostingDraft, now: i64) -> StoreResult<Posting> {
                    let mut tx = self.begin().await?;
                    let before = Self::posting_in(&mut tx, id).await?;
                    if !before.owned_by(by) {
                        return Err(StoreError::invalid("org_id", "err-market-not-owner"));
                    }
                    if d.org_id != before.org_id {
                        Self::check_poster(&mut tx, by, d).await?;
                    } else if let Some(event_id) = d.event_id {
                        let ev = sqlx::query("SELECT 1 FROM events WHERE id = $1").bind(event_id).fetch_optional(&mut *tx).await.map_err(map_err)?;
                        if ev.is_none() {
                            return Err(StoreError::invalid("event_id", "err-market-no-event"));
                        }
                    }
                    if before.version != expected_version {
                        return Err(StoreError::Conflict("err-stale-edit"));
                    }
                    // An owner's edit is read again by the secretariat before it is public.
                    let status = if is_staff(by) || before.status == PostingStatus::Withdrawn {
                        before.status
                    } else {
                        PostingStatus::Pending
                    };
                    // The version is checked again in the write itself: of two edits racing
                    // from the same page, only the first is taken.
                    let q = sqlx::query("UPDATE postings SET org_id = $2, side = $3, kind = $4, title = $5, summary = $6, description = $7, script = $8, sectors = $9, modes = $10, target_regions = $11, stage = $12, ip_status = $13, contact = $14, expires_on = $15, event_id = $16, status = $17, version = version + 1, updated_at = $18 WHERE id = $1 AND version = $19")
                        .bind(id)
                        .bind(d.org_id);
                    let written = bind_posting!(q, d)
                        .bind(status.code())
                        .bind(now)
                        .bind(expected_version)
                        .execute(&mut *tx)
                        .await
                        .map_err(map_err)?;
                    if written.rows_affected() == 0 {
                        return Err(StoreError::Conflict("err-stale-edit"));
                    }
                    let after = Self::posting_in(&mut tx, id).await?;
                    Self::audit(&mut tx, &actor(by), "update", "posting", id, audit_json(&before), audit_json(&after)).await?;
                    tx.commit().await.map_err(map_err)?;
                    Ok(after)
                }

                async fn review_posting(&self, by: &User, id: i64, approve: bool, note: &str, now: i64) -> StoreResult<Posting> {
                    if !is_staff(by) {
                        return Err(StoreError::invalid("status", "err-market-staff-only"));
                    }
                    let note = note.trim();
                    if !approve && note.is_empty() {
                        return Err(StoreError::invalid("note", "err-market-return-reason"));
                    }
                    if note.chars().count() > MAX_INTEREST_CHARS {
                        return Err(StoreError::Invalid(vec![FieldError::new("note", "err-too-long").with_limit(MAX_INTEREST_CHARS as i64)]));
                    }
                    let mut tx = self.begin().await?;
                    let before = Self::posting_in(&mut tx, id).await?;
                    if before.status == PostingStatus::Withdrawn {
                        return Err(StoreError::Conflict("err-market-withdrawn"));
                    }
                    let (status, note) = if approve { (PostingStatus::Published, None) } else { (PostingStatus::Returned, Some(note)) };
                    sqlx::query("UPDATE postings SET status = $2, review_note = $3, published_at = CASE WHEN $4 THEN COALESCE(published_at, $5) ELSE published_at END, version = version + 1, updated_at = $5 WHERE id = $1")
                        .bind(id)
                        .bind(status.code())
                        .bind(note)
                        .bind(approve)
                        .bind(now)
                        .execute(&mut *tx)
                        .await
                        .map_err(map_err)?;
                    let after = Self::posting_in(&mut tx, id).await?;
                    Self::audit(&mut tx, &actor(by), "update", "posting", id, audit_json(&before), audit_json(&after)).await?;
                    Self::tell_owners(&mut tx, "market_review", id, by.id, false, now).await?;
                    tx.commit().await.map_err(map_err)?;
                    Ok(after)
                }

                async fn withdraw_posting(&self, by: &User, id: i64, now: i64) -> StoreResult<Posting> {
                    let mut tx = self.begin().await?;
                    let before = Self::posting_in(&mut tx, id).await?;
                    if !before.owned_by(by) {
                        return Err(StoreError::invalid("org_id", "err-market-not-owner"));
                    }
                    sqlx::query("UPDATE postings SET status = 'withdrawn', version = version + 1, updated_at = $2 WHERE id = $1")
                        .bind(id)
                        .bind(now)
                        .execute(&mut *tx)
                        .await
                        .map_err(map_err)?;
                    let after = Self::posting_in(&mut tx, id).await?;
                    Self::audit(&mut tx, &actor(by), "update", "posting", id, audit_json(&before), audit_json(&after)).await?;
                    tx.commit().await.map_err(map_err)?;
                    Ok(after)
                }

                async fn remind_posting(&self, by: &User, id: i64, now: i64) -> StoreResult<Posting> {
                    if !is_staff(by) {
                        return Err(StoreError::invalid("status", "err-market-staff-only"));
                    }
                    let mut tx = self.begin().await?;
                    Self::posting_in(&mut tx, id).await?;
                    let owners: i64 = sqlx::query_scalar(AssertSqlSafe(format!("SELECT COUNT(*) FROM postings p JOIN users u ON {OWNERS} WHERE p.id = $1 AND u.password_hash <> '' AND u.suspended_at IS NULL")))
                        .bind(id)
                        .fetch_one(&mut *tx)
                        .await
                        .map_err(map_err)?;
                    if owners == 0 {
                        return Err(StoreError::Conflict("err-market-nobody-to-remind"));
                    }
                    // Asked for by staff, so the demo's postings too.
                    Self::tell_owners(&mut tx, "market_expiry", id, by.id, true, now).await?;
                    sqlx::query("UPDATE postings SET reminded_at = $2 WHERE id = $1")
                        .bind(id)
                        .bind(now)
                        .execute(&mut *tx)
                        .await
                        .map_err(map_err)?;
                    let after = Self::posting_in(&mut tx, id).await?;
                    tx.commit().await.map_err(map_err)?;
                    Ok(after)
                }

                async fn get_posting(&self, id: i64) -> StoreResult<Posting> {
                    sqlx::query_as::<_, Posting>(AssertSqlSafe(format!("{POSTING_SELECT} WHERE p.id = $1")))
                        .bind(id)
                        .fetch_optional(&self.pool)
                        .await
                        .map_err(map_err)?
                        .ok_or(StoreError::NotFound)
                }

                async fn save_posting_alert(&self, user_id: i64, filters: &str, frequency: AlertFrequency, stop_token: &str, now: i64) -> StoreResult<PostingAlert> {
                    let mut tx = self.begin().await?;
                    let updated = sqlx::query_as::<_, PostingAlert>(AssertSqlSafe(format!("UPDATE posting_alerts SET frequency = $3 WHERE user_id = $1 AND filters = $2 RETURNING {ALERT_COLS}")))
                        .bind(user_id)
                        .bind(filters.to_owned())
                        .bind(frequency.code())
                        .fetch_optional(&mut *tx)
                        .await
                        .map_err(map_err)?;
                    let alert = match updated {
                        Some(alert) => alert,
                        None => {
                            let held: i64 = sqlx::query("SELECT COUNT(*) FROM posting_alerts WHERE user_id = $1")
                                .bind(user_id)
                                .fetch_one(&mut *tx)
                                .await
                                .map_err(map_err)?
                                .try_get(0)
                                .map_err(map_err)?;
                            if held >= MAX_ALERTS {
                                return Err(StoreError::Conflict("err-too-many-alerts"));
                            }
                            sqlx::query_as::<_, PostingAlert>(AssertSqlSafe(format!("INSERT INTO posting_alerts (user_id, filters, frequency, stop_token, created_at, checked_at) VALUES ($1, $2, $3, $4, $5, $5) RETURNING {ALERT_COLS}")))
                                .bind(user_id)
                                .bind(filters.to_owned())
                                .bind(frequency.code())
                                .bind(stop_token.to_owned())
                                .bind(now)
                                .fetch_one(&mut *tx)
                                .await
                                .map_err(map_err)?
                        }
                    };
                    tx.commit().await.map_err(map_err)?;
                    Ok(alert)
                }

                async fn save_posting(&self, user: &User, posting_id: i64, saved: bool, now: i64) -> StoreResult<()> {
                    if !saved {
                        sqlx::query("DELETE FROM posting_bookmarks WHERE user_id = $1 AND posting_id = $2")
                            .bind(user.id)
                            .bind(posting_id)
                            .execute(&self.pool)
                            .await
                            .map_err(map_err)?;
                        return Ok(());
                    }
                    let posting = self.get_posting(posting_id).await?;
                    if posting.status != PostingStatus::Published && !posting.owned_by(user) {
                        return Err(StoreError::NotFound);
                    }
                    sqlx::query("INSERT INTO posting_bookmarks (user_id, posting_id, created_at) VALUES ($1, $2, $3) ON CONFLICT (user_id, posting_id) DO NOTHING")
                        .bind(user.id)
                        .bind(posting_id)
                        .bind(now)
                        .execute(&self.pool)
                        .await
                        .map_err(map_err)?;
                    Ok(())
                }

                async fn saved_postings(&self, user_id: i64) -> StoreResult<Vec<Posting>> {
                    sqlx::query_as::<_, Posting>(AssertSqlSafe(format!("{POSTING_SELECT} JOIN posting_bookmarks b ON b.posting_id = p.id WHERE b.user_id = $1 AND p.status = 'published' ORDER BY b.created_at DESC, p.id DESC LIMIT 200")))
                        .bind(user_id)
                        .fetch_all(&self.pool)
                        .await
                        .map_err(map_err)
                }

                async fn saved_count(&self, posting_id: i64) -> StoreResult<i64> {
                    sqlx::query("SELECT COUNT(*) FROM posting_bookmarks WHERE posting_id = $1")
                        .bind(posting_id)
                        .fetch_one(&self.pool)
                        .await
                        .map_err(map_err)?
                        .try_get(0)
                        .map_err(map_err)
                }

                async fn has_saved(&self, user_id: i64, posting_id: i64) -> StoreResult<bool> {
                    Ok(sqlx::query("SELECT 1 FROM posting_bookmarks WHERE user_id = $1 AND posting_id = $2")
                        .bind(user_id)
                        .bind(posting_id)
                        .fetch_optional(&self.pool)
                        .await
                        .map_err(map_err)?
                        .is_some())
                }

                async fn posting_alerts(&self, user_id: i64) -> StoreResult<Vec<PostingAlert>> {
                    sqlx::query_as::<_, PostingAlert>(AssertSqlSafe(format!("SELECT {ALERT_COLS} FROM posting_alerts WHERE user_id = $1 ORDER BY id")))
                        .bind(user_id)
                        .fetch_all(&self.pool)
                        .await
                        .map_err(map_err)
                }

                async fn get_posting_alert(&self, id: i64) -> StoreResult<PostingAlert> {
                    sqlx::query_as::<_, PostingAlert>(AssertSqlSafe(format!("SELECT {ALERT_COLS} FROM posting_alerts WHERE id = $1")))
                        .bind(id)
                        .fetch_optional(&self.pool)
                        .await
                        .map_err(map_err)?
                        .ok_or(StoreError::NotFound)
                }

                async fn posting_alert_by_token(&self, stop_token: &str) -> StoreResult<PostingAlert> {
                    sqlx::query_as::<_, PostingAlert>(AssertSqlSafe(format!("SELECT {ALERT_COLS} FROM posting_alerts WHERE stop_token = $1")))
                        .bind(stop_token.to_owned())
                        .fetch_optional(&self.pool)
                        .await
                        .map_err(map_err)?
                        .ok_or(StoreError::NotFound)
                }

                async fn delete_posting_alert(&self, user_id: i64, id: i64) -> StoreResult<()> {
                    let gone = sqlx::query("DELETE FROM posting_alerts WHERE id = $1 AND user_id = $2")
                        .bind(id)
                        .bind(user_id)
                        .execute(&self.pool)
                        .await
                        .map_err(map_err)?
                        .rows_affected();
                    if gone == 0 {
                        return Err(StoreError::NotFound);
                    }
                    Ok(())
                }

                async fn due_posting_alerts(&self, now: i64, limit: i64) -> StoreResult<Vec<PostingAlert>> {
                    sqlx::query_as::<_, PostingAlert>(AssertSqlSafe(format!("SELECT {ALERT_COLS} FROM posting_alerts WHERE (frequency = 'daily' AND checked_at <= $1) OR (frequency = 'weekly' AND checked_at <= $2) ORDER BY checked_at, id LIMIT $3")))
                        .bind(now - AlertFrequency::Daily.seconds())
                        .bind(now - AlertFrequency::Weekly.seconds())
                        .bind(limit)
                        .fetch_all(&self.pool)
                        .await
                        .map_err(map_err)
                }

                async fn look_at_posting_alert(&self, id: i64, checked_at: i64, now: i64, news: bool) -> StoreResult<bool> {
                    let mut tx = self.begin().await?;
                    let took = sqlx::query("UPDATE posting_alerts SET checked_at = $3 WHERE id = $1 AND checked_at = $2")
                        .bind(id)
                        .bind(checked_at)
                        .bind(now)
                        .execute(&mut *tx)
                        .await
                        .map_err(map_err)?
                        .rows_affected()
                        == 1;
                    if took && news {
                        sqlx::query(AssertSqlSafe(format!("INSERT INTO outbox (to_addr, kind, alert_id, alert_since, locale, created_at, next_attempt_at) SELECT u.email, 'posting_alert', a.id, $2, {MAIL_LOCALE}, $3, $3 FROM posting_alerts a JOIN users u ON u.id = a.user_id LEFT JOIN organisations o ON o.id = u.org_id WHERE a.id = $1 AND u.password_hash <> '' AND u.suspended_at IS NULL")))
                            .bind(id)
                            .bind(checked_at)
                            .bind(now)
                            .execute(&mut *tx)
                            .await
                            .map_err(map_err)?;
                    }
                    tx.commit().await.map_err(map_err)?;
                    Ok(took)
                }

                async fn look_at_alert_with_postings(&self, id: i64, checked_at: i64, now: i64, postings: &[i64]) -> StoreResult<bool> {
                    let mut tx = self.begin().await?;
                    let took = sqlx::query("UPDATE posting_alerts SET checked_at = $3 WHERE id = $1 AND checked_at = $2")
                        .bind(id)
                        .bind(checked_at)
                        .bind(now)
                        .execute(&mut *tx)
                        .await
                        .map_err(map_err)?
                        .rows_affected()
                        == 1;
                    if took {
                        let ids = postings.iter().map(i64::to_string).collect::<Vec<_>>().join(",");
                        sqlx::query(AssertSqlSafe(format!("INSERT INTO outbox (to_addr, kind, alert_id, alert_since, posting_ids, locale, created_at, next_attempt_at) SELECT u.email, 'alert_postings', a.id, $2, $4, {MAIL_LOCALE}, $3, $3 FROM posting_alerts a JOIN users u ON u.id = a.user_id LEFT JOIN organisations o ON o.id = u.org_id WHERE a.id = $1 AND u.password_hash <> '' AND u.suspended_at IS NULL")))
                            .bind(id)
                            .bind(checked_at)
                            .bind(now)
                            .bind(ids)
                            .execute(&mut *tx)
                            .await
                            .map_err(map_err)?;
                    }
                    tx.commit().await.map_err(map_err)?;
                    Ok(took)
                }

                async fn list_postings(&self, f: &PostingFilter) -> StoreResult<Page<Posting>> {
                    let w = posting_where(f);
                    let sql = format!(
                        "{POSTING_SELECT}{} ORDER BY COALESCE(p.published_at, p.created_at) DESC, p.id DESC LIMIT {} OFFSET {}",
                        w.sql,
                        clamp_limit(f.limit),
                        f.offset.max(0)
                    );
                    let q = $crate::bind_args!(sqlx::query(AssertSqlSafe(sql)), &w.args);
                    let c = $crate::bind_args!(sqlx::query(AssertSqlSafe(format!("SELECT COUNT(*) FROM postings p JOIN organisations o ON o.id = p.org_id{}", w.sql))), &w.args);
                    let rows = q.fetch_all(&self.pool).await.map_err(map_err)?;
                    let items = rows.iter().map(Posting::from_row).collect::<Result<Vec<_>, _>>().map_err(map_err)?;
                    let total: i64 = if (items.len() as i64) < clamp_limit(f.limit) && (f.offset <= 0 || !items.is_empty()) {
                        f.offset.max(0) + items.len() as i64
                    } else {
                        c.fetch_one(&self.pool).await.map_err(map_err)?.try_get(0).map_err(map_err)?
                    };
                    Ok(Page { items, total })
                }

                async fn live_postings(&self, today: &str) -> StoreResult<Vec<Posting>> {
                    sqlx::query_as::<_, Posting>(AssertSqlSafe(format!("{POSTING_SELECT} WHERE p.status = 'published' AND p.expires_on >= $1 ORDER BY p.id")))
                        .bind(today)
                        .fetch_all(&self.pool)
                        .await
                        .map_err(map_err)
                }

                async fn live_attachment_words(&self, today: &str) -> StoreResult<Vec<(i64, String)>> {
                    sqlx::query_as::<_, (i64, String)>("SELECT id, attachment_words FROM postings WHERE status = 'published' AND expires_on >= $1 AND attachment_words IS NOT NULL ORDER BY id")
                        .bind(today)
                        .fetch_all(&self.pool)
                        .await
                        .map_err(map_err)
                }

                async fn expiring_postings(&self, today: &str, until: &str) -> StoreResult<Vec<Posting>> {
                    sqlx::query_as::<_, Posting>(AssertSqlSafe(format!("{POSTING_SELECT} WHERE p.status = 'published' AND p.expires_on >= $1 AND p.expires_on <= $2 ORDER BY p.expires_on, p.id")))
                        .bind(today)
                        .bind(until)
                        .fetch_all(&self.pool)
                        .await
                        .map_err(map_err)
                }

                async fn market_stamp(&self) -> StoreResult<MarketStamp> {
                    // Kept by trigger in the writing transaction (migration 0011).
                    sqlx::query("SELECT n FROM market_changes WHERE id = 1")
                        .fetch_one(&self.pool)
                        .await
                        .map_err(map_err)?
                        .try_get(0)
                        .map_err(map_err)
                }

                async fn express_interest(&self, by: &User, posting_id: i64, message: &str, script: baylink_text::Script, today: &str, now: i64) -> StoreResult<Interest> {
                    let mut tx = self.begin().await?;
                    let posting = Self::posting_in(&mut tx, posting_id).await?;
                    if posting.author_id == Some(by.id) || by.org_id == Some(posting.org_id) {
                        return Err(StoreError::invalid("posting_id", "err-market-own-posting"));
                    }
                    if !posting.live(today) {
                        return Err(StoreError::Conflict("err-market-not-live"));
                    }
                    let twice = sqlx::query("SELECT 1 FROM posting_interests WHERE posting_id = $1 AND from_user_id = $2")
                        .bind(posting_id)
                        .bind(by.id)
                        .fetch_optional(&mut *tx)
                        .await
                        .map_err(map_err)?;
                    if twice.is_some() {
                        return Err(StoreError::Conflict("err-market-interest-twice"));
                    }
                    let row = sqlx::query("INSERT INTO posting_interests (posting_id, from_user_id, from_org_id, message, message_script, status, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, 'pending', $6, $6) RETURNING id")
                        .bind(posting_id)
                        .bind(by.id)
                        .bind(by.org_id)
                        .bind(message)
                        .bind(script.code())
                        .bind(now)
                        .fetch_one(&mut *tx)
                        .await
                        .map_err(map_err)?;
                    let id: i64 = row.try_get(0).map_err(map_err)?;
                    let interest = Self::interest_in(&mut tx, id).await?;
                    Self::audit(&mut tx, &actor(by), "create", "interest", id, None, audit_json(&interest)).await?;
                    Self::tell(&mut tx, "market_interest", id, Told::Owners, by.id, now).await?;
                    tx.commit().await.map_err(map_err)?;
                    Ok(interest)
                }

                async fn decide_interest(&self, by: &User, id: i64, accept: bool, now: i64) -> StoreResult<Interest> {
                    let mut tx = self.begin().await?;
                    let before = Self::interest_in(&mut tx, id).await?;
                    let posting = Self::posting_in(&mut tx, before.posting_id).await?;
                    if !posting.owned_by(by) {
                        return Err(StoreError::invalid("id", "err-market-not-owner"));
                    }
                    if before.status != InterestStatus::Pending {
                        return Err(StoreError::Conflict("err-market-already-decided"));
                    }
                    let (status, stage) = if accept { ("accepted", Some("introduced")) } else { ("declined", None) };
                    // Still pending in the write itself: of two owners answering at once, only
                    // the first answer is taken.
                    let written = sqlx::query("UPDATE posting_interests SET status = $2, stage = $3, decided_at = $4, updated_at = $4, version = version + 1 WHERE id = $1 AND status = 'pending'")
                        .bind(id)
                        .bind(status)
                        .bind(stage)
                        .bind(now)
                        .execute(&mut *tx)
                        .await
                        .map_err(map_err)?;
                    if written.rows_affected() == 0 {
                        return Err(StoreError::Conflict("err-market-already-decided"));
                    }
                    if let Some(stage) = stage {
                        Self::step(&mut tx, id, stage, "", Some(by.id), now).await?;
                    }
                    let after = Self::interest_in(&mut tx, id).await?;
                    Self::audit(&mut tx, &actor(by), "update", "interest", id, audit_json(&before), audit_json(&after)).await?;
                    Self::tell(&mut tx, "market_decided", id, Told::Interested, by.id, now).await?;
                    tx.commit().await.map_err(map_err)?;
                    Ok(after)
                }

                async fn move_pipeline(&self, by: &User, id: i64, expected_version: i64, step: &PipelineMove, now: i64) -> StoreResult<Interest> {
                    step.validate()?;
                    let mut tx = self.begin().await?;
                    let (before, from) = Self::pipeline_of(&mut tx, by, id, expected_version).await?;
                    if !step.allowed_from(from) {
                        return Err(StoreError::invalid("stage", "err-market-stage-order"));
                    }
                    let agreement = match step.stage {
                        PipelineStage::Signed => step.agreement_type.map(|a| a.code().to_owned()),
                        _ => before.agreement_type.clone(),
                    };
                    let note = step.note.trim();
                    let reason = (step.stage == PipelineStage::Closed).then(|| note.to_owned());
                    let after = Self::shift_pipeline(&mut tx, by, &before, (step.stage, agreement, reason), note, false, now).await?;
                    tx.commit().await.map_err(map_err)?;
                    Ok(after)
                }

                async fn take_back_pipeline(&self, by: &User, id: i64, expected_version: i64, back: &PipelineBack, now: i64) -> StoreResult<Interest> {
                    back.validate()?;
                    let mut tx = self.begin().await?;
                    // The history before the version check, as for a meeting's cooperation.
                    let steps: Vec<(String, bool)> = sqlx::query_as("SELECT stage, takes_back FROM pipeline_steps WHERE interest_id = $1 ORDER BY at, id")
                        .bind(id)
                        .fetch_all(&mut *tx)
                        .await
                        .map_err(map_err)?;
                    let (before, _) = Self::pipeline_of(&mut tx, by, id, expected_version).await?;
                    let (to, agreement) = PipelineBack::restore(steps.iter().map(|(stage, back)| (stage.as_str(), *back)), before.agreement_type.clone())?;
                    let after = Self::shift_pipeline(&mut tx, by, &before, (to, agreement, None), back.note.trim(), true, now).await?;
                    tx.commit().await.map_err(map_err)?;
                    Ok(after)
                }

                async fn get_interest(&self, id: i64) -> StoreResult<Interest> {
                    sqlx::query_as::<_, Interest>(AssertSqlSafe(format!("{INTEREST_SELECT} WHERE i.id = $1")))
                        .bind(id)
                        .fetch_optional(&self.pool)
                        .await
                        .map_err(map_err)?
                        .ok_or(StoreError::NotFound)
                }

                async fn interests_for_posting(&self, posting_id: i64) -> StoreResult<Vec<Interest>> {
                    sqlx::query_as::<_, Interest>(AssertSqlSafe(format!("{INTEREST_SELECT} WHERE i.posting_id = $1 ORDER BY i.id")))
                        .bind(posting_id)
                        .fetch_all(&self.pool)
                        .await
                        .map_err(map_err)
                }

                async fn interests_of_user(&self, user: &User) -> StoreResult<Vec<Interest>> {
                    sqlx::query_as::<_, Interest>(AssertSqlSafe(format!("{INTEREST_SELECT} WHERE i.from_user_id = $1 OR p.author_id = $1 OR p.org_id = $2 ORDER BY i.updated_at DESC, i.id DESC")))
                        .bind(user.id)
                        .bind(user.org_id.unwrap_or(0))
                        .fetch_all(&self.pool)
                        .await
                        .map_err(map_err)
                }

                async fn pipeline_steps(&self, interest_id: i64) -> StoreResult<Vec<PipelineStep>> {
                    sqlx::query_as::<_, PipelineStep>("SELECT id, interest_id, stage, note, user_id, at, takes_back FROM pipeline_steps WHERE interest_id = $1 ORDER BY at, id")
                        .bind(interest_id)
                        .fetch_all(&self.pool)
                        .await
                        .map_err(map_err)
                }

                async fn funnel_rows(&self) -> StoreResult<Vec<FunnelRow>> {
                    sqlx::query_as::<_, FunnelRow>("SELECT i.status, i.stage, i.agreement_type, o.region AS posting_region, fo.region AS from_region, p.sectors, p.event_id FROM posting_interests i JOIN postings p ON p.id = i.posting_id JOIN organisations o ON o.id = p.org_id LEFT JOIN organisations fo ON fo.id = i.from_org_id ORDER BY i.id")
                        .fetch_all(&self.pool)
                        .await
                        .map_err(map_err)
                }

                async fn add_attachment(&self, by: &User, posting_id: i64, file: FileUpload<'_>, now: i64) -> StoreResult<Attachment> {
                    let mut tx = self.begin().await?;
                    // Locks the posting's row, so two uploads cannot both take the last place.
                    sqlx::query("UPDATE postings SET version = version WHERE id = $1").bind(posting_id).execute(&mut *tx).await.map_err(map_err)?;
                    let posting = Self::posting_in(&mut tx, posting_id).await?;
                    if !posting.owned_by(by) {
                        return Err(StoreError::invalid("file", "err-market-not-owner"));
                    }
                    let count: i64 = sqlx::query("SELECT COUNT(*) FROM posting_attachments WHERE posting_id = $1")
                        .bind(posting_id)
                        .fetch_one(&mut *tx)
                        .await
                        .map_err(map_err)?
                        .try_get(0)
                        .map_err(map_err)?;
                    if count >= MAX_ATTACHMENTS {
                        return Err(StoreError::Invalid(vec![FieldError::new("file", "err-market-too-many-files").with_limit(MAX_ATTACHMENTS)]));
                    }
                    let attachment = sqlx::query_as::<_, Attachment>(AssertSqlSafe(format!("INSERT INTO posting_attachments (posting_id, filename, content_type, size, data, created_at, words) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING {ATTACHMENT_COLS}")))
                        .bind(posting_id)
                        .bind(file.filename)
                        .bind(file.content_type)
                        .bind(file.data.len() as i64)
                        .bind(file.data)
                        .bind(now)
                        .bind(file.words)
                        .fetch_one(&mut *tx)
                        .await
                        .map_err(map_err)?;
                    Self::gather_words(&mut tx, $crate::sql::FileWords::Posting, posting_id).await?;
                    Self::audit(&mut tx, &actor(by), "create", "attachment", attachment.id, None, audit_json(&attachment)).await?;
                    tx.commit().await.map_err(map_err)?;
                    Ok(attachment)
                }

                async fn attachments(&self, posting_id: i64) -> StoreResult<Vec<Attachment>> {
                    self.files_where($crate::sql::FileWords::Posting, "posting_id = $1 ORDER BY id", posting_id).await
                }

                async fn attachment_data(&self, id: i64) -> StoreResult<(Attachment, Vec<u8>)> {
                    self.file_with_data($crate::sql::FileWords::Posting, id).await
                }

                async fn delete_attachment(&self, by: &User, id: i64) -> StoreResult<()> {
                    let mut tx = self.begin().await?;
                    let a = sqlx::query_as::<_, Attachment>(AssertSqlSafe(format!("SELECT {ATTACHMENT_COLS} FROM posting_attachments WHERE id = $1")))
                        .bind(id)
                        .fetch_optional(&mut *tx)
                        .await
                        .map_err(map_err)?
                        .ok_or(StoreError::NotFound)?;
                    let posting = Self::posting_in(&mut tx, a.posting_id).await?;
                    if !posting.owned_by(by) {
                        return Err(StoreError::invalid("file", "err-market-not-owner"));
                    }
                    sqlx::query("DELETE FROM posting_attachments WHERE id = $1").bind(id).execute(&mut *tx).await.map_err(map_err)?;
                    Self::gather_words(&mut tx, $crate::sql::FileWords::Posting, a.posting_id).await?;
                    Self::audit(&mut tx, &actor(by), "delete", "attachment", id, audit_json(&a), None).await?;
                    tx.commit().await.map_err(map_err)?;
                    Ok(())
                }

                async fn attachments_unread(&self, limit: i64) -> StoreResult<Vec<Attachment>> {
                    self.files_where($crate::sql::FileWords::Posting, "words IS NULL ORDER BY id LIMIT $1", limit).await
                }

                async fn set_attachment_words(&self, id: i64, words: &str) -> StoreResult<()> {
                    self.keep_words($crate::sql::FileWords::Posting, id, words).await
                }

                async fn shared_matchmaking(&self, a: &str, b: &str) -> StoreResult<Vec<(i64, i64, i64)>> {
                    let rows = sqlx::query("SELECT m.event_id, ra.id, rb.id FROM matchmaking m JOIN registrations ra ON ra.event_id = m.event_id AND LOWER(ra.email) = LOWER($1) AND ra.status = 'confirmed' JOIN registrations rb ON rb.event_id = m.event_id AND LOWER(rb.email) = LOWER($2) AND rb.status = 'confirmed' WHERE m.status = 'open' ORDER BY m.event_id")
                        .bind(a)
                        .bind(b)
                        .fetch_all(&self.pool)
                        .await
                        .map_err(map_err)?;
                    rows.iter()
                        .map(|r| Ok((r.try_get(0).map_err(map_err)?, r.try_get(1).map_err(map_err)?, r.try_get(2).map_err(map_err)?)))
                        .collect()
                }
            }
        };
    };
}
