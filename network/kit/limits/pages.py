"""Page sizes of connections: what a caller may ask for with `first`, and what it gets without it."""

from network.kit.errors import InvalidInput

MAX_PAGE_SIZE = 100
# The items a paginated field serves when `first` is left out or null. The cost of a query counts this many for
# such a field (network/kit/limits/measures.py), so no resolver may serve more without saying it in the schema.
DEFAULT_PAGE_SIZE = 20


def page_size(first: int | None, default: int = DEFAULT_PAGE_SIZE) -> int:
    """The number of items a connection returns: `first` when given, else `default`.

    Raises:
        InvalidInput: naming the field `first` and the allowed range, when `first` is outside 1..MAX_PAGE_SIZE.
    """
    if first is None:
        return default
    if not 1 <= first <= MAX_PAGE_SIZE:
        raise InvalidInput(f"first must be between 1 and {MAX_PAGE_SIZE}, got {first}", field="first")
    return first
