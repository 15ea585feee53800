"""Exponential back-off between attempts to reach a service that went away."""

from dataclasses import dataclass


@dataclass
class Backoff:
    """Delays that double from `first_s` up to `max_s`; `reset` once the service answers again."""

    first_s: float = 0.5
    max_s: float = 30.0
    attempts: int = 0

    def next_delay(self) -> float:
        """Counts one failed attempt and returns how long to wait before the next."""
        self.attempts += 1
        return float(min(self.first_s * 2 ** (self.attempts - 1), self.max_s))

    def reset(self) -> int:
        """Forgets the failures; how many there were."""
        failed, self.attempts = self.attempts, 0
        return failed
