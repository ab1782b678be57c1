//! The SQL implementation of [`EventStore`](crate::EventStore), shared by both backends in
//! the same way as [`crate::sql`].
//!
//! Seats are counted in the event and session rows themselves (`confirmed_count`, and
//! `waiting_seq` for the order of the waiting list), and taken with one conditional
//! `UPDATE … WHERE confirmed_count < capacity`: the database, not the application,
//! decides who gets the last seat, on SQLite (one writer at a time) and on PostgreSQL
//! (the row lock) alike, however many app nodes there are.

use crate::events::EventFilter;
use crate::sql::{Arg, Built, like_pattern};

/// An event's feedback row, as [`EventFeedback`](crate::EventFeedback) reads it.
pub const FEEDBACK_COLS: &str =
    "registration_id, event_id, rating, useful, improve, script, created_at, updated_at";

pub const EVENT_COLS: &str = "id, kind, series_id, title, title_script, title_en, summary, summary_script, venue, venue_script, venue_en, region, starts_at, ends_at, capacity, delegation_quota, reminders_off, transfers_off, reminder_hours, retention_days, feedback_asked_at, confirmed_count, waiting_seq, registration_open, requires_approval, synthetic, version, programme_version, ask_fields, required_fields, created_at, updated_at";
/// The places an account's organisation holds at an event through delegations ($1 the
/// event, $2 the account; see `EventStore::delegation_places`).
pub const PLACES_HELD: &str = "SELECT COUNT(*) FROM registrations WHERE event_id = $1 AND status NOT IN ('cancelled', 'declined') AND (registered_by = $2 OR registered_by IN (SELECT u.id FROM users u JOIN users me ON me.org_id = u.org_id WHERE me.id = $2))";
/// The places an account's organisation has at an event: its own, or the event's number per
/// organisation ($1 the event, $2 the account; see `EventStore::delegation_quota_for`).
pub const QUOTA_FOR: &str = "SELECT COALESCE((SELECT p.places FROM organisation_places p JOIN users u ON u.org_id = p.org_id WHERE p.event_id = e.id AND u.id = $2), e.delegation_quota) FROM events e WHERE e.id = $1";

pub const REG_COLS: &str = "id, event_id, status, name, name_script, email, organisation, region, org_type, position, phone, dietary, consent_at, consent_version, invited, waiting_seq, manage_token, locale, checked_in_at, synthetic, registered_by, created_at, updated_at, transferred_to";
pub const SESSION_SELECT: &str = "SELECT s.id, s.event_id, s.kind, s.title, s.title_script, s.title_en, s.theme, s.theme_script, s.room, s.starts_at, s.ends_at, s.capacity, s.confirmed_count, s.waiting_seq, s.organiser_org_id, s.sort_order, o.name AS organiser_name, o.name_script AS organiser_name_script, o.name_en AS organiser_name_en FROM event_sessions s LEFT JOIN organisations o ON o.id = s.organiser_org_id";
pub const ROLE_SELECT: &str = "SELECT r.id, r.event_id, r.org_id, r.role, r.sort_order, o.name AS org_name, o.name_script AS org_name_script, o.name_en AS org_name_en FROM event_roles r JOIN organisations o ON o.id = r.org_id";
pub const SPEAKER_SELECT: &str = "SELECT a.id, a.item_id AS parent_id, a.person_id, a.title, a.title_script, a.sort_order, p.name AS person_name, p.name_script AS person_name_script, p.name_en AS person_name_en FROM item_speakers a JOIN people p ON p.id = a.person_id";
pub const GUEST_SELECT: &str = "SELECT a.id, a.event_id AS parent_id, a.person_id, a.title, a.title_script, a.sort_order, p.name AS person_name, p.name_script AS person_name_script, p.name_en AS person_name_en FROM event_guests a JOIN people p ON p.id = a.person_id";
pub const QUESTION_COLS: &str = "id, event_id, kind, label, label_script, options, required, sort_order, retention_days, shown_if_question, shown_if_answer, after_confirmation";
/// An event's managers with their accounts' names and addresses ([`crate::EventManager`]).
pub const MANAGER_SELECT: &str = "SELECT m.event_id, m.user_id, u.display_name, u.email, m.added_at FROM event_managers m JOIN users u ON u.id = m.user_id";
pub const QUESTION_SELECT: &str = "SELECT id, event_id, kind, label, label_script, options, required, sort_order, retention_days, shown_if_question, shown_if_answer, after_confirmation FROM registration_questions";
pub const INVITATION_COLS: &str = "id, event_id, email, name, name_script, token, locale, expires_at, used_at, registration_id, created_at";
pub const OUTBOX_COLS: &str = "id, to_addr, kind, registration_id, invitation_id, meeting_request_id, interest_id, posting_id, alert_id, alert_since, posting_ids, locale, subject, body, secret, created_at, attempts, next_attempt_at, sent_at, last_error";

/// A string as a JSON literal, for audit lines.
pub fn serde_json_string(s: &str) -> String {
    serde_json::Value::String(s.to_owned()).to_string()
}

/// Hong Kong time is UTC+8 all year.
pub const HK_OFFSET: i64 = 8 * 3600;

/// Unix seconds of midnight, 1 January of `year`, Hong Kong time.
pub fn year_start(year: i32) -> i64 {
    let date =
        time::Date::from_calendar_date(year, time::Month::January, 1).unwrap_or(time::Date::MIN);
    date.midnight().assume_utc().unix_timestamp() - HK_OFFSET
}

/// The `WHERE` clause and values for the event list, and its order.
pub fn event_where(f: &EventFilter) -> (Built, &'static str) {
    let mut b = Built::default();
    let mut conds: Vec<String> = Vec::new();
    let mut push = |b: &mut Built, cond: &str, a: Arg| {
        b.args.push(a);
        conds.push(cond.replace("?", &format!("${}", b.args.len())));
    };
    if let Some(q) =
        f.q.as_deref()
            .map(baylink_text::fold)
            .filter(|q| !q.is_empty())
    {
        push(
            &mut b,
            "search_key LIKE ? ESCAPE '\\'",
            Arg::Text(like_pattern(&q)),
        );
    }
    if let Some(y) = f.year {
        push(&mut b, "starts_at >= ?", Arg::Int(year_start(y)));
        // Saturating: a year off the calendar (a typed 2147483647) finds nothing, and
        // must not overflow.
        push(
            &mut b,
            "starts_at < ?",
            Arg::Int(year_start(y.saturating_add(1))),
        );
    }
    if let Some(k) = f.kind {
        push(&mut b, "kind = ?", Arg::Text(k.code().to_owned()));
    }
    if let Some(s) = f.series_id {
        push(&mut b, "series_id = ?", Arg::Int(s));
    }
    if let Some(r) = f.region {
        push(&mut b, "region = ?", Arg::Text(r.code().to_owned()));
    }
    if let Some(o) = f.org_id {
        push(
            &mut b,
            "id IN (SELECT event_id FROM event_roles WHERE org_id = ?)",
            Arg::Int(o),
        );
    }
    let order = match f.upcoming {
        Some(true) => {
            push(&mut b, "ends_at >= ?", Arg::Int(f.now));
            " ORDER BY starts_at, id"
        }
        Some(false) => {
            push(&mut b, "ends_at < ?", Arg::Int(f.now));
            " ORDER BY starts_at DESC, id DESC"
        }
        None => " ORDER BY starts_at DESC, id DESC",
    };
    if !conds.is_empty() {
        b.sql = format!(" WHERE {}", conds.join(" AND "));
    }
    (b, order)
}

/// Whose personal data `anonymise_in` lets go: one registration (an erasure), or those
/// of an event not anonymised yet (a retention sweep).
#[derive(Debug, Clone, Copy)]
pub enum Anonymise {
    One(i64),
    Event(i64),
}

