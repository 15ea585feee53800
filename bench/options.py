"""What a benchmark run was asked for, shared by every suite: scales, seed, repetitions, and how to report progress."""

from collections.abc import Callable
from dataclasses import dataclass

Progress = Callable[[str, int, int], None]  # (stage, done, total), the same shape as the recompute's progress

SCALES = {"1k": 1_000, "10k": 10_000, "100k": 100_000}
MIN_ASSOCIATIONS = 10  # below this the generator's planted structure and the statistics mean little


def parse_scale(text: str) -> int:
    """`1k`, `10k`, `100k` or a plain number of associations (small ones are for tests)."""
    if text in SCALES:
        return SCALES[text]
    if not text.isdigit() or int(text) < MIN_ASSOCIATIONS:
        raise ValueError(
            f"scale {text!r}: give one of {', '.join(SCALES)} or a number of associations >= {MIN_ASSOCIATIONS}"
        )
    return int(text)


def scale_label(associations: int) -> str:
    for label, count in SCALES.items():
        if count == associations:
            return label
    return str(associations)


@dataclass(frozen=True)
class RunOptions:
    scales: tuple[int, ...] = (10_000,)  # associations; about three volunteers each
    seed: int = 42
    repetitions: int = 3  # timed repetitions per measurement, after the warm-up where one applies
    quick: bool = False  # short durations and few samples: a smoke run, not figures to publish
    live_samples: int | None = None  # changes timed one by one to fresh suggestions; None: 72 (9 with quick), 0 skips
    profile: bool = False  # flame graphs of our API per operation (the api suite), after its measured cells
    live_load: tuple[float, float] | None = (
        None  # (changes a second, seconds) sustained; None: 200 for 60 (quick: 10, 3)
    )

    def __post_init__(self) -> None:
        if not self.scales:
            raise ValueError("scales: give at least one scale")
        if self.repetitions < 1:
            raise ValueError(f"repetitions must be at least 1, got {self.repetitions}")
        if self.live_samples is not None and self.live_samples < 0:
            raise ValueError(f"live_samples must not be negative, got {self.live_samples}")
        if self.live_load is not None and min(self.live_load) < 0:
            raise ValueError(f"live_load must not be negative, got {self.live_load}")

    @property
    def largest(self) -> int:
        return max(self.scales)


def quiet(stage: str, done: int, total: int) -> None:
    """No progress shown (tests, library use)."""
