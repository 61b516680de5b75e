CREATE TABLE "open311_clients" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"city_id" uuid NOT NULL,
	"name" text NOT NULL,
	"contact_email" text,
	"key_hash" text NOT NULL,
	"key_hint" text NOT NULL,
	"rate_limit_per_minute" integer DEFAULT 60 NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_used_at" timestamp with time zone,
	"revoked_at" timestamp with time zone,
	CONSTRAINT "open311_clients_key_hash_unique" UNIQUE("key_hash")
);
--> statement-breakpoint
CREATE TABLE "open311_poll_cursors" (
	"authority_id" uuid PRIMARY KEY NOT NULL,
	"city_id" uuid NOT NULL,
	"last_update_at" timestamp with time zone,
	"polled_at" timestamp with time zone,
	"last_error" text
);
--> statement-breakpoint
CREATE TABLE "open311_remote_updates" (
	"authority_id" uuid NOT NULL,
	"update_id" text NOT NULL,
	"city_id" uuid NOT NULL,
	"report_id" uuid NOT NULL,
	"applied_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "open311_remote_updates_authority_id_update_id_pk" PRIMARY KEY("authority_id","update_id")
);
--> statement-breakpoint
CREATE TABLE "open311_tokens" (
	"token" text PRIMARY KEY NOT NULL,
	"city_id" uuid NOT NULL,
	"client_id" uuid NOT NULL,
	"report_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "open311_clients" ADD CONSTRAINT "open311_clients_city_id_cities_id_fk" FOREIGN KEY ("city_id") REFERENCES "public"."cities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "open311_clients" ADD CONSTRAINT "open311_clients_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "open311_poll_cursors" ADD CONSTRAINT "open311_poll_cursors_authority_id_authorities_id_fk" FOREIGN KEY ("authority_id") REFERENCES "public"."authorities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "open311_poll_cursors" ADD CONSTRAINT "open311_poll_cursors_city_id_cities_id_fk" FOREIGN KEY ("city_id") REFERENCES "public"."cities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "open311_remote_updates" ADD CONSTRAINT "open311_remote_updates_authority_id_authorities_id_fk" FOREIGN KEY ("authority_id") REFERENCES "public"."authorities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "open311_remote_updates" ADD CONSTRAINT "open311_remote_updates_city_id_cities_id_fk" FOREIGN KEY ("city_id") REFERENCES "public"."cities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "open311_remote_updates" ADD CONSTRAINT "open311_remote_updates_report_id_reports_id_fk" FOREIGN KEY ("report_id") REFERENCES "public"."reports"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "open311_tokens" ADD CONSTRAINT "open311_tokens_city_id_cities_id_fk" FOREIGN KEY ("city_id") REFERENCES "public"."cities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "open311_tokens" ADD CONSTRAINT "open311_tokens_client_id_open311_clients_id_fk" FOREIGN KEY ("client_id") REFERENCES "public"."open311_clients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "open311_tokens" ADD CONSTRAINT "open311_tokens_report_id_reports_id_fk" FOREIGN KEY ("report_id") REFERENCES "public"."reports"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "open311_clients_city" ON "open311_clients" USING btree ("city_id","created_at");--> statement-breakpoint
CREATE INDEX "open311_remote_updates_report" ON "open311_remote_updates" USING btree ("report_id");--> statement-breakpoint
CREATE INDEX "open311_tokens_report" ON "open311_tokens" USING btree ("report_id");