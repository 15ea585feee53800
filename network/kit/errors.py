"""The one error root of the service and its few meaningful kinds."""


class NetworkError(Exception):
    """Base of every error the service raises on purpose; its message is safe to show to callers.

    `field` names the input field at fault (camelCase, `items[0].name` for nested ones), where there is one.
    """

    code = "ERROR"

    def __init__(self, message: str = "", field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


class NotFound(NetworkError):
    code = "NOT_FOUND"


class NotPermitted(NetworkError):
    code = "NOT_PERMITTED"


class InvalidInput(NetworkError):
    code = "INVALID_INPUT"


class Conflict(NetworkError):
    code = "CONFLICT"


class Unavailable(NetworkError):
    """A backing service did not answer in time; the request may be repeated after `retry_after_s`."""

    code = "UNAVAILABLE"

    def __init__(self, message: str, retry_after_s: int = 5) -> None:
        super().__init__(message)
        self.retry_after_s = retry_after_s


class Busy(Unavailable):
    """The database rolled the transaction back on a lock conflict (a deadlock) and the retries ran out: nothing of it
    was written, so repeating it is safe."""


class InvalidInputs(InvalidInput):
    """Several input problems at once, each as (field, message), so a client can mark every bad field."""

    def __init__(self, problems: list[tuple[str, str]]) -> None:
        super().__init__("; ".join(f"{field}: {message}" for field, message in problems), field=problems[0][0])
        self.problems = problems


def field_path(loc: tuple[int | str, ...]) -> str:
    """A pydantic error location as one path style for every error: `needs[0].minLevel`."""
    text = ""
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text
