-- Meeting requests carry the session the requester wishes ('any', 'morning', 'afternoon')
-- and the priority the other side gave when accepting; the schedule weighs both sides
-- (SQLite). Keep in step with crates/store-postgres/migrations/0010_meeting_wishes.sql.
ALTER TABLE meeting_requests ADD COLUMN session TEXT NOT NULL DEFAULT 'any';
ALTER TABLE meeting_requests ADD COLUMN to_priority INTEGER;
