"""The limits as strawberry extensions: tokens while parsing, then depth, aliases and cost with validation.

Parsing and the standard validation depend on the document alone, so both are cached per document text (a
profile of the API showed graphql-core validating the same page query on every request as a fifth of its CPU).
The limits depend on the variables too (`first: $n`), so they are checked per request, after the cached part.
"""

from collections.abc import Callable, Iterator
from functools import lru_cache, partial

from graphql import DocumentNode, GraphQLError, GraphQLSchema
from strawberry.extensions import MaxTokensLimiter, ParserCache, SchemaExtension
from strawberry.schema.schema import validate_document

from network.kit.limits.credentials import OneCredentialMutation
from network.kit.limits.rules import QueryLimits, limits_errors
from network.settings import Settings

DOCUMENTS_CACHED = 256  # distinct query texts kept; an attacker sending new texts only evicts, never grows it


@lru_cache(maxsize=DOCUMENTS_CACHED)
def _validated(schema: GraphQLSchema, document: DocumentNode, rules: tuple[type, ...]) -> list[GraphQLError]:
    return validate_document(schema, document, rules)


class ValidatedWithinLimits(SchemaExtension):
    """The standard rules and ours on the document alone (cached per document), then the limits for this
    request's variables."""

    def __init__(self, limits: QueryLimits) -> None:
        self.limits = limits

    def on_validate(self) -> Iterator[None]:
        context = self.execution_context
        assert context.graphql_document is not None  # validation follows a successful parse
        rules = (*context.validation_rules, OneCredentialMutation)
        errors = _validated(context.schema._schema, context.graphql_document, rules)
        if not errors:
            errors = limits_errors(
                self.limits,
                context.schema._schema,
                context.graphql_document,
                context.variables or {},
                context.operation_name,
            )
        context.pre_execution_errors = errors
        yield


def limit_extensions(settings: Settings) -> list[Callable[[], SchemaExtension]]:
    """Factories, not instances: strawberry makes fresh extensions per request from them."""
    limits = QueryLimits.from_settings(settings)
    return [
        partial(MaxTokensLimiter, limits.tokens),
        partial(ParserCache, maxsize=DOCUMENTS_CACHED),
        partial(ValidatedWithinLimits, limits),
    ]
