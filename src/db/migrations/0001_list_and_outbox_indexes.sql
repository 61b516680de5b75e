DROP INDEX "outbox_due";--> statement-breakpoint
CREATE INDEX "outbox_pending" ON "outbox" USING btree ("id") WHERE "outbox"."status" = 'pending';--> statement-breakpoint
CREATE INDEX "outbox_city_status" ON "outbox" USING btree ("city_id","status","id");--> statement-breakpoint
CREATE INDEX "reports_city_created" ON "reports" USING btree ("city_id","created_at","id") WHERE "reports"."state" <> 'open';--> statement-breakpoint
CREATE INDEX "reports_city_priority" ON "reports" USING btree ("city_id","priority","created_at","id") WHERE "reports"."state" <> 'open';