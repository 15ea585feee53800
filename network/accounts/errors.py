"""The expected failures of signing up, logging in and presenting a token."""

from network.kit.errors import Conflict, NetworkError


class EmailTaken(Conflict):
    def __init__(self) -> None:
        super().__init__("An account with this e-mail address already exists; log in instead.", field="email")


class InvalidCredentials(NetworkError):
    code = "INVALID_CREDENTIALS"

    def __init__(self) -> None:
        # One message for an unknown e-mail address and a wrong password, so it does not reveal which addresses exist.
        super().__init__("The e-mail address or the password is wrong.")


class RateLimited(NetworkError):
    code = "RATE_LIMITED"


class InvalidToken(NetworkError):
    """A bearer token that cannot be trusted; the message says why (malformed, expired, bad signature, revoked)."""

    code = "UNAUTHENTICATED"
