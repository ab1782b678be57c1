-- How long an event keeps its registrants' personal data, and a question the answers to
-- it, in days after the event ends (NULL: until erased on request), as Indico keeps a
-- registration form's data for a period the organiser sets (PIPL, PDPO and Macao's PDPA
-- ask that personal data be kept no longer than its purpose needs). Each registration
-- records when its personal data went, by that sweep or by an erasure (SQLite).
-- Keep in step with crates/store-postgres/migrations/0039_retention.sql.
ALTER TABLE events ADD COLUMN retention_days INTEGER;
ALTER TABLE registration_questions ADD COLUMN retention_days INTEGER;
ALTER TABLE registrations ADD COLUMN anonymised_at INTEGER;
UPDATE registrations SET anonymised_at = updated_at WHERE email LIKE '%@erased.invalid';
