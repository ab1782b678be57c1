-- Accounts that run one event's registration and door without being secretariat staff:
-- the member organisation that organises (承辦) a forum, the host of a visit (SQLite).
-- They see and decide its registrations, check in, invite, write to its registrants and
-- export; the secretariat adds and removes them on the event's management page.
-- Keep in step with crates/store-postgres/migrations/0041_event_managers.sql.
CREATE TABLE event_managers (
    event_id INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    added_at INTEGER NOT NULL,
    PRIMARY KEY (event_id, user_id)
);
CREATE INDEX event_managers_user ON event_managers (user_id);
