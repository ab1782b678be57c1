-- A side's comment on a held (or missed) meeting, beside its outcome, as b2match keeps
-- it: organisers read them; they go with the participant's personal data when it is
-- erased (SQLite).
-- Keep in step with crates/store-postgres/migrations/0014_meeting_feedback.sql.
CREATE TABLE meeting_feedback (
    request_id INTEGER NOT NULL REFERENCES meeting_requests(id) ON DELETE CASCADE,
    registration_id INTEGER NOT NULL REFERENCES registrations(id) ON DELETE CASCADE,
    comment TEXT NOT NULL,
    comment_script TEXT NOT NULL,
    updated_at INTEGER NOT NULL,
    PRIMARY KEY (request_id, registration_id)
);
