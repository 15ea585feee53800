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
    freshness_samples: int | None = None  # mutations timed to fresh suggestions; None: 10 (3 with quick), 0 skips

    def __post_init__(self) -> None:
        if not self.scales:
            raise ValueError("scales: give at least one scale")
        if self.repetitions < 1:
            raise ValueError(f"repetitions must be at least 1, got {self.repetitions}")
        if self.freshness_samples is not None and self.freshness_samples < 0:
            raise ValueError(f"freshness_samples must not be negative, got {self.freshness_samples}")

    @property
    def largest(self) -> int:
        return max(self.scales)


def quiet(stage: str, done: int, total: int) -> None:
    """No progress shown (tests, library use)."""
