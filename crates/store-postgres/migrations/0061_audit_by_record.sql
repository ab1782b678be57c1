-- The audit log read by record (PostgreSQL): an account's, an organisation's or an event's
-- history, newest first, without reading the whole log.
-- Keep in step with crates/store-sqlite/migrations/0061_audit_by_record.sql.
CREATE INDEX audit_log_record ON audit_log(entity, entity_id, id);
