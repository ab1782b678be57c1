-- The alliance's closed loop (閉環) after a 1:1 meeting that did not come from an
-- introduction: once either side says cooperation is possible, the pair is "in talks",
-- and either side or the organisers move it on to an agreement signed (with its kind),
-- implemented, or closed (with the reason), as an introduction's pipeline moves. A meeting
-- requested from an introduction moves that introduction instead (SQLite).
-- Keep in step with crates/store-postgres/migrations/0024_meeting_cooperation.sql.
CREATE TABLE meeting_cooperations (
    request_id INTEGER PRIMARY KEY REFERENCES meeting_requests(id) ON DELETE CASCADE,
    event_id INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    -- 'in_talks', 'signed', 'implemented', 'closed'.
    stage TEXT NOT NULL,
    agreement_type TEXT,
    updated_at INTEGER NOT NULL,
    version INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX meeting_cooperations_event ON meeting_cooperations (event_id);

-- Each move, with its note; a participant's notes are blanked when they are erased.
CREATE TABLE meeting_cooperation_steps (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    request_id INTEGER NOT NULL REFERENCES meeting_cooperations(request_id) ON DELETE CASCADE,
    stage TEXT NOT NULL,
    agreement_type TEXT,
    note TEXT NOT NULL,
    note_script TEXT NOT NULL,
    by_reg INTEGER REFERENCES registrations(id) ON DELETE SET NULL,
    user_id INTEGER REFERENCES users(id) ON DELETE SET NULL,
    at INTEGER NOT NULL
);
CREATE INDEX meeting_cooperation_steps_request ON meeting_cooperation_steps (request_id);
