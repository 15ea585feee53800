"""Account queries and mutations: thin resolvers over the accounts service."""

from collections.abc import Awaitable
from typing import TypeVar

import strawberry

from network.accounts import passwords, service
from network.accounts.errors import RateLimited
from network.accounts.models import SignUpRole
from network.accounts.tokens import TokenSigner
from network.accounts.types import Account, AuthPayload, LogOutPayload, SignUpPayload, VerifyAccountPayload
from network.kit import typed_strawberry as typed
from network.kit.authorisation import require_signed_in, require_staff
from network.kit.context import Info
from network.kit.graphql_errors import EXPECTED_ERRORS, FieldError, attempt, field_errors
from network.outbox.models import MailLanguage

T = TypeVar("T")


def _tokens(info: Info) -> TokenSigner:
    if info.context.tokens is None:
        raise RuntimeError("the GraphQL context has no token signer; create_app builds one")
    return info.context.tokens


def _gate(info: Info) -> service.Gate:
    context = info.context
    return service.Gate(context.queue, context.client, passwords.gate(context.settings))


async def _limited(work: Awaitable[T]) -> tuple[T | None, list[FieldError], int | None]:
    """Like `attempt`, and the seconds to wait when the caller was refused for now."""
    try:
        return await work, [], None
    except RateLimited as error:
        return None, field_errors(error), error.retry_after_s
    except EXPECTED_ERRORS as error:
        return None, field_errors(error), None


@strawberry.type
class AccountQuery:
    @typed.field(description="The account of the bearer token; null for anonymous callers.")
    async def me(self, info: Info) -> Account | None:
        viewer = info.context.viewer
        row = await service.account(info.context.db, viewer.account_id) if viewer.account_id else None
        return Account(row=row) if row else None


@strawberry.type
class AccountMutation:
    @typed.mutation(
        description="Create an unverified MEMBER or VOLUNTEER account, then log in. The answer is the same for an "
        "address that has an account already; limited per client. `language`: of the mails the account gets."
    )
    async def sign_up(
        self,
        info: Info,
        email: str,
        password: str,
        role: SignUpRole = SignUpRole.MEMBER,
        language: MailLanguage = MailLanguage.DE,
    ) -> SignUpPayload:
        work = service.sign_up(info.context.db, _gate(info), email, password, role, language)
        _, errors, retry = await _limited(work)
        return SignUpPayload(ok=not errors, errors=errors, retry_after_seconds=retry)

    @typed.mutation(description="Exchange an e-mail address and password for a token; limited per client and address.")
    async def log_in(self, info: Info, email: str, password: str) -> AuthPayload:
        work = service.log_in(info.context.db, _gate(info), _tokens(info), email, password)
        session, errors, retry = await _limited(work)
        return AuthPayload.of(session) if session else AuthPayload(errors=errors, retry_after_seconds=retry)

    @typed.mutation(description="Revoke every token of the caller's account, on every device.")
    async def log_out(self, info: Info) -> LogOutPayload:
        async def work() -> None:
            await service.log_out(info.context.db, require_signed_in(info.context.viewer))

        _, errors = await attempt(work())
        return LogOutPayload(ok=not errors, errors=errors)

    @typed.mutation(
        description="Change the caller's password: every older token is revoked and the payload has a fresh one."
    )
    async def change_password(self, info: Info, current_password: str, new_password: str) -> AuthPayload:
        async def work() -> service.Session:
            account_id = require_signed_in(info.context.viewer)
            gate, tokens = _gate(info), _tokens(info)
            return await service.change_password(
                info.context.db, gate, tokens, account_id, current_password, new_password
            )

        session, errors, retry = await _limited(work())
        return AuthPayload.of(session) if session else AuthPayload(errors=errors, retry_after_seconds=retry)

    @typed.mutation(description="Staff only: verify an account, so it sees what verified accounts see.")
    async def verify_account(self, info: Info, email: str) -> VerifyAccountPayload:
        async def work() -> Account:
            require_staff(info.context.viewer, "Only staff verify accounts.")
            return Account(row=await service.verify(info.context.db, email))

        account, errors = await attempt(work())
        return VerifyAccountPayload(account=account, errors=errors)
