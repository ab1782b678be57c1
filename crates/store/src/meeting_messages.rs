//! Messages between the two sides of a meeting request, as b2match and Brella let the two
//! write to each other before they meet ("which booth?", "I will be ten minutes late",
//! "can we speak Cantonese?"), and after, to follow up. Each is kept as written, in its
//! script, and shown to the other side in theirs.
//!
//! Only the two sides read a request's messages: not the organisers, as in those tools.
//! They may write while the request waits for its answer and once it is accepted; a
//! request declined, cancelled or expired keeps its messages but takes no more.
//!
//! Each message tells the other side by mail, ten minutes later and only if they have
//! not read it on their page by then ([`MESSAGE_MAIL_DELAY`]); one mail waits per request
//! and side, and lists what is still unread when it is sent, so a conversation held on
//! the page sends no mail at all. A colleague who takes the place keeps the conversation
//! with the meetings ([`MeetingMessage::by_requester`] says which side wrote, whoever
//! holds it now); an erasure empties what its holder wrote.

use async_trait::async_trait;
use serde::Serialize;
use utoipa::ToSchema;

use crate::StoreResult;

/// Seconds a message waits, unread, before its mail goes.
pub const MESSAGE_MAIL_DELAY: i64 = 600;

/// The most messages one request holds, so that a conversation cannot fill the database.
pub const MAX_MESSAGES_PER_REQUEST: i64 = 200;

/// One message on a meeting request.
#[derive(Debug, Clone, PartialEq, Serialize, ToSchema, sqlx::FromRow)]
pub struct MeetingMessage {
    pub id: i64,
    pub request_id: i64,
    /// Written by the side that asked for the meeting (else by the side asked).
    pub by_requester: bool,
    /// The registration that wrote it (a colleague may hold that side's place since).
    pub author_reg: i64,
    /// As written; empty once its author's data was erased.
    pub body: String,
    pub body_script: String,
    pub created_at: i64,
    /// When the other side read it on their page.
    pub read_at: Option<i64>,
}

#[async_trait]
pub trait MeetingMessageStore: Send + Sync {
    /// Writes `body` (validated by [`crate::matchmaking::message_body`]) from `author_reg` on
    /// request `request_id`, and queues its mail to the other side unless one waits
    /// already, in one transaction. `NotFound` unless `author_reg` is a side of it;
    /// `Conflict("err-messages-closed")` when it is no longer pending or accepted, or
    /// `Conflict("err-too-many-messages")` past [`MAX_MESSAGES_PER_REQUEST`].
    async fn send_meeting_message(
        &self,
        request_id: i64,
        author_reg: i64,
        body: &str,
        body_script: &str,
        now: i64,
    ) -> StoreResult<MeetingMessage>;

    /// The messages of a request, oldest first.
    async fn meeting_messages(&self, request_id: i64) -> StoreResult<Vec<MeetingMessage>>;

    /// Marks read, at `now`, what the other side wrote on `request_id`, for `reader_reg`
    /// (a side of it; nothing changes for anyone else).
    async fn read_meeting_messages(
        &self,
        request_id: i64,
        reader_reg: i64,
        now: i64,
    ) -> StoreResult<()>;

    /// For `reader_reg`: each request with messages from the other side not yet read, and
    /// how many.
    async fn unread_meeting_messages(&self, reader_reg: i64) -> StoreResult<Vec<(i64, i64)>>;
}
