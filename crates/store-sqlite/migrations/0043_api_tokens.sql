-- Tokens an account makes for programs that use the API in its name (a member's website,
-- a door scanner, a script), sent as "Authorization: Bearer blk_…" (SQLite). Only the
-- SHA-256 of a token is kept, as for sessions; it acts with its account's rights, until
-- it expires or is revoked (deleted).
-- Keep in step with crates/store-postgres/migrations/0043_api_tokens.sql.
CREATE TABLE api_tokens (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    token_hash TEXT NOT NULL UNIQUE,
    created_at INTEGER NOT NULL,
    expires_at INTEGER,
    last_used_at INTEGER
);
CREATE INDEX api_tokens_user ON api_tokens (user_id);
