-- The browsers each account has signed in from, by the hash of a long-lived cookie of
-- their own, so that a sign-in from a browser never seen before is mailed to the holder
-- (as GitHub and Google do), and one from a known browser is not.
-- Keep in step with crates/store-postgres/migrations/0069_known_devices.sql.
CREATE TABLE known_devices (
    user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    device_hash TEXT NOT NULL,
    first_seen_at INTEGER NOT NULL,
    last_seen_at INTEGER NOT NULL,
    PRIMARY KEY (user_id, device_hash)
);
