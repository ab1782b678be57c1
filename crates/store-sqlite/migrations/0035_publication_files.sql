-- A publication's files (the whitepaper's PDF), kept in the database like a posting's so
-- that one backup holds everything (SQLite).
-- Keep in step with crates/store-postgres/migrations/0035_publication_files.sql.
CREATE TABLE publication_files (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    publication_id INTEGER NOT NULL REFERENCES publications(id) ON DELETE CASCADE,
    filename TEXT NOT NULL,
    content_type TEXT NOT NULL,
    size INTEGER NOT NULL,
    data BLOB NOT NULL,
    created_at INTEGER NOT NULL
);
CREATE INDEX publication_files_publication ON publication_files (publication_id);
