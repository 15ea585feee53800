"""What a soak run was asked for."""

from dataclasses import dataclass

from bench.soak.schedule import KINDS


@dataclass(frozen=True)
class SoakOptions:
    duration_s: float = 600.0
    clients: int = 32
    scale: int = 10_000  # associations of the generated data set
    seed: int = 42
    faults: tuple[str, ...] = KINDS  # empty: no faults, a plain soak
    grace_s: float = 10.0  # after a recovery, failures still count as the fault's
    recovery_deadline_s: float = 180.0  # from injection; later is "not recovered" (Neo4j's own start timeout)
    request_timeout_s: float = 30.0  # a request unanswered this long is a timeout
    memory_every_s: float = 5.0
    suggestions_wait_s: float = 90.0  # for the worker to propose mentees to the clients before the load

    def __post_init__(self) -> None:
        if self.duration_s <= 0:
            raise ValueError(f"duration must be positive, got {self.duration_s} s")
        if self.clients < 1:
            raise ValueError(f"clients must be at least 1, got {self.clients}")
        for name in ("recovery_deadline_s", "request_timeout_s", "memory_every_s"):
            if getattr(self, name) <= 0:
                raise ValueError(f"{name} must be positive, got {getattr(self, name)}")
        for name in ("grace_s", "suggestions_wait_s"):
            if getattr(self, name) < 0:
                raise ValueError(f"{name} must not be negative, got {getattr(self, name)}")
