-- A token that may only read (a member's website showing the alliance's events): every
-- write it sends is refused (PostgreSQL).
-- Keep in step with crates/store-sqlite/migrations/0045_read_only_tokens.sql.
ALTER TABLE api_tokens ADD COLUMN read_only BOOLEAN NOT NULL DEFAULT FALSE;
