-- Bumped whenever an event's programme changes (sessions, items, speakers, guests, roles),
-- so that every node can keep the programme cached and know, from the event row alone,
-- whether its copy is current (SQLite).
ALTER TABLE events ADD COLUMN programme_version INTEGER NOT NULL DEFAULT 1;
