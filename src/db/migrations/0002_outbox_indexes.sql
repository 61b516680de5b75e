DROP INDEX "outbox_due";--> statement-breakpoint
CREATE INDEX "outbox_pending" ON "outbox" USING btree ("id") WHERE "outbox"."status" = 'pending';--> statement-breakpoint
CREATE INDEX "outbox_city_status" ON "outbox" USING btree ("city_id","status","id");