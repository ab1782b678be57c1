-- Participants may pick the slot of a meeting when they accept it, as b2match's
-- "Participants" scheduling mode does, instead of waiting for the organiser's schedule
-- (SQLite). A meeting booked so is placed at a free table and locked.
-- Keep in step with crates/store-postgres/migrations/0017_self_booking.sql.
ALTER TABLE matchmaking ADD COLUMN self_booking INTEGER NOT NULL DEFAULT 0;
