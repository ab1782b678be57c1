-- The postings an alert of new counterparts found, kept with its mail (`counterparts`) as
-- their ids by commas, so that the mail is written when it is sent, in the reader's
-- language, and leaves out a posting withdrawn or expired since (SQLite).
-- Keep in step with crates/store-postgres/migrations/0055_counterparts_mail.sql.
ALTER TABLE outbox ADD COLUMN posting_ids TEXT;
