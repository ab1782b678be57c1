-- Matchmaking (項目對接): an event's meeting slots and tables, the 1:1 meeting requests
-- between its confirmed participants, their availability, and the schedule (SQLite).
-- Keep in step with crates/store-postgres/migrations/0007_matchmaking.sql.

CREATE TABLE matchmaking (
    event_id INTEGER PRIMARY KEY REFERENCES events(id) ON DELETE CASCADE,
    meeting_minutes INTEGER NOT NULL,
    max_requests INTEGER NOT NULL,
    request_deadline INTEGER,
    accept_deadline INTEGER,
    -- 'open' (requests), 'scheduled' (a draft schedule), 'published'.
    status TEXT NOT NULL,
    published_at INTEGER,
    -- Bumped by every schedule change; a schedule is saved against the version it read.
    version INTEGER NOT NULL DEFAULT 0,
    updated_at INTEGER NOT NULL
);

CREATE TABLE matchmaking_slots (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    event_id INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    starts_at INTEGER NOT NULL,
    ends_at INTEGER NOT NULL,
    UNIQUE (event_id, starts_at)
);

CREATE TABLE matchmaking_tables (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    event_id INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    label TEXT NOT NULL,
    reserved_for INTEGER REFERENCES registrations(id) ON DELETE SET NULL,
    UNIQUE (event_id, label)
);

CREATE TABLE meeting_requests (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    event_id INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    from_reg INTEGER NOT NULL REFERENCES registrations(id) ON DELETE CASCADE,
    to_reg INTEGER NOT NULL REFERENCES registrations(id) ON DELETE CASCADE,
    message TEXT NOT NULL,
    message_script TEXT NOT NULL,
    priority INTEGER NOT NULL,
    -- 'pending', 'accepted', 'declined', 'expired', 'cancelled'.
    status TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    decided_at INTEGER,
    slot_id INTEGER REFERENCES matchmaking_slots(id) ON DELETE SET NULL,
    table_id INTEGER REFERENCES matchmaking_tables(id) ON DELETE SET NULL,
    locked INTEGER NOT NULL DEFAULT 0,
    outcome_from TEXT,
    outcome_to TEXT,
    -- One request per ordered pair; the reverse pair is refused by the store.
    UNIQUE (event_id, from_reg, to_reg)
);
CREATE INDEX meeting_requests_to ON meeting_requests(to_reg, status);
CREATE INDEX meeting_requests_from ON meeting_requests(from_reg, status);

CREATE TABLE matchmaking_unavailable (
    registration_id INTEGER NOT NULL REFERENCES registrations(id) ON DELETE CASCADE,
    slot_id INTEGER NOT NULL REFERENCES matchmaking_slots(id) ON DELETE CASCADE,
    PRIMARY KEY (registration_id, slot_id)
);
