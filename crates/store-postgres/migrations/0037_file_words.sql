-- Search finds a publication by the words of its files (the whitepaper's PDF), and a
-- posting by those of its attachments: each file keeps the words read out of it (NULL:
-- not read yet, for files from before this migration; '' when it has none that could be
-- read), and its owner keeps them together for the index, rewritten with each upload or
-- removal so that the change is logged like any other (PostgreSQL).
-- Keep in step with crates/store-sqlite/migrations/0037_file_words.sql.
ALTER TABLE publication_files ADD COLUMN words TEXT;
ALTER TABLE publications ADD COLUMN files_words TEXT;
DROP TRIGGER search_publications_update ON publications;
CREATE TRIGGER search_publications_update AFTER UPDATE OF kind, title, title_en, summary, body, files_words, published_on, draft ON publications
    FOR EACH ROW EXECUTE FUNCTION search_change('publication');
ALTER TABLE posting_attachments ADD COLUMN words TEXT;
ALTER TABLE postings ADD COLUMN attachment_words TEXT;
DROP TRIGGER search_postings_update ON postings;
CREATE TRIGGER search_postings_update AFTER UPDATE OF title, summary, description, status, expires_on, attachment_words ON postings
    FOR EACH ROW EXECUTE FUNCTION search_change('posting');
