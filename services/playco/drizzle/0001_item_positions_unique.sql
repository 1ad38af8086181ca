-- Dense positions are kept under a lock on the playlist row; this constraint is the safety net.
-- Deferrable, so one statement may shift a run of positions (it is checked when the statement ends).
ALTER TABLE "playco"."playlist_items" ADD CONSTRAINT "playlist_items_position_unique" UNIQUE ("playlist_id", "position") DEFERRABLE INITIALLY IMMEDIATE;
