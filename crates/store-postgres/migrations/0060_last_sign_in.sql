-- When each account last signed in (PostgreSQL), for administrators looking for accounts
-- nobody uses any more (to suspend them) and for holders checking their own.
-- Keep in step with crates/store-sqlite/migrations/0060_last_sign_in.sql.
ALTER TABLE users ADD COLUMN last_sign_in_at BIGINT;
