//! The SQL implementation of [`MatchmakingStore`](crate::MatchmakingStore), shared by both
//! backends like [`crate::sql_events`].
//!
//! Every request check runs inside the writing transaction, after the event's matchmaking
//! row is locked (`UPDATE … SET version = version`), so two requests racing for a
//! participant's last allowance, or the same pair asking each other at once, cannot both
//! pass: the second sees the first.

/// Implements [`MatchmakingStore`](crate::MatchmakingStore) for `$store` (see
/// [`impl_sql_store!`](crate::impl_sql_store), whose transaction helpers it uses).
#[macro_export]
macro_rules! impl_sql_matchmaking {
    ($store:ident, $db:ty) => {
        const _: () = {
            use $crate::sql::reexport::{async_trait, sqlx};
            use $crate::sql::{audit_json, map_err};
            use $crate::matchmaking::*;
            use $crate::*;
            use sqlx::{AssertSqlSafe, Row};

            type Tx<'a> = sqlx::Transaction<'a, $db>;

            /// Marks the event's requests still pending after its acceptance deadline as
            /// expired ($1 the event, $2 now).
            const EXPIRE_REQUESTS: &str = "UPDATE meeting_requests SET status = 'expired', decided_at = $2 WHERE event_id = $1 AND status = 'pending' AND EXISTS (SELECT 1 FROM matchmaking m WHERE m.event_id = $1 AND m.accept_deadline IS NOT NULL AND m.accept_deadline < $2)";

            impl $store {
                /// Locks the event's matchmaking row for the transaction and reads it.
                async fn lock_matchmaking(tx: &mut Tx<'_>, event_id: i64) -> StoreResult<Matchmaking> {
                    sqlx::query_as::<_, Matchmaking>(AssertSqlSafe(format!("UPDATE matchmaking SET version = version WHERE event_id = $1 RETURNING {MATCHMAKING_COLS}")))
                        .bind(event_id)
                        .fetch_optional(&mut **tx)
                        .await
                        .map_err(map_err)?
                        .ok_or(StoreError::NotFound)
                }

                /// Deletes the slot or table `id` of `table` (named by `column` in meeting
                /// requests) unless a meeting is placed there (conflict `in_use`), and moves the event's matchmaking version
                /// on, so that a schedule computed before is refused when saved.
                async fn remove_unused(tx: &mut Tx<'_>, event_id: i64, id: i64, table: &str, column: &str, in_use: &'static str) -> StoreResult<()> {
                    let used = sqlx::query(AssertSqlSafe(format!("SELECT 1 FROM meeting_requests WHERE {column} = $1")))
                        .bind(id)
                        .fetch_optional(&mut **tx)
                        .await
                        .map_err(map_err)?;
                    if used.is_some() {
                        return Err(conflict(in_use));
                    }
                    sqlx::query(AssertSqlSafe(format!("DELETE FROM {table} WHERE id = $1")))
                        .bind(id)
                        .execute(&mut **tx)
                        .await
                        .map_err(map_err)?;
                    sqlx::query("UPDATE matchmaking SET version = version + 1 WHERE event_id = $1")
                        .bind(event_id)
                        .execute(&mut **tx)
                        .await
                        .map_err(map_err)?;
                    Ok(())
                }

                /// Whether `request` is an accepted meeting whose slot has started by `now`.
                /// Such a meeting is told about, not cancelled: one that did not take place
                /// is "did not take place", which the figures count.
                async fn begun(tx: &mut Tx<'_>, request: &MeetingRequest, now: i64) -> StoreResult<bool> {
                    let Some(slot) = request.slot_id.filter(|_| request.status == RequestStatus::Accepted) else {
                        return Ok(false);
                    };
                    let starts: Option<i64> = sqlx::query_scalar("SELECT starts_at FROM matchmaking_slots WHERE id = $1")
                        .bind(slot)
                        .fetch_optional(&mut **tx)
                        .await
                        .map_err(map_err)?;
                    Ok(starts.is_some_and(|t| t <= now))
                }

                async fn request_in(tx: &mut Tx<'_>, id: i64) -> StoreResult<MeetingRequest> {
                    sqlx::query_as::<_, MeetingRequest>(AssertSqlSafe(format!("SELECT {REQUEST_COLS} FROM meeting_requests WHERE id = $1")))
                        .bind(id)
                        .fetch_optional(&mut **tx)
                        .await
                        .map_err(map_err)?
                        .ok_or(StoreError::NotFound)
                }

                /// Queues an agenda mail (kind `agenda`, written at sending time from the
                /// schedule then current) to each real participant with a placed meeting, or
                /// only to those in `only`, and the mails of their days of meetings.
                /// `told` is someone a mail of its own tells of this one change (a booking
                /// accepted, a meeting moved by the other side) with the meeting's new
                /// place: they get their days' mails but not the agenda too, so that one
                /// change makes one mail.
                async fn queue_agendas(tx: &mut Tx<'_>, event_id: i64, only: Option<&[i64]>, told: Option<i64>, now: i64) -> StoreResult<()> {
                    let rows = sqlx::query("SELECT r.id, r.email, r.locale FROM registrations r WHERE r.event_id = $1 AND r.synthetic = $2 AND r.status = 'confirmed' AND EXISTS (SELECT 1 FROM meeting_requests m WHERE m.event_id = $1 AND m.status = 'accepted' AND m.slot_id IS NOT NULL AND (m.from_reg = r.id OR m.to_reg = r.id)) ORDER BY r.id")
                        .bind(event_id)
                        .bind(false)
                        .fetch_all(&mut **tx)
                        .await
                        .map_err(map_err)?;
                    for row in rows {
                        let id: i64 = row.try_get(0).map_err(map_err)?;
                        if only.is_some_and(|only| !only.contains(&id)) {
                            continue;
                        }
                        let email: String = row.try_get(1).map_err(map_err)?;
                        let locale: String = row.try_get(2).map_err(map_err)?;
                        if told != Some(id) {
                            sqlx::query("INSERT INTO outbox (to_addr, kind, registration_id, locale, created_at, next_attempt_at) VALUES ($1, 'agenda', $2, $3, $4, $4)")
                                .bind(email.clone())
                                .bind(id)
                                .bind(locale.clone())
                                .bind(now)
                                .execute(&mut **tx)
                                .await
                                .map_err(map_err)?;
                        }
                        // And on each day with a meeting, that day's meetings that morning
                        // ([`day_mails`]), once: a day already queued keeps its mail, which
                        // is written from the schedule as it stands when sent.
                        let placed: Vec<(i64, i64)> = sqlx::query_as("SELECT s.starts_at, s.ends_at FROM meeting_requests m JOIN matchmaking_slots s ON s.id = m.slot_id WHERE m.event_id = $1 AND m.status = 'accepted' AND (m.from_reg = $2 OR m.to_reg = $2)")
                            .bind(event_id)
                            .bind(id)
                            .fetch_all(&mut **tx)
                            .await
                            .map_err(map_err)?;
                        let starts: Vec<i64> = placed.iter().map(|&(start, _)| start).collect();
                        // And, an hour after their last meeting, the question of how their
                        // meetings went ([`FOLLOW_UP_AFTER`]): one such mail waiting, moved
                        // along when their last meeting moves, written when sent (and
                        // dropped if every outcome is told by then).
                        if let Some(due) = placed.iter().map(|&(_, end)| end + FOLLOW_UP_AFTER).max().filter(|&due| due > now) {
                            let moved = sqlx::query("UPDATE outbox SET next_attempt_at = $2 WHERE registration_id = $1 AND kind = 'mm_followup' AND sent_at IS NULL AND attempts = 0")
                                .bind(id)
                                .bind(due)
                                .execute(&mut **tx)
                                .await
                                .map_err(map_err)?;
                            if moved.rows_affected() == 0 {
                                sqlx::query("INSERT INTO outbox (to_addr, kind, registration_id, locale, created_at, next_attempt_at) VALUES ($1, 'mm_followup', $2, $3, $4, $5)")
                                    .bind(email.clone())
                                    .bind(id)
                                    .bind(locale.clone())
                                    .bind(now)
                                    .bind(due)
                                    .execute(&mut **tx)
                                    .await
                                    .map_err(map_err)?;
                            }
                        }
                        for due in day_mails(&starts).into_iter().filter(|&due| due > now) {
                            let (from, to) = hk_day(due);
                            sqlx::query("INSERT INTO outbox (to_addr, kind, registration_id, locale, created_at, next_attempt_at) SELECT $1, 'mm_today', $2, $3, $4, $5 WHERE NOT EXISTS (SELECT 1 FROM outbox WHERE registration_id = $2 AND kind = 'mm_today' AND sent_at IS NULL AND next_attempt_at >= $6 AND next_attempt_at < $7)")
                                .bind(email.clone())
                                .bind(id)
                                .bind(locale.clone())
                                .bind(now)
                                .bind(due)
                                .bind(from)
                                .bind(to)
                                .execute(&mut **tx)
                                .await
                                .map_err(map_err)?;
                        }
                    }
                    Ok(())
                }

                /// Makes way for a new request or meeting from `from_reg` to `to_reg`: refused
                /// (`taken`) where the two have one waiting or accepted, either way; a
                /// declined, expired or cancelled one from the one to the other gives way
                /// (a request may be sent again), in the caller's transaction.
                async fn make_way_in(tx: &mut Tx<'_>, event_id: i64, from_reg: i64, to_reg: i64, taken: &'static str) -> StoreResult<()> {
                    let open = sqlx::query("SELECT 1 FROM meeting_requests WHERE event_id = $1 AND ((from_reg = $2 AND to_reg = $3) OR (from_reg = $3 AND to_reg = $2)) AND status IN ('pending', 'accepted')")
                        .bind(event_id)
                        .bind(from_reg)
                        .bind(to_reg)
                        .fetch_optional(&mut **tx)
                        .await
                        .map_err(map_err)?;
                    if open.is_some() {
                        return Err(conflict(taken));
                    }
                    sqlx::query("DELETE FROM meeting_requests WHERE event_id = $1 AND from_reg = $2 AND to_reg = $3 AND status IN ('declined', 'expired', 'cancelled')")
                        .bind(event_id)
                        .bind(from_reg)
                        .bind(to_reg)
                        .execute(&mut **tx)
                        .await
                        .map_err(map_err)?;
                    Ok(())
                }

                /// The answer `by_reg` gives to request `request_id`, in the caller's
                /// transaction, with the event's matchmaking row locked first (returned):
                /// two answers at once must not both pass.
                async fn decide_in(tx: &mut Tx<'_>, request_id: i64, by_reg: i64, accept: bool, priority: i64, now: i64) -> StoreResult<(Matchmaking, MeetingRequest)> {
                    if accept && !(1..=3).contains(&priority) {
                        return Err(StoreError::invalid("priority", "err-mm-priority"));
                    }
                    let event_id = Self::request_in(tx, request_id).await?.event_id;
                    let mm = Self::lock_matchmaking(tx, event_id).await?;
                    // Read again under the lock.
                    let request = Self::request_in(tx, request_id).await?;
                    if request.to_reg != by_reg {
                        return Err(StoreError::NotFound);
                    }
                    if request.status != RequestStatus::Pending {
                        return Err(conflict("err-mm-not-pending"));
                    }
                    if mm.accept_deadline.is_some_and(|d| now > d) {
                        return Err(conflict("err-mm-accept-closed"));
                    }
                    let status = if accept { "accepted" } else { "declined" };
                    let decided = sqlx::query_as::<_, MeetingRequest>(AssertSqlSafe(format!("UPDATE meeting_requests SET status = $2, decided_at = $3, to_priority = $4 WHERE id = $1 RETURNING {REQUEST_COLS}")))
                        .bind(request_id)
                        .bind(status.to_owned())
                        .bind(now)
                        .bind(accept.then_some(priority))
                        .fetch_one(&mut **tx)
                        .await
                        .map_err(map_err)?;
                    Self::queue_request_mail(tx, "mm_answer", decided.from_reg, decided.id, now).await?;
                    Ok((mm, decided))
                }

                /// A table for `request` in slot `slot_id` of event `event_id`: a slot still to
                /// come at `now` (`err-mm-slot-past`), neither side away then or in another
                /// meeting (`err-mm-slot-taken`), and a table free then, one reserved for
                /// either side first, else an open one (`err-mm-slot-full`). Under the
                /// event's lock, which the caller holds.
                async fn free_table_in(tx: &mut Tx<'_>, event_id: i64, request: &MeetingRequest, slot_id: i64, now: i64) -> StoreResult<i64> {
                    let (a, b) = (request.from_reg, request.to_reg);
                    let starts: Option<i64> = sqlx::query_scalar("SELECT starts_at FROM matchmaking_slots WHERE id = $1 AND event_id = $2")
                        .bind(slot_id)
                        .bind(event_id)
                        .fetch_optional(&mut **tx)
                        .await
                        .map_err(map_err)?;
                    match starts {
                        None => return Err(StoreError::invalid("slot", "err-unknown-reference")),
                        Some(starts) if starts <= now => return Err(conflict("err-mm-slot-past")),
                        Some(_) => {}
                    }
                    let taken: i64 = sqlx::query_scalar("SELECT (SELECT COUNT(*) FROM meeting_requests WHERE event_id = $1 AND status = 'accepted' AND slot_id = $2 AND id <> $5 AND (from_reg IN ($3, $4) OR to_reg IN ($3, $4))) + (SELECT COUNT(*) FROM matchmaking_unavailable WHERE slot_id = $2 AND registration_id IN ($3, $4))")
                        .bind(event_id)
                        .bind(slot_id)
                        .bind(a)
                        .bind(b)
                        .bind(request.id)
                        .fetch_one(&mut **tx)
                        .await
                        .map_err(map_err)?;
                    if taken > 0 {
                        return Err(conflict("err-mm-slot-taken"));
                    }
                    // A table free then: one kept for either side first (an online room
                    // before a booth), else an open one.
                    let table: Option<i64> = sqlx::query_scalar("SELECT t.id FROM matchmaking_tables t WHERE t.event_id = $1 AND (t.reserved_for IS NULL OR t.reserved_for IN ($2, $3)) AND NOT EXISTS (SELECT 1 FROM meeting_requests m WHERE m.table_id = t.id AND m.slot_id = $4 AND m.status = 'accepted') ORDER BY CASE WHEN t.reserved_for IS NULL THEN 1 ELSE 0 END, CASE WHEN t.link IS NULL THEN 1 ELSE 0 END, t.id LIMIT 1")
                        .bind(event_id)
                        .bind(a)
                        .bind(b)
                        .bind(slot_id)
                        .fetch_optional(&mut **tx)
                        .await
                        .map_err(map_err)?;
                    table.ok_or_else(|| conflict("err-mm-slot-full"))
                }

                /// Places accepted `request` in slot `slot_id` as the participants book it
                /// ([`free_table_in`](Self::free_table_in)), locked so that the organiser's
                /// schedule keeps it, where event `mm` lets them book; the version moves on
                /// and, after publication, the side `by_reg` gets their agenda again and the
                /// other side, whose own mail (the answer, the move) gives the new place,
                /// only their days' mails.
                async fn book_in(tx: &mut Tx<'_>, mm: &Matchmaking, request: &MeetingRequest, by_reg: i64, slot_id: i64, now: i64) -> StoreResult<MeetingRequest> {
                    if !mm.self_booking {
                        return Err(conflict("err-mm-no-self-booking"));
                    }
                    let table = Self::free_table_in(tx, mm.event_id, request, slot_id, now).await?;
                    let booked = sqlx::query_as::<_, MeetingRequest>(AssertSqlSafe(format!("UPDATE meeting_requests SET slot_id = $2, table_id = $3, locked = $4 WHERE id = $1 RETURNING {REQUEST_COLS}")))
                        .bind(request.id)
                        .bind(slot_id)
                        .bind(table)
                        .bind(true)
                        .fetch_one(&mut **tx)
                        .await
                        .map_err(map_err)?;
                    sqlx::query("UPDATE matchmaking SET version = version + 1, updated_at = $2 WHERE event_id = $1")
                        .bind(mm.event_id)
                        .bind(now)
                        .execute(&mut **tx)
                        .await
                        .map_err(map_err)?;
                    if mm.status == MatchmakingStatus::Published {
                        Self::queue_agendas(tx, mm.event_id, Some(&[request.from_reg, request.to_reg]), Some(request.other_side(by_reg)), now).await?;
                    }
                    Ok(booked)
                }

                /// Queues a mail of `kind` about request `request_id` to registration `to`,
                /// in their language, unless they are one of the demo's synthetic
                /// participants (who have no mailbox). In the caller's transaction, so the
                /// mail is queued if and only if the request or the answer is saved.
                async fn queue_request_mail(tx: &mut Tx<'_>, kind: &str, to: i64, request_id: i64, now: i64) -> StoreResult<()> {
                    sqlx::query("INSERT INTO outbox (to_addr, kind, registration_id, meeting_request_id, locale, created_at, next_attempt_at) SELECT email, $1, id, $2, locale, $3, $3 FROM registrations WHERE id = $4 AND synthetic = $5 AND status = 'confirmed'")
                        .bind(kind.to_owned())
                        .bind(request_id)
                        .bind(now)
                        .bind(to)
                        .bind(false)
                        .execute(&mut **tx)
                        .await
                        .map_err(map_err)?;
                    Ok(())
                }

                /// Tells `to` of request `request_id`: by its own mail, or, when they take
                /// requests once a day, by the day's mail ([`digest_due`]), which is queued
                /// once and lists whatever waits for them when it is sent. A day's mail
                /// already due, or claimed by a sender (which moves its time on while it
                /// holds it), may have read the requests before this one: the request then
                /// goes into the next one.
                async fn queue_request_notice(tx: &mut Tx<'_>, to: i64, request_id: i64, answer_by: Option<i64>, now: i64) -> StoreResult<()> {
                    let daily: bool = sqlx::query_scalar("SELECT daily FROM matchmaking_profiles WHERE registration_id = $1")
                        .bind(to)
                        .fetch_optional(&mut **tx)
                        .await
                        .map_err(map_err)?
                        .unwrap_or(false);
                    if !daily {
                        return Self::queue_request_mail(tx, "mm_request", to, request_id, now).await;
                    }
                    sqlx::query("INSERT INTO outbox (to_addr, kind, registration_id, locale, created_at, next_attempt_at) SELECT email, 'mm_digest', id, locale, $1, $2 FROM registrations r WHERE id = $3 AND synthetic = $4 AND status = 'confirmed' AND NOT EXISTS (SELECT 1 FROM outbox o WHERE o.registration_id = r.id AND o.kind = 'mm_digest' AND o.sent_at IS NULL AND o.attempts = 0 AND o.next_attempt_at > $1)")
                        .bind(now)
                        .bind(digest_due(now, answer_by))
                        .bind(to)
                        .bind(false)
                        .execute(&mut **tx)
                        .await
                        .map_err(map_err)?;
                    Ok(())
                }

                /// Cancels the requests `reg` is a side of that are still pending or
                /// accepted (all of them, or only `request_id`), freeing their slots and
                /// tables, and tells each other side by mail. A meeting with an outcome on
                /// record has been held (or judged) and stays as it is. For a registration that is
                /// cancelled, and for [`cancel_meeting`](MatchmakingStore::cancel_meeting).
                /// The event's matchmaking row is locked first, as every other write to
                /// requests does, so an answer or a placement of the same request made at
                /// the same time either comes first (and is cancelled with it) or finds it
                /// cancelled. (No matchmaking write locks the event row, which a
                /// registration's cancellation holds already, so the order cannot cross.)
                async fn cancel_requests_of(tx: &mut Tx<'_>, reg: i64, request_id: Option<i64>, now: i64) -> StoreResult<Vec<MeetingRequest>> {
                    sqlx::query("UPDATE matchmaking SET version = version WHERE event_id = (SELECT event_id FROM registrations WHERE id = $1)")
                        .bind(reg)
                        .execute(&mut **tx)
                        .await
                        .map_err(map_err)?;
                    let cancelled = Self::cancel_where(tx, Some(reg), request_id, now).await?;
                    for r in &cancelled {
                        Self::queue_request_mail(tx, "mm_cancelled", r.other_side(reg), r.id, now).await?;
                    }
                    Ok(cancelled)
                }

                /// Moves registration `from`'s matchmaking to `to`, a colleague who took
                /// the place ([`crate::EventStore::transfer_registration`]): its pending and
                /// accepted requests and meetings as they are placed (same slot, same
                /// table), its away slots, its profile, its "not for me" in both
                /// directions and a table reserved for it (an exhibitor's booth or its
                /// online room), and tells the other side of each request moved
                /// (`mm_handed_on`). Requests declined, expired or cancelled stay with
                /// `from` as its history. Nothing in the schedule moves, so the
                /// matchmaking is locked but its version stays: a schedule being worked
                /// out meanwhile stays valid.
                async fn hand_on_matchmaking(tx: &mut Tx<'_>, from: i64, to: i64, now: i64) -> StoreResult<()> {
                    sqlx::query("UPDATE matchmaking SET version = version WHERE event_id = (SELECT event_id FROM registrations WHERE id = $1)")
                        .bind(from)
                        .execute(&mut **tx)
                        .await
                        .map_err(map_err)?;
                    let mut moved = Vec::new();
                    for side in ["from_reg", "to_reg"] {
                        let rows = sqlx::query_as::<_, MeetingRequest>(AssertSqlSafe(format!("UPDATE meeting_requests SET {side} = $2 WHERE {side} = $1 AND status IN ('pending', 'accepted') RETURNING {REQUEST_COLS}")))
                            .bind(from)
                            .bind(to)
                            .fetch_all(&mut **tx)
                            .await
                            .map_err(map_err)?;
                        moved.extend(rows);
                    }
                    for (table, column) in [
                        ("matchmaking_unavailable", "registration_id"),
                        ("matchmaking_profiles", "registration_id"),
                        ("matchmaking_passes", "registration_id"),
                        ("matchmaking_passes", "other_reg"),
                        ("matchmaking_tables", "reserved_for"),
                    ] {
                        sqlx::query(AssertSqlSafe(format!("UPDATE {table} SET {column} = $2 WHERE {column} = $1")))
                            .bind(from)
                            .bind(to)
                            .execute(&mut **tx)
                            .await
                            .map_err(map_err)?;
                    }
                    for r in &moved {
                        Self::queue_request_mail(tx, "mm_handed_on", r.other_side(to), r.id, now).await?;
                    }
                    Ok(())
                }

                /// Cancels the pending and accepted requests not yet held that `reg` is a
                /// side of (any side, without `reg`), all of them or only `request_id`,
                /// freeing their slots and tables. The caller holds the matchmaking lock
                /// and tells whom it must.
                async fn cancel_where(tx: &mut Tx<'_>, reg: Option<i64>, request_id: Option<i64>, now: i64) -> StoreResult<Vec<MeetingRequest>> {
                    sqlx::query_as::<_, MeetingRequest>(AssertSqlSafe(format!("UPDATE meeting_requests SET status = 'cancelled', decided_at = $2, slot_id = NULL, table_id = NULL, locked = $3 WHERE ($1 IS NULL OR from_reg = $1 OR to_reg = $1) AND status IN ('pending', 'accepted') AND outcome_from IS NULL AND outcome_to IS NULL AND ($4 IS NULL OR id = $4) RETURNING {REQUEST_COLS}")))
                        .bind(reg)
                        .bind(now)
                        .bind(false)
                        .bind(request_id)
                        .fetch_all(&mut **tx)
                        .await
                        .map_err(map_err)
                }

                /// Whether the registration is a confirmed participant of the event.
                async fn confirmed_in(tx: &mut Tx<'_>, event_id: i64, reg: i64) -> StoreResult<bool> {
                    let row = sqlx::query("SELECT 1 FROM registrations WHERE id = $1 AND event_id = $2 AND status = 'confirmed'")
                        .bind(reg)
                        .bind(event_id)
                        .fetch_optional(&mut **tx)
                        .await
                        .map_err(map_err)?;
                    Ok(row.is_some())
                }
            }

            #[async_trait::async_trait]
            impl MatchmakingStore for $store {
                async fn matchmaking(&self, event_id: i64) -> StoreResult<Option<Matchmaking>> {
                    sqlx::query_as::<_, Matchmaking>(AssertSqlSafe(format!("SELECT {MATCHMAKING_COLS} FROM matchmaking WHERE event_id = $1")))
                        .bind(event_id)
                        .fetch_optional(&self.pool)
                        .await
                        .map_err(map_err)
                }

                async fn save_matchmaking(&self, actor: &Actor, event_id: i64, draft: &MatchmakingDraft, now: i64) -> StoreResult<Matchmaking> {
                    let d = draft.input();
                    let mut tx = self.begin().await?;
                    let before = sqlx::query_as::<_, Matchmaking>(AssertSqlSafe(format!("SELECT {MATCHMAKING_COLS} FROM matchmaking WHERE event_id = $1")))
                        .bind(event_id)
                        .fetch_optional(&mut *tx)
                        .await
                        .map_err(map_err)?;
                    let exists = sqlx::query("SELECT 1 FROM events WHERE id = $1")
                        .bind(event_id)
                        .fetch_optional(&mut *tx)
                        .await
                        .map_err(map_err)?;
                    if exists.is_none() {
                        return Err(StoreError::NotFound);
                    }
                    // The video service turned off: the participants' rooms on it go, unless
                    // a meeting is placed in one (it must move first), under the event's
                    // lock so that no booking lands in a room being removed.
                    if before.as_ref().is_some_and(|b| b.video_url.is_some()) && d.video_url.is_none() {
                        Self::lock_matchmaking(&mut tx, event_id).await?;
                        let in_use = sqlx::query("SELECT 1 FROM meeting_requests m JOIN matchmaking_tables t ON t.id = m.table_id WHERE t.event_id = $1 AND t.link IS NOT NULL AND m.status = 'accepted'")
                            .bind(event_id)
                            .fetch_optional(&mut *tx)
                            .await
                            .map_err(map_err)?;
                        if in_use.is_some() {
                            return Err(conflict("err-mm-video-in-use"));
                        }
                        sqlx::query("DELETE FROM matchmaking_tables WHERE event_id = $1 AND link IS NOT NULL")
                            .bind(event_id)
                            .execute(&mut *tx)
                            .await
                            .map_err(map_err)?;
                    }
                    let sql = if before.is_some() {
                        format!("UPDATE matchmaking SET meeting_minutes = $2, max_requests = $3, request_deadline = $4, accept_deadline = $5, updated_at = $6, self_booking = $7, video_url = $8, auto_accept = $9 WHERE event_id = $1 RETURNING {MATCHMAKING_COLS}")
                    } else {
                        format!("INSERT INTO matchmaking (event_id, meeting_minutes, max_requests, request_deadline, accept_deadline, updated_at, self_booking, video_url, status, auto_accept) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'open', $9) RETURNING {MATCHMAKING_COLS}")
                    };
                    let saved = sqlx::query_as::<_, Matchmaking>(AssertSqlSafe(sql))
                        .bind(event_id)
                        .bind(d.meeting_minutes)
                        .bind(d.max_requests)
                        .bind(d.request_deadline)
                        .bind(d.accept_deadline)
                        .bind(now)
                        .bind(d.self_booking)
                        .bind(d.video_url.clone())
                        .bind(d.auto_accept)
                        .fetch_one(&mut *tx)
                        .await
                        .map_err(map_err)?;
                    let action = if before.is_some() { "update" } else { "create" };
                    Self::audit(&mut tx, actor, action, "matchmaking", event_id, before.as_ref().and_then(audit_json), audit_json(&saved)).await?;
                    tx.commit().await.map_err(map_err)?;
                    Ok(saved)
                }

                async fn add_meeting_slots(&self, actor: &Actor, event_id: i64, slots: &[(i64, i64)]) -> StoreResult<Vec<MeetingSlot>> {
                    if slots.is_empty() {
                        return Err(StoreError::Invalid(vec![FieldError::new("end_time", "err-mm-slots-none")]));
                    }
                    if slots.iter().any(|(starts_at, ends_at)| ends_at <= starts_at) {
                        return Err(StoreError::Invalid(vec![FieldError::new("ends_at", "err-mm-slot-order")]));
                    }
                    let mut tx = self.begin().await?;
                    Self::lock_matchmaking(&mut tx, event_id).await?;
                    let mut added = Vec::with_capacity(slots.len());
                    for &(starts_at, ends_at) in slots {
                        // Against the event's slots, those added just before included.
                        let overlap = sqlx::query("SELECT 1 FROM matchmaking_slots WHERE event_id = $1 AND starts_at < $3 AND ends_at > $2")
                            .bind(event_id)
                            .bind(starts_at)
                            .bind(ends_at)
                            .fetch_optional(&mut *tx)
                            .await
                            .map_err(map_err)?;
                        if overlap.is_some() {
                            return Err(conflict("err-mm-slot-overlap"));
                        }
                        let slot = sqlx::query_as::<_, MeetingSlot>("INSERT INTO matchmaking_slots (event_id, starts_at, ends_at) VALUES ($1, $2, $3) RETURNING id, event_id, starts_at, ends_at")
                            .bind(event_id)
                            .bind(starts_at)
                            .bind(ends_at)
                            .fetch_one(&mut *tx)
                            .await
                            .map_err(map_err)?;
                        Self::audit(&mut tx, actor, "create", "matchmaking_slot", slot.id, None, audit_json(&slot)).await?;
                        added.push(slot);
                    }
                    tx.commit().await.map_err(map_err)?;
                    Ok(added)
                }

                async fn remove_meeting_slot(&self, actor: &Actor, event_id: i64, slot_id: i64) -> StoreResult<()> {
                    let mut tx = self.begin().await?;
                    Self::lock_matchmaking(&mut tx, event_id).await?;
                    let slot = sqlx::query_as::<_, MeetingSlot>("SELECT id, event_id, starts_at, ends_at FROM matchmaking_slots WHERE id = $1 AND event_id = $2")
                        .bind(slot_id)
                        .bind(event_id)
                        .fetch_optional(&mut *tx)
                        .await
                        .map_err(map_err)?
                        .ok_or(StoreError::NotFound)?;
                    // The marks of those away then go with it (rolled back if it stays).
                    sqlx::query("DELETE FROM matchmaking_unavailable WHERE slot_id = $1")
                        .bind(slot_id)
                        .execute(&mut *tx)
                        .await
                        .map_err(map_err)?;
                    Self::remove_unused(&mut tx, event_id, slot_id, "matchmaking_slots", "slot_id", "err-mm-slot-in-use").await?;
                    Self::audit(&mut tx, actor, "delete", "matchmaking_slot", slot_id, audit_json(&slot), None).await?;
                    tx.commit().await.map_err(map_err)
                }

                async fn meeting_slots(&self, event_id: i64) -> StoreResult<Vec<MeetingSlot>> {
                    sqlx::query_as::<_, MeetingSlot>("SELECT id, event_id, starts_at, ends_at FROM matchmaking_slots WHERE event_id = $1 ORDER BY starts_at")
                        .bind(event_id)
                        .fetch_all(&self.pool)
                        .await
                        .map_err(map_err)
                }

                async fn add_meeting_tables(&self, actor: &Actor, event_id: i64, tables: &[(String, Option<i64>)]) -> StoreResult<Vec<MeetingTable>> {
                    if tables.is_empty() {
                        return Err(StoreError::Invalid(vec![FieldError::new("count", "err-mm-table-count")]));
                    }
                    if tables.iter().any(|(label, _)| label.trim().is_empty() || label.trim().chars().count() > 40) {
                        return Err(StoreError::Invalid(vec![FieldError::new("label", "err-mm-table-label")]));
                    }
                    let mut tx = self.begin().await?;
                    Self::lock_matchmaking(&mut tx, event_id).await?;
                    let mut added = Vec::with_capacity(tables.len());
                    for (label, reserved_for) in tables {
                        if let Some(owner) = *reserved_for
                            && !Self::confirmed_in(&mut tx, event_id, owner).await?
                        {
                            return Err(StoreError::Invalid(vec![FieldError::new("reserved_for", "err-mm-not-participant")]));
                        }
                        let table = sqlx::query_as::<_, MeetingTable>(AssertSqlSafe(format!("INSERT INTO matchmaking_tables (event_id, label, reserved_for) VALUES ($1, $2, $3) RETURNING {TABLE_COLS}")))
                            .bind(event_id)
                            .bind(label.trim().to_owned())
                            .bind(*reserved_for)
                            .fetch_one(&mut *tx)
                            .await
                            .map_err(map_err)?;
                        Self::audit(&mut tx, actor, "create", "matchmaking_table", table.id, None, audit_json(&table)).await?;
                        added.push(table);
                    }
                    tx.commit().await.map_err(map_err)?;
                    Ok(added)
                }

                async fn remove_meeting_table(&self, actor: &Actor, event_id: i64, table_id: i64) -> StoreResult<()> {
                    let mut tx = self.begin().await?;
                    Self::lock_matchmaking(&mut tx, event_id).await?;
                    let table = sqlx::query_as::<_, MeetingTable>(AssertSqlSafe(format!("SELECT {TABLE_COLS} FROM matchmaking_tables WHERE id = $1 AND event_id = $2")))
                        .bind(table_id)
                        .bind(event_id)
                        .fetch_optional(&mut *tx)
                        .await
                        .map_err(map_err)?
                        .ok_or(StoreError::NotFound)?;
                    Self::remove_unused(&mut tx, event_id, table_id, "matchmaking_tables", "table_id", "err-mm-table-in-use").await?;
                    Self::audit(&mut tx, actor, "delete", "matchmaking_table", table_id, audit_json(&table), None).await?;
                    tx.commit().await.map_err(map_err)
                }

                async fn meeting_tables(&self, event_id: i64) -> StoreResult<Vec<MeetingTable>> {
                    sqlx::query_as::<_, MeetingTable>(AssertSqlSafe(format!("SELECT {TABLE_COLS} FROM matchmaking_tables WHERE event_id = $1 ORDER BY id")))
                        .bind(event_id)
                        .fetch_all(&self.pool)
                        .await
                        .map_err(map_err)
                }

                async fn arrange_meeting(&self, actor: &Actor, event_id: i64, from_reg: i64, draft: &RequestDraft, now: i64) -> StoreResult<MeetingRequest> {
                    if draft.to_reg == from_reg {
                        return Err(StoreError::Invalid(vec![FieldError::new("to_reg", "err-mm-self")]));
                    }
                    let mut tx = self.begin().await?;
                    Self::lock_matchmaking(&mut tx, event_id).await?;
                    for (field, reg) in [("from_reg", from_reg), ("to_reg", draft.to_reg)] {
                        if !Self::confirmed_in(&mut tx, event_id, reg).await? {
                            return Err(StoreError::Invalid(vec![FieldError::new(field, "err-mm-not-participant")]));
                        }
                    }
                    Self::make_way_in(&mut tx, event_id, from_reg, draft.to_reg, "err-mm-pair-taken").await?;
                    let arranged = sqlx::query_as::<_, MeetingRequest>(AssertSqlSafe(format!("INSERT INTO meeting_requests (event_id, from_reg, to_reg, message, message_script, priority, status, created_at, decided_at, to_priority, session, arranged) VALUES ($1, $2, $3, $4, $5, $6, 'accepted', $7, $7, $6, $8, $9) RETURNING {REQUEST_COLS}")))
                        .bind(event_id)
                        .bind(from_reg)
                        .bind(draft.to_reg)
                        .bind(draft.message.clone())
                        .bind(draft.message_script.code().to_owned())
                        .bind(draft.priority)
                        .bind(now)
                        .bind(draft.session.code())
                        .bind(true)
                        .fetch_one(&mut *tx)
                        .await
                        .map_err(map_err)?;
                    for to in [from_reg, draft.to_reg] {
                        Self::queue_request_mail(&mut tx, "mm_arranged", to, arranged.id, now).await?;
                    }
                    sqlx::query("UPDATE matchmaking SET version = version + 1, updated_at = $2 WHERE event_id = $1")
                        .bind(event_id)
                        .bind(now)
                        .execute(&mut *tx)
                        .await
                        .map_err(map_err)?;
                    Self::audit(&mut tx, actor, "arrange", "meeting", arranged.id, None, audit_json(&arranged)).await?;
                    tx.commit().await.map_err(map_err)?;
                    Ok(arranged)
                }

                async fn request_meeting(&self, event_id: i64, from_reg: i64, draft: &RequestDraft, now: i64) -> StoreResult<MeetingRequest> {
                    if draft.to_reg == from_reg {
                        return Err(StoreError::Invalid(vec![FieldError::new("to_reg", "err-mm-self")]));
                    }
                    let mut tx = self.begin().await?;
                    let mm = Self::lock_matchmaking(&mut tx, event_id).await?;
                    if mm.request_deadline.is_some_and(|d| now > d) {
                        return Err(conflict("err-mm-request-closed"));
                    }
                    if !Self::confirmed_in(&mut tx, event_id, from_reg).await? {
                        return Err(conflict("err-mm-not-participant"));
                    }
                    if !Self::confirmed_in(&mut tx, event_id, draft.to_reg).await? {
                        return Err(StoreError::Invalid(vec![FieldError::new("to_reg", "err-mm-not-participant")]));
                    }
                    Self::make_way_in(&mut tx, event_id, from_reg, draft.to_reg, "err-mm-duplicate").await?;
                    // Meetings the organisers arranged are not the sender's requests.
                    let open: i64 = sqlx::query("SELECT COUNT(*) FROM meeting_requests WHERE event_id = $1 AND from_reg = $2 AND status IN ('pending', 'accepted') AND arranged = $3")
                        .bind(event_id)
                        .bind(from_reg)
                        .bind(false)
                        .fetch_one(&mut *tx)
                        .await
                        .map_err(map_err)?
                        .try_get(0)
                        .map_err(map_err)?;
                    if open >= mm.max_requests {
                        return Err(conflict("err-mm-limit"));
                    }
                    // Where requests are accepted on arrival, it is a meeting at once, with
                    // the middle priority for the one asked, who is told and may cancel it.
                    let (status, decided_at, to_priority) = if mm.auto_accept {
                        ("accepted", Some(now), Some(2_i64))
                    } else {
                        ("pending", None, None)
                    };
                    let request = sqlx::query_as::<_, MeetingRequest>(AssertSqlSafe(format!("INSERT INTO meeting_requests (event_id, from_reg, to_reg, message, message_script, priority, status, created_at, session, interest_id, decided_at, to_priority) VALUES ($1, $2, $3, $4, $5, $6, $10, $7, $8, $9, $11, $12) RETURNING {REQUEST_COLS}")))
                        .bind(event_id)
                        .bind(from_reg)
                        .bind(draft.to_reg)
                        .bind(draft.message.clone())
                        .bind(draft.message_script.code().to_owned())
                        .bind(draft.priority)
                        .bind(now)
                        .bind(draft.session.code())
                        .bind(draft.interest_id)
                        .bind(status.to_owned())
                        .bind(decided_at)
                        .bind(to_priority)
                        .fetch_one(&mut *tx)
                        .await
                        .map_err(map_err)?;
                    if mm.auto_accept {
                        // Nothing to answer, so no daily digest: told at once.
                        Self::queue_request_mail(&mut tx, "mm_auto", request.to_reg, request.id, now).await?;
                    } else {
                        Self::queue_request_notice(&mut tx, request.to_reg, request.id, mm.accept_deadline, now).await?;
                    }
                    tx.commit().await.map_err(map_err)?;
                    Ok(request)
                }


                async fn decide_meeting(&self, request_id: i64, by_reg: i64, accept: bool, priority: i64, now: i64) -> StoreResult<MeetingRequest> {
                    let mut tx = self.begin().await?;
                    let (_, decided) = Self::decide_in(&mut tx, request_id, by_reg, accept, priority, now).await?;
                    tx.commit().await.map_err(map_err)?;
                    Ok(decided)
                }

                async fn book_meeting(&self, request_id: i64, by_reg: i64, priority: i64, slot_id: i64, now: i64) -> StoreResult<MeetingRequest> {
                    let mut tx = self.begin().await?;
                    let (mm, decided) = Self::decide_in(&mut tx, request_id, by_reg, true, priority, now).await?;
                    let booked = Self::book_in(&mut tx, &mm, &decided, by_reg, slot_id, now).await?;
                    tx.commit().await.map_err(map_err)?;
                    Ok(booked)
                }

                async fn move_meeting(&self, request_id: i64, by_reg: i64, slot_id: i64, now: i64) -> StoreResult<MeetingRequest> {
                    let mut tx = self.begin().await?;
                    let event_id = Self::request_in(&mut tx, request_id).await?.event_id;
                    let mm = Self::lock_matchmaking(&mut tx, event_id).await?;
                    // Read again under the lock.
                    let request = Self::request_in(&mut tx, request_id).await?;
                    if request.from_reg != by_reg && request.to_reg != by_reg {
                        return Err(StoreError::NotFound);
                    }
                    // Nor one whose time has come.
                    let started: Option<i64> = match request.slot_id {
                        Some(slot) => sqlx::query_scalar("SELECT starts_at FROM matchmaking_slots WHERE id = $1")
                            .bind(slot)
                            .fetch_optional(&mut *tx)
                            .await
                            .map_err(map_err)?,
                        None => None,
                    };
                    // A meeting that did not take place is booked again, its outcomes cleared
                    // (the slot it is booked into is still to come, as any booking's).
                    let again = request.not_held();
                    if !again && (request.status != RequestStatus::Accepted || request.held() || started.is_some_and(|t| t <= now)) {
                        return Err(conflict("err-mm-cannot-move"));
                    }
                    if again {
                        sqlx::query("UPDATE meeting_requests SET outcome_from = NULL, outcome_to = NULL WHERE id = $1")
                            .bind(request.id)
                            .execute(&mut *tx)
                            .await
                            .map_err(map_err)?;
                    }
                    // A meeting with no place the other side has seen (none yet, or only the
                    // organiser's unpublished draft) is booked, not moved.
                    let seen = request.slot_id.is_some() && (mm.status == MatchmakingStatus::Published || request.locked);
                    let moved = Self::book_in(&mut tx, &mm, &request, by_reg, slot_id, now).await?;
                    Self::queue_request_mail(&mut tx, if seen { "mm_moved" } else { "mm_booked" }, request.other_side(by_reg), request.id, now).await?;
                    tx.commit().await.map_err(map_err)?;
                    Ok(moved)
                }

                async fn cancel_meeting(&self, request_id: i64, by_reg: i64, now: i64) -> StoreResult<MeetingRequest> {
                    let mut tx = self.begin().await?;
                    let event_id = Self::request_in(&mut tx, request_id).await?.event_id;
                    Self::lock_matchmaking(&mut tx, event_id).await?;
                    let request = Self::request_in(&mut tx, request_id).await?;
                    if request.from_reg != by_reg && request.to_reg != by_reg {
                        return Err(StoreError::NotFound);
                    }
                    // The receiver of a pending request declines it instead.
                    let receiver_of_pending = request.status == RequestStatus::Pending && request.from_reg != by_reg;
                    if !request.cancellable() || receiver_of_pending {
                        return Err(conflict("err-mm-cannot-cancel"));
                    }
                    if Self::begun(&mut tx, &request, now).await? {
                        return Err(conflict("err-mm-cancel-begun"));
                    }
                    let cancelled = Self::cancel_requests_of(&mut tx, by_reg, Some(request_id), now)
                        .await?
                        .pop()
                        .ok_or(StoreError::NotFound)?;
                    tx.commit().await.map_err(map_err)?;
                    Ok(cancelled)
                }

                async fn cancel_meeting_as_organiser(&self, actor: &Actor, event_id: i64, request_id: i64, now: i64) -> StoreResult<MeetingRequest> {
                    let mut tx = self.begin().await?;
                    Self::lock_matchmaking(&mut tx, event_id).await?;
                    let before = Self::request_in(&mut tx, request_id).await?;
                    if before.event_id != event_id {
                        return Err(StoreError::NotFound);
                    }
                    // As for the participants: after its start a meeting's outcome is told.
                    if before.cancellable() && Self::begun(&mut tx, &before, now).await? {
                        return Err(conflict("err-mm-cancel-begun"));
                    }
                    let after = Self::cancel_where(&mut tx, None, Some(request_id), now)
                        .await?
                        .pop()
                        .ok_or_else(|| conflict("err-mm-not-cancellable"))?;
                    for side in [after.from_reg, after.to_reg] {
                        Self::queue_request_mail(&mut tx, "mm_cancelled_by_organiser", side, after.id, now).await?;
                    }
                    Self::audit(&mut tx, actor, "cancel", "meeting", request_id, audit_json(&before), audit_json(&after)).await?;
                    tx.commit().await.map_err(map_err)?;
                    Ok(after)
                }

                async fn remind_pending(&self, event_id: i64, now: i64) -> StoreResult<u64> {
                    let mut tx = self.begin().await?;
                    sqlx::query(EXPIRE_REQUESTS)
                        .bind(event_id)
                        .bind(now)
                        .execute(&mut *tx)
                        .await
                        .map_err(map_err)?;
                    let queued = sqlx::query("INSERT INTO outbox (to_addr, kind, registration_id, locale, created_at, next_attempt_at) SELECT r.email, 'mm_reminder', r.id, r.locale, $2, $2 FROM registrations r WHERE r.event_id = $1 AND r.synthetic = $3 AND r.status = 'confirmed' AND EXISTS (SELECT 1 FROM meeting_requests m WHERE m.to_reg = r.id AND m.status = 'pending') AND NOT EXISTS (SELECT 1 FROM outbox o WHERE o.registration_id = r.id AND o.kind = 'mm_reminder' AND o.created_at > $4)")
                        .bind(event_id)
                        .bind(now)
                        .bind(false)
                        .bind(now - MAIL_GAP)
                        .execute(&mut *tx)
                        .await
                        .map_err(map_err)?;
                    tx.commit().await.map_err(map_err)?;
                    Ok(queued.rows_affected())
                }

                async fn nudge_idle(&self, event_id: i64, now: i64) -> StoreResult<u64> {
                    let mut tx = self.begin().await?;
                    let mm = Self::lock_matchmaking(&mut tx, event_id).await?;
                    if mm.status != MatchmakingStatus::Open || mm.request_deadline.is_some_and(|d| d < now) {
                        return Err(conflict("err-mm-request-closed"));
                    }
                    let queued = sqlx::query("INSERT INTO outbox (to_addr, kind, registration_id, locale, created_at, next_attempt_at) SELECT r.email, 'mm_nudge', r.id, r.locale, $2, $2 FROM registrations r WHERE r.event_id = $1 AND r.synthetic = $3 AND r.status = 'confirmed' AND NOT EXISTS (SELECT 1 FROM meeting_requests m WHERE (m.from_reg = r.id OR m.to_reg = r.id) AND m.status IN ('pending', 'accepted')) AND NOT EXISTS (SELECT 1 FROM outbox o WHERE o.registration_id = r.id AND o.kind = 'mm_nudge' AND o.created_at > $4)")
                        .bind(event_id)
                        .bind(now)
                        .bind(false)
                        .bind(now - MAIL_GAP)
                        .execute(&mut *tx)
                        .await
                        .map_err(map_err)?;
                    tx.commit().await.map_err(map_err)?;
                    Ok(queued.rows_affected())
                }

                async fn ask_outcomes(&self, event_id: i64, now: i64) -> StoreResult<u64> {
                    // Owing: a meeting behind them whose outcome they have not told.
                    // Only meetings placed for all to see (`MeetingRequest::placed_for_all`):
                    // locked ($3 is false, so `locked <> $3` is "locked"), or published.
                    const OWING: &str = "r.event_id = $1 AND r.synthetic = $3 AND r.status = 'confirmed' AND EXISTS (SELECT 1 FROM meeting_requests m JOIN matchmaking_slots s ON s.id = m.slot_id WHERE m.event_id = $1 AND m.status = 'accepted' AND s.ends_at <= $2 AND ((m.from_reg = r.id AND m.outcome_from IS NULL) OR (m.to_reg = r.id AND m.outcome_to IS NULL)) AND (m.locked <> $3 OR EXISTS (SELECT 1 FROM matchmaking x WHERE x.event_id = $1 AND x.status = 'published')))";
                    let mut tx = self.begin().await?;
                    // A question waiting for later goes now, rather than a second one.
                    let pulled = sqlx::query(AssertSqlSafe(format!("UPDATE outbox SET next_attempt_at = $2 WHERE kind = 'mm_followup' AND sent_at IS NULL AND attempts = 0 AND next_attempt_at > $2 AND registration_id IN (SELECT r.id FROM registrations r WHERE {OWING})")))
                        .bind(event_id)
                        .bind(now)
                        .bind(false)
                        .execute(&mut *tx)
                        .await
                        .map_err(map_err)?;
                    let queued = sqlx::query(AssertSqlSafe(format!("INSERT INTO outbox (to_addr, kind, registration_id, locale, created_at, next_attempt_at) SELECT r.email, 'mm_followup', r.id, r.locale, $2, $2 FROM registrations r WHERE {OWING} AND NOT EXISTS (SELECT 1 FROM outbox o WHERE o.registration_id = r.id AND o.kind = 'mm_followup' AND (o.sent_at IS NULL OR o.sent_at > $4))")))
                        .bind(event_id)
                        .bind(now)
                        .bind(false)
                        .bind(now - MAIL_GAP)
                        .execute(&mut *tx)
                        .await
                        .map_err(map_err)?;
                    tx.commit().await.map_err(map_err)?;
                    Ok(pulled.rows_affected() + queued.rows_affected())
                }

                async fn asked_for_outcomes(&self, event_id: i64, since: i64, now: i64) -> StoreResult<Vec<i64>> {
                    sqlx::query_scalar("SELECT DISTINCT o.registration_id FROM outbox o JOIN registrations r ON r.id = o.registration_id WHERE r.event_id = $1 AND o.kind = 'mm_followup' AND (o.sent_at > $2 OR (o.sent_at IS NULL AND o.next_attempt_at <= $3))")
                        .bind(event_id)
                        .bind(since)
                        .bind(now)
                        .fetch_all(&self.pool)
                        .await
                        .map_err(map_err)
                }

                async fn recently_mailed(&self, event_id: i64, kind: &str, since: i64) -> StoreResult<Vec<i64>> {
                    let rows = sqlx::query("SELECT DISTINCT o.registration_id FROM outbox o JOIN registrations r ON r.id = o.registration_id WHERE r.event_id = $1 AND o.kind = $2 AND o.created_at > $3")
                        .bind(event_id)
                        .bind(kind.to_owned())
                        .bind(since)
                        .fetch_all(&self.pool)
                        .await
                        .map_err(map_err)?;
                    rows.iter()
                        .map(|row| row.try_get::<i64, _>(0).map_err(map_err))
                        .collect()
                }

                async fn expire_meeting_requests(&self, event_id: i64, now: i64) -> StoreResult<u64> {
                    let done = sqlx::query(EXPIRE_REQUESTS)
                        .bind(event_id)
                        .bind(now)
                        .execute(&self.pool)
                        .await
                        .map_err(map_err)?;
                    Ok(done.rows_affected())
                }

                async fn meeting_requests(&self, event_id: i64) -> StoreResult<Vec<MeetingRequest>> {
                    sqlx::query_as::<_, MeetingRequest>(AssertSqlSafe(format!("SELECT {REQUEST_COLS} FROM meeting_requests WHERE event_id = $1 ORDER BY id")))
                        .bind(event_id)
                        .fetch_all(&self.pool)
                        .await
                        .map_err(map_err)
                }

                async fn meeting_request(&self, id: i64) -> StoreResult<MeetingRequest> {
                    sqlx::query_as::<_, MeetingRequest>(AssertSqlSafe(format!("SELECT {REQUEST_COLS} FROM meeting_requests WHERE id = $1")))
                        .bind(id)
                        .fetch_optional(&self.pool)
                        .await
                        .map_err(map_err)?
                        .ok_or(StoreError::NotFound)
                }

                async fn set_unavailable(&self, registration_id: i64, slot_id: i64, unavailable: bool) -> StoreResult<()> {
                    let mut tx = self.begin().await?;
                    let same_event = sqlx::query("SELECT 1 FROM matchmaking_slots s JOIN registrations r ON r.event_id = s.event_id WHERE s.id = $1 AND r.id = $2")
                        .bind(slot_id)
                        .bind(registration_id)
                        .fetch_optional(&mut *tx)
                        .await
                        .map_err(map_err)?;
                    if same_event.is_none() {
                        return Err(StoreError::NotFound);
                    }
                    let sql = if unavailable {
                        "INSERT INTO matchmaking_unavailable (registration_id, slot_id) VALUES ($1, $2) ON CONFLICT DO NOTHING"
                    } else {
                        "DELETE FROM matchmaking_unavailable WHERE registration_id = $1 AND slot_id = $2"
                    };
                    sqlx::query(sql)
                        .bind(registration_id)
                        .bind(slot_id)
                        .execute(&mut *tx)
                        .await
                        .map_err(map_err)?;
                    tx.commit().await.map_err(map_err)?;
                    Ok(())
                }

                async fn set_away_slots(&self, registration_id: i64, slot_ids: &[i64]) -> StoreResult<()> {
                    let mut tx = self.begin().await?;
                    sqlx::query("DELETE FROM matchmaking_unavailable WHERE registration_id = $1")
                        .bind(registration_id)
                        .execute(&mut *tx)
                        .await
                        .map_err(map_err)?;
                    for slot in slot_ids {
                        let done = sqlx::query("INSERT INTO matchmaking_unavailable (registration_id, slot_id) SELECT r.id, s.id FROM registrations r JOIN matchmaking_slots s ON s.event_id = r.event_id WHERE r.id = $1 AND s.id = $2 ON CONFLICT DO NOTHING")
                            .bind(registration_id)
                            .bind(*slot)
                            .execute(&mut *tx)
                            .await
                            .map_err(map_err)?;
                        if done.rows_affected() != 1 {
                            return Err(StoreError::NotFound);
                        }
                    }
                    tx.commit().await.map_err(map_err)?;
                    Ok(())
                }

                async fn begin_schedule_run(&self, event_id: i64, meetings: i64, now: i64, stale_before: i64) -> StoreResult<bool> {
                    let mut tx = self.begin().await?;
                    sqlx::query("DELETE FROM schedule_runs WHERE event_id = $1 AND heartbeat < $2")
                        .bind(event_id)
                        .bind(stale_before)
                        .execute(&mut *tx)
                        .await
                        .map_err(map_err)?;
                    let done = sqlx::query("INSERT INTO schedule_runs (event_id, meetings, heartbeat) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING")
                        .bind(event_id)
                        .bind(meetings)
                        .bind(now)
                        .execute(&mut *tx)
                        .await
                        .map_err(map_err)?;
                    tx.commit().await.map_err(map_err)?;
                    Ok(done.rows_affected() == 1)
                }

                async fn update_schedule_run(&self, event_id: i64, run: &ScheduleRun, now: i64) -> StoreResult<()> {
                    sqlx::query("UPDATE schedule_runs SET meetings = $2, best_breaks = $3, lower_bound = $4, seconds = $5, heartbeat = $6 WHERE event_id = $1")
                        .bind(event_id)
                        .bind(run.meetings)
                        .bind(run.best_breaks)
                        .bind(run.lower_bound)
                        .bind(run.seconds)
                        .bind(now)
                        .execute(&self.pool)
                        .await
                        .map_err(map_err)?;
                    Ok(())
                }

                async fn end_schedule_run(&self, event_id: i64) -> StoreResult<()> {
                    sqlx::query("DELETE FROM schedule_runs WHERE event_id = $1")
                        .bind(event_id)
                        .execute(&self.pool)
                        .await
                        .map_err(map_err)?;
                    Ok(())
                }

                async fn schedule_run(&self, event_id: i64, stale_before: i64) -> StoreResult<Option<ScheduleRun>> {
                    sqlx::query_as::<_, ScheduleRun>("SELECT meetings, best_breaks, lower_bound, seconds FROM schedule_runs WHERE event_id = $1 AND heartbeat >= $2")
                        .bind(event_id)
                        .bind(stale_before)
                        .fetch_optional(&self.pool)
                        .await
                        .map_err(map_err)
                }

                async fn unavailability(&self, event_id: i64) -> StoreResult<Vec<(i64, i64)>> {
                    let rows = sqlx::query("SELECT u.registration_id, u.slot_id FROM matchmaking_unavailable u JOIN matchmaking_slots s ON s.id = u.slot_id WHERE s.event_id = $1 ORDER BY u.registration_id, u.slot_id")
                        .bind(event_id)
                        .fetch_all(&self.pool)
                        .await
                        .map_err(map_err)?;
                    rows.iter()
                        .map(|r| Ok((r.try_get(0).map_err(map_err)?, r.try_get(1).map_err(map_err)?)))
                        .collect()
                }

                async fn save_schedule(&self, actor: &Actor, event_id: i64, expected_version: i64, meetings: &[ScheduledMeeting]) -> StoreResult<i64> {
                    let mut tx = self.begin().await?;
                    let mm = Self::lock_matchmaking(&mut tx, event_id).await?;
                    if mm.version != expected_version {
                        return Err(conflict("err-mm-schedule-changed"));
                    }
                    let mut changed: Vec<i64> = Vec::new();
                    for (request_id, place) in meetings {
                        let (slot, table) = match place {
                            Some((s, t)) => (Some(*s), Some(*t)),
                            None => (None, None),
                        };
                        if mm.status == MatchmakingStatus::Published {
                            let before = Self::request_in(&mut tx, *request_id).await?;
                            if (before.slot_id, before.table_id) != (slot, table) {
                                changed.extend([before.from_reg, before.to_reg]);
                            }
                        }
                        let done = sqlx::query("UPDATE meeting_requests SET slot_id = $3, table_id = $4 WHERE id = $1 AND event_id = $2 AND status = 'accepted'")
                            .bind(*request_id)
                            .bind(event_id)
                            .bind(slot)
                            .bind(table)
                            .execute(&mut *tx)
                            .await
                            .map_err(map_err)?;
                        if done.rows_affected() != 1 {
                            return Err(conflict("err-mm-schedule-changed"));
                        }
                    }
                    let status = if mm.status == MatchmakingStatus::Published { "published" } else { "scheduled" };
                    let version: i64 = sqlx::query("UPDATE matchmaking SET version = version + 1, status = $2 WHERE event_id = $1 RETURNING version")
                        .bind(event_id)
                        .bind(status.to_owned())
                        .fetch_one(&mut *tx)
                        .await
                        .map_err(map_err)?
                        .try_get(0)
                        .map_err(map_err)?;
                    if !changed.is_empty() {
                        Self::queue_agendas(&mut tx, event_id, Some(&changed), None, $crate::sql::now()).await?;
                    }
                    Self::audit(&mut tx, actor, "schedule", "matchmaking", event_id, None, Some(format!("{{\"meetings\":{},\"version\":{version}}}", meetings.len()))).await?;
                    tx.commit().await.map_err(map_err)?;
                    Ok(version)
                }

                async fn place_meeting(&self, actor: &Actor, event_id: i64, request_id: i64, place: Option<(i64, i64)>, locked: bool, expected_version: i64, now: i64) -> StoreResult<i64> {
                    let mut tx = self.begin().await?;
                    let mm = Self::lock_matchmaking(&mut tx, event_id).await?;
                    if mm.version != expected_version {
                        return Err(conflict("err-mm-schedule-changed"));
                    }
                    let before = Self::request_in(&mut tx, request_id).await?;
                    if before.event_id != event_id {
                        return Err(StoreError::NotFound);
                    }
                    if before.status != RequestStatus::Accepted {
                        return Err(conflict("err-mm-not-accepted"));
                    }
                    let (slot, table) = match place {
                        Some((s, t)) => (Some(s), Some(t)),
                        None => (None, None),
                    };
                    if let (Some(slot), Some(table)) = (slot, table) {
                        let ok = sqlx::query("SELECT 1 FROM matchmaking_slots s JOIN matchmaking_tables t ON t.event_id = s.event_id WHERE s.id = $1 AND t.id = $2 AND s.event_id = $3")
                            .bind(slot)
                            .bind(table)
                            .bind(event_id)
                            .fetch_optional(&mut *tx)
                            .await
                            .map_err(map_err)?;
                        if ok.is_none() {
                            return Err(StoreError::Invalid(vec![FieldError::new("slot", "err-unknown-choice")]));
                        }
                    }
                    let after = sqlx::query_as::<_, MeetingRequest>(AssertSqlSafe(format!("UPDATE meeting_requests SET slot_id = $2, table_id = $3, locked = $4 WHERE id = $1 RETURNING {REQUEST_COLS}")))
                        .bind(request_id)
                        .bind(slot)
                        .bind(table)
                        .bind(locked)
                        .fetch_one(&mut *tx)
                        .await
                        .map_err(map_err)?;
                    let version: i64 = sqlx::query("UPDATE matchmaking SET version = version + 1 WHERE event_id = $1 RETURNING version")
                        .bind(event_id)
                        .fetch_one(&mut *tx)
                        .await
                        .map_err(map_err)?
                        .try_get(0)
                        .map_err(map_err)?;
                    if mm.status == MatchmakingStatus::Published && (before.slot_id, before.table_id) != (slot, table) {
                        Self::queue_agendas(&mut tx, event_id, Some(&[before.from_reg, before.to_reg]), None, now).await?;
                    }
                    Self::audit(&mut tx, actor, "update", "meeting", request_id, audit_json(&before), audit_json(&after)).await?;
                    tx.commit().await.map_err(map_err)?;
                    Ok(version)
                }

                async fn publish_schedule(&self, actor: &Actor, event_id: i64, now: i64) -> StoreResult<Matchmaking> {
                    let mut tx = self.begin().await?;
                    let mm = Self::lock_matchmaking(&mut tx, event_id).await?;
                    if mm.status == MatchmakingStatus::Open {
                        return Err(conflict("err-mm-nothing-to-publish"));
                    }
                    let published = sqlx::query_as::<_, Matchmaking>(AssertSqlSafe(format!("UPDATE matchmaking SET status = 'published', published_at = $2, version = version + 1 WHERE event_id = $1 RETURNING {MATCHMAKING_COLS}")))
                        .bind(event_id)
                        .bind(now)
                        .fetch_one(&mut *tx)
                        .await
                        .map_err(map_err)?;
                    Self::queue_agendas(&mut tx, event_id, None, None, now).await?;
                    Self::audit(&mut tx, actor, "publish", "matchmaking", event_id, audit_json(&mm), audit_json(&published)).await?;
                    tx.commit().await.map_err(map_err)?;
                    Ok(published)
                }

                async fn unpublish_schedule(&self, actor: &Actor, event_id: i64, now: i64) -> StoreResult<Matchmaking> {
                    let mut tx = self.begin().await?;
                    let mm = Self::lock_matchmaking(&mut tx, event_id).await?;
                    if mm.status != MatchmakingStatus::Published {
                        return Err(conflict("err-mm-not-published"));
                    }
                    let draft = sqlx::query_as::<_, Matchmaking>(AssertSqlSafe(format!("UPDATE matchmaking SET status = 'scheduled', updated_at = $2, version = version + 1 WHERE event_id = $1 RETURNING {MATCHMAKING_COLS}")))
                        .bind(event_id)
                        .bind(now)
                        .fetch_one(&mut *tx)
                        .await
                        .map_err(map_err)?;
                    // Mails of the schedule that no sender holds yet; one a sender holds is
                    // written when sent, from the schedule as it then stands (none).
                    // (A question about outcomes waiting for after the last meeting goes too;
                    // one the organiser asked for, due now, still goes.)
                    sqlx::query("DELETE FROM outbox WHERE (kind IN ('agenda', 'mm_today') OR (kind = 'mm_followup' AND next_attempt_at > $2)) AND sent_at IS NULL AND attempts = 0 AND registration_id IN (SELECT id FROM registrations WHERE event_id = $1)")
                        .bind(event_id)
                        .bind(now)
                        .execute(&mut *tx)
                        .await
                        .map_err(map_err)?;
                    // Whoever has a meeting in it is told that it was taken back, so that nobody
                    // goes to a table by an agenda that no longer holds.
                    sqlx::query("INSERT INTO outbox (to_addr, kind, registration_id, locale, created_at, next_attempt_at) SELECT r.email, 'mm_unpublished', r.id, r.locale, $2, $2 FROM registrations r WHERE r.event_id = $1 AND r.synthetic = $3 AND r.status = 'confirmed' AND EXISTS (SELECT 1 FROM meeting_requests m WHERE m.status = 'accepted' AND m.slot_id IS NOT NULL AND (m.from_reg = r.id OR m.to_reg = r.id))")
                        .bind(event_id)
                        .bind(now)
                        .bind(false)
                        .execute(&mut *tx)
                        .await
                        .map_err(map_err)?;
                    Self::audit(&mut tx, actor, "unpublish", "matchmaking", event_id, audit_json(&mm), audit_json(&draft)).await?;
                    tx.commit().await.map_err(map_err)?;
                    Ok(draft)
                }

                async fn set_matchmaking_profile(&self, registration_id: i64, about: &str, daily: bool, languages: &[MeetingLanguage], now: i64) -> StoreResult<()> {
                    let (about, script) = profile_about(about).map_err(StoreError::Invalid)?;
                    let languages = MeetingLanguage::codes(languages);
                    // Each statement gets exactly its own parameters: PostgreSQL keeps a
                    // statement prepared with the types of every value bound, so a DELETE
                    // prepared with six would refuse the one that erasure binds to the same
                    // text on that connection.
                    if about.is_empty() && !daily && languages.is_empty() {
                        sqlx::query("DELETE FROM matchmaking_profiles WHERE registration_id = $1")
                            .bind(registration_id)
                            .execute(&self.pool)
                            .await
                            .map_err(map_err)?;
                        return Ok(());
                    }
                    sqlx::query("INSERT INTO matchmaking_profiles (registration_id, about, about_script, updated_at, daily, languages) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (registration_id) DO UPDATE SET about = excluded.about, about_script = excluded.about_script, updated_at = excluded.updated_at, daily = excluded.daily, languages = excluded.languages")
                        .bind(registration_id)
                        .bind(about)
                        .bind(script.code().to_owned())
                        .bind(now)
                        .bind(daily)
                        .bind(languages)
                        .execute(&self.pool)
                        .await
                        .map_err(map_err)?;
                    Ok(())
                }

                async fn pass_participant(&self, registration_id: i64, other_reg: i64, now: i64) -> StoreResult<()> {
                    if registration_id == other_reg {
                        return Err(conflict("err-mm-self"));
                    }
                    // Both confirmed and at one event, and the line written, in one statement.
                    let done = sqlx::query("INSERT INTO matchmaking_passes (registration_id, other_reg, created_at) SELECT me.id, other.id, $3 FROM registrations me JOIN registrations other ON other.event_id = me.event_id WHERE me.id = $1 AND other.id = $2 AND me.status = 'confirmed' AND other.status = 'confirmed' ON CONFLICT (registration_id, other_reg) DO NOTHING")
                        .bind(registration_id)
                        .bind(other_reg)
                        .bind(now)
                        .execute(&self.pool)
                        .await
                        .map_err(map_err)?;
                    if done.rows_affected() == 0 && !self.passes(registration_id).await?.contains(&other_reg) {
                        return Err(StoreError::NotFound);
                    }
                    Ok(())
                }

                async fn clear_passes(&self, registration_id: i64) -> StoreResult<u64> {
                    Ok(sqlx::query("DELETE FROM matchmaking_passes WHERE registration_id = $1")
                        .bind(registration_id)
                        .execute(&self.pool)
                        .await
                        .map_err(map_err)?
                        .rows_affected())
                }

                async fn passes(&self, registration_id: i64) -> StoreResult<Vec<i64>> {
                    sqlx::query_scalar("SELECT other_reg FROM matchmaking_passes WHERE registration_id = $1 ORDER BY created_at, other_reg")
                        .bind(registration_id)
                        .fetch_all(&self.pool)
                        .await
                        .map_err(map_err)
                }

                async fn earlier_meetings(&self, registration_id: i64, now: i64) -> StoreResult<Vec<EarlierMeeting>> {
                    let organisation: Option<String> = sqlx::query_scalar("SELECT organisation FROM registrations WHERE id = $1")
                        .bind(registration_id)
                        .fetch_optional(&self.pool)
                        .await
                        .map_err(map_err)?
                        .flatten();
                    // As written and in its forms, in both scripts, and, where the
                    // directory knows the organisation, its other names (English, short):
                    // "HKUST" finds those who wrote 香港科技大學.
                    let mut spellings = organisation.as_deref().map(organisation_spellings).unwrap_or_default();
                    if let Some(org) = organisation.as_deref().filter(|_| !spellings.is_empty())
                        && let Some(known) = self.find_organisation_by_any_name(org).await?
                    {
                        for name in [Some(known.name.as_str()), known.name_en.as_deref(), known.short_name.as_deref()].into_iter().flatten() {
                            spellings.extend(organisation_spellings(name));
                        }
                    }
                    spellings.sort();
                    spellings.dedup();
                    // One placeholder each; none at all when there is no organisation (an
                    // empty list is not SQL), matching nothing.
                    let named = if spellings.is_empty() {
                        "NULL".to_owned()
                    } else {
                        (0..spellings.len()).map(|i| format!("${}", i + 3)).collect::<Vec<_>>().join(", ")
                    };
                    let sql = format!("SELECT e.id AS event_id, e.title AS event_title, e.title_script AS event_title_script, e.title_en AS event_title_en, s.starts_at, other.email AS other_email, other.organisation AS other_organisation, (mine.email = me.email) AS same_person, m.outcome_from, m.outcome_to, co.stage AS cooperation_stage, co.agreement_type FROM registrations me JOIN registrations mine ON mine.event_id <> me.event_id AND (mine.email = me.email OR lower(trim(mine.organisation)) IN ({named})) JOIN meeting_requests m ON m.from_reg = mine.id OR m.to_reg = mine.id JOIN registrations other ON other.id = CASE WHEN m.from_reg = mine.id THEN m.to_reg ELSE m.from_reg END JOIN matchmaking_slots s ON s.id = m.slot_id JOIN events e ON e.id = m.event_id LEFT JOIN meeting_cooperations co ON co.request_id = m.id WHERE me.id = $1 AND m.status = 'accepted' AND s.starts_at < $2 ORDER BY s.starts_at, m.id");
                    let mut query = sqlx::query_as::<_, EarlierMeeting>(AssertSqlSafe(sql))
                        .bind(registration_id)
                        .bind(now);
                    for spelling in spellings {
                        query = query.bind(spelling);
                    }
                    query
                        .fetch_all(&self.pool)
                        .await
                        .map_err(map_err)
                }

                async fn set_online_room(&self, registration_id: i64, room: Option<&str>, now: i64) -> StoreResult<Option<MeetingTable>> {
                    let mut tx = self.begin().await?;
                    let event_id: i64 = sqlx::query_scalar("SELECT event_id FROM registrations WHERE id = $1 AND status = 'confirmed'")
                        .bind(registration_id)
                        .fetch_optional(&mut *tx)
                        .await
                        .map_err(map_err)?
                        .ok_or(StoreError::NotFound)?;
                    let mm = Self::lock_matchmaking(&mut tx, event_id).await?;
                    if mm.video_url.is_none() {
                        return Err(conflict("err-mm-no-online"));
                    }
                    let label = format!("online-{registration_id}");
                    let existing = sqlx::query_as::<_, MeetingTable>(AssertSqlSafe(format!("SELECT {TABLE_COLS} FROM matchmaking_tables WHERE event_id = $1 AND reserved_for = $2 AND link IS NOT NULL")))
                        .bind(event_id)
                        .bind(registration_id)
                        .fetch_optional(&mut *tx)
                        .await
                        .map_err(map_err)?;
                    let result = match (room, existing) {
                        (Some(_), Some(kept)) => Some(kept),
                        (Some(link), None) => {
                            let made = sqlx::query_as::<_, MeetingTable>(AssertSqlSafe(format!("INSERT INTO matchmaking_tables (event_id, label, reserved_for, link) VALUES ($1, $2, $3, $4) RETURNING {TABLE_COLS}")))
                                .bind(event_id)
                                .bind(label)
                                .bind(registration_id)
                                .bind(link.to_owned())
                                .fetch_one(&mut *tx)
                                .await
                                .map_err(map_err)?;
                            // Their meetings still to come move into the room, at the same
                            // time (no one else meets there, and they meet no one else
                            // then); one already online stays in its room. After
                            // publication, each side gets their agenda again.
                            let moved: Vec<(i64, i64)> = sqlx::query_as("UPDATE meeting_requests SET table_id = $2 WHERE event_id = $3 AND status = 'accepted' AND (from_reg = $1 OR to_reg = $1) AND outcome_from IS NULL AND outcome_to IS NULL AND slot_id IN (SELECT id FROM matchmaking_slots WHERE event_id = $3 AND starts_at > $4) AND (table_id IS NULL OR table_id NOT IN (SELECT id FROM matchmaking_tables WHERE event_id = $3 AND link IS NOT NULL)) RETURNING from_reg, to_reg")
                                .bind(registration_id)
                                .bind(made.id)
                                .bind(event_id)
                                .bind(now)
                                .fetch_all(&mut *tx)
                                .await
                                .map_err(map_err)?;
                            if mm.status == MatchmakingStatus::Published && !moved.is_empty() {
                                let mut sides: Vec<i64> = moved.into_iter().flat_map(|(a, b)| [a, b]).collect();
                                sides.sort_unstable();
                                sides.dedup();
                                Self::queue_agendas(&mut tx, event_id, Some(&sides), None, now).await?;
                            }
                            Some(made)
                        }
                        (None, None) => None,
                        (None, Some(gone)) => {
                            let used = sqlx::query("SELECT 1 FROM meeting_requests WHERE table_id = $1 AND status = 'accepted'")
                                .bind(gone.id)
                                .fetch_optional(&mut *tx)
                                .await
                                .map_err(map_err)?;
                            if used.is_some() {
                                return Err(conflict("err-mm-online-in-use"));
                            }
                            // Meetings cancelled there keep no table.
                            sqlx::query("UPDATE meeting_requests SET table_id = NULL WHERE table_id = $1")
                                .bind(gone.id)
                                .execute(&mut *tx)
                                .await
                                .map_err(map_err)?;
                            sqlx::query("DELETE FROM matchmaking_tables WHERE id = $1")
                                .bind(gone.id)
                                .execute(&mut *tx)
                                .await
                                .map_err(map_err)?;
                            None
                        }
                    };
                    sqlx::query("UPDATE matchmaking SET version = version + 1 WHERE event_id = $1")
                        .bind(event_id)
                        .execute(&mut *tx)
                        .await
                        .map_err(map_err)?;
                    tx.commit().await.map_err(map_err)?;
                    Ok(result)
                }

                async fn matchmaking_profiles(&self, event_id: i64) -> StoreResult<Vec<MatchmakingProfile>> {
                    sqlx::query_as::<_, MatchmakingProfile>("SELECT p.registration_id, p.about, p.about_script, p.daily, p.updated_at, p.languages FROM matchmaking_profiles p JOIN registrations r ON r.id = p.registration_id WHERE r.event_id = $1 ORDER BY p.registration_id")
                        .bind(event_id)
                        .fetch_all(&self.pool)
                        .await
                        .map_err(map_err)
                }

                async fn meeting_feedback(&self, event_id: i64) -> StoreResult<Vec<MeetingFeedback>> {
                    sqlx::query_as::<_, MeetingFeedback>("SELECT f.request_id, f.registration_id, f.comment, f.comment_script, f.updated_at FROM meeting_feedback f JOIN meeting_requests m ON m.id = f.request_id WHERE m.event_id = $1 ORDER BY f.request_id, f.registration_id")
                        .bind(event_id)
                        .fetch_all(&self.pool)
                        .await
                        .map_err(map_err)
                }

                async fn record_feedback(&self, request_id: i64, by_reg: i64, outcome: MeetingOutcome, comment: &str, now: i64) -> StoreResult<MeetingRequest> {
                    let (comment, script) = feedback_comment(comment).map_err(StoreError::Invalid)?;
                    let mut tx = self.begin().await?;
                    let request = Self::request_in(&mut tx, request_id).await?;
                    let column = if request.from_reg == by_reg {
                        "outcome_from"
                    } else if request.to_reg == by_reg {
                        "outcome_to"
                    } else {
                        return Err(StoreError::NotFound);
                    };
                    if request.status != RequestStatus::Accepted || request.slot_id.is_none() {
                        return Err(conflict("err-mm-not-scheduled"));
                    }
                    let saved = sqlx::query_as::<_, MeetingRequest>(AssertSqlSafe(format!("UPDATE meeting_requests SET {column} = $2 WHERE id = $1 RETURNING {REQUEST_COLS}")))
                        .bind(request_id)
                        .bind(outcome.code().to_owned())
                        .fetch_one(&mut *tx)
                        .await
                        .map_err(map_err)?;
                    // Each statement with exactly its own parameters (see
                    // `set_matchmaking_profile`).
                    if comment.is_empty() {
                        sqlx::query("DELETE FROM meeting_feedback WHERE request_id = $1 AND registration_id = $2")
                            .bind(request_id)
                            .bind(by_reg)
                            .execute(&mut *tx)
                            .await
                            .map_err(map_err)?;
                    } else {
                        sqlx::query("INSERT INTO meeting_feedback (request_id, registration_id, comment, comment_script, updated_at) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (request_id, registration_id) DO UPDATE SET comment = excluded.comment, comment_script = excluded.comment_script, updated_at = excluded.updated_at")
                            .bind(request_id)
                            .bind(by_reg)
                            .bind(comment)
                            .bind(script.code().to_owned())
                            .bind(now)
                            .execute(&mut *tx)
                            .await
                            .map_err(map_err)?;
                    }
                    // A meeting requested from an introduction: "cooperation possible" from
                    // either side moves a just-introduced pair to "in talks", in this write.
                    if let (Some(interest), MeetingOutcome::CooperationPossible) = (saved.interest_id, outcome) {
                        let moved = sqlx::query("UPDATE posting_interests SET stage = 'in_talks', updated_at = $2, version = version + 1 WHERE id = $1 AND stage = 'introduced'")
                            .bind(interest)
                            .bind(now)
                            .execute(&mut *tx)
                            .await
                            .map_err(map_err)?;
                        if moved.rows_affected() == 1 {
                            sqlx::query("INSERT INTO pipeline_steps (interest_id, stage, note, user_id, at) VALUES ($1, 'in_talks', $2, NULL, $3)")
                                .bind(interest)
                                .bind(format!("1:1 meeting #{request_id}: cooperation possible"))
                                .bind(now)
                                .execute(&mut *tx)
                                .await
                                .map_err(map_err)?;
                        }
                    }
                    if saved.interest_id.is_none() {
                        Self::follow_cooperation(&mut tx, &saved, by_reg, now).await?;
                    }
                    tx.commit().await.map_err(map_err)?;
                    Ok(saved)
                }

                async fn move_cooperation(&self, request_id: i64, by: CooperationBy<'_>, expected_version: i64, step: &PipelineMove, now: i64) -> StoreResult<MeetingCooperation> {
                    step.validate()?;
                    let note = cooperation_note(&step.note)?;
                    let mut tx = self.begin().await?;
                    let (request, before, from) = Self::cooperation_of(&mut tx, request_id, by, expected_version).await?;
                    if !step.allowed_from(from) {
                        return Err(StoreError::invalid("stage", "err-market-stage-order"));
                    }
                    let agreement = match step.stage {
                        PipelineStage::Signed => step.agreement_type.map(|a| a.code().to_owned()),
                        _ => before.agreement_type.clone(),
                    };
                    let after = Self::shift_cooperation(&mut tx, &request, by, &before, (step.stage, agreement), note, false, now).await?;
                    tx.commit().await.map_err(map_err)?;
                    Ok(after)
                }

                async fn take_back_cooperation(&self, request_id: i64, by: CooperationBy<'_>, expected_version: i64, back: &PipelineBack, now: i64) -> StoreResult<MeetingCooperation> {
                    back.validate()?;
                    let note = cooperation_note(&back.note)?;
                    let mut tx = self.begin().await?;
                    // The history before the version check: a move racing this one then
                    // shows as a stale version, never as a history that disagrees with it.
                    let steps: Vec<(String, bool)> = sqlx::query_as("SELECT stage, takes_back FROM meeting_cooperation_steps WHERE request_id = $1 ORDER BY id")
                        .bind(request_id)
                        .fetch_all(&mut *tx)
                        .await
                        .map_err(map_err)?;
                    let (request, before, _) = Self::cooperation_of(&mut tx, request_id, by, expected_version).await?;
                    let (to, agreement) = PipelineBack::restore(steps.iter().map(|(stage, back)| (stage.as_str(), *back)), before.agreement_type.clone())?;
                    let after = Self::shift_cooperation(&mut tx, &request, by, &before, (to, agreement), note, true, now).await?;
                    tx.commit().await.map_err(map_err)?;
                    Ok(after)
                }

                async fn cooperations(&self, event_id: i64) -> StoreResult<Vec<MeetingCooperation>> {
                    sqlx::query_as::<_, MeetingCooperation>(AssertSqlSafe(format!("SELECT {COOPERATION_COLS} FROM meeting_cooperations WHERE event_id = $1 ORDER BY request_id")))
                        .bind(event_id)
                        .fetch_all(&self.pool)
                        .await
                        .map_err(map_err)
                }

                async fn ask_cooperations(&self, event_id: i64, now: i64) -> StoreResult<u64> {
                    let mut tx = self.begin().await?;
                    let mut queued = 0;
                    for side in ["from_reg", "to_reg"] {
                        let done = sqlx::query(AssertSqlSafe(format!("INSERT INTO outbox (to_addr, kind, registration_id, meeting_request_id, locale, created_at, next_attempt_at) SELECT r.email, 'mm_coop_ask', r.id, m.id, r.locale, $2, $2 FROM meeting_cooperations co JOIN meeting_requests m ON m.id = co.request_id JOIN registrations r ON r.id = m.{side} WHERE co.event_id = $1 AND co.stage IN ('in_talks', 'signed') AND r.status = 'confirmed' AND r.synthetic = $3 AND NOT EXISTS (SELECT 1 FROM outbox o WHERE o.kind = 'mm_coop_ask' AND o.registration_id = r.id AND o.meeting_request_id = m.id AND o.created_at > $4)")))
                            .bind(event_id)
                            .bind(now)
                            .bind(false)
                            .bind(now - COOPERATION_ASK_GAP)
                            .execute(&mut *tx)
                            .await
                            .map_err(map_err)?;
                        queued += done.rows_affected();
                    }
                    tx.commit().await.map_err(map_err)?;
                    Ok(queued)
                }

                async fn all_cooperations(&self) -> StoreResult<Vec<MeetingCooperation>> {
                    sqlx::query_as::<_, MeetingCooperation>(AssertSqlSafe(format!("SELECT {COOPERATION_COLS} FROM meeting_cooperations ORDER BY request_id")))
                        .fetch_all(&self.pool)
                        .await
                        .map_err(map_err)
                }

                async fn event_cooperation_steps(&self, event_id: i64) -> StoreResult<Vec<CooperationStep>> {
                    sqlx::query_as::<_, CooperationStep>(AssertSqlSafe(format!("SELECT {COOPERATION_STEP_COLS} FROM meeting_cooperation_steps st JOIN meeting_cooperations co ON co.request_id = st.request_id WHERE co.event_id = $1 ORDER BY st.request_id, st.id")))
                        .bind(event_id)
                        .fetch_all(&self.pool)
                        .await
                        .map_err(map_err)
                }

                async fn cooperation_steps(&self, request_id: i64) -> StoreResult<Vec<CooperationStep>> {
                    sqlx::query_as::<_, CooperationStep>(AssertSqlSafe(format!("SELECT {COOPERATION_STEP_COLS} FROM meeting_cooperation_steps st WHERE st.request_id = $1 ORDER BY st.id")))
                        .bind(request_id)
                        .fetch_all(&self.pool)
                        .await
                        .map_err(map_err)
                }
            }

            /// A move's note, trimmed, with its script; its errors are the note's.
            fn cooperation_note(text: &str) -> StoreResult<(String, $crate::sql::reexport::baylink_text::Script)> {
                feedback_comment(text).map_err(|mut errors| {
                    for e in &mut errors {
                        e.field = "note".to_owned();
                    }
                    StoreError::Invalid(errors)
                })
            }

            impl $store {
                /// The meeting `request_id` with its cooperation, as `by` may move it (one
                /// of its two sides, or the organiser of its event; `NotFound` otherwise),
                /// at `expected_version`, with where it stands.
                async fn cooperation_of(tx: &mut Tx<'_>, request_id: i64, by: CooperationBy<'_>, expected_version: i64) -> StoreResult<(MeetingRequest, MeetingCooperation, PipelineStage)> {
                    let request = Self::request_in(tx, request_id).await?;
                    match by {
                        CooperationBy::Side(reg) if reg == request.from_reg || reg == request.to_reg => {}
                        CooperationBy::Organiser { event_id, .. } if event_id == request.event_id => {}
                        _ => return Err(StoreError::NotFound),
                    }
                    let before = sqlx::query_as::<_, MeetingCooperation>(AssertSqlSafe(format!("SELECT {COOPERATION_COLS} FROM meeting_cooperations WHERE request_id = $1")))
                        .bind(request_id)
                        .fetch_optional(&mut **tx)
                        .await
                        .map_err(map_err)?
                        .ok_or(StoreError::Conflict("err-mm-no-cooperation"))?;
                    if before.version != expected_version {
                        return Err(StoreError::Conflict("err-stale-edit"));
                    }
                    let Some(from) = before.stage() else {
                        return Err(StoreError::Conflict("err-mm-no-cooperation"));
                    };
                    Ok((request, before, from))
                }

                /// Writes a move (or a take-back) of `before` to `(stage, agreement)` with
                /// its step in the history, tells the other side (both, for the organiser)
                /// by mail, and audits the organiser's.
                #[allow(clippy::too_many_arguments)]
                async fn shift_cooperation(tx: &mut Tx<'_>, request: &MeetingRequest, by: CooperationBy<'_>, before: &MeetingCooperation, (stage, agreement): (PipelineStage, Option<String>), (note, script): (String, $crate::sql::reexport::baylink_text::Script), takes_back: bool, now: i64) -> StoreResult<MeetingCooperation> {
                    let (by_reg, user_id) = match by {
                        CooperationBy::Side(reg) => (Some(reg), None),
                        CooperationBy::Organiser { actor, .. } => (None, actor.user_id),
                    };
                    // The version is checked again in the write itself, so that of two moves
                    // racing from the same page only the first is taken.
                    let after = sqlx::query_as::<_, MeetingCooperation>(AssertSqlSafe(format!("UPDATE meeting_cooperations SET stage = $2, agreement_type = $3, updated_at = $4, version = version + 1 WHERE request_id = $1 AND version = $5 RETURNING {COOPERATION_COLS}")))
                        .bind(request.id)
                        .bind(stage.code())
                        .bind(agreement.clone())
                        .bind(now)
                        .bind(before.version)
                        .fetch_optional(&mut **tx)
                        .await
                        .map_err(map_err)?
                        .ok_or(StoreError::Conflict("err-stale-edit"))?;
                    sqlx::query("INSERT INTO meeting_cooperation_steps (request_id, stage, agreement_type, note, note_script, by_reg, user_id, at, takes_back) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)")
                        .bind(request.id)
                        .bind(stage.code())
                        .bind(agreement)
                        .bind(note)
                        .bind(script.code().to_owned())
                        .bind(by_reg)
                        .bind(user_id)
                        .bind(now)
                        .bind(takes_back)
                        .execute(&mut **tx)
                        .await
                        .map_err(map_err)?;
                    // Told by mail, written when sent: the other side, or both when the
                    // organiser moved it; one such mail waiting already says it all.
                    let told: Vec<i64> = match by_reg {
                        Some(reg) => vec![request.other_side(reg)],
                        None => vec![request.from_reg, request.to_reg],
                    };
                    for to in told {
                        sqlx::query("INSERT INTO outbox (to_addr, kind, registration_id, meeting_request_id, locale, created_at, next_attempt_at) SELECT email, 'mm_coop', id, $1, locale, $2, $2 FROM registrations WHERE id = $3 AND synthetic = $4 AND status = 'confirmed' AND NOT EXISTS (SELECT 1 FROM outbox WHERE kind = 'mm_coop' AND registration_id = $3 AND meeting_request_id = $1 AND sent_at IS NULL)")
                            .bind(request.id)
                            .bind(now)
                            .bind(to)
                            .bind(false)
                            .execute(&mut **tx)
                            .await
                            .map_err(map_err)?;
                    }
                    if let CooperationBy::Organiser { actor, .. } = by {
                        Self::audit(tx, actor, "update", "cooperation", request.id, audit_json(before), audit_json(&after)).await?;
                    }
                    Ok(after)
                }

                /// After a side told the outcome of `saved` (a meeting not from an
                /// introduction): "cooperation possible" from either side starts its
                /// cooperation, in talks; once neither side says so, one that never moved
                /// on is dropped (a side corrected their answer). One that moved on stays.
                async fn follow_cooperation(tx: &mut Tx<'_>, saved: &MeetingRequest, by_reg: i64, now: i64) -> StoreResult<()> {
                    let possible = Some(MeetingOutcome::CooperationPossible.code());
                    if saved.outcome_from.as_deref() == possible || saved.outcome_to.as_deref() == possible {
                        let started = sqlx::query("INSERT INTO meeting_cooperations (request_id, event_id, stage, updated_at) VALUES ($1, $2, 'in_talks', $3) ON CONFLICT (request_id) DO NOTHING")
                            .bind(saved.id)
                            .bind(saved.event_id)
                            .bind(now)
                            .execute(&mut **tx)
                            .await
                            .map_err(map_err)?;
                        if started.rows_affected() == 1 {
                            sqlx::query("INSERT INTO meeting_cooperation_steps (request_id, stage, note, note_script, by_reg, at) VALUES ($1, 'in_talks', '', 'en', $2, $3)")
                                .bind(saved.id)
                                .bind(by_reg)
                                .bind(now)
                                .execute(&mut **tx)
                                .await
                                .map_err(map_err)?;
                        }
                    } else {
                        sqlx::query("DELETE FROM meeting_cooperations WHERE request_id = $1 AND stage = 'in_talks' AND version = 1")
                            .bind(saved.id)
                            .execute(&mut **tx)
                            .await
                            .map_err(map_err)?;
                    }
                    Ok(())
                }
            }
        };
    };
}
