"""The check that refuses an operation over its depth, alias or cost limit, naming the limit."""

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from graphql import DocumentNode, FragmentDefinitionNode, GraphQLError, GraphQLSchema, OperationDefinitionNode
from graphql.execution.values import get_variable_values

from network.kit.errors import InvalidInput
from network.kit.limits.measures import Measure
from network.kit.limits.pages import MAX_PAGE_SIZE
from network.settings import Settings


@dataclass(frozen=True)
class QueryLimits:
    depth: int
    aliases: int
    tokens: int
    cost: int

    @classmethod
    def from_settings(cls, settings: Settings) -> "QueryLimits":
        return cls(
            depth=settings.max_query_depth,
            aliases=settings.max_query_aliases,
            tokens=settings.max_query_tokens,
            cost=settings.max_query_cost,
        )

    def exceeded(self, measure: Measure) -> str | None:
        """The first limit the operation breaks, as a message for the caller; cost is only estimated for
        operations within the other limits, so a refused query gets exactly one error."""
        depth = measure.depth(measure.operation.selection_set)
        if depth > self.depth:
            return f"query depth {depth} exceeds the limit of {self.depth}"
        aliases = measure.aliases(measure.operation.selection_set)
        if aliases > self.aliases:
            return f"query uses {aliases} aliases, more than the limit of {self.aliases}"
        cost = measure.operation_cost()
        if cost > self.cost:
            return (
                f"query cost {cost} exceeds the limit of {self.cost}; "
                "ask for fewer items with `first` or nest fewer lists"
            )
        return None


def limits_errors(
    limits: QueryLimits,
    schema: GraphQLSchema,
    document: DocumentNode,
    variables: Mapping[str, Any],
    operation_name: str | None = None,
) -> list[GraphQLError]:
    """One error per operation over a limit (only the one named, when a name is given); the variables count where
    `first: $n` asks for items.

    They count as the resolvers will get them: coerced as execution coerces them, defaults included. Variables
    that do not coerce are refused here with graphql-core's own errors, the ones execution would give.
    """
    fragments = {d.name.value: d for d in document.definitions if isinstance(d, FragmentDefinitionNode)}
    errors: list[GraphQLError] = []
    for node in document.definitions:
        named = node.name.value if isinstance(node, OperationDefinitionNode) and node.name else None
        if isinstance(node, OperationDefinitionNode) and operation_name in (None, named):
            coerced = get_variable_values(schema, node.variable_definitions or (), dict(variables), max_errors=5)
            if isinstance(coerced, list):
                errors.extend(coerced)
                continue
            measure = Measure(schema, fragments, node, coerced)
            problem = limits.exceeded(measure)
            if problem:
                errors.append(GraphQLError(problem, node))
            elif measure.bad_pages:
                name, asked = measure.bad_pages[0]
                errors.append(
                    GraphQLError(
                        f"{name} must be between 1 and {MAX_PAGE_SIZE}, got {asked}",
                        node,
                        extensions={"code": InvalidInput.code, "field": name},
                    )
                )
    return errors
