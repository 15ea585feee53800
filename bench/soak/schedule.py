"""When each fault is injected: spread evenly over the middle of the run, with quiet time before and after.

The first fault comes after 15% of the run (the "before" phase), the last at 75% at the latest, so the last recovery
is followed by steady load: what comes back must also keep working.
"""

from dataclasses import dataclass

KINDS = ("neo4j", "redis", "worker", "api")  # SIGKILLed in this order
FIRST_AT, LAST_AT = 0.15, 0.75


@dataclass(frozen=True)
class Planned:
    name: str
    kind: str
    at_s: float  # seconds since the load began


def plan(duration_s: float, kinds: tuple[str, ...]) -> list[Planned]:
    unknown = [k for k in kinds if k not in KINDS]
    if unknown:
        raise ValueError(f"faults: unknown {', '.join(unknown)}; choose from {', '.join(KINDS)}")
    if duration_s <= 0:
        raise ValueError(f"duration must be positive, got {duration_s}")
    if not kinds:
        return []
    step = (LAST_AT - FIRST_AT) / (len(kinds) - 1) if len(kinds) > 1 else 0.0
    seen: dict[str, int] = {}
    planned = []
    for index, kind in enumerate(kinds):
        seen[kind] = seen.get(kind, 0) + 1
        planned.append(Planned(f"{kind} #{seen[kind]}", kind, duration_s * (FIRST_AT + index * step)))
    return planned
