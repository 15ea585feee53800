"""The limits as strawberry extensions: tokens while parsing, then depth, aliases and cost in validation."""

from collections.abc import Callable, Iterator
from functools import partial

from strawberry.extensions import AddValidationRules, MaxTokensLimiter, SchemaExtension

from network.kit.limits.rules import QueryLimits, limits_rule
from network.settings import Settings


class QueryLimitsRules(AddValidationRules):
    """Adds the limits rule, built per request so that `first: $n` costs what `$n` asks for."""

    def __init__(self, limits: QueryLimits) -> None:
        super().__init__([])
        self.limits = limits

    def on_operation(self) -> Iterator[None]:
        self.validation_rules = [limits_rule(self.limits, self.execution_context.variables or {})]
        yield from super().on_operation()


def limit_extensions(settings: Settings) -> list[Callable[[], SchemaExtension]]:
    """Factories, not instances: strawberry makes fresh extensions per request from them."""
    limits = QueryLimits.from_settings(settings)
    return [partial(MaxTokensLimiter, limits.tokens), partial(QueryLimitsRules, limits)]
