ALTER TABLE "messages" ADD COLUMN "reasoning" text;--> statement-breakpoint
ALTER TABLE "messages" ADD COLUMN "reasoning_ms" integer;--> statement-breakpoint
ALTER TABLE "messages" ADD COLUMN "reasoning_tokens" integer;