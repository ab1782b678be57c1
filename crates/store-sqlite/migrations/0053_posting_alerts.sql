-- Alerts of new postings (供需訂閱): an account keeps a filter of the postings list and is
-- mailed, daily or weekly, the postings published since its last look that match it
-- (SQLite). `filters` is the list's query string (known keys and codes only);
-- `checked_at` is when it last looked, so what is new is what was published after it.
-- Keep in step with crates/store-postgres/migrations/0053_posting_alerts.sql.
CREATE TABLE posting_alerts (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    filters TEXT NOT NULL,
    frequency TEXT NOT NULL CHECK (frequency IN ('daily', 'weekly')),
    stop_token TEXT NOT NULL UNIQUE,
    created_at INTEGER NOT NULL,
    checked_at INTEGER NOT NULL,
    UNIQUE (user_id, filters)
);
CREATE INDEX posting_alerts_checked ON posting_alerts (checked_at);
ALTER TABLE outbox ADD COLUMN alert_id INTEGER REFERENCES posting_alerts(id) ON DELETE CASCADE;
ALTER TABLE outbox ADD COLUMN alert_since INTEGER;
