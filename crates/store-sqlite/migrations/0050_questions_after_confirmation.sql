-- A question asked only once the registration's seat is confirmed (approved, or given a
-- place from the waiting list), on the holder's page rather than the registration form:
-- a travel document's number from those who will go on the visit, not from everyone who
-- applied (SQLite).
-- Keep in step with crates/store-postgres/migrations/0050_questions_after_confirmation.sql.
ALTER TABLE registration_questions ADD COLUMN after_confirmation INTEGER NOT NULL DEFAULT 0;
