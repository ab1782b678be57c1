-- The schedule being computed for an event, on whichever node runs it (SQLite): one row
-- per running schedule, so that every node refuses a second run and shows the first one's
-- progress. A row whose heartbeat is old belongs to a node that stopped; it is replaced.
-- Keep in step with crates/store-postgres/migrations/0012_schedule_runs.sql.
CREATE TABLE schedule_runs (
    event_id INTEGER PRIMARY KEY REFERENCES matchmaking(event_id) ON DELETE CASCADE,
    meetings INTEGER NOT NULL,
    best_breaks INTEGER,
    lower_bound INTEGER NOT NULL DEFAULT 0,
    seconds REAL NOT NULL DEFAULT 0,
    heartbeat INTEGER NOT NULL
);
