"""What one operation asks for, measured on its syntax tree before anything runs: depth, aliases and cost."""

from collections.abc import Callable, Mapping

from graphql import (
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLError,
    GraphQLField,
    GraphQLInterfaceType,
    GraphQLNamedType,
    GraphQLObjectType,
    GraphQLOutputType,
    GraphQLSchema,
    InlineFragmentNode,
    OperationDefinitionNode,
    SelectionSetNode,
    get_named_type,
    get_nullable_type,
    is_list_type,
)
from graphql.execution.values import VariableValues, get_argument_values

from network.kit.limits.pages import DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE

# Introspection is answered from the schema in memory, and GraphiQL's own introspection query nests deeper
# than any limit meant for data; the token limit still bounds it, and production switches introspection off.
INTROSPECTION = frozenset({"__schema", "__type"})
# Answered from the type alone, with no resolver or database: free, so clients that add it to every selection set
# (urql and Apollo do, for their caches) pay the same cost as those that do not.
TYPENAME = "__typename"
# What a list without paging is counted as. A list of catalogue entries, or of links to them (a tool's
# alternatives, an association's tools), holds at most every entry of its kind: these bounds are the catalogue's
# sizes rounded up (73 tools, 21 categories, 35 skills, 21 competences, 12 districts, 18 fields, 14 target groups;
# tests/limits checks the loaded catalogue against them). Any other list counts UNPAGINATED_ITEMS.
CATALOGUE_ITEMS = {
    "Tool": 80,
    "ToolUsage": 80,
    "ToolKnowledge": 80,
    "ToolCategory": 25,
    "Skill": 40,
    "SkillNeed": 40,
    "SkillOffer": 40,
    "Competence": 25,
    "District": 12,
    "Field": 20,
    "TargetGroup": 15,
}
UNPAGINATED_ITEMS = 100
PAGE_ARGUMENTS = ("first", "last")
# The fields of a Relay connection that repeat once per item of the page.
PAGE_FIELDS = frozenset({"edges", "nodes"})


def is_connection(named: GraphQLNamedType | None) -> bool:
    return named is not None and named.name.endswith("Connection")


def is_list(output: GraphQLOutputType | None) -> bool:
    return output is not None and is_list_type(get_nullable_type(output))


class Measure:
    """Measures one operation; a fragment is measured once however often it is spread, so spreads cannot explode.

    `variables` are the operation's coerced values (graphql-core's `get_variable_values`), what the resolvers
    will get, so `100.0` sent for an `Int` counts as the 100 items it is served as, and defaults are filled in.
    """

    def __init__(
        self,
        schema: GraphQLSchema,
        fragments: Mapping[str, FragmentDefinitionNode],
        operation: OperationDefinitionNode,
        variables: VariableValues,
    ) -> None:
        self.schema = schema
        self.fragments = fragments
        self.operation = operation
        self.variables = variables
        self._known: dict[tuple[str, str, int | None], int] = {}
        self._busy: set[tuple[str, str, int | None]] = set()
        # Page sizes out of range, found while measuring the cost: refused before any resolver starts, since a
        # failing field in a list would null the list and leave its siblings' resolvers started for nothing.
        self.bad_pages: list[tuple[str, int]] = []

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
        if node.name.value in INTROSPECTION or node.name.value == TYPENAME:
            return 0
        if node.selection_set is None:
            return 1
        definition = _field(parent, node.name.value)
        output = definition.type if definition else None
        named = get_named_type(output) if output else None
        if is_connection(named):
            return 1 + self.cost(node.selection_set, named, self._items(node, definition, named))
        if page is not None and is_connection(parent) and node.name.value in PAGE_FIELDS:
            times = page
        else:
            times = self._items(node, definition, named) if is_list(output) else 1
        return 1 + times * self.cost(node.selection_set, named)

    def _items(self, node: FieldNode, definition: GraphQLField | None, named: GraphQLNamedType | None) -> int:
        """How many items a list or connection will serve: its `first` or `last` as the resolver gets them; for a
        paginated field left without, its schema default or else the resolvers' DEFAULT_PAGE_SIZE; for a list
        without paging, the bound of its kind (CATALOGUE_ITEMS) or UNPAGINATED_ITEMS."""
        paging = [name for name in PAGE_ARGUMENTS if definition and name in definition.args]
        if not paging:
            return CATALOGUE_ITEMS.get(named.name, UNPAGINATED_ITEMS) if named else UNPAGINATED_ITEMS
        assert definition is not None  # only a known field has arguments
        # null, or left out without a schema default: the resolver serves its own default page
        default_page = max(DEFAULT_PAGE_SIZE, *(_int_default(definition, name) for name in paging))
        try:
            values = get_argument_values(definition, node, self.variables)
        except GraphQLError:  # a literal of the wrong type: refused by validation before anything runs
            return default_page
        asked = [values.get(name) for name in paging]
        given = [max(items, 0) for items in asked if isinstance(items, int) and not isinstance(items, bool)]
        self.bad_pages += [
            (name, items)
            for name, items in zip(paging, asked, strict=True)
            if isinstance(items, int) and not 1 <= items <= MAX_PAGE_SIZE
        ]
        return max(given) if given else default_page

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


def _field(parent: GraphQLNamedType | None, name: str) -> GraphQLField | None:
    if isinstance(parent, GraphQLObjectType | GraphQLInterfaceType):
        found: GraphQLField | None = parent.fields.get(name)
        return found
    return None


def _int_default(definition: GraphQLField, name: str) -> int:
    default = definition.args[name].default_value
    return default if isinstance(default, int) and not isinstance(default, bool) else 0
