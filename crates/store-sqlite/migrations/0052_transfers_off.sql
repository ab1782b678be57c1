-- The organiser may keep holders from handing on their places themselves; staff still
-- may (SQLite).
-- Keep in step with crates/store-postgres/migrations/0052_transfers_off.sql.
ALTER TABLE events ADD COLUMN transfers_off INTEGER NOT NULL DEFAULT 0;
