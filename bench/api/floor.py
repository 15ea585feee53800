"""The floor: each operation as one Cypher statement sent straight through the Python driver (statements in
`repository.py`). Nothing between the client and the database but the driver."""

from typing import Any

from bench.api.repository import INBOX, LIST, MENTEE, PAGE, RESPOND, SEARCH, SET_TOOLS

STATEMENTS = {
    "page": PAGE,
    "list": LIST,
    "search": SEARCH,
    "inbox": INBOX,
    "mentee": MENTEE,
    "set_tools": SET_TOOLS,
    "respond": RESPOND,
}
WRITES = {"set_tools", "respond"}


def parameters(operation: str, item: Any, first: int = 10) -> dict[str, Any]:
    """The statement's parameters for one input item of `operation` (see `inputs.Inputs`)."""
    if operation == "page":
        return {"slug": item, "visibilities": ["PUBLIC", "MEMBERS"]}  # what our staff caller sees
    if operation == "list":
        tool1, tool2, district = item
        return {"tools": [tool1, tool2], "district": district}
    if operation == "search":
        return {"terms": item, "first": first}
    if operation == "inbox":
        return {"slug": item, "visibilities": ["PUBLIC", "MEMBERS"], "first": first}
    if operation == "mentee":
        return {"slug": item, "first": first}
    if operation == "respond":
        suggestion, side = item
        return {"id": suggestion, "side": side}
    slug, tools = item
    return {"slug": slug, "tools": tools}
