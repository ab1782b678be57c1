-- When each manager of an event was last told by mail that registrations await their
-- approval (NULL: never), so that one mail an hour at most tells of the new ones (SQLite).
-- Keep in step with crates/store-postgres/migrations/0042_approval_notices.sql.
ALTER TABLE event_managers ADD COLUMN told_at INTEGER;
