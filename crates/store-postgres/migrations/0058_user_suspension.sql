-- An account suspended by an administrator (PostgreSQL): someone who left the secretariat or
-- their organisation. It cannot sign in, its sessions are ended, its API tokens and
-- password links do not work and it is sent no mail for its organisation, but it keeps
-- its name in the audit log (unlike an erasure), and can be reinstated.
-- Keep in step with crates/store-sqlite/migrations/0058_user_suspension.sql.
ALTER TABLE users ADD COLUMN suspended_at BIGINT;
