"""Failed log-ins per e-mail address, counted in Redis so every API replica sees the same count."""

from redis.asyncio import Redis

from network.accounts.errors import RateLimited

MAX_FAILURES = 10
WINDOW_S = 15 * 60


def failures_key(email: str) -> str:
    return f"accounts:login-failures:{email}"


async def count_attempt(redis: Redis, email: str) -> None:
    """Counts an attempt before the password is checked, so parallel guesses cannot slip past the limit.

    The window starts with the first failure and is not extended by later ones; a successful log-in clears it.
    """
    key = failures_key(email)
    async with redis.pipeline(transaction=True) as pipe:
        pipe.set(key, 0, ex=WINDOW_S, nx=True)
        pipe.incr(key)
        pipe.ttl(key)
        _, attempts, ttl = await pipe.execute()
    if attempts > MAX_FAILURES:
        minutes = max(1, -(-int(ttl) // 60))  # rounded up, so the caller never comes back too early
        unit = "minute" if minutes == 1 else "minutes"
        raise RateLimited(f"Too many failed log-ins for this e-mail address; try again in {minutes} {unit}.")


async def clear(redis: Redis, email: str) -> None:
    await redis.delete(failures_key(email))
