-- Bumped whenever an event's programme changes (sessions, items, speakers, guests, roles),
-- so that every node can keep the programme cached and know, from the event row alone,
-- whether its copy is current (PostgreSQL).
ALTER TABLE events ADD COLUMN programme_version BIGINT NOT NULL DEFAULT 1;
