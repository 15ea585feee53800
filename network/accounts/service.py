"""Signing up, logging in and creating accounts: the rules around credentials and tokens."""

import uuid
from dataclasses import dataclass

from neo4j.exceptions import ConstraintError
from redis.asyncio import Redis

from network.accounts import passwords, ratelimit
from network.accounts.errors import EmailTaken, InvalidCredentials
from network.accounts.models import AccountInput, LogInInput, SignUpInput, SignUpRole
from network.accounts.repository import AccountRepository, AccountRow, ActsForRow
from network.accounts.tokens import IssuedToken, TokenSigner
from network.kit.authorisation import Role
from network.kit.database import Database


@dataclass(frozen=True)
class Session:
    """What signing up or logging in hands back: a token and the account it stands for."""

    issued: IssuedToken
    account: AccountRow


async def create_account(db: Database, data: AccountInput) -> AccountRow:
    """Creates an account of any role (STAFF included: only the command line calls this with STAFF)."""
    password_hash = await passwords.hash_password(data.password)
    account_id = str(uuid.uuid4())
    try:
        return await db.write(
            lambda tx: AccountRepository(tx).create(account_id, data.email, password_hash, data.role.value)
        )
    except ConstraintError as error:
        raise EmailTaken() from error


def _session(tokens: TokenSigner, account: AccountRow) -> Session:
    issued = tokens.issue(account["id"], Role(account["role"]), int(account["tokenVersion"]))
    return Session(issued, account)


async def sign_up(db: Database, tokens: TokenSigner, email: str, password: str, role: SignUpRole) -> Session:
    """A new MEMBER or VOLUNTEER account, signed in; a bad address or password is an error on its field."""
    data = SignUpInput(email=email, password=password, role=role)
    account_input = AccountInput(email=data.email, password=data.password, role=Role(data.role.value))
    return _session(tokens, await create_account(db, account_input))


async def log_in(db: Database, redis: Redis, tokens: TokenSigner, email: str, password: str) -> Session:
    """A session for matching credentials; the same error, after the same work, for an unknown e-mail address."""
    data = LogInInput(email=email, password=password)
    await ratelimit.count_attempt(redis, data.email)
    found = await db.read(lambda tx: AccountRepository(tx).credentials(data.email))
    password_hash = found.pop("passwordHash") if found else None
    if not await passwords.verify_password(password_hash, data.password) or found is None:
        raise InvalidCredentials()
    await ratelimit.clear(redis, data.email)
    return _session(tokens, found)


async def account(db: Database, account_id: str) -> AccountRow | None:
    return await db.read(lambda tx: AccountRepository(tx).get(account_id))


async def acts_for(db: Database, account_ids: list[str]) -> list[ActsForRow]:
    """What each account acts for, in the order asked; an account deleted meanwhile acts for nothing."""
    found = await db.read(lambda tx: AccountRepository(tx).acts_for(account_ids))
    return [found.get(account_id) or {"associations": [], "volunteer": None} for account_id in account_ids]
