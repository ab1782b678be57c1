-- A meeting the organisers arranged between two participants (the secretariat's 安排對接,
-- b2match's meetings created by organisers), accepted from the start: shown as such to
-- both sides, and counted against neither one's limit of requests (SQLite).
-- Keep in step with crates/store-postgres/migrations/0021_arranged_meetings.sql.
ALTER TABLE meeting_requests ADD COLUMN arranged INTEGER NOT NULL DEFAULT 0;
