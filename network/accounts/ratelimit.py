"""Limits on log-ins and sign-ups, counted in Redis so every API replica sees the same counts.

Log-ins are limited so that nobody can lock an owner out by failing on purpose. Three counts of failures, each in a
fixed window of `WINDOW_S` that starts with its first failure:

- per client (the caller's address, see `clients.py`): at most `CLIENT_FAILURES` failures against any addresses;
  beyond that the client is refused whatever it sends. It bounds what one client may guess in total.
- per client and e-mail address: at most `PAIR_FAILURES` failures; beyond that this client is refused for this
  address only. Failures of other clients never count here, so they cannot stop the owner's client.
- per e-mail address, from all clients: once it has `ADDRESS_LOCK` failures, the address is locked, and a client may
  then fail against it at most `LOCKED_PAIR_FAILURES` times (one typo is forgiven). A client without failures of its
  own against the address still passes with the correct password, so a lock never refuses the owner; an attacker
  rotating k clients gets at most ADDRESS_LOCK + k * LOCKED_PAIR_FAILURES guesses per window, and each of those
  clients spends its own per-client allowance.

An attempt is counted as a failure before the password is checked and refunded when it succeeds (or never reached
the check), so parallel guesses cannot slip past a limit. Keys carry hashes, not addresses: Redis holds no e-mail
address and no IP address of anyone. Sign-ups are limited per client (`SIGN_UPS_PER_CLIENT` per `SIGN_UP_WINDOW_S`).
"""

import contextlib
import hashlib
from dataclasses import dataclass
from typing import Any

import structlog
from redis.asyncio import Redis
from redis.exceptions import RedisError

from network.accounts.errors import RateLimited
from network.kit.errors import Unavailable

WINDOW_S = 15 * 60
CLIENT_FAILURES = 20
PAIR_FAILURES = 5
ADDRESS_LOCK = 10
LOCKED_PAIR_FAILURES = 2
SIGN_UPS_PER_CLIENT = 5
SIGN_UP_WINDOW_S = 60 * 60

# KEYS: client, pair, address. ARGV: window, client max, pair max, locked pair max, address lock.
# Answers {0, 0} when admitted (the attempt is counted), else {1 or 2, seconds until the refusal ends}.
_ADMIT = """
local client = tonumber(redis.call('GET', KEYS[1]) or '0')
local pair = tonumber(redis.call('GET', KEYS[2]) or '0')
local address = tonumber(redis.call('GET', KEYS[3]) or '0')
if client >= tonumber(ARGV[2]) then return {1, redis.call('TTL', KEYS[1])} end
local pair_max = tonumber(ARGV[3])
if address >= tonumber(ARGV[5]) then pair_max = tonumber(ARGV[4]) end
if pair >= pair_max then
  local wait = redis.call('TTL', KEYS[2])
  if pair < tonumber(ARGV[3]) then wait = math.min(wait, redis.call('TTL', KEYS[3])) end
  return {2, wait}
end
for i = 1, 3 do
  redis.call('SET', KEYS[i], 0, 'EX', ARGV[1], 'NX')
  redis.call('INCR', KEYS[i])
end
return {0, 0}
"""

# KEYS: client, pair, address. ARGV: 1 when the password was right (the pair's failures are forgotten too).
_REFUND = """
for i = 1, 3 do
  if tonumber(redis.call('GET', KEYS[i]) or '0') > 0 then redis.call('DECR', KEYS[i]) end
end
if ARGV[1] == '1' then redis.call('DEL', KEYS[2]) end
return 0
"""

# KEYS: the client's sign-up count. ARGV: window, max. Answers 0 when admitted, else seconds until it is.
_SIGN_UP = """
redis.call('SET', KEYS[1], 0, 'EX', ARGV[1], 'NX')
if tonumber(redis.call('GET', KEYS[1])) >= tonumber(ARGV[2]) then return redis.call('TTL', KEYS[1]) end
redis.call('INCR', KEYS[1])
return 0
"""


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()[:24]


@dataclass(frozen=True)
class LogInKeys:
    client: str
    pair: str
    address: str

    @classmethod
    def of(cls, client: str, email: str) -> "LogInKeys":
        c, e = _digest(client), _digest(email)
        return cls(f"accounts:login:client:{c}", f"accounts:login:pair:{c}:{e}", f"accounts:login:address:{e}")

    @property
    def all(self) -> list[str]:
        return [self.client, self.pair, self.address]


def sign_up_key(client: str) -> str:
    return f"accounts:signup:client:{_digest(client)}"


log = structlog.get_logger("network.accounts")


async def _eval(redis: Redis, script: str, keys: list[str], args: tuple[int, ...]) -> Any:
    """One script per check, so reading the counts and counting the attempt are one atomic step for every replica.

    Without Redis the limits cannot be checked, and a log-in or sign-up that skipped them would be an open door
    for guessing: refused as UNAVAILABLE, which tells the caller to come back shortly."""
    try:
        return await redis.eval(script, len(keys), *keys, *map(str, args))  # type: ignore[misc]  # redis-py: sync|async
    except (RedisError, OSError) as error:
        log.warning("log-in limits unavailable", error=f"{type(error).__name__}: {error}"[:300])
        raise Unavailable("Log-in and sign-up are paused for a moment; try again in a few seconds.") from error


def _wait(seconds: int) -> str:
    minutes = max(1, -(-int(seconds) // 60))  # rounded up, so the caller never comes back too early
    return f"{minutes} minute" if minutes == 1 else f"{minutes} minutes"


async def admit_log_in(redis: Redis, client: str, email: str) -> LogInKeys:
    """Counts the attempt as a failure, or raises RateLimited saying when to come back; `succeeded` or `refund`
    takes it back."""
    keys = LogInKeys.of(client, email)
    limits = (WINDOW_S, CLIENT_FAILURES, PAIR_FAILURES, LOCKED_PAIR_FAILURES, ADDRESS_LOCK)
    refused, ttl = await _eval(redis, _ADMIT, keys.all, limits)
    if refused:
        seconds = max(1, int(ttl))
        whom = "from your network" if refused == 1 else "for this e-mail address from your network"
        raise RateLimited(f"Too many failed log-ins {whom}; try again in {_wait(seconds)}.", retry_after_s=seconds)
    return keys


async def succeeded(redis: Redis, keys: LogInKeys) -> None:
    """The password was right: the attempt was no failure, and this client's failures against the address are
    forgotten (other clients' are not: they were not the owner's)."""
    with contextlib.suppress(Unavailable):  # the password was right: a lost refund must not refuse the owner
        await _eval(redis, _REFUND, keys.all, (1,))


async def refund(redis: Redis, keys: LogInKeys) -> None:
    """The attempt never reached the password check (busy, database down): it was no guess."""
    with contextlib.suppress(Unavailable):  # the caller gets the first failure; this one is logged
        await _eval(redis, _REFUND, keys.all, (0,))


async def admit_sign_up(redis: Redis, client: str) -> None:
    wait = int(await _eval(redis, _SIGN_UP, [sign_up_key(client)], (SIGN_UP_WINDOW_S, SIGN_UPS_PER_CLIENT)))
    if wait:
        raise RateLimited(f"Too many sign-ups from your network; try again in {_wait(wait)}.", retry_after_s=wait)


async def clear(redis: Redis, email: str) -> None:
    """Forgets the failures against an address (its account was erased), from every client."""
    keys = LogInKeys.of("", email)
    await redis.delete(keys.address)
    async for key in redis.scan_iter(match=f"accounts:login:pair:*:{keys.address.rsplit(':', 1)[1]}"):
        await redis.delete(key)
