"""Every database call runs in a transaction with a timeout: a slow read is stopped by the server."""

import time

import neo4j
import pytest

from network.kit.database import Database
from network.kit.errors import Unavailable


async def _sum_of_a_long_range(tx: neo4j.AsyncManagedTransaction) -> int:
    # Two hundred million rows take the server far longer than the half second allowed below.
    result = await tx.run("UNWIND range(1, 200000000) AS x RETURN sum(x) AS total")
    record = await result.single(strict=True)
    return int(record["total"])


async def test_a_slow_read_fails_with_the_transaction_timeout_within_seconds(db: Database) -> None:
    impatient = Database(db.driver, db.name, timeout_s=0.5)
    started = time.monotonic()
    with pytest.raises(Unavailable, match=r"within 0\.5 s") as stopped:
        await impatient.read(_sum_of_a_long_range)
    elapsed = time.monotonic() - started
    # Stopped by the server's transaction timeout or, when its check (on an interval) comes later, by the client's
    # deadline a second after it; either way within seconds, as the same typed error.
    cause = stopped.value.__cause__
    timed_out = "Neo.ClientError.Transaction.TransactionTimedOutClientConfiguration"
    assert isinstance(cause, TimeoutError) or getattr(cause, "code", None) == timed_out, repr(cause)
    assert elapsed < 5, f"the timeout took {elapsed:.1f} s to stop the read"
