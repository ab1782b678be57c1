-- The organiser may turn off the reminder the day before an event (an internal meeting,
-- an event whose registrants are reminded otherwise). Reminders are on unless said.
-- Keep in step with crates/store-sqlite/migrations/0031_reminders_off.sql.
ALTER TABLE events ADD COLUMN reminders_off BOOLEAN NOT NULL DEFAULT FALSE;
