"""Depth, aliases and cost as measured on a query, on a small schema with Relay connections and plain lists."""

from typing import Any

import pytest
import strawberry
from graphql import FragmentDefinitionNode, OperationDefinitionNode, parse
from graphql.execution.values import get_variable_values

from network.kit.limits.measures import Measure


@strawberry.type
class Item:
    name: str

    @strawberry.field
    def children(self, first: int | None = None) -> "ItemConnection":
        return ItemConnection(edges=[], nodes=[], total_count=0)

    @strawberry.field
    def tags(self) -> list[str]:
        return []

    @strawberry.field
    def related(self) -> list["Item"]:  # a list without paging
        return []


@strawberry.type
class District:  # named as a catalogue kind, whose size bounds its lists
    slug: str


@strawberry.type
class ItemEdge:
    cursor: str
    node: Item


@strawberry.type
class ItemConnection:
    edges: list[ItemEdge]
    nodes: list[Item]
    total_count: int


@strawberry.type
class Query:
    @strawberry.field
    def items(self, first: int | None = None, last: int | None = None) -> ItemConnection:
        return ItemConnection(edges=[], nodes=[], total_count=0)

    @strawberry.field
    def item_list(self, first: int | None = None) -> list[Item]:
        return []

    @strawberry.field
    def recent(self, first: int | None = 5) -> ItemConnection:  # a default page size in the schema
        return ItemConnection(edges=[], nodes=[], total_count=0)

    @strawberry.field
    def districts(self) -> list[District]:
        return []


SCHEMA = strawberry.Schema(query=Query)


def measure(query: str, **variables: Any) -> Measure:
    """The measure of the query's operation with its variables coerced as execution coerces them."""
    document = parse(query)
    fragments = {d.name.value: d for d in document.definitions if isinstance(d, FragmentDefinitionNode)}
    operation = next(d for d in document.definitions if isinstance(d, OperationDefinitionNode))
    coerced = get_variable_values(SCHEMA._schema, operation.variable_definitions or (), variables)
    assert not isinstance(coerced, list), coerced
    return Measure(SCHEMA._schema, fragments, operation, coerced)


def depth(query: str) -> int:
    found = measure(query)
    return found.depth(found.operation.selection_set)


def aliases(query: str) -> int:
    found = measure(query)
    return found.aliases(found.operation.selection_set)


def cost(query: str, **variables: Any) -> int:
    return measure(query, **variables).operation_cost()


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("{ itemList { name } }", 1),
        ("{ items { edges { node { name } } } }", 3),
        ("{ items { ...Page } } fragment Page on ItemConnection { nodes { children { totalCount } } }", 3),
        ("{ itemList { ... on Item { children { nodes { name } } } } }", 3),
        # Introspection nests deeper than any data query should; the token limit bounds it instead.
        ("{ __schema { types { fields { type { ofType { ofType { name } } } } } } }", 0),
    ],
)
def test_depth_counts_nested_selection_sets(query: str, expected: int) -> None:
    assert depth(query) == expected


def test_aliases_count_every_aliased_field_and_every_spread_of_a_fragment() -> None:
    assert aliases("{ a: itemList { n: name } b: items { totalCount } }") == 3
    assert aliases("{ ...F ...F } fragment F on Query { x: itemList { name } }") == 2


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        # A connection multiplies what is under edges/nodes by `first`: 1 + 1 + (1 + 50 * (1 + 2)).
        ("{ items(first: 50) { totalCount edges { cursor node { name } } } }", 153),
        ("{ items(last: 40) { nodes { name } } }", 42),
        ("{ items { nodes { name } } }", 22),  # no `first`: the page the resolver serves by default, 20
        ("{ itemList { name tags } }", 41),  # a list with `first`, left out: 20 items; a list of scalars is one field
        ("{ itemList(first: 3) { name } }", 4),
        ("{ recent { nodes { name } } }", 7),  # the schema's default of `first`: 5
        ("{ recent(first: null) { nodes { name } } }", 22),  # null: the resolver's own default, at most 20
        ("{ itemList(first: 2) { related { name } } }", 1 + 2 * 101),  # a list without paging: 100 items
        ("{ districts { slug } }", 13),  # a list of a catalogue kind: the kind's bound (12 districts)
        ("{ items(first: 100) { edges { node { children(first: 100) { nodes { name } } } } } }", 10_302),
        ("{ items(first: 50) { ...Page } } fragment Page on ItemConnection { nodes { name } }", 52),
        # One fragment under two page sizes costs what each page asks for.
        (
            "{ a: items(first: 5) { ...Page } b: items(first: 50) { ...Page } } "
            "fragment Page on ItemConnection { nodes { name } }",
            59,
        ),
        ("{ __schema { types { name fields { name } } } items { totalCount } }", 2),
    ],
)
def test_cost_counts_fields_with_lists_multiplied_by_their_items(query: str, expected: int) -> None:
    assert cost(query) == expected


def test_cost_takes_first_from_variables_and_their_defaults() -> None:
    query = "query Page($n: Int = 30) { items(first: $n) { nodes { name } } }"
    assert cost(query) == 32
    assert cost(query, n=100) == 102
    assert cost(query, n=None) == 22  # null: the resolver serves its default page


@pytest.mark.parametrize(("sent", "expected"), [(100.0, 102), (30.0, 32), (1e2, 102)])
def test_cost_counts_a_float_variable_as_the_int_it_is_served_as(sent: float, expected: int) -> None:
    # graphql-core coerces an integral float to Int: counting it as "unknown" let 100 items pass as 10
    assert cost("query Page($n: Int) { items(first: $n) { nodes { name } } }", n=sent) == expected


def test_a_variable_that_does_not_coerce_is_not_measured_but_refused() -> None:
    query = "query Page($n: Int) { items(first: $n) { nodes { name } } }"
    for bad in ("many", 2.5, [100]):
        with pytest.raises(AssertionError) as refused:
            measure(query, n=bad)
        assert "Int cannot represent" in str(refused.value)


def test_a_fragment_bomb_is_measured_without_expanding_it() -> None:
    bomb = " ".join(f"fragment F{i} on Query {{ ...F{i + 1} ...F{i + 1} }}" for i in range(60))
    assert cost("{ ...F0 } " + bomb + " fragment F60 on Query { itemList { name } }") == 2**60 * 21
