"""Fixtures: one real HTTP server that accepts the tokens of `tests.support.accounts` (accounts and `slugs` come
from the root conftest's plugins)."""

from tests.authz.client import client  # noqa: F401  (fixture)
