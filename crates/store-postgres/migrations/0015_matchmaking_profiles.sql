-- What a participant says of themselves for matchmaking (what they offer, what they look
-- for), as b2match's profiles do: shown to the other participants in their script, read by
-- the recommender when the participant's organisation has posted nothing; erased with the
-- participant's personal data (PostgreSQL).
-- Keep in step with crates/store-sqlite/migrations/0015_matchmaking_profiles.sql.
CREATE TABLE matchmaking_profiles (
    registration_id BIGINT PRIMARY KEY REFERENCES registrations(id) ON DELETE CASCADE,
    about TEXT NOT NULL,
    about_script TEXT NOT NULL,
    updated_at BIGINT NOT NULL
);
