"""The same inputs turned into each side's requests: GraphQL bodies for ours and the peer, statements for the floor."""

from typing import Any

from bench.api import documents, floor
from bench.api.inputs import Inputs
from network.kit.text import lucene_terms

OPERATIONS = ["page", "list", "search", "set_tools"]
PEER_OPERATIONS = ["page", "list", "search"]  # the peer answers reads only: see the suite's notes
SEARCH_HITS = 10


def items(inputs: Inputs, operation: str) -> list[Any]:
    by_operation: dict[str, list[Any]] = {
        "page": inputs.page_slugs,
        "list": inputs.list_filters,
        "search": inputs.search_words,
        "set_tools": inputs.tool_sets,
    }
    return by_operation[operation]


def our_body(operation: str, item: Any, first: int = SEARCH_HITS) -> dict[str, Any]:
    if operation == "page":
        return {"query": documents.OUR_PAGE, "variables": {"slug": item}}
    if operation == "list":
        tool1, tool2, district = item
        return {"query": documents.OUR_LIST, "variables": {"tools": [tool1, tool2], "district": district}}
    if operation == "search":
        return {"query": documents.OUR_SEARCH, "variables": {"text": item, "first": first}}
    slug, tools = item
    return {"query": documents.OUR_SET_TOOLS, "variables": {"slug": slug, "tools": tools}}


def peer_body(operation: str, item: Any, first: int = SEARCH_HITS) -> dict[str, Any]:
    if operation == "page":
        return {"query": documents.PEER_PAGE, "variables": {"slug": item}}
    if operation == "list":
        tool1, tool2, district = item
        return {"query": documents.PEER_LIST, "variables": {"tool1": tool1, "tool2": tool2, "district": district}}
    if operation == "search":
        # A client of the library escapes user text itself; it gets the terms our API makes of the same words.
        return {"query": documents.PEER_SEARCH, "variables": {"phrase": lucene_terms(item), "first": first}}
    raise ValueError(f"the peer serves no '{operation}' operation")


def floor_call(operation: str, item: Any, first: int = SEARCH_HITS) -> dict[str, Any]:
    if operation == "search":
        item = lucene_terms(item)
    return {
        "statement": floor.STATEMENTS[operation],
        "parameters": floor.parameters(operation, item, first),
        "write": operation in floor.WRITES,
    }


def our_needs_token(operation: str) -> bool:
    """Peer suggestions are shown only to the association and staff, and changes need a signed-in caller."""
    return operation in ("page", "set_tools")
