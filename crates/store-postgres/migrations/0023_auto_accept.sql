-- Requests accepted on arrival, b2match's "Automatic" request mode, where the organiser
-- wants every request to become a meeting unless the one asked cancels it (PostgreSQL).
-- Keep in step with crates/store-sqlite/migrations/0023_auto_accept.sql.
ALTER TABLE matchmaking ADD COLUMN auto_accept BOOLEAN NOT NULL DEFAULT FALSE;
