-- A holder's change of their sign-in address (SQLite), waiting for its confirmation from
-- the new mailbox: only the link's hash is kept here (the link rides in the outbox's
-- `secret` until its mail is sent); used once, for a day.
-- Keep in step with crates/store-postgres/migrations/0062_email_changes.sql.
CREATE TABLE email_changes (
    id INTEGER PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    token_hash TEXT NOT NULL UNIQUE,
    new_email TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    used_at INTEGER
);
CREATE INDEX email_changes_user ON email_changes(user_id);
