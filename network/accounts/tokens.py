"""Bearer tokens: HS256 JWTs naming an account, its role and the version of its tokens."""

import datetime as dt
import secrets
from dataclasses import dataclass

import jwt
import structlog

from network.accounts.errors import InvalidToken
from network.kit.authorisation import Role
from network.settings import Settings

ALGORITHM = "HS256"
LEEWAY = dt.timedelta(seconds=30)  # replicas' clocks differ a little; a fresh token must not look issued in the future
MIN_SECRET_BYTES = 32  # RFC 7518 wants an HS256 key at least as long as the hash; shorter ones can be brute-forced


@dataclass(frozen=True)
class Claims:
    account_id: str
    role: Role
    version: int


@dataclass(frozen=True)
class IssuedToken:
    token: str
    expires_at: dt.datetime


class TokenSigner:
    """Issues and checks tokens with one secret; the app builds one and every request shares it."""

    def __init__(self, secret: str, ttl: dt.timedelta) -> None:
        if len(secret.encode()) < MIN_SECRET_BYTES:
            raise ValueError(f"TOKEN_SECRET must be at least {MIN_SECRET_BYTES} bytes long")
        self._secret = secret
        self.ttl = ttl

    @classmethod
    def from_settings(cls, settings: Settings) -> "TokenSigner":
        ttl = dt.timedelta(minutes=settings.token_ttl_minutes)
        if settings.token_secret is not None:
            return cls(settings.token_secret.get_secret_value(), ttl)
        structlog.get_logger("network.accounts").warning(
            "TOKEN_SECRET is not set: signing tokens with a random secret of this process. Tokens will not survive "
            "a restart, and replicas of the API will not accept each other's tokens; set TOKEN_SECRET for both."
        )
        return cls(secrets.token_urlsafe(48), ttl)

    def issue(self, account_id: str, role: Role, version: int, now: dt.datetime | None = None) -> IssuedToken:
        issued_at = (now or dt.datetime.now(dt.UTC)).replace(microsecond=0)
        expires_at = issued_at + self.ttl
        claims = {"sub": account_id, "role": role.value, "ver": version, "iat": issued_at, "exp": expires_at}
        return IssuedToken(jwt.encode(claims, self._secret, algorithm=ALGORITHM), expires_at)

    def verify(self, token: str) -> Claims:
        """The token's claims; raises InvalidToken naming what is wrong. Whether the account agrees is not checked."""
        try:
            claims = jwt.decode(
                token,
                self._secret,
                algorithms=[ALGORITHM],
                leeway=LEEWAY,
                options={"require": ["sub", "role", "ver", "iat", "exp"]},
            )
            return Claims(str(claims["sub"]), Role(claims["role"]), int(claims["ver"]))
        except jwt.ExpiredSignatureError as error:
            raise InvalidToken("The token has expired; log in again.") from error
        except jwt.InvalidSignatureError as error:
            raise InvalidToken("The token's signature is not valid; it was changed or not issued here.") from error
        except (jwt.InvalidTokenError, ValueError, TypeError) as error:
            raise InvalidToken("The token is malformed; send the token that logIn or signUp returned.") from error
