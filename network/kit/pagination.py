"""Relay cursor connections over keyset pagination: a cursor is the opaque sort key of the last row."""

import base64
import binascii
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

import strawberry
from neo4j.time import DateTime
from typing_extensions import TypeVar as DefaultTypeVar

from network.kit.errors import InvalidInput

NodeT = TypeVar("NodeT")
# A row of a listing query (its profile projection); untyped rows are plain dicts.
RowT = DefaultTypeVar("RowT", bound=Mapping[str, Any], default=dict[str, Any])
_PREFIX = "cursor:"
# Far above any cursor made here (a slug, or a timestamp and a slug, in base64).
MAX_CURSOR_LENGTH = 1000


def is_cursor_datetime(text: str) -> bool:
    """Whether the database's datetime() takes a cursor's time: one a client made up (a 13th month, a 30th of
    February) would otherwise fail in Cypher, a 500 instead of an answer naming `after`."""
    try:
        DateTime.from_iso_format(text)
    except ValueError:
        return False
    return True


def encode_cursor(key: str) -> str:
    return base64.urlsafe_b64encode(f"{_PREFIX}{key}".encode()).decode().rstrip("=")


def decode_cursor(cursor: str | None, field: str = "after") -> str | None:
    """The key inside a cursor this module made; anything else is an InvalidInput on `field`."""
    if cursor is None:
        return None
    # Quoted short, so a megabyte of garbage is not sent back in the error.
    quoted = repr(cursor) if len(cursor) <= 40 else f"{cursor[:40]!r}... ({len(cursor)} characters)"
    if len(cursor) > MAX_CURSOR_LENGTH:
        raise InvalidInput(f"{quoted} is not a cursor of this list", field=field)
    try:
        text = base64.urlsafe_b64decode((cursor + "=" * (-len(cursor) % 4)).encode()).decode()
    except (binascii.Error, UnicodeDecodeError, ValueError) as error:
        raise InvalidInput(f"{quoted} is not a cursor of this list", field=field) from error
    if not text.startswith(_PREFIX):
        raise InvalidInput(f"{quoted} is not a cursor of this list", field=field)
    return text[len(_PREFIX) :]


@dataclass(frozen=True)
class Page(Generic[RowT]):
    """Rows of one page (at most `first`), whether more follow, and the key the next page starts after."""

    rows: list[RowT]
    has_next: bool
    has_previous: bool

    @classmethod
    def of(cls, rows: list[RowT], first: int, after: str | None) -> "Page[RowT]":
        return cls(rows=rows[:first], has_next=len(rows) > first, has_previous=after is not None)


@strawberry.type
class PageInfo:
    has_next_page: bool
    has_previous_page: bool
    start_cursor: str | None
    end_cursor: str | None


@strawberry.type
class Edge(Generic[NodeT]):
    cursor: str
    node: NodeT


@strawberry.type
class Connection(Generic[NodeT]):
    edges: list[Edge[NodeT]]
    page_info: PageInfo
    total: strawberry.Private[int | None]  # None: not counted, as the query did not select totalCount

    @strawberry.field
    def total_count(self) -> int:
        assert self.total is not None, "counted only when selected: the resolver must check the selection"
        return self.total

    @strawberry.field
    def nodes(self) -> list[NodeT]:
        return [edge.node for edge in self.edges]


def connection(
    page: Page[RowT], nodes: list[Any], total: int | None, key: Callable[[RowT], str] = lambda row: str(row["slug"])
) -> Any:
    """Builds a Connection from a page of rows and the GraphQL objects made of them (same order)."""
    edges = [Edge(cursor=encode_cursor(key(row)), node=node) for row, node in zip(page.rows, nodes, strict=True)]
    return Connection(
        edges=edges,
        page_info=PageInfo(
            has_next_page=page.has_next,
            has_previous_page=page.has_previous,
            start_cursor=edges[0].cursor if edges else None,
            end_cursor=edges[-1].cursor if edges else None,
        ),
        total=total,
    )
