// Properties that list filters and the matching jobs look up.
CREATE INDEX association_visibility IF NOT EXISTS FOR (n:Association) ON (n.visibility);
CREATE INDEX association_paid_staff IF NOT EXISTS FOR (n:Association) ON (n.paidStaff);
CREATE INDEX association_created_at IF NOT EXISTS FOR (n:Association) ON (n.createdAt);
CREATE INDEX volunteer_remote IF NOT EXISTS FOR (n:Volunteer) ON (n.remote);
CREATE INDEX event_starts_at IF NOT EXISTS FOR (n:Event) ON (n.startsAt);
CREATE INDEX event_status IF NOT EXISTS FOR (n:Event) ON (n.status);
CREATE INDEX event_format IF NOT EXISTS FOR (n:Event) ON (n.format);
CREATE INDEX tool_category IF NOT EXISTS FOR (n:Tool) ON (n.category);
CREATE INDEX tool_open_source IF NOT EXISTS FOR (n:Tool) ON (n.openSource);
CREATE INDEX suggestion_kind_status IF NOT EXISTS FOR (n:Suggestion) ON (n.kind, n.status);
CREATE INDEX suggestion_computed_at IF NOT EXISTS FOR (n:Suggestion) ON (n.computedAt);
CREATE INDEX job_run_status IF NOT EXISTS FOR (n:JobRun) ON (n.status);
