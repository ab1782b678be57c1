-- An introduction tells the other side by mail: its owners of an interest in their
-- posting, the interested party of the owners' answer, and either side of a move along
-- the pipeline (SQLite). Written when sent, from the interest as it then stands.
-- Keep in step with crates/store-postgres/migrations/0026_market_mails.sql.
ALTER TABLE outbox ADD COLUMN interest_id INTEGER REFERENCES posting_interests(id) ON DELETE CASCADE;
-- The language an account last signed in with, for the mails it is sent; NULL until then
-- (the mails then go in the language of its organisation's region).
ALTER TABLE users ADD COLUMN locale TEXT;
