-- Search finds a publication by words of its text too, not only its title and summary:
-- an edit of the text is logged for the index like the rest (SQLite).
-- Keep in step with crates/store-postgres/migrations/0036_publication_text_search.sql.
DROP TRIGGER search_publications_update;
CREATE TRIGGER search_publications_update AFTER UPDATE OF kind, title, title_en, summary, body, published_on, draft ON publications
BEGIN INSERT INTO search_changes (kind, entity_id) VALUES ('publication', NEW.id); END;
