"""Back-off between attempts to reach Redis: doubling, capped, reset once it answers."""

from jobs.backoff import Backoff


def test_delays_double_up_to_the_cap_and_reset_counts_the_failures() -> None:
    backoff = Backoff(first_s=0.5, max_s=4)
    assert [backoff.next_delay() for _ in range(6)] == [0.5, 1, 2, 4, 4, 4]
    assert backoff.attempts == 6
    assert backoff.reset() == 6
    assert backoff.next_delay() == 0.5
