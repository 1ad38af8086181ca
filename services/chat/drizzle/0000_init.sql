CREATE SCHEMA "chat";
--> statement-breakpoint
CREATE TABLE "chat"."blocks" (
	"blocker_id" bigint NOT NULL,
	"blocked_id" bigint NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "blocks_blocker_id_blocked_id_pk" PRIMARY KEY("blocker_id","blocked_id")
);
--> statement-breakpoint
CREATE TABLE "chat"."friend_requests" (
	"id" bigint PRIMARY KEY NOT NULL,
	"from_user_id" bigint NOT NULL,
	"to_user_id" bigint NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "chat"."friendships" (
	"user_id" bigint NOT NULL,
	"friend_id" bigint NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "friendships_user_id_friend_id_pk" PRIMARY KEY("user_id","friend_id")
);
--> statement-breakpoint
CREATE TABLE "chat"."messages" (
	"id" bigint PRIMARY KEY NOT NULL,
	"room_id" bigint NOT NULL,
	"author_id" bigint,
	"kind" text NOT NULL,
	"text" text,
	"image_upload_id" bigint,
	"client_msg_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"edited_at" timestamp with time zone,
	"deleted_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "chat"."room_invitations" (
	"id" bigint PRIMARY KEY NOT NULL,
	"room_id" bigint NOT NULL,
	"inviter_id" bigint NOT NULL,
	"invitee_id" bigint NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "chat"."room_members" (
	"room_id" bigint NOT NULL,
	"user_id" bigint NOT NULL,
	"role" text DEFAULT 'member' NOT NULL,
	"last_read_message_id" bigint,
	"read_at" timestamp with time zone,
	"joined_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "room_members_room_id_user_id_pk" PRIMARY KEY("room_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "chat"."rooms" (
	"id" bigint PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"name" text,
	"owner_id" bigint,
	"direct_key" text,
	"opens_at" timestamp with time zone,
	"closes_at" timestamp with time zone,
	"slow_mode_seconds" integer DEFAULT 0 NOT NULL,
	"last_message_id" bigint,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "rooms_kind" CHECK ("chat"."rooms"."kind" in ('direct', 'group', 'open'))
);
--> statement-breakpoint
CREATE TABLE "chat"."user_settings" (
	"user_id" bigint PRIMARY KEY NOT NULL,
	"read_receipts" boolean DEFAULT true NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "chat"."messages" ADD CONSTRAINT "messages_room_id_rooms_id_fk" FOREIGN KEY ("room_id") REFERENCES "chat"."rooms"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "chat"."room_invitations" ADD CONSTRAINT "room_invitations_room_id_rooms_id_fk" FOREIGN KEY ("room_id") REFERENCES "chat"."rooms"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "chat"."room_members" ADD CONSTRAINT "room_members_room_id_rooms_id_fk" FOREIGN KEY ("room_id") REFERENCES "chat"."rooms"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "blocks_blocked" ON "chat"."blocks" USING btree ("blocked_id");--> statement-breakpoint
CREATE UNIQUE INDEX "friend_requests_pair" ON "chat"."friend_requests" USING btree ("from_user_id","to_user_id");--> statement-breakpoint
CREATE INDEX "friend_requests_to" ON "chat"."friend_requests" USING btree ("to_user_id");--> statement-breakpoint
CREATE INDEX "messages_room_id" ON "chat"."messages" USING btree ("room_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "messages_client_msg_id" ON "chat"."messages" USING btree ("room_id","author_id","client_msg_id");--> statement-breakpoint
CREATE UNIQUE INDEX "room_invitations_pair" ON "chat"."room_invitations" USING btree ("room_id","invitee_id");--> statement-breakpoint
CREATE INDEX "room_invitations_invitee" ON "chat"."room_invitations" USING btree ("invitee_id");--> statement-breakpoint
CREATE INDEX "room_members_user" ON "chat"."room_members" USING btree ("user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "rooms_direct_key" ON "chat"."rooms" USING btree ("direct_key");--> statement-breakpoint
CREATE INDEX "rooms_closes_at" ON "chat"."rooms" USING btree ("closes_at") WHERE "chat"."rooms"."kind" = 'open';