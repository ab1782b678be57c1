-- Invitations: a personal link that registers its holder past the public limit (never past
-- a room's), until it expires or is used (SQLite).
-- Keep in step with crates/store-postgres/migrations/0003_invitations.sql.

CREATE TABLE invitations (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    event_id INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    email TEXT NOT NULL,
    name TEXT NOT NULL,
    name_script TEXT NOT NULL,
    token TEXT NOT NULL UNIQUE,
    locale TEXT NOT NULL,
    expires_at INTEGER NOT NULL,
    used_at INTEGER,
    registration_id INTEGER REFERENCES registrations(id) ON DELETE SET NULL,
    created_at INTEGER NOT NULL,
    UNIQUE (event_id, email)
);

ALTER TABLE outbox ADD COLUMN invitation_id INTEGER REFERENCES invitations(id) ON DELETE CASCADE;
