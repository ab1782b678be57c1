-- Files attached to a posting (a brochure, a patent certificate, a pitch deck), kept in
-- the database so every node serves them and a backup holds them (SQLite).
-- Keep in step with crates/store-postgres/migrations/0009_posting_attachments.sql.
CREATE TABLE posting_attachments (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    posting_id INTEGER NOT NULL REFERENCES postings(id) ON DELETE CASCADE,
    filename TEXT NOT NULL,
    content_type TEXT NOT NULL,
    size INTEGER NOT NULL,
    data BLOB NOT NULL,
    created_at INTEGER NOT NULL
);
CREATE INDEX posting_attachments_posting ON posting_attachments (posting_id);
