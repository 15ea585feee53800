"""Signing up, logging in and out, passwords, verification and creating accounts: the rules around credentials and
tokens."""

import contextlib
import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import cast

from neo4j.exceptions import ConstraintError
from redis.asyncio import Redis

from network.accounts import passwords, ratelimit
from network.accounts.errors import Busy, EmailTaken, InvalidCredentials
from network.accounts.models import (
    AccountEmailInput,
    AccountInput,
    ChangePasswordInput,
    LogInInput,
    NewPasswordInput,
    SignUpInput,
    SignUpRole,
)
from network.accounts.passwords import HashingGate
from network.accounts.repository import AccountRepository, AccountRow, ActsForRow, Credentials
from network.accounts.tokens import IssuedToken, TokenSigner
from network.kit.authorisation import Role
from network.kit.database import Database
from network.kit.errors import NotFound
from network.outbox.models import MailLanguage


@dataclass(frozen=True)
class Session:
    """What logging in or changing a password hands back: a token and the account it stands for."""

    issued: IssuedToken
    account: AccountRow


@dataclass(frozen=True)
class Gate:
    """What limits a caller's attempts: the shared counts in Redis, the client they count for, the hashing slots."""

    redis: Redis
    client: str
    hashing: HashingGate


async def _create(db: Database, hashing: HashingGate, data: AccountInput, *, verified: bool) -> AccountRow:
    password_hash = await passwords.hash_password(hashing, data.password)
    account_id = str(uuid.uuid4())
    try:
        return await db.write(
            lambda tx: AccountRepository(tx).create(
                account_id, data.email, password_hash, data.role.value, verified, data.language.value
            )
        )
    except ConstraintError as error:
        raise EmailTaken() from error


async def create_account(db: Database, data: AccountInput, hashing: HashingGate | None = None) -> AccountRow:
    """Creates a verified account of any role (STAFF included: only the command line calls this with STAFF)."""
    return await _create(db, hashing or passwords.offline_gate(), data, verified=True)


def _session(tokens: TokenSigner, account: AccountRow) -> Session:
    issued = tokens.issue(account["id"], Role(account["role"]), int(account["tokenVersion"]))
    return Session(issued, account)


async def sign_up(
    db: Database, gate: Gate, email: str, password: str, role: SignUpRole, language: MailLanguage = MailLanguage.DE
) -> None:
    """A new, unverified MEMBER or VOLUNTEER account; a bad address or password is an error on its field.

    An address that has an account already gets the same answer after the same work (a hash and a write that the
    unique constraint refuses), so sign-up does not tell anyone which addresses have accounts. The caller logs in
    next; with an existing address only its owner's password works.
    """
    data = SignUpInput(email=email, password=password, role=role, language=language)
    if gate.hashing.full:
        raise Busy()
    await ratelimit.admit_sign_up(gate.redis, gate.client)
    account_input = AccountInput(
        email=data.email, password=data.password, role=Role(data.role.value), language=data.language
    )
    with contextlib.suppress(EmailTaken):  # the same answer as for a new address; see the docstring
        await _create(db, gate.hashing, account_input, verified=False)


async def _checked(
    gate: Gate, email: str, password: str, load: Callable[[], Awaitable[Credentials | None]]
) -> Credentials | None:
    """The account of `load` when `password` is its password, else None; counted against the log-in limits
    (ratelimit.py). A full hashing queue and the limits refuse before the database is asked."""
    if gate.hashing.full:
        raise Busy()
    keys = await ratelimit.admit_log_in(gate.redis, gate.client, email)
    try:
        found = await load()
        password_hash = found.get("passwordHash") if found else None
        matches = await passwords.verify_password(gate.hashing, password_hash, password)
    except Exception:
        await ratelimit.refund(gate.redis, keys)  # busy or broken: no guess was made
        raise
    if matches and found is not None:
        await ratelimit.succeeded(gate.redis, keys)
        return found
    return None


def _public(credentials: Credentials) -> AccountRow:
    row = dict(credentials)
    row.pop("passwordHash", None)  # the hash goes nowhere but the check
    return cast(AccountRow, row)


async def log_in(db: Database, gate: Gate, tokens: TokenSigner, email: str, password: str) -> Session:
    """A session for matching credentials; the same error, after the same work, for an unknown e-mail address."""
    data = LogInInput(email=email, password=password)
    found = await _checked(
        gate, data.email, data.password, lambda: db.read(lambda tx: AccountRepository(tx).credentials(data.email))
    )
    if found is None:
        raise InvalidCredentials()
    return _session(tokens, _public(found))


async def log_out(db: Database, account_id: str) -> None:
    """Revokes every token of the account (on every device): the token version moves on."""
    if await db.write(lambda tx: AccountRepository(tx).revoke_tokens(account_id)) is None:
        raise NotFound("The account no longer exists.")


async def change_password(
    db: Database, gate: Gate, tokens: TokenSigner, account_id: str, current_password: str, new_password: str
) -> Session:
    """A new password after the current one is proved (limited like a log-in, so a stolen token cannot guess it);
    every older token is revoked and a fresh session returned."""
    # by the GraphQL names, so that an error names `newPassword` as the client sent it
    data = ChangePasswordInput.model_validate({"currentPassword": current_password, "newPassword": new_password})
    account = await db.read(lambda tx: AccountRepository(tx).credentials_of(account_id))
    if account is None:
        raise NotFound("The account no longer exists.")

    async def load() -> Credentials | None:
        return account

    if await _checked(gate, account["email"], data.current_password, load) is None:
        raise InvalidCredentials(field="currentPassword")
    password_hash = await passwords.hash_password(gate.hashing, data.new_password)
    changed = await db.write(lambda tx: AccountRepository(tx).set_password("id", account_id, password_hash))
    if changed is None:
        raise NotFound("The account no longer exists.")
    return _session(tokens, changed)


async def reset_password(db: Database, email: str, password: str) -> AccountRow:
    """Staff set a new password (`network accounts reset-password`); every token of the account is revoked."""
    data = NewPasswordInput(email=email, password=password)
    password_hash = await passwords.hash_password(passwords.offline_gate(), data.password)
    changed = await db.write(lambda tx: AccountRepository(tx).set_password("email", data.email, password_hash))
    if changed is None:
        raise NotFound(f"There is no account with the e-mail address {data.email}.", field="email")
    return changed


async def verify(db: Database, email: str) -> AccountRow:
    """The one step that makes an account verified: staff call it now (`verifyAccount`, `network accounts verify`),
    and an e-mail verification link will call it too. Idempotent."""
    data = AccountEmailInput(email=email)
    verified = await db.write(lambda tx: AccountRepository(tx).verify(data.email))
    if verified is None:
        raise NotFound(f"There is no account with the e-mail address {data.email}.", field="email")
    return verified


async def account(db: Database, account_id: str) -> AccountRow | None:
    return await db.read(lambda tx: AccountRepository(tx).get(account_id))


async def acts_for(db: Database, account_ids: list[str]) -> list[ActsForRow]:
    """What each account acts for, in the order asked; an account deleted meanwhile acts for nothing."""
    found = await db.read(lambda tx: AccountRepository(tx).acts_for(account_ids))
    return [found.get(account_id) or {"associations": [], "volunteer": None} for account_id in account_ids]
