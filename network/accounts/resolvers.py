"""Account queries and mutations: thin resolvers over the accounts service."""

import strawberry

from network.accounts import service
from network.accounts.models import SignUpRole
from network.accounts.tokens import TokenSigner
from network.accounts.types import Account, AuthPayload
from network.kit import typed_strawberry as typed
from network.kit.context import Info
from network.kit.graphql_errors import attempt


def _tokens(info: Info) -> TokenSigner:
    if info.context.tokens is None:
        raise RuntimeError("the GraphQL context has no token signer; create_app builds one")
    return info.context.tokens


@strawberry.type
class AccountQuery:
    @typed.field(description="The account of the bearer token; null for anonymous callers.")
    async def me(self, info: Info) -> Account | None:
        viewer = info.context.viewer
        row = await service.account(info.context.db, viewer.account_id) if viewer.account_id else None
        return Account(row=row) if row else None


@strawberry.type
class AccountMutation:
    @typed.mutation(description="Create a MEMBER or VOLUNTEER account and get a token for it.")
    async def sign_up(self, info: Info, email: str, password: str, role: SignUpRole = SignUpRole.MEMBER) -> AuthPayload:
        session, errors = await attempt(service.sign_up(info.context.db, _tokens(info), email, password, role))
        return AuthPayload.of(session) if session else AuthPayload(errors=errors)

    @typed.mutation(description="Exchange an e-mail address and password for a token.")
    async def log_in(self, info: Info, email: str, password: str) -> AuthPayload:
        context = info.context
        session, errors = await attempt(service.log_in(context.db, context.queue, _tokens(info), email, password))
        return AuthPayload.of(session) if session else AuthPayload(errors=errors)
