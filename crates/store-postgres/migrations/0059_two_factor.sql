-- Two-step sign-in (PostgreSQL): an account that turned it on keeps the secret its
-- authenticator app shares (RFC 6238), and the last time step a code was accepted for,
-- so that no code is taken twice. Between the password and the code, a sign-in waits in
-- `sign_in_challenges`, by the hash of a cookie's token, for a few minutes.
-- Keep in step with crates/store-sqlite/migrations/0059_two_factor.sql.
ALTER TABLE users ADD COLUMN totp_secret TEXT;
ALTER TABLE users ADD COLUMN totp_step BIGINT;
CREATE TABLE sign_in_challenges (
    token_hash TEXT PRIMARY KEY,
    user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL
);
CREATE INDEX sign_in_challenges_expiry ON sign_in_challenges(expires_at);
