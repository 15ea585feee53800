"""Fixtures: accounts of every role with tokens, one real HTTP server that accepts them, unique slugs."""

from tests.authz.client import client  # noqa: F401  (fixture)
from tests.support.accounts import accounts, signed_settings, signer  # noqa: F401  (fixtures)
