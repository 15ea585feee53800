"""The expected failures of signing up, logging in and presenting a token."""

from network.kit.errors import Conflict, NetworkError


class EmailTaken(Conflict):
    def __init__(self) -> None:
        super().__init__("An account with this e-mail address already exists; log in instead.", field="email")


class InvalidCredentials(NetworkError):
    code = "INVALID_CREDENTIALS"

    def __init__(self, field: str | None = None) -> None:
        # One message for an unknown e-mail address and a wrong password, so it does not reveal which addresses exist.
        super().__init__("The e-mail address or the password is wrong.", field=field)


class RateLimited(NetworkError):
    """Refused for now; `retry_after_s` says when the same request will be considered again."""

    code = "RATE_LIMITED"

    def __init__(self, message: str, retry_after_s: int) -> None:
        super().__init__(message)
        self.retry_after_s = retry_after_s


class Busy(RateLimited):
    """Every password-hashing slot and its queue is taken: refused at once instead of queueing without bound."""

    code = "BUSY"

    def __init__(self) -> None:
        super().__init__("The service is busy checking passwords; try again in a second.", retry_after_s=1)


class InvalidToken(NetworkError):
    """A bearer token that cannot be trusted; the message says why (malformed, expired, bad signature, revoked)."""

    code = "UNAUTHENTICATED"
