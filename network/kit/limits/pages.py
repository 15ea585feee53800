"""Page sizes of connections: what a caller may ask for with `first`."""

from network.kit.errors import InvalidInput

MAX_PAGE_SIZE = 100


def page_size(first: int | None, default: int = 20) -> int:
    """The number of items a connection returns: `first` when given, else `default`.

    Raises:
        InvalidInput: naming the field `first` and the allowed range, when `first` is outside 1..MAX_PAGE_SIZE.
    """
    if first is None:
        return default
    if not 1 <= first <= MAX_PAGE_SIZE:
        raise InvalidInput(f"first must be between 1 and {MAX_PAGE_SIZE}, got {first}", field="first")
    return first
