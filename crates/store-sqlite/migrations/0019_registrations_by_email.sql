-- Whom a participant met at earlier events is found by the address they registered with,
-- across events (SQLite); the (event, email) index does not serve that.
-- Keep in step with crates/store-postgres/migrations/0019_registrations_by_email.sql.
CREATE INDEX registrations_email ON registrations(email);
