-- The schedule being computed for an event, on whichever node runs it (PostgreSQL): one
-- row per running schedule, so that every node refuses a second run and shows the first
-- one's progress. A row whose heartbeat is old belongs to a node that stopped; it is
-- replaced. Keep in step with crates/store-sqlite/migrations/0012_schedule_runs.sql.
CREATE TABLE schedule_runs (
    event_id BIGINT PRIMARY KEY REFERENCES matchmaking(event_id) ON DELETE CASCADE,
    meetings BIGINT NOT NULL,
    best_breaks BIGINT,
    lower_bound BIGINT NOT NULL DEFAULT 0,
    seconds DOUBLE PRECISION NOT NULL DEFAULT 0,
    heartbeat BIGINT NOT NULL
);
