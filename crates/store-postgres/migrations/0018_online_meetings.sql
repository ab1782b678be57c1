-- Online meetings, as b2match's, Brella's and Swapcard's virtual matchmaking offer
-- (PostgreSQL): the organiser names the video service (`video_url`, e.g. a Jitsi server), a
-- participant who takes part from afar gets a room there, kept as a table reserved for
-- them with the room's address (`link`), so that the scheduler, which seats every meeting
-- of a table's owner at it, puts all their meetings online.
-- Keep in step with crates/store-sqlite/migrations/0018_online_meetings.sql.
ALTER TABLE matchmaking ADD COLUMN video_url TEXT;
ALTER TABLE matchmaking_tables ADD COLUMN link TEXT;
