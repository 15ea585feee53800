"""The API's own Prometheus series, defined once per process; `/metrics` (network/metrics) serves them.

No label carries a person's data: operation names are checked and bounded (network/metrics/graphql.py), error
kinds and outcomes are fixed words.
"""

from prometheus_client import Counter, Histogram

GRAPHQL_REQUESTS = Counter(
    "network_graphql_requests_total",
    "GraphQL operations by operation name and outcome (ok, invalid, refused, unavailable, unexpected).",
    ["operation", "outcome"],
)
GRAPHQL_SECONDS = Histogram(
    "network_graphql_request_seconds",
    "Time to execute one GraphQL operation, by operation name.",
    ["operation"],
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30),
)
DATABASE_ERRORS = Counter(
    "network_database_errors_total",
    "Database calls that failed because Neo4j could not be reached or did not answer in time, by kind.",
    ["kind"],
)
DATABASE_RETRIES = Counter(
    "network_database_retries_total",
    "Transactions the driver ran again after a transient failure.",
)
