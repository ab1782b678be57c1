-- Supply and demand (供需對接): postings, expressions of interest and the cooperation
-- pipeline each accepted interest moves through (SQLite).
-- Keep in step with crates/store-postgres/migrations/0008_market.sql.

CREATE TABLE postings (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    org_id INTEGER NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
    author_id INTEGER REFERENCES users(id) ON DELETE SET NULL,
    -- 'offer' or 'need'; kind: 'technology', 'research', 'agency', 'investment', 'talent', 'project'.
    side TEXT NOT NULL,
    kind TEXT NOT NULL,
    title TEXT NOT NULL,
    summary TEXT NOT NULL,
    description TEXT NOT NULL,
    script TEXT NOT NULL,
    -- Comma-separated codes of the shared taxonomy.
    sectors TEXT NOT NULL,
    modes TEXT NOT NULL,
    target_regions TEXT NOT NULL,
    stage TEXT,
    ip_status TEXT,
    contact TEXT NOT NULL,
    expires_on TEXT NOT NULL,
    -- 'pending', 'published', 'returned', 'withdrawn'.
    status TEXT NOT NULL,
    review_note TEXT,
    event_id INTEGER REFERENCES events(id) ON DELETE SET NULL,
    synthetic INTEGER NOT NULL DEFAULT 0,
    version INTEGER NOT NULL DEFAULT 1,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    published_at INTEGER,
    reminded_at INTEGER
);
CREATE INDEX postings_status ON postings (status, expires_on);
CREATE INDEX postings_org ON postings (org_id);
CREATE INDEX postings_event ON postings (event_id);

CREATE TABLE posting_interests (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    posting_id INTEGER NOT NULL REFERENCES postings(id) ON DELETE CASCADE,
    from_user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    from_org_id INTEGER REFERENCES organisations(id) ON DELETE SET NULL,
    message TEXT NOT NULL,
    message_script TEXT NOT NULL,
    -- 'pending', 'accepted', 'declined'.
    status TEXT NOT NULL,
    -- Once accepted: 'introduced', 'in_talks', 'signed', 'implemented', 'closed'.
    stage TEXT,
    agreement_type TEXT,
    close_reason TEXT,
    created_at INTEGER NOT NULL,
    decided_at INTEGER,
    updated_at INTEGER NOT NULL,
    version INTEGER NOT NULL DEFAULT 1,
    synthetic INTEGER NOT NULL DEFAULT 0,
    UNIQUE (posting_id, from_user_id)
);
CREATE INDEX posting_interests_user ON posting_interests (from_user_id);

CREATE TABLE pipeline_steps (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    interest_id INTEGER NOT NULL REFERENCES posting_interests(id) ON DELETE CASCADE,
    stage TEXT NOT NULL,
    note TEXT NOT NULL,
    user_id INTEGER REFERENCES users(id) ON DELETE SET NULL,
    at INTEGER NOT NULL
);
CREATE INDEX pipeline_steps_interest ON pipeline_steps (interest_id);

-- Search covers postings too; only what a reader sees (title, summary, status) triggers.
CREATE TRIGGER search_postings_insert AFTER INSERT ON postings
BEGIN INSERT INTO search_changes (kind, entity_id) VALUES ('posting', NEW.id); END;
CREATE TRIGGER search_postings_update AFTER UPDATE OF title, summary, description, status, expires_on ON postings
BEGIN INSERT INTO search_changes (kind, entity_id) VALUES ('posting', NEW.id); END;
CREATE TRIGGER search_postings_delete AFTER DELETE ON postings
BEGIN INSERT INTO search_changes (kind, entity_id) VALUES ('posting', OLD.id); END;
