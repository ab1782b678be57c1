-- The reminder before an event (`reminder` in the outbox): one per registration, ever, so
-- that sweeps on several nodes at once, or again after a restart, never send two.
-- Keep in step with crates/store-postgres/migrations/0030_event_reminders.sql.
CREATE UNIQUE INDEX outbox_one_reminder ON outbox(registration_id) WHERE kind = 'reminder';
