-- Each answer to an organiser's question folded as the search folds text (script, case,
-- width), so that staff and the door find a registrant by what they answered: a travel
-- document's number, a site visit in either script (PostgreSQL). NULL for answers written
-- before it, which are then matched in lower case as written.
-- Keep in step with crates/store-sqlite/migrations/0044_answer_search.sql.
ALTER TABLE registration_answers ADD COLUMN search_key TEXT;
