"""What one operation asks for, measured on its syntax tree before anything runs: depth, aliases and cost."""

from collections.abc import Callable, Mapping
from typing import Any

from graphql import (
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLInterfaceType,
    GraphQLNamedType,
    GraphQLObjectType,
    GraphQLOutputType,
    GraphQLSchema,
    InlineFragmentNode,
    IntValueNode,
    OperationDefinitionNode,
    SelectionSetNode,
    ValueNode,
    VariableNode,
    get_named_type,
    get_nullable_type,
    is_list_type,
    value_from_ast_untyped,
)

# Introspection is answered from the schema in memory, and GraphiQL's own introspection query nests deeper
# than any limit meant for data; the token limit still bounds it, and production switches introspection off.
INTROSPECTION = frozenset({"__schema", "__type"})
# What a list is assumed to hold when the query does not say with `first` or `last`.
DEFAULT_ITEMS = 10
# The fields of a Relay connection that repeat once per item of the page.
PAGE_FIELDS = frozenset({"edges", "nodes"})


def is_connection(named: GraphQLNamedType | None) -> bool:
    return named is not None and named.name.endswith("Connection")


def is_list(output: GraphQLOutputType | None) -> bool:
    return output is not None and is_list_type(get_nullable_type(output))


class Measure:
    """Measures one operation; a fragment is measured once however often it is spread, so spreads cannot explode."""

    def __init__(
        self,
        schema: GraphQLSchema,
        fragments: Mapping[str, FragmentDefinitionNode],
        operation: OperationDefinitionNode,
        variables: Mapping[str, Any],
    ) -> None:
        self.schema = schema
        self.fragments = fragments
        self.operation = operation
        self.variables = {**_variable_defaults(operation), **variables}
        self._known: dict[tuple[str, str, int | None], int] = {}
        self._busy: set[tuple[str, str, int | None]] = set()

    def depth(self, selection_set: SelectionSetNode) -> int:
        """How many selection sets nest below this one: `{ tools { slug } }` has depth 1."""
        deepest = 0
        for node in selection_set.selections:
            if isinstance(node, FieldNode):
                below = _measured_selections(node)
                inner = 1 + self.depth(below) if below else 0
            elif isinstance(node, InlineFragmentNode):
                inner = self.depth(node.selection_set)
            else:
                assert isinstance(node, FragmentSpreadNode)  # the only other kind of selection
                inner = self._fragment("depth", node.name.value, lambda f: self.depth(f.selection_set))
            deepest = max(deepest, inner)
        return deepest

    def aliases(self, selection_set: SelectionSetNode) -> int:
        count = 0
        for node in selection_set.selections:
            if isinstance(node, FieldNode):
                count += (node.alias is not None) + (self.aliases(node.selection_set) if node.selection_set else 0)
            elif isinstance(node, InlineFragmentNode):
                count += self.aliases(node.selection_set)
            else:
                assert isinstance(node, FragmentSpreadNode)  # the only other kind of selection
                count += self._fragment("aliases", node.name.value, lambda f: self.aliases(f.selection_set))
        return count

    def cost(self, selection_set: SelectionSetNode, parent: GraphQLNamedType | None, page: int | None = None) -> int:
        """The fields that could be resolved; `page` is how many items `edges`/`nodes` hold below a connection."""
        total = 0
        for node in selection_set.selections:
            if isinstance(node, FieldNode):
                total += self._field_cost(node, parent, page)
            elif isinstance(node, InlineFragmentNode):
                total += self.cost(node.selection_set, self._condition(node, parent), page)
            else:
                assert isinstance(node, FragmentSpreadNode)  # the only other kind of selection
                total += self._fragment(
                    "cost", node.name.value, lambda f: self.cost(f.selection_set, self._condition(f, None), page), page
                )
        return total

    def operation_cost(self) -> int:
        return self.cost(self.operation.selection_set, self.schema.get_root_type(self.operation.operation))

    def _field_cost(self, node: FieldNode, parent: GraphQLNamedType | None, page: int | None) -> int:
        if node.name.value in INTROSPECTION:
            return 0
        if node.selection_set is None:
            return 1
        output = _field_type(parent, node.name.value)
        named = get_named_type(output) if output else None
        if is_connection(named):
            return 1 + self.cost(node.selection_set, named, self._items(node))
        if page is not None and is_connection(parent) and node.name.value in PAGE_FIELDS:
            times = page
        else:
            times = self._items(node) if is_list(output) else 1
        return 1 + times * self.cost(node.selection_set, named)

    def _items(self, node: FieldNode) -> int:
        """How many items a list or connection asks for: its `first` or `last`, else DEFAULT_ITEMS."""
        asked = [
            self._int(argument.value) for argument in node.arguments or () if argument.name.value in ("first", "last")
        ]
        known = [items for items in asked if items is not None]
        return max(known) if known else DEFAULT_ITEMS

    def _int(self, value: ValueNode) -> int | None:
        if isinstance(value, VariableNode):
            given = self.variables.get(value.name.value)
        elif isinstance(value, IntValueNode):
            given = int(value.value)
        else:
            return None
        # A wrong type is refused when variables are coerced; until then it counts as unknown.
        return max(given, 0) if isinstance(given, int) and not isinstance(given, bool) else None

    def _condition(
        self, node: InlineFragmentNode | FragmentDefinitionNode, parent: GraphQLNamedType | None
    ) -> GraphQLNamedType | None:
        return self.schema.get_type(node.type_condition.name.value) if node.type_condition else parent

    def _fragment(
        self, kind: str, name: str, measure: Callable[[FragmentDefinitionNode], int], page: int | None = None
    ) -> int:
        key = (kind, name, page)
        fragment = self.fragments.get(name)
        if key in self._known or fragment is None or key in self._busy:
            return self._known.get(key, 0)  # unknown and cyclic fragments are reported by graphql's own rules
        self._busy.add(key)
        self._known[key] = measure(fragment)
        self._busy.discard(key)
        return self._known[key]


def _measured_selections(node: FieldNode) -> SelectionSetNode | None:
    return None if node.name.value in INTROSPECTION else node.selection_set


def _field_type(parent: GraphQLNamedType | None, name: str) -> GraphQLOutputType | None:
    if isinstance(parent, GraphQLObjectType | GraphQLInterfaceType):
        field = parent.fields.get(name)
        return field.type if field else None
    return None


def _variable_defaults(operation: OperationDefinitionNode) -> dict[str, Any]:
    return {
        definition.variable.name.value: value_from_ast_untyped(definition.default_value)
        for definition in operation.variable_definitions or ()
        if definition.default_value is not None
    }
