CREATE TABLE "auth"."uploads" (
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
ALTER TABLE "auth"."users" ADD COLUMN "avatar_upload_id" bigint;--> statement-breakpoint
CREATE INDEX "uploads_owner" ON "auth"."uploads" USING btree ("owner_id");--> statement-breakpoint
CREATE INDEX "uploads_pending" ON "auth"."uploads" USING btree ("created_at");--> statement-breakpoint
ALTER TABLE "auth"."users" ADD CONSTRAINT "users_avatar_upload_id_uploads_id_fk" FOREIGN KEY ("avatar_upload_id") REFERENCES "auth"."uploads"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "users_avatar_upload_idx" ON "auth"."users" USING btree ("avatar_upload_id");--> statement-breakpoint
ALTER TABLE "auth"."users" DROP COLUMN "avatar_url";