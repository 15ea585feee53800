// Experience reports (network/reports): found by id; one per association and tool, which `key` (association id and
// tool id) guards, so two members writing for one association at once make one report, not two.
CREATE CONSTRAINT experience_report_id IF NOT EXISTS FOR (n:ExperienceReport) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT experience_report_key IF NOT EXISTS FOR (n:ExperienceReport) REQUIRE n.key IS UNIQUE;
// Staff's moderation queue reads pending reports oldest first; a tool's page reads approved ones.
CREATE INDEX experience_report_status IF NOT EXISTS FOR (n:ExperienceReport) ON (n.status, n.submittedAt);
// Search finds reports by what they say (approved ones only: the query filters on status).
CREATE FULLTEXT INDEX report_text IF NOT EXISTS
FOR (n:ExperienceReport) ON EACH [n.usedFor, n.wentWell, n.wentBadly, n.tips];
