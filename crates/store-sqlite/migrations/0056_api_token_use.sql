-- Each API token's requests in each minute, added up over every node on the database
-- (SQLite): a node counts in memory and adds its count here about once a second, so the
-- budget of a minute is one for the site, not one per node. Only the last minutes are
-- kept.
-- Keep in step with crates/store-postgres/migrations/0056_api_token_use.sql.
CREATE TABLE api_token_use (
    token_id INTEGER NOT NULL REFERENCES api_tokens(id) ON DELETE CASCADE,
    minute INTEGER NOT NULL,
    requests INTEGER NOT NULL,
    PRIMARY KEY (token_id, minute)
);
