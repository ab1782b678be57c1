-- Where each signed-in browser signed in from, for its holder's list of them on their
-- account's page (which browser, from which address, since when), so that one left signed
-- in somewhere can be recognised and signed out. Kept only as long as the session.
-- Keep in step with crates/store-sqlite/migrations/0068_session_origin.sql.
ALTER TABLE sessions ADD COLUMN user_agent TEXT;
ALTER TABLE sessions ADD COLUMN client_ip TEXT;
