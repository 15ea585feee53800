"""Password hashes (argon2id), computed off the event loop because each one takes tens of milliseconds."""

import asyncio
import functools
import secrets
import weakref

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError


@functools.cache
def _hasher() -> PasswordHasher:
    return PasswordHasher()  # argon2id with the library's current recommended parameters


@functools.cache
def _dummy_hash() -> str:
    """A hash of no one's password, verified for unknown e-mail addresses so they cost the same time as known ones."""
    return _hasher().hash(secrets.token_urlsafe(16))


def _verify(password_hash: str | None, password: str) -> bool:
    try:
        return _hasher().verify(password_hash or _dummy_hash(), password) and password_hash is not None
    except (VerificationError, InvalidHashError):
        return False


# Each hash takes 64 MiB: a flood of sign-ups or log-ins queues here instead of exhausting memory.
_CONCURRENT_HASHES = 4


_slots_per_loop: "weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, asyncio.Semaphore]" = weakref.WeakKeyDictionary()


def _slots() -> asyncio.Semaphore:
    # One semaphore per event loop: asyncio primitives must not be shared across loops.
    loop = asyncio.get_running_loop()
    if loop not in _slots_per_loop:
        _slots_per_loop[loop] = asyncio.Semaphore(_CONCURRENT_HASHES)
    return _slots_per_loop[loop]


async def hash_password(password: str) -> str:
    async with _slots():
        return await asyncio.to_thread(_hasher().hash, password)


async def verify_password(password_hash: str | None, password: str) -> bool:
    """True when `password` matches; a missing hash (unknown account) is checked against a dummy and is False."""
    async with _slots():
        return await asyncio.to_thread(_verify, password_hash, password)
