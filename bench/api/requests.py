"""The same inputs turned into each side's requests: GraphQL bodies for ours and the peer, statements for the floor."""

from typing import Any

from bench.api import documents, floor
from bench.api.inputs import Inputs
from network.kit.global_id import to_global_id
from network.kit.text import lucene_terms

# The mutations last: the reads see the data as imported.
OPERATIONS = ["page", "list", "search", "inbox", "mentee", "set_tools", "respond"]
PEER_OPERATIONS = ["page", "list", "search", "inbox", "mentee"]  # the peer answers reads only: see the suite's notes
SEARCH_HITS = 10
INBOX_FIRST = 10  # suggestions per list, as the web client's inbox asks


def items(inputs: Inputs, operation: str) -> list[Any]:
    by_operation: dict[str, list[Any]] = {
        "page": inputs.page_slugs,
        "list": inputs.list_filters,
        "search": inputs.search_words,
        "inbox": inputs.inbox_slugs,
        "mentee": inputs.mentee_slugs,
        "set_tools": inputs.tool_sets,
        "respond": inputs.answers,
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
    if operation == "inbox":
        return {"query": documents.OUR_INBOX, "variables": {"slug": item, "first": INBOX_FIRST}}
    if operation == "mentee":
        return {"query": documents.OUR_MENTEE, "variables": {"slug": item, "first": INBOX_FIRST}}
    if operation == "respond":
        suggestion, _ = item  # our API answers for the sides the caller acts for
        return {
            "query": documents.OUR_RESPOND,
            "variables": {"id": to_global_id("Suggestion", suggestion), "accept": True},
        }
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
    if operation == "inbox":
        return {"query": documents.PEER_INBOX, "variables": {"slug": item, "first": INBOX_FIRST}}
    if operation == "mentee":
        return {"query": documents.PEER_MENTEE, "variables": {"slug": item, "first": INBOX_FIRST}}
    raise ValueError(f"the peer serves no '{operation}' operation")


def floor_call(operation: str, item: Any, first: int = SEARCH_HITS) -> dict[str, Any]:
    if operation == "search":
        item = lucene_terms(item)
    if operation in ("inbox", "mentee"):
        first = INBOX_FIRST
    return {
        "statement": floor.STATEMENTS[operation],
        "parameters": floor.parameters(operation, item, first),
        "write": operation in floor.WRITES,
    }


def our_needs_token(operation: str) -> bool:
    """Suggestions are shown only to their party and staff, and changes need a signed-in caller (the run's staff
    account, which also acts for the associations that (g) answers for: only a party may answer)."""
    return operation in ("page", "inbox", "mentee", "set_tools", "respond")
