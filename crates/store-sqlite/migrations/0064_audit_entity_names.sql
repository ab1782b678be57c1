-- The audit log named a programme part removed by its table (event_roles, …) and the same
-- part made by its record's name (event_role, …), so that a record's history missed its
-- removal. Removals now use the record's name; those already logged are renamed.
-- Keep in step with crates/store-postgres/migrations/0064_audit_entity_names.sql.
UPDATE audit_log SET entity = 'event_role' WHERE entity = 'event_roles';
UPDATE audit_log SET entity = 'event_session' WHERE entity = 'event_sessions';
UPDATE audit_log SET entity = 'programme_item' WHERE entity = 'programme_items';
UPDATE audit_log SET entity = 'item_speaker' WHERE entity = 'item_speakers';
UPDATE audit_log SET entity = 'event_guest' WHERE entity = 'event_guests';
UPDATE audit_log SET entity = 'registration_question' WHERE entity = 'registration_questions';
