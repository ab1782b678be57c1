-- "Not for me" (Grip's "No thanks"): a participant says of another that they are not to be
-- suggested to them again. Kept until the participant takes it back; gone with either
-- side's personal data (PostgreSQL).
-- Keep in step with crates/store-sqlite/migrations/0020_matchmaking_passes.sql.
CREATE TABLE matchmaking_passes (
    registration_id BIGINT NOT NULL REFERENCES registrations(id) ON DELETE CASCADE,
    other_reg BIGINT NOT NULL REFERENCES registrations(id) ON DELETE CASCADE,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (registration_id, other_reg)
);
