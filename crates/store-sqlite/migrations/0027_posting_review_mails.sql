-- A posting's owners are told by mail when the secretariat publishes it or returns it with
-- the reason (SQLite). Written when sent, from the posting as it then stands.
-- Keep in step with crates/store-postgres/migrations/0027_posting_review_mails.sql.
ALTER TABLE outbox ADD COLUMN posting_id INTEGER REFERENCES postings(id) ON DELETE CASCADE;
