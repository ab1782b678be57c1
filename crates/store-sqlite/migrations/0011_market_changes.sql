-- A counter every write to postings bumps, by trigger, so a node learns that its
-- recommender is stale by reading one row rather than scanning the postings (SQLite).
-- Keep in step with crates/store-postgres/migrations/0011_market_changes.sql.
CREATE TABLE market_changes (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    n INTEGER NOT NULL
);
INSERT INTO market_changes (id, n) VALUES (1, 0);
CREATE TRIGGER market_changes_insert AFTER INSERT ON postings
BEGIN UPDATE market_changes SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER market_changes_update AFTER UPDATE ON postings
BEGIN UPDATE market_changes SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER market_changes_delete AFTER DELETE ON postings
BEGIN UPDATE market_changes SET n = n + 1 WHERE id = 1; END;
