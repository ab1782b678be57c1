-- The organiser may keep holders from handing on their places themselves; staff still
-- may (PostgreSQL).
-- Keep in step with crates/store-sqlite/migrations/0052_transfers_off.sql.
ALTER TABLE events ADD COLUMN transfers_off BOOLEAN NOT NULL DEFAULT FALSE;
