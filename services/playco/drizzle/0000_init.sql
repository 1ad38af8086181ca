CREATE SCHEMA "playco";
--> statement-breakpoint
CREATE TABLE "playco"."playlist_items" (
	"id" bigint PRIMARY KEY NOT NULL,
	"playlist_id" bigint NOT NULL,
	"position" integer NOT NULL,
	"url" text NOT NULL,
	"video_id" text NOT NULL,
	"title" text NOT NULL,
	"thumbnail_url" text,
	"duration_seconds" integer,
	"added_by" bigint NOT NULL,
	"added_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "playco"."playlists" (
	"id" bigint PRIMARY KEY NOT NULL,
	"owner_id" bigint NOT NULL,
	"name" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"version" integer DEFAULT 0 NOT NULL,
	"item_count" integer DEFAULT 0 NOT NULL,
	"public_listable" boolean DEFAULT false NOT NULL,
	"public_readable" boolean DEFAULT false NOT NULL,
	"public_item_appendable" boolean DEFAULT false NOT NULL,
	"public_item_orderable" boolean DEFAULT false NOT NULL,
	"public_item_deletable" boolean DEFAULT false NOT NULL,
	"allow_duplicate" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "playco"."playlist_items" ADD CONSTRAINT "playlist_items_playlist_id_playlists_id_fk" FOREIGN KEY ("playlist_id") REFERENCES "playco"."playlists"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "playlist_items_video_idx" ON "playco"."playlist_items" USING btree ("playlist_id","video_id");--> statement-breakpoint
CREATE INDEX "playlists_owner_idx" ON "playco"."playlists" USING btree ("owner_id","id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "playlists_public_idx" ON "playco"."playlists" USING btree ("id" DESC NULLS LAST) WHERE "playco"."playlists"."public_listable";