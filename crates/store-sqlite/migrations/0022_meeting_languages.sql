-- The languages a participant can hold a meeting in (Cantonese, Mandarin, English,
-- Portuguese), as codes separated by commas, so that two with none in common are seen
-- in time to bring an interpreter (SQLite). Empty: not said.
-- Keep in step with crates/store-postgres/migrations/0022_meeting_languages.sql.
ALTER TABLE matchmaking_profiles ADD COLUMN languages TEXT NOT NULL DEFAULT '';
