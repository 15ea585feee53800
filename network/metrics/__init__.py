"""Prometheus metrics of the API: the `/metrics` endpoint, GraphQL operations, and the job queue seen from it."""
