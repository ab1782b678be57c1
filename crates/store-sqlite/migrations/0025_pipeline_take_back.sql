-- A pipeline's last move can be taken back, with its reason, as a step of its own in the
-- history (an introduction's and a meeting's cooperation alike): "signed" recorded by
-- mistake, or talks resumed after being closed (SQLite).
-- Keep in step with crates/store-postgres/migrations/0025_pipeline_take_back.sql.
ALTER TABLE pipeline_steps ADD COLUMN takes_back INTEGER NOT NULL DEFAULT 0;
ALTER TABLE meeting_cooperation_steps ADD COLUMN takes_back INTEGER NOT NULL DEFAULT 0;
