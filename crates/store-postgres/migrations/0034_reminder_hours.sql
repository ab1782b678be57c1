-- How many hours before an event its registrants are reminded (3 to 168; none: a day).
-- A three-day visit across the border wants the reminder earlier than a seminar.
-- Keep in step with crates/store-sqlite/migrations/0034_reminder_hours.sql.
ALTER TABLE events ADD COLUMN reminder_hours BIGINT;
