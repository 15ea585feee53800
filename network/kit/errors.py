"""The one error root of the service and its few meaningful kinds."""


class NetworkError(Exception):
    """Base of every error the service raises on purpose; its message is safe to show to callers."""

    code = "ERROR"


class NotFound(NetworkError):
    code = "NOT_FOUND"


class NotPermitted(NetworkError):
    code = "NOT_PERMITTED"


class InvalidInput(NetworkError):
    code = "INVALID_INPUT"

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


class Conflict(NetworkError):
    code = "CONFLICT"
