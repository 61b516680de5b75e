CREATE TABLE "report_stats" (
	"city_id" uuid NOT NULL,
	"grain" text NOT NULL,
	"period" date NOT NULL,
	"area_code" text NOT NULL,
	"category_code" text NOT NULL,
	"authority_id" uuid NOT NULL,
	"received" integer NOT NULL,
	"acknowledged" integer NOT NULL,
	"fixed" integer NOT NULL,
	"within_target" integer NOT NULL,
	"ack_hist" jsonb NOT NULL,
	"fix_hist" jsonb NOT NULL,
	"fixed_months" jsonb NOT NULL,
	"heat" jsonb NOT NULL,
	CONSTRAINT "report_stats_city_id_grain_period_area_code_category_code_authority_id_pk" PRIMARY KEY("city_id","grain","period","area_code","category_code","authority_id")
);
--> statement-breakpoint
CREATE TABLE "report_stats_dirty" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"city_id" uuid NOT NULL,
	"month" date NOT NULL
);
--> statement-breakpoint
DROP INDEX "reports_city_fixed";--> statement-breakpoint
ALTER TABLE "report_stats" ADD CONSTRAINT "report_stats_city_id_cities_id_fk" FOREIGN KEY ("city_id") REFERENCES "public"."cities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "report_stats_dirty_city_month" ON "report_stats_dirty" USING btree ("city_id","month");--> statement-breakpoint
CREATE INDEX "reports_duplicate_of" ON "reports" USING btree ("duplicate_of_id") WHERE "reports"."duplicate_of_id" is not null;--> statement-breakpoint
CREATE INDEX "reports_city_backlog" ON "reports" USING btree ("city_id","created_at","area_code","category_code","authority_id","confirmed_at","priority") WHERE "reports"."state" in ('confirmed', 'in_progress', 'action_scheduled', 'reopened');--> statement-breakpoint
CREATE INDEX "reports_city_fixed" ON "reports" USING btree ("city_id","fixed_at","authority_id","area_code") WHERE "reports"."state" in ('fixed', 'closed') and "reports"."fixed_at" is not null;--> statement-breakpoint
-- A change the figures of report_stats read marks the month of the report's filing (before and after).
CREATE FUNCTION report_stats_mark_reports() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO report_stats_dirty (city_id, month)
      SELECT DISTINCT n.city_id, date_trunc('month', n.created_at AT TIME ZONE 'UTC')::date FROM new_rows n;
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO report_stats_dirty (city_id, month)
      SELECT DISTINCT o.city_id, date_trunc('month', o.created_at AT TIME ZONE 'UTC')::date FROM old_rows o;
  ELSE
    INSERT INTO report_stats_dirty (city_id, month)
      SELECT DISTINCT c.city_id, date_trunc('month', c.created_at AT TIME ZONE 'UTC')::date
      FROM new_rows n JOIN old_rows o ON o.id = n.id
      CROSS JOIN LATERAL (VALUES (n.city_id, n.created_at), (o.city_id, o.created_at)) AS c(city_id, created_at)
      WHERE (n.state, n.created_at, n.confirmed_at, n.acknowledged_at, n.fixed_at, n.area_code, n.category_code, n.authority_id, n.lat, n.lon)
        IS DISTINCT FROM (o.state, o.created_at, o.confirmed_at, o.acknowledged_at, o.fixed_at, o.area_code, o.category_code, o.authority_id, o.lat, o.lon);
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER report_stats_mark_insert AFTER INSERT ON reports REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION report_stats_mark_reports();
--> statement-breakpoint
CREATE TRIGGER report_stats_mark_update AFTER UPDATE ON reports REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION report_stats_mark_reports();
--> statement-breakpoint
CREATE TRIGGER report_stats_mark_delete AFTER DELETE ON reports REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION report_stats_mark_reports();
--> statement-breakpoint
-- A category's new target time changes its "fixed within target" counts in every month.
CREATE FUNCTION report_stats_mark_category() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO report_stats_dirty (city_id, month)
    SELECT DISTINCT city_id, date_trunc('month', period)::date FROM report_stats WHERE city_id = NEW.city_id AND grain = 'month' AND category_code = NEW.code;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER report_stats_mark_category AFTER UPDATE OF target_days ON categories
  FOR EACH ROW WHEN (OLD.target_days IS DISTINCT FROM NEW.target_days) EXECUTE FUNCTION report_stats_mark_category();
--> statement-breakpoint
-- Reports filed before this migration: every month is to be computed once.
INSERT INTO report_stats_dirty (city_id, month)
  SELECT DISTINCT city_id, date_trunc('month', created_at AT TIME ZONE 'UTC')::date FROM reports;
