"""Fixtures: unique slugs with cleanup, accounts of every role, and the schema run in-process as one of them."""

from tests.support.accounts import (  # noqa: F401  (fixtures)
    accounts,
    graphql,
    graphql_schema,
    job_queue,
    signed_settings,
    signer,
)
from tests.support.cleanup import slugs  # noqa: F401  (fixture)
