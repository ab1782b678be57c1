-- Feedback on each parallel forum (分論壇) of an event, beside the event's own: a rating
-- from 1 to 5 for each session the registrant held a seat in, so that the organisers see
-- how each forum went (SQLite).
-- Keep in step with crates/store-postgres/migrations/0048_session_feedback.sql.
CREATE TABLE event_feedback_sessions (
    registration_id INTEGER NOT NULL REFERENCES event_feedback(registration_id) ON DELETE CASCADE,
    session_id INTEGER NOT NULL REFERENCES event_sessions(id) ON DELETE CASCADE,
    rating INTEGER NOT NULL CHECK (rating BETWEEN 1 AND 5),
    PRIMARY KEY (registration_id, session_id)
);
CREATE INDEX event_feedback_sessions_session ON event_feedback_sessions (session_id);
