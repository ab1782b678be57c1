-- A delegation: registrations a member organisation's representative made for colleagues
-- (團體報名). Each delegate's registration is theirs as any other (their link, their
-- mail, their seat); this only remembers which account entered it, so that the
-- representative can see and cancel what they entered. Kept when the account goes.
-- Keep in step with crates/store-sqlite/migrations/0028_delegations.sql.
ALTER TABLE registrations ADD COLUMN registered_by BIGINT REFERENCES users(id) ON DELETE SET NULL;
CREATE INDEX registrations_registered_by ON registrations(registered_by, event_id);
