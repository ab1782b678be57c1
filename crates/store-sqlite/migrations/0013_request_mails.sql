-- Mails about one meeting request: to the side asked ("a request is waiting for your
-- answer") and back to the side asking ("accepted" or "declined"), written at sending
-- time from the request (SQLite). A request that gives way to a new one between the same
-- two takes its unsent mails with it.
-- Keep in step with crates/store-postgres/migrations/0013_request_mails.sql.
ALTER TABLE outbox ADD COLUMN meeting_request_id INTEGER REFERENCES meeting_requests(id) ON DELETE CASCADE;
