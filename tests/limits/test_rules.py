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
    limited = schema(max_query_depth=3, max_query_aliases=2, max_query_cost=22)
    assert errors(limited, "{ items { edges { node { name } } } }") == []
    assert errors(limited, "{ items { edges { node { children { totalCount } } } } }") == [
        "query depth 4 exceeds the limit of 3"
    ]
    assert errors(limited, "{ a: items { totalCount } b: items { totalCount } }") == []
    assert errors(limited, "{ a: items { totalCount } b: items { totalCount } c: items { totalCount } }") == [
        "query uses 3 aliases, more than the limit of 2"
    ]
    assert errors(limited, "{ items { nodes { name tags } } }") == []  # 1 + 1 + 10 * 2
    assert errors(limited, "{ items { totalCount nodes { name tags } } }")[0].startswith(
        "query cost 23 exceeds the limit of 22;"
    )


def test_the_page_size_in_a_variable_counts() -> None:
    limited = schema(max_query_cost=10_000)
    assert errors(limited, NESTED, n=50) == []  # 1 + 1 + 50 * (1 + 1 + 1 + 50)
    assert errors(limited, NESTED, n=100)[0].startswith("query cost 10302 exceeds the limit of 10000")


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
    # Cost 25000 rather than 10000: a full page of 100 associations with their tools, fields and needs
    # (tests/graphql/test_query_count.py) is estimated at about 13300.
    assert defaults == {
        "max_query_depth": 10,
        "max_query_aliases": 15,
        "max_query_tokens": 2000,
        "max_query_cost": 25_000,
    }
