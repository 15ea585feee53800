"""Fixtures: one real HTTP server that accepts the tokens of `tests.support.accounts`, and the removal of the
suggestions a test wrote (accounts and `slugs` come from the root conftest's plugins)."""

from tests.authz.client import client  # noqa: F401  (fixture)
from tests.privacy.graph import _remove_suggestions  # noqa: F401  (fixture)
