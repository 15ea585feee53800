"""Counts and times every GraphQL operation by its name and outcome."""

import re
import time
from collections.abc import Iterator

from graphql import GraphQLError
from pydantic import ValidationError
from strawberry.extensions import SchemaExtension

from network.kit.errors import NetworkError, Unavailable
from network.kit.metrics import GRAPHQL_REQUESTS, GRAPHQL_SECONDS

# Operation names come from callers: only plain names become labels, and only so many distinct ones, so neither
# a hostile client nor a careless one can fill the metrics with data or with unbounded series.
_PLAIN_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]{0,63}$")
MAX_OPERATION_NAMES = 200
_seen: set[str] = set()


def operation_label(name: str | None) -> str:
    if not name:
        return "anonymous"
    if not _PLAIN_NAME.match(name):
        return "unnamed"
    if name not in _seen and len(_seen) >= MAX_OPERATION_NAMES:
        return "other"
    _seen.add(name)
    return name


def outcome_of(errors: list[GraphQLError] | None, refused: bool) -> str:
    """ok; refused (parse, validation, limits); unavailable (a backing service); unexpected (a bug); error."""
    if not errors:
        return "ok"
    if refused:
        return "refused"
    originals = [error.original_error for error in errors]
    if any(isinstance(original, Unavailable) for original in originals):
        return "unavailable"
    expected = (NetworkError, ValidationError, GraphQLError)
    if any(original is not None and not isinstance(original, expected) for original in originals):
        return "unexpected"
    return "error"


class CountOperations(SchemaExtension):
    """Placed after the error masking in the schema's extensions, so it sees the original errors."""

    def on_operation(self) -> Iterator[None]:
        started = time.perf_counter()
        yield
        context = self.execution_context
        label = operation_label(context.operation_name)
        errors = context.result.errors if context.result is not None else context.pre_execution_errors
        outcome = outcome_of(errors, refused=not _ran(errors))
        GRAPHQL_REQUESTS.labels(operation=label, outcome=outcome).inc()
        GRAPHQL_SECONDS.labels(operation=label).observe(time.perf_counter() - started)


def _ran(errors: list[GraphQLError] | None) -> bool:
    # Errors raised while resolving carry a path; those of parsing, validation and limits do not.
    return any(error.path for error in errors or ())
