"""Resolves the caller of a request from its `Authorization: Bearer ...` header."""

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
    row = await db.read(lambda tx: AccountRepository(tx).viewer(claims.account_id))
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


def _unauthorized(problem: str, error: str = "invalid_token") -> NotAuthorizedException:
    # RFC 6750: the challenge tells a client which scheme to use and whether its request or its token was refused.
    challenge = f'Bearer error="{error}", error_description="{problem}"'
    return NotAuthorizedException(detail=problem, headers={"WWW-Authenticate": challenge})


async def resolve_viewer(db: Database, tokens: TokenSigner, scope: Scope) -> Viewer:
    """ANONYMOUS without an Authorization header; a bad header or token is an HTTP 401, never a silent anonymous."""
    header = Headers.from_scope(scope).get("authorization")
    if header is None:
        return ANONYMOUS
    scheme, _, token = header.strip().partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise _unauthorized("Send the token as 'Authorization: Bearer <token>'.", "invalid_request")
    try:
        return await viewer_for_token(db, tokens, token.strip())
    except InvalidToken as error:
        raise _unauthorized(str(error)) from error
