-- The postings a web node found for an alert (new counterparts, or postings with the
-- words of a search), kept with its mail (`alert_postings`) as
-- their ids by commas, so that the mail is written when it is sent, in the reader's
-- language, and leaves out a posting withdrawn or expired since (PostgreSQL).
-- Keep in step with crates/store-sqlite/migrations/0055_alert_postings.sql.
ALTER TABLE outbox ADD COLUMN posting_ids TEXT;
