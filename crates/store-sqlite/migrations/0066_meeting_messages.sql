-- Messages between the two sides of a meeting request (crates/store/src/meeting_messages.rs):
-- kept as written with their script; which side wrote (by_requester) stays when a
-- colleague takes that side's place; read_at is set when the other side reads it.
-- Keep in step with crates/store-postgres/migrations/0066_meeting_messages.sql.
CREATE TABLE meeting_messages (
    id INTEGER PRIMARY KEY,
    request_id INTEGER NOT NULL REFERENCES meeting_requests(id) ON DELETE CASCADE,
    by_requester INTEGER NOT NULL,
    author_reg INTEGER NOT NULL REFERENCES registrations(id) ON DELETE CASCADE,
    body TEXT NOT NULL,
    body_script TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    read_at INTEGER
);
CREATE INDEX meeting_messages_request ON meeting_messages(request_id, created_at);
CREATE INDEX meeting_messages_unread ON meeting_messages(request_id) WHERE read_at IS NULL;
