-- A meeting the organisers arranged between two participants (the secretariat's 安排對接,
-- b2match's meetings created by organisers), accepted from the start: shown as such to
-- both sides, and counted against neither one's limit of requests (PostgreSQL).
-- Keep in step with crates/store-sqlite/migrations/0021_arranged_meetings.sql.
ALTER TABLE meeting_requests ADD COLUMN arranged BOOLEAN NOT NULL DEFAULT FALSE;
