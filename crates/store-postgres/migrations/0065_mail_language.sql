-- The language of an account's mails follows the last page it signed in or sent a form
-- from, unless its holder chose one on their account's page: then it stays, whatever
-- language they read the site in (a Hong Kong researcher who reads the pages in English
-- and wants the mails in Chinese).
-- Keep in step with crates/store-sqlite/migrations/0065_mail_language.sql.
ALTER TABLE users ADD COLUMN locale_chosen BOOLEAN NOT NULL DEFAULT FALSE;
