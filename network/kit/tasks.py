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
