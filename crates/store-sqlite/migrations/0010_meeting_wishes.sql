-- Meeting requests carry the session the requester wishes ('any', 'morning', 'afternoon')
-- and the priority the other side gave when accepting; the schedule weighs both sides.
-- A request made from an introduction (供需對接) keeps it, so the meeting's outcome moves
-- the introduction along
-- (SQLite). Keep in step with crates/store-postgres/migrations/0010_meeting_wishes.sql.
ALTER TABLE meeting_requests ADD COLUMN session TEXT NOT NULL DEFAULT 'any';
ALTER TABLE meeting_requests ADD COLUMN to_priority INTEGER;
ALTER TABLE meeting_requests ADD COLUMN interest_id INTEGER REFERENCES posting_interests(id) ON DELETE SET NULL;
