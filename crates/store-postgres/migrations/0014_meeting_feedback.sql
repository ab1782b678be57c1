-- A side's comment on a held (or missed) meeting, beside its outcome, as b2match keeps
-- it: organisers read them; they go with the participant's personal data when it is
-- erased (PostgreSQL).
-- Keep in step with crates/store-sqlite/migrations/0014_meeting_feedback.sql.
CREATE TABLE meeting_feedback (
    request_id BIGINT NOT NULL REFERENCES meeting_requests(id) ON DELETE CASCADE,
    registration_id BIGINT NOT NULL REFERENCES registrations(id) ON DELETE CASCADE,
    comment TEXT NOT NULL,
    comment_script TEXT NOT NULL,
    updated_at BIGINT NOT NULL,
    PRIMARY KEY (request_id, registration_id)
);
