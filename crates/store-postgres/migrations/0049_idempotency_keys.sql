-- Answers to API writes sent with an "Idempotency-Key" header, kept for a day so that a
-- program whose answer was lost (a timeout, venue Wi-Fi) can send the same write again
-- and get the same answer instead of doing it twice (PostgreSQL). One row per account and
-- key; `status` is NULL while the first request is still being answered.
-- Keep in step with crates/store-sqlite/migrations/0049_idempotency_keys.sql.
CREATE TABLE idempotency_keys (
    user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    idem_key TEXT NOT NULL,
    fingerprint TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    status INTEGER,
    headers TEXT,
    body BYTEA,
    PRIMARY KEY (user_id, idem_key)
);
CREATE INDEX idempotency_keys_created ON idempotency_keys (created_at);
