-- Feedback on an event (活動回饋), asked by its organiser once it is over: each
-- registrant with a seat rates it from 1 to 5 and may say what was most useful and what
-- to change, in their own script (SQLite). An erasure keeps the rating (the counts stand) and
-- drops the words.
-- Keep in step with crates/store-postgres/migrations/0047_event_feedback.sql.
ALTER TABLE events ADD COLUMN feedback_asked_at INTEGER;
CREATE TABLE event_feedback (
    registration_id INTEGER PRIMARY KEY REFERENCES registrations(id) ON DELETE CASCADE,
    event_id INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    rating INTEGER NOT NULL CHECK (rating BETWEEN 1 AND 5),
    useful TEXT,
    improve TEXT,
    script TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
);
CREATE INDEX event_feedback_event ON event_feedback (event_id);
