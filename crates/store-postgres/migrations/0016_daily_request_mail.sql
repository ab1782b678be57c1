-- A participant may take their meeting requests in one mail a day instead of one mail
-- each, as b2match's digest offers (PostgreSQL). The choice lives with the matchmaking
-- profile, whose row then exists even with nothing said ('').
-- Keep in step with crates/store-sqlite/migrations/0016_daily_request_mail.sql.
ALTER TABLE matchmaking_profiles ADD COLUMN daily BOOLEAN NOT NULL DEFAULT FALSE;
