-- What a participant says of themselves for matchmaking (what they offer, what they look
-- for), as b2match's profiles do: shown to the other participants in their script, read by
-- the recommender when the participant's organisation has posted nothing; erased with the
-- participant's personal data (SQLite).
-- Keep in step with crates/store-postgres/migrations/0015_matchmaking_profiles.sql.
CREATE TABLE matchmaking_profiles (
    registration_id INTEGER PRIMARY KEY REFERENCES registrations(id) ON DELETE CASCADE,
    about TEXT NOT NULL,
    about_script TEXT NOT NULL,
    updated_at INTEGER NOT NULL
);
