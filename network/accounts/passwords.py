"""Password hashes (argon2id), computed off the event loop and with bounded concurrency, since each one takes tens
of milliseconds and 64 MiB."""

import asyncio
import functools
import secrets
import weakref
from collections.abc import Callable
from typing import TypeVar

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from network.accounts.errors import Busy
from network.settings import Settings

T = TypeVar("T")


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


class HashingGate:
    """At most `slots` hashes at once and `queue` waiting for a slot; one more is refused at once (Busy).

    Without the bound a flood of log-ins queues every hash, and a real log-in waits behind all of them: a refusal
    that says "try again in a second" is better than an answer after many seconds.
    """

    def __init__(self, slots: int, queue: int) -> None:
        self._slots = asyncio.Semaphore(slots)
        self._capacity = slots + queue
        self._admitted = 0

    @property
    def admitted(self) -> int:
        """Hashes running or waiting now."""
        return self._admitted

    @property
    def full(self) -> bool:
        """A hash asked for now would be refused: callers check this first, to refuse before any other work."""
        return self._admitted >= self._capacity

    async def run(self, work: Callable[[], T]) -> T:
        if self.full:
            raise Busy()
        self._admitted += 1
        try:
            async with self._slots:
                return await asyncio.to_thread(work)
        finally:
            self._admitted -= 1


_gates: "weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, dict[tuple[int, int], HashingGate]]" = (
    weakref.WeakKeyDictionary()
)


# The command line and the benchmarks hash a few passwords of their own: no flood to refuse.
_OFFLINE = (4, 1024)


def gate(settings: Settings) -> HashingGate:
    """The API's gate, sized by the settings."""
    return _gate((settings.password_hash_slots, settings.password_hash_queue))


def offline_gate() -> HashingGate:
    return _gate(_OFFLINE)


def _gate(size: tuple[int, int]) -> HashingGate:
    # One gate per event loop (and size): asyncio primitives must not be shared across loops.
    per_loop = _gates.setdefault(asyncio.get_running_loop(), {})
    if size not in per_loop:
        per_loop[size] = HashingGate(*size)
    return per_loop[size]


async def hash_password(hashing: HashingGate, password: str) -> str:
    return await hashing.run(lambda: _hasher().hash(password))


async def verify_password(hashing: HashingGate, password_hash: str | None, password: str) -> bool:
    """True when `password` matches; a missing hash (unknown account) is checked against a dummy and is False."""
    return await hashing.run(lambda: _verify(password_hash, password))
