-- The search index's change log: every write to what search shows appends the kind and id
-- of the record it touched, in the same transaction, by trigger, so no code path (web,
-- API, import, demo) can forget. Each app node applies the log to its own index.
CREATE TABLE search_changes (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    kind TEXT NOT NULL,
    entity_id INTEGER NOT NULL
);

CREATE TRIGGER search_organisations_insert AFTER INSERT ON organisations
BEGIN INSERT INTO search_changes (kind, entity_id) VALUES ('organisation', NEW.id); END;
CREATE TRIGGER search_organisations_update AFTER UPDATE OF name, name_en, short_name, region, description ON organisations
BEGIN INSERT INTO search_changes (kind, entity_id) VALUES ('organisation', NEW.id); END;
CREATE TRIGGER search_organisations_delete AFTER DELETE ON organisations
BEGIN INSERT INTO search_changes (kind, entity_id) VALUES ('organisation', OLD.id); END;

CREATE TRIGGER search_people_insert AFTER INSERT ON people
BEGIN INSERT INTO search_changes (kind, entity_id) VALUES ('person', NEW.id); END;
CREATE TRIGGER search_people_update AFTER UPDATE OF name, name_en, bio ON people
BEGIN INSERT INTO search_changes (kind, entity_id) VALUES ('person', NEW.id); END;
CREATE TRIGGER search_people_delete AFTER DELETE ON people
BEGIN INSERT INTO search_changes (kind, entity_id) VALUES ('person', OLD.id); END;

-- Events: not on the seat counters, which change on every registration.
CREATE TRIGGER search_events_insert AFTER INSERT ON events
BEGIN INSERT INTO search_changes (kind, entity_id) VALUES ('event', NEW.id); END;
CREATE TRIGGER search_events_update AFTER UPDATE OF title, title_en, summary, venue, region, starts_at ON events
BEGIN INSERT INTO search_changes (kind, entity_id) VALUES ('event', NEW.id); END;
CREATE TRIGGER search_events_delete AFTER DELETE ON events
BEGIN INSERT INTO search_changes (kind, entity_id) VALUES ('event', OLD.id); END;

CREATE TRIGGER search_items_insert AFTER INSERT ON programme_items
BEGIN INSERT INTO search_changes (kind, entity_id) VALUES ('item', NEW.id); END;
CREATE TRIGGER search_items_update AFTER UPDATE OF title, title_en, session_id ON programme_items
BEGIN INSERT INTO search_changes (kind, entity_id) VALUES ('item', NEW.id); END;
CREATE TRIGGER search_items_delete AFTER DELETE ON programme_items
BEGIN INSERT INTO search_changes (kind, entity_id) VALUES ('item', OLD.id); END;
