-- Places for one member organisation at one event (名額), where the event's own number
-- of places per organisation (events.delegation_quota) is not theirs: a co-organiser
-- given more, a member given some where the event takes no delegations otherwise.
-- Keep in step with crates/store-postgres/migrations/0032_organisation_places.sql.
CREATE TABLE organisation_places (
    event_id INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    org_id INTEGER NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
    places INTEGER NOT NULL CHECK (places >= 0),
    PRIMARY KEY (event_id, org_id)
);
