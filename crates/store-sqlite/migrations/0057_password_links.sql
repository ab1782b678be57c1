-- Links that set an account's password (SQLite): asked for from "forgotten password"
-- (`reset`, an hour) or sent by an administrator who made the account or wants its holder
-- to choose a new password (`invite`, a week). Only the link's hash is kept here; the link
-- itself travels in the outbox's `secret` until its mail is sent, and is cleared then.
-- Keep in step with crates/store-postgres/migrations/0057_password_links.sql.
CREATE TABLE password_links (
    id INTEGER PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    token_hash TEXT NOT NULL UNIQUE,
    purpose TEXT NOT NULL CHECK (purpose IN ('reset', 'invite')),
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    used_at INTEGER
);
CREATE INDEX password_links_user ON password_links(user_id);

-- A one-time secret a queued mail carries (a password link), cleared when it is sent.
ALTER TABLE outbox ADD COLUMN secret TEXT;
