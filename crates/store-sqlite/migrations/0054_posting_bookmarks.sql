-- Postings a reader keeps to come back to (收藏), listed on their market page (SQLite).
-- Keep in step with crates/store-postgres/migrations/0054_posting_bookmarks.sql.
CREATE TABLE posting_bookmarks (
    user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    posting_id INTEGER NOT NULL REFERENCES postings(id) ON DELETE CASCADE,
    created_at INTEGER NOT NULL,
    PRIMARY KEY (user_id, posting_id)
);
CREATE INDEX posting_bookmarks_posting ON posting_bookmarks (posting_id);
