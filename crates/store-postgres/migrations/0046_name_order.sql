-- Each organisation's and person's name keyed in the three orders readers expect
-- (baylink_text::collation): pinyin for Simplified readers, strokes for Hong Kong and
-- Macao, A–Z by the English name for English (PostgreSQL). Made by the application, which
-- fills them when the store opens; the fingerprint names the collation data that made
-- them, so they are remade when that data changes.
-- The same fill folds the answers written before 0044, which had no search key.
-- Keep in step with crates/store-sqlite/migrations/0046_name_order.sql.
ALTER TABLE organisations ADD COLUMN sort_pinyin BYTEA;
ALTER TABLE organisations ADD COLUMN sort_strokes BYTEA;
ALTER TABLE organisations ADD COLUMN sort_alphabetical BYTEA;
ALTER TABLE people ADD COLUMN sort_pinyin BYTEA;
ALTER TABLE people ADD COLUMN sort_strokes BYTEA;
ALTER TABLE people ADD COLUMN sort_alphabetical BYTEA;
CREATE INDEX organisations_sort_pinyin ON organisations (sort_pinyin, id);
CREATE INDEX organisations_sort_strokes ON organisations (sort_strokes, id);
CREATE INDEX organisations_sort_alphabetical ON organisations (sort_alphabetical, id);
CREATE INDEX people_sort_pinyin ON people (sort_pinyin, id);
CREATE INDEX people_sort_strokes ON people (sort_strokes, id);
CREATE INDEX people_sort_alphabetical ON people (sort_alphabetical, id);
CREATE TABLE name_order (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    fingerprint TEXT NOT NULL
);
