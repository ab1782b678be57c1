-- Recovery codes for two-step sign-in (PostgreSQL): ten one-time codes shown once when
-- two-step sign-in is turned on (or made anew), each good for one sign-in without the
-- authenticator app, so that a lost phone does not lock its holder out until an
-- administrator can be reached. Only each code's hash is kept; a used code keeps the
-- time it was used.
-- Keep in step with crates/store-sqlite/migrations/0063_recovery_codes.sql.
CREATE TABLE recovery_codes (
    user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    code_hash TEXT NOT NULL,
    used_at BIGINT,
    PRIMARY KEY (user_id, code_hash)
);
