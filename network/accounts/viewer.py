"""Resolves the caller of a request from its `Authorization: Bearer ...` header."""

import time
from collections import OrderedDict

from litestar.datastructures import Headers
from litestar.exceptions import NotAuthorizedException
from litestar.types import Scope

from network.accounts.errors import InvalidToken
from network.accounts.repository import AccountRepository
from network.accounts.tokens import TokenSigner
from network.kit.authorisation import ANONYMOUS, Role, Viewer
from network.kit.database import Database


async def viewer_for_token(db: Database, tokens: TokenSigner, token: str) -> Viewer:
    """The viewer a token stands for, in one read; raises InvalidToken when it cannot be trusted (any more)."""
    claims = tokens.verify(token)
    row = await db.fetch(lambda tx: AccountRepository(tx).viewer(claims.account_id))
    if row is None or row["tokenVersion"] != claims.version:
        raise InvalidToken("The token was revoked or its account no longer exists; log in again.")
    # The role comes from the graph, not the token, so a changed role applies at once.
    return Viewer(
        account_id=claims.account_id,
        role=Role(row["role"]),
        acts_for=frozenset(row["actsFor"]),
        introduced_to=frozenset(row["introducedTo"]),
        verified=bool(row["verified"]),
    )


class ViewerCache:
    """Viewers by token for a moment, so a burst of requests with one token (a page of the web client) verifies
    it and reads its account once.

    The API clears it after every mutation it runs, so a log-out, a revoked token or a changed role or membership
    applies at once on that process; other API processes see it within `ttl_s`. A bounded LRU: a flood of distinct
    tokens evicts old entries rather than growing the process.
    """

    def __init__(self, ttl_s: float, max_entries: int = 10_000) -> None:
        self.ttl_s = ttl_s
        self.max_entries = max_entries
        self._entries: OrderedDict[str, tuple[float, Viewer]] = OrderedDict()

    def get(self, token: str) -> Viewer | None:
        found = self._entries.get(token)
        if found is None:
            return None
        if found[0] <= time.monotonic():
            del self._entries[token]
            return None
        self._entries.move_to_end(token)
        return found[1]

    def put(self, token: str, viewer: Viewer) -> None:
        if self.ttl_s <= 0:
            return
        self._entries[token] = (time.monotonic() + self.ttl_s, viewer)
        self._entries.move_to_end(token)
        while len(self._entries) > self.max_entries:
            self._entries.popitem(last=False)

    def clear(self) -> None:
        self._entries.clear()


def _unauthorized(problem: str, error: str = "invalid_token") -> NotAuthorizedException:
    # RFC 6750: the challenge tells a client which scheme to use and whether its request or its token was refused.
    challenge = f'Bearer error="{error}", error_description="{problem}"'
    return NotAuthorizedException(detail=problem, headers={"WWW-Authenticate": challenge})


async def resolve_viewer(db: Database, tokens: TokenSigner, scope: Scope, cache: ViewerCache | None = None) -> Viewer:
    """ANONYMOUS without an Authorization header; a bad header or token is an HTTP 401, never a silent anonymous.
    With a `cache`, a token it holds is not verified or read again."""
    header = Headers.from_scope(scope).get("authorization")
    if header is None:
        return ANONYMOUS
    scheme, _, token = header.strip().partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise _unauthorized("Send the token as 'Authorization: Bearer <token>'.", "invalid_request")
    token = token.strip()
    viewer = cache.get(token) if cache is not None else None
    if viewer is not None:
        return viewer
    try:
        viewer = await viewer_for_token(db, tokens, token)
    except InvalidToken as error:
        raise _unauthorized(str(error)) from error
    if cache is not None:
        cache.put(token, viewer)
    return viewer