/// Implements [`EventStore`](crate::EventStore) for `$store` (see
/// [`impl_sql_store!`](crate::impl_sql_store), whose transaction helpers it uses).
#[macro_export]
macro_rules! impl_sql_events {
    ($store:ident, $db:ty) => {
        const _: () = {
            use $crate::sql::reexport::{async_trait, baylink_text, sqlx};
            use $crate::sql::{audit_json, clamp_limit, map_err, Arg};
            use $crate::sql_events::*;
            use $crate::*;
            use sqlx::{AssertSqlSafe, FromRow, Row};

            type Tx<'a> = sqlx::Transaction<'a, $db>;

            impl $store {
                /// Locks the registration's event for the transaction; returns the event's
                /// id and the registration as it is under the lock.
                async fn lock_registration(tx: &mut Tx<'_>, id: i64) -> StoreResult<(i64, Registration)> {
                    let event_id: i64 = sqlx::query("SELECT event_id FROM registrations WHERE id = $1")
                        .bind(id)
                        .fetch_optional(&mut **tx)
                        .await
                        .map_err(map_err)?
                        .ok_or(StoreError::NotFound)?
                        .try_get(0)
                        .map_err(map_err)?;
                    Self::lock_event(tx, event_id).await?;
                    Ok((event_id, Self::reg_in(tx, id).await?))
                }

                /// Cancels `before` (confirmed, waiting or pending) under its event's lock:
                /// its seats go to the next on the waiting lists, and its matchmaking
                /// requests and meetings go with it (the slots and tables freed, the other
                /// sides told).
                async fn cancel_in(tx: &mut Tx<'_>, event_id: i64, before: &Registration, now: i64) -> StoreResult<()> {
                    Self::set_status(tx, before.id, RegStatus::Cancelled, None, now).await?;
                    if before.status == RegStatus::Confirmed {
                        sqlx::query("UPDATE events SET confirmed_count = confirmed_count - 1 WHERE id = $1")
                            .bind(event_id)
                            .execute(&mut **tx)
                            .await
                            .map_err(map_err)?;
                    }
                    Self::release_sessions(tx, before.id).await?;
                    Self::cancel_requests_of(tx, before.id, None, now).await?;
                    Self::promote_event(tx, event_id, now).await
                }

                /// Refuses `d` when it leaves out a field the event requires (`required`,
                /// comma-separated), naming each.
                fn require_fields(required: &str, d: &RegistrationDraft) -> StoreResult<()> {
                    let missing: Vec<FieldError> = required
                        .split(',')
                        .filter(|f| !f.is_empty() && !d.has(f))
                        .map(|f| FieldError::new(f, "err-required"))
                        .collect();
                    if missing.is_empty() {
                        Ok(())
                    } else {
                        Err(StoreError::Invalid(missing))
                    }
                }

                async fn reg_in(tx: &mut Tx<'_>, id: i64) -> StoreResult<Registration> {
                    sqlx::query_as::<_, Registration>(AssertSqlSafe(format!("SELECT {REG_COLS} FROM registrations WHERE id = $1")))
                        .bind(id)
                        .fetch_optional(&mut **tx)
                        .await
                        .map_err(map_err)?
                        .ok_or(StoreError::NotFound)
                }

                /// Locks the event's row for the rest of the transaction and reads what
                /// registration needs of it.
                async fn lock_event(tx: &mut Tx<'_>, id: i64) -> StoreResult<(bool, bool)> {
                    let row = sqlx::query("UPDATE events SET version = version WHERE id = $1 RETURNING registration_open, requires_approval")
                        .bind(id)
                        .fetch_optional(&mut **tx)
                        .await
                        .map_err(map_err)?
                        .ok_or(StoreError::NotFound)?;
                    Ok((row.try_get(0).map_err(map_err)?, row.try_get(1).map_err(map_err)?))
                }

                /// Whether `a` and `b` name one organisation: in the same forms
                /// ([`crate::events::same_organisation`]), or as two of the names the
                /// directory holds for one organisation, its Chinese, English and short
                /// names ([`OrganisationNames`]: 香港生產力促進局 and Hong Kong Productivity
                /// Council). The directory is small, so it is read whole, and only when the
                /// forms differ.
                async fn one_organisation(tx: &mut Tx<'_>, a: Option<&str>, b: Option<&str>) -> StoreResult<bool> {
                    if $crate::events::same_organisation(a, b) {
                        return Ok(true);
                    }
                    let (Some(a), Some(b)) = (a, b) else {
                        return Ok(false);
                    };
                    let orgs = sqlx::query_as::<_, Organisation>(AssertSqlSafe(format!("SELECT {} FROM organisations", $crate::sql::ORG_COLS)))
                        .fetch_all(&mut **tx)
                        .await
                        .map_err(map_err)?;
                    let names = OrganisationNames::new(&orgs);
                    Ok(matches!((names.find(a), names.find(b)), (Some(x), Some(y)) if x == y))
                }

                /// Drops the answers kept for API writes (idempotency keys, at most a day
                /// old) that show `reg`: its address, its link's token or its name, in the
                /// answer or its headers. Whoever sends such a write again then has it run
                /// again, under its own rules, rather than read the erased person back. The
                /// answers are few (a day's writes sent with a key) and an erasure rare, so
                /// they are read and searched here, which both backends do alike.
                async fn forget_kept_answers(tx: &mut Tx<'_>, reg: &Registration) -> StoreResult<()> {
                    let needles: Vec<&[u8]> = [reg.email.as_str(), reg.manage_token.as_str(), reg.name.as_str()]
                        .into_iter()
                        .filter(|n| n.chars().count() >= 2)
                        .map(str::as_bytes)
                        .collect();
                    let contains = |hay: &[u8], needle: &[u8]| hay.windows(needle.len()).any(|w| w == needle);
                    let kept: Vec<(i64, String, Option<String>, Option<Vec<u8>>)> = sqlx::query_as("SELECT user_id, idem_key, headers, body FROM idempotency_keys WHERE status IS NOT NULL")
                        .fetch_all(&mut **tx)
                        .await
                        .map_err(map_err)?;
                    for (user_id, key, headers, body) in kept {
                        let shows = needles.iter().any(|n| {
                            headers.as_deref().is_some_and(|h| contains(h.as_bytes(), n))
                                || body.as_deref().is_some_and(|b| contains(b, n))
                        });
                        if shows {
                            sqlx::query("DELETE FROM idempotency_keys WHERE user_id = $1 AND idem_key = $2")
                                .bind(user_id)
                                .bind(key)
                                .execute(&mut **tx)
                                .await
                                .map_err(map_err)?;
                        }
                    }
                    Ok(())
                }

                /// Lets go of the personal data of `which` registrations, as an erasure and a
                /// retention sweep do (see `EventStore::erase_registration`): what stays is
                /// what the reports count. The registrations' own row goes last, since the
                /// event's set is those not anonymised yet. Returns how many.
                async fn anonymise_in(tx: &mut Tx<'_>, which: Anonymise, now: i64) -> StoreResult<u64> {
                    let (regs, key) = match which {
                        Anonymise::One(id) => ("$1", id),
                        Anonymise::Event(id) => ("SELECT id FROM registrations WHERE event_id = $1 AND anonymised_at IS NULL", id),
                    };
                    let erased = |id: &str| format!("'erased-' || {id} || '{ERASED_DOMAIN}'");
                    let statements = [
                        // Where the address was written down: mails (unsent ones are
                        // dropped) and the invitation it came from.
                        // (Not the notices to an event's managers that name it: those are
                        // theirs, and count what waits when sent.)
                        format!("UPDATE outbox SET to_addr = {}, subject = NULL, body = NULL WHERE registration_id IN ({regs}) AND kind <> 'approvals'", erased("registration_id")),
                        format!("DELETE FROM outbox WHERE registration_id IN ({regs}) AND sent_at IS NULL AND kind <> 'approvals'"),
                        format!("UPDATE invitations SET email = {}, name = '' WHERE registration_id IN ({regs})", erased("registration_id")),
                        format!("UPDATE meeting_requests SET message = '' WHERE from_reg IN ({regs})"),
                        format!("UPDATE meeting_messages SET body = '' WHERE author_reg IN ({regs})"),
                        format!("DELETE FROM meeting_feedback WHERE registration_id IN ({regs})"),
                        // The rating stays, for the tally; the words go.
                        format!("UPDATE event_feedback SET useful = NULL, improve = NULL WHERE registration_id IN ({regs})"),
                        format!("DELETE FROM registration_answers WHERE registration_id IN ({regs})"),
                        format!("UPDATE meeting_cooperation_steps SET note = '' WHERE by_reg IN ({regs})"),
                        format!("DELETE FROM matchmaking_profiles WHERE registration_id IN ({regs})"),
                        format!("DELETE FROM matchmaking_passes WHERE registration_id IN ({regs}) OR other_reg IN ({regs})"),
                        format!("UPDATE audit_log SET before_json = NULL, after_json = NULL WHERE entity = 'registration' AND entity_id IN ({regs})"),
                        // A meeting's lines hold the messages of its request.
                        format!("UPDATE audit_log SET before_json = NULL, after_json = NULL WHERE entity = 'meeting' AND entity_id IN (SELECT id FROM meeting_requests WHERE from_reg IN ({regs}) OR to_reg IN ({regs}))"),
                    ];
                    for sql in statements {
                        sqlx::query(AssertSqlSafe(sql))
                            .bind(key)
                            .execute(&mut **tx)
                            .await
                            .map_err(map_err)?;
                    }
                    let done = sqlx::query(AssertSqlSafe(format!(
                        "UPDATE registrations SET name = '', email = {}, organisation = NULL, position = NULL, phone = NULL, dietary = NULL, search_key = '', anonymised_at = $2, updated_at = $2 WHERE id IN ({regs})",
                        erased("id"))))
                        .bind(key)
                        .bind(now)
                        .execute(&mut **tx)
                        .await
                        .map_err(map_err)?;
                    Ok(done.rows_affected())
                }

                /// Takes an event seat if one is free (or, for an invitation, whatever the
                /// public limit); else a place at the end of the waiting list.
                /// The places `by`'s organisation has at `event_id`: its own, or the event's
                /// number per organisation (see `EventStore::delegation_quota_for`).
                async fn quota_for(tx: &mut Tx<'_>, event_id: i64, by: i64) -> StoreResult<Option<i64>> {
                    sqlx::query($crate::sql_events::QUOTA_FOR)
                        .bind(event_id)
                        .bind(by)
                        .fetch_optional(&mut **tx)
                        .await
                        .map_err(map_err)?
                        .ok_or(StoreError::NotFound)?
                        .try_get(0)
                        .map_err(map_err)
                }

                /// The places `by`'s organisation holds at `event_id` through delegations
                /// (see `EventStore::delegation_places`); an account without an
                /// organisation counts its own.
                async fn places_held(tx: &mut Tx<'_>, event_id: i64, by: i64) -> StoreResult<i64> {
                    sqlx::query($crate::sql_events::PLACES_HELD)
                        .bind(event_id)
                        .bind(by)
                        .fetch_one(&mut **tx)
                        .await
                        .map_err(map_err)?
                        .try_get(0)
                        .map_err(map_err)
                }

                async fn take_event_seat(tx: &mut Tx<'_>, event_id: i64, past_limit: bool) -> StoreResult<(RegStatus, Option<i64>)> {
                    let seat = sqlx::query("UPDATE events SET confirmed_count = confirmed_count + 1 WHERE id = $1 AND (capacity IS NULL OR confirmed_count < capacity OR $2) RETURNING confirmed_count")
                        .bind(event_id)
                        .bind(past_limit)
                        .fetch_optional(&mut **tx)
                        .await
                        .map_err(map_err)?;
                    if seat.is_some() {
                        return Ok((RegStatus::Confirmed, None));
                    }
                    let seq: i64 = sqlx::query("UPDATE events SET waiting_seq = waiting_seq + 1 WHERE id = $1 RETURNING waiting_seq")
                        .bind(event_id)
                        .fetch_one(&mut **tx)
                        .await
                        .map_err(map_err)?
                        .try_get(0)
                        .map_err(map_err)?;
                    Ok((RegStatus::Waiting, Some(seq)))
                }

                /// Gives a confirmed registration its places in the sessions it chose: a
                /// seat in each room that has one, the room's waiting list otherwise.
                async fn seat_sessions(tx: &mut Tx<'_>, registration_id: i64) -> StoreResult<()> {
                    let rows = sqlx::query("SELECT id, session_id FROM session_registrations WHERE registration_id = $1 AND status = 'pending' ORDER BY session_id")
                        .bind(registration_id)
                        .fetch_all(&mut **tx)
                        .await
                        .map_err(map_err)?;
                    for r in rows {
                        let id: i64 = r.try_get(0).map_err(map_err)?;
                        let session: i64 = r.try_get(1).map_err(map_err)?;
                        let seat = sqlx::query("UPDATE event_sessions SET confirmed_count = confirmed_count + 1 WHERE id = $1 AND (capacity IS NULL OR confirmed_count < capacity) RETURNING id")
                            .bind(session)
                            .fetch_optional(&mut **tx)
                            .await
                            .map_err(map_err)?;
                        let (status, seq) = if seat.is_some() {
                            ("confirmed", None)
                        } else {
                            let seq: i64 = sqlx::query("UPDATE event_sessions SET waiting_seq = waiting_seq + 1 WHERE id = $1 RETURNING waiting_seq")
                                .bind(session)
                                .fetch_one(&mut **tx)
                                .await
                                .map_err(map_err)?
                                .try_get(0)
                                .map_err(map_err)?;
                            ("waiting", Some(seq))
                        };
                        sqlx::query("UPDATE session_registrations SET status = $1, waiting_seq = $2 WHERE id = $3")
                            .bind(status.to_owned())
                            .bind(seq)
                            .bind(id)
                            .execute(&mut **tx)
                            .await
                            .map_err(map_err)?;
                    }
                    Ok(())
                }

                /// Frees a registration's session places, promoting the next in each room.
                async fn release_sessions(tx: &mut Tx<'_>, registration_id: i64) -> StoreResult<()> {
                    let rows = sqlx::query("SELECT id, session_id, status FROM session_registrations WHERE registration_id = $1 AND status IN ('confirmed', 'waiting', 'pending')")
                        .bind(registration_id)
                        .fetch_all(&mut **tx)
                        .await
                        .map_err(map_err)?;
                    for r in rows {
                        let id: i64 = r.try_get(0).map_err(map_err)?;
                        let session: i64 = r.try_get(1).map_err(map_err)?;
                        let status: String = r.try_get(2).map_err(map_err)?;
                        sqlx::query("UPDATE session_registrations SET status = 'cancelled', waiting_seq = NULL WHERE id = $1")
                            .bind(id)
                            .execute(&mut **tx)
                            .await
                            .map_err(map_err)?;
                        if status == "confirmed" {
                            sqlx::query("UPDATE event_sessions SET confirmed_count = confirmed_count - 1 WHERE id = $1")
                                .bind(session)
                                .execute(&mut **tx)
                                .await
                                .map_err(map_err)?;
                            Self::promote_session(tx, session).await?;
                        }
                    }
                    Ok(())
                }

                async fn promote_session(tx: &mut Tx<'_>, session: i64) -> StoreResult<()> {
                    loop {
                        let next = sqlx::query("SELECT sr.id FROM session_registrations sr WHERE sr.session_id = $1 AND sr.status = 'waiting' ORDER BY sr.waiting_seq LIMIT 1")
                            .bind(session)
                            .fetch_optional(&mut **tx)
                            .await
                            .map_err(map_err)?;
                        let Some(next) = next else { return Ok(()) };
                        let seat = sqlx::query("UPDATE event_sessions SET confirmed_count = confirmed_count + 1 WHERE id = $1 AND (capacity IS NULL OR confirmed_count < capacity) RETURNING id")
                            .bind(session)
                            .fetch_optional(&mut **tx)
                            .await
                            .map_err(map_err)?;
                        if seat.is_none() {
                            return Ok(());
                        }
                        sqlx::query("UPDATE session_registrations SET status = 'confirmed', waiting_seq = NULL WHERE id = $1")
                            .bind(next.try_get::<i64, _>(0).map_err(map_err)?)
                            .execute(&mut **tx)
                            .await
                            .map_err(map_err)?;
                    }
                }

                /// Gives free event seats to the waiting list, in order, queueing mail.
                async fn promote_event(tx: &mut Tx<'_>, event_id: i64, now: i64) -> StoreResult<()> {
                    loop {
                        let next = sqlx::query_as::<_, Registration>(AssertSqlSafe(format!(
                            "SELECT {REG_COLS} FROM registrations WHERE event_id = $1 AND status = 'waiting' ORDER BY waiting_seq LIMIT 1")))
                            .bind(event_id)
                            .fetch_optional(&mut **tx)
                            .await
                            .map_err(map_err)?;
                        let Some(next) = next else { return Ok(()) };
                        let seat = sqlx::query("UPDATE events SET confirmed_count = confirmed_count + 1 WHERE id = $1 AND (capacity IS NULL OR confirmed_count < capacity) RETURNING id")
                            .bind(event_id)
                            .fetch_optional(&mut **tx)
                            .await
                            .map_err(map_err)?;
                        if seat.is_none() {
                            return Ok(());
                        }
                        Self::set_status(tx, next.id, RegStatus::Confirmed, None, now).await?;
                        Self::seat_sessions(tx, next.id).await?;
                        Self::queue_mail(tx, &next, "promoted", now).await?;
                    }
                }

                async fn set_status(tx: &mut Tx<'_>, id: i64, status: RegStatus, seq: Option<i64>, now: i64) -> StoreResult<()> {
                    sqlx::query("UPDATE registrations SET status = $1, waiting_seq = $2, updated_at = $3 WHERE id = $4")
                        .bind(status.code().to_owned())
                        .bind(seq)
                        .bind(now)
                        .bind(id)
                        .execute(&mut **tx)
                        .await
                        .map_err(map_err)?;
                    Ok(())
                }

                async fn queue_mail(tx: &mut Tx<'_>, reg: &Registration, kind: &str, now: i64) -> StoreResult<()> {
                    // Demo participants have made-up addresses: nobody is to be written to.
                    if reg.synthetic {
                        return Ok(());
                    }
                    sqlx::query("INSERT INTO outbox (to_addr, kind, registration_id, locale, created_at, next_attempt_at) VALUES ($1, $2, $3, $4, $5, $5)")
                        .bind(reg.email.clone())
                        .bind(kind.to_owned())
                        .bind(reg.id)
                        .bind(reg.locale.clone())
                        .bind(now)
                        .execute(&mut **tx)
                        .await
                        .map_err(map_err)?;
                    Ok(())
                }

                /// Writes a registration row for `d` with its status and place in line, inside
                /// the caller's transaction; an address already registered for the event is
                /// refused on `email`.
                #[allow(clippy::too_many_arguments)]
                async fn insert_registration(tx: &mut Tx<'_>, event_id: i64, d: &RegistrationDraft, (status, seq): (RegStatus, Option<i64>), invited: bool, manage_token: &str, locale: &str, now: i64) -> StoreResult<Registration> {
                    sqlx::query_as::<_, Registration>(AssertSqlSafe(format!(
                        "INSERT INTO registrations (event_id, status, name, name_script, email, organisation, region, org_type, position, phone, dietary, consent_at, consent_version, invited, waiting_seq, manage_token, locale, search_key, synthetic, registered_by, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $12, $12) RETURNING {REG_COLS}")))
                        .bind(event_id)
                        .bind(status.code().to_owned())
                        .bind(d.name.clone())
                        .bind(d.name_script.clone())
                        .bind(d.email.clone())
                        .bind(d.organisation.clone())
                        .bind(d.region.clone())
                        .bind(d.org_type.clone())
                        .bind(d.position.clone())
                        .bind(d.phone.clone())
                        .bind(d.dietary.clone())
                        .bind(now)
                        .bind(d.consent_version.clone())
                        .bind(invited)
                        .bind(seq)
                        .bind(manage_token.to_owned())
                        .bind(locale.to_owned())
                        .bind(d.search_key.clone())
                        .bind(d.synthetic)
                        .bind(d.registered_by)
                        .fetch_one(&mut **tx)
                        .await
                        .map_err(|e| match map_err(e) {
                            StoreError::Conflict("err-duplicate") => StoreError::invalid("email", "err-already-registered"),
                            other => other,
                        })
                }

                /// The registration procedure, inside the caller's transaction.
                async fn register_in(tx: &mut Tx<'_>, event_id: i64, d: &RegistrationDraft, channel: Channel, manage_token: &str, locale: &str, now: i64) -> StoreResult<Registration> {
                    let invited = channel == Channel::Invited;
                    // Checks that need no lock come first, so that the event's row — which
                    // every registration for the event must lock to take a seat — is held
                    // for as short a time as possible. A duplicate that races past the
                    // check is stopped by the unique index.
                    let ev = sqlx::query("SELECT registration_open, requires_approval, required_fields FROM events WHERE id = $1")
                        .bind(event_id)
                        .fetch_optional(&mut **tx)
                        .await
                        .map_err(map_err)?
                        .ok_or(StoreError::NotFound)?;
                    let open: bool = ev.try_get(0).map_err(map_err)?;
                    let approval: bool = ev.try_get(1).map_err(map_err)?;
                    if !open && !invited {
                        return Err(StoreError::Conflict("err-registration-closed"));
                    }
                    let required: String = ev.try_get(2).map_err(map_err)?;
                    Self::require_fields(&required, d)?;
                    // A representative entering a colleague need not answer for them, but
                    // answering anything for them answers the required questions too.
                    // Those asked only once the seat is confirmed are not the form's.
                    let questions = questions::asked_of(&Self::questions_in(tx, event_id).await?, false);
                    let enforce = d.registered_by.is_none() || questions::any_answered(&d.answers);
                    let answers = questions::check_answers(&questions, &d.answers, &|_| enforce)?;
                    let dup = sqlx::query("SELECT 1 FROM registrations WHERE event_id = $1 AND email = $2")
                        .bind(event_id)
                        .bind(d.email.clone())
                        .fetch_optional(&mut **tx)
                        .await
                        .map_err(map_err)?;
                    if dup.is_some() {
                        return Err(StoreError::invalid("email", "err-already-registered"));
                    }
                    for s in &d.sessions {
                        let ok = sqlx::query("SELECT 1 FROM event_sessions WHERE id = $1 AND event_id = $2")
                            .bind(*s)
                            .bind(event_id)
                            .fetch_optional(&mut **tx)
                            .await
                            .map_err(map_err)?;
                        if ok.is_none() {
                            return Err(StoreError::invalid("sessions", "err-unknown-reference"));
                        }
                    }
                    let (status, seq) = if approval && !invited {
                        (RegStatus::Pending, None)
                    } else {
                        Self::take_event_seat(tx, event_id, invited).await?
                    };
                    let reg = Self::insert_registration(tx, event_id, d, (status, seq), invited, manage_token, locale, now).await?;
                    for s in &d.sessions {
                        sqlx::query("INSERT INTO session_registrations (registration_id, session_id, status) VALUES ($1, $2, 'pending')")
                            .bind(reg.id)
                            .bind(*s)
                            .execute(&mut **tx)
                            .await
                            .map_err(map_err)?;
                    }
                    Self::add_answers(tx, reg.id, &answers).await?;
                    if status == RegStatus::Confirmed {
                        Self::seat_sessions(tx, reg.id).await?;
                    }
                    Self::queue_mail(tx, &reg, "registration", now).await?;
                    Ok(reg)
                }

                /// Records a person's appearance (a speaker of an item, a guest of an event)
                /// in `table`, whose `parent` column names the item or event; `select` reads
                /// it back with the person's names. The table and column names are fixed
                /// by the callers, never user input.
                #[allow(clippy::too_many_arguments)]
                async fn insert_appearance(tx: &mut Tx<'_>, table: &'static str, parent: &'static str, select: &'static str, parent_id: i64, person_id: i64, title: Option<&str>, title_script: &str, sort_order: i32) -> StoreResult<Appearance> {
                    let id: i64 = sqlx::query(AssertSqlSafe(format!("INSERT INTO {table} ({parent}, person_id, title, title_script, sort_order) VALUES ($1, $2, $3, $4, $5) RETURNING id")))
                        .bind(parent_id)
                        .bind(person_id)
                        .bind(title.map(str::to_owned))
                        .bind(title_script.to_owned())
                        .bind(sort_order)
                        .fetch_one(&mut **tx)
                        .await
                        .map_err(|e| match map_err(e) {
                            StoreError::Conflict("err-still-referenced") => StoreError::invalid("person_id", "err-unknown-reference"),
                            other => other,
                        })?
                        .try_get(0)
                        .map_err(map_err)?;
                    sqlx::query_as::<_, Appearance>(AssertSqlSafe(format!("{select} WHERE a.id = $1")))
                        .bind(id)
                        .fetch_one(&mut **tx)
                        .await
                        .map_err(map_err)
                }

                /// Marks an event's programme as changed, for the nodes' caches.
                /// The event's own questions, in order.
                async fn questions_in(tx: &mut Tx<'_>, event_id: i64) -> StoreResult<Vec<RegistrationQuestion>> {
                    sqlx::query_as::<_, RegistrationQuestion>(AssertSqlSafe(format!("{QUESTION_SELECT} WHERE event_id = $1 ORDER BY sort_order, id")))
                        .bind(event_id)
                        .fetch_all(&mut **tx)
                        .await
                        .map_err(map_err)
                }

                async fn answers_in(tx: &mut Tx<'_>, registration_id: i64) -> StoreResult<Vec<Answer>> {
                    sqlx::query_as::<_, Answer>("SELECT registration_id, question_id, answer FROM registration_answers WHERE registration_id = $1 ORDER BY question_id")
                        .bind(registration_id)
                        .fetch_all(&mut **tx)
                        .await
                        .map_err(map_err)
                }

                /// Replaces a registration's answers with `answers` (checked ones).
                async fn keep_answers(tx: &mut Tx<'_>, registration_id: i64, answers: &[(i64, String)]) -> StoreResult<()> {
                    sqlx::query("DELETE FROM registration_answers WHERE registration_id = $1")
                        .bind(registration_id)
                        .execute(&mut **tx)
                        .await
                        .map_err(map_err)?;
                    Self::add_answers(tx, registration_id, answers).await
                }

                /// Writes a new registration's answers (checked ones): nothing to replace,
                /// and nothing done for an event without questions, while its row is locked.
                async fn add_answers(tx: &mut Tx<'_>, registration_id: i64, answers: &[(i64, String)]) -> StoreResult<()> {
                    for (question_id, answer) in answers {
                        sqlx::query("INSERT INTO registration_answers (registration_id, question_id, answer, search_key) VALUES ($1, $2, $3, $4)")
                            .bind(registration_id)
                            .bind(*question_id)
                            .bind(answer.clone())
                            .bind(baylink_text::fold(answer))
                            .execute(&mut **tx)
                            .await
                            .map_err(map_err)?;
                    }
                    Ok(())
                }

                async fn programme_changed(tx: &mut Tx<'_>, event_id: i64) -> StoreResult<()> {
                    sqlx::query("UPDATE events SET programme_version = programme_version + 1 WHERE id = $1")
                        .bind(event_id)
                        .execute(&mut **tx)
                        .await
                        .map_err(map_err)?;
                    Ok(())
                }

            }

            #[async_trait::async_trait]
            impl EventStore for $store {
                async fn create_series(&self, actor: &Actor, code: &str, name: &str, name_script: &str, name_en: Option<&str>) -> StoreResult<EventSeries> {
                    let mut tx = self.begin().await?;
                    let s = sqlx::query_as::<_, EventSeries>("INSERT INTO event_series (code, name, name_script, name_en) VALUES ($1, $2, $3, $4) RETURNING id, code, name, name_script, name_en")
                        .bind(code.to_owned())
                        .bind(name.to_owned())
                        .bind(name_script.to_owned())
                        .bind(name_en.map(str::to_owned))
                        .fetch_one(&mut *tx)
                        .await
                        .map_err(map_err)?;
                    Self::audit(&mut tx, actor, "create", "event_series", s.id, None, audit_json(&s)).await?;
                    tx.commit().await.map_err(map_err)?;
                    Ok(s)
                }

                async fn list_series(&self) -> StoreResult<Vec<EventSeries>> {
                    sqlx::query_as::<_, EventSeries>("SELECT id, code, name, name_script, name_en FROM event_series ORDER BY id")
                        .fetch_all(&self.pool)
                        .await
                        .map_err(map_err)
                }

                async fn list_events(&self, f: &EventFilter) -> StoreResult<Page<Event>> {
                    let (w, order) = event_where(f);
                    let sql = format!("SELECT {EVENT_COLS}, COUNT(*) OVER () AS total_count FROM events{}{order} LIMIT {} OFFSET {}", w.sql, clamp_limit(f.limit), f.offset.max(0));
                    let q = $crate::bind_args!(sqlx::query(AssertSqlSafe(sql)), &w.args);
                    let rows = q.fetch_all(&self.pool).await.map_err(map_err)?;
                    let total = match rows.first() {
                        Some(r) => r.try_get("total_count").map_err(map_err)?,
                        None => 0,
                    };
                    let items = rows.iter().map(Event::from_row).collect::<Result<_, _>>().map_err(map_err)?;
                    Ok(Page { items, total })
                }

                async fn get_event(&self, id: i64) -> StoreResult<Event> {
                    sqlx::query_as::<_, Event>(AssertSqlSafe(format!("SELECT {EVENT_COLS} FROM events WHERE id = $1")))
                        .bind(id)
                        .fetch_optional(&self.pool)
                        .await
                        .map_err(map_err)?
                        .ok_or(StoreError::NotFound)
                }

                async fn create_event(&self, actor: &Actor, d: &EventDraft, signing_key: &str) -> StoreResult<Event> {
                    let mut tx = self.begin().await?;
                    let t = $crate::sql::now();
                    let e = sqlx::query_as::<_, Event>(AssertSqlSafe(format!(
                        "INSERT INTO events (kind, series_id, title, title_script, title_en, summary, summary_script, venue, venue_script, venue_en, region, starts_at, ends_at, capacity, registration_open, requires_approval, signing_key, synthetic, search_key, ask_fields, required_fields, delegation_quota, reminders_off, reminder_hours, retention_days, transfers_off, version, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $21, $22, $23, $24, $25, $26, $27, 1, $20, $20) RETURNING {EVENT_COLS}")))
                        .bind(d.kind.code().to_owned())
                        .bind(d.series_id)
                        .bind(d.title.clone())
                        .bind(d.title_script.clone())
                        .bind(d.title_en.clone())
                        .bind(d.summary.clone())
                        .bind(d.summary_script.clone())
                        .bind(d.venue.clone())
                        .bind(d.venue_script.clone())
                        .bind(d.venue_en.clone())
                        .bind(d.region.code().to_owned())
                        .bind(d.starts_at)
                        .bind(d.ends_at)
                        .bind(d.capacity)
                        .bind(d.registration_open)
                        .bind(d.requires_approval)
                        .bind(signing_key.to_owned())
                        .bind(d.synthetic)
                        .bind(d.search_key.clone())
                        .bind(t)
                        .bind(d.ask_fields.clone())
                        .bind(d.required_fields.clone())
                        .bind(d.delegation_quota)
                        .bind(d.reminders_off)
                        .bind(d.reminder_hours)
                        .bind(d.retention_days)
                        .bind(d.transfers_off)
                        .fetch_one(&mut *tx)
                        .await
                        .map_err(|e| match map_err(e) {
                            StoreError::Conflict("err-still-referenced") => StoreError::invalid("series_id", "err-unknown-reference"),
                            other => other,
                        })?;
                    Self::audit(&mut tx, actor, "create", "event", e.id, None, audit_json(&e)).await?;
                    tx.commit().await.map_err(map_err)?;
                    Ok(e)
                }

                async fn update_event(&self, actor: &Actor, id: i64, d: &EventDraft) -> StoreResult<Event> {
                    let mut tx = self.begin().await?;
                    let before = sqlx::query_as::<_, Event>(AssertSqlSafe(format!("UPDATE events SET version = version WHERE id = $1 RETURNING {EVENT_COLS}")))
                        .bind(id)
                        .fetch_optional(&mut *tx)
                        .await
                        .map_err(map_err)?
                        .ok_or(StoreError::NotFound)?;
                    if d.version.is_some_and(|v| v != before.version) {
                        return Err(StoreError::Conflict("err-stale-edit"));
                    }
                    if d.capacity.is_some_and(|c| c < before.confirmed_count) {
                        return Err(StoreError::invalid("capacity", "err-capacity-below-confirmed"));
                    }
                    let after = sqlx::query_as::<_, Event>(AssertSqlSafe(format!(
                        "UPDATE events SET kind = $1, series_id = $2, title = $3, title_script = $4, title_en = $5, summary = $6, summary_script = $7, venue = $8, venue_script = $9, venue_en = $10, region = $11, starts_at = $12, ends_at = $13, capacity = $14, registration_open = $15, requires_approval = $16, synthetic = $17, search_key = $18, ask_fields = $21, required_fields = $22, delegation_quota = $23, reminders_off = $24, reminder_hours = $25, retention_days = $26, transfers_off = $27, version = version + 1, programme_version = programme_version + 1, updated_at = $19 WHERE id = $20 RETURNING {EVENT_COLS}")))
                        .bind(d.kind.code().to_owned())
                        .bind(d.series_id)
                        .bind(d.title.clone())
                        .bind(d.title_script.clone())
                        .bind(d.title_en.clone())
                        .bind(d.summary.clone())
                        .bind(d.summary_script.clone())
                        .bind(d.venue.clone())
                        .bind(d.venue_script.clone())
                        .bind(d.venue_en.clone())
                        .bind(d.region.code().to_owned())
                        .bind(d.starts_at)
                        .bind(d.ends_at)
                        .bind(d.capacity)
                        .bind(d.registration_open)
                        .bind(d.requires_approval)
                        .bind(d.synthetic)
                        .bind(d.search_key.clone())
                        .bind($crate::sql::now())
                        .bind(id)
                        .bind(d.ask_fields.clone())
                        .bind(d.required_fields.clone())
                        .bind(d.delegation_quota)
                        .bind(d.reminders_off)
                        .bind(d.reminder_hours)
                        .bind(d.retention_days)
                        .bind(d.transfers_off)
                        .fetch_one(&mut *tx)
                        .await
                        .map_err(map_err)?;
                    // More seats may have freed the waiting list.
                    Self::promote_event(&mut tx, id, $crate::sql::now()).await?;
                    Self::audit(&mut tx, actor, "update", "event", id, audit_json(&before), audit_json(&after)).await?;
                    tx.commit().await.map_err(map_err)?;
                    Ok(after)
                }

                async fn delete_event(&self, actor: &Actor, id: i64) -> StoreResult<()> {
                    let mut tx = self.begin().await?;
                    let before = sqlx::query_as::<_, Event>(AssertSqlSafe(format!("SELECT {EVENT_COLS} FROM events WHERE id = $1")))
                        .bind(id)
                        .fetch_optional(&mut *tx)
                        .await
                        .map_err(map_err)?
                        .ok_or(StoreError::NotFound)?;
                    sqlx::query("DELETE FROM events WHERE id = $1").bind(id).execute(&mut *tx).await.map_err(map_err)?;
                    Self::audit(&mut tx, actor, "delete", "event", id, audit_json(&before), None).await?;
                    tx.commit().await.map_err(map_err)
                }

                async fn event_signing_key(&self, id: i64) -> StoreResult<String> {
                    sqlx::query("SELECT signing_key FROM events WHERE id = $1")
                        .bind(id)
                        .fetch_optional(&self.pool)
                        .await
                        .map_err(map_err)?
                        .ok_or(StoreError::NotFound)?
                        .try_get(0)
                        .map_err(map_err)
                }

                async fn add_event_role(&self, actor: &Actor, event_id: i64, org_id: i64, role: EventRole, sort_order: i32) -> StoreResult<EventRoleRow> {
                    let mut tx = self.begin().await?;
                    let id: i64 = sqlx::query("INSERT INTO event_roles (event_id, org_id, role, sort_order) VALUES ($1, $2, $3, $4) RETURNING id")
                        .bind(event_id)
                        .bind(org_id)
                        .bind(role.code().to_owned())
                        .bind(sort_order)
                        .fetch_one(&mut *tx)
                        .await
                        .map_err(|e| match map_err(e) {
                            StoreError::Conflict("err-still-referenced") => StoreError::invalid("org_id", "err-unknown-reference"),
                            other => other,
                        })?
                        .try_get(0)
                        .map_err(map_err)?;
                    let row = sqlx::query_as::<_, EventRoleRow>(AssertSqlSafe(format!("{ROLE_SELECT} WHERE r.id = $1")))
                        .bind(id)
                        .fetch_one(&mut *tx)
                        .await
                        .map_err(map_err)?;
                    Self::programme_changed(&mut tx, event_id).await?;
                    Self::audit(&mut tx, actor, "create", "event_role", id, None, audit_json(&row)).await?;
                    tx.commit().await.map_err(map_err)?;
                    Ok(row)
                }

                async fn create_event_session(&self, actor: &Actor, d: &SessionDraft) -> StoreResult<EventSession> {
                    let mut tx = self.begin().await?;
                    let id: i64 = sqlx::query("INSERT INTO event_sessions (event_id, kind, title, title_script, title_en, theme, theme_script, room, starts_at, ends_at, capacity, organiser_org_id, sort_order) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING id")
                        .bind(d.event_id)
                        .bind(d.kind.code().to_owned())
                        .bind(d.title.clone())
                        .bind(d.title_script.clone())
                        .bind(d.title_en.clone())
                        .bind(d.theme.clone())
                        .bind(d.theme_script.clone())
                        .bind(d.room.clone())
                        .bind(d.starts_at)
                        .bind(d.ends_at)
                        .bind(d.capacity)
                        .bind(d.organiser_org_id)
                        .bind(d.sort_order)
                        .fetch_one(&mut *tx)
                        .await
                        .map_err(|e| match map_err(e) {
                            StoreError::Conflict("err-still-referenced") => StoreError::invalid("event_id", "err-unknown-reference"),
                            other => other,
                        })?
                        .try_get(0)
                        .map_err(map_err)?;
                    let s = sqlx::query_as::<_, EventSession>(AssertSqlSafe(format!("{SESSION_SELECT} WHERE s.id = $1")))
                        .bind(id)
                        .fetch_one(&mut *tx)
                        .await
                        .map_err(map_err)?;
                    Self::programme_changed(&mut tx, d.event_id).await?;
                    Self::audit(&mut tx, actor, "create", "event_session", id, None, audit_json(&s)).await?;
                    tx.commit().await.map_err(map_err)?;
                    Ok(s)
                }

                async fn create_item(&self, actor: &Actor, d: &ItemDraft) -> StoreResult<ProgrammeItem> {
                    let mut tx = self.begin().await?;
                    let item = sqlx::query_as::<_, ProgrammeItem>("INSERT INTO programme_items (session_id, kind, title, title_script, title_en, starts_at, ends_at, sort_order) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id, session_id, kind, title, title_script, title_en, starts_at, ends_at, sort_order")
                        .bind(d.session_id)
                        .bind(d.kind.code().to_owned())
                        .bind(d.title.clone())
                        .bind(d.title_script.clone())
                        .bind(d.title_en.clone())
                        .bind(d.starts_at)
                        .bind(d.ends_at)
                        .bind(d.sort_order)
                        .fetch_one(&mut *tx)
                        .await
                        .map_err(|e| match map_err(e) {
                            StoreError::Conflict("err-still-referenced") => StoreError::invalid("session_id", "err-unknown-reference"),
                            other => other,
                        })?;
                    sqlx::query("UPDATE events SET programme_version = programme_version + 1 WHERE id = (SELECT event_id FROM event_sessions WHERE id = $1)")
                        .bind(d.session_id)
                        .execute(&mut *tx)
                        .await
                        .map_err(map_err)?;
                    Self::audit(&mut tx, actor, "create", "programme_item", item.id, None, audit_json(&item)).await?;
                    tx.commit().await.map_err(map_err)?;
                    Ok(item)
                }

                async fn add_speaker(&self, actor: &Actor, item_id: i64, person_id: i64, title: Option<&str>, title_script: &str, sort_order: i32) -> StoreResult<Appearance> {
                    let mut tx = self.begin().await?;
                    let a = Self::insert_appearance(&mut tx, "item_speakers", "item_id", SPEAKER_SELECT, item_id, person_id, title, title_script, sort_order).await?;
                    sqlx::query("UPDATE events SET programme_version = programme_version + 1 WHERE id = (SELECT s.event_id FROM programme_items i JOIN event_sessions s ON s.id = i.session_id WHERE i.id = $1)")
                        .bind(item_id)
                        .execute(&mut *tx)
                        .await
                        .map_err(map_err)?;
                    Self::audit(&mut tx, actor, "create", "item_speaker", a.id, None, audit_json(&a)).await?;
                    tx.commit().await.map_err(map_err)?;
                    Ok(a)
                }

                async fn add_guest(&self, actor: &Actor, event_id: i64, person_id: i64, title: Option<&str>, title_script: &str, sort_order: i32) -> StoreResult<Appearance> {
                    let mut tx = self.begin().await?;
                    let a = Self::insert_appearance(&mut tx, "event_guests", "event_id", GUEST_SELECT, event_id, person_id, title, title_script, sort_order).await?;
                    Self::programme_changed(&mut tx, event_id).await?;
                    Self::audit(&mut tx, actor, "create", "event_guest", a.id, None, audit_json(&a)).await?;
                    tx.commit().await.map_err(map_err)?;
                    Ok(a)
                }

                async fn add_question(&self, actor: &Actor, event_id: i64, q: &QuestionDraft) -> StoreResult<RegistrationQuestion> {
                    let mut tx = self.begin().await?;
                    Self::lock_event(&mut tx, event_id).await?;
                    let existing = Self::questions_in(&mut tx, event_id).await?;
                    if existing.len() >= questions::MAX_QUESTIONS {
                        return Err(StoreError::Conflict("err-too-many-questions"));
                    }
                    let sort_order = existing.iter().map(|q| q.sort_order).max().unwrap_or(0) + 1;
                    let shown_if = questions::resolve_condition(&existing, None, q.shown_if.as_ref(), q.after_confirmation)?;
                    let (on, answer) = shown_if.unzip();
                    let q = sqlx::query_as::<_, RegistrationQuestion>(AssertSqlSafe(format!(
                        "INSERT INTO registration_questions (event_id, kind, label, label_script, options, required, sort_order, retention_days, shown_if_question, shown_if_answer, after_confirmation) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING {QUESTION_COLS}")))
                        .bind(event_id)
                        .bind(q.kind.code())
                        .bind(q.label.clone())
                        .bind(q.label_script.clone())
                        .bind(q.options.clone())
                        .bind(q.required)
                        .bind(sort_order)
                        .bind(q.retention_days)
                        .bind(on)
                        .bind(answer.unwrap_or_default())
                        .bind(q.after_confirmation)
                        .fetch_one(&mut *tx)
                        .await
                        .map_err(map_err)?;
                    Self::programme_changed(&mut tx, event_id).await?;
                    Self::audit(&mut tx, actor, "create", "registration_question", q.id, None, audit_json(&q)).await?;
                    tx.commit().await.map_err(map_err)?;
                    Ok(q)
                }

                async fn update_question(&self, actor: &Actor, event_id: i64, question_id: i64, q: &QuestionDraft) -> StoreResult<RegistrationQuestion> {
                    let mut tx = self.begin().await?;
                    Self::lock_event(&mut tx, event_id).await?;
                    let all = Self::questions_in(&mut tx, event_id).await?;
                    let before = all
                        .iter()
                        .find(|x| x.id == question_id)
                        .cloned()
                        .ok_or(StoreError::NotFound)?;
                    if q.kind != before.kind {
                        return Err(StoreError::invalid("kind", "err-question-kind-fixed"));
                    }
                    let shown_if = questions::resolve_condition(&all, Some(question_id), q.shown_if.as_ref(), q.after_confirmation)?;
                    // A question of the form waiting on this one would wait on what the form
                    // no longer asks.
                    if q.after_confirmation && all.iter().any(|d| d.shown_if_question == Some(question_id) && !d.after_confirmation) {
                        return Err(StoreError::invalid("after_confirmation", "err-condition-after-confirmation"));
                    }
                    // An option another question waits for stays, as one chosen does.
                    let kept: Vec<&str> = q.options.lines().collect();
                    if matches!(q.kind, QuestionKind::Choice | QuestionKind::Choices)
                        && all.iter().any(|d| d.shown_if_question == Some(question_id) && !kept.contains(&d.shown_if_answer.as_str()))
                    {
                        return Err(StoreError::invalid("options", "err-option-in-use"));
                    }
                    let (on, answer) = shown_if.unzip();
                    if matches!(q.kind, QuestionKind::Choice | QuestionKind::Choices) {
                        let answers: Vec<String> = sqlx::query("SELECT answer FROM registration_answers WHERE question_id = $1")
                            .bind(question_id)
                            .fetch_all(&mut *tx)
                            .await
                            .map_err(map_err)?
                            .into_iter()
                            .map(|r| r.try_get::<String, _>(0))
                            .collect::<Result<_, _>>()
                            .map_err(map_err)?;
                        let kept: Vec<&str> = q.options.lines().collect();
                        if answers.iter().flat_map(|a| a.lines()).any(|chosen| !kept.contains(&chosen)) {
                            return Err(StoreError::invalid("options", "err-option-in-use"));
                        }
                    }
                    let after = sqlx::query_as::<_, RegistrationQuestion>(AssertSqlSafe(format!(
                        "UPDATE registration_questions SET label = $2, label_script = $3, options = $4, required = $5, retention_days = $6, shown_if_question = $7, shown_if_answer = $8, after_confirmation = $9 WHERE id = $1 RETURNING {QUESTION_COLS}")))
                        .bind(question_id)
                        .bind(q.label.clone())
                        .bind(q.label_script.clone())
                        .bind(q.options.clone())
                        .bind(q.required)
                        .bind(q.retention_days)
                        .bind(on)
                        .bind(answer.unwrap_or_default())
                        .bind(q.after_confirmation)
                        .fetch_one(&mut *tx)
                        .await
                        .map_err(map_err)?;
                    Self::programme_changed(&mut tx, event_id).await?;
                    Self::audit(&mut tx, actor, "update", "registration_question", question_id, audit_json(&before), audit_json(&after)).await?;
                    tx.commit().await.map_err(map_err)?;
                    Ok(after)
                }

                async fn move_question_up(&self, actor: &Actor, event_id: i64, question_id: i64) -> StoreResult<()> {
                    let mut tx = self.begin().await?;
                    Self::lock_event(&mut tx, event_id).await?;
                    let mut order = Self::questions_in(&mut tx, event_id).await?;
                    let at = order.iter().position(|q| q.id == question_id).ok_or(StoreError::NotFound)?;
                    if at > 0 {
                        if order[at].shown_if_question == Some(order[at - 1].id) {
                            return Err(StoreError::Conflict("err-question-before-condition"));
                        }
                        order.swap(at - 1, at);
                        // Numbered afresh, 1, 2, 3…: equal numbers from earlier writes
                        // cannot leave two questions tied.
                        for (n, q) in order.iter().enumerate() {
                            sqlx::query("UPDATE registration_questions SET sort_order = $2 WHERE id = $1")
                                .bind(q.id)
                                .bind(n as i32 + 1)
                                .execute(&mut *tx)
                                .await
                                .map_err(map_err)?;
                        }
                        Self::programme_changed(&mut tx, event_id).await?;
                        Self::audit(&mut tx, actor, "update", "registration_question", question_id, None, Some(format!("{{\"moved_up\":true,\"event_id\":{event_id}}}"))).await?;
                    }
                    tx.commit().await.map_err(map_err)
                }

                async fn questions(&self, event_id: i64) -> StoreResult<Vec<RegistrationQuestion>> {
                    sqlx::query_as::<_, RegistrationQuestion>(AssertSqlSafe(format!("{QUESTION_SELECT} WHERE event_id = $1 ORDER BY sort_order, id")))
                        .bind(event_id)
                        .fetch_all(&self.pool)
                        .await
                        .map_err(map_err)
                }

                async fn answers_of(&self, registration_id: i64) -> StoreResult<Vec<Answer>> {
                    let mut tx = self.begin().await?;
                    let answers = Self::answers_in(&mut tx, registration_id).await?;
                    tx.commit().await.map_err(map_err)?;
                    Ok(answers)
                }

                async fn event_answers(&self, event_id: i64) -> StoreResult<Vec<Answer>> {
                    sqlx::query_as::<_, Answer>("SELECT a.registration_id, a.question_id, a.answer FROM registration_answers a JOIN registration_questions q ON q.id = a.question_id WHERE q.event_id = $1 ORDER BY a.registration_id, q.sort_order, q.id")
                        .bind(event_id)
                        .fetch_all(&self.pool)
                        .await
                        .map_err(map_err)
                }

                async fn remove_programme_part(&self, actor: &Actor, event_id: i64, part: &str, id: i64) -> StoreResult<()> {
                    // Each part's table, the audit log's name for its records (as when
                    // made), and how to find the event it belongs to.
                    let (table, entity, owner) = match part {
                        "role" => ("event_roles", "event_role", "SELECT event_id FROM event_roles WHERE id = $1"),
                        "session" => ("event_sessions", "event_session", "SELECT event_id FROM event_sessions WHERE id = $1"),
                        "item" => ("programme_items", "programme_item", "SELECT s.event_id FROM programme_items i JOIN event_sessions s ON s.id = i.session_id WHERE i.id = $1"),
                        "speaker" => ("item_speakers", "item_speaker", "SELECT s.event_id FROM item_speakers a JOIN programme_items i ON i.id = a.item_id JOIN event_sessions s ON s.id = i.session_id WHERE a.id = $1"),
                        "guest" => ("event_guests", "event_guest", "SELECT event_id FROM event_guests WHERE id = $1"),
                        // Its answers go with it (ON DELETE CASCADE).
                        "question" => ("registration_questions", "registration_question", "SELECT event_id FROM registration_questions WHERE id = $1"),
                        _ => return Err(StoreError::NotFound),
                    };
                    let mut tx = self.begin().await?;
                    Self::lock_event(&mut tx, event_id).await?;
                    let owner: Option<i64> = sqlx::query(owner)
                        .bind(id)
                        .fetch_optional(&mut *tx)
                        .await
                        .map_err(map_err)?
                        .map(|r| r.try_get(0))
                        .transpose()
                        .map_err(map_err)?;
                    if owner != Some(event_id) {
                        return Err(StoreError::NotFound);
                    }
                    sqlx::query(AssertSqlSafe(format!("DELETE FROM {table} WHERE id = $1")))
                        .bind(id)
                        .execute(&mut *tx)
                        .await
                        .map_err(map_err)?;
                    Self::programme_changed(&mut tx, event_id).await?;
                    Self::audit(&mut tx, actor, "delete", entity, id, Some(format!("{{\"event_id\":{event_id}}}")), None).await?;
                    tx.commit().await.map_err(map_err)
                }

                async fn programme(&self, event_id: i64) -> StoreResult<Programme> {
                    let event = self.get_event(event_id).await?;
                    let series = match event.series_id {
                        Some(s) => sqlx::query_as::<_, EventSeries>("SELECT id, code, name, name_script, name_en FROM event_series WHERE id = $1")
                            .bind(s)
                            .fetch_optional(&self.pool)
                            .await
                            .map_err(map_err)?,
                        None => None,
                    };
                    let roles = sqlx::query_as::<_, EventRoleRow>(AssertSqlSafe(format!("{ROLE_SELECT} WHERE r.event_id = $1 ORDER BY r.role, r.sort_order, r.id")))
                        .bind(event_id)
                        .fetch_all(&self.pool)
                        .await
                        .map_err(map_err)?;
                    let sessions = sqlx::query_as::<_, EventSession>(AssertSqlSafe(format!("{SESSION_SELECT} WHERE s.event_id = $1 ORDER BY s.starts_at, s.sort_order, s.id")))
                        .bind(event_id)
                        .fetch_all(&self.pool)
                        .await
                        .map_err(map_err)?;
                    let items = sqlx::query_as::<_, ProgrammeItem>("SELECT i.id, i.session_id, i.kind, i.title, i.title_script, i.title_en, i.starts_at, i.ends_at, i.sort_order FROM programme_items i JOIN event_sessions s ON s.id = i.session_id WHERE s.event_id = $1 ORDER BY i.session_id, i.sort_order, i.id")
                        .bind(event_id)
                        .fetch_all(&self.pool)
                        .await
                        .map_err(map_err)?;
                    let speakers = sqlx::query_as::<_, Appearance>(AssertSqlSafe(format!("{SPEAKER_SELECT} JOIN programme_items i ON i.id = a.item_id JOIN event_sessions s ON s.id = i.session_id WHERE s.event_id = $1 ORDER BY a.item_id, a.sort_order, a.id")))
                        .bind(event_id)
                        .fetch_all(&self.pool)
                        .await
                        .map_err(map_err)?;
                    let guests = sqlx::query_as::<_, Appearance>(AssertSqlSafe(format!("{GUEST_SELECT} WHERE a.event_id = $1 ORDER BY a.sort_order, a.id")))
                        .bind(event_id)
                        .fetch_all(&self.pool)
                        .await
                        .map_err(map_err)?;
                    let publications = sqlx::query_as::<_, $crate::Publication>(AssertSqlSafe(format!("{} WHERE p.event_id = $1 ORDER BY p.published_on DESC, p.id DESC", $crate::sql_publications::PUBLICATION_SELECT)))
                        .bind(event_id)
                        .fetch_all(&self.pool)
                        .await
                        .map_err(map_err)?;
                    let questions = self.questions(event_id).await?;
                    Ok(Programme { event, series, roles, sessions, items, speakers, guests, questions, publications })
                }

                async fn events_of_organisation(&self, org_id: i64) -> StoreResult<Vec<(Event, EventRole)>> {
                    let rows = sqlx::query(AssertSqlSafe(format!(
                        "SELECT {}, r.role AS event_role FROM events e JOIN event_roles r ON r.event_id = e.id WHERE r.org_id = $1 ORDER BY e.starts_at DESC, e.id",
                        EVENT_COLS.split(", ").map(|c| format!("e.{c}")).collect::<Vec<_>>().join(", "))))
                        .bind(org_id)
                        .fetch_all(&self.pool)
                        .await
                        .map_err(map_err)?;
                    rows.iter()
                        .map(|r| {
                            let role: String = r.try_get("event_role").map_err(map_err)?;
                            let role = EventRole::parse(&role).ok_or_else(|| StoreError::Corrupt(format!("event role {role}")))?;
                            Ok((Event::from_row(r).map_err(map_err)?, role))
                        })
                        .collect()
                }

                async fn events_of_person(&self, person_id: i64) -> StoreResult<Vec<Event>> {
                    sqlx::query_as::<_, Event>(AssertSqlSafe(format!(
                        "SELECT {EVENT_COLS} FROM events WHERE id IN (SELECT s.event_id FROM item_speakers a JOIN programme_items i ON i.id = a.item_id JOIN event_sessions s ON s.id = i.session_id WHERE a.person_id = $1 UNION SELECT event_id FROM event_guests WHERE person_id = $1) ORDER BY starts_at DESC, id")))
                        .bind(person_id)
                        .fetch_all(&self.pool)
                        .await
                        .map_err(map_err)
                }

                async fn register(&self, event_id: i64, d: &RegistrationDraft, channel: Channel, manage_token: &str, locale: &str, now: i64) -> StoreResult<Registration> {
                    let mut tx = self.begin().await?;
                    let reg = Self::register_in(&mut tx, event_id, d, channel, manage_token, locale, now).await?;
                    tx.commit().await.map_err(map_err)?;
                    Ok(reg)
                }

                async fn invite(&self, actor: &Actor, event_id: i64, email: &str, name: &str, name_script: &str, token: &str, locale: &str, expires_at: i64, now: i64) -> StoreResult<Invitation> {
                    let one = Invitee { email: email.to_owned(), name: name.to_owned(), name_script: name_script.to_owned(), token: token.to_owned(), locale: locale.to_owned() };
                    let mut all = self.invite_many(actor, event_id, &[one], expires_at, now).await?;
                    all.pop().ok_or(StoreError::NotFound)
                }

                async fn invite_many(&self, actor: &Actor, event_id: i64, invitees: &[Invitee], expires_at: i64, now: i64) -> StoreResult<Vec<Invitation>> {
                    let mut tx = self.begin().await?;
                    let mut out = Vec::with_capacity(invitees.len());
                    for i in invitees {
                        let inv = sqlx::query_as::<_, Invitation>(AssertSqlSafe(format!(
                            "INSERT INTO invitations (event_id, email, name, name_script, token, locale, expires_at, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING {INVITATION_COLS}")))
                            .bind(event_id)
                            .bind(i.email.trim().to_lowercase())
                            .bind(i.name.clone())
                            .bind(i.name_script.clone())
                            .bind(i.token.clone())
                            .bind(i.locale.clone())
                            .bind(expires_at)
                            .bind(now)
                            .fetch_one(&mut *tx)
                            .await
                            .map_err(|e| match map_err(e) {
                                StoreError::Conflict("err-duplicate") => StoreError::invalid("email", "err-already-invited"),
                                StoreError::Conflict("err-still-referenced") => StoreError::NotFound,
                                other => other,
                            })?;
                        sqlx::query("INSERT INTO outbox (to_addr, kind, invitation_id, locale, created_at, next_attempt_at) VALUES ($1, 'invitation', $2, $3, $4, $4)")
                            .bind(inv.email.clone())
                            .bind(inv.id)
                            .bind(inv.locale.clone())
                            .bind(now)
                            .execute(&mut *tx)
                            .await
                            .map_err(map_err)?;
                        Self::audit(&mut tx, actor, "create", "invitation", inv.id, None, audit_json(&inv)).await?;
                        out.push(inv);
                    }
                    tx.commit().await.map_err(map_err)?;
                    Ok(out)
                }

                async fn invitation_by_token(&self, token: &str) -> StoreResult<Invitation> {
                    sqlx::query_as::<_, Invitation>(AssertSqlSafe(format!("SELECT {INVITATION_COLS} FROM invitations WHERE token = $1")))
                        .bind(token.to_owned())
                        .fetch_optional(&self.pool)
                        .await
                        .map_err(map_err)?
                        .ok_or(StoreError::NotFound)
                }

                async fn get_invitation(&self, id: i64) -> StoreResult<Invitation> {
                    sqlx::query_as::<_, Invitation>(AssertSqlSafe(format!("SELECT {INVITATION_COLS} FROM invitations WHERE id = $1")))
                        .bind(id)
                        .fetch_optional(&self.pool)
                        .await
                        .map_err(map_err)?
                        .ok_or(StoreError::NotFound)
                }

                async fn list_invitations(&self, event_id: i64) -> StoreResult<Vec<Invitation>> {
                    sqlx::query_as::<_, Invitation>(AssertSqlSafe(format!("SELECT {INVITATION_COLS} FROM invitations WHERE event_id = $1 ORDER BY id")))
                        .bind(event_id)
                        .fetch_all(&self.pool)
                        .await
                        .map_err(map_err)
                }

                async fn accept_invitation(&self, token: &str, d: &RegistrationDraft, manage_token: &str, locale: &str, now: i64) -> StoreResult<Registration> {
                    let mut tx = self.begin().await?;
                    let inv = sqlx::query_as::<_, Invitation>(AssertSqlSafe(format!("UPDATE invitations SET used_at = used_at WHERE token = $1 RETURNING {INVITATION_COLS}")))
                        .bind(token.to_owned())
                        .fetch_optional(&mut *tx)
                        .await
                        .map_err(map_err)?
                        .ok_or(StoreError::NotFound)?;
                    if inv.used_at.is_some() {
                        return Err(StoreError::Conflict("err-invitation-used"));
                    }
                    if inv.expires_at <= now {
                        return Err(StoreError::Conflict("err-invitation-expired"));
                    }
                    let reg = Self::register_in(&mut tx, inv.event_id, d, Channel::Invited, manage_token, locale, now).await?;
                    sqlx::query("UPDATE invitations SET used_at = $1, registration_id = $2 WHERE id = $3")
                        .bind(now)
                        .bind(reg.id)
                        .bind(inv.id)
                        .execute(&mut *tx)
                        .await
                        .map_err(map_err)?;
                    tx.commit().await.map_err(map_err)?;
                    Ok(reg)
                }

                async fn cancel_registration(&self, actor: Option<&Actor>, id: i64, now: i64) -> StoreResult<Registration> {
                    let mut tx = self.begin().await?;
                    let (event_id, before) = Self::lock_registration(&mut tx, id).await?;
                    if matches!(before.status, RegStatus::Cancelled | RegStatus::Declined) {
                        return Err(StoreError::Conflict("err-already-cancelled"));
                    }
                    Self::cancel_in(&mut tx, event_id, &before, now).await?;
                    let after = Self::reg_in(&mut tx, id).await?;
                    Self::queue_mail(&mut tx, &after, "cancelled", now).await?;
                    if let Some(actor) = actor {
                        Self::audit(&mut tx, actor, "update", "registration", id, audit_json(&before), audit_json(&after)).await?;
                    }
                    tx.commit().await.map_err(map_err)?;
                    Ok(after)
                }

                async fn transfer_registration(&self, actor: Option<&Actor>, id: i64, d: &RegistrationDraft, manage_token: &str, locale: &str, meetings: Option<bool>, now: i64) -> StoreResult<(Registration, Registration)> {
                    let mut tx = self.begin().await?;
                    let (event_id, before) = Self::lock_registration(&mut tx, id).await?;
                    if before.is_erased() || !matches!(before.status, RegStatus::Confirmed | RegStatus::Waiting) {
                        return Err(StoreError::Conflict("err-transfer-not-possible"));
                    }
                    if before.checked_in_at.is_some() {
                        return Err(StoreError::Conflict("err-transfer-checked-in"));
                    }
                    let ev = sqlx::query("SELECT starts_at, requires_approval, required_fields, transfers_off FROM events WHERE id = $1")
                        .bind(event_id)
                        .fetch_one(&mut *tx)
                        .await
                        .map_err(map_err)?;
                    let starts_at: i64 = ev.try_get(0).map_err(map_err)?;
                    let approval: bool = ev.try_get(1).map_err(map_err)?;
                    let required: String = ev.try_get(2).map_err(map_err)?;
                    let transfers_off: bool = ev.try_get(3).map_err(map_err)?;
                    if starts_at <= now {
                        return Err(StoreError::Conflict("err-transfer-too-late"));
                    }
                    // The organiser vetted the person (approval) or invited them by name:
                    // only staff hand such a place on.
                    if actor.is_none() && (approval || before.invited || transfers_off) {
                        return Err(StoreError::Conflict("err-transfer-organiser-only"));
                    }
                    // A delegate's place stays the organisation's, as their details do.
                    let mut d = d.clone();
                    if before.registered_by.is_some() {
                        d.organisation = before.organisation.clone();
                        d.region = before.region.clone();
                        d.org_type = before.org_type.clone();
                    }
                    Self::require_fields(&required, &d)?;
                    if d.email == before.email {
                        return Err(StoreError::invalid("email", "err-transfer-same-person"));
                    }
                    let dup = sqlx::query("SELECT 1 FROM registrations WHERE event_id = $1 AND email = $2")
                        .bind(event_id)
                        .bind(d.email.clone())
                        .fetch_optional(&mut *tx)
                        .await
                        .map_err(map_err)?;
                    if dup.is_some() {
                        return Err(StoreError::invalid("email", "err-already-registered"));
                    }
                    // The seat (or the place in line) moves as it is: no count changes, and
                    // nobody on the waiting list is promoted.
                    Self::set_status(&mut tx, id, RegStatus::Cancelled, None, now).await?;
                    d.registered_by = before.registered_by;
                    // A demo registration stays one: nobody is written to.
                    d.synthetic = before.synthetic;
                    let new = Self::insert_registration(&mut tx, event_id, &d, (before.status, before.waiting_seq), before.invited, manage_token, locale, now).await?;
                    sqlx::query("UPDATE session_registrations SET registration_id = $2 WHERE registration_id = $1")
                        .bind(id)
                        .bind(new.id)
                        .execute(&mut *tx)
                        .await
                        .map_err(map_err)?;
                    sqlx::query("UPDATE registrations SET transferred_to = $2 WHERE id = $1")
                        .bind(id)
                        .bind(new.id)
                        .execute(&mut *tx)
                        .await
                        .map_err(map_err)?;
                    // Meetings are between organisations' people: a colleague keeps them,
                    // anyone else does not; the other sides are told either way.
                    let hand_on = match meetings {
                        Some(choice) => choice,
                        None => before.registered_by.is_some() || Self::one_organisation(&mut tx, before.organisation.as_deref(), new.organisation.as_deref()).await?,
                    };
                    if hand_on {
                        Self::hand_on_matchmaking(&mut tx, id, new.id, now).await?;
                    } else {
                        Self::cancel_requests_of(&mut tx, id, None, now).await?;
                    }
                    let after = Self::reg_in(&mut tx, id).await?;
                    Self::queue_mail(&mut tx, &new, "transfer_in", now).await?;
                    Self::queue_mail(&mut tx, &after, "transfer_out", now).await?;
                    if let Some(actor) = actor {
                        Self::audit(&mut tx, actor, "transfer", "registration", id, audit_json(&before), audit_json(&new)).await?;
                    }
                    tx.commit().await.map_err(map_err)?;
                    Ok((after, new))
                }

                async fn transferred_from(&self, id: i64) -> StoreResult<Option<Registration>> {
                    sqlx::query_as::<_, Registration>(AssertSqlSafe(format!("SELECT {REG_COLS} FROM registrations WHERE transferred_to = $1")))
                        .bind(id)
                        .fetch_optional(&self.pool)
                        .await
                        .map_err(map_err)
                }

                async fn erase_registration(&self, actor: Option<&Actor>, id: i64, now: i64) -> StoreResult<Registration> {
                    let mut tx = self.begin().await?;
                    let (event_id, before) = Self::lock_registration(&mut tx, id).await?;
                    Self::forget_kept_answers(&mut tx, &before).await?;
                    if !matches!(before.status, RegStatus::Cancelled | RegStatus::Declined) {
                        Self::cancel_in(&mut tx, event_id, &before, now).await?;
                    } else {
                        // Cancelled before cancellations took meetings along: any left go now.
                        Self::cancel_requests_of(&mut tx, id, None, now).await?;
                    }
                    Self::anonymise_in(&mut tx, Anonymise::One(id), now).await?;
                    if let Some(actor) = actor {
                        Self::audit(&mut tx, actor, "erase", "registration", id, None, None).await?;
                    }
                    let after = Self::reg_in(&mut tx, id).await?;
                    tx.commit().await.map_err(map_err)?;
                    Ok(after)
                }

                async fn correct_registration(&self, actor: Option<&Actor>, id: i64, d: &RegistrationDraft, now: i64) -> StoreResult<Registration> {
                    let mut tx = self.begin().await?;
                    // Under the event's lock, as an erasure is: a correction read before an
                    // erasure must not write the name back after it.
                    let (_, before) = Self::lock_registration(&mut tx, id).await?;
                    if before.is_erased() || matches!(before.status, RegStatus::Cancelled | RegStatus::Declined) {
                        return Err(StoreError::Conflict("err-registration-not-correctable"));
                    }
                    let required: String = sqlx::query("SELECT required_fields FROM events WHERE id = $1")
                        .bind(before.event_id)
                        .fetch_one(&mut *tx)
                        .await
                        .map_err(map_err)?
                        .try_get(0)
                        .map_err(map_err)?;
                    Self::require_fields(&required, d)?;
                    // The questions answered are replaced, the others' answers kept; the
                    // required ones must then be answered, but for a colleague entered by
                    // a representative only once anything is answered for them.
                    // Those asked after confirmation: once the seat is confirmed, and their
                    // required ones once any of them is answered.
                    let questions = questions::asked_of(&Self::questions_in(&mut tx, before.event_id).await?, before.status == RegStatus::Confirmed);
                    let mut answers: Vec<AnswerInput> = Self::answers_in(&mut tx, id).await?
                        .into_iter()
                        .filter(|a| !d.answers.iter().any(|n| n.question_id == a.question_id))
                        .map(|a| AnswerInput { question_id: a.question_id, values: a.answer.lines().map(str::to_owned).collect() })
                        .collect();
                    answers.extend(d.answers.iter().cloned());
                    let enforce = before.registered_by.is_none() || questions::any_answered(&d.answers);
                    let enforce_later = questions::any_answered_after_confirmation(&questions, &answers);
                    let answers = questions::check_answers(&questions, &answers, &|q| if q.after_confirmation { enforce_later } else { enforce })?;
                    Self::keep_answers(&mut tx, id, &answers).await?;
                    sqlx::query("UPDATE registrations SET name = $2, name_script = $3, organisation = $4, region = $5, org_type = $6, position = $7, phone = $8, dietary = $9, search_key = $10, updated_at = $11 WHERE id = $1")
                        .bind(id)
                        .bind(d.name.clone())
                        .bind(d.name_script.clone())
                        .bind(d.organisation.clone())
                        .bind(d.region.clone())
                        .bind(d.org_type.clone())
                        .bind(d.position.clone())
                        .bind(d.phone.clone())
                        .bind(d.dietary.clone())
                        .bind(d.search_key.clone())
                        .bind(now)
                        .execute(&mut *tx)
                        .await
                        .map_err(map_err)?;
                    let after = Self::reg_in(&mut tx, id).await?;
                    if let Some(actor) = actor {
                        Self::audit(&mut tx, actor, "correct", "registration", id, audit_json(&before), audit_json(&after)).await?;
                    }
                    tx.commit().await.map_err(map_err)?;
                    Ok(after)
                }

                async fn decide_registration(&self, actor: &Actor, id: i64, approve: bool, now: i64) -> StoreResult<Registration> {
                    let mut tx = self.begin().await?;
                    let event_id: i64 = sqlx::query("SELECT event_id FROM registrations WHERE id = $1")
                        .bind(id)
                        .fetch_optional(&mut *tx)
                        .await
                        .map_err(map_err)?
                        .ok_or(StoreError::NotFound)?
                        .try_get(0)
                        .map_err(map_err)?;
                    Self::lock_event(&mut tx, event_id).await?;
                    let before = Self::reg_in(&mut tx, id).await?;
                    if before.status != RegStatus::Pending {
                        return Err(StoreError::Conflict("err-not-pending"));
                    }
                    if approve {
                        let (status, seq) = Self::take_event_seat(&mut tx, event_id, false).await?;
                        Self::set_status(&mut tx, id, status, seq, now).await?;
                        if status == RegStatus::Confirmed {
                            Self::seat_sessions(&mut tx, id).await?;
                        }
                    } else {
                        Self::set_status(&mut tx, id, RegStatus::Declined, None, now).await?;
                        Self::release_sessions(&mut tx, id).await?;
                    }
                    let after = Self::reg_in(&mut tx, id).await?;
                    Self::queue_mail(&mut tx, &after, "registration", now).await?;
                    Self::audit(&mut tx, actor, "update", "registration", id, audit_json(&before), audit_json(&after)).await?;
                    tx.commit().await.map_err(map_err)?;
                    Ok(after)
                }

                async fn move_session(&self, actor: &Actor, id: i64, from: Option<i64>, to: i64) -> StoreResult<Vec<SessionRegistration>> {
                    let mut tx = self.begin().await?;
                    let event_id: i64 = sqlx::query("SELECT event_id FROM registrations WHERE id = $1")
                        .bind(id)
                        .fetch_optional(&mut *tx)
                        .await
                        .map_err(map_err)?
                        .ok_or(StoreError::NotFound)?
                        .try_get(0)
                        .map_err(map_err)?;
                    Self::lock_event(&mut tx, event_id).await?;
                    let reg = Self::reg_in(&mut tx, id).await?;
                    if reg.status != RegStatus::Confirmed {
                        return Err(StoreError::Conflict("err-not-confirmed"));
                    }
                    let ok = sqlx::query("SELECT 1 FROM event_sessions WHERE id = $1 AND event_id = $2")
                        .bind(to)
                        .bind(event_id)
                        .fetch_optional(&mut *tx)
                        .await
                        .map_err(map_err)?;
                    if ok.is_none() {
                        return Err(StoreError::invalid("to", "err-unknown-reference"));
                    }
                    let current = sqlx::query_as::<_, SessionRegistration>("SELECT id, registration_id, session_id, status, waiting_seq FROM session_registrations WHERE registration_id = $1")
                        .bind(id)
                        .fetch_all(&mut *tx)
                        .await
                        .map_err(map_err)?;
                    if current.iter().any(|sr| sr.session_id == to && matches!(sr.status, RegStatus::Confirmed | RegStatus::Waiting)) {
                        return Err(StoreError::invalid("to", "err-already-in-session"));
                    }
                    if let Some(from) = from {
                        let Some(old) = current.iter().find(|sr| sr.session_id == from && matches!(sr.status, RegStatus::Confirmed | RegStatus::Waiting)) else {
                            return Err(StoreError::invalid("from", "err-unknown-reference"));
                        };
                        sqlx::query("UPDATE session_registrations SET status = 'cancelled', waiting_seq = NULL WHERE id = $1")
                            .bind(old.id)
                            .execute(&mut *tx)
                            .await
                            .map_err(map_err)?;
                        if old.status == RegStatus::Confirmed {
                            sqlx::query("UPDATE event_sessions SET confirmed_count = confirmed_count - 1 WHERE id = $1")
                                .bind(from)
                                .execute(&mut *tx)
                                .await
                                .map_err(map_err)?;
                            Self::promote_session(&mut tx, from).await?;
                        }
                    }
                    match current.iter().find(|sr| sr.session_id == to) {
                        Some(sr) => {
                            sqlx::query("UPDATE session_registrations SET status = 'pending', waiting_seq = NULL WHERE id = $1")
                                .bind(sr.id)
                                .execute(&mut *tx)
                                .await
                                .map_err(map_err)?;
                        }
                        None => {
                            sqlx::query("INSERT INTO session_registrations (registration_id, session_id, status) VALUES ($1, $2, 'pending')")
                                .bind(id)
                                .bind(to)
                                .execute(&mut *tx)
                                .await
                                .map_err(map_err)?;
                        }
                    }
                    Self::seat_sessions(&mut tx, id).await?;
                    let after = sqlx::query_as::<_, SessionRegistration>("SELECT id, registration_id, session_id, status, waiting_seq FROM session_registrations WHERE registration_id = $1 ORDER BY session_id")
                        .bind(id)
                        .fetch_all(&mut *tx)
                        .await
                        .map_err(map_err)?;
                    Self::audit(&mut tx, actor, "update", "session_registration", id, audit_json(&current), audit_json(&after)).await?;
                    tx.commit().await.map_err(map_err)?;
                    Ok(after)
                }

                async fn get_registration(&self, id: i64) -> StoreResult<Registration> {
                    sqlx::query_as::<_, Registration>(AssertSqlSafe(format!("SELECT {REG_COLS} FROM registrations WHERE id = $1")))
                        .bind(id)
                        .fetch_optional(&self.pool)
                        .await
                        .map_err(map_err)?
                        .ok_or(StoreError::NotFound)
                }

                async fn registration_by_token(&self, token: &str) -> StoreResult<Registration> {
                    sqlx::query_as::<_, Registration>(AssertSqlSafe(format!("SELECT {REG_COLS} FROM registrations WHERE manage_token = $1")))
                        .bind(token.to_owned())
                        .fetch_optional(&self.pool)
                        .await
                        .map_err(map_err)?
                        .ok_or(StoreError::NotFound)
                }

                async fn registrations_by_address(&self, email: &str) -> StoreResult<Vec<Registration>> {
                    sqlx::query_as::<_, Registration>(AssertSqlSafe(format!("SELECT {REG_COLS} FROM registrations WHERE email = $1 ORDER BY id DESC LIMIT 200")))
                        .bind(email.trim().to_lowercase())
                        .fetch_all(&self.pool)
                        .await
                        .map_err(map_err)
                }

                async fn register_delegation(&self, event_id: i64, by: i64, delegates: &[DelegateEntry], now: i64) -> StoreResult<Vec<Registration>> {
                    let mut tx = self.begin().await?;
                    let quota = Self::quota_for(&mut tx, event_id, by).await?;
                    if let Some(quota) = quota {
                        // The event's row is locked first (each seat taken locks it anyway),
                        // so that two representatives of one organisation entering at once
                        // are counted one after the other.
                        Self::lock_event(&mut tx, event_id).await?;
                        let held = Self::places_held(&mut tx, event_id, by).await?;
                        if held + delegates.len() as i64 > quota {
                            return Err(StoreError::Invalid(vec![
                                FieldError::new("people", "err-delegation-quota").with_limit((quota - held).max(0)),
                            ]));
                        }
                    }
                    let mut out = Vec::with_capacity(delegates.len());
                    for (n, delegate) in delegates.iter().enumerate() {
                        let d = RegistrationDraft { registered_by: Some(by), ..delegate.draft.clone() };
                        let reg = Self::register_in(&mut tx, event_id, &d, Channel::Public, &delegate.manage_token, &delegate.locale, now)
                            .await
                            .map_err(|e| match e {
                                StoreError::Invalid(errors) => StoreError::Invalid(
                                    errors
                                        .into_iter()
                                        .map(|mut f| {
                                            f.field = format!("{}_{}", f.field, n + 1);
                                            f
                                        })
                                        .collect(),
                                ),
                                other => other,
                            })?;
                        out.push(reg);
                    }
                    tx.commit().await.map_err(map_err)?;
                    Ok(out)
                }

                async fn waiting_position(&self, id: i64) -> StoreResult<Option<i64>> {
                    let row = sqlx::query("SELECT (SELECT COUNT(*) FROM registrations o WHERE o.event_id = r.event_id AND o.status = 'waiting' AND o.waiting_seq <= r.waiting_seq) FROM registrations r WHERE r.id = $1 AND r.status = 'waiting'")
                        .bind(id)
                        .fetch_optional(&self.pool)
                        .await
                        .map_err(map_err)?;
                    row.map(|r| r.try_get(0).map_err(map_err)).transpose()
                }

                async fn colleagues_delegation(&self, event_id: i64, by: i64) -> StoreResult<Vec<(Registration, String)>> {
                    let cols = REG_COLS.split(", ").map(|c| format!("r.{c}")).collect::<Vec<_>>().join(", ");
                    let rows = sqlx::query(AssertSqlSafe(format!("SELECT {cols}, u.display_name AS entered_by FROM registrations r JOIN users u ON u.id = r.registered_by JOIN users me ON me.org_id = u.org_id WHERE me.id = $1 AND u.id <> $1 AND r.event_id = $2 ORDER BY r.id LIMIT 500")))
                        .bind(by)
                        .bind(event_id)
                        .fetch_all(&self.pool)
                        .await
                        .map_err(map_err)?;
                    rows.iter()
                        .map(|row| {
                            let reg = Registration::from_row(row).map_err(map_err)?;
                            let name: String = row.try_get("entered_by").map_err(map_err)?;
                            Ok((reg, name))
                        })
                        .collect()
                }

                async fn set_organisation_places(&self, actor: &Actor, event_id: i64, org_id: i64, places: Option<i64>) -> StoreResult<()> {
                    if places.is_some_and(|p| p < 0) {
                        return Err(StoreError::invalid("places", "err-not-a-number"));
                    }
                    let mut tx = self.begin().await?;
                    Self::lock_event(&mut tx, event_id).await?;
                    let org = sqlx::query("SELECT 1 FROM organisations WHERE id = $1")
                        .bind(org_id)
                        .fetch_optional(&mut *tx)
                        .await
                        .map_err(map_err)?;
                    if org.is_none() {
                        return Err(StoreError::invalid("org_id", "err-unknown-reference"));
                    }
                    let before: Option<i64> = sqlx::query_scalar("SELECT places FROM organisation_places WHERE event_id = $1 AND org_id = $2")
                        .bind(event_id)
                        .bind(org_id)
                        .fetch_optional(&mut *tx)
                        .await
                        .map_err(map_err)?;
                    sqlx::query("DELETE FROM organisation_places WHERE event_id = $1 AND org_id = $2")
                        .bind(event_id)
                        .bind(org_id)
                        .execute(&mut *tx)
                        .await
                        .map_err(map_err)?;
                    if let Some(places) = places {
                        sqlx::query("INSERT INTO organisation_places (event_id, org_id, places) VALUES ($1, $2, $3)")
                            .bind(event_id)
                            .bind(org_id)
                            .bind(places)
                            .execute(&mut *tx)
                            .await
                            .map_err(map_err)?;
                    }
                    let json = |p: Option<i64>| p.map(|p| format!("{{\"org_id\":{org_id},\"places\":{p}}}"));
                    Self::audit(&mut tx, actor, "places", "event", event_id, json(before), json(places)).await?;
                    tx.commit().await.map_err(map_err)?;
                    Ok(())
                }

                async fn organisation_places(&self, event_id: i64) -> StoreResult<Vec<(i64, i64)>> {
                    let rows = sqlx::query("SELECT org_id, places FROM organisation_places WHERE event_id = $1 ORDER BY org_id")
                        .bind(event_id)
                        .fetch_all(&self.pool)
                        .await
                        .map_err(map_err)?;
                    rows.iter()
                        .map(|r| Ok((r.try_get(0).map_err(map_err)?, r.try_get(1).map_err(map_err)?)))
                        .collect()
                }

                async fn delegation_quota_for(&self, event_id: i64, by: i64) -> StoreResult<Option<i64>> {
                    // A read for pages: on the pool, not in a write transaction.
                    sqlx::query($crate::sql_events::QUOTA_FOR)
                        .bind(event_id)
                        .bind(by)
                        .fetch_optional(&self.pool)
                        .await
                        .map_err(map_err)?
                        .ok_or(StoreError::NotFound)?
                        .try_get(0)
                        .map_err(map_err)
                }

                async fn delegation_places(&self, event_id: i64, by: i64) -> StoreResult<i64> {
                    sqlx::query($crate::sql_events::PLACES_HELD)
                        .bind(event_id)
                        .bind(by)
                        .fetch_one(&self.pool)
                        .await
                        .map_err(map_err)?
                        .try_get(0)
                        .map_err(map_err)
                }

                async fn delegation(&self, event_id: i64, by: i64) -> StoreResult<Vec<Registration>> {
                    sqlx::query_as::<_, Registration>(AssertSqlSafe(format!("SELECT {REG_COLS} FROM registrations WHERE registered_by = $1 AND event_id = $2 ORDER BY id LIMIT 500")))
                        .bind(by)
                        .bind(event_id)
                        .fetch_all(&self.pool)
                        .await
                        .map_err(map_err)
                }

                async fn invitations_by_address(&self, email: &str, now: i64) -> StoreResult<Vec<Invitation>> {
                    sqlx::query_as::<_, Invitation>(AssertSqlSafe(format!("SELECT {INVITATION_COLS} FROM invitations WHERE email = $1 AND used_at IS NULL AND expires_at > $2 ORDER BY expires_at, id LIMIT 200")))
                        .bind(email.trim().to_lowercase())
                        .bind(now)
                        .fetch_all(&self.pool)
                        .await
                        .map_err(map_err)
                }

                async fn ask_for_feedback(&self, actor: &Actor, event_id: i64, now: i64) -> StoreResult<u64> {
                    let mut tx = self.begin().await?;
                    Self::lock_event(&mut tx, event_id).await?;
                    let ends_at: i64 = sqlx::query_scalar("SELECT ends_at FROM events WHERE id = $1")
                        .bind(event_id)
                        .fetch_one(&mut *tx)
                        .await
                        .map_err(map_err)?;
                    if now < ends_at {
                        return Err(StoreError::Conflict("err-feedback-too-early"));
                    }
                    // Past the form's last day, a mail would lead to a closed form.
                    if now > ends_at + $crate::events::FEEDBACK_DAYS * 86_400 {
                        return Err(StoreError::Conflict("err-feedback-closed"));
                    }
                    // Where the door checked anyone in, those who came; else all with a seat.
                    let door: Option<i64> = sqlx::query_scalar("SELECT id FROM registrations WHERE event_id = $1 AND checked_in_at IS NOT NULL LIMIT 1")
                        .bind(event_id)
                        .fetch_optional(&mut *tx)
                        .await
                        .map_err(map_err)?;
                    let asked = sqlx::query("INSERT INTO outbox (to_addr, kind, registration_id, locale, created_at, next_attempt_at) SELECT r.email, 'feedback', r.id, r.locale, $2, $2 FROM registrations r WHERE r.event_id = $1 AND r.status = 'confirmed' AND r.anonymised_at IS NULL AND r.synthetic = $3 AND ($4 OR r.checked_in_at IS NOT NULL) AND NOT EXISTS (SELECT 1 FROM outbox o WHERE o.registration_id = r.id AND o.kind = 'feedback') ORDER BY r.id")
                        .bind(event_id)
                        .bind(now)
                        .bind(false)
                        .bind(door.is_none())
                        .execute(&mut *tx)
                        .await
                        .map_err(map_err)?
                        .rows_affected();
                    sqlx::query("UPDATE events SET feedback_asked_at = COALESCE(feedback_asked_at, $2) WHERE id = $1")
                        .bind(event_id)
                        .bind(now)
                        .execute(&mut *tx)
                        .await
                        .map_err(map_err)?;
                    let note = format!("{{\"feedback_asked\":{asked}}}");
                    Self::audit(&mut tx, actor, "ask_feedback", "event", event_id, None, Some(note)).await?;
                    tx.commit().await.map_err(map_err)?;
                    Ok(asked)
                }

                async fn remind_feedback(&self, actor: &Actor, event_id: i64, now: i64) -> StoreResult<u64> {
                    let mut tx = self.begin().await?;
                    Self::lock_event(&mut tx, event_id).await?;
                    let row = sqlx::query("SELECT ends_at, feedback_asked_at FROM events WHERE id = $1")
                        .bind(event_id)
                        .fetch_one(&mut *tx)
                        .await
                        .map_err(map_err)?;
                    let ends_at: i64 = row.try_get(0).map_err(map_err)?;
                    let asked: Option<i64> = row.try_get(1).map_err(map_err)?;
                    if asked.is_none() {
                        return Err(StoreError::Conflict("err-feedback-not-asked"));
                    }
                    if now > ends_at + $crate::events::FEEDBACK_DAYS * 86_400 {
                        return Err(StoreError::Conflict("err-feedback-closed"));
                    }
                    let reminded = sqlx::query("INSERT INTO outbox (to_addr, kind, registration_id, locale, created_at, next_attempt_at) SELECT r.email, 'feedback_reminder', r.id, r.locale, $2, $2 FROM registrations r WHERE r.event_id = $1 AND r.status = 'confirmed' AND r.anonymised_at IS NULL AND EXISTS (SELECT 1 FROM outbox o WHERE o.registration_id = r.id AND o.kind = 'feedback') AND NOT EXISTS (SELECT 1 FROM outbox o WHERE o.registration_id = r.id AND o.kind = 'feedback_reminder') AND NOT EXISTS (SELECT 1 FROM event_feedback f WHERE f.registration_id = r.id) ORDER BY r.id")
                        .bind(event_id)
                        .bind(now)
                        .execute(&mut *tx)
                        .await
                        .map_err(map_err)?
                        .rows_affected();
                    let note = format!("{{\"feedback_reminded\":{reminded}}}");
                    Self::audit(&mut tx, actor, "remind_feedback", "event", event_id, None, Some(note)).await?;
                    tx.commit().await.map_err(map_err)?;
                    Ok(reminded)
                }

                async fn give_feedback(&self, registration_id: i64, d: &FeedbackDraft, now: i64) -> StoreResult<EventFeedback> {
                    let mut tx = self.begin().await?;
                    let row = sqlx::query("SELECT r.event_id, r.status, r.anonymised_at, e.ends_at, e.feedback_asked_at FROM registrations r JOIN events e ON e.id = r.event_id WHERE r.id = $1")
                        .bind(registration_id)
                        .fetch_optional(&mut *tx)
                        .await
                        .map_err(map_err)?
                        .ok_or(StoreError::NotFound)?;
                    let event_id: i64 = row.try_get(0).map_err(map_err)?;
                    let status: String = row.try_get(1).map_err(map_err)?;
                    let erased: Option<i64> = row.try_get(2).map_err(map_err)?;
                    let ends_at: i64 = row.try_get(3).map_err(map_err)?;
                    let asked: Option<i64> = row.try_get(4).map_err(map_err)?;
                    if asked.is_none() || status != RegStatus::Confirmed.code() || erased.is_some() {
                        return Err(StoreError::Conflict("err-feedback-not-asked"));
                    }
                    if now > ends_at + $crate::events::FEEDBACK_DAYS * 86_400 {
                        return Err(StoreError::Conflict("err-feedback-closed"));
                    }
                    let kept = sqlx::query_as::<_, EventFeedback>(AssertSqlSafe(format!("INSERT INTO event_feedback (registration_id, event_id, rating, useful, improve, script, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $7) ON CONFLICT (registration_id) DO UPDATE SET rating = excluded.rating, useful = excluded.useful, improve = excluded.improve, script = excluded.script, updated_at = excluded.updated_at RETURNING {FEEDBACK_COLS}")))
                        .bind(registration_id)
                        .bind(event_id)
                        .bind(d.rating)
                        .bind(d.useful.clone())
                        .bind(d.improve.clone())
                        .bind(d.script.clone())
                        .bind(now)
                        .fetch_one(&mut *tx)
                        .await
                        .map_err(map_err)?;
                    sqlx::query("DELETE FROM event_feedback_sessions WHERE registration_id = $1")
                        .bind(registration_id)
                        .execute(&mut *tx)
                        .await
                        .map_err(map_err)?;
                    let mut errors = Vec::new();
                    for x in &d.sessions {
                        let added = sqlx::query("INSERT INTO event_feedback_sessions (registration_id, session_id, rating) SELECT $1, $2, $3 WHERE EXISTS (SELECT 1 FROM session_registrations sr WHERE sr.registration_id = $1 AND sr.session_id = $2 AND sr.status = 'confirmed')")
                            .bind(registration_id)
                            .bind(x.session_id)
                            .bind(x.rating)
                            .execute(&mut *tx)
                            .await
                            .map_err(map_err)?
                            .rows_affected();
                        if added == 0 {
                            errors.push(FieldError::new(&format!("session_{}", x.session_id), "err-unknown-choice"));
                        }
                    }
                    if !errors.is_empty() {
                        return Err(StoreError::Invalid(errors));
                    }
                    tx.commit().await.map_err(map_err)?;
                    Ok(kept)
                }

                async fn session_ratings_of(&self, registration_id: i64) -> StoreResult<Vec<SessionRating>> {
                    sqlx::query_as::<_, SessionRating>("SELECT session_id, rating FROM event_feedback_sessions WHERE registration_id = $1 ORDER BY session_id")
                        .bind(registration_id)
                        .fetch_all(&self.pool)
                        .await
                        .map_err(map_err)
                }

                async fn session_feedback(&self, event_id: i64) -> StoreResult<Vec<SessionTally>> {
                    let rows = sqlx::query("SELECT s.id, COUNT(*), CAST(SUM(f.rating) AS BIGINT) FROM event_feedback_sessions f JOIN event_sessions s ON s.id = f.session_id WHERE s.event_id = $1 GROUP BY s.id, s.starts_at, s.sort_order ORDER BY s.starts_at, s.sort_order, s.id")
                        .bind(event_id)
                        .fetch_all(&self.pool)
                        .await
                        .map_err(map_err)?;
                    rows.iter()
                        .map(|r| {
                            let count: i64 = r.try_get(1).map_err(map_err)?;
                            let sum: i64 = r.try_get(2).map_err(map_err)?;
                            Ok(SessionTally { session_id: r.try_get(0).map_err(map_err)?, count, average: sum as f64 / count.max(1) as f64 })
                        })
                        .collect()
                }

                async fn feedback_of(&self, registration_id: i64) -> StoreResult<Option<EventFeedback>> {
                    sqlx::query_as::<_, EventFeedback>(AssertSqlSafe(format!("SELECT {FEEDBACK_COLS} FROM event_feedback WHERE registration_id = $1")))
                        .bind(registration_id)
                        .fetch_optional(&self.pool)
                        .await
                        .map_err(map_err)
                }

                async fn event_feedback(&self, event_id: i64) -> StoreResult<Vec<EventFeedback>> {
                    sqlx::query_as::<_, EventFeedback>(AssertSqlSafe(format!("SELECT {FEEDBACK_COLS} FROM event_feedback WHERE event_id = $1 ORDER BY updated_at DESC, registration_id DESC")))
                        .bind(event_id)
                        .fetch_all(&self.pool)
                        .await
                        .map_err(map_err)
                }

                async fn sweep_retention(&self, now: i64) -> StoreResult<RetentionSwept> {
                    let mut swept = RetentionSwept::default();
                    let due: Vec<i64> = sqlx::query_scalar::<_, i64>("SELECT e.id FROM events e WHERE e.retention_days IS NOT NULL AND e.ends_at + e.retention_days * 86400 <= $1 AND EXISTS (SELECT 1 FROM registrations r WHERE r.event_id = e.id AND r.anonymised_at IS NULL) ORDER BY e.id")
                        .bind(now)
                        .fetch_all(&self.pool)
                        .await
                        .map_err(map_err)?;
                    let sweeper = Actor { user_id: None, name: "retention".to_owned() };
                    for event_id in due {
                        // One event at a time, under its lock, so that a registration read
                        // before (a correction) is not written back after.
                        let mut tx = self.begin().await?;
                        Self::lock_event(&mut tx, event_id).await?;
                        let n = Self::anonymise_in(&mut tx, Anonymise::Event(event_id), now).await?;
                        if n > 0 {
                            let note = format!("{{\"registrations_anonymised\":{n}}}");
                            Self::audit(&mut tx, &sweeper, "anonymise", "event", event_id, None, Some(note)).await?;
                            swept.events += 1;
                            swept.registrations += n;
                        }
                        tx.commit().await.map_err(map_err)?;
                    }
                    swept.answers = sqlx::query("DELETE FROM registration_answers WHERE question_id IN (SELECT q.id FROM registration_questions q JOIN events e ON e.id = q.event_id WHERE q.retention_days IS NOT NULL AND e.ends_at + q.retention_days * 86400 <= $1)")
                        .bind(now)
                        .execute(&self.pool)
                        .await
                        .map_err(map_err)?
                        .rows_affected();
                    Ok(swept)
                }

                async fn copy_event(&self, actor: &Actor, id: i64, copies: &[(i64, String)], parts: CopyParts) -> StoreResult<Vec<Event>> {
                    let mut tx = self.begin().await?;
                    let t = $crate::sql::now();
                    let mut made = Vec::new();
                    for (shift, signing_key) in copies {
                        let shift = *shift;
                        let new: i64 = sqlx::query_scalar::<_, i64>("INSERT INTO events (kind, series_id, title, title_script, title_en, summary, summary_script, venue, venue_script, venue_en, region, starts_at, ends_at, capacity, registration_open, requires_approval, signing_key, synthetic, search_key, ask_fields, required_fields, delegation_quota, reminders_off, reminder_hours, retention_days, transfers_off, version, created_at, updated_at) SELECT kind, series_id, title, title_script, title_en, summary, summary_script, venue, venue_script, venue_en, region, starts_at + $2, ends_at + $2, capacity, $3, requires_approval, $4, synthetic, search_key, ask_fields, required_fields, delegation_quota, reminders_off, reminder_hours, retention_days, transfers_off, 1, $5, $5 FROM events WHERE id = $1 RETURNING id")
                            .bind(id)
                            .bind(shift)
                            .bind(false)
                            .bind(signing_key.clone())
                            .bind(t)
                            .fetch_optional(&mut *tx)
                            .await
                            .map_err(map_err)?
                            .ok_or(StoreError::NotFound)?;
                        // Rows copied one by one where others point at them, so that the
                        // copies point at the copies.
                        if parts.programme {
                            let sessions: Vec<i64> = sqlx::query_scalar::<_, i64>("SELECT id FROM event_sessions WHERE event_id = $1 ORDER BY sort_order, id")
                                .bind(id)
                                .fetch_all(&mut *tx)
                                .await
                                .map_err(map_err)?;
                            for old in sessions {
                                let session: i64 = sqlx::query_scalar::<_, i64>("INSERT INTO event_sessions (event_id, kind, title, title_script, title_en, theme, theme_script, room, starts_at, ends_at, capacity, organiser_org_id, sort_order) SELECT $2, kind, title, title_script, title_en, theme, theme_script, room, starts_at + $3, ends_at + $3, capacity, organiser_org_id, sort_order FROM event_sessions WHERE id = $1 RETURNING id")
                                    .bind(old)
                                    .bind(new)
                                    .bind(shift)
                                    .fetch_one(&mut *tx)
                                    .await
                                    .map_err(map_err)?;
                                let items: Vec<i64> = sqlx::query_scalar::<_, i64>("SELECT id FROM programme_items WHERE session_id = $1 ORDER BY sort_order, id")
                                    .bind(old)
                                    .fetch_all(&mut *tx)
                                    .await
                                    .map_err(map_err)?;
                                for old_item in items {
                                    let item: i64 = sqlx::query_scalar::<_, i64>("INSERT INTO programme_items (session_id, kind, title, title_script, title_en, starts_at, ends_at, sort_order) SELECT $2, kind, title, title_script, title_en, starts_at + $3, ends_at + $3, sort_order FROM programme_items WHERE id = $1 RETURNING id")
                                        .bind(old_item)
                                        .bind(session)
                                        .bind(shift)
                                        .fetch_one(&mut *tx)
                                        .await
                                        .map_err(map_err)?;
                                    sqlx::query("INSERT INTO item_speakers (item_id, person_id, title, title_script, sort_order) SELECT $2, person_id, title, title_script, sort_order FROM item_speakers WHERE item_id = $1 ORDER BY sort_order, id")
                                        .bind(old_item)
                                        .bind(item)
                                        .execute(&mut *tx)
                                        .await
                                        .map_err(map_err)?;
                                }
                            }
                        }
                        if parts.roles {
                            for sql in [
                                "INSERT INTO event_roles (event_id, org_id, role, sort_order) SELECT $2, org_id, role, sort_order FROM event_roles WHERE event_id = $1 ORDER BY sort_order, id",
                                "INSERT INTO organisation_places (event_id, org_id, places) SELECT $2, org_id, places FROM organisation_places WHERE event_id = $1",
                            ] {
                                sqlx::query(sql).bind(id).bind(new).execute(&mut *tx).await.map_err(map_err)?;
                            }
                        }
                        if parts.questions {
                            // In order, so that the question one waits on is copied first.
                            let mut copied: Vec<(i64, i64)> = Vec::new();
                            for q in Self::questions_in(&mut tx, id).await? {
                                let on = q.shown_if_question.and_then(|o| copied.iter().find(|(from, _)| *from == o).map(|(_, to)| *to));
                                let to: i64 = sqlx::query_scalar::<_, i64>("INSERT INTO registration_questions (event_id, kind, label, label_script, options, required, sort_order, retention_days, shown_if_question, shown_if_answer, after_confirmation) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id")
                                    .bind(new)
                                    .bind(q.kind.code())
                                    .bind(q.label.clone())
                                    .bind(q.label_script.clone())
                                    .bind(q.options.clone())
                                    .bind(q.required)
                                    .bind(q.sort_order)
                                    .bind(q.retention_days)
                                    .bind(on)
                                    .bind(if on.is_some() { q.shown_if_answer.clone() } else { String::new() })
                                    .bind(q.after_confirmation)
                                    .fetch_one(&mut *tx)
                                    .await
                                    .map_err(map_err)?;
                                copied.push((q.id, to));
                            }
                        }
                        if parts.matchmaking {
                            // The settings, open for requests again, the slots at their hour,
                            // and the tables of the hall: a participant's online room and a
                            // table's reservation belong to this event's participants.
                            sqlx::query("INSERT INTO matchmaking (event_id, meeting_minutes, max_requests, request_deadline, accept_deadline, status, published_at, version, updated_at, self_booking, video_url, auto_accept) SELECT $2, meeting_minutes, max_requests, request_deadline + $3, accept_deadline + $3, 'open', NULL, 0, $4, self_booking, video_url, auto_accept FROM matchmaking WHERE event_id = $1")
                                .bind(id)
                                .bind(new)
                                .bind(shift)
                                .bind(t)
                                .execute(&mut *tx)
                                .await
                                .map_err(map_err)?;
                            sqlx::query("INSERT INTO matchmaking_slots (event_id, starts_at, ends_at) SELECT $2, starts_at + $3, ends_at + $3 FROM matchmaking_slots WHERE event_id = $1 ORDER BY starts_at")
                                .bind(id)
                                .bind(new)
                                .bind(shift)
                                .execute(&mut *tx)
                                .await
                                .map_err(map_err)?;
                            sqlx::query("INSERT INTO matchmaking_tables (event_id, label) SELECT $2, label FROM matchmaking_tables WHERE event_id = $1 AND link IS NULL ORDER BY id")
                                .bind(id)
                                .bind(new)
                                .execute(&mut *tx)
                                .await
                                .map_err(map_err)?;
                        }
                        if parts.managers {
                            sqlx::query("INSERT INTO event_managers (event_id, user_id, added_at) SELECT $2, user_id, $3 FROM event_managers WHERE event_id = $1")
                                .bind(id)
                                .bind(new)
                                .bind(t)
                                .execute(&mut *tx)
                                .await
                                .map_err(map_err)?;
                        }
                        let e = sqlx::query_as::<_, Event>(AssertSqlSafe(format!("SELECT {EVENT_COLS} FROM events WHERE id = $1")))
                            .bind(new)
                            .fetch_one(&mut *tx)
                            .await
                            .map_err(map_err)?;
                        let note = format!("{{\"copied_from\":{id}}}");
                        Self::audit(&mut tx, actor, "copy", "event", new, Some(note), audit_json(&e)).await?;
                        made.push(e);
                    }
                    tx.commit().await.map_err(map_err)?;
                    Ok(made)
                }

                async fn add_event_manager(&self, actor: &Actor, event_id: i64, email: &str) -> StoreResult<EventManager> {
                    let email = email.trim().to_lowercase();
                    if email.is_empty() {
                        return Err(StoreError::invalid("email", "err-required"));
                    }
                    let mut tx = self.begin().await?;
                    Self::lock_event(&mut tx, event_id).await?;
                    let user: Option<i64> = sqlx::query_scalar("SELECT id FROM users WHERE email = $1")
                        .bind(email.clone())
                        .fetch_optional(&mut *tx)
                        .await
                        .map_err(map_err)?;
                    let user = user.ok_or_else(|| StoreError::invalid("email", "err-no-such-account"))?;
                    let added = sqlx::query("INSERT INTO event_managers (event_id, user_id, added_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING")
                        .bind(event_id)
                        .bind(user)
                        .bind($crate::sql::now())
                        .execute(&mut *tx)
                        .await
                        .map_err(map_err)?
                        .rows_affected();
                    let m = sqlx::query_as::<_, EventManager>(AssertSqlSafe(format!("{MANAGER_SELECT} WHERE m.event_id = $1 AND m.user_id = $2")))
                        .bind(event_id)
                        .bind(user)
                        .fetch_one(&mut *tx)
                        .await
                        .map_err(map_err)?;
                    if added > 0 {
                        // Under the account's id, so that its erasure finds the lines that name it.
                        Self::audit(&mut tx, actor, "create", "event_manager", user, None, audit_json(&m)).await?;
                    }
                    tx.commit().await.map_err(map_err)?;
                    Ok(m)
                }

                async fn remove_event_manager(&self, actor: &Actor, event_id: i64, user_id: i64) -> StoreResult<()> {
                    let mut tx = self.begin().await?;
                    Self::lock_event(&mut tx, event_id).await?;
                    let before = sqlx::query_as::<_, EventManager>(AssertSqlSafe(format!("{MANAGER_SELECT} WHERE m.event_id = $1 AND m.user_id = $2")))
                        .bind(event_id)
                        .bind(user_id)
                        .fetch_optional(&mut *tx)
                        .await
                        .map_err(map_err)?
                        .ok_or(StoreError::NotFound)?;
                    sqlx::query("DELETE FROM event_managers WHERE event_id = $1 AND user_id = $2")
                        .bind(event_id)
                        .bind(user_id)
                        .execute(&mut *tx)
                        .await
                        .map_err(map_err)?;
                    Self::audit(&mut tx, actor, "delete", "event_manager", user_id, audit_json(&before), None).await?;
                    tx.commit().await.map_err(map_err)
                }

                async fn event_managers(&self, event_id: i64) -> StoreResult<Vec<EventManager>> {
                    sqlx::query_as::<_, EventManager>(AssertSqlSafe(format!("{MANAGER_SELECT} WHERE m.event_id = $1 ORDER BY m.added_at, m.user_id")))
                        .bind(event_id)
                        .fetch_all(&self.pool)
                        .await
                        .map_err(map_err)
                }

                async fn managed_events(&self, user_id: i64) -> StoreResult<Vec<i64>> {
                    sqlx::query_scalar::<_, i64>("SELECT event_id FROM event_managers WHERE user_id = $1 ORDER BY event_id")
                        .bind(user_id)
                        .fetch_all(&self.pool)
                        .await
                        .map_err(map_err)
                }

                async fn queue_approval_notices(&self, now: i64) -> StoreResult<u64> {
                    let mut tx = self.begin().await?;
                    // Claimed first: a node sweeping at the same time finds them told.
                    let claimed = sqlx::query("UPDATE event_managers SET told_at = $1 WHERE (told_at IS NULL OR told_at <= $2) AND event_id IN (SELECT id FROM events WHERE requires_approval = $3) AND EXISTS (SELECT 1 FROM registrations r WHERE r.event_id = event_managers.event_id AND r.status = 'pending' AND r.synthetic = $4 AND r.created_at > COALESCE(event_managers.told_at, 0)) RETURNING event_id, user_id")
                        .bind(now)
                        .bind(now - $crate::events::APPROVAL_NOTICE_SECONDS)
                        .bind(true)
                        .bind(false)
                        .fetch_all(&mut *tx)
                        .await
                        .map_err(map_err)?;
                    let mut queued = 0;
                    for row in claimed {
                        let event_id: i64 = row.try_get(0).map_err(map_err)?;
                        let user_id: i64 = row.try_get(1).map_err(map_err)?;
                        // The newest registration waiting names the event for the mail.
                        queued += sqlx::query("INSERT INTO outbox (to_addr, kind, registration_id, locale, created_at, next_attempt_at) SELECT u.email, 'approvals', (SELECT MAX(r.id) FROM registrations r WHERE r.event_id = $2 AND r.status = 'pending'), COALESCE(u.locale, 'zh-Hant'), $1, $1 FROM users u WHERE u.id = $3 AND u.suspended_at IS NULL")
                            .bind(now)
                            .bind(event_id)
                            .bind(user_id)
                            .execute(&mut *tx)
                            .await
                            .map_err(map_err)?
                            .rows_affected();
                    }
                    tx.commit().await.map_err(map_err)?;
                    Ok(queued)
                }

                async fn queue_event_reminders(&self, now: i64) -> StoreResult<u64> {
                    let done = sqlx::query("INSERT INTO outbox (to_addr, kind, registration_id, locale, created_at, next_attempt_at) SELECT r.email, 'reminder', r.id, r.locale, $1, $1 FROM registrations r JOIN events e ON e.id = r.event_id WHERE r.status = 'confirmed' AND r.synthetic = $5 AND e.starts_at > $2 AND e.starts_at <= $1 + COALESCE(e.reminder_hours * 3600, $3) AND r.created_at <= $4 AND e.reminders_off = $6 AND NOT EXISTS (SELECT 1 FROM outbox o WHERE o.registration_id = r.id AND o.kind = 'reminder') ON CONFLICT DO NOTHING")
                        .bind(now)
                        .bind(now + $crate::events::REMINDER_LAST_SECONDS)
                        .bind($crate::events::REMINDER_LEAD_SECONDS)
                        .bind(now - $crate::events::REMINDER_SETTLE_SECONDS)
                        // Neither the demo's registrations nor events without reminders.
                        .bind(false)
                        .bind(false)
                        .execute(&self.pool)
                        .await
                        .map_err(map_err)?;
                    Ok(done.rows_affected())
                }

                async fn queue_registration_links(&self, email: &str, locale: &str, now: i64) -> StoreResult<bool> {
                    let email = email.trim().to_lowercase();
                    // One statement: within SQLite's one writer, two requests at once queue one mail;
                    // on PostgreSQL two racing could both queue one, which a limit against
                    // flooding a mailbox can bear.
                    let done = sqlx::query("INSERT INTO outbox (to_addr, kind, locale, created_at, next_attempt_at) SELECT $1, 'registration_links', $2, $3, $3 WHERE (EXISTS (SELECT 1 FROM registrations WHERE email = $1 AND NOT synthetic) OR EXISTS (SELECT 1 FROM invitations WHERE email = $1 AND used_at IS NULL AND expires_at > $3)) AND NOT EXISTS (SELECT 1 FROM outbox WHERE to_addr = $1 AND kind = 'registration_links' AND created_at > $4)")
                        .bind(email)
                        .bind(locale.to_owned())
                        .bind(now)
                        .bind(now - $crate::events::RESEND_LINKS_SECONDS)
                        .execute(&self.pool)
                        .await
                        .map_err(map_err)?;
                    Ok(done.rows_affected() == 1)
                }

                async fn session_registrations(&self, registration_id: i64) -> StoreResult<Vec<SessionRegistration>> {
                    sqlx::query_as::<_, SessionRegistration>("SELECT id, registration_id, session_id, status, waiting_seq FROM session_registrations WHERE registration_id = $1 ORDER BY session_id")
                        .bind(registration_id)
                        .fetch_all(&self.pool)
                        .await
                        .map_err(map_err)
                }

                async fn sessions_organised_by(&self, org_id: i64) -> StoreResult<Vec<EventSession>> {
                    sqlx::query_as::<_, EventSession>(AssertSqlSafe(format!("{SESSION_SELECT} WHERE s.organiser_org_id = $1 ORDER BY s.starts_at DESC, s.id LIMIT 200")))
                        .bind(org_id)
                        .fetch_all(&self.pool)
                        .await
                        .map_err(map_err)
                }

                async fn event_session_registrations(&self, event_id: i64) -> StoreResult<Vec<SessionRegistration>> {
                    sqlx::query_as::<_, SessionRegistration>("SELECT sr.id, sr.registration_id, sr.session_id, sr.status, sr.waiting_seq FROM session_registrations sr JOIN event_sessions s ON s.id = sr.session_id WHERE s.event_id = $1")
                        .bind(event_id)
                        .fetch_all(&self.pool)
                        .await
                        .map_err(map_err)
                }

                async fn list_registrations(&self, event_id: i64, q: Option<&str>, status: Option<RegStatus>, limit: i64, offset: i64) -> StoreResult<Page<Registration>> {
                    let mut sql = format!("SELECT {REG_COLS}, COUNT(*) OVER () AS total_count FROM registrations WHERE event_id = $1");
                    let mut args = vec![Arg::Int(event_id)];
                    if let Some(q) = q.map(|q| baylink_text::fold(q)).filter(|q| !q.is_empty()) {
                        args.push(Arg::Text($crate::sql::like_pattern(&q)));
                        // By name, address or organisation, or by an answer to one of the
                        // organiser's questions.
                        let n = args.len();
                        sql.push_str(&format!(" AND (search_key LIKE ${n} ESCAPE '\\' OR EXISTS (SELECT 1 FROM registration_answers a WHERE a.registration_id = registrations.id AND a.search_key LIKE ${n} ESCAPE '\\'))"));
                    }
                    if let Some(s) = status {
                        args.push(Arg::Text(s.code().to_owned()));
                        sql.push_str(&format!(" AND status = ${}", args.len()));
                    }
                    // Exports read whole events, so the bound is higher than other lists'.
                    let limit = if limit <= 0 { 50 } else { limit.min(10_000) };
                    sql.push_str(&format!(" ORDER BY id LIMIT {limit} OFFSET {}", offset.max(0)));
                    let query = $crate::bind_args!(sqlx::query(AssertSqlSafe(sql)), &args);
                    let rows = query.fetch_all(&self.pool).await.map_err(map_err)?;
                    let total = match rows.first() {
                        Some(r) => r.try_get("total_count").map_err(map_err)?,
                        None => 0,
                    };
                    let items = rows.iter().map(Registration::from_row).collect::<Result<_, _>>().map_err(map_err)?;
                    Ok(Page { items, total })
                }

                async fn check_in(&self, event_id: i64, registration_id: i64, now: i64) -> StoreResult<CheckIn> {
                    let mut tx = self.begin().await?;
                    let reg = sqlx::query_as::<_, Registration>(AssertSqlSafe(format!("UPDATE registrations SET updated_at = updated_at WHERE id = $1 AND event_id = $2 RETURNING {REG_COLS}")))
                        .bind(registration_id)
                        .bind(event_id)
                        .fetch_optional(&mut *tx)
                        .await
                        .map_err(map_err)?
                        .ok_or(StoreError::NotFound)?;
                    // A ticket whose place was handed on: the door asks for the new holder's.
                    if reg.transferred_to.is_some() {
                        return Err(StoreError::Conflict("err-ticket-handed-on"));
                    }
                    if reg.status != RegStatus::Confirmed {
                        return Err(StoreError::Conflict("err-not-confirmed"));
                    }
                    if let Some(at) = reg.checked_in_at {
                        return Ok(CheckIn { registration: reg, already_at: Some(at) });
                    }
                    let reg = sqlx::query_as::<_, Registration>(AssertSqlSafe(format!("UPDATE registrations SET checked_in_at = $1 WHERE id = $2 RETURNING {REG_COLS}")))
                        .bind(now)
                        .bind(registration_id)
                        .fetch_one(&mut *tx)
                        .await
                        .map_err(map_err)?;
                    tx.commit().await.map_err(map_err)?;
                    Ok(CheckIn { registration: reg, already_at: None })
                }

                async fn queue_announcement(&self, actor: &Actor, event_id: i64, status: Option<RegStatus>, subject: &str, body: &str, now: i64) -> StoreResult<i64> {
                    let mut tx = self.begin().await?;
                    let exists = sqlx::query("SELECT 1 FROM events WHERE id = $1").bind(event_id).fetch_optional(&mut *tx).await.map_err(map_err)?;
                    if exists.is_none() {
                        return Err(StoreError::NotFound);
                    }
                    let status_code = status.map(|s| s.code().to_owned());
                    let rows = sqlx::query("INSERT INTO outbox (to_addr, kind, registration_id, locale, subject, body, created_at, next_attempt_at) SELECT email, 'custom', id, locale, $1, $2, $3, $3 FROM registrations WHERE event_id = $4 AND synthetic = $5 AND ($6 IS NULL OR status = $6) AND status NOT IN ('cancelled', 'declined') RETURNING id")
                        .bind(subject.to_owned())
                        .bind(body.to_owned())
                        .bind(now)
                        .bind(event_id)
                        .bind(false)
                        .bind(status_code)
                        .fetch_all(&mut *tx)
                        .await
                        .map_err(map_err)?;
                    let n = rows.len() as i64;
                    Self::audit(&mut tx, actor, "create", "announcement", event_id, None, Some(format!("{{\"subject\":{},\"recipients\":{n}}}", serde_json_string(subject)))).await?;
                    tx.commit().await.map_err(map_err)?;
                    Ok(n)
                }

                async fn claim_mail(&self, now: i64, lease_until: i64) -> StoreResult<Option<OutboxMessage>> {
                    sqlx::query_as::<_, OutboxMessage>(AssertSqlSafe(format!(
                        "UPDATE outbox SET next_attempt_at = $2, attempts = attempts + 1, last_error = NULL WHERE id = (SELECT id FROM outbox WHERE sent_at IS NULL AND next_attempt_at <= $1 ORDER BY id LIMIT 1) AND sent_at IS NULL AND next_attempt_at <= $1 RETURNING {OUTBOX_COLS}")))
                        .bind(now)
                        .bind(lease_until)
                        .fetch_optional(&self.pool)
                        .await
                        .map_err(map_err)
                }

                async fn mark_mail_sent(&self, id: i64, now: i64) -> StoreResult<()> {
                    sqlx::query("UPDATE outbox SET sent_at = $1, last_error = NULL, secret = NULL WHERE id = $2")
                        .bind(now)
                        .bind(id)
                        .execute(&self.pool)
                        .await
                        .map_err(map_err)?;
                    Ok(())
                }

                async fn outbox_summary(&self, now: i64) -> StoreResult<OutboxSummary> {
                    // Both by the outbox's index on (sent_at, next_attempt_at).
                    let row = sqlx::query("SELECT COUNT(*), COALESCE(SUM(CASE WHEN last_error IS NOT NULL THEN 1 ELSE 0 END), 0), MIN(created_at) FROM outbox WHERE sent_at IS NULL")
                        .fetch_one(&self.pool)
                        .await
                        .map_err(map_err)?;
                    let sent: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM outbox WHERE sent_at >= $1")
                        .bind(now - 86_400)
                        .fetch_one(&self.pool)
                        .await
                        .map_err(map_err)?;
                    Ok(OutboxSummary {
                        waiting: row.try_get(0).map_err(map_err)?,
                        failing: row.try_get(1).map_err(map_err)?,
                        oldest_waiting_at: row.try_get(2).map_err(map_err)?,
                        sent_last_day: sent,
                    })
                }

                async fn outbox_list(&self, sent: bool, limit: i64) -> StoreResult<Vec<OutboxMessage>> {
                    let sql = if sent {
                        format!("SELECT {OUTBOX_COLS} FROM outbox WHERE sent_at IS NOT NULL ORDER BY sent_at DESC, id DESC LIMIT {}", clamp_limit(limit))
                    } else {
                        format!("SELECT {OUTBOX_COLS} FROM outbox WHERE sent_at IS NULL ORDER BY id LIMIT {}", clamp_limit(limit))
                    };
                    sqlx::query_as::<_, OutboxMessage>(AssertSqlSafe(sql))
                        .fetch_all(&self.pool)
                        .await
                        .map_err(map_err)
                }

                async fn retry_mail_now(&self, now: i64) -> StoreResult<u64> {
                    // Only those that failed: one being sent has its error cleared by its
                    // claim, and its lease must stand, or two nodes would send it.
                    let done = sqlx::query("UPDATE outbox SET next_attempt_at = $1 WHERE sent_at IS NULL AND last_error IS NOT NULL AND next_attempt_at > $1")
                        .bind(now)
                        .execute(&self.pool)
                        .await
                        .map_err(map_err)?;
                    Ok(done.rows_affected())
                }

                async fn mark_mail_failed(&self, id: i64, error: &str, retry_at: i64) -> StoreResult<()> {
                    sqlx::query("UPDATE outbox SET last_error = $1, next_attempt_at = $2 WHERE id = $3")
                        .bind(error.chars().take(1000).collect::<String>())
                        .bind(retry_at)
                        .bind(id)
                        .execute(&self.pool)
                        .await
                        .map_err(map_err)?;
                    Ok(())
                }
            }
        };
    };
}
