-- The merge lookup takes the open statuses from the application (IncidentStatus.OPEN, bound as a
-- parameter), so its index no longer carries its own copy of that list as a partial predicate:
-- a recent-report index serves it as well, since incidents with a report in the merge window are few.
DROP INDEX incidents_open_recent;
CREATE INDEX incidents_kind_recent ON incidents (kind, last_report_at);
