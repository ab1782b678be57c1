-- Places per member organisation (名額): the most registrations the representatives of one
-- organisation may hold for the event through the delegation form at once (cancelled and
-- declined ones do not count). NULL: no limit beyond the event's seats; 0: no delegations.
-- Keep in step with crates/store-postgres/migrations/0029_delegation_quota.sql.
ALTER TABLE events ADD COLUMN delegation_quota INTEGER;
