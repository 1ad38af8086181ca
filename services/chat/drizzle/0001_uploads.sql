CREATE TABLE "chat"."uploads" (
	"id" bigint PRIMARY KEY NOT NULL,
	"owner_id" bigint NOT NULL,
	"purpose" text NOT NULL,
	"content_type" text NOT NULL,
	"size" bigint NOT NULL,
	"object_key" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"completed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE INDEX "uploads_owner" ON "chat"."uploads" USING btree ("owner_id");--> statement-breakpoint
CREATE INDEX "uploads_pending" ON "chat"."uploads" USING btree ("created_at");