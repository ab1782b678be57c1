-- A counter every write to postings bumps, by trigger, so a node learns that its
-- recommender is stale by reading one row rather than scanning the postings (PostgreSQL).
-- Keep in step with crates/store-sqlite/migrations/0011_market_changes.sql.
CREATE TABLE market_changes (
    id BIGINT PRIMARY KEY CHECK (id = 1),
    n BIGINT NOT NULL
);
INSERT INTO market_changes (id, n) VALUES (1, 0);
CREATE FUNCTION market_change() RETURNS trigger AS $$
BEGIN
    UPDATE market_changes SET n = n + 1 WHERE id = 1;
    RETURN NULL;
END
$$ LANGUAGE plpgsql;
CREATE TRIGGER market_changes_write AFTER INSERT OR UPDATE OR DELETE ON postings
    FOR EACH STATEMENT EXECUTE FUNCTION market_change();
