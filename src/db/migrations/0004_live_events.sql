CREATE TABLE "live_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"city_id" uuid NOT NULL,
	"type" text NOT NULL,
	"ref" text NOT NULL,
	"category" text NOT NULL,
	"area" text NOT NULL,
	"lat" double precision NOT NULL,
	"lon" double precision NOT NULL,
	"state" text NOT NULL,
	"title" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "live_events" ADD CONSTRAINT "live_events_city_id_cities_id_fk" FOREIGN KEY ("city_id") REFERENCES "public"."cities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "live_events_city_id" ON "live_events" USING btree ("city_id","id");--> statement-breakpoint
CREATE INDEX "live_events_created_at" ON "live_events" USING btree ("created_at");