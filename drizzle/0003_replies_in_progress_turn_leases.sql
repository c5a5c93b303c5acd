CREATE TABLE "turn_leases" (
	"turn_id" text NOT NULL,
	"user_id" uuid NOT NULL,
	"conversation_id" uuid NOT NULL,
	"lease_until" timestamp (3) with time zone NOT NULL,
	CONSTRAINT "turn_leases_user_id_turn_id_pk" PRIMARY KEY("user_id","turn_id")
);
--> statement-breakpoint
ALTER TABLE "messages" DROP CONSTRAINT "messages_status_valid";--> statement-breakpoint
ALTER TABLE "messages" ADD COLUMN "turn_id" text;--> statement-breakpoint
ALTER TABLE "messages" ADD COLUMN "lease_until" timestamp (3) with time zone;--> statement-breakpoint
ALTER TABLE "turn_leases" ADD CONSTRAINT "turn_leases_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "messages_streaming_idx" ON "messages" USING btree ("lease_until") WHERE "messages"."status" = 'streaming';--> statement-breakpoint
ALTER TABLE "messages" ADD CONSTRAINT "messages_status_valid" CHECK ("messages"."status" in ('streaming', 'complete', 'stopped', 'error', 'interrupted'));