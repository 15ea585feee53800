"""When a notification refused for now is tried again: waits that double per try, from MAIL_RETRY_S up to six
hours, so a relay that is away for an afternoon is retried a few times, not thousands."""

MAX_WAIT_S = 6 * 3600.0


def retry_delay_s(tries: int, first_s: float) -> float:
    """The wait after the `tries`-th failed try (1 for the first)."""
    return float(min(first_s * 2 ** max(tries - 1, 0), MAX_WAIT_S))
