//! The SQL implementation of [`MeetingMessageStore`](crate::MeetingMessageStore), shared by
//! both backends like [`crate::sql_two_factor`].

/// The columns of a [`MeetingMessage`](crate::MeetingMessage), in its order.
pub const MESSAGE_COLS: &str =
    "id, request_id, by_requester, author_reg, body, body_script, created_at, read_at";

/// Messages on a request from the side other than `$1`'s, not yet read: `r` is the request.
pub const FROM_OTHER_SIDE: &str =
    "((r.from_reg = $1 AND NOT m.by_requester) OR (r.to_reg = $1 AND m.by_requester))";

/// Implements [`MeetingMessageStore`](crate::MeetingMessageStore) for a store type with a
/// `pool` field and its `begin`.
#[macro_export]
macro_rules! impl_sql_meeting_messages {
    ($store:ident) => {
        const _: () = {
            use $crate::meeting_messages::*;
            use $crate::sql::map_err;
            use $crate::sql::reexport::{async_trait, sqlx};
            use $crate::sql_meeting_messages::*;
            use $crate::*;
            use sqlx::AssertSqlSafe;

            #[async_trait::async_trait]
            impl MeetingMessageStore for $store {
                async fn send_meeting_message(&self, request_id: i64, author_reg: i64, body: &str, body_script: &str, now: i64) -> StoreResult<MeetingMessage> {
                    let mut tx = self.begin().await?;
                    // The request's row is written first, which locks it, so that its status
                    // and the count below hold until the commit.
                    sqlx::query("UPDATE meeting_requests SET status = status WHERE id = $1")
                        .bind(request_id)
                        .execute(&mut *tx)
                        .await
                        .map_err(map_err)?;
                    let (from_reg, to_reg, status): (i64, i64, String) = sqlx::query_as("SELECT from_reg, to_reg, status FROM meeting_requests WHERE id = $1")
                        .bind(request_id)
                        .fetch_optional(&mut *tx)
                        .await
                        .map_err(map_err)?
                        .ok_or(StoreError::NotFound)?;
                    if author_reg != from_reg && author_reg != to_reg {
                        return Err(StoreError::NotFound);
                    }
                    if status != "pending" && status != "accepted" {
                        return Err(StoreError::Conflict("err-messages-closed"));
                    }
                    let held: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM meeting_messages WHERE request_id = $1")
                        .bind(request_id)
                        .fetch_one(&mut *tx)
                        .await
                        .map_err(map_err)?;
                    if held >= MAX_MESSAGES_PER_REQUEST {
                        return Err(StoreError::Conflict("err-too-many-messages"));
                    }
                    let message = sqlx::query_as::<_, MeetingMessage>(AssertSqlSafe(format!("INSERT INTO meeting_messages (request_id, by_requester, author_reg, body, body_script, created_at) VALUES ($1, $2, $3, $4, $5, $6) RETURNING {MESSAGE_COLS}")))
                        .bind(request_id)
                        .bind(author_reg == from_reg)
                        .bind(author_reg)
                        .bind(body.to_owned())
                        .bind(body_script.to_owned())
                        .bind(now)
                        .fetch_one(&mut *tx)
                        .await
                        .map_err(map_err)?;
                    // One mail waits per request and side: it lists, when sent, whatever is
                    // still unread, and goes only if something is.
                    let other = if author_reg == from_reg { to_reg } else { from_reg };
                    sqlx::query("INSERT INTO outbox (to_addr, kind, registration_id, meeting_request_id, locale, created_at, next_attempt_at) SELECT email, 'mm_message', id, $2, locale, $3, $4 FROM registrations g WHERE id = $1 AND synthetic = $5 AND status = 'confirmed' AND NOT EXISTS (SELECT 1 FROM outbox o WHERE o.kind = 'mm_message' AND o.registration_id = g.id AND o.meeting_request_id = $2 AND o.sent_at IS NULL)")
                        .bind(other)
                        .bind(request_id)
                        .bind(now)
                        .bind(now + MESSAGE_MAIL_DELAY)
                        .bind(false)
                        .execute(&mut *tx)
                        .await
                        .map_err(map_err)?;
                    tx.commit().await.map_err(map_err)?;
                    Ok(message)
                }

                async fn meeting_messages(&self, request_id: i64) -> StoreResult<Vec<MeetingMessage>> {
                    sqlx::query_as::<_, MeetingMessage>(AssertSqlSafe(format!("SELECT {MESSAGE_COLS} FROM meeting_messages WHERE request_id = $1 ORDER BY created_at, id")))
                        .bind(request_id)
                        .fetch_all(&self.pool)
                        .await
                        .map_err(map_err)
                }

                async fn read_meeting_messages(&self, request_id: i64, reader_reg: i64, now: i64) -> StoreResult<()> {
                    sqlx::query(AssertSqlSafe(format!("UPDATE meeting_messages SET read_at = $3 WHERE request_id = $2 AND read_at IS NULL AND id IN (SELECT m.id FROM meeting_messages m JOIN meeting_requests r ON r.id = m.request_id WHERE m.request_id = $2 AND {FROM_OTHER_SIDE})")))
                        .bind(reader_reg)
                        .bind(request_id)
                        .bind(now)
                        .execute(&self.pool)
                        .await
                        .map_err(map_err)?;
                    Ok(())
                }

                async fn unread_meeting_messages(&self, reader_reg: i64) -> StoreResult<Vec<(i64, i64)>> {
                    sqlx::query_as::<_, (i64, i64)>(AssertSqlSafe(format!("SELECT m.request_id, COUNT(*) FROM meeting_messages m JOIN meeting_requests r ON r.id = m.request_id WHERE (r.from_reg = $1 OR r.to_reg = $1) AND m.read_at IS NULL AND {FROM_OTHER_SIDE} GROUP BY m.request_id ORDER BY m.request_id")))
                        .bind(reader_reg)
                        .fetch_all(&self.pool)
                        .await
                        .map_err(map_err)
                }
            }
        };
    };
}
