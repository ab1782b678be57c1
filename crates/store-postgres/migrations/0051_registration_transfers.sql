-- A place handed to a colleague (換人出席): the registration it went to, on the one it
-- came from, which is cancelled without giving the seat to the waiting list (PostgreSQL).
-- Keep in step with crates/store-sqlite/migrations/0051_registration_transfers.sql.
ALTER TABLE registrations ADD COLUMN transferred_to BIGINT REFERENCES registrations(id);
CREATE INDEX registrations_transferred_to ON registrations (transferred_to);
