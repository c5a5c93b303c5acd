CREATE TABLE "app_settings" (
	"key" text PRIMARY KEY NOT NULL,
	"data" jsonb NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "hourly_replies" (
	"user_id" uuid PRIMARY KEY NOT NULL,
	"hour" text NOT NULL,
	"count" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "person_limits" (
	"user_id" uuid PRIMARY KEY NOT NULL,
	"data" jsonb NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "usage_model_day" (
	"day" date NOT NULL,
	"model" text NOT NULL,
	"prompt_tokens" bigint NOT NULL,
	"completion_tokens" bigint NOT NULL,
	"replies" integer NOT NULL,
	"cost_nano_usd" bigint NOT NULL,
	CONSTRAINT "usage_model_day_day_model_pk" PRIMARY KEY("day","model")
);
--> statement-breakpoint
CREATE TABLE "usage_person_day" (
	"user_id" uuid NOT NULL,
	"day" date NOT NULL,
	"prompt_tokens" bigint NOT NULL,
	"completion_tokens" bigint NOT NULL,
	"replies" integer NOT NULL,
	"cost_nano_usd" bigint NOT NULL,
	CONSTRAINT "usage_person_day_user_id_day_pk" PRIMARY KEY("user_id","day")
);
--> statement-breakpoint
CREATE TABLE "usage_person_month" (
	"month" text NOT NULL,
	"user_id" uuid NOT NULL,
	"prompt_tokens" bigint NOT NULL,
	"completion_tokens" bigint NOT NULL,
	"replies" integer NOT NULL,
	"cost_nano_usd" bigint NOT NULL,
	CONSTRAINT "usage_person_month_month_user_id_pk" PRIMARY KEY("month","user_id")
);
--> statement-breakpoint
ALTER TABLE "hourly_replies" ADD CONSTRAINT "hourly_replies_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "person_limits" ADD CONSTRAINT "person_limits_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "usage_person_day_day_idx" ON "usage_person_day" USING btree ("day","user_id");