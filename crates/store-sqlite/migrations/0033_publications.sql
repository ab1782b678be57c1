-- Publications (刊物): whitepapers, news, event reports and challenges, each attached to
-- the event it came from and to the organisations behind it (SQLite).
-- Keep in step with crates/store-postgres/migrations/0033_publications.sql.
CREATE TABLE publications (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    -- 'whitepaper', 'news', 'event_report', 'challenge'.
    kind TEXT NOT NULL,
    title TEXT NOT NULL,
    title_script TEXT NOT NULL,
    title_en TEXT,
    summary TEXT,
    summary_script TEXT NOT NULL,
    body TEXT,
    body_script TEXT NOT NULL,
    -- Where the full text is (a PDF on the publisher's site).
    url TEXT,
    -- YYYY-MM-DD, Hong Kong.
    published_on TEXT NOT NULL,
    event_id INTEGER REFERENCES events(id) ON DELETE SET NULL,
    -- Seen by staff only until published.
    draft INTEGER NOT NULL DEFAULT 0,
    synthetic INTEGER NOT NULL DEFAULT 0,
    search_key TEXT NOT NULL,
    version INTEGER NOT NULL DEFAULT 1,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
);
CREATE INDEX publications_date ON publications (published_on);
CREATE INDEX publications_event ON publications (event_id);

CREATE TABLE publication_orgs (
    publication_id INTEGER NOT NULL REFERENCES publications(id) ON DELETE CASCADE,
    org_id INTEGER NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
    sort_order INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (publication_id, org_id)
);
CREATE INDEX publication_orgs_org ON publication_orgs (org_id);

-- Search covers published publications; a draft is looked up, not found, and left out.
CREATE TRIGGER search_publications_insert AFTER INSERT ON publications
BEGIN INSERT INTO search_changes (kind, entity_id) VALUES ('publication', NEW.id); END;
CREATE TRIGGER search_publications_update AFTER UPDATE OF kind, title, title_en, summary, published_on, draft ON publications
BEGIN INSERT INTO search_changes (kind, entity_id) VALUES ('publication', NEW.id); END;
CREATE TRIGGER search_publications_delete AFTER DELETE ON publications
BEGIN INSERT INTO search_changes (kind, entity_id) VALUES ('publication', OLD.id); END;
