"""The floor: each operation as one Cypher statement sent straight through the Python driver (statements in
`repository.py`). Nothing between the client and the database but the driver."""

from typing import Any

from bench.api.repository import LIST, PAGE, SEARCH, SET_TOOLS

STATEMENTS = {"page": PAGE, "list": LIST, "search": SEARCH, "set_tools": SET_TOOLS}
WRITES = {"set_tools"}


def parameters(operation: str, item: Any, first: int = 10) -> dict[str, Any]:
    """The statement's parameters for one input item of `operation` (see `inputs.Inputs`)."""
    if operation == "page":
        return {"slug": item, "visibilities": ["PUBLIC", "MEMBERS"]}  # what our staff caller sees
    if operation == "list":
        tool1, tool2, district = item
        return {"tools": [tool1, tool2], "district": district}
    if operation == "search":
        return {"terms": item, "first": first}
    slug, tools = item
    return {"slug": slug, "tools": tools}
