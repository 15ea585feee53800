"""Fixtures: accounts of every role with tokens, one real HTTP server that accepts them, unique slugs, and the
removal of the suggestions a test wrote."""

from tests.authz.client import client  # noqa: F401  (fixture)
from tests.privacy.graph import _remove_suggestions  # noqa: F401  (fixture)
from tests.support.accounts import accounts, signed_settings, signer  # noqa: F401  (fixtures)
