-- The site's own settings that administrators change on its pages (not the command
-- line's, which are per node): one row per setting, by name. The first is
-- "staff_two_factor": administrators and secretariat staff must use two-step sign-in.
-- Keep in step with crates/store-sqlite/migrations/0067_site_settings.sql.
CREATE TABLE site_settings (
    name TEXT PRIMARY KEY,
    value TEXT NOT NULL,
    updated_at BIGINT NOT NULL
);
