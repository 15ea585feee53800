"""The limits inside a schema: refused in validation with one clear error, variables counted, settings read."""

from typing import Any

import pytest
import strawberry

from network.kit.limits import limit_extensions
from network.settings import Settings
from tests.limits.test_measures import Query
from tests.support.settings import make_settings

NESTED = "query Nested($n: Int) { items(first: $n) { edges { node { children(first: $n) { nodes { name } } } } } }"


def schema(**limits: int) -> strawberry.Schema:
    return strawberry.Schema(query=Query, extensions=limit_extensions(make_settings(**limits)))


def errors(schema: strawberry.Schema, query: str, **variables: Any) -> list[str]:
    result = schema.execute_sync(query, variable_values=variables)
    return [error.message for error in result.errors or []]


def test_a_query_at_each_limit_passes_and_one_over_is_refused() -> None:
    limited = schema(max_query_depth=3, max_query_aliases=2, max_query_cost=42)
    assert errors(limited, "{ items { edges { node { name } } } }") == []
    assert errors(limited, "{ items { edges { node { children { totalCount } } } } }") == [
        "query depth 4 exceeds the limit of 3"
    ]
    assert errors(limited, "{ a: items { totalCount } b: items { totalCount } }") == []
    assert errors(limited, "{ a: items { totalCount } b: items { totalCount } c: items { totalCount } }") == [
        "query uses 3 aliases, more than the limit of 2"
    ]
    assert errors(limited, "{ items { nodes { name tags } } }") == []  # 1 + 1 + 20 * 2: the default page
    assert errors(limited, "{ items { totalCount nodes { name tags } } }")[0].startswith(
        "query cost 43 exceeds the limit of 42;"
    )


def test_the_page_size_in_a_variable_counts() -> None:
    limited = schema(max_query_cost=10_000)
    assert errors(limited, NESTED, n=50) == []  # 1 + 1 + 50 * (1 + 1 + 1 + 50)
    assert errors(limited, NESTED, n=100)[0].startswith("query cost 10302 exceeds the limit of 10000")


def test_a_float_page_size_counts_as_the_int_it_is_served_as() -> None:
    # Sent as 100.0, `first` reaches the resolvers as 100: it was counted as the default and let through.
    limited = schema(max_query_cost=10_000)
    assert errors(limited, NESTED, n=100.0)[0].startswith("query cost 10302 exceeds the limit of 10000")
    assert errors(limited, NESTED, n=50.0) == []


def test_variables_that_do_not_coerce_get_one_error_naming_the_variable() -> None:
    assert errors(schema(), NESTED, n=2.5) == [
        "Variable '$n' has invalid value: Int cannot represent non-integer value: 2.5"
    ]


def test_only_the_operation_that_runs_is_measured() -> None:
    limited = schema(max_query_cost=100)
    document = "query Small { items(first: 1) { totalCount } } query Large { items(first: 100) { nodes { name } } }"
    assert schema(max_query_cost=100).execute_sync(document, operation_name="Small").errors is None
    refused = limited.execute_sync(document, operation_name="Large").errors or []
    assert [error.message for error in refused] == [
        "query cost 102 exceeds the limit of 100; ask for fewer items with `first` or nest fewer lists"
    ]


def test_a_refused_query_runs_no_resolver() -> None:
    called: list[str] = []

    @strawberry.type
    class Watched:
        @strawberry.field
        def items(self, first: int | None = None) -> list[str]:
            called.append("items")
            return []

    watched = strawberry.Schema(query=Watched, extensions=limit_extensions(make_settings(max_query_aliases=1)))
    assert errors(watched, "{ a: items b: items }") == ["query uses 2 aliases, more than the limit of 1"]
    assert called == []
    assert errors(watched, "{ a: items }") == [] and called == ["items"]


def test_too_many_tokens_are_refused_while_parsing() -> None:
    limited = schema(max_query_tokens=10)
    assert errors(limited, "{ items { totalCount } }") == []
    assert errors(limited, "{ items { " + "totalCount " * 10 + "} }") == [
        "Syntax Error: Document contains more than 10 tokens. Parsing aborted."
    ]


def test_the_limits_come_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    for name, value in {
        "MAX_QUERY_DEPTH": "4",
        "MAX_QUERY_ALIASES": "3",
        "MAX_QUERY_TOKENS": "500",
        "MAX_QUERY_COST": "900",
    }.items():
        monkeypatch.setenv(name, value)
    settings = Settings(_env_file=None)  # type: ignore[call-arg]
    limits = (settings.max_query_depth, settings.max_query_aliases, settings.max_query_tokens, settings.max_query_cost)
    assert limits == (4, 3, 500, 900)


def test_the_defaults() -> None:
    defaults = {name: field.default for name, field in Settings.model_fields.items() if name.startswith("max_query")}
    # Cost 120000: lists count what they can serve, and the web client's largest page (tests/limits/
    # test_web_documents.py) is estimated at about 92000, a full page of 100 associations with their tools, fields
    # and needs (tests/graphql/test_query_count.py) at about 73000.
    assert defaults == {
        "max_query_depth": 10,
        "max_query_aliases": 15,
        "max_query_tokens": 2000,
        "max_query_cost": 120_000,
    }
