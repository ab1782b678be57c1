-- Postings a reader keeps to come back to (收藏), listed on their market page (PostgreSQL).
-- Keep in step with crates/store-sqlite/migrations/0054_posting_bookmarks.sql.
CREATE TABLE posting_bookmarks (
    user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    posting_id BIGINT NOT NULL REFERENCES postings(id) ON DELETE CASCADE,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (user_id, posting_id)
);
CREATE INDEX posting_bookmarks_posting ON posting_bookmarks (posting_id);
