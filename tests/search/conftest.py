"""Fixtures: the experience reports' cast (members with associations, staff), for searching reports."""

from tests.reports.conftest import cast  # noqa: F401  (a fixture)
