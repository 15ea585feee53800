"""The worker's task names, in one place: services enqueue jobs by these names and `jobs/` registers its functions
under them, so neither side copies a string of the other."""

CENSUS = "graph.census"
SUGGESTIONS_RECOMPUTE = "suggestions.recompute"  # the full recompute, started by staff or `network jobs`
SUGGESTIONS_REFRESH = "suggestions.refresh"  # the debounced refresh after profile changes
SUGGESTIONS_NIGHTLY = "suggestions.nightly"  # cron: the nightly full recompute
SUGGESTIONS_EXPIRE = "suggestions.expire"  # cron: unanswered suggestions expire
EVENT_INVITES = "events.invites"  # the invites of one event, after it changed
JOB_RUNS_PRUNE = "job_runs.prune"  # cron: old finished job runs are deleted
JOB_RUNS_SWEEP = "job_runs.sweep"  # cron: running job runs whose worker stopped beating are marked failed
MAIL_DELIVER = "mail.deliver"  # sends pending notifications of accounts that want mail at once (also every minute)
MAIL_DIGESTS = "mail.digests"  # cron: the daily and weekly digests
MAIL_PRUNE = "mail.prune"  # cron: settled notifications past their retention are deleted
REMINDERS = "reminders.write"  # cron: reminders of unanswered suggestions and upcoming events, into the outbox
HELP_ROUTE = "help.route"  # a new technical question goes to the volunteers who fit it best
INSIGHTS_REFRESH = "insights.refresh"  # cron: the staff insights, taken and kept for the `insights` query
