"""Seconds per stage of a piece of work, for its counts and log lines."""

import time


class Stopwatch:
    def __init__(self, digits: int = 3) -> None:
        self.seconds: dict[str, float] = {}
        self.digits = digits
        self._last = time.perf_counter()

    def lap(self, stage: str) -> None:
        """The time since the last lap (or the start) goes to `stage`."""
        now = time.perf_counter()
        self.seconds[stage] = round(now - self._last, self.digits)
        self._last = now
