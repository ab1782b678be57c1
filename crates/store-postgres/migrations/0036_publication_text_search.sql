-- Search finds a publication by words of its text too, not only its title and summary:
-- an edit of the text is logged for the index like the rest (PostgreSQL).
-- Keep in step with crates/store-sqlite/migrations/0036_publication_text_search.sql.
DROP TRIGGER search_publications_update ON publications;
CREATE TRIGGER search_publications_update AFTER UPDATE OF kind, title, title_en, summary, body, published_on, draft ON publications
    FOR EACH ROW EXECUTE FUNCTION search_change('publication');
