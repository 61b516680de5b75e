CREATE TABLE "announcements" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"city_id" uuid NOT NULL,
	"author_user_id" uuid,
	"title" jsonb NOT NULL,
	"body" jsonb NOT NULL,
	"area_codes" text[] DEFAULT '{}'::text[] NOT NULL,
	"category_codes" text[] DEFAULT '{}'::text[] NOT NULL,
	"recipients" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"sent_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "fix_feedback" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"city_id" uuid NOT NULL,
	"report_id" uuid NOT NULL,
	"fixed_at" timestamp with time zone NOT NULL,
	"fixed" boolean NOT NULL,
	"score" smallint,
	"comment" text,
	"language" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "notification_templates" (
	"city_id" uuid NOT NULL,
	"template" text NOT NULL,
	"language" text NOT NULL,
	"subject" text NOT NULL,
	"body" text NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "notification_templates_city_id_template_language_pk" PRIMARY KEY("city_id","template","language")
);
--> statement-breakpoint
CREATE TABLE "notifications" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"city_id" uuid NOT NULL,
	"subscription_id" uuid,
	"channel" text NOT NULL,
	"address" text NOT NULL,
	"language" text NOT NULL,
	"event_key" text NOT NULL,
	"template" text NOT NULL,
	"params" jsonb NOT NULL,
	"status" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"sent_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "report_supporters" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"city_id" uuid NOT NULL,
	"report_id" uuid NOT NULL,
	"user_id" uuid,
	"email" text,
	"confirmed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "settings" (
	"key" text PRIMARY KEY NOT NULL,
	"value" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "suppressions" (
	"city_id" uuid NOT NULL,
	"channel" text NOT NULL,
	"address" text NOT NULL,
	"reason" text NOT NULL,
	"detail" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "suppressions_city_id_channel_address_pk" PRIMARY KEY("city_id","channel","address")
);
--> statement-breakpoint
ALTER TABLE "subscriptions" RENAME COLUMN "email" TO "address";--> statement-breakpoint
DROP INDEX "subscriptions_report_email";--> statement-breakpoint
ALTER TABLE "reports" ADD COLUMN "supporter_count" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "reports" ADD COLUMN "reporter_notify" boolean DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE "subscriptions" ADD COLUMN "channel" text DEFAULT 'email' NOT NULL;--> statement-breakpoint
ALTER TABLE "subscriptions" ADD COLUMN "lat" double precision;--> statement-breakpoint
ALTER TABLE "subscriptions" ADD COLUMN "lon" double precision;--> statement-breakpoint
ALTER TABLE "subscriptions" ADD COLUMN "radius_m" integer;--> statement-breakpoint
ALTER TABLE "subscriptions" ADD COLUMN "push_keys" jsonb;--> statement-breakpoint
ALTER TABLE "subscriptions" ADD COLUMN "frequency" text DEFAULT 'instant' NOT NULL;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "notify_own_reports" boolean DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE "announcements" ADD CONSTRAINT "announcements_city_id_cities_id_fk" FOREIGN KEY ("city_id") REFERENCES "public"."cities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "announcements" ADD CONSTRAINT "announcements_author_user_id_users_id_fk" FOREIGN KEY ("author_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fix_feedback" ADD CONSTRAINT "fix_feedback_city_id_cities_id_fk" FOREIGN KEY ("city_id") REFERENCES "public"."cities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fix_feedback" ADD CONSTRAINT "fix_feedback_report_id_reports_id_fk" FOREIGN KEY ("report_id") REFERENCES "public"."reports"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notification_templates" ADD CONSTRAINT "notification_templates_city_id_cities_id_fk" FOREIGN KEY ("city_id") REFERENCES "public"."cities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notification_templates" ADD CONSTRAINT "notification_templates_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_city_id_cities_id_fk" FOREIGN KEY ("city_id") REFERENCES "public"."cities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_subscription_id_subscriptions_id_fk" FOREIGN KEY ("subscription_id") REFERENCES "public"."subscriptions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_supporters" ADD CONSTRAINT "report_supporters_city_id_cities_id_fk" FOREIGN KEY ("city_id") REFERENCES "public"."cities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_supporters" ADD CONSTRAINT "report_supporters_report_id_reports_id_fk" FOREIGN KEY ("report_id") REFERENCES "public"."reports"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_supporters" ADD CONSTRAINT "report_supporters_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "suppressions" ADD CONSTRAINT "suppressions_city_id_cities_id_fk" FOREIGN KEY ("city_id") REFERENCES "public"."cities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "announcements_city_created" ON "announcements" USING btree ("city_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "fix_feedback_report_fix" ON "fix_feedback" USING btree ("report_id","fixed_at");--> statement-breakpoint
CREATE INDEX "fix_feedback_city_created" ON "fix_feedback" USING btree ("city_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "notifications_event_recipient" ON "notifications" USING btree ("event_key","channel","address");--> statement-breakpoint
CREATE INDEX "notifications_recipient_created" ON "notifications" USING btree ("channel","address","created_at");--> statement-breakpoint
CREATE INDEX "notifications_digest" ON "notifications" USING btree ("city_id","status","subscription_id") WHERE "notifications"."status" = 'digest';--> statement-breakpoint
CREATE UNIQUE INDEX "report_supporters_user" ON "report_supporters" USING btree ("report_id","user_id") WHERE "report_supporters"."user_id" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "report_supporters_email" ON "report_supporters" USING btree ("report_id","email") WHERE "report_supporters"."email" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "subscriptions_report_channel_address" ON "subscriptions" USING btree ("report_id","channel","address") WHERE "subscriptions"."kind" = 'report';--> statement-breakpoint
CREATE INDEX "subscriptions_address" ON "subscriptions" USING btree ("channel","address");