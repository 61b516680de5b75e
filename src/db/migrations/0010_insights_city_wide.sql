-- The stored figures gain city-wide rows per grouping (grain city-day and city-month, see
-- insights/rollup.repo.ts): every month already stored is rewritten once by the refresh job
-- (until then its figures are computed from its reports, as for any month marked to redo).
INSERT INTO report_stats_dirty (city_id, month)
  SELECT DISTINCT city_id, period FROM report_stats WHERE grain = 'month';
