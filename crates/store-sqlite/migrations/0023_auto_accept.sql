-- Requests accepted on arrival, b2match's "Automatic" request mode, where the organiser
-- wants every request to become a meeting unless the one asked cancels it (SQLite).
-- Keep in step with crates/store-postgres/migrations/0023_auto_accept.sql.
ALTER TABLE matchmaking ADD COLUMN auto_accept INTEGER NOT NULL DEFAULT 0;
